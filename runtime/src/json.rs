//! What generated serde code calls for JSON bodies: durations in whole
//! seconds, secrets, and unions (tagged and untagged). Not a public API;
//! reached through `__private`.

use std::cell::RefCell;
use std::fmt::{self, Write};
use std::marker::PhantomData;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Unexpected, Visitor};
use serde::ser::{Error as _, SerializeMap};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::json_path::UnionFailure;
use crate::{MAX_DURATION_SECS, WireValue};

thread_local! {
    // The secrets serialized on this thread while a JSON request body is
    // being written, so that the client can scrub them from whatever a
    // server echoes back, as it does for secret form fields.
    static SECRETS_SEEN: RefCell<Option<Vec<SecretString>>> = const { RefCell::new(None) };
}

/// Runs `write` and returns, beside its result, every secret that
/// [`serialize_secret`] and [`serialize_option_secret`] wrote meanwhile on
/// this thread. Serialization is synchronous, so the thread is the scope.
pub(crate) fn collecting_secrets<R>(write: impl FnOnce() -> R) -> (R, Vec<SecretString>) {
    /// Puts the outer collection back, also when `write` panics.
    struct Restore(Option<Vec<SecretString>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            SECRETS_SEEN.with(|seen| *seen.borrow_mut() = outer);
        }
    }
    let restore = Restore(SECRETS_SEEN.with(|seen| seen.borrow_mut().replace(Vec::new())));
    let result = write();
    let secrets = SECRETS_SEEN
        .with(|seen| seen.borrow_mut().take())
        .unwrap_or_default();
    drop(restore);
    (result, secrets)
}

fn remember_secret(secret: &SecretString) {
    SECRETS_SEEN.with(|seen| {
        if let Ok(mut seen) = seen.try_borrow_mut()
            && let Some(seen) = seen.as_mut()
        {
            seen.push(secret.clone());
        }
    });
}

/// Writes a [`SecretString`] as a JSON string (`#[serde(serialize_with)]`):
/// secrecy does not implement `Serialize`, so that no secret is written
/// by accident.
pub fn serialize_secret<S: Serializer>(secret: &SecretString, s: S) -> Result<S::Ok, S::Error> {
    remember_secret(secret);
    s.serialize_str(secret.expose_secret())
}

/// Writes an optional [`SecretString`]: `null` when absent (or leave it out
/// with `skip_serializing_if`).
pub fn serialize_option_secret<S: Serializer>(
    secret: &Option<SecretString>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match secret {
        Some(secret) => {
            remember_secret(secret);
            s.serialize_some(secret.expose_secret())
        }
        None => s.serialize_none(),
    }
}

/// `std::time::Duration` as a whole number of seconds in JSON
/// (`#[serde(with = "…::duration_seconds")]`): read from 1 to
/// [`MAX_DURATION_SECS`], as in a form; written as its whole seconds.
pub mod duration_seconds {
    use super::*;

    /// Writes the whole seconds; a fraction of a second is dropped, as in a
    /// form or a header.
    pub fn serialize<S: Serializer>(duration: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(duration.as_secs())
    }

    /// Reads a whole number of seconds from 1 to [`MAX_DURATION_SECS`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        d.deserialize_u64(SecondsVisitor)
    }
}

/// `Option<Duration>` as whole seconds or `null`
/// (`#[serde(default, with = "…::option_duration_seconds")]`; `default`
/// makes an absent key `None`).
pub mod option_duration_seconds {
    use super::*;

    /// Writes the whole seconds, or `null`.
    pub fn serialize<S: Serializer>(duration: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
        match duration {
            Some(duration) => s.serialize_some(&Seconds(*duration)),
            None => s.serialize_none(),
        }
    }

    /// Reads `null` as `None`, a number as in
    /// [`duration_seconds`](super::duration_seconds).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
        Option::<Seconds>::deserialize(d).map(|seconds| seconds.map(|seconds| seconds.0))
    }
}

/// A [`Duration`] that serde reads and writes as whole seconds.
struct Seconds(Duration);

impl Serialize for Seconds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        duration_seconds::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for Seconds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        duration_seconds::deserialize(d).map(Seconds)
    }
}

struct SecondsVisitor;

impl Visitor<'_> for SecondsVisitor {
    type Value = Duration;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(<Duration as WireValue>::EXPECTED)
    }

    fn visit_u64<E: de::Error>(self, count: u64) -> Result<Duration, E> {
        if (1..=MAX_DURATION_SECS).contains(&count) {
            Ok(Duration::from_secs(count))
        } else {
            Err(E::invalid_value(Unexpected::Unsigned(count), &self))
        }
    }

    fn visit_i64<E: de::Error>(self, count: i64) -> Result<Duration, E> {
        match u64::try_from(count) {
            Ok(count) => self.visit_u64(count),
            Err(_) => Err(E::invalid_value(Unexpected::Signed(count), &self)),
        }
    }
}

/// The string value of `key` in the JSON object `raw`: which variant of a
/// tagged union it is. `None` when the key is absent or its value is not a
/// string; the first entry counts when the key is repeated. Reads `raw`
/// once and skips the other entries without building them. An error when
/// `raw` is not an object.
pub fn union_tag(raw: &RawValue, key: &str) -> Result<Option<String>, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(raw.get());
    let tag = (&mut deserializer).deserialize_map(TagVisitor { key })?;
    deserializer.end()?;
    Ok(tag)
}

struct TagVisitor<'k> {
    key: &'k str,
}

impl<'de> Visitor<'de> for TagVisitor<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object with a `{}` entry", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
        let mut tag = None;
        let mut seen = false;
        while let Some(is_tag) = map.next_key_seed(KeyIs(self.key))? {
            if is_tag && !seen {
                seen = true;
                tag = map.next_value::<StringOrNothing>()?.0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(tag)
    }
}

/// Reads a map key and tells whether it is the one sought, unescaped and
/// without keeping it.
struct KeyIs<'k>(&'k str);

impl<'de> DeserializeSeed<'de> for KeyIs<'_> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for KeyIs<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

/// A string value, or `None` for any other JSON value, which is skipped.
struct StringOrNothing(Option<String>);

impl<'de> Deserialize<'de> for StringOrNothing {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StringOrNothingVisitor)
            .map(StringOrNothing)
    }
}

struct StringOrNothingVisitor;

impl<'de> Visitor<'de> for StringOrNothingVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Some(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Some(text))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| None)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        IgnoredAny.visit_map(map).map(|_| None)
    }
}

/// serde_json's words for `error` without its ` at line L column C`.
///
/// serde_json reads a position back out of the words of an error made with
/// `de::Error::custom`: a union's error, from decoding its own JSON text,
/// would keep a place in that text, which the body's decoder would take for
/// one in the whole body. Without it, serde_json places the error where the
/// reader of the body is (see `json_path`).
pub fn unplaced(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(shorter) => shorter.to_owned(),
        None => message,
    }
}

thread_local! {
    /// The last error a union raised on this thread, for the body's decoder
    /// to place it: a union's error is placed by serde_json after the
    /// union's value, where a value of the wrong type is not.
    static UNION_FAILURE: RefCell<Option<UnionFailure>> = const { RefCell::new(None) };
}

/// Records `failure` as the last union error of this thread; its words.
fn record(failure: UnionFailure) -> String {
    let message = failure.message.clone();
    UNION_FAILURE.with(|last| *last.borrow_mut() = Some(failure));
    message
}

/// The union error recorded since the last call, if any; forgets it.
pub(crate) fn take_union_failure() -> Option<UnionFailure> {
    UNION_FAILURE.with(|last| last.borrow_mut().take())
}

/// The error of a union that reads its tag from its own JSON text (`raw`),
/// or of an untagged one: `error`'s words, recorded for the body's decoder.
pub fn union_error<E: de::Error>(raw: &RawValue, error: &serde_json::Error) -> E {
    raised(unplaced(error), raw, false)
}

/// A union's error with `message`, recorded with the length of its text
/// `raw` (and whether it was `held` by its parent) for the body's decoder.
fn raised<E: de::Error>(message: String, raw: &RawValue, held: bool) -> E {
    E::custom(record(UnionFailure {
        message,
        len: Some(raw.get().len()),
        held,
    }))
}

/// The error of a union tagged in its parent, held at `key` (in a list, at
/// `index` in it), read from its kept text `raw` in the parent's visitor of
/// its entries: `key: words` or `key[index]: words`, recorded for the
/// body's decoder, which places it at the parent.
pub fn held_union_error<E: de::Error>(
    key: &str,
    index: Option<usize>,
    raw: &RawValue,
    error: &serde_json::Error,
) -> E {
    let message = match index {
        Some(index) => format!("{key}[{index}]: {}", unplaced(error)),
        None => format!("{key}: {}", unplaced(error)),
    };
    raised(message, raw, true)
}

/// The error of an untagged union none of whose variants decodes from its
/// JSON text `raw`, with the words of [`untagged_error`].
pub fn untagged_union_error<E: de::Error>(
    raw: &RawValue,
    union: &str,
    failures: Vec<(&'static str, serde_json::Error)>,
) -> E {
    raised(untagged_words(union, failures), raw, false)
}

/// The message for an untagged union none of whose variants decodes: each
/// variant, in the order tried, with serde_json's reason.
///
/// `no variant of Foo fits: A (missing field `x` at line 1 column 5); B (…)`
///
/// Recorded for the body's decoder, like [`untagged_union_error`], which
/// generated unions call, but without the length of the union's text.
pub fn untagged_error(union: &str, failures: Vec<(&'static str, serde_json::Error)>) -> String {
    let message = untagged_words(union, failures);
    record(UnionFailure {
        message,
        len: None,
        held: false,
    })
}

fn untagged_words(union: &str, failures: Vec<(&'static str, serde_json::Error)>) -> String {
    let mut message = format!("no variant of {union} fits");
    for (index, (variant, error)) in failures.iter().enumerate() {
        let separator = if index == 0 { ": " } else { "; " };
        // Writing to a String cannot fail.
        let _ = write!(message, "{separator}{variant} ({error})");
    }
    message
}

/// Writes `value`, which serializes as a JSON object, with the entry
/// `key: tag` first: a variant of a union tagged in its own object. An
/// entry `key` that `value` has itself is left out, so the tag is written
/// once. An error when `value` is not an object.
///
/// Goes through a `serde_json::Value` (unions are small), so the variant's
/// own entries come in key order.
pub fn serialize_tagged<S: Serializer, T: Serialize + ?Sized>(
    serializer: S,
    key: &str,
    tag: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let Value::Object(object) = serde_json::to_value(value).map_err(S::Error::custom)? else {
        return Err(S::Error::custom(format_args!(
            "the union variant tagged `{tag}` must be written as a JSON object to carry its `{key}` entry"
        )));
    };
    let own_tag = usize::from(object.contains_key(key));
    let mut map = serializer.serialize_map(Some(object.len() + 1 - own_tag))?;
    map.serialize_entry(key, tag)?;
    for (name, item) in &object {
        if name != key {
            map.serialize_entry(name, item)?;
        }
    }
    map.end()
}

/// Reads a string and turns it into `T` with `from_wire`, without an
/// allocation when the JSON text has no escapes: open enums decode as fast
/// as derived ones, and only an unknown value is copied.
pub fn deserialize_str_with<'de, D, T>(
    deserializer: D,
    from_wire: fn(&str) -> T,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Text<T>(fn(&str) -> T);

    impl<T> serde::de::Visitor<'_> for Text<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            Ok((self.0)(text))
        }
    }

    deserializer.deserialize_str(Text(from_wire))
}

// ------------------------------------------------- unions tagged in the parent

/// A union tagged in its parent (`tag_in: parent`; the generated union
/// implements it): the variant its tag names, read from the union's own
/// JSON. The parent's generated `Deserialize` reads the union in place with
/// [`TagSeed`] when the tag came first, as the API sends it, and keeps its
/// JSON as a `RawValue` for [`from_raw_tagged`] only when the union came
/// before its tag.
pub trait TaggedInParent: Sized {
    /// The variant `tag` names, `Unknown` (the JSON as it came) for a tag no
    /// variant lists or none, read from `deserializer`.
    fn deserialize_tagged<'de, D: Deserializer<'de>>(
        tag: Option<&str>,
        deserializer: D,
    ) -> Result<Self, D::Error>;
}

/// The union `U` that `tag` names, from its JSON kept while the tag was not
/// yet known.
pub fn from_raw_tagged<U: TaggedInParent>(
    tag: Option<&str>,
    raw: &RawValue,
) -> Result<U, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(raw.get());
    let value = U::deserialize_tagged(tag, &mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Reads the union `U` in place, its tag already known.
pub struct TagSeed<'t, U> {
    tag: Option<&'t str>,
    union: PhantomData<fn() -> U>,
}

impl<'t, U> TagSeed<'t, U> {
    /// The seed of the variant `tag` names.
    pub fn new(tag: Option<&'t str>) -> Self {
        TagSeed {
            tag,
            union: PhantomData,
        }
    }
}

impl<U> Clone for TagSeed<'_, U> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<U> Copy for TagSeed<'_, U> {}

impl<'de, U: TaggedInParent> DeserializeSeed<'de> for TagSeed<'_, U> {
    type Value = U;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<U, D::Error> {
        U::deserialize_tagged(self.tag, deserializer)
    }
}

/// What the seed `S` reads, or `None` for `null`: an optional or nullable
/// field read with a seed.
pub struct OptionSeed<S>(pub S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for OptionSeed<S> {
    type Value = Option<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for OptionSeed<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

/// A list of what the seed `S` reads: a list of unions that one tag of the
/// parent types alike.
pub struct ListSeed<S>(pub S);

impl<'de, S: DeserializeSeed<'de> + Clone> DeserializeSeed<'de> for ListSeed<S> {
    type Value = Vec<S::Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, S: DeserializeSeed<'de> + Clone> Visitor<'de> for ListSeed<S> {
    type Value = Vec<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // A hint from the input is not trusted for more than a little.
        let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(value) = seq.next_element_seed(self.0.clone())? {
            values.push(value);
        }
        Ok(values)
    }
}

/// Reads an object's key as the index of its field, by `index` (the
/// generated `match` on the names, which gives an index past the fields for
/// a key the object does not have), without keeping the key.
pub struct FieldKey<F>(pub F);

impl<'de, F: FnOnce(&str) -> usize> DeserializeSeed<'de> for FieldKey<F> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, F: FnOnce(&str) -> usize> Visitor<'de> for FieldKey<F> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<usize, E> {
        Ok((self.0)(name))
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<usize, E> {
        match std::str::from_utf8(name) {
            Ok(name) => Ok((self.0)(name)),
            Err(_) => Ok(usize::MAX),
        }
    }
}

/// A documented JSON body as the typed value of an example. The spec
/// checker has fitted the text to the type at compile time, so a failure
/// here means the checker and the runtime disagree: a bug in this crate,
/// which the message says, never bad input.
pub fn documented_json<T: serde::de::DeserializeOwned>(text: &str) -> T {
    match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => panic!(
            "kontur-extern bug: a documented JSON body that the spec checker accepted does not \
             decode ({error}); please report it"
        ),
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Lifetimes {
        #[serde(with = "duration_seconds")]
        required: Duration,
        #[serde(default, with = "option_duration_seconds")]
        optional: Option<Duration>,
    }

    #[test]
    fn durations_travel_as_whole_seconds_in_range() {
        let read: Lifetimes = serde_json::from_str(r#"{"required": 3600}"#).unwrap();
        assert_eq!(
            read,
            Lifetimes {
                required: Duration::from_secs(3600),
                optional: None
            }
        );
        let read: Lifetimes =
            serde_json::from_str(r#"{"required": 1, "optional": 315360000}"#).unwrap();
        assert_eq!(read.optional, Some(Duration::from_secs(MAX_DURATION_SECS)));
        let read: Lifetimes = serde_json::from_str(r#"{"required": 1, "optional": null}"#).unwrap();
        assert_eq!(read.optional, None);

        let written = serde_json::to_value(Lifetimes {
            required: Duration::from_millis(90_500),
            optional: Some(Duration::from_secs(7)),
        })
        .unwrap();
        assert_eq!(written, json!({"required": 90, "optional": 7}));
        let written = serde_json::to_value(Lifetimes {
            required: Duration::from_secs(1),
            optional: None,
        })
        .unwrap();
        assert_eq!(written, json!({"required": 1, "optional": null}));

        for (body, found) in [
            (r#"{"required": 0}"#, "invalid value: integer `0`"),
            (
                r#"{"required": 315360001}"#,
                "invalid value: integer `315360001`",
            ),
            (r#"{"required": -5}"#, "invalid value: integer `-5`"),
            (r#"{"required": 1.5}"#, "invalid type: floating point `1.5`"),
            (r#"{"required": "60"}"#, "invalid type: string \"60\""),
            (
                r#"{"required": 1, "optional": 0}"#,
                "invalid value: integer `0`",
            ),
        ] {
            let error = serde_json::from_str::<Lifetimes>(body)
                .unwrap_err()
                .to_string();
            assert!(error.starts_with(found), "{body}: {error}");
            assert!(
                error.contains("a whole number of seconds from 1 to 315360000"),
                "{body}: {error}"
            );
        }
    }

    #[derive(Serialize)]
    struct Login {
        user: String,
        #[serde(serialize_with = "serialize_secret")]
        password: SecretString,
        #[serde(serialize_with = "serialize_option_secret")]
        otp: Option<SecretString>,
        #[serde(
            serialize_with = "serialize_option_secret",
            skip_serializing_if = "Option::is_none"
        )]
        recovery: Option<SecretString>,
    }

    #[test]
    fn secrets_are_written_and_remembered_while_collecting() {
        let login = Login {
            user: "u".into(),
            password: "p@ss".into(),
            otp: Some("123456".into()),
            recovery: None,
        };
        let (written, secrets) = collecting_secrets(|| serde_json::to_value(&login));
        assert_eq!(
            written.unwrap(),
            json!({"user": "u", "password": "p@ss", "otp": "123456"})
        );
        let secrets: Vec<&str> = secrets.iter().map(|s| s.expose_secret()).collect();
        assert_eq!(secrets, ["p@ss", "123456"]);

        // Outside a collection nothing is kept, and a later one starts empty.
        serde_json::to_value(&login).unwrap();
        let (_, secrets) = collecting_secrets(|| serde_json::to_value(json!({"a": 1})));
        assert!(secrets.is_empty());
        let none = Login { otp: None, ..login };
        assert_eq!(
            serde_json::to_value(&none).unwrap(),
            json!({"user": "u", "password": "p@ss", "otp": null})
        );
    }

    #[test]
    fn a_panic_while_collecting_leaves_no_collection_behind() {
        let panicked = std::panic::catch_unwind(|| collecting_secrets(|| panic!("boom")));
        assert!(panicked.is_err());
        assert!(SECRETS_SEEN.with(|seen| seen.borrow().is_none()));
    }

    fn tag(json: &str, key: &str) -> Result<Option<String>, serde_json::Error> {
        let raw = RawValue::from_string(json.to_owned()).expect("valid test JSON");
        union_tag(&raw, key)
    }

    #[test]
    fn union_tags_are_read_from_the_top_level_object_only() {
        let body = r#"{"id": 1, "nested": {"type": "inner"}, "list": [{"type": "x"}], "type": "urn:docflow:fns534-report", "z": null}"#;
        assert_eq!(
            tag(body, "type").unwrap().as_deref(),
            Some("urn:docflow:fns534-report")
        );
        assert_eq!(
            tag(r#"{"ty\u0070e": "esc\"aped"}"#, "type")
                .unwrap()
                .as_deref(),
            Some("esc\"aped")
        );
        assert_eq!(
            tag(r#"{"type": "first", "type": "second"}"#, "type")
                .unwrap()
                .as_deref(),
            Some("first")
        );
        assert_eq!(
            tag(r#"{"nested": {"type": "inner"}}"#, "type").unwrap(),
            None
        );
        assert_eq!(tag("{}", "type").unwrap(), None);
        for not_a_string in ["1", "-1", "1.5", "true", "null", "[\"a\"]", r#"{"a": "b"}"#] {
            let body = format!(r#"{{"type": {not_a_string}, "after": "x"}}"#);
            assert_eq!(tag(&body, "type").unwrap(), None, "{body}");
        }
        for not_an_object in [r#""type""#, "[]", "null", "3"] {
            let error = tag(not_an_object, "type").unwrap_err().to_string();
            assert!(
                error.contains("expected a JSON object with a `type` entry"),
                "{not_an_object}: {error}"
            );
        }
    }

    #[test]
    fn untagged_errors_name_every_variant_and_its_reason() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct A {
            x: i64,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct B {
            y: String,
        }
        let body = r#"{"y": 5}"#;
        let failures = vec![
            ("A", serde_json::from_str::<A>(body).unwrap_err()),
            ("B", serde_json::from_str::<B>(body).unwrap_err()),
        ];
        assert_eq!(
            untagged_error("Foo", failures),
            "no variant of Foo fits: A (missing field `x` at line 1 column 8); \
             B (invalid type: integer `5`, expected a string at line 1 column 7)"
        );
        assert_eq!(untagged_error("Foo", Vec::new()), "no variant of Foo fits");
    }

    #[test]
    fn tagged_variants_are_written_with_the_tag_first() {
        #[derive(Serialize)]
        struct Report {
            #[serde(rename = "report-inn")]
            report_inn: String,
            #[serde(rename = "type")]
            own: &'static str,
        }
        let report = Report {
            report_inn: "6676130154".into(),
            own: "stale",
        };
        let text = {
            let mut out = Vec::new();
            let mut serializer = serde_json::Serializer::new(&mut out);
            serialize_tagged(
                &mut serializer,
                "type",
                "urn:docflow:fns534-report",
                &report,
            )
            .unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(
            text,
            r#"{"type":"urn:docflow:fns534-report","report-inn":"6676130154"}"#
        );

        let mut out = Vec::new();
        let error = serialize_tagged(
            &mut serde_json::Serializer::new(&mut out),
            "type",
            "urn:x",
            &5,
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.contains("must be written as a JSON object"),
            "{error}"
        );
    }

    // The JSON body paths of the decoder, the encoder and the documented
    // request, with types shaped like the ones the generator writes.

    use std::collections::BTreeMap;

    use crate::decode::ResponseDecoder;
    use crate::encode::{RequestEncoder, SentSecrets};
    use crate::{
        Bytes, Date, DateTime, DocumentedRequest, Endpoint, Error, ErrorFormat, Example, Metadata,
        Url, Uuid,
    };

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    struct Docflow {
        id: Uuid,
        #[serde(default)]
        send_date: Option<DateTime>,
        description: Description,
        documents: Vec<Document>,
        #[serde(default)]
        properties: BTreeMap<String, Option<String>>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    struct Document {
        id: Uuid,
        signatures: Vec<Signature>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    struct Signature {
        content_link: Link,
        #[serde(default)]
        content: Option<Bytes>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Link {
        href: String,
        rel: String,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    struct ReportDescription {
        report_inn: String,
        #[serde(default)]
        period_begin: Option<Date>,
    }

    /// A union tagged by its own `type`, as generated.
    #[derive(Debug, PartialEq)]
    enum Description {
        Report(ReportDescription),
        Unknown(Value),
    }

    impl<'de> Deserialize<'de> for Description {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let raw = Box::<RawValue>::deserialize(d)?;
            let tag =
                union_tag(&raw, "type").map_err(|error| union_error::<D::Error>(&raw, &error))?;
            match tag.as_deref() {
                Some("urn:docflow:fns534-report") => serde_json::from_str(raw.get())
                    .map(Description::Report)
                    .map_err(|error| union_error(&raw, &error)),
                _ => serde_json::from_str(raw.get())
                    .map(Description::Unknown)
                    .map_err(|error| union_error(&raw, &error)),
            }
        }
    }

    /// An untagged union, as generated: the first variant that fits.
    #[derive(Debug, PartialEq)]
    enum Amount {
        Number(i64),
        Text(String),
    }

    impl<'de> Deserialize<'de> for Amount {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            use serde::de::Error as _;
            let raw = Box::<RawValue>::deserialize(d)?;
            let number = match serde_json::from_str(raw.get()) {
                Ok(value) => return Ok(Amount::Number(value)),
                Err(error) => error,
            };
            let text = match serde_json::from_str(raw.get()) {
                Ok(value) => return Ok(Amount::Text(value)),
                Err(error) => error,
            };
            Err(D::Error::custom(untagged_error(
                "Amount",
                vec![("Number", number), ("Text", text)],
            )))
        }
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Payments {
        amounts: Vec<Amount>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    #[allow(dead_code)]
    struct Credentials {
        user: String,
        access_token: String,
        content: String,
        count: i64,
    }

    const DOCFLOW: &str = r#"{
        "id": "a9bc74bd-311b-43f0-aff7-faba24ce35d9",
        "send-date": "2020-02-26T09:51:08.4636938",
        "description": {"type": "urn:docflow:fns534-report", "report-inn": "6676130154",
                        "period-begin": "2012-01-01T00:00:00.0000000"},
        "documents": [
            {"id": "988b38f1-5580-4ba9-b9f8-3215e7f392ea", "signatures": []},
            {"id": "1816fdca-e743-4eb9-8221-b26b0762e015", "signatures": [
                {"content-link": {"rel": "content", "href": "https://x/content"}, "content": "AP9o"}
            ]}
        ],
        "properties": {"КНД": "1151001", "AccountingPeriodEnd": null}
    }"#;

    fn response(status: u16, body: &[u8]) -> http::Response<Vec<u8>> {
        let mut response = http::Response::new(body.to_vec());
        *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
        response
            .headers_mut()
            .insert(crate::TRACE_ID_HEADER, "T-1".parse().unwrap());
        response
    }

    fn decode<T: serde::de::DeserializeOwned>(
        status: u16,
        body: &str,
        secret_keys: &[&str],
    ) -> Result<T, Error> {
        ResponseDecoder::with_json_body::<T>(
            response(status, body.as_bytes()),
            secret_keys,
            crate::ErrorFormat::OAuth2,
        )
        .map(|(_, value)| value)
    }

    /// The path and problem of a [`Error::DecodeBody`].
    fn decode_error<T: serde::de::DeserializeOwned + fmt::Debug>(
        body: &str,
        secret_keys: &[&str],
    ) -> (String, String) {
        match decode::<T>(200, body, secret_keys) {
            Err(Error::DecodeBody {
                path,
                problem,
                response,
            }) => {
                assert_eq!(response.trace_id.as_deref(), Some("T-1"));
                (path, problem)
            }
            other => panic!("expected Error::DecodeBody, got {other:?}"),
        }
    }

    #[test]
    fn json_bodies_decode_nested_types_and_keep_the_headers() {
        let (decoder, docflow) = ResponseDecoder::with_json_body::<Docflow>(
            response(200, DOCFLOW.as_bytes()),
            &[],
            crate::ErrorFormat::OAuth2,
        )
        .unwrap();
        assert_eq!(
            decoder
                .header::<String>(&crate::decode::TRACE_ID_KEY)
                .unwrap(),
            "T-1"
        );
        assert_eq!(
            docflow.id.to_string(),
            "a9bc74bd-311b-43f0-aff7-faba24ce35d9"
        );
        assert!(matches!(docflow.send_date, Some(DateTime::Local(_))));
        let Description::Report(report) = &docflow.description else {
            panic!("{:?}", docflow.description);
        };
        assert_eq!(report.report_inn, "6676130154");
        assert_eq!(
            report.period_begin.map(|date| date.to_string()).as_deref(),
            Some("2012-01-01")
        );
        assert_eq!(
            docflow.documents[1].signatures[0].content_link.rel,
            "content"
        );
        assert_eq!(
            docflow.documents[1].signatures[0].content.as_deref(),
            Some(&[0u8, 255, 104][..])
        );
        assert_eq!(docflow.properties["КНД"].as_deref(), Some("1151001"));

        let other = DOCFLOW.replace("urn:docflow:fns534-report", "urn:docflow:pfr-report");
        let docflow = decode::<Docflow>(200, &other, &[]).unwrap();
        let Description::Unknown(kept) = docflow.description else {
            panic!("{:?}", docflow.description);
        };
        assert_eq!(kept["type"], "urn:docflow:pfr-report");
    }

    #[test]
    fn json_bodies_are_decompressed_and_capped_like_field_bodies() {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(DOCFLOW.as_bytes()).unwrap();
        let mut gzipped = response(200, &encoder.finish().unwrap());
        gzipped
            .headers_mut()
            .insert(http::header::CONTENT_ENCODING, "gzip".parse().unwrap());
        let (_, docflow) =
            ResponseDecoder::with_json_body::<Docflow>(gzipped, &[], crate::ErrorFormat::OAuth2)
                .unwrap();
        assert_eq!(docflow.documents.len(), 2);

        let huge = format!(r#"{{"user": "{}"}}"#, "x".repeat(crate::MAX_BODY_BYTES));
        let error = decode::<Value>(200, &huge, &[]).unwrap_err();
        assert!(error.to_string().contains("larger than"), "{error}");
    }

    #[test]
    fn error_statuses_are_errors_before_the_body_type_is_tried() {
        let error = decode::<Docflow>(400, r#"{"error": "invalid_grant"}"#, &[]).unwrap_err();
        assert!(matches!(error, Error::OAuth2 { .. }), "{error:?}");
        let error = decode::<Docflow>(
            409,
            r#"{"id": "urn:error:externapi:concurrentApiTaskActive", "status-code": 409}"#,
            &[],
        )
        .unwrap_err();
        assert!(
            matches!(&error, Error::UnexpectedBody { response, .. } if response.status == 409),
            "{error:?}"
        );
    }

    #[test]
    fn text_that_is_not_json_is_an_unexpected_body() {
        for (body, problem) in [
            ("<html>bad gateway</html>", "the body is not JSON"),
            (r#"{"id": "a9bc74bd-"#, "the body is not JSON"),
            ("", "the body is empty"),
            ("  \n", "the body is empty"),
        ] {
            match decode::<Docflow>(200, body, &[]) {
                Err(Error::UnexpectedBody { problem: found, .. }) => {
                    assert!(found.starts_with(problem), "{body:?}: {found}");
                }
                other => panic!("{body:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn an_empty_204_is_a_value_only_for_types_that_read_null() {
        assert_eq!(decode::<Option<Link>>(204, "", &[]).unwrap(), None);
        assert_eq!(decode::<()>(204, "", &[]).unwrap(), ());
        let error = decode::<Link>(204, "", &[]).unwrap_err();
        assert!(error.to_string().contains("the body is empty"), "{error}");
        let error = decode::<Option<Link>>(200, "", &[]).unwrap_err();
        assert!(error.to_string().contains("the body is empty"), "{error}");
        assert_eq!(
            decode::<Option<Link>>(204, r#"{"href": "h", "rel": "r"}"#, &[]).unwrap(),
            Some(Link {
                href: "h".into(),
                rel: "r".into()
            })
        );
    }

    #[test]
    fn a_body_that_does_not_fit_names_the_json_path_and_the_reason() {
        let body = DOCFLOW.replace(r#""href": "https://x/content""#, r#""href": 5"#);
        let (path, problem) = decode_error::<Docflow>(&body, &[]);
        assert_eq!(path, "documents[1].signatures[0].content-link.href");
        assert_eq!(problem, "invalid type: integer `5`, expected a string");

        let body = DOCFLOW.replace(r#""rel": "content", "#, "");
        let (path, problem) = decode_error::<Docflow>(&body, &[]);
        assert_eq!(path, "documents[1].signatures[0].content-link");
        assert_eq!(problem, "missing field `rel`");

        let (path, problem) = decode_error::<Docflow>(r#"{"documents": []}"#, &[]);
        assert_eq!(path, ".");
        assert_eq!(problem, "missing field `id`");

        let (path, problem) = decode_error::<Docflow>(r#""docflow""#, &[]);
        assert_eq!(path, ".");
        assert_eq!(
            problem,
            r#"invalid type: string "docflow", expected struct Docflow"#
        );

        // serde reads a struct from an array too, field by field.
        let (path, problem) = decode_error::<Docflow>("[1]", &[]);
        assert_eq!(path, "[0]");
        assert!(
            problem.starts_with("invalid type: integer `1`"),
            "{problem}"
        );

        let body = DOCFLOW.replace("2020-02-26T09:51:08.4636938", "26.02.2020");
        let (path, problem) = decode_error::<Docflow>(&body, &[]);
        assert_eq!(path, "send-date");
        assert!(
            problem.starts_with(r#""26.02.2020" is not a date-time"#),
            "{problem}"
        );

        let body = DOCFLOW.replace(r#""AP9o""#, r#""AP9o!""#);
        let (path, problem) = decode_error::<Docflow>(&body, &[]);
        assert_eq!(path, "documents[1].signatures[0].content");
        assert!(problem.starts_with("invalid base64"), "{problem}");
    }

    #[test]
    fn union_failures_are_placed_at_the_union() {
        let body = DOCFLOW.replace(
            r#""report-inn": "6676130154""#,
            r#""report-inn": 6676130154"#,
        );
        let (path, problem) = decode_error::<Docflow>(&body, &[]);
        assert_eq!(path, "description");
        assert!(
            problem.starts_with("invalid type: integer `6676130154`, expected a string"),
            "{problem}"
        );

        assert_eq!(
            decode::<Payments>(200, r#"{"amounts": [5, "five"]}"#, &[]).unwrap(),
            Payments {
                amounts: vec![Amount::Number(5), Amount::Text("five".into())]
            }
        );
        let (path, problem) = decode_error::<Payments>(r#"{"amounts": [5, true]}"#, &[]);
        assert_eq!(path, "amounts[1]");
        assert_eq!(
            problem,
            "no variant of Amount fits: Number (invalid type: boolean `true`, expected i64 at line 1 column 4); \
             Text (invalid type: boolean `true`, expected a string at line 1 column 4)"
        );
    }

    #[test]
    fn a_secret_value_that_does_not_fit_is_not_shown() {
        let body = r#"{"user": "u", "access-token": 12345, "content": "c", "count": 1}"#;
        let (path, problem) = decode_error::<Credentials>(body, &[]);
        assert_eq!(path, "access-token");
        assert_eq!(problem, "the value does not fit its declared type");

        let body = r#"{"user": "u", "access-token": "t", "content": 98765, "count": 1}"#;
        let (path, problem) = decode_error::<Credentials>(body, &["content"]);
        assert_eq!(path, "content");
        assert!(!problem.contains("98765"), "{problem}");
        let (_, problem) = decode_error::<Credentials>(body, &[]);
        assert!(problem.contains("98765"), "not secret, shown: {problem}");

        // Under a secret-looking key, every value is hidden.
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            token: Inner,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            value: i64,
        }
        let (path, problem) = decode_error::<Outer>(r#"{"token": {"value": "s3cr3t"}}"#, &[]);
        assert_eq!(path, "token.value");
        assert!(!problem.contains("s3cr3t"), "{problem}");
    }

    #[test]
    fn decode_body_errors_show_safely_and_are_not_retryable() {
        let error = Error::DecodeBody {
            response: crate::ResponseInfo::from_headers(
                http::StatusCode::OK,
                response(200, b"").headers(),
            ),
            path: "documents[0].\u{1b}[2J".into(),
            problem: "invalid type: string \"pass\u{1b}word\", expected i64".into(),
        };
        let shown = error.to_string();
        assert_eq!(
            shown,
            "cannot read the response (HTTP 200), trace id T-1: invalid type: string \"pass\\u{1b}word\", expected i64 (at `documents[0].\\u{1b}[2J`)"
        );
        assert!(!error.is_retryable());
        assert_eq!(error.status(), Some(http::StatusCode::OK));
        assert_eq!(error.trace_id(), Some("T-1"));

        let mut error = error;
        error.scrub(&[SecretString::from("pass\u{1b}word")]);
        assert!(
            !format!("{error:?}").contains("pass\\u{1b}word"),
            "{error:?}"
        );
        let Error::DecodeBody { problem, .. } = &error else {
            unreachable!()
        };
        assert_eq!(problem, "invalid type: string \"[redacted]\", expected i64");

        let root = decode_error::<Docflow>("{}", &[]);
        let error = decode::<Docflow>(200, "{}", &[]).unwrap_err().to_string();
        assert_eq!(root.0, ".");
        assert!(
            error.ends_with("missing field `id` (in the body itself)"),
            "{error}"
        );
    }

    const METADATA: Metadata = Metadata {
        name: "create_draft",
        method: http::Method::POST,
        path: "/v1/drafts",
        default_base_url: "https://extern-api.testkontur.ru",
        docs_url: None,
        success_status: 201,
        content_type: "application/json",
        error_format: ErrorFormat::OAuth2,
        auth: crate::Auth::None,
        binary_response: false,
    };

    struct CreateDraft;

    impl Endpoint for CreateDraft {
        type Request = ();
        type Response = ();
        const METADATA: Metadata = METADATA;

        fn encode_request(_: &(), _: &Url) -> Result<crate::encode::Encoded, Error> {
            unimplemented!("not used by these tests")
        }

        fn decode_answer(_: crate::decode::Answer<'_>) -> Result<(), Error> {
            unimplemented!("not used by these tests")
        }

        fn examples() -> Vec<Example<()>> {
            Vec::new()
        }
    }

    fn base_url() -> Url {
        Url::parse("https://extern-api.testkontur.ru").unwrap()
    }

    fn new_encoder() -> RequestEncoder {
        RequestEncoder::new(&METADATA, &base_url()).unwrap()
    }

    #[test]
    fn json_request_bodies_carry_their_content_type_and_secrets() {
        let mut encoder = new_encoder();
        encoder.json(&Login {
            user: "u".into(),
            password: "p@ss".into(),
            otp: None,
            recovery: None,
        });
        let request = encoder.finish().unwrap();
        assert_eq!(
            request.headers()[http::header::CONTENT_TYPE],
            "application/json"
        );
        assert_eq!(
            serde_json::from_slice::<Value>(request.body()).unwrap(),
            json!({"user": "u", "password": "p@ss", "otp": null})
        );
        let sent = request.extensions().get::<SentSecrets>().unwrap();
        let sent: Vec<&str> = sent.0.iter().map(|s| s.expose_secret()).collect();
        assert_eq!(sent, ["p@ss"]);

        let mut encoder = new_encoder();
        encoder.json(&json!({"a": 1}));
        encoder.json(&json!({"b": 2}));
        let request = encoder.finish().unwrap();
        assert_eq!(request.body(), br#"{"b":2}"#);
        assert!(request.extensions().get::<SentSecrets>().is_none());
    }

    #[test]
    fn a_json_body_beside_a_form_or_one_that_cannot_be_written_fails() {
        let mut encoder = new_encoder();
        encoder.form("username", "u");
        encoder.json(&json!({"a": 1}));
        let error = encoder.finish().unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest { reason } if reason.contains("two kinds of body (form, JSON, binary)")),
            "{error:?}"
        );

        let far_year = DateTime::Local(
            chrono::NaiveDate::from_ymd_opt(12345, 6, 7)
                .unwrap()
                .and_hms_opt(8, 9, 10)
                .unwrap(),
        );
        let mut encoder = new_encoder();
        encoder.json(&json!({"ok": 1}));
        encoder.json(&BTreeMap::from([("at", far_year)]));
        let error = encoder.finish().unwrap_err();
        let Error::InvalidRequest { reason } = &error else {
            panic!("{error:?}");
        };
        assert!(
            reason.starts_with("the JSON body cannot be written"),
            "{reason}"
        );
        assert!(!reason.contains("12345"), "{reason}");
    }

    const DRAFT: &str = r#"{"sender":{"inn":"6676130154","kpp":"667601001","certificate":{"content":"MIIJoDCC"},
        "is-representative":true,"ipaddress":"8.8.8.8","api-token":"t0k"},
        "recipient":{"ifns-code":"0087"},"payer":{"inn":"6676130154","organization":{"kpp":"667601001"}},
        "share":1.0,"codes":["a","b"]}"#;

    fn documented(body: Option<&'static str>) -> DocumentedRequest {
        DocumentedRequest {
            headers: &[("Content-Type", "application/json")],
            params: &[],
            body,
            raw_body: None,
        }
    }

    fn sent(body: &Value) -> http::Request<Vec<u8>> {
        let mut encoder = new_encoder();
        encoder.json(body);
        encoder.finish().unwrap()
    }

    fn draft() -> Value {
        serde_json::from_str(DRAFT).unwrap()
    }

    #[test]
    fn documented_json_bodies_compare_as_json() {
        let documented = documented(Some(DRAFT));
        // Key order, white space and 1.0 against 1 do not matter.
        let mut same = draft();
        same["share"] = json!(1);
        assert_eq!(
            documented.differences::<CreateDraft>(&sent(&same), &base_url()),
            []
        );

        let mut changed = draft();
        changed["sender"]["inn"] = json!("1");
        let differences = documented.differences::<CreateDraft>(&sent(&changed), &base_url());
        assert_eq!(differences.len(), 1, "{differences:?}");
        assert_eq!(differences[0].what, "JSON body at sender.inn");
        assert_eq!(differences[0].documented, r#""6676130154""#);
        assert_eq!(differences[0].found, r#""1""#);
        // Only the first place that differs, keys taken in sorted order.
        changed["payer"]["inn"] = json!("2");
        let differences = documented.differences::<CreateDraft>(&sent(&changed), &base_url());
        assert_eq!(differences.len(), 1, "{differences:?}");
        assert_eq!(differences[0].what, "JSON body at payer.inn");

        let mut fewer = draft();
        fewer["codes"] = json!(["a"]);
        let differences = documented.differences::<CreateDraft>(&sent(&fewer), &base_url());
        assert_eq!(
            (
                differences[0].what.as_str(),
                differences[0].documented.as_str(),
                differences[0].found.as_str()
            ),
            ("JSON body at codes[1]", r#""b""#, "(absent)")
        );

        let mut more = draft();
        more["recipient"]["mri-code"] = json!("9");
        let differences = documented.differences::<CreateDraft>(&sent(&more), &base_url());
        assert_eq!(
            (
                differences[0].what.as_str(),
                differences[0].documented.as_str(),
                differences[0].found.as_str()
            ),
            ("JSON body at recipient.mri-code", "(absent)", r#""9""#)
        );

        let differences = documented.differences::<CreateDraft>(&sent(&json!([1])), &base_url());
        assert_eq!(differences[0].what, "JSON body");
        assert!(differences[0].found == "[1]", "{differences:?}");

        let mut no_sender = draft();
        no_sender.as_object_mut().unwrap().remove("sender");
        let differences = documented.differences::<CreateDraft>(&sent(&no_sender), &base_url());
        assert_eq!(differences[0].what, "JSON body at sender");
        assert!(
            differences[0]
                .documented
                .starts_with(r#"{"api-token":"[redacted]","#),
            "{differences:?}"
        );
        assert_eq!(differences[0].found, "(absent)");
    }

    #[test]
    fn documented_json_bodies_hide_secrets_and_are_not_forms() {
        let documented = documented(Some(DRAFT));
        let mut changed = draft();
        changed["sender"]["api-token"] = json!("other");
        let differences = documented.differences::<CreateDraft>(&sent(&changed), &base_url());
        assert_eq!(differences.len(), 1, "{differences:?}");
        assert_eq!(differences[0].what, "JSON body at sender.api-token");
        assert_eq!(
            (
                differences[0].documented.as_str(),
                differences[0].found.as_str()
            ),
            ("[secret]", "[secret]")
        );

        let debug = format!("{documented:?}");
        assert!(!debug.contains("t0k"), "{debug}");
        assert!(debug.contains("6676130154"), "{debug}");

        let mut encoder = new_encoder();
        encoder.form("username", "u");
        let differences =
            documented.differences::<CreateDraft>(&encoder.finish().unwrap(), &base_url());
        let whats: Vec<&str> = differences.iter().map(|d| d.what.as_str()).collect();
        assert_eq!(
            whats,
            ["header Content-Type", "JSON body"],
            "{differences:?}"
        );
        assert_eq!(differences[1].found, "[not JSON]");

        let differences =
            documented.differences::<CreateDraft>(&encoder_without_body(), &base_url());
        assert_eq!(
            differences.last().map(|d| d.found.as_str()),
            Some("(absent)")
        );

        let broken = self::documented(Some("{not json"));
        let differences = broken.differences::<CreateDraft>(&sent(&draft()), &base_url());
        assert_eq!(
            differences.last().map(|d| d.documented.as_str()),
            Some("[not JSON]")
        );

        // A JSON body is compared as JSON, never as a form of odd field names.
        let differences = documented.differences::<CreateDraft>(&sent(&draft()), &base_url());
        assert!(differences.is_empty(), "{differences:?}");
    }

    fn encoder_without_body() -> http::Request<Vec<u8>> {
        new_encoder().finish().unwrap()
    }
}
