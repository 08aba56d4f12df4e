//! The command-line tool, run as a user runs it.

use assert_cmd::Command;

mod support;
use support::{HOSTILE, Listener, assert_inert, http_response, kontur_extern, text};

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
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let server = runtime
        .block_on(kontur_extern::ReplayServer::start::<
            password_token::PasswordToken,
        >())
        .expect("replay server");
    let output = kontur_extern()
        .args(["token", "--base-url", server.base_url().as_str()])
        .args(["--client-id", "extern.api", "--username", "user@login.ru"])
        .env("KONTUR_CLIENT_SECRET", "************")
        .env("KONTUR_PASSWORD", "not-the-password")
        .output()
        .expect("runs");
    runtime.block_on(server.stop());
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

kontur_extern::endpoint!("spec/password-token.yaml");

fn proxy_environment(command: &mut Command, proxy: &str) {
    for name in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        command.env(name, proxy);
    }
    command.env_remove("NO_PROXY").env_remove("no_proxy");
}

#[test]
fn token_replay_behind_a_proxy_sends_nothing_to_it_and_no_credentials_from_the_environment() {
    let proxy = Listener::start(None);
    let mut command = kontur_extern();
    proxy_environment(&mut command, &proxy.url());
    let output = command
        .args(["token", "--replay"])
        .env("KONTUR_CLIENT_SECRET", "env-secret-31f7")
        .env("KONTUR_PASSWORD", "env-password-9c2e")
        .output()
        .expect("runs");
    let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("token type: Bearer\n"), "{stdout}");
    assert!(
        stderr.contains(
            "note: --replay sends the documented example's credentials; the client secret, password from the environment or flags are not used"
        ),
        "{stderr}"
    );
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_eq!(
        proxy.connections(),
        Vec::<String>::new(),
        "the proxy saw traffic"
    );
    for secret in ["env-secret-31f7", "env-password-9c2e"] {
        assert!(!stdout.contains(secret) && !stderr.contains(secret));
    }
}

#[test]
fn token_from_a_loopback_server_behind_a_proxy_goes_direct() {
    let proxy = Listener::start(None);
    let body = r#"{"access_token":"AT-cli-1","expires_in":60,"token_type":"Bearer"}"#;
    let server = Listener::start(Some(http_response("200 OK", &[], body)));
    let mut command = kontur_extern();
    proxy_environment(&mut command, &proxy.url());
    let output = command
        .args(["token", "--base-url", &server.url()])
        .args(["--client-id", "id", "--username", "user"])
        .env("KONTUR_CLIENT_SECRET", "env-secret-31f7")
        .env("KONTUR_PASSWORD", "env-password-9c2e")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        proxy.connections(),
        Vec::<String>::new(),
        "the proxy saw traffic"
    );
    let seen = server.connections();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(
        seen[0].starts_with("POST /connect/token HTTP/1.1\r\n"),
        "{seen:?}"
    );
}

/// `kontur-extern token` against the server at `url`, with throwaway
/// credentials: the client secret and password from the environment.
fn token_from(url: &str, secret: &str, password: &str) -> std::process::Output {
    kontur_extern()
        .args(["token", "--base-url", url])
        .args(["--client-id", "id", "--username", "user"])
        .env("KONTUR_CLIENT_SECRET", secret)
        .env("KONTUR_PASSWORD", password)
        .output()
        .expect("runs")
}

#[test]
fn server_text_cannot_drive_the_terminal_or_forge_lines() {
    let error = format!(r#"{{"error":"invalid_grant","error_description":"{HOSTILE}"}}"#);
    let server = Listener::start(Some(http_response("400 Bad Request", &[], &error)));
    let output = token_from(&server.url(), "secret", "password");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(
        stderr.contains(r"bad\u{1b}[2J\u{1b}]0;TITLE\u{7}\nerror: forged second line"),
        "{stderr:?}"
    );
    assert_inert(&text(&output.stderr));

    let token =
        format!(r#"{{"access_token":"AT-cli-2","expires_in":60,"token_type":"{HOSTILE}"}}"#);
    let server = Listener::start(Some(http_response("200 OK", &[], &token)));
    let output = token_from(&server.url(), "secret", "password");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert_eq!(stdout.lines().count(), 3, "{stdout:?}");
    assert_inert(&text(&output.stdout));
}

#[test]
fn unreachable_server_is_one_line_and_a_failure() {
    // Bind and drop a listener: a port on 127.0.0.1 where nothing listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let output = token_from(
        &format!("http://127.0.0.1:{port}"),
        "secret-value",
        "password-value",
    );
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
fn expand_with_features_puts_each_group_behind_its_feature() {
    let output = kontur_extern()
        .args(["expand", "--features", "spec/extern/api.yaml"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let code = text(&output.stdout);
    // The code `kontur-extern-api` keeps, cut into crates: the shared
    // types', a group's endpoint modules (there without the group's
    // feature, which the crate's dependency stands for) and the client's,
    // the same items.
    let part = |path: &str| {
        std::fs::read_to_string(format!("../api/{path}"))
            .unwrap_or_else(|error| panic!("api/{path}: {error}"))
    };
    let types = part("parts/types/src/generated.rs");
    let shared = code
        .find("pub mod extern_types {")
        .expect("the shared types");
    let shared = &code[shared..];
    let shared = &shared[..shared.find("\n}\n").expect("their end") + 3];
    assert!(
        types.contains(shared),
        "the types differ from kontur-extern-api's:\n{shared:.500}"
    );
    let drafts = part("parts/drafts/src/generated.rs");
    let get_draft = code.find("pub mod get_draft {").expect("get_draft");
    let module = &code[get_draft..];
    let module = &module[..module.find("\n}\n").expect("its end") + 3];
    assert!(
        drafts.contains(module),
        "get_draft differs from kontur-extern-api's:\n{module:.500}"
    );
    let client = part("src/generated/extern_api.rs");
    let handles = code.find("pub struct ExternApi {").expect("the client");
    let handles = &code[handles..code.find("pub mod password_token").unwrap_or(code.len())];
    assert!(
        client.contains(handles),
        "the client differs from kontur-extern-api's:\n{handles:.500}"
    );
    assert!(
        code.contains("#[cfg(feature = \"drafts\")]\npub mod get_draft {"),
        "{code:.500}"
    );
    assert!(!code.contains("include_str!"), "{code:.500}");

    let refused = kontur_extern()
        .args(["expand", "--features", "../spec/password-token.yaml"])
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("is not a service file"),
        "{}",
        text(&refused.stderr)
    );
}

/// `expand --crates` writes the code of `kontur-extern-api`'s parts, each
/// in a file (as the committed parts hold it after their header), writes
/// again only what changed, names a file it did not write, and refuses a
/// prefix that names no crate and what is not a service file.
#[test]
fn expand_with_crates_writes_the_code_of_each_crate() {
    let dir = std::env::temp_dir().join(format!("kontur-extern-crates-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let run = || {
        kontur_extern()
            .args(["expand", "--crates"])
            .arg(&dir)
            .args(["--prefix", "kontur_extern_api", "spec/extern/api.yaml"])
            .output()
            .expect("runs")
    };
    let output = run();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let listing = text(&output.stdout);
    assert_eq!(listing.matches("(written)").count(), 13, "{listing}");
    assert!(
        listing.contains(
            "drafts.rs (written): the crate `kontur_extern_api_drafts`, which depends on \
             `kontur_extern_api_types` with its feature `drafts`"
        ),
        "{listing}"
    );
    let read = |path: std::path::PathBuf| {
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
    };
    for (file, part) in [
        ("types.rs", "types"),
        ("drafts.rs", "drafts"),
        ("builders.rs", "builders"),
        ("reports_tables.rs", "reports-tables"),
    ] {
        let written = read(dir.join(file));
        let committed = read(format!("../api/parts/{part}/src/generated.rs").into());
        assert!(
            written.len() > 1000 && committed.ends_with(&written),
            "{file} is not the code of api/parts/{part}:\n{written:.300}"
        );
    }
    // The client's, which the API crate follows with the token endpoints.
    let client = read(dir.join("client.rs"));
    let committed = read("../api/src/generated/extern_api.rs".into());
    assert!(
        client.len() > 1000 && committed.contains(&client),
        "client.rs is not the API crate's client:\n{client:.300}"
    );

    // Again, one file changed by hand and one a group no longer has: only
    // the first is written, the second is named.
    std::fs::write(dir.join("drafts.rs"), "// changed\n").expect("writes");
    std::fs::write(dir.join("gone.rs"), "// a group since removed\n").expect("writes");
    let again = run();
    assert!(again.status.success(), "{}", text(&again.stderr));
    let listing = text(&again.stdout);
    assert_eq!(listing.matches("(unchanged)").count(), 12, "{listing}");
    assert!(listing.contains("drafts.rs (written)"), "{listing}");
    assert!(listing.contains("gone.rs (not written)"), "{listing}");
    let drafts = read(dir.join("drafts.rs"));
    assert!(drafts.len() > 1000, "{drafts:.300}");
    let _ = std::fs::remove_dir_all(&dir);

    let bad = kontur_extern()
        .args(["expand", "--crates"])
        .arg(&dir)
        .args(["--prefix", "my-api", "spec/extern/api.yaml"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("`my-api_types` is not a crate's name in Rust"),
        "{}",
        text(&bad.stderr)
    );

    let refused = kontur_extern()
        .args(["expand", "--crates"])
        .arg(&dir)
        .args(["--prefix", "api", "spec/password-token.yaml"])
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("is not a service file"),
        "{}",
        text(&refused.stderr)
    );
    assert!(!dir.exists(), "a refused run wrote {}", dir.display());
}

#[test]
fn a_reader_that_goes_away_does_not_make_a_command_panic() {
    use std::process::{Command, Stdio};
    let specs: Vec<String> = std::fs::read_dir("spec/extern")
        .expect("spec/extern")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path().display().to_string())
        // The specs: `COVERAGE.md` beside them is not one.
        .filter(|path| path.ends_with(".yaml"))
        .collect();
    for args in [
        vec!["check".to_owned()]
            .into_iter()
            .chain(specs.clone())
            .collect::<Vec<_>>(),
        vec!["token".to_owned(), "--replay".to_owned()],
        vec![
            "diff".to_owned(),
            "spec/extern/get-draft.yaml".to_owned(),
            "spec/extern/get-draft.yaml".to_owned(),
        ],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kontur-extern"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        // The reader goes away before anything is written.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("ends");
        let stderr = text(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

#[test]
fn serve_keeps_serving_when_its_stderr_reader_goes_away() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_kontur-extern"))
        .args(["serve", "accounts", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    // The reader of its log goes away before the log is written.
    drop(child.stderr.take());
    let mut base_url = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut base_url)
        .expect("the base URL");
    let address = base_url
        .trim()
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let still_running = child.try_wait().expect("a status").is_none();
    let answer = std::net::TcpStream::connect(&address).map(|mut stream| {
        let _ = stream.write_all(
            format!("GET /v1/{ACCOUNT_ID} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer any\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        answer
    });
    let _ = child.kill();
    let _ = child.wait();
    assert!(still_running, "serve ended when its stderr closed");
    let answer = answer.expect("connects");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

/// `check -v` lists the keys an example expects its types not to declare
/// (`undeclared_keys: true`); plain `check` only says the spec is sound.
#[test]
fn check_verbose_lists_the_undeclared_keys_an_example_expects() {
    let spec = "../tests/specs/v2/two-files.yaml";
    let quiet = kontur_extern()
        .args(["check", spec])
        .output()
        .expect("runs");
    assert_eq!(quiet.status.code(), Some(0));
    assert_eq!(text(&quiet.stdout), format!("{spec}: ok\n"));
    let verbose = kontur_extern()
        .args(["-v", "check", spec])
        .output()
        .expect("runs");
    assert_eq!(verbose.status.code(), Some(0));
    let stdout = text(&verbose.stdout);
    let notes: Vec<&str> = stdout.lines().filter(|l| l.starts_with("note: ")).collect();
    assert_eq!(notes.len(), 2, "{stdout}");
    assert!(
        notes[0].ends_with("example `with_more`: the response body has more than its types: `ours` has the key `method`, which `Link` does not declare"),
        "{stdout}"
    );
    assert!(notes[1].contains("the body has the key `etag`"), "{stdout}");
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

#[test]
fn schema_prints_the_committed_json_schema() {
    let output = kontur_extern().arg("schema").output().expect("runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let committed =
        std::fs::read_to_string("../spec/kontur-extern.schema.json").expect("the schema file");
    assert_eq!(text(&output.stdout), committed);
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(schema["required"][0], "spec");
}

/// `serve` answers each documented request of the specs it is given, from
/// files read at run time, until it is stopped; other languages' tests can
/// use it as a server.
#[test]
fn serve_answers_the_documented_requests_of_specs_read_at_run_time() {
    let served = Served::start(&["spec/extern/api.yaml", "spec/password-token.yaml"]);
    let ask = |request: &str| served.ask(request);
    let found = ask(
        "GET /v1/bd0cd3f6-315d-4f03-a9cc-3507f63265ed HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer any\r\nConnection: close\r\n\r\n",
    );
    let not_found = ask(
        "GET /v1/00000000-0000-0000-0000-000000000404 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer any\r\nConnection: close\r\n\r\n",
    );
    let no_token = ask(
        "GET /v1/bd0cd3f6-315d-4f03-a9cc-3507f63265ed HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    served.stop();
    assert!(found.starts_with("HTTP/1.1 200"), "{found}");
    assert!(found.contains("\"organization-name\""), "{found}");
    assert!(not_found.starts_with("HTTP/1.1 404"), "{not_found}");
    assert!(not_found.contains("urn:nss:nid"), "{not_found}");
    assert!(no_token.starts_with("HTTP/1.1 401"), "{no_token}");
}

#[test]
fn serve_refuses_a_spec_it_cannot_load_and_says_why() {
    let output = kontur_extern()
        .args(["serve", "spec/extern/missing.yaml"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("spec/extern/missing.yaml: cannot read the spec file"),
        "{stderr}"
    );
}

/// `kontur-extern serve SPECS…` on a free port, killed when dropped.
struct Served {
    child: std::process::Child,
    base_url: String,
}

impl Served {
    fn start(specs: &[&str]) -> Served {
        Served::start_in(std::path::Path::new("."), specs)
    }

    /// `serve` run in `dir`.
    fn start_in(dir: &std::path::Path, specs: &[&str]) -> Served {
        use std::io::{BufRead, BufReader};
        use std::process::{Command, Stdio};
        let mut child = Command::new(env!("CARGO_BIN_EXE_kontur-extern"))
            .current_dir(dir)
            .arg("serve")
            .args(specs)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("the base URL");
        Served {
            child,
            base_url: first.trim().to_owned(),
        }
    }

    /// The answer to a raw HTTP request, as text.
    fn ask(&self, request: &str) -> String {
        use std::io::{Read, Write};
        let address = self
            .base_url
            .trim_start_matches("http://")
            .trim_end_matches('/');
        let mut stream = std::net::TcpStream::connect(address).expect("connects");
        stream.write_all(request.as_bytes()).expect("sends");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("reads");
        answer
    }

    /// Stops the server; what it wrote to stderr.
    fn stop(mut self) -> String {
        use std::io::Read;
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut stderr = String::new();
        if let Some(mut pipe) = self.child.stderr.take() {
            let _ = pipe.read_to_string(&mut stderr);
        }
        stderr
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const ACCOUNT_ID: &str = "bd0cd3f6-315d-4f03-a9cc-3507f63265ed";

#[test]
fn call_prints_the_answer_as_json_and_null_for_not_found() {
    let served = Served::start(&["spec/extern/api.yaml"]);
    let call = |account: &str| {
        kontur_extern()
            .args(["call", "spec/extern/get-account.yaml", "--base-url"])
            .arg(&served.base_url)
            .arg("--param")
            .arg(format!("accountId={account}"))
            .env("KONTUR_ACCESS_TOKEN", "any-token")
            .output()
            .expect("runs")
    };
    let found = call(ACCOUNT_ID);
    assert!(found.status.success(), "{}", text(&found.stderr));
    let json: serde_json::Value = serde_json::from_slice(&found.stdout).expect("JSON");
    assert_eq!(json["id"], ACCOUNT_ID);
    assert_eq!(json["organization-name"], "ООО 'Баланс Плюс'");
    // In the server's key order (`links` last, as documented), not sorted.
    let printed = text(&found.stdout);
    assert!(
        printed.contains("  \"role\": \"admin\",\n  \"links\": ["),
        "{printed}"
    );

    // Any form of the UUID goes out as the generated client sends it.
    let urn = call("urn:uuid:BD0CD3F6-315D-4F03-A9CC-3507F63265ED");
    assert!(urn.status.success(), "{}", text(&urn.stderr));
    let json: serde_json::Value = serde_json::from_slice(&urn.stdout).expect("JSON");
    assert_eq!(json["id"], ACCOUNT_ID);

    let not_found = call("00000000-0000-0000-0000-000000000404");
    assert!(not_found.status.success(), "{}", text(&not_found.stderr));
    assert_eq!(text(&not_found.stdout), "null\n");

    // Not documented: the replay server's refusal, in the API's own format.
    let other = call("00000000-0000-0000-0000-000000000405");
    assert_eq!(other.status.code(), Some(1));
    let stderr = text(&other.stderr);
    assert!(stderr.contains("HTTP 400"), "{stderr}");
    assert!(stderr.contains("no documented example"), "{stderr}");

    let not_a_uuid = call("nope");
    assert_eq!(not_a_uuid.status.code(), Some(1));
    assert!(
        text(&not_a_uuid.stderr).contains("--param accountId: expected a UUID"),
        "{}",
        text(&not_a_uuid.stderr)
    );

    // A token of a few letters would be scrubbed out of every message.
    let short = kontur_extern()
        .args(["call", "spec/extern/get-account.yaml", "--base-url"])
        .arg(&served.base_url)
        .arg(format!("--param=accountId={ACCOUNT_ID}"))
        .env("KONTUR_ACCESS_TOKEN", "x")
        .output()
        .expect("runs");
    assert_eq!(short.status.code(), Some(1));
    assert!(
        text(&short.stderr)
            .contains("KONTUR_ACCESS_TOKEN is too short to be an access token (1 of"),
        "{}",
        text(&short.stderr)
    );

    let no_token = kontur_extern()
        .args(["call", "spec/extern/get-account.yaml", "--base-url"])
        .arg(&served.base_url)
        .arg(format!("--param=accountId={ACCOUNT_ID}"))
        .output()
        .expect("runs");
    assert_eq!(no_token.status.code(), Some(1));
    assert!(
        text(&no_token.stderr).contains("set KONTUR_ACCESS_TOKEN"),
        "{}",
        text(&no_token.stderr)
    );
}

#[test]
fn call_sends_json_and_binary_bodies_and_refuses_a_body_that_misfits() {
    let served = Served::start(&["spec/extern/api.yaml"]);
    let created = kontur_extern()
        .args(["call", "spec/extern/create-account.yaml", "--base-url"])
        .arg(&served.base_url)
        .args([
            "--body",
            r#"{"organization-name": "Тестовая Коннектор АО", "kpp": "667601001", "inn": "6676130154"}"#,
        ])
        .env("KONTUR_ACCESS_TOKEN", "any-token")
        .output()
        .expect("runs");
    assert!(created.status.success(), "{}", text(&created.stderr));
    let json: serde_json::Value = serde_json::from_slice(&created.stdout).expect("JSON");
    assert_eq!(json["id"], "0b6dc6b4-9642-48ba-ad5d-5e67daf1c71e");

    let misfit = kontur_extern()
        .args(["call", "spec/extern/create-account.yaml", "--base-url"])
        .arg(&served.base_url)
        .args(["--body", r#"{"inn": 12, "kpp": "667601001"}"#])
        .env("KONTUR_ACCESS_TOKEN", "any-token")
        .output()
        .expect("runs");
    assert_eq!(misfit.status.code(), Some(1));
    let stderr = text(&misfit.stderr);
    assert!(
        stderr.contains("1:9: --body does not fit: `inn` should be a string"),
        "{stderr}"
    );
    assert!(
        stderr.contains("lacks the field `organization-name`"),
        "{stderr}"
    );

    let dir = tempfile_dir();
    let content = dir.join("content.bin");
    std::fs::write(&content, "hello world").expect("writes");
    let uploaded = kontur_extern()
        .args(["call", "spec/extern/upload-content.yaml", "--base-url"])
        .arg(&served.base_url)
        .arg(format!("--param=accountId={ACCOUNT_ID}"))
        .args(["--param", "Content-Range=bytes 0-10/11", "--body"])
        .arg(format!("@{}", content.display()))
        .env("KONTUR_ACCESS_TOKEN", "any-token")
        .output()
        .expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(uploaded.status.success(), "{}", text(&uploaded.stderr));
    let json: serde_json::Value = serde_json::from_slice(&uploaded.stdout).expect("JSON");
    assert_eq!(json["id"], "1816fdca-e743-4eb9-8221-b26b0762e015");
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kontur-extern-call-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("creates");
    dir
}

#[test]
fn call_takes_secrets_only_from_the_environment_and_hides_them_in_its_output() {
    let served = Served::start(&["spec/password-token.yaml"]);
    let call = |password: &str, extra: &[&str]| {
        kontur_extern()
            .args(["call", "spec/password-token.yaml", "--base-url"])
            .arg(&served.base_url)
            .args([
                "--param=client_id=extern.api",
                "--param=username=user@login.ru",
            ])
            .args(extra)
            .env("KONTUR_CLIENT_SECRET", "************")
            .env("KONTUR_PASSWORD", password)
            .output()
            .expect("runs")
    };
    let signed_in = call("password", &[]);
    assert!(signed_in.status.success(), "{}", text(&signed_in.stderr));
    let stdout = text(&signed_in.stdout);
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["access_token"], "[secret]");
    assert_eq!(json["token_type"], "Bearer");
    assert!(!stdout.contains(ACCESS_TOKEN), "{stdout}");

    let shown = call("password", &["--show-secrets"]);
    assert!(
        text(&shown.stdout).contains(ACCESS_TOKEN),
        "{}",
        text(&shown.stdout)
    );

    let wrong = call("a-wrong-password-7351", &[]);
    assert_eq!(wrong.status.code(), Some(1));
    let stderr = text(&wrong.stderr);
    assert!(stderr.contains("HTTP 400"), "{stderr}");
    assert!(!stderr.contains("a-wrong-password-7351"), "{stderr}");

    let flag = call("password", &["--param=password=on-the-command-line"]);
    assert_eq!(flag.status.code(), Some(1));
    let stderr = text(&flag.stderr);
    assert!(
        stderr.contains("a secret parameter is never taken from the command line"),
        "{stderr}"
    );
    assert!(
        stderr.contains("KONTUR_CALL_PASSWORD or KONTUR_PASSWORD"),
        "{stderr}"
    );
}

#[test]
fn call_output_cannot_drive_a_terminal() {
    let body = format!(
        r#"{{"id": "{ACCOUNT_ID}", "inn": "1", "organization-name": "{HOSTILE} \u202e", "links": []}}"#
    );
    let server = Listener::start(Some(http_response("200 OK", &[], &body)));
    let output = kontur_extern()
        .args(["call", "spec/extern/get-account.yaml", "--base-url"])
        .arg(server.url())
        .arg(format!("--param=accountId={ACCOUNT_ID}"))
        .env("KONTUR_ACCESS_TOKEN", "any-token")
        .output()
        .expect("runs");
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_inert(&stdout);
    assert!(!stdout.contains('\u{202e}'), "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("still JSON");
    assert!(
        json["organization-name"]
            .as_str()
            .is_some_and(|name| name.ends_with('\u{202e}')),
        "{json}"
    );

    let error = format!(r#"{{"id": "urn:error:x", "status-code": 500, "message": "{HOSTILE}"}}"#);
    let server = Listener::start(Some(http_response(
        "500 Internal Server Error",
        &[],
        &error,
    )));
    let output = kontur_extern()
        .args(["call", "spec/extern/get-account.yaml", "--base-url"])
        .arg(server.url())
        .arg(format!("--param=accountId={ACCOUNT_ID}"))
        .env("KONTUR_ACCESS_TOKEN", "any-token")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert_inert(&text(&output.stderr));
    assert!(!text(&output.stderr).contains("any-token"));
}

/// Every documented example of the shipped API, sent by `call --example`
/// through a service file to `serve`, gets its documented answer: the body
/// as documented, `null` for "not found" and for an empty body, the status
/// in the error for the others. Each endpoint's examples go last first:
/// `call --example` names its example (`Prefer: example=NAME`), so that
/// examples that share one request (a task read `running`, then done) each
/// get their own answer in any order.
#[test]
fn call_and_serve_give_every_shipped_example_its_documented_answer() {
    let service = kontur_extern_codegen::load_service(
        std::path::Path::new("spec/extern/api.yaml"),
        "spec/extern/api.yaml",
    )
    .expect("the shipped service loads");
    let served = Served::start(&["spec/extern/api.yaml"]);
    // Each method's spec file: reading the whole service takes a debug
    // build a second, reading one spec a tenth of that. The first example
    // of each group goes through the service file, the others through
    // their spec files; all of them to `serve` of the service.
    let layout: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string("spec/extern/api.yaml").expect("reads"))
            .expect("YAML");
    let spec_of = |group: &str, method: &str| -> String {
        let groups = layout["groups"].as_array().expect("groups");
        let group = groups
            .iter()
            .find(|g| g["name"] == group)
            .expect("the group");
        let entry = group["endpoints"]
            .as_array()
            .expect("endpoints")
            .iter()
            .find(|e| e["method"] == method)
            .expect("the method");
        format!("spec/extern/{}", entry["spec"].as_str().expect("a spec"))
    };
    let mut checked = 0;
    let mut through_service = 0;
    for group in &service.groups {
        for (at, (method, endpoint)) in group.endpoints.iter().enumerate() {
            let called = format!("{}.{method}", group.name);
            let file = spec_of(&group.name, method);
            for (nth, example) in endpoint.examples.iter().rev().enumerate() {
                let args: Vec<&str> = if at == 0 && nth == 0 {
                    through_service += 1;
                    vec!["call", "spec/extern/api.yaml", &called]
                } else {
                    vec!["call", &file]
                };
                let output = kontur_extern()
                    .args(&args)
                    .arg("--example")
                    .arg(&example.name)
                    .arg("--base-url")
                    .arg(&served.base_url)
                    .env("KONTUR_ACCESS_TOKEN", "any-token")
                    .output()
                    .expect("runs");
                let what = format!("{called} --example {}", example.name);
                let status = example.response_status;
                let outcomes = endpoint.outcomes.as_ref();
                let binary = outcomes.is_some_and(|o| o.listed.iter().any(|o| o.binary));
                let text_body = outcomes.is_some_and(|o| o.listed.iter().any(|o| o.text));
                let stderr = text(&output.stderr);
                if (200..300).contains(&status) {
                    assert!(output.status.success(), "{what}: {stderr}");
                    if binary {
                        assert_eq!(output.stdout, example.response_body.as_bytes(), "{what}");
                    } else if text_body {
                        // A text outcome is printed as its text, one line end.
                        let documented = example.response_body.trim_end_matches('\n');
                        assert_eq!(text(&output.stdout), format!("{documented}\n"), "{what}");
                    } else if example.response_body.trim().is_empty() {
                        assert_eq!(text(&output.stdout), "null\n", "{what}");
                    } else {
                        let printed: serde_json::Value =
                            serde_json::from_slice(&output.stdout).expect("JSON");
                        let documented: serde_json::Value =
                            serde_json::from_str(&example.response_body).expect("JSON");
                        assert_eq!(printed, documented, "{what}");
                    }
                } else if outcomes.is_some_and(|o| o.for_status(status).is_some()) {
                    // An outcome at an error status: a result, printed as one.
                    assert!(output.status.success(), "{what}: {stderr}");
                    let printed: serde_json::Value =
                        serde_json::from_slice(&output.stdout).expect("JSON");
                    let documented: serde_json::Value =
                        serde_json::from_str(&example.response_body).expect("JSON");
                    assert_eq!(printed, documented, "{what}");
                } else if status == 404 && outcomes.is_some_and(|o| o.not_found) {
                    assert!(output.status.success(), "{what}: {stderr}");
                    assert_eq!(text(&output.stdout), "null\n", "{what}");
                } else {
                    assert_eq!(output.status.code(), Some(1), "{what}");
                    assert!(
                        stderr.contains(&format!("HTTP {status}")),
                        "{what}: {stderr}"
                    );
                }
                checked += 1;
            }
        }
    }
    // As many as the service documents, and as `serve` says it serves:
    // an example skipped here, or left out there, fails.
    let documented: usize = service
        .groups
        .iter()
        .flat_map(|group| &group.endpoints)
        .map(|(_, endpoint)| endpoint.examples.len())
        .sum();
    let stderr = served.stop();
    let served_count = stderr
        .lines()
        .find_map(|line| {
            line.strip_prefix("serving ")?
                .split_once(" documented exchanges")?
                .0
                .parse::<usize>()
                .ok()
        })
        .unwrap_or_else(|| panic!("serve says how many it serves: {stderr}"));
    assert!(documented > 0);
    assert_eq!(checked, documented);
    assert_eq!(through_service, service.groups.len());
    assert_eq!(checked, served_count, "{stderr}");
}

/// Examples that share one request (a draft send answered 200, refused
/// with 400, or locked with 409) are each asked for by name, out of
/// documented order: `call --example` names its example (`Prefer:
/// example=NAME`), as a raw request can, or a status (`Prefer: code=NNN`).
/// Without a preference the documented order stays; a name the endpoint
/// lacks gets a 400 in its error format naming the examples there are.
#[test]
fn serve_answers_the_example_a_request_names() {
    // The three examples of the refused-send spec, on one draft.
    let yaml = std::fs::read_to_string("../tests/specs/v2/refused-send.yaml").expect("reads");
    let one = "57a3c02c-45bd-48f2-9d68-bfaac4a7bb26";
    let yaml = yaml
        .replace("e30306d9-8508-4021-9520-ebba937a2194", one)
        .replace("5b35fae5-e429-43c5-befe-6a4aa3cfceda", one);
    let dir = std::env::temp_dir().join(format!("kontur-extern-prefer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("creates");
    let spec = dir.join("one-request-send.yaml");
    std::fs::write(&spec, yaml).expect("writes");
    let spec = spec.to_str().expect("a UTF-8 path");
    let served = Served::start(&[spec]);
    let call = |example: &str| {
        kontur_extern()
            .args(["call", spec, "--example", example, "--base-url"])
            .arg(&served.base_url)
            .env("KONTUR_ACCESS_TOKEN", "any-token")
            .output()
            .expect("runs")
    };
    let locked = call("locked");
    let refused = call("refused");
    let started = call("started");
    let ask = |prefer: &str| {
        served.ask(&format!(
            "POST /v1/c5217c6d-a8fd-4acf-997c-6da64a9b5f74/drafts/{one}/send?deferred=true HTTP/1.1\r\n\
             Host: x\r\nAuthorization: Bearer any\r\nContent-Length: 0\r\n{prefer}Connection: close\r\n\r\n"
        ))
    };
    let first_in_order = ask("");
    let by_code = ask("Prefer: code=409\r\n");
    let second_in_order = ask("");
    let no_such_code = ask("Prefer: code=201\r\n");
    let no_such_name = ask("Prefer: example=nope\r\n");
    served.stop();
    let _ = std::fs::remove_dir_all(&dir);

    assert_eq!(locked.status.code(), Some(1), "{}", text(&locked.stderr));
    assert!(
        text(&locked.stderr).contains("HTTP 409"),
        "{}",
        text(&locked.stderr)
    );
    assert!(refused.status.success(), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stdout).contains("checkProtocolHasErrors"),
        "{}",
        text(&refused.stdout)
    );
    assert!(started.status.success(), "{}", text(&started.stderr));
    assert!(
        text(&started.stdout).contains("\"running\""),
        "{}",
        text(&started.stdout)
    );
    // The named ones did not advance the documented order.
    assert!(
        first_in_order.starts_with("HTTP/1.1 200"),
        "{first_in_order}"
    );
    assert!(by_code.starts_with("HTTP/1.1 409"), "{by_code}");
    assert!(
        second_in_order.starts_with("HTTP/1.1 400"),
        "{second_in_order}"
    );
    assert!(
        second_in_order.contains("checkProtocolHasErrors"),
        "{second_in_order}"
    );
    assert!(no_such_code.starts_with("HTTP/1.1 400"), "{no_such_code}");
    assert!(
        no_such_code.contains("the examples there are: `started` 200, `refused` 400, `locked` 409"),
        "{no_such_code}"
    );
    assert!(no_such_name.starts_with("HTTP/1.1 400"), "{no_such_name}");
    assert!(
        no_such_name.contains("urn:error:kontur-extern:replay:no-such-example")
            && no_such_name.contains(
                "`send_draft` has no example `nope` (`Prefer: example`); the examples there are: \
                 started, refused, locked"
            ),
        "{no_such_name}"
    );
}

/// An outcome at an error status (a refused send's 400) is a result: `call`
/// prints its body and succeeds, saying which outcome it is. A 400 that
/// does not fit it and is the API's error (the replay server's answer to an
/// undocumented request) is an error, as is a 409 that no outcome names.
/// A text outcome is printed as its text (escaped where a terminal would
/// act on it), through `serve` and `call --example`.
#[test]
fn call_prints_a_text_outcome_as_text() {
    const SPEC: &str = "../tests/specs/v2/signature-content.yaml";
    let served = Served::start(&[SPEC]);
    let output = kontur_extern()
        .args(["call", SPEC, "--example", "signature", "--base-url"])
        .arg(&served.base_url)
        .env("KONTUR_ACCESS_TOKEN", "any-token")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "TUlJQmRvY3VtZW50LXNpZ25hdHVyZS1wbGFjZWhvbGRlcg==\n"
    );
}

#[test]
fn call_prints_an_outcome_at_an_error_status_as_a_result() {
    const SPEC: &str = "../tests/specs/v2/refused-send.yaml";
    let served = Served::start(&[SPEC]);
    let call = |args: &[&str]| {
        kontur_extern()
            .args(["call", SPEC, "--base-url"])
            .arg(&served.base_url)
            .args(args)
            .env("KONTUR_ACCESS_TOKEN", "any-token")
            .output()
            .expect("runs")
    };
    let endpoint = kontur_extern_codegen::load_file(std::path::Path::new(SPEC), SPEC)
        .endpoint
        .expect("the spec loads");
    let documented = |name: &str| -> serde_json::Value {
        let example = endpoint
            .examples
            .iter()
            .find(|example| example.name == name)
            .expect("the example");
        serde_json::from_str(&example.response_body).expect("JSON")
    };

    let refused = call(&["--example", "refused"]);
    let stderr = text(&refused.stderr);
    assert!(refused.status.success(), "{stderr}");
    let printed: serde_json::Value = serde_json::from_slice(&refused.stdout).expect("JSON");
    assert_eq!(printed, documented("refused"));
    assert!(
        stderr.contains("HTTP 400 is the documented outcome `refused`, a result"),
        "{stderr}"
    );

    let started = call(&["--example", "started"]);
    assert!(started.status.success(), "{}", text(&started.stderr));
    assert!(
        text(&started.stderr).is_empty(),
        "{}",
        text(&started.stderr)
    );

    // The replay server's 400 for a request it has no example of: the API's
    // error body, which does not fit `refused`.
    let undocumented = call(&[
        "--param",
        "accountId=c5217c6d-a8fd-4acf-997c-6da64a9b5f74",
        "--param",
        "draftId=00000000-0000-0000-0000-000000000400",
    ]);
    assert_eq!(undocumented.status.code(), Some(1));
    let stderr = text(&undocumented.stderr);
    assert!(stderr.contains("HTTP 400"), "{stderr}");
    assert!(stderr.contains("no documented example"), "{stderr}");
    assert!(undocumented.stdout.is_empty());

    let locked = call(&["--example", "locked"]);
    assert_eq!(locked.status.code(), Some(1));
    let stderr = text(&locked.stderr);
    assert!(stderr.contains("HTTP 409"), "{stderr}");
    assert!(
        stderr.contains("There is an active concurrent operation"),
        "{stderr}"
    );
}

#[test]
fn call_and_serve_take_built_in_endpoints_by_name_without_the_spec_files() {
    // Run where no spec is: the built-in specs are in the binary. A group
    // serves all its endpoints. A folder of its own, empty: in the shared
    // temporary directory a folder named `drafts` would be taken for a file.
    let elsewhere =
        std::env::temp_dir().join(format!("kontur-extern-elsewhere-{}", std::process::id()));
    std::fs::create_dir_all(&elsewhere).expect("a folder");
    let served = Served::start_in(&elsewhere, &["accounts", "drafts.get"]);
    for name in ["accounts.get", "get_account"] {
        let output = kontur_extern()
            .current_dir(&elsewhere)
            .args(["call", name, "--param"])
            .arg("accountId=bd0cd3f6-315d-4f03-a9cc-3507f63265ed")
            .arg("--base-url")
            .arg(&served.base_url)
            .env("KONTUR_ACCESS_TOKEN", "any-token")
            .output()
            .expect("runs");
        assert!(output.status.success(), "{name}: {}", text(&output.stderr));
        let printed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        assert_eq!(
            printed["id"], "bd0cd3f6-315d-4f03-a9cc-3507f63265ed",
            "{name}"
        );
    }
    let output = kontur_extern()
        .current_dir(&elsewhere)
        .args(["call", "accounts.rename"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("`accounts.rename` is neither a spec file nor a built-in endpoint")
            && stderr.contains("accounts.list, accounts.get"),
        "{stderr}"
    );
    // A group is not one endpoint to call.
    let output = kontur_extern()
        .current_dir(&elsewhere)
        .args(["call", "drafts"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("`drafts` is a group of 12 endpoints; name one: drafts.create"),
        "{stderr}"
    );
    // Served: the accounts and the one draft endpoint, nothing else.
    let log = served.stop();
    assert!(
        log.contains("serving 10 documented exchanges of 5 endpoints"),
        "{log}"
    );
    let _ = std::fs::remove_dir_all(&elsewhere);
}

/// The shipped service's endpoints and documented exchanges, counted from
/// the service as loaded: every one of them is served and named.
fn shipped_counts() -> (usize, usize) {
    let service = kontur_extern_codegen::load_service(
        std::path::Path::new("spec/extern/api.yaml"),
        "spec/extern/api.yaml",
    )
    .expect("the shipped service loads");
    let endpoints = service.groups.iter().flat_map(|group| &group.endpoints);
    let examples = endpoints.clone().map(|(_, e)| e.examples.len()).sum();
    (endpoints.count(), examples)
}

#[test]
fn call_names_the_endpoints_and_examples_it_can_send() {
    let output = kontur_extern()
        .args(["call", "spec/extern/api.yaml"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    let (endpoints, _) = shipped_counts();
    assert!(
        stderr.contains(&format!(
            "has {endpoints} endpoints: name one after the file (accounts.list, accounts.get"
        )),
        "{stderr}"
    );
    let output = kontur_extern()
        .args([
            "call",
            "spec/extern/api.yaml",
            "get_account",
            "--example",
            "nope",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("`get_account` has no example `nope`; its examples: found, not_found"),
        "{stderr}"
    );
}

#[test]
fn call_with_a_bearer_token_behind_a_proxy_goes_direct_to_loopback_and_refuses_plain_http_elsewhere()
 {
    let proxy = Listener::start(None);
    let body = format!(
        r#"{{"id": "{ACCOUNT_ID}", "inn": "1", "organization-name": "Org", "role": "admin", "links": []}}"#
    );
    let server = Listener::start(Some(http_response("200 OK", &[], &body)));
    let mut command = kontur_extern();
    proxy_environment(&mut command, &proxy.url());
    let output = command
        .args(["call", "spec/extern/get-account.yaml", "--base-url"])
        .arg(server.url())
        .arg(format!("--param=accountId={ACCOUNT_ID}"))
        .env("KONTUR_ACCESS_TOKEN", "bearer-token-5d1a")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        proxy.connections(),
        Vec::<String>::new(),
        "the proxy saw traffic"
    );
    let seen = server.connections();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(
        seen[0].contains("authorization: Bearer bearer-token-5d1a\r\n")
            || seen[0].contains("Authorization: Bearer bearer-token-5d1a\r\n"),
        "{seen:?}"
    );

    let mut command = kontur_extern();
    proxy_environment(&mut command, &proxy.url());
    let output = command
        .args(["call", "spec/extern/get-account.yaml", "--base-url"])
        .arg("http://extern-api.example.test/")
        .arg(format!("--param=accountId={ACCOUNT_ID}"))
        .env("KONTUR_ACCESS_TOKEN", "bearer-token-5d1a")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("is plain http to a host that is not loopback"),
        "{stderr}"
    );
    assert_eq!(
        proxy.connections(),
        Vec::<String>::new(),
        "the proxy saw traffic"
    );
}

#[test]
fn call_sends_the_body_as_written_and_refuses_what_the_spec_does_not_allow() {
    let created = format!(
        r#"{{"id": "{ACCOUNT_ID}", "inn": "6676130154", "organization-name": "Тест", "role": "admin", "links": []}}"#
    );
    let server = Listener::start(Some(http_response("201 Created", &[], &created)));
    // Keys in the writer's order, spacing kept: what was checked is what goes.
    let body = r#"{"organization-name": "Тест",   "kpp": "667601001", "inn": "6676130154"}"#;
    let output = kontur_extern()
        .args(["call", "spec/extern/create-account.yaml", "--base-url"])
        .arg(server.url())
        .args(["--body", body])
        .env("KONTUR_ACCESS_TOKEN", "any-token")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let seen = server.connections();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].ends_with(&format!("\r\n\r\n{body}")), "{seen:?}");

    let refused = |args: &[&str]| {
        let output = kontur_extern()
            .arg("call")
            .args(args)
            .env("KONTUR_ACCESS_TOKEN", "any-token")
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        text(&output.stderr)
    };
    let twice = refused(&[
        "spec/extern/get-account.yaml",
        "--param",
        &format!("accountId={ACCOUNT_ID}"),
        "--param",
        "accountId=00000000-0000-0000-0000-000000000404",
    ]);
    assert!(
        twice.contains("--param accountId is given 2 times; it takes one value"),
        "{twice}"
    );
    let constant = refused(&[
        "spec/password-token.yaml",
        "--param",
        "grant_type=client_credentials",
    ]);
    assert!(
        constant.contains("`grant_type` is a constant of the spec (`password`); it cannot be set"),
        "{constant}"
    );
    let no_body = refused(&[
        "spec/extern/get-account.yaml",
        "--param",
        &format!("accountId={ACCOUNT_ID}"),
        "--body",
        "{}",
    ]);
    assert!(
        no_body.contains("`get_account` takes no request body"),
        "{no_body}"
    );
}

#[test]
fn serve_names_the_closest_example_on_the_request_s_route_and_serves_each_endpoint_once() {
    let served = Served::start(&[
        "spec/extern/get-account.yaml",
        "spec/extern/api.yaml",
        "spec/password-token.yaml",
    ]);
    let body = "grant_type=password&client_id=x";
    let answer = served.ask(&format!(
        "POST /connect/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    let stderr = served.stop();
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    // Compared with the token endpoint's example, not an API call's.
    assert!(!answer.contains("documented GET"), "{answer}");
    assert!(answer.contains("form field"), "{answer}");
    assert!(
        stderr.contains("`get_account` is already served; once is enough"),
        "{stderr}"
    );
    // `get_account` is served once; the token endpoint's one example besides.
    let (endpoints, examples) = shipped_counts();
    assert!(
        stderr.contains(&format!(
            "serving {} documented exchanges of {} endpoints",
            examples + 1,
            endpoints + 1
        )),
        "{stderr}"
    );
}

#[test]
fn check_and_expand_read_service_files() {
    let checked = kontur_extern()
        .args(["check", "spec/extern/api.yaml"])
        .output()
        .expect("runs");
    assert!(checked.status.success(), "{}", text(&checked.stdout));
    assert_eq!(text(&checked.stdout), "spec/extern/api.yaml: ok\n");

    let expanded = kontur_extern()
        .args(["expand", "spec/extern/api.yaml"])
        .output()
        .expect("runs");
    assert!(expanded.status.success(), "{}", text(&expanded.stderr));
    let code = text(&expanded.stdout);
    assert!(code.contains("pub struct ExternApi {"), "{code:.500}");
    assert!(code.contains("pub mod extern_types {"), "{code:.500}");
    assert!(code.contains("pub fn upload_chunk("), "{code:.500}");
    assert!(
        code.contains("pub struct ExternApiContentsUploadChunk<'a> {"),
        "{code:.500}"
    );
}

#[test]
fn call_signs_in_first_says_where_it_failed_and_never_shows_the_token_it_got() {
    let identity = Served::start(&["spec/password-token.yaml"]);
    let sign_in = |password: &str, api: &str| {
        kontur_extern()
            .args(["call", "spec/extern/get-account.yaml", "--base-url", api])
            .arg(format!("--param=accountId={ACCOUNT_ID}"))
            .args(["--identity-url", &identity.base_url])
            .env("KONTUR_CLIENT_ID", "extern.api")
            .env("KONTUR_CLIENT_SECRET", "************")
            .env("KONTUR_USERNAME", "user@login.ru")
            .env("KONTUR_PASSWORD", password)
            .output()
            .expect("runs")
    };
    // The API echoes the token it was sent in its error.
    let echo = format!(
        r#"{{"id": "urn:error:x", "status-code": 500, "message": "token {ACCESS_TOKEN} is odd"}}"#
    );
    let api = Listener::start(Some(http_response("500 Internal Server Error", &[], &echo)));
    let output = sign_in("password", &api.url());
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("HTTP 500"), "{stderr}");
    assert!(!stderr.contains(ACCESS_TOKEN), "{stderr}");
    let seen = api.connections();
    assert!(
        seen.iter().any(|request| request.contains(ACCESS_TOKEN)),
        "the token was sent: {seen:?}"
    );

    let refused = sign_in("wrong-password-4e1b", &api.url());
    assert_eq!(refused.status.code(), Some(1));
    let stderr = text(&refused.stderr);
    assert!(
        stderr.contains(&format!(
            "signing in at {}",
            identity.base_url.trim_end_matches('/')
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("wrong-password-4e1b"), "{stderr}");
}

/// An answer that the generated client could not decode fails the call,
/// each misfit named at its JSON path; a key the spec does not declare
/// (ignored by the generated client) is a note, and the call succeeds.
#[test]
fn call_fails_where_the_generated_client_would_and_notes_undeclared_keys() {
    let call = |answer: &str| {
        let api = Listener::start(Some(http_response("200 OK", &[], answer)));
        let output = kontur_extern()
            .args([
                "call",
                "spec/extern/get-account.yaml",
                "--base-url",
                &api.url(),
            ])
            .arg(format!("--param=accountId={ACCOUNT_ID}"))
            .env("KONTUR_ACCESS_TOKEN", "any-token")
            .output()
            .expect("runs");
        (
            output.status.code(),
            text(&output.stdout),
            text(&output.stderr),
        )
    };
    let lacking = format!(
        r#"{{"id": "{ACCOUNT_ID}", "organization-name": "Org", "products": [{{"name": 7}}], "role": "admin"}}"#
    );
    let (code, stdout, stderr) = call(&lacking);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stdout.contains("\"organization-name\": \"Org\""),
        "printed all the same: {stdout}"
    );
    assert!(
        stderr.contains(
            "error: the answer does not fit the spec: the body lacks the field `inn` of `Account`"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: the answer does not fit the spec: `products[0].name` should be a string, but is the number 7"),
        "{stderr}"
    );
    assert!(
        stderr.contains("decoding fails on this answer (2 misfit(s) above)"),
        "{stderr}"
    );
    assert!(!stderr.contains("1:1"), "paths, not positions: {stderr}");

    let ahead = format!(
        r#"{{"id": "{ACCOUNT_ID}", "inn": "7757424860", "organization-name": "Org", "role": "admin", "has-web-access": true}}"#
    );
    let (code, _, stderr) = call(&ahead);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("note: the answer has more than the spec says (the generated client ignores it): the body has the key `has-web-access`, which `Account` does not declare"),
        "{stderr}"
    );
}

/// An API that refuses every token: `call` signs in, is refused, signs in
/// again once, and says that the hold on a third sign-in lasts only its
/// own process, with the way to stop a loop of calls from signing in twice
/// per run.
#[test]
fn call_refused_after_signing_in_again_says_the_hold_lasts_one_process() {
    let identity = Served::start(&["spec/password-token.yaml"]);
    let refusal = r#"{"id": "urn:error:unauthorized", "status-code": 401}"#;
    let api = Listener::start(Some(http_response("401 Unauthorized", &[], refusal)));
    let output = kontur_extern()
        .args([
            "call",
            "spec/extern/get-account.yaml",
            "--base-url",
            &api.url(),
        ])
        .arg(format!("--param=accountId={ACCOUNT_ID}"))
        .args(["--identity-url", &identity.base_url])
        .env("KONTUR_CLIENT_ID", "extern.api")
        .env("KONTUR_CLIENT_SECRET", "************")
        .env("KONTUR_USERNAME", "user@login.ru")
        .env("KONTUR_PASSWORD", "password")
        .env_remove("KONTUR_ACCESS_TOKEN")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(
            "each run of `call` signs in anew (its hold on signing in again lasts one process)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("`kontur-extern token --show-token`"),
        "{stderr}"
    );
    assert!(!stderr.contains(ACCESS_TOKEN), "{stderr}");
    let sent = api.connections();
    assert_eq!(
        sent.iter().filter(|r| r.contains(ACCESS_TOKEN)).count(),
        2,
        "a first try and one after signing in again: {sent:?}"
    );
}

/// A body's secret field: refused on the command line (the process list
/// shows it), taken from a file or standard input, and scrubbed from an
/// error that echoes it.
#[test]
fn call_keeps_a_secret_body_field_off_the_command_line_and_out_of_errors() {
    const SECRET: &str = "BoDySeCrEt-123";
    let body = format!(r#"{{"owner-name":"u","key":"{SECRET}"}}"#);
    let echo = format!(
        r#"{{"error":"invalid_request","error_description":"invalid body: {}"}}"#,
        body.replace('"', "\\\"")
    );
    let server = Listener::start(Some(http_response("400 Bad Request", &[], &echo)));
    let call = |body_arg: &str, stdin: Option<&str>| {
        let mut command = kontur_extern();
        command
            .args(["call", "../tests/specs/v2/nested.yaml", "--base-url"])
            .arg(server.url())
            .arg("--body")
            .arg(body_arg);
        if let Some(input) = stdin {
            command.write_stdin(input.to_owned());
        }
        command.output().expect("runs")
    };
    let inline = call(&body, None);
    assert_eq!(inline.status.code(), Some(1));
    let stderr = text(&inline.stderr);
    assert!(
        stderr.contains("--body holds the secret field `key`"),
        "{stderr}"
    );
    assert!(!stderr.contains(SECRET), "{stderr}");

    let from_stdin = call("@-", Some(&body));
    assert_eq!(from_stdin.status.code(), Some(1));
    let stderr = text(&from_stdin.stderr);
    assert!(
        stderr.contains("invalid body"),
        "the server's answer: {stderr}"
    );
    assert!(stderr.contains("[redacted]"), "{stderr}");
    assert!(!stderr.contains(SECRET), "{stderr}");
}

/// A JSON answer that promises more than the JSON limit is refused before
/// it is read, not after 64 MiB of it.
#[test]
fn call_refuses_a_json_answer_larger_than_the_json_limit_at_its_length() {
    let huge = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 52428800\r\nConnection: close\r\n\r\n{\"accounts\": [".to_vec();
    let server = Listener::start(Some(huge));
    let output = kontur_extern()
        .args(["call", "spec/extern/get-account.yaml", "--base-url"])
        .arg(server.url())
        .arg(format!("--param=accountId={ACCOUNT_ID}"))
        .env("KONTUR_ACCESS_TOKEN", "any-token")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr
            .contains("the answer is 52428800 bytes, more than the 1048576 a JSON answer may have"),
        "{stderr}"
    );
}

/// A server that sends its status and headers, then the body one byte at a
/// time: cut off at `--timeout`, and said to be too slow, not broken.
#[test]
fn call_says_a_server_that_drips_its_answer_was_too_slow() {
    use std::io::{Read as _, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
    let url = format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("bound").port()
    );
    std::thread::spawn(move || {
        let Ok((mut stream, _)) = listener.accept() else {
            return;
        };
        let _ = stream.set_read_timeout(Some(std::time::Duration::from_millis(300)));
        let mut buffer = [0; 4096];
        let _ = stream.read(&mut buffer);
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n";
        if stream.write_all(head.as_bytes()).is_err() {
            return;
        }
        for _ in 0..100 {
            std::thread::sleep(std::time::Duration::from_millis(100));
            if stream.write_all(b" ").is_err() {
                return;
            }
        }
    });
    let started = std::time::Instant::now();
    let output = kontur_extern()
        .args([
            "call",
            "spec/extern/get-account.yaml",
            "--timeout",
            "1",
            "--base-url",
        ])
        .arg(&url)
        .arg(format!("--param=accountId={ACCOUNT_ID}"))
        .env("KONTUR_ACCESS_TOKEN", "any-token")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(
            "the server sent its answer too slowly: it did not arrive in full within 1 s"
        ),
        "{stderr}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(8),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn call_refuses_a_timeout_that_is_not_a_number_of_seconds() {
    for bad in ["0", "-1", "soon", "1e9"] {
        let output = kontur_extern()
            .args(["call", "spec/extern/get-account.yaml"])
            .arg(format!("--timeout={bad}"))
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{bad}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("is not a number of seconds"),
            "{bad}: {stderr}"
        );
    }
}

/// The cursor-paged events feed: `serve` answers each of its two
/// documented pages, and `call --example` prints each documented body.
#[test]
fn call_and_serve_give_each_page_of_the_cursor_paged_events_feed_its_documented_answer() {
    let spec = "../tests/specs/events-feed.yaml";
    let endpoint = kontur_extern_codegen::load_file(std::path::Path::new(spec), spec)
        .endpoint
        .expect("the events spec loads");
    let served = Served::start(&[spec]);
    let mut called = Vec::new();
    for example in &endpoint.examples {
        let output = kontur_extern()
            .args(["call", spec, "--example"])
            .arg(&example.name)
            .arg("--base-url")
            .arg(&served.base_url)
            .env("KONTUR_ACCESS_TOKEN", "any-token")
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{}: {}",
            example.name,
            text(&output.stderr)
        );
        let printed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let documented: serde_json::Value =
            serde_json::from_str(&example.response_body).expect("JSON");
        assert_eq!(printed, documented, "{}", example.name);
        called.push(example.name.clone());
    }
    // The second page, asked for by hand with the first page's
    // `next-event-id`: the page without events.
    let next = served.ask(
        "GET /v1/events?take=2&fromId=1_3 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer any\r\nConnection: close\r\n\r\n",
    );
    served.stop();
    assert_eq!(called, ["first_page", "caught_up"]);
    assert!(next.starts_with("HTTP/1.1 200"), "{next}");
    assert!(next.contains("\"api-events\": []"), "{next}");
}

/// `serve` says which endpoint reads the task a served call starts, and
/// when that endpoint is not served.
#[test]
fn serve_names_the_endpoint_that_reads_a_task() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let lines = |specs: &[&str]| -> Vec<String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kontur-extern"))
            .current_dir("..")
            .arg("serve")
            .args(specs)
            .args(["--port", "0"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        let stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let mut seen = Vec::new();
        for line in stderr.lines() {
            let line = line.expect("a line");
            let last = line.contains("starts a task");
            seen.push(line);
            if last {
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        seen
    };
    let alone = lines(&["tests/specs/tasks/docflow-print.yaml"]);
    assert!(
        alone.last().is_some_and(|line| line.ends_with(
            "starts a task that `get_docflow_task` reads, which is not served: serve its spec too"
        )),
        "{alone:?}"
    );
    let both = lines(&["tests/specs/tasks/api.yaml"]);
    assert!(
        both.iter()
            .any(|line| line == "    starts a task that `get_docflow_task` reads"),
        "{both:?}"
    );
}

/// A content goes to `call`'s output as it arrives: the server sends the
/// first half and waits until the test has read it from the output before
/// it sends the rest (a `call` that read the body whole first would make
/// the server give up waiting, and the test fail).
#[test]
fn call_writes_a_download_to_its_output_as_it_arrives() {
    use std::io::{Read as _, Write as _};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
    let address = listener.local_addr().expect("bound");
    let (seen, told) = std::sync::mpsc::channel::<()>();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accepts");
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).expect("reads") == 1 {
            head.push(byte[0]);
        }
        stream
            .write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 11\r\n\r\nhello",
            )
            .expect("writes");
        stream.flush().expect("flushes");
        let went_on = told
            .recv_timeout(std::time::Duration::from_secs(20))
            .is_ok();
        stream.write_all(b" world").expect("writes");
        (String::from_utf8_lossy(&head).to_ascii_lowercase(), went_on)
    });
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kontur-extern"))
        .args([
            "call",
            "spec/extern/download-content.yaml",
            "--example",
            "whole",
        ])
        .arg("--base-url")
        .arg(format!("http://{address}"))
        .env("KONTUR_ACCESS_TOKEN", "any-token-of-length")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdout = child.stdout.take().expect("piped");
    let mut first = [0u8; 5];
    stdout.read_exact(&mut first).expect("the first bytes");
    assert_eq!(&first, b"hello");
    let _ = seen.send(());
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).expect("the rest");
    assert_eq!(rest, b" world");
    let output = child.wait_with_output().expect("ends");
    assert!(output.status.success(), "{}", text(&output.stderr));
    let (head, went_on) = server.join().expect("the server ran");
    assert!(
        went_on,
        "the first bytes reached the output before the server sent the rest"
    );
    assert!(head.contains("accept-encoding: identity"), "{head}");
}
