//! `loginhelp validate [PATH..]`: check tree files (the shipped guides by
//! default), each on its own and across files (ids and aliases unique,
//! among the checked files and against the shipped guides), and report what
//! was found as text or JSON. A file that cannot be read, or an entry of a
//! directory that is skipped, is reported as a diagnostic of its own.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::cli::ValidateFormat;
use crate::context::Context;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::error::{Exit, UnreadableTree, UsageError};
use crate::i18n::{Lang, Text};
use crate::output::diagnostics::{count, report, report_text, FileDiagnostics};
use crate::output::emit::{emit, emit_json};
use crate::output::json::versioned;
use crate::registry::{read_tree_file, scan_tree_dir, Origin, EMBEDDED};
use crate::text::{display_path, fold};
use crate::tree::check_source;
use crate::tree::said;
use crate::tree::text::neutralize_line;
use anyhow::Result;

/// One checked file: its name, its text and what was found.
pub struct CheckedFile {
    pub name: String,
    pub src: String,
    pub service_id: Option<String>,
    pub id_span: Option<std::ops::Range<usize>>,
    pub aliases: Vec<(String, std::ops::Range<usize>)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Check one file's text, keeping what the cross-file checks need.
pub fn check_text(name: String, src: String) -> CheckedFile {
    let checked = check_source(&src);
    CheckedFile {
        name: neutralize_line(&name),
        service_id: checked.id.as_ref().map(|i| i.get_ref().clone()),
        id_span: checked.id.as_ref().map(|i| i.span()),
        aliases: checked
            .aliases
            .iter()
            .map(|a| (a.get_ref().clone(), a.span()))
            .collect(),
        diagnostics: checked.diagnostics,
        src,
    }
}

/// A file with one diagnostic and no text: one that could not be read, or
/// an entry that was skipped.
fn file_problem(path: &Path, d: Diagnostic) -> CheckedFile {
    CheckedFile {
        name: display_path(path),
        src: String::new(),
        service_id: None,
        id_span: None,
        aliases: Vec::new(),
        diagnostics: vec![d],
    }
}

/// An entry of a guide directory that is not read (LH104, a warning);
/// `reason` says why, in both languages.
fn skipped(path: &Path, reason: &Text) -> CheckedFile {
    let (reason_en, reason_ja) = (&reason.en, &reason.ja);
    file_problem(
        path,
        Diagnostic::new(
            Code::Skipped,
            None,
            said!("skipped: {reason_en}", "読み飛ばしました: {reason_ja}"),
        )
        .hint(said!(
            "only regular files in the directory are read as guides",
            "ディレクトリの中でガイドとして読むのは通常のファイルだけです"
        )),
    )
}

/// Read a file for validation: size and encoding problems, and a file that
/// cannot be read, become diagnostics of that file rather than errors of
/// the command, so that the other files are still checked. Only a path
/// that is not a regular file is an error of the command.
fn check_path(path: &Path) -> Result<CheckedFile> {
    let name = path.display().to_string();
    match read_tree_file(path) {
        Ok(src) => Ok(check_text(name, src)),
        Err(err) => {
            if err.downcast_ref::<UsageError>().is_some() {
                return Err(err);
            }
            let Some(unreadable) = err.downcast_ref::<UnreadableTree>() else {
                // The system's reason in each language (`render` picks one).
                let cause = |lang| {
                    let root = err.root_cause();
                    neutralize_line(&match root.downcast_ref::<std::io::Error>() {
                        Some(io) => crate::i18n::os_error::describe(io, lang),
                        None => root.to_string(),
                    })
                };
                let (cause_en, cause_ja) = (cause(Lang::En), cause(Lang::Ja));
                return Ok(file_problem(
                    path,
                    Diagnostic::new(
                        Code::Unreadable,
                        None,
                        said!(
                            "the file cannot be read: {cause_en}",
                            "ファイルを読めません: {cause_ja}"
                        ),
                    )
                    .hint(said!(
                        "check its permissions; the other files were still checked",
                        "ファイルの権限を確かめてください。ほかのファイルは検査しました"
                    )),
                ));
            };
            let (src, d) = unreadable.diagnostic();
            Ok(CheckedFile {
                name: unreadable.path.clone(),
                src,
                service_id: None,
                id_span: None,
                aliases: Vec::new(),
                diagnostics: vec![d],
            })
        }
    }
}

/// The files to check, each once: a file named twice (`a.toml ./a.toml`,
/// or through a link) is the same file, and checking it twice would report
/// its id as a duplicate of itself.
#[derive(Default)]
struct Files {
    checked: Vec<CheckedFile>,
    seen: HashSet<PathBuf>,
}

impl Files {
    fn add(&mut self, path: &Path) -> Result<()> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        if self.seen.insert(key) {
            self.checked.push(check_path(path)?);
        }
        Ok(())
    }

    /// A directory's guides, and a warning for each entry that is skipped.
    fn add_dir(&mut self, dir: &Path) -> Result<usize> {
        let found = scan_tree_dir(dir)?;
        for file in &found.files {
            self.add(file)?;
        }
        for (path, reason) in &found.skipped {
            self.checked.push(skipped(path, reason));
        }
        Ok(found.files.len() + found.skipped.len())
    }
}

/// A service id or alias already taken: by a checked file (its index) or
/// by a shipped guide.
struct Owner {
    file: Option<usize>,
    id: String,
    name: String,
}

/// Service ids and aliases must be unique across the checked files, and
/// must not take a name of a shipped guide in `shipped` (names, id, file
/// name) unless the file replaces that guide by using its id. The problem
/// is reported on the later file, never on a shipped one.
fn cross_file_checks(files: &mut [CheckedFile], shipped: &[(Vec<String>, String, String)]) {
    let mut owners: HashMap<String, Owner> = HashMap::new();
    let replaced: HashSet<String> = files.iter().filter_map(|f| f.service_id.clone()).collect();
    for (names, id, name) in shipped {
        if replaced.contains(id) {
            continue;
        }
        for n in names {
            owners.entry(fold(n)).or_insert_with(|| Owner {
                file: None,
                id: id.clone(),
                name: name.clone(),
            });
        }
    }
    for (i, file) in files.iter_mut().enumerate() {
        let Some(id) = file.service_id.clone() else {
            continue;
        };
        let mut names = vec![(id.clone(), None)];
        names.extend(
            file.aliases
                .iter()
                .map(|(a, s)| (a.clone(), Some(s.clone()))),
        );
        for (name, span) in names {
            let key = fold(&name);
            match owners.get(&key) {
                Some(owner) if owner.file != Some(i) => {
                    let (other_id, other_name) = (owner.id.clone(), owner.name.clone());
                    let hint = if owner.file.is_none() {
                        said!(
                            "a name of a shipped guide stays its own; a guide replaces a shipped one only by using its id",
                            "同梱のガイドの名前はそのガイドのものです。同梱のガイドを置き換えられるのは、同じ ID を使ったときだけです"
                        )
                    } else {
                        said!(
                            "service ids and aliases must be unique across all guides",
                            "サービスの ID と別名は、すべてのガイドを通して重ならないようにしてください"
                        )
                    };
                    let span = span.or_else(|| file.id_span.clone());
                    let name = neutralize_line(&name);
                    file.diagnostics.push(
                        Diagnostic::new(
                            Code::DuplicateId,
                            span,
                            said!(
                                "`{name}` is already the id or an alias of `{other_id}` ({other_name})",
                                "`{name}` はすでに `{other_id}`({other_name})の ID か別名です"
                            ),
                        )
                        .hint(hint),
                    );
                }
                Some(_) => {}
                None => {
                    owners.insert(
                        key,
                        Owner {
                            file: Some(i),
                            id: id.clone(),
                            name: file.name.clone(),
                        },
                    );
                }
            }
        }
    }
}

/// The shipped guides' names (id and aliases), ids and file names.
fn shipped_names() -> Vec<(Vec<String>, String, String)> {
    EMBEDDED
        .iter()
        .map(|e| {
            let names = std::iter::once(e.id)
                .chain(e.aliases.iter().copied())
                .map(str::to_owned)
                .collect();
            (names, e.id.to_owned(), format!("services/{}", e.file))
        })
        .collect()
}

pub fn validate(ctx: &Context, paths: &[PathBuf], format: ValidateFormat) -> Result<Exit> {
    let mut files = Files::default();
    let shipped = if paths.is_empty() {
        let registry = ctx.registry()?;
        // The shipped guides first, so that a directory guide taking one
        // of their names is the one reported.
        let (embedded, on_disk): (Vec<_>, Vec<_>) = registry
            .entries
            .iter()
            .partition(|e| matches!(e.origin, Origin::Embedded { .. }));
        for entry in embedded.into_iter().chain(on_disk) {
            match &entry.origin {
                Origin::Embedded { file, source, .. } => files
                    .checked
                    .push(check_text(format!("services/{file}"), (*source).to_owned())),
                Origin::File(path) => files.add(path)?,
            }
        }
        if let Some(dir) = &ctx.services_dir {
            for (path, reason) in scan_tree_dir(dir)?.skipped {
                files.checked.push(skipped(&path, &reason));
            }
        }
        Vec::new()
    } else {
        for path in paths {
            let meta =
                std::fs::metadata(path).map_err(|err| crate::input::open_error("", path, err))?;
            if meta.is_dir() {
                if files.add_dir(path)? == 0 {
                    return Err(UsageError(crate::i18n::tr(
                        format!("{} に .toml ファイルがありません", display_path(path)),
                        format!("{} holds no .toml files", display_path(path)),
                    ))
                    .into());
                }
            } else {
                files.add(path)?;
            }
        }
        shipped_names()
    };
    let mut files = files.checked;
    cross_file_checks(&mut files, &shipped);

    let shown: Vec<FileDiagnostics> = files
        .iter()
        .map(|f| FileDiagnostics {
            name: &f.name,
            src: &f.src,
            service: f.service_id.as_deref(),
            diagnostics: &f.diagnostics,
        })
        .collect();
    let errors = count(&shown, Severity::Error);
    let lang = crate::i18n::message_lang();
    match format {
        ValidateFormat::Json => emit_json(&versioned(report(&shown, lang)))?,
        ValidateFormat::Text => emit(&report_text(&shown, lang))?,
    }
    Ok(if errors > 0 {
        Exit::InvalidTree
    } else {
        Exit::Success
    })
}
