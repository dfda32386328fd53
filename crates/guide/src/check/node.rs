//! One node of each kind: its keys, texts, options, steps, the way a fix
//! goes on, and contacts. Links are collected as `PendingLink`s, resolved
//! by the caller once every node id is known, and written back with
//! `fill_targets`.

use std::collections::HashSet;
use std::ops::Range;

use super::checker::Checker;
use super::checker::ID_RULE;
use super::values::{allowed_keys, is_valid_phone, parse_wait, present_keys};
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::Text;
use crate::model::*;
use crate::raw::*;
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
            self.error(Code::MissingKey, Some(raw.span()), "a node needs `id`");
        }
        let kind = match &n.kind {
            None => {
                self.report(
                    Diagnostic::new(Code::MissingKey, Some(at.clone()), "a node needs `kind`")
                        .hint(
                            "kind = \"question\", \"fix\", \"escalation\", \"resolved\" or \"end\"",
                        ),
                );
                return (None, Vec::new());
            }
            Some(k) => match NodeKind::parse(k.get_ref()) {
                Some(kind) => kind,
                None => {
                    let names: Vec<&str> = NodeKind::ALL.iter().map(|k| k.id()).collect();
                    self.unknown_value("node kind", "kinds", k, &names);
                    return (None, Vec::new());
                }
            },
        };
        let allowed = allowed_keys(kind);
        for (key, key_span) in present_keys(n) {
            if !allowed.contains(&key) {
                self.report(
                    Diagnostic::new(
                        Code::UnknownKey,
                        Some(key_span),
                        format!("`{key}` does not belong in a {} node", kind.id()),
                    )
                    .hint(format!(
                        "a {} node takes: {}, cause, warning, notes",
                        kind.id(),
                        allowed.join(", ")
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

    /// `[node.wait]`: `after` a whole number of days or hours, `next` a
    /// node other than this one, and a `reason` in both languages. A wait
    /// with a problem is reported and left out.
    pub(super) fn wait<'r>(
        &mut self,
        raw: &'r S<RawWait>,
        id: &str,
        pending: &mut Vec<PendingLink<'r>>,
    ) -> Option<Wait> {
        let w = raw.get_ref();
        let hours = match &w.after {
            None => {
                self.report(
                    Diagnostic::new(Code::MissingKey, Some(raw.span()), "a wait needs `after`")
                        .hint("after = \"7d\" (days) or \"12h\" (hours), as the article says"),
                );
                None
            }
            Some(after) => {
                let hours = parse_wait(after.get_ref());
                if hours.is_none() {
                    self.report(
                        Diagnostic::new(
                            Code::InvalidValue,
                            Some(after.span()),
                            format!(
                                "`{}` is not a wait: write whole days or hours, 1h to 365d",
                                neutralize(after.get_ref())
                            ),
                        )
                        .hint("after = \"7d\" or after = \"12h\""),
                    );
                }
                hours
            }
        };
        let reason = self.text(w.reason.as_ref(), "reason", &raw.span());
        let next = match &w.next {
            None => {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(raw.span()),
                        "a wait needs `next`: where the walk goes once the time has passed",
                    )
                    .hint("add next = \"<node id>\""),
                );
                None
            }
            Some(next) if next.get_ref() == id => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        Some(next.span()),
                        "a wait cannot lead back to its own node",
                    )
                    .hint("name the node the article sends the reader to after the wait"),
                );
                None
            }
            Some(next) => Some(next),
        };
        let (hours, reason, next) = (hours?, reason?, next?);
        pending.push(PendingLink { target: Some(next) });
        Some(Wait {
            hours: hours as usize,
            next: 0,
            reason,
        })
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
                    "a question needs options",
                )
                .hint("add two or more [[node.option]] tables"),
            );
            return Vec::new();
        };
        if list.get_ref().len() < 2 {
            self.report(
                Diagnostic::new(
                    Code::LeadsNowhere,
                    Some(list.span()),
                    format!(
                        "a question needs at least 2 options, this one has {}",
                        list.get_ref().len()
                    ),
                )
                .hint("a fix with steps, or a yes/no question, may be what is meant"),
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
                        "an option needs `id`",
                    );
                    String::new()
                }
                Some(id) => {
                    self.id(id, "option", ID_RULE);
                    if !seen.insert(id.get_ref()) {
                        self.error(
                            Code::DuplicateId,
                            Some(id.span()),
                            format!(
                                "option id `{}` is used twice in this question",
                                neutralize(id.get_ref())
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
                            format!("this label is {widest} columns wide; at most {MAX_LABEL_COLUMNS} fit a prompt"),
                        )
                        .hint("shorten it and move the detail into the question's `text` or `help`"),
                    );
                }
            }
            let platform = self.platform(o.platform.as_ref());
            if o.next.is_none() {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(option.span()),
                        format!("option `{option_id}` leads nowhere"),
                    )
                    .hint("add next = \"<node id>\""),
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
                Diagnostic::new(Code::MissingKey, Some(at.clone()), "a fix needs steps")
                    .hint("add one or more [[node.step]] tables"),
            );
            return Vec::new();
        };
        if list.get_ref().is_empty() {
            self.error(
                Code::MissingKey,
                Some(list.span()),
                "a fix needs at least one step",
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
                        "a fix takes either `next` or `solved` and `unsolved`, not both",
                    )
                    .hint("use `next` only for steps that are not themselves a fix"),
                );
                None
            }
            (Some(s), None, None) => {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(s.span()),
                        "this fix leads nowhere when it does not help",
                    )
                    .hint("add unsolved = \"<node id>\""),
                );
                None
            }
            (None, Some(u), None) => {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(u.span()),
                        "this fix leads nowhere when it works",
                    )
                    .hint("add solved = \"<node id>\""),
                );
                None
            }
            _ => {
                self.report(
                    Diagnostic::new(
                        Code::LeadsNowhere,
                        Some(at.clone()),
                        "this fix leads nowhere",
                    )
                    .hint("add solved and unsolved (or next) node ids"),
                );
                None
            }
        }
    }

    pub(super) fn contacts(&mut self, n: &RawNode, at: &Range<usize>) -> Vec<Contact> {
        let Some(list) = &n.contact else {
            self.report(
                Diagnostic::new(
                    Code::MissingKey,
                    Some(at.clone()),
                    "an escalation needs contacts",
                )
                .hint("add one or more [[node.contact]] tables"),
            );
            return Vec::new();
        };
        if list.get_ref().is_empty() {
            self.error(
                Code::MissingKey,
                Some(list.span()),
                "an escalation needs at least one contact",
            );
        }
        let mut contacts = Vec::new();
        for raw in list.get_ref() {
            let c = raw.get_ref();
            let channel = match &c.channel {
                None => {
                    self.error(
                        Code::MissingKey,
                        Some(raw.span()),
                        "a contact needs `channel`",
                    );
                    None
                }
                Some(ch) => {
                    let parsed = Channel::parse(ch.get_ref());
                    if parsed.is_none() {
                        let names: Vec<&str> = Channel::ALL.iter().map(|c| c.id()).collect();
                        self.unknown_value("channel", "channels", ch, &names);
                    }
                    parsed
                }
            };
            let label = self.text(c.label.as_ref(), "label", &raw.span());
            let phone = c.phone.as_ref().map(|p| {
                if !is_valid_phone(p.get_ref()) {
                    self.report(
                        Diagnostic::new(
                            Code::BadPhone,
                            Some(p.span()),
                            format!("`{}` is not a phone number", neutralize(p.get_ref())),
                        )
                        .hint(
                            "a Japanese number as printed (\"03-1234-5678\", \"090-1234-5678\", \
                             \"0120-999-373\", \"188\"), or +81 and the number without its 0",
                        ),
                    );
                }
                neutralize(p.get_ref())
            });
            let url = c.url.as_ref().map(|u| self.contact_url(u));
            let path = self.optional_text(c.path.as_ref(), "path");
            let steps = self.text_list(c.steps.as_ref(), "steps");
            let hours = self.optional_text(c.hours.as_ref(), "hours");
            let cost = self.optional_text(c.cost.as_ref(), "cost");
            let note = self.optional_text(c.note.as_ref(), "note");
            if let Some(channel) = channel {
                let needs = match channel {
                    Channel::Phone | Channel::Hotline if phone.is_none() => Some("`phone`"),
                    Channel::WebForm | Channel::HelpCenter
                        if url.is_none() && path.is_none() && steps.is_empty() =>
                    {
                        Some("`url`, `path` or `steps`")
                    }
                    Channel::InApp if path.is_none() && steps.is_empty() => {
                        Some("`path` or `steps`")
                    }
                    Channel::Email if url.is_none() && note.is_none() && steps.is_empty() => {
                        Some("`url`, `note` or `steps`")
                    }
                    _ => None,
                };
                if let Some(needs) = needs {
                    self.error(
                        Code::MissingKey,
                        Some(raw.span()),
                        format!("a `{}` contact needs {needs}", channel.id()),
                    );
                }
            }
            if let (Some(channel), Some(label)) = (channel, label) {
                contacts.push(Contact {
                    channel,
                    label,
                    phone: phone.map(Str::from),
                    url: url.map(Str::from),
                    path,
                    steps: steps.into(),
                    hours,
                    cost,
                    note,
                });
            }
        }
        contacts
    }
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
