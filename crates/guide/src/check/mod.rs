//! Stage two of loading: turn a `RawService` into a checked `Service`,
//! collecting every problem as a positioned `Diagnostic` instead of stopping
//! at the first. This is the validator: `loginhelp validate` prints what it
//! finds, and every other command refuses a tree that has errors.

mod checker;
mod contact;
mod graph;
mod node;
#[cfg(test)]
mod said_tests;
mod service;
mod values;
mod wait;

pub use crate::listing::{listing, Listing};
pub use crate::parse::{
    MAX_FILE_BYTES, MAX_NESTING, MAX_NODES, MAX_SECTION_BYTES, WHOLE_PARSE_BYTES,
};
pub use crate::scan::header_part;
pub use node::MAX_LABEL_COLUMNS;
pub use values::{is_valid_phone, url_problem};

use checker::Checker;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::Service;
use crate::raw::S;
use crate::said;
use crate::text::plural;

/// The most problems reported for one file (see `at_most`).
pub const MAX_DIAGNOSTICS: usize = 100;

/// The outcome of checking one file.
#[derive(Debug)]
pub struct Checked {
    pub service: Option<Service>,
    pub diagnostics: Vec<Diagnostic>,
    /// The service id as written, with its position, when the file could be
    /// parsed: for the checks across files, without parsing it again.
    pub id: Option<S<String>>,
    /// The aliases as written, with their positions (empty when unparsed).
    pub aliases: Vec<S<String>>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error)
    }
}

/// Parse and check one tree file's text.
pub fn check_source(src: &str) -> Checked {
    check_source_with(src, WHOLE_PARSE_BYTES)
}

/// `check_source` as it reads a file larger than `WHOLE_PARSE_BYTES` (one
/// `[[node]]` section at a time), whatever the size of `src`: for the fuzz
/// target and tests that compare the two ways of parsing.
#[doc(hidden)]
pub fn check_source_by_sections(src: &str) -> Checked {
    check_source_with(src, 0)
}

fn check_source_with(src: &str, whole_up_to: usize) -> Checked {
    let fail = |d: Diagnostic| Checked {
        service: None,
        diagnostics: vec![d],
        id: None,
        aliases: Vec::new(),
    };
    let raw = match crate::parse::parse(src, whole_up_to) {
        Ok(raw) => raw,
        Err(d) => return fail(d),
    };
    let mut checker = Checker::default();
    let service = checker.service(&raw);
    let has_errors = checker
        .diagnostics
        .iter()
        .any(|d| d.severity() == Severity::Error);
    checker
        .diagnostics
        .sort_by_key(|d| (d.span.as_ref().map_or(0, |s| s.start), d.code));
    Checked {
        service: if has_errors { None } else { service },
        diagnostics: at_most(checker.diagnostics, MAX_DIAGNOSTICS),
        id: raw.id,
        aliases: raw.aliases,
    }
}

/// Keep the first `limit` problems (errors before warnings, so that a file
/// with errors still shows one), in file order, and say how many more there
/// are in a last diagnostic of the same severity as what was left out. A
/// 100k-node file with a problem in every node would otherwise print (and
/// position, each by a scan of the file) 100k of them.
fn at_most(diagnostics: Vec<Diagnostic>, limit: usize) -> Vec<Diagnostic> {
    if diagnostics.len() <= limit {
        return diagnostics;
    }
    let (mut kept, mut warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
        .into_iter()
        .partition(|d| d.severity() == Severity::Error);
    let mut left_out = kept.split_off(kept.len().min(limit));
    let room = limit - kept.len();
    left_out.extend(warnings.split_off(warnings.len().min(room)));
    kept.extend(warnings);
    kept.sort_by_key(|d| (d.span.as_ref().map_or(0, |s| s.start), d.code));
    left_out.sort_by_key(|d| {
        (
            d.severity() != Severity::Error,
            d.span.as_ref().map_or(0, |s| s.start),
        )
    });
    let errors = left_out
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    let warnings = left_out.len() - errors;
    let first = &left_out[0];
    let code = if errors > 0 {
        Code::TooLarge
    } else {
        first.code
    };
    let (errors_en, warnings_en) = (plural(errors, "error"), plural(warnings, "warning"));
    kept.push(
        Diagnostic::new(
            code,
            first.span.clone(),
            said!(
                "{errors_en} and {warnings_en} more are not shown, from here on",
                "ここから先のエラー {errors} 件と警告 {warnings} 件は表示していません"
            ),
        )
        .hint(said!(
            "a file reports at most {limit} problems; fix the ones above first",
            "1 つのファイルで報告する問題は {limit} 件までです。先に上の問題を直してください"
        )),
    );
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::node_header_lines;

    #[test]
    fn deep_input_is_too_large_not_a_crash() {
        for src in [
            format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
            format!("x = {}1{}\n", "{a=".repeat(100_000), "}".repeat(100_000)),
            format!("x = [\n{}{}\n]\n", "[[1],".repeat(1000), "]".repeat(1000)),
            format!("x{} = 1\n", ".x".repeat(100_000)),
            format!("[x{}]\n", ".x".repeat(100_000)),
        ] {
            let checked = check_source(&src);
            assert!(checked.service.is_none());
            let codes: Vec<&str> = checked
                .diagnostics
                .iter()
                .map(|d| d.code.as_str())
                .collect();
            assert_eq!(codes, ["LH014"], "{:?}", checked.diagnostics);
        }
    }

    use crate::testing::shipped;

    /// Everything observable about a check, for comparing two ways of parsing.
    fn summary(c: &Checked) -> String {
        let service = c.service.as_ref().map(|s| {
            format!(
                "{} {:?} {} {:?} {:?} {:?} {:?} {:?}",
                s.id, s.aliases, s.reviewed, s.name, s.summary, s.links, s.sources, s.nodes
            )
        });
        format!(
            "{:?}\n{service:?}\n{:?} {:?}",
            c.diagnostics, c.id, c.aliases
        )
    }

    fn by_sections(src: &str) -> Checked {
        check_source_with(src, 0)
    }

    fn whole(src: &str) -> Checked {
        check_source_with(src, usize::MAX)
    }

    fn codes(c: &Checked) -> Vec<&'static str> {
        c.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }

    /// A small guide whose escalation `help` carries `wait`.
    fn with_wait(wait: &str) -> String {
        format!(
            r#"
format = 1
id = "t"
reviewed = "2026-11-22"
start = "q"
name = {{ ja = "テスト", en = "Test" }}
summary = {{ ja = "テスト", en = "Test" }}
[[source]]
title = "t"
ref = "t.txt"

[[node]]
id = "q"
kind = "question"
text = {{ ja = "どうしましたか?", en = "What happened?" }}
[[node.option]]
id = "a"
label = {{ ja = "あ", en = "A" }}
next = "help"
[[node.option]]
id = "b"
label = {{ ja = "い", en = "B" }}
next = "again"

[[node]]
id = "help"
kind = "escalation"
title = {{ ja = "連絡", en = "Contact" }}
[[node.contact]]
channel = "phone"
label = {{ ja = "窓口", en = "Desk" }}
phone = "188"
{wait}

[[node]]
id = "again"
kind = "end"
title = {{ ja = "もう一度", en = "Again" }}
"#
        )
    }

    #[test]
    fn a_wait_is_checked_and_kept() {
        let ok = whole(&with_wait(
            "[node.wait]\nafter = \"7d\"\nnext = \"again\"\nreason = { ja = \"一週間\", en = \"A week\" }",
        ));
        assert!(!ok.has_errors(), "{:?}", ok.diagnostics);
        let s = ok.service.as_ref().unwrap();
        let wait = s.node(s.find("help").unwrap()).wait.clone().unwrap();
        assert_eq!((wait.hours, wait.next), (168, s.find("again").unwrap()));
        assert_eq!(&*wait.reason.en, "A week");
        assert_eq!(
            summary(&by_sections(&with_wait(
                "[node.wait]\nafter = \"7d\"\nnext = \"again\"\nreason = { ja = \"一週間\", en = \"A week\" }"
            ))),
            summary(&ok),
            "read a section at a time, the wait keeps its positions"
        );
        for (wait, code, line) in [
            ("[node.wait]\nafter = \"1w\"\nnext = \"again\"\nreason = { ja = \"あ\", en = \"a\" }", "LH012", 34),
            ("[node.wait]\nafter = \"7d\"\nnext = \"nowhere\"\nreason = { ja = \"あ\", en = \"a\" }", "LH004", 35),
            ("[node.wait]\nafter = \"7d\"\nnext = \"help\"\nreason = { ja = \"あ\", en = \"a\" }", "LH012", 35),
            ("[node.wait]\nafter = \"7d\"\nnext = \"again\"", "LH013", 33),
            ("[node.wait]\nafter = \"7d\"\nnext = \"again\"\nreason = { ja = \"あ\", en = \"a\" }\nuntil = \"x\"", "LH002", 37),
        ] {
            let checked = whole(&with_wait(wait));
            assert_eq!(codes(&checked), [code], "{wait}: {:?}", checked.diagnostics);
            let src = with_wait(wait);
            let at = checked.diagnostics[0].span.clone().unwrap().start;
            assert_eq!(src[..at].matches('\n').count() + 1, line, "{wait}");
        }
        // A question cannot wait.
        let on_question = whole(&with_wait("").replace(
            "[[node.option]]\nid = \"a\"",
            "[node.wait]\nafter = \"7d\"\nnext = \"again\"\nreason = { ja = \"あ\", en = \"a\" }\n[[node.option]]\nid = \"a\"",
        ));
        assert_eq!(
            codes(&on_question),
            ["LH002"],
            "{:?}",
            on_question.diagnostics
        );
    }

    #[test]
    fn sections_parse_like_the_whole_file() {
        for src in shipped() {
            assert!(node_header_lines(&src, false).len() > 5);
            let whole = whole(&src);
            assert!(!whole.has_errors(), "{:?}", whole.diagnostics);
            assert_eq!(summary(&by_sections(&src)), summary(&whole));
        }
        // Errors found after parsing point at the same place either way,
        // and so does a syntax error inside a section.
        for (from, to) in [
            ("kind = \"fix\"", "kind = \"fixx\""),
            ("kind = \"fix\"", "kind = fix"),
        ] {
            let src = shipped()[0].replacen(from, to, 1);
            let sections = by_sections(&src);
            assert!(sections.has_errors());
            assert_eq!(summary(&sections), summary(&whole(&src)));
        }
    }

    #[test]
    fn large_files_keep_to_the_section_layout() {
        let src = &shipped()[0];
        let at = src.rfind("[[node]]").unwrap();
        for extra in [
            "[[source]]\ntitle = \"t\"\nref = \"r\"\n",
            "[name]\nja = \"a\"\n",
        ] {
            let mut edited = src.clone();
            edited.insert_str(at, extra);
            assert!(!whole(&edited).has_errors() || extra.starts_with("[name]"));
            let sections = by_sections(&edited);
            assert_eq!(codes(&sections), ["LH014"], "{:?}", sections.diagnostics);
            let span = sections.diagnostics[0].span.clone().unwrap();
            assert!((at..at + 10).contains(&span.start), "{span:?}");
        }
        // `node = []` before the first [[node]] is an error in TOML too.
        let edited = src.replacen("[[link]]", "node = []\n\n[[link]]", 1);
        assert!(whole(&edited).has_errors());
        assert_eq!(codes(&by_sections(&edited)), ["LH014"]);
        // A section larger than the limit.
        let edited = src.replacen(
            "[[node]]",
            &format!("# {}\n[[node]]", "x".repeat(MAX_SECTION_BYTES)),
            2,
        );
        assert_eq!(codes(&by_sections(&edited)), ["LH014"]);
    }

    #[test]
    fn too_many_nodes_is_refused_before_they_are_built() {
        let node = "[[node]]\nid = \"a\"\nkind = \"end\"\n";
        let src = format!("id = \"x\"\n{}", node.repeat(MAX_NODES + 1));
        let checked = check_source(&src);
        assert_eq!(codes(&checked), ["LH014"]);
        // The same with headers the section scan does not count.
        let src = format!(
            "id = \"x\"\n[[node]]\n{}",
            "[[\"node\"]]\n".repeat(MAX_NODES + 1)
        );
        assert_eq!(codes(&check_source(&src)), ["LH014"]);
    }

    #[test]
    fn many_problems_are_cut_short() {
        let mut src = shipped()[0].clone();
        for i in 0..500 {
            src.push_str(&format!("\n[[node]]\nid = \"extra-{i}\"\nkind = \"end\"\ntitle = {{ ja = \"a\", en = \"a\" }}\n"));
        }
        let checked = check_source(&src);
        assert_eq!(checked.diagnostics.len(), MAX_DIAGNOSTICS + 1);
        let last = checked.diagnostics.last().unwrap();
        assert_eq!(last.code, Code::TooLarge);
        assert!(last.message.en.contains("400 errors"), "{:?}", last.message);
        // Left-out warnings alone do not make the file fail.
        let warnings: Vec<Diagnostic> = (0..150)
            .map(|i| Diagnostic::new(Code::ControlChar, Some(i..i + 1), said!("w", "警告")))
            .collect();
        let kept = at_most(warnings, MAX_DIAGNOSTICS);
        assert_eq!(kept.len(), MAX_DIAGNOSTICS + 1);
        assert!(kept.iter().all(|d| d.severity() == Severity::Warning));
        // Errors are kept before warnings.
        let mut mixed: Vec<Diagnostic> = (0..150)
            .map(|i| Diagnostic::new(Code::ControlChar, Some(i..i + 1), said!("w", "警告")))
            .collect();
        mixed.push(Diagnostic::new(
            Code::MissingNode,
            Some(1000..1001),
            said!("e", "エラー"),
        ));
        let kept = at_most(mixed, MAX_DIAGNOSTICS);
        assert!(kept.iter().any(|d| d.code == Code::MissingNode));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Parsing a file section by section finds errors exactly when
        /// parsing it whole does, and the same result when it has none.
        #[test]
        fn sections_agree_with_the_whole_file(
            tree in 0usize..5,
            edits in proptest::collection::vec(
                (0usize..8, proptest::prelude::any::<usize>(), 0usize..10),
                1..4,
            ),
        ) {
            const SNIPPETS: [&str; 10] = [
                "[[node]]\n", "[[source]]\n", "\"\"\"\n", "'''\n", "x = [\n",
                "]\n", "node = []\n", "[[ node ]] # c\n", "[node]\n", "id = \"q\"\n",
            ];
            let trees = shipped();
            let mut src = trees[tree % trees.len()].clone();
            for (kind, at, which) in edits {
                let mut lines: Vec<String> = src.split_inclusive('\n').map(str::to_owned).collect();
                let n = at % lines.len().max(1);
                match kind {
                    _ if lines.is_empty() => lines.push(SNIPPETS[which].to_owned()),
                    0 => {
                        lines.remove(n);
                    }
                    1 => lines.insert(n, lines[n].clone()),
                    2 => lines.insert(n, SNIPPETS[which].to_owned()),
                    3 => lines.truncate(n),
                    4 => lines[n] = lines[n].replacen(" = ", " == ", 1),
                    5 => lines[n] = lines[n].replace('"', "'"),
                    6 => lines[n] = lines[n].replacen('[', "", 1),
                    _ => lines[n] = lines[n].replacen("node", "nodes", 1),
                }
                src = lines.concat();
            }
            let (sections, whole) = (by_sections(&src), whole(&src));
            // The one difference: a large file must keep [[link]] and
            // [[source]] before the nodes, where TOML would allow them after.
            let layout = codes(&sections) == ["LH014"] && codes(&whole) != ["LH014"];
            proptest::prop_assert_eq!(sections.has_errors(), whole.has_errors() || layout);
            if !whole.has_errors() && !layout {
                proptest::prop_assert_eq!(summary(&sections), summary(&whole));
            }
        }
    }
}
