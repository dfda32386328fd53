//! The validator in Japanese (issue 15): with `--lang ja`, `LANG=ja_JP…` or
//! `LANG=C`, every diagnostic's message, hint and note, the labels and the
//! closing count are Japanese, while the codes, severities and positions
//! stay what they are in English.

use std::path::{Path, PathBuf};

use crate::common::{fixture, loginhelp, Run};

const INVALID_TREE: i32 = 4;

/// The first run of three or more English words in `s`, outside what is
/// quoted (`code`, "text", 「text」): words of ASCII letters with nothing
/// but spaces and `,'-` between them. An identifier such as
/// `reset-pasword` in backquotes, or a lone name such as `ID` or
/// `loginhelp`, is not a sentence.
fn english_run(s: &str) -> Option<String> {
    let mut plain = String::new();
    let mut closer: Option<char> = None;
    for c in s.chars() {
        match closer {
            Some(end) if c == end => {
                closer = None;
                plain.push(' ');
            }
            Some(_) => {}
            None => match c {
                '`' => closer = Some('`'),
                '"' => closer = Some('"'),
                '「' => closer = Some('」'),
                _ => plain.push(c),
            },
        }
    }
    let mut run: Vec<&str> = Vec::new();
    let mut rest = plain.as_str();
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let gap = &rest[..start];
        if !gap.chars().all(|c| matches!(c, ' ' | ',' | '\'' | '-')) {
            run.clear();
        }
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        run.push(&rest[..end]);
        if run.len() >= 3 {
            return Some(run.join(" "));
        }
        rest = &rest[end..];
    }
    None
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

#[test]
fn the_oracle_finds_english_and_lets_names_through() {
    assert_eq!(
        english_run("no node has the id `reset-pasword`").as_deref(),
        Some("no node has")
    );
    assert!(english_run("unknown field `nxet`, expected one of `id`").is_some());
    assert!(english_run("service's own site").is_some());
    assert_eq!(
        english_run("ID が `reset-pasword` のノードはありません"),
        None
    );
    assert_eq!(english_run("キー `a b c d` は \"x y z\" 「p q r」"), None);
    assert_eq!(
        english_run("この loginhelp が読めるのは `format = 1` です"),
        None
    );
    // Japanese between words breaks a run.
    assert_eq!(english_run("a は b は c"), None);
}

/// The broken fixtures, one per code.
fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 18, "{files:?}");
    files
}

/// `validate` of one file in `--format json`, in `lang` through `how`.
fn json_in(path: &Path, how: &[(&str, &str)], args: &[&str]) -> serde_json::Value {
    let mut all = vec!["validate", path.to_str().unwrap(), "--format", "json"];
    all.extend(args);
    let mut cmd = loginhelp(&all);
    for (k, v) in how {
        cmd = cmd.env(k, v);
    }
    cmd.run().json()
}

/// The words of a diagnostic in JSON: message, hint, related note.
fn words(d: &serde_json::Value) -> Vec<String> {
    let mut out = vec![d["message"].as_str().unwrap().to_owned()];
    if let Some(h) = d["hint"].as_str() {
        out.push(h.to_owned());
    }
    if let Some(r) = d["related"]["message"].as_str() {
        out.push(r.to_owned());
    }
    out
}

/// The stable part of a diagnostic: everything but its words.
fn stable(d: &serde_json::Value) -> String {
    format!(
        "{} {} {}:{}-{}:{} {} {:?} {}:{}",
        d["file"],
        d["code"],
        d["line"],
        d["column"],
        d["end_line"],
        d["column"],
        d["severity"],
        d["hint"].is_string(),
        d["related"]["line"],
        d["related"]["column"]
    )
}

#[test]
fn every_fixture_is_reported_in_japanese_in_json() {
    let mut english_sentences = Vec::new();
    for path in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let en = json_in(&path, &[("LANG", "en_US.UTF-8")], &[]);
        let en = en["diagnostics"].as_array().unwrap().clone();
        assert!(!en.is_empty(), "{name}");
        for how in [
            vec![],
            vec![("LANG", "ja_JP.UTF-8")],
            vec![("LANG", "en_US.UTF-8"), ("LOGINHELP_LANG", "ja")],
        ] {
            let extra: &[&str] = if how.is_empty() {
                &["--lang", "ja"]
            } else {
                &[]
            };
            let ja = json_in(&path, &how, extra);
            let ja = ja["diagnostics"].as_array().unwrap();
            assert_eq!(
                ja.iter().map(stable).collect::<Vec<_>>(),
                en.iter().map(stable).collect::<Vec<_>>(),
                "{name} {how:?}"
            );
            for (j, e) in ja.iter().zip(&en) {
                // The oracle can tell: the English words mostly hold a
                // sentence it finds ("missing `title`" is too short).
                english_sentences.push(english_run(&words(e).join(" / ")).is_some());
                for (jw, ew) in words(j).iter().zip(words(e)) {
                    assert!(has_japanese(jw), "{name}: {jw}");
                    assert_ne!(jw, &ew, "{name}");
                    assert_eq!(english_run(jw), None, "{name}: {jw}");
                }
            }
        }
    }
    let found = english_sentences.iter().filter(|&&f| f).count();
    assert!(
        found * 10 >= english_sentences.len() * 9,
        "the oracle finds a sentence in only {found} of {} English diagnostics",
        english_sentences.len()
    );
}

#[test]
fn every_fixture_is_reported_in_japanese_as_text() {
    for path in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let path_str = path.to_str().unwrap();
        let json = json_in(&path, &[("LANG", "en_US.UTF-8")], &[]);
        let diagnostics = json["diagnostics"].as_array().unwrap();
        let run = loginhelp(&["validate", path_str])
            .env("LANG", "ja_JP.UTF-8")
            .run();
        let (errors, warnings) = (
            json["errors"].as_u64().unwrap(),
            json["warnings"].as_u64().unwrap(),
        );
        let want_status = if errors > 0 { INVALID_TREE } else { 0 };
        assert_eq!(run.status, want_status, "{name}:\n{}", run.stdout);
        for d in diagnostics {
            let (code, severity) = (d["code"].as_str().unwrap(), d["severity"].as_str().unwrap());
            let label = if severity == "error" {
                "エラー"
            } else {
                "警告"
            };
            run.assert_stdout_has(&format!("{label}[{code}]: "));
            run.assert_stdout_has(&format!("  --> {path_str}:{}:{}\n", d["line"], d["column"]));
            if let Some(r) = d["related"].as_object() {
                run.assert_stdout_has(&format!("({path_str}:{}:{})\n", r["line"], r["column"]));
            }
        }
        let hints = diagnostics.iter().filter(|d| d["hint"].is_string()).count();
        assert_eq!(
            run.stdout.matches("  = ヒント: ").count(),
            hints,
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.ends_with(&format!(
                "1 個のファイルを検査しました: エラー {errors} 件、警告 {warnings} 件\n"
            )),
            "{}",
            run.stdout
        );
        for line in words_lines(&run.stdout) {
            assert!(has_japanese(line), "{name}: {line}");
            assert_eq!(english_run(line), None, "{name}: {line}");
        }
        for english in ["error[", "warning[", "= hint:", "= note:", "checked "] {
            assert!(
                !run.stdout.contains(english),
                "{name}: {english}\n{}",
                run.stdout
            );
        }
    }
}

/// The lines of a text report that are the tool's words: not the position,
/// source and caret lines (which quote the guide).
fn words_lines(report: &str) -> Vec<&str> {
    report
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("  --> ") && !l.contains(" |"))
        .filter(|l| !l.trim_start().starts_with('|'))
        .collect()
}

#[test]
fn the_caret_lines_up_in_japanese_too() {
    let path = fixture("invalid/lh004-missing-node.toml");
    let path_str = path.to_str().unwrap();
    let en = loginhelp(&["validate", path_str])
        .env("LANG", "en_US.UTF-8")
        .run();
    let ja = loginhelp(&["validate", path_str, "--lang", "ja"]).run();
    let source = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.starts_with("  --> ") || l.contains(" |"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(source(&ja.stdout), source(&en.stdout));
    assert!(
        ja.stdout
            .starts_with("エラー[LH004]: ID が `reset-pasword` のノードはありません\n"),
        "{}",
        ja.stdout
    );
    ja.assert_stdout_has("  = ヒント: `reset-password` のことですか?\n");
}

/// What the TOML parser says, in Japanese: the kinds it can tell apart
/// each get a sentence, with the names and values kept.
#[test]
fn toml_parser_messages_in_japanese() {
    let minimal = std::fs::read_to_string(fixture("valid/minimal.toml")).unwrap();
    let cases = [
        (
            "kind = \"fix\"",
            "kind = \"fix\"\nkind = \"fix\"",
            "LH001",
            "同じキーが二度",
        ),
        (
            "format = 1",
            "format = \"1\"",
            "LH012",
            "整数が必要なところに文字列",
        ),
        (
            "format = 1",
            "format = 1\nnmae = 1",
            "LH002",
            "キー `nmae` はここには書けません",
        ),
        ("[[source]]", "[[source]", "LH001", "閉じられていません"),
        ("format = 1", "format 1", "LH001", "`=`"),
        (
            "aliases = [\"mini\", \"ミニマル\"]",
            "aliases = [\"mini\" \"ミニマル\"]",
            "LH001",
            "配列の要素の間にコンマがありません",
        ),
    ];
    for (from, to, code, want) in cases {
        assert!(minimal.contains(from), "{from}");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.toml");
        std::fs::write(&file, minimal.replacen(from, to, 1)).unwrap();
        let json = json_in(&file, &[], &["--lang", "ja"]);
        let d = &json["diagnostics"][0];
        let message = d["message"].as_str().unwrap();
        assert_eq!(d["code"], code, "{to}: {message}");
        assert!(message.contains(want), "{to}: {message}");
        assert_eq!(english_run(message), None, "{to}: {message}");
        let en = json_in(&file, &[("LANG", "en_US.UTF-8")], &[]);
        assert_eq!(en["diagnostics"][0]["line"], d["line"], "{to}");
        assert_eq!(en["diagnostics"][0]["column"], d["column"], "{to}");
    }
}

/// A broken guide met by a walk or `show`: the error and its diagnostics
/// in Japanese.
#[test]
fn a_broken_guide_met_by_a_walk_is_reported_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("invalid/lh004-missing-node.toml"),
        dir.path().join("minimal.toml"),
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    for args in [
        vec!["minimal", "--services-dir", d],
        vec!["show", "minimal", "--services-dir", d],
    ] {
        let run: Run = loginhelp(&args).env("LANG", "ja_JP.UTF-8").run();
        assert_eq!(run.status, INVALID_TREE, "{args:?}: {}", run.stderr);
        run.assert_stderr_has("ガイド `minimal` にはエラーがあります");
        run.assert_stderr_has("エラー[LH004]: ID が `reset-pasword` のノードはありません");
        run.assert_stderr_has("minimal.toml:25:8");
        run.assert_stderr_has("  = ヒント: `reset-password` のことですか?");
        assert!(!run.stderr.contains("error[LH"), "{}", run.stderr);
    }
    // A file that is not UTF-8.
    std::fs::write(
        dir.path().join("minimal.toml"),
        b"format = 1\nid = \"\xff\"\n",
    )
    .unwrap();
    let run = loginhelp(&["minimal", "--services-dir", d]).run();
    assert_eq!(run.status, INVALID_TREE, "{}", run.stderr);
    run.assert_stderr_has("エラー[LH001]: ファイルが UTF-8 として正しくありません");
    run.assert_stderr_has("= ヒント: UTF-8 で保存し直してください");
    let run = loginhelp(&["validate", "minimal.toml"])
        .current_dir(dir.path())
        .run();
    assert_eq!(run.status, INVALID_TREE, "{}", run.stdout);
    run.assert_stdout_has(
        "エラー[LH001]: ファイルが UTF-8 として正しくありません\n  --> minimal.toml:2:7",
    );
}

/// The diagnostics about the directory (LH104) and a duplicate across
/// files (LH003), made by the binary rather than the guide crate.
#[cfg(unix)]
#[test]
fn directory_problems_are_reported_in_japanese() {
    let minimal = std::fs::read_to_string(fixture("valid/minimal.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), &minimal).unwrap();
    std::fs::write(
        dir.path().join("b.toml"),
        minimal
            .replacen("id = \"minimal\"", "id = \"bee\"", 1)
            .replacen(
                "aliases = [\"mini\", \"ミニマル\"]",
                "aliases = [\"amazon\"]",
                1,
            ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.toml"),
        minimal.replacen(
            "aliases = [\"mini\", \"ミニマル\"]",
            "aliases = [\"mini2\"]",
            1,
        ),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("dir.toml")).unwrap();
    let run = loginhelp(&["validate", "."])
        .current_dir(dir.path())
        .env("LANG", "ja_JP.UTF-8")
        .run();
    run.assert_stdout_has("警告[LH104]: 読み飛ばしました: 通常のファイルではありません");
    run.assert_stdout_has(
        "エラー[LH003]: `amazon` はすでに `amazon`(services/amazon.toml)の ID か別名です\n",
    );
    run.assert_stdout_has("  = ヒント: 同梱のガイドの名前はそのガイドのものです。");
    run.assert_stdout_has(
        "エラー[LH003]: `minimal` はすでに `minimal`(./a.toml)の ID か別名です\n",
    );
    run.assert_stdout_has("  = ヒント: サービスの ID と別名は、");
    for line in words_lines(&run.stdout) {
        assert!(has_japanese(line), "{line}");
        assert_eq!(english_run(line), None, "{line}");
    }
    assert!(
        run.stdout
            .ends_with("4 個のファイルを検査しました: エラー 2 件、警告 1 件\n"),
        "{}",
        run.stdout
    );
}

/// An unreadable file (LH015). Root reads any file, so as root the binary
/// runs as `nobody` (with setpriv), as in `guide_rules`.
#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_in_japanese() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    std::fs::write(&file, "format = 1\n").unwrap();
    let set = |p: &Path, mode| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
    set(dir.path(), 0o755).unwrap();
    set(&file, 0o000).unwrap();
    let root = std::fs::read(&file).is_ok();
    let Some(mut cmd) = crate::common::unprivileged(root) else {
        eprintln!("skipped: running as root without setpriv");
        return;
    };
    let out = cmd
        .args(["validate", "."])
        .current_dir(dir.path())
        .env("LANG", "ja_JP.UTF-8")
        .env("NO_COLOR", "1")
        .env_remove("LOGINHELP_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(INVALID_TREE), "{stdout}");
    // The system's reason is in Japanese too.
    assert!(
        stdout.contains("エラー[LH015]: ファイルを読めません: その操作をする権限がありません"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  = ヒント: ファイルの権限を確かめてください。"),
        "{stdout}"
    );
}
