kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/several-problems.yaml");

fn main() {}
