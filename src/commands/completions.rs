//! `loginhelp completions SHELL`: clap_complete's script, with the service
//! names added where the generator leaves positionals out (fish,
//! PowerShell, elvish).

use anyhow::{Context as _, Result};
use clap::CommandFactory as _;

use crate::context::Context;

/// A completion script; the service argument completes the known ids and
/// aliases.
pub fn completions(ctx: &Context, shell: crate::cli::Shell) -> Result<String> {
    use clap_complete::Shell as S;
    let registry = ctx.registry()?;
    let names: Vec<String> = registry
        .entries
        .iter()
        .flat_map(|e| std::iter::once(e.id.clone()).chain(e.aliases.iter().cloned()))
        .collect();
    let values: Vec<clap::builder::PossibleValue> = names
        .iter()
        .map(|n| clap::builder::PossibleValue::new(n.clone()))
        .collect();
    let service_parser = clap::builder::PossibleValuesParser::new(values);
    // Built first: the commands' own arguments are defined when built.
    let mut cmd = crate::Cli::command();
    cmd.build();
    let mut cmd = cmd.mut_arg("service", |a| a.value_parser(service_parser.clone()));
    for sub in ["show", "graph", "answers"] {
        cmd = cmd.mut_subcommand(sub, |s| {
            s.mut_arg("service", |a| a.value_parser(service_parser.clone()))
        });
    }
    let shell = match shell {
        crate::cli::Shell::Bash => S::Bash,
        crate::cli::Shell::Zsh => S::Zsh,
        crate::cli::Shell::Fish => S::Fish,
        crate::cli::Shell::Powershell => S::PowerShell,
        crate::cli::Shell::Elvish => S::Elvish,
    };
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "loginhelp", &mut buf);
    let script = String::from_utf8(buf).context("the completion script is not UTF-8")?;
    // bash and zsh complete the service names from the possible values set
    // above; the fish, PowerShell and elvish generators only complete flags
    // and subcommands, so the names are added to their scripts here.
    let described: Vec<(String, String)> = registry
        .entries
        .iter()
        .flat_map(|e| {
            let name = e.name.get(ctx.lang).to_owned();
            std::iter::once((e.id.clone(), name.clone()))
                .chain(e.aliases.iter().map(move |a| (a.clone(), name.clone())))
        })
        .collect();
    let quote = |s: &str| s.replace('\'', "''");
    Ok(match shell {
        S::Fish => {
            let mut script = script;
            let fish = |s: &str| s.replace('\\', "\\\\").replace('\'', "\\'");
            for condition in [
                "__fish_loginhelp_needs_command".to_owned(),
                "__fish_loginhelp_using_subcommand show".to_owned(),
                "__fish_loginhelp_using_subcommand graph".to_owned(),
                "__fish_loginhelp_using_subcommand answers".to_owned(),
            ] {
                for (value, name) in &described {
                    script.push_str(&format!(
                        "complete -c loginhelp -n \"{condition}\" -f -a '{}' -d '{}'\n",
                        fish(value),
                        fish(name)
                    ));
                }
            }
            script
        }
        S::PowerShell => insert_after_blocks(&script, "'loginhelp{}' {", |_| {
            described
                .iter()
                .map(|(v, n)| {
                    format!(
                        "            [CompletionResult]::new('{}', '{}', [CompletionResultType]::ParameterValue, '{}')\n",
                        quote(v),
                        quote(v),
                        quote(n)
                    )
                })
                .collect()
        }),
        S::Elvish => insert_after_blocks(&script, "&'loginhelp{}'= {", |_| {
            described
                .iter()
                .map(|(v, n)| format!("            cand '{}' '{}'\n", quote(v), quote(n)))
                .collect()
        }),
        _ => script,
    })
}

/// Insert `lines` after the line opening the completion block of the top
/// level and of each subcommand that takes a service.
fn insert_after_blocks(script: &str, pattern: &str, lines: impl Fn(&str) -> String) -> String {
    let openers: Vec<String> = ["", ";show", ";graph", ";answers"]
        .iter()
        .map(|path| pattern.replace("{}", path))
        .collect();
    let mut out = String::with_capacity(script.len() + 4096);
    for line in script.split_inclusive('\n') {
        out.push_str(line);
        if openers.iter().any(|o| line.trim() == o.as_str()) {
            out.push_str(&lines(line));
        }
    }
    out
}
