//! A union as written: its tag (`tag:`, `tag_in:`) and its variants, their
//! names, the tag values that select them and their types. What needs the
//! whole space (the variants of a union tagged in itself, where a union
//! tagged in its parent is used) is checked in `checks.rs`.

use std::collections::HashMap;

use crate::types::model::{Tag, Union, Variant};
use crate::types::resolve::resolver::{Resolver, line_of};
use crate::types::resolve::rust_names::type_name_problem;
use crate::types::source::{Text, TypeNode};

impl Resolver<'_> {
    pub(super) fn union(&mut self, node: &TypeNode, name: &str) -> Option<Union> {
        let Some(variants) = &node.variants else {
            self.cx.error(node.at, "a `type: union` needs `variants:`");
            return None;
        };
        if variants.is_empty() {
            self.cx.error(
                node.ty.at,
                "a union needs at least one variant in `variants:`",
            );
            return None;
        }
        let tag = match (&node.tag, &node.tag_in) {
            (None, Some(tag_in)) => {
                self.cx.error(
                    tag_in.at,
                    "`tag_in` goes with `tag:`, the key that holds the tag",
                );
                None
            }
            (None, None) => None,
            (Some(tag), tag_in) => {
                let in_parent = match tag_in.as_ref().map(|t| t.value.as_str()) {
                    None | Some("self") => false,
                    Some("parent") => true,
                    Some(other) => {
                        self.cx.error(
                            tag_in.as_ref().and_then(|t| t.at),
                            format!("unknown `tag_in: {other}`; expected `self` or `parent`"),
                        );
                        false
                    }
                };
                Some(Tag {
                    key: tag.value.clone(),
                    in_parent,
                })
            }
        };
        let mut out = Vec::new();
        let mut names: HashMap<&str, &Text> = HashMap::new();
        let mut whens: HashMap<&str, &Text> = HashMap::new();
        for variant in variants {
            let vname = &variant.name;
            if let Some(problem) = type_name_problem(&vname.value) {
                self.cx.error(
                    vname.at,
                    format!("variant name `{}` {problem}", vname.value),
                );
                continue;
            }
            if tag.is_some() && vname.value == "Unknown" {
                self.cx.error(
                    vname.at,
                    "the variant name `Unknown` is reserved for the tags a tagged union does not \
                     list",
                );
                continue;
            }
            if let Some(first) = names.insert(&vname.value, vname) {
                self.cx.error(
                    vname.at,
                    format!(
                        "variant `{}` appears twice in this union{}",
                        vname.value,
                        line_of(first.at)
                    ),
                );
                continue;
            }
            match &tag {
                Some(tag) if variant.when.is_empty() => {
                    self.cx.error(
                        vname.at,
                        format!(
                            "variant `{}` needs `when:`, the value(s) of `{}` that select it",
                            vname.value, tag.key
                        ),
                    );
                }
                None if !variant.when.is_empty() => {
                    self.cx.error(
                        variant.when[0].at,
                        "`when:` goes with a tagged union (`tag:`); an untagged union tries its \
                         variants in order",
                    );
                }
                _ => {}
            }
            for when in &variant.when {
                if let Some(first) = whens.insert(&when.value, when) {
                    self.cx.error(
                        when.at,
                        format!(
                            "tag value `{}` selects two variants{}",
                            when.value,
                            line_of(first.at)
                        ),
                    );
                }
            }
            let Some(ty) = self.convert(&variant.node, &format!("{name}{}", vname.value)) else {
                continue;
            };
            if self
                .element(&ty, &variant.node, &format!("variant `{}`", vname.value))
                .is_none()
            {
                continue;
            }
            out.push(Variant {
                name: vname.value.clone(),
                doc: variant.node.doc.clone(),
                when: variant.when.iter().map(|w| w.value.clone()).collect(),
                ty,
            });
        }
        Some(Union { tag, variants: out })
    }
}
