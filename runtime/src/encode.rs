use http::header::{CONTENT_TYPE, HeaderName, HeaderValue};

use crate::wire::ToWire;
use crate::{Error, Metadata, Url};

const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// Builds an HTTP request from parameters; used by generated `encode`.
pub struct RequestEncoder {
    method: http::Method,
    url: Url,
    headers: http::HeaderMap,
    form: Option<form_urlencoded::Serializer<'static, String>>,
    problem: Option<Error>,
}

impl RequestEncoder {
    /// Starts a request to `base_url` joined with the endpoint's path.
    pub fn new(metadata: &Metadata, base_url: &Url) -> Result<Self, Error> {
        Ok(RequestEncoder {
            method: metadata.method.clone(),
            url: endpoint_url(base_url, metadata.path)?,
            headers: http::HeaderMap::new(),
            form: None,
            problem: None,
        })
    }

    /// Adds a field to the `application/x-www-form-urlencoded` body.
    pub fn form<T: ToWire + ?Sized>(&mut self, name: &str, value: &T) {
        self.form
            .get_or_insert_with(|| form_urlencoded::Serializer::new(String::new()))
            .append_pair(name, &value.to_wire_text());
    }

    /// Adds a query parameter.
    pub fn query<T: ToWire + ?Sized>(&mut self, name: &str, value: &T) {
        self.url
            .query_pairs_mut()
            .append_pair(name, &value.to_wire_text());
    }

    /// Adds a header; a value that cannot be a header fails the request.
    pub fn header<T: ToWire + ?Sized>(&mut self, name: &'static str, value: &T) {
        let header = spec_header_name(name);
        match HeaderValue::from_str(&value.to_wire_text()) {
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
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        let mut builder = http::Request::builder()
            .method(self.method)
            .uri(self.url.as_str());
        if let Some(headers) = builder.headers_mut() {
            *headers = self.headers;
        }
        let body = match self.form {
            Some(mut form) => {
                builder = builder.header(CONTENT_TYPE, FORM_CONTENT_TYPE);
                form.finish().into_bytes()
            }
            None => Vec::new(),
        };
        builder.body(body).map_err(|error| Error::InvalidRequest {
            reason: format!("cannot build the HTTP request: {error}"),
        })
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
    if base_url.cannot_be_a_base() || !matches!(base_url.scheme(), "http" | "https") {
        return Err(Error::InvalidRequest {
            reason: format!("base URL `{base_url}` is not an http or https URL"),
        });
    }
    if base_url.query().is_some() || base_url.fragment().is_some() {
        return Err(Error::InvalidRequest {
            reason: format!("base URL `{base_url}` must not have a query or a fragment"),
        });
    }
    let mut url = base_url.clone();
    let joined = format!("{}{}", base_url.path().trim_end_matches('/'), path);
    url.set_path(&joined);
    Ok(url)
}
