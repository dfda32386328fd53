//! The ready-to-send support message built from a walk: the situation the
//! user described, each fix tried and how it went, and the date. It never
//! contains a password or code, and it reminds the user not to add one.

use crate::engine::Walk;
use crate::i18n::{words, Lang, Letter};
use crate::tree::{AfterFix, Body};

/// Today's date as `YYYY-MM-DD` (UTC). `LOGINHELP_TODAY` pins it, so that
/// documentation and tests can show a stable message.
pub fn today() -> String {
    if let Ok(pinned) = std::env::var("LOGINHELP_TODAY") {
        if !pinned.trim().is_empty() {
            return crate::text::neutralize(pinned.trim());
        }
    }
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The message to send to the service's support, in the user's language.
pub fn support_message(walk: &Walk, lang: Lang, today: &str) -> String {
    let w = words(lang);
    let service = walk.service();
    let name = service.name.get(lang);
    let mut situation = Vec::new();
    let mut tried = Vec::new();
    for visit in walk.trail() {
        let node = service.node(visit.node);
        match &node.body {
            Body::Question { text, .. } => {
                if let Some(answer) = crate::engine::answer_label(walk, visit, lang) {
                    situation.push(format!("{} → {}", text.get(lang), answer));
                }
            }
            Body::Fix { title, after, .. } => {
                let result = match (after, visit.answer) {
                    (AfterFix::Ask { .. }, Some(0)) => w.fix_worked,
                    (AfterFix::Ask { .. }, Some(2)) => w.fix_tried_before,
                    (AfterFix::Ask { .. }, Some(_)) => w.fix_failed,
                    // Steps that only had to be read: the user saw them, and
                    // the message says no more than that.
                    (AfterFix::Continue(_), _) => w.fix_read,
                    (AfterFix::Ask { .. }, None) => continue,
                };
                tried.push(format!("{}: {}", title.get(lang), result));
            }
            _ => {}
        }
    }
    letter(&w.letter, w.none, name, &situation, &tried, today)
}

/// The letter around the two lists: `situation` as bullets, `tried`
/// numbered, an item saying "none" where a list is empty.
fn letter(
    l: &Letter,
    none: &str,
    name: &str,
    situation: &[String],
    tried: &[String],
    today: &str,
) -> String {
    let list = |items: &[String], numbered: bool| -> String {
        if items.is_empty() {
            return format!("- {none}\n");
        }
        items
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if numbered {
                    format!("{}. {s}\n", i + 1)
                } else {
                    format!("- {s}\n")
                }
            })
            .collect()
    };
    let mut out = String::new();
    out.push_str(&format!("{}\n\n", (l.subject)(name)));
    out.push_str(&format!("{}\n\n", (l.greeting)(name)));
    out.push_str(&format!("{}\n\n", l.opening));
    out.push_str(&format!("{}\n", l.situation));
    out.push_str(&list(situation, false));
    out.push_str(&format!("\n{}\n", l.tried));
    out.push_str(&list(tried, true));
    out.push_str(&format!("\n{}\n{today}\n\n", l.date));
    out.push_str(&format!("{}\n- {}\n\n", l.account, l.account_line));
    out.push_str(&format!("{}\n\n", l.closing));
    out.push_str(&format!("{}\n", l.never_write));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_414), (2025, 11, 22));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}
