#[derive(kontur_extern::Endpoint)]
pub struct Token;

#[derive(kontur_extern::Endpoint)]
#[endpoint(path = "spec/password-token.yaml")]
pub struct Other;

fn main() {}
