//! Behind a proxy named by the environment, as on many corporate machines:
//! loopback traffic never goes to the proxy, plain http that would go
//! through it is refused, and https through it is a `CONNECT` tunnel that
//! shows the proxy nothing but the host.
//!
//! The proxy variables are process-wide, so this binary holds one test that
//! sets them before any other thread runs and then plays every case.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use kontur_extern::{Client, Endpoint, Error, ReplayServer, RetryPolicy, TokenProvider, Url};
use tokio::io::AsyncReadExt;
use tokio::net::TcpListener;

kontur_extern::endpoint!("spec/password-token.yaml");

use password_token::{PasswordToken, Request, Required};

const PASSWORD: &str = "P4SS-proxy-5e1";

/// A stand-in proxy on 127.0.0.1: it records what each connection sends
/// within a moment, then closes it unanswered.
struct Proxy {
    url: String,
    seen: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
        let url = format!("http://{}", listener.local_addr().expect("bound"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let record = Arc::clone(&record);
                tokio::spawn(async move {
                    let mut received = Vec::new();
                    let mut buffer = [0; 4096];
                    while let Ok(Ok(read @ 1..)) =
                        tokio::time::timeout(Duration::from_millis(200), stream.read(&mut buffer))
                            .await
                    {
                        received.extend_from_slice(&buffer[..read]);
                    }
                    record
                        .lock()
                        .expect("not poisoned")
                        .push(String::from_utf8_lossy(&received).into_owned());
                });
            }
        });
        Proxy { url, seen }
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().expect("not poisoned").clone()
    }
}

fn request() -> Request {
    Request::new(Required {
        client_id: "extern.api".into(),
        client_secret: "************".into(),
        username: "user@login.ru".into(),
        password: PASSWORD.into(),
    })
}

#[test]
fn behind_a_proxy_from_the_environment() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let proxy = runtime.block_on(Proxy::start());
    // SAFETY: the runtime's worker threads do not read the environment, and
    // this is the binary's only test: nothing else runs yet.
    unsafe {
        for name in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"] {
            std::env::set_var(name, &proxy.url);
        }
        std::env::remove_var("NO_PROXY");
        std::env::remove_var("no_proxy");
        std::env::remove_var("REQUEST_METHOD");
    }
    runtime.block_on(play(&proxy));
}

async fn play(proxy: &Proxy) {
    let server = ReplayServer::start::<PasswordToken>()
        .await
        .expect("replay server");
    let documented = PasswordToken::examples().remove(0).request;

    // Client::new reaches loopback directly, whatever the environment says.
    let client = Client::new(server.base_url()).expect("client");
    let reply = client.send::<PasswordToken>(&documented).await;
    assert!(reply.is_ok(), "{reply:?}");
    let localhost =
        Url::parse(&format!("http://localhost:{}", server.address().port())).expect("valid");
    let reply = Client::new(localhost)
        .expect("client")
        .send::<PasswordToken>(&documented)
        .await;
    assert!(reply.is_ok(), "{reply:?}");

    // A caller's HTTP client uses the environment's proxy: plain http to
    // loopback through it is refused before anything is sent.
    let own = kontur_extern::reqwest::Client::new();
    let client = Client::with_http_client(own.clone(), server.base_url())
        .expect("client")
        .with_retry_policy(RetryPolicy::never());
    let result = client.send::<PasswordToken>(&request()).await;
    let Err(Error::Refused { reason }) = &result else {
        panic!("expected Error::Refused, got {result:?}");
    };
    assert!(reason.contains("through the proxy"), "{reason}");
    assert!(!reason.contains(PASSWORD), "{reason}");

    // So is the bearer token.
    let provider = TokenProvider::new::<PasswordToken>(
        Client::new(server.base_url()).expect("client"),
        documented.clone(),
    );
    let api = own
        .get(server.base_url().join("/api").expect("URL"))
        .build()
        .expect("request");
    let result = provider.send_authorized(&own, api).await;
    assert!(matches!(result, Err(Error::Refused { .. })), "{result:?}");

    // Unless the caller allows it: then the proxy gets the request.
    let client = Client::with_http_client(own.clone(), server.base_url())
        .expect("client")
        .with_retry_policy(RetryPolicy::never())
        .allow_insecure_http();
    let result = client.send::<PasswordToken>(&request()).await;
    assert!(result.is_err(), "the stand-in proxy does not answer");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].starts_with("POST http://127.0.0.1:"), "{seen:?}");

    // https through the proxy is a tunnel: the proxy sees the host, not the
    // form with the password.
    let remote = Url::parse("https://identity.example.test/").expect("valid");
    let client = Client::new(remote)
        .expect("client")
        .with_retry_policy(RetryPolicy::never());
    let result = client.send::<PasswordToken>(&request()).await;
    assert!(result.is_err(), "the stand-in proxy does not answer");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let seen = proxy.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(
        seen[1].starts_with("CONNECT identity.example.test:443 HTTP/1.1\r\n"),
        "{seen:?}"
    );
    assert!(!seen[1].contains(PASSWORD), "{seen:?}");
    server.stop().await;
}
