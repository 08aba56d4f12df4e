//! Semantic checks: turns the parsed [`SpecFile`] into a checked
//! [`Endpoint`], collecting every problem on the way.
//!
//! An item with a problem is left out of the model but checking goes on, so
//! one run reports everything, and the generator can still emit the parts
//! that are sound (fewer follow-on errors in the user's code).

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde_saphyr::Spanned;

use crate::diagnostic::{Collector, Diagnostics};
use crate::ident;
use crate::model::{
    Auth, BodyEncoding, Endpoint, ErrorFormat, Example, Field, Header, Method, Outcome, Outcomes,
    Paging, Param, ParamKind, ParamLocation, Presence, Request, Response, Type, Value,
};
use crate::spec::{
    ExampleSpec, FieldSpec, HeaderSpec, PagingSpec, ParamSpec, Scalar, SpecFile, position_of,
};
use crate::types::fit::{Placement, fit_body};
use crate::types::model::{Origin, Ty, TypeSpace};
use crate::types::resolve::Resolver;
use crate::types::source::NamedNode;

/// The runtime's limit on `duration_seconds` values (ten years); a test
/// checks that both agree.
pub const MAX_DURATION_SECS: u64 = 10 * 365 * 24 * 60 * 60;

const TYPE_NAMES: &str = "string, integer, boolean, duration_seconds, url, enum";

/// The named types of a type file a spec uses.
#[derive(Clone, Debug)]
pub struct SharedTypes {
    /// The module `types!` generates for the file.
    pub module: String,
    pub types: Vec<NamedNode>,
}

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

    if !matches!(spec.spec.value, 1 | 2) {
        cx.error(
            position_of(&spec.spec),
            format!(
                "unsupported spec version {}; this generator reads `spec: 1` and `spec: 2`",
                spec.spec.value
            ),
        );
    }
    let version = if spec.spec.value == 2 { 2 } else { 1 };

    let endpoint = &spec.endpoint;
    let name = check_endpoint_name(&mut cx, &endpoint.name);
    let method = check_method(&mut cx, &endpoint.method);
    let base_url = check_url(&mut cx, &endpoint.base_url, "base_url").unwrap_or_default();
    if endpoint.path.value.contains(['?', '#']) {
        cx.error(
            position_of(&endpoint.path),
            format!(
                "path `{}` must not contain `?` or `#`; declare query parameters with `in: query`",
                endpoint.path.value
            ),
        );
    } else if !endpoint.path.value.starts_with('/') {
        cx.error(
            position_of(&endpoint.path),
            format!("path `{}` must start with `/`", endpoint.path.value),
        );
    }
    let auth = match endpoint.auth.as_ref().map(|a| (a, a.value.as_str())) {
        None | Some((_, "none")) => Auth::None,
        Some((_, "bearer")) => {
            for param in &spec.request.params {
                let header = param.location.as_ref().is_some_and(|l| l.value == "header");
                if header && param.name.value.eq_ignore_ascii_case("authorization") {
                    cx.error(
                        position_of(&param.name),
                        "header parameter `Authorization` would be replaced by the bearer token \
                         (`auth: bearer`); remove it",
                    );
                }
            }
            Auth::Bearer
        }
        Some((at, other)) => {
            cx.error(
                position_of(at),
                format!("unknown `auth: {other}`; expected `none` or `bearer`"),
            );
            Auth::None
        }
    };
    let docs_url = endpoint
        .docs_url
        .as_ref()
        .and_then(|url| check_url(&mut cx, url, "docs_url"));

    let body = match spec.request.body.value.as_str() {
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
    };

    let params = check_params(&mut cx, &spec.request.params, version);
    if version == 2 {
        check_path_template(&mut cx, &spec.endpoint.path, &spec.request.params, &params);
    }
    let response = check_response(&mut cx, &spec, version);
    check_enum_names(&mut cx, &spec, &params, &response);
    let error = match spec.error.format.value.as_str() {
        "oauth2" => ErrorFormat::OAuth2,
        "kontur_api" if version == 2 => ErrorFormat::KonturApi,
        other => {
            let expected = if version == 2 {
                "`oauth2` or `kontur_api`"
            } else {
                "`oauth2` (`kontur_api` needs `spec: 2`)"
            };
            cx.error(
                position_of(&spec.error.format),
                format!("unknown error format `{other}`; expected {expected}"),
            );
            ErrorFormat::OAuth2
        }
    };
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
            response.body.as_ref(),
            !spec.responses.is_empty(),
        )
    });
    // As for types: examples are not checked against outcomes that have
    // problems of their own, which would only be reported again.
    let types_sound = types_sound && cx.count() == before_outcomes;

    // Names the spec declares, sound or not: an example that uses an item
    // with its own problem is not reported again.
    let declared = Declared {
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
    };
    let mut example_names = HashSet::new();
    let examples = spec
        .examples
        .iter()
        .filter_map(|example| {
            if !example_names.insert(example.name.value.as_str()) {
                cx.error(
                    position_of(&example.name),
                    format!("duplicate example `{}`", example.name.value),
                );
            }
            let v2 = V2Example {
                space: &types,
                json: json.as_ref(),
                text: &spec.text,
                version,
                sound: types_sound,
                outcomes: outcomes.as_ref(),
                error,
                binary_body: body == BodyEncoding::Binary,
            };
            check_example(&mut cx, example, &declared, &params, &response, &v2)
        })
        .collect();

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
    };
    (endpoint, cx.finish())
}

/// Beside a JSON or binary body: no form fields, no parameter whose Rust
/// field would be `body`, and (JSON) no `Content-Type` header parameter.
fn check_params_beside_body(cx: &mut Collector, params: &[ParamSpec], json: bool) {
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

/// `paging:`: `skip` and `take` are integer query parameters, and the
/// response body is an object with a required list `items` and a required
/// integer `total`.
fn check_paging(
    cx: &mut Collector,
    paging: &PagingSpec,
    params: &[Param],
    space: &TypeSpace,
    body: Option<&Ty>,
    outcomes: bool,
) -> Option<Paging> {
    let query_integer = |cx: &mut Collector, name: &Spanned<String>, what: &str| {
        let param = params.iter().find(|param| {
            param.name == name.value
                && param.location == ParamLocation::Query
                && matches!(
                    param.kind,
                    ParamKind::Caller {
                        ty: Type::Integer,
                        ..
                    }
                )
        });
        if param.is_none() {
            cx.error(
                position_of(name),
                format!(
                    "`paging.{what}` names `{}`, which is not an integer query parameter of this \
                     endpoint",
                    name.value
                ),
            );
        }
        param
    };
    let skip = query_integer(cx, &paging.skip, "skip");
    let take = query_integer(cx, &paging.take, "take");
    if outcomes {
        cx.error(
            position_of(&paging.items),
            "`paging` goes with a single `response:`; a page has one shape",
        );
        return None;
    }
    let no_fields = Vec::new();
    let fields = match body.map(|ty| space.resolved(ty)) {
        Some(Ty::Item(id)) => match &space.get(*id).kind {
            crate::types::model::ItemKind::Object(fields) => fields,
            _ => &no_fields,
        },
        _ => &no_fields,
    };
    let field = |key: &Spanned<String>| {
        fields
            .iter()
            .find(|field| field.wire == key.value)
            .filter(|field| field.presence == crate::types::model::FieldPresence::Required)
    };
    let items = field(&paging.items);
    let item = match items.map(|field| space.resolved(&field.ty)) {
        Some(Ty::List(item)) => Some((**item).clone()),
        _ => {
            cx.error(
                position_of(&paging.items),
                format!(
                    "`paging.items` names `{}`, which is not a required list field of the \
                     response body",
                    paging.items.value
                ),
            );
            None
        }
    };
    let total = field(&paging.total);
    let total_sound = matches!(
        total.map(|field| space.resolved(&field.ty)),
        Some(Ty::Integer)
    );
    if !total_sound {
        cx.error(
            position_of(&paging.total),
            format!(
                "`paging.total` names `{}`, which is not a required integer field of the \
                 response body",
                paging.total.value
            ),
        );
    }
    let (skip, _take, items, item, total) = (skip?, take?, items?, item?, total?);
    total_sound.then(|| Paging {
        skip: field_ident(&skip.name),
        skip_optional: matches!(
            skip.kind,
            ParamKind::Caller {
                presence: Presence::Optional,
                ..
            }
        ),
        items: items.rust.clone(),
        total: total.rust.clone(),
        item,
    })
}

/// Version 2's types, resolved: the type space and the bodies' types.
#[derive(Default)]
struct V2Types {
    space: TypeSpace,
    json: Option<Ty>,
    response_body: Option<Ty>,
    /// The type of each outcome's body in `responses`, in order.
    outcome_bodies: Vec<Option<Ty>>,
    /// No problem in the types themselves.
    sound: bool,
}

/// The names of the types an endpoint's module generates besides its body
/// types: its own, and the enums of parameters (named after them).
fn generated_type_names(spec: &SpecFile, params: &[Param]) -> Vec<String> {
    let mut names = vec![
        "Request".to_owned(),
        "Required".to_owned(),
        "Response".to_owned(),
        "Client".to_owned(),
        spec.endpoint.name.value.to_upper_camel_case(),
    ];
    names.extend(params.iter().filter_map(|param| match &param.kind {
        ParamKind::Caller { ty, .. } if matches!(ty.element(), Type::Enum(_)) => {
            Some(param.name.to_upper_camel_case())
        }
        _ => None,
    }));
    names
}

/// Version 2's `responses`: statuses, names, bodies and headers of each
/// documented outcome.
fn check_outcomes(
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
                if error != ErrorFormat::KonturApi {
                    cx.error(
                        status_at,
                        "`not_found` reads a 404 with the API's error body as \"not found\"; it \
                         needs `error: format: kontur_api`",
                    );
                }
                if not_found {
                    cx.error(status_at, "`responses` lists the not-found 404 twice");
                }
                for (present, key) in [
                    (bodies.get(index).is_some_and(Option::is_some), "body"),
                    (outcome.binary.as_ref().is_some_and(|b| b.value), "binary"),
                    (!outcome.headers.is_empty(), "headers"),
                    (outcome.name.is_some(), "name"),
                ] {
                    if present {
                        cx.error(
                            status_at,
                            format!(
                                "the not-found outcome has no `{key}`: the call returns `None`"
                            ),
                        );
                    }
                }
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
        let name = match &outcome.name {
            Some(name) => match check_snake_ident(cx, name, "outcome name") {
                Some(name) => name,
                None => continue,
            },
            None if named => {
                cx.error(
                    status_at,
                    "with several success outcomes each needs a `name` (`snake_case`), which \
                     names its variant of `Response`",
                );
                continue;
            }
            None => "ok".to_owned(),
        };
        let pascal = name.to_upper_camel_case();
        if named && reserved.contains(&pascal) {
            cx.error(
                outcome.name.as_ref().and_then(position_of),
                format!("outcome `{name}` would be the type `{pascal}`, which the generated code already uses; rename it"),
            );
            continue;
        }
        // Compared as the Rust names they become: `x1` and `x_1` are both `X1`.
        if !names.insert(pascal.clone()) {
            cx.error(
                outcome.name.as_ref().and_then(position_of),
                format!("two outcomes would both be named `{pascal}` in Rust; rename one"),
            );
            continue;
        }
        let body = bodies.get(index).cloned().flatten();
        let binary = outcome.binary.as_ref().is_some_and(|b| b.value);
        if binary && body.is_some() {
            cx.error(
                status_at,
                "an outcome is `binary: true` (raw bytes) or has a JSON `body`, not both",
            );
            continue;
        }
        match (&body, &outcome.content_type) {
            _ if binary => {}
            (Some(_), None) => cx.error(
                status_at,
                "an outcome with a `body` needs `content_type: application/json`",
            ),
            (Some(_), Some(content_type)) => {
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
            (None, Some(content_type)) => cx.error(
                position_of(content_type),
                "`content_type` goes with a `body`; this outcome has none",
            ),
            (None, None) => {}
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

/// Version 2: the named types, the request's JSON body and the response
/// body, resolved into one type space.
fn check_types(
    cx: &mut Collector,
    spec: &SpecFile,
    shared: &[SharedTypes],
    params: &[Param],
    body: BodyEncoding,
) -> V2Types {
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
    if nodes.response_body.is_some() {
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
    let mut reserved = generated_type_names(spec, params);
    // With several success outcomes each is a struct named after it.
    let successes = spec
        .responses
        .iter()
        .filter(|outcome| outcome.not_found.is_none())
        .count();
    if successes > 1 {
        reserved.extend(
            spec.responses
                .iter()
                .filter_map(|outcome| outcome.name.as_ref())
                .map(|name| name.value.to_upper_camel_case()),
        );
    }

    let before = cx.count();
    let mut resolver = Resolver::new(cx);
    for file in shared {
        resolver.add_named(
            &file.types,
            Origin::Shared {
                module: file.module.clone(),
            },
        );
    }
    resolver.add_named(&nodes.types, Origin::Local);
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
                |name| format!("{}Body", name.value.to_upper_camel_case()),
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

/// What a version 2 example is checked against.
struct V2Example<'a> {
    space: &'a TypeSpace,
    json: Option<&'a Ty>,
    text: &'a str,
    version: u8,
    /// Whether the types had no problem of their own.
    sound: bool,
    /// `responses`, when the spec lists them.
    outcomes: Option<&'a Outcomes>,
    error: ErrorFormat,
    /// The request's body is binary.
    binary_body: bool,
}

fn check_status(status: &Spanned<Scalar>) -> Result<u16, String> {
    match &status.value {
        Scalar::Integer(code @ 100..=599) => Ok(*code as u16),
        other => Err(format!(
            "status must be an HTTP status code from 100 to 599, such as 200; found {}",
            other.describe()
        )),
    }
}

fn check_method(cx: &mut Collector, method: &Spanned<String>) -> Option<Method> {
    let found = match method.value.as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "PATCH" => Method::Patch,
        "DELETE" => Method::Delete,
        other => {
            cx.error(
                position_of(method),
                format!(
                    "unknown HTTP method `{other}`; expected GET, POST, PUT, PATCH or DELETE (upper case)"
                ),
            );
            return None;
        }
    };
    Some(found)
}

fn check_url(cx: &mut Collector, url: &Spanned<String>, key: &str) -> Option<String> {
    match url::Url::parse(&url.value) {
        Ok(parsed)
            if key == "base_url" && (parsed.query().is_some() || parsed.fragment().is_some()) =>
        {
            cx.error(
                position_of(url),
                format!("{key} `{}` must not have a query or a fragment", url.value),
            );
            None
        }
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Some(url.value.clone()),
        Ok(parsed) => {
            cx.error(
                position_of(url),
                format!(
                    "{key} must be an http or https URL, not `{}:`",
                    parsed.scheme()
                ),
            );
            None
        }
        Err(error) => {
            cx.error(
                position_of(url),
                format!("{key} `{}` is not a URL: {error}", url.value),
            );
            None
        }
    }
}

/// A `snake_case` name that is also a Rust identifier; a keyword is one, as
/// a raw identifier (`r#type`).
fn check_snake_ident(cx: &mut Collector, name: &Spanned<String>, what: &str) -> Option<String> {
    let text = &name.value;
    let snake = !text.is_empty() && *text == text.to_snake_case();
    if (snake || ident::UNUSABLE.contains(&text.as_str()))
        && let Some(problem) = ident::check(text)
    {
        cx.error(
            position_of(name),
            format!("{what} `{text}` {problem}; choose another name"),
        );
        return None;
    }
    if !snake {
        cx.error(
            position_of(name),
            format!(
                "{what} `{text}` must be snake_case, for example `{}`",
                text.to_snake_case()
            ),
        );
        return None;
    }
    Some(text.clone())
}

/// Endpoint names that would clash with the generated code: the client's
/// own methods, and (in PascalCase, as the endpoint type of `endpoint!`) the
/// other generated types. Renaming those items instead would surprise
/// whoever reads the generated API, so the spec must choose another name.
fn check_endpoint_name(cx: &mut Collector, name: &Spanned<String>) -> Option<String> {
    let text = check_snake_ident(cx, name, "endpoint name")?;
    let clash = match text.as_str() {
        "new" => "the generated client's method `Client::new`, its constructor",
        "inner" => {
            "the generated client's method `Client::inner`, which returns the underlying client"
        }
        "clone" => {
            "the generated client a method `clone` that hides `Clone::clone`, so `client.clone()` would no longer compile"
        }
        "request" => "the endpoint type `Request`, which is the generated request type",
        "required" => {
            "the endpoint type `Required`, which is the generated type of a request's required parameters"
        }
        "response" => "the endpoint type `Response`, which is the generated response type",
        "client" => "the endpoint type `Client`, which is the generated client type",
        _ => return Some(text),
    };
    cx.error(
        position_of(name),
        format!("endpoint name `{text}` would give {clash}; choose another name"),
    );
    None
}

/// The Rust field name for a wire name (`X-Request-Id` → `x_request_id`).
pub(crate) fn field_ident(wire: &str) -> String {
    wire.to_snake_case()
}

fn check_field_name(cx: &mut Collector, name: &Spanned<String>, what: &str) -> bool {
    let field = field_ident(&name.value);
    let problem = match field.as_str() {
        "" => Some("is not a Rust identifier"),
        field => ident::check(field),
    };
    if let Some(problem) = problem {
        cx.error(
            position_of(name),
            format!(
                "{what} `{}` gives the Rust field name `{field}`, which {problem}; rename it",
                name.value
            ),
        );
        return false;
    }
    true
}

fn check_type(
    cx: &mut Collector,
    ty: &Spanned<String>,
    values: Option<&Spanned<Vec<String>>>,
    version: u8,
) -> Option<Type> {
    let found = match ty.value.as_str() {
        "uuid" if version == 2 => Type::Uuid,
        "datetime" if version == 2 => Type::DateTime,
        "string" => Type::String,
        "integer" => Type::Integer,
        "boolean" => Type::Boolean,
        "duration_seconds" => Type::DurationSeconds,
        "url" => Type::Url,
        "enum" => {
            let Some(values) = values else {
                cx.error(
                    position_of(ty),
                    "type `enum` needs `values`, the list of known values",
                );
                return None;
            };
            return check_enum_values(cx, values).map(Type::Enum);
        }
        other => {
            let names = if version == 2 {
                format!("{TYPE_NAMES}, uuid, datetime, list (query parameters)")
            } else {
                TYPE_NAMES.to_owned()
            };
            cx.error(
                position_of(ty),
                format!("unknown type `{other}`; expected one of: {names}"),
            );
            return None;
        }
    };
    if let Some(values) = values {
        cx.error(
            position_of(values),
            format!("`values` belongs to type `enum`, not `{}`", ty.value),
        );
    }
    Some(found)
}

fn check_enum_values(cx: &mut Collector, values: &Spanned<Vec<String>>) -> Option<Vec<String>> {
    if values.value.is_empty() {
        cx.error(position_of(values), "`values` lists no value");
        return None;
    }
    let mut variants = HashSet::new();
    let mut sound = true;
    for value in &values.value {
        let variant = value.to_upper_camel_case();
        if syn::parse_str::<syn::Ident>(&variant).is_err() || variant == "Unknown" {
            cx.error(
                position_of(values),
                format!(
                    "enum value `{value}` gives the Rust variant `{variant}`, which is not usable; `Unknown` is the fallback for values the spec does not list"
                ),
            );
            sound = false;
        } else if !variants.insert(variant.clone()) {
            cx.error(
                position_of(values),
                format!("enum values repeat the Rust variant `{variant}` (from `{value}`)"),
            );
            sound = false;
        }
    }
    sound.then(|| values.value.clone())
}

/// Checks a scalar from the spec against a type.
fn fit(scalar: &Scalar, ty: &Type) -> Result<Value, String> {
    match (ty, scalar) {
        (Type::String, Scalar::String(text)) => Ok(Value::String(text.clone())),
        (Type::Integer, Scalar::Integer(number)) => Ok(Value::Integer(*number)),
        (Type::Boolean, Scalar::Bool(flag)) => Ok(Value::Boolean(*flag)),
        (Type::DurationSeconds, Scalar::Integer(seconds)) => u64::try_from(*seconds)
            .ok()
            .filter(|seconds| (1..=MAX_DURATION_SECS).contains(seconds))
            .map(Value::DurationSeconds)
            .ok_or_else(|| {
                format!("expected a number of seconds from 1 to {MAX_DURATION_SECS} (ten years), found {seconds}")
            }),
        // Kept as it travels: the runtime sends `Url`'s own spelling
        // (`https://a.com` goes out as `https://a.com/`), and the documented
        // request must match what is sent.
        (Type::Url, Scalar::String(text)) => url::Url::parse(text)
            .map(|url| Value::Url(url.to_string()))
            .map_err(|error| format!("`{text}` is not a URL: {error}")),
        (Type::Enum(_), Scalar::String(text)) => Ok(Value::Enum(text.clone())),
        // Kept as it travels: lower case with hyphens, as `Uuid` writes it.
        (Type::Uuid, Scalar::String(text)) => crate::types::fit::canonical_uuid(text)
            .map(Value::Uuid)
            .ok_or_else(|| format!("`{text}` is not a UUID (`a9bc74bd-311b-43f0-aff7-faba24ce35d9`)")),
        (Type::DateTime, Scalar::String(text)) => crate::types::fit::canonical_datetime(text)
            .map(Value::DateTime)
            .ok_or_else(|| {
                format!(
                    "`{text}` is not a date and time (RFC 3339, or without an offset: \
                     `2020-02-26T09:51:08.4636938`)"
                )
            }),
        (Type::List(inner), Scalar::List(items)) => items
            .iter()
            .map(|item| fit(item, inner))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::List),
        // One value is a list of one.
        (Type::List(inner), scalar) => fit(scalar, inner).map(|value| Value::List(vec![value])),
        (_, Scalar::List(_)) => Err("expected one value, found a list".to_owned()),
        (Type::String | Type::Url | Type::Enum(_) | Type::Uuid | Type::DateTime, other) => {
            Err(format!(
                "expected a string, found {}; quote it",
                other.describe()
            ))
        }
        (Type::Integer | Type::DurationSeconds, other) => Err(format!(
            "expected a whole number, found {}",
            other.describe()
        )),
        (Type::Boolean, other) => Err(format!(
            "expected true or false, found {}",
            other.describe()
        )),
    }
}

/// The type a constant has when the spec does not name one.
fn inferred_type(scalar: &Scalar) -> Type {
    match scalar {
        Scalar::Bool(_) => Type::Boolean,
        Scalar::Integer(_) => Type::Integer,
        Scalar::String(_) | Scalar::List(_) => Type::String,
    }
}

fn check_params(cx: &mut Collector, specs: &[ParamSpec], version: u8) -> Vec<Param> {
    let mut seen = HashSet::new();
    let mut fields = HashSet::new();
    let mut params = Vec::new();
    for spec in specs {
        let location = match spec.location.as_ref().map(|l| l.value.as_str()) {
            None | Some("body") => ParamLocation::Body,
            Some("query") => ParamLocation::Query,
            Some("header") => ParamLocation::Header,
            Some("path") if version == 2 => ParamLocation::Path,
            Some(other) => {
                let position = spec.location.as_ref().and_then(position_of);
                let message = if other == "path" {
                    "path parameters need spec format version 2 (`spec: 2`)".to_owned()
                } else if version == 2 {
                    format!(
                        "unknown parameter location `{other}`; expected body, query, header or path"
                    )
                } else {
                    format!("unknown parameter location `{other}`; expected body, query or header")
                };
                cx.error(position, message);
                continue;
            }
        };
        if location == ParamLocation::Header && !http_header_name_is_valid(&spec.name.value) {
            cx.error(
                position_of(&spec.name),
                format!("`{}` is not a valid HTTP header name", spec.name.value),
            );
            continue;
        }
        // The form body sets its own `Content-Type`; a parameter of that
        // name would send the header twice.
        let sends_form = specs
            .iter()
            .any(|other| other.location.as_ref().is_none_or(|l| l.value == "body"));
        if location == ParamLocation::Header
            && sends_form
            && spec.name.value.eq_ignore_ascii_case("content-type")
        {
            cx.error(
                position_of(&spec.name),
                "header parameter `Content-Type` would be sent twice: the form body sets it to \
                 `application/x-www-form-urlencoded`; remove the parameter"
                    .to_owned(),
            );
            continue;
        }
        let wire_key = match location {
            ParamLocation::Header => spec.name.value.to_ascii_lowercase(),
            _ => spec.name.value.clone(),
        };
        if !seen.insert((location, wire_key)) {
            cx.error(
                position_of(&spec.name),
                format!("duplicate parameter `{}`", spec.name.value),
            );
            continue;
        }
        if let Some(kind) = check_param_kind(cx, spec, version) {
            let caller_set = matches!(kind, ParamKind::Caller { .. });
            if caller_set && !check_field_name(cx, &spec.name, "parameter") {
                continue;
            }
            if location == ParamLocation::Header && !check_header_param_value(cx, spec, &kind) {
                continue;
            }
            if location == ParamLocation::Path
                && !matches!(
                    kind,
                    ParamKind::Caller {
                        presence: Presence::Required,
                        secret: false,
                        ..
                    }
                )
            {
                cx.error(
                    position_of(&spec.name),
                    format!(
                        "path parameter `{}` must be required and not secret: every request \
                         names the resource in its path (remove `const`, `default`, `optional` \
                         or `secret`)",
                        spec.name.value
                    ),
                );
                continue;
            }
            if caller_set && !fields.insert(field_ident(&spec.name.value)) {
                cx.error(
                    position_of(&spec.name),
                    format!(
                        "parameter `{}` gives the same Rust field name as an earlier parameter",
                        spec.name.value
                    ),
                );
                continue;
            }
            params.push(Param {
                name: spec.name.value.clone(),
                location,
                doc: spec.doc.clone(),
                kind,
            });
        }
    }
    params
}

/// Version 2: each `{name}` of the path is one whole segment and names
/// exactly one `in: path` parameter, and each path parameter is used once.
fn check_path_template(
    cx: &mut Collector,
    path: &Spanned<String>,
    specs: &[ParamSpec],
    params: &[Param],
) {
    let at = position_of(path);
    let mut used: Vec<&str> = Vec::new();
    for segment in path.value.split('/') {
        let opens = segment.matches('{').count();
        let closes = segment.matches('}').count();
        if opens == 0 && closes == 0 {
            continue;
        }
        let name = segment
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
            .filter(|name| !name.is_empty() && !name.contains(['{', '}']));
        let Some(name) = name else {
            cx.error(
                at,
                format!(
                    "path segment `{segment}` must be a whole `{{name}}` placeholder or plain \
                     text; a placeholder cannot share a segment or nest"
                ),
            );
            continue;
        };
        if used.contains(&name) {
            cx.error(
                at,
                format!("the path names `{{{name}}}` twice; each path parameter fills one place"),
            );
            continue;
        }
        used.push(name);
        let declared = specs.iter().find(|spec| {
            spec.name.value == name && spec.location.as_ref().is_some_and(|l| l.value == "path")
        });
        if declared.is_none() {
            cx.error(
                at,
                format!(
                    "the path has `{{{name}}}`, but no parameter `{name}` with `in: path`; \
                     declare it under `request.params`"
                ),
            );
        }
    }
    for param in params.iter().filter(|p| p.location == ParamLocation::Path) {
        if !used.contains(&param.name.as_str()) {
            let declared = specs.iter().find(|spec| spec.name.value == param.name);
            cx.error(
                declared.and_then(|spec| position_of(&spec.name)),
                format!(
                    "path parameter `{}` is not in the path `{}`; add `{{{}}}` there or remove \
                     the parameter",
                    param.name, path.value, param.name
                ),
            );
        }
    }
}

/// A header parameter's constant or default is sent as the header's value
/// on every request that does not set another; one a header cannot carry
/// would make every such `encode` fail.
fn check_header_param_value(cx: &mut Collector, spec: &ParamSpec, kind: &ParamKind) -> bool {
    let (value, at, what) = match kind {
        ParamKind::Constant(value) => (value, spec.constant.as_ref(), "constant"),
        ParamKind::Caller {
            presence: Presence::Default(value),
            ..
        } => (value, spec.default.as_ref(), "default"),
        ParamKind::Caller { .. } => return true,
    };
    let Some(problem) = header_value_problem(&value.to_wire()) else {
        return true;
    };
    cx.error(
        at.and_then(position_of),
        format!(
            "the {what} of header parameter `{}` {problem}",
            spec.name.value
        ),
    );
    false
}

/// What keeps `text` from being sent as an HTTP header value and read back
/// unchanged, completing "the value …"; `None` when nothing does. RFC 9110
/// section 5.5: visible ASCII, with spaces and tabs only between.
/// Control characters (a line break would end the header) make `encode`
/// fail; surrounding whitespace is dropped by whoever reads the header, and
/// bytes beyond ASCII have no agreed meaning and cannot be read back as
/// text, so a documented request with either never matches its replay.
/// The value itself is not shown: it may be secret.
pub(crate) fn header_value_problem(text: &str) -> Option<String> {
    for (index, ch) in text.chars().enumerate() {
        let at = index + 1;
        let code = u32::from(ch);
        let what = match ch {
            '\t' | ' '..='~' => continue,
            '\r' => "a carriage return",
            '\n' => "a line feed",
            '\0' => "a NUL character",
            '\u{7f}' => "a DEL character",
            _ if ch.is_ascii_control() => "a control character",
            _ => {
                return Some(format!(
                    "has the non-ASCII character U+{code:04X} at character {at}; header values are ASCII text"
                ));
            }
        };
        return Some(format!(
            "has {what} (U+{code:04X}) at character {at}, which a header value cannot carry"
        ));
    }
    let edge = if text.starts_with([' ', '\t']) {
        "starts"
    } else if text.ends_with([' ', '\t']) {
        "ends"
    } else {
        return None;
    };
    Some(format!(
        "{edge} with whitespace, which HTTP drops from header values"
    ))
}

fn check_param_kind(cx: &mut Collector, spec: &ParamSpec, version: u8) -> Option<ParamKind> {
    let name = &spec.name.value;
    if let Some(constant) = &spec.constant {
        let mut sound = true;
        if let Some(default) = &spec.default {
            cx.error(
                position_of(default),
                format!(
                    "parameter `{name}` is a constant and cannot also have a default; remove `default` or `const`"
                ),
            );
            sound = false;
        }
        if let Some(optional) = &spec.optional {
            cx.error(
                position_of(optional),
                format!(
                    "parameter `{name}` is a constant, so the caller cannot set or omit it; remove `optional` or `const`"
                ),
            );
            sound = false;
        }
        if spec.secret {
            cx.error(
                position_of(&spec.name),
                format!(
                    "parameter `{name}` is a constant written in the spec, so it cannot be secret; remove `secret` or `const`"
                ),
            );
            sound = false;
        }
        let ty = match &spec.ty {
            Some(ty) => check_type(cx, ty, spec.values.as_ref(), version)?,
            None => inferred_type(&constant.value),
        };
        return match fit(&constant.value, &ty) {
            Ok(value) => sound.then_some(ParamKind::Constant(value)),
            Err(problem) => {
                cx.error(
                    position_of(constant),
                    format!("constant of `{name}`: {problem}"),
                );
                None
            }
        };
    }

    let Some(ty_name) = &spec.ty else {
        cx.error(
            position_of(&spec.name),
            format!("parameter `{name}` needs a `type` ({TYPE_NAMES}) or a `const` value"),
        );
        return None;
    };
    let ty = if ty_name.value == "list" && version == 2 {
        let Some(items) = &spec.items else {
            cx.error(
                position_of(ty_name),
                format!("`type: list` needs `items`, the type of `{name}`'s elements"),
            );
            return None;
        };
        if items.value == "list" {
            cx.error(
                position_of(items),
                "a list parameter's elements cannot be lists",
            );
            return None;
        }
        let location = spec.location.as_ref().map(|l| l.value.as_str());
        if location != Some("query") {
            cx.error(
                position_of(ty_name),
                format!(
                    "list parameter `{name}` must be `in: query`: its elements travel as repeated \
                     keys (`type=a&type=b`)"
                ),
            );
            return None;
        }
        if spec.default.is_some() {
            cx.error(
                position_of(ty_name),
                format!("list parameter `{name}` cannot have a default; make it `optional`"),
            );
            return None;
        }
        Type::List(Box::new(check_type(
            cx,
            items,
            spec.values.as_ref(),
            version,
        )?))
    } else {
        if let Some(items) = &spec.items {
            cx.error(position_of(items), "`items` goes with `type: list`");
            return None;
        }
        check_type(cx, ty_name, spec.values.as_ref(), version)?
    };
    check_secret_type(cx, spec.secret, &ty, ty_name)?;
    let optional = spec.optional.as_ref().is_some_and(|o| o.value);
    let presence = match (&spec.default, optional) {
        (Some(default), true) => {
            cx.error(
                position_of(default),
                format!(
                    "parameter `{name}` is optional and has a default; keep one: a default is sent when the caller sets nothing"
                ),
            );
            return None;
        }
        (Some(default), false) => match fit(&default.value, &ty) {
            Ok(value) => Presence::Default(value),
            Err(problem) => {
                cx.error(
                    position_of(default),
                    format!("default of `{name}`: {problem}"),
                );
                return None;
            }
        },
        (None, true) => Presence::Optional,
        (None, false) => Presence::Required,
    };
    Some(ParamKind::Caller {
        ty,
        secret: spec.secret,
        presence,
    })
}

fn check_response(cx: &mut Collector, spec: &SpecFile, version: u8) -> Response {
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

fn check_field(cx: &mut Collector, spec: &FieldSpec, names: &mut HashSet<String>) -> Option<Field> {
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

fn check_header(
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

/// Each enum becomes a Rust type named after its parameter, field or
/// header, so two enums of the same name would clash.
fn check_enum_names(cx: &mut Collector, spec: &SpecFile, params: &[Param], response: &Response) {
    let params = params.iter().filter_map(|param| match &param.kind {
        ParamKind::Caller { ty, .. } if matches!(ty.element(), Type::Enum(_)) => {
            Some(param.name.as_str())
        }
        _ => None,
    });
    let fields = response
        .fields
        .iter()
        .filter(|field| matches!(field.ty, Type::Enum(_)))
        .map(|field| field.name.as_str());
    let headers = response
        .headers
        .iter()
        .filter(|header| matches!(header.ty, Type::Enum(_)))
        .map(|header| header.field.as_str());
    // The other generated types: `Request`, `Response`, `Client` and the
    // endpoint in a module; `{Type}Request` and so on beside a derive, where
    // enums are prefixed the same way.
    let endpoint_type = spec.endpoint.name.value.to_upper_camel_case();
    let reserved = [
        "Request",
        "Required",
        "Response",
        "Client",
        endpoint_type.as_str(),
    ];
    let mut seen = HashSet::new();
    for name in params.chain(fields).chain(headers) {
        let type_name = name.to_upper_camel_case();
        let position = spec
            .request
            .params
            .iter()
            .map(|param| &param.name)
            .chain(
                spec.response
                    .iter()
                    .flat_map(|response| &response.fields)
                    .map(|field| &field.name),
            )
            .chain(
                spec.response
                    .iter()
                    .flat_map(|response| &response.headers)
                    .map(|header| &header.name),
            )
            .rfind(|spanned| spanned.value == name)
            .and_then(position_of);
        if reserved.contains(&type_name.as_str()) {
            cx.error(
                position,
                format!(
                    "the enum of `{name}` would be the Rust type `{type_name}`, which the generated code already uses; rename `{name}`"
                ),
            );
        } else if !seen.insert(type_name.clone()) {
            cx.error(
                position,
                format!(
                    "two enums would both be the Rust type `{type_name}`; rename the parameter, field or header `{name}`"
                ),
            );
        }
    }
}

/// Secrets are held in `SecretString`, so only strings can be secret.
fn check_secret_type(
    cx: &mut Collector,
    secret: bool,
    ty: &Type,
    at: &Spanned<String>,
) -> Option<()> {
    if secret && *ty != Type::String {
        cx.error(
            position_of(at),
            format!("only `string` values can be secret, not `{}`", at.value),
        );
        return None;
    }
    Some(())
}

/// RFC 9110 `token` characters.
fn http_header_name_is_valid(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

struct Declared {
    params: HashSet<String>,
    fields: HashSet<String>,
    /// Header parameters, in lower case.
    header_params: HashSet<String>,
    /// Some parameter that may travel in the body has its own problem, so
    /// whether a request has a body (and a `Content-Type`) is unknown.
    unsound_body: bool,
}

/// Request headers that the HTTP client, not the endpoint, decides; an
/// example may document them freely. The runtime's
/// `kontur_extern::TRANSPORT_HEADERS`, which a test keeps equal.
pub const TRANSPORT_HEADERS: [&str; 7] = [
    "host",
    "content-length",
    "connection",
    "accept",
    "accept-encoding",
    "transfer-encoding",
    "user-agent",
];

/// The `Content-Type` the runtime's encoder sets when a request has a form
/// body; a test checks it against an encoded request.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// The `Content-Type` of a JSON request body.
pub const JSON_CONTENT_TYPE: &str = "application/json";

/// The `Content-Type` of a binary request body without a `Content-Type`
/// header parameter.
pub const BINARY_CONTENT_TYPE: &str = "application/octet-stream";

/// The replay server answers an example only when a request matches every
/// documented request header that is neither a transport header nor a
/// header parameter, so each of those must be one the endpoint sends, with
/// the value it sends: only `Content-Type`, for a request with a body.
fn check_example_request_headers(
    cx: &mut Collector,
    spec: &ExampleSpec,
    declared: &Declared,
    params: &[Param],
    body_type: Option<&str>,
) {
    let example = &spec.name.value;
    let listed = |param: &Param| {
        spec.request
            .params
            .0
            .iter()
            .any(|(name, _)| name.value == param.name)
    };
    let (has_body, content_type) = match body_type {
        Some(content_type) => (true, content_type),
        None => (false, FORM_CONTENT_TYPE),
    };
    let has_body = has_body
        || params.iter().any(|param| {
            param.location == ParamLocation::Body
                && match &param.kind {
                    ParamKind::Constant(_) => true,
                    ParamKind::Caller { presence, .. } => {
                        *presence != Presence::Optional || listed(param)
                    }
                }
        });
    for (name, value) in &spec.request.headers.0 {
        let lower = name.value.to_ascii_lowercase();
        if TRANSPORT_HEADERS.contains(&lower.as_str()) || declared.header_params.contains(&lower) {
            continue;
        }
        let documented = value.value.to_string();
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
            (
                position_of(name),
                ", but its request has no body parameter, so the endpoint sends no `Content-Type`; remove it".to_owned(),
            )
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

fn check_example(
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
            check_outcome_example(cx, spec, outcomes, v2, status);
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
                    fit_body(
                        cx,
                        v2.space,
                        ty,
                        &body.value,
                        Placement::of(v2.text, body_position, &body.value),
                        &format!("example `{example}`: the response body"),
                    );
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
    let body_type = if v2.json.is_some() {
        Some(JSON_CONTENT_TYPE)
    } else if v2.binary_body {
        Some(BINARY_CONTENT_TYPE)
    } else {
        None
    };
    check_example_request_headers(cx, spec, declared, params, body_type);
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

    (cx.count() == before).then(|| Example {
        name: example.clone(),
        doc: spec.doc.clone(),
        request_headers: pairs(&spec.request.headers.0),
        params: values,
        response_status: status,
        response_headers: pairs(&spec.response.headers.0),
        response_body: body.value.clone(),
        request_body: spec.request.body.as_ref().map(|b| b.value.clone()),
    })
}

/// An example of a spec with `responses`: its status picks the outcome,
/// whose body and headers it must fit.
fn check_outcome_example(
    cx: &mut Collector,
    spec: &ExampleSpec,
    outcomes: &Outcomes,
    v2: &V2Example<'_>,
    status: u16,
) {
    let example = &spec.name.value;
    let body = &spec.response.body;
    let body_position = position_of(body);
    if let Some(outcome) = outcomes.for_status(status) {
        match &outcome.body {
            // Raw bytes: any documented text.
            None if outcome.binary => {}
            Some(ty) => {
                if let Err(error) = serde_json::from_str::<serde_json::Value>(&body.value) {
                    cx.error(
                        body_position,
                        format!("example `{example}`: the response body is not JSON ({error})"),
                    );
                } else if v2.sound {
                    fit_body(
                        cx,
                        v2.space,
                        ty,
                        &body.value,
                        Placement::of(v2.text, body_position, &body.value),
                        &format!("example `{example}`: the response body"),
                    );
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

/// An example's error body, in the spec's error format.
fn check_error_body(
    cx: &mut Collector,
    spec: &ExampleSpec,
    json: &serde_json::Value,
    format: ErrorFormat,
) {
    let (key, what) = match format {
        ErrorFormat::OAuth2 => ("error", "RFC 6749 section 5.2"),
        ErrorFormat::KonturApi => ("id", "the Kontur.Extern API's error object"),
    };
    if !json.get(key).is_some_and(serde_json::Value::is_string) {
        cx.error(
            position_of(&spec.response.body),
            format!(
                "example `{}`: an error response needs an `{key}` string field ({what})",
                spec.name.value
            ),
        );
    }
}

fn check_example_headers(cx: &mut Collector, spec: &ExampleSpec, headers: &[Header]) {
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

/// Header values are text; this mirrors how the runtime reads them.
fn fit_header(text: &str, ty: &Type) -> Result<(), String> {
    let scalar = match ty {
        Type::Integer | Type::DurationSeconds => text
            .trim()
            .parse()
            .map(Scalar::Integer)
            .map_err(|_| format!("expected a whole number, found `{text}`"))?,
        Type::Boolean => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Scalar::Bool(true),
            "false" => Scalar::Bool(false),
            _ => return Err(format!("expected true or false, found `{text}`")),
        },
        _ => Scalar::String(text.to_owned()),
    };
    fit(&scalar, ty).map(drop)
}

/// Every way a documented JSON body disagrees with the declared fields.
fn body_misfits(
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

fn fit_json(value: &serde_json::Value, ty: &Type) -> Result<(), String> {
    let scalar = match value {
        serde_json::Value::String(text) => Scalar::String(text.clone()),
        serde_json::Value::Bool(flag) => Scalar::Bool(*flag),
        serde_json::Value::Number(number) => match number.as_i64() {
            Some(whole) => Scalar::Integer(whole),
            None => return Err(format!("expected a whole number, found {number}")),
        },
        serde_json::Value::Null => return Err("is null, but the field is not `nullable`".into()),
        other => return Err(format!("expected a scalar, found {other}")),
    };
    fit(&scalar, ty).map(drop)
}

fn value_type(value: &Value) -> Type {
    match value {
        Value::String(_) => Type::String,
        Value::Integer(_) => Type::Integer,
        Value::Boolean(_) => Type::Boolean,
        Value::DurationSeconds(_) => Type::DurationSeconds,
        Value::Url(_) => Type::Url,
        Value::Uuid(_) => Type::Uuid,
        Value::DateTime(_) => Type::DateTime,
        Value::Enum(_) => Type::Enum(Vec::new()),
        Value::List(values) => {
            Type::List(Box::new(values.first().map_or(Type::String, value_type)))
        }
    }
}

fn pairs(map: &[(Spanned<String>, Spanned<Scalar>)]) -> Vec<(String, String)> {
    map.iter()
        .map(|(name, value)| (name.value.clone(), value.value.to_string()))
        .collect()
}
