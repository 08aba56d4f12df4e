//! The shipped Kontur.Extern specs (`spec/extern/`), built into the binary,
//! so that `kontur-extern call accounts.list` and `kontur-extern serve
//! accounts drafts` work without a checkout.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use kontur_extern_codegen::Endpoint;

/// The service file first, then every other file of the folder by name, as
/// `build.rs` lists them; a test keeps this list and the folder equal.
pub(crate) const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// How problems and the service are named: where the files come from.
pub(crate) const NAME: &str = "spec/extern/api.yaml";

/// Whether `argument` names a shipped endpoint rather than a file: not a
/// file that exists, and no path or `.yaml` in it (`accounts.get`,
/// `get_account`).
pub(crate) fn is_endpoint_name(argument: &Path) -> bool {
    let text = argument.to_string_lossy();
    !argument.exists()
        && !text.contains(['/', '\\'])
        && !text.ends_with(".yaml")
        && !text.ends_with(".yml")
}

/// The shipped service's endpoints, each named `group.method`: the files
/// are written to a fresh private directory, read with every check of
/// `api!`, and removed.
pub(crate) fn endpoints() -> Result<&'static [(String, Endpoint)], String> {
    // Once per process: `serve accounts drafts` names the service twice.
    static LOADED: OnceLock<Result<Vec<(String, Endpoint)>, String>> = OnceLock::new();
    LOADED.get_or_init(load).as_deref().map_err(Clone::clone)
}

fn load() -> Result<Vec<(String, Endpoint)>, String> {
    let dir = Scratch(fresh_dir()?);
    FILES
        .iter()
        .try_for_each(|(name, text)| std::fs::write(dir.0.join(name), text))
        .map_err(|error| {
            format!(
                "cannot write the built-in specs to {}: {error}",
                dir.0.display()
            )
        })?;
    match crate::specs::read(&dir.0.join(FILES[0].0), NAME)? {
        crate::specs::Loaded::Endpoints(endpoints) => Ok(endpoints),
        crate::specs::Loaded::TypeFile => Err("the built-in service is a type file".to_owned()),
    }
}

/// A directory removed with everything in it when dropped, whatever way
/// the reading ends.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The built-in endpoints `name` names: a group (`accounts`, all of its
/// endpoints), one as `group.method` (`accounts.get`), or one by its name
/// (`get_account`). An error lists what there is.
pub(crate) fn select(name: &str) -> Result<Vec<(String, Endpoint)>, String> {
    let endpoints = endpoints()?;
    let known = endpoints
        .iter()
        .map(|(called, _)| called.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let chosen: Vec<(String, Endpoint)> = endpoints
        .iter()
        .filter(|(called, endpoint)| {
            called == name || endpoint.name == name || called.split('.').next() == Some(name)
        })
        .cloned()
        .collect();
    if chosen.is_empty() {
        return Err(format!(
            "`{}` is neither a spec file nor a built-in endpoint or group; the built-in endpoints ({NAME}) are: {known}",
            kontur_extern::terminal_safe(name, 100),
        ));
    }
    Ok(chosen)
}

/// A directory of this process's own under the temporary directory, that
/// only its owner can read or change (the specs in it say where a token
/// goes), made anew: an existing name, or a link planted there, is skipped.
fn fresh_dir() -> Result<PathBuf, String> {
    let base = std::env::temp_dir();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    for attempt in 0..16u32 {
        let dir = base.join(format!(
            "kontur-extern-specs-{}-{nanos}-{attempt}",
            std::process::id()
        ));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(&dir) {
            Ok(()) => return Ok(dir),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(error) => {
                return Err(format!(
                    "cannot make a directory for the built-in specs in {}: {error}",
                    base.display()
                ));
            }
        }
    }
    Err(format!(
        "cannot make a directory for the built-in specs in {}",
        base.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_files_are_the_folder_s() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/extern");
        let mut on_disk: Vec<String> = std::fs::read_dir(&folder)
            .expect("spec/extern")
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".yaml"))
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = FILES.iter().map(|(name, _)| (*name).to_owned()).collect();
        built_in.sort();
        assert_eq!(built_in, on_disk);
    }

    #[test]
    fn the_built_in_service_loads_with_every_endpoint() {
        let endpoints = endpoints().expect("loads");
        let names: Vec<&str> = endpoints.iter().map(|(name, _)| name.as_str()).collect();
        assert!(names.contains(&"accounts.list"), "{names:?}");
        assert!(names.contains(&"contents.upload_chunk"), "{names:?}");
        // Every endpoint spec of the folder is in the service: the folder's
        // files less the service file and the type files (`module:`).
        let specs = FILES
            .iter()
            .filter(|(name, text)| *name != "api.yaml" && !text.contains("\nmodule:"))
            .count();
        assert_eq!(names.len(), specs, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn the_scratch_directory_is_the_owner_s_alone_and_goes_away() {
        use std::os::unix::fs::PermissionsExt;
        let dir = Scratch(fresh_dir().expect("a directory"));
        let mode = std::fs::metadata(&dir.0)
            .expect("made")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "{mode:o}");
        let path = dir.0.clone();
        drop(dir);
        assert!(!path.exists());
    }

    #[test]
    fn a_name_selects_a_group_or_one_endpoint() {
        let names = |name: &str| -> Vec<String> {
            select(name)
                .expect("found")
                .into_iter()
                .map(|(called, _)| called)
                .collect()
        };
        assert_eq!(
            names("drafts"),
            [
                "drafts.create",
                "drafts.get",
                "drafts.delete",
                "drafts.add_document",
                "drafts.add_signature",
                "drafts.check",
                "drafts.prepare",
                "drafts.send",
                "drafts.task",
                "drafts.meta",
                "drafts.update_meta",
                "drafts.tasks"
            ]
        );
        assert_eq!(names("drafts.get"), ["drafts.get"]);
        assert_eq!(names("get_draft"), ["drafts.get"]);
        let error = select("draft").map(|_| ()).unwrap_err();
        assert!(
            error.contains("`draft` is neither a spec file nor a built-in endpoint or group")
                && error.contains("drafts.create"),
            "{error}"
        );
    }

    #[test]
    fn names_that_are_files_or_paths_are_not_endpoint_names() {
        assert!(is_endpoint_name(Path::new("accounts.get")));
        assert!(is_endpoint_name(Path::new("get_account")));
        assert!(!is_endpoint_name(Path::new("spec/extern/api.yaml")));
        assert!(!is_endpoint_name(Path::new("missing.yaml")));
        assert!(!is_endpoint_name(Path::new(env!("CARGO_MANIFEST_DIR"))));
    }
}
