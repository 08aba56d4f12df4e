kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/wrong-value-type.yaml");

fn main() {}
