//! Spec text as rustdoc: every doc the generator writes goes through here,
//! so that no code block in it becomes a doctest ([`crate::markdown`]).
//!
//! A leaf beside `markdown.rs`: the endpoint, type and service generators
//! all use it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostic::inert;
use crate::markdown::inert_code_blocks;

/// Rustdoc from a spec `doc`, or `fallback` when the spec has none, so that
/// generated items pass `#![deny(missing_docs)]` in the user's crate.
pub(crate) fn doc_attr(doc: Option<&str>, fallback: impl FnOnce() -> String) -> TokenStream {
    match doc {
        Some(text) => doc_lines(text),
        None => doc_lines(&fallback()),
    }
}

/// `#[doc]` lines, each led by a space as `///` comments are. Every doc
/// the generator emits passes here, so spec text in it is documentation
/// whose code blocks rustdoc never compiles or runs as doctests, and whose
/// control, bidirectional and zero-width characters are `\u{…}` escapes
/// (`kontur-extern expand` prints the docs to a terminal).
pub(crate) fn doc_lines(text: &str) -> TokenStream {
    let text = inert_code_blocks(&inert(text));
    let lines = text.trim_end().lines().map(|line| format!(" {line}"));
    quote!(#( #[doc = #lines] )*)
}

#[cfg(test)]
mod tests {
    /// The text of the `#[doc]` lines, joined.
    fn docs(text: &str) -> String {
        let tokens = super::doc_lines(text).to_string();
        let file: syn::File = syn::parse_str(&format!("{tokens} struct S;")).expect("parses");
        file.items
            .iter()
            .flat_map(|item| match item {
                syn::Item::Struct(s) => s.attrs.clone(),
                _ => Vec::new(),
            })
            .filter_map(|attr| match &attr.meta {
                syn::Meta::NameValue(nv) => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }) => Some(text.value()),
                    _ => None,
                },
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn spec_text_that_would_drive_a_terminal_is_escaped_in_docs() {
        let shown = docs("Get a token.\u{1b}]0;PWNED\u{7} and \u{202e}txt");
        assert!(
            !shown.contains(['\u{1b}', '\u{7}', '\u{202e}']),
            "{shown:?}"
        );
        assert!(shown.contains("\\u{1b}]0;PWNED\\u{7}"), "{shown:?}");
        assert_eq!(
            docs("Plain text,\nwith a tab\there."),
            " Plain text,\n with a tab  here."
        );
    }
}
