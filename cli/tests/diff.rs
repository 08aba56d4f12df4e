//! `kontur-extern diff` as a user runs it: output and exit codes, pinned
//! with insta (each snapshot reviewed: it claims the classification is
//! right).

use assert_cmd::Command;

fn diff(args: &[&str]) -> (String, String, Option<i32>) {
    let output = Command::new(env!("CARGO_BIN_EXE_kontur-extern"))
        .arg("diff")
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

#[test]
fn a_breaking_edit_is_listed_with_its_rules_and_exits_1() {
    let (stdout, stderr, code) = diff(&[
        "spec/password-token.yaml",
        "tests/specs/password-token-breaking.yaml",
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn a_compatible_edit_exits_0() {
    let (stdout, stderr, code) = diff(&[
        "spec/password-token.yaml",
        "tests/specs/password-token-compatible.yaml",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn json_for_scripts() {
    let (stdout, stderr, code) = diff(&[
        "--json",
        "spec/password-token.yaml",
        "tests/specs/password-token-breaking.yaml",
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    let changes: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    insta::assert_snapshot!(serde_json::to_string_pretty(&changes).expect("JSON"));
}

#[test]
fn every_shipped_spec_loads_and_has_no_changes_against_itself() {
    let mut seen = 0;
    for entry in std::fs::read_dir("spec").expect("spec/") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let path = path.to_str().expect("UTF-8");
        let (stdout, stderr, code) = diff(&[path, path]);
        assert_eq!(code, Some(0), "{path}: {stderr}");
        assert_eq!(
            stdout, "0 change(s): 0 breaking the source, 0 breaking the wire\n",
            "{path}"
        );
        seen += 1;
    }
    assert!(seen >= 2, "{seen} specs");
}

#[test]
fn a_spec_that_does_not_load_exits_2_with_its_problems() {
    let (stdout, stderr, code) = diff(&[
        "spec/password-token.yaml",
        "../tests/ui/specs/unknown-key.yaml",
    ]);
    assert_eq!(code, Some(2));
    assert_eq!(stdout, "");
    insta::assert_snapshot!(stderr);
}

/// Spec text reaches the report (an enum value here): a character a
/// terminal acts on (ESC, BEL) or hides (U+202E) is shown escaped, in the
/// text report and in `--json`, which stays JSON that means the same.
#[test]
fn spec_text_in_the_report_cannot_drive_the_terminal() {
    let dir = std::env::temp_dir().join(format!("kontur-diff-escape-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let new = dir.join("new.yaml");
    let text = std::fs::read_to_string("spec/password-token.yaml").expect("the spec");
    let value = "B\u{1b}]0;PWNED\u{7}\u{202e}x";
    let edited = text.replacen(
        "values: [Bearer]",
        "values: [Bearer, \"B\\e]0;PWNED\\a\\u202Ex\"]",
        1,
    );
    assert_ne!(edited, text, "the edit applies");
    std::fs::write(&new, edited).expect("written");
    let new = new.to_str().expect("UTF-8");
    // A new enum value breaks the source (an exhaustive `match`), not the
    // wire.
    let (stdout, stderr, code) = diff(&["spec/password-token.yaml", new]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stdout.contains("enum-value-added"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}') && !stdout.contains('\u{202e}'),
        "{stdout:?}"
    );
    assert!(
        stdout.contains("B\\u{1b}]0;PWNED\\u{7}\\u{202e}x"),
        "{stdout}"
    );
    let (json, stderr, code) = diff(&["--json", "--wire", "spec/password-token.yaml", new]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        !json.contains('\u{1b}') && !json.contains('\u{7}') && !json.contains('\u{202e}'),
        "{json:?}"
    );
    let changes: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let quoted = serde_json::to_string(value).expect("JSON");
    let inner = &quoted[1..quoted.len() - 1];
    assert!(changes.to_string().contains(inner), "{changes}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The shipped version 2 specs, each against itself: no change.
#[test]
fn every_shipped_version_2_spec_has_no_changes_against_itself() {
    let mut seen = 0;
    for entry in std::fs::read_dir("spec/extern").expect("spec/extern/") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // The type file and the service file are not specs.
        if !name.ends_with(".yaml") || name == "types.yaml" || name == "api.yaml" {
            continue;
        }
        let path = path.to_str().expect("UTF-8");
        let (stdout, stderr, code) = diff(&[path, path]);
        assert_eq!(code, Some(0), "{path}: {stderr}");
        assert!(stdout.starts_with("0 change(s)"), "{path}: {stdout}");
        seen += 1;
    }
    assert!(seen >= 10, "{seen} specs");
}

/// A copy of `spec/extern/` with `edits` applied to its `file`s.
fn extern_copy(name: &str, edits: &[(&str, &str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kontur-diff-v2-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    for entry in std::fs::read_dir("spec/extern").expect("spec/extern/") {
        let path = entry.expect("entry").path();
        let file = path.file_name().expect("a name").to_owned();
        std::fs::copy(&path, dir.join(file)).expect("copied");
    }
    for (file, from, to) in edits {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("the file");
        assert_eq!(text.matches(from).count(), 1, "{file}: `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("written");
    }
    dir
}

/// The edits of a copy of `spec/extern/`, each named at its path,
/// with its lines and both verdicts; `--wire` exits by the wire verdict.
#[test]
fn version_2_edits_of_the_shipped_specs_are_told_field_by_field() {
    let dir = extern_copy(
        "types",
        &[
            // A field added to `Link`.
            (
                "types.yaml",
                "        type: string\n      - name: name\n        doc: Name of the link.\n",
                "        type: string\n      - name: method\n        type: string\n        optional: true\n      - name: name\n        doc: Name of the link.\n",
            ),
            // A field retyped.
            (
                "types.yaml",
                "        doc: Technical id of the abonent; the C# SDK reads it, the published examples lack it.\n        type: uuid\n",
                "        doc: Technical id of the abonent; the C# SDK reads it, the published examples lack it.\n        type: string\n",
            ),
            // A field removed from `Docflow`.
            (
                "types.yaml",
                "      - name: extern-user-id\n        doc: Technical id of the Kontur.Extern user; the C# SDK reads it, the published examples lack it.\n        type: uuid\n        optional: true\n",
                "",
            ),
            // An enum value added.
            (
                "types.yaml",
                "      - urn:docflow-common-status:processed\n",
                "      - urn:docflow-common-status:processed\n      - urn:docflow-common-status:archived\n",
            ),
            // A union variant removed.
            (
                "types.yaml",
                "      - name: Demand\n        doc: A demand (требование) from the tax service.\n        when: urn:docflow:fns534-demand\n        type: DemandDescription\n",
                "",
            ),
            // An outcome added.
            (
                "delete-account.yaml",
                "    doc: Any success status; the API documents none in particular, and no body.\n",
                "    doc: Any success status; the API documents none in particular, and no body.\n  - status: 202\n    name: accepted\n    doc: Deletion queued.\n",
            ),
        ],
    );
    let new = dir.join("get-docflow.yaml");
    let new = new.to_str().expect("UTF-8");
    let (stdout, stderr, code) = diff(&["spec/extern/get-docflow.yaml", new]);
    assert_eq!(code, Some(1), "{stderr}");
    let stdout = stdout.replace(dir.to_str().expect("UTF-8"), "NEW");
    insta::assert_snapshot!("get_docflow", stdout);
    let (json, stderr, code) = diff(&["--json", "--wire", "spec/extern/get-docflow.yaml", new]);
    // The retyped field breaks the wire too.
    assert_eq!(code, Some(1), "{stderr}");
    let changes: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let verdicts: Vec<String> = changes
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {}",
                c["rule"], c["source"], c["wire"], c["subject"]
            )
        })
        .collect();
    insta::assert_snapshot!("get_docflow_verdicts", verdicts.join("\n"));

    // The type file on its own: each change once, at the type's own name,
    // judged by how the specs beside it use the type.
    let new = dir.join("types.yaml");
    let new = new.to_str().expect("UTF-8");
    let (stdout, stderr, code) = diff(&["spec/extern/types.yaml", new]);
    assert_eq!(code, Some(1), "{stderr}");
    let stdout = stdout.replace(dir.to_str().expect("UTF-8"), "NEW");
    insta::assert_snapshot!("types_file", stdout);

    let new = dir.join("delete-account.yaml");
    let new = new.to_str().expect("UTF-8");
    let (stdout, stderr, code) = diff(&["spec/extern/delete-account.yaml", new]);
    assert_eq!(code, Some(1), "{stderr}");
    let stdout = stdout.replace(dir.to_str().expect("UTF-8"), "NEW");
    insta::assert_snapshot!("delete_account", stdout);

    // Two folders: the type file's changes once, each spec's own, and a
    // spec renamed is an endpoint removed and one added.
    std::fs::rename(dir.join("get-account.yaml"), dir.join("fetch-account.yaml")).expect("renamed");
    let (stdout, stderr, code) = diff(&["spec/extern", dir.to_str().expect("UTF-8")]);
    assert_eq!(code, Some(1), "{stderr}");
    let stdout = stdout.replace(dir.to_str().expect("UTF-8"), "NEW");
    assert_eq!(stdout.matches("Link.method").count(), 1, "{stdout}");
    insta::assert_snapshot!("folders", stdout);
    let (stdout, stderr, code) = diff(&["spec/extern", "spec/extern"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("0 change(s)"), "{stdout}");

    // Only a compatible field added: exit 0 either way.
    let only_added = extern_copy(
        "added",
        &[(
            "types.yaml",
            "        type: string\n      - name: name\n        doc: Name of the link.\n",
            "        type: string\n      - name: method\n        type: string\n        optional: true\n      - name: name\n        doc: Name of the link.\n",
        )],
    );
    let new = only_added.join("get-docflow.yaml");
    let new = new.to_str().expect("UTF-8");
    for wire in [&[][..], &["--wire"][..]] {
        let args = [wire, &["spec/extern/get-docflow.yaml", new][..]].concat();
        let (stdout, stderr, code) = diff(&args);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(stdout.contains("compatible (wire: compatible) [response-field-added-optional] Docflow.links[].method") || stdout.contains("compatible on the wire (source: compatible) [response-field-added-optional] Docflow.links[].method"), "{stdout}");
    }
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&only_added).ok();
}

/// Two type files: named types added and removed, a module renamed.
#[test]
fn two_type_files_name_types_added_and_removed() {
    let dir = extern_copy(
        "named",
        &[
            (
                "types.yaml",
                "module: extern_types\n",
                "module: kontur_types\n",
            ),
            (
                "types.yaml",
                "  CommentColor:\n",
                "  Mood:\n    type: enum\n    values: [calm]\n\n  CommentColor:\n",
            ),
        ],
    );
    let new = dir.join("types.yaml");
    let (stdout, stderr, code) = diff(&["spec/extern/types.yaml", new.to_str().expect("UTF-8")]);
    assert_eq!(code, Some(1), "{stderr}");
    let stdout = stdout.replace(dir.to_str().expect("UTF-8"), "NEW");
    insta::assert_snapshot!("types_named", stdout);
    let (stdout, stderr, code) = diff(&[new.to_str().expect("UTF-8"), "spec/extern/types.yaml"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stdout.contains("[type-removed] Mood: type removed"),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Two service files: groups removed, renamed and moved under another, a
/// method renamed, a `bind` changed, the type file once, and each
/// method's own changes.
#[test]
fn two_service_files_name_groups_methods_and_binds() {
    let dir = extern_copy(
        "service",
        &[
            (
                "api.yaml",
                "      - { method: search, spec: docflow-page.yaml }",
                "      - { method: list, spec: docflow-page.yaml }",
            ),
            ("api.yaml", "  - name: drafts\n", "  - name: draft\n"),
            ("api.yaml", "    under: drafts\n", "    under: draft\n"),
            (
                "api.yaml",
                "  - name: docflows\n    bind: [accountId]\n",
                "  - name: docflows\n",
            ),
            (
                "api.yaml",
                "      - { method: download, spec: download-content.yaml }\n",
                "",
            ),
            (
                "api.yaml",
                "  - name: contents\n    bind: [accountId]\n",
                "  - name: contents\n    under: accounts\n    bind: [accountId]\n",
            ),
            (
                "types.yaml",
                "        type: string\n      - name: name\n        doc: Name of the link.\n",
                "        type: string\n      - name: method\n        type: string\n        optional: true\n      - name: name\n        doc: Name of the link.\n",
            ),
            (
                "delete-account.yaml",
                "    doc: Any success status; the API documents none in particular, and no body.\n",
                "    doc: Any success status; the API documents none in particular, and no body.\n  - status: 202\n    name: accepted\n    doc: Deletion queued.\n",
            ),
        ],
    );
    let new = dir.join("api.yaml");
    let (stdout, stderr, code) = diff(&["spec/extern/api.yaml", new.to_str().expect("UTF-8")]);
    assert_eq!(code, Some(1), "{stderr}");
    let stdout = stdout.replace(dir.to_str().expect("UTF-8"), "NEW");
    assert_eq!(stdout.matches("Link.method").count(), 1, "{stdout}");
    insta::assert_snapshot!("service_files", stdout);
    let (stdout, stderr, code) = diff(&["spec/extern/api.yaml", "spec/extern/api.yaml"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("0 change(s)"), "{stdout}");
    std::fs::remove_dir_all(&dir).ok();
}

/// `--git REV [PATH]`: the working tree against a revision, through a
/// folder and through one spec (its type file comes along), the old side
/// named `REV:path`.
#[test]
fn the_working_tree_against_a_git_revision() {
    let dir = std::env::temp_dir().join(format!("kontur-diff-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("specs")).expect("a temporary directory");
    for entry in std::fs::read_dir("spec/extern").expect("spec/extern/") {
        let path = entry.expect("entry").path();
        std::fs::copy(
            &path,
            dir.join("specs").join(path.file_name().expect("a name")),
        )
        .expect("copied");
    }
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "specs"]);
    let types = dir.join("specs/types.yaml");
    let text = std::fs::read_to_string(&types).expect("the type file");
    let from = "        type: string\n      - name: name\n        doc: Name of the link.\n";
    assert_eq!(text.matches(from).count(), 1);
    std::fs::write(
        &types,
        text.replacen(
            from,
            "        type: string\n      - name: method\n        type: string\n        optional: true\n      - name: name\n        doc: Name of the link.\n",
            1,
        ),
    )
    .expect("edited");
    let folder = dir.join("specs");
    let (stdout, stderr, code) = diff(&["--git", "HEAD", folder.to_str().expect("UTF-8")]);
    assert_eq!(code, Some(0), "{stderr}");
    let stdout = stdout.replace(dir.to_str().expect("UTF-8"), "REPO");
    assert!(
        stdout.starts_with("compatible (wire: compatible) [response-field-added-optional] types.yaml: Link.method: new optional field; used by add_draft_document, add_draft_signature, ")
            && stdout.contains(" more (HEAD:specs/types.yaml:56 → REPO/specs/types.yaml:71);"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("1 change(s): 0 breaking the source, 0 breaking the wire\n"),
        "{stdout}"
    );
    let spec = dir.join("specs/get-docflow.yaml");
    let (stdout, stderr, code) = diff(&["--git", "HEAD", spec.to_str().expect("UTF-8")]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("[response-field-added-optional] Docflow.links[].method"),
        "{stdout}"
    );
    let (_, stderr, code) = diff(&["--git", "no-such-rev", folder.to_str().expect("UTF-8")]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("`no-such-rev` is not a commit"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

/// `--markdown`: release notes, grouped by verdict (breaking the source,
/// breaking on the wire only, compatible), each change with its subject,
/// rule, lines and what to do; the exit code as without it.
#[test]
fn release_notes_in_markdown_group_the_changes_by_verdict() {
    let dir = extern_copy(
        "markdown",
        &[
            // Compatible on both: a new optional field of a received type.
            (
                "types.yaml",
                "        type: string\n      - name: name\n        doc: Name of the link.\n",
                "        type: string\n      - name: method\n        type: string\n        optional: true\n      - name: name\n        doc: Name of the link.\n",
            ),
            // Breaking the source, compatible on the wire.
            (
                "types.yaml",
                "      - urn:docflow-common-status:processed\n",
                "      - urn:docflow-common-status:processed\n      - urn:docflow-common-status:archived\n",
            ),
            // Breaking on the wire only: the outcome at another status.
            (
                "get-account.yaml",
                "  - status: 200\n    name: found\n",
                "  - status: 203\n    name: found\n",
            ),
            (
                "get-account.yaml",
                "      status: 200\n",
                "      status: 203\n",
            ),
        ],
    );
    let new = dir.join("api.yaml");
    let (stdout, stderr, code) = diff(&[
        "--markdown",
        "spec/extern/api.yaml",
        new.to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    let stdout = stdout.replace(dir.to_str().expect("UTF-8"), "NEW");
    let order: Vec<usize> = [
        "## Breaking the source",
        "`enum-value-added`",
        "## Breaking on the wire",
        "`outcome-status-changed`",
        "## Compatible",
        "`response-field-added-optional`",
    ]
    .iter()
    .map(|text| stdout.find(text).unwrap_or(usize::MAX))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}\n{stdout}");
    insta::assert_snapshot!("release_notes", stdout);
    let (same, _, code) = diff(&["--markdown", "spec/extern/api.yaml", "spec/extern/api.yaml"]);
    assert_eq!(code, Some(0));
    assert_eq!(same, "# Changes to the API's specs\n\nNo changes.\n");
    std::fs::remove_dir_all(&dir).ok();
}
