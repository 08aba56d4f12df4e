//! Outcomes at a client-error status: a result that the API answers with a
//! status from 400 to 499 and a JSON body, such as a refused draft send
//! (400), which the C# SDK reads as the send's result, not as an error
//! (`DoNotFailOnBadRequestsWithPayloads` in its `DraftsClient.cs`).
//!
//! The status is read as the outcome's body first. A body that does not fit
//! it is read as that status's error, as any status no outcome names is
//! (`Error::Api` for the API's error body), so that an ordinary 400 (a
//! malformed request) keeps its error; a body that is neither is the
//! outcome's decode error. Runtime half: `Incoming::result_or_error` in
//! `decode.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::diagnostic::Collector;
use crate::spec::OutcomeSpec;
use crate::yaml::position_of;

/// Whether `status` (400 to 599) may be an outcome's, and the outcome one
/// with a JSON body: the body is what makes the answer a result. `None`,
/// reported, when it may not.
pub(super) fn check_error_status(
    cx: &mut Collector,
    outcome: &OutcomeSpec,
    status: u16,
    not_found_listed: bool,
    has_body: bool,
) -> Option<u16> {
    let status_at = position_of(&outcome.status);
    let refused = match status {
        401 => Some(
            "status 401 cannot be an outcome: bearer auth owns it (the client signs in again and \
             repeats the request once; a second 401 is `Error::TokenRefused`)"
                .to_owned(),
        ),
        407 => Some(
            "status 407 cannot be an outcome: it is a proxy asking for credentials, not the API's \
             answer"
                .to_owned(),
        ),
        429 => Some(
            "status 429 cannot be an outcome: the retry policy owns it (the client waits as the \
             server asks and sends the request again)"
                .to_owned(),
        ),
        404 if not_found_listed => Some(
            "status 404 is this spec's \"not found\" (`not_found: true`); a 404 outcome with a \
             body cannot share it: keep one"
                .to_owned(),
        ),
        500..=599 => Some(format!(
            "outcome status {status} is a server error, a failure and not a result (the retry \
             policy repeats 502, 503 and 504; the C# SDK reads no body of a 5xx); errors are \
             decoded by the error format"
        )),
        _ => None,
    };
    if let Some(problem) = refused {
        cx.error(status_at, problem);
        return None;
    }
    let binary = outcome.binary.as_ref().is_some_and(|b| b.value);
    if binary || !has_body {
        cx.error(
            status_at,
            format!(
                "an outcome at error status {status} needs a JSON `body` (`content_type: \
                 application/json`): the body is what makes the answer a result; without one, \
                 a {status} is an error, decoded by the error format"
            ),
        );
        return None;
    }
    Some(status)
}

/// How `decode` opens the body of an outcome at an error status: as the
/// outcome's type, else as the status's error in `error_format`.
pub(super) fn open_body(
    decoder: &TokenStream,
    ty: &TokenStream,
    keys: &[String],
    error_format: &TokenStream,
) -> TokenStream {
    quote! {
        let (#decoder, json) = incoming.result_or_error::<#ty>(&[#( #keys ),*], #error_format)?;
    }
}

/// What an outcome at an error status adds to its struct's doc.
pub(super) const DOC: &str = "A result that the API answers with an error status. A body of \
     that status that does not fit it is read as the error it is (`Error::Api` for the API's \
     error body), as for a status no outcome names.";
