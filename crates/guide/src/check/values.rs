//! The rules for single values, with no `Checker`: ids, phone numbers,
//! https URLs, dates, and the keys each node kind takes.

use std::ops::Range;

use crate::model::NodeKind;
use crate::raw::{span, RawNode};

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

/// A phone number as Japanese services print them: digits in groups joined by
/// `-` or spaces, an optional leading `+`, 3 to 15 digits in all.
pub fn is_valid_phone(phone: &str) -> bool {
    let body = phone.strip_prefix('+').unwrap_or(phone);
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    (3..=15).contains(&digits)
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b' ')
        && body.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && body.bytes().last().is_some_and(|b| b.is_ascii_digit())
        && !body.contains("--")
        && !body.contains("  ")
}

/// An absolute https URL with a real host name.
pub fn url_problem(raw: &str) -> Option<&'static str> {
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("a URL may not contain spaces or control characters");
    }
    let Ok(url) = url::Url::parse(raw) else {
        return Some("not a valid URL");
    };
    if url.scheme() != "https" {
        return Some("only https URLs are allowed");
    }
    match url.host() {
        Some(url::Host::Domain(host)) if host.contains('.') => {}
        _ => return Some("the URL needs a public host name"),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Some("a URL may not carry a user name or password");
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
        for ok in ["0120-999-373", "011-330-3000", "188", "+81 3 1234 5678"] {
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
