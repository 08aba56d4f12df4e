//! A cached, single-flight access token for API calls.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use futures_util::FutureExt;
use futures_util::future::{BoxFuture, Shared};
use http::header::{AUTHORIZATION, HeaderValue};
use secrecy::{ExposeSecret, SecretString};

use crate::client::transport;
use crate::{Client, Endpoint, Error};

/// The parts of an OAuth 2.0 token response a [`TokenProvider`] needs.
/// Generated responses with a secret `access_token` and an `expires_in`
/// implement it.
pub trait TokenResponse {
    fn access_token(&self) -> &SecretString;
    fn expires_in(&self) -> Duration;
    fn refresh_token(&self) -> Option<&SecretString>;
}

/// A monotonic clock. [`MonotonicClock`] unless a test injects another.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Instant;
}

/// `Instant::now()`.
#[derive(Clone, Copy, Debug, Default)]
pub struct MonotonicClock;

impl Clock for MonotonicClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// How long before expiry a token is replaced by default: five minutes,
/// small beside Kontur's 24-hour tokens and ample for clock and network delays.
pub const DEFAULT_MARGIN: Duration = Duration::from_secs(5 * 60);

/// Gives valid access tokens to any number of concurrent callers.
///
/// [`get`](TokenProvider::get) returns the cached token while it is valid
/// for longer than the margin, and otherwise fetches one: with the refresh
/// token when the last response carried one and a refresh endpoint is set,
/// else (or when refreshing fails) by authenticating again. Concurrent
/// callers share one fetch and its result. Errors are not cached. When a
/// fetch fails while the cached token has not expired yet, that token is
/// served and the next call tries again.
///
/// Lifetimes are measured on a monotonic clock read before each request is
/// sent, so a slow answer shortens the token's life rather than extending it.
#[derive(Clone)]
pub struct TokenProvider {
    inner: Arc<Inner>,
}

struct Inner {
    authenticate: Fetch,
    refresh: Option<Refresh>,
    margin: Duration,
    clock: Box<dyn Clock>,
    cached: RwLock<Option<Arc<CachedToken>>>,
    in_flight: Mutex<Option<Flight>>,
}

type Fetched = Result<Arc<CachedToken>, Error>;
type Flight = Shared<BoxFuture<'static, Fetched>>;
type Fetch = Box<dyn Fn() -> BoxFuture<'static, Result<Fresh, Error>> + Send + Sync>;
type Refresh = Box<dyn Fn(SecretString) -> BoxFuture<'static, Result<Fresh, Error>> + Send + Sync>;

/// What a token endpoint answered.
struct Fresh {
    access_token: SecretString,
    expires_in: Duration,
    refresh_token: Option<SecretString>,
}

impl Fresh {
    fn from_response(response: &impl TokenResponse) -> Self {
        Fresh {
            access_token: response.access_token().clone(),
            expires_in: response.expires_in(),
            refresh_token: response.refresh_token().cloned(),
        }
    }
}

struct CachedToken {
    access_token: SecretString,
    refresh_token: Option<SecretString>,
    expires_at: Instant,
    /// When to replace it: `margin` before expiry, but never earlier than
    /// half its lifetime, so that short-lived tokens are still used.
    renew_at: Instant,
}

impl TokenProvider {
    /// A provider that authenticates with endpoint `E` and `request` (cloned
    /// for every authentication) through `client`.
    pub fn new<E>(client: Client, request: E::Request) -> Self
    where
        E: Endpoint + 'static,
        E::Request: Clone + Send + Sync + 'static,
        E::Response: TokenResponse + Send,
    {
        let request = Arc::new(request);
        let authenticate: Fetch = Box::new(move || {
            let (client, request) = (client.clone(), Arc::clone(&request));
            async move {
                let reply = client.send::<E>(&request).await?;
                Ok(Fresh::from_response(&reply.value))
            }
            .boxed()
        });
        TokenProvider {
            inner: Arc::new(Inner {
                authenticate,
                refresh: None,
                margin: DEFAULT_MARGIN,
                clock: Box::new(MonotonicClock),
                cached: RwLock::new(None),
                in_flight: Mutex::new(None),
            }),
        }
    }

    /// Refreshes with endpoint `R` when a token response carried a refresh
    /// token; `request` builds its request from that token.
    #[must_use]
    pub fn with_refresh<R>(
        self,
        client: Client,
        request: impl Fn(SecretString) -> R::Request + Send + Sync + 'static,
    ) -> Self
    where
        R: Endpoint + 'static,
        R::Request: Send + Sync + 'static,
        R::Response: TokenResponse + Send,
    {
        let request = Arc::new(request);
        let refresh: Refresh = Box::new(move |token| {
            let (client, request) = (client.clone(), Arc::clone(&request));
            async move {
                let reply = client.send::<R>(&request(token)).await?;
                Ok(Fresh::from_response(&reply.value))
            }
            .boxed()
        });
        self.rebuild(|inner| inner.refresh = Some(refresh))
    }

    /// Replaces tokens this long before they expire ([`DEFAULT_MARGIN`]).
    #[must_use]
    pub fn with_margin(self, margin: Duration) -> Self {
        self.rebuild(|inner| inner.margin = margin)
    }

    /// Measures lifetimes with `clock` instead of [`MonotonicClock`].
    #[must_use]
    pub fn with_clock(self, clock: impl Clock) -> Self {
        self.rebuild(|inner| inner.clock = Box::new(clock))
    }

    /// Builder steps run before the provider is shared, so the `Arc` is unique.
    fn rebuild(self, change: impl FnOnce(&mut Inner)) -> Self {
        let mut inner = match Arc::try_unwrap(self.inner) {
            Ok(inner) => inner,
            Err(_) => unreachable!("configure a TokenProvider before cloning it"),
        };
        change(&mut inner);
        TokenProvider {
            inner: Arc::new(inner),
        }
    }

    /// A valid access token, fetched when there is none or when the cached
    /// one expires within the margin.
    pub async fn get(&self) -> Result<SecretString, Error> {
        let now = self.inner.clock.now();
        let cached = self.cached();
        if let Some(token) = cached.as_ref().filter(|token| now < token.renew_at) {
            return Ok(token.access_token.clone());
        }
        match self.flight(cached.clone()).await {
            Ok(token) => Ok(token.access_token.clone()),
            Err(error) => match cached.filter(|token| self.inner.clock.now() < token.expires_at) {
                Some(still_valid) => {
                    tracing::warn!(%error, "token refresh failed; serving the cached token until it expires");
                    Ok(still_valid.access_token.clone())
                }
                None => Err(error),
            },
        }
    }

    /// Forgets the cached token, for when the API answered 401: the next
    /// [`get`](TokenProvider::get) fetches a new one.
    pub fn invalidate(&self) {
        *self
            .inner
            .cached
            .write()
            .unwrap_or_else(PoisonError::into_inner) = None;
    }

    /// Sends `request` with `Authorization: Bearer <token>`. On a 401 it
    /// invalidates the token, gets a new one and sends the request once more
    /// (when the request's body can be cloned).
    pub async fn send_authorized(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
    ) -> Result<reqwest::Response, Error> {
        let repeat = request.try_clone();
        let response = self.send_with_token(http, request).await?;
        match repeat {
            Some(repeat) if response.status() == http::StatusCode::UNAUTHORIZED => {
                self.invalidate();
                self.send_with_token(http, repeat).await
            }
            _ => Ok(response),
        }
    }

    async fn send_with_token(
        &self,
        http: &reqwest::Client,
        mut request: reqwest::Request,
    ) -> Result<reqwest::Response, Error> {
        let token = self.get().await?;
        let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
            .map_err(|_| Error::InvalidRequest {
                reason: "the access token has characters a header cannot carry".into(),
            })?;
        value.set_sensitive(true);
        request.headers_mut().insert(AUTHORIZATION, value);
        http.execute(request)
            .await
            .map_err(|error| transport(error, None))
    }

    fn cached(&self) -> Option<Arc<CachedToken>> {
        self.inner
            .cached
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Joins the fetch in flight, or starts one.
    fn flight(&self, cached: Option<Arc<CachedToken>>) -> Flight {
        let mut in_flight = self
            .inner
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(flight) = in_flight.as_ref() {
            return flight.clone();
        }
        let inner = Arc::clone(&self.inner);
        let flight = async move {
            let result = inner.fetch(cached).await;
            if let Ok(token) = &result {
                *inner.cached.write().unwrap_or_else(PoisonError::into_inner) =
                    Some(Arc::clone(token));
            }
            *inner
                .in_flight
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = None;
            result
        }
        .boxed()
        .shared();
        *in_flight = Some(flight.clone());
        flight
    }
}

impl Inner {
    async fn fetch(&self, cached: Option<Arc<CachedToken>>) -> Fetched {
        let previous = cached.and_then(|token| token.refresh_token.clone());
        let started = self.clock.now();
        if let (Some(refresh), Some(refresh_token)) = (&self.refresh, previous.clone()) {
            match refresh(refresh_token).await {
                Ok(fresh) => return Ok(self.cache_entry(fresh, started, previous)),
                Err(error) => {
                    tracing::info!(%error, "refreshing the token failed; authenticating again");
                }
            }
        }
        let started = self.clock.now();
        let fresh = (self.authenticate)().await?;
        Ok(self.cache_entry(fresh, started, None))
    }

    /// A cache entry for a token whose request was sent at `started`; a
    /// refresh answer without a new refresh token keeps the old one.
    fn cache_entry(
        &self,
        fresh: Fresh,
        started: Instant,
        previous_refresh: Option<SecretString>,
    ) -> Arc<CachedToken> {
        let margin = self.margin.min(fresh.expires_in / 2);
        Arc::new(CachedToken {
            access_token: fresh.access_token,
            refresh_token: fresh.refresh_token.or(previous_refresh),
            expires_at: started + fresh.expires_in,
            renew_at: started + (fresh.expires_in - margin),
        })
    }
}

impl fmt::Debug for TokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self.cached();
        f.debug_struct("TokenProvider")
            .field("margin", &self.inner.margin)
            .field("refreshes", &self.inner.refresh.is_some())
            .field("token", &cached.as_ref().map(|_| "[REDACTED]"))
            .field("expires_at", &cached.as_ref().map(|token| token.expires_at))
            .finish()
    }
}
