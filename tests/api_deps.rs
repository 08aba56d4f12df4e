//! What a crate that depends on `kontur-extern-api` compiles: the API
//! crate's code is written ahead of time (`api/src/generated/` and its
//! parts in `api/parts/`), and they depend on the runtime without the
//! runtime's `macros` feature, so no
//! generator, YAML parser, Markdown parser or syn 2 is built for it, and no
//! build script of its own runs. Read from `cargo tree` of the crate with
//! every group and no TLS (what `benches/compile/api.sh` builds), normal
//! and build dependencies, for this machine's target.

use std::process::Command;

#[test]
fn the_api_crate_builds_no_generator() {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    let api = include_str!("../api/Cargo.toml");
    let groups: Vec<&str> = api
        .lines()
        .find_map(|line| line.strip_prefix("default = ["))
        .expect("the API crate's default features")
        .trim_end_matches(']')
        .split(", ")
        .map(|feature| feature.trim_matches('"'))
        .filter(|feature| *feature != "rustls")
        .collect();
    assert!(groups.len() >= 10, "{groups:?}");
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--manifest-path",
            manifest,
            "-p",
            "kontur-extern-api",
        ])
        .args(["--no-default-features", "--features", &groups.join(",")])
        .args(["-e", "normal,build", "--prefix", "none", "--format", "{p}"])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8(output.stdout).expect("UTF-8");
    let packages: Vec<&str> = tree.lines().collect();
    assert!(
        packages.iter().any(|p| p.starts_with("kontur-extern v"))
            && packages.iter().any(|p| p.starts_with("reqwest v")),
        "the tree lists the runtime and reqwest:\n{tree}"
    );
    for absent in [
        "kontur-extern-codegen ",
        "kontur-extern-macros ",
        "serde-saphyr ",
        "pulldown-cmark ",
        "prettyplease ",
        "syn v2.",
        "tracing-attributes ",
    ] {
        let found: Vec<&&str> = packages.iter().filter(|p| p.starts_with(absent)).collect();
        assert!(
            found.is_empty(),
            "a crate that uses kontur-extern-api builds {found:?}"
        );
    }
}
