//! Strings with a `pattern:` (a newtype each, checked where the caller
//! builds one) and the types a map's `keys:` may have.

use crate::types::model::{Item, ItemKind, Ty};
use crate::types::resolve::resolver::Resolver;
use crate::types::resolve::rust_names::BUILTIN;
use crate::types::source::{Text, TypeNode};

/// The built-in types a map's keys may have.
const KEY_TYPES: [&str; 4] = ["string", "integer", "uuid", "date"];

/// The longest `pattern:` accepted; a pattern is a short rule for a code
/// or a number, and the runtime compiles it once per type.
const MAX_PATTERN_CHARS: usize = 1000;

/// The regular expression a `pattern:` means: the whole value matches it
/// (as in XSD, where the tax formats come from), not a part of it as in
/// JSON Schema. The runtime anchors it the same way.
pub fn anchored(pattern: &str) -> String {
    format!("^(?:{pattern})$")
}

/// A value as `case: any` compares it: ASCII lower case, without `-`, `_`,
/// `.` and spaces. The runtime folds the same way.
pub fn fold_case(value: &str) -> String {
    value
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | '.' | ' '))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl Resolver<'_> {
    /// A `type: string` with a `pattern:`: a new item named by its
    /// `type_name:`, or after its `owner`.
    pub(super) fn pattern_item(&mut self, node: &TypeNode, owner: &str) -> Option<Ty> {
        let name = self.item_name(node, owner)?;
        let pattern = self.pattern(node)?;
        let id = self.push(
            Item {
                name,
                doc: node.doc.clone(),
                origin: self.origin(),
                kind: ItemKind::Pattern(pattern),
            },
            node.at,
        );
        Some(Ty::Item(id))
    }

    /// The `pattern:` of a string node, when it is a regular expression
    /// (the `regex-lite` syntax) and the node is not a secret.
    pub(super) fn pattern(&mut self, node: &TypeNode) -> Option<String> {
        let pattern = node.pattern.as_ref()?;
        if node.secret.as_ref().is_some_and(|secret| secret.value) {
            self.cx.error(
                pattern.at,
                "a secret string cannot have a `pattern`: the type it generates would show \
                 its value",
            );
            return None;
        }
        pattern_problem(&pattern.value).map_or(Some(pattern.value.clone()), |problem| {
            self.cx.error(
                pattern.at,
                format!("`pattern: {}` {problem}", pattern.value),
            );
            None
        })
    }

    /// `keys:` of a map: `string` when absent; otherwise a type whose
    /// values are written as JSON object keys.
    pub(super) fn map_keys(&mut self, node: &TypeNode, owner: &str) -> Option<Ty> {
        let Some(keys) = &node.keys else {
            return Some(Ty::String { secret: false });
        };
        let builtin = BUILTIN.contains(&keys.value.as_str());
        let ty = if builtin && !KEY_TYPES.contains(&keys.value.as_str()) {
            None
        } else {
            Some(self.convert(&key_node(keys), owner)?)
        };
        let fits = match ty.as_ref().map(|ty| self.space.resolved(ty)) {
            None => false,
            Some(Ty::String { secret: false } | Ty::Integer | Ty::Uuid | Ty::Date) => true,
            Some(Ty::Item(id)) => matches!(self.space.get(*id).kind, ItemKind::Pattern(_)),
            Some(_) => false,
        };
        if !fits {
            self.cx.error(
                keys.at,
                format!(
                    "`keys: {}` cannot key a map; keys are `string` (the default), `integer`, \
                     `uuid`, `date`, or a named string type with a `pattern` (JSON keys are \
                     text, and the Rust map is ordered by its keys)",
                    keys.value
                ),
            );
            return None;
        }
        ty
    }
}

/// A type node that only names a type, at `keys`.
fn key_node(keys: &Text) -> TypeNode {
    TypeNode::naming(keys.clone())
}

/// Why `pattern` cannot be a string's pattern.
fn pattern_problem(pattern: &str) -> Option<String> {
    if pattern.is_empty() {
        return Some("is empty; leave `pattern` out for any string".into());
    }
    if pattern.chars().count() > MAX_PATTERN_CHARS {
        return Some(format!("is longer than {MAX_PATTERN_CHARS} characters"));
    }
    match regex_lite::Regex::new(&anchored(pattern)) {
        Ok(_) => None,
        Err(error) => Some(format!(
            "is not a regular expression (the `regex-lite` syntax): {}",
            one_line(&error.to_string())
        )),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
