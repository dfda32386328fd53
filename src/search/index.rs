//! The searchable texts of each node: which part of a node a text is
//! (`Field`, with its weight), the text folded with a map back to the
//! original (`Folded`), and every node that can be a hit (`candidates`).

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::query::Unit;
use crate::i18n::{words, Lang, Text};
use crate::text::katakana_to_hiragana;
use crate::tree::{Body, NodeKind, Service};

/// A part of a node that is searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Heading,
    Cause,
    /// The label of an option that leads to this node.
    Option,
    Help,
    Intro,
    Text,
    Step,
    Note,
    Warning,
    Prepare,
    Tips,
    Contact,
    /// The service's name or an alias (only adds to a match elsewhere).
    Service,
}

impl Field {
    pub(super) fn weight(self) -> f64 {
        match self {
            Field::Heading | Field::Cause => 3.0,
            Field::Option => 2.5,
            Field::Help | Field::Intro | Field::Text => 1.5,
            Field::Service => 0.5,
            _ => 1.0,
        }
    }

    pub(super) fn label(self, lang: Lang) -> &'static str {
        let w = words(lang);
        match self {
            Field::Heading => w.field_heading,
            Field::Cause => w.field_cause,
            Field::Option => w.field_option,
            Field::Help | Field::Intro | Field::Text => w.field_explanation,
            Field::Step => w.field_step,
            Field::Note => w.field_note,
            Field::Warning => w.field_warning,
            Field::Prepare => w.field_prepare,
            Field::Tips => w.field_tips,
            Field::Contact => w.field_contact,
            Field::Service => w.field_service,
        }
    }
}

/// A text folded for matching, remembering where each folded character
/// came from so that a match can be shown in the original.
#[derive(Debug)]
pub(super) struct Folded {
    pub(super) folded: String,
    /// (byte offset in `folded`, byte offset in the original) per character.
    pub(super) origin: Vec<(usize, usize)>,
}

impl Folded {
    pub(super) fn new(text: &str) -> Folded {
        let mut folded = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        for (at, c) in text.char_indices() {
            for f in c
                .nfkc()
                .flat_map(char::to_lowercase)
                .map(katakana_to_hiragana)
            {
                origin.push((folded.len(), at));
                folded.push(if f.is_whitespace() { ' ' } else { f });
            }
        }
        Folded { folded, origin }
    }

    pub(super) fn original_at(&self, folded_at: usize) -> usize {
        match self.origin.binary_search_by_key(&folded_at, |&(f, _)| f) {
            Ok(i) => self.origin[i].1,
            Err(i) => self.origin.get(i.saturating_sub(1)).map_or(0, |&(_, o)| o),
        }
    }

    /// Where `unit` first occurs, as a byte offset in the original text.
    pub(super) fn find(&self, unit: &Unit) -> Option<usize> {
        match unit {
            Unit::Gram { gram, context } => {
                let found = if context.is_empty() {
                    self.folded.find(gram.as_str())
                } else {
                    context
                        .iter()
                        .filter_map(|c| self.folded.find(c.as_str()).map(|at| (at, c)))
                        .min()
                        .map(|(at, c)| at + c.find(gram.as_str()).unwrap_or(0))
                };
                found.map(|at| self.original_at(at))
            }
            Unit::Word(stem) => self
                .words()
                .find(|(_, word)| word_matches(word, stem))
                .map(|(at, _)| self.original_at(at)),
        }
    }

    /// The Latin words, with their byte offsets in `folded`.
    pub(super) fn words(&self) -> impl Iterator<Item = (usize, &str)> {
        self.folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(move |w| (w.as_ptr() as usize - self.folded.as_ptr() as usize, w))
    }
}

/// `cookie` finds `cookies`; `forgotten` finds `forgot` (a guide word may
/// be a shorter form of the query word, if not much shorter).
pub(super) fn word_matches(word: &str, stem: &str) -> bool {
    word.starts_with(stem)
        || (stem.starts_with(word) && word.len() >= 4 && word.len() + 3 >= stem.len())
}

/// One searchable text of a node, in both languages.
pub(super) struct Searched<'t> {
    pub(super) field: Field,
    pub(super) text: &'t Text,
    pub(super) ja: Folded,
    pub(super) en: Folded,
}

impl<'t> Searched<'t> {
    pub(super) fn new(field: Field, text: &'t Text) -> Searched<'t> {
        Searched {
            field,
            ja: Folded::new(&text.ja),
            en: Folded::new(&text.en),
            text,
        }
    }

    pub(super) fn contains(&self, unit: &Unit) -> bool {
        self.ja.find(unit).is_some() || self.en.find(unit).is_some()
    }

    /// Where the first of `units` is in the `lang` text. A match found only
    /// in the other language is placed at the same relative position, as
    /// translations run roughly in parallel.
    pub(super) fn first_match(&self, lang: Lang, units: &[&Unit]) -> Option<usize> {
        let (shown, other) = match lang {
            Lang::Ja => (&self.ja, &self.en),
            Lang::En => (&self.en, &self.ja),
        };
        let first = |f: &Folded| units.iter().filter_map(|u| f.find(u)).min();
        first(shown).or_else(|| {
            let (text, other_text) = match lang {
                Lang::Ja => (&self.text.ja, &self.text.en),
                Lang::En => (&self.text.en, &self.text.ja),
            };
            let at = first(other)?;
            let fraction =
                other_text[..at].chars().count() as f64 / other_text.chars().count().max(1) as f64;
            let chars = (fraction * text.chars().count() as f64) as usize;
            Some(text.char_indices().nth(chars).map_or(0, |(i, _)| i))
        })
    }
}

/// A node that can be a hit, with everything searched in it.
pub(super) struct Candidate<'s> {
    pub(super) service: &'s Service,
    pub(super) node: usize,
    pub(super) texts: Vec<Searched<'s>>,
}

/// Every node but `resolved` ones (nothing to do there), with its texts.
pub(super) fn candidates<'s>(
    services: &'s [Service],
    names: &'s [Vec<Text>],
) -> Vec<Candidate<'s>> {
    let mut out = Vec::new();
    for (service, names) in services.iter().zip(names) {
        let mut incoming: Vec<Vec<&Text>> = vec![Vec::new(); service.nodes.len()];
        for node in service.nodes.iter() {
            if let Body::Question { options, .. } = &node.body {
                for o in options.iter() {
                    if let Some(list) = incoming.get_mut(o.next) {
                        list.push(&o.label);
                    }
                }
            }
        }
        for (index, node) in service.nodes.iter().enumerate() {
            if node.kind() == NodeKind::Resolved {
                continue;
            }
            let mut texts = vec![Searched::new(Field::Heading, node.heading())];
            let mut add = |field, text: &'s Text| texts.push(Searched::new(field, text));
            if let Some(cause) = &node.cause {
                add(Field::Cause, cause);
            }
            for label in &incoming[index] {
                add(Field::Option, label);
            }
            if let Some(warning) = &node.warning {
                add(Field::Warning, warning);
            }
            for note in node.notes.iter() {
                add(Field::Note, note);
            }
            match &node.body {
                Body::Question { help, .. } => {
                    if let Some(help) = help {
                        add(Field::Help, help);
                    }
                }
                Body::Fix { intro, steps, .. } => {
                    if let Some(intro) = intro {
                        add(Field::Intro, intro);
                    }
                    for step in steps.iter() {
                        add(Field::Step, &step.text);
                        if let Some(note) = &step.note {
                            add(Field::Note, note);
                        }
                        if let Some(warning) = &step.warning {
                            add(Field::Warning, warning);
                        }
                    }
                }
                Body::Escalation {
                    text,
                    contacts,
                    prepare,
                    tips,
                    ..
                } => {
                    if let Some(text) = text {
                        add(Field::Text, text);
                    }
                    for item in prepare.iter() {
                        add(Field::Prepare, item);
                    }
                    for tip in tips.iter() {
                        add(Field::Tips, tip);
                    }
                    for contact in contacts.iter() {
                        add(Field::Contact, &contact.label);
                        if let Some(path) = &contact.path {
                            add(Field::Contact, path);
                        }
                        for step in contact.steps.iter() {
                            add(Field::Contact, step);
                        }
                        if let Some(note) = &contact.note {
                            add(Field::Contact, note);
                        }
                    }
                }
                Body::Resolved { text, .. } | Body::End { text, .. } => {
                    if let Some(text) = text {
                        add(Field::Text, text);
                    }
                }
            }
            for name in names {
                add(Field::Service, name);
            }
            out.push(Candidate {
                service,
                node: index,
                texts,
            });
        }
    }
    out
}

/// The names a service goes by: its name, id and aliases.
pub(super) fn service_names(service: &Service) -> Vec<Text> {
    let mut names = vec![
        service.name.clone(),
        Text::new(service.id.clone(), service.id.clone()),
    ];
    names.extend(
        service
            .aliases
            .iter()
            .map(|a| Text::new(a.clone(), a.clone())),
    );
    names
}
