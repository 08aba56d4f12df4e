kontur_extern::endpoint!("${KONTUR_EXTERN_REPO}/tests/ui/specs/invalid-yaml.yaml");

fn main() {}
