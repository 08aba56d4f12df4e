//! `kontur-extern verify`, run as a user runs it: against the replay server
//! of a deliberately drifted spec, against the third-party OAuth2 server
//! that `tests/interop.rs` uses (oauth2-mock-server, from npm), and against
//! scripted servers for secrets and redirects. Output and exit codes are
//! pinned with insta.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Output, Stdio};
use std::sync::{OnceLock, mpsc};
use std::time::Duration;

use kontur_extern::ReplayServer;

mod support;
use support::{HOSTILE, Listener, assert_inert, http_response, kontur_extern, text};

kontur_extern::endpoint!("spec/password-token.yaml");
kontur_extern::endpoint!("spec/refresh-token.yaml");
kontur_extern::endpoint!("tests/specs/verify-drifted.yaml");

/// Exit code, stdout and stderr, with each `(from, to)` replaced: ports
/// change from run to run.
fn render(output: &Output, replace: &[(&str, &str)]) -> String {
    let mut shown = format!(
        "exit code: {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr)
    );
    for (from, to) in replace {
        shown = shown.replace(from, to);
    }
    shown
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().expect("a runtime")
}

#[test]
fn a_drifted_server_is_reported_field_by_field_with_exit_code_1() {
    let runtime = runtime();
    let server = runtime
        .block_on(ReplayServer::start::<
            drifted_password_token::DriftedPasswordToken,
        >())
        .expect("replay server");
    let url = server.base_url().to_string();
    let url = url.trim_end_matches('/');
    let run = |json: bool| {
        let mut command = kontur_extern();
        command.args(["verify", "spec/password-token.yaml", "--base-url", url]);
        command.arg("--use-documented-secrets");
        if json {
            command.arg("--json");
        }
        command.output().expect("runs")
    };
    let (text_output, json_output) = (run(false), run(true));
    runtime.block_on(server.stop());

    insta::assert_snapshot!(
        "drifted_text",
        render(&text_output, &[(url, "http://127.0.0.1:PORT")])
    );
    assert_eq!(json_output.status.code(), Some(1));
    let findings: serde_json::Value =
        serde_json::from_slice(&json_output.stdout).expect("JSON on stdout");
    assert_eq!(findings.as_array().map(Vec::len), Some(7), "{findings}");
    insta::assert_snapshot!("drifted_json", text(&json_output.stdout));
    assert_eq!(text(&json_output.stderr), "");
}

#[test]
fn the_matching_server_verifies_clean_and_loopback_bypasses_a_proxy() {
    let runtime = runtime();
    let server = runtime
        .block_on(ReplayServer::start::<password_token::PasswordToken>())
        .expect("replay server");
    let proxy = Listener::start(None);
    let mut command = kontur_extern();
    for name in ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"] {
        command.env(name, proxy.url());
    }
    let output = command
        .args([
            "verify",
            "spec/password-token.yaml",
            "--use-documented-secrets",
        ])
        .args(["--base-url", server.base_url().as_str()])
        .output()
        .expect("runs");
    runtime.block_on(server.stop());

    insta::assert_snapshot!("clean", render(&output, &[]));
    assert_eq!(proxy.connections(), Vec::<String>::new(), "a proxy saw it");
}

/// Every shipped spec verifies clean against its own documented exchange;
/// a spec added to `spec/` must be added here. The version 2 specs of
/// `spec/extern/` (each, and the service file) are served by `serve`.
#[test]
fn every_shipped_spec_verifies_clean_against_its_replay_server() {
    shipped_version_2_specs_verify_clean_against_serve();
    let runtime = runtime();
    let servers = [
        (
            "spec/password-token.yaml",
            runtime.block_on(ReplayServer::start::<password_token::PasswordToken>()),
        ),
        (
            "spec/refresh-token.yaml",
            runtime.block_on(ReplayServer::start::<refresh_token::RefreshToken>()),
        ),
    ];
    let shipped = std::fs::read_dir("spec")
        .expect("spec/")
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        })
        .count();
    assert_eq!(shipped, servers.len(), "a shipped spec is missing here");
    for (spec, server) in servers {
        let server = server.expect("replay server");
        let output = kontur_extern()
            .args(["verify", spec, "--use-documented-secrets"])
            .args(["--base-url", server.base_url().as_str()])
            .output()
            .expect("runs");
        runtime.block_on(server.stop());
        assert_eq!(
            output.status.code(),
            Some(0),
            "{spec}: {}",
            render(&output, &[])
        );
        assert!(
            text(&output.stdout).ends_with("verified 1 example: no errors, no warnings\n"),
            "{spec}: {}",
            render(&output, &[])
        );
    }
}

#[test]
fn a_parameter_override_is_sent_and_a_secret_one_is_refused() {
    let runtime = runtime();
    let server = runtime
        .block_on(ReplayServer::start::<password_token::PasswordToken>())
        .expect("replay server");
    let url = server.base_url().to_string();
    let verify = |extra: &[&str]| {
        kontur_extern()
            .args([
                "verify",
                "spec/password-token.yaml",
                "--use-documented-secrets",
            ])
            .args(["--base-url", &url])
            .args(extra)
            .output()
            .expect("runs")
    };
    // The replay server answers only the documented request: another
    // username gets its 400, which names the difference.
    let other_user = verify(&["--param", "username=someone@else.ru"]);
    let secret = verify(&["--param", "password=on-the-command-line"]);
    let constant = verify(&["--param", "grant_type=refresh_token", "--param", "nope=1"]);
    runtime.block_on(server.stop());

    insta::assert_snapshot!("param_override", render(&other_user, &[]));
    insta::assert_snapshot!("param_refused", render(&secret, &[]));
    insta::assert_snapshot!("param_constant_and_unknown", render(&constant, &[]));
    assert!(!text(&secret.stderr).contains("on-the-command-line"));
}

#[test]
fn without_secrets_and_a_terminal_it_names_the_variables_and_sends_nothing() {
    let listener = Listener::start(None);
    let output = kontur_extern()
        .args([
            "verify",
            "spec/password-token.yaml",
            "--base-url",
            &listener.url(),
        ])
        // A pipe, not a terminal: there is no one to ask.
        .write_stdin("")
        .output()
        .expect("runs");
    insta::assert_snapshot!("secrets_missing", render(&output, &[]));
    assert_eq!(listener.connections(), Vec::<String>::new());
}

#[test]
fn a_spec_that_does_not_load_and_plain_http_to_another_host_are_exit_code_2() {
    let output = kontur_extern()
        .args(["verify", "../tests/ui/specs/several-problems.yaml"])
        .args(["--base-url", "http://127.0.0.1:9"])
        .output()
        .expect("runs");
    insta::assert_snapshot!("spec_broken", render(&output, &[]));

    // 192.0.2.1 is TEST-NET-1: nothing answers there, and nothing is tried.
    let output = kontur_extern()
        .args([
            "verify",
            "spec/password-token.yaml",
            "--use-documented-secrets",
        ])
        .args(["--base-url", "http://192.0.2.1"])
        .output()
        .expect("runs");
    insta::assert_snapshot!("insecure_http", render(&output, &[]));
}

#[test]
fn an_unreachable_server_is_exit_code_2() {
    // Bind and drop a listener: a port on 127.0.0.1 where nothing listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let output = kontur_extern()
        .args([
            "verify",
            "spec/password-token.yaml",
            "--use-documented-secrets",
        ])
        .args(["--base-url", &format!("http://127.0.0.1:{port}")])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "{}", render(&output, &[]));
    assert_eq!(text(&output.stdout), "");
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: example `documented`: cannot send the request: "),
        "{stderr}"
    );
}

#[test]
fn a_redirect_is_reported_and_not_followed() {
    let elsewhere = Listener::start(Some(http_response("200 OK", &[], "{}")));
    let location = format!("{}/connect/token", elsewhere.url());
    let server = Listener::start(Some(http_response(
        "307 Temporary Redirect",
        &[("Location", &location)],
        "",
    )));
    let output = kontur_extern()
        .args([
            "verify",
            "spec/password-token.yaml",
            "--use-documented-secrets",
        ])
        .args(["--base-url", &server.url()])
        .output()
        .expect("runs");

    insta::assert_snapshot!(
        "redirect",
        render(&output, &[(&elsewhere.url(), "http://127.0.0.1:ELSEWHERE")])
    );
    assert_eq!(server.connections().len(), 1);
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(elsewhere.connections(), Vec::<String>::new(), "followed");
}

/// Secret values from the environment, which a hostile server echoes in
/// every place a finding shows server text: a key, an enum value, a value
/// of the wrong type, a header, a redirect and an error description. They
/// are sent, and never printed.
#[test]
fn secrets_from_the_environment_are_sent_and_never_printed() {
    const SECRET: &str = "api-key-5e1f";
    const PASSWORD: &str = "pass word/7c";
    let body = format!(
        r#"{{"access_token":"{SECRET}","expires_in":"{PASSWORD}","token_type":"{SECRET}","{PASSWORD}":1,"scope":"{SECRET}"}}"#
    );
    let echo = Listener::start(Some(http_response(
        "200 OK",
        &[("X-Kontur-Trace-Id", SECRET), ("Dont-Retry", PASSWORD)],
        &body,
    )));
    let error = format!(
        r#"{{"error":"invalid_grant","error_description":"no user with password {PASSWORD} and key {SECRET}"}}"#
    );
    let refusal = Listener::start(Some(http_response("400 Bad Request", &[], &error)));
    let encoded_password = "pass+word%2F7c";
    let redirect = Listener::start(Some(http_response(
        "302 Found",
        &[(
            "Location",
            &format!("http://127.0.0.1:1/?k={SECRET}&p={encoded_password}"),
        )],
        "",
    )));

    let mut shown = Vec::new();
    for (server, name) in [
        (&echo, "secrets_echoed"),
        (&refusal, "secrets_in_an_error"),
        (&redirect, "secrets_in_a_redirect"),
    ] {
        for json in [false, true] {
            let mut command = kontur_extern();
            command
                .args([
                    "verify",
                    "spec/password-token.yaml",
                    "--base-url",
                    &server.url(),
                ])
                .env("KONTUR_VERIFY_CLIENT_SECRET", SECRET)
                // The `token` command's variable, read when the first is unset.
                .env("KONTUR_PASSWORD", PASSWORD);
            if json {
                command.arg("--json");
            }
            let output = command.output().expect("runs");
            assert_eq!(output.status.code(), Some(1), "{}", render(&output, &[]));
            if !json {
                insta::assert_snapshot!(name, render(&output, &[]));
            }
            shown.push(render(&output, &[]));
        }
    }

    // The secrets went to the server, in the form.
    let sent = echo.connections();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(sent[0].contains("client_secret=api-key-5e1f"), "{sent:?}");
    assert!(
        sent[0].contains(&format!("password={encoded_password}")),
        "{sent:?}"
    );
    for output in &shown {
        for secret in [SECRET, PASSWORD, encoded_password, "pass%20word"] {
            assert!(!output.contains(secret), "{secret:?} shown in {output}");
        }
    }
}

#[test]
fn server_text_cannot_drive_the_terminal_or_forge_lines() {
    let body = format!(
        r#"{{"access_token":"x","expires_in":"{HOSTILE}","token_type":"{HOSTILE}","{HOSTILE}":1}}"#
    );
    let drifted = Listener::start(Some(http_response("200 OK", &[], &body)));
    let error = format!(r#"{{"error":"{HOSTILE}","error_description":"{HOSTILE}"}}"#);
    let refused = Listener::start(Some(http_response("400 Bad Request", &[], &error)));
    for server in [&drifted, &refused] {
        for json in [false, true] {
            let mut command = kontur_extern();
            command
                .args([
                    "verify",
                    "spec/password-token.yaml",
                    "--use-documented-secrets",
                ])
                .args(["--base-url", &server.url()]);
            if json {
                command.arg("--json");
            }
            let output = command.output().expect("runs");
            assert_eq!(output.status.code(), Some(1), "{}", render(&output, &[]));
            assert_inert(&render(&output, &[]));
        }
    }
}

#[test]
fn oauth2_mock_server_matches_its_spec_with_secrets_from_the_environment() {
    let server = MockServer::start();
    let verify = |password: &str| {
        kontur_extern()
            .args(["verify", "../tests/interop/oauth2-mock-password.yaml"])
            .args(["--base-url", &server.address])
            .env("KONTUR_VERIFY_CLIENT_SECRET", "mock-secret-0b7d")
            .env("KONTUR_VERIFY_PASSWORD", password)
            .output()
            .expect("runs")
    };
    let right = verify("wonderland");
    let wrong = verify("not-wonderland-41a");

    insta::assert_snapshot!("oauth2_mock_clean", render(&right, &[]));
    insta::assert_snapshot!("oauth2_mock_wrong_password", render(&wrong, &[]));
    for output in [&right, &wrong] {
        let shown = render(output, &[]);
        for secret in ["mock-secret-0b7d", "not-wonderland-41a", "wonderland"] {
            assert!(!shown.contains(secret), "{secret:?} shown in {shown}");
        }
    }
}

#[test]
fn oauth2_mock_server_against_an_outdated_spec() {
    let server = MockServer::start();
    let output = kontur_extern()
        .args(["verify", "tests/specs/verify-mock-drifted.yaml"])
        .args(["--base-url", &server.address])
        .env("KONTUR_VERIFY_CLIENT_SECRET", "mock-secret-0b7d")
        .env("KONTUR_VERIFY_PASSWORD", "wonderland")
        .output()
        .expect("runs");
    insta::assert_snapshot!("oauth2_mock_outdated_spec", render(&output, &[]));
}

/// oauth2-mock-server, started by `tests/interop/server.mjs` as
/// `tests/interop.rs` starts it (see there); dropping it stops it.
struct MockServer {
    child: Child,
    stdin: Option<ChildStdin>,
    /// `http://127.0.0.1:PORT`, as the server printed it.
    address: String,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is in the workspace")
        .to_owned()
}

/// `npm ci` once, when the server is not installed or the lock file is newer
/// than the installation, as `tests/interop.rs` does it.
fn ensure_installed() {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    let installed = INSTALLED.get_or_init(|| {
        let dir = workspace_root().join("tests/interop");
        let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let fresh = modified(&dir.join("node_modules/.package-lock.json"))
            .zip(modified(&dir.join("package-lock.json")))
            .is_some_and(|(installed, locked)| installed >= locked);
        if fresh
            && dir
                .join("node_modules/oauth2-mock-server/package.json")
                .is_file()
        {
            return Ok(());
        }
        let output = std::process::Command::new("npm")
            .args(["ci", "--prefix", "tests/interop", "--no-audit", "--no-fund"])
            .current_dir(workspace_root())
            .stdin(Stdio::null())
            .output()
            .map_err(|error| format!("cannot run npm ({error}): Node.js 20.19+ with npm needed"))?;
        match output.status.success() {
            true => Ok(()),
            false => Err(format!(
                "npm ci failed: {}{}",
                text(&output.stdout),
                text(&output.stderr)
            )),
        }
    });
    if let Err(message) = installed {
        panic!("{message}");
    }
}

impl MockServer {
    fn start() -> Self {
        ensure_installed();
        let mut child = std::process::Command::new("node")
            .arg("tests/interop/server.mjs")
            .current_dir(workspace_root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|error| panic!("cannot run node ({error}): Node.js 20.19+ needed"));
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut server = MockServer {
            child,
            stdin,
            address: String::new(),
        };
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = sender.send(lines.next());
            // Keep reading so that the server never blocks on a full pipe.
            lines.map_while(Result::ok).for_each(drop);
        });
        let line = match receiver.recv_timeout(Duration::from_secs(30)) {
            Ok(Some(Ok(line))) => line,
            other => panic!("server.mjs printed no address: {other:?}"),
        };
        server.address = line
            .strip_prefix("listening ")
            .filter(|address| address.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("server.mjs printed {line:?}"))
            .to_owned();
        server
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `kontur-extern serve SPECS…` on a free port of 127.0.0.1, stopped when
/// dropped.
struct Served {
    child: Child,
    base_url: String,
}

impl Served {
    fn start(specs: &[&Path]) -> Served {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kontur-extern"))
            .arg("serve")
            .args(specs)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("the base URL");
        assert!(first.starts_with("http://127.0.0.1:"), "serve: {first:?}");
        Served {
            child,
            base_url: first.trim().trim_end_matches('/').to_owned(),
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `verify` of version 2 specs: a bearer token from the environment, as
/// `call` takes it (the replay server takes any).
fn verify_v2(spec: &Path, base_url: &str, json: bool) -> Output {
    let mut command = kontur_extern();
    command
        .env("KONTUR_ACCESS_TOKEN", "a-test-access-token")
        .args(["verify"])
        .arg(spec)
        .args(["--base-url", base_url]);
    if json {
        command.arg("--json");
    }
    command.output().expect("runs")
}

/// Every shipped version 2 spec, and the service file that holds them all,
/// verifies clean against `serve` of itself: each documented example sent,
/// bearer endpoints with the token from the environment.
fn shipped_version_2_specs_verify_clean_against_serve() {
    let mut specs: Vec<PathBuf> = std::fs::read_dir("spec/extern")
        .expect("spec/extern")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| {
            // Endpoint specs: not the service file, not a type file
            // (`module:`).
            path.extension().is_some_and(|x| x == "yaml")
                && !path.ends_with("api.yaml")
                && !std::fs::read_to_string(path).is_ok_and(|text| text.contains("\nmodule:"))
        })
        .collect();
    specs.sort();
    assert!(specs.len() >= 17, "{specs:?}");
    specs.push(PathBuf::from("spec/extern/api.yaml"));
    for spec in &specs {
        // A server of its own: requests documented twice are answered in
        // documented order.
        let server = Served::start(&[spec]);
        let output = verify_v2(spec, &server.base_url, false);
        let shown = render(&output, &[]);
        assert_eq!(output.status.code(), Some(0), "{}: {shown}", spec.display());
        let stdout = text(&output.stdout);
        assert!(
            stdout.starts_with("verified ") && stdout.ends_with(": no errors, no warnings\n"),
            "{}: {shown}",
            spec.display()
        );
    }
}

/// A copy of `spec/extern/` with each `(file, from, to)` replaced once.
fn drifted_copy(edits: &[(&str, &str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kontur-extern-drifted-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    for entry in std::fs::read_dir("spec/extern").expect("spec/extern") {
        let path = entry.expect("an entry").path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, dir.join(name)).expect("copied");
        }
    }
    for (file, from, to) in edits {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("a copied spec");
        assert_eq!(text.matches(from).count(), 1, "{file}: {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("written");
    }
    dir
}

/// The server drifts from the shipped specs; `verify spec/extern/api.yaml`
/// against `serve` of the drifted copy names each drift with the rule of
/// `diff` for the spec edit that would follow the server, its JSON path and
/// both verdicts. Each edit of the copy keeps it a valid spec, so that
/// `serve` answers with it.
#[test]
fn a_drifted_service_is_named_drift_by_drift_with_diff_s_rules_and_verdicts() {
    let docflow = "            \"id\": \"a9bc74bd-311b-43f0-aff7-faba24ce35d9\",\n            \"organization-id\": \"988b38f1-5580-4ba9-b9f8-3215e7f392ea\",\n            \"type\": \"urn:docflow:fns534-report\",\n            \"status\": \"urn:docflow-common-status:finished\",\n";
    let dir = drifted_copy(&[
        // A required field removed (`organization-id` is no longer sent),
        // a key the spec does not declare added (`archived-by`), an enum
        // value added (`status`), and the union variant `Report` told by a
        // tag the shipped spec does not list (its `when` is gone from the
        // server: the spec's variant is removed there, a new one in its
        // place), which is also a new value of `DocflowType`.
        (
            "get-docflow.yaml",
            docflow,
            "            \"id\": \"a9bc74bd-311b-43f0-aff7-faba24ce35d9\",\n            \"archived-by\": \"robot\",\n            \"type\": \"urn:docflow:fns534-report-v2\",\n            \"status\": \"urn:docflow-common-status:archived\",\n",
        ),
        (
            "types.yaml",
            "GET /v1/{accountId}/docflows/{docflowId}`.\n    fields:\n      - name: id\n        doc: Docflow id.\n        type: uuid\n      - name: organization-id\n        doc: Id of the organization the docflow belongs to.\n        type: uuid\n",
            "GET /v1/{accountId}/docflows/{docflowId}`.\n    fields:\n      - name: id\n        doc: Docflow id.\n        type: uuid\n      - name: organization-id\n        doc: Id of the organization the docflow belongs to.\n        type: uuid\n        optional: true\n      - name: archived-by\n        doc: Drifted.\n        type: string\n        optional: true\n",
        ),
        (
            "types.yaml",
            "      - urn:docflow-common-status:processed\n",
            "      - urn:docflow-common-status:processed\n      - urn:docflow-common-status:archived\n",
        ),
        (
            "types.yaml",
            "        when: urn:docflow:fns534-report\n",
            "        when: urn:docflow:fns534-report-v2\n",
        ),
        // A field retyped deep in the body: a number sent as a string.
        (
            "get-docflow.yaml",
            "\"decrypted-content-size\": 2736,",
            "\"decrypted-content-size\": \"2736\",",
        ),
        (
            "types.yaml",
            "      - name: decrypted-content-size\n        doc: Size in bytes of the decrypted content, if there is one.\n        type: integer\n",
            "      - name: decrypted-content-size\n        doc: Size in bytes of the decrypted content, if there is one.\n        type: json\n",
        ),
        // A status changed: the account is found with 203, not 200.
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
    ]);
    let drifted_types = std::fs::read_to_string(dir.join("types.yaml")).expect("types");
    // The new type value is one `DocflowType` lists on the server's side.
    let drifted_types = drifted_types.replacen(
        "      - urn:docflow:fns534-report\n",
        "      - urn:docflow:fns534-report\n      - urn:docflow:fns534-report-v2\n",
        1,
    );
    std::fs::write(dir.join("types.yaml"), drifted_types).expect("written");

    let server = Served::start(&[&dir.join("api.yaml")]);
    let text_output = verify_v2(Path::new("spec/extern/api.yaml"), &server.base_url, false);
    drop(server);
    let server = Served::start(&[&dir.join("api.yaml")]);
    let json_output = verify_v2(Path::new("spec/extern/api.yaml"), &server.base_url, true);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);

    insta::assert_snapshot!("drifted_service_text", render(&text_output, &[]));
    assert_eq!(text_output.status.code(), Some(1));
    assert_eq!(json_output.status.code(), Some(1));
    for output in [&text_output, &json_output] {
        let shown = render(output, &[]);
        assert!(!shown.contains("a-test-access-token"), "{shown}");
    }
    let findings: serde_json::Value =
        serde_json::from_slice(&json_output.stdout).expect("JSON on stdout");
    let rules: Vec<(String, String, String, String)> = findings
        .as_array()
        .expect("a list")
        .iter()
        .map(|finding| {
            let field = |name: &str| finding[name].as_str().unwrap_or_default().to_owned();
            let at = match finding["path"].as_str() {
                Some(path) => format!("{} at {path}", field("what")),
                None => field("what"),
            };
            (field("rule"), at, field("source"), field("wire"))
        })
        .collect();
    let expected = [
        (
            "response-field-became-optional",
            "body of `response` at organization-id",
            "breaking",
            "breaking",
        ),
        (
            "json-field-type-changed",
            "body of `response` at documents[0].description.decrypted-content-size",
            "breaking",
            "breaking",
        ),
        (
            "enum-value-added",
            "body of `response` at status",
            "breaking",
            "compatible",
        ),
        (
            "enum-value-added",
            "body of `response` at type",
            "breaking",
            "compatible",
        ),
        (
            "union-variant-added",
            "body of `response` at type",
            "breaking",
            "compatible",
        ),
        (
            "response-field-added-optional",
            "body of `response` at archived-by",
            "compatible",
            "compatible",
        ),
        (
            "outcome-status-changed",
            "undocumented status",
            "compatible",
            "breaking",
        ),
    ];
    for (rule, what, source, wire) in expected {
        assert!(
            rules.contains(&(
                rule.to_owned(),
                what.to_owned(),
                source.to_owned(),
                wire.to_owned()
            )),
            "{rule} at {what}: {findings:#}"
        );
    }
    assert_eq!(rules.len(), expected.len(), "{findings:#}");
}

/// A bearer endpoint without a token: `call`'s message, exit code 2, and
/// no request sent.
#[test]
fn a_bearer_endpoint_without_a_token_names_call_s_variables_and_sends_nothing() {
    let listener = Listener::start(None);
    let output = kontur_extern()
        .args(["verify", "spec/extern/get-account.yaml", "--base-url"])
        .arg(listener.url())
        .write_stdin("")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2), "{}", render(&output, &[]));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("needs a bearer token: set KONTUR_ACCESS_TOKEN, or KONTUR_CLIENT_ID"),
        "{stderr}"
    );
    assert_eq!(text(&output.stdout), "");
    assert_eq!(listener.connections(), Vec::<String>::new());
}
