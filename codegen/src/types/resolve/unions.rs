//! A union as written: its tag (`tag:`, `tag_in:`) and its variants, their
//! names, the tag values that select them and their types. What needs the
//! whole space (the variants of a union tagged in itself, where a union
//! tagged in its parent is used) is checked in `checks.rs`.

use std::collections::HashMap;

use crate::types::model::{Tag, Union, Variant};
use crate::types::resolve::resolver::{Resolver, line_of};
use crate::types::resolve::rust_names::type_name_problem;
use crate::types::source::{Text, TypeNode, VariantNode};

impl Resolver<'_> {
    /// A union from its node; `name` names the inline types of its
    /// variants. `None` without variants.
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
        let tag = self.union_tag(node);
        let mut out = Vec::new();
        let mut names: HashMap<&str, &Text> = HashMap::new();
        let mut whens: HashMap<&str, &Text> = HashMap::new();
        for variant in variants {
            let vname = &variant.name;
            if !self.variant_name_sound(vname, tag.is_some(), &mut names) {
                continue;
            }
            self.check_whens(variant, tag.as_ref(), &mut whens);
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

    /// The tag of a union: `tag:`, in the union itself or (`tag_in:
    /// parent`) in the object that holds it.
    fn union_tag(&mut self, node: &TypeNode) -> Option<Tag> {
        match (&node.tag, &node.tag_in) {
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
        }
    }

    /// Whether a variant's name can be generated: a Rust name, not
    /// `Unknown` in a `tagged` union, and not one of the `names` before it
    /// (to which it is added).
    fn variant_name_sound<'n>(
        &mut self,
        vname: &'n Text,
        tagged: bool,
        names: &mut HashMap<&'n str, &'n Text>,
    ) -> bool {
        if let Some(problem) = type_name_problem(&vname.value) {
            self.cx.error(
                vname.at,
                format!("variant name `{}` {problem}", vname.value),
            );
            return false;
        }
        if tagged && vname.value == "Unknown" {
            self.cx.error(
                vname.at,
                "the variant name `Unknown` is reserved for the tags a tagged union does not \
                 list",
            );
            return false;
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
            return false;
        }
        true
    }

    /// A variant's `when:`: required in a tagged union, refused in an
    /// untagged one, and no tag value in two variants (`whens`, to which
    /// its values are added).
    fn check_whens<'n>(
        &mut self,
        variant: &'n VariantNode,
        tag: Option<&Tag>,
        whens: &mut HashMap<&'n str, &'n Text>,
    ) {
        let vname = &variant.name;
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
    }
}
