//! The endpoint's own client: a struct over `kontur_extern::Client`
//! with one method that sends the request. Runtime half: `client.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::doc_lines;
use crate::endpoint::auth::bearer_client;
use crate::endpoint::names::Names;
use crate::endpoint::outcomes::reply_type;
use crate::endpoint::paging::pages_method;
use crate::endpoint::stream::download_method;
use crate::ident::ident;
use crate::model::{Auth, Endpoint};
use crate::types::expand::TypeNaming;

/// A client with one method for the endpoint, named after it, that gives
/// the call's future (the runtime's, not a state machine of its own).
pub(crate) fn client(
    endpoint: &Endpoint,
    names: &Names,
    vis: &TokenStream,
    types: &TypeNaming,
) -> TokenStream {
    let Names {
        endpoint: marker,
        request,
        response,
        client,
        ..
    } = names;
    let method = ident(&endpoint.name);
    let reply = reply_type(endpoint, response);
    let pages = endpoint
        .paging
        .as_ref()
        .map(|paging| pages_method(endpoint, paging, &method, &quote!(#request), types));
    let download = download_method(endpoint, marker, request, &method);
    let client_doc = doc_lines(&format!(
        "Client for `{} {}`, over a [`kontur_extern::Client`].",
        endpoint.method.as_str(),
        endpoint.path
    ));
    let method_doc = doc_lines(&format!(
        "{}\n\nSends `{} {}` and decodes the answer.",
        endpoint.summary,
        endpoint.method.as_str(),
        endpoint.path
    ));
    let on_use = crate::on_use::on_use();
    if endpoint.auth == Auth::Bearer {
        let doc = quote! {
            #client_doc
            ///
            /// The endpoint needs a bearer token: every call takes one from the
            /// token source given to [`new`](Self::new).
        };
        let new_doc = quote! {
            /// A client that sends through `inner`, to its base URL, with
            /// bearer tokens from `tokens` (a `TokenProvider`, or a fixed
            /// `SecretString`).
        };
        return bearer_client(
            &doc,
            vis,
            client,
            &new_doc,
            quote! {
                #method_doc
                #on_use
                pub fn #method<'a>(
                    &'a self,
                    request: &'a #request,
                ) -> impl ::core::future::Future<
                    Output = ::core::result::Result<::kontur_extern::Reply<#reply>, ::kontur_extern::Error>,
                > + 'a {
                    self.inner.send_with::<#marker>(&*self.tokens, request)
                }

                #download

                #pages
            },
        );
    }
    quote! {
        #client_doc
        #[derive(Clone, Debug)]
        #vis struct #client {
            inner: ::kontur_extern::Client,
        }

        impl #client {
            /// A client that sends through `inner`, to its base URL.
            #on_use
            pub fn new(inner: ::kontur_extern::Client) -> Self {
                Self { inner }
            }

            /// The underlying client.
            #on_use
            pub fn inner(&self) -> &::kontur_extern::Client {
                &self.inner
            }

            #method_doc
            #on_use
            pub fn #method<'a>(
                &'a self,
                request: &'a #request,
            ) -> impl ::core::future::Future<
                Output = ::core::result::Result<::kontur_extern::Reply<#reply>, ::kontur_extern::Error>,
            > + 'a {
                self.inner.send::<#marker>(request)
            }

            #download

            #pages
        }
    }
}
