//! A union as written: its tag (`tag:`, `tag_in:`) and its variants, their
//! names, the tag values that select them and their types. What needs the
//! whole space (the variants of a union tagged in itself, where a union
//! tagged in its parent is used) is checked in `checks.rs`.

use std::collections::HashMap;

use crate::types::model::{Tag, Union, Variant};
use crate::types::resolve::resolver::{Resolver, line_of};
use crate::types::resolve::rust_names::type_name_problem;
use crate::types::source::{FieldNode, Text, TypeNode, VariantNode};

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
        let mut prefixes: HashMap<&str, &Text> = HashMap::new();
        for variant in variants {
            let vname = &variant.name;
            if !self.variant_name_sound(vname, tag.is_some(), &mut names) {
                continue;
            }
            self.check_whens(variant, tag.as_ref(), &mut whens);
            self.check_prefixes(variant, tag.as_ref(), &mut prefixes);
            let merged;
            let variant_node = match &node.fields {
                Some(base) => match self.with_base_fields(variant, base) {
                    Some(with_base) => {
                        merged = with_base;
                        &merged
                    }
                    None => continue,
                },
                None => &variant.node,
            };
            let Some(ty) = self.convert(variant_node, &format!("{name}{}", vname.value)) else {
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
                when_prefix: variant
                    .when_prefix
                    .iter()
                    .map(|w| w.value.clone())
                    .collect(),
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
            Some(tag) if variant.when.is_empty() && variant.when_prefix.is_empty() => {
                let or_prefix = if tag.in_parent {
                    " (or `when_prefix:`, the beginnings of those values)"
                } else {
                    ""
                };
                self.cx.error(
                    vname.at,
                    format!(
                        "variant `{}` needs `when:`, the value(s) of `{}` that select it{or_prefix}",
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

    /// A variant's `when_prefix:`: only in a union tagged in its parent
    /// (written back, a union tagged in itself would write a tag other than
    /// the one it read), not empty, and no prefix in two variants
    /// (`prefixes`, to which its values are added). A tag that a `when`
    /// lists is chosen by it; otherwise the longest prefix wins.
    fn check_prefixes<'n>(
        &mut self,
        variant: &'n VariantNode,
        tag: Option<&Tag>,
        prefixes: &mut HashMap<&'n str, &'n Text>,
    ) {
        let Some(first) = variant.when_prefix.first() else {
            return;
        };
        match tag {
            None => {
                self.cx.error(
                    first.at,
                    "`when_prefix:` goes with a tagged union (`tag:`); an untagged union tries \
                     its variants in order",
                );
                return;
            }
            Some(tag) if !tag.in_parent => {
                self.cx.error(
                    first.at,
                    format!(
                        "`when_prefix:` goes with `tag_in: parent`: a union tagged in itself \
                         writes its tag back from `when:`, so a value read by its prefix would \
                         not be written as it came; list the values of `{}` in `when:`",
                        tag.key
                    ),
                );
                return;
            }
            Some(_) => {}
        }
        for prefix in &variant.when_prefix {
            if prefix.value.is_empty() {
                self.cx.error(
                    prefix.at,
                    "an empty `when_prefix` would select every tag; a tag that no variant \
                     selects decodes to `Unknown`",
                );
                continue;
            }
            if let Some(first) = prefixes.insert(&prefix.value, prefix) {
                self.cx.error(
                    prefix.at,
                    format!(
                        "tag prefix `{}` selects two variants{}",
                        prefix.value,
                        line_of(first.at)
                    ),
                );
            }
        }
    }

    /// A variant with the union's shared `fields:` (`base`) before its own:
    /// only an inline object can take them, and it may not declare one of
    /// them again. `None` when it cannot.
    fn with_base_fields(&mut self, variant: &VariantNode, base: &[FieldNode]) -> Option<TypeNode> {
        let vname = &variant.name;
        let own = match (&variant.node.fields, variant.node.ty.value.as_str()) {
            (Some(own), "object") => own,
            _ => {
                self.cx.error(
                    vname.at,
                    format!(
                        "variant `{}` is not an inline `type: object`, so it cannot take the \
                         union's shared `fields:`; make it an inline object, or declare the \
                         fields in each variant and leave `fields:` out of the union",
                        vname.value
                    ),
                );
                return None;
            }
        };
        let mut sound = true;
        for field in own {
            if let Some(shared) = base.iter().find(|b| b.name.value == field.name.value) {
                self.cx.error(
                    field.name.at,
                    format!(
                        "field `{}` of variant `{}` is one of the union's shared `fields:`{}; \
                         every variant has it from there, so leave it out here",
                        field.name.value,
                        vname.value,
                        line_of(shared.name.at)
                    ),
                );
                sound = false;
            }
        }
        if !sound {
            return None;
        }
        let mut node = variant.node.clone();
        node.fields = Some(base.iter().chain(own).cloned().collect());
        Some(node)
    }
}
