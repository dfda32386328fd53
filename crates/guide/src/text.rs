//! Making a guide's text safe and measurable on a terminal: control
//! characters neutralised, widths counted in screen columns so that
//! Japanese lines up.

use unicode_width::UnicodeWidthStr;

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

/// A quick byte test that is true for every text holding a character
/// `is_unsafe_char` flags (a C0 control or DEL is one byte; a C1 control
/// starts with 0xC2; the bidirectional controls with 0xE2), so that plain
/// text skips the per-character check. A unit test holds the two together.
pub fn may_hold_unsafe_char(s: &str) -> bool {
    s.bytes()
        .any(|b| (b < 0x20 && b != b'\n') || b == 0x7f || b == 0xc2 || b == 0xe2)
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
