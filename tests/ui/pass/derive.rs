//! The derive form: the user names and places the endpoint type; the other
//! types sit beside it, named after it, with its visibility.

mod auth {
    #[derive(kontur_extern::Endpoint)]
    #[endpoint(spec = "${KONTUR_EXTERN_REPO}/spec/password-token.yaml")]
    pub struct Token;
}

use auth::{Token, TokenRequest, TokenRequired, TokenResponse, TokenTokenType};
use kontur_extern::Endpoint;

fn main() {
    let request = TokenRequest::new(TokenRequired { client_id: "extern.api".into(), client_secret: "api-key".into(), username: "user@login.ru".into(), password: "password".into() });
    let base_url = kontur_extern::Url::parse(Token::METADATA.default_base_url).unwrap();
    let _http = Token::encode(&request, &base_url).unwrap();

    let example = &Token::examples()[0];
    let response: TokenResponse = Token::decode(example.documented_response.to_http()).unwrap();
    assert_eq!(response.token_type, TokenTokenType::Bearer);
}
