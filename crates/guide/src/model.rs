//! Stage two of loading: the checked guide. Every link is an index that is
//! known to exist, every text has both languages and is safe to print, and
//! every node can reach an outcome. Front ends only ever see these types.
//!
//! Texts and lists are `Cow<'static, …>`: a guide checked at run time owns
//! them, and a shipped guide, checked at build time, borrows them from static
//! data in the binary (`tree::compiled`), so loading it copies nothing.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Serialize;

use crate::lang::Text;

/// A device, surface or browser that some steps are specific to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Iphone,
    Android,
    Pc,
    App,
    Browser,
    Chrome,
    Safari,
    Edge,
    Firefox,
}

/// Platforms of one group exclude each other: choosing `iphone` hides the
/// `android` steps but not the `chrome` ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlatformGroup {
    Device,
    Surface,
    Browser,
}

impl Platform {
    pub const ALL: [Platform; 9] = [
        Platform::Iphone,
        Platform::Android,
        Platform::Pc,
        Platform::App,
        Platform::Browser,
        Platform::Chrome,
        Platform::Safari,
        Platform::Edge,
        Platform::Firefox,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Platform::Iphone => "iphone",
            Platform::Android => "android",
            Platform::Pc => "pc",
            Platform::App => "app",
            Platform::Browser => "browser",
            Platform::Chrome => "chrome",
            Platform::Safari => "safari",
            Platform::Edge => "edge",
            Platform::Firefox => "firefox",
        }
    }

    pub fn parse(s: &str) -> Option<Platform> {
        Platform::ALL.into_iter().find(|p| p.id() == s)
    }

    pub fn group(self) -> PlatformGroup {
        match self {
            Platform::Iphone | Platform::Android | Platform::Pc => PlatformGroup::Device,
            Platform::App | Platform::Browser => PlatformGroup::Surface,
            _ => PlatformGroup::Browser,
        }
    }
}

/// How one reaches a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Phone,
    WebForm,
    InApp,
    HelpCenter,
    Email,
    Hotline,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::Phone,
        Channel::WebForm,
        Channel::InApp,
        Channel::HelpCenter,
        Channel::Email,
        Channel::Hotline,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Channel::Phone => "phone",
            Channel::WebForm => "web-form",
            Channel::InApp => "in-app",
            Channel::HelpCenter => "help-center",
            Channel::Email => "email",
            Channel::Hotline => "hotline",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.id() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub kind: Str,
    pub url: Str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub title: Str,
    #[serde(rename = "ref")]
    pub reference: Str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// One guide, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub id: Str,
    pub aliases: List<Str>,
    pub reviewed: Str,
    pub name: Text,
    pub summary: Text,
    pub links: List<Link>,
    pub sources: List<Source>,
    pub start: NodeIndex,
    pub nodes: List<Node>,
    by_id: HashMap<Str, NodeIndex>,
}

pub type NodeIndex = usize;

/// A guide's text: owned when checked at run time, static when shipped.
pub type Str = Cow<'static, str>;
/// A guide's list: owned when checked at run time, static when shipped.
pub type List<T> = Cow<'static, [T]>;

impl Service {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        id: Str,
        aliases: List<Str>,
        reviewed: Str,
        name: Text,
        summary: Text,
        links: List<Link>,
        sources: List<Source>,
        start: NodeIndex,
        nodes: List<Node>,
    ) -> Service {
        let by_id = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        Service {
            id,
            aliases,
            reviewed,
            name,
            summary,
            links,
            sources,
            start,
            nodes,
            by_id,
        }
    }

    pub fn node(&self, index: NodeIndex) -> &Node {
        &self.nodes[index]
    }

    pub fn find(&self, id: &str) -> Option<NodeIndex> {
        self.by_id.get(id).copied()
    }

    /// The ids of every node that asks something, i.e. every id `--answer`
    /// takes, in file order.
    pub fn question_ids(&self) -> impl Iterator<Item = &str> {
        self.nodes.iter().filter(|n| n.asks()).map(|n| &*n.id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: Str,
    pub cause: Option<Text>,
    pub warning: Option<Text>,
    pub notes: List<Text>,
    pub body: Body,
    /// `[node.wait]`: how long the article says to wait at this node, and
    /// where the walk goes once that time has passed.
    pub wait: Option<Wait>,
}

/// A wait a fix, escalation or end gives (`[node.wait]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wait {
    /// How long, in hours (`after = "7d"` is 168).
    pub hours: usize,
    /// Where the walk goes once the time has passed.
    pub next: NodeIndex,
    /// Why, in the article's words: shown when the walk goes on there.
    pub reason: Text,
}

impl Node {
    /// Does reaching this node ask the user something (a question, or a fix's
    /// "did this solve it?")?
    pub fn asks(&self) -> bool {
        matches!(
            self.body,
            Body::Question { .. }
                | Body::Fix {
                    after: AfterFix::Ask { .. },
                    ..
                }
        )
    }

    /// The nodes this one leads to, in option order.
    pub fn targets(&self) -> Vec<NodeIndex> {
        match &self.body {
            Body::Question { options, .. } => options.iter().map(|o| o.next).collect(),
            Body::Fix { after, .. } => match after {
                AfterFix::Ask { solved, unsolved } => vec![*solved, *unsolved],
                AfterFix::Continue(next) => vec![*next],
            },
            _ => Vec::new(),
        }
    }

    pub fn kind(&self) -> NodeKind {
        match self.body {
            Body::Question { .. } => NodeKind::Question,
            Body::Fix { .. } => NodeKind::Fix,
            Body::Escalation { .. } => NodeKind::Escalation,
            Body::Resolved { .. } => NodeKind::Resolved,
            Body::End { .. } => NodeKind::End,
        }
    }

    /// The node's heading: a question's text, otherwise its title.
    pub fn heading(&self) -> &Text {
        match &self.body {
            Body::Question { text, .. } => text,
            Body::Fix { title, .. }
            | Body::Escalation { title, .. }
            | Body::Resolved { title, .. }
            | Body::End { title, .. } => title,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Question,
    Fix,
    Escalation,
    Resolved,
    End,
}

impl NodeKind {
    pub const ALL: [NodeKind; 5] = [
        NodeKind::Question,
        NodeKind::Fix,
        NodeKind::Escalation,
        NodeKind::Resolved,
        NodeKind::End,
    ];

    pub fn id(self) -> &'static str {
        match self {
            NodeKind::Question => "question",
            NodeKind::Fix => "fix",
            NodeKind::Escalation => "escalation",
            NodeKind::Resolved => "resolved",
            NodeKind::End => "end",
        }
    }

    pub fn parse(s: &str) -> Option<NodeKind> {
        NodeKind::ALL.into_iter().find(|k| k.id() == s)
    }

    pub fn is_outcome(self) -> bool {
        matches!(
            self,
            NodeKind::Escalation | NodeKind::Resolved | NodeKind::End
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Question {
        text: Text,
        help: Option<Text>,
        options: List<Choice>,
    },
    Fix {
        title: Text,
        intro: Option<Text>,
        steps: List<Step>,
        after: AfterFix,
    },
    Escalation {
        title: Text,
        text: Option<Text>,
        contacts: List<Contact>,
        prepare: List<Text>,
        tips: List<Text>,
    },
    Resolved {
        title: Text,
        text: Option<Text>,
    },
    End {
        title: Text,
        text: Option<Text>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFix {
    /// Ask "did this solve it?"; the answers are `yes` and `no`.
    Ask {
        solved: NodeIndex,
        unsolved: NodeIndex,
    },
    /// Carry on without asking.
    Continue(NodeIndex),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: Str,
    pub label: Text,
    pub next: NodeIndex,
    pub platform: Option<Platform>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub text: Text,
    pub note: Option<Text>,
    pub warning: Option<Text>,
    pub platform: Option<Platform>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub channel: Channel,
    pub label: Text,
    pub phone: Option<Str>,
    pub url: Option<Str>,
    pub path: Option<Text>,
    pub steps: List<Text>,
    pub hours: Option<Text>,
    pub cost: Option<Text>,
    pub note: Option<Text>,
}
