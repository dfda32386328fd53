//! The only writers: text and JSON to stdout (a closed pipe surfaces as an
//! error `main` treats as a quiet success) and `write_atomically` for files.

use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result};
use serde::Serialize;

use crate::i18n::tr;

/// Write to stdout; errors (a closed pipe among them) go to the caller.
pub fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

pub fn emit_json<T: Serialize>(value: &T) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    emit(&text)
}

/// Write `contents` to `path` atomically: into a temporary file beside it,
/// then renamed into place. An existing file is never replaced unless
/// `overwrite` is set, and a failed write leaves any existing file intact.
pub fn write_atomically(path: &Path, contents: &[u8], overwrite: bool) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".loginhelp-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| {
            tr(
                format!("{} に一時ファイルを作れません", dir.display()),
                format!("cannot create a temporary file in {}", dir.display()),
            )
        })?;
    let cannot_write = || {
        tr(
            format!("{} に書き込めません", path.display()),
            format!("cannot write {}", path.display()),
        )
    };
    tmp.write_all(contents)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(cannot_write)?;
    if overwrite {
        tmp.persist(path)
            .map_err(|e| e.error)
            .with_context(cannot_write)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| {
            let exists = e.error.kind() == std::io::ErrorKind::AlreadyExists;
            let err = anyhow::Error::from(e.error);
            if exists {
                anyhow::Error::from(crate::error::UsageError(tr(
                    format!(
                        "{} はすでにあります。別のファイル名にしてください(元のファイルは変更していません)",
                        path.display()
                    ),
                    format!(
                        "{} already exists; choose another file name (it was not changed)",
                        path.display()
                    ),
                )))
            } else {
                err.context(cannot_write())
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
        assert!(write_atomically(&path, b"x", false).is_err());
    }
}
