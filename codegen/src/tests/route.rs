//! The endpoint's route: its HTTP method, its `base_url` and its `path`.

use crate::tests::support::{problems, variant};

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
