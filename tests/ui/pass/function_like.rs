//! The function-like macro: a module named after the endpoint.

use kontur_extern::{Endpoint, Url};

kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/spec/password-token.yaml");

use password_token::{PasswordToken, Request, Required, Response, TokenType};

fn main() {
    let request = Request::new(Required { client_id: "extern.api".into(), client_secret: "api-key".into(), username: "user@login.ru".into(), password: "password".into() })
        .with_partial_factor_token("second-factor");
    let base_url = Url::parse("https://identity.kontur.ru").unwrap();
    let http = PasswordToken::encode(&request, &base_url).unwrap();
    assert_eq!(http.uri(), "https://identity.kontur.ru/connect/token");

    let example = &PasswordToken::examples()[0];
    let response: Response = PasswordToken::decode(example.documented_response.to_http()).unwrap();
    assert_eq!(response.token_type, TokenType::Bearer);
}
