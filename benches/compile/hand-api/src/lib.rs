// Written by benches/compile/hand-gen from the specs, in the style of
// code written by hand (see BENCHMARKS.md, "Compile time"). Regenerate
// rather than edit.
//! The Kontur.Extern API as a person writes it by hand with serde derives
//! and reqwest: the benchmark baseline of `kontur-extern-api`.

#![allow(clippy::all)]

pub mod extern_types;
pub mod extern_docflow_types;
pub mod extern_builder_types;
pub mod extern_reply_types;
pub mod extern_event_types;
pub mod extern_handbook_types;
pub mod extern_organization_types;
#[cfg(feature = "accounts")]
pub mod accounts;
#[cfg(feature = "docflows")]
pub mod docflows;
#[cfg(feature = "drafts")]
pub mod drafts;
#[cfg(feature = "drafts")]
pub mod draft_documents;
#[cfg(feature = "drafts")]
pub mod draft_signatures;
#[cfg(feature = "contents")]
pub mod contents;
#[cfg(feature = "docflows")]
pub mod docflow_documents;
#[cfg(feature = "docflows")]
pub mod inventories;
#[cfg(feature = "docflows")]
pub mod documents_requests;
#[cfg(feature = "builders")]
pub mod builders;
#[cfg(feature = "builders")]
pub mod builder_documents;
#[cfg(feature = "builders")]
pub mod builder_files;
#[cfg(feature = "docflows")]
pub mod replies;
#[cfg(feature = "docflows")]
pub mod inventory_replies;
#[cfg(feature = "events")]
pub mod events;
#[cfg(feature = "handbooks")]
pub mod handbooks;
#[cfg(feature = "certificates")]
pub mod certificates;
#[cfg(feature = "warrants")]
pub mod warrants;
#[cfg(feature = "organizations")]
pub mod organizations;
#[cfg(feature = "reports_tables")]
pub mod reports_tables;
pub mod token;

/// What a call can fail with: transport, status and decoding alike.
pub type Error = reqwest::Error;

/// One client for every endpoint, with its base URL and a bearer token.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    token: String,
}

impl Client {
    /// A client of the API at `base_url` (no trailing slash), sending `token`.
    pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> Self {
        Self {
            http: reqwest::Client::new(),
            base_url: base_url.into(),
            token: token.into(),
        }
    }
}
