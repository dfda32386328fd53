//! The languages guides are written in, the choice of one from the locale,
//! and `Text`: a user-visible string in every one of them.

use std::borrow::Cow;

use serde::Serialize;

/// A language the guides are written in. (`--lang` takes it through the
/// `clap::ValueEnum` in `cli.rs`, so that this module needs no clap and the
/// guide crate needs no clap.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// The language code used in `--lang`, JSON and file names.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// Pick the language from the environment as `--help` documents it:
    /// `LOGINHELP_LANG` (handled by clap), then `LC_ALL`, `LC_MESSAGES`, `LANG`.
    /// A `ja*` locale gives Japanese, another named locale English, and
    /// `C`, `POSIX` or nothing at all Japanese, the guides' own language.
    pub fn from_locale_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            let Some(value) = get(var) else { continue };
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let lower = value.to_ascii_lowercase();
            if lower == "c" || lower == "posix" || lower.starts_with("c.") {
                return Lang::Ja;
            }
            return if lower.starts_with("ja") {
                Lang::Ja
            } else {
                Lang::En
            };
        }
        Lang::Ja
    }
}

/// A user-visible string in every supported language: owned, or borrowed
/// from the static data of a shipped guide (see `tree::compiled`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub ja: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Text {
    pub fn new(ja: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Text {
        Text {
            ja: ja.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_rules() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_locale_vars(env(&[])), Lang::Ja);
        assert_eq!(Lang::from_locale_vars(env(&[("LANG", "C")])), Lang::Ja);
        assert_eq!(Lang::from_locale_vars(env(&[("LANG", "POSIX")])), Lang::Ja);
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "C.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_MESSAGES", "de_DE"), ("LANG", "ja_JP")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale_vars(env(&[("LC_ALL", ""), ("LANG", "fr_FR")])),
            Lang::En
        );
    }
}
