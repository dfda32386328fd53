//! `loginhelp list`: the guides there are, as a table or JSON.

use anyhow::Result;
use serde::Serialize;

use crate::cli::ListFormat;
use crate::context::Context;
use crate::error::Exit;
use crate::output::emit::{emit, emit_json};
use crate::output::json::versioned;
use crate::terminal;

#[derive(Serialize)]
struct ListedService<'a> {
    id: &'a str,
    name: &'a str,
    summary: &'a str,
    aliases: &'a [String],
    origin: String,
}

pub fn list(ctx: &Context, format: ListFormat) -> Result<Exit> {
    let registry = ctx.registry()?;
    let lang = ctx.lang;
    match format {
        ListFormat::Json => {
            let listed: Vec<ListedService> = registry
                .entries
                .iter()
                .map(|e| ListedService {
                    id: &e.id,
                    name: e.name.get(lang),
                    summary: e.summary.get(lang),
                    aliases: &e.aliases,
                    origin: match &e.origin {
                        crate::registry::Origin::Embedded { .. } => "built-in".to_owned(),
                        crate::registry::Origin::File(_) => e.origin.display_name(),
                    },
                })
                .collect();
            #[derive(Serialize)]
            struct Listing<'a> {
                services: Vec<ListedService<'a>>,
            }
            emit_json(&versioned(Listing { services: listed }))?;
        }
        ListFormat::Text => {
            let p = ctx.painter();
            let width = terminal::output_width();
            let id_width = registry
                .entries
                .iter()
                .map(|e| e.id.len())
                .max()
                .unwrap_or(0);
            let mut out = String::new();
            let aliases_word = crate::i18n::words(lang).aliases;
            for e in &registry.entries {
                let name = e.name.get(lang);
                out.push_str(&format!(
                    "{}  {}\n",
                    p.strong(&format!("{:id_width$}", e.id)),
                    name
                ));
                let indent = " ".repeat(id_width + 2);
                for line in
                    crate::text::wrap(e.summary.get(lang), width.saturating_sub(id_width + 2))
                {
                    out.push_str(&format!("{indent}{line}\n"));
                }
                if !e.aliases.is_empty() {
                    out.push_str(&format!(
                        "{indent}{}\n",
                        p.dim(&format!("{aliases_word}: {}", e.aliases.join(", ")))
                    ));
                }
            }
            emit(&out)?;
        }
    }
    Ok(Exit::Success)
}
