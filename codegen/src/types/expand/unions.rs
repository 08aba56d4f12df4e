//! Enums for unions, with hand-written `Serialize` and `Deserialize`:
//! untagged (each variant tried in order), tagged in itself, or tagged in
//! its parent (`__from_tag`, called by the parent's `Deserialize`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use crate::docs::doc_lines;
use crate::types::expand::naming::{TypeNaming, serde_path};
use crate::types::model::{Tag, TypeSpace, Union};

/// An enum for a union, with its `Serialize` and `Deserialize` impls:
/// untagged ([`untagged_serde`]) or tagged ([`tagged_serde`]).
pub(super) fn union_tokens(
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
        let quoted = |values: &[String]| {
            values
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let fallback = match (v.when.as_slice(), v.when_prefix.as_slice()) {
            ([], []) => format!("The variant `{}`.", v.name),
            (whens, []) => format!("When the tag is {}.", quoted(whens)),
            ([], prefixes) => format!("When the tag begins with {}.", quoted(prefixes)),
            (whens, prefixes) => format!(
                "When the tag is {}, or begins with {}.",
                quoted(whens),
                quoted(prefixes)
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
                    let raw = <::std::boxed::Box<#json::value::RawValue> as #serde::Deserialize>::deserialize(deserializer)?;
                    let mut failures = ::std::vec::Vec::new();
                    #(
                        match #json::from_str::<#types>(raw.get()) {
                            ::core::result::Result::Ok(value) => return ::core::result::Result::Ok(Self::#names(value)),
                            ::core::result::Result::Err(error) => failures.push((#variant_names, error)),
                        }
                    )*
                    ::core::result::Result::Err(::kontur_extern::__private::untagged_union_error::<D::Error>(
                        &raw, #name_text, failures,
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
                    let raw = <::std::boxed::Box<#json::value::RawValue> as #serde::Deserialize>::deserialize(deserializer)?;
                    let tag = ::kontur_extern::__private::union_tag(&raw, #key)
                        .map_err(|error| ::kontur_extern::__private::union_error::<D::Error>(&raw, &error))?;
                    Self::__from_tag(tag.as_deref(), &raw)
                        .map_err(|error| ::kontur_extern::__private::union_error::<D::Error>(&raw, &error))
                }
            }
        },
    )
}

/// A tagged union's variant chosen by its tag, `Unknown` for a tag no
/// variant lists: `TaggedInParent`, which reads the variant in place (the
/// parent's `Deserialize` calls it when the tag came first), and
/// `__from_tag`, the same from raw JSON.
fn from_tag_impl(
    ident: &Ident,
    union: &Union,
    names: &[Ident],
    types: &[TokenStream],
) -> TokenStream {
    let serde = serde_path();
    let json = quote!(::kontur_extern::__private::serde_json);
    let private = quote!(::kontur_extern::__private);
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
                #( ::core::option::Option::Some(#whens) )|* => <#ty as #serde::Deserialize>::deserialize(deserializer).map(Self::#name),
            }
        });
    // Prefixes after every exact value, the longest first: an exact
    // `when` beats a prefix, and a longer prefix a shorter one
    // (`Union::select`, which checks examples, decides alike).
    let mut prefixed: Vec<(&String, &Ident, &TokenStream)> = union
        .variants
        .iter()
        .zip(names)
        .zip(types)
        .flat_map(|((v, name), ty)| v.when_prefix.iter().map(move |p| (p, name, ty)))
        .collect();
    prefixed.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(b.0)));
    let prefix_arms = prefixed.iter().map(|(prefix, name, ty)| {
        quote! {
            ::core::option::Option::Some(tag) if tag.starts_with(#prefix) => <#ty as #serde::Deserialize>::deserialize(deserializer).map(Self::#name),
        }
    });
    let on_use = crate::on_use::on_use();
    quote! {
        impl #private::TaggedInParent for #ident {
            fn deserialize_tagged<'de, D: #serde::Deserializer<'de>>(
                tag: ::core::option::Option<&str>,
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                match tag {
                    #( #arms )*
                    #( #prefix_arms )*
                    _ => <#json::Value as #serde::Deserialize>::deserialize(deserializer).map(Self::Unknown),
                }
            }
        }

        impl #ident {
            #[doc(hidden)]
            #on_use
            pub fn __from_tag(
                tag: ::core::option::Option<&str>,
                raw: &#json::value::RawValue,
            ) -> ::core::result::Result<Self, #json::Error> {
                #private::from_raw_tagged(tag, raw)
            }
        }
    }
}
