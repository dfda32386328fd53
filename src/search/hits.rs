//! What a search gives: `Hit`, the excerpt of the text that matched, and
//! the hits as readable text.

use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use super::index::Field;
use crate::i18n::{words, Lang};
use crate::text::{neutralize, one_line, truncate_to_width, width, wrap};
use crate::tree::NodeKind;

/// Columns of the `matched` excerpt.
pub(super) const EXCERPT_COLUMNS: usize = 72;

/// One node that matches the query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Service id (`amazon`).
    pub service: String,
    /// Service name in the display language.
    pub service_name: String,
    /// Node id (`reset-password`).
    pub node: String,
    pub kind: NodeKind,
    /// The node's heading in the display language.
    pub title: String,
    /// The cause the node checks, in the display language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// Where the best match was.
    pub field: Field,
    /// The text that matched, in the display language (an excerpt when long).
    pub matched: String,
    /// Higher is better; comparable within one search only.
    pub score: f64,
    /// The command that starts the guide at this node.
    pub command: String,
}

/// `text` on one line, cut to [`EXCERPT_COLUMNS`] around byte offset `at`
/// (where the match is), with `…` where something was left out.
pub(super) fn excerpt(text: &str, at: Option<usize>) -> String {
    if width(text) <= EXCERPT_COLUMNS {
        return one_line(text);
    }
    let char_width = |c: char| UnicodeWidthChar::width(c).unwrap_or(0);
    // Start a little before the match so that it reads in context, and
    // earlier still if the text ends before the excerpt is full.
    let mut start = at.filter(|&a| text.is_char_boundary(a)).unwrap_or(0);
    let mut lead = 0;
    while let Some(c) = text[..start].chars().next_back() {
        let tail_full = width(&text[start..]) >= EXCERPT_COLUMNS - 2;
        if tail_full && lead + char_width(c) > 16 {
            break;
        }
        lead += char_width(c);
        start -= c.len_utf8();
    }
    // Do not begin in the middle of an English word.
    if start > 0 && is_word_char(text[..start].chars().next_back()) {
        if let Some(space) = text[start..].find(' ').filter(|&s| s < 16) {
            start += space + 1;
        }
    }
    let (prefix, budget) = if start == 0 {
        ("", EXCERPT_COLUMNS)
    } else {
        ("…", EXCERPT_COLUMNS - 1)
    };
    let rest = &text[start..];
    if width(rest) <= budget {
        return format!("{prefix}{}", one_line(rest));
    }
    // Cut, at a space if the cut would fall inside an English word.
    let mut cut = truncate_to_width(rest, budget);
    cut.pop();
    let next = rest[cut.len()..].chars().next();
    if is_word_char(cut.chars().next_back()) && is_word_char(next) {
        if let Some(space) = cut.rfind(' ').filter(|&s| cut.len() - s < 16) {
            cut.truncate(space);
        }
    }
    format!("{prefix}{}…", one_line(cut.trim_end()))
}

pub(super) fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The hits as readable text wrapped to `columns`, or a line saying
/// nothing matched. The command that starts a guide is kept on one line,
/// so that it can be copied whole.
pub fn hits_text(hits: &[Hit], query: &str, lang: Lang, columns: usize) -> String {
    let w = words(lang);
    let query = neutralize(query).replace('\n', " ");
    if hits.is_empty() {
        return (w.no_hits)(&query);
    }
    let mut out = (w.hits_heading)(hits.len(), &query);
    let number_width = hits.len().to_string().len();
    for (i, hit) in hits.iter().enumerate() {
        let indent = " ".repeat(number_width + 3);
        out.push('\n');
        hang(
            &mut out,
            &format!(" {:>number_width$}. ", i + 1),
            &one_line(&hit.title),
            columns,
        );
        let mut about = format!("{} · {}", one_line(&hit.service_name), w.kind(hit.kind));
        if let Some(cause) = &hit.cause {
            about.push_str(&format!(" · {}: {}", w.field_cause, one_line(cause)));
        }
        hang(&mut out, &indent, &about, columns);
        if hit.field != Field::Heading {
            hang(
                &mut out,
                &indent,
                &format!(
                    "{} ({}): {}",
                    w.matched,
                    hit.field.label(lang),
                    (w.quoted)(&hit.matched)
                ),
                columns,
            );
        }
        out.push_str(&format!("{indent}→ {}\n", hit.command));
    }
    out
}

/// `text` wrapped to `columns`, the first line after `first` and the rest
/// under it.
fn hang(out: &mut String, first: &str, text: &str, columns: usize) {
    let indent = width(first);
    for (i, line) in wrap(text, columns.saturating_sub(indent))
        .iter()
        .enumerate()
    {
        if i == 0 {
            out.push_str(first);
        } else {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(line);
        out.push('\n');
    }
}
