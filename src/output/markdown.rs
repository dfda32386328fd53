//! `show --format markdown`: a guide (or one node) as a Markdown page, every
//! tree text escaped so that it stays text.

use std::fmt::Write as _;

use crate::i18n::{words, Lang, Words};
use crate::output::view::{node_view, NodeView};
use crate::tree::{AfterFix, Body, NodeKind, Service};

/// The guide as Markdown: its header, then a section per node; or only the
/// section of node `only`.
pub fn guide_markdown(service: &Service, only: Option<usize>, lang: Lang) -> String {
    let w = words(lang);
    let mut out = String::new();
    if only.is_none() {
        header(&mut out, service, lang, w);
    }
    let indices: Vec<usize> = match only {
        Some(i) => vec![i],
        None => (0..service.nodes.len()).collect(),
    };
    for i in indices {
        node_section(&mut out, service, i, lang, w);
    }
    out
}

/// The guide's name, summary, review date, sources and links.
fn header(out: &mut String, service: &Service, lang: Lang, w: &Words) {
    let _ = writeln!(out, "# {}\n", md(service.name.get(lang)));
    let _ = writeln!(out, "{}\n", md(service.summary.get(lang)));
    let _ = writeln!(out, "- {}: {}", w.reviewed, service.reviewed);
    for s in service.sources.iter() {
        let _ = writeln!(
            out,
            "- {}: {} ({})",
            w.sources,
            md(&s.title),
            md(&s.reference)
        );
    }
    if !service.links.is_empty() {
        let urls: Vec<String> = service
            .links
            .iter()
            .map(|l| format!("<{}>", md_url(&l.url)))
            .collect();
        let _ = writeln!(out, "- {}: {}", w.links, urls.join(", "));
    }
    out.push('\n');
}

/// One node: an anchor and heading, then its parts in reading order, then
/// where it leads.
fn node_section(out: &mut String, service: &Service, i: usize, lang: Lang, w: &Words) {
    let node = service.node(i);
    let v = node_view(service, i, lang, &[]);
    let heading = v.title.clone().or(v.question.clone()).unwrap_or_default();
    // An HTML anchor works in every Markdown renderer; `{#id}` does not.
    let _ = writeln!(out, "<a id=\"{}\"></a>\n", node.id);
    let _ = writeln!(out, "## {}\n", md(&heading));
    let _ = writeln!(out, "`{}` ({})\n", node.id, w.kind_tag(node.kind()));
    if let Some(cause) = &v.cause {
        let _ = writeln!(out, "*{}: {}*\n", w.checking, md(cause));
    }
    if let Some(warning) = &v.warning {
        let _ = writeln!(out, "> **{}:** {}\n", w.warning, md(warning));
    }
    if let Some(help) = &v.help {
        let _ = writeln!(out, "{}\n", md(help));
    }
    if let Some(text) = &v.text {
        let _ = writeln!(out, "{}\n", md(text));
    }
    steps(out, &v, w);
    contacts(out, &v, w);
    for (title, items) in [(w.prepare, &v.prepare), (w.tips, &v.tips)] {
        if !items.is_empty() {
            let _ = writeln!(out, "**{title}:**\n");
            for item in items {
                let _ = writeln!(out, "- {}", md(item));
            }
            out.push('\n');
        }
    }
    for note in &v.notes {
        let _ = writeln!(out, "- {}", md(note));
    }
    if !v.notes.is_empty() {
        out.push('\n');
    }
    leads_to(out, service, i, &v, w);
}

/// A fix's numbered steps, with their notes and warnings.
pub(crate) fn steps(out: &mut String, v: &NodeView, w: &Words) {
    for s in &v.steps {
        let tag = s
            .platform_label
            .map(|l| format!("**[{l}]** "))
            .unwrap_or_default();
        let _ = writeln!(out, "{}. {tag}{}", s.number, md(&s.text));
        if let Some(note) = &s.note {
            let _ = writeln!(out, "   - {}: {}", w.note, md(note));
        }
        if let Some(warning) = &s.warning {
            let _ = writeln!(out, "   - **{}:** {}", w.warning, md(warning));
        }
    }
    if !v.steps.is_empty() {
        out.push('\n');
    }
}

/// An escalation's contacts, each with its details.
pub(crate) fn contacts(out: &mut String, v: &NodeView, w: &Words) {
    for c in &v.contacts {
        let _ = writeln!(out, "- **{}** ({})", md(&c.label), c.channel_label);
        if let Some(phone) = &c.phone {
            let _ = writeln!(out, "  - ☎ {}", md(phone));
        }
        for (name, value) in [
            (w.hours, &c.hours),
            (w.cost, &c.cost),
            (w.path, &c.path),
            (w.note, &c.note),
        ] {
            if let Some(value) = value {
                let _ = writeln!(out, "  - {name}: {}", md(value));
            }
        }
        if let Some(url) = &c.url {
            let _ = writeln!(out, "  - <{}>", md_url(url));
        }
        for (n, step) in c.steps.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}", n + 1, md(step));
        }
    }
    if !v.contacts.is_empty() {
        out.push('\n');
    }
}

/// Where a node leads: its options as links to their nodes, or a fix's
/// "then" link.
fn leads_to(out: &mut String, service: &Service, i: usize, v: &NodeView, w: &Words) {
    let node = service.node(i);
    if let Some(q) = v.question.as_ref().filter(|_| !v.options.is_empty()) {
        if node.kind() != NodeKind::Question {
            let _ = writeln!(out, "**{}**\n", md(q));
        }
        for (o, target) in v.options.iter().zip(node.targets()) {
            let _ = writeln!(
                out,
                "- `{}` {} → [{}](#{})",
                o.id,
                md(&o.label),
                service.node(target).id,
                service.node(target).id
            );
        }
        out.push('\n');
    }
    if let Body::Fix {
        after: AfterFix::Continue(next),
        ..
    } = &node.body
    {
        let id = &service.node(*next).id;
        let _ = writeln!(out, "{} → [{id}](#{id})\n", w.then);
    }
}

/// Escape the characters Markdown would act on, so tree text stays text.
pub(crate) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '{' | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out.replace('\n', "  \n")
}

/// A URL as a Markdown autolink's content: every character outside the
/// ones RFC 3986 allows unencoded, less `'`, percent-encoded. Inside `<…>`
/// CommonMark takes backslashes literally, so encoding is the only escape;
/// the checker already refuses `<>"'\` and spaces, and this keeps even a
/// URL that slipped past it from ending the autolink or opening raw HTML.
fn md_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&()*+,;=%".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::md_url;

    #[test]
    fn urls_cannot_leave_their_autolink() {
        assert_eq!(
            md_url("https://example.com/?q=<svg/onload=alert(1)>"),
            "https://example.com/?q=%3Csvg/onload=alert(1)%3E"
        );
        assert_eq!(
            md_url("https://e.com/a\"b'c d`\\"),
            "https://e.com/a%22b%27c%20d%60%5C"
        );
        assert_eq!(md_url("https://e.com/é"), "https://e.com/%C3%A9");
        assert_eq!(
            md_url("https://www.amazon.co.jp/gp/help?x=1&y=2#top"),
            "https://www.amazon.co.jp/gp/help?x=1&y=2#top"
        );
    }
}
