//! Languages and the tool's own words. `Lang` and `Text` come from the guide
//! crate (a guide's texts are `Text`s); `words` holds every string of the
//! tool's own, in each language, compile-checked: a missing translation is
//! a compile error.

pub mod clap_error;
pub mod help;
mod words;

pub use crate::tree::lang::{Lang, Text};
pub use words::{words, Letter, Words};
