//! Running the real binary in an isolated environment: a pinned language,
//! no colour, a fixed width, no inherited `LOGINHELP_*` settings, and a
//! closed stdin so that nothing can wait on a terminal.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct Run {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Assert that standard output holds `needle`, showing it when not.
    #[track_caller]
    pub fn assert_stdout_has(&self, needle: &str) {
        assert!(self.stdout.contains(needle), "{}", self.stdout);
    }

    /// Assert that standard error holds `needle`, showing it when not.
    #[track_caller]
    pub fn assert_stderr_has(&self, needle: &str) {
        assert!(self.stderr.contains(needle), "{}", self.stderr);
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

pub struct Cmd {
    command: Command,
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_loginhelp")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    repo().join("tests/fixtures").join(rel)
}

pub fn loginhelp(args: &[&str]) -> Cmd {
    let mut command = Command::new(bin());
    command.args(args);
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if key.starts_with("LOGINHELP_")
            || key.starts_with("LC_")
            || key == "LANG"
            || key == "NO_COLOR"
            || key == "COLUMNS"
        {
            command.env_remove(&key);
        }
    }
    command
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .env("LOGINHELP_TODAY", "2026-11-22")
        .stdin(Stdio::null());
    Cmd { command }
}

impl Cmd {
    pub fn env(mut self, key: &str, value: &str) -> Cmd {
        self.command.env(key, value);
        self
    }

    pub fn env_remove(mut self, key: &str) -> Cmd {
        self.command.env_remove(key);
        self
    }

    pub fn current_dir(mut self, dir: &Path) -> Cmd {
        self.command.current_dir(dir);
        self
    }

    /// The command as set up, for tests that wire stdout or stderr.
    pub fn command(self) -> Command {
        self.command
    }

    /// The raw output, for tests that look at bytes.
    pub fn output(mut self) -> Output {
        self.command.output().expect("the binary runs")
    }

    pub fn run(self) -> Run {
        let Output {
            status,
            stdout,
            stderr,
        } = self.output();
        let run = Run {
            status: status.code().unwrap_or(-1),
            stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "the binary panicked:\n{}",
            run.stderr
        );
        run
    }
}
