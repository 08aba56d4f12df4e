kontur_extern::endpoint!("../../../../tests/ui/specs/const-caller-set.yaml");

fn main() {}
