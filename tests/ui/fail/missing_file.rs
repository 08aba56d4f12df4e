kontur_extern::endpoint!("../../../../spec/no-such-spec.yaml");

fn main() {}
