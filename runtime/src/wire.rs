use std::borrow::Cow;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crate::Url;

/// A value that travels as text in a form, a query or a header, or as a JSON
/// scalar. Implemented for every spec type; generated enums implement it too.
pub trait WireValue: Sized {
    /// What a valid value looks like, for error messages.
    const EXPECTED: &'static str;
    /// Whether the value must never appear in messages.
    const SECRET: bool = false;

    /// The value as text on the wire.
    fn to_wire(&self) -> Cow<'_, str>;

    /// Reads the value from text (a header, a form field).
    fn from_wire(text: &str) -> Option<Self>;

    /// Reads the value from a JSON body field.
    fn from_json(value: &Value) -> Option<Self> {
        value.as_str().and_then(Self::from_wire)
    }

    /// [`from_json`](WireValue::from_json) of a field the caller no longer
    /// needs: a string may be taken rather than copied. The value back when
    /// it does not fit.
    fn from_json_value(value: Value) -> Result<Self, Value> {
        Self::from_json(&value).ok_or(value)
    }
}

/// Anything that can be written as a parameter: every [`WireValue`] and,
/// for the spec's constants, plain text.
pub trait ToWire {
    /// The value as text on the wire.
    fn to_wire_text(&self) -> Cow<'_, str>;
    /// Whether the value is secret (header values are marked sensitive).
    fn is_secret(&self) -> bool;
}

impl<T: WireValue> ToWire for T {
    fn to_wire_text(&self) -> Cow<'_, str> {
        self.to_wire()
    }

    fn is_secret(&self) -> bool {
        T::SECRET
    }
}

impl ToWire for str {
    fn to_wire_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }

    fn is_secret(&self) -> bool {
        false
    }
}

impl WireValue for String {
    const EXPECTED: &'static str = "a string";

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }

    fn from_wire(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }

    fn from_json_value(value: Value) -> Result<Self, Value> {
        match value {
            Value::String(text) => Ok(text),
            other => Err(other),
        }
    }
}

impl WireValue for SecretString {
    const EXPECTED: &'static str = "a string";
    const SECRET: bool = true;

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.expose_secret())
    }

    fn from_wire(text: &str) -> Option<Self> {
        Some(SecretString::from(text))
    }

    /// The string taken, not copied: no copy of the secret is left behind
    /// unzeroed.
    fn from_json_value(value: Value) -> Result<Self, Value> {
        match value {
            Value::String(text) => Ok(SecretString::from(text)),
            other => Err(other),
        }
    }
}

impl WireValue for i64 {
    const EXPECTED: &'static str = "a whole number";

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }

    fn from_wire(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }

    fn from_json(value: &Value) -> Option<Self> {
        value.as_i64()
    }
}

impl WireValue for bool {
    const EXPECTED: &'static str = "true or false";

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }

    /// Kontur sends `True`; any ASCII case is accepted.
    fn from_wire(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("true") {
            Some(true)
        } else if text.eq_ignore_ascii_case("false") {
            Some(false)
        } else {
            None
        }
    }

    fn from_json(value: &Value) -> Option<Self> {
        value.as_bool()
    }
}

/// The longest lifetime a `duration_seconds` value may have: ten years.
/// Anything longer is a broken server, and adding it to a clock could
/// overflow.
pub const MAX_DURATION_SECS: u64 = 10 * 365 * 24 * 60 * 60;

impl WireValue for Duration {
    const EXPECTED: &'static str = "a whole number of seconds from 1 to 315360000 (ten years)";

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.as_secs().to_string())
    }

    fn from_wire(text: &str) -> Option<Self> {
        text.trim().parse().ok().and_then(seconds)
    }

    fn from_json(value: &Value) -> Option<Self> {
        value.as_u64().and_then(seconds)
    }
}

/// A lifetime in seconds; zero and absurd lengths are refused.
fn seconds(count: u64) -> Option<Duration> {
    (1..=MAX_DURATION_SECS)
        .contains(&count)
        .then(|| Duration::from_secs(count))
}

impl WireValue for Url {
    const EXPECTED: &'static str = "an absolute URL";

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }

    fn from_wire(text: &str) -> Option<Self> {
        Url::parse(text).ok()
    }
}

/// A UUID from a spec, which the spec checker has already read.
pub fn checked_uuid(text: &str) -> uuid::Uuid {
    match uuid::Uuid::parse_str(text) {
        Ok(uuid) => uuid,
        Err(error) => unreachable!("the spec checker accepted the UUID `{text}`: {error}"),
    }
}

/// A date and time from a spec, which the spec checker has already read.
pub fn checked_datetime(text: &str) -> crate::DateTime {
    match text.parse::<crate::DateTime>() {
        Ok(datetime) => datetime,
        Err(error) => unreachable!("the spec checker accepted the date and time `{text}`: {error}"),
    }
}

/// A URL from a spec, which the spec checker has already parsed with the
/// same `url` crate when the code was generated.
pub fn checked_url(text: &str) -> Url {
    match Url::parse(text) {
        Ok(url) => url,
        Err(error) => unreachable!("the spec checker accepted the URL `{text}`: {error}"),
    }
}
