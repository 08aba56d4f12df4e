//! How generated types are named and reached ([`TypeNaming`]), and the
//! path through which generated code reaches serde.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use crate::ident::ident;
use crate::types::model::{Item, ItemId, Origin, Ty, TypeSpace};

/// How items are named where they are generated.
#[derive(Clone)]
pub struct TypeNaming {
    /// Put before every generated type's name (`#[derive(Endpoint)]` puts
    /// the endpoint's name there so that types sit beside the user's).
    pub prefix: String,
    /// The path to the module that holds the type files' modules: `super::`
    /// inside `endpoint!`'s module, nothing beside a derive.
    pub shared: TokenStream,
    /// The visibility of generated items.
    pub vis: TokenStream,
    /// The path to this spec's own items from where they are named: empty
    /// where they are generated, `module::` from a service's client.
    pub local: TokenStream,
}

pub(super) const SERDE: &str = "::kontur_extern::__private::serde";

pub(super) fn serde_path() -> TokenStream {
    quote!(::kontur_extern::__private::serde)
}

impl TypeNaming {
    /// The identifier of a local item.
    pub fn ident(&self, item: &Item) -> Ident {
        format_ident!("{}{}", self.prefix, item.name)
    }

    /// A path to an item, local or shared.
    pub fn path(&self, space: &TypeSpace, id: ItemId) -> TokenStream {
        let item = space.get(id);
        match &item.origin {
            Origin::Local => {
                let ident = self.ident(item);
                let local = &self.local;
                quote!(#local #ident)
            }
            Origin::Shared { module } => {
                let module = ident(module);
                let name = format_ident!("{}", item.name);
                let shared = &self.shared;
                quote!(#shared #module :: #name)
            }
        }
    }

    /// The Rust type of `ty`.
    pub fn rust(&self, space: &TypeSpace, ty: &Ty) -> TokenStream {
        match ty {
            Ty::String { secret: true } => quote!(::kontur_extern::SecretString),
            Ty::String { secret: false } => quote!(::std::string::String),
            Ty::Integer => quote!(i64),
            Ty::Number => quote!(f64),
            Ty::Boolean => quote!(bool),
            Ty::DurationSeconds => quote!(::core::time::Duration),
            Ty::Url => quote!(::kontur_extern::Url),
            Ty::Uuid => quote!(::kontur_extern::Uuid),
            Ty::DateTime => quote!(::kontur_extern::DateTime),
            Ty::Date => quote!(::kontur_extern::Date),
            Ty::Bytes => quote!(::kontur_extern::Bytes),
            Ty::Json => quote!(::kontur_extern::serde_json::Value),
            Ty::List(inner) => {
                let inner = self.rust(space, inner);
                quote!(::std::vec::Vec<#inner>)
            }
            Ty::Map(keys, values) => {
                let keys = self.rust(space, keys);
                let values = self.rust(space, values);
                quote!(::std::collections::BTreeMap<#keys, #values>)
            }
            Ty::Nullable(inner) => {
                let inner = self.rust(space, inner);
                quote!(::core::option::Option<#inner>)
            }
            Ty::Item(id) => self.path(space, *id),
        }
    }
}
