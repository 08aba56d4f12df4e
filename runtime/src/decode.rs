use std::cell::RefCell;
use std::io::{Cursor, Read};

use flate2::bufread::{GzDecoder, ZlibDecoder};
use http::StatusCode;
use http::header::{CONTENT_ENCODING, CONTENT_TYPE, HeaderMap};
use serde_json::{Map, Value};

use crate::error::OAuth2Error;
use crate::{Error, MAX_BODY_BYTES, ResponseInfo, WireValue};

/// Reads a response for generated `decode`: the body as a JSON object and
/// the headers, with errors that keep the status and trace id.
pub struct ResponseDecoder {
    status: StatusCode,
    headers: HeaderMap,
    body: Map<String, Value>,
}

impl ResponseDecoder {
    /// Decompresses and parses the body. Any status outside 2xx becomes an
    /// error: the server's OAuth 2.0 error when the body is one (whatever the
    /// `Content-Type`), [`Error::UnexpectedBody`] otherwise.
    pub fn new(response: http::Response<Vec<u8>>) -> Result<Self, Error> {
        let (parts, body) = response.into_parts();
        // The facts for an error are read only when there is one: a success
        // needs neither a copy of the trace id nor of the content type.
        let unexpected = |problem: String, body: &[u8]| Error::UnexpectedBody {
            response: ResponseInfo::from_headers(parts.status, &parts.headers),
            content_type: header_text(&parts.headers, CONTENT_TYPE.as_str()).map(str::to_owned),
            problem,
            excerpt: excerpt(body),
        };

        let body = decompress(&parts.headers, body).map_err(|problem| unexpected(problem, &[]))?;
        let json = serde_json::from_slice::<Value>(&body);

        if !parts.status.is_success() {
            return Err(match json.ok().map(serde_json::from_value::<OAuth2Error>) {
                Some(Ok(error)) => Error::OAuth2 {
                    response: ResponseInfo::from_headers(parts.status, &parts.headers),
                    error: Box::new(error),
                },
                _ => unexpected(
                    "an error status without an OAuth 2.0 error body".into(),
                    &body,
                ),
            });
        }
        match json {
            // 204 has no body by definition: only optional fields can be read.
            Err(_) if parts.status == StatusCode::NO_CONTENT => Ok(ResponseDecoder {
                status: parts.status,
                headers: parts.headers,
                body: Map::new(),
            }),
            Ok(Value::Object(object)) => Ok(ResponseDecoder {
                status: parts.status,
                headers: parts.headers,
                body: object,
            }),
            Ok(_) => Err(unexpected(
                "the body is JSON but not an object".into(),
                &body,
            )),
            Err(_) if body.is_empty() => Err(unexpected("the body is empty".into(), &body)),
            Err(error) => Err(unexpected(format!("the body is not JSON ({error})"), &body)),
        }
    }

    /// A required body field.
    pub fn field<T: WireValue>(&self, name: &str) -> Result<T, Error> {
        match self.body.get(name) {
            Some(value) => self.convert(name, value),
            None => Err(self.decode_error::<T>(name, "missing".to_owned())),
        }
    }

    /// A body field that may be absent (`optional`) or `null` (`nullable`).
    pub fn optional_field<T: WireValue>(
        &self,
        name: &str,
        optional: bool,
        nullable: bool,
    ) -> Result<Option<T>, Error> {
        match self.body.get(name) {
            None if optional => Ok(None),
            None => Err(self.decode_error::<T>(name, "missing".to_owned())),
            Some(Value::Null) if nullable => Ok(None),
            Some(value) => self.convert(name, value).map(Some),
        }
    }

    /// A required header; the first of `names` that is present counts.
    pub fn header<T: WireValue>(&self, names: &[&str]) -> Result<T, Error> {
        self.optional_header(names)?
            .ok_or_else(|| self.decode_error::<T>(&header_field(names), "missing".to_owned()))
    }

    /// A header with a default: absent or unreadable, it takes the default.
    /// Headers are metadata; a malformed one must not cost the caller a
    /// response that is otherwise sound.
    pub fn header_or_else<T: WireValue>(&self, names: &[&str], default: impl FnOnce() -> T) -> T {
        match self.optional_header(names) {
            Ok(Some(value)) => value,
            Ok(None) => default(),
            Err(error) => {
                tracing::debug!(%error, "using the header's default");
                default()
            }
        }
    }

    /// A header that may be absent.
    pub fn optional_header<T: WireValue>(&self, names: &[&str]) -> Result<Option<T>, Error> {
        let Some(text) = names
            .iter()
            .find_map(|name| header_text(&self.headers, name))
        else {
            return Ok(None);
        };
        T::from_wire(text).map(Some).ok_or_else(|| {
            let found = if T::SECRET {
                "text that does not fit".to_owned()
            } else {
                format!("{text:?}")
            };
            self.decode_error::<T>(&header_field(names), found)
        })
    }

    fn convert<T: WireValue>(&self, name: &str, value: &Value) -> Result<T, Error> {
        T::from_json(value).ok_or_else(|| self.decode_error::<T>(name, describe(value, T::SECRET)))
    }

    fn decode_error<T: WireValue>(&self, field: &str, found: String) -> Error {
        Error::Decode {
            response: ResponseInfo::from_headers(self.status, &self.headers),
            field: field.to_owned(),
            expected: T::EXPECTED,
            found,
        }
    }
}

fn header_field(names: &[&str]) -> String {
    format!("header {}", names.first().copied().unwrap_or_default())
}

/// A header's value when it is present and visible ASCII.
fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// What a JSON value is, for messages; a secret's value is never shown.
fn describe(value: &Value, secret: bool) -> String {
    let kind = match value {
        Value::Null => return "null".to_owned(),
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    match value {
        Value::Bool(_) | Value::Number(_) | Value::String(_) if !secret => {
            let mut shown = value.to_string();
            if shown.len() > 40 {
                shown = format!("{}…", shown.chars().take(40).collect::<String>());
            }
            format!("{kind} ({shown})")
        }
        _ => kind.to_owned(),
    }
}

/// The body after `Content-Encoding`, at most [`MAX_BODY_BYTES`] long.
fn decompress(headers: &HeaderMap, body: Vec<u8>) -> Result<Vec<u8>, String> {
    let encoding = header_text(headers, CONTENT_ENCODING.as_str())
        .unwrap_or("identity")
        .trim();
    let is = |name: &str| encoding.eq_ignore_ascii_case(name);
    let limit = MAX_BODY_BYTES as u64;
    let too_large = || format!("the body is larger than {MAX_BODY_BYTES} bytes");
    if body.len() as u64 > limit {
        return Err(too_large());
    }
    if encoding.is_empty() || is("identity") {
        return Ok(body);
    }
    // Room for a typical JSON body without regrowing, and no more than a
    // small fixed amount before the data shows it needs it.
    let mut decoded = Vec::with_capacity(body.len().saturating_mul(4).clamp(256, 64 * 1024));
    let read = if is("gzip") || is("x-gzip") {
        GZIP.with(|decoder| inflate(decoder, body, limit + 1, &mut decoded))
    } else if is("deflate") {
        ZLIB.with(|decoder| inflate(decoder, body, limit + 1, &mut decoded))
    } else {
        return Err(format!(
            "the body has an unsupported content encoding `{}`",
            encoding.to_ascii_lowercase()
        ));
    };
    match read {
        Ok(_) if decoded.len() as u64 > limit => Err(too_large()),
        Ok(_) => Ok(decoded),
        Err(error) => Err(format!(
            "the {} body cannot be decompressed ({error})",
            encoding.to_ascii_lowercase()
        )),
    }
}

thread_local! {
    // One decoder of each kind per thread, reset for every body: a new one
    // allocates and zeroes its tables and 32 KiB window, which costs more
    // than inflating a token response. Reset clears all of its state.
    static GZIP: RefCell<Option<GzDecoder<Cursor<Vec<u8>>>>> = const { RefCell::new(None) };
    static ZLIB: RefCell<Option<ZlibDecoder<Cursor<Vec<u8>>>>> = const { RefCell::new(None) };
}

/// A flate2 `bufread` decoder that can start over on a new input.
trait Inflater: Read + Sized {
    fn start(input: Cursor<Vec<u8>>) -> Self;
    fn restart(&mut self, input: Cursor<Vec<u8>>);
    fn input(&mut self) -> &mut Cursor<Vec<u8>>;
}

impl Inflater for GzDecoder<Cursor<Vec<u8>>> {
    fn start(input: Cursor<Vec<u8>>) -> Self {
        GzDecoder::new(input)
    }
    fn restart(&mut self, input: Cursor<Vec<u8>>) {
        self.reset(input);
    }
    fn input(&mut self) -> &mut Cursor<Vec<u8>> {
        self.get_mut()
    }
}

impl Inflater for ZlibDecoder<Cursor<Vec<u8>>> {
    fn start(input: Cursor<Vec<u8>>) -> Self {
        ZlibDecoder::new(input)
    }
    fn restart(&mut self, input: Cursor<Vec<u8>>) {
        self.reset(input);
    }
    fn input(&mut self) -> &mut Cursor<Vec<u8>> {
        self.get_mut()
    }
}

/// Inflates `body` into `decoded`, reading at most `limit` bytes of output,
/// with this thread's decoder when it is free.
fn inflate<D: Inflater>(
    slot: &RefCell<Option<D>>,
    body: Vec<u8>,
    limit: u64,
    decoded: &mut Vec<u8>,
) -> std::io::Result<usize> {
    let input = Cursor::new(body);
    let Ok(mut slot) = slot.try_borrow_mut() else {
        return D::start(input).take(limit).read_to_end(decoded);
    };
    let decoder = match slot.as_mut() {
        Some(decoder) => {
            decoder.restart(input);
            decoder
        }
        None => slot.insert(D::start(input)),
    };
    let read = decoder.by_ref().take(limit).read_to_end(decoded);
    // The compressed body is not kept alive until the next response.
    *decoder.input() = Cursor::new(Vec::new());
    read
}

/// Words that make a JSON key, or a stretch of text, look secret: any key
/// that contains one of them, in any case and with any separators
/// (`access_token`, `AccessToken`, `client-secret`, `Password`), is redacted.
const SECRET_WORDS: [&str; 5] = ["token", "secret", "password", "passwd", "apikey"];

fn looks_secret(key: &str) -> bool {
    let folded: String = key
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    SECRET_WORDS.iter().any(|word| folded.contains(word))
}

/// The start of a body for an error message: at most 200 characters, with
/// the values of secret-looking JSON fields replaced.
fn excerpt(body: &[u8]) -> String {
    let redacted = redacted(&String::from_utf8_lossy(body));
    let mut shown: String = redacted.chars().take(200).collect();
    if shown.len() < redacted.len() {
        shown.push('…');
    }
    shown
}

/// `body` with the values of secret-looking JSON keys replaced, whole; text
/// that is not JSON is cut before the first secret-looking word.
pub(crate) fn redacted(body: &str) -> String {
    match serde_json::from_str::<Value>(body) {
        Ok(mut json) => {
            redact(&mut json);
            json.to_string()
        }
        Err(_) => redact_text(body),
    }
}

fn redact(value: &mut Value) {
    match value {
        Value::Object(object) => {
            for (key, value) in object.iter_mut() {
                if looks_secret(key) {
                    *value = Value::String("[redacted]".into());
                } else {
                    redact(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// For text that is not JSON (truncated JSON, HTML): cut it before the first
/// secret-looking word or JSON escape (which could spell one), since a
/// value there cannot be found reliably.
fn redact_text(text: &str) -> String {
    let folded = text.to_ascii_lowercase();
    let cut = SECRET_WORDS
        .iter()
        .chain(&["\\u"])
        .filter_map(|word| folded.find(word))
        .min();
    match cut {
        // ASCII matches start on a character boundary of `text` too.
        Some(at) => format!("{}[redacted]", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_redact_secret_looking_keys_in_any_spelling() {
        let json = br#"{"AccessToken":"a1","client-secret":"s1","Password":"p1","nested":[{"id_token":"i1"}],"ok":"visible"}"#;
        let shown = excerpt(json);
        for secret in ["a1", "s1", "p1", "i1"] {
            assert!(!shown.contains(&format!("\"{secret}\"")), "{shown}");
        }
        assert!(shown.contains("visible"), "{shown}");
    }

    #[test]
    fn text_excerpts_stop_before_secret_words_and_escapes() {
        assert_eq!(excerpt(b"<p>bad gateway</p>"), "<p>bad gateway</p>");
        assert_eq!(
            excerpt(br#"{"error":"x","Access_TOKEN":"abc"#),
            r#"{"error":"x","Access_[redacted]"#
        );
        assert_eq!(excerpt(br#"{"access\u005ftok"#), r#"{"access[redacted]"#);
    }
}
