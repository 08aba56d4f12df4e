//! A service's code written ahead of time as a crate per top-level group
//! (`kontur-extern-api` and its parts): the gated code of `gate.rs` cut
//! where the compiler can keep what did not change. The type files'
//! modules make one crate, with a feature per group; each group's endpoint
//! modules make a crate that depends on it with that group's feature; the
//! client and its handles make the crate users name, which depends on the
//! group crates its features ask for and re-exports them, so that its
//! paths are those of the one file (`api.drafts(…)`, `get_draft::Request`,
//! `extern_types::Link`).
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
use syn::Item;

use super::Service;
use super::gate::{GatedParts, gated_parts};

/// The code of a service as crates (see [`expand_service_crates`]).
pub struct ServiceCrates {
    /// The type files' modules, each item behind `#[cfg(feature = …)]` of
    /// the groups that need it: the crate `{prefix}_types`, with a feature
    /// per top-level group.
    pub types: syn::File,
    /// Each top-level group's crate `{prefix}_{group}`, in the service's
    /// order: its endpoints' modules, without a feature, after the import
    /// of the type modules they name.
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
        syn::parse_str::<Ident>(&format!("{prefix}_{part}"))
            .map_err(|_| format!("`{prefix}_{part}` is not a crate name"))
    };
    let types_crate = crate_ident("types")?;
    let type_modules: Vec<&Ident> = types
        .iter()
        .filter_map(|item| match item {
            Item::Mod(module) => Some(&module.ident),
            _ => None,
        })
        .collect();

    let mut groups: Vec<(String, Vec<Item>)> = service
        .roots()
        .map(|root| (root.to_owned(), Vec::new()))
        .collect();
    if groups.iter().any(|(root, _)| root == "types") {
        return Err(format!(
            "a top-level group named `types` would have the crate of the type files' \
             modules, `{types_crate}`"
        ));
    }
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
        let mut file: syn::File = syn::parse_quote! {
            use #types_crate::{ #( #used ),* };
        };
        if used.is_empty() {
            file.items.clear();
        }
        file.items.extend(items);
        group_crates.push((root.clone(), file));
        reexports.push(quote! {
            #[cfg(feature = #root)]
            pub use #name::*;
        });
    }
    let mut client: syn::File = syn::parse_quote! {
        pub use #types_crate::{ #( #type_modules ),* };
        #( #reexports )*
    };
    if type_modules.is_empty() {
        client.items.remove(0);
    }
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
    use syn::{Attribute, Item};

    use super::super::{expand_service_gated, load_service};
    use super::expand_service_crates;

    fn shipped() -> super::Service {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/extern/api.yaml");
        load_service(&path, "spec/extern/api.yaml").expect("the shipped service loads")
    }

    fn text(item: &Item) -> String {
        item.to_token_stream().to_string()
    }

    /// The crates hold the gated file's items, each once and nowhere
    /// else: the types as they are, each endpoint module in its group's
    /// crate (there without the group's `cfg`, which the dependency stands
    /// for), the rest in the client's; besides them only the imports and
    /// re-exports that join the crates.
    #[test]
    fn the_crates_hold_the_gated_code_cut_and_nothing_else() {
        let service = shipped();
        let gated = expand_service_gated(&service).expect("gated");
        let crates = expand_service_crates(&service, "api").expect("cut");
        let mut cut: Vec<String> = crates.types.items.iter().map(text).collect();
        for (group, file) in &crates.groups {
            let cfg: Attribute = syn::parse_quote!(#[cfg(feature = #group)]);
            for (at, item) in file.items.iter().enumerate() {
                match item {
                    Item::Use(_) if at == 0 => {
                        let import = text(item);
                        assert!(
                            import.starts_with("use api_types :: {"),
                            "group {group} imports {import}"
                        );
                    }
                    Item::Mod(module) => {
                        // Where the gating puts it: after the doc comment.
                        let mut module = module.clone();
                        let docs = module
                            .attrs
                            .iter()
                            .take_while(|attr| attr.path().is_ident("doc"))
                            .count();
                        module.attrs.insert(docs, cfg.clone());
                        cut.push(module.to_token_stream().to_string());
                    }
                    other => panic!("group {group} holds {}", text(other)),
                }
            }
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
        cut.extend(crates.client.items[joins..].iter().map(text));
        let mut whole: Vec<String> = gated.items.iter().map(text).collect();
        assert!(whole.len() > 100, "{} items", whole.len());
        whole.sort();
        cut.sort();
        assert_eq!(whole.len(), cut.len(), "as many items");
        assert!(whole == cut, "the crates' items are not the gated file's");
    }

    #[test]
    fn a_prefix_that_names_no_crate_is_an_error() {
        let Err(problem) = expand_service_crates(&shipped(), "my-api") else {
            panic!("a prefix with a hyphen was taken");
        };
        assert_eq!(problem, "`my-api_types` is not a crate name");
    }
}
