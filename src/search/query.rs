//! A query as units to look for: Latin words by their stem (stop words
//! dropped), Japanese by one- and two-character grams of the folded text,
//! with the kana spellings a query may use for a loan word.

use crate::text::fold;

/// One thing to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Unit {
    /// A Latin word's stem, found as the start of a word.
    Word(String),
    /// One or two folded Japanese characters, found anywhere; when
    /// `context` is not empty, only as part of one of those (longer) pieces
    /// of the query.
    Gram { gram: String, context: Vec<String> },
}

impl Unit {
    pub(super) fn gram(gram: &str) -> Unit {
        Unit::Gram {
            gram: gram.to_owned(),
            context: Vec::new(),
        }
    }
}

/// The query as units, grouped by the word or run of Japanese they came from.
pub(super) fn parse_query(query: &str) -> Vec<Vec<Unit>> {
    let mut terms = Vec::new();
    for piece in query.split_whitespace() {
        let mut folded = fold(piece);
        for (kana, kanji) in KANA_SPELLINGS {
            folded = folded.replace(kana, kanji);
        }
        let mut latin = String::new();
        let mut japanese = String::new();
        for c in folded.chars().chain(std::iter::once(' ')) {
            if c.is_ascii_alphanumeric() {
                push_japanese(&mut terms, &mut japanese);
                latin.push(c);
            } else if is_japanese_letter(c) {
                push_latin(&mut terms, &mut latin);
                japanese.push(c);
            } else {
                push_latin(&mut terms, &mut latin);
                push_japanese(&mut terms, &mut japanese);
            }
        }
    }
    terms
}

pub(super) fn is_japanese_letter(c: char) -> bool {
    !c.is_ascii() && (c.is_alphanumeric() || c == 'ー' || c == '々')
}

pub(super) fn push_latin(terms: &mut Vec<Vec<Unit>>, word: &mut String) {
    let word = std::mem::take(word);
    if word.len() >= 2 && !STOP_WORDS.contains(&word.as_str()) {
        terms.push(vec![Unit::Word(stem(&word))]);
    }
}

/// A run of Japanese as bigrams. Two kana side by side are common by
/// chance (`いん` of `インスタ` is in every `ログイン`), so a bigram of kana
/// only counts where the text also has the query's next or previous
/// character around it; a bigram with a kanji counts on its own.
pub(super) fn push_japanese(terms: &mut Vec<Vec<Unit>>, run: &mut String) {
    let run = std::mem::take(run);
    let chars: Vec<char> = run.chars().collect();
    if chars.len() <= 2 {
        if !chars.is_empty() {
            terms.push(vec![Unit::gram(&run)]);
        }
        return;
    }
    let is_kana = |c: &char| ('\u{3041}'..='\u{309F}').contains(c) || *c == 'ー';
    let mut units = Vec::new();
    for i in 0..chars.len() - 1 {
        let gram: String = chars[i..i + 2].iter().collect();
        let context = if chars[i..i + 2].iter().all(is_kana) {
            let before = i.checked_sub(1).map(|b| chars[b..i + 2].iter().collect());
            let after = chars.get(i..i + 3).map(|w| w.iter().collect());
            before.into_iter().chain(after).collect()
        } else {
            Vec::new()
        };
        let unit = Unit::Gram { gram, context };
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    terms.push(units);
}

/// Words of this domain that people type in kana but the guides write in
/// kanji (there is no dictionary to read kanji with): `わすれた` finds
/// `忘れた`. Folded forms, so katakana spellings are covered too.
pub(super) const KANA_SPELLINGS: &[(&str, &str)] = &[
    ("わすれ", "忘れ"),
    ("とどか", "届か"),
    ("とどき", "届き"),
    ("とどい", "届い"),
    ("のっとり", "乗っ取り"),
    ("のっとら", "乗っ取ら"),
    ("とうけつ", "凍結"),
    ("さくじょ", "削除"),
    ("にんしょう", "認証"),
];

/// Words too common to tell nodes apart.
pub(super) const STOP_WORDS: &[&str] = &[
    "a", "am", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "cannot", "cant",
    "could", "did", "do", "does", "don", "dont", "for", "from", "had", "has", "have", "how", "i",
    "if", "in", "is", "it", "its", "just", "ll", "me", "my", "no", "not", "of", "on", "or", "so",
    "that", "the", "there", "this", "to", "was", "we", "what", "when", "which", "why", "will",
    "with", "won", "would", "you", "your",
];

/// Drop a plural, past-tense or -ing ending, keeping at least three letters
/// (`cookies` → `cookie`, `passes` → `pass`, `hacked` → `hack`).
pub(super) fn stem(word: &str) -> String {
    let keep = |base: &str| base.len() >= 3;
    if let Some(base) = word.strip_suffix("ing").or_else(|| word.strip_suffix("ed")) {
        if keep(base) {
            return base.to_owned();
        }
    }
    if let Some(base) = word.strip_suffix("es") {
        if keep(base)
            && ["s", "x", "z", "ch", "sh"]
                .iter()
                .any(|e| base.ends_with(e))
        {
            return base.to_owned();
        }
    }
    match word.strip_suffix('s') {
        Some(base) if keep(base) && !base.ends_with('s') => base.to_owned(),
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gram(gram: &str, context: &[&str]) -> Unit {
        Unit::Gram {
            gram: gram.into(),
            context: context.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn queries_split_into_words_and_bigrams() {
        assert_eq!(
            parse_query("Forgot ﾊﾟｽﾜｰﾄﾞ"),
            vec![
                vec![Unit::Word("forgot".into())],
                vec![
                    gram("ぱす", &["ぱすわ"]),
                    gram("すわ", &["ぱすわ", "すわー"]),
                    gram("わー", &["すわー", "わーど"]),
                    gram("ーど", &["わーど"]),
                ],
            ]
        );
        assert_eq!(
            parse_query("iPhoneで 忘れた"),
            vec![
                vec![Unit::Word("iphone".into())],
                vec![Unit::gram("で")],
                vec![Unit::gram("忘れ"), gram("れた", &["忘れた"])],
            ]
        );
        assert_eq!(parse_query("わすれた"), parse_query("忘れた"));
        assert_eq!(parse_query("ノットリ"), parse_query("乗っ取り"));
        assert_eq!(
            parse_query("the cookies!"),
            vec![vec![Unit::Word("cookie".into())]]
        );
        assert_eq!(stem("hacked"), "hack");
        assert_eq!(stem("address"), "address");
        assert_eq!(stem("access"), "access");
        assert_eq!(stem("its"), "its");
        assert_eq!(stem("passes"), "pass");
        assert_eq!(stem("devices"), "device");
        assert_eq!(stem("logging"), "logg");
    }
}
