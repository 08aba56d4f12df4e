//! Where in a JSON body a decode error is: its path (`items[3].description`),
//! worked out from serde_json's position of the error by a scanner of the
//! text before it, without decoding the body again.
//!
//! serde_json places an error where its reader is when the error leaves
//! the deserializer call that read the value at fault (`fix_position`), and
//! a type's `Deserialize` returns as soon as something fails, so the reader
//! has not moved past that value: the error is right after it (a value of
//! the wrong type or that does not parse, in a visitor), at its first byte
//! (an object or array where a scalar belongs), right after its closing
//! brace (a missing field: the object's path), or, for a map key, within or
//! right after the key (a field given twice is the object's, as serde's
//! derive reports it outside the key). The path is that of the value the
//! scanner is in, has just finished, or is about to start at that byte, as
//! `serde_path_to_error` gives it for the same body and type: keys as they
//! are once unescaped, `[i]` for an array's element, `.` for the body.
//!
//! An error raised by a type's `Deserialize` after its deserializer
//! returned is placed by the container around the value instead, after that
//! container has read on to its own end (see [`union_end`]). In generated
//! code only unions do that, through the runtime's `union_error` and the
//! like, which record what [`union_end`] needs to tell where the union's
//! value ends. A union tagged in its parent that came before its tag is read
//! from its kept text once the parent's entries are, and raises its error
//! in the parent's visitor of them, which serde_json places right after the
//! parent's closing brace, as a missing field's: the parent's path, as
//! `serde_path_to_error` gives it. (Read in place, after its tag, such a
//! union's errors are the body's own, at their true place.) One raised at
//! the body itself carries no position (line 0) and is at `.`.

/// One step of a path; shown as `serde_path_to_error` shows its segments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Segment {
    /// An object's entry: the key, unescaped.
    Key(String),
    /// An array's element.
    Index(usize),
    /// A map key that was never read as a string or integer (a key that is
    /// not a number where the map's keys are numbers): `?`.
    Unknown,
}

/// The path of `error`, a serde_json error from decoding `body` whose
/// category is data (or syntax in a map key of a body that is JSON); `None`
/// when its position is not one the scanner can place in `body`. `union` is
/// what the union that raised `error` recorded, when one did (see below).
pub(crate) fn error_path(
    body: &[u8],
    error: &serde_json::Error,
    union: Option<&UnionFailure>,
) -> Option<Vec<Segment>> {
    if error.line() == 0 {
        // Raised by the body's own `Deserialize` after its value was read.
        return Some(Vec::new());
    }
    let mut at = offset(body, error.line(), error.column())?;
    // A union tagged in its parent raises its error in the parent's visitor
    // of its entries, which serde_json places right after the parent's
    // closing brace, as a missing field's: at the parent already.
    if let Some(union) = union.filter(|union| !union.held) {
        at = union_end(body, at, union)?;
    }
    let message = error.to_string();
    Scanner { body, at }.scan()?.path(&message)
}

/// Where the value ends whose union raised the error that serde_json placed
/// at `at`.
///
/// A union's error is raised by its `Deserialize` once its JSON text is read
/// (and, for a union tagged in its parent, by the parent's once the parent's
/// object is read), so serde_json places it where the container around that
/// value is when the error reaches it, after that container has tried to
/// read its own end: past the whitespace after the value, and past the
/// container's closing bracket when it comes next, or an array's comma and
/// the whitespace after it. Right after a closing bracket is then either
/// the container's last value, or, when a comma of the object around it
/// follows, the container itself: the length of the union's text, which it
/// recorded, tells which.
fn union_end(body: &[u8], at: usize, union: &UnionFailure) -> Option<usize> {
    let end = back_whitespace(body, at);
    match body.get(end.checked_sub(1)?)? {
        b',' => Some(back_whitespace(body, end - 1)),
        b'}' | b']' if end == at => {
            let stop = Scanner { body, at: end }.scan()?;
            let closed = stop.closed?;
            let parent_is_object = matches!(
                stop.stack.last().map(|frame| &frame.kind),
                Some(Kind::Object(_))
            );
            let comma_next = body.get(forward_whitespace(body, at)) == Some(&b',');
            let container = (closed.start, end);
            match closed.last_child {
                None => Some(end),
                Some(child) if !(parent_is_object && comma_next) => Some(child.1),
                Some(child) => {
                    let child_fits = union.fits(child);
                    let container_fits = union.fits(container);
                    if container_fits && !child_fits {
                        Some(end)
                    } else {
                        Some(child.1)
                    }
                }
            }
        }
        _ => Some(end),
    }
}

/// What a union recorded of the error it raised, for [`error_path`]:
/// `json::union_error` and the like write it, `decode::misfit` reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UnionFailure {
    /// The error's words, without a position: the error is the union's
    /// when its words are these.
    pub(crate) message: String,
    /// The length of the union's JSON text, when known.
    pub(crate) len: Option<usize>,
    /// For a union tagged in its parent: the error is then the parent's,
    /// raised in the parent's visitor of its entries (see [`error_path`]).
    pub(crate) held: bool,
}

impl UnionFailure {
    /// Whether the value at `span` of `body` can be the union whose error
    /// this is.
    fn fits(&self, span: (usize, usize)) -> bool {
        self.len.is_none_or(|len| span.1 - span.0 == len)
    }
}

/// Shows a path as `serde_path_to_error::Path` does: `a.b[2].c`, `[0].a`,
/// `.` for none.
pub(crate) fn show(path: &[Segment]) -> String {
    if path.is_empty() {
        return ".".to_owned();
    }
    let mut shown = String::new();
    let mut separator = "";
    for segment in path {
        match segment {
            Segment::Index(index) => {
                shown.push('[');
                shown.push_str(&index.to_string());
                shown.push(']');
            }
            Segment::Key(key) => {
                shown.push_str(separator);
                shown.push_str(key);
            }
            Segment::Unknown => {
                shown.push_str(separator);
                shown.push('?');
            }
        }
        separator = ".";
    }
    shown
}

/// The byte offset of serde_json's line (from 1) and column (bytes since
/// the line's start, which is the number of bytes read on that line).
fn offset(body: &[u8], line: usize, column: usize) -> Option<usize> {
    let mut start = 0;
    for _ in 1..line {
        start += body[start..].iter().position(|&b| b == b'\n')? + 1;
    }
    let at = start.checked_add(column)?;
    (at <= body.len()).then_some(at)
}

/// What the scanner expects next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// A value: at the start, after `:`, `[` or an array's `,`.
    Value,
    /// A key or, right after `{`, the end of the object; after an object's `,`.
    Key,
    /// The `:` after a key.
    Colon,
    /// A `,` or the end of the container (or of the body) after a value.
    AfterValue,
}

/// An open container and where in it the scanner is.
struct Frame {
    kind: Kind,
    /// Where its opening bracket is.
    start: usize,
    /// Where the last value read in it starts and ends.
    last_child: Option<(usize, usize)>,
}

enum Kind {
    /// An object and the key of the entry being read, if one is.
    Object(Option<Segment>),
    /// An array and the index of the element being read.
    Array(usize),
}

/// A container the scanner has just closed.
struct Closed {
    start: usize,
    last_child: Option<(usize, usize)>,
}

/// Where the scanner stopped.
struct Stop {
    stack: Vec<Frame>,
    state: State,
    /// The container whose closing bracket was the last thing read.
    closed: Option<Closed>,
}

struct Scanner<'a> {
    body: &'a [u8],
    /// Where the error is: the scanner reads the bytes before it.
    at: usize,
}

impl Scanner<'_> {
    fn scan(&self) -> Option<Stop> {
        let body = self.body;
        let mut stop = Stop {
            stack: Vec::new(),
            state: State::Value,
            closed: None,
        };
        let stack = &mut stop.stack;
        let mut i = 0;
        loop {
            while i < self.at && body[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= self.at {
                break;
            }
            stop.closed = None;
            let start = i;
            match (stop.state, body[i]) {
                (State::Value, b'{') => {
                    stack.push(Frame {
                        kind: Kind::Object(None),
                        start,
                        last_child: None,
                    });
                    stop.state = State::Key;
                    i += 1;
                }
                (State::Value, b'[') => {
                    stack.push(Frame {
                        kind: Kind::Array(0),
                        start,
                        last_child: None,
                    });
                    i += 1;
                }
                (State::Value, b']') | (State::Key, b'}') | (State::AfterValue, b']' | b'}') => {
                    let frame = stack.pop()?;
                    i += 1;
                    if let Some(parent) = stack.last_mut() {
                        parent.last_child = Some((frame.start, i));
                    }
                    stop.closed = Some(Closed {
                        start: frame.start,
                        last_child: frame.last_child,
                    });
                    stop.state = State::AfterValue;
                }
                (State::Value, _) => {
                    i = if body[i] == b'"' {
                        string_end(body, i)?
                    } else {
                        scalar_end(body, i)
                    };
                    if i > self.at {
                        // Within the value: its path.
                        break;
                    }
                    if let Some(parent) = stack.last_mut() {
                        parent.last_child = Some((start, i));
                    }
                    stop.state = State::AfterValue;
                }
                (State::Key, b'"') => {
                    let end = string_end(body, i)?;
                    let Some(Frame {
                        kind: Kind::Object(key),
                        ..
                    }) = stack.last_mut()
                    else {
                        return None;
                    };
                    if end > self.at {
                        // Within a key: one of numbers that did not read.
                        *key = Some(numeric_key(&body[i + 1..end - 1]));
                        break;
                    }
                    *key = Some(Segment::Key(serde_json::from_slice(&body[i..end]).ok()?));
                    i = end;
                    stop.state = State::Colon;
                }
                (State::Colon, b':') => {
                    stop.state = State::Value;
                    i += 1;
                }
                (State::AfterValue, b',') => {
                    match &mut stack.last_mut()?.kind {
                        Kind::Object(key) => {
                            *key = None;
                            stop.state = State::Key;
                        }
                        Kind::Array(index) => {
                            *index += 1;
                            stop.state = State::Value;
                        }
                    }
                    i += 1;
                }
                _ => return None,
            }
        }
        Some(stop)
    }
}

impl Stop {
    fn path(mut self, message: &str) -> Option<Vec<Segment>> {
        if self.state == State::Colon && message.starts_with("duplicate field `") {
            // serde's derive finds a repeated field after reading its key,
            // outside the key's own decoding: the object's path.
            if let Some(Frame {
                kind: Kind::Object(key),
                ..
            }) = self.stack.last_mut()
            {
                *key = None;
            }
        }
        Some(
            self.stack
                .into_iter()
                .filter_map(|frame| match frame.kind {
                    Kind::Object(key) => key,
                    Kind::Array(index) => Some(Segment::Index(index)),
                })
                .collect(),
        )
    }
}

fn back_whitespace(body: &[u8], mut at: usize) -> usize {
    while at > 0 && body[at - 1].is_ascii_whitespace() {
        at -= 1;
    }
    at
}

fn forward_whitespace(body: &[u8], mut at: usize) -> usize {
    while at < body.len() && body[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// The index after the string that starts (with its `"`) at `start`.
fn string_end(body: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < body.len() {
        match body[i] {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    None
}

/// The index after the number or literal (`true`, `null`) at `start`.
fn scalar_end(body: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < body.len() && !matches!(body[i], b',' | b']' | b'}' | b':' | b'"') {
        if body[i].is_ascii_whitespace() {
            break;
        }
        i += 1;
    }
    i.max(start + 1)
}

/// A map key the error is within: only a key read as a number (the map's
/// keys are numbers) fails there. serde_json reads the number from the
/// key's text and hands it to the key's type, as an integer when it is one
/// (`serde_path_to_error` keeps it: `pages.12`), as a float otherwise (it
/// does not: `pages.?`); a key that does not start with a number is not
/// handed over at all (`?`).
fn numeric_key(text: &[u8]) -> Segment {
    let negative = text.first() == Some(&b'-');
    let digits_start = usize::from(negative);
    let digits = text[digits_start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let end = digits_start + digits;
    // serde_json's number ends where its grammar does: a leading zero
    // followed by a digit, or a fraction or exponent, is not an integer.
    let integer = digits > 0
        && !(digits > 1 && text[digits_start] == b'0')
        && !matches!(text.get(end), Some(b'.' | b'e' | b'E' | b'0'..=b'9'));
    if !integer {
        return Segment::Unknown;
    }
    let Ok(number) = std::str::from_utf8(&text[..end]) else {
        return Segment::Unknown;
    };
    // An integer too large for u64 (i64 when negative) is read as a float;
    // `-0` too.
    let fits = if negative {
        number.parse::<i64>().is_ok_and(|n| n < 0)
    } else {
        number.parse::<u64>().is_ok()
    };
    if fits {
        Segment::Key(number.to_owned())
    } else {
        Segment::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::{Segment, error_path, show};
    use serde::Deserialize;
    use std::collections::BTreeMap;

    fn path<T: for<'de> Deserialize<'de> + std::fmt::Debug>(body: &str) -> String {
        let error = serde_json::from_str::<T>(body).expect_err("a misfit");
        show(&error_path(body.as_bytes(), &error, None).expect("placed"))
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Item {
        id: u32,
        tags: Option<Vec<String>>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Page {
        items: Vec<Item>,
        #[serde(default)]
        keyed: BTreeMap<u8, String>,
    }

    #[test]
    fn paths_of_values_keys_and_objects() {
        assert_eq!(
            path::<Page>(r#"{"items":[{"id":1},{"id":"x"}]}"#),
            "items[1].id"
        );
        assert_eq!(
            path::<Page>("{\"items\" :\n [ {\"id\":1,\n\"tags\":[\"a\", 5]}]}"),
            "items[0].tags[1]"
        );
        assert_eq!(
            path::<Page>(r#"{"items":[{"id":1},{"tags":null}]}"#),
            "items[1]"
        );
        assert_eq!(path::<Page>(r#"{"items":[{"id":{}}]}"#), "items[0].id");
        assert_eq!(
            path::<Page>(r#"{"items":[], "keyed": {"1":"a", "300": "b"}}"#),
            "keyed.300"
        );
        assert_eq!(
            path::<Page>(r#"{"items":[], "keyed": {"x":"a"}}"#),
            "keyed.?"
        );
        assert_eq!(
            path::<Page>(r#"{"items":[], "keyed": {"1.5":"a"}}"#),
            "keyed.?"
        );
        assert_eq!(
            path::<Page>(r#"{"items":[], "keyed": {"12x":"a"}}"#),
            "keyed.12"
        );
        assert_eq!(path::<Page>(r#"{"items":[], "items": []}"#), ".");
        assert_eq!(path::<Page>(r#"[[{"id":1,"id":2}]]"#), "[0][0]");
        assert_eq!(path::<Vec<Page>>(r#"[{"items":[]}, 7]"#), "[1]");
    }

    #[test]
    fn keys_are_unescaped() {
        assert_eq!(
            path::<BTreeMap<String, Item>>(r#"{"a\"b\u00e9\ud83d\ude00.c": {"id": -1}}"#),
            "a\"bé😀.c.id"
        );
        assert_eq!(path::<BTreeMap<String, u8>>(r#"{"ключ": 256}"#), "ключ");
        let _ = Segment::Unknown;
    }
}
