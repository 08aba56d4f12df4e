//! The fixtures the checker's tests share: [`MINIMAL`], a small valid spec
//! the tests change one thing in at a time, and the helpers that edit it
//! and render its problems.

use crate::{Endpoint, load_str};

/// A small valid spec; the tests change one thing in it at a time.
/// Line numbers in the expected diagnostics count from `spec: 1` as line 1.
pub(super) const MINIMAL: &str = r#"spec: 1
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

pub(super) const BODY: &str = r#"'{"access_token": "abc", "expires_in": 60}'"#;

/// MINIMAL with each `(old, new)` replacement applied; `old` must occur
/// exactly once, so an edit cannot silently miss or hit the wrong line.
pub(super) fn variant(edits: &[(&str, &str)]) -> String {
    let mut yaml = MINIMAL.to_owned();
    for (old, new) in edits {
        assert_eq!(yaml.matches(old).count(), 1, "`{old}` must occur once");
        yaml = yaml.replacen(old, new, 1);
    }
    yaml
}

/// The rendered diagnostics of a spec, in the order they are reported.
pub(super) fn problems(yaml: &str) -> Vec<String> {
    match load_str("t.yaml", yaml).problems {
        Ok(()) => Vec::new(),
        Err(diagnostics) => diagnostics.iter().map(ToString::to_string).collect(),
    }
}

pub(super) fn names(endpoint: &Endpoint) -> Vec<&str> {
    endpoint
        .request
        .params
        .iter()
        .map(|p| p.name.as_str())
        .collect()
}
