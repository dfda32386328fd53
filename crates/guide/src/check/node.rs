//! One node of each kind: its keys, texts, options, steps, the way a fix
//! goes on, and contacts. Links are collected as `PendingLink`s, resolved
//! by the caller once every node id is known, and written back with
//! `fill_targets`.

use std::collections::HashSet;
use std::ops::Range;

use super::checker::{id_rule, Checker};
use super::values::{allowed_keys, is_valid_phone, parse_wait, present_keys};
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
                    Diagnostic::new(
                        Code::MissingKey,
                        Some(raw.span()),
                        said!("a wait needs `after`", "待ち時間には `after` が必要です"),
                    )
                    .hint(said!(
                        "after = \"7d\" (days) or \"12h\" (hours), as the article says",
                        "記事のとおりに after = \"7d\"(日数)か \"12h\"(時間)と書いてください"
                    )),
                );
                None
            }
            Some(after) => {
                let hours = parse_wait(after.get_ref());
                if hours.is_none() {
                    let value = neutralize(after.get_ref());
                    self.report(
                        Diagnostic::new(
                            Code::InvalidValue,
                            Some(after.span()),
                            said!(
                                "`{value}` is not a wait: write whole days or hours, 1h to 365d",
                                "`{value}` は待ち時間として読めません: 1h から 365d までの、整数の日数か時間で書いてください"
                            ),
                        )
                        .hint(said!(
                            "after = \"7d\" or after = \"12h\"",
                            "after = \"7d\" や after = \"12h\" のように書きます"
                        )),
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
                        said!(
                            "a wait needs `next`: where the walk goes once the time has passed",
                            "待ち時間には `next` が必要です: 時間が過ぎたあとに進むノードです"
                        ),
                    )
                    .hint(add_next()),
                );
                None
            }
            Some(next) if next.get_ref() == id => {
                self.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        Some(next.span()),
                        said!(
                            "a wait cannot lead back to its own node",
                            "待ち時間のあとに同じノードへは戻れません"
                        ),
                    )
                    .hint(said!(
                        "name the node the article sends the reader to after the wait",
                        "待ったあとに記事が案内する先のノードを書いてください"
                    )),
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

    pub(super) fn contacts(&mut self, n: &RawNode, at: &Range<usize>) -> Vec<Contact> {
        let Some(list) = &n.contact else {
            self.report(
                Diagnostic::new(
                    Code::MissingKey,
                    Some(at.clone()),
                    said!(
                        "an escalation needs contacts",
                        "escalation のノードには連絡先が必要です"
                    ),
                )
                .hint(said!(
                    "add one or more [[node.contact]] tables",
                    "[[node.contact]] の表を 1 つ以上書き加えてください"
                )),
            );
            return Vec::new();
        };
        if list.get_ref().is_empty() {
            self.error(
                Code::MissingKey,
                Some(list.span()),
                said!(
                    "an escalation needs at least one contact",
                    "escalation のノードには連絡先が 1 つ以上必要です"
                ),
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
                        said!(
                            "a contact needs `channel`",
                            "連絡先には `channel` が必要です"
                        ),
                    );
                    None
                }
                Some(ch) => {
                    let parsed = Channel::parse(ch.get_ref());
                    if parsed.is_none() {
                        let names: Vec<&str> = Channel::ALL.iter().map(|c| c.id()).collect();
                        self.unknown_value(
                            Text::new("連絡手段", "channel"),
                            Text::new("使える連絡手段", "channels"),
                            ch,
                            &names,
                        );
                    }
                    parsed
                }
            };
            let label = self.text(c.label.as_ref(), "label", &raw.span());
            let phone = c.phone.as_ref().map(|p| {
                if !is_valid_phone(p.get_ref()) {
                    let value = neutralize(p.get_ref());
                    self.report(
                        Diagnostic::new(
                            Code::BadPhone,
                            Some(p.span()),
                            said!(
                                "`{value}` is not a phone number",
                                "`{value}` は電話番号ではありません"
                            ),
                        )
                        .hint(said!(
                            "a Japanese number as printed (\"03-1234-5678\", \"090-1234-5678\", \
                             \"0120-999-373\", \"188\"), or +81 and the number without its 0",
                            "日本の番号を書かれているとおりに(\"03-1234-5678\"、\"090-1234-5678\"、\
                             \"0120-999-373\"、\"188\")、または +81 と先頭の 0 を除いた番号を書いてください"
                        )),
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
                    Channel::Phone | Channel::Hotline if phone.is_none() => {
                        Some(Text::new("`phone` が必要です", "`phone`"))
                    }
                    Channel::WebForm | Channel::HelpCenter
                        if url.is_none() && path.is_none() && steps.is_empty() =>
                    {
                        Some(Text::new(
                            "`url`、`path`、`steps` のどれかが必要です",
                            "`url`, `path` or `steps`",
                        ))
                    }
                    Channel::InApp if path.is_none() && steps.is_empty() => Some(Text::new(
                        "`path` か `steps` が必要です",
                        "`path` or `steps`",
                    )),
                    Channel::Email if url.is_none() && note.is_none() && steps.is_empty() => {
                        Some(Text::new(
                            "`url`、`note`、`steps` のどれかが必要です",
                            "`url`, `note` or `steps`",
                        ))
                    }
                    _ => None,
                };
                if let Some(needs) = needs {
                    let channel_id = channel.id();
                    let (needs_en, needs_ja) = (&needs.en, &needs.ja);
                    self.error(
                        Code::MissingKey,
                        Some(raw.span()),
                        said!(
                            "a `{channel_id}` contact needs {needs_en}",
                            "`{channel_id}` の連絡先には {needs_ja}"
                        ),
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

/// The hint for a missing `next`.
fn add_next() -> Text {
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
