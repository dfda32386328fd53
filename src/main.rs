//! The `loginhelp` binary: parse the command line, run, report errors once.

use std::process::ExitCode;

use clap::Parser as _;
use loginhelp::error::{exit_for, is_broken_pipe, Exit};

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let (cli, json) = match loginhelp::Cli::try_parse_from(&args) {
        Ok(cli) => {
            let json = loginhelp::output::json::wants_json(&cli);
            (Ok(cli), json)
        }
        Err(err) => {
            let json = loginhelp::output::json::args_ask_for_json(&args);
            match loginhelp::commands::mistyped_command(&err, &args) {
                Some(mistyped) => (Err(mistyped), json),
                None => match loginhelp::output::json::clap_error(&err, json) {
                    Some(exit) => return exit.into(),
                    None => err.exit(),
                },
            }
        }
    };
    match cli.and_then(loginhelp::run) {
        Ok(exit) => exit.into(),
        Err(err) if is_broken_pipe(&err) => Exit::Success.into(),
        Err(err) if json => loginhelp::output::json::report_error(&err).into(),
        Err(err) => {
            let exit = exit_for(&err);
            if exit != Exit::Cancelled {
                eprintln!("loginhelp: error: {err:#}");
            }
            exit.into()
        }
    }
}
