//! The YAML tree read from the parser's events (`tree.rs`) against the
//! same tree read through serde-saphyr: equal values and positions
//! wherever the fast reading answers, on every YAML file of the repository,
//! the JSON example bodies in them, and generated documents.

use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use crate::tree::{fast, json, read_by_serde};
use crate::yaml::Node;

/// `None` when the trees are equal; where they differ otherwise.
fn difference(fast: &Spanned<Node>, serde: &Spanned<Node>, path: &str) -> Option<String> {
    let at = |node: &Spanned<Node>| {
        (
            node.referenced.line(),
            node.referenced.column(),
            node.defined.line(),
            node.defined.column(),
        )
    };
    if at(fast) != at(serde) {
        return Some(format!(
            "{path}: position {:?} against {:?}",
            at(fast),
            at(serde)
        ));
    }
    match (&fast.value, &serde.value) {
        (Node::Map(a), Node::Map(b)) => {
            if a.len() != b.len() {
                return Some(format!("{path}: {} keys against {}", a.len(), b.len()));
            }
            a.iter().zip(b).find_map(|((ka, va), (kb, vb))| {
                if ka.value != kb.value
                    || (ka.referenced.line(), ka.referenced.column())
                        != (kb.referenced.line(), kb.referenced.column())
                {
                    return Some(format!("{path}: key {:?} against {:?}", ka, kb));
                }
                difference(va, vb, &format!("{path}.{}", ka.value))
            })
        }
        (Node::Seq(a), Node::Seq(b)) => {
            if a.len() != b.len() {
                return Some(format!("{path}: {} items against {}", a.len(), b.len()));
            }
            a.iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| difference(x, y, &format!("{path}[{i}]")))
        }
        (Node::String(a), Node::String(b)) if a == b => None,
        (Node::Integer(a), Node::Integer(b)) if a == b => None,
        (Node::Float(a), Node::Float(b)) if a.to_bits() == b.to_bits() => None,
        (Node::Bool(a), Node::Bool(b)) if a == b => None,
        (Node::Null, Node::Null) => None,
        (a, b) => Some(format!("{path}: {a:?} against {b:?}")),
    }
}

/// Compares both readings of `text`; whether the fast one answered.
fn compare(text: &str, what: &str) -> bool {
    compare_with(fast, text, what)
}

/// Compares `reading` of `text` with serde-saphyr's; whether it answered.
fn compare_with(reading: fn(&str) -> Option<Spanned<Node>>, text: &str, what: &str) -> bool {
    let Some(tree) = reading(text) else {
        return false;
    };
    match read_by_serde(text) {
        Ok(reference) => {
            if let Some(difference) = difference(&tree, &reference, "") {
                panic!("{what}: the fast tree differs at {difference}\n--- text:\n{text}");
            }
        }
        Err(error) => panic!("{what}: the fast reading accepts what serde-saphyr refuses: {error}"),
    }
    true
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable directory") {
        let entry = entry.expect("a directory entry");
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Not through the links to `spec/` (`api/spec`, `cli/spec`).
        let kind = entry.file_type().expect("a file type");
        if kind.is_symlink() {
            continue;
        }
        if kind.is_dir() {
            if !name.starts_with('.') && name != "target" {
                yaml_files(&path, out);
            }
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push(path);
        }
    }
}

/// Every text value of the tree that is a JSON object or list (the example
/// bodies, which the examples' check reads as YAML for their positions).
fn json_texts(node: &Spanned<Node>, out: &mut Vec<String>) {
    match &node.value {
        Node::Map(entries) => entries.iter().for_each(|(_, v)| json_texts(v, out)),
        Node::Seq(items) => items.iter().for_each(|v| json_texts(v, out)),
        Node::String(text)
            if (text.trim_start().starts_with('{') || text.trim_start().starts_with('['))
                && serde_json::from_str::<serde_json::Value>(text).is_ok() =>
        {
            out.push(text.clone())
        }
        _ => {}
    }
}

#[test]
fn the_fast_tree_equals_serde_saphyr_s_on_every_yaml_file_of_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    yaml_files(&root, &mut files);
    assert!(files.len() > 200, "found only {} YAML files", files.len());
    let (mut answered, mut bodies, mut bodies_answered, mut json_answered) = (0, 0, 0, 0);
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let what = file.display().to_string();
        if compare(&text, &what) {
            answered += 1;
        }
        if let Ok(tree) = read_by_serde(&text) {
            let mut texts = Vec::new();
            json_texts(&tree, &mut texts);
            for body in texts {
                bodies += 1;
                if compare(&body, &format!("a JSON body in {what}")) {
                    bodies_answered += 1;
                }
                if compare_with(json, &body, &format!("a JSON body in {what}, read as JSON")) {
                    json_answered += 1;
                }
            }
        }
    }
    // The point of the fast reading: the shipped specs take it. Every file
    // of `spec/extern/` does today; a new spelling that sends a file to the
    // slow road shows here.
    let shipped: Vec<&PathBuf> = files
        .iter()
        .filter(|f| f.starts_with(root.join("spec/extern")))
        .collect();
    assert!(shipped.len() > 100);
    for file in shipped {
        let text = std::fs::read_to_string(file).expect("a shipped spec");
        assert!(
            fast(&text).is_some(),
            "{} is not read by the fast reading",
            file.display()
        );
    }
    assert!(
        answered > 150,
        "the fast reading answered for {answered} files"
    );
    assert!(bodies > 100, "found only {bodies} JSON bodies");
    assert!(
        bodies_answered * 10 >= bodies * 9,
        "the fast reading answered for {bodies_answered} of {bodies} JSON bodies"
    );
    assert!(
        json_answered * 10 >= bodies * 9,
        "the JSON reading answered for {json_answered} of {bodies} JSON bodies"
    );
}

/// Tricky spellings, each written plain, quoted and as a key.
const WORDS: &[&str] = &[
    "",
    "~",
    "null",
    "Null",
    "NULL",
    "true",
    "false",
    "True",
    "FALSE",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "0",
    "-0",
    "+0",
    "00",
    "007",
    "12",
    "-12",
    "+12",
    "1_000",
    "0x1F",
    "0X1F",
    "0o17",
    "0b101",
    "1.5",
    "-1.5",
    ".5",
    "1.",
    "1e3",
    "1E-3",
    "1e999",
    ".inf",
    "-.inf",
    ".NaN",
    "+.nan",
    "inf",
    "nan",
    "Infinity",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "12:30",
    "1:2:3",
    "2024-01-31",
    "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "a b",
    "text",
    "<<",
    "=",
    "-",
    "--",
    "a#b",
    "é",
    "1a",
    "a1",
    "+",
    ".",
    "..",
    "1-2",
    "v1.2",
    "#",
    "@x",
    "`x`",
    "%x",
    "!x",
    "&x",
    "*x",
    "x: y",
    "[x]",
    "{x}",
    "'x'",
    "\"x\"",
    "|",
    ">",
    "?",
    "?x",
    ",",
    "x,y",
    "-inf",
    "+inf",
    "-Infinity",
    "-nan",
    "1e",
    "e1",
    "-e",
    "2xx",
    "1x",
    "0x",
    "0xZZ",
    "0b2",
    "1.2.3",
    "-foo",
    "+x",
    "1e5x",
    "1__0",
    "_1",
    "1_",
    "+-1",
    "--1",
    "1e+",
    "1e-5",
    "0.0",
    "-0.0",
    "1ee1",
    "x1e5",
    "00000000-0000-0000-0000-000000000404",
    "0b6dc6b4-9642-48ba-ad5d-5e67daf1c71e",
    "0x1g",
    "0o8",
    "0b_1",
    "020-015",
    "1e5-",
    "1-e5",
    "1.e5",
    "1e5.",
    "-1e-5",
    "+1.5e+3",
    "1__",
    "0x_",
];

/// A small deterministic generator (xorshift), so that a failure repeats.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn scalar(rng: &mut Rng) -> String {
    let word = WORDS[rng.below(WORDS.len())];
    match rng.below(4) {
        0 => format!("'{}'", word.replace('\'', "''")),
        1 => format!("\"{}\"", word.replace('\\', "\\\\").replace('"', "\\\"")),
        _ => word.to_owned(),
    }
}

fn block(rng: &mut Rng, indent: usize, depth: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    let count = 1 + rng.below(4);
    let list = rng.below(3) == 0;
    for _ in 0..count {
        if list {
            out.push_str(&format!("{pad}- "));
        } else {
            out.push_str(&format!("{pad}{}:", scalar(rng)));
        }
        match if depth == 0 { 0 } else { rng.below(5) } {
            0 | 1 => out.push_str(&format!(" {}\n", scalar(rng))),
            2 => out.push_str(&format!(" [{}, {}]\n", scalar(rng), scalar(rng))),
            3 => out.push_str(&format!(" {{{}: {}}}\n", scalar(rng), scalar(rng))),
            _ => {
                out.push('\n');
                block(rng, indent + 2, depth - 1, out);
            }
        }
    }
}

#[test]
fn the_fast_tree_equals_serde_saphyr_s_on_generated_documents() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut answered = 0;
    for round in 0..3000 {
        let mut text = String::new();
        block(&mut rng, 0, 3, &mut text);
        if compare(&text, &format!("generated document {round}")) {
            answered += 1;
        }
    }
    // Most documents hold a spelling sent to serde-saphyr; enough do not.
    assert!(
        answered > 100,
        "the fast reading answered for {answered} documents"
    );
}

#[test]
fn every_word_alone_is_read_as_serde_saphyr_reads_it() {
    for word in WORDS {
        for text in [
            format!("key: {word}\n"),
            format!("- {word}\n"),
            format!("{word}: 1\n"),
            format!("[{word}]\n"),
            format!("{{a: {word}}}\n"),
        ] {
            compare(&text, &format!("{text:?}"));
        }
    }
}

#[test]
fn what_the_fast_reading_leaves_to_serde_saphyr() {
    for text in [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "base: &b {x: 1}\nc:\n  <<: *b\n",
        "a: 1\na: 2\n",
        "a: 1.5\n",
        "--- \na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a: [1, 2\n",
        "",
        "%YAML 1.2\n---\na: 1\n",
    ] {
        assert!(fast(text).is_none(), "{text:?} was read fast");
    }
    let deep = format!("{}1{}", "[".repeat(20), "]".repeat(20));
    assert!(fast(&deep).is_none());
    assert!(fast("a: [1, 2]\n").is_some());
}

/// `Debug` text without serde-saphyr's character spans, which only its
/// own reading records (positions are compared by line and column).
fn without_spans(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(start) = rest.find("span: Span {") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find('}').map_or(after.len(), |end| end + 1);
        rest = after[end..].trim_start_matches([',', ' ']);
    }
    out.push_str(rest);
    out
}

#[test]
fn a_spec_read_from_the_tree_equals_the_spec_serde_saphyr_reads_from_its_text() {
    use serde::Deserialize;

    use crate::spec::SpecFile;
    use crate::tree::{NodeDeserializer, read};

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    yaml_files(&root, &mut files);
    let (mut specs, mut from_tree) = (0, 0);
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let Ok(reference) =
            serde_saphyr::from_str_with_options::<SpecFile>(&text, crate::yaml::yaml_options())
        else {
            continue;
        };
        specs += 1;
        let tree = read(&text).expect("a spec serde-saphyr reads is a tree");
        match SpecFile::deserialize(NodeDeserializer(&tree)) {
            Ok(spec) => {
                from_tree += 1;
                let (a, b) = (format!("{spec:#?}"), format!("{reference:#?}"));
                let (a, b) = (without_spans(&a), without_spans(&b));
                if a != b {
                    let line = a.lines().zip(b.lines()).position(|(x, y)| x != y);
                    panic!(
                        "{}: the spec read from the tree differs from line {line:?} of its Debug:\n{}",
                        file.display(),
                        a.lines()
                            .skip(line.unwrap_or(0).saturating_sub(5))
                            .take(10)
                            .collect::<Vec<_>>()
                            .join("\n")
                    );
                }
            }
            Err(error) => assert!(
                !file.starts_with(root.join("spec/extern")),
                "{}: a shipped spec is not read from the tree: {error}",
                file.display()
            ),
        }
    }
    assert!(specs > 150, "only {specs} specs, {from_tree}");
    assert!(
        from_tree * 10 >= specs * 9,
        "{from_tree} of {specs} read from the tree"
    );
    // The comparison sees positions: the spans' removal leaves them.
    assert!(
        without_spans("Location { line: 3, column: 4, span: Span { a: 1 }, source_id: 0 }")
            .contains("line: 3, column: 4, source_id: 0")
    );
}

/// Texts for the generated JSON: the tricky words, and text with escapes,
/// characters past ASCII (positions count characters) and JSON's own
/// punctuation inside strings.
const JSON_TEXTS: &[&str] = &[
    "Привет, мир",
    "ИНН 7757424860",
    "tab\there",
    "line\nbreak",
    "quote \" and backslash \\",
    "slash / and \u{7f}",
    "é and 😀 and \u{2028}",
    "{\"not\": [\"json\"]}",
    "a: b, c",
    "# not a comment",
    "  spaces around  ",
];

/// A JSON value from the generator: objects and arrays to `depth`,
/// strings, numbers of every size, fractions, booleans, null.
fn json_value(rng: &mut Rng, depth: usize) -> serde_json::Value {
    use serde_json::Value;
    let text = |rng: &mut Rng| -> String {
        if rng.below(2) == 0 {
            WORDS[rng.below(WORDS.len())].to_owned()
        } else {
            JSON_TEXTS[rng.below(JSON_TEXTS.len())].to_owned()
        }
    };
    match if depth == 0 {
        2 + rng.below(6)
    } else {
        rng.below(8)
    } {
        0 => Value::Object(
            (0..rng.below(4))
                .map(|_| (text(rng), json_value(rng, depth - 1)))
                .collect(),
        ),
        1 => Value::Array(
            (0..rng.below(4))
                .map(|_| json_value(rng, depth - 1))
                .collect(),
        ),
        2 | 3 => Value::String(text(rng)),
        4 => Value::from([0i64, 1, -1, 42, -42, i64::MAX, i64::MIN, 1 << 40][rng.below(8)]),
        5 => [Value::from(u64::MAX), Value::from(1.5), Value::from(-0.25)][rng.below(3)].clone(),
        6 => Value::Bool(rng.below(2) == 0),
        _ => Value::Null,
    }
}

#[test]
fn the_json_reading_equals_serde_saphyr_s_on_generated_json() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let (mut texts, mut answered) = (0, 0);
    for round in 0..2000 {
        let value = json_value(&mut rng, 4);
        for text in [
            serde_json::to_string(&value).expect("serializes"),
            serde_json::to_string_pretty(&value).expect("serializes"),
            // Escapes serde_json does not write itself.
            serde_json::to_string(&value)
                .expect("serializes")
                .replace('é', "\\u00e9")
                .replace('/', "\\/")
                .replace('😀', "\\ud83d\\ude00"),
        ] {
            texts += 1;
            if compare_with(json, &text, &format!("generated JSON {round}")) {
                answered += 1;
            }
        }
    }
    // Fractions and numbers past `i64` go to the YAML reading; the rest
    // is read here.
    assert!(
        answered * 2 > texts,
        "the JSON reading answered for {answered} of {texts}"
    );
}

#[test]
fn what_the_json_reading_leaves_to_the_yaml_reading() {
    for text in [
        "1.5",
        "[1e3]",
        "{\"a\": -0}",
        "18446744073709551615",
        "{\"a\": 1, \"a\": 2}",
        "{\r\n\"a\": 1}",
        "{\t\"a\": 1}",
        "{\"a\": 1} x",
        "{\"a\": 1,}",
        "[01]",
        "{a: 1}",
        "'a'",
        "\"\\ud800\"",
        "\"unterminated",
        "\"\u{7f}\"",
        "\"\u{9f}\"",
        "\u{feff}{}",
        "",
    ] {
        assert!(json(text).is_none(), "{text:?} was read as JSON");
    }
    let deep = format!("{}1{}", "[".repeat(20), "]".repeat(20));
    assert!(json(&deep).is_none());
    assert!(json("{\"a\": [1, \"b\", true, null]}").is_some());
}
