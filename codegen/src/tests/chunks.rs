//! `chunks:`: the spec that takes a content's first chunk and the spec that
//! takes the others, checked together (`load_file` reads the second
//! relative to the first), and a service that lists only the first.

use std::path::{Path, PathBuf};

use crate::load_file;

/// The shipped upload pair, copied to a folder of its own with each
/// `(file, from, to)` edit made; what loading the first spec reports, and
/// the folder (removed by the caller's `done`).
fn upload_pair(name: &str, edits: &[(&str, &str, &str)]) -> (Option<String>, crate::Loaded) {
    let dir = copied(name, edits);
    let loaded = load_file(&dir.join("upload-content.yaml"), "upload-content.yaml");
    let _ = std::fs::remove_dir_all(&dir);
    (
        loaded.problems.as_ref().err().map(ToString::to_string),
        loaded,
    )
}

fn copied(name: &str, edits: &[(&str, &str, &str)]) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/extern");
    let dir: PathBuf = std::env::temp_dir().join(format!(
        "kontur-extern-chunks-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("a folder");
    for file in ["upload-content.yaml", "upload-content-chunk.yaml"] {
        let mut text = std::fs::read_to_string(from.join(file)).expect("the spec");
        for (in_file, old, new) in edits {
            if *in_file == file {
                assert!(text.contains(old), "`{old}` in {file}");
                text = text.replacen(old, new, 1);
            }
        }
        std::fs::write(dir.join(file), text).expect("written");
    }
    dir
}

const FIRST: &str = "upload-content.yaml";
const NEXT: &str = "upload-content-chunk.yaml";

#[test]
fn the_upload_pair_links_and_names_the_next_endpoint() {
    let (problems, loaded) = upload_pair("sound", &[]);
    assert_eq!(problems, None);
    let chunks = loaded
        .endpoint
        .and_then(|endpoint| endpoint.chunks)
        .expect("chunks");
    assert_eq!(
        chunks.next_endpoint.as_deref(),
        Some("upload_content_chunk")
    );
    assert_eq!(
        (
            chunks.range.as_str(),
            chunks.max,
            chunks.complete.as_str(),
            chunks.id.as_str(),
            chunks.param.as_str()
        ),
        ("Content-Range", Some(64_000_000), "complete", "id", "id")
    );
}

/// The first problem reported, without its position.
fn first_problem(problems: Option<String>) -> String {
    let problems = problems.expect("a problem");
    let line = problems.lines().next().unwrap_or_default().to_owned();
    line.splitn(4, ':')
        .nth(3)
        .unwrap_or(&line)
        .trim()
        .to_owned()
}

#[test]
fn the_range_is_a_required_string_header_of_both_requests() {
    let (problems, _) = upload_pair(
        "range",
        &[(FIRST, "  range: Content-Range", "  range: Range")],
    );
    assert_eq!(
        first_problem(problems),
        "`chunks.range`: `Range` is not a parameter of the request; declare it `in: header`, \
         `type: string`, required: it says which bytes a request carries"
    );
    let (problems, _) = upload_pair(
        "range-optional",
        &[(
            FIRST,
            "      type: string\n\nresponses:",
            "      type: string\n      optional: true\n\nresponses:",
        )],
    );
    assert_eq!(
        first_problem(problems),
        "`chunks.range`: `Content-Range` must be a required `string` header parameter (`in: \
         header`, `type: string`): each chunk sets it"
    );
    let (problems, _) = upload_pair(
        "range-next",
        &[(
            NEXT,
            "      type: string\n\nresponses:",
            "      type: string\n      optional: true\n\nresponses:",
        )],
    );
    let problems = problems.expect("a problem");
    assert!(
        problems.contains(
            "`chunks.next`: in `upload-content-chunk.yaml`, `Content-Range` must be a required \
             `string` header parameter"
        ),
        "{problems}"
    );
}

#[test]
fn complete_names_a_successful_outcome_of_both() {
    let (problems, _) = upload_pair(
        "complete",
        &[(FIRST, "  complete: complete", "  complete: done")],
    );
    assert_eq!(
        first_problem(problems),
        "`chunks.complete`: names `done`, which is not a successful outcome (the outcomes: \
         `partial`, `complete`)"
    );
    let (problems, _) = upload_pair(
        "complete-next",
        &[(NEXT, "    name: complete", "    name: whole")],
    );
    let problems = problems.expect("a problem");
    assert!(
        problems.contains(
            "`chunks.complete`, in `upload-content-chunk.yaml`: names `complete`, which is not \
             a successful outcome (the outcomes: `partial`, `whole`)"
        ),
        "{problems}"
    );
}

#[test]
fn the_body_is_binary_and_the_largest_chunk_a_byte_at_least() {
    let (problems, _) = upload_pair("max", &[(FIRST, "  max: 64000000", "  max: 0")]);
    assert_eq!(
        first_problem(problems),
        "`chunks.max` is 0; the largest chunk the server takes is at least one byte (64 MB is \
         67108864)"
    );
    let (problems, _) = upload_pair(
        "next-body",
        &[
            (NEXT, "  body: binary", "  body: form"),
            (NEXT, "      body: \" world\"\n", ""),
            (NEXT, "      body: \" wo\"\n", ""),
        ],
    );
    let problems = problems.expect("a problem");
    assert!(
        problems.contains("`chunks.next`: `upload-content-chunk.yaml` does not send a binary body"),
        "{problems}"
    );
}

#[test]
fn the_next_request_takes_the_id_and_the_first_request_s_parameters() {
    let (problems, _) = upload_pair("param", &[(FIRST, "  param: id", "  param: contentId")]);
    assert_eq!(
        first_problem(problems),
        "`chunks.param` names `contentId`, which is not a required parameter of \
         `upload-content-chunk.yaml` (its required parameters that the starting request lacks: \
         `id`)"
    );
    let (problems, _) = upload_pair("id", &[(FIRST, "  id: id\n", "  id: content-id\n")]);
    assert_eq!(
        first_problem(problems),
        "`chunks.id` names `content-id`, which is not a required field of the body of every \
         answer"
    );
}

#[test]
fn a_service_lists_the_next_spec_too() {
    let dir = copied("service", &[]);
    std::fs::write(
        dir.join("api.yaml"),
        "spec: 2\nservice:\n  name: ContentsApi\ngroups:\n  - name: contents\n    bind: \
         [accountId]\n    endpoints:\n      - { method: upload, spec: upload-content.yaml }\n",
    )
    .expect("written");
    let problems = crate::service::load_service(&dir.join("api.yaml"), "api.yaml")
        .err()
        .map(|problems| problems.to_string());
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        first_problem(problems),
        "`upload-content.yaml` takes the first chunk of a content whose other chunks \
         `upload-content-chunk.yaml` takes (`chunks.next`), which the service does not list; \
         add it to a group, so that the group's `…_from` method can send them"
    );
}
