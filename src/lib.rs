//! loginhelp: a wizard that gets people back into accounts they are locked
//! out of. `run` takes the parsed command line and does the work; `main`
//! only prints errors and maps them to exit codes.
//!
//! Layout: `tree` (the `loginhelp-guide` crate) loads and checks guide
//! files, `registry` finds them, `engine` walks one guide (pure), `walk`
//! holds its two front ends (scripted and the wizard), `output` turns walks
//! and guides into what the reader sees, `commands` has one file per
//! subcommand, and `i18n` the tool's own words.

pub use loginhelp_guide as tree;
pub use tree::{diagnostic, suggest};

pub mod cli;
pub mod commands;
pub mod context;
pub mod engine;
pub mod error;
pub mod graph;
pub mod i18n;
pub mod input;
pub mod output;
pub mod registry;
pub mod replay;
pub mod search;
pub mod terminal;
#[cfg(test)]
mod testing;
pub mod text;
pub mod walk;

pub use cli::Cli;
pub use error::Exit;

use anyhow::Result;

/// Run a parsed command line and say how it ended.
pub fn run(cli: Cli) -> Result<Exit> {
    let lang = cli
        .global
        .lang
        .unwrap_or_else(|| i18n::Lang::from_locale_vars(|k| std::env::var(k).ok()));
    terminal::set_color(cli.global.color);
    i18n::set_message_lang(lang);
    let ctx = context::Context {
        lang,
        services_dir: cli.global.services_dir.clone(),
        color: cli.global.color,
    };
    match cli.command {
        Some(command) => {
            let walk = &cli.walk;
            if let Some(service) = &walk.service {
                let service = text::neutralize(service);
                let mut message = i18n::tr(
                    format!(
                        "サービス(`{service}`)とコマンド `{}` は一緒に指定できません",
                        command.name()
                    ),
                    format!(
                        "a service (`{service}`) and the command `{}` cannot be combined",
                        command.name()
                    ),
                );
                if matches!(
                    command,
                    cli::Command::Show { .. }
                        | cli::Command::Graph { .. }
                        | cli::Command::Answers { .. }
                ) {
                    message.push_str(&i18n::tr(
                        format!("。`loginhelp {} {service}` のことですか?", command.name()),
                        format!("; did you mean `loginhelp {} {service}`?", command.name()),
                    ));
                }
                return Err(error::UsageError(message).into());
            }
            if !walk.answers.is_empty()
                || walk.answers_file.is_some()
                || walk.start.is_some()
                || walk.report.is_some()
            {
                return Err(error::UsageError(i18n::tr(
                    format!(
                        "--answer、--answers、--start、--report はガイドを進めるとき(`loginhelp SERVICE …`)のもので、`loginhelp {}` には使えません",
                        command.name()
                    ),
                    format!(
                        "--answer, --answers, --start and --report belong to a walk (`loginhelp SERVICE …`), not to `loginhelp {}`",
                        command.name()
                    ),
                ))
                .into());
            }
            commands::run(&ctx, command)
        }
        None => commands::walk(&ctx, &cli.walk),
    }
}
