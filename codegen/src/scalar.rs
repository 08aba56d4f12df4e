//! Version 1's scalar types (`string`, `integer`, `boolean`,
//! `duration_seconds`, `url`, `enum`) and their values: checked, fitted to
//! documented text, and written as Rust types and expressions. Parameters,
//! response fields and headers use them in both versions; version 2's JSON
//! types are `types/`'s.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_saphyr::Spanned;
use syn::Ident;

use crate::diagnostic::Collector;
use crate::docs::doc_lines;
use crate::model::{Type, Value};
use crate::wire::MAX_DURATION_SECS;
use crate::yaml::{MAX_ENUM_VALUES, Scalar, position_of, too_many_values};

pub(crate) const TYPE_NAMES: &str = "string, integer, boolean, duration_seconds, url, enum";

pub(crate) fn check_type(
    cx: &mut Collector,
    ty: &Spanned<String>,
    values: Option<&Spanned<Vec<String>>>,
    version: u8,
) -> Option<Type> {
    let found = match ty.value.as_str() {
        "uuid" if version == 2 => Type::Uuid,
        "datetime" if version == 2 => Type::DateTime,
        "string" => Type::String,
        "integer" => Type::Integer,
        "boolean" => Type::Boolean,
        "duration_seconds" => Type::DurationSeconds,
        "url" => Type::Url,
        "enum" => {
            let Some(values) = values else {
                cx.error(
                    position_of(ty),
                    "type `enum` needs `values`, the list of known values",
                );
                return None;
            };
            return check_enum_values(cx, values).map(Type::Enum);
        }
        other => {
            let names = if version == 2 {
                format!("{TYPE_NAMES}, uuid, datetime, list (query parameters)")
            } else {
                TYPE_NAMES.to_owned()
            };
            cx.error(
                position_of(ty),
                format!("unknown type `{other}`; expected one of: {names}"),
            );
            return None;
        }
    };
    if let Some(values) = values {
        cx.error(
            position_of(values),
            format!("`values` belongs to type `enum`, not `{}`", ty.value),
        );
    }
    Some(found)
}

pub(crate) fn check_enum_values(
    cx: &mut Collector,
    values: &Spanned<Vec<String>>,
) -> Option<Vec<String>> {
    if values.value.is_empty() {
        cx.error(position_of(values), "`values` lists no value");
        return None;
    }
    if values.value.len() > MAX_ENUM_VALUES {
        cx.error(
            position_of(values),
            too_many_values("`values`", values.value.len()),
        );
        return None;
    }
    let mut variants = HashSet::new();
    let mut sound = true;
    for value in &values.value {
        let variant = crate::ident::upper_camel_case(value);
        if syn::parse_str::<syn::Ident>(&variant).is_err() || variant == "Unknown" {
            cx.error(
                position_of(values),
                format!(
                    "enum value `{value}` gives the Rust variant `{variant}`, which is not usable; `Unknown` is the fallback for values the spec does not list"
                ),
            );
            sound = false;
        } else if !variants.insert(variant.clone()) {
            cx.error(
                position_of(values),
                format!("enum values repeat the Rust variant `{variant}` (from `{value}`)"),
            );
            sound = false;
        }
    }
    sound.then(|| values.value.clone())
}

/// Checks a scalar from the spec against a type.
pub(crate) fn fit(scalar: &Scalar, ty: &Type) -> Result<Value, String> {
    match (ty, scalar) {
        (Type::String, Scalar::String(text)) => Ok(Value::String(text.clone())),
        (Type::Integer, Scalar::Integer(number)) => Ok(Value::Integer(*number)),
        (Type::Boolean, Scalar::Bool(flag)) => Ok(Value::Boolean(*flag)),
        (Type::DurationSeconds, Scalar::Integer(seconds)) => u64::try_from(*seconds)
            .ok()
            .filter(|seconds| (1..=MAX_DURATION_SECS).contains(seconds))
            .map(Value::DurationSeconds)
            .ok_or_else(|| {
                format!("expected a number of seconds from 1 to {MAX_DURATION_SECS} (ten years), found {seconds}")
            }),
        // Kept as it travels: the runtime sends `Url`'s own spelling
        // (`https://a.com` goes out as `https://a.com/`), and the documented
        // request must match what is sent.
        (Type::Url, Scalar::String(text)) => url::Url::parse(text)
            .map(|url| Value::Url(url.to_string()))
            .map_err(|error| format!("`{text}` is not a URL: {error}")),
        (Type::Enum(_), Scalar::String(text)) => Ok(Value::Enum(text.clone())),
        // Kept as it travels: lower case with hyphens, as `Uuid` writes it.
        (Type::Uuid, Scalar::String(text)) => crate::wire::canonical_uuid(text)
            .map(Value::Uuid)
            .ok_or_else(|| format!("`{text}` is not a UUID (`a9bc74bd-311b-43f0-aff7-faba24ce35d9`)")),
        (Type::DateTime, Scalar::String(text)) => crate::wire::canonical_datetime(text)
            .map(Value::DateTime)
            .ok_or_else(|| {
                format!(
                    "`{text}` is not a date and time (RFC 3339, or without an offset: \
                     `2020-02-26T09:51:08.4636938`)"
                )
            }),
        (Type::List(inner), Scalar::List(items)) => items
            .iter()
            .map(|item| fit(item, inner))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::List),
        // One value is a list of one.
        (Type::List(inner), scalar) => fit(scalar, inner).map(|value| Value::List(vec![value])),
        (_, Scalar::List(_)) => Err("expected one value, found a list".to_owned()),
        (Type::String | Type::Url | Type::Enum(_) | Type::Uuid | Type::DateTime, other) => {
            Err(format!(
                "expected a string, found {}; quote it",
                other.describe()
            ))
        }
        (Type::Integer | Type::DurationSeconds, other) => Err(format!(
            "expected a whole number, found {}",
            other.describe()
        )),
        (Type::Boolean, other) => Err(format!(
            "expected true or false, found {}",
            other.describe()
        )),
    }
}

/// The type a constant has when the spec does not name one.
pub(crate) fn inferred_type(scalar: &Scalar) -> Type {
    match scalar {
        Scalar::Bool(_) => Type::Boolean,
        Scalar::Integer(_) => Type::Integer,
        Scalar::String(_) | Scalar::List(_) => Type::String,
    }
}

/// Secrets are held in `SecretString`, so only strings can be secret.
pub(crate) fn check_secret_type(
    cx: &mut Collector,
    secret: bool,
    ty: &Type,
    at: &Spanned<String>,
) -> Option<()> {
    if secret && *ty != Type::String {
        cx.error(
            position_of(at),
            format!("only `string` values can be secret, not `{}`", at.value),
        );
        return None;
    }
    Some(())
}

/// Header values are text; this mirrors how the runtime reads them.
pub(crate) fn fit_header(text: &str, ty: &Type) -> Result<(), String> {
    let scalar = match ty {
        Type::Integer | Type::DurationSeconds => text
            .trim()
            .parse()
            .map(Scalar::Integer)
            .map_err(|_| format!("expected a whole number, found `{text}`"))?,
        Type::Boolean => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Scalar::Bool(true),
            "false" => Scalar::Bool(false),
            _ => return Err(format!("expected true or false, found `{text}`")),
        },
        _ => Scalar::String(text.to_owned()),
    };
    fit(&scalar, ty).map(drop)
}

pub(crate) fn fit_json(value: &serde_json::Value, ty: &Type) -> Result<(), String> {
    let scalar = match value {
        serde_json::Value::String(text) => Scalar::String(text.clone()),
        serde_json::Value::Bool(flag) => Scalar::Bool(*flag),
        serde_json::Value::Number(number) => match number.as_i64() {
            Some(whole) => Scalar::Integer(whole),
            None => return Err(format!("expected a whole number, found {number}")),
        },
        serde_json::Value::Null => return Err("is null, but the field is not `nullable`".into()),
        other => return Err(format!("expected a scalar, found {other}")),
    };
    fit(&scalar, ty).map(drop)
}

pub(crate) fn value_type(value: &Value) -> Type {
    match value {
        Value::String(_) => Type::String,
        Value::Integer(_) => Type::Integer,
        Value::Boolean(_) => Type::Boolean,
        Value::DurationSeconds(_) => Type::DurationSeconds,
        Value::Url(_) => Type::Url,
        Value::Uuid(_) => Type::Uuid,
        Value::DateTime(_) => Type::DateTime,
        Value::Enum(_) => Type::Enum(Vec::new()),
        Value::List(values) => {
            Type::List(Box::new(values.first().map_or(Type::String, value_type)))
        }
    }
}

pub(crate) fn rust_type(
    ty: &Type,
    secret: bool,
    enum_path: impl FnOnce() -> TokenStream,
) -> TokenStream {
    match ty {
        Type::String if secret => quote!(::kontur_extern::SecretString),
        Type::String => quote!(::std::string::String),
        Type::Integer => quote!(i64),
        Type::Boolean => quote!(bool),
        Type::DurationSeconds => quote!(::core::time::Duration),
        Type::Url => quote!(::kontur_extern::Url),
        Type::Uuid => quote!(::kontur_extern::Uuid),
        Type::DateTime => quote!(::kontur_extern::DateTime),
        Type::Enum(_) => enum_path(),
        Type::List(inner) => {
            let inner = rust_type(inner, secret, enum_path);
            quote!(::std::vec::Vec<#inner>)
        }
    }
}

/// A Rust expression for a spec value that [`crate::endpoint`] has fitted to `ty`.
pub(crate) fn value_expr(
    value: &Value,
    ty: &Type,
    secret: bool,
    enum_ident: &dyn Fn() -> Ident,
) -> TokenStream {
    match (value, ty) {
        (Value::Integer(number), _) => quote!(#number),
        (Value::Boolean(flag), _) => quote!(#flag),
        (Value::DurationSeconds(seconds), _) => {
            quote!(::core::time::Duration::from_secs(#seconds))
        }
        (Value::String(text), _) if secret => quote!(::kontur_extern::SecretString::from(#text)),
        (Value::String(text), _) => quote!(::std::string::String::from(#text)),
        (Value::Url(text), _) => quote!(::kontur_extern::__private::checked_url(#text)),
        (Value::Enum(text), Type::Enum(values)) => {
            let ident = enum_ident();
            match values.iter().find(|known| known.eq_ignore_ascii_case(text)) {
                Some(known) => {
                    let variant = format_ident!("{}", crate::ident::upper_camel_case(known));
                    quote!(#ident::#variant)
                }
                None => quote!(#ident::Unknown(::std::string::String::from(#text))),
            }
        }
        (Value::Enum(text), _) => quote!(::std::string::String::from(#text)),
        (Value::Uuid(text), _) => quote!(::kontur_extern::__private::checked_uuid(#text)),
        (Value::DateTime(text), _) => quote!(::kontur_extern::__private::checked_datetime(#text)),
        (Value::List(values), ty) => {
            let element = ty.element();
            let ident = enum_ident();
            let items = values
                .iter()
                .map(|value| value_expr(value, element, secret, &|| ident.clone()));
            quote!(::std::vec::Vec::from([#( #items ),*]))
        }
    }
}

pub(crate) fn enum_type(
    ident: &Ident,
    doc: &str,
    values: &[String],
    vis: &TokenStream,
) -> TokenStream {
    let on_use = crate::on_use::on_use();
    let doc = doc_lines(doc);
    let variants: Vec<Ident> = values
        .iter()
        .map(|value| format_ident!("{}", crate::ident::upper_camel_case(value)))
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
            #on_use
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::kontur_extern::__private::WireValue for #ident {
            const EXPECTED: &'static str = "a string";

            #on_use
            fn to_wire(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }

            /// Known values match without regard to ASCII case (RFC 6749
            /// section 5.1 makes `token_type` case-insensitive).
            #on_use
            fn from_wire(text: &str) -> ::core::option::Option<Self> {
                #( if text.eq_ignore_ascii_case(#values) {
                    return ::core::option::Option::Some(Self::#variants);
                } )*
                ::core::option::Option::Some(Self::Unknown(text.into()))
            }
        }
    }
}
