//! `impl Endpoint`: `METADATA`, `encode`, `decode` and `examples`,
//! assembled from what the other parts generate.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::endpoint::errors::error_format;
use crate::endpoint::examples::example_expr;
use crate::endpoint::names::Names;
use crate::endpoint::outcomes::{decode_outcomes, header_decoders, reply_type};
use crate::ident::field_name;
use crate::model::{Auth, BodyEncoding, Endpoint, ParamKind, ParamLocation, Presence, Type};
use crate::types::expand::TypeNaming;

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

    let encode_params = endpoint.request.params.iter().map(|param| {
        let wire = &param.name;
        let put = match param.location {
            ParamLocation::Path => quote!(path),
            ParamLocation::Body => quote!(form),
            ParamLocation::Query => quote!(query),
            ParamLocation::Header => quote!(header),
        };
        match &param.kind {
            ParamKind::Constant(value) => {
                let text = value.to_wire();
                quote!(http.#put(#wire, #text);)
            }
            ParamKind::Caller {
                presence,
                ty: Type::List(_),
                ..
            } => {
                // Each element as a repeated key: `type=a&type=b`.
                let ident = field_name(&param.name);
                match presence {
                    Presence::Optional => quote! {
                        if let ::core::option::Option::Some(values) = &request.#ident {
                            for value in values {
                                http.#put(#wire, value);
                            }
                        }
                    },
                    _ => quote! {
                        for value in &request.#ident {
                            http.#put(#wire, value);
                        }
                    },
                }
            }
            ParamKind::Caller { presence, .. } => {
                let ident = field_name(&param.name);
                match presence {
                    Presence::Optional => quote! {
                        if let ::core::option::Option::Some(value) = &request.#ident {
                            http.#put(#wire, value);
                        }
                    },
                    _ => quote!(http.#put(#wire, &request.#ident);),
                }
            }
        }
    });

    let decode_fields = endpoint.response.fields.iter().map(|field| {
        let ident = field_name(&field.name);
        let wire = &field.name;
        if field.optional || field.nullable {
            let (optional, nullable) = (field.optional, field.nullable);
            quote!(#ident: body.optional_field(#wire, #optional, #nullable)?,)
        } else {
            quote!(#ident: body.field(#wire)?,)
        }
    });
    let decode_headers = header_decoders(&endpoint.response.headers, names);

    let examples = endpoint
        .examples
        .iter()
        .map(|example| example_expr(endpoint, example, names, types));
    let encode_json = match endpoint.request.body {
        BodyEncoding::Binary => Some(quote!(http.binary(&request.body);)),
        _ => endpoint
            .request
            .json
            .as_ref()
            .map(|_| quote!(http.json(&request.body);)),
    };
    let error_format = error_format(endpoint);
    let open_body = match &endpoint.response.body {
        Some(ty) => {
            let ty = types.rust(&endpoint.types, ty);
            let keys = endpoint.types.secret_keys();
            quote! {
                let (body, json) = ::kontur_extern::__private::ResponseDecoder::with_json_body::<#ty>(
                    response,
                    &[#( #keys ),*],
                    #error_format,
                )?;
            }
        }
        None => quote! {
            let body = ::kontur_extern::__private::ResponseDecoder::new(response)?;
        },
    };
    let body_field = endpoint.response.body.as_ref().map(|_| quote!(body: json,));
    let auth = match endpoint.auth {
        Auth::None => quote!(::kontur_extern::Auth::None),
        Auth::Bearer => quote!(::kontur_extern::Auth::Bearer),
    };
    let binary_response = endpoint
        .outcomes
        .as_ref()
        .is_some_and(|outcomes| outcomes.success.iter().any(|o| o.binary));
    let decode_body = match &endpoint.outcomes {
        Some(outcomes) => decode_outcomes(endpoint, outcomes, names, types),
        None => quote! {
            #open_body
            ::core::result::Result::Ok(#response {
                #body_field
                #( #decode_fields )*
                #( #decode_headers )*
            })
        },
    };
    let reply = reply_type(endpoint, response);

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

            fn encode(
                request: &Self::Request,
                base_url: &::kontur_extern::Url,
            ) -> ::core::result::Result<
                ::kontur_extern::__private::http::Request<::std::vec::Vec<u8>>,
                ::kontur_extern::Error,
            > {
                let mut http = ::kontur_extern::__private::RequestEncoder::new(&Self::METADATA, base_url)?;
                #encode_json
                #( #encode_params )*
                http.finish()
            }

            fn decode(
                response: ::kontur_extern::__private::http::Response<::std::vec::Vec<u8>>,
            ) -> ::core::result::Result<Self::Response, ::kontur_extern::Error> {
                #decode_body
            }

            fn examples() -> ::std::vec::Vec<::kontur_extern::Example<Self::Request>> {
                ::std::vec::Vec::from([ #( #examples ),* ])
            }
        }
    }
}
