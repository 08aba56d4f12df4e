kontur_extern::endpoint!("../../../../tests/ui/specs/wrong-value-type.yaml");

fn main() {}
