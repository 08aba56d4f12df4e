kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/duplicate-param.yaml");

fn main() {}
