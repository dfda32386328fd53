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
use crate::output::report;
use crate::output::text::{contacts_short_text, node_text, Painter};
use crate::output::view::{self, ContactView};
use crate::registry::{Entry, Registry};
use crate::terminal;
use crate::text::{truncate_to_bytes, truncate_to_width, width};
use crate::tree::Body;
use crate::walk::prompt::{Picked, PlainPrompter, Prompter, TermPrompter};
use crate::walk::resume;

/// How a guided walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WizardEnd {
    Finished(Status),
    Quit,
}

/// Start the wizard on the terminal: numbered lines with `--plain` or on a
/// dumb terminal, dialoguer's menus otherwise.
pub fn run(ctx: &Context, args: &WalkArgs) -> Result<Exit> {
    terminal::on_signal(resume::quit_notice_on_stderr);
    terminal::restore_on_signals();
    let colorful = terminal::stderr_has_color();
    let painter = Painter::new(colorful);
    let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if args.plain || dumb {
        run_with(&mut PlainPrompter::new(ctx.lang), ctx, args, &painter)
    } else {
        let mut prompter = TermPrompter::new(colorful, ctx.lang);
        if prompter.width() < 50 {
            let hint = crate::text::wrap(words(ctx.lang).narrow_hint, prompter.width() - 1);
            prompter.say(&painter.dim(&hint.join("\n")))?;
        }
        run_with(&mut prompter, ctx, args, &painter)
    }
}

fn run_with<P: Prompter>(
    prompter: &mut P,
    ctx: &Context,
    args: &WalkArgs,
    painter: &Painter,
) -> Result<Exit> {
    let registry = ctx.registry()?;
    let entry = match &args.service {
        Some(name) => registry.resolve(name)?,
        None => match pick_service(prompter, &registry, ctx.lang)? {
            Some(entry) => entry,
            None => return Err(Cancelled.into()),
        },
    };
    let service = entry.load()?;
    let walk = start_walk(&service, args)?.walk;
    let mut walk = resume::begin(prompter, walk, args, ctx.lang, painter)?;
    let end = guide(prompter, &mut walk, ctx.lang, painter);
    if end.is_ok() {
        resume::write_transcript(prompter, &walk, args, ctx.lang, painter)?;
    }
    match end {
        Err(e) => {
            if crate::error::exit_for(&e) == Exit::Cancelled {
                resume::quit_notice(prompter)?;
            }
            Err(e)
        }
        Ok(WizardEnd::Quit) => {
            resume::quit_notice(prompter)?;
            Err(Cancelled.into())
        }
        Ok(WizardEnd::Finished(Status::Escalated)) => {
            let today = crate::output::report::today();
            let handoff = HandOff::new(&walk, ctx.lang, &today, prompter.width());
            if !terminal::stdout_is_terminal() {
                // Piped or redirected: the message goes there too, whatever
                // happens at the prompts below.
                let _ = crate::output::emit::emit(&handoff.message);
            }
            hand_over(
                prompter,
                &handoff,
                &service.id,
                args.report.as_deref(),
                ctx.lang,
                painter,
            )?;
            resume::finish(prompter, &walk)?;
            Ok(Exit::Success)
        }
        Ok(WizardEnd::Finished(_)) => {
            resume::finish(prompter, &walk)?;
            Ok(Exit::Success)
        }
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
        resume::checkpoint(walk);
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
        if !p.wraps_items() {
            fit_long_choices(p, &prompt, &mut items[..choices])?;
        }
        // "Did this solve it?" starts on "No": an Enter pressed too soon
        // must not end the walk as solved.
        let start = match position {
            Position::Ask(i) if matches!(service.node(i).body, Body::Fix { .. }) => 1,
            _ => 0,
        };
        match p.select_from(&prompt, &items, start)? {
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

/// What the wizard hands over at an escalation: the message to send (in
/// the support's language), a translation when the user reads another
/// language, the report file's text and the contacts.
#[derive(Debug, Clone)]
pub struct HandOff {
    pub message: String,
    pub translation: Option<String>,
    pub report: String,
    pub contacts: Vec<ContactView>,
}

impl HandOff {
    pub fn new(walk: &Walk, lang: Lang, today: &str, width: usize) -> HandOff {
        let support = report::support_lang(walk.service());
        let view = view::node_view(walk.service(), walk.current(), lang, &walk.platforms());
        HandOff {
            message: report::support_message(walk, support, today),
            translation: (lang != support).then(|| report::support_message(walk, lang, today)),
            report: crate::output::report_file::report_text(walk, lang, today, width.min(80)),
            contacts: view.contacts,
        }
    }
}

/// Show the support message, then the contacts in short right above the
/// last prompt (so that they are what the user sees last), and offer to
/// save the report (to `--report FILE`, or to a file the user names) or to
/// copy the message. A file name is asked for until one can be written or
/// the user gives up; an existing file is replaced only when the user says
/// so.
pub fn hand_over<P: Prompter>(
    p: &mut P,
    handoff: &HandOff,
    service_id: &str,
    report: Option<&Path>,
    lang: Lang,
    painter: &Painter,
) -> Result<Option<PathBuf>> {
    let w = words(lang);
    let rule = "-".repeat(p.width().clamp(20, 60));
    let block = |p: &mut P, heading: &str, text: &str| -> Result<()> {
        p.say("")?;
        p.say(&painter.strong(&format!("{heading}:")))?;
        p.say(&rule)?;
        p.say(&crate::text::wrap(text.trim_end(), p.width()).join("\n"))?;
        p.say(&rule)
    };
    match &handoff.translation {
        Some(translation) => {
            block(p, w.translation, translation)?;
            block(p, w.message_to_send, &handoff.message)?;
        }
        None => block(p, w.support_message, &handoff.message)?,
    }
    p.say(&painter.warn(&crate::text::wrap(w.never_share, p.width()).join("\n")))?;
    if !handoff.contacts.is_empty() {
        p.say("")?;
        p.say(&contacts_short_text(
            &handoff.contacts,
            lang,
            painter,
            p.width(),
        ))?;
    }

    let mut given = report.map(Path::to_owned);
    if given.is_none() {
        let items = [
            w.save_to_file.to_owned(),
            w.copy_to_clipboard.to_owned(),
            w.print_only.to_owned(),
        ];
        loop {
            match p.select(w.save_report, &items)? {
                Picked::Item(0) => break,
                Picked::Item(1) => {
                    if p.copy_to_clipboard(&handoff.message)? {
                        p.say(&painter.good(&format!("✔ {}", w.copied)))?;
                    }
                }
                _ => return Ok(None),
            }
        }
    }
    let suggested = format!("loginhelp-{service_id}-{}.txt", report::today());
    loop {
        let target = match given.take() {
            Some(path) => path,
            None => {
                let hint = (w.report_file_default)(&crate::text::neutralize(&suggested));
                p.say(&crate::text::wrap(&hint, p.width()).join("\n"))?;
                match p.input(w.report_file)? {
                    Some(name) if name.trim().is_empty() => PathBuf::from(&suggested),
                    Some(name) => crate::input::expand_home(name.trim()),
                    None => return Ok(None),
                }
            }
        };
        let shown = crate::text::display_path(&target);
        if target.is_dir() {
            if !ask_again(p, &(w.save_failed)(&shown, w.is_a_dir), lang, painter)? {
                return Ok(None);
            }
            continue;
        }
        let overwrite = if target.exists() {
            let question = (w.replace_file)(&shown);
            match p.select(&question, &[w.no.to_owned(), w.yes.to_owned()])? {
                Picked::Item(1) => true,
                Picked::Item(_) => continue,
                Picked::Quit => return Ok(None),
            }
        } else {
            false
        };
        match crate::output::emit::write_atomically(&target, handoff.report.as_bytes(), overwrite) {
            Ok(()) => {
                p.say(&painter.good(&format!("✔ {}: {shown}", w.saved_to)))?;
                return Ok(Some(target));
            }
            Err(err) => {
                let why = save_error_reason(&err, &target, lang);
                if !ask_again(p, &(w.save_failed)(&shown, &why), lang, painter)? {
                    return Ok(None);
                }
            }
        }
    }
}

/// Say why a save failed and ask whether to type another name.
fn ask_again<P: Prompter>(p: &mut P, said: &str, lang: Lang, painter: &Painter) -> Result<bool> {
    let w = words(lang);
    p.say(&painter.warn(&format!("⚠ {said}")))?;
    let items = [w.type_again.to_owned(), w.dont_save.to_owned()];
    Ok(p.select(w.what_now, &items)? == Picked::Item(0))
}

/// Why a write failed, in the user's language: the I/O error's kind.
fn save_error_reason(err: &anyhow::Error, target: &Path, lang: Lang) -> String {
    let w = words(lang);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        // Said before any I/O error: the writer reports it as a usage error.
        return (w.no_such_dir)(&crate::text::display_path(dir));
    }
    let Some(io) = err.chain().find_map(|e| e.downcast_ref::<std::io::Error>()) else {
        return crate::text::neutralize(&crate::i18n::os_error::chain(err, lang));
    };
    #[cfg(unix)]
    if io.raw_os_error() == Some(libc::ENAMETOOLONG) {
        return w.name_too_long.to_owned();
    }
    match io.kind() {
        std::io::ErrorKind::NotFound => {
            let dir = match target.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.display().to_string(),
                _ => ".".to_owned(),
            };
            (w.no_such_dir)(&crate::text::neutralize(&dir))
        }
        std::io::ErrorKind::PermissionDenied => w.no_permission.to_owned(),
        std::io::ErrorKind::IsADirectory => w.is_a_dir.to_owned(),
        _ => crate::text::neutralize(&crate::i18n::os_error::describe(io, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::check_source;
    use crate::walk::prompt::ScriptedPrompter;

    fn tree() -> String {
        crate::testing::guide(
            "t",
            "symptom",
            r#"
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
"#,
        )
    }

    fn service() -> crate::tree::Service {
        check_source(&tree()).service.expect("test tree is valid")
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

    fn escalated(s: &crate::tree::Service) -> Walk<'_> {
        let mut walk = Walk::new(s);
        walk.answer("other").unwrap();
        walk
    }

    #[test]
    fn report_is_saved_and_never_silently_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.txt");
        std::fs::write(&path, "keep me").unwrap();
        let s = service();
        let walk = escalated(&s);
        let handoff = HandOff::new(&walk, Lang::En, "2026-11-22", 80);
        // The file exists: answer "No" (keep it), then give a new name.
        let mut p = ScriptedPrompter::new([Picked::Item(0)]);
        let other = dir.path().join("new.txt");
        p.inputs.push_back(Some(other.display().to_string()));
        let saved = hand_over(
            &mut p,
            &handoff,
            "t",
            Some(&path),
            Lang::En,
            &Painter::new(false),
        )
        .unwrap();
        assert_eq!(saved.as_deref(), Some(other.as_path()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
        let text = std::fs::read_to_string(&other).unwrap();
        assert_eq!(text, handoff.report);
        // The file holds the contacts, and the message in Japanese (the
        // support's language) before its English translation.
        assert!(text.contains("0120-000-000"), "{text}");
        assert!(text.contains("どうしましたか? → その他"), "{text}");
        assert!(text.contains("What happened? → Other"), "{text}");
        assert!(!text.to_lowercase().contains("password:"), "{text}");
    }

    #[test]
    fn the_contacts_are_the_last_thing_above_the_final_prompt() {
        let s = service();
        let walk = escalated(&s);
        let handoff = HandOff::new(&walk, Lang::Ja, "2026-11-22", 80);
        let mut p = ScriptedPrompter::new([Picked::Item(2)]);
        hand_over(&mut p, &handoff, "t", None, Lang::Ja, &Painter::new(false)).unwrap();
        let prompt = p
            .transcript
            .iter()
            .position(|l| l.starts_with("? サポートへのメッセージをどうしますか?"))
            .unwrap();
        let said = &p.transcript[prompt - 1];
        assert!(said.contains("0120-000-000"), "{:#?}", p.transcript);
        let draft = p
            .transcript
            .iter()
            .position(|l| l.contains("サポートご担当者様"))
            .unwrap();
        assert!(draft < prompt - 1, "{:#?}", p.transcript);
    }

    #[test]
    fn a_bad_path_says_why_and_asks_again() {
        let dir = tempfile::tempdir().unwrap();
        let s = service();
        let walk = escalated(&s);
        let handoff = HandOff::new(&walk, Lang::Ja, "2026-11-22", 80);
        // Save → a missing folder (fails, "type again") → a folder (fails,
        // "type again") → the name given.
        let mut p = ScriptedPrompter::new([Picked::Item(0), Picked::Item(0), Picked::Item(0)]);
        let missing = dir.path().join("no/such/dir/r.txt");
        let good = dir.path().join("r.txt");
        p.inputs.push_back(Some(missing.display().to_string()));
        p.inputs.push_back(Some(dir.path().display().to_string()));
        p.inputs.push_back(Some(good.display().to_string()));
        let saved = hand_over(&mut p, &handoff, "t", None, Lang::Ja, &Painter::new(false));
        assert_eq!(saved.unwrap().as_deref(), Some(good.as_path()));
        let all = p.transcript.join("\n");
        assert!(all.contains("フォルダ「"), "{all}");
        assert!(all.contains("がありません"), "{all}");
        assert!(all.contains("これはフォルダです"), "{all}");
        // The prompt names the default instead of pre-filling it.
        assert!(
            all.contains("何も入力せずにEnterを押すと loginhelp-t-"),
            "{all}"
        );
        assert!(all.contains("\n? 保存するファイル名\n"), "{all}");
        assert_eq!(std::fs::read_to_string(&good).unwrap(), handoff.report);
    }

    #[test]
    fn a_home_path_is_expanded() {
        let home = std::env::var_os("HOME");
        if let Some(home) = home.filter(|h| !h.is_empty()) {
            assert_eq!(
                crate::input::expand_home("~/r.txt"),
                PathBuf::from(&home).join("r.txt")
            );
            assert_eq!(crate::input::expand_home("~"), PathBuf::from(&home));
        }
        assert_eq!(crate::input::expand_home("a~/b"), PathBuf::from("a~/b"));
    }

    #[test]
    fn copying_sends_the_plain_message() {
        let s = service();
        let walk = escalated(&s);
        let handoff = HandOff::new(&walk, Lang::En, "2026-11-22", 80);
        let mut p = ScriptedPrompter::new([Picked::Item(1), Picked::Item(2)]);
        hand_over(&mut p, &handoff, "t", None, Lang::En, &Painter::new(false)).unwrap();
        assert_eq!(p.clipboard, std::slice::from_ref(&handoff.message));
        let seq = crate::walk::prompt::osc52_sequence(&handoff.message);
        let payload = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap();
        use base64::Engine as _;
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(payload)
            .unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), handoff.message);
    }

    #[test]
    fn did_this_solve_it_starts_on_no() {
        let s = service();
        let mut walk = Walk::new(&s);
        let mut p = ScriptedPrompter::new([Picked::Item(0), Picked::Quit]);
        guide(&mut p, &mut walk, Lang::En, &Painter::new(false)).unwrap();
        let fix_prompt = p
            .transcript
            .iter()
            .find(|l| l.starts_with("? Did this solve it?"))
            .unwrap();
        assert!(fix_prompt.ends_with("(starts on 2)"), "{fix_prompt}");
        let first = p.transcript.iter().find(|l| l.starts_with("? ")).unwrap();
        assert!(!first.contains("starts on"), "{first}");
    }

    #[test]
    fn plain_answers_are_numbers() {
        use crate::walk::prompt::parse_number;
        assert_eq!(parse_number("2", 3), Some(Picked::Item(1)));
        assert_eq!(parse_number("３", 3), Some(Picked::Item(2)));
        assert_eq!(parse_number("3番", 3), Some(Picked::Item(2)));
        assert_eq!(parse_number("q", 3), Some(Picked::Quit));
        assert_eq!(parse_number("Q", 3), Some(Picked::Quit));
        assert_eq!(parse_number("4", 3), None);
        assert_eq!(parse_number("0", 3), None);
        assert_eq!(parse_number("", 3), None);
        assert_eq!(parse_number("yes", 3), None);
    }

    #[test]
    fn file_names_at_the_save_prompt_are_shown_inert() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("\u{1b}]0;PWNED\u{7}r.txt");
        std::fs::write(&path, "keep me").unwrap();
        let s = service();
        let mut walk = Walk::new(&s);
        walk.answer("other").unwrap();
        let handoff = HandOff::new(&walk, Lang::En, "2026-11-22", 80);
        // "… already exists. Replace it?": No, then a new name, also hostile.
        let mut p = ScriptedPrompter::new([Picked::Item(0)]);
        let other = dir.path().join("\u{1b}[31mnew.txt");
        p.inputs.push_back(Some(other.to_str().unwrap().to_owned()));
        let saved = hand_over(
            &mut p,
            &handoff,
            "t",
            Some(&path),
            Lang::En,
            &Painter::new(false),
        )
        .unwrap();
        assert_eq!(saved.as_deref(), Some(other.as_path()));
        for line in &p.transcript {
            assert!(
                !line.contains(['\u{1b}', '\u{7}']),
                "a raw escape reaches the terminal: {line:?}"
            );
        }
        let said = p.transcript.join("\n");
        assert!(said.contains("␛]0;PWNED␇r.txt"), "{said}");
        assert!(said.contains("␛[31mnew.txt"), "{said}");
    }

    #[test]
    fn the_wizard_never_asks_for_a_secret() {
        let s = service();
        let mut walk = Walk::new(&s);
        let mut p = ScriptedPrompter::new([Picked::Item(0), Picked::Item(1)]);
        guide(&mut p, &mut walk, Lang::En, &Painter::new(false)).unwrap();
        let handoff = HandOff::new(&walk, Lang::En, "2026-11-22", 80);
        let mut p2 = ScriptedPrompter::new([Picked::Item(2)]);
        hand_over(&mut p2, &handoff, "t", None, Lang::En, &Painter::new(false)).unwrap();
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
        let english = handoff.translation.as_deref().unwrap();
        assert!(
            english.contains("1. Reset it: tried it; it did not solve it"),
            "{english}"
        );
        assert!(
            handoff
                .message
                .contains("1. 再設定する: 試しましたが、解決しませんでした"),
            "{}",
            handoff.message
        );
    }
}
