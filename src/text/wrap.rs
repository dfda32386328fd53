//! Line breaking, by the Unicode line-breaking rules (UAX #14, through
//! textwrap and ICU4X): no line starts with a closing bracket, closing
//! punctuation or a small kana, and none ends with an opening bracket.
//! `wrap` wraps running text (the wizard, `show`, `list`, the report);
//! `wrap_at_phrases` wraps a diagram's short labels, breaking only where
//! those rules allow *and* a reader would break a phrase (after punctuation
//! and particles, before an opening bracket).

use textwrap::{Options, WordSeparator};

use crate::tree::text::width;

/// Wrap `s` into lines of at most `max` columns (at least 8), at the break
/// opportunities of UAX #14: at spaces, and between Japanese characters
/// where the rules allow. A word wider than a line is cut between
/// characters. Each `\n` starts a new line.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    wrap_to(s, max.max(8))
}

/// `wrap` with no lower bound on the width (at least one column).
fn wrap_to(s: &str, max: usize) -> Vec<String> {
    let options = Options::new(max.max(1))
        .word_separator(WordSeparator::UnicodeBreakProperties)
        .break_words(true);
    s.split('\n')
        .flat_map(|paragraph| {
            let lines = textwrap::wrap(paragraph, &options);
            if lines.is_empty() {
                vec![String::new()]
            } else {
                lines.into_iter().map(|l| l.trim_end().to_owned()).collect()
            }
        })
        .collect()
}

/// The byte offsets in `text` after which UAX #14 allows a line break.
pub(crate) fn break_opportunities(text: &str) -> Vec<usize> {
    let mut at = 0;
    let mut breaks = Vec::new();
    for word in WordSeparator::UnicodeBreakProperties.find_words(text) {
        at += word.word.len() + word.whitespace.len();
        breaks.push(at);
    }
    breaks
}

/// Greedy wrapping that breaks where a reader would: after a space, after
/// Japanese punctuation, before an opening bracket, and where hiragana
/// (a particle or an ending) meets kanji or katakana, but only where UAX #14
/// allows a break. A piece wider than the line is cut at the other break
/// opportunities (between characters only when there are none); the flag
/// says whether that happened.
pub fn wrap_at_phrases(text: &str, columns: usize) -> (Vec<String>, bool) {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut cut = false;
    for piece in break_pieces(text) {
        let joined = format!("{line}{piece}");
        if width(joined.trim()) <= columns {
            line = joined;
            continue;
        }
        if width(piece.trim()) <= columns {
            lines.push(line.trim().to_owned());
            line = piece.to_owned();
            continue;
        }
        // Too wide for any line: fill this one, then go on at the line
        // breaker's other opportunities (first-fit keeps all of `line`,
        // which fits, on the first line).
        cut = true;
        let mut parts = wrap_to(joined.trim_start(), columns);
        line = parts.pop().unwrap_or_default();
        lines.extend(parts);
    }
    lines.push(line.trim().to_owned());
    lines.retain(|l| !l.is_empty());
    (lines, cut)
}

/// Split `text` into the pieces `wrap_at_phrases` keeps together: a piece
/// ends at a phrase boundary where UAX #14 also allows a break.
pub fn break_pieces(text: &str) -> Vec<&str> {
    let is_hiragana = |c: char| ('\u{3041}'..='\u{309F}').contains(&c);
    let is_kanji_or_katakana =
        |c: char| ('\u{30A0}'..='\u{30FF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let allowed = break_opportunities(text);
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let Some(&(next_at, next)) = chars.peek() else {
            break;
        };
        let phrase_ends = matches!(
            c,
            ' ' | '、'
                | '。'
                | '・'
                | '」'
                | '』'
                | ')'
                | '\u{FF09}'
                | '!'
                | '?'
                | '\u{FF01}'
                | '\u{FF1F}'
        ) || matches!(next, '「' | '『' | '(' | '\u{FF08}')
            || (is_hiragana(c) && is_kanji_or_katakana(next));
        if phrase_ends && next_at > start && i >= start && allowed.binary_search(&next_at).is_ok() {
            pieces.push(&text[start..next_at]);
            start = next_at;
        }
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Characters that may not start a line in Japanese (JIS X 4051):
    /// closing brackets, closing punctuation, small kana and the long mark.
    const NO_LINE_START: &str =
        "」』）)】〉》〕］｝、。，．,.!?！？:;：；ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー";
    /// Opening brackets, which may not end a line.
    const NO_LINE_END: &str = "「『（(【〈《〔［｛";

    /// Every string in the shipped guides (`services/*.toml`).
    fn shipped_texts() -> Vec<String> {
        fn strings(value: &toml::Value, out: &mut Vec<String>) {
            match value {
                toml::Value::String(s) => out.push(s.clone()),
                toml::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
                toml::Value::Table(table) => table.values().for_each(|v| strings(v, out)),
                _ => {}
            }
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("services");
        let mut texts = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let source = std::fs::read_to_string(&path).unwrap();
                strings(&source.parse::<toml::Table>().unwrap().into(), &mut texts);
            }
        }
        texts
    }

    /// The line-breaking rules a wrapped paragraph breaks, one message each.
    fn broken_rules(text: &str, lines: &[String], columns: usize) -> Vec<String> {
        let mut broken = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if width(line) > columns {
                broken.push(format!("{columns}: `{line}` is wider than {columns}"));
            }
            if i > 0
                && line
                    .chars()
                    .next()
                    .is_some_and(|c| NO_LINE_START.contains(c))
            {
                broken.push(format!(
                    "{columns}: `{line}` starts with a closer or small kana"
                ));
            }
            if i + 1 < lines.len() && line.chars().last().is_some_and(|c| NO_LINE_END.contains(c)) {
                broken.push(format!("{columns}: `{line}` ends with an opening bracket"));
            }
        }
        let kept: String = lines.concat().split_whitespace().collect();
        let given: String = text.split_whitespace().collect();
        if kept != given {
            broken.push(format!("{columns}: text lost: {lines:?}"));
        }
        broken
    }

    #[test]
    fn every_shipped_text_wraps_by_the_japanese_rules() {
        let texts = shipped_texts();
        assert!(texts.len() > 500, "{} texts", texts.len());
        let mut broken = Vec::new();
        let mut lines_seen = 0;
        for text in &texts {
            for columns in [30, 40, 60, 80] {
                for paragraph in text.split('\n') {
                    let lines = wrap(paragraph, columns);
                    lines_seen += lines.len();
                    broken.extend(broken_rules(paragraph, &lines, columns));
                    let one_line = paragraph.trim();
                    if !one_line.is_empty() {
                        let (labels, _) = wrap_at_phrases(one_line, columns);
                        broken.extend(
                            broken_rules(one_line, &labels, columns)
                                .into_iter()
                                .map(|b| format!("label {b}")),
                        );
                    }
                }
            }
        }
        assert!(lines_seen > 5000, "{lines_seen} lines");
        assert!(
            broken.is_empty(),
            "{} broken:\n{}",
            broken.len(),
            broken.join("\n")
        );
    }

    #[test]
    fn wrap_respects_width() {
        let lines = wrap(
            "ログイン画面の「お困りですか?」をクリックして「パスワードを忘れた場合」を選択します。",
            20,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l) <= 20), "{lines:?}");
        assert_eq!(
            lines.concat(),
            "ログイン画面の「お困りですか?」をクリックして「パスワードを忘れた場合」を選択します。"
        );
        // Closing punctuation never starts a line.
        for width_ in 10..40 {
            let text =
                "「ログインに関するヘルプ」をタップして、「アカウントの特定」画面を開きます。";
            let lines = wrap(text, width_);
            assert!(lines.iter().all(|l| width(l) <= width_), "{lines:?}");
            assert!(
                lines
                    .iter()
                    .skip(1)
                    .all(|l| !l.starts_with(['。', '、', '」'])),
                "{width_}: {lines:?}"
            );
            assert_eq!(lines.concat(), text);
        }
        let en = wrap("Tap the button below the password field", 12);
        assert!(en.iter().all(|l| width(l) <= 12), "{en:?}");
        assert_eq!(en.join(" "), "Tap the button below the password field");
    }
}
