//! The YAML under every file the generator reads: the parser's options
//! and limits, a generic tree with a position for every value ([`Node`]),
//! the scalars a spec writes where any type may go ([`Scalar`]), positions
//! and the messages of YAML errors.
//!
//! A leaf below the structural check (`shape.rs`), the file formats
//! (`spec.rs`, `service/`) and the type source (`types/source.rs`), which
//! all read it.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Position};

/// A YAML value with the positions of its parts.
#[derive(Debug)]
pub(crate) enum Node {
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
    Seq(Vec<Spanned<Node>>),
    String(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
    Null,
}

impl Node {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Node::Map(_) => "a mapping",
            Node::Seq(_) => "a list",
            Node::String(_) => "text",
            Node::Integer(_) => "a whole number",
            Node::Float(_) => "a fractional number",
            Node::Bool(_) => "true or false",
            Node::Null => "nothing (null)",
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Integer(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Node, E> {
        // Beyond i64: kept as a number that fits no integer type.
        Ok(i64::try_from(value).map_or(Node::Float(value as f64), Node::Integer))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Node, E> {
        Ok(Node::Float(value))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Node, E> {
        Ok(Node::String(text.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Node::Map(entries))
    }
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

/// The most values an enum may list: the work of checking and generating
/// an enum grows with its values (a 60,000-value enum took seconds and half
/// a gigabyte to expand), and the API's largest lists about a hundred.
pub(crate) const MAX_ENUM_VALUES: usize = 10_000;

/// The message for an enum of `count` values, past [`MAX_ENUM_VALUES`].
pub(crate) fn too_many_values(what: &str, count: usize) -> String {
    format!(
        "{what} lists {count} values; an enum may have at most {MAX_ENUM_VALUES}, so that no \
         spec can cost a build unbounded time"
    )
}

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

/// The `spec:` version the file declares; 1 when it says none that exists,
/// so that the checker, not the structure, reports an unknown version.
pub(crate) fn version_of(root: &Spanned<Node>) -> i64 {
    match entry(root, "spec").map(|node| &node.value) {
        Some(Node::Integer(2)) => 2,
        _ => 1,
    }
}

/// The value of `key` in a mapping.
pub(crate) fn entry<'a>(node: &'a Spanned<Node>, key: &str) -> Option<&'a Spanned<Node>> {
    match &node.value {
        Node::Map(entries) => entries
            .iter()
            .find(|(name, _)| name.value == key)
            .map(|(_, value)| value),
        _ => None,
    }
}
