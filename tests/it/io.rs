//! Output that cannot be lost or panic: stdout whose reader leaves, closed
//! or full; stderr that fails; the files a user names (missing, not a
//! regular file, too large); and the answers file's checks.

#![cfg(unix)]

use std::os::fd::{FromRawFd as _, OwnedFd};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{loginhelp, Cmd};

const USAGE: i32 = 2;
const NEEDS_ANSWER: i32 = 3;

/// A pipe whose reading end is already closed: every write to the other
/// end fails with EPIPE, as when `| head -1` has read its line and left.
fn broken_pipe() -> Stdio {
    let mut fds = [0; 2];
    // SAFETY: pipe fills two new descriptors, each owned once below.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read);
    Stdio::from(write)
}

fn dev_full() -> Stdio {
    Stdio::from(
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap(),
    )
}

struct Ended {
    status: i32,
    stderr: String,
}

/// Run with the given stdout and stderr (the other one captured).
fn run_with(cmd: Cmd, stdout: Option<Stdio>, stderr: Option<Stdio>) -> Ended {
    let mut command = cmd.command();
    let capture_err = stderr.is_none();
    command.stdout(stdout.unwrap_or_else(Stdio::null));
    command.stderr(stderr.unwrap_or_else(Stdio::piped));
    let out = command.output().expect("the binary runs");
    let stderr = if capture_err {
        String::from_utf8_lossy(&out.stderr).into_owned()
    } else {
        String::new()
    };
    assert!(!stderr.contains("panicked"), "{stderr}");
    Ended {
        // A signal (SIGABRT after a panic) is never a documented status.
        status: out
            .status
            .code()
            .unwrap_or_else(|| panic!("killed by a signal: {:?}", out.status)),
        stderr,
    }
}

/// `sh -c 'exec loginhelp ARGS >&-'`: stdout closed, not redirected.
fn with_stdout_closed(args: &[&str]) -> Ended {
    let out = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" >&-")
        .arg(crate::common::bin())
        .args(args)
        .env("LANG", "C")
        .env("NO_COLOR", "1")
        .env_remove("LOGINHELP_LANG")
        .env_remove("LOGINHELP_SERVICES_DIR")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    Ended {
        status: out.status.code().expect("exited"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_report_is_saved_even_when_stdout_s_reader_has_left() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.txt");
    let args = [
        "amazon",
        "-a",
        "symptom=hacked",
        "--lang",
        "en",
        "--report",
        report.to_str().unwrap(),
    ];
    let ended = run_with(loginhelp(&args), Some(broken_pipe()), None);
    assert_eq!(ended.status, 0, "{}", ended.stderr);
    let saved = std::fs::read_to_string(&report).expect("the report was written");
    assert!(
        saved.starts_with("Amazon (amazon.co.jp) — Notes for contacting support"),
        "{saved}"
    );
    assert!(
        saved.contains("件名: Amazon(アマゾン)にログインできません"),
        "{saved}"
    );
    // Quiet about the pipe; the saved note still goes to stderr.
    assert!(!ended.stderr.contains("error"), "{}", ended.stderr);
    assert!(ended.stderr.contains("Saved to"), "{}", ended.stderr);
}

#[test]
fn a_walk_that_needs_an_answer_keeps_exit_3_on_a_closed_pipe() {
    for format in ["text", "json"] {
        let ended = run_with(
            loginhelp(&["amazon", "--no-input", "--format", format]).env("LANG", "en_US.UTF-8"),
            Some(broken_pipe()),
            None,
        );
        assert_eq!(ended.status, NEEDS_ANSWER, "{format}: {}", ended.stderr);
        assert!(
            ended.stderr.contains("stopped at question `symptom`"),
            "{}",
            ended.stderr
        );
    }
    // Other commands stay quiet with status 0.
    let ended = run_with(loginhelp(&["show", "hapitas"]), Some(broken_pipe()), None);
    assert_eq!((ended.status, ended.stderr.as_str()), (0, ""));
}

#[test]
fn stdout_closed_or_full_is_an_error_help_and_version_included() {
    let commands: [&[&str]; 5] = [
        &["list"],
        &["--help"],
        &["--version"],
        &["help", "show"],
        &["amazon", "-a", "symptom=hacked"],
    ];
    for args in commands {
        let closed = with_stdout_closed(args);
        assert_eq!(closed.status, 1, "{args:?} >&-: {}", closed.stderr);
        // The harness's LANG=C means Japanese.
        assert!(
            closed
                .stderr
                .contains("標準出力に書けません: 閉じられています"),
            "{args:?}: {}",
            closed.stderr
        );
        let full = run_with(loginhelp(args), Some(dev_full()), None);
        assert_eq!(full.status, 1, "{args:?} >/dev/full: {}", full.stderr);
        assert!(
            full.stderr.contains("標準出力に書けません"),
            "{args:?}: {}",
            full.stderr
        );
    }
    let closed = with_stdout_closed(&["list", "--lang", "en"]);
    assert!(
        closed
            .stderr
            .contains("cannot write to standard output: it is closed"),
        "{}",
        closed.stderr
    );
    let full = run_with(loginhelp(&["list", "--lang", "en"]), Some(dev_full()), None);
    assert!(
        full.stderr
            .contains("cannot write to standard output: No space left on device"),
        "{}",
        full.stderr
    );
    // /dev/null is not closed: that is a choice to drop the output.
    let ended = run_with(loginhelp(&["list"]), Some(Stdio::null()), None);
    assert_eq!(ended.status, 0);
}

#[test]
fn a_failing_stderr_never_changes_the_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.txt");
    let transcript = dir.path().join("t.md");
    let cases: [(&[&str], i32); 5] = [
        (&["nosuch"], USAGE),
        (&["amazon", "--no-input"], NEEDS_ANSWER),
        (&["amazon", "--lang", "zz"], USAGE),
        (
            &[
                "amazon",
                "-a",
                "symptom=hacked",
                "--report",
                report.to_str().unwrap(),
            ],
            0,
        ),
        (
            &[
                "amazon",
                "-a",
                "symptom=hacked",
                "--transcript",
                transcript.to_str().unwrap(),
            ],
            0,
        ),
    ];
    for (args, status) in cases {
        for (what, stderr) in [("full", dev_full()), ("a closed pipe", broken_pipe())] {
            let _ = std::fs::remove_file(&report);
            let _ = std::fs::remove_file(&transcript);
            let ended = run_with(loginhelp(args), None, Some(stderr));
            assert_eq!(ended.status, status, "{args:?} with stderr {what}");
            // What was asked for is written, whatever stderr does.
            for (flag, file) in [("--report", &report), ("--transcript", &transcript)] {
                if args.contains(&flag) {
                    assert!(file.exists(), "{args:?} with stderr {what}");
                }
            }
        }
    }
}

#[test]
fn missing_paths_are_usage_errors_everywhere_and_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let missing = missing.to_str().unwrap();
    for args in [
        vec!["list", "--services-dir", missing],
        vec!["validate", missing],
        vec!["amazon", "--answers", missing],
    ] {
        let run = loginhelp(&args).env("LANG", "en_US.UTF-8").run();
        assert_eq!(run.status, USAGE, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{missing} does not exist")),
            "{args:?}: {}",
            run.stderr
        );
    }
    // A symlink loop is not "no such file".
    let (a, b) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
    std::os::unix::fs::symlink(&a, &b).unwrap();
    std::os::unix::fs::symlink(&b, &a).unwrap();
    let run = loginhelp(&["validate", a.to_str().unwrap()])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert!(
        run.stderr.contains("Too many levels of symbolic links"),
        "{}",
        run.stderr
    );
    let run = loginhelp(&["validate", a.to_str().unwrap()]).run();
    assert!(
        run.stderr.contains("シンボリックリンクが輪になっています"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("no such file"), "{}", run.stderr);
    // --report into a missing directory names the report, never the
    // temporary file beside it.
    let report = dir.path().join("no/such/r.txt");
    let run = loginhelp(&[
        "amazon",
        "-a",
        "symptom=hacked",
        "--report",
        report.to_str().unwrap(),
    ])
    .env("LANG", "en_US.UTF-8")
    .run();
    assert_eq!(run.status, USAGE, "{}", run.stderr);
    run.assert_stderr_has(&format!("cannot write {}", report.display()));
    run.assert_stderr_has("does not exist");
    assert!(!run.stderr.contains(".loginhelp-"), "{}", run.stderr);
}

/// Run with a deadline; a hang is a failure, not a stuck test run.
fn run_bounded(args: &[&str]) -> (i32, String) {
    // The messages checked are the English ones.
    let mut command = loginhelp(args).env("LANG", "en_US.UTF-8").command();
    let mut child = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
            return (status.code().expect("exited"), stderr);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("loginhelp {args:?} did not end within 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_answers_file_must_be_a_small_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    // A FIFO with no writer would block forever.
    let fifo = dir.path().join("a.fifo");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: creates a FIFO at a path in our temporary directory.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let (status, stderr) =
        run_bounded(&["amazon", "--no-input", "--answers", fifo.to_str().unwrap()]);
    assert_eq!(status, USAGE, "{stderr}");
    assert!(stderr.contains("is not a regular file"), "{stderr}");
    // Over the size cap: refused before reading (the file is sparse).
    let big = dir.path().join("big.toml");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(9 * 1024 * 1024).unwrap();
    let (status, stderr) =
        run_bounded(&["amazon", "--no-input", "--answers", big.to_str().unwrap()]);
    assert_eq!(status, USAGE, "{stderr}");
    assert!(
        stderr.contains("bytes; the limit is 8388608 bytes"),
        "{stderr}"
    );
    // A device that never ends, and a directory.
    for path in [Path::new("/dev/zero"), dir.path()] {
        let (status, stderr) =
            run_bounded(&["amazon", "--no-input", "--answers", path.to_str().unwrap()]);
        assert_eq!(status, USAGE, "{stderr}");
        assert!(stderr.contains("is not a regular file"), "{stderr}");
    }
}

#[test]
fn an_answers_file_for_another_service_or_answering_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    let file_arg = file.to_str().unwrap();
    std::fs::write(
        &file,
        "service = \"instagram\"\n[answers]\nsymptom = \"hacked\"\n",
    )
    .unwrap();
    let run = loginhelp(&["amazon", "--answers", file_arg])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE, "{}", run.stderr);
    run.assert_stderr_has(&format!(
        "{file_arg}:1:1: these answers are for the service `instagram`, not `amazon`"
    ));
    // Named by an alias, or by the service it is used with: fine.
    for name in ["amzn", "amazon", "AMAZON"] {
        std::fs::write(
            &file,
            format!("service = \"{name}\"\n[answers]\nsymptom = \"hacked\"\n"),
        )
        .unwrap();
        let run = loginhelp(&["amazon", "--answers", file_arg])
            .env("LANG", "en_US.UTF-8")
            .run();
        assert_eq!(run.status, 0, "{name}: {}", run.stderr);
    }
    std::fs::write(&file, "service = 5\n").unwrap();
    let run = loginhelp(&["amazon", "--answers", file_arg])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE, "{}", run.stderr);
    run.assert_stderr_has("`service` must be a service id in quotes");

    std::fs::write(
        &file,
        "symptom = \"hacked\"\n\n[answers]\nsymptom = \"forgot-password\"\n",
    )
    .unwrap();
    let run = loginhelp(&["amazon", "--answers", file_arg])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE, "{}", run.stderr);
    run.assert_stderr_has(&format!(
        "{file_arg}:4:1: `symptom` is answered twice (first at {file_arg}:1:1)"
    ));

    std::fs::write(&file, b"[answers]\nsymptom = \"hac\xffked\"\n").unwrap();
    let run = loginhelp(&["amazon", "--answers", file_arg])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE, "{}", run.stderr);
    run.assert_stderr_has(&format!(
        "{file_arg}:2:15: the answers file is not valid UTF-8"
    ));
}
