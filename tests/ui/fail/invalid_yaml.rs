kontur_extern::endpoint!("../../../../tests/ui/specs/invalid-yaml.yaml");

fn main() {}
