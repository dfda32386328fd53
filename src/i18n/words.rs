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
    /// Node kinds as `show` tags a node's heading: in English the `kind`
    /// a guide file writes, which authors search for; in Japanese the names.
    pub kind_tags: [&'static str; 5],
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
    /// A guide `search` left out (id, file): it has errors or cannot be read.
    pub not_searched: fn(&str, &str) -> String,

    // `loginhelp list` and `loginhelp answers`.
    pub aliases: &'static str,
    pub answers_title: fn(&str) -> String,
    /// How to use the answers file; `{id}` stands for the service id.
    pub answers_usage: &'static str,

    // The wizard.
    pub question_number: fn(usize) -> String,
    pub save_to_file: &'static str,
    pub replace_file: fn(&str) -> String,
    pub copy_to_clipboard: &'static str,
    pub copied: &'static str,
    /// Said above the file-name prompt: the file Enter alone saves to.
    pub report_file_default: fn(&str) -> String,
    pub what_now: &'static str,
    pub type_again: &'static str,
    pub dont_save: &'static str,
    /// A save that failed: the path, then why.
    pub save_failed: fn(&str, &str) -> String,
    pub no_such_dir: fn(&str) -> String,
    pub is_a_dir: &'static str,
    pub name_too_long: &'static str,
    pub no_permission: &'static str,
    pub contacts_short: &'static str,
    pub narrow_hint: &'static str,
    pub no_match: &'static str,
    /// `--plain`: how to answer, and an answer that is not a number shown.
    pub plain_choose: &'static str,
    pub plain_bad: fn(usize) -> String,
    /// The report file: its title, the message to send, the translation.
    pub report_title: &'static str,
    pub message_to_send: &'static str,
    pub translation: &'static str,

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
    /// Openings: some fix tried without success; steps only read; nothing.
    pub opening_tried: &'static str,
    pub opening_read: &'static str,
    pub opening_plain: &'static str,
    pub situation: &'static str,
    pub tried: &'static str,
    /// Optional details to fill in, and the placeholder.
    pub details: &'static str,
    pub detail_lines: &'static [&'static str],
    pub blank: &'static str,
    pub date: &'static str,
    pub account: &'static str,
    /// Account lines per service, as its article says support asks.
    pub account_hapitas: &'static [&'static str],
    pub account_amazon: &'static [&'static str],
    pub account_instagram: &'static [&'static str],
    pub account_line_oa: &'static [&'static str],
    pub account_default: &'static [&'static str],
    pub closing: &'static str,
}

impl Words {
    /// A node kind's name, as a listing shows it.
    pub fn kind(&self, kind: NodeKind) -> &'static str {
        self.kinds[NodeKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
    }

    /// A node kind as `show` tags a node's heading.
    pub fn kind_tag(&self, kind: NodeKind) -> &'static str {
        self.kind_tags[NodeKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)]
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
    kind_tags: ["質問", "対処法", "問い合わせ先", "解決", "案内の終わり"],
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
    not_searched: |id, file| {
        format!(
            "loginhelp: 注意: ガイド `{id}` はエラーがあるか読めないため、検索しませんでした。\
             `loginhelp validate {file}` で確かめてください。"
        )
    },
    aliases: "別名",
    answers_title: |name| format!("# {name} の回答ファイル"),
    answers_usage: "# 使い方: 行頭の # を外して回答を選び、`loginhelp {id} --answers このファイル` で実行します。\n# 答えていない質問で止まります。",
    question_number: |n| format!("質問 {n}"),
    save_to_file: "ファイルに保存する",
    replace_file: |path| format!("{path} は既にあります。上書きしますか?"),
    copy_to_clipboard: "クリップボードにコピーする",
    copied: "クリップボードにコピーしました(端末が対応している場合)。貼り付けて確かめてください。",
    report_file_default: |name| format!("何も入力せずにEnterを押すと {name} に保存します。"),
    what_now: "どうしますか?",
    type_again: "ファイル名を入力し直す",
    dont_save: "保存しないで終了する",
    save_failed: |path, why| format!("{path} に保存できませんでした: {why}。別の名前を入力してください。"),
    no_such_dir: |dir| format!("フォルダ「{dir}」がありません"),
    is_a_dir: "これはフォルダです。ファイル名まで入力してください",
    name_too_long: "名前が長すぎます",
    no_permission: "そこに書き込む許可がありません",
    contacts_short: "問い合わせ先(要点)",
    no_match: "見つかりません。別の書き方(ひらがな、カタカナ、英字)で試してください。",
    narrow_hint: "ヒント: 画面が狭いときは --plain を付けて起動すると、番号を入力して答えられます。",
    plain_choose: "番号を入力してEnterを押してください(q で終了)",
    plain_bad: |n| format!("1〜{n} の番号を入力してください。"),
    report_title: "サポートへの連絡メモ",
    message_to_send: "サポートに送るメッセージ(日本語。この部分を送ってください)",
    translation: "英訳(参考用。送らないでください)",
    fix_worked: "解決しました",
    fix_failed: "試しましたが、解決しませんでした",
    fix_tried_before: "以前に試しましたが、解決しませんでした",
    fix_read: "案内の手順を読みました",
    none: "(なし)",
    letter: Letter {
        subject: |name| format!("件名: {name}にログインできません"),
        greeting: |name| format!("{name} サポートご担当者様"),
        opening_tried: "アカウントにログインできなくなりました。以下の通り自分で対処を試しましたが、解決しませんでした。ご確認をお願いいたします。",
        opening_read: "アカウントにログインできなくなりました。案内の手順は読みましたが、自分では解決できませんでした。ご確認をお願いいたします。",
        opening_plain: "アカウントにログインできなくなりました。ご確認をお願いいたします。",
        situation: "■ 状況",
        tried: "■ 自分で試したこと",
        details: "■ 詳しい状況(分かる範囲で記入。パスワードや確認コードは書かないでください)",
        detail_lines: &["起きたこと", "いつから", "表示されたエラーメッセージ(そのまま)", "使っている端末・ブラウザ"],
        blank: "[ここに記入]",
        date: "■ 日付",
        account: "■ アカウント",
        account_hapitas: &["氏名", "登録メールアドレス", "生年月日(本人確認用)", "登録住所(本人確認用)"],
        account_amazon: &["氏名(アカウント名)", "登録メールアドレス", "登録住所"],
        account_instagram: &["ユーザーネーム", "登録メールアドレスまたは電話番号"],
        account_line_oa: &["LINE公式アカウント名", "ログインに使うメールアドレス(LINEビジネスID)"],
        account_default: &["氏名", "ユーザー名", "登録メールアドレス"],
        closing: "よろしくお願いいたします。",
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
    kind_tags: ["question", "fix", "escalation", "resolved", "end"],
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
    not_searched: |id, file| {
        format!(
            "loginhelp: warning: the guide `{id}` has errors or cannot be read, so it was \
             not searched; run `loginhelp validate {file}`"
        )
    },
    aliases: "aliases",
    answers_title: |name| format!("# Answer file for {name}"),
    answers_usage: "# Uncomment one answer per question, then run `loginhelp {id} --answers THIS_FILE`.\n# The walk stops at the first question left unanswered.",
    question_number: |n| format!("question {n}"),
    save_to_file: "Save it to a file",
    replace_file: |path| format!("{path} already exists. Replace it?"),
    copy_to_clipboard: "Copy it to the clipboard",
    copied: "Copied to the clipboard (if your terminal allows it). Paste it somewhere to check.",
    report_file_default: |name| format!("Press Enter alone to save it as {name}."),
    what_now: "What now?",
    type_again: "Type a file name again",
    dont_save: "Finish without saving",
    save_failed: |path, why| format!("Could not save {path}: {why}. Please type another name."),
    no_such_dir: |dir| format!("the folder \"{dir}\" does not exist"),
    is_a_dir: "that is a folder; type a file name too",
    name_too_long: "the name is too long",
    no_permission: "there is no permission to write there",
    contacts_short: "Contacts (in short)",
    no_match: "Nothing matches. Try another spelling (Japanese or English).",
    narrow_hint: "Tip: on a narrow screen, start with --plain to answer by typing a number.",
    plain_choose: "Type a number and press Enter (q quits)",
    plain_bad: |n| format!("Please type a number from 1 to {n}."),
    report_title: "Notes for contacting support",
    message_to_send: "The message to send (in Japanese, which support reads; send this part)",
    translation: "English translation (for you to read; do not send it)",
    fix_worked: "this worked",
    fix_failed: "tried it; it did not solve it",
    fix_tried_before: "had already tried it before; it did not help",
    fix_read: "read the steps",
    none: "(none)",
    letter: Letter {
        subject: |name| format!("Subject: I cannot sign in to {name}"),
        greeting: |name| format!("Dear {name} support,"),
        opening_tried: "I can no longer sign in to my account. I have tried the following myself, without success. Could you please look into it?",
        opening_read: "I can no longer sign in to my account. I have read the guidance below but could not solve it myself. Could you please look into it?",
        opening_plain: "I can no longer sign in to my account. Could you please look into it?",
        situation: "Situation:",
        tried: "What I have tried myself:",
        details: "Details (fill in what you know; never write a password or verification code):",
        detail_lines: &["What happened", "Since when", "The exact error message shown", "Device and browser"],
        blank: "[fill in]",
        date: "Date:",
        account: "Account:",
        account_hapitas: &["Name", "Registered email address", "Date of birth (to confirm identity)", "Registered address (to confirm identity)"],
        account_amazon: &["Name (account name)", "Registered email address", "Registered address"],
        account_instagram: &["User name", "Registered email address or phone number"],
        account_line_oa: &["LINE Official Account name", "Email used to sign in (LINE Business ID)"],
        account_default: &["Name", "User name", "Registered email address"],
        closing: "Thank you for your help.",
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_kind_tags_are_the_kinds_a_guide_file_writes() {
        for kind in NodeKind::ALL {
            assert_eq!(words(Lang::En).kind_tag(kind), kind.id());
            assert_eq!(words(Lang::Ja).kind_tag(kind), words(Lang::Ja).kind(kind));
        }
    }
}
