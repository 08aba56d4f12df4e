//! `auth:`: how a request is authenticated, the client of a bearer
//! endpoint, and an OAuth 2.0 token response for the token provider.
//! Runtime half: `token.rs`, `client.rs`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use crate::diagnostic::Collector;
use crate::endpoint::names::Names;
use crate::model::{Auth, Endpoint, Field, Type};
use crate::spec::SpecFile;
use crate::yaml::position_of;

/// `TokenResponse` for responses shaped like an OAuth 2.0 token response
/// (a secret `access_token` and an `expires_in`), so that a
/// `TokenProvider` can cache them.
pub(crate) fn token_response(endpoint: &Endpoint, names: &Names) -> Option<TokenStream> {
    let on_use = crate::on_use::on_use();
    let field = |name: &str| endpoint.response.fields.iter().find(|f| f.name == name);
    let required = |f: &&Field| !f.optional && !f.nullable;
    field("access_token").filter(|f| f.secret && f.ty == Type::String && required(f))?;
    field("expires_in").filter(|f| f.ty == Type::DurationSeconds && required(f))?;
    let refresh = match field("refresh_token") {
        Some(f) if f.secret && f.ty == Type::String && (f.optional || f.nullable) => {
            quote!(self.refresh_token.as_ref())
        }
        Some(f) if f.secret && f.ty == Type::String => {
            quote!(::core::option::Option::Some(&self.refresh_token))
        }
        _ => quote!(::core::option::Option::None),
    };
    let response = &names.response;
    Some(quote! {
        impl ::kontur_extern::TokenResponse for #response {
            #on_use
            fn access_token(&self) -> &::kontur_extern::SecretString {
                &self.access_token
            }

            #on_use
            fn expires_in(&self) -> ::core::time::Duration {
                self.expires_in
            }

            #on_use
            fn refresh_token(&self) -> ::core::option::Option<&::kontur_extern::SecretString> {
                #refresh
            }
        }
    })
}

/// A client over a `kontur_extern::Client` and a token source, for an
/// endpoint's client and a service's alike: the struct, a `Debug` that
/// shows no token, `new` and `inner`, then `methods`.
pub(crate) fn bearer_client(
    doc: &TokenStream,
    vis: &TokenStream,
    client: &Ident,
    new_doc: &TokenStream,
    methods: TokenStream,
) -> TokenStream {
    let on_use = crate::on_use::on_use();
    quote! {
        #doc
        #[derive(Clone)]
        #vis struct #client {
            inner: ::kontur_extern::Client,
            tokens: ::std::sync::Arc<dyn ::kontur_extern::TokenSource>,
        }

        impl ::core::fmt::Debug for #client {
            #on_use
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(::core::stringify!(#client))
                    .field("inner", &self.inner)
                    .finish_non_exhaustive()
            }
        }

        impl #client {
            #new_doc
            pub fn new(
                inner: ::kontur_extern::Client,
                tokens: impl ::kontur_extern::TokenSource + 'static,
            ) -> Self {
                Self {
                    inner,
                    tokens: ::std::sync::Arc::new(tokens),
                }
            }

            /// The underlying client.
            #on_use
            pub fn inner(&self) -> &::kontur_extern::Client {
                &self.inner
            }

            #methods
        }
    }
}

/// `auth:`, and no `Authorization` header parameter beside a bearer token.
pub(crate) fn check_auth(cx: &mut Collector, spec: &SpecFile) -> Auth {
    let endpoint = &spec.endpoint;
    match endpoint.auth.as_ref().map(|a| (a, a.value.as_str())) {
        None | Some((_, "none")) => Auth::None,
        Some((_, "bearer")) => {
            for param in &spec.request.params {
                let header = param.location.as_ref().is_some_and(|l| l.value == "header");
                if header && param.name.value.eq_ignore_ascii_case("authorization") {
                    cx.error(
                        position_of(&param.name),
                        "header parameter `Authorization` would be replaced by the bearer token \
                         (`auth: bearer`); remove it",
                    );
                }
            }
            Auth::Bearer
        }
        Some((at, other)) => {
            cx.error(
                position_of(at),
                format!("unknown `auth: {other}`; expected `none` or `bearer`"),
            );
            Auth::None
        }
    }
}

/// `::kontur_extern::Auth::…` of the endpoint.
pub(crate) fn auth_value(endpoint: &Endpoint) -> TokenStream {
    match endpoint.auth {
        Auth::None => quote!(::kontur_extern::Auth::None),
        Auth::Bearer => quote!(::kontur_extern::Auth::Bearer),
    }
}
