//! The token provider through its public API, against a token server on
//! 127.0.0.1 that counts requests, with an injected clock: no real sleeping.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kontur_extern::{Client, Clock, Error, ExposeSecret, RetryPolicy, TokenProvider, Url};

kontur_extern::endpoint!("spec/password-token.yaml");
kontur_extern::endpoint!("spec/refresh-token.yaml");

use password_token::PasswordToken;
use refresh_token::RefreshToken;

/// A clock the test moves by hand.
#[derive(Clone)]
struct ManualClock(Arc<Mutex<Instant>>);

impl ManualClock {
    fn new() -> Self {
        ManualClock(Arc::new(Mutex::new(Instant::now())))
    }

    fn advance(&self, by: Duration) {
        *self.0.lock().expect("not poisoned") += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        *self.0.lock().expect("not poisoned")
    }
}

/// What the token server answers next.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Issue,
    /// 503 to everything.
    Down,
    /// Refresh grants get `invalid_grant`; password grants work.
    RejectRefresh,
}

struct Server {
    /// Every request to the token endpoint, answered or refused.
    requests: AtomicUsize,
    password_grants: AtomicUsize,
    refresh_grants: AtomicUsize,
    api_calls: AtomicUsize,
    mode: Mutex<Mode>,
    expires_in: u64,
    /// Whether token responses carry a refresh token.
    issue_refresh_tokens: bool,
    /// Delay before answering a token request, so concurrent callers pile up.
    delay: Duration,
}

impl Server {
    fn issued(&self) -> usize {
        self.password_grants.load(Ordering::SeqCst) + self.refresh_grants.load(Ordering::SeqCst)
    }

    fn set_mode(&self, mode: Mode) {
        *self.mode.lock().expect("not poisoned") = mode;
    }
}

async fn token(
    State(server): State<Arc<Server>>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    server.requests.fetch_add(1, Ordering::SeqCst);
    tokio::time::sleep(server.delay).await;
    let grant = form
        .iter()
        .find(|(key, _)| key == "grant_type")
        .map(|(_, value)| value.clone())
        .unwrap_or_default();
    let mode = *server.mode.lock().expect("not poisoned");
    if mode == Mode::Down {
        return (StatusCode::SERVICE_UNAVAILABLE, "down").into_response();
    }
    let number = match grant.as_str() {
        "refresh_token" if mode == Mode::RejectRefresh => {
            server.refresh_grants.fetch_add(1, Ordering::SeqCst);
            let body = r#"{"error":"invalid_grant","error_description":"refresh token expired"}"#;
            return (StatusCode::BAD_REQUEST, body).into_response();
        }
        "refresh_token" => server.refresh_grants.fetch_add(1, Ordering::SeqCst) + 1,
        _ => server.password_grants.fetch_add(1, Ordering::SeqCst) + 1,
    };
    let mut body = serde_json::json!({
        "access_token": format!("{grant}-token-{number}"),
        "expires_in": server.expires_in,
        "token_type": "Bearer",
    });
    if server.issue_refresh_tokens {
        body["refresh_token"] = format!("refresh-{number}").into();
    }
    body.to_string().into_response()
}

/// An API that refuses every token, counting the calls.
async fn refuses(State(server): State<Arc<Server>>) -> Response {
    server.api_calls.fetch_add(1, Ordering::SeqCst);
    (
        StatusCode::UNAUTHORIZED,
        [("X-Kontur-Trace-Id", "trace-refused")],
        "",
    )
        .into_response()
}

/// A protected API: 200 for the current password token, 401 otherwise.
async fn api(State(server): State<Arc<Server>>, headers: HeaderMap) -> StatusCode {
    server.api_calls.fetch_add(1, Ordering::SeqCst);
    let current = format!(
        "Bearer password-token-{}",
        server.password_grants.load(Ordering::SeqCst)
    );
    match headers.get("authorization").and_then(|v| v.to_str().ok()) {
        Some(value) if value == current => StatusCode::OK,
        _ => StatusCode::UNAUTHORIZED,
    }
}

struct Setup {
    server: Arc<Server>,
    base_url: Url,
    clock: ManualClock,
}

async fn setup(expires_in: u64, issue_refresh_tokens: bool, delay: Duration) -> Setup {
    let server = Arc::new(Server {
        requests: AtomicUsize::new(0),
        password_grants: AtomicUsize::new(0),
        refresh_grants: AtomicUsize::new(0),
        api_calls: AtomicUsize::new(0),
        mode: Mutex::new(Mode::Issue),
        expires_in,
        issue_refresh_tokens,
        delay,
    });
    let router = axum::Router::new()
        .route("/connect/token", axum::routing::post(token))
        .route("/api", axum::routing::get(api))
        .route("/refuses", axum::routing::get(refuses))
        .with_state(Arc::clone(&server));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let base_url =
        Url::parse(&format!("http://{}", listener.local_addr().expect("bound"))).expect("URL");
    tokio::spawn(async move { axum::serve(listener, router).await });
    Setup {
        server,
        base_url,
        clock: ManualClock::new(),
    }
}

fn client(setup: &Setup) -> Client {
    Client::new(setup.base_url.clone())
        .expect("client")
        .with_retry_policy(RetryPolicy::never())
}

fn provider(setup: &Setup) -> TokenProvider {
    let request = password_token::Request::new(password_token::Required {
        client_id: "extern.api".into(),
        client_secret: "api-key".into(),
        username: "user@login.ru".into(),
        password: "password".into(),
    });
    TokenProvider::new::<PasswordToken>(client(setup), request).with_clock(setup.clock.clone())
}

fn with_refresh(provider: TokenProvider, setup: &Setup) -> TokenProvider {
    provider.with_refresh::<RefreshToken>(client(setup), |token| {
        refresh_token::Request::new(refresh_token::Required {
            client_id: "extern.api".into(),
            client_secret: "api-key".into(),
            refresh_token: token,
        })
    })
}

async fn token_text(provider: &TokenProvider) -> String {
    provider
        .get()
        .await
        .expect("a token")
        .expose_secret()
        .to_owned()
}

#[tokio::test]
async fn cached_until_the_margin_then_fetched_again() {
    let setup = setup(86400, false, Duration::ZERO).await;
    let provider = provider(&setup).with_margin(Duration::from_secs(300));

    assert_eq!(token_text(&provider).await, "password-token-1");
    assert_eq!(token_text(&provider).await, "password-token-1");
    assert_eq!(setup.server.issued(), 1);

    setup.clock.advance(Duration::from_secs(86400 - 301));
    assert_eq!(
        token_text(&provider).await,
        "password-token-1",
        "outside the margin"
    );
    assert_eq!(setup.server.issued(), 1);

    setup.clock.advance(Duration::from_secs(2));
    assert_eq!(
        token_text(&provider).await,
        "password-token-2",
        "inside the margin"
    );
    assert_eq!(setup.server.issued(), 2);
}

#[tokio::test]
async fn default_margin_suits_24_hour_tokens_and_short_tokens_are_still_used() {
    let setup = setup(86400, false, Duration::ZERO).await;
    let provider = provider(&setup);
    token_text(&provider).await;
    setup.clock.advance(Duration::from_secs(86400 - 5 * 60 - 1));
    token_text(&provider).await;
    assert_eq!(setup.server.issued(), 1, "5 minutes of margin by default");
    setup.clock.advance(Duration::from_secs(2));
    token_text(&provider).await;
    assert_eq!(setup.server.issued(), 2);

    // A 60-second token with the 5-minute margin: renewed at half its life.
    let short = self::setup(60, false, Duration::ZERO).await;
    let provider = self::provider(&short);
    token_text(&provider).await;
    short.clock.advance(Duration::from_secs(29));
    token_text(&provider).await;
    assert_eq!(short.server.issued(), 1);
    short.clock.advance(Duration::from_secs(2));
    token_text(&provider).await;
    assert_eq!(short.server.issued(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_callers_cause_one_request() {
    let setup = setup(86400, false, Duration::from_millis(200)).await;
    let provider = provider(&setup);

    let callers: Vec<_> = (0..1000)
        .map(|_| {
            let provider = provider.clone();
            tokio::spawn(async move { token_text(&provider).await })
        })
        .collect();
    for caller in callers {
        assert_eq!(caller.await.expect("no panic"), "password-token-1");
    }
    assert_eq!(setup.server.issued(), 1);
    assert_eq!(setup.server.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_share_a_failure_and_the_next_call_recovers() {
    let setup = setup(86400, false, Duration::from_millis(100)).await;
    setup.server.set_mode(Mode::Down);
    let provider = provider(&setup);

    let callers: Vec<_> = (0..50)
        .map(|_| {
            let provider = provider.clone();
            tokio::spawn(async move { provider.get().await })
        })
        .collect();
    for caller in callers {
        let error = caller
            .await
            .expect("no panic")
            .expect_err("the server is down");
        assert_eq!(error.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    }
    assert_eq!(
        setup.server.requests.load(Ordering::SeqCst),
        1,
        "one shared attempt"
    );

    setup.server.set_mode(Mode::Issue);
    assert_eq!(
        token_text(&provider).await,
        "password-token-1",
        "errors are not cached"
    );
    assert_eq!(setup.server.issued(), 1);
    assert_eq!(setup.server.requests.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_failed_refresh_inside_the_margin_keeps_serving_the_valid_token() {
    let setup = setup(3600, false, Duration::ZERO).await;
    let provider = provider(&setup).with_margin(Duration::from_secs(600));
    assert_eq!(token_text(&provider).await, "password-token-1");

    setup.server.set_mode(Mode::Down);
    setup.clock.advance(Duration::from_secs(3600 - 60));
    assert_eq!(
        token_text(&provider).await,
        "password-token-1",
        "still valid for 60 s"
    );

    setup.server.set_mode(Mode::Issue);
    assert_eq!(
        token_text(&provider).await,
        "password-token-2",
        "tried again on the next call"
    );

    setup.server.set_mode(Mode::Down);
    setup.clock.advance(Duration::from_secs(3601));
    let error = provider
        .get()
        .await
        .expect_err("expired and the server is down");
    assert!(matches!(error, Error::UnexpectedBody { .. }), "{error:?}");
}

#[tokio::test]
async fn refreshes_with_the_refresh_token_and_falls_back_to_authenticating() {
    let setup = setup(3600, true, Duration::ZERO).await;
    let provider = with_refresh(provider(&setup), &setup);

    assert_eq!(token_text(&provider).await, "password-token-1");
    setup.clock.advance(Duration::from_secs(3600));
    assert_eq!(token_text(&provider).await, "refresh_token-token-1");
    assert_eq!(setup.server.password_grants.load(Ordering::SeqCst), 1);
    assert_eq!(setup.server.refresh_grants.load(Ordering::SeqCst), 1);

    setup.server.set_mode(Mode::RejectRefresh);
    setup.clock.advance(Duration::from_secs(3600));
    assert_eq!(token_text(&provider).await, "password-token-2", "fell back");
    assert_eq!(setup.server.password_grants.load(Ordering::SeqCst), 2);
    assert_eq!(setup.server.refresh_grants.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn invalidate_and_a_401_re_authenticate_once() {
    let setup = setup(86400, false, Duration::ZERO).await;
    let provider = provider(&setup);
    let http = kontur_extern::reqwest::Client::new();
    let api = setup.base_url.join("/api").expect("URL");

    let response = provider
        .send_authorized(&http, http.get(api.clone()).build().expect("request"))
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    assert_eq!(setup.server.issued(), 1);

    // The server revokes the token (a new password grant elsewhere): the API
    // answers 401, the provider re-authenticates once and repeats.
    provider.invalidate();
    assert_eq!(token_text(&provider).await, "password-token-2");
    setup.server.password_grants.fetch_add(1, Ordering::SeqCst);
    let response = provider
        .send_authorized(&http, http.get(api.clone()).build().expect("request"))
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    assert_eq!(
        setup.server.api_calls.load(Ordering::SeqCst),
        3,
        "401, then the repeat"
    );
    assert_eq!(setup.server.password_grants.load(Ordering::SeqCst), 4);
    assert!(!format!("{provider:?}").contains("password-token"));
    let token = provider.get().await.expect("a token");
    assert_eq!(format!("{token:?}"), "AccessToken([REDACTED])");
}

#[tokio::test]
async fn a_fetch_completes_and_is_cached_when_every_caller_gives_up() {
    let setup = setup(86400, false, Duration::from_millis(300)).await;
    let provider = provider(&setup);

    let gave_up = tokio::time::timeout(Duration::from_millis(20), provider.get()).await;
    assert!(gave_up.is_err(), "the caller stopped waiting");

    // The fetch goes on without callers and fills the cache by itself.
    let mut cached = false;
    for _ in 0..250 {
        if format!("{provider:?}").contains("token: Some") {
            cached = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(cached, "the abandoned fetch did not complete: {provider:?}");
    assert_eq!(token_text(&provider).await, "password-token-1");
    assert_eq!(setup.server.requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn the_bearer_token_is_not_sent_over_plain_http_to_a_remote_host() {
    let setup = setup(86400, false, Duration::ZERO).await;
    let provider = provider(&setup);
    let http = kontur_extern::reqwest::Client::new();
    let request = http.get("http://192.0.2.1/api").build().expect("request");

    let error = provider
        .send_authorized(&http, request)
        .await
        .expect_err("refused");
    assert!(matches!(error, Error::Refused { .. }), "{error:?}");
    assert_eq!(
        setup.server.requests.load(Ordering::SeqCst),
        0,
        "no token fetched"
    );
}

#[tokio::test]
async fn an_api_that_refuses_every_token_causes_no_re_authentication_storm() {
    let setup = setup(86400, false, Duration::ZERO).await;
    let provider = provider(&setup);
    let http = kontur_extern::reqwest::Client::new();
    let api = setup.base_url.join("/refuses").expect("URL");
    let call = || async {
        provider
            .send_authorized(&http, http.get(api.clone()).build().expect("request"))
            .await
    };
    let api_calls = || setup.server.api_calls.load(Ordering::SeqCst);

    // The first refusal earns one new token and one repeat; that fresh token
    // is refused too, which is what the error says.
    let error = call().await.expect_err("refused");
    let Error::TokenRefused { response, retry_in } = &error else {
        panic!("expected Error::TokenRefused, got {error:?}");
    };
    assert_eq!(response.status, 401);
    assert_eq!(response.trace_id.as_deref(), Some("trace-refused"));
    assert_eq!(*retry_in, kontur_extern::MIN_REAUTH_HOLD);
    assert!(
        error
            .to_string()
            .contains("refuses freshly issued access tokens"),
        "{error}"
    );
    assert!(!error.is_retryable());
    assert_eq!((setup.server.issued(), api_calls()), (2, 2));

    // 200 more calls in a row: one API request each, no sign-in.
    for _ in 0..200 {
        let error = call().await.expect_err("refused");
        assert!(matches!(error, Error::TokenRefused { .. }), "{error:?}");
    }
    assert_eq!((setup.server.issued(), api_calls()), (2, 202));

    // Once the hold has passed, one more forced sign-in, then a longer hold.
    setup.clock.advance(kontur_extern::MIN_REAUTH_HOLD);
    let error = call().await.expect_err("refused");
    let Error::TokenRefused { retry_in, .. } = &error else {
        panic!("expected Error::TokenRefused, got {error:?}");
    };
    assert_eq!(*retry_in, kontur_extern::MIN_REAUTH_HOLD * 2);
    assert_eq!((setup.server.issued(), api_calls()), (3, 204));
    setup.clock.advance(kontur_extern::MIN_REAUTH_HOLD);
    call().await.expect_err("refused");
    assert_eq!(setup.server.issued(), 3, "still held back");

    // Once that hold has passed, a forced sign-in gets a token the API
    // accepts; acceptance ends the backoff: the next refusal may sign in
    // again at once.
    let accepted = setup.base_url.join("/api").expect("URL");
    setup.server.password_grants.fetch_add(1, Ordering::SeqCst);
    setup.clock.advance(kontur_extern::MIN_REAUTH_HOLD);
    let response = provider
        .send_authorized(&http, http.get(accepted.clone()).build().expect("request"))
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    // (The revocation above counts as a grant: the server issued one elsewhere.)
    assert_eq!(setup.server.issued(), 5);
    call().await.expect_err("refused");
    assert_eq!(setup.server.issued(), 6, "signed in again without a hold");
}
