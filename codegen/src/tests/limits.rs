//! The resource limits of loading: each pathological input is refused with
//! its own message, at the place it goes wrong, and a spec within the
//! limits (aliases included) still loads.

use super::{MINIMAL, problems, variant};
use crate::yaml::{MAX_ALIAS_NODES, MAX_NESTING, MAX_NODES, MAX_SPEC_BYTES, MAX_TEXT_BYTES};
use crate::*;

const NESTING: &str =
    "the spec nests lists and mappings deeper than 32 levels; the format needs at most 5";
const ALIASES: &str = "the spec's aliases (`*name`) expand to more than 10000 YAML nodes; a spec needs far fewer: write the repeated part out instead";

/// A "billion laughs": ten anchored lists, each of ten aliases of the one
/// before, as mapping entries indented by `indent`; 10^10 nodes expanded.
fn alias_bomb(indent: &str) -> String {
    let mut lines = vec![format!(
        "{indent}lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"
    )];
    for level in 1..10 {
        let aliases = vec![format!("*a{}", level - 1); 10].join(", ");
        lines.push(format!("{indent}lol{level}: &a{level} [{aliases}]"));
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_limits_are_the_documented_numbers() {
    // The messages below spell them out.
    assert_eq!(MAX_SPEC_BYTES, 1_048_576);
    assert_eq!(MAX_NESTING, 32);
    assert_eq!(MAX_ALIAS_NODES, 10_000);
    assert_eq!(MAX_NODES, 100_000);
    assert_eq!(MAX_TEXT_BYTES, 4_194_304);
}

#[test]
fn a_spec_longer_than_the_limit_is_refused_unparsed() {
    let long = format!("{MINIMAL}# {}\n", "x".repeat(MAX_SPEC_BYTES));
    assert_eq!(
        problems(&long),
        [format!(
            "t.yaml: the spec file is {} bytes; specs are limited to 1048576 bytes (1 MiB): is this the right file?",
            long.len()
        )]
    );
    // Exactly at the limit is fine: the only problem is the spec's own.
    let padded = format!(
        "{MINIMAL}#{}",
        " ".repeat(MAX_SPEC_BYTES - MINIMAL.len() - 1)
    );
    assert_eq!(padded.len(), MAX_SPEC_BYTES);
    assert_eq!(problems(&padded), Vec::<String>::new());
}

#[test]
fn a_spec_file_longer_than_the_limit_is_refused_unread() {
    let dir = std::env::temp_dir().join(format!("kontur-extern-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.yaml");
    // Sparse: ten megabytes of zeros the test never writes.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(10 * 1024 * 1024).unwrap();
    drop(file);

    let loaded = load_file(&path, "spec/huge.yaml");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(loaded.endpoint.is_none());
    assert_eq!(
        loaded.problems.unwrap_err().to_string(),
        "spec/huge.yaml: the spec file is 10485760 bytes; specs are limited to 1048576 bytes (1 MiB): is this the right file?"
    );
}

#[test]
fn nesting_deeper_than_the_limit_is_refused_where_it_gets_too_deep() {
    let flow_lists = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let flow_maps = format!("{}1{}", "{a: ".repeat(10_000), "}".repeat(10_000));
    let block_lists = format!("{}x\n", "- ".repeat(10_000));
    let block_maps: String = (0..1_000)
        .map(|depth| format!("{}k:\n", " ".repeat(depth)))
        .collect();
    // The 33rd level is the first one too deep.
    assert_eq!(problems(&flow_lists), [format!("t.yaml:1:33: {NESTING}")]);
    assert_eq!(problems(&flow_maps), [format!("t.yaml:1:129: {NESTING}")]);
    assert_eq!(problems(&block_lists), [format!("t.yaml:1:65: {NESTING}")]);
    assert_eq!(problems(&block_maps), [format!("t.yaml:33:33: {NESTING}")]);

    // Flow inside block: the scanner, which reads ahead, stops at the
    // 33rd bracket, a little past the 33rd level.
    let mixed = variant(&[(
        "body: form\n",
        &format!("body: form\n  x: {}\n", "[".repeat(40)),
    )]);
    assert_eq!(problems(&mixed), [format!("t.yaml:10:38: {NESTING}")]);

    // 32 levels are allowed: the problem is then the spec's shape.
    let at_limit = format!("{}{}", "[".repeat(32), "]".repeat(32));
    assert_eq!(
        problems(&at_limit),
        ["t.yaml:1:1: the spec should be a mapping of keys to values, but is a list"]
    );
}

#[test]
fn an_alias_bomb_is_refused_where_the_expansion_passes_the_limit() {
    assert_eq!(
        problems(&alias_bomb("")),
        [format!("t.yaml:5:12: {ALIASES}")]
    );

    // Hidden where the format allows any key: an example's `params`.
    let hidden = variant(&[(
        "        username: user\n",
        &format!("        username: user\n{}", alias_bomb("        ")),
    )]);
    assert_eq!(problems(&hidden), [format!("t.yaml:37:20: {ALIASES}")]);
}

#[test]
fn aliases_within_the_limit_are_read_as_written_out() {
    let yaml = variant(&[
        (
            "      type: string\n      optional: true\n",
            "      type: &text string\n      optional: &yes true\n",
        ),
        (
            "    - name: access_token\n      type: string\n",
            "    - name: access_token\n      type: *text\n      optional: *yes\n",
        ),
    ]);
    let loaded = load_str("t.yaml", &yaml);
    assert_eq!(loaded.problems, Ok(()));
    let endpoint = loaded.endpoint.expect("an endpoint");
    assert!(endpoint.response.fields[0].optional);
}

#[test]
fn anchors_that_hold_too_much_are_refused() {
    // Anchors nested in anchors: each level keeps its own copy.
    let inner = vec!["1"; 10_000].join(",");
    let nested = format!(
        "x: {}{inner}{}\n",
        (0..30).map(|i| format!("&a{i} [")).collect::<String>(),
        "]".repeat(30)
    );
    let problems = problems(&nested);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].ends_with(
            "the spec's anchors (`&name`) hold more than 100000 YAML nodes in all (a nested anchor counts again, an alias inside one counts what it expands to); a spec needs far fewer: anchor smaller parts"
        ),
        "{problems:?}"
    );
}

#[test]
fn a_spec_of_too_many_nodes_is_refused() {
    let many = format!("[{}]", vec!["[]"; MAX_NODES].join(","));
    assert_eq!(
        problems(&many),
        [
            "t.yaml:1:299999: the spec has more than 100000 YAML nodes (values, lists and mappings); a spec has a few hundred: is this the right file?"
        ]
    );
}

#[test]
fn aliases_of_long_text_are_refused_past_the_text_limit() {
    let yaml = format!(
        "a: &s \"{}\"\nb: [{}]\n",
        "x".repeat(500_000),
        ["*s"; 10].join(", ")
    );
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:2:33: the spec's values hold more than 4194304 bytes of text, counting what aliases (`*name`) repeat; write the repeated part out instead"
        ]
    );
}

#[test]
fn too_many_merge_keys_are_refused() {
    let yaml = format!("x:\n{}", "- <<: {a: 1}\n".repeat(10_001));
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:10002:3: the spec has more than 10000 merge keys (`<<:`); a spec needs a few at most"
        ]
    );
}

/// A file whose size the file system does not know is read only up to the
/// limit: `/dev/zero` never ends.
#[cfg(unix)]
#[test]
fn an_endless_file_is_read_only_up_to_the_limit() {
    let loaded = load_file(std::path::Path::new("/dev/zero"), "spec/zero.yaml");
    assert!(loaded.endpoint.is_none());
    assert_eq!(
        loaded.problems.unwrap_err().to_string(),
        "spec/zero.yaml: the spec file is more than 1048576 bytes; specs are limited to 1048576 bytes (1 MiB): is this the right file?"
    );
}

/// An enum's work grows with its values: more than the limit are refused
/// where they are listed, the limit itself is read.
#[test]
fn an_enum_of_more_values_than_the_limit_is_refused() {
    use crate::yaml::MAX_ENUM_VALUES;
    assert_eq!(MAX_ENUM_VALUES, 10_000);
    let spec = |count: usize| {
        let values: Vec<String> = (0..count).map(|i| format!("v{i}")).collect();
        format!(
            "spec: 2\ntypes:\n  Big:\n    type: enum\n    values: [{}]\n{}",
            values.join(", "),
            V2_TAIL
        )
    };
    let found = problems(&spec(MAX_ENUM_VALUES + 1));
    assert_eq!(
        found,
        [
            "t.yaml:5:13: `values` of type `Big` lists 10001 values; an enum may have at most 10000, so that no spec can cost a build unbounded time"
        ]
    );
    assert_eq!(problems(&spec(MAX_ENUM_VALUES)), Vec::<String>::new());
}

/// The rest of a small version 2 spec whose body is one field of type `Big`.
const V2_TAIL: &str = r#"endpoint:
  name: get_big
  summary: Big.
  method: GET
  base_url: https://example.com
  path: /big
request:
  body: form
response:
  status: 200
  content_type: application/json
  body:
    type: object
    fields:
      - name: big
        type: Big
error:
  format: kontur_api
examples:
  - name: basic
    request: {}
    response:
      status: 200
      body: '{"big": "v1"}'
"#;
