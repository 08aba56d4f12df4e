//! Rust for the [`TypeSpace`]: structs and enums with serde derives, so a
//! JSON body decodes as fast as hand-written serde code.
//!
//! Generated code reaches serde through `::kontur_extern::__private::serde`
//! (`#[serde(crate = …)]`), so the user's crate needs no serde dependency.
//! Open enums and unions have small hand-written impls; everything else is
//! derived.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use crate::docs::doc_lines;
use crate::ident::ident;
use crate::types::model::{
    Field, FieldPresence, Item, ItemId, ItemKind, Origin, Tag, Ty, TypeSpace, Union,
};
use crate::types::resolve::enum_variants;

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

const SERDE: &str = "::kontur_extern::__private::serde";

fn serde_path() -> TokenStream {
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
            Ty::Map(inner) => {
                let inner = self.rust(space, inner);
                quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
            }
            Ty::Nullable(inner) => {
                let inner = self.rust(space, inner);
                quote!(::core::option::Option<#inner>)
            }
            Ty::Item(id) => self.path(space, *id),
        }
    }
}

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
        ItemKind::Enum(values) => open_enum(&ident, &doc, values, vis),
        ItemKind::Union(union) => {
            let _ = &serde;
            union_tokens(space, naming, &ident, &doc, union, &eq)
        }
    }
}

/// The pieces of one struct field.
struct FieldParts {
    ident: Ident,
    ty: TokenStream,
    attrs: TokenStream,
    doc: TokenStream,
}

fn field_parts(space: &TypeSpace, naming: &TypeNaming, owner: &Ident, field: &Field) -> FieldParts {
    let ident = ident(&field.rust);
    let wire = &field.wire;
    let optional = field.presence == FieldPresence::Optional;
    let inner = naming.rust(space, &field.ty);
    // Optional and nullable give one `Option`: absent and `null` are both `None`.
    let (ty, is_option) = match (&field.ty, optional) {
        (Ty::Nullable(_), _) => (inner, true),
        (_, true) => (quote!(::core::option::Option<#inner>), true),
        (_, false) => (inner, false),
    };
    let mut attrs = vec![quote!(rename = #wire)];
    if optional {
        attrs.push(quote!(default));
        attrs.push(quote!(
            skip_serializing_if = "::core::option::Option::is_none"
        ));
    }
    match field.ty.bare() {
        Ty::DurationSeconds => {
            let with = if is_option {
                "::kontur_extern::__private::option_duration_seconds"
            } else {
                "::kontur_extern::__private::duration_seconds"
            };
            attrs.push(quote!(with = #with));
        }
        Ty::String { secret: true } => {
            let with = if is_option {
                "::kontur_extern::__private::serialize_option_secret"
            } else {
                "::kontur_extern::__private::serialize_secret"
            };
            attrs.push(quote!(serialize_with = #with));
        }
        _ => {}
    }
    if let FieldPresence::Default(_) = &field.presence {
        let function = default_fn_name(owner, &field.rust).to_string();
        attrs.push(quote!(default = #function));
    }
    let doc = doc_lines(
        field
            .doc
            .as_deref()
            .unwrap_or(&format!("The JSON field `{wire}`.")),
    );
    FieldParts {
        ident,
        ty,
        attrs: quote!(#[serde(#(#attrs),*)]),
        doc,
    }
}

fn default_fn_name(owner: &Ident, field: &str) -> Ident {
    format_ident!(
        "__kontur_extern_default_{}_{}",
        owner.to_string().trim_start_matches("r#"),
        field.trim_start_matches("r#")
    )
}

fn default_fns(
    space: &TypeSpace,
    naming: &TypeNaming,
    owner: &Ident,
    fields: &[Field],
) -> TokenStream {
    fields
        .iter()
        .filter_map(|field| {
            let FieldPresence::Default(value) = &field.presence else {
                return None;
            };
            let name = default_fn_name(owner, &field.rust);
            let ty = naming.rust(space, &field.ty);
            let expr = match (value, space.resolved(&field.ty)) {
                (serde_json::Value::String(text), Ty::Item(id))
                    if matches!(space.get(*id).kind, ItemKind::Enum(_)) =>
                {
                    let path = naming.path(space, *id);
                    quote!(#path::from_wire(#text))
                }
                (serde_json::Value::String(text), _) => quote!(::std::string::String::from(#text)),
                (serde_json::Value::Bool(flag), _) => quote!(#flag),
                (serde_json::Value::Number(number), Ty::Number) => {
                    let number = number.as_f64().unwrap_or_default();
                    quote!(#number)
                }
                (serde_json::Value::Number(number), _) => {
                    let number = number.as_i64().unwrap_or_default();
                    quote!(#number)
                }
                _ => quote!(::core::default::Default::default()),
            };
            Some(quote! {
                #[allow(non_snake_case)]
                fn #name() -> #ty { #expr }
            })
        })
        .collect()
}

/// The field of `fields` that holds a union tagged by a sibling, if any.
fn parent_tagged<'f>(space: &TypeSpace, fields: &'f [Field]) -> Vec<(usize, &'f Field, ItemId)> {
    fields
        .iter()
        .enumerate()
        .filter_map(|(index, field)| match field.ty.bare() {
            Ty::Item(id) => match &space.get(*id).kind {
                ItemKind::Union(Union {
                    tag:
                        Some(Tag {
                            in_parent: true, ..
                        }),
                    ..
                }) => Some((index, field, *id)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// A struct for an object; with a field whose union is tagged by a sibling
/// key, its `Deserialize` impl is written by
/// [`deserialize_with_parent_tags`], otherwise derived.
fn object(
    space: &TypeSpace,
    naming: &TypeNaming,
    ident: &Ident,
    doc: &TokenStream,
    fields: &[Field],
    eq: &TokenStream,
) -> TokenStream {
    let vis = &naming.vis;
    let serde = serde_path();
    let parts: Vec<FieldParts> = fields
        .iter()
        .map(|field| field_parts(space, naming, ident, field))
        .collect();
    let defaults = default_fns(space, naming, ident, fields);
    let tagged = parent_tagged(space, fields);
    let field_defs = parts.iter().map(|part| {
        let FieldParts {
            ident,
            ty,
            attrs,
            doc,
        } = part;
        quote! { #doc #attrs pub #ident: #ty, }
    });
    if tagged.is_empty() {
        return quote! {
            #doc
            #[derive(Clone, Debug, #eq #serde::Serialize, #serde::Deserialize)]
            #[serde(crate = #SERDE)]
            #vis struct #ident {
                #( #field_defs )*
            }
            #defaults
        };
    }
    let deserialize = deserialize_with_parent_tags(space, naming, ident, fields, &parts, &tagged);
    quote! {
        #doc
        #[derive(Clone, Debug, #eq #serde::Serialize)]
        #[serde(crate = #SERDE)]
        #vis struct #ident {
            #( #field_defs )*
        }
        #defaults

        #deserialize
    }
}

/// The `Deserialize` impl of an object with unions chosen by a sibling key
/// (`tagged`, from [`parent_tagged`]): decode the struct with those fields
/// as raw JSON, then each union from it once the tag is known.
fn deserialize_with_parent_tags(
    space: &TypeSpace,
    naming: &TypeNaming,
    ident: &Ident,
    fields: &[Field],
    parts: &[FieldParts],
    tagged: &[(usize, &Field, ItemId)],
) -> TokenStream {
    let serde = serde_path();
    let raw_fields = parts.iter().enumerate().map(|(index, part)| {
        let holder = tagged.iter().find(|(at, _, _)| *at == index);
        raw_field(part, holder.map(|(_, field, _)| *field))
    });
    let resolve = tagged
        .iter()
        .map(|(_, field, union)| union_from_sibling_tag(space, naming, fields, field, *union));
    let moves = fields.iter().enumerate().map(|(index, field)| {
        let name = ident_of(&field.rust);
        if tagged.iter().any(|(at, _, _)| *at == index) {
            quote!(#name)
        } else {
            quote!(#name: raw.#name)
        }
    });
    let raw_ident = format_ident!("{}Raw", ident.to_string().trim_start_matches("r#"));
    quote! {
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<D: #serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                use #serde::de::Error as _;
                #[derive(#serde::Deserialize)]
                #[serde(crate = #SERDE)]
                struct #raw_ident {
                    #( #raw_fields )*
                }
                let raw = <#raw_ident as #serde::Deserialize>::deserialize(deserializer)?;
                #( #resolve )*
                ::core::result::Result::Ok(#ident { #( #moves, )* })
            }
        }
    }
}

/// A field of the raw struct: as declared, or raw JSON when it holds a
/// union tagged by a sibling (`holder`).
fn raw_field(part: &FieldParts, holder: Option<&Field>) -> TokenStream {
    let FieldParts {
        ident, ty, attrs, ..
    } = part;
    match holder {
        Some(field) => {
            let wire = &field.wire;
            let raw =
                quote!(::std::boxed::Box<::kontur_extern::__private::serde_json::value::RawValue>);
            let optional =
                field.presence == FieldPresence::Optional || matches!(field.ty, Ty::Nullable(_));
            if optional {
                quote! { #[serde(rename = #wire, default)] #ident: ::core::option::Option<#raw>, }
            } else {
                quote! { #[serde(rename = #wire)] #ident: #raw, }
            }
        }
        None => quote! { #attrs #ident: #ty, },
    }
}

/// The statement that decodes `field`, a union tagged by a sibling key of
/// `fields`, from the raw struct.
fn union_from_sibling_tag(
    space: &TypeSpace,
    naming: &TypeNaming,
    fields: &[Field],
    field: &Field,
    union: ItemId,
) -> TokenStream {
    let Some(Tag { key, .. }) = (match &space.get(union).kind {
        ItemKind::Union(union) => union.tag.as_ref(),
        _ => None,
    }) else {
        return quote!();
    };
    let holder = ident_of(&field.rust);
    let tag_expr = sibling_tag(fields, key);
    let path = naming.path(space, union);
    let wire = &field.wire;
    let optional = field.presence == FieldPresence::Optional || matches!(field.ty, Ty::Nullable(_));
    if optional {
        quote! {
            let #holder = match &raw.#holder {
                ::core::option::Option::Some(value) => ::core::option::Option::Some(
                    #path::__from_tag(#tag_expr, value)
                        .map_err(|error| D::Error::custom(::core::format_args!("{}: {}", #wire, error)))?,
                ),
                ::core::option::Option::None => ::core::option::Option::None,
            };
        }
    } else {
        quote! {
            let #holder = #path::__from_tag(#tag_expr, &raw.#holder)
                .map_err(|error| D::Error::custom(::core::format_args!("{}: {}", #wire, error)))?;
        }
    }
}

/// The tag of a union tagged in its parent, as an `Option<&str>` read from
/// the raw struct's field `key`; `None` when `fields` has no such field.
fn sibling_tag(fields: &[Field], key: &str) -> TokenStream {
    let sibling = fields
        .iter()
        .find(|f| f.wire == key)
        .map(|f| (ident_of(&f.rust), f));
    match sibling {
        Some((sibling, f)) => {
            let is_option =
                f.presence == FieldPresence::Optional || matches!(f.ty, Ty::Nullable(_));
            let as_str = match f.ty.bare() {
                Ty::Item(_) => quote!(.as_str()),
                _ => quote!(.as_str()),
            };
            if is_option {
                quote!(raw.#sibling.as_ref().map(|tag| tag #as_str))
            } else {
                quote!(::core::option::Option::Some(raw.#sibling #as_str))
            }
        }
        None => quote!(::core::option::Option::None),
    }
}

fn ident_of(name: &str) -> Ident {
    ident(name)
}

/// An enum that keeps values it does not know.
fn open_enum(
    ident: &Ident,
    doc: &TokenStream,
    values: &[String],
    vis: &TokenStream,
) -> TokenStream {
    let serde = serde_path();
    let variants: Vec<Ident> = enum_variants(values.iter().map(String::as_str))
        .iter()
        .map(|name| format_ident!("{name}"))
        .collect();
    let variant_docs = values.iter().map(|value| doc_lines(&format!("`{value}`")));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #vis enum #ident {
            #( #variant_docs #variants, )*
            /// A value the spec does not list, kept as it came.
            Unknown(::std::string::String),
        }

        impl #ident {
            /// The value as it is written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => value,
                }
            }

            /// The variant for a value from the wire; known values match
            /// without regard to ASCII case.
            pub fn from_wire(text: &str) -> Self {
                #( if text.eq_ignore_ascii_case(#values) {
                    return Self::#variants;
                } )*
                Self::Unknown(text.into())
            }
        }

        impl #serde::Serialize for #ident {
            fn serialize<S: #serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                ::kontur_extern::__private::deserialize_str_with(deserializer, Self::from_wire)
            }
        }
    }
}

/// An enum for a union, with its `Serialize` and `Deserialize` impls:
/// untagged ([`untagged_serde`]) or tagged ([`tagged_serde`]).
fn union_tokens(
    space: &TypeSpace,
    naming: &TypeNaming,
    ident: &Ident,
    doc: &TokenStream,
    union: &Union,
    eq: &TokenStream,
) -> TokenStream {
    let serde = serde_path();
    let names: Vec<Ident> = union
        .variants
        .iter()
        .map(|v| format_ident!("{}", v.name))
        .collect();
    let types: Vec<TokenStream> = union
        .variants
        .iter()
        .map(|v| naming.rust(space, &v.ty))
        .collect();
    let definition = union_definition(naming, ident, doc, union, eq, &names, &types);
    let (serialize, deserialize) = match &union.tag {
        None => untagged_serde(ident, union, &names, &types),
        Some(tag) => tagged_serde(ident, union, tag, &names, &types),
    };
    quote! {
        #definition

        impl #serde::Serialize for #ident {
            fn serialize<S: #serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                #serialize
            }
        }

        #deserialize
    }
}

/// The enum of a union: a variant per listed one, documented by its `doc`
/// or by the tag values that select it, and `Unknown` when it is tagged.
fn union_definition(
    naming: &TypeNaming,
    ident: &Ident,
    doc: &TokenStream,
    union: &Union,
    eq: &TokenStream,
    names: &[Ident],
    types: &[TokenStream],
) -> TokenStream {
    let vis = &naming.vis;
    let docs = union.variants.iter().map(|v| {
        let fallback = match v.when.as_slice() {
            [] => format!("The variant `{}`.", v.name),
            whens => format!(
                "When the tag is {}.",
                whens
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        };
        doc_lines(v.doc.as_deref().unwrap_or(&fallback))
    });
    let unknown = union.tag.as_ref().map(|_| {
        quote! {
            /// A tag the spec does not list: the JSON as it came.
            Unknown(::kontur_extern::serde_json::Value),
        }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, #eq)]
        #vis enum #ident {
            #( #docs #names(#types), )*
            #unknown
        }
    }
}

/// The body of `serialize` and the `Deserialize` impl of an untagged
/// union: each variant tried in order, the failures of all in the error.
fn untagged_serde(
    ident: &Ident,
    union: &Union,
    names: &[Ident],
    types: &[TokenStream],
) -> (TokenStream, TokenStream) {
    let serde = serde_path();
    let json = quote!(::kontur_extern::__private::serde_json);
    let name_text = ident.to_string();
    let variant_names: Vec<String> = union.variants.iter().map(|v| v.name.clone()).collect();
    (
        quote! {
            match self {
                #( Self::#names(value) => #serde::Serialize::serialize(value, serializer), )*
            }
        },
        quote! {
            impl<'de> #serde::Deserialize<'de> for #ident {
                fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    use #serde::de::Error as _;
                    let raw = <::std::boxed::Box<#json::value::RawValue> as #serde::Deserialize>::deserialize(deserializer)?;
                    let mut failures = ::std::vec::Vec::new();
                    #(
                        match #json::from_str::<#types>(raw.get()) {
                            ::core::result::Result::Ok(value) => return ::core::result::Result::Ok(Self::#names(value)),
                            ::core::result::Result::Err(error) => failures.push((#variant_names, error)),
                        }
                    )*
                    ::core::result::Result::Err(D::Error::custom(
                        ::kontur_extern::__private::untagged_error(#name_text, failures),
                    ))
                }
            }
        },
    )
}

/// The body of `serialize` and the `Deserialize` side of a tagged union:
/// `__from_tag` always; tagged in itself, also a `Deserialize` impl that
/// reads the tag from the value, and a `serialize` that writes it.
fn tagged_serde(
    ident: &Ident,
    union: &Union,
    tag: &Tag,
    names: &[Ident],
    types: &[TokenStream],
) -> (TokenStream, TokenStream) {
    let serde = serde_path();
    let json = quote!(::kontur_extern::__private::serde_json);
    let from_tag = from_tag_impl(ident, union, names, types);
    if tag.in_parent {
        return (
            quote! {
                match self {
                    #( Self::#names(value) => #serde::Serialize::serialize(value, serializer), )*
                    Self::Unknown(value) => #serde::Serialize::serialize(value, serializer),
                }
            },
            from_tag,
        );
    }
    let key = &tag.key;
    let firsts = union
        .variants
        .iter()
        .map(|v| v.when.first().cloned().unwrap_or_default());
    (
        quote! {
            match self {
                #( Self::#names(value) => ::kontur_extern::__private::serialize_tagged(serializer, #key, #firsts, value), )*
                Self::Unknown(value) => #serde::Serialize::serialize(value, serializer),
            }
        },
        quote! {
            #from_tag

            impl<'de> #serde::Deserialize<'de> for #ident {
                fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    use #serde::de::Error as _;
                    let raw = <::std::boxed::Box<#json::value::RawValue> as #serde::Deserialize>::deserialize(deserializer)?;
                    let tag = ::kontur_extern::__private::union_tag(&raw, #key).map_err(D::Error::custom)?;
                    Self::__from_tag(tag.as_deref(), &raw).map_err(D::Error::custom)
                }
            }
        },
    )
}

/// `__from_tag`: a tagged union's variant chosen by its tag, `Unknown` for
/// a tag no variant lists.
fn from_tag_impl(
    ident: &Ident,
    union: &Union,
    names: &[Ident],
    types: &[TokenStream],
) -> TokenStream {
    let json = quote!(::kontur_extern::__private::serde_json);
    // A variant without `when:` (a spec error, reported) selects
    // nothing; its arm is left out so that the code still parses.
    let arms = union
        .variants
        .iter()
        .zip(names)
        .zip(types)
        .filter(|((v, _), _)| !v.when.is_empty())
        .map(|((v, name), ty)| {
            let whens = &v.when;
            quote! {
                #( ::core::option::Option::Some(#whens) )|* => #json::from_str::<#ty>(raw.get()).map(Self::#name),
            }
        });
    quote! {
        impl #ident {
            #[doc(hidden)]
            pub fn __from_tag(
                tag: ::core::option::Option<&str>,
                raw: &#json::value::RawValue,
            ) -> ::core::result::Result<Self, #json::Error> {
                match tag {
                    #( #arms )*
                    _ => #json::from_str(raw.get()).map(Self::Unknown),
                }
            }
        }
    }
}

/// The module `types!` generates for a type file: its types, each once,
/// for the specs that `use:` it.
pub fn expand_types(
    checked: &crate::types::CheckedTypes,
    rebuild_path: Option<&str>,
) -> TokenStream {
    let naming = TypeNaming {
        prefix: String::new(),
        shared: quote!(super::),
        vis: quote!(pub),
        local: quote!(),
    };
    let items = crate::types::expand::items(&checked.space, &naming);
    let module = ident(&checked.module);
    let rebuild = rebuild_path.map(|path| quote! { const _: &str = ::core::include_str!(#path); });
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
