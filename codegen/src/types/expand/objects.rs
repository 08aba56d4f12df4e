//! Structs for objects: their fields (serde attributes, docs, default
//! functions), and the written `Deserialize` impl of an object that holds
//! a union tagged by a sibling key.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use crate::docs::doc_lines;
use crate::ident::ident;
use crate::types::expand::naming::{SERDE, TypeNaming, serde_path};
use crate::types::model::{Field, FieldPresence, ItemId, ItemKind, Tag, Ty, TypeSpace, Union};

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
    attrs.extend(field.aliases.iter().map(|alias| quote!(alias = #alias)));
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

/// The fields of `fields` that hold a union tagged by a sibling, or a list
/// of one (see [`held_union`]).
fn parent_tagged<'f>(space: &TypeSpace, fields: &'f [Field]) -> Vec<(usize, &'f Field, ItemId)> {
    fields
        .iter()
        .enumerate()
        .filter_map(|(index, field)| match held_union(&field.ty).0 {
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

/// What a field holds: its type, or the elements of its list (`true`); a
/// union tagged in the parent may be either.
fn held_union(ty: &Ty) -> (&Ty, bool) {
    match ty.bare() {
        Ty::List(inner) if matches!(inner.as_ref(), Ty::Item(_)) => (inner.as_ref(), true),
        other => (other, false),
    }
}

/// A struct for an object; with a field whose union is tagged by a sibling
/// key, its `Deserialize` impl is written by
/// [`deserialize_with_parent_tags`], otherwise derived.
pub(super) fn object(
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
            let aliases = field.aliases.iter().map(|alias| quote!(, alias = #alias));
            let mut raw =
                quote!(::std::boxed::Box<::kontur_extern::__private::serde_json::value::RawValue>);
            if held_union(&field.ty).1 {
                raw = quote!(::std::vec::Vec<#raw>);
            }
            let optional =
                field.presence == FieldPresence::Optional || matches!(field.ty, Ty::Nullable(_));
            if optional {
                quote! { #[serde(rename = #wire, default #(#aliases)*)] #ident: ::core::option::Option<#raw>, }
            } else {
                quote! { #[serde(rename = #wire #(#aliases)*)] #ident: #raw, }
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
    if held_union(&field.ty).1 {
        // Every element is the variant the one sibling names.
        let each = quote! {
            values
                .iter()
                .enumerate()
                .map(|(index, value)| {
                    #path::__from_tag(#tag_expr, value).map_err(|error| {
                        ::kontur_extern::__private::held_union_error::<D::Error>(
                            #wire, ::core::option::Option::Some(index), value, &error,
                        )
                    })
                })
                .collect::<::core::result::Result<::std::vec::Vec<_>, D::Error>>()?
        };
        return if optional {
            quote! {
                let #holder = match &raw.#holder {
                    ::core::option::Option::Some(values) => ::core::option::Option::Some(#each),
                    ::core::option::Option::None => ::core::option::Option::None,
                };
            }
        } else {
            quote! {
                let #holder = {
                    let values = &raw.#holder;
                    #each
                };
            }
        };
    }
    if optional {
        quote! {
            let #holder = match &raw.#holder {
                ::core::option::Option::Some(value) => ::core::option::Option::Some(
                    #path::__from_tag(#tag_expr, value)
                        .map_err(|error| ::kontur_extern::__private::held_union_error::<D::Error>(
                            #wire, ::core::option::Option::None, value, &error,
                        ))?,
                ),
                ::core::option::Option::None => ::core::option::Option::None,
            };
        }
    } else {
        quote! {
            let #holder = #path::__from_tag(#tag_expr, &raw.#holder)
                .map_err(|error| ::kontur_extern::__private::held_union_error::<D::Error>(
                    #wire, ::core::option::Option::None, &raw.#holder, &error,
                ))?;
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
