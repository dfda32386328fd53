//! Running a guide: the interactive wizard (`wizard`, behind the `prompt`
//! seam) and scripted mode (`scripted`, answers given up front), two front
//! ends of the one engine, and the set-up they share (`start_walk`).

pub mod menu;
pub mod prompt;
pub mod resume;
pub mod scripted;
pub mod state;
pub mod wizard;

use anyhow::Result;

use crate::cli::WalkArgs;
use crate::engine::Walk;
use crate::tree::Service;

/// What `start_walk` gives: the walk, and what it left unused.
pub struct Started<'s> {
    pub walk: Walk<'s>,
    /// The answers given for questions the walk never reached, as
    /// `QUESTION=OPTION`, in the order of the questions' ids: a script
    /// should hear that they did nothing.
    pub unused: Vec<String>,
}

/// A walk at `--start` (or the first question), taken as far as the given
/// answers reach: what both the wizard and scripted mode begin with.
pub fn start_walk<'s>(service: &'s Service, args: &WalkArgs) -> Result<Started<'s>> {
    let answers = gather_answers(service, args)?;
    let mut walk = new_walk(service, args)?;
    scripted::drive(&mut walk, &answers)?;
    let answered: std::collections::HashSet<&str> = walk
        .trail()
        .iter()
        .filter(|v| v.answer.is_some())
        .map(|v| &*service.node(v.node).id)
        .collect();
    let unused = answers
        .iter()
        .filter(|(q, _)| !answered.contains(q.as_str()))
        .map(|(q, o)| format!("{q}={o}"))
        .collect();
    Ok(Started { walk, unused })
}

/// The answers for a walk: the answers file first, then `--answer` flags.
fn gather_answers(service: &Service, args: &WalkArgs) -> Result<scripted::Answers> {
    let mut given = Vec::new();
    if let Some(file) = &args.answers_file {
        let read = scripted::read_answers_file(file)?;
        read.check_service(service)?;
        given.extend(read.answers);
    }
    given.extend(scripted::parse_answer_flags(&args.answers)?);
    scripted::check_answers(service, &given)
}

fn new_walk<'s>(service: &'s Service, args: &WalkArgs) -> Result<Walk<'s>> {
    Ok(match &args.start {
        Some(node) => Walk::starting_at(service, scripted::start_node(service, node)?),
        None => Walk::new(service),
    })
}
