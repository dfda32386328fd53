//! clap's errors in the user's language. English is clap's own rendering;
//! Japanese is written here from the error's kind and context (the same
//! facts clap's formatter uses), with the usage line of the Japanese
//! command line. Help and version "errors" are already in the language of
//! the command they were rendered from.

use std::fmt::Write as _;

use clap::builder::{StyledStr, Styles};
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::Lang;
use crate::text::neutralize;

/// The text clap would print for `err`, in `lang`, styled (the colour
/// choice applies when it is written).
pub fn render(err: &clap::Error, lang: Lang) -> StyledStr {
    match (lang, err.kind()) {
        (Lang::En, _)
        | (
            Lang::Ja,
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand,
        ) => err.render(),
        // A message of loginhelp's own (`Command::error`), already in the
        // language, with no context to translate: clap's frame around it
        // in Japanese.
        (Lang::Ja, _) if err.context().next().is_none() => own_message(err),
        (Lang::Ja, _) => japanese(err),
    }
}

fn japanese(err: &clap::Error) -> StyledStr {
    let styles = Styles::styled();
    let (error, valid, invalid, literal) = (
        styles.get_error(),
        styles.get_valid(),
        styles.get_invalid(),
        styles.get_literal(),
    );
    let string = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(neutralize(s)),
        _ => None,
    };
    let strings = |kind| match err.get(kind) {
        Some(ContextValue::Strings(v)) => v.iter().map(|s| neutralize(s)).collect(),
        Some(ContextValue::String(s)) => vec![neutralize(s)],
        _ => Vec::new(),
    };
    let number = |kind| match err.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    };
    let arg = string(ContextKind::InvalidArg);
    let value = string(ContextKind::InvalidValue);

    let mut out = StyledStr::new();
    let _ = write!(out, "{error}エラー:{error:#} ");
    let quoted = |s: &str, style: &clap::builder::styling::Style| format!("'{style}{s}{style:#}'");
    let message = match err.kind() {
        ErrorKind::ArgumentConflict => {
            let prior = strings(ContextKind::PriorArg);
            match (&arg, prior.as_slice()) {
                (Some(a), [p]) if a == p => {
                    format!("{} は二度以上指定できません", quoted(a, invalid))
                }
                (Some(a), []) => format!(
                    "{} はほかに指定した引数と一緒には使えません",
                    quoted(a, invalid)
                ),
                (Some(a), prior) => format!(
                    "{} は {} と一緒には使えません",
                    quoted(a, invalid),
                    prior
                        .iter()
                        .map(|p| quoted(p, invalid))
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                (None, _) => "一緒には使えない引数が指定されました".to_owned(),
            }
        }
        ErrorKind::NoEquals => format!(
            "{} に値を渡すには = が必要です",
            quoted(arg.as_deref().unwrap_or("?"), invalid)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let a = quoted(arg.as_deref().unwrap_or("?"), literal);
            let mut m = match value.as_deref() {
                Some("") | None => format!("{a} に値が指定されていません"),
                Some(v) => format!("{} は {a} の値として使えません", quoted(v, invalid)),
            };
            let values = strings(ContextKind::ValidValue);
            if !values.is_empty() {
                let list: Vec<String> = values
                    .iter()
                    .map(|v| format!("{valid}{v}{valid:#}"))
                    .collect();
                let _ = write!(m, "\n  [使える値: {}]", list.join(", "));
            }
            m
        }
        ErrorKind::InvalidSubcommand => format!(
            "{} というコマンドはありません",
            quoted(
                string(ContextKind::InvalidSubcommand)
                    .as_deref()
                    .unwrap_or("?"),
                invalid
            )
        ),
        ErrorKind::MissingRequiredArgument => {
            let mut m = "次の引数が必要です:".to_owned();
            for a in strings(ContextKind::InvalidArg) {
                let _ = write!(m, "\n  {valid}{a}{valid:#}");
            }
            m
        }
        ErrorKind::MissingSubcommand => {
            let mut m = format!(
                "{} にはコマンドが必要です",
                quoted(
                    string(ContextKind::InvalidSubcommand)
                        .as_deref()
                        .unwrap_or("loginhelp"),
                    invalid
                )
            );
            let subs = strings(ContextKind::ValidSubcommand);
            if !subs.is_empty() {
                let _ = write!(m, "\n  [コマンド: {}]", subs.join(", "));
            }
            m
        }
        ErrorKind::InvalidUtf8 => "引数が UTF-8 の文字列ではありません".to_owned(),
        ErrorKind::TooManyValues => format!(
            "{} への値 {} は余分です。これ以上の値は受け付けません",
            quoted(arg.as_deref().unwrap_or("?"), literal),
            quoted(value.as_deref().unwrap_or("?"), invalid)
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let needed = number(ContextKind::MinValues)
                .or(number(ContextKind::ExpectedNumValues))
                .unwrap_or(1);
            let given = number(ContextKind::ActualNumValues).unwrap_or(0);
            format!(
                "{} には値が {valid}{needed}{valid:#} 個必要ですが、{invalid}{given}{invalid:#} 個しか指定されていません",
                quoted(arg.as_deref().unwrap_or("?"), literal)
            )
        }
        ErrorKind::UnknownArgument => format!(
            "{} という引数はありません",
            quoted(arg.as_deref().unwrap_or("?"), invalid)
        ),
        _ => "コマンドラインを解釈できません".to_owned(),
    };
    out.push_str(&message);

    let mut tips = Vec::new();
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "コマンド"),
        (ContextKind::SuggestedArg, "引数"),
        (ContextKind::SuggestedValue, "値"),
    ] {
        let similar = strings(kind);
        if !similar.is_empty() {
            let list: Vec<String> = similar.iter().map(|s| quoted(s, valid)).collect();
            tips.push(format!("似た{what}があります: {}", list.join("、")));
        }
    }
    if let Some(ContextValue::StyledStrs(suggestions)) = err.get(ContextKind::Suggested) {
        for suggestion in suggestions {
            tips.push(suggestion_in_japanese(&neutralize(&suggestion.to_string())));
        }
    }
    if !tips.is_empty() {
        out.push_str("\n");
        for tip in tips {
            let _ = write!(out, "\n  {valid}ヒント:{valid:#} {tip}");
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        let usage = usage.strip_prefix("使い方: ").unwrap_or(usage);
        let _ = write!(
            out,
            "\n\n{}使い方:{:#} {}",
            literal,
            literal,
            neutralize(usage)
        );
    }
    let _ = write!(
        out,
        "\n\n詳しくは '{literal}--help{literal:#}' で表示されるヘルプを見てください。\n"
    );
    out
}

/// clap renders a message of loginhelp's own as "error: MESSAGE", a blank
/// line, "Usage: …", a blank line and "For more information, try
/// '--help'."; the same frame in Japanese, the message kept as it is.
fn own_message(err: &clap::Error) -> StyledStr {
    let styles = Styles::styled();
    let (error, literal) = (styles.get_error(), styles.get_literal());
    let text = neutralize(&err.render().to_string());
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    let (message, usage) = match text.split_once("\n\nUsage: ") {
        Some((message, rest)) => (message, rest.split_once("\n\n").map(|(u, _)| u)),
        None => (text.trim_end(), None),
    };
    let message = message
        .trim_end()
        .trim_end_matches("For more information, try '--help'.")
        .trim_end();
    let mut out = StyledStr::new();
    let _ = write!(out, "{error}エラー:{error:#} {message}");
    if let Some(usage) = usage {
        let usage = usage.strip_prefix("使い方: ").unwrap_or(usage);
        let _ = write!(out, "\n\n{literal}使い方:{literal:#} {usage}");
    }
    let _ = write!(
        out,
        "\n\n詳しくは '{literal}--help{literal:#}' で表示されるヘルプを見てください。\n"
    );
    out
}

/// clap's one known free-text tip, "to pass '-x' as a value, use '-- -x'",
/// in Japanese; any other tip as it is.
fn suggestion_in_japanese(tip: &str) -> String {
    let parts = tip
        .strip_prefix("to pass '")
        .and_then(|rest| rest.split_once("' as a value, use '"))
        .and_then(|(arg, rest)| Some((arg, rest.strip_suffix('\'')?)));
    match parts {
        Some((arg, written)) => format!("'{arg}' を値として渡すには '{written}' と書きます"),
        None => tip.to_owned(),
    }
}
