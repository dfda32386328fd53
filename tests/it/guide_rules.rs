//! The checker's rules for values and files, against the attacks of the
//! reliability review: shipped aliases taken by a directory guide, markup and
//! look-alike letters in URLs, phone numbers that are not numbers, source
//! references that are scripts, newlines in file names and ids, links out of
//! the guide directory, unreadable files, a file named twice, and one broken
//! guide stopping `search`.

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

/// Run in `dir`, in English: these tests read the validator's English
/// wording (`LANG=C` would make it Japanese; `diagnostics_ja` covers that).
fn run_in(dir: &Path, args: &[&str]) -> Run {
    loginhelp(args)
        .env("LANG", "en_US.UTF-8")
        .current_dir(dir)
        .run()
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
fn a_directory_guide_cannot_take_the_shipped_aliases() {
    let thief = minimal_with("id = \"minimal\"", "id = \"aaa\"").replacen(
        "aliases = [\"mini\", \"ミニマル\"]",
        "aliases = [\"amzn\", \"insta\", \"AMAZON\", \"ｉｎｓｔａｇｒａｍ\"]",
        1,
    );
    let dir = dir_with(&[("aaa.toml", &thief)]);
    // `validate DIR` checks the names against the shipped guides and pins
    // each problem on the offending file.
    let run = run_in(dir.path(), &["validate", "."]);
    assert_eq!(run.status, INVALID_TREE, "{}", run.stdout);
    for alias in ["amzn", "insta", "AMAZON", "ｉｎｓｔａｇｒａｍ"] {
        assert!(
            run.stdout
                .contains(&format!("error[LH003]: `{alias}` is already")),
            "{alias}:\n{}",
            run.stdout
        );
    }
    let at = positions(&run.stdout);
    assert_eq!(at.len(), 4, "{}", run.stdout);
    assert!(at.iter().all(|p| p.starts_with("./aaa.toml:4:")), "{at:?}");
    // So does `validate --services-dir DIR`, which used to blame the
    // shipped files.
    let run = run_in(dir.path(), &["validate", "--services-dir", "."]);
    assert_eq!(run.status, INVALID_TREE, "{}", run.stdout);
    let at = positions(&run.stdout);
    assert_eq!(at.len(), 4, "{}", run.stdout);
    assert!(at.iter().all(|p| p.starts_with("./aaa.toml:4:")), "{at:?}");
    // And the names still open the shipped guides.
    for (name, title) in [
        ("amzn", "Amazon"),
        ("insta", "Instagram"),
        ("AMAZON", "Amazon"),
    ] {
        let run = run_in(
            dir.path(),
            &[name, "--services-dir", ".", "--no-input", "--lang", "en"],
        );
        let first = run.stdout.lines().next().unwrap_or_default();
        assert!(first.contains(title), "{name}: {first}\n{}", run.stderr);
    }
    // A guide of its own is still found by its own id.
    let run = run_in(
        dir.path(),
        &["aaa", "--services-dir", ".", "--no-input", "--lang", "en"],
    );
    run.assert_stdout_has("Minimal");
}

#[test]
fn a_directory_guide_whose_id_is_a_shipped_alias_is_refused() {
    let thief = minimal_with("id = \"minimal\"", "id = \"amzn\"");
    let dir = dir_with(&[("amzn.toml", &thief)]);
    let run = run_in(dir.path(), &["validate", "."]);
    assert_eq!(run.status, INVALID_TREE, "{}", run.stdout);
    run.assert_stdout_has(
        "`amzn` is already the id or an alias of `amazon` (services/amazon.toml)",
    );
    let run = run_in(
        dir.path(),
        &["amzn", "--services-dir", ".", "--no-input", "--lang", "en"],
    );
    assert!(run.stdout.starts_with("Amazon"), "{}", run.stdout);
}

#[test]
fn replacing_a_shipped_guide_by_its_id_stays_allowed() {
    let amazon = std::fs::read_to_string(crate::common::repo().join("services/amazon.toml"))
        .unwrap()
        .replacen("name = { ja = \"", "name = { ja = \"社内版", 1);
    let dir = dir_with(&[("amazon.toml", &amazon)]);
    for args in [
        vec!["validate", "."],
        vec!["validate", "--services-dir", "."],
    ] {
        let run = run_in(dir.path(), &args);
        assert_eq!(run.status, 0, "{args:?}: {}", run.stdout);
    }
    let run = run_in(
        dir.path(),
        &["amzn", "--services-dir", ".", "--no-input", "--lang", "ja"],
    );
    assert!(run.stdout.contains("社内版"), "{}", run.stdout);
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

#[test]
fn newlines_in_file_names_and_ids_cannot_forge_lines() {
    let forged = "checked 9 files: 0 errors, 0 warnings";
    let dir = dir_with(&[
        (&format!("a\n{forged}\nb.toml"), "broken ="),
        (
            "c.toml",
            &minimal_with("id = \"minimal\"", &format!("id = \"x\\n{forged}\"")),
        ),
    ]);
    let run = run_in(dir.path(), &["validate", "."]);
    assert_eq!(run.status, INVALID_TREE, "{}", run.stdout);
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("checked "))
        .collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].starts_with("checked 2 files: "), "{}", run.stdout);
    run.assert_stdout_has(&format!("a␤{forged}␤b.toml"));
    let json = run_in(dir.path(), &["validate", ".", "--format", "json"]).json();
    let files: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(files.iter().all(|f| !f.contains('\n')), "{files:?}");
    let run = run_in(dir.path(), &["list", "--services-dir", "."]);
    assert!(
        run.stdout
            .lines()
            .all(|l| !l.contains(forged) || l.contains('␤')),
        "{}",
        run.stdout
    );
}

#[cfg(unix)]
#[test]
fn links_out_of_the_directory_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "SECRET-TOKEN=hunter2\n").unwrap();
    std::fs::write(outside.path().join("guide.toml"), minimal()).unwrap();
    let dir = dir_with(&[]);
    std::os::unix::fs::symlink(&secret, dir.path().join("secret.toml")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("guide.toml"),
        dir.path().join("out.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("nowhere.toml", dir.path().join("dangling.toml")).unwrap();
    for args in [
        vec!["validate", "."],
        vec!["validate", "--services-dir", "."],
    ] {
        let run = run_in(dir.path(), &args);
        assert!(!run.stdout.contains("hunter2"), "{args:?}: {}", run.stdout);
        assert_eq!(
            run.stdout.matches("warning[LH104]").count(),
            3,
            "{args:?}: {}",
            run.stdout
        );
        run.assert_stdout_has("a symbolic link to a file outside the directory");
        run.assert_stdout_has("a broken or looping symbolic link");
    }
    let run = run_in(dir.path(), &["list", "--services-dir", "."]);
    assert!(!run.stdout.contains("secret"), "{}", run.stdout);
    assert!(!run.stdout.contains("minimal"), "{}", run.stdout);
    // A link to another file of the same directory is read (once).
    let dir = dir_with(&[("minimal.toml", &minimal())]);
    std::os::unix::fs::symlink("minimal.toml", dir.path().join("alias.toml")).unwrap();
    let run = run_in(dir.path(), &["validate", "."]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    run.assert_stdout_has("checked 1 file: 0 errors, 0 warnings");
}

#[cfg(unix)]
#[test]
fn non_regular_entries_are_mentioned() {
    let dir = dir_with(&[("good.toml", &minimal())]);
    std::fs::create_dir(dir.path().join("dir.toml")).unwrap();
    let run = run_in(dir.path(), &["validate", "."]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    run.assert_stdout_has("warning[LH104]: skipped: not a regular file");
    run.assert_stdout_has("./dir.toml");
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let dir = dir_with(&[("minimal.toml", &minimal())]);
    for args in [
        vec!["validate", "minimal.toml", "minimal.toml"],
        vec!["validate", "minimal.toml", "./minimal.toml"],
        vec!["validate", ".", "minimal.toml"],
    ] {
        let run = run_in(dir.path(), &args);
        assert_eq!(run.status, 0, "{args:?}: {}", run.stdout);
        run.assert_stdout_has("checked 1 file: 0 errors, 0 warnings");
    }
}

/// One unreadable file is reported and the others are still checked. Root
/// reads any file, so as root the binary runs as `nobody` (with setpriv).
#[cfg(unix)]
#[test]
fn an_unreadable_file_does_not_stop_validate() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = dir_with(&[
        ("a.toml", &minimal()),
        (
            "b.toml",
            &minimal_with("id = \"minimal\"", "id = \"bee\"").replacen(
                "fix\"\ncause",
                "fixx\"\ncause",
                1,
            ),
        ),
    ]);
    let set = |p: &Path, mode| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
    set(dir.path(), 0o755).unwrap();
    set(&dir.path().join("a.toml"), 0o000).unwrap();
    let root = std::fs::read(dir.path().join("a.toml")).is_ok();
    let Some(mut cmd) = crate::common::unprivileged(root) else {
        eprintln!("skipped: running as root without setpriv");
        return;
    };
    let out = cmd
        .args(["validate", "."])
        .current_dir(dir.path())
        .env("LANG", "en_US.UTF-8")
        .env("NO_COLOR", "1")
        .env_remove("LOGINHELP_LANG")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(INVALID_TREE), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("error[LH015]: the file cannot be read"),
        "{stdout}"
    );
    assert!(stdout.contains("./a.toml"), "{stdout}");
    // b.toml was checked: its own error is there.
    assert!(stdout.contains("unknown node kind `fixx`"), "{stdout}");
    assert!(stdout.contains("checked 2 files:"), "{stdout}");
}

#[test]
fn search_leaves_out_a_broken_guide_and_searches_the_rest() {
    let own = minimal_with(
        "en = \"Reset your password\"",
        "en = \"Reset your quokka password\"",
    );
    let dir = dir_with(&[("b.toml", "broken ="), ("m.toml", &own)]);
    // The shipped guides are searched, and so is the good directory guide.
    for (word, found) in [("password", "amazon"), ("quokka", "minimal")] {
        let run = run_in(
            dir.path(),
            &["search", word, "--services-dir", ".", "--lang", "en"],
        );
        assert_eq!(run.status, 0, "{word}: {}", run.stderr);
        run.assert_stdout_has(found);
        run.assert_stderr_has("warning: the guide `b` has errors or cannot be read");
        run.assert_stderr_has("loginhelp validate ./b.toml");
    }
    let run = run_in(
        dir.path(),
        &[
            "search",
            "パスワード",
            "--services-dir",
            ".",
            "--lang",
            "ja",
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.assert_stderr_has("ガイド `b`");
}
