//! The replay of a walk: the scripted command line (`loginhelp SERVICE
//! -a QUESTION=OPTION …`) that walks the same answers again, for the
//! wizard's quit and end notices, scripted JSON and the transcript alike.
//! It depends on the engine only.

use serde::Serialize;

use crate::engine::{offers, Walk};

/// The scripted command that walks the same answers again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replay {
    /// The arguments after `loginhelp`, one per item.
    pub args: Vec<String>,
    /// The same as one shell command line, quoted where needed.
    pub command: String,
}

/// The replay of a walk: its service, `--start` when it did not begin at
/// the guide's start, and every answer. A walk that went on after a wait
/// is replayed from where the wait led. `None` when a question was
/// answered twice, which `--answer` cannot say.
pub fn replay(walk: &Walk) -> Option<Replay> {
    let service = walk.service();
    let trail = walk.trail();
    // From the last visit the walk reached because a wait had passed.
    let from = (1..trail.len())
        .rev()
        .find(|&i| came_after_wait(walk, i))
        .unwrap_or(0);
    let mut args = vec![service.id.to_string()];
    if trail[from].node != service.start {
        args.push("--start".into());
        args.push(service.node(trail[from].node).id.to_string());
    }
    let mut asked = std::collections::HashSet::new();
    for visit in &trail[from..] {
        let Some(answer) = visit.answer else { continue };
        let question = &service.node(visit.node).id;
        if !asked.insert(question.clone()) {
            return None;
        }
        let option = offers(service, visit.node).get(answer)?.id.clone();
        args.push("-a".into());
        args.push(format!("{question}={option}"));
    }
    let command = std::iter::once("loginhelp".to_owned())
        .chain(args.iter().map(|a| shell_quote(a)))
        .collect::<Vec<_>>()
        .join(" ");
    Some(Replay { args, command })
}

/// Did the walk reach visit `i` because the wait of the node before it
/// had passed (rather than by an answer or a fix's `next`)?
pub fn came_after_wait(walk: &Walk, i: usize) -> bool {
    let (before, visit) = (&walk.trail()[i - 1], &walk.trail()[i]);
    let node = walk.service().node(before.node);
    before.answer.is_none()
        && node.wait.as_ref().is_some_and(|w| w.next == visit.node)
        && !node.targets().contains(&visit.node)
}

/// Quote an argument for a POSIX shell: as it is when it holds only
/// characters no shell treats specially, else in single quotes.
pub fn shell_quote(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_=./:,@+%".contains(&b));
    if plain {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}
