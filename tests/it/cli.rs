//! The command line end to end: scripted walks, JSON output checked against
//! the published schema, exit codes, errors with suggestions, language
//! selection, browsing commands and the validator's fixtures.

use crate::common;

use common::{amazon_escalation, fixture, loginhelp, repo};
use serde_json::Value;

const NEEDS_ANSWER: i32 = 3;
const USAGE: i32 = 2;
const INVALID_TREE: i32 = 4;

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("docs/output.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("the schema itself is valid")
}

fn assert_schema(value: &Value) {
    let validator = schema();
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "output does not match docs/output.schema.json:\n{}\n{value:#}",
        errors.join("\n")
    );
}

#[test]
fn cli_definition_is_consistent() {
    use clap::CommandFactory;
    loginhelp::Cli::command().debug_assert();
}

#[test]
fn help_matches_the_committed_usage() {
    let run = loginhelp(&["--help"]).env("LANG", "en_US.UTF-8").run();
    assert_eq!(run.status, 0);
    let committed = std::fs::read_to_string(repo().join("docs/usage.txt")).unwrap();
    assert_eq!(
        run.stdout, committed,
        "docs/usage.txt is out of date: run `cargo run -q -- --help --lang en > docs/usage.txt`"
    );
}

#[test]
fn amazon_without_answers_needs_an_answer_with_options() {
    let run = loginhelp(&["amazon", "--no-input", "--format", "json"]).run();
    assert_eq!(run.status, NEEDS_ANSWER, "{}", run.stderr);
    let v = run.json();
    assert_schema(&v);
    assert_eq!(v["service"], "amazon");
    assert_eq!(v["lang"], "ja");
    assert_eq!(v["status"], "needs_answer");
    assert_eq!(v["question"]["id"], "symptom");
    let options = v["question"]["options"].as_array().unwrap();
    assert!(options.len() >= 2);
    assert!(options.iter().any(|o| o["id"] == "forgot-password"));
    assert_eq!(v["trail"][0]["id"], "symptom");
    // The stderr note names the question and its options.
    run.assert_stderr_has("--answer symptom=<option>");
    run.assert_stderr_has("forgot-password");
}

#[test]
fn a_chain_of_answers_reaches_an_escalation_with_contacts() {
    let run = loginhelp(&[
        "amazon",
        "-a",
        "symptom=forgot-password",
        "--answer",
        "reset-password=no",
        "--answer",
        "reset-stuck=other",
        "--format",
        "json",
        "--lang",
        "en",
    ])
    .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let v = run.json();
    assert_schema(&v);
    assert_eq!(v["status"], "escalated");
    let trail = v["trail"].as_array().unwrap();
    let ids: Vec<&str> = trail.iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "symptom",
            "reset-password",
            "reset-stuck",
            "contact-customer-service"
        ]
    );
    assert_eq!(trail[0]["answer"]["id"], "forgot-password");
    assert_eq!(trail[1]["answer"]["id"], "no");
    let last = trail.last().unwrap();
    assert_eq!(last["kind"], "escalation");
    let phones: Vec<&str> = last["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["phone"].as_str())
        .collect();
    assert!(phones.contains(&"0120-999-373"), "{phones:?}");
    let message = v["support_message"].as_str().unwrap();
    assert!(
        message.contains(
            "Reset your password with the Password Assistant: tried it; it did not solve it"
        ),
        "{message}"
    );
    assert!(message.contains("2026-11-22"), "{message}");
}

#[test]
fn the_message_to_send_is_in_the_supports_language() {
    // What to send is in Japanese, the support's language, whatever the
    // walk's language; in Japanese the two are one message.
    let en = amazon_escalation(&["--format", "json", "--lang", "en"]).json();
    assert_schema(&en);
    assert_eq!(en["message_to_send"]["lang"], "ja");
    let to_send = en["message_to_send"]["text"].as_str().unwrap();
    assert!(
        to_send.contains(
            "パスワードアシスタントでパスワードを再設定する: 試しましたが、解決しませんでした"
        ),
        "{to_send}"
    );
    assert!(to_send.contains("2026-11-22"), "{to_send}");
    let ja = amazon_escalation(&["--format", "json", "--lang", "ja"]).json();
    assert_schema(&ja);
    assert_eq!(ja["message_to_send"]["text"], ja["support_message"]);
    assert_eq!(ja["message_to_send"]["text"].as_str(), Some(to_send));
    // Text output in English: the translation to read, then the message to send.
    let text = amazon_escalation(&["--lang", "en"]);
    let translation = text
        .stdout
        .find("English translation (for you to read")
        .unwrap();
    let send = text
        .stdout
        .find("The message to send (in Japanese")
        .unwrap();
    assert!(translation < send, "{}", text.stdout);
    assert!(
        text.stdout[send..].contains("よろしくお願いいたします。"),
        "{}",
        text.stdout
    );
    let text_ja = amazon_escalation(&["--lang", "ja"]);
    assert_eq!(
        text_ja.stdout.matches("よろしくお願いいたします。").count(),
        1
    );
}

#[test]
fn text_output_is_plain_and_names_the_next_answer() {
    let run = loginhelp(&["instagram", "-a", "symptom=forgot-password"]).run();
    assert_eq!(run.status, NEEDS_ANSWER);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no escape sequences when not a terminal"
    );
    run.assert_stdout_has("--answer reset-device=<option>");
    assert!(
        run.stdout
            .contains("回答: パスワードを忘れた [forgot-password]"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_resolved_walk_exits_zero() {
    let run = loginhelp(&[
        "instagram",
        "-a",
        "symptom=forgot-password",
        "-a",
        "reset-device=iphone",
        "-a",
        "reset-password=yes",
        "--format",
        "json",
    ])
    .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let v = run.json();
    assert_schema(&v);
    assert_eq!(v["status"], "resolved");
    // The iPhone was chosen: the Android-only step is not shown.
    let fix = &v["trail"][2];
    assert_eq!(fix["id"], "reset-password");
    let platforms: Vec<&str> = fix["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["platform"].as_str())
        .collect();
    assert!(platforms.contains(&"iphone"), "{fix:#}");
    assert!(!platforms.contains(&"android"), "{fix:#}");
}

#[test]
fn unknown_service_suggests_the_closest() {
    let run = loginhelp(&["instagarm", "--no-input"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    run.assert_stderr_has("unknown service `instagarm`");
    run.assert_stderr_has("did you mean `instagram`?");
    assert!(
        run.stderr
            .contains("amazon, coconala, hapitas, instagram, line"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn aliases_find_their_service() {
    for alias in [
        "insta",
        "インスタ",
        "ＩＧ",
        "amzn",
        "アマゾン",
        "ココナラ",
        "ハピタス",
    ] {
        let run = loginhelp(&[alias, "--no-input", "--format", "json"]).run();
        assert_eq!(run.status, NEEDS_ANSWER, "{alias}: {}", run.stderr);
    }
}

#[test]
fn unknown_question_and_option_list_the_valid_ones() {
    let run = loginhelp(&["amazon", "-a", "symtom=hacked"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    assert!(
        run.stderr
            .contains("no question `symtom`; did you mean `symptom`?"),
        "{}",
        run.stderr
    );
    run.assert_stderr_has("questions: symptom,");

    let run = loginhelp(&["amazon", "-a", "symptom=hacke"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    assert!(
        run.stderr
            .contains("question `symptom` has no option `hacke`; did you mean `hacked`?"),
        "{}",
        run.stderr
    );
    run.assert_stderr_has("options: forgot-password,");

    let run = loginhelp(&["amazon", "-a", "symptom"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    run.assert_stderr_has("is not QUESTION=OPTION");
}

#[test]
fn no_service_and_no_terminal_is_a_clear_usage_error() {
    let run = loginhelp(&[]).env("LANG", "en_US.UTF-8").run();
    assert_eq!(run.status, USAGE);
    run.assert_stderr_has("name a service");
    run.assert_stderr_has("services: amazon");
}

#[test]
fn language_follows_flag_then_env_then_locale() {
    let lang = |run: common::Run| run.json()["lang"].as_str().unwrap().to_owned();
    let base = ["amazon", "--no-input", "--format", "json"];
    assert_eq!(
        lang(loginhelp(&base).run()),
        "ja",
        "C locale gives Japanese"
    );
    assert_eq!(
        lang(loginhelp(&base).env_remove("LANG").run()),
        "ja",
        "no locale gives Japanese"
    );
    assert_eq!(
        lang(loginhelp(&base).env("LANG", "en_US.UTF-8").run()),
        "en"
    );
    assert_eq!(
        lang(loginhelp(&base).env("LANG", "ja_JP.UTF-8").run()),
        "ja"
    );
    assert_eq!(
        lang(
            loginhelp(&base)
                .env("LANG", "ja_JP.UTF-8")
                .env("LC_ALL", "de_DE.UTF-8")
                .run()
        ),
        "en"
    );
    assert_eq!(
        lang(
            loginhelp(&base)
                .env("LANG", "en_US.UTF-8")
                .env("LOGINHELP_LANG", "ja")
                .run()
        ),
        "ja"
    );
    let mut flagged = base.to_vec();
    flagged.extend(["--lang", "en"]);
    assert_eq!(
        lang(loginhelp(&flagged).env("LOGINHELP_LANG", "ja").run()),
        "en"
    );
}

#[test]
fn start_begins_anywhere_and_unknown_nodes_are_named() {
    let run = loginhelp(&["amazon", "--start", "reset-password", "--format", "json"]).run();
    assert_eq!(run.status, NEEDS_ANSWER);
    let v = run.json();
    assert_eq!(v["trail"][0]["id"], "reset-password");
    assert_eq!(v["question"]["id"], "reset-password");
    assert_eq!(v["question"]["options"][0]["id"], "yes");

    let run = loginhelp(&["amazon", "--start", "reset-pasword"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    run.assert_stderr_has("did you mean `reset-password`?");
}

#[test]
fn answers_the_walk_never_reached_are_named() {
    // symptom=hacked goes to the takeover steps: neither answer is asked.
    let args = [
        "amazon",
        "-a",
        "symptom=hacked",
        "-a",
        "reset-password=no",
        "-a",
        "clear-cache=yes",
    ];
    let run = loginhelp(&args).run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.assert_stderr_has(
        "loginhelp: 注意: 次の回答は使われませんでした(その質問までたどり着きませんでした): clear-cache=yes, reset-password=no",
    );
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json", "--lang", "en"]);
    let run = loginhelp(&json_args).run();
    let v = run.json();
    assert_schema(&v);
    assert_eq!(
        v["unused_answers"],
        serde_json::json!(["clear-cache=yes", "reset-password=no"])
    );
    run.assert_stderr_has(
        "note: these answers were not used (the walk never reached their questions)",
    );
    // Every answer used: no field, no note.
    let run = loginhelp(&["amazon", "-a", "symptom=hacked", "--format", "json"]).run();
    assert!(run.json().get("unused_answers").is_none());
    assert!(!run.stderr.contains("注意"), "{}", run.stderr);
}

#[test]
fn answers_can_come_from_standard_input() {
    use std::io::Write as _;
    use std::process::Stdio;
    let piped = |input: &[u8]| {
        let mut child = loginhelp(&["amazon", "--answers", "-", "--format", "json"])
            .command()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = piped(b"service = \"amazon\"\n[answers]\nsymptom = \"hacked\"\n");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["trail"][0]["answer"]["id"], "hacked");
    // Its problems name standard input, with the line and column.
    let out = piped(b"\nsymptom = 3\n");
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let message = v["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("標準入力:2:1: `symptom` の値は"),
        "{message}"
    );
}

#[test]
fn report_is_written_once_and_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    let args = [
        "amazon",
        "-a",
        "symptom=hacked",
        "--report",
        report.to_str().unwrap(),
        "--lang",
        "en",
    ];
    let run = loginhelp(&args).run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    // The wizard's report: the contacts, what to have ready, the message
    // to send in Japanese, then its English translation.
    let saved = std::fs::read_to_string(&report).unwrap();
    assert!(
        saved.starts_with("Amazon (amazon.co.jp) — Notes for contacting support"),
        "{saved}"
    );
    let phone = saved.find("☎ 0120-999-373").expect("the phone line");
    let ready = saved.find("Have this ready").expect("what to have ready");
    let to_send = saved
        .find("件名: Amazon(アマゾン)にログインできません")
        .unwrap();
    let translation = saved.find("Subject: I cannot sign in to Amazon").unwrap();
    assert!(
        phone < ready && ready < to_send && to_send < translation,
        "{saved}"
    );
    assert!(
        saved.contains("What is happening? → Hacked, or a suspicious email"),
        "{saved}"
    );
    assert!(
        saved.contains("いまどんな状況ですか? → 乗っ取り・不審なメールが届いた"),
        "{saved}"
    );

    std::fs::write(&report, "mine").unwrap();
    let run = loginhelp(&args).run();
    assert_eq!(run.status, USAGE, "{}", run.stderr);
    run.assert_stderr_has("already exists");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "mine");

    // A walk that does not escalate writes nothing, and says so.
    let none = dir.path().join("none.txt");
    let run = loginhelp(&[
        "amazon",
        "-a",
        "symptom=forgot-password",
        "--report",
        none.to_str().unwrap(),
    ])
    .run();
    assert_eq!(run.status, NEEDS_ANSWER, "{}", run.stderr);
    assert!(!none.exists());
    run.assert_stderr_has("窓口への相談まで進まなかったので、");
    run.assert_stderr_has("none.txt には何も書いていません");
}

#[test]
fn answers_file_works_like_flags_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    let template = loginhelp(&["answers", "amazon"]).run();
    assert_eq!(template.status, 0);
    template.assert_stdout_has("# symptom = \"\"");
    template.assert_stdout_has("forgot-password");
    // The template parses as it is, and answers nothing yet.
    let file = dir.path().join("answers.toml");
    std::fs::write(&file, &template.stdout).unwrap();
    let run = loginhelp(&[
        "amazon",
        "--answers",
        file.to_str().unwrap(),
        "--format",
        "json",
    ])
    .run();
    assert_eq!(run.status, NEEDS_ANSWER, "{}", run.stderr);

    let filled = template
        .stdout
        .replace("# symptom = \"\"", "symptom = \"hacked\"");
    std::fs::write(&file, filled).unwrap();
    let from_file = loginhelp(&[
        "amazon",
        "--answers",
        file.to_str().unwrap(),
        "--format",
        "json",
    ])
    .run();
    let from_flags = loginhelp(&["amazon", "-a", "symptom=hacked", "--format", "json"]).run();
    assert_eq!(from_file.status, 0, "{}", from_file.stderr);
    assert_eq!(from_file.stdout, from_flags.stdout);

    let overridden = loginhelp(&[
        "amazon",
        "--answers",
        file.to_str().unwrap(),
        "-a",
        "symptom=forgot-password",
        "--format",
        "json",
    ])
    .run();
    assert_eq!(
        overridden.json()["trail"][0]["answer"]["id"],
        "forgot-password"
    );

    std::fs::write(&file, "[answers]\nsymptom = 3\n").unwrap();
    let bad = loginhelp(&["amazon", "--answers", file.to_str().unwrap()])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(bad.status, USAGE);
    bad.assert_stderr_has("must be an option id in quotes");
}

#[test]
fn list_shows_every_service_with_aliases() {
    let run = loginhelp(&["list"]).run();
    assert_eq!(run.status, 0);
    for id in ["amazon", "coconala", "hapitas", "instagram", "line"] {
        assert!(
            run.stdout.lines().any(|l| l.starts_with(id)),
            "{id} missing:\n{}",
            run.stdout
        );
    }
    run.assert_stdout_has("別名: insta");
    let json = loginhelp(&["list", "--format", "json", "--lang", "en"])
        .run()
        .json();
    let list = json["services"].as_array().unwrap();
    assert_eq!(list.len(), 5);
    let amazon = list.iter().find(|s| s["id"] == "amazon").unwrap();
    assert!(amazon["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "amzn"));
    assert_eq!(amazon["origin"], "built-in");
    assert!(!amazon["summary"].as_str().unwrap().is_empty());
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(common::bin())
        .args(["show", "hapitas"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .as_mut()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn show_renders_text_markdown_and_json() {
    let text = loginhelp(&["show", "amazon", "--lang", "en"]).run();
    assert_eq!(text.status, 0);
    assert!(
        text.stdout.contains("── symptom (question) ──"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("0120-999-373"));
    // In Japanese the heading names the kind in Japanese, as the graph's
    // legend does; the id stays as the guide file writes it.
    let ja = loginhelp(&["show", "amazon", "--lang", "ja"]).run();
    assert!(ja.stdout.contains("── symptom (質問) ──"), "{}", ja.stdout);
    assert!(ja.stdout.contains("── takeover-call (問い合わせ先) ──"));
    assert!(!ja.stdout.contains("(question)") && !ja.stdout.contains("(escalation)"));
    let md = loginhelp(&["show", "amazon", "--lang", "ja", "--format", "markdown"]).run();
    assert!(
        md.stdout.contains("`reset-password` (対処法)"),
        "{}",
        md.stdout
    );

    let md = loginhelp(&["show", "amazon", "--format", "markdown"]).run();
    assert!(md.stdout.starts_with("# Amazon"), "{}", md.stdout);
    assert!(md
        .stdout
        .contains("<a id=\"contact-customer-service\"></a>"));

    let node = loginhelp(&["show", "amazon", "reset-password", "--format", "json"])
        .run()
        .json();
    assert_eq!(node["id"], "reset-password");
    assert_eq!(node["kind"], "fix");
    assert_eq!(node["steps"].as_array().unwrap().len(), 6);
    assert!(node["leads_to"].as_array().unwrap().len() == 2);

    let whole = loginhelp(&["show", "line", "--format", "json"])
        .run()
        .json();
    assert_eq!(whole["start"], "symptom");
    assert!(whole["nodes"].as_array().unwrap().len() > 10);
}

#[test]
fn services_dir_adds_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("valid/minimal.toml"),
        dir.path().join("minimal.toml"),
    )
    .unwrap();
    // Same id as a shipped guide: replaces it.
    let replacement = std::fs::read_to_string(fixture("valid/minimal.toml"))
        .unwrap()
        .replace("id = \"minimal\"", "id = \"amazon\"")
        .replace("aliases = [\"mini\", \"ミニマル\"]", "aliases = [\"amzn\"]");
    std::fs::write(dir.path().join("amazon.toml"), replacement).unwrap();
    let d = dir.path().to_str().unwrap();

    let list = loginhelp(&["list", "--format", "json", "--services-dir", d])
        .run()
        .json();
    let ids: Vec<&str> = list["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "amazon",
            "coconala",
            "hapitas",
            "instagram",
            "line",
            "minimal"
        ]
    );

    let run = loginhelp(&["mini", "-a", "symptom=hacked", "--format", "json"])
        .env("LOGINHELP_SERVICES_DIR", d)
        .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.json()["status"], "escalated");

    let amazon = loginhelp(&[
        "amazon",
        "--no-input",
        "--format",
        "json",
        "--services-dir",
        d,
    ])
    .run()
    .json();
    assert_eq!(amazon["trail"][0]["options"][0]["id"], "forgot-password");
    assert_eq!(amazon["service_name"], "ミニマル");

    let validate = loginhelp(&["validate", "--services-dir", d])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(validate.status, 0, "{}", validate.stdout);
    assert!(
        validate
            .stdout
            .contains("checked 6 files: 0 errors, 0 warnings"),
        "{}",
        validate.stdout
    );
}

#[test]
fn a_broken_tree_in_services_dir_is_reported_not_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("invalid/lh004-missing-node.toml"),
        dir.path().join("minimal.toml"),
    )
    .unwrap();
    let run = loginhelp(&["minimal", "--services-dir", dir.path().to_str().unwrap()])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, INVALID_TREE);
    run.assert_stderr_has("error[LH004]");
    run.assert_stderr_has("minimal.toml:25:8");
}

#[test]
fn shipped_guides_validate_without_warnings() {
    let run = loginhelp(&["validate"]).env("LANG", "en_US.UTF-8").run();
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert_eq!(run.stdout, "checked 5 files: 0 errors, 0 warnings\n");
    let on_disk = loginhelp(&["validate", repo().join("services").to_str().unwrap()])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(on_disk.status, 0, "{}", on_disk.stdout);
}

/// Each broken fixture is caught with the right code at the right place.
#[test]
fn validator_catches_each_broken_fixture() {
    // (file, code, line, column, severity)
    let expected = [
        ("lh001-syntax", "LH001", 21, 33, "error"),
        ("lh002-unknown-key", "LH002", 25, 1, "error"),
        ("lh002-key-for-other-kind", "LH002", 22, 8, "error"),
        ("lh003-duplicate-id", "LH003", 56, 6, "error"),
        ("lh004-missing-node", "LH004", 25, 8, "error"),
        ("lh005-unreachable", "LH005", 56, 6, "error"),
        ("lh006-no-outcome", "LH006", 56, 6, "error"),
        ("lh007-leads-nowhere", "LH007", 26, 1, "error"),
        ("lh008-dead-loop", "LH008", 32, 6, "error"),
        ("lh009-missing-translation", "LH009", 58, 9, "error"),
        ("lh010-bad-phone", "LH010", 52, 9, "error"),
        ("lh011-bad-url", "LH011", 12, 7, "error"),
        ("lh012-invalid-value", "LH012", 57, 8, "error"),
        ("lh013-missing-key", "LH013", 32, 6, "error"),
        ("lh014-too-deep", "LH014", 4, 43, "error"),
        ("lh101-wide-label", "LH101", 24, 16, "warning"),
        ("lh102-control-char", "LH102", 58, 34, "warning"),
        ("lh103-look-alike-host", "LH103", 57, 7, "warning"),
    ];
    let mut codes_seen = std::collections::BTreeSet::new();
    for (name, code, line, column, severity) in expected {
        let path = fixture(&format!("invalid/{name}.toml"));
        let path_str = path.to_str().unwrap();
        let run = loginhelp(&["validate", path_str])
            .env("LANG", "en_US.UTF-8")
            .run();
        let want_status = if severity == "error" { INVALID_TREE } else { 0 };
        assert_eq!(run.status, want_status, "{name}:\n{}", run.stdout);
        let header = format!("{severity}[{code}]");
        assert!(
            run.stdout.contains(&header),
            "{name}: no {header}:\n{}",
            run.stdout
        );
        let position = format!("{path_str}:{line}:{column}");
        assert!(
            run.stdout.contains(&position),
            "{name}: no {position}:\n{}",
            run.stdout
        );

        let json = loginhelp(&["validate", path_str, "--format", "json"])
            .env("LANG", "en_US.UTF-8")
            .run()
            .json();
        let found = json["diagnostics"].as_array().unwrap().iter().any(|d| {
            d["code"] == code
                && d["line"] == line
                && d["column"] == column
                && d["severity"] == severity
        });
        assert!(
            found,
            "{name}: JSON has no {code} at {line}:{column}:\n{json:#}"
        );
        codes_seen.insert(code);
    }
    // One fixture per code the validator knows, but for the two about the
    // file system (an unreadable file, a skipped directory entry), which
    // `hostile::directory_problems_are_reported_and_the_rest_checked` covers.
    for code in loginhelp::diagnostic::Code::ALL {
        if matches!(code.as_str(), "LH015" | "LH104") {
            continue;
        }
        assert!(
            codes_seen.contains(code.as_str()),
            "no fixture for {}",
            code.as_str()
        );
    }
}

#[test]
fn validate_names_missing_paths_and_empty_dirs() {
    let run = loginhelp(&["validate", "no/such/file.toml"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    assert!(
        run.stderr.contains("no/such/file.toml does not exist"),
        "{}",
        run.stderr
    );
    let dir = tempfile::tempdir().unwrap();
    let run = loginhelp(&["validate", dir.path().to_str().unwrap()])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    run.assert_stderr_has("holds no .toml files");
}

#[test]
fn completions_and_man_page_are_generated() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = loginhelp(&["completions", shell]).run();
        assert_eq!(run.status, 0, "{shell}");
        // A registration script: each Tab asks the binary (see
        // tests/it/completions.rs for what it answers).
        assert!(
            run.stdout.contains(&format!("COMPLETE=\"{shell}\""))
                || run.stdout.contains(&format!("COMPLETE={shell}"))
                || run.stdout.contains(&format!("COMPLETE = \"{shell}\"")),
            "{shell}: {}",
            run.stdout
        );
    }
    // The bash script is valid bash.
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("loginhelp.bash");
    std::fs::write(&script, loginhelp(&["completions", "bash"]).run().stdout).unwrap();
    let check = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let man = loginhelp(&["man"]).run();
    assert_eq!(man.status, 0);
    assert!(
        man.stdout.contains(".TH loginhelp"),
        "{}",
        &man.stdout[..200.min(man.stdout.len())]
    );
    assert!(man.stdout.contains("validate"));
}

#[test]
fn global_flags_go_before_or_after_a_command() {
    let before = loginhelp(&["--lang", "en", "list", "--format", "json"]).run();
    let after = loginhelp(&["list", "--format", "json", "--lang", "en"]).run();
    assert_eq!(before.status, 0, "{}", before.stderr);
    assert_eq!(before.stdout, after.stdout);
    let run = loginhelp(&["amazon", "list"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    assert!(
        run.stderr
            .contains("a service (`amazon`) and the command `list` cannot be combined"),
        "{}",
        run.stderr
    );
    let run = loginhelp(&["amazon", "show", "amazon"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    run.assert_stderr_has("did you mean `loginhelp show amazon`?");
    let run = loginhelp(&["-a", "symptom=hacked", "list"])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(run.status, USAGE);
    run.assert_stderr_has("belong to a walk");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let args = ["amazon", "-a", "symptom=hacked", "--lang", "en"];
    let plain = loginhelp(&args).env_remove("NO_COLOR").run();
    assert!(
        !plain.stdout.contains('\u{1b}'),
        "auto: a pipe gets no colour"
    );
    let mut always = args.to_vec();
    always.extend(["--color", "always"]);
    let coloured = loginhelp(&always).run();
    assert!(
        coloured.stdout.contains("\u{1b}["),
        "--color always colours even a pipe"
    );
    let from_env = loginhelp(&args).env("LOGINHELP_COLOR", "always").run();
    assert!(
        from_env.stdout.contains("\u{1b}["),
        "LOGINHELP_COLOR=always"
    );
    let env_never = loginhelp(&args).env("LOGINHELP_COLOR", "never").run();
    assert!(!env_never.stdout.contains('\u{1b}'));
}
