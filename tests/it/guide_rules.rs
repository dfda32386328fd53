//! The checker's rules for values, against the attacks of the reliability
//! review: markup and look-alike letters in URLs, phone numbers that are not
//! numbers, source references that are scripts, invisible characters.

use std::path::Path;

use crate::common::{fixture, loginhelp, Run};

const INVALID_TREE: i32 = 4;

fn minimal() -> String {
    std::fs::read_to_string(fixture("valid/minimal.toml")).unwrap()
}

/// A directory holding `files` (name, text).
fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    loginhelp(args).current_dir(dir).run()
}

/// The minimal guide with one line replaced (the line must be there).
fn minimal_with(from: &str, to: &str) -> String {
    let src = minimal();
    assert!(src.contains(from), "{from}");
    src.replacen(from, to, 1)
}

/// The `  --> FILE:LINE:COL` lines of a text report.
fn positions(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect()
}

#[test]
fn urls_with_markup_or_look_alike_hosts_are_refused() {
    for (url, says) in [
        (
            "https://help.example.com/?q=<svg/onload=alert(document.domain)>",
            "may not contain `<`",
        ),
        (
            "https://help.example.com/\\\"onmouseover",
            "may not contain",
        ),
        ("https://help.example.com/'x'", "may not contain"),
        (
            "https://help.example.com\\\\evil.example/",
            "may not contain",
        ),
        // A Cyrillic а: the message gives the punycode form.
        (
            "https://\u{430}mazon.co.jp/",
            "https://xn--mazon-3ve.co.jp/",
        ),
        ("https://amaz\\u200bon.co.jp/", "invisible"),
    ] {
        let src = minimal_with(
            "url = \"https://help.example.com/\"",
            &format!("url = \"{url}\""),
        );
        let dir = dir_with(&[("m.toml", &src)]);
        let run = run_in(dir.path(), &["validate", "."]);
        assert_eq!(run.status, INVALID_TREE, "{url}: {}", run.stdout);
        run.assert_stdout_has("error[LH011]");
        run.assert_stdout_has(says);
        assert_eq!(positions(&run.stdout), ["./m.toml:12:7"], "{url}");
    }
}

#[test]
fn punycode_and_off_site_contact_hosts_are_flagged() {
    let punycode = minimal_with(
        "url = \"https://help.example.com/\"",
        "url = \"https://xn--mazon-3ve.co.jp/\"",
    );
    let off_site = minimal_with(
        "cost = { ja = \"通話無料\", en = \"Toll-free\" }",
        "cost = { ja = \"通話無料\", en = \"Toll-free\" }\n[[node.contact]]\nchannel = \"web-form\"\nlabel = { ja = \"窓口\", en = \"Form\" }\nurl = \"https://example.com.evil.example/\"",
    );
    let under = off_site.replace("example.com.evil.example", "support.example.com");
    for (src, warned) in [(&punycode, true), (&off_site, true), (&under, false)] {
        let dir = dir_with(&[("m.toml", src)]);
        let run = run_in(dir.path(), &["validate", "."]);
        assert_eq!(run.status, 0, "{}", run.stdout);
        assert_eq!(
            run.stdout.contains("warning[LH103]"),
            warned,
            "{}",
            run.stdout
        );
    }
}

#[test]
fn a_url_is_shown_in_its_encoded_form_in_markdown() {
    let src = minimal_with(
        "url = \"https://help.example.com/\"",
        "url = \"https://Help.Example.com/ヘルプ?q=パス\"",
    );
    let dir = dir_with(&[("m.toml", &src)]);
    let run = run_in(
        dir.path(),
        &[
            "show",
            "minimal",
            "--services-dir",
            ".",
            "--format",
            "markdown",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.assert_stdout_has(
        "<https://help.example.com/%E3%83%98%E3%83%AB%E3%83%97?q=%E3%83%91%E3%82%B9>",
    );
}

#[test]
fn phone_numbers_must_have_a_japanese_shape() {
    for bad in [
        "000",
        "1 2 3",
        "0-1-2-3-4-5-6-7",
        "123456789012345",
        "0120-9999-373",
        "090-123-45678",
        "+1 206 555 0100",
    ] {
        let src = minimal_with("phone = \"0120-000-000\"", &format!("phone = \"{bad}\""));
        let dir = dir_with(&[("m.toml", &src)]);
        let run = run_in(dir.path(), &["validate", "."]);
        assert_eq!(run.status, INVALID_TREE, "{bad}: {}", run.stdout);
        run.assert_stdout_has("error[LH010]");
    }
    for good in [
        "0120-999-373",
        "011-330-3000",
        "188",
        "03-1234-5678",
        "090-1234-5678",
        "0570-064-333",
        "+81 3 1234 5678",
    ] {
        let src = minimal_with("phone = \"0120-000-000\"", &format!("phone = \"{good}\""));
        let dir = dir_with(&[("m.toml", &src)]);
        let run = run_in(dir.path(), &["validate", "."]);
        assert_eq!(run.status, 0, "{good}: {}", run.stdout);
    }
}

#[test]
fn a_source_ref_is_a_file_name_or_an_https_url() {
    for bad in [
        "javascript:alert(1)",
        "data:text/html,<script>x</script>",
        "http://example.com/",
        "/etc/passwd",
    ] {
        let src = minimal_with(
            "ref = \"tests/fixtures/valid/minimal.toml\"",
            &format!("ref = \"{bad}\""),
        );
        let dir = dir_with(&[("m.toml", &src)]);
        let run = run_in(dir.path(), &["validate", "."]);
        assert_eq!(run.status, INVALID_TREE, "{bad}: {}", run.stdout);
        run.assert_stdout_has("error[LH011]");
        assert_eq!(positions(&run.stdout), ["./m.toml:16:7"], "{bad}");
    }
}

#[test]
fn invisible_characters_are_flagged_and_shown() {
    let src = minimal_with(
        "next = \"reset-password\"",
        "next = \"reset-pass\\u200bword\"",
    )
    .replacen(
        "title = { ja = \"ログインできました\"",
        "title = { ja = \"ログイン\\u2060できました\\u202a\\u061c\"",
        1,
    );
    let dir = dir_with(&[("m.toml", &src)]);
    let run = run_in(dir.path(), &["validate", "."]);
    assert_eq!(run.status, INVALID_TREE, "{}", run.stdout);
    run.assert_stdout_has("no node has the id `reset-pass\\u{200b}word`");
    run.assert_stdout_has("warning[LH102]");
    for c in ['\u{200b}', '\u{2060}', '\u{202a}', '\u{61c}'] {
        assert!(!run.stdout.contains(c), "U+{:04X} raw", c as u32);
    }
    // An answer is echoed the same way.
    let run = loginhelp(&["amazon", "-a", "symptom=hac\u{200b}ked", "--no-input"]).run();
    assert!(!run.stderr.contains('\u{200b}'), "{}", run.stderr);
    run.assert_stderr_has("hac\\u{200b}ked");
}

