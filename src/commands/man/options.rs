//! The OPTIONS section, written from the English command line in either
//! language, the way clap_mangen writes it.

use clap_mangen::roff::{bold, italic, roman, Inline, Roff};

use super::texts::{help_text, words};
use crate::i18n::Lang;

/// The OPTIONS section as clap_mangen writes it (options, then positional
/// arguments, each a `.TP` with its default, help, possible values as a
/// list and variable), from the English definition `cmd`, in `lang`.
pub(super) fn options_section(roff: &mut Roff, cmd: &clap::Command, lang: Lang) {
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
