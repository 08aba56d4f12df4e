//! Rust identifiers from spec names.
//!
//! The checker asks [`check`] whether a name can be an identifier; the
//! generator spells it with [`ident`]. Both read the same two tables, so a
//! name the checker accepts is always one the generated code can use.

use std::cell::RefCell;
use std::collections::HashMap;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// `text` in `snake_case`, as heck writes it. A service spells the same
/// names hundreds of times, and heck's word splitting is among the
/// costliest steps of a debug build's expansion: each spelling is kept per
/// thread (at most [`CASES_KEPT`], then the cache starts again).
pub(crate) fn snake_case(text: &str) -> String {
    thread_local! {
        static SNAKE: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    cased(&SNAKE, text, ToSnakeCase::to_snake_case)
}

/// `text` in `UpperCamelCase`, as heck writes it; kept as [`snake_case`].
pub(crate) fn upper_camel_case(text: &str) -> String {
    thread_local! {
        static CAMEL: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    cased(&CAMEL, text, ToUpperCamelCase::to_upper_camel_case)
}

const CASES_KEPT: usize = 1 << 14;

fn cased(
    cache: &'static std::thread::LocalKey<RefCell<HashMap<String, String>>>,
    text: &str,
    case: fn(&str) -> String,
) -> String {
    cache.with(|cache| {
        if let Some(found) = cache.borrow().get(text) {
            return found.clone();
        }
        let spelled = case(text);
        let mut cache = cache.borrow_mut();
        if cache.len() >= CASES_KEPT {
            cache.clear();
        }
        cache.insert(text.to_owned(), spelled.clone());
        spelled
    })
}

/// The keywords of edition 2024, strict and reserved, that a raw identifier
/// can spell: `type` becomes `r#type`. Raw identifiers work in every
/// edition since 2018, so the code compiles whatever edition the user's
/// crate has, and `gen` (reserved since 2024) is among them. Weak keywords (`union`,
/// `macro_rules`, `raw`, `safe`, `auto`, `default`) are identifiers where
/// generated code puts names, so they stay plain.
pub const RAW_KEYWORDS: [&str; 48] = [
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Names no identifier can spell, not even a raw one (`r#self` is an error).
pub const UNUSABLE: [&str; 5] = ["self", "Self", "super", "crate", "_"];

/// Why `name` cannot be a Rust identifier, completing "`name` …"; `None`
/// when it can, plainly or as a raw identifier.
pub fn check(name: &str) -> Option<&'static str> {
    if UNUSABLE.contains(&name) {
        Some("cannot be a Rust identifier, not even a raw one (`r#…`)")
    } else if RAW_KEYWORDS.contains(&name) || syn::parse_str::<Ident>(name).is_ok() {
        None
    } else {
        Some("is not a Rust identifier")
    }
}

/// The skeleton of an identifier (Unicode TS 39): two identifiers with the
/// same skeleton look alike, and rustc warns `confusable_idents` when one
/// of them is not ASCII, as this does.
pub fn skeleton(name: &str) -> String {
    unicode_security::confusable_detection::skeleton(name).collect()
}

/// When `a` and `b` differ but look alike (rustc's `confusable_idents`),
/// the characters outside ASCII that tell them apart, as
/// `` `с` (U+0441) ``; `None` otherwise.
pub fn confusable(a: &str, b: &str) -> Option<String> {
    if a == b || (a.is_ascii() && b.is_ascii()) || skeleton(a) != skeleton(b) {
        return None;
    }
    let mut odd: Vec<String> = Vec::new();
    for c in a.chars().chain(b.chars()).filter(|c| !c.is_ascii()) {
        let shown = format!(
            "`{}` (U+{:04X})",
            crate::diagnostic::inert(&c.to_string()),
            u32::from(c)
        );
        if !odd.contains(&shown) {
            odd.push(shown);
        }
    }
    Some(odd.join(", "))
}

/// The identifier for a name that [`check`] accepted: raw for a keyword.
pub fn ident(name: &str) -> Ident {
    if RAW_KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// The Rust field name for a wire name (`X-Request-Id` → `x_request_id`).
pub(crate) fn field_ident(wire: &str) -> String {
    snake_case(wire)
}

/// The Rust field for a parameter or body field named `wire` on the wire.
pub(crate) fn field_name(wire: &str) -> Ident {
    ident(&field_ident(wire))
}
