use crate::{Endpoint, Url};

/// A documented exchange from a spec: the typed request built from the
/// documented values, and the documented request and response as text.
#[derive(Clone, Debug)]
pub struct Example<R> {
    /// The example's name in the spec.
    pub name: &'static str,
    pub doc: &'static str,
    /// The documented parameter values as a typed request.
    pub request: R,
    pub documented_request: DocumentedRequest,
    pub documented_response: DocumentedResponse,
}

/// A request as its documentation shows it.
#[derive(Clone, Debug)]
pub struct DocumentedRequest {
    /// Headers in documented order, including those the HTTP client sets
    /// (`Host`, `Content-Length`, `Accept-Encoding`, …).
    pub headers: &'static [(&'static str, &'static str)],
    /// Every parameter, constants included, as text, in documented order.
    pub params: &'static [(&'static str, &'static str)],
    /// Parameters whose values are compared but never shown.
    pub secrets: &'static [&'static str],
}

/// A response as its documentation shows it.
#[derive(Clone, Debug)]
pub struct DocumentedResponse {
    pub status: u16,
    /// Headers in documented order, `Content-Encoding` included.
    pub headers: &'static [(&'static str, &'static str)],
    /// The body before any `Content-Encoding` is applied.
    pub body: &'static str,
}

impl DocumentedResponse {
    /// The documented response as an `http::Response`, its body encoded as
    /// the documented `Content-Encoding` says (gzip or deflate). Headers that
    /// describe framing (`Transfer-Encoding`) are left to the server.
    pub fn to_http(&self) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(self.encoded_body());
        *response.status_mut() =
            http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::OK);
        let headers = response.headers_mut();
        for (name, value) in self.headers {
            if name.eq_ignore_ascii_case("transfer-encoding") {
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

const ABSENT: &str = "(absent)";

impl DocumentedRequest {
    /// How `request` differs from this documented request of endpoint `E`:
    /// method, path below `base_url`, the headers the endpoint sets, and the
    /// form fields compared as a form (order and percent-encoding do not
    /// matter, values do). Secret values are compared but never shown.
    pub fn differences<E: Endpoint>(
        &self,
        request: &http::Request<Vec<u8>>,
        base_url: &Url,
    ) -> Vec<Difference> {
        let secrets = self.secrets;
        let mut found = Vec::new();
        let mut differ = |what: String, documented: &str, actual: &str, secret: bool| {
            if documented != actual {
                let shown = |text: &str| {
                    if secret && text != ABSENT {
                        "[secret]".to_owned()
                    } else {
                        text.to_owned()
                    }
                };
                found.push(Difference {
                    what,
                    documented: shown(documented),
                    found: shown(actual),
                });
            }
        };

        differ(
            "method".into(),
            E::METADATA.method.as_str(),
            request.method().as_str(),
            false,
        );
        let expected_path = crate::encode::endpoint_url(base_url, E::METADATA.path)
            .map(|url| url.path().to_owned())
            .unwrap_or_default();
        differ("path".into(), &expected_path, request.uri().path(), false);

        for (name, value) in self.headers {
            if TRANSPORT_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
                continue;
            }
            let actual = request
                .headers()
                .get(*name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or(ABSENT);
            differ(
                format!("header {name}"),
                value,
                actual,
                secrets.contains(name),
            );
        }

        let form: Vec<(String, String)> = form_urlencoded::parse(request.body())
            .into_owned()
            .collect();
        for (name, value) in self.params {
            let actual = form
                .iter()
                .find(|(key, _)| key == name)
                .map_or(ABSENT, |(_, v)| v.as_str());
            differ(
                format!("form field {name}"),
                value,
                actual,
                secrets.contains(name),
            );
        }
        for (key, value) in &form {
            if !self.params.iter().any(|(name, _)| name == key) {
                let secret = secrets.contains(&key.as_str());
                differ(format!("form field {key}"), ABSENT, value, secret);
            }
        }
        found
    }
}
