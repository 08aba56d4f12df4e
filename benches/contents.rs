//! A large content up and down through the generated client, beside raw
//! hyper moving the same bytes in the same requests: throughput, and peak
//! resident memory over the process's baseline.
//!
//! One hyper server on 127.0.0.1, on its own thread, plays the contents
//! service: `POST /v1/{account}/contents` and `PUT …/{id}` take a chunk
//! each (their `Content-Range` checked against the body), answering 200 or
//! 201 as the docs say, and `GET …/{id}` sends the content (a repeated
//! pattern, never held whole) with `Accept-Ranges: bytes`. The clients:
//!
//! - `generated-down`: `api.contents(account).download(id).send_to(sink)`;
//! - `hyper-down`: a hyper http1 connection, the body's frames counted;
//! - `generated-up`: `api.contents(account).upload_from(source, total)`,
//!   chunks of `Client::upload_chunk_size` (8 MiB by default);
//! - `hyper-up`: the same chunks, read into one buffer each and sent as
//!   `POST` then `PUT`s over one hyper connection, answers decoded.
//!
//! The source is `tokio::io::repeat(…).take(total)` and the sink
//! `tokio::io::sink()`, so the content is never in memory whole. Each
//! transfer runs in a process of its own (this binary with `--only MODE`),
//! so that its peak resident memory (`VmHWM`) is its own; the baseline is
//! `VmRSS` once the server and client are set up, before the first byte.
//! The modes take turns within each round, so that drift on a shared
//! machine touches them alike.
//!
//! `cargo bench --bench contents` moves 1 GiB each way, 3 rounds, and
//! prints every run, the medians and the ratios; without `--bench` (as
//! `cargo test --benches` runs it) 16 MiB once, checking every transfer.
//! `-- --mib N --rounds R --chunk-mib C` change the size, the rounds and the
//! generated client's chunk size.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Instant;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper_util::rt::TokioIo;
use kontur_extern::{Client, SecretString, Url, Uuid};
use kontur_extern_api::ExternApi;
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};

const ACCOUNT: &str = "bd0cd3f6-315d-4f03-a9cc-3507f63265ed";
const CONTENT: &str = "1816fdca-e743-4eb9-8221-b26b0762e015";
const TOKEN: &str = "bench-token";
/// The content's byte: `repeat` sends it, the server checks it.
const BYTE: u8 = 0x5a;
/// The frames the server sends a download in.
const FRAME: usize = 256 << 10;

const MODES: [&str; 4] = ["generated-down", "hyper-down", "generated-up", "hyper-up"];

// ---------------------------------------------------------------- server

fn range_of(request: &http::Request<Incoming>) -> Option<(u64, u64, u64)> {
    let text = request.headers().get("content-range")?.to_str().ok()?;
    let (span, total) = text.strip_prefix("bytes ")?.split_once('/')?;
    let (from, to) = span.split_once('-')?;
    Some((from.parse().ok()?, to.parse().ok()?, total.parse().ok()?))
}

type Body = http_body_util::combinators::BoxBody<Bytes, Infallible>;

fn answer(status: u16, json: String) -> http::Response<Body> {
    let mut response = http::Response::new(Full::new(Bytes::from(json)).boxed());
    *response.status_mut() = http::StatusCode::from_u16(status).expect("a status");
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json; charset=utf-8"),
    );
    response
}

async fn serve(request: http::Request<Incoming>, size: u64) -> http::Response<Body> {
    let path = request.uri().path().to_owned();
    let contents = format!("/v1/{ACCOUNT}/contents");
    let content = format!("{contents}/{CONTENT}");
    let authorized = request
        .headers()
        .get(http::header::AUTHORIZATION)
        .is_some_and(|value| value.as_bytes() == format!("Bearer {TOKEN}").as_bytes());
    if !authorized {
        return answer(401, String::new());
    }
    match (request.method().as_str(), path.as_str()) {
        ("GET", p) if p == content => {
            let pattern = Bytes::from(vec![BYTE; FRAME]);
            let frames = (0..size.div_ceil(FRAME as u64)).map(move |at| {
                let left = size - at * FRAME as u64;
                Ok::<_, Infallible>(Frame::data(
                    pattern.slice(..left.min(FRAME as u64) as usize),
                ))
            });
            let body = StreamBody::new(futures_util::stream::iter(frames));
            let mut response = http::Response::new(BodyExt::boxed(body));
            let headers = response.headers_mut();
            headers.insert(http::header::CONTENT_LENGTH, size.into());
            headers.insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/octet-stream"),
            );
            headers.insert(
                http::header::ACCEPT_RANGES,
                http::HeaderValue::from_static("bytes"),
            );
            response
        }
        ("POST", p) | ("PUT", p) if p == contents || p == content => {
            let first = p == contents;
            let Some((from, to, total)) = range_of(&request) else {
                return answer(400, r#"{"message":"no Content-Range"}"#.to_owned());
            };
            let mut body = request.into_body();
            let mut got = 0u64;
            while let Some(frame) = body.frame().await {
                let Ok(frame) = frame else {
                    return answer(400, String::new());
                };
                if let Some(data) = frame.data_ref() {
                    if data.iter().any(|byte| *byte != BYTE) {
                        return answer(400, r#"{"message":"not the content"}"#.to_owned());
                    }
                    got += data.len() as u64;
                }
            }
            if got != to - from + 1 {
                return answer(400, r#"{"message":"the range is not the body"}"#.to_owned());
            }
            let complete = to + 1 == total;
            let status = if complete { 201 } else { 200 };
            if first {
                answer(status, format!(r#"{{"id":"{CONTENT}"}}"#))
            } else {
                answer(
                    status,
                    format!(r#"{{"content":{{"id":"{CONTENT}"}},"is-completed":{complete}}}"#),
                )
            }
        }
        _ => answer(404, String::new()),
    }
}

fn start_server(size: u64) -> SocketAddr {
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
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |request| async move {
                        Ok::<_, Infallible>(serve(request, size).await)
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

/// One hyper http1 connection to the server.
async fn hyper_connection(
    address: SocketAddr,
) -> hyper::client::conn::http1::SendRequest<Full<Bytes>> {
    let stream = TcpStream::connect(address).await.expect("connects");
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("a handshake");
    tokio::spawn(connection);
    sender
}

fn hyper_request(
    method: http::Method,
    path: &str,
    body: Bytes,
    range: Option<String>,
) -> http::Request<Full<Bytes>> {
    let mut request = http::Request::builder()
        .method(method)
        .uri(path)
        .header(http::header::HOST, "127.0.0.1")
        .header(http::header::AUTHORIZATION, format!("Bearer {TOKEN}"));
    if let Some(range) = range {
        request = request
            .header("content-range", range)
            .header(http::header::CONTENT_TYPE, "application/octet-stream");
    }
    request.body(Full::new(body)).expect("a request")
}

#[derive(serde::Deserialize)]
struct Id {
    id: Uuid,
}

/// Moves the content one way with `mode`; the bytes moved.
async fn transfer(mode: &str, address: SocketAddr, size: u64, chunk: usize) -> u64 {
    let account: Uuid = ACCOUNT.parse().expect("a uuid");
    let content: Uuid = CONTENT.parse().expect("a uuid");
    match mode {
        "generated-down" | "generated-up" => {
            let base_url = Url::parse(&format!("http://{address}")).expect("a URL");
            let client = Client::new(base_url)
                .expect("a client")
                .with_upload_chunk_size(chunk);
            let api = ExternApi::new(client, SecretString::from(TOKEN));
            let baseline = rss();
            let started = Instant::now();
            let moved = if mode == "generated-down" {
                let mut sink = Counted::default();
                let reply = api
                    .contents(account)
                    .download(content)
                    .send_to(&mut sink)
                    .await
                    .expect("downloaded");
                assert_eq!((reply.bytes, sink.0), (size, size));
                size
            } else {
                let source = tokio::io::repeat(BYTE).take(size);
                let reply = api
                    .contents(account)
                    .upload_from(source, size)
                    .await
                    .expect("uploaded");
                assert_eq!(reply.status(), 200 + u16::from(size <= chunk as u64));
                size
            };
            report(mode, baseline, started, moved);
            moved
        }
        "hyper-down" => {
            let mut sender = hyper_connection(address).await;
            let baseline = rss();
            let started = Instant::now();
            let path = format!("/v1/{ACCOUNT}/contents/{CONTENT}");
            let response = sender
                .send_request(hyper_request(http::Method::GET, &path, Bytes::new(), None))
                .await
                .expect("a response");
            assert_eq!(response.status(), 200);
            let mut body = response.into_body();
            let mut moved = 0u64;
            while let Some(frame) = body.frame().await {
                if let Some(data) = frame.expect("a frame").data_ref() {
                    moved += data.len() as u64;
                }
            }
            assert_eq!(moved, size);
            report(mode, baseline, started, moved);
            moved
        }
        "hyper-up" => {
            let mut sender = hyper_connection(address).await;
            let baseline = rss();
            let started = Instant::now();
            let mut source = tokio::io::repeat(BYTE).take(size);
            let mut sent = 0u64;
            let mut id = None;
            while sent < size {
                let length = (size - sent).min(chunk as u64) as usize;
                let mut buffer = vec![0u8; length];
                source.read_exact(&mut buffer).await.expect("the source");
                let range = format!("bytes {sent}-{}/{size}", sent + length as u64 - 1);
                let path = match id {
                    None => format!("/v1/{ACCOUNT}/contents"),
                    Some(id) => format!("/v1/{ACCOUNT}/contents/{id}"),
                };
                let method = if id.is_none() {
                    http::Method::POST
                } else {
                    http::Method::PUT
                };
                sender.ready().await.expect("ready");
                let response = sender
                    .send_request(hyper_request(
                        method,
                        &path,
                        Bytes::from(buffer),
                        Some(range),
                    ))
                    .await
                    .expect("a response");
                sent += length as u64;
                let status = response.status();
                let body = response
                    .into_body()
                    .collect()
                    .await
                    .expect("a body")
                    .to_bytes();
                assert_eq!(status, if sent == size { 201 } else { 200 });
                if id.is_none() {
                    id = Some(serde_json::from_slice::<Id>(&body).expect("an id").id);
                }
            }
            report(mode, baseline, started, sent);
            sent
        }
        other => panic!("unknown mode `{other}`; modes: {MODES:?}"),
    }
}

/// A sink that counts what it is given.
#[derive(Default)]
struct Counted(u64);

impl tokio::io::AsyncWrite for Counted {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        // Counted, not compared: raw hyper's frames are only counted too.
        self.0 += buf.len() as u64;
        std::task::Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

/// `VmRSS` or `VmHWM` of this process, in KiB.
fn status_kib(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix(key))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("{key} in /proc/self/status"))
}

fn rss() -> u64 {
    status_kib("VmRSS:")
}

/// The line a child prints for the parent: mode, seconds, peak over the
/// baseline in KiB, bytes.
fn report(mode: &str, baseline: u64, started: Instant, moved: u64) {
    let seconds = started.elapsed().as_secs_f64();
    let peak = status_kib("VmHWM:");
    println!(
        "RESULT {mode} {seconds:.6} {} {moved}",
        peak.saturating_sub(baseline)
    );
}

// ---------------------------------------------------------------- main

struct Settings {
    benching: bool,
    mib: u64,
    rounds: usize,
    chunk_mib: usize,
    only: Option<String>,
}

fn settings() -> Settings {
    let mut settings = Settings {
        benching: false,
        mib: 16,
        rounds: 1,
        chunk_mib: 8,
        only: None,
    };
    let mut args = std::env::args().skip(1);
    let mut sized = false;
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> u64 {
            args.next()
                .and_then(|value| value.parse().ok())
                .unwrap_or_else(|| panic!("{name} takes a number"))
        };
        match arg.as_str() {
            "--bench" => settings.benching = true,
            "--mib" => {
                settings.mib = number("--mib");
                sized = true;
            }
            "--rounds" => settings.rounds = number("--rounds") as usize,
            "--chunk-mib" => settings.chunk_mib = number("--chunk-mib") as usize,
            "--only" => settings.only = args.next(),
            _ => {}
        }
    }
    if settings.benching && !sized {
        settings.mib = 1024;
        settings.rounds = settings.rounds.max(3);
    }
    settings
}

fn main() {
    let settings = settings();
    let size = settings.mib << 20;
    let chunk = settings.chunk_mib << 20;
    if let Some(mode) = &settings.only {
        let address = start_server(size);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a client runtime");
        runtime.block_on(transfer(mode, address, size, chunk));
        return;
    }
    println!(
        "{} MiB each way, chunks of {} MiB, {} round(s); peak resident memory over the baseline",
        settings.mib, settings.chunk_mib, settings.rounds
    );
    let exe = std::env::current_exe().expect("this program");
    let mut results: Vec<(String, f64, u64)> = Vec::new();
    for round in 0..settings.rounds {
        for mode in MODES {
            let output = std::process::Command::new(&exe)
                .args(["--only", mode, "--mib", &settings.mib.to_string()])
                .args(["--chunk-mib", &settings.chunk_mib.to_string()])
                .output()
                .expect("runs");
            let stdout = String::from_utf8_lossy(&output.stdout);
            let line = stdout
                .lines()
                .find(|line| line.starts_with("RESULT "))
                .unwrap_or_else(|| {
                    panic!(
                        "{mode} reported nothing: {}",
                        String::from_utf8_lossy(&output.stderr)
                    )
                });
            let fields: Vec<&str> = line.split_whitespace().collect();
            let seconds: f64 = fields[2].parse().expect("seconds");
            let peak_kib: u64 = fields[3].parse().expect("KiB");
            let moved: u64 = fields[4].parse().expect("bytes");
            assert_eq!(moved, size, "{mode}");
            println!(
                "round {round}: {mode:<15} {:>8.1} MiB/s  peak +{:>6.1} MiB",
                size as f64 / (1 << 20) as f64 / seconds,
                peak_kib as f64 / 1024.0
            );
            results.push((mode.to_owned(), seconds, peak_kib));
        }
    }
    let median = |mode: &str, pick: &dyn Fn(&(String, f64, u64)) -> f64| {
        let mut values: Vec<f64> = results
            .iter()
            .filter(|result| result.0 == mode)
            .map(pick)
            .collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    for (generated, raw) in [
        ("generated-down", "hyper-down"),
        ("generated-up", "hyper-up"),
    ] {
        let (g, h) = (median(generated, &|r| r.1), median(raw, &|r| r.1));
        println!(
            "median {generated}: {:.1} MiB/s, {raw}: {:.1} MiB/s, throughput {:.3}x raw hyper; \
             peak over baseline {:.1} MiB (raw hyper {:.1} MiB)",
            size as f64 / (1 << 20) as f64 / g,
            size as f64 / (1 << 20) as f64 / h,
            h / g,
            median(generated, &|r| r.2 as f64) / 1024.0,
            median(raw, &|r| r.2 as f64) / 1024.0,
        );
    }
}
