//! Strings a spec constrains with `pattern:` (an INN of 10 or 12 digits, a
//! KPP of 9): the check the generated newtypes run where the caller builds
//! a value, and the error it gives.

use std::fmt;
use std::sync::OnceLock;

use crate::scalars::quoted;

/// A spec's `pattern:`, compiled on first use; generated code keeps one in
/// a `static` per type.
#[doc(hidden)]
pub struct Pattern {
    type_name: &'static str,
    source: &'static str,
    compiled: OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    /// The pattern of the generated type `type_name`, as the spec writes it.
    pub const fn new(type_name: &'static str, source: &'static str) -> Self {
        Pattern {
            type_name,
            source,
            compiled: OnceLock::new(),
        }
    }

    /// Whether `text` matches the pattern whole (as in XSD, not in part as
    /// in JSON Schema). The generator refuses a pattern that does not
    /// compile, so `None` is not expected; if it came, nothing matches
    /// rather than everything.
    pub fn is_match(&self, text: &str) -> bool {
        self.compiled
            .get_or_init(|| regex_lite::Regex::new(&format!("^(?:{})$", self.source)).ok())
            .as_ref()
            .is_some_and(|re| re.is_match(text))
    }

    /// `Ok` when `text` matches; otherwise the error that says which type
    /// and pattern it breaks.
    pub fn check(&self, text: &str) -> Result<(), PatternError> {
        if self.is_match(text) {
            return Ok(());
        }
        Err(PatternError {
            type_name: self.type_name,
            pattern: self.source,
            value: quoted(text),
        })
    }
}

/// A value that does not match the `pattern:` its type has in the spec,
/// from the type's `new`, `parse` or `try_from`.
///
/// Its message names the type, the pattern and the value (cut at 40
/// characters): `` `Inn` must match the pattern `\d{10}|\d{12}` whole, but
/// "66761301" does not ``.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    type_name: &'static str,
    pattern: &'static str,
    value: String,
}

impl PatternError {
    /// The generated type whose pattern the value breaks.
    pub fn type_name(&self) -> &str {
        self.type_name
    }

    /// The pattern as the spec writes it.
    pub fn pattern(&self) -> &str {
        self.pattern
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` must match the pattern `{}` whole, but {} does not",
            self.type_name, self.pattern, self.value
        )
    }
}

impl std::error::Error for PatternError {}

/// Whether `text` is the enum value `value` under `case: any`: the same
/// without regard to ASCII case and to `-`, `_`, `.` and spaces, so that
/// `readyToSend`, `READY_TO_SEND` and `ready-to-send` are one value.
#[doc(hidden)]
pub fn same_in_any_case(text: &str, value: &str) -> bool {
    let folded = |s: &'_ str| {
        s.chars()
            .filter(|c| !matches!(c, '-' | '_' | '.' | ' '))
            .map(|c| c.to_ascii_lowercase())
            .collect::<Vec<char>>()
    };
    // Enum values are short; comparing without collecting would save little.
    folded(text) == folded(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_matches_the_whole_value() {
        let inn = Pattern::new("Inn", r"\d{10}|\d{12}");
        assert!(inn.is_match("6676130154"));
        assert!(inn.is_match("667613015412"));
        // Unanchored, `\d{10}` would find ten digits inside these.
        assert!(!inn.is_match("66761301541"));
        assert!(!inn.is_match("x6676130154"));
        // `\d` is ASCII digits only: Arabic-Indic digits are not an INN.
        assert!(!inn.is_match("٠١٢٣٤٥٦٧٨٩"));
        let error = inn.check("123").unwrap_err();
        assert_eq!(error.type_name(), "Inn");
        assert_eq!(
            error.to_string(),
            r#"`Inn` must match the pattern `\d{10}|\d{12}` whole, but "123" does not"#
        );
    }

    #[test]
    fn a_pattern_that_does_not_compile_matches_nothing() {
        let broken = Pattern::new("Broken", "(");
        assert!(!broken.is_match(""));
        assert!(broken.check("anything").is_err());
    }

    #[test]
    fn a_long_refused_value_is_cut_in_the_message() {
        let error = Pattern::new("Kpp", r"\d{9}")
            .check(&"x".repeat(1000))
            .unwrap_err();
        assert!(error.to_string().len() < 200, "{error}");
    }

    #[test]
    fn any_case_ignores_case_and_separators() {
        for text in [
            "ready-to-send",
            "readyToSend",
            "ReadyToSend",
            "READY_TO_SEND",
            "ready to send",
        ] {
            assert!(same_in_any_case(text, "ready-to-send"), "{text}");
        }
        assert!(!same_in_any_case("ready-to-sen", "ready-to-send"));
        assert!(!same_in_any_case("sent", "ready-to-send"));
    }
}
