kontur_extern::types!("${KONTUR_EXTERN_REPO}/tests/specs/v2/common.yaml");
kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/v2-unknown-type-ref.yaml");

fn main() {}
