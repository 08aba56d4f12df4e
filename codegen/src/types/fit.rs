//! Whether a documented JSON body fits its type, checked deeply at compile
//! time: every object, list element, map value and union variant, each
//! misfit reported at the line and column of the spec that holds it.
//!
//! JSON is YAML, so the body's text is read with the same parser as the
//! spec, which knows the position of every value; a body written as a
//! literal block (`body: |`) maps line for line onto the spec file.

use serde_saphyr::Spanned;

use crate::diagnostic::{Collector, Diagnostic, Position};
use crate::types::model::{EnumCase, FieldPresence, ItemKind, Tag, Ty, TypeSpace, Union};
use crate::types::resolve::{anchored, fold_case};
use crate::yaml::Node;
use crate::yaml::position_of;

use crate::wire::{MAX_DURATION_SECS, is_absolute_url, is_base64, is_date, is_datetime, is_uuid};

/// Where a body's text sits in the spec file.
#[derive(Clone, Copy, Debug)]
pub struct Placement {
    /// The position of the body's value in the spec.
    pub at: Option<Position>,
    /// For a literal block: the spec line of the text's first line and the
    /// column of its indentation.
    pub block: Option<(u64, u64)>,
}

impl Placement {
    /// Finds where the text of a `body: |` block sits in `source`; `at` is
    /// where the parser says the value starts (its first line with text).
    pub fn of(source: &str, at: Option<Position>, text: &str) -> Placement {
        let block = at.and_then(|at| {
            // Blank lines at the start of the text come before the line the
            // parser names; the block's header line is above them.
            let skipped = text.lines().position(|l| !l.trim().is_empty())?;
            let line = usize::try_from(at.line).ok()?;
            let header = source.lines().nth(line.checked_sub(2 + skipped)?)?;
            // Without a trailing comment (`body: |  # the documented body`).
            let header = match header.find(" #") {
                Some(at) => &header[..at],
                None => header,
            }
            .trim_end();
            // `key: |`, `key: |-`, `key: |+`, `- |2`: a literal block.
            let indicator = header.rsplit([' ', ':']).next().unwrap_or("");
            let literal = indicator.starts_with('|')
                && indicator[1..]
                    .chars()
                    .all(|c| matches!(c, '-' | '+' | '1'..='9'));
            if !literal {
                return None;
            }
            Some((
                at.line.checked_sub(skipped as u64)?,
                at.column.checked_sub(1)?,
            ))
        });
        Placement { at, block }
    }

    fn map(&self, inner: Option<Position>) -> Option<Position> {
        match (self.block, inner) {
            (Some((line, indent)), Some(inner)) => Some(Position {
                line: line + inner.line - 1,
                column: indent + inner.column,
            }),
            _ => self.at,
        }
    }
}

/// Every way a JSON `text` (one read at run time, such as a body given to
/// or received by the CLI) misfits `ty`, as `line:col: message` with the
/// position in `text` itself; `what` names the body in messages. Empty when
/// it fits.
pub fn misfits(space: &TypeSpace, ty: &Ty, text: &str, what: &str) -> Vec<String> {
    let mut cx = Collector::new("");
    let placement = Placement {
        at: Some(Position { line: 1, column: 1 }),
        block: Some((1, 0)),
    };
    fit_body(&mut cx, space, ty, text, placement, what);
    match cx.finish() {
        Ok(()) => Vec::new(),
        Err(found) => found
            .into_iter()
            .map(|d| match d.position {
                Some(Position { line, column }) => format!("{line}:{column}: {}", d.message),
                None => d.message,
            })
            .collect(),
    }
}

/// One way an answer read at run time misfits its type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerMisfit {
    /// What misfits, at its JSON path (`` `documents[0].id` should be a UUID… ``).
    pub message: String,
    /// The generated client's decoding fails on it. A key the type does
    /// not declare does not fail it (unknown keys are ignored), so it is a
    /// note that the server is ahead of the spec.
    pub fails_decoding: bool,
    /// The JSON path of the value (`documents[0].id`; empty for the body
    /// itself); for a missing field or a key the type does not declare,
    /// the path of that field or key.
    pub path: String,
    /// What kind of misfit it is.
    pub kind: MisfitKind,
}

/// What kind of misfit an [`AnswerMisfit`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MisfitKind {
    /// A value of another type or shape than the spec's (or no JSON).
    WrongType,
    /// `null` where the type is not `nullable`.
    Null,
    /// A field that is not `optional` is missing.
    MissingField,
    /// A key the type does not declare (decoding ignores it).
    UndeclaredKey,
    /// A string that breaks its type's `pattern` (decoding keeps it).
    Pattern,
    /// An enum value the spec does not list (decoding keeps it as
    /// `Unknown`); reported by [`answer_drift`] only.
    UnknownEnumValue,
    /// A union tag that no variant lists (decoding keeps it as `Unknown`);
    /// reported by [`answer_drift`] only.
    UnknownUnionTag,
}

/// Every way a JSON answer `text` misfits `ty`, at JSON paths rather than
/// positions (an answer is often one line), each saying whether the
/// generated client's decoding would fail on it. Empty when it fits.
pub fn answer_misfits(space: &TypeSpace, ty: &Ty, text: &str) -> Vec<AnswerMisfit> {
    answer_fit(space, ty, text, false)
}

/// [`answer_misfits`], and also every enum value and union tag the spec
/// does not list (which decoding keeps as `Unknown`, so they do not fail
/// it): all the ways a server's answer is ahead of, or departs from, the
/// spec, as `verify` reports them.
pub fn answer_drift(space: &TypeSpace, ty: &Ty, text: &str) -> Vec<AnswerMisfit> {
    answer_fit(space, ty, text, true)
}

fn answer_fit(space: &TypeSpace, ty: &Ty, text: &str, open_values: bool) -> Vec<AnswerMisfit> {
    let value = match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => value,
        Err(error) => {
            return vec![AnswerMisfit {
                message: format!("the answer is not JSON: {error}"),
                fails_decoding: true,
                path: String::new(),
                kind: MisfitKind::WrongType,
            }];
        }
    };
    let mut fit = Fit {
        space,
        placement: Placement {
            at: None,
            block: None,
        },
        problems: Vec::new(),
        open_values,
    };
    fit.value(&from_json(&value), ty, "", None);
    fit.problems
        .into_iter()
        .map(|problem| AnswerMisfit {
            message: problem.message,
            fails_decoding: !problem.decodes,
            path: problem.path,
            kind: problem.kind,
        })
        .collect()
}

/// Checks `text` (JSON) against `ty`, reporting each misfit; `what` names
/// the body in messages.
pub(crate) fn fit_body(
    cx: &mut Collector,
    space: &TypeSpace,
    ty: &Ty,
    text: &str,
    placement: Placement,
    what: &str,
) {
    fit_body_with(cx, space, ty, text, placement, what, None);
}

/// [`fit_body`], but a key the types do not declare is put in the list it
/// returns, as a note at its place in the spec, instead of reported: an example that quotes a vendor fixture with more than the
/// model.
pub(crate) fn fit_body_undeclared(
    cx: &mut Collector,
    space: &TypeSpace,
    ty: &Ty,
    text: &str,
    placement: Placement,
    what: &str,
) -> Vec<Diagnostic> {
    let mut undeclared = Vec::new();
    fit_body_with(cx, space, ty, text, placement, what, Some(&mut undeclared));
    undeclared
}

fn fit_body_with(
    cx: &mut Collector,
    space: &TypeSpace,
    ty: &Ty,
    text: &str,
    placement: Placement,
    what: &str,
    mut undeclared: Option<&mut Vec<Diagnostic>>,
) {
    let mut report = |cx: &mut Collector, problem: Problem| match undeclared.as_deref_mut() {
        Some(list) if problem.undeclared => list.push(cx.note(
            problem.at,
            format!("{what} has more than its types: {}", problem.message),
        )),
        _ => cx.error(
            problem.at,
            format!("{what} does not fit: {}", problem.message),
        ),
    };
    if let Err(error) = serde_json::from_str::<serde_json::Value>(text) {
        cx.error(placement.at, format!("{what} is not JSON: {error}"));
        return;
    }
    match crate::tree::read_json(text) {
        Ok(root) => {
            let mut fit = Fit {
                space,
                placement,
                problems: Vec::new(),
                open_values: false,
            };
            fit.value(&root, ty, "", None);
            for problem in fit.problems {
                report(cx, problem);
            }
        }
        Err(_) => {
            // Valid JSON the YAML reader refuses (a duplicate key): check
            // the value without positions.
            let node = from_json(&serde_json::from_str(text).unwrap_or_default());
            let mut fit = Fit {
                space,
                placement: Placement {
                    at: placement.at,
                    block: None,
                },
                problems: Vec::new(),
                open_values: false,
            };
            fit.value(&node, ty, "", None);
            for problem in fit.problems {
                report(cx, problem);
            }
        }
    }
}

fn from_json(value: &serde_json::Value) -> Spanned<Node> {
    use serde_json::Value;
    let node = match value {
        Value::Null => Node::Null,
        Value::Bool(flag) => Node::Bool(*flag),
        Value::Number(number) => match number.as_i64() {
            Some(int) => Node::Integer(int),
            None => Node::Float(number.as_f64().unwrap_or_default()),
        },
        Value::String(text) => Node::String(text.clone()),
        Value::Array(items) => Node::Seq(items.iter().map(from_json).collect()),
        Value::Object(entries) => Node::Map(
            entries
                .iter()
                .map(|(key, value)| (unplaced(key.clone()), from_json(value)))
                .collect(),
        ),
    };
    unplaced(node)
}

fn unplaced<T>(value: T) -> Spanned<T> {
    Spanned {
        value,
        referenced: serde_saphyr::Location::UNKNOWN,
        defined: serde_saphyr::Location::UNKNOWN,
    }
}

struct Fit<'a> {
    space: &'a TypeSpace,
    placement: Placement,
    problems: Vec<Problem>,
    /// Report enum values and union tags the spec does not list.
    open_values: bool,
}

struct Problem {
    at: Option<Position>,
    message: String,
    /// The generated client's decoding still succeeds: a key the type does
    /// not declare (ignored), or a string that breaks its `pattern` (kept
    /// as the server sent it).
    decodes: bool,
    /// A key the type does not declare, which an example may expect
    /// (`undeclared_keys: true`).
    undeclared: bool,
    /// The JSON path it is at.
    path: String,
    kind: MisfitKind,
}

/// `path` joined with a key: `a.b`, or `b` at the root.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn shown(path: &str) -> String {
    if path.is_empty() {
        "the body".to_owned()
    } else {
        format!("`{path}`")
    }
}

impl Fit<'_> {
    fn problem(&mut self, node: &Spanned<Node>, path: &str, message: String) {
        self.problem_of(position_of(node), path, message, false);
    }

    fn problem_of(&mut self, at: Option<Position>, path: &str, message: String, decodes: bool) {
        self.problem_kind(at, path, message, decodes, MisfitKind::WrongType, path);
    }

    /// A problem of `kind`, told at `path`, about the value at `at_path`.
    fn problem_kind(
        &mut self,
        at: Option<Position>,
        path: &str,
        message: String,
        decodes: bool,
        kind: MisfitKind,
        at_path: &str,
    ) {
        let at = self.placement.map(at);
        self.problems.push(Problem {
            at,
            message: format!("{} {message}", shown(path)),
            decodes,
            undeclared: false,
            path: at_path.to_owned(),
            kind,
        });
    }

    /// A map's key against the type of its keys (`keys:`).
    fn key(&mut self, key: &Spanned<String>, ty: &Ty, path: &str) {
        let text = key.value.as_str();
        let expected = match self.space.resolved(ty) {
            Ty::Integer if text.parse::<i64>().is_err() => "a whole number",
            Ty::Uuid if !is_uuid(text) => expectation(&Ty::Uuid),
            Ty::Date if !is_date(text) => expectation(&Ty::Date),
            Ty::Item(id) => {
                if let ItemKind::Pattern(pattern) = &self.space.get(*id).kind {
                    let name = self.space.get(*id).name.clone();
                    self.pattern(position_of(key), text, pattern, &name, path, "has the key");
                }
                return;
            }
            _ => return,
        };
        self.problem_of(
            position_of(key),
            path,
            format!("has the key {}, which should be {expected}", quoted(text)),
            false,
        );
    }

    /// A string of the type `name` against its `pattern`, whole. Decoding
    /// keeps such a string, so in an answer it does not fail decoding.
    fn pattern(
        &mut self,
        at: Option<Position>,
        text: &str,
        pattern: &str,
        name: &str,
        path: &str,
        what: &str,
    ) {
        let fits = regex_lite::Regex::new(&anchored(pattern)).is_ok_and(|re| re.is_match(text));
        if !fits {
            self.problem_kind(
                at,
                path,
                format!(
                    "{what} {}, which does not match the pattern `{pattern}` of `{name}`",
                    quoted(text)
                ),
                true,
                MisfitKind::Pattern,
                path,
            );
        }
    }

    /// `parent`: the object that holds this value, for unions tagged there.
    fn value(
        &mut self,
        node: &Spanned<Node>,
        ty: &Ty,
        path: &str,
        parent: Option<&[(Spanned<String>, Spanned<Node>)]>,
    ) {
        let found = describe(&node.value, matches!(ty, Ty::String { secret: true }));
        let expected = |fit: &mut Self, what: &str| {
            fit.problem(node, path, format!("should be {what}, but is {found}"));
        };
        match (ty, &node.value) {
            (Ty::Nullable(_), Node::Null) | (Ty::Json, _) => {}
            (Ty::Nullable(inner), _) => self.value(node, inner, path, parent),
            (_, Node::Null) => self.problem_kind(
                position_of(node),
                path,
                format!("should be a value (it is not `nullable`), but is {found}"),
                false,
                MisfitKind::Null,
                path,
            ),
            (Ty::String { .. }, Node::String(_))
            | (Ty::Integer, Node::Integer(_))
            | (Ty::Number, Node::Integer(_) | Node::Float(_))
            | (Ty::Boolean, Node::Bool(_)) => {}
            (Ty::DurationSeconds, Node::Integer(seconds))
                if (1..=MAX_DURATION_SECS as i64).contains(seconds) => {}
            (Ty::Url, Node::String(text)) if is_absolute_url(text) => {}
            (Ty::Uuid, Node::String(text)) if is_uuid(text) => {}
            (Ty::DateTime, Node::String(text)) if is_datetime(text) => {}
            (Ty::Date, Node::String(text)) if is_date(text) => {}
            (Ty::Bytes, Node::String(text)) if is_base64(text) => {}
            (Ty::List(inner), Node::Seq(items)) => {
                // A union tagged in the parent is read from the object that
                // holds the list, for every element.
                for (index, item) in items.iter().enumerate() {
                    self.value(item, inner, &format!("{path}[{index}]"), parent);
                }
            }
            (Ty::Map(keys, inner), Node::Map(entries)) => {
                for (key, value) in entries {
                    self.key(key, keys, path);
                    self.value(value, inner, &join(path, &key.value), None);
                }
            }
            (Ty::Item(id), _) => self.item(node, *id, path, parent),
            (ty, _) => expected(self, expectation(ty)),
        }
    }

    fn item(
        &mut self,
        node: &Spanned<Node>,
        id: crate::types::model::ItemId,
        path: &str,
        parent: Option<&[(Spanned<String>, Spanned<Node>)]>,
    ) {
        let item = self.space.get(id);
        match &item.kind {
            ItemKind::Alias(ty) => self.value(node, ty, path, parent),
            ItemKind::Pattern(pattern) => match &node.value {
                Node::String(text) => {
                    let (name, pattern) = (item.name.clone(), pattern.clone());
                    self.pattern(position_of(node), text, &pattern, &name, path, "is");
                }
                other => {
                    let found = describe(other, false);
                    self.problem(
                        node,
                        path,
                        format!("should be a string (`{}`), but is {found}", item.name),
                    );
                }
            },
            ItemKind::Enum(known) => match &node.value {
                Node::String(text) => {
                    let listed = known.values.iter().any(|value| match known.case {
                        EnumCase::Ascii => value.eq_ignore_ascii_case(text),
                        EnumCase::Any => fold_case(value) == fold_case(text),
                    });
                    if self.open_values && !listed {
                        let message = format!(
                            "is {}, a value enum `{}` does not list (kept as `Unknown`)",
                            quoted(text),
                            item.name
                        );
                        self.problem_kind(
                            position_of(node),
                            path,
                            message,
                            true,
                            MisfitKind::UnknownEnumValue,
                            path,
                        );
                    }
                }
                other => {
                    let found = describe(other, false);
                    self.problem(
                        node,
                        path,
                        format!("should be a string (enum `{}`), but is {found}", item.name),
                    );
                }
            },
            ItemKind::Object(fields) => {
                let Node::Map(entries) = &node.value else {
                    let found = describe(&node.value, false);
                    self.problem(
                        node,
                        path,
                        format!("should be an object (`{}`), but is {found}", item.name),
                    );
                    return;
                };
                self.object(node, entries, fields, &item.name, path, None);
            }
            ItemKind::Union(union) => match &union.tag {
                Some(tag) => self.tagged_union(node, &item.name, union, tag, path, parent),
                None => self.untagged_union(node, &item.name, union, path),
            },
        }
    }

    /// A value of the tagged union `name`: the variant its tag selects,
    /// the tag read from the value or (tagged in the parent) from `parent`.
    fn tagged_union(
        &mut self,
        node: &Spanned<Node>,
        name: &str,
        union: &Union,
        tag: &Tag,
        path: &str,
        parent: Option<&[(Spanned<String>, Spanned<Node>)]>,
    ) {
        let source = if tag.in_parent {
            parent
        } else if let Node::Map(entries) = &node.value {
            Some(entries.as_slice())
        } else {
            let found = describe(&node.value, false);
            self.problem(
                node,
                path,
                format!("should be an object (union `{name}`), but is {found}"),
            );
            return;
        };
        let tag_value = source.and_then(|entries| {
            entries.iter().find_map(|(key, value)| match &value.value {
                Node::String(text) if key.value == tag.key => Some(text.clone()),
                _ => None,
            })
        });
        let Some(tag_value) = tag_value else {
            if !tag.in_parent {
                self.problem(
                    node,
                    path,
                    format!(
                        "lacks the string `{}` that says which variant of `{name}` it is",
                        tag.key
                    ),
                );
            }
            return;
        };
        // A tag no variant lists is kept as `Unknown`.
        match union.select(&tag_value) {
            Some(variant) => {
                let skip = (!tag.in_parent).then_some(tag.key.as_str());
                self.variant(node, &variant.ty, path, skip);
            }
            None if self.open_values => {
                let tag_path = if tag.in_parent {
                    // The sibling key: `a.b` is tagged by `a.<key>`.
                    match path.rsplit_once('.') {
                        Some((parent, _)) => join(parent, &tag.key),
                        None => tag.key.clone(),
                    }
                } else {
                    join(path, &tag.key)
                };
                let message = format!(
                    "has the tag {} (`{}`), which no variant of union `{name}` lists (kept as `Unknown`)",
                    quoted(&tag_value),
                    tag.key
                );
                self.problem_kind(
                    position_of(node),
                    path,
                    message,
                    true,
                    MisfitKind::UnknownUnionTag,
                    &tag_path,
                );
            }
            None => {}
        }
    }

    /// A value of the untagged union `name`: it fits when one variant fits,
    /// tried in order; otherwise the first misfit of each.
    fn untagged_union(&mut self, node: &Spanned<Node>, name: &str, union: &Union, path: &str) {
        let mut failures = Vec::new();
        for variant in &union.variants {
            let mut trial = Fit {
                space: self.space,
                placement: self.placement,
                problems: Vec::new(),
                // Whether a variant fits is decided as decoding decides it.
                open_values: false,
            };
            trial.value(node, &variant.ty, path, None);
            match trial.problems.into_iter().next() {
                None => return,
                Some(first) => failures.push(format!("{} ({})", variant.name, first.message)),
            }
        }
        self.problem(
            node,
            path,
            format!("fits no variant of union `{name}`: {}", failures.join("; ")),
        );
    }

    /// A union variant's value; `skip` is the tag key inside it.
    fn variant(&mut self, node: &Spanned<Node>, ty: &Ty, path: &str, skip: Option<&str>) {
        match (ty.bare(), &node.value, skip) {
            (Ty::Item(id), Node::Map(entries), Some(_)) => {
                if let ItemKind::Object(fields) = &self.space.get(*id).kind {
                    let name = self.space.get(*id).name.clone();
                    self.object(node, entries, fields, &name, path, skip);
                    return;
                }
                self.value(node, ty, path, None)
            }
            _ => self.value(node, ty, path, None),
        }
    }

    fn object(
        &mut self,
        node: &Spanned<Node>,
        entries: &[(Spanned<String>, Spanned<Node>)],
        fields: &[crate::types::model::Field],
        name: &str,
        path: &str,
        skip: Option<&str>,
    ) {
        let reads = |field: &crate::types::model::Field, key: &str| {
            field.wire == key || field.aliases.iter().any(|alias| alias == key)
        };
        for field in fields {
            let under: Vec<&Spanned<String>> = entries
                .iter()
                .map(|(key, _)| key)
                .filter(|key| reads(field, &key.value))
                .collect();
            if let [first, second, ..] = under.as_slice() {
                self.problem_of(
                    position_of(second),
                    path,
                    format!(
                        "has both `{}` and `{}`, which are one field `{}` of `{name}` \
                         (`aliases`); decoding refuses a field given twice",
                        first.value, second.value, field.wire
                    ),
                    false,
                );
            }
            if field.presence == FieldPresence::Required && under.is_empty() {
                self.problem_kind(
                    position_of(node),
                    path,
                    format!(
                        "lacks the field `{}` of `{name}`, which is not `optional`",
                        field.wire
                    ),
                    false,
                    MisfitKind::MissingField,
                    &join(path, &field.wire),
                );
            }
        }
        for (key, value) in entries {
            if Some(key.value.as_str()) == skip {
                continue;
            }
            match fields.iter().find(|f| reads(f, &key.value)) {
                Some(field) => self.value(value, &field.ty, &join(path, &key.value), Some(entries)),
                None => {
                    let at = self.placement.map(position_of(key));
                    self.problems.push(Problem {
                        at,
                        message: format!(
                            "{} has the key `{}`, which `{name}` does not declare",
                            shown(path),
                            key.value
                        ),
                        decodes: true,
                        undeclared: true,
                        path: join(path, &key.value),
                        kind: MisfitKind::UndeclaredKey,
                    });
                }
            }
        }
    }
}

fn expectation(ty: &Ty) -> &'static str {
    match ty {
        Ty::String { .. } => "a string",
        Ty::Integer => "a whole number",
        Ty::Number => "a number",
        Ty::Boolean => "true or false",
        Ty::DurationSeconds => "a whole number of seconds from 1 to 315360000",
        Ty::Url => "an absolute URL",
        Ty::Uuid => "a UUID (`a9bc74bd-311b-43f0-aff7-faba24ce35d9`)",
        Ty::DateTime => {
            "a date and time (RFC 3339, or without an offset: `2020-02-26T09:51:08.4636938`)"
        }
        Ty::Date => "a date (`2012-01-01`, or a date-time at midnight without an offset)",
        Ty::Bytes => "base64 text",
        Ty::List(_) => "a list",
        Ty::Map(..) => "an object (a map)",
        Ty::Json | Ty::Nullable(_) | Ty::Item(_) => "a value",
    }
}

/// A string as messages quote it: at most 40 characters.
fn quoted(text: &str) -> String {
    let mut shown: String = text.chars().take(40).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    format!("{shown:?}")
}

/// What a value is, for messages; a secret's value is never shown.
fn describe(node: &Node, secret: bool) -> String {
    match node {
        Node::String(text) if !secret => format!("the string {}", quoted(text)),
        Node::String(_) => "a string".to_owned(),
        Node::Integer(number) => format!("the number {number}"),
        // A whole number read as a float was written with a fraction or an
        // exponent (`1.0`, `1e3`) or is beyond 64 bits: the text is lost,
        // so say so rather than show a rewritten number as the writer's.
        Node::Float(number) if number.fract() == 0.0 => format!(
            "a number written with a fraction or an exponent, or beyond 64-bit integers (about {number:e})"
        ),
        Node::Float(number) => format!("the number {number}"),
        Node::Bool(flag) => format!("{flag}"),
        Node::Null => "null".to_owned(),
        Node::Seq(_) => "a list".to_owned(),
        Node::Map(_) => "an object".to_owned(),
    }
}
