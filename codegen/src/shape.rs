//! The structural check of a spec: every unknown key, missing key and value
//! of the wrong YAML kind, reported at once.
//!
//! serde stops at the first such problem, so before the typed parse in
//! [`crate::spec`] the YAML is read into a generic tree with a position for
//! every key and value, and walked against the table below. The table and
//! the serde types in `spec.rs` describe the same format; the tests in
//! `tests.rs` keep them in step.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::{Collector, Diagnostics, Position};
use crate::spec::{limit_reached, position_of, yaml_error, yaml_options};

/// A YAML value with the positions of its parts.
#[derive(Debug)]
pub(crate) enum Node {
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
    Seq(Vec<Spanned<Node>>),
    String(String),
    Integer,
    Float,
    Bool,
    Null,
}

impl Node {
    fn kind(&self) -> &'static str {
        match self {
            Node::Map(_) => "a mapping",
            Node::Seq(_) => "a list",
            Node::String(_) => "text",
            Node::Integer => "a whole number",
            Node::Float => "a fractional number",
            Node::Bool => "true or false",
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

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Bool)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Integer)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Integer)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Float)
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

/// What a value must look like.
enum Shape {
    /// A mapping with these keys.
    Map(&'static [Key]),
    /// A mapping with keys of the user's choice (example headers and parameters).
    AnyKeys(&'static Shape),
    List(&'static Shape),
    Text,
    Integer,
    Bool,
    /// Text, a number or true/false: judged later against the declared type.
    Scalar,
}

struct Key {
    name: &'static str,
    required: bool,
    shape: Shape,
}

const fn required(name: &'static str, shape: Shape) -> Key {
    Key {
        name,
        required: true,
        shape,
    }
}

const fn optional(name: &'static str, shape: Shape) -> Key {
    Key {
        name,
        required: false,
        shape,
    }
}

const SPEC: Shape = Shape::Map(&[
    required("spec", Shape::Integer),
    required(
        "endpoint",
        Shape::Map(&[
            required("name", Shape::Text),
            required("summary", Shape::Text),
            optional("doc", Shape::Text),
            optional("docs_url", Shape::Text),
            required("method", Shape::Text),
            required("base_url", Shape::Text),
            required("path", Shape::Text),
        ]),
    ),
    required(
        "request",
        Shape::Map(&[
            required("body", Shape::Text),
            required(
                "params",
                Shape::List(&Shape::Map(&[
                    required("name", Shape::Text),
                    optional("in", Shape::Text),
                    optional("doc", Shape::Text),
                    optional("type", Shape::Text),
                    optional("values", Shape::List(&Shape::Text)),
                    optional("optional", Shape::Bool),
                    optional("default", Shape::Scalar),
                    optional("const", Shape::Scalar),
                    optional("secret", Shape::Bool),
                ])),
            ),
        ]),
    ),
    required(
        "response",
        Shape::Map(&[
            required("status", Shape::Scalar),
            required("content_type", Shape::Text),
            required(
                "fields",
                Shape::List(&Shape::Map(&[
                    required("name", Shape::Text),
                    optional("doc", Shape::Text),
                    required("type", Shape::Text),
                    optional("values", Shape::List(&Shape::Text)),
                    optional("optional", Shape::Bool),
                    optional("nullable", Shape::Bool),
                    optional("secret", Shape::Bool),
                ])),
            ),
            optional(
                "headers",
                Shape::List(&Shape::Map(&[
                    required("name", Shape::Text),
                    required("header", Shape::Text),
                    optional("aliases", Shape::List(&Shape::Text)),
                    optional("doc", Shape::Text),
                    required("type", Shape::Text),
                    optional("optional", Shape::Bool),
                    optional("default", Shape::Scalar),
                ])),
            ),
        ]),
    ),
    required("error", Shape::Map(&[required("format", Shape::Text)])),
    optional(
        "examples",
        Shape::List(&Shape::Map(&[
            required("name", Shape::Text),
            optional("doc", Shape::Text),
            required(
                "request",
                Shape::Map(&[
                    optional("headers", Shape::AnyKeys(&Shape::Scalar)),
                    optional("params", Shape::AnyKeys(&Shape::Scalar)),
                ]),
            ),
            required(
                "response",
                Shape::Map(&[
                    required("status", Shape::Scalar),
                    optional("headers", Shape::AnyKeys(&Shape::Scalar)),
                    required("body", Shape::Text),
                ]),
            ),
        ])),
    ),
]);

/// Reads `text` as YAML and checks its structure. A YAML syntax error comes
/// back alone (the parser cannot go on); structural problems all together.
/// A resource limit reached (nesting, aliases) is reported here, alone:
/// this generic read is the first to see the whole document.
pub(crate) fn check(file: &str, text: &str) -> Result<(), Diagnostics> {
    let mut cx = Collector::new(file);
    match serde_saphyr::from_str_with_options::<Spanned<Node>>(text, yaml_options()) {
        Ok(root) => walk(&mut cx, &root, &SPEC, "the spec", position_of(&root)),
        Err(error) if limit_reached(&error).is_some() => {
            return Err(Diagnostics::from(vec![yaml_error(file, &error)]));
        }
        // The typed parse reports syntax errors with the parser's own words.
        Err(_) => return Ok(()),
    }
    cx.finish()
}

/// Checks `node` against `shape`; `what` names it in messages and `owner`
/// is the position of the key it belongs to.
fn walk(
    cx: &mut Collector,
    node: &Spanned<Node>,
    shape: &Shape,
    what: &str,
    owner: Option<Position>,
) {
    let at = position_of(node).or(owner);
    let expected = match shape {
        Shape::Map(_) | Shape::AnyKeys(_) => "a mapping of keys to values",
        Shape::List(_) => "a list (lines starting with `- `)",
        Shape::Text => "text",
        Shape::Integer => "a whole number",
        Shape::Bool => "true or false",
        Shape::Scalar => "text, a number or true/false",
    };
    match (shape, &node.value) {
        (Shape::Map(keys), Node::Map(entries)) => {
            for (key, value) in entries {
                match keys.iter().find(|k| k.name == key.value) {
                    Some(spec) => walk(
                        cx,
                        value,
                        &spec.shape,
                        &format!("`{}`", key.value),
                        position_of(key),
                    ),
                    None => {
                        let known: Vec<&str> = keys.iter().map(|k| k.name).collect();
                        cx.error(
                            position_of(key),
                            format!(
                                "unknown key `{}` in {what}; expected one of: {}",
                                key.value,
                                known.join(", ")
                            ),
                        );
                    }
                }
            }
            for spec in keys.iter().filter(|k| k.required) {
                if !entries.iter().any(|(key, _)| key.value == spec.name) {
                    cx.error(
                        owner.or(at),
                        format!("{what} lacks the required key `{}`", spec.name),
                    );
                }
            }
        }
        (Shape::AnyKeys(values), Node::Map(entries)) => {
            for (key, value) in entries {
                walk(
                    cx,
                    value,
                    values,
                    &format!("`{}`", key.value),
                    position_of(key),
                );
            }
        }
        (Shape::List(items), Node::Seq(elements)) => {
            for (index, element) in elements.iter().enumerate() {
                let item = match item_name(&element.value) {
                    Some(name) => format!("`{name}` in {what}"),
                    None => format!("item {} of {what}", index + 1),
                };
                walk(cx, element, items, &item, position_of(element).or(at));
            }
        }
        (Shape::Text, Node::String(_))
        | (Shape::Integer, Node::Integer)
        | (Shape::Bool, Node::Bool)
        | (Shape::Scalar, Node::String(_) | Node::Integer | Node::Bool) => {}
        (_, found) => cx.error(
            at,
            format!("{what} should be {expected}, but is {}", found.kind()),
        ),
    }
}

/// The `name:` of a list item, which says which item a message is about.
fn item_name(node: &Node) -> Option<&str> {
    let Node::Map(entries) = node else {
        return None;
    };
    entries.iter().find_map(|(key, value)| match &value.value {
        Node::String(name) if key.value == "name" => Some(name.as_str()),
        _ => None,
    })
}

/// The JSON Schema (draft 2020-12) of the spec format, built from the same
/// table as the structural check, so the two cannot disagree.
///
/// `describe(section, key)` gives each key's description. `section` names
/// the mapping the way the reference in `spec/README.md` heads its tables:
/// `""` for the top level, `endpoint`, `request.params[]` (the items of a
/// list), `examples[].request`.
pub fn json_schema(describe: &dyn Fn(&str, &str) -> Option<String>) -> serde_json::Value {
    let mut schema = schema_of(&SPEC, "", describe);
    if let serde_json::Value::Object(object) = &mut schema {
        let mut head = serde_json::Map::new();
        head.insert(
            "$schema".into(),
            "https://json-schema.org/draft/2020-12/schema".into(),
        );
        head.insert("title".into(), "kontur-extern request spec".into());
        head.insert(
            "description".into(),
            "An HTTP endpoint described for the kontur-extern code generator; see spec/README.md."
                .into(),
        );
        head.append(object);
        *object = head;
    }
    schema
}

/// Every key of the format as `(section, key)`, in table order; sections as
/// in [`json_schema`].
pub fn keys() -> Vec<(String, &'static str)> {
    let mut keys = Vec::new();
    collect_keys(&SPEC, "", &mut keys);
    keys
}

fn collect_keys(shape: &Shape, section: &str, keys: &mut Vec<(String, &'static str)>) {
    match shape {
        Shape::Map(entries) => {
            for key in *entries {
                keys.push((section.to_owned(), key.name));
                collect_keys(&key.shape, &child_section(section, key), keys);
            }
        }
        Shape::List(items) | Shape::AnyKeys(items) => collect_keys(items, section, keys),
        Shape::Text | Shape::Integer | Shape::Bool | Shape::Scalar => {}
    }
}

/// The section of the mapping under `key` in `section`.
fn child_section(section: &str, key: &Key) -> String {
    let joined = if section.is_empty() {
        key.name.to_owned()
    } else {
        format!("{section}.{}", key.name)
    };
    match key.shape {
        Shape::List(_) => format!("{joined}[]"),
        _ => joined,
    }
}

fn schema_of(
    shape: &Shape,
    section: &str,
    describe: &dyn Fn(&str, &str) -> Option<String>,
) -> serde_json::Value {
    use serde_json::{Value, json};
    match shape {
        Shape::Map(keys) => {
            let mut properties = serde_json::Map::new();
            for key in *keys {
                let mut property = schema_of(&key.shape, &child_section(section, key), describe);
                if let (Value::Object(object), Some(text)) =
                    (&mut property, describe(section, key.name))
                {
                    object.insert("description".into(), Value::String(text.clone()));
                    // VS Code's YAML extension renders this one as Markdown.
                    object.insert("markdownDescription".into(), Value::String(text));
                }
                properties.insert(key.name.to_owned(), property);
            }
            let required: Vec<&str> = keys.iter().filter(|k| k.required).map(|k| k.name).collect();
            json!({
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": false,
            })
        }
        Shape::AnyKeys(values) => json!({
            "type": "object",
            "additionalProperties": schema_of(values, section, describe),
        }),
        Shape::List(items) => json!({
            "type": "array",
            "items": schema_of(items, section, describe),
        }),
        Shape::Text => json!({ "type": "string" }),
        Shape::Integer => json!({ "type": "integer" }),
        Shape::Bool => json!({ "type": "boolean" }),
        Shape::Scalar => json!({ "type": ["string", "integer", "boolean"] }),
    }
}
