//! The generated `password_token` call beside the code a careful person
//! would write by hand for the same exchange: reqwest as a user writes it,
//! oauth2-rs 5 (`exchange_password`) and a raw hyper client. One hyper
//! server on 127.0.0.1 serves the documented response of
//! `spec/password-token.yaml` (gzip when asked) over HTTP/1.1 keep-alive;
//! every client sends the same form, asks for gzip, has the body inflated
//! and decodes the same JSON into a typed value. The clients take turns
//! within each round, so that drift on a shared machine touches them all
//! alike. Two setups, measured one after the other: the server on its own
//! thread and runtime, and the server on the clients' current-thread
//! runtime.
//!
//! `cargo bench --bench peer` runs three runs of 2,000 calls per client in
//! each setup, prints the median time per call and the ratios, then each
//! client's allocations per call; without `--bench` (as `cargo test
//! --benches` runs it) it makes a few calls of each and checks that they
//! all succeed. `-- --calls N --runs R --batch B` changes the counts;
//! `-- --setup thread` or `-- --setup shared` measures one setup; `-- --only
//! N` (numbered as `PEERS`) times one client alone, for a profiler.

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
use turns::Setup;

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

/// Starts the server as `setup` says (from within the clients' runtime);
/// returns its address.
fn start_server(setup: Setup) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    listener.set_nonblocking(true).expect("non-blocking");
    let address = listener.local_addr().expect("an address");
    match setup {
        Setup::Thread => {
            std::thread::spawn(move || {
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a server runtime")
                    .block_on(serve(listener));
            });
        }
        Setup::Shared => {
            tokio::spawn(serve(listener));
        }
    }
    address
}

/// Serves each connection in a task of its own, on the current runtime.
async fn serve(listener: std::net::TcpListener) {
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
        Generated::over(kontur_extern::Client::new(base_url).expect("a client"))
    }

    /// Over the caller's own `reqwest::Client`, as the hand-written one
    /// builds it (`Client::with_http_client`).
    fn with_http_client(address: SocketAddr) -> Self {
        let base_url = Url::parse(&format!("http://{address}")).expect("a URL");
        Generated::over(
            kontur_extern::Client::with_http_client(reqwest::Client::new(), base_url)
                .expect("a client"),
        )
    }

    fn over(client: kontur_extern::Client) -> Self {
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

/// The generated encoder and decoder around a plain reqwest call, without
/// `Client` (no retries, deadline, attempt timeout, span, `ResponseInfo`,
/// body caps or kept headers): splits the generated call's cost between
/// encoding and decoding and the client's layer. reqwest's decompression is
/// off, as in `Client::new`'s: the decoder inflates.
struct EncodeDecode {
    http: reqwest::Client,
    base_url: Url,
    request: password_token::Request,
}

impl EncodeDecode {
    fn new(address: SocketAddr) -> Self {
        EncodeDecode {
            http: reqwest::Client::builder()
                .no_gzip()
                .build()
                .expect("a client"),
            base_url: Url::parse(&format!("http://{address}")).expect("a URL"),
            request: PasswordToken::examples().remove(0).request,
        }
    }

    async fn call(&self) -> Outcome {
        use kontur_extern::ExposeSecret;
        let mut request = reqwest::Request::try_from(
            PasswordToken::encode(&self.request, &self.base_url).expect("encodes"),
        )
        .expect("converts");
        request.headers_mut().insert(
            ACCEPT_ENCODING,
            http::HeaderValue::from_static("gzip, deflate"),
        );
        let mut response = self.http.execute(request).await.expect("a response");
        let headers = std::mem::take(response.headers_mut());
        let status = response.status();
        let body = response.bytes().await.expect("a body");
        let mut received = http::Response::new(body.to_vec());
        *received.status_mut() = status;
        *received.headers_mut() = headers;
        let token = PasswordToken::decode(received).expect("a token");
        assert!(token.trace_id.is_some());
        Outcome {
            access_token_len: token.access_token.expose_secret().len(),
            expires_in: token.expires_in.as_secs(),
        }
    }
}

/// reqwest as a user writes it: reqwest 0.13 with its default features and
/// `json`, `gzip` and `form` (this package's dev-dependency), which asks
/// for gzip and inflates the body itself; the form a fixed array, the
/// status checked, the trace id read, the body decoded by `.json()`
/// (serde's derive). No timeout, retry or cap.
struct HandReqwest {
    http: reqwest::Client,
    url: String,
    form: [(&'static str, &'static str); 6],
}

impl HandReqwest {
    fn new(address: SocketAddr) -> Self {
        let c = Credentials::documented();
        let fixed = |value: String| -> &'static str { Box::leak(value.into_boxed_str()) };
        HandReqwest {
            http: reqwest::Client::new(),
            url: format!("http://{address}{PATH}"),
            form: [
                ("client_id", fixed(c.client_id)),
                ("client_secret", fixed(c.client_secret)),
                ("grant_type", "password"),
                ("scope", "extern.api"),
                ("username", fixed(c.username)),
                ("password", fixed(c.password)),
            ],
        }
    }

    async fn call(&self) -> Outcome {
        let (token, trace_id) = self.token().await.expect("a token");
        outcome(&token, trace_id)
    }

    async fn token(&self) -> reqwest::Result<(Token, Option<String>)> {
        let response = self
            .http
            .post(&self.url)
            .form(&self.form)
            .send()
            .await?
            .error_for_status()?;
        let trace_id = trace_id(response.headers());
        Ok((response.json::<Token>().await?, trace_id))
    }
}

/// oauth2-rs 5 `exchange_password`. oauth2 5 speaks reqwest 0.12 only, so
/// it sends through this project's reqwest 0.13 (the user's one, which
/// inflates gzip) with a small adapter of the kind its `AsyncHttpClient`
/// closures allow: the same as oauth2's own reqwest glue.
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
    let request = reqwest::Request::try_from(request).map_err(std::io::Error::other)?;
    let response = http.execute(request).await.map_err(std::io::Error::other)?;
    let mut builder = http::Response::builder()
        .status(response.status())
        .version(response.version());
    for (name, value) in response.headers() {
        builder = builder.header(name, value);
    }
    let body = response.bytes().await.map_err(std::io::Error::other)?;
    builder.body(body.to_vec()).map_err(std::io::Error::other)
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

const PEERS: [&str; 6] = [
    "generated password_token",
    "hand-written reqwest",
    "oauth2-rs exchange_password",
    "raw hyper",
    "generated, with_http_client",
    "generated encode/decode, no Client",
];

struct Peers {
    generated: Generated,
    reqwest: HandReqwest,
    oauth2: OAuth2,
    hyper: RawHyper,
    generated_over_reqwest: Generated,
    encode_decode: EncodeDecode,
}

impl turns::Clients for Peers {
    const NAMES: &'static [&'static str] = &PEERS;

    async fn call(&mut self, peer: usize) {
        let outcome = match peer {
            0 => self.generated.call().await,
            1 => self.reqwest.call().await,
            2 => self.oauth2.call().await,
            3 => self.hyper.call().await,
            4 => self.generated_over_reqwest.call().await,
            _ => self.encode_decode.call().await,
        };
        assert_eq!(outcome.access_token_len, 64);
        assert_eq!(outcome.expires_in, 86_400);
    }
}

fn main() {
    let settings = turns::Settings::from_args();
    for &setup in &settings.setups {
        println!("== {setup}");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a client runtime");
        runtime.block_on(async {
            let address = start_server(setup);
            let mut peers = Peers {
                generated: Generated::new(address),
                reqwest: HandReqwest::new(address),
                oauth2: OAuth2::new(address),
                hyper: RawHyper::new(address).await,
                generated_over_reqwest: Generated::with_http_client(address),
                encode_decode: EncodeDecode::new(address),
            };
            // generated (both) / reqwest, / raw hyper, / oauth2-rs; reqwest /
            // raw hyper; encode/decode alone / reqwest, generated / it.
            turns::run(
                &mut peers,
                &settings,
                &[(0, 1), (4, 1), (0, 3), (1, 3), (0, 2), (5, 1), (0, 5)],
            )
            .await;
        });
    }
}
