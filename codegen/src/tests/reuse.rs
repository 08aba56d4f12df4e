//! What loading keeps between specs in one thread (a type file's `use:`
//! list, parsed once; the state of the resolver once a spec's type files
//! are added) is kept only while the files stay the same: a type file
//! edited between two loads, as in a proc-macro server that expands again
//! after an edit, is read afresh.

use std::path::{Path, PathBuf};

use crate::{Loaded, load_file};

const TYPES: &str = "spec: 2\nmodule: shared\ntypes:\n  Thing:\n    type: object\n    fields:\n      - name: first\n        type: string\n";

/// A spec of its own name, reading a `Thing` of `types.yaml`.
fn spec(name: &str) -> String {
    format!(
        "spec: 2\nuse: [types.yaml]\nendpoint:\n  name: {name}\n  summary: Reads a thing.\n  method: GET\n  base_url: https://example.com\n  path: /{name}\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: Thing\nerror:\n  format: kontur_api\nexamples:\n  - name: one\n    doc: Written for the test.\n    request: {{}}\n    response:\n      status: 200\n      body: '{{\"first\": \"a\"}}'\n"
    )
}

fn folder(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("kontur-extern-reuse-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    for spec_name in ["read_one", "read_two"] {
        std::fs::write(dir.join(format!("{spec_name}.yaml")), spec(spec_name)).expect("written");
    }
    dir
}

fn load(dir: &Path, spec_name: &str) -> Loaded {
    let file = format!("{spec_name}.yaml");
    load_file(&dir.join(&file), &file)
}

/// The spec loads without problems.
fn sound(loaded: &Loaded) {
    if let Err(problems) = &loaded.problems {
        panic!("loads without problems:\n{problems}");
    }
    assert!(loaded.endpoint.is_some());
}

#[test]
fn an_edited_type_file_is_resolved_again() {
    let dir = folder("edited");
    std::fs::write(dir.join("types.yaml"), TYPES).expect("written");
    sound(&load(&dir, "read_one"));
    sound(&load(&dir, "read_two"));
    // The example's body has `first`; `Thing` now asks for `second`.
    std::fs::write(dir.join("types.yaml"), TYPES.replace("first", "second")).expect("written");
    let edited = load(&dir, "read_one");
    let _ = std::fs::remove_dir_all(&dir);
    let edited = edited
        .problems
        .expect_err("the example no longer fits")
        .to_string();
    assert!(edited.contains("second"), "{edited}");
}

#[test]
fn a_type_file_broken_after_a_load_is_reported() {
    let dir = folder("broken");
    std::fs::write(dir.join("types.yaml"), TYPES).expect("written");
    sound(&load(&dir, "read_one"));
    // Its `use:` list now names a file that is not there, and then its
    // text is not YAML: each load says so, never what it read before.
    std::fs::write(
        dir.join("types.yaml"),
        TYPES.replace("module: shared\n", "module: shared\nuse: [gone.yaml]\n"),
    )
    .expect("written");
    let missing = load(&dir, "read_two");
    std::fs::write(dir.join("types.yaml"), "spec: 2\ntypes: [\n").expect("written");
    let broken = load(&dir, "read_one");
    let _ = std::fs::remove_dir_all(&dir);
    let missing = missing
        .problems
        .expect_err("a missing type file")
        .to_string();
    assert!(missing.contains("gone.yaml"), "{missing}");
    let broken = broken.problems.expect_err("not YAML").to_string();
    assert!(broken.contains("types.yaml"), "{broken}");
}
