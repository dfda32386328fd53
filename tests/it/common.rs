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
    args: Vec<String>,
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
    Cmd {
        command,
        args: args.iter().map(|a| a.to_string()).collect(),
    }
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
        let args = self.args.clone();
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
        check_json_output(&args, &run);
        run
    }
}

/// Every run that asks for `--format json` and prints something must
/// print one JSON object that its command's schema under `docs/` (or the
/// error schema, for an error) accepts.
fn check_json_output(args: &[String], run: &Run) {
    let asks_json = args
        .windows(2)
        .any(|w| w[0] == "--format" && w[1] == "json")
        || args.iter().any(|a| a == "--format=json");
    let asks_help = args
        .iter()
        .any(|a| ["-h", "--help", "-V", "--version"].contains(&a.as_str()));
    if !asks_json || asks_help || run.stdout.is_empty() {
        return;
    }
    let value = run.json();
    let schema = if value.get("error").is_some() {
        "error"
    } else {
        command_schema(args)
    };
    assert_matches_schema(schema, &value);
}

/// Which schema the command line's output has: the subcommand's, or the
/// walk's (`output`).
pub fn command_schema(args: &[String]) -> &'static str {
    const TAKES_VALUE: [&str; 9] = [
        "--lang",
        "--services-dir",
        "--color",
        "-a",
        "--answer",
        "--answers",
        "--start",
        "--format",
        "--report",
    ];
    let mut words = args.iter();
    while let Some(word) = words.next() {
        if TAKES_VALUE.contains(&word.as_str()) {
            words.next();
        } else if !word.starts_with('-') {
            return match word.as_str() {
                "list" => "list",
                "show" => "show",
                "search" => "search",
                "validate" => "validate",
                _ => "output",
            };
        }
    }
    "output"
}

/// `docs/NAME.schema.json`, with every schema under `docs/` available to
/// its `$ref`s.
fn validator(name: &str) -> &'static jsonschema::Validator {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static VALIDATORS: OnceLock<HashMap<String, jsonschema::Validator>> = OnceLock::new();
    let all = VALIDATORS.get_or_init(|| {
        let mut schemas = Vec::new();
        for entry in std::fs::read_dir(repo().join("docs")).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            if let Some(name) = file.strip_suffix(".schema.json") {
                let text = std::fs::read_to_string(&path).unwrap();
                let value: serde_json::Value = serde_json::from_str(&text)
                    .unwrap_or_else(|e| panic!("{file} is not JSON: {e}"));
                schemas.push((name.to_owned(), value));
            }
        }
        let resources: Vec<(String, jsonschema::Resource)> = schemas
            .iter()
            .map(|(name, value)| {
                let id = value["$id"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{name}: no $id"));
                (
                    id.to_owned(),
                    jsonschema::Resource::from_contents(value.clone()).unwrap(),
                )
            })
            .collect();
        schemas
            .iter()
            .map(|(name, value)| {
                let validator = jsonschema::options()
                    .with_resources(resources.clone().into_iter())
                    .build(value)
                    .unwrap_or_else(|e| {
                        panic!("docs/{name}.schema.json is not a valid schema: {e}")
                    });
                (name.clone(), validator)
            })
            .collect()
    });
    all.get(name)
        .unwrap_or_else(|| panic!("no docs/{name}.schema.json"))
}

/// Assert that `value` matches `docs/NAME.schema.json`.
#[track_caller]
pub fn assert_matches_schema(name: &str, value: &serde_json::Value) {
    let errors: Vec<String> = validator(name)
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "output does not match docs/{name}.schema.json:\n{}\n{value:#}",
        errors.join("\n")
    );
}

/// Amazon's forgotten-password walk to the escalation, with `extra` flags.
pub fn amazon_escalation(extra: &[&str]) -> Run {
    let mut args = vec![
        "amazon",
        "-a",
        "symptom=forgot-password",
        "-a",
        "reset-password=no",
        "-a",
        "reset-stuck=other",
    ];
    args.extend_from_slice(extra);
    loginhelp(&args).run()
}

/// The binary as a command that cannot read what only its owner may: as
/// itself, or, when the tests run as root (who reads any file), as
/// `nobody` through setpriv. `None` when root has no setpriv.
#[cfg(unix)]
pub fn unprivileged(as_root: bool) -> Option<Command> {
    if !as_root {
        return Some(Command::new(bin()));
    }
    if !Path::new("/usr/bin/setpriv").exists() {
        return None;
    }
    let mut c = Command::new("/usr/bin/setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(bin());
    Some(c)
}
