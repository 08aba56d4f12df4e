//! The generated client over real HTTP against the replay server on
//! 127.0.0.1: the documented exchange, a mismatched request, and what the
//! client records in `tracing`.

use kontur_extern::{Client, Endpoint, Error, ExposeSecret, OAuth2ErrorCode, ReplayServer};
use kontur_extern_tests::{capture_log, captured_log};

kontur_extern::endpoint!("spec/password-token.yaml");

use password_token::{PasswordToken, Request, Required, TokenType};

fn documented_request() -> Request {
    PasswordToken::examples().remove(0).request
}

#[tokio::test]
async fn generated_client_gets_the_documented_token_from_the_replay_server() {
    let server = ReplayServer::start::<PasswordToken>()
        .await
        .expect("starts");
    let client = password_token::Client::new(Client::new(server.base_url()).expect("client"));

    let reply = client
        .password_token(&documented_request())
        .await
        .expect("the documented request gets the documented response");

    assert_eq!(reply.status(), 200);
    assert_eq!(reply.trace_id(), Some("9da07e01570f4460bee6777e514d7af0"));
    assert!(reply.info().dont_retry);
    let token = reply.into_inner();
    assert_eq!(
        token.access_token.expose_secret(),
        "fb957fedb8cf0a88b5cb25cf9b0570f82d332f202ca58653dfba7c035983b9e1"
    );
    assert_eq!(token.expires_in.as_secs(), 86400);
    assert_eq!(token.token_type, TokenType::Bearer);
    assert_eq!(
        token.trace_id.as_deref(),
        Some("9da07e01570f4460bee6777e514d7af0")
    );
    assert!(token.dont_retry);
    server.stop().await;
}

/// This test binary's reqwest has its `gzip` feature on (the benches'
/// dev-dependency enables it, and features unify, as in a program that
/// enables it for its own use): `Client::new`'s HTTP client still leaves
/// the body to the decoder, which inflates it within the body limits, and
/// the reply keeps the headers as they came.
#[tokio::test]
async fn own_client_inflates_gzip_itself_when_reqwest_could() {
    let server = ReplayServer::start::<PasswordToken>()
        .await
        .expect("starts");
    let client = password_token::Client::new(Client::new(server.base_url()).expect("client"));

    let reply = client
        .password_token(&documented_request())
        .await
        .expect("the documented token");

    assert_eq!(
        reply
            .headers()
            .get("content-encoding")
            .and_then(|value| value.to_str().ok()),
        Some("gzip"),
        "reqwest inflated the body: {:?}",
        reply.headers()
    );
    assert_eq!(reply.access_token.expose_secret().len(), 64);
    server.stop().await;
}

/// A caller's own `reqwest::Client` that inflates gzip itself (reqwest's
/// default when its `gzip` feature is on) hands the decoder a plain body
/// without `Content-Encoding`, which decodes as well.
#[tokio::test]
async fn a_callers_client_that_inflates_gzip_still_decodes() {
    let server = ReplayServer::start::<PasswordToken>()
        .await
        .expect("starts");
    let http = kontur_extern::reqwest::Client::builder()
        .gzip(true)
        .build()
        .expect("a client");
    let client = password_token::Client::new(
        Client::with_http_client(http, server.base_url()).expect("client"),
    );

    let reply = client
        .password_token(&documented_request())
        .await
        .expect("the documented token");

    assert!(reply.headers().get("content-encoding").is_none());
    assert_eq!(reply.access_token.expose_secret().len(), 64);
    assert_eq!(reply.trace_id(), Some("9da07e01570f4460bee6777e514d7af0"));
    server.stop().await;
}

#[tokio::test]
async fn replay_server_sends_the_documented_headers_gzip_and_chunked() {
    let server = ReplayServer::start::<PasswordToken>()
        .await
        .expect("starts");
    let http = PasswordToken::encode(&documented_request(), &server.base_url()).expect("encodes");
    let request = kontur_extern::reqwest::Request::try_from(http).expect("converts");
    // A plain reqwest client without decompression: the raw response. (The
    // benches' reqwest has `gzip`, and so has this build's, by unification.)
    let response = kontur_extern::reqwest::Client::builder()
        .no_gzip()
        .build()
        .expect("a client")
        .execute(request)
        .await
        .expect("answers");

    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(response.status(), 200);
    assert_eq!(header("content-encoding").as_deref(), Some("gzip"));
    assert_eq!(header("transfer-encoding").as_deref(), Some("chunked"));
    assert_eq!(
        header("content-type").as_deref(),
        Some("application/json; charset=UTF-8")
    );
    assert_eq!(
        header("cache-control").as_deref(),
        Some("no-store, no-cache, max-age=0")
    );
    assert_eq!(header("pragma").as_deref(), Some("no-cache"));
    assert_eq!(header("dont-retry").as_deref(), Some("True"));
    assert_eq!(header("x-kontur-dont-retry").as_deref(), Some("True"));
    assert!(header("context-globals").is_some_and(|v| v.starts_with("FgAAAHZvc3Rvay")));
    let body = response.bytes().await.expect("body");
    assert_eq!(&body[..2], &[0x1f, 0x8b], "a gzip stream");
    server.stop().await;
}

#[tokio::test]
async fn replay_server_refuses_a_mismatched_request_naming_the_fields() {
    let server = ReplayServer::start::<PasswordToken>()
        .await
        .expect("starts");
    let client = Client::new(server.base_url()).expect("client");
    let wrong = Request::new(Required {
        client_id: "extern.api".into(),
        client_secret: "other-secret".into(),
        username: "someone@else.ru".into(),
        password: "password".into(),
    });

    let error = client
        .send::<PasswordToken>(&wrong)
        .await
        .expect_err("no example matches");

    let Error::OAuth2 {
        response,
        error: oauth,
    } = &error
    else {
        panic!("expected the replay server's OAuth2 error, got {error:?}");
    };
    assert_eq!(response.status, 400);
    assert_eq!(oauth.code, OAuth2ErrorCode::InvalidRequest);
    let description = oauth.description.as_deref().unwrap_or_default();
    assert!(
        description
            .contains("form field username: documented user@login.ru, found someone@else.ru"),
        "{description}"
    );
    assert!(
        description.contains("form field client_secret: documented [secret], found [secret]"),
        "{description}"
    );
    assert!(!description.contains("other-secret"), "{description}");
    server.stop().await;
}

#[tokio::test]
async fn each_call_is_traced_without_secrets() {
    capture_log();

    let server = ReplayServer::start::<PasswordToken>()
        .await
        .expect("starts");
    let client = Client::new(server.base_url()).expect("client");
    client
        .send::<PasswordToken>(&documented_request())
        .await
        .expect("succeeds");
    let secret = Request::new(Required {
        client_id: "extern.api".into(),
        client_secret: "s3cr3t-key".into(),
        username: "user@login.ru".into(),
        password: "pa55word".into(),
    });
    client
        .send::<PasswordToken>(&secret)
        .await
        .expect_err("refused");
    server.stop().await;

    let log = captured_log();
    assert!(log.contains("kontur_extern.call"), "{log}");
    assert!(log.contains("endpoint=\"password_token\""), "{log}");
    assert!(log.contains("method=POST"), "{log}");
    assert!(log.contains("path=\"/connect/token\""), "{log}");
    assert!(log.contains("status=200"), "{log}");
    assert!(log.contains("status=400"), "{log}");
    assert!(
        log.contains("trace_id=\"9da07e01570f4460bee6777e514d7af0\""),
        "{log}"
    );
    assert!(log.contains("duration_ms="), "{log}");
    for secret in ["s3cr3t-key", "pa55word", "************", "fb957fedb8cf0a88"] {
        assert!(
            !log.contains(secret),
            "`{secret}` leaked into the log:\n{log}"
        );
    }
}
