//! A mistyped command: the first word of `loginhelp lst` or `loginhelp
//! serch password` is read as a service, because the walk takes one there.
//! When a command's name is closer to that word than every service id and
//! alias, the error names the command.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::CommandFactory as _;

use crate::error::Unknown;
use crate::registry::Registry;
use crate::suggest::closest;

/// The commands' names and aliases.
fn command_names() -> Vec<String> {
    crate::Cli::command()
        .get_subcommands()
        .flat_map(|c| std::iter::once(c.get_name()).chain(c.get_all_aliases()))
        .map(str::to_owned)
        .collect()
}

/// The command closest to `word`, if it is closer than every service.
fn closer_command(word: &str, registry: &Registry) -> Option<String> {
    let commands = command_names();
    let services = registry
        .entries
        .iter()
        .flat_map(|e| std::iter::once(e.id.as_str()).chain(e.aliases.iter().map(String::as_str)));
    let best = closest(word, services.chain(commands.iter().map(String::as_str)))?;
    commands.iter().find(|c| *c == best).cloned()
}

/// `loginhelp lst`: an unknown service whose name is closer to a command
/// gets "did you mean the command `list`?" as its hint.
pub fn command_hint(err: anyhow::Error, name: &str, registry: &Registry) -> anyhow::Error {
    let mut unknown = match err.downcast::<Unknown>() {
        Ok(unknown) => unknown,
        Err(other) => return other,
    };
    if let Some(command) = closer_command(name, registry) {
        let hint = crate::i18n::tr(
            format!("コマンド `{command}` のことですか?"),
            format!("did you mean the command `{command}`?"),
        );
        unknown.message = match &unknown.hint {
            Some(old) => unknown.message.replacen(old.as_str(), &hint, 1),
            None => {
                let end = unknown.message.find('\n').unwrap_or(unknown.message.len());
                let (first, rest) = unknown.message.split_at(end);
                format!("{first}{}{hint}{rest}", crate::i18n::tr("。", "; "))
            }
        };
        unknown.hint = Some(hint);
    }
    unknown.into()
}

/// The options before a command that take a value (as `--lang en`).
const TAKES_VALUE: [&str; 9] = [
    "--lang",
    "--services-dir",
    "--color",
    "-a",
    "--answer",
    "--answers",
    "--start",
    "--format",
    "--report",
];

/// `loginhelp serch password`: clap fails on `password` (there is no such
/// command) and suggests whatever command looks like *it*. When the first
/// word is no service but is close to a command, the error says so
/// instead. `None` when that is not the case; clap's error stands.
pub fn mistyped_command(err: &clap::Error, args: &[OsString]) -> Option<anyhow::Error> {
    use clap::error::ErrorKind;
    if !matches!(
        err.kind(),
        ErrorKind::InvalidSubcommand | ErrorKind::UnknownArgument
    ) {
        return None;
    }
    let mut services_dir = std::env::var_os("LOGINHELP_SERVICES_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from);
    let mut first = None;
    let mut words = args.iter().skip(1);
    while let Some(word) = words.next() {
        let text = word.to_str()?;
        if let Some(dir) = text.strip_prefix("--services-dir=") {
            services_dir = Some(dir.into());
        } else if TAKES_VALUE.contains(&text) {
            let value = words.next()?;
            if text == "--services-dir" {
                services_dir = Some(value.into());
            }
        } else if text == "--" {
            return None;
        } else if !text.starts_with('-') && first.is_none() {
            first = Some(text);
        }
    }
    let word = first?;
    let commands = command_names();
    if commands.iter().any(|c| c == word) {
        return None;
    }
    let registry = Registry::load(services_dir.as_deref()).ok()?;
    if registry.resolve(word).is_ok() {
        return None;
    }
    let command = closer_command(word, &registry)?;
    let hint = crate::i18n::tr(
        format!("`{command}` のことですか?"),
        format!("did you mean `{command}`?"),
    );
    let word = crate::text::neutralize(word);
    let commands_list = commands.join(", ");
    let message = crate::i18n::tr(
        format!(
            "`{word}` というコマンドはありません。{hint}\nコマンド: {commands_list}\n(`loginhelp --help` を参照)"
        ),
        format!(
            "unknown command `{word}`; {hint}\ncommands: {commands_list}\n(see `loginhelp --help`)"
        ),
    );
    Some(Unknown::new("unknown_command", message, Some(hint), commands).into())
}
