//! Strings with a `pattern:`: a newtype whose constructors check the
//! pattern, so a request cannot carry a value that breaks it; decoding
//! keeps what the server sent (see `is_valid`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use crate::types::expand::naming::serde_path;

/// A newtype over `String` that matches `pattern`, whole, where the caller
/// builds it.
pub(super) fn patterned(
    ident: &Ident,
    doc: &TokenStream,
    pattern: &str,
    vis: &TokenStream,
) -> TokenStream {
    let on_use = crate::on_use::on_use();
    let serde = serde_path();
    let name = ident.to_string();
    let name = name.trim_start_matches("r#");
    let pattern_doc = format!(" The pattern a value matches, whole: `{pattern}`.");
    quote! {
        #doc
        ///
        /// A value built here ([`new`](Self::new), `parse`, `try_from`)
        /// matches the pattern; one read from an answer is kept as the
        /// server sent it ([`is_valid`](Self::is_valid) tells).
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #vis struct #ident(::std::string::String);

        impl #ident {
            #[doc = #pattern_doc]
            pub const PATTERN: &'static str = #pattern;

            #on_use
            fn __pattern() -> &'static ::kontur_extern::__private::Pattern {
                static PATTERN: ::kontur_extern::__private::Pattern =
                    ::kontur_extern::__private::Pattern::new(#name, #pattern);
                &PATTERN
            }

            /// The value, when it matches [`Self::PATTERN`] whole.
            #on_use
            pub fn new(
                value: impl ::core::convert::Into<::std::string::String>,
            ) -> ::core::result::Result<Self, ::kontur_extern::PatternError> {
                let value = value.into();
                Self::__pattern().check(&value)?;
                ::core::result::Result::Ok(Self(value))
            }

            /// The value as it is written on the wire.
            #on_use
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The value as a `String`.
            #on_use
            pub fn into_string(self) -> ::std::string::String {
                self.0
            }

            /// Whether the value matches [`Self::PATTERN`]: always for one
            /// built here, not always for one read from an answer.
            #on_use
            pub fn is_valid(&self) -> bool {
                Self::__pattern().is_match(&self.0)
            }
        }

        impl ::core::str::FromStr for #ident {
            type Err = ::kontur_extern::PatternError;

            #on_use
            fn from_str(text: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::new(text)
            }
        }

        impl ::core::convert::TryFrom<::std::string::String> for #ident {
            type Error = ::kontur_extern::PatternError;

            #on_use
            fn try_from(value: ::std::string::String) -> ::core::result::Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl ::core::convert::TryFrom<&str> for #ident {
            type Error = ::kontur_extern::PatternError;

            #on_use
            fn try_from(value: &str) -> ::core::result::Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl ::core::convert::AsRef<str> for #ident {
            #on_use
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::core::fmt::Display for #ident {
            #on_use
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::core::convert::From<#ident> for ::std::string::String {
            #on_use
            fn from(value: #ident) -> Self {
                value.0
            }
        }

        impl #serde::Serialize for #ident {
            fn serialize<S: #serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<D: #serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                ::kontur_extern::__private::deserialize_str_with(deserializer, |text| Self(text.into()))
            }
        }
    }
}
