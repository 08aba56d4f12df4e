//! The stream of every page's items against real servers on 127.0.0.1
//! that page badly: one that ignores `skip` and reports a total of 10^18,
//! and one whose pages never end. Each stream ends, quickly, with the items
//! it got and then `Error::Paging` saying why.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::extract::{RawQuery, State};
use axum::http::header::CONTENT_TYPE;
use kontur_extern::{Client, Error, PagingStop, RetryPolicy, SecretString, StreamExt, Url};

kontur_extern::types!("spec/extern/types.yaml");
kontur_extern::endpoint!("spec/extern/list-accounts.yaml");

/// A total no list reaches: 10^18.
const LYING_TOTAL: i64 = 1_000_000_000_000_000_000;

/// How a test server pages `GET /v1`.
#[derive(Clone, Copy)]
enum Pager {
    /// The same two accounts whatever `skip` says, and a total of 10^18.
    IgnoresSkip,
    /// Two new accounts on every page, for ever, and a total of 10^18.
    Endless,
}

struct Server {
    pager: Pager,
    requests: AtomicUsize,
}

fn account(n: u64) -> serde_json::Value {
    serde_json::json!({
        "id": format!("00000000-0000-4000-8000-{n:012}"),
        "inn": "7757424860",
        "organization-name": format!("Org {n}"),
        "role": "user",
    })
}

async fn accounts(
    State(server): State<Arc<Server>>,
    RawQuery(query): RawQuery,
) -> ([(axum::http::HeaderName, &'static str); 1], String) {
    server.requests.fetch_add(1, Ordering::SeqCst);
    let skip = match server.pager {
        Pager::IgnoresSkip => 0,
        Pager::Endless => form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .find(|(name, _)| name == "skip")
            .and_then(|(_, value)| value.parse().ok())
            .unwrap_or(0),
    };
    let page = serde_json::json!({
        "skip": skip,
        "take": 2,
        "total-count": LYING_TOTAL,
        "accounts": [account(skip), account(skip + 1)],
    });
    ([(CONTENT_TYPE, "application/json")], page.to_string())
}

async fn start(pager: Pager) -> (Arc<Server>, list_accounts::Client) {
    let server = Arc::new(Server {
        pager,
        requests: AtomicUsize::new(0),
    });
    let router = axum::Router::new()
        .route("/v1", axum::routing::get(accounts))
        .with_state(Arc::clone(&server));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let base_url =
        Url::parse(&format!("http://{}", listener.local_addr().expect("bound"))).expect("URL");
    tokio::spawn(async move { axum::serve(listener, router).await });
    let client = list_accounts::Client::new(
        Client::new(base_url)
            .expect("a client")
            .with_retry_policy(RetryPolicy::never()),
        SecretString::from("a-token"),
    );
    (server, client)
}

/// The stream's items, then its last item's error, read within 10 s so
/// that a stream that does not end fails the test rather than hangs it.
async fn read_all<S>(stream: S) -> (Vec<extern_types::Account>, Error)
where
    S: kontur_extern::Stream<Item = Result<extern_types::Account, Error>> + Unpin,
{
    let results: Vec<_> = tokio::time::timeout(Duration::from_secs(10), stream.collect())
        .await
        .expect("the stream ends within 10 s");
    let mut items = Vec::new();
    let mut results = results.into_iter();
    for result in results.by_ref() {
        match result {
            Ok(item) => items.push(item),
            Err(error) => {
                assert!(results.next().is_none(), "the error is the last item");
                return (items, error);
            }
        }
    }
    panic!(
        "the stream ended without an error after {} items",
        items.len()
    );
}

#[tokio::test]
async fn a_server_that_ignores_skip_and_reports_a_huge_total_ends_with_its_items_and_an_error() {
    let (server, client) = start(Pager::IgnoresSkip).await;
    let request = list_accounts::Request::new().with_take(2);
    let started = Instant::now();
    let (items, error) = read_all(client.list_accounts_items(&request)).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // The first page's two accounts, once.
    let names: Vec<_> = items.iter().map(|a| a.organization_name.as_str()).collect();
    assert_eq!(names, ["Org 0", "Org 1"]);
    let Error::Paging { pages, items, stop } = &error else {
        panic!("{error:?}");
    };
    assert_eq!((*pages, *items), (2, 2));
    assert_eq!(*stop, PagingStop::RepeatedPage);
    assert_eq!(server.requests.load(Ordering::SeqCst), 2);
    let message = error.to_string();
    assert!(message.contains("after 2 pages and 2 items"), "{message}");
    assert!(
        message.contains("does not follow the request's skip"),
        "{message}"
    );
    assert!(!message.contains("a-token"), "{message}");
}

#[tokio::test]
async fn pages_that_never_end_stop_at_the_cap_the_caller_sets() {
    let (server, client) = start(Pager::Endless).await;
    let request = list_accounts::Request::new().with_take(2);
    let (items, error) = read_all(client.list_accounts_items(&request).max_pages(5)).await;
    assert_eq!(items.len(), 10);
    assert_eq!(items[9].organization_name, "Org 9");
    assert!(
        matches!(
            error,
            Error::Paging {
                pages: 5,
                items: 10,
                stop: PagingStop::MaxPages { max: 5 }
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("raise it with `max_pages`"),
        "{error}"
    );
    assert_eq!(server.requests.load(Ordering::SeqCst), 5);
}
