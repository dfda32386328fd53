//! `--transcript FILE`: the walk as Markdown for a help-desk ticket: every
//! question with the answer given, every fix with the steps shown, every
//! contact, the outcome and the command that replays the walk. Guide text
//! is escaped as `markdown` escapes it, so it stays text. It holds nothing
//! the user typed, and so no password or code.

use std::fmt::Write as _;

use crate::engine::{Status, Walk};
use crate::i18n::resume::resume_words;
use crate::i18n::{words, Lang};
use crate::output::markdown::{contacts, md, steps};
use crate::output::view::walk_view;
use crate::tree::NodeKind;

/// The transcript of a walk so far.
pub fn transcript(walk: &Walk, lang: Lang, today: &str) -> String {
    let w = words(lang);
    let r = resume_words(lang);
    let view = walk_view(walk, lang, today);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# loginhelp: {} — {}\n",
        md(&view.service_name),
        r.transcript
    );
    let status = match view.status {
        Status::Resolved => w.status_resolved,
        Status::Escalated => w.status_escalated,
        Status::Ended => w.status_ended,
        Status::NeedsAnswer => w.next_question,
    };
    let _ = writeln!(out, "- {}: {today}", r.date);
    let _ = writeln!(out, "- {}: {status}\n", r.status);
    for (n, node) in view.trail.iter().enumerate() {
        let heading = match node.kind {
            NodeKind::Question => node.question.clone().unwrap_or_default(),
            NodeKind::Fix => format!("{}: {}", r.fix, node.title.as_deref().unwrap_or("")),
            NodeKind::Escalation => {
                format!("{}: {}", r.contact, node.title.as_deref().unwrap_or(""))
            }
            _ => format!("{}: {}", r.outcome, node.title.as_deref().unwrap_or("")),
        };
        let _ = writeln!(out, "## {}. {}\n", n + 1, md(&heading));
        if let Some(text) = &node.text {
            let _ = writeln!(out, "{}\n", md(text));
        }
        if let Some(warning) = &node.warning {
            let _ = writeln!(out, "**{}:** {}\n", w.warning, md(warning));
        }
        steps(&mut out, node, w);
        contacts(&mut out, node, w);
        if !node.prepare.is_empty() {
            let _ = writeln!(out, "**{}**\n", md(w.prepare));
            for item in &node.prepare {
                let _ = writeln!(out, "- {}", md(item));
            }
            out.push('\n');
        }
        match (&node.answer, node.kind) {
            (Some(answer), NodeKind::Question) => {
                let _ = writeln!(
                    out,
                    "{}: **{}** (`{}={}`)\n",
                    r.answer,
                    md(&answer.label),
                    node.id,
                    answer.id
                );
            }
            (Some(answer), _) => {
                let _ = writeln!(
                    out,
                    "{} {}: **{}** (`{}={}`)\n",
                    md(node.question.as_deref().unwrap_or("")),
                    r.answer,
                    md(&answer.label),
                    node.id,
                    answer.id
                );
            }
            _ => {}
        }
    }
    let _ = writeln!(out, "## {}\n", r.replay);
    match crate::replay::replay(walk) {
        Some(replay) => {
            let _ = writeln!(out, "```sh\n{}\n```", replay.command);
        }
        None => {
            let _ = writeln!(out, "{}", r.no_replay);
        }
    }
    out
}
