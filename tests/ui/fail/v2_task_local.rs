kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/v2-task-local.yaml");

fn main() {}
