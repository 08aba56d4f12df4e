//! The fuzz targets of `fuzz/` on stable Rust: every file of their corpus,
//! then generated cases from a fixed seed (10,000 per target; set
//! `KONTUR_FUZZ_CASES` for more), through the same bodies libFuzzer runs
//! (`kontur_extern_tests::fuzz`). Spec cases are mutations of real specs,
//! made so that most of them still reach the checker and the generator.
//!
//! Then the loader's resource limits: an alias bomb, 10,000-deep nesting
//! and a 10 MB file are each refused with their own message, within a time
//! and a peak of heap memory that this binary's allocator measures.
//!
//! A failing generated case is written to `CARGO_TARGET_TMPDIR`, ready to
//! be copied into the corpus.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kontur_extern_tests::fuzz::{self, SpecOutcome};
use kontur_extern_tests::gzip;

// ---------------------------------------------------------------------------
// Heap use of the current thread
// ---------------------------------------------------------------------------

thread_local! {
    // Const-initialised and without a destructor: usable from the allocator.
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

/// The system allocator, counting the bytes each thread holds and the most
/// it held since [`measured`] started: tests run concurrently, so a
/// process-wide count would include the other tests.
struct PerThread;

fn record(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every call goes to `System` unchanged; the counting neither
// allocates nor unwinds.
unsafe impl GlobalAlloc for PerThread {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size() as isize);
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(layout.size() as isize);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        record(-(layout.size() as isize));
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size as isize - layout.size() as isize);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: PerThread = PerThread;

/// Runs `work` and returns its result, how long it took and the most heap
/// it held at once on this thread beyond what was held before.
fn measured<T>(work: impl FnOnce() -> T) -> (T, Duration, usize) {
    let before = LIVE.with(Cell::get);
    PEAK.with(|peak| peak.set(before));
    let started = Instant::now();
    let result = work();
    let elapsed = started.elapsed();
    let peak = PEAK.with(Cell::get) - before;
    (result, elapsed, peak.max(0) as usize)
}

#[test]
fn the_heap_measure_sees_an_allocation() {
    let (_, _, peak) = measured(|| vec![0u8; 3 << 20].len());
    assert!((3 << 20..4 << 20).contains(&peak), "{peak}");
}

// ---------------------------------------------------------------------------
// A seeded generator
// ---------------------------------------------------------------------------

/// SplitMix64: small, fast, and the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be 0.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Generated cases per target: 10,000 unless `KONTUR_FUZZ_CASES` says.
fn cases() -> usize {
    std::env::var("KONTUR_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// Runs `body` on case `index`; on a panic, saves the input for the corpus
/// and fails with where to find it.
fn run_case<T>(target: &str, index: usize, input: &[u8], body: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(value) => value,
        Err(_) => {
            let path =
                Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-{target}-{index}"));
            let saved = std::fs::write(&path, input);
            panic!(
                "generated {target} case {index} panicked (see above); input saved to {} ({saved:?}): \
                 add it to fuzz/corpus/{target}/ once fixed",
                path.display()
            );
        }
    }
}

/// The files of a directory, sorted, as (name, bytes).
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_file())
        .map(|path| {
            let bytes = std::fs::read(&path).expect("a corpus file");
            (path.display().to_string(), bytes)
        })
        .collect();
    found.sort();
    found
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------
// The spec target
// ---------------------------------------------------------------------------

/// The corpus and the specs it was seeded from (which may have changed
/// since): every spec of the project.
fn spec_inputs() -> Vec<(String, Vec<u8>)> {
    ["fuzz/corpus/spec", "spec", "tests/specs", "tests/ui/specs"]
        .iter()
        .flat_map(|dir| files(&root().join(dir)))
        .filter(|(name, _)| name.ends_with(".yaml") || name.contains("corpus"))
        .collect()
}

#[test]
fn the_spec_corpus_replays() {
    let inputs = spec_inputs();
    assert!(inputs.len() >= 40, "{} inputs", inputs.len());
    for (path, bytes) in &inputs {
        let outcome = fuzz::spec(bytes);
        // The seeds named after where they come from say what to expect;
        // the ui specs each have their own problem, and what libFuzzer adds
        // only must not panic.
        let name = path.rsplit('/').next().unwrap_or(path);
        let in_corpus = path.contains("/fuzz/corpus/");
        let sound = (!in_corpus && !path.contains("/tests/ui/"))
            || ["spec-", "tests-", "limit-anchors-"]
                .iter()
                .any(|prefix| in_corpus && name.starts_with(prefix));
        if sound {
            assert_eq!(outcome, SpecOutcome::Generated, "{path}");
        } else if in_corpus && name.starts_with("limit-") {
            assert_eq!(outcome, SpecOutcome::Refused, "{path}");
        }
    }
}

/// Values a mutation writes into a spec: odd YAML, and values of the
/// format's own vocabulary that are right in one place and wrong in another.
const VALUES: &[&str] = &[
    // YAML's odd scalars.
    "~",
    "null",
    "",
    "''",
    "\"\"",
    "true",
    "false",
    "yes",
    "no",
    "0",
    "-1",
    "1.5",
    "0x1F",
    "0o17",
    "1e400",
    ".nan",
    "-.inf",
    "1_000",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "\"\\u0000\"",
    "\"\\t\\r\\n\"",
    "'it''s'",
    "\"\\uD800\"",
    "\"\\x7f\\u202e\"",
    "!!binary aGVsbG8=",
    "!!str 1",
    "!!int x",
    "!!float 1",
    "!custom x",
    "!<tag:yaml.org,2002:str> x",
    "|\n  block\n  text",
    ">-\n  folded",
    "[a, b]",
    "{a: 1}",
    "[]",
    "{}",
    "*missing",
    "\"unterminated",
    "'un",
    "a: b: c",
    "- item",
    "#not a comment",
    "`tick`",
    "@at",
    "%pct",
    "名前",
    "😀",
    "\u{feff}bom",
    "a\tb",
    "x ",
    " x",
    // The format's vocabulary.
    "string",
    "integer",
    "boolean",
    "duration_seconds",
    "url",
    "enum",
    "strnig",
    "object",
    "list",
    "form",
    "json",
    "oauth2",
    "body",
    "query",
    "header",
    "POST",
    "GET",
    "get",
    "PATCH",
    "G ET",
    "200",
    "204",
    "299",
    "99",
    "600",
    "2xx",
    "\"200\"",
    "application/json",
    "text/plain",
    "https://example.com",
    "http://example.com",
    "https://u:p@example.com",
    "https://example.com/?q#f",
    "ftp://x",
    "not a url",
    "/",
    "/token",
    "/a/{id}",
    "a",
    "/a?b",
    "/%zz",
    "//x",
    "X-Trace",
    "X-Kontur-Trace-Id",
    "Bad Header",
    "Content-Type",
    "Host",
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "r#type",
    "_",
    "__",
    "1abc",
    "a-b",
    "A",
    "request",
    "response",
    "new",
    "client",
    "Request",
    "Response",
    "endpoint",
    "metadata",
    "decode",
    "encode",
    "examples",
    "async",
    "gen",
    "try",
    "dyn",
    "union",
    "macro_rules",
    "'static",
    "a b",
    "ä",
    "password_token",
    "access_token",
    "expires_in",
    "token_type",
    "\"{\\\"access_token\\\": \\\"a\\\", \\\"expires_in\\\": 60}\"",
    "'{}'",
    "'[1]'",
    "'x'",
    "\"```rust\\nfn main() {}\\n```\"",
    "\"    indented code\"",
    "\"line\\r\\nbreak\"",
];

/// Lines a mutation inserts, indented like their neighbour.
const CONSTRUCTS: &[&str] = &[
    "x: &a [1, 2]",
    "y: *a",
    "<<: {name: merged}",
    "<<: *a",
    "? complex\n: key",
    "!!map {a: 1}",
    "- {name: extra, type: string}",
    "- name: extra\n  type: string\n  optional: true",
    "--- ",
    "...",
    "%YAML 1.2",
    "# a comment",
    "\t",
    "name: dup",
    "doc: |\n  ```\n  code\n  ```",
    "values: [a, a, A, \"\", 1]",
    "aliases: [X-A, X-A]",
];

/// A seed's `key: value` lines give more values.
fn harvested_values(seeds: &[String]) -> Vec<String> {
    let mut values: Vec<String> = seeds
        .iter()
        .flat_map(|seed| seed.lines())
        .filter_map(|line| {
            line.split_once(": ")
                .map(|(_, value)| value.trim().to_owned())
        })
        // Not a part of a flow mapping or of prose that happens to hold `: `.
        .filter(|value| !value.is_empty() && value.len() < 200 && !value.contains(": "))
        .filter(|value| {
            let balanced = |open: char, close: char| {
                value.matches(open).count() == value.matches(close).count()
            };
            balanced('{', '}') && balanced('[', ']')
        })
        .collect();
    values.sort();
    values.dedup();
    values
}

struct SpecMutator {
    seeds: Vec<String>,
    values: Vec<String>,
    keys: Vec<&'static str>,
}

impl SpecMutator {
    fn new() -> Self {
        let seeds: Vec<String> = spec_inputs()
            .into_iter()
            .filter(|(name, bytes)| !name.contains("limit-") && bytes.len() < 64 * 1024)
            .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
            .collect();
        let mut values = harvested_values(&seeds);
        values.extend(VALUES.iter().map(|v| (*v).to_owned()));
        let mut keys: Vec<&'static str> = kontur_extern_codegen::spec_keys()
            .into_iter()
            .map(|(_, key)| key)
            .collect();
        keys.extend(["tpye", "Name", "name ", "\"name\"", "in_", "<<", "1"]);
        SpecMutator {
            seeds,
            values,
            keys,
        }
    }

    /// A seed with one mutation, sometimes two to four.
    fn case(&self, rng: &mut Rng) -> String {
        let mut text = rng.pick(&self.seeds).clone();
        let times = if rng.one_in(5) { 2 + rng.below(3) } else { 1 };
        for _ in 0..times {
            text = self.mutate(rng, &text);
        }
        text
    }

    fn mutate(&self, rng: &mut Rng, text: &str) -> String {
        // Half of the mutations replace a scalar, which keeps the structure.
        let kind = rng.below(22).saturating_sub(5);
        self.mutate_as(rng, text, kind)
    }

    fn mutate_as(&self, rng: &mut Rng, text: &str, kind: usize) -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        if lines.is_empty() {
            lines.push(String::new());
        }
        let at = rng.below(lines.len());
        let indent = |line: &str| line.len() - line.trim_start().len();
        // Lines `key: value` whose value is a scalar (nothing nested below).
        let scalar_lines: Vec<usize> = (0..lines.len())
            .filter(|&i| {
                let nested = lines
                    .get(i + 1)
                    .is_some_and(|next| indent(next) > indent(&lines[i]));
                lines[i].contains(": ") && !nested
            })
            .collect();
        let key_of = |line: &str| line.split(": ").next().unwrap_or_default().to_owned();
        match kind {
            // A scalar replaced: the most common, as it keeps the structure
            // and so reaches the checker.
            0..=5 => {
                if scalar_lines.is_empty() {
                    return text.to_owned();
                }
                let i = *rng.pick(&scalar_lines);
                let key = key_of(&lines[i]);
                let old = lines[i].split(": ").nth(1).unwrap_or_default().trim();
                let value = rng.pick(&self.values);
                let value = if matches!(old, "true" | "false") {
                    // A flag stays a flag, mostly.
                    (*rng.pick(&["true", "false", "!!bool true", "True", "~", "yes"])).to_owned()
                } else if rng.one_in(3) {
                    // As YAML: odd scalars, tags, collections.
                    value.replace('\n', &format!("\n{}  ", " ".repeat(indent(&key))))
                } else {
                    // As text (a JSON string is a YAML one), which most keys
                    // take: the checker and the generator judge it.
                    serde_json::Value::from(value.as_str()).to_string()
                };
                lines[i] = format!("{key}: {value}");
            }
            // A key replaced by another of the format's, or a typo.
            6 => {
                if let Some((key, value)) = lines[at].clone().split_once(':') {
                    let dash = if key.trim_start().starts_with("- ") {
                        "- "
                    } else {
                        ""
                    };
                    let new = rng.pick(&self.keys);
                    lines[at] = format!("{}{dash}{new}:{value}", " ".repeat(indent(key)));
                }
            }
            7 => {
                lines.remove(at);
            }
            8 => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            9 => {
                let other = rng.below(lines.len());
                lines.swap(at, other);
            }
            // A list item (a `- ` line and what is indented under it) copied.
            10 => {
                let starts: Vec<usize> = (0..lines.len())
                    .filter(|&i| lines[i].trim_start().starts_with("- "))
                    .collect();
                if !starts.is_empty() {
                    let start = *rng.pick(&starts);
                    let depth = indent(&lines[start]);
                    let end = (start + 1..lines.len())
                        .find(|&i| !lines[i].trim().is_empty() && indent(&lines[i]) <= depth)
                        .unwrap_or(lines.len());
                    let item: Vec<String> = lines[start..end].to_vec();
                    let to = if rng.one_in(2) {
                        end
                    } else {
                        *rng.pick(&starts)
                    };
                    lines.splice(to..to, item);
                }
            }
            11 => {
                let shift = 1 + rng.below(4);
                if rng.one_in(2) {
                    lines[at].insert_str(0, &" ".repeat(shift));
                } else {
                    let keep = indent(&lines[at]).saturating_sub(shift);
                    lines[at] = format!("{}{}", " ".repeat(keep), lines[at].trim_start());
                }
            }
            // A YAML construct, indented like the line it goes before.
            12 => {
                let pad = " ".repeat(indent(&lines[at]));
                let construct = rng.pick(CONSTRUCTS).replace('\n', &format!("\n{pad}"));
                lines.insert(at, format!("{pad}{construct}"));
            }
            // An anchor on one scalar and an alias of it, later, for another.
            13 => {
                if scalar_lines.len() >= 2 {
                    let (a, b) = (*rng.pick(&scalar_lines), *rng.pick(&scalar_lines));
                    let (from, to) = (a.min(b), a.max(b));
                    lines[from] = lines[from].replacen(": ", ": &v ", 1);
                    if to != from {
                        lines[to] = format!("{}: *v", key_of(&lines[to]));
                    }
                }
            }
            // Deep nesting or a very long line in a value.
            14 => {
                let key = key_of(&lines[at]);
                let value = match rng.below(4) {
                    0 => {
                        let depth = 1 + rng.below(40);
                        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
                    }
                    1 => {
                        let depth = 1 + rng.below(40);
                        format!("{}1{}", "{a: ".repeat(depth), "}".repeat(depth))
                    }
                    2 => "x".repeat(1 + rng.below(100_000)),
                    _ => format!("\"{}\"", "\\u00e9".repeat(1 + rng.below(10_000))),
                };
                lines[at] = format!("{key}: {value}");
            }
            // Lines of another seed spliced in.
            15 => {
                let other: Vec<&str> = rng.pick(&self.seeds).lines().collect();
                if !other.is_empty() {
                    let from = rng.below(other.len());
                    let to = (from + 1 + rng.below(8)).min(other.len());
                    let spliced: Vec<String> =
                        other[from..to].iter().map(|l| (*l).to_owned()).collect();
                    lines.splice(at..at, spliced);
                }
            }
            // Bytes: flipped, or the text cut short.
            _ => {
                let mut bytes = (lines.join("\n") + "\n").into_bytes();
                if rng.one_in(4) {
                    bytes.truncate(rng.below(bytes.len() + 1));
                } else {
                    for _ in 0..1 + rng.below(4) {
                        let i = rng.below(bytes.len());
                        bytes[i] = if rng.one_in(2) {
                            *rng.pick(b":-[]{},&*!|>'\"#%@`\n\t ?\\")
                        } else {
                            bytes[i] ^ (1 << rng.below(8))
                        };
                    }
                }
                return String::from_utf8_lossy(&bytes).into_owned();
            }
        }
        lines.join("\n") + "\n"
    }
}

/// Generated spec cases `range`, with how far each got.
fn generated_spec_cases(range: std::ops::Range<usize>) -> [usize; 3] {
    let mutator = SpecMutator::new();
    let mut counts = [0; 3];
    for index in range {
        let mut rng = Rng(0x6b6f_6e74_7572 ^ index as u64);
        let text = mutator.case(&mut rng);
        let outcome = run_case("spec", index, text.as_bytes(), || fuzz::spec_text(&text));
        counts[outcome as usize] += 1;
    }
    counts
}

/// Half of the generated spec cases each, so that they run in parallel.
fn spec_half(half: usize) {
    let total = cases();
    let range = if half == 0 {
        0..total / 2
    } else {
        total / 2..total
    };
    let run = range.len();
    let started = Instant::now();
    let [refused, with_problems, generated] = generated_spec_cases(range);
    eprintln!(
        "{run} spec cases in {:.1?}: {refused} refused before the checker, \
         {with_problems} generated with problems, {generated} generated without",
        started.elapsed()
    );
    // Not vacuous: about half reach the checker and the generator.
    assert!(
        with_problems + generated >= run * 2 / 5,
        "too few reach the checker"
    );
    assert!(generated >= run / 40, "too few are sound");
}

#[test]
fn generated_spec_cases_first_half() {
    spec_half(0);
}

#[test]
fn generated_spec_cases_second_half() {
    spec_half(1);
}

// ---------------------------------------------------------------------------
// The decode target
// ---------------------------------------------------------------------------

#[test]
fn the_decode_corpus_replays() {
    // The seeds that decode to a token; the others are errors, and what
    // libFuzzer adds only must not panic.
    let tokens = [
        "documented",
        "documented-gzip",
        "deflate",
        "all-fields",
        "crlf",
        // A header that is not visible ASCII is no trace id, and no problem.
        "obs-text-header",
        // A token type the spec does not list is kept as text.
        "unknown-token-type",
    ];
    let inputs = files(&root().join("fuzz/corpus/decode"));
    assert!(inputs.len() >= 20, "{} inputs", inputs.len());
    for (path, bytes) in &inputs {
        let decoded = fuzz::decode(bytes);
        let name = path.rsplit('/').next().unwrap_or(path);
        let seed = !(name.len() == 40 && name.bytes().all(|b| b.is_ascii_hexdigit()));
        if seed {
            // The corpus is written in the format `fuzz::response` reads.
            assert_eq!(decoded, tokens.contains(&name), "{path}");
        }
    }
}

#[test]
fn the_response_format_reads_what_it_writes() {
    let bytes = fuzz::response_bytes(
        401,
        &[("X-Kontur-Trace-Id", b"abc"), ("X-Odd", b"\xff")],
        b"\n{}\n",
    );
    let response = fuzz::response(&bytes);
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["x-kontur-trace-id"], "abc");
    assert_eq!(response.headers()["x-odd"].as_bytes(), b"\xff");
    assert_eq!(response.body(), b"\n{}\n");
    assert_eq!(fuzz::response(b"").status(), 200);
}

/// A JSON value for a token field: often right, often of another type.
fn json_value(rng: &mut Rng, depth: usize) -> serde_json::Value {
    use serde_json::{Value, json};
    match rng.below(if depth > 2 { 9 } else { 11 }) {
        0 => Value::Null,
        1 => json!(rng.one_in(2)),
        2 => json!(rng.next() as i64),
        3 => json!(rng.next()),
        4 => json!(f64::from_bits(rng.next())),
        5 => json!(*rng.pick(&[0, 1, 59, 60, 86_400, 315_360_000, 315_360_001, -1])),
        6 => json!(*rng.pick(&["Bearer", "bearer", "MAC", "", "86400", "extern.api", "a b"])),
        7 => json!("x".repeat(rng.below(300))),
        8 => json!(*rng.pick(&["invalid_grant", "invalid_client", "slow_down", "\u{1b}[31m"])),
        9 => Value::Array(
            (0..rng.below(4))
                .map(|_| json_value(rng, depth + 1))
                .collect(),
        ),
        _ => Value::Object(
            (0..rng.below(4))
                .map(|i| (format!("k{i}"), json_value(rng, depth + 1)))
                .collect(),
        ),
    }
}

const TOKEN_FIELDS: &[&str] = &[
    "access_token",
    "expires_in",
    "token_type",
    "refresh_token",
    "scope",
    "id_token",
    "error",
    "error_description",
    "error_uri",
    "partial_factor_token",
    "required_factors",
];

const HEADERS: &[(&str, &[&str])] = &[
    (
        "Content-Type",
        &[
            "application/json",
            "text/html",
            "application/json; charset=UTF-8",
            "",
        ],
    ),
    (
        "Content-Encoding",
        &[
            "gzip",
            "deflate",
            "identity",
            "br",
            "GZIP",
            " gzip ",
            "gzip, deflate",
            "",
        ],
    ),
    (
        "X-Kontur-Trace-Id",
        &["9da07e01570f4460bee6777e514d7af0", "", "\u{7f}"],
    ),
    (
        "Retry-After",
        &[
            "0",
            "120",
            "-1",
            "18446744073709551616",
            "Wed, 21 Oct 2015 07:28:00 GMT",
            "soon",
        ],
    ),
    ("Dont-Retry", &["True", "false", "1", ""]),
    ("X-Kontur-Dont-Retry", &["True", "maybe"]),
    ("WWW-Authenticate", &["Bearer", "Basic realm=\"x\""]),
];

/// A response: a corpus file mutated, or one built from parts.
fn decode_case(rng: &mut Rng, corpus: &[(String, Vec<u8>)]) -> Vec<u8> {
    if rng.one_in(2) {
        let mut bytes = rng.pick(corpus).1.clone();
        for _ in 0..1 + rng.below(4) {
            match rng.below(4) {
                0 if !bytes.is_empty() => {
                    let i = rng.below(bytes.len());
                    bytes[i] ^= 1 << rng.below(8);
                }
                1 if !bytes.is_empty() => {
                    let i = rng.below(bytes.len());
                    bytes[i] = *rng.pick(b"{}[]\":,0\n\\ ");
                }
                2 => bytes.truncate(rng.below(bytes.len() + 1)),
                _ => {
                    let status = format!("{}", 100 + rng.below(500));
                    let end = bytes
                        .iter()
                        .position(|&b| b == b'\n')
                        .unwrap_or(bytes.len());
                    bytes.splice(..end, status.bytes());
                }
            }
        }
        return bytes;
    }
    let status = *rng.pick(&[200, 200, 200, 201, 204, 400, 401, 403, 429, 500, 503]);
    // A sound token, its fields then changed, dropped or joined by others.
    let mut object = serde_json::json!({
        "access_token": "a1",
        "expires_in": 1 + rng.below(100_000),
        "token_type": "Bearer",
    });
    let object = object.as_object_mut().expect("an object");
    for field in TOKEN_FIELDS {
        match rng.below(6) {
            0 => {
                object.insert((*field).to_owned(), json_value(rng, 0));
            }
            1 => {
                object.remove(*field);
            }
            _ => {}
        }
    }
    let object = std::mem::take(object);
    let mut body = serde_json::Value::Object(object).to_string().into_bytes();
    let mut headers: Vec<(&str, Vec<u8>)> = Vec::new();
    for (name, values) in HEADERS {
        if rng.one_in(3) {
            headers.push((name, rng.pick(values).as_bytes().to_vec()));
        }
    }
    if rng.one_in(4) {
        body = gzip(&body);
        headers.push(("Content-Encoding", b"gzip".to_vec()));
    }
    if rng.one_in(8) {
        body.truncate(rng.below(body.len() + 1));
    }
    let headers: Vec<(&str, &[u8])> = headers.iter().map(|(n, v)| (*n, v.as_slice())).collect();
    fuzz::response_bytes(status, &headers, &body)
}

#[test]
fn generated_decode_cases() {
    let corpus = files(&root().join("fuzz/corpus/decode"));
    let total = cases();
    let started = Instant::now();
    let mut decoded = 0;
    for index in 0..total {
        let mut rng = Rng(0x6465_636f_6465 ^ index as u64);
        let bytes = decode_case(&mut rng, &corpus);
        decoded += usize::from(run_case("decode", index, &bytes, || fuzz::decode(&bytes)));
    }
    eprintln!(
        "{total} decode cases in {:.1?}: {decoded} decoded to a token",
        started.elapsed()
    );
    assert!(decoded >= total / 20, "too few decode: {decoded}");
}

// ---------------------------------------------------------------------------
// The loader's resource limits
// ---------------------------------------------------------------------------

/// Generous for a debug build on a loaded two-core machine; each case
/// takes well under a tenth of it.
const TIME_LIMIT: Duration = Duration::from_secs(5);
/// The most heap a refused spec may hold at once while it is loaded.
const HEAP_LIMIT: usize = 16 << 20;

/// Loads `text` as the macro would, and checks that it is refused with
/// exactly `message`, within the time and heap limits.
fn assert_refused(what: &str, text: &str, message: &str) {
    let (loaded, elapsed, peak) = measured(|| kontur_extern_codegen::load_str("spec/x.yaml", text));
    let problems: Vec<String> = match &loaded.problems {
        Ok(()) => Vec::new(),
        Err(problems) => problems.iter().map(|p| p.message.clone()).collect(),
    };
    eprintln!("{what}: {elapsed:.1?}, {} KiB of heap at most", peak / 1024);
    assert_eq!(problems, [message], "{what}");
    assert!(loaded.endpoint.is_none(), "{what}");
    assert!(elapsed < TIME_LIMIT, "{what} took {elapsed:?}");
    assert!(peak < HEAP_LIMIT, "{what} held {peak} bytes at once");
    // The full pipeline the fuzz target runs survives it too.
    assert_eq!(fuzz::spec_text(text), SpecOutcome::Refused, "{what}");
}

const ALIASES: &str = "the spec's aliases (`*name`) expand to more than 10000 YAML nodes; a spec needs far fewer: write the repeated part out instead";
const NESTING: &str =
    "the spec nests lists and mappings deeper than 32 levels; the format needs at most 5";

/// Ten levels of ten aliases each: 10^10 strings once expanded.
fn billion_laughs(indent: &str) -> String {
    let mut lines = vec![format!(
        "{indent}lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"
    )];
    for level in 1..10 {
        let aliases = vec![format!("*a{}", level - 1); 10].join(", ");
        lines.push(format!("{indent}lol{level}: &a{level} [{aliases}]"));
    }
    lines.join("\n") + "\n"
}

fn shipped_spec() -> String {
    std::fs::read_to_string(root().join("spec/password-token.yaml")).expect("the shipped spec")
}

#[test]
fn an_alias_bomb_is_refused_quickly_in_little_memory() {
    assert_refused("an alias bomb", &billion_laughs(""), ALIASES);

    // Hidden where the format takes any key: the example's `params`.
    let spec = shipped_spec();
    let anchor = "        password: password\n";
    assert_eq!(spec.matches(anchor).count(), 1);
    let hidden = spec.replace(anchor, &format!("{anchor}{}", billion_laughs("        ")));
    assert_refused("an alias bomb in an example's params", &hidden, ALIASES);

    // Mappings of mappings, merged (`<<:`) into the spec's `endpoint`.
    let mut mappings = vec![format!(
        "m0: &m0 {{{}}}",
        (0..10)
            .map(|i| format!("k{i}: lol"))
            .collect::<Vec<_>>()
            .join(", ")
    )];
    for level in 1..10 {
        let entries: Vec<String> = (0..10).map(|i| format!("k{i}: *m{}", level - 1)).collect();
        mappings.push(format!("m{level}: &m{level} {{{}}}", entries.join(", ")));
    }
    let merged = format!("{}\nendpoint:\n  <<: *m9\n", mappings.join("\n"));
    assert_refused("a bomb of mappings, merged", &merged, ALIASES);
}

#[test]
fn nesting_10000_deep_is_refused_quickly_in_little_memory() {
    let deep = 10_000;
    let cases = [
        (
            "flow lists",
            format!("{}{}", "[".repeat(deep), "]".repeat(deep)),
        ),
        (
            "flow mappings",
            format!("{}1{}", "{a: ".repeat(deep), "}".repeat(deep)),
        ),
        ("block lists", format!("{}x\n", "- ".repeat(deep))),
        (
            "block lists under the spec's keys",
            shipped_spec().replace(
                "  params:\n",
                &format!("  params:\n    {}x\n", "- ".repeat(deep)),
            ),
        ),
        // Block mappings 10,000 deep take 50 MB of indentation (see below);
        // 1,000 deep is half a megabyte.
        (
            "block mappings",
            (0..1_000)
                .map(|depth| format!("{}k:\n", " ".repeat(depth)))
                .collect(),
        ),
    ];
    for (what, text) in cases {
        assert_refused(what, &text, NESTING);
    }
}

#[test]
fn a_10_mb_spec_is_refused_quickly_in_little_memory() {
    let spec = shipped_spec();
    let doc = format!("  doc: \"{}\"\n  summary:", "a".repeat(10 << 20));
    let text = spec.replacen("  summary:", &doc, 1);
    let message = format!(
        "the spec file is {} bytes; specs are limited to 1048576 bytes (1 MiB): is this the right file?",
        text.len()
    );
    assert_refused("a 10 MB spec", &text, &message);

    let mappings: String = (0..10_000)
        .map(|depth| format!("{}k:\n", " ".repeat(depth)))
        .collect();
    let message = format!(
        "the spec file is {} bytes; specs are limited to 1048576 bytes (1 MiB): is this the right file?",
        mappings.len()
    );
    assert_refused("block mappings 10,000 deep (50 MB)", &mappings, &message);

    // From a file, as the macro reads it: refused before it is read.
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-10-mb-spec.yaml");
    std::fs::write(&path, &text).expect("a temporary spec");
    let (loaded, elapsed, peak) =
        measured(|| kontur_extern_codegen::load_file(&path, "spec/big.yaml"));
    let _ = std::fs::remove_file(&path);
    eprintln!(
        "a 10 MB spec file: {elapsed:.1?}, {} KiB of heap at most",
        peak / 1024
    );
    assert_eq!(
        loaded.problems.map_err(|p| p.to_string()),
        Err(format!(
            "spec/big.yaml: the spec file is {} bytes; specs are limited to 1048576 bytes (1 MiB): is this the right file?",
            text.len()
        ))
    );
    assert!(elapsed < TIME_LIMIT, "{elapsed:?}");
    assert!(peak < 64 << 10, "{peak} bytes: the file was read");
}
