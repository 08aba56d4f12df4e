//! Problems found in a spec, each tied to a place in the spec file.

use std::fmt;

/// A line and column in a spec file, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u64,
    pub column: u64,
}

impl Position {
    /// Converts a serde-saphyr location; `None` when the parser did not know it.
    pub(crate) fn from_location(location: serde_saphyr::Location) -> Option<Self> {
        (location.line() > 0).then(|| Position {
            line: location.line(),
            column: location.column(),
        })
    }
}

/// One problem in a spec: where it is and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The spec file as the user named it.
    pub file: String,
    /// Where in the file; `None` for problems with the file as a whole.
    pub position: Option<Position>,
    /// What is wrong and how to fix it, in one sentence or two.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    /// `file:line:col: message`, the form editors and terminals link to.
    /// Characters that would act on a terminal or reorder the line
    /// (controls, bidirectional and zero-width marks), which a message may
    /// quote from the spec, are written as `\u{…}` escapes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, message) = (inert(&self.file), inert(&self.message));
        match self.position {
            Some(Position { line, column }) => write!(f, "{file}:{line}:{column}: {message}"),
            None => write!(f, "{file}: {message}"),
        }
    }
}

/// Whether `c` acts on a terminal or on the order of the text around it
/// instead of showing itself: a control character other than a line
/// break or tab, a bidirectional mark or override, or a zero-width or
/// invisible formatting one. The runtime's `terminal_safe` escapes the
/// same set (and line breaks and tabs too); `tests/codegen.rs` keeps the
/// two equal, since this crate cannot call the runtime.
pub fn unprintable(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
        )
}

/// `text` with each [`unprintable`] character written as a `\u{…}` escape.
pub fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(unprintable) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unprintable(c) {
            shown.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            shown.push(c);
        }
    }
    std::borrow::Cow::Owned(shown)
}

/// Every problem found in one spec, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Collects problems while a spec is checked, so that the user sees all of
/// them at once (the `serde_derive` `Ctxt` pattern).
pub(crate) struct Collector {
    file: String,
    found: Vec<Diagnostic>,
}

impl Collector {
    pub(crate) fn new(file: &str) -> Self {
        Collector {
            file: file.to_owned(),
            found: Vec::new(),
        }
    }

    pub(crate) fn error(&mut self, position: Option<Position>, message: impl Into<String>) {
        let found = Diagnostic {
            file: self.file.clone(),
            position,
            message: message.into(),
        };
        // A union's shared `fields:` are read once per variant: a problem
        // in them is told once.
        if !self.found.contains(&found) {
            self.found.push(found);
        }
    }

    /// A note at `position` in this file, not a problem: the caller keeps
    /// it (an example's keys that its types do not declare).
    pub(crate) fn note(
        &self,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            file: self.file.clone(),
            position,
            message: message.into(),
        }
    }

    /// How many problems have been found so far.
    pub(crate) fn count(&self) -> usize {
        self.found.len()
    }

    /// The problems found, sorted by position; `Ok` when there were none.
    pub(crate) fn finish(mut self) -> Result<(), Diagnostics> {
        if self.found.is_empty() {
            return Ok(());
        }
        self.found.sort_by_key(|d| d.position);
        Err(Diagnostics(self.found))
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(found: Vec<Diagnostic>) -> Self {
        Diagnostics(found)
    }
}
