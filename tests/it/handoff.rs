//! The wizard's hand-off in a real pseudo-terminal (issue 12): the contacts
//! are what is on screen at the last prompt, the saved report holds the
//! contacts and a Japanese message, a save cannot be lost, typed-ahead keys
//! answer nothing, and `--plain` asks with numbers. At 80 and 40 columns,
//! in Japanese and in English.

#![cfg(unix)]

use std::time::{Duration, Instant};

use crate::common;
use crate::pty::{Tty, DOWN, ENTER, ESC};

const JA: &str = "ja_JP.UTF-8";
const EN: &str = "en_US.UTF-8";

/// Amazon's takeover path up to the last prompt ("what should happen with
/// the support message?"); the screen there.
fn amazon_takeover_to_the_last_prompt(tty: &mut Tty, lang: &str) -> String {
    let (first, next, last) = if lang == JA {
        (
            "いまどんな状況ですか?",
            "次へ進む",
            "サポートへのメッセージ",
        )
    } else {
        (
            "What is happening?",
            "Continue",
            "What should happen with the",
        )
    };
    tty.wait_for(first);
    for _ in 0..4 {
        tty.send(DOWN);
    }
    tty.send(ENTER); // 乗っ取り・不審なメールが届いた
    tty.wait_for(next);
    tty.send(ENTER);
    tty.wait_for(last)
}

/// Wait until `text` is on the screen at least `n` times.
fn wait_for_count(tty: &mut Tty, text: &str, n: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        tty.pump();
        let screen = tty.screen();
        if screen.matches(text).count() >= n {
            std::thread::sleep(Duration::from_millis(150));
            tty.pump();
            return tty.screen();
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {n}× {text:?}:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// The lines from the one holding `from` to the end of the screen.
fn below<'s>(screen: &'s str, from: &str) -> Vec<&'s str> {
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .rposition(|l| l.contains(from))
        .unwrap_or_else(|| panic!("no {from:?} on screen:\n{screen}"));
    lines[at..].to_vec()
}

/// On an 80×24 (and a 40×24) screen the phone numbers, with their cost,
/// are in view at the last prompt, right above it, in both languages.
#[test]
fn the_contacts_are_in_view_at_the_last_prompt() {
    for (cols, lang) in [(80u16, JA), (40, JA), (80, EN), (40, EN)] {
        let dir = tempfile::tempdir().unwrap();
        let mut tty = Tty::spawn(cols, 24, lang, &["amazon"], dir.path());
        let screen = amazon_takeover_to_the_last_prompt(&mut tty, lang);
        let (heading, free, paid) = if lang == JA {
            ("問い合わせ先(要点)", "通話無料", "有料電話")
        } else {
            ("Contacts (in short)", "Toll-free", "Paid line")
        };
        let block = below(&screen, heading);
        let block = block.join("\n");
        for want in ["0120-999-373", "011-330-3000", free, paid] {
            assert!(
                block.contains(want),
                "{cols} columns, {lang}: {want} not right above the prompt:\n{screen}"
            );
        }
        // The draft is above the contacts, not below them.
        assert!(
            !block.contains("------"),
            "{cols} columns, {lang}:\n{screen}"
        );
        tty.send(DOWN);
        tty.send(DOWN);
        tty.send(ENTER); // show only
        assert_eq!(tty.exit_code(), 0, "{cols} columns, {lang}");
    }
}

/// Hapitas' contact (its form's URL) is in view at the last prompt too.
#[test]
fn hapitas_contact_is_in_view_at_the_last_prompt() {
    for cols in [80u16, 40] {
        let dir = tempfile::tempdir().unwrap();
        let mut tty = Tty::spawn(cols, 24, JA, &["hapitas"], dir.path());
        tty.wait_for("どんな状況ですか?");
        for _ in 0..7 {
            tty.send(DOWN);
        }
        tty.send(ENTER); // 全部試した・問い合わせについて
        tty.wait_for("まだ問い合わせていない");
        tty.send(ENTER);
        tty.wait_for("次へ進む");
        tty.send(ENTER);
        let screen = tty.wait_for("サポートへのメッセージ");
        let block = below(&screen, "問い合わせ先(要点)").join("\n");
        assert!(
            block.contains("https://hapitas.jp/"),
            "{cols} columns:\n{screen}"
        );
        tty.send(DOWN);
        tty.send(DOWN);
        tty.send(ENTER);
        assert_eq!(tty.exit_code(), 0);
    }
}

/// The saved report holds the contacts, what to have ready and the message
/// in Japanese (what Amazon Japan reads), with an English translation for
/// an English reader; Enter alone saves to the suggested name.
#[test]
fn the_saved_report_is_worth_sending() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(80, 40, EN, &["amazon"], dir.path());
    amazon_takeover_to_the_last_prompt(&mut tty, EN);
    tty.send(ENTER); // Save it to a file
    tty.wait_for("File name to save it as");
    tty.send(ENTER); // the suggested name
    tty.wait_for("Saved to");
    assert_eq!(tty.exit_code(), 0);
    let text = std::fs::read_to_string(dir.path().join("loginhelp-amazon-2026-11-22.txt"))
        .expect("the report was saved under the suggested name");
    for want in [
        "0120-999-373",
        "011-330-3000",
        "Have this ready",
        "サポートご担当者様",
        "■ 詳しい状況",
        "登録メールアドレス: [ここに記入]",
        "2026-11-22",
        "English translation",
        "Dear Amazon",
    ] {
        assert!(text.contains(want), "{want}:\n{text}");
    }
    assert!(
        text.find("サポートご担当者様") < text.find("Dear Amazon"),
        "{text}"
    );
    assert!(
        !text.contains("(none)") && !text.contains("(なし)"),
        "{text}"
    );
}

/// A bad file name says why in Japanese and asks again; `~` is the home
/// directory; nothing is lost and the wizard does not fail.
#[test]
fn a_bad_file_name_is_asked_again_and_home_is_expanded() {
    for cols in [80u16, 40] {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir(&home).unwrap();
        let home_str = home.display().to_string();
        let mut tty = Tty::spawn_with(
            cols,
            40,
            JA,
            &["amazon"],
            dir.path(),
            &[("HOME", &home_str)],
            None,
        );
        amazon_takeover_to_the_last_prompt(&mut tty, JA);
        tty.send(ENTER); // ファイルに保存する
        tty.wait_for("保存するファイル名");
        tty.send("nodir/x.txt\r");
        let screen = tty.wait_for("がありません");
        assert!(screen.contains("保存できませんでした"), "{screen}");
        tty.wait_for("ファイル名を入力し直す");
        tty.send(ENTER);
        wait_for_count(&mut tty, "保存するファイル名", 2);
        tty.send("~/r.txt\r");
        tty.wait_for("保存しました");
        assert_eq!(tty.exit_code(), 0, "{cols} columns");
        let text = std::fs::read_to_string(home.join("r.txt")).expect("saved under ~");
        assert!(text.contains("0120-999-373"), "{text}");
    }
}

/// Two quick Enters at the first question answer it, and nothing else: the
/// second is discarded (or lands on "no"), so the walk is not ended as
/// solved before the steps are read.
#[test]
fn a_double_enter_does_not_end_the_walk() {
    for (lang, first, solved) in [
        (JA, "いまどんな状況ですか?", "✔ 解決しました"),
        (EN, "What is happening?", "✔ Solved"),
    ] {
        for cols in [80u16, 40] {
            let dir = tempfile::tempdir().unwrap();
            let mut tty = Tty::spawn(cols, 30, lang, &["amazon"], dir.path());
            tty.wait_for(first);
            tty.send("\r\r");
            std::thread::sleep(Duration::from_millis(800));
            tty.pump();
            let screen = tty.screen();
            assert!(!screen.contains(solved), "{lang} {cols}:\n{screen}");
            assert!(tty.alive(), "{lang} {cols}: the wizard ended:\n{screen}");
            tty.send("\x1b");
            assert_eq!(tty.exit_code(), 130);
        }
    }
}

/// `--plain` asks with numbered lists answered by a number and Enter,
/// navigation included; a wrong number is explained; `q` quits.
#[test]
fn plain_mode_asks_by_number() {
    for cols in [80u16, 40] {
        let dir = tempfile::tempdir().unwrap();
        let mut tty = Tty::spawn(cols, 40, JA, &["amazon", "--plain"], dir.path());
        let screen = tty.wait_for("番号を入力してEnterを押してください");
        assert!(
            screen.contains(" 1. パスワードを忘れた・違うと出る"),
            "{screen}"
        );
        assert!(screen.contains(" 7. × 終了する"), "{screen}");
        assert!(!tty.cursor_hidden(), "plain mode never hides the cursor");
        tty.send("1\r");
        let screen = tty.wait_for("これで解決しましたか?");
        assert!(screen.contains(" 4. ← 前の質問に戻る"), "{screen}");
        tty.send("9\r");
        tty.wait_for("1〜6 の番号を入力してください。");
        tty.send("4\r"); // back: the first question is asked again, below
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            tty.pump();
            let screen = tty.screen();
            if screen.rfind("いまどんな状況ですか?") > screen.rfind("これで解決しましたか?")
            {
                assert!(screen.contains(" 7. × 終了する"), "{screen}");
                break;
            }
            assert!(Instant::now() < deadline, "back did not go back:\n{screen}");
            std::thread::sleep(Duration::from_millis(30));
        }
        tty.send("q\r");
        assert_eq!(tty.exit_code(), 130, "{cols} columns");
    }
}

/// A dumb terminal gets the numbered lists without `--plain`.
#[test]
fn a_dumb_terminal_gets_plain_mode() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn_with(
        80,
        30,
        EN,
        &["amazon"],
        dir.path(),
        &[("TERM", "dumb")],
        None,
    );
    let screen = tty.wait_for("Type a number and press Enter (q quits)");
    assert!(
        screen.contains(" 1. Forgotten or wrong password"),
        "{screen}"
    );
    tty.send("q\r");
    assert_eq!(tty.exit_code(), 130);
}

/// With stdout redirected, the message also goes there.
#[test]
fn the_message_goes_to_a_redirected_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    let mut tty = Tty::spawn_with(80, 40, JA, &["amazon"], dir.path(), &[], Some(&out));
    amazon_takeover_to_the_last_prompt(&mut tty, JA);
    tty.send(DOWN);
    tty.send(DOWN);
    tty.send(ENTER); // 表示だけで終了する
    assert_eq!(tty.exit_code(), 0);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("サポートご担当者様"), "{text:?}");
    assert!(!text.contains('\x1b'), "{text:?}");
}

/// The message's date is the user's local date: zones 26 hours apart never
/// share a date.
#[test]
fn the_date_is_the_local_date() {
    let date_in = |tz: &str| -> String {
        let run = common::loginhelp(&["amazon", "-a", "symptom=hacked", "--lang", "en"])
            .env_remove("LOGINHELP_TODAY")
            .env("TZ", tz)
            .run();
        let text = run.stdout.clone();
        let at = text.find("Date:").unwrap_or_else(|| panic!("{text}"));
        text[at..].lines().nth(1).unwrap().trim().to_owned()
    };
    let east = date_in("Etc/GMT-14");
    let west = date_in("Etc/GMT+12");
    assert_eq!(east.len(), 10, "{east}");
    assert_ne!(east, west, "TZ is not respected");
}

/// Narrowing the window from 80 to 50 (or 40) columns during the first
/// Japanese menu, then moving the selection, erases nothing above the menu:
/// the header, the explanation and the question stay on screen.
#[test]
fn narrowing_the_window_during_a_menu_erases_nothing_above_it() {
    for (lang, narrow) in [(JA, 50u16), (JA, 40), (EN, 40)] {
        let dir = tempfile::tempdir().unwrap();
        let mut tty = Tty::spawn(80, 40, lang, &["amazon"], dir.path());
        let (header, question) = if lang == JA {
            ("── Amazon(アマゾン) ▸ 質問 1", "いまどんな状況ですか?")
        } else {
            (
                "── Amazon (amazon.co.jp) ▸ question 1",
                "What is happening?",
            )
        };
        let before = tty.wait_for(question);
        let explanation = before.lines().nth(1).unwrap().to_owned();
        tty.resize(narrow, 40);
        for _ in 0..6 {
            tty.send(DOWN);
        }
        let screen = tty.screen();
        for kept in [header, question, &explanation[..20.min(explanation.len())]] {
            let kept = loginhelp::text::truncate_to_width(kept, narrow as usize - 2);
            let kept = kept.trim_end_matches('…');
            assert!(
                screen.contains(kept),
                "{lang}: {kept:?} was erased:\n{screen}"
            );
        }
        for line in screen.lines().skip_while(|l| !l.contains(question)).skip(1) {
            assert!(
                loginhelp::text::width(line) <= narrow as usize,
                "{lang}: {line}"
            );
        }
        tty.send(ESC);
        assert_eq!(tty.exit_code(), 130);
    }
}

/// At 40 columns each option is shown once, whole (wrapped), and its
/// number can be typed to move to it.
#[test]
fn at_40_columns_each_option_shows_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(40, 40, JA, &["hapitas"], dir.path());
    let screen = tty.wait_for("× 終了する");
    for option in [
        "再設定メールが届かない",
        "正しく入力しているのに",
        "全部試した",
    ] {
        assert_eq!(
            screen.matches(option).count(),
            1,
            "{option} is not shown exactly once:\n{screen}"
        );
    }
    for line in screen.lines() {
        assert!(loginhelp::text::width(line) <= 40, "{line}");
    }
    tty.send("8"); // the number moves the selection there
    tty.send(ENTER);
    let screen = tty.wait_for("まだ問い合わせていない");
    assert!(screen.contains("全部試した・問い"), "{screen}");
    tty.send(ESC);
    assert_eq!(tty.exit_code(), 130);
}

/// The service picker's filter folds hiragana, katakana and half-width
/// kana as the command line does, and says when nothing matches.
#[test]
fn the_picker_folds_kana_and_says_when_nothing_matches() {
    for (typed, id, first) in [
        ("あまぞん", "(amazon)", "いまどんな状況ですか?"),
        ("ｱﾏｿﾞﾝ", "(amazon)", "いまどんな状況ですか?"),
        ("はぴたす", "(hapitas)", "どんな状況ですか?"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut tty = Tty::spawn(80, 30, JA, &[], dir.path());
        tty.wait_for("どのサービスですか?");
        tty.send(typed);
        let screen = tty.wait_for(id);
        assert!(!screen.contains("(instagram)"), "{typed}:\n{screen}");
        tty.send(ENTER);
        tty.wait_for(first);
        tty.send(ESC);
        assert_eq!(tty.exit_code(), 130);
    }
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(40, 30, EN, &[], dir.path());
    tty.wait_for("Which service?");
    tty.send("xqxq");
    tty.wait_for("Nothing matches");
    tty.send(ESC);
    assert_eq!(tty.exit_code(), 130);
}
