//! Streamed downloads against a real server on 127.0.0.1 that breaks its
//! connections on purpose: the body is written to the sink as it comes, and
//! goes on with `Range` (and `If-Range`) where the connection broke, only
//! when the server said it serves ranges and only from the byte that is
//! missing. The server is raw TCP, so each answer is exactly what the case
//! says, cut where the case cuts it.

use std::sync::{Arc, Mutex};

use kontur_extern::{Client, Error, RetryPolicy, SecretString, Url};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

kontur_extern::endpoint!("spec/extern/download-content.yaml");

const TOKEN: &str = "TOK-transfer-5c1";

/// The content the server holds: 1,000 bytes that differ from place to place.
fn content() -> Vec<u8> {
    (0..1000u32).map(|i| (i * 7 % 251) as u8).collect()
}

/// A server that answers its connections in turn with `answers`, each
/// written as given and then closed, and keeps the requests' heads.
async fn scripted(answers: Vec<Vec<u8>>) -> (Url, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    let heads = Arc::new(Mutex::new(Vec::new()));
    let seen = heads.clone();
    tokio::spawn(async move {
        for answer in answers {
            let (mut stream, _) = listener.accept().await.expect("accept");
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                if stream.read(&mut byte).await.expect("read") == 0 {
                    break;
                }
                head.push(byte[0]);
            }
            seen.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&head).to_ascii_lowercase());
            stream.write_all(&answer).await.expect("write");
            stream.shutdown().await.ok();
        }
    });
    let url = Url::parse(&format!("http://{address}/")).expect("url");
    (url, heads)
}

fn answer(head: &str, body: &[u8]) -> Vec<u8> {
    let mut bytes = head.replace('\n', "\r\n").into_bytes();
    bytes.extend_from_slice(b"\r\n");
    bytes.extend_from_slice(body);
    bytes
}

fn client(base_url: Url) -> download_content::Client {
    download_content::Client::new(
        Client::new(base_url)
            .expect("a client")
            .with_retry_policy(RetryPolicy::never()),
        SecretString::from(TOKEN),
    )
}

fn request() -> download_content::Request {
    download_content::Request::new(download_content::Required {
        account_id: "bd0cd3f6-315d-4f03-a9cc-3507f63265ed".parse().unwrap(),
        id: "1816fdca-e743-4eb9-8221-b26b0762e015".parse().unwrap(),
    })
}

#[tokio::test]
async fn a_broken_download_goes_on_from_the_first_missing_byte() {
    let content = content();
    let (url, heads) = scripted(vec![
        // 1,000 bytes promised, 400 sent, then the connection closes.
        answer(
            "HTTP/1.1 200 OK\nContent-Type: application/octet-stream\nContent-Length: 1000\nAccept-Ranges: bytes\nETag: \"v1\"\nX-Kontur-Trace-Id: first\n",
            &content[..400],
        ),
        // The rest, then 100 more bytes short again.
        answer(
            "HTTP/1.1 206 Partial Content\nContent-Range: bytes 400-999/1000\nContent-Length: 600\n",
            &content[400..900],
        ),
        answer(
            "HTTP/1.1 206 Partial Content\nContent-Range: bytes 900-999/1000\nContent-Length: 100\n",
            &content[900..],
        ),
    ])
    .await;
    let mut sink = Vec::new();
    let reply = client(url)
        .download_content_to(&request(), &mut sink)
        .await
        .expect("the download resumes");
    assert_eq!((reply.bytes, reply.resumed), (1000, 2));
    assert_eq!(reply.trace_id(), Some("first"));
    assert!(sink == content, "the sink holds the content, in order");
    let heads = heads.lock().unwrap();
    assert_eq!(heads.len(), 3, "{heads:?}");
    for head in heads.iter() {
        assert!(head.contains("accept-encoding: identity"), "{head}");
        assert!(head.contains(&format!(
            "authorization: bearer {}",
            TOKEN.to_ascii_lowercase()
        )));
    }
    assert!(!heads[0].contains("range:"), "{}", heads[0]);
    assert!(
        heads[1].contains("range: bytes=400-999\r\n"),
        "{}",
        heads[1]
    );
    assert!(heads[1].contains("if-range: \"v1\"\r\n"), "{}", heads[1]);
    assert!(
        heads[2].contains("range: bytes=900-999\r\n"),
        "{}",
        heads[2]
    );
}

#[tokio::test]
async fn a_part_asked_for_resumes_within_the_part() {
    let content = content();
    let (url, heads) = scripted(vec![
        answer(
            "HTTP/1.1 206 Partial Content\nContent-Range: bytes 100-599/1000\nContent-Length: 500\n",
            &content[100..300],
        ),
        answer(
            "HTTP/1.1 206 Partial Content\nContent-Range: bytes 300-599/1000\nContent-Length: 300\n",
            &content[300..600],
        ),
    ])
    .await;
    let mut sink = Vec::new();
    let reply = client(url)
        .download_content_to(&request().with_range("bytes=100-599"), &mut sink)
        .await
        .expect("the part resumes");
    assert_eq!(reply.bytes, 500);
    assert_eq!(reply.status().as_u16(), 206);
    assert!(sink == content[100..600]);
    let heads = heads.lock().unwrap();
    assert!(
        heads[0].contains("range: bytes=100-599\r\n"),
        "{}",
        heads[0]
    );
    assert!(
        heads[1].contains("range: bytes=300-599\r\n"),
        "{}",
        heads[1]
    );
    assert!(
        !heads[1].contains("if-range"),
        "no version was named: {}",
        heads[1]
    );
}

#[tokio::test]
async fn a_server_that_does_not_serve_ranges_is_not_asked_again() {
    let content = content();
    let (url, heads) = scripted(vec![answer(
        "HTTP/1.1 200 OK\nContent-Length: 1000\n",
        &content[..400],
    )])
    .await;
    let mut sink = Vec::new();
    let error = client(url)
        .download_content_to(&request(), &mut sink)
        .await
        .expect_err("cut short, not resumable");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(sink.len(), 400, "what came was written");
    assert_eq!(heads.lock().unwrap().len(), 1);
    assert!(!error.to_string().contains(TOKEN), "{error}");
}

#[tokio::test]
async fn a_server_that_answers_the_whole_content_again_is_refused() {
    let content = content();
    let (url, _) = scripted(vec![
        answer(
            "HTTP/1.1 200 OK\nContent-Length: 1000\nAccept-Ranges: bytes\nETag: \"v1\"\n",
            &content[..400],
        ),
        // The content changed: `If-Range` did not match, so all of it again.
        answer(
            "HTTP/1.1 200 OK\nContent-Length: 1000\nETag: \"v2\"\n",
            &content,
        ),
    ])
    .await;
    let mut sink = Vec::new();
    let error = client(url)
        .download_content_to(&request(), &mut sink)
        .await
        .expect_err("the second answer is not the rest");
    let Error::Transfer { bytes, problem, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(*bytes, 400);
    assert!(
        problem.contains("did not go on at byte 400") && problem.contains("whole content"),
        "{problem}"
    );
    assert_eq!(sink.len(), 400, "nothing of the second answer was written");
}

#[tokio::test]
async fn an_error_answer_is_the_apis_error_and_writes_nothing() {
    let body = br#"{"id":"urn:error:externapi:contentNotFound","status-code":404,"message":"no such content"}"#;
    let (url, _) = scripted(vec![answer(
        &format!(
            "HTTP/1.1 404 Not Found\nContent-Type: application/json\nContent-Length: {}\n",
            body.len()
        ),
        body,
    )])
    .await;
    let mut sink = Vec::new();
    let error = client(url)
        .download_content_to(&request(), &mut sink)
        .await
        .expect_err("404");
    let Error::Api { error: api, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(api.message, "no such content");
    assert!(sink.is_empty());
}

/// A sink that takes `room` bytes and then fails.
struct Full {
    room: usize,
}

impl tokio::io::AsyncWrite for Full {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        if self.room == 0 {
            return std::task::Poll::Ready(Err(std::io::Error::other("disk full")));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        std::task::Poll::Ready(Ok(n))
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

#[tokio::test]
async fn a_sink_that_fails_stops_the_download_and_says_so() {
    let content = content();
    let (url, heads) = scripted(vec![answer(
        "HTTP/1.1 200 OK\nContent-Length: 1000\nAccept-Ranges: bytes\n",
        &content,
    )])
    .await;
    let error = client(url)
        .download_content_to(&request(), &mut Full { room: 10 })
        .await
        .expect_err("the sink is full");
    let Error::Transfer { problem, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(
        problem.contains("cannot write the content: disk full"),
        "{problem}"
    );
    assert_eq!(
        heads.lock().unwrap().len(),
        1,
        "a failed sink is not resumed"
    );
}

// ---------------------------------------------------------------------------
// Uploads in chunks: `api.contents(account).upload_from(source, total)`
// ---------------------------------------------------------------------------

mod upload {
    use std::sync::{Arc, Mutex};

    use axum::extract::{Path, State};
    use axum::http::{HeaderMap, StatusCode};
    use kontur_extern::{Client, Error, RetryPolicy, SecretString, Url};
    use kontur_extern_api::{ExternApi, upload_content};

    const ACCOUNT: &str = "bd0cd3f6-315d-4f03-a9cc-3507f63265ed";
    const CONTENT: &str = "7d2b7e3c-3c1e-4a0a-9f51-0a7cbb0c6c2e";

    /// The contents service as the docs describe it: each chunk lands where
    /// its `Content-Range` says; 201 once every byte has come, 200 before.
    /// With `never_complete` it answers 200 to everything.
    #[derive(Default)]
    struct Store {
        content: Vec<Option<u8>>,
        requests: Vec<String>,
        never_complete: bool,
    }

    fn land(store: &mut Store, method: &str, headers: &HeaderMap, body: &[u8]) -> bool {
        let range = headers
            .get("content-range")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        store
            .requests
            .push(format!("{method} {range} {}", body.len()));
        let (span, total) = range
            .strip_prefix("bytes ")
            .and_then(|rest| rest.split_once('/'))
            .expect("a range");
        let (from, to) = span.split_once('-').expect("from-to");
        let (from, to, total): (usize, usize, usize) = (
            from.parse().unwrap(),
            to.parse().unwrap(),
            total.parse().unwrap(),
        );
        assert_eq!(
            to - from + 1,
            body.len(),
            "the range says the body's length"
        );
        store.content.resize(total, None);
        for (at, byte) in body.iter().enumerate() {
            store.content[from + at] = Some(*byte);
        }
        !store.never_complete && store.content.iter().all(Option::is_some)
    }

    async fn first(
        State(store): State<Arc<Mutex<Store>>>,
        Path(account): Path<String>,
        headers: HeaderMap,
        body: axum::body::Bytes,
    ) -> (StatusCode, [(&'static str, &'static str); 1], String) {
        assert_eq!(account, ACCOUNT);
        let complete = land(&mut store.lock().unwrap(), "POST", &headers, &body);
        (
            if complete {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            },
            [("content-type", "application/json")],
            format!(r#"{{"id": "{CONTENT}"}}"#),
        )
    }

    async fn next(
        State(store): State<Arc<Mutex<Store>>>,
        Path((account, id)): Path<(String, String)>,
        headers: HeaderMap,
        body: axum::body::Bytes,
    ) -> (StatusCode, [(&'static str, &'static str); 1], String) {
        assert_eq!((account.as_str(), id.as_str()), (ACCOUNT, CONTENT));
        let complete = land(&mut store.lock().unwrap(), "PUT", &headers, &body);
        (
            if complete {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            },
            [("content-type", "application/json")],
            format!(r#"{{"content": {{"id": "{CONTENT}"}}, "is-completed": {complete}}}"#),
        )
    }

    async fn start(store: Store, chunk: usize) -> (Arc<Mutex<Store>>, ExternApi) {
        let store = Arc::new(Mutex::new(store));
        let router = axum::Router::new()
            .route("/v1/{account}/contents", axum::routing::post(first))
            .route("/v1/{account}/contents/{id}", axum::routing::put(next))
            .with_state(Arc::clone(&store));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binds");
        let base_url =
            Url::parse(&format!("http://{}", listener.local_addr().expect("bound"))).unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        let api = ExternApi::new(
            Client::new(base_url)
                .expect("a client")
                .with_retry_policy(RetryPolicy::never())
                .with_upload_chunk_size(chunk),
            SecretString::from(super::TOKEN),
        );
        (store, api)
    }

    fn account() -> kontur_extern::Uuid {
        ACCOUNT.parse().unwrap()
    }

    #[tokio::test]
    async fn a_content_goes_in_chunks_the_first_posted_the_others_put() {
        let content = b"hello world";
        let (store, api) = start(Store::default(), 4).await;
        let reply = api
            .contents(account())
            .upload_from(&content[..], 11)
            .await
            .expect("uploaded");
        let upload_content::Response::Partial(first) = &*reply else {
            panic!("the first of three chunks is partial: {reply:?}");
        };
        assert_eq!(first.body.id.to_string(), CONTENT);
        let store = store.lock().unwrap();
        assert_eq!(
            store.requests,
            [
                "POST bytes 0-3/11 4",
                "PUT bytes 4-7/11 4",
                "PUT bytes 8-10/11 3"
            ]
        );
        let held: Vec<u8> = store.content.iter().map(|byte| byte.unwrap()).collect();
        assert_eq!(held, content);
    }

    #[tokio::test]
    async fn a_small_content_is_one_request() {
        let (store, api) = start(Store::default(), 1 << 20).await;
        let reply = api
            .contents(account())
            .upload_from(&b"hello world"[..], 11)
            .await
            .expect("uploaded");
        assert!(
            matches!(&*reply, upload_content::Response::Complete(_)),
            "{reply:?}"
        );
        assert_eq!(store.lock().unwrap().requests, ["POST bytes 0-10/11 11"]);
    }

    #[tokio::test]
    async fn a_source_that_ends_early_stops_the_upload_and_says_where() {
        let (store, api) = start(Store::default(), 4).await;
        let error = api
            .contents(account())
            .upload_from(&b"hello"[..], 11)
            .await
            .expect_err("5 of 11 bytes");
        let Error::Transfer { bytes, problem, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(*bytes, 5);
        assert!(
            problem.contains("ended after 5 of the 11 bytes"),
            "{problem}"
        );
        assert_eq!(
            store.lock().unwrap().requests,
            ["POST bytes 0-3/11 4"],
            "what was read whole went"
        );
        let error = api
            .contents(account())
            .upload_from(&b""[..], 0)
            .await
            .expect_err("nothing to send");
        assert!(
            error.to_string().contains("the content is empty"),
            "{error}"
        );
    }

    #[tokio::test]
    async fn a_server_that_never_says_complete_is_an_error() {
        let store = Store {
            never_complete: true,
            ..Store::default()
        };
        let (_, api) = start(store, 6).await;
        let error = api
            .contents(account())
            .upload_from(&b"hello world"[..], 11)
            .await
            .expect_err("never complete");
        let Error::Transfer { bytes, problem, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(*bytes, 11);
        assert!(
            problem.contains("did not answer `complete` to the last"),
            "{problem}"
        );
        assert!(!error.to_string().contains(super::TOKEN), "{error}");
    }
}
