kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/v2-keys-patterns.yaml");

fn main() {}
