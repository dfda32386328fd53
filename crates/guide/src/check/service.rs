//! The file-level structure of a tree: the header (format, id, aliases,
//! reviewed date, name, summary), links and sources, the node-id index,
//! and the resolution of every link to a node.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::checker::{did_you_mean, id_rule, Checker};
use super::node::fill_targets;
use super::values::{is_valid_date, source_ref_problem};
use crate::diagnostic::{Code, Diagnostic};
use crate::lang::Text;
use crate::model::*;
use crate::raw::*;
use crate::said;
use crate::text::neutralize;

/// The header's parts a `Service` is built from (name and summary are
/// `None` when missing, which was reported).
struct Header {
    id: String,
    aliases: Vec<String>,
    reviewed: String,
    name: Option<Text>,
    summary: Option<Text>,
}

/// The most missing links that get a "did you mean" hint.
const MAX_SUGGESTIONS: usize = 20;

impl Checker {
    /// Check a whole tree: the header, links and sources, then the nodes
    /// with their links resolved, then (when every link holds) the graph.
    pub(super) fn service(&mut self, raw: &RawService) -> Option<Service> {
        let header = self.header(raw);
        let top = 0..0;
        let links: Vec<_> = raw.link.iter().map(|l| self.link(l)).collect();
        self.note_link_domains(&links);
        if raw.source.is_empty() {
            self.report(
                Diagnostic::new(
                    Code::MissingKey,
                    Some(top.clone()),
                    said!("no `[[source]]`", "`[[source]]` がありません"),
                )
                .hint(said!(
                    "record where the content came from: [[source]] title = \"…\" ref = \"…\"",
                    "内容の出典を書いてください: [[source]] title = \"…\" ref = \"…\""
                )),
            );
        }
        let sources: Vec<_> = raw.source.iter().map(|s| self.source(s)).collect();
        if raw.node.is_empty() {
            self.error(
                Code::MissingKey,
                Some(top),
                said!(
                    "the tree has no `[[node]]`",
                    "ツリーに `[[node]]` がありません"
                ),
            );
        }
        // Node ids first, so that links can be resolved in any order.
        let index = self.index_ids(&raw.node);
        let (start, nodes, link_failed) = self.resolve_links(raw, &index);
        let node_spans: Vec<Range<usize>> = raw
            .node
            .iter()
            .map(|n| {
                n.get_ref()
                    .id
                    .as_ref()
                    .map_or_else(|| n.span(), |i| i.span())
            })
            .collect();
        if !link_failed && nodes.len() == raw.node.len() && !nodes.is_empty() {
            self.graph(&nodes, start, &node_spans);
        }
        Some(Service::new(
            header.id.into(),
            header.aliases.into_iter().map(Str::from).collect(),
            header.reviewed.into(),
            header.name?,
            header.summary?,
            links.into(),
            sources.into(),
            start,
            nodes.into(),
        ))
    }

    /// The keys before the first table: format, id, aliases, reviewed,
    /// name and summary.
    fn header(&mut self, raw: &RawService) -> Header {
        let top = 0..0;
        match &raw.format {
            None => self.error(
                Code::MissingKey,
                Some(top.clone()),
                said!("missing `format`", "`format` がありません"),
            ),
            Some(f) if *f.get_ref() != 1 => self.report(
                Diagnostic::new(
                    Code::InvalidValue,
                    Some(f.span()),
                    said!(
                        "unsupported format version {}",
                        "形式のバージョン {} には対応していません",
                        f.get_ref()
                    ),
                )
                .hint(said!(
                    "this loginhelp reads `format = 1`",
                    "この loginhelp が読めるのは `format = 1` です"
                )),
            ),
            Some(_) => {}
        }
        let id = match &raw.id {
            None => {
                self.error(
                    Code::MissingKey,
                    Some(top.clone()),
                    said!("missing `id`", "`id` がありません"),
                );
                String::new()
            }
            Some(id) => {
                self.id(id, Text::new("サービス", "service"), id_rule);
                neutralize(id.get_ref())
            }
        };
        let mut aliases = Vec::new();
        let mut seen_aliases = HashSet::new();
        for alias in &raw.aliases {
            let value = self.string(alias);
            if value.trim().is_empty() {
                self.error(
                    Code::InvalidValue,
                    Some(alias.span()),
                    said!("an alias is empty", "別名が空です"),
                );
            } else if !seen_aliases.insert(crate::fold::fold(&value)) {
                self.error(
                    Code::DuplicateId,
                    Some(alias.span()),
                    said!(
                        "alias `{value}` is listed twice",
                        "別名 `{value}` が二度書かれています"
                    ),
                );
            }
            aliases.push(value);
        }
        let reviewed = match &raw.reviewed {
            None => {
                self.report(
                    Diagnostic::new(
                        Code::MissingKey,
                        Some(top.clone()),
                        said!("missing `reviewed`", "`reviewed` がありません"),
                    )
                    .hint(said!(
                        "the date the content was last checked: reviewed = \"YYYY-MM-DD\"",
                        "内容を最後に確かめた日付です: reviewed = \"YYYY-MM-DD\""
                    )),
                );
                String::new()
            }
            Some(r) => {
                if !is_valid_date(r.get_ref()) {
                    let value = neutralize(r.get_ref());
                    self.report(
                        Diagnostic::new(
                            Code::InvalidValue,
                            Some(r.span()),
                            said!("`{value}` is not a date", "`{value}` は日付ではありません"),
                        )
                        .hint(said!(
                            "write it as YYYY-MM-DD",
                            "`YYYY-MM-DD` の形で書いてください"
                        )),
                    );
                }
                neutralize(r.get_ref())
            }
        };
        Header {
            id,
            aliases,
            reviewed,
            name: self.text(raw.name.as_ref().map(|s| s as &S<RawText>), "name", &top),
            summary: self.text(raw.summary.as_ref(), "summary", &top),
        }
    }

    /// Each node id and where it is, with invalid and repeated ids reported
    /// (a repeated id keeps its first node).
    fn index_ids<'r>(&mut self, nodes: &'r [S<RawNode>]) -> HashMap<&'r str, NodeIndex> {
        let mut index: HashMap<&str, NodeIndex> = HashMap::new();
        for (i, node) in nodes.iter().enumerate() {
            let Some(id) = &node.get_ref().id else {
                continue;
            };
            self.id(id, Text::new("ノード", "node"), || {
                let rule = id_rule();
                let (rule_en, rule_ja) = (&rule.en, &rule.ja);
                said!(
                    "{rule_en}: `forgot-password`",
                    "{rule_ja}: `forgot-password`"
                )
            });
            if let Some(&first) = index.get(id.get_ref().as_str()) {
                let first_at = nodes[first]
                    .get_ref()
                    .id
                    .as_ref()
                    .map(|f| f.span().start)
                    .unwrap_or(0);
                let value = neutralize(id.get_ref());
                self.report(
                    Diagnostic::new(
                        Code::DuplicateId,
                        Some(id.span()),
                        said!(
                            "node id `{value}` is used twice",
                            "ノードの ID `{value}` が二度使われています"
                        ),
                    )
                    .hint(said!(
                        "give this node another id",
                        "このノードには別の ID を付けてください"
                    ))
                    .related(first_at, said!("first used here", "最初に使われた場所")),
                );
            } else {
                index.insert(id.get_ref(), i);
            }
        }
        index
    }

    /// Convert every node and resolve its links, and the start, through
    /// `index`: the start, the nodes, and whether any link failed (or a
    /// node could not be converted), in which case the graph is not checked.
    fn resolve_links(
        &mut self,
        raw: &RawService,
        index: &HashMap<&str, NodeIndex>,
    ) -> (NodeIndex, Vec<Node>, bool) {
        let mut nodes = Vec::with_capacity(raw.node.len());
        let mut link_failed = false;
        let start = match &raw.start {
            None => {
                self.error(
                    Code::MissingKey,
                    Some(0..0),
                    said!("missing `start`", "`start` がありません"),
                );
                link_failed = true;
                0
            }
            Some(s) => self.resolve(index, s, &mut link_failed),
        };
        for node in &raw.node {
            let (converted, pending) = self.node(node);
            let mut targets = Vec::with_capacity(pending.len());
            for p in pending {
                targets.push(
                    p.target
                        .as_ref()
                        .map(|t| self.resolve(index, t, &mut link_failed)),
                );
            }
            match converted {
                Some(mut n) => {
                    if targets.iter().any(Option::is_none) {
                        link_failed = true;
                    }
                    let targets: Vec<NodeIndex> = targets.into_iter().flatten().collect();
                    fill_targets(&mut n, &targets);
                    nodes.push(n);
                }
                None => link_failed = true,
            }
        }
        (start, nodes, link_failed)
    }

    /// The node a link names; a missing one is reported (with a "did you
    /// mean" for the first few) and sets `failed`.
    fn resolve(
        &mut self,
        index: &HashMap<&str, NodeIndex>,
        target: &S<String>,
        failed: &mut bool,
    ) -> NodeIndex {
        match index.get(target.get_ref().as_str()) {
            Some(&i) => i,
            None => {
                *failed = true;
                let value = neutralize(target.get_ref());
                let mut d = Diagnostic::new(
                    Code::MissingNode,
                    Some(target.span()),
                    said!(
                        "no node has the id `{value}`",
                        "ID が `{value}` のノードはありません"
                    ),
                );
                // Each suggestion compares against every id: a few only,
                // or a file with 100k broken links takes hours.
                if self.suggestions < MAX_SUGGESTIONS {
                    self.suggestions += 1;
                    if let Some(dym) = did_you_mean(target.get_ref(), index.keys().copied()) {
                        d = d.hint(dym);
                    }
                }
                self.report(d);
                0
            }
        }
    }

    pub(super) fn link(&mut self, raw: &S<RawLink>) -> Link {
        let l = raw.get_ref();
        let kind = match &l.kind {
            None => {
                self.error(
                    Code::MissingKey,
                    Some(raw.span()),
                    said!("a link needs `kind`", "リンクには `kind` が必要です"),
                );
                String::new()
            }
            Some(k) => {
                const KINDS: [&str; 4] = ["help", "sign-in", "contact", "home"];
                if !KINDS.contains(&k.get_ref().as_str()) {
                    self.unknown_value(
                        Text::new("リンクの種類", "link kind"),
                        Text::new("使えるリンクの種類", "link kinds"),
                        k,
                        &KINDS,
                    );
                }
                neutralize(k.get_ref())
            }
        };
        let url = match &l.url {
            None => {
                self.error(
                    Code::MissingKey,
                    Some(raw.span()),
                    said!("a link needs `url`", "リンクには `url` が必要です"),
                );
                String::new()
            }
            Some(u) => self.url(u),
        };
        let label = self.optional_text(l.label.as_ref(), "label");
        Link {
            kind: kind.into(),
            url: url.into(),
            label,
        }
    }

    pub(super) fn source(&mut self, raw: &S<RawSource>) -> Source {
        let s = raw.get_ref();
        let title = match &s.title {
            Some(t) => self.string(t),
            None => {
                self.error(
                    Code::MissingKey,
                    Some(raw.span()),
                    said!("a source needs `title`", "出典には `title` が必要です"),
                );
                String::new()
            }
        };
        let reference = match &s.reference {
            Some(r) => match source_ref_problem(r.get_ref()) {
                Some(problem) => {
                    let (problem_en, problem_ja) = (&problem.en, &problem.ja);
                    let value = neutralize(r.get_ref());
                    self.report(
                        Diagnostic::new(
                            Code::BadUrl,
                            Some(r.span()),
                            said!("{problem_en}: `{value}`", "{problem_ja}: `{value}`"),
                        )
                        .hint(said!(
                            "write the file the content came from (`notes.txt`) or an https URL",
                            "内容を取ったファイル(`notes.txt`)か https の URL を書いてください"
                        )),
                    );
                    neutralize(r.get_ref())
                }
                None if r.get_ref().contains("://") => self.url(r),
                None => self.string(r),
            },
            None => {
                self.error(
                    Code::MissingKey,
                    Some(raw.span()),
                    said!("a source needs `ref`", "出典には `ref` が必要です"),
                );
                String::new()
            }
        };
        let note = self.optional_text(s.note.as_ref(), "note");
        Source {
            title: title.into(),
            reference: reference.into(),
            note,
        }
    }
}
