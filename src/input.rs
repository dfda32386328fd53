//! Reading the files a user names (guide files, an answers file): only a
//! regular file is read, and never past a size cap, so that `/dev/zero`
//! cannot fill memory and a FIFO cannot block. Errors name the path; a path
//! that does not exist is a usage error (exit 2), like a bad flag.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::error::UsageError;

/// Why a file could not be read.
#[derive(Debug)]
pub enum Problem {
    /// It could not be opened or read (missing, no permission, a symlink loop…).
    Io(std::io::Error),
    /// It is a directory, a FIFO, a device or a socket.
    NotRegular,
    /// It has this many bytes (or more), over the cap.
    TooLarge(u64),
}

/// The bytes of the regular file at `path`, if it has at most `limit` of
/// them. The size is checked before reading, and the read stops past the
/// cap even if the file grows meanwhile.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, Problem> {
    let meta = std::fs::metadata(path).map_err(Problem::Io)?;
    if !meta.is_file() {
        return Err(Problem::NotRegular);
    }
    if meta.len() > limit {
        return Err(Problem::TooLarge(meta.len()));
    }
    let mut file = std::fs::File::open(path).map_err(Problem::Io)?;
    // Opened after the check: it may have been replaced by something else.
    let opened = file.metadata().map_err(Problem::Io)?;
    if !opened.is_file() {
        return Err(Problem::NotRegular);
    }
    let mut bytes = Vec::with_capacity(opened.len().min(limit) as usize);
    (&mut file)
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Problem::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Problem::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Standard input, up to `limit` bytes (`None` when there are more), for a
/// file argument given as `-`. A terminal is refused rather than read: the
/// user would be left typing TOML with no prompt.
pub fn read_stdin(limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::IsTerminal as _;
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(std::io::Error::from(std::io::ErrorKind::InvalidInput));
    }
    let mut bytes = Vec::new();
    stdin.lock().take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// A path as messages show it: a file name can hold control characters.
pub fn shown(path: &Path) -> String {
    crate::text::display_path(path)
}

/// The error for a path that could not be opened: one that does not exist
/// is the user's input (a usage error); anything else is an I/O failure.
/// `what` says what the path was for ("the answers file"), or is empty.
pub fn open_error(what: &str, path: &Path, err: std::io::Error) -> anyhow::Error {
    let named = if what.is_empty() {
        shown(path)
    } else {
        // `what` is English: a Japanese message names the path alone.
        crate::i18n::tr(shown(path), format!("{what} {}", shown(path)))
    };
    match err.kind() {
        std::io::ErrorKind::NotFound => UsageError(crate::i18n::tr(
            format!("{named} はありません"),
            format!("{named} does not exist"),
        ))
        .into(),
        // A file where a directory was needed, on the way or at the end.
        std::io::ErrorKind::NotADirectory => UsageError(crate::i18n::tr(
            format!(
                "{named} を読めません: {}",
                crate::i18n::os_error::describe(&err, crate::i18n::Lang::Ja)
            ),
            format!("cannot read {named}: {err}"),
        ))
        .into(),
        _ => anyhow::Error::from(err).context(crate::i18n::tr(
            format!("{named} を読めません"),
            format!("cannot read {named}"),
        )),
    }
}

/// `~` and `~/…` are the home directory, as a shell would have it.
pub fn expand_home(name: &str) -> PathBuf {
    let home = || std::env::var_os("HOME").filter(|h| !h.is_empty());
    if name == "~" {
        if let Some(h) = home() {
            return PathBuf::from(h);
        }
    }
    if let Some(rest) = name.strip_prefix("~/") {
        if let Some(h) = home() {
            return PathBuf::from(h).join(rest);
        }
    }
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_small_regular_file_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        std::fs::write(&file, "12345").unwrap();
        assert_eq!(read_regular_file(&file, 5).unwrap(), b"12345");
        assert!(matches!(
            read_regular_file(&file, 4),
            Err(Problem::TooLarge(5))
        ));
        assert!(matches!(
            read_regular_file(dir.path(), 5),
            Err(Problem::NotRegular)
        ));
        assert!(matches!(
            read_regular_file(Path::new("/dev/zero"), 5),
            Err(Problem::NotRegular)
        ));
        assert!(matches!(
            read_regular_file(&dir.path().join("missing"), 5),
            Err(Problem::Io(e)) if e.kind() == std::io::ErrorKind::NotFound
        ));
    }

    #[test]
    fn a_missing_path_is_a_usage_error_and_other_failures_are_not() {
        let missing = open_error(
            "the answers file",
            Path::new("/no/such"),
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        assert_eq!(crate::error::exit_for(&missing), crate::error::Exit::Usage);
        assert_eq!(
            missing.to_string(),
            "the answers file /no/such does not exist"
        );
        let denied = open_error(
            "",
            Path::new("/x"),
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert_eq!(crate::error::exit_for(&denied), crate::error::Exit::Failure);
        assert!(format!("{denied:#}").starts_with("cannot read /x: "));
    }
}
