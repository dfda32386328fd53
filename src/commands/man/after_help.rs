//! `--help`'s after-text, read back into the parts a man page puts in its
//! own sections: examples, exit statuses, and the other paragraphs.

/// The after-text of `--help`, sorted by what each block holds (not by its
/// heading, so that it works in either language): lines of examples
/// (`loginhelp …` then what it does), exit statuses (a number, then what it
/// means), and the other paragraphs.
#[derive(Debug, Default)]
pub(super) struct AfterHelp {
    pub(super) examples: Vec<(String, String)>,
    pub(super) exit_statuses: Vec<(String, String)>,
    pub(super) other: Vec<String>,
}

impl AfterHelp {
    pub(super) fn parse(text: &str) -> AfterHelp {
        let mut parsed = AfterHelp::default();
        for block in text.split("\n\n") {
            let lines: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
            let Some(first) = lines.first() else { continue };
            let items: Vec<&str> = lines
                .iter()
                .copied()
                .filter(|l| l.starts_with(' '))
                .collect();
            let is_heading_only = !first.starts_with(' ') && first.trim_end().ends_with(':');
            if !is_heading_only || items.is_empty() {
                parsed.other.push(join_lines(lines.iter().copied()));
                continue;
            }
            let indent = items
                .iter()
                .map(|l| l.len() - l.trim_start().len())
                .min()
                .unwrap_or(0);
            let mut entries: Vec<(String, String)> = Vec::new();
            for line in items {
                let depth = line.len() - line.trim_start().len();
                let line = line.trim();
                match entries.last_mut() {
                    Some((_, what)) if depth > indent => {
                        *what = join_lines([what.as_str(), line]);
                    }
                    _ => {
                        let (head, what) = match line.find("  ") {
                            Some(at) => (&line[..at], line[at..].trim()),
                            None => (line, ""),
                        };
                        entries.push((head.to_owned(), what.to_owned()));
                    }
                }
            }
            if entries.iter().all(|(h, _)| h.starts_with("loginhelp")) {
                parsed.examples.extend(entries);
            } else if entries
                .iter()
                .all(|(h, _)| h.starts_with(|c: char| c.is_ascii_digit()))
            {
                parsed.exit_statuses.extend(entries);
            } else {
                parsed.other.push(join_lines(lines.iter().copied()));
            }
        }
        parsed
    }
}

/// Lines of one paragraph as one line: joined by a space, except between
/// two Japanese characters (Japanese has no spaces between words; a line
/// of it wrapped for the terminal is one run of text).
fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut joined = String::new();
    for line in lines.into_iter().map(str::trim).filter(|l| !l.is_empty()) {
        let japanese_both_sides = joined.chars().next_back().is_some_and(|c| !c.is_ascii())
            && line.chars().next().is_some_and(|c| !c.is_ascii());
        if !joined.is_empty() && !japanese_both_sides {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_help_blocks_are_sorted_by_what_they_hold() {
        let parsed = AfterHelp::parse(
            "Beispiele:\n  loginhelp list     the services\n  loginhelp amazon --no-input --format json\n                     the first question\n\nLanguage: a\nsentence.\n\nExit:\n  0    done\n  130  cancelled\n       by you",
        );
        assert_eq!(
            parsed.examples,
            [
                ("loginhelp list".to_owned(), "the services".to_owned()),
                (
                    "loginhelp amazon --no-input --format json".to_owned(),
                    "the first question".to_owned()
                )
            ]
        );
        assert_eq!(
            parsed.exit_statuses,
            [
                ("0".to_owned(), "done".to_owned()),
                ("130".to_owned(), "cancelled by you".to_owned())
            ]
        );
        assert_eq!(parsed.other, ["Language: a sentence."]);
        // A Japanese line wrapped for the terminal is joined with no space.
        let parsed = AfterHelp::parse("言語: ガイドが書かれた\n言語である日本語 (ja)\nand more");
        assert_eq!(
            parsed.other,
            ["言語: ガイドが書かれた言語である日本語 (ja) and more"]
        );
    }
}
