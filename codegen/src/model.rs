//! A checked endpoint: what the code generator works from.
//!
//! Built by [`crate::endpoint`] from a [`crate::spec::SpecFile`]. Names are
//! valid Rust identifiers, types are known and every example fits.

pub use crate::types::model::{Ty, TypeSpace};

/// One HTTP endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// `snake_case`.
    pub name: String,
    pub summary: String,
    pub doc: Option<String>,
    pub docs_url: Option<String>,
    pub method: Method,
    pub base_url: String,
    pub path: String,
    pub request: Request,
    pub response: Response,
    pub error: ErrorFormat,
    pub examples: Vec<Example>,
    /// The spec format version, 1 or 2.
    pub version: u8,
    /// Version 2: every type the bodies use; empty in version 1.
    pub types: TypeSpace,
    /// Version 2 with `responses`: the documented outcomes. `response`
    /// then holds the first success's status and content type, for
    /// `METADATA`.
    pub outcomes: Option<Outcomes>,
    /// How requests are authenticated.
    pub auth: Auth,
    /// Version 2's `paging`: the client also streams every page's items.
    pub paging: Option<Paging>,
    /// Version 2's `task`: the answer is a task another endpoint reads.
    pub task: Option<Task>,
    /// Version 2's `chunks`: the binary body is one chunk of a content.
    pub chunks: Option<Chunks>,
}

/// `chunks:`: the binary body is one chunk of a content sent in ranges;
/// the first goes here, the others to another endpoint, which takes the
/// content's id from this one's answer. Wire names, as the spec writes
/// them.
#[derive(Clone, Debug, PartialEq)]
pub struct Chunks {
    /// The header parameter that carries a chunk's range.
    pub range: String,
    /// The largest chunk the server takes, in bytes.
    pub max: Option<u64>,
    /// The outcome (of this endpoint and of the next) that says the whole
    /// content has arrived.
    pub complete: String,
    /// The next spec, as `chunks.next` names it (relative to the spec).
    pub next: String,
    /// The next spec's file, found from the spec's own (`load_file`).
    pub next_path: Option<std::path::PathBuf>,
    /// The next endpoint's name, found with `next_path`.
    pub next_endpoint: Option<String>,
    /// The key of this answer's body that names the content.
    pub id: String,
    /// The next endpoint's parameter that takes it.
    pub param: String,
}

impl Endpoint {
    /// Whether every success it documents is a binary body (a content), so
    /// that the answer can be written out as it arrives (`send_to`, the
    /// CLI's `call`).
    pub fn streams(&self) -> bool {
        self.outcomes.as_ref().is_some_and(|outcomes| {
            let mut successes = outcomes
                .listed
                .iter()
                .filter(|outcome| !outcome.at_error_status())
                .peekable();
            successes.peek().is_some() && successes.all(|outcome| outcome.binary)
        })
    }
}

/// `task:`: the answer names a task that another endpoint reads again
/// until it leaves `running`. Wire names, as the spec writes them.
#[derive(Clone, Debug, PartialEq)]
pub struct Task {
    /// The reading spec, as `task.read` names it (relative to the spec).
    pub read: String,
    /// The reading spec's file, found from the spec's own (`load_file`);
    /// `None` when the spec was read from text.
    pub read_path: Option<std::path::PathBuf>,
    /// The reading endpoint's name, found with `read_path`.
    pub reader: Option<String>,
    /// The key of the starting answer's body that names the task.
    pub id: String,
    /// The reading endpoint's parameter that takes it.
    pub param: String,
    /// The key of the reading answer's body that says how the task is.
    pub state: String,
    /// The values of `state` that mean it still runs.
    pub running: Vec<String>,
}

/// How an endpoint pages (`paging:`): the Rust names involved.
#[derive(Clone, Debug, PartialEq)]
pub struct Paging {
    /// The body's field with the page's items.
    pub items: String,
    /// The type of one item.
    pub item: Ty,
    /// What moves from page to page.
    pub kind: PagingKind,
}

/// The kinds of `paging:`.
#[derive(Clone, Debug, PartialEq)]
pub enum PagingKind {
    /// `skip` and `total`: an offset, and the total the server reports.
    Skip {
        /// The `Request` field of the skip parameter.
        skip: String,
        /// It is `Option<i64>` (an optional parameter).
        skip_optional: bool,
        /// The body's field with the total.
        total: String,
    },
    /// `cursor`, `next` and `ends`: each page names where the next begins.
    Cursor(CursorPaging),
    /// `in: body`, `skip` and `total`: an offset in the JSON request body.
    Body(BodyPaging),
}

/// `paging: {in: body, skip, take, items, total}`: `skip` and `take` are
/// fields of the JSON request body.
#[derive(Clone, Debug, PartialEq)]
pub struct BodyPaging {
    /// The body's Rust field with the skip.
    pub skip: String,
    /// The skip field is an `Option<i64>` (optional or nullable).
    pub skip_optional: bool,
    /// The body's Rust field with the take, which the stream leaves as it is.
    pub take: String,
    /// The response body's field with the total, if the answer has one;
    /// without it the stream ends at an empty page.
    pub total: Option<String>,
}

/// `paging: {cursor, next, ends}`.
#[derive(Clone, Debug, PartialEq)]
pub struct CursorPaging {
    /// The `Request` field of the cursor parameter.
    pub param: String,
    /// It is an `Option` (an optional parameter): the first page is sent
    /// as the request has it, set or not.
    pub param_optional: bool,
    /// The parameter's type (`string`, `integer` or `uuid`).
    pub ty: Type,
    /// The body's field with the next page's cursor.
    pub next: String,
    /// Which answer the API documents as the last page.
    pub ends: CursorEnd,
}

/// `paging.ends`: which answer is the last page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CursorEnd {
    /// `absent`: the `next` field absent or null.
    Absent,
    /// `same`: the `next` field equal to the cursor sent.
    Same,
    /// `empty`: a page without items.
    Empty,
}

/// How requests are authenticated (`endpoint.auth`, version 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    /// By their parameters alone.
    None,
    /// `Authorization: Bearer <token>` from a token source.
    Bearer,
}

/// The documented outcomes of an endpoint (version 2, `responses`).
#[derive(Clone, Debug, PartialEq)]
pub struct Outcomes {
    /// The outcomes the spec lists, in spec order: success statuses, and
    /// client-error statuses (400 to 499) whose JSON body is a result.
    pub listed: Vec<Outcome>,
    /// A 404 with the API's error body means "not found": the call returns
    /// `None` (the vendor's SDKs return `null` or `false`).
    pub not_found: bool,
}

impl Outcomes {
    /// The outcome a response of `status` is: the one that lists it, else,
    /// for any other 2xx, the `2xx` one.
    pub fn for_status(&self, status: u16) -> Option<&Outcome> {
        self.listed
            .iter()
            .find(|outcome| outcome.status == Some(status))
            .or_else(|| {
                (200..300)
                    .contains(&status)
                    .then(|| self.listed.iter().find(|o| o.status.is_none()))
                    .flatten()
            })
    }
}

/// One documented outcome: a success, or a result the API answers with a
/// client-error status (a refused draft send's 400).
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// `snake_case`; the variant and struct are its PascalCase.
    pub name: String,
    /// `None`: any success status the others do not list (`2xx`).
    pub status: Option<u16>,
    pub doc: Option<String>,
    /// The JSON body's type; `None` for an outcome without a JSON body.
    pub body: Option<Ty>,
    /// The body is raw bytes (`binary: true`), not JSON.
    pub binary: bool,
    /// The body is text (`text: true`), a `String`.
    pub text: bool,
    pub headers: Vec<Header>,
}

impl Outcome {
    /// Whether the outcome is read from a client-error status (400 to
    /// 499): its body is tried first, and a body that does not fit it is
    /// read as that status's error (see `outcomes/error_status.rs`).
    pub fn at_error_status(&self) -> bool {
        self.status.is_some_and(|status| status >= 400)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub body: BodyEncoding,
    /// In the order the spec lists them; the form body keeps this order.
    pub params: Vec<Param>,
    /// Version 2, `body: json`: the body's type.
    pub json: Option<Ty>,
}

/// How the request body travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyEncoding {
    /// `application/x-www-form-urlencoded`, from `in: body` parameters.
    Form,
    /// `application/json`, from [`Request::json`] (version 2).
    Json,
    /// Raw bytes, `application/octet-stream` unless a `Content-Type` header
    /// parameter says otherwise (version 2).
    Binary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    Body,
    Query,
    Header,
    /// Version 2: in place of `{name}` in the path.
    Path,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The name on the wire.
    pub name: String,
    pub location: ParamLocation,
    pub doc: Option<String>,
    pub kind: ParamKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ParamKind {
    /// Sent with a fixed value; not a field of the request struct.
    Constant(Value),
    /// Set by the caller.
    Caller {
        ty: Type,
        secret: bool,
        presence: Presence,
    },
}

/// Whether a caller-set parameter must be given.
#[derive(Clone, Debug, PartialEq)]
pub enum Presence {
    Required,
    /// Left out of the request unless set.
    Optional,
    /// Sent with this value unless set.
    Default(Value),
}

/// A value type of a parameter, field or header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Type {
    String,
    Integer,
    Boolean,
    /// A whole number of seconds, as `std::time::Duration`.
    DurationSeconds,
    Url,
    /// Known values, plus a fallback that keeps any other value.
    Enum(Vec<String>),
    /// Version 2: `kontur_extern::Uuid`.
    Uuid,
    /// Version 2: `kontur_extern::DateTime`.
    DateTime,
    /// Version 2, query parameters: each element sent as a repeated key.
    List(Box<Type>),
}

impl Type {
    /// The element type of a list, the type itself otherwise.
    pub fn element(&self) -> &Type {
        match self {
            Type::List(inner) => inner,
            other => other,
        }
    }
}

/// A value from the spec, already checked against its [`Type`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    String(String),
    Integer(i64),
    Boolean(bool),
    DurationSeconds(u64),
    Url(String),
    /// One of the enum's values or, for the fallback, any other text.
    Enum(String),
    /// Lower case, hyphenated.
    Uuid(String),
    /// As `kontur_extern::DateTime` writes it.
    DateTime(String),
    /// A list parameter's elements; sent one key each.
    List(Vec<Value>),
}

impl Value {
    /// The texts it travels as: one per element of a list, one otherwise.
    pub fn wire_values(&self) -> Vec<String> {
        match self {
            Value::List(values) => values.iter().map(Value::to_wire).collect(),
            other => vec![other.to_wire()],
        }
    }

    /// The value as it is written on the wire (a list's elements joined by
    /// `,`, for messages; a list travels as repeated keys).
    pub fn to_wire(&self) -> String {
        match self {
            Value::String(text)
            | Value::Url(text)
            | Value::Enum(text)
            | Value::Uuid(text)
            | Value::DateTime(text) => text.clone(),
            Value::List(values) => values
                .iter()
                .map(Value::to_wire)
                .collect::<Vec<_>>()
                .join(","),
            Value::Integer(number) => number.to_string(),
            Value::Boolean(flag) => flag.to_string(),
            Value::DurationSeconds(seconds) => seconds.to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub content_type: String,
    /// Version 1: the fields of the JSON object.
    pub fields: Vec<Field>,
    pub headers: Vec<Header>,
    /// Version 2: the body's type.
    pub body: Option<Ty>,
}

/// A field of the JSON response body.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub doc: Option<String>,
    pub ty: Type,
    pub secret: bool,
    /// May be absent from the body.
    pub optional: bool,
    /// May be `null`.
    pub nullable: bool,
}

/// A response header captured into the response struct.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// The field name in the response struct.
    pub field: String,
    /// Header names, the main one first.
    pub names: Vec<String>,
    pub doc: Option<String>,
    pub ty: Type,
    pub presence: Presence,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorFormat {
    /// RFC 6749 section 5.2, with Kontur's extensions.
    OAuth2,
    /// Version 2: the Kontur.Extern API's error object.
    KonturApi,
}

/// A documented exchange.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub name: String,
    pub doc: Option<String>,
    /// Request headers as documented.
    pub request_headers: Vec<(String, String)>,
    /// The parameters the example lists, in its order, then the constants
    /// and defaults it leaves out: every parameter the request carries.
    pub params: Vec<(String, Value)>,
    pub response_status: u16,
    pub response_headers: Vec<(String, String)>,
    pub response_body: String,
    /// Version 2: the documented JSON request body.
    pub request_body: Option<String>,
    /// Version 2, with `response.undeclared_keys: true`: each key of the
    /// response body that its types do not declare, at its place in the
    /// spec (`check -v` lists them; the generated client ignores them).
    pub undeclared_keys: Vec<crate::Diagnostic>,
}
