use std::sync::Arc;

use http::header::{ACCEPT, CONTENT_TYPE, HeaderName, HeaderValue, USER_AGENT};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use secrecy::SecretString;
use serde::Serialize;

use crate::wire::ToWire;
use crate::{Error, Metadata, Url};

const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";
const JSON_CONTENT_TYPE: &str = "application/json";
const BINARY_CONTENT_TYPE: &str = "application/octet-stream";

/// The `User-Agent` every request carries unless the caller sets another
/// (`Client::with_user_agent`): who sends it, and which version.
pub const USER_AGENT_VALUE: &str = concat!("kontur-extern/", env!("CARGO_PKG_VERSION"));

/// What a path parameter's value may hold unencoded: RFC 3986's unreserved
/// characters. Everything else, `/` included, is percent-encoded, so a value
/// stays one path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Builds an HTTP request from parameters; used by generated `encode`.
pub struct RequestEncoder {
    method: http::Method,
    url: Url,
    headers: http::HeaderMap,
    form: Option<form_urlencoded::Serializer<'static, String>>,
    json: Option<Vec<u8>>,
    secrets: Vec<SecretString>,
    problem: Option<Error>,
    /// What the request accepts: the endpoint's response media type
    /// (`application/json`, or `application/octet-stream` for a download).
    accept: Option<HeaderValue>,
    /// A raw body (spec `body: binary`).
    binary: Option<Vec<u8>>,
    /// The endpoint's path template when it has placeholders, and the path
    /// parameters' values: `finish` fills it in below the base URL's path.
    template: Option<&'static str>,
    path_values: Vec<(&'static str, String)>,
}

/// The secret values a request carries, kept in its extensions so that the
/// client can remove them from any text it shows about the answer.
#[derive(Clone, Default)]
pub(crate) struct SentSecrets(pub(crate) Arc<[SecretString]>);

impl RequestEncoder {
    /// Starts a request to `base_url` joined with the endpoint's path.
    pub fn new(metadata: &Metadata, base_url: &Url) -> Result<Self, Error> {
        // A path with placeholders is set once, filled, in `finish`.
        let template = metadata.path.contains('{').then_some(metadata.path);
        let url = match template {
            Some(_) => checked_base_url(base_url)?.clone(),
            None => endpoint_url(base_url, metadata.path)?,
        };
        Ok(RequestEncoder {
            method: metadata.method.clone(),
            url,
            headers: http::HeaderMap::new(),
            form: None,
            json: None,
            secrets: Vec::new(),
            problem: None,
            accept: accept(metadata.content_type),
            binary: None,
            template,
            path_values: Vec::new(),
        })
    }

    /// Sets a raw body (spec version 2's `body: binary`), sent as
    /// `application/octet-stream` unless a `Content-Type` header parameter
    /// says otherwise.
    pub fn binary(&mut self, body: &[u8]) {
        self.binary = Some(body.to_vec());
    }

    /// Puts a path parameter's value in place of `{name}` in the path
    /// (spec version 2), percent-encoded as one segment. An empty value, or
    /// `.` or `..` (which would change the path's meaning), fails the
    /// request.
    pub fn path<T: ToWire + ?Sized>(&mut self, name: &'static str, value: &T) {
        let text = value.to_wire_text();
        self.remember(value, &text);
        if matches!(text.as_ref(), "" | "." | "..") {
            self.problem.get_or_insert(Error::InvalidRequest {
                reason: format!(
                    "path parameter `{name}` is empty, `.` or `..`, which would change the path"
                ),
            });
            return;
        }
        self.path_values.push((name, text.into_owned()));
    }

    /// Adds a field to the `application/x-www-form-urlencoded` body.
    pub fn form<T: ToWire + ?Sized>(&mut self, name: &str, value: &T) {
        let text = value.to_wire_text();
        self.remember(value, &text);
        self.form
            .get_or_insert_with(|| form_urlencoded::Serializer::new(String::new()))
            .append_pair(name, &text);
    }

    /// Sets the `application/json` body (spec version 2's `request.json`);
    /// a second call replaces it. Secret strings written in it (through
    /// `serialize_secret`) are scrubbed from what the server echoes, as a
    /// secret form field is. A value that cannot be written fails the
    /// request, with serde_json's reason and never the value.
    pub fn json<T: Serialize + ?Sized>(&mut self, body: &T) {
        let (written, secrets) = crate::json::collecting_secrets(|| serde_json::to_vec(body));
        self.secrets.extend(secrets);
        match written {
            Ok(bytes) => self.json = Some(bytes),
            Err(error) => {
                self.problem.get_or_insert(Error::InvalidRequest {
                    reason: format!("the JSON body cannot be written: {error}"),
                });
            }
        }
    }

    /// Adds a query parameter.
    pub fn query<T: ToWire + ?Sized>(&mut self, name: &str, value: &T) {
        let text = value.to_wire_text();
        self.remember(value, &text);
        self.url.query_pairs_mut().append_pair(name, &text);
    }

    fn remember<T: ToWire + ?Sized>(&mut self, value: &T, text: &str) {
        if value.is_secret() {
            self.secrets.push(SecretString::from(text));
        }
    }

    /// Adds a header; a value that cannot be a header fails the request.
    pub fn header<T: ToWire + ?Sized>(&mut self, name: &'static str, value: &T) {
        let header = spec_header_name(name);
        let text = value.to_wire_text();
        self.remember(value, &text);
        match HeaderValue::from_str(&text) {
            Ok(mut header_value) => {
                header_value.set_sensitive(value.is_secret());
                self.headers.append(header, header_value);
            }
            Err(_) => {
                self.problem.get_or_insert(Error::InvalidRequest {
                    reason: format!(
                        "the value of header `{name}` has characters a header cannot carry (line breaks or control characters)"
                    ),
                });
            }
        }
    }

    /// The finished request.
    pub fn finish(self) -> Result<http::Request<Vec<u8>>, Error> {
        self.finished()?.into_http()
    }

    /// The finished request, as a client sends it: without an `http::Uri`
    /// parsed from the URL, nor extensions to carry what the client needs.
    pub fn finished(mut self) -> Result<Encoded, Error> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        if let Some(template) = self.template {
            // The URL's path is still the base URL's.
            let base_path = self.url.path().trim_end_matches('/');
            let mut path = String::with_capacity(base_path.len() + template.len() + 64);
            path.push_str(base_path);
            push_filled_path(&mut path, template, &self.path_values);
            self.url.set_path(&path);
        }
        if !self.headers.contains_key(USER_AGENT) {
            self.headers
                .insert(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE));
        }
        if let Some(accept) = self.accept.take()
            && !self.headers.contains_key(ACCEPT)
        {
            self.headers.insert(ACCEPT, accept);
        }
        let has_content_type = self.headers.contains_key(CONTENT_TYPE);
        let (body, content_type) = match (self.form, self.json, self.binary) {
            (Some(mut form), None, None) => (form.finish().into_bytes(), Some(FORM_CONTENT_TYPE)),
            (None, Some(json), None) => (json, Some(JSON_CONTENT_TYPE)),
            (None, None, Some(binary)) => {
                (binary, (!has_content_type).then_some(BINARY_CONTENT_TYPE))
            }
            (None, None, None) => (Vec::new(), None),
            _ => {
                return Err(Error::InvalidRequest {
                    reason: "the request has two kinds of body (form, JSON, binary); the generated code is wrong, please report it".into(),
                });
            }
        };
        if let Some(content_type) = content_type {
            self.headers
                .append(CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
        Ok(Encoded {
            method: self.method,
            url: self.url,
            headers: self.headers,
            body,
            secrets: self.secrets,
        })
    }
}

/// A request as generated `encode_request` builds it: what
/// [`Endpoint::encode`](crate::Endpoint::encode) turns into an
/// `http::Request`, and what a [`Client`](crate::Client) sends as it is.
pub struct Encoded {
    method: http::Method,
    url: Url,
    headers: http::HeaderMap,
    body: Vec<u8>,
    /// The secret values the request carries, which the client removes
    /// from any text it shows about the answer.
    secrets: Vec<SecretString>,
}

impl Encoded {
    /// The `http::Request`, the secrets kept in its extensions.
    pub fn into_http(self) -> Result<http::Request<Vec<u8>>, Error> {
        let mut builder = http::Request::builder()
            .method(self.method)
            .uri(self.url.as_str());
        if let Some(headers) = builder.headers_mut() {
            *headers = self.headers;
        }
        let mut request = builder
            .body(self.body)
            .map_err(|error| Error::InvalidRequest {
                reason: format!("cannot build the HTTP request: {error}"),
            })?;
        if !self.secrets.is_empty() {
            request
                .extensions_mut()
                .insert(SentSecrets(self.secrets.into()));
        }
        Ok(request)
    }

    /// The request for reqwest, with `body` in place of its own when given
    /// (shared, not copied), and the secrets it carries.
    pub(crate) fn into_reqwest(
        self,
        body: Option<&bytes::Bytes>,
    ) -> (reqwest::Request, Vec<SecretString>) {
        let mut request = reqwest::Request::new(self.method, self.url);
        *request.headers_mut() = self.headers;
        *request.body_mut() = Some(match body {
            Some(body) => body.clone().into(),
            None => self.body.into(),
        });
        (request, self.secrets)
    }
}

/// The endpoint's path `template` with each whole segment `{name}` that
/// `values` names replaced by its value, percent-encoded as one segment.
/// Other segments stay as written (a version 1 path is literal, braces
/// included), for the URL to encode as it encodes any path.
pub(crate) fn fill_path(template: &str, values: &[(&str, String)]) -> String {
    let mut path = String::with_capacity(template.len() + 64);
    push_filled_path(&mut path, template, values);
    path
}

/// [`fill_path`], written at the end of `path`.
fn push_filled_path(path: &mut String, template: &str, values: &[(&str, String)]) {
    for (at, segment) in template.split('/').enumerate() {
        if at > 0 {
            path.push('/');
        }
        let value = segment
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
            .and_then(|name| values.iter().find(|(known, _)| *known == name));
        match value {
            Some((_, value)) => path.extend(utf8_percent_encode(value, SEGMENT)),
            None => path.push_str(segment),
        }
    }
}

/// The `Accept` for a response of `content_type`: its media type without
/// parameters (`application/json; charset=utf-8` → `application/json`).
fn accept(content_type: &'static str) -> Option<HeaderValue> {
    let essence = content_type.split(';').next()?.trim();
    if essence.is_empty() {
        return None;
    }
    // The spec's text, not copied for every request: `from_static` takes
    // what is visible ASCII (as a media type is), and panics on anything
    // else, which `from_str` judges as it did.
    if essence
        .bytes()
        .all(|b| b == b'\t' || (32..127).contains(&b))
    {
        Some(HeaderValue::from_static(essence))
    } else {
        HeaderValue::from_str(essence).ok()
    }
}

/// Header names come from a checked spec, so they are valid tokens.
fn spec_header_name(name: &str) -> HeaderName {
    HeaderName::from_bytes(name.as_bytes())
        .unwrap_or_else(|_| unreachable!("the spec checker accepted header name `{name}`"))
}

/// `base_url` with `path` appended below its own path, so that a base URL
/// such as `http://127.0.0.1:8080/identity` keeps its prefix.
pub(crate) fn endpoint_url(base_url: &Url, path: &str) -> Result<Url, Error> {
    let mut url = checked_base_url(base_url)?.clone();
    match base_url.path().trim_end_matches('/') {
        // A base URL without a path of its own, as most are: the path as
        // it is, without a copy joined to nothing.
        "" => url.set_path(path),
        base_path => url.set_path(&format!("{base_path}{path}")),
    }
    Ok(url)
}

/// `base_url` when requests can go to it (see [`check_base_url`]) and it
/// has no query or fragment.
fn checked_base_url(base_url: &Url) -> Result<&Url, Error> {
    check_base_url(base_url)?;
    if base_url.query().is_some() || base_url.fragment().is_some() {
        return Err(Error::InvalidRequest {
            reason: format!(
                "base URL `{}` must not have a query or a fragment",
                shown_url(base_url)
            ),
        });
    }
    Ok(base_url)
}

/// Refuses base URLs that cannot carry requests, or that carry a user name
/// or password: those would be sent to the server in clear and shown in
/// messages. Say credentials in a spec parameter or a token instead.
pub(crate) fn check_base_url(base_url: &Url) -> Result<(), Error> {
    if base_url.cannot_be_a_base() || !matches!(base_url.scheme(), "http" | "https") {
        return Err(Error::InvalidRequest {
            reason: format!(
                "base URL `{}` is not an http or https URL",
                shown_url(base_url)
            ),
        });
    }
    if !base_url.username().is_empty() || base_url.password().is_some() {
        return Err(Error::InvalidRequest {
            reason: format!(
                "base URL `{}` has a user name or password; remove it: credentials go in the request's parameters or a bearer token, never in a URL that is logged",
                shown_url(base_url)
            ),
        });
    }
    Ok(())
}

/// A URL as messages and `Debug` show it: without user name, password,
/// query or fragment, which may carry secrets (`?apikey=…`).
pub(crate) fn shown_url(url: &Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    let hidden = url.query().is_some() || url.fragment().is_some();
    shown.set_query(None);
    shown.set_fragment(None);
    let mut text = String::from(shown);
    if (!url.username().is_empty() || url.password().is_some())
        && let Some(at) = text.find("://")
    {
        text.insert_str(at + 3, "[redacted]@");
    }
    if hidden {
        text.push_str("?[redacted]");
    }
    text
}
