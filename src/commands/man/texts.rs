//! The words of the man pages that are not the command line's own, in
//! English and Japanese: each command's description and examples, the
//! variables and files, the section headings.

use crate::i18n::Lang;

/// The date in every page's title line: when these pages last changed in
/// substance (it goes with the version, so that builds are reproducible).
pub(super) const PAGE_DATE: &str = "2026-12-01";

/// An example: the command line, what it does in English, in Japanese.
pub(super) type Example = (&'static str, &'static str, &'static str);

/// Examples per command; the top page's come from `--help`. Each command
/// has at least one.
pub(super) const EXAMPLES: &[(&str, &[Example])] = &[
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
pub(super) const DESCRIPTIONS: &[(&str, &str, &str)] = &[
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
pub(super) const OTHER_ENVIRONMENT: &[(&str, &str, &str)] = &[
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
pub(super) const FILES: &[((&str, &str), &str, &str)] = &[
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
pub(super) struct Words {
    pub(super) name: &'static str,
    pub(super) synopsis: &'static str,
    pub(super) description: &'static str,
    pub(super) options: &'static str,
    pub(super) commands: &'static str,
    pub(super) exit_status: &'static str,
    pub(super) environment: &'static str,
    pub(super) files: &'static str,
    pub(super) examples: &'static str,
    pub(super) see_also: &'static str,
    pub(super) manual: &'static str,
    pub(super) possible_values: &'static str,
    pub(super) default: &'static str,
    /// Around an option's variable: "May also be specified with the X
    /// environment variable."
    pub(super) env_note: (&'static str, &'static str),
    /// Around an option's name in ENVIRONMENT: "As --lang: ".
    pub(super) same_as: (&'static str, &'static str),
}

/// The English words are clap_mangen's own (and man(7)'s headings).
pub(super) const EN: Words = Words {
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
pub(super) const JA: Words = Words {
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

pub(super) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// The text in `lang`: the English itself, or its Japanese.
pub(super) fn pick<'a>(lang: Lang, en: &'a str, ja: &'a str) -> &'a str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// A help text of the (English) command line in `lang`, with the Japanese
/// `--help` shows (`i18n::help`); English where it has none.
pub(super) fn help_text(lang: Lang, english: &str) -> String {
    match lang {
        Lang::Ja => crate::i18n::help::translate(english).unwrap_or(english),
        Lang::En => english,
    }
    .to_owned()
}
