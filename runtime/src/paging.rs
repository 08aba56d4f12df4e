//! Pages as one stream of items (spec `paging:`), fetched lazily.

use std::collections::VecDeque;
use std::future::Future;

use futures_util::Stream;

use crate::Error;

/// The items of every page from `skip` on, fetching a page only when the
/// items before it have been taken: `fetch(skip)` returns a page's items
/// and the total the server reports. The stream ends at the smallest total
/// reported (a total that grows from page to page is not followed, so a
/// server that ignores `skip` cannot make it go on for ever), or at an
/// empty page. An error is yielded as an item, after every item already
/// fetched, and ends the stream. The stream is `Unpin` (boxed once), so
/// `next().await` works on it as it is.
pub fn paged<T, F, Fut>(skip: i64, fetch: F) -> impl Stream<Item = Result<T, Error>> + Unpin
where
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, i64), Error>>,
{
    struct State<T, F> {
        fetch: F,
        skip: i64,
        buffer: VecDeque<T>,
        total: Option<i64>,
        done: bool,
    }
    let state = State {
        fetch,
        skip,
        buffer: VecDeque::new(),
        total: None,
        done: false,
    };
    Box::pin(futures_util::stream::unfold(
        state,
        |mut state| async move {
            loop {
                if let Some(item) = state.buffer.pop_front() {
                    return Some((Ok(item), state));
                }
                if state.done || state.total.is_some_and(|total| state.skip >= total) {
                    return None;
                }
                match (state.fetch)(state.skip).await {
                    Ok((items, total)) => {
                        state.total = Some(state.total.map_or(total, |known| known.min(total)));
                        if items.is_empty() {
                            state.done = true;
                            continue;
                        }
                        let count = i64::try_from(items.len()).unwrap_or(i64::MAX);
                        state.skip = state.skip.saturating_add(count);
                        state.buffer.extend(items);
                    }
                    Err(error) => {
                        state.done = true;
                        return Some((Err(error), state));
                    }
                }
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::paged;
    use crate::Error;
    use futures_util::StreamExt;

    fn block<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime")
            .block_on(future)
    }

    #[test]
    fn pages_are_fetched_lazily_and_stop_at_the_total() {
        let mut asked = Vec::new();
        let items: Vec<i64> = block(async {
            let stream = paged(0, |skip| {
                asked.push(skip);
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
        assert_eq!(asked, [0, 2, 4]);
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
        // A server that ignores `skip` and counts up its total.
        let calls = std::cell::Cell::new(0);
        let stream = paged(0, |_skip| {
            calls.set(calls.get() + 1);
            let total = 4 + 2 * calls.get();
            async move { Ok::<_, Error>((vec![1, 2], total)) }
        });
        // Bounded here, so that a stream that follows the total fails
        // rather than hangs.
        let items: Vec<_> = block(stream.take(20).collect::<Vec<_>>());
        // The first page's total (6) bounds the stream.
        assert_eq!(items.len(), 6, "{items:?}");
        assert_eq!(calls.get(), 3);
    }

    #[test]
    fn an_empty_page_ends_the_stream_whatever_the_total_says() {
        let count = block(async {
            let stream = paged(0, |_| async { Ok::<_, Error>((Vec::<i64>::new(), 1_000)) });
            stream.count().await
        });
        assert_eq!(count, 0);
    }
}
