//! `loginhelp search WORDS..`: the guides' nodes that match, ranked.

use anyhow::Result;

use crate::cli::ListFormat;
use crate::context::Context;
use crate::error::Exit;
use crate::output::emit::{emit, emit_json};
use crate::output::json::versioned;

pub fn search(ctx: &Context, words: &[String], format: ListFormat) -> Result<Exit> {
    let query = words.join(" ");
    let registry = ctx.registry()?;
    let mut services = Vec::new();
    for entry in &registry.entries {
        services.push(entry.load()?);
    }
    let mut hits = crate::search::search(&services, &query, ctx.lang);
    // A hit in a guide from --services-dir starts only with that flag.
    if let Some(dir) = &ctx.services_dir {
        for hit in &mut hits {
            hit.command.push_str(&format!(
                " --services-dir {}",
                shell_quote(&dir.display().to_string())
            ));
        }
    }
    match format {
        ListFormat::Json => {
            #[derive(serde::Serialize)]
            struct Found<'a> {
                query: &'a str,
                hits: &'a [crate::search::Hit],
            }
            emit_json(&versioned(Found {
                query: &query,
                hits: &hits,
            }))?
        }
        ListFormat::Text => emit(&crate::search::hits_text(&hits, &query, ctx.lang))?,
    }
    Ok(Exit::Success)
}

/// Quote a word for a POSIX shell when it needs it.
fn shell_quote(word: &str) -> String {
    if !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c))
    {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}
