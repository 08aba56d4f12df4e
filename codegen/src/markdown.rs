//! Spec text as rustdoc that is never a test.
//!
//! Rustdoc compiles and runs every code block of a doc comment as a doctest
//! unless its info string names another language, including indented blocks
//! and blocks inside lists, block quotes and footnotes. Text from a spec is
//! documentation about HTTP, so [`inert_code_blocks`] rewrites it before the
//! generator emits it: every fenced block gets the info string `text`, and
//! every indented block becomes a fenced `text` block.
//!
//! The blocks are the ones rustdoc finds: the text is read by rustdoc's
//! own Markdown parser, pulldown-cmark, at the version rustdoc embeds
//! (0.11.3 in Rust 1.95 and nightly 1.97; 0.13 reads some task list items
//! otherwise), with the options rustdoc collects doctests with (its
//! `main_body_opts()`: tables, footnotes, strikethrough, task lists and
//! smart punctuation). What it reads is what rustdoc will: line breaks,
//! tabs, common indentation and blank lines are settled first. Only the
//! lines of code blocks change, and the trailing spaces of blank lines.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag};

/// `text` with every code block made one that rustdoc neither compiles nor
/// runs, for a `#[doc]` attribute. Line breaks become `\n`, tabs become
/// spaces (tab stops of 4) and the indentation common to all lines is
/// removed, as rustdoc removes it; so rustdoc reads the result as written.
pub fn inert_code_blocks(text: &str) -> String {
    inert(text, true)
}

/// [`inert_code_blocks`]; with `skip_plain` false, the Markdown is read
/// even where [`may_hold_a_block`] says there is nothing to find.
fn inert(text: &str, skip_plain: bool) -> String {
    if skip_plain && settled_plain(text) {
        return text.to_owned();
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = text.split('\n').map(expand_tabs).collect();
    let common = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| spaces(line))
        .min()
        .unwrap_or(0);
    // A blank line loses its trailing spaces: after a link reference
    // definition, some versions of pulldown-cmark read four of them as the
    // start of a paragraph.
    let lines: Vec<&str> = lines
        .iter()
        .map(|line| line.get(common..).unwrap_or(""))
        .map(|line| if blank(line) { "" } else { line })
        .collect();
    if skip_plain && !may_hold_a_block(&lines) {
        // Nothing for pulldown-cmark to find: the text as settled above.
        return lines.join("\n");
    }
    let lines = trim_quoted_blanks(&lines);
    let text = lines.join("\n");
    let starts = line_starts(&lines);
    let line_of = |offset: usize| starts.partition_point(|start| *start <= offset) - 1;

    let mut out = Vec::with_capacity(lines.len());
    let mut next = 0;
    for block in read(&text).0 {
        let first = line_of(block.range.start);
        out.extend(lines[next..first].iter().map(|line| (*line).to_owned()));
        next = first + 1;
        let opening = lines[first];
        let at = block.range.start - starts[first];
        let Some((code, prefix)) = block.indented else {
            // The fence as written, its info string replaced.
            let ch = opening.as_bytes()[at];
            let run = opening[at..].bytes().take_while(|b| *b == ch).count();
            out.push(format!("{}text", &opening[..at + run]));
            continue;
        };
        // A fence longer than any run of backticks in the code, where the
        // code's indentation of four columns starts.
        let longest = code.lines().map(|line| longest_run(line, b'`')).max();
        let fence = "`".repeat((longest.unwrap_or(0) + 1).max(3));
        let opener = &opening[..at];
        let opener = opener.strip_suffix("    ").unwrap_or(opener);
        out.push(format!("{opener}{fence}text"));
        for line in code.lines() {
            out.push(format!("{prefix}{line}").trim_end().to_owned());
        }
        out.push(format!("{prefix}{fence}"));
        next = line_of(block.range.end - 1) + 1;
    }
    out.extend(lines[next..].iter().map(|line| (*line).to_owned()));
    out.join("\n")
}

/// Whether the settled `lines` may hold a code block or a block quote,
/// the only things the rest of [`inert_code_blocks`] changes. A fence
/// needs three backticks or tildes; an indented block four columns of
/// indentation past its container's, which are spaces once tabs are
/// expanded; a quote its `>`. Most spec docs have none of them and skip
/// the two Markdown parses (a twentieth of a debug build's expansion).
fn may_hold_a_block(lines: &[&str]) -> bool {
    lines.iter().any(|line| block_marks(line))
}

/// Whether `text` has what [`may_hold_a_block`] looks for: three backticks
/// or tildes, four spaces in a row, or a `>`, each starting at some byte
/// ([`mark_at`]). None of them spans a line break, so a whole text is read
/// as its lines would be.
fn block_marks(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|at| mark_at(bytes, at))
}

/// Whether one of [`block_marks`]'s marks starts at byte `at`: read byte
/// by byte, as a debug build (a proc macro's) pays for every pattern
/// search.
fn mark_at(bytes: &[u8], at: usize) -> bool {
    match bytes[at] {
        b'>' => true,
        mark @ (b'`' | b'~') => bytes.get(at + 1..at + 3) == Some(&[mark, mark][..]),
        b' ' => bytes.get(at + 1..at + 4) == Some(&b"   "[..]),
        _ => false,
    }
}

/// Whether `text` is as [`inert`] would settle it and holds nothing for it
/// to change, read without building its lines: no carriage return or tab,
/// no indentation common to every line that is not blank, no blank line
/// with spaces in it, and nothing [`may_hold_a_block`] looks for. Most spec
/// docs are one or two lines of prose; one pass over the bytes.
fn settled_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (mut unindented, mut any, mut line_start) = (false, false, 0);
    for at in 0..=bytes.len() {
        match bytes.get(at).copied().unwrap_or(b'\n') {
            b'\r' | b'\t' => return false,
            b'\n' => {
                let line = &text[line_start..at];
                if !line.is_empty() && blank(line) {
                    return false;
                }
                if !line.trim().is_empty() {
                    any = true;
                    unindented |= !line.starts_with(' ');
                }
                line_start = at + 1;
            }
            _ if mark_at(bytes, at) => return false,
            _ => {}
        }
    }
    unindented || !any
}

/// `lines` with each line that is blank but for the markers of the block
/// quotes it continues (`>  `) trimmed as a blank line is. Before the code
/// blocks are read: pulldown-cmark may read a vertical tab or form feed
/// there as text, and what is read must be what rustdoc reads.
fn trim_quoted_blanks<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let (_, containers) = read(&lines.join("\n"));
    let starts = line_starts(lines);
    let open = |start: usize| -> Vec<Container> {
        containers
            .iter()
            .filter(|(range, _)| range.start < start && start < range.end)
            .map(|(_, container)| *container)
            .collect()
    };
    lines
        .iter()
        .zip(starts)
        .map(|(line, start)| {
            if blank(&line[match_containers(&open(start), line)..]) {
                line.trim_end_matches([' ', '\x0b', '\x0c'])
            } else {
                line
            }
        })
        .collect()
}

/// The byte offset of each of `lines` in the text that joins them.
fn line_starts(lines: &[&str]) -> Vec<usize> {
    let mut start = 0;
    lines
        .iter()
        .map(|line| {
            let this = start;
            start += line.len() + 1;
            this
        })
        .collect()
}

/// The options rustdoc parses doc comments with: `main_body_opts()` in
/// rustc_resolve's `rustdoc` module, which rustdoc's `find_codes` uses
/// to collect doctests.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

#[derive(Clone, Copy)]
enum Container {
    Quote,
    /// A list item whose content starts this many columns in.
    Item(usize),
    Footnote,
}

/// A code block as pulldown-cmark reports it.
struct Block {
    /// From the fence, or from the first character of indented code, to
    /// the end of the block.
    range: Range<usize>,
    /// An indented block's code, and what continues its containers.
    indented: Option<(String, String)>,
}

/// The code blocks in `text` as rustdoc reads it, and its containers (block
/// quotes, list items, footnotes) with the bytes each spans.
fn read(text: &str) -> (Vec<Block>, Vec<(Range<usize>, Container)>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut containers = Vec::new();
    // Each open tag, with what it is when it is a container.
    let mut open: Vec<Option<Container>> = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let container = match tag {
                    Tag::BlockQuote(_) => Some(Container::Quote),
                    Tag::Item => Some(Container::Item(item_width(&text[range.start..]))),
                    Tag::FootnoteDefinition(_) => Some(Container::Footnote),
                    Tag::CodeBlock(kind) => {
                        let indented = matches!(kind, CodeBlockKind::Indented)
                            .then(|| (String::new(), continuation(open.iter().flatten())));
                        blocks.push(Block {
                            range: range.clone(),
                            indented,
                        });
                        None
                    }
                    _ => None,
                };
                if let Some(container) = container {
                    containers.push((range, container));
                }
                open.push(container);
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(code) => {
                if let Some(Block {
                    range: block,
                    indented: Some((text, _)),
                }) = blocks.last_mut()
                    && block.contains(&range.start)
                {
                    text.push_str(&code);
                }
            }
            _ => {}
        }
    }
    (blocks, containers)
}

/// The content column of the list item that `item` starts: its marker
/// (`-`, `*`, `+`, `1.`, `1)`) and up to four spaces after it; one when the
/// item starts blank or its content is indented code.
fn item_width(item: &str) -> usize {
    let indent = spaces(item);
    let marker = &item[indent..];
    let marker = 1 + marker.bytes().take_while(u8::is_ascii_digit).count();
    let after = item[indent + marker..].split('\n').next().unwrap_or("");
    let gap = spaces(after);
    indent + marker + if blank(after) || gap > 4 { 1 } else { gap }
}

/// Where the content of `line` starts after the `containers` it continues.
fn match_containers(containers: &[Container], line: &str) -> usize {
    let mut pos = 0;
    for container in containers {
        let rest = &line[pos..];
        let indent = spaces(rest);
        match container {
            Container::Quote if indent <= 3 && rest[indent..].starts_with('>') => {
                pos += indent + 1 + usize::from(rest[indent + 1..].starts_with(' '));
            }
            Container::Item(width) if indent >= *width => pos += width,
            Container::Footnote if indent >= 4 => pos += 4,
            _ => break,
        }
    }
    pos
}

/// What continues `containers` on a line of its own.
fn continuation<'a>(containers: impl Iterator<Item = &'a Container>) -> String {
    containers
        .map(|container| match container {
            Container::Quote => "> ".to_owned(),
            Container::Item(width) => " ".repeat(*width),
            Container::Footnote => "    ".to_owned(),
        })
        .collect()
}

fn spaces(text: &str) -> usize {
    text.bytes().take_while(|b| *b == b' ').count()
}

/// Spaces only (tabs are expanded; vertical tabs and form feeds count too).
fn blank(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, b' ' | b'\x0b' | b'\x0c'))
}

fn longest_run(text: &str, ch: u8) -> usize {
    text.as_bytes()
        .split(|b| *b != ch)
        .map(<[u8]>::len)
        .max()
        .unwrap_or(0)
}

/// Tabs as spaces up to the next multiple of 4 columns, as Markdown reads
/// them where they shape blocks.
fn expand_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut column = 0;
    for ch in line.chars() {
        if ch == '\t' {
            let width = 4 - column % 4;
            out.extend(std::iter::repeat_n(' ', width));
            column += width;
        } else {
            out.push(ch);
            column += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{inert, inert_code_blocks, may_hold_a_block};

    /// Every text of every shipped spec and type file, and the texts the
    /// tests below check, come out the same whether or not the Markdown
    /// of a text without fences, indentation or quotes is read.
    #[test]
    fn texts_without_a_block_skip_the_markdown_and_come_out_the_same() {
        fn texts(node: &crate::yaml::Node, out: &mut Vec<String>) {
            match node {
                crate::yaml::Node::String(text) => out.push(text.clone()),
                crate::yaml::Node::Map(entries) => entries
                    .iter()
                    .for_each(|(_, value)| texts(&value.value, out)),
                crate::yaml::Node::Seq(items) => {
                    items.iter().for_each(|item| texts(&item.value, out))
                }
                _ => {}
            }
        }
        let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let mut all = Vec::new();
        let mut dirs = vec![spec];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("spec/") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|ext| ext == "yaml") {
                    let text = std::fs::read_to_string(&path).expect("a spec");
                    let node: serde_saphyr::Spanned<crate::yaml::Node> =
                        serde_saphyr::from_str(&text).expect("shipped YAML parses");
                    texts(&node.value, &mut all);
                }
            }
        }
        all.extend(
            [
                "The user must sign in.\n\n- a list\n\n> a quote",
                "  Indented\n\ttext\r\nwith CR LF,\x0b and a blank line:\n   \n",
                "  common\n  indent\n     and a code block",
                "Text with ``` a fence",
                "> quoted\n>  \n> with a blank line of the quote",
                " one\n two, indented alike",
                " one\ntwo",
                "a\n  \nblank line with spaces",
                "a\n\x0c\nform feed",
                "\u{a0}\n\u{a0}x",
                " \u{a0}\n  \u{2003}",
                "",
                "\n\n",
                "   ",
            ]
            .map(String::from),
        );
        let plain = all
            .iter()
            .filter(|text| !may_hold_a_block(&text.lines().collect::<Vec<_>>()));
        assert!(
            plain.count() > 1000,
            "the shipped specs have thousands of plain texts"
        );
        assert!(
            all.iter().any(|text| text.contains("```")),
            "and some with a fence"
        );
        for text in &all {
            assert_eq!(inert(text, true), inert(text, false), "from:\n{text}");
        }
    }

    #[track_caller]
    fn check(text: &str, expected: &str) {
        assert_eq!(inert_code_blocks(text), expected, "from:\n{text}");
    }

    #[test]
    fn prose_is_unchanged() {
        let prose = "The user must sign in.\n\n- a list\n- of items\n\n> a quote\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee <https://example.com>, `code` and *more*.\n    An indented line continues the paragraph.";
        check(prose, prose);
    }

    #[test]
    fn fences_get_the_info_string_text() {
        check(
            "```rust\nstd::fs::write(\"probe\", \"\").unwrap();\n```",
            "```text\nstd::fs::write(\"probe\", \"\").unwrap();\n```",
        );
        check(
            "```\nPOST /token HTTP/1.1\n```",
            "```text\nPOST /token HTTP/1.1\n```",
        );
        check(
            "~~~ rust,ignore\nx\n~~~\n\n````\n```\n````\n\n  ```should_panic\n  y\n  ```",
            "~~~text\nx\n~~~\n\n````text\n```\n````\n\n  ```text\n  y\n  ```",
        );
        // Backticks after backticks make no fence; tildes may.
        check("``` `x`\ntext", "``` `x`\ntext");
        check("~~~ `x`\ncode\n~~~", "~~~text\ncode\n~~~");
    }

    #[test]
    fn indented_blocks_become_fenced_text_blocks() {
        check(
            "Request:\n\n    POST /token\n\n      Host: x\n\n\nThen.",
            "Request:\n\n```text\nPOST /token\n\n  Host: x\n```\n\n\nThen.",
        );
        check(
            "Code:\n\n    a ``` b\n    ````",
            "Code:\n\n`````text\na ``` b\n````\n`````",
        );
        // Indentation common to every line is not a block: rustdoc drops it.
        check("    a\n    b", "a\nb");
        check("x\n\n\tcode()", "x\n\n```text\ncode()\n```");
    }

    #[test]
    fn blocks_inside_lists_quotes_and_footnotes_are_found() {
        check(
            "1. Send:\n\n   ```\n   curl\n   ```\n2. Or:\n\n       curl\n- ```rust\n  x\n  ```",
            "1. Send:\n\n   ```text\n   curl\n   ```\n2. Or:\n\n   ```text\n   curl\n   ```\n- ```text\n  x\n  ```",
        );
        check(
            "> ```\n> code\n> ```\n>\n>     more",
            "> ```text\n> code\n> ```\n>\n> ```text\n> more\n> ```",
        );
        check(
            "Text[^1].\n\n[^1]: A note:\n\n    ```\n    code\n    ```",
            "Text[^1].\n\n[^1]: A note:\n\n    ```text\n    code\n    ```",
        );
        check("-     code", "- ```text\n  code\n  ```");
    }

    #[test]
    fn what_a_block_leaves_open_ends_with_its_container() {
        // The quote ends, and its fence with it: the next fence opens.
        check(
            "> ```\n> a\nnot quoted\n```\nb\n```",
            "> ```text\n> a\nnot quoted\n```text\nb\n```",
        );
        // Raw HTML hides a fence up to its blank line.
        check(
            "<div>\n```\n</div>\n\n```\nx\n```",
            "<div>\n```\n</div>\n\n```text\nx\n```",
        );
    }

    #[test]
    fn lines_are_read_as_rustdoc_reads_them() {
        // Line breaks, tabs and common indentation.
        check("  a\r\n\r\n      b\r  c", "a\n\n```text\nb\n```\nc");
        check("-\tx", "-   x");
        // Blank lines keep no trailing spaces.
        check("a\n   \nb", "a\n\nb");
    }

    // Where the hand-made scanner that came before pulldown-cmark guessed,
    // and guessed otherwise than rustdoc reads: each input here, as it is,
    // holds no doctest for rustdoc.

    #[test]
    fn a_lazy_line_indented_like_code_goes_on_with_its_paragraph() {
        // A paragraph in a quote, list item or footnote goes on in a line
        // that does not continue its containers, however indented: such a
        // line is no code block (the scanner made it a `text` block).
        for text in [
            "> A quote\n    goes on",
            "1.   An item\n    goes on",
            "- An item\n\n  > a quote in it\n      goes on",
            "[^1]: > A note\n        goes on",
        ] {
            check(text, text);
        }
    }

    #[test]
    fn a_link_reference_definition_may_span_lines() {
        // `[a]:` with its destination on the next line is a definition, so
        // `===` is a paragraph, not the underline of a heading, and the
        // indented line goes on with it (the scanner read the definition
        // as a paragraph, underlined, and made the line a code block).
        check("[a]:\n/url\n===\n    code", "[a]:\n/url\n===\n    code");
        check("[a\nb]: /url\n-\n    code", "[a\nb]: /url\n-\n    code");
        check(
            "> [a]:\n> /url\n> ===\n>     code",
            "> [a]:\n> /url\n> ===\n>     code",
        );
        // A paragraph to pulldown-cmark too: the definition's line and
        // the next are its text, indented or not.
        check("[a]:\n/url\n    code", "[a]:\n/url\n    code");
    }

    #[test]
    fn a_vertical_tab_after_a_list_marker_makes_no_item() {
        // Only a space or the line's end follows a list marker; so the
        // line is a paragraph that the next one continues.
        check("-\x0b\n      code", "-\x0b\n      code");
    }

    #[test]
    fn a_task_marker_alone_is_an_items_text_to_rustdoc() {
        // pulldown-cmark 0.11, rustdoc's, reads `[x]` as text here; 0.13
        // reads an empty task item, whose list the raw HTML then ends,
        // and would leave `code` a doctest for rustdoc.
        check("- [x]\n      code", "- [x]\n      code");
        check(
            "- [x]\n<a>\n-     code",
            "- [x]\n<a>\n- ```text\n  code\n  ```",
        );
    }

    #[test]
    fn a_blank_quote_line_is_trimmed_before_the_blocks_are_read() {
        // A vertical tab is text to pulldown-cmark after `>`; trimmed, the
        // line is blank, and the next line is code.
        check(
            "> a\n>  \x0b\n>     code",
            "> a\n>\n> ```text\n> code\n> ```",
        );
        // Inside a fence a line of `>` keeps its spaces: no quote is open.
        check("```\n>  \n```", "```text\n>  \n```");
    }
}
