kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/example-unknown-param.yaml");

fn main() {}
