//! The spec file format, version 1, exactly as it is written in YAML.
//!
//! These types only give the file its shape: serde rejects unknown keys,
//! missing keys and values of the wrong YAML type. Everything that needs more
//! than one value to judge (type names, duplicates, constants, examples) is
//! checked in [`crate::endpoint`], which reports every problem at once.
//! `spec/README.md` documents each key.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::types::source::{NamedNode, Text, TypeNode};

/// A whole spec file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// The format version: `1` or `2`.
    pub spec: Spanned<i64>,
    /// Version 2: type files whose named types this spec uses.
    #[serde(default, rename = "use")]
    pub uses: Vec<Spanned<String>>,
    /// Version 2: read from the positioned tree into [`SpecFile::v2`].
    #[serde(default)]
    pub types: Option<serde::de::IgnoredAny>,
    /// Version 2: a page of items, read by `skip` and `take`.
    #[serde(default)]
    pub paging: Option<PagingSpec>,
    pub endpoint: EndpointSpec,
    pub request: RequestSpec,
    /// Required in version 1; in version 2, this or `responses`.
    #[serde(default)]
    pub response: Option<ResponseSpec>,
    /// Version 2: several documented outcomes.
    #[serde(default)]
    pub responses: Vec<OutcomeSpec>,
    pub error: ErrorSpec,
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
    /// The type nodes of a version 2 spec, which nest and are read by hand
    /// (`types/source.rs`) rather than by serde.
    #[serde(skip)]
    pub v2: V2Nodes,
    /// The spec's text, for positions inside documented bodies.
    #[serde(skip)]
    pub text: String,
}

/// The type nodes of a version 2 spec.
#[derive(Debug, Default)]
pub struct V2Nodes {
    pub types: Vec<NamedNode>,
    pub request_json: Option<TypeNode>,
    pub response_body: Option<TypeNode>,
    /// The `body` of each of `responses`, in order.
    pub outcome_bodies: Vec<Option<TypeNode>>,
}

/// `paging:` (version 2): which parameters page, and where the page's items
/// and total are.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagingSpec {
    /// The query parameter: how many items to skip.
    pub skip: Spanned<String>,
    /// The query parameter: how many items a page holds.
    pub take: Spanned<String>,
    /// The JSON key of the body's list of items.
    pub items: Spanned<String>,
    /// The JSON key of the body's total count.
    pub total: Spanned<String>,
}

/// One documented outcome of `responses` (version 2).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeSpec {
    /// A status from 200 to 299, `2xx` for any other success, or 404 with
    /// `not_found`.
    pub status: Spanned<Scalar>,
    #[serde(default)]
    pub name: Option<Spanned<String>>,
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub content_type: Option<Spanned<String>>,
    /// Read from the positioned tree into [`V2Nodes::outcome_bodies`].
    #[serde(default)]
    pub body: Option<serde::de::IgnoredAny>,
    /// The body is raw bytes (a content download).
    #[serde(default)]
    pub binary: Option<Spanned<bool>>,
    #[serde(default)]
    pub not_found: Option<Spanned<bool>>,
    #[serde(default)]
    pub headers: Vec<HeaderSpec>,
}

/// A type file: named types that several specs share.
#[derive(Debug)]
pub struct TypesFile {
    pub spec: i64,
    pub module: Text,
    pub types: Vec<NamedNode>,
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
    /// Version 2: `none` (the default) or `bearer`.
    #[serde(default)]
    pub auth: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    /// How the body is encoded: `form`, or `json` from version 2.
    pub body: Spanned<String>,
    /// Required in version 1 (the structural check says so).
    #[serde(default)]
    pub params: Vec<ParamSpec>,
    /// Version 2: the JSON body's type, in [`V2Nodes::request_json`].
    #[serde(default)]
    pub json: Option<serde::de::IgnoredAny>,
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
    /// Version 2, `type: list`: the elements' type.
    #[serde(default)]
    pub items: Option<Spanned<String>>,
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
    /// Version 1 only (the structural check says so).
    #[serde(default)]
    pub fields: Vec<FieldSpec>,
    /// Version 2: the body's type, in [`V2Nodes::response_body`].
    #[serde(default)]
    pub body: Option<serde::de::IgnoredAny>,
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
    /// Version 2, with `body: json`: the documented JSON body.
    #[serde(default)]
    pub body: Option<Spanned<String>>,
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
/// constants, example values); [`crate::endpoint`] judges it against the
/// declared type.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Bool(bool),
    Integer(i64),
    String(String),
    /// Version 2: the value of a list parameter in an example.
    List(Vec<Scalar>),
}

impl Scalar {
    /// The value with its kind, for messages: `the string "86400"`.
    pub fn describe(&self) -> String {
        match self {
            Scalar::Bool(value) => format!("the boolean {value}"),
            Scalar::Integer(value) => format!("the number {value}"),
            Scalar::String(value) => format!("the string {value:?}"),
            Scalar::List(_) => "a list".to_owned(),
        }
    }
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Bool(value) => write!(f, "{value}"),
            Scalar::Integer(value) => write!(f, "{value}"),
            Scalar::String(value) => f.write_str(value),
            Scalar::List(values) => {
                let texts: Vec<String> = values.iter().map(ToString::to_string).collect();
                f.write_str(&texts.join(","))
            }
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

/// The largest spec accepted, in bytes (1 MiB). Real specs are a few
/// kilobytes; the limit keeps a wrong path (a log, a data dump) or a
/// generated monster from costing every build seconds and memory.
pub const MAX_SPEC_BYTES: usize = 1024 * 1024;

/// How deep lists and mappings may nest. The format itself needs 5 levels
/// (the file → `examples` → an example → its `request` → `params`); the
/// limit keeps the recursion of the parser and of the checks, and so the
/// stack of the compiler running the macro, small.
pub const MAX_NESTING: usize = 32;

/// How many YAML nodes aliases (`*name`) may repeat in all. An alias
/// re-reads what its anchor holds, so nested aliases can make a few lines
/// stand for billions of nodes ("billion laughs"); a spec needs a handful.
/// The parser counts events, at most two per node (a list or mapping has a
/// start and an end), so its limit is twice this: reaching it means more
/// than this many nodes.
pub const MAX_ALIAS_NODES: usize = 10_000;

/// How many YAML nodes (values, lists, mappings) a spec may have, and its
/// anchors (`&name`) hold in all. A spec has a few hundred; within
/// [`MAX_SPEC_BYTES`] this bounds the parser's time and memory for files of
/// tiny values (`[[],[],…]`) and of anchors nested in anchors.
pub const MAX_NODES: usize = 100_000;

/// How many bytes of text the spec's values may hold, counting what aliases
/// repeat and the full spelling of tags: four times [`MAX_SPEC_BYTES`].
pub const MAX_TEXT_BYTES: usize = 4 * MAX_SPEC_BYTES;

/// How many merge keys (`<<:`) a spec may have: each copies a mapping.
const MAX_MERGE_KEYS: usize = 10_000;

/// The parser's options: its resource limits are the spec's.
pub(crate) fn yaml_options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_reader_input_bytes: Some(MAX_SPEC_BYTES),
            max_depth: MAX_NESTING,
            flow_nesting_limit: MAX_NESTING,
            max_nodes: MAX_NODES,
            max_total_scalar_bytes: MAX_TEXT_BYTES,
            max_recorded_anchor_events: 2 * MAX_NODES,
            max_recorded_anchor_bytes: MAX_TEXT_BYTES,
            max_merge_keys: MAX_MERGE_KEYS,
            // The replay limit below is exact; this heuristic would only
            // refuse small, harmless specs with a message of its own.
            enforce_alias_anchor_ratio: false,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 2 * MAX_ALIAS_NODES,
        },
    }
}

/// Parses a spec's YAML text: first its structure, all problems at once
/// (`shape.rs`), then into the typed model. A YAML syntax error comes
/// back alone; `file` names the spec in the message. Text longer than
/// [`MAX_SPEC_BYTES`], nesting deeper than [`MAX_NESTING`] and aliases that
/// expand past [`MAX_ALIAS_NODES`] are refused, each with its own message.
pub fn parse(file: &str, text: &str) -> Result<SpecFile, Diagnostics> {
    if text.len() > MAX_SPEC_BYTES {
        return Err(Diagnostics::from(vec![Diagnostic {
            file: file.to_owned(),
            position: None,
            message: too_large(Some(text.len() as u64)),
        }]));
    }
    let root = crate::shape::check(file, text, crate::shape::Kind::Endpoint)?;
    let mut spec: SpecFile = serde_saphyr::from_str_with_options(text, yaml_options())
        .map_err(|error| Diagnostics::from(vec![yaml_error(file, &error)]))?;
    if let Some(root) = root {
        spec.v2 = crate::shape::v2_nodes(&root);
    }
    spec.text = text.to_owned();
    Ok(spec)
}

/// Parses a type file (`types!`, or a spec's `use:`), structure first.
pub fn parse_types(file: &str, text: &str) -> Result<TypesFile, Diagnostics> {
    if text.len() > MAX_SPEC_BYTES {
        return Err(Diagnostics::from(vec![Diagnostic {
            file: file.to_owned(),
            position: None,
            message: too_large(Some(text.len() as u64)),
        }]));
    }
    let root = crate::shape::check(file, text, crate::shape::Kind::Types)?;
    let Some(root) = root else {
        // The structural read failed on YAML syntax: let the parser say why.
        return match serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(
            text,
            yaml_options(),
        ) {
            Err(error) => Err(Diagnostics::from(vec![yaml_error(file, &error)])),
            Ok(_) => Err(Diagnostics::from(vec![Diagnostic {
                file: file.to_owned(),
                position: None,
                message: "the type file cannot be read".to_owned(),
            }])),
        };
    };
    Ok(crate::shape::types_file(&root))
}

/// A parser error as a diagnostic: a limit's own message when one was
/// reached, the parser's words otherwise.
pub(crate) fn yaml_error(file: &str, error: &serde_saphyr::Error) -> Diagnostic {
    let position = error.location().and_then(Position::from_location);
    let message = limit_reached(error).unwrap_or_else(|| {
        let message = error.without_snippet().to_string();
        explain(&strip_position_suffix(&message))
    });
    Diagnostic {
        file: file.to_owned(),
        position,
        message,
    }
}

/// The message for a resource limit of [`yaml_options`] that `error`
/// reports, or `None` for any other error.
pub(crate) fn limit_reached(error: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::budget::BudgetBreach;
    use serde_saphyr::granit_parser::ErrorKind;
    use serde_saphyr::{Error, ExternalMessageSource};

    let mut error = error;
    while let Error::AliasError { error: inner, .. } | Error::WithSnippet { error: inner, .. } =
        error
    {
        error = inner;
    }
    let nesting = || {
        format!(
            "the spec nests lists and mappings deeper than {MAX_NESTING} levels; \
             the format needs at most 5"
        )
    };
    let aliases = || {
        format!(
            "the spec's aliases (`*name`) expand to more than {MAX_ALIAS_NODES} YAML nodes; \
             a spec needs far fewer: write the repeated part out instead"
        )
    };
    let message = match error {
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => nesting(),
            BudgetBreach::Aliases { .. } | BudgetBreach::AliasAnchorRatio { .. } => aliases(),
            BudgetBreach::RecordedAnchorEvents { .. } => format!(
                "the spec's anchors (`&name`) hold more than {MAX_NODES} YAML nodes in all \
                 (a nested anchor counts again, an alias inside one counts what it expands to); \
                 a spec needs far fewer: anchor smaller parts"
            ),
            BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => format!(
                "the spec has more than {MAX_NODES} YAML nodes (values, lists and mappings); \
                 a spec has a few hundred: is this the right file?"
            ),
            BudgetBreach::ScalarBytes { .. } | BudgetBreach::RecordedAnchorBytes { .. } => {
                format!(
                    "the spec's values hold more than {MAX_TEXT_BYTES} bytes of text, counting \
                     what aliases (`*name`) repeat; write the repeated part out instead"
                )
            }
            BudgetBreach::MergeKeys { .. } => format!(
                "the spec has more than {MAX_MERGE_KEYS} merge keys (`<<:`); \
                 a spec needs a few at most"
            ),
            BudgetBreach::InputBytes { .. } => too_large(None),
            // Documents, comments: within the size limit, hard to reach.
            other => format!("the spec is beyond a limit of the YAML parser ({other:?})"),
        },
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => aliases(),
        Error::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan)
                if matches!(scan.kind(), ErrorKind::RecursionLimitExceeded) =>
            {
                nesting()
            }
            _ => return None,
        },
        _ => return None,
    };
    Some(message)
}

/// The message for a spec longer than [`MAX_SPEC_BYTES`]; `size` when known.
pub(crate) fn too_large(size: Option<u64>) -> String {
    let size = match size {
        Some(size) => format!("{size} bytes"),
        None => format!("more than {MAX_SPEC_BYTES} bytes"),
    };
    format!(
        "the spec file is {size}; specs are limited to {MAX_SPEC_BYTES} bytes (1 MiB): \
         is this the right file?"
    )
}

/// Rewords the parser's messages that speak to a Rust developer rather than
/// to someone editing YAML.
fn explain(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest);
        return format!("key `{key}` appears twice in this mapping; remove one");
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return format!("the required key `{key}` is missing");
    }
    if message.starts_with("multiple YAML documents") {
        return "the file holds more than one YAML document (a `---` line after the first); \
                a spec is a single document"
            .to_owned();
    }
    if message.contains("!!binary") {
        return "a value is tagged `!!binary`; spec values are plain text: remove the tag"
            .to_owned();
    }
    if message.starts_with("cannot deserialize null") {
        return "this value is empty (null); write a value, or remove the key".to_owned();
    }
    if message.contains("did not match any variant of untagged enum Scalar") {
        return "expected text, a whole number or true/false here".to_owned();
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
