kontur_extern::endpoint!("../../../../tests/ui/specs/example-unknown-param.yaml");

fn main() {}
