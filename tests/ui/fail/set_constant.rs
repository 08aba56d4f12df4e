//! `grant_type` is a constant of the spec: no field, no setter.

kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/spec/password-token.yaml");

fn main() {
    let request = password_token::Request::new(password_token::Required { client_id: "extern.api".into(), client_secret: "api-key".into(), username: "user@login.ru".into(), password: "password".into() });
    let _ = &request.grant_type;
    let _ = request.with_grant_type("client_credentials");
}
