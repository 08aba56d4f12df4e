//! A cached, single-flight access token for API calls.

use std::fmt;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use futures_util::FutureExt;
use futures_util::future::{BoxFuture, Shared};
use http::header::{AUTHORIZATION, HeaderValue};
use secrecy::{ExposeSecret, SecretString};

use crate::client::{Route, refuse_insecure, resolved_loopback, transport};
use crate::wire::MAX_DURATION_SECS;
use crate::{Client, Endpoint, Error, ResponseInfo, TransportErrorKind};

/// The parts of an OAuth 2.0 token response a [`TokenProvider`] needs.
/// Generated responses with a secret `access_token` and an `expires_in`
/// implement it.
pub trait TokenResponse {
    /// The bearer token.
    fn access_token(&self) -> &SecretString;
    /// How long the token is valid from when its request was sent.
    fn expires_in(&self) -> Duration;
    /// A token for `grant_type=refresh_token`, when the server issued one.
    fn refresh_token(&self) -> Option<&SecretString>;
}

/// A monotonic clock. [`MonotonicClock`] unless a test injects another.
pub trait Clock: Send + Sync + 'static {
    /// The current instant; never goes backwards.
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

/// After a forced re-authentication (a 401 from the API), the next one waits
/// at least this long, doubling with each further one up to
/// [`MAX_REAUTH_HOLD`], until a request with a token is accepted again.
/// Identity servers throttle and lock accounts after repeated sign-ins.
pub const MIN_REAUTH_HOLD: Duration = Duration::from_secs(5);

/// The longest wait between forced re-authentications.
pub const MAX_REAUTH_HOLD: Duration = Duration::from_secs(15 * 60);

/// Gives valid access tokens to any number of concurrent callers.
///
/// [`get`](TokenProvider::get) returns the cached token while it is valid
/// for longer than the margin, and otherwise fetches one: with the refresh
/// token when the last response carried one and a refresh endpoint is set,
/// else (or when refreshing fails) by authenticating again. Concurrent
/// callers share one fetch and its result; the fetch runs as its own tokio
/// task, so it completes even when every caller gives up waiting. Errors are
/// not cached. When a fetch fails while the cached token has not expired
/// yet, that token is served and the next call tries again.
///
/// Lifetimes are measured on a monotonic clock read before each request is
/// sent, so a slow answer shortens the token's life rather than extending it.
///
/// Clones share the cache. The `with_*` builder steps return a new provider
/// with an empty cache.
///
/// A 401 from the API makes [`send_authorized`](TokenProvider::send_authorized)
/// fetch a new token once and repeat the request; when the API refuses that
/// fresh token too, it returns [`Error::TokenRefused`] and holds back further
/// forced fetches ([`MIN_REAUTH_HOLD`], doubling up to [`MAX_REAUTH_HOLD`])
/// until the API accepts a token again, so that an API that refuses every
/// token cannot make the provider sign in again and again.
#[derive(Clone)]
pub struct TokenProvider {
    inner: Arc<Inner>,
}

type FetchFuture = BoxFuture<'static, Result<Fresh, Error>>;

/// How the provider gets tokens; cloned into each new provider the builder
/// steps make.
#[derive(Clone)]
struct Config {
    authenticate: Arc<dyn Fn() -> FetchFuture + Send + Sync>,
    refresh: Option<Arc<dyn Fn(SecretString) -> FetchFuture + Send + Sync>>,
    margin: Duration,
    clock: Arc<dyn Clock>,
    allow_insecure_http: bool,
    route: Route,
}

struct Inner {
    config: Config,
    cached: RwLock<Option<Arc<CachedToken>>>,
    in_flight: Mutex<Option<Flight>>,
    /// Forced re-authentications since the API last accepted a token.
    forced: AtomicU32,
    /// When the last forced re-authentication started.
    last_forced: Mutex<Option<Instant>>,
}

type Flight = Shared<BoxFuture<'static, Result<Arc<CachedToken>, Error>>>;

/// What a token endpoint answered.
struct Fresh {
    access_token: SecretString,
    expires_in: Duration,
    refresh_token: Option<SecretString>,
}

struct CachedToken {
    access_token: SecretString,
    refresh_token: Option<SecretString>,
    expires_at: Instant,
    /// When to replace it: `margin` before expiry, but never earlier than
    /// half its lifetime, so that short-lived tokens are still used.
    renew_at: Instant,
}

/// Sends a token request and keeps the parts of the answer the cache needs.
fn fetch_token<E>(client: Client, request: Arc<E::Request>) -> FetchFuture
where
    E: Endpoint + 'static,
    E::Request: Send + Sync + 'static,
    E::Response: TokenResponse + Send,
{
    async move {
        let token = client.send::<E>(&request).await?.into_inner();
        Ok(Fresh {
            access_token: token.access_token().clone(),
            expires_in: token.expires_in(),
            refresh_token: token.refresh_token().cloned(),
        })
    }
    .boxed()
}

impl TokenProvider {
    /// A provider that authenticates with endpoint `E` and `request` through
    /// `client`.
    pub fn new<E>(client: Client, request: E::Request) -> Self
    where
        E: Endpoint + 'static,
        E::Request: Send + Sync + 'static,
        E::Response: TokenResponse + Send,
    {
        let request = Arc::new(request);
        TokenProvider::from_config(Config {
            authenticate: Arc::new(move || fetch_token::<E>(client.clone(), Arc::clone(&request))),
            refresh: None,
            margin: DEFAULT_MARGIN,
            clock: Arc::new(MonotonicClock),
            allow_insecure_http: false,
            route: Route::environment(),
        })
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
        let mut config = self.inner.config.clone();
        config.refresh = Some(Arc::new(move |token| {
            fetch_token::<R>(client.clone(), Arc::new(request(token)))
        }));
        TokenProvider::from_config(config)
    }

    /// Replaces tokens this long before they expire ([`DEFAULT_MARGIN`]), but
    /// never before half of a token's lifetime has passed.
    #[must_use]
    pub fn with_margin(self, margin: Duration) -> Self {
        let mut config = self.inner.config.clone();
        config.margin = margin;
        TokenProvider::from_config(config)
    }

    /// Measures lifetimes with `clock` instead of [`MonotonicClock`].
    #[must_use]
    pub fn with_clock(self, clock: impl Clock) -> Self {
        let mut config = self.inner.config.clone();
        config.clock = Arc::new(clock);
        TokenProvider::from_config(config)
    }

    /// Lets [`send_authorized`](TokenProvider::send_authorized) send the
    /// token over plain `http://` to hosts other than loopback: for test
    /// networks only.
    #[must_use]
    pub fn allow_insecure_http(self) -> Self {
        let mut config = self.inner.config.clone();
        config.allow_insecure_http = true;
        TokenProvider::from_config(config)
    }

    fn from_config(config: Config) -> Self {
        TokenProvider {
            inner: Arc::new(Inner {
                config,
                cached: RwLock::new(None),
                in_flight: Mutex::new(None),
                forced: AtomicU32::new(0),
                last_forced: Mutex::new(None),
            }),
        }
    }

    /// A valid access token, fetched when there is none or when the cached
    /// one expires within the margin. Call it inside a tokio runtime.
    ///
    /// The token is shared with the cache, not copied: getting it costs a
    /// reference count, and the secret is zeroized when the last holder
    /// drops it.
    pub async fn get(&self) -> Result<AccessToken, Error> {
        Ok(AccessToken(self.token().await?))
    }

    /// Forgets the cached token, for when the API rejected it: the next
    /// [`get`](TokenProvider::get) fetches a new one.
    pub fn invalidate(&self) {
        *self.inner.write_cache() = None;
    }

    /// Sends `request` with `Authorization: Bearer <token>`. On a 401 it
    /// forgets that token and, when the request can be cloned (its body is
    /// not a stream), gets a new token and sends the request once more.
    ///
    /// When the API refuses the new token too, or refused a token while
    /// forced re-authentications are held back (see [`TokenProvider`]), the
    /// result is [`Error::TokenRefused`] rather than a new sign-in.
    ///
    /// Plain `http://` is refused for hosts other than loopback, and for
    /// any host when the environment names a proxy that `http` would pass
    /// through (see [`Client::with_http_client`]), unless
    /// [`allow_insecure_http`](TokenProvider::allow_insecure_http).
    pub async fn send_authorized(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
    ) -> Result<reqwest::Response, Error> {
        let config = &self.inner.config;
        refuse_insecure(request.url(), config.allow_insecure_http, &config.route)?;
        resolved_loopback(request.url(), config.allow_insecure_http).await?;
        let repeat = request.try_clone();
        let (response, used) = self.send_with_token(http, request).await?;
        if response.status() != http::StatusCode::UNAUTHORIZED {
            self.inner.accepted();
            return Ok(response);
        }
        let refused = || ResponseInfo::from_headers(response.status(), response.headers());
        if let Err(retry_in) = self.inner.may_force_fetch(&used, config.clock.now()) {
            return Err(Error::TokenRefused {
                response: refused(),
                retry_in,
            });
        }
        let Some(repeat) = repeat else {
            return Ok(response);
        };
        let (response, _) = self.send_with_token(http, repeat).await?;
        if response.status() == http::StatusCode::UNAUTHORIZED {
            return Err(Error::TokenRefused {
                response: ResponseInfo::from_headers(response.status(), response.headers()),
                retry_in: self.inner.hold_left(config.clock.now()),
            });
        }
        self.inner.accepted();
        Ok(response)
    }

    async fn send_with_token(
        &self,
        http: &reqwest::Client,
        mut request: reqwest::Request,
    ) -> Result<(reqwest::Response, Arc<CachedToken>), Error> {
        let token = self.token().await?;
        authorize(&mut request, token.access_token.expose_secret())?;
        let response = http
            .execute(request)
            .await
            .map_err(|error| transport(error, None))?;
        Ok((response, token))
    }

    /// The cached token while it is fresh, else the result of a fetch; the
    /// old token while it is valid when the fetch fails.
    async fn token(&self) -> Result<Arc<CachedToken>, Error> {
        let clock = &self.inner.config.clock;
        let flight = match self.inner.fresh_or_flight(clock.now()) {
            Ok(fresh) => return Ok(fresh),
            Err(flight) => flight,
        };
        let stale = self.inner.read_cache();
        match flight.await {
            Ok(token) => Ok(token),
            Err(error) => match stale.filter(|token| clock.now() < token.expires_at) {
                Some(still_valid) => {
                    tracing::warn!(%error, "token refresh failed; serving the cached token until it expires");
                    Ok(still_valid)
                }
                None => Err(error),
            },
        }
    }
}

impl Inner {
    fn read_cache(&self) -> Option<Arc<CachedToken>> {
        self.cached
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn write_cache(&self) -> std::sync::RwLockWriteGuard<'_, Option<Arc<CachedToken>>> {
        self.cached.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// After a 401 for `used`: forgets it so that the next request fetches
    /// a new token, unless forced fetches are held back (then how long for).
    /// A caller whose token another caller has already forgotten or replaced
    /// just uses the newer one: it starts no fetch of its own.
    fn may_force_fetch(&self, used: &Arc<CachedToken>, now: Instant) -> Result<(), Duration> {
        let mut last_forced = self
            .last_forced
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut cached = self.write_cache();
        if !cached
            .as_ref()
            .is_some_and(|current| Arc::ptr_eq(current, used))
        {
            return Ok(());
        }
        let left = hold_left(self.forced.load(Ordering::Acquire), *last_forced, now);
        if !left.is_zero() {
            return Err(left);
        }
        *cached = None;
        self.forced.fetch_add(1, Ordering::AcqRel);
        *last_forced = Some(now);
        Ok(())
    }

    /// How long forced fetches are still held back at `now`.
    fn hold_left(&self, now: Instant) -> Duration {
        let last_forced = self
            .last_forced
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        hold_left(self.forced.load(Ordering::Acquire), *last_forced, now)
    }

    /// The API accepted a token: forced fetches are allowed again at once.
    fn accepted(&self) {
        if self.forced.load(Ordering::Acquire) != 0 {
            let mut last_forced = self
                .last_forced
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            self.forced.store(0, Ordering::Release);
            *last_forced = None;
        }
    }

    /// The cached token when it is fresh at `now`; otherwise the fetch in
    /// flight, started here if there is none. Both are decided under the
    /// in-flight lock, so a fetch that just finished is not repeated.
    fn fresh_or_flight(self: &Arc<Self>, now: Instant) -> Result<Arc<CachedToken>, Flight> {
        let cached = self.read_cache();
        if let Some(token) = cached.as_ref().filter(|token| now < token.renew_at) {
            return Ok(Arc::clone(token));
        }
        let mut in_flight = self
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let cached = self.read_cache();
        if let Some(token) = cached.as_ref().filter(|token| now < token.renew_at) {
            return Ok(Arc::clone(token));
        }
        if let Some(flight) = in_flight.as_ref() {
            return Err(flight.clone());
        }
        let inner = Arc::clone(self);
        // Its own task: the fetch completes, and clears the in-flight slot,
        // even when every caller stops waiting or the fetch panics.
        let task = tokio::spawn(async move {
            let _clear = ClearInFlight(Arc::clone(&inner));
            let current: Vec<SecretString> = cached
                .iter()
                .flat_map(|token| [Some(&token.access_token), token.refresh_token.as_ref()])
                .flatten()
                .cloned()
                .collect();
            let result = inner.fetch(cached).await.map_err(|mut error| {
                error.scrub(&current);
                error
            });
            if let Ok(token) = &result {
                *inner.write_cache() = Some(Arc::clone(token));
            }
            result
        });
        let flight = async move {
            task.await.unwrap_or_else(|failure| {
                Err(Error::Transport {
                    kind: TransportErrorKind::Other,
                    message: format!("the token fetch did not complete: {failure}"),
                    response: None,
                })
            })
        }
        .boxed()
        .shared();
        *in_flight = Some(flight.clone());
        Err(flight)
    }

    async fn fetch(&self, cached: Option<Arc<CachedToken>>) -> Result<Arc<CachedToken>, Error> {
        let config = &self.config;
        let previous = cached.and_then(|token| token.refresh_token.clone());
        if let (Some(refresh), Some(refresh_token)) = (&config.refresh, previous.clone()) {
            let started = config.clock.now();
            match refresh(refresh_token).await {
                Ok(fresh) => return Ok(self.cache_entry(fresh, started, previous)),
                Err(error) => {
                    tracing::info!(%error, "refreshing the token failed; authenticating again");
                }
            }
        }
        let started = config.clock.now();
        let fresh = (config.authenticate)().await?;
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
        // `TokenResponse` is public, so the lifetime may be anything.
        let lifetime = fresh.expires_in.min(Duration::from_secs(MAX_DURATION_SECS));
        let margin = self.config.margin.min(lifetime / 2);
        let at = |offset: Duration| started.checked_add(offset).unwrap_or(started);
        Arc::new(CachedToken {
            access_token: fresh.access_token,
            refresh_token: fresh.refresh_token.or(previous_refresh),
            expires_at: at(lifetime),
            renew_at: at(lifetime - margin),
        })
    }
}

/// The wait left before the next forced fetch, after `forced` of them, the
/// last at `last`: none after none, then [`MIN_REAUTH_HOLD`] doubling up to
/// [`MAX_REAUTH_HOLD`].
fn hold_left(forced: u32, last: Option<Instant>, now: Instant) -> Duration {
    let Some(last) = last.filter(|_| forced > 0) else {
        return Duration::ZERO;
    };
    let hold = MIN_REAUTH_HOLD
        .saturating_mul(1 << (forced - 1).min(20))
        .min(MAX_REAUTH_HOLD);
    hold.saturating_sub(now.saturating_duration_since(last))
}

/// An access token from [`TokenProvider::get`]. Cheap to clone (it shares
/// the cached token rather than copying the secret); its `Debug` is
/// redacted; [`ExposeSecret::expose_secret`] gives the text to send.
#[derive(Clone)]
pub struct AccessToken(Arc<CachedToken>);

impl ExposeSecret<str> for AccessToken {
    fn expose_secret(&self) -> &str {
        self.0.access_token.expose_secret()
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken([REDACTED])")
    }
}

/// Empties the in-flight slot when the fetch task ends, however it ends.
struct ClearInFlight(Arc<Inner>);

impl Drop for ClearInFlight {
    fn drop(&mut self) {
        *self
            .0
            .in_flight
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = None;
    }
}

impl fmt::Debug for TokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self.inner.read_cache();
        f.debug_struct("TokenProvider")
            .field("margin", &self.inner.config.margin)
            .field("refreshes", &self.inner.config.refresh.is_some())
            .field("token", &cached.as_ref().map(|_| "[REDACTED]"))
            .field("expires_at", &cached.as_ref().map(|token| token.expires_at))
            .finish()
    }
}

/// Where a bearer endpoint's token comes from (spec `auth: bearer`): a
/// [`TokenProvider`], which signs in, caches, refreshes and signs in again
/// once on a 401, or a fixed token you got elsewhere
/// ([`SecretString`], sent as it is).
pub trait TokenSource: Send + Sync {
    /// Sends `request` with `Authorization: Bearer <token>`.
    fn send_authorized<'a>(
        &'a self,
        http: &'a reqwest::Client,
        request: reqwest::Request,
    ) -> BoxFuture<'a, Result<reqwest::Response, Error>>;

    /// The tokens it sends now, which an error's text must never show (a
    /// server may echo one); none unless the source says.
    fn secrets(&self) -> Vec<SecretString> {
        Vec::new()
    }
}

impl TokenSource for TokenProvider {
    fn send_authorized<'a>(
        &'a self,
        http: &'a reqwest::Client,
        request: reqwest::Request,
    ) -> BoxFuture<'a, Result<reqwest::Response, Error>> {
        Box::pin(TokenProvider::send_authorized(self, http, request))
    }

    fn secrets(&self) -> Vec<SecretString> {
        self.inner
            .read_cache()
            .iter()
            .flat_map(|token| [Some(&token.access_token), token.refresh_token.as_ref()])
            .flatten()
            .cloned()
            .collect()
    }
}

/// Sets `Authorization: Bearer <token>` on `request`, marked sensitive. The
/// header's bytes are the formatted text's own, not a copy.
fn authorize(request: &mut reqwest::Request, token: &str) -> Result<(), Error> {
    let mut value =
        HeaderValue::try_from(format!("Bearer {token}")).map_err(|_| Error::InvalidRequest {
            reason: "the access token has characters a header cannot carry".into(),
        })?;
    value.set_sensitive(true);
    request.headers_mut().insert(AUTHORIZATION, value);
    Ok(())
}

/// A token from elsewhere, sent as it is: no refresh, no second try on a
/// 401 (the answer is the caller's to handle).
impl TokenSource for SecretString {
    fn send_authorized<'a>(
        &'a self,
        http: &'a reqwest::Client,
        mut request: reqwest::Request,
    ) -> BoxFuture<'a, Result<reqwest::Response, Error>> {
        Box::pin(async move {
            authorize(&mut request, self.expose_secret())?;
            http.execute(request)
                .await
                .map_err(|error| crate::client::transport(error, None))
        })
    }

    fn secrets(&self) -> Vec<SecretString> {
        vec![self.clone()]
    }
}
