//! Japanese line breaking in what the reader sees: `show` of every shipped
//! guide, in both languages, at 30, 40, 60 and 80 columns. No line starts
//! with a closing bracket, closing punctuation or a small kana, and none
//! ends with an opening bracket (the unit test in `text::wrap` checks every
//! shipped text the same way, for the graph's labels too).

use crate::common::loginhelp;

const NO_LINE_START: &str =
    "」』）)】〉》〕］｝、。，．,.!?！？:;：；ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー";
const NO_LINE_END: &str = "「『（(【〈《〔［｛";

fn broken_lines(output: &str) -> Vec<String> {
    output
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.chars().next().is_some_and(|c| NO_LINE_START.contains(c))
                || l.chars().last().is_some_and(|c| NO_LINE_END.contains(c))
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn show_breaks_japanese_lines_by_the_rules_at_every_width() {
    let list = loginhelp(&["list", "--format", "json"]).run().json();
    // A bare array, or an object holding it (once the JSON is versioned).
    let entries = list.get("services").unwrap_or(&list).as_array().unwrap();
    let services: Vec<&str> = entries.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert!(services.len() >= 5, "{services:?}");
    let mut broken = Vec::new();
    for columns in ["30", "40", "60", "80"] {
        for service in &services {
            for lang in ["ja", "en"] {
                let run = loginhelp(&["show", service, "--lang", lang])
                    .env("COLUMNS", columns)
                    .run();
                assert_eq!(run.status, 0, "{}", run.stderr);
                broken.extend(
                    broken_lines(&run.stdout)
                        .into_iter()
                        .map(|l| format!("{service} {lang} at {columns}: {l}")),
                );
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
