//! Stage two of loading: turn a `RawService` into a checked `Service`,
//! collecting every problem as a positioned `Diagnostic` instead of stopping
//! at the first. This is the validator: `loginhelp validate` prints what it
//! finds, and every other command refuses a tree that has errors.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

use super::model::*;
use super::raw::*;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::suggest::did_you_mean;
use crate::text::{is_unsafe_char, neutralize, width, Text};

/// The largest tree file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// The most nodes one tree may have.
pub const MAX_NODES: usize = 200_000;
/// The deepest nesting of arrays and tables accepted (a real tree needs 4).
pub const MAX_NESTING: usize = 32;
/// The widest an option label may be and still fit an 80-column prompt.
pub const MAX_LABEL_COLUMNS: usize = 36;

/// The outcome of checking one file.
#[derive(Debug)]
pub struct Checked {
    pub service: Option<Service>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity() == Severity::Error)
    }
}

/// Parse and check one tree file's text.
pub fn check_source(src: &str) -> Checked {
    let fail = |d: Diagnostic| Checked {
        service: None,
        diagnostics: vec![d],
    };
    if src.len() > MAX_FILE_BYTES {
        return fail(Diagnostic::new(
            Code::TooLarge,
            None,
            format!(
                "the file is {} bytes; the limit is {} bytes",
                src.len(),
                MAX_FILE_BYTES
            ),
        ));
    }
    if let Some(at) = nesting_beyond(src, MAX_NESTING) {
        return fail(
            Diagnostic::new(
                Code::TooLarge,
                Some(at..at + 1),
                format!("arrays and tables are nested more than {MAX_NESTING} deep"),
            )
            .hint(
                "a guide tree needs only a few levels: [[node]], [[node.option]] and inline texts",
            ),
        );
    }
    let raw: RawService = match toml::from_str(src) {
        Ok(raw) => raw,
        Err(err) => return fail(toml_error(&err)),
    };
    if raw.node.len() > MAX_NODES {
        return fail(Diagnostic::new(
            Code::TooLarge,
            raw.node.get(MAX_NODES).map(|n| n.span()),
            format!(
                "the tree has {} nodes; the limit is {MAX_NODES}",
                raw.node.len()
            ),
        ));
    }
    let mut checker = Checker::default();
    let service = checker.service(&raw);
    let has_errors = checker
        .diagnostics
        .iter()
        .any(|d| d.severity() == Severity::Error);
    checker
        .diagnostics
        .sort_by_key(|d| (d.span.as_ref().map_or(0, |s| s.start), d.code));
    Checked {
        service: if has_errors { None } else { service },
        diagnostics: checker.diagnostics,
    }
}

/// Translate a TOML parse or shape error into a diagnostic with a code.
fn toml_error(err: &toml::de::Error) -> Diagnostic {
    let message = err.message().trim().to_owned();
    let code = if message.starts_with("unknown field") {
        Code::UnknownKey
    } else if message.starts_with("invalid type")
        || message.starts_with("invalid value")
        || message.starts_with("invalid length")
    {
        Code::InvalidValue
    } else {
        Code::Syntax
    };
    let first_line = message.lines().next().unwrap_or_default().to_owned();
    let d = Diagnostic::new(code, err.span(), first_line);
    match code {
        Code::UnknownKey => d.hint("see docs/tree-format.md for the keys each table takes"),
        Code::InvalidValue => d.hint("texts are tables: { ja = \"…\", en = \"…\" }"),
        _ => d,
    }
}

/// Where the nesting of `[` and `{` (outside strings and comments) first goes
/// deeper than `limit`, found with a cheap scan before the real parser sees
/// the text, so that hostile nesting cannot exhaust the stack.
fn nesting_beyond(src: &str, limit: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => {
                line_start = true;
                i += 1;
                continue;
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                let triple = bytes[i..].starts_with(if b == b'"' { b"\"\"\"" } else { b"'''" });
                if triple {
                    i += 3;
                    while i < bytes.len() && !bytes[i..].starts_with(&[b, b, b]) {
                        if b == b'"' && bytes[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                    i += 3;
                } else {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b && bytes[i] != b'\n' {
                        if b == b'"' && bytes[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                    i += 1;
                }
                line_start = false;
                continue;
            }
            b'[' if line_start => {
                // A table header such as [[node.option]]: not nesting.
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        line_start = false;
        i += 1;
    }
    None
}

#[derive(Default)]
struct Checker {
    diagnostics: Vec<Diagnostic>,
}

fn span<T>(s: &S<T>) -> Range<usize> {
    s.span()
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A phone number as Japanese services print them: digits in groups joined by
/// `-` or spaces, an optional leading `+`, 3 to 15 digits in all.
pub fn is_valid_phone(phone: &str) -> bool {
    let body = phone.strip_prefix('+').unwrap_or(phone);
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    (3..=15).contains(&digits)
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b' ')
        && body.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && body.bytes().last().is_some_and(|b| b.is_ascii_digit())
        && !body.contains("--")
        && !body.contains("  ")
}

/// An absolute https URL with a real host name.
pub fn url_problem(raw: &str) -> Option<&'static str> {
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("a URL may not contain spaces or control characters");
    }
    let Ok(url) = url::Url::parse(raw) else {
        return Some("not a valid URL");
    };
    if url.scheme() != "https" {
        return Some("only https URLs are allowed");
    }
    match url.host() {
        Some(url::Host::Domain(host)) if host.contains('.') => {}
        _ => return Some("the URL needs a public host name"),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Some("a URL may not carry a user name or password");
    }
    None
}

fn is_valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3
        || parts[0].len() != 4
        || parts[1].len() != 2
        || parts[2].len() != 2
        || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        parts[0].parse::<u32>(),
        parts[1].parse::<u32>(),
        parts[2].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (2000..=2999).contains(&year) && (1..=days).contains(&day)
}

/// Keys each node kind takes, besides `id`, `kind`, `cause`, `warning`, `notes`.
fn allowed_keys(kind: NodeKind) -> &'static [&'static str] {
    match kind {
        NodeKind::Question => &["text", "help", "option"],
        NodeKind::Fix => &["title", "intro", "step", "solved", "unsolved", "next"],
        NodeKind::Escalation => &["title", "text", "contact", "prepare", "tips"],
        NodeKind::Resolved | NodeKind::End => &["title", "text"],
    }
}

/// The kind-specific keys present in a raw node, with their positions.
fn present_keys(node: &RawNode) -> Vec<(&'static str, Range<usize>)> {
    let mut keys = Vec::new();
    let mut add = |name: &'static str, s: Option<Range<usize>>| {
        if let Some(s) = s {
            keys.push((name, s));
        }
    };
    add("text", node.text.as_ref().map(span));
    add("help", node.help.as_ref().map(span));
    add("option", node.option.as_ref().map(span));
    add("title", node.title.as_ref().map(span));
    add("intro", node.intro.as_ref().map(span));
    add("step", node.step.as_ref().map(span));
    add("solved", node.solved.as_ref().map(span));
    add("unsolved", node.unsolved.as_ref().map(span));
    add("next", node.next.as_ref().map(span));
    add("contact", node.contact.as_ref().map(span));
    add("prepare", node.prepare.as_ref().map(span));
    add("tips", node.tips.as_ref().map(span));
    keys
}

impl Checker {
    fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn error(&mut self, code: Code, at: Option<Range<usize>>, message: impl Into<String>) {
        self.report(Diagnostic::new(code, at, message));
    }

    fn string(&mut self, value: &S<String>) -> String {
        if value.get_ref().chars().any(is_unsafe_char) {
            self.report(
                Diagnostic::new(
                    Code::ControlChar,
                    Some(value.span()),
                    "this text contains a control character",
                )
                .hint("it is shown escaped; remove it"),
            );
        }
        neutralize(value.get_ref())
    }

    /// A required translated text; `owner` names it in messages.
    fn text(&mut self, raw: Option<&S<RawText>>, owner: &str, at: &Range<usize>) -> Option<Text> {
        match raw {
            Some(t) => Some(self.present_text(t, owner)),
            None => {
                self.error(
                    Code::MissingKey,
                    Some(at.clone()),
                    format!("missing `{owner}`"),
                );
                None
            }
        }
    }

    fn optional_text(&mut self, raw: Option<&S<RawText>>, owner: &str) -> Option<Text> {
        raw.map(|t| self.present_text(t, owner))
    }

    fn present_text(&mut self, raw: &S<RawText>, owner: &str) -> Text {
        let mut get = |value: Option<&S<String>>, lang: &str, name: &str| -> String {
            match value {
                Some(v) if !v.get_ref().trim().is_empty() => self.string(v),
                Some(v) => {
                    self.report(
                        Diagnostic::new(
                            Code::MissingTranslation,
                            Some(v.span()),
                            format!("the {name} text of `{owner}` is empty"),
                        )
                        .hint(format!("write the {name} text in `{lang}`")),
                    );
                    String::new()
                }
                None => {
                    self.report(
                        Diagnostic::new(
                            Code::MissingTranslation,
                            Some(raw.span()),
                            format!("`{owner}` has no {name} text"),
                        )
                        .hint(format!("add `{lang} = \"…\"`")),
                    );
                    String::new()
                }
            }
        };
        let ja = get(raw.get_ref().ja.as_ref(), "ja", "Japanese");
        let en = get(raw.get_ref().en.as_ref(), "en", "English");
        Text { ja, en }
    }

    fn text_list(&mut self, raw: Option<&S<Vec<S<RawText>>>>, owner: &str) -> Vec<Text> {
        raw.map(|list| {
            list.get_ref()
                .iter()
                .map(|t| self.present_text(t, owner))
                .collect()
        })
        .unwrap_or_default()
    }

    fn platform(&mut self, raw: Option<&S<String>>) -> Option<Platform> {
        let raw = raw?;
        let parsed = Platform::parse(raw.get_ref());
        if parsed.is_none() {
            let names: Vec<&str> = Platform::ALL.iter().map(|p| p.id()).collect();
            let mut d = Diagnostic::new(
                Code::InvalidValue,
                Some(raw.span()),
                format!("unknown platform `{}`", neutralize(raw.get_ref())),
            );
            d = d.hint(match did_you_mean(raw.get_ref(), names.iter().copied()) {
                Some(dym) => format!("{dym} (platforms: {})", names.join(", ")),
                None => format!("platforms: {}", names.join(", ")),
            });
            self.report(d);
        }
        parsed
    }

    fn url(&mut self, raw: &S<String>) -> String {
        if let Some(problem) = url_problem(raw.get_ref()) {
            self.report(
                Diagnostic::new(
                    Code::BadUrl,
                    Some(raw.span()),
                    format!("{problem}: `{}`", neutralize(raw.get_ref())),
                )
                .hint("write an absolute https URL of the service's official site"),
            );
        }
        neutralize(raw.get_ref())
    }

    fn service(&mut self, raw: &RawService) -> Option<Service> {
        let top = 0..0;
        match &raw.format {
            None => self.error(Code::MissingKey, Some(top.clone()), "missing `format`"),
            Some(f) if *f.get_ref() != 1 => self.report(
                Diagnostic::new(
                    Code::InvalidValue,
                    Some(f.span()),
                    format!("unsupported format version {}", f.get_ref()),
                )
                .hint("this loginhelp reads `format = 1`"),
            ),
            Some(_) => {}
        }
        let id = match &raw.id {
            None => {
                self.error(Code::MissingKey, Some(top.clone()), "missing `id`");
                String::new()
            }
            Some(id) => {
                if !is_valid_id(id.get_ref()) {
                    self.report(
                        Diagnostic::new(
                            Code::InvalidValue,
                            Some(id.span()),
                            format!("`{}` is not a valid service id", neutralize(id.get_ref())),
                        )
                        .hint("ids use lowercase letters, digits and single hyphens"),
                    );
                }
                neutralize(id.get_ref())
            }
        };
        let mut aliases = Vec::new();
        let mut seen_aliases = HashSet::new();
        for alias in &raw.aliases {
            let value = self.string(alias);
            if value.trim().is_empty() {
                self.error(Code::InvalidValue, Some(alias.span()), "an alias is empty");
            } else if !seen_aliases.insert(crate::suggest::fold(&value)) {
                self.error(
                    Code::DuplicateId,
                    Some(alias.span()),
                    format!("alias `{value}` is listed twice"),
                );
            }
            aliases.push(value);
        }
        let reviewed = match &raw.reviewed {
            None => {
                self.report(
                    Diagnostic::new(Code::MissingKey, Some(top.clone()), "missing `reviewed`")
                        .hint("the date the content was last checked: reviewed = \"YYYY-MM-DD\""),
                );
                String::new()
            }
            Some(r) => {
                if !is_valid_date(r.get_ref()) {
                    self.report(
                        Diagnostic::new(
                            Code::InvalidValue,
                            Some(r.span()),
                            format!("`{}` is not a date", neutralize(r.get_ref())),
                        )
                        .hint("write it as YYYY-MM-DD"),
                    );
                }
                neutralize(r.get_ref())
            }
        };
        let name = self.text(raw.name.as_ref().map(|s| s as &S<RawText>), "name", &top);
        let summary = self.text(raw.summary.as_ref(), "summary", &top);
        let links = raw.link.iter().map(|l| self.link(l)).collect();
        if raw.source.is_empty() {
            self.report(
                Diagnostic::new(Code::MissingKey, Some(top.clone()), "no `[[source]]`").hint(
                    "record where the content came from: [[source]] title = \"…\" ref = \"…\"",
                ),
            );
        }
        let sources = raw.source.iter().map(|s| self.source(s)).collect();
        if raw.node.is_empty() {
            self.error(
                Code::MissingKey,
                Some(top.clone()),
                "the tree has no `[[node]]`",
            );
        }

        // Node ids first, so that links can be resolved in any order.
        let mut index: HashMap<&str, NodeIndex> = HashMap::new();
        for (i, node) in raw.node.iter().enumerate() {
            let Some(id) = &node.get_ref().id else {
                continue;
            };
            if !is_valid_id(id.get_ref()) {
                self.report(
                    Diagnostic::new(
                        Code::InvalidValue,
                        Some(id.span()),
                        format!("`{}` is not a valid node id", neutralize(id.get_ref())),
                    )
                    .hint(
                        "ids use lowercase letters, digits and single hyphens: `forgot-password`",
                    ),
                );
            }
            if let Some(&first) = index.get(id.get_ref().as_str()) {
                let first_at = raw.node[first]
                    .get_ref()
                    .id
                    .as_ref()
                    .map(|f| f.span().start)
                    .unwrap_or(0);
                self.report(
                    Diagnostic::new(
                        Code::DuplicateId,
                        Some(id.span()),
                        format!("node id `{}` is used twice", neutralize(id.get_ref())),
                    )
                    .hint("give this node another id")
                    .related(first_at, "first used here"),
                );
            } else {
                index.insert(id.get_ref(), i);
            }
        }

        let mut nodes = Vec::with_capacity(raw.node.len());
        let mut link_failed = false;
        let resolve = |checker: &mut Checker, target: &S<String>, failed: &mut bool| -> NodeIndex {
            match index.get(target.get_ref().as_str()) {
                Some(&i) => i,
                None => {
                    *failed = true;
                    let mut d = Diagnostic::new(
                        Code::MissingNode,
                        Some(target.span()),
                        format!("no node has the id `{}`", neutralize(target.get_ref())),
                    );
                    if let Some(dym) = did_you_mean(target.get_ref(), index.keys().copied()) {
                        d = d.hint(dym);
                    }
                    checker.report(d);
                    0
                }
            }
        };
        let start = match &raw.start {
            None => {
                self.error(Code::MissingKey, Some(top.clone()), "missing `start`");
                link_failed = true;
                0
            }
            Some(s) => resolve(self, s, &mut link_failed),
        };
        for node in &raw.node {
            let (converted, pending) = self.node(node);
            let mut targets = Vec::with_capacity(pending.len());
            for p in pending {
                targets.push(
                    p.target
                        .as_ref()
                        .map(|t| resolve(self, t, &mut link_failed)),
                );
            }
            match converted {
                Some(mut n) => {
                    if targets.iter().any(Option::is_none) {
                        link_failed = true;
                    }
                    let targets: Vec<NodeIndex> = targets.into_iter().flatten().collect();
                    fill_targets(&mut n.body, &targets);
                    nodes.push(n);
                }
                None => link_failed = true,
            }
        }
        let node_spans: Vec<Range<usize>> = raw
            .node
            .iter()
            .map(|n| {
                n.get_ref()
                    .id
                    .as_ref()
                    .map_or_else(|| n.span(), |i| i.span())
            })
            .collect();
        if !link_failed && nodes.len() == raw.node.len() && !nodes.is_empty() {
            self.graph(&nodes, start, &node_spans);
        }
        Some(Service::new(
            id, aliases, reviewed, name?, summary?, links, sources, start, nodes,
        ))
    }

    fn link(&mut self, raw: &S<RawLink>) -> Link {
        let l = raw.get_ref();
        let kind = match &l.kind {
            None => {
                self.error(Code::MissingKey, Some(raw.span()), "a link needs `kind`");
                String::new()
            }
            Some(k) => {
                const KINDS: [&str; 4] = ["help", "sign-in", "contact", "home"];
                if !KINDS.contains(&k.get_ref().as_str()) {
                    let mut d = Diagnostic::new(
                        Code::InvalidValue,
                        Some(k.span()),
                        format!("unknown link kind `{}`", neutralize(k.get_ref())),
                    );
                    d = d.hint(format!("link kinds: {}", KINDS.join(", ")));
                    self.report(d);
                }
                neutralize(k.get_ref())
            }
        };
        let url = match &l.url {
            None => {
                self.error(Code::MissingKey, Some(raw.span()), "a link needs `url`");
                String::new()
            }
            Some(u) => self.url(u),
        };
        let label = self.optional_text(l.label.as_ref(), "label");
        Link { kind, url, label }
    }

    fn source(&mut self, raw: &S<RawSource>) -> Source {
        let s = raw.get_ref();
        let title = match &s.title {
            Some(t) => self.string(t),
            None => {
                self.error(Code::MissingKey, Some(raw.span()), "a source needs `title`");
                String::new()
            }
        };
        let reference = match &s.reference {
            Some(r) if r.get_ref().contains("://") => self.url(r),
            Some(r) => self.string(r),
            None => {
                self.error(Code::MissingKey, Some(raw.span()), "a source needs `ref`");
                String::new()
            }
        };
        let note = self.optional_text(s.note.as_ref(), "note");
        Source {
            title,
            reference,
            note,
        }
    }

    /// Convert one node. Links are returned separately (in the order
    /// `fill_targets` expects) because ids are resolved by the caller.
    fn node<'r>(&mut self, raw: &'r S<RawNode>) -> (Option<Node>, Vec<PendingLink<'r>>) {
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
                    let mut d = Diagnostic::new(
                        Code::InvalidValue,
                        Some(k.span()),
                        format!("unknown node kind `{}`", neutralize(k.get_ref())),
                    );
                    d = d.hint(match did_you_mean(k.get_ref(), names.iter().copied()) {
                        Some(dym) => format!("{dym} (kinds: {})", names.join(", ")),
                        None => format!("kinds: {}", names.join(", ")),
                    });
                    self.report(d);
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
                    options,
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
                        steps,
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
                    contacts,
                    prepare,
                    tips,
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
        let node = body.map(|body| Node {
            id,
            cause,
            warning,
            notes,
            body,
        });
        (node, pending)
    }

    fn options<'r>(
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
                    if !is_valid_id(id.get_ref()) {
                        self.report(
                            Diagnostic::new(
                                Code::InvalidValue,
                                Some(id.span()),
                                format!("`{}` is not a valid option id", neutralize(id.get_ref())),
                            )
                            .hint("ids use lowercase letters, digits and single hyphens"),
                        );
                    }
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
                id: option_id,
                label: label.unwrap_or_else(|| Text::new("", "")),
                next: 0,
                platform,
            });
        }
        choices
    }

    fn steps(&mut self, n: &RawNode, at: &Range<usize>) -> Vec<Step> {
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

    fn after_fix<'r>(
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

    fn contacts(&mut self, n: &RawNode, at: &Range<usize>) -> Vec<Contact> {
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
                        let mut d = Diagnostic::new(
                            Code::InvalidValue,
                            Some(ch.span()),
                            format!("unknown channel `{}`", neutralize(ch.get_ref())),
                        );
                        d = d.hint(match did_you_mean(ch.get_ref(), names.iter().copied()) {
                            Some(dym) => format!("{dym} (channels: {})", names.join(", ")),
                            None => format!("channels: {}", names.join(", ")),
                        });
                        self.report(d);
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
                        .hint("digits in groups joined by `-`, as printed: \"0120-999-373\""),
                    );
                }
                neutralize(p.get_ref())
            });
            let url = c.url.as_ref().map(|u| self.url(u));
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
                    phone,
                    url,
                    path,
                    steps,
                    hours,
                    cost,
                    note,
                });
            }
        }
        contacts
    }

    /// Reachability from `start`, and from every node to an outcome.
    fn graph(&mut self, nodes: &[Node], start: NodeIndex, spans: &[Range<usize>]) {
        let targets: Vec<Vec<NodeIndex>> = nodes.iter().map(Node::targets).collect();

        let mut reached = vec![false; nodes.len()];
        let mut queue = VecDeque::from([start]);
        reached[start] = true;
        while let Some(i) = queue.pop_front() {
            for &t in &targets[i] {
                if !reached[t] {
                    reached[t] = true;
                    queue.push_back(t);
                }
            }
        }
        for (i, node) in nodes.iter().enumerate() {
            if !reached[i] {
                self.report(
                    Diagnostic::new(
                        Code::Unreachable,
                        Some(spans[i].clone()),
                        format!("node `{}` cannot be reached from the start", node.id),
                    )
                    .hint("link to it from an option, or remove it"),
                );
            }
        }

        let mut sources: Vec<Vec<NodeIndex>> = vec![Vec::new(); nodes.len()];
        for (i, ts) in targets.iter().enumerate() {
            for &t in ts {
                sources[t].push(i);
            }
        }
        let mut ends = vec![false; nodes.len()];
        let mut queue: VecDeque<NodeIndex> = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind().is_outcome())
            .map(|(i, _)| i)
            .collect();
        for &i in &queue {
            ends[i] = true;
        }
        while let Some(i) = queue.pop_front() {
            for &s in &sources[i] {
                if !ends[s] {
                    ends[s] = true;
                    queue.push_back(s);
                }
            }
        }
        if ends.iter().all(|&e| e) {
            return;
        }
        // Every node that cannot end leads only to nodes that cannot end, so
        // it either sits on a loop with no way out or leads into one.
        let trapped = strongly_connected(&targets, &ends);
        let mut on_loop = vec![false; nodes.len()];
        for component in trapped {
            let is_loop = component.len() > 1 || targets[component[0]].contains(&component[0]);
            if !is_loop {
                continue;
            }
            for &i in &component {
                on_loop[i] = true;
            }
            let first = *component.iter().min().unwrap_or(&component[0]);
            let mut ids: Vec<&str> = component.iter().map(|&i| nodes[i].id.as_str()).collect();
            ids.sort();
            self.report(
                Diagnostic::new(
                    Code::DeadLoop,
                    Some(spans[first].clone()),
                    format!("these nodes lead only to each other: {}", ids.join(", ")),
                )
                .hint("give one of them an option that leads to an outcome"),
            );
        }
        for (i, node) in nodes.iter().enumerate() {
            if !ends[i] && !on_loop[i] {
                self.report(
                    Diagnostic::new(
                        Code::NoOutcome,
                        Some(spans[i].clone()),
                        format!("no outcome can be reached from node `{}`", node.id),
                    )
                    .hint("every path must end in a resolved, escalation or end node"),
                );
            }
        }
    }
}

/// A link slot of a node, in the order `fill_targets` reads them.
struct PendingLink<'r> {
    target: Option<&'r S<String>>,
}

/// Write resolved link targets into a node body, in the order they were
/// collected: options in order; or solved, unsolved; or next.
fn fill_targets(body: &mut Body, targets: &[NodeIndex]) {
    match body {
        Body::Question { options, .. } => {
            for (o, &t) in options.iter_mut().zip(targets) {
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

/// Strongly connected components of the nodes not marked in `skip`
/// (iterative Kosaraju, so a 100k-node chain cannot overflow the stack).
fn strongly_connected(targets: &[Vec<NodeIndex>], skip: &[bool]) -> Vec<Vec<NodeIndex>> {
    let n = targets.len();
    let mut order = Vec::with_capacity(n);
    let mut visited = skip.to_vec();
    for root in 0..n {
        if visited[root] {
            continue;
        }
        visited[root] = true;
        let mut stack = vec![(root, 0usize)];
        while let Some((node, next_child)) = stack.pop() {
            if let Some(&child) = targets[node].get(next_child) {
                stack.push((node, next_child + 1));
                if !visited[child] {
                    visited[child] = true;
                    stack.push((child, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    let mut reverse: Vec<Vec<NodeIndex>> = vec![Vec::new(); n];
    for (i, ts) in targets.iter().enumerate() {
        if skip[i] {
            continue;
        }
        for &t in ts {
            if !skip[t] {
                reverse[t].push(i);
            }
        }
    }
    let mut assigned = skip.to_vec();
    let mut components = Vec::new();
    for &root in order.iter().rev() {
        if assigned[root] {
            continue;
        }
        assigned[root] = true;
        let mut component = vec![root];
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &s in &reverse[node] {
                if !assigned[s] {
                    assigned[s] = true;
                    component.push(s);
                    stack.push(s);
                }
            }
        }
        components.push(component);
    }
    components
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for ok in ["0120-999-373", "011-330-3000", "188", "+81 3 1234 5678"] {
            assert!(is_valid_phone(ok), "{ok}");
        }
        for bad in [
            "",
            "12",
            "0120-999-37a",
            "-0120",
            "0120--999",
            "call 0120",
            "0120-",
        ] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert_eq!(url_problem("https://www.amazon.co.jp/"), None);
        assert!(url_problem("http://www.amazon.co.jp/").is_some());
        assert!(url_problem("javascript:alert(1)").is_some());
        assert!(url_problem("https://localhost/").is_some());
        assert!(url_problem("https://user:pw@example.com/").is_some());
        assert!(url_problem("https://exa mple.com/").is_some());
    }

    #[test]
    fn dates() {
        assert!(is_valid_date("2026-11-22"));
        assert!(is_valid_date("2024-02-29"));
        assert!(!is_valid_date("2026-02-29"));
        assert!(!is_valid_date("2026-13-01"));
        assert!(!is_valid_date("22-11-2026"));
    }

    #[test]
    fn nesting_scan_ignores_headers_and_strings() {
        assert_eq!(nesting_beyond("[[node.option]]\nx = \"[[[[[[\"\n", 2), None);
        assert_eq!(nesting_beyond("x = [[[1]]]\n", 2), Some(6));
        assert_eq!(nesting_beyond("x = { a = { b = 1 } }\n", 2), None);
        assert_eq!(nesting_beyond("# [[[[[[\nx = '''[[[['''\n", 2), None);
    }

    #[test]
    fn components_find_loops() {
        // 0 -> 1 -> 2 -> 1, 3 -> 3
        let targets = vec![vec![1], vec![2], vec![1], vec![3]];
        let mut comps = strongly_connected(&targets, &[false; 4]);
        for c in &mut comps {
            c.sort();
        }
        comps.sort();
        assert_eq!(comps, vec![vec![0], vec![1, 2], vec![3]]);
    }
}
