//! Interoperability with a server nobody here wrote: oauth2-mock-server, an
//! OAuth 2.0 / OpenID Connect server from npm, started on 127.0.0.1 by
//! `tests/interop/server.mjs`. The generated client gets a token with the
//! password grant, with the extra fields that server sends (`scope`,
//! `id_token`, `refresh_token`) and its JWT access token, and reads its
//! OAuth 2.0 errors.
//!
//! Needs Node.js (20.19 or newer) and npm. The first test to run installs the
//! server with `npm ci --prefix tests/interop --no-audit --no-fund` when
//! `tests/interop/node_modules` is missing or older than the lock file.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{OnceLock, mpsc};
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use kontur_extern::{Client, Endpoint, Error, ExposeSecret, OAuth2ErrorCode, Url};
use serde_json::Value;

kontur_extern::endpoint!("tests/interop/oauth2-mock-password.yaml");

use mock_password_token::{MockPasswordToken, Request, Required, TokenType};

/// How long the server may take to print its address.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// The install command, as the messages name it.
const NPM_CI: &str = "npm ci --prefix tests/interop --no-audit --no-fund";

/// The user `server.mjs` knows.
const USERNAME: &str = "alice";
const PASSWORD: &str = "wonderland";
const CLIENT_ID: &str = "kontur-extern-tests";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn interop_dir() -> PathBuf {
    root().join("tests/interop")
}

/// Runs `npm ci` once per test binary when the server is not installed or
/// the lock file is newer than the installation; panics naming the command
/// when that fails, so a machine without npm fails instead of skipping.
fn ensure_installed() {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    if let Err(message) = INSTALLED.get_or_init(install) {
        panic!("{message}");
    }
}

fn install() -> Result<(), String> {
    let dir = interop_dir();
    let installed = dir.join("node_modules/.package-lock.json");
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let locked = dir.join("package-lock.json");
    let server = dir.join("node_modules/oauth2-mock-server/package.json");
    if server.is_file()
        && let (Some(installed), Some(locked)) = (modified(&installed), modified(&locked))
        && installed >= locked
    {
        return Ok(());
    }
    let output = Command::new("npm")
        .args(["ci", "--prefix", "tests/interop", "--no-audit", "--no-fund"])
        .current_dir(root())
        .stdin(Stdio::null())
        .output()
        .map_err(|error| {
            format!(
                "cannot run `{NPM_CI}` ({error}): these tests need Node.js 20.19 or newer \
                 with npm on the PATH"
            )
        })?;
    if !output.status.success() {
        return Err(format!(
            "`{NPM_CI}` failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    if !server.is_file() {
        return Err(format!("`{NPM_CI}` did not install oauth2-mock-server"));
    }
    Ok(())
}

/// A running `node tests/interop/server.mjs`; dropping it closes the
/// server's stdin (on which it exits) and kills it.
struct MockServer {
    child: Child,
    stdin: Option<ChildStdin>,
    /// `http://127.0.0.1:PORT`, as the server printed it.
    address: String,
}

impl MockServer {
    fn start() -> Self {
        ensure_installed();
        let mut child = Command::new("node")
            .arg("tests/interop/server.mjs")
            .current_dir(root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| {
                panic!(
                    "cannot run `node tests/interop/server.mjs` ({error}): these tests need \
                     Node.js 20.19 or newer on the PATH"
                )
            });
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut stderr = child.stderr.take().expect("stderr is piped");
        // From here on a panic drops the guard, which kills the child.
        let mut server = MockServer {
            child,
            stdin,
            address: String::new(),
        };

        // The server's stderr goes to the test's output, shown on failure.
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            if !text.is_empty() {
                eprintln!("server.mjs stderr:\n{text}");
            }
        });
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = sender.send(lines.next());
            // Keep reading so that the server never blocks on a full pipe.
            for line in lines.map_while(Result::ok) {
                eprintln!("server.mjs: {line}");
            }
        });
        let line = match receiver.recv_timeout(START_TIMEOUT) {
            Ok(Some(Ok(line))) => line,
            Ok(Some(Err(error))) => panic!("cannot read the output of server.mjs: {error}"),
            Ok(None) => panic!(
                "server.mjs exited without printing its address ({:?})",
                server.child.wait()
            ),
            Err(_) => panic!("server.mjs printed no address within {START_TIMEOUT:?}"),
        };
        let address = line
            .strip_prefix("listening ")
            .unwrap_or_else(|| panic!("server.mjs printed {line:?}, not `listening URL`"));
        assert!(
            address.starts_with("http://127.0.0.1:"),
            "the server must listen on 127.0.0.1, not {address}"
        );
        server.address = address.to_owned();
        server
    }

    fn base_url(&self) -> Url {
        Url::parse(&self.address).expect("server.mjs prints a URL")
    }

    fn client(&self) -> Client {
        Client::new(self.base_url()).expect("client")
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn request() -> Request {
    Request::new(Required {
        client_id: CLIENT_ID.into(),
        client_secret: "not-checked".into(),
        username: USERNAME.into(),
        password: PASSWORD.into(),
    })
}

#[tokio::test]
async fn password_grant_gets_a_jwt_with_scope_id_token_and_refresh_token() {
    let server = MockServer::start();
    let request = request().with_scope("openid profile");

    let reply = server
        .client()
        .send::<MockPasswordToken>(&request)
        .await
        .expect("the password grant succeeds");

    assert_eq!(reply.status(), 200);
    assert_eq!(reply.trace_id(), None);
    assert!(!reply.info().dont_retry);
    let token = reply.into_inner();
    assert_eq!(token.token_type, TokenType::Bearer);
    assert!(token.expires_in > Duration::ZERO);
    assert_eq!(
        token.expires_in,
        Duration::from_secs(3600),
        "the server's TTL"
    );
    assert_eq!(token.scope.as_deref(), Some("openid profile"));

    // The access token: a JWT signed with a key the server publishes.
    let access = Jwt::parse(token.access_token.expose_secret());
    assert_eq!(access.header["typ"], "JWT");
    assert_eq!(access.header["alg"], "RS256");
    assert_eq!(access.payload["iss"], server.address.as_str());
    assert_eq!(access.payload["sub"], USERNAME);
    assert_eq!(access.payload["scope"], "openid profile");
    assert_eq!(access.payload["amr"], serde_json::json!(["pwd"]));
    let iat = access.payload["iat"].as_u64().expect("iat");
    let exp = access.payload["exp"].as_u64().expect("exp");
    assert_eq!(exp - iat, token.expires_in.as_secs());
    access.assert_signed_with_a_published_key(&server).await;

    // The OpenID Connect ID token, issued to the client.
    let id_token = token.id_token.as_ref().expect("an id_token");
    let id = Jwt::parse(id_token.expose_secret());
    assert_eq!(id.payload["iss"], server.address.as_str());
    assert_eq!(id.payload["aud"], CLIENT_ID);
    assert!(id.payload["sub"].is_string(), "{}", id.payload);
    id.assert_signed_with_a_published_key(&server).await;

    // The refresh token: an opaque UUID on this server.
    let refresh = token.refresh_token.as_ref().expect("a refresh_token");
    assert!(is_uuid(refresh.expose_secret()), "not a UUID");

    // None of the tokens shows in `Debug`.
    let debug = format!("{token:?}");
    for secret in [
        token.access_token.expose_secret(),
        id_token.expose_secret(),
        refresh.expose_secret(),
    ] {
        assert!(!debug.contains(secret), "a token leaks into Debug: {debug}");
    }
}

#[tokio::test]
async fn without_a_requested_scope_the_server_sends_none() {
    let server = MockServer::start();

    let reply = server
        .client()
        .send::<MockPasswordToken>(&request())
        .await
        .expect("the password grant succeeds");

    assert_eq!(reply.status(), 200);
    let token = reply.into_inner();
    assert_eq!(token.scope, None);
    assert!(token.id_token.is_some());
    assert!(token.refresh_token.is_some());
    let access = Jwt::parse(token.access_token.expose_secret());
    assert_eq!(access.payload["sub"], USERNAME);
    assert!(access.payload.get("scope").is_none());
}

#[tokio::test]
async fn wrong_password_is_an_oauth2_invalid_grant() {
    let server = MockServer::start();
    let mut request = request();
    request.password = "not the password".to_owned().into();

    let error = server
        .client()
        .send::<MockPasswordToken>(&request)
        .await
        .expect_err("a wrong password is refused");

    match &error {
        Error::OAuth2 { response, error } => {
            assert_eq!(response.status, 400);
            assert_eq!(error.code, OAuth2ErrorCode::InvalidGrant);
            assert_eq!(
                error.description.as_deref(),
                Some("The user name or password is incorrect.")
            );
        }
        other => panic!("expected Error::OAuth2, got {other:?}"),
    }
    assert!(!error.is_retryable());
    assert!(
        !error.to_string().contains(PASSWORD),
        "the message shows a password: {error}"
    );
}

/// An error the server makes by itself, without `server.mjs`'s hook: a grant
/// type it does not know. The spec fixes `grant_type`, so the generated
/// request is changed on the wire and the answer read by the generated
/// decoder.
#[tokio::test]
async fn the_servers_own_error_for_an_unknown_grant_decodes_as_oauth2() {
    let server = MockServer::start();
    let mut wire = MockPasswordToken::encode(&request(), &server.base_url()).expect("encodes");
    let form = String::from_utf8(wire.body().clone()).expect("a form is text");
    assert!(form.contains("grant_type=password"), "{form}");
    *wire.body_mut() = form
        .replace("grant_type=password", "grant_type=urn%3Aexample%3Aunknown")
        .into_bytes();

    let response = kontur_extern::reqwest::Client::new()
        .execute(wire.try_into().expect("converts"))
        .await
        .expect("answers");
    let mut builder = http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        builder = builder.header(name, value);
    }
    let body = response.bytes().await.expect("a body").to_vec();
    let error = MockPasswordToken::decode(builder.body(body).expect("a response"))
        .expect_err("an unknown grant is refused");

    match &error {
        Error::OAuth2 { response, error } => {
            assert_eq!(response.status, 400);
            assert_eq!(error.code, OAuth2ErrorCode::InvalidGrant);
            assert_eq!(error.description, None);
        }
        other => panic!("expected Error::OAuth2, got {other:?}"),
    }
}

fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A JWT taken apart, without checking the signature.
struct Jwt {
    header: Value,
    payload: Value,
    signature: Vec<u8>,
}

impl Jwt {
    /// Three base64url segments separated by dots; the first two JSON
    /// objects (RFC 7519, JWS compact serialization).
    fn parse(token: &str) -> Jwt {
        let segments: Vec<&str> = token.split('.').collect();
        assert_eq!(segments.len(), 3, "a JWT has three segments");
        let decode = |index: usize| {
            URL_SAFE_NO_PAD
                .decode(segments[index])
                .unwrap_or_else(|error| panic!("JWT segment {index}: {error}"))
        };
        let json = |index: usize| {
            let value: Value = serde_json::from_slice(&decode(index))
                .unwrap_or_else(|error| panic!("JWT segment {index} is not JSON: {error}"));
            assert!(
                value.is_object(),
                "JWT segment {index} is not a JSON object"
            );
            value
        };
        let jwt = Jwt {
            header: json(0),
            payload: json(1),
            signature: decode(2),
        };
        assert!(!jwt.signature.is_empty(), "the JWT is not signed");
        jwt
    }

    /// The header's `kid` names an RSA key of the server's JWKS whose modulus
    /// is as long as the signature.
    async fn assert_signed_with_a_published_key(&self, server: &MockServer) {
        let kid = self.header["kid"]
            .as_str()
            .expect("the JWT header has a kid");
        let body = kontur_extern::reqwest::get(format!("{}/jwks", server.address))
            .await
            .expect("the JWKS answers")
            .bytes()
            .await
            .expect("a JWKS body");
        let jwks: Value = serde_json::from_slice(&body).expect("the JWKS is JSON");
        let key = jwks["keys"]
            .as_array()
            .and_then(|keys| keys.iter().find(|key| key["kid"] == kid))
            .unwrap_or_else(|| panic!("no key {kid} in the JWKS {jwks}"));
        assert_eq!(key["kty"], "RSA");
        assert!(key.get("d").is_none(), "the JWKS publishes a private key");
        let modulus = URL_SAFE_NO_PAD
            .decode(key["n"].as_str().expect("n"))
            .expect("n is base64url");
        assert_eq!(self.signature.len(), modulus.len());
    }
}
