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
use crate::suggest::did_you_mean;
use crate::text::{is_unsafe_char, may_hold_unsafe_char, neutralize};

/// The hint for an invalid id, of a service, node or option.
pub(super) const ID_RULE: &str = "ids use lowercase letters, digits and single hyphens";

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

    pub(super) fn error(
        &mut self,
        code: Code,
        at: Option<Range<usize>>,
        message: impl Into<String>,
    ) {
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
                    "this text contains a control character",
                )
                .hint("it is shown escaped; remove it"),
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
                    format!("missing `{owner}`"),
                );
                None
            }
        }
    }

    pub(super) fn optional_text(&mut self, raw: Option<&S<RawText>>, owner: &str) -> Option<Text> {
        raw.map(|t| self.present_text(t, owner))
    }

    pub(super) fn present_text(&mut self, raw: &S<RawText>, owner: &str) -> Text {
        let mut get = |value: Option<&S<String>>, lang: &str, name: &str| -> String {
            match value {
                Some(v) if !v.get_ref().trim().is_empty() => self.string(v),
                Some(v) => {
                    self.report(
                        Diagnostic::new(
                            Code::MissingTranslation,
                            Some(v.span()),
                            format!("the {name} text of `{owner}` is empty"),
                        )
                        .hint(format!("write the {name} text in `{lang}`")),
                    );
                    String::new()
                }
                None => {
                    self.report(
                        Diagnostic::new(
                            Code::MissingTranslation,
                            Some(raw.span()),
                            format!("`{owner}` has no {name} text"),
                        )
                        .hint(format!("add `{lang} = \"…\"`")),
                    );
                    String::new()
                }
            }
        };
        let ja = get(raw.get_ref().ja.as_ref(), "ja", "Japanese");
        let en = get(raw.get_ref().en.as_ref(), "en", "English");
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
    /// name and the full list in the hint.
    pub(super) fn unknown_value(
        &mut self,
        what: &str,
        plural: &str,
        raw: &S<String>,
        names: &[&str],
    ) {
        let list = names.join(", ");
        let hint = match did_you_mean(raw.get_ref(), names.iter().copied()) {
            Some(dym) => format!("{dym} ({plural}: {list})"),
            None => format!("{plural}: {list}"),
        };
        self.report(
            Diagnostic::new(
                Code::InvalidValue,
                Some(raw.span()),
                format!("unknown {what} `{}`", neutralize(raw.get_ref())),
            )
            .hint(hint),
        );
    }

    pub(super) fn platform(&mut self, raw: Option<&S<String>>) -> Option<Platform> {
        let raw = raw?;
        let parsed = Platform::parse(raw.get_ref());
        if parsed.is_none() {
            let names: Vec<&str> = Platform::ALL.iter().map(|p| p.id()).collect();
            self.unknown_value("platform", "platforms", raw, &names);
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
                            format!("the host `{host}` is an internationalised (punycode) name"),
                        )
                        .hint("check that this is the service's official domain, not a look-alike"),
                    );
                }
                Some(url)
            }
            Err(problem) => {
                self.report(
                    Diagnostic::new(
                        Code::BadUrl,
                        Some(raw.span()),
                        format!("{problem}: `{}`", neutralize(raw.get_ref())),
                    )
                    .hint("write an absolute https URL of the service's official site"),
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
            self.report(
                Diagnostic::new(
                    Code::LookAlikeHost,
                    Some(raw.span()),
                    format!(
                        "the host `{host}` is not under this guide's [[link]] domains ({})",
                        self.link_domains.join(", ")
                    ),
                )
                .hint("a contact belongs on the service's own site; if this domain is official, add it as a [[link]]"),
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
    /// "option".
    pub(super) fn id(&mut self, id: &S<String>, what: &str, hint: &str) {
        if !is_valid_id(id.get_ref()) {
            self.report(
                Diagnostic::new(
                    Code::InvalidValue,
                    Some(id.span()),
                    format!("`{}` is not a valid {what} id", neutralize(id.get_ref())),
                )
                .hint(hint),
            );
        }
    }
}
