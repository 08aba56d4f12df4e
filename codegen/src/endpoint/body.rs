//! The request body beside the parameters: form, JSON or binary. Runtime
//! half: `encode.rs`, `json.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostic::Collector;
use crate::ident::field_ident;
use crate::model::{BodyEncoding, Endpoint};
use crate::spec::{ParamSpec, SpecFile};
use crate::types::expand::TypeNaming;
use crate::yaml::position_of;

/// Beside a JSON or binary body: no form fields, no parameter whose Rust
/// field would be `body`, and (JSON) no `Content-Type` header parameter.
pub(crate) fn check_params_beside_body(cx: &mut Collector, params: &[ParamSpec], json: bool) {
    let (kind, key) = if json {
        ("JSON", "json")
    } else {
        ("binary", "binary")
    };
    for param in params {
        let location = param.location.as_ref().map(|l| l.value.as_str());
        if json
            && location == Some("header")
            && param.name.value.eq_ignore_ascii_case("content-type")
        {
            cx.error(
                position_of(&param.name),
                "header parameter `Content-Type` would be sent twice: the JSON body sets it \
                 to `application/json`; remove the parameter",
            );
        }
        if field_ident(&param.name.value) == "body" {
            cx.error(
                position_of(&param.name),
                format!(
                    "parameter `{}` would be the Rust field `body`, which holds the {kind} \
                     body; rename it",
                    param.name.value
                ),
            );
        }
        if !matches!(location, Some("query" | "header" | "path")) {
            let advice = if json {
                "put it in `request.json`, or "
            } else {
                ""
            };
            cx.error(
                position_of(&param.name),
                format!(
                    "parameter `{}` goes in the body, but the body is {kind} (`body: {key}`); \
                     {advice}send it `in: query`, `in: header` or `in: path`",
                    param.name.value
                ),
            );
        }
    }
}

/// The Rust type of the request body (`body` of `Request` and `Required`),
/// if the request has one of its own: JSON or bytes.
pub(crate) fn body_type(endpoint: &Endpoint, types: &TypeNaming) -> Option<TokenStream> {
    match endpoint.request.body {
        BodyEncoding::Binary => Some(quote!(::kontur_extern::Bytes)),
        _ => endpoint
            .request
            .json
            .as_ref()
            .map(|ty| types.rust(&endpoint.types, ty)),
    }
}

/// `request.body`: how the body is encoded, as far as the version allows.
pub(crate) fn check_encoding(cx: &mut Collector, spec: &SpecFile, version: u8) -> BodyEncoding {
    match spec.request.body.value.as_str() {
        "form" => BodyEncoding::Form,
        "json" if version == 2 => BodyEncoding::Json,
        "binary" if version == 2 => BodyEncoding::Binary,
        "json" => {
            cx.error(
                position_of(&spec.request.body),
                "JSON request bodies need spec format version 2 (`spec: 2`); version 1 has \
                 `body: form`",
            );
            BodyEncoding::Form
        }
        other => {
            cx.error(
                position_of(&spec.request.body),
                format!(
                    "unknown request body encoding `{other}`; expected `form`{}",
                    if version == 2 {
                        ", `json` or `binary`"
                    } else {
                        ""
                    }
                ),
            );
            BodyEncoding::Form
        }
    }
}

/// The encoder's call for a JSON or binary body, if the request has one.
pub(crate) fn encode_body(endpoint: &Endpoint) -> Option<TokenStream> {
    match endpoint.request.body {
        BodyEncoding::Binary => Some(quote!(http.binary(&request.body);)),
        _ => endpoint
            .request
            .json
            .as_ref()
            .map(|_| quote!(http.json(&request.body);)),
    }
}

/// `request.json` exactly with `body: json`; a JSON or binary body's
/// neighbours.
pub(crate) fn check_body_type(cx: &mut Collector, spec: &SpecFile, body: BodyEncoding) {
    let nodes = &spec.v2;
    match body {
        BodyEncoding::Form => {
            if let Some(json) = &nodes.request_json {
                cx.error(
                    json.at,
                    "`request.json` goes with `body: json`; this request's body is a form",
                );
            }
        }
        BodyEncoding::Json | BodyEncoding::Binary => {
            let json = body == BodyEncoding::Json;
            match (&nodes.request_json, json) {
                (None, true) => cx.error(
                    position_of(&spec.request.body),
                    "`body: json` needs `json:`, the type of the request body (in `request`)",
                ),
                (Some(node), false) => cx.error(
                    node.at,
                    "`request.json` goes with `body: json`; this body is binary",
                ),
                _ => {}
            }
            check_params_beside_body(cx, &spec.request.params, json);
        }
    }
}
