//! What the command-line tests share: the command with a clean
//! environment, and a scripted TCP listener on 127.0.0.1.

#![allow(dead_code)] // each test binary uses its own part

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use assert_cmd::Command;

/// The command with nothing from the developer's environment that it reads:
/// no `KONTUR_*` settings or secrets, no proxy.
pub fn kontur_extern() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kontur-extern"));
    for (name, _) in std::env::vars_os() {
        let upper = name.to_string_lossy().to_ascii_uppercase();
        if upper.starts_with("KONTUR_") || upper.ends_with("_PROXY") {
            command.env_remove(&name);
        }
    }
    command
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Escape, OSC window title, bell, newline and a forged line, as JSON escapes.
pub const HOSTILE: &str = r"bad\u001b[2J\u001b]0;TITLE\u0007\nerror: forged second line";

/// Fails when `output` could drive a terminal (escape, bell) or holds the
/// line that [`HOSTILE`] tries to forge.
pub fn assert_inert(output: &str) {
    assert!(
        !output.contains('\u{1b}') && !output.contains('\u{7}'),
        "raw control characters: {output:?}"
    );
    assert!(
        !output.contains("\nerror: forged"),
        "a forged line: {output:?}"
    );
}

/// A listener on 127.0.0.1 that keeps what each connection sent and, with a
/// `reply`, answers it: a scripted server, or a stand-in for a proxy.
pub struct Listener {
    port: u16,
    seen: Arc<Mutex<Vec<Vec<u8>>>>,
}

impl Listener {
    pub fn start(reply: Option<Vec<u8>>) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("binds");
        let port = listener.local_addr().expect("bound").port();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let record = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_millis(300)));
                let mut received = Vec::new();
                let mut buffer = [0; 4096];
                while let Ok(read @ 1..) = stream.read(&mut buffer) {
                    received.extend_from_slice(&buffer[..read]);
                }
                record.lock().expect("not poisoned").push(received);
                if let Some(reply) = &reply {
                    let _ = stream.write_all(reply);
                }
            }
        });
        Listener { port, seen }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What each connection sent so far, as text.
    pub fn connections(&self) -> Vec<String> {
        self.seen
            .lock()
            .expect("not poisoned")
            .iter()
            .map(|bytes| text(bytes))
            .collect()
    }
}

/// A response with `Content-Length` and `Connection: close`, JSON when it
/// has a body.
pub fn http_response(status: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut response = format!("HTTP/1.1 {status}\r\n");
    if !body.is_empty() {
        response.push_str("Content-Type: application/json\r\n");
    }
    for (name, value) in headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    response.into_bytes()
}
