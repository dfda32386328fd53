//! Scripted mode: answers given up front (`--answer QUESTION=OPTION`, an
//! answers file) drive the walk engine as far as they reach. Every answer is
//! checked against the guide before the walk starts, so a typo is a clear
//! usage error naming the valid choices, never a silent wrong path.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};

use crate::engine::{offers, Position, Walk};
use crate::error::UsageError;
use crate::i18n::{did_you_mean, tr};
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

/// Read an answers file: a TOML table of `question = "option"` pairs,
/// optionally under `[answers]` (the template `loginhelp answers` prints).
pub fn read_answers_file(path: &Path) -> Result<Vec<(String, String)>> {
    let src = std::fs::read_to_string(path).with_context(|| {
        tr(
            format!("回答ファイル {} を読めません", path.display()),
            format!("cannot read the answers file {}", path.display()),
        )
    })?;
    let table: toml::Table = toml::from_str(&src).map_err(|e| {
        let (line, col) = e
            .span()
            .map(|s| crate::diagnostic::line_col(&src, s.start))
            .unwrap_or((1, 1));
        UsageError(tr(
            format!(
                "{}:{line}:{col}: 回答ファイルとして読めません: {}",
                path.display(),
                e.message().trim()
            ),
            format!(
                "{}:{line}:{col}: not a valid answers file: {}",
                path.display(),
                e.message().trim()
            ),
        ))
    })?;
    let mut out = Vec::new();
    let take = |table: &toml::Table, out: &mut Vec<(String, String)>| -> Result<()> {
        for (key, value) in table {
            if key == "service" || key == "answers" {
                continue;
            }
            match value.as_str() {
                Some(v) => out.push((key.clone(), v.to_owned())),
                None => {
                    return Err(UsageError(tr(
                        format!(
                        "{}: `{}` の値は引用符で囲んだ選択肢の ID にしてください(例: {} = \"yes\")",
                        path.display(),
                        neutralize(key),
                        neutralize(key)
                    ),
                        format!(
                            "{}: `{}` must be an option id in quotes, like {} = \"yes\"",
                            path.display(),
                            neutralize(key),
                            neutralize(key)
                        ),
                    ))
                    .into())
                }
            }
        }
        Ok(())
    };
    take(&table, &mut out)?;
    if let Some(section) = table.get("answers") {
        let Some(section) = section.as_table() else {
            return Err(UsageError(tr(
                format!("{}: [answers] はテーブルにしてください", path.display()),
                format!("{}: [answers] must be a table", path.display()),
            ))
            .into());
        };
        take(section, &mut out)?;
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
            if let Some(dym) = did_you_mean(question, ids.iter().copied()) {
                message.push_str(&format!("{}{dym}", tr("。", "; ")));
            }
            message.push_str(&format!(
                "\n{}: {}",
                tr("質問", "questions"),
                ids.join(", ")
            ));
            return Err(UsageError(message).into());
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
            if let Some(dym) = did_you_mean(option, valid.iter().map(String::as_str)) {
                message.push_str(&format!("{}{dym}", tr("。", "; ")));
            }
            message.push_str(&format!(
                "\n{}: {}",
                tr("選択肢", "options"),
                valid.join(", ")
            ));
            return Err(UsageError(message).into());
        }
        answers.insert(question.clone(), option.clone());
    }
    Ok(answers)
}

/// Drive the walk with the answers until it ends or reaches a question
/// that has no answer.
pub fn drive(walk: &mut Walk, answers: &Answers) -> Result<()> {
    loop {
        match walk.position() {
            Position::Finished(_) => return Ok(()),
            Position::Show(_) => {
                walk.advance();
            }
            Position::Ask(index) => {
                let id = walk.service().node(index).id.to_string();
                let Some(option) = answers.get(&id) else {
                    return Ok(());
                };
                if walk.visits(index) > 1 {
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
        if let Some(dym) = did_you_mean(id, ids.iter().copied()) {
            message.push_str(&format!("{}{dym}", tr("。", "; ")));
        }
        message.push_str(&format!("\n{}: {}", tr("ノード", "nodes"), ids.join(", ")));
        UsageError(message).into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
