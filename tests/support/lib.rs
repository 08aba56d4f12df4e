//! Helpers shared by the integration tests in `tests/`.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use flate2::Compression;
use flate2::write::GzEncoder;

pub mod fuzz;

/// `bytes`, gzip-compressed as a server with `Content-Encoding: gzip` sends them.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .expect("gzip into memory cannot fail")
}

/// The README's Rust examples, compiled and run as doctests, so that the
/// quick start stays true.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// A `tracing` writer that keeps everything in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

static LOG: OnceLock<Captured> = OnceLock::new();

/// Installs, once for the test binary, a global DEBUG subscriber that
/// writes to memory. Global, not thread-local: tests run concurrently and
/// `tracing` caches per-callsite interest across threads; every test's log
/// lands in the one capture, which only widens each secret scan.
pub fn capture_log() {
    LOG.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        if tracing::subscriber::set_global_default(subscriber).is_err() {
            panic!("another global tracing subscriber is installed in this test binary");
        }
        captured
    });
}

/// Everything captured so far (see [`capture_log`]).
pub fn captured_log() -> String {
    capture_log();
    let bytes = LOG
        .get()
        .map(|log| {
            log.0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone()
        })
        .unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}
