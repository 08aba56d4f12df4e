//! The Rust names a spec's types may take: the built-in type names no
//! named type may have, and why a name cannot be a generated type's,
//! variant's or field's.

use crate::ident;

/// The built-in types, as `type:` spells them.
pub const BUILTIN: [&str; 17] = [
    "string",
    "integer",
    "number",
    "boolean",
    "duration_seconds",
    "url",
    "uuid",
    "datetime",
    "date",
    "bytes",
    "json",
    "enum",
    "object",
    "list",
    "map",
    "union",
    // Not a type; listed so that it is never a type's name.
    "null",
];

/// Why `name` cannot be a generated type's or variant's name.
pub fn type_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("is empty".into());
    }
    if BUILTIN.contains(&name) {
        return Some("is a built-in type; named types are PascalCase".into());
    }
    if crate::ident::upper_camel_case(name) != name {
        return Some(format!(
            "is not PascalCase (`{}` would be)",
            crate::ident::upper_camel_case(name)
        ));
    }
    match ident::check(name) {
        Some(problem) => Some(problem.to_owned()),
        None if ident::RAW_KEYWORDS.contains(&name) => Some("is a Rust keyword".into()),
        None => None,
    }
}

/// Why `name` cannot be a Rust field name.
pub(super) fn field_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("is empty");
    }
    ident::check(name)
}
