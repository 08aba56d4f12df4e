//! A call through `ExternApi` (`api!`'s client over `spec/extern/api.yaml`)
//! beside the same call made lower down and by hand: what the group handle,
//! the call builder and its boxed `IntoFuture` cost over the runtime's
//! `Client::send_with`, and over reqwest as a user writes it (reqwest 0.13
//! with its default features and `json`, `gzip` and `form`,
//! `.get(format!(..)).bearer_auth(..).send().await?.error_for_status()?.json()`,
//! the account's URL made for the id asked, as the generated call makes it;
//! and, apart, the same with the URL formatted once before the calls). One hyper
//! server on 127.0.0.1 answers `GET /v1/{accountId}` with the documented
//! account of `spec/extern/get-account.yaml` when the request carries the
//! bearer token; every client sends the token, checks the status and
//! decodes the same JSON into the same generated `Account` (serde's
//! derive), so the difference is the call's own path. The clients take
//! turns within each round, so that drift on a shared machine touches them
//! all alike. Two setups, measured one after the other: the server on its
//! own thread and runtime, and the server on the clients' current-thread
//! runtime.
//!
//! `cargo bench --bench api_call` runs three runs of 2,000 calls per client
//! in each setup, prints the median time per call and the ratios, then each
//! client's allocations per call; without `--bench` (as `cargo test
//! --benches` runs it) it makes a few calls of each and checks that they
//! all succeed. `-- --calls N --runs R --batch B` changes the counts;
//! `-- --setup thread` or `-- --setup shared` measures one setup; `-- --only
//! N` times one client alone, for a profiler.

use std::convert::Infallible;
use std::net::SocketAddr;

use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use kontur_extern::{Endpoint, SecretString, Url, Uuid};
use tokio::net::TcpListener;
use turns::Setup;

#[path = "support/turns.rs"]
mod turns;

kontur_extern::api!("spec/extern/api.yaml");

use get_account::GetAccount;

const TOKEN: &str = "a-bearer-token-for-the-benchmark";

/// The documented account's id.
fn account_id() -> Uuid {
    GetAccount::examples().remove(0).request.account_id
}

/// The documented answer to the documented request, and 400 to anything
/// else (another path, no token), so that every client is seen to send the
/// same request.
fn answer(request: &http::Request<Incoming>, body: &Bytes) -> http::Response<Full<Bytes>> {
    let path = format!("/v1/{}", account_id());
    let authorized = request
        .headers()
        .get(AUTHORIZATION)
        .is_some_and(|value| value.as_bytes() == format!("Bearer {TOKEN}").as_bytes());
    if request.method() != http::Method::GET || request.uri().path() != path || !authorized {
        let mut response = http::Response::new(Full::new(Bytes::from_static(b"not the call")));
        *response.status_mut() = http::StatusCode::BAD_REQUEST;
        return response;
    }
    let mut response = http::Response::new(Full::new(body.clone()));
    response.headers_mut().insert(
        CONTENT_TYPE,
        http::HeaderValue::from_static("application/json; charset=utf-8"),
    );
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
    let body = Bytes::from_static(
        GetAccount::examples()[0]
            .documented_response
            .body
            .as_bytes(),
    );
    let listener = TcpListener::from_std(listener).expect("a tokio listener");
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let body = body.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let response = answer(&request, &body);
                async move { Ok::<_, Infallible>(response) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

const CLIENTS: [&str; 5] = [
    "ExternApi call, awaited",
    "ExternApi call, send()",
    "Client::send_with",
    "hand-written reqwest",
    "hand-written reqwest, URL formatted once",
];

struct Clients {
    api: ExternApi,
    client: kontur_extern::Client,
    token: SecretString,
    request: get_account::Request,
    http: reqwest::Client,
    base_url: String,
    url: String,
    id: Uuid,
}

impl Clients {
    fn new(address: SocketAddr) -> Self {
        let base_url = Url::parse(&format!("http://{address}")).expect("a URL");
        let client = kontur_extern::Client::new(base_url).expect("a client");
        let id = account_id();
        Clients {
            api: ExternApi::new(client.clone(), SecretString::from(TOKEN)),
            client,
            token: SecretString::from(TOKEN),
            request: get_account::Request::new(get_account::Required { account_id: id }),
            http: reqwest::Client::new(),
            base_url: format!("http://{address}"),
            url: format!("http://{address}/v1/{id}"),
            id,
        }
    }

    /// One call by client `which`; the account's INN.
    async fn inn(&self, which: usize) -> String {
        let account: extern_types::Account = match which {
            0 => found(self.api.accounts().get(self.id).await),
            1 => found(self.api.accounts().get(self.id).send().await),
            2 => found(
                self.client
                    .send_with::<GetAccount>(&self.token, &self.request)
                    .await,
            ),
            3 => self.by_hand(self.id).await.expect("an account"),
            _ => self.by_hand_once().await.expect("an account"),
        };
        account.inn
    }

    /// reqwest as a user writes it: the account's URL made for the id
    /// asked, as the generated call makes it.
    async fn by_hand(&self, id: Uuid) -> reqwest::Result<extern_types::Account> {
        self.account_at(format!("{}/v1/{id}", self.base_url)).await
    }

    /// [`by_hand`](Self::by_hand) with the URL of the one account formatted
    /// before the calls (the baseline until 2026-12-08): what a program that
    /// only ever reads one account could write.
    async fn by_hand_once(&self) -> reqwest::Result<extern_types::Account> {
        self.account_at(&self.url).await
    }

    /// The account at `url`, by reqwest.
    async fn account_at(
        &self,
        url: impl reqwest::IntoUrl,
    ) -> reqwest::Result<extern_types::Account> {
        self.http
            .get(url)
            .bearer_auth(TOKEN)
            .header(http::header::ACCEPT, "application/json")
            .send()
            .await?
            .error_for_status()?
            .json()
            .await
    }
}

impl turns::Clients for Clients {
    const NAMES: &'static [&'static str] = &CLIENTS;

    async fn call(&mut self, which: usize) {
        assert_eq!(self.inn(which).await, "7757424860");
    }
}

/// The account of a generated call's reply.
fn found(
    reply: Result<kontur_extern::Reply<Option<get_account::Response>>, kontur_extern::Error>,
) -> extern_types::Account {
    reply
        .expect("an answer")
        .into_inner()
        .expect("found")
        .into_body()
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
            let mut clients = Clients::new(address);
            // awaited and send() over send_with; awaited and send_with over
            // reqwest, with the URL made for each call and formatted once.
            let ratios = [(0, 2), (1, 2), (0, 3), (2, 3), (0, 4), (2, 4), (3, 4)];
            turns::run(&mut clients, &settings, &ratios).await;
        });
    }
}
