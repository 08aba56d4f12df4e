kontur_extern::endpoint!("../../../../tests/ui/specs/unknown-key.yaml");

fn main() {}
