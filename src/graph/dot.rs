//! The diagram in Graphviz dot (for images): shapes and colours per kind,
//! every label a quoted dot string.

use super::{fill, stroke, Diagram};
use crate::i18n::{words, Lang};
use crate::tree::{NodeKind, Service};

/// A Graphviz dot digraph of the guide, with a legend.
pub fn dot(service: &Service, lang: Lang) -> String {
    render_dot(&super::diagram(service, lang), lang)
}

/// Graphviz attributes that give each kind its shape.
pub(super) fn dot_shape(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Question => "shape=diamond, style=\"filled\"",
        NodeKind::Fix => "shape=box, style=\"filled\"",
        NodeKind::Escalation => "shape=hexagon, style=\"filled\"",
        NodeKind::Resolved => "shape=box, style=\"rounded,filled\"",
        NodeKind::End => "shape=box, style=\"filled\", peripheries=2",
    }
}

/// A dot double-quoted string: `\` and `"` escaped, lines joined with the
/// `\n` escape (centred line break).
fn dot_string(lines: &[String]) -> String {
    let mut out = String::from("\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        for c in line.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '"' => out.push_str("\\\""),
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        }
    }
    out.push('"');
    out
}

fn dot_node_attrs(kind: NodeKind) -> String {
    format!(
        "{}, fillcolor=\"{}\", color=\"{}\"",
        dot_shape(kind),
        fill(kind),
        stroke(kind)
    )
}

fn render_dot(d: &Diagram, lang: Lang) -> String {
    let font = "Helvetica,Arial,sans-serif";
    let mut out = String::new();
    out.push_str(&format!(
        "// loginhelp: {}\n// render: dot -Tpng -o graph.png\n",
        d.title
    ));
    out.push_str("digraph loginhelp {\n");
    out.push_str(&format!(
        "    graph [label={}, labelloc=t, fontsize=18, fontname=\"{font}\", rankdir=TB, nodesep=0.3, ranksep=0.45];\n",
        dot_string(std::slice::from_ref(&d.title))
    ));
    out.push_str(&format!(
        "    node [fontname=\"{font}\", fontsize=11, margin=\"0.12,0.06\"];\n"
    ));
    out.push_str(&format!(
        "    edge [fontname=\"{font}\", fontsize=9, color=\"#4b5563\"];\n"
    ));
    out.push_str(&format!(
        "    entry [label={}, shape=circle, style=\"filled\", fillcolor=\"#374151\", color=\"#111827\", fontcolor=\"white\", fontsize=10];\n",
        dot_string(&[words(lang).start.to_owned()])
    ));
    for (i, node) in d.nodes.iter().enumerate() {
        let start = if i == d.start { ", penwidth=3" } else { "" };
        out.push_str(&format!(
            "    n{i} [label={}, {}, tooltip={}{start}];\n",
            dot_string(&node.lines),
            dot_node_attrs(node.kind),
            dot_string(std::slice::from_ref(&node.id)),
        ));
    }
    out.push_str(&format!("    entry -> n{};\n", d.start));
    for e in &d.edges {
        let mut attrs = Vec::new();
        if e.lines.iter().any(|l| !l.is_empty()) {
            attrs.push(format!("label={}", dot_string(&e.lines)));
        }
        if e.continues {
            attrs.push("style=dashed".to_owned());
        }
        if attrs.is_empty() {
            out.push_str(&format!("    n{} -> n{};\n", e.from, e.to));
        } else {
            out.push_str(&format!(
                "    n{} -> n{} [{}];\n",
                e.from,
                e.to,
                attrs.join(", ")
            ));
        }
    }
    // The legend: one sample node per kind, side by side in a box.
    out.push_str("    subgraph cluster_legend {\n");
    out.push_str(&format!(
        "        label={}; fontsize=11; style=\"dashed\"; color=\"#9ca3af\";\n",
        dot_string(&[words(lang).legend.to_owned()])
    ));
    for kind in NodeKind::ALL {
        out.push_str(&format!(
            "        legend_{} [label={}, {}, fontsize=9];\n",
            kind.id(),
            dot_string(&[words(lang).kind_name(kind).to_owned()]),
            dot_node_attrs(kind)
        ));
    }
    let legend_ids: Vec<String> = NodeKind::ALL
        .iter()
        .map(|k| format!("legend_{}", k.id()))
        .collect();
    out.push_str(&format!(
        "        subgraph legend_row {{ rank=same; {}; }}\n",
        legend_ids.join("; ")
    ));
    out.push_str(&format!(
        "        {} [style=invis];\n",
        legend_ids.join(" -> ")
    ));
    out.push_str("    }\n");
    out.push_str("}\n");
    out
}
