//! Folding a name or text for comparison: NFKC, case and kana, so that
//! full-width, half-width, katakana and hiragana spellings are one.

use unicode_normalization::UnicodeNormalization;

/// Fold a name for comparison: NFKC (full-width → half-width), lowercase, and
/// katakana → hiragana, so `ｉｎｓｔａ`, `Insta` and `insta` are one name, and
/// so are `インスタ` and `いんすた`.
pub fn fold(s: &str) -> String {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .map(katakana_to_hiragana)
        .filter(|c| !c.is_whitespace())
        .collect()
}

pub fn katakana_to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_and_kana() {
        assert_eq!(fold("ＩＮＳＴＡ"), "insta");
        assert_eq!(fold("インスタ"), fold("いんすた"));
        assert_eq!(fold("ｲﾝｽﾀ"), fold("インスタ"));
    }
}
