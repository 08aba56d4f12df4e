//! A service's code written ahead of time for a crate with a cargo feature
//! per top-level group (`kontur-extern expand --features`; `crates.rs`
//! cuts the same code into a crate per group, as `kontur-extern-api` is):
//! every group's code, each item
//! behind `#[cfg(any(feature = "…", …))]` of the groups that need it, so
//! that the crate compiles what [`Service::select_groups`] would keep for
//! the features it is built with, without running the generator in its
//! build.
//!
//! Which item needs which feature is not worked out a second time here: the
//! service is expanded once whole, once with no group and once with each
//! top-level group alone, and an item gets the features of the groups whose
//! code has it. An item in the code of no group is compiled always. (An
//! endpoint's module is its spec's alone, the same in any service that has
//! it: it gets the feature of the group it is reached through, and the
//! groups' code is expanded and compared without the modules.) That
//! reads the same rules as `select_groups` off their result, so the two
//! cannot drift apart; what a crate gets for a set of features is the union
//! of what each gets alone, as `select_groups` keeps the union of what each
//! group's endpoints reach. That does not hold for a method that needs an
//! endpoint of another top-level group (a task's reader, the next chunk's
//! endpoint, when the service puts it in another group): it is generated
//! only with both groups on, which a feature per group cannot say, and is
//! an error naming it. So is an item whose text differs between the
//! groups' code (not only present or absent), unless it holds items of its
//! own (a module, an `impl` block), which are then gated one by one.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{Attribute, ImplItem, Item};

use super::Service;
use super::expand::{ServiceCode, service_code};

/// The service's code, every top-level group's items behind its feature
/// (`#[cfg(feature = "<group>")]`; a type that several groups reach, behind
/// `any` of theirs), as one file. Without the consts that make a crate
/// rebuild on a spec's change: the code is not generated in that crate's
/// build. An error names an item that cannot be gated, with why.
pub fn expand_service_gated(service: &Service) -> Result<syn::File, String> {
    let GatedParts {
        mut types,
        modules,
        rest,
    } = gated_parts(service)?;
    for (root, items) in modules {
        for mut item in items {
            add_cfg(&mut item, &[root.as_str()], "an endpoint's module")?;
            types.push(item);
        }
    }
    types.extend(rest);
    Ok(syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: types,
    })
}

/// The service's gated code in its three parts, in the order of the file
/// [`expand_service_gated`] writes.
pub(super) struct GatedParts {
    /// The type files' modules, each item behind its groups' features.
    pub types: Vec<Item>,
    /// The endpoints' modules, in the service's order, each with the
    /// top-level group it is reached through, without a feature.
    pub modules: Vec<(String, Vec<Item>)>,
    /// The client and its groups' handles, behind their features.
    pub rest: Vec<Item>,
}

/// The service's code gated (see [`expand_service_gated`]), in its parts.
pub(super) fn gated_parts(service: &Service) -> Result<GatedParts, String> {
    let roots: Vec<&str> = service.roots().collect();
    let parse = |tokens: TokenStream| {
        syn::parse2::<syn::File>(tokens)
            .map(|file| file.items)
            .map_err(|error| format!("the generated code does not parse ({error})"))
    };
    // The type files' modules, the client and the groups' items: compared
    // across the groups' code. An endpoint's module is its spec's alone,
    // the same in any service that has it, and the code of the group it
    // is reached through has it: it gets that group's feature, and the
    // groups' code is read without the modules.
    let shell = |code: ServiceCode| -> Result<(Vec<Item>, usize), String> {
        let mut items = parse(code.types.into_iter().collect())?;
        let types = items.len();
        items.extend(parse(
            code.client
                .into_iter()
                .chain(code.groups.into_iter().flatten())
                .collect(),
        )?);
        Ok((items, types))
    };
    let selected = |keep: &dyn Fn(&str) -> bool| -> Result<Vec<Item>, String> {
        let mut part = service.clone();
        part.select_groups(keep);
        shell(service_code(&part, false)).map(|(items, _)| items)
    };
    let mut code = service_code(service, true);
    let modules = std::mem::take(&mut code.modules);
    let (mut whole, types) = shell(code)?;
    let none = selected(&|_| false)?;
    let alone = roots
        .iter()
        .map(|root| selected(&|group| group == *root))
        .collect::<Result<Vec<_>, _>>()?;
    let groups: Vec<(&str, Option<&[Item]>)> = roots
        .iter()
        .zip(&alone)
        .map(|(root, items)| (*root, Some(items.as_slice())))
        .collect();
    gate(&mut whole, &groups, Some(&none), None, "")?;
    let rest = whole.split_off(types);
    let modules = modules
        .into_iter()
        .map(|(root, module)| Ok((root, parse(module)?)))
        .collect::<Result<Vec<_>, String>>()?;
    Ok(GatedParts {
        types: whole,
        modules,
        rest,
    })
}

/// An item, or an item of an `impl` block, as the gating reads it.
pub(super) trait Gated: ToTokens {
    /// What names it among its siblings: its kind and name, or for an
    /// `impl` block its trait and type.
    fn key(&self) -> String;
    fn attrs_mut(&mut self) -> Option<&mut Vec<Attribute>>;
    /// Gates the items it holds, if it holds any (`None` when it holds
    /// none): `of` are the same item in each group's code (`None` where
    /// that code does not have it), `none` in the code of no group.
    fn gate_inner(
        &mut self,
        of: &[(&str, Option<&Self>)],
        none: Option<&Self>,
        outer: &[&str],
        path: &str,
    ) -> Option<Result<(), String>> {
        let _ = (of, none, outer, path);
        None
    }
}

impl Gated for Item {
    fn key(&self) -> String {
        match self {
            Item::Mod(item) => format!("mod {}", item.ident),
            Item::Struct(item) => format!("struct {}", item.ident),
            Item::Enum(item) => format!("enum {}", item.ident),
            Item::Union(item) => format!("union {}", item.ident),
            Item::Type(item) => format!("type {}", item.ident),
            Item::Trait(item) => format!("trait {}", item.ident),
            Item::Fn(item) => format!("fn {}", item.sig.ident),
            Item::Const(item) => format!("const {}", item.ident),
            Item::Static(item) => format!("static {}", item.ident),
            Item::Impl(item) => {
                let generics = &item.generics;
                let self_ty = &item.self_ty;
                let of_trait = item
                    .trait_
                    .as_ref()
                    .map(|(not, path, _)| quote!(#not #path for));
                format!(
                    "impl {} {} {}",
                    quote!(#generics),
                    quote!(#of_trait),
                    quote!(#self_ty)
                )
            }
            other => other.to_token_stream().to_string(),
        }
    }

    fn attrs_mut(&mut self) -> Option<&mut Vec<Attribute>> {
        Some(match self {
            Item::Mod(item) => &mut item.attrs,
            Item::Struct(item) => &mut item.attrs,
            Item::Enum(item) => &mut item.attrs,
            Item::Union(item) => &mut item.attrs,
            Item::Type(item) => &mut item.attrs,
            Item::Trait(item) => &mut item.attrs,
            Item::Fn(item) => &mut item.attrs,
            Item::Const(item) => &mut item.attrs,
            Item::Static(item) => &mut item.attrs,
            Item::Impl(item) => &mut item.attrs,
            Item::Use(item) => &mut item.attrs,
            Item::Macro(item) => &mut item.attrs,
            Item::ExternCrate(item) => &mut item.attrs,
            Item::ForeignMod(item) => &mut item.attrs,
            Item::TraitAlias(item) => &mut item.attrs,
            _ => return None,
        })
    }

    fn gate_inner(
        &mut self,
        of: &[(&str, Option<&Self>)],
        none: Option<&Self>,
        outer: &[&str],
        path: &str,
    ) -> Option<Result<(), String>> {
        let path = format!("{path}{}::", self.key());
        match self {
            Item::Mod(item) => {
                let items = &mut item.content.as_mut()?.1;
                let of: Vec<_> = of
                    .iter()
                    .map(|(group, item)| (*group, mod_items(*item)))
                    .collect();
                Some(gate(items, &of, mod_items(none), Some(outer), &path))
            }
            Item::Impl(item) => {
                let of: Vec<_> = of
                    .iter()
                    .map(|(group, item)| (*group, impl_items(*item)))
                    .collect();
                Some(gate(
                    &mut item.items,
                    &of,
                    impl_items(none),
                    Some(outer),
                    &path,
                ))
            }
            _ => None,
        }
    }
}

/// The items of a module with a body.
fn mod_items(item: Option<&Item>) -> Option<&[Item]> {
    match item {
        Some(Item::Mod(item)) => item.content.as_ref().map(|(_, items)| items.as_slice()),
        _ => None,
    }
}

/// The items of an `impl` block.
fn impl_items(item: Option<&Item>) -> Option<&[ImplItem]> {
    match item {
        Some(Item::Impl(item)) => Some(item.items.as_slice()),
        _ => None,
    }
}

impl Gated for ImplItem {
    fn key(&self) -> String {
        match self {
            ImplItem::Fn(item) => format!("fn {}", item.sig.ident),
            ImplItem::Const(item) => format!("const {}", item.ident),
            ImplItem::Type(item) => format!("type {}", item.ident),
            other => other.to_token_stream().to_string(),
        }
    }

    fn attrs_mut(&mut self) -> Option<&mut Vec<Attribute>> {
        Some(match self {
            ImplItem::Fn(item) => &mut item.attrs,
            ImplItem::Const(item) => &mut item.attrs,
            ImplItem::Type(item) => &mut item.attrs,
            ImplItem::Macro(item) => &mut item.attrs,
            _ => return None,
        })
    }
}

/// Each item's key, made unique among its siblings by the count of the
/// same key before it (two `const _`, say).
fn keyed<T: Gated>(items: &[T]) -> Vec<(String, &T)> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    items
        .iter()
        .map(|item| {
            let key = item.key();
            let count = seen.entry(key.clone()).or_default();
            *count += 1;
            (format!("{key}#{count}"), item)
        })
        .collect()
}

/// Gates `whole`'s items by where they appear among each group's items
/// (`None`: that group's code lacks the container) and the items of no
/// group. `outer`: the groups the container itself is compiled with
/// (`None` at the top: always), so that an item compiled with the same
/// ones is not gated again.
fn gate<T: Gated>(
    whole: &mut [T],
    groups: &[(&str, Option<&[T]>)],
    none: Option<&[T]>,
    outer: Option<&[&str]>,
    path: &str,
) -> Result<(), String> {
    let whole_keys: Vec<String> = keyed(whole).into_iter().map(|(key, _)| key).collect();
    let known: BTreeSet<&String> = whole_keys.iter().collect();
    let groups: Vec<(&str, BTreeMap<String, &T>)> = groups
        .iter()
        .map(|(group, items)| {
            (
                *group,
                items.map(keyed).unwrap_or_default().into_iter().collect(),
            )
        })
        .collect();
    let none: BTreeMap<String, &T> = none.map(keyed).unwrap_or_default().into_iter().collect();
    for (group, items) in &groups {
        if let Some(key) = items.keys().find(|key| !known.contains(key)) {
            return Err(format!(
                "`{path}{key}` is generated with group `{group}` alone but not with every group"
            ));
        }
    }
    if let Some(key) = none.keys().find(|key| !known.contains(key)) {
        return Err(format!(
            "`{path}{key}` is generated with no group but not with every group"
        ));
    }
    for (item, key) in whole.iter_mut().zip(&whole_keys) {
        let text = item.to_token_stream().to_string();
        let in_none = none.get(key).copied();
        let of: Vec<(&str, Option<&T>)> = groups
            .iter()
            .map(|(group, items)| (*group, items.get(key).copied()))
            .collect();
        let with: Vec<&str> = of
            .iter()
            .filter(|(_, item)| item.is_some())
            .map(|(group, _)| *group)
            .collect();
        if in_none.is_some() && with.len() < groups.len() {
            return Err(format!(
                "`{path}{key}` is generated with no group but not with each group alone"
            ));
        }
        if in_none.is_none() && with.is_empty() {
            return Err(format!(
                "`{path}{key}` is generated with every group on but with no group alone: it \
                 needs two top-level groups together (a method that waits on a task, or sends \
                 the next chunk, through an endpoint of another group), which a cargo feature \
                 per group cannot say; put the endpoints it joins under one top-level group"
            ));
        }
        let same = in_none
            .into_iter()
            .chain(of.iter().filter_map(|(_, item)| *item))
            .all(|other| other.to_token_stream().to_string() == text);
        // Compiled always, or with the features its container has.
        let inherited = match outer {
            None => in_none.is_some(),
            Some(outer) => in_none.is_some() || with == outer,
        };
        let features = if inherited {
            outer.unwrap_or(&[])
        } else {
            &with[..]
        };
        if !inherited {
            add_cfg(item, &with, &format!("`{path}{key}`"))?;
        }
        if !same {
            match item.gate_inner(&of, in_none, features, path) {
                Some(result) => result?,
                None => {
                    return Err(format!(
                        "`{path}{key}` differs between the code of the groups that have it; \
                         only its presence can depend on the features"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Puts the `cfg` of `groups` on `item`, after its doc comment.
fn add_cfg<T: Gated>(item: &mut T, groups: &[&str], shown: &str) -> Result<(), String> {
    let cfg = cfg_of(groups);
    let Some(attrs) = item.attrs_mut() else {
        return Err(format!("{shown} cannot carry the attribute `{cfg}`"));
    };
    let at = attrs
        .iter()
        .position(|attr| !attr.path().is_ident("doc"))
        .unwrap_or(attrs.len());
    attrs.insert(at, syn::parse_quote!(#cfg));
    Ok(())
}

/// `#[cfg(feature = "a")]`, or `#[cfg(any(feature = "a", feature = "b"))]`.
fn cfg_of(groups: &[&str]) -> TokenStream {
    if let [group] = groups {
        quote!(#[cfg(feature = #group)])
    } else {
        quote!(#[cfg(any( #( feature = #groups ),* ))])
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proc_macro2::TokenStream;
    use syn::Item;

    use super::super::expand::expand_service_parts;
    use super::super::load_service;
    use super::{Gated, expand_service_gated};

    fn shipped() -> super::Service {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/extern/api.yaml");
        load_service(&path, "spec/extern/api.yaml").expect("the shipped service loads")
    }

    /// Whether an item's `cfg` holds with `features` on, its `cfg`
    /// removed: what the compiler keeps of the gated code.
    fn kept<T: Gated>(item: &mut T, features: &[&str]) -> bool {
        let Some(attrs) = item.attrs_mut() else {
            return true;
        };
        let mut on = true;
        attrs.retain(|attr| {
            if !attr.path().is_ident("cfg") {
                return true;
            }
            let text = attr.meta.require_list().expect("cfg(…)").tokens.to_string();
            let named: Vec<String> = text
                .split('"')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect();
            assert!(
                text.starts_with("feature =") && named.len() == 1
                    || text.starts_with("any (") && !named.is_empty(),
                "an unexpected cfg: {text}"
            );
            on &= named.iter().any(|name| features.contains(&name.as_str()));
            false
        });
        on
    }

    fn strip(items: &mut Vec<Item>, features: &[&str]) {
        items.retain_mut(|item| {
            if !kept(item, features) {
                return false;
            }
            match item {
                Item::Mod(item) => {
                    if let Some((_, items)) = &mut item.content {
                        strip(items, features);
                    }
                }
                Item::Impl(item) => item.items.retain_mut(|item| kept(item, features)),
                _ => {}
            }
            true
        });
    }

    /// The key and text of the first item that differs, or of the first
    /// item one side has and the other has not.
    fn first_difference(got: &[Item], expected: &[Item]) -> Option<String> {
        let text = |item: &Item| quote::ToTokens::to_token_stream(item).to_string();
        let show = |item: Option<&Item>| {
            item.map_or_else(|| "nothing".to_owned(), |item| format!("`{}`", item.key()))
        };
        (0..got.len().max(expected.len())).find_map(|at| {
            let (a, b) = (got.get(at), expected.get(at));
            if a.map(text) == b.map(text) {
                return None;
            }
            if let (Some(Item::Mod(a)), Some(Item::Mod(b))) = (a, b)
                && let (Some((_, a_items)), Some((_, b_items))) = (&a.content, &b.content)
                && a.ident == b.ident
                && let Some(inner) = first_difference(a_items, b_items)
            {
                return Some(format!("in `mod {}`, {inner}", a.ident));
            }
            Some(format!(
                "at item {at}: the gated code has {}, the groups' code {}",
                show(a),
                show(b)
            ))
        })
    }

    /// The gated code, compiled with some features on, is exactly the code
    /// the service gives with those groups selected: with none, with each
    /// top-level group alone, with two, and with all.
    #[test]
    fn the_gated_code_with_some_features_is_the_code_of_those_groups() {
        let service = shipped();
        let gated = expand_service_gated(&service).expect("the shipped service gates");
        let text = quote::ToTokens::to_token_stream(&gated).to_string();
        let roots: Vec<&str> = service.roots().collect();
        assert!(roots.len() >= 10, "{roots:?}");
        for root in &roots {
            assert!(
                text.contains(&format!("feature = \"{root}\"")),
                "nothing is gated by `{root}`"
            );
        }
        let mut sets: Vec<Vec<&str>> = vec![Vec::new(), roots.clone(), vec!["drafts", "accounts"]];
        sets.extend(roots.iter().map(|root| vec![*root]));
        for features in sets {
            let mut items = gated.items.clone();
            strip(&mut items, &features);
            let mut selected = service.clone();
            selected.select_groups(|group| features.contains(&group));
            let expected: TokenStream = expand_service_parts(&selected)
                .into_iter()
                .skip(1)
                .collect();
            let expected = syn::parse2::<syn::File>(expected).expect("parses");
            if let Some(difference) = first_difference(&items, &expected.items) {
                panic!("the gated code with {features:?} is not those groups' code: {difference}");
            }
        }
    }
}
