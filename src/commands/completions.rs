//! Shell completion, dynamic: `loginhelp completions SHELL` prints a short
//! script that registers loginhelp with the shell; at each Tab the shell
//! runs `COMPLETE=SHELL loginhelp -- WORDS…` and clap_complete's engine
//! answers from the real command line (`complete_from_env`). Services and
//! aliases, node ids and `QUESTION=OPTION` come from the guides the typed
//! words load, `--services-dir` included. (The static scripts clap_complete
//! generates could not tell the optional SERVICE from the subcommands, and
//! were frozen at generation time.)

use anyhow::{Context as _, Result};

use crate::context::Context;

/// The registration script for `shell`.
pub fn completions(_ctx: &Context, shell: crate::cli::Shell) -> Result<String> {
    let name = match shell {
        crate::cli::Shell::Bash => "bash",
        crate::cli::Shell::Zsh => "zsh",
        crate::cli::Shell::Fish => "fish",
        crate::cli::Shell::Powershell => "powershell",
        crate::cli::Shell::Elvish => "elvish",
    };
    let shells = clap_complete::env::Shells::builtins();
    let completer = shells
        .completer(name)
        .with_context(|| format!("no completion support for {name}"))?;
    // The program as it was started: a bare name is found on PATH again,
    // a path is made absolute so the script works from any directory.
    let program = std::env::args_os()
        .next()
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "loginhelp".into());
    let program = if program.components().count() > 1 {
        std::env::current_dir()
            .map(|dir| dir.join(&program))
            .unwrap_or(program)
    } else {
        program
    };
    let mut buf = Vec::new();
    completer.write_registration(
        "COMPLETE",
        "loginhelp",
        "loginhelp",
        &program.to_string_lossy(),
        &mut buf,
    )?;
    String::from_utf8(buf).context("the completion script is not UTF-8")
}

/// Dynamic completion: when the shell calls `COMPLETE=<shell> loginhelp --
/// WORDS…`, answer with the candidates and say so (`true`). clap's own
/// parser decides what is being completed, so a service positional beside
/// the subcommands is no longer ambiguous; the values come from the guides
/// that are loaded for the words typed (`--services-dir` included).
pub fn complete_from_env() -> bool {
    if std::env::var_os("COMPLETE").is_none_or(|v| v.is_empty() || v == "0") {
        return false;
    }
    let words = typed_words();
    let lang = crate::cli::Early::scan(&words, |k| std::env::var(k).ok()).lang;
    let current_dir = std::env::current_dir().ok();
    // A failure to complete must not start a walk: it completes nothing.
    clap_complete::CompleteEnv::with_factory(move || completing_command(lang))
        .try_complete(std::env::args_os(), current_dir.as_deref())
        .unwrap_or(true)
}

/// The words the shell is completing (after `--`), with the program name
/// first, as `Early::scan` expects them.
fn typed_words() -> Vec<std::ffi::OsString> {
    let args: Vec<_> = std::env::args_os().collect();
    match args.iter().position(|a| a == "--") {
        Some(at) => args[at + 1..].to_vec(),
        None => Vec::new(),
    }
}

/// The command line in `lang` with completers on the values clap cannot
/// know: services and aliases, node ids and `QUESTION=OPTION`.
pub fn completing_command(lang: crate::i18n::Lang) -> clap::Command {
    use clap_complete::engine::ArgValueCompleter;
    let mut cmd = crate::cli::command(lang);
    cmd.build();
    let service = ArgValueCompleter::new(move |current: &std::ffi::OsStr| services(current, lang));
    let node = ArgValueCompleter::new(nodes);
    let answer = ArgValueCompleter::new(move |current: &std::ffi::OsStr| answers(current, lang));
    // `mut_args` keeps the arguments in place (the command is built).
    let attach = move |arg: clap::Arg| match arg.get_id().as_str() {
        "service" => arg.add(service.clone()),
        "start" | "node" => arg.add(node.clone()),
        "answers" => arg.add(answer.clone()),
        _ => arg,
    };
    cmd.mut_args(attach.clone())
        .mut_subcommands(move |sub| sub.mut_args(attach.clone()))
}

/// The guides the words typed so far would load.
fn typed_registry() -> Option<crate::registry::Registry> {
    let words = typed_words();
    let dir = crate::cli::flag_value(&words, "--services-dir")
        .or_else(|| std::env::var("LOGINHELP_SERVICES_DIR").ok())
        .filter(|d| !d.is_empty())
        .map(std::path::PathBuf::from);
    crate::registry::Registry::load(dir.as_deref()).ok()
}

/// The service the words typed so far name: the word after `show`,
/// `graph` or `answers`, else the first word that is not an option or an
/// option's value.
fn typed_service() -> Option<crate::tree::Service> {
    let words = typed_words();
    let takes_value = [
        "-a",
        "--answer",
        "--answers",
        "--start",
        "--format",
        "--report",
        "--lang",
        "--services-dir",
        "--color",
    ];
    let mut positionals = Vec::new();
    let mut words = words.iter().skip(1).filter_map(|w| w.to_str());
    while let Some(word) = words.next() {
        if takes_value.contains(&word) {
            words.next();
        } else if !word.starts_with('-') {
            positionals.push(word);
        }
    }
    let name = match positionals.as_slice() {
        ["show" | "graph" | "answers", name, ..] => *name,
        [name, ..] => *name,
        [] => return None,
    };
    typed_registry()?.resolve(name).ok()?.load().ok()
}

fn candidate(value: &str, help: Option<&str>) -> clap_complete::CompletionCandidate {
    clap_complete::CompletionCandidate::new(value)
        .help(help.map(|h| crate::text::neutralize(h).into()))
}

/// Does `value` complete what was typed? Case, width and kana are folded,
/// as the service resolver folds them (`Ama`, `ｲﾝ`, `いん` find theirs).
fn completes(value: &str, current: &str) -> bool {
    crate::text::fold(value).starts_with(&crate::text::fold(current))
}

fn services(
    current: &std::ffi::OsStr,
    lang: crate::i18n::Lang,
) -> Vec<clap_complete::CompletionCandidate> {
    let current = current.to_string_lossy();
    let Some(registry) = typed_registry() else {
        return Vec::new();
    };
    registry
        .entries
        .iter()
        .flat_map(|e| {
            let name = e.name.get(lang).to_owned();
            std::iter::once(e.id.clone())
                .chain(e.aliases.iter().cloned())
                .map(move |v| (v, name.clone()))
        })
        .filter(|(value, _)| completes(value, &current))
        .map(|(value, name)| candidate(&value, Some(&name)))
        .collect()
}

fn nodes(current: &std::ffi::OsStr) -> Vec<clap_complete::CompletionCandidate> {
    let current = current.to_string_lossy();
    let Some(service) = typed_service() else {
        return Vec::new();
    };
    service
        .nodes
        .iter()
        .filter(|n| n.id.starts_with(&*current))
        .map(|n| candidate(&n.id, None))
        .collect()
}

/// `QUESTION=` for each question, then `QUESTION=OPTION` once the question
/// is typed, each with its text as the description.
fn answers(
    current: &std::ffi::OsStr,
    lang: crate::i18n::Lang,
) -> Vec<clap_complete::CompletionCandidate> {
    let current = current.to_string_lossy();
    let Some(service) = typed_service() else {
        return Vec::new();
    };
    match current.split_once('=') {
        None => service
            .question_ids()
            .filter(|q| q.starts_with(&*current))
            .map(|q| candidate(&format!("{q}="), None))
            .collect(),
        Some((question, option)) => {
            let Some(index) = service.find(question) else {
                return Vec::new();
            };
            crate::engine::offers(&service, index)
                .into_iter()
                .filter(|o| o.id.starts_with(option))
                .map(|o| candidate(&format!("{question}={}", o.id), Some(o.label.get(lang))))
                .collect()
        }
    }
}
