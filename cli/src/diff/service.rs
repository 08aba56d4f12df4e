//! Two service files: the service's name, its groups and methods, what a
//! group binds, its type files once, and each method's spec.

use std::path::Path;

use serde_saphyr::Spanned;

use super::{Change, type_file_changes};
use kontur_extern_codegen::spec::position_of;

/// What `diff` reads of a service file besides the checked service: where
/// each group and method is written, and which spec each method uses.
#[derive(serde::Deserialize)]
struct Layout {
    #[serde(default)]
    types: Vec<String>,
    groups: Vec<GroupLayout>,
}

#[derive(serde::Deserialize)]
struct GroupLayout {
    name: Spanned<String>,
    #[serde(default)]
    endpoints: Vec<EntryLayout>,
}

#[derive(serde::Deserialize)]
struct EntryLayout {
    method: Spanned<String>,
    spec: String,
}

struct Loaded {
    file: String,
    dir: std::path::PathBuf,
    service: kontur_extern_codegen::Service,
    layout: Layout,
}

fn load(path: &Path) -> Result<Loaded, String> {
    let file = path.display().to_string();
    let service = kontur_extern_codegen::load_service(path, &file)
        .map_err(|problems| problems.to_string())?;
    let text = std::fs::read_to_string(path).map_err(|error| format!("{file}: {error}"))?;
    let layout: Layout =
        serde_saphyr::from_str(&text).map_err(|error| format!("{file}: {error}"))?;
    Ok(Loaded {
        file,
        dir: path.parent().unwrap_or(Path::new("")).to_owned(),
        service,
        layout,
    })
}

impl Loaded {
    fn group(&self, name: &str) -> Option<&GroupLayout> {
        self.layout.groups.iter().find(|g| g.name.value == name)
    }

    fn line(&self, spanned: &Spanned<String>) -> Option<String> {
        position_of(spanned).map(|p| format!("{}:{}", self.file, p.line))
    }

    /// How a group is reached: `api.name(…)`, or `.accessor(…)` of the
    /// group it is `under`.
    fn reached(&self, group: &str) -> String {
        self.service
            .groups
            .iter()
            .find(|g| g.name == group)
            .map(|g| match &g.under {
                None => format!("`api.{}(…)`", g.accessor),
                Some(parent) => format!("`.{}(…)` of group `{parent}`", g.accessor),
            })
            .unwrap_or_default()
    }

    /// The bound parameters of a group, as `name: type`.
    fn bind(&self, group: &str) -> Vec<String> {
        self.service
            .groups
            .iter()
            .find(|g| g.name == group)
            .map(|g| {
                g.bind
                    .iter()
                    .map(|(name, ty)| format!("{name}: {}", super::type_name(ty, false)))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Every change between two service files.
pub fn service_changes(old: &Path, new: &Path) -> Result<Vec<Change>, String> {
    let (old, new) = match (load(old), load(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            return Err([old.err(), new.err()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("\n"));
        }
    };
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    if old.service.name != new.service.name {
        changes.push(Change::new(
            "service-renamed",
            "service".to_owned(),
            format!("`{}` → `{}`", old.service.name, new.service.name),
            None,
            None,
        ));
    }
    // The type files, matched by file name, each told once.
    for name in &new.layout.types {
        if old.layout.types.contains(name) {
            match type_file_changes(&old.dir.join(name), &new.dir.join(name)) {
                Ok(found) => changes.extend(found.into_iter().map(|mut change| {
                    change.subject = format!("{name}: {}", change.subject);
                    change
                })),
                Err(problem) => problems.push(problem),
            }
        }
    }
    // The specs each group's methods use, by file, to tell a
    // group or method renamed from one removed.
    let specs = |group: &GroupLayout| -> Vec<String> {
        let mut names: Vec<String> = group.endpoints.iter().map(|e| e.spec.clone()).collect();
        names.sort();
        names
    };
    for group in &new.layout.groups {
        let name = &group.name.value;
        let before = match old.group(name) {
            Some(before) => before,
            None => {
                let renamed = old
                    .layout
                    .groups
                    .iter()
                    .find(|g| new.group(&g.name.value).is_none() && specs(g) == specs(group));
                match renamed {
                    // Its methods are compared as any group's.
                    Some(was) => {
                        changes.push(Change::new(
                            "group-renamed",
                            format!("group `{name}`"),
                            format!("`{}` → `{name}`", was.name.value),
                            old.line(&was.name),
                            new.line(&group.name),
                        ));
                        was
                    }
                    None => {
                        changes.push(Change::new(
                            "group-added",
                            format!("group `{name}`"),
                            "new group".to_owned(),
                            None,
                            new.line(&group.name),
                        ));
                        continue;
                    }
                }
            }
        };
        // A top-level group is reached by its name: a rename says it.
        let (was, is) = (old.reached(&before.name.value), new.reached(name));
        if was != is && !(was.starts_with("`api.") && is.starts_with("`api.")) {
            changes.push(Change::new(
                "group-moved",
                format!("group `{name}`"),
                format!("reached as {was} → {is}"),
                old.line(&before.name),
                new.line(&group.name),
            ));
        }
        let (was, is) = (old.bind(&before.name.value), new.bind(name));
        if was != is {
            changes.push(Change::new(
                "bind-changed",
                format!("group `{name}`"),
                format!("bind [{}] → [{}]", was.join(", "), is.join(", ")),
                old.line(&before.name),
                new.line(&group.name),
            ));
        }
        for entry in &group.endpoints {
            let method = &entry.method.value;
            let subject = format!("{name}.{method}");
            let Some(prior) = before.endpoints.iter().find(|e| &e.method.value == method) else {
                let renamed = before.endpoints.iter().find(|e| {
                    e.spec == entry.spec
                        && !group
                            .endpoints
                            .iter()
                            .any(|n| n.method.value == e.method.value)
                });
                match renamed {
                    Some(was) => changes.push(Change::new(
                        "method-renamed",
                        subject,
                        format!("`{}` → `{method}`", was.method.value),
                        old.line(&was.method),
                        new.line(&entry.method),
                    )),
                    None => changes.push(Change::new(
                        "method-added",
                        subject,
                        format!("new method, `{}`", entry.spec),
                        None,
                        new.line(&entry.method),
                    )),
                }
                continue;
            };
            // The type files' changes are told once, above.
            super::spec_changes(
                &old.dir.join(&prior.spec),
                &new.dir.join(&entry.spec),
                &subject,
                &mut changes,
                &mut problems,
            );
        }
        for entry in &before.endpoints {
            let gone = !group
                .endpoints
                .iter()
                .any(|e| e.method.value == entry.method.value)
                && !group.endpoints.iter().any(|e| {
                    e.spec == entry.spec
                        && !before
                            .endpoints
                            .iter()
                            .any(|b| b.method.value == e.method.value)
                });
            if gone {
                changes.push(Change::new(
                    "method-removed",
                    format!("{name}.{}", entry.method.value),
                    format!("removed (was `{}`)", entry.spec),
                    old.line(&entry.method),
                    None,
                ));
            }
        }
    }
    for group in &old.layout.groups {
        let name = &group.name.value;
        let renamed = new
            .layout
            .groups
            .iter()
            .any(|g| old.group(&g.name.value).is_none() && specs(g) == specs(group));
        if new.group(name).is_none() && !renamed {
            changes.push(Change::new(
                "group-removed",
                format!("group `{name}`"),
                "removed".to_owned(),
                old.line(&group.name),
                None,
            ));
        }
    }
    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(problems.join("\n"))
    }
}
