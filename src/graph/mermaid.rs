//! The diagram as a Mermaid flowchart (for Markdown pages): shapes and
//! classes per kind, every label quoted and escaped.

use super::{fill, stroke, Diagram};
use crate::i18n::{words, Lang};
use crate::tree::{NodeKind, Service};

/// A Mermaid flowchart of the guide.
pub fn mermaid(service: &Service, lang: Lang) -> String {
    render_mermaid(&super::diagram(service, lang), lang)
}

/// Mermaid's opening and closing brackets for each kind.
pub(super) fn mermaid_shape(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Question => ("{", "}"),
        NodeKind::Fix => ("[", "]"),
        NodeKind::Escalation => ("{{", "}}"),
        NodeKind::Resolved => ("([", "])"),
        NodeKind::End => ("[[", "]]"),
    }
}

/// Mermaid class name per kind. Not the kind's id: `end` is a keyword.
pub(super) fn mermaid_class(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Question => "lhQuestion",
        NodeKind::Fix => "lhFix",
        NodeKind::Escalation => "lhEscalation",
        NodeKind::Resolved => "lhResolved",
        NodeKind::End => "lhEnd",
    }
}

/// A label as a Mermaid string: quoted, with everything Mermaid could read
/// as syntax, an entity or HTML written as an entity code, lines joined
/// with `<br>`.
fn mermaid_label(lines: &[String]) -> String {
    let mut out = String::from("\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        for c in line.chars() {
            match c {
                '"' => out.push_str("#quot;"),
                '#' => out.push_str("#35;"),
                '&' => out.push_str("#amp;"),
                '<' => out.push_str("#lt;"),
                '>' => out.push_str("#gt;"),
                '%' => out.push_str("#37;"),
                '|' => out.push_str("#124;"),
                '`' => out.push_str("#96;"),
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        }
    }
    out.push('"');
    out
}

fn render_mermaid(d: &Diagram, lang: Lang) -> String {
    let mut out = String::new();
    out.push_str(&format!("%% loginhelp: {}\n", d.title));
    let legend: Vec<String> = NodeKind::ALL
        .iter()
        .map(|&k| {
            let (open, close) = mermaid_shape(k);
            format!("{open}{}{close}", words(lang).kind_name(k))
        })
        .collect();
    out.push_str(&format!(
        "%% {}: {}, (({}))\n",
        words(lang).legend,
        legend.join(" "),
        words(lang).start
    ));
    out.push_str("flowchart TD\n");
    out.push_str(&format!(
        "    entry(({}))\n",
        mermaid_label(&[words(lang).start.to_owned()])
    ));
    for (i, node) in d.nodes.iter().enumerate() {
        let (open, close) = mermaid_shape(node.kind);
        out.push_str(&format!(
            "    n{i}{open}{}{close}\n",
            mermaid_label(&node.lines)
        ));
    }
    out.push_str(&format!("    entry --> n{}\n", d.start));
    for e in &d.edges {
        let arrow = if e.continues { "-.->" } else { "-->" };
        if e.lines.iter().all(|l| l.is_empty()) {
            out.push_str(&format!("    n{} {arrow} n{}\n", e.from, e.to));
        } else {
            out.push_str(&format!(
                "    n{} {arrow}|{}| n{}\n",
                e.from,
                mermaid_label(&e.lines),
                e.to
            ));
        }
    }
    for kind in NodeKind::ALL {
        out.push_str(&format!(
            "    classDef {} fill:{},stroke:{},color:#111827\n",
            mermaid_class(kind),
            fill(kind),
            stroke(kind)
        ));
    }
    out.push_str("    classDef lhStart fill:#374151,stroke:#111827,color:#ffffff\n");
    for kind in NodeKind::ALL {
        let ids: Vec<String> = d
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == kind)
            .map(|(i, _)| format!("n{i}"))
            .collect();
        if !ids.is_empty() {
            out.push_str(&format!(
                "    class {} {}\n",
                ids.join(","),
                mermaid_class(kind)
            ));
        }
    }
    out.push_str("    class entry lhStart\n");
    out.push_str(&format!("    style n{} stroke-width:3px\n", d.start));
    out
}
