kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/const-caller-set.yaml");

fn main() {}
