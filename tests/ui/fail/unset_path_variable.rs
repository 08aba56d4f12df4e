kontur_extern::endpoint!("${KONTUR_EXTERN_NO_SUCH_VARIABLE}/spec/password-token.yaml");

fn main() {}
