//! One node of each kind: its keys, texts, options, steps and the way a
//! fix goes on (its wait is in `wait`, an escalation's contacts in
//! `contact`). Links are collected as `PendingLink`s, resolved
//! by the caller once every node id is known, and written back with
//! `fill_targets`.

use std::collections::HashSet;
use std::ops::Range;

use super::checker::{id_rule, Checker};
use super::values::{allowed_keys, present_keys};
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::Text;
use crate::model::*;
use crate::raw::*;
use crate::said;
use crate::text::{neutralize, width};

/// The widest an option label may be and still fit an 80-column prompt.
pub const MAX_LABEL_COLUMNS: usize = 36;

impl Checker {
    /// Convert one node. Links are returned separately (in the order
    /// `fill_targets` expects) because ids are resolved by the caller.
    pub(super) fn node<'r>(&mut self, raw: &'r S<RawNode>) -> (Option<Node>, Vec<PendingLink<'r>>) {
        let n = raw.get_ref();
        let at = n.id.as_ref().map_or_else(|| raw.span(), |i| i.span());
        if n.id.is_none() {
            self.error(
                Code::MissingKey,
                Some(raw.span()),
                said!("a node needs `id`", "ノードには `id` が必要です"),
            );
        }
        let kind = match &n.kind {
            None => {
                self.report(
                    Diagnostic::new(
                        Code::MissingKey,
                        Some(at.clone()),
                        said!("a node needs `kind`", "ノードには `kind` が必要です"),
                    )
                    .hint(said!(
                        "kind = \"question\", \"fix\", \"escalation\", \"resolved\" or \"end\"",
                        "kind = \"question\"、\"fix\"、\"escalation\"、\"resolved\"、\"end\" のどれかです"
                    )),
                );
                return (None, Vec::new());
            }
            Some(k) => match NodeKind::parse(k.get_ref()) {
                Some(kind) => kind,
                None => {
                    let names: Vec<&str> = NodeKind::ALL.iter().map(|k| k.id()).collect();
                    self.unknown_value(
                        Text::new("ノードの種類", "node kind"),
                        Text::new("使える種類", "kinds"),
                        k,
                        &names,
                    );
                    return (None, Vec::new());
                }
            },
        };
        let allowed = allowed_keys(kind);
        for (key, key_span) in present_keys(n) {
            if !allowed.contains(&key) {
                let kind_id = kind.id();
                let keys = allowed.join(", ");
                let keys_ja = allowed
                    .iter()
                    .chain(&["cause", "warning", "notes"])
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join("、");
                self.report(
                    Diagnostic::new(
                        Code::UnknownKey,
                        Some(key_span),
                        said!(
                            "`{key}` does not belong in a {kind_id} node",
                            "`{key}` は {kind_id} のノードには書けません"
                        ),
                    )
                    .hint(said!(
                        "a {kind_id} node takes: {keys}, cause, warning, notes",
                        "{kind_id} のノードに書けるキー: {keys_ja}"
                    )),
                );
            }
        }
        let id =
            n.id.as_ref()
                .map(|i| neutralize(i.get_ref()))
                .unwrap_or_default();
        let cause = self.optional_text(n.cause.as_ref(), "cause");
        let warning = self.optional_text(n.warning.as_ref(), "warning");
        let notes = self.text_list(n.notes.as_ref(), "notes");
        let mut pending = Vec::new();
        let body = match kind {
            NodeKind::Question => {
                let text = self.text(n.text.as_ref(), "text", &at);
                let help = self.optional_text(n.help.as_ref(), "help");
                let options = self.options(n, &at, &mut pending);
                text.map(|text| Body::Question {
                    text,
                    help,
                    options: options.into(),
                })
            }
            NodeKind::Fix => {
                let title = self.text(n.title.as_ref(), "title", &at);
                let intro = self.optional_text(n.intro.as_ref(), "intro");
                let steps = self.steps(n, &at);
                let after = self.after_fix(n, &at, &mut pending);
                match (title, after) {
                    (Some(title), Some(after)) => Some(Body::Fix {
                        title,
                        intro,
                        steps: steps.into(),
                        after,
                    }),
                    _ => None,
                }
            }
            NodeKind::Escalation => {
                let title = self.text(n.title.as_ref(), "title", &at);
                let text = self.optional_text(n.text.as_ref(), "text");
                let contacts = self.contacts(n, &at);
                let prepare = self.text_list(n.prepare.as_ref(), "prepare");
                let tips = self.text_list(n.tips.as_ref(), "tips");
                title.map(|title| Body::Escalation {
                    title,
                    text,
                    contacts: contacts.into(),
                    prepare: prepare.into(),
                    tips: tips.into(),
                })
            }
            NodeKind::Resolved | NodeKind::End => {
                let title = self.text(n.title.as_ref(), "title", &at);
                let text = self.optional_text(n.text.as_ref(), "text");
                title.map(|title| {
                    if kind == NodeKind::Resolved {
                        Body::Resolved { title, text }
                    } else {
                        Body::End { title, text }
                    }
                })
            }
        };
        // The wait's link comes last: `fill_targets` takes it from the end.
        let wait = match &n.wait {
            Some(raw) if allowed.contains(&"wait") => self.wait(raw, &id, &mut pending),
            _ => None,
        };
        let node = body.map(|body| Node {
            id: id.into(),
            cause,
            warning,
            notes: notes.into(),
            body,
            wait,
        });
        (node, pending)
    }

    pub(super) fn options<'r>(
        &mut self,
        n: &'r RawNode,
        at: &Range<usize>,
        pending: &mut Vec<PendingLink<'r>>,
    ) -> Vec<Choice> {
        let Some(list) = &n.option else {
            self.report(
                Diagnostic::new(
                    Code::LeadsNowhere,
                    Some(at.clone()),
                    said!("a question needs options", "質問には選択肢が必要です"),
                )
                .hint(said!(
                    "add two or more [[node.option]] tables",
                    "[[node.option]] の表を 2 つ以上書き加えてください"
                )),
            );
            return Vec::new();
        };
        if list.get_ref().len() < 2 {
            self.report(
                Diagnostic::new(
                    Code::LeadsNowhere,
                    Some(list.span()),
                    said!(
                        "a question needs at least 2 options, this one has {}",
                        "質問には選択肢が 2 つ以上必要です(これには {} つ)",
                        list.get_ref().len()
                    ),
                )
                .hint(said!(
                    "a fix with steps, or a yes/no question, may be what is meant",
                    "手順のある fix のノードか、はい・いいえで答える質問のほうが合うかもしれません"
                )),
            );
        }
        let mut seen: HashSet<&str> = HashSet::new();
        let mut choices = Vec::new();
        for option in list.get_ref() {
            let o = option.get_ref();
            let option_id = match &o.id {
                None => {
                    self.error(
                        Code::MissingKey,
                        Some(option.span()),
                        said!("an option needs `id`", "選択肢には `id` が必要です"),
                    );
                    String::new()
                }
                Some(id) => {
                    self.id(id, Text::new("選択肢", "option"), id_rule);
                    if !seen.insert(id.get_ref()) {
                        let value = neutralize(id.get_ref());
                        self.error(
                            Code::DuplicateId,
                            Some(id.span()),
                            said!(
                                "option id `{value}` is used twice in this question",
                                "選択肢の ID `{value}` がこの質問で二度使われています"
                            ),
                        );
                    }
                    neutralize(id.get_ref())
                }
            };
            let label = self.text(o.label.as_ref(), "label", &option.span());
            if let (Some(label), Some(raw_label)) = (&label, &o.label) {
                let raw_label = raw_label.get_ref();
                let (widest, at) = if width(&label.ja) >= width(&label.en) {
                    (width(&label.ja), raw_label.ja.as_ref().map(|s| s.span()))
                } else {
                    (width(&label.en), raw_label.en.as_ref().map(|s| s.span()))
                };
                if widest > MAX_LABEL_COLUMNS {
                    self.report(
                        Diagnostic::new(
                            Code::WideLabel,
                            at,
                            said!(
                                "this label is {widest} columns wide; at most {MAX_LABEL_COLUMNS} fit a prompt",
                                "この選択肢の幅は {widest} 桁です。選択の画面に収まるのは {MAX_LABEL_COLUMNS} 桁までです"
                            ),
                        )
                        .hint(said!(
                            "shorten it and move the detail into the question's `text` or `help`",
                            "短くして、詳しい説明は質問の `text` か `help` に移してください"
                        )),
                    );
                }
            }
            let platform = self.platform(o.platform.as_ref());
            if o.next.is_none() {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(option.span()),
                        said!(
                            "option `{option_id}` leads nowhere",
                            "選択肢 `{option_id}` に行き先がありません"
                        ),
                    )
                    .hint(add_next()),
                );
            }
            pending.push(PendingLink {
                target: o.next.as_ref(),
            });
            choices.push(Choice {
                id: option_id.into(),
                label: label.unwrap_or_else(|| Text::new("", "")),
                next: 0,
                platform,
            });
        }
        choices
    }

    pub(super) fn steps(&mut self, n: &RawNode, at: &Range<usize>) -> Vec<Step> {
        let Some(list) = &n.step else {
            self.report(
                Diagnostic::new(
                    Code::MissingKey,
                    Some(at.clone()),
                    said!("a fix needs steps", "fix のノードには手順が必要です"),
                )
                .hint(said!(
                    "add one or more [[node.step]] tables",
                    "[[node.step]] の表を 1 つ以上書き加えてください"
                )),
            );
            return Vec::new();
        };
        if list.get_ref().is_empty() {
            self.error(
                Code::MissingKey,
                Some(list.span()),
                said!(
                    "a fix needs at least one step",
                    "fix のノードには手順が 1 つ以上必要です"
                ),
            );
        }
        list.get_ref()
            .iter()
            .map(|step| {
                let s = step.get_ref();
                Step {
                    text: self
                        .text(s.text.as_ref(), "text", &step.span())
                        .unwrap_or_else(|| Text::new("", "")),
                    note: self.optional_text(s.note.as_ref(), "note"),
                    warning: self.optional_text(s.warning.as_ref(), "warning"),
                    platform: self.platform(s.platform.as_ref()),
                }
            })
            .collect()
    }

    pub(super) fn after_fix<'r>(
        &mut self,
        n: &'r RawNode,
        at: &Range<usize>,
        pending: &mut Vec<PendingLink<'r>>,
    ) -> Option<AfterFix> {
        match (&n.solved, &n.unsolved, &n.next) {
            (Some(solved), Some(unsolved), None) => {
                pending.push(PendingLink {
                    target: Some(solved),
                });
                pending.push(PendingLink {
                    target: Some(unsolved),
                });
                Some(AfterFix::Ask {
                    solved: 0,
                    unsolved: 0,
                })
            }
            (None, None, Some(next)) => {
                pending.push(PendingLink { target: Some(next) });
                Some(AfterFix::Continue(0))
            }
            (solved, unsolved, Some(next)) if solved.is_some() || unsolved.is_some() => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        Some(next.span()),
                        said!(
                            "a fix takes either `next` or `solved` and `unsolved`, not both",
                            "fix のノードに書けるのは `next` か、`solved` と `unsolved` のどちらか一方です"
                        ),
                    )
                    .hint(said!(
                        "use `next` only for steps that are not themselves a fix",
                        "`next` は、それ自体では解決にならない手順にだけ使ってください"
                    )),
                );
                None
            }
            (Some(s), None, None) => {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(s.span()),
                        said!(
                            "this fix leads nowhere when it does not help",
                            "この fix で解決しなかったときの行き先がありません"
                        ),
                    )
                    .hint(said!(
                        "add unsolved = \"<node id>\"",
                        "unsolved = \"<ノードの ID>\" を書き加えてください"
                    )),
                );
                None
            }
            (None, Some(u), None) => {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(u.span()),
                        said!(
                            "this fix leads nowhere when it works",
                            "この fix で解決したときの行き先がありません"
                        ),
                    )
                    .hint(said!(
                        "add solved = \"<node id>\"",
                        "solved = \"<ノードの ID>\" を書き加えてください"
                    )),
                );
                None
            }
            _ => {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(at.clone()),
                        said!("this fix leads nowhere", "この fix には行き先がありません"),
                    )
                    .hint(said!(
                        "add solved and unsolved (or next) node ids",
                        "solved と unsolved(または next)にノードの ID を書いてください"
                    )),
                );
                None
            }
        }
    }
}

/// The hint for a missing `next`.
pub(super) fn add_next() -> Text {
    said!(
        "add next = \"<node id>\"",
        "next = \"<ノードの ID>\" を書き加えてください"
    )
}

/// A link slot of a node, in the order `fill_targets` reads them.
pub(super) struct PendingLink<'r> {
    pub(super) target: Option<&'r S<String>>,
}

/// Write resolved link targets into a node, in the order they were
/// collected: options in order; or solved, unsolved; or next; then the
/// wait's `next`, if the node has a wait.
pub(super) fn fill_targets(node: &mut Node, mut targets: &[NodeIndex]) {
    if let Some(wait) = &mut node.wait {
        if let Some((&last, rest)) = targets.split_last() {
            wait.next = last;
            targets = rest;
        }
    }
    match &mut node.body {
        Body::Question { options, .. } => {
            for (o, &t) in options.to_mut().iter_mut().zip(targets) {
                o.next = t;
            }
        }
        Body::Fix { after, .. } => match after {
            AfterFix::Ask { solved, unsolved } => {
                if let [s, u] = targets {
                    *solved = *s;
                    *unsolved = *u;
                }
            }
            AfterFix::Continue(next) => {
                if let [n] = targets {
                    *next = *n;
                }
            }
        },
        _ => {}
    }
}
