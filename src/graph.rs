//! Placeholder replaced by the graph module.
use crate::text::Lang;
use crate::tree::Service;
pub fn mermaid(_s: &Service, _l: Lang) -> String { String::new() }
pub fn dot(_s: &Service, _l: Lang) -> String { String::new() }
