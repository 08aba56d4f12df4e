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

/// A spec whose type files start with those of another spec loaded before
/// it in the thread (`types.yaml`, then a file of its own) starts from that
/// state; and one that names a file in `use:` shares the state of one that
/// only reaches it through another file. Either way its model is the one a
/// thread that loaded nothing before gives.
#[test]
fn a_spec_started_from_another_spec_s_type_files_equals_it_loaded_in_a_fresh_thread() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/extern");
    // `use: [types.yaml]`; `[docflow-types.yaml]` (which uses types.yaml:
    // the same first file, not named by the spec); `[types.yaml,
    // docflow-types.yaml]` (both named); two that add another file to
    // types.yaml; and the first kind again.
    let specs = [
        "get-account.yaml",
        "docflow-document-print.yaml",
        "generate-documents-request.yaml",
        "send-reply.yaml",
        "generate-reply.yaml",
        "get-docflow.yaml",
    ];
    let warm: Vec<crate::Endpoint> = specs
        .iter()
        .map(|spec| {
            crate::load(&dir.join(spec), spec)
                .map_err(|problems| problems.to_string())
                .expect("loads")
        })
        .collect();
    for (spec, warm) in specs.iter().zip(warm) {
        let path = dir.join(spec);
        let name = spec.to_string();
        let fresh = std::thread::spawn(move || {
            crate::load(&path, &name)
                .map_err(|problems| problems.to_string())
                .expect("loads")
        })
        .join()
        .expect("the fresh thread");
        assert_eq!(warm, fresh, "{spec}");
    }
}

/// A spec reaches only the type files it names in `use:`: one that names a
/// file which uses `types.yaml` does not reach `types.yaml`'s types, even
/// when it starts from the state another spec, which names `types.yaml`,
/// left in the thread.
#[test]
fn a_type_file_reached_only_through_another_stays_out_of_reach_after_a_spec_that_names_it() {
    let dir = folder("reach");
    std::fs::write(dir.join("types.yaml"), TYPES).expect("written");
    let other = "spec: 2\nmodule: other\nuse: [types.yaml]\ntypes:\n  Other:\n    type: object\n    fields:\n      - name: second\n        type: string\n";
    std::fs::write(dir.join("other.yaml"), other).expect("written");
    let through = spec("read_through").replace("use: [types.yaml]", "use: [other.yaml]");
    std::fs::write(dir.join("read_through.yaml"), through).expect("written");
    let alone = {
        let dir = dir.clone();
        std::thread::spawn(move || load(&dir, "read_through"))
            .join()
            .expect("a fresh thread")
    };
    sound(&load(&dir, "read_one"));
    let after = load(&dir, "read_through");
    let _ = std::fs::remove_dir_all(&dir);
    let alone = alone
        .problems
        .expect_err("Thing is out of reach")
        .to_string();
    let after = after
        .problems
        .expect_err("Thing is out of reach")
        .to_string();
    assert!(alone.contains("Thing"), "{alone}");
    assert_eq!(after, alone);
}

#[test]
fn a_service_checks_each_type_file_once_for_itself_and_its_specs() {
    // The service lists its type files (`types:`) and its specs `use:`
    // them: one parse and one check each, in a fresh thread as a proc
    // macro's first expansion.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/extern");
    let checked = std::thread::spawn(move || {
        crate::load_service(&dir.join("api.yaml"), "api.yaml").expect("the shipped service loads");
        crate::types::CHECKED_FILES.with(|checked| checked.borrow().clone())
    })
    .join()
    .expect("the load does not panic");
    assert!(checked.contains(&"types.yaml".to_owned()), "{checked:?}");
    let mut seen: Vec<&String> = Vec::new();
    for file in &checked {
        assert!(!seen.contains(&file), "`{file}` checked twice: {checked:?}");
        seen.push(file);
    }
}
