//! The `loginhelp` binary: parse the command line, run, report errors once.

use std::process::ExitCode;

use loginhelp::error::{exit_for, is_broken_pipe, Exit};

fn main() -> ExitCode {
    let cli = match loginhelp::cli::parse_with_env(std::env::args_os(), |k| std::env::var_os(k)) {
        Ok(cli) => cli,
        Err(err) => return err.report(),
    };
    match loginhelp::run(cli) {
        Ok(exit) => exit.into(),
        Err(err) if is_broken_pipe(&err) => Exit::Success.into(),
        Err(err) => {
            let exit = exit_for(&err);
            if exit != Exit::Cancelled {
                eprintln!("loginhelp: error: {err:#}");
            }
            exit.into()
        }
    }
}
