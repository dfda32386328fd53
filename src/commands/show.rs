//! `loginhelp show SERVICE [NODE]`: a whole guide or one node, as text,
//! Markdown or JSON.

use anyhow::Result;
use serde::Serialize;

use crate::cli::ShowFormat;
use crate::context::Context;
use crate::error::Exit;
use crate::output::emit::{emit, emit_json};
use crate::output::json::versioned;
use crate::output::view;
use crate::terminal;
use crate::walk::scripted;

pub fn show(ctx: &Context, name: &str, node: Option<&str>, format: ShowFormat) -> Result<Exit> {
    let service = ctx.service(name)?;
    let index = node
        .map(|id| scripted::start_node(&service, id))
        .transpose()?;
    let lang = ctx.lang;
    match format {
        ShowFormat::Text => {
            let p = ctx.painter();
            let width = terminal::output_width();
            let text = match index {
                Some(i) => crate::output::text::node_entry_text(&service, i, lang, &p, width),
                None => crate::output::text::guide_text(&service, lang, &p, width),
            };
            emit(&text)?;
        }
        ShowFormat::Markdown => emit(&crate::output::markdown::guide_markdown(
            &service, index, lang,
        ))?,
        ShowFormat::Json => {
            #[derive(Serialize)]
            struct Guide<'a> {
                id: &'a str,
                name: &'a str,
                summary: &'a str,
                aliases: &'a [crate::tree::Str],
                reviewed: &'a str,
                start: &'a str,
                links: &'a [crate::tree::Link],
                sources: &'a [crate::tree::Source],
                nodes: Vec<ShownNode>,
            }
            #[derive(Serialize)]
            struct ShownNode {
                #[serde(flatten)]
                node: view::NodeView,
                leads_to: Vec<String>,
            }
            let shown = |i: usize| ShownNode {
                node: view::node_view(&service, i, lang, &[]),
                leads_to: service
                    .node(i)
                    .targets()
                    .into_iter()
                    .map(|t| service.node(t).id.to_string())
                    .collect(),
            };
            match index {
                Some(i) => emit_json(&versioned(shown(i)))?,
                None => emit_json(&versioned(Guide {
                    id: &service.id,
                    name: service.name.get(lang),
                    summary: service.summary.get(lang),
                    aliases: &service.aliases,
                    reviewed: &service.reviewed,
                    start: &service.node(service.start).id,
                    links: &service.links,
                    sources: &service.sources,
                    nodes: (0..service.nodes.len()).map(shown).collect(),
                }))?,
            }
        }
    }
    Ok(Exit::Success)
}
