//! The fuzz targets' judge of "safe to print", written apart from the
//! code's own `neutralize` / `is_unsafe_char` so that it can catch what they
//! miss: its own list of code points a terminal (or a reader) could be
//! fooled by, and a Markdown parser's view of raw HTML.

#![allow(dead_code)]

/// Why `c` may not reach a reader, or `None`. `newline` says whether a line
/// break is allowed where the text is (multi-line output, yes).
pub fn forbidden(c: char, newline: bool) -> Option<&'static str> {
    let n = c as u32;
    Some(match n {
        0x0A if newline => return None,
        0x1B => "ESC",
        0x00..=0x1F => "a C0 control",
        0x7F => "DEL",
        0x80..=0x9F => "a C1 control",
        0x202A..=0x202E => "a bidi embedding or override",
        0x2066..=0x2069 => "a bidi isolate",
        0x200E | 0x200F | 0x061C => "a bidi mark",
        0x200B..=0x200D | 0x2060 | 0xFEFF | 0x180E => "a zero-width character",
        0x2028 | 0x2029 => "a line or paragraph separator",
        _ => return None,
    })
}

/// Panic, showing where, if `text` holds a forbidden character.
#[track_caller]
pub fn assert_inert(what: &str, text: &str, newline: bool) {
    if let Some((at, c, why)) = text
        .char_indices()
        .find_map(|(i, c)| forbidden(c, newline).map(|why| (i, c, why)))
    {
        let from = text[..at].char_indices().rev().nth(30).map_or(0, |(j, _)| j);
        panic!(
            "{what}: {why} (U+{:04X}) after {:?}",
            c as u32,
            &text[from..at]
        );
    }
}

/// The text a terminal shows once SGR sequences (`ESC [ digits/; m`, what
/// a painter adds for colour) are taken out; any other escape stays in.
pub fn without_sgr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let params = after
            .strip_prefix('[')
            .map(|p| p.len() - p.trim_start_matches(|c: char| c.is_ascii_digit() || c == ';').len());
        match params {
            Some(len) if after[1 + len..].starts_with('m') => rest = &after[len + 2..],
            _ => {
                out.push('\u{1b}');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The one piece of HTML the Markdown writes on purpose: an anchor per
/// node, `<a id="ID"></a>`, whose id is plain ASCII.
fn is_node_anchor(html: &str) -> bool {
    let html = html.trim_end();
    let html = html.strip_suffix("</a>").unwrap_or(html);
    if html.is_empty() {
        return true;
    }
    html.strip_prefix("<a id=\"")
        .and_then(|rest| rest.strip_suffix("\">"))
        .is_some_and(|id| {
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// Panic if a CommonMark reader would see raw HTML in `markdown` other
/// than the node anchors.
#[track_caller]
pub fn assert_no_raw_html(markdown: &str) {
    use pulldown_cmark::{Event, Parser};
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        if let Event::Html(html) | Event::InlineHtml(html) = &event {
            if is_node_anchor(html) {
                continue;
            }
            let line = markdown[..range.start].matches('\n').count() + 1;
            panic!("raw HTML in the Markdown at line {line}: {html:?}\n{markdown}");
        }
    }
}

/// Every string inside a JSON value.
pub fn json_strings<'v>(value: &'v serde_json::Value, out: &mut Vec<&'v str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.push(k);
                json_strings(v, out);
            }
        }
        _ => {}
    }
}

/// Check a JSON document both as text and as the strings it decodes to.
#[track_caller]
pub fn assert_json_inert(what: &str, json: &str) {
    assert_inert(what, json, true);
    let value: serde_json::Value = serde_json::from_str(json).expect("the JSON parses");
    let mut strings = Vec::new();
    json_strings(&value, &mut strings);
    for s in strings {
        assert_inert(what, s, true);
    }
}
