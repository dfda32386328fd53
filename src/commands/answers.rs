//! `loginhelp answers SERVICE`: an answers-file template to fill in.

use crate::i18n::Lang;
use crate::tree::Service;

/// An answer-file template: every question with its options as comments.
pub fn answers_template(service: &Service, lang: Lang) -> String {
    let mut out = String::new();
    let (head, note) = match lang {
        Lang::Ja => (
            format!("# {} の回答ファイル", service.name.get(lang)),
            "# 使い方: 行頭の # を外して回答を選び、`loginhelp {id} --answers このファイル` で実行します。\n# 答えていない質問で止まります。",
        ),
        Lang::En => (
            format!("# Answer file for {}", service.name.get(lang)),
            "# Uncomment one answer per question, then run `loginhelp {id} --answers THIS_FILE`.\n# The walk stops at the first question left unanswered.",
        ),
    };
    out.push_str(&head);
    out.push('\n');
    out.push_str(&note.replace("{id}", &service.id));
    out.push_str(&format!("\n\nservice = \"{}\"\n\n[answers]\n", service.id));
    for (i, node) in service.nodes.iter().enumerate() {
        if !node.asks() {
            continue;
        }
        let q = crate::engine::question_text(service, i);
        let heading = match &node.body {
            crate::tree::Body::Question { .. } => q.get(lang).to_owned(),
            _ => format!("{} — {}", node.heading().get(lang), q.get(lang)),
        };
        out.push_str(&format!("\n# {}\n", heading.replace('\n', " ")));
        for o in crate::engine::offers(service, i) {
            out.push_str(&format!("#   {:<16} {}\n", o.id, o.label.get(lang)));
        }
        out.push_str(&format!("# {} = \"\"\n", node.id));
    }
    out
}
