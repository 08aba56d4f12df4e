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
/// documented order, the last one again after that. An endpoint with `auth: bearer`
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
    request: DocumentedRequest,
    response: DocumentedResponse,
}

/// The exchanges, and how many times each request has been answered: when
/// several examples document the same request (an upload answered 200,
/// then 201; a device-flow poll answered `authorization_pending`, then with
/// a token), they are served in documented order, the last one again after
/// that.
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
                request: example.documented_request,
                response: example.documented_response,
            }));
        self
    }

    /// Serves one documented exchange of the endpoint `metadata` describes,
    /// for endpoints known only at run time (the command line's `serve`
    /// reads specs then).
    #[must_use]
    pub fn exchange(
        mut self,
        metadata: Metadata,
        request: DocumentedRequest,
        response: DocumentedResponse,
    ) -> Self {
        self.exchanges.push(Exchange {
            metadata,
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
    let mut response = http::Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}
