//! A spec whose only problem is in an example: the one spec error is
//! reported, and the user's code that uses the generated types still compiles.

kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/example-unknown-param.yaml");

use password_token::{Request, Required, TokenType};

fn main() {
    let _request = Request::new(Required { client_id: "extern.api".into(), client_secret: "api-key".into(), username: "user@login.ru".into(), password: "password".into() });
    let _bearer = TokenType::Bearer;
}
