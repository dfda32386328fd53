//! Every diagnostic the checker and the parser make is said in both
//! languages. That each has both wordings is a compile-time guarantee
//! (`Diagnostic` takes only a `Text`, written with `said!` beside its
//! English); these tests check that the Japanese is Japanese, differs from
//! the English and holds no English sentence, for broken files that reach
//! every kind of problem.

use super::*;
use crate::lang::Text;
use crate::testing::shipped;

fn fixtures(dir: &str) -> Vec<String> {
    crate::testing::toml_files(&format!("tests/fixtures/{dir}"))
}

/// The first run of three English words outside backquotes and quotes
/// (the same oracle as the integration test `diagnostics_ja`).
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
        if !rest[..start]
            .chars()
            .all(|c| matches!(c, ' ' | ',' | '\'' | '-'))
        {
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

/// Check one text of a diagnostic; `what` says which, for the failure.
fn check_said(text: &Text, what: &str) {
    assert_ne!(text.ja, text.en, "{what}");
    assert!(has_japanese(&text.ja), "{what}: {}", text.ja);
    assert_eq!(english_run(&text.ja), None, "{what}: {}", text.ja);
}

fn check_all(diagnostics: &[Diagnostic], source: &str) -> Vec<Code> {
    for d in diagnostics {
        let what = format!("{} in {source}", d.code.as_str());
        check_said(&d.message, &what);
        // Each parser message met here is one the wording knows.
        assert!(
            !d.message.ja.starts_with("TOML として読めません"),
            "{what}: {}",
            d.message.en
        );
        if let Some(h) = &d.hint {
            check_said(h, &what);
        }
        if let Some((_, r)) = &d.related {
            check_said(r, &what);
        }
    }
    diagnostics.iter().map(|d| d.code).collect()
}

/// The minimal guide, each edit giving one or more problems.
const EDITS: &[(&str, &str)] = &[
    ("format = 1", "format = 2"),
    ("format = 1\n", ""),
    ("id = \"minimal\"", "id = \"Mini mal\""),
    ("id = \"minimal\"\n", ""),
    ("aliases = [\"mini\", \"ミニマル\"]", "aliases = [\"\", \"mini\", \"MINI\"]"),
    ("reviewed = \"2026-11-22\"", "reviewed = \"yesterday\""),
    ("reviewed = \"2026-11-22\"\n", ""),
    ("start = \"symptom\"\n", ""),
    ("name = { ja = \"ミニマル\", en = \"Minimal\" }", "name = { ja = \"ミニマル\" }"),
    ("name = { ja = \"ミニマル\", en = \"Minimal\" }", "name = { ja = \"\", en = \"Minimal\" }"),
    ("name = { ja = \"ミニマル\", en = \"Minimal\" }\n", ""),
    ("kind = \"help\"", "kind = \"halp\""),
    ("kind = \"help\"", "kind = \"zzzzzzzz\""),
    ("kind = \"help\"\n", ""),
    ("url = \"https://help.example.com/\"\n", ""),
    ("https://help.example.com/", "http://help.example.com/"),
    ("https://help.example.com/", "https://help.xn--80ak6aa92e.com/"),
    ("https://help.example.com/", "https://help.exa mple.com/"),
    ("https://help.example.com/", "https://help.<b>.com/"),
    ("https://help.example.com/", "https://"),
    ("https://help.example.com/", "https://ｅｘａｍｐｌｅ.com/"),
    ("https://help.example.com/", "https://localhost/"),
    ("https://help.example.com/", "https://u:p@help.example.com/"),
    ("title = \"テスト\"\n", ""),
    ("ref = \"tests/fixtures/valid/minimal.toml\"\n", ""),
    ("ref = \"tests/fixtures/valid/minimal.toml\"", "ref = \" \""),
    ("ref = \"tests/fixtures/valid/minimal.toml\"", "ref = \"/etc/passwd\""),
    ("ref = \"tests/fixtures/valid/minimal.toml\"", "ref = \"a\\u0007b\""),
    ("ref = \"tests/fixtures/valid/minimal.toml\"", "ref = \"ftp://x.example.com/\""),
    ("[[source]]\ntitle = \"テスト\"\nref = \"tests/fixtures/valid/minimal.toml\"\n", ""),
    ("id = \"symptom\"", "id = \"Symptom_1\""),
    ("id = \"done\"", "id = \"support\""),
    ("next = \"support\"\n", ""),
    ("id = \"hacked\"", "id = \"forgot-password\""),
    ("id = \"hacked\"\n", ""),
    ("id = \"hacked\"", "id = \"Hacked!\""),
    ("label = { ja = \"パスワードを忘れた\", en = \"I forgot my password\" }",
     "label = { ja = \"パスワードを忘れてしまい、どうしてもログインできない\", en = \"I forgot\" }"),
    ("label = { ja = \"パスワードを忘れた\", en = \"I forgot my password\" }",
     "label = { ja = \"あ\", en = \"I forgot my password and cannot sign in at all\" }"),
    ("next = \"reset-password\"", "next = \"reset-password\"\nplatform = \"andriod\""),
    ("[[node.option]]\nid = \"hacked\"", "[[node.opt]]\nid = \"hacked\""),
    ("kind = \"question\"", "kind = \"question\"\nintro = { ja = \"あ\", en = \"a\" }"),
    ("kind = \"question\"\n", ""),
    ("kind = \"question\"", "kind = \"questoin\""),
    ("id = \"symptom\"\n", ""),
    ("solved = \"done\"", "solved = \"done\"\nnext = \"done\""),
    ("solved = \"done\"\n", ""),
    ("unsolved = \"support\"\n", ""),
    ("solved = \"done\"\nunsolved = \"support\"\n", ""),
    ("unsolved = \"support\"", "unsolved = \"suport\""),
    ("[[node.step]]\ntext = { ja = \"ログイン", "[[node.stepp]]\ntext = { ja = \"ログイン"),
    ("title = { ja = \"パスワードを再設定する\", en = \"Reset your password\" }\n", ""),
    ("[[node.contact]]", "[[node.contacts]]"),
    ("channel = \"phone\"\n", ""),
    ("channel = \"phone\"", "channel = \"fax\""),
    ("channel = \"phone\"", "channel = \"web-form\""),
    ("channel = \"phone\"", "channel = \"in-app\""),
    ("channel = \"phone\"", "channel = \"email\""),
    ("phone = \"0120-000-000\"", "phone = \"12\""),
    ("phone = \"0120-000-000\"\n", ""),
    ("phone = \"0120-000-000\"", "phone = \"0120-000-000\"\nurl = \"https://evil.example.org/\""),
    ("label = { ja = \"カスタマーサービス\", en = \"Customer service\" }\n", ""),
    ("en = \"You are back in\"", "en = \"You are \\u001b[31mback\""),
    ("cost = { ja = \"通話無料\", en = \"Toll-free\" }", "cost = \"free\""),
    ("cost = { ja = \"通話無料\", en = \"Toll-free\" }", "cost = { ja = \"無料\", fr = \"gratuit\" }"),
    ("cost = { ja = \"通話無料\", en = \"Toll-free\" }", "cost = { ja = \"無料\", ja = \"無料\" }"),
    ("kind = \"resolved\"", "kind = \"resolved\"\nnext = \"done\""),
    ("id = \"done\"\nkind = \"resolved\"", "id = \"done\"\nkind = \"end\"\n[node.wait]\nnext = \"done\""),
    ("id = \"done\"\nkind = \"resolved\"", "id = \"done\"\nkind = \"end\"\n[node.wait]\nafter = \"1w\""),
    ("id = \"done\"\nkind = \"resolved\"", "id = \"done\"\nkind = \"end\"\n[node.wait]\nafter = \"7d\"\nnext = \"symptom\"\nreason = { ja = \"あ\", en = \"a\" }"),
    ("next = \"support\"", "next = \"gone\""),
    ("[[node]]\nid = \"support\"", "[node]\nid = \"support\""),
    ("format = 1", "format = 1\nformat = 1"),
    ("format = 1", "format 1"),
    ("format = 1", "format = [1 2]"),
    ("format = 1", "format = { a = 1"),
    ("format = 1", "format = \"1"),
    ("format = 1", "format = '1"),
    ("format = 1", "format = \"\"\"1"),
    ("format = 1", "format = 01"),
    ("format = 1", "format = 1 2"),
    ("format = 1", "[[x"),
    ("format = 1", "[x"),
    ("format = 1", "format = 1.2.3"),
    ("format = 1", "format = \"\\q\""),
    ("format = 1", "= 1"),
    ("format = 1", "format = [1, ="),
    ("format = 1", "format = \"a\nb\""),
    ("format = 1", "format = 1\n[node]\n[node]"),
];

#[test]
fn every_diagnostic_is_said_in_japanese_too() {
    let minimal = &fixtures("valid")[0];
    let mut seen = Vec::new();
    for src in fixtures("invalid") {
        let checked = check_source(&src);
        assert!(!checked.diagnostics.is_empty());
        seen.extend(check_all(&checked.diagnostics, &src[..60.min(src.len())]));
        seen.extend(check_all(
            &check_source_by_sections(&src).diagnostics,
            "by sections",
        ));
    }
    for (from, to) in EDITS {
        assert!(minimal.contains(from), "{from}");
        let src = minimal.replacen(from, to, 1);
        let checked = check_source(&src);
        assert!(!checked.diagnostics.is_empty(), "{from} -> {to}");
        seen.extend(check_all(&checked.diagnostics, to));
    }
    // The limits: nesting, size, too many problems, the large-file layout.
    let deep = format!("x = {}{}\n", "[".repeat(100), "]".repeat(100));
    seen.extend(check_all(&check_source(&deep).diagnostics, "deep"));
    let big = " ".repeat(MAX_FILE_BYTES + 1);
    seen.extend(check_all(
        &crate::parse::parse(&big, 0)
            .err()
            .into_iter()
            .collect::<Vec<_>>(),
        "big",
    ));
    let many: Vec<Diagnostic> = (0..150)
        .map(|i| Diagnostic::new(Code::ControlChar, Some(i..i + 1), crate::said!("w", "警告")))
        .chain([Diagnostic::new(
            Code::MissingNode,
            Some(0..1),
            crate::said!("e", "エラー"),
        )])
        .collect();
    seen.extend(check_all(&at_most(many, MAX_DIAGNOSTICS), "at most"));
    let src = &shipped()[0];
    let at = src.rfind("[[node]]").unwrap();
    for layout in [
        {
            let mut s = src.clone();
            s.insert_str(at, "[[source]]\ntitle = \"t\"\nref = \"r\"\n");
            s
        },
        src.replacen("[[link]]", "node = []\n\n[[link]]", 1),
        src.replacen(
            "[[node]]",
            &format!("# {}\n[[node]]", "x".repeat(MAX_SECTION_BYTES)),
            2,
        ),
        format!("# {}\n{src}", "x".repeat(MAX_SECTION_BYTES)),
        format!(
            "id = \"x\"\n{}",
            "[[node]]\nid = \"a\"\nkind = \"end\"\n".repeat(MAX_NODES + 1)
        ),
    ] {
        let checked = check_source_by_sections(&layout);
        assert_eq!(checked.diagnostics.len(), 1, "{:?}", checked.diagnostics);
        seen.extend(check_all(&checked.diagnostics, "layout"));
    }
    seen.sort();
    seen.dedup();
    // Every code the guide crate reports was met (LH015 and LH104 come
    // from the binary's file handling; its own tests cover them).
    for code in Code::ALL {
        if !matches!(code, Code::Unreadable | Code::Skipped) {
            assert!(seen.contains(&code), "no {} met", code.as_str());
        }
    }
}

#[test]
fn the_oracle_finds_english() {
    assert!(english_run("no node has the id `x`").is_some());
    assert!(english_run("service's own site, if this").is_some());
    assert_eq!(english_run("ID が `a b c` のノード \"d e f\""), None);
    assert_eq!(english_run("a は b は c"), None);
    assert_eq!(english_run("この loginhelp が読めるのは"), None);
}
