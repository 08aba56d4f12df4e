//! The Kontur.Extern REST API's error body (`error: format: kontur_api`).

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

/// The JSON error object the Kontur.Extern API answers with: a URN `id`,
/// the status, a message for a person, and ids for Kontur's support.
///
/// Text fields are exactly as sent (except that secret values the client
/// sent are `[redacted]`); print them with
/// [`terminal_safe`](crate::terminal_safe).
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct ApiError {
    /// `id`: what went wrong, as a URN (`urn:error:externapi:concurrentApiTaskActive`).
    pub id: String,
    /// `status-code`: the HTTP status as the body states it, a number or
    /// the status's name (`permanent-redirect`).
    #[serde(rename = "status-code", default)]
    pub status_code: Option<ApiStatusCode>,
    /// `message`: the server's words (empty when absent or `null`).
    #[serde(default, deserialize_with = "text_or_empty")]
    pub message: String,
    /// `trace-id` as the body states it (`[T-587660f5(-)] `); the header
    /// `X-Kontur-Trace-Id` is in the error's [`ResponseInfo`](crate::ResponseInfo).
    #[serde(rename = "trace-id", default, deserialize_with = "text_or_none")]
    pub trace_id: Option<String>,
    /// `track-id`: another id for Kontur's support.
    #[serde(rename = "track-id", default, deserialize_with = "text_or_none")]
    pub track_id: Option<String>,
    /// `properties`: free values, keyed by name; a value that is not a
    /// string is kept as its JSON text, `null` as `None`.
    #[serde(default, deserialize_with = "properties")]
    pub properties: BTreeMap<String, Option<String>>,
    /// `context`: free-form details (the concurrent task of a locked draft).
    #[serde(default)]
    pub context: Option<serde_json::Value>,
    /// Every other member of the body, as sent: what an endpoint's own
    /// error adds (a refused draft send's `status` and `check-result`).
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// The `status-code` of an [`ApiError`]: the API writes a number, and its
/// OpenAPI description also shows status names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiStatusCode {
    /// `409`.
    Number(u16),
    /// `"permanent-redirect"`, `"Conflict"`, or a number as text.
    Name(String),
}

impl<'de> Deserialize<'de> for ApiStatusCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Number(number) => match number.as_u64().map(u16::try_from) {
                Some(Ok(code)) => ApiStatusCode::Number(code),
                _ => ApiStatusCode::Name(number.to_string()),
            },
            serde_json::Value::String(text) => match text.trim().parse::<u16>() {
                Ok(code) => ApiStatusCode::Number(code),
                Err(_) => ApiStatusCode::Name(text),
            },
            other => ApiStatusCode::Name(other.to_string()),
        })
    }
}

// An error body is read leniently: a field of an unexpected type must not
// turn the API's error into "not the API's error" (and a documented "not
// found" into a failure).

fn text_or_none<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => Some(text),
        other => Some(other.to_string()),
    })
}

fn text_or_empty<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    text_or_none(deserializer).map(Option::unwrap_or_default)
}

fn properties<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, Option<String>>, D::Error> {
    Ok(match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::Object(entries) => entries
            .into_iter()
            .map(|(key, value)| {
                let value = match value {
                    serde_json::Value::Null => None,
                    serde_json::Value::String(text) => Some(text),
                    other => Some(other.to_string()),
                };
                (key, value)
            })
            .collect(),
        _ => BTreeMap::new(),
    })
}

impl fmt::Display for ApiStatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiStatusCode::Number(code) => write!(f, "{code}"),
            ApiStatusCode::Name(name) => f.write_str(name),
        }
    }
}

impl ApiError {
    /// Reads an error body: a JSON object with a non-empty `id`. Anything
    /// else is not this API's error (an HTML page from a proxy, a body cut
    /// short), and the caller reports it as such.
    pub(crate) fn from_body(body: &[u8]) -> Option<ApiError> {
        serde_json::from_slice::<ApiError>(body)
            .ok()
            .filter(|error| !error.id.trim().is_empty())
    }

    /// Replaces the secrets the client sent in every text of the error.
    pub(crate) fn scrub(&mut self, secrets: &[secrecy::SecretString]) {
        use crate::shown::scrub;
        scrub(&mut self.id, secrets);
        scrub(&mut self.message, secrets);
        for text in [&mut self.trace_id, &mut self.track_id]
            .into_iter()
            .flatten()
        {
            scrub(text, secrets);
        }
        for value in self.properties.values_mut().flatten() {
            scrub(value, secrets);
        }
        if let Some(context) = &mut self.context {
            scrub_json(context, secrets);
        }
        let other = std::mem::take(&mut self.other);
        for (mut key, mut value) in other {
            scrub(&mut key, secrets);
            scrub_json(&mut value, secrets);
            self.other.insert(key, value);
        }
    }
}

/// Every string in `value`, keys included, with the secrets replaced.
fn scrub_json(value: &mut serde_json::Value, secrets: &[secrecy::SecretString]) {
    use crate::shown::scrub;
    match value {
        serde_json::Value::String(text) => scrub(text, secrets),
        serde_json::Value::Array(items) => {
            items.iter_mut().for_each(|item| scrub_json(item, secrets));
        }
        serde_json::Value::Object(entries) => {
            let old = std::mem::take(entries);
            for (mut key, mut item) in old {
                scrub(&mut key, secrets);
                scrub_json(&mut item, secrets);
                entries.insert(key, item);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_the_format_does_not_name_are_kept_and_scrubbed() {
        // A refused draft send, as the C# SDK's `SendFailure` reads it.
        let body = r#"{"id": "urn:error:externapi:draftCheckError", "status-code": 400,
            "message": "check failed for token-123", "status": "check-errors",
            "check-result": {"documents-errors": {}, "common-errors": [{"id": "e1", "description": "token-123"}]}}"#;
        let mut error: ApiError = serde_json::from_str(body).expect("an API error");
        assert_eq!(error.id, "urn:error:externapi:draftCheckError");
        assert_eq!(error.other["status"], "check-errors");
        assert_eq!(error.other["check-result"]["common-errors"][0]["id"], "e1");
        // Named members are not repeated among the others.
        assert!(!error.other.contains_key("message"), "{:?}", error.other);
        error.scrub(&[secrecy::SecretString::from("token-123")]);
        assert!(!error.message.contains("token-123"), "{}", error.message);
        let others = serde_json::to_string(&error.other).expect("JSON");
        assert!(!others.contains("token-123"), "{others}");
    }
}
