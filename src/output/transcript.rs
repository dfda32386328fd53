//! `--transcript FILE`: the walk as Markdown for a help-desk ticket: every
//! question with the answer given, every fix with the steps shown, every
//! contact, the outcome and the command that replays the walk. Guide text
//! is escaped as `markdown` escapes it, so it stays text. It holds nothing
//! the user typed, and so no password or code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::engine::{Status, Walk};
use crate::i18n::resume::resume_words;
use crate::i18n::{words, Lang};
use crate::output::markdown::{contacts, md, steps};
use crate::output::text::Painter;
use crate::output::view::walk_view;
use crate::tree::NodeKind;
use crate::walk::prompt::{Picked, Prompter};

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
    match crate::walk::resume::replay(walk) {
        Some(replay) => {
            let _ = writeln!(out, "```sh\n{}\n```", replay.command);
        }
        None => {
            let _ = writeln!(out, "{}", r.no_replay);
        }
    }
    out
}

/// Write the transcript in the wizard. An existing file is replaced only
/// when the user says so; otherwise they name another, or skip.
pub fn save_in_wizard<P: Prompter>(
    p: &mut P,
    path: &Path,
    contents: &str,
    lang: Lang,
    painter: &Painter,
) -> Result<Option<PathBuf>> {
    let w = words(lang);
    let mut target = path.to_owned();
    loop {
        let overwrite = if target.exists() {
            let shown = crate::text::neutralize(&target.display().to_string());
            let question = (w.replace_file)(&shown);
            match p.select(&question, &[w.no.to_owned(), w.yes.to_owned()])? {
                Picked::Item(1) => true,
                Picked::Item(_) => {
                    let r = resume_words(lang);
                    match p.input(r.transcript_file)? {
                        Some(name) if !name.trim().is_empty() => {
                            target = crate::input::expand_home(name.trim());
                            continue;
                        }
                        _ => return Ok(None),
                    }
                }
                Picked::Quit => return Ok(None),
            }
        } else {
            false
        };
        crate::output::emit::write_atomically(&target, contents.as_bytes(), overwrite)?;
        let shown = crate::text::neutralize(&target.display().to_string());
        p.say(&painter.good(&format!("✔ {}: {shown}", w.saved_to)))?;
        return Ok(Some(target));
    }
}
