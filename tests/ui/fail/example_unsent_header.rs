kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/example-unsent-header.yaml");

fn main() {}
