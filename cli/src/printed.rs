//! JSON as the server wrote it, for `call` to print: keys in the order
//! they came and numbers as they were written (`serde_json::Value` would
//! sort the keys and turn an integer beyond 64 bits into a float), indented
//! as `serde_json::to_string_pretty` indents.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// A JSON value with its keys in order and its scalars as written.
#[derive(Debug, PartialEq)]
pub(crate) enum Node {
    Object(Vec<(String, Node)>),
    Array(Vec<Node>),
    String(String),
    /// A number, `true`, `false` or `null`, as written.
    Scalar(String),
}

/// How deep containers may nest: as deep as `serde_json::Value` reads (its
/// recursion limit is 128), and no deeper, so that reading, printing and
/// dropping a node never runs out of stack.
const MAX_DEPTH: usize = 128;

impl Node {
    /// Reads JSON text; an error for anything that is not one JSON value,
    /// or that nests deeper than `serde_json::Value` reads. An error's
    /// position is counted in `text`.
    pub(crate) fn parse(text: &str) -> Result<Node, serde_json::Error> {
        let read = serde_json::from_str::<&RawValue>(text).and_then(|raw| Node::of(raw, 0));
        read.map_err(|error| {
            // A problem found in a nested value has a position counted in
            // that value; serde_json's own reading of the whole text names
            // it where it is (and refuses what nests too deep).
            serde_json::from_str::<serde_json::Value>(text)
                .err()
                .unwrap_or(error)
        })
    }

    /// One level at a time: each object or array is read as raw members,
    /// borrowed from the text, which are then read in turn.
    fn of(raw: &RawValue, depth: usize) -> Result<Node, serde_json::Error> {
        let text = raw.get();
        let nested = |raw: &RawValue| {
            if depth >= MAX_DEPTH {
                return Err(serde::de::Error::custom("the JSON nests too deep"));
            }
            Node::of(raw, depth + 1)
        };
        Ok(match text.as_bytes().first() {
            Some(b'{') => {
                let Members(members) = serde_json::from_str(text)?;
                Node::Object(
                    members
                        .into_iter()
                        .map(|(key, value)| Ok((key, nested(value)?)))
                        .collect::<Result<_, serde_json::Error>>()?,
                )
            }
            Some(b'[') => {
                let items: Vec<&RawValue> = serde_json::from_str(text)?;
                Node::Array(items.into_iter().map(nested).collect::<Result<_, _>>()?)
            }
            Some(b'"') => Node::String(serde_json::from_str(text)?),
            _ => Node::Scalar(text.to_owned()),
        })
    }

    /// Replaces the value of every key `hide` says with `"[secret]"`, at
    /// any depth.
    pub(crate) fn hide(&mut self, hide: &dyn Fn(&str) -> bool) {
        match self {
            Node::Object(members) => {
                for (key, value) in members {
                    if hide(key) {
                        *value = Node::String("[secret]".to_owned());
                    } else {
                        value.hide(hide);
                    }
                }
            }
            Node::Array(items) => items.iter_mut().for_each(|item| item.hide(hide)),
            Node::String(_) | Node::Scalar(_) => {}
        }
    }

    /// The value indented by two spaces a level.
    pub(crate) fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        let indent = |out: &mut String, depth: usize| {
            out.push('\n');
            out.extend(std::iter::repeat_n("  ", depth));
        };
        match self {
            Node::Object(members) if members.is_empty() => out.push_str("{}"),
            Node::Array(items) if items.is_empty() => out.push_str("[]"),
            Node::Object(members) => {
                out.push('{');
                for (at, (key, value)) in members.iter().enumerate() {
                    if at > 0 {
                        out.push(',');
                    }
                    indent(out, depth + 1);
                    out.push_str(&quoted(key));
                    out.push_str(": ");
                    value.write(out, depth + 1);
                }
                indent(out, depth);
                out.push('}');
            }
            Node::Array(items) => {
                out.push('[');
                for (at, item) in items.iter().enumerate() {
                    if at > 0 {
                        out.push(',');
                    }
                    indent(out, depth + 1);
                    item.write(out, depth + 1);
                }
                indent(out, depth);
                out.push(']');
            }
            Node::String(text) => out.push_str(&quoted(text)),
            Node::Scalar(text) => out.push_str(text),
        }
    }
}

/// A string as JSON writes it.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| String::from("\"\""))
}

/// An object's members in order, each value raw, borrowed from the text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Collect<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for Collect<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'a>, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Collect(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_order_and_numbers_their_spelling() {
        let text = r#"{"z": 1, "a": 123456789012345678901234567890, "m": [1.10, -0, 1e3, true, null], "s": "\u00e9\n", "e": {}, "l": []}"#;
        let node = Node::parse(text).expect("JSON");
        assert_eq!(
            node.pretty(),
            "{\n  \"z\": 1,\n  \"a\": 123456789012345678901234567890,\n  \"m\": [\n    1.10,\n    -0,\n    1e3,\n    true,\n    null\n  ],\n  \"s\": \"é\\n\",\n  \"e\": {},\n  \"l\": []\n}"
        );
        // The same text as serde_json's own pretty printer writes it,
        // where nothing is lost.
        let plain = r#"{"b":[{"c":"d"},2],"a":false}"#;
        let value: serde_json::Value = serde_json::from_str(plain).expect("JSON");
        let mut sorted = Node::parse(plain).expect("JSON");
        if let Node::Object(members) = &mut sorted {
            members.sort_by(|x, y| x.0.cmp(&y.0));
        }
        assert_eq!(
            sorted.pretty(),
            serde_json::to_string_pretty(&value).expect("printed")
        );
    }

    #[test]
    fn secrets_are_hidden_at_any_depth_and_bad_json_is_an_error() {
        let mut node = Node::parse(r#"[{"token": "abc", "inner": {"token": {"x": 1}}, "id": 5}]"#)
            .expect("JSON");
        node.hide(&|key| key == "token");
        assert_eq!(
            node.pretty(),
            "[\n  {\n    \"token\": \"[secret]\",\n    \"inner\": {\n      \"token\": \"[secret]\"\n    },\n    \"id\": 5\n  }\n]"
        );
        assert!(Node::parse("{\"a\": }").is_err());
        assert!(Node::parse("1 2").is_err());
        assert!(Node::parse("").is_err());
    }

    #[test]
    fn deep_nesting_is_refused_as_serde_json_refuses_it_and_errors_say_where() {
        // As deep as serde_json::Value reads: read.
        let deep = format!("{}{}", "[".repeat(127), "]".repeat(127));
        assert!(serde_json::from_str::<serde_json::Value>(&deep).is_ok());
        assert!(Node::parse(&deep).is_ok());
        // Far deeper (this overflowed the stack): refused, with
        // serde_json's words.
        let deeper = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let error = Node::parse(&deeper).expect_err("too deep").to_string();
        assert!(error.contains("recursion limit exceeded"), "{error}");
        // A bad escape inside a nested value, at its place in the text.
        let error = Node::parse("{\"id\": 1,\n \"s\": \"\\ud800\"}")
            .expect_err("a lone surrogate")
            .to_string();
        assert!(error.contains("line 2"), "{error}");
    }
}
