//! The only writers: text and JSON to stdout, notes and errors to stderr,
//! and `write_atomically` for files. No write here can panic.
//!
//! Stdout: a reader that left early (`loginhelp list | head -1`) ends the
//! output quietly, and the command goes on with the rest of its work (a
//! report it was asked to save, its exit status); stdout closed at start
//! (`>&-`) or full (`>/dev/full`) is an error. Stderr: a failed write is
//! ignored, so that the exit status stays the documented one.

use std::io::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context as _, Result};
use serde::Serialize;

use crate::input::shown;

/// Stdout was closed when the process started (`main` finds out).
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
/// Stdout's reader has gone: nothing more is written there.
static STDOUT_GONE: AtomicBool = AtomicBool::new(false);

/// Say that stdout was closed at start. The Rust runtime reopens a closed
/// descriptor 0–2 on `/dev/null` before `main`, so a write would "succeed"
/// and the output be lost without a word; `main` checks before that.
pub fn stdout_was_closed() {
    STDOUT_CLOSED.store(true, Ordering::Relaxed);
}

/// Write to stdout. A reader that has gone is not an error (the rest is
/// dropped); a closed or failing stdout is.
pub fn emit(text: &str) -> Result<()> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        anyhow::bail!(crate::i18n::tr(
            "標準出力に書けません: 閉じられています",
            "cannot write to standard output: it is closed"
        ));
    }
    if STDOUT_GONE.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => {
            STDOUT_GONE.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(err) => Err(err).context(crate::i18n::tr(
            "標準出力に書けません",
            "cannot write to standard output",
        )),
    }
}

pub fn emit_json<T: Serialize>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    emit(&text)
}

/// Write a line to stderr. A failure (stderr full, closed, or a terminal
/// that has gone) is ignored: there is nowhere left to report it.
pub fn note(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}").and_then(|()| err.flush());
}

/// Print clap's help, version or usage error and say how to exit: help and
/// version go to stdout, which must take them (a full or closed stdout is
/// exit 1); a usage error goes to stderr, whose failure is ignored.
pub fn clap_message(err: &clap::Error, lang: crate::i18n::Lang) -> crate::error::Exit {
    use crate::error::Exit;
    let code = match err.exit_code() {
        0 => Exit::Success,
        _ => Exit::Usage,
    };
    // In the user's language, under the one colour choice (anstream's).
    let text = crate::i18n::clap_error::render(err, lang);
    if err.use_stderr() {
        let mut out = anstream::AutoStream::auto(std::io::stderr().lock());
        let _ = write!(out, "{}", text.ansi()).and_then(|()| out.flush());
        return code;
    }
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        note(&crate::i18n::tr(
            "loginhelp: エラー: 標準出力に書けません: 閉じられています",
            "loginhelp: error: cannot write to standard output: it is closed",
        ));
        return Exit::Failure;
    }
    let mut out = anstream::AutoStream::auto(std::io::stdout().lock());
    let written = write!(out, "{}", text.ansi()).and_then(|()| out.flush());
    match written {
        Ok(()) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            note(&crate::i18n::tr(
                format!(
                    "loginhelp: エラー: 標準出力に書けません: {}",
                    crate::i18n::os_error::describe(&e, crate::i18n::Lang::Ja)
                ),
                format!("loginhelp: error: cannot write to standard output: {e}"),
            ));
            Exit::Failure
        }
    }
}

/// An I/O error without the path a library may have put in it (tempfile
/// names its `.loginhelp-XXXX.tmp`): the message names the user's file.
fn plain(err: &std::io::Error) -> std::io::Error {
    match err.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code),
        None => std::io::Error::from(err.kind()),
    }
}

/// Write `contents` to `path` atomically: into a temporary file beside it,
/// then renamed into place. An existing file is never replaced unless
/// `overwrite` is set, and a failed write leaves any existing file intact.
/// Errors name `path` (never the temporary file); a directory that does not
/// exist is the user's input, a usage error.
pub fn write_atomically(path: &Path, contents: &[u8], overwrite: bool) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let cannot_write = || {
        crate::i18n::tr(
            format!("{} に書き込めません", shown(path)),
            format!("cannot write {}", shown(path)),
        )
    };
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(crate::error::UsageError(crate::i18n::tr(
                format!(
                    "{}: {} はディレクトリではありません",
                    cannot_write(),
                    shown(dir)
                ),
                format!("{}: {} is not a directory", cannot_write(), shown(dir)),
            ))
            .into())
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(crate::error::UsageError(crate::i18n::tr(
                format!(
                    "{}: ディレクトリ {} はありません",
                    cannot_write(),
                    shown(dir)
                ),
                format!(
                    "{}: the directory {} does not exist",
                    cannot_write(),
                    shown(dir)
                ),
            ))
            .into())
        }
        Err(err) => return Err(anyhow::Error::from(err).context(cannot_write())),
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".loginhelp-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| anyhow::Error::from(plain(&e)).context(cannot_write()))?;
    tmp.write_all(contents)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| anyhow::Error::from(plain(&e)).context(cannot_write()))?;
    if overwrite {
        tmp.persist(path)
            .map_err(|e| anyhow::Error::from(plain(&e.error)).context(cannot_write()))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow::Error::from(crate::error::UsageError(crate::i18n::tr(
                    format!(
                        "{} はすでにあります。別のファイル名にしてください(元のファイルは変更していません)",
                        shown(path)
                    ),
                    format!(
                        "{} already exists; choose another file name (it was not changed)",
                        shown(path)
                    ),
                )))
            } else {
                anyhow::Error::from(plain(&e.error)).context(cannot_write())
            }
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_never_clobbers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.txt");
        write_atomically(&path, b"first", false).unwrap();
        let err = write_atomically(&path, b"second", false).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err:#}");
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        write_atomically(&path, b"third", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"third");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn write_into_missing_directory_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/report.txt");
        let err = write_atomically(&path, b"x", false).unwrap_err();
        let message = format!("{err:#}");
        // The user's file is named, never the temporary one.
        assert!(message.contains("report.txt"), "{message}");
        assert!(message.contains("does not exist"), "{message}");
        assert!(!message.contains(".loginhelp-"), "{message}");
        assert_eq!(crate::error::exit_for(&err), crate::error::Exit::Usage);
    }
}
