kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/v2-text-outcomes.yaml");

fn main() {}
