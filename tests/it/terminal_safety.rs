//! Text from a tree file never reaches the terminal raw: a tree (given with
//! `--services-dir`) whose every text holds ESC, CSI, OSC, DCS, BEL, C1 and
//! bidi-override characters (TOML's `\u001b` escapes) goes through every
//! output, and neither stdout nor stderr may carry a raw ESC byte or any
//! other character a terminal acts on. JSON escapes them (`\u001b`), so the
//! decoded JSON strings are checked too. The report file written by
//! `--report` is checked the same way. The tree also holds the invisible
//! characters (zero-width spaces and joiners, bidirectional marks, the line
//! separator, the soft hyphen, tag characters), and the check is this file's
//! own list of code points, not the program's `is_unsafe_char`, so that it
//! can catch what the program's predicate misses.

use crate::common;

use std::path::Path;
use std::process::Output;

/// A valid guide with hostile text in every field that is shown.
const EVIL: &str = r#"
format = 1
id = "evil"
aliases = ["ev\u001b[31mil", "悪\u202e意", "ゼロ\u200b幅", "bi\u200edi\u200f"]
reviewed = "2026-11-22"
start = "symptom"
name = { ja = "悪意\u001b]0;pwned\u0007のサービス\u2060", en = "Evil\u001b[2J service\u009b31m\ufeff\u061c" }
summary = { ja = "要約\u001b[31m赤\u202e", en = "Summary \u001b[1mbold\u0007 \u202eoverride\u2066" }

[[link]]
kind = "help"
url = "https://help.example.com/"
label = { ja = "ヘルプ\u001b[5m\u2028", en = "Help\u001b[5m\u2029" }

[[source]]
title = "記事\u001b[31m"
ref = "https://example.com/article"
note = { ja = "注\u001b[0m", en = "note\u0085" }

[[node]]
id = "symptom"
kind = "question"
cause = { ja = "原因\u001b[31m", en = "cause\u001b[31m" }
warning = { ja = "警告\u001b[31m", en = "warning\u001b[31m" }
notes = [{ ja = "メモ\u001b[31m", en = "note\u001b[31m" }]
text = { ja = "状況は?\u001b[31m\u0007", en = "What is happening?\u001b[31m\u0007" }
help = { ja = "説明\u001bP1;2|\u001b\\", en = "help\u001b[6n\r\u0008\u007f" }
[[node.option]]
id = "forgot-password"
label = { ja = "忘れた\u001b[31m\u200b", en = "Forgot\u001b[31m\u2066x\u2069" }
next = "reset-password"
[[node.option]]
id = "hacked"
label = { ja = "乗っ取り\u202e", en = "Hacked\u202e" }
next = "support"

[[node]]
id = "reset-password"
kind = "fix"
cause = { ja = "パスワード忘れ\u001b[31m", en = "Forgotten password\u001b[31m" }
title = { ja = "再設定\u001b[31m\u200c", en = "Reset\u001b[31m\u200d\u00ad\U000E0041" }
intro = { ja = "前置き\u009b2J", en = "intro\u009b2J" }
solved = "done"
unsolved = "support"
[[node.step]]
text = { ja = "手順\u001b[31m", en = "Step\u001b[31m" }
note = { ja = "注\u001b[31m", en = "Note\u001b[31m" }
warning = { ja = "警告\u0007", en = "Warning\u0007" }
platform = "iphone"

[[node]]
id = "support"
kind = "escalation"
title = { ja = "連絡\u001b[31m", en = "Contact\u001b[31m" }
text = { ja = "本文\u001b[31m", en = "Text\u001b[31m" }
prepare = [{ ja = "準備\u001b[31m", en = "Prepare\u001b[31m" }]
tips = [{ ja = "コツ\u001b[31m", en = "Tip\u001b[31m" }]
[[node.contact]]
channel = "phone"
label = { ja = "窓口\u001b[31m", en = "Desk\u001b[31m" }
phone = "0120-000-000"
hours = { ja = "9時\u001b[31m", en = "9am\u001b[31m" }
cost = { ja = "無料\u001b[31m", en = "Free\u001b[31m" }
note = { ja = "注\u001b[31m", en = "Note\u001b[31m" }
[[node.contact]]
channel = "in-app"
label = { ja = "アプリ\u001b[31m", en = "App\u001b[31m" }
path = { ja = "設定\u001b[31m", en = "Settings\u001b[31m" }
steps = [{ ja = "開く\u001b[31m", en = "Open\u001b[31m" }]

[[node]]
id = "done"
kind = "resolved"
title = { ja = "解決\u001b[31m", en = "Done\u001b[31m" }
text = { ja = "よかった\u001b[31m", en = "Good\u001b[31m" }
"#;

/// Run the binary in `dir` in the tests' isolated environment.
fn run(dir: &Path, args: &[&str]) -> Output {
    common::loginhelp(args).current_dir(dir).output()
}

/// Is `c` a character a terminal acts on, or one that hides or reorders
/// text. Written from the Unicode tables, on purpose independent of the
/// program's `is_unsafe_char`: C0 controls but the newline, DEL and C1; the
/// zero-width and invisible characters; the bidirectional marks,
/// embeddings, overrides and isolates; the line and paragraph separators;
/// and the rest of category Cf (the soft hyphen, Arabic number signs, the
/// interlinear annotation marks, the tag characters, ...).
fn forbidden(c: char) -> bool {
    const FORBIDDEN: &[(u32, u32)] = &[
        (0x00, 0x09),
        (0x0B, 0x1F),
        (0x7F, 0x9F),
        (0xAD, 0xAD),
        (0x600, 0x605),
        (0x61C, 0x61C),
        (0x6DD, 0x6DD),
        (0x70F, 0x70F),
        (0x890, 0x891),
        (0x8E2, 0x8E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x2028, 0x202E),
        (0x2060, 0x2064),
        (0x2066, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
    ];
    let c = c as u32;
    FORBIDDEN.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// The characters of `text` a terminal would act on (a newline is fine; a
/// tab only where the program itself wrote it, which it never does here).
fn unsafe_chars(text: &str) -> Vec<String> {
    text.chars()
        .filter(|&c| forbidden(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect()
}

fn assert_safe(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.contains(&0x1b),
        "{what}: a raw ESC byte in:\n{}",
        String::from_utf8_lossy(bytes)
    );
    let text = String::from_utf8_lossy(bytes);
    let found = unsafe_chars(&text);
    assert!(found.is_empty(), "{what}: {found:?} in:\n{text}");
}

/// Every string in a JSON value, keys included, decoded.
fn json_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                json_strings(v, out);
            }
        }
        _ => {}
    }
}

fn assert_safe_json(what: &str, bytes: &[u8]) {
    let value: serde_json::Value = serde_json::from_slice(bytes).unwrap_or_else(|e| {
        panic!(
            "{what}: not JSON ({e}):\n{}",
            String::from_utf8_lossy(bytes)
        )
    });
    let mut strings = Vec::new();
    json_strings(&value, &mut strings);
    for s in strings {
        let found = unsafe_chars(&s);
        let controls: Vec<char> = s.chars().filter(|&c| c.is_control() && c != '\n').collect();
        assert!(
            found.is_empty() && controls.is_empty(),
            "{what}: {found:?} in decoded {s:?}"
        );
    }
}

fn evil_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("trees")).unwrap();
    std::fs::write(dir.path().join("trees/evil.toml"), EVIL).unwrap();
    dir
}

#[test]
fn the_hostile_tree_is_valid_and_its_controls_are_flagged() {
    let checked = loginhelp::tree::check_source(EVIL);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    assert!(checked
        .diagnostics
        .iter()
        .any(|d| d.code.as_str() == "LH102"));
}

#[test]
fn no_output_passes_control_characters_through() {
    let dir = evil_dir();
    let mut seen_escaped = false;
    let mut seen_invisible_escaped = false;
    for lang in ["ja", "en"] {
        let g = ["--services-dir", "trees", "--lang", lang];
        let commands: Vec<(Vec<&str>, bool)> = vec![
            // (arguments, prints JSON)
            (vec!["evil", "-a", "symptom=hacked"], false),
            (
                vec!["evil", "-a", "symptom=hacked", "--format", "json"],
                true,
            ),
            (
                vec![
                    "evil",
                    "-a",
                    "symptom=forgot-password",
                    "-a",
                    "reset-password=yes",
                ],
                false,
            ),
            (
                vec![
                    "evil",
                    "-a",
                    "symptom=forgot-password",
                    "-a",
                    "reset-password=no",
                    "--format",
                    "json",
                ],
                true,
            ),
            (vec!["evil", "--no-input"], false),
            (vec!["evil", "--no-input", "--format", "json"], true),
            (vec!["evil", "--start", "support"], false),
            (vec!["show", "evil"], false),
            (vec!["show", "evil", "--format", "json"], true),
            (vec!["show", "evil", "--format", "markdown"], false),
            (vec!["show", "evil", "support"], false),
            (
                vec!["show", "evil", "reset-password", "--format", "json"],
                true,
            ),
            (
                vec!["show", "evil", "support", "--format", "markdown"],
                false,
            ),
            (vec!["list"], false),
            (vec!["list", "--format", "json"], true),
            (vec!["validate", "trees"], false),
            (vec!["validate", "trees", "--format", "json"], true),
            (vec!["validate"], false),
            (vec!["graph", "evil"], false),
            (vec!["graph", "evil", "--format", "dot"], false),
            (vec!["search", "password"], false),
            (vec!["search", "忘れた", "--format", "json"], true),
            (vec!["answers", "evil"], false),
        ];
        for (args, json) in commands {
            let args: Vec<&str> = args.into_iter().chain(g).collect();
            let what = format!("loginhelp {}", args.join(" "));
            let out = run(dir.path(), &args);
            assert!(
                matches!(out.status.code(), Some(0 | 3)),
                "{what}: {:?}\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            assert_safe(&what, &out.stdout);
            assert_safe(&format!("{what} (stderr)"), &out.stderr);
            if json {
                assert_safe_json(&what, &out.stdout);
            }
            seen_escaped |= String::from_utf8_lossy(&out.stdout).contains('␛');
            seen_invisible_escaped |= String::from_utf8_lossy(&out.stdout).contains("\\u{200b}");
        }
    }
    // The text is shown escaped, not dropped.
    assert!(seen_escaped);
    assert!(seen_invisible_escaped);
}

#[test]
fn the_support_message_is_safe_on_screen_and_in_the_report() {
    let dir = evil_dir();
    for lang in ["ja", "en"] {
        let report = format!("report-{lang}.txt");
        let args = [
            "evil",
            "-a",
            "symptom=hacked",
            "--report",
            &report,
            "--services-dir",
            "trees",
            "--lang",
            lang,
        ];
        let out = run(dir.path(), &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_safe("walk", &out.stdout);
        assert_safe("walk (stderr)", &out.stderr);
        let saved = std::fs::read(dir.path().join(&report)).unwrap();
        assert!(!saved.is_empty());
        assert_safe("report", &saved);
        let json = run(
            dir.path(),
            &[
                "evil",
                "-a",
                "symptom=hacked",
                "--format",
                "json",
                "--services-dir",
                "trees",
                "--lang",
                lang,
            ],
        );
        let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let message = value["support_message"]
            .as_str()
            .expect("a support message");
        assert!(message.contains('␛'), "{message}");
        assert!(unsafe_chars(message).is_empty(), "{message:?}");
        let to_send = value["message_to_send"]["text"]
            .as_str()
            .expect("a message to send");
        assert!(to_send.contains('␛'), "{to_send}");
        assert!(unsafe_chars(to_send).is_empty(), "{to_send:?}");
    }
}

#[test]
fn broken_files_are_quoted_safely() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("trees")).unwrap();
    // Raw control bytes where TOML forbids them: the error quotes the line.
    std::fs::write(
        dir.path().join("trees/raw.toml"),
        "format = 1\nid = \"raw\"\n# \u{1b}]0;title\u{7} \u{1b}[31m red\nname = \"x\u{1b}[2Jy\u{9b}\"\n",
    )
    .unwrap();
    // Broken files whose names hold an escape sequence: one whose header
    // can be read (listed by its id), one whose cannot (listed by its name).
    std::fs::write(
        dir.path().join("trees/bad\u{1b}[31mname.toml"),
        "id = \"badname\"\nname = { ja = \"a\", en = \"a\" }\nsummary = { ja = \"a\", en = \"a\" }\nstart = \"x\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("trees/worse\u{1b}[31mname.toml"),
        "start = [\n",
    )
    .unwrap();
    for args in [
        vec!["validate", "trees/raw.toml"],
        vec!["validate", "trees/raw.toml", "--format", "json"],
        vec!["raw", "--services-dir", "trees", "--no-input"],
        vec!["badname", "--services-dir", "trees", "--no-input"],
        vec!["worse␛[31mname", "--services-dir", "trees", "--no-input"],
        vec!["list", "--services-dir", "trees"],
    ] {
        let what = format!("loginhelp {}", args.join(" "));
        let out = run(dir.path(), &args);
        assert_safe(&what, &out.stdout);
        assert_safe(&format!("{what} (stderr)"), &out.stderr);
        assert!(!out.stderr.windows(8).any(|w| w == b"panicked"), "{what}");
    }
    for service in ["raw", "badname", "worse␛[31mname"] {
        let out = run(
            dir.path(),
            &[service, "--services-dir", "trees", "--no-input"],
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(4), "{service}: {stderr}");
        assert!(stderr.contains('␛'), "{service}: {stderr}");
    }
}
