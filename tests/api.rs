//! The Kontur.Extern API specs (spec version 2's HTTP half): path
//! parameters, several outcomes with "not found" as `None`, the API's error
//! body, and bearer auth from a `TokenProvider`, each documented outcome
//! round-tripped through the replay server.

use std::time::Duration;

use kontur_extern::{
    ApiStatusCode, Client, Endpoint, Error, ReplayServer, RetryPolicy, TokenProvider,
};

kontur_extern::endpoint!("spec/password-token.yaml");
kontur_extern::types!("spec/extern/types.yaml");
kontur_extern::endpoint!("spec/extern/get-account.yaml");
kontur_extern::endpoint!("spec/extern/delete-draft.yaml");
kontur_extern::endpoint!("spec/extern/upload-content.yaml");
kontur_extern::endpoint!("spec/extern/download-content.yaml");

use delete_draft::DeleteDraft;
use get_account::GetAccount;
use password_token::PasswordToken;

/// A token provider over the identity server's replay, and the servers.
struct Setup {
    identity: ReplayServer,
    tokens: TokenProvider,
}

async fn setup() -> Setup {
    let identity = ReplayServer::start::<PasswordToken>()
        .await
        .expect("starts");
    let client = Client::new(identity.base_url()).expect("a client");
    let credentials = PasswordToken::examples().remove(0).request;
    let tokens = TokenProvider::new::<PasswordToken>(client, credentials);
    Setup { identity, tokens }
}

fn example<E: Endpoint>(name: &str) -> kontur_extern::Example<E::Request> {
    E::examples()
        .into_iter()
        .find(|example| example.name == name)
        .unwrap_or_else(|| panic!("example `{name}`"))
}

#[tokio::test]
async fn an_account_is_found_or_not_found_with_a_bearer_token() {
    let setup = setup().await;
    let api = ReplayServer::start::<GetAccount>().await.expect("starts");
    let client = get_account::Client::new(
        Client::new(api.base_url()).expect("a client"),
        setup.tokens.clone(),
    );

    let found = client
        .get_account(&example::<GetAccount>("found").request)
        .await
        .expect("answers");
    let account = found.as_ref().expect("found");
    assert_eq!(account.inn, "7757424860");
    assert_eq!(account.role, Some(extern_types::AccountRole::Admin));
    assert_eq!(found.trace_id(), Some("2c7cc5a3f0a14a24a1a0e8a3c0e1d2f5"));

    let missing = client
        .get_account(&example::<GetAccount>("not_found").request)
        .await
        .expect("answers");
    assert!(missing.is_none(), "{:?}", *missing);

    // Without a token source the call is refused before it is sent, and a
    // request without a token gets the replay server's 401.
    let plain = Client::new(api.base_url()).expect("a client");
    let refused = plain
        .send::<GetAccount>(&example::<GetAccount>("found").request)
        .await
        .expect_err("refused");
    assert!(matches!(refused, Error::Refused { .. }), "{refused}");
    assert!(
        refused.to_string().contains("needs a bearer token"),
        "{refused}"
    );
    let http = GetAccount::encode(&example::<GetAccount>("found").request, &api.base_url())
        .expect("encodes");
    let answer = reqwest::Client::new()
        .get(http.uri().to_string())
        .send()
        .await
        .expect("answers");
    assert_eq!(answer.status(), 401);

    api.stop().await;
    setup.identity.stop().await;
}

#[tokio::test]
async fn a_draft_is_deleted_not_found_or_locked() {
    let setup = setup().await;
    let api = ReplayServer::start::<DeleteDraft>().await.expect("starts");
    let client = delete_draft::Client::new(
        Client::new(api.base_url())
            .expect("a client")
            .with_retry_policy(
                RetryPolicy::default()
                    .with_backoff(Duration::from_millis(1), Duration::from_millis(5)),
            ),
        setup.tokens.clone(),
    );
    let deleted = client
        .delete_draft(&example::<DeleteDraft>("deleted").request)
        .await
        .expect("answers");
    assert!(deleted.is_some());
    assert_eq!(deleted.status(), 204);

    let missing = client
        .delete_draft(&example::<DeleteDraft>("not_found").request)
        .await
        .expect("answers");
    assert!(missing.is_none());

    let locked = client
        .delete_draft(&example::<DeleteDraft>("locked").request)
        .await
        .expect_err("locked");
    let Error::Api { response, error } = &locked else {
        panic!("the API's error: {locked:?}");
    };
    assert_eq!(response.status, 409);
    assert_eq!(error.id, "urn:error:externapi:concurrentApiTaskActive");
    assert_eq!(error.status_code, Some(ApiStatusCode::Number(409)));
    assert_eq!(error.track_id.as_deref(), Some("m4n3ggqtoxgge78q93go"));
    assert_eq!(
        error
            .context
            .as_ref()
            .and_then(|c| c["concurrent-task"]["task-type"].as_str()),
        Some("urn:task-type:send")
    );
    // A locked draft stays locked until its task ends: never retried.
    assert!(!locked.is_retryable());
    assert!(
        locked
            .to_string()
            .contains("There is an active concurrent operation"),
        "{locked}"
    );

    api.stop().await;
    setup.identity.stop().await;
}

/// A server on 127.0.0.1 that reads one request and answers it with
/// `answer`, bytes as they are (a cut body, a hostile header), then closes;
/// and the base URL to reach it.
async fn answer_once(answer: Vec<u8>) -> (kontur_extern::Url, tokio::task::JoinHandle<()>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let address = listener.local_addr().expect("an address");
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("a connection");
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request).await;
        let _ = stream.write_all(&answer).await;
        let _ = stream.shutdown().await;
    });
    let base_url = kontur_extern::Url::parse(&format!("http://{address}")).expect("a URL");
    (base_url, server)
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).expect("a response")
}

#[test]
fn the_apis_errors_decode_whatever_shape_they_come_in() {
    const JSON: (&str, &str) = ("Content-Type", "application/json");
    // A 404 without the API's body is a failure, not "not found".
    let error = GetAccount::decode(response(404, &[], "")).expect_err("a failure");
    assert!(matches!(error, Error::UnexpectedBody { .. }), "{error:?}");
    let error = GetAccount::decode(response(
        404,
        &[("Content-Type", "text/html")],
        "<html>Not Found</html>",
    ))
    .expect_err("a failure");
    assert!(matches!(error, Error::UnexpectedBody { .. }), "{error:?}");

    // A proxy's HTML 502 is not the API's error, and may be retried.
    let error = GetAccount::decode(response(
        502,
        &[("Content-Type", "text/html")],
        "<h1>Bad Gateway</h1>",
    ))
    .expect_err("a failure");
    assert!(matches!(error, Error::UnexpectedBody { .. }), "{error:?}");
    assert!(error.is_retryable());

    // Cut short: not the API's error either.
    let error = GetAccount::decode(response(
        400,
        &[JSON],
        r#"{"id":"urn:error:externapi:badRequest","mess"#,
    ))
    .expect_err("a failure");
    assert!(matches!(error, Error::UnexpectedBody { .. }), "{error:?}");

    // `status-code` as a name, and a 429 with `Retry-After`: retried after it.
    let error = GetAccount::decode(response(
        429,
        &[JSON, ("Retry-After", "3"), ("X-Kontur-Trace-Id", "t-429")],
        r#"{"id":"urn:error:externapi:throttling","status-code":"too-many-requests","message":"Throttling"}"#,
    ))
    .expect_err("a failure");
    let Error::Api {
        response: info,
        error: api,
    } = &error
    else {
        panic!("the API's error: {error:?}");
    };
    assert_eq!(
        api.status_code,
        Some(ApiStatusCode::Name("too-many-requests".into()))
    );
    assert_eq!(info.retry_after, Some(Duration::from_secs(3)));
    assert_eq!(info.trace_id.as_deref(), Some("t-429"));
    assert!(error.is_retryable());

    // An undocumented success status is not guessed at.
    let error = GetAccount::decode(response(202, &[JSON], "{}")).expect_err("a failure");
    assert!(
        error
            .to_string()
            .contains("status 202 is not one the spec documents"),
        "{error}"
    );
    // A hostile message is shown terminal-safe.
    let error = DeleteDraft::decode(response(
        409,
        &[JSON],
        r#"{"id":"urn:error:x","message":"line\u001b[31m\nforged: log line"}"#,
    ))
    .expect_err("a failure");
    let shown = error.to_string();
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\n'),
        "{shown:?}"
    );
}

#[tokio::test]
async fn content_goes_up_in_chunks_and_comes_down_whole_or_in_part() {
    use download_content::DownloadContent;
    use upload_content::UploadContent;
    let setup = setup().await;

    let up = ReplayServer::start::<UploadContent>()
        .await
        .expect("starts");
    let uploads = upload_content::Client::new(
        Client::new(up.base_url()).expect("a client"),
        setup.tokens.clone(),
    );
    let first = uploads
        .upload_content(&example::<UploadContent>("partial").request)
        .await
        .expect("answers");
    let upload_content::Response::Partial(partial) = &*first else {
        panic!("partial: {:?}", *first);
    };
    assert_eq!(
        partial.body.id.to_string(),
        "7d2b7e3c-3c1e-4a0a-9f51-0a7cbb0c6c2e"
    );
    let whole = uploads
        .upload_content(&example::<UploadContent>("complete").request)
        .await
        .expect("answers");
    let upload_content::Response::Complete(complete) = &*whole else {
        panic!("complete: {:?}", *whole);
    };
    assert_eq!(
        complete.body.id.to_string(),
        "1816fdca-e743-4eb9-8221-b26b0762e015"
    );
    // The bytes are the body, as they are; the range a header.
    let request = UploadContent::encode(
        &example::<UploadContent>("complete").request,
        &up.base_url(),
    )
    .expect("encodes");
    assert_eq!(request.body(), b"hello world");
    assert_eq!(
        request.headers()["content-type"],
        "application/octet-stream"
    );
    assert_eq!(request.headers()["content-range"], "bytes 0-10/11");
    // Other bytes are another request.
    let mut other = example::<UploadContent>("complete").request;
    other.body = kontur_extern::Bytes(b"HELLO WORLD".to_vec());
    let http = UploadContent::encode(&other, &up.base_url()).expect("encodes");
    let differences = example::<UploadContent>("complete")
        .documented_request
        .differences::<UploadContent>(&http, &up.base_url());
    assert_eq!(differences.len(), 1, "{differences:?}");
    assert_eq!(differences[0].what, "binary body");
    assert!(!differences[0].found.contains("HELLO"), "{differences:?}");

    let down = ReplayServer::start::<DownloadContent>()
        .await
        .expect("starts");
    let client = Client::new(down.base_url()).expect("a client");
    let downloads = download_content::Client::new(client.clone(), setup.tokens.clone());
    let whole = downloads
        .download_content(&example::<DownloadContent>("whole").request)
        .await
        .expect("answers");
    assert!(
        matches!(&*whole, download_content::Response::Whole(w) if &w.body[..] == b"hello world"),
        "{:?}",
        *whole
    );
    let part = downloads
        .download_content(&example::<DownloadContent>("part").request)
        .await
        .expect("answers");
    let download_content::Response::Part(part) = &*part else {
        panic!("part: {:?}", *part);
    };
    assert_eq!(&part.body[..], b"hello");
    assert_eq!(part.content_range.as_deref(), Some("bytes 0-4/11"));

    // The caller's download limit, not the JSON one, bounds a download.
    let small = download_content::Client::new(client.with_download_limit(4), setup.tokens.clone());
    let error = small
        .download_content(&example::<DownloadContent>("whole").request)
        .await
        .expect_err("too large");
    assert!(error.to_string().contains("larger than 4 bytes"), "{error}");

    up.stop().await;
    down.stop().await;
    setup.identity.stop().await;
}

#[tokio::test]
async fn a_download_cut_mid_stream_is_a_transport_error() {
    use download_content::DownloadContent;
    // 100 bytes promised, 10 sent, then the connection closes.
    let (base_url, server) = answer_once(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 100\r\n\r\n0123456789"
            .to_vec(),
    )
    .await;
    let client = download_content::Client::new(
        Client::new(base_url)
            .expect("a client")
            .with_retry_policy(RetryPolicy::never()),
        kontur_extern::SecretString::from("a-token"),
    );
    let error = client
        .download_content(&example::<DownloadContent>("whole").request)
        .await
        .expect_err("cut short");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert!(!error.to_string().contains("a-token"), "{error}");
    server.await.expect("the server ran");
}

kontur_extern::endpoint!("tests/specs/v2/poll.yaml");

/// Examples that document one request are served in documented order,
/// the last one again after that.
#[tokio::test]
async fn one_request_documented_twice_is_answered_in_documented_order() {
    use poll_task::{PollTask, Response};
    let server = ReplayServer::start::<PollTask>().await.expect("starts");
    let client = poll_task::Client::new(Client::new(server.base_url()).expect("a client"));
    let request = &PollTask::examples()[0].request;
    let mut states = Vec::new();
    for _ in 0..3 {
        let reply = client.poll_task(request).await.expect("answers");
        states.push(match reply.into_inner() {
            Response::Running(running) => running.body.task_state,
            Response::Done(done) => done.body.task_state,
        });
    }
    assert_eq!(states, ["running", "succeed", "succeed"]);
    server.stop().await;
}

#[tokio::test]
async fn an_optional_header_set_or_not_makes_another_request() {
    use download_content::DownloadContent;
    let base_url = kontur_extern::Url::parse("https://extern-api.testkontur.ru").expect("a URL");
    let whole = example::<DownloadContent>("whole");
    let part = example::<DownloadContent>("part");
    let with_range = DownloadContent::encode(&part.request, &base_url).expect("encodes");
    let differences = whole
        .documented_request
        .differences::<DownloadContent>(&with_range, &base_url);
    assert_eq!(differences.len(), 1, "{differences:?}");
    assert_eq!(differences[0].what, "header range");
    // A download asks for bytes, not JSON.
    assert_eq!(with_range.headers()["accept"], "application/octet-stream");

    // So the replay server answers each as documented, in any order.
    let setup = setup().await;
    let down = ReplayServer::start::<DownloadContent>()
        .await
        .expect("starts");
    let client = download_content::Client::new(
        Client::new(down.base_url()).expect("a client"),
        setup.tokens.clone(),
    );
    let first = client
        .download_content(&part.request)
        .await
        .expect("answers");
    assert!(
        matches!(*first, download_content::Response::Part(_)),
        "{:?}",
        *first
    );
    let second = client
        .download_content(&whole.request)
        .await
        .expect("answers");
    assert!(
        matches!(*second, download_content::Response::Whole(_)),
        "{:?}",
        *second
    );
    down.stop().await;
    setup.identity.stop().await;
}

#[test]
fn path_values_may_hold_any_text_and_stay_one_segment() {
    use kontur_extern::__private::RequestEncoder;
    const METADATA: kontur_extern::Metadata = kontur_extern::Metadata {
        name: "probe",
        method: http::Method::GET,
        path: "/v1/{a}/things/{b}/{literal-in-v1}",
        default_base_url: "https://example.com",
        docs_url: None,
        success_status: 200,
        content_type: "application/json",
        error_format: kontur_extern::ErrorFormat::KonturApi,
        auth: kontur_extern::Auth::None,
        binary_response: false,
    };
    let base_url = kontur_extern::Url::parse("https://example.com/prefix/").expect("a URL");
    let mut encoder = RequestEncoder::new(&METADATA, &base_url).expect("an encoder");
    encoder.path("a", "x{b}/y z%");
    encoder.path("b", "ключ");
    let request = encoder.finish().expect("encodes");
    assert_eq!(
        request.uri().path(),
        "/prefix/v1/x%7Bb%7D%2Fy%20z%25/things/%D0%BA%D0%BB%D1%8E%D1%87/%7Bliteral-in-v1%7D"
    );
    // No value set (a version 1 path with braces): the path as written.
    let request = RequestEncoder::new(&METADATA, &base_url)
        .expect("an encoder")
        .finish()
        .expect("encodes");
    assert_eq!(
        request.uri().path(),
        "/prefix/v1/%7Ba%7D/things/%7Bb%7D/%7Bliteral-in-v1%7D"
    );
}

#[test]
fn a_not_found_body_with_odd_fields_is_still_not_found() {
    const JSON: (&str, &str) = ("Content-Type", "application/json");
    let missing = GetAccount::decode(response(
        404,
        &[JSON],
        r#"{"id":"urn:nss:nid","status-code":404,"message":null,"properties":{"a":1,"b":null,"c":"x"},"trace-id":null}"#,
    ))
    .expect("not found");
    assert!(missing.is_none());
    let error = DeleteDraft::decode(response(
        409,
        &[JSON],
        r#"{"id":"urn:error:x","properties":{"n":5},"message":null}"#,
    ))
    .expect_err("locked");
    let Error::Api { error, .. } = error else {
        panic!("the API's error: {error:?}");
    };
    assert_eq!(error.properties["n"].as_deref(), Some("5"));
    assert_eq!(error.message, "");
}

#[tokio::test]
async fn a_compressed_download_inflates_to_at_most_the_download_limit() {
    use download_content::DownloadContent;
    use std::io::Write as _;
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gzip.write_all(&[b'x'; 4096]).expect("compresses");
    let body = gzip.finish().expect("compresses");
    let mut answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    answer.extend_from_slice(&body);
    let (base_url, server) = answer_once(answer).await;
    let client = download_content::Client::new(
        Client::new(base_url)
            .expect("a client")
            .with_retry_policy(RetryPolicy::never())
            .with_download_limit(1000),
        kontur_extern::SecretString::from("a-token"),
    );
    let error = client
        .download_content(&example::<DownloadContent>("whole").request)
        .await
        .expect_err("too large once inflated");
    assert!(
        error.to_string().contains("larger than 1000 bytes"),
        "{error}"
    );
    server.await.expect("the server ran");
}

#[tokio::test]
async fn an_echoed_bearer_token_is_redacted_from_the_error() {
    use get_account::GetAccount;
    let body = r#"{"id":"urn:error:externapi:badToken","message":"token s3cr3t-bearer-token is not valid"}"#;
    let answer = format!(
        "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let (base_url, server) = answer_once(answer.into_bytes()).await;
    let client = get_account::Client::new(
        Client::new(base_url)
            .expect("a client")
            .with_retry_policy(RetryPolicy::never()),
        kontur_extern::SecretString::from("s3cr3t-bearer-token"),
    );
    let error = client
        .get_account(&example::<GetAccount>("found").request)
        .await
        .expect_err("refused");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("s3cr3t-bearer-token"), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");
    server.await.expect("the server ran");
}

/// A server that echoes the bearer token in a 503: the log line of each
/// retry shows `[redacted]`, as the final error does.
#[tokio::test]
async fn retry_log_lines_never_show_an_echoed_bearer_token() {
    use get_account::GetAccount;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    kontur_extern_tests::capture_log();
    let body = r#"{"id":"urn:error:busy","message":"busy; your token TOK-LIB-retry-7f3 was fine"}"#;
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 0\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let address = listener.local_addr().expect("an address");
    let server = tokio::spawn(async move {
        // Every attempt gets the same answer.
        for _ in 0..3 {
            let (mut stream, _) = listener.accept().await.expect("a connection");
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request).await;
            let _ = stream.write_all(answer.as_bytes()).await;
            let _ = stream.shutdown().await;
        }
    });
    let base_url = kontur_extern::Url::parse(&format!("http://{address}")).expect("a URL");
    let client = get_account::Client::new(
        Client::new(base_url).expect("a client"),
        kontur_extern::SecretString::from("TOK-LIB-retry-7f3"),
    );
    let error = client
        .get_account(&example::<GetAccount>("found").request)
        .await
        .expect_err("busy every time");
    server.await.expect("the server ran");
    assert!(!error.to_string().contains("TOK-LIB-retry-7f3"), "{error}");
    let log = kontur_extern_tests::captured_log();
    let retries: Vec<&str> = log
        .lines()
        .filter(|line| line.contains("retrying") && line.contains("busy; your token"))
        .collect();
    assert!(!retries.is_empty(), "no retry was logged:\n{log}");
    for line in retries {
        assert!(line.contains("[redacted]"), "{line}");
    }
    assert!(!log.contains("TOK-LIB-retry-7f3"), "{log}");
}

#[tokio::test]
async fn the_replay_server_refuses_in_the_apis_own_error_format() {
    let setup = setup().await;
    let api = ReplayServer::start::<GetAccount>().await.expect("starts");
    let client = get_account::Client::new(
        Client::new(api.base_url()).expect("a client"),
        setup.tokens.clone(),
    );
    let other = get_account::Request::new(get_account::Required {
        account_id: kontur_extern::Uuid::max(),
    });
    let error = client.get_account(&other).await.expect_err("undocumented");
    let Error::Api {
        response,
        error: api_error,
    } = &error
    else {
        panic!("the API's error: {error:?}");
    };
    assert_eq!(response.status, 400);
    assert_eq!(api_error.id, "urn:error:kontur-extern:replay:no-match");
    assert!(api_error.message.contains("path"), "{}", api_error.message);
    api.stop().await;
    setup.identity.stop().await;
}

#[tokio::test]
async fn the_json_limit_is_the_callers() {
    let setup = setup().await;
    let api = ReplayServer::start::<GetAccount>().await.expect("starts");
    let request = example::<GetAccount>("found").request;
    let small = get_account::Client::new(
        Client::new(api.base_url())
            .expect("a client")
            .with_json_limit(100),
        setup.tokens.clone(),
    );
    let error = small.get_account(&request).await.expect_err("too large");
    assert!(
        error.to_string().contains("larger than 100 bytes"),
        "{error}"
    );
    let roomy = get_account::Client::new(
        Client::new(api.base_url())
            .expect("a client")
            .with_json_limit(4 << 20),
        setup.tokens.clone(),
    );
    assert!(
        roomy
            .get_account(&request)
            .await
            .expect("answers")
            .is_some()
    );
    api.stop().await;
    setup.identity.stop().await;
}

/// One replay server for several endpoints on one base URL: each request
/// is answered by the example of the endpoint it matches.
#[tokio::test]
async fn one_replay_server_serves_several_endpoints() {
    let setup = setup().await;
    let api = ReplayServer::serving()
        .endpoint::<GetAccount>()
        .endpoint::<DeleteDraft>()
        .start()
        .await
        .expect("starts");
    let base = Client::new(api.base_url()).expect("a client");
    let accounts = get_account::Client::new(base.clone(), setup.tokens.clone());
    let drafts = delete_draft::Client::new(base, setup.tokens.clone());
    let found = accounts
        .get_account(&example::<GetAccount>("found").request)
        .await
        .expect("answers");
    assert!(found.is_some());
    let deleted = drafts
        .delete_draft(&example::<DeleteDraft>("deleted").request)
        .await
        .expect("answers");
    assert!(deleted.is_some());
    let missing = drafts
        .delete_draft(&example::<DeleteDraft>("not_found").request)
        .await
        .expect("answers");
    assert!(missing.is_none());
    api.stop().await;
    setup.identity.stop().await;
}
