//! The scalar types of spec version 2 that the standard library lacks:
//! [`DateTime`], [`Date`] and [`Bytes`], as they travel in Kontur's JSON.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Uuid, WireValue};

/// A point in time as Kontur sends it: with an offset (RFC 3339,
/// `2020-03-31T15:07:27.2873280Z`, `2020-03-31T18:07:27+03:00`) or without
/// one (`2020-02-26T09:51:08.4636938`).
///
/// Kontur's API sends both forms, sometimes in the same document, and does
/// not say which zone the offset-less one is in. [`Local`](DateTime::Local)
/// keeps that visible instead of guessing; [`assume_utc`](DateTime::assume_utc)
/// makes the guess the vendor's Java SDK makes, when a caller decides to.
///
/// Reads 0 to 9 fractional digits; writes RFC 3339 (offset `Z` for UTC) or,
/// for `Local`, `YYYY-MM-DDTHH:MM:SS`, each with only the fractional digits
/// the value needs. In JSON it is a string.
///
/// Equality and hashing are chrono's: two `Offset` times are equal when they
/// are the same instant, whatever their offsets (which `Display` still
/// writes as sent); a `Local` time never equals an `Offset` one.
///
/// ```
/// use kontur_extern::DateTime;
///
/// let sent: DateTime = "2020-03-31T15:07:27.2873280Z".parse().unwrap();
/// assert_eq!(sent.to_string(), "2020-03-31T15:07:27.287328Z");
/// let local: DateTime = "2020-02-26T09:51:08.4636938".parse().unwrap();
/// assert!(local.offset().is_none());
/// assert_eq!(local.assume_utc().to_rfc3339(), "2020-02-26T09:51:08.463693800+00:00");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateTime {
    /// A time with the offset it was sent with.
    Offset(chrono::DateTime<FixedOffset>),
    /// A wall-clock time sent without an offset: its zone is unknown.
    Local(NaiveDateTime),
}

/// A calendar date: `YYYY-MM-DD`.
///
/// Kontur sends dates as date-times at midnight without an offset
/// (`2012-01-01T00:00:00.0000000`); those are read too, and any other time
/// of day is an error, since it would be lost. Always written as
/// `YYYY-MM-DD`. In JSON it is a string.
///
/// ```
/// use kontur_extern::Date;
///
/// let date: Date = "2012-01-01T00:00:00.0000000".parse().unwrap();
/// assert_eq!(date.to_string(), "2012-01-01");
/// assert!("2012-01-01T09:00:00".parse::<Date>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(pub chrono::NaiveDate);

/// Binary content, base64 in JSON (standard alphabet, written with padding;
/// read with or without it).
///
/// Its `Debug` shows the length, not the content: a certificate or a
/// document in a log line helps nobody and may be private.
///
/// ```
/// use kontur_extern::Bytes;
///
/// let bytes = Bytes::from(vec![0u8; 1902]);
/// assert_eq!(format!("{bytes:?}"), "Bytes(1902 bytes)");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Bytes(pub Vec<u8>);

/// Why text is not a [`DateTime`] or a [`Date`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseScalarError {
    message: String,
}

impl fmt::Display for ParseScalarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseScalarError {}

/// The longest part of a rejected text an error message quotes; the whole
/// text may be anything a server sent.
const QUOTED_CHARS: usize = 40;

/// `text` as a quoted Rust string (control characters escaped), cut at
/// [`QUOTED_CHARS`]: a value shown in an error.
pub(crate) fn quoted(text: &str) -> String {
    let mut shown: String = text.chars().take(QUOTED_CHARS).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    format!("{shown:?}")
}

fn invalid(what: &str, text: &str, why: &str) -> ParseScalarError {
    ParseScalarError {
        message: format!("{} is not {what}: {why}", quoted(text)),
    }
}

const DATE_TIME: &str = "a date-time";
const DATE_TIME_SHAPE: &str = "expected YYYY-MM-DDTHH:MM:SS, then an optional fraction of 1 to 9 digits, then an optional offset (Z or ±HH:MM)";

/// Reads `digits` ASCII digits at `at`.
fn number(bytes: &[u8], at: usize, digits: usize) -> Option<u32> {
    let field = bytes.get(at..at + digits)?;
    field.iter().try_fold(0u32, |value, byte| {
        byte.is_ascii_digit()
            .then(|| value * 10 + u32::from(byte - b'0'))
    })
}

/// `YYYY-MM-DD` at the start of `bytes`.
fn date_part(text: &str, what: &str) -> Result<NaiveDate, ParseScalarError> {
    let bytes = text.as_bytes();
    let shape = bytes.get(4) == Some(&b'-') && bytes.get(7) == Some(&b'-');
    let (Some(year), Some(month), Some(day), true) = (
        number(bytes, 0, 4),
        number(bytes, 5, 2),
        number(bytes, 8, 2),
        shape,
    ) else {
        let why = if what == DATE_TIME {
            DATE_TIME_SHAPE
        } else {
            "expected YYYY-MM-DD"
        };
        return Err(invalid(what, text, why));
    };
    // Four digits always fit an i32.
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .ok_or_else(|| invalid(what, text, "there is no such day"))
}

impl DateTime {
    /// The time read as UTC when it came without an offset, as the vendor's
    /// Java SDK reads it; with an offset, the same instant in UTC.
    ///
    /// Kontur does not document the zone of its offset-less times, so this
    /// is a guess; use it knowingly.
    pub fn assume_utc(&self) -> chrono::DateTime<Utc> {
        match self {
            DateTime::Offset(time) => time.with_timezone(&Utc),
            DateTime::Local(time) => time.and_utc(),
        }
    }

    /// The offset the time was sent with; `None` for [`DateTime::Local`].
    pub fn offset(&self) -> Option<FixedOffset> {
        match self {
            DateTime::Offset(time) => Some(*time.offset()),
            DateTime::Local(_) => None,
        }
    }

    /// The wall-clock date and time as sent, whatever the offset.
    fn wall_clock(&self) -> NaiveDateTime {
        match self {
            DateTime::Offset(time) => time.naive_local(),
            DateTime::Local(time) => *time,
        }
    }
}

impl FromStr for DateTime {
    type Err = ParseScalarError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = |why: &str| invalid(DATE_TIME, text, why);
        let bytes = text.as_bytes();
        let date = date_part(text, DATE_TIME)?;
        // RFC 3339 allows a lowercase `t` and `z`.
        let shape = matches!(bytes.get(10), Some(b'T' | b't'))
            && bytes.get(13) == Some(&b':')
            && bytes.get(16) == Some(&b':');
        let (Some(hour), Some(minute), Some(second), true) = (
            number(bytes, 11, 2),
            number(bytes, 14, 2),
            number(bytes, 17, 2),
            shape,
        ) else {
            return Err(bad(DATE_TIME_SHAPE));
        };

        let mut at = 19;
        let mut nanos = 0;
        if bytes.get(at) == Some(&b'.') {
            let digits = bytes[at + 1..]
                .iter()
                .take_while(|byte| byte.is_ascii_digit())
                .count();
            if digits == 0 {
                return Err(bad("the fraction after `.` has no digits"));
            }
            if digits > 9 {
                return Err(bad("the fraction has more than 9 digits"));
            }
            let fraction = number(bytes, at + 1, digits).unwrap_or_default();
            nanos = fraction * 10u32.pow(9 - digits as u32);
            at += 1 + digits;
        }

        // A leap second (`:60`, which RFC 3339 allows) is chrono's second 59
        // with a nanosecond count past one second.
        let time = if second == 60 {
            NaiveTime::from_hms_nano_opt(hour, minute, 59, 1_000_000_000 + nanos)
        } else {
            NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
        }
        .ok_or_else(|| bad("the time of day is out of range"))?;
        let wall_clock = NaiveDateTime::new(date, time);

        let offset_seconds = match &bytes[at..] {
            [] => return Ok(DateTime::Local(wall_clock)),
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
                let (Some(hours), Some(minutes)) =
                    (number(bytes, at + 1, 2), number(bytes, at + 4, 2))
                else {
                    return Err(bad(DATE_TIME_SHAPE));
                };
                if hours > 23 || minutes > 59 {
                    return Err(bad("the offset is out of range"));
                }
                let seconds = (hours * 3600 + minutes * 60) as i32;
                if *sign == b'-' { -seconds } else { seconds }
            }
            _ => return Err(bad(DATE_TIME_SHAPE)),
        };
        let offset = FixedOffset::east_opt(offset_seconds)
            .ok_or_else(|| bad("the offset is out of range"))?;
        wall_clock
            .and_local_timezone(offset)
            .single()
            .map(DateTime::Offset)
            .ok_or_else(|| bad("the time is out of range"))
    }
}

/// Writes `HH:MM:SS` and the fraction, with only the digits it needs.
fn write_time(f: &mut fmt::Formatter<'_>, time: NaiveTime) -> fmt::Result {
    // chrono keeps a leap second as second 59 with more than 1e9 nanoseconds.
    let leap = time.nanosecond() >= 1_000_000_000;
    let second = if leap { 60 } else { time.second() };
    write!(f, "{:02}:{:02}:{:02}", time.hour(), time.minute(), second)?;
    let nanos = time.nanosecond() % 1_000_000_000;
    if nanos != 0 {
        let digits = format!("{nanos:09}");
        write!(f, ".{}", digits.trim_end_matches('0'))?;
    }
    Ok(())
}

/// `HH:MM:SS[.fraction]`, for messages.
struct TimeOfDay(NaiveTime);

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_time(f, self.0)
    }
}

fn write_date(f: &mut fmt::Formatter<'_>, date: NaiveDate) -> fmt::Result {
    write!(
        f,
        "{:04}-{:02}-{:02}",
        date.year(),
        date.month(),
        date.day()
    )
}

/// Whether a year can be written in the four digits that RFC 3339 and the
/// readers here allow.
fn writable_year(year: i32) -> bool {
    (0..=9999).contains(&year)
}

impl fmt::Display for DateTime {
    /// RFC 3339 for [`DateTime::Offset`] (`Z` for UTC), and
    /// `YYYY-MM-DDTHH:MM:SS[.fraction]` for [`DateTime::Local`]. A year
    /// outside 0000 to 9999, which only a value built in code can have,
    /// is written with its sign and all its digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let wall_clock = self.wall_clock();
        write_date(f, wall_clock.date())?;
        f.write_str("T")?;
        write_time(f, wall_clock.time())?;
        if let Some(offset) = self.offset() {
            let seconds = offset.local_minus_utc();
            if seconds == 0 {
                f.write_str("Z")?;
            } else {
                let sign = if seconds < 0 { '-' } else { '+' };
                // RFC 3339 offsets have no seconds; the ones read here never do.
                let minutes = seconds.unsigned_abs() / 60;
                write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)?;
            }
        }
        Ok(())
    }
}

impl FromStr for Date {
    type Err = ParseScalarError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        const DATE: &str = "a date";
        if text.len() == 10 {
            return date_part(text, DATE).map(Date);
        }
        let bad_shape = || invalid(DATE, text, "expected YYYY-MM-DD, or YYYY-MM-DDT00:00:00");
        match DateTime::from_str(text).map_err(|_| bad_shape())? {
            DateTime::Local(time) if time.time() == NaiveTime::MIN => Ok(Date(time.date())),
            DateTime::Local(time) => Err(invalid(
                DATE,
                text,
                &format!(
                    "a date-time is read as a date only at midnight, and this one is at {}",
                    TimeOfDay(time.time())
                ),
            )),
            DateTime::Offset(_) => Err(invalid(
                DATE,
                text,
                "it has an offset, so it is a point in time, not a calendar date",
            )),
        }
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_date(f, self.0)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !writable_year(self.wall_clock().year()) {
            return Err(serde::ser::Error::custom(
                "a date-time's year must be from 0000 to 9999 to be written",
            ));
        }
        serializer.collect_str(self)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !writable_year(self.0.year()) {
            return Err(serde::ser::Error::custom(
                "a date's year must be from 0000 to 9999 to be written",
            ));
        }
        serializer.collect_str(self)
    }
}

/// Deserializes a `FromStr` type from a JSON string.
struct TextVisitor<T> {
    expecting: &'static str,
    parsed: std::marker::PhantomData<T>,
}

impl<T> Visitor<'_> for TextVisitor<T>
where
    T: FromStr<Err = ParseScalarError>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        text.parse().map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor {
            expecting: "a date-time string such as 2020-03-31T15:07:27.2873280Z",
            parsed: std::marker::PhantomData,
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor {
            expecting: "a date string such as 2012-01-01",
            parsed: std::marker::PhantomData,
        })
    }
}

/// Reads standard base64 with or without padding; writing pads.
const BASE64_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bytes({} bytes)", self.0.len())
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Bytes(bytes)
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

struct Base64Visitor;

impl Visitor<'_> for Base64Visitor {
    type Value = Bytes;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a base64 string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Bytes, E> {
        // The decoder's message names a position and a byte, never the
        // content, which may be long or private.
        BASE64_LENIENT
            .decode(text)
            .map(Bytes)
            .map_err(|error| E::custom(format_args!("invalid base64: {error}")))
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(Base64Visitor)
    }
}

// Query parameters and headers (`orgId`, `updatedFrom`) carry these too.

impl WireValue for Uuid {
    const EXPECTED: &'static str = "a UUID";

    /// Lowercase and hyphenated, as Kontur writes ids.
    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.hyphenated().to_string())
    }

    fn from_wire(text: &str) -> Option<Self> {
        Uuid::parse_str(text.trim()).ok()
    }
}

impl WireValue for DateTime {
    const EXPECTED: &'static str = "an RFC 3339 date-time, or one without an offset";

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }

    fn from_wire(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }
}

impl WireValue for Date {
    const EXPECTED: &'static str = "a date (YYYY-MM-DD)";

    fn to_wire(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }

    fn from_wire(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_time(text: &str) -> DateTime {
        text.parse()
            .unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    fn naive(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, nanos: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, mo, d)
            .and_then(|date| date.and_hms_nano_opt(h, mi, s, nanos))
            .expect("a valid test date")
    }

    #[test]
    fn kontur_timestamps_keep_their_offset_or_its_absence() {
        let utc = date_time("2020-03-31T15:07:27.2873280Z");
        assert_eq!(utc.offset(), FixedOffset::east_opt(0));
        assert_eq!(
            utc.assume_utc().naive_utc(),
            naive(2020, 3, 31, 15, 7, 27, 287_328_000)
        );

        let moscow = date_time("2020-03-31T18:07:27.2873280+03:00");
        assert_eq!(moscow.offset(), FixedOffset::east_opt(3 * 3600));
        assert_eq!(moscow.assume_utc(), utc.assume_utc());
        // Equality is chrono's: the same instant, whatever the offset.
        assert_eq!(moscow, utc);
        assert_eq!(moscow.to_string(), "2020-03-31T18:07:27.287328+03:00");
        assert_ne!(
            DateTime::Local(utc.assume_utc().naive_utc()),
            utc,
            "an offset-less time is never the same as one with an offset"
        );

        let local = date_time("2020-02-26T09:51:08.4636938");
        assert_eq!(
            local,
            DateTime::Local(naive(2020, 2, 26, 9, 51, 8, 463_693_800))
        );
        assert_eq!(local.offset(), None);
        assert_eq!(
            local.assume_utc().naive_utc(),
            naive(2020, 2, 26, 9, 51, 8, 463_693_800)
        );
    }

    #[test]
    fn fractions_of_zero_to_nine_digits_are_read_exactly() {
        for (text, nanos) in [
            ("2020-01-02T03:04:05Z", 0),
            ("2020-01-02T03:04:05.1Z", 100_000_000),
            ("2020-01-02T03:04:05.000000001Z", 1),
            ("2020-01-02T03:04:05.123456789Z", 123_456_789),
        ] {
            assert_eq!(
                date_time(text).assume_utc().naive_utc(),
                naive(2020, 1, 2, 3, 4, 5, nanos),
                "{text}"
            );
        }
        let error = "2020-01-02T03:04:05.1234567891Z"
            .parse::<DateTime>()
            .unwrap_err();
        assert!(error.to_string().contains("more than 9 digits"), "{error}");
    }

    #[test]
    fn malformed_date_times_are_refused_with_the_reason() {
        for (text, reason) in [
            ("", "expected YYYY-MM-DD"),
            ("2020-02-26", "expected YYYY-MM-DD"),
            ("2020-02-26 09:51:08", "expected YYYY-MM-DD"),
            ("2020-02-26T09:51", "expected YYYY-MM-DD"),
            ("2020-02-30T09:51:08", "no such day"),
            ("2020-13-01T09:51:08", "no such day"),
            ("2020-02-26T24:00:00", "out of range"),
            ("2020-02-26T09:61:00", "out of range"),
            ("2020-02-26T09:51:08.Z", "no digits"),
            ("2020-02-26T09:51:08+3:00", "expected YYYY-MM-DD"),
            ("2020-02-26T09:51:08+03:00:00", "expected YYYY-MM-DD"),
            ("2020-02-26T09:51:08+24:00", "offset is out of range"),
            ("2020-02-26T09:51:08 ", "expected YYYY-MM-DD"),
            ("2020-02-26T09:51:08ZZ", "expected YYYY-MM-DD"),
            ("+2020-02-26T09:51:08", "expected YYYY-MM-DD"),
            ("２０２０-02-26T09:51:08", "expected YYYY-MM-DD"),
        ] {
            let error = text.parse::<DateTime>().unwrap_err().to_string();
            assert!(error.contains(reason), "{text:?}: {error}");
            assert!(error.starts_with(&format!("{text:?}")), "{error}");
        }
    }

    #[test]
    fn date_times_are_written_with_the_digits_they_need() {
        for (text, written) in [
            (
                "2020-03-31T15:07:27.2873280Z",
                "2020-03-31T15:07:27.287328Z",
            ),
            ("2020-03-31T15:07:27.000Z", "2020-03-31T15:07:27Z"),
            ("2020-03-31T15:07:27+00:00", "2020-03-31T15:07:27Z"),
            ("2020-03-31t15:07:27.5z", "2020-03-31T15:07:27.5Z"),
            (
                "2020-03-31T15:07:27.000000001-05:30",
                "2020-03-31T15:07:27.000000001-05:30",
            ),
            ("2020-02-26T09:51:08.4636938", "2020-02-26T09:51:08.4636938"),
            ("2020-02-26T09:51:08", "2020-02-26T09:51:08"),
            ("2016-12-31T23:59:60.5Z", "2016-12-31T23:59:60.5Z"),
            ("0001-01-01T00:00:00", "0001-01-01T00:00:00"),
        ] {
            let value = date_time(text);
            assert_eq!(value.to_string(), written, "{text}");
            assert_eq!(date_time(written), value, "{written} reads back");
        }
    }

    #[test]
    fn date_times_travel_as_json_strings() {
        let value: DateTime = serde_json::from_str(r#""2020-03-31T15:07:27.2873280Z""#).unwrap();
        assert_eq!(
            serde_json::to_string(&value).unwrap(),
            r#""2020-03-31T15:07:27.287328Z""#
        );
        let error = serde_json::from_str::<DateTime>("1585667247")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("invalid type: integer") && error.contains("a date-time string"),
            "{error}"
        );
        let error = serde_json::from_str::<DateTime>(r#""yesterday""#)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(r#""yesterday" is not a date-time"#),
            "{error}"
        );

        let far = DateTime::Local(naive(10000, 1, 1, 0, 0, 0, 0));
        assert!(serde_json::to_string(&far).is_err());
    }

    #[test]
    fn long_rejected_text_is_quoted_only_in_part() {
        let text = "x".repeat(10_000);
        let error = text.parse::<DateTime>().unwrap_err().to_string();
        assert!(error.len() < 300, "{error}");
    }

    #[test]
    fn dates_read_plain_dates_and_kontur_midnights() {
        let first = Date(NaiveDate::from_ymd_opt(2012, 1, 1).unwrap());
        assert_eq!("2012-01-01".parse::<Date>(), Ok(first));
        assert_eq!("2012-01-01T00:00:00.0000000".parse::<Date>(), Ok(first));
        assert_eq!("2012-01-01T00:00:00".parse::<Date>(), Ok(first));
        assert_eq!(first.to_string(), "2012-01-01");

        let error = "2012-01-01T09:51:08.5"
            .parse::<Date>()
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("only at midnight") && error.contains("09:51:08.5"),
            "{error}"
        );
        let error = "2012-01-01T00:00:00Z"
            .parse::<Date>()
            .unwrap_err()
            .to_string();
        assert!(error.contains("has an offset"), "{error}");
        for text in ["2012-1-01", "2012-02-30", "20120101", "2012-01-01T", ""] {
            assert!(text.parse::<Date>().is_err(), "{text:?}");
        }

        let json: Date = serde_json::from_str(r#""2023-01-30T00:00:00.0000000""#).unwrap();
        assert_eq!(serde_json::to_string(&json).unwrap(), r#""2023-01-30""#);
        assert!(serde_json::from_str::<Date>("20230130").is_err());
    }

    #[test]
    fn bytes_are_base64_in_json_and_hidden_in_debug() {
        let bytes = Bytes(b"\x00\xffhello".to_vec());
        let json = serde_json::to_string(&bytes).unwrap();
        assert_eq!(json, r#""AP9oZWxsbw==""#);
        assert_eq!(serde_json::from_str::<Bytes>(&json).unwrap(), bytes);
        assert_eq!(
            serde_json::from_str::<Bytes>(r#""AP9oZWxsbw""#).unwrap(),
            bytes,
            "unpadded input is read"
        );
        assert_eq!(format!("{bytes:?}"), "Bytes(7 bytes)");
        assert_eq!(&bytes[..2], &[0, 255]);
        assert_eq!(bytes.as_ref().len(), 7);
        assert_eq!(Bytes::from(vec![1, 2]), Bytes(vec![1, 2]));

        let error = serde_json::from_str::<Bytes>(r#""AP9o-Wxsbw==""#)
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("invalid base64"), "{error}");
        assert!(!error.contains("AP9o"), "{error}");
        assert!(serde_json::from_str::<Bytes>("[1, 2]").is_err());
        assert_eq!(serde_json::to_string(&Bytes::default()).unwrap(), r#""""#);
    }

    #[test]
    fn the_new_scalars_travel_in_queries_and_headers() {
        let id = Uuid::parse_str("A9BC74BD-311B-43F0-AFF7-FABA24CE35D9").unwrap();
        assert_eq!(id.to_wire(), "a9bc74bd-311b-43f0-aff7-faba24ce35d9");
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            r#""a9bc74bd-311b-43f0-aff7-faba24ce35d9""#
        );
        assert_eq!(
            Uuid::from_wire(" a9bc74bd-311b-43f0-aff7-faba24ce35d9 "),
            Some(id)
        );
        assert_eq!(Uuid::from_wire("a9bc74bd"), None);

        let time = DateTime::from_wire("2020-03-31T15:07:27+03:00").unwrap();
        assert_eq!(time.to_wire(), "2020-03-31T15:07:27+03:00");
        assert_eq!(
            Date::from_json(&serde_json::json!("2012-01-01T00:00:00.0000000")),
            Some(Date(NaiveDate::from_ymd_opt(2012, 1, 1).unwrap()))
        );
        assert_eq!(DateTime::from_json(&serde_json::json!(5)), None);
    }
}
