kontur_extern::endpoint!("../../../../tests/ui/specs/duplicate-param.yaml");

fn main() {}
