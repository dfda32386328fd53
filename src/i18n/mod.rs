//! Languages and the tool's own words. `Lang` and `Text` come from the guide
//! crate (a guide's texts are `Text`s); `words` holds every string of the
//! tool's own, in each language, compile-checked: a missing translation is
//! a compile error.

pub mod clap_error;
pub mod help;
pub mod os_error;
pub mod resume;
mod words;

pub use crate::tree::lang::{Lang, Text};
pub use words::{words, Letter, Words};

use std::sync::atomic::{AtomicBool, Ordering};

/// The language of loginhelp's own messages (errors, hints and notes on
/// stderr). `run` sets it from the same rule as the guides' language; a
/// library caller that never sets it gets English.
static MESSAGES_IN_JAPANESE: AtomicBool = AtomicBool::new(false);

pub fn set_message_lang(lang: Lang) {
    MESSAGES_IN_JAPANESE.store(lang == Lang::Ja, Ordering::Relaxed);
}

pub fn message_lang() -> Lang {
    if MESSAGES_IN_JAPANESE.load(Ordering::Relaxed) {
        Lang::Ja
    } else {
        Lang::En
    }
}

/// A message in the language of messages. Both wordings stand at the call
/// site, so neither can be missing.
pub fn tr(ja: impl Into<String>, en: impl Into<String>) -> String {
    match message_lang() {
        Lang::Ja => ja.into(),
        Lang::En => en.into(),
    }
}

/// "did you mean `x`?" for the closest candidate, in the language of messages.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    crate::suggest::closest(input, candidates).map(|c| {
        tr(
            format!("`{c}` のことですか?"),
            format!("did you mean `{c}`?"),
        )
    })
}
