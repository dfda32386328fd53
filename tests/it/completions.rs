//! Completion in real shells: the script `loginhelp completions SHELL`
//! prints is loaded into fish (asked with `complete -C`) and bash (its
//! completion function called as bash calls it on Tab), and each Tab runs
//! the binary, which completes from the guides the typed words load.
//! PowerShell cannot be installed here: its test calls the binary as the
//! PowerShell script would, read from the script (see `Powershell`).

#![cfg(unix)]

use std::path::Path;
use std::process::Command;

use crate::common::{bin, fixture, loginhelp};

/// A shell with the isolated environment of `common`, and the guides of
/// tests/fixtures/valid in `dir` for `--services-dir`.
fn shell(program: &str, dir: &Path) -> Command {
    let mut command = Command::new(program);
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if key.starts_with("LOGINHELP_") || key.starts_with("LC_") || key == "COMPLETE" {
            command.env_remove(&key);
        }
    }
    // The binary on PATH too, as an installed one would be.
    let bin_dir = Path::new(bin()).parent().unwrap().to_owned();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![bin_dir];
    dirs.extend(std::env::split_paths(&path));
    command
        .current_dir(dir)
        .env("PATH", std::env::join_paths(dirs).unwrap())
        .env("HOME", dir)
        .env("LANG", "C.UTF-8")
        .env("NO_COLOR", "1");
    command
}

fn script(shell: &str, dir: &Path) -> std::path::PathBuf {
    let run = loginhelp(&["completions", shell]).run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stdout.is_empty());
    let path = dir.join(format!("loginhelp.{shell}"));
    std::fs::write(&path, run.stdout).unwrap();
    path
}

fn guides_dir(dir: &Path) -> String {
    let guides = dir.join("guides");
    std::fs::create_dir_all(&guides).unwrap();
    std::fs::copy(fixture("valid/minimal.toml"), guides.join("minimal.toml")).unwrap();
    guides.to_str().unwrap().to_owned()
}

/// Is `name` installed? `.ci/run` installs zsh and fish and sets
/// LOGINHELP_TEST_REQUIRE_SHELLS, so that there a missing shell fails.
fn has_shell(name: &str) -> bool {
    let found = Command::new(name)
        .arg("-c")
        .arg("exit 0")
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found || std::env::var_os("LOGINHELP_TEST_REQUIRE_SHELLS").is_none(),
        "{name} is required for the completion tests"
    );
    found
}

/// What fish offers for `line` (value, then a tab and the description).
fn fish_complete(dir: &Path, script: &Path, line: &str) -> Vec<String> {
    let out = shell("fish", dir)
        .arg("--no-config")
        .arg("-c")
        .arg(format!(
            "source {}; complete -C {}",
            script.display(),
            shell_words(line)
        ))
        .output()
        .expect("fish runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_owned())
        .collect()
}

/// What bash's completion function puts in COMPREPLY for `line` (the
/// cursor at its end), called as bash calls it.
fn bash_complete(dir: &Path, script: &Path, line: &str) -> Vec<String> {
    let mut words: Vec<String> = line.split(' ').map(str::to_owned).collect();
    let current = words.last().cloned().unwrap_or_default();
    let previous = if words.len() > 1 {
        words[words.len() - 2].clone()
    } else {
        String::new()
    };
    let cword = words.len() - 1;
    let array = words
        .drain(..)
        .map(|w| shell_words(&w))
        .collect::<Vec<_>>()
        .join(" ");
    let out = shell("bash", dir)
        .arg("--norc")
        .arg("-c")
        .arg(format!(
            "source {}; COMP_WORDS=({array}); COMP_CWORD={cword}; COMP_TYPE=9; \
             COMP_LINE={line}; COMP_POINT=${{#COMP_LINE}}; \
             _clap_complete_loginhelp loginhelp {} {}; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            shell_words(&current),
            shell_words(&previous),
            line = shell_words(line),
        ))
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.trim_end().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// `s` in single quotes, for sh, bash and fish alike.
fn shell_words(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// The cases every shell must get right; `{dir}` is the --services-dir.
fn cases(dir: &str) -> Vec<(String, &'static [&'static str])> {
    vec![
        ("loginhelp ama".into(), &["amazon", "amazon.co.jp"]),
        ("loginhelp インス".into(), &["インスタ", "インスタグラム"]),
        ("loginhelp Ama".into(), &["amazon"]),
        ("loginhelp gr".into(), &["graph"]),
        ("loginhelp show am".into(), &["amazon"]),
        ("loginhelp amazon --la".into(), &["--lang"]),
        (
            "loginhelp amazon --color ".into(),
            &["auto", "always", "never"],
        ),
        ("loginhelp --lang ".into(), &["ja", "en"]),
        (
            "loginhelp amazon --start reset-p".into(),
            &["reset-password"],
        ),
        ("loginhelp show amazon reset-p".into(), &["reset-password"]),
        ("loginhelp amazon -a sym".into(), &["symptom="]),
        (
            "loginhelp amazon -a symptom=hac".into(),
            &["symptom=hacked"],
        ),
        (
            "loginhelp graph amazon --format ".into(),
            &["mermaid", "dot"],
        ),
        ("loginhelp completions ".into(), &["bash", "zsh", "fish"]),
        ("loginhelp search --".into(), &["--format"]),
        (
            format!("loginhelp --services-dir {dir} mi"),
            &["minimal", "mini"],
        ),
    ]
}

#[test]
fn fish_completes_services_options_nodes_and_answers() {
    if !has_shell("fish") {
        eprintln!("fish is not installed; skipping (CI installs it)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = script("fish", dir.path());
    let guides = guides_dir(dir.path());
    for (line, wanted) in cases(&guides) {
        let got = fish_complete(dir.path(), &script, &line);
        for want in wanted {
            assert!(
                got.iter().any(|g| g == want),
                "fish `{line}`: {want} not in {got:?}"
            );
        }
    }
    // The words after `show` are not the walk's: no walk flags there.
    let got = fish_complete(dir.path(), &script, "loginhelp search --");
    assert!(!got.iter().any(|g| g == "--answer"), "{got:?}");
}

#[test]
fn bash_completes_services_options_nodes_and_answers() {
    let dir = tempfile::tempdir().unwrap();
    let script = script("bash", dir.path());
    let guides = guides_dir(dir.path());
    for (line, wanted) in cases(&guides) {
        let got = bash_complete(dir.path(), &script, &line);
        for want in wanted {
            assert!(
                got.iter().any(|g| g == want),
                "bash `{line}`: {want} not in {got:?}"
            );
        }
    }
    let got = bash_complete(dir.path(), &script, "loginhelp show am");
    assert!(
        !got.iter().any(|g| g == "list"),
        "subcommands after show: {got:?}"
    );
}

/// The screen of an interactive zsh in a pseudo-terminal after typing
/// `line` and pressing Tab twice (complete, then list).
fn zsh_screen(dir: &Path, script: &Path, line: &str, wanted: &[&str]) -> String {
    use std::time::{Duration, Instant};
    let mut command = shell("sh", dir);
    command
        .arg("-c")
        .arg("stty cols 200 rows 40 && exec zsh -f -i")
        .env("TERM", "xterm-256color")
        .env("PS1", "%% ");
    let mut session = expectrl::Session::spawn(command).expect("zsh in a pty");
    let mut parser = vt100::Parser::new(40, 200, 0);
    let mut pump = |session: &mut expectrl::session::OsSession, until: &dyn Fn(&str) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut buf = [0u8; 8192];
        loop {
            match session.try_read(&mut buf) {
                Ok(n) if n > 0 => parser.process(&buf[..n]),
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
            let screen = parser.screen().contents();
            if until(&screen) || Instant::now() > deadline {
                return screen;
            }
        }
    };
    use std::io::Write as _;
    session
        .write_all(
            format!(
                "autoload -Uz compinit && compinit -u && source {} && echo READY\r",
                script.display()
            )
            .as_bytes(),
        )
        .unwrap();
    pump(&mut session, &|s| s.contains("\nREADY"));
    session.write_all(format!("{line}\t").as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    session.write_all(b"\t").unwrap();
    let after_prompt = |s: &str| s.rsplit("READY").next().unwrap_or("").to_owned();
    let screen = pump(&mut session, &|s| {
        let shown = after_prompt(s);
        wanted.iter().all(|w| shown.contains(w))
    });
    let _ = session.write_all(b"\x03exit\r");
    after_prompt(&screen)
}

#[test]
fn zsh_completes_services_options_nodes_and_answers() {
    if !has_shell("zsh") {
        eprintln!("zsh is not installed; skipping (CI installs it)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let script = script("zsh", dir.path());
    let guides = guides_dir(dir.path());
    for (line, wanted) in cases(&guides) {
        // zsh itself keeps only candidates that start with what was typed,
        // so the folded `Ama` → `amazon` is not offered there.
        if line == "loginhelp Ama" {
            continue;
        }
        let screen = zsh_screen(dir.path(), &script, &line, wanted);
        for want in wanted {
            assert!(
                screen.contains(want),
                "zsh `{line}`: {want} not on screen:\n{screen}"
            );
        }
    }
    // The review's zsh bug: after `show`, the commands were offered.
    let screen = zsh_screen(dir.path(), &script, "loginhelp show ", &["amazon"]);
    assert!(!screen.contains("validate"), "{screen}");
}

/// How the script `loginhelp completions powershell` prints calls the
/// binary at each Tab, read from the script itself, so that a change in
/// clap_complete's protocol fails here instead of passing unnoticed.
///
/// No real PowerShell is run: pwsh is not packaged in Debian, npm's `pwsh`
/// downloads it from GitHub when installed (only the package registries
/// can be reached here and in CI) and PyPI's `pwsh` wraps Windows
/// PowerShell. These tests do what the script's ScriptBlock does instead:
/// the same variable, the same argument list, the output split the same way.
/// There is no index variable (bash's `_CLAP_COMPLETE_INDEX`): the word
/// being completed is the last argument, an empty one when the cursor is
/// after a space.
#[derive(Debug)]
struct Powershell {
    /// `$env:VAR = "VALUE";` before the call.
    var: String,
    value: String,
    /// `& PROGRAM ARGS… $args` inside the here-string.
    program: String,
    args: Vec<String>,
    /// `$args += " ''"` when the word being completed is empty.
    empty_word: bool,
}

impl Powershell {
    fn read(script: &str) -> Powershell {
        let protocol = |what: &str| -> ! {
            panic!("clap_complete's PowerShell script changed ({what}):\n{script}")
        };
        // The text up to the cursor is the words, and the results are the
        // first field of each line of output, tab-separated.
        for part in [
            "param($wordToComplete, $commandAst, $cursorPosition)",
            "$args = $commandAst.Extent.Text",
            "$args.Substring(0, [math]::Min($cursorPosition, $args.Length))",
            "$split = $_.Split(\"`t\");",
            "$cmd = $split[0];",
            "[System.Management.Automation.CompletionResult]::new($cmd, $cmd,",
        ] {
            if !script.contains(part) {
                protocol(part);
            }
        }
        if script.contains("_CLAP_COMPLETE_INDEX") {
            protocol("an index variable");
        }
        let set = script
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with("$env:") && l.contains(" = \""))
            .unwrap_or_else(|| protocol("no $env:VAR = \"…\""));
        let (var, value) = set["$env:".len()..]
            .trim_end_matches(';')
            .split_once(" = ")
            .unwrap_or_else(|| protocol(set));
        let call = script
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with("& ") && l.ends_with(" $args"))
            .unwrap_or_else(|| protocol("no `& PROGRAM … $args`"));
        let call = &call[2..call.len() - " $args".len()];
        // The program as shlex quotes it: bare, or in single quotes.
        let (program, rest) = match call.strip_prefix('\'') {
            Some(quoted) => quoted.split_once('\'').unwrap_or_else(|| protocol(call)),
            None => call.split_once(' ').unwrap_or((call, "")),
        };
        Powershell {
            var: var.to_owned(),
            value: value.trim_matches('"').to_owned(),
            program: program.to_owned(),
            args: rest.split_whitespace().map(str::to_owned).collect(),
            empty_word: script.contains("if ($wordToComplete -eq \"\")")
                && script.contains("$args += \" ''\";"),
        }
    }

    /// The candidates (value, description) for `line`, the cursor at its
    /// end, as the ScriptBlock gets them: PowerShell shows a native
    /// completer's results as they are, without filtering them.
    fn complete(&self, dir: &Path, line: &str) -> Vec<(String, String)> {
        // Invoke-Expression reads the text as PowerShell words; the lines
        // here are plain words, and `''` is the empty one.
        let mut words: Vec<&str> = line.split_whitespace().collect();
        if line.ends_with(' ') && self.empty_word {
            words.push("");
        }
        let mut command = Command::new(&self.program);
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy().into_owned();
            if key.starts_with("LOGINHELP_") || key.starts_with("LC_") || key == "COMPLETE" {
                command.env_remove(&key);
            }
        }
        let out = command
            .args(&self.args)
            .args(&words)
            .env(&self.var, &self.value)
            .env("LANG", "C.UTF-8")
            .env("NO_COLOR", "1")
            .env("HOME", dir)
            .current_dir(dir)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("the completer runs");
        assert!(
            out.status.success(),
            "`{line}`: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "`{line}`");
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                let mut split = l.split('\t');
                let value = split.next().unwrap_or("").to_owned();
                (value, split.next().unwrap_or("").to_owned())
            })
            .collect()
    }
}

#[test]
fn powershell_completes_services_options_nodes_and_answers() {
    let dir = tempfile::tempdir().unwrap();
    let script = script("powershell", dir.path());
    let protocol = Powershell::read(&std::fs::read_to_string(script).unwrap());
    assert_eq!(protocol.program, bin(), "{protocol:?}");
    let guides = guides_dir(dir.path());
    let values = |line: &str| -> Vec<String> {
        protocol
            .complete(dir.path(), line)
            .into_iter()
            .map(|(v, _)| v)
            .collect()
    };
    for (line, wanted) in cases(&guides) {
        let got = values(&line);
        for want in wanted {
            assert!(
                got.iter().any(|g| g == want),
                "powershell `{line}`: {want} not in {got:?}"
            );
        }
    }
    // PowerShell does not filter what the completer gives: the candidates
    // must be exactly the right ones.
    assert_eq!(values("loginhelp ama"), ["amazon", "amazon.co.jp"]);
    assert_eq!(values("loginhelp --lang "), ["ja", "en"]);
    assert_eq!(values("loginhelp インスタ"), ["インスタ", "インスタグラム"]);
    assert_eq!(values("loginhelp show amazon reset-p"), ["reset-password"]);
    assert_eq!(
        values("loginhelp amazon --start reset-p"),
        ["reset-password"]
    );
    assert_eq!(
        values("loginhelp amazon -a symptom=hac"),
        ["symptom=hacked"]
    );
    assert_eq!(
        values(&format!("loginhelp --services-dir {guides} mi")),
        ["minimal", "mini"]
    );
    let got = values("loginhelp show am");
    assert!(!got.iter().any(|g| g == "list"), "{got:?}");
    let got = values("loginhelp search --");
    assert!(!got.iter().any(|g| g == "--answer"), "{got:?}");
    // Each service comes with its name, the tooltip PowerShell shows.
    for (value, help) in protocol.complete(dir.path(), "loginhelp ama") {
        assert!(help.contains("Amazon"), "{value}: {help:?}");
    }
}
