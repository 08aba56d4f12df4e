//! Writes `benches/compile/hand-api`: the shipped service
//! (`spec/extern/api.yaml`) and the two token specs, as the code a person
//! writes by hand against reqwest and serde: `#[derive(Serialize,
//! Deserialize)]` structs and enums with `#[serde(rename = …)]`, `Option`
//! for optional fields, unions as enums (adjacently tagged and flattened
//! into the parent where the parent holds the tag, internally tagged where
//! the union does, untagged otherwise), and
//! one `async fn` per endpoint on one `Client` (the path formatted, the
//! query, a JSON or bytes body, the bearer header, `error_for_status`,
//! `.json()`). One cargo feature per top-level group, as
//! `kontur-extern-api` has, and each shared type compiled only with a
//! feature whose endpoints use it, as that crate's features keep them.
//!
//! The specs are read with `kontur_extern_codegen::load_service`, so that
//! the types and names are the generated client's; only the output is
//! written in the style of a person. What it leaves out (retries, error
//! bodies, examples, paging streams, task waits, response headers,
//! validation of patterns, case-insensitive enums): BENCHMARKS.md.
//!
//! From the repository's root, with the workspace's `Cargo.lock` copied
//! beside its manifest (as `benches/compile/api.sh` does):
//!
//!     cargo run --release --manifest-path benches/compile/hand-gen/Cargo.toml -- spec benches/compile/hand-api

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use heck::{ToSnakeCase, ToUpperCamelCase};
use kontur_extern_codegen::model::{
    Auth, BodyEncoding, Endpoint, Method, ParamKind, ParamLocation, Presence, Type,
};
use kontur_extern_codegen::service::Service;
use kontur_extern_codegen::types::model::{FieldPresence, ItemId, ItemKind, Origin, Ty, TypeSpace};

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

fn ident(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

fn load(spec: &Path) -> Service {
    match kontur_extern_codegen::load_service(&spec.join("extern/api.yaml"), "api.yaml") {
        Ok(service) => service,
        Err(problems) => {
            for problem in problems.iter() {
                eprintln!("{problem}");
            }
            std::process::exit(1);
        }
    }
}

/// `///` lines of a doc text, indented.
fn doc(out: &mut String, indent: &str, text: Option<&str>) {
    if let Some(text) = text {
        for line in text.trim_end().lines() {
            let line = line.trim_end();
            if line.is_empty() {
                let _ = writeln!(out, "{indent}///");
            } else {
                let _ = writeln!(out, "{indent}/// {line}");
            }
        }
    }
}

/// Where the code being written lives, to name the types it uses.
struct Scope<'a> {
    space: &'a TypeSpace,
    /// Names of the shared (type file) items, by name: their module.
    shared: &'a BTreeMap<String, String>,
    /// The module the code is in, when it is a type file's.
    module: Option<&'a str>,
}

impl Scope<'_> {
    /// A union tagged in its parent, as a person writes it with serde:
    /// adjacently tagged (`tag`, `content`), flattened into the parent in
    /// place of the tag's field and the union's; `(tag, content)`. `None`
    /// when a variant is chosen by a prefix, or no object here holds it.
    fn adjacent(&self, id: ItemId) -> Option<(String, String)> {
        let ItemKind::Union(union) = &self.space.get(id).kind else {
            return None;
        };
        let tag = union.tag.as_ref().filter(|tag| tag.in_parent)?;
        if union
            .variants
            .iter()
            .any(|v| v.when.is_empty() || !v.when_prefix.is_empty())
        {
            return None;
        }
        let content = self.space.items.iter().find_map(|item| match &item.kind {
            ItemKind::Object(fields) => fields
                .iter()
                .find(|field| field.ty.bare() == &Ty::Item(id))
                .filter(|_| fields.iter().any(|f| f.wire == tag.key))
                .map(|field| field.wire.clone()),
            _ => None,
        })?;
        Some((tag.key.clone(), content))
    }

    fn ty(&self, ty: &Ty) -> String {
        match ty {
            Ty::String { .. } => "String".into(),
            Ty::Integer => "i64".into(),
            Ty::Number => "f64".into(),
            Ty::Boolean => "bool".into(),
            Ty::DurationSeconds => "u64".into(),
            Ty::Url => "url::Url".into(),
            Ty::Uuid => "uuid::Uuid".into(),
            Ty::DateTime => "chrono::DateTime<chrono::FixedOffset>".into(),
            Ty::Date => "chrono::NaiveDate".into(),
            // Base64 text, left as the server sends it.
            Ty::Bytes => "String".into(),
            Ty::Json => "serde_json::Value".into(),
            Ty::List(inner) => format!("Vec<{}>", self.ty(inner)),
            Ty::Map(keys, values) => format!(
                "std::collections::HashMap<{}, {}>",
                self.ty(keys),
                self.ty(values)
            ),
            Ty::Nullable(inner) => format!("Option<{}>", self.ty(inner)),
            Ty::Item(id) => {
                let item = self.space.get(*id);
                let module = match &item.origin {
                    Origin::Shared { module } => Some(module.as_str()),
                    // A type a type file declares inline, which an endpoint's
                    // space repeats: the person writes it once, there.
                    Origin::Local => self.shared.get(&item.name).map(String::as_str),
                };
                match module {
                    Some(module) if Some(module) != self.module => {
                        format!("crate::{module}::{}", item.name)
                    }
                    _ => item.name.clone(),
                }
            }
        }
    }

    /// Every local item of the space, as a person writes it; `cfg` before each.
    fn items(&self, out: &mut String, cfg: &dyn Fn(&str) -> Option<String>) {
        for (index, item) in self.space.items.iter().enumerate() {
            if item.origin != Origin::Local {
                continue;
            }
            if self.module.is_none() && self.shared.contains_key(&item.name) {
                continue;
            }
            let Some(cfg) = cfg(&item.name) else { continue };
            out.push('\n');
            doc(out, "", item.doc.as_deref());
            out.push_str(&cfg);
            let name = &item.name;
            match &item.kind {
                ItemKind::Object(fields) => {
                    out.push_str("#[derive(Debug, Clone, Serialize, Deserialize)]\n");
                    let _ = writeln!(out, "pub struct {name} {{");
                    // Unions tagged here: their tag's key, and the field that holds each.
                    let flattened: Vec<(String, &str)> = fields
                        .iter()
                        .filter_map(|field| match field.ty.bare() {
                            Ty::Item(id) => self
                                .adjacent(*id)
                                .filter(|(tag, content)| {
                                    *content == field.wire && fields.iter().any(|f| f.wire == *tag)
                                })
                                .map(|(tag, _)| (tag, field.wire.as_str())),
                            _ => None,
                        })
                        .collect();
                    for field in fields {
                        if flattened.iter().any(|(tag, _)| *tag == field.wire) {
                            continue;
                        }
                        if flattened.iter().any(|(_, content)| *content == field.wire) {
                            doc(out, "    ", field.doc.as_deref());
                            let ty = match (&field.presence, &field.ty) {
                                (FieldPresence::Required, Ty::Item(_)) => self.ty(&field.ty),
                                _ => format!("Option<{}>", self.ty(field.ty.bare())),
                            };
                            let _ = writeln!(out, "    #[serde(flatten)]");
                            let _ = writeln!(out, "    pub {}: {ty},", ident(&field.rust));
                            continue;
                        }
                        doc(out, "    ", field.doc.as_deref());
                        let mut attrs = Vec::new();
                        if field.wire != field.rust {
                            attrs.push(format!("rename = \"{}\"", field.wire));
                        }
                        for alias in &field.aliases {
                            attrs.push(format!("alias = \"{alias}\""));
                        }
                        let ty = match (&field.presence, &field.ty) {
                            (FieldPresence::Required, _) => self.ty(&field.ty),
                            (_, Ty::Nullable(_)) => {
                                attrs.push("default".into());
                                self.ty(&field.ty)
                            }
                            _ => {
                                attrs.push("default".into());
                                attrs.push("skip_serializing_if = \"Option::is_none\"".into());
                                format!("Option<{}>", self.ty(&field.ty))
                            }
                        };
                        if !attrs.is_empty() {
                            let _ = writeln!(out, "    #[serde({})]", attrs.join(", "));
                        }
                        let _ = writeln!(out, "    pub {}: {ty},", ident(&field.rust));
                    }
                    out.push_str("}\n");
                }
                ItemKind::Enum(en) => {
                    out.push_str(
                        "#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]\n",
                    );
                    let _ = writeln!(out, "pub enum {name} {{");
                    let mut seen = BTreeSet::new();
                    for value in &en.values {
                        let _ = writeln!(out, "    #[serde(rename = \"{value}\")]");
                        let _ = writeln!(out, "    {},", variant_name(value, &mut seen));
                    }
                    out.push_str("    /// A value not listed here, kept as it came.\n");
                    out.push_str("    #[serde(untagged)]\n    Unknown(String),\n}\n");
                }
                ItemKind::Pattern(_) => {
                    out.push_str(
                        "#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]\n",
                    );
                    out.push_str("#[serde(transparent)]\n");
                    let _ = writeln!(out, "pub struct {name}(pub String);");
                }
                ItemKind::Alias(ty) => {
                    let _ = writeln!(out, "pub type {name} = {};", self.ty(ty));
                }
                ItemKind::Union(union) => {
                    out.push_str("#[derive(Debug, Clone, Serialize, Deserialize)]\n");
                    let tagged = union.tag.as_ref().filter(|tag| {
                        !tag.in_parent
                            && union.variants.iter().all(|v| {
                                v.when_prefix.is_empty()
                                    && !v.when.is_empty()
                                    && matches!(v.ty, Ty::Item(id)
                                        if matches!(self.space.get(id).kind, ItemKind::Object(_)))
                            })
                    });
                    let adjacent = self.adjacent(ItemId(index));
                    match (tagged, &adjacent) {
                        (Some(tag), _) => {
                            let _ = writeln!(out, "#[serde(tag = \"{}\")]", tag.key);
                        }
                        (None, Some((tag, content))) => {
                            let _ =
                                writeln!(out, "#[serde(tag = \"{tag}\", content = \"{content}\")]");
                        }
                        (None, None) => out.push_str("#[serde(untagged)]\n"),
                    }
                    let tagged = tagged.is_some() || adjacent.is_some();
                    let _ = writeln!(out, "pub enum {name} {{");
                    for variant in &union.variants {
                        doc(out, "    ", variant.doc.as_deref());
                        if tagged {
                            let mut attrs = vec![format!("rename = \"{}\"", variant.when[0])];
                            for other in &variant.when[1..] {
                                attrs.push(format!("alias = \"{other}\""));
                            }
                            let _ = writeln!(out, "    #[serde({})]", attrs.join(", "));
                        }
                        let _ = writeln!(out, "    {}({}),", variant.name, self.ty(&variant.ty));
                    }
                    if tagged {
                        out.push_str("    /// A kind not listed here.\n");
                        out.push_str("    #[serde(other)]\n    Unknown,\n}\n");
                    } else {
                        out.push_str("    /// Any other JSON.\n");
                        out.push_str("    Other(serde_json::Value),\n}\n");
                    }
                }
            }
        }
    }
}

fn variant_name(value: &str, seen: &mut BTreeSet<String>) -> String {
    let mut name = value.to_upper_camel_case();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name = format!("V{name}");
    }
    name.retain(|c| c.is_ascii_alphanumeric());
    let mut unique = name.clone();
    let mut n = 2;
    while !seen.insert(unique.clone()) {
        unique = format!("{name}{n}");
        n += 1;
    }
    unique
}

/// A parameter's Rust type as an argument.
fn param_ty(ty: &Type) -> String {
    match ty {
        Type::String | Type::Url | Type::Enum(_) => "&str".into(),
        Type::Integer => "i64".into(),
        Type::Boolean => "bool".into(),
        Type::DurationSeconds => "u64".into(),
        Type::Uuid => "uuid::Uuid".into(),
        Type::DateTime => "chrono::DateTime<chrono::FixedOffset>".into(),
        Type::List(inner) => format!("&[{}]", param_ty(inner)),
    }
}

/// A parameter value as the text it is sent as.
fn to_text(ty: &Type, value: &str) -> String {
    match ty {
        Type::DateTime => format!("{value}.to_rfc3339()"),
        _ => format!("{value}.to_string()"),
    }
}

/// One endpoint's module: its own types and its method on `Client`.
fn endpoint_module(
    out: &mut String,
    method_name: &str,
    endpoint: &Endpoint,
    shared: &BTreeMap<String, String>,
) {
    let scope = Scope {
        space: &endpoint.types,
        shared,
        module: None,
    };
    out.push('\n');
    let _ = writeln!(out, "/// {}", endpoint.summary);
    let _ = writeln!(out, "pub mod {} {{", endpoint.name);
    let mut body = String::new();
    scope.items(&mut body, &|_| Some(String::new()));
    let has_items = !body.is_empty();

    // v1: the response fields as a struct.
    let v1_response = endpoint.response.body.is_none()
        && endpoint.outcomes.is_none()
        && !endpoint.response.fields.is_empty();
    if v1_response {
        body.push_str("\n#[derive(Debug, Clone, Deserialize)]\npub struct Response {\n");
        let mut enums = String::new();
        for field in &endpoint.response.fields {
            doc(&mut body, "    ", field.doc.as_deref());
            let ty = match &field.ty {
                Type::Enum(values) => {
                    let name = field.name.to_upper_camel_case();
                    enums.push_str("\n#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]\n");
                    let _ = writeln!(enums, "pub enum {name} {{");
                    let mut seen = BTreeSet::new();
                    for value in values {
                        let _ = writeln!(enums, "    #[serde(rename = \"{value}\")]");
                        let _ = writeln!(enums, "    {},", variant_name(value, &mut seen));
                    }
                    enums.push_str("    #[serde(untagged)]\n    Unknown(String),\n}\n");
                    name
                }
                Type::Url => "url::Url".into(),
                Type::String => "String".into(),
                other => param_ty(other),
            };
            let ty = if field.optional || field.nullable {
                body.push_str("    #[serde(default)]\n");
                format!("Option<{ty}>")
            } else {
                ty
            };
            let _ = writeln!(
                body,
                "    pub {}: {ty},",
                ident(&field.name.to_snake_case())
            );
        }
        body.push_str("}\n");
        body.push_str(&enums);
    }
    if has_items {
        body.insert_str(0, "use serde::{Deserialize, Serialize};\n");
    } else if v1_response {
        body.insert_str(0, "use serde::Deserialize;\n");
    }

    // What the call returns.
    let mut decode = String::new();
    let ok_ty;
    let success = endpoint.outcomes.as_ref().and_then(|outcomes| {
        outcomes
            .listed
            .iter()
            .find(|outcome| !outcome.at_error_status())
    });
    if let Some(outcome) = success {
        if let Some(ty) = &outcome.body {
            ok_ty = scope.ty(ty);
            decode.push_str("response.json().await?");
        } else if outcome.binary {
            ok_ty = "Vec<u8>".into();
            decode.push_str("response.bytes().await?.to_vec()");
        } else if outcome.text {
            ok_ty = "String".into();
            decode.push_str("response.text().await?");
        } else {
            ok_ty = "()".into();
            decode.push_str("()");
        }
    } else if let Some(ty) = &endpoint.response.body {
        ok_ty = scope.ty(ty);
        decode.push_str("response.json().await?");
    } else if v1_response {
        ok_ty = "Response".into();
        decode.push_str("response.json().await?");
    } else if endpoint.response.content_type.contains("json") {
        ok_ty = "()".into();
        decode.push_str("()");
    } else {
        ok_ty = "Vec<u8>".into();
        decode.push_str("response.bytes().await?.to_vec()");
    }
    let not_found = endpoint
        .outcomes
        .as_ref()
        .is_some_and(|outcomes| outcomes.not_found);

    // The arguments: path, query, header and form parameters, then the body.
    let mut args = Vec::new();
    let mut path_args: BTreeMap<&str, String> = BTreeMap::new();
    let mut query = String::new();
    let mut headers = String::new();
    let mut form = String::new();
    let mut has_content_type = false;
    for param in &endpoint.request.params {
        let rust = ident(&param.name.to_snake_case().replace('-', "_"));
        let (ty, presence) = match &param.kind {
            ParamKind::Constant(value) => {
                let text = value.to_wire();
                match param.location {
                    ParamLocation::Query => {
                        let _ = writeln!(
                            query,
                            "    query.push((\"{}\", \"{text}\".to_owned()));",
                            param.name
                        );
                    }
                    ParamLocation::Header => {
                        has_content_type |= param.name.eq_ignore_ascii_case("content-type");
                        let _ =
                            writeln!(headers, "        .header(\"{}\", \"{text}\")", param.name);
                    }
                    ParamLocation::Body => {
                        let _ =
                            writeln!(form, "        (\"{}\", \"{text}\".to_owned()),", param.name);
                    }
                    ParamLocation::Path => {
                        path_args.insert(&param.name, format!("\"{text}\""));
                    }
                }
                continue;
            }
            ParamKind::Caller { ty, presence, .. } => (ty, presence),
        };
        let optional = !matches!(presence, Presence::Required);
        let arg_ty = param_ty(ty);
        args.push(if optional {
            format!("{rust}: Option<{arg_ty}>")
        } else {
            format!("{rust}: {arg_ty}")
        });
        match param.location {
            ParamLocation::Path => {
                path_args.insert(&param.name, rust.clone());
            }
            ParamLocation::Query => {
                let push = |value: &str, elem: &Type| {
                    format!(
                        "query.push((\"{}\", {}));",
                        param.name,
                        to_text(elem, value)
                    )
                };
                let bound = if optional { "value" } else { rust.as_str() };
                let line = match ty {
                    Type::List(inner) => {
                        format!("for value in {bound} {{ {} }}", push("value", inner))
                    }
                    other => push(bound, other),
                };
                if optional {
                    let _ = writeln!(query, "    if let Some(value) = {rust} {{ {line} }}");
                } else {
                    let _ = writeln!(query, "    {line}");
                }
            }
            ParamLocation::Header => {
                has_content_type |= param.name.eq_ignore_ascii_case("content-type");
                if optional {
                    let _ = writeln!(
                        headers,
                        "    if let Some(value) = {rust} {{ request = request.header(\"{}\", {}); }}",
                        param.name,
                        to_text(ty, "value")
                    );
                } else {
                    let _ = writeln!(
                        headers,
                        "    request = request.header(\"{}\", {});",
                        param.name,
                        to_text(ty, &rust)
                    );
                }
            }
            ParamLocation::Body => {
                if optional {
                    let _ = writeln!(
                        form,
                        "    if let Some(value) = {rust} {{ form.push((\"{}\", {})); }}",
                        param.name,
                        to_text(ty, "value")
                    );
                } else {
                    let _ = writeln!(
                        form,
                        "    form.push((\"{}\", {}));",
                        param.name,
                        to_text(ty, &rust)
                    );
                }
            }
        }
    }
    match endpoint.request.body {
        BodyEncoding::Json => {
            if let Some(ty) = &endpoint.request.json {
                args.push(format!("body: &{}", scope.ty(ty)));
            }
        }
        BodyEncoding::Binary => args.push("body: Vec<u8>".into()),
        BodyEncoding::Form => {}
    }

    // The path, formatted.
    let mut format = String::from("{}");
    let mut format_args = vec!["self.base_url".to_owned()];
    let mut rest = endpoint.path.as_str();
    while let Some(open) = rest.find('{') {
        format.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let name = &rest[open + 1..close];
        format.push_str("{}");
        format_args.push(
            path_args
                .get(name)
                .cloned()
                .unwrap_or_else(|| ident(&name.to_snake_case())),
        );
        rest = &rest[(close + 1).min(rest.len())..];
    }
    format.push_str(rest);

    let returns = if not_found {
        format!("Option<{ok_ty}>")
    } else {
        ok_ty.clone()
    };
    body.push_str("\nimpl crate::Client {\n");
    doc(&mut body, "    ", Some(&endpoint.summary));
    if let Some(text) = &endpoint.doc {
        body.push_str("    ///\n");
        doc(&mut body, "    ", Some(text));
    }
    let _ = writeln!(
        body,
        "    pub async fn {method_name}(&self{}) -> Result<{returns}, crate::Error> {{",
        args.iter().map(|a| format!(", {a}")).collect::<String>()
    );
    let _ = writeln!(
        body,
        "        let url = format!(\"{format}\", {});",
        format_args.join(", ")
    );
    let method = match endpoint.method {
        Method::Get => "get",
        Method::Post => "post",
        Method::Put => "put",
        Method::Patch => "patch",
        Method::Delete => "delete",
    };
    let _ = writeln!(body, "        let mut request = self.http.{method}(url);");
    if !query.is_empty() {
        body.push_str("        let mut query: Vec<(&str, String)> = Vec::new();\n");
        for line in query.lines() {
            let _ = writeln!(body, "    {line}");
        }
        body.push_str("        request = request.query(&query);\n");
    }
    for line in headers.lines() {
        if line.starts_with("        .") {
            let _ = writeln!(body, "        request = request{};", line.trim());
        } else {
            let _ = writeln!(body, "    {line}");
        }
    }
    if endpoint.auth == Auth::Bearer {
        body.push_str("        request = request.bearer_auth(&self.token);\n");
    }
    match endpoint.request.body {
        BodyEncoding::Json if endpoint.request.json.is_some() => {
            body.push_str("        request = request.json(body);\n");
        }
        BodyEncoding::Binary => {
            if !has_content_type {
                body.push_str(
                    "        request = request.header(\"Content-Type\", \"application/octet-stream\");\n",
                );
            }
            body.push_str("        request = request.body(body);\n");
        }
        BodyEncoding::Form if !form.is_empty() => {
            body.push_str("        let mut form: Vec<(&str, String)> = Vec::new();\n");
            for line in form.lines() {
                if let Some(pair) = line.trim().strip_suffix(',') {
                    let _ = writeln!(body, "        form.push({pair});");
                } else {
                    let _ = writeln!(body, "    {line}");
                }
            }
            body.push_str("        request = request.form(&form);\n");
        }
        _ => {}
    }
    body.push_str("        let response = request.send().await?;\n");
    if not_found {
        body.push_str(
            "        if response.status() == reqwest::StatusCode::NOT_FOUND {\n            return Ok(None);\n        }\n",
        );
    }
    let value = if decode == "()" {
        body.push_str("        response.error_for_status()?;\n");
        "()".to_owned()
    } else {
        body.push_str("        let response = response.error_for_status()?;\n");
        decode
    };
    if not_found {
        let _ = writeln!(body, "        Ok(Some({value}))");
    } else {
        let _ = writeln!(body, "        Ok({value})");
    }
    body.push_str("    }\n}\n");
    for line in body.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "    {line}");
        }
    }
    out.push_str("}\n");
}

fn write(path: &Path, text: &str) {
    if let Err(error) = std::fs::write(path, text) {
        eprintln!("cannot write {}: {error}", path.display());
        std::process::exit(1);
    }
}

const HEADER: &str = "// Written by benches/compile/hand-gen from the specs, in the style of\n\
// code written by hand (see BENCHMARKS.md, \"Compile time\"). Regenerate\n\
// rather than edit.\n";

fn main() {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [spec, out] = args.as_slice() else {
        eprintln!("usage: compile-hand-gen SPEC_DIR OUT_CRATE_DIR");
        std::process::exit(2);
    };
    let service = load(spec);
    let root_of: BTreeMap<String, String> = service
        .groups
        .iter()
        .map(|group| (group.name.clone(), group.root(&service).to_owned()))
        .collect();
    let tops: Vec<String> = service
        .groups
        .iter()
        .filter(|group| group.under.is_none())
        .map(|group| group.name.clone())
        .collect();

    // Which top-level groups use each shared type (module, name).
    let mut users: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for top in &tops {
        let mut part = load(spec);
        part.select_groups(|group| group == top);
        for (checked, _) in &part.types {
            for item in &checked.space.items {
                users
                    .entry((checked.module.clone(), item.name.clone()))
                    .or_default()
                    .push(top.clone());
            }
        }
    }
    let mut shared: BTreeMap<String, String> = BTreeMap::new();
    for (checked, _) in &service.types {
        for item in &checked.space.items {
            if item.origin == Origin::Local {
                shared
                    .entry(item.name.clone())
                    .or_insert_with(|| checked.module.clone());
            }
        }
    }

    let src = out.join("src");
    if let Err(error) = std::fs::create_dir_all(&src) {
        eprintln!("cannot create {}: {error}", src.display());
        std::process::exit(1);
    }
    let mut lib = String::from(HEADER);
    lib.push_str(
        "//! The Kontur.Extern API as a person writes it by hand with serde derives\n\
         //! and reqwest: the benchmark baseline of `kontur-extern-api`.\n\n\
         #![allow(clippy::all)]\n\n",
    );
    // Type files.
    for (checked, _) in &service.types {
        let module = &checked.module;
        let scope = Scope {
            space: &checked.space,
            shared: &shared,
            module: Some(module),
        };
        let mut text = String::from(HEADER);
        // Unused when the enabled features need none of the file's types.
        text.push_str("#[allow(unused_imports)]\nuse serde::{Deserialize, Serialize};\n");
        scope.items(&mut text, &|name| {
            let groups = users.get(&(module.clone(), name.to_owned()))?;
            let features: Vec<String> = groups
                .iter()
                .map(|group| format!("feature = \"{group}\""))
                .collect();
            Some(format!("#[cfg(any({}))]\n", features.join(", ")))
        });
        write(&src.join(format!("{module}.rs")), &text);
        let _ = writeln!(lib, "pub mod {module};");
    }
    // Groups, each in its file, compiled with its top-level group's feature.
    for group in &service.groups {
        let mut text = String::from(HEADER);
        for line in group.doc.as_deref().unwrap_or_default().trim_end().lines() {
            let _ = writeln!(text, "// {line}");
        }
        for (method, endpoint) in &group.endpoints {
            endpoint_module(
                &mut text,
                &format!("{}_{method}", group.name),
                endpoint,
                &shared,
            );
        }
        write(&src.join(format!("{}.rs", group.name)), &text);
        let _ = writeln!(
            lib,
            "#[cfg(feature = \"{}\")]\npub mod {};",
            root_of[&group.name], group.name
        );
    }
    // The identity server's token endpoints, as kontur-extern-api has them.
    let mut tokens = String::from(HEADER);
    for file in ["password-token.yaml", "refresh-token.yaml"] {
        let endpoint = match kontur_extern_codegen::load(&spec.join(file), file) {
            Ok(endpoint) => endpoint,
            Err(problems) => {
                for problem in problems.iter() {
                    eprintln!("{problem}");
                }
                std::process::exit(1);
            }
        };
        endpoint_module(&mut tokens, &endpoint.name.clone(), &endpoint, &shared);
    }
    write(&src.join("token.rs"), &tokens);
    lib.push_str("pub mod token;\n");
    lib.push_str(
        "\n/// What a call can fail with: transport, status and decoding alike.\n\
         pub type Error = reqwest::Error;\n\n\
         /// One client for every endpoint, with its base URL and a bearer token.\n\
         #[derive(Clone)]\n\
         pub struct Client {\n    http: reqwest::Client,\n    base_url: String,\n    token: String,\n}\n\n\
         impl Client {\n\
         \x20   /// A client of the API at `base_url` (no trailing slash), sending `token`.\n\
         \x20   pub fn new(base_url: impl Into<String>, token: impl Into<String>) -> Self {\n\
         \x20       Self {\n\
         \x20           http: reqwest::Client::new(),\n\
         \x20           base_url: base_url.into(),\n\
         \x20           token: token.into(),\n\
         \x20       }\n\
         \x20   }\n\
         }\n",
    );
    write(&src.join("lib.rs"), &lib);

    let mut manifest = String::from(
        "# Written by benches/compile/hand-gen: the baseline of kontur-extern-api's\n\
         # compile time (benches/compile/api.sh); never built by the workspace.\n\
         [package]\nname = \"compile-hand-api\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         # One feature per top-level group, as kontur-extern-api has.\n[features]\n",
    );
    let _ = writeln!(
        manifest,
        "default = [{}]",
        tops.iter()
            .map(|top| format!("\"{top}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for top in &tops {
        let _ = writeln!(manifest, "{top} = []");
    }
    manifest.push_str(
        "\n[dependencies]\n\
         # The same versions as the runtime's; no TLS, as the API crate is built here.\n\
         chrono = { version = \"0.4.41\", default-features = false, features = [\"std\", \"serde\"] }\n\
         reqwest = { version = \"0.13\", default-features = false, features = [\"http2\", \"json\", \"query\", \"form\"] }\n\
         serde = { version = \"1.0\", features = [\"derive\"] }\n\
         serde_json = \"1.0\"\n\
         url = { version = \"2.5\", features = [\"serde\"] }\n\
         uuid = { version = \"1.18\", default-features = false, features = [\"std\", \"serde\"] }\n\n\
         [workspace]\n",
    );
    write(&out.join("Cargo.toml"), &manifest);
}
