//! The tool's own words for coming back to a walk (continue or start over,
//! the follow-up after a wait, the saved-walk notices) and for the
//! transcript, in each language. Kept beside `words` rather than in it so
//! that this part of the frame reads as one piece; every field is set for
//! every language, so a missing translation is a compile error.

use crate::tree::Lang;

pub struct ResumeWords {
    /// "You stopped 3 days ago (…) at: <screen>".
    pub stopped_at: fn(&str, &str, &str) -> String,
    pub continue_walk: &'static str,
    pub start_over: &'static str,
    pub resume_prompt: &'static str,
    /// The wait has passed: "<n> days have passed; the guide goes on here".
    pub wait_passed: fn(&str) -> String,
    /// Still waiting: "the guide says to wait <n>; <m> have passed".
    pub still_waiting: fn(&str, &str) -> String,
    pub saved_notice: &'static str,
    pub continue_with: &'static str,
    pub replay_with: &'static str,
    pub come_back: fn(&str) -> String,
    pub not_saved: &'static str,
    pub bad_state: &'static str,
    pub old_state: fn(u32) -> String,
    pub outdated_state: &'static str,
    pub starting_fresh: &'static str,
    pub ago: fn(u64) -> String,
    pub duration: fn(u64) -> String,
    pub transcript: &'static str,
    pub date: &'static str,
    pub status: &'static str,
    pub answer: &'static str,
    pub fix: &'static str,
    pub contact: &'static str,
    pub outcome: &'static str,
    pub replay: &'static str,
    pub no_replay: &'static str,
    pub transcript_file: &'static str,
}

pub fn resume_words(lang: Lang) -> &'static ResumeWords {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// Hours as days and hours, in Japanese.
fn ja_duration(hours: u64) -> String {
    match (hours / 24, hours % 24) {
        (0, h) => format!("{h}時間"),
        (d, 0) => format!("{d}日"),
        (d, h) => format!("{d}日{h}時間"),
    }
}

fn en_duration(hours: u64) -> String {
    let plural = |n: u64, one: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {one}s")
        }
    };
    match (hours / 24, hours % 24) {
        (0, h) => plural(h, "hour"),
        (d, 0) => plural(d, "day"),
        (d, h) => format!("{} {}", plural(d, "day"), plural(h, "hour")),
    }
}

static JA: ResumeWords = ResumeWords {
    stopped_at: |ago, when, screen| format!("前回は{ago}({when})に「{screen}」で中断しました。"),
    continue_walk: "続きから再開する",
    start_over: "最初からやり直す",
    resume_prompt: "保存された続きがあります",
    wait_passed: |elapsed| format!("前回から{elapsed}が経ちました。ガイドはここから続きます:"),
    still_waiting: |wait, elapsed| {
        format!("ガイドは{wait}待つよう案内しています(前回から{elapsed})。")
    },
    saved_notice: "ここまでの内容を保存しました。",
    continue_with: "続きから再開するには:",
    replay_with: "同じ回答をスクリプトで再現するには:",
    come_back: |wait| format!("{wait}経っても解決しなければ、もう一度実行してください:"),
    not_saved: "ここまでの内容を保存できませんでした",
    bad_state: "保存された続きを読み込めませんでした",
    old_state: |v| format!("保存された続きは別のバージョン({v})のものです"),
    outdated_state: "ガイドが更新されたため、保存された続きは使えません",
    starting_fresh: "最初から始めます。",
    ago: |secs| match secs / 60 {
        0 => "たった今".to_owned(),
        m @ 1..=59 => format!("{m}分前"),
        m => format!("{}前", ja_duration(m / 60)),
    },
    duration: ja_duration,
    transcript: "記録",
    date: "日付",
    status: "結果",
    answer: "回答",
    fix: "対処法",
    contact: "問い合わせ先",
    outcome: "結果",
    replay: "再現するコマンド",
    no_replay: "同じ質問に二度答えたため、コマンドでは再現できません。",
    transcript_file: "記録を保存するファイル",
};

static EN: ResumeWords = ResumeWords {
    stopped_at: |ago, when, screen| format!("You stopped {ago} ({when}) at: {screen}"),
    continue_walk: "Continue where I stopped",
    start_over: "Start over",
    resume_prompt: "You have a saved walk",
    wait_passed: |elapsed| format!("{elapsed} have passed since then. The guide goes on here:"),
    still_waiting: |wait, elapsed| format!("The guide says to wait {wait} ({elapsed} so far)."),
    saved_notice: "Your walk is saved.",
    continue_with: "To continue where you stopped:",
    replay_with: "To replay these answers from a script:",
    come_back: |wait| format!("If it is not solved after {wait}, run again:"),
    not_saved: "the walk could not be saved",
    bad_state: "the saved walk could not be read",
    old_state: |v| format!("the saved walk is from another version ({v})"),
    outdated_state: "the guide has changed since the walk was saved",
    starting_fresh: "Starting from the beginning.",
    ago: |secs| match secs / 60 {
        0 => "just now".to_owned(),
        1 => "1 minute ago".to_owned(),
        m @ 2..=59 => format!("{m} minutes ago"),
        m => format!("{} ago", en_duration(m / 60)),
    },
    duration: en_duration,
    transcript: "Transcript",
    date: "Date",
    status: "Result",
    answer: "Answer",
    fix: "Fix",
    contact: "Contact",
    outcome: "Outcome",
    replay: "Replay command",
    no_replay: "A question was answered twice, so no command replays this walk.",
    transcript_file: "File to save the transcript to",
};
