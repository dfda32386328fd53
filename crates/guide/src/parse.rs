//! Stage one of loading: TOML text to a `RawService`, within the limits
//! on size, nesting and node count, and bounded in memory: a file up to
//! `WHOLE_PARSE_BYTES` is parsed whole, a larger one a `[[node]]` section at
//! a time with every position shifted back into the file. A TOML error
//! becomes a diagnostic with a code, its message in Japanese too
//! (`toml_words`).

// A `Diagnostic` carries its words in both languages, which makes it large
// for an `Err`; it is returned at most once per file, off the hot path.
#![allow(clippy::result_large_err)]

use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};
use crate::lang::Text;
use crate::raw::*;
use crate::said;
use crate::scan::{nesting_beyond, node_header_lines};
use crate::toml_words::japanese;

/// Parse a tree file's text, whole when it is at most `whole_up_to` bytes
/// and a section at a time otherwise; a file over a limit gives one
/// `TooLarge` diagnostic.
pub(crate) fn parse(src: &str, whole_up_to: usize) -> Result<RawService, Diagnostic> {
    if src.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::new(
            Code::TooLarge,
            None,
            said!(
                "the file is {} bytes; the limit is {} bytes",
                "ファイルの大きさが {} バイトあります。上限は {} バイトです",
                src.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    if let Some(at) = nesting_beyond(src, MAX_NESTING) {
        return Err(too_deep(Some(at..at + 1)));
    }
    let raw: RawService = if src.len() <= whole_up_to {
        toml::from_str(src).map_err(|e| toml_error(&e, 0))?
    } else {
        parse_sections(src)?
    };
    if raw.node.len() > MAX_NODES {
        return Err(too_many_nodes(raw.node.get(MAX_NODES).map(|n| n.span())));
    }
    Ok(raw)
}

/// The largest tree file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The most nodes one tree may have.
pub const MAX_NODES: usize = 200_000;

/// The deepest nesting of arrays and tables accepted (a real tree needs 4).
pub const MAX_NESTING: usize = 32;

/// Files up to this size are parsed whole; larger ones one `[[node]]`
/// section at a time (see `parse_sections`).
pub const WHOLE_PARSE_BYTES: usize = 512 * 1024;

/// The largest `[[node]]` section, or part before the first one, of a file
/// larger than `WHOLE_PARSE_BYTES`.
pub const MAX_SECTION_BYTES: usize = 256 * 1024;

fn too_deep(at: Option<Range<usize>>) -> Diagnostic {
    Diagnostic::new(
        Code::TooLarge,
        at,
        said!(
            "arrays and tables are nested more than {MAX_NESTING} deep",
            "配列やテーブルの入れ子が {MAX_NESTING} 段を超えています"
        ),
    )
    .hint(said!(
        "a guide tree needs only a few levels: [[node]], [[node.option]] and inline texts",
        "ガイドのツリーに要る入れ子は数段だけです: [[node]]、[[node.option]]、インラインの文"
    ))
}

/// Translate a TOML parse or shape error into a diagnostic with a code;
/// `offset` is where the parsed text starts in the file.
pub(crate) fn toml_error(err: &toml::de::Error, offset: usize) -> Diagnostic {
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
    let d = Diagnostic::new(code, span, Text::new(japanese(&first_line), first_line));
    match code {
        Code::UnknownKey => d.hint(said!(
            "see docs/tree-format.md for the keys each table takes",
            "それぞれの表に書けるキーは docs/tree-format.md にあります"
        )),
        Code::InvalidValue => d.hint(said!(
            "texts are tables: {{ ja = \"…\", en = \"…\" }}",
            "文はテーブルで書きます: {{ ja = \"…\", en = \"…\" }}"
        )),
        _ => d,
    }
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
        said!(
            "the tree has more than {MAX_NODES} nodes",
            "ツリーのノードが {MAX_NODES} 個を超えています"
        ),
    )
    .hint(said!(
        "a tree may have at most {MAX_NODES} nodes",
        "1 つのツリーに書けるノードは {MAX_NODES} 個までです"
    ))
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
    let layout = said!(
        "a file over 512 KiB is read one [[node]] section at a time: \
         put the header, [[link]] and [[source]] before the first [[node]], \
         and keep each part under 256 KiB",
        "512 KiB を超えるファイルは [[node]] の節ごとに読みます: \
         先頭のキーと [[link]]、[[source]] を最初の [[node]] より前に置き、\
         どの部分も 256 KiB 未満にしてください"
    );
    let starts = node_header_lines(src, false);
    let head_end = starts.first().copied().unwrap_or(src.len());
    if head_end > MAX_SECTION_BYTES {
        return Err(Diagnostic::new(
            Code::TooLarge,
            Some(0..0),
            said!(
                "the part before the first [[node]] is {head_end} bytes; the limit is {MAX_SECTION_BYTES}",
                "最初の [[node]] より前の部分が {head_end} バイトあります。上限は {MAX_SECTION_BYTES} です"
            ),
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
            said!(
                "this [[node]] section is {} bytes; the limit is {MAX_SECTION_BYTES}",
                "この [[node]] の節は {} バイトあります。上限は {MAX_SECTION_BYTES} です",
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
            said!(
                "`node` is set before the first plain [[node]] line",
                "最初の [[node]] の行より前で `node` が設定されています"
            ),
        )
        .hint(said!(
            "in a file over 512 KiB, write every node as a table headed by a line `[[node]]`",
            "512 KiB を超えるファイルでは、どのノードも `[[node]]` の行で始まる表として書いてください"
        )));
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
                        said!(
                            "only [[node]] tables may follow the first [[node]] in a file this large",
                            "この大きさのファイルでは、最初の [[node]] のあとには [[node]] の表しか書けません"
                        ),
                    )
                    .hint(layout.clone())
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
            Err(d) if d.code == Code::TooLarge && d.message.en.starts_with("the tree has more") => {
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
        wait: n.wait.map(|w| {
            shift(w, by, |w| RawWait {
                after: shift_leaf(w.after, by),
                next: shift_leaf(w.next, by),
                reason: shift_text(w.reason, by),
            })
        }),
    })
}
