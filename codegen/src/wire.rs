//! Facts the generated code and the runtime share, each kept equal to the
//! runtime's by a test: the largest `duration_seconds`, the content types,
//! the headers HTTP itself manages, which header names and values HTTP can
//! carry, and the text forms of UUIDs, timestamps, dates, base64 and URLs.
//!
//! A leaf: it imports nothing from this crate, and every step may use it.

/// The runtime's limit on `duration_seconds` values (ten years); a test
/// checks that both agree.
pub const MAX_DURATION_SECS: u64 = 10 * 365 * 24 * 60 * 60;

/// What keeps `text` from being sent as an HTTP header value and read back
/// unchanged, completing "the value …"; `None` when nothing does. RFC 9110
/// section 5.5: visible ASCII, with spaces and tabs only between.
/// Control characters (a line break would end the header) make `encode`
/// fail; surrounding whitespace is dropped by whoever reads the header, and
/// bytes beyond ASCII have no agreed meaning and cannot be read back as
/// text, so a documented request with either never matches its replay.
/// The value itself is not shown: it may be secret.
pub(crate) fn header_value_problem(text: &str) -> Option<String> {
    for (index, ch) in text.chars().enumerate() {
        let at = index + 1;
        let code = u32::from(ch);
        let what = match ch {
            '\t' | ' '..='~' => continue,
            '\r' => "a carriage return",
            '\n' => "a line feed",
            '\0' => "a NUL character",
            '\u{7f}' => "a DEL character",
            _ if ch.is_ascii_control() => "a control character",
            _ => {
                return Some(format!(
                    "has the non-ASCII character U+{code:04X} at character {at}; header values are ASCII text"
                ));
            }
        };
        return Some(format!(
            "has {what} (U+{code:04X}) at character {at}, which a header value cannot carry"
        ));
    }
    let edge = if text.starts_with([' ', '\t']) {
        "starts"
    } else if text.ends_with([' ', '\t']) {
        "ends"
    } else {
        return None;
    };
    Some(format!(
        "{edge} with whitespace, which HTTP drops from header values"
    ))
}

/// RFC 9110 `token` characters.
pub(crate) fn http_header_name_is_valid(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Request headers that the HTTP client, not the endpoint, decides; an
/// example may document them freely. The runtime's
/// `kontur_extern::TRANSPORT_HEADERS`, which a test keeps equal.
pub const TRANSPORT_HEADERS: [&str; 7] = [
    "host",
    "content-length",
    "connection",
    "accept",
    "accept-encoding",
    "transfer-encoding",
    "user-agent",
];

/// The `Content-Type` the runtime's encoder sets when a request has a form
/// body; a test checks it against an encoded request.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// The `Content-Type` of a JSON request body.
pub const JSON_CONTENT_TYPE: &str = "application/json";

/// The `Content-Type` of a binary request body without a `Content-Type`
/// header parameter.
pub const BINARY_CONTENT_TYPE: &str = "application/octet-stream";

/// What a text outcome (`text: true`) asks for without a `content_type`.
pub const TEXT_CONTENT_TYPE: &str = "text/plain";

/// Whether `essence` (a content type's part before `;`, trimmed and in
/// lower case) is `type/subtype`, each a token of RFC 9110.
pub(crate) fn is_media_type(essence: &str) -> bool {
    let token = |part: &str| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
    };
    essence
        .split_once('/')
        .is_some_and(|(kind, subtype)| token(kind) && token(subtype))
}

pub(crate) fn is_absolute_url(text: &str) -> bool {
    url::Url::parse(text).is_ok()
}

/// A UUID as `Uuid` writes it (lower case, hyphenated); `None` when `text`
/// is none of the forms it reads.
pub(crate) fn canonical_uuid(text: &str) -> Option<String> {
    if !is_uuid(text) {
        return None;
    }
    let inner = text.strip_prefix("urn:uuid:").unwrap_or(text);
    let hex: String = inner
        .chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    Some(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

/// The forms `uuid::Uuid::parse_str` reads: hyphenated, simple, braced, URN.
pub(crate) fn is_uuid(text: &str) -> bool {
    let inner = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .or_else(|| text.strip_prefix("urn:uuid:"))
        .unwrap_or(text);
    let hex = |s: &str| s.chars().all(|c| c.is_ascii_hexdigit());
    match inner.len() {
        32 => hex(inner),
        36 => {
            let groups: Vec<&str> = inner.split('-').collect();
            groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12]) && groups.iter().all(|g| hex(g))
        }
        _ => false,
    }
}

/// A date and time as `kontur_extern::DateTime` writes it: `YYYY-MM-DDTHH:MM:SS`,
/// the fraction's digits only as far as they are not zero, and `Z` or
/// `±HH:MM` when there is an offset; `None` when `text` is none.
pub(crate) fn canonical_datetime(text: &str) -> Option<String> {
    use chrono::{Datelike, Timelike};
    if !is_datetime(text) {
        return None;
    }
    let text = format!("{}T{}", &text[..10], &text[11..]);
    let (wall, offset) = match chrono::DateTime::parse_from_rfc3339(&text) {
        Ok(at) => (at.naive_local(), Some(at.offset().local_minus_utc())),
        Err(_) => (
            chrono::NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%.f").ok()?,
            None,
        ),
    };
    let (date, time) = (wall.date(), wall.time());
    let leap = time.nanosecond() >= 1_000_000_000;
    let second = if leap { 60 } else { time.second() };
    let mut out = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        date.year(),
        date.month(),
        date.day(),
        time.hour(),
        time.minute(),
        second
    );
    let nanos = time.nanosecond() % 1_000_000_000;
    if nanos != 0 {
        out.push('.');
        out.push_str(format!("{nanos:09}").trim_end_matches('0'));
    }
    match offset {
        Some(0) => out.push('Z'),
        Some(seconds) => {
            let sign = if seconds < 0 { '-' } else { '+' };
            let minutes = seconds.unsigned_abs() / 60;
            out.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
        }
        None => {}
    }
    Some(out)
}

/// RFC 3339 with `T` (or `t`) between date and time, or the same without
/// an offset; 0 to 9 fractional digits. As the runtime's `DateTime` reads
/// them (a test in `tests/v2.rs` keeps the two in step).
pub(crate) fn is_datetime(text: &str) -> bool {
    if !matches!(text.as_bytes().get(10), Some(b'T' | b't')) || !fraction_ok(text) {
        return false;
    }
    let text = format!("{}T{}", &text[..10], &text[11..]);
    chrono::DateTime::parse_from_rfc3339(&text).is_ok()
        || chrono::NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%.f").is_ok()
}

pub(crate) fn fraction_ok(text: &str) -> bool {
    match text.find('.') {
        Some(dot) => {
            let digits = text[dot + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count();
            (1..=9).contains(&digits)
        }
        None => true,
    }
}

/// `YYYY-MM-DD`, or a date-time at midnight without an offset.
pub(crate) fn is_date(text: &str) -> bool {
    if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok() {
        return true;
    }
    is_datetime(text)
        && chrono::NaiveDateTime::parse_from_str(
            &text.replacen('t', "T", 1),
            "%Y-%m-%dT%H:%M:%S%.f",
        )
        .is_ok_and(|t| t.time() == chrono::NaiveTime::MIN)
}

/// Standard base64, padded or not.
pub(crate) fn is_base64(text: &str) -> bool {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
    STANDARD.decode(text).is_ok() || STANDARD_NO_PAD.decode(text).is_ok()
}
