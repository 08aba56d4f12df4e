kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/v2-keys-example-misfit.yaml");

fn main() {}
