//! Line breaking. `wrap` wraps running text (at spaces, between Japanese
//! characters, closing punctuation kept off a line start); `wrap_at_phrases`
//! wraps the short labels of a diagram where a reader would break a phrase
//! (after punctuation and particles, before an opening bracket). Two rules,
//! kept as they are until both move onto one UAX #14 line breaker.

use unicode_width::UnicodeWidthChar;

use crate::tree::text::width;

/// Wrap `s` into lines of at most `max` columns, breaking at spaces where
/// there are any and between characters otherwise (Japanese has no spaces).
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(8);
    let mut lines = Vec::new();
    for paragraph in s.split('\n') {
        let mut line = String::new();
        let mut line_width = 0;
        for word in split_keeping_spaces(paragraph) {
            let word_width = width(word);
            if line_width + word_width <= max {
                line.push_str(word);
                line_width += word_width;
                continue;
            }
            if word.trim().is_empty() {
                lines.push(std::mem::take(&mut line).trim_end().to_owned());
                line_width = 0;
                continue;
            }
            if word_width <= max && !line.is_empty() && word.is_ascii() {
                lines.push(std::mem::take(&mut line).trim_end().to_owned());
                line.push_str(word);
                line_width = word_width;
                continue;
            }
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if line_width + w > max {
                    // Japanese line breaking: closing punctuation never starts
                    // a line, so the character before it moves down with it.
                    let carried = if is_no_break_before(c) && line.chars().count() > 1 {
                        line.pop()
                    } else {
                        None
                    };
                    lines.push(std::mem::take(&mut line).trim_end().to_owned());
                    line_width = 0;
                    if let Some(prev) = carried {
                        line.push(prev);
                        line_width = prev.width().unwrap_or(0);
                    }
                }
                line.push(c);
                line_width += w;
            }
        }
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// Characters that may not begin a line in Japanese text (closing brackets
/// and punctuation).
fn is_no_break_before(c: char) -> bool {
    matches!(
        c,
        '\u{3001}' // 、
            | '\u{3002}' // 。
            | '\u{300D}' // 」
            | '\u{300F}' // 』
            | '\u{3011}' // 】
            | '\u{3009}' // 〉
            | '\u{300B}' // 》
            | '\u{30FB}' // ・
            | '\u{30FC}' // ー
            | '\u{FF09}' // full-width )
            | '\u{FF01}' // full-width !
            | '\u{FF1F}' // full-width ?
            | '\u{FF0C}' // full-width ,
            | '\u{FF0E}' // full-width .
            | '\u{FF1A}' // full-width :
            | '\u{FF1B}' // full-width ;
            | ')'
            | '!'
            | '?'
            | ','
            | '.'
            | ':'
            | ';'
            | '\u{3063}' // っ
            | '\u{30C3}' // ッ
            | '\u{3083}' // ゃ
            | '\u{3085}' // ゅ
            | '\u{3087}' // ょ
            | '\u{30E3}' // ャ
            | '\u{30E5}' // ュ
            | '\u{30E7}' // ョ
    )
}

/// Split into runs of non-space and single spaces, so wrapping can keep words
/// whole and still drop the space at a line break.
fn split_keeping_spaces(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == ' ' {
            if start < i {
                parts.push(&s[start..i]);
            }
            parts.push(&s[i..i + 1]);
            start = i + 1;
        }
    }
    if start < s.len() {
        parts.push(&s[start..]);
    }
    parts
}

/// Greedy wrapping that breaks where a reader would: after a space, after
/// Japanese punctuation, before an opening bracket, and where hiragana
/// (a particle or an ending) meets kanji or katakana. A piece wider than
/// the line is cut between characters; the flag says whether that happened.
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
        // Too wide for any line: fill this one, then go on between characters.
        cut = true;
        for c in piece.chars() {
            let longer = format!("{line}{c}");
            if width(longer.trim()) > columns && !line.trim().is_empty() {
                lines.push(line.trim().to_owned());
                line = c.to_string();
            } else {
                line = longer;
            }
        }
    }
    lines.push(line.trim().to_owned());
    lines.retain(|l| !l.is_empty());
    (lines, cut)
}

/// Split `text` into the pieces `wrap_at_phrases` keeps together.
pub fn break_pieces(text: &str) -> Vec<&str> {
    let is_hiragana = |c: char| ('\u{3041}'..='\u{309F}').contains(&c);
    let is_kanji_or_katakana =
        |c: char| ('\u{30A0}'..='\u{30FF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let Some(&(next_at, next)) = chars.peek() else {
            break;
        };
        let break_here = matches!(
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
        if break_here && next_at > start && i >= start {
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
