//! An object's fields: their JSON keys and Rust names (each once), their
//! types, whether they may be missing, and their defaults.

use std::collections::HashMap;

use crate::types::model::{Field, FieldPresence, ItemId, ItemKind, Ty};
use crate::types::resolve::resolver::{Resolver, line_of};
use crate::types::resolve::rust_names::field_name_problem;
use crate::types::source::{FieldNode, Text};
use crate::yaml::Scalar;

impl Resolver<'_> {
    pub(super) fn fields(
        &mut self,
        owner: ItemId,
        nodes: &[FieldNode],
        owner_name: &str,
    ) -> Vec<Field> {
        let mut fields = Vec::new();
        let mut rust_names: HashMap<String, &Text> = HashMap::new();
        // Rust names by their skeleton: two that look alike.
        let mut looks: HashMap<String, (String, &Text)> = HashMap::new();
        let mut wire_names: HashMap<&str, &Text> = HashMap::new();
        // Every key a field is read under: its name and its aliases.
        let mut read_under: HashMap<&str, &Text> = nodes
            .iter()
            .map(|node| (node.name.value.as_str(), &node.name))
            .collect();
        for node in nodes {
            let wire = &node.name;
            for alias in &node.aliases {
                let problem = if alias.value.is_empty() {
                    Some("is empty".to_owned())
                } else if alias.value == wire.value {
                    Some(format!("is the field's own name `{}`", wire.value))
                } else {
                    read_under.insert(&alias.value, alias).map(|first| {
                        format!(
                            "is already a key of this object{}; a key reads one field",
                            line_of(first.at)
                        )
                    })
                };
                if let Some(problem) = problem {
                    self.cx.error(
                        alias.at,
                        format!(
                            "alias `{}` of field `{}` {problem}",
                            alias.value, wire.value
                        ),
                    );
                }
            }
            if let Some(first) = wire_names.insert(&wire.value, wire) {
                self.cx.error(
                    wire.at,
                    format!(
                        "field `{}` appears twice in this object{}",
                        wire.value,
                        line_of(first.at)
                    ),
                );
                continue;
            }
            let (rust, source) = match &node.rust_name {
                Some(rust_name) => (rust_name.value.clone(), rust_name),
                None => (crate::ident::snake_case(&wire.value), wire),
            };
            if let Some(problem) = field_name_problem(&rust) {
                let advice = if node.rust_name.is_some() {
                    String::new()
                } else {
                    format!(
                        " (from the JSON key `{}`); choose one with `rust_name:`",
                        wire.value
                    )
                };
                self.cx.error(
                    source.at,
                    format!("Rust field name `{rust}` {problem}{advice}"),
                );
                continue;
            }
            if let Some(first) = rust_names.get(&rust) {
                self.cx.error(
                    source.at,
                    format!(
                        "JSON keys `{}` and `{}` both become the Rust field `{rust}`{}; give one \
                         a `rust_name:`",
                        first.value,
                        wire.value,
                        line_of(first.at)
                    ),
                );
                continue;
            }
            if let Some((first_rust, first)) = looks.get(&crate::ident::skeleton(&rust))
                && let Some(odd) = crate::ident::confusable(first_rust, &rust)
            {
                self.cx.error(
                    source.at,
                    format!(
                        "JSON keys `{}` and `{}` become the Rust fields `{first_rust}` and \
                         `{rust}`{}, which look alike ({odd} not ASCII; rustc warns \
                         `confusable_idents`); give one a `rust_name:` in ASCII",
                        first.value,
                        wire.value,
                        line_of(first.at)
                    ),
                );
                continue;
            }
            looks.insert(crate::ident::skeleton(&rust), (rust.clone(), wire));
            rust_names.insert(rust.clone(), wire);
            let inner_name = format!("{owner_name}{}", crate::ident::upper_camel_case(&rust));
            let Some(ty) = self.convert(&node.node, &inner_name) else {
                continue;
            };
            let presence = self.presence(node, &ty);
            // The field's own type, or its list's elements (a union tagged
            // in the parent may be either); judged in `finish`, once every
            // named type is filled.
            let held = match ty.bare() {
                Ty::List(inner) => inner.as_ref(),
                other => other,
            };
            if let Ty::Item(item) = held {
                self.parent_tagged_uses.push((*item, owner, fields.len()));
            }
            fields.push(Field {
                wire: wire.value.clone(),
                aliases: node.aliases.iter().map(|a| a.value.clone()).collect(),
                rust,
                doc: node.node.doc.clone(),
                ty,
                presence,
            });
        }
        fields
    }

    /// How a field may be missing: `optional`, with a `default` (which must
    /// suit its type), or required; both at once is reported and taken as
    /// `optional`.
    fn presence(&mut self, node: &FieldNode, ty: &Ty) -> FieldPresence {
        let wire = &node.name;
        match (&node.default, node.optional) {
            (Some((_, at)), true) => {
                self.cx.error(
                    *at,
                    format!(
                        "field `{}` is `optional` and has a `default`; keep one",
                        wire.value
                    ),
                );
                FieldPresence::Optional
            }
            (Some((scalar, at)), false) => match self.default_value(scalar, ty) {
                Ok(value) => FieldPresence::Default(value),
                Err(problem) => {
                    self.cx.error(
                        *at,
                        format!("the default of field `{}` {problem}", wire.value),
                    );
                    FieldPresence::Required
                }
            },
            (None, true) => FieldPresence::Optional,
            (None, false) => FieldPresence::Required,
        }
    }

    fn default_value(&self, scalar: &Scalar, ty: &Ty) -> Result<serde_json::Value, String> {
        use serde_json::Value;
        // Through named aliases (`Inn: {type: string}`), not through `nullable`.
        let ty = match ty {
            Ty::Nullable(_) => ty,
            _ => self.space.resolved(ty),
        };
        let kind = match ty {
            Ty::Item(id) => match &self.space.get(*id).kind {
                ItemKind::Enum(_) => "enum",
                _ => "",
            },
            Ty::String { secret: false } => "string",
            Ty::Integer => "integer",
            Ty::Number => "number",
            Ty::Boolean => "boolean",
            _ => "",
        };
        match (kind, scalar) {
            ("string" | "enum", Scalar::String(text)) => Ok(Value::String(text.clone())),
            ("integer" | "number", Scalar::Integer(number)) => Ok(Value::from(*number)),
            ("boolean", Scalar::Bool(flag)) => Ok(Value::Bool(*flag)),
            ("", _) => Err(
                "is not allowed: only fields of type string, integer, number, boolean or enum \
                 (not secret, not nullable) can have a default"
                    .to_owned(),
            ),
            (kind, scalar) => Err(format!("is {}, which is not a {kind}", scalar.describe())),
        }
    }
}
