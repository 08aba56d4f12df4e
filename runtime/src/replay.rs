//! A server on 127.0.0.1 that answers a spec's documented requests with the
//! documented responses, for offline demos and for tests of code that uses
//! a generated client.

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use futures_util::stream;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

use crate::{
    Auth, Difference, DocumentedRequest, DocumentedResponse, Endpoint, ErrorFormat, MAX_BODY_BYTES,
    Metadata, Url,
};

/// Serves the documented exchanges of endpoint `E` on 127.0.0.1.
///
/// A request that matches a documented request (method, path, the headers
/// the endpoint sets, and each parameter where it travels, the form compared
/// as a form, secrets included; see [`DocumentedRequest::differences`])
/// gets that example's documented response: status, headers and body,
/// compressed as documented and sent chunked. Any other request gets a 400 with
/// an error body in the endpoint's error format (OAuth 2.0, or the Kontur.Extern
/// API's) whose description names the fields that differ
/// (secret values are never shown). When several examples document the
/// same request (an upload answered 200, then 201), they are served in
/// documented order, the last one again after that, unless the request
/// names the one it wants, as Prism's mock server lets it: `Prefer:
/// example=NAME` (the example of that name of the request's endpoint,
/// whose request it must match) or `Prefer: code=NNN` (the first example
/// whose request it matches that answers with that status); both together
/// ask for that example at that status. An example named so does not count
/// toward the documented order. A name that the endpoint's examples do not
/// have, or a status that none of the matching examples answers, gets a 400
/// in the endpoint's error format naming the examples there are. An endpoint with `auth: bearer`
/// answers 401 to a request without `Authorization: Bearer …` (any token
/// will do).
///
/// Slow or idle clients are cut off (see [`ReplayLimits`]): a connection
/// that does not send a complete request head within
/// [`header_timeout`](ReplayLimits::header_timeout), whether it is new or
/// idle between requests, or whose body does not arrive within
/// [`body_timeout`](ReplayLimits::body_timeout), is closed.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use kontur_extern::{Client, Endpoint, ReplayServer};
///
/// kontur_extern::endpoint!("../spec/password-token.yaml");
/// use password_token::PasswordToken;
///
/// let server = ReplayServer::start::<PasswordToken>().await?;
/// let client = Client::new(server.base_url())?;
/// let example = PasswordToken::examples().remove(0);
/// let reply = client.send::<PasswordToken>(&example.request).await?;
/// assert_eq!(reply.expires_in.as_secs(), 86400);
/// server.stop().await;
/// # Ok(())
/// # }
/// ```
pub struct ReplayServer {
    address: SocketAddr,
    shutdown: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

struct Exchange {
    /// The endpoint the example documents.
    metadata: Metadata,
    /// The example's name in its spec, which `Prefer: example=NAME` names.
    name: &'static str,
    request: DocumentedRequest,
    response: DocumentedResponse,
}

/// The exchanges, and how many times each request has been answered: when
/// several examples document the same request (an upload answered 200,
/// then 201; a device-flow poll answered `authorization_pending`, then with
/// a token), they are served in documented order, the last one again after
/// that, unless a request names its example (`Prefer`).
struct Exchanges {
    exchanges: Vec<Exchange>,
    served: std::sync::Mutex<Vec<usize>>,
}

/// How long a [`ReplayServer`] waits for its clients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReplayLimits {
    /// For a complete request head, from when the connection opens or the
    /// previous response was sent (10 s by default).
    pub header_timeout: Duration,
    /// For the complete request body, after its head (10 s by default).
    pub body_timeout: Duration,
}

impl Default for ReplayLimits {
    fn default() -> Self {
        ReplayLimits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
        }
    }
}

impl ReplayLimits {
    /// Sets [`header_timeout`](ReplayLimits::header_timeout).
    #[must_use]
    pub fn header_timeout(mut self, timeout: Duration) -> Self {
        self.header_timeout = timeout;
        self
    }

    /// Sets [`body_timeout`](ReplayLimits::body_timeout).
    #[must_use]
    pub fn body_timeout(mut self, timeout: Duration) -> Self {
        self.body_timeout = timeout;
        self
    }
}

impl ReplayServer {
    /// Starts serving on a free port of 127.0.0.1, with the default
    /// [`ReplayLimits`].
    pub async fn start<E>() -> std::io::Result<Self>
    where
        E: Endpoint + Send + Sync + 'static,
    {
        ReplayServer::start_with_limits::<E>(ReplayLimits::default()).await
    }

    /// Starts serving on a free port of 127.0.0.1, waiting for clients as
    /// long as `limits` allows.
    pub async fn start_with_limits<E>(limits: ReplayLimits) -> std::io::Result<Self>
    where
        E: Endpoint + Send + Sync + 'static,
    {
        ReplayServer::serving()
            .endpoint::<E>()
            .limits(limits)
            .start()
            .await
    }

    /// A server for the documented exchanges of several endpoints on one
    /// base URL, as an API serves them: add each with
    /// [`endpoint`](Replay::endpoint), then [`start`](Replay::start). A
    /// request is answered by the example of whichever endpoint it matches.
    pub fn serving() -> Replay {
        Replay {
            exchanges: Vec::new(),
            limits: ReplayLimits::default(),
            port: 0,
        }
    }

    /// The server's address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// `http://127.0.0.1:PORT`, to use as a client's base URL.
    pub fn base_url(&self) -> Url {
        local_url(self.address)
    }

    /// Stops accepting requests and closes every connection.
    pub async fn stop(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
    }
}

/// The endpoints a [`ReplayServer`] is to serve; from
/// [`ReplayServer::serving`].
pub struct Replay {
    exchanges: Vec<Exchange>,
    limits: ReplayLimits,
    port: u16,
}

impl Replay {
    /// Serves the documented exchanges of endpoint `E` too.
    #[must_use]
    pub fn endpoint<E: Endpoint>(mut self) -> Self {
        self.exchanges
            .extend(E::examples().into_iter().map(|example| Exchange {
                metadata: E::METADATA,
                name: example.name,
                request: example.documented_request,
                response: example.documented_response,
            }));
        self
    }

    /// Serves one documented exchange, the example `name` of the endpoint
    /// `metadata` describes (the name that `Prefer: example=NAME` asks
    /// for), for endpoints known only at run time (the command line's
    /// `serve` reads specs then).
    #[must_use]
    pub fn exchange(
        mut self,
        metadata: Metadata,
        name: &'static str,
        request: DocumentedRequest,
        response: DocumentedResponse,
    ) -> Self {
        self.exchanges.push(Exchange {
            metadata,
            name,
            request,
            response,
        });
        self
    }

    /// Listens on this port of 127.0.0.1 rather than a free one.
    #[must_use]
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Waits for clients as long as `limits` allows.
    #[must_use]
    pub fn limits(mut self, limits: ReplayLimits) -> Self {
        self.limits = limits;
        self
    }

    /// Starts serving on a free port of 127.0.0.1.
    pub async fn start(self) -> std::io::Result<ReplayServer> {
        let Replay {
            exchanges,
            limits,
            port,
        } = self;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, port)).await?;
        let address = listener.local_addr()?;
        let base_url = local_url(address);
        let exchanges = Arc::new(Exchanges {
            served: std::sync::Mutex::new(vec![0; exchanges.len()]),
            exchanges,
        });
        let router = axum::Router::new().fallback(move |request: axum::extract::Request| {
            let exchanges = Arc::clone(&exchanges);
            let base_url = base_url.clone();
            async move { answer(&exchanges, &base_url, limits.body_timeout, request).await }
        });
        let (shutdown, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(serve(listener, router, limits, stopped));
        Ok(ReplayServer {
            address,
            shutdown,
            task,
        })
    }
}

/// Accepts connections until `stopped`, each served over HTTP/1.1 with the
/// header timeout; stopping closes the open connections.
async fn serve(
    listener: TcpListener,
    router: axum::Router,
    limits: ReplayLimits,
    mut stopped: oneshot::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    loop {
        let stream = tokio::select! {
            _ = &mut stopped => break,
            // Reap finished connections so the set does not grow.
            Some(_) = connections.join_next(), if !connections.is_empty() => continue,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors and the like: wait, then go on.
                    tracing::warn!(%error, "replay server cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let service = TowerToHyperService::new(router.clone());
        connections.spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout);
            let connection = http.serve_connection(TokioIo::new(stream), service);
            if let Err(error) = connection.await {
                tracing::debug!(%error, "replay connection ended");
            }
        });
    }
    connections.shutdown().await;
}

fn local_url(address: SocketAddr) -> Url {
    let text = format!("http://{address}");
    Url::parse(&text).unwrap_or_else(|error| unreachable!("`{text}` is a URL: {error}"))
}

async fn answer(
    exchanges: &Exchanges,
    base_url: &Url,
    body_timeout: Duration,
    request: axum::extract::Request,
) -> http::Response<Body> {
    // Until the request's endpoint is known, refusals are in the format of
    // the first one served.
    let default_format = exchanges
        .exchanges
        .first()
        .map_or(ErrorFormat::OAuth2, |exchange| {
            exchange.metadata.error_format
        });
    let (parts, body) = request.into_parts();
    let body = match tokio::time::timeout(body_timeout, axum::body::to_bytes(body, MAX_BODY_BYTES))
        .await
    {
        Ok(Ok(body)) => body.to_vec(),
        Ok(Err(_)) => {
            return refusal(
                default_format,
                &[],
                "the request body is too large or broken",
            );
        }
        Err(_) => {
            let mut response = refusal_with(
                http::StatusCode::REQUEST_TIMEOUT,
                default_format,
                &[],
                "the request body did not arrive in time",
            );
            response.headers_mut().insert(
                http::header::CONNECTION,
                http::HeaderValue::from_static("close"),
            );
            return response;
        }
    };
    let request = http::Request::from_parts(parts, body);

    // The example to name in a refusal: one on the request's route if any,
    // then the one with the fewest differences.
    let mut closest: Option<(bool, Vec<Difference>, ErrorFormat)> = None;
    let mut matching = Vec::new();
    // Endpoints whose method and path the request has: its route.
    let mut route: Option<&Metadata> = None;
    for (index, exchange) in exchanges.exchanges.iter().enumerate() {
        let differences = exchange
            .request
            .differences_for(&exchange.metadata, &request, base_url);
        let on_route = !differences
            .iter()
            .any(|d| d.what == "method" || d.what == "path");
        if on_route {
            route = route.or(Some(&exchange.metadata));
        }
        if differences.is_empty() {
            matching.push(index);
            continue;
        }
        if closest.as_ref().is_none_or(|(best_on_route, best, _)| {
            (on_route, std::cmp::Reverse(differences.len()))
                > (*best_on_route, std::cmp::Reverse(best.len()))
        }) {
            closest = Some((on_route, differences, exchange.metadata.error_format));
        }
    }

    // A bearer endpoint answers 401 to a request without a token, as the
    // API does: a client that forgot it learns so here, not in production.
    if let Some(metadata) = route
        && metadata.auth == Auth::Bearer
    {
        let bearer = request
            .headers()
            .get(http::header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| {
                value.len() > "Bearer ".len()
                    && value
                        .get(..7)
                        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("Bearer "))
            });
        if !bearer {
            return refusal_with(
                http::StatusCode::UNAUTHORIZED,
                metadata.error_format,
                &[],
                "the endpoint needs `Authorization: Bearer <token>`, and the request has none",
            );
        }
    }

    // The error format of the request's endpoint, when it is known.
    let format = route
        .map(|metadata| metadata.error_format)
        .or(closest.as_ref().map(|(_, _, format)| *format))
        .unwrap_or(default_format);
    let preference = match Preference::of(request.headers()) {
        Ok(preference) => preference,
        Err(problem) => return refusal(format, &[], &problem),
    };
    if (preference.example.is_some() || preference.code.is_some())
        && let Some(response) = preferred(exchanges, &request, base_url, &matching, &preference)
    {
        return response;
    }

    if let Some(&first) = matching.first() {
        // The n-th time this request comes, the n-th example that documents
        // it; the count is kept on the first of them.
        let mut served = exchanges
            .served
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let times = served[first];
        served[first] = times.saturating_add(1);
        let pick = matching[times.min(matching.len() - 1)];
        return documented(&exchanges.exchanges[pick].response);
    }
    match closest {
        Some((_, differences, format)) => refusal(
            route.map_or(format, |metadata| metadata.error_format),
            &differences,
            "the request matches no documented example",
        ),
        None => refusal(
            default_format,
            &[],
            "the spec documents no example exchange",
        ),
    }
}

/// A request's `Prefer` header (RFC 7240), as far as the replay server
/// reads it: the preferences `example=NAME` and `code=NNN`, as Prism's mock
/// server reads them. Other preferences are ignored; the first of each
/// counts.
#[derive(Default)]
struct Preference {
    example: Option<String>,
    code: Option<u16>,
}

/// A name or status from a request, as an error repeats it: at most this
/// many characters.
const SHOWN_CHARS: usize = 100;

impl Preference {
    fn of(headers: &http::HeaderMap) -> Result<Preference, String> {
        let mut found = Preference::default();
        for value in headers.get_all(http::header::HeaderName::from_static("prefer")) {
            let text = value
                .to_str()
                .map_err(|_| "the `Prefer` header is not text".to_owned())?;
            for item in split_outside_quotes(text, ',') {
                // A preference's own parameters (`; …`) do not matter here.
                let head = split_outside_quotes(item, ';')
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                let (key, value) = match head.split_once('=') {
                    Some((key, value)) => (key.trim(), Some(unquoted(value.trim()))),
                    None => (head.trim(), None),
                };
                if key.eq_ignore_ascii_case("example") {
                    let name = value
                        .filter(|name| !name.is_empty())
                        .ok_or("`Prefer: example` names no example: send `Prefer: example=NAME`")?;
                    found.example.get_or_insert(name);
                } else if key.eq_ignore_ascii_case("code") {
                    let shown = shown(value.as_deref().unwrap_or_default());
                    let code = value
                        .and_then(|code| code.parse::<u16>().ok())
                        .filter(|code| (100..=599).contains(code))
                        .ok_or_else(|| {
                            format!("`Prefer: code={shown}` is not an HTTP status (100 to 599)")
                        })?;
                    found.code.get_or_insert(code);
                }
            }
        }
        Ok(found)
    }
}

/// `text` cut at each `separator` that is not inside a quoted string.
fn split_outside_quotes(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (at, character) in text.char_indices() {
        match character {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            _ if character == separator && !quoted => {
                parts.push(&text[start..at]);
                start = at + character.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// A token as it is, or a quoted string's content, unescaped.
fn unquoted(word: &str) -> String {
    match word
        .strip_prefix('"')
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) => {
            let mut text = String::with_capacity(inner.len());
            let mut escaped = false;
            for character in inner.chars() {
                if character == '\\' && !escaped {
                    escaped = true;
                } else {
                    text.push(character);
                    escaped = false;
                }
            }
            text
        }
        None => word.to_owned(),
    }
}

/// A client's text, cut to [`SHOWN_CHARS`] characters.
fn shown(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// Whether `path` is a path of the template `template`: as many segments,
/// each literal one equal, each `{name}` one not empty.
fn fits(template: &str, path: &str) -> bool {
    let (template, path): (Vec<&str>, Vec<&str>) =
        (template.split('/').collect(), path.split('/').collect());
    template.len() == path.len()
        && template.iter().zip(&path).all(|(expected, found)| {
            if expected.starts_with('{') && expected.ends_with('}') {
                !found.is_empty()
            } else {
                expected == found
            }
        })
}

/// The answer to a request that names its example (`Prefer`): the example
/// asked for, or a 400 that says why there is none; `None` when the request
/// matches no example at all, which the caller refuses as any other.
fn preferred(
    exchanges: &Exchanges,
    request: &http::Request<Vec<u8>>,
    base_url: &Url,
    matching: &[usize],
    preference: &Preference,
) -> Option<http::Response<Body>> {
    // The examples of the request's endpoint: its method, and a path of
    // its template.
    let on_endpoint: Vec<usize> = exchanges
        .exchanges
        .iter()
        .enumerate()
        .filter(|(_, exchange)| {
            exchange.metadata.method == *request.method()
                && fits(exchange.metadata.path, request.uri().path())
        })
        .map(|(index, _)| index)
        .collect();
    let format = on_endpoint
        .first()
        .map(|&index| exchanges.exchanges[index].metadata.error_format);
    let mut candidates: Vec<usize> = matching.to_vec();
    if let Some(wanted) = &preference.example {
        let named: Vec<usize> = on_endpoint
            .iter()
            .copied()
            .filter(|&index| exchanges.exchanges[index].name == wanted.as_str())
            .collect();
        let Some(&first_named) = named.first() else {
            // No endpoint of this request: refused as any other request.
            let format = format?;
            let mut endpoints: Vec<&str> = Vec::new();
            let mut names: Vec<&str> = Vec::new();
            for &index in &on_endpoint {
                let exchange = &exchanges.exchanges[index];
                if !endpoints.contains(&exchange.metadata.name) {
                    endpoints.push(exchange.metadata.name);
                }
                names.push(exchange.name);
            }
            let endpoints = endpoints
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(" or ");
            return Some(listing(
                format,
                &format!(
                    "{endpoints} has no example `{}` (`Prefer: example`); the examples there are: {}",
                    shown(wanted),
                    names.join(", ")
                ),
                &names,
            ));
        };
        candidates = named
            .iter()
            .copied()
            .filter(|index| matching.contains(index))
            .collect();
        if candidates.is_empty() {
            let exchange = &exchanges.exchanges[first_named];
            let differences =
                exchange
                    .request
                    .differences_for(&exchange.metadata, request, base_url);
            return Some(refusal(
                exchange.metadata.error_format,
                &differences,
                &format!(
                    "the request does not match the example `{}` it names (`Prefer: example`)",
                    exchange.name
                ),
            ));
        }
    }
    if let Some(code) = preference.code {
        if candidates.is_empty() {
            return None;
        }
        let answering: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&index| exchanges.exchanges[index].response.status == code)
            .collect();
        if answering.is_empty() {
            let exchange = &exchanges.exchanges[candidates[0]];
            let names: Vec<&str> = candidates
                .iter()
                .map(|&index| exchanges.exchanges[index].name)
                .collect();
            let answers: Vec<String> = candidates
                .iter()
                .map(|&index| {
                    let exchange = &exchanges.exchanges[index];
                    format!("`{}` {}", exchange.name, exchange.response.status)
                })
                .collect();
            return Some(listing(
                exchange.metadata.error_format,
                &format!(
                    "no example of this request answers {code} (`Prefer: code`); the examples there are: {}",
                    answers.join(", ")
                ),
                &names,
            ));
        }
        candidates = answering;
    }
    candidates
        .first()
        .map(|&index| documented(&exchanges.exchanges[index].response))
}

/// A 400 that names the examples there are, in the context of the
/// Kontur.Extern API's error format (`examples`) or beside the OAuth 2.0
/// error.
fn listing(format: ErrorFormat, description: &str, names: &[&str]) -> http::Response<Body> {
    let body = match format {
        ErrorFormat::KonturApi => json!({
            "id": "urn:error:kontur-extern:replay:no-such-example",
            "status-code": 400,
            "message": description,
            "context": { "examples": names },
        }),
        _ => json!({
            "error": "invalid_request",
            "error_description": description,
            "examples": names,
        }),
    };
    json_response(http::StatusCode::BAD_REQUEST, &body)
}

fn json_response(status: http::StatusCode, body: &serde_json::Value) -> http::Response<Body> {
    let mut response = http::Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}

/// The documented response; the body is sent chunked, as documented.
fn documented(documented: &DocumentedResponse) -> http::Response<Body> {
    let (parts, body) = documented.to_http().into_parts();
    let chunks = stream::iter([Ok::<_, Infallible>(Bytes::from(body))]);
    http::Response::from_parts(parts, Body::from_stream(chunks))
}

/// A 400 that says why, in the endpoint's error format, so that its client
/// reads it as the server's error (`Error::OAuth2` or `Error::Api`).
fn refusal(format: ErrorFormat, differences: &[Difference], summary: &str) -> http::Response<Body> {
    refusal_with(http::StatusCode::BAD_REQUEST, format, differences, summary)
}

fn refusal_with(
    status: http::StatusCode,
    format: ErrorFormat,
    differences: &[Difference],
    summary: &str,
) -> http::Response<Body> {
    let mut description = summary.to_owned();
    for difference in differences {
        description.push_str(&format!(
            "; {}: documented {}, found {}",
            difference.what, difference.documented, difference.found
        ));
    }
    let listed: Vec<_> = differences
        .iter()
        .map(|d| json!({"what": d.what, "documented": d.documented, "found": d.found}))
        .collect();
    let body = match format {
        ErrorFormat::KonturApi => json!({
            "id": "urn:error:kontur-extern:replay:no-match",
            "status-code": status.as_u16(),
            "message": description,
            "context": { "differences": listed },
        }),
        _ => json!({
            "error": "invalid_request",
            "error_description": description,
            "differences": listed,
        }),
    };
    json_response(status, &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DocumentedParam, ParamLocation};

    const TASK: Metadata = Metadata {
        name: "get_task",
        method: http::Method::GET,
        path: "/v1/{accountId}/tasks/{taskId}",
        default_base_url: "http://127.0.0.1",
        docs_url: None,
        success_status: 200,
        content_type: "application/json",
        error_format: ErrorFormat::KonturApi,
        auth: Auth::None,
        binary_response: false,
    };

    const PARAMS: &[DocumentedParam] = &[
        DocumentedParam {
            name: "accountId",
            value: "a1",
            location: ParamLocation::Path,
            secret: false,
        },
        DocumentedParam {
            name: "taskId",
            value: "t1",
            location: ParamLocation::Path,
            secret: false,
        },
    ];

    const REQUEST: DocumentedRequest = DocumentedRequest {
        headers: &[],
        params: PARAMS,
        body: None,
        raw_body: None,
    };

    fn answer(status: u16, body: &'static str) -> DocumentedResponse {
        DocumentedResponse {
            status,
            headers: &[("Content-Type", "application/json")],
            body,
        }
    }

    /// Three examples of one request (running, done, gone) and one of
    /// another task.
    async fn server() -> ReplayServer {
        ReplayServer::serving()
            .exchange(
                TASK,
                "running",
                REQUEST,
                answer(200, r#"{"state":"running"}"#),
            )
            .exchange(TASK, "done", REQUEST, answer(200, r#"{"state":"done"}"#))
            .exchange(TASK, "gone", REQUEST, answer(410, r#"{"state":"gone"}"#))
            .exchange(
                TASK,
                "other",
                DocumentedRequest {
                    params: &[
                        DocumentedParam {
                            name: "accountId",
                            value: "a1",
                            location: ParamLocation::Path,
                            secret: false,
                        },
                        DocumentedParam {
                            name: "taskId",
                            value: "t2",
                            location: ParamLocation::Path,
                            secret: false,
                        },
                    ],
                    ..REQUEST
                },
                answer(200, r#"{"state":"other"}"#),
            )
            .start()
            .await
            .expect("starts")
    }

    /// The status and body of `GET path` with these `Prefer` headers.
    async fn ask(server: &ReplayServer, path: &str, prefer: &[&str]) -> (u16, String) {
        let url = server.base_url().join(path).expect("a URL");
        let mut request = reqwest::Client::new().get(url);
        for value in prefer {
            request = request.header("Prefer", *value);
        }
        let response = request.send().await.expect("answers");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    #[tokio::test]
    async fn a_request_gets_the_example_it_names_in_any_order() {
        let server = server().await;
        let task = "/v1/a1/tasks/t1";
        // Out of documented order, each by its name.
        assert_eq!(
            ask(&server, task, &["example=gone"]).await,
            (410, r#"{"state":"gone"}"#.to_owned())
        );
        assert_eq!(
            ask(&server, task, &["example=done"]).await.1,
            r#"{"state":"done"}"#
        );
        // Quoted, among other preferences, case aside.
        assert_eq!(
            ask(&server, task, &["respond-async, Example=\"running\"; x=1"])
                .await
                .1,
            r#"{"state":"running"}"#
        );
        // By status: the first example of the request with it.
        assert_eq!(
            ask(&server, task, &["code=200"]).await.1,
            r#"{"state":"running"}"#
        );
        assert_eq!(ask(&server, task, &["code=410"]).await.0, 410);
        // Both: that example at that status.
        assert_eq!(
            ask(&server, task, &["code=200", "example=done"]).await.1,
            r#"{"state":"done"}"#
        );
        // Without a preference, the documented order, which the named
        // requests did not advance.
        for expected in ["running", "done", "gone", "gone"] {
            assert_eq!(
                ask(&server, task, &[]).await.1,
                format!(r#"{{"state":"{expected}"}}"#)
            );
        }
        server.stop().await;
    }

    #[tokio::test]
    async fn an_example_or_status_that_is_not_there_is_refused_naming_what_there_is() {
        let server = server().await;
        let task = "/v1/a1/tasks/t1";
        let (status, body) = ask(&server, task, &["example=nope"]).await;
        assert_eq!(status, 400);
        let json: serde_json::Value = serde_json::from_str(&body).expect("JSON");
        assert_eq!(json["id"], "urn:error:kontur-extern:replay:no-such-example");
        assert_eq!(
            json["message"],
            "`get_task` has no example `nope` (`Prefer: example`); the examples there are: \
             running, done, gone, other"
        );
        assert_eq!(
            json["context"]["examples"],
            serde_json::json!(["running", "done", "gone", "other"])
        );
        // An example of the endpoint whose request is another.
        let (status, body) = ask(&server, "/v1/a1/tasks/t2", &["example=done"]).await;
        assert_eq!(status, 400);
        assert!(
            body.contains("the request does not match the example `done` it names")
                && body.contains("path: documented /v1/a1/tasks/t1, found /v1/a1/tasks/t2"),
            "{body}"
        );
        let (status, body) = ask(&server, task, &["code=404"]).await;
        assert_eq!(status, 400);
        assert!(
            body.contains(
                "no example of this request answers 404 (`Prefer: code`); the examples there \
                 are: `running` 200, `done` 200, `gone` 410"
            ),
            "{body}"
        );
        let (status, body) = ask(&server, task, &["example=gone", "code=200"]).await;
        assert_eq!(status, 400);
        assert!(body.contains("answers 200"), "{body}");
        let (status, body) = ask(&server, task, &["code=abc"]).await;
        assert_eq!(status, 400);
        assert!(
            body.contains("`Prefer: code=abc` is not an HTTP status"),
            "{body}"
        );
        // A request of no endpoint is refused as before, whatever it prefers.
        let (status, body) = ask(&server, "/v2/other", &["example=done"]).await;
        assert_eq!(status, 400);
        assert!(body.contains("matches no documented example"), "{body}");
        server.stop().await;
    }

    #[test]
    fn prefer_is_read_as_rfc_7240_writes_it() {
        assert_eq!(
            split_outside_quotes(r#"a="x,y", b"#, ','),
            [r#"a="x,y""#, " b"]
        );
        assert_eq!(unquoted(r#""a\"b""#), r#"a"b"#);
        assert_eq!(unquoted("plain"), "plain");
        assert_eq!(shown(&"x".repeat(150)).chars().count(), 101);
        assert!(fits("/v1/{a}/tasks/{b}", "/v1/1/tasks/2"));
        assert!(!fits("/v1/{a}/tasks/{b}", "/v1/1/tasks/"));
        assert!(!fits("/v1/{a}/tasks/{b}", "/v1/1/task/2"));
        assert!(!fits("/v1/{a}", "/v1/1/tasks"));
    }
}
