//! Coming back to a walk, from a script's side: the replay command in
//! scripted JSON walks the same answers again, `--transcript` writes the
//! walk as Markdown (and never over a file), and saved state never changes
//! what scripted mode does. The wizard's side is in `pty`.

use crate::common::loginhelp;

fn trail_ids(json: &serde_json::Value) -> Vec<String> {
    json["trail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Run a replay's arguments (as JSON carries them) and compare the walks.
#[test]
fn the_replay_command_reproduces_the_walk() {
    for args in [
        &[
            "hapitas",
            "-a",
            "symptom=forgot-password",
            "-a",
            "reset-password=no",
            "-a",
            "reset-result=no-mail",
        ][..],
        &[
            "instagram",
            "-a",
            "symptom=forgot-password",
            "-a",
            "reset-device=iphone",
        ][..],
        &["amazon", "--start", "symptom"][..],
        &["hapitas", "--start", "reinquire"][..],
    ] {
        let mut first_args = args.to_vec();
        first_args.extend(["--format", "json", "--lang", "en"]);
        let first = loginhelp(&first_args).run();
        assert!(matches!(first.status, 0 | 3), "{}", first.stderr);
        let first = first.json();
        let replay = &first["replay"];
        let replay_args: Vec<String> = replay["args"]
            .as_array()
            .unwrap_or_else(|| panic!("no replay in {first}"))
            .iter()
            .map(|a| a.as_str().unwrap().to_owned())
            .collect();
        let command = replay["command"].as_str().unwrap();
        assert_eq!(command, format!("loginhelp {}", replay_args.join(" ")));
        let mut again: Vec<&str> = replay_args.iter().map(String::as_str).collect();
        again.extend(["--format", "json", "--lang", "en"]);
        let second = loginhelp(&again).run().json();
        assert_eq!(trail_ids(&second), trail_ids(&first), "{command}");
        assert_eq!(second["status"], first["status"], "{command}");
        assert_eq!(second["replay"], first["replay"], "{command}");
    }
}

#[test]
fn the_replay_names_every_answer_in_order() {
    let run = loginhelp(&[
        "hapitas",
        "-a",
        "reset-password=tried",
        "-a",
        "symptom=forgot-password",
        "--format",
        "json",
    ])
    .run()
    .json();
    assert_eq!(
        run["replay"]["command"],
        "loginhelp hapitas -a symptom=forgot-password -a reset-password=tried"
    );
}

#[test]
fn the_transcript_holds_each_question_answer_fix_and_contact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ticket.md");
    let path_arg = path.to_str().unwrap();
    let run = loginhelp(&[
        "hapitas",
        "-a",
        "symptom=forgot-password",
        "-a",
        "reset-password=tried",
        "-a",
        "reset-result=no-mail",
        "--lang",
        "en",
        "--transcript",
        path_arg,
    ])
    .run();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&path).expect("the transcript was written");
    for needle in [
        "# loginhelp: Hapitas — Transcript\n",
        "- Date: 2026-11-22\n",
        "- Result: Contact support\n",
        "## 1. What is happening?\n\nAnswer: **I forgot my password** (`symptom=forgot-password`)\n",
        "## 2. Fix: Reset your password\n",
        "1. On the Hapitas login screen",
        "Did this solve it? Answer: **I had already tried this; it didn't help** (`reset-password=tried`)\n",
        "## 3. What happened with the reset?\n\nAnswer: **The reset email doesn't arrive** (`reset-result=no-mail`)\n",
        "## 4. Fix: Before contacting support, record what is happening\n",
        "## 5. Contact: Write to Hapitas through its 「お問い合わせ」 (Contact) form\n",
        "- **The 「お問い合わせ」 (Contact) form on the official Hapitas site** (Web form)\n",
        "  - <https://hapitas.jp/>\n",
        "## Replay command\n\n```sh\nloginhelp hapitas -a symptom=forgot-password -a reset-password=tried -a reset-result=no-mail\n```\n",
        // Guide text stays text: Markdown's brackets are escaped.
        "since \\[time\\] on \\[date\\]",
    ] {
        assert!(text.contains(needle), "{needle:?} not in:\n{text}");
    }
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");

    // Never over an existing file: exit 2, the file unchanged.
    let again = loginhelp(&["hapitas", "-a", "symptom=support", "--transcript", path_arg])
        .env("LANG", "en_US.UTF-8")
        .run();
    assert_eq!(again.status, 2, "{}", again.stderr);
    again.assert_stderr_has("already exists");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn the_transcript_is_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ticket.md");
    let run = loginhelp(&[
        "line",
        "--lang",
        "ja",
        "--transcript",
        path.to_str().unwrap(),
    ])
    .run();
    assert_eq!(run.status, 3, "{}", run.stderr);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("— 記録\n"), "{text}");
    assert!(text.contains("## 再現するコマンド"), "{text}");
    assert!(text.contains("loginhelp line\n"), "{text}");
}

/// A saved walk changes nothing in scripted mode, and scripted mode does
/// not touch it.
#[test]
fn scripted_mode_ignores_saved_state() {
    let dir = tempfile::tempdir().unwrap();
    let saved = r#"{"version": 1, "service": "instagram", "saved": 0, "trail": [{"node": "symptom", "answer": "forgot-password", "at": 0}, {"node": "reset-device", "at": 0}]}"#;
    std::fs::write(dir.path().join("instagram.json"), saved).unwrap();
    let run = loginhelp(&["instagram", "--format", "json"])
        .env("LOGINHELP_STATE_DIR", dir.path().to_str().unwrap())
        .run();
    assert_eq!(run.status, 3, "{}", run.stderr);
    assert_eq!(trail_ids(&run.json()), ["symptom"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("instagram.json")).unwrap(),
        saved
    );
}
