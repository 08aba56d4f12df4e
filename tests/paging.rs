//! The stream of every page's items against real servers on 127.0.0.1
//! that page badly: one that ignores `skip` and reports a total of 10^18,
//! and one whose pages never end. Each stream ends, quickly, with the items
//! it got and then `Error::Paging` saying why. Paging by query parameters,
//! by cursor and by fields of the JSON request body (`paging.in: body`).

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

kontur_extern::endpoint!("tests/specs/events-feed.yaml");

/// The documented two-page exchange of the events feed, served by the
/// replay server (which answers only the documented requests): the stream
/// sends the first page's `fromId`, then its `next-event-id`, and ends at
/// the page without events.
#[tokio::test]
async fn the_events_feed_is_streamed_by_cursor_to_the_end_of_its_documented_exchange() {
    use get_events::GetEvents;
    use kontur_extern::Endpoint as _;
    let server = kontur_extern::ReplayServer::start::<GetEvents>()
        .await
        .expect("starts");
    let client = get_events::Client::new(
        Client::new(server.base_url()).expect("a client"),
        SecretString::from("a-token"),
    );
    // The request of the first documented page: `fromId` at its default.
    let request = get_events::Request::new(get_events::Required { take: 2 });
    let documented = &GetEvents::examples()[0].request;
    assert_eq!(
        (request.take, &request.from_id),
        (documented.take, &documented.from_id)
    );
    let events: Vec<_> = tokio::time::timeout(
        Duration::from_secs(10),
        client.get_events_items(&request).collect::<Vec<_>>(),
    )
    .await
    .expect("ends");
    let ids: Vec<_> = events
        .iter()
        .map(|event| {
            event
                .as_ref()
                .map(|event| event.id.as_str())
                .map_err(ToString::to_string)
        })
        .collect();
    assert_eq!(ids, [Ok("1_1"), Ok("1_2")]);
    server.stop().await;
}

/// A feed that answers a `fromId` with new events but the same
/// `fromId` as `next-event-id` ends with an error after those events.
#[tokio::test]
async fn a_cursor_that_does_not_move_ends_the_events_feed_with_an_error() {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    async fn stuck(
        RawQuery(query): RawQuery,
    ) -> ([(axum::http::HeaderName, &'static str); 1], String) {
        let call = CALLS.fetch_add(1, Ordering::SeqCst);
        let from = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .find(|(name, _)| name == "fromId")
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default();
        let next = if from == "0_0" {
            "1_3".to_owned()
        } else {
            from
        };
        let page = serde_json::json!({
            "next-event-id": next,
            "requested-count": 2,
            "returned-count": 1,
            "api-events": [{
                "id": format!("event {call}"),
                "docflow-type": "urn:docflow:fns534-report",
                "event-date-time": "2020-03-31T15:07:27.2873280Z",
                "docflow-id": "a9bc74bd-311b-43f0-aff7-faba24ce35d9",
                "account-id": "bd0cd3f6-315d-4f03-a9cc-3507f63265ed"
            }],
        });
        ([(CONTENT_TYPE, "application/json")], page.to_string())
    }
    let router = axum::Router::new().route("/v1/events", axum::routing::get(stuck));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let base_url =
        Url::parse(&format!("http://{}", listener.local_addr().expect("bound"))).expect("URL");
    tokio::spawn(async move { axum::serve(listener, router).await });
    let client = get_events::Client::new(
        Client::new(base_url)
            .expect("a client")
            .with_retry_policy(RetryPolicy::never()),
        SecretString::from("a-token"),
    );
    let request = get_events::Request::new(get_events::Required { take: 2 });
    let results: Vec<_> = tokio::time::timeout(
        Duration::from_secs(10),
        client.get_events_items(&request).collect::<Vec<_>>(),
    )
    .await
    .expect("ends");
    // Page 1 (`0_0`) moves the cursor to `1_3`; page 2 (`1_3`) brings a
    // new event and `1_3` again.
    let ids: Vec<_> = results
        .iter()
        .filter_map(|result| result.as_ref().ok().map(|event| event.id.as_str()))
        .collect();
    assert_eq!(ids, ["event 0", "event 1"]);
    assert!(
        matches!(
            results.last(),
            Some(Err(Error::Paging {
                pages: 2,
                items: 2,
                stop: PagingStop::CursorStuck
            }))
        ),
        "{results:?}"
    );
    assert_eq!(CALLS.load(Ordering::SeqCst), 2);
}

kontur_extern::endpoint!("tests/specs/body-paging.yaml");
kontur_extern::endpoint!("tests/specs/body-paging-no-total.yaml");

/// The documented request of an endpoint's first example.
fn documented<E: kontur_extern::Endpoint>() -> E::Request
where
    E::Request: Clone,
{
    E::examples()[0].request.clone()
}

/// `paging.in: body`: the documented two pages of the payment orders,
/// served by the replay server (which answers only a request whose JSON
/// body is the documented one): the second page's body has `skip` moved
/// past the first page's item, and the stream ends at the total.
#[tokio::test]
async fn paging_in_the_request_body_reads_every_documented_page() {
    use search_payments::SearchPayments;
    let server = kontur_extern::ReplayServer::start::<SearchPayments>()
        .await
        .expect("starts");
    let client = search_payments::Client::new(
        Client::new(server.base_url()).expect("a client"),
        SecretString::from("a-token"),
    );
    let request = documented::<SearchPayments>();
    assert_eq!((request.body.skip, request.body.take), (Some(0), Some(1)));
    let organizations: Vec<_> = tokio::time::timeout(
        Duration::from_secs(10),
        client.search_payments_items(&request).collect::<Vec<_>>(),
    )
    .await
    .expect("ends");
    let ids = ids(&organizations, |item| item.organization_id.to_string());
    assert_eq!(
        ids,
        [
            Ok("c36f6c1b-5d3b-4b1e-8f5a-0d2b6c7e9a11".to_owned()),
            Ok("5e0d6b38-2a63-4c8f-9d7e-1f4a2b3c4d5e".to_owned())
        ]
    );
    // The request itself is left as it was.
    assert_eq!(request.body.skip, Some(0));
    server.stop().await;
}

/// Without a total (`paging.total` left out), the stream reads on until
/// an empty page: the documented table, then the documented empty page.
#[tokio::test]
async fn paging_in_the_request_body_without_a_total_ends_at_an_empty_page() {
    use search_reports_tables::SearchReportsTables;
    let server = kontur_extern::ReplayServer::start::<SearchReportsTables>()
        .await
        .expect("starts");
    let client = search_reports_tables::Client::new(
        Client::new(server.base_url()).expect("a client"),
        SecretString::from("a-token"),
    );
    let request = documented::<SearchReportsTables>();
    let tables: Vec<_> = tokio::time::timeout(
        Duration::from_secs(10),
        client
            .search_reports_tables_items(&request)
            .collect::<Vec<_>>(),
    )
    .await
    .expect("ends");
    let ids = ids(&tables, |item| item.organization_id.to_string());
    assert_eq!(ids, [Ok("c36f6c1b-5d3b-4b1e-8f5a-0d2b6c7e9a11".to_owned())]);
    server.stop().await;
}

/// How a test server pages `POST …/search-payments` by its JSON body.
struct BodyServer {
    pager: Pager,
    /// The `skip` of each request's body, in order (`None`: not sent).
    skips: std::sync::Mutex<Vec<Option<i64>>>,
}

async fn payments(
    State(server): State<Arc<BodyServer>>,
    body: String,
) -> ([(axum::http::HeaderName, &'static str); 1], String) {
    let request: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let sent = request.get("skip").and_then(serde_json::Value::as_i64);
    server.skips.lock().expect("not poisoned").push(sent);
    let skip = match server.pager {
        Pager::IgnoresSkip => 0,
        Pager::Endless => sent.unwrap_or(0),
    };
    let organization = |n: i64| {
        serde_json::json!({
            "organization-id": format!("00000000-0000-4000-8000-{n:012}"),
            "payments": [],
        })
    };
    let page = serde_json::json!({
        "skip": skip,
        "take": 2,
        "total-count": LYING_TOTAL,
        "organization-payments": [organization(skip), organization(skip + 1)],
    });
    ([(CONTENT_TYPE, "application/json")], page.to_string())
}

async fn start_body(pager: Pager) -> (Arc<BodyServer>, search_payments::Client) {
    let server = Arc::new(BodyServer {
        pager,
        skips: std::sync::Mutex::new(Vec::new()),
    });
    let router = axum::Router::new()
        .route(
            "/v1/{account}/reports-tables/search-payments",
            axum::routing::post(payments),
        )
        .with_state(Arc::clone(&server));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let base_url =
        Url::parse(&format!("http://{}", listener.local_addr().expect("bound"))).expect("URL");
    tokio::spawn(async move { axum::serve(listener, router).await });
    let client = search_payments::Client::new(
        Client::new(base_url)
            .expect("a client")
            .with_retry_policy(RetryPolicy::never()),
        SecretString::from("a-token"),
    );
    (server, client)
}

/// A search that ignores the body's `skip` and reports a total of 10^18:
/// one page's items, then `Error::Paging` (a repeated page), two requests.
#[tokio::test]
async fn a_server_that_ignores_the_body_skip_ends_with_its_items_and_an_error() {
    let (server, client) = start_body(Pager::IgnoresSkip).await;
    let mut request = documented::<search_payments::SearchPayments>();
    request.body.skip = None;
    request.body.take = Some(2);
    let results: Vec<_> = tokio::time::timeout(
        Duration::from_secs(10),
        client.search_payments_items(&request).collect::<Vec<_>>(),
    )
    .await
    .expect("ends within 10 s");
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(results[..2].iter().all(Result::is_ok), "{results:?}");
    assert!(
        matches!(
            results[2],
            Err(Error::Paging {
                pages: 2,
                items: 2,
                stop: PagingStop::RepeatedPage
            })
        ),
        "{results:?}"
    );
    // An unset `skip` counts as 0 and is sent as such (as by query); the
    // second page's body moves it past the first page's two items.
    assert_eq!(
        *server.skips.lock().expect("not poisoned"),
        [Some(0), Some(2)]
    );
}

/// A search whose pages never end stops at the cap the caller sets, each
/// page's body with `skip` moved past the items before it.
#[tokio::test]
async fn body_pages_that_never_end_stop_at_the_cap_the_caller_sets() {
    let (server, client) = start_body(Pager::Endless).await;
    let mut request = documented::<search_payments::SearchPayments>();
    request.body.skip = Some(10);
    request.body.take = Some(2);
    let results: Vec<_> = tokio::time::timeout(
        Duration::from_secs(10),
        client
            .search_payments_items(&request)
            .max_pages(3)
            .collect::<Vec<_>>(),
    )
    .await
    .expect("ends within 10 s");
    let ids: Vec<_> = results
        .iter()
        .filter_map(|item| item.as_ref().ok())
        .map(|item| item.organization_id.to_string())
        .collect();
    assert_eq!(ids.len(), 6, "{results:?}");
    assert_eq!(ids[0], "00000000-0000-4000-8000-000000000010");
    assert_eq!(ids[5], "00000000-0000-4000-8000-000000000015");
    assert!(
        matches!(
            results.last(),
            Some(Err(Error::Paging {
                pages: 3,
                items: 6,
                stop: PagingStop::MaxPages { max: 3 }
            }))
        ),
        "{results:?}"
    );
    assert_eq!(
        *server.skips.lock().expect("not poisoned"),
        [Some(10), Some(12), Some(14)]
    );
}

/// Without a total, the stream reads until a page without items, however
/// short the pages before it: three tables one page each, then the empty
/// page, four requests with the body's `skip` at 0, 1, 2 and 3.
#[tokio::test]
async fn body_pages_without_a_total_are_read_until_an_empty_page() {
    static SKIPS: std::sync::Mutex<Vec<i64>> = std::sync::Mutex::new(Vec::new());
    async fn tables(body: String) -> ([(axum::http::HeaderName, &'static str); 1], String) {
        let request: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        let skip = request
            .get("skip")
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(-1);
        SKIPS.lock().expect("not poisoned").push(skip);
        let tables: Vec<_> = (skip..3)
            .take(1)
            .map(|n| serde_json::json!({"organization-id": format!("00000000-0000-4000-8000-{n:012}")}))
            .collect();
        let page = serde_json::json!({ "reports-tables": tables });
        ([(CONTENT_TYPE, "application/json")], page.to_string())
    }
    let router = axum::Router::new().route(
        "/v1/{account}/reports-tables/search",
        axum::routing::post(tables),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("binds");
    let base_url =
        Url::parse(&format!("http://{}", listener.local_addr().expect("bound"))).expect("URL");
    tokio::spawn(async move { axum::serve(listener, router).await });
    let client = search_reports_tables::Client::new(
        Client::new(base_url)
            .expect("a client")
            .with_retry_policy(RetryPolicy::never()),
        SecretString::from("a-token"),
    );
    let mut request = documented::<search_reports_tables::SearchReportsTables>();
    request.body.take = Some(10);
    let results: Vec<_> = tokio::time::timeout(
        Duration::from_secs(10),
        client
            .search_reports_tables_items(&request)
            .collect::<Vec<_>>(),
    )
    .await
    .expect("ends within 10 s");
    let ids = ids(&results, |item| item.organization_id.to_string());
    assert_eq!(
        ids,
        [
            Ok("00000000-0000-4000-8000-000000000000".to_owned()),
            Ok("00000000-0000-4000-8000-000000000001".to_owned()),
            Ok("00000000-0000-4000-8000-000000000002".to_owned())
        ]
    );
    assert_eq!(*SKIPS.lock().expect("not poisoned"), [0, 1, 2, 3]);
}

/// Each streamed item's id, or its error's message.
fn ids<T>(items: &[Result<T, Error>], id: impl Fn(&T) -> String) -> Vec<Result<String, String>> {
    items
        .iter()
        .map(|item| item.as_ref().map(&id).map_err(ToString::to_string))
        .collect()
}
