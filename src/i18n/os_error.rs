//! Errors from the operating system in the user's language. The standard
//! library words an I/O error in English ("Not a directory (os error 20)");
//! a Japanese message says what happened in Japanese and keeps the OS's
//! number, so that nothing of the original is lost. An error's chain is
//! written the way anyhow's `{:#}` writes it, each cause after a colon.

use std::io::{self, ErrorKind};

use super::Lang;

/// An I/O error as the user reads it.
pub fn describe(err: &io::Error, lang: Lang) -> String {
    match lang {
        Lang::En => err.to_string(),
        Lang::Ja => {
            let what = by_number(err.raw_os_error()).unwrap_or_else(|| japanese(err.kind()));
            match err.raw_os_error() {
                Some(code) => format!("{what}(OS のエラー {code})"),
                None => what.to_owned(),
            }
        }
    }
}

/// The whole chain of an error, outermost first, joined by ": " as `{:#}`
/// does, with every I/O error in it described in `lang`.
pub fn chain(err: &anyhow::Error, lang: Lang) -> String {
    let mut out = String::new();
    for (i, cause) in err.chain().enumerate() {
        if i > 0 {
            out.push_str(": ");
        }
        match cause.downcast_ref::<io::Error>() {
            Some(io) => out.push_str(&describe(io, lang)),
            None => out.push_str(&cause.to_string()),
        }
    }
    out
}

/// Errors whose kind is not yet stable in the standard library.
fn by_number(code: Option<i32>) -> Option<&'static str> {
    #[cfg(unix)]
    if code == Some(libc::ELOOP) {
        return Some("シンボリックリンクが輪になっています");
    }
    let _ = code;
    None
}

fn japanese(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => "ファイルかディレクトリがありません",
        ErrorKind::PermissionDenied => "その操作をする権限がありません",
        ErrorKind::AlreadyExists => "すでにあります",
        ErrorKind::NotADirectory => "ディレクトリではありません",
        ErrorKind::IsADirectory => "ファイルではなくディレクトリです",
        ErrorKind::DirectoryNotEmpty => "ディレクトリが空ではありません",
        ErrorKind::ReadOnlyFilesystem => "読み取り専用のファイルシステムです",
        ErrorKind::StorageFull => "ディスクに空きがありません",
        ErrorKind::QuotaExceeded => "使える容量の上限に達しました",
        ErrorKind::FileTooLarge => "ファイルが大きすぎます",
        ErrorKind::InvalidFilename => "ファイル名が長すぎるか、使えない文字があります",
        ErrorKind::ResourceBusy => "使用中です",
        ErrorKind::CrossesDevices => "別のファイルシステムへは移せません",
        ErrorKind::TooManyLinks => "リンクが多すぎます",
        ErrorKind::NotSeekable => "読む位置を移せない種類のファイルです",
        ErrorKind::BrokenPipe => "出力先が閉じられました",
        ErrorKind::UnexpectedEof => "ファイルが途中で終わっています",
        ErrorKind::WriteZero => "書き込めませんでした",
        ErrorKind::Interrupted => "中断されました",
        ErrorKind::TimedOut => "時間切れになりました",
        ErrorKind::WouldBlock => "今は読み書きできません",
        ErrorKind::InvalidData => "内容を読み取れません(テキストが UTF-8 ではないなど)",
        ErrorKind::InvalidInput => "指定が正しくありません",
        ErrorKind::OutOfMemory => "メモリが足りません",
        ErrorKind::Unsupported => "この環境ではできない操作です",
        _ => "入出力のエラーです",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn os_errors_are_worded_in_japanese_and_keep_their_number() {
        let err = io::Error::from_raw_os_error(libc::ENOTDIR);
        assert_eq!(
            describe(&err, Lang::Ja),
            format!("ディレクトリではありません(OS のエラー {})", libc::ENOTDIR)
        );
        assert_eq!(describe(&err, Lang::En), err.to_string());
        let custom = io::Error::new(ErrorKind::InvalidData, "stream did not contain valid UTF-8");
        assert!(describe(&custom, Lang::Ja).starts_with("内容を読み取れません"));
    }

    #[cfg(unix)]
    #[test]
    fn a_chain_reads_as_anyhow_writes_it_with_io_errors_translated() {
        let err = anyhow::Error::from(io::Error::from_raw_os_error(libc::EACCES))
            .context("外側")
            .context("もっと外側");
        assert_eq!(chain(&err, Lang::En), format!("{err:#}"));
        assert_eq!(
            chain(&err, Lang::Ja),
            format!(
                "もっと外側: 外側: その操作をする権限がありません(OS のエラー {})",
                libc::EACCES
            )
        );
    }
}
