//! The README, built as a user builds it: a crate outside this workspace
//! (its own `[workspace]`, its own lock and target directory) whose only
//! dependencies are the README's `[dependencies]` blocks, the repository's
//! git address in them replaced by this checkout's path, and whose programs
//! are the README's Rust blocks as written, one binary each. Each is
//! compiled, and run unless marked `no_run` (they use replay servers on
//! 127.0.0.1). A feature that generated code needs and that only another
//! crate of this workspace switched on (`url`'s `serde`, once) fails here.
//!
//! The crate and its build live in `CARGO_TARGET_TMPDIR/consumer`, so that
//! a second run rebuilds only what changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const README: &str = include_str!("../README.md");
const GIT: &str = "git = \"https://github.com/kontur-extern/kontur-extern\"";

/// A fenced block of the README: its info string and its text.
struct Block {
    info: String,
    text: String,
    line: usize,
}

fn blocks() -> Vec<Block> {
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    for (index, line) in README.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => {
                open = Some(Block {
                    info: info.trim().to_owned(),
                    text: String::new(),
                    line: index + 1,
                })
            }
            (Some(_), Some("")) => found.extend(open.take()),
            (Some(block), _) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "README.md ends inside a code block");
    found
}

/// The dependencies of every `[dependencies]` block, by crate name; a crate
/// named twice must be named alike.
fn dependencies(root: &Path) -> String {
    let mut deps: BTreeMap<String, String> = BTreeMap::new();
    for block in blocks().iter().filter(|b| b.info == "toml") {
        let Some(body) = block.text.strip_prefix("[dependencies]\n") else {
            continue;
        };
        for line in body.lines().filter(|line| !line.trim().is_empty()) {
            let (name, spec) = line
                .split_once(" = ")
                .unwrap_or_else(|| panic!("README.md:{}: not `name = spec`: {line}", block.line));
            let spec = match name {
                "kontur-extern" | "kontur-extern-api" => {
                    assert!(
                        spec.contains(GIT),
                        "README.md:{}: {name} is not taken from the repository: {spec}",
                        block.line
                    );
                    let folder = if name == "kontur-extern" {
                        "runtime"
                    } else {
                        "api"
                    };
                    let path = root.join(folder);
                    spec.replace(GIT, &format!("path = {:?}", path.display().to_string()))
                }
                _ => spec.to_owned(),
            };
            if let Some(known) = deps.insert(name.to_owned(), spec.clone()) {
                assert_eq!(
                    known, spec,
                    "README.md:{}: `{name}` differs from an earlier block",
                    block.line
                );
            }
        }
    }
    assert!(
        deps.contains_key("kontur-extern-api") && deps.contains_key("kontur-extern"),
        "README.md names both crates in `[dependencies]` blocks: {deps:?}"
    );
    deps.iter()
        .map(|(name, spec)| format!("{name} = {spec}\n"))
        .collect()
}

/// Rustdoc's hidden lines (`# `) are part of the program.
fn program(text: &str) -> String {
    text.lines()
        .map(|line| match line.strip_prefix('#') {
            Some(rest) if rest.is_empty() || rest.starts_with(' ') => rest.trim_start_matches(' '),
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a folder") {
        let entry = entry.expect("an entry");
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else if path.extension().is_some_and(|ext| ext == "yaml") {
            std::fs::copy(&path, to.join(entry.file_name())).expect("a copy");
        }
    }
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    // The outer build's settings are not a user's.
    for name in ["CARGO_TARGET_DIR", "RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS"] {
        command.env_remove(name);
    }
    command
}

#[test]
fn the_readme_builds_and_runs_in_a_crate_outside_the_workspace() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("consumer");
    let src = dir.join("src/bin");
    // Programs of an earlier README go; the build directory stays.
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(&src).expect("a folder");
    let _ = std::fs::remove_dir_all(dir.join("spec"));
    copy_dir(&root.join("spec"), &dir.join("spec"));
    // This checkout's lock: the versions the workspace is tested with.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("the lock");

    let mut runs = Vec::new();
    for (index, block) in blocks()
        .iter()
        .filter(|b| b.info == "rust" || b.info.starts_with("rust,"))
        .enumerate()
    {
        let code = program(&block.text);
        assert!(
            code.contains("fn main("),
            "README.md:{}: a block without `fn main`, which this test cannot run as written",
            block.line
        );
        let name = format!("readme_{index:02}_line_{}", block.line);
        std::fs::write(src.join(format!("{name}.rs")), code).expect("a program");
        let flags: Vec<&str> = block.info.split(',').collect();
        assert!(
            flags
                .iter()
                .all(|flag| ["rust", "no_run"].contains(&flag.trim())),
            "README.md:{}: a block marked `{}`, which this test does not know",
            block.line,
            block.info
        );
        if !flags.contains(&"no_run") {
            runs.push(name);
        }
    }
    assert!(runs.len() >= 5, "the README's runnable blocks: {runs:?}");

    let manifest = format!(
        "[package]\nname = \"readme-consumer\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
         # Not a member of the repository's workspace.\n[workspace]\n\n[dependencies]\n{}",
        dependencies(&root)
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("a manifest");

    let target = dir.join("target");
    let built = cargo()
        .args(["build", "--bins", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .output()
        .expect("cargo runs");
    assert!(
        built.status.success(),
        "the README's crate does not build:\n{}",
        String::from_utf8_lossy(&built.stderr)
    );
    for name in runs {
        let ran = Command::new(target.join("debug").join(&name))
            .current_dir(&dir)
            .output()
            .expect("the program starts");
        assert!(
            ran.status.success(),
            "{name} failed ({}):\n{}{}",
            ran.status,
            String::from_utf8_lossy(&ran.stdout),
            String::from_utf8_lossy(&ran.stderr)
        );
    }
}
