//! Version 2's JSON types and outcomes, field by field.
//!
//! Each side's types are walked from their roots (the request body, the
//! response body, each outcome's body; every named type of a type file),
//! breadth first, alongside the YAML nodes they were read from: each
//! generated type gets the path by which a user first reaches it
//! (`Docflow.documents[].signatures[].content-link`), the node that
//! defines it (for lines), and the directions it travels in (built by the
//! caller and sent, or received and read). Types are matched by their Rust
//! name, fields by their JSON key, variants by name, outcomes by name; each
//! type is compared once, however many paths reach it.

use std::collections::{HashMap, VecDeque};

use kontur_extern_codegen::Position;
use kontur_extern_codegen::model::{Endpoint, Outcome};
use kontur_extern_codegen::spec::{Scalar, SpecFile, position_of};
use kontur_extern_codegen::types::model::{
    EnumCase, Field, FieldPresence, ItemId, ItemKind, Origin, Ty, TypeSpace,
};
use kontur_extern_codegen::types::source::{NamedNode, TypeNode, Values};

/// A type node with the file it was written in.
#[derive(Clone, Copy)]
pub(super) struct NodeAt<'a> {
    node: &'a TypeNode,
    file: &'a str,
}

impl<'a> NodeAt<'a> {
    fn line(self, position: Option<Position>) -> Option<String> {
        position.map(|p| format!("{}:{}", self.file, p.line))
    }
}

/// Where a generated type is first reached, and how it travels.
struct Place<'a> {
    path: String,
    node: Option<NodeAt<'a>>,
    /// Built by the caller and sent (a request body).
    sent: bool,
    /// Received and read (a response body or an outcome's).
    read: bool,
}

/// A type reached: its id, path, defining node and (sent, read).
type Reached<'a> = (ItemId, String, Option<NodeAt<'a>>, (bool, bool));

/// A root of the walk: a body, or a named type of a type file.
pub(super) struct Root<'a> {
    pub label: String,
    pub ty: Ty,
    pub node: Option<NodeAt<'a>>,
    pub sent: bool,
    pub read: bool,
}

/// One side's JSON types, walked.
pub(super) struct Types<'a> {
    space: &'a TypeSpace,
    named: HashMap<&'a str, NodeAt<'a>>,
    /// Where each named type's name is written, by its node.
    name_lines: Vec<(&'a TypeNode, Option<Position>)>,
    places: HashMap<ItemId, Place<'a>>,
    /// Items in the order they were first reached.
    order: Vec<ItemId>,
    /// Leave out the types of type files (`use:`): a folder's diff tells
    /// them once, from the type files.
    pub(super) skip_shared: bool,
}

impl<'a> Types<'a> {
    /// `named`: the named types of the spec and of its type files, with
    /// the file each is written in.
    pub(super) fn walk(
        space: &'a TypeSpace,
        named: &'a [(String, Vec<NamedNode>)],
        roots: Vec<Root<'a>>,
    ) -> Types<'a> {
        let mut types = Types {
            space,
            named: HashMap::new(),
            name_lines: Vec::new(),
            places: HashMap::new(),
            order: Vec::new(),
            skip_shared: false,
        };
        for (file, nodes) in named {
            for named in nodes {
                types
                    .named
                    .entry(named.name.value.as_str())
                    .or_insert(NodeAt {
                        node: &named.node,
                        file,
                    });
                types.name_lines.push((&named.node, named.name.at));
            }
        }
        let mut queue = VecDeque::new();
        for root in roots {
            // A body of a named type is called by its name.
            let label = match root.ty.bare() {
                Ty::Item(id) if types.named.contains_key(space.get(*id).name.as_str()) => {
                    space.get(*id).name.clone()
                }
                _ => root.label,
            };
            types.reach(
                &root.ty,
                label,
                root.node,
                (root.sent, root.read),
                &mut queue,
            );
        }
        while let Some((id, path, node, (sent, read))) = queue.pop_front() {
            let place = types.places.entry(id).or_insert_with(|| Place {
                path,
                node,
                sent: false,
                read: false,
            });
            // Seen in these directions already: its types are queued.
            if (place.sent || !sent) && (place.read || !read) {
                continue;
            }
            if !place.sent && !place.read {
                types.order.push(id);
            }
            place.sent |= sent;
            place.read |= read;
            let (path, node) = (place.path.clone(), place.node);
            let space = types.space;
            match &space.get(id).kind {
                ItemKind::Object(fields) => {
                    for field in fields {
                        let field_node = node.and_then(|n| field_node(n, &field.wire));
                        types.reach(
                            &field.ty,
                            format!("{path}.{}", field.wire),
                            field_node,
                            (sent, read),
                            &mut queue,
                        );
                    }
                }
                ItemKind::Union(union) => {
                    for variant in &union.variants {
                        let variant_node = node.and_then(|n| variant_node(n, &variant.name));
                        types.reach(
                            &variant.ty,
                            format!("{path}({})", variant.name),
                            variant_node,
                            (sent, read),
                            &mut queue,
                        );
                    }
                }
                ItemKind::Alias(ty) => types.reach(ty, path, node, (sent, read), &mut queue),
                ItemKind::Enum(_) | ItemKind::Pattern(_) => {}
            }
        }
        types
    }

    /// Queues the items `ty` names, at `path`, with the node that defines
    /// each: `node` itself when it is written inline, else the named type
    /// it refers to.
    fn reach(
        &self,
        ty: &Ty,
        path: String,
        node: Option<NodeAt<'a>>,
        ways: (bool, bool),
        queue: &mut VecDeque<Reached<'a>>,
    ) {
        let within = |node: Option<NodeAt<'a>>, pick: fn(&'a TypeNode) -> Option<&'a TypeNode>| {
            node.and_then(|n| {
                pick(n.node).map(|inner| NodeAt {
                    node: inner,
                    file: n.file,
                })
            })
        };
        match ty {
            Ty::Nullable(inner) => self.reach(inner, path, node, ways, queue),
            Ty::List(inner) => {
                let items = within(node, |n| n.items.as_deref());
                self.reach(inner, format!("{path}[]"), items, ways, queue);
            }
            Ty::Map(keys, values) => {
                self.reach(keys, format!("{path}{{key}}"), None, ways, queue);
                let values_node = within(node, |n| match &n.values {
                    Some(Values::Map(inner)) => Some(inner),
                    _ => None,
                });
                self.reach(values, format!("{path}{{}}"), values_node, ways, queue);
            }
            Ty::Item(id) => {
                let node = match node {
                    Some(n) => self
                        .named
                        .get(n.node.ty.value.as_str())
                        .copied()
                        .or(Some(n)),
                    None => self.named.get(self.space.get(*id).name.as_str()).copied(),
                };
                queue.push_back((*id, path, node, ways));
            }
            _ => {}
        }
    }

    /// Every type reached, by name, with whether it is sent and read.
    pub(super) fn directions(&self) -> Vec<(String, bool, bool)> {
        self.order
            .iter()
            .map(|id| {
                let place = &self.places[id];
                (self.space.get(*id).name.clone(), place.sent, place.read)
            })
            .collect()
    }

    fn find(&self, name: &str) -> Option<ItemId> {
        self.order
            .iter()
            .copied()
            .find(|id| self.space.get(*id).name == name)
    }

    /// The line of an item's definition.
    fn item_at(&self, id: ItemId) -> Option<String> {
        let node = self.places.get(&id)?.node?;
        // A named type's line is its name's.
        let named = self
            .name_lines
            .iter()
            .find(|(n, _)| std::ptr::eq(*n, node.node))
            .and_then(|(_, at)| *at);
        node.line(named.or(node.node.at))
    }

    fn field_at(&self, id: ItemId, wire: &str) -> Option<String> {
        let node = self.places.get(&id)?.node?;
        match field_node(node, wire) {
            Some(field) => field.line(named_at(node.node, wire)),
            None => self.item_at(id),
        }
    }

    fn variant_at(&self, id: ItemId, name: &str) -> Option<String> {
        let node = self.places.get(&id)?.node?;
        let variant = node
            .node
            .variants
            .iter()
            .flatten()
            .find(|v| same_name(&v.name.value, name));
        match variant {
            Some(variant) => node.line(variant.name.at),
            None => self.item_at(id),
        }
    }

    fn value_at(&self, id: ItemId, value: &str) -> Option<String> {
        let node = self.places.get(&id)?.node?;
        let found = match &node.node.values {
            Some(Values::Enum(values)) => values.iter().find(|v| v.value == value),
            _ => None,
        };
        match found {
            Some(text) => node.line(text.at),
            None => self.item_at(id),
        }
    }
}

fn field_node<'a>(node: NodeAt<'a>, wire: &str) -> Option<NodeAt<'a>> {
    node.node
        .fields
        .iter()
        .flatten()
        .find(|f| f.name.value == wire)
        .map(|f| NodeAt {
            node: &f.node,
            file: node.file,
        })
}

fn named_at(node: &TypeNode, wire: &str) -> Option<Position> {
    node.fields
        .iter()
        .flatten()
        .find(|f| f.name.value == wire)
        .and_then(|f| f.name.at)
}

fn variant_node<'a>(node: NodeAt<'a>, name: &str) -> Option<NodeAt<'a>> {
    node.node
        .variants
        .iter()
        .flatten()
        .find(|v| same_name(&v.name.value, name))
        .map(|v| NodeAt {
            node: &v.node,
            file: node.file,
        })
}

/// A variant's name as written and as generated (PascalCase).
fn same_name(written: &str, generated: &str) -> bool {
    heck::ToUpperCamelCase::to_upper_camel_case(written) == generated || written == generated
}

/// The roots of an endpoint's types: its request and response bodies and
/// each outcome's body, with their nodes.
pub(super) fn endpoint_roots<'a>(
    model: &'a Endpoint,
    spec: &'a SpecFile,
    file: &'a str,
) -> Vec<Root<'a>> {
    let at = |node: &'a Option<TypeNode>| node.as_ref().map(|node| NodeAt { node, file });
    let mut roots = Vec::new();
    if let Some(ty) = &model.request.json {
        roots.push(Root {
            label: "request body".to_owned(),
            ty: ty.clone(),
            node: at(&spec.v2.request_json),
            sent: true,
            read: false,
        });
    }
    if let Some(ty) = &model.response.body {
        roots.push(Root {
            label: "response body".to_owned(),
            ty: ty.clone(),
            node: at(&spec.v2.response_body),
            sent: false,
            read: true,
        });
    }
    for outcome in model.outcomes.iter().flat_map(|o| &o.listed) {
        let Some(ty) = &outcome.body else { continue };
        let node = outcome_index(spec, outcome)
            .and_then(|index| spec.v2.outcome_bodies.get(index))
            .and_then(|node| node.as_ref())
            .map(|node| NodeAt { node, file });
        roots.push(Root {
            label: format!("outcome `{}`", outcome.name),
            ty: ty.clone(),
            node,
            sent: false,
            read: true,
        });
    }
    roots
}

/// The roots of a type file: each named type, in file order, sent and
/// read as `used` says (both when no spec beside it reaches the type).
pub(super) fn type_file_roots<'a>(
    space: &TypeSpace,
    named: &'a [(String, Vec<NamedNode>)],
    used: &HashMap<String, (bool, bool)>,
) -> Vec<Root<'a>> {
    let mut roots = Vec::new();
    for (file, nodes) in named {
        for node in nodes {
            let Some(index) = space
                .items
                .iter()
                .position(|item| item.name == node.name.value)
            else {
                continue;
            };
            let (sent, read) = used.get(&node.name.value).copied().unwrap_or((true, true));
            roots.push(Root {
                label: node.name.value.clone(),
                ty: Ty::Item(ItemId(index)),
                node: Some(NodeAt {
                    node: &node.node,
                    file,
                }),
                sent,
                read,
            });
        }
    }
    roots
}

/// Which of `responses` an outcome is: by its name, else its status.
fn outcome_index(spec: &SpecFile, outcome: &Outcome) -> Option<usize> {
    spec.responses
        .iter()
        .position(|o| o.name.as_ref().is_some_and(|n| n.value == outcome.name))
        .or_else(|| {
            spec.responses
                .iter()
                .position(|o| match (&o.status.value, outcome.status) {
                    (Scalar::Integer(code), Some(status)) => *code == i64::from(status),
                    _ => false,
                })
        })
}

/// The line of an outcome's status.
pub(super) fn outcome_at(spec: &SpecFile, file: &str, outcome: &Outcome) -> Option<String> {
    let index = outcome_index(spec, outcome)?;
    position_of(&spec.responses[index].status).map(|p| format!("{file}:{}", p.line))
}

/// A type as a user reads it, naming generated types.
pub(super) fn shape(space: &TypeSpace, ty: &Ty) -> String {
    match ty {
        Ty::String { secret: false } => "string".to_owned(),
        Ty::String { secret: true } => "string (secret)".to_owned(),
        Ty::Integer => "integer".to_owned(),
        Ty::Number => "number".to_owned(),
        Ty::Boolean => "boolean".to_owned(),
        Ty::DurationSeconds => "duration_seconds".to_owned(),
        Ty::Url => "url".to_owned(),
        Ty::Uuid => "uuid".to_owned(),
        Ty::DateTime => "datetime".to_owned(),
        Ty::Date => "date".to_owned(),
        Ty::Bytes => "bytes".to_owned(),
        Ty::Json => "json".to_owned(),
        Ty::List(inner) => format!("list of {}", shape(space, inner)),
        Ty::Map(keys, values) => {
            format!("map of {} to {}", shape(space, keys), shape(space, values))
        }
        Ty::Nullable(inner) => format!("nullable {}", shape(space, inner)),
        Ty::Item(id) => format!("`{}`", space.get(*id).name),
    }
}

/// How a field may be missing, as the generated type and decoder see it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Presence {
    /// `T`: the key must be there, not `null`.
    Required,
    /// `Option<T>`: absent (optional) or `null` (nullable) is `None`.
    Option { optional: bool, nullable: bool },
    /// `T`, its default when absent.
    Default,
}

fn presence(field: &Field) -> Presence {
    let nullable = matches!(field.ty, Ty::Nullable(_));
    match &field.presence {
        FieldPresence::Optional => Presence::Option {
            optional: true,
            nullable,
        },
        _ if nullable => Presence::Option {
            optional: false,
            nullable,
        },
        FieldPresence::Required => Presence::Required,
        FieldPresence::Default(_) => Presence::Default,
    }
}

fn presence_name(presence: Presence) -> &'static str {
    match presence {
        Presence::Required => "required",
        Presence::Option {
            optional: true,
            nullable: true,
        } => "optional and nullable",
        Presence::Option {
            optional: true,
            nullable: false,
        } => "optional",
        Presence::Option { .. } => "nullable",
        Presence::Default => "defaulted",
    }
}

/// A field's type without its top `Nullable` (that is presence).
fn field_shape(space: &TypeSpace, field: &Field) -> String {
    let ty = match &field.ty {
        Ty::Nullable(inner) => inner,
        other => other,
    };
    shape(space, ty)
}

/// Whether `was` (in the old space) and `is` (in the new) read and write
/// the same JSON, whatever their types are called: the same keys with the
/// same presence, the same enum values and patterns, the same union tags
/// and variants in the same order, down to the scalars. A field whose named
/// type is replaced by another of the same shape (a copy merged into a
/// shared type file's) breaks code that names the type, not the wire.
fn same_on_wire(old: &TypeSpace, was: &Ty, new: &TypeSpace, is: &Ty, depth: usize) -> bool {
    // Checked spaces have no recursive types; the bound keeps a broken one
    // from looping.
    if depth > 64 {
        return false;
    }
    let (was, is) = (unaliased(old, was), unaliased(new, is));
    let deeper = |a: &Ty, b: &Ty| same_on_wire(old, a, new, b, depth + 1);
    match (was, is) {
        (Ty::String { .. }, Ty::String { .. }) => true,
        (Ty::List(a), Ty::List(b)) | (Ty::Nullable(a), Ty::Nullable(b)) => deeper(a, b),
        (Ty::Map(ak, av), Ty::Map(bk, bv)) => deeper(ak, bk) && deeper(av, bv),
        (Ty::Item(a), Ty::Item(b)) => match (&old.get(*a).kind, &new.get(*b).kind) {
            (ItemKind::Object(a), ItemKind::Object(b)) => {
                a.len() == b.len()
                    && a.iter().all(|field| {
                        b.iter()
                            .find(|other| other.wire == field.wire)
                            .is_some_and(|other| {
                                field.aliases == other.aliases
                                    && field.presence == other.presence
                                    && deeper(&field.ty, &other.ty)
                            })
                    })
            }
            (ItemKind::Enum(a), ItemKind::Enum(b)) => {
                let sorted = |values: &[String]| {
                    let mut values = values.to_vec();
                    values.sort();
                    values
                };
                a.case == b.case && sorted(&a.values) == sorted(&b.values)
            }
            (ItemKind::Pattern(a), ItemKind::Pattern(b)) => a == b,
            (ItemKind::Union(a), ItemKind::Union(b)) => {
                a.tag == b.tag
                    && a.variants.len() == b.variants.len()
                    && a.variants.iter().zip(&b.variants).all(|(a, b)| {
                        a.when == b.when && a.when_prefix == b.when_prefix && deeper(&a.ty, &b.ty)
                    })
            }
            _ => false,
        },
        (a, b) => a == b,
    }
}

/// `ty` with the aliases it names looked through.
fn unaliased<'t>(space: &'t TypeSpace, ty: &'t Ty) -> &'t Ty {
    let mut ty = ty;
    for _ in 0..=space.items.len() {
        match ty {
            Ty::Item(id) => match &space.get(*id).kind {
                ItemKind::Alias(inner) => ty = inner,
                _ => return ty,
            },
            _ => return ty,
        }
    }
    ty
}

/// One change found, before its rule's verdicts are looked up.
pub(super) struct Found {
    pub rule: &'static str,
    /// The generated type the change is in, when it is in one.
    pub item: Option<String>,
    pub subject: String,
    pub change: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Every change between the JSON types of two sides.
pub(super) fn compare(old: &Types<'_>, new: &Types<'_>) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for &new_id in &new.order {
        let item = new.space.get(new_id);
        if new.skip_shared && item.origin != Origin::Local {
            continue;
        }
        let Some(old_id) = old.find(&item.name) else {
            continue;
        };
        let (was, place) = (old.space.get(old_id), &new.places[&new_id]);
        let old_place = &old.places[&old_id];
        let sent = place.sent || old_place.sent;
        let read = place.read || old_place.read;
        // A named type reached by a longer path is named too, so that a
        // change of a shared type is recognised.
        let owner = (new.named.contains_key(item.name.as_str()) && place.path != item.name)
            .then(|| item.name.clone());
        let mut cx = Cx {
            owner,
            old,
            new,
            old_id,
            new_id,
            path: &place.path,
            sent,
            read,
            found: &mut found,
        };
        cx.item(&was.kind, &item.kind);
    }
    // A change told once per subject and rule (a type used both ways may
    // give the same rule twice).
    let mut seen = std::collections::HashSet::new();
    found.retain(|f| seen.insert((f.rule, f.subject.clone(), f.change.clone())));
    found
}

struct Cx<'t, 'a> {
    owner: Option<String>,
    old: &'t Types<'a>,
    new: &'t Types<'a>,
    old_id: ItemId,
    new_id: ItemId,
    path: &'t str,
    sent: bool,
    read: bool,
    found: &'t mut Vec<Found>,
}

impl Cx<'_, '_> {
    fn push(
        &mut self,
        rule: &'static str,
        subject: String,
        change: String,
        lines: (Option<String>, Option<String>),
    ) {
        let change = match &self.owner {
            Some(owner) => format!("{change} (in `{owner}`)"),
            None => change,
        };
        let item = Some(self.new.space.get(self.new_id).name.clone());
        self.found.push(Found {
            rule,
            item,
            subject,
            change,
            old: lines.0,
            new: lines.1,
        });
    }

    /// The rule for the directions the type travels in: `read` for what
    /// is received, `sent` for what the caller builds.
    fn each(
        &mut self,
        read: Option<&'static str>,
        sent: Option<&'static str>,
        subject: &str,
        change: &str,
        lines: &(Option<String>, Option<String>),
    ) {
        if self.read
            && let Some(rule) = read
        {
            self.push(rule, subject.to_owned(), change.to_owned(), lines.clone());
        }
        if self.sent
            && let Some(rule) = sent
        {
            self.push(rule, subject.to_owned(), change.to_owned(), lines.clone());
        }
    }

    fn item_lines(&self) -> (Option<String>, Option<String>) {
        (self.old.item_at(self.old_id), self.new.item_at(self.new_id))
    }

    fn item(&mut self, was: &ItemKind, is: &ItemKind) {
        let path = self.path.to_owned();
        let (old_space, new_space) = (self.old.space, self.new.space);
        match (was, is) {
            (ItemKind::Object(old_fields), ItemKind::Object(new_fields)) => {
                self.fields(old_fields, new_fields);
            }
            (ItemKind::Enum(old_enum), ItemKind::Enum(new_enum)) => {
                for value in new_enum
                    .values
                    .iter()
                    .filter(|v| !old_enum.values.contains(v))
                {
                    let lines = (
                        self.old.item_at(self.old_id),
                        self.new.value_at(self.new_id, value),
                    );
                    self.push(
                        "enum-value-added",
                        path.clone(),
                        format!("value `{value}` added"),
                        lines,
                    );
                }
                for value in old_enum
                    .values
                    .iter()
                    .filter(|v| !new_enum.values.contains(v))
                {
                    let lines = (
                        self.old.value_at(self.old_id, value),
                        self.new.item_at(self.new_id),
                    );
                    self.each(
                        Some("enum-value-removed"),
                        Some("request-enum-value-removed"),
                        &path,
                        &format!("value `{value}` removed"),
                        &lines,
                    );
                }
                if old_enum.case != new_enum.case {
                    let name = |case: EnumCase| match case {
                        EnumCase::Ascii => "ascii",
                        EnumCase::Any => "any",
                    };
                    let lines = self.item_lines();
                    self.push(
                        "body-reading-changed",
                        path,
                        format!("case `{}` → `{}`", name(old_enum.case), name(new_enum.case)),
                        lines,
                    );
                }
            }
            (ItemKind::Pattern(was), ItemKind::Pattern(is)) => {
                if was != is {
                    let lines = self.item_lines();
                    self.push("pattern-changed", path, format!("`{was}` → `{is}`"), lines);
                }
            }
            (ItemKind::Union(old_union), ItemKind::Union(new_union)) => {
                let tag = |union: &kontur_extern_codegen::types::model::Union| match &union.tag {
                    None => "untagged".to_owned(),
                    Some(tag) if tag.in_parent => format!("tagged by the parent's `{}`", tag.key),
                    Some(tag) => format!("tagged by `{}`", tag.key),
                };
                if tag(old_union) != tag(new_union) {
                    let lines = self.item_lines();
                    self.push(
                        "union-tag-changed",
                        path.clone(),
                        format!("{} → {}", tag(old_union), tag(new_union)),
                        lines,
                    );
                }
                for variant in &new_union.variants {
                    let lines = (
                        self.old.item_at(self.old_id),
                        self.new.variant_at(self.new_id, &variant.name),
                    );
                    let subject = format!("{path}({})", variant.name);
                    let Some(before) = old_union.variants.iter().find(|v| v.name == variant.name)
                    else {
                        let read = if new_union.tag.is_some() {
                            "union-variant-added"
                        } else {
                            "untagged-variant-added"
                        };
                        self.each(
                            Some(read),
                            Some("union-variant-added"),
                            &subject,
                            "variant added",
                            &lines,
                        );
                        continue;
                    };
                    let lines = (self.old.variant_at(self.old_id, &before.name), lines.1);
                    if before.when != variant.when {
                        self.push(
                            "union-when-changed",
                            subject.clone(),
                            format!(
                                "when {} → when {}",
                                quoted(&before.when),
                                quoted(&variant.when)
                            ),
                            lines.clone(),
                        );
                    }
                    if before.when_prefix != variant.when_prefix {
                        // Which variant some tags decode to; no Rust type.
                        self.push(
                            "body-reading-changed",
                            subject.clone(),
                            format!(
                                "when_prefix {} → when_prefix {}",
                                quoted(&before.when_prefix),
                                quoted(&variant.when_prefix)
                            ),
                            lines.clone(),
                        );
                    }
                    let (was, is) = (shape(old_space, &before.ty), shape(new_space, &variant.ty));
                    if was != is {
                        self.push(
                            "union-variant-type-changed",
                            subject,
                            format!("{was} → {is}"),
                            lines,
                        );
                    }
                }
                for variant in &old_union.variants {
                    if !new_union.variants.iter().any(|v| v.name == variant.name) {
                        let lines = (
                            self.old.variant_at(self.old_id, &variant.name),
                            self.new.item_at(self.new_id),
                        );
                        self.each(
                            Some("union-variant-removed"),
                            Some("request-union-variant-removed"),
                            &format!("{path}({})", variant.name),
                            "variant removed",
                            &lines,
                        );
                    }
                }
            }
            (ItemKind::Alias(was), ItemKind::Alias(is)) => {
                let (was, is) = (shape(old_space, was), shape(new_space, is));
                if was != is {
                    let lines = self.item_lines();
                    self.push("type-changed", path, format!("{was} → {is}"), lines);
                }
            }
            (was, is) => {
                let lines = self.item_lines();
                self.push(
                    "type-changed",
                    path,
                    format!("{} → {}", kind(was), kind(is)),
                    lines,
                );
            }
        }
    }

    fn fields(&mut self, old_fields: &[Field], new_fields: &[Field]) {
        let path = self.path.to_owned();
        let (old_space, new_space) = (self.old.space, self.new.space);
        let renamed_on_wire = |field: &Field, others: &[Field], mine: &[Field]| {
            others
                .iter()
                .find(|o| o.rust == field.rust && !mine.iter().any(|m| m.wire == o.wire))
                .cloned()
        };
        for field in new_fields {
            let new_at = self.new.field_at(self.new_id, &field.wire);
            let subject = format!("{path}.{}", field.wire);
            let before = match old_fields.iter().find(|f| f.wire == field.wire) {
                Some(before) => before.clone(),
                None => match renamed_on_wire(field, old_fields, new_fields) {
                    Some(before) => {
                        let old_at = self.old.field_at(self.old_id, &before.wire);
                        self.push(
                            "field-renamed-on-wire",
                            subject.clone(),
                            format!(
                                "key `{}` → `{}` (field `{}`)",
                                before.wire, field.wire, field.rust
                            ),
                            (old_at, new_at.clone()),
                        );
                        before
                    }
                    None => {
                        let lines = (self.old.item_at(self.old_id), new_at);
                        let change = format!("new {} field", presence_name(presence(field)));
                        let (read, sent) = match presence(field) {
                            Presence::Required => (
                                "response-field-added-required",
                                "request-field-added-required",
                            ),
                            _ => (
                                "response-field-added-optional",
                                "request-field-added-optional",
                            ),
                        };
                        self.each(Some(read), Some(sent), &subject, &change, &lines);
                        continue;
                    }
                },
            };
            let lines = (self.old.field_at(self.old_id, &before.wire), new_at);
            if before.rust != field.rust {
                self.push(
                    "field-renamed-in-rust",
                    subject.clone(),
                    format!("`{}` → `{}`", before.rust, field.rust),
                    lines.clone(),
                );
            }
            let (was, is) = (
                field_shape(old_space, &before),
                field_shape(new_space, field),
            );
            if was != is {
                let rule = if was.replace(" (secret)", "") == is.replace(" (secret)", "") {
                    "field-secret-changed"
                } else if same_on_wire(old_space, &before.ty, new_space, &field.ty, 0) {
                    "field-type-renamed"
                } else {
                    "json-field-type-changed"
                };
                self.push(
                    rule,
                    subject.clone(),
                    format!("{was} → {is}"),
                    lines.clone(),
                );
            }
            self.presence(&subject, &before, field, &lines);
            if before.aliases != field.aliases {
                self.push(
                    "body-reading-changed",
                    subject.clone(),
                    format!(
                        "aliases {} → {}",
                        quoted(&before.aliases),
                        quoted(&field.aliases)
                    ),
                    lines,
                );
            }
        }
        for field in old_fields {
            let gone = !new_fields.iter().any(|f| f.wire == field.wire)
                && renamed_on_wire(field, new_fields, old_fields).is_none();
            if gone {
                let lines = (
                    self.old.field_at(self.old_id, &field.wire),
                    self.new.item_at(self.new_id),
                );
                let read = match presence(field) {
                    Presence::Required => "response-field-removed-required",
                    _ => "response-field-removed-optional",
                };
                let change = format!("{} field removed", presence_name(presence(field)));
                self.each(
                    Some(read),
                    Some("request-field-removed"),
                    &format!("{path}.{}", field.wire),
                    &change,
                    &lines,
                );
            }
        }
    }

    fn presence(
        &mut self,
        subject: &str,
        before: &Field,
        field: &Field,
        lines: &(Option<String>, Option<String>),
    ) {
        use Presence::{Default, Option as Opt, Required};
        let (was, is) = (presence(before), presence(field));
        let change = format!("{} → {}", presence_name(was), presence_name(is));
        let (read, sent) = match (was, is) {
            (Default, Default) => {
                if let (FieldPresence::Default(a), FieldPresence::Default(b)) =
                    (&before.presence, &field.presence)
                    && a != b
                {
                    self.push(
                        "field-default-changed",
                        subject.to_owned(),
                        format!("default `{a}` → `{b}`"),
                        lines.clone(),
                    );
                }
                return;
            }
            (Opt { .. }, Opt { .. }) => {
                if was != is {
                    self.push(
                        "field-absence-changed",
                        subject.to_owned(),
                        change,
                        lines.clone(),
                    );
                }
                return;
            }
            (Required, Required) => return,
            (Required | Default, Opt { .. }) => (
                "response-field-became-optional",
                "request-field-became-optional",
            ),
            (Opt { .. }, Required) => (
                "response-field-became-required",
                "request-field-became-required",
            ),
            (Opt { .. }, Default) => (
                "response-field-became-required",
                "request-field-became-defaulted",
            ),
            (Required, Default) => ("response-field-got-default", "field-default-changed"),
            (Default, Required) => ("field-default-changed", "field-default-changed"),
        };
        self.each(Some(read), Some(sent), subject, &change, lines);
    }
}

fn kind(kind: &ItemKind) -> &'static str {
    match kind {
        ItemKind::Object(_) => "object",
        ItemKind::Enum(_) => "enum",
        ItemKind::Pattern(_) => "string with a pattern",
        ItemKind::Union(_) => "union",
        ItemKind::Alias(_) => "alias",
    }
}

fn quoted(values: &[String]) -> String {
    if values.is_empty() {
        return "none".to_owned();
    }
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The roots' types and the outcomes: bodies that changed type, outcomes
/// added, removed or moved. Outcomes at an error status that come or go
/// are `error-status-result-*`'s.
pub(super) fn compare_roots(
    (old_model, old_spec, old_file): (&Endpoint, &SpecFile, &str),
    (new_model, new_spec, new_file): (&Endpoint, &SpecFile, &str),
) -> Vec<Found> {
    let mut found = Vec::new();
    let body = |model: &Endpoint, ty: &Option<Ty>| {
        ty.as_ref()
            .map_or_else(|| "none".to_owned(), |ty| shape(&model.types, ty))
    };
    for (rule, subject, was, is) in [
        (
            "request-body-changed",
            "request body",
            body(old_model, &old_model.request.json),
            body(new_model, &new_model.request.json),
        ),
        (
            "response-body-changed",
            "response body",
            body(old_model, &old_model.response.body),
            body(new_model, &new_model.response.body),
        ),
    ] {
        if was != is {
            found.push(Found {
                rule,
                item: None,
                subject: subject.to_owned(),
                change: format!("{was} → {is}"),
                old: None,
                new: None,
            });
        }
    }
    let listed = |model: &Endpoint| -> Vec<Outcome> {
        model
            .outcomes
            .iter()
            .flat_map(|o| o.listed.clone())
            .collect()
    };
    let (old_listed, new_listed) = (listed(old_model), listed(new_model));
    let status = |outcome: &Outcome| {
        outcome
            .status
            .map_or_else(|| "2xx".to_owned(), |s| s.to_string())
    };
    let outcome_body = |model: &Endpoint, outcome: &Outcome| {
        if outcome.binary {
            "bytes".to_owned()
        } else {
            body(model, &outcome.body)
        }
    };
    for outcome in &new_listed {
        let subject = format!("outcome `{}`", outcome.name);
        let new_at = outcome_at(new_spec, new_file, outcome);
        let Some(before) = old_listed.iter().find(|o| o.name == outcome.name) else {
            // An error status that became an outcome is told by its status.
            let was_error =
                outcome.at_error_status() && !old_listed.iter().any(|o| o.status == outcome.status);
            if !was_error {
                found.push(Found {
                    rule: "outcome-added",
                    item: None,
                    subject,
                    change: format!(
                        "new, at HTTP {}, body {}",
                        status(outcome),
                        outcome_body(new_model, outcome)
                    ),
                    old: None,
                    new: new_at,
                });
            }
            continue;
        };
        let old_at = outcome_at(old_spec, old_file, before);
        if before.status != outcome.status {
            found.push(Found {
                rule: "outcome-status-changed",
                item: None,
                subject: subject.clone(),
                change: format!("HTTP {} → HTTP {}", status(before), status(outcome)),
                old: old_at.clone(),
                new: new_at.clone(),
            });
        }
        let (was, is) = (
            outcome_body(old_model, before),
            outcome_body(new_model, outcome),
        );
        if was != is {
            found.push(Found {
                rule: "outcome-body-changed",
                item: None,
                subject: subject.clone(),
                change: format!("body {was} → {is}"),
                old: old_at.clone(),
                new: new_at.clone(),
            });
        }
        let headers = |o: &Outcome| {
            o.headers
                .iter()
                .map(|h| format!("{}: {:?} {:?} {:?}", h.field, h.names, h.ty, h.presence))
                .collect::<Vec<_>>()
        };
        if headers(before) != headers(outcome) {
            found.push(Found {
                rule: "outcome-headers-changed",
                item: None,
                subject,
                change: "its header fields differ".to_owned(),
                old: old_at,
                new: new_at,
            });
        }
    }
    for outcome in &old_listed {
        if new_listed.iter().any(|o| o.name == outcome.name) {
            continue;
        }
        let now_error =
            outcome.at_error_status() && !new_listed.iter().any(|o| o.status == outcome.status);
        if !now_error {
            found.push(Found {
                rule: "outcome-removed",
                item: None,
                subject: format!("outcome `{}`", outcome.name),
                change: format!("removed (was at HTTP {})", status(outcome)),
                old: outcome_at(old_spec, old_file, outcome),
                new: None,
            });
        }
    }
    let not_found = |model: &Endpoint| model.outcomes.as_ref().is_some_and(|o| o.not_found);
    if not_found(old_model) != not_found(new_model) {
        let say = |on: bool| {
            if on {
                "a 404 is `None`"
            } else {
                "a 404 is an error"
            }
        };
        found.push(Found {
            rule: "not-found-changed",
            item: None,
            subject: "HTTP 404".to_owned(),
            change: format!(
                "{} → {}",
                say(not_found(old_model)),
                say(not_found(new_model))
            ),
            old: None,
            new: None,
        });
    }
    found
}

/// What the walk reached and the outcomes, as text that names types by
/// their Rust names (not by their place in the type space) and leaves out
/// docs and the outcomes at an error status: equal when nothing a user
/// could tell apart changed.
pub(super) fn fingerprint(types: &Types<'_>, model: &Endpoint) -> Vec<String> {
    let space = types.space;
    let ty = |ty: &Option<Ty>| ty.as_ref().map(|ty| shape(space, ty));
    let mut out: Vec<String> = types
        .order
        .iter()
        .filter(|id| !types.skip_shared || space.get(**id).origin == Origin::Local)
        .map(|id| {
            let item = space.get(*id);
            let kind = match &item.kind {
                ItemKind::Object(fields) => fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{} {:?} {} {} {:?}",
                            f.wire,
                            f.aliases,
                            f.rust,
                            shape(space, &f.ty),
                            f.presence
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                ItemKind::Enum(open) => format!("{open:?}"),
                ItemKind::Pattern(pattern) => pattern.clone(),
                ItemKind::Union(union) => format!(
                    "{:?} {}",
                    union.tag,
                    union
                        .variants
                        .iter()
                        .map(|v| format!("{} {:?} {}", v.name, v.when, shape(space, &v.ty)))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                ItemKind::Alias(alias) => shape(space, alias),
            };
            format!("{}: {kind}", item.name)
        })
        .collect();
    out.sort();
    out.push(format!(
        "{} {:?} {:?}",
        model.version,
        ty(&model.request.json),
        ty(&model.response.body)
    ));
    if let Some(outcomes) = &model.outcomes {
        out.push(format!("not_found {}", outcomes.not_found));
        for outcome in outcomes.listed.iter().filter(|o| !o.at_error_status()) {
            let headers: Vec<String> = outcome
                .headers
                .iter()
                .map(|h| format!("{} {:?} {:?} {:?}", h.field, h.names, h.ty, h.presence))
                .collect();
            out.push(format!(
                "{} {:?} {} {:?} {headers:?}",
                outcome.name,
                outcome.status,
                outcome.binary,
                ty(&outcome.body)
            ));
        }
    }
    out
}
