//! The command line's help in Japanese. The derived `clap::Command` (see
//! `cli`) is built, then every text in it is looked up in `JA`, by its
//! English wording: the about of each command, the help of each argument and
//! of each of its values, and clap's own words (`Print help` …). clap's
//! template words ("Usage:", "Options:", "[default: …]") have no setting of
//! their own, so each command gets a help template with Japanese headings
//! and its usage line, and the value lists, defaults and environment
//! variables are written into the help text. A text missing from `JA` stays English (a test lists them).

use std::fmt::Write as _;

use clap::{Arg, Command};

/// English help text → Japanese. Texts as clap holds them (a one-sentence
/// doc comment loses its final period).
const JA: &[(&str, &str)] = &[
    // The commands.
    (
        "A command-line wizard that gets people back into accounts they are locked out of",
        "ログインできなくなったアカウントに戻るまでを、質問に答えながら一歩ずつ案内するウィザード",
    ),
    (
        "List the services with a one-line description and their aliases",
        "サービスを一行の説明と別名つきで一覧にする",
    ),
    (
        "Show a whole guide, or one node of it",
        "ガイド全体か、その中の一つのノードを表示する",
    ),
    (
        "Check guide files: links, reachability, translations, phones, URLs",
        "ガイドファイルを検査する: リンク、到達できるか、翻訳、電話番号、URL",
    ),
    (
        "Draw a guide's decision tree as a diagram",
        "ガイドの決定木を図にする",
    ),
    (
        "Find the causes and fixes that match a described symptom",
        "説明された症状に合う原因と対処を探す",
    ),
    (
        "Print an answer-file template for a service (use it with --answers)",
        "サービスの回答ファイルのひな形を出力する(--answers で使う)",
    ),
    (
        "Print a shell completion script",
        "シェルの補完スクリプトを出力する",
    ),
    (
        "Print a man page (roff), or write them all",
        "man ページ(roff)を出力する。すべてのページを書き出すこともできる",
    ),
    (
        "Print this message or the help of the given subcommand(s)",
        "このヘルプか、指定したコマンドのヘルプを表示する",
    ),
    // The walk's arguments and the shared settings.
    (
        "The service to get help with (id or alias; see `loginhelp list`)",
        "助けが必要なサービス(ID か別名。`loginhelp list` を参照)",
    ),
    (
        "Answer a question without being asked: QUESTION=OPTION (repeatable)",
        "尋ねられる前に質問に答える: QUESTION=OPTION(繰り返し指定できる)",
    ),
    (
        "Read answers from a TOML file, or from standard input with `-` (see `loginhelp answers SERVICE`); --answer wins",
        "回答を TOML ファイルから読む。`-` なら標準入力から読む(`loginhelp answers SERVICE` を参照)。--answer が優先",
    ),
    (
        "Begin the walk at this node instead of the first question",
        "最初の質問ではなく、このノードから始める",
    ),
    (
        "Output format when not interactive",
        "対話しないときの出力形式",
    ),
    (
        "Never prompt: go as far as the answers reach and stop at the first unanswered question",
        "何も尋ねない: 回答で進めるところまで進み、回答のない最初の質問で止まる",
    ),
    (
        "When the walk escalates, save the report to FILE: the contacts, what to have ready and the message to send (never overwrites)",
        "窓口へ相談することになったとき、問い合わせ先、用意するもの、送る問い合わせ文を FILE に保存する(上書きはしない)",
    ),
    (
        "Language of the guides and messages",
        "ガイドとメッセージの言語",
    ),
    (
        "Also read guides from DIR/*.toml; a file with a shipped service's id replaces it",
        "DIR/*.toml のガイドも読む。同梱のサービスと同じ ID のファイルはそれに置き換わる",
    ),
    ("When to use colour and symbols", "色と記号を使うとき"),
    (
        "Ask with numbered lists, answered by typing a number and Enter: no cursor movement or redraw (screen readers, reading aloud, narrow screens). On when TERM=dumb",
        "番号つきの一覧で尋ね、番号と Enter で答える: カーソルの移動や描き直しをしない(スクリーンリーダー、読み上げ、狭い画面向け)。TERM=dumb のときは常にこの形",
    ),
    (
        "Start from the first question, without offering to continue a saved walk",
        "保存した続きを勧めずに、最初の質問から始める",
    ),
    (
        "Write every question, answer, fix and contact of the walk to FILE as Markdown (never replaces a file without asking)",
        "たどった質問、回答、対処、窓口のすべてを Markdown で FILE に書き出す(確かめずにファイルを置き換えることはない)",
    ),
    // The subcommands' arguments.
    ("Output format", "出力形式"),
    ("The service (id or alias)", "サービス(ID か別名)"),
    (
        "One node's id; the whole guide when left out",
        "一つのノードの ID。省略するとガイド全体",
    ),
    (
        "Files or directories to check; the shipped guides when left out",
        "検査するファイルかディレクトリ。省略すると同梱のガイド",
    ),
    ("Diagram language", "図の形式"),
    (
        "Words describing the problem, in Japanese or English",
        "困っていることを表す言葉(日本語か英語)",
    ),
    ("The shell", "シェル"),
    (
        "A command whose page to print instead of the tool's own",
        "ツール全体ではなく、このコマンドのページを出力する",
    ),
    (
        "Write every page (loginhelp.1, loginhelp-list.1, …) into DIR instead",
        "代わりにすべてのページ(loginhelp.1、loginhelp-list.1 など)を DIR に書き出す",
    ),
    (
        "Print help for the subcommand(s)",
        "このコマンドのヘルプを表示する",
    ),
    // Values.
    ("Readable plain text", "読みやすいテキスト"),
    (
        "One JSON object (see docs/output.schema.json)",
        "JSON オブジェクト一つ(docs/output.schema.json を参照)",
    ),
    ("JSON", "JSON"),
    (
        "Markdown, for a help-desk wiki",
        "Markdown(ヘルプデスクの wiki 向け)",
    ),
    ("A table", "表"),
    (
        "Diagnostics with the source line, for people",
        "ソースの行つきの診断(人が読む向け)",
    ),
    (
        "One JSON object, for editors and CI",
        "JSON オブジェクト一つ(エディタや CI 向け)",
    ),
    ("Mermaid flowchart", "Mermaid のフローチャート"),
    ("Graphviz dot", "Graphviz の dot"),
    (
        "Colour when the output is a terminal and NO_COLOR is not set",
        "出力先が端末で、NO_COLOR が設定されていなければ色を付ける",
    ),
    ("Always colour", "いつも色を付ける"),
    ("Never colour", "色を付けない"),
    ("日本語 (Japanese)", "日本語"),
    ("English", "英語 (English)"),
    // clap's own flags.
    ("Print help", "ヘルプを表示する"),
    (
        "Print help (see more with '--help')",
        "ヘルプを表示する(詳しくは '--help')",
    ),
    (
        "Print help (see a summary with '-h')",
        "ヘルプを表示する(要約は '-h')",
    ),
    ("Print version", "バージョンを表示する"),
];

/// `completions --help`'s text after the options, in Japanese
/// (`cli::COMPLETIONS_AFTER_HELP`).
const COMPLETIONS_AFTER_HELP: &str = "\
入れ方: シェルの起動ファイルに一行を加えます。
  bash では ~/.bashrc に:
    source <(loginhelp completions bash)
  zsh では ~/.zshrc の compinit より後に:
    source <(loginhelp completions zsh)
  fish では ~/.config/fish/config.fish に:
    loginhelp completions fish | source
  PowerShell では $PROFILE に:
    loginhelp completions powershell | Out-String | Invoke-Expression
  elvish では ~/.config/elvish/rc.elv に:
    eval (loginhelp completions elvish | slurp)

スクリプトは Tab のたびに loginhelp に尋ねるので、候補はガイド
(--services-dir のものも含む)に合わせて変わり、入れ直す必要はありません。";

/// The root's text after the options, in Japanese (`cli::AFTER_HELP`).
const AFTER_HELP: &str = "\
例:
  loginhelp                      サービスを選び、質問に答えていく
  loginhelp instagram            Instagram のガイドを始める
                                 (別名でもよい: insta、インスタ)
  loginhelp amazon --no-input --format json
                                 スクリプト向けに最初の質問を JSON で出力する
  loginhelp amazon -a symptom=forgot-password --format json
                                 スクリプトから質問に答える
  loginhelp list                 サービスとその別名
  loginhelp validate services/   ガイドファイルを検査する

言語: --lang、なければ LOGINHELP_LANG、なければ LC_ALL / LC_MESSAGES / LANG
(ja* なら日本語、それ以外の名前のロケールなら英語。C、POSIX、未設定なら
ガイドが書かれた言語である日本語)。

終了ステータス:
  0    完了。ガイドなら最後まで進んだ(解決、窓口への相談、終了)
  1    入力によらない失敗(入出力のエラー)
  2    使い方の誤り: 不明なサービス、質問、選択肢、オプション
  3    どの --answer も答えていない質問で止まった
  4    ガイドの木に誤りがある
  130  取り消した(Ctrl-C、Esc、q、または「終了」)

loginhelp がパスワードや確認コードを尋ねることはありません。案内するのは
公式の窓口だけです。";

/// clap's template words.
const USAGE: &str = "使い方:";
const COMMANDS: &str = "コマンド";
const ARGUMENTS: &str = "引数";
const OPTIONS: &str = "オプション";
const VALUES: &str = "値";
const DEFAULT: &str = "既定";
const ENV: &str = "環境変数";

/// The Japanese of an English help text, if `JA` has it.
pub fn translate(english: &str) -> Option<&'static str> {
    JA.iter().find(|(en, _)| *en == english).map(|(_, ja)| *ja)
}

fn ja(english: &str) -> String {
    translate(english).map_or_else(|| english.to_owned(), str::to_owned)
}

/// `cmd` (the derived English command line) with its help in Japanese.
pub fn japanese(mut cmd: Command) -> Command {
    // Building first makes every part exist: the deferred subcommands'
    // arguments, the global ones copied into each subcommand, clap's own
    // `--help`, `--version` and `help`.
    cmd.build();
    let cmd = localize(cmd);
    match cmd.get_after_help() {
        Some(_) => cmd.after_help(AFTER_HELP),
        None => cmd,
    }
}

fn localize(mut cmd: Command) -> Command {
    // The usage line as clap writes it, with its one English word translated.
    let usage = cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    let usage = usage.replace("[OPTIONS]", &format!("[{OPTIONS}]"));
    if let Some(about) = cmd.get_about().map(|a| ja(&a.to_string())) {
        cmd = cmd.about(about);
    }
    if let Some(about) = cmd.get_long_about().map(|a| ja(&a.to_string())) {
        cmd = cmd.long_about(about);
    }
    if cmd.get_name() == "completions" && cmd.get_after_long_help().is_some() {
        cmd = cmd.after_long_help(COMPLETIONS_AFTER_HELP);
    }
    // clap writes its section headings in English; a template with one
    // section per kind of thing (each only when there is something in it)
    // names them in Japanese.
    let mut template = format!("{{before-help}}{{about-with-newline}}\n{USAGE} {{usage}}");
    let shown = |a: &&Arg| !a.is_hide_set();
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        let _ = write!(template, "\n\n{COMMANDS}:\n{{subcommands}}");
    }
    if cmd.get_positionals().any(|a| shown(&a)) {
        let _ = write!(template, "\n\n{ARGUMENTS}:\n{{positionals}}");
    }
    if cmd.get_arguments().any(|a| !a.is_positional() && shown(&a)) {
        let _ = write!(template, "\n\n{OPTIONS}:\n{{options}}");
    }
    template.push_str("{after-help}");
    cmd.override_usage(usage)
        .help_template(template)
        .mut_args(localize_arg)
        .mut_subcommands(localize)
}

fn localize_arg(arg: Arg) -> Arg {
    let help = arg.get_help().map(|h| ja(&h.to_string()));
    let long = arg.get_long_help().map(|h| ja(&h.to_string()));
    let takes_values = arg.get_num_args().is_some_and(|n| n.takes_values());
    let values = if takes_values && !arg.is_hide_possible_values_set() {
        arg.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    } else {
        Vec::new()
    };
    let default: Vec<String> = if arg.is_hide_default_value_set() || !takes_values {
        Vec::new()
    } else {
        arg.get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect()
    };
    let env = match arg.get_env() {
        Some(env) if !arg.is_hide_env_set() => Some(env.to_string_lossy().into_owned()),
        _ => None,
    };
    if help.is_none() && values.is_empty() && default.is_empty() && env.is_none() {
        return arg;
    }
    let base = help.clone().unwrap_or_default();
    let mut short = base.clone();
    let mut notes = Vec::new();
    if let Some(env) = &env {
        notes.push(format!("[{ENV}: {env}]"));
    }
    if !default.is_empty() {
        notes.push(format!("[{DEFAULT}: {}]", default.join(", ")));
    }
    let names: Vec<&str> = values.iter().map(|v| v.get_name()).collect();
    let described = values.iter().any(|v| v.get_help().is_some());
    if !names.is_empty() {
        let _ = write!(short, " [{VALUES}: {}]", names.join(", "));
    }
    for note in &notes {
        let _ = write!(short, " {note}");
    }
    let arg = arg
        .hide_possible_values(true)
        .hide_default_value(true)
        .hide_env(true)
        .help(short.trim_start().to_owned());
    if !described && notes.is_empty() && long.is_none() {
        return arg;
    }
    let mut full = long.unwrap_or(base);
    if described {
        let _ = write!(full, "\n\n{VALUES}:");
        let widest = names.iter().map(|n| n.len()).max().unwrap_or(0);
        for value in &values {
            let name = value.get_name();
            let help = value.get_help().map(|h| ja(&h.to_string()));
            let _ = write!(
                full,
                "\n- {name}:{:pad$} {}",
                "",
                help.unwrap_or_default(),
                pad = widest - name.len()
            );
        }
    } else if !names.is_empty() {
        let _ = write!(full, "\n\n[{VALUES}: {}]", names.join(", "));
    }
    if !notes.is_empty() {
        full.push('\n');
        for note in &notes {
            let _ = write!(full, "\n{note}");
        }
    }
    arg.long_help(full.trim_start().to_owned())
}

/// Every help text of the English command line that `JA` lacks, for a test.
pub fn untranslated(cmd: &Command) -> Vec<String> {
    let mut texts = vec![cmd.get_about(), cmd.get_long_about()];
    let mut value_helps = Vec::new();
    for arg in cmd.get_arguments() {
        texts.extend([arg.get_help(), arg.get_long_help()]);
        value_helps.extend(
            arg.get_possible_values()
                .iter()
                .filter_map(|v| v.get_help().map(|h| h.to_string())),
        );
    }
    let mut missing: Vec<String> = texts
        .into_iter()
        .flatten()
        .map(|t| t.to_string())
        .chain(value_helps)
        .chain(cmd.get_subcommands().flat_map(untranslated))
        .filter(|t| translate(t).is_none())
        .collect();
    missing.sort();
    missing.dedup();
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn every_help_text_has_a_translation() {
        let mut cmd = crate::Cli::command();
        cmd.build();
        assert_eq!(untranslated(&cmd), Vec::<String>::new());
    }

    #[test]
    fn the_japanese_command_line_is_well_formed() {
        crate::cli::command(crate::i18n::Lang::Ja).debug_assert();
    }
}
