kontur_extern::endpoint!("../../../../tests/ui/specs/several-problems.yaml");

fn main() {}
