use std::time::Duration;

use crate::Error;

/// When and how often a failed call is sent again.
///
/// A call is repeated only when [`Error::is_retryable`] says it can help: a
/// connection that could not be made, or 429, 502, 503 or 504 without
/// `Dont-Retry`. OAuth 2.0 errors are never repeated here, not even the
/// retryable device-flow ones (`authorization_pending`, `slow_down`): their
/// poll interval is the device flow's to keep, not a backoff's. The wait
/// before the next attempt is the server's
/// `Retry-After` when it sent one, else an exponential backoff with full
/// jitter. No attempt starts after the overall deadline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    deadline: Duration,
}

impl Default for RetryPolicy {
    /// Three attempts, backoff from 200 ms up to 5 s, all within 60 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            deadline: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// One attempt, never repeated; the deadline still bounds it.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// At most `max_attempts` attempts in all (at least one).
    #[must_use]
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// The backoff starts at `initial` and doubles up to `max`; each wait is
    /// a random duration up to the current backoff.
    #[must_use]
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// All attempts and waits of one call end within `deadline`.
    #[must_use]
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// The most attempts one call makes.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The time one call may take, waits included.
    pub fn deadline(&self) -> Duration {
        self.deadline
    }

    /// How long to wait before attempt `attempt + 1`, after attempt
    /// `attempt` (counted from 1) failed with `error` at `elapsed` since the
    /// call began; `None` when the call should end with `error`.
    pub(crate) fn wait_after(
        &self,
        attempt: u32,
        error: &Error,
        elapsed: Duration,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts
            || !error.is_retryable()
            || matches!(error, Error::OAuth2 { .. })
        {
            return None;
        }
        let wait = match error.response().and_then(|response| response.retry_after) {
            Some(asked) => asked,
            None => {
                let doublings = attempt.saturating_sub(1).min(20);
                let ceiling = self
                    .initial_backoff
                    .saturating_mul(1 << doublings)
                    .min(self.max_backoff);
                let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
                Duration::from_millis(fastrand::u64(0..=millis))
            }
        };
        // A server may ask for any wait, `u64::MAX` seconds included.
        elapsed
            .checked_add(wait)
            .is_some_and(|resume| resume < self.deadline)
            .then_some(wait)
    }
}
