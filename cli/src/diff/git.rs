//! `diff --git REV [PATH]`: the files at a git revision, written to a
//! temporary folder laid out as the repository is, so that `use:` and a
//! service file's specs resolve as in the working tree.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The old side, checked out from git; removed when dropped.
pub struct Checkout {
    root: PathBuf,
    /// The old side of `PATH`, inside `root`.
    pub path: PathBuf,
    rev: String,
}

impl Checkout {
    /// A `file:line` of the old side, as `REV:file:line` relative to the
    /// repository.
    pub fn name(&self, at: &str) -> String {
        let root = self.root.display().to_string();
        match at.strip_prefix(&root) {
            Some(rest) => format!("{}:{}", self.rev, rest.trim_start_matches('/')),
            None => at.to_owned(),
        }
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(format!(
            "git {}: {}",
            args.first().copied().unwrap_or(""),
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// Writes the folder of `path` (or `path` itself, a folder) as it is at
/// `rev` into a temporary folder.
pub fn at_revision(rev: &str, path: &Path) -> Result<Checkout, String> {
    if rev.starts_with('-') || rev.is_empty() {
        return Err(format!("`{rev}` is not a git revision"));
    }
    let absolute = path
        .canonicalize()
        .map_err(|error| format!("{}: {error}", path.display()))?;
    let folder = if absolute.is_dir() {
        absolute.clone()
    } else {
        absolute.parent().unwrap_or(Path::new("/")).to_owned()
    };
    let top = String::from_utf8_lossy(&git(&folder, &["rev-parse", "--show-toplevel"])?)
        .trim()
        .to_owned();
    let top = Path::new(&top)
        .canonicalize()
        .map_err(|error| format!("{top}: {error}"))?;
    let commit = format!("{rev}^{{commit}}");
    git(&top, &["rev-parse", "--verify", "--quiet", &commit]).map_err(|_| {
        format!(
            "`{rev}` is not a commit of the repository at {}",
            top.display()
        )
    })?;
    let relative = |p: &Path| -> Result<String, String> {
        p.strip_prefix(&top)
            .map(|r| r.to_string_lossy().into_owned())
            .map_err(|_| format!("{} is not inside {}", p.display(), top.display()))
    };
    let (folder_rel, path_rel) = (relative(&folder)?, relative(&absolute)?);
    let listing = git(
        &top,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--name-only",
            rev,
            "--",
            if folder_rel.is_empty() {
                "."
            } else {
                &folder_rel
            },
        ],
    )?;
    let root = std::env::temp_dir().join(format!(
        "kontur-extern-diff-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let checkout = Checkout {
        path: root.join(&path_rel),
        root,
        rev: rev.to_owned(),
    };
    for file in listing.split(|b| *b == 0).filter(|f| !f.is_empty()) {
        let file = String::from_utf8_lossy(file).into_owned();
        // Only what specs are made of: YAML.
        if !file.ends_with(".yaml") && !file.ends_with(".yml") {
            continue;
        }
        let bytes = git(&top, &["show", &format!("{rev}:{file}")])?;
        let target = checkout.root.join(&file);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| format!("{}: {error}", parent.display()))?;
        }
        std::fs::write(&target, bytes).map_err(|error| format!("{}: {error}", target.display()))?;
    }
    if !checkout.path.exists() {
        return Err(format!("{} is not there at {rev}", path.display()));
    }
    Ok(checkout)
}
