kontur_extern::api!("${KONTUR_EXTERN_REPO}/tests/ui/specs/task-service/api.yaml");

fn main() {}
