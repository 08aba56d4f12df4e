//! `kontur-extern diff OLD NEW`: each change between two versions of a spec
//! (or of a type file, a service file, a folder; `--git REV` for the working
//! tree against a revision), classified twice: by what it does to Rust code
//! that uses the generated types (source), and to a client built from the
//! old spec talking to a server that follows the new one (wire).
//!
//! Each rule has an id, both verdicts and a reason; the table in
//! `spec/README.md` lists them, and every rule has a test (below, or in
//! `cli/tests/diff.rs` for type files, service files and folders). Version
//! 2's JSON types are compared in `json`, service files in `service`.

use std::fmt::Write as _;
use std::path::Path;

use kontur_extern_codegen::Position;
use kontur_extern_codegen::model::{
    Endpoint, Field, Header, Param, ParamKind, ParamLocation, Presence, Type,
};
use kontur_extern_codegen::spec::{Scalar, SpecFile, position_of};
use kontur_extern_codegen::types::source::NamedNode;

mod git;
mod json;
mod service;

/// A verdict: what a change does to code that uses the generated types
/// (source), or to an old client against a new server (wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Code that compiled may stop compiling, or silently mean another thing.
    Breaking,
    /// Code that compiled still compiles and means the same.
    Compatible,
}

/// One change between the two specs.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Change {
    /// For Rust code that uses the generated types: what the caller builds
    /// and what it reads.
    pub source: Level,
    /// For a client generated from the old spec, against a server that
    /// follows the new one.
    pub wire: Level,
    /// The rule's id, as in the table of `spec/README.md`.
    pub rule: &'static str,
    /// What changed: `request parameter password`, `response field scope`.
    pub subject: String,
    /// The change, old to new.
    pub change: String,
    /// Why it breaks or not, and what to do.
    pub advice: String,
    /// `file:line` of each side, where the item is.
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One version of a spec: its YAML, for positions, and its checked model.
pub struct Side {
    file: String,
    spec: SpecFile,
    model: Endpoint,
    /// The named types of the spec and of its type files (`use:`), each
    /// with the file it is written in, for lines.
    named: Vec<(String, Vec<NamedNode>)>,
    /// Leave out the changes inside the types of type files (a folder's
    /// diff tells them once).
    skip_shared: bool,
}

impl Side {
    /// Reads and checks a spec as the macro does; the problems as text.
    pub fn load(path: &Path) -> Result<Side, String> {
        let file = path.display().to_string();
        // The loader refuses an oversized file unread; only then read it
        // again whole, for the positions. It also reads the type files of
        // `use:`, relative to the spec.
        let loaded = kontur_extern_codegen::load_file(path, &file);
        if let Err(problems) = loaded.problems {
            return Err(problems.to_string());
        }
        let model = loaded
            .endpoint
            .ok_or_else(|| format!("{file}: no endpoint"))?;
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("{file}: cannot read the spec file: {error}"))?;
        let mut spec =
            kontur_extern_codegen::spec::parse(&file, &text).map_err(|p| p.to_string())?;
        let mut named = vec![(file.clone(), std::mem::take(&mut spec.v2.types))];
        // The type files loaded, so they read again; named as the
        // loader names them (relative to the spec, as written).
        for used in &spec.uses {
            let path = path.parent().unwrap_or(Path::new("")).join(&used.value);
            let name = path.display().to_string();
            let types = std::fs::read_to_string(&path)
                .map_err(|error| error.to_string())
                .and_then(|text| parsed_types(&name, text))
                .map_err(|problem| format!("{name}: {problem}"))?;
            named.push((name, types));
        }
        Ok(Side {
            file,
            spec,
            model,
            named,
            skip_shared: false,
        })
    }

    #[cfg(test)]
    fn from_text(file: &str, text: &str) -> Result<Side, String> {
        let loaded = kontur_extern_codegen::load_str(file, text);
        if let Err(problems) = loaded.problems {
            return Err(problems.to_string());
        }
        let model = loaded
            .endpoint
            .ok_or_else(|| format!("{file}: no endpoint"))?;
        let mut spec = kontur_extern_codegen::spec::parse(file, text).map_err(|p| p.to_string())?;
        let named = vec![(file.to_owned(), std::mem::take(&mut spec.v2.types))];
        Ok(Side {
            file: file.to_owned(),
            spec,
            model,
            named,
            skip_shared: false,
        })
    }

    fn at(&self, position: Option<Position>) -> Option<String> {
        position.map(|p| format!("{}:{}", self.file, p.line))
    }

    fn param_at(&self, param: &Param) -> Option<String> {
        let found = self.spec.request.params.iter().find(|spec| {
            spec.name.value == param.name
                && location_name(param.location)
                    == spec.location.as_ref().map_or("body", |l| l.value.as_str())
        });
        self.at(found.and_then(|spec| position_of(&spec.name)))
    }

    fn field_at(&self, name: &str) -> Option<String> {
        let found = self
            .spec
            .response
            .iter()
            .flat_map(|response| &response.fields)
            .find(|f| f.name.value == name);
        self.at(found.and_then(|field| position_of(&field.name)))
    }

    fn header_at(&self, field: &str) -> Option<String> {
        let found = self
            .spec
            .response
            .iter()
            .flat_map(|response| &response.headers)
            .find(|h| h.name.value == field);
        self.at(found.and_then(|header| position_of(&header.name)))
    }
}

fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Body => "body",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
    }
}

fn type_name(ty: &Type, secret: bool) -> String {
    let name = match ty {
        Type::List(inner) => return format!("list of {}", type_name(inner, secret)),
        Type::DateTime => "datetime",
        Type::String => "string",
        Type::Integer => "integer",
        Type::Boolean => "boolean",
        Type::DurationSeconds => "duration_seconds",
        Type::Url => "url",
        Type::Uuid => "uuid",
        Type::Enum(_) => "enum",
    };
    if secret {
        format!("{name} (secret)")
    } else {
        name.to_owned()
    }
}

/// How a caller-set parameter appears in `Request`.
fn presence_name(presence: &Presence) -> &'static str {
    match presence {
        Presence::Required => "required",
        Presence::Optional => "optional",
        Presence::Default(_) => "defaulted",
    }
}

/// Collects changes; `push` keeps the rule table in one place.
struct Report<'a> {
    old: &'a Side,
    new: &'a Side,
    changes: Vec<Change>,
}

impl Report<'_> {
    /// Reports `doc-changed` for `subject` when its doc text differs.
    fn doc(
        &mut self,
        subject: &str,
        (was, is): (&Option<String>, &Option<String>),
        (old, new): (&Option<String>, &Option<String>),
    ) {
        if was != is {
            self.push(
                "doc-changed",
                subject.to_owned(),
                "doc changed".to_owned(),
                old.clone(),
                new.clone(),
            );
        }
    }

    fn push(
        &mut self,
        rule: &'static str,
        subject: String,
        change: String,
        old: Option<String>,
        new: Option<String>,
    ) {
        self.changes
            .push(Change::new(rule, subject, change, old, new));
    }
}

impl Change {
    /// A change by `rule`, with the rule's verdicts and advice.
    fn new(
        rule: &'static str,
        subject: String,
        change: String,
        old: Option<String>,
        new: Option<String>,
    ) -> Change {
        let (source, wire, advice) = rule_meaning(rule);
        Change {
            source,
            wire,
            rule,
            subject,
            change,
            advice: advice.to_owned(),
            old,
            new,
        }
    }
}

/// Every rule: its id, level and what it means for code. The table in
/// `spec/README.md` is this list.
pub const RULES: &[(&str, Level, Level, &str)] = &[
    (
        "body-types-changed",
        Level::Breaking,
        Level::Breaking,
        "the JSON types or outcomes (spec version 2) differ in a way no other rule names (a bug of `diff` to report): compare `kontur-extern expand` of both specs",
    ),
    (
        "endpoint-renamed",
        Level::Breaking,
        Level::Compatible,
        "the module, the endpoint type and the client method are named after the endpoint; rename them in your code",
    ),
    (
        "method-changed",
        Level::Breaking,
        Level::Breaking,
        "the request goes out with another HTTP method; the server's contract changed, so review the calls and tests that rely on it",
    ),
    (
        "path-changed",
        Level::Breaking,
        Level::Breaking,
        "the request goes to another path; check that the base URL you pass still fits",
    ),
    (
        "status-changed",
        Level::Breaking,
        Level::Breaking,
        "`METADATA.success_status` and the documented outcome change; code and tests that compare statuses must follow",
    ),
    (
        "error-status-result-added",
        Level::Breaking,
        Level::Compatible,
        "a status of 400 to 499 that was an error (`Error::Api`, `Error::OAuth2`) is now read as an outcome, a variant of `Response` that the call returns as `Ok` when its body fits: the error handling for that status no longer runs; match the new variant",
    ),
    (
        "error-status-result-removed",
        Level::Breaking,
        Level::Compatible,
        "the outcome at an error status is gone: that status is an error again (`Error::Api`, `Error::OAuth2`), and `Response` loses the variant; move its handling to the error",
    ),
    (
        "base-url-changed",
        Level::Compatible,
        Level::Breaking,
        "only `METADATA.default_base_url` changes; code that passes its own base URL is unaffected",
    ),
    (
        "content-type-changed",
        Level::Compatible,
        Level::Compatible,
        "`METADATA.content_type` changes; decoding does not depend on it",
    ),
    (
        "param-added-required",
        Level::Breaking,
        Level::Breaking,
        "`Required` has one more field; set it where you build the request",
    ),
    (
        "param-added-optional",
        Level::Compatible,
        Level::Compatible,
        "a new `with_…` setter; requests built as before do not send it (or send its default)",
    ),
    (
        "param-added-constant",
        Level::Compatible,
        Level::Breaking,
        "sent with its fixed value by the generated code; nothing to change",
    ),
    (
        "param-removed",
        Level::Breaking,
        Level::Compatible,
        "the field, its setter or its field in `Required` is gone; remove them from your code",
    ),
    (
        "constant-removed",
        Level::Compatible,
        Level::Compatible,
        "the constant is no longer sent; no code names it",
    ),
    (
        "param-became-constant",
        Level::Breaking,
        Level::Breaking,
        "the caller can no longer set it: the field, its setter or its field in `Required` is gone; remove them",
    ),
    (
        "constant-became-param",
        Level::Breaking,
        Level::Compatible,
        "the caller now sets it: a new field, and a new field of `Required` when it is required; pass the old constant value to keep sending it",
    ),
    (
        "param-type-changed",
        Level::Breaking,
        Level::Breaking,
        "the field and its setter or its field in `Required` change type (a secret is a `SecretString`); update the values you pass",
    ),
    (
        "param-secret-changed",
        Level::Breaking,
        Level::Compatible,
        "the parameter becomes or stops being a `SecretString` (its field and setter, or its field in `Required`); the request sends the same text",
    ),
    (
        "param-presence-changed",
        Level::Breaking,
        Level::Breaking,
        "`Required` gains or loses a field, or the field becomes or stops being an `Option`; update the construction",
    ),
    (
        "default-changed",
        Level::Compatible,
        Level::Compatible,
        "requests that do not set it send the new default; code compiles unchanged, but check the behaviour",
    ),
    (
        "constant-changed",
        Level::Compatible,
        Level::Breaking,
        "requests send the new fixed value; code compiles unchanged",
    ),
    (
        "param-moved",
        Level::Compatible,
        Level::Breaking,
        "it travels elsewhere in the request (form, query or header); code compiles unchanged",
    ),
    (
        "enum-value-removed",
        Level::Breaking,
        Level::Compatible,
        "the enum loses a variant; `match` arms and constructors that name it fail to compile (the value now arrives as `Unknown`)",
    ),
    (
        "enum-value-added",
        Level::Breaking,
        Level::Compatible,
        "a new variant of an exhaustive enum (the generated enums are not `#[non_exhaustive]`): a `match` without a wildcard arm needs a new arm, and the value, which arrived as `Unknown`, now arrives as the variant; on the wire the old client keeps it as `Unknown`",
    ),
    (
        "field-added",
        Level::Compatible,
        Level::Compatible,
        "a new public field of `Response`; code that reads the response is unaffected",
    ),
    (
        "field-removed",
        Level::Breaking,
        Level::Breaking,
        "the required field of `Response` is gone: code that reads it fails to compile, and the old client fails to decode answers without it",
    ),
    (
        "field-type-changed",
        Level::Breaking,
        Level::Breaking,
        "the field of `Response` changes type (a secret is a `SecretString`); update the code that reads it",
    ),
    (
        "field-became-optional",
        Level::Breaking,
        Level::Breaking,
        "the field becomes an `Option` (the key may be absent or null); handle `None` where you read it",
    ),
    (
        "field-became-required",
        Level::Breaking,
        Level::Compatible,
        "the field is no longer an `Option`; remove the `None` handling where you read it",
    ),
    (
        "field-absence-changed",
        Level::Compatible,
        Level::Compatible,
        "still an `Option`; only which of absent and `null` the decoder accepts changes",
    ),
    (
        "header-added",
        Level::Compatible,
        Level::Compatible,
        "a new public field of `Response`, read from a header",
    ),
    (
        "header-removed",
        Level::Breaking,
        Level::Breaking,
        "the header field of `Response` is gone; code that reads it fails to compile",
    ),
    (
        "header-type-changed",
        Level::Breaking,
        Level::Breaking,
        "the header field changes type; update the code that reads it",
    ),
    (
        "header-presence-changed",
        Level::Breaking,
        Level::Breaking,
        "the header field becomes or stops being an `Option`; update the code that reads it",
    ),
    (
        "header-names-changed",
        Level::Compatible,
        Level::Breaking,
        "the field is read from other header names; code compiles unchanged",
    ),
    (
        "paging-added",
        Level::Compatible,
        Level::Compatible,
        "a new `{name}_items` method and a call's `items()`, a stream of every item; existing code is unaffected",
    ),
    (
        "paging-removed",
        Level::Breaking,
        Level::Compatible,
        "`{name}_items` and the call's `items()` are gone; read the pages with the endpoint's call",
    ),
    (
        "paging-kind-changed",
        Level::Breaking,
        Level::Breaking,
        "the stream pages by offset instead of a cursor, the other way round, or by a cursor of another type: its type `Pages<'a, Item>` or `Pages<'a, Item, Cursor>` changes, and so does where it starts; update code that names it",
    ),
    (
        "paging-changed",
        Level::Compatible,
        Level::Breaking,
        "the stream follows another parameter or field (a query parameter or a field of the request body), or ends at another answer; code compiles unchanged, but check which pages it reads",
    ),
    (
        "task-added",
        Level::Compatible,
        Level::Compatible,
        "a service's call gets `.wait()` and `.wait_with(policy)`; existing code is unaffected",
    ),
    (
        "task-removed",
        Level::Breaking,
        Level::Compatible,
        "the call's `.wait()` is gone; read the task with the reading endpoint's call (`poll_until`)",
    ),
    (
        "task-reader-changed",
        Level::Breaking,
        Level::Compatible,
        "another endpoint reads the task: `.wait()` returns that endpoint's `Reply`; update code that reads it",
    ),
    (
        "task-changed",
        Level::Compatible,
        Level::Breaking,
        "the task is named by another field or parameter, or runs while its state has other values; code compiles unchanged, but check when `.wait()` ends",
    ),
    (
        "chunks-added",
        Level::Compatible,
        Level::Compatible,
        "the service's group gets `<method>_from(…, source, total)`, an upload in chunks; existing code is unaffected",
    ),
    (
        "chunks-removed",
        Level::Breaking,
        Level::Compatible,
        "the group's `<method>_from` is gone; send the chunks with the two endpoints' calls",
    ),
    (
        "chunks-changed",
        Level::Compatible,
        Level::Breaking,
        "the chunks go to another endpoint, in another header, with the id in another field or parameter, up to another size, or end at another outcome; code compiles unchanged, but check what the upload sends",
    ),
    (
        "body-reading-changed",
        Level::Compatible,
        Level::Compatible,
        "the JSON types differ only in how answers are read: a field's `aliases`, an enum's `case` or a union variant's `when_prefix` (spec version 2); code compiles unchanged, but decoding accepts other spellings, or picks another variant for some tags, than before",
    ),
    (
        "response-field-added-optional",
        Level::Compatible,
        Level::Compatible,
        "a received type gains an `Option` field; code that reads it is unaffected, and the old client ignores the key (code that builds the type, such as tests' struct literals, must add the field)",
    ),
    (
        "response-field-added-required",
        Level::Compatible,
        Level::Compatible,
        "a received type gains a field that is always there; code that reads it is unaffected and the old client ignores the key, but code that builds the type (struct literals, tests) must set it",
    ),
    (
        "request-field-added-optional",
        Level::Breaking,
        Level::Compatible,
        "a type the caller builds gains an `Option` field: struct literals must name it (`None` keeps the old request); the old client leaves the key out, which the server accepts",
    ),
    (
        "request-field-added-required",
        Level::Breaking,
        Level::Breaking,
        "a type the caller builds gains a required field: set it where you build the value; the old client does not send it, and the server requires it",
    ),
    (
        "response-field-removed-optional",
        Level::Breaking,
        Level::Compatible,
        "a received type loses an `Option` field: code that reads it fails to compile; the old client reads its absence as `None`",
    ),
    (
        "response-field-removed-required",
        Level::Breaking,
        Level::Breaking,
        "a received type loses a field the old client requires: code that reads it fails to compile, and the old client fails to decode answers without it",
    ),
    (
        "request-field-removed",
        Level::Breaking,
        Level::Compatible,
        "a type the caller builds loses a field: remove it where you build the value; the old client still sends the key, which a server that follows the new spec does not read",
    ),
    (
        "field-renamed-in-rust",
        Level::Breaking,
        Level::Compatible,
        "the same JSON key under another Rust field name (`rust_name`): rename it in your code; the wire is unchanged",
    ),
    (
        "field-renamed-on-wire",
        Level::Compatible,
        Level::Breaking,
        "the Rust field stays, its JSON key changes: code compiles unchanged, but the old client writes or looks for the old key",
    ),
    (
        "json-field-type-changed",
        Level::Breaking,
        Level::Breaking,
        "the field's type changes (a list's items, a map's keys or values, another named type): update the code that builds or reads it; the old client cannot read or write the new shape",
    ),
    (
        "field-type-renamed",
        Level::Breaking,
        Level::Compatible,
        "the field's type is another named type of the same JSON shape (the same keys, presence, values and types, whatever they are called): code that names the old type needs the new name; the wire is unchanged",
    ),
    (
        "field-secret-changed",
        Level::Breaking,
        Level::Compatible,
        "the field becomes or stops being a `SecretString`; the JSON is the same",
    ),
    (
        "response-field-became-optional",
        Level::Breaking,
        Level::Breaking,
        "a received field becomes an `Option` (it may be absent or `null`): handle `None` where you read it; the old client fails to decode answers without it",
    ),
    (
        "response-field-became-required",
        Level::Breaking,
        Level::Compatible,
        "a received field is no longer an `Option` (always there, or its default when absent): remove the `None` handling; the old client still reads it",
    ),
    (
        "response-field-got-default",
        Level::Compatible,
        Level::Breaking,
        "a received required field gets a default for when it is absent: code compiles unchanged, but the old client fails to decode answers without it",
    ),
    (
        "request-field-became-optional",
        Level::Breaking,
        Level::Compatible,
        "a field the caller builds becomes an `Option`: wrap the value in `Some`; the old client always sends it",
    ),
    (
        "request-field-became-required",
        Level::Breaking,
        Level::Breaking,
        "a field the caller builds is no longer an `Option`: set it; the old client may leave it out, which the server refuses",
    ),
    (
        "request-field-became-defaulted",
        Level::Breaking,
        Level::Compatible,
        "a field the caller builds is no longer an `Option` but has a default: set it; the old client may leave it out, and the server then uses the default",
    ),
    (
        "field-default-changed",
        Level::Compatible,
        Level::Compatible,
        "the value used when the key is absent changes, or a required field gets or loses a default that the caller always sends; code compiles unchanged, but check the behaviour",
    ),
    (
        "request-enum-value-removed",
        Level::Breaking,
        Level::Breaking,
        "a value the caller may send is gone: the variant is gone (code that names it fails to compile), and the old client may still send it, which the server refuses",
    ),
    (
        "pattern-changed",
        Level::Compatible,
        Level::Breaking,
        "a string type's `pattern` changes: code compiles unchanged, but values the caller builds are checked against the new pattern, and the old client may send values the server refuses",
    ),
    (
        "union-variant-added",
        Level::Breaking,
        Level::Compatible,
        "a union gains a variant: a `match` without a wildcard arm needs a new arm; the old client reads it, when tagged, as `Unknown`, and never sends it",
    ),
    (
        "untagged-variant-added",
        Level::Breaking,
        Level::Breaking,
        "a received untagged union gains a variant: a `match` needs a new arm, and the old client, which tells variants apart by shape, fails to decode the new one",
    ),
    (
        "union-variant-removed",
        Level::Breaking,
        Level::Compatible,
        "a received union loses a variant: code that names it fails to compile; the old client just never sees it",
    ),
    (
        "request-union-variant-removed",
        Level::Breaking,
        Level::Breaking,
        "a union the caller builds loses a variant: code that names it fails to compile, and the old client may still send it, which the server refuses",
    ),
    (
        "union-variant-type-changed",
        Level::Breaking,
        Level::Breaking,
        "a union variant holds another type: update the code that builds or reads it; the old client cannot read the new shape",
    ),
    (
        "union-tag-changed",
        Level::Compatible,
        Level::Breaking,
        "the union is told apart by another key or untagged: code compiles unchanged, but the old client looks for the old tag",
    ),
    (
        "union-when-changed",
        Level::Compatible,
        Level::Breaking,
        "other tag values select a variant: code compiles unchanged, but the old client reads the other values as another variant or `Unknown`",
    ),
    (
        "type-changed",
        Level::Breaking,
        Level::Breaking,
        "a generated type becomes another kind of type (an object an enum, a named type another type): update the code that uses it; the old client cannot read the new shape",
    ),
    (
        "request-body-changed",
        Level::Breaking,
        Level::Breaking,
        "the request body is another type: update the code that builds it; the old client sends the old shape",
    ),
    (
        "response-body-changed",
        Level::Breaking,
        Level::Breaking,
        "the response body is another type: update the code that reads it; the old client cannot read the new shape",
    ),
    (
        "outcome-added",
        Level::Breaking,
        Level::Breaking,
        "`Response` gains a variant: a `match` without a wildcard arm needs a new arm; the old client reads the new outcome's status as an error or as another outcome",
    ),
    (
        "outcome-removed",
        Level::Breaking,
        Level::Compatible,
        "`Response` loses a variant: remove its arm; the old client just never sees it",
    ),
    (
        "outcome-status-changed",
        Level::Compatible,
        Level::Breaking,
        "the outcome is read at another status: code compiles unchanged, but the old client reads the new status as an error or another outcome",
    ),
    (
        "outcome-body-changed",
        Level::Breaking,
        Level::Breaking,
        "the outcome's body is another type, or bytes instead of JSON: update the code that reads it; the old client cannot read the new body",
    ),
    (
        "outcome-headers-changed",
        Level::Breaking,
        Level::Breaking,
        "the outcome's header fields differ (added, removed, renamed or retyped): update the code that reads them",
    ),
    (
        "not-found-changed",
        Level::Breaking,
        Level::Breaking,
        "a 404 with the API's error body is now `None` (or no longer): the call's return type gains or loses an `Option`, and the old client reads the 404 the old way",
    ),
    (
        "service-renamed",
        Level::Breaking,
        Level::Compatible,
        "the service's client type is renamed: update the code that names it",
    ),
    (
        "group-added",
        Level::Compatible,
        Level::Compatible,
        "a new group of methods (`api.group()`); existing code is unaffected",
    ),
    (
        "group-removed",
        Level::Breaking,
        Level::Breaking,
        "the group and its methods are gone from the client, and the server no longer documents them",
    ),
    (
        "group-renamed",
        Level::Breaking,
        Level::Compatible,
        "the same methods under another group accessor: rename `api.old()` in your code; the requests are the same",
    ),
    (
        "method-added",
        Level::Compatible,
        Level::Compatible,
        "a new method of a group; existing code is unaffected",
    ),
    (
        "method-removed",
        Level::Breaking,
        Level::Breaking,
        "the method is gone from its group, and the server no longer documents the call",
    ),
    (
        "method-renamed",
        Level::Breaking,
        Level::Compatible,
        "the same spec under another method name: rename the call in your code; the request is the same",
    ),
    (
        "bind-changed",
        Level::Breaking,
        Level::Compatible,
        "the group's accessor takes other parameters once for every method (`api.drafts(account_id)`), and its methods take the rest: update the calls; the requests are the same",
    ),
    (
        "group-moved",
        Level::Breaking,
        Level::Compatible,
        "the group is reached another way (`under` or `accessor` changed: `api.docflows(a).documents(d)` instead of `api.docflow_documents(a, d)`): update the calls; the requests are the same",
    ),
    (
        "endpoint-added",
        Level::Compatible,
        Level::Compatible,
        "a folder gains a spec: a new endpoint, nothing existing changes",
    ),
    (
        "endpoint-removed",
        Level::Breaking,
        Level::Breaking,
        "a folder loses a spec: its endpoint, client method and types are gone, and the server no longer documents the call",
    ),
    (
        "type-added",
        Level::Compatible,
        Level::Compatible,
        "a type file gains a named type; nothing uses it yet",
    ),
    (
        "type-removed",
        Level::Breaking,
        Level::Compatible,
        "a type file loses a named type: code that names it fails to compile (and so do specs that use it)",
    ),
    (
        "module-renamed",
        Level::Breaking,
        Level::Compatible,
        "the module `types!` generates is renamed: update the paths that name it",
    ),
    (
        "doc-changed",
        Level::Compatible,
        Level::Compatible,
        "documentation only",
    ),
    (
        "examples-changed",
        Level::Compatible,
        Level::Compatible,
        "`Endpoint::examples()` and the replay server change; tests that replay the examples may need new values",
    ),
];

pub(crate) fn rule_meaning(rule: &str) -> (Level, Level, &'static str) {
    RULES
        .iter()
        .find(|(id, _, _, _)| *id == rule)
        .map(|(_, source, wire, advice)| (*source, *wire, *advice))
        .unwrap_or((Level::Breaking, Level::Breaking, "an unknown rule (a bug)"))
}

/// Every change from `old` to `new`, in spec order.
pub fn changes(old: &Side, new: &Side) -> Vec<Change> {
    let mut report = Report {
        old,
        new,
        changes: Vec::new(),
    };
    endpoint_changes(&mut report);
    param_changes(&mut report);
    field_changes(&mut report);
    header_changes(&mut report);
    body_type_changes(&mut report);
    error_status_result_changes(&mut report);
    paging_changes(&mut report);
    task_changes(&mut report);
    chunks_changes(&mut report);
    example_changes(&mut report);
    report.changes
}

/// `paging:`, added, removed, of another kind or following other names.
fn paging_changes(report: &mut Report<'_>) {
    use kontur_extern_codegen::model::{CursorEnd, Paging, PagingKind};
    let (old_side, new_side) = (report.old, report.new);
    let at = |side: &Side| {
        side.spec
            .paging
            .as_ref()
            .and_then(|paging| side.at(position_of(&paging.items)))
    };
    let describe = |paging: &Paging| match &paging.kind {
        PagingKind::Skip { skip, total, .. } => {
            format!(
                "by offset (`{skip}`, total `{total}`), items `{}`",
                paging.items
            )
        }
        PagingKind::Body(body) => format!(
            "by offset in the request body (`{}`, `{}`, {}), items `{}`",
            body.skip,
            body.take,
            body.total
                .as_ref()
                .map_or_else(|| "no total".to_owned(), |total| format!("total `{total}`")),
            paging.items
        ),
        PagingKind::Cursor(cursor) => format!(
            "by {} cursor `{}` from `{}`, ending at {}, items `{}`",
            type_name(&cursor.ty, false),
            cursor.param,
            cursor.next,
            match cursor.ends {
                CursorEnd::Absent => "`absent`",
                CursorEnd::Same => "`same`",
                CursorEnd::Empty => "`empty`",
            },
            paging.items
        ),
    };
    // What the stream's type names: the kind, and a cursor's type. Offset
    // paging in the query and in the body give the same `Pages<'a, Item>`:
    // a move between the two is `paging-changed`.
    let shape = |paging: &Paging| match &paging.kind {
        PagingKind::Skip { .. } | PagingKind::Body(_) => None,
        PagingKind::Cursor(cursor) => Some(cursor.ty.clone()),
    };
    let rule = match (&old_side.model.paging, &new_side.model.paging) {
        (None, None) => return,
        (None, Some(_)) => "paging-added",
        (Some(_), None) => "paging-removed",
        (Some(old), Some(new)) if shape(old) != shape(new) => "paging-kind-changed",
        (Some(old), Some(new)) if describe(old) != describe(new) => "paging-changed",
        (Some(_), Some(_)) => return,
    };
    let name = |paging: &Option<Paging>| {
        paging
            .as_ref()
            .map_or_else(|| "no paging".to_owned(), describe)
    };
    report.push(
        rule,
        "paging".to_owned(),
        format!(
            "{} → {}",
            name(&old_side.model.paging),
            name(&new_side.model.paging)
        ),
        at(old_side),
        at(new_side),
    );
}

/// `task:`, added, removed, read by another spec, or linked otherwise.
fn task_changes(report: &mut Report<'_>) {
    use kontur_extern_codegen::model::Task;
    let (old_side, new_side) = (report.old, report.new);
    let at = |side: &Side| {
        side.spec
            .task
            .as_ref()
            .and_then(|task| side.at(position_of(&task.read)))
    };
    let describe = |task: &Task| {
        format!(
            "read by `{}` (its `{}` from `{}`), running while `{}` is {}",
            task.read,
            task.param,
            task.id,
            task.state,
            task.running
                .iter()
                .map(|value| format!("`{value}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        )
    };
    let rule = match (&old_side.model.task, &new_side.model.task) {
        (None, None) => return,
        (None, Some(_)) => "task-added",
        (Some(_), None) => "task-removed",
        (Some(old), Some(new)) if old.read != new.read => "task-reader-changed",
        (Some(old), Some(new)) if describe(old) != describe(new) => "task-changed",
        (Some(_), Some(_)) => return,
    };
    let name = |task: &Option<Task>| task.as_ref().map_or_else(|| "no task".to_owned(), describe);
    report.push(
        rule,
        "task".to_owned(),
        format!(
            "{} → {}",
            name(&old_side.model.task),
            name(&new_side.model.task)
        ),
        at(old_side),
        at(new_side),
    );
}

/// `chunks:`, added, removed, or linked otherwise.
fn chunks_changes(report: &mut Report<'_>) {
    use kontur_extern_codegen::model::Chunks;
    let (old_side, new_side) = (report.old, report.new);
    let at = |side: &Side| {
        side.spec
            .chunks
            .as_ref()
            .and_then(|chunks| side.at(position_of(&chunks.next)))
    };
    let describe = |chunks: &Chunks| {
        format!(
            "first here, the others to `{}` (its `{}` from `{}`), each in `{}`{}, until `{}`",
            chunks.next,
            chunks.param,
            chunks.id,
            chunks.range,
            chunks
                .max
                .map(|max| format!(" of at most {max} bytes"))
                .unwrap_or_default(),
            chunks.complete,
        )
    };
    let rule = match (&old_side.model.chunks, &new_side.model.chunks) {
        (None, None) => return,
        (None, Some(_)) => "chunks-added",
        (Some(_), None) => "chunks-removed",
        (Some(old), Some(new)) if describe(old) != describe(new) => "chunks-changed",
        (Some(_), Some(_)) => return,
    };
    let name = |chunks: &Option<Chunks>| {
        chunks
            .as_ref()
            .map_or_else(|| "no chunks".to_owned(), describe)
    };
    report.push(
        rule,
        "chunks".to_owned(),
        format!(
            "{} → {}",
            name(&old_side.model.chunks),
            name(&new_side.model.chunks)
        ),
        at(old_side),
        at(new_side),
    );
}

/// Version 2's JSON types and outcomes, field by field (see `json`); what
/// no rule names but still differs is one `body-types-changed`, so that no
/// difference goes untold.
fn body_type_changes(report: &mut Report<'_>) {
    let (old_side, new_side) = (report.old, report.new);
    let (old, new) = (&old_side.model, &new_side.model);
    fn walk(side: &Side) -> json::Types<'_> {
        json::Types::walk(
            &side.model.types,
            &side.named,
            json::endpoint_roots(&side.model, &side.spec, &side.file),
        )
    }
    let (mut old_types, mut new_types) = (walk(old_side), walk(new_side));
    old_types.skip_shared = old_side.skip_shared;
    new_types.skip_shared = new_side.skip_shared;
    let mut found = json::compare_roots(
        (old, &old_side.spec, &old_side.file),
        (new, &new_side.spec, &new_side.file),
    );
    found.extend(json::compare(&old_types, &new_types));
    let told = !found.is_empty();
    for change in found {
        report.push(
            change.rule,
            change.subject,
            change.change,
            change.old,
            change.new,
        );
    }
    if !told && json::fingerprint(&old_types, old) != json::fingerprint(&new_types, new) {
        let count = |model: &Endpoint| model.types.items.len();
        report.push(
            "body-types-changed",
            "JSON body types and outcomes".to_owned(),
            format!(
                "version {} with {} generated types → version {} with {}",
                old.version,
                count(old),
                new.version,
                count(new)
            ),
            None,
            None,
        );
    }
}

/// Outcomes at an error status (400 to 499), matched by status: one added
/// makes an error a result, one removed a result an error (`json` leaves
/// these out of `outcome-added` and `outcome-removed`). Their body types are
/// compared as any outcome's.
fn error_status_result_changes(report: &mut Report<'_>) {
    fn results(side: &Side) -> Vec<(u16, String)> {
        side.model
            .outcomes
            .iter()
            .flat_map(|outcomes| &outcomes.listed)
            .filter(|outcome| outcome.at_error_status())
            .filter_map(|outcome| Some((outcome.status?, outcome.name.clone())))
            .collect()
    }
    fn at(side: &Side, status: u16) -> Option<String> {
        let found =
            side.spec.responses.iter().find(
                |o| matches!(o.status.value, Scalar::Integer(code) if code == i64::from(status)),
            );
        side.at(found.and_then(|outcome| position_of(&outcome.status)))
    }
    let (old, new) = (results(report.old), results(report.new));
    for (status, name) in &new {
        if !old.iter().any(|(was, _)| was == status) {
            let new_at = at(report.new, *status);
            report.push(
                "error-status-result-added",
                format!("HTTP {status}"),
                format!("an error → outcome `{name}`"),
                None,
                new_at,
            );
        }
    }
    for (status, name) in &old {
        if !new.iter().any(|(is, _)| is == status) {
            let old_at = at(report.old, *status);
            report.push(
                "error-status-result-removed",
                format!("HTTP {status}"),
                format!("outcome `{name}` → an error"),
                old_at,
                None,
            );
        }
    }
}

fn endpoint_changes(report: &mut Report<'_>) {
    let (old_side, new_side) = (report.old, report.new);
    let (old, new) = (&old_side.model, &new_side.model);
    let (old_spec, new_spec) = (&old_side.spec, &new_side.spec);
    let at = |side: &Side, spanned: &serde_saphyr::Spanned<String>| side.at(position_of(spanned));
    let mut simple = |rule, subject: &str, was: String, is: String, old_at, new_at| {
        if was != is {
            report.push(
                rule,
                subject.to_owned(),
                format!("{was} → {is}"),
                old_at,
                new_at,
            );
        }
    };
    simple(
        "endpoint-renamed",
        "endpoint name",
        old.name.clone(),
        new.name.clone(),
        at(old_side, &old_spec.endpoint.name),
        at(new_side, &new_spec.endpoint.name),
    );
    simple(
        "method-changed",
        "method",
        old.method.as_str().to_owned(),
        new.method.as_str().to_owned(),
        at(old_side, &old_spec.endpoint.method),
        at(new_side, &new_spec.endpoint.method),
    );
    simple(
        "path-changed",
        "path",
        old.path.clone(),
        new.path.clone(),
        at(old_side, &old_spec.endpoint.path),
        at(new_side, &new_spec.endpoint.path),
    );
    simple(
        "status-changed",
        "success status",
        old.response.status.to_string(),
        new.response.status.to_string(),
        old_side.at(old_spec
            .response
            .as_ref()
            .and_then(|r| position_of(&r.status))),
        new_side.at(new_spec
            .response
            .as_ref()
            .and_then(|r| position_of(&r.status))),
    );
    simple(
        "base-url-changed",
        "base URL",
        old.base_url.clone(),
        new.base_url.clone(),
        at(old_side, &old_spec.endpoint.base_url),
        at(new_side, &new_spec.endpoint.base_url),
    );
    simple(
        "content-type-changed",
        "content type",
        old.response.content_type.clone(),
        new.response.content_type.clone(),
        old_side.at(old_spec
            .response
            .as_ref()
            .and_then(|r| position_of(&r.content_type))),
        new_side.at(new_spec
            .response
            .as_ref()
            .and_then(|r| position_of(&r.content_type))),
    );
    for (what, was, is) in [
        ("summary", Some(&old.summary), Some(&new.summary)),
        ("doc", old.doc.as_ref(), new.doc.as_ref()),
        ("docs_url", old.docs_url.as_ref(), new.docs_url.as_ref()),
    ] {
        if was != is {
            report.push(
                "doc-changed",
                format!("endpoint {what}"),
                "text changed".to_owned(),
                None,
                None,
            );
        }
    }
}

/// A caller-set parameter's type, secrecy and presence.
fn caller(param: &Param) -> Option<(&Type, bool, &Presence)> {
    match &param.kind {
        ParamKind::Caller {
            ty,
            secret,
            presence,
        } => Some((ty, *secret, presence)),
        ParamKind::Constant(_) => None,
    }
}

fn param_changes(report: &mut Report<'_>) {
    let (old_side, new_side) = (report.old, report.new);
    let (old, new) = (&old_side.model, &new_side.model);
    let same = |a: &Param, b: &Param| a.name == b.name;
    for param in &new.request.params {
        let subject = format!("request parameter `{}`", param.name);
        let new_at = new_side.param_at(param);
        let Some(before) = old.request.params.iter().find(|p| same(p, param)) else {
            let rule = match caller(param) {
                None => "param-added-constant",
                Some((_, _, Presence::Required)) => "param-added-required",
                Some(_) => "param-added-optional",
            };
            report.push(rule, subject, "new".to_owned(), None, new_at);
            continue;
        };
        let old_at = old_side.param_at(before);
        if before.location != param.location {
            report.push(
                "param-moved",
                subject.clone(),
                format!(
                    "{} → {}",
                    location_name(before.location),
                    location_name(param.location)
                ),
                old_at.clone(),
                new_at.clone(),
            );
        }
        report.doc(&subject, (&before.doc, &param.doc), (&old_at, &new_at));
        match (&before.kind, &param.kind) {
            (ParamKind::Constant(was), ParamKind::Constant(is)) => {
                if was != is {
                    report.push(
                        "constant-changed",
                        subject,
                        format!("`{}` → `{}`", was.to_wire(), is.to_wire()),
                        old_at,
                        new_at,
                    );
                }
            }
            (ParamKind::Caller { .. }, ParamKind::Constant(is)) => report.push(
                "param-became-constant",
                subject,
                format!("set by the caller → always `{}`", is.to_wire()),
                old_at,
                new_at,
            ),
            (ParamKind::Constant(was), ParamKind::Caller { presence, .. }) => report.push(
                "constant-became-param",
                subject,
                format!(
                    "always `{}` → {} and set by the caller",
                    was.to_wire(),
                    presence_name(presence)
                ),
                old_at,
                new_at,
            ),
            (
                ParamKind::Caller {
                    ty: old_ty,
                    secret: old_secret,
                    presence: old_presence,
                },
                ParamKind::Caller {
                    ty: new_ty,
                    secret: new_secret,
                    presence: new_presence,
                },
            ) => {
                compare_types(
                    report,
                    "param-type-changed",
                    &subject,
                    (old_ty, *old_secret),
                    (new_ty, *new_secret),
                    (&old_at, &new_at),
                );
                if presence_name(old_presence) != presence_name(new_presence) {
                    report.push(
                        "param-presence-changed",
                        subject.clone(),
                        format!(
                            "{} → {}",
                            presence_name(old_presence),
                            presence_name(new_presence)
                        ),
                        old_at.clone(),
                        new_at.clone(),
                    );
                } else if let (Presence::Default(was), Presence::Default(is)) =
                    (old_presence, new_presence)
                    && was != is
                {
                    report.push(
                        "default-changed",
                        subject,
                        format!("`{}` → `{}`", was.to_wire(), is.to_wire()),
                        old_at,
                        new_at,
                    );
                }
            }
        }
    }
    for param in &old.request.params {
        if !new.request.params.iter().any(|p| same(p, param)) {
            let rule = match caller(param) {
                None => "constant-removed",
                Some(_) => "param-removed",
            };
            report.push(
                rule,
                format!("request parameter `{}`", param.name),
                "removed".to_owned(),
                old_side.param_at(param),
                None,
            );
        }
    }
    // Their order is not compared: `Request::new` takes the required
    // parameters as the named fields of `Required`, so no reorder can swap
    // them (a test below says so).
}

/// Reports a type change, or the enum values that came and went.
fn compare_types(
    report: &mut Report<'_>,
    rule: &'static str,
    subject: &str,
    (old_ty, old_secret): (&Type, bool),
    (new_ty, new_secret): (&Type, bool),
    (old_at, new_at): (&Option<String>, &Option<String>),
) {
    if let (Type::Enum(was), Type::Enum(is)) = (old_ty, new_ty) {
        // A parameter's value is sent, a field's or header's read.
        let removed = if rule == "param-type-changed" {
            "request-enum-value-removed"
        } else {
            "enum-value-removed"
        };
        for value in was.iter().filter(|v| !is.contains(v)) {
            report.push(
                removed,
                subject.to_owned(),
                format!("value `{value}` removed"),
                old_at.clone(),
                new_at.clone(),
            );
        }
        for value in is.iter().filter(|v| !was.contains(v)) {
            report.push(
                "enum-value-added",
                subject.to_owned(),
                format!("value `{value}` added"),
                old_at.clone(),
                new_at.clone(),
            );
        }
        return;
    }
    if old_ty != new_ty || old_secret != new_secret {
        // Only the secrecy: the Rust type changes, the wire does not.
        let rule = match rule {
            "param-type-changed" if old_ty == new_ty => "param-secret-changed",
            "field-type-changed" if old_ty == new_ty => "field-secret-changed",
            other => other,
        };
        report.push(
            rule,
            subject.to_owned(),
            format!(
                "{} → {}",
                type_name(old_ty, old_secret),
                type_name(new_ty, new_secret)
            ),
            old_at.clone(),
            new_at.clone(),
        );
    }
}

fn field_changes(report: &mut Report<'_>) {
    let (old_side, new_side) = (report.old, report.new);
    let (old, new) = (&old_side.model, &new_side.model);
    let optional = |field: &Field| field.optional || field.nullable;
    let absence = |field: &Field| match (field.optional, field.nullable) {
        (false, false) => "required",
        (true, false) => "optional",
        (false, true) => "nullable",
        (true, true) => "optional and nullable",
    };
    for field in &new.response.fields {
        let subject = format!("response field `{}`", field.name);
        let new_at = new_side.field_at(&field.name);
        let Some(before) = old.response.fields.iter().find(|f| f.name == field.name) else {
            report.push("field-added", subject, "new".to_owned(), None, new_at);
            continue;
        };
        let old_at = old_side.field_at(&before.name);
        compare_types(
            report,
            "field-type-changed",
            &subject,
            (&before.ty, before.secret),
            (&field.ty, field.secret),
            (&old_at, &new_at),
        );
        let change = format!("{} → {}", absence(before), absence(field));
        match (optional(before), optional(field)) {
            (false, true) => report.push(
                "field-became-optional",
                subject.clone(),
                change,
                old_at.clone(),
                new_at.clone(),
            ),
            (true, false) => report.push(
                "field-became-required",
                subject.clone(),
                change,
                old_at.clone(),
                new_at.clone(),
            ),
            _ if absence(before) != absence(field) => report.push(
                "field-absence-changed",
                subject.clone(),
                change,
                old_at.clone(),
                new_at.clone(),
            ),
            _ => {}
        }
        report.doc(&subject, (&before.doc, &field.doc), (&old_at, &new_at));
    }
    for field in &old.response.fields {
        if !new.response.fields.iter().any(|f| f.name == field.name) {
            // The old client needs a required field, not an `Option`.
            let (rule, change) = if optional(field) {
                (
                    "response-field-removed-optional",
                    format!("{} field removed", absence(field)),
                )
            } else {
                ("field-removed", "removed".to_owned())
            };
            report.push(
                rule,
                format!("response field `{}`", field.name),
                change,
                old_side.field_at(&field.name),
                None,
            );
        }
    }
}

fn header_changes(report: &mut Report<'_>) {
    let (old_side, new_side) = (report.old, report.new);
    let (old, new) = (&old_side.model, &new_side.model);
    let is_option = |header: &Header| matches!(header.presence, Presence::Optional);
    for header in &new.response.headers {
        let subject = format!("response header field `{}`", header.field);
        let new_at = new_side.header_at(&header.field);
        let Some(before) = old
            .response
            .headers
            .iter()
            .find(|h| h.field == header.field)
        else {
            report.push("header-added", subject, "new".to_owned(), None, new_at);
            continue;
        };
        let old_at = old_side.header_at(&before.field);
        compare_types(
            report,
            "header-type-changed",
            &subject,
            (&before.ty, false),
            (&header.ty, false),
            (&old_at, &new_at),
        );
        if is_option(before) != is_option(header) {
            report.push(
                "header-presence-changed",
                subject.clone(),
                format!(
                    "{} → {}",
                    presence_name(&before.presence),
                    presence_name(&header.presence)
                ),
                old_at.clone(),
                new_at.clone(),
            );
        }
        if before.names != header.names {
            report.push(
                "header-names-changed",
                subject.clone(),
                format!("{} → {}", before.names.join(", "), header.names.join(", ")),
                old_at.clone(),
                new_at.clone(),
            );
        }
        report.doc(&subject, (&before.doc, &header.doc), (&old_at, &new_at));
    }
    for header in &old.response.headers {
        if !new.response.headers.iter().any(|h| h.field == header.field) {
            report.push(
                "header-removed",
                format!("response header field `{}`", header.field),
                "removed".to_owned(),
                old_side.header_at(&header.field),
                None,
            );
        }
    }
}

fn example_changes(report: &mut Report<'_>) {
    let (old, new) = (&report.old.model.examples, &report.new.model.examples);
    // The undeclared keys an example shows are found with the types, whose
    // changes their own rules report: compared apart from them.
    let as_written = |examples: &[kontur_extern_codegen::model::Example]| {
        examples
            .iter()
            .cloned()
            .map(|mut example| {
                example.undeclared_keys.clear();
                example
            })
            .collect::<Vec<_>>()
    };
    if as_written(old) != as_written(new) {
        let names = |examples: &[kontur_extern_codegen::model::Example]| {
            examples
                .iter()
                .map(|e| e.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let change = if names(old) == names(new) {
            format!("{} changed", names(new))
        } else {
            format!("[{}] → [{}]", names(old), names(new))
        };
        report.push(
            "examples-changed",
            "examples".to_owned(),
            change,
            None,
            None,
        );
    }
}

/// How the report is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One line per change.
    Text,
    /// A list of objects, for scripts.
    Json,
    /// Release notes.
    Markdown,
}

/// Which verdict decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Source,
    Wire,
}

impl Change {
    pub fn level(&self, verdict: Verdict) -> Level {
        match verdict {
            Verdict::Source => self.source,
            Verdict::Wire => self.wire,
        }
    }
}

/// The changes between two versions of one spec of a folder or service,
/// each subject prefixed with `subject`; the type files' changes are left
/// out (they are told once, by the caller). A spec that does not load adds
/// its problems instead.
fn spec_changes(
    old: &Path,
    new: &Path,
    subject: &str,
    changes: &mut Vec<Change>,
    problems: &mut Vec<String>,
) {
    match (Side::load(old), Side::load(new)) {
        (Ok(mut old_side), Ok(mut new_side)) => {
            old_side.skip_shared = true;
            new_side.skip_shared = true;
            changes.extend(
                self::changes(&old_side, &new_side)
                    .into_iter()
                    .map(|mut change| {
                        change.subject = format!("{subject}: {}", change.subject);
                        change
                    }),
            );
        }
        (old_side, new_side) => {
            problems.extend([old_side.err(), new_side.err()].into_iter().flatten());
        }
    }
}

/// `kontur-extern diff`: the report on stdout; exit code 1 when anything
/// breaks by `verdict` (the source unless `--wire`), 0 otherwise, 2 when a
/// spec does not load.
pub fn run(old: &Path, new: &Path, format: Format, verdict: Verdict) -> std::process::ExitCode {
    match compare_paths(old, new) {
        Ok(changes) => report(&changes, format, verdict),
        Err(problems) => {
            tell!("{problems}");
            std::process::ExitCode::from(2)
        }
    }
}

/// `kontur-extern diff --git REV [PATH]`: the specs at `PATH` in the
/// working tree against those at the git revision `REV`.
pub fn run_git(rev: &str, path: &Path, format: Format, verdict: Verdict) -> std::process::ExitCode {
    match git::at_revision(rev, path) {
        Ok(old) => {
            let result = compare_paths(&old.path, path).map(|changes| {
                changes
                    .into_iter()
                    .map(|mut change| {
                        change.old = change.old.map(|at| old.name(&at));
                        change
                    })
                    .collect::<Vec<_>>()
            });
            drop(old);
            match result {
                Ok(changes) => report(&changes, format, verdict),
                Err(problems) => {
                    tell!("{problems}");
                    std::process::ExitCode::from(2)
                }
            }
        }
        Err(problem) => {
            tell!("{problem}");
            std::process::ExitCode::from(2)
        }
    }
}

/// The changes between two folders, service files, type files or specs.
fn compare_paths(old: &Path, new: &Path) -> Result<Vec<Change>, String> {
    if old.is_dir() && new.is_dir() {
        return folder_changes(old, new);
    }
    if is_service_file(old) && is_service_file(new) {
        return service::service_changes(old, new);
    }
    if is_type_file(old) && is_type_file(new) {
        return type_file_changes(old, new);
    }
    match (Side::load(old), Side::load(new)) {
        (Ok(old), Ok(new)) => Ok(changes(&old, &new)),
        (old, new) => Err([old.err(), new.err()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n")),
    }
}

/// Whether `path` is a service file (it names its `service:`), not a spec.
fn is_service_file(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .is_ok_and(|text| text.lines().any(|line| line.starts_with("service:")))
}

/// The `.yaml` files of a folder, by name.
fn yaml_files(dir: &Path) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|error| format!("{}: cannot read the folder: {error}", dir.display()))?;
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|entry| entry.file_name().to_str().map(str::to_owned))
        .filter(|name| name.ends_with(".yaml"))
        .collect();
    names.sort();
    Ok(names)
}

/// Two folders of specs: the specs matched by file name (one added or
/// removed is an endpoint added or removed), each type file's changes
/// once, and each spec's own changes without those inside the type
/// files' types. Service files are not compared yet.
pub fn folder_changes(old: &Path, new: &Path) -> Result<Vec<Change>, String> {
    let (old_names, new_names) = (yaml_files(old)?, yaml_files(new)?);
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for name in &new_names {
        let (old_path, new_path) = (old.join(name), new.join(name));
        if is_service_file(&new_path) {
            continue;
        }
        if !old_names.contains(name) {
            if !is_type_file(&new_path) {
                changes.push(Change::new(
                    "endpoint-added",
                    name.clone(),
                    "new spec".to_owned(),
                    None,
                    Some(format!("{}", new_path.display())),
                ));
            }
            continue;
        }
        if is_type_file(&new_path) {
            match type_file_changes(&old_path, &new_path) {
                Ok(found) => changes.extend(found.into_iter().map(|mut change| {
                    change.subject = format!("{name}: {}", change.subject);
                    change
                })),
                Err(problem) => problems.push(problem),
            }
            continue;
        }
        spec_changes(&old_path, &new_path, name, &mut changes, &mut problems);
    }
    for name in &old_names {
        let old_path = old.join(name);
        if new_names.contains(name) || is_service_file(&old_path) || is_type_file(&old_path) {
            continue;
        }
        changes.push(Change::new(
            "endpoint-removed",
            name.clone(),
            "spec removed".to_owned(),
            Some(format!("{}", old_path.display())),
            None,
        ));
    }
    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(problems.join("\n"))
    }
}

thread_local! {
    /// Type files' named types by file name and text, parsed once per
    /// process: every spec that uses a type file reads it again.
    static PARSED_TYPES: std::cell::RefCell<
        std::collections::HashMap<(String, String), Vec<NamedNode>>,
    > = std::cell::RefCell::default();
}

/// The named types of a type file's text (as `file`), parsed once.
fn parsed_types(file: &str, text: String) -> Result<Vec<NamedNode>, String> {
    let key = (file.to_owned(), text);
    if let Some(found) = PARSED_TYPES.with(|cache| cache.borrow().get(&key).cloned()) {
        return Ok(found);
    }
    let parsed = kontur_extern_codegen::spec::parse_types(file, &key.1)
        .map_err(|problems| problems.to_string())?;
    PARSED_TYPES.with(|cache| cache.borrow_mut().insert(key, parsed.types.clone()));
    Ok(parsed.types)
}

/// Whether `path` is a type file (it names its `module:`), not a spec.
fn is_type_file(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .is_ok_and(|text| text.lines().any(|line| line.starts_with("module:")))
}

/// Whether a type is sent, whether it is read, and the endpoints that
/// reach it.
type Usage = (bool, bool, Vec<String>);

/// What one spec beside type files uses of them: the type files it names
/// (`use:`, as found on disk), and each type its bodies reach, with whether
/// a request sends it and a response reads it.
struct SpecUse {
    endpoint: String,
    uses: Vec<std::path::PathBuf>,
    directions: Vec<(String, bool, bool)>,
}

thread_local! {
    /// The specs of each folder, loaded once per process: a service's diff
    /// asks for every type file's usage, on each side, and each question
    /// would otherwise load every spec of the folder again.
    static SPECS_BESIDE: std::cell::RefCell<
        std::collections::HashMap<std::path::PathBuf, std::rc::Rc<Vec<SpecUse>>>,
    > = std::cell::RefCell::default();
}

/// The specs in `dir` that load, each with what it uses of type files.
fn specs_beside(dir: &Path) -> std::rc::Rc<Vec<SpecUse>> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let key = dir.canonicalize().unwrap_or_else(|_| dir.to_owned());
    if let Some(found) = SPECS_BESIDE.with(|cache| cache.borrow().get(&key).cloned()) {
        return found;
    }
    let mut specs = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.extension().is_none_or(|e| e != "yaml") || is_type_file(&path) {
                continue;
            }
            // Specs that do not load, and service files, say nothing of use.
            let Ok(side) = Side::load(&path) else {
                continue;
            };
            let uses = side
                .spec
                .uses
                .iter()
                .filter_map(|used| {
                    path.parent()
                        .unwrap_or(Path::new(""))
                        .join(&used.value)
                        .canonicalize()
                        .ok()
                })
                .collect();
            let directions = json::Types::walk(
                &side.model.types,
                &side.named,
                json::endpoint_roots(&side.model, &side.spec, &side.file),
            )
            .directions()
            .into_iter()
            .collect();
            specs.push(SpecUse {
                endpoint: side.model.name.clone(),
                uses,
                directions,
            });
        }
    }
    let specs = std::rc::Rc::new(specs);
    SPECS_BESIDE.with(|cache| cache.borrow_mut().insert(key, specs.clone()));
    specs
}

/// How the specs beside a type file use its types: by type name, whether
/// a request body reaches it (sent) and whether a response does (read).
fn usage(types_file: &Path) -> std::collections::HashMap<String, Usage> {
    let mut used = std::collections::HashMap::new();
    let Ok(target) = types_file.canonicalize() else {
        return used;
    };
    let specs = specs_beside(types_file.parent().unwrap_or(Path::new(".")));
    for spec in specs.iter().filter(|spec| spec.uses.contains(&target)) {
        for (name, sent, read) in &spec.directions {
            let entry = used
                .entry(name.clone())
                .or_insert((false, false, Vec::new()));
            entry.0 |= *sent;
            entry.1 |= *read;
            if !entry.2.contains(&spec.endpoint) {
                entry.2.push(spec.endpoint.clone());
            }
        }
    }
    used
}

/// The changes between two type files: each type once, named by its own
/// name, judged by how the specs beside each file use it (both ways for a
/// type none of them reaches).
pub fn type_file_changes(old: &Path, new: &Path) -> Result<Vec<Change>, String> {
    let load = |path: &Path| {
        let file = path.display().to_string();
        kontur_extern_codegen::load_types_file(path, &file)
            .map(|checked| (file, checked))
            .map_err(|problems| problems.to_string())
    };
    let (old_types, new_types) = match (load(old), load(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            return Err([old.err(), new.err()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("\n"));
        }
    };
    let mut used = usage(old);
    for (name, (sent, read, endpoints)) in usage(new) {
        let entry = used.entry(name).or_insert((false, false, Vec::new()));
        entry.0 |= sent;
        entry.1 |= read;
        for endpoint in endpoints {
            if !entry.2.contains(&endpoint) {
                entry.2.push(endpoint);
            }
        }
    }
    let directions: std::collections::HashMap<String, (bool, bool)> = used
        .iter()
        .map(|(name, (sent, read, _))| (name.clone(), (*sent, *read)))
        .collect();
    let named = |(file, checked): &(String, kontur_extern_codegen::types::CheckedTypes)| {
        vec![(file.clone(), checked.nodes.to_vec())]
    };
    let (old_named, new_named) = (named(&old_types), named(&new_types));
    fn walk<'a>(
        checked: &'a kontur_extern_codegen::types::CheckedTypes,
        named: &'a [(String, Vec<NamedNode>)],
        used: &std::collections::HashMap<String, (bool, bool)>,
    ) -> json::Types<'a> {
        json::Types::walk(
            &checked.space,
            named,
            json::type_file_roots(&checked.space, named, used),
        )
    }
    let old_walk = walk(&old_types.1, &old_named, &directions);
    let new_walk = walk(&new_types.1, &new_named, &directions);
    // Each change once, with the endpoints that reach its type.
    let mut changes: Vec<Change> = json::compare(&old_walk, &new_walk)
        .into_iter()
        .map(|f| {
            let users = f
                .item
                .as_ref()
                .and_then(|item| used.get(item))
                .map(|(_, _, endpoints)| endpoints.clone())
                .unwrap_or_default();
            let mut users = users;
            users.sort();
            let change = match users.len() {
                0 => format!("{}; used by no spec beside it", f.change),
                1..=4 => format!("{}; used by {}", f.change, users.join(", ")),
                n => format!(
                    "{}; used by {} and {} more",
                    f.change,
                    users[..3].join(", "),
                    n - 3
                ),
            };
            Change::new(f.rule, f.subject, change, f.old, f.new)
        })
        .collect();
    // Named types that came or went.
    let names = |named: &[(String, Vec<NamedNode>)]| -> Vec<(String, Option<String>)> {
        named
            .iter()
            .flat_map(|(file, nodes)| {
                nodes.iter().map(move |n| {
                    (
                        n.name.value.clone(),
                        n.name.at.map(|at| format!("{file}:{}", at.line)),
                    )
                })
            })
            .collect()
    };
    let (was, is) = (names(&old_named), names(&new_named));
    for (name, at) in &is {
        if !was.iter().any(|(n, _)| n == name) {
            changes.push(Change::new(
                "type-added",
                name.clone(),
                "new type".to_owned(),
                None,
                at.clone(),
            ));
        }
    }
    for (name, at) in &was {
        if !is.iter().any(|(n, _)| n == name) {
            changes.push(Change::new(
                "type-removed",
                name.clone(),
                "type removed".to_owned(),
                at.clone(),
                None,
            ));
        }
    }
    if old_types.1.module != new_types.1.module {
        changes.push(Change::new(
            "module-renamed",
            "module".to_owned(),
            format!("`{}` → `{}`", old_types.1.module, new_types.1.module),
            None,
            None,
        ));
    }
    Ok(changes)
}

/// Prints `changes` and gives the exit code.
fn report(changes: &[Change], format: Format, verdict: Verdict) -> std::process::ExitCode {
    use std::process::ExitCode;
    match format {
        Format::Json => say!(
            "{}",
            crate::terminal::json(&serde_json::to_string_pretty(&changes).unwrap_or_default())
        ),
        Format::Text => crate::write_out(&text(changes, verdict)),
        Format::Markdown => crate::write_out(&markdown(changes)),
    }
    if changes.iter().any(|c| c.level(verdict) == Level::Breaking) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn word(level: Level) -> &'static str {
    match level {
        Level::Breaking => "breaking",
        Level::Compatible => "compatible",
    }
}

/// The report as text, one line per change, those that break by `verdict`
/// first; each line gives both verdicts, `verdict`'s first.
pub fn text(changes: &[Change], verdict: Verdict) -> String {
    let mut out = String::new();
    for level in [Level::Breaking, Level::Compatible] {
        for change in changes.iter().filter(|c| c.level(verdict) == level) {
            let verdicts = match verdict {
                Verdict::Source => {
                    format!("{} (wire: {})", word(change.source), word(change.wire))
                }
                Verdict::Wire => {
                    format!(
                        "{} on the wire (source: {})",
                        word(change.wire),
                        word(change.source)
                    )
                }
            };
            let place = match (&change.old, &change.new) {
                (Some(old), Some(new)) => format!(" ({old} → {new})"),
                (Some(old), None) => format!(" ({old})"),
                (None, Some(new)) => format!(" ({new})"),
                (None, None) => String::new(),
            };
            let _ = writeln!(
                out,
                "{verdicts} [{}] {}: {}{place}; {}",
                change.rule, change.subject, change.change, change.advice
            );
        }
    }
    let count = |verdict| {
        changes
            .iter()
            .filter(|c| c.level(verdict) == Level::Breaking)
            .count()
    };
    let _ = writeln!(
        out,
        "{} change(s): {} breaking the source, {} breaking the wire",
        changes.len(),
        count(Verdict::Source),
        count(Verdict::Wire)
    );
    out
}

/// The report as release notes in Markdown: the changes that break code
/// using the generated types, then those that break only an old client on
/// the wire, then the compatible ones; each with its subject, what changed,
/// its rule, where it is, and what to do.
pub fn markdown(changes: &[Change]) -> String {
    let mut out = String::from("# Changes to the API's specs\n");
    if changes.is_empty() {
        out.push_str("\nNo changes.\n");
        return out;
    }
    type Section = (&'static str, &'static str, fn(&Change) -> bool);
    let sections: [Section; 3] = [
        (
            "Breaking the source",
            "Rust code that uses the generated types may stop compiling, or compile and mean \
             something else.",
            |c| c.source == Level::Breaking,
        ),
        (
            "Breaking on the wire",
            "Code compiles unchanged, but a client built from the old specs may fail against a \
             server that follows the new ones.",
            |c| c.source == Level::Compatible && c.wire == Level::Breaking,
        ),
        ("Compatible", "Nothing to change; worth knowing.", |c| {
            c.source == Level::Compatible && c.wire == Level::Compatible
        }),
    ];
    for (title, meaning, belongs) in sections {
        let listed: Vec<&Change> = changes.iter().filter(|c| belongs(c)).collect();
        if listed.is_empty() {
            continue;
        }
        let _ = write!(out, "\n## {title} ({})\n\n{meaning}\n\n", listed.len());
        for change in listed {
            let place = match (&change.old, &change.new) {
                (Some(old), Some(new)) => format!(" ({old} → {new})"),
                (Some(old), None) => format!(" ({old})"),
                (None, Some(new)) => format!(" ({new})"),
                (None, None) => String::new(),
            };
            let wire = match (change.source, change.wire) {
                (Level::Breaking, Level::Breaking) => ", breaks the wire too",
                (Level::Breaking, Level::Compatible) => ", compatible on the wire",
                _ => "",
            };
            let _ = writeln!(
                out,
                "- **{}**: {} (`{}`{wire}){place}.  \n  What to do: {}",
                change.subject, change.change, change.rule, change.advice
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = include_str!("../spec/password-token.yaml");

    fn side(text: &str, file: &str) -> Side {
        Side::from_text(file, text).unwrap_or_else(|problems| panic!("{problems}"))
    }

    fn edited(edits: &[(&str, &str)]) -> String {
        let mut text = GOOD.to_owned();
        for (from, to) in edits {
            assert!(text.contains(from), "the edit `{from}` does not apply");
            text = text.replacen(from, to, 1);
        }
        text
    }

    /// The changes from the shipped spec to it with `edits` applied.
    fn diff(edits: &[(&str, &str)]) -> Vec<Change> {
        diff_between(&[], edits)
    }

    /// The changes between two edited copies of the shipped spec.
    fn diff_between(old: &[(&str, &str)], new: &[(&str, &str)]) -> Vec<Change> {
        changes(
            &side(&edited(old), "old.yaml"),
            &side(&edited(new), "new.yaml"),
        )
    }

    fn fired(changes: &[Change]) -> Vec<(&'static str, Level)> {
        changes.iter().map(|c| (c.rule, c.source)).collect()
    }

    #[test]
    fn the_same_spec_has_no_changes() {
        assert!(diff(&[]).is_empty());
    }

    #[test]
    fn every_rule_fires_on_its_edit_and_has_its_level() {
        use Level::{Breaking, Compatible};
        const DEVICE: &str = "    - name: username\n";
        type Edits = Vec<(&'static str, &'static str)>;
        let cases: Vec<(&str, Edits, Edits, Level)> = vec![
            (
                "status-changed",
                vec![],
                vec![
                    ("status: 200\n  content_type", "status: 201\n  content_type"),
                    ("      status: 200\n", "      status: 201\n"),
                ],
                Breaking,
            ),
            (
                "default-changed",
                vec![(
                    DEVICE,
                    "    - name: device\n      type: string\n      default: a\n    - name: username\n",
                )],
                vec![(
                    DEVICE,
                    "    - name: device\n      type: string\n      default: b\n    - name: username\n",
                )],
                Compatible,
            ),
            (
                "constant-changed",
                vec![],
                vec![
                    ("const: extern.api\n", "const: extern.api.v2\n"),
                    (
                        "        scope: extern.api\n",
                        "        scope: extern.api.v2\n",
                    ),
                ],
                Compatible,
            ),
            (
                "param-moved",
                vec![],
                vec![(
                    "    - name: client_id\n",
                    "    - name: client_id\n      in: query\n",
                )],
                Compatible,
            ),
            (
                "enum-value-removed",
                vec![("values: [Bearer]", "values: [Bearer, DPoP]")],
                vec![],
                Breaking,
            ),
            (
                "field-removed",
                vec![],
                vec![
                    (
                        "    - name: token_type\n      doc: How to present the token; Kontur answers `Bearer`.\n      type: enum\n      values: [Bearer]\n",
                        "",
                    ),
                    (
                        "            \"expires_in\":86400,\n            \"token_type\":\"Bearer\"\n",
                        "            \"expires_in\":86400\n",
                    ),
                ],
                Breaking,
            ),
            (
                "response-field-removed-optional",
                vec![],
                vec![(
                    "    - name: scope\n      doc: Granted scope, when the server reports it.\n      type: string\n      optional: true\n",
                    "",
                )],
                Breaking,
            ),
            (
                "field-became-required",
                vec![(
                    "      type: duration_seconds\n",
                    "      type: duration_seconds\n      nullable: true\n",
                )],
                vec![],
                Breaking,
            ),
            (
                "field-absence-changed",
                vec![],
                vec![(
                    "      optional: true\n      secret: true\n    - name: scope",
                    "      optional: true\n      nullable: true\n      secret: true\n    - name: scope",
                )],
                Compatible,
            ),
            (
                "header-added",
                vec![],
                vec![(
                    "  headers:\n",
                    "  headers:\n    - name: request_id\n      header: X-Request-Id\n      type: string\n      optional: true\n",
                )],
                Compatible,
            ),
            (
                "header-removed",
                vec![],
                vec![(
                    "    - name: trace_id\n      header: X-Kontur-Trace-Id\n      doc: The id Kontur's support asks for when something goes wrong.\n      type: string\n      optional: true\n",
                    "",
                )],
                Breaking,
            ),
            (
                "header-type-changed",
                vec![],
                vec![(
                    "      type: boolean\n      default: false\n",
                    "      type: string\n      default: \"false\"\n",
                )],
                Breaking,
            ),
            (
                "header-presence-changed",
                vec![],
                vec![(
                    "      type: string\n      optional: true\n    - name: dont_retry",
                    "      type: string\n      default: none\n    - name: dont_retry",
                )],
                Breaking,
            ),
            (
                "header-names-changed",
                vec![],
                vec![("      aliases: [X-Kontur-Dont-Retry]\n", "")],
                Compatible,
            ),
            (
                "examples-changed",
                vec![],
                vec![(
                    "        Connection: keep-alive\n        Content-Type",
                    "        Content-Type",
                )],
                Compatible,
            ),
            (
                "endpoint-renamed",
                vec![],
                vec![("name: password_token", "name: token")],
                Breaking,
            ),
            (
                "method-changed",
                vec![],
                vec![("method: POST", "method: PUT")],
                Breaking,
            ),
            (
                "path-changed",
                vec![],
                vec![("path: /connect/token", "path: /token")],
                Breaking,
            ),
            (
                "base-url-changed",
                vec![],
                vec![(
                    "base_url: https://identity.testkontur.ru",
                    "base_url: https://identity.kontur.ru",
                )],
                Compatible,
            ),
            (
                "content-type-changed",
                vec![],
                vec![(
                    "content_type: application/json",
                    "content_type: application/json; charset=utf-8",
                )],
                Compatible,
            ),
            (
                "param-added-required",
                vec![],
                vec![
                    (
                        "    - name: username\n",
                        "    - name: device\n      type: string\n    - name: username\n",
                    ),
                    (
                        "        username: user@login.ru\n",
                        "        device: d\n        username: user@login.ru\n",
                    ),
                ],
                Breaking,
            ),
            (
                "param-added-optional",
                vec![],
                vec![(
                    "    - name: username\n",
                    "    - name: device\n      type: string\n      optional: true\n    - name: username\n",
                )],
                Compatible,
            ),
            (
                "param-added-constant",
                vec![],
                vec![(
                    "    - name: username\n",
                    "    - name: device\n      const: cli\n    - name: username\n",
                )],
                Compatible,
            ),
            (
                "param-removed",
                vec![],
                vec![(
                    "    - name: partial_factor_token\n      doc: Token of a partially completed multi-factor sign-in, from an earlier error response.\n      type: string\n      optional: true\n      secret: true\n",
                    "",
                )],
                Breaking,
            ),
            (
                "constant-removed",
                vec![],
                vec![
                    (
                        "    - name: scope\n      doc: Requested scope; always `extern.api` for the Kontur.Extern API.\n      const: extern.api\n",
                        "",
                    ),
                    ("        scope: extern.api\n", ""),
                ],
                Compatible,
            ),
            (
                "param-became-constant",
                vec![],
                vec![(
                    "      doc: Service name, issued together with the API key.\n      type: string\n",
                    "      doc: Service name, issued together with the API key.\n      const: extern.api\n",
                )],
                Breaking,
            ),
            (
                "constant-became-param",
                vec![],
                vec![(
                    "      const: extern.api\n",
                    "      type: string\n      default: extern.api\n",
                )],
                Breaking,
            ),
            (
                "param-secret-changed",
                vec![],
                vec![(
                    "      doc: The user's password.\n      type: string\n      secret: true\n",
                    "      doc: The user's password.\n      type: string\n",
                )],
                Breaking,
            ),
            (
                "param-type-changed",
                vec![],
                vec![(
                    "      type: string\n      optional: true\n      secret: true\n",
                    "      type: integer\n      optional: true\n",
                )],
                Breaking,
            ),
            (
                "param-presence-changed",
                vec![],
                vec![(
                    "      doc: The user's login (e-mail).\n      type: string\n",
                    "      doc: The user's login (e-mail).\n      type: string\n      optional: true\n",
                )],
                Breaking,
            ),
            (
                "doc-changed",
                vec![],
                vec![(
                    "      doc: The user's login (e-mail).\n",
                    "      doc: The user's login.\n",
                )],
                Compatible,
            ),
            (
                "field-added",
                vec![],
                vec![(
                    "  fields:\n",
                    "  fields:\n    - name: id_token\n      type: string\n      optional: true\n",
                )],
                Compatible,
            ),
            (
                "field-type-changed",
                vec![],
                vec![("      type: duration_seconds\n", "      type: integer\n")],
                Breaking,
            ),
            (
                "field-became-optional",
                vec![],
                vec![(
                    "      type: duration_seconds\n",
                    "      type: duration_seconds\n      nullable: true\n",
                )],
                Breaking,
            ),
            (
                "enum-value-added",
                vec![],
                vec![("values: [Bearer]", "values: [Bearer, DPoP]")],
                Breaking,
            ),
        ];
        let mut tested = Vec::new();
        for (rule, old, new, level) in cases {
            let found = diff_between(&old, &new);
            assert!(
                fired(&found).contains(&(rule, level)),
                "{rule}: expected it at {level:?}, got {:?}",
                fired(&found)
            );
            let (_, table_level, _, _) = RULES
                .iter()
                .find(|(id, _, _, _)| *id == rule)
                .expect("in RULES");
            assert_eq!(*table_level, level, "{rule}");
            tested.push(rule);
        }
        // The body types, error-status and paging rules have tests of their
        // own below.
        // The version 2 rules have a table of their own.
        tested.extend([
            "response-field-added-optional",
            "response-field-added-required",
            "request-field-added-optional",
            "request-field-added-required",
            "response-field-removed-optional",
            "response-field-removed-required",
            "request-field-removed",
            "field-renamed-in-rust",
            "field-renamed-on-wire",
            "json-field-type-changed",
            "field-type-renamed",
            "field-secret-changed",
            "response-field-became-optional",
            "response-field-became-required",
            "response-field-got-default",
            "request-field-became-optional",
            "request-field-became-required",
            "request-field-became-defaulted",
            "field-default-changed",
            "request-enum-value-removed",
            "pattern-changed",
            "union-variant-added",
            "untagged-variant-added",
            "union-variant-removed",
            "request-union-variant-removed",
            "union-variant-type-changed",
            "union-tag-changed",
            "union-when-changed",
            "type-changed",
            "request-body-changed",
            "response-body-changed",
            "outcome-added",
            "outcome-removed",
            "outcome-status-changed",
            "outcome-body-changed",
            "outcome-headers-changed",
            "not-found-changed",
            // Type files only: `cli/tests/diff.rs` diffs two of them.
            "type-added",
            "type-removed",
            "module-renamed",
            // Service files only: `cli/tests/diff.rs`.
            "service-renamed",
            "group-added",
            "group-removed",
            "group-renamed",
            "method-added",
            "method-removed",
            "method-renamed",
            "bind-changed",
            "group-moved",
            // Folders only, tested there too.
            "endpoint-added",
            "endpoint-removed",
            // The fallback for a difference no rule names: no edit should
            // reach it (the version 2 table checks that none does).
            "body-types-changed",
            "body-reading-changed",
            "error-status-result-added",
            "error-status-result-removed",
            "paging-added",
            "paging-removed",
            "paging-kind-changed",
            "paging-changed",
            "task-added",
            "task-removed",
            "task-reader-changed",
            "task-changed",
            "chunks-added",
            "chunks-removed",
            "chunks-changed",
        ]);
        let untested: Vec<_> = RULES
            .iter()
            .map(|(id, _, _, _)| *id)
            .filter(|id| !tested.contains(id))
            .collect();
        assert!(untested.is_empty(), "rules without a case: {untested:?}");
    }

    #[test]
    fn swapped_required_parameters_are_no_change_at_all() {
        // `Required` names them, so old call sites still mean the same.
        let found = diff(&[
            (
                "    - name: username\n      doc: The user's login (e-mail).\n      type: string\n",
                "",
            ),
            (
                "    - name: client_secret\n",
                "    - name: username\n      doc: The user's login (e-mail).\n      type: string\n    - name: client_secret\n",
            ),
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn changed_body_types_of_version_2_specs_are_breaking() {
        const V2: &str = "spec: 2\nendpoint:\n  name: e\n  summary: s\n  method: GET\n  base_url: https://example.com\n  path: /e\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: object\n    fields:\n      - name: id\n        type: uuid\nerror:\n  format: oauth2\n";
        let old = side(V2, "old.yaml");
        assert!(changes(&old, &side(V2, "new.yaml")).is_empty());
        // A doc is not a type change.
        let documented = V2.replace("type: uuid", "type: uuid\n        doc: The id.");
        assert!(changes(&old, &side(&documented, "new.yaml")).is_empty());
        let new = side(
            &V2.replace("type: uuid", "type: uuid\n        optional: true"),
            "new.yaml",
        );
        let found = changes(&old, &new);
        assert_eq!(
            fired(&found),
            [("response-field-became-optional", Level::Breaking)]
        );
        assert_eq!(found[0].subject, "response body.id");
        assert_eq!(found[0].old.as_deref(), Some("old.yaml:16"));
        // The body another type.
        let json = side(
            &V2.replace(
                "    type: object\n    fields:\n      - name: id\n        type: uuid\n",
                "    type: json\n",
            ),
            "new.yaml",
        );
        let found = changes(&old, &json);
        assert_eq!(fired(&found), [("response-body-changed", Level::Breaking)]);
        assert_eq!(found[0].wire, Level::Breaking);
    }

    /// Aliases and an enum's case change only what decoding accepts:
    /// compatible. A pattern or a map's key type changes a Rust type:
    /// breaking, as any other type change.
    #[test]
    fn keys_patterns_aliases_and_case_are_judged_by_what_they_change() {
        const V2: &str = "spec: 2\nendpoint:\n  name: e\n  summary: s\n  method: GET\n  base_url: https://example.com\n  path: /e\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: object\n    fields:\n      - name: abonent-id\n        type: uuid\n      - name: status\n        type: enum\n        values: [ready-to-send]\n      - name: inn\n        type: string\n      - name: errors\n        type: map\n        values: { type: string }\nerror:\n  format: oauth2\n";
        let old = side(V2, "old.yaml");
        let changed = |from: &str, to: &str| {
            assert_eq!(V2.matches(from).count(), 1, "{from}");
            changes(&old, &side(&V2.replace(from, to), "new.yaml"))
        };
        let aliased = changed(
            "        type: uuid\n",
            "        type: uuid\n        aliases: [abonent-Id]\n",
        );
        assert_eq!(
            fired(&aliased),
            [("body-reading-changed", Level::Compatible)]
        );
        let any_case = changed(
            "        type: enum\n",
            "        type: enum\n        case: any\n",
        );
        assert_eq!(
            fired(&any_case),
            [("body-reading-changed", Level::Compatible)]
        );
        let patterned = changed(
            "        type: string\n      - name: errors",
            "        type: string\n        pattern: '\\d{10}'\n      - name: errors",
        );
        assert_eq!(
            fired(&patterned),
            [("json-field-type-changed", Level::Breaking)]
        );
        let keyed = changed(
            "        type: map\n",
            "        type: map\n        keys: uuid\n",
        );
        assert_eq!(
            fired(&keyed),
            [("json-field-type-changed", Level::Breaking)]
        );
        // Both at once: each is told.
        let both = changes(
            &old,
            &side(
                &V2.replace(
                    "        type: map\n",
                    "        type: map\n        keys: uuid\n",
                )
                .replace(
                    "        type: enum\n",
                    "        type: enum\n        case: any\n",
                ),
                "new.yaml",
            ),
        );
        assert_eq!(
            fired(&both),
            [
                ("json-field-type-changed", Level::Breaking),
                ("body-reading-changed", Level::Compatible)
            ]
        );
    }

    /// A tag prefix changes which variant some tags decode to, and no
    /// Rust type: compatible. A new variant is a type change, as before.
    #[test]
    fn a_tag_prefix_changes_only_reading() {
        const V2: &str = "spec: 2\ntypes:\n  R:\n    type: union\n    tag: type\n    tag_in: parent\n    variants:\n      - name: B\n        when: urn:document:b\n        type: json\nendpoint:\n  name: e\n  summary: s\n  method: GET\n  base_url: https://example.com\n  path: /e\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: object\n    fields:\n      - name: type\n        type: string\n      - name: r\n        type: R\nerror:\n  format: oauth2\n";
        let old = side(V2, "old.yaml");
        let prefixed = V2.replace(
            "        when: urn:document:b\n",
            "        when: urn:document:b\n        when_prefix: urn:document:b-\n",
        );
        let found = changes(&old, &side(&prefixed, "new.yaml"));
        assert_eq!(fired(&found), [("body-reading-changed", Level::Compatible)]);
        // A variant renamed: one removed and one added, each told.
        let renamed = V2.replace("      - name: B\n", "      - name: C\n");
        let found = changes(&old, &side(&renamed, "new.yaml"));
        assert_eq!(
            fired(&found),
            [
                ("union-variant-added", Level::Breaking),
                ("union-variant-removed", Level::Breaking)
            ]
        );
    }

    #[test]
    fn an_outcome_at_an_error_status_added_or_removed_is_breaking() {
        const V2: &str = "spec: 2\nendpoint:\n  name: e\n  summary: s\n  method: POST\n  base_url: https://example.com\n  path: /e\nrequest:\n  body: form\nresponses:\n  - status: 200\n    name: started\n    content_type: application/json\n    body:\n      type: json\nerror:\n  format: kontur_api\n";
        let refused = V2.replace(
            "error:",
            "  - status: 400\n    name: refused\n    content_type: application/json\n    body:\n      type: json\nerror:",
        );
        let (plain, with) = (side(V2, "old.yaml"), side(&refused, "new.yaml"));
        let added = changes(&plain, &with);
        assert_eq!(
            fired(&added),
            [("error-status-result-added", Level::Breaking)]
        );
        let change = &added[0];
        assert_eq!(change.subject, "HTTP 400");
        assert_eq!(change.change, "an error → outcome `refused`");
        assert_eq!(change.new.as_deref(), Some("new.yaml:16"));

        let removed = changes(&side(&refused, "old.yaml"), &side(V2, "new.yaml"));
        assert_eq!(
            fired(&removed),
            [("error-status-result-removed", Level::Breaking)]
        );
        assert_eq!(removed[0].change, "outcome `refused` → an error");
        assert_eq!(removed[0].old.as_deref(), Some("old.yaml:16"));

        // A 2xx outcome added is not a result at an error status.
        let another = V2.replace("error:", "  - status: 202\n    name: accepted\nerror:");
        let found = changes(&plain, &side(&another, "new.yaml"));
        assert_eq!(fired(&found), [("outcome-added", Level::Breaking)]);
    }

    #[test]
    fn paging_added_removed_or_changed_is_reported_with_its_level() {
        const V2: &str = "spec: 2\nendpoint:\n  name: e\n  summary: s\n  method: GET\n  base_url: https://example.com\n  path: /e\nrequest:\n  body: form\n  params:\n    - { name: skip, in: query, type: integer }\n    - { name: take, in: query, type: integer }\n    - { name: from, in: query, type: string, optional: true }\n    - { name: at, in: query, type: integer, optional: true }\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: object\n    fields:\n      - { name: items, type: list, items: { type: string } }\n      - { name: total, type: integer }\n      - { name: next, type: string, optional: true }\n      - { name: next-at, type: integer, optional: true }\nerror:\n  format: kontur_api\n";
        let offset = "paging: { skip: skip, take: take, items: items, total: total }\n";
        let cursor =
            "paging: { cursor: from, take: take, items: items, next: next, ends: absent }\n";
        let spec = |paging: &str, name: &str| side(&format!("{V2}{paging}"), name);
        let cases = [
            ("", offset, "paging-added", Level::Compatible),
            (offset, "", "paging-removed", Level::Breaking),
            (offset, cursor, "paging-kind-changed", Level::Breaking),
            (
                cursor,
                "paging: { cursor: at, take: take, items: items, next: next-at, ends: absent }\n",
                "paging-kind-changed",
                Level::Breaking,
            ),
            (
                cursor,
                "paging: { cursor: from, take: take, items: items, next: next, ends: empty }\n",
                "paging-changed",
                Level::Compatible,
            ),
        ];
        for (old, new, rule, level) in cases {
            let found = changes(&spec(old, "old.yaml"), &spec(new, "new.yaml"));
            assert_eq!(fired(&found), [(rule, level)], "{old} → {new}");
            let (_, table_level, _, _) = RULES
                .iter()
                .find(|(id, _, _, _)| *id == rule)
                .expect("in RULES");
            assert_eq!(*table_level, level, "{rule}");
        }
        let same = changes(&spec(cursor, "old.yaml"), &spec(cursor, "new.yaml"));
        assert!(same.is_empty(), "{same:?}");
        let found = changes(&spec(offset, "old.yaml"), &spec(cursor, "new.yaml"));
        assert_eq!(found[0].old.as_deref(), Some("old.yaml:27"));
        assert!(
            found[0]
                .change
                .contains("by offset (`skip`, total `total`)")
                && found[0]
                    .change
                    .contains("by string cursor `from` from `next`"),
            "{}",
            found[0].change
        );
    }

    #[test]
    fn paging_between_the_query_and_the_request_body_is_paging_changed() {
        const V2: &str = "spec: 2\nendpoint:\n  name: e\n  summary: s\n  method: POST\n  base_url: https://example.com\n  path: /e\nrequest:\n  body: json\n  params:\n    - { name: skip, in: query, type: integer }\n    - { name: take, in: query, type: integer }\n    - { name: from, in: query, type: string, optional: true }\n  json:\n    type: object\n    fields:\n      - { name: skip, type: integer, optional: true }\n      - { name: take, type: integer, optional: true }\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: object\n    fields:\n      - { name: items, type: list, items: { type: string } }\n      - { name: total, type: integer }\n      - { name: next, type: string, optional: true }\nerror:\n  format: kontur_api\n";
        let query = "paging: { skip: skip, take: take, items: items, total: total }\n";
        let body = "paging: { in: body, skip: skip, take: take, items: items, total: total }\n";
        let no_total = "paging: { in: body, skip: skip, take: take, items: items }\n";
        let cursor =
            "paging: { cursor: from, take: take, items: items, next: next, ends: absent }\n";
        let spec = |paging: &str, name: &str| side(&format!("{V2}{paging}"), name);
        let cases = [
            (query, body, "paging-changed", Level::Compatible),
            (body, query, "paging-changed", Level::Compatible),
            (body, no_total, "paging-changed", Level::Compatible),
            (body, cursor, "paging-kind-changed", Level::Breaking),
            ("", body, "paging-added", Level::Compatible),
            (no_total, "", "paging-removed", Level::Breaking),
        ];
        for (old, new, rule, level) in cases {
            let found = changes(&spec(old, "old.yaml"), &spec(new, "new.yaml"));
            assert_eq!(fired(&found), [(rule, level)], "{old} → {new}");
        }
        let same = changes(&spec(body, "old.yaml"), &spec(body, "new.yaml"));
        assert!(same.is_empty(), "{same:?}");
        let found = changes(&spec(query, "old.yaml"), &spec(no_total, "new.yaml"));
        assert!(
            found[0].change.ends_with(
                "→ by offset in the request body (`skip`, `take`, no total), items `items`"
            ),
            "{}",
            found[0].change
        );
    }

    #[test]
    fn changes_name_the_yaml_line_of_each_side() {
        let found = diff(&[(
            "    - name: username\n",
            "    - name: device\n      const: cli\n    - name: username\n",
        )]);
        let added = found
            .iter()
            .find(|c| c.rule == "param-added-constant")
            .expect("reported");
        assert_eq!(added.old, None);
        assert_eq!(added.new.as_deref(), Some("new.yaml:34"));
        let found = diff(&[("      type: duration_seconds\n", "      type: integer\n")]);
        let changed = found
            .iter()
            .find(|c| c.rule == "field-type-changed")
            .expect("reported");
        assert_eq!(changed.old.as_deref(), Some("old.yaml:55"));
        assert_eq!(changed.new.as_deref(), Some("new.yaml:55"));
    }

    #[test]
    fn a_task_added_removed_or_changed_is_reported_with_its_level() {
        // From text, the reading spec is not read: the declaration is
        // compared as written.
        const V2: &str = "spec: 2\nendpoint:\n  name: e\n  summary: s\n  method: POST\n  base_url: https://example.com\n  path: /e\nrequest:\n  body: form\nresponse:\n  status: 200\n  content_type: application/json\n  body:\n    type: object\n    fields:\n      - name: id\n        type: uuid\nerror:\n  format: kontur_api\n";
        let task =
            "task: { read: read.yaml, id: id, param: taskId, state: state, running: [running] }\n";
        let spec = |task: &str, name: &str| side(&format!("{V2}{task}"), name);
        let cases = [
            ("", task, "task-added", Level::Compatible),
            (task, "", "task-removed", Level::Breaking),
            (
                task,
                "task: { read: other.yaml, id: id, param: taskId, state: state, running: [running] }\n",
                "task-reader-changed",
                Level::Breaking,
            ),
            (
                task,
                "task: { read: read.yaml, id: id, param: taskId, state: state, running: [running, queued] }\n",
                "task-changed",
                Level::Compatible,
            ),
        ];
        for (old, new, rule, level) in cases {
            let found = changes(&spec(old, "old.yaml"), &spec(new, "new.yaml"));
            assert_eq!(fired(&found), [(rule, level)], "{old} → {new}");
            let (_, table_level, _, _) = RULES
                .iter()
                .find(|(id, _, _, _)| *id == rule)
                .expect("in RULES");
            assert_eq!(*table_level, level, "{rule}");
        }
        assert!(changes(&spec(task, "old.yaml"), &spec(task, "new.yaml")).is_empty());
        let found = changes(&spec("", "old.yaml"), &spec(task, "new.yaml"));
        assert_eq!(found[0].new.as_deref(), Some("new.yaml:20"));
        assert_eq!(
            found[0].change,
            "no task → read by `read.yaml` (its `taskId` from `id`), running while `state` is `running`"
        );
    }

    #[test]
    fn chunks_added_removed_or_changed_are_reported_with_their_level() {
        // From text, the next spec is not read: the declaration is
        // compared as written.
        const V2: &str = "spec: 2\nendpoint:\n  name: e\n  summary: s\n  method: POST\n  base_url: https://example.com\n  path: /e\nrequest:\n  body: binary\n  params:\n    - { name: Content-Range, in: header, type: string }\nresponses:\n  - { status: 200, name: partial, content_type: application/json, body: { type: object, fields: [{ name: id, type: uuid }] } }\n  - { status: 201, name: complete, content_type: application/json, body: { type: object, fields: [{ name: id, type: uuid }] } }\nerror:\n  format: kontur_api\n";
        let chunks = "chunks: { range: Content-Range, complete: complete, next: next.yaml, id: id, param: id }\n";
        let spec = |chunks: &str, name: &str| side(&format!("{V2}{chunks}"), name);
        let cases = [
            ("", chunks, "chunks-added", Level::Compatible),
            (chunks, "", "chunks-removed", Level::Breaking),
            (
                chunks,
                "chunks: { range: Content-Range, max: 1000, complete: complete, next: next.yaml, id: id, param: id }\n",
                "chunks-changed",
                Level::Compatible,
            ),
        ];
        for (old, new, rule, level) in cases {
            let found = changes(&spec(old, "old.yaml"), &spec(new, "new.yaml"));
            assert_eq!(fired(&found), [(rule, level)], "{old} → {new}");
            let (_, table_level, _, _) = RULES
                .iter()
                .find(|(id, _, _, _)| *id == rule)
                .expect("in RULES");
            assert_eq!(*table_level, level, "{rule}");
        }
        assert!(changes(&spec(chunks, "old.yaml"), &spec(chunks, "new.yaml")).is_empty());
        let found = changes(&spec("", "old.yaml"), &spec(chunks, "new.yaml"));
        assert_eq!(found[0].new.as_deref(), Some("new.yaml:17"));
        assert_eq!(
            found[0].change,
            "no chunks → first here, the others to `next.yaml` (its `id` from `id`), each in `Content-Range`, until `complete`"
        );
    }

    const V2_TYPES: &str = include_str!("diff/v2-test.yaml");

    /// Every version 2 rule, on an edit of `diff/v2-test.yaml`: the rule,
    /// both verdicts, and no fallback.
    #[test]
    fn every_version_2_rule_fires_on_its_edit_with_both_verdicts() {
        use Level::{Breaking as B, Compatible as C};
        let old = side(V2_TYPES, "old.yaml");
        let cases: Vec<(&str, &str, &str, Level, Level)> = vec![
            (
                "response-field-added-optional",
                "      - name: token\n",
                "      - name: extra\n        type: string\n        optional: true\n      - name: token\n",
                C,
                C,
            ),
            (
                "response-field-added-required",
                "      - name: token\n",
                "      - name: extra\n        type: string\n      - name: token\n",
                C,
                C,
            ),
            (
                "request-field-added-optional",
                "      - name: size\n",
                "      - name: extra\n        type: string\n        optional: true\n      - name: size\n",
                B,
                C,
            ),
            (
                "request-field-added-required",
                "      - name: size\n",
                "      - name: extra\n        type: string\n      - name: size\n",
                B,
                B,
            ),
            (
                "response-field-removed-optional",
                "      - name: note\n        type: string\n        optional: true\n",
                "",
                B,
                C,
            ),
            (
                "response-field-removed-required",
                "      - name: token\n        type: string\n",
                "",
                B,
                B,
            ),
            (
                "request-field-removed",
                "      - name: hint\n        type: string\n        optional: true\n",
                "",
                B,
                C,
            ),
            (
                "field-renamed-in-rust",
                "      - name: token\n",
                "      - name: token\n        rust_name: key\n",
                B,
                C,
            ),
            (
                "field-renamed-on-wire",
                "      - name: token\n",
                "      - name: tok\n        rust_name: token\n",
                C,
                B,
            ),
            (
                "json-field-type-changed",
                "      - name: id\n        type: uuid\n",
                "      - name: id\n        type: string\n",
                B,
                B,
            ),
            // Another named type of another shape: not a rename.
            (
                "json-field-type-changed",
                "      - name: color\n        type: Color\n",
                "      - name: color\n        type: enum\n        type_name: Hue\n        values: [red, blue]\n",
                B,
                B,
            ),
            (
                "field-type-renamed",
                "      - name: color\n        type: Color\n",
                "      - name: color\n        type: enum\n        type_name: Hue\n        values: [green, red]\n",
                B,
                C,
            ),
            (
                "field-secret-changed",
                "      - name: token\n        type: string\n",
                "      - name: token\n        type: string\n        secret: true\n",
                B,
                C,
            ),
            (
                "response-field-became-optional",
                "      - name: token\n        type: string\n",
                "      - name: token\n        type: string\n        nullable: true\n",
                B,
                B,
            ),
            (
                "response-field-became-required",
                "      - name: note\n        type: string\n        optional: true\n",
                "      - name: note\n        type: string\n",
                B,
                C,
            ),
            (
                "response-field-got-default",
                "      - name: token\n        type: string\n",
                "      - name: token\n        type: string\n        default: x\n",
                C,
                B,
            ),
            (
                "request-field-became-optional",
                "      - name: name\n        type: string\n",
                "      - name: name\n        type: string\n        optional: true\n",
                B,
                C,
            ),
            (
                "request-field-became-required",
                "      - name: hint\n        type: string\n        optional: true\n",
                "      - name: hint\n        type: string\n",
                B,
                B,
            ),
            (
                "request-field-became-defaulted",
                "      - name: hint\n        type: string\n        optional: true\n",
                "      - name: hint\n        type: string\n        default: x\n",
                B,
                C,
            ),
            (
                "field-default-changed",
                "        default: 1\n",
                "        default: 2\n",
                C,
                C,
            ),
            (
                "field-absence-changed",
                "      - name: note\n        type: string\n        optional: true\n",
                "      - name: note\n        type: string\n        nullable: true\n",
                C,
                C,
            ),
            (
                "enum-value-added",
                "values: [red, green]",
                "values: [red, green, blue]",
                B,
                C,
            ),
            (
                "enum-value-removed",
                "values: [red, green]",
                "values: [red]",
                B,
                C,
            ),
            (
                "request-enum-value-removed",
                "values: [small, large]",
                "values: [small]",
                B,
                B,
            ),
            (
                "pattern-changed",
                "pattern: '[A-Z]+'",
                "pattern: '[A-Z0-9]+'",
                C,
                B,
            ),
            (
                "union-variant-added",
                "      - name: Square\n",
                "      - name: Triangle\n        when: triangle\n        type: object\n        fields:\n          - name: c\n            type: integer\n      - name: Square\n",
                B,
                C,
            ),
            (
                "untagged-variant-added",
                "      - name: Number\n",
                "      - name: Flag\n        type: boolean\n      - name: Number\n",
                B,
                B,
            ),
            (
                "union-variant-removed",
                "      - name: Square\n        when: square\n        type: object\n        fields:\n          - name: side\n            type: integer\n",
                "",
                B,
                C,
            ),
            (
                "request-union-variant-removed",
                "      - name: Two\n        when: two\n        type: object\n        fields:\n          - name: b\n            type: integer\n",
                "",
                B,
                B,
            ),
            (
                "union-variant-type-changed",
                "      - name: Text\n        type: string\n",
                "      - name: Text\n        type: date\n",
                B,
                B,
            ),
            (
                "union-tag-changed",
                "  Shape:\n    type: union\n    tag: kind\n",
                "  Shape:\n    type: union\n    tag: form\n",
                C,
                B,
            ),
            ("union-when-changed", "when: circle", "when: round", C, B),
            (
                "type-changed",
                "  Code:\n    type: string\n    pattern: '[A-Z]+'\n",
                "  Code:\n    type: list\n    items: { type: string }\n",
                B,
                B,
            ),
            (
                "request-body-changed",
                "type_name: Ask",
                "type_name: Question",
                B,
                B,
            ),
            (
                "outcome-added",
                "  - status: 204\n",
                "  - status: 202\n    name: queued\n  - status: 204\n",
                B,
                B,
            ),
            (
                "outcome-removed",
                "  - status: 204\n    name: empty\n",
                "",
                B,
                C,
            ),
            (
                "outcome-status-changed",
                "  - status: 204\n",
                "  - status: 205\n",
                C,
                B,
            ),
            (
                "outcome-body-changed",
                "type_name: FoundPage",
                "type_name: Page",
                B,
                B,
            ),
            (
                "outcome-headers-changed",
                "    name: empty\n",
                "    name: empty\n    headers:\n      - { name: trace_id, header: X-Trace, type: string, optional: true }\n",
                B,
                B,
            ),
            (
                "not-found-changed",
                "error:\n",
                "  - status: 404\n    not_found: true\nerror:\n",
                B,
                B,
            ),
            (
                "body-reading-changed",
                "      - name: token\n",
                "      - name: token\n        aliases: [Token]\n",
                C,
                C,
            ),
        ];
        for (rule, from, to, source, wire) in cases {
            assert_eq!(V2_TYPES.matches(from).count(), 1, "{rule}: `{from}`");
            let new = side(&V2_TYPES.replacen(from, to, 1), "new.yaml");
            let found = changes(&old, &new);
            let verdicts: Vec<_> = found.iter().map(|c| (c.rule, c.source, c.wire)).collect();
            assert!(
                verdicts.contains(&(rule, source, wire)),
                "{rule}: expected ({source:?}, {wire:?}), got {verdicts:?}"
            );
            assert!(
                !verdicts.iter().any(|(r, _, _)| *r == "body-types-changed"),
                "{rule}: the fallback fired: {verdicts:?}"
            );
            let (_, table_source, table_wire, _) = RULES
                .iter()
                .find(|(id, _, _, _)| *id == rule)
                .expect("in RULES");
            assert_eq!((*table_source, *table_wire), (source, wire), "{rule}");
        }
    }

    /// Paths as a user reads them, and the lines of the field on each side.
    #[test]
    fn version_2_changes_are_named_at_their_path_with_lines() {
        let old = side(V2_TYPES, "old.yaml");
        let new = side(
            &V2_TYPES.replace("values: [red, green]", "values: [red, green, blue]").replace(
                "      - name: tags\n        type: list\n        items:\n          type: string\n",
                "      - name: tags\n        type: list\n        items:\n          type: integer\n",
            ),
            "new.yaml",
        );
        let found = changes(&old, &new);
        let told: Vec<_> = found
            .iter()
            .map(|c| {
                (
                    c.rule,
                    c.subject.as_str(),
                    c.change.as_str(),
                    c.old.as_deref(),
                    c.new.as_deref(),
                )
            })
            .collect();
        // In the order the walk reaches the types: `Item` before `Color`.
        assert_eq!(
            told,
            [
                (
                    "json-field-type-changed",
                    "outcome `found`.items[].tags",
                    "list of string → list of integer (in `Item`)",
                    Some("old.yaml:76"),
                    Some("new.yaml:76"),
                ),
                (
                    "enum-value-added",
                    "outcome `found`.items[].color",
                    "value `blue` added (in `Color`)",
                    Some("old.yaml:9"),
                    Some("new.yaml:11"),
                ),
            ]
        );
        // A type both sent and received is judged both ways.
        let both = V2_TYPES.replace(
            "      - name: size\n        type: Size\n",
            "      - name: size\n        type: Color\n",
        );
        let found = changes(
            &side(&both, "old.yaml"),
            &side(
                &both.replace("values: [red, green]", "values: [red]"),
                "new.yaml",
            ),
        );
        assert_eq!(
            fired(&found),
            [
                ("enum-value-removed", Level::Breaking),
                ("request-enum-value-removed", Level::Breaking)
            ]
        );
        assert_eq!(found[1].wire, Level::Breaking);
    }

    #[test]
    fn every_rule_is_in_the_reference_table() {
        let reference = include_str!("../spec/README.md");
        for (id, source, wire, _) in RULES {
            let row = format!("| `{id}` | {} | {} |", word(*source), word(*wire));
            assert!(
                reference.contains(&row),
                "spec/README.md lacks the row `{row}`"
            );
        }
    }
}
