//! Fuzz the answers: an answers file (`--answers FILE`, read from disk as
//! the command does) and `--answer` flags (the input's lines), then both
//! checked against a shipped guide and driven. Nothing may panic; what is
//! read must be exactly the file's string values (top level and under
//! `[answers]`, `service` aside); every message must be safe to print.

#![no_main]

mod oracle;

use std::io::Write as _;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use loginhelp::engine::Walk;
use loginhelp::registry::Registry;
use loginhelp::tree::Service;
use loginhelp::walk::scripted;

fn services() -> &'static [Service] {
    static SERVICES: OnceLock<Vec<Service>> = OnceLock::new();
    SERVICES.get_or_init(|| {
        Registry::load(None)
            .expect("the shipped guides")
            .entries
            .iter()
            .map(|e| e.load().expect("a shipped guide loads"))
            .collect()
    })
}

fn file() -> &'static tempfile::NamedTempFile {
    static FILE: OnceLock<tempfile::NamedTempFile> = OnceLock::new();
    FILE.get_or_init(|| tempfile::NamedTempFile::new().expect("a temporary file"))
}

#[track_caller]
fn assert_message_inert(what: &str, err: &anyhow::Error) {
    oracle::assert_inert(what, &format!("{err:#}"), true);
}

/// The string values the file holds, by a reading of its own.
fn expected_pairs(src: &str) -> Option<Vec<(String, String)>> {
    let table: toml::Table = toml::from_str(src).ok()?;
    let mut out = Vec::new();
    let mut take = |t: &toml::Table| -> Option<()> {
        for (k, v) in t {
            if k == "service" || k == "answers" {
                continue;
            }
            out.push((k.clone(), v.as_str()?.to_owned()));
        }
        Some(())
    };
    take(&table)?;
    if let Some(section) = table.get("answers") {
        take(section.as_table()?)?;
    }
    Some(out)
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, data)) = data.split_first() else {
        return;
    };
    let service = &services()[pick as usize % services().len()];

    let mut f = file().reopen().expect("reopen");
    f.set_len(0).unwrap();
    f.write_all(data).unwrap();
    drop(f);
    let read = scripted::read_answers_file(file().path());
    let src = std::str::from_utf8(data).ok();
    let expected = src.and_then(expected_pairs);
    let mut given = match read {
        Ok(file) => {
            // What was read is what the file says (the reader may refuse
            // more than this reading does, such as a question answered
            // twice, but never reads anything else).
            let mut got = file.answers.clone();
            got.sort();
            let mut want = expected.expect("a file read as answers is a TOML table of strings");
            want.sort();
            assert_eq!(got, want, "read as the file says");
            if let Err(err) = file.check_service(service) {
                assert_message_inert("service error", &err);
            }
            file.answers
        }
        Err(err) => {
            assert_message_inert("answers file error", &err);
            Vec::new()
        }
    };

    // The same bytes as --answer flags, one a line.
    let flags: Vec<String> = String::from_utf8_lossy(data).lines().map(str::to_owned).collect();
    match scripted::parse_answer_flags(&flags) {
        Ok(pairs) => {
            for ((q, o), flag) in pairs.iter().zip(&flags) {
                assert_eq!(flag.split_once('=').map(|(a, b)| (a.trim(), b.trim())), Some((q.as_str(), o.as_str())));
            }
            given.extend(pairs);
        }
        Err(err) => assert_message_inert("--answer error", &err),
    }

    match scripted::check_answers(service, &given) {
        Ok(answers) => {
            let mut walk = Walk::new(service);
            if let Err(err) = scripted::drive(&mut walk, &answers) {
                assert_message_inert("drive error", &err);
            }
        }
        Err(err) => assert_message_inert("check error", &err),
    }
});
