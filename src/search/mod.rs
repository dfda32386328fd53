//! `loginhelp search`: find the causes and fixes that match a described
//! symptom, across every guide, in Japanese or English whatever the display
//! language.
//!
//! Both the query and the guide texts are folded with [`fold`]'s rules
//! (NFKC, lowercase, katakana → hiragana), so `ﾊﾟｽﾜｰﾄﾞ`, `パスワード` and
//! `ぱすわーど` are one word. Japanese has no spaces, so a run of Japanese
//! in the query is matched as character bigrams (two kana only together
//! with a neighbour, as they meet by chance; a few kana spellings of the
//! guides' kanji words are read as the kanji); a Latin word is matched as
//! a prefix of the guide's words after dropping a plural or past-tense
//! ending (`cookies` finds `cookie`, `hacked` finds `hack`). Each query unit
//! weighs by how rare it is across the guides (units found nowhere, such as
//! a bigram spanning a particle, are ignored), and by where it was found: a
//! heading, cause or option label counts more than a step. A word or run
//! counts for a node only if at least half of it is found there. An option
//! label belongs to the node it leads to; `resolved` nodes are never hits.
//!
//! [`fold`]: crate::suggest::fold

mod hits;
mod index;
mod query;

pub use hits::{hits_text, Hit};
pub use index::Field;

use hits::excerpt;
use index::{candidates, service_names, Candidate, Searched};
use query::{parse_query, Unit};

use crate::i18n::{Lang, Text};
use crate::tree::{NodeKind, Service};

/// Most hits returned.
pub const MAX_HITS: usize = 10;

/// Share of the query (weighted) a node must cover to be a hit.
const MIN_COVERAGE: f64 = 0.4;

/// The nodes across `services` that best match `query`, best first, at
/// most [`MAX_HITS`], one per node. Texts are shown in `lang`.
pub fn search(services: &[Service], query: &str, lang: Lang) -> Vec<Hit> {
    let terms = parse_query(query);
    if terms.is_empty() {
        return Vec::new();
    }
    let names: Vec<Vec<Text>> = services.iter().map(service_names).collect();
    let candidates = candidates(services, &names);
    let total = candidates.len() as f64;

    // Weigh each unit by its rarity across the guides; a unit found nowhere
    // says nothing about any node and is left out. Within a term the units
    // share its weight, so a long Japanese run counts as one word.
    let mut weighted: Vec<(usize, &Unit, f64)> = Vec::new();
    for (t, term) in terms.iter().enumerate() {
        let mut found = Vec::new();
        for unit in term {
            let df = candidates
                .iter()
                .filter(|c| c.texts.iter().any(|t| t.contains(unit)))
                .count();
            if df > 0 {
                // `libm::log` rather than `f64::ln`: the only use of the system's
                // libm, which every start of the binary would otherwise load.
                found.push((t, unit, libm::log(1.0 + total / df as f64)));
            }
        }
        let share = found.len() as f64;
        weighted.extend(found.into_iter().map(|(t, u, idf)| (t, u, idf / share)));
    }
    let sum: f64 = weighted.iter().map(|(_, _, w)| w).sum();
    if weighted.is_empty() || sum <= 0.0 {
        return Vec::new();
    }
    let mut term_weight = vec![0.0; terms.len()];
    for (t, _, w) in &weighted {
        term_weight[*t] += w;
    }

    let mut scored: Vec<(f64, Hit)> = Vec::new();
    for candidate in &candidates {
        // Which texts hold each unit.
        let holders: Vec<Vec<usize>> = weighted
            .iter()
            .map(|(_, unit, _)| {
                (0..candidate.texts.len())
                    .filter(|&i| candidate.texts[i].contains(unit))
                    .collect()
            })
            .collect();
        // A term counts only where at least half of it is found: one shared
        // bigram (`すた` of `インスタ` in `カスタマー`) is a coincidence.
        let mut term_found = vec![0.0; terms.len()];
        for ((t, _, w), held) in weighted.iter().zip(&holders) {
            if !held.is_empty() {
                term_found[*t] += w;
            }
        }
        let mut coverage = 0.0;
        let mut score = 0.0;
        let mut in_content = false;
        // Per text: the weighted share of the query it holds alone.
        let mut per_text = vec![0.0; candidate.texts.len()];
        for ((t, _, w), held) in weighted.iter().zip(&holders) {
            if held.is_empty() || term_found[*t] < 0.5 * term_weight[*t] {
                continue;
            }
            let mut best = 0.0_f64;
            for &i in held {
                let field = candidate.texts[i].field;
                per_text[i] += w / sum;
                best = best.max(field.weight());
                in_content |= field != Field::Service;
            }
            coverage += w / sum;
            score += best * w / sum;
        }
        if !in_content || coverage < MIN_COVERAGE {
            continue;
        }
        // The text that holds most of the query, where it weighs most.
        let Some((best_text, best_share)) = candidate
            .texts
            .iter()
            .zip(&per_text)
            .filter(|(t, _)| t.field != Field::Service)
            .max_by(|a, b| (a.1 * a.0.field.weight()).total_cmp(&(b.1 * b.0.field.weight())))
        else {
            continue;
        };
        // Words found together in one text beat words scattered, and a fix
        // is what someone describing a symptom is after.
        score += 0.5 * best_share;
        if candidate.service.node(candidate.node).kind() == NodeKind::Fix {
            score += 0.15;
        }
        let units: Vec<&Unit> = weighted.iter().map(|(_, u, _)| *u).collect();
        scored.push((score, hit(candidate, best_text, &units, score, lang)));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.truncate(MAX_HITS);
    scored.into_iter().map(|(_, hit)| hit).collect()
}

fn hit(candidate: &Candidate, best: &Searched, units: &[&Unit], score: f64, lang: Lang) -> Hit {
    let service = candidate.service;
    let node = service.node(candidate.node);
    let shown = best.text.get(lang);
    let at = best.first_match(lang, units);
    Hit {
        service: service.id.to_string(),
        service_name: service.name.get(lang).to_owned(),
        node: node.id.to_string(),
        kind: node.kind(),
        title: node.heading().get(lang).to_owned(),
        cause: node.cause.as_ref().map(|c| c.get(lang).to_owned()),
        field: best.field,
        matched: excerpt(shown, at),
        score: (score * 100.0).round() / 100.0,
        command: format!("loginhelp {} --start {}", service.id, node.id),
    }
}

#[cfg(test)]
mod tests {
    use super::hits::EXCERPT_COLUMNS;
    use super::*;
    use crate::text::width;
    use crate::tree::check_source;

    const TREE: &str = r#"
format = 1
id = "t"
aliases = ["tee"]
reviewed = "2026-11-22"
start = "symptom"
name = { ja = "テスト", en = "Testing" }
summary = { ja = "テスト", en = "Test" }
[[source]]
title = "t"
ref = "t.txt"

[[node]]
id = "symptom"
kind = "question"
text = { ja = "どんな状況ですか?", en = "What is happening?" }
help = { ja = "キャッシュが原因のこともあります。", en = "Sometimes the cache is to blame." }
[[node.option]]
id = "forgot"
label = { ja = "パスワードを忘れた", en = "I forgot my password" }
next = "reset"
[[node.option]]
id = "hacked"
label = { ja = "乗っ取られたかもしれない", en = "Someone may have hacked it" }
next = "support"
[[node.option]]
id = "mail"
label = { ja = "確認メールが届かない", en = "The confirmation email never arrives" }
next = "mail-check"

[[node]]
id = "reset"
kind = "fix"
cause = { ja = "パスワード忘れ", en = "Forgotten password" }
title = { ja = "パスワードを再設定する", en = "Reset your password" }
solved = "done"
unsolved = "support"
[[node.step]]
text = { ja = "ログイン画面の「パスワードを忘れた場合」を選びます。", en = "Choose 「パスワードを忘れた場合」 (Forgot your password) on the sign-in screen." }

[[node]]
id = "mail-check"
kind = "fix"
title = { ja = "迷惑メールフォルダを確認する", en = "Check the spam folder" }
solved = "done"
unsolved = "support"
[[node.step]]
text = { ja = "迷惑メールフォルダを開きます。", en = "Open the spam folder." }
[[node.step]]
text = { ja = "ブラウザのCookieを削除してから、もう一度パスワードの再設定を試します。ここは長い説明なので、抜粋が切り詰められることを確かめるために、さらに文章を続けます。", en = "Delete the browser's cookies, then try the password reset again. This is a long explanation that goes on and on, so that the excerpt has to be cut down to size." }

[[node]]
id = "support"
kind = "escalation"
title = { ja = "サポートに連絡する", en = "Contact support" }
prepare = [{ ja = "登録メールアドレス", en = "Your registered email address" }]
[[node.contact]]
channel = "phone"
label = { ja = "窓口", en = "Help desk" }
phone = "0120-000-000"

[[node]]
id = "done"
kind = "resolved"
title = { ja = "パスワードでログインできました", en = "You are back in with your password" }
"#;

    fn services() -> Vec<Service> {
        let checked = check_source(TREE);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        vec![checked.service.expect("the test tree loads")]
    }

    fn nodes(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.node.as_str()).collect()
    }

    #[test]
    fn japanese_matches_whatever_the_width_or_kana() {
        let s = services();
        for query in [
            "パスワード",
            "ﾊﾟｽﾜｰﾄﾞ",
            "ぱすわーど",
            "パスワード 忘れた",
            "パスワードをわすれた",
        ] {
            let hits = search(&s, query, Lang::Ja);
            assert_eq!(
                hits.first().map(|h| h.node.as_str()),
                Some("reset"),
                "{query}: {hits:?}"
            );
        }
        let hits = search(&s, "メールが届かない", Lang::Ja);
        assert_eq!(nodes(&hits).first(), Some(&"mail-check"), "{hits:?}");
        assert_eq!(hits[0].field, Field::Option);
        assert_eq!(hits[0].matched, "確認メールが届かない");
    }

    #[test]
    fn english_matches_words_by_prefix_and_ignores_case() {
        let s = services();
        let hits = search(&s, "FORGOT Password", Lang::En);
        assert_eq!(nodes(&hits).first(), Some(&"reset"), "{hits:?}");
        // `hacked` → the option "…hacked it", which leads to `support`.
        let hits = search(&s, "hacked", Lang::En);
        assert_eq!(nodes(&hits), ["support"]);
        assert_eq!(hits[0].field, Field::Option);
        assert_eq!(hits[0].matched, "Someone may have hacked it");
        // A plural finds the singular, and the other way round.
        assert_eq!(nodes(&search(&s, "cookies", Lang::En)), ["mail-check"]);
        assert_eq!(nodes(&search(&s, "folders", Lang::En)), ["mail-check"]);
        assert_eq!(nodes(&search(&s, "caches", Lang::En)), ["symptom"]);
    }

    #[test]
    fn either_language_is_found_and_shown_in_the_display_language() {
        let s = services();
        let hits = search(&s, "乗っ取り", Lang::En);
        assert_eq!(nodes(&hits), ["support"]);
        assert_eq!(hits[0].matched, "Someone may have hacked it");
        assert_eq!(hits[0].title, "Contact support");
        assert_eq!(hits[0].service_name, "Testing");
        let hits = search(&s, "hacked", Lang::Ja);
        assert_eq!(hits[0].matched, "乗っ取られたかもしれない");
        assert_eq!(hits[0].title, "サポートに連絡する");
    }

    #[test]
    fn a_hit_names_service_node_and_command_once_per_node() {
        let s = services();
        let hits = search(&s, "password", Lang::En);
        let mut seen = nodes(&hits);
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), hits.len(), "one hit per node: {hits:?}");
        assert!(!seen.contains(&"done"), "resolved nodes are not hits");
        let reset = hits.iter().find(|h| h.node == "reset").expect("reset");
        assert_eq!(reset.service, "t");
        assert_eq!(reset.kind, NodeKind::Fix);
        assert_eq!(reset.cause.as_deref(), Some("Forgotten password"));
        assert_eq!(reset.command, "loginhelp t --start reset");
        // Headings, causes and options outweigh a step.
        assert_eq!(hits[0].node, "reset", "{hits:?}");
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn nothing_for_noise_stop_words_or_a_service_name_alone() {
        let s = services();
        for query in ["", "   ", "!!!", "zzzz", "the my a", "Testing", "tee"] {
            assert!(search(&s, query, Lang::En).is_empty(), "{query}");
        }
    }

    #[test]
    fn a_service_name_narrows_the_search() {
        let mut s = services();
        let other = TREE
            .replace("id = \"t\"", "id = \"u\"")
            .replace("\"tee\"", "\"zed\"");
        s.push(check_source(&other).service.expect("the second tree loads"));
        let hits = search(&s, "password", Lang::En);
        let both: Vec<&str> = hits
            .iter()
            .filter(|h| h.node == "reset")
            .map(|h| h.service.as_str())
            .collect();
        assert_eq!(both, ["t", "u"]);
        let hits = search(&s, "zed password", Lang::En);
        assert_eq!(
            (hits[0].service.as_str(), hits[0].node.as_str()),
            ("u", "reset")
        );
    }

    #[test]
    fn hits_are_capped() {
        let many: Vec<Service> = (0..5).flat_map(|_| services()).collect();
        assert_eq!(search(&many, "password", Lang::En).len(), MAX_HITS);
    }

    #[test]
    fn long_matches_are_cut_around_the_match() {
        let s = services();
        let hits = search(&s, "cookies", Lang::En);
        let matched = &hits[0].matched;
        assert!(width(matched) <= EXCERPT_COLUMNS, "{matched}");
        assert!(matched.contains("cookies"), "{matched}");
        assert!(matched.ends_with('…'), "{matched}");
        let ja = &search(&s, "cookies", Lang::Ja)[0].matched;
        assert!(ja.contains("Cookie"), "{ja}");
        assert!(width(ja) <= EXCERPT_COLUMNS, "{ja}");
        assert_eq!(excerpt("short", Some(2)), "short");
        let long = format!("{} needle {}", "x".repeat(100), "y".repeat(100));
        let cut = excerpt(&long, long.find("needle"));
        assert!(
            cut.starts_with('…') && cut.ends_with('…') && cut.contains("needle"),
            "{cut}"
        );
    }

    #[test]
    fn text_lists_hits_with_their_commands() {
        let s = services();
        let hits = search(&s, "password", Lang::En);
        let text = hits_text(&hits, "password", Lang::En, 80);
        assert!(
            text.starts_with(&format!("{} matches for \"password\":\n", hits.len())),
            "{text}"
        );
        assert!(text.contains("\n 1. Reset your password\n"), "{text}");
        assert!(
            text.contains("Testing · fix · cause: Forgotten password"),
            "{text}"
        );
        assert!(text.contains("→ loginhelp t --start reset\n"), "{text}");
        let ja = hits_text(
            &search(&s, "パスワード", Lang::Ja),
            "パスワード",
            Lang::Ja,
            80,
        );
        assert!(ja.starts_with("「パスワード」の検索結果:"), "{ja}");
        assert!(
            ja.contains("テスト · 対処法 · 原因: パスワード忘れ"),
            "{ja}"
        );
    }

    #[test]
    fn no_hits_says_so_and_points_to_list() {
        let en = hits_text(&[], "zzz\u{1b}[2J", Lang::En, 80);
        assert_eq!(
            en,
            "No cause or fix matches \"zzz␛[2J\".\nTry other words (Japanese or English), or pick a service from `loginhelp list`.\n"
        );
        let ja = hits_text(&[], "ぬ", Lang::Ja, 80);
        assert!(
            ja.starts_with("「ぬ」に当てはまる原因や対処法は見つかりませんでした。"),
            "{ja}"
        );
        assert!(ja.contains("`loginhelp list`"), "{ja}");
    }
}
