//! Typed clients for the Kontur.Extern API, generated from declarative YAML
//! request specs.
//!
//! A spec (see `spec/README.md` in the repository) describes one HTTP
//! endpoint. `endpoint!` or `#[derive(Endpoint)]` (the default feature
//! `macros`) turns it into a request type, a response type and an
//! implementation of [`Endpoint`], which encodes requests into
//! [`http::Request`]s and decodes [`http::Response`]s without doing any
//! I/O.

// The example needs the macros.
#![cfg_attr(
    feature = "macros",
    doc = r#"
```
use kontur_extern::{Endpoint, ExposeSecret, Url};

kontur_extern::endpoint!("../spec/password-token.yaml");
use password_token::{PasswordToken, Request, Required};

// Required parameters by name: no two can be swapped by their order.
let request = Request::new(Required {
    client_id: "extern.api".into(),
    client_secret: "api-key".into(),
    username: "user@login.ru".into(),
    password: "password".into(),
});
let base_url = Url::parse(PasswordToken::METADATA.default_base_url).unwrap();
let http = PasswordToken::encode(&request, &base_url).unwrap();
assert_eq!(http.uri(), "https://identity.testkontur.ru/connect/token");

let example = &PasswordToken::examples()[0];
let response = PasswordToken::decode(example.documented_response.to_http()).unwrap();
assert_eq!(response.expires_in.as_secs(), 86400);
assert!(response.access_token.expose_secret().starts_with("fb957fed"));
```
"#
)]
#![warn(missing_docs)]

mod api_error;
mod client;
mod decode;
mod encode;
mod endpoint;
mod error;
mod example;
mod json;
mod json_path;
mod paging;
mod pattern;
mod poll;
#[cfg(feature = "replay")]
mod replay;
mod retry;
mod scalars;
mod shown;
mod token;
mod wire;

pub use api_error::{ApiError, ApiStatusCode};
pub use chrono;
pub use client::{
    Chunk, Chunks, Client, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, Downloaded, Reply,
    UPLOAD_CHUNK_SIZE, WithBody, is_loopback,
};
pub use endpoint::{Auth, Endpoint, ErrorFormat, Metadata};
pub use error::{
    Error, OAuth2Error, OAuth2ErrorCode, RequiredFactor, ResponseInfo, TransportErrorKind,
};
pub use example::{
    Difference, DocumentedParam, DocumentedRequest, DocumentedResponse, Example, ParamLocation,
    TRANSPORT_HEADERS,
};
/// What a paging endpoint's item stream returns (`{endpoint}_items` of its
/// client, `items()` of a service's call), and its methods (`next`,
/// `collect`, …).
pub use futures_util::{Stream, StreamExt};
#[cfg(feature = "macros")]
pub use kontur_extern_macros::{Endpoint, api, endpoint, types};
pub use paging::{DEFAULT_MAX_PAGES, Pages, PagingStop};
pub use pattern::PatternError;
pub use poll::{MIN_POLL_INTERVAL, TaskPolicy, poll_until};
#[cfg(feature = "replay")]
pub use replay::{Replay, ReplayLimits, ReplayServer};
pub use reqwest;
pub use retry::RetryPolicy;
pub use scalars::{Bytes, Date, DateTime, ParseScalarError};
pub use secrecy::{ExposeSecret, SecretString};
/// The type of `json` values in generated types, and of the raw JSON that
/// tagged unions keep for tags they do not know.
pub use serde_json;
pub use shown::terminal_safe;
pub use token::{
    AccessToken, Clock, DEFAULT_MARGIN, MAX_REAUTH_HOLD, MIN_REAUTH_HOLD, MonotonicClock,
    TokenProvider, TokenResponse, TokenSource,
};
pub use url::Url;
pub use uuid::Uuid;
pub use wire::{MAX_DURATION_SECS, WireValue};

/// The largest response body, after decompression, that a decoder accepts.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The largest binary response body (spec `binary: true`) the client
/// downloads unless told otherwise ([`Client::with_download_limit`]), and
/// the most a compressed one may inflate to: 64 MiB, the API's largest
/// content chunk.
pub const MAX_BINARY_BYTES: usize = 64 << 20;

/// The response header with Kontur's trace id.
pub const TRACE_ID_HEADER: &str = "X-Kontur-Trace-Id";

/// What generated code uses. Not a public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    /// For the CLI's `call`, which sends requests it builds at run time.
    pub use crate::client::own_http_client;
    /// For the CLI's `call`: plain http to a loopback name only when the
    /// name resolves to loopback addresses alone.
    pub use crate::client::resolved_loopback;
    /// For a generated service's client: one call path for every endpoint.
    pub use crate::client::send_as;
    pub use crate::client::{incomplete_upload, send_body_as};
    /// For the CLI's `call`, which sends requests it builds at run time.
    pub use crate::decode::looks_secret;
    pub use crate::decode::{Answer, HeaderKey, Incoming, ResponseDecoder, TRACE_ID_KEY};
    pub use crate::encode::{Encoded, RequestEncoder};
    pub use crate::json::{
        FieldKey, ListSeed, OptionSeed, TagSeed, TaggedInParent, deserialize_str_with,
        documented_json, duration_seconds, from_raw_tagged, held_union_error,
        option_duration_seconds, serialize_option_secret, serialize_secret, serialize_tagged,
        union_error, union_tag, unplaced, untagged_error, untagged_union_error,
    };
    pub use crate::paging::{CursorEnd, cursor_paged, paged};
    pub use crate::pattern::{Pattern, same_in_any_case};
    pub use crate::poll::{state_is, wait_task};
    /// For the CLI's `call`, which sends requests it builds at run time.
    pub use crate::shown::{needs_escape, scrub};
    pub use crate::wire::{WireValue, checked_datetime, checked_url, checked_uuid};
    pub use futures_util::Stream;
    pub use http;
    pub use serde;
    pub use serde_json;
    pub use tokio::io::{AsyncRead, AsyncWrite};
    pub use tokio::time::Instant;
}
