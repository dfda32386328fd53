//! `loginhelp search WORDS..`: the guides' nodes that match, ranked.

use std::io::Write as _;

use anyhow::Result;

use crate::cli::ListFormat;
use crate::context::Context;
use crate::error::Exit;
use crate::output::emit::{emit, emit_json};
use crate::output::json::versioned;
use crate::registry::Origin;

pub fn search(ctx: &Context, words: &[String], format: ListFormat) -> Result<Exit> {
    let query = words.join(" ");
    let registry = ctx.registry()?;
    let mut services = Vec::new();
    for entry in &registry.entries {
        match entry.load() {
            Ok(service) => services.push(service),
            // A broken guide from --services-dir is left out with a
            // warning, so that the others (the shipped ones included) are
            // still searched; `validate` shows what is wrong with it.
            Err(_) if matches!(entry.origin, Origin::File(_)) => {
                let words = crate::i18n::words(ctx.lang);
                let file = entry.origin.display_name();
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "{}",
                    (words.not_searched)(&entry.id, &file)
                );
            }
            Err(err) => return Err(err),
        }
    }
    let mut hits = crate::search::search(&services, &query, ctx.lang);
    // A hit in a guide from --services-dir starts only with that flag.
    if let Some(dir) = &ctx.services_dir {
        for hit in &mut hits {
            hit.command.push_str(&format!(
                " --services-dir {}",
                crate::replay::shell_quote(&crate::text::display_path(dir))
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
        ListFormat::Text => emit(&crate::search::hits_text(
            &hits,
            &query,
            ctx.lang,
            crate::terminal::output_width(),
        ))?,
    }
    Ok(Exit::Success)
}
