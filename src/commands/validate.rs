//! `loginhelp validate [PATH..]`: check tree files (the shipped guides by
//! default), each on its own and across files (ids and aliases unique),
//! and report what was found as text or JSON.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::cli::ValidateFormat;
use crate::context::Context;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::error::{Exit, UnreadableTree, UsageError};
use crate::output::diagnostics::{count, report, report_text, FileDiagnostics};
use crate::output::emit::{emit, emit_json};
use crate::output::json::versioned;
use crate::registry::{read_tree_file, tree_files_in};
use crate::text::{fold, neutralize};
use crate::tree::check_source;
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
        name: neutralize(&name),
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

/// Read a file for validation: size and encoding problems become
/// diagnostics of that file rather than errors of the command.
fn check_path(path: &Path) -> Result<CheckedFile> {
    let name = path.display().to_string();
    match read_tree_file(path) {
        Ok(src) => Ok(check_text(name, src)),
        Err(err) => {
            let Some(unreadable) = err.downcast_ref::<UnreadableTree>() else {
                return Err(err);
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

/// Service ids and aliases must be unique across the checked files.
fn cross_file_checks(files: &mut [CheckedFile]) {
    let mut owners: HashMap<String, (usize, String)> = HashMap::new();
    for i in 0..files.len() {
        let Some(id) = files[i].service_id.clone() else {
            continue;
        };
        let mut names = vec![(id.clone(), None)];
        names.extend(
            files[i]
                .aliases
                .iter()
                .map(|(a, s)| (a.clone(), Some(s.clone()))),
        );
        for (name, span) in names {
            let key = fold(&name);
            match owners.get(&key) {
                Some((other, other_id)) if *other != i => {
                    let other_name = files[*other].name.clone();
                    let span = span.or_else(|| files[i].id_span.clone());
                    files[i].diagnostics.push(
                        Diagnostic::new(
                            Code::DuplicateId,
                            span,
                            format!(
                                "`{}` is already the id or an alias of `{other_id}` ({other_name})",
                                neutralize(&name)
                            ),
                        )
                        .hint("service ids and aliases must be unique across all guides"),
                    );
                }
                Some(_) => {}
                None => {
                    owners.insert(key, (i, id.clone()));
                }
            }
        }
    }
}

pub fn validate(ctx: &Context, paths: &[PathBuf], format: ValidateFormat) -> Result<Exit> {
    let mut files = Vec::new();
    if paths.is_empty() {
        let registry = ctx.registry()?;
        for entry in &registry.entries {
            match &entry.origin {
                crate::registry::Origin::Embedded { file, source, .. } => {
                    files.push(check_text(format!("services/{file}"), (*source).to_owned()))
                }
                crate::registry::Origin::File(path) => files.push(check_path(path)?),
            }
        }
    } else {
        for path in paths {
            let meta =
                std::fs::metadata(path).map_err(|err| crate::input::open_error("", path, err))?;
            if meta.is_dir() {
                let found = tree_files_in(path)?;
                if found.is_empty() {
                    return Err(UsageError(crate::i18n::tr(
                        format!("{} に .toml ファイルがありません", path.display()),
                        format!("{} holds no .toml files", path.display()),
                    ))
                    .into());
                }
                for file in found {
                    files.push(check_path(&file)?);
                }
            } else {
                files.push(check_path(path)?);
            }
        }
    }
    cross_file_checks(&mut files);

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
    match format {
        ValidateFormat::Json => emit_json(&versioned(report(&shown)))?,
        ValidateFormat::Text => emit(&report_text(&shown))?,
    }
    Ok(if errors > 0 {
        Exit::InvalidTree
    } else {
        Exit::Success
    })
}
