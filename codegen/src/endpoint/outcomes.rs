//! What comes back: version 1's `response`, version 2's `responses`
//! (an outcome per documented status, "not found" as `None`), the headers
//! each captures, and the decoder that picks one. Runtime half: `decode.rs`.

use std::collections::HashSet;

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_saphyr::Spanned;
use syn::Ident;

use crate::diagnostic::Collector;
use crate::docs::{doc_attr, doc_lines};
use crate::endpoint::errors::error_format;
use crate::endpoint::names::{Names, check_field_name, check_snake_ident, generated_type_names};
use crate::ident::ident;
use crate::ident::{field_ident, field_name};
use crate::model::{
    Endpoint, ErrorFormat, Field, Header, Outcome, Outcomes, Param, Presence, Response,
};
use crate::scalar::{check_secret_type, check_type, fit, fit_json, rust_type, value_expr};
use crate::spec::{FieldSpec, HeaderSpec, OutcomeSpec, SpecFile};
use crate::types::expand::TypeNaming;
use crate::types::model::Ty;
use crate::wire::{BINARY_CONTENT_TYPE, JSON_CONTENT_TYPE, http_header_name_is_valid};
use crate::yaml::{Scalar, position_of};

/// Version 2's `responses`: statuses, names, bodies and headers of each
/// documented outcome.
pub(crate) fn check_outcomes(
    cx: &mut Collector,
    spec: &SpecFile,
    bodies: &[Option<Ty>],
    error: ErrorFormat,
    params: &[Param],
) -> Outcomes {
    let mut success: Vec<Outcome> = Vec::new();
    let mut not_found = false;
    let mut statuses: HashSet<Option<u16>> = HashSet::new();
    let named = spec
        .responses
        .iter()
        .filter(|o| o.not_found.is_none())
        .count()
        > 1;
    let reserved = generated_type_names(spec, params);
    let mut names = HashSet::new();
    for (index, outcome) in spec.responses.iter().enumerate() {
        let status_at = position_of(&outcome.status);
        let status = match &outcome.status.value {
            Scalar::Integer(code) if (200..300).contains(code) => Some(*code as u16),
            Scalar::String(text) if text.eq_ignore_ascii_case("2xx") => None,
            Scalar::Integer(404) if outcome.not_found.as_ref().is_some_and(|n| n.value) => {
                let has_body = bodies.get(index).is_some_and(Option::is_some);
                check_not_found(cx, outcome, has_body, error, not_found);
                not_found = true;
                continue;
            }
            other => {
                cx.error(
                    status_at,
                    format!(
                        "outcome status {other} is neither a success status (200 to 299, or `2xx` \
                         for any other), nor 404 with `not_found: true`; errors are decoded by \
                         the error format"
                    ),
                );
                continue;
            }
        };
        if let Some(flag) = &outcome.not_found
            && flag.value
        {
            cx.error(position_of(flag), "`not_found` goes with status 404 only");
            continue;
        }
        if !statuses.insert(status) {
            cx.error(status_at, "`responses` lists this status twice");
            continue;
        }
        let Some(name) = check_outcome_name(cx, outcome, named, &reserved, &mut names) else {
            continue;
        };
        let body = bodies.get(index).cloned().flatten();
        let binary = outcome.binary.as_ref().is_some_and(|b| b.value);
        if !check_outcome_content(cx, outcome, body.is_some(), binary) {
            continue;
        }
        let mut header_names = HashSet::new();
        if body.is_some() || binary {
            header_names.insert("body".to_owned());
        }
        let headers = outcome
            .headers
            .iter()
            .filter_map(|header| check_header(cx, header, &mut header_names, 2))
            .collect();
        success.push(Outcome {
            name,
            status,
            doc: outcome.doc.clone(),
            body,
            binary,
            headers,
        });
    }
    if success.is_empty() {
        cx.error(
            spec.responses.first().and_then(|o| position_of(&o.status)),
            "`responses` needs at least one success outcome (200 to 299, or `2xx`)",
        );
    }
    Outcomes { success, not_found }
}

/// The not-found outcome (404 with `not_found: true`): once, with the API's
/// error body, and nothing the call could return beside `None`.
fn check_not_found(
    cx: &mut Collector,
    outcome: &OutcomeSpec,
    has_body: bool,
    error: ErrorFormat,
    seen_before: bool,
) {
    let status_at = position_of(&outcome.status);
    if error != ErrorFormat::KonturApi {
        cx.error(
            status_at,
            "`not_found` reads a 404 with the API's error body as \"not found\"; it \
             needs `error: format: kontur_api`",
        );
    }
    if seen_before {
        cx.error(status_at, "`responses` lists the not-found 404 twice");
    }
    for (present, key) in [
        (has_body, "body"),
        (outcome.binary.as_ref().is_some_and(|b| b.value), "binary"),
        (!outcome.headers.is_empty(), "headers"),
        (outcome.name.is_some(), "name"),
    ] {
        if present {
            cx.error(
                status_at,
                format!("the not-found outcome has no `{key}`: the call returns `None`"),
            );
        }
    }
}

/// An outcome's name: `snake_case`, given when there are several, and a
/// Rust name that neither another outcome nor a generated type has.
fn check_outcome_name(
    cx: &mut Collector,
    outcome: &OutcomeSpec,
    named: bool,
    reserved: &[String],
    names: &mut HashSet<String>,
) -> Option<String> {
    let status_at = position_of(&outcome.status);
    let name = match &outcome.name {
        Some(name) => check_snake_ident(cx, name, "outcome name")?,
        None if named => {
            cx.error(
                status_at,
                "with several success outcomes each needs a `name` (`snake_case`), which \
                     names its variant of `Response`",
            );
            return None;
        }
        None => "ok".to_owned(),
    };
    let pascal = name.to_upper_camel_case();
    if named && reserved.contains(&pascal) {
        cx.error(
                outcome.name.as_ref().and_then(position_of),
                format!("outcome `{name}` would be the type `{pascal}`, which the generated code already uses; rename it"),
            );
        return None;
    }
    // Compared as the Rust names they become: `x1` and `x_1` are both `X1`.
    if !names.insert(pascal.clone()) {
        cx.error(
            outcome.name.as_ref().and_then(position_of),
            format!("two outcomes would both be named `{pascal}` in Rust; rename one"),
        );
        return None;
    }
    Some(name)
}

/// An outcome's body: raw bytes or JSON, not both, and a JSON body's
/// content type. `false` when the outcome is left out.
fn check_outcome_content(
    cx: &mut Collector,
    outcome: &OutcomeSpec,
    has_body: bool,
    binary: bool,
) -> bool {
    let status_at = position_of(&outcome.status);
    if binary && has_body {
        cx.error(
            status_at,
            "an outcome is `binary: true` (raw bytes) or has a JSON `body`, not both",
        );
        return false;
    }
    match (has_body, &outcome.content_type) {
        _ if binary => {}
        (true, None) => cx.error(
            status_at,
            "an outcome with a `body` needs `content_type: application/json`",
        ),
        (true, Some(content_type)) => {
            let essence = content_type.value.split(';').next().unwrap_or("");
            if essence.trim() != "application/json" {
                cx.error(
                    position_of(content_type),
                    format!(
                        "content type `{}` is not supported for a body; it must be \
                             `application/json`",
                        content_type.value
                    ),
                );
            }
        }
        (false, Some(content_type)) => cx.error(
            position_of(content_type),
            "`content_type` goes with a `body`; this outcome has none",
        ),
        (false, None) => {}
    }
    true
}

pub(crate) fn check_status(status: &Spanned<Scalar>) -> Result<u16, String> {
    match &status.value {
        Scalar::Integer(code @ 100..=599) => Ok(*code as u16),
        other => Err(format!(
            "status must be an HTTP status code from 100 to 599, such as 200; found {}",
            other.describe()
        )),
    }
}

pub(crate) fn check_response(cx: &mut Collector, spec: &SpecFile, version: u8) -> Response {
    let Some(response) = &spec.response else {
        // Version 2 with `responses`: `METADATA` names the first success.
        if spec.responses.is_empty() {
            cx.error(
                position_of(&spec.spec),
                "the spec needs `response` (one outcome) or `responses` (several)",
            );
        }
        let status = spec
            .responses
            .iter()
            .find_map(|outcome| match outcome.status.value {
                Scalar::Integer(code) if (200..300).contains(&code) => Some(code as u16),
                _ => None,
            })
            .unwrap_or(200);
        // What `Accept` asks for: a JSON outcome's type; raw bytes when the
        // only bodies are binary; JSON otherwise (errors are JSON).
        let binary = spec
            .responses
            .iter()
            .any(|outcome| outcome.binary.as_ref().is_some_and(|b| b.value));
        let content_type = spec
            .responses
            .iter()
            .filter(|outcome| !outcome.binary.as_ref().is_some_and(|b| b.value))
            .find_map(|outcome| outcome.content_type.as_ref().map(|c| c.value.clone()))
            .unwrap_or_else(|| {
                if binary {
                    BINARY_CONTENT_TYPE.to_owned()
                } else {
                    JSON_CONTENT_TYPE.to_owned()
                }
            });
        return Response {
            status,
            content_type,
            fields: Vec::new(),
            headers: Vec::new(),
            body: None,
        };
    };
    if let Some(first) = spec.responses.first() {
        cx.error(
            position_of(&first.status),
            "the spec has both `response` and `responses`; keep one",
        );
    }
    let status = check_status(&response.status).unwrap_or_else(|problem| {
        cx.error(position_of(&response.status), problem);
        200
    });
    if !(200..300).contains(&status) {
        cx.error(
            position_of(&response.status),
            format!("response status {status} is not a success status (200 to 299)"),
        );
    }
    let essence = response.content_type.value.split(';').next().unwrap_or("");
    if essence.trim() != "application/json" {
        cx.error(
            position_of(&response.content_type),
            format!(
                "response content type `{}` is not supported; version 1 decodes `application/json`",
                response.content_type.value
            ),
        );
    }

    let mut names = HashSet::new();
    let fields: Vec<Field> = response
        .fields
        .iter()
        .filter_map(|field| check_field(cx, field, &mut names))
        .collect();
    let headers = response
        .headers
        .iter()
        .filter_map(|header| check_header(cx, header, &mut names, version))
        .collect();
    Response {
        status,
        content_type: response.content_type.value.clone(),
        fields,
        headers,
        body: None,
    }
}

pub(crate) fn check_field(
    cx: &mut Collector,
    spec: &FieldSpec,
    names: &mut HashSet<String>,
) -> Option<Field> {
    if !check_field_name(cx, &spec.name, "response field") {
        return None;
    }
    if !names.insert(field_ident(&spec.name.value)) {
        cx.error(
            position_of(&spec.name),
            format!("duplicate response field `{}`", spec.name.value),
        );
        return None;
    }
    let ty = check_type(cx, &spec.ty, spec.values.as_ref(), 1)?;
    check_secret_type(cx, spec.secret, &ty, &spec.ty)?;
    Some(Field {
        name: spec.name.value.clone(),
        doc: spec.doc.clone(),
        ty,
        secret: spec.secret,
        optional: spec.optional,
        nullable: spec.nullable,
    })
}

pub(crate) fn check_header(
    cx: &mut Collector,
    spec: &HeaderSpec,
    names: &mut HashSet<String>,
    version: u8,
) -> Option<Header> {
    let field = check_snake_ident(cx, &spec.name, "response header field")?;
    if !names.insert(field.clone()) {
        cx.error(
            position_of(&spec.name),
            format!("`{field}` is already a response field; give the header another name"),
        );
        return None;
    }
    let mut header_names = Vec::new();
    for header in std::iter::once(&spec.header).chain(&spec.aliases) {
        if http_header_name_is_valid(&header.value) {
            header_names.push(header.value.clone());
        } else {
            cx.error(
                position_of(header),
                format!("`{}` is not a valid HTTP header name", header.value),
            );
        }
    }
    let ty = check_type(cx, &spec.ty, None, version)?;
    let presence = match (&spec.default, spec.optional) {
        (Some(default), true) => {
            cx.error(
                position_of(default),
                format!("header field `{field}` is optional and has a default; keep one"),
            );
            return None;
        }
        (Some(default), false) => match fit(&default.value, &ty) {
            Ok(value) => Presence::Default(value),
            Err(problem) => {
                cx.error(
                    position_of(default),
                    format!("default of `{field}`: {problem}"),
                );
                return None;
            }
        },
        (None, true) => Presence::Optional,
        (None, false) => Presence::Required,
    };
    (header_names.len() == 1 + spec.aliases.len()).then(|| Header {
        field,
        names: header_names,
        doc: spec.doc.clone(),
        ty,
        presence,
    })
}

/// Every way a documented JSON body disagrees with the declared fields.
pub(crate) fn body_misfits(
    json: &serde_json::Value,
    fields: &[Field],
    declared: &HashSet<String>,
) -> Vec<String> {
    let Some(object) = json.as_object() else {
        return vec!["is not a JSON object".to_owned()];
    };
    let mut problems = Vec::new();
    for field in fields {
        match object.get(&field.name) {
            None if !field.optional => problems.push(format!(
                "lacks required field `{}`; add it or mark the field `optional: true`",
                field.name
            )),
            None => {}
            Some(serde_json::Value::Null) if field.nullable => {}
            Some(value) => {
                if let Err(problem) = fit_json(value, &field.ty) {
                    problems.push(format!("field `{}`: {problem}", field.name));
                }
            }
        }
    }
    for key in object.keys() {
        if !declared.contains(key) {
            problems.push(format!(
                "has field `{key}`, which the response does not declare; declare it or remove it from the example"
            ));
        }
    }
    problems
}

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
/// success, otherwise its name in PascalCase (beside a derive, after the
/// endpoint's).
pub(crate) fn outcome_ident(outcomes: &Outcomes, outcome: &Outcome, names: &Names) -> Ident {
    if outcomes.success.len() == 1 {
        names.response.clone()
    } else {
        format_ident!(
            "{}{}",
            names.enum_prefix,
            outcome.name.to_upper_camel_case()
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
        let list = quote!(&[#( #header_names ),*]);
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
    quote! {
        impl ::core::ops::Deref for #ident {
            type Target = #ty;
            fn deref(&self) -> &#ty {
                &self.body
            }
        }
        impl ::core::ops::DerefMut for #ident {
            fn deref_mut(&mut self) -> &mut #ty {
                &mut self.body
            }
        }
        impl #ident {
            /// The body, without the response headers.
            #vis fn into_body(self) -> #ty {
                self.body
            }
        }
        impl ::kontur_extern::WithBody for #ident {
            type Body = #ty;
            fn into_body(self) -> #ty {
                self.body
            }
        }
    }
}

/// Version 2's `responses`: a struct per success outcome, and `Response`,
/// an enum of them when there are several.
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
    let structs = outcomes.success.iter().map(|outcome| {
        let ident = outcome_ident(outcomes, outcome, names);
        let body_ty = match &outcome.body {
            _ if outcome.binary => Some(quote!(::kontur_extern::Bytes)),
            Some(ty) => Some(types.rust(&endpoint.types, ty)),
            None => None,
        };
        let body = body_ty.as_ref().map(|ty| {
            let doc = if outcome.binary {
                "The body, as it came."
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
    if outcomes.success.len() == 1 {
        return structs;
    }
    let response = &names.response;
    let variants = outcomes.success.iter().map(|outcome| {
        let variant = format_ident!("{}", outcome.name.to_upper_camel_case());
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
/// says, "not found" as `None`, any other status as an error.
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
        let value = if outcomes.success.len() == 1 {
            value
        } else {
            let variant = format_ident!("{}", outcome.name.to_upper_camel_case());
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
    let exact = outcomes.success.iter().filter_map(|outcome| {
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
    let other_success = match outcomes.success.iter().find(|o| o.status.is_none()) {
        Some(outcome) => {
            let arm = arm(outcome);
            quote!(200..=299 => #arm,)
        }
        None => quote!(200..=299 => ::core::result::Result::Err(incoming.undocumented()),),
    };
    let open = if outcomes.success.iter().any(|o| o.binary) {
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
