use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hyper_util::client::proxy::matcher::Matcher;

use http::header::{ACCEPT_ENCODING, HeaderValue};
use tracing::Instrument;

use crate::encode::{SentSecrets, check_base_url, shown_url};
use crate::shown::{TRACE_ID_SHOWN, terminal_safe};
use crate::{Endpoint, Error, MAX_BODY_BYTES, ResponseInfo, RetryPolicy, TransportErrorKind, Url};

/// Connect timeout of the default HTTP client.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Total time for one call (connect, send, receive) with the default HTTP client.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Sends any generated endpoint's request over HTTP (reqwest) and decodes
/// the answer. Cheap to clone; clones share the connection pool.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: Url,
    retry: RetryPolicy,
    allow_insecure_http: bool,
    route: Route,
}

/// Which proxy a request may take, as far as the client can know.
#[derive(Clone)]
pub(crate) enum Route {
    /// The client built its own HTTP client: proxies from the environment
    /// for other hosts, never one for loopback.
    Own,
    /// The caller's HTTP client: assume it uses the proxies the environment
    /// names, as reqwest does by default.
    Environment(Arc<Matcher>),
}

impl Route {
    pub(crate) fn environment() -> Self {
        Route::Environment(Arc::new(Matcher::from_env()))
    }

    /// Whether a request to `url` may pass through a proxy.
    fn proxied(&self, url: &Url) -> bool {
        match self {
            Route::Own => !is_loopback(url),
            Route::Environment(matcher) => url
                .as_str()
                .parse::<http::Uri>()
                .is_ok_and(|uri| matcher.intercept(&uri).is_some()),
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &shown_url(&self.base_url))
            .field("retry", &self.retry)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .finish_non_exhaustive()
    }
}

/// A typed response with the facts of the HTTP response it came in.
#[derive(Clone, Debug)]
pub struct Reply<T> {
    /// The decoded response.
    pub value: T,
    /// The status, trace id and retry hints of the response.
    pub info: ResponseInfo,
}

impl Client {
    /// A client for `base_url` (for Kontur's identity server the test host
    /// `https://identity.testkontur.ru` or the production host
    /// `https://identity.kontur.ru`), with default timeouts and no redirects:
    /// a credential request must not be replayed to another address.
    ///
    /// Proxies come from the environment as curl reads them (`HTTPS_PROXY`,
    /// `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, in either case), except that
    /// loopback hosts (`localhost`, `127.0.0.0/8`, `::1`) are always reached
    /// directly: a proxy must never see a request meant for this machine.
    /// An https request through a proxy is a `CONNECT` tunnel, so the proxy
    /// sees only the host name.
    ///
    /// A base URL with a user name or password is refused: it would be sent
    /// and logged in clear.
    pub fn new(base_url: Url) -> Result<Self, Error> {
        check_base_url(&base_url)?;
        let mut builder = reqwest::Client::builder()
            .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
            .timeout(DEFAULT_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        for proxy in environment_proxies()? {
            builder = builder.proxy(proxy);
        }
        let http = builder.build().map_err(|error| Error::InvalidRequest {
            reason: format!("cannot set up the HTTP client: {}", chain(&error)),
        })?;
        Ok(Client {
            route: Route::Own,
            ..Client::with_http_client(http, base_url)?
        })
    }

    /// A client over your own `reqwest::Client` (proxies, middleware, pools,
    /// timeouts). Its redirect policy is yours to choose.
    ///
    /// Its proxies are yours too; the client assumes it uses those the
    /// environment names (reqwest's default) and refuses plain `http://`
    /// that would pass through one, loopback included, unless
    /// [`allow_insecure_http`](Client::allow_insecure_http) is set. A base
    /// URL with a user name or password is refused.
    pub fn with_http_client(http: reqwest::Client, base_url: Url) -> Result<Self, Error> {
        check_base_url(&base_url)?;
        Ok(Client {
            http,
            base_url,
            retry: RetryPolicy::default(),
            allow_insecure_http: false,
            route: Route::environment(),
        })
    }

    /// Replaces the retry policy ([`RetryPolicy::default`] unless set;
    /// [`RetryPolicy::never`] turns retries off).
    #[must_use]
    pub fn with_retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Allows plain `http://` to hosts other than loopback, and through a
    /// proxy. Passwords and tokens then cross the network unencrypted: for
    /// test networks only.
    #[must_use]
    pub fn allow_insecure_http(mut self) -> Self {
        self.allow_insecure_http = true;
        self
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
            attempts = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self
            .with_retries::<E>(request, started, &span)
            .instrument(span.clone())
            .await;
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        let info = match &result {
            Ok(reply) => Some(&reply.info),
            Err(error) => error.response(),
        };
        if let Some(info) = info {
            span.record("status", info.status.as_u16());
            if let Some(trace_id) = &info.trace_id {
                span.record("trace_id", terminal_safe(trace_id, TRACE_ID_SHOWN).as_ref());
            }
        }
        span.in_scope(|| match &result {
            Ok(_) => tracing::debug!("call succeeded"),
            Err(error) => tracing::warn!(%error, "call failed"),
        });
        result
    }

    /// Attempts the call as the retry policy allows, all within its deadline.
    async fn with_retries<E: Endpoint>(
        &self,
        request: &E::Request,
        started: Instant,
        span: &tracing::Span,
    ) -> Result<Reply<E::Response>, Error> {
        refuse_insecure(&self.base_url, self.allow_insecure_http, &self.route)?;
        let deadline = self.retry.deadline();
        let mut attempt = 1;
        loop {
            span.record("attempts", attempt);
            let remaining = deadline.saturating_sub(started.elapsed());
            let result = match tokio::time::timeout(remaining, self.exchange::<E>(request)).await {
                Ok(result) => result,
                Err(_) => Err(Error::Transport {
                    kind: TransportErrorKind::Timeout,
                    message: format!("no answer within the call's deadline of {deadline:?}"),
                    response: None,
                }),
            };
            let error = match result {
                Ok(reply) => return Ok(reply),
                Err(error) => error,
            };
            let Some(wait) = self.retry.wait_after(attempt, &error, started.elapsed()) else {
                return Err(error);
            };
            tracing::info!(%error, attempt, wait_ms = wait.as_millis() as u64, "retrying");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    async fn exchange<E: Endpoint>(
        &self,
        request: &E::Request,
    ) -> Result<Reply<E::Response>, Error> {
        let mut http_request = E::encode(request, &self.base_url)?;
        let secrets = http_request
            .extensions_mut()
            .remove::<SentSecrets>()
            .unwrap_or_default();
        self.exchange_encoded::<E>(http_request)
            .await
            .map_err(|mut error| {
                error.scrub(&secrets.0);
                error
            })
    }

    async fn exchange_encoded<E: Endpoint>(
        &self,
        mut http_request: http::Request<Vec<u8>>,
    ) -> Result<Reply<E::Response>, Error> {
        // The decoder inflates gzip and deflate itself, with a size cap.
        http_request
            .headers_mut()
            .insert(ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate"));
        let request =
            reqwest::Request::try_from(http_request).map_err(|error| Error::InvalidRequest {
                reason: format!("cannot convert the request for reqwest: {}", chain(&error)),
            })?;
        let mut response = self
            .http
            .execute(request)
            .await
            .map_err(|error| transport(error, None))?;
        let info = ResponseInfo::from_headers(response.status(), response.headers());
        let content_type = response
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let too_large = |info: ResponseInfo| Error::UnexpectedBody {
            response: info,
            content_type: content_type.clone(),
            problem: format!("the body is larger than {MAX_BODY_BYTES} bytes"),
            excerpt: String::new(),
        };
        if response
            .content_length()
            .is_some_and(|length| length > MAX_BODY_BYTES as u64)
        {
            return Err(too_large(info));
        }

        let mut builder = http::Response::builder()
            .status(response.status())
            .version(response.version());
        if let Some(headers) = builder.headers_mut() {
            *headers = response.headers().clone();
        }
        // The cap applies to the body as it travels; the decoder caps it
        // again after decompression.
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) if body.len() + chunk.len() > MAX_BODY_BYTES => {
                    return Err(too_large(info));
                }
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(error) => return Err(transport(error, Some(info))),
            }
        }
        let http_response = builder.body(body).map_err(|error| Error::InvalidRequest {
            reason: format!("cannot rebuild the HTTP response: {error}"),
        })?;
        let value = E::decode(http_response)?;
        Ok(Reply { value, info })
    }
}

/// Refuses plain `http://` to a host that is not loopback, or through a
/// proxy, before any connection is made: credentials and tokens must not
/// cross a network in clear text unless the caller allowed it.
pub(crate) fn refuse_insecure(url: &Url, allowed: bool, route: &Route) -> Result<(), Error> {
    if url.scheme() != "http" || allowed {
        return Ok(());
    }
    let origin = url.origin().ascii_serialization();
    if !is_loopback(url) {
        return Err(Error::Refused {
            reason: format!(
                "`{origin}` is plain http to a host that is not loopback; credentials would cross the network unencrypted. Use https, or allow_insecure_http() for a test network"
            ),
        });
    }
    if route.proxied(url) {
        return Err(Error::Refused {
            reason: format!(
                "`{origin}` is plain http, and the HTTP client would send it through the proxy that HTTP_PROXY or ALL_PROXY names, which would see the credentials. Add the host to NO_PROXY, use Client::new (which never proxies loopback), or allow_insecure_http()"
            ),
        });
    }
    Ok(())
}

/// `localhost`, `127.0.0.0/8` or `::1`.
pub(crate) fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => {
            name.eq_ignore_ascii_case("localhost")
                || name.to_ascii_lowercase().ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Hosts that are never reached through a proxy.
const LOOPBACK_NO_PROXY: &str = "localhost,.localhost,127.0.0.0/8,::1";

/// The proxies the environment names, as curl reads them, none of them used
/// for loopback hosts. A variable that does not hold a URL is an error that
/// names the variable but not its value, which may hold a password.
fn environment_proxies() -> Result<Vec<reqwest::Proxy>, Error> {
    // In a CGI program `HTTP_PROXY` may come from a request header (httpoxy).
    if std::env::var_os("REQUEST_METHOD").is_some() {
        return Ok(Vec::new());
    }
    let read = |names: [&'static str; 2]| {
        names.into_iter().find_map(|name| {
            std::env::var(name)
                .ok()
                .filter(|value| !value.trim().is_empty())
                .map(|value| (name, value))
        })
    };
    let no_proxy = match read(["NO_PROXY", "no_proxy"]) {
        Some((_, list)) => format!("{list},{LOOPBACK_NO_PROXY}"),
        None => LOOPBACK_NO_PROXY.to_owned(),
    };
    let all = read(["ALL_PROXY", "all_proxy"]);
    let mut proxies = Vec::new();
    for (scheme, names) in [
        ("http", ["HTTP_PROXY", "http_proxy"]),
        ("https", ["HTTPS_PROXY", "https_proxy"]),
    ] {
        let Some((name, value)) = read(names).or_else(|| all.clone()) else {
            continue;
        };
        let value = if value.contains("://") {
            value
        } else {
            format!("http://{value}")
        };
        let proxy = match scheme {
            "http" => reqwest::Proxy::http(&value),
            _ => reqwest::Proxy::https(&value),
        }
        .map_err(|_| Error::InvalidRequest {
            reason: format!("the proxy in the environment variable {name} is not a URL"),
        })?;
        proxies.push(proxy.no_proxy(reqwest::NoProxy::from_string(&no_proxy)));
    }
    Ok(proxies)
}

/// Classifies a reqwest error; its message lists the causes but never a
/// request body. `response` is there when the body was being read.
pub(crate) fn transport(error: reqwest::Error, response: Option<ResponseInfo>) -> Error {
    // Without the URL: a query string may carry a secret parameter, and a
    // host name must not decide the error's kind.
    let error = error.without_url();
    let message = chain(&error);
    let lower = message.to_ascii_lowercase();
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if ["certificate", "tls", "handshake"]
        .iter()
        .any(|w| lower.contains(w))
    {
        TransportErrorKind::Tls
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else if response.is_some() || broken_connection(&error) {
        TransportErrorKind::Reset
    } else {
        TransportErrorKind::Other
    };
    Error::Transport {
        kind,
        message,
        response,
    }
}

/// Whether the causes include a connection that was reset or closed early.
fn broken_connection(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut source = Some(error);
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::{
                BrokenPipe, ConnectionAborted, ConnectionReset, UnexpectedEof,
            };
            if matches!(
                io.kind(),
                ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof
            ) {
                return true;
            }
        }
        if let Some(hyper) = cause.downcast_ref::<hyper::Error>()
            && (hyper.is_incomplete_message() || hyper.is_closed() || hyper.is_canceled())
        {
            return true;
        }
        source = cause.source();
    }
    false
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
