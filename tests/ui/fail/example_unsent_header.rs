kontur_extern::endpoint!("../../../../tests/ui/specs/example-unsent-header.yaml");

fn main() {}
