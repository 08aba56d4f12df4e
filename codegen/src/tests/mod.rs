//! Loading and checking specs: the shipped spec, and one test per kind of
//! problem, pinned to the exact `file:line:col: message` a user sees.
//!
//! The two specs that must load cleanly are tested here; the shared
//! fixtures are in `support.rs`, the tests of each part of a spec in the
//! other files.

// `limits.rs` reads the fixtures through `super::`.
use self::support::{MINIMAL, names, problems, variant};
use crate::model::{ParamKind, Presence, Type, Value};
use crate::*;

mod chunks;
mod examples;
mod limits;
mod names;
mod outcomes;
mod params;
mod reuse;
mod route;
mod structure;
mod support;
mod tasks;
mod tree;

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
