//! Examples: the parameters they set and omit, the response bodies and
//! headers they document against the endpoint's declarations, and an
//! unsound example left out without costing the endpoint.

use crate::tests::support::{BODY, names, problems, variant};
use crate::*;

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

/// The vendor's exchanges document `Content-Type` on requests without a
/// body too: taken as written, and not matched by the replay server, since
/// no client sends it there.
#[test]
fn an_example_without_a_body_may_document_a_content_type_that_is_not_matched() {
    // Only `scope` travels in the body, and only when it is set.
    let query = [
        ("const: password", "in: query\n      const: password"),
        ("name: username\n", "name: username\n      in: query\n"),
    ];
    let content_type = "        Content-Type: application/x-www-form-urlencoded\n";
    assert_eq!(
        with_example_headers(content_type, &query),
        Vec::<String>::new()
    );
    let mut all = vec![(
        "    request:\n      params:\n",
        format!("    request:\n      headers:\n{content_type}      params:\n"),
    )];
    all.extend(query.iter().map(|(old, new)| (*old, (*new).to_owned())));
    let all: Vec<(&str, &str)> = all.iter().map(|(old, new)| (*old, new.as_str())).collect();
    let endpoint = crate::load_str("t.yaml", &variant(&all))
        .endpoint
        .expect("a model");
    assert_eq!(
        endpoint.examples[0].request_headers,
        Vec::<(String, String)>::new()
    );
    let mut with_scope = query.to_vec();
    with_scope.push(("username: user\n", "username: user\n        scope: read\n"));
    assert_eq!(
        with_example_headers(content_type, &with_scope),
        Vec::<String>::new()
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
