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

use crate::context::Context;
use crate::error::{Exit, Unknown};
use crate::i18n::Lang;
use crate::output::emit::{emit, write_atomically};

/// The date in every page's title line: when these pages last changed in
/// substance (it goes with the version, so that builds are reproducible).
const PAGE_DATE: &str = "2026-12-01";

/// An example: the command line, what it does in English, in Japanese.
type Example = (&'static str, &'static str, &'static str);

/// Examples per command; the top page's come from `--help`. Each command
/// has at least one.
const EXAMPLES: &[(&str, &[Example])] = &[
    (
        "list",
        &[
            (
                "loginhelp list",
                "the services, with their aliases",
                "サービスとその別名の一覧",
            ),
            (
                "loginhelp list --format json",
                "the same for a script (docs/list.schema.json)",
                "同じ一覧をスクリプト向けに(docs/list.schema.json)",
            ),
        ],
    ),
    (
        "show",
        &[
            (
                "loginhelp show amazon",
                "the whole Amazon guide as text",
                "Amazon のガイド全体をテキストで",
            ),
            (
                "loginhelp show amazon reset-password",
                "one node of it",
                "その中の一つのノードだけ",
            ),
            (
                "loginhelp show line --format markdown > line.md",
                "the guide as Markdown for a help-desk wiki",
                "ガイドをヘルプデスクの wiki 向けに Markdown で",
            ),
        ],
    ),
    (
        "validate",
        &[
            (
                "loginhelp validate",
                "check the shipped guides",
                "同梱のガイドを検査する",
            ),
            (
                "loginhelp validate my-guides/ --format json",
                "check your own guide files, with the result as JSON",
                "自分のガイドファイルを検査し、結果を JSON で出力する",
            ),
        ],
    ),
    (
        "graph",
        &[(
            "loginhelp graph amazon --format dot | dot -Tpng -o amazon.png",
            "draw the Amazon guide with Graphviz",
            "Amazon のガイドを Graphviz で図にする",
        )],
    ),
    (
        "search",
        &[
            (
                "loginhelp search パスワード 忘れた",
                "the causes and fixes for a forgotten password",
                "パスワードを忘れたときの原因と対処",
            ),
            (
                "loginhelp search hacked --lang en --format json",
                "the same in English, as JSON",
                "同じことを英語で、JSON で",
            ),
        ],
    ),
    (
        "answers",
        &[(
            "loginhelp answers amazon > a.toml; loginhelp amazon --answers a.toml",
            "write an answers file, fill it in, and walk with it",
            "回答ファイルを書き出し、記入して、それを使って進む",
        )],
    ),
    (
        "completions",
        &[
            (
                "loginhelp completions bash > ~/.local/share/bash-completion/completions/loginhelp",
                "install completion for bash",
                "bash の補完を入れる",
            ),
            (
                "loginhelp completions zsh > ~/.zfunc/_loginhelp",
                "install completion for zsh (with ~/.zfunc in fpath)",
                "zsh の補完を入れる(~/.zfunc が fpath にあるとき)",
            ),
        ],
    ),
    (
        "man",
        &[
            (
                "loginhelp man | man -l -",
                "read this tool's page",
                "このツールのページを読む",
            ),
            (
                "loginhelp man show | man -l -",
                "read the page of `show`",
                "`show` のページを読む",
            ),
            (
                "loginhelp man --all /usr/local/share/man/man1",
                "install every page",
                "すべてのページをインストールする",
            ),
        ],
    ),
];

/// More than the one line of `--help`, for each command's DESCRIPTION, in
/// English and in Japanese.
const DESCRIPTIONS: &[(&str, &str, &str)] = &[
    (
        "list",
        "Each service is listed by the id that loginhelp SERVICE takes, its name in the chosen language, a one-line summary and the aliases that also work. Guides from --services-dir are listed too (in JSON, origin names the file each came from).",
        "各サービスを、loginhelp SERVICE に渡す ID、選んだ言語での名前、一行の要約、同じく使える別名とともに一覧にする。--services-dir のガイドも一覧に入る(JSON では、それぞれを読んだファイルを origin が示す)。",
    ),
    (
        "show",
        "Prints every question, fix, escalation and ending of a guide, in the chosen language, with where each one leads: for reading a guide through, or (with --format markdown) for a help-desk wiki. With NODE, only that node. All platform-specific steps are shown.",
        "ガイドの質問、対処、窓口への相談、終わりのすべてを、選んだ言語で、それぞれの行き先とともに出力する。ガイドを通して読むため、または(--format markdown で)ヘルプデスクの wiki に載せるため。NODE を指定すると、そのノードだけ。プラットフォームごとの手順もすべて表示する。",
    ),
    (
        "validate",
        "Checks guide files as loginhelp loads them: the TOML syntax, the keys each kind of node takes, that every link leads to a node, that every node can be reached and can reach an end, both languages, phone numbers and URLs. Problems are reported with the file, line and column and a code (LH001 and so on, listed in docs/tree-format.md). The exit status is 4 when there is an error; warnings alone give 0.",
        "ガイドファイルを、loginhelp が読み込むとおりに検査する: TOML の構文、ノードの種類ごとに使えるキー、どのリンクの先にもノードがあること、どのノードにもたどり着けて、そこから終わりまで行けること、両方の言語、電話番号と URL。問題は、ファイル、行、列とコード(LH001 など。一覧は docs/tree-format.md にある)をつけて報告する。エラーがあれば終了ステータスは 4、警告だけなら 0。",
    ),
    (
        "graph",
        "Writes the guide's decision tree as a Mermaid flowchart or a Graphviz dot graph, with the labels in the chosen language.",
        "ガイドの決定木を、Mermaid のフローチャートか Graphviz の dot のグラフとして、選んだ言語のラベルで書き出す。",
    ),
    (
        "search",
        "Looks through every guide for the causes and fixes that match the words, in Japanese or English, and lists them best first, each with the command that starts the guide at that node.",
        "すべてのガイドから、言葉(日本語か英語)に合う原因と対処を探し、よく合うものから順に、そのノードからガイドを始めるコマンドとともに一覧にする。",
    ),
    (
        "answers",
        "Prints a TOML file with every question of the guide and its options, to be filled in and given to loginhelp SERVICE --answers FILE.",
        "ガイドのすべての質問とその選択肢を書いた TOML ファイルを出力する。記入して、loginhelp SERVICE --answers FILE に渡す。",
    ),
    (
        "completions",
        "Prints, on stdout, the script that registers loginhelp's completion with the shell. At each Tab the shell asks loginhelp itself, so the services, aliases, node ids and answers offered are those of the guides the words typed load (--services-dir included).",
        "シェルに loginhelp の補完を登録するスクリプトを標準出力に出力する。Tab を押すたびにシェルが loginhelp 自身に尋ねるので、候補になるサービス、別名、ノードの ID、回答は、入力した言葉で読み込まれるガイド(--services-dir のものも含む)のものになる。",
    ),
    (
        "man",
        "Prints the tool's man page, or with COMMAND that command's page (loginhelp-COMMAND), in roff on stdout. With --all DIR, writes every page into DIR (made if missing; pages there are replaced) and prints the files written.",
        "ツールの man ページを、COMMAND を指定するとそのコマンドのページ(loginhelp-COMMAND)を、roff で標準出力に出力する。--all DIR を指定すると、すべてのページを DIR に書き出し(なければ作る。既にあるページは置き換える)、書き出したファイルを出力する。",
    ),
];

/// Variables read that are not an option's (those come from the options),
/// with what they do in English and in Japanese.
const OTHER_ENVIRONMENT: &[(&str, &str, &str)] = &[
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "The language when neither --lang nor LOGINHELP_LANG is given: ja* gives Japanese, another named locale English; C, POSIX or unset gives Japanese, the language the guides were written in.",
        "--lang も LOGINHELP_LANG も指定されていないときの言語: ja* なら日本語、それ以外の名前のロケールなら英語。C、POSIX、未設定なら、ガイドが書かれた言語である日本語。",
    ),
    (
        "NO_COLOR",
        "When set to a non-empty value, no colour (as --color never), unless --color always.",
        "空でない値が設定されていれば、色を付けない(--color never と同じ)。ただし --color always が優先する。",
    ),
    (
        "LOGINHELP_TODAY",
        "The date (YYYY-MM-DD) the support message gives instead of today's, for documentation and tests.",
        "問い合わせ文に今日の日付の代わりに書く日付(YYYY-MM-DD)。文書やテストのため。",
    ),
];

/// The FILES section: the name (in italics, then roman) and what it is, in
/// English and in Japanese.
const FILES: &[((&str, &str), &str, &str)] = &[
    (
        ("DIR", "/*.toml"),
        "Guides read with --services-dir DIR or LOGINHELP_SERVICES_DIR, one service each, in the format docs/tree-format.md describes; a file with a shipped service's id replaces that guide. The shipped guides are built into the binary.",
        "--services-dir DIR か LOGINHELP_SERVICES_DIR で読むガイド。一つのファイルに一つのサービスで、形式は docs/tree-format.md のとおり。同梱のサービスと同じ ID のファイルは、そのガイドに置き換わる。同梱のガイドはバイナリに組み込まれている。",
    ),
    (
        ("FILE", ""),
        "An answers file for --answers FILE (see loginhelp answers SERVICE), and the file --report FILE writes, never over an existing one.",
        "--answers FILE で読む回答ファイル(loginhelp answers SERVICE を参照)と、--report FILE が書き出すファイル。既にあるファイルに上書きすることはない。",
    ),
];

/// The words of a page that are not the command line's own.
struct Words {
    name: &'static str,
    synopsis: &'static str,
    description: &'static str,
    options: &'static str,
    commands: &'static str,
    exit_status: &'static str,
    environment: &'static str,
    files: &'static str,
    examples: &'static str,
    see_also: &'static str,
    manual: &'static str,
    possible_values: &'static str,
    default: &'static str,
    /// Around an option's variable: "May also be specified with the X
    /// environment variable."
    env_note: (&'static str, &'static str),
    /// Around an option's name in ENVIRONMENT: "As --lang: ".
    same_as: (&'static str, &'static str),
}

/// The English words are clap_mangen's own (and man(7)'s headings).
const EN: Words = Words {
    name: "NAME",
    synopsis: "SYNOPSIS",
    description: "DESCRIPTION",
    options: "OPTIONS",
    commands: "COMMANDS",
    exit_status: "EXIT STATUS",
    environment: "ENVIRONMENT",
    files: "FILES",
    examples: "EXAMPLES",
    see_also: "SEE ALSO",
    manual: "loginhelp manual",
    possible_values: "Possible values:",
    default: "default",
    env_note: ("May also be specified with the ", " environment variable. "),
    same_as: ("As ", ": "),
};

/// The headings of the manpages-ja project (man-db's lexgrog knows 名前
/// as NAME).
const JA: Words = Words {
    name: "名前",
    synopsis: "書式",
    description: "説明",
    options: "オプション",
    commands: "コマンド",
    exit_status: "終了ステータス",
    environment: "環境変数",
    files: "ファイル",
    examples: "例",
    see_also: "関連項目",
    manual: "loginhelp マニュアル",
    possible_values: "値:",
    default: "既定",
    env_note: ("環境変数 ", " でも指定できる。"),
    same_as: ("", " と同じ: "),
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// The text in `lang`: the English itself, or its Japanese.
fn pick<'a>(lang: Lang, en: &'a str, ja: &'a str) -> &'a str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// A help text of the (English) command line in `lang`, with the Japanese
/// `--help` shows (`i18n::help`); English where it has none.
fn help_text(lang: Lang, english: &str) -> String {
    match lang {
        Lang::Ja => crate::i18n::help::translate(english).unwrap_or(english),
        Lang::En => english,
    }
    .to_owned()
}

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

/// The OPTIONS section as clap_mangen writes it (options, then positional
/// arguments, each a `.TP` with its default, help, possible values as a
/// list and variable), from the English definition `cmd`, in `lang`.
fn options_section(roff: &mut Roff, cmd: &clap::Command, lang: Lang) {
    let words = words(lang);
    let args: Vec<&clap::Arg> = cmd.get_arguments().filter(|a| !a.is_hide_set()).collect();
    if args.is_empty() {
        return;
    }
    roff.control("SH", [words.options]);
    // Options in clap's order, then the positionals as defined.
    let (mut options, positionals): (Vec<_>, Vec<_>) =
        args.into_iter().partition(|a| !a.is_positional());
    options.sort_by_key(|a| sort_key(a));
    for arg in options.into_iter().chain(positionals) {
        let takes_values = arg.get_num_args().is_some_and(|n| n.takes_values());
        let mut header = Vec::new();
        if arg.is_positional() {
            let (open, close) = if arg.is_required_set() {
                ("<", ">")
            } else {
                ("[", "]")
            };
            let name = arg
                .get_value_names()
                .map(|v| v.join(" "))
                .unwrap_or_else(|| arg.get_id().to_string());
            header.extend([roman(open), italic(name), roman(close)]);
        } else {
            if let Some(short) = arg.get_short() {
                header.push(bold(format!("-{short}")));
            }
            if let Some(long) = arg.get_long() {
                if !header.is_empty() {
                    header.push(roman(", "));
                }
                header.push(bold(format!("--{long}")));
            }
            if let (true, Some(names)) = (takes_values, arg.get_value_names()) {
                let range = arg.get_num_args().expect("built");
                let (open, close) = match (range.min_values() > 0, arg.is_require_equals_set()) {
                    (true, false) => (" ", ""),
                    (false, false) => (" [", "]"),
                    (false, true) => ("[=", "]"),
                    (true, true) => ("=", ""),
                };
                header.push(roman(open));
                for (i, name) in names.iter().enumerate() {
                    if i > 0 {
                        header.push(italic(" "));
                    }
                    let more = i == names.len() - 1 && range.max_values() > names.len();
                    header.push(italic(format!("<{name}>{}", if more { "..." } else { "" })));
                }
                header.push(roman(close));
            }
        }
        let defaults = arg.get_default_values();
        if takes_values && !arg.is_hide_default_value_set() && !defaults.is_empty() {
            let values: Vec<_> = defaults.iter().map(|v| v.to_string_lossy()).collect();
            header.push(roman(format!(" [{}: {}]", words.default, values.join(","))));
        }
        let help = if arg.is_hide_long_help_set() {
            None
        } else {
            arg.get_long_help()
        }
        .or_else(|| arg.get_help().filter(|_| !arg.is_hide_short_help_set()));
        roff.control("TP", []);
        roff.text(header);
        let mut body = Vec::new();
        if let Some(help) = help {
            body.push(roman(help_text(lang, &help.to_string())));
        }
        roff.text(body.clone());
        let values: Vec<_> = if arg.is_hide_possible_values_set() {
            Vec::new()
        } else {
            arg.get_possible_values()
                .into_iter()
                .filter(|v| !v.is_hide_set())
                .collect()
        };
        if !values.is_empty() {
            if !body.is_empty() {
                roff.text([Inline::LineBreak]);
            }
            roff.text([Inline::LineBreak, italic(words.possible_values)]);
            roff.control("RS", ["14"]);
            for value in values {
                roff.control("IP", ["\\(bu", "2"]);
                let text = match value.get_help() {
                    Some(help) => format!(
                        "{}: {}",
                        value.get_name(),
                        help_text(lang, &help.to_string())
                    ),
                    None => value.get_name().to_owned(),
                };
                roff.text([roman(text)]);
            }
            roff.control("RE", []);
        }
        if let (Some(env), false) = (arg.get_env(), arg.is_hide_env_set()) {
            let (before, after) = words.env_note;
            roff.control("RS", []);
            roff.text([
                roman(before),
                bold(env.to_string_lossy().into_owned()),
                roman(after),
            ]);
            roff.control("RE", []);
        }
    }
}

/// The order clap lists arguments in (`clap::builder`'s key, as
/// clap_mangen copies it).
fn sort_key(arg: &clap::Arg) -> (usize, String) {
    let key = if let Some(c) = arg.get_short() {
        let mut s = c.to_ascii_lowercase().to_string();
        s.push(if c.is_ascii_lowercase() { '0' } else { '1' });
        s
    } else if let Some(long) = arg.get_long() {
        long.to_owned()
    } else {
        format!("{{{}", arg.get_id())
    };
    (arg.get_display_order(), key)
}

/// Japanese has no spaces to break lines at, so groff could neither break
/// nor adjust its lines: fill without adjusting (`.ad l`, after `.TH`,
/// which sets the page up), and mark with `\:` (a break point of no width)
/// every place inside a run of Japanese text where UAX #14 allows a break.
/// Control lines are left as they are, and so is text in bold or italics
/// (options, commands, examples, names). The NAME line is read by man-db's
/// lexgrog for whatis, which would keep the colons of `\:`: there groff's
/// own Japanese rules (ja.tmac, groff only) break the line.
fn japanese_typesetting(page: &str) -> String {
    let mut out = String::with_capacity(page.len() + page.len() / 4);
    let mut in_name = false;
    for line in page.lines() {
        if line.starts_with('.') || line.starts_with('\'') {
            out.push_str(line);
            out.push('\n');
            if line.starts_with(".TH ") {
                out.push_str(".ad l\n.if \\n(.g .mso ja.tmac\n");
            }
            if let Some(heading) = line.strip_prefix(".SH ") {
                in_name = heading == JA.name;
            }
            continue;
        }
        if in_name {
            out.push_str(line);
        } else {
            out.push_str(&break_points(line));
        }
        out.push('\n');
    }
    out
}

/// `line` (roff text) with `\:` where UAX #14 allows a break between two
/// characters that are not ASCII, outside bold, italics and URLs. Escapes
/// are ASCII, so none is split or changed.
fn break_points(line: &str) -> String {
    let breaks = crate::text::wrap::break_opportunities(line);
    let mut out = String::with_capacity(line.len() * 2);
    let mut roman_font = true;
    // Is the word (between spaces) being written a URL?
    let mut in_url = line.split(' ').next().is_some_and(|w| w.contains("://"));
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        out.push(c);
        if c == ' ' {
            in_url = line[at + 1..]
                .split(' ')
                .next()
                .is_some_and(|word| word.contains("://"));
        }
        if c == '\\' {
            // An escape: `\\`, `\fX` (a font change), or another.
            match chars.next() {
                Some((_, 'f')) => {
                    if let Some((_, font)) = chars.next() {
                        out.push('f');
                        out.push(font);
                        roman_font = matches!(font, 'R' | 'P');
                    } else {
                        out.push('f');
                    }
                }
                Some((_, next)) => out.push(next),
                None => {}
            }
            continue;
        }
        let Some(&(next_at, next)) = chars.peek() else {
            continue;
        };
        if roman_font
            && !in_url
            && !c.is_ascii()
            && !next.is_ascii()
            && breaks.binary_search(&(at + c.len_utf8())).is_ok()
        {
            debug_assert_eq!(next_at, at + c.len_utf8());
            out.push_str("\\:");
        }
    }
    out
}

/// The first line of every page names its encoding, for man-db's preconv
/// (`man -l`) and groff's `-k`; the pages are UTF-8 (a Japanese page, and
/// the English pages' 日本語 for `--lang ja`).
const CODING: &str = ".\\\" -*- coding: UTF-8 -*-";

/// Each part rendered on its own starts with the same two-line preamble
/// (the apostrophe string); a page needs it once, at the top, after the
/// line that names the encoding.
fn once_preamble(page: &str) -> String {
    const PREAMBLE: [&str; 2] = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];
    let mut out = String::with_capacity(page.len());
    out.push_str(CODING);
    out.push('\n');
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
                parsed.other.push(join_lines(lines.iter().copied()));
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
                        *what = join_lines([what.as_str(), line]);
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
                parsed.other.push(join_lines(lines.iter().copied()));
            }
        }
        parsed
    }
}

/// Lines of one paragraph as one line: joined by a space, except between
/// two Japanese characters (Japanese has no spaces between words; a line
/// of it wrapped for the terminal is one run of text).
fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut joined = String::new();
    for line in lines.into_iter().map(str::trim).filter(|l| !l.is_empty()) {
        let japanese_both_sides = joined.chars().next_back().is_some_and(|c| !c.is_ascii())
            && line.chars().next().is_some_and(|c| !c.is_ascii());
        if !joined.is_empty() && !japanese_both_sides {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    joined
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
        // A Japanese line wrapped for the terminal is joined with no space.
        let parsed = AfterHelp::parse("言語: ガイドが書かれた\n言語である日本語 (ja)\nand more");
        assert_eq!(
            parsed.other,
            ["言語: ガイドが書かれた言語である日本語 (ja) and more"]
        );
    }

    #[test]
    fn break_points_go_between_japanese_characters_only_where_uax14_allows() {
        // After the comma and between kanji; not before 、 or a small kana
        // or ー, not after 「.
        assert_eq!(
            break_points("https://例え.jp/ガイド です"),
            "https://例え.jp/ガイド で\\:す"
        );
        assert_eq!(
            break_points("表示、「終了」ノード"),
            "表\\:示、\\:「終\\:了」\\:ノー\\:ド"
        );
        // Nothing in bold or italics (options, commands), in a URL or next
        // to ASCII (option names, paths), escapes untouched.
        assert_eq!(
            break_points("\\fBloginhelp search 忘れた\\fR 日本 \\-\\-lang と https://example.jp/あい \\\\ 語"),
            "\\fBloginhelp search 忘れた\\fR 日\\:本 \\-\\-lang と https://example.jp/あい \\\\ 語"
        );
    }

    #[test]
    fn roff_stays_escaped_in_japanese_pages() {
        // A text with a backslash and lines starting with `.` and `'`: roff
        // escapes them, and the break points keep them as they are.
        let mut roff = Roff::new();
        roff.text([roman(".始まり\\の文\n'引用です")]);
        let page = japanese_typesetting(&roff.render());
        let text = page.split_once("Aq '\n").map_or(&*page, |(_, t)| t);
        assert_eq!(
            text,
            "\\&.始\\:ま\\:り\\\\の\\:文\n\\*(Aq引\\:用\\:で\\:す\n"
        );
    }
}
