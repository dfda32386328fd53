//! The tool's own words (headings, prompts, navigation, the support
//! message's letter, search and graph labels, the names of node kinds,
//! platforms and channels), in each language. Guide content lives in the
//! trees; only the frame around it is here. Every field is set for every
//! language, so a missing translation is a compile error.

use crate::tree::{Channel, Lang, NodeKind, Platform};

pub struct Words {
    pub checking: &'static str,
    pub step_of: fn(usize, usize) -> String,
    pub warning: &'static str,
    pub note: &'static str,
    pub contacts: &'static str,
    pub prepare: &'static str,
    pub tips: &'static str,
    pub hours: &'static str,
    pub cost: &'static str,
    pub path: &'static str,
    pub support_message: &'static str,
    pub your_answer: &'static str,
    pub next_question: &'static str,
    pub answer_with: &'static str,
    pub back: &'static str,
    pub restart: &'static str,
    pub quit: &'static str,
    pub continue_: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub pick_service: &'static str,
    pub saved_to: &'static str,
    pub save_report: &'static str,
    pub report_file: &'static str,
    pub print_only: &'static str,
    pub never_share: &'static str,
    pub status_resolved: &'static str,
    pub status_escalated: &'static str,
    pub status_ended: &'static str,
    pub guide: &'static str,
    pub reviewed: &'static str,
    pub sources: &'static str,
    pub links: &'static str,
    pub leads_to: &'static str,
    pub then: &'static str,

    // Names of things, in the order of their enums' `ALL`.
    /// Node kinds as a listing shows them (lower case in English; the graph
    /// legend capitalises them): question, fix, escalation, resolved, end.
    pub kinds: [&'static str; 5],
    /// Platforms shown before a platform-specific step ("iPhone: …").
    pub platforms: [&'static str; 9],
    /// Contact channels.
    pub channels: [&'static str; 6],

    // `loginhelp graph`.
    pub start: &'static str,
    pub legend: &'static str,

    // `loginhelp search`: where a match was, and the listing.
    pub field_heading: &'static str,
    pub field_cause: &'static str,
    pub field_option: &'static str,
    pub field_explanation: &'static str,
    pub field_step: &'static str,
    pub field_note: &'static str,
    pub field_warning: &'static str,
    pub field_prepare: &'static str,
    pub field_tips: &'static str,
    pub field_contact: &'static str,
    pub field_service: &'static str,
    pub no_hits: fn(&str) -> String,
    pub hits_heading: fn(usize, &str) -> String,
    pub matched: &'static str,
    pub quoted: fn(&str) -> String,

    // `loginhelp list` and `loginhelp answers`.
    pub aliases: &'static str,
    pub answers_title: fn(&str) -> String,
    /// How to use the answers file; `{id}` stands for the service id.
    pub answers_usage: &'static str,

    // The wizard.
    pub question_number: fn(usize) -> String,
    pub save_to_file: &'static str,
    pub replace_file: fn(&str) -> String,

    // The support message.
    pub fix_worked: &'static str,
    pub fix_failed: &'static str,
    pub fix_tried_before: &'static str,
    pub fix_read: &'static str,
    pub none: &'static str,
    pub letter: Letter,
}

/// The support message's letter around the lists a walk fills in.
pub struct Letter {
    pub subject: fn(&str) -> String,
    pub greeting: fn(&str) -> String,
    pub opening: &'static str,
    pub situation: &'static str,
    pub tried: &'static str,
    pub date: &'static str,
    pub account: &'static str,
    pub account_line: &'static str,
    pub closing: &'static str,
    pub never_write: &'static str,
}

impl Words {
    /// A node kind's name, as a listing shows it.
    pub fn kind(&self, kind: NodeKind) -> &'static str {
        self.kinds[NodeKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
    }

    /// A node kind's name as a heading or legend shows it: capitalised.
    pub fn kind_name(&self, kind: NodeKind) -> String {
        let name = self.kind(kind);
        let mut chars = name.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    pub fn platform(&self, platform: Platform) -> &'static str {
        self.platforms[Platform::ALL
            .iter()
            .position(|p| *p == platform)
            .unwrap_or(0)]
    }

    pub fn channel(&self, channel: Channel) -> &'static str {
        self.channels[Channel::ALL.iter().position(|c| *c == channel).unwrap_or(0)]
    }
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

static JA: Words = Words {
    checking: "確認中の原因",
    step_of: |i, n| format!("手順 {i}/{n}"),
    warning: "注意",
    note: "補足",
    contacts: "問い合わせ先",
    prepare: "連絡の前に用意するもの",
    tips: "メッセージを書くときのコツ",
    hours: "受付時間",
    cost: "料金",
    path: "たどり方",
    support_message: "サポートへのメッセージ(下書き)",
    your_answer: "回答",
    next_question: "次の質問",
    answer_with: "答えるには",
    back: "← 前の質問に戻る",
    restart: "↺ 最初からやり直す",
    quit: "× 終了する",
    continue_: "次へ進む",
    yes: "はい",
    no: "いいえ",
    pick_service: "どのサービスですか?(入力で絞り込み)",
    saved_to: "保存しました",
    save_report: "サポートへのメッセージをどうしますか?",
    report_file: "保存するファイル名",
    print_only: "表示だけで終了する",
    never_share: "パスワードや確認コードは、誰にも(サポートにも)教えないでください。",
    status_resolved: "解決しました",
    status_escalated: "サポートへの連絡が必要です",
    status_ended: "ここで案内は終わりです",
    guide: "ガイド",
    reviewed: "内容の確認日",
    sources: "出典",
    links: "公式ページ",
    leads_to: "→",
    then: "次へ",
    kinds: ["質問", "対処法", "問い合わせ先", "解決", "案内の終わり"],
    platforms: ["iPhone", "Android", "パソコン", "アプリ", "ブラウザ", "Chrome", "Safari", "Edge", "Firefox"],
    channels: ["電話", "問い合わせフォーム", "アプリ内", "ヘルプセンター", "メール", "相談窓口"],
    start: "開始",
    legend: "凡例",
    field_heading: "見出し",
    field_cause: "原因",
    field_option: "選択肢",
    field_explanation: "説明",
    field_step: "手順",
    field_note: "補足",
    field_warning: "注意",
    field_prepare: "用意するもの",
    field_tips: "コツ",
    field_contact: "問い合わせ先",
    field_service: "サービス名",
    no_hits: |query| {
        format!(
            "「{query}」に当てはまる原因や対処法は見つかりませんでした。\n\
             別の言葉(日本語か英語)で試すか、`loginhelp list` でサービスを選んでください。\n"
        )
    },
    hits_heading: |n, query| format!("「{query}」の検索結果: {n}件\n"),
    matched: "一致",
    quoted: |s| format!("「{s}」"),
    aliases: "別名",
    answers_title: |name| format!("# {name} の回答ファイル"),
    answers_usage: "# 使い方: 行頭の # を外して回答を選び、`loginhelp {id} --answers このファイル` で実行します。\n# 答えていない質問で止まります。",
    question_number: |n| format!("質問 {n}"),
    save_to_file: "ファイルに保存する",
    replace_file: |path| format!("{path} は既にあります。上書きしますか?"),
    fix_worked: "解決しました",
    fix_failed: "試しましたが、解決しませんでした",
    fix_tried_before: "以前に試しましたが、解決しませんでした",
    fix_read: "手順を確認しました",
    none: "(なし)",
    letter: Letter {
        subject: |name| format!("件名: {name}にログインできません"),
        greeting: |name| format!("{name} サポートご担当者様"),
        opening: "アカウントにログインできなくなりました。以下の通り自分で確認と対処を行いましたが、解決しませんでした。ご確認をお願いいたします。",
        situation: "■ 状況",
        tried: "■ 試したこと",
        date: "■ 日付",
        account: "■ アカウント",
        account_line: "ユーザー名または登録メールアドレス: [ここに記入]",
        closing: "よろしくお願いいたします。",
        never_write: "(注意: パスワードや確認コードは、このメッセージにもどこにも書かないでください。)",
    },
};

static EN: Words = Words {
    checking: "Checking",
    step_of: |i, n| format!("Step {i} of {n}"),
    warning: "Warning",
    note: "Note",
    contacts: "Contacts",
    prepare: "Have this ready before you contact them",
    tips: "Tips for writing the message",
    hours: "Hours",
    cost: "Cost",
    path: "Where",
    support_message: "Support message (draft)",
    your_answer: "Answer",
    next_question: "Next question",
    answer_with: "Answer with",
    back: "← Back to the previous question",
    restart: "↺ Start over",
    quit: "× Quit",
    continue_: "Continue",
    yes: "Yes",
    no: "No",
    pick_service: "Which service? (type to filter)",
    saved_to: "Saved to",
    save_report: "What should happen with the support message?",
    report_file: "File name to save it as",
    print_only: "Just show it and finish",
    never_share: "Never give your password or a verification code to anyone, support included.",
    status_resolved: "Solved",
    status_escalated: "Contact support",
    status_ended: "This is as far as the guide goes",
    guide: "Guide",
    reviewed: "Content reviewed",
    sources: "Sources",
    links: "Official pages",
    leads_to: "→",
    then: "then",
    kinds: ["question", "fix", "contact support", "solved", "end"],
    platforms: ["iPhone", "Android", "Computer", "App", "Browser", "Chrome", "Safari", "Edge", "Firefox"],
    channels: ["Phone", "Web form", "In the app", "Help center", "Email", "Hotline"],
    start: "Start",
    legend: "Legend",
    field_heading: "heading",
    field_cause: "cause",
    field_option: "answer",
    field_explanation: "explanation",
    field_step: "step",
    field_note: "note",
    field_warning: "warning",
    field_prepare: "have ready",
    field_tips: "tip",
    field_contact: "contact",
    field_service: "service",
    no_hits: |query| {
        format!(
            "No cause or fix matches \"{query}\".\n\
             Try other words (Japanese or English), or pick a service from `loginhelp list`.\n"
        )
    },
    hits_heading: |n, query| {
        format!(
            "{n} {} for \"{query}\":\n",
            if n == 1 { "match" } else { "matches" }
        )
    },
    matched: "matched",
    quoted: |s| format!("\"{s}\""),
    aliases: "aliases",
    answers_title: |name| format!("# Answer file for {name}"),
    answers_usage: "# Uncomment one answer per question, then run `loginhelp {id} --answers THIS_FILE`.\n# The walk stops at the first question left unanswered.",
    question_number: |n| format!("question {n}"),
    save_to_file: "Save it to a file",
    replace_file: |path| format!("{path} already exists. Replace it?"),
    fix_worked: "this worked",
    fix_failed: "tried it; it did not solve it",
    fix_tried_before: "had already tried it before; it did not help",
    fix_read: "read the steps",
    none: "(none)",
    letter: Letter {
        subject: |name| format!("Subject: I cannot sign in to {name}"),
        greeting: |name| format!("Dear {name} support,"),
        opening: "I can no longer sign in to my account. I have checked and tried the following myself, without success. Could you please look into it?",
        situation: "Situation:",
        tried: "What I have tried:",
        date: "Date:",
        account: "Account:",
        account_line: "User name or registered email address: [fill in]",
        closing: "Thank you for your help.",
        never_write: "(Note: never write your password or a verification code here or anywhere else.)",
    },
};
