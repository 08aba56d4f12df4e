//! A service's code written ahead of time as a crate per top-level group
//! (`kontur-extern-api` and its parts): the gated code of `gate.rs` cut
//! where the compiler can keep what did not change. The type files'
//! modules that several groups use make one crate, with a feature per
//! group; each group's endpoint modules, and the modules of the type files
//! only that group uses, make a crate that depends on it with that group's
//! feature; the client and its handles make the crate users name, which
//! depends on the group crates its features ask for and re-exports them,
//! so that its paths are those of the one file (`api.drafts(…)`,
//! `get_draft::Request`, `extern_types::Link`).
//!
//! An edit of one group's spec then changes one group crate's code, and a
//! rebuild compiles that crate and the client's again, not every group's.
//! The cut needs nothing but the parts' own paths: an endpoint's module
//! names only the type files' modules (`super::extern_types::…`), never
//! another endpoint's module or the client, so each group crate imports
//! the type modules it names at its root, and `super::` resolves as in the
//! one file.

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::quote;
use syn::{Attribute, Item};

use super::Service;
use super::gate::{Gated, GatedParts, gated_parts};

/// The code of a service as crates (see [`expand_service_crates`]).
pub struct ServiceCrates {
    /// The modules of the type files that several groups use (or the
    /// client itself), each item behind `#[cfg(feature = …)]` of the
    /// groups that need it: the crate `{prefix}_types`, with a feature per
    /// top-level group.
    pub types: syn::File,
    /// Each top-level group's crate `{prefix}_{group}`, in the service's
    /// order: the modules of the type files that only this group uses,
    /// then its endpoints' modules, all without a feature, after the
    /// import of the shared type modules they name.
    pub groups: Vec<(String, syn::File)>,
    /// The client, its handles and the re-exports of the other crates'
    /// modules: the crate users name, with a feature per group that asks
    /// for the group's crate (as an optional dependency) and puts its items
    /// behind `#[cfg(feature = …)]`.
    pub client: syn::File,
}

/// The service's code, gated as [`expand_service_gated`] gates it, as a
/// crate of the type files' modules, a crate per top-level group and the
/// client's crate; `prefix` names the crates in Rust (`kontur_extern_api`
/// gives `kontur_extern_api_types`, `kontur_extern_api_drafts`). An error
/// names what cannot be gated, or a group whose crate's name would be the
/// types crate's.
///
/// [`expand_service_gated`]: super::expand_service_gated
pub fn expand_service_crates(service: &Service, prefix: &str) -> Result<ServiceCrates, String> {
    let GatedParts {
        types,
        modules,
        rest,
    } = gated_parts(service)?;
    let crate_ident = |part: &str| -> Result<Ident, String> {
        syn::parse_str::<Ident>(&format!("{prefix}_{part}")).map_err(|_| {
            format!(
                "`{prefix}_{part}` is not a crate's name in Rust: the prefix takes letters, \
                     digits and `_`"
            )
        })
    };
    let types_crate = crate_ident("types")?;
    let roots: Vec<String> = service.roots().map(str::to_owned).collect();
    if roots.iter().any(|root| root == "types") {
        return Err(format!(
            "a top-level group named `types` would have the crate of the type files' \
             modules, `{types_crate}`"
        ));
    }
    let mut groups: Vec<(String, Vec<Item>)> = roots
        .iter()
        .map(|root| (root.clone(), Vec::new()))
        .collect();
    let (shared, moved) = cut_types(types, &roots);
    for (group, item) in moved {
        if let Some((_, items)) = groups.iter_mut().find(|(root, _)| *root == group) {
            items.push(item);
        }
    }
    let types = shared;
    let type_modules: Vec<&Ident> = types
        .iter()
        .filter_map(|item| match item {
            Item::Mod(module) => Some(&module.ident),
            _ => None,
        })
        .collect();
    for (root, items) in modules {
        let Some((_, group)) = groups.iter_mut().find(|(name, _)| *name == root) else {
            return Err(format!(
                "an endpoint's module is reached through `{root}`, not a top-level group"
            ));
        };
        group.extend(items);
    }
    let mut group_crates = Vec::with_capacity(groups.len());
    let mut reexports = Vec::with_capacity(groups.len());
    for (root, items) in groups {
        let name = crate_ident(&root)?;
        let mut named = Vec::new();
        for item in &items {
            names_in(quote!(#item), &type_modules, &mut named);
        }
        let used: Vec<&&Ident> = type_modules
            .iter()
            .filter(|module| named.contains(module))
            .collect();
        let mut file = syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: Vec::with_capacity(items.len() + 1),
        };
        if !used.is_empty() {
            file.items
                .push(syn::parse_quote!(use #types_crate::{ #( #used ),* };));
        }
        file.items.extend(items);
        group_crates.push((root.clone(), file));
        reexports.push(quote! {
            #[cfg(feature = #root)]
            pub use #name::*;
        });
    }
    let shared_reexport =
        (!type_modules.is_empty()).then(|| quote!(pub use #types_crate::{ #( #type_modules ),* };));
    let mut client: syn::File = syn::parse_quote! {
        #shared_reexport
        #( #reexports )*
    };
    client.items.extend(rest);
    let types = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: types,
    };
    Ok(ServiceCrates {
        types,
        groups: group_crates,
        client,
    })
}

/// The type files' modules cut in two: those that stay in the types'
/// crate, and those that go to a group's crate, without their `cfg`s.
///
/// A module goes when only one group's code uses it (every item behind
/// that group's feature, nothing behind another `cfg`): an edit of it
/// rebuilds that crate, and the types' crate is smaller for every other
/// edit. Not when a module that stays names it (a type file can use
/// another's types): the types' crate cannot reach into a group's.
fn cut_types(types: Vec<Item>, roots: &[String]) -> (Vec<Item>, Vec<(String, Item)>) {
    let mut moving: Vec<(Item, Option<String>)> = types
        .into_iter()
        .map(|mut item| {
            let group = match &mut item {
                Item::Mod(module) => only_group(module),
                _ => None,
            }
            .filter(|group| roots.contains(group));
            (item, group)
        })
        .collect();
    loop {
        let going: Vec<Ident> = moving
            .iter()
            .filter(|(_, group)| group.is_some())
            .filter_map(|(item, _)| match item {
                Item::Mod(module) => Some(module.ident.clone()),
                _ => None,
            })
            .collect();
        let wanted: Vec<&Ident> = going.iter().collect();
        let mut named = Vec::new();
        for (item, _) in moving.iter().filter(|(_, group)| group.is_none()) {
            names_in(quote!(#item), &wanted, &mut named);
        }
        if named.is_empty() {
            break;
        }
        for (item, group) in &mut moving {
            if matches!(item, Item::Mod(module) if named.contains(&&module.ident)) {
                *group = None;
            }
        }
    }
    let mut shared = Vec::new();
    let mut moved = Vec::new();
    for (mut item, group) in moving {
        match group {
            Some(group) => {
                if let Item::Mod(module) = &mut item {
                    strip_cfg(module);
                }
                moved.push((group, item));
            }
            None => shared.push(item),
        }
    }
    (shared, moved)
}

/// The group whose feature gates every item of `module`, when one
/// feature gates them all (imports aside) and nothing in it has another
/// `cfg`: the module is that group's alone.
fn only_group(module: &mut syn::ItemMod) -> Option<String> {
    if module.attrs.iter().any(|attr| attr.path().is_ident("cfg")) {
        return None;
    }
    let (_, items) = module.content.as_mut()?;
    // The features of each item's and member's `cfg`s (`None` for a
    // `cfg` of anything else), and whether the item needs one.
    let mut gates: Vec<(Vec<Option<String>>, bool)> = Vec::new();
    for item in items.iter_mut() {
        let needed = !matches!(item, Item::Use(_));
        if matches!(item, Item::Mod(_)) {
            return None;
        }
        if let Item::Impl(block) = item {
            for member in &mut block.items {
                gates.push((features(member.attrs_mut()?), false));
            }
        }
        let attrs = item.attrs_mut()?;
        gates.push((features(attrs), needed));
    }
    let mut group: Option<String> = None;
    for (features, needed) in gates {
        match features.as_slice() {
            [] if !needed => {}
            [Some(feature)] => match &group {
                None => group = Some(feature.clone()),
                Some(seen) if seen == feature => {}
                Some(_) => return None,
            },
            _ => return None,
        }
    }
    group
}

/// The feature of each `cfg` among `attrs`: `"a"` of `#[cfg(feature =
/// "a")]`, `None` for any other `cfg`.
fn features(attrs: &[Attribute]) -> Vec<Option<String>> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg"))
        .map(|cfg| {
            let meta = cfg.parse_args::<syn::MetaNameValue>().ok()?;
            match meta.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(name),
                    ..
                }) if meta.path.is_ident("feature") => Some(name.value()),
                _ => None,
            }
        })
        .collect()
}

/// `module` without the `cfg` attributes on its items and their members
/// (`only_group` found them all to be one group's feature).
fn strip_cfg(module: &mut syn::ItemMod) {
    let Some((_, items)) = &mut module.content else {
        return;
    };
    let not_cfg = |attr: &Attribute| !attr.path().is_ident("cfg");
    for item in items {
        if let Some(attrs) = item.attrs_mut() {
            attrs.retain(not_cfg);
        }
        if let Item::Impl(block) = item {
            for member in &mut block.items {
                if let Some(attrs) = member.attrs_mut() {
                    attrs.retain(not_cfg);
                }
            }
        }
    }
}

/// Adds to `found` each of `wanted` that `tokens` has as an identifier.
fn names_in<'a>(tokens: TokenStream, wanted: &[&'a Ident], found: &mut Vec<&'a Ident>) {
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => {
                if let Some(module) = wanted.iter().find(|module| **module == &ident)
                    && !found.contains(module)
                {
                    found.push(module);
                }
            }
            TokenTree::Group(group) => names_in(group.stream(), wanted, found),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use quote::ToTokens;
    use syn::Item;

    use super::super::gate::{GatedParts, gated_parts};
    use super::super::load_service;
    use super::expand_service_crates;

    fn shipped() -> super::Service {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/extern/api.yaml");
        load_service(&path, "spec/extern/api.yaml").expect("the shipped service loads")
    }

    fn text(item: &Item) -> String {
        item.to_token_stream().to_string()
    }

    /// The crates hold the gated code's items, each once and nowhere
    /// else: the shared type files' modules as they are; each endpoint
    /// module in its group's crate; a type file's module that only one
    /// group uses in that group's crate, without its `cfg`s, all of which
    /// were that group's; the rest in the client's; besides them only the
    /// imports and re-exports that join the crates.
    #[test]
    fn the_crates_hold_the_gated_code_cut_and_nothing_else() {
        let service = shipped();
        let GatedParts {
            types,
            modules,
            rest,
        } = gated_parts(&service).expect("gated");
        let crates = expand_service_crates(&service, "api").expect("cut");
        let mut left: Vec<(String, Vec<String>)> = crates
            .groups
            .iter()
            .map(|(group, file)| (group.clone(), file.items.iter().map(text).collect()))
            .collect();
        let mut take = |group: &str, item: &str| {
            let (_, items) = left
                .iter_mut()
                .find(|(name, _)| name == group)
                .expect(group);
            let at = items.iter().position(|have| have == item);
            items.remove(at.unwrap_or_else(|| panic!("group {group} lacks {item:.200}")));
        };
        let shared: Vec<String> = crates.types.items.iter().map(text).collect();
        let shared_names: Vec<String> = crates
            .types
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Mod(module) => Some(module.ident.to_string()),
                _ => None,
            })
            .collect();
        let mut moved = 0;
        for item in &types {
            let whole = text(item);
            if shared.contains(&whole) {
                continue;
            }
            let Item::Mod(module) = item else {
                panic!("the types' crate lacks {whole:.200}");
            };
            let groups: Vec<&str> = whole
                .split("# [cfg (feature = \"")
                .skip(1)
                .filter_map(|after| after.split('"').next())
                .collect();
            let group = groups[0];
            assert!(
                groups.iter().all(|other| *other == group)
                    && whole.matches("# [cfg (").count() == groups.len(),
                "{} moved, gated by {groups:?}",
                module.ident
            );
            take(
                group,
                &whole.replace(&format!("# [cfg (feature = \"{group}\")] "), ""),
            );
            moved += 1;
        }
        assert_eq!(
            shared.len() + moved,
            types.len(),
            "the types' crate holds more"
        );
        assert!(
            moved >= 3,
            "{moved} type files' modules moved to a group's crate"
        );
        for (group, items) in &modules {
            for item in items {
                take(group, &text(item));
            }
        }
        for (group, items) in &left {
            assert!(items.len() <= 1, "group {group} holds more: {items:?}");
            // The import names exactly the shared modules the group's code
            // names.
            let (_, file) = crates
                .groups
                .iter()
                .find(|(name, _)| name == group)
                .expect(group);
            let code: String = file.items.iter().skip(items.len()).map(text).collect();
            let named: Vec<&String> = shared_names
                .iter()
                .filter(|module| code.contains(&format!("{module} ::")))
                .collect();
            let expected: Vec<String> = if named.is_empty() {
                Vec::new()
            } else {
                let list: Vec<&str> = named.iter().map(|name| name.as_str()).collect();
                vec![format!("use api_types :: {{ {} }} ;", list.join(" , "))]
            };
            assert_eq!(*items, expected, "group {group}'s import");
        }
        let joins = crates
            .client
            .items
            .iter()
            .take_while(|item| matches!(item, Item::Use(_)))
            .count();
        assert_eq!(
            joins,
            1 + crates.groups.len(),
            "the types' and each group's"
        );
        let shared_modules: Vec<String> = crates
            .types
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Mod(module) => Some(module.ident.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(
            text(&crates.client.items[0]),
            format!(
                "pub use api_types :: {{ {} }} ;",
                shared_modules.join(" , ")
            )
        );
        for ((group, _), item) in crates.groups.iter().zip(&crates.client.items[1..joins]) {
            assert_eq!(
                text(item),
                format!("# [cfg (feature = \"{group}\")] pub use api_{group} :: * ;")
            );
        }
        let client: Vec<String> = crates.client.items[joins..].iter().map(text).collect();
        let rest: Vec<String> = rest.iter().map(text).collect();
        assert!(
            client == rest,
            "the client's items are not the gated code's"
        );
    }

    /// A module goes to a group's crate only when that group's feature
    /// gates everything in it (impl members too), and no module that stays
    /// names it, directly or through another that stays for that reason.
    #[test]
    fn a_type_module_goes_to_its_group_unless_a_shared_one_names_it() {
        let types: Vec<Item> = vec![
            syn::parse_quote! { pub mod shared {
                #[cfg(feature = "a")] pub struct S { pub t: super::a_only::T }
                #[cfg(any(feature = "a", feature = "b"))] pub struct U;
            } },
            // Named by `shared`: stays, and so does what it names.
            syn::parse_quote! { pub mod a_only {
                #[cfg(feature = "a")] pub struct T { pub d: super::a_deeper::D }
            } },
            syn::parse_quote! { pub mod a_deeper { #[cfg(feature = "a")] pub struct D; } },
            // Goes, its cfgs removed, impl members' too.
            syn::parse_quote! { pub mod b_only {
                use super::shared;
                #[cfg(feature = "b")] pub struct V(pub shared::U);
                #[cfg(feature = "b")] impl V { #[cfg(feature = "b")] pub const N: u8 = 1; }
            } },
            // Two groups, a member of another group, an ungated item, a
            // feature that is no group: each stays.
            syn::parse_quote! { pub mod mixed {
                #[cfg(feature = "b")] pub struct W; #[cfg(feature = "a")] pub struct X;
            } },
            syn::parse_quote! { pub mod member {
                #[cfg(feature = "b")] impl W { #[cfg(feature = "a")] const Z: u8 = 0; }
            } },
            syn::parse_quote! { pub mod always { #[cfg(feature = "b")] pub struct A; pub struct B; } },
            syn::parse_quote! { pub mod other { #[cfg(feature = "c")] pub struct C; } },
        ];
        let (shared, moved) = super::cut_types(types, &["a".to_owned(), "b".to_owned()]);
        let names: Vec<String> = shared
            .iter()
            .map(|item| match item {
                Item::Mod(module) => module.ident.to_string(),
                other => text(other),
            })
            .collect();
        assert_eq!(
            names,
            [
                "shared", "a_only", "a_deeper", "mixed", "member", "always", "other"
            ]
        );
        let [(group, module)] = moved.as_slice() else {
            panic!("moved: {}", moved.len());
        };
        assert_eq!(group, "b");
        assert_eq!(
            text(module),
            "pub mod b_only { use super :: shared ; pub struct V (pub shared :: U) ; \
             impl V { pub const N : u8 = 1 ; } }"
        );
    }

    #[test]
    fn a_prefix_that_names_no_crate_is_an_error() {
        let Err(problem) = expand_service_crates(&shipped(), "my-api") else {
            panic!("a prefix with a hyphen was taken");
        };
        assert_eq!(
            problem,
            "`my-api_types` is not a crate's name in Rust: the prefix takes letters, digits and `_`"
        );
    }
}
