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
    // TERM=dumb means no colour even where anstream would colour for a CI
    // service (`CI` set) on a terminal.
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    anstream::ColorChoice::write_global(match when {
        ColorWhen::Auto if dumb => anstream::ColorChoice::Never,
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

/// The signals that end the wizard: each restores the terminal first.
#[cfg(unix)]
pub const ENDING_SIGNALS: [i32; 4] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT];

/// The terminal's settings before the first prompt.
#[cfg(unix)]
static SAVED: std::sync::OnceLock<Option<libc::termios>> = std::sync::OnceLock::new();

/// The first of the handled signals to arrive (0: none yet), set inside
/// the handler. Console turns an interrupted read into a raised SIGINT of
/// its own, so a later SIGINT must not win over the signal that came first.
#[cfg(unix)]
static FIRST: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// While the wizard runs, SIGINT, SIGTERM, SIGHUP and SIGQUIT put the
/// terminal back as it was before the first prompt (dialoguer keeps it in
/// raw mode while it waits for a key, with the cursor hidden), then end the
/// process as the signal says: its handler is reset and the signal raised
/// again (as fd does), so a parent sees "killed by SIGTERM", the shell
/// status 128+N. A signal that was ignored at start (`nohup`, a
/// background job) stays ignored. A prompt blocked on a key cannot
/// return, so a thread does this, the one place besides `main` that ends
/// the process.
#[cfg(unix)]
pub fn restore_on_signals() {
    use std::sync::atomic::Ordering;
    // SAFETY: tcgetattr only fills the struct; it fails on a non-terminal,
    // and then there is no mode to restore.
    let saved = unsafe {
        let mut t = std::mem::MaybeUninit::<libc::termios>::uninit();
        (libc::tcgetattr(libc::STDIN_FILENO, t.as_mut_ptr()) == 0).then(|| t.assume_init())
    };
    if SAVED.set(saved).is_err() {
        return; // already set up
    }
    let wanted: Vec<i32> = ENDING_SIGNALS
        .into_iter()
        .filter(|&sig| !ignored_at_start(sig))
        .collect();
    for &sig in &wanted {
        // SAFETY: the action only does an atomic compare-and-swap, which
        // is async-signal-safe.
        let _ = unsafe {
            signal_hook::low_level::register(sig, move || {
                let _ = FIRST.compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst);
            })
        };
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new(&wanted) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            restore_and_raise(first_or(signal));
        }
    });
}

/// If one of the signals arrived, end by it now. `main` calls this before
/// it exits: the Ctrl-C key makes console raise SIGINT and the prompt
/// return "interrupted" at once, and the process must then end by the
/// signal every time, not by whichever of the two threads is first.
#[cfg(unix)]
pub fn end_if_signalled() {
    use std::sync::atomic::Ordering;
    let first = FIRST.load(Ordering::SeqCst);
    if first != 0 {
        restore_and_raise(first);
    }
}

#[cfg(unix)]
fn first_or(signal: i32) -> i32 {
    use std::sync::atomic::Ordering;
    match FIRST.load(Ordering::SeqCst) {
        0 => signal,
        first => first,
    }
}

/// What to say, once the terminal is back, when a signal ends the process
/// (the wizard: "your walk is saved; to continue …"). It runs on the
/// thread that waits for signals or in `main`, never inside a handler.
static ON_SIGNAL: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

/// Set what `restore_on_signals` says before the process ends by a signal.
pub fn on_signal(say: fn()) {
    let _ = ON_SIGNAL.set(say);
}

/// Put the terminal back, show the cursor, and end by `signal`.
#[cfg(unix)]
fn restore_and_raise(signal: i32) -> ! {
    use std::io::Write as _;
    if let Some(Some(termios)) = SAVED.get() {
        // SAFETY: restores the settings read before on the same fd.
        unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, termios) };
    }
    // Show the cursor and end the prompt's line; a failed write (the
    // terminal has gone) changes nothing.
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(b"\x1b[?25h\n").and_then(|()| err.flush());
    drop(err);
    if let Some(say) = ON_SIGNAL.get() {
        say();
    }
    let _ = signal_hook::low_level::emulate_default_handler(signal);
    // Not reached for these signals; in case it is, exit as the shell
    // would report the signal.
    std::process::exit(128 + signal);
}

/// Is `signal` set to be ignored (inherited from the parent)?
#[cfg(unix)]
fn ignored_at_start(signal: i32) -> bool {
    // SAFETY: with a null new action, sigaction only reads the current one.
    unsafe {
        let mut old = std::mem::MaybeUninit::<libc::sigaction>::zeroed();
        libc::sigaction(signal, std::ptr::null(), old.as_mut_ptr()) == 0
            && old.assume_init().sa_sigaction == libc::SIG_IGN
    }
}

#[cfg(not(unix))]
pub fn restore_on_signals() {}

#[cfg(not(unix))]
pub fn end_if_signalled() {}
