kontur_extern::endpoint!("../../../../tests/ui/specs/missing-key.yaml");

fn main() {}
