//! `loginhelp [SERVICE] [--answer ..]`: the wizard on a terminal, scripted
//! mode (text or JSON) everywhere else.

use anyhow::Result;

use crate::cli::{WalkArgs, WalkFormat};
use crate::context::Context;
use crate::engine::Status;
use crate::error::{Exit, Unknown};
use crate::output::emit::{emit, emit_json, note};
use crate::output::json::versioned;
use crate::output::view;
use crate::terminal;
use crate::walk::start_walk;

/// `loginhelp [SERVICE] [--answer ..]`: the wizard on a terminal, scripted
/// mode everywhere else.
pub fn walk(ctx: &Context, args: &WalkArgs) -> Result<Exit> {
    let interactive = args.format == WalkFormat::Text && terminal::can_prompt(args.no_input);
    if interactive {
        return crate::walk::wizard::run(ctx, args);
    }
    let registry = ctx.registry()?;
    let Some(name) = &args.service else {
        let ids: Vec<String> = registry.entries.iter().map(|e| e.id.to_string()).collect();
        let message = crate::i18n::tr(
            format!(
                "助けが必要なサービスを指定してください: loginhelp <SERVICE>\nサービス: {}\n(質問できる端末がありません: ウィザードには標準入力と標準エラー出力の両方が端末である必要があります)",
                ids.join(", ")
            ),
            format!(
                "name a service to get help with: loginhelp <SERVICE>\nservices: {}\n(no terminal to ask on: stdin and stderr must both be terminals for the wizard)",
                ids.join(", ")
            ),
        );
        return Err(Unknown::new("missing_service", message, None, ids).into());
    };
    let service = registry
        .resolve(name)
        .map_err(|err| super::mistyped::command_hint(err, name, &registry))?
        .load()?;
    let started = start_walk(&service, args)?;
    let walk = started.walk;
    let today = crate::output::report::today();
    let mut view = view::walk_view(&walk, ctx.lang, &today);
    view.unused_answers = started.unused;
    // The report first: it must not depend on stdout's reader staying to
    // the end (`… --report r.txt | head -1`).
    // The same report the wizard saves: the contacts, what to have ready
    // and the message to send in the support's language.
    let saved = match &args.report {
        Some(path) if view.status == Status::Escalated => {
            let report = crate::output::report_file::report_text(&walk, ctx.lang, &today, 80);
            crate::output::emit::write_atomically(path, report.as_bytes(), false)?;
            Some(path)
        }
        _ => None,
    };
    // The transcript too, before stdout, for the same reason.
    if let Some(path) = &args.transcript {
        let text = crate::output::transcript::transcript(&walk, ctx.lang, &today);
        crate::output::emit::write_atomically(path, text.as_bytes(), false)?;
    }
    match args.format {
        WalkFormat::Json => emit_json(&versioned(&view))?,
        WalkFormat::Text => emit(&crate::output::text::walk_text(
            &view,
            &ctx.painter(),
            terminal::output_width(),
        ))?,
    }
    if let Some(path) = saved {
        note(&format!(
            "loginhelp: {} {}",
            crate::i18n::words(ctx.lang).saved_to,
            crate::input::shown(path)
        ));
    } else if let Some(path) = &args.report {
        // Asked for, but there is nothing to report: said, never silent.
        note(&crate::i18n::tr(
            format!(
                "loginhelp: 窓口への相談まで進まなかったので、{} には何も書いていません",
                crate::input::shown(path)
            ),
            format!(
                "loginhelp: the walk did not reach a contact, so nothing was written to {}",
                crate::input::shown(path)
            ),
        ));
    }
    if let Some(path) = &args.transcript {
        note(&format!(
            "loginhelp: {} {}",
            crate::i18n::words(ctx.lang).saved_to,
            crate::text::display_path(path)
        ));
    }
    if !view.unused_answers.is_empty() {
        note(&crate::i18n::tr(
            format!(
                "loginhelp: 注意: 次の回答は使われませんでした(その質問までたどり着きませんでした): {}",
                view.unused_answers.join(", ")
            ),
            format!(
                "loginhelp: note: these answers were not used (the walk never reached their questions): {}",
                view.unused_answers.join(", ")
            ),
        ));
    }
    Ok(match view.status {
        Status::NeedsAnswer => {
            if let Some(q) = &view.question {
                let options: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
                note(&crate::i18n::tr(
                    format!(
                        "loginhelp: 質問 `{}` で止まりました: --answer {}=<option> で答えてください(選択肢: {})",
                        q.id,
                        q.id,
                        options.join(", ")
                    ),
                    format!(
                        "loginhelp: stopped at question `{}`: pass --answer {}=<option> (options: {})",
                        q.id,
                        q.id,
                        options.join(", ")
                    ),
                ));
            }
            Exit::NeedsAnswer
        }
        _ => Exit::Success,
    })
}
