//! The form the shipped guides take inside the binary. The build script
//! (`build.rs`) runs the same checker as `loginhelp validate` on every
//! `services/*.toml` and stores each tree that has no errors as two parts:
//!
//! - a string table, embedded with `include_str!` (so the compiler has
//!   already checked that it is UTF-8), holding every text of the guide;
//! - a skeleton of varints: the shape of the guide, with each text given as
//!   a range of the string table.
//!
//! Loading a shipped guide (`Compiled::load`) reads the skeleton and borrows every text
//! from the table: nothing is parsed, checked, validated or copied, and only
//! the lists are allocated. The data holds no pointers, so the dynamic loader
//! has nothing to relocate in it at start-up, whatever the command.
//!
//! A shipped tree with errors is stored as text only; it is checked when it
//! is used, and its diagnostics are reported as for any other file.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::lang::Text;
use crate::model::*;

/// A guide as the build script stores it.
#[derive(Debug, Default)]
pub struct Stored {
    pub skeleton: Vec<u8>,
    pub strings: String,
    /// Where each distinct text already is in `strings`.
    placed: HashMap<String, (usize, usize)>,
}

/// Store a checked guide (at build time).
pub fn store(service: &Service) -> Stored {
    let mut stored = Stored::default();
    service.store(&mut stored);
    stored
}

/// A stored guide as the binary carries it (see `build.rs`).
#[derive(Debug, Clone, Copy)]
pub struct Compiled {
    pub skeleton: &'static [u8],
    pub strings: &'static str,
}

impl Compiled {
    /// The guide stored by `store` in the same build. `None` means the parts
    /// do not hold one, and the caller checks the guide's text instead.
    pub fn load(self) -> Option<Service> {
        let mut reader = Reader {
            skeleton: self.skeleton,
            at: 0,
            strings: self.strings,
        };
        let service = Service::load(&mut reader)?;
        let well_formed = reader.at == self.skeleton.len()
            && service.start < service.nodes.len()
            && service.nodes.iter().all(|node| {
                node.targets()
                    .into_iter()
                    .chain(node.wait.as_ref().map(|w| w.next))
                    .all(|target| target < service.nodes.len())
            });
        well_formed.then_some(service)
    }
}

impl Stored {
    fn number(&mut self, mut n: usize) {
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.skeleton.push(low);
                return;
            }
            self.skeleton.push(low | 0x80);
        }
    }

    fn text(&mut self, s: &str) {
        let (start, end) = match self.placed.get(s) {
            Some(&range) => range,
            None => {
                let range = (self.strings.len(), self.strings.len() + s.len());
                self.strings.push_str(s);
                self.placed.insert(s.to_owned(), range);
                range
            }
        };
        self.number(start);
        self.number(end - start);
    }
}

struct Reader {
    skeleton: &'static [u8],
    at: usize,
    strings: &'static str,
}

impl Reader {
    fn byte(&mut self) -> Option<u8> {
        let byte = *self.skeleton.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    fn number(&mut self) -> Option<usize> {
        let mut n: usize = 0;
        for shift in (0..usize::BITS).step_by(7) {
            let byte = self.byte()?;
            n |= usize::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn text(&mut self) -> Option<&'static str> {
        let start = self.number()?;
        let len = self.number()?;
        self.strings.get(start..start.checked_add(len)?)
    }
}

/// One type's part of the skeleton: `store` writes it, `load` reads it back
/// in the same order.
trait Part: Sized {
    fn store(&self, out: &mut Stored);
    fn load(from: &mut Reader) -> Option<Self>;
}

impl Part for Str {
    fn store(&self, out: &mut Stored) {
        out.text(self);
    }
    fn load(from: &mut Reader) -> Option<Self> {
        from.text().map(Cow::Borrowed)
    }
}

impl Part for usize {
    fn store(&self, out: &mut Stored) {
        out.number(*self);
    }
    fn load(from: &mut Reader) -> Option<Self> {
        from.number()
    }
}

impl<T: Part + Clone> Part for List<T> {
    fn store(&self, out: &mut Stored) {
        out.number(self.len());
        for item in self.iter() {
            item.store(out);
        }
    }
    fn load(from: &mut Reader) -> Option<Self> {
        let len = from.number()?;
        // Every item takes at least one byte: a bad length cannot reserve much.
        let mut items = Vec::with_capacity(len.min(from.skeleton.len() - from.at));
        for _ in 0..len {
            items.push(T::load(from)?);
        }
        Some(Cow::Owned(items))
    }
}

impl<T: Part> Part for Option<T> {
    fn store(&self, out: &mut Stored) {
        match self {
            None => out.number(0),
            Some(value) => {
                out.number(1);
                value.store(out);
            }
        }
    }
    fn load(from: &mut Reader) -> Option<Self> {
        match from.number()? {
            0 => Some(None),
            1 => Some(Some(T::load(from)?)),
            _ => None,
        }
    }
}

/// `Part` for a struct: its fields stored and loaded in the order listed.
/// Destructuring names every field, so a field added to the model and not
/// here does not compile.
macro_rules! part_of_struct {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {$(
        impl Part for $ty {
            fn store(&self, out: &mut Stored) {
                let $ty { $($field),* } = self;
                $($field.store(out);)*
            }
            fn load(from: &mut Reader) -> Option<Self> {
                Some($ty { $($field: Part::load(from)?),* })
            }
        }
    )*};
}

part_of_struct! {
    Text { ja, en }
    Link { kind, url, label }
    Source { title, reference, note }
    Node { id, cause, warning, notes, body, wait }
    Wait { hours, next, reason }
    Choice { id, label, next, platform }
    Step { text, note, warning, platform }
    Contact { channel, label, phone, url, path, steps, hours, cost, note }
}

/// `Part` for an enum without data: its place in `ALL`.
macro_rules! part_of_listed_enum {
    ($($ty:ident)*) => {$(
        impl Part for $ty {
            fn store(&self, out: &mut Stored) {
                let index = $ty::ALL.iter().position(|v| v == self);
                out.number(index.unwrap_or(usize::MAX));
            }
            fn load(from: &mut Reader) -> Option<Self> {
                $ty::ALL.get(from.number()?).copied()
            }
        }
    )*};
}

part_of_listed_enum! { Platform Channel }

impl Part for Service {
    fn store(&self, out: &mut Stored) {
        let Service {
            id,
            aliases,
            reviewed,
            name,
            summary,
            links,
            sources,
            start,
            nodes,
            ..
        } = self;
        id.store(out);
        aliases.store(out);
        reviewed.store(out);
        name.store(out);
        summary.store(out);
        links.store(out);
        sources.store(out);
        start.store(out);
        nodes.store(out);
    }
    fn load(from: &mut Reader) -> Option<Self> {
        Some(Service::new(
            Part::load(from)?,
            Part::load(from)?,
            Part::load(from)?,
            Part::load(from)?,
            Part::load(from)?,
            Part::load(from)?,
            Part::load(from)?,
            Part::load(from)?,
            Part::load(from)?,
        ))
    }
}

impl Part for Body {
    fn store(&self, out: &mut Stored) {
        match self {
            Body::Question {
                text,
                help,
                options,
            } => {
                out.number(0);
                text.store(out);
                help.store(out);
                options.store(out);
            }
            Body::Fix {
                title,
                intro,
                steps,
                after,
            } => {
                out.number(1);
                title.store(out);
                intro.store(out);
                steps.store(out);
                after.store(out);
            }
            Body::Escalation {
                title,
                text,
                contacts,
                prepare,
                tips,
            } => {
                out.number(2);
                title.store(out);
                text.store(out);
                contacts.store(out);
                prepare.store(out);
                tips.store(out);
            }
            Body::Resolved { title, text } => {
                out.number(3);
                title.store(out);
                text.store(out);
            }
            Body::End { title, text } => {
                out.number(4);
                title.store(out);
                text.store(out);
            }
        }
    }
    fn load(from: &mut Reader) -> Option<Self> {
        Some(match from.number()? {
            0 => Body::Question {
                text: Part::load(from)?,
                help: Part::load(from)?,
                options: Part::load(from)?,
            },
            1 => Body::Fix {
                title: Part::load(from)?,
                intro: Part::load(from)?,
                steps: Part::load(from)?,
                after: Part::load(from)?,
            },
            2 => Body::Escalation {
                title: Part::load(from)?,
                text: Part::load(from)?,
                contacts: Part::load(from)?,
                prepare: Part::load(from)?,
                tips: Part::load(from)?,
            },
            3 => Body::Resolved {
                title: Part::load(from)?,
                text: Part::load(from)?,
            },
            4 => Body::End {
                title: Part::load(from)?,
                text: Part::load(from)?,
            },
            _ => return None,
        })
    }
}

impl Part for AfterFix {
    fn store(&self, out: &mut Stored) {
        match *self {
            AfterFix::Ask { solved, unsolved } => {
                out.number(0);
                solved.store(out);
                unsolved.store(out);
            }
            AfterFix::Continue(next) => {
                out.number(1);
                next.store(out);
            }
        }
    }
    fn load(from: &mut Reader) -> Option<Self> {
        Some(match from.number()? {
            0 => AfterFix::Ask {
                solved: Part::load(from)?,
                unsolved: Part::load(from)?,
            },
            1 => AfterFix::Continue(Part::load(from)?),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(ja: &str, en: &str) -> Text {
        Text::new(ja.to_owned(), en.to_owned())
    }

    fn leak(stored: Stored) -> Compiled {
        Compiled {
            skeleton: Box::leak(stored.skeleton.into_boxed_slice()),
            strings: Box::leak(stored.strings.into_boxed_str()),
        }
    }

    /// A guide with every kind of node, every platform and channel, both
    /// ways a fix goes on, present and absent options, empty lists, repeated
    /// and non-ASCII texts, and node indices of one, two and three varint bytes.
    fn every_shape() -> Service {
        let filler = |i: usize| Node {
            id: format!("filler-{i}").into(),
            cause: None,
            warning: None,
            notes: Vec::new().into(),
            body: Body::End {
                title: text("終わり", "End"),
                text: None,
            },
            wait: None,
        };
        let mut nodes: Vec<Node> = (0..20_000).map(filler).collect();
        nodes[0] = Node {
            id: "symptom".into(),
            cause: Some(text("原因", "Cause")),
            warning: Some(text("注意\u{1b}", "Careful")),
            notes: vec![text("メモ", "Note"), text("メモ", "Note")].into(),
            body: Body::Question {
                text: text("どうしましたか?", "What happened?"),
                help: None,
                options: Platform::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, &p)| Choice {
                        id: p.id().into(),
                        label: text("選ぶ", "Pick"),
                        next: [1, 200, 19_999][i % 3],
                        platform: Some(p),
                    })
                    .chain([Choice {
                        id: "none".into(),
                        label: text("", ""),
                        next: 2,
                        platform: None,
                    }])
                    .collect::<Vec<_>>()
                    .into(),
            },
            wait: None,
        };
        nodes[1] = Node {
            id: "fix".into(),
            cause: None,
            warning: None,
            notes: Vec::new().into(),
            body: Body::Fix {
                title: text("直す", "Fix"),
                intro: Some(text("まず", "First")),
                steps: vec![Step {
                    text: text("手順", "Step"),
                    note: Some(text("補足", "Aside")),
                    warning: None,
                    platform: Some(Platform::Firefox),
                }]
                .into(),
                after: AfterFix::Ask {
                    solved: 3,
                    unsolved: 2,
                },
            },
            wait: Some(Wait {
                hours: 12,
                next: 19_999,
                reason: text("半日", "Half a day"),
            }),
        };
        nodes[200] = Node {
            id: "continue".into(),
            cause: None,
            warning: None,
            notes: Vec::new().into(),
            body: Body::Fix {
                title: text("続ける", "Go on"),
                intro: None,
                steps: Vec::new().into(),
                after: AfterFix::Continue(2),
            },
            wait: None,
        };
        nodes[2] = Node {
            id: "support".into(),
            cause: None,
            warning: None,
            notes: Vec::new().into(),
            body: Body::Escalation {
                title: text("問い合わせ", "Contact"),
                text: Some(text("本文", "Body")),
                contacts: Channel::ALL
                    .iter()
                    .map(|&channel| Contact {
                        channel,
                        label: text("窓口", "Desk"),
                        phone: Some("0120-000-000".into()),
                        url: Some("https://example.com/help".into()),
                        path: Some(text("ヘルプ > 連絡", "Help > Contact")),
                        steps: vec![text("一", "One")].into(),
                        hours: Some(text("9時から", "From 9")),
                        cost: None,
                        note: None,
                    })
                    .collect::<Vec<_>>()
                    .into(),
                prepare: vec![text("ID", "ID")].into(),
                tips: Vec::new().into(),
            },
            wait: Some(Wait {
                hours: 168,
                next: 200,
                reason: text("一週間", "A week"),
            }),
        };
        nodes[3] = Node {
            id: "done".into(),
            cause: None,
            warning: None,
            notes: Vec::new().into(),
            body: Body::Resolved {
                title: text("解決", "Solved"),
                text: Some(text("よかった", "Good")),
            },
            wait: None,
        };
        Service::new(
            "every-shape".into(),
            vec!["いろいろ".into(), "shapes".into()].into(),
            "2026-11-22".into(),
            text("形", "Shapes"),
            text("全部", "All of them"),
            vec![Link {
                kind: "help".into(),
                url: "https://example.com/".into(),
                label: None,
            }]
            .into(),
            vec![Source {
                title: "記事".into(),
                reference: "seeds/x.md".into(),
                note: Some(text("要約", "Summary")),
            }]
            .into(),
            0,
            nodes.into(),
        )
    }

    #[test]
    fn a_stored_guide_loads_back_equal() {
        let service = every_shape();
        let stored = store(&service);
        // Repeated texts are stored once.
        assert_eq!(stored.strings.matches("終わり").count(), 1);
        let loaded = leak(stored).load().expect("loads");
        assert_eq!(loaded, service);
        assert_eq!(loaded.find("continue"), Some(200));
    }

    #[test]
    fn a_damaged_stored_guide_loads_nothing() {
        let service = every_shape();
        let Compiled { skeleton, strings } = leak(store(&service));
        // Cut anywhere, or with a byte too many, it is refused.
        for cut in [0, 1, 2, skeleton.len() / 3, skeleton.len() - 1] {
            let cut_short = Compiled {
                skeleton: &skeleton[..cut],
                strings,
            };
            assert_eq!(cut_short.load(), None, "cut at {cut}");
        }
        let mut longer = skeleton.to_vec();
        longer.push(0);
        let longer = Compiled {
            skeleton: Box::leak(longer.into_boxed_slice()),
            strings,
        };
        assert_eq!(longer.load(), None);
        // A link past the last node is refused rather than followed.
        let mut nodes = service.nodes.to_vec();
        nodes[3].body = Body::Fix {
            title: text("壊れ", "Broken"),
            intro: None,
            steps: Vec::new().into(),
            after: AfterFix::Continue(nodes.len()),
        };
        let broken = Service::new(
            service.id.clone(),
            service.aliases.clone(),
            service.reviewed.clone(),
            service.name.clone(),
            service.summary.clone(),
            service.links.clone(),
            service.sources.clone(),
            service.start,
            nodes.into(),
        );
        assert_eq!(leak(store(&broken)).load(), None);
    }
}
