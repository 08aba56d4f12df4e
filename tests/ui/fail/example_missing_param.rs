kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/example-missing-param.yaml");

fn main() {}
