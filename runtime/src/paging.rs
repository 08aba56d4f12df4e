//! Pages as one stream of items (spec `paging:`), fetched lazily.
//!
//! One state machine, [`Pages`], for every kind of paging: the generated
//! code gives it a `fetch` that sends one page's request for a cursor (a
//! `skip`, or the value the previous page named) and answers the page's
//! items and the cursor of the next page, or none at the end. What the
//! kinds share lives here: a page fetched only when the items before it
//! have been read, an empty page as the end, the cap on pages, and the
//! checks that the server makes progress, so that no server can keep a
//! stream going for ever.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::hash::Hasher;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::task::{Context, Poll};

use futures_util::Stream;
use serde::Serialize;

use crate::Error;

/// How many pages a stream reads unless told otherwise
/// ([`Pages::max_pages`]): with the API's largest pages (1,000 docflows)
/// ten million items, and at most ten thousand requests against a server
/// whose pages never end.
pub const DEFAULT_MAX_PAGES: u32 = 10_000;

/// Why a stream of pages stopped before the end the server reported
/// ([`Error::Paging`]).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PagingStop {
    /// A page began with the same item as the page before it: the server
    /// does not follow the request's `skip` (or cursor), so reading on
    /// would bring the same items again. The repeated page's items are not
    /// yielded.
    RepeatedPage,
    /// The server answered a page of items with the cursor it was sent, so
    /// the next request would ask for the same page again.
    CursorStuck,
    /// The stream read as many pages as it may ([`Pages::max_pages`]) and
    /// the server still named a next one.
    MaxPages {
        /// The cap.
        max: u32,
    },
}

impl fmt::Display for PagingStop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PagingStop::RepeatedPage => f.write_str(
                "the last page began with the same item as the page before it, so the server \
                 does not follow the request's skip or cursor and reading on would repeat it",
            ),
            PagingStop::CursorStuck => f.write_str(
                "the server answered with the cursor it was sent, so the next page would be \
                 the same page again",
            ),
            PagingStop::MaxPages { max } => write!(
                f,
                "that is the most this stream reads ({max} pages) and the server names a next \
                 one: raise it with `max_pages`, take bigger pages, or narrow the request"
            ),
        }
    }
}

/// One page as `fetch` answers it: its items and the cursor of the next
/// page, `None` when this page is the last.
type Answer<T, C> = Result<(Vec<T>, Option<C>), Error>;

type PageFuture<'a, T, C> = Pin<Box<dyn Future<Output = Answer<T, C>> + Send + 'a>>;

type Fetch<'a, T, C> = Box<dyn FnMut(Option<C>) -> PageFuture<'a, T, C> + Send + 'a>;

enum State<'a, T, C> {
    /// The next page is to be fetched with this cursor (`None`: as the
    /// request has it).
    Next(Option<C>),
    Fetching {
        sent: Option<C>,
        page: PageFuture<'a, T, C>,
    },
    Ended,
}

/// Every item of every page, as one stream (what a paging endpoint's
/// `items()` and `{endpoint}_items` return): a page is fetched when the
/// items before it have been read, and an error is the stream's last item,
/// after every item already fetched.
///
/// The stream ends where the server says the pages end, at an empty page,
/// or with an [`Error::Paging`] when the server makes no progress (a page
/// that begins with the previous page's first item, a cursor that does not
/// move) or when [`max_pages`](Pages::max_pages) pages have been read. It
/// is `Unpin`, so `next().await` works on it as it is; `C` is the type of
/// the cursor (`i64` for `skip`).
#[must_use = "a stream reads nothing until it is polled"]
pub struct Pages<'a, T, C = i64> {
    fetch: Fetch<'a, T, C>,
    state: State<'a, T, C>,
    buffer: VecDeque<T>,
    /// The error to yield once the buffer is empty.
    error: Option<Error>,
    /// The fingerprint of the last page's first item.
    first: Option<u64>,
    pages: u32,
    items: u64,
    max_pages: u32,
}

// No field is pinned in place: the page's future is boxed.
impl<T, C> Unpin for Pages<'_, T, C> {}

impl<T, C> fmt::Debug for Pages<'_, T, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("pages", &self.pages)
            .field("items", &self.items)
            .field("max_pages", &self.max_pages)
            .finish_non_exhaustive()
    }
}

impl<'a, T, C> Pages<'a, T, C>
where
    T: Serialize,
    C: PartialEq,
{
    /// A stream whose first page is fetched with `start`: `fetch(cursor)`
    /// answers a page's items and the cursor of the next page, or `None`
    /// after the last.
    pub fn new<F, Fut>(start: Option<C>, mut fetch: F) -> Self
    where
        F: FnMut(Option<C>) -> Fut + Send + 'a,
        Fut: Future<Output = Answer<T, C>> + Send + 'a,
    {
        Pages {
            fetch: Box::new(move |cursor| Box::pin(fetch(cursor))),
            state: State::Next(start),
            buffer: VecDeque::new(),
            error: None,
            first: None,
            pages: 0,
            items: 0,
            max_pages: DEFAULT_MAX_PAGES,
        }
    }

    /// Reads at most `max` pages ([`DEFAULT_MAX_PAGES`] unless set; at
    /// least one): when the server names a page after the last of them,
    /// the stream ends with [`Error::Paging`] after the items it read.
    pub fn max_pages(mut self, max: u32) -> Self {
        self.max_pages = max.max(1);
        self
    }

    /// How many pages have been requested so far.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    fn stop(&mut self, stop: PagingStop) {
        self.state = State::Ended;
        self.error = Some(Error::Paging {
            pages: self.pages,
            items: self.items,
            stop,
        });
    }

    /// Takes in a page that `sent` asked for.
    fn arrived(&mut self, sent: Option<C>, items: Vec<T>, next: Option<C>) {
        let Some(first) = items.first() else {
            // An empty page is the end, whatever else the server says.
            self.state = State::Ended;
            return;
        };
        let first = fingerprint(first);
        if first.is_some() && first == self.first {
            self.stop(PagingStop::RepeatedPage);
            return;
        }
        self.first = first;
        self.items = self
            .items
            .saturating_add(u64::try_from(items.len()).unwrap_or(u64::MAX));
        self.buffer.extend(items);
        match next {
            Some(next) if sent.as_ref() == Some(&next) => self.stop(PagingStop::CursorStuck),
            Some(next) => self.state = State::Next(Some(next)),
            None => self.state = State::Ended,
        }
    }
}

impl<T, C> Stream for Pages<'_, T, C>
where
    T: Serialize,
    C: PartialEq + Clone,
{
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(error) = this.error.take() {
                return Poll::Ready(Some(Err(error)));
            }
            match std::mem::replace(&mut this.state, State::Ended) {
                State::Ended => return Poll::Ready(None),
                State::Next(cursor) => {
                    if this.pages >= this.max_pages {
                        let max = this.max_pages;
                        this.stop(PagingStop::MaxPages { max });
                        continue;
                    }
                    this.pages += 1;
                    let page = (this.fetch)(cursor.clone());
                    this.state = State::Fetching { sent: cursor, page };
                }
                State::Fetching { sent, mut page } => match page.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Fetching { sent, page };
                        return Poll::Pending;
                    }
                    Poll::Ready(Err(error)) => this.error = Some(error),
                    Poll::Ready(Ok((items, next))) => this.arrived(sent, items, next),
                },
            }
        }
    }
}

/// A hash of an item as JSON, to tell a page that repeats the one before
/// it; `None` when the item does not serialize (then nothing is compared).
fn fingerprint<T: Serialize>(item: &T) -> Option<u64> {
    struct Hashing(std::collections::hash_map::DefaultHasher);
    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.write(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hashing = Hashing(std::collections::hash_map::DefaultHasher::new());
    serde_json::to_writer(&mut hashing, item).ok()?;
    Some(hashing.0.finish())
}

/// Offset paging (`paging: {skip, take, items, total}`): the items of every
/// page from `skip` on; `fetch(skip)` returns a page's items and the total
/// the server reports. Besides what [`Pages`] does, the stream ends at the
/// smallest total reported (a total that grows from page to page is not
/// followed).
pub fn paged<'a, T, F, Fut>(skip: i64, mut fetch: F) -> Pages<'a, T>
where
    T: Serialize + Send + 'a,
    F: FnMut(i64) -> Fut + Send + 'a,
    Fut: Future<Output = Result<(Vec<T>, i64), Error>> + Send + 'a,
{
    let smallest = Arc::new(AtomicI64::new(i64::MAX));
    Pages::new(Some(skip), move |cursor: Option<i64>| {
        let skip = cursor.unwrap_or(skip);
        let page = fetch(skip);
        let smallest = Arc::clone(&smallest);
        async move {
            let (items, total) = page.await?;
            let total = smallest.fetch_min(total, Ordering::Relaxed).min(total);
            let next = skip.saturating_add(i64::try_from(items.len()).unwrap_or(i64::MAX));
            Ok((items, (next < total).then_some(next)))
        }
    })
}

/// Which answer of a cursor endpoint is its last page (spec
/// `paging.ends`). An empty page and a missing next cursor end the stream
/// whatever this says.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CursorEnd {
    /// The next cursor absent or null.
    Absent,
    /// The next cursor equal to the one sent: then that page is the last,
    /// not a cursor that does not move.
    Same,
    /// A page without items.
    Empty,
}

/// Cursor paging (`paging: {cursor, next, ends}`): the items of every page
/// from `start` on (`None`: the first page as the request has it);
/// `fetch(cursor)` returns a page's items and the cursor the page names
/// for the next one.
pub fn cursor_paged<'a, T, C, F, Fut>(
    start: Option<C>,
    end: CursorEnd,
    mut fetch: F,
) -> Pages<'a, T, C>
where
    T: Serialize + Send + 'a,
    C: PartialEq + Clone + Send + 'a,
    F: FnMut(Option<C>) -> Fut + Send + 'a,
    Fut: Future<Output = Answer<T, C>> + Send + 'a,
{
    Pages::new(start, move |cursor: Option<C>| {
        let sent = (end == CursorEnd::Same).then(|| cursor.clone()).flatten();
        let page = fetch(cursor);
        async move {
            let (items, next) = page.await?;
            let next = next.filter(|next| sent.as_ref() != Some(next));
            Ok((items, next))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{Pages, PagingStop, paged};
    use crate::Error;
    use futures_util::StreamExt;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn block<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime")
            .block_on(future)
    }

    /// The items before the error, and the error's reason.
    fn outcome<T>(results: Vec<Result<T, Error>>) -> (Vec<T>, Option<PagingStop>) {
        let mut items = Vec::new();
        let mut stop = None;
        let count = results.len();
        for (index, result) in results.into_iter().enumerate() {
            match result {
                Ok(item) => items.push(item),
                Err(Error::Paging { stop: why, .. }) if index + 1 == count => stop = Some(why),
                Err(error) => panic!("item {index} of {count}: {error}"),
            }
        }
        (items, stop)
    }

    #[test]
    fn pages_are_fetched_lazily_and_stop_at_the_total() {
        let asked = Mutex::new(Vec::new());
        let items: Vec<i64> = block(async {
            let stream = paged(0, |skip| {
                asked.lock().expect("not poisoned").push(skip);
                async move {
                    let items: Vec<i64> = (skip..(skip + 2).min(5)).collect();
                    Ok::<_, Error>((items, 5))
                }
            });
            let mut stream = std::pin::pin!(stream);
            let mut seen = Vec::new();
            while let Some(item) = stream.next().await {
                seen.push(item.expect("an item"));
            }
            seen
        });
        assert_eq!(items, [0, 1, 2, 3, 4]);
        assert_eq!(*asked.lock().expect("not poisoned"), [0, 2, 4]);
    }

    #[test]
    fn an_error_comes_after_the_items_already_fetched_and_ends_the_stream() {
        let results: Vec<Result<i64, String>> = block(async {
            let stream = paged(10, |skip| async move {
                if skip == 10 {
                    Ok((vec![10, 11], 100))
                } else {
                    Err(Error::InvalidRequest {
                        reason: "second page".into(),
                    })
                }
            });
            stream
                .map(|item| item.map_err(|error| error.to_string()))
                .collect()
                .await
        });
        assert_eq!(results.len(), 3);
        assert_eq!(results[0], Ok(10));
        assert_eq!(results[1], Ok(11));
        assert!(
            results[2]
                .as_ref()
                .is_err_and(|e| e.contains("second page"))
        );
    }

    #[test]
    fn a_total_that_grows_with_every_page_is_not_followed() {
        // A server that counts up its total (its pages differ, so that
        // only the total can end the stream).
        let calls = AtomicU32::new(0);
        let stream = paged(0, |_skip| {
            let call = i64::from(calls.fetch_add(1, Ordering::SeqCst)) + 1;
            let total = 4 + 2 * call;
            async move { Ok::<_, Error>((vec![2 * call, 2 * call + 1], total)) }
        });
        // Bounded here, so that a stream that follows the total fails
        // rather than hangs.
        let items: Vec<_> = block(stream.take(20).collect::<Vec<_>>());
        // The first page's total (6) bounds the stream.
        assert_eq!(items.len(), 6, "{items:?}");
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn an_empty_page_ends_the_stream_whatever_the_total_says() {
        let count = block(async {
            let stream = paged(0, |_| async { Ok::<_, Error>((Vec::<i64>::new(), 1_000)) });
            stream.count().await
        });
        assert_eq!(count, 0);
    }

    #[test]
    fn a_server_that_ignores_skip_gets_one_page_read_and_an_error() {
        let calls = AtomicU32::new(0);
        let results = block(
            paged(0, |_skip| {
                calls.fetch_add(1, Ordering::SeqCst);
                async { Ok::<_, Error>((vec!["a", "b"], 1_000_000_000_000_000_000)) }
            })
            .take(100)
            .collect::<Vec<_>>(),
        );
        let (items, stop) = outcome(results);
        assert_eq!(items, ["a", "b"]);
        assert_eq!(stop, Some(PagingStop::RepeatedPage));
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[test]
    fn a_cursor_that_does_not_move_ends_the_stream_with_an_error() {
        let results = block(
            Pages::new(Some(0), |cursor: Option<u32>| async move {
                let at = cursor.unwrap_or(0);
                // Moves once, then answers with what it was sent.
                Ok::<_, Error>((vec![at * 10, at * 10 + 1], Some(1)))
            })
            .take(100)
            .collect::<Vec<_>>(),
        );
        let (items, stop) = outcome(results);
        assert_eq!(items, [0, 1, 10, 11]);
        assert_eq!(stop, Some(PagingStop::CursorStuck));
    }

    #[test]
    fn the_page_cap_ends_the_stream_with_an_error_after_its_items() {
        let calls = AtomicU32::new(0);
        let results = block(
            paged(0, |skip| {
                calls.fetch_add(1, Ordering::SeqCst);
                async move { Ok::<_, Error>((vec![skip, skip + 1], i64::MAX)) }
            })
            .max_pages(3)
            .take(100)
            .collect::<Vec<_>>(),
        );
        let (items, stop) = outcome(results);
        assert_eq!(items, [0, 1, 2, 3, 4, 5]);
        assert_eq!(stop, Some(PagingStop::MaxPages { max: 3 }));
        assert_eq!(calls.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn a_stream_that_ends_at_the_cap_is_not_an_error() {
        let results = block(
            paged(0, |skip| async move {
                Ok::<_, Error>((vec![skip, skip + 1], 4))
            })
            .max_pages(2)
            .collect::<Vec<_>>(),
        );
        assert_eq!(outcome(results), (vec![0, 1, 2, 3], None));
    }

    #[test]
    fn the_default_cap_bounds_a_server_whose_pages_never_end() {
        let calls = AtomicU32::new(0);
        let results = block(
            paged(0, |skip| {
                calls.fetch_add(1, Ordering::SeqCst);
                async move { Ok::<_, Error>((vec![skip], i64::MAX)) }
            })
            .collect::<Vec<_>>(),
        );
        let (items, stop) = outcome(results);
        assert_eq!(items.len(), super::DEFAULT_MAX_PAGES as usize);
        assert_eq!(
            stop,
            Some(PagingStop::MaxPages {
                max: super::DEFAULT_MAX_PAGES
            })
        );
        assert_eq!(calls.load(Ordering::SeqCst), super::DEFAULT_MAX_PAGES);
    }

    #[test]
    fn the_error_says_how_far_the_stream_got_and_why() {
        let error = Error::Paging {
            pages: 2,
            items: 2,
            stop: PagingStop::RepeatedPage,
        };
        assert_eq!(
            error.to_string(),
            "stopped reading pages after 2 pages and 2 items: the last page began with the same \
             item as the page before it, so the server does not follow the request's skip or \
             cursor and reading on would repeat it"
        );
    }
}
