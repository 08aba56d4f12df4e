//! `impl Endpoint`: `METADATA`, `encode`, `decode` and `examples`,
//! assembled from what the other parts generate.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::endpoint::auth::auth_value;
use crate::endpoint::body::encode_body;
use crate::endpoint::errors::error_format;
use crate::endpoint::examples::example_expr;
use crate::endpoint::names::Names;
use crate::endpoint::outcomes::{decode_response, reply_type};
use crate::endpoint::params::encode_params;
use crate::model::Endpoint;
use crate::types::expand::TypeNaming;

/// `impl Endpoint for` the endpoint's marker type.
pub(crate) fn endpoint_impl(endpoint: &Endpoint, names: &Names, types: &TypeNaming) -> TokenStream {
    let Names {
        endpoint: marker,
        request,
        response,
        ..
    } = names;
    let name = &endpoint.name;
    let method = format_ident!("{}", endpoint.method.as_str());
    let path = &endpoint.path;
    let base_url = &endpoint.base_url;
    let docs_url = match &endpoint.docs_url {
        Some(url) => quote!(::core::option::Option::Some(#url)),
        None => quote!(::core::option::Option::None),
    };
    let status = endpoint.response.status;
    let content_type = &endpoint.response.content_type;

    let examples = endpoint
        .examples
        .iter()
        .map(|example| example_expr(endpoint, example, names, types));
    let encode_params = encode_params(endpoint);
    let encode_json = encode_body(endpoint);
    let error_format = error_format(endpoint);
    let auth = auth_value(endpoint);
    let binary_response = endpoint
        .outcomes
        .as_ref()
        .is_some_and(|outcomes| outcomes.listed.iter().any(|o| o.binary));
    let decode_body = decode_response(endpoint, names, types);
    let reply = reply_type(endpoint, response);

    let on_use = crate::on_use::on_use();
    quote! {
        impl ::kontur_extern::Endpoint for #marker {
            type Request = #request;
            type Response = #reply;

            const METADATA: ::kontur_extern::Metadata = ::kontur_extern::Metadata {
                name: #name,
                method: ::kontur_extern::__private::http::Method::#method,
                path: #path,
                default_base_url: #base_url,
                docs_url: #docs_url,
                success_status: #status,
                content_type: #content_type,
                error_format: #error_format,
                auth: #auth,
                binary_response: #binary_response,
            };

            #on_use
            fn encode_request(
                request: &Self::Request,
                base_url: &::kontur_extern::Url,
            ) -> ::core::result::Result<
                ::kontur_extern::__private::Encoded,
                ::kontur_extern::Error,
            > {
                let mut http = ::kontur_extern::__private::RequestEncoder::new(&Self::METADATA, base_url)?;
                #encode_json
                #encode_params
                http.finished()
            }

            #on_use
            fn decode_answer(
                response: ::kontur_extern::__private::Answer<'_>,
            ) -> ::core::result::Result<Self::Response, ::kontur_extern::Error> {
                #decode_body
            }

            #on_use
            fn examples() -> ::std::vec::Vec<::kontur_extern::Example<Self::Request>> {
                ::std::vec::Vec::from([ #( #examples ),* ])
            }
        }
    }
}
