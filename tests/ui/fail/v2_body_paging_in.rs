kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/v2-body-paging-in.yaml");

fn main() {}
