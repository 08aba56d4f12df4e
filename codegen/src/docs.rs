//! Spec text as rustdoc: every doc the generator writes goes through here,
//! so that no code block in it becomes a doctest ([`crate::markdown`]).
//!
//! A leaf beside `markdown.rs`: the endpoint, type and service generators
//! all use it.

use proc_macro2::TokenStream;
use quote::quote;

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
/// whose code blocks rustdoc never compiles or runs as doctests.
pub(crate) fn doc_lines(text: &str) -> TokenStream {
    let text = inert_code_blocks(text);
    let lines = text.trim_end().lines().map(|line| format!(" {line}"));
    quote!(#( #[doc = #lines] )*)
}
