//! `loginhelp search`: find the causes and fixes that match a described
//! symptom, across every guide, in Japanese or English whatever the display
//! language.
//!
//! Both the query and the guide texts are folded with [`fold`]'s rules
//! (NFKC, lowercase, katakana → hiragana), so `ﾊﾟｽﾜｰﾄﾞ`, `パスワード` and
//! `ぱすわーど` are one word. Japanese has no spaces, so a run of Japanese
//! in the query is matched as character bigrams (two kana only together
//! with a neighbour, as they meet by chance; a few kana spellings of the
//! guides' kanji words are read as the kanji); a Latin word is matched as
//! a prefix of the guide's words after dropping a plural or past-tense
//! ending (`cookies` finds `cookie`, `hacked` finds `hack`). Each query unit
//! weighs by how rare it is across the guides (units found nowhere, such as
//! a bigram spanning a particle, are ignored), and by where it was found: a
//! heading, cause or option label counts more than a step. A word or run
//! counts for a node only if at least half of it is found there. An option
//! label belongs to the node it leads to; `resolved` nodes are never hits.
//!
//! [`fold`]: crate::suggest::fold

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthChar;

use crate::i18n::{Lang, Text};
use crate::text::{fold, katakana_to_hiragana};
use crate::text::{neutralize, truncate_to_width, width};
use crate::tree::{Body, NodeKind, Service};

/// Most hits returned.
pub const MAX_HITS: usize = 10;

/// Share of the query (weighted) a node must cover to be a hit.
const MIN_COVERAGE: f64 = 0.4;

/// Columns of the `matched` excerpt.
const EXCERPT_COLUMNS: usize = 72;

/// One node that matches the query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Service id (`amazon`).
    pub service: String,
    /// Service name in the display language.
    pub service_name: String,
    /// Node id (`reset-password`).
    pub node: String,
    pub kind: NodeKind,
    /// The node's heading in the display language.
    pub title: String,
    /// The cause the node checks, in the display language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
    /// Where the best match was.
    pub field: Field,
    /// The text that matched, in the display language (an excerpt when long).
    pub matched: String,
    /// Higher is better; comparable within one search only.
    pub score: f64,
    /// The command that starts the guide at this node.
    pub command: String,
}

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
    fn weight(self) -> f64 {
        match self {
            Field::Heading | Field::Cause => 3.0,
            Field::Option => 2.5,
            Field::Help | Field::Intro | Field::Text => 1.5,
            Field::Service => 0.5,
            _ => 1.0,
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Field::Heading, Lang::Ja) => "見出し",
            (Field::Heading, Lang::En) => "heading",
            (Field::Cause, Lang::Ja) => "原因",
            (Field::Cause, Lang::En) => "cause",
            (Field::Option, Lang::Ja) => "選択肢",
            (Field::Option, Lang::En) => "answer",
            (Field::Help | Field::Intro | Field::Text, Lang::Ja) => "説明",
            (Field::Help | Field::Intro | Field::Text, Lang::En) => "explanation",
            (Field::Step, Lang::Ja) => "手順",
            (Field::Step, Lang::En) => "step",
            (Field::Note, Lang::Ja) => "補足",
            (Field::Note, Lang::En) => "note",
            (Field::Warning, Lang::Ja) => "注意",
            (Field::Warning, Lang::En) => "warning",
            (Field::Prepare, Lang::Ja) => "用意するもの",
            (Field::Prepare, Lang::En) => "have ready",
            (Field::Tips, Lang::Ja) => "コツ",
            (Field::Tips, Lang::En) => "tip",
            (Field::Contact, Lang::Ja) => "問い合わせ先",
            (Field::Contact, Lang::En) => "contact",
            (Field::Service, Lang::Ja) => "サービス名",
            (Field::Service, Lang::En) => "service",
        }
    }
}

// ---------------------------------------------------------------- query

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unit {
    /// A Latin word's stem, found as the start of a word.
    Word(String),
    /// One or two folded Japanese characters, found anywhere; when
    /// `context` is not empty, only as part of one of those (longer) pieces
    /// of the query.
    Gram { gram: String, context: Vec<String> },
}

impl Unit {
    fn gram(gram: &str) -> Unit {
        Unit::Gram {
            gram: gram.to_owned(),
            context: Vec::new(),
        }
    }
}

/// The query as units, grouped by the word or run of Japanese they came from.
fn parse_query(query: &str) -> Vec<Vec<Unit>> {
    let mut terms = Vec::new();
    for piece in query.split_whitespace() {
        let mut folded = fold(piece);
        for (kana, kanji) in KANA_SPELLINGS {
            folded = folded.replace(kana, kanji);
        }
        let mut latin = String::new();
        let mut japanese = String::new();
        for c in folded.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_alphanumeric() {
                push_japanese(&mut terms, &mut japanese);
                latin.push(c);
            } else if is_japanese_letter(c) {
                push_latin(&mut terms, &mut latin);
                japanese.push(c);
            } else {
                push_latin(&mut terms, &mut latin);
                push_japanese(&mut terms, &mut japanese);
            }
        }
    }
    terms
}

fn is_japanese_letter(c: char) -> bool {
    !c.is_ascii() && (c.is_alphanumeric() || c == 'ー' || c == '々')
}

fn push_latin(terms: &mut Vec<Vec<Unit>>, word: &mut String) {
    let word = std::mem::take(word);
    if word.len() >= 2 && !STOP_WORDS.contains(&word.as_str()) {
        terms.push(vec![Unit::Word(stem(&word))]);
    }
}

/// A run of Japanese as bigrams. Two kana side by side are common by
/// chance (`いん` of `インスタ` is in every `ログイン`), so a bigram of kana
/// only counts where the text also has the query's next or previous
/// character around it; a bigram with a kanji counts on its own.
fn push_japanese(terms: &mut Vec<Vec<Unit>>, run: &mut String) {
    let run = std::mem::take(run);
    let chars: Vec<char> = run.chars().collect();
    if chars.len() <= 2 {
        if !chars.is_empty() {
            terms.push(vec![Unit::gram(&run)]);
        }
        return;
    }
    let is_kana = |c: &char| ('\u{3041}'..='\u{309F}').contains(c) || *c == 'ー';
    let mut units = Vec::new();
    for i in 0..chars.len() - 1 {
        let gram: String = chars[i..i + 2].iter().collect();
        let context = if chars[i..i + 2].iter().all(is_kana) {
            let before = i.checked_sub(1).map(|b| chars[b..i + 2].iter().collect());
            let after = chars.get(i..i + 3).map(|w| w.iter().collect());
            before.into_iter().chain(after).collect()
        } else {
            Vec::new()
        };
        let unit = Unit::Gram { gram, context };
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    terms.push(units);
}

/// Words of this domain that people type in kana but the guides write in
/// kanji (there is no dictionary to read kanji with): `わすれた` finds
/// `忘れた`. Folded forms, so katakana spellings are covered too.
const KANA_SPELLINGS: &[(&str, &str)] = &[
    ("わすれ", "忘れ"),
    ("とどか", "届か"),
    ("とどき", "届き"),
    ("とどい", "届い"),
    ("のっとり", "乗っ取り"),
    ("のっとら", "乗っ取ら"),
    ("とうけつ", "凍結"),
    ("さくじょ", "削除"),
    ("にんしょう", "認証"),
];

/// Words too common to tell nodes apart.
const STOP_WORDS: &[&str] = &[
    "a", "am", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "cannot", "cant",
    "could", "did", "do", "does", "don", "dont", "for", "from", "had", "has", "have", "how", "i",
    "if", "in", "is", "it", "its", "just", "ll", "me", "my", "no", "not", "of", "on", "or", "so",
    "that", "the", "there", "this", "to", "was", "we", "what", "when", "which", "why", "will",
    "with", "won", "would", "you", "your",
];

/// Drop a plural, past-tense or -ing ending, keeping at least three letters
/// (`cookies` → `cookie`, `passes` → `pass`, `hacked` → `hack`).
fn stem(word: &str) -> String {
    let keep = |base: &str| base.len() >= 3;
    if let Some(base) = word.strip_suffix("ing").or_else(|| word.strip_suffix("ed")) {
        if keep(base) {
            return base.to_owned();
        }
    }
    if let Some(base) = word.strip_suffix("es") {
        if keep(base)
            && ["s", "x", "z", "ch", "sh"]
                .iter()
                .any(|e| base.ends_with(e))
        {
            return base.to_owned();
        }
    }
    match word.strip_suffix('s') {
        Some(base) if keep(base) && !base.ends_with('s') => base.to_owned(),
        _ => word.to_owned(),
    }
}

// ---------------------------------------------------------------- texts

/// A text folded for matching, remembering where each folded character
/// came from so that a match can be shown in the original.
#[derive(Debug)]
struct Folded {
    folded: String,
    /// (byte offset in `folded`, byte offset in the original) per character.
    origin: Vec<(usize, usize)>,
}

impl Folded {
    fn new(text: &str) -> Folded {
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

    fn original_at(&self, folded_at: usize) -> usize {
        match self.origin.binary_search_by_key(&folded_at, |&(f, _)| f) {
            Ok(i) => self.origin[i].1,
            Err(i) => self.origin.get(i.saturating_sub(1)).map_or(0, |&(_, o)| o),
        }
    }

    /// Where `unit` first occurs, as a byte offset in the original text.
    fn find(&self, unit: &Unit) -> Option<usize> {
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
    fn words(&self) -> impl Iterator<Item = (usize, &str)> {
        self.folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(move |w| (w.as_ptr() as usize - self.folded.as_ptr() as usize, w))
    }
}

/// `cookie` finds `cookies`; `forgotten` finds `forgot` (a guide word may
/// be a shorter form of the query word, if not much shorter).
fn word_matches(word: &str, stem: &str) -> bool {
    word.starts_with(stem)
        || (stem.starts_with(word) && word.len() >= 4 && word.len() + 3 >= stem.len())
}

/// One searchable text of a node, in both languages.
struct Searched<'t> {
    field: Field,
    text: &'t Text,
    ja: Folded,
    en: Folded,
}

impl<'t> Searched<'t> {
    fn new(field: Field, text: &'t Text) -> Searched<'t> {
        Searched {
            field,
            ja: Folded::new(&text.ja),
            en: Folded::new(&text.en),
            text,
        }
    }

    fn contains(&self, unit: &Unit) -> bool {
        self.ja.find(unit).is_some() || self.en.find(unit).is_some()
    }

    /// Where the first of `units` is in the `lang` text. A match found only
    /// in the other language is placed at the same relative position, as
    /// translations run roughly in parallel.
    fn first_match(&self, lang: Lang, units: &[&Unit]) -> Option<usize> {
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
struct Candidate<'s> {
    service: &'s Service,
    node: usize,
    texts: Vec<Searched<'s>>,
}

/// Every node but `resolved` ones (nothing to do there), with its texts.
fn candidates<'s>(services: &'s [Service], names: &'s [Vec<Text>]) -> Vec<Candidate<'s>> {
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

// ---------------------------------------------------------------- search

/// The nodes across `services` that best match `query`, best first, at
/// most [`MAX_HITS`], one per node. Texts are shown in `lang`.
pub fn search(services: &[Service], query: &str, lang: Lang) -> Vec<Hit> {
    let terms = parse_query(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let names: Vec<Vec<Text>> = services.iter().map(service_names).collect();
    let candidates = candidates(services, &names);
    let total = candidates.len() as f64;

    // Weigh each unit by its rarity across the guides; a unit found nowhere
    // says nothing about any node and is left out. Within a term the units
    // share its weight, so a long Japanese run counts as one word.
    let mut weighted: Vec<(usize, &Unit, f64)> = Vec::new();
    for (t, term) in terms.iter().enumerate() {
        let mut found = Vec::new();
        for unit in term {
            let df = candidates
                .iter()
                .filter(|c| c.texts.iter().any(|t| t.contains(unit)))
                .count();
            if df > 0 {
                // `libm::log` rather than `f64::ln`: the only use of the system's
                // libm, which every start of the binary would otherwise load.
                found.push((t, unit, libm::log(1.0 + total / df as f64)));
            }
        }
        let share = found.len() as f64;
        weighted.extend(found.into_iter().map(|(t, u, idf)| (t, u, idf / share)));
    }
    let sum: f64 = weighted.iter().map(|(_, _, w)| w).sum();
    if weighted.is_empty() || sum <= 0.0 {
        return Vec::new();
    }
    let mut term_weight = vec![0.0; terms.len()];
    for (t, _, w) in &weighted {
        term_weight[*t] += w;
    }

    let mut scored: Vec<(f64, Hit)> = Vec::new();
    for candidate in &candidates {
        // Which texts hold each unit.
        let holders: Vec<Vec<usize>> = weighted
            .iter()
            .map(|(_, unit, _)| {
                (0..candidate.texts.len())
                    .filter(|&i| candidate.texts[i].contains(unit))
                    .collect()
            })
            .collect();
        // A term counts only where at least half of it is found: one shared
        // bigram (`すた` of `インスタ` in `カスタマー`) is a coincidence.
        let mut term_found = vec![0.0; terms.len()];
        for ((t, _, w), held) in weighted.iter().zip(&holders) {
            if !held.is_empty() {
                term_found[*t] += w;
            }
        }
        let mut coverage = 0.0;
        let mut score = 0.0;
        let mut in_content = false;
        // Per text: the weighted share of the query it holds alone.
        let mut per_text = vec![0.0; candidate.texts.len()];
        for ((t, _, w), held) in weighted.iter().zip(&holders) {
            if held.is_empty() || term_found[*t] < 0.5 * term_weight[*t] {
                continue;
            }
            let mut best = 0.0_f64;
            for &i in held {
                let field = candidate.texts[i].field;
                per_text[i] += w / sum;
                best = best.max(field.weight());
                in_content |= field != Field::Service;
            }
            coverage += w / sum;
            score += best * w / sum;
        }
        if !in_content || coverage < MIN_COVERAGE {
            continue;
        }
        // The text that holds most of the query, where it weighs most.
        let Some((best_text, best_share)) = candidate
            .texts
            .iter()
            .zip(&per_text)
            .filter(|(t, _)| t.field != Field::Service)
            .max_by(|a, b| (a.1 * a.0.field.weight()).total_cmp(&(b.1 * b.0.field.weight())))
        else {
            continue;
        };
        // Words found together in one text beat words scattered, and a fix
        // is what someone describing a symptom is after.
        score += 0.5 * best_share;
        if candidate.service.node(candidate.node).kind() == NodeKind::Fix {
            score += 0.15;
        }
        let units: Vec<&Unit> = weighted.iter().map(|(_, u, _)| *u).collect();
        scored.push((score, hit(candidate, best_text, &units, score, lang)));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.truncate(MAX_HITS);
    scored.into_iter().map(|(_, hit)| hit).collect()
}

/// The names a service goes by: its name, id and aliases.
fn service_names(service: &Service) -> Vec<Text> {
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

fn hit(candidate: &Candidate, best: &Searched, units: &[&Unit], score: f64, lang: Lang) -> Hit {
    let service = candidate.service;
    let node = service.node(candidate.node);
    let shown = best.text.get(lang);
    let at = best.first_match(lang, units);
    Hit {
        service: service.id.to_string(),
        service_name: service.name.get(lang).to_owned(),
        node: node.id.to_string(),
        kind: node.kind(),
        title: node.heading().get(lang).to_owned(),
        cause: node.cause.as_ref().map(|c| c.get(lang).to_owned()),
        field: best.field,
        matched: excerpt(shown, at),
        score: (score * 100.0).round() / 100.0,
        command: format!("loginhelp {} --start {}", service.id, node.id),
    }
}

/// `text` on one line, cut to [`EXCERPT_COLUMNS`] around byte offset `at`
/// (where the match is), with `…` where something was left out.
fn excerpt(text: &str, at: Option<usize>) -> String {
    if width(text) <= EXCERPT_COLUMNS {
        return one_line(text);
    }
    let char_width = |c: char| UnicodeWidthChar::width(c).unwrap_or(0);
    // Start a little before the match so that it reads in context, and
    // earlier still if the text ends before the excerpt is full.
    let mut start = at.filter(|&a| text.is_char_boundary(a)).unwrap_or(0);
    let mut lead = 0;
    while let Some(c) = text[..start].chars().next_back() {
        let tail_full = width(&text[start..]) >= EXCERPT_COLUMNS - 2;
        if tail_full && lead + char_width(c) > 16 {
            break;
        }
        lead += char_width(c);
        start -= c.len_utf8();
    }
    // Do not begin in the middle of an English word.
    if start > 0 && is_word_char(text[..start].chars().next_back()) {
        if let Some(space) = text[start..].find(' ').filter(|&s| s < 16) {
            start += space + 1;
        }
    }
    let (prefix, budget) = if start == 0 {
        ("", EXCERPT_COLUMNS)
    } else {
        ("…", EXCERPT_COLUMNS - 1)
    };
    let rest = &text[start..];
    if width(rest) <= budget {
        return format!("{prefix}{}", one_line(rest));
    }
    // Cut, at a space if the cut would fall inside an English word.
    let mut cut = truncate_to_width(rest, budget);
    cut.pop();
    let next = rest[cut.len()..].chars().next();
    if is_word_char(cut.chars().next_back()) && is_word_char(next) {
        if let Some(space) = cut.rfind(' ').filter(|&s| cut.len() - s < 16) {
            cut.truncate(space);
        }
    }
    format!("{prefix}{}…", one_line(cut.trim_end()))
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

// ---------------------------------------------------------------- text

fn kind_label(kind: NodeKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (NodeKind::Question, Lang::Ja) => "質問",
        (NodeKind::Question, Lang::En) => "question",
        (NodeKind::Fix, Lang::Ja) => "対処法",
        (NodeKind::Fix, Lang::En) => "fix",
        (NodeKind::Escalation, Lang::Ja) => "問い合わせ先",
        (NodeKind::Escalation, Lang::En) => "contact support",
        (NodeKind::Resolved, Lang::Ja) => "解決",
        (NodeKind::Resolved, Lang::En) => "solved",
        (NodeKind::End, Lang::Ja) => "案内の終わり",
        (NodeKind::End, Lang::En) => "end",
    }
}

/// The hits as readable text, or a line saying nothing matched.
pub fn hits_text(hits: &[Hit], query: &str, lang: Lang) -> String {
    let query = neutralize(query).replace('\n', " ");
    if hits.is_empty() {
        return match lang {
            Lang::Ja => format!(
                "「{query}」に当てはまる原因や対処法は見つかりませんでした。\n\
                 別の言葉(日本語か英語)で試すか、`loginhelp list` でサービスを選んでください。\n"
            ),
            Lang::En => format!(
                "No cause or fix matches \"{query}\".\n\
                 Try other words (Japanese or English), or pick a service from `loginhelp list`.\n"
            ),
        };
    }
    let mut out = match lang {
        Lang::Ja => format!("「{query}」の検索結果: {}件\n", hits.len()),
        Lang::En => format!(
            "{} {} for \"{query}\":\n",
            hits.len(),
            if hits.len() == 1 { "match" } else { "matches" }
        ),
    };
    let number_width = hits.len().to_string().len();
    for (i, hit) in hits.iter().enumerate() {
        let indent = " ".repeat(number_width + 3);
        out.push_str(&format!(
            "\n {:>number_width$}. {}\n",
            i + 1,
            one_line(&hit.title)
        ));
        let mut about = format!(
            "{indent}{} · {}",
            one_line(&hit.service_name),
            kind_label(hit.kind, lang)
        );
        if let Some(cause) = &hit.cause {
            let word = match lang {
                Lang::Ja => "原因",
                Lang::En => "cause",
            };
            about.push_str(&format!(" · {word}: {}", one_line(cause)));
        }
        out.push_str(&about);
        out.push('\n');
        if hit.field != Field::Heading {
            let matched = match lang {
                Lang::Ja => format!("「{}」", hit.matched),
                Lang::En => format!("\"{}\"", hit.matched),
            };
            out.push_str(&format!(
                "{indent}{} ({}): {matched}\n",
                match lang {
                    Lang::Ja => "一致",
                    Lang::En => "matched",
                },
                hit.field.label(lang)
            ));
        }
        out.push_str(&format!("{indent}→ {}\n", hit.command));
    }
    out
}

fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::check_source;

    const TREE: &str = r#"
format = 1
id = "t"
aliases = ["tee"]
reviewed = "2026-11-22"
start = "symptom"
name = { ja = "テスト", en = "Testing" }
summary = { ja = "テスト", en = "Test" }
[[source]]
title = "t"
ref = "t.txt"

[[node]]
id = "symptom"
kind = "question"
text = { ja = "どんな状況ですか?", en = "What is happening?" }
help = { ja = "キャッシュが原因のこともあります。", en = "Sometimes the cache is to blame." }
[[node.option]]
id = "forgot"
label = { ja = "パスワードを忘れた", en = "I forgot my password" }
next = "reset"
[[node.option]]
id = "hacked"
label = { ja = "乗っ取られたかもしれない", en = "Someone may have hacked it" }
next = "support"
[[node.option]]
id = "mail"
label = { ja = "確認メールが届かない", en = "The confirmation email never arrives" }
next = "mail-check"

[[node]]
id = "reset"
kind = "fix"
cause = { ja = "パスワード忘れ", en = "Forgotten password" }
title = { ja = "パスワードを再設定する", en = "Reset your password" }
solved = "done"
unsolved = "support"
[[node.step]]
text = { ja = "ログイン画面の「パスワードを忘れた場合」を選びます。", en = "Choose 「パスワードを忘れた場合」 (Forgot your password) on the sign-in screen." }

[[node]]
id = "mail-check"
kind = "fix"
title = { ja = "迷惑メールフォルダを確認する", en = "Check the spam folder" }
solved = "done"
unsolved = "support"
[[node.step]]
text = { ja = "迷惑メールフォルダを開きます。", en = "Open the spam folder." }
[[node.step]]
text = { ja = "ブラウザのCookieを削除してから、もう一度パスワードの再設定を試します。ここは長い説明なので、抜粋が切り詰められることを確かめるために、さらに文章を続けます。", en = "Delete the browser's cookies, then try the password reset again. This is a long explanation that goes on and on, so that the excerpt has to be cut down to size." }

[[node]]
id = "support"
kind = "escalation"
title = { ja = "サポートに連絡する", en = "Contact support" }
prepare = [{ ja = "登録メールアドレス", en = "Your registered email address" }]
[[node.contact]]
channel = "phone"
label = { ja = "窓口", en = "Help desk" }
phone = "0120-000-000"

[[node]]
id = "done"
kind = "resolved"
title = { ja = "パスワードでログインできました", en = "You are back in with your password" }
"#;

    fn services() -> Vec<Service> {
        let checked = check_source(TREE);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        vec![checked.service.expect("the test tree loads")]
    }

    fn nodes(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.node.as_str()).collect()
    }

    #[test]
    fn japanese_matches_whatever_the_width_or_kana() {
        let s = services();
        for query in [
            "パスワード",
            "ﾊﾟｽﾜｰﾄﾞ",
            "ぱすわーど",
            "パスワード 忘れた",
            "パスワードをわすれた",
        ] {
            let hits = search(&s, query, Lang::Ja);
            assert_eq!(
                hits.first().map(|h| h.node.as_str()),
                Some("reset"),
                "{query}: {hits:?}"
            );
        }
        let hits = search(&s, "メールが届かない", Lang::Ja);
        assert_eq!(nodes(&hits).first(), Some(&"mail-check"), "{hits:?}");
        assert_eq!(hits[0].field, Field::Option);
        assert_eq!(hits[0].matched, "確認メールが届かない");
    }

    #[test]
    fn english_matches_words_by_prefix_and_ignores_case() {
        let s = services();
        let hits = search(&s, "FORGOT Password", Lang::En);
        assert_eq!(nodes(&hits).first(), Some(&"reset"), "{hits:?}");
        // `hacked` → the option "…hacked it", which leads to `support`.
        let hits = search(&s, "hacked", Lang::En);
        assert_eq!(nodes(&hits), ["support"]);
        assert_eq!(hits[0].field, Field::Option);
        assert_eq!(hits[0].matched, "Someone may have hacked it");
        // A plural finds the singular, and the other way round.
        assert_eq!(nodes(&search(&s, "cookies", Lang::En)), ["mail-check"]);
        assert_eq!(nodes(&search(&s, "folders", Lang::En)), ["mail-check"]);
        assert_eq!(nodes(&search(&s, "caches", Lang::En)), ["symptom"]);
    }

    #[test]
    fn either_language_is_found_and_shown_in_the_display_language() {
        let s = services();
        let hits = search(&s, "乗っ取り", Lang::En);
        assert_eq!(nodes(&hits), ["support"]);
        assert_eq!(hits[0].matched, "Someone may have hacked it");
        assert_eq!(hits[0].title, "Contact support");
        assert_eq!(hits[0].service_name, "Testing");
        let hits = search(&s, "hacked", Lang::Ja);
        assert_eq!(hits[0].matched, "乗っ取られたかもしれない");
        assert_eq!(hits[0].title, "サポートに連絡する");
    }

    #[test]
    fn a_hit_names_service_node_and_command_once_per_node() {
        let s = services();
        let hits = search(&s, "password", Lang::En);
        let mut seen = nodes(&hits);
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), hits.len(), "one hit per node: {hits:?}");
        assert!(!seen.contains(&"done"), "resolved nodes are not hits");
        let reset = hits.iter().find(|h| h.node == "reset").expect("reset");
        assert_eq!(reset.service, "t");
        assert_eq!(reset.kind, NodeKind::Fix);
        assert_eq!(reset.cause.as_deref(), Some("Forgotten password"));
        assert_eq!(reset.command, "loginhelp t --start reset");
        // Headings, causes and options outweigh a step.
        assert_eq!(hits[0].node, "reset", "{hits:?}");
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn nothing_for_noise_stop_words_or_a_service_name_alone() {
        let s = services();
        for query in ["", "   ", "!!!", "zzzz", "the my a", "Testing", "tee"] {
            assert!(search(&s, query, Lang::En).is_empty(), "{query}");
        }
    }

    #[test]
    fn a_service_name_narrows_the_search() {
        let mut s = services();
        let other = TREE
            .replace("id = \"t\"", "id = \"u\"")
            .replace("\"tee\"", "\"zed\"");
        s.push(check_source(&other).service.expect("the second tree loads"));
        let hits = search(&s, "password", Lang::En);
        let both: Vec<&str> = hits
            .iter()
            .filter(|h| h.node == "reset")
            .map(|h| h.service.as_str())
            .collect();
        assert_eq!(both, ["t", "u"]);
        let hits = search(&s, "zed password", Lang::En);
        assert_eq!(
            (hits[0].service.as_str(), hits[0].node.as_str()),
            ("u", "reset")
        );
    }

    #[test]
    fn hits_are_capped() {
        let many: Vec<Service> = (0..5).flat_map(|_| services()).collect();
        assert_eq!(search(&many, "password", Lang::En).len(), MAX_HITS);
    }

    #[test]
    fn long_matches_are_cut_around_the_match() {
        let s = services();
        let hits = search(&s, "cookies", Lang::En);
        let matched = &hits[0].matched;
        assert!(width(matched) <= EXCERPT_COLUMNS, "{matched}");
        assert!(matched.contains("cookies"), "{matched}");
        assert!(matched.ends_with('…'), "{matched}");
        let ja = &search(&s, "cookies", Lang::Ja)[0].matched;
        assert!(ja.contains("Cookie"), "{ja}");
        assert!(width(ja) <= EXCERPT_COLUMNS, "{ja}");
        assert_eq!(excerpt("short", Some(2)), "short");
        let long = format!("{} needle {}", "x".repeat(100), "y".repeat(100));
        let cut = excerpt(&long, long.find("needle"));
        assert!(
            cut.starts_with('…') && cut.ends_with('…') && cut.contains("needle"),
            "{cut}"
        );
    }

    #[test]
    fn text_lists_hits_with_their_commands() {
        let s = services();
        let hits = search(&s, "password", Lang::En);
        let text = hits_text(&hits, "password", Lang::En);
        assert!(
            text.starts_with(&format!("{} matches for \"password\":\n", hits.len())),
            "{text}"
        );
        assert!(text.contains("\n 1. Reset your password\n"), "{text}");
        assert!(
            text.contains("Testing · fix · cause: Forgotten password"),
            "{text}"
        );
        assert!(text.contains("→ loginhelp t --start reset\n"), "{text}");
        let ja = hits_text(&search(&s, "パスワード", Lang::Ja), "パスワード", Lang::Ja);
        assert!(ja.starts_with("「パスワード」の検索結果:"), "{ja}");
        assert!(
            ja.contains("テスト · 対処法 · 原因: パスワード忘れ"),
            "{ja}"
        );
    }

    #[test]
    fn no_hits_says_so_and_points_to_list() {
        let en = hits_text(&[], "zzz\u{1b}[2J", Lang::En);
        assert_eq!(
            en,
            "No cause or fix matches \"zzz␛[2J\".\nTry other words (Japanese or English), or pick a service from `loginhelp list`.\n"
        );
        let ja = hits_text(&[], "ぬ", Lang::Ja);
        assert!(
            ja.starts_with("「ぬ」に当てはまる原因や対処法は見つかりませんでした。"),
            "{ja}"
        );
        assert!(ja.contains("`loginhelp list`"), "{ja}");
    }

    fn gram(gram: &str, context: &[&str]) -> Unit {
        Unit::Gram {
            gram: gram.into(),
            context: context.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn queries_split_into_words_and_bigrams() {
        assert_eq!(
            parse_query("Forgot ﾊﾟｽﾜｰﾄﾞ"),
            vec![
                vec![Unit::Word("forgot".into())],
                vec![
                    gram("ぱす", &["ぱすわ"]),
                    gram("すわ", &["ぱすわ", "すわー"]),
                    gram("わー", &["すわー", "わーど"]),
                    gram("ーど", &["わーど"]),
                ],
            ]
        );
        assert_eq!(
            parse_query("iPhoneで 忘れた"),
            vec![
                vec![Unit::Word("iphone".into())],
                vec![Unit::gram("で")],
                vec![Unit::gram("忘れ"), gram("れた", &["忘れた"])],
            ]
        );
        assert_eq!(parse_query("わすれた"), parse_query("忘れた"));
        assert_eq!(parse_query("ノットリ"), parse_query("乗っ取り"));
        assert_eq!(
            parse_query("the cookies!"),
            vec![vec![Unit::Word("cookie".into())]]
        );
        assert_eq!(stem("hacked"), "hack");
        assert_eq!(stem("address"), "address");
        assert_eq!(stem("access"), "access");
        assert_eq!(stem("its"), "its");
        assert_eq!(stem("passes"), "pass");
        assert_eq!(stem("devices"), "device");
        assert_eq!(stem("logging"), "logg");
    }
}
