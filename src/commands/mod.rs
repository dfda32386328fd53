//! The subcommands, one file each, and the dispatch to them (`graph` is a
//! few lines and stays here). The walk itself
//! (`loginhelp SERVICE`) is `walk`. Output goes through `output::emit`.

mod answers;
mod completions;
mod list;
mod man;
mod mistyped;
mod search;
mod show;
mod validate;
mod walk;

pub use answers::answers_template;
pub use completions::{complete_from_env, completing_command};
pub use man::{page as man_page, page_names as man_page_names};
pub use mistyped::mistyped_command;
pub use validate::{check_text, CheckedFile};
pub use walk::walk;

use anyhow::Result;

use crate::cli::{Command, GraphFormat};
use crate::context::Context;
use crate::error::Exit;
use crate::output::emit::emit;

pub fn run(ctx: &Context, command: Command) -> Result<Exit> {
    match command {
        Command::List { format } => list::list(ctx, format),
        Command::Show {
            service,
            node,
            format,
        } => show::show(ctx, &service, node.as_deref(), format),
        Command::Validate { paths, format } => validate::validate(ctx, &paths, format),
        Command::Graph { service, format } => {
            let service = ctx.service(&service)?;
            let text = match format {
                GraphFormat::Mermaid => crate::graph::mermaid::mermaid(&service, ctx.lang),
                GraphFormat::Dot => crate::graph::dot::dot(&service, ctx.lang),
            };
            emit(&text)?;
            Ok(Exit::Success)
        }
        Command::Search { words, format } => search::search(ctx, &words, format),
        Command::Answers { service } => {
            let service = ctx.service(&service)?;
            emit(&answers::answers_template(&service, ctx.lang))?;
            Ok(Exit::Success)
        }
        Command::Completions { shell } => {
            emit(&completions::completions(ctx, shell)?)?;
            Ok(Exit::Success)
        }
        Command::Man { command, all } => man::man(ctx, command.as_deref(), all.as_deref()),
    }
}
