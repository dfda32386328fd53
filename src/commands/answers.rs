//! `loginhelp answers SERVICE`: an answers-file template to fill in.

use crate::i18n::Lang;
use crate::tree::Service;

/// An answer-file template: every question with its options as comments.
pub fn answers_template(service: &Service, lang: Lang) -> String {
    let mut out = String::new();
    let w = crate::i18n::words(lang);
    let (head, note) = ((w.answers_title)(service.name.get(lang)), w.answers_usage);
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
