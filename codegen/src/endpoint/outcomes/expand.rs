//! The generated half of outcomes: a struct per outcome (with `Deref` to
//! its body), `Response` as their enum or `Option`, and `decode`, which
//! picks the outcome by status and reads its body and headers.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use crate::docs::{doc_attr, doc_lines};
use crate::endpoint::errors::error_format;
use crate::endpoint::names::Names;

/// The header the runtime reads itself (`kontur_extern::TRACE_ID_HEADER`).
const TRACE_ID_HEADER: &str = "X-Kontur-Trace-Id";
use crate::ident::field_name;
use crate::ident::ident;
use crate::model::{Endpoint, Field, Header, Outcome, Outcomes, Presence};
use crate::scalar::{rust_type, value_expr};
use crate::types::expand::TypeNaming;

pub(crate) fn field_type(field: &Field, names: &Names) -> TokenStream {
    let ty = rust_type(&field.ty, field.secret, || names.enum_path(&field.name));
    if field.optional || field.nullable {
        quote!(::core::option::Option<#ty>)
    } else {
        ty
    }
}

pub(crate) fn header_type(header: &Header, names: &Names) -> TokenStream {
    let ty = rust_type(&header.ty, false, || names.enum_path(&header.field));
    match header.presence {
        Presence::Optional => quote!(::core::option::Option<#ty>),
        _ => ty,
    }
}

pub(crate) fn response_struct(
    endpoint: &Endpoint,
    names: &Names,
    vis: &TokenStream,
    types: &TypeNaming,
) -> TokenStream {
    let response = &names.response;
    let body = endpoint.response.body.as_ref().map(|ty| {
        let ty = types.rust(&endpoint.types, ty);
        quote! {
            /// The JSON body.
            pub body: #ty,
        }
    });
    let doc = format!(
        "Successful response of `{} {}` (HTTP {}).",
        endpoint.method.as_str(),
        endpoint.path,
        endpoint.response.status
    );
    let fields = endpoint.response.fields.iter().map(|field| {
        let doc = doc_attr(field.doc.as_deref(), || {
            format!("The `{}` field of the response body.", field.name)
        });
        let ident = field_name(&field.name);
        let ty = field_type(field, names);
        quote! { #doc pub #ident: #ty, }
    });
    let headers = header_fields(&endpoint.response.headers, names);
    let doc = doc_lines(&doc);
    let access = endpoint
        .response
        .body
        .as_ref()
        .map(|ty| body_access(response, &types.rust(&endpoint.types, ty), vis))
        .unwrap_or_default();
    quote! {
        #doc
        #[derive(Clone, Debug)]
        #vis struct #response {
            #body
            #( #fields )*
            #( #headers )*
        }
        #access
    }
}

/// What a call returns: the response, or `Option` of it when the spec
/// documents "not found".
pub(crate) fn reply_type(endpoint: &Endpoint, response: &Ident) -> TokenStream {
    match &endpoint.outcomes {
        Some(outcomes) if outcomes.not_found => quote!(::core::option::Option<#response>),
        _ => quote!(#response),
    }
}

/// The Rust name of one outcome's struct: `Response` when it is the only
/// outcome, otherwise its name in PascalCase (beside a derive, after the
/// endpoint's).
pub(crate) fn outcome_ident(outcomes: &Outcomes, outcome: &Outcome, names: &Names) -> Ident {
    if outcomes.listed.len() == 1 {
        names.response.clone()
    } else {
        format_ident!(
            "{}{}",
            names.enum_prefix,
            crate::ident::upper_camel_case(&outcome.name)
        )
    }
}

/// The fields of a struct for captured response headers.
pub(crate) fn header_fields<'a>(
    headers: &'a [Header],
    names: &'a Names,
) -> impl Iterator<Item = TokenStream> + 'a {
    headers.iter().map(move |header| {
        let mut doc = header.doc.clone().unwrap_or_default();
        let list: Vec<String> = header.names.iter().map(|n| format!("`{n}`")).collect();
        doc.push_str(&format!(
            "\n\nFrom the response header {}.",
            list.join(" or ")
        ));
        let ident = ident(&header.field);
        let ty = header_type(header, names);
        let doc = doc_lines(&doc);
        quote! { #doc pub #ident: #ty, }
    })
}

/// Reading captured headers with the decoder named `body`.
pub(crate) fn header_decoders<'a>(
    headers: &'a [Header],
    names: &'a Names,
) -> impl Iterator<Item = TokenStream> + 'a {
    headers.iter().map(move |header| {
        let ident = ident(&header.field);
        let header_names = &header.names;
        let lower = header_names.iter().map(|name| name.to_ascii_lowercase());
        let count = header_names.len();
        // Parsed once, not on every response (a static: a header name may
        // hold shared bytes, which a const cannot lend); the trace id,
        // which nearly every endpoint reads, is the runtime's.
        let list = if header_names.len() == 1 && header_names[0] == TRACE_ID_HEADER {
            quote!(&::kontur_extern::__private::TRACE_ID_KEY)
        } else {
            quote!({
                static KEYS: [::kontur_extern::__private::HeaderKey; #count] = [
                    #( ::kontur_extern::__private::HeaderKey::new(#header_names, #lower) ),*
                ];
                &KEYS
            })
        };
        match &header.presence {
            Presence::Required => quote!(#ident: body.header(#list)?,),
            Presence::Optional => quote!(#ident: body.optional_header(#list)?,),
            Presence::Default(value) => {
                let default = value_expr(value, &header.ty, false, &|| {
                    names.enum_ident(&header.field)
                });
                quote!(#ident: body.header_or_else(#list, || #default),)
            }
        }
    })
}

/// An outcome with a body reads like its body: `Deref` to it, as
/// progenitor's `ResponseValue` does, and `into_body` to own it, so that a
/// caller writes `reply.id`, not `reply.body.id`. The response headers stay
/// fields beside it (a body field of the same name is reached as
/// `reply.body.name`). `WithBody` lets `Reply::into_body` reach it too.
pub(crate) fn body_access(ident: &Ident, ty: &TokenStream, vis: &TokenStream) -> TokenStream {
    let on_use = crate::on_use::on_use();
    quote! {
        impl ::core::ops::Deref for #ident {
            type Target = #ty;
            #on_use
            fn deref(&self) -> &#ty {
                &self.body
            }
        }
        impl ::core::ops::DerefMut for #ident {
            #on_use
            fn deref_mut(&mut self) -> &mut #ty {
                &mut self.body
            }
        }
        impl #ident {
            /// The body, without the response headers.
            #on_use
            #vis fn into_body(self) -> #ty {
                self.body
            }
        }
        impl ::kontur_extern::WithBody for #ident {
            type Body = #ty;
            #on_use
            fn into_body(self) -> #ty {
                self.body
            }
        }
    }
}

/// Version 2's `responses`: a struct per outcome, and `Response`, an enum
/// of them when there are several.
pub(crate) fn outcome_types(
    endpoint: &Endpoint,
    outcomes: &Outcomes,
    names: &Names,
    vis: &TokenStream,
    types: &TypeNaming,
) -> TokenStream {
    let status_text = |outcome: &Outcome| match outcome.status {
        Some(status) => format!("HTTP {status}"),
        None => "any other success status".to_owned(),
    };
    let structs = outcomes.listed.iter().map(|outcome| {
        let ident = outcome_ident(outcomes, outcome, names);
        let body_ty = match &outcome.body {
            _ if outcome.binary => Some(quote!(::kontur_extern::Bytes)),
            _ if outcome.text => Some(quote!(::std::string::String)),
            Some(ty) => Some(types.rust(&endpoint.types, ty)),
            None => None,
        };
        let body = body_ty.as_ref().map(|ty| {
            let doc = if outcome.binary {
                "The body, as it came."
            } else if outcome.text {
                "The body, as text (UTF-8)."
            } else {
                "The JSON body."
            };
            quote! {
                #[doc = #doc]
                pub body: #ty,
            }
        });
        let access = body_ty
            .as_ref()
            .map(|ty| body_access(&ident, ty, vis))
            .unwrap_or_default();
        let headers = header_fields(&outcome.headers, names);
        let mut doc = format!(
            "Outcome `{}` of `{} {}` ({}).",
            outcome.name,
            endpoint.method.as_str(),
            endpoint.path,
            status_text(outcome)
        );
        if let Some(text) = &outcome.doc {
            doc.push_str("\n\n");
            doc.push_str(text);
        }
        if outcome.at_error_status() {
            doc.push_str("\n\n");
            doc.push_str(super::error_status::DOC);
        }
        let doc = doc_lines(&doc);
        quote! {
            #doc
            #[derive(Clone, Debug)]
            #vis struct #ident {
                #body
                #( #headers )*
            }
            #access
        }
    });
    let structs: TokenStream = structs.collect();
    if outcomes.listed.len() == 1 {
        return structs;
    }
    let response = &names.response;
    let variants = outcomes.listed.iter().map(|outcome| {
        let variant = format_ident!("{}", crate::ident::upper_camel_case(&outcome.name));
        let ident = outcome_ident(outcomes, outcome, names);
        let doc = doc_lines(&format!("`{}`: {}.", outcome.name, status_text(outcome)));
        quote! { #doc #variant(#ident), }
    });
    let doc = doc_lines(&format!(
        "The documented outcomes of `{} {}`: which one came.",
        endpoint.method.as_str(),
        endpoint.path
    ));
    quote! {
        #structs

        #doc
        #[derive(Clone, Debug)]
        #vis enum #response {
            #( #variants )*
        }
    }
}

/// `decode` for `responses`: each documented status read as its outcome
/// says (an outcome at an error status falls back to the error), "not
/// found" as `None`, any other status as an error.
pub(crate) fn decode_outcomes(
    endpoint: &Endpoint,
    outcomes: &Outcomes,
    names: &Names,
    types: &TypeNaming,
) -> TokenStream {
    let error_format = error_format(endpoint);
    let keys = endpoint.types.secret_keys();
    let response = &names.response;
    let arm = |outcome: &Outcome| {
        let ident = outcome_ident(outcomes, outcome, names);
        let decoder = if outcome.headers.is_empty() {
            quote!(_)
        } else {
            quote!(body)
        };
        let (open, body_field) = match &outcome.body {
            _ if outcome.binary => (
                quote!(let (#decoder, bytes) = incoming.bytes();),
                Some(quote!(body: bytes,)),
            ),
            _ if outcome.text => (
                quote!(let (#decoder, text) = incoming.text()?;),
                Some(quote!(body: text,)),
            ),
            Some(ty) if outcome.at_error_status() => {
                let ty = types.rust(&endpoint.types, ty);
                (
                    super::error_status::open_body(&decoder, &ty, &keys, &error_format),
                    Some(quote!(body: json,)),
                )
            }
            Some(ty) => {
                let ty = types.rust(&endpoint.types, ty);
                (
                    quote!(let (#decoder, json) = incoming.json::<#ty>(&[#( #keys ),*])?;),
                    Some(quote!(body: json,)),
                )
            }
            None => (quote!(let #decoder = incoming.empty();), None),
        };
        let headers = header_decoders(&outcome.headers, names);
        let value = quote!(#ident { #body_field #( #headers )* });
        let value = if outcomes.listed.len() == 1 {
            value
        } else {
            let variant = format_ident!("{}", crate::ident::upper_camel_case(&outcome.name));
            quote!(#response::#variant(#value))
        };
        let value = if outcomes.not_found {
            quote!(::core::option::Option::Some(#value))
        } else {
            value
        };
        quote! {{
            #open
            ::core::result::Result::Ok(#value)
        }}
    };
    let exact = outcomes.listed.iter().filter_map(|outcome| {
        let status = outcome.status?;
        let arm = arm(outcome);
        Some(quote!(#status => #arm,))
    });
    let not_found = outcomes.not_found.then(|| {
        quote! {
            404 => {
                incoming.not_found(#error_format)?;
                ::core::result::Result::Ok(::core::option::Option::None)
            }
        }
    });
    let other_success = match outcomes.listed.iter().find(|o| o.status.is_none()) {
        Some(outcome) => {
            let arm = arm(outcome);
            quote!(200..=299 => #arm,)
        }
        None => quote!(200..=299 => ::core::result::Result::Err(incoming.undocumented()),),
    };
    let open = if outcomes.listed.iter().any(|o| o.binary) {
        quote!(let incoming = ::kontur_extern::__private::Incoming::binary(response)?;)
    } else {
        quote!(let incoming = ::kontur_extern::__private::Incoming::new(response)?;)
    };
    quote! {
        #open
        match incoming.status() {
            #( #exact )*
            #not_found
            #other_success
            _ => ::core::result::Result::Err(incoming.error(#error_format)),
        }
    }
}

/// `decode`'s body: version 2's outcomes, or version 1's (and version 2's
/// `response`) one response with its fields and headers.
pub(crate) fn decode_response(
    endpoint: &Endpoint,
    names: &Names,
    types: &TypeNaming,
) -> TokenStream {
    let response = &names.response;
    let error_format = error_format(endpoint);
    // Version 1's fields: their values taken out of the body in one pass,
    // by their place in `with_fields`' list.
    let decode_fields = endpoint
        .response
        .fields
        .iter()
        .enumerate()
        .map(|(at, field)| {
            let ident = field_name(&field.name);
            let wire = &field.name;
            let at = proc_macro2::Literal::usize_unsuffixed(at);
            let value = quote!(fields[#at].take());
            if field.optional || field.nullable {
                let (optional, nullable) = (field.optional, field.nullable);
                quote!(#ident: body.optional_field(#wire, #value, #optional, #nullable)?,)
            } else {
                quote!(#ident: body.field(#wire, #value)?,)
            }
        });
    let wires = endpoint.response.fields.iter().map(|field| &field.name);
    let decode_headers = header_decoders(&endpoint.response.headers, names);

    // The decoder reads the fields and headers; with neither, only the
    // JSON body is kept (a bound `body` would be an unused variable).
    let reads = if endpoint.response.fields.is_empty() && endpoint.response.headers.is_empty() {
        quote!(_)
    } else {
        quote!(body)
    };
    let open_body = match &endpoint.response.body {
        Some(ty) => {
            let ty = types.rust(&endpoint.types, ty);
            let keys = endpoint.types.secret_keys();
            quote! {
                let (#reads, json) = ::kontur_extern::__private::ResponseDecoder::with_json_body::<#ty>(
                    response,
                    &[#( #keys ),*],
                    #error_format,
                )?;
            }
        }
        None if endpoint.response.fields.is_empty() => quote! {
            let (#reads, _) = ::kontur_extern::__private::ResponseDecoder::with_fields(response, [])?;
        },
        None => quote! {
            let (body, mut fields) = ::kontur_extern::__private::ResponseDecoder::with_fields(
                response,
                [#( #wires ),*],
            )?;
        },
    };
    let body_field = endpoint.response.body.as_ref().map(|_| quote!(body: json,));
    match &endpoint.outcomes {
        Some(outcomes) => decode_outcomes(endpoint, outcomes, names, types),
        None => quote! {
            #open_body
            ::core::result::Result::Ok(#response {
                #body_field
                #( #decode_fields )*
                #( #decode_headers )*
            })
        },
    }
}
