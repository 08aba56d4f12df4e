//! The code generator on the real spec: the generated code, pinned as a
//! reviewed snapshot, and the checked model behind it; and the generated
//! rustdoc, which rustdoc itself must find no doctest in.

use std::path::Path;
use std::process::Command;

use proc_macro2::{TokenStream, TokenTree};

use kontur_extern_codegen::model::{ParamKind, Presence, Type, Value};
use kontur_extern_codegen::{Naming, Options, expand, load};

fn password_token() -> kontur_extern_codegen::Endpoint {
    spec("spec/password-token.yaml")
}

fn spec(file: &str) -> kontur_extern_codegen::Endpoint {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    match load(&path, file) {
        Ok(endpoint) => endpoint,
        Err(problems) => panic!("the spec must be valid:\n{problems}"),
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

/// Version 2: a nested spec with a shared type file and every kind of
/// union; the type file's module and the endpoint's module together.
#[test]
fn generated_code_for_a_nested_v2_spec_with_shared_types() {
    let options = Options {
        naming: Naming::Module,
        rebuild_path: None,
    };
    let file = "tests/specs/v2/common.yaml";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let shared = kontur_extern_codegen::load_types_file(&path, file)
        .unwrap_or_else(|problems| panic!("the type file must be valid:\n{problems}"));
    let nested = spec("tests/specs/v2/nested.yaml");
    let code = format!(
        "{}\n{}",
        pretty(kontur_extern_codegen::expand_types(&shared, None)),
        pretty(expand(&nested, &options))
    );
    insta::assert_snapshot!(code);
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
        kontur_extern_codegen::wire::MAX_DURATION_SECS,
        kontur_extern::MAX_DURATION_SECS
    );
}

/// What the checker escapes in its messages and docs is what the runtime
/// escapes in text from a server, but for line breaks and tabs, which a
/// message or a doc keeps.
#[test]
fn checker_and_runtime_escape_the_same_characters() {
    let differ: Vec<char> = (0..=0x10ffff_u32)
        .filter_map(char::from_u32)
        .filter(|c| {
            let runtime = kontur_extern::__private::needs_escape(*c) && !matches!(c, '\n' | '\t');
            kontur_extern_codegen::diagnostic::unprintable(*c) != runtime
        })
        .collect();
    assert!(differ.is_empty(), "{differ:?}");
    assert!(kontur_extern_codegen::diagnostic::unprintable('\u{1b}'));
    assert!(!kontur_extern_codegen::diagnostic::unprintable('\n'));
}

kontur_extern::endpoint!("spec/password-token.yaml");

#[test]
fn checker_and_runtime_agree_on_the_headers_of_documented_requests() {
    use kontur_extern::Endpoint;
    use kontur_extern_codegen::wire::{FORM_CONTENT_TYPE, TRANSPORT_HEADERS};

    assert_eq!(TRANSPORT_HEADERS, kontur_extern::TRANSPORT_HEADERS);
    let example = &password_token::PasswordToken::examples()[0];
    let base_url = kontur_extern::Url::parse("https://identity.kontur.ru").expect("a URL");
    let request = password_token::PasswordToken::encode(&example.request, &base_url)
        .expect("the documented request encodes");
    assert_eq!(
        request.headers()[http::header::CONTENT_TYPE],
        FORM_CONTENT_TYPE
    );
}

/// The text of each run of `#[doc = "…"]` attributes in `tokens`: the
/// rustdoc of one generated item each.
fn doc_blocks(tokens: TokenStream, blocks: &mut Vec<Vec<String>>) {
    let mut current = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(tree) = tokens.next() {
        let doc = match (&tree, tokens.peek()) {
            (TokenTree::Punct(punct), Some(TokenTree::Group(group))) if punct.as_char() == '#' => {
                doc_text(group.stream())
            }
            _ => None,
        };
        if let Some(text) = doc {
            current.push(text);
            tokens.next();
            continue;
        }
        if !current.is_empty() {
            blocks.push(std::mem::take(&mut current));
        }
        if let TokenTree::Group(group) = tree {
            doc_blocks(group.stream(), blocks);
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
}

/// The text of an attribute `doc = "…"`.
fn doc_text(attribute: TokenStream) -> Option<String> {
    let meta = syn::parse2::<syn::MetaNameValue>(attribute).ok()?;
    match meta.value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) if meta.path.is_ident("doc") => Some(text.value()),
        _ => None,
    }
}

#[test]
fn spec_text_in_generated_docs_is_never_a_doctest() {
    let endpoint = spec("tests/specs/doc-code-blocks.yaml");
    let mut blocks = Vec::new();
    for naming in [
        Naming::Module,
        Naming::Beside {
            endpoint: syn::parse_quote!(Docs),
            vis: syn::parse_quote!(pub),
        },
    ] {
        let options = Options {
            naming,
            rebuild_path: None,
        };
        doc_blocks(expand(&endpoint, &options), &mut blocks);
    }
    // Each item's docs as rustdoc reads them, and one doctest it must find.
    let mut file = String::from(
        "//! Generated docs.\n\n/// ```ignore\n/// control\n/// ```\npub mod control {}\n",
    );
    for (index, block) in blocks.iter().enumerate() {
        for line in block {
            file.push_str(&format!("#[doc = {line:?}]\n"));
        }
        file.push_str(&format!("pub mod item{index} {{}}\n"));
    }
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated_docs.rs");
    std::fs::write(&path, file).expect("the docs are written");
    let rustdoc = std::env::var_os("RUSTDOC").unwrap_or_else(|| "rustdoc".into());
    let output = Command::new(rustdoc)
        .arg("--test")
        .arg(&path)
        .args(["--crate-name", "generated_docs", "--edition", "2021"])
        .args(["--test-args", "--list"])
        .output()
        .expect("rustdoc runs");
    let listed = String::from_utf8_lossy(&output.stdout);
    let doctests: Vec<&str> = listed
        .lines()
        .filter(|line| line.ends_with(": test"))
        .collect();
    assert!(output.status.success(), "rustdoc failed:\n{listed}");
    assert_eq!(
        doctests.len(),
        1,
        "rustdoc finds doctests besides the control:\n{listed}"
    );
    assert!(doctests[0].contains("control"), "{listed}");

    // The blocks are still there, as text.
    let docs: Vec<&String> = blocks.iter().flatten().collect();
    for fence in ["```rust", "```should_panic", "~~~rust", "    GET /v1"] {
        assert!(
            !docs.iter().any(|line| line.contains(fence)),
            "`{fence}` left in the docs"
        );
    }
    for text in [" ```text", " ~~~~text", "    ```text", " > ```text"] {
        assert!(docs.iter().any(|line| *line == text), "no `{text}`");
    }
}
