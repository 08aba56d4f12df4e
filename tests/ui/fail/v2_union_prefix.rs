kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/v2-union-prefix.yaml");

fn main() {}
