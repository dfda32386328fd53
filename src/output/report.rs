//! The ready-to-send support message built from a walk: the situation the
//! user described, each fix tried and how it went, and the date. It never
//! contains a password or code, and it reminds the user not to add one.

use crate::engine::Walk;
use crate::i18n::Lang;
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
                    (AfterFix::Ask { .. }, Some(0)) => match lang {
                        Lang::Ja => "解決しました",
                        Lang::En => "this worked",
                    },
                    (AfterFix::Ask { .. }, Some(_)) => match lang {
                        Lang::Ja => "解決しませんでした",
                        Lang::En => "this did not solve it",
                    },
                    (AfterFix::Continue(_), _) => match lang {
                        Lang::Ja => "実施しました",
                        Lang::En => "done",
                    },
                    (AfterFix::Ask { .. }, None) => continue,
                };
                tried.push(format!("{}: {}", title.get(lang), result));
            }
            _ => {}
        }
    }
    let mut out = String::new();
    let none = match lang {
        Lang::Ja => "(なし)",
        Lang::En => "(none)",
    };
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
    match lang {
        Lang::Ja => {
            out.push_str(&format!("件名: {name}にログインできません\n\n"));
            out.push_str(&format!("{name} サポートご担当者様\n\n"));
            out.push_str("アカウントにログインできなくなりました。以下の通り自分で確認と対処を行いましたが、解決しませんでした。ご確認をお願いいたします。\n\n");
            out.push_str("■ 状況\n");
            out.push_str(&list(&situation, false));
            out.push_str("\n■ 試したこと\n");
            out.push_str(&list(&tried, true));
            out.push_str(&format!("\n■ 日付\n{today}\n\n"));
            out.push_str("■ アカウント\n- ユーザー名または登録メールアドレス: [ここに記入]\n\n");
            out.push_str("よろしくお願いいたします。\n\n");
            out.push_str("(注意: パスワードや確認コードは、このメッセージにもどこにも書かないでください。)\n");
        }
        Lang::En => {
            out.push_str(&format!("Subject: I cannot sign in to {name}\n\n"));
            out.push_str(&format!("Dear {name} support,\n\n"));
            out.push_str("I can no longer sign in to my account. I have checked and tried the following myself, without success. Could you please look into it?\n\n");
            out.push_str("Situation:\n");
            out.push_str(&list(&situation, false));
            out.push_str("\nWhat I have tried:\n");
            out.push_str(&list(&tried, true));
            out.push_str(&format!("\nDate:\n{today}\n\n"));
            out.push_str("Account:\n- User name or registered email address: [fill in]\n\n");
            out.push_str("Thank you for your help.\n\n");
            out.push_str(
                "(Note: never write your password or a verification code here or anywhere else.)\n",
            );
        }
    }
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
