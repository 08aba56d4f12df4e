//! Reading something again until it is done: a task the API runs
//! (`draft_check`, `draft_send`, a document print, … answer a task that is
//! `running`). [`poll_until`] for a read made by hand; [`wait_task`] for
//! the `.wait()` of a call whose spec declares its task (`task:`), which
//! also honours `Retry-After`. Both wait at least [`MIN_POLL_INTERVAL`]
//! between reads.

use std::future::IntoFuture;
use std::time::Duration;

use crate::{Error, Reply};

/// The shortest wait between two reads of [`poll_until`] and of a task's
/// `.wait()`, whatever interval is asked for: 200 ms, the first backoff of
/// the default [`RetryPolicy`](crate::RetryPolicy), so that no loop of this
/// crate sends more than five requests a second on its own. A shorter wait
/// buys nothing a task could use (the API's tasks run for seconds; its
/// docs recommend 5 s between reads of a print task) and, at `0`, makes a
/// busy loop: `poll_until` with `every = 0` once read 1,464 times in 3 s.
pub const MIN_POLL_INTERVAL: Duration = Duration::from_millis(200);

/// Reads with `read` (a call, such as `drafts.task(draft_id, task_id)`)
/// until `done` says the value is final, waiting `every` between reads (at
/// least [`MIN_POLL_INTERVAL`]), and gives that value. Stops with the
/// first error of a read, or with [`Error::StillRunning`] when another
/// wait would pass `within` after the first read began.
///
/// A call whose spec declares its task (`task:`) has `.wait()`, which does
/// this with a default policy and honours `Retry-After` ([`TaskPolicy`]).
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
    let every = every.max(MIN_POLL_INTERVAL);
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

/// How a task's `.wait()` reads it again: every
/// [`interval`](TaskPolicy::interval) (or longer, when the answer's
/// `Retry-After` asks for longer), until [`deadline`](TaskPolicy::deadline)
/// has passed since the task was started.
///
/// The default, 5 s between reads for at most 10 minutes, is the API's
/// own advice (its docs recommend 5 s between reads of a print task) and
/// the vendor's C# SDK's constant delay, which, unlike this, never gives up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaskPolicy {
    interval: Duration,
    deadline: Duration,
}

impl Default for TaskPolicy {
    /// 5 s between reads, for at most 10 minutes.
    fn default() -> Self {
        TaskPolicy {
            interval: Duration::from_secs(5),
            deadline: Duration::from_secs(600),
        }
    }
}

impl TaskPolicy {
    /// Reads every `interval`, never more often than [`MIN_POLL_INTERVAL`].
    #[must_use]
    pub fn with_interval(mut self, interval: Duration) -> Self {
        self.interval = interval.max(MIN_POLL_INTERVAL);
        self
    }

    /// Gives up with [`Error::StillRunning`] rather than wait past
    /// `deadline` after the task was started.
    #[must_use]
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// The wait between two reads (unless `Retry-After` asks for longer).
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// How long the task is waited for in all.
    pub fn deadline(&self) -> Duration {
        self.deadline
    }
}

/// What a task's `.wait()` runs after its starting call: reads the task
/// with `read` until `running` says no more, waiting the policy's
/// interval between reads, or the answer's `Retry-After` when that is
/// longer; gives the last answer, whatever the task's final state.
/// [`Error::StillRunning`] when the next wait would pass the deadline
/// (counted from `started`), and the first error of a read as it is.
pub async fn wait_task<T, F, R>(
    policy: TaskPolicy,
    started: tokio::time::Instant,
    mut read: F,
    running: impl Fn(&T) -> bool,
) -> Result<Reply<T>, Error>
where
    F: FnMut() -> R,
    R: IntoFuture<Output = Result<Reply<T>, Error>>,
{
    let mut reads: u32 = 0;
    loop {
        let reply = read().await?;
        reads = reads.saturating_add(1);
        if !running(&reply) {
            return Ok(reply);
        }
        let asked = reply
            .headers()
            .get(http::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(crate::error::retry_after)
            .unwrap_or_default();
        let wait = policy.interval.max(MIN_POLL_INTERVAL).max(asked);
        let waited = started.elapsed();
        if waited.saturating_add(wait) > policy.deadline {
            return Err(Error::StillRunning { reads, waited });
        }
        tokio::time::sleep(wait).await;
    }
}

/// Whether a task's state (an open enum or a string, as its spec types
/// it) is one of the values `running` lists, without regard to ASCII case
/// as the C# SDK reads it. For generated code.
#[doc(hidden)]
pub fn state_is<S: serde::Serialize>(state: &S, running: &[&str]) -> bool {
    match serde_json::to_value(state) {
        Ok(serde_json::Value::String(state)) => running
            .iter()
            .any(|value| value.eq_ignore_ascii_case(&state)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::ready;

    use crate::ResponseInfo;

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
            Duration::from_millis(200),
            Duration::from_millis(500),
        )
        .await
        .expect_err("never done");
        let Error::StillRunning { reads, waited } = &error else {
            panic!("{error:?}");
        };
        // Reads at 0, 200 and 400 ms (on paused time, exactly); a fourth
        // wait would pass 500 ms.
        assert_eq!(*reads, 3, "{error}");
        assert!(*waited < Duration::from_millis(500), "{error}");
        assert!(
            error
                .to_string()
                .starts_with("still not done after 3 reads in 0.4"),
            "{error}"
        );
    }

    /// `every = 0` once read 1,464 times in 3 s: the floor makes it at
    /// most one read per 200 ms.
    #[tokio::test(start_paused = true)]
    async fn no_wait_is_shorter_than_the_floor() {
        let mut reads = 0_u32;
        let error = poll_until(
            || {
                reads += 1;
                // Done only after 100 reads: a loop without the floor ends
                // here instead of spinning on paused time.
                ready(Ok::<_, Error>(u8::from(reads > 100)))
            },
            |value| *value > 0,
            Duration::ZERO,
            Duration::from_secs(3),
        )
        .await
        .expect_err("never done");
        assert!(matches!(error, Error::StillRunning { .. }), "{error:?}");
        // At 0, 0.2, …, 3.0 s: a wait that ends at the deadline is waited.
        assert_eq!(reads, 16);
        assert_eq!(
            TaskPolicy::default()
                .with_interval(Duration::ZERO)
                .interval(),
            MIN_POLL_INTERVAL
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

    fn reply(state: &'static str, retry_after: Option<&'static str>) -> Reply<&'static str> {
        let mut headers = http::HeaderMap::new();
        if let Some(value) = retry_after {
            headers.insert(
                http::header::RETRY_AFTER,
                http::HeaderValue::from_static(value),
            );
        }
        let info = ResponseInfo::from_headers(http::StatusCode::OK, &headers);
        Reply::new(state, info, headers)
    }

    #[tokio::test(start_paused = true)]
    async fn a_task_is_read_until_it_leaves_running_at_the_policy_s_interval() {
        let start = tokio::time::Instant::now();
        let mut at = Vec::new();
        let mut states = ["running", "running", "failed"].into_iter();
        let done = wait_task(
            TaskPolicy::default().with_interval(Duration::from_secs(1)),
            start,
            || {
                at.push(start.elapsed().as_millis());
                ready(Ok(reply(states.next().unwrap_or("failed"), None)))
            },
            |state| state_is(state, &["running"]),
        )
        .await
        .expect("a final state, failed or not");
        assert_eq!(*done, "failed");
        assert_eq!(at, [0, 1000, 2000]);
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_longer_than_the_interval_is_honoured() {
        let start = tokio::time::Instant::now();
        let mut at = Vec::new();
        let mut answers = [
            reply("running", Some("3")),
            reply("running", None),
            reply("succeed", None),
        ]
        .into_iter();
        wait_task(
            TaskPolicy::default().with_interval(Duration::from_secs(1)),
            start,
            || {
                at.push(start.elapsed().as_millis());
                ready(answers.next().ok_or(Error::Refused {
                    reason: "read too often".into(),
                }))
            },
            |state| state_is(state, &["running"]),
        )
        .await
        .expect("done");
        assert_eq!(at, [0, 3000, 4000]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_task_still_running_at_the_deadline_is_still_running() {
        let start = tokio::time::Instant::now();
        let mut reads = 0;
        let error = wait_task(
            TaskPolicy::default()
                .with_interval(Duration::ZERO)
                .with_deadline(Duration::from_secs(1)),
            start,
            || {
                reads += 1;
                ready(Ok(reply("RUNNING", None)))
            },
            |state| state_is(state, &["running"]),
        )
        .await
        .expect_err("still running");
        let Error::StillRunning { reads: counted, .. } = error else {
            panic!("{error:?}");
        };
        // At 0, 0.2, …, 1.0 s: the floor, not a busy loop.
        assert_eq!((reads, counted), (6, 6));
    }
}
