//! A binary answer written to a sink as it arrives, in bounded memory and
//! resumed with `Range` where the connection broke: beside the call that
//! reads the body whole, a `…_to` method on the endpoint's client and a
//! `send_to` on a service's call. Runtime half: `client/transfer.rs`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::model::{Auth, Endpoint};

/// The result of a streamed call.
fn downloaded() -> TokenStream {
    quote! {
        ::core::result::Result<
            ::kontur_extern::Reply<::kontur_extern::Downloaded>,
            ::kontur_extern::Error,
        >
    }
}

const SINK_DOC: &str = "Writes the answer's body to `sink` as it arrives, whatever its size \
     (the client's download limit does not apply), and goes on with `Range` where a broken \
     connection stopped it, when the server serves ranges; an answer that is not a success is \
     the error it stands for, and nothing is written. See `kontur_extern::Client::download`.";

/// The endpoint client's `<method>_to(request, sink)`.
pub(crate) fn download_method(
    endpoint: &Endpoint,
    marker: &Ident,
    request: &Ident,
    method: &Ident,
) -> Option<TokenStream> {
    if !endpoint.streams() {
        return None;
    }
    let name = format_ident!("{method}_to");
    let downloaded = downloaded();
    let call = match endpoint.auth {
        Auth::Bearer => {
            quote!(self.inner.download_with::<#marker, W>(&*self.tokens, request, sink))
        }
        Auth::None => quote!(self.inner.download::<#marker, W>(request, sink)),
    };
    let doc = format!(" [`{method}`](Self::{method}), streamed. {SINK_DOC}");
    Some(quote! {
        #[doc = #doc]
        pub async fn #name<W>(&self, request: &#request, sink: &mut W) -> #downloaded
        where
            W: ::kontur_extern::__private::AsyncWrite + ::core::marker::Unpin + ?::core::marker::Sized,
        {
            #call.await
        }
    })
}

/// A service call's `send_to(sink)`.
pub(crate) fn send_to_method(
    endpoint: &Endpoint,
    module: &Ident,
    marker: &Ident,
) -> Option<TokenStream> {
    if !endpoint.streams() {
        return None;
    }
    let downloaded = downloaded();
    let doc = format!(" [`send`](Self::send), streamed. {SINK_DOC}");
    Some(quote! {
        #[doc = #doc]
        pub async fn send_to<W>(self, sink: &mut W) -> #downloaded
        where
            W: ::kontur_extern::__private::AsyncWrite + ::core::marker::Unpin + ?::core::marker::Sized,
        {
            self.api.download::<#module::#marker, W>(&self.request, sink).await
        }
    })
}

/// The service's generic `download`, beside its `send`.
pub(crate) fn service_download() -> TokenStream {
    let downloaded = downloaded();
    quote! {
        /// [`send`](Self::send), with the body of the answer written to
        /// `sink` as it arrives: see `kontur_extern::Client::download`.
        pub async fn download<E, W>(&self, request: &E::Request, sink: &mut W) -> #downloaded
        where
            E: ::kontur_extern::Endpoint,
            W: ::kontur_extern::__private::AsyncWrite + ::core::marker::Unpin + ?::core::marker::Sized,
        {
            if E::METADATA.auth == ::kontur_extern::Auth::Bearer {
                self.inner.download_with::<E, W>(&*self.tokens, request, sink).await
            } else {
                self.inner.download::<E, W>(request, sink).await
            }
        }
    }
}
