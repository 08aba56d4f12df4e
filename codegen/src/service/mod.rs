//! A service file: several endpoint specs and type files as one API with one
//! client (`kontur_extern::api!`), its endpoints grouped as a user thinks
//! of them (`api.accounts().get(account_id)`, `api.drafts(account_id)
//! .create(body)`).
//!
//! ```yaml
//! spec: 2
//! service:
//!   name: ExternApi
//!   doc: The Kontur.Extern API.
//! types: [types.yaml]
//! groups:
//!   - name: drafts
//!     bind: [accountId]
//!     endpoints:
//!       - { method: get, spec: get-draft.yaml }
//! ```
//!
//! `mod.rs` reads and checks, with the endpoints' own checks; `expand.rs`
//! generates, asking the endpoint parts for what each method needs;
//! `select.rs` keeps some groups and only the types they use. Nothing
//! below it imports it.

mod crates;
mod expand;
mod gate;
mod select;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

pub use self::crates::{ServiceCrates, expand_service_crates};
pub use self::expand::expand_service;
pub use self::gate::expand_service_gated;
use crate::diagnostic::{Collector, Diagnostic, Diagnostics};
use crate::model::{Endpoint, ParamKind, ParamLocation, Presence, Type};
use crate::types::CheckedTypes;
use crate::uses::same_file;
use crate::yaml::{position_of, yaml_error, yaml_options};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceFile {
    spec: Spanned<i64>,
    service: ServiceSpec,
    #[serde(default)]
    types: Vec<Spanned<String>>,
    groups: Vec<GroupSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceSpec {
    name: Spanned<String>,
    #[serde(default)]
    doc: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupSpec {
    name: Spanned<String>,
    #[serde(default)]
    doc: Option<String>,
    /// Path parameters (wire names) that the group's accessor takes once
    /// for every method: `api.drafts(account_id)`.
    #[serde(default)]
    bind: Vec<Spanned<String>>,
    /// The group whose handle reaches this one (`api.docflows(account_id)
    /// .documents(docflow_id)`), listed before it; none: the client's.
    #[serde(default)]
    under: Option<Spanned<String>>,
    /// Its method on that handle; the group's name by default.
    #[serde(default)]
    accessor: Option<Spanned<String>>,
    endpoints: Vec<EntrySpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntrySpec {
    method: Spanned<String>,
    spec: Spanned<String>,
}

/// A checked service: its type files and its endpoints, grouped.
#[derive(Clone, Debug)]
pub struct Service {
    /// The client type's name, PascalCase.
    pub name: String,
    pub doc: Option<String>,
    pub types: Vec<(CheckedTypes, PathBuf)>,
    pub groups: Vec<Group>,
    /// Every file read, for the rebuild of the crate that uses it.
    pub files: Vec<PathBuf>,
}

impl Service {
    /// The top-level groups' names, in order: a crate's cargo features.
    pub fn roots(&self) -> impl Iterator<Item = &str> {
        self.groups
            .iter()
            .filter(|group| group.under.is_none())
            .map(|group| group.name.as_str())
    }
}

/// A group of endpoints: `api.accounts()`, `api.drafts(account_id)`.
#[derive(Clone, Debug)]
pub struct Group {
    /// `snake_case`.
    pub name: String,
    pub doc: Option<String>,
    /// The path parameters its accessor takes, by wire name, with their
    /// type: a required path parameter of that type in every endpoint. A
    /// group `under` another binds the other's first, in its order.
    pub bind: Vec<(String, Type)>,
    /// The group whose handle has its accessor; `None`: the client has it.
    pub under: Option<String>,
    /// The accessor's name, `snake_case`: the group's name unless the
    /// service says another.
    pub accessor: String,
    /// `(method, endpoint)`, the method `snake_case`.
    pub endpoints: Vec<(String, Endpoint)>,
}

impl Group {
    /// The accessor's arguments: the bound parameters its parent's handle
    /// does not already hold.
    pub fn own_bind<'a>(&'a self, service: &'a Service) -> &'a [(String, Type)] {
        let held = self
            .under
            .as_deref()
            .and_then(|parent| service.groups.iter().find(|group| group.name == parent))
            .map_or(0, |parent| parent.bind.len());
        &self.bind[held.min(self.bind.len())..]
    }

    /// The top-level group it is reached through (itself when it is one).
    pub fn root<'a>(&'a self, service: &'a Service) -> &'a str {
        let mut group = self;
        // A checked service nests only under earlier groups: no cycle;
        // the bound keeps a broken one from looping.
        for _ in 0..service.groups.len() {
            match group
                .under
                .as_deref()
                .and_then(|parent| service.groups.iter().find(|g| g.name == parent))
            {
                Some(parent) => group = parent,
                None => break,
            }
        }
        &group.name
    }
}

/// Reads a service file and every spec and type file it names, relative to
/// it, with the checks of `endpoint!` and `types!`; every problem of every
/// file at once.
pub fn load_service(path: &Path, file: &str) -> Result<Service, Diagnostics> {
    let one = |message: String| {
        Diagnostics::from(vec![Diagnostic {
            file: file.to_owned(),
            position: None,
            message,
        }])
    };
    let text = match std::fs::metadata(path) {
        Ok(meta) if meta.len() > crate::yaml::MAX_SPEC_BYTES as u64 => {
            return Err(one(crate::yaml::too_large(Some(meta.len()))));
        }
        _ => std::fs::read_to_string(path)
            .map_err(|error| one(format!("cannot read the service file ({error})")))?,
    };
    let raw: ServiceFile = serde_saphyr::from_str_with_options(&text, yaml_options())
        .map_err(|error| Diagnostics::from(vec![yaml_error(file, &error)]))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut reading = Reading {
        dir,
        file,
        cx: Collector::new(file),
        found: Vec::new(),
        files: vec![path.to_owned()],
        type_files: Vec::new(),
        module_names: Vec::new(),
        modules: Vec::new(),
        spec_files: Vec::new(),
        links: Vec::new(),
        loads: crate::Loads::default(),
    };
    if raw.spec.value != 2 {
        reading.cx.error(
            position_of(&raw.spec),
            "a service file needs `spec: 2`".to_owned(),
        );
    }
    let name = raw.service.name.value.clone();
    let good_name =
        crate::ident::upper_camel_case(&name) == name && crate::ident::check(&name).is_none();
    if !good_name {
        reading.cx.error(
            position_of(&raw.service.name),
            format!("service name `{name}` must be a PascalCase Rust identifier"),
        );
    }
    let listed: Vec<(CheckedTypes, PathBuf, &Spanned<String>)> = raw
        .types
        .iter()
        .filter_map(|used| {
            reading
                .type_file(used)
                .map(|(checked, at)| (checked, at, used))
        })
        .collect();
    // A type file's module names the modules of the files it uses: the
    // service generates those too, so `types:` lists them.
    for (checked, _, listed) in &listed {
        for used in &checked.uses {
            if !reading.module_names.contains(used) {
                reading.cx.error(
                    position_of(listed),
                    format!(
                        "type file `{}` uses the type file of module `{used}`, which `types:` \
                         does not list; add it",
                        listed.value
                    ),
                );
            }
        }
    }
    let types = listed
        .into_iter()
        .map(|(checked, at, _)| (checked, at))
        .collect();
    let mut groups = Vec::new();
    let mut group_names: Vec<String> = Vec::new();
    for group in &raw.groups {
        let Some(group_name) = reading.group_name(group, &mut group_names) else {
            continue;
        };
        let mut endpoints: Vec<(String, Endpoint)> = Vec::new();
        for entry in &group.endpoints {
            let Some(method) = reading.method_name(&group_name, entry, &endpoints) else {
                continue;
            };
            if let Some(endpoint) = reading.entry(entry) {
                endpoints.push((method, endpoint));
            }
        }
        let bind = bound_params(group, &endpoints, &mut reading.cx);
        let (under, accessor) = nesting(group, &group_name, &bind, &groups, &mut reading.cx);
        groups.push(Group {
            name: group_name,
            doc: group.doc.clone(),
            bind,
            under,
            accessor,
            endpoints,
        });
    }
    let Reading {
        mut cx,
        mut found,
        mut files,
        spec_files,
        links,
        ..
    } = reading;
    for (at, target, message) in &links {
        if !target
            .as_ref()
            .is_some_and(|path| spec_files.contains(path))
        {
            cx.error(*at, message.clone());
        }
    }
    if good_name {
        generated_names_clash(&name, &raw.groups, &groups, &mut cx);
    }
    if let Err(problems) = cx.finish() {
        found.extend(problems);
    }
    if !found.is_empty() {
        return Err(Diagnostics::from(found));
    }
    files.sort();
    files.dedup();
    Ok(Service {
        name,
        doc: raw.service.doc,
        types,
        groups,
        files,
    })
}

/// What loading a service has gathered so far: its problems, every file
/// read, and the names that must stay unique across its files.
struct Reading<'a> {
    /// The service file's folder, which the files it names are relative to.
    dir: &'a Path,
    /// The service file as shown in messages.
    file: &'a str,
    cx: Collector,
    /// Problems of the files it names, each reported in its own file.
    found: Vec<Diagnostic>,
    files: Vec<PathBuf>,
    /// Type files by where they are, each once.
    type_files: Vec<PathBuf>,
    /// The modules of type files, each once.
    module_names: Vec<String>,
    /// The modules of endpoints, each once.
    modules: Vec<String>,
    /// Each endpoint's spec file, by where it is.
    spec_files: Vec<PathBuf>,
    /// The specs that the listed ones link to (the reader of a task, the
    /// next chunks' endpoint), each with where the service names the spec
    /// that links and the error if the service does not list the other.
    links: Vec<(Option<crate::diagnostic::Position>, Option<PathBuf>, String)>,
    /// The sound specs loaded so far, for the links between them.
    loads: crate::Loads,
}

impl Reading<'_> {
    /// A type file of `types:`, loaded and checked, once.
    fn type_file(&mut self, used: &Spanned<String>) -> Option<(CheckedTypes, PathBuf)> {
        let at = self.dir.join(&used.value);
        if self.type_files.contains(&same_file(&at)) {
            self.cx.error(
                position_of(used),
                format!("type file `{}` is listed twice; once is enough", used.value),
            );
            return None;
        }
        self.type_files.push(same_file(&at));
        let shown = Path::new(self.file).parent().map_or_else(
            || used.value.clone(),
            |p| p.join(&used.value).display().to_string(),
        );
        self.files.push(at.clone());
        match crate::load_types_file(&at, &shown) {
            Ok(checked) => {
                if self.module_names.contains(&checked.module) {
                    self.cx.error(
                        position_of(used),
                        format!(
                            "type file `{}` has the module name `{}` of another; the generated modules would clash",
                            used.value, checked.module
                        ),
                    );
                }
                self.module_names.push(checked.module.clone());
                Some((checked, at))
            }
            Err(problems) => {
                self.found.extend(problems);
                None
            }
        }
    }

    /// A group's name: `snake_case`, once, and not a method of the client.
    fn group_name(&mut self, group: &GroupSpec, group_names: &mut Vec<String>) -> Option<String> {
        let group_name = group.name.value.clone();
        if crate::ident::snake_case(&group_name) != group_name
            || crate::ident::check(&group_name).is_some()
        {
            self.cx.error(
                position_of(&group.name),
                format!("group name `{group_name}` must be a snake_case Rust identifier"),
            );
            return None;
        }
        if group_names.contains(&group_name)
            || matches!(group_name.as_str(), "new" | "inner" | "send" | "clone")
        {
            self.cx.error(
                position_of(&group.name),
                format!(
                    "group `{group_name}` is named twice, or like a method of the client (`new`, `inner`, `send`, `clone`)"
                ),
            );
            return None;
        }
        group_names.push(group_name.clone());
        Some(group_name)
    }

    /// A method's name: `snake_case`, once in its group, and not `clone`.
    fn method_name(
        &mut self,
        group_name: &str,
        entry: &EntrySpec,
        endpoints: &[(String, Endpoint)],
    ) -> Option<String> {
        let method = entry.method.value.clone();
        if crate::ident::snake_case(&method) != method || crate::ident::check(&method).is_some() {
            self.cx.error(
                position_of(&entry.method),
                format!("method name `{method}` must be a snake_case Rust identifier"),
            );
            return None;
        }
        if endpoints.iter().any(|(known, _)| *known == method) {
            self.cx.error(
                position_of(&entry.method),
                format!("group `{group_name}` has two methods `{method}`"),
            );
            return None;
        }
        if method == "clone" {
            self.cx.error(
                position_of(&entry.method),
                "method `clone` would hide `Clone::clone` of the group's handle; rename it"
                    .to_owned(),
            );
            return None;
        }
        Some(method)
    }

    /// The endpoint of a method's spec, loaded with every check of
    /// `endpoint!`, its type files among the service's, its module unique.
    fn entry(&mut self, entry: &EntrySpec) -> Option<Endpoint> {
        let at = self.dir.join(&entry.spec.value);
        let shown = Path::new(self.file).parent().map_or_else(
            || entry.spec.value.clone(),
            |p| p.join(&entry.spec.value).display().to_string(),
        );
        self.files.push(at.clone());
        let loaded = crate::load_file_in(&at, &shown, Some(&self.loads));
        // The types a spec uses come from the service's own modules.
        for used in &loaded.used_files {
            if !self.type_files.contains(&same_file(used)) {
                self.cx.error(
                    position_of(&entry.spec),
                    format!(
                        "`{}` uses the type file `{}`, which the service's `types:` does not list; add it there",
                        entry.spec.value,
                        used.file_name().map_or_else(
                            || used.display().to_string(),
                            |name| name.to_string_lossy().into_owned()
                        )
                    ),
                );
            }
        }
        self.files.extend(loaded.used_files);
        match (loaded.problems, loaded.endpoint) {
            (Ok(()), Some(endpoint)) => {
                if self.modules.contains(&endpoint.name) {
                    self.cx.error(
                        position_of(&entry.spec),
                        format!(
                            "endpoint `{}` is in the service twice; each spec once",
                            endpoint.name
                        ),
                    );
                    return None;
                }
                if self.module_names.contains(&endpoint.name) {
                    self.cx.error(
                        position_of(&entry.spec),
                        format!(
                            "endpoint `{}` has the name of a type file's module; the generated modules would clash",
                            endpoint.name
                        ),
                    );
                    return None;
                }
                self.modules.push(endpoint.name.clone());
                self.spec_files.push(same_file(&at));
                let spec = &entry.spec.value;
                if let Some(task) = &endpoint.task {
                    self.links.push((
                        position_of(&entry.spec),
                        task.read_path.clone(),
                        format!(
                            "`{spec}` starts a task that `{}` reads (`task.read`), which the \
                             service does not list; add it to a group, so that the call's \
                             `.wait()` can read the task",
                            task.read
                        ),
                    ));
                }
                if let Some(chunks) = &endpoint.chunks {
                    self.links.push((
                        position_of(&entry.spec),
                        chunks.next_path.clone(),
                        format!(
                            "`{spec}` takes the first chunk of a content whose other chunks `{}` \
                             takes (`chunks.next`), which the service does not list; add it to a \
                             group, so that the group's `…_from` method can send them",
                            chunks.next
                        ),
                    ));
                }
                Some(endpoint)
            }
            (Err(problems), _) => {
                self.found.extend(problems);
                None
            }
            (Ok(()), None) => None,
        }
    }
}

/// Where a group is reached: `under` a group listed before it, whose bound
/// parameters it binds first, by an accessor that names neither one of
/// that group's methods nor another accessor there.
fn nesting(
    spec: &GroupSpec,
    name: &str,
    bind: &[(String, Type)],
    before: &[Group],
    cx: &mut Collector,
) -> (Option<String>, String) {
    let accessor = match &spec.accessor {
        Some(accessor) if spec.under.is_none() => {
            cx.error(
                position_of(accessor),
                format!(
                    "group `{name}` has an `accessor` but is not `under` another group; the \
                     client's method for a group is the group's name"
                ),
            );
            name.to_owned()
        }
        Some(accessor) => {
            let value = accessor.value.clone();
            if crate::ident::snake_case(&value) != value || crate::ident::check(&value).is_some() {
                cx.error(
                    position_of(accessor),
                    format!("accessor `{value}` must be a snake_case Rust identifier"),
                );
                return (None, name.to_owned());
            }
            value
        }
        None => name.to_owned(),
    };
    let Some(under) = &spec.under else {
        return (None, accessor);
    };
    let Some(parent) = before.iter().find(|group| group.name == under.value) else {
        cx.error(
            position_of(under),
            format!(
                "group `{name}` is `under` `{}`, which is not a group listed before it",
                under.value
            ),
        );
        return (None, accessor);
    };
    let held: Vec<&str> = parent.bind.iter().map(|(wire, _)| wire.as_str()).collect();
    let starts: Vec<&str> = bind
        .iter()
        .take(held.len())
        .map(|(wire, _)| wire.as_str())
        .collect();
    let same_types = parent
        .bind
        .iter()
        .zip(bind)
        .all(|((_, parent), (_, own))| parent == own);
    if starts != held || !same_types {
        cx.error(
            position_of(under),
            format!(
                "group `{name}` is `under` `{}`, so its `bind` starts with that group's, in \
                 its order and of its types: [{}]",
                under.value,
                held.join(", ")
            ),
        );
    }
    let taken = parent
        .endpoints
        .iter()
        .any(|(method, _)| *method == accessor)
        || before.iter().any(|group| {
            group.under.as_deref() == Some(&parent.name) && group.accessor == accessor
        })
        || accessor == "clone";
    if taken {
        cx.error(
            position_of(spec.accessor.as_ref().unwrap_or(&spec.name)),
            format!(
                "accessor `{accessor}` of group `{name}` is already a method of group `{}` (or \
                 `clone`); set another with `accessor:`",
                parent.name
            ),
        );
    }
    (Some(parent.name.clone()), accessor)
}

/// The parameters a group binds: each a required path parameter of one
/// plain type (`string`, `integer` or `uuid`, which name the same Rust type
/// in every endpoint's module) in each of the group's endpoints.
fn bound_params(
    group: &GroupSpec,
    endpoints: &[(String, Endpoint)],
    cx: &mut Collector,
) -> Vec<(String, Type)> {
    let mut bound: Vec<(String, Type)> = Vec::new();
    // Endpoints that failed to load have their own errors.
    if endpoints.is_empty() {
        if let (true, Some(wire)) = (group.endpoints.is_empty(), group.bind.first()) {
            cx.error(
                position_of(wire),
                format!(
                    "group `{}` binds `{}` but has no endpoints that take it",
                    group.name.value, wire.value
                ),
            );
        }
        return bound;
    }
    for wire in &group.bind {
        let name = &wire.value;
        if bound.iter().any(|(known, _)| known == name) {
            cx.error(
                position_of(wire),
                format!("group `{}` binds `{name}` twice", group.name.value),
            );
            continue;
        }
        let mut ty: Option<&Type> = None;
        let mut fits = true;
        for (method, endpoint) in endpoints {
            let found = endpoint.request.params.iter().find_map(|param| {
                match (&param.kind, param.location) {
                    (
                        ParamKind::Caller {
                            ty,
                            secret: false,
                            presence: Presence::Required,
                        },
                        ParamLocation::Path,
                    ) if param.name == *name => Some(ty),
                    _ => None,
                }
            });
            let problem = match (found, ty) {
                (None, _) => Some(format!(
                    "group `{}` binds `{name}`, but its method `{method}` (`{} {}`) has no required path parameter `{name}`; bind only what every endpoint of the group takes in its path",
                    group.name.value,
                    endpoint.method.as_str(),
                    endpoint.path
                )),
                (Some(found), _) if !matches!(found, Type::String | Type::Integer | Type::Uuid) => {
                    Some(format!(
                        "group `{}` binds `{name}`, whose type in `{method}` is not `string`, `integer` or `uuid`; only those can be bound",
                        group.name.value
                    ))
                }
                (Some(found), Some(first)) if found != first => Some(format!(
                    "group `{}` binds `{name}`, whose type in `{method}` differs from the group's other methods",
                    group.name.value
                )),
                (Some(found), _) => {
                    ty = Some(found);
                    None
                }
            };
            if let Some(problem) = problem {
                cx.error(position_of(wire), problem);
                fits = false;
                break;
            }
        }
        if let (true, Some(ty)) = (fits, ty) {
            bound.push((name.clone(), ty.clone()));
        }
    }
    bound
}

/// Every type the service generates at its own level is named once: the
/// client, a type per group (`ExternApiDrafts`) and per method
/// (`ExternApiDraftsCreate`).
fn generated_names_clash(service: &str, raw: &[GroupSpec], groups: &[Group], cx: &mut Collector) {
    let mut names: Vec<String> = vec![service.to_owned()];
    for group in groups {
        let group_type = expand::group_type_name(service, &group.name);
        let at = raw
            .iter()
            .find(|spec| spec.name.value == group.name)
            .map(|spec| position_of(&spec.name));
        let methods = group
            .endpoints
            .iter()
            .map(|(method, _)| expand::call_type_name(service, &group.name, method));
        for name in std::iter::once(group_type).chain(methods) {
            if names.contains(&name) {
                cx.error(
                    at.flatten(),
                    format!(
                        "group `{}` makes the type `{name}`, which the service already has from another group or method; rename one",
                        group.name
                    ),
                );
            }
            names.push(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems of a service file over the shipped specs, written to a
    /// directory of its own.
    fn problems(name: &str, groups_and_types: &str) -> String {
        let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/extern");
        let dir = std::env::temp_dir().join(format!(
            "kontur-extern-service-{}-{name}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("a directory");
        let text = format!(
            "spec: 2\nservice:\n  name: Api\n{}",
            groups_and_types.replace("SPECS", &specs.display().to_string())
        );
        let path = dir.join("api.yaml");
        std::fs::write(&path, text).expect("written");
        let found = load_service(&path, "api.yaml").err();
        let _ = std::fs::remove_dir_all(&dir);
        found.map(|found| found.to_string()).unwrap_or_default()
    }

    #[test]
    fn a_spec_s_type_files_must_be_the_service_s() {
        let found = problems(
            "unlisted",
            "groups:\n  - name: docflows\n    endpoints:\n      - { method: get, spec: SPECS/get-docflow.yaml }\n",
        );
        assert!(
            found.contains(
                "uses the type file `types.yaml`, which the service's `types:` does not list"
            ),
            "{found}"
        );
    }

    #[test]
    fn a_type_file_is_listed_once() {
        let found = problems(
            "twice",
            "types: [SPECS/types.yaml, SPECS/../extern/types.yaml]\ngroups: []\n",
        );
        assert!(found.contains("is listed twice; once is enough"), "{found}");
    }

    #[test]
    fn a_group_binds_only_what_each_endpoint_takes_in_its_path() {
        // `list-accounts` has no `accountId`; `get-account` has it.
        let found = problems(
            "bind-missing",
            "types: [SPECS/types.yaml]\ngroups:\n  - name: accounts\n    bind: [accountId]\n    endpoints:\n      - { method: get, spec: SPECS/get-account.yaml }\n      - { method: list, spec: SPECS/list-accounts.yaml }\n",
        );
        assert!(
            found.contains(
                "group `accounts` binds `accountId`, but its method `list` (`GET /v1`) has no required path parameter `accountId`"
            ),
            "{found}"
        );
        // A query parameter is not bound either.
        let found = problems(
            "bind-query",
            "types: [SPECS/types.yaml]\ngroups:\n  - name: accounts\n    bind: [take]\n    endpoints:\n      - { method: list, spec: SPECS/list-accounts.yaml }\n",
        );
        assert!(
            found.contains("has no required path parameter `take`"),
            "{found}"
        );
        let found = problems(
            "bind-twice",
            "types: [SPECS/types.yaml]\ngroups:\n  - name: drafts\n    bind: [accountId, accountId]\n    endpoints:\n      - { method: get, spec: SPECS/get-draft.yaml }\n",
        );
        assert!(found.contains("binds `accountId` twice"), "{found}");
    }

    #[test]
    fn bad_names_are_reported_not_panicked_on() {
        let dir = std::env::temp_dir().join(format!(
            "kontur-extern-service-{}-badname",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).expect("a directory");
        let path = dir.join("api.yaml");
        std::fs::write(
            &path,
            "spec: 2\nservice:\n  name: Extern Api\ngroups:\n  - name: lists\n    endpoints: []\n",
        )
        .expect("written");
        let found = load_service(&path, "api.yaml")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(
            found.contains("service name `Extern Api` must be a PascalCase Rust identifier"),
            "{found}"
        );

        // `clone` would hide `Clone::clone` of the client or of a handle.
        let found = problems(
            "clone",
            "types: [SPECS/types.yaml]\ngroups:\n  - name: clone\n    endpoints: []\n  - name: drafts\n    endpoints:\n      - { method: clone, spec: SPECS/get-draft.yaml }\n",
        );
        assert!(
            found.contains("group `clone` is named twice, or like a method of the client"),
            "{found}"
        );
        assert!(
            found.contains("method `clone` would hide `Clone::clone`"),
            "{found}"
        );

        let found = problems(
            "empty",
            "groups:\n  - name: drafts\n    bind: [accountId]\n    endpoints: []\n",
        );
        assert!(
            found.contains("group `drafts` binds `accountId` but has no endpoints that take it"),
            "{found}"
        );
    }

    /// A group `under` another: the other listed before it, its `bind`
    /// first, an accessor free on the other's handle; `accessor` only with
    /// `under`. A sound nesting loads, with the accessor and its root.
    #[test]
    fn a_nested_group_is_checked_against_the_group_it_is_under() {
        let found = problems(
            "under-later",
            "types: [SPECS/types.yaml]\ngroups:\n  - name: items\n    under: drafts\n    bind: [accountId]\n    endpoints:\n      - { method: get, spec: SPECS/get-draft.yaml }\n  - name: drafts\n    bind: [accountId]\n    endpoints:\n      - { method: create, spec: SPECS/create-draft.yaml }\n",
        );
        assert!(
            found.contains(
                "group `items` is `under` `drafts`, which is not a group listed before it"
            ),
            "{found}"
        );
        let found = problems(
            "under-bind",
            "types: [SPECS/types.yaml]\ngroups:\n  - name: drafts\n    bind: [accountId]\n    endpoints:\n      - { method: create, spec: SPECS/create-draft.yaml }\n  - name: one_draft\n    under: drafts\n    bind: [draftId, accountId]\n    endpoints:\n      - { method: get, spec: SPECS/get-draft.yaml }\n",
        );
        assert!(
            found.contains("group `one_draft` is `under` `drafts`, so its `bind` starts with that group's, in its order and of its types: [accountId]"),
            "{found}"
        );
        let found = problems(
            "under-taken",
            "types: [SPECS/types.yaml]\ngroups:\n  - name: drafts\n    bind: [accountId]\n    endpoints:\n      - { method: create, spec: SPECS/create-draft.yaml }\n  - name: one_draft\n    under: drafts\n    accessor: create\n    bind: [accountId, draftId]\n    endpoints:\n      - { method: get, spec: SPECS/get-draft.yaml }\n",
        );
        assert!(
            found.contains(
                "accessor `create` of group `one_draft` is already a method of group `drafts`"
            ),
            "{found}"
        );
        let found = problems(
            "accessor-alone",
            "types: [SPECS/types.yaml]\ngroups:\n  - name: drafts\n    accessor: all_drafts\n    bind: [accountId]\n    endpoints:\n      - { method: create, spec: SPECS/create-draft.yaml }\n",
        );
        assert!(
            found.contains("group `drafts` has an `accessor` but is not `under` another group"),
            "{found}"
        );
        let sound = problems(
            "under-sound",
            "types: [SPECS/types.yaml]\ngroups:\n  - name: drafts\n    bind: [accountId]\n    endpoints:\n      - { method: create, spec: SPECS/create-draft.yaml }\n  - name: one_draft\n    under: drafts\n    accessor: draft\n    bind: [accountId, draftId]\n    endpoints:\n      - { method: get, spec: SPECS/get-draft.yaml }\n",
        );
        assert_eq!(sound, "", "{sound}");
    }

    #[test]
    fn generated_type_names_do_not_clash() {
        // Group `drafts` with method `create` and group `drafts_create`
        // both make `ApiDraftsCreate`.
        let found = problems(
            "names",
            "types: [SPECS/types.yaml]\ngroups:\n  - name: drafts\n    endpoints:\n      - { method: create, spec: SPECS/create-draft.yaml }\n  - name: drafts_create\n    endpoints:\n      - { method: get, spec: SPECS/get-draft.yaml }\n",
        );
        assert!(
            found.contains("group `drafts_create` makes the type `ApiDraftsCreate`"),
            "{found}"
        );
    }

    #[test]
    fn the_shipped_service_binds_the_account() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/extern/api.yaml");
        let service = load_service(&path, "api.yaml").expect("the shipped service");
        let bound: Vec<(&str, Vec<&str>)> = service
            .groups
            .iter()
            .map(|group| {
                (
                    group.name.as_str(),
                    group.bind.iter().map(|(wire, _)| wire.as_str()).collect(),
                )
            })
            .collect();
        // Every group binds the account first but those not of one
        // account: the user's accounts, the events feed, the handbooks.
        let (unbound, others): (Vec<_>, Vec<_>) =
            bound.iter().partition(|(_, bind)| bind.is_empty());
        let unbound: Vec<&str> = unbound.iter().map(|(name, _)| *name).collect();
        assert_eq!(unbound, ["accounts", "events", "handbooks"]);
        assert!(others.len() > 15, "{others:?}");
        for (name, bind) in others {
            assert_eq!(bind.first(), Some(&"accountId"), "{name}: {bind:?}");
        }
    }
}
