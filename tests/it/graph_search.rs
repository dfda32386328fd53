//! `loginhelp graph` and `loginhelp search` end to end, on the shipped
//! guides: the diagrams parse and hold every node and link, searches in
//! Japanese (any width, katakana or hiragana) and English find the right
//! fixes, and every hit's command really starts a walk at that node.

use crate::common;

use std::process::{Command, Stdio};

use common::Run;
use loginhelp::registry::Registry;
use loginhelp::tree::Service;
use serde_json::Value;

/// The binary in the tests' isolated environment (see `tests/it/common.rs`).
fn run(args: &[&str]) -> Run {
    common::loginhelp(args).run()
}

fn shipped(id: &str) -> Service {
    let registry = Registry::load(None).expect("the shipped guides");
    registry
        .resolve(id)
        .expect("a shipped service")
        .load()
        .expect("it loads")
}

fn link_count(service: &Service) -> usize {
    service.nodes.iter().map(|n| n.targets().len()).sum()
}

// ---------------------------------------------------------------- graph

#[test]
fn mermaid_of_a_shipped_guide_has_every_node_and_link() {
    let service = shipped("amazon");
    let r = run(&["graph", "amazon", "--format", "mermaid", "--lang", "en"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("%% loginhelp: Amazon"), "{}", r.stdout);
    assert!(r.stdout.contains("\nflowchart TD\n"));
    let statements: Vec<&str> = r
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("    "))
        .collect();
    for i in 0..service.nodes.len() {
        let id = format!("n{i}");
        let declared = statements
            .iter()
            .filter(|s| s.starts_with(&id) && s[id.len()..].starts_with(['[', '{', '(']))
            .count();
        assert_eq!(declared, 1, "{id} in\n{}", r.stdout);
    }
    let edges = statements
        .iter()
        .filter(|s| s.contains(" -->") || s.contains(" -.->"))
        .count();
    assert_eq!(
        edges,
        link_count(&service) + 1,
        "every link and the start arrow"
    );
    // Mermaid's keyword never appears as an id or class, and no label holds
    // a raw quote inside its quotes.
    for s in &statements {
        let first = s
            .split([' ', '[', '{', '(', '|'])
            .next()
            .unwrap_or_default();
        assert!(!first.eq_ignore_ascii_case("end"), "{s}");
        assert!(
            !s.starts_with("classDef end") && !s.ends_with(" end"),
            "{s}"
        );
    }
    r.assert_stdout_has("I forgot my<br>registered email");
}

#[test]
fn dot_of_a_shipped_guide_parses_and_has_every_node_and_link() {
    use graphviz_rust::dot_structures::{Graph, Id, Stmt};
    for lang in ["ja", "en"] {
        let service = shipped("amazon");
        let r = run(&["graph", "amazon", "--format", "dot", "--lang", lang]);
        assert_eq!(r.status, 0, "{}", r.stderr);
        let graph = graphviz_rust::parse(&r.stdout).unwrap_or_else(|e| panic!("{e}\n{}", r.stdout));
        let Graph::DiGraph { stmts, .. } = graph else {
            panic!("not a digraph")
        };
        let mut tooltips = Vec::new();
        let mut edges = 0;
        for stmt in &stmts {
            match stmt {
                Stmt::Node(n) => {
                    for a in &n.attributes {
                        if let (Id::Plain(key), Id::Escaped(value)) = (&a.0, &a.1) {
                            if key == "tooltip" {
                                tooltips.push(value.trim_matches('"').to_owned());
                            }
                        }
                    }
                }
                Stmt::Edge(_) => edges += 1,
                _ => {}
            }
        }
        let ids: Vec<String> = service.nodes.iter().map(|n| n.id.to_string()).collect();
        assert_eq!(tooltips, ids, "every node, in order, named by its id");
        assert_eq!(
            edges,
            link_count(&service) + 1,
            "every link and the start arrow"
        );
    }
}

/// Graphviz itself, when it is installed: every shipped guide renders with
/// no warnings. Without it the test says so and checks nothing more.
#[test]
fn graphviz_renders_every_shipped_guide_without_warnings() {
    if Command::new("dot").arg("-V").output().is_err() {
        eprintln!("skipped: Graphviz `dot` is not installed");
        return;
    }
    let registry = Registry::load(None).expect("the shipped guides");
    for entry in &registry.entries {
        for lang in ["ja", "en"] {
            let r = run(&["graph", &entry.id, "--format", "dot", "--lang", lang]);
            assert_eq!(r.status, 0, "{}", r.stderr);
            let mut dot = Command::new("dot")
                .args([
                    "-Tsvg",
                    "-o",
                    if cfg!(windows) { "NUL" } else { "/dev/null" },
                ])
                .stdin(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("dot starts");
            {
                use std::io::Write as _;
                let mut stdin = dot.stdin.take().expect("dot's stdin");
                stdin
                    .write_all(r.stdout.as_bytes())
                    .expect("dot reads the graph");
            }
            let out = dot.wait_with_output().expect("dot finishes");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                out.status.success() && stderr.is_empty(),
                "{} {lang}: {stderr}",
                entry.id
            );
        }
    }
}

// ---------------------------------------------------------------- search

fn search(query: &[&str], lang: &str) -> Vec<Value> {
    let mut args = vec!["search"];
    args.extend(query);
    args.extend(["--format", "json", "--lang", lang]);
    let r = run(&args);
    assert_eq!(r.status, 0, "{}", r.stderr);
    r.json()["hits"]
        .as_array()
        .expect("an array of hits")
        .clone()
}

fn first(hits: &[Value]) -> &Value {
    hits.first().unwrap_or_else(|| panic!("no hits"))
}

#[test]
fn japanese_searches_find_the_password_reset_in_any_spelling() {
    let queries: [&[&str]; 5] = [
        &["パスワード", "忘れた"],
        &["パスワードをわすれた"],
        &["ﾊﾟｽﾜｰﾄﾞ"],
        &["ぱすわーど"],
        &["ＰＡＳＳＷＯＲＤ"],
    ];
    for query in queries {
        let hits = search(query, "en");
        let top = first(&hits);
        assert_eq!(top["kind"], "fix", "{query:?}: {top}");
        let title = top["title"].as_str().unwrap_or_default().to_lowercase();
        assert!(title.contains("password"), "{query:?}: {top}");
    }
    // The three spellings are one word: the same hits, in the same order.
    let nodes = |q: &[&str]| -> Vec<String> {
        search(q, "ja")
            .iter()
            .map(|h| format!("{}/{}", h["service"], h["node"]))
            .collect()
    };
    assert_eq!(nodes(&["ﾊﾟｽﾜｰﾄﾞ"]), nodes(&["パスワード"]));
    assert_eq!(nodes(&["ぱすわーど"]), nodes(&["パスワード"]));
}

#[test]
fn japanese_searches_find_takeovers_and_missing_mail() {
    let hits = search(&["乗っ取り"], "ja");
    assert!(hits.len() >= 3);
    for hit in &hits[..3] {
        let cause = hit["cause"].as_str().unwrap_or_default();
        assert!(cause.contains("乗っ取り"), "{hit}");
    }
    let top = first(&search(&["メールが届かない"], "ja")).clone();
    assert!(
        top["matched"]
            .as_str()
            .unwrap_or_default()
            .contains("メールが届かない"),
        "{top}"
    );
}

#[test]
fn english_searches_find_fixes_across_guides() {
    let hits = search(&["forgot", "password"], "en");
    let services: Vec<&str> = hits
        .iter()
        .take(4)
        .filter_map(|h| h["service"].as_str())
        .collect();
    let mut distinct = services.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        4,
        "the top four come from four guides: {services:?}"
    );
    for hit in hits.iter().take(4) {
        assert_eq!(hit["kind"], "fix", "{hit}");
        assert!(
            hit["title"]
                .as_str()
                .unwrap_or_default()
                .contains("password"),
            "{hit}"
        );
    }
    let top = first(&search(&["hacked"], "en")).clone();
    assert!(
        top["matched"]
            .as_str()
            .unwrap_or_default()
            .to_lowercase()
            .contains("hacked"),
        "{top}"
    );
    let top = first(&search(&["cookies"], "en")).clone();
    assert!(
        top["title"]
            .as_str()
            .unwrap_or_default()
            .to_lowercase()
            .contains("cookies"),
        "{top}"
    );
    // The display language changes the texts, not the hits.
    let ja = search(&["cookies"], "ja");
    assert_eq!(ja[0]["node"], top["node"]);
    assert!(
        ja[0]["title"]
            .as_str()
            .unwrap_or_default()
            .contains("クッキー")
            || ja[0]["title"]
                .as_str()
                .unwrap_or_default()
                .contains("Cookie")
    );
}

#[test]
fn search_json_hits_are_complete_ranked_and_capped() {
    let hits = search(&["パスワード"], "ja");
    assert!(!hits.is_empty() && hits.len() <= 10, "{}", hits.len());
    let mut last = f64::INFINITY;
    for hit in &hits {
        for key in [
            "service",
            "service_name",
            "node",
            "kind",
            "title",
            "field",
            "matched",
            "command",
        ] {
            assert!(
                hit[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} in {hit}"
            );
        }
        let score = hit["score"].as_f64().expect("a numeric score");
        assert!(score <= last, "best first");
        last = score;
        assert_eq!(
            hit["command"],
            format!(
                "loginhelp {} --start {}",
                hit["service"].as_str().unwrap_or_default(),
                hit["node"].as_str().unwrap_or_default()
            )
        );
    }
}

#[test]
fn every_hit_command_starts_a_walk_at_its_node() {
    for (query, lang) in [
        (&["forgot", "password"][..], "en"),
        (&["乗っ取り"][..], "ja"),
        (&["メールが届かない"][..], "ja"),
        (&["cookies"][..], "en"),
    ] {
        for hit in search(query, lang) {
            let command = hit["command"].as_str().expect("a command");
            let words: Vec<&str> = command.split(' ').collect();
            assert_eq!(words[0], "loginhelp");
            let mut args = words[1..].to_vec();
            args.extend(["--no-input", "--format", "json"]);
            let r = run(&args);
            assert!(r.status == 0 || r.status == 3, "{command}: {}", r.stderr);
            let walk = r.json();
            assert_eq!(walk["trail"][0]["id"], hit["node"], "{command}");
        }
    }
}

#[test]
fn search_text_lists_hits_and_says_when_nothing_matched() {
    let r = run(&["search", "forgot", "password", "--lang", "en"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("10 matches for \"forgot password\":\n"),
        "{}",
        r.stdout
    );
    r.assert_stdout_has("\n  1. ");
    r.assert_stdout_has("→ loginhelp amazon --start ");

    // LANG=C means Japanese.
    let r = run(&["search", "zzqqxx"]);
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("「zzqqxx」に当てはまる原因や対処法は見つかりませんでした。"),
        "{}",
        r.stdout
    );
    r.assert_stdout_has("`loginhelp list`");
    let r = run(&["search", "zzqqxx", "--lang", "en"]);
    assert!(
        r.stdout.starts_with("No cause or fix matches \"zzqqxx\"."),
        "{}",
        r.stdout
    );
    r.assert_stdout_has("`loginhelp list`");
    let r = run(&["search", "zzqqxx", "--format", "json"]);
    assert_eq!(r.json()["hits"], Value::Array(Vec::new()));
    assert_eq!(r.json()["query"], "zzqqxx");
}
