//! Reading something again until it is done: a task the API runs
//! (`draft_check`, `draft_send`, … answer a task that is `running`).

use std::future::IntoFuture;
use std::time::Duration;

use crate::Error;

/// Reads with `read` (a call, such as `drafts.task(draft_id, task_id)`)
/// until `done` says the value is final, waiting `every` between reads, and
/// gives that value. Stops with the first error of a read, or with
/// [`Error::StillRunning`] when another wait would pass `within` after the
/// first read began.
///
/// ```no_run
/// # async fn example(
/// #     read: impl FnMut() -> std::future::Ready<Result<u8, kontur_extern::Error>>,
/// # ) -> Result<(), kontur_extern::Error> {
/// use std::time::Duration;
/// // With `api!`'s client: `|| drafts.task(draft_id, task.id)` and
/// // `|reply| reply.task_state != DraftTaskState::Running`.
/// let value = kontur_extern::poll_until(
///     read,
///     |value| *value > 0,
///     Duration::from_secs(1),
///     Duration::from_secs(120),
/// )
/// .await?;
/// # Ok(())
/// # }
/// ```
pub async fn poll_until<T, F, R>(
    mut read: F,
    done: impl Fn(&T) -> bool,
    every: Duration,
    within: Duration,
) -> Result<T, Error>
where
    F: FnMut() -> R,
    R: IntoFuture<Output = Result<T, Error>>,
{
    let started = tokio::time::Instant::now();
    let mut reads: u32 = 0;
    loop {
        let value = read().await?;
        reads = reads.saturating_add(1);
        if done(&value) {
            return Ok(value);
        }
        let waited = started.elapsed();
        if waited.saturating_add(every) > within {
            return Err(Error::StillRunning { reads, waited });
        }
        tokio::time::sleep(every).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::ready;

    #[tokio::test(start_paused = true)]
    async fn reads_until_done_and_gives_the_final_value() {
        let mut values = [1, 1, 2, 7].into_iter();
        let mut reads = 0;
        let value = poll_until(
            || {
                reads += 1;
                ready(Ok::<_, Error>(values.next().unwrap_or(0)))
            },
            |value| *value > 1,
            Duration::from_millis(1),
            Duration::from_secs(5),
        )
        .await
        .expect("done");
        assert_eq!((value, reads), (2, 3));
    }

    #[tokio::test(start_paused = true)]
    async fn stops_when_its_time_is_up_and_says_so() {
        let error = poll_until(
            || ready(Ok::<_, Error>(0)),
            |value| *value > 0,
            Duration::from_millis(20),
            Duration::from_millis(50),
        )
        .await
        .expect_err("never done");
        let Error::StillRunning { reads, waited } = &error else {
            panic!("{error:?}");
        };
        // Reads at 0, 20 and 40 ms (on paused time, exactly); a fourth
        // wait would pass 50 ms.
        assert_eq!(*reads, 3, "{error}");
        assert!(*waited < Duration::from_millis(50), "{error}");
        assert!(
            error
                .to_string()
                .starts_with("still not done after 3 reads in 0.0"),
            "{error}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_read_that_fails_ends_it_with_that_error() {
        let error = poll_until(
            || {
                ready(Err::<u8, _>(Error::Refused {
                    reason: "no".into(),
                }))
            },
            |_| true,
            Duration::from_millis(1),
            Duration::from_secs(5),
        )
        .await
        .expect_err("the read's error");
        assert!(matches!(error, Error::Refused { .. }), "{error:?}");
    }
}
