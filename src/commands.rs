//! What each command does: the walk (wizard or scripted), `list`, `show`,
//! `validate`, `graph`, `search`, `answers`, `completions` and `man`. Output
//! goes through `emit`, so a closed pipe surfaces as an error `main` treats
//! as a quiet success.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::CommandFactory as _;
use serde::Serialize;

use crate::cli::{
    ColorWhen, Command, GraphFormat, ListFormat, ShowFormat, ValidateFormat, WalkArgs, WalkFormat,
};
use crate::diagnostic::{self, Code, Diagnostic, Located, Severity};
use crate::engine::{Status, Walk};
use crate::error::{Exit, UsageError};
use crate::i18n::Lang;
use crate::registry::{read_tree_file, tree_files_in, Registry};
use crate::render::Painter;
use crate::text::fold;
use crate::text::neutralize;
use crate::tree::{check_source, Service};
use crate::{scripted, terminal, view};

/// Settings shared by every command.
#[derive(Debug, Clone)]
pub struct Context {
    pub lang: Lang,
    pub services_dir: Option<PathBuf>,
    pub color: ColorWhen,
}

impl Context {
    pub fn registry(&self) -> Result<Registry> {
        Registry::load(self.services_dir.as_deref())
    }

    /// Styling for stdout.
    pub fn painter(&self) -> Painter {
        Painter::new(terminal::use_color(
            self.color,
            terminal::stdout_is_terminal(),
        ))
    }

    /// Find a service and load its tree.
    pub fn service(&self, name: &str) -> Result<Service> {
        self.registry()?.resolve(name)?.load()
    }
}

/// Write to stdout; errors (a closed pipe among them) go to the caller.
pub fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn emit_json<T: Serialize>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    emit(&text)
}

pub fn run(ctx: &Context, command: Command) -> Result<Exit> {
    match command {
        Command::List { format } => list(ctx, format),
        Command::Show {
            service,
            node,
            format,
        } => show(ctx, &service, node.as_deref(), format),
        Command::Validate { paths, format } => validate(ctx, &paths, format),
        Command::Graph { service, format } => {
            let service = ctx.service(&service)?;
            let text = match format {
                GraphFormat::Mermaid => crate::graph::mermaid(&service, ctx.lang),
                GraphFormat::Dot => crate::graph::dot(&service, ctx.lang),
            };
            emit(&text)?;
            Ok(Exit::Success)
        }
        Command::Search { words, format } => {
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
                ListFormat::Json => emit_json(&hits)?,
                ListFormat::Text => emit(&crate::search::hits_text(&hits, &query, ctx.lang))?,
            }
            Ok(Exit::Success)
        }
        Command::Answers { service } => {
            let service = ctx.service(&service)?;
            emit(&answers_template(&service, ctx.lang))?;
            Ok(Exit::Success)
        }
        Command::Completions { shell } => {
            emit(&completions(ctx, shell)?)?;
            Ok(Exit::Success)
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(crate::Cli::command()).render(&mut buf)?;
            emit(&String::from_utf8_lossy(&buf))?;
            Ok(Exit::Success)
        }
    }
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

// ---------------------------------------------------------------- walk

/// `loginhelp [SERVICE] [--answer ..]`: the wizard on a terminal, scripted
/// mode everywhere else.
pub fn walk(ctx: &Context, args: &WalkArgs) -> Result<Exit> {
    let interactive = args.format == WalkFormat::Text && terminal::can_prompt(args.no_input);
    if interactive {
        return crate::wizard::run(ctx, args);
    }
    let registry = ctx.registry()?;
    let Some(name) = &args.service else {
        let ids: Vec<&str> = registry.entries.iter().map(|e| e.id.as_str()).collect();
        return Err(UsageError(format!(
            "name a service to get help with: loginhelp <SERVICE>\nservices: {}\n(no terminal to ask on: stdin and stderr must both be terminals for the wizard)",
            ids.join(", ")
        ))
        .into());
    };
    let service = registry.resolve(name)?.load()?;
    let walk = start_walk(&service, args)?;
    let today = crate::report::today();
    let view = view::walk_view(&walk, ctx.lang, &today);
    match args.format {
        WalkFormat::Json => emit_json(&view)?,
        WalkFormat::Text => emit(&crate::render::walk_text(
            &view,
            &ctx.painter(),
            terminal::output_width(),
        ))?,
    }
    if let (Some(path), Some(message)) = (&args.report, &view.support_message) {
        crate::report::write_atomically(path, message.as_bytes(), false)?;
        eprintln!(
            "loginhelp: {} {}",
            crate::i18n::words(ctx.lang).saved_to,
            path.display()
        );
    }
    Ok(match view.status {
        Status::NeedsAnswer => {
            if let Some(q) = &view.question {
                let options: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
                eprintln!(
                    "loginhelp: stopped at question `{}`: pass --answer {}=<option> (options: {})",
                    q.id,
                    q.id,
                    options.join(", ")
                );
            }
            Exit::NeedsAnswer
        }
        _ => Exit::Success,
    })
}

/// A walk at `--start` (or the first question), taken as far as the given
/// answers reach: what both the wizard and scripted mode begin with.
pub fn start_walk<'s>(service: &'s Service, args: &WalkArgs) -> Result<Walk<'s>> {
    let answers = gather_answers(service, args)?;
    let mut walk = new_walk(service, args)?;
    scripted::drive(&mut walk, &answers)?;
    Ok(walk)
}

/// The answers for a walk: the answers file first, then `--answer` flags.
fn gather_answers(service: &Service, args: &WalkArgs) -> Result<scripted::Answers> {
    let mut given = Vec::new();
    if let Some(file) = &args.answers_file {
        given.extend(scripted::read_answers_file(file)?);
    }
    given.extend(scripted::parse_answer_flags(&args.answers)?);
    scripted::check_answers(service, &given)
}

fn new_walk<'s>(service: &'s Service, args: &WalkArgs) -> Result<Walk<'s>> {
    Ok(match &args.start {
        Some(node) => Walk::starting_at(service, scripted::start_node(service, node)?),
        None => Walk::new(service),
    })
}

// ---------------------------------------------------------------- list

#[derive(Serialize)]
struct ListedService<'a> {
    id: &'a str,
    name: &'a str,
    summary: &'a str,
    aliases: &'a [String],
    origin: String,
}

fn list(ctx: &Context, format: ListFormat) -> Result<Exit> {
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
            emit_json(&listed)?;
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
            let aliases_word = match lang {
                Lang::Ja => "別名",
                Lang::En => "aliases",
            };
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

// ---------------------------------------------------------------- show

fn show(ctx: &Context, name: &str, node: Option<&str>, format: ShowFormat) -> Result<Exit> {
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
                Some(i) => crate::render::node_entry_text(&service, i, lang, &p, width),
                None => crate::render::guide_text(&service, lang, &p, width),
            };
            emit(&text)?;
        }
        ShowFormat::Markdown => emit(&crate::render::guide_markdown(&service, index, lang))?,
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
                Some(i) => emit_json(&shown(i))?,
                None => emit_json(&Guide {
                    id: &service.id,
                    name: service.name.get(lang),
                    summary: service.summary.get(lang),
                    aliases: &service.aliases,
                    reviewed: &service.reviewed,
                    start: &service.node(service.start).id,
                    links: &service.links,
                    sources: &service.sources,
                    nodes: (0..service.nodes.len()).map(shown).collect(),
                })?,
            }
        }
    }
    Ok(Exit::Success)
}

// ---------------------------------------------------------------- validate

/// One checked file: its name, its text and what was found.
pub struct CheckedFile {
    pub name: String,
    pub src: String,
    pub service_id: Option<String>,
    pub id_span: Option<std::ops::Range<usize>>,
    pub aliases: Vec<(String, std::ops::Range<usize>)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Check one file's text, keeping what the cross-file checks need.
pub fn check_text(name: String, src: String) -> CheckedFile {
    let checked = check_source(&src);
    CheckedFile {
        name: neutralize(&name),
        service_id: checked.id.as_ref().map(|i| i.get_ref().clone()),
        id_span: checked.id.as_ref().map(|i| i.span()),
        aliases: checked
            .aliases
            .iter()
            .map(|a| (a.get_ref().clone(), a.span()))
            .collect(),
        diagnostics: checked.diagnostics,
        src,
    }
}

/// Read a file for validation: size and encoding problems become
/// diagnostics of that file rather than errors of the command.
fn check_path(path: &Path) -> Result<CheckedFile> {
    let name = path.display().to_string();
    match read_tree_file(path) {
        Ok(src) => Ok(check_text(name, src)),
        Err(err) => {
            let Some(unreadable) = err.downcast_ref::<crate::registry::UnreadableTree>() else {
                return Err(err);
            };
            let (src, d) = match &unreadable.problem {
                crate::registry::Unreadable::NotUtf8 { valid, at } => (
                    valid.clone(),
                    Diagnostic::new(Code::Syntax, Some(*at..*at), "the file is not valid UTF-8")
                        .hint("save it as UTF-8"),
                ),
                crate::registry::Unreadable::TooLarge(len) => (
                    String::new(),
                    Diagnostic::new(
                        Code::TooLarge,
                        None,
                        format!(
                            "the file is {len} bytes; the limit is {} bytes",
                            crate::tree::check::MAX_FILE_BYTES
                        ),
                    ),
                ),
            };
            Ok(CheckedFile {
                name: unreadable.path.clone(),
                src,
                service_id: None,
                id_span: None,
                aliases: Vec::new(),
                diagnostics: vec![d],
            })
        }
    }
}

/// Service ids and aliases must be unique across the checked files.
fn cross_file_checks(files: &mut [CheckedFile]) {
    let mut owners: HashMap<String, (usize, String)> = HashMap::new();
    for i in 0..files.len() {
        let Some(id) = files[i].service_id.clone() else {
            continue;
        };
        let mut names = vec![(id.clone(), None)];
        names.extend(
            files[i]
                .aliases
                .iter()
                .map(|(a, s)| (a.clone(), Some(s.clone()))),
        );
        for (name, span) in names {
            let key = fold(&name);
            match owners.get(&key) {
                Some((other, other_id)) if *other != i => {
                    let other_name = files[*other].name.clone();
                    let span = span.or_else(|| files[i].id_span.clone());
                    files[i].diagnostics.push(
                        Diagnostic::new(
                            Code::DuplicateId,
                            span,
                            format!(
                                "`{}` is already the id or an alias of `{other_id}` ({other_name})",
                                neutralize(&name)
                            ),
                        )
                        .hint("service ids and aliases must be unique across all guides"),
                    );
                }
                Some(_) => {}
                None => {
                    owners.insert(key, (i, id.clone()));
                }
            }
        }
    }
}

#[derive(Serialize)]
struct ValidateReport {
    files: Vec<FileSummary>,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<Located>,
}

#[derive(Serialize)]
struct FileSummary {
    file: String,
    service: Option<String>,
    errors: usize,
    warnings: usize,
}

fn validate(ctx: &Context, paths: &[PathBuf], format: ValidateFormat) -> Result<Exit> {
    let mut files = Vec::new();
    if paths.is_empty() {
        let registry = ctx.registry()?;
        for entry in &registry.entries {
            match &entry.origin {
                crate::registry::Origin::Embedded { file, source, .. } => {
                    files.push(check_text(format!("services/{file}"), (*source).to_owned()))
                }
                crate::registry::Origin::File(path) => files.push(check_path(path)?),
            }
        }
    } else {
        for path in paths {
            if path.is_dir() {
                let found = tree_files_in(path)?;
                if found.is_empty() {
                    return Err(
                        UsageError(format!("{} holds no .toml files", path.display())).into(),
                    );
                }
                for file in found {
                    files.push(check_path(&file)?);
                }
            } else if path.exists() {
                files.push(check_path(path)?);
            } else {
                return Err(
                    UsageError(format!("{}: no such file or directory", path.display())).into(),
                );
            }
        }
    }
    cross_file_checks(&mut files);

    let count =
        |f: &CheckedFile, s: Severity| f.diagnostics.iter().filter(|d| d.severity() == s).count();
    let errors: usize = files.iter().map(|f| count(f, Severity::Error)).sum();
    let warnings: usize = files.iter().map(|f| count(f, Severity::Warning)).sum();
    match format {
        ValidateFormat::Json => {
            let report = ValidateReport {
                files: files
                    .iter()
                    .map(|f| FileSummary {
                        file: f.name.clone(),
                        service: f.service_id.clone(),
                        errors: count(f, Severity::Error),
                        warnings: count(f, Severity::Warning),
                    })
                    .collect(),
                errors,
                warnings,
                diagnostics: files
                    .iter()
                    .flat_map(|f| {
                        f.diagnostics
                            .iter()
                            .map(|d| Located::new(&f.name, &f.src, d))
                    })
                    .collect(),
            };
            emit_json(&report)?;
        }
        ValidateFormat::Text => {
            let mut out = String::new();
            for f in &files {
                for d in &f.diagnostics {
                    out.push_str(&diagnostic::render(&f.name, &f.src, d));
                    out.push('\n');
                }
            }
            let plural =
                |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            out.push_str(&format!(
                "checked {}: {}, {}\n",
                plural(files.len(), "file"),
                plural(errors, "error"),
                plural(warnings, "warning")
            ));
            emit(&out)?;
        }
    }
    Ok(if errors > 0 {
        Exit::InvalidTree
    } else {
        Exit::Success
    })
}

// ---------------------------------------------------------------- answers

/// An answer-file template: every question with its options as comments.
pub fn answers_template(service: &Service, lang: Lang) -> String {
    let mut out = String::new();
    let (head, note) = match lang {
        Lang::Ja => (
            format!("# {} の回答ファイル", service.name.get(lang)),
            "# 使い方: 行頭の # を外して回答を選び、`loginhelp {id} --answers このファイル` で実行します。\n# 答えていない質問で止まります。",
        ),
        Lang::En => (
            format!("# Answer file for {}", service.name.get(lang)),
            "# Uncomment one answer per question, then run `loginhelp {id} --answers THIS_FILE`.\n# The walk stops at the first question left unanswered.",
        ),
    };
    out.push_str(&head);
    out.push('\n');
    out.push_str(&note.replace("{id}", &service.id));
    out.push_str(&format!("\n\nservice = \"{}\"\n\n[answers]\n", service.id));
    for (i, node) in service.nodes.iter().enumerate() {
        if !node.asks() {
            continue;
        }
        let q = crate::engine::question_text(service, i);
        let heading = match &node.body {
            crate::tree::Body::Question { .. } => q.get(lang).to_owned(),
            _ => format!("{} — {}", node.heading().get(lang), q.get(lang)),
        };
        out.push_str(&format!("\n# {}\n", heading.replace('\n', " ")));
        for o in crate::engine::offers(service, i) {
            out.push_str(&format!("#   {:<16} {}\n", o.id, o.label.get(lang)));
        }
        out.push_str(&format!("# {} = \"\"\n", node.id));
    }
    out
}

// ---------------------------------------------------------------- completions

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
