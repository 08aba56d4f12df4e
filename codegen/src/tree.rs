//! The YAML tree of a file ([`Node`]) read straight from the parser's
//! events, for the YAML a spec is written in.
//!
//! serde-saphyr builds the same tree through serde: every value and key
//! wrapped in `Spanned`, which serde-saphyr serves as a small mapping of
//! its own per node (the value and two positions), with its budget kept on
//! every event. In a debug build, as cargo builds a proc macro, that costs
//! about three times what the parser itself does, and every file the
//! generator loads is read into this tree. [`read`] walks the parser's
//! events instead and builds the tree for the plain part of YAML: block
//! and flow mappings and lists, quoted and block text, and plain scalars
//! whose meaning is beyond doubt (`true`, `false`, `null`, a decimal whole
//! number, text no number or boolean could be spelled as). Anything else
//! (an anchor, an alias, a tag, a merge key, a duplicate key, a number in
//! another spelling, a document near a limit, a syntax error) sends the
//! whole file to serde-saphyr, which gives the tree, or the error, it
//! always gave. The tests compare both readings on every YAML file of the
//! repository and on generated documents.

use serde::Deserialize;
use serde::de::value::{Error as ValueError, MapDeserializer};
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};
use serde_saphyr::{Location, Spanned};

use crate::yaml::{MAX_NESTING, MAX_NODES, MAX_SPEC_BYTES, Node, yaml_options};

/// The tree of `text`, as `serde_saphyr` reads it into `Spanned<Node>`
/// with the generator's options.
pub(crate) fn read(text: &str) -> Result<Spanned<Node>, serde_saphyr::Error> {
    match fast(text) {
        Some(root) => Ok(root),
        None => serde_saphyr::from_str_with_options::<Spanned<Node>>(text, yaml_options()),
    }
}

/// The tree through serde-saphyr alone (the tests' reference).
#[cfg(test)]
pub(crate) fn read_by_serde(text: &str) -> Result<Spanned<Node>, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options::<Spanned<Node>>(text, yaml_options())
}

/// Below these the budget of [`yaml_options`] cannot be reached, so the
/// fast reading need not count as serde-saphyr does: deeper or larger
/// documents take the other road, which reports the limit.
const FAST_DEPTH: usize = MAX_NESTING / 2;
const FAST_EVENTS: usize = MAX_NODES / 2;

/// The tree built from the parser's events, or `None` when the document
/// is not in the part of YAML this reading is sure of.
pub(crate) fn fast(text: &str) -> Option<Spanned<Node>> {
    if text.len() > MAX_SPEC_BYTES {
        return None;
    }
    // The parser's options as serde-saphyr sets them from the budget.
    let options = serde_saphyr::granit_parser::options! {
        simple_key_max_lookahead: 1024,
        flow_nesting_limit: MAX_NESTING,
        block_nesting_limit: serde_saphyr::granit_parser::Options::default()
            .block_nesting_limit
            .max(MAX_NESTING + 1),
        emit_comments: false,
    };
    let mut events = Parser::new_from_str_with_options(text, options);
    let mut next = move || match events.next() {
        Some(Ok(event)) => Some(event),
        _ => None,
    };
    if !matches!(next()?, (Event::StreamStart, _)) {
        return None;
    }
    if !matches!(next()?, (Event::DocumentStart(false, None), _)) {
        return None;
    }
    let mut builder = Builder {
        next: &mut next,
        events: 0,
    };
    let first = builder.pull()?;
    let root = builder.node(first, 0)?;
    if !matches!(next()?, (Event::DocumentEnd, _)) || !matches!(next()?, (Event::StreamEnd, _)) {
        return None;
    }
    Some(root)
}

struct Builder<'a, F> {
    next: &'a mut F,
    events: usize,
}

impl<'input, F> Builder<'_, F>
where
    F: FnMut() -> Option<(Event<'input>, Span)>,
{
    fn pull(&mut self) -> Option<(Event<'input>, Span)> {
        self.events += 1;
        if self.events > FAST_EVENTS {
            return None;
        }
        (self.next)()
    }

    /// The node that starts with `event`, at `depth` lists and mappings.
    fn node(
        &mut self,
        (event, span): (Event<'input>, Span),
        depth: usize,
    ) -> Option<Spanned<Node>> {
        let at = location(&span)?;
        let node = match event {
            Event::Scalar(text, style, 0, None) => scalar(&text, style)?,
            Event::SequenceStart(_, 0, None) => {
                if depth >= FAST_DEPTH {
                    return None;
                }
                let mut items = Vec::new();
                loop {
                    let event = self.pull()?;
                    if matches!(event.0, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.node(event, depth + 1)?);
                }
                Node::Seq(items)
            }
            Event::MappingStart(_, 0, None) => {
                if depth >= FAST_DEPTH {
                    return None;
                }
                let mut entries: Vec<(Spanned<String>, Spanned<Node>)> = Vec::new();
                loop {
                    let (event, span) = self.pull()?;
                    let key = match event {
                        Event::MappingEnd => break,
                        Event::Scalar(text, style, 0, None) => key(text.into_owned(), style)?,
                        _ => return None,
                    };
                    if entries.iter().any(|(seen, _)| seen.value == key) {
                        // serde-saphyr's message for it.
                        return None;
                    }
                    let key_at = location(&span)?;
                    let value = self.pull()?;
                    let value = self.node(value, depth + 1)?;
                    entries.push((Spanned::new(key, key_at, key_at), value));
                }
                Node::Map(entries)
            }
            _ => return None,
        };
        Some(Spanned::new(node, at, at))
    }
}

/// A mapping's key as text; `None` for a key serde-saphyr reads otherwise
/// (null, or the merge key `<<`).
fn key(text: String, style: ScalarStyle) -> Option<String> {
    if matches!(style, ScalarStyle::Plain)
        && matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL" | "<<")
    {
        return None;
    }
    Some(text)
}

/// An untagged scalar as serde-saphyr reads it into any type, or `None`
/// where its reading is not beyond doubt here.
fn scalar(text: &str, style: ScalarStyle) -> Option<Node> {
    if !matches!(style, ScalarStyle::Plain) {
        return Some(Node::String(text.to_owned()));
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Node::Null),
        "true" => return Some(Node::Bool(true)),
        "false" => return Some(Node::Bool(false)),
        _ => {}
    }
    let first = text.chars().next()?;
    if first.is_ascii_digit() || matches!(first, '-' | '+' | '.') {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let decimal = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'))
            && text != "-0";
        if decimal {
            return text.parse::<i64>().ok().map(Node::Integer);
        }
        // A number in another spelling (`1.5`, `0x1F`, `1_000`, `+1`, `.inf`),
        // or text that may be one: serde-saphyr's parsers decide. Text that
        // no number is spelled like is text: a character past a radix
        // prefix that is no digit of any radix (a UUID such as `0b6d…-…`);
        // else a character other than digits, `_`, `.`, an exponent and
        // signs (`2xx`, `12:30`), a sign inside that follows no exponent
        // (`2024-01-31`), two points or two exponents (`1.2.3`).
        let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
        let radix = ["0x", "0X", "0o", "0O", "0b", "0B"]
            .iter()
            .find_map(|prefix| unsigned.strip_prefix(prefix));
        let not_a_number = match radix {
            Some(digits) => digits.chars().any(|c| !(c.is_ascii_hexdigit() || c == '_')),
            None if unsigned.starts_with('.') => false,
            None => {
                let bytes = text.as_bytes();
                let numeric = |c: &u8| {
                    c.is_ascii_digit() || matches!(c, b'_' | b'.' | b'e' | b'E' | b'+' | b'-')
                };
                let inner_sign = (1..bytes.len()).any(|i| {
                    matches!(bytes[i], b'+' | b'-') && !matches!(bytes[i - 1], b'e' | b'E')
                });
                let count = |set: &[u8]| bytes.iter().filter(|c| set.contains(c)).count();
                !bytes.iter().all(numeric) || inner_sign || count(b".") > 1 || count(b"eE") > 1
            }
        };
        if !not_a_number {
            return None;
        }
        return Some(Node::String(text.to_owned()));
    }
    // Words YAML 1.1 reads as booleans, and the spellings of infinity and
    // not-a-number that a float parser accepts.
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "y" | "n"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "true"
            | "false"
            | "null"
            | "inf"
            | "infinity"
            | "nan"
    ) {
        return None;
    }
    Some(Node::String(text.to_owned()))
}

/// The position of an event as serde-saphyr gives it: line, and column
/// from 1.
fn location(span: &Span) -> Option<Location> {
    let line = u32::try_from(span.start.line()).ok()?;
    let column = u32::try_from(span.start.col() + 1).ok()?;
    // serde-saphyr makes its `Location`s itself; from outside, it is read.
    let fields = [("line", line), ("column", column)];
    Location::deserialize(MapDeserializer::<_, ValueError>::new(fields.into_iter())).ok()
}
