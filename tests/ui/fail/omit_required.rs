//! `password` is required: the `Required` struct literal must name every
//! required parameter, so leaving one out is a compile error naming it.

kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/spec/password-token.yaml");

fn main() {
    // `password` is missing: the struct literal does not compile.
    let _request = password_token::Request::new(password_token::Required {
        client_id: "extern.api".into(),
        client_secret: "api-key".into(),
        username: "user@login.ru".into(),
    });
}
