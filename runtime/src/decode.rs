use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::io::{Cursor, Read};

use flate2::bufread::{GzDecoder, ZlibDecoder};
use http::StatusCode;
use http::header::{CONTENT_ENCODING, CONTENT_TYPE, HeaderMap};
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use serde_json::error::Category;

use crate::api_error::ApiError;
use crate::error::OAuth2Error;
use crate::json_path::{self, Segment};
use crate::{Error, ErrorFormat, MAX_BINARY_BYTES, MAX_BODY_BYTES, ResponseInfo, WireValue};

/// Reads a response for generated `decode`: the body as a JSON object and
/// the headers, with errors that keep the status and trace id.
pub struct ResponseDecoder<'a> {
    status: StatusCode,
    headers: Cow<'a, HeaderMap>,
}

/// A response as generated `decode` reads it: its status, its headers, its
/// body, and the caller's limit on the body (without one, the decoder's
/// default).
///
/// From an `http::Response` it owns the headers; the client lends its own
/// instead (`Answer::lent`), since the reply keeps them after the decoder
/// is done: no copy of the headers for each call.
pub struct Answer<'a> {
    status: StatusCode,
    headers: Cow<'a, HeaderMap>,
    body: Vec<u8>,
    limit: Option<usize>,
}

impl From<http::Response<Vec<u8>>> for Answer<'static> {
    fn from(response: http::Response<Vec<u8>>) -> Self {
        let (parts, body) = response.into_parts();
        Answer {
            status: parts.status,
            headers: Cow::Owned(parts.headers),
            body,
            limit: None,
        }
    }
}

impl<'a> Answer<'a> {
    /// A response whose headers the caller keeps, read within the caller's
    /// `limit` on the body.
    pub(crate) fn lent(
        status: StatusCode,
        headers: &'a HeaderMap,
        body: Vec<u8>,
        limit: usize,
    ) -> Self {
        Answer {
            status,
            headers: Cow::Borrowed(headers),
            body,
            limit: Some(limit),
        }
    }

    /// The limit the client set for this body, never below what already
    /// arrived (the client let it through); `default` without one.
    fn limit(&self, default: usize) -> usize {
        self.limit
            .map_or(default, |limit| limit.max(self.body.len()))
    }
}

/// A response whose status is 2xx and whose body is decompressed and
/// within [`MAX_BODY_BYTES`]: what both ways of decoding start from.
struct Received<'a> {
    status: StatusCode,
    headers: Cow<'a, HeaderMap>,
    body: Vec<u8>,
}

impl<'a> Received<'a> {
    /// Decompresses the body and turns any status outside 2xx into an
    /// error in the endpoint's error `format`; see [`Incoming::error`].
    fn new(response: Answer<'a>, format: ErrorFormat) -> Result<Self, Error> {
        let incoming = Incoming::new(response)?;
        if !incoming.0.status.is_success() {
            return Err(incoming.error(format));
        }
        Ok(incoming.0)
    }

    fn unexpected(&self, problem: String) -> Error {
        unexpected(self.status, &self.headers, problem, &self.body)
    }

    /// A decoder of the fields and headers.
    fn into_decoder(self) -> ResponseDecoder<'a> {
        ResponseDecoder {
            status: self.status,
            headers: self.headers,
        }
    }

    /// The values of `names` in the body read as a `serde_json::Value`,
    /// after [`read_fields`] could not read it: the error that says why
    /// (not JSON, not an object, empty), or, for a 204 (which has no body
    /// by definition), none: only optional fields can be read.
    fn fields_again(&self, names: &[&str], values: &mut [Option<Value>]) -> Result<(), Error> {
        match serde_json::from_slice::<Value>(&self.body) {
            Err(_) if self.status == StatusCode::NO_CONTENT => {
                values.fill(None);
                Ok(())
            }
            // Not expected: what `read_fields` refuses a `Value` refuses too.
            Ok(Value::Object(mut object)) => {
                for (value, name) in values.iter_mut().zip(names) {
                    *value = object.remove(*name);
                }
                Ok(())
            }
            Ok(_) => Err(self.unexpected("the body is JSON but not an object".into())),
            Err(_) if self.body.is_empty() => Err(self.unexpected("the body is empty".into())),
            Err(error) => Err(self.unexpected(format!("the body is not JSON ({error})"))),
        }
    }
}

/// A response as it came, its body decompressed and within
/// [`MAX_BODY_BYTES`], whatever its status: generated `decode` of a spec
/// with several documented outcomes (`responses:`) looks at the status and
/// reads the body as that outcome says.
pub struct Incoming<'a>(Received<'a>);

impl<'a> Incoming<'a> {
    /// Decompresses the body; a body that cannot be is
    /// [`Error::UnexpectedBody`].
    pub fn new(response: impl Into<Answer<'a>>) -> Result<Self, Error> {
        let response = response.into();
        let max = response.limit(MAX_BODY_BYTES);
        Self::within(response, max)
    }

    /// [`Incoming::new`] for an endpoint with a binary outcome: the body may
    /// be as large as the client's download limit, compressed or inflated
    /// ([`MAX_BINARY_BYTES`] when the response did not come through a
    /// client).
    pub fn binary(response: impl Into<Answer<'a>>) -> Result<Self, Error> {
        let response = response.into();
        // The client says its download limit; without a client, the default.
        let max = response.limit(MAX_BINARY_BYTES).max(response.body.len());
        Self::within(response, max)
    }

    fn within(response: Answer<'a>, max: usize) -> Result<Self, Error> {
        let Answer {
            status,
            headers,
            body,
            limit: _,
        } = response;
        let body = decompress(&headers, body, max)
            .map_err(|problem| unexpected(status, &headers, problem, &[]))?;
        Ok(Incoming(Received {
            status,
            headers,
            body,
        }))
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.0.status.as_u16()
    }

    /// The body as JSON of type `T`; see [`ResponseDecoder::with_json_body`].
    pub fn json<T: DeserializeOwned>(
        self,
        secret_keys: &[&str],
    ) -> Result<(ResponseDecoder<'a>, T), Error> {
        ResponseDecoder::decode_json(self.0, secret_keys)
    }

    /// The body of an outcome at an error status (a refused draft send's
    /// 400): as JSON of type `T` when it fits; otherwise, when it is the
    /// error body of `format`, that error, as [`Incoming::error`] gives it
    /// for a status no outcome names (a malformed request's 400 stays
    /// [`Error::Api`]); otherwise the error of reading it as `T`
    /// ([`Error::DecodeBody`] with the JSON path, or
    /// [`Error::UnexpectedBody`] for a body that is not JSON).
    pub fn result_or_error<T: DeserializeOwned>(
        self,
        secret_keys: &[&str],
        format: ErrorFormat,
    ) -> Result<(ResponseDecoder<'a>, T), Error> {
        // Read once when it fits; only a misfit is read again, as an error
        // and, if it is not one, to say where it does not fit.
        match serde_json::from_slice::<T>(&self.0.body) {
            Ok(value) => Ok((self.0.into_decoder(), value)),
            Err(_) if self.is_error(format) => Err(self.error(format)),
            Err(_) => ResponseDecoder::decode_json(self.0, secret_keys),
        }
    }

    /// Whether the body is an error in `format`, as [`Incoming::error`]
    /// reads it: the API's error body (a JSON object with an `id`), or an
    /// OAuth 2.0 error.
    pub fn is_error(&self, format: ErrorFormat) -> bool {
        let body = &self.0.body;
        match format {
            ErrorFormat::KonturApi => ApiError::from_body(body).is_some(),
            _ => serde_json::from_slice::<Value>(body)
                .ok()
                .is_some_and(|json| serde_json::from_value::<OAuth2Error>(json).is_ok()),
        }
    }

    /// The body, decompressed.
    pub fn body(&self) -> &[u8] {
        &self.0.body
    }

    /// A binary outcome's body, as it came (after `Content-Encoding`).
    pub fn bytes(self) -> (ResponseDecoder<'a>, crate::Bytes) {
        let Received {
            status,
            headers,
            body,
        } = self.0;
        let decoder = ResponseDecoder { status, headers };
        (decoder, crate::Bytes(body))
    }

    /// A text outcome's body (`text: true`), which must be UTF-8: a body
    /// that is not is [`Error::UnexpectedBody`].
    pub fn text(self) -> Result<(ResponseDecoder<'a>, String), Error> {
        let Received {
            status,
            headers,
            body,
        } = self.0;
        match String::from_utf8(body) {
            Ok(text) => Ok((ResponseDecoder { status, headers }, text)),
            Err(error) => Err(unexpected(
                status,
                &headers,
                format!("the text body is not UTF-8 ({})", error.utf8_error()),
                error.as_bytes(),
            )),
        }
    }

    /// An outcome without a body: whatever came is not read (a `DELETE`'s
    /// 200 may still carry some text); the decoder reads headers.
    pub fn empty(self) -> ResponseDecoder<'a> {
        self.0.into_decoder()
    }

    /// A 404 that the spec documents as "not found": it is so when it
    /// carries the API's error body, as the vendor's SDKs read it. A 404
    /// without one (from a proxy, or a wrong base URL) is a failure.
    pub fn not_found(self, format: ErrorFormat) -> Result<ResponseDecoder<'a>, Error> {
        if ApiError::from_body(&self.0.body).is_some() {
            Ok(self.empty())
        } else {
            Err(self.error(format))
        }
    }

    /// A 2xx status the spec does not document: the response's meaning is
    /// unknown, so it is not guessed.
    pub fn undocumented(self) -> Error {
        let status = self.0.status.as_u16();
        self.0.unexpected(format!(
            "status {status} is not one the spec documents for this endpoint"
        ))
    }

    /// The error for a status outside the documented outcomes, in the
    /// endpoint's error format: [`Error::OAuth2`] or [`Error::Api`] when the
    /// body is such an error (whatever the `Content-Type`),
    /// [`Error::UnexpectedBody`] otherwise (an HTML page from a proxy, a
    /// body cut short, an empty 502).
    pub fn error(self, format: ErrorFormat) -> Error {
        let Received {
            status,
            headers,
            body,
        } = self.0;
        match format {
            ErrorFormat::KonturApi => match ApiError::from_body(&body) {
                Some(error) => Error::Api {
                    response: ResponseInfo::from_headers(status, &headers),
                    error: Box::new(error),
                },
                None => unexpected(
                    status,
                    &headers,
                    "an error status without the API's error body".into(),
                    &body,
                ),
            },
            // Also any format added later: read as OAuth 2.0, as before.
            _ => match serde_json::from_slice::<Value>(&body)
                .ok()
                .map(serde_json::from_value::<OAuth2Error>)
            {
                Some(Ok(error)) => Error::OAuth2 {
                    response: ResponseInfo::from_headers(status, &headers),
                    error: Box::new(error),
                },
                _ => unexpected(
                    status,
                    &headers,
                    "an error status without an OAuth 2.0 error body".into(),
                    &body,
                ),
            },
        }
    }
}

/// An [`Error::UnexpectedBody`]. Its facts are read only when there is one:
/// a success needs neither a copy of the trace id nor of the content type.
fn unexpected(status: StatusCode, headers: &HeaderMap, problem: String, body: &[u8]) -> Error {
    Error::UnexpectedBody {
        response: ResponseInfo::from_headers(status, headers),
        content_type: header_str(headers, &CONTENT_TYPE).map(str::to_owned),
        problem,
        excerpt: excerpt(body),
    }
}

/// What [`Error::DecodeBody`] says instead of a value that must not be shown.
const HIDDEN_PROBLEM: &str = "the value does not fit its declared type";

impl<'a> ResponseDecoder<'a> {
    /// Decompresses and parses the body, a JSON object (spec version 1),
    /// and takes the values of its entries `names` out of it, in that
    /// order, for [`field`](ResponseDecoder::field) and
    /// [`optional_field`](ResponseDecoder::optional_field): `None` for an
    /// absent one; of a repeated key, the last, as in a map. Any status
    /// outside 2xx becomes an error: the server's OAuth 2.0 error when the
    /// body is one (whatever the `Content-Type`), [`Error::UnexpectedBody`]
    /// otherwise.
    ///
    /// The body is read once: the values of `names` as `serde_json::Value`s,
    /// the other entries read as strictly and dropped (see [`read_fields`]).
    /// Only a body that cannot be read so (not JSON, not an object, empty)
    /// is read again, as a `serde_json::Value`, for the error that says why,
    /// or for a 204's fields.
    pub fn with_fields<const N: usize>(
        response: impl Into<Answer<'a>>,
        names: [&str; N],
    ) -> Result<(Self, [Option<Value>; N]), Error> {
        let received = Received::new(response.into(), ErrorFormat::OAuth2)?;
        let mut values = [const { None }; N];
        if read_fields(&received.body, &names, &mut values).is_err() {
            received.fields_again(&names, &mut values)?;
        }
        Ok((received.into_decoder(), values))
    }

    /// Decodes a JSON body of type `T` (spec version 2's `response.body`),
    /// with the same decompression, size limit and handling of statuses
    /// outside 2xx as [`ResponseDecoder::new`]. The decoder returned beside
    /// it reads headers; it has no body fields.
    ///
    /// `T` is read straight from the bytes. Only when that fails is the text
    /// before serde_json's position of the error scanned to find where: the
    /// error is [`Error::DecodeBody`] with the JSON path, and serde_json's
    /// words without their line and column.
    /// Where the path goes through a key of `secret_keys` (the spec's
    /// `secret` fields) or a secret-looking one (`token`, `password`, …),
    /// the words, which may quote the value, are replaced.
    ///
    /// Text that is not JSON, or is cut short, is [`Error::UnexpectedBody`]
    /// with an excerpt, as for [`ResponseDecoder::new`]. So is an empty body,
    /// except with status 204 when `T` can be read from `null` (an `Option`,
    /// `()`): 204 has no body by definition.
    pub fn with_json_body<T: DeserializeOwned>(
        response: impl Into<Answer<'a>>,
        secret_keys: &[&str],
        format: ErrorFormat,
    ) -> Result<(Self, T), Error> {
        Self::decode_json(Received::new(response.into(), format)?, secret_keys)
    }

    fn decode_json<T: DeserializeOwned>(
        received: Received<'a>,
        secret_keys: &[&str],
    ) -> Result<(Self, T), Error> {
        if received.body.iter().all(u8::is_ascii_whitespace) {
            let nothing = serde_json::from_slice::<T>(b"null");
            return match nothing {
                Ok(value) if received.status == StatusCode::NO_CONTENT => {
                    Ok((received.into_decoder(), value))
                }
                _ => Err(received.unexpected("the body is empty".into())),
            };
        }
        // A union's error recorded by an earlier decode on this thread must
        // not be taken for this one's.
        crate::json::take_union_failure();
        let error = match serde_json::from_slice::<T>(&received.body) {
            Ok(value) => return Ok((received.into_decoder(), value)),
            Err(error) => error,
        };
        Err(misfit(received, &error, secret_keys))
    }

    /// A required body field `name`, whose value
    /// [`with_fields`](ResponseDecoder::with_fields) found (`None`: absent).
    pub fn field<T: WireValue>(&self, name: &str, value: Option<Value>) -> Result<T, Error> {
        match value {
            Some(value) => self.convert(name, value),
            None => Err(self.decode_error::<T>(name, "missing".to_owned())),
        }
    }

    /// A body field that may be absent (`optional`) or `null` (`nullable`).
    pub fn optional_field<T: WireValue>(
        &self,
        name: &str,
        value: Option<Value>,
        optional: bool,
        nullable: bool,
    ) -> Result<Option<T>, Error> {
        match value {
            None if optional => Ok(None),
            None => Err(self.decode_error::<T>(name, "missing".to_owned())),
            Some(Value::Null) if nullable => Ok(None),
            Some(value) => self.convert(name, value).map(Some),
        }
    }

    /// A required header; the first of `names` that is present counts.
    pub fn header<T: WireValue>(&self, names: &[HeaderKey]) -> Result<T, Error> {
        self.optional_header(names)?
            .ok_or_else(|| self.decode_error::<T>(&header_field(names), "missing".to_owned()))
    }

    /// A header with a default: absent or unreadable, it takes the default.
    /// Headers are metadata; a malformed one must not cost the caller a
    /// response that is otherwise sound.
    pub fn header_or_else<T: WireValue>(
        &self,
        names: &[HeaderKey],
        default: impl FnOnce() -> T,
    ) -> T {
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
    pub fn optional_header<T: WireValue>(&self, names: &[HeaderKey]) -> Result<Option<T>, Error> {
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

    fn convert<T: WireValue>(&self, name: &str, value: Value) -> Result<T, Error> {
        T::from_json_value(value)
            .map_err(|value| self.decode_error::<T>(name, describe(&value, T::SECRET)))
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

/// The error for a body that `T` could not be read from, `error` being
/// serde_json's: not generic, so that each response type does not carry a
/// copy of it.
fn misfit(received: Received<'_>, error: &serde_json::Error, secret_keys: &[&str]) -> Error {
    // A map key that is not of the key type (`keys: integer`, a key
    // `first`) is a syntax error to serde_json, though the body is JSON:
    // that one misfits its type, at a path, like any other value.
    let not_json = match error.classify() {
        Category::Eof | Category::Io => true,
        Category::Syntax => {
            serde_json::from_slice::<serde::de::IgnoredAny>(&received.body).is_err()
        }
        Category::Data => false,
    };
    if not_json {
        return received.unexpected(format!("the body is not JSON ({error})"));
    }
    // Only for a body that does not fit: where, from the error's place
    // in the text, without decoding the body again.
    // The error of a union is placed after the union's value (see
    // `json_path`): it is the union's when its words are those the union
    // recorded.
    let union = crate::json::take_union_failure()
        .filter(|union| union.message == crate::json::unplaced(error));
    let (path, secret) = match json_path::error_path(&received.body, error, union.as_ref()) {
        Some(path) => {
            let secret = path.iter().any(|segment| match segment {
                Segment::Key(key) => {
                    looks_secret(key) || secret_keys.iter().any(|secret| secret == key)
                }
                _ => false,
            });
            (json_path::show(&path), secret)
        }
        // A place the scanner cannot find in the body (it always should):
        // the error stands, placed nowhere, its words hidden since where
        // it came from is unknown.
        None => (".".to_owned(), true),
    };
    let problem = if secret {
        HIDDEN_PROBLEM.to_owned()
    } else {
        crate::json::unplaced(error)
    };
    Error::DecodeBody {
        response: ResponseInfo::from_headers(received.status, &received.headers),
        path,
        problem,
    }
}

/// Reads `body`, a JSON object, in one pass: the value of each entry that
/// `names` lists as a `serde_json::Value` into `values` (at the name's
/// place; a repeated key's last value, as a map of the body would keep),
/// every other entry's key and value read and dropped. An error for a body
/// that is not a JSON object.
///
/// It accepts exactly the bodies `serde_json::from_slice::<Value>` reads as
/// an object: the values it drops are read with `deserialize_any`, as a
/// `Value` reads them (every string checked for UTF-8 and its escapes,
/// every number parsed, the same nesting limit), never skipped unread as
/// `IgnoredAny` would. A key that begins as serde_json's private tokens do
/// is refused, whose object a `Value` may read otherwise.
fn read_fields(
    body: &[u8],
    names: &[&str],
    values: &mut [Option<Value>],
) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde::Deserializer::deserialize_map(&mut deserializer, FieldsVisitor { names, values })?;
    deserializer.end()
}

struct FieldsVisitor<'a, 'n> {
    names: &'a [&'n str],
    values: &'a mut [Option<Value>],
}

impl<'de> Visitor<'de> for FieldsVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(at) = map.next_key_seed(FieldIndex(self.names))? {
            match at.and_then(|at| self.values.get_mut(at)) {
                Some(value) => *value = Some(map.next_value()?),
                None => map.next_value::<Dropped>().map(|_| ())?,
            }
        }
        Ok(())
    }
}

/// Reads an object's key as its place in the names sought, if any, without
/// keeping it.
struct FieldIndex<'a, 'n>(&'a [&'n str]);

impl<'de> DeserializeSeed<'de> for FieldIndex<'_, '_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        // As a `Value`'s map reads its keys.
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for FieldIndex<'_, '_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        // serde_json's `Value` reads an object whose first key is one of
        // its private tokens (`$serde_json::private::RawValue`) as
        // something else: such a body is left to it.
        if key.starts_with(SERDE_JSON_PRIVATE) {
            return Err(E::custom("a key of serde_json's own"));
        }
        Ok(self.0.iter().position(|name| *name == key))
    }
}

/// How serde_json's private tokens begin.
const SERDE_JSON_PRIVATE: &str = "$serde_json::private::";

/// Any JSON value, read as a `serde_json::Value` would be read
/// (`deserialize_any`) and dropped.
struct Dropped;

impl<'de> Deserialize<'de> for Dropped {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Dropped)
    }
}

impl<'de> Visitor<'de> for Dropped {
    type Value = Dropped;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Dropped, E> {
        Ok(Dropped)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Dropped, E> {
        Ok(Dropped)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Dropped, E> {
        Ok(Dropped)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Dropped, E> {
        Ok(Dropped)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Dropped, E> {
        Ok(Dropped)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Dropped, E> {
        Ok(Dropped)
    }

    fn visit_none<E: de::Error>(self) -> Result<Dropped, E> {
        Ok(Dropped)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Dropped, D::Error> {
        Dropped::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Dropped, A::Error> {
        while seq.next_element::<Dropped>()?.is_some() {}
        Ok(Dropped)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dropped, A::Error> {
        // Keys as a `Value`'s map reads them.
        while map.next_key_seed(FieldIndex(&[]))?.is_some() {
            map.next_value::<Dropped>()?;
        }
        Ok(Dropped)
    }
}

fn header_field(names: &[HeaderKey]) -> String {
    format!("header {}", names.first().map_or("", |key| key.spelled))
}

/// A header's value when it is present and visible ASCII.
fn header_text<'a>(headers: &'a HeaderMap, key: &HeaderKey) -> Option<&'a str> {
    header_str(headers, &key.name)
}

fn header_str<'a>(headers: &'a HeaderMap, name: &http::HeaderName) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// A response header the generated code reads: its name parsed once, when
/// the constant is made (a `&str` would be parsed and lower-cased on every
/// response), and as the spec spells it, for messages.
#[derive(Clone, Debug)]
pub struct HeaderKey {
    name: http::HeaderName,
    spelled: &'static str,
}

/// `X-Kontur-Trace-Id`, which nearly every endpoint reads, once for all.
pub static TRACE_ID_KEY: [HeaderKey; 1] =
    [HeaderKey::new(crate::TRACE_ID_HEADER, "x-kontur-trace-id")];

impl HeaderKey {
    /// `lower` is `spelled` in lower case, a valid header name (the checker
    /// has made sure); otherwise the constant does not compile.
    pub const fn new(spelled: &'static str, lower: &'static str) -> Self {
        HeaderKey {
            name: http::HeaderName::from_static(lower),
            spelled,
        }
    }
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
fn decompress(headers: &HeaderMap, body: Vec<u8>, max: usize) -> Result<Vec<u8>, String> {
    let encoding = header_str(headers, &CONTENT_ENCODING)
        .unwrap_or("identity")
        .trim();
    let is = |name: &str| encoding.eq_ignore_ascii_case(name);
    let limit = max as u64;
    let too_large = || format!("the body is larger than {max} bytes");
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

/// Whether a JSON key's name says its value is a secret (`access_token`,
/// `clientSecret`, `api-key`…), whatever its case and separators.
pub fn looks_secret(key: &str) -> bool {
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
    use serde_json::Value;

    use super::{Incoming, Received, ResponseDecoder, excerpt};
    use crate::{Error, ErrorFormat};

    #[derive(Debug, serde::Deserialize)]
    struct Refusal {
        reason: String,
    }

    fn refusal(body: &str, format: ErrorFormat) -> Result<Refusal, Error> {
        let response = http::Response::builder()
            .status(400)
            .body(body.as_bytes().to_vec())
            .expect("a response");
        let incoming = Incoming::new(response).expect("within limits");
        incoming
            .result_or_error::<Refusal>(&[], format)
            .map(|(_, value)| value)
    }

    #[test]
    fn a_result_at_an_error_status_is_read_first_then_the_error_format() {
        let fits = r#"{"reason":"checkProtocolHasErrors","id":"urn:error:x"}"#;
        for format in [ErrorFormat::KonturApi, ErrorFormat::OAuth2] {
            // A body that fits is the result, even one that is an error too.
            assert_eq!(
                refusal(fits, format).expect("a result").reason,
                "checkProtocolHasErrors"
            );
            // Neither: where it does not fit.
            match refusal(r#"{"reason":7}"#, format) {
                Err(Error::DecodeBody { path, .. }) => assert_eq!(path, "reason"),
                other => panic!("{other:?}"),
            }
            match refusal("<h1>Bad Request</h1>", format) {
                Err(Error::UnexpectedBody { .. }) => {}
                other => panic!("{other:?}"),
            }
        }
        match refusal(
            r#"{"id":"urn:error:validation","message":"bad"}"#,
            ErrorFormat::KonturApi,
        ) {
            Err(Error::Api { error, .. }) => assert_eq!(error.message, "bad"),
            other => panic!("{other:?}"),
        }
        match refusal(r#"{"error":"invalid_request"}"#, ErrorFormat::OAuth2) {
            Err(Error::OAuth2 { response, .. }) => assert_eq!(response.status.as_u16(), 400),
            other => panic!("{other:?}"),
        }
    }

    /// The fields as the body read as a whole `serde_json::Value` gives
    /// them (what `with_fields` did before it read the body in one pass),
    /// or its error's words.
    fn fields_of_value(
        status: u16,
        body: &str,
        names: [&str; 3],
    ) -> Result<Vec<Option<Value>>, String> {
        let received = Received {
            status: http::StatusCode::from_u16(status).expect("a status"),
            headers: std::borrow::Cow::Owned(http::HeaderMap::new()),
            body: body.as_bytes().to_vec(),
        };
        let mut values = [const { None }; 3];
        received
            .fields_again(&names, &mut values)
            .map(|()| values.to_vec())
            .map_err(|error| error.to_string())
    }

    fn fields_in_one_pass(
        status: u16,
        body: &str,
        names: [&str; 3],
    ) -> Result<Vec<Option<Value>>, String> {
        let response = http::Response::builder()
            .status(status)
            .body(body.as_bytes().to_vec())
            .expect("a response");
        ResponseDecoder::with_fields(response, names)
            .map(|(_, values)| values.to_vec())
            .map_err(|error| error.to_string())
    }

    #[test]
    fn fields_read_in_one_pass_are_those_of_the_body_read_as_a_value() {
        let names = ["access_token", "expires_in", "scope"];
        let bodies = [
            r#"{"access_token":"t","expires_in":86400,"token_type":"Bearer"}"#,
            r#"{"expires_in":"x","expires_in":5,"access_token":null,"access_token":"last"}"#,
            r#"{"acc\u0065ss_token":"escaped key","x":{"a":[1,-2,3.5,true,null,{"b":"c"}]}}"#,
            r#"{"access_token":{"nested":[1,2]},"scope":[],"expires_in":1e5}"#,
            r#"{"other":1e400}"#,
            r#"{"other":"\ud800"}"#,
            r#"{"other":"\uDD1E"}"#,
            r#"{"other":{"$serde_json::private::RawValue":"[1]"}}"#,
            r#"{"$serde_json::private::RawValue":"{\"access_token\":\"raw\"}"}"#,
            r#"{"$serde_json::private::RawValue":"not json"}"#,
            r#"{"other":{"$serde_json::private::Number":"1"}}"#,
            r#"{"a":1,}"#,
            r#"{"a":1} x"#,
            r#"{"a":1}  "#,
            r#"{"a":[1,2}"#,
            r#"{"a":01}"#,
            r#"{"a":"tab	inside"}"#,
            r#"["access_token"]"#,
            r#""text""#,
            "null",
            "",
            "   ",
            "{",
            "{}",
        ];
        let deep = format!("{{\"other\":{}1{}}}", "[".repeat(200), "]".repeat(200));
        for body in bodies.iter().copied().chain([deep.as_str()]) {
            for status in [200, 204] {
                assert_eq!(
                    fields_in_one_pass(status, body, names),
                    fields_of_value(status, body, names),
                    "{status} {body}"
                );
            }
        }
        // Bytes that are not UTF-8, which `&str` cannot carry.
        for body in [&b"{\"other\":\"\xff\"}"[..], b"{\"access_token\":\"\xc3\"}"] {
            let response = |body: &[u8]| {
                http::Response::builder()
                    .status(200)
                    .body(body.to_vec())
                    .expect("a response")
            };
            let one_pass = ResponseDecoder::with_fields(response(body), names)
                .map(|(_, values)| values.to_vec())
                .map_err(|error| error.to_string());
            let received = Received {
                status: http::StatusCode::OK,
                headers: std::borrow::Cow::Owned(http::HeaderMap::new()),
                body: body.to_vec(),
            };
            let mut values = [const { None }; 3];
            let by_value = received
                .fields_again(&names, &mut values)
                .map(|()| values.to_vec())
                .map_err(|error| error.to_string());
            assert_eq!(one_pass, by_value, "{body:?}");
            assert!(one_pass.is_err(), "{one_pass:?}");
        }
    }

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
