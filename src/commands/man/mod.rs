//! `loginhelp man [COMMAND]` and `loginhelp man --all DIR`: man pages for
//! the tool and for each command, from the clap definition (NAME, SYNOPSIS,
//! DESCRIPTION, OPTIONS, COMMANDS by clap_mangen) plus the sections man
//! pages have: EXIT STATUS and EXAMPLES taken from the same `--help`
//! after-text the terminal shows, ENVIRONMENT from the options' variables,
//! FILES and SEE ALSO. Every page SEE ALSO names is one of these pages.
//! In the language of the help: a Japanese page has Japanese headings and
//! text throughout (the options' from `--help`'s Japanese), and marks where
//! groff may break its lines.

use std::path::Path;

use anyhow::Result;
use clap_mangen::roff::{bold, italic, roman, Inline, Roff};
use clap_mangen::Man;

mod after_help;
mod options;
mod texts;
mod typeset;

use after_help::AfterHelp;
use options::options_section;
use texts::{help_text, pick, words, DESCRIPTIONS, EXAMPLES, FILES, OTHER_ENVIRONMENT, PAGE_DATE};
use typeset::{japanese_typesetting, once_preamble};

use crate::context::Context;
use crate::error::{Exit, Unknown};
use crate::i18n::Lang;
use crate::output::emit::{emit, write_atomically};

/// The tool with every command's arguments defined (they are deferred), its
/// help in `lang`.
fn tool(lang: Lang) -> clap::Command {
    let mut cmd = crate::cli::command(lang).disable_help_subcommand(true);
    cmd.build();
    // The Japanese command is built already, with its `help` command: no
    // page for it either way.
    if cmd.find_subcommand("help").is_some() {
        cmd = cmd.mut_subcommand("help", |help| help.hide(true));
    }
    cmd
}

/// The page names there are: `loginhelp`, then `loginhelp-COMMAND` for each.
pub fn page_names() -> Vec<String> {
    let cmd = tool(Lang::En);
    std::iter::once("loginhelp".to_owned())
        .chain(
            cmd.get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(|s| format!("loginhelp-{}", s.get_name())),
        )
        .collect()
}

/// The page of the tool (`None`) or of one command, as roff, in the
/// language of the help (--lang, LOGINHELP_LANG, the locale).
pub fn page(command: Option<&str>) -> Result<String> {
    page_in(crate::i18n::message_lang(), command)
}

fn page_in(lang: Lang, command: Option<&str>) -> Result<String> {
    let words = words(lang);
    // The command line in `lang` gives the name, synopsis, summary and
    // commands; the English one the arguments as they are defined (the
    // Japanese has its value lists written into the help text), whose
    // texts are then translated as `--help` translates them.
    let english = tool(Lang::En);
    let tool = tool(lang);
    let after_help = tool
        .get_after_help()
        .map(|h| h.to_string())
        .unwrap_or_default();
    let help = AfterHelp::parse(&after_help);
    let (cmd, en_cmd, examples): (clap::Command, clap::Command, Vec<(String, String)>) =
        match command {
            None => (tool.clone(), english.clone(), help.examples.clone()),
            Some(name) => {
                let (Some(sub), Some(en_sub)) = (
                    tool.find_subcommand(name).filter(|s| !s.is_hide_set()),
                    english.find_subcommand(name),
                ) else {
                    let names: Vec<String> = tool
                        .get_subcommands()
                        .filter(|s| !s.is_hide_set())
                        .map(|s| s.get_name().to_owned())
                        .collect();
                    let hint = crate::i18n::did_you_mean(name, names.iter().map(String::as_str));
                    let name = crate::text::neutralize(name);
                    let mut message = crate::i18n::tr(
                        format!("コマンド `{name}` はありません"),
                        format!("there is no command `{name}`"),
                    );
                    if let Some(hint) = &hint {
                        message
                            .push_str(&crate::i18n::tr(format!("。{hint}"), format!("; {hint}")));
                    }
                    message.push_str(&crate::i18n::tr(
                        format!("\nコマンド: {}", names.join("、")),
                        format!("\ncommands: {}", names.join(", ")),
                    ));
                    return Err(Unknown::new("unknown_command", message, hint, names).into());
                };
                let examples = EXAMPLES
                    .iter()
                    .find(|(c, _)| *c == sub.get_name())
                    .map(|(_, e)| {
                        e.iter()
                            .map(|(line, en, ja)| (line.to_string(), pick(lang, en, ja).to_owned()))
                            .collect()
                    })
                    .unwrap_or_default();
                (sub.clone(), en_sub.clone(), examples)
            }
        };
    let man = Man::new(cmd.clone().subcommand_help_heading(words.commands))
        .date(PAGE_DATE)
        .source(format!("loginhelp {}", env!("CARGO_PKG_VERSION")))
        .manual(words.manual);
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    // clap_mangen names these sections in English.
    let mut heads = Vec::new();
    man.render_name_section(&mut heads)?;
    man.render_synopsis_section(&mut heads)?;
    man.render_description_section(&mut heads)?;
    let heads = String::from_utf8(heads)?
        .replacen(".SH NAME\n", &format!(".SH {}\n", words.name), 1)
        .replacen(".SH SYNOPSIS\n", &format!(".SH {}\n", words.synopsis), 1)
        .replacen(
            ".SH DESCRIPTION\n",
            &format!(".SH {}\n", words.description),
            1,
        );
    out.extend(heads.into_bytes());
    let mut roff = Roff::new();
    let paragraphs: Vec<&str> = match command {
        None => help.other.iter().map(String::as_str).collect(),
        Some(name) => DESCRIPTIONS
            .iter()
            .filter(|(c, _, _)| *c == name)
            .map(|(_, en, ja)| pick(lang, en, ja))
            .collect(),
    };
    for paragraph in paragraphs {
        roff.control("PP", []);
        roff.text([roman(paragraph)]);
    }
    options_section(&mut roff, &en_cmd, lang);
    out.extend(roff.render().into_bytes());
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out)?;
    }

    let mut roff = Roff::new();
    roff.control("SH", [words.exit_status]);
    for (code, meaning) in &help.exit_statuses {
        roff.control("TP", []);
        roff.text([bold(code.as_str())]);
        roff.text([roman(meaning.as_str())]);
    }

    roff.control("SH", [words.environment]);
    let mut seen = Vec::new();
    for arg in en_cmd.get_arguments().chain(english.get_arguments()) {
        let Some(env) = arg.get_env() else { continue };
        let env = env.to_string_lossy().into_owned();
        if seen.contains(&env) {
            continue;
        }
        roff.control("TP", []);
        roff.text([bold(env.as_str())]);
        let text = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let (before, after) = words.same_as;
        roff.text([
            roman(format!(
                "{before}--{}{after}",
                arg.get_long().unwrap_or_default()
            )),
            roman(help_text(lang, &text)),
        ]);
        seen.push(env);
    }
    for (names, en, ja) in OTHER_ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*names)]);
        roff.text([roman(pick(lang, en, ja))]);
    }

    roff.control("SH", [words.files]);
    for ((name, rest), en, ja) in FILES {
        roff.control("TP", []);
        roff.text([italic(*name), roman(*rest)]);
        roff.text([roman(pick(lang, en, ja))]);
    }

    roff.control("SH", [words.examples]);
    for (line, what) in &examples {
        roff.control("TP", []);
        roff.text([bold(line.as_str())]);
        roff.text([roman(what.as_str())]);
    }

    roff.control("SH", [words.see_also]);
    let others: Vec<String> = page_names()
        .into_iter()
        .filter(|p| Some(p.as_str()) != command.map(|c| format!("loginhelp-{c}")).as_deref())
        .filter(|p| command.is_some() || p != "loginhelp")
        .collect();
    let mut see_also: Vec<Inline> = Vec::new();
    for (i, page) in others.iter().enumerate() {
        if i > 0 {
            see_also.push(roman(", "));
        }
        see_also.push(bold(page.as_str()));
        see_also.push(roman("(1)"));
    }
    roff.text(see_also);
    out.extend(roff.render().into_bytes());
    let page = once_preamble(&String::from_utf8(out)?);
    Ok(match lang {
        Lang::Ja => japanese_typesetting(&page),
        Lang::En => page,
    })
}

/// `loginhelp man [COMMAND]` prints one page; `--all DIR` writes them all.
pub fn man(_ctx: &Context, command: Option<&str>, all: Option<&Path>) -> Result<Exit> {
    let Some(dir) = all else {
        emit(&page(command)?)?;
        return Ok(Exit::Success);
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        let dir = crate::text::display_path(dir);
        anyhow::Error::from(e).context(crate::i18n::tr(
            format!("ディレクトリ {dir} を作れません"),
            format!("cannot create the directory {dir}"),
        ))
    })?;
    let mut written = String::new();
    for name in page_names() {
        let text = page(name.strip_prefix("loginhelp-"))?;
        let path = dir.join(format!("{name}.1"));
        write_atomically(&path, text.as_bytes(), true)?;
        written.push_str(&crate::text::display_path(&path));
        written.push('\n');
    }
    emit(&written)?;
    Ok(Exit::Success)
}
