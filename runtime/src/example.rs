use serde_json::Value;

use crate::{Endpoint, Metadata, Url};

/// A documented exchange from a spec: the typed request built from the
/// documented values, and the documented request and response as text.
///
/// Its `Debug` shows no secret, documented or not: the typed request's
/// secrets are redacted as always, a [`DocumentedParam`] marked secret shows
/// `[secret]`, and the documented response body shows `[redacted]` for the
/// values of secret-looking JSON keys (`access_token`, `refresh_token`, …).
/// Documentation is public, but a spec author may have pasted a real
/// exchange, and a `Debug` print ends up in logs. The fields themselves are
/// exact, for tests and the replay server.
#[derive(Clone, Debug)]
pub struct Example<R> {
    /// The example's name in the spec.
    pub name: &'static str,
    /// What the spec says about the example.
    pub doc: &'static str,
    /// The documented parameter values as a typed request.
    pub request: R,
    /// The request as documented.
    pub documented_request: DocumentedRequest,
    /// The response as documented.
    pub documented_response: DocumentedResponse,
}

/// A request as its documentation shows it.
#[derive(Clone)]
pub struct DocumentedRequest {
    /// Headers in documented order, including those the HTTP client sets
    /// (`Host`, `Content-Length`, `Accept-Encoding`, …).
    pub headers: &'static [(&'static str, &'static str)],
    /// Every parameter the request carries, as text: those the example
    /// lists, in its order, then the constants and defaults it leaves out.
    pub params: &'static [DocumentedParam],
    /// The documented JSON body (spec version 2, `request.body: json`), as
    /// text; `None` for a request without one or with a form body.
    pub body: Option<&'static str>,
    /// The documented binary body (`request.body: binary`), as text,
    /// compared byte for byte and never shown, only its length.
    pub raw_body: Option<&'static str>,
}

/// A parameter of a documented request.
#[derive(Clone)]
pub struct DocumentedParam {
    /// The name on the wire.
    pub name: &'static str,
    /// The value as text on the wire.
    pub value: &'static str,
    /// Where the parameter travels.
    pub location: ParamLocation,
    /// Compared, but never shown in a [`Difference`].
    pub secret: bool,
}

/// Where a request parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParamLocation {
    /// In place of `{name}` in the path (spec version 2).
    Path,
    /// A field of the `application/x-www-form-urlencoded` body.
    Form,
    /// A query parameter.
    Query,
    /// A header.
    Header,
}

/// A response as its documentation shows it.
#[derive(Clone)]
pub struct DocumentedResponse {
    /// The HTTP status.
    pub status: u16,
    /// Headers in documented order, `Content-Encoding` included.
    pub headers: &'static [(&'static str, &'static str)],
    /// The body before any `Content-Encoding` is applied.
    pub body: &'static str,
}

impl std::fmt::Debug for DocumentedParam {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentedParam")
            .field("name", &self.name)
            .field("value", &if self.secret { SECRET } else { self.value })
            .field("location", &self.location)
            .field("secret", &self.secret)
            .finish()
    }
}

impl std::fmt::Debug for DocumentedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentedRequest")
            .field("headers", &self.headers)
            .field("params", &self.params)
            .field("body", &self.body.map(crate::decode::redacted))
            .field(
                "raw_body",
                &self.raw_body.map(|raw| format!("{} bytes", raw.len())),
            )
            .finish()
    }
}

impl std::fmt::Debug for DocumentedResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentedResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &crate::decode::redacted(self.body))
            .finish()
    }
}

impl DocumentedResponse {
    /// The documented response as an `http::Response`, its body encoded as
    /// the documented `Content-Encoding` says (gzip or deflate). Headers that
    /// describe framing (`Transfer-Encoding`, `Content-Length`) are left to
    /// whoever sends it: the documented ones belong to another body.
    pub fn to_http(&self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(self.encoded_body());
        *response.status_mut() =
            http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::OK);
        let headers = response.headers_mut();
        for (name, value) in self.headers {
            if name.eq_ignore_ascii_case("transfer-encoding")
                || name.eq_ignore_ascii_case("content-length")
            {
                continue;
            }
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::from_bytes(name.as_bytes()),
                http::HeaderValue::from_str(value),
            ) {
                headers.append(name, value);
            }
        }
        response
    }

    /// The body as it travels: compressed when the documented headers say so.
    pub fn encoded_body(&self) -> Vec<u8> {
        use std::io::Write;
        let encoding = self
            .headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content-encoding"))
            .map(|(_, value)| value.trim().to_ascii_lowercase());
        let body = self.body.as_bytes();
        let compressed = match encoding.as_deref() {
            Some("gzip" | "x-gzip") => {
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                encoder.write_all(body).and_then(|()| encoder.finish())
            }
            Some("deflate") => {
                let mut encoder =
                    flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
                encoder.write_all(body).and_then(|()| encoder.finish())
            }
            _ => return body.to_vec(),
        };
        // Compressing into memory cannot fail; keep the plain body if it did.
        compressed.unwrap_or_else(|_| body.to_vec())
    }
}

/// One way a request differs from the documented one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// What differs: `method`, `path`, `header Content-Type`, `form field username`.
    pub what: String,
    /// The documented value; `[secret]` for secret values.
    pub documented: String,
    /// The value in the request; `[secret]` for secret values, `(absent)`
    /// when missing.
    pub found: String,
}

/// Headers that the HTTP client, not the endpoint, decides; the documented
/// values of these are not compared.
pub const TRANSPORT_HEADERS: [&str; 7] = [
    "host",
    "content-length",
    "connection",
    "accept",
    "accept-encoding",
    "transfer-encoding",
    "user-agent",
];

/// Headers whose values are credentials whatever the spec says.
const CREDENTIAL_HEADERS: [&str; 3] = ["authorization", "proxy-authorization", "cookie"];

const ABSENT: &str = "(absent)";
const SECRET: &str = "[secret]";
const NOT_SHOWN: &str = "[not shown]";

impl DocumentedRequest {
    /// How `request` differs from this documented request of endpoint `E`:
    /// method, path below `base_url`, the headers the endpoint sets, and each
    /// parameter where it travels: form fields compared as a form and query
    /// parameters as a query (order and percent-encoding do not matter,
    /// values and repetitions do; a list parameter's repeated key is
    /// compared in order), any header the request has that the
    /// documentation lacks (an optional header parameter left unset there),
    /// a binary [`raw_body`](Self::raw_body) byte for byte (only lengths
    /// shown), and a documented JSON [`body`](Self::body)
    /// as JSON (key order and white space do not matter; the first place
    /// that differs, keys taken in sorted order, is reported, as
    /// `JSON body at sender.inn`). Secret
    /// values are compared but never shown; neither are the values of
    /// parameters the documentation lacks, nor JSON values under a
    /// secret-looking key (`password`, `token`, …).
    pub fn differences<E: Endpoint>(
        &self,
        request: &http::Request<Vec<u8>>,
        base_url: &Url,
    ) -> Vec<Difference> {
        self.differences_for(&E::METADATA, request, base_url)
    }

    /// [`differences`](Self::differences) for the endpoint that `metadata`
    /// describes (its method and path template).
    pub fn differences_for(
        &self,
        metadata: &Metadata,
        request: &http::Request<Vec<u8>>,
        base_url: &Url,
    ) -> Vec<Difference> {
        let mut found = Vec::new();
        let mut differ = |what: String, documented: &str, actual: Vec<&str>, secret: bool| {
            if actual == [documented] {
                return;
            }
            let shown = |text: &str| match text {
                ABSENT => text.to_owned(),
                _ if secret => SECRET.to_owned(),
                _ => text.to_owned(),
            };
            let actual = match actual.as_slice() {
                [] => ABSENT.to_owned(),
                values => values
                    .iter()
                    .map(|v| shown(v))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            found.push(Difference {
                what,
                documented: shown(documented),
                found: actual,
            });
        };

        differ(
            "method".into(),
            metadata.method.as_str(),
            vec![request.method().as_str()],
            false,
        );
        // The template filled with the documented path parameters, encoded
        // as the encoder encodes them.
        let path_values: Vec<(&str, String)> = self
            .params
            .iter()
            .filter(|param| param.location == ParamLocation::Path)
            .map(|param| (param.name, param.value.to_owned()))
            .collect();
        let template = crate::encode::fill_path(metadata.path, &path_values);
        let expected_path = crate::encode::endpoint_url(base_url, &template)
            .map(|url| url.path().to_owned())
            .unwrap_or_default();
        differ(
            "path".into(),
            &expected_path,
            vec![request.uri().path()],
            false,
        );

        let header_values = |name: &str| -> Vec<&str> {
            request
                .headers()
                .get_all(name)
                .iter()
                .map(|value| value.to_str().unwrap_or("(not text)"))
                .collect()
        };
        let secret_header = |name: &str| {
            CREDENTIAL_HEADERS.contains(&name.to_ascii_lowercase().as_str())
                || self.params.iter().any(|param| {
                    param.secret
                        && param.location == ParamLocation::Header
                        && param.name.eq_ignore_ascii_case(name)
                })
        };
        for (name, value) in self.headers {
            let lower = name.to_ascii_lowercase();
            let is_param = self.params.iter().any(|param| {
                param.location == ParamLocation::Header && param.name.eq_ignore_ascii_case(name)
            });
            if TRANSPORT_HEADERS.contains(&lower.as_str()) || is_param {
                continue;
            }
            differ(
                format!("header {name}"),
                value,
                header_values(name),
                secret_header(name),
            );
        }

        // A JSON or binary body is no form; it is compared below.
        let form = match (self.body, self.raw_body) {
            (None, None) => pairs(form_urlencoded::parse(request.body())),
            _ => Vec::new(),
        };
        let query = pairs(form_urlencoded::parse(
            request.uri().query().unwrap_or_default().as_bytes(),
        ));
        let values = |pairs: &'_ [(String, String)], name: &str| -> Vec<String> {
            pairs
                .iter()
                .filter(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
                .collect()
        };
        let mut compared: Vec<(ParamLocation, &str)> = Vec::new();
        let mut lists = Vec::new();
        for param in self.params {
            // A list parameter is documented once per element, in order:
            // compared once, all its values against the repeated key's.
            if compared.contains(&(param.location, param.name)) {
                continue;
            }
            compared.push((param.location, param.name));
            let documented: Vec<&str> = self
                .params
                .iter()
                .filter(|other| other.location == param.location && other.name == param.name)
                .map(|other| other.value)
                .collect();
            let (what, actual) = match param.location {
                // Compared as part of the path, above.
                ParamLocation::Path => continue,
                ParamLocation::Form => ("form field", values(&form, param.name)),
                ParamLocation::Query => ("query parameter", values(&query, param.name)),
                ParamLocation::Header => (
                    "header",
                    header_values(param.name)
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                ),
            };
            let secret = param.secret
                || (param.location == ParamLocation::Header && secret_header(param.name));
            if let [one] = documented.as_slice() {
                differ(
                    format!("{what} {}", param.name),
                    one,
                    actual.iter().map(String::as_str).collect(),
                    secret,
                );
            } else if actual
                .iter()
                .map(String::as_str)
                .ne(documented.iter().copied())
            {
                let shown = |values: Vec<&str>| {
                    if values.is_empty() {
                        ABSENT.to_owned()
                    } else if secret {
                        SECRET.to_owned()
                    } else {
                        values.join(", ")
                    }
                };
                lists.push(Difference {
                    what: format!("{what} {}", param.name),
                    documented: shown(documented.clone()),
                    found: shown(actual.iter().map(String::as_str).collect()),
                });
            }
        }
        for (what, location, pairs) in [
            ("form field", ParamLocation::Form, &form),
            ("query parameter", ParamLocation::Query, &query),
        ] {
            let mut reported = Vec::new();
            for (key, _) in pairs.iter() {
                let documented = self
                    .params
                    .iter()
                    .any(|param| param.location == location && param.name == key);
                if !documented && !reported.contains(key) {
                    reported.push(key.clone());
                    differ(format!("{what} {key}"), ABSENT, vec![NOT_SHOWN], false);
                }
            }
        }
        found.extend(lists);
        // A header the documented request lacks (an optional header
        // parameter it leaves unset, such as `Range`): another request, not
        // this one. The headers every request carries are not counted, nor
        // `Prefer`, which asks the replay server for an example rather
        // than being part of the request it documents.
        let mut extra: Vec<&str> = Vec::new();
        for name in request.headers().keys() {
            let name = name.as_str();
            let documented = self
                .headers
                .iter()
                .any(|(d, _)| d.eq_ignore_ascii_case(name))
                || self.params.iter().any(|param| {
                    param.location == ParamLocation::Header && param.name.eq_ignore_ascii_case(name)
                });
            if !documented
                && !TRANSPORT_HEADERS.contains(&name)
                && !CREDENTIAL_HEADERS.contains(&name)
                && name != "content-type"
                && name != "prefer"
                && !extra.contains(&name)
            {
                extra.push(name);
            }
        }
        for name in extra {
            found.push(Difference {
                what: format!("header {name}"),
                documented: ABSENT.into(),
                found: NOT_SHOWN.into(),
            });
        }
        if let Some(documented) = self.raw_body
            && request.body() != documented.as_bytes()
        {
            found.push(Difference {
                what: "binary body".into(),
                documented: format!("{} bytes", documented.len()),
                found: format!("{} other bytes", request.body().len()),
            });
        }
        if let Some(documented) = self.body {
            // Values of the spec's secret fields, as the encoder sent them:
            // hidden whatever their keys are called.
            let secrets = request
                .extensions()
                .get::<crate::encode::SentSecrets>()
                .map(|sent| sent.0.clone());
            found.extend(json_difference(
                documented,
                request.body(),
                secrets.as_deref().unwrap_or_default(),
            ));
        }
        found
    }
}

/// The longest JSON value a [`Difference`] shows whole.
const JSON_SHOWN: usize = 200;

/// Where a request's JSON body first differs from the documented one.
fn json_difference(
    documented: &str,
    actual: &[u8],
    secrets: &[secrecy::SecretString],
) -> Option<Difference> {
    let what = "JSON body".to_owned();
    let documented = match serde_json::from_str::<Value>(documented) {
        Ok(documented) => documented,
        Err(_) => {
            return Some(Difference {
                what,
                documented: "[not JSON]".into(),
                found: NOT_SHOWN.into(),
            });
        }
    };
    let actual = match serde_json::from_slice::<Value>(actual) {
        Ok(actual) => actual,
        Err(_) if actual.is_empty() => {
            return Some(Difference {
                what,
                documented: shown_json(&documented, false),
                found: ABSENT.into(),
            });
        }
        Err(_) => {
            return Some(Difference {
                what,
                documented: shown_json(&documented, false),
                found: "[not JSON]".into(),
            });
        }
    };
    let mut path = String::new();
    let (documented, actual, secret) =
        first_difference(Some(&documented), Some(&actual), &mut path, false)?;
    let sent_secret = |value: Option<&Value>| {
        use secrecy::ExposeSecret as _;
        matches!(value, Some(Value::String(text))
            if secrets.iter().any(|secret| secret.expose_secret() == text))
    };
    let secret = secret || sent_secret(actual) || sent_secret(documented);
    Some(Difference {
        what: if path.is_empty() {
            what
        } else {
            format!("{what} at {path}")
        },
        documented: documented.map_or_else(|| ABSENT.into(), |value| shown_json(value, secret)),
        found: actual.map_or_else(|| ABSENT.into(), |value| shown_json(value, secret)),
    })
}

/// The first place where `documented` and `actual` differ: the two values
/// there (`None` for a missing key or item), and whether a key on the way
/// looks secret (or `secret` already says so). `path` becomes that place's
/// JSON path.
fn first_difference<'a>(
    documented: Option<&'a Value>,
    actual: Option<&'a Value>,
    path: &mut String,
    secret: bool,
) -> Option<(Option<&'a Value>, Option<&'a Value>, bool)> {
    match (documented, actual) {
        (Some(Value::Object(documented)), Some(Value::Object(actual))) => {
            // Documented keys (in sorted order: serde_json's map), then
            // those only the request has.
            let keys = documented
                .keys()
                .chain(actual.keys().filter(|key| !documented.contains_key(*key)));
            for key in keys {
                let length = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                let secret = secret || crate::decode::looks_secret(key);
                let found = first_difference(documented.get(key), actual.get(key), path, secret);
                if found.is_some() {
                    return found;
                }
                path.truncate(length);
            }
            None
        }
        (Some(Value::Array(documented)), Some(Value::Array(actual))) => {
            for index in 0..documented.len().max(actual.len()) {
                let length = path.len();
                path.push_str(&format!("[{index}]"));
                let found =
                    first_difference(documented.get(index), actual.get(index), path, secret);
                if found.is_some() {
                    return found;
                }
                path.truncate(length);
            }
            None
        }
        (Some(documented), Some(actual)) if same_scalar(documented, actual) => None,
        (None, None) => None,
        (documented, actual) => Some((documented, actual, secret)),
    }
}

/// JSON equality, except that numbers compare by value: the documentation's
/// `1` is the request's `1.0`.
fn same_scalar(documented: &Value, actual: &Value) -> bool {
    match (documented, actual) {
        (Value::Number(documented), Value::Number(actual))
            if documented.is_f64() || actual.is_f64() =>
        {
            documented.as_f64() == actual.as_f64()
        }
        _ => documented == actual,
    }
}

/// A JSON value for a [`Difference`]: compact, secret-looking keys' values
/// redacted, cut after [`JSON_SHOWN`] characters; `[secret]` under a
/// secret-looking key.
fn shown_json(value: &Value, secret: bool) -> String {
    if secret {
        return SECRET.to_owned();
    }
    let redacted = crate::decode::redacted(&value.to_string());
    let mut shown: String = redacted.chars().take(JSON_SHOWN).collect();
    if shown.len() < redacted.len() {
        shown.push('…');
    }
    shown
}

fn pairs<'a>(
    parsed: impl Iterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
) -> Vec<(String, String)> {
    parsed
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
}
