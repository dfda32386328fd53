//! The rules for single values, with no `Checker`: ids, phone numbers,
//! https URLs, dates, and the keys each node kind takes.

use std::ops::Range;

use crate::lang::Text;
use crate::model::NodeKind;
use crate::raw::{span, RawNode};
use crate::said;

pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A phone number in a shape the Japanese numbering plan allows, written
/// with ASCII digits and groups joined by `-` or spaces:
///
/// - a 10-digit fixed line, `0` + area code + local number (`03-1234-5678`,
///   `011-330-3000`): grouped, the area code (with its `0`) has 2 to 5
///   digits, the middle group 1 to 4 and the last 4;
/// - an 11-digit mobile, `070`/`080`/`090-XXXX-XXXX`, or IP phone, `050-…`;
/// - toll-free `0120-XXX-XXX` (or `0120-XX-XXXX`) and `0800-XXX-XXXX`;
/// - navi-dial `0570-XXX-XXX` (or `0570-XX-XXXX`);
/// - a 3-digit special number (`110`, `119`, `188`, `189`, …) in one group,
///   or a `#` short number (`#7119`, `#9110`);
/// - any of the first four as `+81` then the number without its leading
///   `0` (`+81 3 1234 5678`, `+81-90-1234-5678`).
pub fn is_valid_phone(phone: &str) -> bool {
    if let Some(short) = phone.strip_prefix('#') {
        return short.len() == 4
            && short.bytes().all(|b| b.is_ascii_digit())
            && matches!(short.as_bytes()[0], b'7'..=b'9');
    }
    let (international, body) = match phone.strip_prefix("+81") {
        Some(rest) => (true, rest.strip_prefix(['-', ' ']).unwrap_or(rest)),
        None => (false, phone),
    };
    let mut groups: Vec<String> = Vec::new();
    for group in body.split(['-', ' ']) {
        if group.is_empty() || !group.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        groups.push(group.to_owned());
    }
    if international {
        if groups[0].starts_with('0') {
            return false;
        }
        groups[0].insert(0, '0');
    } else if groups.len() == 1 && SPECIAL_NUMBERS.contains(&groups[0].as_str()) {
        return true;
    }
    let digits: String = groups.concat();
    let lens: Vec<usize> = groups.iter().map(String::len).collect();
    let grouped = |shapes: &[&[usize]]| lens.len() == 1 || shapes.contains(&lens.as_slice());
    let d = digits.as_bytes();
    if d.first() != Some(&b'0') {
        return false;
    }
    match digits.len() {
        10 if digits.starts_with("0120") || digits.starts_with("0570") => {
            grouped(&[&[4, 3, 3], &[4, 2, 4]])
        }
        10 => {
            // A fixed line: not `00…`, and not one of the `0X0` prefixes
            // (international, mobile, IP phone …).
            d[1] != b'0'
                && d[2] != b'0'
                && (lens.len() == 1
                    || (lens.len() == 3
                        && (2..=5).contains(&lens[0])
                        && (1..=4).contains(&lens[1])
                        && lens[2] == 4))
        }
        11 if digits.starts_with("0800") => grouped(&[&[4, 3, 4]]),
        11 if ["050", "070", "080", "090"]
            .iter()
            .any(|p| digits.starts_with(p)) =>
        {
            grouped(&[&[3, 4, 4]])
        }
        _ => false,
    }
}

/// The 3-digit special numbers: directory, police, fire and ambulance,
/// coast guard, the disaster message dial, the consumer hotline (188), the
/// child-abuse line (189) and the other 1XY services.
const SPECIAL_NUMBERS: &[&str] = &[
    "104", "110", "115", "117", "118", "119", "171", "177", "184", "186", "188", "189",
];

/// The characters a URL may not hold as written: they end an autolink or
/// an HTML attribute in Markdown, or mean something else in a path.
const URL_FORBIDDEN: &[char] = &['<', '>', '"', '\'', '\\', '`'];

/// An absolute https URL with a real host name, or what is wrong with it.
pub fn url_problem(raw: &str) -> Option<Text> {
    check_url(raw).err()
}

/// The parsed URL when `raw` is an absolute https URL with a public ASCII
/// host name and no user name, password, spaces, control or invisible
/// characters, or any of `<>"'\` and the backquote. Its serialization
/// (`Url::as_str`) is what a guide stores and prints.
pub fn check_url(raw: &str) -> Result<url::Url, Text> {
    if raw
        .chars()
        .any(|c| c.is_whitespace() || crate::text::is_unsafe_char(c))
    {
        return Err(said!(
            "a URL may not contain spaces, control or invisible characters",
            "URL に空白、制御文字、見えない文字は使えません"
        ));
    }
    if raw.contains(URL_FORBIDDEN) {
        return Err(said!(
            "a URL may not contain `<`, `>`, `\"`, `'`, `\\` or `` ` ``",
            "URL に `<`、`>`、`\"`、`'`、`\\`、`` ` `` は使えません"
        ));
    }
    let url =
        url::Url::parse(raw).map_err(|_| said!("not a valid URL", "URL として正しくありません"))?;
    if url.scheme() != "https" {
        return Err(said!(
            "only https URLs are allowed",
            "使えるのは https の URL だけです"
        ));
    }
    let authority = raw.split_once("://").map_or("", |(_, rest)| {
        rest.split(['/', '?', '#']).next().unwrap_or("")
    });
    if !authority.is_ascii() {
        return Err(said!(
            "the host name is not ASCII, so a look-alike letter can hide in it \
             (write the punycode form `{url}` if this host is really meant)",
            "ホスト名が ASCII でないため、形の似た別の文字が紛れ込めます\
             (本当にこのホストなら、punycode の形 `{url}` で書いてください)"
        ));
    }
    match url.host() {
        Some(url::Host::Domain(host)) if host.contains('.') => {}
        _ => {
            return Err(said!(
                "the URL needs a public host name",
                "URL には公開されたホスト名が必要です"
            ))
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(said!(
            "a URL may not carry a user name or password",
            "URL にユーザー名やパスワードは含められません"
        ));
    }
    Ok(url)
}

/// The registrable part of a host name ("the domain a company buys"): its
/// last two labels, or three when the second-last is one of the generic
/// second-level labels under a two-letter country code (`amazon.co.jp`,
/// `example.com.au`). An approximation of the public-suffix list that is
/// right for the services a guide is written for.
pub fn registrable_domain(host: &str) -> &str {
    const SECOND_LEVEL: &[&str] = &[
        "ac", "ad", "co", "ed", "go", "gr", "lg", "ne", "or", "com", "net", "org", "gov", "edu",
    ];
    let host = host.trim_end_matches('.');
    let labels: Vec<&str> = host.split('.').collect();
    let keep = match labels.as_slice() {
        [.., second, last] if last.len() == 2 && SECOND_LEVEL.contains(second) => 3,
        _ => 2,
    };
    if labels.len() <= keep {
        return host;
    }
    let cut: usize = labels[..labels.len() - keep]
        .iter()
        .map(|l| l.len() + 1)
        .sum();
    &host[cut..]
}

/// Is `host` the domain `domain` or a name under it.
pub fn is_under(host: &str, domain: &str) -> bool {
    let host = host.trim_end_matches('.');
    host.eq_ignore_ascii_case(domain)
        || (host.len() > domain.len()
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
            && host[host.len() - domain.len()..].eq_ignore_ascii_case(domain))
}

/// A `[[source]] ref`: a file name (a relative path such as `notes.txt` or
/// `articles/reset.txt`), or an https URL; `None` when it is fine.
pub fn source_ref_problem(raw: &str) -> Option<Text> {
    let has_scheme = raw.split_once(':').is_some_and(|(scheme, _)| {
        scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if has_scheme || raw.contains("://") {
        return url_problem(raw);
    }
    if raw.trim().is_empty() {
        return Some(said!("a source reference is empty", "出典の参照が空です"));
    }
    if raw.starts_with('/') || raw.contains(':') || raw.contains(URL_FORBIDDEN) {
        return Some(said!(
            "a source reference is a file name (relative, with no `:` or `<>\"'\\`) or an https URL",
            "出典の参照に書けるのは、ファイル名(相対パスで、`:` や `<>\"'\\` を含まないもの)か https の URL です"
        ));
    }
    if raw
        .chars()
        .any(|c| c.is_control() || crate::text::is_unsafe_char(c))
    {
        return Some(said!(
            "a source reference may not contain control or invisible characters",
            "出典の参照に制御文字や見えない文字は使えません"
        ));
    }
    None
}

pub(crate) fn is_valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3
        || parts[0].len() != 4
        || parts[1].len() != 2
        || parts[2].len() != 2
        || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        parts[0].parse::<u32>(),
        parts[1].parse::<u32>(),
        parts[2].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (2000..=2999).contains(&year) && (1..=days).contains(&day)
}

/// Keys each node kind takes, besides `id`, `kind`, `cause`, `warning`, `notes`.
pub(crate) fn allowed_keys(kind: NodeKind) -> &'static [&'static str] {
    match kind {
        NodeKind::Question => &["text", "help", "option"],
        NodeKind::Fix => &[
            "title", "intro", "step", "solved", "unsolved", "next", "wait",
        ],
        NodeKind::Escalation => &["title", "text", "contact", "prepare", "tips", "wait"],
        NodeKind::End => &["title", "text", "wait"],
        NodeKind::Resolved => &["title", "text"],
    }
}

/// The kind-specific keys present in a raw node, with their positions.
pub(crate) fn present_keys(node: &RawNode) -> Vec<(&'static str, Range<usize>)> {
    let mut keys = Vec::new();
    let mut add = |name: &'static str, s: Option<Range<usize>>| {
        if let Some(s) = s {
            keys.push((name, s));
        }
    };
    add("text", node.text.as_ref().map(span));
    add("help", node.help.as_ref().map(span));
    add("option", node.option.as_ref().map(span));
    add("title", node.title.as_ref().map(span));
    add("intro", node.intro.as_ref().map(span));
    add("step", node.step.as_ref().map(span));
    add("solved", node.solved.as_ref().map(span));
    add("unsolved", node.unsolved.as_ref().map(span));
    add("next", node.next.as_ref().map(span));
    add("contact", node.contact.as_ref().map(span));
    add("prepare", node.prepare.as_ref().map(span));
    add("tips", node.tips.as_ref().map(span));
    add("wait", node.wait.as_ref().map(span));
    keys
}

/// A wait as written, `"7d"` or `"12h"`, in hours; `None` when it is not
/// a whole number of days (1 to 365) or hours (1 to 8760).
pub fn parse_wait(after: &str) -> Option<u32> {
    let (number, unit) = after.split_at(after.len().checked_sub(1)?);
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) || number.starts_with('0') {
        return None;
    }
    let n: u32 = number.parse().ok()?;
    let hours = match unit {
        "d" => n.checked_mul(24)?,
        "h" => n,
        _ => return None,
    };
    (1..=MAX_WAIT_HOURS).contains(&hours).then_some(hours)
}

/// The longest wait a guide may give: a year.
pub const MAX_WAIT_HOURS: u32 = 365 * 24;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for ok in [
            "0120-999-373",
            "011-330-3000",
            "188",
            "110",
            "119",
            "189",
            "+81 3 1234 5678",
            "+81-90-1234-5678",
            "03-1234-5678",
            "0123-45-6789",
            "01234-5-6789",
            "0312345678",
            "090-1234-5678",
            "080 1234 5678",
            "070-1234-5678",
            "050-1234-5678",
            "0120-99-9373",
            "0800-123-4567",
            "0570-064-333",
            "0570-00-1234",
            "#7119",
        ] {
            assert!(is_valid_phone(ok), "{ok}");
        }
        for bad in [
            "",
            "12",
            "0120-999-37a",
            "-0120",
            "0120--999",
            "call 0120",
            "0120-",
            // The review's non-numbers.
            "000",
            "1 2 3",
            "0-1-2-3-4-5-6-7",
            "123456789012345",
            // Wrong lengths and groupings.
            "999",
            "18-8",
            "0120-999-3733",
            "0120-9993-73",
            "090-123-45678",
            "03-12345678-9",
            "0012-345-678",
            "0101-234-567",
            "090-1234-567",
            "0800-12-34567",
            "+81 03 1234 5678",
            "+810312345678",
            "+1 206 555 0100",
            "+81 188",
            "+++",
            "#123",
            "#71190",
        ] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }
    #[test]
    fn urls() {
        assert_eq!(url_problem("https://www.amazon.co.jp/"), None);
        assert!(url_problem("http://www.amazon.co.jp/").is_some());
        assert!(url_problem("javascript:alert(1)").is_some());
        assert!(url_problem("https://localhost/").is_some());
        assert!(url_problem("https://user:pw@example.com/").is_some());
        assert!(url_problem("https://exa mple.com/").is_some());
        // Markup and quotes, which would leave an autolink or attribute.
        for bad in [
            "https://help.example.com/?q=<svg/onload=alert(1)>",
            "https://help.example.com/\"onmouseover=\"x",
            "https://help.example.com/'x",
            "https://help.example.com\\evil.example/",
            "https://help.example.com/`x`",
        ] {
            assert!(url_problem(bad).is_some(), "{bad}");
        }
        // Look-alike and invisible letters in the host.
        for bad in [
            "https://\u{430}mazon.co.jp/",
            "https://amaz\u{200b}on.co.jp/",
            "https://ａｍａｚｏｎ.co.jp/",
        ] {
            let problem = url_problem(bad).map(|p| p.en).unwrap_or_default();
            assert!(!problem.is_empty(), "{bad}");
        }
        let cyrillic = url_problem("https://\u{430}mazon.co.jp/").unwrap().en;
        assert!(
            cyrillic.contains("https://xn--mazon-3ve.co.jp/"),
            "{cyrillic}"
        );
        // The stored form is the URL's serialization.
        let url = check_url("https://Example.COM/a b").map(|u| u.to_string());
        assert!(url.is_err());
        assert_eq!(
            check_url("https://Example.COM/パス?q=1").unwrap().as_str(),
            "https://example.com/%E3%83%91%E3%82%B9?q=1"
        );
    }

    #[test]
    fn registrable_domains() {
        assert_eq!(registrable_domain("www.amazon.co.jp"), "amazon.co.jp");
        assert_eq!(registrable_domain("amazon.co.jp"), "amazon.co.jp");
        assert_eq!(registrable_domain("help.instagram.com"), "instagram.com");
        assert_eq!(registrable_domain("account.line.biz"), "line.biz");
        assert_eq!(
            registrable_domain("amazon.co.jp.evil.example"),
            "evil.example"
        );
        assert!(is_under("www.amazon.co.jp", "amazon.co.jp"));
        assert!(is_under("amazon.co.jp", "amazon.co.jp"));
        assert!(!is_under("notamazon.co.jp", "amazon.co.jp"));
        assert!(!is_under("amazon.co.jp.evil.example", "amazon.co.jp"));
    }

    #[test]
    fn source_refs() {
        for ok in [
            "001_3883a95c92c09f88.txt",
            "notes/reset.txt",
            "https://example.com/a",
        ] {
            assert_eq!(source_ref_problem(ok), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "http://example.com/",
            "file:///etc/passwd",
            "/etc/passwd",
            "C:\\notes.txt",
            "",
            " ",
            "a<b>.txt",
            "a\u{200b}.txt",
        ] {
            assert!(source_ref_problem(bad).is_some(), "{bad:?}");
        }
    }
    #[test]
    fn waits() {
        assert_eq!(parse_wait("7d"), Some(168));
        assert_eq!(parse_wait("12h"), Some(12));
        assert_eq!(parse_wait("365d"), Some(8760));
        for bad in [
            "", "d", "7", "0d", "07d", "7 d", "-1d", "1w", "366d", "8761h", "7D", "１d",
        ] {
            assert_eq!(parse_wait(bad), None, "{bad}");
        }
    }
    #[test]
    fn dates() {
        assert!(is_valid_date("2026-11-22"));
        assert!(is_valid_date("2024-02-29"));
        assert!(!is_valid_date("2026-02-29"));
        assert!(!is_valid_date("2026-13-01"));
        assert!(!is_valid_date("22-11-2026"));
    }
}
