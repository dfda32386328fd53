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
        Tty::spawn_with(cols, rows, lang, args, dir, &[], None)
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
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(format!(
                "stty cols {cols} rows {rows} && exec \"$0\" \"$@\"{redirect}"
            ))
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
            .env_remove("LOGINHELP_PLAIN")
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
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            self.pump();
            match self.session.get_process().status() {
                Ok(WaitStatus::Exited(_, code)) => {
                    self.pump();
                    return code;
                }
                Ok(WaitStatus::Signaled(_, signal, _)) => panic!("killed by {signal:?}"),
                _ => {}
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
fn ctrl_c_shows_the_cursor_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let mut tty = Tty::spawn(80, 30, "ja_JP.UTF-8", &["line"], dir.path());
    tty.wait_for("×");
    assert!(tty.cursor_hidden());
    tty.send(CTRL_C);
    assert_eq!(tty.exit_code(), 130);
    assert!(
        !tty.cursor_hidden(),
        "the cursor is shown again after Ctrl-C"
    );
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
