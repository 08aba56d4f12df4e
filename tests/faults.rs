//! The generated client against a real, misbehaving HTTP server on
//! 127.0.0.1: OAuth 2.0 errors, bodies of the wrong shape, broken
//! compression, bodies past the size cap, silent servers, connections that
//! break, retries, and the refusal of plain http.
//!
//! The fault server is raw TCP: each response is written by hand, so the
//! framing (Content-Length, chunked, close-delimited, cut short) is exactly
//! what the case says. Every case also checks that no secret of the request
//! or of the server's answer shows in the outcome's `Debug` and `Display`, or
//! in the `tracing` log of the whole binary.
//!
//! At the end, property tests feed arbitrary responses straight to the
//! generated decoder.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::VecDeque;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use flate2::Compression;
use flate2::write::{GzEncoder, ZlibEncoder};
use kontur_extern::{
    Client, Error, ExposeSecret, MAX_BODY_BYTES, OAuth2ErrorCode, Reply, ResponseInfo, RetryPolicy,
    TransportErrorKind, Url,
};
use kontur_extern_tests::{capture_log, captured_log, gzip};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

kontur_extern::endpoint!("spec/password-token.yaml");

use kontur_extern::Endpoint as _;
use password_token::{PasswordToken, Request, Required, Response, TokenType};

// ---------------------------------------------------------------------------
// Secrets and the scan for them
// ---------------------------------------------------------------------------

const CLIENT_SECRET: &str = "S3CR3T-client-9f2";
const PASSWORD: &str = "P4SS-word-77ab";
/// Sent back by the client as the request's `partial_factor_token`.
const REQUEST_PARTIAL_FACTOR_TOKEN: &str = "PFT-secret-request-5a0";
/// What the server sends in its bodies (tokens, error bodies, HTML, broken JSON).
const ACCESS_TOKEN: &str = "AT-secret-4e7d";
const REFRESH_TOKEN: &str = "RT-secret-8b0c";
const PARTIAL_FACTOR_TOKEN: &str = "PFT-secret-31c";
const ID_TOKEN: &str = "IDT-secret-c6e";

/// The start of every secret above: a secret cut short (an excerpt ends in
/// the middle of it) is still caught.
const SECRET_MARKERS: [&str; 6] = [
    "S3CR3T",
    "P4SS-word",
    "AT-secret",
    "RT-secret",
    "PFT-secret",
    "IDT-secret",
];

/// Fails when `text` holds any secret value, or the start of one.
fn assert_no_secrets(text: &str) {
    for marker in SECRET_MARKERS {
        assert!(
            !text.contains(marker),
            "a secret starting with `{marker}` leaked:\n{text}"
        );
    }
}

fn request() -> Request {
    Request::new(Required {
        client_id: "extern.api".into(),
        client_secret: CLIENT_SECRET.into(),
        username: "user@login.ru".into(),
        password: PASSWORD.into(),
    })
    .with_partial_factor_token(REQUEST_PARTIAL_FACTOR_TOKEN)
}

/// The outcome as `Debug` and, for an error, `Display` too, after checking
/// that neither shows a secret. For assertion messages.
fn shown(result: &Result<Reply<Response>, Error>) -> String {
    let text = match result {
        Ok(reply) => format!("{reply:?}"),
        Err(error) => format!("{error:?}\n{error}"),
    };
    assert_no_secrets(&text);
    text
}

/// Fails when the log so far holds a secret. Called after a call, so the
/// log must hold at least one call's span: an empty capture scans nothing.
fn assert_log_clean() {
    let log = captured_log();
    assert!(log.contains("kontur_extern.call"), "nothing was captured");
    assert_no_secrets(&log);
}

#[test]
#[should_panic(expected = "a secret starting with `AT-secret` leaked")]
fn the_secret_scan_catches_a_secret_cut_short() {
    assert_no_secrets(r#"body starts with "{\"access_token\":\"AT-secret-4e…""#);
}

// ---------------------------------------------------------------------------
// The largest single allocation, to show the gzip bomb is never inflated
// ---------------------------------------------------------------------------

static LARGEST_ALLOCATION: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, remembering the largest block ever asked for.
struct Watched;

// SAFETY: every call goes to `System` unchanged.
unsafe impl GlobalAlloc for Watched {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST_ALLOCATION.fetch_max(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        LARGEST_ALLOCATION.fetch_max(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST_ALLOCATION.fetch_max(new_size, Ordering::Relaxed);
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Watched = Watched;

// ---------------------------------------------------------------------------
// The fault server
// ---------------------------------------------------------------------------

/// How the server ends a connection after writing its bytes.
enum End {
    /// Shut down the write side and close: a FIN.
    Close,
    /// Wait `pause` (so the client is reading the body), then close with
    /// `SO_LINGER` 0: an RST.
    Reset { pause: Duration },
    /// Hold the connection open and never write again.
    Hang,
}

/// What the server does on one connection, after reading the whole request.
struct Play {
    delay: Duration,
    bytes: Vec<u8>,
    end: End,
}

impl Play {
    /// Sends `bytes`, then closes.
    fn reply(bytes: Vec<u8>) -> Self {
        Play {
            delay: Duration::ZERO,
            bytes,
            end: End::Close,
        }
    }

    /// Sends `bytes`, waits `pause`, then resets the connection.
    fn reset_after(bytes: Vec<u8>, pause: Duration) -> Self {
        Play {
            delay: Duration::ZERO,
            bytes,
            end: End::Reset { pause },
        }
    }

    /// Reads the request and never answers.
    fn hang() -> Self {
        Play {
            delay: Duration::ZERO,
            bytes: Vec::new(),
            end: End::Hang,
        }
    }

    /// Waits `delay` before writing anything.
    fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// A TCP server on 127.0.0.1 that plays the next scripted [`Play`] on each
/// connection it accepts; connections past the script are closed unanswered.
/// It lives as long as the test's runtime.
struct FaultServer {
    url: Url,
    connections: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
    received: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl FaultServer {
    async fn start(script: Vec<Play>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let address = listener.local_addr().expect("bound");
        let server = FaultServer {
            url: Url::parse(&format!("http://{address}/")).expect("valid"),
            connections: Arc::default(),
            requests: Arc::default(),
            received: Arc::default(),
        };
        let connections = server.connections.clone();
        let requests = server.requests.clone();
        let received = server.received.clone();
        let mut script = VecDeque::from(script);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                connections.fetch_add(1, Ordering::SeqCst);
                let play = script.pop_front();
                tokio::spawn(serve(stream, play, requests.clone(), received.clone()));
            }
        });
        server
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// A client for this server without retries.
    fn client(&self) -> Client {
        Client::new(self.url.clone())
            .expect("client")
            .with_retry_policy(RetryPolicy::never())
    }

    /// Sends the password request through `client` and checks the outcome
    /// for secrets. Also checks that the secrets did go to the server, so
    /// that their absence from the outcome means something.
    async fn call(&self, client: &Client) -> Result<Reply<Response>, Error> {
        let result = client.send::<PasswordToken>(&request()).await;
        shown(&result);
        let received = self.received.lock().expect("not poisoned");
        if let Some(last) = received.last() {
            let text = String::from_utf8_lossy(last);
            assert!(
                text.starts_with("POST /connect/token HTTP/1.1\r\n"),
                "{text}"
            );
            for secret in [CLIENT_SECRET, PASSWORD, REQUEST_PARTIAL_FACTOR_TOKEN] {
                assert!(
                    text.contains(secret),
                    "the request carries {secret}: {text}"
                );
            }
        }
        result
    }
}

async fn serve(
    mut stream: TcpStream,
    play: Option<Play>,
    requests: Arc<AtomicUsize>,
    received: Arc<Mutex<Vec<Vec<u8>>>>,
) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    received.lock().expect("not poisoned").push(request);
    requests.fetch_add(1, Ordering::SeqCst);
    let Some(play) = play else {
        return;
    };
    tokio::time::sleep(play.delay).await;
    // The client may hang up early (a body past the cap): write errors are its business.
    let _ = stream.write_all(&play.bytes).await;
    let _ = stream.flush().await;
    match play.end {
        End::Close => {
            let _ = stream.shutdown().await;
        }
        End::Reset { pause } => {
            tokio::time::sleep(pause).await;
            #[allow(deprecated)] // Blocks on drop only for a non-zero linger.
            stream
                .set_linger(Some(Duration::ZERO))
                .expect("SO_LINGER 0");
            drop(stream);
        }
        End::Hang => {
            let _held = stream;
            std::future::pending::<()>().await;
        }
    }
}

/// Reads one request: the head up to the blank line, then `Content-Length`
/// bytes of body. `None` when the client hangs up first.
async fn read_request(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        assert!(bytes.len() < 64 * 1024, "a request head this long is a bug");
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        bytes.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&bytes[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .map_or(0, |value| value.trim().parse().expect("a number"));
    while bytes.len() < head_end + length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        bytes.extend_from_slice(&chunk[..read]);
    }
    Some(bytes)
}

/// A response with `Content-Length` and `Connection: close` added.
fn http_response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// A response head exactly as given (no framing added) and then `body`.
fn raw_response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

const JSON: (&str, &str) = ("Content-Type", "application/json; charset=UTF-8");
const HTML: (&str, &str) = ("Content-Type", "text/html; charset=utf-8");

fn trace(id: &str) -> (&str, &str) {
    ("X-Kontur-Trace-Id", id)
}

/// A good token body with the server's secrets in it.
fn token_body() -> String {
    format!(
        r#"{{"access_token":"{ACCESS_TOKEN}","expires_in":3600,"token_type":"Bearer","refresh_token":"{REFRESH_TOKEN}","scope":"extern.api"}}"#
    )
}

fn assert_response(info: &ResponseInfo, status: u16, trace_id: Option<&str>) {
    assert_eq!(info.status, status, "{info:?}");
    assert_eq!(info.trace_id.as_deref(), trace_id, "{info:?}");
}

/// The error's parts when it is `Error::UnexpectedBody`.
fn unexpected_body(
    result: &Result<Reply<Response>, Error>,
) -> (&ResponseInfo, Option<&str>, &str, &str) {
    match result {
        Err(Error::UnexpectedBody {
            response,
            content_type,
            problem,
            excerpt,
        }) => (response, content_type.as_deref(), problem, excerpt),
        _ => panic!("expected Error::UnexpectedBody, got {}", shown(result)),
    }
}

fn too_large_problem() -> String {
    format!("the body is larger than {MAX_BODY_BYTES} bytes")
}

// ---------------------------------------------------------------------------
// OAuth 2.0 errors
// ---------------------------------------------------------------------------

#[tokio::test]
async fn invalid_grant_400_keeps_the_code_trace_id_and_partial_factor_token() {
    capture_log();
    let body = format!(
        r#"{{"error":"invalid_grant","error_description":"invalid_username_or_password","error_status":7,"partial_factor_token":"{PARTIAL_FACTOR_TOKEN}","required_factors":[{{"grant_type":"sms","identity":"+7***1234"}}]}}"#
    );
    let server = FaultServer::start(vec![Play::reply(http_response(
        "400 Bad Request",
        &[JSON, trace("trace-invalid-grant"), ("Dont-Retry", "True")],
        body.as_bytes(),
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let Err(
        error @ Error::OAuth2 {
            response,
            error: oauth,
        },
    ) = &result
    else {
        panic!("expected Error::OAuth2, got {}", shown(&result));
    };
    assert_response(response, 400, Some("trace-invalid-grant"));
    assert!(response.dont_retry);
    assert_eq!(oauth.code, OAuth2ErrorCode::InvalidGrant);
    assert_eq!(
        oauth.description.as_deref(),
        Some("invalid_username_or_password")
    );
    assert_eq!(oauth.error_status.as_deref(), Some("7"));
    assert_eq!(
        oauth
            .partial_factor_token
            .as_ref()
            .map(|token| token.expose_secret()),
        Some(PARTIAL_FACTOR_TOKEN),
        "the caller gets the token to send back"
    );
    assert_eq!(oauth.required_factors.len(), 1);
    assert_eq!(oauth.required_factors[0].grant_type, "sms");
    assert_eq!(error.status(), Some(http::StatusCode::BAD_REQUEST));
    assert_eq!(error.trace_id(), Some("trace-invalid-grant"));
    assert!(!error.is_retryable());
    assert_eq!(server.requests(), 1);
    assert_log_clean();
}

#[tokio::test]
async fn invalid_client_401_with_www_authenticate() {
    capture_log();
    let server = FaultServer::start(vec![Play::reply(http_response(
        "401 Unauthorized",
        &[
            JSON,
            (
                "WWW-Authenticate",
                r#"Basic realm="identity", charset="UTF-8""#,
            ),
            trace("trace-invalid-client"),
        ],
        br#"{"error":"invalid_client"}"#,
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let Err(
        error @ Error::OAuth2 {
            response,
            error: oauth,
        },
    ) = &result
    else {
        panic!("expected Error::OAuth2, got {}", shown(&result));
    };
    assert_response(response, 401, Some("trace-invalid-client"));
    assert_eq!(oauth.code, OAuth2ErrorCode::InvalidClient);
    assert!(oauth.description.is_none());
    assert_eq!(
        error.to_string(),
        "wrong client id or client secret (invalid_client, HTTP 401), trace id trace-invalid-client"
    );
    assert!(!error.is_retryable());
    assert_log_clean();
}

#[tokio::test]
async fn oauth2_error_sent_as_text_plain_is_still_an_oauth2_error() {
    capture_log();
    let body = format!(
        r#"{{"error":"invalid_request","error_description":"grant_type is missing","refresh_token":"{REFRESH_TOKEN}","access_token":"{ACCESS_TOKEN}"}}"#
    );
    let server = FaultServer::start(vec![Play::reply(http_response(
        "400 Bad Request",
        &[
            ("Content-Type", "text/plain; charset=utf-8"),
            trace("trace-text-plain"),
        ],
        body.as_bytes(),
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let Err(Error::OAuth2 {
        response,
        error: oauth,
    }) = &result
    else {
        panic!("expected Error::OAuth2, got {}", shown(&result));
    };
    assert_response(response, 400, Some("trace-text-plain"));
    assert_eq!(oauth.code, OAuth2ErrorCode::InvalidRequest);
    assert_eq!(oauth.description.as_deref(), Some("grant_type is missing"));
    assert_log_clean();
}

#[tokio::test]
async fn device_flow_errors_are_typed_and_left_to_the_poller() {
    capture_log();
    for (code, expected, retryable) in [
        (
            "authorization_pending",
            OAuth2ErrorCode::AuthorizationPending,
            true,
        ),
        ("slow_down", OAuth2ErrorCode::SlowDown, true),
        ("expired_token", OAuth2ErrorCode::ExpiredToken, false),
        ("access_denied", OAuth2ErrorCode::AccessDenied, false),
    ] {
        let body = format!(r#"{{"error":"{code}"}}"#);
        let server = FaultServer::start(vec![
            Play::reply(http_response("400 Bad Request", &[JSON], body.as_bytes())),
            Play::reply(http_response("400 Bad Request", &[JSON], body.as_bytes())),
        ])
        .await;
        // The default retry policy: the poll interval is the device flow's
        // to keep, so the client does not repeat the request by itself.
        let client = Client::new(server.url.clone()).expect("client");

        let result = server.call(&client).await;

        let Err(error @ Error::OAuth2 { error: oauth, .. }) = &result else {
            panic!("expected Error::OAuth2, got {}", shown(&result));
        };
        assert_eq!(oauth.code, expected);
        assert_eq!(oauth.code.as_str(), code);
        assert_eq!(error.is_retryable(), retryable, "{code}");
        assert!(
            error.to_string().contains(&format!("({code}, HTTP 400)")),
            "{error}"
        );
        assert_eq!(server.requests(), 1, "{code} was repeated by the client");
    }
    assert_log_clean();
}

// ---------------------------------------------------------------------------
// Bodies of the wrong shape
// ---------------------------------------------------------------------------

#[tokio::test]
async fn html_body_with_status_200_is_an_unexpected_body() {
    capture_log();
    let body = format!(
        "<!DOCTYPE html>\n<html><head><title>Debug</title></head><body>\n<pre>{{\"access_token\":\"{ACCESS_TOKEN}\",\"refresh_token\":\"{REFRESH_TOKEN}\",\"expires_in\":3600}}</pre>\n</body></html>\n"
    );
    let server = FaultServer::start(vec![Play::reply(http_response(
        "200 OK",
        &[HTML, trace("trace-html-200")],
        body.as_bytes(),
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let (response, content_type, problem, excerpt) = unexpected_body(&result);
    assert_response(response, 200, Some("trace-html-200"));
    assert_eq!(content_type, Some("text/html; charset=utf-8"));
    assert!(problem.starts_with("the body is not JSON"), "{problem}");
    assert!(excerpt.starts_with("<!DOCTYPE html>"), "{excerpt}");
    assert_log_clean();
}

#[tokio::test]
async fn bad_gateway_html_page_is_an_unexpected_body_and_retryable() {
    capture_log();
    // A proxy's error page that echoes the request it could not forward.
    let body = format!(
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n<!-- upstream request: client_id=extern.api&client_secret={CLIENT_SECRET}&grant_type=password&username=user%40login.ru&password={PASSWORD} -->\r\n</body>\r\n</html>\r\n"
    );
    let server = FaultServer::start(vec![Play::reply(http_response(
        "502 Bad Gateway",
        &[HTML, ("Server", "nginx"), trace("trace-502")],
        body.as_bytes(),
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let (response, content_type, problem, excerpt) = unexpected_body(&result);
    assert_response(response, 502, Some("trace-502"));
    assert_eq!(content_type, Some("text/html; charset=utf-8"));
    assert_eq!(problem, "an error status without an OAuth 2.0 error body");
    assert!(excerpt.contains("502 Bad Gateway"), "{excerpt}");
    assert!(result.as_ref().unwrap_err().is_retryable());
    assert_eq!(server.requests(), 1, "RetryPolicy::never sends once");
    assert_log_clean();
}

#[tokio::test]
async fn empty_body_is_an_unexpected_body() {
    capture_log();
    let server = FaultServer::start(vec![
        Play::reply(http_response(
            "200 OK",
            &[JSON, trace("trace-empty-200")],
            b"",
        )),
        Play::reply(http_response(
            "500 Internal Server Error",
            &[trace("trace-empty-500")],
            b"",
        )),
    ])
    .await;
    let client = server.client();

    let result = server.call(&client).await;
    let (response, content_type, problem, excerpt) = unexpected_body(&result);
    assert_response(response, 200, Some("trace-empty-200"));
    assert_eq!(content_type, Some("application/json; charset=UTF-8"));
    assert_eq!(problem, "the body is empty");
    assert_eq!(excerpt, "");

    let result = server.call(&client).await;
    let (response, content_type, problem, _) = unexpected_body(&result);
    assert_response(response, 500, Some("trace-empty-500"));
    assert_eq!(content_type, None);
    assert_eq!(problem, "an error status without an OAuth 2.0 error body");
    assert_log_clean();
}

#[tokio::test]
async fn truncated_json_is_an_unexpected_body() {
    capture_log();
    let body = format!(
        r#"{{"refresh_token":"{REFRESH_TOKEN}","access_token":"{ACCESS_TOKEN}","expires_in":36"#
    );
    let server = FaultServer::start(vec![Play::reply(http_response(
        "200 OK",
        &[JSON, trace("trace-truncated-json")],
        body.as_bytes(),
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let (response, _, problem, _) = unexpected_body(&result);
    assert_response(response, 200, Some("trace-truncated-json"));
    assert!(problem.starts_with("the body is not JSON"), "{problem}");
    assert_log_clean();
}

#[tokio::test]
async fn missing_access_token_is_a_decode_error_naming_it() {
    capture_log();
    let body = format!(
        r#"{{"expires_in":3600,"token_type":"Bearer","refresh_token":"{REFRESH_TOKEN}","id_token":"{ID_TOKEN}"}}"#
    );
    let server = FaultServer::start(vec![Play::reply(http_response(
        "200 OK",
        &[JSON, trace("trace-missing-token")],
        body.as_bytes(),
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let Err(
        error @ Error::Decode {
            response,
            field,
            expected,
            found,
        },
    ) = &result
    else {
        panic!("expected Error::Decode, got {}", shown(&result));
    };
    assert_response(response, 200, Some("trace-missing-token"));
    assert_eq!(field, "access_token");
    assert_eq!(*expected, "a string");
    assert_eq!(found, "missing");
    assert!(!error.is_retryable());
    assert_log_clean();
}

#[tokio::test]
async fn expires_in_of_the_wrong_type_or_out_of_range_is_a_decode_error() {
    capture_log();
    let cases = [
        (r#""3600""#, r#"a string ("3600")"#),
        ("-1", "a number (-1)"),
        ("0", "a number (0)"),
        ("1000000000000", "a number (1000000000000)"),
    ];
    let script = cases
        .iter()
        .enumerate()
        .map(|(index, (value, _))| {
            let body = format!(
                r#"{{"access_token":"{ACCESS_TOKEN}","expires_in":{value},"token_type":"Bearer"}}"#
            );
            Play::reply(http_response(
                "200 OK",
                &[JSON, trace(&format!("trace-expires-{index}"))],
                body.as_bytes(),
            ))
        })
        .collect();
    let server = FaultServer::start(script).await;
    let client = server.client();

    for (index, (value, shown_as)) in cases.iter().enumerate() {
        let result = server.call(&client).await;
        let Err(Error::Decode {
            response,
            field,
            found,
            ..
        }) = &result
        else {
            panic!(
                "expires_in {value}: expected Error::Decode, got {}",
                shown(&result)
            );
        };
        let trace_id = format!("trace-expires-{index}");
        assert_response(response, 200, Some(&trace_id));
        assert_eq!(field, "expires_in", "expires_in {value}");
        assert_eq!(found, shown_as, "expires_in {value}");
    }
    assert_eq!(server.requests(), cases.len());
    assert_log_clean();
}

#[tokio::test]
async fn unknown_token_type_is_accepted() {
    capture_log();
    let body =
        format!(r#"{{"access_token":"{ACCESS_TOKEN}","expires_in":3600,"token_type":"DPoP"}}"#);
    let server = FaultServer::start(vec![Play::reply(http_response(
        "200 OK",
        &[JSON, trace("trace-dpop")],
        body.as_bytes(),
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let Ok(reply) = &result else {
        panic!("expected a token, got {}", shown(&result));
    };
    assert_response(reply.info(), 200, Some("trace-dpop"));
    assert_eq!(reply.token_type, TokenType::Unknown("DPoP".into()));
    assert_eq!(reply.access_token.expose_secret(), ACCESS_TOKEN);
    assert_eq!(reply.expires_in, Duration::from_secs(3600));
    assert_eq!(reply.trace_id.as_deref(), Some("trace-dpop"));
    assert!(!reply.dont_retry);
    assert_log_clean();
}

#[tokio::test]
async fn unknown_extra_fields_are_accepted() {
    capture_log();
    let body = format!(
        r#"{{"access_token":"{ACCESS_TOKEN}","expires_in":86400,"token_type":"Bearer","refresh_token":"{REFRESH_TOKEN}","id_token":"{ID_TOKEN}","scope":"extern.api offline_access","user":{{"sid":"abc","roles":["a","b"]}},"issued_at":1718000000,"not_before":null,"extra":[1,true,{{"access_token":"{ACCESS_TOKEN}"}}]}}"#
    );
    let server = FaultServer::start(vec![Play::reply(http_response(
        "200 OK",
        &[
            JSON,
            trace("trace-extra"),
            ("X-Kontur-Dont-Retry", "True"),
            ("Cache-Control", "no-store"),
        ],
        body.as_bytes(),
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let Ok(reply) = &result else {
        panic!("expected a token, got {}", shown(&result));
    };
    assert_response(reply.info(), 200, Some("trace-extra"));
    assert!(reply.info().dont_retry);
    let token = &**reply;
    assert_eq!(token.access_token.expose_secret(), ACCESS_TOKEN);
    assert_eq!(
        token.refresh_token.as_ref().map(|t| t.expose_secret()),
        Some(REFRESH_TOKEN)
    );
    assert_eq!(token.expires_in, Duration::from_secs(86400));
    assert_eq!(token.token_type, TokenType::Bearer);
    assert_eq!(token.scope.as_deref(), Some("extern.api offline_access"));
    assert!(token.dont_retry, "X-Kontur-Dont-Retry is the alias");
    assert_log_clean();
}

// ---------------------------------------------------------------------------
// Compression and size
// ---------------------------------------------------------------------------

#[tokio::test]
async fn truncated_gzip_stream_is_an_unexpected_body() {
    capture_log();
    let compressed = gzip(token_body().as_bytes());
    let half = &compressed[..compressed.len() / 2];
    let server = FaultServer::start(vec![Play::reply(http_response(
        "200 OK",
        &[JSON, ("Content-Encoding", "gzip"), trace("trace-half-gzip")],
        half,
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let (response, content_type, problem, excerpt) = unexpected_body(&result);
    assert_response(response, 200, Some("trace-half-gzip"));
    assert_eq!(content_type, Some("application/json; charset=UTF-8"));
    assert!(
        problem.starts_with("the gzip body cannot be decompressed"),
        "{problem}"
    );
    assert_eq!(excerpt, "");
    assert_log_clean();
}

/// `zeros` zero bytes gzip-compressed, fed to the encoder in small pieces so
/// that the test itself never holds them all.
fn gzip_bomb(zeros: usize) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    let piece = vec![0u8; 64 * 1024];
    let mut left = zeros;
    while left > 0 {
        let size = left.min(piece.len());
        encoder.write_all(&piece[..size]).expect("in memory");
        left -= size;
    }
    encoder.finish().expect("in memory")
}

#[tokio::test]
async fn gzip_bomb_is_refused_by_size_without_inflating_it() {
    capture_log();
    const INFLATED: usize = 50 * 1024 * 1024;
    let bomb = gzip_bomb(INFLATED);
    assert!(bomb.len() < MAX_BODY_BYTES, "{} bytes", bomb.len());
    let server = FaultServer::start(vec![Play::reply(http_response(
        "200 OK",
        &[JSON, ("Content-Encoding", "gzip"), trace("trace-bomb")],
        &bomb,
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let (response, _, problem, _) = unexpected_body(&result);
    assert_response(response, 200, Some("trace-bomb"));
    assert_eq!(problem, too_large_problem());
    let largest = LARGEST_ALLOCATION.load(Ordering::Relaxed);
    assert!(
        largest < 8 * MAX_BODY_BYTES,
        "the largest allocation so far is {largest} bytes: the bomb was inflated"
    );
    assert_log_clean();
}

/// A JSON token body padded past the size cap.
fn oversized_body() -> Vec<u8> {
    let padding = "x".repeat(MAX_BODY_BYTES + 64 * 1024);
    format!(
        r#"{{"access_token":"{ACCESS_TOKEN}","expires_in":3600,"token_type":"Bearer","padding":"{padding}"}}"#
    )
    .into_bytes()
}

#[tokio::test]
async fn oversized_body_with_content_length_is_refused() {
    capture_log();
    let server = FaultServer::start(vec![Play::reply(http_response(
        "200 OK",
        &[JSON, trace("trace-big-length")],
        &oversized_body(),
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let (response, _, problem, _) = unexpected_body(&result);
    assert_response(response, 200, Some("trace-big-length"));
    assert_eq!(problem, too_large_problem());
    assert_log_clean();
}

#[tokio::test]
async fn oversized_body_without_content_length_is_refused() {
    capture_log();
    let body = oversized_body();
    // Close-delimited: no Content-Length, no Transfer-Encoding.
    let close_delimited = raw_response(
        "200 OK",
        &[JSON, trace("trace-big-close"), ("Connection", "close")],
        &body,
    );
    // Chunked, in 64 KiB chunks.
    let mut chunked = raw_response(
        "200 OK",
        &[
            JSON,
            trace("trace-big-chunked"),
            ("Transfer-Encoding", "chunked"),
            ("Connection", "close"),
        ],
        b"",
    );
    for piece in body.chunks(64 * 1024) {
        chunked.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let server = FaultServer::start(vec![Play::reply(close_delimited), Play::reply(chunked)]).await;
    let client = server.client();

    for trace_id in ["trace-big-close", "trace-big-chunked"] {
        let result = server.call(&client).await;
        let (response, _, problem, _) = unexpected_body(&result);
        assert_response(response, 200, Some(trace_id));
        assert_eq!(problem, too_large_problem(), "{trace_id}");
    }
    assert_log_clean();
}

// ---------------------------------------------------------------------------
// Transport faults
// ---------------------------------------------------------------------------

/// The error's parts when it is `Error::Transport`.
fn transport_error(
    result: &Result<Reply<Response>, Error>,
) -> (TransportErrorKind, &str, Option<&ResponseInfo>) {
    match result {
        Err(Error::Transport {
            kind,
            message,
            response,
        }) => (*kind, message, response.as_ref()),
        _ => panic!("expected Error::Transport, got {}", shown(result)),
    }
}

#[tokio::test]
async fn server_that_never_answers_times_out() {
    capture_log();
    let server = FaultServer::start(vec![Play::hang(), Play::hang()]).await;

    // The HTTP client's own timeout.
    let http = kontur_extern::reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let client = Client::with_http_client(http, server.url.clone())
        .expect("client")
        .with_retry_policy(RetryPolicy::never());
    let started = Instant::now();
    let result = server.call(&client).await;
    let elapsed = started.elapsed();
    let (kind, _, response) = transport_error(&result);
    assert_eq!(kind, TransportErrorKind::Timeout, "{}", shown(&result));
    assert!(response.is_none());
    assert!(!result.as_ref().unwrap_err().is_retryable());
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");

    // The retry policy's deadline, with retries on.
    let client = Client::new(server.url.clone())
        .expect("client")
        .with_retry_policy(RetryPolicy::default().with_deadline(Duration::from_millis(300)));
    let started = Instant::now();
    let result = server.call(&client).await;
    let elapsed = started.elapsed();
    let (kind, _, response) = transport_error(&result);
    assert_eq!(kind, TransportErrorKind::Timeout, "{}", shown(&result));
    assert!(response.is_none());
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    assert_eq!(server.requests(), 2, "one request each, no retry");
    assert_log_clean();
}

/// A 200 whose `Content-Length` promises more than the half of the token
/// body that follows: the connection must end before the body does.
fn head_and_half_a_body(trace_id: &str) -> Vec<u8> {
    let body = token_body();
    raw_response(
        "200 OK",
        &[
            JSON,
            trace(trace_id),
            ("Content-Length", &(body.len() + 500).to_string()),
        ],
        &body.as_bytes()[..body.len() / 2],
    )
}

#[tokio::test]
async fn connection_reset_mid_body_keeps_the_status() {
    capture_log();
    let head_and_part = head_and_half_a_body("trace-reset");
    let server = FaultServer::start(vec![Play::reset_after(
        head_and_part,
        Duration::from_millis(200),
    )])
    .await;

    let result = server.call(&server.client()).await;

    let (kind, _, response) = transport_error(&result);
    assert_eq!(kind, TransportErrorKind::Reset, "{}", shown(&result));
    let response = response.expect("the status and headers had come");
    assert_response(response, 200, Some("trace-reset"));
    let error = result.as_ref().unwrap_err();
    assert_eq!(error.status(), Some(http::StatusCode::OK));
    assert_eq!(error.trace_id(), Some("trace-reset"));
    assert_log_clean();
}

#[tokio::test]
async fn connection_closed_mid_body_keeps_the_status() {
    capture_log();
    let head_and_part = head_and_half_a_body("trace-closed");
    let server = FaultServer::start(vec![Play::reply(head_and_part)]).await;

    let result = server.call(&server.client()).await;

    let (kind, _, response) = transport_error(&result);
    assert_eq!(kind, TransportErrorKind::Reset, "{}", shown(&result));
    let response = response.expect("the status and headers had come");
    assert_response(response, 200, Some("trace-closed"));
    assert_log_clean();
}

#[tokio::test]
async fn connection_refused_is_a_connect_error() {
    capture_log();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
    let address = listener.local_addr().expect("bound");
    drop(listener);
    let url = Url::parse(&format!("http://{address}/")).expect("valid");
    let client = Client::new(url)
        .expect("client")
        .with_retry_policy(RetryPolicy::never());

    let result = client.send::<PasswordToken>(&request()).await;

    let (kind, _, response) = transport_error(&result);
    assert_eq!(kind, TransportErrorKind::Connect, "{}", shown(&result));
    assert!(response.is_none());
    assert!(result.as_ref().unwrap_err().is_retryable());
    assert_log_clean();
}

#[tokio::test]
async fn connection_reset_or_closed_before_any_response_is_a_reset() {
    capture_log();
    let server = FaultServer::start(vec![
        Play::reset_after(Vec::new(), Duration::ZERO),
        Play::reply(Vec::new()),
    ])
    .await;
    let client = server.client();

    for how in ["reset", "closed"] {
        let result = server.call(&client).await;
        let (kind, _, response) = transport_error(&result);
        assert_eq!(kind, TransportErrorKind::Reset, "{how}: {}", shown(&result));
        assert!(response.is_none(), "{how}");
    }
    assert_eq!(server.requests(), 2);
    assert_log_clean();
}

#[tokio::test]
async fn server_that_stalls_mid_body_times_out_keeping_the_status() {
    capture_log();
    let head_and_part = head_and_half_a_body("trace-stalled");
    let server = FaultServer::start(vec![Play {
        delay: Duration::ZERO,
        bytes: head_and_part,
        end: End::Hang,
    }])
    .await;
    let http = kontur_extern::reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    let client = Client::with_http_client(http, server.url.clone())
        .expect("client")
        .with_retry_policy(RetryPolicy::never());

    let result = server.call(&client).await;

    let (kind, _, response) = transport_error(&result);
    assert_eq!(kind, TransportErrorKind::Timeout, "{}", shown(&result));
    let response = response.expect("the status and headers had come");
    assert_response(response, 200, Some("trace-stalled"));
    // Said to be slow, not broken: the status came, the body did not.
    let message = result
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert!(
        message.starts_with(
            "the server sent its answer too slowly: the body did not arrive in full in time"
        ),
        "{message}"
    );
    assert_log_clean();
}

#[tokio::test]
async fn garbage_instead_of_an_http_response_is_a_transport_error() {
    capture_log();
    let garbage = format!("SSH-2.0-OpenSSH_9.6\r\n{{\"access_token\":\"{ACCESS_TOKEN}\"}}\r\n\r\n");
    let server = FaultServer::start(vec![Play::reply(garbage.into_bytes())]).await;

    let result = server.call(&server.client()).await;

    let (kind, _, response) = transport_error(&result);
    assert_eq!(kind, TransportErrorKind::Other, "{}", shown(&result));
    assert!(response.is_none());
    assert_log_clean();
}

/// `UnexpectedBody::content_type` is "the `Content-Type` the server sent, if
/// any": that holds for every size refusal too, wherever the cap bites.
#[tokio::test]
async fn size_refusals_report_the_content_type_the_server_sent() {
    capture_log();
    let body = oversized_body();
    let server = FaultServer::start(vec![
        Play::reply(http_response("200 OK", &[JSON], &body)),
        Play::reply(raw_response(
            "200 OK",
            &[JSON, ("Connection", "close")],
            &body,
        )),
        Play::reply(http_response(
            "200 OK",
            &[JSON, ("Content-Encoding", "gzip")],
            &gzip(&body),
        )),
    ])
    .await;
    let client = server.client();

    let mut seen = Vec::new();
    for framing in ["Content-Length", "close-delimited", "gzip"] {
        let result = server.call(&client).await;
        let (_, content_type, problem, _) = unexpected_body(&result);
        assert_eq!(problem, too_large_problem(), "{framing}");
        seen.push((framing, content_type.map(str::to_owned)));
    }
    let expected: Vec<_> = ["Content-Length", "close-delimited", "gzip"]
        .into_iter()
        .map(|framing| (framing, Some(JSON.1.to_owned())))
        .collect();
    assert_eq!(seen, expected);
    assert_log_clean();
}

// ---------------------------------------------------------------------------
// Retries
// ---------------------------------------------------------------------------

#[tokio::test]
async fn service_unavailable_with_retry_after_is_retried_once_then_succeeds() {
    capture_log();
    let server = FaultServer::start(vec![
        Play::reply(http_response(
            "503 Service Unavailable",
            &[HTML, ("Retry-After", "1"), trace("trace-503-busy")],
            b"<html><body><h1>503 Service Unavailable</h1></body></html>",
        )),
        Play::reply(http_response(
            "200 OK",
            &[JSON, trace("trace-200-after-retry")],
            token_body().as_bytes(),
        )),
    ])
    .await;
    let client = Client::new(server.url.clone()).expect("client"); // the default RetryPolicy

    let started = Instant::now();
    let result = server.call(&client).await;
    let elapsed = started.elapsed();

    let Ok(reply) = &result else {
        panic!("expected a token after one retry, got {}", shown(&result));
    };
    assert_response(reply.info(), 200, Some("trace-200-after-retry"));
    assert_eq!(reply.access_token.expose_secret(), ACCESS_TOKEN);
    assert_eq!(server.requests(), 2);
    assert_eq!(server.connections(), 2);
    assert!(
        elapsed >= Duration::from_secs(1),
        "waited Retry-After: {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    assert_log_clean();
}

#[tokio::test]
async fn service_unavailable_with_dont_retry_is_sent_once() {
    capture_log();
    for header in ["Dont-Retry", "X-Kontur-Dont-Retry"] {
        let server = FaultServer::start(vec![
            Play::reply(http_response(
                "503 Service Unavailable",
                &[
                    HTML,
                    (header, "True"),
                    ("Retry-After", "1"),
                    trace("trace-503-dont"),
                ],
                b"<html><body>busy</body></html>",
            )),
            Play::reply(http_response("200 OK", &[JSON], token_body().as_bytes())),
        ])
        .await;
        let client = Client::new(server.url.clone()).expect("client"); // retries on

        let result = server.call(&client).await;

        let (response, _, problem, _) = unexpected_body(&result);
        assert_response(response, 503, Some("trace-503-dont"));
        assert!(response.dont_retry, "{header}");
        assert_eq!(response.retry_after, Some(Duration::from_secs(1)));
        assert_eq!(problem, "an error status without an OAuth 2.0 error body");
        assert!(!result.as_ref().unwrap_err().is_retryable(), "{header}");
        assert_eq!(server.requests(), 1, "{header}");
        assert_eq!(server.connections(), 1, "{header}");
    }
    assert_log_clean();
}

/// `Retry-After` far beyond any deadline, from a server that took over a
/// second to answer: the call ends with the 503, once, without a panic.
#[tokio::test]
async fn huge_retry_after_from_a_slow_server_ends_the_call() {
    capture_log();
    let server = FaultServer::start(vec![
        Play::reply(http_response(
            "503 Service Unavailable",
            &[
                ("Retry-After", &u64::MAX.to_string()),
                trace("trace-503-forever"),
            ],
            b"",
        ))
        .after(Duration::from_millis(1100)),
        Play::reply(http_response("200 OK", &[JSON], token_body().as_bytes())),
    ])
    .await;
    let client = Client::new(server.url.clone()).expect("client"); // retries on

    // In a task, so that a panic in the client is reported as this test's
    // failure with its message rather than tearing the runtime down.
    let call = tokio::spawn(async move {
        let result = server.call(&client).await;
        (result, server.requests())
    });
    let (result, requests) = match call.await {
        Ok(outcome) => outcome,
        Err(join) => panic!("Client::send panicked: {join}"),
    };

    let (response, _, _, _) = unexpected_body(&result);
    assert_response(response, 503, Some("trace-503-forever"));
    assert_eq!(requests, 1);
    assert_log_clean();
}

// ---------------------------------------------------------------------------
// Plain http to a host that is not loopback
// ---------------------------------------------------------------------------

#[tokio::test]
async fn plain_http_to_a_remote_host_is_refused_before_connecting() {
    capture_log();
    // Every request of this client goes through a local "proxy" (a fault
    // server with an empty script): were the refusal missing, the request
    // would reach it and be counted, and no traffic would leave the machine.
    let proxy = FaultServer::start(Vec::new()).await;
    for target in [
        "http://192.0.2.1/",
        "http://identity.testkontur.ru/",
        "http://[2001:db8::1]/",
        "http://0.0.0.0/",
        "http://localhost.example.com/",
    ] {
        let http = kontur_extern::reqwest::Client::builder()
            .proxy(kontur_extern::reqwest::Proxy::all(proxy.url.as_str()).expect("proxy"))
            .build()
            .expect("client");
        let client =
            Client::with_http_client(http, Url::parse(target).expect("valid")).expect("client");

        let started = Instant::now();
        let result = client.send::<PasswordToken>(&request()).await;
        let elapsed = started.elapsed();

        let Err(error @ Error::Refused { reason }) = &result else {
            panic!("{target}: expected Error::Refused, got {}", shown(&result));
        };
        shown(&result);
        assert!(reason.contains(target.trim_end_matches('/')), "{reason}");
        assert!(error.response().is_none());
        assert!(!error.is_retryable());
        assert!(elapsed < Duration::from_secs(1), "{target}: {elapsed:?}");
    }
    assert_eq!(proxy.connections(), 0, "nothing was sent");
    assert_eq!(proxy.requests(), 0, "nothing was sent");
    assert_log_clean();
}

#[tokio::test]
async fn a_redirect_is_not_followed_with_the_credentials() {
    capture_log();
    // Where the redirect points: another fault server that counts requests.
    let elsewhere = FaultServer::start(vec![Play::reply(http_response(
        "200 OK",
        &[JSON],
        token_body().as_bytes(),
    ))])
    .await;
    let location = elsewhere.url.join("connect/token").expect("URL");
    let server = FaultServer::start(vec![Play::reply(http_response(
        "307 Temporary Redirect",
        &[("Location", location.as_str()), trace("trace-307")],
        b"",
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let (response, _, problem, _) = unexpected_body(&result);
    assert_response(response, 307, Some("trace-307"));
    assert_eq!(problem, "an error status without an OAuth 2.0 error body");
    assert_eq!(server.requests(), 1);
    assert_eq!(
        elsewhere.connections(),
        0,
        "the form with the password went nowhere else"
    );
    assert_log_clean();
}

#[tokio::test]
async fn a_base_url_that_is_not_http_is_an_invalid_request() {
    let refused = Client::new(Url::parse("ftp://identity.kontur.ru/").expect("valid"));

    let Err(error @ Error::InvalidRequest { reason }) = &refused else {
        panic!("expected Error::InvalidRequest, got {refused:?}");
    };
    assert!(reason.contains("ftp://identity.kontur.ru/"), "{reason}");
    assert!(error.response().is_none());
    assert!(!error.is_retryable());
}

// ---------------------------------------------------------------------------
// Hardening: server text, echoed secrets, secrets in base URLs
// ---------------------------------------------------------------------------

/// Escape, OSC window title, bell and a forged log line, as JSON escapes.
const HOSTILE: &str = r"bad\u001b[2J\u001b]0;TITLE\u0007\nerror: forged second line";

/// Fails when `text` holds a control character: it could drive a terminal
/// or, as a line break, forge a log line.
fn assert_inert(text: &str) {
    if let Some((at, c)) = text.char_indices().find(|(_, c)| c.is_control()) {
        let start = (0..=at.saturating_sub(60))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let around: String = text[start..].chars().take(120).collect();
        panic!("a raw {c:?} at byte {at}, around {around:?}");
    }
}

#[tokio::test]
async fn server_text_is_escaped_and_cut_but_typed_values_stay_exact() {
    capture_log();
    let long_trace_id = "t".repeat(100 * 1024);
    let huge_description = format!("{HOSTILE} {}", "d".repeat(1 << 19));
    let body = format!(
        r#"{{"error":"invalid_grant\u001b[31m","error_description":"{huge_description}"}}"#
    );
    let server = FaultServer::start(vec![Play::reply(http_response(
        "400 Bad Request",
        &[JSON, trace(&long_trace_id)],
        body.as_bytes(),
    ))])
    .await;

    let result = server.call(&server.client()).await;

    let Err(
        error @ Error::OAuth2 {
            response,
            error: oauth,
        },
    ) = &result
    else {
        panic!("expected Error::OAuth2, got {}", shown(&result));
    };
    // The typed values are exact.
    assert_eq!(response.trace_id.as_deref(), Some(long_trace_id.as_str()));
    assert!(
        oauth.description.as_deref().is_some_and(
            |d| d.starts_with("bad\u{1b}[2J\u{1b}]0;TITLE\u{7}\nerror: forged second line ddd")
        ),
        "{:?}",
        oauth.description.as_deref().map(|d| &d[..60])
    );
    assert_eq!(
        oauth.code,
        OAuth2ErrorCode::Other("invalid_grant\u{1b}[31m".into())
    );
    // What is shown is inert and bounded, and says how long the values are.
    let message = error.to_string();
    assert_inert(&message);
    assert!(!message.contains('\n'), "{message:?}");
    assert!(
        message.contains(r"(invalid_grant\u{1b}[31m, HTTP 400): bad\u{1b}[2J\u{1b}]0;TITLE\u{7}\nerror: forged second line ddd"),
        "{}",
        &message[..200]
    );
    let description_length = oauth.description.as_ref().map_or(0, String::len);
    assert!(description_length > 1 << 19);
    assert!(
        message.contains(&format!("… ({description_length} bytes in all)")),
        "{message:.3000}"
    );
    assert!(message.contains("(102400 bytes in all)"), "{message:.3000}");
    assert!(message.len() < 3000, "a {} byte message", message.len());
    // And so is the log.
    let log = captured_log();
    assert!(!log.contains("\nerror: forged"), "a forged log line");
    assert!(!log.contains('\u{1b}'), "a raw escape in the log");
    let longest = log.lines().map(str::len).max().unwrap_or_default();
    assert!(longest < 10_000, "a {longest} byte log line");
}

#[tokio::test]
async fn secrets_echoed_under_any_key_or_in_plain_text_are_scrubbed() {
    capture_log();
    let plays = [
        // An OAuth 2.0 description that quotes the password.
        http_response(
            "400 Bad Request",
            &[JSON],
            format!(r#"{{"error":"invalid_request","error_description":"password {PASSWORD} is not allowed"}}"#).as_bytes(),
        ),
        // JSON with the secrets under keys no list of names would catch.
        http_response(
            "500 Internal Server Error",
            &[JSON],
            format!(r#"{{"message":"failed","auth":"{CLIENT_SECRET}","credential":{{"key":"{PASSWORD}"}},"bearer":"{REQUEST_PARTIAL_FACTOR_TOKEN}"}}"#).as_bytes(),
        ),
        // Plain text, and the form as it was sent (percent-encoded).
        http_response(
            "502 Bad Gateway",
            &[("Content-Type", "text/plain")],
            format!("upstream said: client_id=extern.api&c={CLIENT_SECRET}&p={PASSWORD} denied").as_bytes(),
        ),
        // A field of a successful response that holds a secret by mistake.
        http_response(
            "200 OK",
            &[JSON],
            format!(r#"{{"access_token":"x","token_type":"Bearer","expires_in":"{PASSWORD}"}}"#).as_bytes(),
        ),
    ];
    for play in plays {
        let server = FaultServer::start(vec![Play::reply(play)]).await;
        // `call` fails when `Debug` or `Display` holds a secret.
        let result = server.call(&server.client()).await;
        let text = shown(&result);
        assert!(result.is_err(), "{text}");
        assert!(text.contains("[redacted]"), "{text}");
    }
    assert_log_clean();
}

#[tokio::test]
async fn base_urls_keep_their_secrets() {
    capture_log();
    let server = FaultServer::start(Vec::new()).await;
    let port = server.url.port().expect("a port");
    for with_userinfo in [
        format!("http://user:{PASSWORD}@127.0.0.1:{port}/"),
        format!("http://{CLIENT_SECRET}@127.0.0.1:{port}/"),
    ] {
        let url = Url::parse(&with_userinfo).expect("valid");
        for refused in [
            Client::new(url.clone()),
            Client::with_http_client(kontur_extern::reqwest::Client::new(), url.clone()),
        ] {
            let Err(error @ Error::InvalidRequest { reason }) = &refused else {
                panic!("expected Error::InvalidRequest, got {refused:?}");
            };
            assert!(reason.contains("has a user name or password"), "{reason}");
            assert!(
                reason.contains(&format!("http://[redacted]@127.0.0.1:{port}/")),
                "{reason}"
            );
            assert_no_secrets(&format!("{error:?} {error}"));
        }
    }

    let with_query =
        Url::parse(&format!("http://127.0.0.1:{port}/?apikey={CLIENT_SECRET}")).expect("valid");
    let client = Client::new(with_query)
        .expect("client")
        .with_retry_policy(RetryPolicy::never());
    assert_no_secrets(&format!("{client:?}"));
    let result = server.call(&client).await;
    let Err(Error::InvalidRequest { reason }) = &result else {
        panic!("expected Error::InvalidRequest, got {}", shown(&result));
    };
    assert!(reason.contains("?[redacted]"), "{reason}");
    assert_eq!(server.connections(), 0);
    assert_log_clean();
}

#[test]
fn examples_show_no_documented_secrets_in_debug() {
    let examples = PasswordToken::examples();
    let example = &examples[0];
    let documented_token = "fb957fedb8cf0a88b5cb25cf9b0570f82d332f202ca58653dfba7c035983b9e1";
    assert!(example.documented_response.body.contains(documented_token));
    let secret_params: Vec<_> = example
        .documented_request
        .params
        .iter()
        .filter(|param| param.secret)
        .collect();
    assert_eq!(secret_params.len(), 2, "client_secret and password");
    let shown = format!("{examples:?}");
    assert!(!shown.contains(documented_token), "{shown}");
    assert!(
        shown.contains(r#"name: "password", value: "[secret]""#),
        "{shown}"
    );
}

// ---------------------------------------------------------------------------
// The replay server and slow clients
// ---------------------------------------------------------------------------

/// Whether the server closes `stream` within `within`, while `send` writes
/// to it every `every` (nothing when it is empty).
async fn closed_within(
    mut stream: TcpStream,
    send: &[u8],
    every: Duration,
    within: Duration,
) -> bool {
    let started = Instant::now();
    let mut buffer = [0; 1024];
    while started.elapsed() < within {
        if !send.is_empty() && stream.write_all(send).await.is_err() {
            return true;
        }
        // A 408 or a refusal is read past, up to the close.
        if let Ok(Ok(0) | Err(_)) = tokio::time::timeout(every, stream.read(&mut buffer)).await {
            return true;
        }
    }
    false
}

#[tokio::test]
async fn the_replay_server_cuts_off_slow_and_idle_clients() {
    use kontur_extern::{ReplayLimits, ReplayServer};
    let limits = ReplayLimits::default()
        .header_timeout(Duration::from_millis(500))
        .body_timeout(Duration::from_millis(500));
    let server = ReplayServer::start_with_limits::<PasswordToken>(limits)
        .await
        .expect("starts");
    let connect = || TcpStream::connect(server.address());
    let within = Duration::from_secs(5);
    let every = Duration::from_millis(200);

    // A connection that never sends anything.
    let idle = connect().await.expect("connects");
    assert!(
        closed_within(idle, b"", every, within).await,
        "idle connection kept open"
    );

    // A request head trickling in, a header line every 200 ms.
    let mut trickle = connect().await.expect("connects");
    trickle
        .write_all(b"POST /connect/token HTTP/1.1\r\nHost: x\r\n")
        .await
        .expect("writes");
    assert!(
        closed_within(trickle, b"X-Slow: 1\r\n", every, within).await,
        "trickling head kept open"
    );

    // A body that stalls after its head.
    let mut stalled = connect().await.expect("connects");
    stalled
        .write_all(b"POST /connect/token HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
        .await
        .expect("writes");
    assert!(
        closed_within(stalled, b"", every, within).await,
        "stalled body kept open"
    );

    // A kept-alive connection left idle after a complete exchange.
    let client = Client::new(server.base_url())
        .expect("client")
        .with_retry_policy(RetryPolicy::never());
    let example = PasswordToken::examples().remove(0);
    let mut kept = connect().await.expect("connects");
    let encoded = PasswordToken::encode(&example.request, &server.base_url()).expect("encodes");
    let mut head = format!("POST {} HTTP/1.1\r\nHost: x\r\n", encoded.uri().path());
    for (name, value) in encoded.headers() {
        head.push_str(&format!("{name}: {}\r\n", value.to_str().expect("text")));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", encoded.body().len()));
    kept.write_all(head.as_bytes()).await.expect("writes");
    kept.write_all(encoded.body()).await.expect("writes");
    let mut answer = [0; 64];
    let read = kept.read(&mut answer).await.expect("an answer");
    assert!(
        answer[..read].starts_with(b"HTTP/1.1 "),
        "{:?}",
        &answer[..read]
    );
    assert!(
        closed_within(kept, b"", every, within).await,
        "kept-alive idle connection kept open"
    );

    // The server still serves well-behaved clients.
    let reply = client.send::<PasswordToken>(&example.request).await;
    assert!(reply.is_ok(), "{reply:?}");
    server.stop().await;
}

// ---------------------------------------------------------------------------
// Property tests of the decoder
// ---------------------------------------------------------------------------

mod decoder_properties {
    use kontur_extern::Endpoint;
    use proptest::prelude::*;
    use proptest::test_runner::Config;
    use serde_json::{Map, Value};

    use super::*;

    fn config() -> Config {
        Config {
            cases: 256,
            // No regression files in the source tree.
            failure_persistence: None,
            ..Config::default()
        }
    }

    fn deflate(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).expect("in memory");
        encoder.finish().expect("in memory")
    }

    /// Bytes a header value may hold: visible ASCII, space, tab, obs-text.
    fn header_bytes() -> impl Strategy<Value = Vec<u8>> {
        proptest::collection::vec(
            prop_oneof![0x20u8..=0x7e, Just(b'\t'), 0x80u8..=0xff],
            0..40,
        )
    }

    fn header_value(known: &'static [&'static str]) -> BoxedStrategy<Vec<u8>> {
        prop_oneof![
            3 => proptest::sample::select(known).prop_map(|v| v.as_bytes().to_vec()),
            1 => header_bytes(),
        ]
        .boxed()
    }

    /// Headers a token response may carry, with odd values.
    fn headers() -> impl Strategy<Value = Vec<(&'static str, Vec<u8>)>> {
        let retry_after = prop_oneof![
            any::<u64>().prop_map(|n| n.to_string().into_bytes()),
            header_value(&[
                "0",
                "1",
                "-1",
                "18446744073709551616",
                "Wed, 21 Oct 2015 07:28:00 GMT",
                "Fri, 31 Dec 9999 23:59:59 GMT",
                "Thu, 01 Jan 1970 00:00:00 GMT",
                "soon",
                "",
            ]),
        ];
        let entry = prop_oneof![
            header_value(&[
                "gzip",
                "deflate",
                "identity",
                "x-gzip",
                "GZIP",
                " gzip ",
                "br",
                "gzip, deflate",
                "zstd",
                ""
            ])
            .prop_map(|v| ("Content-Encoding", v)),
            header_value(&[
                "application/json",
                "application/json; charset=UTF-8",
                "text/plain",
                "text/html"
            ])
            .prop_map(|v| ("Content-Type", v)),
            retry_after.prop_map(|v| ("Retry-After", v)),
            header_value(&[
                "True", "true", "TRUE", " True ", "False", "false", "1", "yes", ""
            ])
            .prop_map(|v| ("Dont-Retry", v)),
            header_value(&["True", "False", "maybe"]).prop_map(|v| ("X-Kontur-Dont-Retry", v)),
            header_value(&["9da07e01570f4460bee6777e514d7af0", ""])
                .prop_map(|v| ("X-Kontur-Trace-Id", v)),
            header_value(&["Bearer", "Basic realm=\"x\""]).prop_map(|v| ("WWW-Authenticate", v)),
            header_bytes().prop_map(|v| ("X-Anything", v)),
        ];
        proptest::collection::vec(entry, 0..6)
    }

    /// A string that is never secret-looking.
    fn plain_text() -> BoxedStrategy<String> {
        prop_oneof![
            proptest::sample::select(
                &[
                    "Bearer",
                    "bearer",
                    "MAC",
                    "",
                    "3600",
                    "extern.api",
                    "invalid_grant",
                    "invalid_client",
                    "null"
                ][..]
            )
            .prop_map(str::to_owned),
            "[a-zA-Z0-9 ._-]{0,16}",
        ]
        .boxed()
    }

    /// Any JSON value; its strings are secrets when `secret`.
    fn json_value(secret: bool) -> BoxedStrategy<Value> {
        let text = if secret {
            prop_oneof![
                Just(ACCESS_TOKEN.to_owned()),
                Just(REFRESH_TOKEN.to_owned()),
                "PFT-secret-[a-z0-9]{0,8}",
            ]
            .boxed()
        } else {
            plain_text()
        };
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            text.prop_map(Value::String),
        ];
        leaf.prop_recursive(2, 8, 3, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
                proptest::collection::btree_map("[a-z_]{1,8}", inner, 0..3)
                    .prop_map(|map| Value::Object(map.into_iter().collect())),
            ]
        })
        .boxed()
    }

    fn expires_in() -> BoxedStrategy<Value> {
        prop_oneof![
            (1u64..=315_360_000).prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            Just(Value::from(0)),
            Just(Value::from(315_360_001u64)),
            any::<f64>().prop_map(Value::from),
            json_value(false),
        ]
        .boxed()
    }

    /// A JSON object with the token and OAuth 2.0 error fields, each
    /// present or not, of random types; the secret fields hold secrets.
    fn token_object() -> impl Strategy<Value = Value> {
        let secret = || proptest::option::of(json_value(true));
        let plain = || proptest::option::of(json_value(false));
        let string_or_any = || {
            proptest::option::of(prop_oneof![
                plain_text().prop_map(Value::String),
                json_value(false)
            ])
        };
        (
            (
                secret(),
                proptest::option::of(expires_in()),
                string_or_any(),
            ),
            (secret(), string_or_any(), secret(), secret()),
            (string_or_any(), string_or_any(), plain(), plain()),
        )
            .prop_map(
                |(
                    (access_token, expires_in, token_type),
                    (refresh_token, scope, id_token, partial_factor_token),
                    (error, error_description, required_factors, extra),
                )| {
                    let mut object = Map::new();
                    for (name, value) in [
                        ("access_token", access_token),
                        ("expires_in", expires_in),
                        ("token_type", token_type),
                        ("refresh_token", refresh_token),
                        ("scope", scope),
                        ("id_token", id_token),
                        ("partial_factor_token", partial_factor_token),
                        ("error", error),
                        ("error_description", error_description),
                        ("required_factors", required_factors),
                        ("extra", extra),
                    ] {
                        if let Some(value) = value {
                            object.insert(name.to_owned(), value);
                        }
                    }
                    Value::Object(object)
                },
            )
    }

    /// A body: raw bytes, or a token object as JSON, gzip, deflate or cut short.
    fn body() -> impl Strategy<Value = Vec<u8>> {
        let json = || token_object().prop_map(|object| object.to_string().into_bytes());
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..512),
            json(),
            json().prop_map(|bytes| gzip(&bytes)),
            json().prop_map(|bytes| deflate(&bytes)),
            (json(), any::<proptest::sample::Index>()).prop_map(|(bytes, cut)| {
                let compressed = gzip(&bytes);
                compressed[..cut.index(compressed.len())].to_vec()
            }),
            (json(), any::<proptest::sample::Index>())
                .prop_map(|(bytes, cut)| bytes[..cut.index(bytes.len())].to_vec()),
        ]
    }

    /// Decodes, formats every outcome, and checks the invariants.
    fn check_decode(status: u16, headers: &[(&'static str, Vec<u8>)], body: Vec<u8>) {
        let mut builder = http::Response::builder().status(status);
        for (name, value) in headers {
            builder = builder.header(*name, value.as_slice());
        }
        let response = builder.body(body).expect("valid headers");
        let trace_id = response
            .headers()
            .get("X-Kontur-Trace-Id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);

        let result = PasswordToken::decode(response);

        let text = match &result {
            Ok(token) => format!("{token:?}"),
            Err(error) => format!("{error:?}\n{error}"),
        };
        assert_no_secrets(&text);
        match &result {
            Ok(token) => {
                assert!((200..300).contains(&status), "{status} decoded: {text}");
                assert_eq!(token.trace_id, trace_id);
                assert!(!token.expires_in.is_zero());
            }
            Err(error) => {
                assert_eq!(error.status().map(|s| s.as_u16()), Some(status), "{text}");
                assert_eq!(error.trace_id(), trace_id.as_deref(), "{text}");
                assert!(
                    matches!(
                        error,
                        Error::OAuth2 { .. } | Error::UnexpectedBody { .. } | Error::Decode { .. }
                    ),
                    "{text}"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn arbitrary_responses_decode_without_panicking(
            status in 100u16..=599,
            headers in headers(),
            body in body(),
        ) {
            check_decode(status, &headers, body);
        }

        #[test]
        fn token_objects_with_fields_of_random_types_decode_without_panicking(
            status in prop_oneof![3 => Just(200u16), 1 => Just(400u16), 1 => 100u16..=599],
            object in token_object(),
            gzipped in any::<bool>(),
        ) {
            let json = object.to_string().into_bytes();
            let (headers, body) = if gzipped {
                (vec![("Content-Encoding", b"gzip".to_vec())], gzip(&json))
            } else {
                (Vec::new(), json)
            };
            check_decode(status, &headers, body);
        }
    }

    #[test]
    fn a_valid_token_object_decodes() {
        // The generator's happy path exists: guard against a vacuous property.
        let object = serde_json::json!({
            "access_token": ACCESS_TOKEN,
            "expires_in": 60,
            "token_type": "Bearer",
        });
        let response = http::Response::builder()
            .status(200)
            .body(object.to_string().into_bytes())
            .expect("valid");
        let token = PasswordToken::decode(response).expect("decodes");
        assert_eq!(token.access_token.expose_secret(), ACCESS_TOKEN);
    }
}
