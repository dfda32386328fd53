//! Coming back to a walk. The wizard calls in here at four points: at the
//! start (`begin`: offer to continue a saved walk, or to start over, and go
//! on after a wait that has passed), before each screen (`checkpoint`: save
//! the walk), when the user quits (`quit_notice`, also from the Ctrl-C
//! handler) and when the walk ends (`finish`: forget it, unless the guide
//! says to wait and come back). The replay command, the scripted command
//! line that walks the same answers again, is built here for the wizard
//! and for scripted JSON alike.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::state::{self, Problem, Saved};
use crate::cli::WalkArgs;
use crate::engine::{Position, Walk};
use crate::i18n::resume::resume_words;
use crate::i18n::{words, Lang};
use crate::output::text::Painter;
pub use crate::replay::{came_after_wait, replay, shell_quote, Replay};
use crate::walk::prompt::{Picked, Prompter};
use anyhow::Result;

/// The saved walk of this run of the wizard.
struct Session {
    /// The state file; `None` when there is no state directory.
    path: Option<PathBuf>,
    service: String,
    lang: Lang,
    previous: Option<Saved>,
    /// The replay command of the walk as last saved.
    replay: Option<String>,
    /// A failed save has been reported (it is said once).
    failed: bool,
    /// This run has saved the walk at least once.
    wrote: bool,
}

static SESSION: Mutex<Option<Session>> = Mutex::new(None);

fn session() -> std::sync::MutexGuard<'static, Option<Session>> {
    SESSION.lock().unwrap_or_else(|e| e.into_inner())
}

/// Start saving this walk, and offer a saved one: to continue it (saying
/// when the user stopped and at which screen; after a wait that has passed,
/// going on where the wait leads and saying why) or to start over.
/// `--fresh`, `--answer`, `--answers` and `--start` skip the offer. A saved
/// walk that cannot be used is reported and forgotten; it never stops the
/// wizard.
pub fn begin<'s, P: Prompter>(
    p: &mut P,
    walk: Walk<'s>,
    args: &WalkArgs,
    lang: Lang,
    painter: &Painter,
) -> Result<Walk<'s>> {
    let service = walk.service();
    let w = resume_words(lang);
    let path = state::state_dir().map(|dir| state::file_for(&dir, &service.id));
    let explicit = args.fresh
        || !args.answers.is_empty()
        || args.answers_file.is_some()
        || args.start.is_some();
    let mut walk = walk;
    let mut previous = None;
    if let (Some(path), false) = (&path, explicit) {
        let now = state::now().map_err(crate::error::UsageError)?;
        match state::load(path).and_then(|saved| match saved {
            Some(saved) => saved.restore(service).map(|w| Some((saved, w))),
            None => Ok(None),
        }) {
            Ok(None) => {}
            Ok(Some((saved, restored))) => {
                if let Some(chosen) = offer(p, &saved, restored, now, lang, painter)? {
                    walk = chosen;
                    previous = Some(saved);
                } else {
                    let _ = state::clear(path);
                }
            }
            Err(problem) => {
                let what = match problem {
                    Problem::Corrupt(why) => format!("{}: {why}", w.bad_state),
                    Problem::Version(v) => (w.old_state)(v),
                    Problem::Outdated(why) => format!("{}: {why}", w.outdated_state),
                };
                p.say(&painter.warn(&format!(
                    "loginhelp: {what} ({}). {}",
                    crate::text::display_path(path),
                    w.starting_fresh
                )))?;
                let _ = state::clear(path);
            }
        }
    }
    *session() = Some(Session {
        path,
        service: service.id.to_string(),
        lang,
        previous,
        replay: None,
        failed: false,
        wrote: false,
    });
    Ok(walk)
}

/// Ask whether to continue `restored`; `None` means start over.
fn offer<'s, P: Prompter>(
    p: &mut P,
    saved: &Saved,
    mut restored: Walk<'s>,
    now: u64,
    lang: Lang,
    painter: &Painter,
) -> Result<Option<Walk<'s>>> {
    let service = restored.service();
    let w = resume_words(lang);
    let here = service.node(restored.current());
    let ago = now.saturating_sub(saved.saved);
    p.say("")?;
    p.say(&painter.strong(&(w.stopped_at)(
        &(w.ago)(ago),
        &state::format_local(saved.saved),
        here.heading().get(lang),
    )))?;
    let items = [w.continue_walk.to_owned(), w.start_over.to_owned()];
    match p.select(w.resume_prompt, &items)? {
        Picked::Item(0) => {}
        Picked::Item(_) => return Ok(None),
        Picked::Quit => return Err(crate::error::Cancelled.into()),
    }
    if let Some(wait) = &here.wait {
        let waited = now.saturating_sub(saved.reached_last()) / 3600;
        let elapsed = (w.duration)(waited);
        if waited >= wait.hours as u64 {
            p.say("")?;
            p.say(&painter.strong(&(w.wait_passed)(&elapsed)))?;
            p.say(&crate::text::wrap(wait.reason.get(lang), p.width()).join("\n"))?;
            restored.follow_wait();
        } else if matches!(restored.position(), Position::Finished(_)) {
            p.say(&(w.still_waiting)(
                &(w.duration)(wait.hours as u64),
                &elapsed,
            ))?;
        }
    }
    Ok(Some(restored))
}

/// Save the walk as it stands (before each screen). A failed save is said
/// once, and the walk goes on.
pub fn checkpoint(walk: &Walk) {
    let mut guard = session();
    let Some(session) = guard.as_mut() else {
        return;
    };
    if *walk.service().id != *session.service {
        return;
    }
    session.replay = replay(walk).map(|r| r.command);
    let Some(path) = &session.path else { return };
    let now = match state::now() {
        Ok(now) => now,
        Err(_) => return,
    };
    let saved = Saved::of(walk, start_arg(walk), session.previous.as_ref(), now);
    // Nothing new since this run last saved (the screen is drawn again):
    // the file stays as it is.
    let same = |p: &Saved| p.trail == saved.trail && p.start == saved.start;
    if session.wrote && session.previous.as_ref().is_some_and(same) {
        return;
    }
    match state::save(path, &saved) {
        Ok(()) => {
            session.previous = Some(saved);
            session.wrote = true;
        }
        Err(e) if !session.failed => {
            session.failed = true;
            let w = resume_words(session.lang);
            let _ = console::Term::stderr().write_line(&format!(
                "loginhelp: {}: {}",
                w.not_saved,
                crate::text::neutralize(&crate::i18n::os_error::chain(&e, session.lang))
            ));
        }
        Err(_) => {}
    }
}

/// `--start` of the walk: its first node, when that is not the guide's start.
fn start_arg<'w>(walk: &Walk<'w>) -> Option<&'w str> {
    let service = walk.service();
    let first = walk.trail().first()?.node;
    (first != service.start).then(|| &*service.node(first).id)
}

/// What quitting says: that the walk is saved, how to continue it, and the
/// command that replays it.
fn quit_lines(session: &Session) -> Vec<String> {
    let w = resume_words(session.lang);
    let mut lines = Vec::new();
    let saved = session.path.is_some() && !session.failed && session.previous.is_some();
    if saved {
        lines.push(w.saved_notice.to_owned());
        lines.push(format!(
            "{}\n  loginhelp {}",
            w.continue_with,
            shell_quote(&session.service)
        ));
    } else {
        lines.push(format!("{}.", capitalised(w.not_saved)));
    }
    if let Some(replay) = &session.replay {
        lines.push(format!("{}\n  {replay}", w.replay_with));
    }
    lines
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Say, on quitting, that the walk is saved and how to go on.
pub fn quit_notice<P: Prompter>(p: &mut P) -> Result<()> {
    let lines = match session().as_ref() {
        Some(session) => quit_lines(session),
        None => return Ok(()),
    };
    p.say("")?;
    for line in lines {
        p.say(&line)?;
    }
    Ok(())
}

/// The quit notice straight to stderr, for the Ctrl-C handler (which runs
/// on its own thread while a prompt waits for a key).
pub fn quit_notice_on_stderr() {
    let lines = match SESSION.try_lock() {
        Ok(guard) => guard.as_ref().map(quit_lines),
        Err(_) => None,
    };
    let term = console::Term::stderr();
    for line in lines.into_iter().flatten() {
        let _ = term.write_line(&line);
    }
}

/// The walk has ended: forget it, unless it ended where the guide says to
/// wait and come back (then say when); either way print the replay command.
pub fn finish<P: Prompter>(p: &mut P, walk: &Walk) -> Result<()> {
    let mut guard = session();
    let Some(session) = guard.as_mut() else {
        return Ok(());
    };
    let w = resume_words(session.lang);
    let node = walk.service().node(walk.current());
    p.say("")?;
    match (&node.wait, &session.path) {
        (Some(wait), Some(_)) if !session.failed => {
            // What is left of the wait, counted from when the walk got here.
            let reached = session.previous.as_ref().map(Saved::reached_last);
            let waited = match (reached, state::now()) {
                (Some(reached), Ok(now)) => now.saturating_sub(reached) / 3600,
                _ => 0,
            };
            let left = (wait.hours as u64).saturating_sub(waited).max(1);
            p.say(w.saved_notice)?;
            p.say(&format!(
                "{}\n  loginhelp {}",
                (w.come_back)(&(w.duration)(left)),
                shell_quote(&session.service)
            ))?;
        }
        (_, Some(path)) => {
            let _ = state::clear(path);
        }
        _ => {}
    }
    match replay(walk) {
        Some(r) => p.say(&format!("{}\n  {}", w.replay_with, r.command))?,
        None => p.say(w.no_replay)?,
    }
    *guard = None;
    Ok(())
}

/// `--transcript FILE` in the wizard: write the walk's transcript when it
/// ends or the user quits. A file that cannot be written is reported and
/// the wizard goes on (the support message still follows).
pub fn write_transcript<P: Prompter>(
    p: &mut P,
    walk: &Walk,
    args: &WalkArgs,
    lang: Lang,
    painter: &Painter,
) -> Result<()> {
    let Some(path) = &args.transcript else {
        return Ok(());
    };
    let text = crate::output::transcript::transcript(walk, lang, &crate::output::report::today());
    if let Err(e) = save_in_wizard(p, path, &text, lang, painter) {
        if crate::error::exit_for(&e) == crate::error::Exit::Cancelled {
            return Err(e);
        }
        p.say(&painter.warn(&format!(
            "loginhelp: {}",
            crate::text::neutralize(&crate::i18n::os_error::chain(&e, lang))
        )))?;
    }
    Ok(())
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
            let shown = crate::text::display_path(&target);
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
        let shown = crate::text::display_path(&target);
        p.say(&painter.good(&format!("✔ {}: {shown}", w.saved_to)))?;
        return Ok(Some(target));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_are_quoted_only_when_needed() {
        assert_eq!(
            shell_quote("symptom=forgot-password"),
            "symptom=forgot-password"
        );
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(shell_quote("$(rm)"), "'$(rm)'");
    }
}
