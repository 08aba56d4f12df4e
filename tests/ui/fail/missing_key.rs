kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/missing-key.yaml");

fn main() {}
