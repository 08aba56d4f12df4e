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
    /// `Option<…>`: optional or nullable.
    is_option: bool,
    /// The serde `with` module that reads it, if any.
    de_with: Option<&'static str>,
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
    let mut de_with = None;
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
            de_with = Some(with);
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
        is_option,
        de_with,
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
    let on_use = crate::on_use::on_use();
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
                #on_use
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
            ..
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
/// (`tagged`, from [`parent_tagged`]): a visitor of the object's entries in
/// the order they come. A union whose tag came before it, as the API sends
/// them, is read in place (`TagSeed`); one that comes before its tag is
/// kept as raw JSON and read once the whole object is. The rest is what
/// serde's derive does: a missing field is an error unless optional,
/// nullable or with a default, a repeated one is an error, an unknown key
/// is skipped.
fn deserialize_with_parent_tags(
    space: &TypeSpace,
    naming: &TypeNaming,
    ident: &Ident,
    fields: &[Field],
    parts: &[FieldParts],
    tagged: &[(usize, &Field, ItemId)],
) -> TokenStream {
    let on_use = crate::on_use::on_use();
    let serde = serde_path();
    let private = quote!(::kontur_extern::__private);
    let name_text = format!("struct {}", ident.to_string().trim_start_matches("r#"));
    let wires = fields.iter().map(|field| &field.wire);
    let name_arms = fields.iter().enumerate().map(|(index, field)| {
        let wire = &field.wire;
        let aliases = &field.aliases;
        quote!( #wire #( | #aliases )* => #index, )
    });
    let mut declarations = Vec::new();
    let mut arms = Vec::new();
    let mut finish = Vec::new();
    let mut unions = Vec::new();
    for (index, (field, part)) in fields.iter().zip(parts).enumerate() {
        let slot = slot_ident(index);
        let value = value_ident(index);
        let wire = &field.wire;
        let ty = &part.ty;
        let duplicate = quote! {
            if #slot.is_some() {
                return ::core::result::Result::Err(A::Error::duplicate_field(#wire));
            }
        };
        if let Some((_, _, union)) = tagged.iter().find(|(at, _, _)| *at == index) {
            let (read, resolve, buffered) =
                parked_union(space, naming, fields, index, part, *union);
            declarations.push(quote! {
                let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None;
            });
            let mut duplicate = duplicate;
            if buffered {
                // A second slot rather than one of an enum: the union, as
                // large as its largest variant, is moved no more than
                // derive moves a field.
                let raw = raw_type(field, part);
                let raw_slot = raw_ident(index);
                declarations.push(quote! {
                    let mut #raw_slot: ::core::option::Option<#raw> = ::core::option::Option::None;
                });
                duplicate = quote! {
                    if #slot.is_some() || #raw_slot.is_some() {
                        return ::core::result::Result::Err(A::Error::duplicate_field(#wire));
                    }
                };
            }
            arms.push(quote!( #index => { #duplicate #read } ));
            unions.push(resolve);
            continue;
        }
        declarations.push(quote! {
            let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None;
        });
        let read = match &part.de_with {
            // serde's `with` module, through a newtype that derive reads with it.
            Some(with) => quote! {{
                #[derive(#serde::Deserialize)]
                #[serde(crate = #SERDE)]
                struct __With(#[serde(with = #with)] #ty);
                map.next_value::<__With>()?.0
            }},
            None => quote!(map.next_value::<#ty>()?),
        };
        arms.push(quote!( #index => { #duplicate #slot = ::core::option::Option::Some(#read); } ));
        let missing = match &field.presence {
            FieldPresence::Default(_) => {
                let function = default_fn_name(ident, &field.rust);
                quote!(#function())
            }
            FieldPresence::Optional => quote!(::core::option::Option::None),
            // As derive: a nullable field read by serde's rules may be absent.
            FieldPresence::Required if part.is_option && part.de_with.is_none() => {
                quote!(::core::option::Option::None)
            }
            FieldPresence::Required => {
                quote!(return ::core::result::Result::Err(A::Error::missing_field(#wire)))
            }
        };
        finish.push(quote! {
            let #value = match #slot {
                ::core::option::Option::Some(value) => value,
                ::core::option::Option::None => #missing,
            };
        });
    }
    let moves = fields.iter().enumerate().map(|(index, field)| {
        let name = ident_of(&field.rust);
        let value = value_ident(index);
        quote!(#name: #value)
    });
    let unknown = fields.len();
    quote! {
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<D: #serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                struct __Visitor;

                impl<'de> #serde::de::Visitor<'de> for __Visitor {
                    type Value = #ident;

                    #on_use
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#name_text)
                    }

                    fn visit_map<A: #serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> ::core::result::Result<#ident, A::Error> {
                        use #serde::de::Error as _;
                        #on_use
                        fn index(name: &str) -> usize {
                            match name {
                                #( #name_arms )*
                                _ => #unknown,
                            }
                        }
                        #( #declarations )*
                        while let ::core::option::Option::Some(key) =
                            map.next_key_seed(#private::FieldKey(index))?
                        {
                            match key {
                                #( #arms )*
                                _ => {
                                    map.next_value::<#serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        #( #finish )*
                        #( #unions )*
                        ::core::result::Result::Ok(#ident { #( #moves, )* })
                    }
                }

                deserializer.deserialize_struct(#name_text, &[#( #wires ),*], __Visitor)
            }
        }
    }
}

fn slot_ident(index: usize) -> Ident {
    format_ident!("__slot{}", index)
}

fn value_ident(index: usize) -> Ident {
    format_ident!("__value{}", index)
}

fn raw_ident(index: usize) -> Ident {
    format_ident!("__raw{}", index)
}

/// What a field holding a union tagged by a sibling keeps while its tag is
/// unknown: raw JSON, a list of it for a list, `None` for `null` or absent
/// when the field is optional or nullable.
fn raw_type(field: &Field, part: &FieldParts) -> TokenStream {
    let mut raw =
        quote!(::std::boxed::Box<::kontur_extern::__private::serde_json::value::RawValue>);
    if held_union(&field.ty).1 {
        raw = quote!(::std::vec::Vec<#raw>);
    }
    if part.is_option {
        raw = quote!(::core::option::Option<#raw>);
    }
    raw
}

/// For `fields[index]`, a union tagged by a sibling key of `fields`: the statement
/// that reads its value from `map` (in place when the sibling's slot holds
/// the tag, raw otherwise), the statement that gives its final value once
/// every entry is read, and whether it is ever kept raw (not when no
/// sibling holds the tag).
fn parked_union(
    space: &TypeSpace,
    naming: &TypeNaming,
    fields: &[Field],
    index: usize,
    part: &FieldParts,
    union: ItemId,
) -> (TokenStream, TokenStream, bool) {
    let private = quote!(::kontur_extern::__private);
    let field = &fields[index];
    let slot = slot_ident(index);
    let raw_slot = raw_ident(index);
    let value = value_ident(index);
    let path = naming.path(space, union);
    let wire = &field.wire;
    let list = held_union(&field.ty).1;
    let mut seed = quote!(#private::TagSeed::<#path>::new(tag));
    if list {
        seed = quote!(#private::ListSeed(#seed));
    }
    if part.is_option {
        seed = quote!(#private::OptionSeed(#seed));
    }
    let key = match &space.get(union).kind {
        ItemKind::Union(Union {
            tag: Some(Tag { key, .. }),
            ..
        }) => Some(key.as_str()),
        _ => None,
    };
    let sibling = key.and_then(|key| fields.iter().position(|f| f.wire == key));
    let Some(sibling) = sibling else {
        // No sibling holds the tag: always `Unknown`, read in place.
        let read = quote! {
            let tag = ::core::option::Option::None;
            #slot = ::core::option::Option::Some(map.next_value_seed(#seed)?);
        };
        let missing = if part.is_option {
            quote!(::core::option::Option::None)
        } else {
            quote!(return ::core::result::Result::Err(A::Error::missing_field(#wire)))
        };
        let resolve = quote! {
            let #value = match #slot {
                ::core::option::Option::Some(value) => value,
                ::core::option::Option::None => #missing,
            };
        };
        return (read, resolve, false);
    };
    let tag_field = &fields[sibling];
    let tag_slot = slot_ident(sibling);
    let tag_value = value_ident(sibling);
    let read = {
        let tag = tag_str(tag_field, quote!(tag));
        quote! {
            match &#tag_slot {
                ::core::option::Option::Some(tag) => {
                    let tag = #tag;
                    #slot = ::core::option::Option::Some(map.next_value_seed(#seed)?);
                }
                ::core::option::Option::None => {
                    #raw_slot = ::core::option::Option::Some(map.next_value()?);
                }
            }
        }
    };
    let tag = tag_str(tag_field, quote!(#tag_value));
    // An error from the union's kept JSON has a position in that text, not
    // in the body: raised as the generated unions raise theirs, for the
    // body's decoder to place it at the parent. (Read in place, an error
    // keeps its true position in the body and is raised as it comes.)
    let one = |raw: TokenStream, index: TokenStream| {
        quote! {
            #private::from_raw_tagged::<#path>(tag, #raw)
                .map_err(|error| #private::held_union_error::<A::Error>(#wire, #index, #raw, &error))
        }
    };
    let mut from_raw = if list {
        let each = one(quote!(value), quote!(::core::option::Option::Some(index)));
        quote! {
            raw.iter()
                .enumerate()
                .map(|(index, value)| #each)
                .collect::<::core::result::Result<::std::vec::Vec<_>, A::Error>>()?
        }
    } else {
        let one = one(quote!(&raw), quote!(::core::option::Option::None));
        quote!(#one?)
    };
    if part.is_option {
        from_raw = quote! {
            match raw {
                ::core::option::Option::Some(raw) => ::core::option::Option::Some(#from_raw),
                ::core::option::Option::None => ::core::option::Option::None,
            }
        };
    }
    let missing = if part.is_option {
        quote!(::core::option::Option::None)
    } else {
        quote!(return ::core::result::Result::Err(A::Error::missing_field(#wire)))
    };
    let resolve = quote! {
        let #value = match (#slot, #raw_slot) {
            (::core::option::Option::Some(value), _) => value,
            (::core::option::Option::None, ::core::option::Option::Some(raw)) => {
                let tag = #tag;
                #from_raw
            }
            (::core::option::Option::None, ::core::option::Option::None) => #missing,
        };
    };
    (read, resolve, true)
}

/// The tag held by `value`, a value (or reference to one) of the sibling
/// field `field`, as an `Option<&str>`.
fn tag_str(field: &Field, value: TokenStream) -> TokenStream {
    let is_option =
        field.presence == FieldPresence::Optional || matches!(field.ty, Ty::Nullable(_));
    if is_option {
        quote!(#value.as_ref().map(|tag| tag.as_str()))
    } else {
        quote!(::core::option::Option::Some(#value.as_str()))
    }
}

fn ident_of(name: &str) -> Ident {
    ident(name)
}
