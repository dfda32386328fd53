//! Fuzz every renderer over guides that pass the checker: plain and
//! coloured text at two widths, JSON (as `show` and a walk print it),
//! Markdown, Mermaid, dot and the support message. What they print must be
//! safe by `oracle` (its own list of forbidden code points, not the code's
//! `neutralize`), and the Markdown must hold no raw HTML.
//!
//! Guides come two ways: the input as a whole file (the first byte even),
//! or a complete template guide whose texts, aliases and URL paths are the
//! input's pieces (split at 0xFF bytes), so that most inputs pass the
//! checker and only the texts vary.

#![no_main]

mod oracle;

use libfuzzer_sys::fuzz_target;
use loginhelp::engine::{Position, Walk};
use loginhelp::i18n::Lang;
use loginhelp::output::{markdown, text, view};
use loginhelp::tree::{check_source, Service};

const TEMPLATE: &str = r#"format = 1
id = "fuzz"
aliases = ["@0@", "@1@"]
reviewed = "2026-11-22"
start = "symptom"
name = { ja = "@2@", en = "@3@" }
summary = { ja = "@4@", en = "@5@" }

[[link]]
kind = "help"
url = "https://help.example.com/@6@"

[[source]]
title = "@7@"
ref = "@8@"

[[node]]
id = "symptom"
kind = "question"
text = { ja = "@9@", en = "@10@" }
help = { ja = "@11@", en = "@12@" }
[[node.option]]
id = "iphone"
label = { ja = "@13@", en = "@14@" }
next = "reset"
platform = "iphone"
[[node.option]]
id = "other"
label = { ja = "@15@", en = "@16@" }
next = "support"

[[node]]
id = "reset"
kind = "fix"
cause = { ja = "@17@", en = "@18@" }
title = { ja = "@19@", en = "@20@" }
warning = { ja = "@21@", en = "@22@" }
solved = "done"
unsolved = "support"
[[node.step]]
text = { ja = "@23@", en = "@24@" }
note = { ja = "@25@", en = "@26@" }
[[node.step]]
text = { ja = "@27@", en = "@28@" }
platform = "iphone"
warning = { ja = "@29@", en = "@30@" }

[[node]]
id = "support"
kind = "escalation"
title = { ja = "@31@", en = "@32@" }
text = { ja = "@33@", en = "@34@" }
prepare = [{ ja = "@35@", en = "@36@" }]
tips = [{ ja = "@37@", en = "@38@" }]
[[node.contact]]
channel = "web-form"
label = { ja = "@39@", en = "@40@" }
url = "https://help.example.com/@41@"
steps = [{ ja = "@42@", en = "@43@" }]
hours = { ja = "@44@", en = "@45@" }
[[node.contact]]
channel = "phone"
label = { ja = "@46@", en = "@47@" }
phone = "0120-000-000"
note = { ja = "@48@", en = "@49@" }

[[node]]
id = "done"
kind = "resolved"
title = { ja = "@50@", en = "@51@" }
text = { ja = "@52@", en = "@53@" }
"#;
const HOLES: usize = 54;

/// `s` as the inside of a TOML basic string: quotes and backslashes
/// escaped, control characters as `\u` escapes, everything else as it is.
fn toml_escaped(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn guide_from(data: &[u8]) -> Option<String> {
    let (&mode, rest) = data.split_first()?;
    if mode & 1 == 0 {
        return std::str::from_utf8(rest).ok().map(str::to_owned);
    }
    let pieces: Vec<String> = rest
        .split(|&b| b == 0xFF)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let mut guide = TEMPLATE.to_owned();
    for hole in (0..HOLES).rev() {
        // A hole with no piece keeps a plain word, so the guide stays valid.
        let piece = pieces
            .get(hole)
            .filter(|p| !p.trim().is_empty())
            .map_or_else(|| format!("w{hole}"), |p| toml_escaped(p));
        guide = guide.replace(&format!("@{hole}@"), &piece);
    }
    Some(guide)
}

fn render_all(service: &Service, lang: Lang) {
    for width in [20, 80] {
        for colour in [false, true] {
            let p = text::Painter::new(colour);
            let out = text::guide_text(service, lang, &p, width);
            oracle::assert_inert("show (text)", &oracle::without_sgr(&out), true);
            for i in 0..service.nodes.len() {
                let out = text::node_entry_text(service, i, lang, &p, width);
                oracle::assert_inert("show NODE (text)", &oracle::without_sgr(&out), true);
            }
        }
    }
    let md = markdown::guide_markdown(service, None, lang);
    oracle::assert_inert("show (markdown)", &md, true);
    oracle::assert_no_raw_html(&md);
    for i in 0..service.nodes.len() {
        let md = markdown::guide_markdown(service, Some(i), lang);
        oracle::assert_inert("show NODE (markdown)", &md, true);
        oracle::assert_no_raw_html(&md);
        let json = serde_json::to_string(&view::node_view(service, i, lang, &[])).unwrap();
        oracle::assert_json_inert("show NODE (json)", &json);
    }
    let mermaid = loginhelp::graph::mermaid::mermaid(service, lang);
    oracle::assert_inert("graph (mermaid)", &mermaid, true);
    let dot = loginhelp::graph::dot::dot(service, lang);
    oracle::assert_inert("graph (dot)", &dot, true);

    // Walks: always the first option, and always the last, as far as they go.
    for last in [false, true] {
        let mut walk = Walk::new(service);
        for _ in 0..service.nodes.len() * 2 {
            match walk.position() {
                Position::Ask(node) => {
                    let n = loginhelp::engine::offers(service, node).len();
                    let _ = walk.answer_index(if last { n - 1 } else { 0 });
                }
                Position::Show(_) => {
                    walk.advance();
                }
                Position::Finished(_) => break,
            }
        }
        let shown = view::walk_view(&walk, lang, "2026-11-22");
        for width in [20, 80] {
            let out = text::walk_text(&shown, &text::Painter::new(true), width);
            oracle::assert_inert("walk (text)", &oracle::without_sgr(&out), true);
        }
        oracle::assert_json_inert("walk (json)", &serde_json::to_string(&shown).unwrap());
        let message = loginhelp::output::report::support_message(&walk, lang, "2026-11-22");
        oracle::assert_inert("support message", &message, true);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some(guide) = guide_from(data) else {
        return;
    };
    let checked = check_source(&guide);
    if checked.has_errors() {
        return;
    }
    let Some(service) = checked.service else {
        return;
    };
    for lang in [Lang::Ja, Lang::En] {
        render_all(&service, lang);
    }
});
