kontur_extern::endpoint!("../../../../tests/ui/specs/unknown-type.yaml");

fn main() {}
