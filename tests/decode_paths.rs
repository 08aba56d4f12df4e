//! The JSON path of a body that does not fit its type, as the decoder works
//! it out from serde_json's position of the error (without decoding the
//! body again), against `serde_path_to_error`'s, which decodes it again and
//! was what the decoder used before: the same path and words for every
//! misfit of the documented bodies of specs with every kind of union, lists,
//! maps with integer, uuid and pattern keys, dates, enums and a secret.
//!
//! The misfits are made from each documented body: every value in turn
//! replaced by one of another kind (or one that does not parse, for text),
//! every entry removed, an element of the wrong kind added to every list,
//! an entry repeated; each written compact, indented, with every key
//! escaped (`\u0069d`), and with the tags of unions tagged in their parent
//! first (the union then read in place, else from its kept text).

use std::fmt::Write as _;

use kontur_extern::{Endpoint, Error, WithBody};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

kontur_extern::types!("spec/extern/types.yaml");
kontur_extern::endpoint!("spec/extern/get-docflow.yaml");
kontur_extern::endpoint!("spec/extern/docflow-page.yaml");
kontur_extern::types!("tests/specs/v2/common.yaml");
kontur_extern::endpoint!("tests/specs/v2/nested.yaml");
kontur_extern::endpoint!("tests/specs/v2/keyed.yaml");
kontur_extern::endpoint!("tests/specs/v2/requisites.yaml");
kontur_extern::endpoint!("tests/specs/v2/handbook.yaml");

/// What the decoder said of `body`: `None` when it fits.
fn decoded<E>(base: &http::Response<Vec<u8>>, body: &str) -> Option<(String, String)>
where
    E: Endpoint,
{
    let mut response = http::Response::new(body.as_bytes().to_vec());
    *response.status_mut() = base.status();
    *response.headers_mut() = base.headers().clone();
    response
        .headers_mut()
        .remove(http::header::CONTENT_ENCODING);
    match E::decode(response) {
        Ok(_) => None,
        Err(Error::DecodeBody { path, problem, .. }) => Some((path, problem)),
        Err(other) => panic!("not a decode error for {body}: {other:?}"),
    }
}

/// What `serde_path_to_error` says of `body` read as `T`, as the decoder
/// reported it before: the path and serde_json's words without their place.
fn expected<T: DeserializeOwned>(body: &str) -> Option<(String, String)> {
    let mut deserializer = serde_json::Deserializer::from_str(body);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Ok(_) => None,
        Err(error) => {
            let path = error.path().to_string();
            let error = error.into_inner();
            let message = error.to_string();
            let place = format!(" at line {} column {}", error.line(), error.column());
            let words = message.strip_suffix(&place).unwrap_or(&message).to_owned();
            Some((path, words))
        }
    }
}

/// Every misfit of every documented body of `E`, compared; how many.
fn compare<E>() -> usize
where
    E: Endpoint,
    E::Response: WithBody,
    <E::Response as WithBody>::Body: DeserializeOwned,
{
    let mut compared = 0;
    for example in E::examples() {
        let documented = &example.documented_response;
        let Ok(json) = serde_json::from_str::<Value>(documented.body) else {
            continue;
        };
        let base = documented.to_http();
        for misfit in misfits(&json) {
            for body in [
                misfit.to_string(),
                serde_json::to_string_pretty(&misfit).expect("JSON"),
                escaped_keys(&misfit),
                tags_first(&misfit),
            ] {
                let ours = decoded::<E>(&base, &body);
                let theirs = expected::<<E::Response as WithBody>::Body>(&body);
                match (&ours, &theirs) {
                    (Some((path, problem)), Some((their_path, their_problem))) => {
                        assert_eq!(path, their_path, "{body}");
                        if problem != their_problem {
                            // Words through a secret key are hidden, as before.
                            assert_eq!(
                                problem, "the value does not fit its declared type",
                                "{body}"
                            );
                        }
                    }
                    _ => assert_eq!(ours.is_some(), theirs.is_some(), "{body}"),
                }
                compared += usize::from(ours.is_some());
            }
        }
    }
    compared
}

/// `json` changed in one place, in every way this test makes.
fn misfits(json: &Value) -> Vec<Value> {
    let mut all = Vec::new();
    edit_everywhere(
        json,
        &mut |value| {
            let mut changed = Vec::new();
            match value {
                Value::String(_) => {
                    changed.push(Value::from(12345));
                    changed.push(Value::from("not a ✓ valid \"value\""));
                    changed.push(serde_json::json!({"k": 1}));
                }
                Value::Number(_) => {
                    changed.push(Value::from("7"));
                    changed.push(Value::from(-1));
                    changed.push(Value::from(1.5));
                    changed.push(serde_json::json!([1]));
                }
                Value::Bool(_) => changed.push(Value::from("true")),
                Value::Null => changed.push(serde_json::json!({})),
                Value::Array(items) => {
                    changed.push(serde_json::json!({"0": 1}));
                    changed.push(Value::from(5));
                    let mut longer = items.clone();
                    longer.push(Value::from(true));
                    changed.push(Value::Array(longer));
                    let mut longer = items.clone();
                    longer.insert(0, serde_json::json!([]));
                    changed.push(Value::Array(longer));
                }
                Value::Object(object) => {
                    changed.push(Value::from("object"));
                    changed.push(serde_json::json!([]));
                    for key in object.keys() {
                        let mut fewer = object.clone();
                        fewer.remove(key);
                        changed.push(Value::Object(fewer));
                    }
                    let mut more = object.clone();
                    more.insert("1.5".into(), Value::from(1));
                    changed.push(Value::Object(more));
                    let mut more = object.clone();
                    more.insert("x".into(), Value::from(1));
                    changed.push(Value::Object(more));
                    let mut more = object.clone();
                    more.insert("300".into(), Value::from("x"));
                    changed.push(Value::Object(more));
                }
            }
            changed
        },
        &mut all,
    );
    all
}

/// Calls `change` on every value of `json` and collects `json` with that
/// one value replaced by each of its results.
fn edit_everywhere(
    json: &Value,
    change: &mut dyn FnMut(&Value) -> Vec<Value>,
    out: &mut Vec<Value>,
) {
    for replacement in change(json) {
        out.push(replacement);
    }
    match json {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let mut inner = Vec::new();
                edit_everywhere(item, change, &mut inner);
                for replacement in inner {
                    let mut items = items.clone();
                    items[index] = replacement;
                    out.push(Value::Array(items));
                }
            }
        }
        Value::Object(object) => {
            for (key, item) in object {
                let mut inner = Vec::new();
                edit_everywhere(item, change, &mut inner);
                for replacement in inner {
                    let mut object: Map<String, Value> = object.clone();
                    object.insert(key.clone(), replacement);
                    out.push(Value::Object(object));
                }
            }
        }
        _ => {}
    }
}

/// `json` written compact with the keys that tag a union in its parent
/// first in each object, as the API sends them, so that such a union is
/// read in place (written as `Value` keeps them, in order of their names,
/// each of these unions comes before its tag and is read from its text).
fn tags_first(json: &Value) -> String {
    const TAGS: [&str; 4] = ["type", "task-type", "handbook-type", "kind"];
    match json {
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(tags_first).collect();
            format!("[{}]", items.join(","))
        }
        Value::Object(object) => {
            let mut entries: Vec<(&String, &Value)> = object.iter().collect();
            entries.sort_by_key(|(key, _)| !TAGS.contains(&key.as_str()));
            let entries: Vec<String> = entries
                .into_iter()
                .map(|(key, item)| format!("{}:{}", Value::from(key.as_str()), tags_first(item)))
                .collect();
            format!("{{{}}}", entries.join(","))
        }
        _ => json.to_string(),
    }
}

/// `json` written with every character of every key escaped.
fn escaped_keys(json: &Value) -> String {
    let mut out = String::new();
    write_escaped(json, &mut out);
    out
}

fn write_escaped(json: &Value, out: &mut String) {
    match json {
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_escaped(item, out);
            }
            out.push(']');
        }
        Value::Object(object) => {
            out.push('{');
            for (index, (key, item)) in object.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push('"');
                for unit in key.encode_utf16() {
                    let _ = write!(out, "\\u{unit:04x}");
                }
                out.push_str("\" :\t");
                write_escaped(item, out);
            }
            out.push_str(" }");
        }
        _ => out.push_str(&json.to_string()),
    }
}

#[test]
fn the_path_is_the_one_serde_path_to_error_gives_for_every_misfit_of_documented_bodies() {
    let compared = [
        compare::<get_docflow::GetDocflow>(),
        compare::<search_docflows::SearchDocflows>(),
        compare::<put_parts::PutParts>(),
        compare::<check_drafts::CheckDrafts>(),
        compare::<get_document_description::GetDocumentDescription>(),
        compare::<get_handbook::GetHandbook>(),
    ];
    // Each spec gave misfits to compare.
    eprintln!("compared: {compared:?}");
    assert!(compared.iter().all(|&n| n > 0), "{compared:?}");
}

/// Hand-picked bodies for what the mutations above do not make: a field
/// given twice, keys with escapes and text in other scripts, a key that is
/// not a number where keys are numbers, deep in a list.
#[test]
fn the_path_is_the_same_for_repeated_fields_escaped_keys_and_numeric_keys() {
    let example = &check_drafts::CheckDrafts::examples()[0];
    let base = example.documented_response.to_http();
    let json: Value = serde_json::from_str(example.documented_response.body).expect("JSON");
    let text = json.to_string();
    let mut bodies = Vec::new();
    for key in [
        "first",
        "12x",
        "-0",
        "01",
        "99999999999999999999",
        "-5",
        "1e3",
        "\u{444}",
    ] {
        let mut json = json.clone();
        json["pages"]
            .as_object_mut()
            .expect("pages")
            .insert(key.into(), 1.into());
        bodies.push(json.to_string());
    }
    // A repeated field, first and last.
    bodies.push(format!("{{\"statuses\": {{}}, {}", &text[1..]));
    bodies.push(format!("{}, \"pages\" : {{}} }}", &text[..text.len() - 1]));
    for body in bodies {
        let ours = decoded::<check_drafts::CheckDrafts>(&base, &body);
        let theirs = expected::<
            <<check_drafts::CheckDrafts as Endpoint>::Response as WithBody>::Body,
        >(&body);
        assert_eq!(ours, theirs, "{body}");
    }
}

/// A union tagged in its own object, written as the generator writes one.
#[derive(Debug)]
#[allow(dead_code)]
enum Shape {
    Circle(Circle),
    Unknown(Value),
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Circle {
    radius: f64,
}

impl<'de> serde::Deserialize<'de> for Shape {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use kontur_extern::__private::{union_error, union_tag};
        use serde_json::value::RawValue;
        let raw = <Box<RawValue> as serde::Deserialize>::deserialize(d)?;
        let tag = union_tag(&raw, "kind").map_err(|error| union_error::<D::Error>(&raw, &error))?;
        match tag.as_deref() {
            Some("circle") => serde_json::from_str(raw.get()).map(Shape::Circle),
            _ => serde_json::from_str(raw.get()).map(Shape::Unknown),
        }
        .map_err(|error| union_error(&raw, &error))
    }
}

impl kontur_extern::__private::TaggedInParent for Shape {
    fn deserialize_tagged<'de, D: serde::Deserializer<'de>>(
        tag: Option<&str>,
        d: D,
    ) -> Result<Self, D::Error> {
        match tag {
            Some("circle") => <Circle as serde::Deserialize>::deserialize(d).map(Shape::Circle),
            _ => <Value as serde::Deserialize>::deserialize(d).map(Shape::Unknown),
        }
    }
}

/// An object holding a union tagged by its sibling `kind`, written as the
/// generator writes one: the union is read in place when its tag came
/// first, else kept and read once the object's entries are.
#[derive(Debug)]
#[allow(dead_code)]
struct Part {
    kind: String,
    detail: Shape,
}

impl<'de> serde::Deserialize<'de> for Part {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use kontur_extern::__private::{TagSeed, from_raw_tagged, held_union_error};
        use serde::de::{Error as _, IgnoredAny, MapAccess, Visitor};
        use serde_json::value::RawValue;

        struct PartVisitor;

        impl<'de> Visitor<'de> for PartVisitor {
            type Value = Part;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("struct Part")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Part, A::Error> {
                let mut kind: Option<String> = None;
                let mut detail: Option<Shape> = None;
                let mut raw: Option<Box<RawValue>> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "kind" => {
                            if kind.is_some() {
                                return Err(A::Error::duplicate_field("kind"));
                            }
                            kind = Some(map.next_value()?);
                        }
                        "detail" => {
                            if detail.is_some() || raw.is_some() {
                                return Err(A::Error::duplicate_field("detail"));
                            }
                            match &kind {
                                Some(tag) => {
                                    let seed = TagSeed::<Shape>::new(Some(tag));
                                    detail = Some(map.next_value_seed(seed)?);
                                }
                                None => raw = Some(map.next_value()?),
                            }
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                let kind = kind.ok_or_else(|| A::Error::missing_field("kind"))?;
                let detail = match (detail, raw) {
                    (Some(detail), _) => detail,
                    (None, Some(raw)) => {
                        from_raw_tagged::<Shape>(Some(&kind), &raw).map_err(|error| {
                            held_union_error::<A::Error>("detail", None, &raw, &error)
                        })?
                    }
                    (None, None) => return Err(A::Error::missing_field("detail")),
                };
                Ok(Part { kind, detail })
            }
        }

        d.deserialize_struct("Part", &["kind", "detail"], PartVisitor)
    }
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Holder {
    shape: Shape,
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Outer {
    holder: Option<Holder>,
    part: Option<Part>,
    parts: Option<Vec<Part>>,
    shapes: Option<Vec<Shape>>,
    after: Option<u32>,
}

/// A union's error is placed by serde_json after the union's value, past
/// the closing bracket of the container around it when that comes next:
/// right after a closing bracket followed by a comma, the error is that of
/// the container's last value or of the container itself, which the length
/// of the union's text, recorded with its error, tells.
#[test]
fn a_union_error_right_before_a_comma_is_placed_by_the_unions_length() {
    let bodies = [
        // The union is the holder's last value; the holder is followed by a comma.
        r#"{"holder":{"shape":{"kind":"circle","radius":"r"}},"after":1}"#,
        r#"{"holder":{"shape":{"kind":"circle"}},"after":1}"#,
        r#"{"holder":{"shape":[]},"after":1}"#,
        r#"{"holder": {"shape": {"kind": "circle", "radius": "r"} } , "after": 1}"#,
        // The part's own error (its union, tagged in it), the part followed by a comma.
        r#"{"part":{"kind":"circle","detail":{"radius":"r"}},"after":1}"#,
        r#"{"part":{"detail":{"radius":"r"},"kind":"circle"},"after":1}"#,
        r#"{"part":{"kind":"circle","detail":{"radius":"r"}}}"#,
        r#"{"parts":[{"kind":"circle","detail":{"radius":1}},{"kind":"circle","detail":{}}],"after":1}"#,
        r#"{"parts":[{"kind":"circle","detail":{}},{"kind":"circle","detail":{"radius":1}}]}"#,
        r#"{"parts":[{"kind":"circle","detail":{}} , {"kind":"x","detail":1}]}"#,
        r#"{"shapes":[{"kind":"circle"},{"kind":"x"}],"after":1}"#,
        r#"{"shapes":[{"kind":"x"}, {"kind":"circle"}],"after":1}"#,
        r#"{"shapes":[{"kind":"x"},
            {"kind":"circle","radius":[]}
          ]}"#,
    ];
    for body in bodies {
        let response = http::Response::new(body.as_bytes().to_vec());
        let ours = match kontur_extern::__private::ResponseDecoder::with_json_body::<Outer>(
            response,
            &[],
            kontur_extern::ErrorFormat::KonturApi,
        ) {
            Ok(_) => None,
            Err(Error::DecodeBody { path, problem, .. }) => Some((path, problem)),
            Err(other) => panic!("{other:?}"),
        };
        assert_eq!(ours, expected::<Outer>(body), "{body}");
        assert!(ours.is_some(), "{body}");
    }
}
