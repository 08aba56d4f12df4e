kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/const-with-default.yaml");

fn main() {}
