//! The JSON contract: every `--format json` output carries
//! `schema_version` and matches its schema under `docs/` (checked for every
//! run in `common`), errors are JSON too, the schemas are closed, and the
//! walk marks what is new since the last answer.

use serde_json::Value;

use crate::common::{assert_matches_schema, fixture, loginhelp, Run};

const USAGE: i32 = 2;
const NEEDS_ANSWER: i32 = 3;
const INVALID_TREE: i32 = 4;

#[test]
fn every_json_output_is_one_object_with_schema_version_1() {
    let runs: Vec<(Vec<&str>, i32)> = vec![
        (
            vec!["amazon", "--no-input", "--format", "json"],
            NEEDS_ANSWER,
        ),
        (
            vec!["amazon", "-a", "symptom=hacked", "--format", "json"],
            0,
        ),
        (vec!["list", "--format", "json"], 0),
        (vec!["show", "amazon", "--format", "json"], 0),
        (
            vec!["show", "amazon", "reset-password", "--format", "json"],
            0,
        ),
        (vec!["search", "パスワード", "--format", "json"], 0),
        (vec!["validate", "--format", "json"], 0),
    ];
    for (args, status) in runs {
        let run = loginhelp(&args).run();
        assert_eq!(run.status, status, "{args:?}: {}", run.stderr);
        let value = run.json();
        assert!(value.is_object(), "{args:?}: {value}");
        assert_eq!(value["schema_version"], 1, "{args:?}");
        assert!(value.get("error").is_none(), "{args:?}: {value}");
    }
}

#[test]
fn invalid_guides_in_validate_still_match_its_schema() {
    let invalid = fixture("invalid");
    let run = loginhelp(&["validate", invalid.to_str().unwrap(), "--format", "json"]).run();
    assert_eq!(run.status, INVALID_TREE, "{}", run.stderr);
    let value = run.json();
    assert!(value["errors"].as_u64().unwrap() > 0);
    assert!(value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["related"].is_object()));
}

/// The schemas are closed: an output with a field they do not describe, or
/// without its version, does not pass. (Otherwise `check_json_output`
/// would accept anything.)
#[test]
fn the_schemas_reject_undocumented_fields() {
    let mut walk = loginhelp(&["amazon", "-a", "symptom=hacked", "--format", "json"])
        .run()
        .json();
    walk["trail"][0]["surprise"] = Value::Bool(true);
    assert_rejected("output", &walk);
    let mut walk = loginhelp(&["amazon", "--no-input", "--format", "json"])
        .run()
        .json();
    walk.as_object_mut().unwrap().remove("schema_version");
    assert_rejected("output", &walk);
    let mut walk = loginhelp(&["amazon", "--no-input", "--format", "json"])
        .run()
        .json();
    walk["trail"][0].as_object_mut().unwrap().remove("new");
    assert_rejected("output", &walk);

    let mut node = loginhelp(&["show", "amazon", "reset-password", "--format", "json"])
        .run()
        .json();
    node["surprise"] = Value::Bool(true);
    assert_rejected("show", &node);
    let mut guide = loginhelp(&["show", "amazon", "--format", "json"])
        .run()
        .json();
    guide["nodes"][1]["new"] = Value::Bool(true);
    assert_rejected("show", &guide);

    for (schema, args) in [
        ("list", vec!["list", "--format", "json"]),
        ("search", vec!["search", "password", "--format", "json"]),
        ("validate", vec!["validate", "--format", "json"]),
    ] {
        let mut value = loginhelp(&args).run().json();
        value["schema_version"] = Value::from(2);
        assert_rejected(schema, &value);
    }
    let mut error = loginhelp(&["amazn", "--format", "json"]).run().json();
    error["error"]["code"] = Value::from("oops");
    assert_rejected("error", &error);
}

fn assert_rejected(schema: &str, value: &Value) {
    let accepted = std::panic::catch_unwind(|| assert_matches_schema(schema, value)).is_ok();
    assert!(!accepted, "docs/{schema}.schema.json accepted:\n{value:#}");
}

/// The error object of a run that failed under `--format json`, with the
/// exit status checked and stderr empty.
fn json_error(args: &[&str], status: i32) -> Value {
    // The messages checked here are the English ones.
    let run: Run = loginhelp(args).env("LANG", "en_US.UTF-8").run();
    assert_eq!(run.status, status, "{args:?}: {}", run.stderr);
    assert_eq!(run.stderr, "", "{args:?}: stderr should stay quiet");
    let value = run.json();
    assert_eq!(value["schema_version"], 1);
    value["error"].clone()
}

#[test]
fn errors_under_format_json_are_json_on_stdout() {
    let e = json_error(&["amazn", "--format", "json"], USAGE);
    assert_eq!(e["code"], "unknown_service");
    assert_eq!(e["hint"], "did you mean `amazon`?");
    assert!(e["options"].as_array().unwrap().contains(&"amazon".into()));
    assert!(e["message"]
        .as_str()
        .unwrap()
        .starts_with("unknown service `amazn`; did you mean `amazon`?"));

    let e = json_error(
        &["amazon", "-a", "symptom=forgot-pasword", "--format", "json"],
        USAGE,
    );
    assert_eq!(e["code"], "unknown_option");
    assert_eq!(e["hint"], "did you mean `forgot-password`?");
    assert!(e["options"]
        .as_array()
        .unwrap()
        .contains(&"forgot-password".into()));

    let e = json_error(
        &["amazon", "-a", "sympton=hacked", "--format", "json"],
        USAGE,
    );
    assert_eq!(e["code"], "unknown_question");
    assert_eq!(e["hint"], "did you mean `symptom`?");

    let e = json_error(&["amazon", "--start", "nope", "--format", "json"], USAGE);
    assert_eq!(e["code"], "unknown_node");
    let e = json_error(
        &["show", "amazon", "reset-pasword", "--format", "json"],
        USAGE,
    );
    assert_eq!(e["code"], "unknown_node");
    assert_eq!(e["hint"], "did you mean `reset-password`?");
    let e = json_error(&["show", "nosuch", "--format", "json"], USAGE);
    assert_eq!(e["code"], "unknown_service");

    let e = json_error(&["--no-input", "--format", "json"], USAGE);
    assert_eq!(e["code"], "missing_service");
    assert_eq!(e["options"].as_array().unwrap().len(), 5);

    let e = json_error(&["validate", "no/such/dir", "--format", "json"], USAGE);
    assert_eq!(e["code"], "usage");
    assert!(e.get("options").is_none());

    let e = json_error(&["amazon", "list", "--format", "json"], USAGE);
    assert_eq!(e["code"], "usage");

    // A guide with errors, given with --services-dir.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("invalid/lh004-missing-node.toml"),
        dir.path().join("minimal.toml"),
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let e = json_error(
        &["minimal", "--services-dir", d, "--format", "json"],
        INVALID_TREE,
    );
    assert_eq!(e["code"], "invalid_guide");
    assert!(e["message"].as_str().unwrap().contains("LH004"), "{e}");
}

#[test]
fn command_line_errors_under_format_json_are_json_too() {
    let e = json_error(&["amazon", "--format", "json", "--bogus"], USAGE);
    assert_eq!(e["code"], "usage");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("unexpected argument '--bogus' found"),
        "{e}"
    );
    let e = json_error(&["list", "--format=json", "--lang", "xx"], USAGE);
    assert_eq!(e["code"], "usage");
    assert!(e["message"].as_str().unwrap().contains("'xx'"), "{e}");
    // An escape sequence typed on the command line is not passed on.
    let e = json_error(&["amazon", "--format", "json", "--x\u{1b}]0;T\u{7}"], USAGE);
    let message = e["message"].as_str().unwrap();
    assert!(
        !message.contains('\u{1b}') && !message.contains('\u{7}'),
        "{e}"
    );
    // Help is still help.
    let run = loginhelp(&["amazon", "--format", "json", "--help"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, 0);
    assert!(run.stdout.contains("Usage: loginhelp"), "{}", run.stdout);
    // And without --format json, clap's error stays text on stderr.
    let run = loginhelp(&["amazon", "--bogus"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    assert_eq!(run.stdout, "");
    run.assert_stderr_has("unexpected argument '--bogus' found");
}

#[test]
fn errors_in_text_mode_stay_text_on_stderr() {
    let run = loginhelp(&["amazn"]).env("LANG", "en_US.UTF-8").run();
    assert_eq!(run.status, USAGE);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with(
            "loginhelp: error: unknown service `amazn`; did you mean `amazon`?\nservices: amazon, coconala, hapitas, instagram, line\n(see `loginhelp list`)"
        ),
        "{}",
        run.stderr
    );
    let run = loginhelp(&["amazon", "-a", "symptom=nope"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    assert_eq!(run.stdout, "");
    run.assert_stderr_has("question `symptom` has no option `nope`\noptions: forgot-password,");
}

fn new_ids(walk: &Value) -> Vec<&str> {
    walk["trail"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["new"] == true)
        .map(|n| n["id"].as_str().unwrap())
        .collect()
}

#[test]
fn the_walk_marks_the_entries_after_the_last_answer_as_new() {
    // No answer given: everything is new.
    let first = loginhelp(&["amazon", "--no-input", "--format", "json"])
        .run()
        .json();
    assert_eq!(new_ids(&first), ["symptom"]);

    // Two answers: only what came after the second one is new.
    let run = loginhelp(&[
        "amazon",
        "-a",
        "symptom=forgot-password",
        "-a",
        "reset-password=no",
        "--format",
        "json",
    ])
    .run();
    assert_eq!(run.status, NEEDS_ANSWER);
    let walk = run.json();
    let trail: Vec<&str> = walk["trail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(trail, ["symptom", "reset-password", "reset-stuck"]);
    assert_eq!(new_ids(&walk), ["reset-stuck"]);
    assert_eq!(walk["trail"][0]["new"], false);

    // One answer more reaches the escalation: only it is new.
    let walk = crate::common::amazon_escalation(&["--format", "json"]).json();
    assert_eq!(walk["status"], "escalated");
    assert_eq!(new_ids(&walk), ["contact-customer-service"]);

    // --start with no answer: the start node is new.
    let walk = loginhelp(&["amazon", "--start", "reset-password", "--format", "json"])
        .run()
        .json();
    assert_eq!(new_ids(&walk), ["reset-password"]);
}

#[test]
fn a_mistyped_command_is_suggested() {
    let run = loginhelp(&["lst"]).env("LANG", "en_US.UTF-8").run();
    assert_eq!(run.status, USAGE);
    assert!(
        run.stderr.starts_with(
            "loginhelp: error: unknown service `lst`; did you mean the command `list`?\n"
        ),
        "{}",
        run.stderr
    );
    // Closer to a command than to the service it also resembles (`line`).
    let run = loginhelp(&["lis"]).env("LANG", "en_US.UTF-8").run();
    assert!(
        run.stderr.starts_with(
            "loginhelp: error: unknown service `lis`; did you mean the command `list`?\n"
        ),
        "{}",
        run.stderr
    );
    let run = loginhelp(&["valdate"]).env("LANG", "en_US.UTF-8").run();
    run.assert_stderr_has("did you mean the command `validate`?");
    let e = json_error(&["serch", "--format", "json"], USAGE);
    assert_eq!(e["hint"], "did you mean the command `search`?");
    // A service's name still wins where it is the closer one.
    let run = loginhelp(&["amazn"]).env("LANG", "en_US.UTF-8").run();
    run.assert_stderr_has("did you mean `amazon`?");
    let run = loginhelp(&["lin"]).env("LANG", "en_US.UTF-8").run();
    run.assert_stderr_has("did you mean `line`?");
    // And nothing is suggested for what is close to neither.
    let run = loginhelp(&["zzzzzz"]).env("LANG", "en_US.UTF-8").run();
    assert!(!run.stderr.contains("did you mean"), "{}", run.stderr);

    // With more words after it, clap fails on those; the first word is
    // still what was mistyped.
    let run = loginhelp(&["serch", "password"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    assert!(
        run.stderr
            .starts_with("loginhelp: error: unknown command `serch`; did you mean `search`?\n"),
        "{}",
        run.stderr
    );
    let run = loginhelp(&["--lang", "en", "shwo", "amazon", "reset-password"])
        .env("LANG", "en_US.UTF-8")
        .run();
    run.assert_stderr_has("unknown command `shwo`; did you mean `show`?");
    let e = json_error(&["valdate", "services/", "--format", "json"], USAGE);
    assert_eq!(e["code"], "unknown_command");
    assert_eq!(e["hint"], "did you mean `validate`?");
    assert!(e["options"]
        .as_array()
        .unwrap()
        .contains(&"validate".into()));
    // A real service followed by a stray word keeps clap's own error.
    let run = loginhelp(&["amazon", "password"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    run.assert_stderr_has("unrecognized subcommand 'password'");
}
