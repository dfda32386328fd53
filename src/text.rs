//! Languages, translated texts, and the helpers that make tree text safe and
//! measurable on a terminal (control characters neutralised, widths counted in
//! screen columns so that Japanese lines up).

use std::borrow::Cow;

use serde::Serialize;
use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

/// A language the guides are written in. (`--lang` takes it through the
/// `clap::ValueEnum` in `cli.rs`, so that this module needs no clap and the
/// build script can compile it.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// The language code used in `--lang`, JSON and file names.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// Pick the language from the environment as `--help` documents it:
    /// `LOGINHELP_LANG` (handled by clap), then `LC_ALL`, `LC_MESSAGES`, `LANG`.
    /// A `ja*` locale gives Japanese, another named locale English, and
    /// `C`, `POSIX` or nothing at all Japanese, the guides' own language.
    pub fn from_locale_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            let Some(value) = get(var) else { continue };
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let lower = value.to_ascii_lowercase();
            if lower == "c" || lower == "posix" || lower.starts_with("c.") {
                return Lang::Ja;
            }
            return if lower.starts_with("ja") {
                Lang::Ja
            } else {
                Lang::En
            };
        }
        Lang::Ja
    }
}

/// A user-visible string in every supported language: owned, or borrowed
/// from the static data of a shipped guide (see `tree::compiled`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub ja: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Text {
    pub fn new(ja: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Text {
        Text {
            ja: ja.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// Is this character one that a terminal could act on rather than print:
/// C0 and C1 controls, DEL, and the bidirectional overrides that reorder text.
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Make text from a tree file safe to print: every control character except
/// the newline becomes visible (`ESC` → `␛`, others → `\u{..}`), so a tree can
/// never move the cursor, change colours or retitle the terminal.
pub fn neutralize(input: &str) -> String {
    if !input.chars().any(is_unsafe_char) {
        return input.to_owned();
    }
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        if !is_unsafe_char(c) {
            out.push(c);
        } else if c == '\t' {
            out.push(' ');
        } else if (c as u32) < 0x20 {
            // Control Pictures block: U+2400 + code, e.g. ESC → ␛.
            out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'));
        } else if c == '\u{7f}' {
            out.push('␡');
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    out
}

/// Width of `s` in terminal columns (a Japanese character counts 2).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max` columns, ending with `…` when something was cut.
pub fn truncate_to_width(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Cut `s` so that its UTF-8 length is at most `max_bytes`, ending with `…`.
/// dialoguer measures items in bytes, not columns (see the pitfalls guide), so
/// prompt items are kept under the terminal width in bytes.
pub fn truncate_to_bytes(s: &str, max_bytes: usize) -> String {
    if s.len() <= max_bytes {
        return s.to_owned();
    }
    let ellipsis = '…'.len_utf8();
    if max_bytes < ellipsis {
        return String::new();
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.len() + c.len_utf8() > max_bytes - ellipsis {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_rules() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale_vars(env(&[])), Lang::Ja);
        assert_eq!(Lang::from_locale_vars(env(&[("LANG", "C")])), Lang::Ja);
        assert_eq!(Lang::from_locale_vars(env(&[("LANG", "POSIX")])), Lang::Ja);
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "C.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_MESSAGES", "de_DE"), ("LANG", "ja_JP")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_ALL", ""), ("LANG", "fr_FR")])),
            Lang::En
        );
    }

    #[test]
    fn neutralize_makes_escapes_visible() {
        assert_eq!(neutralize("a\u{1b}[31mb"), "a␛[31mb");
        assert_eq!(neutralize("bell\u{7}"), "bell␇");
        assert_eq!(neutralize("c1\u{9b}x"), "c1\\u{9b}x");
        assert_eq!(neutralize("rtl\u{202e}x"), "rtl\\u{202e}x");
        assert_eq!(neutralize("line\nnext\ttab"), "line\nnext tab");
        assert_eq!(neutralize("日本語"), "日本語");
        assert!(!neutralize("\u{1b}\u{9b}\u{7f}").chars().any(is_unsafe_char));
    }

    #[test]
    fn widths_count_columns() {
        assert_eq!(width("パスワード"), 10);
        assert_eq!(truncate_to_width("パスワードを忘れた", 9), "パスワー…");
        assert!(width(&truncate_to_width("パスワードを忘れた", 9)) <= 9);
        assert_eq!(truncate_to_width("short", 9), "short");
        let cut = truncate_to_bytes("パスワードを忘れた", 10);
        assert!(cut.len() <= 10, "{cut}");
        assert_eq!(cut, "パス…");
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
