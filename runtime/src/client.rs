use std::time::{Duration, Instant};

use http::header::{ACCEPT_ENCODING, HeaderValue};
use tracing::Instrument;

use crate::{Endpoint, Error, MAX_BODY_BYTES, ResponseInfo, TransportErrorKind, Url};

/// Connect timeout of the default HTTP client.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Total time for one call (connect, send, receive) with the default HTTP client.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Sends any generated endpoint's request over HTTP (reqwest) and decodes
/// the answer. Cheap to clone; clones share the connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    base_url: Url,
}

/// A typed response with the facts of the HTTP response it came in.
#[derive(Clone, Debug)]
pub struct Reply<T> {
    pub value: T,
    pub info: ResponseInfo,
}

impl Client {
    /// A client for `base_url` (for Kontur's identity server the test host
    /// `https://identity.testkontur.ru` or the production host
    /// `https://identity.kontur.ru`), with default timeouts and no redirects:
    /// a credential request must not be replayed to another address.
    pub fn new(base_url: Url) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
            .timeout(DEFAULT_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| Error::InvalidRequest {
                reason: format!("cannot set up the HTTP client: {}", chain(&error)),
            })?;
        Ok(Client { http, base_url })
    }

    /// A client over your own `reqwest::Client` (proxies, middleware, pools,
    /// timeouts). Its redirect policy is yours to choose.
    pub fn with_http_client(http: reqwest::Client, base_url: Url) -> Self {
        Client { http, base_url }
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// Sends `request` to endpoint `E` and decodes the response.
    ///
    /// Each call runs in a `tracing` span `kontur_extern.call` with the
    /// endpoint, method, path, status, trace id and duration; no parameter
    /// value is recorded.
    pub async fn send<E: Endpoint>(
        &self,
        request: &E::Request,
    ) -> Result<Reply<E::Response>, Error> {
        let span = tracing::info_span!(
            "kontur_extern.call",
            endpoint = E::METADATA.name,
            method = %E::METADATA.method,
            path = E::METADATA.path,
            status = tracing::field::Empty,
            trace_id = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self.exchange::<E>(request).instrument(span.clone()).await;
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        let info = match &result {
            Ok(reply) => Some(&reply.info),
            Err(error) => error.response(),
        };
        if let Some(info) = info {
            span.record("status", info.status.as_u16());
            if let Some(trace_id) = &info.trace_id {
                span.record("trace_id", trace_id.as_str());
            }
        }
        span.in_scope(|| match &result {
            Ok(_) => tracing::debug!("call succeeded"),
            Err(error) => tracing::warn!(%error, "call failed"),
        });
        result
    }

    async fn exchange<E: Endpoint>(
        &self,
        request: &E::Request,
    ) -> Result<Reply<E::Response>, Error> {
        let mut http_request = E::encode(request, &self.base_url)?;
        // The decoder inflates gzip and deflate itself, with a size cap.
        http_request
            .headers_mut()
            .insert(ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate"));
        let request =
            reqwest::Request::try_from(http_request).map_err(|error| Error::InvalidRequest {
                reason: format!("cannot convert the request for reqwest: {}", chain(&error)),
            })?;
        let mut response = self.http.execute(request).await.map_err(transport)?;

        let mut builder = http::Response::builder()
            .status(response.status())
            .version(response.version());
        if let Some(headers) = builder.headers_mut() {
            *headers = response.headers().clone();
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > MAX_BODY_BYTES {
                let info = ResponseInfo::from_headers(response.status(), response.headers());
                return Err(Error::UnexpectedBody {
                    response: info,
                    content_type: None,
                    problem: format!("the body is larger than {MAX_BODY_BYTES} bytes"),
                    excerpt: String::new(),
                });
            }
            body.extend_from_slice(&chunk);
        }
        let http_response = builder.body(body).map_err(|error| Error::InvalidRequest {
            reason: format!("cannot rebuild the HTTP response: {error}"),
        })?;
        let info = ResponseInfo::from_headers(http_response.status(), http_response.headers());
        let value = E::decode(http_response)?;
        Ok(Reply { value, info })
    }
}

/// Classifies a reqwest error; its message lists the causes but never a
/// request body.
fn transport(error: reqwest::Error) -> Error {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Other
    };
    Error::Transport {
        kind,
        message: chain(&error),
    }
}

/// An error and its causes, as one line.
fn chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}
