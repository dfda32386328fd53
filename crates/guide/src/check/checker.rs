//! The checker's state (the problems found so far) and the helpers every
//! part of the check uses: reporting, strings and translated texts (control
//! characters flagged, empty translations reported), unknown values with a
//! "did you mean", platforms and URLs.

use std::ops::Range;

use super::values::{check_url, is_under, is_valid_id, registrable_domain};
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::Text;
use crate::model::Platform;
use crate::raw::*;
use crate::said;
use crate::suggest::closest;
use crate::text::{is_unsafe_char, may_hold_unsafe_char, neutralize};

/// The hint for an invalid id, of a service, node or option. Borrowed, not
/// formatted: it is made for every id checked, valid or not.
pub(super) fn id_rule() -> Text {
    Text::new(
        "ID は英小文字と数字で書き、区切りにはハイフンを 1 つずつ使います",
        "ids use lowercase letters, digits and single hyphens",
    )
}

/// "did you mean `x`?" for the closest of `candidates`, in both languages.
pub(super) fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<Text> {
    closest(input, candidates).map(|c| said!("did you mean `{c}`?", "`{c}` のことですか?"))
}

#[derive(Default)]
pub(super) struct Checker {
    pub(super) diagnostics: Vec<Diagnostic>,
    /// How many "did you mean" searches over the node ids were made.
    pub(super) suggestions: usize,
    /// The registrable domains of the guide's `[[link]]` hosts, which a
    /// contact's URL is expected to be under (see `contact_url`).
    pub(super) link_domains: Vec<String>,
}

impl Checker {
    pub(super) fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub(super) fn error(&mut self, code: Code, at: Option<Range<usize>>, message: Text) {
        self.report(Diagnostic::new(code, at, message));
    }

    pub(super) fn string(&mut self, value: &S<String>) -> String {
        if !may_hold_unsafe_char(value.get_ref()) {
            return value.get_ref().clone();
        }
        if value.get_ref().chars().any(is_unsafe_char) {
            self.report(
                Diagnostic::new(
                    Code::ControlChar,
                    Some(value.span()),
                    said!(
                        "this text contains a control character",
                        "この文には制御文字が含まれています"
                    ),
                )
                .hint(said!(
                    "it is shown escaped; remove it",
                    "エスケープして表示しています。取り除いてください"
                )),
            );
        }
        neutralize(value.get_ref())
    }

    /// A required translated text; `owner` names it in messages.
    pub(super) fn text(
        &mut self,
        raw: Option<&S<RawText>>,
        owner: &str,
        at: &Range<usize>,
    ) -> Option<Text> {
        match raw {
            Some(t) => Some(self.present_text(t, owner)),
            None => {
                self.error(
                    Code::MissingKey,
                    Some(at.clone()),
                    said!("missing `{owner}`", "`{owner}` がありません"),
                );
                None
            }
        }
    }

    pub(super) fn optional_text(&mut self, raw: Option<&S<RawText>>, owner: &str) -> Option<Text> {
        raw.map(|t| self.present_text(t, owner))
    }

    pub(super) fn present_text(&mut self, raw: &S<RawText>, owner: &str) -> Text {
        let mut get = |value: Option<&S<String>>, lang: &str, name: Text| -> String {
            let (en_name, ja_name) = (&name.en, &name.ja);
            match value {
                Some(v) if !v.get_ref().trim().is_empty() => self.string(v),
                Some(v) => {
                    self.report(
                        Diagnostic::new(
                            Code::MissingTranslation,
                            Some(v.span()),
                            said!(
                                "the {en_name} text of `{owner}` is empty",
                                "`{owner}` の{ja_name}の文が空です"
                            ),
                        )
                        .hint(said!(
                            "write the {en_name} text in `{lang}`",
                            "`{lang}` に{ja_name}の文を書いてください"
                        )),
                    );
                    String::new()
                }
                None => {
                    self.report(
                        Diagnostic::new(
                            Code::MissingTranslation,
                            Some(raw.span()),
                            said!(
                                "`{owner}` has no {en_name} text",
                                "`{owner}` に{ja_name}の文がありません"
                            ),
                        )
                        .hint(said!(
                            "add `{lang} = \"…\"`",
                            "`{lang} = \"…\"` を書き加えてください"
                        )),
                    );
                    String::new()
                }
            }
        };
        let ja = get(
            raw.get_ref().ja.as_ref(),
            "ja",
            Text::new("日本語", "Japanese"),
        );
        let en = get(
            raw.get_ref().en.as_ref(),
            "en",
            Text::new("英語", "English"),
        );
        Text {
            ja: ja.into(),
            en: en.into(),
        }
    }

    pub(super) fn text_list(&mut self, raw: Option<&S<Vec<S<RawText>>>>, owner: &str) -> Vec<Text> {
        raw.map(|list| {
            list.get_ref()
                .iter()
                .map(|t| self.present_text(t, owner))
                .collect()
        })
        .unwrap_or_default()
    }

    /// Report a value that is not one of `names` (LH012), with the closest
    /// name and the full list in the hint. `what` names the value, `plural`
    /// the list ("platform", "platforms").
    pub(super) fn unknown_value(
        &mut self,
        what: Text,
        plural: Text,
        raw: &S<String>,
        names: &[&str],
    ) {
        let list = names.join(", ");
        let quoted = names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join("、");
        let (what_en, what_ja) = (&what.en, &what.ja);
        let (plural_en, plural_ja) = (&plural.en, &plural.ja);
        let hint = match did_you_mean(raw.get_ref(), names.iter().copied()) {
            Some(dym) => {
                let (dym_en, dym_ja) = (&dym.en, &dym.ja);
                said!(
                    "{dym_en} ({plural_en}: {list})",
                    "{dym_ja}({plural_ja}: {quoted})"
                )
            }
            None => said!("{plural_en}: {list}", "{plural_ja}: {quoted}"),
        };
        let value = neutralize(raw.get_ref());
        self.report(
            Diagnostic::new(
                Code::InvalidValue,
                Some(raw.span()),
                said!(
                    "unknown {what_en} `{value}`",
                    "`{value}` という{what_ja}はありません"
                ),
            )
            .hint(hint),
        );
    }

    pub(super) fn platform(&mut self, raw: Option<&S<String>>) -> Option<Platform> {
        let raw = raw?;
        let parsed = Platform::parse(raw.get_ref());
        if parsed.is_none() {
            let names: Vec<&str> = Platform::ALL.iter().map(|p| p.id()).collect();
            self.unknown_value(
                Text::new("プラットフォーム", "platform"),
                Text::new("使えるプラットフォーム", "platforms"),
                raw,
                &names,
            );
        }
        parsed
    }

    /// An https URL: its serialization (`url::Url::as_str`, so what is
    /// printed is what a browser opens), or the text neutralised after an
    /// LH011. A punycode (`xn--`) host is flagged with LH103: it reads
    /// differently from the name it stands for.
    pub(super) fn url(&mut self, raw: &S<String>) -> String {
        self.checked_url(raw)
            .map_or_else(|| neutralize(raw.get_ref()), |u| u.as_str().to_owned())
    }

    fn checked_url(&mut self, raw: &S<String>) -> Option<url::Url> {
        match check_url(raw.get_ref()) {
            Ok(url) => {
                let host = url.host_str().unwrap_or_default();
                if host.split('.').any(|l| l.starts_with("xn--")) {
                    self.report(
                        Diagnostic::new(
                            Code::LookAlikeHost,
                            Some(raw.span()),
                            said!(
                                "the host `{host}` is an internationalised (punycode) name",
                                "ホスト名 `{host}` は国際化ドメイン名(punycode)です"
                            ),
                        )
                        .hint(said!(
                            "check that this is the service's official domain, not a look-alike",
                            "似せた偽のドメインではなく、サービスの公式ドメインか確かめてください"
                        )),
                    );
                }
                Some(url)
            }
            Err(problem) => {
                let (problem_en, problem_ja) = (&problem.en, &problem.ja);
                let value = neutralize(raw.get_ref());
                self.report(
                    Diagnostic::new(
                        Code::BadUrl,
                        Some(raw.span()),
                        said!("{problem_en}: `{value}`", "{problem_ja}: `{value}`"),
                    )
                    .hint(said!(
                        "write an absolute https URL of the service's official site",
                        "サービスの公式サイトの、https で始まる完全な URL を書いてください"
                    )),
                );
                None
            }
        }
    }

    /// A contact's URL: as `url`, and flagged with LH103 when its host is
    /// not under the registrable domain of one of the guide's `[[link]]`
    /// hosts (`help.amazon.co.jp` is under `www.amazon.co.jp`'s
    /// `amazon.co.jp`; `amazon.co.jp.evil.example` is not).
    pub(super) fn contact_url(&mut self, raw: &S<String>) -> String {
        let Some(url) = self.checked_url(raw) else {
            return neutralize(raw.get_ref());
        };
        let host = url.host_str().unwrap_or_default();
        if !self.link_domains.is_empty() && !self.link_domains.iter().any(|d| is_under(host, d)) {
            let domains = self.link_domains.join(", ");
            self.report(
                Diagnostic::new(
                    Code::LookAlikeHost,
                    Some(raw.span()),
                    said!(
                        "the host `{host}` is not under this guide's [[link]] domains ({domains})",
                        "ホスト名 `{host}` は、このガイドの [[link]] のドメイン({domains})の下にありません"
                    ),
                )
                .hint(said!(
                    "a contact belongs on the service's own site; if this domain is official, add it as a [[link]]",
                    "連絡先はサービス自身のサイトにあるはずです。このドメインが公式のものなら [[link]] に加えてください"
                )),
            );
        }
        url.as_str().to_owned()
    }

    /// Remember the registrable domains of the `[[link]]` URLs.
    pub(super) fn note_link_domains(&mut self, links: &[crate::model::Link]) {
        for link in links {
            if let Some(host) = url::Url::parse(&link.url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_owned))
            {
                let domain = registrable_domain(&host).to_owned();
                if !self.link_domains.contains(&domain) {
                    self.link_domains.push(domain);
                }
            }
        }
    }

    /// Report an id that breaks the id rule; `what` is "service", "node" or
    /// "option". The hint is made only for an invalid id: every node and
    /// option has an id, and formatting a hint for each cost 3% of a
    /// validate.
    pub(super) fn id(&mut self, id: &S<String>, what: Text, hint: impl FnOnce() -> Text) {
        if !is_valid_id(id.get_ref()) {
            let value = neutralize(id.get_ref());
            let (what_en, what_ja) = (&what.en, &what.ja);
            self.report(
                Diagnostic::new(
                    Code::InvalidValue,
                    Some(id.span()),
                    said!(
                        "`{value}` is not a valid {what_en} id",
                        "`{value}` は{what_ja}の ID として使えません"
                    ),
                )
                .hint(hint()),
            );
        }
    }
}
