//! What a walk or a guide looks like to its reader, in one language: plain
//! serializable data built from the checked tree and the engine's trail.
//! JSON output is these structs as they are; the text and Markdown
//! renderers and the wizard draw them. `docs/output.schema.json` describes
//! the JSON (`output::json` adds `schema_version`).

use serde::Serialize;

use crate::engine::{offers, question_text, visible_steps, Position, Status, Walk};
use crate::i18n::Lang;
use crate::tree::{Body, Contact, NodeIndex, NodeKind, Platform, Service};

#[derive(Debug, Clone, Serialize)]
pub struct OptionView {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub number: usize,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    /// "iPhone", "Chrome": set when the step is platform-specific.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_label: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub channel: crate::tree::Channel,
    pub channel_label: &'static str,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One node as shown.
#[derive(Debug, Clone, Serialize)]
pub struct NodeView {
    pub id: String,
    pub kind: NodeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// For a question: its text; for a fix that asks: "did this solve it?".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<StepView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<ContactView>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prepare: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tips: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The answer given here, when the node asked something.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<OptionView>,
    /// In a walk: whether the entry came after the last answer given, so
    /// that a bot replaying the answers shows only these.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<bool>,
}

/// The question a stopped walk waits on: `id` and an option's `id` are
/// exactly what `--answer ID=OPTION` takes.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub options: Vec<OptionView>,
    /// How to answer from a script, e.g. `--answer symptom=<option>`.
    pub answer_with: String,
}

/// A whole walk, as scripted mode prints it.
#[derive(Debug, Clone, Serialize)]
pub struct WalkView {
    pub service: String,
    pub service_name: String,
    pub lang: Lang,
    pub status: Status,
    pub trail: Vec<NodeView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<QuestionView>,
    /// When escalated: a ready-to-send message listing what was tried, in
    /// the walk's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support_message: Option<String>,
    /// When escalated: the same message in the language the service's
    /// support reads (Japanese for every shipped service): what to send.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_to_send: Option<MessageToSend>,
    /// Answers given for questions the walk never reached, as
    /// `QUESTION=OPTION` (absent when every answer was used).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unused_answers: Vec<String>,
    /// The scripted command that walks these answers again (absent when a
    /// question was answered twice).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replay: Option<crate::replay::Replay>,
}

/// The support message as the support reads it.
#[derive(Debug, Clone, Serialize)]
pub struct MessageToSend {
    pub lang: Lang,
    pub text: String,
}

pub fn contact_view(c: &Contact, lang: Lang) -> ContactView {
    ContactView {
        channel: c.channel,
        channel_label: crate::i18n::words(lang).channel(c.channel),
        label: c.label.get(lang).to_owned(),
        phone: c.phone.as_deref().map(str::to_owned),
        url: c.url.as_deref().map(str::to_owned),
        path: c.path.as_ref().map(|t| t.get(lang).to_owned()),
        steps: c.steps.iter().map(|t| t.get(lang).to_owned()).collect(),
        hours: c.hours.as_ref().map(|t| t.get(lang).to_owned()),
        cost: c.cost.as_ref().map(|t| t.get(lang).to_owned()),
        note: c.note.as_ref().map(|t| t.get(lang).to_owned()),
    }
}

/// A node as a reader sees it; `chosen` filters platform-specific steps.
pub fn node_view(service: &Service, index: NodeIndex, lang: Lang, chosen: &[Platform]) -> NodeView {
    let node = service.node(index);
    let t = |x: &crate::i18n::Text| x.get(lang).to_owned();
    let mut view = NodeView {
        id: node.id.to_string(),
        kind: node.kind(),
        cause: node.cause.as_ref().map(t),
        title: None,
        question: None,
        help: None,
        text: None,
        warning: node.warning.as_ref().map(t),
        steps: Vec::new(),
        options: Vec::new(),
        contacts: Vec::new(),
        prepare: Vec::new(),
        tips: Vec::new(),
        notes: node.notes.iter().map(t).collect(),
        answer: None,
        new: None,
    };
    match &node.body {
        Body::Question { text, help, .. } => {
            view.question = Some(t(text));
            view.help = help.as_ref().map(t);
        }
        Body::Fix { title, intro, .. } => {
            view.title = Some(t(title));
            view.text = intro.as_ref().map(t);
            view.steps = visible_steps(node, chosen)
                .into_iter()
                .enumerate()
                .map(|(i, s)| StepView {
                    number: i + 1,
                    text: t(&s.text),
                    note: s.note.as_ref().map(t),
                    warning: s.warning.as_ref().map(t),
                    platform: s.platform,
                    platform_label: s.platform.map(|p| crate::i18n::words(lang).platform(p)),
                })
                .collect();
            if node.asks() {
                view.question = Some(t(&question_text(service, index)));
            }
        }
        Body::Escalation {
            title,
            text,
            contacts,
            prepare,
            tips,
        } => {
            view.title = Some(t(title));
            view.text = text.as_ref().map(t);
            view.contacts = contacts.iter().map(|c| contact_view(c, lang)).collect();
            view.prepare = prepare.iter().map(t).collect();
            view.tips = tips.iter().map(t).collect();
        }
        Body::Resolved { title, text } | Body::End { title, text } => {
            view.title = Some(t(title));
            view.text = text.as_ref().map(t);
        }
    }
    if node.asks() {
        view.options = options(service, index, lang);
    }
    view
}

pub fn options(service: &Service, index: NodeIndex, lang: Lang) -> Vec<OptionView> {
    offers(service, index)
        .into_iter()
        .map(|o| OptionView {
            id: o.id,
            label: o.label.get(lang).to_owned(),
        })
        .collect()
}

pub fn question_view(service: &Service, index: NodeIndex, lang: Lang) -> QuestionView {
    let node = service.node(index);
    let help = match &node.body {
        Body::Question { help, .. } => help.as_ref().map(|h| h.get(lang).to_owned()),
        _ => None,
    };
    QuestionView {
        id: node.id.to_string(),
        text: question_text(service, index).get(lang).to_owned(),
        help,
        options: options(service, index, lang),
        answer_with: format!("--answer {}=<option>", node.id),
    }
}

/// The walk so far: every node shown, with answers, and what comes next.
pub fn walk_view(walk: &Walk, lang: Lang, today: &str) -> WalkView {
    let service = walk.service();
    let mut trail = Vec::with_capacity(walk.trail().len());
    let last_answered = walk.trail().iter().rposition(|v| v.answer.is_some());
    // The platforms chosen before each visit, gathered on the way: one pass
    // over the trail (a scan per visit made a long walk quadratic).
    let mut chosen = Vec::new();
    for (i, visit) in walk.trail().iter().enumerate() {
        let mut view = node_view(service, visit.node, lang, &chosen);
        if let Some(answer) = visit.answer {
            view.answer = options(service, visit.node, lang).get(answer).cloned();
        }
        view.new = Some(last_answered.is_none_or(|last| i > last));
        trail.push(view);
        crate::engine::note_platform(service, visit, &mut chosen);
    }
    let status = walk.status();
    let question = match walk.position() {
        Position::Ask(i) => Some(question_view(service, i, lang)),
        _ => None,
    };
    let support_message = (status == Status::Escalated)
        .then(|| crate::output::report::support_message(walk, lang, today));
    let support = crate::output::report::support_lang(service);
    let message_to_send = support_message.as_ref().map(|in_lang| MessageToSend {
        lang: support,
        text: if support == lang {
            in_lang.clone()
        } else {
            crate::output::report::support_message(walk, support, today)
        },
    });
    WalkView {
        service: service.id.to_string(),
        service_name: service.name.get(lang).to_owned(),
        lang,
        status,
        trail,
        question,
        support_message,
        message_to_send,
        unused_answers: Vec::new(),
        replay: crate::replay::replay(walk),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::PLATFORM_NOTES;

    /// A guide of `nodes` nodes: a question that picks a platform, then a
    /// chain of fixes with a step for each of two platforms, then the end.
    fn chain(nodes: usize) -> String {
        let mut s = String::from(
            r#"format = 1
id = "chain"
reviewed = "2026-11-22"
start = "q"
name = { ja = "鎖", en = "Chain" }
summary = { ja = "鎖", en = "Chain" }
[[source]]
title = "t"
ref = "t.txt"

[[node]]
id = "q"
kind = "question"
text = { ja = "端末は?", en = "Device?" }
[[node.option]]
id = "iphone"
label = { ja = "iPhone", en = "iPhone" }
next = "n1"
platform = "iphone"
[[node.option]]
id = "android"
label = { ja = "Android", en = "Android" }
next = "n1"
platform = "android"
"#,
        );
        for i in 1..nodes - 1 {
            s.push_str(&format!(
                r#"[[node]]
id = "n{i}"
kind = "fix"
title = {{ ja = "直す", en = "Fix" }}
next = "n{}"
[[node.step]]
text = {{ ja = "共通", en = "Common" }}
[[node.step]]
text = {{ ja = "アイフォン", en = "On iPhone" }}
platform = "iphone"
[[node.step]]
text = {{ ja = "アンドロイド", en = "On Android" }}
platform = "android"
"#,
                i + 1
            ));
        }
        s.push_str(&format!(
            "[[node]]\nid = \"n{}\"\nkind = \"resolved\"\ntitle = {{ ja = \"完\", en = \"Done\" }}\n",
            nodes - 1
        ));
        s
    }

    /// A long walk is viewed by looking at each visit once, not once per
    /// earlier visit (which made `--format json` of a 200 000-node chain
    /// take 21 s): the work is counted, not timed. (20 000 nodes keep the
    /// debug-build checker under a few seconds; the count is the same
    /// linear bound at any length, where a scan per visit is n²/2.)
    #[test]
    fn a_long_walk_is_viewed_in_one_pass() {
        let nodes = 20_000;
        let checked = crate::tree::check_source(&chain(nodes));
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics.first());
        let service = checked.service.unwrap();
        let mut walk = Walk::new(&service);
        walk.answer("iphone").unwrap();
        while walk.advance().is_some() {}
        assert_eq!(walk.trail().len(), nodes);
        assert_eq!(walk.status(), Status::Resolved);

        PLATFORM_NOTES.with(|n| n.set(0));
        let view = walk_view(&walk, Lang::En, "2026-11-22");
        let looked_at = PLATFORM_NOTES.with(|n| n.get());
        assert!(
            looked_at <= nodes,
            "{looked_at} visits looked at to view a walk of {nodes}"
        );

        assert_eq!(view.trail.len(), nodes);
        let steps =
            |v: &NodeView| -> Vec<String> { v.steps.iter().map(|s| s.text.clone()).collect() };
        assert!(view.trail[0].steps.is_empty());
        for at in [1, nodes / 2, nodes - 2] {
            assert_eq!(
                steps(&view.trail[at]),
                ["Common", "On iPhone"],
                "visit {at}"
            );
        }
        assert_eq!(
            view.trail[0].answer.as_ref().map(|a| a.id.as_str()),
            Some("iphone")
        );
    }
}
