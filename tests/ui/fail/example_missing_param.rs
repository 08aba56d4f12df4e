kontur_extern::endpoint!("../../../../tests/ui/specs/example-missing-param.yaml");

fn main() {}
