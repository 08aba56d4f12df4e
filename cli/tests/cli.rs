//! The command-line tool, run as a user runs it.

use assert_cmd::Command;

fn kontur_extern() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kontur-extern"));
    // Credentials in the developer's environment must not leak into tests.
    for name in [
        "KONTUR_IDENTITY_URL",
        "KONTUR_CLIENT_ID",
        "KONTUR_CLIENT_SECRET",
        "KONTUR_USERNAME",
        "KONTUR_PASSWORD",
    ] {
        command.env_remove(name);
    }
    command
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const ACCESS_TOKEN: &str = "fb957fedb8cf0a88b5cb25cf9b0570f82d332f202ca58653dfba7c035983b9e1";

#[test]
fn token_replay_prints_type_lifetime_and_trace_id_but_not_the_token() {
    let output = kontur_extern()
        .args(["token", "--replay"])
        .output()
        .expect("runs");
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    assert!(stdout.contains("token type: Bearer\n"), "{stdout}");
    assert!(
        stdout.contains("lifetime:   86400 s (1day), expires at 20"),
        "{stdout}"
    );
    assert!(
        stdout.contains("trace id:   9da07e01570f4460bee6777e514d7af0\n"),
        "{stdout}"
    );
    assert!(!stdout.contains(ACCESS_TOKEN), "{stdout}");
}

#[test]
fn token_replay_json_with_the_token_on_request() {
    let output = kontur_extern()
        .args(["token", "--replay", "--json", "--show-token"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["token_type"], "Bearer");
    assert_eq!(json["expires_in"], 86400);
    assert_eq!(json["trace_id"], "9da07e01570f4460bee6777e514d7af0");
    assert_eq!(json["dont_retry"], true);
    assert_eq!(json["access_token"], ACCESS_TOKEN);
    assert!(
        json["expires_at"]
            .as_str()
            .is_some_and(|at| at.ends_with('Z'))
    );

    let output = kontur_extern()
        .args(["token", "--replay", "--json"])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(json.get("access_token").is_none(), "{json}");
}

#[test]
fn wrong_password_is_one_line_and_a_failure() {
    let output = kontur_extern()
        .args(["token", "--replay"])
        .env("KONTUR_PASSWORD", "not-the-password")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("HTTP 400"), "{stderr}");
    assert!(
        stderr.contains("form field password: documented [secret], found [secret]"),
        "{stderr}"
    );
    assert!(!stderr.contains("not-the-password"), "{stderr}");
}

#[test]
fn unreachable_server_is_one_line_and_a_failure() {
    // Bind and drop a listener: a port on 127.0.0.1 where nothing listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let output = kontur_extern()
        .args(["token", "--base-url", &format!("http://127.0.0.1:{port}")])
        .args(["--client-id", "id", "--username", "user"])
        .env("KONTUR_CLIENT_SECRET", "secret-value")
        .env("KONTUR_PASSWORD", "password-value")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: cannot connect to the server:"),
        "{stderr}"
    );
    assert!(!stderr.contains("secret-value") && !stderr.contains("password-value"));
}

#[test]
fn expand_prints_formatted_generated_code() {
    let output = kontur_extern()
        .args(["expand", "../spec/password-token.yaml"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("pub mod password_token {\n"), "{stdout}");
    assert!(stdout.contains("    pub struct Request {\n"), "{stdout}");
    assert!(
        stdout.contains("impl ::kontur_extern::Endpoint for PasswordToken {"),
        "{stdout}"
    );
}

#[test]
fn check_accepts_a_good_spec_and_reports_a_broken_one() {
    let output = kontur_extern()
        .args(["check", "../spec/password-token.yaml"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stdout), "../spec/password-token.yaml: ok\n");

    let output = kontur_extern()
        .args([
            "check",
            "../spec/password-token.yaml",
            "../tests/ui/specs/several-problems.yaml",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        "../spec/password-token.yaml: ok\n\
         ../tests/ui/specs/several-problems.yaml:11:11: unknown HTTP method `post`; expected GET, POST, PUT, PATCH or DELETE (upper case)\n\
         ../tests/ui/specs/several-problems.yaml:54:13: unknown type `seconds`; expected one of: string, integer, boolean, duration_seconds, url, enum\n\
         ../tests/ui/specs/several-problems.yaml:85:11: example `documented` omits required parameter `username`; add it under `request.params`\n"
    );

    let output = kontur_extern()
        .args(["check", "no-such.yaml"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).starts_with("no-such.yaml: cannot read the spec file"));
}
