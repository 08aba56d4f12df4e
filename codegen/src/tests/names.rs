//! Names in the spec and the Rust they become: endpoint names that clash
//! with generated items, names no identifier can spell, keywords as raw
//! identifiers, and enums whose Rust types would clash.

use crate::tests::support::{BODY, problems, variant};
use crate::*;

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
            format!("pub fn r#{keyword} <"),
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
fn kept_spellings_are_heck_s_for_each_case_and_each_name() {
    use heck::{ToSnakeCase, ToUpperCamelCase};

    use crate::ident::{snake_case, upper_camel_case};
    let names = [
        "accountId",
        "account-id",
        "AccountId",
        "ACCOUNT_ID",
        "x-kontur-trace-id",
        "Привет мир",
        "",
        "a1b2",
        "HTTPStatus",
    ];
    // Twice: the second round is read from the kept spellings, where one
    // case's spelling must not answer for the other.
    for _ in 0..2 {
        for name in names {
            assert_eq!(snake_case(name), name.to_snake_case(), "{name:?}");
            assert_eq!(
                upper_camel_case(name),
                name.to_upper_camel_case(),
                "{name:?}"
            );
        }
    }
}
