//! The `loginhelp` binary: parse the command line, run, report errors once.

use std::process::ExitCode;

use loginhelp::cli::{self, Early};
use loginhelp::error::{exit_for, is_broken_pipe, Exit};

fn main() -> ExitCode {
    // A shell asking for completions (`COMPLETE=bash loginhelp -- …`).
    if loginhelp::commands::complete_from_env() {
        return Exit::Success.into();
    }
    let args: Vec<_> = std::env::args_os().collect();
    // The language and colour are known before parsing, so that clap's own
    // help and errors follow them too.
    let early = Early::scan(&args, |k| std::env::var(k).ok());
    loginhelp::terminal::set_color(early.color);
    loginhelp::i18n::set_message_lang(early.lang);
    let cli = match cli::parse(args, early.lang) {
        Ok(cli) => cli,
        Err(err) => return cli::report_clap_error(&err, early.lang).into(),
    };
    match loginhelp::run(cli) {
        Ok(exit) => exit.into(),
        Err(err) if is_broken_pipe(&err) => Exit::Success.into(),
        Err(err) => {
            let exit = exit_for(&err);
            if exit != Exit::Cancelled {
                let error = loginhelp::i18n::tr("エラー", "error");
                eprintln!("loginhelp: {error}: {err:#}");
            }
            exit.into()
        }
    }
}
