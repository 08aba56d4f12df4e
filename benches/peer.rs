//! The generated `password_token` call beside the code a careful person
//! would write by hand for the same exchange: reqwest, oauth2-rs 5
//! (`exchange_password`) and a raw hyper client. One hyper server on
//! 127.0.0.1 serves the documented response of `spec/password-token.yaml`
//! (gzip when asked) over HTTP/1.1 keep-alive; every client sends the same
//! form, asks for gzip, inflates the body and decodes the same JSON into a
//! typed value. The clients take turns within each round, so that drift on
//! a shared machine touches them all alike.
//!
//! `cargo bench --bench peer` runs three runs of 2,000 calls per client and
//! prints the median time per call and the ratios; without `--bench` (as
//! `cargo test --benches` runs it) it makes a few calls of each and checks
//! that they all succeed. `-- --calls N --runs R --batch B` changes the
//! counts; `-- --only N` (0 generated, 1 reqwest, 2 oauth2-rs, 3 raw hyper)
//! times one client alone, for a profiler.

use std::convert::Infallible;
use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;

use bytes::Bytes;
use flate2::bufread::GzDecoder;
use http::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, HOST};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use kontur_extern::{Endpoint, TRACE_ID_HEADER, Url};
use oauth2::basic::BasicClient;
use oauth2::{
    AuthType, ClientId, ClientSecret, ResourceOwnerPassword, ResourceOwnerUsername, Scope,
    TokenResponse, TokenUrl,
};
use serde::Deserialize;
use tokio::net::{TcpListener, TcpStream};

#[path = "support/turns.rs"]
mod turns;

kontur_extern::endpoint!("spec/password-token.yaml");

use password_token::PasswordToken;

const PATH: &str = "/connect/token";

/// The documented credentials, which every client sends.
struct Credentials {
    client_id: String,
    client_secret: String,
    username: String,
    password: String,
}

impl Credentials {
    fn documented() -> Self {
        let params = PasswordToken::examples()[0].documented_request.params;
        let value = |name: &str| {
            params
                .iter()
                .find(|param| param.name == name)
                .map(|param| param.value.to_owned())
                .unwrap_or_else(|| panic!("the example documents `{name}`"))
        };
        Credentials {
            client_id: value("client_id"),
            client_secret: value("client_secret"),
            username: value("username"),
            password: value("password"),
        }
    }

    /// The form as the server expects it, sorted.
    fn form(&self) -> Vec<(String, String)> {
        let mut form: Vec<(String, String)> = [
            ("client_id", self.client_id.as_str()),
            ("client_secret", &self.client_secret),
            ("grant_type", "password"),
            ("scope", "extern.api"),
            ("username", &self.username),
            ("password", &self.password),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value.to_owned()))
        .collect();
        form.sort();
        form
    }
}

/// The token as hand-written code decodes it, with serde's derive.
#[derive(Debug, Deserialize)]
struct Token {
    access_token: String,
    expires_in: u64,
    token_type: String,
    #[serde(default)]
    refresh_token: Option<String>,
    #[serde(default)]
    scope: Option<String>,
}

/// What every client hands back, checked after each call.
struct Outcome {
    access_token_len: usize,
    expires_in: u64,
}

// ---------------------------------------------------------------- server

/// What the server answers with, prepared once.
struct Documented {
    status: http::StatusCode,
    headers: Vec<(http::HeaderName, http::HeaderValue)>,
    gzip_body: Bytes,
    plain_body: Bytes,
    form: Vec<(String, String)>,
}

impl Documented {
    fn new() -> Self {
        let response = &PasswordToken::examples()[0].documented_response;
        let headers = response
            .headers
            .iter()
            .filter(|(name, _)| {
                // Framing is the server's to choose for its own body.
                !name.eq_ignore_ascii_case("transfer-encoding")
                    && !name.eq_ignore_ascii_case("content-length")
            })
            .map(|(name, value)| {
                (
                    http::HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
                    http::HeaderValue::from_static(value),
                )
            })
            .collect();
        Documented {
            status: http::StatusCode::from_u16(response.status).expect("a status"),
            headers,
            gzip_body: Bytes::from(response.encoded_body()),
            plain_body: Bytes::from_static(response.body.as_bytes()),
            form: Credentials::documented().form(),
        }
    }

    /// The documented response, gzipped when the request accepts gzip; a
    /// request with another method, path or form gets 400, so that every
    /// client is seen to send the same request.
    async fn answer(&self, request: http::Request<Incoming>) -> http::Response<Full<Bytes>> {
        let gzip = request
            .headers()
            .get(ACCEPT_ENCODING)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.contains("gzip"));
        let right_target = request.method() == http::Method::POST && request.uri().path() == PATH;
        let body = match request.into_body().collect().await {
            Ok(body) => body.to_bytes(),
            Err(_) => return bad_request("unreadable body"),
        };
        let mut form: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
        form.sort();
        if !right_target || form != self.form || !gzip {
            return bad_request("not the documented request");
        }
        let mut response = http::Response::new(Full::new(self.gzip_body.clone()));
        *response.status_mut() = self.status;
        for (name, value) in &self.headers {
            if name == CONTENT_ENCODING && !gzip {
                continue;
            }
            response.headers_mut().append(name.clone(), value.clone());
        }
        if !gzip {
            *response.body_mut() = Full::new(self.plain_body.clone());
        }
        response
    }
}

fn bad_request(why: &'static str) -> http::Response<Full<Bytes>> {
    let mut response = http::Response::new(Full::new(Bytes::from_static(why.as_bytes())));
    *response.status_mut() = http::StatusCode::BAD_REQUEST;
    response
}

/// Serves on its own thread with its own runtime, as a separate server
/// process would; returns its address.
fn start_server() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.set_nonblocking(true).expect("non-blocking");
    let address = listener.local_addr().expect("an address");
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a server runtime");
        runtime.block_on(async move {
            let listener = TcpListener::from_std(listener).expect("a tokio listener");
            let documented = Arc::new(Documented::new());
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let documented = Arc::clone(&documented);
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let documented = Arc::clone(&documented);
                        async move { Ok::<_, Infallible>(documented.answer(request).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    });
    address
}

// ---------------------------------------------------------------- clients

/// Whether the response says its body is gzip.
fn is_gzip(headers: &http::HeaderMap) -> bool {
    headers
        .get(CONTENT_ENCODING)
        .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"gzip"))
}

/// Inflates a gzip body. `bufread`: the body is in memory, so the decoder
/// needs no buffer of its own.
fn inflate(gzip: bool, body: &[u8]) -> Vec<u8> {
    if !gzip {
        return body.to_vec();
    }
    let mut plain = Vec::with_capacity(body.len() * 4);
    GzDecoder::new(body)
        .read_to_end(&mut plain)
        .expect("a gzip body");
    plain
}

fn trace_id(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get(TRACE_ID_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

fn outcome(token: &Token, trace_id: Option<String>) -> Outcome {
    assert!(token.token_type.eq_ignore_ascii_case("bearer"));
    assert!(token.refresh_token.is_none() && token.scope.is_none());
    assert!(trace_id.is_some());
    Outcome {
        access_token_len: token.access_token.len(),
        expires_in: token.expires_in,
    }
}

/// The generated client, as the README shows it.
struct Generated {
    client: password_token::Client,
    request: password_token::Request,
}

impl Generated {
    fn new(address: SocketAddr) -> Self {
        let base_url = Url::parse(&format!("http://{address}")).expect("a URL");
        let client = kontur_extern::Client::new(base_url).expect("a client");
        Generated {
            client: password_token::Client::new(client),
            request: PasswordToken::examples().remove(0).request,
        }
    }

    async fn call(&self) -> Outcome {
        use kontur_extern::ExposeSecret;
        let reply = self
            .client
            .password_token(&self.request)
            .await
            .expect("a token");
        assert!(reply.trace_id().is_some());
        Outcome {
            access_token_len: reply.access_token.expose_secret().len(),
            expires_in: reply.expires_in.as_secs(),
        }
    }
}

/// reqwest by hand: a form POST, the status checked, the body inflated and
/// decoded with serde's derive (what `.json()` does, after gzip).
struct HandReqwest {
    http: reqwest::Client,
    url: String,
    credentials: Credentials,
}

impl HandReqwest {
    fn new(address: SocketAddr) -> Self {
        HandReqwest {
            http: reqwest::Client::new(),
            url: format!("http://{address}{PATH}"),
            credentials: Credentials::documented(),
        }
    }

    async fn call(&self) -> Outcome {
        let c = &self.credentials;
        let response = self
            .http
            .post(&self.url)
            .header(ACCEPT_ENCODING, "gzip")
            .form(&[
                ("client_id", c.client_id.as_str()),
                ("client_secret", &c.client_secret),
                ("grant_type", "password"),
                ("scope", "extern.api"),
                ("username", &c.username),
                ("password", &c.password),
            ])
            .send()
            .await
            .expect("a response");
        assert!(response.status().is_success());
        let trace_id = trace_id(response.headers());
        let gzip = is_gzip(response.headers());
        let body = response.bytes().await.expect("a body");
        let token: Token = serde_json::from_slice(&inflate(gzip, &body)).expect("a token");
        outcome(&token, trace_id)
    }
}

/// oauth2-rs 5 `exchange_password`. oauth2 5 speaks reqwest 0.12 only, so
/// it sends through this project's reqwest 0.13 with a small adapter of the
/// kind its `AsyncHttpClient` closures allow: the same as oauth2's own
/// reqwest glue, plus asking for gzip and inflating it.
struct OAuth2 {
    client: BasicClient<
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointNotSet,
        oauth2::EndpointSet,
    >,
    http: reqwest::Client,
    username: ResourceOwnerUsername,
    password: ResourceOwnerPassword,
}

impl OAuth2 {
    fn new(address: SocketAddr) -> Self {
        let c = Credentials::documented();
        let client = BasicClient::new(ClientId::new(c.client_id))
            .set_client_secret(ClientSecret::new(c.client_secret))
            .set_auth_type(AuthType::RequestBody)
            .set_token_uri(TokenUrl::new(format!("http://{address}{PATH}")).expect("a URL"));
        OAuth2 {
            client,
            http: reqwest::Client::new(),
            username: ResourceOwnerUsername::new(c.username),
            password: ResourceOwnerPassword::new(c.password),
        }
    }

    async fn call(&self) -> Outcome {
        let http = |request| send_for_oauth2(&self.http, request);
        let token = self
            .client
            .exchange_password(&self.username, &self.password)
            .add_scope(Scope::new("extern.api".to_owned()))
            .request_async(&http)
            .await
            .expect("a token");
        Outcome {
            access_token_len: token.access_token().secret().len(),
            expires_in: token.expires_in().map_or(0, |lifetime| lifetime.as_secs()),
        }
    }
}

async fn send_for_oauth2(
    http: &reqwest::Client,
    request: oauth2::HttpRequest,
) -> Result<oauth2::HttpResponse, std::io::Error> {
    let mut request = reqwest::Request::try_from(request).map_err(std::io::Error::other)?;
    request
        .headers_mut()
        .insert(ACCEPT_ENCODING, http::HeaderValue::from_static("gzip"));
    let response = http.execute(request).await.map_err(std::io::Error::other)?;
    let mut builder = http::Response::builder()
        .status(response.status())
        .version(response.version());
    for (name, value) in response.headers() {
        if name != CONTENT_ENCODING {
            builder = builder.header(name, value);
        }
    }
    let gzip = is_gzip(response.headers());
    let body = response.bytes().await.map_err(std::io::Error::other)?;
    builder
        .body(inflate(gzip, &body))
        .map_err(std::io::Error::other)
}

/// A raw hyper HTTP/1.1 connection, kept alive: the floor for any client
/// on hyper.
struct RawHyper {
    sender: hyper::client::conn::http1::SendRequest<Full<Bytes>>,
    host: http::HeaderValue,
    credentials: Credentials,
}

impl RawHyper {
    async fn new(address: SocketAddr) -> Self {
        let stream = TcpStream::connect(address).await.expect("a connection");
        stream.set_nodelay(true).expect("no delay");
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .expect("a handshake");
        tokio::spawn(connection);
        RawHyper {
            sender,
            host: http::HeaderValue::from_str(&address.to_string()).expect("a host"),
            credentials: Credentials::documented(),
        }
    }

    async fn call(&mut self) -> Outcome {
        let c = &self.credentials;
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("client_id", &c.client_id)
            .append_pair("client_secret", &c.client_secret)
            .append_pair("grant_type", "password")
            .append_pair("scope", "extern.api")
            .append_pair("username", &c.username)
            .append_pair("password", &c.password)
            .finish();
        let request = http::Request::post(PATH)
            .header(HOST, self.host.clone())
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(ACCEPT_ENCODING, "gzip")
            .body(Full::new(Bytes::from(form)))
            .expect("a request");
        self.sender.ready().await.expect("a ready connection");
        let response = self.sender.send_request(request).await.expect("a response");
        assert!(response.status().is_success());
        let trace_id = trace_id(response.headers());
        let gzip = is_gzip(response.headers());
        let body = response.into_body().collect().await.expect("a body");
        let token: Token =
            serde_json::from_slice(&inflate(gzip, &body.to_bytes())).expect("a token");
        outcome(&token, trace_id)
    }
}

// ---------------------------------------------------------------- harness

const PEERS: [&str; 4] = [
    "generated password_token",
    "hand-written reqwest",
    "oauth2-rs exchange_password",
    "raw hyper",
];

struct Peers {
    generated: Generated,
    reqwest: HandReqwest,
    oauth2: OAuth2,
    hyper: RawHyper,
}

impl turns::Clients for Peers {
    const NAMES: &'static [&'static str] = &PEERS;

    async fn call(&mut self, peer: usize) {
        let outcome = match peer {
            0 => self.generated.call().await,
            1 => self.reqwest.call().await,
            2 => self.oauth2.call().await,
            _ => self.hyper.call().await,
        };
        assert_eq!(outcome.access_token_len, 64);
        assert_eq!(outcome.expires_in, 86_400);
    }
}

fn main() {
    let settings = turns::Settings::from_args();
    let address = start_server();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a client runtime");
    runtime.block_on(async {
        let mut peers = Peers {
            generated: Generated::new(address),
            reqwest: HandReqwest::new(address),
            oauth2: OAuth2::new(address),
            hyper: RawHyper::new(address).await,
        };
        // generated / reqwest, / raw hyper, / oauth2-rs; reqwest / raw hyper.
        turns::run(&mut peers, &settings, &[(0, 1), (0, 3), (0, 2), (1, 3)]).await;
    });
}
