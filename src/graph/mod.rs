//! `loginhelp graph`: a guide's decision tree as a diagram, in Mermaid (for
//! Markdown pages) or Graphviz dot (for images). Both come from one
//! [`Diagram`]: the nodes with their kind and a shortened heading, and the
//! edges with their option labels. Node ids in the output are generated
//! (`n0`, `n1`, …) rather than the tree's ids, which may collide with a
//! format's keywords (`end` in Mermaid) or contain hyphens; every label is
//! escaped for its format and never holds a raw newline.

use crate::engine::offers;
use crate::i18n::Lang;
use crate::text::wrap::wrap_at_phrases;
use crate::text::{one_line, truncate_to_width, width};
use crate::tree::{AfterFix, Body, NodeKind, Service};

pub mod dot;
pub mod mermaid;

/// Columns per line of a node label, and lines at most.
const NODE_COLUMNS: usize = 30;
const NODE_LINES: usize = 3;
/// Columns per line of an edge label, and lines at most.
const EDGE_COLUMNS: usize = 24;
const EDGE_LINES: usize = 2;

/// The tree as drawn, independent of the output format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    /// Heading for the whole diagram: the service's name and the command
    /// that runs its guide.
    pub title: String,
    /// One per tree node, in file order; `nodes[i]` is drawn as `n{i}`.
    pub nodes: Vec<DiagramNode>,
    pub edges: Vec<DiagramEdge>,
    /// Index of the node the walk starts at.
    pub start: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramNode {
    /// The tree's own id (`reset-password`), kept for comments and tooltips.
    pub id: String,
    pub kind: NodeKind,
    /// The heading, wrapped and shortened; at least one line.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramEdge {
    pub from: usize,
    pub to: usize,
    /// The option label, wrapped and shortened; empty for no label.
    pub lines: Vec<String>,
    /// The walk goes on without asking (a fix with `next`).
    pub continues: bool,
}

/// Build the diagram of `service` in `lang`.
pub fn diagram(service: &Service, lang: Lang) -> Diagram {
    let nodes = service
        .nodes
        .iter()
        .map(|node| DiagramNode {
            id: node.id.to_string(),
            kind: node.kind(),
            lines: shorten(node.heading().get(lang), NODE_COLUMNS, NODE_LINES),
        })
        .collect();
    let mut edges = Vec::new();
    for (from, node) in service.nodes.iter().enumerate() {
        match &node.body {
            Body::Fix {
                after: AfterFix::Continue(next),
                ..
            } => edges.push(DiagramEdge {
                from,
                to: *next,
                lines: vec![crate::i18n::words(lang).then.to_owned()],
                continues: true,
            }),
            _ => {
                // Questions and asking fixes: one edge per answer, labelled
                // as the walk offers it (a fix's yes / no included).
                let labels = offers(service, from);
                for (offer, to) in labels.iter().zip(node.targets()) {
                    edges.push(DiagramEdge {
                        from,
                        to,
                        lines: shorten(offer.label.get(lang), EDGE_COLUMNS, EDGE_LINES),
                        continues: false,
                    });
                }
            }
        }
    }
    Diagram {
        title: format!(
            "{} — loginhelp {}",
            one_line(service.name.get(lang)).trim().to_owned(),
            service.id
        ),
        nodes,
        edges,
        start: service.start,
    }
}

/// Wrap `text` into at most `max_lines` lines of at most `columns` columns,
/// balanced so that a label does not end with one stray word; the last line
/// ends in `…` when something was cut.
fn shorten(text: &str, columns: usize, max_lines: usize) -> Vec<String> {
    let text = one_line(text).trim().to_owned();
    let (mut lines, cut) = wrap_at_phrases(&text, columns);
    if lines.len() > 1 && lines.len() <= max_lines {
        // The narrowest width that needs no more lines and cuts no more
        // words than the full width does.
        let narrowest = width(&text).div_ceil(lines.len());
        if let Some((balanced, _)) = (narrowest..columns)
            .map(|at| wrap_at_phrases(&text, at))
            .find(|(l, c)| l.len() <= lines.len() && (cut || !c))
        {
            lines = balanced;
        }
    }
    if lines.len() > max_lines {
        // The last line kept is the rest of the text, cut to fit.
        lines.truncate(max_lines - 1);
        let mut used = 0;
        for line in &lines {
            used = text[used..]
                .find(line.as_str())
                .map_or(used, |at| used + at + line.len());
        }
        lines.push(truncate_to_width(text[used..].trim(), columns));
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Fill colour per kind, shared by both formats.
pub(super) fn fill(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Question => "#dbeafe",
        NodeKind::Fix => "#fef3c7",
        NodeKind::Escalation => "#fee2e2",
        NodeKind::Resolved => "#dcfce7",
        NodeKind::End => "#e5e7eb",
    }
}

/// Border colour per kind, a darker shade of the fill.
pub(super) fn stroke(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Question => "#2563eb",
        NodeKind::Fix => "#b45309",
        NodeKind::Escalation => "#b91c1c",
        NodeKind::Resolved => "#15803d",
        NodeKind::End => "#4b5563",
    }
}

#[cfg(test)]
mod tests {
    use super::dot::{dot, dot_shape};
    use super::mermaid::{mermaid, mermaid_class, mermaid_shape};
    use super::*;
    use crate::tree::check_source;

    /// Every kind, a node whose id is Mermaid's keyword `end`, and labels
    /// full of characters both formats treat specially.
    const TREE: &str = r#"
format = 1
id = "t"
reviewed = "2026-11-22"
start = "q"
name = { ja = "テスト", en = "Test \"quoted\"" }
summary = { ja = "テスト", en = "Test" }
[[source]]
title = "t"
ref = "t.txt"

[[node]]
id = "q"
kind = "question"
text = { ja = "どの画面で止まりましたか?", en = "Where \"exactly\" did it stop? C:\\path #1 <b>&amp; 50% |x| `y`" }
[[node.option]]
id = "a"
label = { ja = "「ログイン」ボタンの後", en = "After \"Sign in\"" }
next = "protect"
[[node.option]]
id = "b"
label = { ja = "分からない", en = "Not sure" }
next = "fix"
[[node.option]]
id = "c"
label = { ja = "もうやめる", en = "Give up" }
next = "end"

[[node]]
id = "protect"
kind = "fix"
title = { ja = "まず守る", en = "Protect first" }
next = "fix"
[[node.step]]
text = { ja = "守る", en = "Protect" }

[[node]]
id = "fix"
kind = "fix"
title = { ja = "パスワードアシスタントでパスワードを再設定する", en = "Reset your password with the Password Assistant, then sign in again and check every setting" }
solved = "done"
unsolved = "help"
[[node.step]]
text = { ja = "再設定", en = "Reset" }

[[node]]
id = "help"
kind = "escalation"
title = { ja = "サポート", en = "Support" }
[[node.contact]]
channel = "phone"
label = { ja = "窓口", en = "Desk" }
phone = "0120-000-000"

[[node]]
id = "done"
kind = "resolved"
title = { ja = "解決", en = "Solved" }

[[node]]
id = "end"
kind = "end"
title = { ja = "終わり", en = "The end" }
"#;

    fn service() -> Service {
        let checked = check_source(TREE);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        checked.service.expect("the test tree loads")
    }

    fn shipped() -> Vec<Service> {
        let registry = crate::registry::Registry::load(None).expect("shipped guides");
        registry
            .entries
            .iter()
            .map(|e| e.load().expect("a shipped guide loads"))
            .collect()
    }

    /// (from, to) of every link in the tree, in the diagram's numbering.
    fn tree_edges(service: &Service) -> Vec<(usize, usize)> {
        let mut edges: Vec<(usize, usize)> = (0..service.nodes.len())
            .flat_map(|i| service.node(i).targets().into_iter().map(move |t| (i, t)))
            .collect();
        edges.sort_unstable();
        edges
    }

    #[test]
    fn diagram_has_every_node_and_link() {
        for service in std::iter::once(service()).chain(shipped()) {
            for lang in [Lang::Ja, Lang::En] {
                let d = diagram(&service, lang);
                assert_eq!(d.nodes.len(), service.nodes.len());
                assert_eq!(d.start, service.start);
                for (drawn, node) in d.nodes.iter().zip(service.nodes.iter()) {
                    assert_eq!(drawn.id, node.id);
                    assert_eq!(drawn.kind, node.kind());
                    assert!(drawn.lines.len() <= NODE_LINES, "{:?}", drawn.lines);
                    assert!(
                        drawn.lines.iter().all(|l| width(l) <= NODE_COLUMNS),
                        "{:?}",
                        drawn.lines
                    );
                }
                let mut edges: Vec<(usize, usize)> =
                    d.edges.iter().map(|e| (e.from, e.to)).collect();
                edges.sort_unstable();
                assert_eq!(edges, tree_edges(&service), "{}", service.id);
            }
        }
    }

    #[test]
    fn edges_carry_option_labels_yes_no_and_then() {
        let s = service();
        let d = diagram(&s, Lang::En);
        let label = |from: &str, to: &str| -> Vec<String> {
            let (f, t) = (s.find(from).unwrap(), s.find(to).unwrap());
            d.edges
                .iter()
                .find(|e| e.from == f && e.to == t)
                .map(|e| e.lines.clone())
                .unwrap_or_default()
        };
        assert_eq!(label("q", "protect").join(" "), "After \"Sign in\"");
        assert_eq!(label("fix", "done").join(" "), "Yes, it worked");
        assert_eq!(label("fix", "help").join(" "), "No, I still can't sign in");
        assert_eq!(label("protect", "fix"), ["then"]);
        let ja = diagram(&s, Lang::Ja);
        assert!(ja
            .edges
            .iter()
            .any(|e| e.lines.concat() == "はい、解決しました"));
    }

    #[test]
    fn labels_wrap_where_a_reader_would_and_are_cut_with_an_ellipsis() {
        assert_eq!(
            shorten("パスワードアシスタントでパスワードを再設定する", 30, 3),
            ["パスワードアシスタントで", "パスワードを再設定する"]
        );
        assert_eq!(
            shorten("いいえ、まだログインできません", 24, 2),
            ["いいえ、まだ", "ログインできません"]
        );
        assert_eq!(
            shorten("No, I still can't sign in", 24, 2),
            ["No, I still", "can't sign in"]
        );
        assert_eq!(shorten("Short", 24, 2), ["Short"]);
        let cut = shorten(&"word ".repeat(40), 20, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'), "{cut:?}");
        assert!(cut.iter().all(|l| width(l) <= 20), "{cut:?}");
        let cut = shorten(&"あ".repeat(100), 10, 3);
        assert_eq!(cut, ["あああああ", "あああああ", "ああああ…"]);
        assert_eq!(shorten("two\nlines", 24, 2), ["two lines"]);
        let cut = shorten(&"あいうえお".repeat(3), 6, 2);
        assert_eq!(cut, ["あいう", "えお…"]);
    }

    #[test]
    fn kinds_are_drawn_distinguishably() {
        let distinct = |values: Vec<String>| {
            let mut unique = values.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), values.len(), "{values:?}");
        };
        distinct(
            NodeKind::ALL
                .iter()
                .map(|&k| format!("{:?}", mermaid_shape(k)))
                .collect(),
        );
        distinct(
            NodeKind::ALL
                .iter()
                .map(|&k| dot_shape(k).to_owned())
                .collect(),
        );
        distinct(NodeKind::ALL.iter().map(|&k| fill(k).to_owned()).collect());
        distinct(
            NodeKind::ALL
                .iter()
                .map(|&k| mermaid_class(k).to_owned())
                .collect(),
        );
        assert_eq!(mermaid_shape(NodeKind::Question), ("{", "}"));
        assert!(dot_shape(NodeKind::Question).starts_with("shape=diamond"));
    }

    // ------------------------------------------------------------ Mermaid

    /// A Mermaid string's content, checked to hold nothing Mermaid reads
    /// as syntax; `None` when `s` is not one quoted string.
    fn mermaid_string(s: &str) -> Option<String> {
        let inner = s.strip_prefix('"')?.strip_suffix('"')?;
        if inner
            .replace("<br>", "")
            .contains(['"', '\n', '<', '>', '`', '|', '%'])
        {
            return None;
        }
        // `#` only starts an entity code: `#quot;`, `#35;`, …
        for (i, _) in inner.match_indices('#') {
            let rest = &inner[i + 1..];
            let end = rest.find(';')?;
            if end == 0 || !rest[..end].chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
        }
        Some(
            inner
                .replace("<br>", "\n")
                .replace("#quot;", "\"")
                .replace("#35;", "#")
                .replace("#amp;", "&")
                .replace("#lt;", "<")
                .replace("#gt;", ">")
                .replace("#37;", "%")
                .replace("#124;", "|")
                .replace("#96;", "`"),
        )
    }

    /// Node declarations (id → (open bracket, label)) and edges
    /// (from, to, label) of a Mermaid flowchart as `render_mermaid` writes it.
    type MermaidNodes = Vec<(String, String, String)>;
    type MermaidEdges = Vec<(String, String, String)>;

    fn parse_mermaid(text: &str) -> (MermaidNodes, MermaidEdges) {
        let mut lines = text.lines();
        let mut header = true;
        let mut nodes = Vec::new();
        let mut edges = Vec::new();
        for line in lines.by_ref() {
            if header && line.starts_with("%% ") {
                continue;
            }
            if header {
                assert_eq!(line, "flowchart TD");
                header = false;
                continue;
            }
            let stmt = line.strip_prefix("    ").expect("statements are indented");
            let first = stmt.split([' ', '(', '[', '{']).next().unwrap_or_default();
            assert!(
                first.chars().all(|c| c.is_ascii_alphanumeric()),
                "id `{first}` in {line}"
            );
            assert_ne!(first.to_ascii_lowercase(), "end", "{line}");
            if ["classDef", "class", "style"].contains(&first) {
                let name = stmt.split(' ').nth(if first == "style" { 1 } else { 2 });
                assert!(
                    name.is_some_and(|n| !n.eq_ignore_ascii_case("end")),
                    "{line}"
                );
                continue;
            }
            if let Some((from, rest)) = stmt.split_once(" -->").or_else(|| stmt.split_once(" -.->"))
            {
                let (label, to) = match rest.strip_prefix('|') {
                    Some(r) => {
                        let (label, to) = r.rsplit_once("| ").expect("closing |");
                        (
                            mermaid_string(label).unwrap_or_else(|| panic!("label in {line}")),
                            to,
                        )
                    }
                    None => (String::new(), rest.strip_prefix(' ').expect("a space")),
                };
                edges.push((from.to_owned(), to.to_owned(), label));
                continue;
            }
            let open: String = stmt[first.len()..]
                .chars()
                .take_while(|c| "([{".contains(*c))
                .collect();
            let close: String = open
                .chars()
                .rev()
                .map(|c| match c {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                })
                .collect();
            let label = stmt[first.len() + open.len()..]
                .strip_suffix(close.as_str())
                .and_then(mermaid_string)
                .unwrap_or_else(|| panic!("node statement {line}"));
            nodes.push((first.to_owned(), open, label));
        }
        (nodes, edges)
    }

    #[test]
    fn mermaid_draws_every_node_and_edge_with_safe_ids_and_labels() {
        for service in std::iter::once(service()).chain(shipped()) {
            for lang in [Lang::Ja, Lang::En] {
                let d = diagram(&service, lang);
                let text = mermaid(&service, lang);
                assert!(text.starts_with(&format!("%% loginhelp: {}", d.title)));
                let (nodes, edges) = parse_mermaid(&text);
                assert_eq!(nodes.len(), service.nodes.len() + 1, "and the start marker");
                for (i, node) in d.nodes.iter().enumerate() {
                    let id = format!("n{i}");
                    let (_, open, label) = nodes.iter().find(|n| n.0 == id).expect("declared");
                    assert_eq!(*open, mermaid_shape(node.kind).0, "{id}");
                    assert_eq!(*label, node.lines.join("\n"));
                    let class = format!("    class {}", id);
                    assert!(
                        text.lines().any(|l| {
                            l.starts_with("    class ")
                                && l.ends_with(mermaid_class(node.kind))
                                && l.split([' ', ',']).any(|w| w == id)
                        }),
                        "{class} has no class"
                    );
                }
                let mut drawn: Vec<(String, String, String)> = d
                    .edges
                    .iter()
                    .map(|e| {
                        (
                            format!("n{}", e.from),
                            format!("n{}", e.to),
                            e.lines.join("\n"),
                        )
                    })
                    .collect();
                drawn.push(("entry".into(), format!("n{}", d.start), String::new()));
                let (mut a, mut b) = (drawn, edges);
                a.sort();
                b.sort();
                assert_eq!(a, b);
            }
        }
    }

    #[test]
    fn mermaid_escapes_quotes_and_markup() {
        let text = mermaid(&service(), Lang::En);
        assert!(
            text.contains("n0{\"Where #quot;exactly#quot; did"),
            "{text}"
        );
        for escaped in [
            "#35;1",
            "#lt;b#gt;#amp;amp;",
            "50#37;",
            "#124;x#124;",
            "#96;y#96;",
        ] {
            assert!(text.contains(escaped), "{escaped} in {text}");
        }
        assert!(
            text.contains("-->|\"After #quot;Sign in#quot;\"|"),
            "{text}"
        );
        assert!(text.contains("n5[[\"The end\"]]"), "{text}");
        assert!(text.contains("-.->|\"then\"|"), "{text}");
        assert!(text.contains("entry --> n0\n"));
        assert!(text.contains("style n0 stroke-width:3px"));
        assert!(
            !text.contains("classDef end") && !text.contains(" end\n"),
            "{text}"
        );
    }

    // ------------------------------------------------------------ dot

    fn unquote_dot(id: &graphviz_rust::dot_structures::Id) -> String {
        use graphviz_rust::dot_structures::Id;
        match id {
            Id::Escaped(s) => {
                let inner = &s[1..s.len() - 1];
                let mut out = String::new();
                let mut chars = inner.chars();
                while let Some(c) = chars.next() {
                    if c == '\\' {
                        match chars.next() {
                            Some('n') => out.push('\n'),
                            Some(other) => out.push(other),
                            None => panic!("dangling backslash in {s}"),
                        }
                    } else {
                        out.push(c);
                    }
                }
                out
            }
            Id::Plain(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
        }
    }

    type Attrs = std::collections::HashMap<String, String>;
    type DotNodes = Vec<(String, Attrs)>;
    type DotEdges = Vec<(String, String, Attrs)>;

    /// Nodes (id → attributes) and edges (from, to, attributes) of a dot
    /// graph, read by a real DOT parser, subgraphs included.
    fn parse_dot(text: &str) -> (DotNodes, DotEdges) {
        use graphviz_rust::dot_structures::{EdgeTy, Graph, Stmt, Vertex};
        let graph = graphviz_rust::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let Graph::DiGraph { stmts, .. } = graph else {
            panic!("not a digraph");
        };
        let attrs = |list: &[graphviz_rust::dot_structures::Attribute]| -> Attrs {
            list.iter()
                .map(|a| (unquote_dot(&a.0), unquote_dot(&a.1)))
                .collect()
        };
        let mut nodes = Vec::new();
        let mut edges = Vec::new();
        let mut queue: Vec<Stmt> = stmts;
        while let Some(stmt) = queue.pop() {
            match stmt {
                Stmt::Node(n) => nodes.push((unquote_dot(&n.id.0), attrs(&n.attributes))),
                Stmt::Edge(e) => {
                    let vertices = match e.ty {
                        EdgeTy::Pair(a, b) => vec![a, b],
                        EdgeTy::Chain(v) => v,
                    };
                    let ids: Vec<String> = vertices
                        .iter()
                        .map(|v| match v {
                            Vertex::N(id) => unquote_dot(&id.0),
                            Vertex::S(_) => panic!("edge to a subgraph"),
                        })
                        .collect();
                    for pair in ids.windows(2) {
                        edges.push((pair[0].clone(), pair[1].clone(), attrs(&e.attributes)));
                    }
                }
                Stmt::Subgraph(s) => queue.extend(s.stmts),
                Stmt::Attribute(_) | Stmt::GAttribute(_) => {}
            }
        }
        (nodes, edges)
    }

    #[test]
    fn dot_parses_and_draws_every_node_and_edge() {
        for service in std::iter::once(service()).chain(shipped()) {
            for lang in [Lang::Ja, Lang::En] {
                let d = diagram(&service, lang);
                let text = dot(&service, lang);
                assert!(text.starts_with(&format!("// loginhelp: {}\n", d.title)));
                let (nodes, edges) = parse_dot(&text);
                for (i, node) in d.nodes.iter().enumerate() {
                    let id = format!("n{i}");
                    let found: Vec<&Attrs> =
                        nodes.iter().filter(|n| n.0 == id).map(|n| &n.1).collect();
                    assert_eq!(found.len(), 1, "{id} declared once");
                    let a = found[0];
                    assert_eq!(a["label"], node.lines.join("\n"));
                    assert_eq!(a["tooltip"], node.id);
                    assert_eq!(a["fillcolor"], fill(node.kind));
                    let shape = dot_shape(node.kind);
                    assert!(
                        shape.contains(&format!("shape={}", a["shape"])),
                        "{id}: {a:?}"
                    );
                    assert_eq!(a.get("penwidth").is_some(), i == d.start, "{id}");
                }
                // Every kind in the legend, whether the tree uses it or not.
                for kind in NodeKind::ALL {
                    let id = format!("legend_{}", kind.id());
                    assert!(nodes.iter().any(|n| n.0 == id), "{id}");
                }
                let mut want: Vec<(String, String, String)> = d
                    .edges
                    .iter()
                    .map(|e| {
                        (
                            format!("n{}", e.from),
                            format!("n{}", e.to),
                            e.lines.join("\n"),
                        )
                    })
                    .collect();
                want.push(("entry".into(), format!("n{}", d.start), String::new()));
                let mut got: Vec<(String, String, String)> = edges
                    .iter()
                    .filter(|e| !e.0.starts_with("legend_"))
                    .map(|e| {
                        let label = e.2.get("label").cloned().unwrap_or_default();
                        (e.0.clone(), e.1.clone(), label)
                    })
                    .collect();
                want.sort();
                got.sort();
                assert_eq!(got, want, "{}", service.id);
            }
        }
    }

    #[test]
    fn dot_escapes_backslashes_and_quotes() {
        let s = service();
        let text = dot(&s, Lang::En);
        assert!(text.contains(r#"label="Where \"exactly\" did"#), "{text}");
        assert!(text.contains(r"C:\\path"), "{text}");
        assert!(
            text.contains(r#"label="Test \"quoted\" — loginhelp t""#),
            "{text}"
        );
        let (nodes, _) = parse_dot(&text);
        let q = &nodes.iter().find(|n| n.0 == "n0").expect("n0").1;
        assert!(
            q["label"]
                .replace('\n', " ")
                .starts_with(r#"Where "exactly" did it stop? C:\path"#),
            "{q:?}"
        );
        assert_eq!(q["shape"], "diamond");
        let dashed = text
            .lines()
            .find(|l| l.contains("n1 -> n2"))
            .expect("the fix that continues");
        assert!(dashed.contains("style=dashed"), "{dashed}");
    }
}
