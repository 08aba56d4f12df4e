kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/header-value-injection.yaml");

fn main() {}
