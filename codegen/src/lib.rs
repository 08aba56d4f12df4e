//! Spec model, parser, validation and code generator behind the
//! `kontur-extern` macros.
//!
//! The pipeline, as the folders hold it:
//!
//! 1. Reading. `yaml.rs` holds the YAML plumbing (a tree with a
//!    position for every value, the parser's limits, positions and
//!    messages), `tree.rs` reads that tree from the parser's events
//!    where the YAML is plain (serde-saphyr reads the rest); `shape.rs` checks a file's structure (every unknown key,
//!    missing key and wrong YAML kind at once) and writes the format's JSON
//!    Schema; [`spec`] is the file format as serde reads it.
//! 2. Version 2's types, [`types`]: type nodes as written (`source`),
//!    resolved into one type space (`resolve`), documented JSON fitted to
//!    them (`fit`), and their Rust (`expand`, also `types!`).
//! 3. One endpoint, [`endpoint`], by the parts of its HTTP exchange (names,
//!    route, parameters, body, errors, outcomes, paging, auth, examples,
//!    client, `impl Endpoint`), each part checking its piece of the spec
//!    into the [`model`] and generating its code from that model; version
//!    1's scalar types in [`scalar`].
//! 4. Many endpoints as one client, [`service`] (`api!`), a part of it
//!    (`Service::select_groups`), and the whole with each group's items
//!    behind its cargo feature ([`expand_service_gated`]), or cut into a
//!    crate per group ([`expand_service_crates`], the code of
//!    `kontur-extern-api` and its parts, written ahead of time).
//!
//! Leaves that every step may use: [`diagnostic`] (problems with file,
//! line and column, all collected), [`ident`] (which spec names can be Rust
//! identifiers, and how to spell them, so that checker and generator cannot
//! disagree), [`wire`] (facts the runtime shares, each kept equal to it by a
//! test), [`docs`] and [`markdown`] (spec text as rustdoc that is never a
//! doctest). Imports run one way, in the order `layers.rs` lists and its
//! test enforces.
//!
//! It is a plain library so that the proc-macro crate stays thin and tests,
//! the command-line tool and the test that writes `kontur-extern-api`'s
//! code can call the same code.

pub mod diagnostic;
pub mod docs;
pub mod endpoint;
pub mod ident;
mod layers;
pub mod markdown;
pub mod model;
mod on_use;
pub mod scalar;
pub mod service;
mod shape;
pub mod spec;
mod tree;
pub mod types;
mod uses;
pub mod wire;
mod yaml;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics, Position};
pub use endpoint::{Naming, Options, expand};
pub use model::Endpoint;
pub use service::{
    Service, ServiceCrates, expand_service, expand_service_crates, expand_service_gated,
    load_service,
};
pub use shape::{json_schema, keys as spec_keys};
pub use types::expand::expand_types;

/// A spec as far as it could be read.
#[derive(Debug)]
pub struct Loaded {
    /// The model built from the sound parts of the spec; `None` when the file
    /// could not be read or parsed at all.
    pub endpoint: Option<Endpoint>,
    /// Every problem found; `Ok` when there is none.
    pub problems: Result<(), Diagnostics>,
    /// The type files the spec uses (`use:`), as read: the generated code
    /// includes them too, so that it is rebuilt when they change.
    pub used_files: Vec<PathBuf>,
}

/// Parses and checks spec text; `file` names the spec in diagnostics. A
/// spec with `use:` needs [`load_file`], which knows where to look.
pub fn load_str(file: &str, text: &str) -> Loaded {
    load_text(file, text, None)
}

fn load_text(file: &str, text: &str, dir: Option<&Path>) -> Loaded {
    load_text_following(file, text, dir, true, None)
}

/// Sound specs loaded while a service loads, by file: a spec that another
/// one's `task:` or `chunks:` names, and that the service lists too, is read
/// and checked once instead of once more for each spec that names it. Only
/// specs without a `task:` or `chunks:` of their own are kept, whose load
/// is the same whether links are followed or not.
#[derive(Default)]
pub(crate) struct Loads(std::cell::RefCell<std::collections::HashMap<PathBuf, Kept>>);

/// A kept load: the name the spec was loaded under, its endpoint, and the
/// type files it used.
type Kept = (String, Endpoint, Vec<PathBuf>);

impl Loads {
    /// The spec at `path` (by where it is) loaded under the name `file`.
    fn get(&self, path: &Path, file: &str) -> Option<(Endpoint, Vec<PathBuf>)> {
        let loads = self.0.borrow();
        let (name, endpoint, used_files) = loads.get(path)?;
        (name == file).then(|| (endpoint.clone(), used_files.clone()))
    }

    /// Keeps a sound spec's load when links do not change it.
    fn keep(&self, path: PathBuf, file: &str, endpoint: &Endpoint, used_files: &[PathBuf]) {
        if endpoint.task.is_none() && endpoint.chunks.is_none() {
            self.0.borrow_mut().insert(
                path,
                (file.to_owned(), endpoint.clone(), used_files.to_vec()),
            );
        }
    }
}

/// [`load_text`]; with `follow_task`, the spec that reads the task of
/// `task:` is loaded too and the link checked (one step: the reading
/// spec's own `task:` is not followed); with `loads`, a linked spec that
/// was loaded before is taken from it.
fn load_text_following(
    file: &str,
    text: &str,
    dir: Option<&Path>,
    follow_task: bool,
    loads: Option<&Loads>,
) -> Loaded {
    match spec::parse(file, text) {
        Ok(parsed) => {
            let mut found = Vec::new();
            let mut used_files = Vec::new();
            let shared = uses::for_spec(file, &parsed.uses, dir, &mut found, &mut used_files);
            // A type file that was read but does not load would make the
            // spec's own checks report its types as unknown, and what
            // follows from that: its problems alone, until it is fixed.
            if dir.is_some() && !found.is_empty() {
                return Loaded {
                    endpoint: None,
                    problems: Err(Diagnostics::from(found)),
                    used_files,
                };
            }
            let task = parsed.task.clone();
            let chunks = parsed.chunks.clone();
            let (mut endpoint, problems) = endpoint::check_with(file, parsed, &shared);
            let sound = problems.is_ok();
            found.extend(problems.err().into_iter().flatten());
            if let (Some(task), Some(dir), true, true) = (task, dir, follow_task, sound) {
                task_link(file, &task, dir, &mut endpoint, &mut found, loads);
            }
            if let (Some(chunks), Some(dir), true, true) = (chunks, dir, follow_task, sound) {
                chunks_link(file, &chunks, dir, &mut endpoint, &mut found, loads);
            }
            Loaded {
                endpoint: Some(endpoint),
                problems: if found.is_empty() {
                    Ok(())
                } else {
                    Err(Diagnostics::from(found))
                },
                used_files,
            }
        }
        Err(problems) => Loaded {
            endpoint: None,
            problems: Err(problems),
            used_files: Vec::new(),
        },
    }
}

/// Loads the spec that reads the task of a sound spec's `task:` and checks
/// the link (`endpoint/task.rs`); the reading spec's own problems are
/// reported in its file.
fn task_link(
    file: &str,
    task: &spec::TaskSpec,
    dir: &Path,
    endpoint: &mut Endpoint,
    found: &mut Vec<Diagnostic>,
    loads: Option<&Loads>,
) {
    let Some((reader, path)) = linked(
        file,
        &task.read,
        "task.read",
        "the spec that reads the task",
        dir,
        found,
        loads,
    ) else {
        return;
    };
    let mut cx = diagnostic::Collector::new(file);
    endpoint::task::check_link(&mut cx, task, endpoint, &reader);
    found.extend(cx.finish().err().into_iter().flatten());
    if let Some(declared) = endpoint.task.as_mut() {
        declared.read_path = Some(path);
        declared.reader = Some(reader.name.clone());
    }
}

/// Loads the spec that takes the later chunks of a sound spec's `chunks:`
/// and checks the link (`endpoint/chunks.rs`).
fn chunks_link(
    file: &str,
    chunks: &spec::ChunksSpec,
    dir: &Path,
    endpoint: &mut Endpoint,
    found: &mut Vec<Diagnostic>,
    loads: Option<&Loads>,
) {
    let Some((next, path)) = linked(
        file,
        &chunks.next,
        "chunks.next",
        "the spec that takes the later chunks",
        dir,
        found,
        loads,
    ) else {
        return;
    };
    let mut cx = diagnostic::Collector::new(file);
    endpoint::chunks::check_link(&mut cx, chunks, endpoint, &next);
    found.extend(cx.finish().err().into_iter().flatten());
    if let Some(declared) = endpoint.chunks.as_mut() {
        declared.next_path = Some(path);
        declared.next_endpoint = Some(next.name.clone());
    }
}

/// The spec another one names at `key` (relative to it), loaded without
/// following its own links, and where it is; its problems are reported in
/// its own file.
fn linked(
    file: &str,
    named: &serde_saphyr::Spanned<String>,
    key: &str,
    what: &str,
    dir: &Path,
    found: &mut Vec<Diagnostic>,
    loads: Option<&Loads>,
) -> Option<(Endpoint, std::path::PathBuf)> {
    let path = dir.join(&named.value);
    let name = Path::new(file)
        .parent()
        .map(|parent| uses::lexically_normal(&parent.join(&named.value)))
        .unwrap_or_else(|| named.value.clone());
    // Where the file is, whatever path names it: the kept loads' key, and
    // what the link records.
    let canonical = uses::same_file(&path);
    if let Some((other, _)) = loads.and_then(|loads| loads.get(&canonical, &name)) {
        return Some((other, canonical));
    }
    let at = spec::position_of(named);
    let other = match read_bounded(&path) {
        Ok(Read::Text(text)) => load_text_following(&name, &text, path.parent(), false, None),
        Ok(Read::TooLarge(size)) => {
            found.push(Diagnostic {
                file: file.to_owned(),
                position: at,
                message: format!("`{key}` `{}`: {}", named.value, yaml::too_large(size)),
            });
            return None;
        }
        Err(error) => {
            found.push(Diagnostic {
                file: file.to_owned(),
                position: at,
                message: format!("cannot read `{key}`, {what} (`{}`: {error})", named.value),
            });
            return None;
        }
    };
    let Loaded {
        endpoint,
        problems,
        used_files,
    } = other;
    match (problems, endpoint) {
        (Ok(()), Some(other)) => {
            if let Some(loads) = loads {
                loads.keep(canonical.clone(), &name, &other, &used_files);
            }
            Some((other, canonical))
        }
        (Err(problems), _) => {
            found.extend(problems);
            None
        }
        (Ok(()), None) => None,
    }
}

/// Reads, parses and checks a spec file; `file` names it in diagnostics.
/// A file longer than [`spec::MAX_SPEC_BYTES`] is refused unread; type
/// files in its `use:` are read relative to it.
pub fn load_file(path: &Path, file: &str) -> Loaded {
    load_file_in(path, file, None)
}

/// [`load_file`], for a service: with `loads`, a spec loaded before (as
/// another's link) is taken from it, and a sound one kept there.
pub(crate) fn load_file_in(path: &Path, file: &str, loads: Option<&Loads>) -> Loaded {
    // With `loads`, where the file is: their key.
    let kept = loads.map(|loads| (loads, uses::same_file(path)));
    if let Some((endpoint, used_files)) = kept
        .as_ref()
        .and_then(|(loads, canonical)| loads.get(canonical, file))
    {
        return Loaded {
            endpoint: Some(endpoint),
            problems: Ok(()),
            used_files,
        };
    }
    let refused = |message: String| Loaded {
        endpoint: None,
        problems: Err(Diagnostics::from(vec![Diagnostic {
            file: file.to_owned(),
            position: None,
            message,
        }])),
        used_files: Vec::new(),
    };
    match read_bounded(path) {
        Ok(Read::Text(text)) => {
            let loaded = load_text_following(file, &text, path.parent(), true, loads);
            if let (Some((loads, canonical)), Ok(()), Some(endpoint)) =
                (kept, &loaded.problems, &loaded.endpoint)
            {
                loads.keep(canonical, file, endpoint, &loaded.used_files);
            }
            loaded
        }
        Ok(Read::TooLarge(size)) => refused(yaml::too_large(size)),
        Err(error) => refused(format!(
            "cannot read the spec file ({}): {error}",
            path.display()
        )),
    }
}

/// Reads, parses and checks a type file, for `types!`.
pub fn load_types_file(path: &Path, file: &str) -> Result<types::CheckedTypes, Diagnostics> {
    let refused = |message: String| {
        Diagnostics::from(vec![Diagnostic {
            file: file.to_owned(),
            position: None,
            message,
        }])
    };
    let text = match read_bounded(path) {
        Ok(Read::Text(text)) => text,
        Ok(Read::TooLarge(size)) => return Err(refused(yaml::too_large(size))),
        Err(error) => {
            return Err(refused(format!(
                "cannot read the type file ({}): {error}",
                path.display()
            )));
        }
    };
    // Parsed and checked with the files it uses, as a spec's `use:` would
    // (and so once for a service and the specs that use it).
    let mut used_files = Vec::new();
    let checked = uses::type_file_text(path, file, &text, &mut used_files)?;
    Ok(types::CheckedTypes {
        used_files,
        ..(*checked).clone()
    })
}

pub(crate) enum Read {
    Text(String),
    /// Longer than the limit: its size when the file system knows it.
    TooLarge(Option<u64>),
}

/// The file's text, reading at most one byte past [`spec::MAX_SPEC_BYTES`]:
/// a huge file, or a device that never ends, costs no time or memory.
pub(crate) fn read_bounded(path: &Path) -> std::io::Result<Read> {
    use std::io::Read as _;

    let limit = spec::MAX_SPEC_BYTES as u64;
    let file = std::fs::File::open(path)?;
    let size = file.metadata().ok().map(|m| m.len()).filter(|&len| len > 0);
    if size.is_some_and(|size| size > limit) {
        return Ok(Read::TooLarge(size));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Read::TooLarge(None));
    }
    String::from_utf8(bytes).map(Read::Text).map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

/// Reads and checks a spec file; the endpoint only when it has no problem.
pub fn load(path: &Path, file: &str) -> Result<Endpoint, Diagnostics> {
    let loaded = load_file(path, file);
    loaded.problems?;
    loaded.endpoint.ok_or_else(|| Diagnostics::from(Vec::new()))
}
#[cfg(test)]
mod tests;
