use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::TryFutureExt;
use futures_util::future::Either;
use hyper_util::client::proxy::matcher::Matcher;

use http::header::{ACCEPT_ENCODING, HeaderValue};
use tracing::Instrument;

mod transfer;

pub use transfer::{Chunk, Chunks, Downloaded, UPLOAD_CHUNK_SIZE, incomplete_upload};

use crate::decode::Answer;
use crate::encode::{check_base_url, shown_url};
use crate::shown::{TRACE_ID_SHOWN, terminal_safe};
use crate::{
    Auth, Endpoint, Error, MAX_BINARY_BYTES, MAX_BODY_BYTES, ResponseInfo, RetryPolicy,
    SecretString, TokenSource, TransportErrorKind, Url,
};

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
    /// Whether a request to the base URL may pass through a proxy, as far
    /// as the client can know ([`Route`]): found once, when the client is
    /// made, since the base URL and the proxies it is judged by are fixed
    /// by then.
    base_url_proxied: bool,
    /// The total timeout of each attempt that the HTTP client applies, when
    /// the client built that HTTP client itself and so knows it.
    attempt_timeout: Option<Duration>,
    /// Replaces the encoder's `User-Agent: kontur-extern/VERSION`.
    user_agent: Option<HeaderValue>,
    /// The largest binary response body to download.
    download_limit: usize,
    /// The size of an upload's chunks (`…_from`).
    upload_chunk_size: usize,
    /// The largest JSON response body to read.
    json_limit: usize,
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
///
/// It dereferences to the decoded response, as progenitor's
/// `ResponseValue` does: `reply.id` reads a field of the body, and an
/// endpoint with several outcomes or a "not found" is matched through
/// `&*reply` or [`into_inner`](Reply::into_inner). The status, the trace id
/// and the response headers are one method away.
///
/// ```
/// use kontur_extern::{Reply, ResponseInfo};
/// use kontur_extern::reqwest::{StatusCode, header::HeaderMap};
///
/// struct Account { inn: String }
/// let mut headers = HeaderMap::new();
/// headers.insert("x-kontur-trace-id", "9da07e".parse().unwrap());
/// let info = ResponseInfo::from_headers(StatusCode::OK, &headers);
/// let reply = Reply::new(Account { inn: "7757424860".into() }, info, headers);
///
/// assert_eq!(reply.inn, "7757424860"); // the body's field, through Deref
/// assert_eq!(reply.status(), StatusCode::OK);
/// assert_eq!(reply.trace_id(), Some("9da07e"));
/// let account: Account = reply.into_inner();
/// # let _ = account;
/// ```
#[derive(Clone)]
pub struct Reply<T> {
    value: T,
    info: ResponseInfo,
    headers: http::HeaderMap,
}

/// The value and the response's facts; of the headers only their names, as
/// a server may echo a credential in one (the value's own `Debug` redacts
/// its secret fields).
impl<T: fmt::Debug> fmt::Debug for Reply<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(|name| name.as_str()).collect();
        f.debug_struct("Reply")
            .field("value", &self.value)
            .field("info", &self.info)
            .field("headers", &names)
            .finish()
    }
}

impl<T> Reply<T> {
    /// A reply of `value` with the facts of its response (for tests and
    /// for clients that decode responses they sent themselves).
    pub fn new(value: T, info: ResponseInfo, headers: http::HeaderMap) -> Self {
        Reply {
            value,
            info,
            headers,
        }
    }

    /// The decoded response, without the facts of the HTTP response.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// The decoded response and the facts of the HTTP response, apart.
    pub fn into_parts(self) -> (T, ResponseInfo, http::HeaderMap) {
        (self.value, self.info, self.headers)
    }

    /// The HTTP status.
    pub fn status(&self) -> http::StatusCode {
        self.info.status
    }

    /// `X-Kontur-Trace-Id`, the id Kontur's support asks for, as sent
    /// (not escaped: use [`terminal_safe`](crate::terminal_safe) before
    /// printing it).
    pub fn trace_id(&self) -> Option<&str> {
        self.info.trace_id.as_deref()
    }

    /// The status, trace id and retry hints of the response.
    pub fn info(&self) -> &ResponseInfo {
        &self.info
    }

    /// Every header of the response, as it came.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }

    /// The same reply with its value changed by `f` (named apart from
    /// `Option::map`, which a "not found" reply's value has).
    pub fn map_inner<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        Reply {
            value: f(self.value),
            info: self.info,
            headers: self.headers,
        }
    }
}

impl<T: WithBody> Reply<T> {
    /// The body of the response, without its headers and the facts of the
    /// HTTP response: `api.docflows(account).get(id).await?.into_body()`.
    pub fn into_body(self) -> T::Body {
        self.value.into_body()
    }
}

/// A generated response that carries a body (an outcome with `body:` or
/// `binary: true`), beside the response headers its spec names.
pub trait WithBody {
    /// The body's type.
    type Body;

    /// The body, without the response headers.
    fn into_body(self) -> Self::Body;
}

/// A "not found" answer (`not_found: true`) has no body: `None`.
impl<T: WithBody> WithBody for Option<T> {
    type Body = Option<T::Body>;

    fn into_body(self) -> Option<T::Body> {
        self.map(WithBody::into_body)
    }
}

impl<T> std::ops::Deref for Reply<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> std::ops::DerefMut for Reply<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
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
        let http = own_http_client()?;
        Ok(Client::over(
            http,
            base_url,
            Route::Own,
            Some(DEFAULT_TIMEOUT),
        ))
    }

    /// A client over your own `reqwest::Client` (proxies, middleware, pools,
    /// timeouts). Its redirect policy is yours to choose. If it inflates
    /// compressed bodies itself (reqwest's `gzip` feature, on by default
    /// when enabled), the body limits apply to the inflated body, and the
    /// reply's headers are those reqwest leaves (without `Content-Encoding`).
    ///
    /// Its proxies are yours too; the client assumes it uses those the
    /// environment names (reqwest's default) and refuses plain `http://`
    /// that would pass through one, loopback included, unless
    /// [`allow_insecure_http`](Client::allow_insecure_http) is set. A base
    /// URL with a user name or password is refused.
    pub fn with_http_client(http: reqwest::Client, base_url: Url) -> Result<Self, Error> {
        check_base_url(&base_url)?;
        Ok(Client::over(http, base_url, Route::environment(), None))
    }

    /// A client over `http`, whose base URL has been checked.
    fn over(
        http: reqwest::Client,
        base_url: Url,
        route: Route,
        attempt_timeout: Option<Duration>,
    ) -> Self {
        Client {
            http,
            base_url_proxied: route.proxied(&base_url),
            base_url,
            retry: RetryPolicy::default(),
            allow_insecure_http: false,
            attempt_timeout,
            user_agent: None,
            download_limit: MAX_BINARY_BYTES,
            upload_chunk_size: UPLOAD_CHUNK_SIZE,
            json_limit: MAX_BODY_BYTES,
        }
    }

    /// The largest JSON response body to accept, in bytes, before and after
    /// decompression; [`MAX_BODY_BYTES`] (1 MiB) unless set. A page of 1,000
    /// docflows is about 1.2 MB: raise it to read such pages whole, or ask
    /// for smaller ones. A larger body is `Error::UnexpectedBody`, read no
    /// further.
    #[must_use]
    pub fn with_json_limit(mut self, bytes: usize) -> Self {
        self.json_limit = bytes;
        self
    }

    /// The largest binary response body (a content download) to accept, in
    /// bytes; [`MAX_BINARY_BYTES`] (64 MiB) unless set. A larger one is
    /// `Error::UnexpectedBody`, read no further. JSON bodies keep their own
    /// limit, [`MAX_BODY_BYTES`].
    #[must_use]
    pub fn with_download_limit(mut self, bytes: usize) -> Self {
        self.download_limit = bytes;
        self
    }

    /// The size of the chunks in which a group's `…_from` method uploads a
    /// content ([`UPLOAD_CHUNK_SIZE`], 8 MiB, unless set; never more than
    /// the spec's `chunks.max`): one chunk is in memory at a time, and each
    /// is a request of its own. A size of zero is taken as one byte.
    #[must_use]
    pub fn with_upload_chunk_size(mut self, bytes: usize) -> Self {
        self.upload_chunk_size = bytes.max(1);
        self
    }

    /// The size of an upload's chunks: see
    /// [`with_upload_chunk_size`](Client::with_upload_chunk_size).
    pub fn upload_chunk_size(&self) -> usize {
        self.upload_chunk_size
    }

    /// Sends `User-Agent: value` instead of `kontur-extern/VERSION`, which
    /// every request carries otherwise: say which application calls, as
    /// API operators like to know (`my-accounting/2.1 kontur-extern/0.1`).
    #[must_use]
    pub fn with_user_agent(mut self, value: HeaderValue) -> Self {
        self.user_agent = Some(value);
        self
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
    ///
    /// An endpoint with `auth: bearer` needs a token: use
    /// [`send_with`](Client::send_with) (or its generated client, which
    /// takes a token source); `send` refuses it.
    pub fn send<E: Endpoint>(
        &self,
        request: &E::Request,
    ) -> impl Future<Output = Result<Reply<E::Response>, Error>> {
        // Not an `async fn` of its own: the call's future is the only
        // state machine a call instantiates per endpoint.
        self.call::<E>(request, None, None)
    }

    /// Sends `request` to endpoint `E` with `Authorization: Bearer <token>`
    /// from `tokens`, and decodes the response; otherwise as
    /// [`send`](Client::send). A [`TokenProvider`](crate::TokenProvider)
    /// signs in again once when the API answers 401; the token never
    /// appears in logs or errors.
    pub fn send_with<E: Endpoint>(
        &self,
        tokens: &dyn TokenSource,
        request: &E::Request,
    ) -> impl Future<Output = Result<Reply<E::Response>, Error>> {
        self.call::<E>(request, Some(tokens), None)
    }

    // The call is generic over the endpoint only where it must be: `E::encode`
    // and `E::decode`. Everything else (the span, the retry loop's waits, the
    // transport, the body's limits) is in functions that are not generic, so
    // that it is compiled once, here, rather than once per endpoint in each
    // crate that awaits or boxes a call.
    async fn call<E: Endpoint>(
        &self,
        request: &E::Request,
        tokens: Option<&dyn TokenSource>,
        body: Option<bytes::Bytes>,
    ) -> Result<Reply<E::Response>, Error> {
        // `send`, without a token source, refuses an endpoint that needs one.
        if tokens.is_none() && E::METADATA.auth == Auth::Bearer {
            return Err(needs_token(E::METADATA.name));
        }
        let span = call_span(&E::METADATA);
        let started = Instant::now();
        let retries = self.with_retries::<E>(request, body.as_ref(), started, tokens);
        // `Span::none()` (no subscriber wants the span, and no `log`
        // logger would be told of it) does nothing when entered: the call
        // is not wrapped in it.
        let (mut result, attempts) = if span.is_none() {
            retries.await
        } else {
            retries.instrument(span.clone()).await
        };
        let outcome = match &mut result {
            Ok(reply) => Ok(reply.info()),
            Err(error) => Err(error),
        };
        call_ended(&span, started, attempts, outcome, tokens);
        result
    }

    /// Attempts the call as the retry policy allows, all within its deadline;
    /// also says how many attempts were made. Only encoding and decoding
    /// are here; [`step`](Client::step), not generic, does the rest.
    async fn with_retries<E: Endpoint>(
        &self,
        request: &E::Request,
        body: Option<&bytes::Bytes>,
        started: Instant,
        tokens: Option<&dyn TokenSource>,
    ) -> (Result<Reply<E::Response>, Error>, u32) {
        let mut progress = Progress {
            started,
            limit: self.body_limit(&E::METADATA),
            attempt: 0,
            failed: None,
        };
        loop {
            // Encoded for each attempt (before the wait for a retry). The
            // request stays here, lent to the layers below, so that the
            // call's future holds it once, not once per layer.
            let (mut outgoing, secrets, mut problem) =
                match E::encode_request(request, &self.base_url) {
                    Ok(encoded) => {
                        let (request, secrets) = self.outgoing(encoded, body);
                        (Some(request), secrets, None)
                    }
                    Err(error) => (None, Vec::new(), Some(error)),
                };
            let sent = self.step(&mut progress, &mut outgoing, &mut problem, &secrets, tokens);
            let (status, body, info, headers) = match sent.await {
                Ok(Some(received)) => received,
                Ok(None) => continue,
                Err(error) => return (Err(error), progress.attempt),
            };
            // The decoder reads the headers the reply then keeps: lent,
            // not copied.
            let answer = Answer::lent(status, &headers, body, progress.limit);
            match E::decode_answer(answer) {
                Ok(value) => return (Ok(Reply::new(value, info, headers)), progress.attempt),
                Err(mut error) => {
                    error.scrub(&secrets);
                    progress.failed = Some(error);
                }
            }
        }
    }

    /// All of an attempt but encoding and decoding. Before the first,
    /// whether the client may send at all; before another, the retry
    /// policy's decision on the last attempt's error, and its wait (`Err`,
    /// the error, ends the call). Then the attempt with the request in
    /// `outgoing` (or, when it could not be encoded, `problem`): the answer
    /// for the decoder, or `None` with its error, scrubbed of `secrets`, in
    /// `progress`.
    async fn step(
        &self,
        progress: &mut Progress,
        outgoing: &mut Option<reqwest::Request>,
        problem: &mut Option<Error>,
        secrets: &[SecretString],
        tokens: Option<&dyn TokenSource>,
    ) -> Result<Option<Received>, Error> {
        match progress.failed.take() {
            // Boxed: its wait would otherwise make every call's future
            // larger, though only a retry needs it.
            Some(error) => {
                Box::pin(self.retry_after(progress.attempt, error, progress.started, tokens))
                    .await?
            }
            None if progress.attempt == 0 => {
                refuse_insecure_when(&self.base_url, self.allow_insecure_http, || {
                    self.base_url_proxied
                })?;
                resolved_loopback(&self.base_url, self.allow_insecure_http).await?;
            }
            None => {}
        }
        progress.attempt += 1;
        if let Some(error) = problem.take() {
            progress.failed = Some(error);
            return Ok(None);
        }
        match self
            .attempt(outgoing, progress.limit, progress.started, tokens)
            .await
        {
            Ok(received) => Ok(Some(received)),
            Err(mut error) => {
                error.scrub(secrets);
                progress.failed = Some(error);
                Ok(None)
            }
        }
    }

    /// The largest body the client reads from `endpoint`, before and after
    /// decompression.
    fn body_limit(&self, endpoint: &crate::Metadata) -> usize {
        if endpoint.binary_response {
            self.download_limit
        } else {
            self.json_limit
        }
    }

    /// The encoded request as this client sends it, with `body` in place of
    /// its own when given, and the secrets it carries. The caller's
    /// `User-Agent` replaces the default, not a spec's `User-Agent` header
    /// parameter.
    fn outgoing(
        &self,
        encoded: crate::encode::Encoded,
        body: Option<&bytes::Bytes>,
    ) -> (reqwest::Request, Vec<SecretString>) {
        let (mut request, secrets) = encoded.into_reqwest(body);
        if let Some(user_agent) = &self.user_agent
            && request
                .headers()
                .get(http::header::USER_AGENT)
                .is_none_or(|sent| sent == crate::encode::USER_AGENT_VALUE)
        {
            request
                .headers_mut()
                .insert(http::header::USER_AGENT, user_agent.clone());
        }
        (request, secrets)
    }

    /// After a failed attempt: `Ok` once the wait the retry policy asks for
    /// has passed, the error (scrubbed of the token) when it allows no other
    /// attempt.
    async fn retry_after(
        &self,
        attempt: u32,
        mut error: Error,
        started: Instant,
        tokens: Option<&dyn TokenSource>,
    ) -> Result<(), Error> {
        // Each attempt's error is logged: scrubbed of the token first,
        // as the final one is.
        if let Some(tokens) = tokens {
            error.scrub(&tokens.secrets());
        }
        let Some(wait) = self.retry.wait_after(attempt, &error, started.elapsed()) else {
            return Err(error);
        };
        tracing::info!(%error, attempt, wait_ms = wait.as_millis() as u64, "retrying");
        tokio::time::sleep(wait).await;
        Ok(())
    }

    /// One attempt within what is left of the call's deadline: the response,
    /// read within `limit`, as the decoder takes it, its facts and headers.
    async fn attempt(
        &self,
        outgoing: &mut Option<reqwest::Request>,
        limit: usize,
        started: Instant,
        tokens: Option<&dyn TokenSource>,
    ) -> Result<Received, Error> {
        let deadline = self.retry.deadline();
        let past_deadline = || Error::Transport {
            kind: TransportErrorKind::Timeout,
            message: format!("no answer within the call's deadline of {deadline:?}"),
            response: None,
        };
        let remaining = deadline.saturating_sub(started.elapsed());
        match self.attempt_timeout {
            // One timer for both limits: the HTTP client's, set to
            // whichever ends first. When it is the deadline that ran
            // out, the error says so, as the other branch's does. The
            // HTTP client applies `attempt_limit` itself, so a request
            // carries a timeout of its own only when the deadline is
            // nearer (a per-request timeout costs reqwest an extensions
            // map).
            Some(attempt_limit) => match self
                .exchange(
                    outgoing,
                    limit,
                    (remaining < attempt_limit).then_some(remaining),
                    tokens,
                )
                .await
            {
                Err(Error::Transport {
                    kind: TransportErrorKind::Timeout,
                    ..
                }) if started.elapsed() >= deadline => Err(past_deadline()),
                result => result,
            },
            None => tokio::time::timeout(remaining, self.exchange(outgoing, limit, None, tokens))
                .await
                .unwrap_or_else(|_| Err(past_deadline())),
        }
    }

    /// One exchange of the request taken from `outgoing`; `timeout`
    /// replaces the HTTP client's total timeout.
    async fn exchange(
        &self,
        outgoing: &mut Option<reqwest::Request>,
        limit: usize,
        timeout: Option<Duration>,
        tokens: Option<&dyn TokenSource>,
    ) -> Result<Received, Error> {
        // The request is taken and handed to the HTTP client within this
        // block, so that this future keeps no copy of it while it waits.
        let sending = {
            let request = to_send(outgoing, timeout)?;
            match tokens {
                Some(tokens) => Either::Left(tokens.send_authorized(&self.http, request)),
                None => Either::Right(
                    self.http
                        .execute(request)
                        .map_err(|error| transport(error, None)),
                ),
            }
        };
        let mut response = sending.await?;
        let info = ResponseInfo::from_headers(response.status(), response.headers());
        let length = response.content_length();
        if length.is_some_and(|length| length > limit as u64) {
            return Err(too_large(info, response.headers(), limit));
        }
        // The headers go to the decoder, then to the reply; the body is
        // read without them.
        let headers = std::mem::take(response.headers_mut());
        let body = read_body(&mut response, limit, &info, &headers).await?;
        Ok((response.status(), body, info, headers))
    }
}

/// The request of an attempt, taken from `outgoing`, as it goes to the HTTP
/// client: `timeout` replaces the client's total timeout.
fn to_send(
    outgoing: &mut Option<reqwest::Request>,
    timeout: Option<Duration>,
) -> Result<reqwest::Request, Error> {
    let Some(mut request) = outgoing.take() else {
        return Err(Error::InvalidRequest {
            reason: "the attempt has no request to send; this is a bug of kontur-extern, please report it".into(),
        });
    };
    // The decoder inflates gzip and deflate itself, with a size cap.
    request
        .headers_mut()
        .insert(ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate"));
    if timeout.is_some() {
        *request.timeout_mut() = timeout;
    }
    Ok(request)
}

/// The body of `response`, at most `limit` bytes: a larger one is
/// refused as soon as it passes the limit (the cap applies to the body as it
/// travels; the decoder caps it again after decompression). `headers` are
/// the response's, for the error.
async fn read_body(
    response: &mut reqwest::Response,
    limit: usize,
    info: &ResponseInfo,
    headers: &http::HeaderMap,
) -> Result<Vec<u8>, Error> {
    // What the server promises is not trusted beyond 16 MiB up front.
    let mut body = Vec::with_capacity(response.content_length().map_or(0, |length| {
        usize::try_from(length)
            .unwrap_or(usize::MAX)
            .min(limit)
            .min(16 << 20)
    }));
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if body.len() + chunk.len() > limit => {
                return Err(too_large(info.clone(), headers, limit));
            }
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => return Ok(body),
            Err(error) => return Err(transport(error, Some(info.clone()))),
        }
    }
}

/// Where a call is: when it began, the body limit of its endpoint, the
/// attempts made, and the last one's error while the retry policy has not
/// yet decided on it.
struct Progress {
    started: Instant,
    limit: usize,
    attempt: u32,
    failed: Option<Error>,
}

/// A response as the client read it: its status and body for the decoder,
/// the reply's facts, and the headers the decoder reads and the reply then
/// keeps.
type Received = (http::StatusCode, Vec<u8>, ResponseInfo, http::HeaderMap);

/// For a generated service's client: [`Client::send_with`] for an endpoint
/// with `auth: bearer`, [`Client::send`] for another, as one future type.
pub fn send_as<E: Endpoint>(
    client: &Client,
    tokens: &dyn TokenSource,
    request: &E::Request,
) -> impl Future<Output = Result<Reply<E::Response>, Error>> {
    let tokens = (E::METADATA.auth == Auth::Bearer).then_some(tokens);
    client.call::<E>(request, tokens, None)
}

/// [`send_as`] with `body` as the request's binary body, in place of the
/// body `E` encodes (a chunk's: the request's own is left empty): the bytes
/// are shared by the attempts, never copied.
pub fn send_body_as<E: Endpoint>(
    client: &Client,
    tokens: &dyn TokenSource,
    request: &E::Request,
    body: crate::Bytes,
) -> impl Future<Output = Result<Reply<E::Response>, Error>> {
    let tokens = (E::METADATA.auth == Auth::Bearer).then_some(tokens);
    client.call::<E>(request, tokens, Some(bytes::Bytes::from(body.0)))
}

/// Why `send` refuses an endpoint with `auth: bearer`.
fn needs_token(endpoint: &str) -> Error {
    Error::Refused {
        reason: format!(
            "endpoint `{endpoint}` needs a bearer token; send it with `Client::send_with` and a token source (a `TokenProvider`)"
        ),
    }
}

/// The span of one call of `endpoint`; no parameter value is recorded.
fn call_span(endpoint: &crate::Metadata) -> tracing::Span {
    tracing::info_span!(
        "kontur_extern.call",
        endpoint = endpoint.name,
        method = %endpoint.method,
        path = endpoint.path,
        status = tracing::field::Empty,
        trace_id = tracing::field::Empty,
        attempts = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
    )
}

/// Records the end of a call in its span, and scrubs the error of the
/// token first: a server that echoes the bearer token in an error shows
/// `[redacted]`.
fn call_ended(
    span: &tracing::Span,
    started: Instant,
    attempts: u32,
    outcome: Result<&ResponseInfo, &mut Error>,
    tokens: Option<&dyn TokenSource>,
) {
    let outcome = match (outcome, tokens) {
        (Err(error), Some(tokens)) => {
            error.scrub(&tokens.secrets());
            Err(&*error)
        }
        (Err(error), None) => Err(&*error),
        (Ok(info), _) => Ok(info),
    };
    // Without a subscriber that wants the span, nothing to record.
    if !span.is_disabled() {
        if attempts > 0 {
            span.record("attempts", attempts);
        }
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        let info = match outcome {
            Ok(info) => Some(info),
            Err(error) => error.response(),
        };
        if let Some(info) = info {
            span.record("status", info.status.as_u16());
            if let Some(trace_id) = &info.trace_id {
                span.record("trace_id", terminal_safe(trace_id, TRACE_ID_SHOWN).as_ref());
            }
        }
    }
    span.in_scope(|| match outcome {
        Ok(_) => tracing::debug!("call succeeded"),
        Err(error) => tracing::warn!(%error, "call failed"),
    });
}

fn too_large(info: ResponseInfo, headers: &http::HeaderMap, limit: usize) -> Error {
    Error::UnexpectedBody {
        response: info,
        content_type: headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
        problem: format!("the body is larger than {limit} bytes"),
        excerpt: String::new(),
    }
}

/// Refuses plain `http://` to a host that is not loopback, or through a
/// proxy, before any connection is made: credentials and tokens must not
/// cross a network in clear text unless the caller allowed it.
pub(crate) fn refuse_insecure(url: &Url, allowed: bool, route: &Route) -> Result<(), Error> {
    refuse_insecure_when(url, allowed, || route.proxied(url))
}

/// [`refuse_insecure`], told by `proxied` whether `url` may pass through a
/// proxy (asked only for plain `http://` to loopback).
fn refuse_insecure_when(
    url: &Url,
    allowed: bool,
    proxied: impl FnOnce() -> bool,
) -> Result<(), Error> {
    if url.scheme() != "http" || allowed {
        return Ok(());
    }
    let origin = || url.origin().ascii_serialization();
    if !is_loopback(url) {
        let origin = origin();
        return Err(Error::Refused {
            reason: format!(
                "`{origin}` is plain http to a host that is not loopback; credentials would cross the network unencrypted. Use https, or allow_insecure_http() for a test network"
            ),
        });
    }
    if proxied() {
        let origin = origin();
        return Err(Error::Refused {
            reason: format!(
                "`{origin}` is plain http, and the HTTP client would send it through the proxy that HTTP_PROXY or ALL_PROXY names, which would see the credentials. Add the host to NO_PROXY, use Client::new (which never proxies loopback), or allow_insecure_http()"
            ),
        });
    }
    Ok(())
}

/// Plain `http://` to a name that counts as loopback (`localhost`,
/// `*.localhost`) goes out only when every address the name resolves to is
/// loopback: a resolver (an `/etc/hosts` line) may map such a name to a
/// routable address, and the name's spelling would then send credentials
/// across the network in clear text.
pub async fn resolved_loopback(url: &Url, allowed: bool) -> Result<(), Error> {
    let Some(url::Host::Domain(name)) = url.host() else {
        return Ok(());
    };
    if url.scheme() != "http" || allowed {
        return Ok(());
    }
    let port = url.port_or_known_default().unwrap_or(80);
    let addresses: Vec<IpAddr> = match tokio::net::lookup_host((name, port)).await {
        Ok(found) => found.map(|address| address.ip()).collect(),
        Err(_) => Vec::new(),
    };
    loopback_only(name, &addresses)
}

/// Whether every address a name resolved to is loopback (none is not).
pub(crate) fn loopback_only(name: &str, addresses: &[IpAddr]) -> Result<(), Error> {
    if !addresses.is_empty() && addresses.iter().all(IpAddr::is_loopback) {
        return Ok(());
    }
    let shown: Vec<String> = addresses
        .iter()
        .filter(|address| !address.is_loopback())
        .map(ToString::to_string)
        .collect();
    Err(Error::Refused {
        reason: format!(
            "`{}` is plain http to a name that resolves {}; credentials go over plain http \
             only to this machine. Use https, an address such as 127.0.0.1, or \
             allow_insecure_http() for a test network",
            terminal_safe(name, 100),
            if shown.is_empty() {
                "to no address".to_owned()
            } else {
                format!("to {}, not this machine", shown.join(", "))
            }
        ),
    })
}

/// Whether `url`'s host is this machine by its spelling: `localhost` (and
/// `*.localhost`), `127.0.0.0/8` or `::1`. Plain `http://` is allowed only
/// to such hosts (unless [`Client::allow_insecure_http`]), a name only when
/// every address it resolves to is loopback too, and [`Client::new`] never
/// sends their traffic through a proxy.
pub fn is_loopback(url: &Url) -> bool {
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

/// The `reqwest::Client` that [`Client::new`] uses: no redirects, the
/// default timeouts, proxies from the environment as curl reads them with
/// loopback always direct. For the CLI's `call`, which sends requests it
/// builds at run time.
pub fn own_http_client() -> Result<reqwest::Client, Error> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
        .timeout(DEFAULT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        // The decoder inflates gzip and deflate itself, within the body
        // limits, and the reply keeps the headers as they came. A program
        // that enables reqwest's `gzip` (or another decompression feature)
        // enables it for this client too, by feature unification: reqwest
        // would then inflate the body before the decoder sees it, and take
        // `Content-Encoding` and `Content-Length` out of the headers.
        .no_gzip()
        .no_deflate()
        .no_brotli()
        .no_zstd()
        .no_proxy();
    for proxy in environment_proxies()? {
        builder = builder.proxy(proxy);
    }
    builder.build().map_err(|error| Error::InvalidRequest {
        reason: format!("cannot set up the HTTP client: {}", chain(&error)),
    })
}

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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use tracing::field::{Field, Visit};
    use tracing::instrument::WithSubscriber;
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Subscriber};

    use crate::decode::ResponseDecoder;
    use crate::encode::RequestEncoder;
    use crate::{Client, Endpoint, Error, ErrorFormat, Example, Metadata, RetryPolicy, Url};

    /// Loopback by the addresses a name resolves to, not by its spelling.
    #[test]
    fn a_loopback_name_must_resolve_to_loopback_addresses_only() {
        use super::loopback_only;
        use std::net::IpAddr;
        let addresses = |list: &[&str]| -> Vec<IpAddr> {
            list.iter()
                .map(|a| a.parse().expect("an address"))
                .collect()
        };
        assert!(loopback_only("localhost", &addresses(&["127.0.0.1", "::1"])).is_ok());
        assert!(loopback_only("api.localhost", &addresses(&["127.0.0.2"])).is_ok());
        for routable in [&["203.0.113.7"][..], &["127.0.0.1", "198.51.100.1"], &[]] {
            let error = loopback_only("api.localhost", &addresses(routable)).expect_err("refused");
            assert!(matches!(error, Error::Refused { .. }), "{error}");
            assert!(error.to_string().contains("api.localhost"), "{error}");
        }
    }

    /// `localhost` itself resolves to loopback here, and is allowed.
    #[tokio::test]
    async fn localhost_resolves_to_loopback() {
        let url = Url::parse("http://localhost:9/").expect("a URL");
        assert!(super::resolved_loopback(&url, false).await.is_ok());
        let https = Url::parse("https://api.localhost/").expect("a URL");
        assert!(super::resolved_loopback(&https, false).await.is_ok());
    }

    /// A reply reads like its value and keeps the response's facts; its
    /// `Debug` names the headers without their values.
    #[test]
    fn a_reply_derefs_to_its_value_and_debug_hides_header_values() {
        use crate::{Reply, ResponseInfo};
        let mut headers = http::HeaderMap::new();
        headers.insert("x-kontur-trace-id", "trace-1".parse().expect("a value"));
        headers.insert("x-echo", "Bearer TOK-SECRET-42".parse().expect("a value"));
        let info = ResponseInfo::from_headers(http::StatusCode::CREATED, &headers);
        let mut reply = Reply::new(vec![1, 2, 3], info, headers);
        assert_eq!(reply.len(), 3);
        reply.push(4);
        assert_eq!(reply.status(), http::StatusCode::CREATED);
        assert_eq!(reply.trace_id(), Some("trace-1"));
        assert_eq!(reply.headers()["x-echo"], "Bearer TOK-SECRET-42");
        let shown = format!("{reply:?}");
        assert!(shown.contains("x-echo"), "{shown}");
        assert!(!shown.contains("TOK-SECRET-42"), "{shown}");
        let doubled = reply.map_inner(|value| value.len() * 2);
        assert_eq!(*doubled, 8);
        let (value, info, headers) = doubled.into_parts();
        assert_eq!((value, info.status.as_u16(), headers.len()), (8, 201, 2));
    }

    /// An endpoint with no parameters and no fields.
    struct Probe;

    impl Endpoint for Probe {
        type Request = ();
        type Response = ();
        const METADATA: Metadata = Metadata {
            name: "probe",
            method: http::Method::POST,
            path: "/probe",
            default_base_url: "http://127.0.0.1",
            docs_url: None,
            success_status: 200,
            content_type: "application/json",
            error_format: ErrorFormat::OAuth2,
            auth: crate::Auth::None,
            binary_response: false,
        };

        fn encode_request(_: &(), base_url: &Url) -> Result<crate::encode::Encoded, Error> {
            RequestEncoder::new(&Self::METADATA, base_url)?.finished()
        }

        fn decode_answer(response: crate::decode::Answer<'_>) -> Result<(), Error> {
            ResponseDecoder::with_fields(response, []).map(|_| ())
        }

        fn examples() -> Vec<Example<()>> {
            Vec::new()
        }
    }

    /// A subscriber that keeps every value recorded for a span's
    /// `attempts` field.
    #[derive(Clone, Default)]
    struct Attempts(Arc<Mutex<Vec<u64>>>);

    impl Visit for &Attempts {
        fn record_u64(&mut self, field: &Field, value: u64) {
            if field.name() == "attempts" {
                self.0.lock().expect("not poisoned").push(value);
            }
        }

        fn record_debug(&mut self, _: &Field, _: &dyn std::fmt::Debug) {}
    }

    impl Subscriber for Attempts {
        fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
            true
        }

        fn new_span(&self, span: &Attributes<'_>) -> Id {
            span.record(&mut &*self);
            Id::from_u64(1)
        }

        fn record(&self, _: &Id, values: &Record<'_>) {
            values.record(&mut &*self);
        }

        fn record_follows_from(&self, _: &Id, _: &Id) {}

        fn event(&self, _: &Event<'_>) {}

        fn enter(&self, _: &Id) {}

        fn exit(&self, _: &Id) {}
    }

    #[tokio::test]
    async fn a_retried_call_records_its_attempts_once() {
        // A port that nothing listens on: every attempt fails to connect,
        // which is retried.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = listener.local_addr().expect("an address");
        drop(listener);
        let base_url = Url::parse(&format!("http://{address}")).expect("a URL");
        let client = Client::new(base_url).expect("a client").with_retry_policy(
            RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(1)),
        );

        let attempts = Attempts::default();
        let result = client
            .send::<Probe>(&())
            .with_subscriber(attempts.clone())
            .await;

        assert!(matches!(result, Err(Error::Transport { .. })), "{result:?}");
        assert_eq!(*attempts.0.lock().expect("not poisoned"), [3]);
    }
}
