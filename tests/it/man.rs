//! The man pages: one per command besides the tool's own, each with the
//! sections a man page has (and no catch-all EXTRA), every page they point
//! to written too, and groff reading them without a warning.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::common::loginhelp;

const SECTIONS: [&str; 9] = [
    "NAME",
    "SYNOPSIS",
    "DESCRIPTION",
    "OPTIONS",
    "EXIT STATUS",
    "ENVIRONMENT",
    "FILES",
    "EXAMPLES",
    "SEE ALSO",
];

/// The `.SH` headings of a page, in order, without roff's quotes.
/// The first line of every page, for preconv and man-db.
const CODING: &str = ".\\\" -*- coding: UTF-8 -*-\n";

/// The line of a Japanese page that loads groff's Japanese line breaking.
const JA_TMAC: &str = ".if \\n(.g .mso ja.tmac\n";

/// The Japanese pages' headings, those of the manpages-ja project.
const JA_SECTIONS: [&str; 9] = [
    "名前",
    "書式",
    "説明",
    "オプション",
    "終了ステータス",
    "環境変数",
    "ファイル",
    "例",
    "関連項目",
];

fn sections(page: &str) -> Vec<String> {
    page.lines()
        .filter_map(|l| l.strip_prefix(".SH "))
        .map(|h| h.trim_matches('"').to_owned())
        .collect()
}

/// The text of one section (up to the next `.SH`).
fn section<'a>(page: &'a str, name: &str) -> &'a str {
    let start = page
        .lines()
        .position(|l| l.strip_prefix(".SH ").map(|h| h.trim_matches('"')) == Some(name))
        .unwrap_or_else(|| panic!("no {name} section"));
    let offset: usize = page.lines().take(start + 1).map(|l| l.len() + 1).sum();
    let rest = &page[offset..];
    &rest[..rest.find("\n.SH ").map_or(rest.len(), |i| i + 1)]
}

/// Every `name(1)` a page refers to, with roff's `\-` and font changes undone.
fn references(page: &str) -> BTreeSet<String> {
    let plain = page
        .replace("\\-", "-")
        .replace("\\fB", "")
        .replace("\\fR", "")
        .replace("\\fI", "");
    let mut found = BTreeSet::new();
    for (at, _) in plain.match_indices("(1)") {
        let name: String = plain[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if name.starts_with("loginhelp") {
            found.insert(name);
        }
    }
    found
}

#[test]
fn every_page_has_the_sections_and_every_page_it_names_exists() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let run = loginhelp(&["man", "--all", out.to_str().unwrap()])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut pages: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(
        pages,
        [
            "loginhelp-answers.1",
            "loginhelp-completions.1",
            "loginhelp-graph.1",
            "loginhelp-list.1",
            "loginhelp-man.1",
            "loginhelp-search.1",
            "loginhelp-show.1",
            "loginhelp-validate.1",
            "loginhelp.1",
        ]
    );
    assert_eq!(run.stdout.lines().count(), pages.len(), "{}", run.stdout);

    for file in &pages {
        let page = std::fs::read_to_string(out.join(file)).unwrap();
        let found = sections(&page);
        let mut wanted: Vec<&str> = SECTIONS.to_vec();
        if file == "loginhelp.1" {
            wanted.insert(4, "COMMANDS");
        }
        assert_eq!(found, wanted, "{file}");
        for name in SECTIONS {
            assert!(
                section(&page, name).lines().any(|l| !l.starts_with('.')),
                "{file}: {name} is empty"
            );
        }
        assert!(!page.contains("EXTRA"), "{file}");
        assert!(
            page.starts_with(CODING),
            "{file}: the first line names the encoding"
        );
        assert!(
            page.contains(".TH loginhelp") && page.contains(" 1 2026-"),
            "{file}: the title line has a date"
        );
        let see_also = references(section(&page, "SEE ALSO"));
        assert!(!see_also.is_empty(), "{file}");
        for name in references(&page) {
            assert!(
                Path::new(&out).join(format!("{name}.1")).exists(),
                "{file} points to {name}(1), which was not written"
            );
        }
        let exit_status = section(&page, "EXIT STATUS");
        for code in ["0", "2", "3", "4", "130"] {
            assert!(
                exit_status.contains(&format!("\\fB{code}\\fR")),
                "{file}: exit status {code}"
            );
        }
        let environment = section(&page, "ENVIRONMENT");
        for var in [
            "LOGINHELP_LANG",
            "LOGINHELP_SERVICES_DIR",
            "NO_COLOR",
            "LANG",
        ] {
            assert!(environment.contains(var), "{file}: {var}");
        }
    }

    // The tool's page names every command's page; a command's page points
    // back to the tool's.
    let top = std::fs::read_to_string(out.join("loginhelp.1")).unwrap();
    assert_eq!(references(section(&top, "SEE ALSO")).len(), pages.len() - 1);
    let show = std::fs::read_to_string(out.join("loginhelp-show.1")).unwrap();
    assert!(references(section(&show, "SEE ALSO")).contains("loginhelp"));
    // Each command's page says more than its one-line summary.
    for file in &pages {
        let page = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(
            section(&page, "DESCRIPTION").contains(".PP"),
            "{file}: DESCRIPTION is only the summary"
        );
    }
    // show's own options are on its page.
    assert!(section(&show, "OPTIONS").contains("markdown"));
    assert!(section(&show, "EXAMPLES").contains("loginhelp show amazon"));

    // One page on stdout is the same as the file.
    let one = loginhelp(&["man", "show"]).env("LANG", "en_US.UTF-8").run();
    assert_eq!(one.status, 0);
    assert_eq!(one.stdout, show);
    let one = loginhelp(&["man"]).env("LANG", "en_US.UTF-8").run();
    assert_eq!(one.stdout, top);

    groff_reads_cleanly(&out, &pages);
}

/// groff with every warning on says nothing about any page. `.ci/run`
/// installs groff and sets LOGINHELP_TEST_REQUIRE_GROFF, so that there a
/// missing groff fails instead of skipping.
fn groff_reads_cleanly(dir: &Path, pages: &[String]) {
    let probe = Command::new("groff").arg("--version").output();
    let Ok(probe) = probe else {
        assert!(
            std::env::var_os("LOGINHELP_TEST_REQUIRE_GROFF").is_none(),
            "groff is required for the man page tests"
        );
        eprintln!("groff is not installed; pages not typeset");
        return;
    };
    assert!(probe.status.success());
    for file in pages {
        let out = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-k", "-z"])
            .arg(dir.join(file))
            .output()
            .unwrap();
        assert!(out.status.success(), "{file}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "groff warns about {file}"
        );
    }
}

#[test]
fn an_unknown_page_is_a_usage_error_with_a_suggestion() {
    let run = loginhelp(&["man", "shwo"]).env("LANG", "en_US.UTF-8").run();
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    run.assert_stderr_has("there is no command `shwo`; did you mean `show`?");
    let run = loginhelp(&["man", "show", "--all", "x"]).run();
    assert_eq!(run.status, 2, "{}", run.stderr);
}

/// `line` (roff text) without what is in bold or italics (option names,
/// commands, examples, page names) and with the escapes that stand for
/// characters undone: the running text a reader reads as prose.
fn roman_text(line: &str) -> String {
    let mut out = String::new();
    let mut roman = true;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            if roman {
                out.push(c);
            }
            continue;
        }
        match chars.next() {
            Some('f') => roman = matches!(chars.next(), Some('R' | 'P')),
            Some('*') => {
                // \*(Aq, the apostrophe.
                chars.next();
                chars.next();
                chars.next();
                if roman {
                    out.push('\'');
                }
            }
            Some('-') if roman => out.push('-'),
            Some('\\') if roman => out.push('\\'),
            _ => {}
        }
    }
    out
}

/// The runs of three or more English words in a row (ASCII letters only,
/// punctuation around them aside; `--answers` is an option, not a word) in
/// the running text of `page`, by section.
fn english_prose(page: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut heading = String::new();
    for line in page.lines() {
        if let Some(h) = line.strip_prefix(".SH ") {
            heading = h.trim_matches('"').to_owned();
        }
        if line.starts_with('.') || line.starts_with('\'') {
            continue;
        }
        let text = roman_text(line);
        let mut run: Vec<&str> = Vec::new();
        for token in text.split_whitespace().chain([""]) {
            // Punctuation around a word, not an option's dashes.
            let word = token.trim_matches(|c: char| c.is_ascii_punctuation() && c != '-');
            if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic()) {
                run.push(token);
                continue;
            }
            if run.len() >= 3 {
                found.push((heading.clone(), run.join(" ")));
            }
            run.clear();
        }
    }
    found
}

#[test]
fn japanese_pages_are_japanese_and_typeset_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let ja = dir.path().join("ja");
    let en = dir.path().join("en");
    let run = loginhelp(&["--lang", "ja", "man", "--all", ja.to_str().unwrap()]).run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let run = loginhelp(&["man", "--all", en.to_str().unwrap()])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut pages: Vec<String> = std::fs::read_dir(&ja)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 9);

    for file in &pages {
        let page = std::fs::read_to_string(ja.join(file)).unwrap();
        let english = std::fs::read_to_string(en.join(file)).unwrap();
        assert!(page.starts_with(CODING), "{file}");
        let mut wanted: Vec<&str> = JA_SECTIONS.to_vec();
        if file == "loginhelp.1" {
            wanted.insert(4, "コマンド");
        }
        assert_eq!(sections(&page), wanted, "{file}");
        // Lines are filled, not stretched to the margin.
        assert!(page.contains("\n.ad l\n"), "{file}");

        // No English prose: the oracle finds it in every section of the
        // English page that has running text, and in none of the Japanese.
        let prose = english_prose(&english);
        for name in ["DESCRIPTION", "OPTIONS", "ENVIRONMENT", "FILES", "EXAMPLES"] {
            assert!(
                prose.iter().any(|(h, _)| h == name),
                "{file}: the oracle finds no English in the English {name}: {prose:?}"
            );
        }
        assert_eq!(
            english_prose(&page),
            [],
            "{file}: English in the Japanese page"
        );
        // And every section of running text says something in Japanese.
        for name in JA_SECTIONS {
            let japanese = section(&page, name)
                .lines()
                .filter(|l| !l.starts_with('.'))
                .map(roman_text)
                .flat_map(|l| l.chars().collect::<Vec<_>>())
                .filter(|c| ('\u{3040}'..='\u{9fff}').contains(c))
                .count();
            let least = if matches!(name, "書式" | "関連項目") {
                0
            } else {
                4
            };
            assert!(japanese >= least, "{file}: {name} has no Japanese");
        }

        // Break points in Japanese running text, none in the NAME line
        // (man-db's lexgrog would keep their colons in whatis), none in
        // bold or italics (options, commands, examples).
        assert!(!section(&page, "名前").contains("\\:"), "{file}");
        assert!(section(&page, "説明").contains("\\:"), "{file}");
        for line in page.lines().filter(|l| !l.starts_with('.')) {
            let mut roman = true;
            let mut rest = line;
            while let Some(at) = rest.find('\\') {
                let escape = &rest[at..];
                if let Some(font) = escape.strip_prefix("\\f") {
                    roman = font.starts_with(['R', 'P']);
                } else if escape.starts_with("\\:") {
                    assert!(roman, "{file}: a break point in bold or italics: {line}");
                }
                rest = &rest[at + escape.chars().nth(1).map_or(1, |c| 1 + c.len_utf8())..];
            }
        }
    }

    // The language comes from the locale too, and one page on stdout is
    // the file's.
    let one = loginhelp(&["man", "show"]).env("LANG", "ja_JP.UTF-8").run();
    assert_eq!(one.status, 0, "{}", one.stderr);
    assert_eq!(
        one.stdout,
        std::fs::read_to_string(ja.join("loginhelp-show.1")).unwrap()
    );
    // The command's own words for its options come from --help's Japanese.
    let show = std::fs::read_to_string(ja.join("loginhelp-show.1")).unwrap();
    let options = section(&show, "オプション");
    assert!(options.contains("\\fI値:\\fR"), "{options}");
    assert!(
        options.contains(".IP \\(bu 2\nmarkdown: Markdown(ヘ"),
        "each value is an item of a list: {options}"
    );

    groff_reads_cleanly(&ja, &pages);

    // The break points alone, for a formatter without groff's ja.tmac: the
    // pages without it and without the NAME line (which only ja.tmac
    // breaks) typeset cleanly too.
    let bare = dir.path().join("bare");
    std::fs::create_dir_all(&bare).unwrap();
    for file in &pages {
        let page = std::fs::read_to_string(ja.join(file)).unwrap();
        assert!(page.contains(JA_TMAC), "{file}");
        let name_line = section(&page, "名前").lines().next().unwrap();
        let page = page
            .replace(JA_TMAC, "")
            .replace(name_line, "loginhelp \\- x");
        std::fs::write(bare.join(file), page).unwrap();
    }
    groff_reads_cleanly(&bare, &pages);
}

#[test]
fn an_unknown_page_is_named_in_japanese_too() {
    let run = loginhelp(&["--lang", "ja", "man", "shwo"]).run();
    assert_eq!(run.status, 2);
    run.assert_stderr_has("コマンド `shwo` はありません。`show` のことですか?");
    // A folder that cannot be made: said in Japanese, the reason too.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "").unwrap();
    let inside = file.join("pages");
    let run = loginhelp(&["--lang", "ja", "man", "--all", inside.to_str().unwrap()]).run();
    assert_eq!(run.status, 1);
    run.assert_stderr_has("pages を作れません: ディレクトリではありません");
}
