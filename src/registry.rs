//! Where guides come from: the trees embedded in the binary, plus any
//! `*.toml` in `--services-dir` (which add services or replace a shipped one
//! with the same id). Looking a service up reads only its header; a tree is
//! parsed and checked only when it is used, and a shipped tree not even then:
//! it was checked at build time and is stored ready to load (`tree::compiled`).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::diagnostic;
use crate::error::{ContentError, Unknown, Unreadable, UnreadableTree, UsageError};
use crate::i18n::tr;
use crate::i18n::Text;
use crate::input::Problem;
use crate::suggest::closest;
use crate::text::fold;
use crate::text::neutralize;
use crate::tree::check::{listing, MAX_FILE_BYTES};
use crate::tree::compiled::Compiled;
use crate::tree::{check_source, Service};

pub struct EmbeddedService {
    pub file: &'static str,
    pub source: &'static str,
    /// The checked guide, when the tree had no errors at build time.
    pub compiled: Option<Compiled>,
    pub id: &'static str,
    pub aliases: &'static [&'static str],
    pub name_ja: &'static str,
    pub name_en: &'static str,
    pub summary_ja: &'static str,
    pub summary_en: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Where a guide's text lives.
#[derive(Debug, Clone)]
pub enum Origin {
    Embedded {
        file: &'static str,
        source: &'static str,
        compiled: Option<Compiled>,
    },
    File(PathBuf),
}

impl Origin {
    /// The name diagnostics use: `services/amazon.toml` for a shipped tree.
    pub fn display_name(&self) -> String {
        match self {
            Origin::Embedded { file, .. } => format!("services/{file}"),
            Origin::File(path) => shown(path),
        }
    }

    pub fn read(&self) -> Result<String> {
        match self {
            Origin::Embedded { source, .. } => Ok((*source).to_owned()),
            Origin::File(path) => read_tree_file(path),
        }
    }
}

/// A path as messages show it, on one line: a file name can hold control
/// characters and newlines too.
fn shown(path: &Path) -> String {
    crate::text::display_path(path)
}

/// Read a tree file, refusing one over the size limit before reading it and
/// reporting invalid UTF-8 with its position (both as `UnreadableTree`).
/// Only a regular file is read: a FIFO would block and `/dev/zero` never ends.
pub fn read_tree_file(path: &Path) -> Result<String> {
    let unreadable = |problem: Unreadable| -> anyhow::Error {
        UnreadableTree {
            path: shown(path),
            problem,
        }
        .into()
    };
    let bytes = match crate::input::read_regular_file(path, MAX_FILE_BYTES as u64) {
        Ok(bytes) => bytes,
        Err(Problem::Io(err)) => return Err(crate::input::open_error("", path, err)),
        Err(Problem::NotRegular) => {
            return Err(UsageError(tr(
                format!("{} は通常のファイルではありません", shown(path)),
                format!("{} is not a regular file", shown(path)),
            ))
            .into())
        }
        Err(Problem::TooLarge(len)) => return Err(unreadable(Unreadable::TooLarge(len))),
    };
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let mut bytes = e.into_bytes();
        bytes.truncate(at);
        let valid = String::from_utf8(bytes).unwrap_or_default();
        unreadable(Unreadable::NotUtf8 { valid, at })
    })
}

/// A service as `list` and lookup see it, before its tree is parsed.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub aliases: Vec<String>,
    pub name: Text,
    pub summary: Text,
    pub origin: Origin,
}

impl Entry {
    /// The checked guide: ready when it was checked at build time, else
    /// parsed and checked now. Errors come back as a `ContentError` holding
    /// every diagnostic, rendered.
    pub fn load(&self) -> Result<Service> {
        if let Origin::Embedded {
            compiled: Some(compiled),
            ..
        } = self.origin
        {
            if let Some(service) = compiled.load() {
                return Ok(service);
            }
        }
        let src = self.origin.read()?;
        let checked = check_source(&src);
        match checked.service {
            Some(service) if !checked.has_errors() => Ok(service),
            _ => {
                let file = self.origin.display_name();
                let rendered: String = checked
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity() == diagnostic::Severity::Error)
                    .map(|d| diagnostic::render(&file, &src, d, crate::i18n::message_lang()))
                    .collect::<Vec<_>>()
                    .join("\n");
                let (id, rendered) = (&self.id, rendered.trim_end());
                Err(ContentError(tr(
                    format!("ガイド `{id}` にはエラーがあります。`loginhelp validate {file}` で確かめてください\n\n{rendered}"),
                    format!("the guide `{id}` has errors; run `loginhelp validate {file}`\n\n{rendered}"),
                ))
                .into())
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Registry {
    pub entries: Vec<Entry>,
}

impl Registry {
    /// The shipped guides, with `dir`'s `*.toml` added on top.
    pub fn load(dir: Option<&Path>) -> Result<Registry> {
        let mut entries: Vec<Entry> = EMBEDDED
            .iter()
            .map(|e| Entry {
                id: e.id.to_owned(),
                aliases: e.aliases.iter().map(|a| (*a).to_owned()).collect(),
                name: Text::new(e.name_ja, e.name_en),
                summary: Text::new(e.summary_ja, e.summary_en),
                origin: Origin::Embedded {
                    file: e.file,
                    source: e.source,
                    compiled: e.compiled,
                },
            })
            .collect();
        if let Some(dir) = dir {
            for path in tree_files_in(dir)? {
                let entry = entry_from_file(&path);
                match entries.iter_mut().find(|e| e.id == entry.id) {
                    Some(existing) => *existing = entry,
                    None => entries.push(entry),
                }
            }
        }
        keep_shipped_names(&mut entries);
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Registry { entries })
    }

    /// Find a service by id or alias (case, width and kana folded). An
    /// unknown name is a usage error listing the services and the closest.
    pub fn resolve(&self, name: &str) -> Result<&Entry> {
        let wanted = fold(name);
        // A shipped guide's names come first: a guide from --services-dir
        // cannot take them over (it may replace a shipped guide by its id).
        let shipped = |e: &&Entry| matches!(e.origin, Origin::Embedded { .. });
        let found = self
            .entries
            .iter()
            .filter(shipped)
            .find(|e| fold(&e.id) == wanted || e.aliases.iter().any(|a| fold(a) == wanted))
            .or_else(|| self.entries.iter().find(|e| fold(&e.id) == wanted))
            .or_else(|| {
                self.entries
                    .iter()
                    .find(|e| e.aliases.iter().any(|a| fold(a) == wanted))
            });
        if let Some(entry) = found {
            return Ok(entry);
        }
        let names = self.entries.iter().flat_map(|e| {
            std::iter::once(e.id.as_str()).chain(e.aliases.iter().map(String::as_str))
        });
        let suggestion = closest(name, names).and_then(|n| {
            self.entries
                .iter()
                .find(|e| e.id == n || e.aliases.iter().any(|a| a == n))
                .map(|e| (n, e.id.as_str()))
        });
        let mut message = tr(
            format!("`{}` というサービスはありません", neutralize(name)),
            format!("unknown service `{}`", neutralize(name)),
        );
        let hint = suggestion.map(|(typed, id)| {
            if typed == id {
                tr(
                    format!("`{id}` のことですか?"),
                    format!("did you mean `{id}`?"),
                )
            } else {
                tr(
                    format!("`{typed}`({id})のことですか?"),
                    format!("did you mean `{typed}` ({id})?"),
                )
            }
        });
        if let Some(hint) = &hint {
            message.push_str(&format!("{}{hint}", tr("。", "; ")));
        }
        let ids = self
            .entries
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        message.push_str(&tr(
            format!("\nサービス: {ids}\n(`loginhelp list` を参照)"),
            format!("\nservices: {ids}\n(see `loginhelp list`)"),
        ));
        let options = self.entries.iter().map(|e| e.id.to_string()).collect();
        Err(Unknown::new("unknown_service", message, hint, options).into())
    }
}

/// Drop from each guide read from --services-dir the aliases that fold to
/// a name (id or alias) of a shipped guide still in `entries`: `amzn` stays
/// Amazon's whatever a team's guide lists. `validate` reports such aliases.
fn keep_shipped_names(entries: &mut [Entry]) {
    let shipped: std::collections::HashSet<String> = entries
        .iter()
        .filter(|e| matches!(e.origin, Origin::Embedded { .. }))
        .flat_map(|e| std::iter::once(&e.id).chain(&e.aliases).map(|n| fold(n)))
        .collect();
    for entry in entries.iter_mut() {
        if matches!(entry.origin, Origin::File(_)) {
            entry.aliases.retain(|a| !shipped.contains(&fold(a)));
        }
    }
}

/// The `*.toml` files directly in `dir`, sorted (see `scan_tree_dir`).
pub fn tree_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    Ok(scan_tree_dir(dir)?.files)
}

/// What a directory of guides holds: the `*.toml` files that are read, and
/// the `*.toml` entries that are not, each with the reason.
#[derive(Debug, Default)]
pub struct TreeDir {
    pub files: Vec<PathBuf>,
    /// Each with the reason, in both languages.
    pub skipped: Vec<(PathBuf, crate::i18n::Text)>,
}

/// The `*.toml` entries directly in `dir`, sorted. Only regular files are
/// read: a directory, FIFO or device is skipped, and so is a symbolic link
/// that is broken, loops, or leads out of `dir` (a link may name another
/// file of the same directory), so that a guide directory cannot make the
/// tool read, and quote in its diagnostics, a file elsewhere.
pub fn scan_tree_dir(dir: &Path) -> Result<TreeDir> {
    let read = std::fs::read_dir(dir)
        .map_err(|err| crate::input::open_error("the services directory", dir, err))?;
    let home = std::fs::canonicalize(dir).ok();
    let mut found = TreeDir::default();
    for entry in read {
        let entry = entry.with_context(|| {
            tr(
                format!("サービスのディレクトリ {} を読めません", shown(dir)),
                format!("cannot read the services directory {}", shown(dir)),
            )
        })?;
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let is_link = entry.file_type().is_ok_and(|t| t.is_symlink());
        let skip = match std::fs::metadata(&path) {
            Err(_) if is_link => Some(Text::new(
                "壊れているか循環しているシンボリックリンクです",
                "a broken or looping symbolic link",
            )),
            Err(_) => None, // unreadable: `validate` reports it
            Ok(meta) if !meta.is_file() => Some(Text::new(
                "通常のファイルではありません",
                "not a regular file",
            )),
            Ok(_) if is_link => {
                let target = std::fs::canonicalize(&path).ok();
                let inside = match (&target, &home) {
                    (Some(t), Some(h)) => t.parent() == Some(h.as_path()),
                    _ => false,
                };
                (!inside).then(|| {
                    Text::new(
                        "ディレクトリの外のファイルへのシンボリックリンクです",
                        "a symbolic link to a file outside the directory",
                    )
                })
            }
            Ok(_) => None,
        };
        match skip {
            Some(reason) => found.skipped.push((path, reason)),
            None => found.files.push(path),
        }
    }
    found.files.sort();
    found.skipped.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found)
}

/// An entry for a file on disk. Only the header is read; a file whose
/// header cannot be read is still listed (under its file name), so that
/// using it reports its errors instead of "unknown service".
fn entry_from_file(path: &Path) -> Entry {
    let stem = path
        .file_stem()
        .map(|s| crate::tree::text::neutralize_line(&s.to_string_lossy()))
        .unwrap_or_default();
    let origin = Origin::File(path.to_owned());
    match read_tree_file(path).ok().and_then(|src| listing(&src)) {
        Some(l) => Entry {
            id: l.id.unwrap_or(stem),
            aliases: l.aliases,
            name: l.name,
            summary: l.summary,
            origin,
        },
        None => Entry {
            id: stem.clone(),
            aliases: Vec::new(),
            name: Text::new(stem.clone(), stem),
            summary: Text::new("", ""),
            origin,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embedded_entry(service: &EmbeddedService, compiled: Option<Compiled>) -> Entry {
        Entry {
            id: service.id.to_owned(),
            aliases: Vec::new(),
            name: Text::new(service.name_ja, service.name_en),
            summary: Text::new(service.summary_ja, service.summary_en),
            origin: Origin::Embedded {
                file: service.file,
                source: service.source,
                compiled,
            },
        }
    }

    #[test]
    fn every_shipped_guide_is_stored_checked_and_equals_what_checking_its_text_gives() {
        assert_eq!(EMBEDDED.len(), 5);
        for service in EMBEDDED {
            let compiled = service
                .compiled
                .unwrap_or_else(|| panic!("{} was not stored compiled", service.file));
            let stored = compiled
                .load()
                .unwrap_or_else(|| panic!("{} does not load", service.file));
            let checked = check_source(service.source);
            assert!(checked.diagnostics.is_empty(), "{}", service.file);
            assert_eq!(Some(&stored), checked.service.as_ref(), "{}", service.file);
            // Its texts are borrowed from the binary, not copied.
            assert!(matches!(stored.name.ja, std::borrow::Cow::Borrowed(_)));
            assert!(matches!(stored.nodes[0].id, std::borrow::Cow::Borrowed(_)));
            // Its id index is built on loading.
            for (i, node) in stored.nodes.iter().enumerate() {
                assert_eq!(stored.find(&node.id), Some(i));
            }
            assert_eq!(stored.id, service.id);
        }
    }

    #[test]
    fn a_shipped_guide_without_a_usable_stored_form_is_checked_from_its_text() {
        let service = &EMBEDDED[0];
        let compiled = service.compiled.expect("stored");
        let stored = embedded_entry(service, Some(compiled))
            .load()
            .expect("loads");
        let from_text = embedded_entry(service, None).load().expect("loads");
        assert_eq!(from_text, stored);
        assert!(matches!(from_text.name.ja, std::borrow::Cow::Owned(_)));
        // A skeleton cut short, or pointing past its strings, loads nothing.
        let skeleton = compiled.skeleton;
        for cut in [0, 1, skeleton.len() / 2, skeleton.len() - 1] {
            let broken = Compiled {
                skeleton: &skeleton[..cut],
                strings: compiled.strings,
            };
            assert_eq!(broken.load(), None);
            let from_broken = embedded_entry(service, Some(broken)).load().expect("loads");
            assert_eq!(from_broken, stored, "cut at {cut}");
        }
        let half = (0..=compiled.strings.len() / 2)
            .rev()
            .find(|&i| compiled.strings.is_char_boundary(i))
            .unwrap_or(0);
        let short_strings = Compiled {
            skeleton,
            strings: &compiled.strings[..half],
        };
        assert_eq!(short_strings.load(), None);
    }
}
