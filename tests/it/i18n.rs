//! The command line in the user's language: `--help` of every command and
//! clap's usage errors follow `--lang`, `LOGINHELP_LANG` and the locale,
//! by the same rule as the guides; English stays as clap writes it.
//! `snapshots/help-{ja,en}.txt` hold every command's `--help`; run with
//! `UPDATE_SNAPSHOTS=1` to rewrite them after a deliberate change.

use crate::common::{loginhelp, repo};

const COMMANDS: [&[&str]; 9] = [
    &[],
    &["list"],
    &["show"],
    &["validate"],
    &["graph"],
    &["search"],
    &["answers"],
    &["completions"],
    &["man"],
];

/// `--help` of the root and of every subcommand, one after another.
fn all_help(env: &[(&str, &str)]) -> String {
    let mut all = String::new();
    for command in COMMANDS {
        let mut args = command.to_vec();
        args.push("--help");
        let mut cmd = loginhelp(&args);
        for (key, value) in env {
            cmd = cmd.env(key, value);
        }
        let run = cmd.run();
        assert_eq!(run.status, 0, "{args:?}: {}", run.stderr);
        all.push_str(&format!("$ loginhelp {}\n{}\n", args.join(" "), run.stdout));
    }
    all
}

fn compare_with_snapshot(name: &str, actual: &str) {
    let path = repo().join("tests/it/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == actual,
        "{name} differs; rerun with UPDATE_SNAPSHOTS=1 if the change is meant:\n{actual}"
    );
}

#[test]
fn help_in_japanese_matches_the_snapshot() {
    // LANG=C gives Japanese, as it does for the guides.
    let ja = all_help(&[("LANG", "C")]);
    compare_with_snapshot("help-ja.txt", &ja);
    for english in [
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "[default:",
        "[env:",
        "Possible values",
        "Print help",
    ] {
        assert!(!ja.contains(english), "{english} in the Japanese help");
    }
    assert_eq!(all_help(&[("LANG", "ja_JP.UTF-8")]), ja);
    let help_show = loginhelp(&["help", "show"]).run();
    assert!(ja.contains(&help_show.stdout), "{}", help_show.stdout);
    assert_eq!(
        all_help(&[("LANG", "en_US.UTF-8"), ("LOGINHELP_LANG", "ja")]),
        ja
    );
}

#[test]
fn help_in_english_matches_the_snapshot() {
    let en = all_help(&[("LANG", "en_US.UTF-8")]);
    compare_with_snapshot("help-en.txt", &en);
    assert!(en.contains("Usage: loginhelp [OPTIONS] [SERVICE] [COMMAND]"));
    // clap shows an environment variable's value in English help.
    let from_env = all_help(&[("LOGINHELP_LANG", "en")]);
    assert_eq!(
        from_env.replace("[env: LOGINHELP_LANG=en]", "[env: LOGINHELP_LANG=]"),
        en
    );
    let run = loginhelp(&["--lang", "en", "--help"]).run();
    assert!(en.starts_with(&format!("$ loginhelp --help\n{}", run.stdout)));
    let run = loginhelp(&["show", "--help", "--lang=en"]).run();
    assert!(en.contains(&run.stdout));
    let help_show = loginhelp(&["help", "show"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(help_show.stdout, run.stdout);
}

#[test]
fn clap_usage_errors_in_japanese() {
    let run = loginhelp(&["amazon", "--frmat", "json"]).run();
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "エラー: '--frmat' という引数はありません\n\n  ヒント: 似た引数があります: '--format'\n\n\
         使い方: loginhelp [オプション] [SERVICE] [COMMAND]\n\n\
         詳しくは '--help' で表示されるヘルプを見てください。\n"
    );
    let run = loginhelp(&["list", "--lang", "zz"]).run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.starts_with(
            "エラー: 'zz' は '--lang <LANG>' の値として使えません\n  [使える値: ja, en]"
        ),
        "{}",
        run.stderr
    );
    let run = loginhelp(&["show"]).env("LANG", "ja_JP.UTF-8").run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("次の引数が必要です:\n  <SERVICE>"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("使い方: loginhelp show [オプション] <SERVICE> [NODE]"));
    let run = loginhelp(&["search", "--", "--lang"]).run();
    assert_eq!(run.status, 0, "`--` ends the options: {}", run.stderr);
}

#[test]
fn clap_usage_errors_in_english_unchanged() {
    let run = loginhelp(&["amazon", "--frmat", "json", "--lang", "en"]).run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .starts_with("error: unexpected argument '--frmat' found"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("Usage: loginhelp --format <FORMAT> <SERVICE>"));
    assert!(run
        .stderr
        .ends_with("For more information, try '--help'.\n"));
}

#[test]
fn usage_errors_under_format_json_are_in_the_chosen_language() {
    let run = loginhelp(&["amazon", "--frmat", "x", "--format", "json"]).run();
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, run.stdout.trim_start());
    let message = run.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        message.starts_with("'--frmat' という引数はありません"),
        "{message}"
    );
    assert!(
        message.contains("似た引数があります: '--format'"),
        "{message}"
    );
    let run = loginhelp(&["amazon", "--frmat", "x", "--format", "json", "--lang", "en"]).run();
    assert_eq!(run.status, 2);
    let message = run.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        message.starts_with("unexpected argument '--frmat' found"),
        "{message}"
    );
}

// The numbers are Linux's (ELOOP is 62 on the BSDs).
#[cfg(target_os = "linux")]
#[test]
fn errors_from_the_system_are_worded_in_japanese() {
    // A file where a directory is needed, and a link that loops.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "").unwrap();
    let looped = dir.path().join("loop");
    std::os::unix::fs::symlink(&looped, &looped).unwrap();

    let run = loginhelp(&["list", "--services-dir", file.to_str().unwrap()]).run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .ends_with("file を読めません: ディレクトリではありません(OS のエラー 20)\n"),
        "{}",
        run.stderr
    );
    let run = loginhelp(&["amazon", "--answers", looped.to_str().unwrap()]).run();
    assert!(
        run.stderr
            .ends_with("loop を読めません: シンボリックリンクが輪になっています(OS のエラー 40)\n"),
        "{}",
        run.stderr
    );
    let run = loginhelp(&[
        "amazon",
        "--answers",
        looped.to_str().unwrap(),
        "--format",
        "json",
    ])
    .run();
    let message = run.json()["error"]["message"].as_str().unwrap().to_owned();
    assert!(
        message.contains("シンボリックリンクが輪になっています"),
        "{message}"
    );
    // English keeps the system's own words.
    let run = loginhelp(&[
        "list",
        "--services-dir",
        file.to_str().unwrap(),
        "--lang",
        "en",
    ])
    .run();
    assert!(
        run.stderr.ends_with("Not a directory (os error 20)\n"),
        "{}",
        run.stderr
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_is_said_in_japanese() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = loginhelp(&["list"])
        .command()
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "loginhelp: エラー: 標準出力に書けません: ディスクに空きがありません(OS のエラー 28)\n"
    );
}

#[test]
fn a_bad_environment_variable_is_explained_in_the_users_language() {
    let run = loginhelp(&["list"])
        .env("LANG", "ja_JP.UTF-8")
        .env("LOGINHELP_COLOR", "sometimes")
        .run();
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "エラー: 環境変数 LOGINHELP_COLOR の値 `sometimes` は使えません(使える値: auto, always, never)。\
         値を直すか、LOGINHELP_COLOR の設定を解除してください\n\n\
         使い方: loginhelp [オプション] [SERVICE] [COMMAND]\n\n\
         詳しくは '--help' で表示されるヘルプを見てください。\n"
    );
    let run = loginhelp(&["list"])
        .env("LANG", "ja_JP.UTF-8")
        .env("LOGINHELP_LANG", "fr")
        .run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .starts_with("エラー: 環境変数 LOGINHELP_LANG の値 `fr` は使えません"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Usage:") && !run.stderr.contains("For more"));
    let run = loginhelp(&["list"])
        .env("LANG", "en_US.UTF-8")
        .env("LOGINHELP_COLOR", "sometimes")
        .run();
    assert!(
        run.stderr.starts_with(
            "error: the environment variable LOGINHELP_COLOR is `sometimes`, which is not one of auto, always, never; change it, or unset it\n\nUsage: loginhelp [OPTIONS]"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn japanese_errors_echo_no_control_characters() {
    let run = loginhelp(&["list", "--lang", "x\u{1b}]0;PWNED\u{7}"]).run();
    assert_eq!(run.status, 2);
    assert!(run.stderr.starts_with("エラー:"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'));
}

#[test]
fn loginhelps_own_errors_and_hints_in_japanese() {
    // LANG=C (the harness's default) gives Japanese, as for the guides.
    let run = loginhelp(&["instagarm", "--no-input"]).run();
    assert_eq!(run.status, 2);
    assert_eq!(
        run.stderr,
        "loginhelp: エラー: `instagarm` というサービスはありません。`instagram` のことですか?\n\
         サービス: amazon, coconala, hapitas, instagram, line\n\
         (`loginhelp list` を参照)\n"
    );
    let run = loginhelp(&["amazon", "-a", "symptom=hacke"]).run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.starts_with(
            "loginhelp: エラー: 質問 `symptom` に選択肢 `hacke` はありません。`hacked` のことですか?\n選択肢: forgot-password,"
        ),
        "{}",
        run.stderr
    );
    let run = loginhelp(&["amazon", "--no-input"]).run();
    assert_eq!(run.status, 3);
    assert!(
        run.stderr.starts_with(
            "loginhelp: 質問 `symptom` で止まりました: --answer symptom=<option> で答えてください"
        ),
        "{}",
        run.stderr
    );
    let run = loginhelp(&["validate", "no/such.toml"]).run();
    assert_eq!(run.stderr, "loginhelp: エラー: no/such.toml はありません\n");
    let run = loginhelp(&["lst"]).run();
    assert!(
        run.stderr.starts_with(
            "loginhelp: エラー: `lst` というサービスはありません。コマンド `list` のことですか?\n"
        ),
        "{}",
        run.stderr
    );
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.toml");
    std::fs::write(&answers, "[answers]\nsymptom = 3\n").unwrap();
    let run = loginhelp(&["amazon", "--answers", answers.to_str().unwrap()]).run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.ends_with(
            "a.toml:2:1: `symptom` の値は引用符で囲んだ選択肢の ID にしてください(例: symptom = \"yes\")\n"
        ),
        "{}",
        run.stderr
    );
    // The TOML parser's own words are put in Japanese too.
    std::fs::write(&answers, "[answers]\nsymptom = \"hacked\n").unwrap();
    let run = loginhelp(&["amazon", "--answers", answers.to_str().unwrap()]).run();
    assert_eq!(run.status, 2);
    assert!(
        run.stderr
            .ends_with("a.toml:2:18: 回答ファイルとして読めません: 文字列が正しく閉じられていません(`\"` が必要です)\n"),
        "{}",
        run.stderr
    );
    // --lang en (and an English locale) keep the English wording.
    let run = loginhelp(&["instagarm", "--no-input", "--lang", "en"]).run();
    assert!(
        run.stderr.starts_with(
            "loginhelp: error: unknown service `instagarm`; did you mean `instagram`?"
        ),
        "{}",
        run.stderr
    );
    let run = loginhelp(&["validate", "no/such.toml"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(
        run.stderr,
        "loginhelp: error: no/such.toml does not exist\n"
    );
}

#[test]
fn the_man_page_follows_the_language() {
    // LANG=C: Japanese, as the help.
    let mut ja = loginhelp(&["man"]).run();
    assert_eq!(ja.status, 0, "{}", ja.stderr);
    // Without the break points between Japanese characters.
    ja.stdout = ja.stdout.replace("\\:", "");
    assert!(
        ja.stdout.contains("ガイドとメッセージの言語"),
        "{}",
        ja.stdout
    );
    assert!(
        ja.stdout.contains("loginhelp \\- ログインできなくなった"),
        "{}",
        &ja.stdout[..400]
    );
    assert!(!ja.stdout.contains("Language of the guides and messages"));
    let show = loginhelp(&["man", "show"]).run();
    assert!(
        show.stdout
            .replace("\\:", "")
            .contains("サービス(ID か別名)"),
        "{}",
        show.stdout
    );
    let en = loginhelp(&["man", "--lang", "en"]).run();
    assert!(en.stdout.contains("Language of the guides and messages"));
    assert!(!en.stdout.contains("ガイドとメッセージの言語"));
}
