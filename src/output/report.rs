//! The ready-to-send support message built from a walk: the situation the
//! user described, each fix and honestly how it went, lines to fill in, the
//! date. It never contains a password or code, and says not to add one.
//! The report file around it is `report_file`.

use std::fmt::Write as _;

use crate::engine::Walk;
use crate::i18n::{words, Lang, Letter};
use crate::tree::{AfterFix, Body, Service};

/// Today's date as `YYYY-MM-DD` in the user's time zone (`TZ`, else the
/// system's), so that a user in Japan gets their own date before 09:00.
/// `LOGINHELP_TODAY` pins it, so that documentation and tests can show a
/// stable message.
pub fn today() -> String {
    if let Ok(pinned) = std::env::var("LOGINHELP_TODAY") {
        if !pinned.trim().is_empty() {
            return crate::text::neutralize(pinned.trim());
        }
    }
    jiff::Zoned::now().date().to_string()
}

/// The language the service's support reads: every shipped service is a
/// Japanese one (amazon.co.jp, Instagram Japan's help, LINE, Hapitas,
/// Coconala), so the message to send is always written in Japanese.
pub fn support_lang(_service: &Service) -> Lang {
    Lang::Ja
}

/// How a fix in the trail went, as far as the walk knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Worked,
    Failed,
    TriedBefore,
    Read,
}

/// The message to send to the service's support, written in `lang`.
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
                let outcome = match (after, visit.answer) {
                    (AfterFix::Ask { .. }, Some(0)) => Outcome::Worked,
                    (AfterFix::Ask { .. }, Some(2)) => Outcome::TriedBefore,
                    (AfterFix::Ask { .. }, Some(_)) => Outcome::Failed,
                    // Steps that only had to be read: the user saw them, and
                    // the message says no more than that.
                    (AfterFix::Continue(_), _) => Outcome::Read,
                    (AfterFix::Ask { .. }, None) => continue,
                };
                let said = match outcome {
                    Outcome::Worked => w.fix_worked,
                    Outcome::Failed => w.fix_failed,
                    Outcome::TriedBefore => w.fix_tried_before,
                    Outcome::Read => w.fix_read,
                };
                tried.push((format!("{}: {}", title.get(lang), said), outcome));
            }
            _ => {}
        }
    }
    letter(&w.letter, name, &service.id, &situation, &tried, today)
}

/// The letter around the lists. The opening says only what the trail
/// holds: fixes tried without success, steps only read, or nothing yet; an
/// empty list is left out rather than shown as "none".
fn letter(
    l: &Letter,
    name: &str,
    service_id: &str,
    situation: &[String],
    tried: &[(String, Outcome)],
    today: &str,
) -> String {
    let did_something = tried
        .iter()
        .any(|(_, o)| matches!(o, Outcome::Failed | Outcome::TriedBefore));
    let opening = if did_something {
        l.opening_tried
    } else if !tried.is_empty() {
        l.opening_read
    } else {
        l.opening_plain
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", (l.subject)(name));
    let _ = writeln!(out, "{}\n", (l.greeting)(name));
    let _ = writeln!(out, "{opening}\n");
    if !situation.is_empty() {
        let _ = writeln!(out, "{}", l.situation);
        for s in situation {
            let _ = writeln!(out, "- {s}");
        }
        out.push('\n');
    }
    if !tried.is_empty() {
        let _ = writeln!(out, "{}", l.tried);
        for (i, (s, _)) in tried.iter().enumerate() {
            let _ = writeln!(out, "{}. {s}", i + 1);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", l.details);
    for field in l.detail_lines {
        let _ = writeln!(out, "- {field}: {}", l.blank);
    }
    out.push('\n');
    let _ = writeln!(out, "{}", l.account);
    for field in account_fields(l, service_id) {
        let _ = writeln!(out, "- {field}: {}", l.blank);
    }
    out.push('\n');
    let _ = writeln!(out, "{}\n{today}\n", l.date);
    let _ = writeln!(out, "{}", l.closing);
    out
}

/// The account lines each service's article says support asks for (the
/// articles in docs/sources): Hapitas wants the name, the registered email
/// and, to confirm identity, the date of birth and registered address;
/// Amazon the account name, email and registered address; Instagram the
/// user name and the email or phone number; LINE the official account's
/// name and the business ID's email; Coconala the user name and email.
fn account_fields(l: &Letter, service_id: &str) -> &'static [&'static str] {
    match service_id {
        "hapitas" => l.account_hapitas,
        "amazon" => l.account_amazon,
        "instagram" => l.account_instagram,
        "line" => l.account_line_oa,
        _ => l.account_default,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::check_source;

    fn tree() -> String {
        crate::testing::guide(
            "hapitas",
            "symptom",
            r#"
[[node]]
id = "symptom"
kind = "question"
text = { ja = "どうしましたか?", en = "What happened?" }
[[node.option]]
id = "forgot"
label = { ja = "パスワードを忘れた", en = "Forgot password" }
next = "read"
[[node.option]]
id = "other"
label = { ja = "その他", en = "Other" }
next = "support"

[[node]]
id = "read"
kind = "fix"
title = { ja = "まず読む", en = "Read first" }
next = "reset"
[[node.step]]
text = { ja = "読む", en = "Read" }

[[node]]
id = "reset"
kind = "fix"
title = { ja = "再設定する", en = "Reset it" }
solved = "done"
unsolved = "support"
[[node.step]]
text = { ja = "メールを確認する", en = "Check your email" }

[[node]]
id = "done"
kind = "resolved"
title = { ja = "解決", en = "Solved" }

[[node]]
id = "support"
kind = "escalation"
title = { ja = "連絡", en = "Contact" }
prepare = [{ ja = "登録メールアドレス", en = "Your registered email" }]
[[node.contact]]
channel = "phone"
label = { ja = "窓口", en = "Desk" }
phone = "0120-000-000"
cost = { ja = "無料", en = "Free" }
"#,
        )
    }

    fn service() -> Service {
        check_source(&tree()).service.expect("test tree is valid")
    }

    #[test]
    fn nothing_tried_is_not_claimed_and_no_empty_list_is_shown() {
        let s = service();
        let mut walk = Walk::new(&s);
        walk.answer("other").unwrap();
        let m = support_message(&walk, Lang::Ja, "2026-11-22");
        assert!(!m.contains("以下の通り"), "{m}");
        assert!(!m.contains("(なし)"), "{m}");
        assert!(!m.contains("■ 試したこと"), "{m}");
        assert!(m.contains("どうしましたか? → その他"), "{m}");
    }

    #[test]
    fn statuses_are_honest() {
        let s = service();
        let mut walk = Walk::new(&s);
        walk.answer("forgot").unwrap();
        walk.advance();
        walk.answer_index(1).unwrap(); // no
        let m = support_message(&walk, Lang::Ja, "2026-11-22");
        assert!(m.contains("1. まず読む: 案内の手順を読みました"), "{m}");
        assert!(
            m.contains("2. 再設定する: 試しましたが、解決しませんでした"),
            "{m}"
        );
        assert!(m.contains("以下の通り自分で対処を試しましたが"), "{m}");
        let en = support_message(&walk, Lang::En, "2026-11-22");
        assert!(en.contains("1. Read first: read the steps"), "{en}");
    }

    #[test]
    fn the_letter_asks_for_details_and_the_articles_account_lines() {
        let s = service();
        let mut walk = Walk::new(&s);
        walk.answer("other").unwrap();
        let m = support_message(&walk, Lang::Ja, "2026-11-22");
        for want in [
            "起きたこと: [",
            "いつから: [",
            "表示されたエラーメッセージ(そのまま): [",
            "パスワードや確認コードは書かないでください",
            "氏名: [",
            "登録メールアドレス: [",
            "生年月日(本人確認用): [",
            "登録住所(本人確認用): [",
            "2026-11-22",
        ] {
            assert!(m.contains(want), "{want}: {m}");
        }
    }

    #[test]
    fn the_report_holds_contacts_prepare_and_the_japanese_message() {
        let s = service();
        let mut walk = Walk::new(&s);
        walk.answer("other").unwrap();
        let r = crate::output::report_file::report_text(&walk, Lang::En, "2026-11-22", 80);
        assert!(r.contains("0120-000-000"), "{r}");
        assert!(r.contains("Free"), "{r}");
        assert!(r.contains("Your registered email"), "{r}");
        let ja = r
            .find("テスト サポートご担当者様")
            .expect("Japanese message");
        let en = r.find("Dear Test support").expect("translation");
        assert!(ja < en, "the message to send comes first: {r}");
    }
}
