//! `password` is required: `new` takes every required parameter.

kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/spec/password-token.yaml");

fn main() {
    let _request = password_token::Request::new("extern.api", "api-key", "user@login.ru");
}
