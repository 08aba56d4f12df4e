//! Loading and checking specs: the shipped spec, and one test per kind of
//! problem, pinned to the exact `file:line:col: message` a user sees.

use crate::model::{ParamKind, Presence, Type, Value};
use crate::*;

/// A small valid spec; the tests below change one thing in it at a time.
/// Line numbers in the expected diagnostics count from `spec: 1` as line 1.
const MINIMAL: &str = r#"spec: 1
endpoint:
  name: get_token
  summary: Get a token.
  method: POST
  base_url: https://example.com
  path: /token
request:
  body: form
  params:
    - name: grant_type
      const: password
    - name: username
      type: string
    - name: scope
      type: string
      optional: true
response:
  status: 200
  content_type: application/json
  fields:
    - name: access_token
      type: string
    - name: expires_in
      type: duration_seconds
error:
  format: oauth2
examples:
  - name: basic
    request:
      params:
        username: user
    response:
      status: 200
      body: '{"access_token": "abc", "expires_in": 60}'
"#;

const BODY: &str = r#"'{"access_token": "abc", "expires_in": 60}'"#;

/// MINIMAL with each `(old, new)` replacement applied; `old` must occur
/// exactly once, so an edit cannot silently miss or hit the wrong line.
fn variant(edits: &[(&str, &str)]) -> String {
    let mut yaml = MINIMAL.to_owned();
    for (old, new) in edits {
        assert_eq!(yaml.matches(old).count(), 1, "`{old}` must occur once");
        yaml = yaml.replacen(old, new, 1);
    }
    yaml
}

/// The rendered diagnostics of a spec, in the order they are reported.
fn problems(yaml: &str) -> Vec<String> {
    match load_str("t.yaml", yaml).problems {
        Ok(()) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(ToString::to_string).collect(),
    }
}

fn names(endpoint: &Endpoint) -> Vec<&str> {
    endpoint
        .request
        .params
        .iter()
        .map(|p| p.name.as_str())
        .collect()
}

#[test]
fn shipped_spec_loads_without_problems() {
    let loaded = load_str(
        "spec/password-token.yaml",
        include_str!("../../spec/password-token.yaml"),
    );
    if let Err(diagnostics) = &loaded.problems {
        panic!("the shipped spec has problems:\n{diagnostics}");
    }
    let endpoint = loaded.endpoint.expect("a checked spec has an endpoint");

    assert_eq!(endpoint.name, "password_token");
    assert_eq!(endpoint.path, "/connect/token");
    assert_eq!(
        names(&endpoint),
        [
            "client_id",
            "client_secret",
            "grant_type",
            "scope",
            "username",
            "password",
            "partial_factor_token",
        ]
    );
    let kind = |name: &str| {
        let param = endpoint.request.params.iter().find(|p| p.name == name);
        param.map(|p| p.kind.clone()).unwrap()
    };
    assert_eq!(
        kind("grant_type"),
        ParamKind::Constant(Value::String("password".into()))
    );
    assert_eq!(
        kind("scope"),
        ParamKind::Constant(Value::String("extern.api".into()))
    );
    assert_eq!(
        kind("partial_factor_token"),
        ParamKind::Caller {
            ty: Type::String,
            secret: true,
            presence: Presence::Optional,
        }
    );

    let [example] = endpoint.examples.as_slice() else {
        panic!("expected one example, found {:?}", endpoint.examples);
    };
    assert_eq!(example.name, "documented");
    let text = |value: &str| Value::String(value.into());
    assert_eq!(
        example.params,
        [
            ("client_id".into(), text("extern.api")),
            ("client_secret".into(), text("************")),
            ("grant_type".into(), text("password")),
            ("scope".into(), text("extern.api")),
            ("username".into(), text("user@login.ru")),
            ("password".into(), text("password")),
        ]
    );
}

#[test]
fn minimal_spec_loads_without_problems() {
    assert_eq!(problems(MINIMAL), Vec::<String>::new());
}

#[test]
fn invalid_yaml_syntax() {
    let yaml = variant(&[("summary: Get a token.", "summary: Get: a token.")]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:4:15: mapping values are not allowed in this context"]
    );
    assert!(load_str("t.yaml", &yaml).endpoint.is_none());
}

#[test]
fn unknown_key() {
    let yaml = variant(&[("type: duration_seconds", "tpye: duration_seconds")]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:24:7: `expires_in` in `fields` lacks the required key `type`",
            "t.yaml:25:7: unknown key `tpye` in `expires_in` in `fields`; expected one of: name, doc, type, values, optional, nullable, secret",
        ]
    );
}

#[test]
fn missing_required_key() {
    let yaml = variant(&[("      type: duration_seconds\n", "")]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:24:7: `expires_in` in `fields` lacks the required key `type`"]
    );
}

#[test]
fn wrong_yaml_value_type() {
    let yaml = variant(&[("optional: true", "optional: maybe")]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:17:17: `optional` should be true or false, but is text"]
    );
}

#[test]
fn status_not_a_number() {
    let yaml = variant(&[("response:\n  status: 200", "response:\n  status: \"abc\"")]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:19:11: status must be an HTTP status code from 100 to 599, such as 200; found the string \"abc\""
        ]
    );
}

#[test]
fn unknown_type_name() {
    let yaml = variant(&[(
        "string\n      optional: true",
        "float\n      optional: true",
    )]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:16:13: unknown type `float`; expected one of: string, integer, boolean, duration_seconds, url, enum"
        ]
    );
}

#[test]
fn duplicate_parameter() {
    let yaml = variant(&[(
        "    - name: scope\n",
        "    - name: username\n      type: string\n    - name: scope\n",
    )]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:15:13: duplicate parameter `username`"]
    );
}

#[test]
fn constant_with_default() {
    let yaml = variant(&[(
        "const: password\n",
        "const: password\n      default: password\n",
    )]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:13:16: parameter `grant_type` is a constant and cannot also have a default; remove `default` or `const`"
        ]
    );
}

#[test]
fn constant_marked_optional() {
    let yaml = variant(&[(
        "const: password\n",
        "const: password\n      optional: true\n",
    )]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:13:17: parameter `grant_type` is a constant, so the caller cannot set or omit it; remove `optional` or `const`"
        ]
    );
}

#[test]
fn example_sets_unknown_parameter() {
    let yaml = variant(&[("username: user\n", "username: user\n        user_name: x\n")]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:33:9: example `basic` sets `user_name`, which is not a parameter of this endpoint; parameters: grant_type, username, scope"
        ]
    );
}

#[test]
fn example_omits_required_parameter() {
    let yaml = variant(&[("username: user", "scope: read")]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:29:11: example `basic` omits required parameter `username`; add it under `request.params`"
        ]
    );
}

#[test]
fn example_changes_constant() {
    let yaml = variant(&[(
        "        username: user\n",
        "        grant_type: client_credentials\n        username: user\n",
    )]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:32:21: example `basic` sets constant `grant_type` to `client_credentials`, but it is always `password`"
        ]
    );
}

#[test]
fn example_response_lacks_required_field() {
    let yaml = variant(&[(BODY, r#"'{"expires_in": 60}'"#)]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:35:13: example `basic`: response body lacks required field `access_token`; add it or mark the field `optional: true`"
        ]
    );
}

#[test]
fn example_response_field_of_wrong_type() {
    let yaml = variant(&[(BODY, r#"'{"access_token": 42, "expires_in": 60}'"#)]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:35:13: example `basic`: response body field `access_token`: expected a string, found the number 42; quote it"
        ]
    );
}

#[test]
fn example_response_has_undeclared_field() {
    let yaml = variant(&[(
        BODY,
        r#"'{"access_token": "abc", "expires_in": 60, "scope": "x"}'"#,
    )]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:35:13: example `basic`: response body has field `scope`, which the response does not declare; declare it or remove it from the example"
        ]
    );
}

#[test]
fn enum_without_values() {
    let yaml = variant(&[("string\n      optional: true", "enum\n      optional: true")]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:16:13: type `enum` needs `values`, the list of known values"]
    );
}

#[test]
fn secret_of_non_string_type() {
    let yaml = variant(&[(
        "string\n      optional: true\n",
        "integer\n      optional: true\n      secret: true\n",
    )]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:16:13: only `string` values can be secret, not `integer`"]
    );
}

#[test]
fn bad_method() {
    let yaml = variant(&[("method: POST", "method: post")]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:5:11: unknown HTTP method `post`; expected GET, POST, PUT, PATCH or DELETE (upper case)"
        ]
    );
}

#[test]
fn path_without_leading_slash() {
    let yaml = variant(&[("path: /token", "path: token")]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:7:9: path `token` must start with `/`"]
    );
}

#[test]
fn all_problems_reported_at_once_in_file_order() {
    // The example's constant is checked before the omitted parameter, but the
    // omission is reported at the example's name, earlier in the file.
    let yaml = variant(&[
        ("method: POST", "method: FETCH"),
        ("path: /token", "path: token"),
        (
            "string\n      optional: true",
            "float\n      optional: true",
        ),
        ("username: user", "grant_type: other"),
    ]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:5:11: unknown HTTP method `FETCH`; expected GET, POST, PUT, PATCH or DELETE (upper case)",
            "t.yaml:7:9: path `token` must start with `/`",
            "t.yaml:16:13: unknown type `float`; expected one of: string, integer, boolean, duration_seconds, url, enum",
            "t.yaml:29:11: example `basic` omits required parameter `username`; add it under `request.params`",
            "t.yaml:32:21: example `basic` sets constant `grant_type` to `other`, but it is always `password`",
        ]
    );
}

#[test]
fn examples_do_not_repeat_problems_of_the_items_they_use() {
    // `grant_type` and `expires_in` are declared, only unsound; the example
    // using them is not told that they do not exist.
    let yaml = variant(&[
        (
            "const: password\n",
            "const: password\n      optional: true\n",
        ),
        ("type: duration_seconds", "type: float"),
        (
            "username: user\n",
            "grant_type: password\n        username: user\n",
        ),
    ]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:13:17: parameter `grant_type` is a constant, so the caller cannot set or omit it; remove `optional` or `const`",
            "t.yaml:26:13: unknown type `float`; expected one of: string, integer, boolean, duration_seconds, url, enum",
        ]
    );
}

#[test]
fn example_problems_still_give_an_endpoint() {
    let yaml = variant(&[("username: user", "user_name: user")]);
    let loaded = load_str("t.yaml", &yaml);
    assert!(loaded.problems.is_err());
    let endpoint = loaded
        .endpoint
        .expect("example problems must not cost the endpoint");
    assert_eq!(names(&endpoint), ["grant_type", "username", "scope"]);
    assert_eq!(endpoint.response.fields.len(), 2);
    assert!(
        endpoint.examples.is_empty(),
        "the unsound example is left out"
    );
}

#[test]
fn duplicate_yaml_key_is_explained() {
    let yaml = variant(&[("  path: /token\n", "  path: /token\n  path: /other\n")]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:8:3: key `path` appears twice in this mapping; remove one"]
    );
}

#[test]
fn enums_that_would_share_a_rust_name() {
    let yaml = variant(&[
        (
            "    - name: scope\n      type: string\n",
            "    - name: scope\n      type: enum\n      values: [a]\n",
        ),
        (
            "    - name: expires_in\n",
            "    - name: scope\n      type: enum\n      values: [b]\n      optional: true\n    - name: expires_in\n",
        ),
    ]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:25:13: two enums would both be the Rust type `Scope`; rename the parameter, field or header `scope`"
        ]
    );
}

#[test]
fn header_parameter_needs_a_header_name() {
    let yaml = variant(&[(
        "    - name: scope\n",
        "    - name: bad header\n      in: header\n      type: string\n    - name: scope\n",
    )]);
    assert_eq!(
        problems(&yaml),
        ["t.yaml:15:13: `bad header` is not a valid HTTP header name"]
    );
}

#[test]
fn enums_must_not_take_the_names_of_generated_types() {
    let yaml = variant(&[(
        "    - name: expires_in\n",
        "    - name: response\n      type: enum\n      values: [a]\n      optional: true\n    - name: expires_in\n",
    )]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:24:13: the enum of `response` would be the Rust type `Response`, which the generated code already uses; rename `response`"
        ]
    );
}

#[test]
fn base_url_without_query_and_path_without_query() {
    let yaml = variant(&[
        ("https://example.com", "https://example.com/?tenant=1"),
        ("path: /token", "path: /token?x=1"),
    ]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:6:13: base_url `https://example.com/?tenant=1` must not have a query or a fragment",
            "t.yaml:7:9: path `/token?x=1` must not contain `?` or `#`; declare query parameters with `in: query`",
        ]
    );
}

#[test]
fn structural_problems_are_all_reported_at_once() {
    let yaml = variant(&[
        ("spec: 1", "spec: one"),
        (
            "  summary: Get a token.\n",
            "  summary: Get a token.\n  sumary: typo\n",
        ),
        (
            "body: form\n  params:\n",
            "body: form\n  params: none\n  old_params:\n",
        ),
        ("error:\n  format: oauth2\n", ""),
    ]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:1:1: the spec lacks the required key `error`",
            "t.yaml:1:7: `spec` should be a whole number, but is text",
            "t.yaml:5:3: unknown key `sumary` in `endpoint`; expected one of: name, summary, doc, docs_url, method, base_url, path",
            "t.yaml:11:11: `params` should be a list (lines starting with `- `), but is text",
            "t.yaml:12:3: unknown key `old_params` in `request`; expected one of: body, params",
        ]
    );
}

/// Every key of the format, once: the structural table in `shape.rs` and
/// the serde types in `spec.rs` must both accept it.
const EVERY_KEY: &str = r#"spec: 1
endpoint:
  name: every_key
  summary: Uses every key.
  doc: Documentation.
  docs_url: https://example.com/docs
  method: POST
  base_url: https://example.com
  path: /token
request:
  body: form
  params:
    - name: mode
      in: query
      doc: A mode.
      type: enum
      values: [fast, slow]
      optional: true
      secret: false
    - name: page
      type: integer
      default: 1
    - name: grant_type
      const: password
response:
  status: 200
  content_type: application/json
  fields:
    - name: token
      doc: A token.
      type: string
      optional: true
      nullable: true
      secret: true
    - name: kind
      type: enum
      values: [a]
  headers:
    - name: trace_id
      header: X-Trace
      aliases: [X-Trace-Id]
      doc: A trace id.
      type: string
      optional: true
    - name: retries
      header: X-Retries
      type: integer
      default: 0
error:
  format: oauth2
examples:
  - name: basic
    doc: An example.
    request:
      headers:
        Accept: "*/*"
      params:
        mode: fast
    response:
      status: 200
      headers:
        X-Trace: abc
      body: '{"kind": "a"}'
"#;

#[test]
fn the_structural_check_and_the_typed_model_know_the_same_keys() {
    assert_eq!(problems(EVERY_KEY), Vec::<String>::new());
}
