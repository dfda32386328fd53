//! Drawing views as text: plain, wrapped to the terminal width, styled only
//! when styling is on (a terminal, `--color`, `NO_COLOR`). (Markdown is
//! `markdown`.) Everything drawn here came through `view`, so
//! tree text is already free of control characters.

use std::fmt::Write as _;

use console::Style;

use crate::i18n::words;
use crate::i18n::Lang;
use crate::output::view::{ContactView, NodeView, WalkView};
use crate::text::wrap;

/// Styles, or none.
#[derive(Debug, Clone)]
pub struct Painter {
    pub enabled: bool,
}

impl Painter {
    pub fn new(enabled: bool) -> Painter {
        Painter { enabled }
    }

    fn paint(&self, style: Style, s: &str) -> String {
        if self.enabled {
            style.force_styling(true).apply_to(s).to_string()
        } else {
            s.to_owned()
        }
    }

    pub fn heading(&self, s: &str) -> String {
        self.paint(Style::new().bold().cyan(), s)
    }
    pub fn strong(&self, s: &str) -> String {
        self.paint(Style::new().bold(), s)
    }
    pub fn warn(&self, s: &str) -> String {
        self.paint(Style::new().yellow().bold(), s)
    }
    pub fn dim(&self, s: &str) -> String {
        self.paint(Style::new().dim(), s)
    }
    pub fn good(&self, s: &str) -> String {
        self.paint(Style::new().green().bold(), s)
    }
}

/// Text wrapped to `width` with a hanging indent: the first line starts with
/// `first`, later lines with as many spaces as `first` is wide.
fn hang(out: &mut String, first: &str, text: &str, width: usize) {
    hang_styled(out, first, text, width, str::to_owned);
}

/// `hang`, each wrapped line styled on its own: text is wrapped before it is
/// coloured, so that no line break falls inside an escape sequence. `first`
/// may be coloured; its escape sequences take no columns.
fn hang_styled(
    out: &mut String,
    first: &str,
    text: &str,
    width: usize,
    style: impl Fn(&str) -> String,
) {
    let mut indent = crate::text::width(&console::strip_ansi_codes(first));
    if width.saturating_sub(indent) < (width / 2).max(8) {
        // A label that leaves less than half the line beside it: the text
        // goes below, where words need not be cut to fit a narrow column
        // (and the label, as plain text, is wrapped too).
        let label = console::strip_ansi_codes(first);
        for line in wrap(label.trim(), width) {
            let _ = writeln!(out, "{line}");
        }
        indent = 2;
        for line in wrap(text, width.saturating_sub(indent)) {
            let _ = writeln!(out, "  {}", style(&line));
        }
        return;
    }
    let lines = wrap(text, width.saturating_sub(indent));
    for (i, line) in lines.iter().enumerate() {
        let line = style(line);
        if i == 0 {
            let _ = writeln!(out, "{first}{line}");
        } else {
            let _ = writeln!(out, "{}{line}", " ".repeat(indent));
        }
    }
}

/// One node's content: cause, heading, warning, steps or contacts, notes.
/// Questions show their text and help but not their options (the caller
/// shows those: as a prompt, or as a list in scripted output).
/// `wizard` lays the node out for the wizard: steps numbered "Step 2 of 6",
/// and no cause or question line (its header and prompt show those).
pub fn node_text(view: &NodeView, lang: Lang, p: &Painter, width: usize, wizard: bool) -> String {
    let w = words(lang);
    let mut out = String::new();
    if let Some(cause) = view.cause.as_ref().filter(|_| !wizard) {
        hang_styled(
            &mut out,
            "",
            &format!("[{}: {cause}]", w.checking),
            width,
            |l| p.dim(l),
        );
    }
    if let Some(title) = &view.title {
        hang_styled(&mut out, &p.heading("■ "), title, width, |l| p.heading(l));
    }
    if let Some(warning) = &view.warning {
        hang(
            &mut out,
            &p.warn(&format!("⚠ {}: ", w.warning)),
            warning,
            width,
        );
    }
    if let Some(text) = &view.text {
        hang(&mut out, "", text, width);
    }
    if view.kind == crate::tree::NodeKind::Question {
        if let Some(help) = &view.help {
            hang(&mut out, "", help, width);
        }
        if let Some(q) = view.question.as_ref().filter(|_| !wizard) {
            hang_styled(&mut out, "", q, width, |l| p.strong(l));
        }
    }
    let total = view.steps.len();
    for step in &view.steps {
        let prefix = if wizard {
            format!("{}: ", (w.step_of)(step.number, total))
        } else {
            format!("{:>2}. ", step.number)
        };
        let text = match step.platform_label {
            Some(label) => format!("[{label}] {}", step.text),
            None => step.text.clone(),
        };
        hang(&mut out, &prefix, &text, width);
        if let Some(note) = &step.note {
            hang(&mut out, &format!("    {}: ", w.note), note, width);
        }
        if let Some(warning) = &step.warning {
            hang(
                &mut out,
                &format!("    {} ", p.warn(&format!("⚠ {}:", w.warning))),
                warning,
                width,
            );
        }
    }
    if !view.contacts.is_empty() {
        out.push_str(&contacts_text(&view.contacts, lang, p, width));
    }
    if !view.prepare.is_empty() {
        hang_styled(&mut out, "", &format!("{}:", w.prepare), width, |l| {
            p.strong(l)
        });
        for item in &view.prepare {
            hang(&mut out, "  - ", item, width);
        }
    }
    if !view.tips.is_empty() {
        hang_styled(&mut out, "", &format!("{}:", w.tips), width, |l| {
            p.strong(l)
        });
        for item in &view.tips {
            hang(&mut out, "  - ", item, width);
        }
    }
    for note in &view.notes {
        hang(&mut out, "  * ", note, width);
    }
    out
}

/// The contacts in full: a heading, then each with its number, phone,
/// hours, cost, URL, path, steps and note.
pub fn contacts_text(contacts: &[ContactView], lang: Lang, p: &Painter, width: usize) -> String {
    let w = words(lang);
    let mut out = String::new();
    let _ = writeln!(out, "{}", p.strong(&format!("{}:", w.contacts)));
    for (i, c) in contacts.iter().enumerate() {
        contact_text(&mut out, i + 1, c, lang, p, width);
    }
    out
}

/// The contacts in short, for the last lines above the wizard's final
/// prompt: each one's name, then how to reach it (the phone number with
/// cost and hours, or the URL, or the path to the form) on the next lines.
pub fn contacts_short_text(
    contacts: &[ContactView],
    lang: Lang,
    p: &Painter,
    width: usize,
) -> String {
    let w = words(lang);
    let mut out = String::new();
    let _ = writeln!(out, "{}", p.strong(&format!("{}:", w.contacts_short)));
    for (i, c) in contacts.iter().enumerate() {
        hang_styled(&mut out, &format!("  {}. ", i + 1), &c.label, width, |l| {
            p.strong(l)
        });
        let mut reach: Vec<String> = Vec::new();
        if let Some(phone) = &c.phone {
            reach.push(format!("☎ {phone}"));
        }
        if let Some(cost) = &c.cost {
            reach.push(cost.clone());
        }
        if let Some(hours) = &c.hours {
            reach.push(format!("{}: {hours}", w.hours));
        }
        if !reach.is_empty() {
            hang(&mut out, "     ", &reach.join(" / "), width);
        }
        if let Some(url) = &c.url {
            let _ = writeln!(out, "     {url}");
        }
        if let Some(path) = &c.path {
            hang(&mut out, &format!("     {}: ", w.path), path, width);
        }
    }
    out
}

fn contact_text(
    out: &mut String,
    n: usize,
    c: &ContactView,
    lang: Lang,
    p: &Painter,
    width: usize,
) {
    let w = words(lang);
    hang_styled(
        out,
        &format!("  {n}. "),
        &format!("{} ({})", c.label, c.channel_label),
        width,
        |l| p.strong(l),
    );
    let field = |out: &mut String, name: &str, value: &str| {
        hang(out, &format!("     {name}: "), value, width);
    };
    if let Some(phone) = &c.phone {
        let _ = writeln!(out, "     ☎ {}", p.strong(phone));
    }
    if let Some(hours) = &c.hours {
        field(out, w.hours, hours);
    }
    if let Some(cost) = &c.cost {
        field(out, w.cost, cost);
    }
    if let Some(url) = &c.url {
        let _ = writeln!(out, "     {url}");
    }
    if let Some(path) = &c.path {
        field(out, w.path, path);
    }
    for (i, step) in c.steps.iter().enumerate() {
        hang(out, &format!("     {}) ", i + 1), step, width);
    }
    if let Some(note) = &c.note {
        hang(out, "     ", note, width);
    }
}

/// A scripted walk as plain text: each node shown with the answer given,
/// then either the outcome or the question waiting for an answer.
pub fn walk_text(view: &WalkView, p: &Painter, width: usize) -> String {
    let w = words(view.lang);
    let mut out = String::new();
    hang_styled(
        &mut out,
        "",
        &format!("{} — {}", view.service_name, w.guide),
        width,
        |l| p.heading(l),
    );
    let last = view.trail.len().saturating_sub(1);
    for (i, node) in view.trail.iter().enumerate() {
        // The question being waited on is printed once, below, with its options.
        let waiting = i == last && view.question.is_some();
        if waiting && node.kind == crate::tree::NodeKind::Question {
            continue;
        }
        out.push('\n');
        out.push_str(&node_text(node, view.lang, p, width, false));
        if let (Some(q), Some(answer)) = (&node.question, &node.answer) {
            if node.kind != crate::tree::NodeKind::Question {
                hang(&mut out, "", q, width);
            }
            hang(
                &mut out,
                &format!("  {} ", w.leads_to),
                &format!("{}: {} [{}]", w.your_answer, answer.label, answer.id),
                width,
            );
        }
    }
    if let Some(q) = &view.question {
        out.push('\n');
        hang_styled(
            &mut out,
            "",
            &format!("{}: [{}]", w.next_question, q.id),
            width,
            |l| p.strong(l),
        );
        if let Some(help) = &q.help {
            hang(&mut out, "", help, width);
        }
        hang(&mut out, "", &q.text, width);
        for o in &q.options {
            hang(
                &mut out,
                &format!("  - {} ", o.id),
                &format!("({})", o.label),
                width,
            );
        }
        let _ = writeln!(out, "{}: {}", w.answer_with, q.answer_with);
    }
    type Style = fn(&Painter, &str) -> String;
    let status: Option<(String, Style)> = match view.status {
        crate::engine::Status::Resolved => {
            Some((format!("✔ {}", w.status_resolved), Painter::good))
        }
        crate::engine::Status::Escalated => {
            Some((format!("➜ {}", w.status_escalated), Painter::warn))
        }
        crate::engine::Status::Ended => Some((w.status_ended.to_owned(), Painter::strong)),
        crate::engine::Status::NeedsAnswer => None,
    };
    if let Some((status, style)) = status {
        out.push('\n');
        hang_styled(&mut out, "", &status, width, |l| style(p, l));
    }
    // In the support's language the draft is the message to send; in
    // another, it is a translation to read, and the message to send follows.
    let to_send = view
        .message_to_send
        .as_ref()
        .filter(|m| m.lang != view.lang);
    if let Some(message) = &view.support_message {
        let heading = match to_send {
            Some(_) => w.translation,
            None => w.support_message,
        };
        message_block(&mut out, heading, message, p, width);
    }
    if let Some(message) = to_send {
        message_block(&mut out, w.message_to_send, &message.text, p, width);
    }
    out
}

/// A message between rules, under its heading.
fn message_block(out: &mut String, heading: &str, message: &str, p: &Painter, width: usize) {
    out.push('\n');
    hang_styled(out, "", &format!("{heading}:"), width, |l| p.strong(l));
    let rule = "-".repeat(width.clamp(20, 60));
    let _ = writeln!(out, "{rule}");
    for line in wrap(message.trim_end(), width) {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{rule}");
}

/// A whole guide for `show`: every node in file order with its options and
/// where they lead.
pub fn guide_text(service: &crate::tree::Service, lang: Lang, p: &Painter, width: usize) -> String {
    let w = words(lang);
    let mut out = String::new();
    hang_styled(
        &mut out,
        "",
        &format!("{} ({})", service.name.get(lang), service.id),
        width,
        |l| p.heading(l),
    );
    hang(&mut out, "", service.summary.get(lang), width);
    hang(
        &mut out,
        "",
        &format!("{}: {}", w.reviewed, service.reviewed),
        width,
    );
    for (i, _) in service.nodes.iter().enumerate() {
        out.push('\n');
        out.push_str(&node_entry_text(service, i, lang, p, width));
    }
    out
}

/// One node for `show`, with its id, kind and outgoing links.
pub fn node_entry_text(
    service: &crate::tree::Service,
    index: usize,
    lang: Lang,
    p: &Painter,
    width: usize,
) -> String {
    let w = words(lang);
    let node = service.node(index);
    let view = crate::output::view::node_view(service, index, lang, &[]);
    let mut out = String::new();
    hang_styled(
        &mut out,
        "",
        &format!("── {} ({}) ──", node.id, w.kind_tag(node.kind())),
        width,
        |l| p.dim(l),
    );
    out.push_str(&node_text(&view, lang, p, width, false));
    // A fix's "did this solve it?" (node_text shows a question's text).
    if node.kind() == crate::tree::NodeKind::Fix && node.asks() {
        if let Some(q) = &view.question {
            hang(&mut out, "", q, width);
        }
    }
    if node.asks() {
        for (o, target) in view.options.iter().zip(node.targets()) {
            hang(
                &mut out,
                &format!("  - {} ", o.id),
                &format!("({}) {} {}", o.label, w.leads_to, service.node(target).id),
                width,
            );
        }
    } else if let [next] = node.targets()[..] {
        let _ = writeln!(out, "  {} {}", w.leads_to, service.node(next).id);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coloured_text_is_wrapped_before_it_is_coloured() {
        let p = Painter::new(true);
        let mut out = String::new();
        // A line exactly full before the style's closing sequence.
        hang_styled(&mut out, "", &"あ".repeat(20), 40, |l| p.strong(l));
        hang_styled(&mut out, "", &"い".repeat(50), 40, |l| p.strong(l));
        for line in out.lines() {
            let plain = console::strip_ansi_codes(line);
            assert!(!plain.contains('['), "a broken escape sequence: {line:?}");
            assert!(crate::text::width(&plain) <= 40, "{line:?}");
            assert!(
                line.ends_with("\u{1b}[0m"),
                "each line closes its style: {line:?}"
            );
        }
    }

    #[test]
    fn wrapped_lines_hang_under_the_text_of_a_coloured_label() {
        let p = Painter::new(true);
        let label = p.warn("⚠ 注意: ");
        assert_ne!(label, "⚠ 注意: ", "the label is coloured");
        let mut out = String::new();
        hang(&mut out, &label, &"あ".repeat(60), 40);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 1, "{out}");
        let indent = crate::text::width("⚠ 注意: ");
        for line in &lines[1..] {
            assert_eq!(line.len() - line.trim_start().len(), indent, "{out}");
        }
    }
}
