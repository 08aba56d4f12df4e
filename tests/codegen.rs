//! The code generator on the real spec: the generated code, pinned as a
//! reviewed snapshot, and the checked model behind it.

use std::path::Path;

use kontur_extern_codegen::model::{ParamKind, Presence, Type, Value};
use kontur_extern_codegen::{Naming, Options, expand, load};

fn password_token() -> kontur_extern_codegen::Endpoint {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/password-token.yaml");
    match load(&path, "spec/password-token.yaml") {
        Ok(endpoint) => endpoint,
        Err(problems) => panic!("the shipped spec must be valid:\n{problems}"),
    }
}

fn pretty(tokens: proc_macro2::TokenStream) -> String {
    let file = syn::parse2::<syn::File>(tokens).expect("generated code parses as a Rust file");
    prettyplease::unparse(&file)
}

#[test]
fn generated_code_for_the_password_token_spec() {
    let options = Options {
        naming: Naming::Module,
        rebuild_path: None,
    };
    insta::assert_snapshot!(pretty(expand(&password_token(), &options)));
}

#[test]
fn derive_naming_puts_types_beside_the_users_type() {
    let options = Options {
        naming: Naming::Beside {
            endpoint: syn::parse_quote!(Token),
            vis: syn::parse_quote!(pub(crate)),
        },
        rebuild_path: Some("/abs/spec.yaml".into()),
    };
    let code = pretty(expand(&password_token(), &options));
    assert!(code.contains("pub(crate) struct TokenRequest {"), "{code}");
    assert!(code.contains("pub(crate) struct TokenResponse {"), "{code}");
    assert!(code.contains("pub(crate) enum TokenTokenType {"), "{code}");
    assert!(
        code.contains("impl ::kontur_extern::Endpoint for Token {"),
        "{code}"
    );
    assert!(code.contains("include_str!(\"/abs/spec.yaml\")"), "{code}");
    assert!(!code.contains("pub mod password_token"), "{code}");
}

#[test]
fn constants_are_not_caller_set() {
    let endpoint = password_token();
    let kind_of = |name: &str| {
        endpoint
            .request
            .params
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.kind.clone())
    };
    assert_eq!(
        kind_of("grant_type"),
        Some(ParamKind::Constant(Value::String("password".into())))
    );
    assert_eq!(
        kind_of("scope"),
        Some(ParamKind::Constant(Value::String("extern.api".into())))
    );
    assert_eq!(
        kind_of("client_secret"),
        Some(ParamKind::Caller {
            ty: Type::String,
            secret: true,
            presence: Presence::Required
        })
    );
}

#[test]
fn checker_and_runtime_agree_on_the_longest_duration() {
    assert_eq!(
        kontur_extern_codegen::check::MAX_DURATION_SECS,
        kontur_extern::MAX_DURATION_SECS
    );
}
