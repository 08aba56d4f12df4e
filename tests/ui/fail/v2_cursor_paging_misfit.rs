kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/v2-cursor-paging-misfit.yaml");

fn main() {}
