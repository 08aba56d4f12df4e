kontur_extern::endpoint!("../../../../tests/ui/specs/const-with-default.yaml");

fn main() {}
