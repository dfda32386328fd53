//! Making a guide's text safe and measurable on a terminal: control
//! characters neutralised, widths counted in screen columns so that
//! Japanese lines up.

use unicode_width::UnicodeWidthStr;

/// Is this character one that a terminal could act on, or that hides or
/// reorders text, rather than one it prints: C0 and C1 controls (the newline
/// excepted), DEL, the line and paragraph separators (U+2028, U+2029), and
/// every invisible format character (Unicode's category Cf): zero-width
/// spaces and joiners (U+200B–U+200D, U+2060–U+2064, U+FEFF), bidirectional
/// marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069), the soft hyphen and the rest. Such a
/// character makes `reset-pass\u{200b}word` look like `reset-password`.
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n') || is_format_char(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Unicode's format characters (general category Cf, Unicode 15.1):
/// invisible, and able to reorder or join the text around them.
fn is_format_char(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
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

/// `neutralize`, with each newline shown as `␤` too: for what must stay on
/// one line (a file name, an id, a diagnostic's message), where a newline
/// would start a line the tool did not write ("checked 9 files: 0 errors").
pub fn neutralize_line(input: &str) -> String {
    let out = neutralize(input);
    if out.contains('\n') {
        out.replace('\n', "␤")
    } else {
        out
    }
}

/// Width of `s` in terminal columns (a Japanese character counts 2).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// A quick byte test that is true for every text holding a character
/// `is_unsafe_char` flags (a C0 control or DEL is one byte; every other one
/// starts with one of a few lead bytes: 0xC2 for C1 and the soft hyphen,
/// 0xD8–0xDC, 0xE0–0xE2, 0xEF, 0xF0 and 0xF3 for the format characters and
/// separators), so that plain text skips the per-character check. A unit
/// test holds the two together.
pub fn may_hold_unsafe_char(s: &str) -> bool {
    s.bytes().any(|b| {
        (b < 0x20 && b != b'\n')
            || matches!(
                b,
                0x7f | 0xc2 | 0xd8 | 0xdb | 0xdc | 0xe0 | 0xe1 | 0xe2 | 0xef | 0xf0 | 0xf3
            )
    })
}

/// `n` and an English noun, plural unless `n` is 1: "1 error", "2 errors".
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn one_line_texts_show_their_newlines() {
        assert_eq!(
            neutralize_line("a\nchecked 0 files\r\n"),
            "a␤checked 0 files␍␤"
        );
        assert_eq!(neutralize_line("plain"), "plain");
    }

    #[test]
    fn invisible_and_bidi_marks_are_made_visible() {
        assert_eq!(neutralize("pass\u{200b}word"), "pass\\u{200b}word");
        for c in [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{061C}',
            '\u{2028}',
            '\u{2029}',
            '\u{00AD}',
            '\u{2064}',
            '\u{206A}',
            '\u{E0041}',
        ] {
            assert!(is_unsafe_char(c), "U+{:04X}", c as u32);
            let shown = neutralize(&format!("a{c}b"));
            assert_eq!(shown, format!("a\\u{{{:x}}}b", c as u32));
        }
        // Printable text, Japanese included, is left alone.
        for s in ["パスワード（再設定）！", "０１２０", "é ñ ü", "→ ☎ ✓"] {
            assert_eq!(neutralize(s), s);
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
}
