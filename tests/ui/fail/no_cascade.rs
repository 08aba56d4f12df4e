//! A spec whose only problem is in an example: the one spec error is
//! reported, and the user's code that uses the generated types still compiles.

kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/example-unknown-param.yaml");

use password_token::{Request, TokenType};

fn main() {
    let _request = Request::new("extern.api", "api-key", "user@login.ru", "password");
    let _bearer = TokenType::Bearer;
}
