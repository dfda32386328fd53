//! Errors a caller must tell apart, and the exit codes they map to. Every
//! other failure is a plain `anyhow` error with context (exit status 1).

use std::fmt;
use std::process::ExitCode;

use crate::diagnostic::{Code, Diagnostic};
use crate::tree::said;

/// The documented exit statuses (also in `--help` and the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The command did its work; for a walk: it ended (resolved, escalated or ended).
    Success = 0,
    /// Something failed that is not the user's input (I/O, an internal fault).
    Failure = 1,
    /// Bad command line: unknown service, question or option, bad flag.
    Usage = 2,
    /// The walk stopped at a question that no `--answer` answers.
    NeedsAnswer = 3,
    /// A guide tree is invalid (`validate` found errors, or a tree failed to load).
    InvalidTree = 4,
    /// The user cancelled (Esc, q, or "quit"). Ctrl-C and other signals end
    /// the process by the signal instead (see `terminal::restore_on_signals`).
    Cancelled = 130,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// The user's command line names something that does not exist or does not
/// fit; the message says what is valid.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A name on the command line that is not there (a service, a question, an
/// option, a node, a command): a usage error that keeps its suggestion and
/// the valid names apart from the message, for `--format json`.
#[derive(Debug)]
pub struct Unknown {
    /// Stable, for JSON: `unknown_service`, `unknown_option`, ….
    pub code: &'static str,
    /// The whole message, as the text output shows it.
    pub message: String,
    /// The suggestion the message holds ("did you mean `amazon`?").
    pub hint: Option<String>,
    /// The valid names.
    pub options: Vec<String>,
}

impl Unknown {
    pub fn new(
        code: &'static str,
        message: String,
        hint: Option<String>,
        options: Vec<String>,
    ) -> Unknown {
        Unknown {
            code,
            message,
            hint,
            options,
        }
    }
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Unknown {}

/// A tree file has errors; the message holds the rendered diagnostics.
#[derive(Debug)]
pub struct ContentError(pub String);

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ContentError {}

/// The user chose to stop.
#[derive(Debug)]
pub struct Cancelled;

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// A tree file that could not be read as text: too large, or not UTF-8.
/// Its message is a positioned diagnostic; `validate` turns it into one.
#[derive(Debug)]
pub struct UnreadableTree {
    pub path: String,
    pub problem: Unreadable,
}

#[derive(Debug)]
pub enum Unreadable {
    /// The file has this many bytes (or more), over `MAX_FILE_BYTES`.
    TooLarge(u64),
    /// The bytes up to the first invalid UTF-8 sequence, and its offset.
    NotUtf8 { valid: String, at: usize },
}

impl std::fmt::Display for UnreadableTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = &self.path;
        let limit = crate::tree::check::MAX_FILE_BYTES;
        match &self.problem {
            Unreadable::TooLarge(len) => f.write_str(&crate::i18n::tr(
                format!("エラー[LH014]: {path} の大きさは {len} バイトです。ガイドのファイルの上限は {limit} バイトです"),
                format!("error[LH014]: {path} is {len} bytes; the limit for a tree file is {limit} bytes"),
            )),
            Unreadable::NotUtf8 { valid, at } => {
                let (line, col) = crate::diagnostic::line_col(valid, *at);
                f.write_str(&crate::i18n::tr(
                    format!("エラー[LH001]: ファイルが UTF-8 として正しくありません\n  --> {path}:{line}:{col}\n  = ヒント: UTF-8 で保存し直してください"),
                    format!("error[LH001]: the file is not valid UTF-8\n  --> {path}:{line}:{col}\n  = hint: save it as UTF-8"),
                ))
            }
        }
    }
}

impl UnreadableTree {
    /// The problem as a diagnostic of the file, with the text it is
    /// positioned in (what could be read of it), for `validate`.
    pub fn diagnostic(&self) -> (String, Diagnostic) {
        match &self.problem {
            Unreadable::NotUtf8 { valid, at } => (
                valid.clone(),
                Diagnostic::new(
                    Code::Syntax,
                    Some(*at..*at),
                    said!(
                        "the file is not valid UTF-8",
                        "ファイルが UTF-8 として正しくありません"
                    ),
                )
                .hint(said!("save it as UTF-8", "UTF-8 で保存し直してください")),
            ),
            Unreadable::TooLarge(len) => (
                String::new(),
                Diagnostic::new(
                    Code::TooLarge,
                    None,
                    said!(
                        "the file is {len} bytes; the limit is {} bytes",
                        "ファイルの大きさが {len} バイトあります。上限は {} バイトです",
                        crate::tree::check::MAX_FILE_BYTES
                    ),
                ),
            ),
        }
    }
}

impl std::error::Error for UnreadableTree {}

/// The exit status for an error, found by walking its chain.
pub fn exit_for(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if cause.is::<UsageError>() || cause.is::<Unknown>() {
            return Exit::Usage;
        }
        if cause.is::<ContentError>() || cause.is::<UnreadableTree>() {
            return Exit::InvalidTree;
        }
        if cause.is::<Cancelled>() {
            return Exit::Cancelled;
        }
    }
    Exit::Failure
}

/// Did this error come from writing to a closed pipe (`loginhelp list | head -1`)?
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
