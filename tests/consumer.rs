//! The README, built as a user builds it: for each of its `[dependencies]`
//! blocks, a crate outside this workspace (its own `[workspace]`) whose
//! only dependencies are that block's, the repository's git address
//! replaced by this checkout's path, and whose programs are the Rust blocks
//! that follow it in the README (up to the next `[dependencies]` block) as
//! written, one binary each. Each is compiled, and run unless marked
//! `no_run` (they use replay servers on 127.0.0.1). A feature that
//! generated code needs and that only another crate of this workspace
//! switched on (`url`'s `serde`, once) fails here, and so does a block that
//! names a crate its section's dependencies do not have.
//!
//! The crate and its build live in `CARGO_TARGET_TMPDIR/consumer`, so that
//! a second run rebuilds only what changed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
        assert!(
            open.is_some() || !line.trim_start().starts_with("```") || line.starts_with("```"),
            "README.md:{}: an indented code fence, which this test does not read",
            index + 1
        );
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

/// A `[dependencies]` block and the Rust blocks after it.
struct Section {
    line: usize,
    dependencies: String,
    programs: Vec<Block>,
}

/// The README cut at its `[dependencies]` blocks. Every Rust block belongs
/// to the block before it; each Rust block's info string is one this test
/// knows (`rust`, `rust,no_run`), so that none is skipped unseen.
fn sections(root: &Path) -> Vec<Section> {
    let mut found: Vec<Section> = Vec::new();
    for block in blocks() {
        let info = block.info.as_str();
        if info == "toml" {
            if let Some(body) = block.text.strip_prefix("[dependencies]\n") {
                found.push(Section {
                    line: block.line,
                    dependencies: dependencies(root, body, block.line),
                    programs: Vec::new(),
                });
            }
        } else if info.starts_with("rust") || info.starts_with("rs") {
            assert!(
                matches!(info, "rust" | "rust,no_run"),
                "README.md:{}: a block marked `{info}`, which this test does not know",
                block.line
            );
            let Some(section) = found.last_mut() else {
                panic!(
                    "README.md:{}: a Rust block before any `[dependencies]` block",
                    block.line
                );
            };
            section.programs.push(block);
        }
    }
    found
}

/// A block's dependencies, the repository's crates taken from this
/// checkout instead of its git address.
fn dependencies(root: &Path, body: &str, line: usize) -> String {
    let mut out = String::new();
    for entry in body.lines().filter(|entry| !entry.trim().is_empty()) {
        let (name, spec) = entry
            .split_once(" = ")
            .unwrap_or_else(|| panic!("README.md:{line}: not `name = spec`: {entry}"));
        let spec = match name {
            "kontur-extern" | "kontur-extern-api" => {
                assert!(
                    spec.contains(GIT),
                    "README.md:{line}: {name} is not taken from the repository: {spec}"
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
        out.push_str(&format!("{name} = {spec}\n"));
    }
    out
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

/// How long one of the README's programs may run.
const RUN_LIMIT: Duration = Duration::from_secs(120);

/// Runs `program` in `dir` to its end, or kills it at the limit.
fn run(program: &Path, dir: &Path) -> Result<(), String> {
    let mut child = Command::new(program)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("does not start: {error}"))?;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|error| error.to_string())? {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
            }
            return if status.success() {
                Ok(())
            } else {
                Err(format!("{status}:\n{stderr}"))
            };
        }
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {RUN_LIMIT:?}; killed"));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_readme_builds_and_runs_in_crates_outside_the_workspace() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("consumer");
    // One target directory for the sections: they share most dependencies.
    let target = base.join("target");
    let sections = sections(&root);
    assert!(
        sections.len() >= 2,
        "the quick start's and the macros' dependencies"
    );
    let mut ran = 0;
    for (number, section) in sections.iter().enumerate() {
        let dir = base.join(format!("section_{number}"));
        let src = dir.join("src/bin");
        // Programs of an earlier README go; the build directory stays.
        let _ = std::fs::remove_dir_all(&src);
        std::fs::create_dir_all(&src).expect("a folder");
        let _ = std::fs::remove_dir_all(dir.join("spec"));
        copy_dir(&root.join("spec"), &dir.join("spec"));
        // This checkout's lock: the versions the workspace is tested with.
        std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("the lock");
        let manifest = format!(
            "[package]\nname = \"readme-section-{number}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             # Not a member of the repository's workspace.\n[workspace]\n\n[dependencies]\n{}",
            section.dependencies
        );
        std::fs::write(dir.join("Cargo.toml"), manifest).expect("a manifest");

        let mut runs = Vec::new();
        for block in &section.programs {
            let code = program(&block.text);
            assert!(
                code.contains("fn main("),
                "README.md:{}: a block without `fn main`, which this test cannot run as written",
                block.line
            );
            let name = format!("readme_line_{}", block.line);
            std::fs::write(src.join(format!("{name}.rs")), code).expect("a program");
            if block.info == "rust" {
                runs.push(name);
            }
        }
        assert!(
            !section.programs.is_empty(),
            "README.md:{}: a `[dependencies]` block with no Rust block after it",
            section.line
        );
        let built = cargo()
            .args(["build", "--bins", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&target)
            .output()
            .expect("cargo runs");
        assert!(
            built.status.success(),
            "the README's crate of the dependencies at README.md:{} does not build:\n{}",
            section.line,
            String::from_utf8_lossy(&built.stderr)
        );
        for name in runs {
            if let Err(problem) = run(&target.join("debug").join(&name), &dir) {
                panic!("{name} failed: {problem}");
            }
            ran += 1;
        }
    }
    assert!(ran >= 5, "the README's runnable blocks: {ran}");
}
