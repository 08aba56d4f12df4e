//! What the CLI prints, made safe for a terminal: spec text (names, paths,
//! docs, enum values) and server text alike may hold characters a terminal
//! acts on (ESC, BEL) or hides (bidi and zero-width marks). Every line the
//! CLI writes goes through [`text`]; JSON it writes goes through [`json`]
//! first, so that it stays JSON that means the same.

use std::borrow::Cow;

use kontur_extern::__private::needs_escape;

/// `text` with every character a terminal may act on or not show written as
/// a Rust escape (`\u{1b}`), except line feeds and tabs, which lay out
/// the CLI's own output.
pub(crate) fn text(text: &str) -> Cow<'_, str> {
    let escaped = |c: char| c != '\n' && c != '\t' && needs_escape(c);
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped(c) {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// Pretty JSON as it is, but with the characters a terminal may act on or
/// not show (DEL, C1 controls, bidi and zero-width marks) written as JSON
/// `\uXXXX` escapes: they can only sit inside strings, since serde_json
/// escapes C0 controls itself, so the output stays JSON that means the same.
pub(crate) fn json(pretty: &str) -> String {
    let mut shown = String::with_capacity(pretty.len());
    for c in pretty.chars() {
        if c != '\n' && needs_escape(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                shown.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            shown.push(c);
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_marks_are_escaped_and_layout_is_kept() {
        assert_eq!(text("a\tb\nc"), "a\tb\nc");
        assert_eq!(
            text("e\u{1b}]0;PWNED\u{7}\u{202e}x\r"),
            "e\\u{1b}]0;PWNED\\u{7}\\u{202e}x\\r"
        );
        assert_eq!(text("счёт"), "счёт");
    }

    #[test]
    fn json_stays_json_that_means_the_same() {
        let value = serde_json::json!({ "name": "a\u{202e}\u{1b}b\u{9b}" });
        let pretty = serde_json::to_string_pretty(&value).expect("printed");
        let shown = json(&pretty);
        assert!(
            !shown.chars().any(|c| c != '\n' && needs_escape(c)),
            "{shown}"
        );
        let back: serde_json::Value = serde_json::from_str(&shown).expect("still JSON");
        assert_eq!(back, value);
    }
}
