//! Spec text as rustdoc that is never a test.
//!
//! Rustdoc compiles and runs every code block of a doc comment as a doctest
//! unless its info string names another language, including indented blocks
//! and blocks inside lists, block quotes and footnotes. Text from a spec is
//! documentation about HTTP, so [`inert_code_blocks`] rewrites it before the
//! generator emits it: every fenced block gets the info string `text`, and
//! every indented block becomes a fenced `text` block.
//!
//! Finding the blocks needs the block structure that rustdoc's Markdown
//! parser (pulldown-cmark, with tables and footnotes) sees: containers
//! (block quotes, list items, footnotes), raw HTML blocks, tables, link
//! reference definitions, lazy paragraph lines, and which blocks may
//! interrupt a paragraph. This scanner follows pulldown-cmark's rules for
//! those. Where it cannot be sure (a lazy paragraph line indented like
//! code), it makes the line a `text` block, a code block in any reading;
//! a multi-line link reference definition is read as a paragraph.

/// `text` with every code block made one that rustdoc neither compiles nor
/// runs, for a `#[doc]` attribute. Line breaks become `\n`, tabs become
/// spaces (tab stops of 4) and the indentation common to all lines is
/// removed, as rustdoc removes it; so rustdoc reads the result as written.
pub fn inert_code_blocks(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = text.split('\n').map(expand_tabs).collect();
    let common = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| spaces(line))
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = lines
        .iter()
        .map(|line| line.get(common..).unwrap_or(""))
        .collect();
    let mut scanner = Scanner::default();
    for (index, line) in lines.iter().enumerate() {
        scanner.line(line, lines.get(index + 1).copied());
    }
    scanner.flush_code();
    scanner.out.join("\n")
}

#[derive(Clone, Copy, PartialEq)]
enum Container {
    Quote,
    /// A list item whose content starts this many columns in.
    Item(usize),
    Footnote,
}

#[derive(Clone, Copy, Default, PartialEq)]
enum Leaf {
    #[default]
    None,
    Paragraph,
    /// `head`: the next line is the delimiter row, part of the table
    /// whatever it looks like.
    Table {
        head: bool,
    },
    Fence {
        ch: u8,
        len: usize,
    },
    /// Link reference definitions (`[label]: /url "title"`); `title`: the
    /// last one lacks a title, which may follow on the next line.
    Refdef {
        title: bool,
    },
    /// Raw HTML, up to a line containing `end`, or up to a blank line.
    Html {
        end: Option<&'static str>,
    },
}

/// An indented code block being turned into a fenced one.
struct Code {
    /// What precedes the block's first line: containers that line opened.
    opener: String,
    lines: Vec<String>,
    /// Blank lines after the last code line: inside the block only if more
    /// code follows.
    blanks: Vec<String>,
}

#[derive(Default)]
struct Scanner {
    containers: Vec<Container>,
    leaf: Leaf,
    code: Option<Code>,
    out: Vec<String>,
}

impl Scanner {
    fn line(&mut self, line: &str, next: Option<&str>) {
        // A blank line loses its trailing spaces: after a link reference
        // definition, some versions of pulldown-cmark read four of them as
        // the start of a paragraph.
        let (_, pos) = match_containers(&self.containers, line);
        let line = if blank(&line[pos..]) {
            line.trim_end_matches([' ', '\x0b', '\x0c'])
        } else {
            line
        };
        let (matched, pos) = match_containers(&self.containers, line);
        let all = matched == self.containers.len();
        let rest = &line[pos..];

        if let Leaf::Fence { ch, len } = self.leaf {
            if all {
                if closes_fence(rest, ch, len) {
                    self.leaf = Leaf::None;
                }
                self.out.push(line.to_owned());
                return;
            }
            self.leaf = Leaf::None;
        }
        if let Leaf::Html { end } = self.leaf {
            if all && (end.is_some() || !blank(rest)) {
                if end.is_some_and(|end| rest.contains(end)) {
                    self.leaf = Leaf::None;
                }
                self.out.push(line.to_owned());
                return;
            }
            self.leaf = Leaf::None;
        }
        if let Some(code) = &mut self.code {
            if all && blank(rest) {
                code.blanks.push(line.to_owned());
                return;
            }
            if all && spaces(rest) >= 4 {
                code.lines
                    .extend(code.blanks.drain(..).map(|_| String::new()));
                code.lines.push(rest[4..].to_owned());
                return;
            }
            self.flush_code();
        }
        if matches!(self.leaf, Leaf::Paragraph | Leaf::Table { .. })
            && self.continue_paragraph(line, pos, all, next)
        {
            return;
        }
        if let Leaf::Refdef { title } = self.leaf {
            // What follows definitions starts afresh, lazily; it may be the
            // title of the last one, another definition or a paragraph.
            let indent = spaces(rest);
            let start = &rest[indent.min(3)..];
            let shallow = indent < 4;
            if !(blank(rest) || shallow && interrupts(start, all)) {
                let title = title && !(shallow && setext_underline(start));
                let start = rest.trim_start_matches(' ');
                self.leaf = if title && link_title(start).is_some_and(|n| blank(&start[n..])) {
                    Leaf::Refdef { title: false }
                } else if let Some(title) = refdef(start) {
                    Leaf::Refdef { title }
                } else if self.table_starts(start, next) {
                    Leaf::Table { head: true }
                } else {
                    Leaf::Paragraph
                };
                self.out.push(line.to_owned());
                return;
            }
        }
        self.leaf = Leaf::None;
        self.containers.truncate(matched);
        self.block_start(line, pos, next);
    }

    /// Whether `line` continues the open paragraph or table (and is
    /// written out); `false` when it starts a new block instead.
    fn continue_paragraph(
        &mut self,
        line: &str,
        pos: usize,
        all: bool,
        next: Option<&str>,
    ) -> bool {
        let rest = &line[pos..];
        let indent = spaces(rest);
        let start = &rest[indent.min(3)..];
        if let Leaf::Table { head } = self.leaf {
            // Rows continue in their containers only, whatever their indent,
            // and any list item ends a table.
            let start = rest.trim_start_matches(' ');
            let cells = start.strip_prefix('|').unwrap_or(start);
            if !all || (!head && (blank(cells) || interrupts(start, false))) {
                return false;
            }
            self.leaf = Leaf::Table { head: false };
            self.out.push(line.to_owned());
            return true;
        }
        if indent >= 4 {
            // A deeper line continues a paragraph in its containers; a lazy
            // one might be code in another reading, so it becomes code.
            if !all || blank(rest) {
                return false;
            }
            self.out.push(line.to_owned());
            return true;
        }
        if all && setext_underline(start) {
            self.leaf = Leaf::None;
            self.out.push(line.to_owned());
            return true;
        }
        if blank(start) || interrupts(start, all) {
            return false;
        }
        if start.starts_with('|') && self.table_starts(start, next) {
            // A table interrupts the paragraph.
            return false;
        }
        self.out.push(line.to_owned());
        true
    }

    /// A line that starts new blocks, after the containers it continues.
    fn block_start(&mut self, line: &str, mut pos: usize, next: Option<&str>) {
        loop {
            let indent = spaces(&line[pos..]);
            if indent >= 4 {
                break;
            }
            let at = pos + indent;
            let start = &line[at..];
            if let Some(label) = footnote_label(start) {
                if self.containers.last() == Some(&Container::Footnote) {
                    self.containers.pop();
                }
                self.containers.push(Container::Footnote);
                pos = at + label + spaces(&start[label..]);
            } else if let Some(marker) = list_marker(start) {
                self.containers
                    .push(Container::Item(indent + marker.indent));
                if marker.blank {
                    // An empty item; a blank line next would end it.
                    if next.is_none_or(|next| {
                        blank(&next[match_containers(&self.containers, next).1..])
                    }) {
                        self.containers.pop();
                    }
                    self.out.push(line.to_owned());
                    return;
                }
                pos = at + marker.width;
            } else if let Some(quoted) = start.strip_prefix('>') {
                self.containers.push(Container::Quote);
                pos = at + 1 + usize::from(quoted.starts_with(' '));
            } else {
                break;
            }
        }
        let rest = &line[pos..];
        let indent = spaces(rest);
        if blank(rest) {
            self.out.push(line.to_owned());
        } else if indent >= 4 {
            self.code = Some(Code {
                opener: line[..pos].to_owned(),
                lines: vec![rest[4..].to_owned()],
                blanks: Vec::new(),
            });
        } else {
            let at = pos + indent;
            let start = &line[at..];
            if hrule(start) || atx_heading(start) {
                self.out.push(line.to_owned());
            } else if let Some(end) = html_block(start, false) {
                if !end.is_some_and(|end| start.contains(end)) {
                    self.leaf = Leaf::Html { end };
                }
                self.out.push(line.to_owned());
            } else if let Some((ch, len)) = fence(start) {
                self.leaf = Leaf::Fence { ch, len };
                let run = &start[..len];
                self.out.push(format!("{}{run}text", &line[..at]));
            } else {
                self.leaf = if let Some(title) = refdef(start) {
                    Leaf::Refdef { title }
                } else if self.table_starts(start, next) {
                    Leaf::Table { head: true }
                } else {
                    Leaf::Paragraph
                };
                self.out.push(line.to_owned());
            }
        }
    }

    /// Whether a paragraph line `header` (from its first character) and the
    /// line after it, `next`, begin a table: `next` continues the containers
    /// and is a delimiter row (`|---|:--|`) with as many columns as `header`.
    fn table_starts(&self, header: &str, next: Option<&str>) -> bool {
        let Some(next) = next else {
            return false;
        };
        let (matched, pos) = match_containers(&self.containers, next);
        matched == self.containers.len()
            && delimiter_columns(&next[pos..]).is_some_and(|n| Some(n) == header_columns(header))
    }

    /// Writes out the indented code block being converted, as a fenced one.
    fn flush_code(&mut self) {
        let Some(code) = self.code.take() else {
            return;
        };
        let prefix = continuation(&self.containers);
        let longest = code
            .lines
            .iter()
            .map(|line| longest_run(line, b'`'))
            .max()
            .unwrap_or(0);
        let fence = "`".repeat((longest + 1).max(3));
        self.out.push(format!("{}{fence}text", code.opener));
        for line in &code.lines {
            let line = format!("{prefix}{line}");
            self.out.push(line.trim_end().to_owned());
        }
        self.out.push(format!("{prefix}{fence}"));
        self.out.extend(code.blanks);
    }
}

/// How many open containers `line` continues, and where its content starts.
fn match_containers(containers: &[Container], line: &str) -> (usize, usize) {
    let mut pos = 0;
    for (index, container) in containers.iter().enumerate() {
        let rest = &line[pos..];
        let indent = spaces(rest);
        match container {
            Container::Quote if indent <= 3 && rest[indent..].starts_with('>') => {
                pos += indent + 1 + usize::from(rest[indent + 1..].starts_with(' '));
            }
            Container::Item(width) if indent >= *width => pos += width,
            Container::Footnote if indent >= 4 => pos += 4,
            Container::Item(_) | Container::Footnote if blank(rest) => pos = line.len(),
            _ => return (index, pos),
        }
    }
    (containers.len(), pos)
}

/// What continues `containers` on a line of its own.
fn continuation(containers: &[Container]) -> String {
    containers
        .iter()
        .map(|container| match container {
            Container::Quote => "> ".to_owned(),
            Container::Item(width) => " ".repeat(*width),
            Container::Footnote => "    ".to_owned(),
        })
        .collect()
}

/// Blocks that end a paragraph when they start on its next line. When `all`
/// (the paragraph's containers continue), only list items that could not
/// otherwise be its text.
fn interrupts(start: &str, all: bool) -> bool {
    html_block(start, true).is_some()
        || hrule(start)
        || atx_heading(start)
        || fence(start).is_some()
        || start.starts_with('>')
        || footnote_label(start).is_some()
        || list_marker(start).is_some_and(|marker| {
            !all || (!marker.blank && (marker.bullet || marker.number == Some(1)))
        })
}

struct Marker {
    /// Bytes up to the item's content.
    width: usize,
    /// Columns from the marker to the content.
    indent: usize,
    blank: bool,
    bullet: bool,
    number: Option<u64>,
}

/// The columns of a table header row: its unescaped `|`, less a leading
/// one, plus one unless a trailing one ends the row; `None` without any.
fn header_columns(header: &str) -> Option<usize> {
    let bytes = header.as_bytes();
    let pipes: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
        .collect();
    let last = *pipes.last()?;
    let leading = usize::from(header.trim_start().starts_with('|'));
    let trailing = usize::from(blank(&header[last + 1..]));
    Some(pipes.len() + 1 - leading - trailing)
}

/// The columns of a table delimiter row (`|---|:--:|`), after at most three
/// spaces: each has a `-`, and there is a `|`.
fn delimiter_columns(row: &str) -> Option<usize> {
    let indent = spaces(row);
    let row = &row.as_bytes()[indent..];
    if indent > 3 || row.is_empty() {
        return None;
    }
    let mut columns = 0;
    let (mut open, mut hyphen, mut any_hyphen) = (true, false, false);
    let mut any_pipe = row[0] == b'|';
    for &b in &row[usize::from(any_pipe)..] {
        match b {
            b' ' => {}
            b':' => open = false,
            b'-' => (open, hyphen, any_hyphen) = (false, true, true),
            b'|' if hyphen => (columns, open, hyphen, any_pipe) = (columns + 1, true, false, true),
            _ => return None,
        }
    }
    columns += usize::from(!open);
    (any_pipe && any_hyphen).then_some(columns)
}

/// A list item marker (`-`, `*`, `+`, `1.`, `1)`) with what follows it.
fn list_marker(start: &str) -> Option<Marker> {
    let bytes = start.as_bytes();
    let (marker, bullet, number) = match bytes.first()? {
        b'-' | b'+' | b'*' if !hrule(start) => (1, true, None),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return None;
            }
            (digits + 1, false, start[..digits].parse().ok())
        }
        _ => return None,
    };
    let after = &start[marker..];
    if blank(after) {
        let width = marker + usize::from(after.starts_with(' '));
        return Some(Marker {
            width,
            indent: marker + 1,
            blank: true,
            bullet,
            number,
        });
    }
    if !after.starts_with(' ') {
        return None;
    }
    // Up to four spaces belong to the marker; with more, the content is
    // indented code and one space does.
    let more = spaces(&after[1..]);
    let width = marker + 1 + if more < 4 { more } else { 0 };
    Some(Marker {
        width,
        indent: width,
        blank: false,
        bullet,
        number,
    })
}

/// A link reference definition that ends on this line: `Some(true)` when
/// it lacks a title, which the next line may hold. One whose label or
/// destination goes on to the next line is read as a paragraph.
fn refdef(start: &str) -> Option<bool> {
    let label = label_length(start.strip_prefix('[')?)?;
    let rest = start[1 + label..].strip_prefix(':')?;
    let gap = rest.bytes().take_while(|b| is_space(*b)).count();
    let rest = &rest[gap..];
    let bytes = rest.as_bytes();
    let destination = if rest.starts_with('<') {
        let mut i = 1;
        loop {
            match *bytes.get(i)? {
                b'<' => return None,
                b'>' => break i + 1,
                b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 2,
                _ => i += 1,
            }
        }
    } else {
        let (mut i, mut depth) = (0, 0_usize);
        while let Some(&b) = bytes.get(i) {
            match b {
                0..=0x20 => break,
                b'(' if depth > 32 => return None,
                b'(' => depth += 1,
                b')' if depth == 0 => break,
                b')' => depth -= 1,
                b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => i += 1,
                _ => {}
            }
            i += 1;
        }
        if i == 0 || depth != 0 {
            return None;
        }
        i
    };
    let rest = &rest[destination..];
    if blank(rest) {
        return Some(true);
    }
    let gap = rest.bytes().take_while(|b| is_space(*b)).count();
    let rest = &rest[gap..];
    let title = link_title(rest).filter(|_| gap > 0)?;
    blank(&rest[title..]).then_some(false)
}

/// A link title on one line (`"…"`, `'…'` or `(…)`); its length.
fn link_title(start: &str) -> Option<usize> {
    let bytes = start.as_bytes();
    let close = match bytes.first()? {
        b'"' => b'"',
        b'\'' => b'\'',
        b'(' => b')',
        _ => return None,
    };
    let mut i = 1;
    loop {
        match *bytes.get(i)? {
            b'(' if close == b')' => return None,
            b'\\' => i += 2,
            b if b == close => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The length of a link label after its `[`, up to and with its `]`.
fn label_length(label: &str) -> Option<usize> {
    let bytes = label.as_bytes();
    let mut index = 0;
    loop {
        match *bytes.get(index)? {
            b'[' => return None,
            b']' => break,
            b'\\' if bytes.get(index + 1).is_some_and(u8::is_ascii_punctuation) => index += 2,
            _ => index += 1,
        }
    }
    let text = &bytes[..index];
    (text.len() < 1000 && !text.iter().all(|b| is_whitespace(*b))).then_some(index + 1)
}

/// `[^label]:`, a footnote definition; its length.
fn footnote_label(start: &str) -> Option<usize> {
    let label = start.strip_prefix("[^")?;
    let length = label_length(label)?;
    label[length..].starts_with(':').then_some(2 + length + 1)
}

/// A fence opener: three or more backticks or tildes, and no backtick after
/// backticks. Its character and length.
fn fence(start: &str) -> Option<(u8, usize)> {
    let ch = *start
        .as_bytes()
        .first()
        .filter(|ch| matches!(ch, b'`' | b'~'))?;
    let len = start.bytes().take_while(|b| *b == ch).count();
    (len >= 3 && !(ch == b'`' && start[len..].contains('`'))).then_some((ch, len))
}

fn closes_fence(rest: &str, ch: u8, len: usize) -> bool {
    let indent = spaces(rest);
    let run = rest[indent..].bytes().take_while(|b| *b == ch).count();
    indent < 4 && run >= len && rest[indent + run..].bytes().all(|b| b == b' ')
}

/// A thematic break: three or more of one of `*`, `-`, `_`, with spaces.
fn hrule(start: &str) -> bool {
    let Some(ch) = start
        .bytes()
        .next()
        .filter(|ch| matches!(ch, b'*' | b'-' | b'_'))
    else {
        return false;
    };
    start.bytes().all(|b| b == ch || b == b' ') && start.bytes().filter(|b| *b == ch).count() >= 3
}

fn atx_heading(start: &str) -> bool {
    let level = start.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&level)
        && start
            .as_bytes()
            .get(level)
            .is_none_or(|b| is_whitespace(*b))
}

fn setext_underline(start: &str) -> bool {
    let Some(ch) = start.bytes().next().filter(|ch| matches!(ch, b'=' | b'-')) else {
        return false;
    };
    start.trim_start_matches(ch as char).trim().is_empty()
}

/// Tags that start an HTML block ending at a blank line (CommonMark's
/// type 6), as pulldown-cmark lists them.
const BLOCK_TAGS: [&str; 62] = [
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "search",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// The start of an HTML block, with what ends it: a line containing the
/// returned text (`</pre>`, `-->`, …), or `None` for a blank line. A lone
/// complete tag (type 7) cannot `interrupt` a paragraph.
fn html_block(start: &str, interrupting: bool) -> Option<Option<&'static str>> {
    let tail = start.strip_prefix('<')?;
    let bytes = tail.as_bytes();
    for (tag, end) in [
        ("pre", "</pre>"),
        ("style", "</style>"),
        ("script", "</script>"),
        ("textarea", "</textarea>"),
    ] {
        let named =
            bytes.len() >= tag.len() && bytes[..tag.len()].eq_ignore_ascii_case(tag.as_bytes());
        let ended = bytes
            .get(tag.len())
            .is_none_or(|b| is_whitespace(*b) || *b == b'>');
        if named && ended {
            return Some(Some(end));
        }
    }
    for (opening, end) in [("!--", "-->"), ("?", "?>"), ("![CDATA[", "]]>")] {
        if tail.starts_with(opening) {
            return Some(Some(end));
        }
    }
    if tail.starts_with('!') && bytes.get(1).is_some_and(u8::is_ascii_alphabetic) {
        return Some(Some(">"));
    }
    let name = tail.strip_prefix('/').unwrap_or(tail);
    let length = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let after = &name[length..];
    let known = BLOCK_TAGS
        .iter()
        .any(|tag| tag.eq_ignore_ascii_case(&name[..length]));
    if known && (after.is_empty() || after.starts_with([' ', '\t', '>']) || after.starts_with("/>"))
    {
        return Some(None);
    }
    let lone_tag = complete_tag(start).is_some_and(|length| blank(&start[length..]));
    (!interrupting && lone_tag).then_some(None)
}

/// The length of a complete HTML open or closing tag at the start of
/// `text`, on one line.
fn complete_tag(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let closing = usize::from(bytes.get(1) == Some(&b'/'));
    let mut i = 1 + closing;
    if !bytes.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    i += bytes[i..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
        .count();
    let space = |i: usize| i + bytes[i..].iter().take_while(|b| is_space(**b)).count();
    if closing == 0 {
        loop {
            let before = i;
            i = space(i);
            match *bytes.get(i)? {
                b'/' | b'>' => break,
                _ if before == i => return None,
                b if !(b.is_ascii_alphabetic() || b"_:".contains(&b)) => return None,
                _ => {}
            }
            // An attribute: a name, then maybe `=` and a value.
            i += bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || b"_.:-".contains(b))
                .count();
            let after_name = i;
            i = space(i);
            if bytes.get(i) != Some(&b'=') {
                i = after_name;
                continue;
            }
            i = space(i + 1);
            match *bytes.get(i)? {
                quote @ (b'"' | b'\'') => {
                    i += 2 + bytes[i + 1..].iter().position(|b| *b == quote)?;
                }
                b' ' | b'=' | b'>' | b'<' | b'`' => return None,
                _ => {
                    i += bytes[i..]
                        .iter()
                        .take_while(|b| !b" \"'=><`".contains(b))
                        .count();
                }
            }
        }
    }
    i = space(i);
    if closing == 0 && bytes.get(i) == Some(&b'/') {
        i += 1;
    }
    (bytes.get(i) == Some(&b'>')).then_some(i + 1)
}

/// ASCII whitespace as Markdown counts it (with vertical tabs).
fn is_whitespace(b: u8) -> bool {
    (0x09..=0x0d).contains(&b) || b == b' '
}

/// ASCII whitespace that is not a line break.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c')
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
    use super::inert_code_blocks;

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
}
