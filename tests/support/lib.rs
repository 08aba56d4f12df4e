//! Helpers shared by the integration tests in `tests/`.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

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
