kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/v2-undeclared-keys-needless.yaml");

fn main() {}
