//! Stage two of loading: turn a `RawService` into a checked `Service`,
//! collecting every problem as a positioned `Diagnostic` instead of stopping
//! at the first. This is the validator: `loginhelp validate` prints what it
//! finds, and every other command refuses a tree that has errors.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::lang::Text;
use crate::model::*;
use crate::raw::*;
use crate::suggest::did_you_mean;
use crate::text::{is_unsafe_char, neutralize, width};

/// The largest tree file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The most nodes one tree may have.
pub const MAX_NODES: usize = 200_000;
/// The deepest nesting of arrays and tables accepted (a real tree needs 4).
pub const MAX_NESTING: usize = 32;
/// The most problems reported for one file (see `at_most`).
pub const MAX_DIAGNOSTICS: usize = 100;
/// The most missing links that get a "did you mean" hint.
const MAX_SUGGESTIONS: usize = 20;
/// The widest an option label may be and still fit an 80-column prompt.
pub const MAX_LABEL_COLUMNS: usize = 36;

/// The outcome of checking one file.
#[derive(Debug)]
pub struct Checked {
    pub service: Option<Service>,
    pub diagnostics: Vec<Diagnostic>,
    /// The service id as written, with its position, when the file could be
    /// parsed: for the checks across files, without parsing it again.
    pub id: Option<S<String>>,
    /// The aliases as written, with their positions (empty when unparsed).
    pub aliases: Vec<S<String>>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error)
    }
}

/// Parse and check one tree file's text.
pub fn check_source(src: &str) -> Checked {
    check_source_with(src, WHOLE_PARSE_BYTES)
}

/// `check_source` as it reads a file larger than `WHOLE_PARSE_BYTES` (one
/// `[[node]]` section at a time), whatever the size of `src`: for the fuzz
/// target and tests that compare the two ways of parsing.
#[doc(hidden)]
pub fn check_source_by_sections(src: &str) -> Checked {
    check_source_with(src, 0)
}

/// Files up to this size are parsed whole; larger ones one `[[node]]`
/// section at a time (see `parse_sections`).
pub const WHOLE_PARSE_BYTES: usize = 512 * 1024;
/// The largest `[[node]]` section, or part before the first one, of a file
/// larger than `WHOLE_PARSE_BYTES`.
pub const MAX_SECTION_BYTES: usize = 256 * 1024;

fn check_source_with(src: &str, whole_up_to: usize) -> Checked {
    let fail = |d: Diagnostic| Checked {
        service: None,
        diagnostics: vec![d],
        id: None,
        aliases: Vec::new(),
    };
    if src.len() > MAX_FILE_BYTES {
        return fail(Diagnostic::new(
            Code::TooLarge,
            None,
            format!(
                "the file is {} bytes; the limit is {} bytes",
                src.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    if let Some(at) = nesting_beyond(src, MAX_NESTING) {
        return fail(too_deep(Some(at..at + 1)));
    }
    let parsed = if src.len() <= whole_up_to {
        toml::from_str(src).map_err(|e| toml_error(&e, 0))
    } else {
        parse_sections(src)
    };
    let raw: RawService = match parsed {
        Ok(raw) => raw,
        Err(d) => return fail(d),
    };
    if raw.node.len() > MAX_NODES {
        return fail(too_many_nodes(raw.node.get(MAX_NODES).map(|n| n.span())));
    }
    let mut checker = Checker::default();
    let service = checker.service(&raw);
    let has_errors = checker
        .diagnostics
        .iter()
        .any(|d| d.severity() == Severity::Error);
    checker
        .diagnostics
        .sort_by_key(|d| (d.span.as_ref().map_or(0, |s| s.start), d.code));
    Checked {
        service: if has_errors { None } else { service },
        diagnostics: at_most(checker.diagnostics, MAX_DIAGNOSTICS),
        id: raw.id,
        aliases: raw.aliases,
    }
}

/// Keep the first `limit` problems (errors before warnings, so that a file
/// with errors still shows one), in file order, and say how many more there
/// are in a last diagnostic of the same severity as what was left out. A
/// 100k-node file with a problem in every node would otherwise print (and
/// position, each by a scan of the file) 100k of them.
fn at_most(diagnostics: Vec<Diagnostic>, limit: usize) -> Vec<Diagnostic> {
    if diagnostics.len() <= limit {
        return diagnostics;
    }
    let (mut kept, mut warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
        .into_iter()
        .partition(|d| d.severity() == Severity::Error);
    let mut left_out = kept.split_off(kept.len().min(limit));
    let room = limit - kept.len();
    left_out.extend(warnings.split_off(warnings.len().min(room)));
    kept.extend(warnings);
    kept.sort_by_key(|d| (d.span.as_ref().map_or(0, |s| s.start), d.code));
    left_out.sort_by_key(|d| {
        (
            d.severity() != Severity::Error,
            d.span.as_ref().map_or(0, |s| s.start),
        )
    });
    let errors = left_out
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    let warnings = left_out.len() - errors;
    let first = &left_out[0];
    let code = if errors > 0 {
        Code::TooLarge
    } else {
        first.code
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    kept.push(
        Diagnostic::new(
            code,
            first.span.clone(),
            format!(
                "{} and {} more are not shown, from here on",
                plural(errors, "error"),
                plural(warnings, "warning")
            ),
        )
        .hint(format!(
            "a file reports at most {limit} problems; fix the ones above first"
        )),
    );
    kept
}

fn too_deep(at: Option<Range<usize>>) -> Diagnostic {
    Diagnostic::new(
        Code::TooLarge,
        at,
        format!("arrays and tables are nested more than {MAX_NESTING} deep"),
    )
    .hint("a guide tree needs only a few levels: [[node]], [[node.option]] and inline texts")
}

/// Translate a TOML parse or shape error into a diagnostic with a code;
/// `offset` is where the parsed text starts in the file.
fn toml_error(err: &toml::de::Error, offset: usize) -> Diagnostic {
    let message = err.message().trim().to_owned();
    let span = err.span().map(|s| s.start + offset..s.end + offset);
    // The parser's own depth guard, for nesting the quick scan cannot see.
    if message.contains("recursion") || message.contains("cannot recurse") {
        return too_deep(span);
    }
    let code = if message.starts_with("unknown field") {
        Code::UnknownKey
    } else if message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("invalid length")
    {
        Code::InvalidValue
    } else {
        Code::Syntax
    };
    let first_line = message.lines().next().unwrap_or_default().to_owned();
    let d = Diagnostic::new(code, span, first_line);
    match code {
        Code::UnknownKey => d.hint("see docs/tree-format.md for the keys each table takes"),
        Code::InvalidValue => d.hint("texts are tables: { ja = \"…\", en = \"…\" }"),
        _ => d,
    }
}

/// The index just past the string that starts at `i` (a `"` or `'`): basic
/// or literal, one-line or multi-line. An unterminated one-line string ends
/// at its line's end, a multi-line one at the end of the text.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    let q = bytes[i];
    if bytes[i..].starts_with(&[q, q, q]) {
        i += 3;
        while i < bytes.len() && !bytes[i..].starts_with(&[q, q, q]) {
            i += if q == b'"' && bytes[i] == b'\\' { 2 } else { 1 };
        }
        i += 3;
        // Up to two more quotes belong to the text: `'''a''''` is "a'".
        for _ in 0..2 {
            if bytes.get(i) == Some(&q) {
                i += 1;
            }
        }
    } else {
        i += 1;
        while i < bytes.len() && bytes[i] != q && bytes[i] != b'\n' {
            i += if q == b'"' && bytes[i] == b'\\' && bytes.get(i + 1) != Some(&b'\n') {
                2
            } else {
                1
            };
        }
        if bytes.get(i) == Some(&q) {
            i += 1;
        }
    }
    i.min(bytes.len())
}

/// If a table header (`[a.b]` or `[[a.b]]`) starts at `i`, the index just
/// past it. A value bracket at the start of a line (`[[1, 2]]` inside a
/// multi-line array, or `[[[[`…) is not a header: a key must follow.
fn skip_header(bytes: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    let double = bytes.get(j) == Some(&b'[');
    if double {
        j += 1;
    }
    while matches!(bytes.get(j), Some(b' ' | b'\t')) {
        j += 1;
    }
    let key_start = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'"' | b'\'');
    if !bytes.get(j).is_some_and(|&b| key_start(b)) {
        return None;
    }
    while j < bytes.len() {
        match bytes[j] {
            b'"' | b'\'' => j = skip_string(bytes, j),
            b']' => {
                j += 1;
                if double && bytes.get(j) == Some(&b']') {
                    j += 1;
                }
                return Some(j);
            }
            b'\n' | b'[' | b'{' => return Some(j),
            _ => j += 1,
        }
    }
    Some(j)
}

/// Where the nesting of `[` and `{` (outside strings, comments and table
/// headers) first goes deeper than `limit`, found with a cheap scan before
/// the real parser sees the text. The parser has a depth guard of its own
/// (reported as LH014 too); this scan gives the clearer message and
/// position, and keeps deep input away from the parser altogether.
fn nesting_beyond(src: &str, limit: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                i = skip_string(bytes, i);
                line_start = false;
                continue;
            }
            b'[' if line_start => {
                if let Some(end) = skip_header(bytes, i) {
                    i = end;
                    line_start = false;
                    continue;
                }
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        line_start = false;
        i += 1;
    }
    None
}

/// The byte offsets of the lines that are a plain `[[node]]` header at the
/// top level of the document (not inside a string or a value); only the
/// first with `first_only`.
fn node_header_lines(src: &str, first_only: bool) -> Vec<usize> {
    let bytes = src.as_bytes();
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line_start = true;
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' | b'\'' => {
                i = skip_string(bytes, i);
                line_start = false;
            }
            b'[' if line_start && depth == 0 => {
                let line = src[..i].rfind('\n').map_or(0, |n| n + 1);
                let end = src[i..].find('\n').map_or(src.len(), |n| i + n);
                if is_node_header(&src[i..end]) {
                    found.push(line);
                    if first_only {
                        break;
                    }
                }
                i = skip_header(bytes, i).unwrap_or(i + 1);
                line_start = false;
            }
            b'[' | b'{' => {
                depth += 1;
                line_start = false;
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                line_start = false;
                i += 1;
            }
            _ => {
                line_start = false;
                i += 1;
            }
        }
    }
    found
}

/// Is this line (from its `[`) exactly `[[node]]`, give or take spaces and a
/// comment?
fn is_node_header(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("[[") else {
        return false;
    };
    let Some(rest) = rest.trim_start_matches([' ', '\t']).strip_prefix("node") else {
        return false;
    };
    let Some(rest) = rest.trim_start_matches([' ', '\t']).strip_prefix("]]") else {
        return false;
    };
    let rest = rest.trim_matches([' ', '\t', '\r']);
    rest.is_empty() || rest.starts_with('#')
}

/// The part of a tree file before its first `[[node]]`: the service header,
/// links and sources. The registry reads only this to list a service.
pub fn header_part(src: &str) -> &str {
    match node_header_lines(src, true).first() {
        Some(&at) => &src[..at],
        None => src,
    }
}

/// What `list` shows of a tree file, read without checking the tree, every
/// text neutralised.
#[derive(Debug)]
pub struct Listing {
    pub id: Option<String>,
    pub aliases: Vec<String>,
    pub name: Text,
    pub summary: Text,
}

/// The listing of a tree file: from the part before its first `[[node]]`
/// when that part has it all (a 100k-node file is not parsed whole just to
/// be listed), else from the whole file when that is small enough to parse
/// whole (see `WHOLE_PARSE_BYTES`). `None` when neither can be read.
pub fn listing(src: &str) -> Option<Listing> {
    let head = header_part(src);
    let mut header = None;
    if head.len() < src.len() && head.len() <= WHOLE_PARSE_BYTES {
        header = toml::from_str::<RawHeader>(head)
            .ok()
            .filter(|h| h.id.is_some() && h.name.is_some() && h.summary.is_some());
    }
    if header.is_none() && src.len() <= WHOLE_PARSE_BYTES {
        header = toml::from_str(src).ok();
    }
    let header = header?;
    let text = |t: &Option<RawPlainText>| match t {
        Some(t) => Text::new(
            neutralize(t.ja.as_deref().unwrap_or_default()),
            neutralize(t.en.as_deref().unwrap_or_default()),
        ),
        None => Text::new("", ""),
    };
    Some(Listing {
        id: header.id.as_deref().map(neutralize),
        aliases: header.aliases.iter().map(|a| neutralize(a)).collect(),
        name: text(&header.name),
        summary: text(&header.summary),
    })
}

/// One `[[node]]` section of a file, parsed on its own.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeSection {
    node: Vec<S<RawNode>>,
}

/// Does the part before the first `[[node]]` set `node` (even `node = []`)?
#[derive(serde::Deserialize)]
struct NodeProbe {
    node: Option<S<serde::de::IgnoredAny>>,
}

fn too_many_nodes(at: Option<Range<usize>>) -> Diagnostic {
    Diagnostic::new(
        Code::TooLarge,
        at,
        format!("the tree has more than {MAX_NODES} nodes"),
    )
    .hint(format!("a tree may have at most {MAX_NODES} nodes"))
}

/// Parse a large file one `[[node]]` section at a time (on every core), and
/// shift each position back into the whole file. The parser holds 40 to 100
/// bytes of working memory per byte of its input at once, and a raw node
/// takes a kilobyte however short its text: a 64 MiB file parsed whole could
/// take gigabytes. Section by section, memory stays bounded by
/// `MAX_SECTION_BYTES` per thread plus `MAX_NODES` nodes, and a 100k-node
/// tree loads in a fraction of the time.
///
/// TOML sections are independent when each holds only node tables, so the
/// result is the same as parsing the whole text. A large file must keep to
/// that layout: links and sources before the first `[[node]]`, and no section
/// (or the part before them) larger than `MAX_SECTION_BYTES`.
fn parse_sections(src: &str) -> Result<RawService, Diagnostic> {
    let layout = "a file over 512 KiB is read one [[node]] section at a time: \
                  put the header, [[link]] and [[source]] before the first [[node]], \
                  and keep each part under 256 KiB";
    let starts = node_header_lines(src, false);
    let head_end = starts.first().copied().unwrap_or(src.len());
    if head_end > MAX_SECTION_BYTES {
        return Err(Diagnostic::new(
            Code::TooLarge,
            Some(0..0),
            format!("the part before the first [[node]] is {head_end} bytes; the limit is {MAX_SECTION_BYTES}"),
        )
        .hint(layout));
    }
    if starts.len() > MAX_NODES {
        let at = starts[MAX_NODES];
        return Err(too_many_nodes(Some(at..at + 8)));
    }
    let ends = starts.iter().skip(1).copied().chain([src.len()]);
    let sections: Vec<Range<usize>> = starts
        .iter()
        .copied()
        .zip(ends)
        .map(|(s, e)| s..e)
        .collect();
    if let Some(big) = sections.iter().find(|r| r.len() > MAX_SECTION_BYTES) {
        return Err(Diagnostic::new(
            Code::TooLarge,
            Some(big.start..big.start + 8),
            format!(
                "this [[node]] section is {} bytes; the limit is {MAX_SECTION_BYTES}",
                big.len()
            ),
        )
        .hint(layout));
    }

    let head_src = &src[..head_end];
    let mut head: RawService = toml::from_str(head_src).map_err(|e| toml_error(&e, 0))?;
    let probe: NodeProbe = toml::from_str(head_src).map_err(|e| toml_error(&e, 0))?;
    if let Some(node) = probe.node {
        return Err(Diagnostic::new(
            Code::TooLarge,
            Some(node.span()),
            "`node` is set before the first plain [[node]] line",
        )
        .hint("in a file over 512 KiB, write every node as a table headed by a line `[[node]]`"));
    }

    // Sections are independent: parse them on the machine's cores, stopping
    // everywhere as soon as the tree has too many nodes.
    let threads = match sections.len() {
        0..=255 => 1,
        _ => std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
    };
    let per_thread = sections.len().div_ceil(threads).max(1);
    let total = std::sync::atomic::AtomicUsize::new(0);
    let parse = |part: &[Range<usize>]| -> Result<Vec<S<RawNode>>, Diagnostic> {
        let mut nodes = Vec::with_capacity(part.len());
        for range in part {
            let section: NodeSection = toml::from_str(&src[range.clone()]).map_err(|e| {
                let message = e.message();
                if message.starts_with("unknown field") && message.contains("expected `node`") {
                    let at = e.span().map(|s| s.start + range.start..s.end + range.start);
                    Diagnostic::new(
                        Code::TooLarge,
                        at,
                        "only [[node]] tables may follow the first [[node]] in a file this large",
                    )
                    .hint(layout)
                } else {
                    toml_error(&e, range.start)
                }
            })?;
            let count = section.node.len();
            if total.fetch_add(count, std::sync::atomic::Ordering::Relaxed) + count > MAX_NODES {
                return Err(too_many_nodes(Some(range.start..range.start + 8)));
            }
            nodes.extend(section.node.into_iter().map(|n| shift_node(n, range.start)));
        }
        Ok(nodes)
    };
    let parts: Vec<Result<Vec<S<RawNode>>, Diagnostic>> = if threads == 1 {
        vec![parse(&sections)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = sections
                .chunks(per_thread)
                .map(|part| scope.spawn(move || parse(part)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    };
    // The first problem in file order: parts are in order, and each stops
    // at its first. Too many nodes counts wherever it was noticed.
    let mut too_many = None;
    let total: usize = parts.iter().flatten().map(Vec::len).sum();
    for part in parts {
        match part {
            // The first part's nodes become the list (grown in place, not
            // copied): a 100k-node tree never holds two copies of them.
            Ok(nodes) if head.node.is_empty() => {
                head.node = nodes;
                head.node.reserve_exact(total - head.node.len());
            }
            Ok(nodes) => head.node.extend(nodes),
            Err(d) if d.code == Code::TooLarge && d.message.starts_with("the tree has more") => {
                too_many = too_many.or(Some(d));
            }
            Err(d) => return Err(d),
        }
    }
    match too_many {
        Some(d) => Err(d),
        None => Ok(head),
    }
}

/// Move a position (and every position inside the value) by `by` bytes.
fn shift<T>(s: S<T>, by: usize, inner: impl FnOnce(T) -> T) -> S<T> {
    let span = s.span();
    S::new(span.start + by..span.end + by, inner(s.into_inner()))
}

fn shift_leaf<T>(s: Option<S<T>>, by: usize) -> Option<S<T>> {
    s.map(|s| shift(s, by, |v| v))
}

fn shift_text(t: Option<S<RawText>>, by: usize) -> Option<S<RawText>> {
    t.map(|t| shift(t, by, |t| shift_text_parts(t, by)))
}

fn shift_list<T>(
    list: Option<S<Vec<S<T>>>>,
    by: usize,
    each: impl Fn(T) -> T,
) -> Option<S<Vec<S<T>>>> {
    list.map(|l| {
        shift(l, by, |items| {
            items
                .into_iter()
                .map(|item| shift(item, by, &each))
                .collect()
        })
    })
}

fn shift_texts(list: Option<S<Vec<S<RawText>>>>, by: usize) -> Option<S<Vec<S<RawText>>>> {
    shift_list(list, by, |t| shift_text_parts(t, by))
}

fn shift_text_parts(RawText(mut parts): RawText, by: usize) -> RawText {
    parts.ja = shift_leaf(parts.ja.take(), by);
    parts.en = shift_leaf(parts.en.take(), by);
    RawText(parts)
}

/// Every field is listed, so that a new key in `RawNode` fails to compile
/// here until it is shifted too.
fn shift_node(node: S<RawNode>, by: usize) -> S<RawNode> {
    shift(node, by, |n| RawNode {
        id: shift_leaf(n.id, by),
        kind: shift_leaf(n.kind, by),
        cause: shift_text(n.cause, by),
        warning: shift_text(n.warning, by),
        notes: shift_texts(n.notes, by),
        text: shift_text(n.text, by),
        help: shift_text(n.help, by),
        option: shift_list(n.option, by, |o| RawOption {
            id: shift_leaf(o.id, by),
            label: shift_text(o.label, by),
            next: shift_leaf(o.next, by),
            platform: shift_leaf(o.platform, by),
        }),
        title: shift_text(n.title, by),
        intro: shift_text(n.intro, by),
        step: shift_list(n.step, by, |s| RawStep {
            text: shift_text(s.text, by),
            note: shift_text(s.note, by),
            warning: shift_text(s.warning, by),
            platform: shift_leaf(s.platform, by),
        }),
        solved: shift_leaf(n.solved, by),
        unsolved: shift_leaf(n.unsolved, by),
        next: shift_leaf(n.next, by),
        contact: shift_list(n.contact, by, |c| RawContact {
            channel: shift_leaf(c.channel, by),
            label: shift_text(c.label, by),
            phone: shift_leaf(c.phone, by),
            url: shift_leaf(c.url, by),
            path: shift_text(c.path, by),
            steps: shift_texts(c.steps, by),
            hours: shift_text(c.hours, by),
            cost: shift_text(c.cost, by),
            note: shift_text(c.note, by),
        }),
        prepare: shift_texts(n.prepare, by),
        tips: shift_texts(n.tips, by),
    })
}

/// A quick byte test that is true for every text holding a character
/// `is_unsafe_char` flags (a C0 control or DEL is one byte; a C1 control
/// starts with 0xC2; the bidirectional controls with 0xE2), so that plain
/// text skips the per-character check. A unit test holds the two together.
fn may_hold_unsafe_char(s: &str) -> bool {
    s.bytes()
        .any(|b| (b < 0x20 && b != b'\n') || b == 0x7f || b == 0xc2 || b == 0xe2)
}

#[derive(Default)]
struct Checker {
    diagnostics: Vec<Diagnostic>,
    /// How many "did you mean" searches over the node ids were made.
    suggestions: usize,
}

fn span<T>(s: &S<T>) -> Range<usize> {
    s.span()
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A phone number as Japanese services print them: digits in groups joined by
/// `-` or spaces, an optional leading `+`, 3 to 15 digits in all.
pub fn is_valid_phone(phone: &str) -> bool {
    let body = phone.strip_prefix('+').unwrap_or(phone);
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    (3..=15).contains(&digits)
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b' ')
        && body.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && body.bytes().last().is_some_and(|b| b.is_ascii_digit())
        && !body.contains("--")
        && !body.contains("  ")
}

/// An absolute https URL with a real host name.
pub fn url_problem(raw: &str) -> Option<&'static str> {
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("a URL may not contain spaces or control characters");
    }
    let Ok(url) = url::Url::parse(raw) else {
        return Some("not a valid URL");
    };
    if url.scheme() != "https" {
        return Some("only https URLs are allowed");
    }
    match url.host() {
        Some(url::Host::Domain(host)) if host.contains('.') => {}
        _ => return Some("the URL needs a public host name"),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Some("a URL may not carry a user name or password");
    }
    None
}

fn is_valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3
        || parts[0].len() != 4
        || parts[1].len() != 2
        || parts[2].len() != 2
        || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        parts[0].parse::<u32>(),
        parts[1].parse::<u32>(),
        parts[2].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (2000..=2999).contains(&year) && (1..=days).contains(&day)
}

/// Keys each node kind takes, besides `id`, `kind`, `cause`, `warning`, `notes`.
fn allowed_keys(kind: NodeKind) -> &'static [&'static str] {
    match kind {
        NodeKind::Question => &["text", "help", "option"],
        NodeKind::Fix => &["title", "intro", "step", "solved", "unsolved", "next"],
        NodeKind::Escalation => &["title", "text", "contact", "prepare", "tips"],
        NodeKind::Resolved | NodeKind::End => &["title", "text"],
    }
}

/// The kind-specific keys present in a raw node, with their positions.
fn present_keys(node: &RawNode) -> Vec<(&'static str, Range<usize>)> {
    let mut keys = Vec::new();
    let mut add = |name: &'static str, s: Option<Range<usize>>| {
        if let Some(s) = s {
            keys.push((name, s));
        }
    };
    add("text", node.text.as_ref().map(span));
    add("help", node.help.as_ref().map(span));
    add("option", node.option.as_ref().map(span));
    add("title", node.title.as_ref().map(span));
    add("intro", node.intro.as_ref().map(span));
    add("step", node.step.as_ref().map(span));
    add("solved", node.solved.as_ref().map(span));
    add("unsolved", node.unsolved.as_ref().map(span));
    add("next", node.next.as_ref().map(span));
    add("contact", node.contact.as_ref().map(span));
    add("prepare", node.prepare.as_ref().map(span));
    add("tips", node.tips.as_ref().map(span));
    keys
}

impl Checker {
    fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn error(&mut self, code: Code, at: Option<Range<usize>>, message: impl Into<String>) {
        self.report(Diagnostic::new(code, at, message));
    }

    fn string(&mut self, value: &S<String>) -> String {
        if !may_hold_unsafe_char(value.get_ref()) {
            return value.get_ref().clone();
        }
        if value.get_ref().chars().any(is_unsafe_char) {
            self.report(
                Diagnostic::new(
                    Code::ControlChar,
                    Some(value.span()),
                    "this text contains a control character",
                )
                .hint("it is shown escaped; remove it"),
            );
        }
        neutralize(value.get_ref())
    }

    /// A required translated text; `owner` names it in messages.
    fn text(&mut self, raw: Option<&S<RawText>>, owner: &str, at: &Range<usize>) -> Option<Text> {
        match raw {
            Some(t) => Some(self.present_text(t, owner)),
            None => {
                self.error(
                    Code::MissingKey,
                    Some(at.clone()),
                    format!("missing `{owner}`"),
                );
                None
            }
        }
    }

    fn optional_text(&mut self, raw: Option<&S<RawText>>, owner: &str) -> Option<Text> {
        raw.map(|t| self.present_text(t, owner))
    }

    fn present_text(&mut self, raw: &S<RawText>, owner: &str) -> Text {
        let mut get = |value: Option<&S<String>>, lang: &str, name: &str| -> String {
            match value {
                Some(v) if !v.get_ref().trim().is_empty() => self.string(v),
                Some(v) => {
                    self.report(
                        Diagnostic::new(
                            Code::MissingTranslation,
                            Some(v.span()),
                            format!("the {name} text of `{owner}` is empty"),
                        )
                        .hint(format!("write the {name} text in `{lang}`")),
                    );
                    String::new()
                }
                None => {
                    self.report(
                        Diagnostic::new(
                            Code::MissingTranslation,
                            Some(raw.span()),
                            format!("`{owner}` has no {name} text"),
                        )
                        .hint(format!("add `{lang} = \"…\"`")),
                    );
                    String::new()
                }
            }
        };
        let ja = get(raw.get_ref().ja.as_ref(), "ja", "Japanese");
        let en = get(raw.get_ref().en.as_ref(), "en", "English");
        Text {
            ja: ja.into(),
            en: en.into(),
        }
    }

    fn text_list(&mut self, raw: Option<&S<Vec<S<RawText>>>>, owner: &str) -> Vec<Text> {
        raw.map(|list| {
            list.get_ref()
                .iter()
                .map(|t| self.present_text(t, owner))
                .collect()
        })
        .unwrap_or_default()
    }

    /// Report a value that is not one of `names` (LH012), with the closest
    /// name and the full list in the hint.
    fn unknown_value(&mut self, what: &str, plural: &str, raw: &S<String>, names: &[&str]) {
        let list = names.join(", ");
        let hint = match did_you_mean(raw.get_ref(), names.iter().copied()) {
            Some(dym) => format!("{dym} ({plural}: {list})"),
            None => format!("{plural}: {list}"),
        };
        self.report(
            Diagnostic::new(
                Code::InvalidValue,
                Some(raw.span()),
                format!("unknown {what} `{}`", neutralize(raw.get_ref())),
            )
            .hint(hint),
        );
    }

    fn platform(&mut self, raw: Option<&S<String>>) -> Option<Platform> {
        let raw = raw?;
        let parsed = Platform::parse(raw.get_ref());
        if parsed.is_none() {
            let names: Vec<&str> = Platform::ALL.iter().map(|p| p.id()).collect();
            self.unknown_value("platform", "platforms", raw, &names);
        }
        parsed
    }

    fn url(&mut self, raw: &S<String>) -> String {
        if let Some(problem) = url_problem(raw.get_ref()) {
            self.report(
                Diagnostic::new(
                    Code::BadUrl,
                    Some(raw.span()),
                    format!("{problem}: `{}`", neutralize(raw.get_ref())),
                )
                .hint("write an absolute https URL of the service's official site"),
            );
        }
        neutralize(raw.get_ref())
    }

    fn service(&mut self, raw: &RawService) -> Option<Service> {
        let top = 0..0;
        match &raw.format {
            None => self.error(Code::MissingKey, Some(top.clone()), "missing `format`"),
            Some(f) if *f.get_ref() != 1 => self.report(
                Diagnostic::new(
                    Code::InvalidValue,
                    Some(f.span()),
                    format!("unsupported format version {}", f.get_ref()),
                )
                .hint("this loginhelp reads `format = 1`"),
            ),
            Some(_) => {}
        }
        let id = match &raw.id {
            None => {
                self.error(Code::MissingKey, Some(top.clone()), "missing `id`");
                String::new()
            }
            Some(id) => {
                if !is_valid_id(id.get_ref()) {
                    self.report(
                        Diagnostic::new(
                            Code::InvalidValue,
                            Some(id.span()),
                            format!("`{}` is not a valid service id", neutralize(id.get_ref())),
                        )
                        .hint("ids use lowercase letters, digits and single hyphens"),
                    );
                }
                neutralize(id.get_ref())
            }
        };
        let mut aliases = Vec::new();
        let mut seen_aliases = HashSet::new();
        for alias in &raw.aliases {
            let value = self.string(alias);
            if value.trim().is_empty() {
                self.error(Code::InvalidValue, Some(alias.span()), "an alias is empty");
            } else if !seen_aliases.insert(crate::fold::fold(&value)) {
                self.error(
                    Code::DuplicateId,
                    Some(alias.span()),
                    format!("alias `{value}` is listed twice"),
                );
            }
            aliases.push(value);
        }
        let reviewed = match &raw.reviewed {
            None => {
                self.report(
                    Diagnostic::new(Code::MissingKey, Some(top.clone()), "missing `reviewed`")
                        .hint("the date the content was last checked: reviewed = \"YYYY-MM-DD\""),
                );
                String::new()
            }
            Some(r) => {
                if !is_valid_date(r.get_ref()) {
                    self.report(
                        Diagnostic::new(
                            Code::InvalidValue,
                            Some(r.span()),
                            format!("`{}` is not a date", neutralize(r.get_ref())),
                        )
                        .hint("write it as YYYY-MM-DD"),
                    );
                }
                neutralize(r.get_ref())
            }
        };
        let name = self.text(raw.name.as_ref().map(|s| s as &S<RawText>), "name", &top);
        let summary = self.text(raw.summary.as_ref(), "summary", &top);
        let links: Vec<_> = raw.link.iter().map(|l| self.link(l)).collect();
        if raw.source.is_empty() {
            self.report(
                Diagnostic::new(Code::MissingKey, Some(top.clone()), "no `[[source]]`").hint(
                    "record where the content came from: [[source]] title = \"…\" ref = \"…\"",
                ),
            );
        }
        let sources: Vec<_> = raw.source.iter().map(|s| self.source(s)).collect();
        if raw.node.is_empty() {
            self.error(
                Code::MissingKey,
                Some(top.clone()),
                "the tree has no `[[node]]`",
            );
        }

        // Node ids first, so that links can be resolved in any order.
        let mut index: HashMap<&str, NodeIndex> = HashMap::new();
        for (i, node) in raw.node.iter().enumerate() {
            let Some(id) = &node.get_ref().id else {
                continue;
            };
            if !is_valid_id(id.get_ref()) {
                self.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        Some(id.span()),
                        format!("`{}` is not a valid node id", neutralize(id.get_ref())),
                    )
                    .hint(
                        "ids use lowercase letters, digits and single hyphens: `forgot-password`",
                    ),
                );
            }
            if let Some(&first) = index.get(id.get_ref().as_str()) {
                let first_at = raw.node[first]
                    .get_ref()
                    .id
                    .as_ref()
                    .map(|f| f.span().start)
                    .unwrap_or(0);
                self.report(
                    Diagnostic::new(
                        Code::DuplicateId,
                        Some(id.span()),
                        format!("node id `{}` is used twice", neutralize(id.get_ref())),
                    )
                    .hint("give this node another id")
                    .related(first_at, "first used here"),
                );
            } else {
                index.insert(id.get_ref(), i);
            }
        }

        let mut nodes = Vec::with_capacity(raw.node.len());
        let mut link_failed = false;
        let resolve = |checker: &mut Checker, target: &S<String>, failed: &mut bool| -> NodeIndex {
            match index.get(target.get_ref().as_str()) {
                Some(&i) => i,
                None => {
                    *failed = true;
                    let mut d = Diagnostic::new(
                        Code::MissingNode,
                        Some(target.span()),
                        format!("no node has the id `{}`", neutralize(target.get_ref())),
                    );
                    // Each suggestion compares against every id: a few only,
                    // or a file with 100k broken links takes hours.
                    if checker.suggestions < MAX_SUGGESTIONS {
                        checker.suggestions += 1;
                        if let Some(dym) = did_you_mean(target.get_ref(), index.keys().copied()) {
                            d = d.hint(dym);
                        }
                    }
                    checker.report(d);
                    0
                }
            }
        };
        let start = match &raw.start {
            None => {
                self.error(Code::MissingKey, Some(top.clone()), "missing `start`");
                link_failed = true;
                0
            }
            Some(s) => resolve(self, s, &mut link_failed),
        };
        for node in &raw.node {
            let (converted, pending) = self.node(node);
            let mut targets = Vec::with_capacity(pending.len());
            for p in pending {
                targets.push(
                    p.target
                        .as_ref()
                        .map(|t| resolve(self, t, &mut link_failed)),
                );
            }
            match converted {
                Some(mut n) => {
                    if targets.iter().any(Option::is_none) {
                        link_failed = true;
                    }
                    let targets: Vec<NodeIndex> = targets.into_iter().flatten().collect();
                    fill_targets(&mut n.body, &targets);
                    nodes.push(n);
                }
                None => link_failed = true,
            }
        }
        let node_spans: Vec<Range<usize>> = raw
            .node
            .iter()
            .map(|n| {
                n.get_ref()
                    .id
                    .as_ref()
                    .map_or_else(|| n.span(), |i| i.span())
            })
            .collect();
        if !link_failed && nodes.len() == raw.node.len() && !nodes.is_empty() {
            self.graph(&nodes, start, &node_spans);
        }
        Some(Service::new(
            id.into(),
            aliases.into_iter().map(Str::from).collect(),
            reviewed.into(),
            name?,
            summary?,
            links.into(),
            sources.into(),
            start,
            nodes.into(),
        ))
    }

    fn link(&mut self, raw: &S<RawLink>) -> Link {
        let l = raw.get_ref();
        let kind = match &l.kind {
            None => {
                self.error(Code::MissingKey, Some(raw.span()), "a link needs `kind`");
                String::new()
            }
            Some(k) => {
                const KINDS: [&str; 4] = ["help", "sign-in", "contact", "home"];
                if !KINDS.contains(&k.get_ref().as_str()) {
                    self.unknown_value("link kind", "link kinds", k, &KINDS);
                }
                neutralize(k.get_ref())
            }
        };
        let url = match &l.url {
            None => {
                self.error(Code::MissingKey, Some(raw.span()), "a link needs `url`");
                String::new()
            }
            Some(u) => self.url(u),
        };
        let label = self.optional_text(l.label.as_ref(), "label");
        Link {
            kind: kind.into(),
            url: url.into(),
            label,
        }
    }

    fn source(&mut self, raw: &S<RawSource>) -> Source {
        let s = raw.get_ref();
        let title = match &s.title {
            Some(t) => self.string(t),
            None => {
                self.error(Code::MissingKey, Some(raw.span()), "a source needs `title`");
                String::new()
            }
        };
        let reference = match &s.reference {
            Some(r) if r.get_ref().contains("://") => self.url(r),
            Some(r) => self.string(r),
            None => {
                self.error(Code::MissingKey, Some(raw.span()), "a source needs `ref`");
                String::new()
            }
        };
        let note = self.optional_text(s.note.as_ref(), "note");
        Source {
            title: title.into(),
            reference: reference.into(),
            note,
        }
    }

    /// Convert one node. Links are returned separately (in the order
    /// `fill_targets` expects) because ids are resolved by the caller.
    fn node<'r>(&mut self, raw: &'r S<RawNode>) -> (Option<Node>, Vec<PendingLink<'r>>) {
        let n = raw.get_ref();
        let at = n.id.as_ref().map_or_else(|| raw.span(), |i| i.span());
        if n.id.is_none() {
            self.error(Code::MissingKey, Some(raw.span()), "a node needs `id`");
        }
        let kind = match &n.kind {
            None => {
                self.report(
                    Diagnostic::new(Code::MissingKey, Some(at.clone()), "a node needs `kind`")
                        .hint(
                            "kind = \"question\", \"fix\", \"escalation\", \"resolved\" or \"end\"",
                        ),
                );
                return (None, Vec::new());
            }
            Some(k) => match NodeKind::parse(k.get_ref()) {
                Some(kind) => kind,
                None => {
                    let names: Vec<&str> = NodeKind::ALL.iter().map(|k| k.id()).collect();
                    self.unknown_value("node kind", "kinds", k, &names);
                    return (None, Vec::new());
                }
            },
        };
        let allowed = allowed_keys(kind);
        for (key, key_span) in present_keys(n) {
            if !allowed.contains(&key) {
                self.report(
                    Diagnostic::new(
                        Code::UnknownKey,
                        Some(key_span),
                        format!("`{key}` does not belong in a {} node", kind.id()),
                    )
                    .hint(format!(
                        "a {} node takes: {}, cause, warning, notes",
                        kind.id(),
                        allowed.join(", ")
                    )),
                );
            }
        }
        let id =
            n.id.as_ref()
                .map(|i| neutralize(i.get_ref()))
                .unwrap_or_default();
        let cause = self.optional_text(n.cause.as_ref(), "cause");
        let warning = self.optional_text(n.warning.as_ref(), "warning");
        let notes = self.text_list(n.notes.as_ref(), "notes");
        let mut pending = Vec::new();
        let body = match kind {
            NodeKind::Question => {
                let text = self.text(n.text.as_ref(), "text", &at);
                let help = self.optional_text(n.help.as_ref(), "help");
                let options = self.options(n, &at, &mut pending);
                text.map(|text| Body::Question {
                    text,
                    help,
                    options: options.into(),
                })
            }
            NodeKind::Fix => {
                let title = self.text(n.title.as_ref(), "title", &at);
                let intro = self.optional_text(n.intro.as_ref(), "intro");
                let steps = self.steps(n, &at);
                let after = self.after_fix(n, &at, &mut pending);
                match (title, after) {
                    (Some(title), Some(after)) => Some(Body::Fix {
                        title,
                        intro,
                        steps: steps.into(),
                        after,
                    }),
                    _ => None,
                }
            }
            NodeKind::Escalation => {
                let title = self.text(n.title.as_ref(), "title", &at);
                let text = self.optional_text(n.text.as_ref(), "text");
                let contacts = self.contacts(n, &at);
                let prepare = self.text_list(n.prepare.as_ref(), "prepare");
                let tips = self.text_list(n.tips.as_ref(), "tips");
                title.map(|title| Body::Escalation {
                    title,
                    text,
                    contacts: contacts.into(),
                    prepare: prepare.into(),
                    tips: tips.into(),
                })
            }
            NodeKind::Resolved | NodeKind::End => {
                let title = self.text(n.title.as_ref(), "title", &at);
                let text = self.optional_text(n.text.as_ref(), "text");
                title.map(|title| {
                    if kind == NodeKind::Resolved {
                        Body::Resolved { title, text }
                    } else {
                        Body::End { title, text }
                    }
                })
            }
        };
        let node = body.map(|body| Node {
            id: id.into(),
            cause,
            warning,
            notes: notes.into(),
            body,
        });
        (node, pending)
    }

    fn options<'r>(
        &mut self,
        n: &'r RawNode,
        at: &Range<usize>,
        pending: &mut Vec<PendingLink<'r>>,
    ) -> Vec<Choice> {
        let Some(list) = &n.option else {
            self.report(
                Diagnostic::new(
                    Code::LeadsNowhere,
                    Some(at.clone()),
                    "a question needs options",
                )
                .hint("add two or more [[node.option]] tables"),
            );
            return Vec::new();
        };
        if list.get_ref().len() < 2 {
            self.report(
                Diagnostic::new(
                    Code::LeadsNowhere,
                    Some(list.span()),
                    format!(
                        "a question needs at least 2 options, this one has {}",
                        list.get_ref().len()
                    ),
                )
                .hint("a fix with steps, or a yes/no question, may be what is meant"),
            );
        }
        let mut seen: HashSet<&str> = HashSet::new();
        let mut choices = Vec::new();
        for option in list.get_ref() {
            let o = option.get_ref();
            let option_id = match &o.id {
                None => {
                    self.error(
                        Code::MissingKey,
                        Some(option.span()),
                        "an option needs `id`",
                    );
                    String::new()
                }
                Some(id) => {
                    if !is_valid_id(id.get_ref()) {
                        self.report(
                            Diagnostic::new(
                                Code::InvalidValue,
                                Some(id.span()),
                                format!("`{}` is not a valid option id", neutralize(id.get_ref())),
                            )
                            .hint("ids use lowercase letters, digits and single hyphens"),
                        );
                    }
                    if !seen.insert(id.get_ref()) {
                        self.error(
                            Code::DuplicateId,
                            Some(id.span()),
                            format!(
                                "option id `{}` is used twice in this question",
                                neutralize(id.get_ref())
                            ),
                        );
                    }
                    neutralize(id.get_ref())
                }
            };
            let label = self.text(o.label.as_ref(), "label", &option.span());
            if let (Some(label), Some(raw_label)) = (&label, &o.label) {
                let raw_label = raw_label.get_ref();
                let (widest, at) = if width(&label.ja) >= width(&label.en) {
                    (width(&label.ja), raw_label.ja.as_ref().map(|s| s.span()))
                } else {
                    (width(&label.en), raw_label.en.as_ref().map(|s| s.span()))
                };
                if widest > MAX_LABEL_COLUMNS {
                    self.report(
                        Diagnostic::new(
                            Code::WideLabel,
                            at,
                            format!("this label is {widest} columns wide; at most {MAX_LABEL_COLUMNS} fit a prompt"),
                        )
                        .hint("shorten it and move the detail into the question's `text` or `help`"),
                    );
                }
            }
            let platform = self.platform(o.platform.as_ref());
            if o.next.is_none() {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(option.span()),
                        format!("option `{option_id}` leads nowhere"),
                    )
                    .hint("add next = \"<node id>\""),
                );
            }
            pending.push(PendingLink {
                target: o.next.as_ref(),
            });
            choices.push(Choice {
                id: option_id.into(),
                label: label.unwrap_or_else(|| Text::new("", "")),
                next: 0,
                platform,
            });
        }
        choices
    }

    fn steps(&mut self, n: &RawNode, at: &Range<usize>) -> Vec<Step> {
        let Some(list) = &n.step else {
            self.report(
                Diagnostic::new(Code::MissingKey, Some(at.clone()), "a fix needs steps")
                    .hint("add one or more [[node.step]] tables"),
            );
            return Vec::new();
        };
        if list.get_ref().is_empty() {
            self.error(
                Code::MissingKey,
                Some(list.span()),
                "a fix needs at least one step",
            );
        }
        list.get_ref()
            .iter()
            .map(|step| {
                let s = step.get_ref();
                Step {
                    text: self
                        .text(s.text.as_ref(), "text", &step.span())
                        .unwrap_or_else(|| Text::new("", "")),
                    note: self.optional_text(s.note.as_ref(), "note"),
                    warning: self.optional_text(s.warning.as_ref(), "warning"),
                    platform: self.platform(s.platform.as_ref()),
                }
            })
            .collect()
    }

    fn after_fix<'r>(
        &mut self,
        n: &'r RawNode,
        at: &Range<usize>,
        pending: &mut Vec<PendingLink<'r>>,
    ) -> Option<AfterFix> {
        match (&n.solved, &n.unsolved, &n.next) {
            (Some(solved), Some(unsolved), None) => {
                pending.push(PendingLink {
                    target: Some(solved),
                });
                pending.push(PendingLink {
                    target: Some(unsolved),
                });
                Some(AfterFix::Ask {
                    solved: 0,
                    unsolved: 0,
                })
            }
            (None, None, Some(next)) => {
                pending.push(PendingLink { target: Some(next) });
                Some(AfterFix::Continue(0))
            }
            (solved, unsolved, Some(next)) if solved.is_some() || unsolved.is_some() => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        Some(next.span()),
                        "a fix takes either `next` or `solved` and `unsolved`, not both",
                    )
                    .hint("use `next` only for steps that are not themselves a fix"),
                );
                None
            }
            (Some(s), None, None) => {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(s.span()),
                        "this fix leads nowhere when it does not help",
                    )
                    .hint("add unsolved = \"<node id>\""),
                );
                None
            }
            (None, Some(u), None) => {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(u.span()),
                        "this fix leads nowhere when it works",
                    )
                    .hint("add solved = \"<node id>\""),
                );
                None
            }
            _ => {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(at.clone()),
                        "this fix leads nowhere",
                    )
                    .hint("add solved and unsolved (or next) node ids"),
                );
                None
            }
        }
    }

    fn contacts(&mut self, n: &RawNode, at: &Range<usize>) -> Vec<Contact> {
        let Some(list) = &n.contact else {
            self.report(
                Diagnostic::new(
                    Code::MissingKey,
                    Some(at.clone()),
                    "an escalation needs contacts",
                )
                .hint("add one or more [[node.contact]] tables"),
            );
            return Vec::new();
        };
        if list.get_ref().is_empty() {
            self.error(
                Code::MissingKey,
                Some(list.span()),
                "an escalation needs at least one contact",
            );
        }
        let mut contacts = Vec::new();
        for raw in list.get_ref() {
            let c = raw.get_ref();
            let channel = match &c.channel {
                None => {
                    self.error(
                        Code::MissingKey,
                        Some(raw.span()),
                        "a contact needs `channel`",
                    );
                    None
                }
                Some(ch) => {
                    let parsed = Channel::parse(ch.get_ref());
                    if parsed.is_none() {
                        let names: Vec<&str> = Channel::ALL.iter().map(|c| c.id()).collect();
                        self.unknown_value("channel", "channels", ch, &names);
                    }
                    parsed
                }
            };
            let label = self.text(c.label.as_ref(), "label", &raw.span());
            let phone = c.phone.as_ref().map(|p| {
                if !is_valid_phone(p.get_ref()) {
                    self.report(
                        Diagnostic::new(
                            Code::BadPhone,
                            Some(p.span()),
                            format!("`{}` is not a phone number", neutralize(p.get_ref())),
                        )
                        .hint("digits in groups joined by `-`, as printed: \"0120-999-373\""),
                    );
                }
                neutralize(p.get_ref())
            });
            let url = c.url.as_ref().map(|u| self.url(u));
            let path = self.optional_text(c.path.as_ref(), "path");
            let steps = self.text_list(c.steps.as_ref(), "steps");
            let hours = self.optional_text(c.hours.as_ref(), "hours");
            let cost = self.optional_text(c.cost.as_ref(), "cost");
            let note = self.optional_text(c.note.as_ref(), "note");
            if let Some(channel) = channel {
                let needs = match channel {
                    Channel::Phone | Channel::Hotline if phone.is_none() => Some("`phone`"),
                    Channel::WebForm | Channel::HelpCenter
                        if url.is_none() && path.is_none() && steps.is_empty() =>
                    {
                        Some("`url`, `path` or `steps`")
                    }
                    Channel::InApp if path.is_none() && steps.is_empty() => {
                        Some("`path` or `steps`")
                    }
                    Channel::Email if url.is_none() && note.is_none() && steps.is_empty() => {
                        Some("`url`, `note` or `steps`")
                    }
                    _ => None,
                };
                if let Some(needs) = needs {
                    self.error(
                        Code::MissingKey,
                        Some(raw.span()),
                        format!("a `{}` contact needs {needs}", channel.id()),
                    );
                }
            }
            if let (Some(channel), Some(label)) = (channel, label) {
                contacts.push(Contact {
                    channel,
                    label,
                    phone: phone.map(Str::from),
                    url: url.map(Str::from),
                    path,
                    steps: steps.into(),
                    hours,
                    cost,
                    note,
                });
            }
        }
        contacts
    }

    /// Reachability from `start`, and from every node to an outcome.
    fn graph(&mut self, nodes: &[Node], start: NodeIndex, spans: &[Range<usize>]) {
        let targets: Vec<Vec<NodeIndex>> = nodes.iter().map(Node::targets).collect();

        let mut reached = vec![false; nodes.len()];
        let mut queue = VecDeque::from([start]);
        reached[start] = true;
        while let Some(i) = queue.pop_front() {
            for &t in &targets[i] {
                if !reached[t] {
                    reached[t] = true;
                    queue.push_back(t);
                }
            }
        }
        for (i, node) in nodes.iter().enumerate() {
            if !reached[i] {
                self.report(
                    Diagnostic::new(
                        Code::Unreachable,
                        Some(spans[i].clone()),
                        format!("node `{}` cannot be reached from the start", node.id),
                    )
                    .hint("link to it from an option, or remove it"),
                );
            }
        }

        let mut sources: Vec<Vec<NodeIndex>> = vec![Vec::new(); nodes.len()];
        for (i, ts) in targets.iter().enumerate() {
            for &t in ts {
                sources[t].push(i);
            }
        }
        let mut ends = vec![false; nodes.len()];
        let mut queue: VecDeque<NodeIndex> = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind().is_outcome())
            .map(|(i, _)| i)
            .collect();
        for &i in &queue {
            ends[i] = true;
        }
        while let Some(i) = queue.pop_front() {
            for &s in &sources[i] {
                if !ends[s] {
                    ends[s] = true;
                    queue.push_back(s);
                }
            }
        }
        if ends.iter().all(|&e| e) {
            return;
        }
        // Every node that cannot end leads only to nodes that cannot end, so
        // it either sits on a loop with no way out or leads into one.
        let trapped = strongly_connected(&targets, &ends);
        let mut on_loop = vec![false; nodes.len()];
        for component in trapped {
            let is_loop = component.len() > 1 || targets[component[0]].contains(&component[0]);
            if !is_loop {
                continue;
            }
            for &i in &component {
                on_loop[i] = true;
            }
            let first = *component.iter().min().unwrap_or(&component[0]);
            let mut ids: Vec<&str> = component.iter().map(|&i| &*nodes[i].id).collect();
            ids.sort();
            let listed = match ids.len() {
                0..=12 => ids.join(", "),
                n => format!("{} and {} more", ids[..10].join(", "), n - 10),
            };
            self.report(
                Diagnostic::new(
                    Code::DeadLoop,
                    Some(spans[first].clone()),
                    format!("these nodes lead only to each other: {listed}"),
                )
                .hint("give one of them an option that leads to an outcome"),
            );
        }
        for (i, node) in nodes.iter().enumerate() {
            if !ends[i] && !on_loop[i] {
                self.report(
                    Diagnostic::new(
                        Code::NoOutcome,
                        Some(spans[i].clone()),
                        format!("no outcome can be reached from node `{}`", node.id),
                    )
                    .hint("every path must end in a resolved, escalation or end node"),
                );
            }
        }
    }
}

/// A link slot of a node, in the order `fill_targets` reads them.
struct PendingLink<'r> {
    target: Option<&'r S<String>>,
}

/// Write resolved link targets into a node body, in the order they were
/// collected: options in order; or solved, unsolved; or next.
fn fill_targets(body: &mut Body, targets: &[NodeIndex]) {
    match body {
        Body::Question { options, .. } => {
            for (o, &t) in options.to_mut().iter_mut().zip(targets) {
                o.next = t;
            }
        }
        Body::Fix { after, .. } => match after {
            AfterFix::Ask { solved, unsolved } => {
                if let [s, u] = targets {
                    *solved = *s;
                    *unsolved = *u;
                }
            }
            AfterFix::Continue(next) => {
                if let [n] = targets {
                    *next = *n;
                }
            }
        },
        _ => {}
    }
}

/// Strongly connected components of the nodes not marked in `skip`
/// (iterative Kosaraju, so a 100k-node chain cannot overflow the stack).
fn strongly_connected(targets: &[Vec<NodeIndex>], skip: &[bool]) -> Vec<Vec<NodeIndex>> {
    let n = targets.len();
    let mut order = Vec::with_capacity(n);
    let mut visited = skip.to_vec();
    for root in 0..n {
        if visited[root] {
            continue;
        }
        visited[root] = true;
        let mut stack = vec![(root, 0usize)];
        while let Some((node, next_child)) = stack.pop() {
            if let Some(&child) = targets[node].get(next_child) {
                stack.push((node, next_child + 1));
                if !visited[child] {
                    visited[child] = true;
                    stack.push((child, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut reverse: Vec<Vec<NodeIndex>> = vec![Vec::new(); n];
    for (i, ts) in targets.iter().enumerate() {
        if skip[i] {
            continue;
        }
        for &t in ts {
            if !skip[t] {
                reverse[t].push(i);
            }
        }
    }
    let mut assigned = skip.to_vec();
    let mut components = Vec::new();
    for &root in order.iter().rev() {
        if assigned[root] {
            continue;
        }
        assigned[root] = true;
        let mut component = vec![root];
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &s in &reverse[node] {
                if !assigned[s] {
                    assigned[s] = true;
                    component.push(s);
                    stack.push(s);
                }
            }
        }
        components.push(component);
    }
    components
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for ok in ["0120-999-373", "011-330-3000", "188", "+81 3 1234 5678"] {
            assert!(is_valid_phone(ok), "{ok}");
        }
        for bad in [
            "",
            "12",
            "0120-999-37a",
            "-0120",
            "0120--999",
            "call 0120",
            "0120-",
        ] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert_eq!(url_problem("https://www.amazon.co.jp/"), None);
        assert!(url_problem("http://www.amazon.co.jp/").is_some());
        assert!(url_problem("javascript:alert(1)").is_some());
        assert!(url_problem("https://localhost/").is_some());
        assert!(url_problem("https://user:pw@example.com/").is_some());
        assert!(url_problem("https://exa mple.com/").is_some());
    }

    #[test]
    fn dates() {
        assert!(is_valid_date("2026-11-22"));
        assert!(is_valid_date("2024-02-29"));
        assert!(!is_valid_date("2026-02-29"));
        assert!(!is_valid_date("2026-13-01"));
        assert!(!is_valid_date("22-11-2026"));
    }

    #[test]
    fn nesting_scan_ignores_headers_and_strings() {
        assert_eq!(nesting_beyond("[[node.option]]\nx = \"[[[[[[\"\n", 2), None);
        assert_eq!(nesting_beyond("x = [[[1]]]\n", 2), Some(6));
        assert_eq!(nesting_beyond("x = { a = { b = 1 } }\n", 2), None);
        assert_eq!(nesting_beyond("# [[[[[[\nx = '''[[[['''\n", 2), None);
    }

    #[test]
    fn nesting_scan_sees_through_tricks() {
        // A line of brackets inside a multi-line array is not a header.
        let deep = format!("x = [\n{}{}\n]\n", "[".repeat(40), "]".repeat(40));
        assert!(nesting_beyond(&deep, MAX_NESTING).is_some());
        // Quotes closing a multi-line string do not open a new one.
        let deep = format!("x = ['''a'''', {}{}]\n", "[".repeat(40), "]".repeat(40));
        assert!(nesting_beyond(&deep, MAX_NESTING).is_some());
        let deep = format!(
            "x = [\"\"\"a\"\"\"\", {}{}]\n",
            "[".repeat(40),
            "]".repeat(40)
        );
        assert!(nesting_beyond(&deep, MAX_NESTING).is_some());
        // A header followed by more text on its line.
        let deep = format!("[a] x = {}\n", "[".repeat(40));
        assert!(nesting_beyond(&deep, MAX_NESTING).is_some());
        assert_eq!(nesting_beyond("[ \"a]\" ]\n[[ 'b' ]]\n", 0), None);
    }

    #[test]
    fn deep_input_is_too_large_not_a_crash() {
        for src in [
            format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            format!("x = {}1{}\n", "{a=".repeat(100_000), "}".repeat(100_000)),
            format!("x = [\n{}{}\n]\n", "[[1],".repeat(1000), "]".repeat(1000)),
            format!("x{} = 1\n", ".x".repeat(100_000)),
            format!("[x{}]\n", ".x".repeat(100_000)),
        ] {
            let checked = check_source(&src);
            assert!(checked.service.is_none());
            let codes: Vec<&str> = checked
                .diagnostics
                .iter()
                .map(|d| d.code.as_str())
                .collect();
            assert_eq!(codes, ["LH014"], "{:?}", checked.diagnostics);
        }
    }

    #[test]
    fn byte_test_covers_every_unsafe_char() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_unsafe_char(c) {
                assert!(
                    may_hold_unsafe_char(c.encode_utf8(&mut buf)),
                    "{:x}",
                    c as u32
                );
            }
        }
    }

    use crate::testing::shipped;

    /// Everything observable about a check, for comparing two ways of parsing.
    fn summary(c: &Checked) -> String {
        let service = c.service.as_ref().map(|s| {
            format!(
                "{} {:?} {} {:?} {:?} {:?} {:?} {:?}",
                s.id, s.aliases, s.reviewed, s.name, s.summary, s.links, s.sources, s.nodes
            )
        });
        format!(
            "{:?}\n{service:?}\n{:?} {:?}",
            c.diagnostics, c.id, c.aliases
        )
    }

    fn by_sections(src: &str) -> Checked {
        check_source_with(src, 0)
    }

    fn whole(src: &str) -> Checked {
        check_source_with(src, usize::MAX)
    }

    fn codes(c: &Checked) -> Vec<&'static str> {
        c.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn sections_parse_like_the_whole_file() {
        for src in shipped() {
            assert!(node_header_lines(&src, false).len() > 5);
            let whole = whole(&src);
            assert!(!whole.has_errors(), "{:?}", whole.diagnostics);
            assert_eq!(summary(&by_sections(&src)), summary(&whole));
        }
        // Errors found after parsing point at the same place either way,
        // and so does a syntax error inside a section.
        for (from, to) in [
            ("kind = \"fix\"", "kind = \"fixx\""),
            ("kind = \"fix\"", "kind = fix"),
        ] {
            let src = shipped()[0].replacen(from, to, 1);
            let sections = by_sections(&src);
            assert!(sections.has_errors());
            assert_eq!(summary(&sections), summary(&whole(&src)));
        }
    }

    #[test]
    fn large_files_keep_to_the_section_layout() {
        let src = &shipped()[0];
        let at = src.rfind("[[node]]").unwrap();
        for extra in [
            "[[source]]\ntitle = \"t\"\nref = \"r\"\n",
            "[name]\nja = \"a\"\n",
        ] {
            let mut edited = src.clone();
            edited.insert_str(at, extra);
            assert!(!whole(&edited).has_errors() || extra.starts_with("[name]"));
            let sections = by_sections(&edited);
            assert_eq!(codes(&sections), ["LH014"], "{:?}", sections.diagnostics);
            let span = sections.diagnostics[0].span.clone().unwrap();
            assert!((at..at + 10).contains(&span.start), "{span:?}");
        }
        // `node = []` before the first [[node]] is an error in TOML too.
        let edited = src.replacen("[[link]]", "node = []\n\n[[link]]", 1);
        assert!(whole(&edited).has_errors());
        assert_eq!(codes(&by_sections(&edited)), ["LH014"]);
        // A section larger than the limit.
        let edited = src.replacen(
            "[[node]]",
            &format!("# {}\n[[node]]", "x".repeat(MAX_SECTION_BYTES)),
            2,
        );
        assert_eq!(codes(&by_sections(&edited)), ["LH014"]);
    }

    #[test]
    fn too_many_nodes_is_refused_before_they_are_built() {
        let node = "[[node]]\nid = \"a\"\nkind = \"end\"\n";
        let src = format!("id = \"x\"\n{}", node.repeat(MAX_NODES + 1));
        let checked = check_source(&src);
        assert_eq!(codes(&checked), ["LH014"]);
        // The same with headers the section scan does not count.
        let src = format!(
            "id = \"x\"\n[[node]]\n{}",
            "[[\"node\"]]\n".repeat(MAX_NODES + 1)
        );
        assert_eq!(codes(&check_source(&src)), ["LH014"]);
    }

    #[test]
    fn many_problems_are_cut_short() {
        let mut src = shipped()[0].clone();
        for i in 0..500 {
            src.push_str(&format!("\n[[node]]\nid = \"extra-{i}\"\nkind = \"end\"\ntitle = {{ ja = \"a\", en = \"a\" }}\n"));
        }
        let checked = check_source(&src);
        assert_eq!(checked.diagnostics.len(), MAX_DIAGNOSTICS + 1);
        let last = checked.diagnostics.last().unwrap();
        assert_eq!(last.code, Code::TooLarge);
        assert!(last.message.contains("400 errors"), "{}", last.message);
        // Left-out warnings alone do not make the file fail.
        let warnings: Vec<Diagnostic> = (0..150)
            .map(|i| Diagnostic::new(Code::ControlChar, Some(i..i + 1), "w"))
            .collect();
        let kept = at_most(warnings, MAX_DIAGNOSTICS);
        assert_eq!(kept.len(), MAX_DIAGNOSTICS + 1);
        assert!(kept.iter().all(|d| d.severity() == Severity::Warning));
        // Errors are kept before warnings.
        let mut mixed: Vec<Diagnostic> = (0..150)
            .map(|i| Diagnostic::new(Code::ControlChar, Some(i..i + 1), "w"))
            .collect();
        mixed.push(Diagnostic::new(Code::MissingNode, Some(1000..1001), "e"));
        let kept = at_most(mixed, MAX_DIAGNOSTICS);
        assert!(kept.iter().any(|d| d.code == Code::MissingNode));
    }

    #[test]
    fn header_part_stops_at_the_first_node() {
        let src =
            "id = \"a\"\nx = \"\"\"\n[[node]]\n\"\"\"\n[[ node ]] # n\nid = \"b\"\n[[node]]\n";
        assert_eq!(
            header_part(src),
            "id = \"a\"\nx = \"\"\"\n[[node]]\n\"\"\"\n"
        );
        assert_eq!(node_header_lines(src, false).len(), 2);
        assert_eq!(header_part("id = 1\n"), "id = 1\n");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Parsing a file section by section finds errors exactly when
        /// parsing it whole does, and the same result when it has none.
        #[test]
        fn sections_agree_with_the_whole_file(
            tree in 0usize..5,
            edits in proptest::collection::vec(
                (0usize..8, proptest::prelude::any::<usize>(), 0usize..10),
                1..4,
            ),
        ) {
            const SNIPPETS: [&str; 10] = [
                "[[node]]\n", "[[source]]\n", "\"\"\"\n", "'''\n", "x = [\n",
                "]\n", "node = []\n", "[[ node ]] # c\n", "[node]\n", "id = \"q\"\n",
            ];
            let trees = shipped();
            let mut src = trees[tree % trees.len()].clone();
            for (kind, at, which) in edits {
                let mut lines: Vec<String> = src.split_inclusive('\n').map(str::to_owned).collect();
                let n = at % lines.len().max(1);
                match kind {
                    _ if lines.is_empty() => lines.push(SNIPPETS[which].to_owned()),
                    0 => {
                        lines.remove(n);
                    }
                    1 => lines.insert(n, lines[n].clone()),
                    2 => lines.insert(n, SNIPPETS[which].to_owned()),
                    3 => lines.truncate(n),
                    4 => lines[n] = lines[n].replacen(" = ", " == ", 1),
                    5 => lines[n] = lines[n].replace('"', "'"),
                    6 => lines[n] = lines[n].replacen('[', "", 1),
                    _ => lines[n] = lines[n].replacen("node", "nodes", 1),
                }
                src = lines.concat();
            }
            let (sections, whole) = (by_sections(&src), whole(&src));
            // The one difference: a large file must keep [[link]] and
            // [[source]] before the nodes, where TOML would allow them after.
            let layout = codes(&sections) == ["LH014"] && codes(&whole) != ["LH014"];
            proptest::prop_assert_eq!(sections.has_errors(), whole.has_errors() || layout);
            if !whole.has_errors() && !layout {
                proptest::prop_assert_eq!(summary(&sections), summary(&whole));
            }
        }
    }

    #[test]
    fn components_find_loops() {
        // 0 -> 1 -> 2 -> 1, 3 -> 3
        let targets = vec![vec![1], vec![2], vec![1], vec![3]];
        let mut comps = strongly_connected(&targets, &[false; 4]);
        for c in &mut comps {
            c.sort();
        }
        comps.sort();
        assert_eq!(comps, vec![vec![0], vec![1, 2], vec![3]]);
    }
}
