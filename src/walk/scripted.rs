//! Scripted mode: answers given up front (`--answer QUESTION=OPTION`, an
//! answers file) drive the walk engine as far as they reach. Every answer is
//! checked against the guide before the walk starts, so a typo is a clear
//! usage error naming the valid choices, never a silent wrong path.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;

use crate::engine::{offers, Position, Walk};
use crate::error::{Unknown, UsageError};
use crate::i18n::{did_you_mean, tr};
use crate::input::Problem;
use crate::text::neutralize;
use crate::tree::Service;

/// Answers by question id, in the order given (later ones win).
pub type Answers = BTreeMap<String, String>;

/// Split `--answer` flags of the form `QUESTION=OPTION`.
pub fn parse_answer_flags(flags: &[String]) -> Result<Vec<(String, String)>> {
    flags
        .iter()
        .map(|flag| match flag.split_once('=') {
            Some((q, o)) if !q.trim().is_empty() && !o.trim().is_empty() => {
                Ok((q.trim().to_owned(), o.trim().to_owned()))
            }
            _ => Err(UsageError(tr(
                format!(
                    "`--answer {}` は 質問=選択肢 の形ではありません(例: `--answer symptom=forgot-password`)",
                    neutralize(flag)
                ),
                format!(
                    "`--answer {}` is not QUESTION=OPTION (for example `--answer symptom=forgot-password`)",
                    neutralize(flag)
                ),
            ))
            .into()),
        })
        .collect()
}

/// The largest answers file read. An answers file holds one line per
/// question on a path; this is far beyond any guide's, and keeps
/// `--answers /dev/urandom`-like mistakes from filling memory.
pub const MAX_ANSWERS_BYTES: u64 = 8 * 1024 * 1024;

/// What an answers file says.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AnswersFile {
    /// `service = "…"`, with where it was written (`file:line:col`).
    pub service: Option<(String, String)>,
    /// `question = "option"` pairs, top level and under `[answers]`.
    pub answers: Vec<(String, String)>,
}

impl AnswersFile {
    /// A `service = "…"` naming another guide than `service` is an error:
    /// the answers were written for that one.
    pub fn check_service(&self, service: &Service) -> Result<()> {
        let Some((named, at)) = &self.service else {
            return Ok(());
        };
        let wanted = crate::text::fold(named);
        let matches = std::iter::once(&service.id)
            .chain(service.aliases.iter())
            .any(|n| crate::text::fold(n) == wanted);
        if matches {
            return Ok(());
        }
        let (named, id) = (neutralize(named), &service.id);
        Err(UsageError(tr(
            format!(
                "{at}: この回答は `{id}` ではなくサービス `{named}` のものです。`loginhelp {named} --answers …` を使うか、`service` を変えてください"
            ),
            format!(
                "{at}: these answers are for the service `{named}`, not `{id}`; use `loginhelp {named} --answers …` or change `service`"
            ),
        ))
        .into())
    }
}

/// Read an answers file: a TOML table of `question = "option"` pairs,
/// optionally under `[answers]` (the template `loginhelp answers` prints),
/// and an optional `service = "id"`. The file gets the guide files' rules
/// (a regular file, at most `MAX_ANSWERS_BYTES`), and every problem is a
/// usage error naming the file, with the line and column where there is one.
pub fn read_answers_file(path: &Path) -> Result<AnswersFile> {
    if path == Path::new("-") {
        return read_answers_from_stdin();
    }
    let name = crate::input::shown(path);
    let bytes = match crate::input::read_regular_file(path, MAX_ANSWERS_BYTES) {
        Ok(bytes) => bytes,
        Err(Problem::Io(err)) => {
            return Err(crate::input::open_error("the answers file", path, err))
        }
        Err(Problem::NotRegular) => {
            return Err(UsageError(tr(
                format!("回答ファイル {name} は通常のファイルではありません"),
                format!("the answers file {name} is not a regular file"),
            ))
            .into())
        }
        Err(Problem::TooLarge(len)) => {
            return Err(UsageError(tr(
                format!(
                    "回答ファイル {name} は {len} バイトあります。上限は {MAX_ANSWERS_BYTES} バイトです"
                ),
                format!(
                    "the answers file {name} is {len} bytes; the limit is {MAX_ANSWERS_BYTES} bytes"
                ),
            ))
            .into())
        }
    };
    answers_from_bytes(&name, bytes)
}

/// `--answers -`: the answers file on standard input (a pipe or a file;
/// never a terminal), under the same size cap.
fn read_answers_from_stdin() -> Result<AnswersFile> {
    let name = tr("標準入力", "standard input");
    let bytes = match crate::input::read_stdin(MAX_ANSWERS_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return Err(UsageError(tr(
                format!("標準入力の回答が {MAX_ANSWERS_BYTES} バイトの上限を超えています"),
                format!("the answers on standard input are over the limit of {MAX_ANSWERS_BYTES} bytes"),
            ))
            .into())
        }
        Err(err) if err.kind() == std::io::ErrorKind::InvalidInput => {
            return Err(UsageError(tr(
                "--answers - は標準入力から回答を読みますが、標準入力が端末です。回答ファイルをパイプかリダイレクトで渡してください(例: loginhelp amazon --answers - < a.toml)",
                "--answers - reads the answers from standard input, which is a terminal here; pipe or redirect the answers file in (for example: loginhelp amazon --answers - < a.toml)",
            ))
            .into())
        }
        Err(err) => {
            return Err(anyhow::Error::from(err).context(tr(
                "標準入力の回答を読めません",
                "cannot read the answers on standard input",
            )))
        }
    };
    answers_from_bytes(&name, bytes)
}

/// An answers file's bytes, which must be UTF-8; `name` is how messages
/// name the file.
fn answers_from_bytes(name: &str, bytes: Vec<u8>) -> Result<AnswersFile> {
    let src = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or_default();
        let (line, col) = crate::diagnostic::line_col(valid, at);
        UsageError(tr(
            format!("{name}:{line}:{col}: 回答ファイルが UTF-8 ではありません。UTF-8 で保存してください"),
            format!("{name}:{line}:{col}: the answers file is not valid UTF-8; save it as UTF-8"),
        ))
    })?;
    parse_answers(name, &src)
}

/// Parse an answers file's text; `name` is the file as messages show it.
pub fn parse_answers(name: &str, src: &str) -> Result<AnswersFile> {
    use toml::de::{DeTable, DeValue};
    let at = |offset: usize| {
        let (line, col) = crate::diagnostic::line_col(src, offset);
        format!("{name}:{line}:{col}")
    };
    let table = DeTable::parse(src).map_err(|e| {
        let here = at(e.span().map_or(0, |s| s.start));
        let problem = e.message().trim().to_owned();
        let problem_ja = crate::tree::toml_words::japanese(problem.lines().next().unwrap_or(""));
        UsageError(tr(
            format!("{here}: 回答ファイルとして読めません: {problem_ja}"),
            format!("{here}: not a valid answers file: {problem}"),
        ))
    })?;
    let mut out = AnswersFile::default();
    // Where each question was answered, to refuse a second answer.
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut take = |table: &DeTable, top: bool, out: &mut AnswersFile| -> Result<()> {
        for (key, value) in table {
            let key_name = key.get_ref().as_ref();
            let here = at(key.span().start);
            if top && key_name == "answers" {
                continue;
            }
            if top && key_name == "service" {
                match value.get_ref() {
                    DeValue::String(s) => out.service = Some((s.to_string(), here)),
                    _ => {
                        return Err(UsageError(tr(
                            format!(
                                "{here}: `service` は引用符で囲んだサービスの ID にしてください(例: service = \"amazon\")"
                            ),
                            format!(
                                "{here}: `service` must be a service id in quotes, like service = \"amazon\""
                            ),
                        ))
                        .into())
                    }
                }
                continue;
            }
            let DeValue::String(option) = value.get_ref() else {
                let key = neutralize(key_name);
                return Err(UsageError(tr(
                    format!(
                        "{here}: `{key}` の値は引用符で囲んだ選択肢の ID にしてください(例: {key} = \"yes\")"
                    ),
                    format!("{here}: `{key}` must be an option id in quotes, like {key} = \"yes\""),
                ))
                .into());
            };
            if let Some(first) = seen.get(key_name) {
                let key = neutralize(key_name);
                return Err(UsageError(tr(
                    format!(
                        "{here}: `{key}` に二度答えています(最初は {first})。一つにしてください"
                    ),
                    format!("{here}: `{key}` is answered twice (first at {first}); keep one"),
                ))
                .into());
            }
            seen.insert(key_name.to_owned(), here);
            out.answers.push((key_name.to_owned(), option.to_string()));
        }
        Ok(())
    };
    let table = table.get_ref();
    take(table, true, &mut out)?;
    if let Some((key, section)) = table.get_key_value("answers") {
        let DeValue::Table(section) = section.get_ref() else {
            let here = at(key.span().start);
            return Err(UsageError(tr(
                format!("{here}: [answers] はテーブルにしてください"),
                format!("{here}: [answers] must be a table"),
            ))
            .into());
        };
        take(section, false, &mut out)?;
    }
    Ok(out)
}

/// Check every answer against the guide: the question must exist and the
/// option must be one of its options.
pub fn check_answers(service: &Service, given: &[(String, String)]) -> Result<Answers> {
    let mut answers = Answers::new();
    for (question, option) in given {
        let Some(index) = service.find(question).filter(|&i| service.node(i).asks()) else {
            let ids: Vec<&str> = service.question_ids().collect();
            let mut message = tr(
                format!(
                    "{} のガイドに質問 `{}` はありません",
                    service.id,
                    neutralize(question)
                ),
                format!(
                    "the {} guide has no question `{}`",
                    service.id,
                    neutralize(question)
                ),
            );
            let hint = did_you_mean(question, ids.iter().copied());
            if let Some(dym) = &hint {
                message.push_str(&format!("{}{dym}", tr("。", "; ")));
            }
            message.push_str(&format!(
                "\n{}: {}",
                tr("質問", "questions"),
                ids.join(", ")
            ));
            let options = ids.iter().map(|id| id.to_string()).collect();
            return Err(Unknown::new("unknown_question", message, hint, options).into());
        };
        let valid: Vec<String> = offers(service, index).into_iter().map(|o| o.id).collect();
        if !valid.iter().any(|v| v == option) {
            let mut message = tr(
                format!(
                    "質問 `{question}` に選択肢 `{}` はありません",
                    neutralize(option)
                ),
                format!(
                    "question `{question}` has no option `{}`",
                    neutralize(option)
                ),
            );
            let hint = did_you_mean(option, valid.iter().map(String::as_str));
            if let Some(dym) = &hint {
                message.push_str(&format!("{}{dym}", tr("。", "; ")));
            }
            message.push_str(&format!(
                "\n{}: {}",
                tr("選択肢", "options"),
                valid.join(", ")
            ));
            return Err(Unknown::new("unknown_option", message, hint, valid).into());
        }
        answers.insert(question.clone(), option.clone());
    }
    Ok(answers)
}

/// Drive the walk with the answers until it ends or reaches a question
/// that has no answer.
pub fn drive(walk: &mut Walk, answers: &Answers) -> Result<()> {
    // The nodes shown before the current one, kept as the walk goes (asking
    // the walk how often it was at a node scans the trail: quadratic).
    let trail = walk.trail();
    let mut seen: std::collections::HashSet<usize> =
        trail[..trail.len() - 1].iter().map(|v| v.node).collect();
    loop {
        match walk.position() {
            Position::Finished(_) => return Ok(()),
            Position::Show(index) => {
                seen.insert(index);
                walk.advance();
            }
            Position::Ask(index) => {
                let id = walk.service().node(index).id.to_string();
                let Some(option) = answers.get(&id) else {
                    return Ok(());
                };
                if !seen.insert(index) {
                    return Err(UsageError(tr(
                        format!("回答をたどると質問 `{id}` に戻ってしまいます。どれかの回答を変えてください"),
                        format!("the answers lead round a loop back to question `{id}`; change one of them"),
                    ))
                    .into());
                }
                walk.answer(option).map_err(|e| UsageError(e.to_string()))?;
            }
        }
    }
}

/// Find `--start NODE`, or say which nodes there are.
pub fn start_node(service: &Service, id: &str) -> Result<usize> {
    service.find(id).ok_or_else(|| {
        let ids: Vec<&str> = service.nodes.iter().map(|n| &*n.id).collect();
        let mut message = tr(
            format!(
                "{} のガイドにノード `{}` はありません",
                service.id,
                neutralize(id)
            ),
            format!("the {} guide has no node `{}`", service.id, neutralize(id)),
        );
        let hint = did_you_mean(id, ids.iter().copied());
        if let Some(dym) = &hint {
            message.push_str(&format!("{}{dym}", tr("。", "; ")));
        }
        message.push_str(&format!("\n{}: {}", tr("ノード", "nodes"), ids.join(", ")));
        let options = ids.iter().map(|id| id.to_string()).collect();
        Unknown::new("unknown_node", message, hint, options).into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_files_say_where_a_problem_is() {
        let read = parse_answers(
            "a.toml",
            "service = \"amazon\"\ntop = \"x\"\n[answers]\nsymptom = \"hacked\"\n",
        )
        .unwrap();
        assert_eq!(
            read.service,
            Some(("amazon".to_owned(), "a.toml:1:1".to_owned()))
        );
        assert_eq!(
            read.answers,
            vec![
                ("top".to_owned(), "x".to_owned()),
                ("symptom".to_owned(), "hacked".to_owned())
            ]
        );
        // The same question at the top and under [answers].
        let twice = parse_answers(
            "a.toml",
            "symptom = \"hacked\"\n[answers]\nsymptom = \"forgot-password\"\n",
        )
        .unwrap_err();
        assert_eq!(
            twice.to_string(),
            "a.toml:3:1: `symptom` is answered twice (first at a.toml:1:1); keep one"
        );
        let number = parse_answers("a.toml", "\nservice = 5\n").unwrap_err();
        assert!(
            number
                .to_string()
                .starts_with("a.toml:2:1: `service` must be"),
            "{number}"
        );
        for bad in ["symptom = 3", "x = \"", "answers = 1"] {
            let err = parse_answers("a.toml", bad).unwrap_err();
            assert_eq!(crate::error::exit_for(&err), crate::error::Exit::Usage);
            assert!(err.to_string().starts_with("a.toml:1:"), "{err}");
        }
    }

    #[test]
    fn answer_flags_must_have_both_sides() {
        assert_eq!(
            parse_answer_flags(&["q=o".into(), " a = b ".into()]).unwrap(),
            vec![("q".into(), "o".into()), ("a".into(), "b".into())]
        );
        for bad in ["q", "=o", "q=", ""] {
            assert!(parse_answer_flags(&[bad.into()]).is_err(), "{bad}");
        }
    }
}
