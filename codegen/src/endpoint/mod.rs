//! One endpoint spec, by the parts of its HTTP exchange. Each part holds
//! its checks (the spec in, its part of the [`Endpoint`] model out, every
//! problem reported) and then its generated code (the model in, tokens
//! out): a new kind of paging, outcome or body is one file here, plus its
//! runtime half.
//!
//! | part | checks and generates | runtime half |
//! |---|---|---|
//! | `names` | the endpoint's name, generated type names, enum names | |
//! | `route` | method, base URL, path and its `{template}` | `encode.rs`, `endpoint.rs` |
//! | `params` | query, header, form and path parameters; `Request`, `Required` | `encode.rs`, `wire.rs` |
//! | `body` | the request body's encoding (form, JSON, binary) | `encode.rs`, `json.rs` |
//! | `errors` | the error format and an example's error body | `error.rs`, `api_error.rs` |
//! | `outcomes` | `response` or `responses`, their headers, `not_found`, decoding | `decode.rs` |
//! | `paging` | `paging:` and the stream of every item | `paging.rs` |
//! | `auth` | `auth:` and the bearer client | `token.rs`, `client.rs` |
//! | `examples` | the documented exchanges, checked and written out | `example.rs`, `replay.rs` |
//! | `client` | the endpoint's client struct and method | `client.rs` |
//! | `endpoint_impl` | `impl Endpoint`, assembled from what the parts give | `endpoint.rs` |
//!
//! This file runs the parts in order ([`check_with`], [`expand`]) and
//! resolves every JSON body into the one type space (`check_types`).
//!
//! Imports run one way, down the table (a part may ask the parts above
//! it), as `layers.rs` lists them and its test enforces. A part's check
//! reads the spec and writes the model; its code reads the model only,
//! never the spec file or the collector.

pub(crate) mod auth;
pub(crate) mod body;
pub(crate) mod chunks;
mod client;
mod endpoint_impl;
mod errors;
mod examples;
pub(crate) mod names;
mod outcomes;
pub(crate) mod paging;
pub(crate) mod params;
mod route;
pub(crate) mod stream;
pub(crate) mod task;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ext::IdentExt;

use crate::diagnostic::{Collector, Diagnostics};
use crate::docs::doc_lines;
use crate::endpoint::auth::{check_auth, token_response};
use crate::endpoint::body::{check_body_type, check_encoding};
use crate::endpoint::client::client;
use crate::endpoint::endpoint_impl::endpoint_impl;
use crate::endpoint::errors::check_format;
use crate::endpoint::examples::{V2Example, check_examples};
use crate::endpoint::names::{
    Names, check_endpoint_name, check_enum_names, enums, reserved_type_names, type_naming,
};
use crate::endpoint::outcomes::{
    check_body_header, check_outcomes, check_response, outcome_types, response_struct,
};
use crate::endpoint::paging::check_paging;
use crate::endpoint::params::{check_params, request_struct};
use crate::endpoint::route::{check_method, check_path, check_path_template, check_url};
use crate::ident::ident;
use crate::model::{BodyEncoding, Endpoint, Method, Param, Request, Response};
use crate::spec::SpecFile;
use crate::types::SharedTypes;
use crate::types::model::{Ty, TypeSpace};
use crate::types::resolve::Resolver;
use crate::yaml::position_of;

pub use self::names::Naming;

/// Checks a parsed spec. Returns the model built from its sound parts and
/// the problems found; the model is only trustworthy when there are none.
pub fn check(file: &str, spec: SpecFile) -> (Endpoint, Result<(), Diagnostics>) {
    check_with(file, spec, &[])
}

/// [`check`] for a spec whose `use:` files have been read (and checked on
/// their own): their named types are visible to it.
pub fn check_with(
    file: &str,
    spec: SpecFile,
    shared: &[SharedTypes],
) -> (Endpoint, Result<(), Diagnostics>) {
    let mut cx = Collector::new(file);

    let version = check_version(&mut cx, &spec);

    let endpoint = &spec.endpoint;
    let name = check_endpoint_name(&mut cx, &endpoint.name);
    let method = check_method(&mut cx, &endpoint.method);
    let base_url = check_url(&mut cx, &endpoint.base_url, "base_url").unwrap_or_default();
    check_path(&mut cx, &endpoint.path);
    let auth = check_auth(&mut cx, &spec);
    let docs_url = endpoint
        .docs_url
        .as_ref()
        .and_then(|url| check_url(&mut cx, url, "docs_url"));

    let body = check_encoding(&mut cx, &spec, version);

    let params = check_params(&mut cx, &spec.request.params, version);
    if version == 2 {
        check_path_template(&mut cx, &spec.endpoint.path, &spec.request.params, &params);
    }
    let response = check_response(&mut cx, &spec, version);
    check_enum_names(&mut cx, &spec, &params, &response);
    let error = check_format(&mut cx, &spec, version);
    let v2_types = if version == 2 {
        check_types(&mut cx, &spec, shared, &params, body)
    } else {
        V2Types::default()
    };
    let V2Types {
        space: types,
        json,
        response_body,
        outcome_bodies,
        sound: types_sound,
    } = v2_types;
    let response = Response {
        body: response_body,
        ..response
    };
    let before_outcomes = cx.count();
    let outcomes = (version == 2 && !spec.responses.is_empty())
        .then(|| check_outcomes(&mut cx, &spec, &outcome_bodies, error, &params));
    let paging = spec.paging.as_ref().and_then(|paging| {
        check_paging(
            &mut cx,
            paging,
            &params,
            &types,
            (json.as_ref(), response.body.as_ref()),
            !spec.responses.is_empty(),
        )
    });
    let task = spec.task.as_ref().and_then(|task| {
        let answers = crate::endpoint::task::Answers {
            space: &types,
            body: response.body.as_ref(),
            outcomes: outcomes.as_ref(),
        };
        crate::endpoint::task::check_task(&mut cx, task, &answers)
    });
    let chunks = spec.chunks.as_ref().and_then(|chunks| {
        let answers = crate::endpoint::task::Answers {
            space: &types,
            body: response.body.as_ref(),
            outcomes: outcomes.as_ref(),
        };
        crate::endpoint::chunks::check_chunks(&mut cx, chunks, body, &params, &answers)
    });
    // As for types: examples are not checked against outcomes that have
    // problems of their own, which would only be reported again.
    let types_sound = types_sound && cx.count() == before_outcomes;

    let context = V2Example {
        space: &types,
        json: json.as_ref(),
        text: &spec.text,
        version,
        sound: types_sound,
        outcomes: outcomes.as_ref(),
        error,
        binary_body: body == BodyEncoding::Binary,
    };
    let examples = check_examples(&mut cx, &spec, &params, &response, &context);

    let endpoint = Endpoint {
        name: name.unwrap_or_else(|| "endpoint".to_owned()),
        summary: endpoint.summary.trim().to_owned(),
        doc: endpoint.doc.clone(),
        docs_url,
        method: method.unwrap_or(Method::Post),
        base_url,
        path: endpoint.path.value.clone(),
        request: Request { body, params, json },
        response,
        error,
        examples,
        version,
        types,
        outcomes,
        auth,
        paging,
        task,
        chunks,
    };
    (endpoint, cx.finish())
}

/// `spec:`, 1 or 2; an unknown version is read as version 1's keys.
fn check_version(cx: &mut Collector, spec: &SpecFile) -> u8 {
    if !matches!(spec.spec.value, 1 | 2) {
        cx.error(
            position_of(&spec.spec),
            format!(
                "unsupported spec version {}; this generator reads `spec: 1` and `spec: 2`",
                spec.spec.value
            ),
        );
    }
    if spec.spec.value == 2 { 2 } else { 1 }
}

/// Version 2's types, resolved: the type space and the bodies' types.
#[derive(Default)]
pub(crate) struct V2Types {
    pub(crate) space: TypeSpace,
    pub(crate) json: Option<Ty>,
    pub(crate) response_body: Option<Ty>,
    /// The type of each outcome's body in `responses`, in order.
    pub(crate) outcome_bodies: Vec<Option<Ty>>,
    /// No problem in the types themselves.
    pub(crate) sound: bool,
}

/// Version 2: the named types, the request's JSON body and the response
/// body, resolved into one type space.
pub(crate) fn check_types(
    cx: &mut Collector,
    spec: &SpecFile,
    shared: &[SharedTypes],
    params: &[Param],
    body: BodyEncoding,
) -> V2Types {
    let nodes = &spec.v2;
    check_body_type(cx, spec, body);
    check_body_header(cx, spec);
    let reserved = reserved_type_names(spec, params);

    let before = cx.count();
    let mut resolver = Resolver::with_shared(cx, shared);
    resolver.add_named(&nodes.types);
    let json = nodes
        .request_json
        .as_ref()
        .and_then(|node| resolver.convert_root(node, "RequestBody", "the request body"));
    let response_body = nodes
        .response_body
        .as_ref()
        .and_then(|node| resolver.convert_root(node, "ResponseBody", "the response body"));
    let outcome_bodies: Vec<Option<Ty>> = nodes
        .outcome_bodies
        .iter()
        .enumerate()
        .map(|(index, node)| {
            let node = node.as_ref()?;
            let owner = spec.responses[index].name.as_ref().map_or_else(
                || "ResponseBody".to_owned(),
                |name| format!("{}Body", crate::ident::upper_camel_case(&name.value)),
            );
            resolver.convert_root(node, &owner, "an outcome's body")
        })
        .collect();
    let reserved: Vec<&str> = reserved.iter().map(String::as_str).collect();
    resolver.reserve(&reserved);
    let mut roots = Vec::new();
    if let (Some(ty), Some(node)) = (&json, &nodes.request_json) {
        roots.push((ty, node.at));
    }
    if let (Some(ty), Some(node)) = (&response_body, &nodes.response_body) {
        roots.push((ty, node.at));
    }
    for (ty, node) in outcome_bodies.iter().zip(&nodes.outcome_bodies) {
        if let (Some(ty), Some(node)) = (ty, node) {
            roots.push((ty, node.at));
        }
    }
    let space = resolver.finish(&roots);
    // Examples are checked only against sound types: a field left out for
    // its own problem is not reported again as an undeclared key.
    let sound = cx.count() == before;
    V2Types {
        space,
        json,
        response_body,
        outcome_bodies,
        sound,
    }
}

/// Options for one expansion.
#[derive(Clone)]
pub struct Options {
    pub naming: Naming,
    /// Absolute path of the spec, for `include_str!` so that the consuming
    /// crate rebuilds when the YAML changes; `None` in snapshots.
    pub rebuild_path: Option<String>,
}

/// Generates the items for one endpoint.
pub fn expand(endpoint: &Endpoint, options: &Options) -> TokenStream {
    let names = match &options.naming {
        Naming::Module => Names::module(endpoint),
        Naming::Beside { endpoint, .. } => Names {
            endpoint: endpoint.clone(),
            // `format_ident!` and `unraw` drop the `r#` of a raw identifier.
            request: format_ident!("{}Request", endpoint),
            required: format_ident!("{}Required", endpoint),
            response: format_ident!("{}Response", endpoint),
            client: format_ident!("{}Client", endpoint),
            enum_prefix: endpoint.unraw().to_string(),
        },
    };

    let rebuild = options.rebuild_path.as_ref().map(|path| {
        quote! { const _: &str = ::core::include_str!(#path); }
    });
    let marker = match options.naming {
        Naming::Module => {
            let doc = format!(
                "The `{} {}` endpoint; implements [`Endpoint`](::kontur_extern::Endpoint).",
                endpoint.method.as_str(),
                endpoint.path
            );
            let ident = &names.endpoint;
            let doc = doc_lines(&doc);
            Some(quote! {
                #doc
                #[derive(Clone, Copy, Debug, Default)]
                pub struct #ident;
            })
        }
        Naming::Beside { .. } => None,
    };
    let vis = match &options.naming {
        Naming::Module => quote!(pub),
        Naming::Beside { vis, .. } => quote!(#vis),
    };

    let enums = enums(endpoint, &names, &vis);
    let type_naming = type_naming(&options.naming, &vis);
    let types = crate::types::expand::items(&endpoint.types, &type_naming);
    let request = request_struct(endpoint, &names, &vis, &type_naming);
    let response = match &endpoint.outcomes {
        Some(outcomes) => outcome_types(endpoint, outcomes, &names, &vis, &type_naming),
        None => response_struct(endpoint, &names, &vis, &type_naming),
    };
    let endpoint_impl = endpoint_impl(endpoint, &names, &type_naming);
    let client = client(endpoint, &names, &vis, &type_naming);
    let token_response = token_response(endpoint, &names);

    let items = quote! {
        #rebuild
        #marker
        #request
        #response
        #enums
        #types
        #endpoint_impl
        #token_response
        #client
    };
    match options.naming {
        Naming::Module => {
            let module = ident(&endpoint.name);
            let doc = doc_lines(&module_doc(endpoint));
            quote! {
                #doc
                pub mod #module {
                    #items
                }
            }
        }
        Naming::Beside { .. } => items,
    }
}

pub(crate) fn module_doc(endpoint: &Endpoint) -> String {
    let mut doc = format!(
        "`{} {}`: {}",
        endpoint.method.as_str(),
        endpoint.path,
        endpoint.summary
    );
    if let Some(text) = &endpoint.doc {
        doc.push_str("\n\n");
        doc.push_str(text.trim_end());
    }
    if let Some(url) = &endpoint.docs_url {
        doc.push_str(&format!("\n\nDocumentation: <{url}>"));
    }
    doc
}
