kontur_extern::endpoint!("../../../../tests/ui/specs/example-response-misfit.yaml");

fn main() {}
