//! Rust for the [`TypeSpace`]: structs and enums with serde derives, so a
//! JSON body decodes as fast as hand-written serde code.
//!
//! Generated code reaches serde through `::kontur_extern::__private::serde`
//! (`#[serde(crate = …)]`), so the user's crate needs no serde dependency.
//! Open enums, strings with a pattern and unions have small hand-written
//! impls; everything else is derived.
//!
//! `naming.rs` names the items and reaches serde; `objects.rs`, `enums.rs`,
//! `patterns.rs` and `unions.rs` write the items of each kind; this file
//! dispatches on the kind and writes a type file's module.

mod enums;
mod naming;
mod objects;
mod patterns;
mod unions;

use proc_macro2::TokenStream;
use quote::quote;

pub use self::naming::TypeNaming;
use crate::docs::doc_lines;
use crate::ident::ident;
use crate::types::checked::CheckedTypes;
use crate::types::expand::enums::open_enum;
use crate::types::expand::naming::serde_path;
use crate::types::expand::objects::object;
use crate::types::expand::patterns::patterned;
use crate::types::expand::unions::union_tokens;
use crate::types::model::{Item, ItemId, ItemKind, Ty, TypeSpace};

/// Every item the spec generates itself.
pub fn items(space: &TypeSpace, naming: &TypeNaming) -> TokenStream {
    space
        .local()
        .map(|(id, item)| item_tokens(space, naming, id, item))
        .collect()
}

fn item_tokens(space: &TypeSpace, naming: &TypeNaming, id: ItemId, item: &Item) -> TokenStream {
    let ident = naming.ident(item);
    let doc = doc_lines(
        item.doc
            .as_deref()
            .unwrap_or(&format!("`{}`, from the spec.", item.name)),
    );
    let vis = &naming.vis;
    let eq = if space.has_secret(&Ty::Item(id)) {
        quote!()
    } else {
        quote!(PartialEq,)
    };
    let serde = serde_path();
    match &item.kind {
        ItemKind::Alias(ty) => {
            let ty = naming.rust(space, ty);
            quote! { #doc #vis type #ident = #ty; }
        }
        ItemKind::Object(fields) => object(space, naming, &ident, &doc, fields, &eq),
        ItemKind::Enum(open) => open_enum(&ident, &doc, open, vis),
        ItemKind::Pattern(pattern) => patterned(&ident, &doc, pattern, vis),
        ItemKind::Union(union) => {
            let _ = &serde;
            union_tokens(space, naming, &ident, &doc, union, &eq)
        }
    }
}

/// The module `types!` generates for a type file: its types, each once,
/// for the specs that `use:` it.
pub fn expand_types(checked: &CheckedTypes, rebuild_path: Option<&str>) -> TokenStream {
    let naming = TypeNaming {
        prefix: String::new(),
        shared: quote!(super::),
        vis: quote!(pub),
        local: quote!(),
    };
    let items = crate::types::expand::items(&checked.space, &naming);
    let module = ident(&checked.module);
    // Rebuilt when the file changes, or any file it uses.
    let rebuild = rebuild_path.map(|path| {
        let used = checked
            .used_files
            .iter()
            .filter_map(|used| std::fs::canonicalize(used).ok())
            .filter_map(|used| used.to_str().map(str::to_owned));
        quote! {
            const _: &str = ::core::include_str!(#path);
            #(const _: &str = ::core::include_str!(#used);)*
        }
    });
    let doc = doc_lines(&format!(
        "Types shared by the specs that `use:` the type file of module `{}`.",
        checked.module
    ));
    quote! {
        #doc
        pub mod #module {
            #rebuild
            #items
        }
    }
}
