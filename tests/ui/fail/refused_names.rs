kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/refused-names.yaml");

fn main() {}
