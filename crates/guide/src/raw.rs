//! Stage one of loading: the TOML file exactly as written, deserialized with
//! every value's position kept (`Spanned`), so that the checks of stage two
//! (`tree::check`) can point at the line and column of each problem.
//!
//! Everything is optional here on purpose: a missing key is reported by the
//! checker with a position and a code rather than as a serde error at line 1.

use serde::Deserialize;
use toml::Spanned;

pub type S<T> = Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    pub format: Option<S<i64>>,
    pub id: Option<S<String>>,
    #[serde(default)]
    pub aliases: Vec<S<String>>,
    pub reviewed: Option<S<String>>,
    pub start: Option<S<String>>,
    pub name: Option<S<RawText>>,
    pub summary: Option<S<RawText>>,
    #[serde(default)]
    pub link: Vec<S<RawLink>>,
    #[serde(default)]
    pub source: Vec<S<RawSource>>,
    #[serde(default)]
    pub node: Vec<S<RawNode>>,
}

/// The few header keys `list` and the service registry need, read without
/// building any node (unknown keys are ignored here; `validate` checks them).
#[derive(Debug, Deserialize)]
pub struct RawHeader {
    pub id: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub name: Option<RawPlainText>,
    pub summary: Option<RawPlainText>,
}

#[derive(Debug, Deserialize)]
pub struct RawPlainText {
    pub ja: Option<String>,
    pub en: Option<String>,
}

/// A `{ ja, en }` text. Boxed: a node has six optional texts and usually
/// uses two or three, and an absent one now takes 24 bytes instead of 96
/// (`RawNode` went from 1016 bytes to 584).
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct RawText(pub Box<RawTextParts>);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTextParts {
    pub ja: Option<S<String>>,
    pub en: Option<S<String>>,
}

impl std::ops::Deref for RawText {
    type Target = RawTextParts;
    fn deref(&self) -> &RawTextParts {
        &self.0
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLink {
    pub kind: Option<S<String>>,
    pub url: Option<S<String>>,
    pub label: Option<S<RawText>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: Option<S<String>>,
    #[serde(rename = "ref")]
    pub reference: Option<S<String>>,
    pub note: Option<S<RawText>>,
}

/// One `[[node]]`: the union of the keys of every kind. Which keys a kind
/// allows is checked after parsing, so each error keeps its position.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    pub id: Option<S<String>>,
    pub kind: Option<S<String>>,
    pub cause: Option<S<RawText>>,
    pub warning: Option<S<RawText>>,
    pub notes: Option<S<Vec<S<RawText>>>>,
    // question
    pub text: Option<S<RawText>>,
    pub help: Option<S<RawText>>,
    pub option: Option<S<Vec<S<RawOption>>>>,
    // fix
    pub title: Option<S<RawText>>,
    pub intro: Option<S<RawText>>,
    pub step: Option<S<Vec<S<RawStep>>>>,
    pub solved: Option<S<String>>,
    pub unsolved: Option<S<String>>,
    pub next: Option<S<String>>,
    // escalation
    pub contact: Option<S<Vec<S<RawContact>>>>,
    pub prepare: Option<S<Vec<S<RawText>>>>,
    pub tips: Option<S<Vec<S<RawText>>>>,
    // fix, escalation or end: how long to wait, and where to go after
    pub wait: Option<S<RawWait>>,
}

/// `[node.wait]`: the article says to wait `after` ("7d", "12h") before
/// the walk goes on at `next`, for `reason`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWait {
    pub after: Option<S<String>>,
    pub next: Option<S<String>>,
    pub reason: Option<S<RawText>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    pub id: Option<S<String>>,
    pub label: Option<S<RawText>>,
    pub next: Option<S<String>>,
    pub platform: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    pub text: Option<S<RawText>>,
    pub note: Option<S<RawText>>,
    pub warning: Option<S<RawText>>,
    pub platform: Option<S<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    pub channel: Option<S<String>>,
    pub label: Option<S<RawText>>,
    pub phone: Option<S<String>>,
    pub url: Option<S<String>>,
    pub path: Option<S<RawText>>,
    pub steps: Option<S<Vec<S<RawText>>>>,
    pub hours: Option<S<RawText>>,
    pub cost: Option<S<RawText>>,
    pub note: Option<S<RawText>>,
}

/// The byte range of a spanned value (a function, for `map`).
pub fn span<T>(s: &S<T>) -> std::ops::Range<usize> {
    s.span()
}
