//! Enums: their values, and the Rust variants those values become.

use std::collections::HashMap;

use crate::types::model::EnumCase;
use crate::types::resolve::resolver::{Resolver, line_of};
use crate::types::resolve::rust_names::type_name_problem;
use crate::types::resolve::strings::fold_case;
use crate::types::source::{Text, TypeNode};

impl Resolver<'_> {
    /// `case:` of an enum: `ascii` (the default) or `any`.
    pub(super) fn enum_case(&mut self, node: &TypeNode) -> EnumCase {
        match node
            .case
            .as_ref()
            .map(|case| (case.value.as_str(), case.at))
        {
            None | Some(("ascii", _)) => EnumCase::Ascii,
            Some(("any", _)) => EnumCase::Any,
            Some((other, at)) => {
                self.cx.error(
                    at,
                    format!(
                        "unknown `case: {other}`; expected `ascii` (values read without regard \
                         to ASCII case, the default) or `any` (also without regard to `-`, `_`, \
                         `.` and spaces: `readyToSend` is `ready-to-send`)"
                    ),
                );
                EnumCase::Ascii
            }
        }
    }

    pub(super) fn enum_values(
        &mut self,
        values: &[Text],
        node: &TypeNode,
        case: EnumCase,
    ) -> Option<Vec<String>> {
        if values.is_empty() {
            self.cx
                .error(node.ty.at, "an enum needs at least one value in `values:`");
            return None;
        }
        let mut seen: HashMap<String, &Text> = HashMap::new();
        // Values one reading cannot tell apart: the first would always win.
        let mut read_as: HashMap<String, &Text> = HashMap::new();
        let names = enum_variants(values.iter().map(|t| t.value.as_str()));
        let mut sound = true;
        for (value, variant) in values.iter().zip(&names) {
            let problem = if variant == "Unknown" {
                Some("gives the variant `Unknown`, which is reserved for values not listed".into())
            } else if type_name_problem(variant).is_some() {
                Some(format!(
                    "gives the variant `{variant}`, which is not a Rust identifier"
                ))
            } else if let Some(first) = seen.get(variant) {
                Some(format!(
                    "and `{}` both give the variant `{variant}`",
                    first.value
                ))
            } else {
                let key = match case {
                    EnumCase::Ascii => value.value.to_ascii_lowercase(),
                    EnumCase::Any => fold_case(&value.value),
                };
                read_as.insert(key, value).map(|first| {
                    let how = match case {
                        EnumCase::Ascii => "ASCII case",
                        EnumCase::Any => "case and separators (`case: any`)",
                    };
                    format!(
                        "and `{}` are one value when read without regard to {how}{}",
                        first.value,
                        line_of(first.at)
                    )
                })
            };
            if let Some(problem) = problem {
                self.cx
                    .error(value.at, format!("enum value `{}` {problem}", value.value));
                sound = false;
            }
            seen.insert(variant.clone(), value);
        }
        sound.then(|| values.iter().map(|t| t.value.clone()).collect())
    }
}

/// The Rust variants of an open enum's values: UpperCamelCase, after the
/// prefix up to the last `:` that every value shares (URNs such as
/// `urn:docflow:fns534-report` give `Fns534Report`).
pub fn enum_variants<'v>(values: impl Iterator<Item = &'v str> + Clone) -> Vec<String> {
    let prefix = common_urn_prefix(values.clone());
    values
        .map(|value| crate::ident::upper_camel_case(&value[prefix..]))
        .collect()
}

fn common_urn_prefix<'v>(mut values: impl Iterator<Item = &'v str>) -> usize {
    let Some(first) = values.next() else { return 0 };
    let mut prefix = first.rfind(':').map_or(0, |at| at + 1);
    for value in values {
        while prefix > 0 && !(value.len() > prefix && value.starts_with(&first[..prefix])) {
            prefix = first[..prefix - 1].rfind(':').map_or(0, |at| at + 1);
        }
    }
    prefix
}
