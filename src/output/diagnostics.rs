//! The validator's report: every diagnostic of every checked file rendered
//! rustc-style (`diagnostic::render`) with a closing count, or the same as
//! one JSON object with the positions resolved.

use serde::Serialize;

use crate::diagnostic::{self, Diagnostic, Located, Severity};
use crate::i18n::Lang;
use crate::text::plural;

/// One checked file as the report shows it.
pub struct FileDiagnostics<'a> {
    pub name: &'a str,
    pub src: &'a str,
    pub service: Option<&'a str>,
    pub diagnostics: &'a [Diagnostic],
}

impl FileDiagnostics<'_> {
    fn count(&self, s: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == s)
            .count()
    }
}

/// How many problems of severity `s` the files have in all.
pub fn count(files: &[FileDiagnostics], s: Severity) -> usize {
    files.iter().map(|f| f.count(s)).sum()
}

#[derive(Serialize)]
pub struct ValidateReport {
    files: Vec<FileSummary>,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<Located>,
}

#[derive(Serialize)]
struct FileSummary {
    file: String,
    service: Option<String>,
    errors: usize,
    warnings: usize,
}

/// The report as `validate --format json` prints it, the words in `lang`.
pub fn report(files: &[FileDiagnostics], lang: Lang) -> ValidateReport {
    ValidateReport {
        files: files
            .iter()
            .map(|f| FileSummary {
                file: f.name.to_owned(),
                service: f.service.map(str::to_owned),
                errors: f.count(Severity::Error),
                warnings: f.count(Severity::Warning),
            })
            .collect(),
        errors: count(files, Severity::Error),
        warnings: count(files, Severity::Warning),
        diagnostics: files
            .iter()
            .flat_map(|f| {
                f.diagnostics
                    .iter()
                    .map(move |d| Located::new(f.name, f.src, d, lang))
            })
            .collect(),
    }
}

/// The report as text, the words in `lang`: each diagnostic, then
/// "checked N files: …".
pub fn report_text(files: &[FileDiagnostics], lang: Lang) -> String {
    let mut out = String::new();
    for f in files {
        for d in f.diagnostics {
            out.push_str(&diagnostic::render(f.name, f.src, d, lang));
            out.push('\n');
        }
    }
    let (errors, warnings) = (
        count(files, Severity::Error),
        count(files, Severity::Warning),
    );
    out.push_str(&match lang {
        Lang::En => format!(
            "checked {}: {}, {}\n",
            plural(files.len(), "file"),
            plural(errors, "error"),
            plural(warnings, "warning")
        ),
        Lang::Ja => format!(
            "{} 個のファイルを検査しました: エラー {errors} 件、警告 {warnings} 件\n",
            files.len()
        ),
    });
    out
}
