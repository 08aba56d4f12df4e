kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/v2-union-list-in-list.yaml");

fn main() {}
