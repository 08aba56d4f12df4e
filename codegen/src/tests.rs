//! Loading and checking specs: the shipped spec, and one test per kind of
//! problem, pinned to the exact `file:line:col: message` a user sees.

use crate::model::{ParamKind, Presence, Type, Value};
use crate::*;

mod limits;

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

#[test]
fn endpoint_names_that_clash_with_generated_items_are_refused() {
    let cases = [
        (
            "new",
            "would give the generated client's method `Client::new`, its constructor",
        ),
        (
            "inner",
            "would give the generated client's method `Client::inner`, which returns the underlying client",
        ),
        (
            "clone",
            "would give the generated client a method `clone` that hides `Clone::clone`, so `client.clone()` would no longer compile",
        ),
        (
            "request",
            "would give the endpoint type `Request`, which is the generated request type",
        ),
        (
            "response",
            "would give the endpoint type `Response`, which is the generated response type",
        ),
        (
            "client",
            "would give the endpoint type `Client`, which is the generated client type",
        ),
    ];
    for (name, problem) in cases {
        let yaml = variant(&[("name: get_token", &format!("name: {name}"))]);
        assert_eq!(
            problems(&yaml),
            [format!(
                "t.yaml:3:9: endpoint name `{name}` {problem}; choose another name"
            )]
        );
    }
}

const NOT_EVEN_RAW: &str = "cannot be a Rust identifier, not even a raw one (`r#…`)";

#[test]
fn names_no_identifier_can_spell_are_refused_where_they_are_written() {
    for name in ["self", "super", "crate", "_"] {
        let yaml = variant(&[("name: get_token", &format!("name: \"{name}\""))]);
        assert_eq!(
            problems(&yaml),
            [format!(
                "t.yaml:3:9: endpoint name `{name}` {NOT_EVEN_RAW}; choose another name"
            )]
        );
        let yaml = variant(&[("name: basic", &format!("name: \"{name}\""))]);
        assert_eq!(
            problems(&yaml),
            [format!(
                "t.yaml:29:11: example name `{name}` {NOT_EVEN_RAW}; choose another name"
            )]
        );
    }
    for (name, field) in [("self", "self"), ("Self", "self"), ("super", "super")] {
        let yaml = variant(&[
            ("name: username", &format!("name: {name}")),
            ("username: user", &format!("{name}: user")),
        ]);
        assert_eq!(
            problems(&yaml),
            [format!(
                "t.yaml:13:13: parameter `{name}` gives the Rust field name `{field}`, which {NOT_EVEN_RAW}; rename it"
            )]
        );
    }
    for name in ["_", "2fa"] {
        let yaml = variant(&[
            ("name: username", &format!("name: \"{name}\"")),
            ("username: user", &format!("\"{name}\": user")),
        ]);
        let field = if name == "_" { "" } else { name };
        assert_eq!(
            problems(&yaml),
            [format!(
                "t.yaml:13:13: parameter `{name}` gives the Rust field name `{field}`, which is not a Rust identifier; rename it"
            )]
        );
    }
    let yaml = variant(&[
        ("name: access_token", "name: crate"),
        (BODY, r#"'{"crate": "abc", "expires_in": 60}'"#),
    ]);
    assert_eq!(
        problems(&yaml),
        [format!(
            "t.yaml:22:13: response field `crate` gives the Rust field name `crate`, which {NOT_EVEN_RAW}; rename it"
        )]
    );
    let yaml = variant(&[(
        "error:\n",
        "  headers:\n    - name: super\n      header: X-Super\n      type: string\n      optional: true\nerror:\n",
    )]);
    assert_eq!(
        problems(&yaml),
        [format!(
            "t.yaml:27:13: response header field `super` {NOT_EVEN_RAW}; choose another name"
        )]
    );
}

#[test]
fn keywords_are_accepted_and_generated_as_raw_identifiers() {
    for keyword in crate::ident::RAW_KEYWORDS {
        let header = if keyword == "loop" { "while" } else { "loop" };
        let yaml = variant(&[
            ("name: get_token", &format!("name: \"{keyword}\"")),
            ("name: username", &format!("name: \"{keyword}\"")),
            ("username: user", &format!("\"{keyword}\": user")),
            ("name: access_token", &format!("name: \"{keyword}\"")),
            (
                BODY,
                &format!(r#"'{{"{keyword}": "abc", "expires_in": 60}}'"#),
            ),
            (
                "error:\n",
                &format!(
                    "  headers:\n    - name: {header}\n      header: X-Header\n      type: string\n      optional: true\nerror:\n"
                ),
            ),
        ]);
        let loaded = load_str("t.yaml", &yaml);
        assert_eq!(problems(&yaml), Vec::<String>::new(), "{keyword}");
        let endpoint = loaded.endpoint.expect("a checked spec has an endpoint");
        let options = Options {
            naming: Naming::Module,
            rebuild_path: None,
        };
        let tokens = expand(&endpoint, &options);
        let code = tokens.to_string();
        for expected in [
            format!("pub mod r#{keyword}"),
            format!("pub async fn r#{keyword} ("),
            format!("pub r#{keyword} :"),
            format!("r#{keyword} : required . r#{keyword}"),
            format!("pub r#{header} :"),
        ] {
            assert!(
                code.contains(&expected),
                "{keyword}: no `{expected}` in {code}"
            );
        }
        if let Err(error) = syn::parse2::<syn::File>(tokens) {
            panic!("{keyword}: the generated code does not parse: {error}");
        }
    }
    for weak in ["union", "macro_rules", "raw", "safe", "auto", "default"] {
        let yaml = variant(&[
            ("name: scope", &format!("name: {weak}")),
            ("name: access_token", &format!("name: {weak}")),
            (BODY, &format!(r#"'{{"{weak}": "abc", "expires_in": 60}}'"#)),
        ]);
        assert_eq!(problems(&yaml), Vec::<String>::new(), "{weak}");
    }
}

#[test]
fn header_parameter_constants_and_defaults_must_be_header_values() {
    let header = |key: &str, value: &str| {
        variant(&[(
            "    - name: scope\n",
            &format!(
                "    - name: X-Mode\n      in: header\n      type: string\n      {key}: {value}\n    - name: scope\n"
            ),
        )])
    };
    let cases = [
        (
            "const",
            r#""a\r\nX-Injected: 1""#,
            "the constant of header parameter `X-Mode` has a carriage return (U+000D) at character 2, which a header value cannot carry",
        ),
        (
            "default",
            r#""a\nb""#,
            "the default of header parameter `X-Mode` has a line feed (U+000A) at character 2, which a header value cannot carry",
        ),
        (
            "default",
            r#""\0""#,
            "the default of header parameter `X-Mode` has a NUL character (U+0000) at character 1, which a header value cannot carry",
        ),
        (
            "default",
            r#""ab\x7f""#,
            "the default of header parameter `X-Mode` has a DEL character (U+007F) at character 3, which a header value cannot carry",
        ),
        (
            "default",
            r#""a\x1bb""#,
            "the default of header parameter `X-Mode` has a control character (U+001B) at character 2, which a header value cannot carry",
        ),
        (
            "default",
            "Müller",
            "the default of header parameter `X-Mode` has the non-ASCII character U+00FC at character 2; header values are ASCII text",
        ),
        (
            "const",
            r#"" a""#,
            "the constant of header parameter `X-Mode` starts with whitespace, which HTTP drops from header values",
        ),
    ];
    for (key, value, problem) in cases {
        let column = 9 + key.len();
        assert_eq!(
            problems(&header(key, value)),
            [format!("t.yaml:18:{column}: {problem}")],
            "{key}: {value}"
        );
    }
    // A tab and inner spaces are header text; so is an empty value.
    assert_eq!(
        problems(&header("default", r#""a\tb c""#)),
        Vec::<String>::new()
    );
    assert_eq!(problems(&header("const", r#""""#)), Vec::<String>::new());
}

#[test]
fn example_values_of_header_parameters_must_be_header_values() {
    let yaml = variant(&[
        (
            "    - name: scope\n",
            "    - name: X-Trace\n      in: header\n      type: string\n      optional: true\n    - name: scope\n",
        ),
        (
            "username: user\n",
            "username: user\n        X-Trace: \"a\\nb\"\n",
        ),
    ]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:37:18: example `basic`, header parameter `X-Trace`: the value has a line feed (U+000A) at character 2, which a header value cannot carry"
        ]
    );
}

#[test]
fn header_values_that_http_cannot_carry_unchanged() {
    use crate::wire::header_value_problem;
    for fine in ["", "Bearer abc", "a\tb", "~!#$%&'*+-.^_`|", "a  b"] {
        assert_eq!(header_value_problem(fine), None, "{fine:?}");
    }
    for (text, problem) in [
        ("a\rb", "has a carriage return (U+000D) at character 2"),
        ("\n", "has a line feed (U+000A) at character 1"),
        ("ab\0", "has a NUL character (U+0000) at character 3"),
        ("\u{7f}", "has a DEL character (U+007F) at character 1"),
        ("\u{1}", "has a control character (U+0001) at character 1"),
        (
            "\u{85}",
            "has the non-ASCII character U+0085 at character 1",
        ),
        ("é", "has the non-ASCII character U+00E9 at character 1"),
        ("\ta", "starts with whitespace"),
        ("a ", "ends with whitespace"),
    ] {
        let found = header_value_problem(text).unwrap_or_default();
        assert!(found.starts_with(problem), "{text:?}: {found}");
    }
}

/// MINIMAL with its example documenting `headers` (YAML lines, indented
/// under `headers:`), and the given further edits.
fn with_example_headers(headers: &str, edits: &[(&str, &str)]) -> Vec<String> {
    let mut all = vec![(
        "    request:\n      params:\n",
        format!("    request:\n      headers:\n{headers}      params:\n"),
    )];
    all.extend(edits.iter().map(|(old, new)| (*old, (*new).to_owned())));
    let all: Vec<(&str, &str)> = all.iter().map(|(old, new)| (*old, new.as_str())).collect();
    problems(&variant(&all))
}

#[test]
fn example_request_headers_must_be_ones_the_endpoint_sends() {
    let unsent = "example `basic` documents the request header `X-Custom`, which the endpoint never sends, so the replay server could never match the example; declare it as a parameter with `in: header`, or remove it";
    assert_eq!(
        with_example_headers("        X-Custom: \"1\"\n", &[]),
        [format!("t.yaml:32:9: {unsent}")]
    );
    // Transport headers, in any case, and the endpoint's own: accepted.
    let accepted = "        Host: example.com\n        ACCEPT: \"*/*\"\n        Accept-Encoding: gzip\n        Connection: keep-alive\n        Content-Length: \"42\"\n        Transfer-Encoding: chunked\n        User-Agent: curl\n        content-type: application/x-www-form-urlencoded\n        x-api-key: key\n";
    let api_key = (
        "    - name: scope\n",
        "    - name: X-Api-Key\n      in: header\n      type: string\n      optional: true\n    - name: scope\n",
    );
    assert_eq!(
        with_example_headers(accepted, &[api_key]),
        Vec::<String>::new()
    );
    assert_eq!(
        with_example_headers("        Content-Type: application/json\n", &[]),
        [
            "t.yaml:32:23: example `basic` documents the request header `Content-Type` as `application/json`, but the endpoint sends `application/x-www-form-urlencoded`"
        ]
    );
}

#[test]
fn an_example_without_a_body_documents_no_content_type() {
    // Only `scope` travels in the body, and only when it is set.
    let query = [
        ("const: password", "in: query\n      const: password"),
        ("name: username\n", "name: username\n      in: query\n"),
    ];
    let content_type = "        Content-Type: application/x-www-form-urlencoded\n";
    assert_eq!(
        with_example_headers(content_type, &query),
        [
            "t.yaml:34:9: example `basic` documents the request header `Content-Type`, but its request has no body parameter, so the endpoint sends no `Content-Type`; remove it"
        ]
    );
    let mut with_scope = query.to_vec();
    with_scope.push(("username: user\n", "username: user\n        scope: read\n"));
    assert_eq!(
        with_example_headers(content_type, &with_scope),
        Vec::<String>::new()
    );
}

#[test]
fn parser_words_become_messages_a_person_can_act_on() {
    let cases = [
        (
            variant(&[("spec: 1\n", "spec: -1\n")]),
            "unsupported spec version -1",
        ),
        (
            format!("{MINIMAL}\n---\nspec: 1\n"),
            "more than one YAML document",
        ),
        (
            variant(&[("name: get_token", "name: !!binary /w==")]),
            "tagged `!!binary`",
        ),
    ];
    for (yaml, expected) in cases {
        let found = problems(&yaml);
        assert!(
            found.iter().any(|problem| problem.contains(expected)),
            "expected `{expected}` in {found:?}"
        );
        for problem in &found {
            for jargon in [
                "from_str_multiple",
                "Options",
                "invalid u32",
                "untagged enum",
            ] {
                assert!(!problem.contains(jargon), "{problem}");
            }
        }
    }
}

#[test]
fn url_values_are_kept_as_the_runtime_sends_them() {
    let yaml = variant(&[(
        "    - name: username\n",
        "    - name: callback\n      type: url\n      default: https://A.example.com\n    - name: username\n",
    )]);
    let loaded = load_str("t.yaml", &yaml);
    assert_eq!(
        loaded.problems.as_ref().err().map(ToString::to_string),
        None
    );
    let endpoint = loaded.endpoint.expect("an endpoint");
    let callback = endpoint
        .request
        .params
        .iter()
        .find(|p| p.name == "callback")
        .expect("the parameter");
    assert_eq!(
        callback.kind,
        ParamKind::Caller {
            ty: Type::Url,
            secret: false,
            presence: Presence::Default(Value::Url("https://a.example.com/".into())),
        }
    );
}

#[test]
fn a_content_type_header_parameter_beside_a_form_body_is_refused() {
    let yaml = variant(&[(
        "    - name: username\n",
        "    - name: content-type\n      in: header\n      const: text/plain\n    - name: username\n",
    )]);
    assert_eq!(
        problems(&yaml),
        [
            "t.yaml:13:13: header parameter `Content-Type` would be sent twice: the form body sets it to `application/x-www-form-urlencoded`; remove the parameter"
        ]
    );
}

#[test]
fn an_example_response_header_that_http_cannot_carry_is_refused() {
    let yaml = variant(&[(
        "      status: 200\n      body:",
        "      status: 200\n      headers:\n        X-Note: \"a\\r\\nX-Forged: 1\"\n      body:",
    )]);
    let found = problems(&yaml);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("t.yaml:36:17: example `basic`: the value of response header `X-Note` has a carriage return"),
        "{found:?}"
    );
}

#[test]
fn a_broken_type_file_is_reported_alone_not_as_unknown_types_of_the_spec() {
    let dir =
        std::env::temp_dir().join(format!("kontur-extern-broken-types-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory");
    // A plain scalar with `: ` in it: not YAML.
    std::fs::write(
        dir.join("types.yaml"),
        "spec: 2\nmodule: shared\ntypes:\n  Thing:\n    type: object\n    doc: What it is: a thing.\n    fields:\n      - name: id\n        type: uuid\n",
    )
    .expect("written");
    let spec = "spec: 2\nuse: [types.yaml]\nendpoint:\n  name: get_thing\n  summary: Get a thing.\n  method: GET\n  base_url: https://example.com\n  path: /thing\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: Thing\nerror:\n  format: kontur_api\n";
    std::fs::write(dir.join("spec.yaml"), spec).expect("written");
    let loaded = crate::load_file(&dir.join("spec.yaml"), "spec.yaml");
    let _ = std::fs::remove_dir_all(&dir);
    let found: Vec<String> = loaded
        .problems
        .expect_err("the type file is broken")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("types.yaml:6:"), "{found:?}");
    assert!(loaded.endpoint.is_none());
}
