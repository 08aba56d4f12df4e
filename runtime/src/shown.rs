//! Text that came from a server or a secret-bearing source, made safe to
//! show: in error messages, logs and a terminal.

use std::borrow::Cow;
use std::fmt::Write;

/// The longest trace id an error message shows whole.
pub(crate) const TRACE_ID_SHOWN: usize = 128;
/// The longest error code or short server value a message shows whole.
pub(crate) const CODE_SHOWN: usize = 128;
/// The longest description a message shows whole.
pub(crate) const DESCRIPTION_SHOWN: usize = 1000;

/// `text` as it may be shown on a terminal or in a log line: control
/// characters (C0 including line breaks and escape, DEL, C1) and invisible
/// formatting characters (bidirectional overrides, zero-width characters,
/// line and paragraph separators) are written as Rust escapes (`\u{1b}`,
/// `\n`), so that a server cannot clear a screen, set a window title or
/// forge a second log line; text longer than `max_chars` characters is cut
/// there and its full length stated.
///
/// Typed values (an error's description, an unknown enum value) stay exact;
/// use this where you print them.
///
/// ```
/// let shown = kontur_extern::terminal_safe("bad\u{1b}[2J\nerror: forged", 100);
/// assert_eq!(shown, "bad\\u{1b}[2J\\nerror: forged");
/// assert_eq!(
///     kontur_extern::terminal_safe(&"x".repeat(5000), 4),
///     "xxxx… (5000 bytes in all)"
/// );
/// assert_eq!(kontur_extern::terminal_safe("a\nb", usize::MAX), "a\\nb");
/// ```
pub fn terminal_safe(text: &str, max_chars: usize) -> Cow<'_, str> {
    let long = text.len() > max_chars && text.chars().nth(max_chars).is_some();
    if !long && !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len().min(max_chars.saturating_mul(2)) + 32);
    for c in text.chars().take(max_chars) {
        if needs_escape(c) {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    if long {
        let _ = write!(shown, "… ({} bytes in all)", text.len());
    }
    Cow::Owned(shown)
}

/// Characters a terminal or a log reader may act on or not show.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
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

/// Replaces every occurrence of each secret in `text` with `[redacted]`:
/// as sent, form- or percent-encoded, and JSON-escaped, since a server may
/// echo any of these.
pub fn scrub(text: &mut String, secrets: &[secrecy::SecretString]) {
    let mut forms = forms(secrets);
    forms.retain(|form| !form.is_empty() && text.contains(form.as_str()));
    if forms.is_empty() {
        return;
    }
    // One pass, longest form first at each place: a marker already written
    // is never matched again, however short a secret is.
    forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
    forms.dedup();
    let mut scrubbed = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        match forms.iter().find(|form| rest.starts_with(form.as_str())) {
            Some(form) => {
                scrubbed.push_str("[redacted]");
                rest = &rest[form.len()..];
            }
            None => {
                scrubbed.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    *text = scrubbed;
}

/// Each secret as sent, form- and percent-encoded, and JSON-escaped.
fn forms(secrets: &[secrecy::SecretString]) -> Vec<String> {
    use secrecy::ExposeSecret;
    let mut forms: Vec<String> = Vec::new();
    for secret in secrets {
        let secret = secret.expose_secret();
        let form: String = form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        let percent = form.replace('+', "%20");
        let json = serde_json::to_string(secret).unwrap_or_default();
        let json = json.trim_matches('"').to_owned();
        forms.extend([secret.to_owned(), form, percent, json]);
    }
    forms.retain(|form| !form.is_empty());
    forms
}

/// [`scrub`] for an excerpt cut short (ending in `…`): also the start of a
/// secret that the cut left at its end, as if the whole text had been
/// scrubbed before it was cut.
pub(crate) fn scrub_excerpt(text: &mut String, secrets: &[secrecy::SecretString]) {
    scrub(text, secrets);
    let Some(kept) = text.strip_suffix('…') else {
        return;
    };
    // The longest start of any secret's form that the kept text ends with.
    let cut = forms(secrets)
        .iter()
        .filter_map(|form| {
            form.char_indices()
                .map(|(at, _)| at)
                .skip(1)
                .filter(|&length| kept.ends_with(&form[..length]))
                .max()
        })
        .max();
    if let Some(length) = cut {
        let keep = kept.len() - length;
        *text = format!("{}[redacted]…", &kept[..keep]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_cut_inside_a_secret_shows_none_of_it() {
        let secrets = [secrecy::SecretString::from("TOK-SECRET-0123456789abcde")];
        let mut text = format!("{}TOK-SECRET-0123456789abcd…", "x".repeat(174));
        scrub_excerpt(&mut text, &secrets);
        assert_eq!(text, format!("{}[redacted]…", "x".repeat(174)));
        // Whole occurrences as scrub does; a text not cut keeps its end.
        let mut whole = "a TOK-SECRET-0123456789abcde b TOK".to_owned();
        scrub_excerpt(&mut whole, &secrets);
        assert_eq!(whole, "a [redacted] b TOK");
        let mut plain = "nothing secret here…".to_owned();
        scrub_excerpt(&mut plain, &secrets);
        assert_eq!(plain, "nothing secret here…");
    }

    #[test]
    fn a_short_secret_is_scrubbed_once_per_occurrence() {
        let secrets = [secrecy::SecretString::from("e"), "p w".into()];
        let mut text = "the token e was refused; p w, p+w, p%20w".to_owned();
        scrub(&mut text, &secrets);
        assert_eq!(
            text,
            "th[redacted] tok[redacted]n [redacted] was r[redacted]fus[redacted]d; \
             [redacted], [redacted], [redacted]"
        );
    }

    #[test]
    fn controls_and_invisible_formatting_are_escaped() {
        assert_eq!(
            terminal_safe("a\u{1b}]0;T\u{7}\r\n\u{9b}\u{202e}b\u{7f}", 100),
            "a\\u{1b}]0;T\\u{7}\\r\\n\\u{9b}\\u{202e}b\\u{7f}"
        );
        assert!(matches!(
            terminal_safe("Ошибка: неверный пароль", 100),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn long_text_is_cut_at_a_character_boundary_with_its_length() {
        let text = "я".repeat(300);
        assert_eq!(
            terminal_safe(&text, 3),
            format!("яяя… ({} bytes in all)", text.len())
        );
        assert_eq!(terminal_safe("abc", 3), "abc");
    }

    #[test]
    fn secrets_are_scrubbed_in_every_encoding() {
        let secrets = [secrecy::SecretString::from("p a\"ss+/")];
        let mut text =
            "raw p a\"ss+/ form p+a%22ss%2B%2F pct p%20a%22ss%2B%2F json p a\\\"ss+/ end"
                .to_owned();
        scrub(&mut text, &secrets);
        assert_eq!(
            text,
            "raw [redacted] form [redacted] pct [redacted] json [redacted] end"
        );
    }
}
