//! The structural check of a spec: every unknown key, missing key and value
//! of the wrong YAML kind, reported at once.
//!
//! serde stops at the first such problem, so before the typed parse in
//! [`crate::spec`] the YAML is read into a generic tree with a position for
//! every key and value, and walked against the table below. The table and
//! the serde types in `spec.rs` describe the same format; the tests in
//! `tests.rs` keep them in step.

use serde_saphyr::Spanned;

use crate::diagnostic::{Collector, Diagnostics, Position};
use crate::types::source::{self, FIELD_KEYS, KeyKind, TYPE_KEYS, VARIANT_KEYS};
use crate::yaml::{Node, limit_reached, position_of, version_of, yaml_error};

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
    /// A scalar, or a list of scalars (an example's list parameter).
    ScalarOrList,
    /// A type node (version 2), read and checked by `types/source.rs`.
    Type,
    /// A mapping of type names to type nodes (`types:`).
    Types,
}

struct Key {
    name: &'static str,
    required: bool,
    shape: Shape,
    /// The format versions that have the key.
    since: i64,
    until: i64,
}

const fn required(name: &'static str, shape: Shape) -> Key {
    Key {
        name,
        required: true,
        shape,
        since: 1,
        until: 2,
    }
}

const fn optional(name: &'static str, shape: Shape) -> Key {
    Key {
        name,
        required: false,
        shape,
        since: 1,
        until: 2,
    }
}

/// A key that version 2 added.
const fn since_v2(key: Key) -> Key {
    Key { since: 2, ..key }
}

/// A key of version 1 only.
const fn only_v1(key: Key) -> Key {
    Key { until: 1, ..key }
}

/// Required in version 1, optional from version 2.
const fn required_in_v1(name: &'static str, shape: Shape) -> Key {
    Key {
        name,
        required: false,
        shape,
        since: 0,
        until: 2,
    }
}

impl Key {
    fn in_version(&self, version: i64) -> bool {
        (self.since.max(1)..=self.until).contains(&version)
    }

    fn required_in(&self, version: i64) -> bool {
        self.in_version(version) && (self.required || (self.since == 0 && version == 1))
    }
}

/// Which kind of file is read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An endpoint spec.
    Endpoint,
    /// A type file.
    Types,
}

/// Response headers captured into fields: `response.headers`, and each
/// outcome's `headers` in `responses`.
const RESPONSE_HEADERS: Shape = Shape::List(&Shape::Map(&[
    required("name", Shape::Text),
    required("header", Shape::Text),
    optional("aliases", Shape::List(&Shape::Text)),
    optional("doc", Shape::Text),
    required("type", Shape::Text),
    optional("optional", Shape::Bool),
    optional("default", Shape::Scalar),
]));

const SPEC: Shape = Shape::Map(&[
    required("spec", Shape::Integer),
    since_v2(optional("use", Shape::List(&Shape::Text))),
    since_v2(optional("types", Shape::Types)),
    since_v2(optional(
        "paging",
        Shape::Map(&[
            optional("in", Shape::Text),
            optional("skip", Shape::Text),
            required("take", Shape::Text),
            required("items", Shape::Text),
            optional("total", Shape::Text),
            optional("cursor", Shape::Text),
            optional("next", Shape::Text),
            optional("ends", Shape::Text),
        ]),
    )),
    since_v2(optional(
        "task",
        Shape::Map(&[
            required("read", Shape::Text),
            required("id", Shape::Text),
            required("param", Shape::Text),
            required("state", Shape::Text),
            required("running", Shape::List(&Shape::Text)),
        ]),
    )),
    since_v2(optional(
        "chunks",
        Shape::Map(&[
            required("range", Shape::Text),
            optional("max", Shape::Integer),
            required("complete", Shape::Text),
            required("next", Shape::Text),
            required("id", Shape::Text),
            required("param", Shape::Text),
        ]),
    )),
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
            since_v2(optional("auth", Shape::Text)),
        ]),
    ),
    required(
        "request",
        Shape::Map(&[
            required("body", Shape::Text),
            since_v2(optional("json", Shape::Type)),
            required_in_v1(
                "params",
                Shape::List(&Shape::Map(&[
                    required("name", Shape::Text),
                    optional("in", Shape::Text),
                    optional("doc", Shape::Text),
                    optional("type", Shape::Text),
                    since_v2(optional("items", Shape::Text)),
                    optional("values", Shape::List(&Shape::Text)),
                    optional("optional", Shape::Bool),
                    optional("default", Shape::Scalar),
                    optional("const", Shape::Scalar),
                    optional("secret", Shape::Bool),
                ])),
            ),
        ]),
    ),
    required_in_v1(
        "response",
        Shape::Map(&[
            required("status", Shape::Scalar),
            required("content_type", Shape::Text),
            since_v2(required("body", Shape::Type)),
            only_v1(required(
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
            )),
            optional("headers", RESPONSE_HEADERS),
        ]),
    ),
    since_v2(optional(
        "responses",
        Shape::List(&Shape::Map(&[
            required("status", Shape::Scalar),
            optional("name", Shape::Text),
            optional("doc", Shape::Text),
            optional("content_type", Shape::Text),
            optional("body", Shape::Type),
            optional("binary", Shape::Bool),
            optional("text", Shape::Bool),
            optional("not_found", Shape::Bool),
            optional("headers", RESPONSE_HEADERS),
        ])),
    )),
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
                    optional("params", Shape::AnyKeys(&Shape::ScalarOrList)),
                    since_v2(optional("body", Shape::Text)),
                ]),
            ),
            required(
                "response",
                Shape::Map(&[
                    required("status", Shape::Scalar),
                    optional("headers", Shape::AnyKeys(&Shape::Scalar)),
                    required("body", Shape::Text),
                    since_v2(optional("undeclared_keys", Shape::Bool)),
                ]),
            ),
        ])),
    ),
]);

/// A type file: named types that several specs share.
const TYPES_FILE: Shape = Shape::Map(&[
    required("spec", Shape::Integer),
    required("module", Shape::Text),
    optional("use", Shape::List(&Shape::Text)),
    required("types", Shape::Types),
]);

/// A service file: one client over many specs (`api!`). Read by serde in
/// `service/` (with `deny_unknown_fields`); this table gives the JSON
/// Schema and the reference rows, and a test in the CLI holds the two to
/// the shipped `spec/extern/api.yaml` and to each key's refusal.
const SERVICE_FILE: Shape = Shape::Map(&[
    required("spec", Shape::Integer),
    required(
        "service",
        Shape::Map(&[required("name", Shape::Text), optional("doc", Shape::Text)]),
    ),
    optional("types", Shape::List(&Shape::Text)),
    required(
        "groups",
        Shape::List(&Shape::Map(&[
            required("name", Shape::Text),
            optional("doc", Shape::Text),
            optional("bind", Shape::List(&Shape::Text)),
            optional("under", Shape::Text),
            optional("accessor", Shape::Text),
            required(
                "endpoints",
                Shape::List(&Shape::Map(&[
                    required("method", Shape::Text),
                    required("spec", Shape::Text),
                ])),
            ),
        ])),
    ),
]);

/// Reads `text` as YAML and checks its structure. A YAML syntax error comes
/// back alone (the parser cannot go on); structural problems all together.
/// A resource limit reached (nesting, aliases) is reported here, alone:
/// this generic read is the first to see the whole document. The tree
/// comes back for the parts serde does not read (type nodes); `None` when
/// the YAML could not be read, so that the typed parse reports why.
pub(crate) fn check(
    file: &str,
    text: &str,
    kind: Kind,
) -> Result<Option<Spanned<Node>>, Diagnostics> {
    let mut cx = Collector::new(file);
    let root = match crate::tree::read(text) {
        Ok(root) => {
            let version = version_of(&root);
            let (shape, what) = match kind {
                Kind::Endpoint => (&SPEC, "the spec"),
                Kind::Types => (&TYPES_FILE, "the type file"),
            };
            walk(&mut cx, &root, shape, what, position_of(&root), version);
            root
        }
        Err(error) if limit_reached(&error).is_some() => {
            return Err(Diagnostics::from(vec![yaml_error(file, &error)]));
        }
        // The typed parse reports syntax errors with the parser's own words.
        Err(_) => return Ok(None),
    };
    cx.finish().map(|()| Some(root))
}

/// Checks `node` against `shape`; `what` names it in messages and `owner`
/// is the position of the key it belongs to.
fn walk(
    cx: &mut Collector,
    node: &Spanned<Node>,
    shape: &Shape,
    what: &str,
    owner: Option<Position>,
    version: i64,
) {
    let at = position_of(node).or(owner);
    let expected = match shape {
        Shape::Map(_) | Shape::AnyKeys(_) => "a mapping of keys to values",
        Shape::List(_) => "a list (lines starting with `- `)",
        Shape::Text => "text",
        Shape::Integer => "a whole number",
        Shape::Bool => "true or false",
        Shape::Scalar => "text, a number or true/false",
        Shape::ScalarOrList => "text, a number, true/false, or a list of them",
        Shape::Type => "a type (a mapping with `type:`)",
        Shape::Types => "a mapping of type names to types",
    };
    match (shape, &node.value) {
        (Shape::Type, _) => {
            source::read_type(cx, node, what);
        }
        (Shape::Types, _) => {
            source::read_named(cx, node);
        }
        (Shape::Map(keys), Node::Map(entries)) => {
            walk_map(cx, entries, keys, what, owner.or(at), version);
        }
        (Shape::AnyKeys(values), Node::Map(entries)) => {
            for (key, value) in entries {
                walk(
                    cx,
                    value,
                    values,
                    &format!("`{}`", key.value),
                    position_of(key),
                    version,
                );
            }
        }
        (Shape::List(items), Node::Seq(elements)) => {
            for (index, element) in elements.iter().enumerate() {
                let item = match item_name(&element.value) {
                    Some(name) => format!("`{name}` in {what}"),
                    None => format!("item {} of {what}", index + 1),
                };
                walk(
                    cx,
                    element,
                    items,
                    &item,
                    position_of(element).or(at),
                    version,
                );
            }
        }
        (Shape::Text, Node::String(_))
        | (Shape::Integer, Node::Integer(_))
        | (Shape::Bool, Node::Bool(_))
        | (
            Shape::Scalar | Shape::ScalarOrList,
            Node::String(_) | Node::Integer(_) | Node::Bool(_),
        ) => {}
        (Shape::ScalarOrList, Node::Seq(items))
            if items.iter().all(|item| {
                matches!(
                    item.value,
                    Node::String(_) | Node::Integer(_) | Node::Bool(_)
                )
            }) => {}
        (_, found) => cx.error(
            at,
            format!("{what} should be {expected}, but is {}", found.kind()),
        ),
    }
}

/// A mapping's keys against the keys its shape has in this version:
/// unknown keys, keys of the other version, and required keys missing
/// (reported at `owner`, the key the mapping belongs to).
fn walk_map(
    cx: &mut Collector,
    entries: &[(Spanned<String>, Spanned<Node>)],
    keys: &[Key],
    what: &str,
    owner: Option<Position>,
    version: i64,
) {
    for (key, value) in entries {
        match keys.iter().find(|k| k.name == key.value) {
            Some(spec) if !spec.in_version(version) => {
                let (says, needs) = if version == 1 {
                    ("1", "version 2 (`spec: 2`)")
                } else {
                    ("2", "version 1 only")
                };
                let advice = match key.value.as_str() {
                    "fields" => {
                        "; in version 2 the response body is `body:`, a type \
                                 (`body: {type: object, fields: [...]}`)"
                    }
                    _ => "",
                };
                cx.error(
                    position_of(key),
                    format!(
                        "key `{}` in {what} belongs to spec format {needs}, but this \
                         spec says `spec: {says}`{advice}",
                        key.value
                    ),
                );
            }
            Some(spec) => walk(
                cx,
                value,
                &spec.shape,
                &format!("`{}`", key.value),
                position_of(key),
                version,
            ),
            None => {
                let known: Vec<&str> = keys
                    .iter()
                    .filter(|k| k.in_version(version))
                    .map(|k| k.name)
                    .collect();
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
    for spec in keys.iter().filter(|k| k.required_in(version)) {
        if !entries.iter().any(|(key, _)| key.value == spec.name) {
            cx.error(
                owner,
                format!("{what} lacks the required key `{}`", spec.name),
            );
        }
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
///
/// It covers the three kinds of file, told apart as the tools tell them:
/// a service file has `service`, a type file `module`, and anything else is
/// an endpoint spec, so that an editor mapping it to `spec/**/*.yaml` marks
/// none of them wrong.
pub fn json_schema(describe: &dyn Fn(&str, &str) -> Option<String>) -> serde_json::Value {
    use serde_json::{Value, json};
    let titled = |mut schema: Value, title: &str, description: &str| {
        if let Value::Object(object) = &mut schema {
            object.insert("title".into(), title.into());
            object.insert("description".into(), description.into());
        }
        schema
    };
    let Value::Object(mut defs) = type_defs(describe) else {
        unreachable!("type_defs gives an object")
    };
    defs.insert(
        "endpoint-spec".into(),
        titled(
            schema_of(&SPEC, "", describe),
            "kontur-extern endpoint spec",
            "An HTTP endpoint described for the kontur-extern code generator (`endpoint!`); see \
             spec/README.md.",
        ),
    );
    defs.insert(
        "type-file".into(),
        titled(
            schema_of(&TYPES_FILE, "type file", describe),
            "kontur-extern type file",
            "Named types that several specs share (`types!`, `use:`); see spec/README.md, \
             `type file`.",
        ),
    );
    defs.insert(
        "service-file".into(),
        titled(
            schema_of(&SERVICE_FILE, "service file", describe),
            "kontur-extern service file",
            "One client over many specs (`api!`); see spec/README.md, `service file`.",
        ),
    );
    let reference = |name: &str| json!({ "$ref": format!("#/$defs/{name}") });
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "kontur-extern spec, type file or service file",
        "description": "A file of the kontur-extern spec format: an endpoint spec, a type file \
                        (it has `module`) or a service file (it has `service`); see \
                        spec/README.md.",
        "type": "object",
        "required": ["spec"],
        "if": { "required": ["service"] },
        "then": reference("service-file"),
        "else": {
            "if": { "required": ["module"] },
            "then": reference("type-file"),
            "else": reference("endpoint-spec"),
        },
        "$defs": defs,
    })
}

/// The sections of the type node tables in `spec/README.md`.
const TYPE_SECTIONS: [(&str, &[(&str, KeyKind)]); 3] = [
    ("type", &TYPE_KEYS),
    ("type.fields[]", &FIELD_KEYS),
    ("type.variants[]", &VARIANT_KEYS),
];

/// `$defs` for type nodes, fields and variants, which nest.
fn type_defs(describe: &dyn Fn(&str, &str) -> Option<String>) -> serde_json::Value {
    use serde_json::{Value, json};
    let reference = |name: &str| json!({ "$ref": format!("#/$defs/{name}") });
    let kind_schema = |kind: KeyKind| match kind {
        KeyKind::Text => json!({ "type": "string" }),
        KeyKind::Bool => json!({ "type": "boolean" }),
        KeyKind::Scalar => json!({ "type": ["string", "integer", "boolean"] }),
        KeyKind::Type => reference("type"),
        KeyKind::Fields => json!({ "type": "array", "items": reference("field") }),
        KeyKind::Variants => json!({ "type": "array", "items": reference("variant") }),
        KeyKind::Values => json!({
            "anyOf": [{ "type": "array", "items": { "type": "string" } }, reference("type")]
        }),
        KeyKind::TextOrList => json!({
            "anyOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }]
        }),
    };
    let mut defs = serde_json::Map::new();
    for (def, extra) in [("type", None), ("field", Some(1)), ("variant", Some(2))] {
        let mut properties = serde_json::Map::new();
        let mut keys: Vec<(&str, KeyKind, &str)> = Vec::new();
        if let Some(index) = extra {
            let (section, table) = TYPE_SECTIONS[index];
            keys.extend(table.iter().map(|(key, kind)| (*key, *kind, section)));
        }
        keys.extend(TYPE_KEYS.iter().map(|(key, kind)| (*key, *kind, "type")));
        for (key, kind, section) in keys {
            let mut property = kind_schema(kind);
            if let (Value::Object(object), Some(text)) = (&mut property, describe(section, key)) {
                object.insert("description".into(), Value::String(text.clone()));
                object.insert("markdownDescription".into(), Value::String(text));
            }
            properties.insert(key.to_owned(), property);
        }
        let required: Vec<&str> = match extra {
            None => vec!["type"],
            Some(_) => vec!["name", "type"],
        };
        defs.insert(
            def.to_owned(),
            json!({
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": false,
            }),
        );
    }
    Value::Object(defs)
}

/// Every key of the format as `(section, key)`, in table order; sections as
/// in [`json_schema`].
pub fn keys() -> Vec<(String, &'static str)> {
    let mut keys = Vec::new();
    collect_keys(&SPEC, "", &mut keys);
    for (section, table) in TYPE_SECTIONS {
        keys.extend(table.iter().map(|(key, _)| (section.to_owned(), *key)));
    }
    collect_keys(&TYPES_FILE, "type file", &mut keys);
    collect_keys(&SERVICE_FILE, "service file", &mut keys);
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
        Shape::Text
        | Shape::Integer
        | Shape::Bool
        | Shape::Scalar
        | Shape::ScalarOrList
        | Shape::Type
        | Shape::Types => {}
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
            // Required in both versions; a version's own required keys are
            // left to the checker.
            let required: Vec<&str> = keys
                .iter()
                .filter(|k| k.required_in(1) && k.required_in(2))
                .map(|k| k.name)
                .collect();
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
        Shape::ScalarOrList => json!({
            "anyOf": [
                { "type": ["string", "integer", "boolean"] },
                { "type": "array", "items": { "type": ["string", "integer", "boolean"] } },
            ]
        }),
        Shape::Type => json!({ "$ref": "#/$defs/type" }),
        Shape::Types => json!({
            "type": "object",
            "additionalProperties": { "$ref": "#/$defs/type" },
        }),
    }
}
