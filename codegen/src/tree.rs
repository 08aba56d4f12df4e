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
//!
//! The JSON example bodies, which the examples' check reads for their
//! positions, are read by [`json`] without the YAML parser at all, into the
//! same tree with the same positions; a body it is not sure of goes to
//! [`read`]. The tests compare it with serde-saphyr on every shipped body
//! and on generated JSON.

use serde::Deserialize;
use serde::de::value::MapDeserializer;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span, StrInput};
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
    let mut builder = Builder {
        parser: Parser::new_from_str_with_options(text, options),
        events: 0,
    };
    if !matches!(builder.pull()?, (Event::StreamStart, _)) {
        return None;
    }
    if !matches!(builder.pull()?, (Event::DocumentStart(false, None), _)) {
        return None;
    }
    let first = builder.pull()?;
    let root = builder.node(first, 0)?;
    if !matches!(builder.pull()?, (Event::DocumentEnd, _))
        || !matches!(builder.pull()?, (Event::StreamEnd, _))
    {
        return None;
    }
    Some(root)
}

struct Builder<'input> {
    parser: Parser<'input, StrInput<'input>>,
    /// Events read so far.
    events: usize,
}

impl<'input> Builder<'input> {
    /// The next event; `None` past [`FAST_EVENTS`] or on a parser error.
    fn pull(&mut self) -> Option<(Event<'input>, Span)> {
        self.events += 1;
        if self.events > FAST_EVENTS {
            return None;
        }
        self.parser.next()?.ok()
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

/// The tree of a JSON text (an example's body), as [`read`] reads it, or
/// `None` where a JSON text needs more than this reading is sure of: it is
/// read straight from the text, without the YAML parser, for a JSON value
/// whose reading as YAML is beyond doubt (objects, arrays, strings, `true`,
/// `false`, `null` and whole numbers in `i64`), with the position of each
/// value and key as the YAML parser gives it: its first character, line
/// and column from 1, columns counted in characters. A fraction or
/// exponent, `-0`, a number past `i64`, a duplicate key, a carriage return
/// or tab, a character YAML does not read (a control character, a byte
/// order mark), a nesting or size near the YAML budget, or anything that
/// is not JSON gives `None`, and [`read_json`] reads the text as YAML.
pub(crate) fn json(text: &str) -> Option<Spanned<Node>> {
    // YAML reads only its printable characters (and a byte order mark
    // only at the start); JSON takes any in a string.
    let printable = |c: char| {
        matches!(c, '\n' | ' '..='~' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
            && c != '\u{feff}'
    };
    if text.len() > MAX_SPEC_BYTES || !text.chars().all(printable) {
        return None;
    }
    let mut reader = Json {
        text,
        at: 0,
        line: 1,
        counted: 0,
        column: 0,
        nodes: 0,
    };
    let root = reader.value(0)?;
    reader.space();
    (reader.at == text.len()).then_some(root)
}

/// [`json`], else [`read`].
pub(crate) fn read_json(text: &str) -> Result<Spanned<Node>, serde_saphyr::Error> {
    match json(text) {
        Some(root) => Ok(root),
        None => read(text),
    }
}

struct Json<'a> {
    text: &'a str,
    /// The byte read next.
    at: usize,
    /// Its line, from 1.
    line: usize,
    /// A byte of that line at or before `at`, and the characters before
    /// it on the line: a long line is counted once, not from its start
    /// for each value on it.
    counted: usize,
    column: usize,
    /// Values and keys read, against the YAML budget.
    nodes: usize,
}

impl Json<'_> {
    fn space(&mut self) {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            match b {
                b' ' => self.at += 1,
                b'\n' => {
                    self.at += 1;
                    self.line += 1;
                    self.counted = self.at;
                    self.column = 0;
                }
                _ => break,
            }
        }
    }

    /// The position of the byte read next.
    fn here(&mut self) -> Option<Location> {
        self.nodes += 1;
        if self.nodes > FAST_EVENTS {
            return None;
        }
        // Characters, the bytes that start one.
        self.column += self.text.as_bytes()[self.counted..self.at]
            .iter()
            .filter(|b| (**b & 0xC0) != 0x80)
            .count();
        self.counted = self.at;
        let line = u32::try_from(self.line).ok()?;
        let column = u32::try_from(self.column + 1).ok()?;
        position(line, column)
    }

    fn value(&mut self, depth: usize) -> Option<Spanned<Node>> {
        self.space();
        let at = self.here()?;
        let bytes = self.text.as_bytes();
        let node = match *bytes.get(self.at)? {
            b'{' => {
                if depth >= FAST_DEPTH {
                    return None;
                }
                self.at += 1;
                let mut entries: Vec<(Spanned<String>, Spanned<Node>)> = Vec::new();
                self.space();
                if bytes.get(self.at) == Some(&b'}') {
                    self.at += 1;
                } else {
                    loop {
                        self.space();
                        let key_at = self.here()?;
                        if bytes.get(self.at) != Some(&b'"') {
                            return None;
                        }
                        let key = self.string()?;
                        if entries.iter().any(|(seen, _)| seen.value == key) {
                            return None;
                        }
                        self.space();
                        if bytes.get(self.at) != Some(&b':') {
                            return None;
                        }
                        self.at += 1;
                        let value = self.value(depth + 1)?;
                        entries.push((Spanned::new(key, key_at, key_at), value));
                        if self.closed(b'}')? {
                            break;
                        }
                    }
                }
                Node::Map(entries)
            }
            b'[' => {
                if depth >= FAST_DEPTH {
                    return None;
                }
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if bytes.get(self.at) == Some(&b']') {
                    self.at += 1;
                } else {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.closed(b']')? {
                            break;
                        }
                    }
                }
                Node::Seq(items)
            }
            b'"' => Node::String(self.string()?),
            b't' => self.word("true", Node::Bool(true))?,
            b'f' => self.word("false", Node::Bool(false))?,
            b'n' => self.word("null", Node::Null)?,
            b'-' | b'0'..=b'9' => {
                let start = self.at;
                let digits = bytes[start..]
                    .iter()
                    .skip(usize::from(bytes[start] == b'-'))
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                let end = start + usize::from(bytes[start] == b'-') + digits;
                let number = &self.text[start..end];
                let unsigned = number.strip_prefix('-').unwrap_or(number);
                let fraction = matches!(bytes.get(end), Some(b'.' | b'e' | b'E'));
                if unsigned.is_empty()
                    || (unsigned.len() > 1 && unsigned.starts_with('0'))
                    || number == "-0"
                    || fraction
                {
                    return None;
                }
                self.at = end;
                Node::Integer(number.parse().ok()?)
            }
            _ => return None,
        };
        Some(Spanned::new(node, at, at))
    }

    /// After an item of an object or array: `true` past its `close`,
    /// `false` past a comma, `None` at anything else.
    fn closed(&mut self, close: u8) -> Option<bool> {
        self.space();
        let byte = *self.text.as_bytes().get(self.at)?;
        if byte != b',' && byte != close {
            return None;
        }
        self.at += 1;
        Some(byte == close)
    }

    /// `word` at the byte read next, as `node`.
    fn word(&mut self, word: &str, node: Node) -> Option<Node> {
        if !self.text[self.at..].starts_with(word) {
            return None;
        }
        self.at += word.len();
        Some(node)
    }

    /// The string that starts at the byte read next (its quote): without
    /// escapes, the text between the quotes; with them, as serde_json
    /// reads it.
    fn string(&mut self) -> Option<String> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let mut escaped = false;
        let mut end = start + 1;
        loop {
            match *bytes.get(end)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    end += 2;
                }
                b if b < 0x20 => return None,
                _ => end += 1,
            }
        }
        self.at = end + 1;
        if escaped {
            serde_json::from_str(&self.text[start..=end]).ok()
        } else {
            Some(self.text[start + 1..end].to_owned())
        }
    }
}

/// The position of an event as serde-saphyr gives it: line, and column
/// from 1.
fn location(span: &Span) -> Option<Location> {
    let line = u32::try_from(span.start.line()).ok()?;
    let column = u32::try_from(span.start.col() + 1).ok()?;
    position(line, column)
}

/// The `Location` of a line and column, read through serde (serde-saphyr
/// gives no constructor). Keeping each one read in a map per thread was
/// tried: in a debug build the map's lookups cost more than the reading.
fn position(line: u32, column: u32) -> Option<Location> {
    Location::deserialize(position_fields(line, column)).ok()
}

/// A position as the mapping `Location` reads itself from: serde-saphyr
/// makes its `Location`s itself, and from outside one is read.
fn position_fields(
    line: u32,
    column: u32,
) -> MapDeserializer<'static, std::array::IntoIter<(&'static str, u32), 2>, DeError> {
    MapDeserializer::new([("line", line), ("column", column)].into_iter())
}

/// The tree as a serde deserializer, so that a file's typed model (the
/// spec's `SpecFile`) is read from the tree already built, not from its
/// text again. It reads what serde-saphyr would give from the same text:
/// a value's kind as the tree holds it, and `Spanned<T>` fields with the
/// tree's positions (serde-saphyr's own protocol for them: a newtype named
/// `__yaml_spanned` that reads as a mapping of the value and its two
/// positions). Where a type wants something else (text where the tree
/// holds a number, an enum), it fails, and the caller asks serde-saphyr.
#[derive(Clone, Copy)]
pub(crate) struct NodeDeserializer<'a>(pub(crate) &'a Spanned<Node>);

/// The name under which `serde_saphyr::Spanned` asks for its newtype.
const SPANNED: &str = "__yaml_spanned";
/// The first key of the mapping serde-saphyr gives a `Spanned<T>`.
const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

type DeError = serde::de::value::Error;

impl<'de, 'a> serde::Deserializer<'de> for NodeDeserializer<'a> {
    type Error = DeError;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            Node::Map(entries) => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
            Node::Seq(items) => visitor.visit_seq(serde::de::value::SeqDeserializer::new(
                items.iter().map(NodeDeserializer),
            )),
            Node::String(text) => visitor.visit_str(text),
            Node::Integer(value) => visitor.visit_i64(*value),
            Node::Float(value) => visitor.visit_f64(*value),
            Node::Bool(value) => visitor.visit_bool(*value),
            Node::Null => visitor.visit_unit(),
        }
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.0.value {
            Node::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        newtype(self, self.0.referenced, self.0.defined, name, visitor)
    }

    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, DeError> {
        // The spec's model has no enum read by serde.
        Err(serde::de::Error::custom("an enum is read by serde-saphyr"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

impl<'de, 'a> serde::de::IntoDeserializer<'de, DeError> for NodeDeserializer<'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// A mapping's key, with its position for a `Spanned<String>` key.
#[derive(Clone, Copy)]
struct KeyDeserializer<'a>(&'a Spanned<String>);

impl<'de, 'a> serde::Deserializer<'de> for KeyDeserializer<'a> {
    type Error = DeError;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_str(&self.0.value)
    }

    fn deserialize_newtype_struct<V: serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        newtype(self, self.0.referenced, self.0.defined, name, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct seq tuple tuple_struct map struct
        enum identifier ignored_any
    }
}

/// A newtype of a value written at `at`: serde-saphyr's protocol for a
/// `Spanned<T>`, the value itself for any other.
fn newtype<'de, D, V>(
    value: D,
    at: Location,
    defined: Location,
    name: &str,
    visitor: V,
) -> Result<V::Value, DeError>
where
    D: serde::Deserializer<'de, Error = DeError> + Copy,
    V: serde::de::Visitor<'de>,
{
    if name == SPANNED {
        visitor.visit_newtype_struct(SpannedDeserializer { value, at, defined })
    } else {
        visitor.visit_newtype_struct(value)
    }
}

/// The entries of a mapping, keys then values.
struct Entries<'a> {
    entries: std::slice::Iter<'a, (Spanned<String>, Spanned<Node>)>,
    value: Option<&'a Spanned<Node>>,
}

impl<'de> serde::de::MapAccess<'de> for Entries<'_> {
    type Error = DeError;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(KeyDeserializer(key)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(value) => seed.deserialize(NodeDeserializer(value)),
            None => Err(serde::de::Error::custom("a value without its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// What `serde_saphyr::Spanned<T>` reads: a mapping of a marker, the value
/// and its two positions.
struct SpannedDeserializer<D> {
    value: D,
    at: Location,
    defined: Location,
}

impl<'de, D> serde::Deserializer<'de> for SpannedDeserializer<D>
where
    D: serde::Deserializer<'de, Error = DeError> + Copy,
{
    type Error = DeError;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_map(SpannedEntries {
            spanned: self,
            step: 0,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct
        map struct enum identifier ignored_any
    }
}

struct SpannedEntries<D> {
    spanned: SpannedDeserializer<D>,
    step: u8,
}

impl<'de, D> serde::de::MapAccess<'de> for SpannedEntries<D>
where
    D: serde::Deserializer<'de, Error = DeError> + Copy,
{
    type Error = DeError;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        use serde::de::IntoDeserializer;
        let key = match self.step {
            0 => SPANNED_MARKER,
            1 => "value",
            2 => "referenced",
            3 => "defined",
            _ => return Ok(None),
        };
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DeError> {
        use serde::de::IntoDeserializer;
        let step = self.step;
        self.step += 1;
        let spanned = &self.spanned;
        let position = |at: Location| position_fields(at.line() as u32, at.column() as u32);
        match step {
            0 => seed.deserialize(true.into_deserializer()),
            1 => seed.deserialize(spanned.value),
            2 => seed.deserialize(position(spanned.at)),
            3 => seed.deserialize(position(spanned.defined)),
            _ => Err(serde::de::Error::custom("past the end of a Spanned value")),
        }
    }
}
