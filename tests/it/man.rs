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

/// groff with every warning on says nothing about any page.
fn groff_reads_cleanly(dir: &Path, pages: &[String]) {
    let probe = Command::new("groff").arg("--version").output();
    let Ok(probe) = probe else {
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
