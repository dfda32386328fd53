//! Facts about the terminal, decided once at start-up: whether we may
//! prompt, whether to style output, and how wide to wrap.

use std::io::IsTerminal;

use crate::cli::ColorWhen;

/// Prompt only when both stdin and stderr are terminals (dialoguer draws on
/// stderr) and the user did not say `--no-input`.
pub fn can_prompt(no_input: bool) -> bool {
    !no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Style a stream's output? `always` and `never` win; `auto` styles a
/// terminal unless `NO_COLOR` is set (to anything but the empty string).
pub fn use_color(when: ColorWhen, stream_is_terminal: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Columns to wrap stdout text to: the terminal's width, else `COLUMNS`,
/// else 80; never below 20, and at most 100 to stay readable.
pub fn output_width() -> usize {
    let from_term = if stdout_is_terminal() {
        let (_, cols) = console::Term::stdout().size();
        Some(cols as usize)
    } else {
        None
    };
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok());
    from_term.or(from_env).unwrap_or(80).clamp(20, 100)
}
