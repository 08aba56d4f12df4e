//! Typed clients for the Kontur.Extern API, generated from declarative YAML
//! request specs.
//!
//! A spec (see `spec/README.md` in the repository) describes one HTTP
//! endpoint. [`endpoint!`] or `#[derive(Endpoint)]` turns it into a request
//! type, a response type and an implementation of [`Endpoint`], which encodes
//! requests into [`http::Request`]s and decodes [`http::Response`]s without
//! doing any I/O.
//!
//! ```
//! use kontur_extern::{Endpoint, ExposeSecret, Url};
//!
//! kontur_extern::endpoint!("../spec/password-token.yaml");
//! use password_token::{PasswordToken, Request};
//!
//! let request = Request::new("extern.api", "api-key", "user@login.ru", "password");
//! let base_url = Url::parse(PasswordToken::METADATA.default_base_url).unwrap();
//! let http = PasswordToken::encode(&request, &base_url).unwrap();
//! assert_eq!(http.uri(), "https://identity.testkontur.ru/connect/token");
//!
//! let example = &PasswordToken::examples()[0];
//! let response = PasswordToken::decode(example.documented_response.to_http()).unwrap();
//! assert_eq!(response.expires_in.as_secs(), 86400);
//! assert!(response.access_token.expose_secret().starts_with("fb957fed"));
//! ```

#![warn(missing_docs)]

mod client;
mod decode;
mod encode;
mod endpoint;
mod error;
mod example;
#[cfg(feature = "replay")]
mod replay;
mod retry;
mod shown;
mod token;
mod wire;

pub use client::{Client, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, Reply, is_loopback};
pub use endpoint::{Endpoint, ErrorFormat, Metadata};
pub use error::{
    Error, OAuth2Error, OAuth2ErrorCode, RequiredFactor, ResponseInfo, TransportErrorKind,
};
pub use example::{
    Difference, DocumentedParam, DocumentedRequest, DocumentedResponse, Example, ParamLocation,
    TRANSPORT_HEADERS,
};
pub use kontur_extern_macros::{Endpoint, endpoint};
#[cfg(feature = "replay")]
pub use replay::{ReplayLimits, ReplayServer};
pub use reqwest;
pub use retry::RetryPolicy;
pub use secrecy::{ExposeSecret, SecretString};
pub use shown::terminal_safe;
pub use token::{
    AccessToken, Clock, DEFAULT_MARGIN, MAX_REAUTH_HOLD, MIN_REAUTH_HOLD, MonotonicClock,
    TokenProvider, TokenResponse,
};
pub use url::Url;
pub use wire::{MAX_DURATION_SECS, WireValue};

/// The largest response body, after decompression, that a decoder accepts.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The response header with Kontur's trace id.
pub const TRACE_ID_HEADER: &str = "X-Kontur-Trace-Id";

/// What generated code uses. Not a public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::decode::ResponseDecoder;
    pub use crate::encode::RequestEncoder;
    pub use crate::wire::{WireValue, checked_url};
    pub use http;
}
