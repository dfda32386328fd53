//! `loginhelp man [COMMAND]` and `loginhelp man --all DIR`: man pages for
//! the tool and for each command, from the clap definition (NAME, SYNOPSIS,
//! DESCRIPTION, OPTIONS, COMMANDS by clap_mangen) plus the sections man
//! pages have: EXIT STATUS and EXAMPLES taken from the same `--help`
//! after-text the terminal shows, ENVIRONMENT from the options' variables,
//! FILES and SEE ALSO. Every page SEE ALSO names is one of these pages.

use std::path::Path;

use anyhow::Result;
use clap_mangen::roff::{bold, italic, roman, Inline, Roff};
use clap_mangen::Man;

use crate::context::Context;
use crate::error::{Exit, Unknown};
use crate::output::emit::{emit, write_atomically};

/// The date in every page's title line: when these pages last changed in
/// substance (it goes with the version, so that builds are reproducible).
const PAGE_DATE: &str = "2026-12-01";

/// Examples per command, as (command line, what it does); the top page's
/// come from `--help`. Each command has at least one.
const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "list",
        &[
            ("loginhelp list", "the services, with their aliases"),
            (
                "loginhelp list --format json",
                "the same for a script (docs/list.schema.json)",
            ),
        ],
    ),
    (
        "show",
        &[
            ("loginhelp show amazon", "the whole Amazon guide as text"),
            ("loginhelp show amazon reset-password", "one node of it"),
            (
                "loginhelp show line --format markdown > line.md",
                "the guide as Markdown for a help-desk wiki",
            ),
        ],
    ),
    (
        "validate",
        &[
            ("loginhelp validate", "check the shipped guides"),
            (
                "loginhelp validate my-guides/ --format json",
                "check your own guide files, with the result as JSON",
            ),
        ],
    ),
    (
        "graph",
        &[(
            "loginhelp graph amazon --format dot | dot -Tpng -o amazon.png",
            "draw the Amazon guide with Graphviz",
        )],
    ),
    (
        "search",
        &[
            (
                "loginhelp search パスワード 忘れた",
                "the causes and fixes for a forgotten password",
            ),
            (
                "loginhelp search hacked --lang en --format json",
                "the same in English, as JSON",
            ),
        ],
    ),
    (
        "answers",
        &[(
            "loginhelp answers amazon > a.toml; loginhelp amazon --answers a.toml",
            "write an answers file, fill it in, and walk with it",
        )],
    ),
    (
        "completions",
        &[
            (
                "loginhelp completions bash > ~/.local/share/bash-completion/completions/loginhelp",
                "install completion for bash",
            ),
            (
                "loginhelp completions zsh > ~/.zfunc/_loginhelp",
                "install completion for zsh (with ~/.zfunc in fpath)",
            ),
        ],
    ),
    (
        "man",
        &[
            ("loginhelp man | man -l -", "read this tool's page"),
            ("loginhelp man show | man -l -", "read the page of `show`"),
            (
                "loginhelp man --all /usr/local/share/man/man1",
                "install every page",
            ),
        ],
    ),
];

/// More than the one line of `--help`, for each command's DESCRIPTION.
const DESCRIPTIONS: &[(&str, &str)] = &[
    (
        "list",
        "Each service is listed by the id that loginhelp SERVICE takes, its name in the chosen language, a one-line summary and the aliases that also work. Guides from --services-dir are listed too (in JSON, origin names the file each came from).",
    ),
    (
        "show",
        "Prints every question, fix, escalation and ending of a guide, in the chosen language, with where each one leads: for reading a guide through, or (with --format markdown) for a help-desk wiki. With NODE, only that node. All platform-specific steps are shown.",
    ),
    (
        "validate",
        "Checks guide files as loginhelp loads them: the TOML syntax, the keys each kind of node takes, that every link leads to a node, that every node can be reached and can reach an end, both languages, phone numbers and URLs. Problems are reported with the file, line and column and a code (LH001 and so on, listed in docs/tree-format.md). The exit status is 4 when there is an error; warnings alone give 0.",
    ),
    (
        "graph",
        "Writes the guide's decision tree as a Mermaid flowchart or a Graphviz dot graph, with the labels in the chosen language.",
    ),
    (
        "search",
        "Looks through every guide for the causes and fixes that match the words, in Japanese or English, and lists them best first, each with the command that starts the guide at that node.",
    ),
    (
        "answers",
        "Prints a TOML file with every question of the guide and its options, to be filled in and given to loginhelp SERVICE --answers FILE.",
    ),
    (
        "completions",
        "Prints the completion script for the shell on stdout; the services and aliases known when it was generated are in it.",
    ),
    (
        "man",
        "Prints the tool's man page, or with COMMAND that command's page (loginhelp-COMMAND), in roff on stdout. With --all DIR, writes every page into DIR (made if missing; pages there are replaced) and prints the files written.",
    ),
];

/// Variables read that are not an option's (those come from the options).
const OTHER_ENVIRONMENT: &[(&str, &str)] = &[
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "The language when neither --lang nor LOGINHELP_LANG is given: ja* gives Japanese, another named locale English; C, POSIX or unset gives Japanese, the language the guides were written in.",
    ),
    (
        "NO_COLOR",
        "When set to a non-empty value, no colour (as --color never), unless --color always.",
    ),
    (
        "LOGINHELP_TODAY",
        "The date (YYYY-MM-DD) the support message gives instead of today's, for documentation and tests.",
    ),
];

/// The tool with every command's arguments defined (they are deferred).
fn tool() -> clap::Command {
    // In the language of the help: --lang, LOGINHELP_LANG, the locale.
    let mut cmd = crate::cli::command(crate::i18n::message_lang()).disable_help_subcommand(true);
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
    let cmd = tool();
    std::iter::once("loginhelp".to_owned())
        .chain(
            cmd.get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(|s| format!("loginhelp-{}", s.get_name())),
        )
        .collect()
}

/// The page of the tool (`None`) or of one command, as roff.
pub fn page(command: Option<&str>) -> Result<String> {
    let tool = tool();
    let after_help = tool
        .get_after_help()
        .map(|h| h.to_string())
        .unwrap_or_default();
    let help = AfterHelp::parse(&after_help);
    let (cmd, examples): (clap::Command, Vec<(String, String)>) = match command {
        None => (tool.clone(), help.examples.clone()),
        Some(name) => {
            let Some(sub) = tool.find_subcommand(name).filter(|s| !s.is_hide_set()) else {
                let names: Vec<String> = tool
                    .get_subcommands()
                    .map(|s| s.get_name().to_owned())
                    .collect();
                let hint = crate::suggest::did_you_mean(name, names.iter().map(String::as_str));
                let mut message =
                    format!("there is no command `{}`", crate::text::neutralize(name));
                if let Some(hint) = &hint {
                    message.push_str(&format!("; {hint}"));
                }
                message.push_str(&format!("\ncommands: {}", names.join(", ")));
                return Err(Unknown::new("unknown_command", message, hint, names).into());
            };
            let examples = EXAMPLES
                .iter()
                .find(|(c, _)| *c == sub.get_name())
                .map(|(_, e)| {
                    e.iter()
                        .map(|(a, b)| (a.to_string(), b.to_string()))
                        .collect()
                })
                .unwrap_or_default();
            (sub.clone(), examples)
        }
    };
    let man = Man::new(cmd.clone().subcommand_help_heading("COMMANDS"))
        .date(PAGE_DATE)
        .source(format!("loginhelp {}", env!("CARGO_PKG_VERSION")))
        .manual("loginhelp manual");
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    let mut roff = Roff::new();
    let paragraphs: Vec<&str> = match command {
        None => help.other.iter().map(String::as_str).collect(),
        Some(name) => DESCRIPTIONS
            .iter()
            .filter(|(c, _)| *c == name)
            .map(|(_, d)| *d)
            .collect(),
    };
    for paragraph in paragraphs {
        roff.control("PP", []);
        roff.text([roman(paragraph)]);
    }
    out.extend(roff.render().into_bytes());
    man.render_options_section(&mut out)?;
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut out)?;
    }

    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in &help.exit_statuses {
        roff.control("TP", []);
        roff.text([bold(code.as_str())]);
        roff.text([roman(meaning.as_str())]);
    }

    roff.control("SH", ["ENVIRONMENT"]);
    let mut seen = Vec::new();
    for arg in cmd.get_arguments().chain(tool.get_arguments()) {
        let Some(env) = arg.get_env() else { continue };
        let env = env.to_string_lossy().into_owned();
        if seen.contains(&env) {
            continue;
        }
        roff.control("TP", []);
        roff.text([bold(env.as_str())]);
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        roff.text([
            roman(format!("As --{}: ", arg.get_long().unwrap_or_default())),
            roman(help),
        ]);
        seen.push(env);
    }
    for (names, meaning) in OTHER_ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*names)]);
        roff.text([roman(*meaning)]);
    }

    roff.control("SH", ["FILES"]);
    roff.control("TP", []);
    roff.text([italic("DIR"), roman("/*.toml")]);
    roff.text([roman(
        "Guides read with --services-dir DIR or LOGINHELP_SERVICES_DIR, one service each, in the format docs/tree-format.md describes; a file with a shipped service's id replaces that guide. The shipped guides are built into the binary.",
    )]);
    roff.control("TP", []);
    roff.text([italic("FILE")]);
    roff.text([roman(
        "An answers file for --answers FILE (see loginhelp answers SERVICE), and the file --report FILE writes, never over an existing one.",
    )]);

    roff.control("SH", ["EXAMPLES"]);
    for (line, what) in &examples {
        roff.control("TP", []);
        roff.text([bold(line.as_str())]);
        roff.text([roman(what.as_str())]);
    }

    roff.control("SH", ["SEE ALSO"]);
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
    Ok(once_preamble(&String::from_utf8(out)?))
}

/// Each part rendered on its own starts with the same two-line preamble
/// (the apostrophe string); a page needs it once, at the top.
fn once_preamble(page: &str) -> String {
    const PREAMBLE: [&str; 2] = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];
    let mut out = String::with_capacity(page.len());
    let mut lines = page.lines().peekable();
    let mut seen = false;
    while let Some(line) = lines.next() {
        if line == PREAMBLE[0] && lines.peek() == Some(&PREAMBLE[1]) {
            lines.next();
            if seen {
                continue;
            }
            seen = true;
            out.push_str(PREAMBLE[0]);
            out.push('\n');
            out.push_str(PREAMBLE[1]);
            out.push('\n');
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `loginhelp man [COMMAND]` prints one page; `--all DIR` writes them all.
pub fn man(_ctx: &Context, command: Option<&str>, all: Option<&Path>) -> Result<Exit> {
    let Some(dir) = all else {
        emit(&page(command)?)?;
        return Ok(Exit::Success);
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        anyhow::anyhow!(
            "cannot create the directory {}: {e}",
            crate::text::display_path(dir)
        )
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

/// The after-text of `--help`, sorted by what each block holds (not by its
/// heading, so that it works in either language): lines of examples
/// (`loginhelp …` then what it does), exit statuses (a number, then what it
/// means), and the other paragraphs.
#[derive(Debug, Default)]
struct AfterHelp {
    examples: Vec<(String, String)>,
    exit_statuses: Vec<(String, String)>,
    other: Vec<String>,
}

impl AfterHelp {
    fn parse(text: &str) -> AfterHelp {
        let mut parsed = AfterHelp::default();
        for block in text.split("\n\n") {
            let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
            let Some(first) = lines.first() else { continue };
            let items: Vec<&str> = lines
                .iter()
                .copied()
                .filter(|l| l.starts_with(' '))
                .collect();
            let is_heading_only = !first.starts_with(' ') && first.trim_end().ends_with(':');
            if !is_heading_only || items.is_empty() {
                let joined: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
                parsed.other.push(joined.join(" "));
                continue;
            }
            let indent = items
                .iter()
                .map(|l| l.len() - l.trim_start().len())
                .min()
                .unwrap_or(0);
            let mut entries: Vec<(String, String)> = Vec::new();
            for line in items {
                let depth = line.len() - line.trim_start().len();
                let line = line.trim();
                match entries.last_mut() {
                    Some((_, what)) if depth > indent => {
                        if !what.is_empty() {
                            what.push(' ');
                        }
                        what.push_str(line);
                    }
                    _ => {
                        let (head, what) = match line.find("  ") {
                            Some(at) => (&line[..at], line[at..].trim()),
                            None => (line, ""),
                        };
                        entries.push((head.to_owned(), what.to_owned()));
                    }
                }
            }
            if entries.iter().all(|(h, _)| h.starts_with("loginhelp")) {
                parsed.examples.extend(entries);
            } else if entries
                .iter()
                .all(|(h, _)| h.starts_with(|c: char| c.is_ascii_digit()))
            {
                parsed.exit_statuses.extend(entries);
            } else {
                parsed
                    .other
                    .push(lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "));
            }
        }
        parsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_help_blocks_are_sorted_by_what_they_hold() {
        let parsed = AfterHelp::parse(
            "Beispiele:\n  loginhelp list     the services\n  loginhelp amazon --no-input --format json\n                     the first question\n\nLanguage: a\nsentence.\n\nExit:\n  0    done\n  130  cancelled\n       by you",
        );
        assert_eq!(
            parsed.examples,
            [
                ("loginhelp list".to_owned(), "the services".to_owned()),
                (
                    "loginhelp amazon --no-input --format json".to_owned(),
                    "the first question".to_owned()
                )
            ]
        );
        assert_eq!(
            parsed.exit_statuses,
            [
                ("0".to_owned(), "done".to_owned()),
                ("130".to_owned(), "cancelled by you".to_owned())
            ]
        );
        assert_eq!(parsed.other, ["Language: a sentence."]);
    }
}
