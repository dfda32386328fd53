//! The command line, declared once with clap: the wizard, scripted mode and
//! the subcommands for browsing, validating and integrating. `docs/usage.txt`
//! is this definition's `--help`, checked by a test.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

const AFTER_HELP: &str = "\
Examples:
  loginhelp                      pick a service, then answer the questions
  loginhelp instagram            start the Instagram guide (aliases work: insta, インスタ)
  loginhelp amazon --no-input --format json
                                 print the first question as JSON for a script
  loginhelp amazon -a symptom=forgot-password --format json
                                 answer questions from a script
  loginhelp list                 the services and their aliases
  loginhelp validate services/   check guide files

Language: --lang, else LOGINHELP_LANG, else LC_ALL / LC_MESSAGES / LANG
(ja* gives Japanese, another named locale English; C, POSIX or unset gives
Japanese, the language the guides were written in).

Exit status:
  0    done; for a walk: it ended (resolved, escalated or ended)
  1    failure that is not your input (I/O error; stdout closed or full)
  2    usage error: unknown service, question, option or flag, or a named
       file or directory that does not exist
  3    the walk stopped at a question no --answer answers
  4    a guide tree is invalid
  130  cancelled (Esc, q, or \"quit\")
  128+N  ended by signal N, the terminal restored first: 129 SIGHUP,
       130 SIGINT (Ctrl-C), 131 SIGQUIT, 143 SIGTERM

loginhelp never asks for a password or code, and only points to official
channels.";

/// Get back into an account you are locked out of, step by step.
#[derive(Debug, Parser)]
#[command(
    name = "loginhelp",
    version,
    about,
    after_help = AFTER_HELP,
    subcommand_value_name = "COMMAND",
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub walk: WalkArgs,

    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Settings every command shares.
#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Language of the guides and messages.
    #[arg(long, global = true, value_parser = lang_parser(), env = "LOGINHELP_LANG")]
    pub lang: Option<Lang>,

    /// Also read guides from DIR/*.toml; a file with a shipped service's id replaces it.
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "LOGINHELP_SERVICES_DIR"
    )]
    pub services_dir: Option<PathBuf>,

    /// When to use colour and symbols.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = ColorWhen::Auto,
        value_name = "WHEN",
        env = "LOGINHELP_COLOR"
    )]
    pub color: ColorWhen,
}

/// Running a guide: interactively, or from a script with answers given up front.
#[derive(Debug, Args, Clone, Default)]
pub struct WalkArgs {
    /// The service to get help with (id or alias; see `loginhelp list`).
    #[arg(value_name = "SERVICE", index = 1)]
    pub service: Option<String>,

    /// Answer a question without being asked: QUESTION=OPTION (repeatable).
    #[arg(short, long = "answer", value_name = "QUESTION=OPTION")]
    pub answers: Vec<String>,

    /// Read answers from a TOML file, or from standard input with `-` (see `loginhelp answers SERVICE`); --answer wins.
    #[arg(long = "answers", value_name = "FILE")]
    pub answers_file: Option<PathBuf>,

    /// Begin the walk at this node instead of the first question.
    #[arg(long, value_name = "NODE")]
    pub start: Option<String>,

    /// Output format when not interactive.
    #[arg(long, value_enum, default_value_t = WalkFormat::Text)]
    pub format: WalkFormat,

    /// Never prompt: go as far as the answers reach and stop at the first unanswered question.
    #[arg(long, env = "LOGINHELP_NO_INPUT", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_input: bool,

    /// When the walk escalates, save the report to FILE: the contacts, what to have ready and the message to send (never overwrites).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Write every question, answer, fix and contact of the walk to FILE as Markdown (never replaces a file without asking).
    #[arg(long, value_name = "FILE")]
    pub transcript: Option<PathBuf>,

    /// Start from the first question, without offering to continue a saved walk.
    #[arg(long)]
    pub fresh: bool,

    /// Ask with numbered lists, answered by typing a number and Enter: no cursor movement or redraw (screen readers, reading aloud, narrow screens). On when TERM=dumb.
    #[arg(long, env = "LOGINHELP_PLAIN", value_parser = clap::builder::FalseyValueParser::new())]
    pub plain: bool,
}

/// `--lang`'s values, with the help `--help` shows for each. (`Lang` lives
/// in the guide crate, which has no clap, so it gets a parser rather than a
/// `ValueEnum`.)
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _};
    let value = |lang: Lang, help: &'static str| PossibleValue::new(lang.code()).help(help);
    PossibleValuesParser::new([
        value(Lang::Ja, "日本語 (Japanese)"),
        value(Lang::En, "English"),
    ])
    .map(|code| {
        if code == Lang::Ja.code() {
            Lang::Ja
        } else {
            Lang::En
        }
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum WalkFormat {
    /// Readable plain text.
    #[default]
    Text,
    /// One JSON object (see docs/output.schema.json).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when the output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Readable plain text.
    Text,
    /// JSON.
    Json,
    /// Markdown, for a help-desk wiki.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table.
    Text,
    /// JSON.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    /// Diagnostics with the source line, for people.
    Text,
    /// One JSON object, for editors and CI.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Mermaid flowchart.
    Mermaid,
    /// Graphviz dot.
    Dot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

/// The commands. Each one's arguments are defined only when it is used
/// (`defer`), so that a walk or `list` does not build them all at start-up.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// List the services with a one-line description and their aliases.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Show a whole guide, or one node of it.
    Show {
        /// The service (id or alias).
        #[arg(index = 1)]
        service: String,
        /// One node's id; the whole guide when left out.
        #[arg(index = 2)]
        node: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Check guide files: links, reachability, translations, phones, URLs.
    Validate {
        /// Files or directories to check; the shipped guides when left out.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
        format: ValidateFormat,
    },
    /// Draw a guide's decision tree as a diagram.
    Graph {
        /// The service (id or alias).
        #[arg(index = 1)]
        service: String,
        /// Diagram language.
        #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
        format: GraphFormat,
    },
    /// Find the causes and fixes that match a described symptom.
    Search {
        /// Words describing the problem, in Japanese or English.
        #[arg(required = true, num_args = 1..)]
        words: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print an answer-file template for a service (use it with --answers).
    Answers {
        /// The service (id or alias).
        #[arg(index = 1)]
        service: String,
    },
    /// Print a shell completion script.
    #[command(after_long_help = COMPLETIONS_AFTER_HELP)]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print a man page (roff), or write them all.
    Man {
        /// A command whose page to print instead of the tool's own.
        #[arg(index = 1, conflicts_with = "all")]
        command: Option<String>,
        /// Write every page (loginhelp.1, loginhelp-list.1, …) into DIR instead.
        #[arg(long, value_name = "DIR")]
        all: Option<PathBuf>,
    },
}

impl Command {
    /// The subcommand's name as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::List { .. } => "list",
            Command::Show { .. } => "show",
            Command::Validate { .. } => "validate",
            Command::Graph { .. } => "graph",
            Command::Search { .. } => "search",
            Command::Answers { .. } => "answers",
            Command::Completions { .. } => "completions",
            Command::Man { .. } => "man",
        }
    }
}

/// `completions --help`: where each shell's script goes.
pub(crate) const COMPLETIONS_AFTER_HELP: &str = "\
Install: add one line to the shell's start-up file.
  bash, in ~/.bashrc:
    source <(loginhelp completions bash)
  zsh, in ~/.zshrc after compinit:
    source <(loginhelp completions zsh)
  fish, in ~/.config/fish/config.fish:
    loginhelp completions fish | source
  PowerShell, in $PROFILE:
    loginhelp completions powershell | Out-String | Invoke-Expression
  elvish, in ~/.config/elvish/rc.elv:
    eval (loginhelp completions elvish | slurp)

The script asks loginhelp at each Tab, so what it offers follows the guides
(--services-dir included) without installing it again.";

/// The environment variables that stand in for flags, read by clap.
const LANG_VAR: &str = "LOGINHELP_LANG";
const COLOR_VAR: &str = "LOGINHELP_COLOR";
const SERVICES_DIR_VAR: &str = "LOGINHELP_SERVICES_DIR";

/// Parse a command line, taking the `LOGINHELP_*` variables as a shell
/// user means them: set but empty is the same as unset, and
/// `LOGINHELP_LANG` takes a locale's spelling (`en_US`, `EN`,
/// `ja_JP.UTF-8`) by the rule `LANG` follows. A value that still means
/// nothing is a usage error naming the variable. `get` reads the
/// environment (a parameter so that tests need not change the process's).
///
/// The English command is tried first, as it is the quickest to build (its
/// subcommands are deferred); only when that parse ends in help, the version
/// or an error is it parsed again with the command in `lang` (see
/// [`command`]), whose text that is.
pub fn parse_with_env<I, T>(
    args: I,
    get: impl Fn(&str) -> Option<OsString>,
    lang: Lang,
) -> Result<Cli, ArgsError>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let typed_controls = args
        .iter()
        .chain(get(LANG_VAR).iter())
        .chain(get(COLOR_VAR).iter())
        .chain(get(SERVICES_DIR_VAR).iter())
        .any(|a| a.to_string_lossy().chars().any(crate::text::is_unsafe_char));
    let parsed = match parse_checked(Lang::En, args.clone(), &get, typed_controls) {
        Err(_) if lang != Lang::En => parse_checked(lang, args, &get, typed_controls),
        parsed => parsed,
    };
    parsed.map_err(|error| ArgsError {
        error,
        typed_controls,
    })
}

/// A command line clap would not take (or `--help` / `--version`, which
/// clap reports as errors), to be shown by [`ArgsError::report`].
#[derive(Debug)]
pub struct ArgsError {
    pub error: clap::Error,
    /// What was typed (or set) holds a control character, which clap's
    /// message may echo.
    typed_controls: bool,
}

impl ArgsError {
    /// Did what was typed (or set) hold a control character?
    pub fn typed_controls(&self) -> bool {
        self.typed_controls
    }

    /// Print the message and give the exit status it calls for. clap echoes
    /// what was typed; when that holds a control character or escape
    /// sequence, the message is built without clap's styles and shown
    /// neutralised, else as clap prints it.
    pub fn report(&self) -> std::process::ExitCode {
        use std::io::Write as _;
        let err = &self.error;
        let written = if !self.typed_controls {
            err.print()
        } else {
            let text = crate::text::neutralize(&err.render().ansi().to_string());
            if err.use_stderr() {
                std::io::stderr().write_all(text.as_bytes())
            } else {
                let mut out = std::io::stdout();
                out.write_all(text.as_bytes()).and_then(|()| out.flush())
            }
        };
        match written {
            Err(_) if !err.use_stderr() => std::process::ExitCode::from(crate::Exit::Failure as u8),
            _ => std::process::ExitCode::from(err.exit_code().clamp(0, 255) as u8),
        }
    }
}

fn parse_checked(
    in_lang: Lang,
    args: Vec<OsString>,
    get: &impl Fn(&str) -> Option<OsString>,
    typed_controls: bool,
) -> Result<Cli, clap::Error> {
    use clap::{CommandFactory as _, FromArgMatches as _};
    let mut command = Cli::command();
    if typed_controls {
        // No styles of clap's own, so that the message is only text and
        // can be neutralised whole.
        command = command.styles(clap::builder::Styles::plain());
    }
    // A variable clap would not read as it stands is taken away from clap
    // and read below, but only where no flag was given.
    let lang = get(LANG_VAR);
    let own_lang = lang
        .as_ref()
        .is_some_and(|v| v.to_str().is_none_or(|v| v != "ja" && v != "en"));
    if own_lang {
        command = command.mut_arg("lang", |a| a.env(None::<&str>));
    }
    let color = get(COLOR_VAR);
    let own_color = color.as_ref().is_some_and(|v| {
        v.to_str()
            .is_none_or(|v| ColorWhen::from_str(v, false).is_err())
    });
    if own_color {
        command = command.mut_arg("color", |a| a.env(None::<&str>));
    }
    if get(SERVICES_DIR_VAR).is_some_and(|v| v.is_empty()) {
        command = command.mut_arg("services_dir", |a| a.env(None::<&str>));
    }
    // Translated last, so that the changes above reach every subcommand.
    if in_lang == Lang::Ja {
        command = crate::i18n::help::japanese(command);
    }
    let matches = command.try_get_matches_from_mut(args)?;
    let mut cli = Cli::from_arg_matches(&matches).map_err(|e| e.with_cmd(&command))?;
    let mut invalid = |var: &str, value: &OsString, valid: &str| {
        let value = crate::text::neutralize(&value.to_string_lossy());
        let message = match in_lang {
            Lang::Ja => format!(
                "環境変数 {var} の値 `{value}` は使えません(使える値: {valid})。値を直すか、{var} の設定を解除してください"
            ),
            Lang::En => format!(
                "the environment variable {var} is `{value}`, which is not one of {valid}; change it, or unset it"
            ),
        };
        command.error(clap::error::ErrorKind::InvalidValue, message)
    };
    if let (true, None, Some(value)) = (own_lang, cli.global.lang, &lang) {
        match value.to_str().map(lang_from_locale_name) {
            Some(Ok(found)) => cli.global.lang = found,
            _ => {
                return Err(invalid(
                    LANG_VAR,
                    value,
                    match in_lang {
                        Lang::Ja => "ja, en または ja_JP.UTF-8 のようなロケール名",
                        Lang::En => "ja, en (or a locale such as ja_JP.UTF-8)",
                    },
                ))
            }
        }
    }
    let color_from_flag =
        matches.value_source("color") == Some(clap::parser::ValueSource::CommandLine);
    if let (true, false, Some(value)) = (own_color, color_from_flag, &color) {
        let spelled = value.to_str().map(|v| v.trim().to_ascii_lowercase());
        match spelled.as_deref() {
            Some("") => {}
            Some(v) => match ColorWhen::from_str(v, true) {
                Ok(when) => cli.global.color = when,
                Err(_) => return Err(invalid(COLOR_VAR, value, "auto, always, never")),
            },
            None => return Err(invalid(COLOR_VAR, value, "auto, always, never")),
        }
    }
    Ok(cli)
}

/// A `LOGINHELP_LANG` value that names no language loginhelp has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownLanguage;

/// The language a `LOGINHELP_LANG` value names, read like a locale: case
/// and the territory, codeset and modifier do not matter (`EN`, `en_US`,
/// `ja_JP.UTF-8`, `ja-JP`). `Ok(None)` for an empty value (as if unset);
/// an error for a language loginhelp does not have.
pub fn lang_from_locale_name(value: &str) -> Result<Option<Lang>, UnknownLanguage> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let language = value
        .split(['_', '-', '.', '@'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match language.as_str() {
        "ja" => Ok(Some(Lang::Ja)),
        "en" => Ok(Some(Lang::En)),
        _ => Err(UnknownLanguage),
    }
}

/// What must be known before the command line is parsed, because clap's
/// own help and errors already depend on it: the language and the colour
/// choice. Read from `--lang`/`--color` (also as `--lang=ja`) up to a `--`,
/// else `LOGINHELP_LANG`/`LOGINHELP_COLOR`, else the locale, by the rule
/// `run` applies after parsing. A value clap would refuse is passed over
/// here, so that clap reports it (in the language found otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Early {
    pub lang: Lang,
    pub color: ColorWhen,
}

impl Early {
    pub fn scan(args: &[std::ffi::OsString], env: impl Fn(&str) -> Option<String>) -> Early {
        let flag = |name: &str| flag_value(args, name);
        let lang_of = |v: &str| match v {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        };
        let color_of = |v: &str| ColorWhen::from_str(v, false).ok();
        let lang = flag("--lang")
            .as_deref()
            .and_then(lang_of)
            .or_else(|| env(LANG_VAR).and_then(|v| lang_from_locale_name(&v).ok().flatten()))
            .unwrap_or_else(|| Lang::from_locale_vars(&env));
        let color = flag("--color")
            .as_deref()
            .and_then(color_of)
            .or_else(|| env(COLOR_VAR).and_then(|v| color_of(&v.trim().to_ascii_lowercase())))
            .unwrap_or(ColorWhen::Auto);
        Early { lang, color }
    }
}

/// The value of `--name VALUE` or `--name=VALUE` in `args` (the program
/// name first), the last one given, looking no further than a `--`.
pub fn flag_value(args: &[std::ffi::OsString], name: &str) -> Option<String> {
    let mut found = None;
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    while let Some(word) = words.next() {
        let Some(word) = word else { continue };
        if word == "--" {
            break;
        }
        if word == name {
            found = words.next().flatten().map(str::to_owned);
        } else if let Some(value) = word.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
            found = Some(value.to_owned());
        }
    }
    found
}

/// The command line's definition in `lang`: the derived one for English,
/// with every help text, heading and value description translated for
/// Japanese (see `i18n::help`).
pub fn command(lang: Lang) -> clap::Command {
    use clap::CommandFactory as _;
    let cmd = Cli::command();
    match lang {
        Lang::En => cmd,
        Lang::Ja => crate::i18n::help::japanese(cmd),
    }
}
