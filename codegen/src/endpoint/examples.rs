//! The documented exchanges: each example's request and response checked
//! against every other part of the spec, and written out as `Example`
//! values for `examples()`, the replay server and the CLI. Runtime half:
//! `example.rs`, `replay.rs`.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_saphyr::Spanned;

use crate::diagnostic::Collector;
use crate::endpoint::errors::check_error_body;
use crate::endpoint::names::{Names, check_snake_ident};
use crate::endpoint::outcomes::{body_misfits, check_status};
use crate::endpoint::params::{CallerParam, caller_params};
use crate::model::{
    BodyEncoding, Endpoint, ErrorFormat, Example, Header, Outcomes, Param, ParamKind,
    ParamLocation, Presence, Response, Value,
};
use crate::scalar::{fit, fit_header, value_expr, value_type};
use crate::spec::{ExampleSpec, SpecFile};
use crate::types::expand::TypeNaming;
use crate::types::fit::{Placement, fit_body, fit_body_undeclared};
use crate::types::model::{Ty, TypeSpace};
use crate::wire::{
    BINARY_CONTENT_TYPE, FORM_CONTENT_TYPE, JSON_CONTENT_TYPE, TRANSPORT_HEADERS,
    header_value_problem,
};
use crate::yaml::{Scalar, position_of};

/// What a version 2 example is checked against.
pub(crate) struct V2Example<'a> {
    pub(crate) space: &'a TypeSpace,
    pub(crate) json: Option<&'a Ty>,
    pub(crate) text: &'a str,
    pub(crate) version: u8,
    /// Whether the types had no problem of their own.
    pub(crate) sound: bool,
    /// `responses`, when the spec lists them.
    pub(crate) outcomes: Option<&'a Outcomes>,
    pub(crate) error: ErrorFormat,
    /// The request's body is binary.
    pub(crate) binary_body: bool,
}

pub(crate) struct Declared {
    pub(crate) params: HashSet<String>,
    pub(crate) fields: HashSet<String>,
    /// Header parameters, in lower case.
    pub(crate) header_params: HashSet<String>,
    /// Some parameter that may travel in the body has its own problem, so
    /// whether a request has a body (and a `Content-Type`) is unknown.
    pub(crate) unsound_body: bool,
    /// `auth: bearer`: every request carries `Authorization: Bearer …`.
    pub(crate) bearer: bool,
}

/// The replay server answers an example only when a request matches every
/// documented request header that is neither a transport header nor a
/// header parameter, so each of those must be one the endpoint sends, with
/// the value it sends: only `Content-Type`, for a request with a body.
/// Two more are taken as the vendor documents them and not matched
/// ([`unmatched_header`]): `Authorization: Bearer …` on a bearer endpoint
/// (its scheme checked; the token is another in every run) and a
/// `Content-Type` on a request without a body (sent by no client).
pub(crate) fn check_example_request_headers(
    cx: &mut Collector,
    spec: &ExampleSpec,
    declared: &Declared,
    params: &[Param],
    body_type: Option<&str>,
) {
    let example = &spec.name.value;
    let content_type = body_type.unwrap_or(FORM_CONTENT_TYPE);
    let has_body = has_body(spec, params, body_type);
    for (name, value) in &spec.request.headers.0 {
        let lower = name.value.to_ascii_lowercase();
        if TRANSPORT_HEADERS.contains(&lower.as_str()) || declared.header_params.contains(&lower) {
            continue;
        }
        let documented = value.value.to_string();
        if lower == "authorization" && declared.bearer {
            let scheme = documented.split(' ').next().unwrap_or_default();
            if !scheme.eq_ignore_ascii_case("bearer") || documented.trim().len() <= scheme.len() {
                // The value may be a credential: its first word only.
                cx.error(
                    position_of(value),
                    format!(
                        "example `{example}` documents the request header `{}` with the \
                         scheme `{}`, but a bearer endpoint sends `Bearer` and a token",
                        name.value,
                        crate::diagnostic::inert(scheme.get(..20).unwrap_or(scheme))
                    ),
                );
            }
            continue;
        }
        let (at, problem) = if lower != "content-type" {
            (
                position_of(name),
                ", which the endpoint never sends, so the replay server could never match the example; declare it as a parameter with `in: header`, or remove it".to_owned(),
            )
        } else if declared.unsound_body || (has_body && documented == content_type) {
            continue;
        } else if has_body {
            (
                position_of(value),
                format!(" as `{documented}`, but the endpoint sends `{content_type}`"),
            )
        } else {
            // Documented on a request without a body (the vendor's curl
            // examples send it on every request): taken as written.
            continue;
        };
        cx.error(
            at,
            format!(
                "example `{example}` documents the request header `{}`{problem}",
                name.value
            ),
        );
    }
}

/// Whether the example's request has a body: a JSON or binary one
/// (`body_type`), or a form of the body parameters it sets.
fn has_body(spec: &ExampleSpec, params: &[Param], body_type: Option<&str>) -> bool {
    let listed = |param: &Param| {
        spec.request
            .params
            .0
            .iter()
            .any(|(name, _)| name.value == param.name)
    };
    body_type.is_some()
        || params.iter().any(|param| {
            param.location == ParamLocation::Body
                && match &param.kind {
                    ParamKind::Constant(_) => true,
                    ParamKind::Caller { presence, .. } => {
                        *presence != Presence::Optional || listed(param)
                    }
                }
        })
}

/// A documented request header taken as the vendor writes it, but not
/// matched by the replay server: the bearer token (another in every run),
/// and a `Content-Type` on a request that has no body.
fn unmatched_header(name: &str, declared: &Declared, has_body: bool) -> bool {
    (declared.bearer && name.eq_ignore_ascii_case("authorization"))
        || (!has_body && !declared.unsound_body && name.eq_ignore_ascii_case("content-type"))
}

pub(crate) fn check_example(
    cx: &mut Collector,
    spec: &ExampleSpec,
    declared: &Declared,
    params: &[Param],
    response: &Response,
    v2: &V2Example<'_>,
) -> Option<Example> {
    let example = &spec.name.value;
    let before = cx.count();
    check_snake_ident(cx, &spec.name, "example name");
    let values = example_params(cx, spec, declared, params);
    let mut undeclared = Vec::new();
    let before_response = cx.count();
    let status = check_example_response(cx, spec, declared, response, v2, &mut undeclared);
    if let Some(flag) = &spec.response.undeclared_keys
        && flag.value
        && undeclared.is_empty()
        && v2.sound
        && cx.count() == before_response
    {
        cx.error(
            position_of(flag),
            format!(
                "example `{example}` says `undeclared_keys: true`, but its response body has no \
                 key that its types do not declare; remove it, so that a key the spec misses \
                 is reported"
            ),
        );
    }
    let body_type = if v2.json.is_some() {
        Some(JSON_CONTENT_TYPE)
    } else if v2.binary_body {
        Some(BINARY_CONTENT_TYPE)
    } else {
        None
    };
    check_example_request_headers(cx, spec, declared, params, body_type);
    check_example_request_body(cx, spec, v2);

    (cx.count() == before).then(|| Example {
        name: example.clone(),
        doc: spec.doc.clone(),
        request_headers: pairs(&spec.request.headers.0)
            .into_iter()
            .filter(|(name, _)| {
                !unmatched_header(name, declared, has_body(spec, params, body_type))
            })
            .collect(),
        params: values,
        response_status: status,
        response_headers: pairs(&spec.response.headers.0),
        response_body: spec.response.body.value.clone(),
        request_body: spec.request.body.as_ref().map(|b| b.value.clone()),
        undeclared_keys: undeclared,
    })
}

/// An example's parameters, each fitted to its type, the required ones
/// present; with the constants and defaults it leaves out, which the wire
/// carries too.
fn example_params(
    cx: &mut Collector,
    spec: &ExampleSpec,
    declared: &Declared,
    params: &[Param],
) -> Vec<(String, Value)> {
    let example = &spec.name.value;
    let mut values = Vec::new();
    let mut set = HashSet::new();
    for (name, scalar) in &spec.request.params.0 {
        let Some(param) = params.iter().find(|p| p.name == name.value) else {
            if declared.params.contains(&name.value) {
                continue;
            }
            let known: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
            cx.error(
                position_of(name),
                format!(
                    "example `{example}` sets `{}`, which is not a parameter of this endpoint; parameters: {}",
                    name.value,
                    known.join(", ")
                ),
            );
            continue;
        };
        set.insert(param.name.as_str());
        match &param.kind {
            ParamKind::Constant(constant) => match fit(&scalar.value, &value_type(constant)) {
                Ok(value) if value == *constant => values.push((param.name.clone(), value)),
                _ => cx.error(
                    position_of(scalar),
                    format!(
                        "example `{example}` sets constant `{}` to `{}`, but it is always `{}`",
                        param.name,
                        scalar.value,
                        constant.to_wire()
                    ),
                ),
            },
            ParamKind::Caller { ty, .. } => match fit(&scalar.value, ty) {
                Ok(value) if param.location == ParamLocation::Header => {
                    match header_value_problem(&value.to_wire()) {
                        None => values.push((param.name.clone(), value)),
                        Some(problem) => cx.error(
                            position_of(scalar),
                            format!(
                                "example `{example}`, header parameter `{}`: the value {problem}",
                                param.name
                            ),
                        ),
                    }
                }
                Ok(value) => values.push((param.name.clone(), value)),
                Err(problem) => cx.error(
                    position_of(scalar),
                    format!("example `{example}`, parameter `{}`: {problem}", param.name),
                ),
            },
        }
    }
    for param in params {
        let required = matches!(
            param.kind,
            ParamKind::Caller {
                presence: Presence::Required,
                ..
            }
        );
        if required && !set.contains(param.name.as_str()) {
            cx.error(
                position_of(&spec.name),
                format!(
                    "example `{example}` omits required parameter `{}`; add it under `request.params`",
                    param.name
                ),
            );
        }
    }

    // The wire carries constants and defaults the example leaves out.
    for param in params {
        let implied = match &param.kind {
            ParamKind::Constant(value) => Some(value),
            ParamKind::Caller {
                presence: Presence::Default(value),
                ..
            } => Some(value),
            ParamKind::Caller { .. } => None,
        };
        if let Some(value) = implied.filter(|_| !set.contains(param.name.as_str())) {
            values.push((param.name.clone(), value.clone()));
        }
    }
    values
}

/// An example's status and response body, against the outcome its status
/// picks (version 2 with `responses`), the response (its status), or the
/// error format (an error status); gives the status.
fn check_example_response(
    cx: &mut Collector,
    spec: &ExampleSpec,
    declared: &Declared,
    response: &Response,
    v2: &V2Example<'_>,
    undeclared: &mut Vec<crate::Diagnostic>,
) -> u16 {
    let example = &spec.name.value;
    let status_at = position_of(&spec.response.status);
    let status = match check_status(&spec.response.status) {
        Ok(status) => status,
        Err(problem) => {
            cx.error(status_at, format!("example `{example}`: {problem}"));
            response.status
        }
    };
    let body = &spec.response.body;
    let body_position = position_of(body);
    if let Some(outcomes) = v2.outcomes {
        if v2.sound {
            check_outcome_example(cx, spec, outcomes, v2, status, undeclared);
        }
    } else {
        match serde_json::from_str::<serde_json::Value>(&body.value) {
            Err(error) => cx.error(
                body_position,
                format!(
                    "example `{example}`: the response body is not JSON ({error}, counted from the body's first line)"
                ),
            ),
            Ok(_) if status == response.status && v2.version == 2 => {
                if let Some(ty) = response.body.as_ref().filter(|_| v2.sound) {
                    fit_response(cx, spec, v2, ty, undeclared);
                }
            }
            Ok(json) if status == response.status => {
                for problem in body_misfits(&json, &response.fields, &declared.fields) {
                    cx.error(
                        body_position,
                        format!("example `{example}`: response body {problem}"),
                    );
                }
            }
            Ok(json) if status >= 400 => check_error_body(cx, spec, &json, v2.error),
            Ok(_) => cx.error(
                status_at,
                format!(
                    "example `{example}`: status {status} is neither the response status {} nor an error status (400 or above)",
                    response.status
                ),
            ),
        }
        if status == response.status {
            check_example_headers(cx, spec, &response.headers);
        }
    }
    status
}

/// An example's request body: present exactly when the request has a JSON
/// or binary body, and a JSON one fitted to its type.
fn check_example_request_body(cx: &mut Collector, spec: &ExampleSpec, v2: &V2Example<'_>) {
    let example = &spec.name.value;
    match (&spec.request.body, v2.json) {
        (Some(_), None) if v2.binary_body => {}
        (None, None) if v2.binary_body => cx.error(
            position_of(&spec.name),
            format!(
                "example `{example}` lacks `request.body`, the documented binary body of the \
                 request (as text)"
            ),
        ),
        (Some(_), Some(_)) if !v2.sound => {}
        (Some(documented), Some(ty)) => fit_body(
            cx,
            v2.space,
            ty,
            &documented.value,
            Placement::of(v2.text, position_of(documented), &documented.value),
            &format!("example `{example}`: the request body"),
        ),
        (None, Some(_)) => cx.error(
            position_of(&spec.name),
            format!(
                "example `{example}` lacks `request.body`, the documented JSON body of the request"
            ),
        ),
        (Some(documented), None) => cx.error(
            position_of(documented),
            format!(
                "example `{example}` documents a request body, but the request's body is not \
                 JSON (`body: json`); a form's fields go in `request.params`"
            ),
        ),
        (None, None) => {}
    }
}

/// An example of a spec with `responses`: its status picks the outcome,
/// whose body and headers it must fit.
/// An example's response body fitted to `ty`. With `undeclared_keys: true`
/// the keys its types do not declare go to `undeclared` instead of being
/// refused: a vendor fixture quoted as it is, with more than the model.
fn fit_response(
    cx: &mut Collector,
    spec: &ExampleSpec,
    v2: &V2Example<'_>,
    ty: &Ty,
    undeclared: &mut Vec<crate::Diagnostic>,
) {
    let body = &spec.response.body;
    let placement = Placement::of(v2.text, position_of(body), &body.value);
    let what = format!("example `{}`: the response body", spec.name.value);
    if spec
        .response
        .undeclared_keys
        .as_ref()
        .is_some_and(|flag| flag.value)
    {
        undeclared.extend(fit_body_undeclared(
            cx,
            v2.space,
            ty,
            &body.value,
            placement,
            &what,
        ));
    } else {
        fit_body(cx, v2.space, ty, &body.value, placement, &what);
    }
}

pub(crate) fn check_outcome_example(
    cx: &mut Collector,
    spec: &ExampleSpec,
    outcomes: &Outcomes,
    v2: &V2Example<'_>,
    status: u16,
    undeclared: &mut Vec<crate::Diagnostic>,
) {
    let example = &spec.name.value;
    let body = &spec.response.body;
    let body_position = position_of(body);
    if let Some(outcome) = outcomes.for_status(status) {
        match &outcome.body {
            // Raw bytes or text: any documented text.
            None if outcome.binary || outcome.text => {}
            Some(ty) => {
                if let Err(error) = serde_json::from_str::<serde_json::Value>(&body.value) {
                    cx.error(
                        body_position,
                        format!("example `{example}`: the response body is not JSON ({error})"),
                    );
                } else if v2.sound {
                    fit_response(cx, spec, v2, ty, undeclared);
                }
            }
            None if !body.value.trim().is_empty() => cx.error(
                body_position,
                format!(
                    "example `{example}`: outcome `{}` has no body, so the documented body must \
                     be empty (`body: \"\"`)",
                    outcome.name
                ),
            ),
            None => {}
        }
        check_example_headers(cx, spec, &outcome.headers);
        return;
    }
    let json = serde_json::from_str::<serde_json::Value>(&body.value);
    match json {
        Ok(json) if status == 404 && outcomes.not_found => {
            if !json.get("id").is_some_and(serde_json::Value::is_string) {
                cx.error(
                    body_position,
                    format!(
                        "example `{example}`: \"not found\" is a 404 with the API's error body, \
                         which has an `id` string"
                    ),
                );
            }
        }
        Ok(json) if status >= 400 => check_error_body(cx, spec, &json, v2.error),
        Ok(_) => cx.error(
            position_of(&spec.response.status),
            format!(
                "example `{example}`: status {status} is none of the documented outcomes and not \
                 an error status (400 or above)"
            ),
        ),
        Err(error) => cx.error(
            body_position,
            format!("example `{example}`: the response body is not JSON ({error})"),
        ),
    }
}

pub(crate) fn check_example_headers(cx: &mut Collector, spec: &ExampleSpec, headers: &[Header]) {
    let documented = &spec.response.headers.0;
    // `DocumentedResponse::to_http` could not send such a value; the replay
    // server would leave the header out.
    for (name, value) in documented {
        if let Some(problem) = header_value_problem(&value.value.to_string()) {
            cx.error(
                position_of(value),
                format!(
                    "example `{}`: the value of response header `{}` {problem}",
                    spec.name.value, name.value
                ),
            );
        }
    }
    for header in headers {
        let found = documented.iter().find(|(name, _)| {
            header
                .names
                .iter()
                .any(|n| n.eq_ignore_ascii_case(&name.value))
        });
        match found {
            Some((name, value)) => {
                if let Err(problem) = fit_header(&value.value.to_string(), &header.ty) {
                    cx.error(
                        position_of(value),
                        format!(
                            "example `{}`: header `{}`: {problem}",
                            spec.name.value, name.value
                        ),
                    );
                }
            }
            None if header.presence == Presence::Required => cx.error(
                position_of(&spec.name),
                format!(
                    "example `{}` lacks the required response header `{}`",
                    spec.name.value, header.names[0]
                ),
            ),
            None => {}
        }
    }
}

pub(crate) fn pairs(map: &[(Spanned<String>, Spanned<Scalar>)]) -> Vec<(String, String)> {
    map.iter()
        .map(|(name, value)| (name.value.clone(), value.value.to_string()))
        .collect()
}

/// `Example { .. }` for a documented exchange: the typed request built from
/// the documented values, and the documented request and response as text.
pub(crate) fn example_expr(
    endpoint: &Endpoint,
    example: &Example,
    names: &Names,
    types: &TypeNaming,
) -> TokenStream {
    let binary = endpoint.request.body == BodyEncoding::Binary;
    let typed = example_request(endpoint, example, names, types);
    let (documented_body, documented_raw) = match &example.request_body {
        Some(text) if binary => (
            quote!(::core::option::Option::None),
            quote!(::core::option::Option::Some(#text)),
        ),
        Some(text) => (
            quote!(::core::option::Option::Some(#text)),
            quote!(::core::option::Option::None),
        ),
        None => (
            quote!(::core::option::Option::None),
            quote!(::core::option::Option::None),
        ),
    };
    let name = &example.name;
    let doc = example.doc.as_deref().unwrap_or("").trim_end();
    let pairs = |list: &[(String, String)]| {
        let (keys, values): (Vec<&String>, Vec<&String>) = list.iter().map(|(k, v)| (k, v)).unzip();
        quote!(&[#( (#keys, #values) ),*])
    };
    let request_headers = pairs(&example.request_headers);
    let request_params = documented_params(endpoint, example);
    let status = example.response_status;
    let response_headers = pairs(&example.response_headers);
    let body = &example.response_body;
    quote! {
        ::kontur_extern::Example {
            name: #name,
            doc: #doc,
            request: #typed,
            documented_request: ::kontur_extern::DocumentedRequest {
                headers: #request_headers,
                params: &[#( #request_params ),*],
                body: #documented_body,
                raw_body: #documented_raw,
            },
            documented_response: ::kontur_extern::DocumentedResponse {
                status: #status,
                headers: #response_headers,
                body: #body,
            },
        }
    }
}

/// The example's request as the caller would build it:
/// `Request::new(Required { … }).with_…(…)`.
fn example_request(
    endpoint: &Endpoint,
    example: &Example,
    names: &Names,
    types: &TypeNaming,
) -> TokenStream {
    let request = &names.request;
    let params = caller_params(endpoint, names);
    let binary = endpoint.request.body == BodyEncoding::Binary;
    let body_arg = match (&endpoint.request.json, &example.request_body) {
        (_, Some(text)) if binary => Some(quote!(
            body: ::kontur_extern::Bytes(::std::vec::Vec::from(#text.as_bytes())),
        )),
        (Some(ty), Some(text)) => {
            let ty = types.rust(&endpoint.types, ty);
            Some(quote!(body: ::kontur_extern::__private::documented_json::<#ty>(#text),))
        }
        _ => None,
    };
    let value_of = |p: &CallerParam| {
        example
            .params
            .iter()
            .find(|(name, _)| *name == p.param.name)
            .map(|(_, value)| {
                value_expr(value, p.spec_ty, p.secret, &|| {
                    names.enum_ident(&p.param.name)
                })
            })
    };
    let required_ident = &names.required;
    let required: Vec<TokenStream> = params
        .iter()
        .filter(|p| *p.presence == Presence::Required)
        .filter_map(|p| {
            let ident = &p.ident;
            value_of(p).map(|value| quote!(#ident: #value))
        })
        .collect();
    let setters = params
        .iter()
        .filter(|p| *p.presence != Presence::Required)
        .filter_map(|p| {
            let setter = format_ident!("with_{}", p.ident);
            value_of(p).map(|value| quote!(.#setter(#value)))
        });

    let new_arg = if body_arg.is_some() || !required.is_empty() {
        quote!(#required_ident { #body_arg #( #required, )* })
    } else {
        quote!()
    };
    quote!(#request::new(#new_arg) #( #setters )*)
}

/// The example's parameters as the wire carries them. A list parameter is
/// one documented parameter per element, in order.
fn documented_params(endpoint: &Endpoint, example: &Example) -> Vec<TokenStream> {
    example
        .params
        .iter()
        .flat_map(|(name, value)| {
            let Some(param) = endpoint.request.params.iter().find(|p| p.name == *name) else {
                return Vec::new();
            };
            let location = match param.location {
                ParamLocation::Path => quote!(Path),
                ParamLocation::Body => quote!(Form),
                ParamLocation::Query => quote!(Query),
                ParamLocation::Header => quote!(Header),
            };
            let secret = matches!(param.kind, ParamKind::Caller { secret: true, .. });
            value
                .wire_values()
                .into_iter()
                .map(|value| {
                    quote! {
                        ::kontur_extern::DocumentedParam {
                            name: #name,
                            value: #value,
                            location: ::kontur_extern::ParamLocation::#location,
                            secret: #secret,
                        }
                    }
                })
                .collect()
        })
        .collect()
}

impl Declared {
    /// What the spec declares, sound or not.
    fn of(spec: &SpecFile, params: &[Param]) -> Declared {
        Declared {
            params: spec
                .request
                .params
                .iter()
                .map(|p| p.name.value.clone())
                .collect(),
            fields: spec
                .response
                .iter()
                .flat_map(|response| &response.fields)
                .map(|f| f.name.value.clone())
                .collect(),
            header_params: spec
                .request
                .params
                .iter()
                .filter(|p| p.location.as_ref().is_some_and(|l| l.value == "header"))
                .map(|p| p.name.value.to_ascii_lowercase())
                .collect(),
            unsound_body: spec.request.params.iter().any(|declared| {
                let location = declared.location.as_ref().map(|l| l.value.as_str());
                !matches!(location, Some("query" | "header" | "path"))
                    && !params.iter().any(|param| {
                        param.name == declared.name.value && param.location == ParamLocation::Body
                    })
            }),
            bearer: spec
                .endpoint
                .auth
                .as_ref()
                .is_some_and(|auth| auth.value == "bearer"),
        }
    }
}

/// Every example, each checked against the rest of the spec. Names the
/// spec declares count, sound or not: an example that uses an item with
/// its own problem is not reported again.
pub(crate) fn check_examples(
    cx: &mut Collector,
    spec: &SpecFile,
    params: &[Param],
    response: &Response,
    context: &V2Example,
) -> Vec<Example> {
    let declared = Declared::of(spec, params);
    let mut example_names = HashSet::new();
    spec.examples
        .iter()
        .filter_map(|example| {
            if !example_names.insert(example.name.value.as_str()) {
                cx.error(
                    position_of(&example.name),
                    format!("duplicate example `{}`", example.name.value),
                );
            }
            check_example(cx, example, &declared, params, response, context)
        })
        .collect()
}
