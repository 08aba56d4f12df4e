//! Spec model, parser, validation and code generator behind the
//! `kontur-extern` macros.
//!
//! The pipeline, one module per step:
//!
//! 1. [`spec`]: the YAML file format, parsed with serde-saphyr (positions for
//!    every value), after a structural check (`shape.rs`) that reports every
//!    unknown key, missing key and wrong YAML kind at once;
//! 2. [`check`]: semantic checks, collecting every problem as a
//!    [`Diagnostic`] with file, line and column;
//! 3. [`model`]: the checked endpoint;
//! 4. [`expand`](mod@expand): the Rust code, as a `proc_macro2::TokenStream`.
//!
//! The checker and the generator share [`ident`] (which spec names can be
//! Rust identifiers, and how to spell them) so that they cannot disagree;
//! the generator passes every doc it writes through [`markdown`], so that
//! no code block in spec text becomes a doctest.
//!
//! It is a plain library so that the proc-macro crate stays thin and tests
//! and the command-line tool can call the same code.

pub mod check;
pub mod diagnostic;
pub mod expand;
pub mod ident;
pub mod markdown;
pub mod model;
mod shape;
pub mod spec;

use std::path::Path;

pub use diagnostic::{Diagnostic, Diagnostics, Position};
pub use expand::{Naming, Options, expand};
pub use model::Endpoint;
pub use shape::{json_schema, keys as spec_keys};

/// A spec as far as it could be read.
#[derive(Debug)]
pub struct Loaded {
    /// The model built from the sound parts of the spec; `None` when the file
    /// could not be read or parsed at all.
    pub endpoint: Option<Endpoint>,
    /// Every problem found; `Ok` when there is none.
    pub problems: Result<(), Diagnostics>,
}

/// Parses and checks spec text; `file` names the spec in diagnostics.
pub fn load_str(file: &str, text: &str) -> Loaded {
    match spec::parse(file, text) {
        Ok(parsed) => {
            let (endpoint, problems) = check::check(file, parsed);
            Loaded {
                endpoint: Some(endpoint),
                problems,
            }
        }
        Err(problems) => Loaded {
            endpoint: None,
            problems: Err(problems),
        },
    }
}

/// Reads, parses and checks a spec file; `file` names it in diagnostics.
/// A file longer than [`spec::MAX_SPEC_BYTES`] is refused unread.
pub fn load_file(path: &Path, file: &str) -> Loaded {
    let refused = |message: String| Loaded {
        endpoint: None,
        problems: Err(Diagnostics::from(vec![Diagnostic {
            file: file.to_owned(),
            position: None,
            message,
        }])),
    };
    match read_bounded(path) {
        Ok(Read::Text(text)) => load_str(file, &text),
        Ok(Read::TooLarge(size)) => refused(spec::too_large(size)),
        Err(error) => refused(format!(
            "cannot read the spec file ({}): {error}",
            path.display()
        )),
    }
}

enum Read {
    Text(String),
    /// Longer than the limit: its size when the file system knows it.
    TooLarge(Option<u64>),
}

/// The file's text, reading at most one byte past [`spec::MAX_SPEC_BYTES`]:
/// a huge file, or a device that never ends, costs no time or memory.
fn read_bounded(path: &Path) -> std::io::Result<Read> {
    use std::io::Read as _;

    let limit = spec::MAX_SPEC_BYTES as u64;
    let file = std::fs::File::open(path)?;
    let size = file.metadata().ok().map(|m| m.len()).filter(|&len| len > 0);
    if size.is_some_and(|size| size > limit) {
        return Ok(Read::TooLarge(size));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Ok(Read::TooLarge(None));
    }
    String::from_utf8(bytes).map(Read::Text).map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        )
    })
}

/// Reads and checks a spec file; the endpoint only when it has no problem.
pub fn load(path: &Path, file: &str) -> Result<Endpoint, Diagnostics> {
    let loaded = load_file(path, file);
    loaded.problems?;
    loaded.endpoint.ok_or_else(|| Diagnostics::from(Vec::new()))
}
#[cfg(test)]
mod tests;
