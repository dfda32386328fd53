//! The `loginhelp` binary: parse the command line, run, report errors once.

use std::process::ExitCode;

use loginhelp::cli::Early;
use loginhelp::error::{exit_for, is_broken_pipe, Exit};
use loginhelp::output::emit;

fn main() -> ExitCode {
    if closed_stdout::at_start() {
        emit::stdout_was_closed();
    }
    // A shell asking for completions (`COMPLETE=bash loginhelp -- …`).
    if loginhelp::commands::complete_from_env() {
        return Exit::Success.into();
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language and colour are known before parsing, so that clap's own
    // help and errors follow them too.
    let early = Early::scan(&args, |k| std::env::var(k).ok());
    loginhelp::terminal::set_color(early.color);
    loginhelp::i18n::set_message_lang(early.lang);
    let (cli, json) =
        match loginhelp::cli::parse_with_env(&args, |k| std::env::var_os(k), early.lang) {
            Ok(cli) => {
                let json = loginhelp::output::json::wants_json(&cli);
                (Ok(cli), json)
            }
            Err(err) => {
                let json = loginhelp::output::json::args_ask_for_json(&args);
                match loginhelp::commands::mistyped_command(&err.error, &args) {
                    Some(mistyped) => (Err(mistyped), json),
                    None => match loginhelp::output::json::clap_error(&err.error, json, early.lang)
                    {
                        Some(exit) => return exit.into(),
                        // Japanese errors are rendered by loginhelp, inert.
                        None if err.typed_controls() && early.lang == loginhelp::i18n::Lang::En => {
                            return err.report()
                        }
                        None => return emit::clap_message(&err.error, early.lang).into(),
                    },
                }
            }
        };
    let result = cli.and_then(loginhelp::run);
    loginhelp::terminal::end_if_signalled();
    match result {
        Ok(exit) => exit.into(),
        Err(err) if is_broken_pipe(&err) => Exit::Success.into(),
        Err(err) if json => loginhelp::output::json::report_error(&err).into(),
        Err(err) => {
            let exit = exit_for(&err);
            if exit != Exit::Cancelled {
                let error = loginhelp::i18n::tr("エラー", "error");
                let message =
                    loginhelp::i18n::os_error::chain(&err, loginhelp::i18n::message_lang());
                emit::note(&format!("loginhelp: {error}: {message}"));
            }
            exit.into()
        }
    }
}

/// Was stdout closed when the process started (`loginhelp list >&-`)? The
/// Rust runtime reopens a closed descriptor 0–2 on `/dev/null` before
/// `main`, which would make every write "succeed"; so look before it does,
/// from an ELF initialiser (these run before the runtime's start-up code).
/// Elsewhere the answer is always no.
mod closed_stdout {
    use std::sync::atomic::{AtomicBool, Ordering};

    static CLOSED: AtomicBool = AtomicBool::new(false);

    pub fn at_start() -> bool {
        CLOSED.load(Ordering::Relaxed)
    }

    #[cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly",
        target_os = "illumos",
        target_os = "solaris"
    ))]
    #[used]
    #[link_section = ".init_array"]
    static LOOK: extern "C" fn() = look;

    #[allow(dead_code)]
    extern "C" fn look() {
        // SAFETY: F_GETFD only asks about the descriptor; -1 means it is
        // not open.
        if unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFD) } == -1 {
            CLOSED.store(true, Ordering::Relaxed);
        }
    }
}
