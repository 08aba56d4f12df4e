kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/spec/no-such-spec.yaml");

fn main() {}
