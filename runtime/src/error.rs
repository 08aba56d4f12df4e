use std::fmt;

use http::{HeaderName, StatusCode};
use secrecy::SecretString;
use serde::Deserialize;

use crate::api_error::ApiError;
use crate::paging::PagingStop;
use crate::shown::{
    CODE_SHOWN, DESCRIPTION_SHOWN, TRACE_ID_SHOWN, scrub, scrub_excerpt, terminal_safe,
};

/// Everything that can go wrong with one call. Variants that come from a
/// response keep its status and trace id in [`ResponseInfo`].
///
/// No variant holds a secret in a form that `Debug` or `Display` prints.
/// `Display` shows text that came from a server (error codes, descriptions,
/// trace ids, body excerpts) with control characters escaped and long values
/// cut (see [`terminal_safe`](crate::terminal_safe)); the fields keep the
/// exact values. The client removes every secret value it sent (and the
/// current token) from the text it keeps: a server that echoes a password
/// in a description or a body shows `[redacted]` there.
#[derive(Clone, Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be built (a base URL that is not http or https,
    /// a header value with a line break).
    #[error("cannot build the request: {reason}")]
    InvalidRequest {
        /// What is wrong with the request.
        reason: String,
    },

    /// The client refused to send the request: a password must not cross a
    /// network in clear text, so plain `http://` is only for loopback hosts
    /// unless the caller allows it.
    #[error("refused to send the request: {reason}")]
    Refused {
        /// Why the request was not sent.
        reason: String,
    },

    /// No usable answer came: the connection failed, timed out or broke.
    #[error(
        "{}{}: {}",
        kind.describe(response.is_some()),
        response.as_ref().map(ResponseInfo::suffix).unwrap_or_default(),
        terminal_safe(message, DESCRIPTION_SHOWN)
    )]
    Transport {
        /// What failed.
        kind: TransportErrorKind,
        /// The causes, from the HTTP client.
        message: String,
        /// The response's status and headers, when the connection broke
        /// while its body was being read.
        response: Option<ResponseInfo>,
    },

    /// The server answered with an OAuth 2.0 error (RFC 6749 section 5.2).
    #[error("{}", oauth2_message(response, error))]
    OAuth2 {
        /// The status, trace id and retry hints of the response.
        response: ResponseInfo,
        /// The server's error code and description.
        error: Box<OAuth2Error>,
    },

    /// The Kontur.Extern API answered with its error body (spec `error:
    /// format: kontur_api`): 400 for a bad request, 403, 404, 409 for a
    /// draft locked by a running task, 413, 429 when more than 20 requests
    /// of a client run at once.
    #[error("{}", api_message(response, error))]
    Api {
        /// The status, trace id and retry hints of the response.
        response: ResponseInfo,
        /// The API's error id, message and details.
        error: Box<ApiError>,
    },

    /// The response body is not what the endpoint answers: an HTML error
    /// page, an empty body, JSON of another shape.
    #[error(
        "unexpected response{}: {}; body starts with {excerpt:?}",
        response.suffix(),
        terminal_safe(problem, DESCRIPTION_SHOWN)
    )]
    UnexpectedBody {
        /// The status, trace id and retry hints of the response.
        response: ResponseInfo,
        /// The `Content-Type` the server sent, if any.
        content_type: Option<String>,
        /// What is wrong with the body.
        problem: String,
        /// The start of the body, with JSON string values of secret-looking
        /// fields removed.
        excerpt: String,
    },

    /// A field of a successful response has the wrong type or is missing.
    #[error(
        "cannot read the response{}: field `{field}` should be {expected}, but is {}",
        response.suffix(),
        terminal_safe(found, DESCRIPTION_SHOWN)
    )]
    Decode {
        /// The status, trace id and retry hints of the response.
        response: ResponseInfo,
        /// The field of the body, or `header <name>`.
        field: String,
        /// What a valid value looks like.
        expected: &'static str,
        /// What came instead; for secret fields only its JSON type.
        found: String,
    },

    /// A successful response's JSON body does not fit the type the endpoint
    /// declares: a missing field, a value of another type, an unknown
    /// shape of a union.
    #[error(
        "cannot read the response{}: {} ({})",
        response.suffix(),
        terminal_safe(problem, DESCRIPTION_SHOWN),
        body_location(path)
    )]
    DecodeBody {
        /// The status, trace id and retry hints of the response.
        response: ResponseInfo,
        /// Where in the body: `documents[3].signatures[0].content-link.href`,
        /// or `.` for the body itself.
        path: String,
        /// What is wrong there, in serde_json's words. Never a secret: where
        /// the path goes through a secret field or a secret-looking key, the
        /// value is not shown.
        problem: String,
    },

    /// The API refused access tokens that had just been issued (HTTP 401
    /// right after a fresh token), so authenticating again would not help:
    /// the account may lack access to this API, or the token's audience or
    /// scope is wrong. Re-authentication is held back for `retry_in`, since
    /// identity servers throttle and lock accounts after repeated sign-ins.
    #[error(
        "the API refuses freshly issued access tokens{}; not authenticating again for {}s, so as not to lock the account: check that the account may use this API and that the token's scope fits it",
        response.suffix(),
        retry_in.as_secs().max(1)
    )]
    TokenRefused {
        /// The status and trace id of the last refusal.
        response: ResponseInfo,
        /// How long the provider holds back the next re-authentication.
        retry_in: std::time::Duration,
    },

    /// What [`poll_until`](crate::poll_until) waited for had not come
    /// when its time ran out: a task the API runs is still running. The
    /// task goes on at the server; read it again later.
    #[error(
        "still not done after {} reads in {:.1} s; the server goes on with it: read it again later",
        reads,
        waited.as_secs_f64()
    )]
    StillRunning {
        /// How many times it was read.
        reads: u32,
        /// How long it was waited for.
        waited: std::time::Duration,
    },

    /// A stream of pages (a paging endpoint's `items()`) stopped before the
    /// end the server reported, after yielding every item it had read: the
    /// server made no progress (a page that repeats the one before it, a
    /// cursor that does not move), or the stream read as many pages as it
    /// may. `stop` says which.
    #[error("stopped reading pages after {pages} pages and {items} items: {stop}")]
    Paging {
        /// How many pages were requested.
        pages: u32,
        /// How many items were yielded before this error.
        items: u64,
        /// Why the stream stopped.
        stop: PagingStop,
    },

    /// A streamed transfer (a download written to a sink as it arrives, an
    /// upload read from a source chunk by chunk) stopped partway: the local
    /// source or sink failed, or the server would not go on where the
    /// transfer broke. `bytes` came (or went) before it stopped.
    #[error(
        "the transfer stopped after {bytes} bytes{}: {}",
        response.as_ref().map(ResponseInfo::suffix).unwrap_or_default(),
        terminal_safe(problem, DESCRIPTION_SHOWN)
    )]
    Transfer {
        /// The bytes moved before the transfer stopped.
        bytes: u64,
        /// What stopped it.
        problem: String,
        /// The last response, when one came.
        response: Option<ResponseInfo>,
    },
}

impl Error {
    /// The response this error came from, when there was one.
    pub fn response(&self) -> Option<&ResponseInfo> {
        match self {
            Error::InvalidRequest { .. }
            | Error::Refused { .. }
            | Error::StillRunning { .. }
            | Error::Paging { .. } => None,
            Error::Transport { response, .. } | Error::Transfer { response, .. } => {
                response.as_ref()
            }
            Error::OAuth2 { response, .. }
            | Error::UnexpectedBody { response, .. }
            | Error::Decode { response, .. }
            | Error::DecodeBody { response, .. }
            | Error::Api { response, .. }
            | Error::TokenRefused { response, .. } => Some(response),
        }
    }

    /// Replaces the secrets in the text this error keeps from the server.
    pub(crate) fn scrub(&mut self, secrets: &[SecretString]) {
        if secrets.is_empty() {
            return;
        }
        match self {
            Error::InvalidRequest { reason } | Error::Refused { reason } => scrub(reason, secrets),
            Error::Transport { message, .. } => scrub(message, secrets),
            Error::Transfer { problem, .. } => scrub(problem, secrets),
            Error::OAuth2 { error, .. } => {
                for text in [
                    &mut error.description,
                    &mut error.uri,
                    &mut error.error_status,
                ]
                .into_iter()
                .flatten()
                {
                    scrub(text, secrets);
                }
            }
            Error::UnexpectedBody {
                problem, excerpt, ..
            } => {
                scrub(problem, secrets);
                scrub_excerpt(excerpt, secrets);
            }
            Error::Decode { found, .. } => scrub(found, secrets),
            Error::DecodeBody { path, problem, .. } => {
                scrub(path, secrets);
                scrub(problem, secrets);
            }
            Error::Api { error, .. } => error.scrub(secrets),
            Error::TokenRefused { .. } | Error::StillRunning { .. } | Error::Paging { .. } => {}
        }
    }

    /// The HTTP status, when a response came.
    pub fn status(&self) -> Option<StatusCode> {
        self.response().map(|response| response.status)
    }

    /// Kontur's trace id, when a response carried one.
    pub fn trace_id(&self) -> Option<&str> {
        self.response()?.trace_id.as_deref()
    }

    /// Whether sending the same request again can help: a connection that
    /// could not be made, or a server that is busy or down (429, 502, 503,
    /// 504) and did not say `Dont-Retry`, or a device-flow poll that is to go
    /// on (RFC 8628 `authorization_pending`, and `slow_down` after waiting
    /// 5 seconds longer). Never any other OAuth 2.0 error: the same
    /// credentials get the same answer.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::InvalidRequest { .. }
            | Error::Refused { .. }
            | Error::Decode { .. }
            | Error::DecodeBody { .. }
            | Error::TokenRefused { .. }
            // Not a request: a wait that ran out (`poll_until`).
            | Error::StillRunning { .. }
            // The same pages would come again.
            | Error::Paging { .. }
            // A transfer resumes by itself where it can; what is left is not
            // for a retry of the whole.
            | Error::Transfer { .. } => false,
            Error::Transport { kind, .. } => *kind == TransportErrorKind::Connect,
            // RFC 8628: the device flow's poll goes on, the second time slower.
            Error::OAuth2 { error, .. } => matches!(
                error.code,
                OAuth2ErrorCode::AuthorizationPending | OAuth2ErrorCode::SlowDown
            ),
            // 429: too many requests at once, retried after the wait the
            // server asks for. Never 409: a locked draft stays locked until
            // its task ends, and the request is refused, not lost.
            Error::UnexpectedBody { response, .. } | Error::Api { response, .. } => {
                !response.dont_retry && matches!(response.status.as_u16(), 429 | 502 | 503 | 504)
            }
        }
    }
}

/// What went wrong below HTTP.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The server could not be reached (refused, unresolvable address).
    Connect,
    /// The TLS handshake failed (certificate, protocol).
    Tls,
    /// No answer within the timeout.
    Timeout,
    /// The server closed or reset the connection before the answer was complete.
    Reset,
    /// Anything else below HTTP.
    Other,
}

impl TransportErrorKind {
    /// `answered`: the status and headers came, and the body was being read.
    fn describe(self, answered: bool) -> &'static str {
        match self {
            TransportErrorKind::Connect => "cannot connect to the server",
            TransportErrorKind::Tls => "the TLS handshake with the server failed",
            TransportErrorKind::Timeout if answered => {
                "the server sent its answer too slowly: the body did not arrive in full in time"
            }
            TransportErrorKind::Timeout => "the server did not answer in time",
            TransportErrorKind::Reset => "the connection broke before the answer was complete",
            TransportErrorKind::Other => "the connection failed",
        }
    }
}

/// The facts of a response that every error keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseInfo {
    /// The HTTP status.
    pub status: StatusCode,
    /// `X-Kontur-Trace-Id`, the id Kontur's support asks for.
    pub trace_id: Option<String>,
    /// The server sent `Dont-Retry` or `X-Kontur-Dont-Retry`.
    pub dont_retry: bool,
    /// How long the server asked to wait (`Retry-After`, in seconds or as a date).
    pub retry_after: Option<std::time::Duration>,
}

impl ResponseInfo {
    /// Reads the trace id and the dont-retry flags from response headers.
    pub fn from_headers(status: StatusCode, headers: &http::HeaderMap) -> Self {
        // Names made once, not parsed from text on every response.
        const TRACE_ID: HeaderName = HeaderName::from_static("x-kontur-trace-id");
        const DONT_RETRY: [HeaderName; 2] = [
            HeaderName::from_static("dont-retry"),
            HeaderName::from_static("x-kontur-dont-retry"),
        ];
        let text = |name: &HeaderName| headers.get(name).and_then(|value| value.to_str().ok());
        ResponseInfo {
            status,
            trace_id: text(&TRACE_ID).map(str::to_owned),
            dont_retry: DONT_RETRY
                .iter()
                .any(|name| text(name).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))),
            retry_after: text(&http::header::RETRY_AFTER).and_then(retry_after),
        }
    }

    /// ` (HTTP 400), trace id …` for messages.
    fn suffix(&self) -> String {
        let mut suffix = format!(" (HTTP {})", self.status.as_u16());
        if let Some(trace_id) = &self.trace_id {
            suffix.push_str(&format!(
                ", trace id {}",
                terminal_safe(trace_id, TRACE_ID_SHOWN)
            ));
        }
        suffix
    }
}

/// Where a [`Error::DecodeBody`] is, for its message.
fn body_location(path: &str) -> String {
    if path == "." {
        "in the body itself".to_owned()
    } else {
        format!("at `{}`", terminal_safe(path, DESCRIPTION_SHOWN))
    }
}

/// `Retry-After`: delay-seconds or an HTTP date (RFC 9110 section 10.2.3).
pub(crate) fn retry_after(text: &str) -> Option<std::time::Duration> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(std::time::Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(text).ok()?;
    Some(
        at.duration_since(std::time::SystemTime::now())
            .unwrap_or_default(),
    )
}

fn oauth2_message(response: &ResponseInfo, error: &OAuth2Error) -> String {
    let meaning = match &error.code {
        OAuth2ErrorCode::InvalidGrant => "wrong username or password, or an expired grant",
        OAuth2ErrorCode::InvalidClient => "wrong client id or client secret",
        OAuth2ErrorCode::InvalidRequest => "the server rejected the request as malformed",
        OAuth2ErrorCode::UnauthorizedClient => "this client may not use this grant type",
        OAuth2ErrorCode::UnsupportedGrantType => "the server does not support this grant type",
        OAuth2ErrorCode::InvalidScope => "the requested scope is not allowed",
        OAuth2ErrorCode::AuthorizationPending => {
            "the user has not yet completed the authorization; poll again"
        }
        OAuth2ErrorCode::SlowDown => "polling too fast; poll again, 5 seconds less often",
        OAuth2ErrorCode::ExpiredToken => {
            "the device code has expired; start a new device authorization"
        }
        OAuth2ErrorCode::AccessDenied => "the user or the server denied the authorization",
        OAuth2ErrorCode::Other(_) => "the server refused the request",
    };
    let mut message = format!(
        "{meaning} ({}, HTTP {})",
        terminal_safe(error.code.as_str(), CODE_SHOWN),
        response.status.as_u16()
    );
    if let Some(description) = &error.description {
        message.push_str(&format!(
            ": {}",
            terminal_safe(description, DESCRIPTION_SHOWN)
        ));
    }
    if let Some(trace_id) = &response.trace_id {
        message.push_str(&format!(
            ", trace id {}",
            terminal_safe(trace_id, TRACE_ID_SHOWN)
        ));
    }
    message
}

fn api_message(response: &ResponseInfo, error: &ApiError) -> String {
    let mut message = format!(
        "the API refused the request{}: {}",
        response.suffix(),
        terminal_safe(&error.id, CODE_SHOWN)
    );
    if !error.message.is_empty() {
        message.push_str(&format!(
            ": {}",
            terminal_safe(&error.message, DESCRIPTION_SHOWN)
        ));
    }
    if let Some(track_id) = &error.track_id {
        message.push_str(&format!(
            " (track id {})",
            terminal_safe(track_id, TRACE_ID_SHOWN)
        ));
    }
    message
}

/// An OAuth 2.0 error body (RFC 6749 section 5.2) with Kontur's extensions.
#[derive(Clone, Debug, Deserialize)]
pub struct OAuth2Error {
    #[serde(rename = "error")]
    /// `error`: what went wrong.
    pub code: OAuth2ErrorCode,
    #[serde(rename = "error_description", default)]
    /// `error_description`: the server's words, for a person, exactly as
    /// sent except that secret values the client sent are `[redacted]`.
    /// Print it with [`terminal_safe`](crate::terminal_safe).
    pub description: Option<String>,
    #[serde(rename = "error_uri", default)]
    /// `error_uri`: a page about the error.
    pub uri: Option<String>,
    /// Kontur's own status of the error.
    #[serde(default, deserialize_with = "text_or_number")]
    pub error_status: Option<String>,
    /// Kontur: a second authentication factor is needed; send this back as
    /// the request's `partial_factor_token`.
    #[serde(default)]
    pub partial_factor_token: Option<SecretString>,
    /// Kontur: the factors that can complete the sign-in.
    #[serde(default)]
    pub required_factors: Vec<RequiredFactor>,
}

/// A second factor that Kontur's identity server asks for.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RequiredFactor {
    /// The grant type that completes the sign-in.
    pub grant_type: String,
    #[serde(default)]
    /// Where the factor is sent (a phone number, an e-mail), as the server shows it.
    pub identity: Option<String>,
}

/// The `error` code of an OAuth 2.0 error response: RFC 6749's token
/// endpoint codes, RFC 8628's device-flow codes, and any other as it came.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OAuth2ErrorCode {
    /// `invalid_request`: a parameter is missing, repeated or malformed.
    InvalidRequest,
    /// `invalid_client`: the client id or secret is wrong.
    InvalidClient,
    /// `invalid_grant`: the username, password or refresh token is wrong or expired.
    InvalidGrant,
    /// `unauthorized_client`: this client may not use this grant type.
    UnauthorizedClient,
    /// `unsupported_grant_type`: the server does not know this grant type.
    UnsupportedGrantType,
    /// `invalid_scope`: the requested scope is unknown or not allowed.
    InvalidScope,
    /// `authorization_pending` (RFC 8628): the user has not finished
    /// authorizing the device yet; poll again after the interval.
    AuthorizationPending,
    /// `slow_down` (RFC 8628): still pending, and the interval grows by
    /// 5 seconds for this and every later poll.
    SlowDown,
    /// `expired_token` (RFC 8628): the device code expired; start over.
    ExpiredToken,
    /// `access_denied` (RFC 6749 section 4.1.2.1, RFC 8628): the
    /// authorization was refused.
    AccessDenied,
    /// A code RFC 6749 does not define, kept as it came.
    Other(String),
}

impl OAuth2ErrorCode {
    /// The code as the server sends it.
    pub fn as_str(&self) -> &str {
        match self {
            OAuth2ErrorCode::InvalidRequest => "invalid_request",
            OAuth2ErrorCode::InvalidClient => "invalid_client",
            OAuth2ErrorCode::InvalidGrant => "invalid_grant",
            OAuth2ErrorCode::UnauthorizedClient => "unauthorized_client",
            OAuth2ErrorCode::UnsupportedGrantType => "unsupported_grant_type",
            OAuth2ErrorCode::InvalidScope => "invalid_scope",
            OAuth2ErrorCode::AuthorizationPending => "authorization_pending",
            OAuth2ErrorCode::SlowDown => "slow_down",
            OAuth2ErrorCode::ExpiredToken => "expired_token",
            OAuth2ErrorCode::AccessDenied => "access_denied",
            OAuth2ErrorCode::Other(code) => code,
        }
    }
}

impl From<String> for OAuth2ErrorCode {
    fn from(code: String) -> Self {
        match code.as_str() {
            "invalid_request" => OAuth2ErrorCode::InvalidRequest,
            "invalid_client" => OAuth2ErrorCode::InvalidClient,
            "invalid_grant" => OAuth2ErrorCode::InvalidGrant,
            "unauthorized_client" => OAuth2ErrorCode::UnauthorizedClient,
            "unsupported_grant_type" => OAuth2ErrorCode::UnsupportedGrantType,
            "invalid_scope" => OAuth2ErrorCode::InvalidScope,
            "authorization_pending" => OAuth2ErrorCode::AuthorizationPending,
            "slow_down" => OAuth2ErrorCode::SlowDown,
            "expired_token" => OAuth2ErrorCode::ExpiredToken,
            "access_denied" => OAuth2ErrorCode::AccessDenied,
            _ => OAuth2ErrorCode::Other(code),
        }
    }
}

impl<'de> Deserialize<'de> for OAuth2ErrorCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(OAuth2ErrorCode::from)
    }
}

impl fmt::Display for OAuth2ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn text_or_number<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(text)) => Some(text),
            Some(other) => Some(other.to_string()),
        },
    )
}
