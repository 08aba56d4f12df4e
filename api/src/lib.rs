//! A ready-made client of the Kontur.Extern API: [`ExternApi`], generated
//! ahead of time (the crate's `src/generated/` and its parts, the crates
//! `kontur-extern-api-types` and `kontur-extern-api-<group>`) from the specs
//! that `kontur-extern` ships (`spec/extern/api.yaml`), with the checks and
//! the code of `kontur_extern::api!`. Nothing to copy: add this crate, which
//! re-exports its parts, and call; its build runs no generator.
//!
//! Each group of the API is a cargo feature, all on by default: with
//! `default-features = false, features = ["drafts", "rustls"]` only the
//! drafts and the types they use are compiled. Each group's endpoints are
//! a crate of their own, so that an edit of one group's specs rebuilds
//! that crate and this one, not the other groups'. `replay` adds
//! `ReplayServer`, which serves the documented exchanges on 127.0.0.1.
//!
//! ```no_run
//! use kontur_extern_api::{Client, ExternApi, SecretString, Url};
//!
//! # async fn run() -> Result<(), kontur_extern_api::Error> {
//! // A token you already have; `TokenProvider` signs in and renews instead.
//! let token = SecretString::from(std::env::var("KONTUR_ACCESS_TOKEN").unwrap_or_default());
//! let base_url = Url::parse("https://extern-api.testkontur.ru").expect("a URL");
//! let api = ExternApi::new(Client::new(base_url)?, token);
//! # #[cfg(feature = "accounts")]
//! for account in api.accounts().list().await?.accounts.iter() {
//!     println!("{} {}", account.id, account.inn);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Your own specs, or a subset of these with your own groups, go through the
//! macros of `kontur-extern` instead (`kontur_extern::api!`, its default
//! feature `macros`, which this crate does not ask for: a crate that writes
//! `api!` depends on `kontur-extern` itself).

// On docs.rs, each item shows the features it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The generator's code for the shipped specs, written ahead of time
/// (`codegen/tests/api_generated.rs` keeps it so): the client, its parts
/// re-exported, each group's items behind its feature. Clippy reads an `include!`d file as code written here, which it
/// does not for the same code from `api!`; its style lints are about the
/// generator's output, and are the generator's to settle, not this crate's.
#[allow(clippy::all)]
mod generated {
    include!("generated/extern_api.rs");
}

pub use generated::*;

pub use kontur_extern;
#[cfg(feature = "replay")]
pub use kontur_extern::ReplayServer;
pub use kontur_extern::{
    ApiError, ApiStatusCode, Bytes, Client, Date, DateTime, Endpoint, Error, ExposeSecret,
    MIN_POLL_INTERVAL, OAuth2Error, OAuth2ErrorCode, Reply, ResponseInfo, RetryPolicy,
    SecretString, Stream, StreamExt, TaskPolicy, TokenProvider, TokenSource, TransportErrorKind,
    Url, Uuid, WithBody, poll_until,
};

/// The types of `spec/extern/types.yaml` that the enabled groups use.
pub use extern_types as types;
