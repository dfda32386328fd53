//! The JSON contract's envelope: every `--format json` output is one object
//! that starts with `schema_version`, and an error under `--format json` is
//! such an object too, with an `error` member, on stdout. The schemas are
//! `docs/*.schema.json`.

use serde::Serialize;

use crate::cli::{Cli, Command, ListFormat, ShowFormat, ValidateFormat, WalkFormat};
use crate::error::{Cancelled, ContentError, Exit, Unknown, UnreadableTree, UsageError};

/// The version of every JSON output's shape. Adding a field keeps it;
/// removing or renaming one, or changing what it means, raises it.
pub const SCHEMA_VERSION: u32 = 1;

/// A JSON output: `schema_version`, then the output's own fields.
#[derive(Debug, Serialize)]
pub struct Versioned<T> {
    pub schema_version: u32,
    #[serde(flatten)]
    pub body: T,
}

pub fn versioned<T: Serialize>(body: T) -> Versioned<T> {
    Versioned {
        schema_version: SCHEMA_VERSION,
        body,
    }
}

/// Does this command line ask for JSON (so that an error must be JSON too)?
pub fn wants_json(cli: &Cli) -> bool {
    match &cli.command {
        None => cli.walk.format == WalkFormat::Json,
        Some(Command::List { format }) | Some(Command::Search { format, .. }) => {
            *format == ListFormat::Json
        }
        Some(Command::Show { format, .. }) => *format == ShowFormat::Json,
        Some(Command::Validate { format, .. }) => *format == ValidateFormat::Json,
        // `--format json` given to a walk beside a subcommand: the usage
        // error that follows is JSON as asked.
        Some(_) => cli.walk.format == WalkFormat::Json,
    }
}

/// What `error` holds.
#[derive(Debug, Serialize)]
pub struct ErrorView {
    /// Stable, for a program to branch on: `unknown_service`,
    /// `unknown_question`, `unknown_option`, `unknown_node`, `unknown_command`,
    /// `missing_service`, `usage`, `invalid_guide`, `cancelled`, `failure`.
    pub code: &'static str,
    /// The whole message as the text output gives it.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The valid names, when the error is about an unknown one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ErrorOutput {
    pub error: ErrorView,
}

/// The error as a JSON output, its code found from the error's chain.
pub fn error_output(err: &anyhow::Error) -> Versioned<ErrorOutput> {
    let message = crate::i18n::os_error::chain(err, crate::i18n::message_lang());
    let mut view = ErrorView {
        code: "failure",
        message,
        hint: None,
        options: Vec::new(),
    };
    for cause in err.chain() {
        if let Some(unknown) = cause.downcast_ref::<Unknown>() {
            view.code = unknown.code;
            view.hint = unknown.hint.clone();
            view.options = unknown.options.clone();
            break;
        }
        if cause.is::<UsageError>() {
            view.code = "usage";
            break;
        }
        if cause.is::<ContentError>() || cause.is::<UnreadableTree>() {
            view.code = "invalid_guide";
            break;
        }
        if cause.is::<Cancelled>() {
            view.code = "cancelled";
            break;
        }
    }
    versioned(ErrorOutput { error: view })
}

/// Report `err` as JSON on stdout (for `main`, under `--format json`).
/// Nothing goes to stderr; a failed write changes nothing, the exit status
/// stays the error's.
pub fn report_error(err: &anyhow::Error) -> Exit {
    let _ = crate::output::emit::emit_json(&error_output(err));
    crate::error::exit_for(err)
}

/// Did the raw command line ask for `--format json`? For clap's own errors,
/// which come before there is a parsed command line to ask.
pub fn args_ask_for_json<I, S>(args: I) -> bool
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut previous_was_format = false;
    for arg in args {
        let arg = arg.as_ref();
        if (previous_was_format && arg == "json") || arg == "--format=json" {
            return true;
        }
        previous_was_format = arg == "--format";
    }
    false
}

/// A command-line error from clap under `--format json`: reported as JSON
/// on stdout (code `usage`, the message the text output would show, in
/// `lang`, shown safely), and
/// its exit status returned. `None` for help and version, which print as
/// they always do, and when JSON was not asked for.
pub fn clap_error(
    err: &clap::Error,
    args_ask_for_json: bool,
    lang: crate::i18n::Lang,
) -> Option<Exit> {
    use clap::error::ErrorKind;
    if !args_ask_for_json
        || matches!(
            err.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        return None;
    }
    let rendered = crate::i18n::clap_error::render(err, lang).to_string();
    let message = crate::text::neutralize(rendered.trim_end());
    let message = message
        .strip_prefix("error: ")
        .or_else(|| message.strip_prefix("エラー: "))
        .unwrap_or(&message)
        .to_owned();
    let _ = crate::output::emit::emit_json(&versioned(ErrorOutput {
        error: ErrorView {
            code: "usage",
            message,
            hint: None,
            options: Vec::new(),
        },
    }));
    Some(Exit::Usage)
}
