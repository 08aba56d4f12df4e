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

/// The problems of MINIMAL with its path replaced, one text.
fn path_problems(path: &str) -> String {
    problems(&variant(&[("path: /token", &format!("path: \"{path}\""))])).join("\n")
}

#[test]
fn a_path_with_dot_segments_is_refused() {
    assert_eq!(path_problems("/token"), "");
    assert_eq!(path_problems("/v1/x.y/..z"), "");
    for path in [
        "/../../admin",
        "/v1/../token",
        "/v1/./token",
        "/v1/%2e%2E/x",
        "/v1/.%2e",
    ] {
        let found = path_problems(path);
        assert!(
            found.contains("which would move the request out of the base URL's path"),
            "{path}: {found}"
        );
    }
}

#[test]
fn a_path_with_control_or_bidi_characters_is_refused_and_shown_escaped() {
    for (path, code) in [
        ("/v1/\\u001b]0;PWNED\\u0007", "U+001B"),
        ("/v1/\\u202Etxt", "U+202E"),
        ("/v1/a\\u200Bb", "U+200B"),
    ] {
        let found = path_problems(path);
        assert!(found.contains(code), "{path}: {found}");
        assert!(
            !found.contains(['\u{1b}', '\u{7}', '\u{202E}', '\u{200B}']),
            "raw: {found:?}"
        );
    }
}

#[test]
fn a_message_quoting_a_control_character_shows_it_escaped() {
    let yaml = variant(&[("name: get_token", "name: \"e\\e]0;PWNED\\a\"")]);
    let found = problems(&yaml).join("\n");
    assert!(!found.is_empty(), "the name is refused");
    assert!(found.contains("\\u{1b}]0;PWNED\\u{7}"), "{found:?}");
    assert!(!found.contains(['\u{1b}', '\u{7}']), "{found:?}");
}
