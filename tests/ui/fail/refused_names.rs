kontur_extern::endpoint!("../../../../tests/ui/specs/refused-names.yaml");

fn main() {}
