//! Request parameters and headers: types, constants, defaults and
//! optionality, duplicates, header names, and the header values HTTP can
//! carry unchanged.

use crate::model::{ParamKind, Presence, Type, Value};
use crate::tests::support::{problems, variant};
use crate::*;

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
