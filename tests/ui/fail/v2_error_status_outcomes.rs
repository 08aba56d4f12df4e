kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/v2-error-status-outcomes.yaml");

fn main() {}
