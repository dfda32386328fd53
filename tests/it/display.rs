//! What reaches the terminal from the command line itself: paths typed as
//! arguments (never raw escape sequences), clap's own errors on a terminal,
//! the `LOGINHELP_*` variables as a shell user sets them, and lines kept
//! within the width.

use crate::common::{fixture, loginhelp};

/// Bytes a terminal would act on: ESC, BEL and the other C0 controls but
/// the newline, DEL and the C1 controls. Checked on the raw bytes, written
/// without the code's own predicate.
fn raw_controls(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.char_indices()
        .filter(|&(_, c)| {
            let n = c as u32;
            (n < 0x20 && c != '\n') || n == 0x7f || (0x80..=0x9f).contains(&n)
        })
        .map(|(i, c)| {
            let from = text[..i].char_indices().rev().nth(20).map_or(0, |(j, _)| j);
            format!("U+{:04X} after {:?}", c as u32, &text[from..i])
        })
        .collect()
}

#[track_caller]
fn assert_inert(what: &str, bytes: &[u8]) {
    let found = raw_controls(bytes);
    assert!(
        found.is_empty(),
        "{what}: raw control characters: {found:?}"
    );
}

const OSC: &str = "\u{1b}]0;PWNED\u{7}";
const RED: &str = "\u{1b}[31m";

#[test]
fn paths_on_the_command_line_are_shown_inert() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    // validate: a missing path, and a directory holding no .toml files.
    let missing = d.join(format!("{OSC}x\nchecked 9 files: 0 errors"));
    let out = loginhelp(&["validate", missing.to_str().unwrap()]).output();
    assert_eq!(out.status.code(), Some(2));
    assert_inert("validate MISSING", &out.stderr);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("␛]0;PWNED␇x␤checked 9"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    let empty = d.join(format!("{OSC}empty"));
    std::fs::create_dir(&empty).unwrap();
    let out = loginhelp(&["validate", empty.to_str().unwrap()]).output();
    assert_eq!(out.status.code(), Some(2));
    assert_inert("validate EMPTY-DIR", &out.stderr);

    // --report: "Saved to", then "already exists" for the same name, then
    // a directory that does not exist.
    let report = d.join(format!("{RED}red.txt"));
    let walk = |report: &std::path::Path| {
        loginhelp(&[
            "amazon",
            "-a",
            "symptom=hacked",
            "--format",
            "json",
            "--report",
            report.to_str().unwrap(),
        ])
        .output()
    };
    let out = walk(&report);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(report.exists());
    assert_inert("--report (saved)", &out.stderr);
    assert!(String::from_utf8_lossy(&out.stderr).contains("␛[31mred.txt"));
    let out = walk(&report);
    assert_eq!(out.status.code(), Some(2));
    assert_inert("--report (exists)", &out.stderr);
    let out = walk(&d.join(format!("{OSC}no")).join("r.txt"));
    assert_eq!(out.status.code(), Some(2));
    assert_inert("--report (no such directory)", &out.stderr);

    // --answers: missing, then present but not TOML.
    let answers = d.join(format!("{OSC}.toml"));
    let out = loginhelp(&[
        "amazon",
        "--answers",
        answers.to_str().unwrap(),
        "--no-input",
    ])
    .output();
    assert_eq!(out.status.code(), Some(2));
    assert_inert("--answers (missing)", &out.stderr);
    std::fs::write(&answers, "symptom = \"hacked").unwrap();
    let out = loginhelp(&[
        "amazon",
        "--answers",
        answers.to_str().unwrap(),
        "--no-input",
    ])
    .output();
    assert_eq!(out.status.code(), Some(2));
    assert_inert("--answers (malformed)", &out.stderr);
    std::fs::write(&answers, "symptom = 5").unwrap();
    let out = loginhelp(&[
        "amazon",
        "--answers",
        answers.to_str().unwrap(),
        "--no-input",
    ])
    .output();
    assert_eq!(out.status.code(), Some(2));
    assert_inert("--answers (not a string)", &out.stderr);
}

#[test]
fn search_names_a_services_dir_inert() {
    let dir = tempfile::tempdir().unwrap();
    let services = dir.path().join(format!("{OSC}guides"));
    std::fs::create_dir(&services).unwrap();
    std::fs::copy(fixture("valid/minimal.toml"), services.join("minimal.toml")).unwrap();
    let out = loginhelp(&[
        "search",
        "password",
        "--services-dir",
        services.to_str().unwrap(),
    ])
    .output();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_inert("search --services-dir", &out.stdout);
}

/// `LOGINHELP_*` set but empty means unset; `LOGINHELP_LANG` is read like
/// a locale; a value that means nothing is an error naming the variable.
#[test]
fn loginhelp_variables_are_read_as_a_shell_user_means_them() {
    let list_with = |key: &str, value: &str| loginhelp(&["list"]).env(key, value);
    let list = |key: &str, value: &str| list_with(key, value).run();
    let english = "Can't sign in to Amazon";
    let japanese = "Amazonにログインできない";
    for value in ["en", "en_US", "EN", "en_US.UTF-8", " en ", "en-GB"] {
        let run = list("LOGINHELP_LANG", value);
        assert_eq!(run.status, 0, "LOGINHELP_LANG={value:?}: {}", run.stderr);
        assert!(
            run.stdout.contains(english),
            "LOGINHELP_LANG={value:?}: {}",
            run.stdout
        );
    }
    for value in ["ja", "ja_JP.UTF-8", "JA", "ja_JP"] {
        let run = list_with("LOGINHELP_LANG", value)
            .env("LANG", "en_US.UTF-8")
            .run();
        assert_eq!(run.status, 0, "LOGINHELP_LANG={value:?}: {}", run.stderr);
        assert!(
            run.stdout.contains(japanese),
            "LOGINHELP_LANG={value:?}: {}",
            run.stdout
        );
    }
    // Empty is unset: the locale decides.
    let run = loginhelp(&["list"])
        .env("LOGINHELP_LANG", "")
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains(english), "{}", run.stdout);
    for (key, value) in [
        ("LOGINHELP_COLOR", ""),
        ("LOGINHELP_SERVICES_DIR", ""),
        ("LOGINHELP_COLOR", "Never"),
    ] {
        let run = list(key, value);
        assert_eq!(run.status, 0, "{key}={value:?}: {}", run.stderr);
        assert!(
            run.stdout.contains(japanese),
            "{key}={value:?}: {}",
            run.stdout
        );
    }

    // A value that names nothing: exit 2, and the message says which variable.
    for (key, value) in [
        ("LOGINHELP_LANG", "fr"),
        ("LOGINHELP_LANG", "C"),
        ("LOGINHELP_COLOR", "sometimes"),
    ] {
        let run = list(key, value);
        assert_eq!(run.status, 2, "{key}={value:?}: {}", run.stdout);
        run.assert_stderr_has(key);
        run.assert_stderr_has(&format!("`{value}`"));
    }
    let out = loginhelp(&["list"])
        .env("LOGINHELP_LANG", &format!("x{OSC}"))
        .output();
    assert_eq!(out.status.code(), Some(2));
    assert_inert("LOGINHELP_LANG=ESC", &out.stderr);
    // The flag wins over a variable it makes irrelevant.
    let run = list_with("LOGINHELP_LANG", "fr")
        .env("LOGINHELP_COLOR", "bogus")
        .run();
    assert_eq!(run.status, 2);
    let run = loginhelp(&["list", "--lang", "en", "--color", "never"])
        .env("LOGINHELP_LANG", "fr")
        .env("LOGINHELP_COLOR", "bogus")
        .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains(english), "{}", run.stdout);
}

fn too_wide(text: &str, columns: usize) -> Vec<String> {
    text.lines()
        .filter(|l| unicode_width::UnicodeWidthStr::width(*l) > columns)
        // A URL is kept whole so that it can be copied.
        .filter(|l| !l.trim_start().starts_with("https://"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn show_stays_within_a_narrow_terminal() {
    for lang in ["ja", "en"] {
        let run = loginhelp(&["show", "amazon", "--lang", lang])
            .env("COLUMNS", "20")
            .run();
        assert_eq!(run.status, 0, "{}", run.stderr);
        let wide = too_wide(&run.stdout, 20);
        assert!(
            wide.is_empty(),
            "--lang {lang}: lines over 20 columns: {wide:#?}"
        );
    }
    // A walk's text too (titles, causes, the answer lines).
    let run = loginhelp(&["amazon", "-a", "symptom=hacked", "--lang", "ja"])
        .env("COLUMNS", "20")
        .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let wide = too_wide(&run.stdout, 20);
    assert!(wide.is_empty(), "walk: lines over 20 columns: {wide:#?}");
}

#[test]
fn search_results_stay_within_the_width() {
    for (words, lang) in [
        ("パスワード", "en"),
        ("パスワード", "ja"),
        ("password", "en"),
    ] {
        for columns in [80, 40] {
            let run = loginhelp(&["search", words, "--lang", lang])
                .env("COLUMNS", &columns.to_string())
                .run();
            assert_eq!(run.status, 0, "{}", run.stderr);
            let wide: Vec<String> = too_wide(&run.stdout, columns)
                .into_iter()
                // The command that starts a guide is kept whole.
                .filter(|l| !l.trim_start().starts_with("→ loginhelp"))
                .collect();
            assert!(
                wide.is_empty(),
                "search {words} --lang {lang} at {columns}: lines too wide: {wide:#?}"
            );
        }
    }
}

/// clap echoes a bad value or an unknown flag; on a terminal (where clap
/// keeps escape sequences it is given) that text must still be inert.
#[cfg(unix)]
#[test]
fn clap_errors_on_a_terminal_are_inert() {
    use std::io::Read as _;
    let cases: [&[&str]; 3] = [
        &["amazon", "--lang", "x\u{1b}]0;PWNED\u{7}"],
        &["amazon", "--format", "\u{1b}[31mjson"],
        &["--x\u{1b}]0;PWNED\u{7}"],
    ];
    for args in cases {
        let mut command = std::process::Command::new(crate::common::bin());
        command
            .args(args)
            .env("LANG", "C")
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .env_remove("LOGINHELP_LANG")
            .env_remove("LOGINHELP_COLOR");
        let mut session = expectrl::Session::spawn(command).expect("spawn in a pty");
        let mut out = Vec::new();
        let _ = session.read_to_end(&mut out);
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("PWNED") || text.contains("json"),
            "{args:?}: {text}"
        );
        // clap's own colours (CSI … m) are fine; what the user typed is not.
        assert!(
            !text.contains("\u{1b}]"),
            "{args:?}: an OSC reached the terminal: {text:?}"
        );
        assert!(
            !text.contains('\u{7}'),
            "{args:?}: a BEL reached the terminal: {text:?}"
        );
        assert!(
            !text.contains("\u{1b}[31mjson"),
            "{args:?}: the typed SGR reached the terminal: {text:?}"
        );
        match session.get_process().wait() {
            Ok(expectrl::process::unix::WaitStatus::Exited(_, code)) => {
                assert_eq!(code, 2, "{args:?}")
            }
            other => panic!("{args:?}: {other:?}"),
        }
    }
}
