kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/unknown-type.yaml");

fn main() {}
