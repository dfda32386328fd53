//! What a page needs to typeset: the line naming its encoding, one
//! preamble, and for Japanese the break points groff cannot find itself.

use super::texts::JA;

/// Japanese has no spaces to break lines at, so groff could neither break
/// nor adjust its lines: fill without adjusting (`.ad l`, after `.TH`,
/// which sets the page up), and mark with `\:` (a break point of no width)
/// every place inside a run of Japanese text where UAX #14 allows a break.
/// Control lines are left as they are, and so is text in bold or italics
/// (options, commands, examples, names). The NAME line is read by man-db's
/// lexgrog for whatis, which would keep the colons of `\:`: there groff's
/// own Japanese rules (ja.tmac, groff only) break the line.
pub(super) fn japanese_typesetting(page: &str) -> String {
    let mut out = String::with_capacity(page.len() + page.len() / 4);
    let mut in_name = false;
    for line in page.lines() {
        if line.starts_with('.') || line.starts_with('\'') {
            out.push_str(line);
            out.push('\n');
            if line.starts_with(".TH ") {
                out.push_str(".ad l\n.if \\n(.g .mso ja.tmac\n");
            }
            if let Some(heading) = line.strip_prefix(".SH ") {
                in_name = heading == JA.name;
            }
            continue;
        }
        if in_name {
            out.push_str(line);
        } else {
            out.push_str(&break_points(line));
        }
        out.push('\n');
    }
    out
}

/// `line` (roff text) with `\:` where UAX #14 allows a break between two
/// characters that are not ASCII, outside bold, italics and URLs. Escapes
/// are ASCII, so none is split or changed.
pub(super) fn break_points(line: &str) -> String {
    let breaks = crate::text::wrap::break_opportunities(line);
    let mut out = String::with_capacity(line.len() * 2);
    let mut roman_font = true;
    // Is the word (between spaces) being written a URL?
    let mut in_url = line.split(' ').next().is_some_and(|w| w.contains("://"));
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        out.push(c);
        if c == ' ' {
            in_url = line[at + 1..]
                .split(' ')
                .next()
                .is_some_and(|word| word.contains("://"));
        }
        if c == '\\' {
            // An escape: `\\`, `\fX` (a font change), or another.
            match chars.next() {
                Some((_, 'f')) => {
                    if let Some((_, font)) = chars.next() {
                        out.push('f');
                        out.push(font);
                        roman_font = matches!(font, 'R' | 'P');
                    } else {
                        out.push('f');
                    }
                }
                Some((_, next)) => out.push(next),
                None => {}
            }
            continue;
        }
        let Some(&(next_at, next)) = chars.peek() else {
            continue;
        };
        if roman_font
            && !in_url
            && !c.is_ascii()
            && !next.is_ascii()
            && breaks.binary_search(&(at + c.len_utf8())).is_ok()
        {
            debug_assert_eq!(next_at, at + c.len_utf8());
            out.push_str("\\:");
        }
    }
    out
}

/// The first line of every page names its encoding, for man-db's preconv
/// (`man -l`) and groff's `-k`; the pages are UTF-8 (a Japanese page, and
/// the English pages' 日本語 for `--lang ja`).
pub(super) const CODING: &str = ".\\\" -*- coding: UTF-8 -*-";

/// Each part rendered on its own starts with the same two-line preamble
/// (the apostrophe string); a page needs it once, at the top, after the
/// line that names the encoding.
pub(super) fn once_preamble(page: &str) -> String {
    const PREAMBLE: [&str; 2] = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];
    let mut out = String::with_capacity(page.len());
    out.push_str(CODING);
    out.push('\n');
    let mut lines = page.lines().peekable();
    let mut seen = false;
    while let Some(line) = lines.next() {
        if line == PREAMBLE[0] && lines.peek() == Some(&PREAMBLE[1]) {
            lines.next();
            if seen {
                continue;
            }
            seen = true;
            out.push_str(PREAMBLE[0]);
            out.push('\n');
            out.push_str(PREAMBLE[1]);
            out.push('\n');
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap_mangen::roff::{roman, Roff};

    #[test]
    fn break_points_go_between_japanese_characters_only_where_uax14_allows() {
        // After the comma and between kanji; not before 、 or a small kana
        // or ー, not after 「.
        assert_eq!(
            break_points("https://例え.jp/ガイド です"),
            "https://例え.jp/ガイド で\\:す"
        );
        assert_eq!(
            break_points("表示、「終了」ノード"),
            "表\\:示、\\:「終\\:了」\\:ノー\\:ド"
        );
        // Nothing in bold or italics (options, commands), in a URL or next
        // to ASCII (option names, paths), escapes untouched.
        assert_eq!(
            break_points("\\fBloginhelp search 忘れた\\fR 日本 \\-\\-lang と https://example.jp/あい \\\\ 語"),
            "\\fBloginhelp search 忘れた\\fR 日\\:本 \\-\\-lang と https://example.jp/あい \\\\ 語"
        );
    }

    #[test]
    fn roff_stays_escaped_in_japanese_pages() {
        // A text with a backslash and lines starting with `.` and `'`: roff
        // escapes them, and the break points keep them as they are.
        let mut roff = Roff::new();
        roff.text([roman(".始まり\\の文\n'引用です")]);
        let page = japanese_typesetting(&roff.render());
        let text = page.split_once("Aq '\n").map_or(&*page, |(_, t)| t);
        assert_eq!(
            text,
            "\\&.始\\:ま\\:り\\\\の\\:文\n\\*(Aq引\\:用\\:で\\:す\n"
        );
    }
}
