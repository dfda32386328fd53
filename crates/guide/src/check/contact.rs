//! The contacts of an escalation: each one's channel, label, and the phone,
//! URL or path that reaches it, with its hours and cost.

use std::ops::Range;

use super::checker::Checker;
use super::values::is_valid_phone;
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::Text;
use crate::model::*;
use crate::raw::*;
use crate::said;
use crate::text::neutralize;

impl Checker {
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
