//! How the endpoint's errors read (`error.format`: OAuth 2.0 or the API's
//! own body), and an example's error body judged against it. Runtime half:
//! `error.rs`, `api_error.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostic::Collector;
use crate::model::{Endpoint, ErrorFormat};
use crate::spec::{ExampleSpec, SpecFile};
use crate::yaml::position_of;

/// An example's error body, in the spec's error format.
pub(crate) fn check_error_body(
    cx: &mut Collector,
    spec: &ExampleSpec,
    json: &serde_json::Value,
    format: ErrorFormat,
) {
    let (key, what) = match format {
        ErrorFormat::OAuth2 => ("error", "RFC 6749 section 5.2"),
        ErrorFormat::KonturApi => ("id", "the Kontur.Extern API's error object"),
    };
    if !json.get(key).is_some_and(serde_json::Value::is_string) {
        cx.error(
            position_of(&spec.response.body),
            format!(
                "example `{}`: an error response needs an `{key}` string field ({what})",
                spec.name.value
            ),
        );
    }
}

/// `::kontur_extern::ErrorFormat::…` of the endpoint.
pub(crate) fn error_format(endpoint: &Endpoint) -> TokenStream {
    match endpoint.error {
        ErrorFormat::OAuth2 => quote!(::kontur_extern::ErrorFormat::OAuth2),
        ErrorFormat::KonturApi => quote!(::kontur_extern::ErrorFormat::KonturApi),
    }
}

/// `error.format`: which error body the endpoint's errors carry.
pub(crate) fn check_format(cx: &mut Collector, spec: &SpecFile, version: u8) -> ErrorFormat {
    match spec.error.format.value.as_str() {
        "oauth2" => ErrorFormat::OAuth2,
        "kontur_api" if version == 2 => ErrorFormat::KonturApi,
        other => {
            let expected = if version == 2 {
                "`oauth2` or `kontur_api`"
            } else {
                "`oauth2` (`kontur_api` needs `spec: 2`)"
            };
            cx.error(
                position_of(&spec.error.format),
                format!("unknown error format `{other}`; expected {expected}"),
            );
            ErrorFormat::OAuth2
        }
    }
}
