//! What `list` shows of a tree file, read without checking the tree: for
//! the registry (guides in --services-dir) and for `build.rs` (the shipped
//! ones).

use crate::lang::Text;
use crate::parse::WHOLE_PARSE_BYTES;
use crate::raw::{RawHeader, RawPlainText};
use crate::scan::header_part;
use crate::text::{neutralize, neutralize_line};

/// What `list` shows of a tree file, read without checking the tree, every
/// text neutralised.
#[derive(Debug)]
pub struct Listing {
    pub id: Option<String>,
    pub aliases: Vec<String>,
    pub name: Text,
    pub summary: Text,
}

/// The listing of a tree file: from the part before its first `[[node]]`
/// when that part has it all (a 100k-node file is not parsed whole just to
/// be listed), else from the whole file when that is small enough to parse
/// whole (see `WHOLE_PARSE_BYTES`). `None` when neither can be read.
pub fn listing(src: &str) -> Option<Listing> {
    let head = header_part(src);
    let mut header = None;
    if head.len() < src.len() && head.len() <= WHOLE_PARSE_BYTES {
        header = toml::from_str::<RawHeader>(head)
            .ok()
            .filter(|h| h.id.is_some() && h.name.is_some() && h.summary.is_some());
    }
    if header.is_none() && src.len() <= WHOLE_PARSE_BYTES {
        header = toml::from_str(src).ok();
    }
    let header = header?;
    let text = |t: &Option<RawPlainText>| match t {
        Some(t) => Text::new(
            neutralize(t.ja.as_deref().unwrap_or_default()),
            neutralize(t.en.as_deref().unwrap_or_default()),
        ),
        None => Text::new("", ""),
    };
    Some(Listing {
        id: header.id.as_deref().map(neutralize_line),
        aliases: header.aliases.iter().map(|a| neutralize_line(a)).collect(),
        name: text(&header.name),
        summary: text(&header.summary),
    })
}
