//! The spec file format, version 1, exactly as it is written in YAML.
//!
//! These types only give the file its shape: serde rejects unknown keys,
//! missing keys and values of the wrong YAML type. Everything that needs more
//! than one value to judge (type names, duplicates, constants, examples) is
//! checked in [`crate::check`], which reports every problem at once.
//! `spec/README.md` documents each key.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, Position};

/// A whole spec file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// The format version; only `1` exists.
    pub spec: Spanned<u32>,
    pub endpoint: EndpointSpec,
    pub request: RequestSpec,
    pub response: ResponseSpec,
    pub error: ErrorSpec,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EndpointSpec {
    /// `snake_case`; becomes the client method and, in PascalCase, the type names.
    pub name: Spanned<String>,
    /// One line, the first line of the generated rustdoc.
    pub summary: String,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub docs_url: Option<Spanned<String>>,
    pub method: Spanned<String>,
    /// Default server; callers can override it at run time.
    pub base_url: Spanned<String>,
    pub path: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    /// How body parameters are encoded: `form` in version 1.
    pub body: Spanned<String>,
    pub params: Vec<ParamSpec>,
}

/// A request parameter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamSpec {
    pub name: Spanned<String>,
    /// Where the parameter goes: `body` (the default), `query` or `header`.
    #[serde(default, rename = "in")]
    pub location: Option<Spanned<String>>,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default, rename = "type")]
    pub ty: Option<Spanned<String>>,
    /// The variants of an `enum` type.
    #[serde(default)]
    pub values: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub optional: Option<Spanned<bool>>,
    #[serde(default)]
    pub default: Option<Spanned<Scalar>>,
    /// A fixed value the caller cannot set.
    #[serde(default, rename = "const")]
    pub constant: Option<Spanned<Scalar>>,
    #[serde(default)]
    pub secret: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSpec {
    pub status: Spanned<Scalar>,
    pub content_type: Spanned<String>,
    pub fields: Vec<FieldSpec>,
    #[serde(default)]
    pub headers: Vec<HeaderSpec>,
}

/// A field of the response body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    pub name: Spanned<String>,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    #[serde(default)]
    pub values: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub nullable: bool,
    #[serde(default)]
    pub secret: bool,
}

/// A response header captured into a field of the response.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderSpec {
    pub name: Spanned<String>,
    pub header: Spanned<String>,
    /// Other header names that carry the same value.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub default: Option<Spanned<Scalar>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorSpec {
    /// The error body's format: `oauth2` (RFC 6749 section 5.2 with Kontur's extensions).
    pub format: Spanned<String>,
}

/// A documented request and response pair.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    pub name: Spanned<String>,
    #[serde(default)]
    pub doc: Option<String>,
    pub request: ExampleRequestSpec,
    pub response: ExampleResponseSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleRequestSpec {
    #[serde(default)]
    pub headers: OrderedMap<Spanned<Scalar>>,
    #[serde(default)]
    pub params: OrderedMap<Spanned<Scalar>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleResponseSpec {
    pub status: Spanned<Scalar>,
    #[serde(default)]
    pub headers: OrderedMap<Spanned<Scalar>>,
    pub body: Spanned<String>,
}

/// A YAML scalar written where the spec allows any type (defaults,
/// constants, example values); [`crate::check`] judges it against the
/// declared type.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Bool(bool),
    Integer(i64),
    String(String),
}

impl Scalar {
    /// The value with its kind, for messages: `the string "86400"`.
    pub fn describe(&self) -> String {
        match self {
            Scalar::Bool(value) => format!("the boolean {value}"),
            Scalar::Integer(value) => format!("the number {value}"),
            Scalar::String(value) => format!("the string {value:?}"),
        }
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Bool(value) => write!(f, "{value}"),
            Scalar::Integer(value) => write!(f, "{value}"),
            Scalar::String(value) => f.write_str(value),
        }
    }
}

/// A YAML mapping that keeps its keys' order and positions: example headers
/// and parameters are compared and replayed in the order they are documented.
#[derive(Debug)]
pub struct OrderedMap<V>(pub Vec<(Spanned<String>, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedMapVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedMapVisitor<V> {
            type Value = OrderedMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of names to values")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedMap(entries))
            }
        }

        deserializer.deserialize_map(OrderedMapVisitor(PhantomData))
    }
}

/// Parses a spec's YAML text: first its structure, all problems at once
/// (`shape.rs`), then into the typed model. A YAML syntax error comes
/// back alone; `file` names the spec in the message.
pub fn parse(file: &str, text: &str) -> Result<SpecFile, Diagnostics> {
    crate::shape::check(file, text)?;
    serde_saphyr::from_str(text).map_err(|error| {
        let position = error.location().and_then(Position::from_location);
        let message = error.without_snippet().to_string();
        Diagnostics::from(vec![Diagnostic {
            file: file.to_owned(),
            position,
            message: explain(&strip_position_suffix(&message)),
        }])
    })
}

/// Rewords the parser's messages that speak to a Rust developer rather than
/// to someone editing YAML.
fn explain(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest);
        return format!("key `{key}` appears twice in this mapping; remove one");
    }
    message.to_owned()
}

/// serde-saphyr appends ` at line L, column C` to its messages; the
/// diagnostic already leads with `file:line:col`, so the suffix would repeat it.
fn strip_position_suffix(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) if message[at..].contains("column") => message[..at].to_owned(),
        _ => message.to_owned(),
    }
}

/// The position a value was written at, when the parser knows it.
pub fn position_of<T>(value: &Spanned<T>) -> Option<Position> {
    Position::from_location(value.referenced)
}
