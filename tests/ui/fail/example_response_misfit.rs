kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/example-response-misfit.yaml");

fn main() {}
