//! Spec version 2's types: one test per rule, pinned to the exact
//! `file:line:col: message` a user sees.

use crate::types::model::{FieldPresence, ItemKind, Ty};
use crate::*;

/// A small valid version 2 spec; tests change one thing at a time. Line
/// numbers count from `spec: 2` as line 1.
const MINIMAL: &str = r#"spec: 2
types:
  Link:
    type: object
    fields:
      - name: href
        type: url
      - name: rel
        type: string
        optional: true
endpoint:
  name: get_thing
  summary: Get a thing.
  method: POST
  base_url: https://example.com
  path: /thing
request:
  body: json
  json:
    type: object
    fields:
      - name: thing-id
        type: uuid
response:
  status: 200
  content_type: application/json
  body:
    type: object
    type_name: Thing
    fields:
      - name: id
        type: uuid
      - name: links
        type: list
        items: { type: Link }
      - name: kind
        type: enum
        values: [urn:kind:small, urn:kind:large]
      - name: made
        type: datetime
        optional: true
error:
  format: oauth2
examples:
  - name: basic
    request:
      body: '{"thing-id": "a9bc74bd-311b-43f0-aff7-faba24ce35d9"}'
    response:
      status: 200
      body: |
        {
          "id": "a9bc74bd-311b-43f0-aff7-faba24ce35d9",
          "links": [{"href": "https://example.com/x", "rel": "self"}],
          "kind": "urn:kind:small",
          "made": "2020-02-26T09:51:08.4636938"
        }
"#;

pub(super) fn variant(edits: &[(&str, &str)]) -> String {
    let mut yaml = MINIMAL.to_owned();
    for (old, new) in edits {
        assert_eq!(yaml.matches(old).count(), 1, "`{old}` must occur once");
        yaml = yaml.replacen(old, new, 1);
    }
    yaml
}

pub(super) fn problems(yaml: &str) -> Vec<String> {
    match load_str("v2.yaml", yaml).problems {
        Ok(()) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

pub(super) fn one_problem(yaml: &str) -> String {
    let found = problems(yaml);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    found.into_iter().next().unwrap_or_default()
}

#[test]
fn the_minimal_spec_is_valid_and_builds_one_type_space() {
    let loaded = load_str("v2.yaml", MINIMAL);
    assert_eq!(loaded.problems, Ok(()));
    let endpoint = loaded.endpoint.expect("an endpoint");
    assert_eq!(endpoint.version, 2);
    let names: Vec<&str> = endpoint
        .types
        .items
        .iter()
        .map(|item| item.name.as_str())
        .collect();
    assert_eq!(names, ["Link", "RequestBody", "Thing", "ThingKind"]);
    let Some(Ty::Item(body)) = &endpoint.response.body else {
        panic!("the body is an item");
    };
    let ItemKind::Object(fields) = &endpoint.types.get(*body).kind else {
        panic!("an object");
    };
    assert_eq!(fields[3].rust, "made");
    assert_eq!(fields[3].presence, FieldPresence::Optional);
    assert!(matches!(&fields[1].ty, Ty::List(inner) if matches!(**inner, Ty::Item(_))));
}

#[test]
fn an_unknown_type_is_reported_where_it_is_named_with_what_exists() {
    let yaml = variant(&[("items: { type: Link }", "items: { type: Lnk }")]);
    assert_eq!(
        one_problem(&yaml),
        "v2.yaml:35:24: unknown type `Lnk`; expected one of: string, integer, number, boolean, \
         duration_seconds, url, uuid, datetime, date, bytes, json, enum, object, list, map, \
         union or a named type: Link"
    );
}

#[test]
fn a_cycle_is_reported_with_its_path() {
    let yaml = variant(&[(
        "      - name: rel\n        type: string\n        optional: true\n",
        "      - name: rel\n        type: Again\n        optional: true\n  Again:\n    type: object\n    fields:\n      - name: back\n        type: Link\n",
    )]);
    let found = problems(&yaml);
    assert!(
        found
            .iter()
            .any(|p| p.contains("contains itself (Link → Again → Link)")),
        "{found:#?}"
    );
}

#[test]
fn two_keys_that_give_one_rust_name_are_refused_with_advice() {
    let yaml = variant(&[(
        "      - name: id\n        type: uuid\n",
        "      - name: id\n        type: uuid\n      - name: ID\n        type: string\n        optional: true\n",
    )]);
    assert_eq!(
        one_problem(&yaml),
        "v2.yaml:33:15: JSON keys `id` and `ID` both become the Rust field `id` (also at line 31); \
         give one a `rust_name:`"
    );
}

/// `transit-cu` and `transit-сu` (a Cyrillic `с`) are two keys, but as
/// Rust fields they look the same: refused, with the letter named.
#[test]
fn two_keys_whose_rust_fields_look_alike_are_refused() {
    let yaml = variant(&[(
        "      - name: id\n        type: uuid\n",
        "      - name: id\n        type: uuid\n      - name: transit-cu\n        type: string\n        optional: true\n      - name: transit-\u{441}u\n        type: string\n        optional: true\n",
    )]);
    assert_eq!(
        one_problem(&yaml),
        "v2.yaml:36:15: JSON keys `transit-cu` and `transit-\u{441}u` become the Rust fields \
         `transit_cu` and `transit_\u{441}u` (also at line 33), which look alike (`\u{441}` \
         (U+0441) not ASCII; rustc warns `confusable_idents`); give one a `rust_name:` in ASCII"
    );
    // Told apart by a `rust_name:`, both are fine; so are keys in other
    // scripts that look like nothing else.
    let named = yaml.replacen(
        "      - name: transit-\u{441}u\n",
        "      - name: transit-\u{441}u\n        rust_name: transit_cyrillic_su\n",
        1,
    );
    assert_eq!(problems(&named), Vec::<String>::new());
    let russian = variant(&[(
        "      - name: id\n        type: uuid\n",
        "      - name: id\n        type: uuid\n      - name: \u{441}\u{447}\u{451}\u{442}\n        type: string\n        optional: true\n",
    )]);
    assert_eq!(problems(&russian), Vec::<String>::new());
}

#[test]
fn a_key_that_cannot_be_an_identifier_needs_a_rust_name() {
    let yaml = variant(&[("      - name: thing-id\n", "      - name: 1st-thing\n")]);
    let found = problems(&yaml);
    assert!(
        found.iter().any(|p| p.starts_with("v2.yaml:22:15: Rust field name `1st_thing` is not a Rust identifier (from the JSON key `1st-thing`); choose one with `rust_name:`")),
        "{found:#?}"
    );
}

#[test]
fn a_misfit_deep_in_a_list_is_reported_at_its_line_and_column() {
    let yaml = variant(&[(
        r#"[{"href": "https://example.com/x", "rel": "self"}]"#,
        r#"[{"href": "https://example.com/x"}, {"href": 5}]"#,
    )]);
    assert_eq!(
        one_problem(&yaml),
        "v2.yaml:53:65: example `basic`: the response body does not fit: `links[1].href` should \
         be an absolute URL, but is the number 5"
    );
}

#[test]
fn a_request_body_is_checked_against_its_type() {
    let yaml = variant(&[(
        r#"'{"thing-id": "a9bc74bd-311b-43f0-aff7-faba24ce35d9"}'"#,
        r#"'{"thing-id": "nope"}'"#,
    )]);
    let found = one_problem(&yaml);
    assert!(
        found.contains(
            "example `basic`: the request body does not fit: `thing-id` should be a UUID"
        ),
        "{found}"
    );
}

#[test]
fn version_2_keys_are_refused_in_version_1_and_fields_in_version_2() {
    let yaml = variant(&[("spec: 2", "spec: 1")]);
    let found = problems(&yaml);
    assert!(
        found.iter().any(|p| p
            .starts_with("v2.yaml:2:1: key `types` in the spec belongs to spec format version 2")),
        "{found:#?}"
    );
    let yaml = variant(&[(
        "  body:\n    type: object\n    type_name: Thing\n",
        "  fields: []\n  body:\n    type: object\n    type_name: Thing\n",
    )]);
    let found = problems(&yaml);
    assert!(
        found.iter().any(|p| p.contains("key `fields` in `response` belongs to spec format version 1 only")),
        "{found:#?}"
    );
}

#[test]
fn a_parent_tag_needs_a_sibling_and_a_field() {
    let union = "  Desc:\n    type: union\n    tag: kind\n    tag_in: parent\n    variants:\n      - name: Small\n        when: urn:kind:small\n        type: object\n        fields: []\n";
    // Used as a field beside `kind`: fine.
    let yaml = variant(&[
        ("endpoint:\n", &format!("{union}endpoint:\n")),
        (
            "      - name: made\n",
            "      - name: desc\n        type: Desc\n      - name: made\n",
        ),
        (
            "\"kind\": \"urn:kind:small\",",
            "\"kind\": \"urn:kind:small\", \"desc\": {},",
        ),
    ]);
    assert_eq!(problems(&yaml), Vec::<String>::new());
    // As the elements of a list field: fine, each chosen by the sibling.
    let yaml = variant(&[
        ("endpoint:\n", &format!("{union}endpoint:\n")),
        (
            "      - name: made\n",
            "      - name: desc\n        type: list\n        items: { type: Desc }\n      - name: made\n",
        ),
        (
            "\"kind\": \"urn:kind:small\",",
            "\"kind\": \"urn:kind:small\", \"desc\": [{}, {}],",
        ),
    ]);
    assert_eq!(problems(&yaml), Vec::<String>::new());
    // As the elements of a list in a list: refused.
    let yaml = variant(&[
        ("endpoint:\n", &format!("{union}endpoint:\n")),
        (
            "      - name: made\n",
            "      - name: desc\n        type: list\n        items: { type: list, items: { type: Desc } }\n      - name: made\n",
        ),
    ]);
    let found = problems(&yaml);
    assert!(
        found
            .iter()
            .any(|p| p.contains("union `Desc` is tagged in its parent")),
        "{found:#?}"
    );
    // Without the sibling: refused.
    let yaml = variant(&[
        (
            "endpoint:\n",
            &format!("{}endpoint:\n", union.replace("tag: kind", "tag: sort")),
        ),
        (
            "      - name: made\n",
            "      - name: desc\n        type: Desc\n      - name: made\n",
        ),
    ]);
    let found = problems(&yaml);
    assert!(
        found
            .iter()
            .any(|p| p.contains("but `Thing` has no field `sort`")),
        "{found:#?}"
    );
}

#[test]
fn enum_values_that_share_a_urn_prefix_give_short_variants() {
    let names = crate::types::resolve::enum_variants(
        ["urn:docflow:fns534-report", "urn:docflow:pfr-report"].into_iter(),
    );
    assert_eq!(names, ["Fns534Report", "PfrReport"]);
    let names = crate::types::resolve::enum_variants(["new", "ready-to-send"].into_iter());
    assert_eq!(names, ["New", "ReadyToSend"]);
    let names = crate::types::resolve::enum_variants(["urn:a:x", "urn:b:y"].into_iter());
    // The shared `urn:` is dropped too.
    assert_eq!(names, ["AX", "BY"]);
}

#[test]
fn untagged_unions_report_why_each_variant_failed() {
    let yaml = variant(&[
        (
            "endpoint:\n",
            "  Either:\n    type: union\n    variants:\n      - name: Number\n        type: integer\n      - name: Flag\n        type: boolean\nendpoint:\n",
        ),
        (
            "      - name: made\n",
            "      - name: either\n        type: Either\n      - name: made\n",
        ),
        (
            "\"kind\": \"urn:kind:small\",",
            "\"kind\": \"urn:kind:small\", \"either\": \"x\",",
        ),
    ]);
    let found = one_problem(&yaml);
    assert!(
        found.contains("`either` fits no variant of union `Either`: Number (`either` should be a whole number, but is the string \"x\"); Flag (`either` should be true or false, but is the string \"x\")"),
        "{found}"
    );
}

#[test]
fn type_files_are_checked_on_their_own() {
    let text = "spec: 2\nmodule: Shared\ntypes:\n  Link:\n    type: object\n    fields: []\n";
    let parsed = spec::parse_types("t.yaml", text).expect("parses");
    let (_, problems) = crate::types::check_file("t.yaml", parsed, &[], &[]);
    let problems = problems.expect_err("a bad module name");
    assert_eq!(
        problems.to_string(),
        "t.yaml:2:9: module `Shared` must be a snake_case Rust identifier (the module `types!` \
         generates)"
    );
}

#[test]
fn use_needs_a_file_to_be_relative_to() {
    let yaml = variant(&[("spec: 2\n", "spec: 2\nuse: [common.yaml]\n")]);
    let found = problems(&yaml);
    assert!(
        found[0].starts_with("v2.yaml:2:7: `use: common.yaml` needs the spec's directory"),
        "{found:#?}"
    );
}

#[test]
fn a_json_body_refuses_what_would_clash_with_it() {
    let yaml = variant(&[(
        "request:\n  body: json\n",
        "request:\n  body: json\n  params:\n    - name: Content-Type\n      in: header\n      type: string\n    - name: body\n      in: query\n      type: string\n      optional: true\n",
    )]);
    let found = problems(&yaml);
    assert!(
        found.iter().any(|p| p.contains(
            "header parameter `Content-Type` would be sent twice: the JSON body sets it"
        )),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("parameter `body` would be the Rust field `body`")),
        "{found:#?}"
    );
}

#[test]
fn secrets_and_durations_only_as_fields() {
    let yaml = variant(&[(
        "endpoint:\n",
        "  Either:\n    type: union\n    variants:\n      - name: Key\n        type: string\n        secret: true\nendpoint:\n",
    )]);
    let found = problems(&yaml);
    assert!(
        found
            .iter()
            .any(|p| p.contains("variant `Key` cannot be a secret string")),
        "{found:#?}"
    );
    let yaml = variant(&[(
        "  json:\n    type: object\n    fields:\n      - name: thing-id\n        type: uuid\n",
        "  json:\n    type: duration_seconds\n",
    )]);
    let found = problems(&yaml);
    assert!(
        found
            .iter()
            .any(|p| p.contains("the request body cannot be `duration_seconds`")),
        "{found:#?}"
    );
}

#[test]
fn a_default_may_go_through_a_named_alias() {
    let yaml = variant(&[
        ("endpoint:\n", "  Rel:\n    type: string\nendpoint:\n"),
        (
            "      - name: rel\n        type: string\n        optional: true\n",
            "      - name: rel\n        type: Rel\n        default: self\n",
        ),
    ]);
    assert_eq!(problems(&yaml), Vec::<String>::new());
}

#[test]
fn a_comment_after_the_block_indicator_keeps_positions_exact() {
    let yaml = variant(&[
        ("      body: |\n", "      body: |  # the documented body\n"),
        (
            r#"[{"href": "https://example.com/x", "rel": "self"}]"#,
            r#"[{"href": "https://example.com/x"}, {"href": 5}]"#,
        ),
    ]);
    assert!(one_problem(&yaml).starts_with("v2.yaml:53:65: "), "{yaml}");
}

#[test]
fn path_placeholders_and_path_parameters_match_one_to_one() {
    let with_path = |path: &str, params: &str| {
        variant(&[
            ("  path: /thing\n", &format!("  path: {path}\n")),
            (
                "  body: json\n",
                &format!("  body: json\n  params:\n{params}"),
            ),
        ])
    };
    let id = "    - name: thingId\n      in: path\n      type: uuid\n";
    let yaml = with_path("/v1/{thingId}", id)
        .replace("      body: '{\"thing-id\"", "      params:\n        thingId: A9BC74BD-311B-43F0-AFF7-FABA24CE35D9\n      body: '{\"thing-id\"");
    assert_eq!(problems(&yaml), Vec::<String>::new());
    let endpoint = load_str("v2.yaml", &yaml).endpoint.expect("an endpoint");
    // Kept as the runtime writes it, so that the replay server matches.
    assert_eq!(
        endpoint.examples[0].params[0].1,
        crate::model::Value::Uuid("a9bc74bd-311b-43f0-aff7-faba24ce35d9".into())
    );

    let found = problems(&with_path("/v1/{thingId}/{other}", id));
    assert!(
        found.iter().any(|p| p.contains("the path has `{other}`, but no parameter `other` with `in: path`")),
        "{found:#?}"
    );
    let found = problems(&with_path("/v1/things", id));
    assert!(
        found.iter().any(|p| p.starts_with(
            "v2.yaml:20:13: path parameter `thingId` is not in the path `/v1/things`"
        )),
        "{found:#?}"
    );
    let found = problems(&with_path("/v1/x{thingId}", id));
    assert!(
        found
            .iter()
            .any(|p| p.contains("path segment `x{thingId}` must be a whole `{name}` placeholder")),
        "{found:#?}"
    );
    let optional = "    - name: thingId\n      in: path\n      type: uuid\n      optional: true\n";
    let found = problems(&with_path("/v1/{thingId}", optional));
    assert!(
        found
            .iter()
            .any(|p| p.contains("path parameter `thingId` must be required and not secret")),
        "{found:#?}"
    );
}

#[test]
fn version_1_keeps_its_path_and_its_locations() {
    let v1 = "spec: 1\nendpoint:\n  name: e\n  summary: s\n  method: GET\n  base_url: https://example.com\n  path: /v1/{literal}\nrequest:\n  body: form\n  params:\n    - name: id\n      in: path\n      type: string\nresponse:\n  status: 200\n  content_type: application/json\n  fields: []\nerror:\n  format: oauth2\n";
    assert_eq!(
        problems(v1),
        ["v2.yaml:12:11: path parameters need spec format version 2 (`spec: 2`)"]
    );
}

#[test]
fn list_parameters_are_query_parameters_without_defaults() {
    let with_param = |param: &str| {
        variant(&[(
            "  body: json\n",
            &format!("  body: json\n  params:\n{param}"),
        )])
    };
    let found = problems(&with_param(
        "    - name: kind\n      in: header\n      type: list\n      items: string\n      optional: true\n",
    ));
    assert!(
        found
            .iter()
            .any(|p| p.contains("list parameter `kind` must be `in: query`")),
        "{found:#?}"
    );
    let found = problems(&with_param(
        "    - name: kind\n      in: query\n      type: list\n      optional: true\n",
    ));
    assert!(
        found
            .iter()
            .any(|p| p.contains("`type: list` needs `items`")),
        "{found:#?}"
    );
    let found = problems(&with_param(
        "    - name: kind\n      in: query\n      type: string\n      items: string\n",
    ));
    assert!(
        found
            .iter()
            .any(|p| p.contains("`items` goes with `type: list`")),
        "{found:#?}"
    );
    assert_eq!(
        problems(&with_param(
            "    - name: kind\n      in: query\n      type: list\n      items: enum\n      values: [a, b]\n      optional: true\n",
        )),
        Vec::<String>::new()
    );
}

#[test]
fn outcome_names_clash_as_the_rust_names_they_become() {
    let spec = |first: &str, second: &str, param: &str| {
        format!(
            "spec: 2\nendpoint:\n  name: e\n  summary: s\n  method: GET\n  base_url: https://example.com\n  path: /e\nrequest:\n  body: form\n  params:\n{param}responses:\n  - status: 200\n    name: {first}\n  - status: 201\n    name: {second}\nerror:\n  format: kontur_api\n"
        )
    };
    let found = problems(&spec("x1", "x_1", "    []\n"));
    assert!(
        found
            .iter()
            .any(|p| p.contains("two outcomes would both be named `X1` in Rust")),
        "{found:#?}"
    );
    // An outcome's struct and an enum parameter's type share one namespace.
    let kind = "    - name: kind\n      in: query\n      type: enum\n      values: [a]\n      optional: true\n";
    let found = problems(&spec("kind", "other", kind));
    assert!(
        found
            .iter()
            .any(|p| p.contains("outcome `kind` would be the type `Kind`")),
        "{found:#?}"
    );
    assert_eq!(
        problems(&spec("found", "created", kind)),
        Vec::<String>::new()
    );
}

#[test]
fn a_bearer_endpoint_refuses_its_own_authorization_header() {
    let yaml = variant(&[
        ("  path: /thing\n", "  path: /thing\n  auth: bearer\n"),
        (
            "  body: json\n",
            "  body: json\n  params:\n    - name: Authorization\n      in: header\n      type: string\n",
        ),
    ]);
    let found = problems(&yaml);
    assert!(
        found.iter().any(|p| p
            .contains("header parameter `Authorization` would be replaced by the bearer token")),
        "{found:#?}"
    );
}

/// The vendor documents `Authorization: Bearer …` in its exchanges: a
/// bearer endpoint's example may quote it (its scheme is checked, never its
/// value shown), and the replay server does not match it, as the token is
/// another in every run.
#[test]
fn a_bearer_endpoints_example_may_document_its_bearer_authorization() {
    let with = |value: &str| {
        variant(&[
            ("  path: /thing\n", "  path: /thing\n  auth: bearer\n"),
            (
                "    request:\n      body:",
                &format!(
                    "    request:\n      headers:\n        Authorization: {value}\n      body:"
                ),
            ),
        ])
    };
    let loaded = load_str("v2.yaml", &with("Bearer eyJhbGciOi.documented"));
    assert_eq!(loaded.problems.map_err(|p| p.to_string()), Ok(()));
    let endpoint = loaded.endpoint.expect("a model");
    assert_eq!(
        endpoint.examples[0].request_headers,
        Vec::<(String, String)>::new(),
        "not matched by the replay server"
    );
    assert_eq!(
        problems(&with("Basic dXNlcjpTZUNyRXQ=")),
        [
            "v2.yaml:49:24: example `basic` documents the request header `Authorization` with the scheme `Basic`, but a bearer endpoint sends `Bearer` and a token"
        ]
    );
    assert_eq!(
        problems(&with("Bearer")),
        [
            "v2.yaml:49:24: example `basic` documents the request header `Authorization` with the scheme `Bearer`, but a bearer endpoint sends `Bearer` and a token"
        ]
    );
    // Without `auth: bearer`, the endpoint sends no `Authorization`.
    let plain = MINIMAL.replacen(
        "    request:\n      body:",
        "    request:\n      headers:\n        Authorization: Bearer x\n      body:",
        1,
    );
    assert!(
        problems(&plain)[0].contains("`Authorization`, which the endpoint never sends"),
        "{:?}",
        problems(&plain)
    );
}

/// An example may say that its response has keys the types do not
/// declare (a vendor fixture quoted as it is): they are kept as notes on
/// the model, not refused; the flag on a body without such keys is refused,
/// so that it cannot hide a key the spec misses later.
#[test]
fn an_example_may_expect_keys_that_its_types_do_not_declare() {
    let extra = (
        "          \"kind\": \"urn:kind:small\",\n",
        "          \"kind\": \"urn:kind:small\",\n          \"etag\": \"1\",\n",
    );
    assert_eq!(
        problems(&variant(&[extra])),
        [
            "v2.yaml:55:11: example `basic`: the response body does not fit: the body has the key `etag`, which `Thing` does not declare"
        ]
    );
    let flagged = variant(&[
        extra,
        (
            "    response:\n      status: 200\n      body: |",
            "    response:\n      status: 200\n      undeclared_keys: true\n      body: |",
        ),
    ]);
    let loaded = load_str("v2.yaml", &flagged);
    assert_eq!(loaded.problems.map_err(|p| p.to_string()), Ok(()));
    let notes: Vec<String> = loaded.endpoint.expect("a model").examples[0]
        .undeclared_keys
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        notes,
        [
            "v2.yaml:56:11: example `basic`: the response body has more than its types: the body has the key `etag`, which `Thing` does not declare"
        ]
    );
    let needless = variant(&[(
        "    response:\n      status: 200\n      body: |",
        "    response:\n      status: 200\n      undeclared_keys: true\n      body: |",
    )]);
    assert_eq!(
        problems(&needless),
        [
            "v2.yaml:50:24: example `basic` says `undeclared_keys: true`, but its response body has no key that its types do not declare; remove it, so that a key the spec misses is reported"
        ]
    );
    // Only keys: a missing field is refused as before.
    let lacking = variant(&[
        (
            "          \"kind\": \"urn:kind:small\",\n",
            "          \"etag\": \"1\",\n",
        ),
        (
            "    response:\n      status: 200\n      body: |",
            "    response:\n      status: 200\n      undeclared_keys: true\n      body: |",
        ),
    ]);
    assert!(
        problems(&lacking)
            .iter()
            .any(|p| p.contains("lacks the field `kind`")),
        "{:?}",
        problems(&lacking)
    );
}

#[test]
fn paging_names_integer_query_parameters_and_the_bodys_list_and_total() {
    let spec = |paging: &str| {
        format!(
            "spec: 2\n{paging}endpoint:\n  name: list_things\n  summary: s\n  method: GET\n  base_url: https://example.com\n  path: /things\nrequest:\n  body: form\n  params:\n    - {{ name: skip, in: query, type: integer, optional: true }}\n    - {{ name: take, in: query, type: string, optional: true }}\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: object\n    fields:\n      - {{ name: things, type: list, items: {{ type: string }} }}\n      - {{ name: total-count, type: integer }}\n      - {{ name: note, type: string, optional: true }}\nerror:\n  format: kontur_api\n"
        )
    };
    let found = problems(&spec(
        "paging:\n  skip: skip\n  take: take\n  items: note\n  total: things\n",
    ));
    assert!(
        found
            .iter()
            .any(|p| p
                .contains("`paging.take` names `take`, which is not an integer query parameter")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("`paging.items` names `note`, which is not a required list field")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p
                .contains("`paging.total` names `things`, which is not a required integer field")),
        "{found:#?}"
    );
    let sound =
        spec("paging:\n  skip: skip\n  take: skip\n  items: things\n  total: total-count\n");
    let loaded = load_str("v2.yaml", &sound);
    assert_eq!(loaded.problems, Ok(()));
    let paging = loaded.endpoint.and_then(|e| e.paging).expect("paging");
    assert_eq!(paging.items, "things");
    assert_eq!(
        paging.kind,
        crate::model::PagingKind::Skip {
            skip: "skip".into(),
            skip_optional: true,
            total: "total_count".into(),
        }
    );
}

/// An events feed: `fromId` in, `next-event-id` out.
fn cursor_spec(paging: &str, next: &str) -> String {
    format!(
        "spec: 2\n{paging}endpoint:\n  name: events\n  summary: s\n  method: GET\n  base_url: https://example.com\n  path: /events\nrequest:\n  body: form\n  params:\n    - {{ name: fromId, in: query, type: string, optional: true }}\n    - {{ name: take, in: query, type: integer }}\n    - {{ name: secret, in: query, type: string, secret: true }}\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: object\n    fields:\n      - {{ name: events, type: list, items: {{ type: string }} }}\n      - {next}\n      - {{ name: count, type: integer }}\nerror:\n  format: kontur_api\n"
    )
}

#[test]
fn cursor_paging_names_a_parameter_a_field_of_its_type_and_an_end() {
    let next = "{ name: next-event-id, type: string, optional: true }";
    let sound = cursor_spec(
        "paging:\n  cursor: fromId\n  take: take\n  items: events\n  next: next-event-id\n  ends: absent\n",
        next,
    );
    let loaded = load_str("events.yaml", &sound);
    assert_eq!(loaded.problems, Ok(()));
    let paging = loaded.endpoint.and_then(|e| e.paging).expect("paging");
    assert_eq!(
        paging.kind,
        crate::model::PagingKind::Cursor(crate::model::CursorPaging {
            param: "from_id".into(),
            param_optional: true,
            ty: crate::model::Type::String,
            next: "next_event_id".into(),
            ends: crate::model::CursorEnd::Absent,
        })
    );

    let problems = |paging: &str, next: &str| -> Vec<String> {
        load_str("events.yaml", &cursor_spec(paging, next))
            .problems
            .expect_err("problems")
            .iter()
            .map(|p| {
                let (line, column) = p.position.map_or((0, 0), |at| (at.line, at.column));
                format!("{line}:{column} {}", p.message)
            })
            .collect()
    };
    let cases: [(&str, &str, &str); 7] = [
        (
            "paging:\n  cursor: fromId\n  skip: take\n  take: take\n  items: events\n  next: next-event-id\n  ends: absent\n",
            next,
            "3:11 `paging` is by offset (`skip` and `total`) or by cursor",
        ),
        (
            "paging:\n  cursor: fromId\n  take: take\n  items: events\n",
            next,
            "3:11 cursor `paging` lacks `next` and `ends`",
        ),
        (
            "paging:\n  take: take\n  items: events\n",
            next,
            "4:10 `paging` lacks `skip` and `total`",
        ),
        (
            "paging:\n  cursor: take\n  take: take\n  items: events\n  next: next-event-id\n  ends: empty\n",
            next,
            "`paging.next` names `next-event-id`, whose type is not the cursor parameter `take`'s (integer)",
        ),
        (
            "paging:\n  cursor: fromId\n  take: take\n  items: events\n  next: count\n  ends: sometimes\n",
            next,
            "7:9 `paging.ends` is `sometimes`; it is `absent`",
        ),
        (
            "paging:\n  cursor: fromId\n  take: take\n  items: events\n  next: next-event-id\n  ends: absent\n",
            "{ name: next-event-id, type: string }",
            "7:9 `paging.ends: absent` ends the pages when `next-event-id` is absent or null, but the field is neither",
        ),
        (
            "paging:\n  cursor: secret\n  take: take\n  items: events\n  next: nowhere\n  ends: same\n",
            next,
            "`paging.next` names `nowhere`, which is not a field of the response body",
        ),
    ];
    for (paging, next, expected) in cases {
        let found = problems(paging, next);
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "{paging}: {expected}\n{found:#?}"
        );
    }
    let found = problems(
        "paging:\n  cursor: secret\n  take: take\n  items: events\n  next: next-event-id\n  ends: same\n",
        next,
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("3:11 `paging.cursor` names `secret`, a secret parameter")),
        "{found:#?}"
    );
}

#[test]
fn a_whole_number_read_as_a_float_is_not_shown_as_the_writer_s_text() {
    let space = crate::types::model::TypeSpace::default();
    let misfits = crate::types::fit::misfits(&space, &Ty::Integer, "1.0e3", "the body");
    assert_eq!(
        misfits,
        [
            "1:1: the body does not fit: the body should be a whole number, but is a number \
          written with a fraction or an exponent, or beyond 64-bit integers (about 1e3)"
        ]
    );
    let misfits = crate::types::fit::misfits(&space, &Ty::Integer, "2.5", "the body");
    assert_eq!(
        misfits,
        ["1:1: the body does not fit: the body should be a whole number, but is the number 2.5"]
    );
}
