//! Facts about the terminal, decided once at start-up: whether we may
//! prompt, whether to style output (one decision, shared with clap), and
//! how wide to wrap.

use std::io::IsTerminal;

use crate::cli::ColorWhen;

/// Prompt only when both stdin and stderr are terminals (dialoguer draws on
/// stderr) and the user did not say `--no-input`.
pub fn can_prompt(no_input: bool) -> bool {
    !no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Make the program's one colour decision: `--color` (or `LOGINHELP_COLOR`)
/// becomes anstream's global choice, which clap's help and errors follow as
/// well as `use_color_on`. `auto` leaves it to anstream: `NO_COLOR` (not
/// empty) turns colour off, `CLICOLOR_FORCE` on, `CLICOLOR=0` and
/// `TERM=dumb` off, and otherwise a terminal gets colour.
pub fn set_color(when: ColorWhen) {
    anstream::ColorChoice::write_global(match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
}

/// Style output written to this stream? The global choice (`set_color`)
/// applied to the stream, as anstream decides it for clap's output too.
pub fn use_color_on<S: anstream::stream::RawStream>(stream: &S) -> bool {
    anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never
}

/// Style stdout?
pub fn stdout_has_color() -> bool {
    use_color_on(&std::io::stdout())
}

/// Style stderr (the wizard draws there)?
pub fn stderr_has_color() -> bool {
    use_color_on(&std::io::stderr())
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
