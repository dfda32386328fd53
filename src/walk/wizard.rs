//! The interactive wizard: asks through a `Prompter` (dialoguer on a
//! terminal), shows where the user is (the cause being checked, the question
//! number, "step 2 of 6"), offers back / start over / quit at every prompt,
//! and at an escalation lays out the contacts and the support message, which
//! can be saved. It never asks for a password, code or any other secret.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::start_walk;
use crate::cli::WalkArgs;
use crate::context::Context;
use crate::engine::{offers, question_text, Position, Status, Walk};
use crate::error::{Cancelled, Exit};
use crate::i18n::Lang;
use crate::i18n::{words, Words};
use crate::output::text::{node_text, Painter};
use crate::output::view;
use crate::registry::{Entry, Registry};
use crate::terminal;
use crate::text::{truncate_to_bytes, truncate_to_width, width};
use crate::walk::prompt::{Picked, Prompter, TermPrompter};

/// How a guided walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WizardEnd {
    Finished(Status),
    Quit,
}

/// Start the wizard on the terminal.
pub fn run(ctx: &Context, args: &WalkArgs) -> Result<Exit> {
    terminal::restore_on_signals();
    let colorful = terminal::stderr_has_color();
    let mut prompter = TermPrompter::new(colorful);
    let painter = Painter::new(colorful);
    let registry = ctx.registry()?;
    let entry = match &args.service {
        Some(name) => registry.resolve(name)?,
        None => match pick_service(&mut prompter, &registry, ctx.lang)? {
            Some(entry) => entry,
            None => return Err(Cancelled.into()),
        },
    };
    let service = entry.load()?;
    let mut walk = start_walk(&service, args)?;
    match guide(&mut prompter, &mut walk, ctx.lang, &painter)? {
        WizardEnd::Quit => Err(Cancelled.into()),
        WizardEnd::Finished(Status::Escalated) => {
            let message = crate::output::report::support_message(
                &walk,
                ctx.lang,
                &crate::output::report::today(),
            );
            hand_over(
                &mut prompter,
                &message,
                &service.id,
                args.report.as_deref(),
                ctx.lang,
                &painter,
            )?;
            Ok(Exit::Success)
        }
        WizardEnd::Finished(_) => Ok(Exit::Success),
    }
}

/// Offer the services to pick from; typing filters them, aliases included.
pub fn pick_service<'r, P: Prompter>(
    p: &mut P,
    registry: &'r Registry,
    lang: Lang,
) -> Result<Option<&'r Entry>> {
    let budget = p.width().saturating_sub(4);
    let items: Vec<String> = registry
        .entries
        .iter()
        .map(|e| {
            // The name first, then as many aliases as fit on one line, so
            // that typing an alias finds its service.
            let mut item = format!("{} ({})", e.name.get(lang), e.id);
            for alias in &e.aliases {
                if crate::text::fold(&item).contains(&crate::text::fold(alias)) {
                    continue;
                }
                let longer = format!("{item} {alias}");
                if longer.len() > budget {
                    break;
                }
                item = longer;
            }
            truncate_to_bytes(&item, budget)
        })
        .collect();
    match p.filter_select(words(lang).pick_service, &items)? {
        Picked::Item(i) => Ok(registry.entries.get(i)),
        Picked::Quit => Ok(None),
    }
}

/// What a navigation item does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Nav {
    Back,
    Restart,
    Quit,
}

/// Walk the guide with the user until an outcome, or until they quit.
pub fn guide<P: Prompter>(
    p: &mut P,
    walk: &mut Walk,
    lang: Lang,
    painter: &Painter,
) -> Result<WizardEnd> {
    let w = words(lang);
    let service = walk.service();
    loop {
        let index = walk.current();
        let chosen = walk.platforms();
        let node_view = view::node_view(service, index, lang, &chosen);
        let position = walk.position();
        let header = header(walk, node_view.cause.as_deref(), lang, p.width());
        p.say("")?;
        p.say(&painter.dim(&header))?;
        p.say(&node_text(&node_view, lang, painter, p.width(), true))?;

        let (mut items, prompt, choices) = match position {
            Position::Finished(_) => {
                let status = walk.status();
                let line = match status {
                    Status::Resolved => painter.good(&format!("✔ {}", w.status_resolved)),
                    Status::Escalated => painter.warn(&format!("➜ {}", w.status_escalated)),
                    _ => painter.strong(w.status_ended),
                };
                p.say(&line)?;
                return Ok(WizardEnd::Finished(status));
            }
            Position::Ask(i) => {
                let offered: Vec<String> = offers(service, i)
                    .into_iter()
                    .map(|o| o.label.get(lang).to_owned())
                    .collect();
                let n = offered.len();
                (offered, question_text(service, i).get(lang).to_owned(), n)
            }
            Position::Show(_) => (vec![w.continue_.to_owned()], w.continue_.to_owned(), 1),
        };
        let navs = navigation(walk, w, &mut items);
        fit_long_choices(p, &prompt, &mut items[..choices])?;
        match p.select(&prompt, &items)? {
            Picked::Quit => return Ok(WizardEnd::Quit),
            Picked::Item(k) if k < choices => match position {
                Position::Ask(_) => {
                    walk.answer_index(k).map_err(anyhow::Error::from)?;
                }
                _ => {
                    walk.advance();
                }
            },
            Picked::Item(k) => match navs.get(k - choices) {
                Some(Nav::Back) => {
                    walk.back();
                }
                Some(Nav::Restart) => walk.restart(),
                Some(Nav::Quit) | None => return Ok(WizardEnd::Quit),
            },
        }
    }
}

/// The line above a node: the service, the cause being checked and the
/// question number, on one line: the cause is shortened to fit, so that the
/// question number never wraps onto a line of its own.
fn header(walk: &Walk, cause: Option<&str>, lang: Lang, columns: usize) -> String {
    let w = words(lang);
    let asked = walk.trail().iter().filter(|v| v.answer.is_some()).count();
    let number = match walk.position() {
        Position::Ask(_) => format!(" ▸ {}", (w.question_number)(asked + 1)),
        _ => String::new(),
    };
    let mut header = format!("── {}", walk.service().name.get(lang));
    if let Some(cause) = cause {
        let checking = format!(" ▸ {}: ", w.checking);
        let room = columns.saturating_sub(width(&header) + width(&checking) + width(&number));
        if room >= 8 {
            header.push_str(&checking);
            header.push_str(&truncate_to_width(cause, room));
        }
    }
    header.push_str(&number);
    header
}

/// Add the navigation items after the choices (back and start over once a
/// question was answered; quit always), and say what each does.
fn navigation(walk: &Walk, w: &Words, items: &mut Vec<String>) -> Vec<Nav> {
    let mut navs = Vec::new();
    if walk.trail().iter().any(|v| v.answer.is_some()) {
        items.push(w.back.to_owned());
        navs.push(Nav::Back);
        items.push(w.restart.to_owned());
        navs.push(Nav::Restart);
    }
    items.push(w.quit.to_owned());
    navs.push(Nav::Quit);
    navs
}

/// Prompt and items are one line each (see PITFALLS: dialoguer counts
/// bytes). A question too long for that is shown whole above, and when a
/// choice would be cut, all choices are listed whole, numbered, and the
/// items carry the numbers.
fn fit_long_choices<P: Prompter>(p: &mut P, prompt: &str, choices: &mut [String]) -> Result<()> {
    let budget = p.width().saturating_sub(4);
    if prompt.len() > budget {
        p.say(&crate::text::wrap(prompt, p.width()).join("\n"))?;
    }
    if choices.iter().any(|i| i.len() > budget) {
        let mut listed = String::new();
        for (n, item) in choices.iter().enumerate() {
            let lines = crate::text::wrap(item, p.width().saturating_sub(4));
            for (k, line) in lines.iter().enumerate() {
                if k == 0 {
                    listed.push_str(&format!("{:>2}. {line}\n", n + 1));
                } else {
                    listed.push_str(&format!("    {line}\n"));
                }
            }
        }
        p.say(&listed)?;
        for (n, item) in choices.iter_mut().enumerate() {
            *item = format!("{}. {item}", n + 1);
        }
    }
    Ok(())
}

/// Show the support message and save it if wanted: to `--report FILE`, or
/// to a file the user names. An existing file is replaced only when the
/// user says so.
pub fn hand_over<P: Prompter>(
    p: &mut P,
    message: &str,
    service_id: &str,
    report: Option<&Path>,
    lang: Lang,
    painter: &Painter,
) -> Result<Option<PathBuf>> {
    let w = words(lang);
    p.say("")?;
    p.say(&painter.strong(&format!("{}:", w.support_message)))?;
    let rule = "-".repeat(p.width().clamp(20, 60));
    p.say(&rule)?;
    p.say(&crate::text::wrap(message.trim_end(), p.width()).join("\n"))?;
    p.say(&rule)?;
    p.say(&painter.warn(w.never_share))?;

    let mut target = match report {
        Some(path) => path.to_owned(),
        None => {
            let (save, skip) = (w.save_to_file, w.print_only);
            match p.select(w.save_report, &[save.to_owned(), skip.to_owned()])? {
                Picked::Item(0) => {}
                _ => return Ok(None),
            }
            let suggested = format!(
                "loginhelp-{service_id}-{}.txt",
                crate::output::report::today()
            );
            match p.input(w.report_file, &suggested)? {
                Some(name) => PathBuf::from(name),
                None => return Ok(None),
            }
        }
    };
    loop {
        let overwrite = if target.exists() {
            let question = (w.replace_file)(&target.display().to_string());
            match p.select(&question, &[w.no.to_owned(), w.yes.to_owned()])? {
                Picked::Item(1) => true,
                Picked::Item(_) => match p.input(w.report_file, &target.display().to_string())? {
                    Some(name) => {
                        target = PathBuf::from(name);
                        continue;
                    }
                    None => return Ok(None),
                },
                Picked::Quit => return Ok(None),
            }
        } else {
            false
        };
        crate::output::emit::write_atomically(&target, message.as_bytes(), overwrite)?;
        p.say(&painter.good(&format!("✔ {}: {}", w.saved_to, target.display())))?;
        return Ok(Some(target));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::check_source;
    use crate::walk::prompt::ScriptedPrompter;

    const TREE: &str = r#"
format = 1
id = "t"
reviewed = "2026-11-22"
start = "symptom"
name = { ja = "テスト", en = "Test" }
summary = { ja = "テスト", en = "Test" }
[[source]]
title = "t"
ref = "t.txt"

[[node]]
id = "symptom"
kind = "question"
text = { ja = "どうしましたか?", en = "What happened?" }
[[node.option]]
id = "forgot"
label = { ja = "パスワードを忘れた", en = "Forgot password" }
next = "reset"
[[node.option]]
id = "other"
label = { ja = "その他", en = "Other" }
next = "support"

[[node]]
id = "reset"
kind = "fix"
cause = { ja = "パスワード忘れ", en = "Forgotten password" }
title = { ja = "再設定する", en = "Reset it" }
solved = "done"
unsolved = "support"
[[node.step]]
text = { ja = "「お困りですか?」を押す", en = "Press 「お困りですか?」 (Need help?)" }
[[node.step]]
text = { ja = "メールを確認する", en = "Check your email" }

[[node]]
id = "done"
kind = "resolved"
title = { ja = "解決", en = "Solved" }

[[node]]
id = "support"
kind = "escalation"
title = { ja = "連絡", en = "Contact" }
[[node.contact]]
channel = "phone"
label = { ja = "窓口", en = "Desk" }
phone = "0120-000-000"
"#;

    fn service() -> crate::tree::Service {
        check_source(TREE).service.expect("test tree is valid")
    }

    #[test]
    fn walks_to_a_fix_that_works() {
        let s = service();
        let mut walk = Walk::new(&s);
        let mut p = ScriptedPrompter::new([Picked::Item(0), Picked::Item(0)]);
        let end = guide(&mut p, &mut walk, Lang::En, &Painter::new(false)).unwrap();
        assert_eq!(end, WizardEnd::Finished(Status::Resolved));
        let all = p.transcript.join("\n");
        assert!(all.contains("Step 1 of 2"), "{all}");
        assert!(all.contains("Checking: Forgotten password"), "{all}");
        assert!(
            all.contains(
                "? Did this solve it? [Yes, it worked | No, I still can't sign in | I had already tried this; it didn't help | ← Back"
            ),
            "{all}"
        );
    }

    #[test]
    fn first_prompt_has_no_back_and_always_a_quit() {
        let s = service();
        let mut walk = Walk::new(&s);
        let mut p = ScriptedPrompter::new([Picked::Item(2)]);
        let end = guide(&mut p, &mut walk, Lang::Ja, &Painter::new(false)).unwrap();
        assert_eq!(end, WizardEnd::Quit);
        let prompt = p.transcript.iter().find(|l| l.starts_with("? ")).unwrap();
        assert_eq!(
            prompt,
            "? どうしましたか? [パスワードを忘れた | その他 | × 終了する]"
        );
    }

    #[test]
    fn back_returns_to_the_previous_question() {
        let s = service();
        let mut walk = Walk::new(&s);
        // forgot → at the fix: Back (index 3) → at symptom again: other → escalation
        let mut p = ScriptedPrompter::new([Picked::Item(0), Picked::Item(3), Picked::Item(1)]);
        let end = guide(&mut p, &mut walk, Lang::En, &Painter::new(false)).unwrap();
        assert_eq!(end, WizardEnd::Finished(Status::Escalated));
        let ids: Vec<&str> = walk.trail().iter().map(|v| &*s.node(v.node).id).collect();
        assert_eq!(ids, ["symptom", "support"]);
    }

    #[test]
    fn escape_quits() {
        let s = service();
        let mut walk = Walk::new(&s);
        let mut p = ScriptedPrompter::new([Picked::Item(0), Picked::Quit]);
        assert_eq!(
            guide(&mut p, &mut walk, Lang::En, &Painter::new(false)).unwrap(),
            WizardEnd::Quit
        );
    }

    #[test]
    fn report_is_saved_and_never_silently_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.txt");
        std::fs::write(&path, "keep me").unwrap();
        let s = service();
        let mut walk = Walk::new(&s);
        walk.answer("other").unwrap();
        let message = crate::output::report::support_message(&walk, Lang::En, "2026-11-22");
        // The file exists: answer "No" (keep it), then give a new name.
        let mut p = ScriptedPrompter::new([Picked::Item(0)]);
        let other = dir.path().join("new.txt");
        p.inputs.push_back(Some(other.display().to_string()));
        let saved = hand_over(
            &mut p,
            &message,
            "t",
            Some(&path),
            Lang::En,
            &Painter::new(false),
        )
        .unwrap();
        assert_eq!(saved.as_deref(), Some(other.as_path()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
        assert_eq!(std::fs::read_to_string(&other).unwrap(), message);
        assert!(message.contains("What happened? → Other"), "{message}");
        assert!(!message.to_lowercase().contains("password:"), "{message}");
    }

    #[test]
    fn the_wizard_never_asks_for_a_secret() {
        let s = service();
        let mut walk = Walk::new(&s);
        let mut p = ScriptedPrompter::new([Picked::Item(0), Picked::Item(1)]);
        guide(&mut p, &mut walk, Lang::En, &Painter::new(false)).unwrap();
        let message = crate::output::report::support_message(&walk, Lang::En, "2026-11-22");
        let mut p2 = ScriptedPrompter::new([Picked::Item(1)]);
        hand_over(&mut p2, &message, "t", None, Lang::En, &Painter::new(false)).unwrap();
        for line in p
            .transcript
            .iter()
            .chain(&p2.transcript)
            .filter(|l| l.starts_with("? "))
        {
            let lower = line.to_lowercase();
            assert!(
                !lower.contains("enter your password") && !lower.contains("code:"),
                "{line}"
            );
        }
        assert!(
            message.contains("1. Reset it: tried it; it did not solve it"),
            "{message}"
        );
    }
}
