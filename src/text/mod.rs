//! Text on a terminal: the guide crate's safety and width helpers, the
//! truncators (by columns for the screen, by bytes for dialoguer) and line
//! wrapping (`wrap`).

pub mod wrap;

pub use crate::tree::fold::{fold, katakana_to_hiragana};
pub use crate::tree::text::{is_unsafe_char, neutralize, plural, width};
pub use wrap::wrap;

use std::path::Path;

use unicode_width::UnicodeWidthChar;

/// A path as every message shows it: not-UTF-8 bytes as `�`, control
/// characters and escape sequences made visible as in guide text, and on
/// one line (a newline as `␤`), so that a path typed on the command line or
/// found in a directory can neither drive the terminal nor forge a line of
/// output. Use this, never `Path::display`, wherever a path is printed.
pub fn display_path(path: &Path) -> String {
    crate::tree::text::neutralize_line(&path.to_string_lossy())
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

/// Text with every control character (newlines included) turned into a
/// space, for a one-line listing.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn paths_are_shown_inert_and_on_one_line() {
        let shown = display_path(Path::new("/tmp/\u{1b}]0;PWNED\u{7}a\nb\u{9b}\u{202e}.toml"));
        assert_eq!(shown, "/tmp/␛]0;PWNED␇a␤b\\u{9b}\\u{202e}.toml");
        assert_eq!(
            display_path(Path::new("services/amazon.toml")),
            "services/amazon.toml"
        );
    }
}
