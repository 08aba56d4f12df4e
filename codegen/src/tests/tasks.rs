//! `task:`: the starting spec and the spec that reads its task, checked
//! together (`load_file` reads the second relative to the first).

use std::path::{Path, PathBuf};

use crate::load_file;

/// The print pair of `tests/specs/tasks`, copied to a folder of its own
/// with each `(from, to)` edit made to the file it names; what loading the
/// print spec reports, or `None`.
fn print_pair(name: &str, edits: &[(&str, &str, &str)]) -> (Option<String>, crate::Loaded) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/specs/tasks");
    let dir: PathBuf =
        std::env::temp_dir().join(format!("kontur-extern-tasks-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    for file in ["types.yaml", "docflow-print.yaml", "get-docflow-task.yaml"] {
        let mut text = std::fs::read_to_string(from.join(file)).expect("the fixture");
        for (in_file, old, new) in edits {
            if *in_file == file {
                assert!(text.contains(old), "`{old}` in {file}");
                text = text.replacen(old, new, 1);
            }
        }
        std::fs::write(dir.join(file), text).expect("written");
    }
    let loaded = load_file(&dir.join("docflow-print.yaml"), "docflow-print.yaml");
    let _ = std::fs::remove_dir_all(&dir);
    (
        loaded.problems.as_ref().err().map(ToString::to_string),
        loaded,
    )
}

#[test]
fn the_print_pair_links_and_names_its_reader() {
    let (problems, loaded) = print_pair("sound", &[]);
    assert_eq!(problems, None);
    let task = loaded
        .endpoint
        .and_then(|endpoint| endpoint.task)
        .expect("a task");
    assert_eq!(task.reader.as_deref(), Some("get_docflow_task"));
    assert_eq!(
        (task.id.as_str(), task.param.as_str(), task.state.as_str()),
        ("id", "apiTaskId", "task-state")
    );
    assert_eq!(task.running, ["running"]);
}

#[test]
fn a_param_the_reader_lacks_names_what_the_request_lacks() {
    let (problems, _) = print_pair(
        "param",
        &[("docflow-print.yaml", "param: apiTaskId", "param: taskId")],
    );
    assert_eq!(
        problems.as_deref(),
        Some(
            "docflow-print.yaml:15:10: `task.param` names `taskId`, which is not a required \
             parameter of `get-docflow-task.yaml` (its required parameters that the starting \
             request lacks: `apiTaskId`)"
        )
    );
}

#[test]
fn the_id_is_sent_as_it_came_so_its_type_is_the_param_s() {
    let (problems, _) = print_pair(
        "id-type",
        &[(
            "get-docflow-task.yaml",
            "    - name: apiTaskId\n      in: path\n      doc: The task, as the call that started it answered (`id`).\n      type: uuid",
            "    - name: apiTaskId\n      in: path\n      doc: The task, as the call that started it answered (`id`).\n      type: string",
        )],
    );
    let problems = problems.expect("a problem");
    assert!(
        problems.contains(
            "15:10: `task.param` names `apiTaskId`, whose type in `get-docflow-task.yaml` is \
             not the type of the answer's `id`"
        ),
        "{problems}"
    );
}

#[test]
fn a_state_is_a_string_or_an_enum() {
    let (problems, _) = print_pair(
        "state",
        &[("docflow-print.yaml", "state: task-state", "state: id")],
    );
    assert_eq!(
        problems.as_deref(),
        Some(
            "docflow-print.yaml:16:10: `task.state` names `id`, which is neither a `string` nor \
             an `enum`"
        )
    );
    let (problems, _) = print_pair(
        "state-missing",
        &[("docflow-print.yaml", "state: task-state", "state: status")],
    );
    assert_eq!(
        problems.as_deref(),
        Some(
            "docflow-print.yaml:16:10: `task.state`: `status` is not a required field of the \
             body of every successful answer of `get-docflow-task.yaml`"
        )
    );
}

#[test]
fn a_reader_that_cannot_be_read_is_reported_at_read() {
    let (problems, _) = print_pair(
        "unread",
        &[(
            "docflow-print.yaml",
            "read: get-docflow-task.yaml",
            "read: get-task.yaml",
        )],
    );
    let problems = problems.expect("a problem");
    assert!(
        problems.starts_with(
            "docflow-print.yaml:13:9: cannot read `task.read`, the spec that reads the task \
             (`get-task.yaml`:"
        ),
        "{problems}"
    );
}

/// In a service the reader of a task is read once: loading the spec that
/// starts the task keeps the reader's load, which the service's own entry
/// for the reader then takes (here: after the file is gone, which only
/// the kept load survives), and a load without it reads the file.
#[test]
fn a_service_reads_a_linked_spec_once() {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/specs/tasks");
    let dir: PathBuf =
        std::env::temp_dir().join(format!("kontur-extern-tasks-{}-once", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    for file in ["types.yaml", "docflow-print.yaml", "get-docflow-task.yaml"] {
        std::fs::copy(from.join(file), dir.join(file)).expect("copied");
    }
    let loads = crate::Loads::default();
    let starter = crate::load_file_in(
        &dir.join("docflow-print.yaml"),
        "docflow-print.yaml",
        Some(&loads),
    );
    let reader_path = dir.join("get-docflow-task.yaml");
    let alone = load_file(&reader_path, "get-docflow-task.yaml");
    std::fs::remove_file(&reader_path).expect("removed");
    let kept = crate::load_file_in(&reader_path, "get-docflow-task.yaml", Some(&loads));
    let gone = load_file(&reader_path, "get-docflow-task.yaml");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(starter.problems.is_ok(), "{:?}", starter.problems);
    assert!(kept.problems.is_ok(), "{:?}", kept.problems);
    assert_eq!(kept.endpoint, alone.endpoint);
    assert!(kept.endpoint.is_some());
    assert_eq!(kept.used_files, alone.used_files);
    assert!(gone.problems.is_err(), "the file is gone");
}

/// Every endpoint of the shipped service is what its spec gives loaded
/// alone, links included: taking the linked specs a service has loaded
/// changes nothing.
#[test]
fn the_shipped_service_s_endpoints_are_their_specs_loaded_alone() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/extern");
    let service = crate::load_service(&dir.join("api.yaml"), "spec/extern/api.yaml")
        .map_err(|problems| problems.to_string())
        .expect("the shipped service loads");
    let text = std::fs::read_to_string(dir.join("api.yaml")).expect("api.yaml");
    // Each spec the service names, loaded alone, by its endpoint's name.
    let alone: std::collections::HashMap<String, (String, crate::Endpoint)> = text
        .lines()
        .filter(|line| line.trim_start().starts_with("- { method:"))
        .filter_map(|line| line.split("spec: ").nth(1))
        .map(|rest| rest.trim_end_matches([' ', '}']))
        .map(|spec| {
            let endpoint = crate::load(&dir.join(spec), &format!("spec/extern/{spec}"))
                .map_err(|problems| problems.to_string())
                .expect("loads alone");
            (endpoint.name.clone(), (spec.to_owned(), endpoint))
        })
        .collect();
    let mut compared = 0;
    let mut linked = 0;
    for group in &service.groups {
        for (_, endpoint) in &group.endpoints {
            let (spec, alone) = &alone[&endpoint.name];
            assert_eq!(alone, endpoint, "{spec}");
            compared += 1;
            linked += usize::from(endpoint.task.is_some() || endpoint.chunks.is_some());
        }
    }
    assert!(compared >= 100, "{compared} endpoints");
    assert!(linked >= 5, "{linked} with a link");
}
