//! Lists the shipped specs (`spec/extern/*.yaml`) for `src/shipped.rs`, so
//! that a spec added to the folder is built into the binary without an edit
//! here: `$OUT_DIR/shipped.rs` holds `(file name, include_str!(file))` for
//! each, the service file first, the rest by name.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let folder = manifest.join("spec/extern");
    // A file added or removed changes the folder; an edit is tracked by
    // `include_str!` itself.
    println!("cargo:rerun-if-changed={}", folder.display());
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", folder.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    names.sort_by_key(|name| (name != "api.yaml", name.clone()));
    assert_eq!(
        names.first().map(String::as_str),
        Some("api.yaml"),
        "spec/extern has no api.yaml"
    );
    let mut code = String::from("&[\n");
    for name in &names {
        let path = folder.join(name);
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("writes to a String");
    }
    code.push_str("]\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    std::fs::write(out.join("shipped.rs"), code).expect("writes OUT_DIR/shipped.rs");
}
