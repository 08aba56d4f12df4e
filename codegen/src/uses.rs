//! The type files a spec or a type file uses (`use:`), read and checked
//! with the type files they use in turn: each once, every file after the
//! files it uses, and a circle of files refused.

use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::types::source::Text;
use crate::types::{CheckedTypes, SharedTypes};
use crate::{Read, read_bounded, spec, types, yaml};

/// The type files of a spec's `use:`, relative to `dir`, with the files
/// they use: what the spec's types are checked against. A file with
/// problems is reported under its own name and left out.
pub(crate) fn for_spec(
    file: &str,
    uses: &[serde_saphyr::Spanned<String>],
    dir: Option<&Path>,
    found: &mut Vec<Diagnostic>,
    used_files: &mut Vec<PathBuf>,
) -> Vec<SharedTypes> {
    let uses: Vec<Text> = uses
        .iter()
        .map(|used| Text {
            value: used.value.clone(),
            at: spec::position_of(used),
        })
        .collect();
    let mut loader = Loader {
        found,
        used_files,
        loaded: Vec::new(),
        chain: Vec::new(),
    };
    let direct = loader.load(file, &uses, dir);
    loader.shared(&direct)
}

/// The type file at `path`, named `file`, with text `text`: parsed, the
/// files it uses loaded (each into `used_files`) and checked, and itself
/// checked against them, or the problems found. Kept per thread as the
/// files a spec uses are, so a service's type file and the specs that use
/// it parse and check it once.
pub(crate) fn type_file_text(
    path: &Path,
    file: &str,
    text: &str,
    used_files: &mut Vec<PathBuf>,
) -> Result<Rc<CheckedTypes>, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let mut loader = Loader {
        found: &mut found,
        used_files,
        loaded: Vec::new(),
        chain: Vec::new(),
    };
    // `None` comes with the problems, and only `None` does.
    let checked = loader.check_text(&same_file(path), file, text, path.parent());
    checked.map(|(checked, _)| checked).ok_or(found)
}

struct Loader<'a> {
    found: &'a mut Vec<Diagnostic>,
    used_files: &'a mut Vec<PathBuf>,
    /// Each file loaded, by where it is, after the files it uses.
    loaded: Vec<(PathBuf, SharedTypes)>,
    /// The files being loaded, outermost first, with their names: one that
    /// comes again closes a circle.
    chain: Vec<(PathBuf, String)>,
}

impl Loader<'_> {
    /// Loads the files of `uses` (relative to `dir`) that `file` names:
    /// the modules they generate.
    fn load(&mut self, file: &str, uses: &[Text], dir: Option<&Path>) -> Vec<String> {
        let mut direct: Vec<String> = Vec::new();
        for used in uses {
            let report = |found: &mut Vec<Diagnostic>, message: String| {
                found.push(Diagnostic {
                    file: file.to_owned(),
                    position: used.at,
                    message,
                });
            };
            let Some(dir) = dir else {
                report(
                    self.found,
                    format!(
                        "`use: {}` needs the spec's directory; load the spec from its file",
                        used.value
                    ),
                );
                continue;
            };
            let path = dir.join(&used.value);
            let key = same_file(&path);
            // Named relative to the file that names it, as the user wrote
            // it, with `dir/..` taken out (`spec/extern/types.yaml`, not
            // `tests/../spec/…`).
            let name = Path::new(file)
                .parent()
                .map(|parent| lexically_normal(&parent.join(&used.value)))
                .unwrap_or_else(|| used.value.clone());
            if let Some(start) = self.chain.iter().position(|(path, _)| *path == key) {
                let circle: Vec<&str> = self.chain[start..]
                    .iter()
                    .map(|(_, name)| name.as_str())
                    .chain([name.as_str()])
                    .collect();
                report(
                    self.found,
                    format!(
                        "type files use each other in a circle: {}; move the types both need \
                         into one file, or into a third that both use",
                        circle.join(" uses ")
                    ),
                );
                continue;
            }
            let module = match self.loaded.iter().find(|(path, _)| *path == key) {
                Some((_, shared)) => Some(shared.module.clone()),
                None => self.load_one(file, &path, key, &name, used),
            };
            let Some(module) = module else { continue };
            if direct.contains(&module) {
                report(
                    self.found,
                    format!(
                        "`use:` names the type file of module `{module}` twice (`{}` again); \
                         once is enough",
                        used.value
                    ),
                );
                continue;
            }
            direct.push(module);
        }
        direct
    }

    /// Reads, loads the uses of, and checks one type file: its module.
    fn load_one(
        &mut self,
        file: &str,
        path: &Path,
        key: PathBuf,
        name: &str,
        used: &Text,
    ) -> Option<String> {
        let report = |found: &mut Vec<Diagnostic>, message: String| {
            found.push(Diagnostic {
                file: file.to_owned(),
                position: used.at,
                message,
            });
        };
        let text = match read_bounded(path) {
            Ok(Read::Text(text)) => text,
            Ok(Read::TooLarge(size)) => {
                report(
                    self.found,
                    format!("type file `{}`: {}", used.value, yaml::too_large(size)),
                );
                return None;
            }
            Err(error) => {
                report(
                    self.found,
                    format!("cannot read the type file `{}` ({error})", used.value),
                );
                return None;
            }
        };
        self.used_files.push(path.to_owned());
        let (checked, fingerprint) = self.check_text(&key, name, &text, path.parent())?;
        let module = checked.module.clone();
        if let Some((_, other)) = self.loaded.iter().find(|(_, s)| s.module == module) {
            report(
                self.found,
                format!(
                    "type files `{}` and `{name}` both generate the module `{module}`; \
                     give one another `module:`",
                    other.file
                ),
            );
            return None;
        }
        self.loaded.push((
            key,
            SharedTypes {
                module: module.clone(),
                file: name.to_owned(),
                types: checked.nodes.clone(),
                uses: checked.uses.clone(),
                direct: false,
                fingerprint,
            },
        ));
        Some(module)
    }

    /// Parses a type file's text (`name`, at `key`), loads the files it
    /// uses (relative to `dir`) and checks it against them: the checked
    /// file and its fingerprint, or `None` with the problems reported.
    /// Parsing is kept per name and text, checking per fingerprint.
    fn check_text(
        &mut self,
        key: &Path,
        name: &str,
        text: &str,
        dir: Option<&Path>,
    ) -> Option<(Rc<CheckedTypes>, u64)> {
        let read = text_id(name, text);
        let parsed = match parsed_type_file(name, text, read) {
            Ok(parsed) => parsed,
            Err(problems) => {
                self.found.extend(problems);
                return None;
            }
        };
        let before = self.found.len();
        self.chain.push((key.to_owned(), name.to_owned()));
        let its_uses = self.load(name, &parsed.uses, dir);
        self.chain.pop();
        if self.found.len() > before {
            return None;
        }
        let deps = self.shared(&its_uses);
        let mut hasher = DefaultHasher::new();
        read.hash(&mut hasher);
        for dep in &deps {
            dep.fingerprint.hash(&mut hasher);
        }
        let fingerprint = hasher.finish();
        match checked_type_file(name, &parsed, &deps, &its_uses, fingerprint) {
            Ok(checked) => Some((checked, fingerprint)),
            Err(problems) => {
                self.found.extend(problems);
                None
            }
        }
    }

    /// The files loaded that the modules of `direct` reach, in order, those
    /// of `direct` marked so.
    fn shared(&self, direct: &[String]) -> Vec<SharedTypes> {
        let mut reached: Vec<&str> = direct.iter().map(String::as_str).collect();
        // Loaded files come after the files they use: from the last back,
        // each reached file reaches its uses.
        for (_, shared) in self.loaded.iter().rev() {
            if reached.contains(&shared.module.as_str()) {
                reached.extend(shared.uses.iter().map(String::as_str));
            }
        }
        self.loaded
            .iter()
            .filter(|(_, shared)| reached.contains(&shared.module.as_str()))
            .map(|(_, shared)| SharedTypes {
                direct: direct.contains(&shared.module),
                ..shared.clone()
            })
            .collect()
    }
}

/// A number for `name`'s `text`: the same for the same text in this
/// thread, never the same for another, and what a type file's kept parse
/// and check are keyed by. Texts are compared, not hashed: hashing every
/// type file's text again for each of a service's hundred specs was a
/// tenth of loading the service in a debug build, where a comparison is a
/// `memcmp`. At most four texts a name and 64 names are kept; one not kept
/// gets a new number, which costs a parse and check, never a wrong one.
fn text_id(name: &str, text: &str) -> u64 {
    const TEXTS_KEPT: usize = 4;
    const NAMES_KEPT: usize = 64;
    type Texts = (u64, HashMap<String, Vec<(Rc<str>, u64)>>);
    thread_local! {
        static TEXTS: RefCell<Texts> = RefCell::new((0, HashMap::new()));
    }
    TEXTS.with(|texts| {
        let (last, names) = &mut *texts.borrow_mut();
        if let Some((_, id)) = names
            .get(name)
            .and_then(|known| known.iter().find(|(known, _)| **known == *text))
        {
            return *id;
        }
        *last += 1;
        if names.len() >= NAMES_KEPT && !names.contains_key(name) {
            names.clear();
        }
        let known = names.entry(name.to_owned()).or_default();
        if known.len() >= TEXTS_KEPT {
            known.remove(0);
        }
        known.push((Rc::from(text), *last));
        *last
    })
}

/// The value of `make` kept per thread under `key`: a service's hundred
/// specs `use:` the same type files, and a proc-macro server expands many
/// invocations. Keys name a file's text (and what it depends on) by its
/// hash, so an edited file is a new key. At most `KEPT` values; more, and
/// the cache starts again.
fn kept<V: Clone>(
    cache: &'static std::thread::LocalKey<RefCell<HashMap<(String, u64), V>>>,
    key: (String, u64),
    make: impl FnOnce() -> V,
) -> V {
    const KEPT: usize = 64;
    if let Some(found) = cache.with(|cache| cache.borrow().get(&key).cloned()) {
        return found;
    }
    let value = make();
    cache.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= KEPT {
            cache.clear();
        }
        cache.insert(key, value.clone());
    });
    value
}

type Parsed = Result<Rc<spec::TypesFile>, Diagnostics>;
type Checked = Result<Rc<CheckedTypes>, Diagnostics>;

thread_local! {
    static PARSED: RefCell<HashMap<(String, u64), Parsed>> = RefCell::new(HashMap::new());
    static CHECKED: RefCell<HashMap<(String, u64), Checked>> = RefCell::new(HashMap::new());
}

/// A type file parsed, or the problems that keep it from parsing: once per
/// name and text (`read`, the text's [`text_id`]), in a thread. Every spec of a service
/// that uses a type file asks for its `use:` list before the file is
/// checked (or found checked already), and parsing a large type file again
/// for each was a third of loading a service.
fn parsed_type_file(name: &str, text: &str, read: u64) -> Parsed {
    kept(&PARSED, (name.to_owned(), read), || {
        spec::parse_types(name, text).map(Rc::new)
    })
}

/// A type file parsed and checked, as its module and named types: once per
/// name, text and the files it uses (`fingerprint`), in a thread; again
/// when any of them changes.
fn checked_type_file(
    name: &str,
    parsed: &spec::TypesFile,
    deps: &[SharedTypes],
    direct: &[String],
    fingerprint: u64,
) -> Checked {
    kept(&CHECKED, (name.to_owned(), fingerprint), || {
        let (checked, problems) = types::check_file(name, parsed.clone(), deps, direct);
        problems.map(|()| Rc::new(checked))
    })
}

/// A file by where it is, whatever path names it.
pub(crate) fn same_file(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// `path` with each `name/..` pair and each `.` taken out, without asking
/// the file system (a file's name in messages, not a path to open).
pub(crate) fn lexically_normal(path: &Path) -> String {
    use std::path::Component;
    let mut parts: Vec<Component<'_>> = Vec::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if matches!(parts.last(), Some(Component::Normal(_))) => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts
        .iter()
        .collect::<std::path::PathBuf>()
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::text_id;

    #[test]
    fn a_text_s_number_is_the_same_for_the_same_text_and_new_for_another() {
        let a = "spec: 2\nmodule: a\n";
        let first = text_id("numbered.yaml", a);
        let copy = String::from(a);
        assert_eq!(text_id("numbered.yaml", &copy), first);
        assert_ne!(
            text_id("other.yaml", a),
            first,
            "another name, another number"
        );
        let edited = text_id("numbered.yaml", "spec: 2\nmodule: b\n");
        assert_ne!(edited, first);
        // Past the texts kept for a name, the first text gets a new number,
        // equal to no other text's.
        let mut seen = vec![first, edited];
        for round in 0..6 {
            seen.push(text_id(
                "numbered.yaml",
                &format!("spec: 2\nmodule: c{round}\n"),
            ));
        }
        let again = text_id("numbered.yaml", a);
        assert!(!seen.contains(&again), "{again} in {seen:?}");
    }
}
