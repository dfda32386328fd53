//! The wizard in a real pseudo-terminal with a fixed window size. Output is
//! fed through a terminal emulator (vt100), so assertions are about what a
//! person would see on the screen: no erased or duplicated lines while the
//! selection moves, the cursor shown again after Esc or Ctrl-C.

#![cfg(unix)]

use crate::common;

use std::io::Write as _;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::Session;

pub(crate) const ENTER: &str = "\r";
pub(crate) const DOWN: &str = "\x1b[B";
pub(crate) const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";

pub(crate) struct Tty {
    session: expectrl::session::OsSession,
    parser: vt100::Parser,
}

impl Tty {
    /// Start the wizard at `cols`×`rows`; the size is set with stty before
    /// the binary starts, so its first frame already has the right width.
    pub(crate) fn spawn(
        cols: u16,
        rows: u16,
        lang: &str,
        args: &[&str],
        dir: &std::path::Path,
    ) -> Tty {
        Tty::spawn_env(cols, rows, lang, args, dir, &[])
    }

    /// `spawn` with more environment variables. Saved walks go to
    /// `dir/state`, never to the user's own state directory.
    pub(crate) fn spawn_env(
        cols: u16,
        rows: u16,
        lang: &str,
        args: &[&str],
        dir: &std::path::Path,
        env: &[(&str, &str)],
    ) -> Tty {
        Tty::spawn_full(cols, rows, lang, "exec \"$0\" \"$@\"", args, dir, env)
    }

    /// `spawn` with extra environment variables, and optionally stdout
    /// redirected to a file (stdin and stderr stay on the terminal).
    pub(crate) fn spawn_with(
        cols: u16,
        rows: u16,
        lang: &str,
        args: &[&str],
        dir: &std::path::Path,
        env: &[(&str, &str)],
        stdout_to: Option<&std::path::Path>,
    ) -> Tty {
        let redirect = stdout_to.map_or(String::new(), |p| format!(" > '{}'", p.display()));
        let script = format!("exec \"$0\" \"$@\"{redirect}");
        Tty::spawn_full(cols, rows, lang, &script, args, dir, env)
    }

    /// Start `script` in sh after the stty; in it `"$0" "$@"` runs the
    /// binary with `args`.
    pub(crate) fn spawn_in_sh(
        cols: u16,
        rows: u16,
        lang: &str,
        script: &str,
        args: &[&str],
        dir: &std::path::Path,
    ) -> Tty {
        Tty::spawn_full(cols, rows, lang, script, args, dir, &[])
    }

    fn spawn_full(
        cols: u16,
        rows: u16,
        lang: &str,
        script: &str,
        args: &[&str],
        dir: &std::path::Path,
        env: &[(&str, &str)],
    ) -> Tty {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!("stty cols {cols} rows {rows} && {script}"))
            .arg(common::bin())
            .args(args)
            .current_dir(dir)
            .env("LANG", lang)
            .env("TERM", "xterm-256color")
            .env("NO_COLOR", "1")
            .env("LOGINHELP_TODAY", "2026-11-22")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LOGINHELP_LANG")
            .env_remove("LOGINHELP_SERVICES_DIR")
            .env_remove("COLUMNS")
            .env_remove("LOGINHELP_NOW")
            .env_remove("LOGINHELP_PLAIN")
            .env("LOGINHELP_STATE_DIR", dir.join("state"))
            .envs(env.iter().copied());
        let session = Session::spawn(command).expect("spawn in a pty");
        Tty {
            session,
            parser: vt100::Parser::new(rows, cols, 0),
        }
    }

    pub(crate) fn pump(&mut self) -> bool {
        let mut buf = [0u8; 8192];
        let mut got = false;
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => return got,
                Ok(n) => {
                    self.parser.process(&buf[..n]);
                    got = true;
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return got,
                Err(_) => return got,
            }
        }
    }

    pub(crate) fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Wait until the screen shows `text` (and output has settled).
    pub(crate) fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            self.pump();
            if self.screen().contains(text) {
                // Let the rest of the frame arrive.
                std::thread::sleep(Duration::from_millis(150));
                self.pump();
                return self.screen();
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    pub(crate) fn send(&mut self, keys: &str) {
        self.session.write_all(keys.as_bytes()).unwrap();
        self.session.flush().unwrap();
        std::thread::sleep(Duration::from_millis(120));
        self.pump();
    }

    /// Wait for the process to end; its exit status.
    pub(crate) fn exit_code(&mut self) -> i32 {
        match self.ended() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("ended by {other:?}"),
        }
    }

    /// Wait for the process to end; how it ended.
    pub(crate) fn ended(&mut self) -> WaitStatus {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            self.pump();
            if let Ok(status @ (WaitStatus::Exited(..) | WaitStatus::Signaled(..))) =
                self.session.get_process().status()
            {
                self.pump();
                return status;
            }
            if Instant::now() > deadline {
                panic!("the wizard did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Resize the window, as a user dragging its edge: the pty (the wizard
    /// gets SIGWINCH) and the emulated screen.
    pub(crate) fn resize(&mut self, cols: u16, rows: u16) {
        self.pump();
        self.session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("resize the pty");
        self.parser.screen_mut().set_size(rows, cols);
        std::thread::sleep(Duration::from_millis(150));
        self.pump();
    }

    pub(crate) fn alive(&mut self) -> bool {
        self.session.get_process().is_alive().unwrap_or(false)
    }

    pub(crate) fn cursor_hidden(&self) -> bool {
        self.parser.screen().hide_cursor()
    }
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn walk_to_a_fix_and_say_it_worked() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(80, 30, "en_US.UTF-8", &["instagram"], dir.path());
    tty.wait_for("What is happening?");
    tty.send(ENTER); // I forgot my password
    tty.wait_for("Which phone are you using?");
    tty.send(ENTER); // iPhone
    let screen = tty.wait_for("Did this solve it?");
    assert!(screen.contains("Step 1 of"), "{screen}");
    assert!(screen.contains("Checking:"), "{screen}");
    // The cursor starts on "No": move up to "Yes, it worked".
    tty.send("\x1b[A");
    tty.send(ENTER);
    let screen = tty.wait_for("Solved");
    assert!(screen.contains("✔"), "{screen}");
    assert_eq!(tty.exit_code(), 0);
    assert!(!tty.cursor_hidden());
}

#[test]
fn walk_to_an_escalation_and_save_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(80, 40, "en_US.UTF-8", &["amazon"], dir.path());
    tty.wait_for("What is happening?");
    for _ in 0..4 {
        tty.send(DOWN);
    }
    tty.send(ENTER); // Hacked, or a suspicious email
    tty.wait_for("Continue");
    tty.send(ENTER);
    tty.wait_for("What should happen with the support message?");
    tty.send(ENTER); // Save it to a file
    tty.wait_for("File name to save it as");
    tty.send(ENTER); // accept the suggested name
    tty.wait_for("Saved to");
    assert_eq!(tty.exit_code(), 0);
    let saved = dir.path().join("loginhelp-amazon-2026-11-22.txt");
    let text = std::fs::read_to_string(&saved).expect("the report was saved");
    assert!(text.contains("Hacked, or a suspicious email"), "{text}");
    assert!(text.contains("2026-11-22"), "{text}");
}

#[test]
fn go_back_one_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(80, 30, "en_US.UTF-8", &["instagram"], dir.path());
    tty.wait_for("What is happening?");
    tty.send(ENTER);
    tty.wait_for("Which phone are you using?");
    // Items: iPhone, Android, other, Back, Start over, Quit.
    let screen = tty.screen();
    let items: Vec<&str> = screen
        .lines()
        .skip_while(|l| !l.contains("Which phone are you using?"))
        .collect();
    let back = items
        .iter()
        .position(|l| l.contains("Back to the previous question"))
        .unwrap();
    for _ in 0..back - 1 {
        tty.send(DOWN);
    }
    tty.send(ENTER);
    let screen = tty.wait_for("question 1");
    assert!(screen.contains("Back to the previous question"), "{screen}");
    // Back at the first question: it is asked again.
    let after = screen.rsplit("question 1").next().unwrap();
    assert!(after.contains("What is happening?"), "{screen}");
    tty.send(ESC);
    assert_eq!(tty.exit_code(), 130);
}

/// `--answers -` on a terminal is refused at once rather than waiting for
/// TOML to be typed.
#[test]
fn answers_from_a_terminal_are_refused_not_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(
        120,
        30,
        "ja_JP.UTF-8",
        &["amazon", "--answers", "-"],
        dir.path(),
    );
    tty.wait_for("標準入力が端末です");
    assert_eq!(tty.exit_code(), 2);
}

#[test]
fn escape_quits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(80, 30, "ja_JP.UTF-8", &["amazon"], dir.path());
    tty.wait_for("いまどんな状況ですか?");
    assert!(
        tty.cursor_hidden(),
        "dialoguer hides the cursor while selecting"
    );
    tty.send(ESC);
    assert_eq!(tty.exit_code(), 130);
    assert!(!tty.cursor_hidden(), "the cursor is shown again");
}

#[test]
fn ctrl_c_shows_the_cursor_and_ends_by_sigint() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(80, 30, "ja_JP.UTF-8", &["line"], dir.path());
    tty.wait_for("×");
    assert!(tty.cursor_hidden());
    tty.send(CTRL_C);
    // The key comes as a byte in raw mode; console raises SIGINT for it,
    // and the process ends by SIGINT (a shell shows 130).
    let ended = tty.ended();
    assert!(
        matches!(
            ended,
            WaitStatus::Signaled(_, expectrl::process::unix::Signal::SIGINT, _)
        ),
        "ended by SIGINT, not {ended:?}; screen:\n{}",
        tty.screen()
    );
    assert!(
        !tty.cursor_hidden(),
        "the cursor is shown again after Ctrl-C"
    );
}

/// The children of process `parent` (from /proc).
#[cfg(target_os = "linux")]
fn children_of(parent: u32) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid …": comm may hold spaces, so split after ')'.
        let after = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
        if after.split_whitespace().nth(1) == Some(&parent.to_string()) {
            found.push(pid);
        }
    }
    found
}

/// SIGTERM, SIGHUP, SIGQUIT and SIGINT sent to the wizard at a prompt (by
/// `kill`, `timeout`, a supervisor, a closed terminal window): it puts the
/// terminal's settings back (dialoguer has it in raw mode, no echo) and
/// shows the cursor, then ends by that signal, so the shell sees 128+N.
/// sh records `stty -g` before and after: an interactive bash would repair
/// the settings itself and hide the problem.
#[cfg(target_os = "linux")]
#[test]
fn signals_at_a_prompt_restore_the_terminal_and_end_as_the_signal_says() {
    let signals = [
        (libc::SIGTERM, 143),
        (libc::SIGHUP, 129),
        (libc::SIGQUIT, 131),
        (libc::SIGINT, 130),
    ];
    for (signal, status) in signals {
        let dir = tempfile::tempdir().unwrap();
        let script = "stty -g > before; \"$0\" \"$@\"; echo $? > status; stty -g > after.tmp; mv after.tmp after";
        let mut tty = Tty::spawn_in_sh(80, 30, "en_US.UTF-8", script, &["amazon"], dir.path());
        tty.wait_for("What is happening?");
        assert!(tty.cursor_hidden(), "signal {signal}: dialoguer hides it");
        let sh = tty.session.get_process().pid().as_raw() as u32;
        let wizard = children_of(sh);
        assert_eq!(wizard.len(), 1, "signal {signal}: the wizard under sh");
        // SAFETY: sends a signal to the child we started.
        assert_eq!(unsafe { libc::kill(wizard[0] as i32, signal) }, 0);
        let after = dir.path().join("after");
        let deadline = Instant::now() + Duration::from_secs(30);
        while !after.exists() {
            tty.pump();
            assert!(
                Instant::now() < deadline,
                "signal {signal}: sh did not go on; screen:\n{}",
                tty.screen()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
        tty.pump();
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(read("status").trim(), status.to_string(), "signal {signal}");
        assert_eq!(
            read("before"),
            read("after"),
            "signal {signal}: the terminal's settings were not restored"
        );
        assert!(
            !tty.cursor_hidden(),
            "signal {signal}: the cursor is still hidden"
        );
    }
}

/// Moving the selection redraws the items; with Japanese items at 80 and 40
/// columns nothing above the prompt may be erased and nothing duplicated.
#[test]
fn japanese_redraws_cleanly_at_80_and_40_columns() {
    for cols in [80u16, 40] {
        let dir = tempfile::tempdir().unwrap();
        let mut tty = Tty::spawn(cols, 40, "ja_JP.UTF-8", &["hapitas"], dir.path());
        let first = tty.wait_for("× 終了する");
        let header = first
            .lines()
            .find(|l| l.contains("ハピタス"))
            .unwrap()
            .to_owned();
        for _ in 0..5 {
            tty.send(DOWN);
        }
        tty.send("\x1b[A");
        let screen = tty.wait_for("× 終了する");
        assert_eq!(
            count(&screen, "× 終了する"),
            1,
            "{cols} columns: items duplicated:\n{screen}"
        );
        assert!(
            screen.contains(&header),
            "{cols} columns: the header was erased:\n{screen}"
        );
        assert_eq!(
            screen.lines().filter(|l| l.contains("質問 1")).count(),
            1,
            "{cols} columns:\n{screen}"
        );
        // The screen above the prompt is unchanged by the redraws.
        let prompt_line = |s: &str| {
            s.lines()
                .position(|l| l.starts_with("どんな状況ですか"))
                .unwrap()
        };
        let above_before: Vec<&str> = first.lines().take(prompt_line(&first)).collect();
        let above_after: Vec<&str> = screen.lines().take(prompt_line(&screen)).collect();
        assert_eq!(above_before, above_after, "{cols} columns");
        // No line is wider than the terminal.
        for line in screen.lines() {
            assert!(
                loginhelp::text::width(line) <= cols as usize,
                "{cols}: {line}"
            );
        }
        tty.send(ESC);
        assert_eq!(tty.exit_code(), 130);
    }
}

/// The header names the cause being checked and the question number on one
/// line: a long cause is shortened, the number never wraps on its own.
#[test]
fn the_header_stays_on_one_line() {
    for cols in [80u16, 40] {
        let dir = tempfile::tempdir().unwrap();
        let mut tty = Tty::spawn(cols, 40, "ja_JP.UTF-8", &["instagram"], dir.path());
        tty.wait_for("× 終了する");
        tty.send(DOWN);
        tty.send(ENTER); // パスワードの再設定ができない
        let screen = tty.wait_for("再設定ができないのは");
        let header = screen
            .lines()
            .find(|l| l.starts_with("── インスタグラム") && l.contains("質問 2"))
            .unwrap_or_else(|| panic!("{cols} columns: no one-line header:\n{screen}"));
        assert!(
            loginhelp::text::width(header) <= cols as usize,
            "{cols} columns: {header}"
        );
        if cols == 80 {
            assert!(
                header.contains("確認中の原因: パスワードを再設定"),
                "{header}"
            );
        }
        tty.send(ESC);
        assert_eq!(tty.exit_code(), 130);
    }
}

#[test]
fn no_service_offers_a_filtered_pick() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(80, 30, "en_US.UTF-8", &[], dir.path());
    tty.wait_for("Which service");
    tty.send("amzn");
    let screen = tty.wait_for("(amazon)");
    assert!(
        !screen.contains("(instagram)"),
        "filtered by the alias:\n{screen}"
    );
    tty.send(ENTER);
    tty.wait_for("What is happening?");
    tty.send(ESC);
    assert_eq!(tty.exit_code(), 130);
}

/// The terminal goes away (its window closed) while SIGHUP is ignored, as
/// under `nohup` or a supervisor: reads fail, and so does every write to
/// stderr. The wizard ends with an ordinary failure status, not a panic
/// (which aborted with 134 in a release build).
#[cfg(target_os = "linux")]
#[test]
fn a_terminal_that_vanishes_with_sighup_ignored_ends_without_a_panic() {
    use std::os::fd::{AsRawFd as _, FromRawFd as _, OwnedFd};
    use std::os::unix::process::CommandExt as _;
    let dir = tempfile::tempdir().unwrap();
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty fills two new descriptors, each owned once below.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(opened, 0);
    // SAFETY: marks our two descriptors close-on-exec, so that the child
    // holds only the copies it is given as stdin, stdout and stderr.
    unsafe {
        libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC);
        libc::fcntl(slave, libc::F_SETFD, libc::FD_CLOEXEC);
    }
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("trap '' HUP; \"$0\" amazon --lang en; echo $? > status")
        .arg(common::bin())
        .current_dir(dir.path())
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .env_remove("LOGINHELP_LANG")
        .env_remove("LOGINHELP_SERVICES_DIR")
        .stdin(slave.try_clone().unwrap())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave.try_clone().unwrap());
    // SAFETY: only async-signal-safe calls between fork and exec: a new
    // session whose controlling terminal is the pty.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            libc::ioctl(0, libc::TIOCSCTTY, 0);
            Ok(())
        });
    }
    let mut child = command.spawn().unwrap();
    // Only the child may hold the terminal's other side (the command keeps
    // copies of its descriptors).
    drop(command);
    drop(slave);
    // SAFETY: makes reads on our own descriptor non-blocking.
    unsafe { libc::fcntl(master.as_raw_fd(), libc::F_SETFL, libc::O_NONBLOCK) };
    let mut master = std::fs::File::from(master);
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !String::from_utf8_lossy(&seen).contains("What is happening?") {
        let mut buf = [0u8; 4096];
        if let Ok(n) = std::io::Read::read(&mut master, &mut buf) {
            seen.extend_from_slice(&buf[..n]);
        }
        assert!(Instant::now() < deadline, "no prompt: {seen:?}");
        std::thread::sleep(Duration::from_millis(30));
    }
    drop(master); // the terminal goes away
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("sh and the wizard did not end after the hangup");
        }
        std::thread::sleep(Duration::from_millis(30));
    }
    let status = std::fs::read_to_string(dir.path().join("status")).unwrap();
    assert_eq!(status.trim(), "1", "an I/O failure, not a panic (101/134)");
}

/// The state directory a `Tty` saves walks in.
fn state_file(dir: &std::path::Path, service: &str) -> std::path::PathBuf {
    dir.join("state").join(format!("{service}.json"))
}

/// The ids of a saved walk's trail, in order.
fn saved_trail(path: &std::path::Path) -> Vec<String> {
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("a saved walk")).unwrap();
    saved["trail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["node"].as_str().unwrap().to_owned())
        .collect()
}

/// Quit with Esc mid-walk: the walk is saved (0600 in a 0700 directory,
/// ids and times only), quitting says how to continue and prints the
/// replay command; the next run offers to continue and goes back to the
/// same screen; Ctrl-C there says the same; `--fresh` skips the offer.
#[test]
fn quit_then_continue_at_the_same_screen() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(80, 40, "en_US.UTF-8", &["instagram"], dir.path());
    tty.wait_for("What is happening?");
    tty.send(ENTER); // I forgot my password
    tty.wait_for("Which phone are you using?");
    tty.send(ESC);
    assert_eq!(tty.exit_code(), 130);
    let screen = tty.screen();
    assert!(screen.contains("Your walk is saved."), "{screen}");
    assert!(screen.contains("  loginhelp instagram\n"), "{screen}");
    assert!(
        screen.contains("  loginhelp instagram -a symptom=forgot-password"),
        "{screen}"
    );

    let file = state_file(dir.path(), "instagram");
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600, "the saved walk is the user's alone");
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let keys: Vec<&str> = saved
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["saved", "service", "trail", "version"], "{saved}");
    for visit in saved["trail"].as_array().unwrap() {
        for (key, value) in visit.as_object().unwrap() {
            assert!(
                matches!(key.as_str(), "node" | "answer" | "at" | "after_wait"),
                "{saved}"
            );
            if let Some(id) = value.as_str() {
                assert!(
                    id.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                    "only ids: {saved}"
                );
            }
        }
    }
    assert_eq!(saved_trail(&file), ["symptom", "reset-device"]);
    // The replay command, run as a script, walks to the same screen.
    let command = screen
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("loginhelp instagram -a"))
        .unwrap();
    let mut args: Vec<&str> = command.split_whitespace().skip(1).collect();
    args.extend(["--format", "json"]);
    let replayed = common::loginhelp(&args).run().json();
    let replayed: Vec<&str> = replayed["trail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(replayed, saved_trail(&file), "{command}");

    // Continue: the first choice, saying when and where the walk stopped.
    let mut tty = Tty::spawn(80, 40, "en_US.UTF-8", &["instagram"], dir.path());
    let screen = tty.wait_for("Continue where I stopped");
    assert!(screen.contains("You stopped just now"), "{screen}");
    assert!(
        screen.contains("at: Which phone are you using?"),
        "{screen}"
    );
    tty.send(ENTER);
    let screen = tty.wait_for("Which phone are you using?");
    let after = screen.rsplit("Continue where I stopped").next().unwrap();
    assert!(after.contains("question 2"), "{screen}");
    assert!(after.contains("Which phone are you using?"), "{screen}");
    tty.send(CTRL_C);
    let ended = tty.ended();
    assert!(
        matches!(
            ended,
            WaitStatus::Signaled(_, expectrl::process::unix::Signal::SIGINT, _)
        ),
        "Ctrl-C ends by SIGINT, not {ended:?}"
    );
    tty.pump();
    let screen = tty.screen();
    assert!(
        screen.contains("Your walk is saved."),
        "Ctrl-C says so too:\n{screen}"
    );
    assert!(
        screen.contains("loginhelp instagram -a symptom=forgot-password"),
        "{screen}"
    );
    assert!(!tty.cursor_hidden());

    // --fresh: the first question, no offer; the saved walk is left alone.
    let mut tty = Tty::spawn(80, 40, "en_US.UTF-8", &["instagram", "--fresh"], dir.path());
    let screen = tty.wait_for("What is happening?");
    assert!(!screen.contains("Continue where I stopped"), "{screen}");
    assert!(screen.contains("question 1"), "{screen}");
    tty.send(ESC);
    assert_eq!(tty.exit_code(), 130);
}

/// Hapitas: waiting for a reply. Three days on, the wizard says how long
/// the guide says to wait; eight days on it goes to the re-inquiry and
/// says why. The clock is set with `LOGINHELP_NOW`.
#[test]
fn after_the_wait_the_walk_goes_on_to_the_follow_up() {
    let dir = tempfile::tempdir().unwrap();
    let day0 = [("LOGINHELP_NOW", "2026-12-01T09:00:00Z")];
    let mut tty = Tty::spawn_env(
        80,
        40,
        "en_US.UTF-8",
        &["hapitas", "--transcript", "ticket.md"],
        dir.path(),
        &day0,
    );
    tty.wait_for("What is happening?");
    for _ in 0..7 {
        tty.send(DOWN);
    }
    tty.send(ENTER); // Tried it all / contacting support
    tty.wait_for("Where are you with contacting Hapitas?");
    tty.send(DOWN);
    tty.send(ENTER); // I wrote, waiting for a reply
    let screen = tty.wait_for("If it is not solved after 7 days, run again:");
    assert!(screen.contains("Your walk is saved."), "{screen}");
    assert_eq!(tty.exit_code(), 0);
    let file = state_file(dir.path(), "hapitas");
    assert_eq!(
        saved_trail(&file),
        ["symptom", "inquiry-status", "wait-reply"],
        "a walk that ends in a wait stays saved"
    );
    let transcript = std::fs::read_to_string(dir.path().join("ticket.md")).unwrap();
    assert!(
        transcript.contains("Answer: **I wrote less than a week ago** (`inquiry-status=waiting`)"),
        "the wizard writes --transcript too:\n{transcript}"
    );

    let day3 = [("LOGINHELP_NOW", "2026-12-04T09:00:00Z")];
    let mut tty = Tty::spawn_env(80, 40, "en_US.UTF-8", &["hapitas"], dir.path(), &day3);
    let screen = tty.wait_for("Continue where I stopped");
    assert!(
        screen.contains("You stopped 3 days ago (2026-12-01 09:00 UTC)"),
        "{screen}"
    );
    tty.send(ENTER);
    let screen = tty.wait_for("The guide says to wait 7 days (3 days so far).");
    assert!(
        screen.contains("Give the reply a little more time"),
        "{screen}"
    );
    let screen = tty.wait_for("If it is not solved after 4 days, run again:");
    assert!(screen.contains("Your walk is saved."), "{screen}");
    assert_eq!(tty.exit_code(), 0);
    assert_eq!(
        saved_trail(&file),
        ["symptom", "inquiry-status", "wait-reply"]
    );

    let day8 = [("LOGINHELP_NOW", "2026-12-09T09:00:00Z")];
    let mut tty = Tty::spawn_env(80, 200, "en_US.UTF-8", &["hapitas"], dir.path(), &day8);
    let screen = tty.wait_for("Continue where I stopped");
    assert!(screen.contains("You stopped 5 days ago"), "{screen}");
    tty.send(ENTER);
    let screen = tty.wait_for("What should happen with the support message?");
    assert!(
        screen.contains("8 days have passed since then."),
        "{screen}"
    );
    assert!(
        screen
            .replace('\n', " ")
            .contains("if there is no reply after more than a week, write to Hapitas again."),
        "the reason, in the guide's words:\n{screen}"
    );
    assert!(screen.contains("Write to Hapitas again"), "{screen}");
    tty.send(ESC);
    let screen = tty.wait_for("run again:");
    assert!(
        screen.contains("loginhelp hapitas --start reinquire"),
        "{screen}"
    );
    assert_eq!(tty.exit_code(), 0);
    assert_eq!(
        saved_trail(&file),
        ["symptom", "inquiry-status", "wait-reply", "reinquire"]
    );
}

/// A saved walk that cannot be used (not JSON, another version, a node the
/// guide no longer has) gives a notice and a fresh start, never an error.
#[test]
fn a_bad_saved_walk_gives_a_notice_and_a_fresh_start() {
    for (contents, notice) in [
        ("{not json", "the saved walk could not be read"),
        (
            r#"{"version": 99, "service": "instagram", "saved": 0, "trail": []}"#,
            "the saved walk is from another version (99)",
        ),
        (
            r#"{"version": 1, "service": "instagram", "saved": 0, "trail": [{"node": "symptom", "answer": "gone", "at": 0}, {"node": "old-node", "at": 0}]}"#,
            "the guide has changed since the walk was saved",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let file = state_file(dir.path(), "instagram");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, contents).unwrap();
        let mut tty = Tty::spawn(100, 40, "en_US.UTF-8", &["instagram"], dir.path());
        let screen = tty.wait_for("What is happening?");
        assert!(screen.contains(notice), "{contents}:\n{screen}");
        assert!(screen.contains("Starting from the beginning."), "{screen}");
        assert!(!screen.contains("Continue where I stopped"), "{screen}");
        tty.send(ESC);
        assert_eq!(tty.exit_code(), 130);
        assert_eq!(saved_trail(&file), ["symptom"], "replaced by the new walk");
    }
}

/// Saved as it goes; finishing the walk forgets it and prints the command
/// that replays it.
#[test]
fn finishing_a_walk_clears_it_and_prints_the_replay() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(80, 40, "en_US.UTF-8", &["instagram"], dir.path());
    tty.wait_for("What is happening?");
    tty.send(ENTER); // I forgot my password
    tty.wait_for("Which phone are you using?");
    let file = state_file(dir.path(), "instagram");
    assert_eq!(
        saved_trail(&file),
        ["symptom", "reset-device"],
        "saved as it goes"
    );
    tty.send(ENTER); // iPhone
    tty.wait_for("Did this solve it?");
    tty.send("\x1b[A"); // the cursor starts on "No"
    tty.send(ENTER); // Yes, it worked
    tty.wait_for("To replay these answers from a script:");
    assert_eq!(tty.exit_code(), 0);
    let screen = tty.screen();
    assert!(
        screen.contains(
            "  loginhelp instagram -a symptom=forgot-password -a reset-device=iphone -a reset-password=yes"
        ),
        "{screen}"
    );
    assert!(!screen.contains("Your walk is saved."), "{screen}");
    assert!(!file.exists(), "a finished walk is forgotten");
}

/// A state directory that cannot be written is said once; the wizard goes
/// on, and quitting says the walk was not saved (the replay still works).
#[test]
fn a_walk_that_cannot_be_saved_still_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "").unwrap();
    let state = blocker.join("state");
    let env = [("LOGINHELP_STATE_DIR", state.to_str().unwrap())];
    let mut tty = Tty::spawn_env(80, 40, "en_US.UTF-8", &["instagram"], dir.path(), &env);
    let screen = tty.wait_for("What is happening?");
    assert_eq!(count(&screen, "the walk could not be saved"), 1, "{screen}");
    tty.send(ENTER);
    let screen = tty.wait_for("Which phone are you using?");
    assert_eq!(
        count(&screen, "the walk could not be saved"),
        1,
        "said once:\n{screen}"
    );
    tty.send(ESC);
    assert_eq!(tty.exit_code(), 130);
    let screen = tty.screen();
    assert!(screen.contains("The walk could not be saved."), "{screen}");
    assert!(!screen.contains("Your walk is saved."), "{screen}");
    assert!(
        screen.contains("loginhelp instagram -a symptom=forgot-password"),
        "{screen}"
    );
}

/// The same in Japanese: the notice and the system's reason in Japanese.
#[test]
fn a_walk_that_cannot_be_saved_is_said_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "").unwrap();
    let state = blocker.join("state");
    let env = [("LOGINHELP_STATE_DIR", state.to_str().unwrap())];
    let mut tty = Tty::spawn_env(200, 40, "ja_JP.UTF-8", &["instagram"], dir.path(), &env);
    let screen = tty.wait_for("どんな状況ですか?");
    let notice = screen
        .lines()
        .find(|l| l.contains("ここまでの内容を保存できませんでした"))
        .unwrap_or_else(|| panic!("no notice:\n{screen}"));
    assert!(
        notice.contains("state を作れません: ディレクトリではありません(OS のエラー 20)"),
        "{notice}"
    );
    tty.send(ESC);
    assert_eq!(tty.exit_code(), 130);
}

/// The offer to continue, in Japanese.
#[test]
fn continuing_speaks_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(80, 40, "ja_JP.UTF-8", &["instagram"], dir.path());
    tty.wait_for("どんな状況ですか?");
    tty.send(ENTER);
    tty.wait_for("質問 2");
    tty.send(ESC);
    assert_eq!(tty.exit_code(), 130);
    let screen = tty.screen();
    assert!(
        screen.contains("ここまでの内容を保存しました。"),
        "{screen}"
    );
    assert!(screen.contains("続きから再開するには:"), "{screen}");
    let mut tty = Tty::spawn(80, 40, "ja_JP.UTF-8", &["instagram"], dir.path());
    let screen = tty.wait_for("続きから再開する");
    assert!(screen.contains("前回はたった今("), "{screen}");
    assert!(screen.contains("最初からやり直す"), "{screen}");
    tty.send(DOWN);
    tty.send(ENTER); // 最初からやり直す
    let screen = tty.wait_for("質問 1");
    assert!(screen.contains("どんな状況ですか?"), "{screen}");
    tty.send(ESC);
    assert_eq!(tty.exit_code(), 130);
}
