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
        assert_eq!(stdout, "0 change(s), 0 breaking\n", "{path}");
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
    let (stdout, stderr, code) = diff(&["spec/password-token.yaml", new]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("enum-value-added"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}') && !stdout.contains('\u{202e}'),
        "{stdout:?}"
    );
    assert!(
        stdout.contains("B\\u{1b}]0;PWNED\\u{7}\\u{202e}x"),
        "{stdout}"
    );
    let (json, stderr, code) = diff(&["--json", "spec/password-token.yaml", new]);
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
