//! What comes back: version 1's `response`, version 2's `responses`
//! (an outcome per documented status, "not found" as `None`), the headers
//! each captures, and the decoder that picks one. Runtime half: `decode.rs`.
//!
//! This file checks; `expand.rs` generates; `error_status.rs` holds what is
//! particular to an outcome at a client-error status (400 to 499).

mod error_status;
mod expand;

use std::collections::HashSet;

use serde_saphyr::Spanned;

use crate::diagnostic::Collector;
use crate::endpoint::names::{check_field_name, check_snake_ident, generated_type_names};
use crate::ident::field_ident;
use crate::model::{ErrorFormat, Field, Header, Outcome, Outcomes, Param, Presence, Response};
use crate::scalar::{check_secret_type, check_type, fit, fit_json};
use crate::spec::{FieldSpec, HeaderSpec, OutcomeSpec, SpecFile};
use crate::types::model::Ty;
use crate::wire::{
    BINARY_CONTENT_TYPE, JSON_CONTENT_TYPE, TEXT_CONTENT_TYPE, http_header_name_is_valid,
};
use crate::yaml::{Scalar, position_of};

pub(crate) use self::expand::{decode_response, outcome_types, reply_type, response_struct};

/// Version 2's `responses`: statuses, names, bodies and headers of each
/// documented outcome.
pub(crate) fn check_outcomes(
    cx: &mut Collector,
    spec: &SpecFile,
    bodies: &[Option<Ty>],
    error: ErrorFormat,
    params: &[Param],
) -> Outcomes {
    let mut listed: Vec<Outcome> = Vec::new();
    let mut not_found = false;
    let not_found_listed = spec.responses.iter().any(|o| {
        matches!(o.status.value, Scalar::Integer(404))
            && o.not_found.as_ref().is_some_and(|n| n.value)
    });
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
            Scalar::Integer(code @ 400..=599) => {
                let has_body = bodies.get(index).is_some_and(Option::is_some);
                match error_status::check_error_status(
                    cx,
                    outcome,
                    *code as u16,
                    not_found_listed,
                    has_body,
                ) {
                    Some(status) => Some(status),
                    None => continue,
                }
            }
            other => {
                cx.error(
                    status_at,
                    format!(
                        "outcome status {other} is neither a success status (200 to 299, or `2xx` \
                         for any other), nor 404 with `not_found: true`, nor a client error \
                         status (400 to 499) whose JSON body is a result; other statuses are \
                         errors, decoded by the error format"
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
        let text = outcome.text.as_ref().is_some_and(|t| t.value);
        if !check_outcome_content(cx, outcome, body.is_some(), binary, text) {
            continue;
        }
        let mut header_names = HashSet::new();
        if body.is_some() || binary || text {
            header_names.insert("body".to_owned());
        }
        let headers = outcome
            .headers
            .iter()
            .filter_map(|header| check_header(cx, header, &mut header_names, 2))
            .collect();
        listed.push(Outcome {
            name,
            status,
            doc: outcome.doc.clone(),
            body,
            binary,
            text,
            headers,
        });
    }
    if !listed.iter().any(|o| !o.at_error_status()) {
        cx.error(
            spec.responses.first().and_then(|o| position_of(&o.status)),
            "`responses` needs at least one success outcome (200 to 299, or `2xx`)",
        );
    }
    Outcomes { listed, not_found }
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
        (outcome.text.as_ref().is_some_and(|t| t.value), "text"),
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
                "with several outcomes (besides \"not found\") each needs a `name` \
                 (`snake_case`), which names its variant of `Response`",
            );
            return None;
        }
        None => "ok".to_owned(),
    };
    let pascal = crate::ident::upper_camel_case(&name);
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

/// An outcome's body: a JSON `body`, raw bytes (`binary`) or text
/// (`text`), one at most, and its content type: `application/json` for
/// JSON, a `text/*` type for text (`text/plain` unless said), any media
/// type for bytes (`application/pdf` for a print). `false` when the outcome
/// is left out.
fn check_outcome_content(
    cx: &mut Collector,
    outcome: &OutcomeSpec,
    has_body: bool,
    binary: bool,
    text: bool,
) -> bool {
    let status_at = position_of(&outcome.status);
    let kinds: Vec<&str> = [
        (has_body, "a JSON `body`"),
        (binary, "`binary: true`"),
        (text, "`text: true`"),
    ]
    .into_iter()
    .filter_map(|(present, kind)| present.then_some(kind))
    .collect();
    if kinds.len() > 1 {
        cx.error(
            status_at,
            format!(
                "an outcome's body is one of a JSON `body`, raw bytes (`binary: true`) or text \
                 (`text: true`); this one has {}",
                kinds.join(" and ")
            ),
        );
        return false;
    }
    let essence = |content_type: &Spanned<String>| {
        content_type
            .value
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    };
    match &outcome.content_type {
        Some(content_type) if !crate::wire::is_media_type(&essence(content_type)) => {
            cx.error(
                position_of(content_type),
                format!(
                    "`{}` is not a media type (`type/subtype`, such as `application/pdf`)",
                    crate::diagnostic::inert(&content_type.value)
                ),
            );
        }
        _ if binary => {}
        Some(content_type) if text && !essence(content_type).starts_with("text/") => {
            cx.error(
                position_of(content_type),
                format!(
                    "a text outcome's content type is a `text/*` type (`text/plain`), not `{}`; \
                     for other bytes use `binary: true`",
                    crate::diagnostic::inert(&content_type.value)
                ),
            );
        }
        _ if text => {}
        None if has_body => cx.error(
            status_at,
            "an outcome with a `body` needs `content_type: application/json`",
        ),
        Some(content_type) if has_body && essence(content_type) != "application/json" => {
            cx.error(
                position_of(content_type),
                format!(
                    "a JSON `body` is read as `application/json`, not `{}`; for text use \
                     `text: true` (a `text/*` type), for other bytes `binary: true` (any \
                     media type), without `body`",
                    crate::diagnostic::inert(&content_type.value)
                ),
            );
        }
        Some(_) if has_body => {}
        Some(content_type) => cx.error(
            position_of(content_type),
            "`content_type` goes with a body (`body`, `binary: true` or `text: true`); this \
             outcome has none",
        ),
        None => {}
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
        // A text outcome asks for its `text/*` type; a binary one for
        // the type it declares, when no outcome is JSON or text.
        let is = |flag: &Option<Spanned<bool>>| flag.as_ref().is_some_and(|f| f.value);
        let binary = spec.responses.iter().any(|outcome| is(&outcome.binary));
        let content_type = spec
            .responses
            .iter()
            .filter(|outcome| !is(&outcome.binary))
            .find_map(|outcome| match &outcome.content_type {
                Some(content_type) => Some(content_type.value.clone()),
                None if is(&outcome.text) => Some(TEXT_CONTENT_TYPE.to_owned()),
                None => None,
            })
            .or_else(|| {
                spec.responses
                    .iter()
                    .filter(|outcome| is(&outcome.binary))
                    .find_map(|outcome| outcome.content_type.as_ref().map(|c| c.value.clone()))
            })
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
        let shown = crate::diagnostic::inert(&response.content_type.value);
        cx.error(
            position_of(&response.content_type),
            if version == 2 {
                format!(
                    "response content type `{shown}` is not supported: `response` reads JSON \
                     (`application/json`); for text or other bytes list the outcome under \
                     `responses` with `text: true` or `binary: true`"
                )
            } else {
                format!(
                    "response content type `{shown}` is not supported; version 1 decodes \
                     `application/json`"
                )
            },
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

/// No captured response header in the field that holds the JSON body.
pub(crate) fn check_body_header(cx: &mut Collector, spec: &SpecFile) {
    if spec.v2.response_body.is_some() {
        for header in spec.response.iter().flat_map(|response| &response.headers) {
            if header.name.value == "body" {
                cx.error(
                    position_of(&header.name),
                    "response header field `body` would clash with the field that holds the JSON \
                     body; rename it",
                );
            }
        }
    }
}
