//! Loading and checking specs: the shipped spec, and one test per kind of
//! problem, pinned to the exact `file:line:col: message` a user sees.
//!
//! The shared fixtures are here, with the two specs that must load
//! cleanly; the tests of each part of a spec are in the files below.

use crate::model::{ParamKind, Presence, Type, Value};
use crate::*;

mod examples;
mod limits;
mod names;
mod params;
mod route;
mod structure;

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
        include_str!("../../../spec/password-token.yaml"),
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
