//! Type nodes as written in a version 2 spec, read from the positioned YAML
//! tree.
//!
//! A type node nests (`fields:`, `items:`, `values:`, `variants:`), so it is
//! read here, by hand, from the tree the structural check already built,
//! rather than by serde: every unknown key, missing key and wrong kind is
//! reported in place, at its line and column, and the same reader serves
//! `types:` entries, request and response bodies, fields, list items, map
//! values and union variants. The keys are described once, in the tables
//! below, which the JSON Schema and the reference in `spec/README.md` follow.

use serde_saphyr::Spanned;

use crate::diagnostic::{Collector, Position};
use crate::yaml::Node;
use crate::yaml::{MAX_ENUM_VALUES, Scalar, position_of, too_many_values};

/// A string from the spec with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub value: String,
    pub at: Option<Position>,
}

/// A type as written: `type:` and the keys that go with it.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeNode {
    /// Where the node starts (its mapping).
    pub at: Option<Position>,
    /// `type:`: a built-in type or the name of a named type.
    pub ty: Text,
    pub doc: Option<String>,
    /// `type_name:`: the Rust name of an inline object, enum or union.
    pub type_name: Option<Text>,
    pub fields: Option<Vec<FieldNode>>,
    pub items: Option<Box<TypeNode>>,
    pub values: Option<Values>,
    pub nullable: bool,
    pub secret: Option<Spanned<bool>>,
    pub tag: Option<Text>,
    pub tag_in: Option<Text>,
    pub variants: Option<Vec<VariantNode>>,
    /// `keys:`: the type of a map's keys (`string` when absent).
    pub keys: Option<Text>,
    /// `pattern:`: what a string must match, whole.
    pub pattern: Option<Text>,
    /// `case:`: how an enum's values are matched when read.
    pub case: Option<Text>,
}

/// `values:`: an enum's values, or the type of a map's values.
#[derive(Clone, Debug, PartialEq)]
pub enum Values {
    Enum(Vec<Text>),
    Map(Box<TypeNode>),
}

/// A field of an object: its JSON key and how it may be missing.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldNode {
    pub name: Text,
    pub rust_name: Option<Text>,
    pub optional: bool,
    pub default: Option<(Scalar, Option<Position>)>,
    /// `aliases:`: other keys the field is read under.
    pub aliases: Vec<Text>,
    pub node: TypeNode,
}

/// A variant of a union.
#[derive(Clone, Debug, PartialEq)]
pub struct VariantNode {
    pub name: Text,
    /// The tag values that select it (tagged unions).
    pub when: Vec<Text>,
    /// `when_prefix:`: the tag prefixes that select it.
    pub when_prefix: Vec<Text>,
    pub node: TypeNode,
}

/// A named type of `types:`.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedNode {
    pub name: Text,
    pub node: TypeNode,
}

/// What a key of a type node holds, for the structural check and the schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    Text,
    Bool,
    Scalar,
    /// A type node.
    Type,
    /// A list of fields.
    Fields,
    /// A list of variants.
    Variants,
    /// A list of strings, or a type node (`values:`).
    Values,
    /// Text or a list of texts (`when:`).
    TextOrList,
}

/// The keys of every type node: `(key, kind)`.
pub const TYPE_KEYS: [(&str, KeyKind); 14] = [
    ("type", KeyKind::Text),
    ("doc", KeyKind::Text),
    ("type_name", KeyKind::Text),
    ("fields", KeyKind::Fields),
    ("items", KeyKind::Type),
    ("values", KeyKind::Values),
    ("nullable", KeyKind::Bool),
    ("secret", KeyKind::Bool),
    ("tag", KeyKind::Text),
    ("tag_in", KeyKind::Text),
    ("variants", KeyKind::Variants),
    ("keys", KeyKind::Text),
    ("pattern", KeyKind::Text),
    ("case", KeyKind::Text),
];

/// The keys a field adds to a type node.
pub const FIELD_KEYS: [(&str, KeyKind); 5] = [
    ("name", KeyKind::Text),
    ("rust_name", KeyKind::Text),
    ("optional", KeyKind::Bool),
    ("default", KeyKind::Scalar),
    ("aliases", KeyKind::TextOrList),
];

/// The keys a variant adds to a type node.
pub const VARIANT_KEYS: [(&str, KeyKind); 3] = [
    ("name", KeyKind::Text),
    ("when", KeyKind::TextOrList),
    ("when_prefix", KeyKind::TextOrList),
];

/// Which mapping a node is, for the keys it may have and for messages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Type,
    Field,
    Variant,
}

impl Role {
    fn extra(self) -> &'static [(&'static str, KeyKind)] {
        match self {
            Role::Type => &[],
            Role::Field => &FIELD_KEYS,
            Role::Variant => &VARIANT_KEYS,
        }
    }

    /// What messages call one mapping of this role in a list.
    fn noun(self) -> &'static str {
        match self {
            Role::Type => "type",
            Role::Field => "field",
            Role::Variant => "variant",
        }
    }

    /// Every key this mapping may have.
    fn keys(self) -> Vec<&'static str> {
        let mut keys: Vec<&str> = self.extra().iter().map(|(key, _)| *key).collect();
        keys.extend(TYPE_KEYS.iter().map(|(key, _)| *key));
        keys
    }
}

/// Reads a type node, reporting every structural problem; `what` names it
/// in messages. `None` when it is not a mapping or has no `type`.
pub(crate) fn read_type(cx: &mut Collector, node: &Spanned<Node>, what: &str) -> Option<TypeNode> {
    read(cx, node, what, Role::Type).map(|(node, _)| node)
}

/// Reads `types:`: a mapping of names to type nodes.
pub(crate) fn read_named(cx: &mut Collector, node: &Spanned<Node>) -> Vec<NamedNode> {
    let Node::Map(entries) = &node.value else {
        cx.error(
            position_of(node),
            format!(
                "`types` should be a mapping of type names to types, but is {}",
                node.value.kind()
            ),
        );
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|(key, value)| {
            let name = text(key);
            read_type(cx, value, &format!("type `{}`", key.value))
                .map(|node| NamedNode { name, node })
        })
        .collect()
}

fn text(value: &Spanned<String>) -> Text {
    Text {
        value: value.value.clone(),
        at: position_of(value),
    }
}

/// What [`read`] found besides the type: the keys of a field or a variant.
#[derive(Default)]
struct Extra {
    name: Option<Text>,
    rust_name: Option<Text>,
    optional: bool,
    default: Option<(Scalar, Option<Position>)>,
    when: Vec<Text>,
    when_prefix: Vec<Text>,
    aliases: Vec<Text>,
}

/// Reads one mapping of `role`: every key checked against the ones the
/// role allows and read by [`read_key`]; `type` is required.
fn read(
    cx: &mut Collector,
    node: &Spanned<Node>,
    what: &str,
    role: Role,
) -> Option<(TypeNode, Extra)> {
    let at = position_of(node);
    let Node::Map(entries) = &node.value else {
        cx.error(
            at,
            format!(
                "{what} should be a mapping with a `type:` key, but is {}",
                node.value.kind()
            ),
        );
        return None;
    };
    let mut ty = None;
    let mut out = empty_node(at);
    let mut extra = Extra::default();
    let allowed = role.keys();
    for (key, value) in entries {
        let key_at = position_of(key);
        let name = key.value.as_str();
        if !allowed.contains(&name) {
            unknown_key(cx, name, what, &allowed, key_at);
            continue;
        }
        let key = Key {
            name,
            value,
            inner: format!("`{name}` of {what}"),
            at: key_at,
        };
        read_key(cx, &key, what, &mut ty, &mut out, &mut extra);
    }
    match ty {
        Some(ty) => {
            out.ty = ty;
            Some((out, extra))
        }
        None => {
            cx.error(at, format!("{what} lacks the required key `type`"));
            None
        }
    }
}

/// A type node with only its position; [`read`] fills its keys.
fn empty_node(at: Option<Position>) -> TypeNode {
    TypeNode::naming(Text {
        value: String::new(),
        at,
    })
}

impl TypeNode {
    /// A node that only names a type (`ty`), at its position, every other
    /// key unset: what [`read`] starts from, and a map's `keys:`.
    pub(crate) fn naming(ty: Text) -> TypeNode {
        TypeNode {
            at: ty.at,
            ty,
            doc: None,
            type_name: None,
            fields: None,
            items: None,
            values: None,
            nullable: false,
            secret: None,
            tag: None,
            tag_in: None,
            variants: None,
            keys: None,
            pattern: None,
            case: None,
        }
    }
}

/// Reports a key the mapping may not have, with a hint where the key
/// belongs to another kind of mapping.
fn unknown_key(
    cx: &mut Collector,
    name: &str,
    what: &str,
    allowed: &[&str],
    key_at: Option<Position>,
) {
    let hint = match name {
        "optional" | "default" | "rust_name" | "aliases" => {
            " (only a field of an object can have it)".to_owned()
        }
        "when" | "when_prefix" => " (only a variant of a union can have it)".to_owned(),
        "name" => " (a type's Rust name is `type_name`)".to_owned(),
        _ => String::new(),
    };
    cx.error(
        key_at,
        format!(
            "unknown key `{name}` in {what}{hint}; expected one of: {}",
            allowed.join(", ")
        ),
    );
}

/// An allowed key of a mapping being read.
struct Key<'a> {
    name: &'a str,
    value: &'a Spanned<Node>,
    /// The key in messages: `` `name` of `` the mapping.
    inner: String,
    /// Where the key is written.
    at: Option<Position>,
}

/// Reads one allowed key into the type (`ty` for `type:`), or into the
/// extra keys of a field or a variant. A flat dispatch, one arm per key of
/// [`TYPE_KEYS`], [`FIELD_KEYS`] and [`VARIANT_KEYS`]; the keys that nest
/// are read by the functions below it.
fn read_key(
    cx: &mut Collector,
    key: &Key,
    what: &str,
    ty: &mut Option<Text>,
    out: &mut TypeNode,
    extra: &mut Extra,
) {
    let (value, inner, key_at) = (key.value, key.inner.as_str(), key.at);
    match key.name {
        "type" => *ty = expect_text(cx, value, inner, key_at),
        "doc" => out.doc = expect_text(cx, value, inner, key_at).map(|t| t.value),
        "type_name" => out.type_name = expect_text(cx, value, inner, key_at),
        "tag" => out.tag = expect_text(cx, value, inner, key_at),
        "tag_in" => out.tag_in = expect_text(cx, value, inner, key_at),
        "keys" => out.keys = expect_text(cx, value, inner, key_at),
        "pattern" => out.pattern = expect_text(cx, value, inner, key_at),
        "case" => out.case = expect_text(cx, value, inner, key_at),
        "nullable" => out.nullable = expect_bool(cx, value, inner, key_at).unwrap_or(false),
        "secret" => {
            out.secret = expect_bool(cx, value, inner, key_at).map(|flag| Spanned {
                value: flag,
                referenced: value.referenced,
                defined: value.defined,
            });
        }
        "items" => out.items = read(cx, value, inner, Role::Type).map(|(n, _)| Box::new(n)),
        "values" => out.values = read_values(cx, key),
        "fields" => out.fields = read_fields(cx, key, what),
        "variants" => out.variants = read_variants(cx, key, what),
        "name" => extra.name = expect_text(cx, value, inner, key_at),
        "rust_name" => extra.rust_name = expect_text(cx, value, inner, key_at),
        "optional" => extra.optional = expect_bool(cx, value, inner, key_at).unwrap_or(false),
        "default" => extra.default = read_default(cx, key),
        "when" => extra.when = read_when(cx, key),
        "when_prefix" => extra.when_prefix = read_when(cx, key),
        "aliases" => extra.aliases = read_when(cx, key),
        _ => {}
    }
}

/// `values:`: a list of strings (an enum's values) or a type node (a
/// map's values).
fn read_values(cx: &mut Collector, key: &Key) -> Option<Values> {
    let (value, inner, key_at) = (key.value, key.inner.as_str(), key.at);
    match &value.value {
        Node::Seq(items) if items.len() > MAX_ENUM_VALUES => {
            cx.error(
                position_of(value).or(key_at),
                too_many_values(inner, items.len()),
            );
            None
        }
        Node::Seq(items) => Some(Values::Enum(
            items
                .iter()
                .filter_map(|item| expect_text(cx, item, inner, key_at))
                .collect(),
        )),
        Node::Map(_) => read(cx, value, inner, Role::Type).map(|(n, _)| Values::Map(Box::new(n))),
        other => {
            cx.error(
                position_of(value).or(key_at),
                format!(
                    "{inner} should be a list of strings (an enum's values) or a \
                     type (a map's values), but is {}",
                    other.kind()
                ),
            );
            None
        }
    }
}

/// `fields:` of `owner`: a list of fields, each with a `name`.
fn read_fields(cx: &mut Collector, key: &Key, owner: &str) -> Option<Vec<FieldNode>> {
    list(cx, key.value, &key.inner, key.at).map(|items| {
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                let (name, node, extra) = read_member(cx, item, index, owner, Role::Field)?;
                Some(FieldNode {
                    name,
                    rust_name: extra.rust_name,
                    optional: extra.optional,
                    default: extra.default,
                    aliases: extra.aliases,
                    node,
                })
            })
            .collect()
    })
}

/// `variants:` of `owner`: a list of variants, each with a `name`.
fn read_variants(cx: &mut Collector, key: &Key, owner: &str) -> Option<Vec<VariantNode>> {
    list(cx, key.value, &key.inner, key.at).map(|items| {
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                let (name, node, extra) = read_member(cx, item, index, owner, Role::Variant)?;
                Some(VariantNode {
                    name,
                    when: extra.when,
                    when_prefix: extra.when_prefix,
                    node,
                })
            })
            .collect()
    })
}

/// The `index`th field or variant of `owner`; `None` when it is unreadable
/// or lacks `name`.
fn read_member(
    cx: &mut Collector,
    item: &Spanned<Node>,
    index: usize,
    owner: &str,
    role: Role,
) -> Option<(Text, TypeNode, Extra)> {
    let what = item_what(item, index, owner, role.noun());
    let (node, mut extra) = read(cx, item, &what, role)?;
    let Some(name) = extra.name.take() else {
        cx.error(
            position_of(item),
            format!("{what} lacks the required key `name`"),
        );
        return None;
    };
    Some((name, node, extra))
}

/// `default:` of a field: text, a whole number or true/false, with where
/// it is written.
fn read_default(cx: &mut Collector, key: &Key) -> Option<(Scalar, Option<Position>)> {
    let (value, inner, key_at) = (key.value, key.inner.as_str(), key.at);
    match &value.value {
        Node::String(text) => Some(Scalar::String(text.clone())),
        Node::Integer(number) => Some(Scalar::Integer(*number)),
        Node::Bool(flag) => Some(Scalar::Bool(*flag)),
        other => {
            cx.error(
                position_of(value).or(key_at),
                format!(
                    "{inner} should be text, a whole number or true/false, but is {}",
                    other.kind()
                ),
            );
            None
        }
    }
    .map(|scalar| (scalar, position_of(value).or(key_at)))
}

/// `when:` of a variant or `aliases:` of a field: one text, or a list of
/// them.
fn read_when(cx: &mut Collector, key: &Key) -> Vec<Text> {
    let (value, inner, key_at) = (key.value, key.inner.as_str(), key.at);
    match &value.value {
        Node::Seq(items) => items
            .iter()
            .filter_map(|item| expect_text(cx, item, inner, key_at))
            .collect(),
        _ => expect_text(cx, value, inner, key_at).into_iter().collect(),
    }
}

fn item_what(item: &Spanned<Node>, index: usize, owner: &str, noun: &str) -> String {
    let name = match &item.value {
        Node::Map(entries) => entries.iter().find_map(|(key, value)| match &value.value {
            Node::String(name) if key.value == "name" => Some(name.clone()),
            _ => None,
        }),
        _ => None,
    };
    match name {
        Some(name) => format!("{noun} `{name}` of {owner}"),
        None => format!("{noun} {} of {owner}", index + 1),
    }
}

fn list<'a>(
    cx: &mut Collector,
    node: &'a Spanned<Node>,
    what: &str,
    owner: Option<Position>,
) -> Option<&'a [Spanned<Node>]> {
    match &node.value {
        Node::Seq(items) => Some(items),
        other => {
            cx.error(
                position_of(node).or(owner),
                format!(
                    "{what} should be a list (lines starting with `- `), but is {}",
                    other.kind()
                ),
            );
            None
        }
    }
}

fn expect_text(
    cx: &mut Collector,
    node: &Spanned<Node>,
    what: &str,
    owner: Option<Position>,
) -> Option<Text> {
    match &node.value {
        Node::String(value) => Some(Text {
            value: value.clone(),
            at: position_of(node).or(owner),
        }),
        other => {
            cx.error(
                position_of(node).or(owner),
                format!("{what} should be text, but is {}", other.kind()),
            );
            None
        }
    }
}

fn expect_bool(
    cx: &mut Collector,
    node: &Spanned<Node>,
    what: &str,
    owner: Option<Position>,
) -> Option<bool> {
    match &node.value {
        Node::Bool(value) => Some(*value),
        other => {
            cx.error(
                position_of(node).or(owner),
                format!("{what} should be true or false, but is {}", other.kind()),
            );
            None
        }
    }
}
