kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/v2-paging-both-kinds.yaml");

fn main() {}
