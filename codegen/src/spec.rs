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

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::types::source::{self, NamedNode, Text, TypeNode};
// Public paths of the YAML facts, as they were before `yaml.rs`.
use crate::diagnostic::Collector;
pub use crate::yaml::{MAX_SPEC_BYTES, Scalar, position_of};
use crate::yaml::{Node, entry, too_large, version_of, yaml_error, yaml_options};

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
    /// Version 2: the answer is a task another endpoint reads until done.
    #[serde(default)]
    pub task: Option<TaskSpec>,
    /// Version 2: the binary body is one chunk of a content sent in ranges.
    #[serde(default)]
    pub chunks: Option<ChunksSpec>,
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
/// and what feeds the next page are. One kind at a time: `skip` and
/// `total`, or `cursor`, `next` and `ends`; `endpoint/paging` checks which.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PagingSpec {
    /// Where `skip` and `take` are: `query` (parameters, the default) or
    /// `body` (fields of the JSON request body; `endpoint/paging/body.rs`).
    #[serde(default, rename = "in")]
    pub location: Option<Spanned<String>>,
    /// The query parameter: how many items to skip.
    #[serde(default)]
    pub skip: Option<Spanned<String>>,
    /// The query parameter: how many items a page holds.
    pub take: Spanned<String>,
    /// The JSON key of the body's list of items.
    pub items: Spanned<String>,
    /// The JSON key of the body's total count.
    #[serde(default)]
    pub total: Option<Spanned<String>>,
    /// The query parameter that says where a page begins.
    #[serde(default)]
    pub cursor: Option<Spanned<String>>,
    /// The JSON key of the body's value for the next page's `cursor`.
    #[serde(default)]
    pub next: Option<Spanned<String>>,
    /// Which answer is the last page: `absent`, `same` or `empty`.
    #[serde(default)]
    pub ends: Option<Spanned<String>>,
}

/// `task:` (version 2): the answer is a task that another endpoint reads
/// again until it is done; `endpoint/task.rs` checks it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSpec {
    /// The spec of the endpoint that reads the task, relative to this one.
    pub read: Spanned<String>,
    /// The JSON key of this answer's body that names the task.
    pub id: Spanned<String>,
    /// The reading endpoint's parameter that takes the id.
    pub param: Spanned<String>,
    /// The JSON key of the reading answer's body that says how the task is.
    pub state: Spanned<String>,
    /// The values of `state` that mean it still runs.
    pub running: Spanned<Vec<Spanned<String>>>,
}

/// `chunks:` (version 2): the binary body is one chunk of a content sent
/// in ranges, the later chunks to another endpoint; `endpoint/chunks.rs`
/// checks it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChunksSpec {
    /// The header parameter that says which bytes a request carries.
    pub range: Spanned<String>,
    /// The largest chunk the server takes, in bytes.
    #[serde(default)]
    pub max: Option<Spanned<i64>>,
    /// The outcome that says the whole content has arrived.
    pub complete: Spanned<String>,
    /// The spec of the endpoint that takes the chunks after the first,
    /// relative to this one.
    pub next: Spanned<String>,
    /// The JSON key of this answer's body that names the content.
    pub id: Spanned<String>,
    /// The next endpoint's parameter that takes the id.
    pub param: Spanned<String>,
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
    /// The body is text (`text/plain` or another `text/*` type).
    #[serde(default)]
    pub text: Option<Spanned<bool>>,
    #[serde(default)]
    pub not_found: Option<Spanned<bool>>,
    #[serde(default)]
    pub headers: Vec<HeaderSpec>,
}

/// A type file: named types that several specs share.
#[derive(Clone, Debug)]
pub struct TypesFile {
    pub spec: i64,
    pub module: Text,
    /// The type files whose named types this file's types use, relative
    /// to it.
    pub uses: Vec<Text>,
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
    /// Version 2: the body may carry keys its types do not declare (a
    /// vendor fixture quoted as it is); they are listed, not refused.
    #[serde(default)]
    pub undeclared_keys: Option<Spanned<bool>>,
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
/// back alone; `file` names the spec in the message. Text longer than
/// [`MAX_SPEC_BYTES`], nesting deeper than `MAX_NESTING` and aliases that
/// expand past `MAX_ALIAS_NODES` are refused, each with its own message.
pub fn parse(file: &str, text: &str) -> Result<SpecFile, Diagnostics> {
    if text.len() > MAX_SPEC_BYTES {
        return Err(Diagnostics::from(vec![Diagnostic {
            file: file.to_owned(),
            position: None,
            message: too_large(Some(text.len() as u64)),
        }]));
    }
    let root = crate::shape::check(file, text, crate::shape::Kind::Endpoint)?;
    // The typed model from the tree the structural check read; from the
    // text again, by serde-saphyr, where the tree does not give it (and for
    // serde-saphyr's message when the text does not give it either).
    let from_tree = root
        .as_ref()
        .and_then(|root| SpecFile::deserialize(crate::tree::NodeDeserializer(root)).ok());
    let mut spec: SpecFile = match from_tree {
        Some(spec) => spec,
        None => serde_saphyr::from_str_with_options(text, yaml_options())
            .map_err(|error| Diagnostics::from(vec![yaml_error(file, &error)]))?,
    };
    if let Some(root) = root {
        spec.v2 = v2_nodes(&root);
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
    Ok(types_file(&root))
}

/// The type nodes of a structurally sound version 2 spec (problems were
/// reported by [`check`]).
pub(crate) fn v2_nodes(root: &Spanned<Node>) -> V2Nodes {
    let mut quiet = Collector::new("");
    let mut nodes = V2Nodes::default();
    if version_of(root) != 2 {
        return nodes;
    }
    if let Some(types) = entry(root, "types") {
        nodes.types = source::read_named(&mut quiet, types);
    }
    if let Some(json) = entry(root, "request").and_then(|r| entry(r, "json")) {
        nodes.request_json = source::read_type(&mut quiet, json, "`request.json`");
    }
    if let Some(body) = entry(root, "response").and_then(|r| entry(r, "body")) {
        nodes.response_body = source::read_type(&mut quiet, body, "`response.body`");
    }
    if let Some(Node::Seq(outcomes)) = entry(root, "responses").map(|r| &r.value) {
        nodes.outcome_bodies = outcomes
            .iter()
            .map(|outcome| {
                entry(outcome, "body")
                    .and_then(|body| source::read_type(&mut quiet, body, "an outcome's `body`"))
            })
            .collect();
    }
    nodes
}

/// A structurally sound type file.
pub(crate) fn types_file(root: &Spanned<Node>) -> TypesFile {
    let mut quiet = Collector::new("");
    let spec = match entry(root, "spec").map(|n| &n.value) {
        Some(Node::Integer(version)) => *version,
        _ => 0,
    };
    let module = match entry(root, "module") {
        Some(node) => match &node.value {
            Node::String(text) => source::Text {
                value: text.clone(),
                at: position_of(node),
            },
            _ => source::Text {
                value: String::new(),
                at: position_of(node),
            },
        },
        None => source::Text {
            value: String::new(),
            at: None,
        },
    };
    let uses = match entry(root, "use").map(|node| &node.value) {
        Some(Node::Seq(items)) => items
            .iter()
            .filter_map(|item| match &item.value {
                Node::String(text) => Some(source::Text {
                    value: text.clone(),
                    at: position_of(item),
                }),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let types = entry(root, "types")
        .map(|types| source::read_named(&mut quiet, types))
        .unwrap_or_default();
    TypesFile {
        spec,
        module,
        uses,
        types,
    }
}
