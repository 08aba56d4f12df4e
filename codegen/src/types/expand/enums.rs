//! Open enums: a variant per listed value, and `Unknown` for the values
//! the spec does not list, kept as they came.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use crate::docs::doc_lines;
use crate::types::expand::naming::serde_path;
use crate::types::model::{Enum, EnumCase};
use crate::types::resolve::enum_variants;

/// An enum that keeps values it does not know.
pub(super) fn open_enum(
    ident: &Ident,
    doc: &TokenStream,
    open: &Enum,
    vis: &TokenStream,
) -> TokenStream {
    let on_use = crate::on_use::on_use();
    let serde = serde_path();
    let values = &open.values;
    let variants: Vec<Ident> = enum_variants(values.iter().map(String::as_str))
        .iter()
        .map(|name| format_ident!("{name}"))
        .collect();
    let variant_docs = values.iter().map(|value| doc_lines(&format!("`{value}`")));
    // A value as listed first, which is how the API sends it: one `match`
    // (by length, then the bytes), before comparing without regard to case.
    let exact = quote! {
        match text {
            #( #values => return Self::#variants, )*
            _ => {}
        }
    };
    let from_wire = match open.case {
        EnumCase::Ascii => quote! {
            /// The variant for a value from the wire; known values match
            /// without regard to ASCII case.
            #on_use
            pub fn from_wire(text: &str) -> Self {
                #exact
                #( if text.eq_ignore_ascii_case(#values) {
                    return Self::#variants;
                } )*
                Self::Unknown(text.into())
            }
        },
        EnumCase::Any => quote! {
            /// The variant for a value from the wire; known values match
            /// without regard to case and to `-`, `_`, `.` and spaces
            /// (`case: any`), so every case style of a value is that value.
            #on_use
            pub fn from_wire(text: &str) -> Self {
                #exact
                #( if ::kontur_extern::__private::same_in_any_case(text, #values) {
                    return Self::#variants;
                } )*
                Self::Unknown(text.into())
            }
        },
    };
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

            #from_wire
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
