//! Problems found in a tree file: a stable code, a position (file, line,
//! column) and a hint, rendered for people with a caret under the exact text
//! (measured in screen columns, so it lines up after Japanese) or as JSON for
//! editors and CI. A diagnostic's message, hint and note carry both
//! languages (written side by side with `said!`); the renderer and the JSON
//! pick the user's. Codes, severities and positions are the same in both.

use std::fmt::Write as _;
use std::ops::Range;

use serde::Serialize;

use crate::lang::{Lang, Text};
use crate::text::{neutralize, neutralize_line, width};

/// A diagnostic's text in both languages, formatted from the same
/// arguments: `said!("no node has the id `{id}`", "ID が `{id}` のノードはありません")`,
/// English first. Both wordings stand at the call site, and `Diagnostic`
/// takes only a `Text`, so a message without its Japanese does not compile.
#[macro_export]
macro_rules! said {
    ($en:literal, $ja:literal $(, $arg:expr)* $(,)?) => {
        $crate::lang::Text::new(format!($ja $(, $arg)*), format!($en $(, $arg)*))
    };
}

/// The stable codes the validator reports; `docs/tree-format.md` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    Syntax,
    UnknownKey,
    DuplicateId,
    MissingNode,
    Unreachable,
    NoOutcome,
    LeadsNowhere,
    DeadLoop,
    MissingTranslation,
    BadPhone,
    BadUrl,
    InvalidValue,
    MissingKey,
    TooLarge,
    WideLabel,
    ControlChar,
    LookAlikeHost,
    Unreadable,
    Skipped,
}

impl Code {
    pub const ALL: [Code; 19] = [
        Code::Syntax,
        Code::UnknownKey,
        Code::DuplicateId,
        Code::MissingNode,
        Code::Unreachable,
        Code::NoOutcome,
        Code::LeadsNowhere,
        Code::DeadLoop,
        Code::MissingTranslation,
        Code::BadPhone,
        Code::BadUrl,
        Code::InvalidValue,
        Code::MissingKey,
        Code::TooLarge,
        Code::WideLabel,
        Code::ControlChar,
        Code::LookAlikeHost,
        Code::Unreadable,
        Code::Skipped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "LH001",
            Code::UnknownKey => "LH002",
            Code::DuplicateId => "LH003",
            Code::MissingNode => "LH004",
            Code::Unreachable => "LH005",
            Code::NoOutcome => "LH006",
            Code::LeadsNowhere => "LH007",
            Code::DeadLoop => "LH008",
            Code::MissingTranslation => "LH009",
            Code::BadPhone => "LH010",
            Code::BadUrl => "LH011",
            Code::InvalidValue => "LH012",
            Code::MissingKey => "LH013",
            Code::TooLarge => "LH014",
            Code::WideLabel => "LH101",
            Code::ControlChar => "LH102",
            Code::LookAlikeHost => "LH103",
            Code::Unreadable => "LH015",
            Code::Skipped => "LH104",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Code::WideLabel | Code::ControlChar | Code::LookAlikeHost | Code::Skipped => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, positioned by a byte range into its file's text; its
/// words in both languages.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: Code,
    pub message: Text,
    pub span: Option<Range<usize>>,
    pub hint: Option<Text>,
    /// Another place in the same file that explains this one (byte offset, label).
    pub related: Option<(usize, Text)>,
}

impl Diagnostic {
    pub fn new(code: Code, span: Option<Range<usize>>, message: Text) -> Diagnostic {
        Diagnostic {
            code,
            message,
            span,
            hint: None,
            related: None,
        }
    }

    pub fn related(mut self, offset: usize, label: Text) -> Diagnostic {
        self.related = Some((offset, label));
        self
    }

    pub fn hint(mut self, hint: Text) -> Diagnostic {
        self.hint = Some(hint);
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

/// Line and column (both from 1; the column counts characters) of a byte
/// offset, clamped to the text and to a character boundary.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = src[line_start..offset].chars().count() + 1;
    (line, col)
}

/// A diagnostic tied to its file, as the JSON output and the renderer see it.
#[derive(Debug, Clone, Serialize)]
pub struct Located {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// "first used here" and where: another place this diagnostic refers to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Related>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl Located {
    /// The diagnostic positioned in `src`, its words in `lang`.
    pub fn new(file: &str, src: &str, d: &Diagnostic, lang: Lang) -> Located {
        let span = d.span.clone().unwrap_or(0..0);
        let (line, column) = line_col(src, span.start);
        let (end_line, end_column) = line_col(src, span.end.max(span.start));
        Located {
            file: neutralize_line(file),
            line,
            column,
            end_line,
            end_column,
            code: d.code,
            severity: d.severity(),
            message: neutralize_line(d.message.get(lang)),
            hint: d.hint.as_ref().map(|h| neutralize_line(h.get(lang))),
            related: d.related.as_ref().map(|(offset, message)| {
                let (line, column) = line_col(src, *offset);
                Related {
                    message: neutralize_line(message.get(lang)),
                    line,
                    column,
                }
            }),
        }
    }
}

/// The labels of the text rendering, in each language.
struct Labels {
    error: &'static str,
    warning: &'static str,
    hint: &'static str,
}

fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::En => Labels {
            error: "error",
            warning: "warning",
            hint: "hint",
        },
        Lang::Ja => Labels {
            error: "エラー",
            warning: "警告",
            hint: "ヒント",
        },
    }
}

/// "note: … at file:line:col" in `lang`.
fn note_line(lang: Lang, message: &str, file: &str, line: usize, column: usize) -> String {
    match lang {
        Lang::En => format!("note: {message} at {file}:{line}:{column}"),
        Lang::Ja => format!("注: {message} ({file}:{line}:{column})"),
    }
}

/// Render a diagnostic the way rustc does: a header, the file position, the
/// source line and a caret line whose offset and length are in screen
/// columns; the words in `lang`.
pub fn render(file: &str, src: &str, d: &Diagnostic, lang: Lang) -> String {
    let loc = Located::new(file, src, d, lang);
    let labels = labels(lang);
    let mut out = String::new();
    let level = match d.severity() {
        Severity::Error => labels.error,
        Severity::Warning => labels.warning,
    };
    let _ = writeln!(out, "{level}[{}]: {}", d.code.as_str(), loc.message);
    let file = &loc.file;
    let _ = writeln!(out, "  --> {}:{}:{}", file, loc.line, loc.column);
    if let Some(span) = &d.span {
        let start = floor_boundary(src, span.start.min(src.len()));
        let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = src[start..].find('\n').map_or(src.len(), |i| start + i);
        // Show at most a window of the line around the problem, so a
        // one-line file of megabytes prints one screen, not megabytes.
        let shown_start = floor_boundary(src, start.saturating_sub(CONTEXT_BYTES).max(line_start));
        let shown_end = floor_boundary(src, (start + CONTEXT_BYTES).min(line_end));
        let mut line_text = neutralize(src[shown_start..shown_end].trim_end_matches('\r'));
        if shown_start > line_start {
            line_text.insert(0, '…');
        }
        if shown_end < line_end {
            line_text.push('…');
        }
        let end = floor_boundary(src, span.end.clamp(start, shown_end));
        let lead =
            width(&neutralize(&src[shown_start..start])) + usize::from(shown_start > line_start);
        let marked = width(&neutralize(&src[start..end])).max(1);
        let gutter = loc.line.to_string().len();
        let _ = writeln!(out, "{:gutter$} |", "");
        let _ = writeln!(out, "{} | {}", loc.line, line_text);
        let _ = writeln!(
            out,
            "{:gutter$} | {}{}",
            "",
            " ".repeat(lead),
            "^".repeat(marked)
        );
    }
    if let Some(related) = &loc.related {
        let note = note_line(lang, &related.message, file, related.line, related.column);
        let _ = writeln!(out, "  = {note}");
    }
    if let Some(hint) = &loc.hint {
        let _ = writeln!(out, "  = {}: {hint}", labels.hint);
    }
    out
}

/// How much of a long source line is shown on each side of a problem.
const CONTEXT_BYTES: usize = 160;

fn floor_boundary(src: &str, mut i: usize) -> usize {
    while !src.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_lines_up_after_japanese() {
        let src = "a = 1\ntitle = { ja = \"パスワード\", en = 3 }\n";
        let start = src.find("en").unwrap();
        let d = Diagnostic::new(
            Code::InvalidValue,
            Some(start..start + 2),
            said!("bad", "不正"),
        );
        let out = render("x.toml", src, &d, Lang::En);
        let lines: Vec<&str> = out.lines().collect();
        let text_line = lines.iter().find(|l| l.starts_with("2 |")).unwrap();
        let caret_line = lines.iter().find(|l| l.contains('^')).unwrap();
        let en_col = width(&text_line[..text_line.find("en").unwrap()]);
        let caret_col = width(&caret_line[..caret_line.find('^').unwrap()]);
        assert_eq!(en_col, caret_col, "\n{out}");
        assert!(out.contains("x.toml:2:25"), "{out}");
    }

    #[test]
    fn long_lines_are_clipped_around_the_problem() {
        let src = format!(
            "x = \"{}\" y = 1 {}",
            "あ".repeat(100_000),
            "z".repeat(100_000)
        );
        let start = src.find("y = 1").unwrap();
        let d = Diagnostic::new(Code::Syntax, Some(start..start + 1), said!("bad", "不正"));
        let out = render("big.toml", &src, &d, Lang::En);
        assert!(out.len() < 2_000, "{} bytes", out.len());
        let text_line = out.lines().find(|l| l.starts_with("1 |")).unwrap();
        let caret_line = out.lines().find(|l| l.contains('^')).unwrap();
        let y_col = width(&text_line[..text_line.find("y = 1").unwrap()]);
        let caret_col = width(&caret_line[..caret_line.find('^').unwrap()]);
        assert_eq!(y_col, caret_col, "\n{out}");
        assert!(text_line.contains('…'));
    }

    #[test]
    fn file_names_are_shown_as_text() {
        let d = Diagnostic::new(Code::Syntax, None, said!("bad", "不正"));
        for lang in [Lang::En, Lang::Ja] {
            let out = render("evil\u{1b}[2J.toml", "", &d, lang);
            assert!(!out.contains('\u{1b}'), "{out:?}");
        }
    }

    #[test]
    fn japanese_labels_keep_the_layout() {
        let src = "a = 1\ntitle = { ja = \"パスワード\", en = 3 }\nb = 2\n";
        let start = src.find("en").unwrap();
        let d = Diagnostic::new(
            Code::InvalidValue,
            Some(start..start + 2),
            said!("bad `{}`", "不正な `{}`", "en"),
        )
        .hint(said!("write a text", "文字列を書いてください"))
        .related(
            src.find('b').unwrap(),
            said!("first used here", "最初の使用箇所"),
        );
        let en = render("x.toml", src, &d, Lang::En);
        let ja = render("x.toml", src, &d, Lang::Ja);
        assert!(en.starts_with("error[LH012]: bad `en`\n"), "{en}");
        assert!(
            en.contains("  = note: first used here at x.toml:3:1\n"),
            "{en}"
        );
        assert!(en.contains("  = hint: write a text\n"), "{en}");
        assert!(ja.starts_with("エラー[LH012]: 不正な `en`\n"), "{ja}");
        assert!(ja.contains("  = 注: 最初の使用箇所 (x.toml:3:1)\n"), "{ja}");
        assert!(ja.contains("  = ヒント: 文字列を書いてください\n"), "{ja}");
        // The position, source and caret lines are the same in both.
        let body = |s: &str| {
            s.lines()
                .skip(1)
                .take(4)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(body(&en), body(&ja));
        let warning = Diagnostic::new(Code::WideLabel, None, said!("wide", "幅が広い"));
        assert!(render("x.toml", "", &warning, Lang::Ja).starts_with("警告[LH101]: 幅が広い"));
        let located = Located::new("x.toml", src, &d, Lang::Ja);
        assert_eq!(
            (located.line, located.column, located.message.as_str()),
            (2, 25, "不正な `en`")
        );
        assert_eq!(
            located.related.map(|r| r.message),
            Some("最初の使用箇所".to_owned())
        );
    }

    #[test]
    fn codes_are_unique() {
        let mut seen: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), Code::ALL.len());
    }
}
