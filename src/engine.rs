//! The walk engine: a pure state machine over one checked guide. It holds
//! the node the user is at, the answers given and the trail of nodes shown,
//! and knows nothing of terminals, flags or output formats. The interactive
//! wizard, scripted mode and the tests all drive this same engine.

use std::collections::HashSet;

use crate::i18n::{Lang, Text};
use crate::tree::{AfterFix, Body, Choice, Node, NodeIndex, Platform, Service, Step};

/// The ids of the three answers to a fix's "did this solve it?": it worked;
/// it did not; the user had already tried it before this walk, and it did
/// not help then. `no` and `tried` lead to the same place, but the trail,
/// the JSON and the support message keep the difference.
pub const SOLVED: &str = "yes";
pub const UNSOLVED: &str = "no";
pub const TRIED: &str = "tried";

/// What the engine is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// A question (or a fix's "did this solve it?") needs an answer.
    Ask(NodeIndex),
    /// A fix whose steps only need to be shown; `advance` moves on.
    Show(NodeIndex),
    /// An outcome: the walk is over.
    Finished(NodeIndex),
}

/// How a walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NeedsAnswer,
    Resolved,
    Escalated,
    Ended,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::NeedsAnswer => "needs_answer",
            Status::Resolved => "resolved",
            Status::Escalated => "escalated",
            Status::Ended => "ended",
        }
    }
}

/// One choice offered at an `Ask` position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub id: String,
    pub label: Text,
}

/// A node shown during the walk, with the answer given there (if it asked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub node: NodeIndex,
    /// Index into `Walk::offers(node)`.
    pub answer: Option<usize>,
}

/// An answer the engine could not take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    /// The walk is not at a question.
    NotAsking,
    /// No option of the current question has this id.
    UnknownOption {
        question: String,
        valid: Vec<String>,
    },
}

impl std::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerError::NotAsking => f.write_str("the walk is not at a question"),
            AnswerError::UnknownOption { question, valid } => write!(
                f,
                "question `{question}` has no such option; options: {}",
                valid.join(", ")
            ),
        }
    }
}

impl std::error::Error for AnswerError {}

#[derive(Debug, Clone)]
pub struct Walk<'t> {
    service: &'t Service,
    trail: Vec<Visit>,
    /// The fixes shown so far on `trail`: the walk's memory, so that a fix is
    /// never shown twice (kept beside the trail so a step costs O(1)).
    shown: HashSet<NodeIndex>,
}

/// The choices a node offers: a question's options, or yes / no / tried
/// after a fix.
pub fn offers(service: &Service, node: NodeIndex) -> Vec<Offer> {
    match &service.node(node).body {
        Body::Question { options, .. } => options
            .iter()
            .map(|o| Offer {
                id: o.id.to_string(),
                label: o.label.clone(),
            })
            .collect(),
        Body::Fix {
            after: AfterFix::Ask { .. },
            ..
        } => vec![
            Offer {
                id: SOLVED.to_owned(),
                label: Text::new("はい、解決しました", "Yes, it worked"),
            },
            Offer {
                id: UNSOLVED.to_owned(),
                label: Text::new(
                    "いいえ、まだログインできません",
                    "No, I still can't sign in",
                ),
            },
            Offer {
                id: TRIED.to_owned(),
                label: Text::new(
                    "前に試したが、解決しなかった",
                    "I had already tried this; it didn't help",
                ),
            },
        ],
        _ => Vec::new(),
    }
}

/// The question a node asks, as a sentence.
pub fn question_text(service: &Service, node: NodeIndex) -> Text {
    match &service.node(node).body {
        Body::Question { text, .. } => text.clone(),
        _ => Text::new("これで解決しましたか?", "Did this solve it?"),
    }
}

impl<'t> Walk<'t> {
    /// A walk at the guide's start.
    pub fn new(service: &'t Service) -> Walk<'t> {
        Walk::starting_at(service, service.start)
    }

    /// A walk that begins at any node (`--start NODE`).
    pub fn starting_at(service: &'t Service, node: NodeIndex) -> Walk<'t> {
        let mut walk = Walk {
            service,
            trail: Vec::new(),
            shown: HashSet::new(),
        };
        walk.arrive(node);
        walk
    }

    pub fn service(&self) -> &'t Service {
        self.service
    }

    pub fn trail(&self) -> &[Visit] {
        &self.trail
    }

    pub fn current(&self) -> NodeIndex {
        self.trail
            .last()
            .map(|v| v.node)
            .unwrap_or(self.service.start)
    }

    pub fn position(&self) -> Position {
        let index = self.current();
        let node = self.service.node(index);
        match &node.body {
            Body::Question { .. } => Position::Ask(index),
            Body::Fix { after, .. } => match after {
                AfterFix::Ask { .. } => Position::Ask(index),
                AfterFix::Continue(_) => Position::Show(index),
            },
            _ => Position::Finished(index),
        }
    }

    pub fn status(&self) -> Status {
        match self.position() {
            Position::Ask(_) | Position::Show(_) => Status::NeedsAnswer,
            Position::Finished(i) => match self.service.node(i).body {
                Body::Resolved { .. } => Status::Resolved,
                Body::Escalation { .. } => Status::Escalated,
                _ => Status::Ended,
            },
        }
    }

    /// Answer the current question with an option id.
    pub fn answer(&mut self, option_id: &str) -> Result<NodeIndex, AnswerError> {
        let Position::Ask(index) = self.position() else {
            return Err(AnswerError::NotAsking);
        };
        let offers = offers(self.service, index);
        match offers.iter().position(|o| o.id == option_id) {
            Some(i) => Ok(self.answer_index(i).expect("index from offers")),
            None => Err(AnswerError::UnknownOption {
                question: self.service.node(index).id.to_string(),
                valid: offers.into_iter().map(|o| o.id).collect(),
            }),
        }
    }

    /// Answer the current question with the n-th offered option.
    pub fn answer_index(&mut self, choice: usize) -> Result<NodeIndex, AnswerError> {
        let Position::Ask(index) = self.position() else {
            return Err(AnswerError::NotAsking);
        };
        let next = match &self.service.node(index).body {
            Body::Question { options, .. } => options.get(choice).map(|o| o.next),
            Body::Fix {
                after: AfterFix::Ask { solved, unsolved },
                ..
            } => match choice {
                0 => Some(*solved),
                1 | 2 => Some(*unsolved),
                _ => None,
            },
            _ => None,
        };
        let Some(next) = next else {
            return Err(AnswerError::UnknownOption {
                question: self.service.node(index).id.to_string(),
                valid: offers(self.service, index)
                    .into_iter()
                    .map(|o| o.id)
                    .collect(),
            });
        };
        if let Some(last) = self.trail.last_mut() {
            last.answer = Some(choice);
        }
        Ok(self.arrive(next))
    }

    /// Go on to `next`, passing over the fixes this walk has already shown:
    /// from such a fix the walk continues as it did the first time (where
    /// "no" leads, or its `next`), since showing the same steps again would
    /// only send the user round. Returns the node reached.
    fn arrive(&mut self, mut next: NodeIndex) -> NodeIndex {
        // Each pass moves to another shown fix; a cycle made only of shown
        // fixes stops after visiting each once, at the node it came back to.
        for _ in 0..=self.shown.len() {
            if !self.shown.contains(&next) {
                break;
            }
            next = match &self.service.node(next).body {
                Body::Fix {
                    after: AfterFix::Ask { unsolved, .. },
                    ..
                } => *unsolved,
                Body::Fix {
                    after: AfterFix::Continue(after),
                    ..
                } => *after,
                _ => break,
            };
        }
        if matches!(self.service.node(next).body, Body::Fix { .. }) {
            self.shown.insert(next);
        }
        self.trail.push(Visit {
            node: next,
            answer: None,
        });
        next
    }

    /// Rebuild the memory of shown fixes after the trail was cut.
    fn recount(&mut self) {
        let service = self.service;
        self.shown = self
            .trail
            .iter()
            .map(|v| v.node)
            .filter(|&n| matches!(service.node(n).body, Body::Fix { .. }))
            .collect();
    }

    /// Move on from a fix that only shows steps.
    pub fn advance(&mut self) -> Option<NodeIndex> {
        let Position::Show(index) = self.position() else {
            return None;
        };
        let Body::Fix {
            after: AfterFix::Continue(next),
            ..
        } = self.service.node(index).body
        else {
            return None;
        };
        Some(self.arrive(next))
    }

    /// Go on from a node whose `[node.wait]` has passed to where the wait
    /// leads (`None` when the current node has no wait).
    pub fn follow_wait(&mut self) -> Option<NodeIndex> {
        let next = self.service.node(self.current()).wait.as_ref()?.next;
        Some(self.arrive(next))
    }

    /// Go back to the previous question, forgetting its answer. Returns
    /// false at the first question.
    pub fn back(&mut self) -> bool {
        let Some(previous) = self.trail[..self.trail.len().saturating_sub(1)]
            .iter()
            .rposition(|v| v.answer.is_some())
        else {
            return false;
        };
        self.trail.truncate(previous + 1);
        if let Some(last) = self.trail.last_mut() {
            last.answer = None;
        }
        self.recount();
        true
    }

    /// Start again from the first node shown.
    pub fn restart(&mut self) {
        self.trail.truncate(1);
        self.trail[0].answer = None;
        self.recount();
    }

    /// The platforms chosen so far, in order (a later choice of the same
    /// group replaces an earlier one).
    pub fn platforms(&self) -> Vec<Platform> {
        self.platforms_before(self.trail.len())
    }

    /// The platforms chosen in the first `visits` visits of the trail: what
    /// applied when the visit at that position was shown.
    pub fn platforms_before(&self, visits: usize) -> Vec<Platform> {
        let mut chosen: Vec<Platform> = Vec::new();
        for visit in self.trail.iter().take(visits) {
            note_platform(self.service, visit, &mut chosen);
        }
        chosen
    }

    /// How many times the walk has been at `node`.
    pub fn visits(&self, node: NodeIndex) -> usize {
        self.trail.iter().filter(|v| v.node == node).count()
    }
}

/// Add the platform a visit's answer picked (if it picked one) to `chosen`,
/// replacing an earlier choice of the same group. Going along the trail
/// once with this gives every visit its platforms in linear time, where
/// `platforms_before` per visit would be quadratic.
pub fn note_platform(service: &Service, visit: &Visit, chosen: &mut Vec<Platform>) {
    #[cfg(test)]
    PLATFORM_NOTES.with(|n| n.set(n.get() + 1));
    let Some(answer) = visit.answer else { return };
    if let Body::Question { options, .. } = &service.node(visit.node).body {
        if let Some(Choice {
            platform: Some(p), ..
        }) = options.get(answer)
        {
            chosen.retain(|c| c.group() != p.group());
            chosen.push(*p);
        }
    }
}

#[cfg(test)]
thread_local! {
    /// How many visits `note_platform` has looked at on this thread: the
    /// work a view of a walk does, counted without a clock.
    pub static PLATFORM_NOTES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The steps of a fix that apply to the chosen platforms: untagged steps,
/// steps for a chosen platform, and steps of a group nothing was chosen in.
pub fn visible_steps<'n>(node: &'n Node, chosen: &[Platform]) -> Vec<&'n Step> {
    let Body::Fix { steps, .. } = &node.body else {
        return Vec::new();
    };
    steps
        .iter()
        .filter(|s| match s.platform {
            None => true,
            Some(p) => chosen.contains(&p) || !chosen.iter().any(|c| c.group() == p.group()),
        })
        .collect()
}

/// Display label of a choice at a node in the given language.
pub fn offer_label(service: &Service, node: NodeIndex, choice: usize, lang: Lang) -> String {
    offers(service, node)
        .get(choice)
        .map(|o| o.label.get(lang).to_owned())
        .unwrap_or_default()
}

/// The label of the answer given at a visit, for the support message.
pub fn answer_label(walk: &Walk, visit: &Visit, lang: Lang) -> Option<String> {
    visit
        .answer
        .map(|a| offer_label(walk.service(), visit.node, a, lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::check_source;

    fn tree() -> String {
        crate::testing::guide(
            "t",
            "q",
            r#"
[[node]]
id = "q"
kind = "question"
text = { ja = "端末は?", en = "Device?" }
[[node.option]]
id = "iphone"
label = { ja = "iPhone", en = "iPhone" }
next = "protect"
platform = "iphone"
[[node.option]]
id = "other"
label = { ja = "その他", en = "Other" }
next = "fix"

[[node]]
id = "protect"
kind = "fix"
title = { ja = "保護", en = "Protect" }
next = "fix"
[[node.step]]
text = { ja = "報告", en = "Report" }

[[node]]
id = "fix"
kind = "fix"
title = { ja = "直す", en = "Fix" }
solved = "ok"
unsolved = "help"
[[node.step]]
text = { ja = "共通", en = "Common" }
[[node.step]]
text = { ja = "アイフォン", en = "On iPhone" }
platform = "iphone"
[[node.step]]
text = { ja = "アンドロイド", en = "On Android" }
platform = "android"
[[node.step]]
text = { ja = "クローム", en = "In Chrome" }
platform = "chrome"

[[node]]
id = "ok"
kind = "resolved"
title = { ja = "解決", en = "Solved" }

[[node]]
id = "help"
kind = "escalation"
title = { ja = "連絡", en = "Contact" }
[[node.contact]]
channel = "phone"
label = { ja = "窓口", en = "Desk" }
phone = "188"
"#,
        )
    }

    fn service() -> Service {
        let checked = check_source(&tree());
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        checked.service.unwrap()
    }

    #[test]
    fn walks_to_resolution_and_records_the_trail() {
        let s = service();
        let mut walk = Walk::new(&s);
        assert_eq!(walk.position(), Position::Ask(s.find("q").unwrap()));
        walk.answer("iphone").unwrap();
        assert_eq!(walk.position(), Position::Show(s.find("protect").unwrap()));
        assert_eq!(walk.status(), Status::NeedsAnswer);
        walk.advance().unwrap();
        assert_eq!(walk.position(), Position::Ask(s.find("fix").unwrap()));
        walk.answer(SOLVED).unwrap();
        assert_eq!(walk.status(), Status::Resolved);
        let ids: Vec<&str> = walk.trail().iter().map(|v| &*s.node(v.node).id).collect();
        assert_eq!(ids, ["q", "protect", "fix", "ok"]);
        assert_eq!(walk.trail()[0].answer, Some(0));
        assert_eq!(walk.trail()[1].answer, None);
        assert_eq!(walk.trail()[2].answer, Some(0));
    }

    #[test]
    fn unsolved_escalates() {
        let s = service();
        let mut walk = Walk::new(&s);
        walk.answer("other").unwrap();
        walk.answer(UNSOLVED).unwrap();
        assert_eq!(walk.status(), Status::Escalated);
        assert_eq!(walk.answer("yes"), Err(AnswerError::NotAsking));
    }

    #[test]
    fn tried_before_leads_where_no_leads_and_is_kept_apart() {
        let s = service();
        let mut walk = Walk::new(&s);
        walk.answer("other").unwrap();
        let ids: Vec<String> = offers(&s, walk.current())
            .into_iter()
            .map(|o| o.id)
            .collect();
        assert_eq!(ids, [SOLVED, UNSOLVED, TRIED]);
        walk.answer(TRIED).unwrap();
        assert_eq!(walk.status(), Status::Escalated);
        assert_eq!(
            walk.trail()[1].answer,
            Some(2),
            "recorded as `tried`, not `no`"
        );
        assert_eq!(
            answer_label(&walk, &walk.trail()[1], Lang::En).as_deref(),
            Some("I had already tried this; it didn't help")
        );
    }

    /// A guide whose second question can send the user back to a fix
    /// already shown.
    fn looping() -> String {
        crate::testing::guide(
            "t",
            "q",
            r#"
[[node]]
id = "q"
kind = "question"
text = { ja = "どうしましたか?", en = "What happened?" }
[[node.option]]
id = "forgot"
label = { ja = "忘れた", en = "Forgot" }
next = "reset"
[[node.option]]
id = "other"
label = { ja = "その他", en = "Other" }
next = "again"

[[node]]
id = "reset"
kind = "fix"
title = { ja = "再設定", en = "Reset" }
solved = "ok"
unsolved = "again"
[[node.step]]
text = { ja = "再設定する", en = "Reset it" }

[[node]]
id = "again"
kind = "question"
text = { ja = "次は?", en = "Next?" }
[[node.option]]
id = "reset"
label = { ja = "再設定を試す", en = "Try a reset" }
next = "reset"
[[node.option]]
id = "contact"
label = { ja = "連絡する", en = "Contact" }
next = "help"

[[node]]
id = "ok"
kind = "resolved"
title = { ja = "解決", en = "Solved" }

[[node]]
id = "help"
kind = "escalation"
title = { ja = "連絡", en = "Contact" }
[[node.contact]]
channel = "phone"
label = { ja = "窓口", en = "Desk" }
phone = "188"
"#,
        )
    }

    #[test]
    fn a_fix_already_shown_is_not_shown_again() {
        let checked = check_source(&looping());
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let s = checked.service.unwrap();
        let ids = |walk: &Walk| -> Vec<String> {
            walk.trail()
                .iter()
                .map(|v| s.node(v.node).id.to_string())
                .collect()
        };
        // Not shown yet: the fix is shown.
        let mut walk = Walk::new(&s);
        walk.answer("other").unwrap();
        walk.answer("reset").unwrap();
        assert_eq!(ids(&walk), ["q", "again", "reset"]);
        // Shown and failed: choosing it again goes on as "no" did.
        let mut walk = Walk::new(&s);
        walk.answer("forgot").unwrap();
        walk.answer(UNSOLVED).unwrap();
        walk.answer("reset").unwrap();
        assert_eq!(ids(&walk), ["q", "reset", "again", "again"]);
        // Going back forgets it: the fix is shown again on the new path.
        assert!(walk.back());
        assert!(walk.back());
        assert!(walk.back());
        walk.answer("other").unwrap();
        walk.answer("reset").unwrap();
        assert_eq!(ids(&walk), ["q", "again", "reset"]);
    }

    #[test]
    fn unknown_option_lists_valid_ones() {
        let s = service();
        let mut walk = Walk::new(&s);
        let err = walk.answer("android").unwrap_err();
        assert_eq!(
            err,
            AnswerError::UnknownOption {
                question: "q".into(),
                valid: vec!["iphone".into(), "other".into()]
            }
        );
        assert_eq!(walk.trail().len(), 1, "a bad answer changes nothing");
    }

    #[test]
    fn back_and_restart() {
        let s = service();
        let mut walk = Walk::new(&s);
        assert!(!walk.back(), "nothing to go back to");
        walk.answer("iphone").unwrap();
        walk.advance().unwrap();
        assert!(walk.back());
        assert_eq!(walk.current(), s.find("q").unwrap());
        assert_eq!(walk.trail().len(), 1);
        assert_eq!(walk.trail()[0].answer, None);
        walk.answer("other").unwrap();
        walk.restart();
        assert_eq!(
            walk.trail(),
            &[Visit {
                node: s.start,
                answer: None
            }]
        );
    }

    #[test]
    fn platform_choice_filters_steps() {
        let s = service();
        let fix = s.node(s.find("fix").unwrap());
        let texts = |chosen: &[Platform]| -> Vec<String> {
            visible_steps(fix, chosen)
                .iter()
                .map(|st| st.text.en.to_string())
                .collect()
        };
        assert_eq!(
            texts(&[]),
            ["Common", "On iPhone", "On Android", "In Chrome"]
        );
        assert_eq!(
            texts(&[Platform::Iphone]),
            ["Common", "On iPhone", "In Chrome"]
        );
        let mut walk = Walk::new(&s);
        walk.answer("iphone").unwrap();
        assert_eq!(walk.platforms(), [Platform::Iphone]);
        let mut other = Walk::new(&s);
        other.answer("other").unwrap();
        assert!(other.platforms().is_empty());
    }
}
