//! One colour decision for all output, clap's help and errors included:
//! `--color`/`LOGINHELP_COLOR` first, then `NO_COLOR`, `CLICOLOR_FORCE`,
//! `CLICOLOR=0` and `TERM=dumb`, then whether the stream is a terminal.

use crate::common::{bin, loginhelp};

const ESC: char = '\u{1b}';

#[test]
fn clap_errors_and_help_follow_color_always_through_a_pipe() {
    let run = loginhelp(&["--color", "always", "amazon", "--frmat", "json"]).run();
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains(ESC), "{}", run.stderr);
    let run = loginhelp(&["--help", "--color=always"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert!(run.stdout.contains(ESC), "{}", run.stdout);
    let run = loginhelp(&["list", "--frmat"])
        .env("LOGINHELP_COLOR", "always")
        .run();
    assert!(run.stderr.contains(ESC), "{}", run.stderr);
}

#[test]
fn clicolor_force_colours_loginhelps_own_output_too() {
    let forced = loginhelp(&["list", "--lang", "en"])
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .run();
    assert!(forced.stdout.contains(ESC), "{}", forced.stdout);
    // --color wins over the environment.
    let never = loginhelp(&["list", "--lang", "en", "--color", "never"])
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .run();
    assert!(!never.stdout.contains(ESC), "{}", never.stdout);
}

/// Everything the binary writes to a pseudo-terminal (stdout and stderr
/// both go there), with `env` set.
#[cfg(unix)]
fn on_a_terminal(args: &[&str], env: &[(&str, &str)]) -> String {
    use std::time::{Duration, Instant};
    let mut command = std::process::Command::new("sh");
    command
        .arg("-c")
        .arg("stty cols 80 rows 24 && exec \"$0\" \"$@\"")
        .arg(bin())
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env("TERM", "xterm-256color")
        .env("LOGINHELP_TODAY", "2026-11-22")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CI")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("LOGINHELP_COLOR")
        .env_remove("LOGINHELP_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("COLUMNS");
    for (key, value) in env {
        command.env(key, value);
    }
    let mut session = expectrl::Session::spawn(command).expect("spawn in a pty");
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match session.try_read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                assert!(Instant::now() < deadline, "no end of output");
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(_) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(unix)]
#[test]
fn on_a_terminal_never_and_dumb_mean_no_colour_anywhere() {
    // The reliability review's L11: clap's usage error stayed coloured.
    let usage = ["--color", "never", "amazon", "--lang", "zz"];
    let out = on_a_terminal(&usage, &[]);
    assert!(out.contains("invalid value"), "{out}");
    assert!(!out.contains(ESC), "{out:?}");
    let out = on_a_terminal(&["amazon", "--lang", "zz"], &[("LOGINHELP_COLOR", "never")]);
    assert!(!out.contains(ESC), "{out:?}");
    // TERM=dumb: loginhelp's own output as well as clap's.
    let out = on_a_terminal(&["list"], &[("TERM", "dumb")]);
    assert!(out.contains("amazon"), "{out}");
    assert!(!out.contains(ESC), "{out:?}");
    // Also on a CI service's terminal, where anstream alone would colour.
    let out = on_a_terminal(&["list"], &[("TERM", "dumb"), ("CI", "true")]);
    assert!(!out.contains(ESC), "TERM=dumb with CI set: {out:?}");
    let out = on_a_terminal(&["list"], &[("CLICOLOR", "0")]);
    assert!(!out.contains(ESC), "{out:?}");
    // And a terminal with nothing said gets colour, from both.
    let out = on_a_terminal(&["list"], &[]);
    assert!(out.contains(ESC), "{out:?}");
    let out = on_a_terminal(&["amazon", "--lang", "zz"], &[]);
    assert!(out.contains(ESC), "{out:?}");
}
