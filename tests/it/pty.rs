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

const ENTER: &str = "\r";
const DOWN: &str = "\x1b[B";
const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";

struct Tty {
    session: expectrl::session::OsSession,
    parser: vt100::Parser,
}

impl Tty {
    /// Start the wizard at `cols`×`rows`; the size is set with stty before
    /// the binary starts, so its first frame already has the right width.
    fn spawn(cols: u16, rows: u16, lang: &str, args: &[&str], dir: &std::path::Path) -> Tty {
        Tty::spawn_in_sh(cols, rows, lang, "exec \"$0\" \"$@\"", args, dir)
    }

    /// Start `script` in sh after the stty; in it `"$0" "$@"` runs the
    /// binary with `args`.
    fn spawn_in_sh(
        cols: u16,
        rows: u16,
        lang: &str,
        script: &str,
        args: &[&str],
        dir: &std::path::Path,
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
            .env_remove("COLUMNS");
        let session = Session::spawn(command).expect("spawn in a pty");
        Tty {
            session,
            parser: vt100::Parser::new(rows, cols, 0),
        }
    }

    fn pump(&mut self) -> bool {
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

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Wait until the screen shows `text` (and output has settled).
    fn wait_for(&mut self, text: &str) -> String {
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

    fn send(&mut self, keys: &str) {
        self.session.write_all(keys.as_bytes()).unwrap();
        self.session.flush().unwrap();
        std::thread::sleep(Duration::from_millis(120));
        self.pump();
    }

    /// Wait for the process to end; its exit status.
    fn exit_code(&mut self) -> i32 {
        match self.ended() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("ended by {other:?}"),
        }
    }

    /// Wait for the process to end; how it ended.
    fn ended(&mut self) -> WaitStatus {
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

    fn cursor_hidden(&self) -> bool {
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
    tty.send(ENTER); // Yes, it worked
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
