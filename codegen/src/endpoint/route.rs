//! Where a request goes: the method, the base URL, the path and its
//! `{template}` of path parameters. Runtime half: `encode.rs` (the path),
//! `endpoint.rs` (`Metadata`).

use serde_saphyr::Spanned;

use crate::diagnostic::{Collector, unprintable};
use crate::model::{Method, Param, ParamLocation};
use crate::spec::ParamSpec;
use crate::yaml::position_of;

pub(crate) fn check_method(cx: &mut Collector, method: &Spanned<String>) -> Option<Method> {
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

pub(crate) fn check_url(cx: &mut Collector, url: &Spanned<String>, key: &str) -> Option<String> {
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

/// Version 2: each `{name}` of the path is one whole segment and names
/// exactly one `in: path` parameter, and each path parameter is used once.
pub(crate) fn check_path_template(
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

/// The path as written: no query or fragment, absolute, no dot segment
/// (which would climb out of the base URL's path), and no character that
/// a URL path or a terminal would not show as itself.
pub(crate) fn check_path(cx: &mut Collector, path: &Spanned<String>) {
    let shown = path.value.escape_debug();
    if let Some(c) = path
        .value
        .chars()
        .find(|c| c.is_control() || unprintable(*c))
    {
        cx.error(
            position_of(path),
            format!(
                "path `{shown}` holds the character U+{:04X}, a control, bidirectional or \
                 zero-width character; write the path with visible characters only",
                c as u32
            ),
        );
    } else if path.value.contains(['?', '#']) {
        cx.error(
            position_of(path),
            format!(
                "path `{}` must not contain `?` or `#`; declare query parameters with `in: query`",
                path.value
            ),
        );
    } else if !path.value.starts_with('/') {
        cx.error(
            position_of(path),
            format!("path `{}` must start with `/`", path.value),
        );
    } else if let Some(segment) = path.value.split('/').find(|s| is_dot_segment(s)) {
        cx.error(
            position_of(path),
            format!(
                "path `{}` has the segment `{segment}`, which would move the request out of \
                 the base URL's path; write the path without `.` or `..` segments",
                path.value
            ),
        );
    }
}

/// `.` or `..`, also percent-encoded (`%2e`, `.%2E`, …), as URL parsers
/// read them.
fn is_dot_segment(segment: &str) -> bool {
    let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
    decoded == "." || decoded == ".."
}
