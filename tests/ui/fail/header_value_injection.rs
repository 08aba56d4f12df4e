kontur_extern::endpoint!("../../../../tests/ui/specs/header-value-injection.yaml");

fn main() {}
