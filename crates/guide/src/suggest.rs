//! "Did you mean …?": the closest of a set of valid names to what was typed,
//! after folding case and full-width / half-width forms.

use crate::fold::fold;

/// The candidate closest to `input`, if any is close enough to be a likely
/// typo. Short inputs need a closer match than long ones.
pub fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let folded = fold(input);
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        let other = fold(candidate);
        let score = if other.starts_with(&folded) && folded.chars().count() >= 2 {
            0.95
        } else {
            strsim::jaro_winkler(&folded, &other)
        };
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.filter(|(score, _)| *score >= 0.8).map(|(_, c)| c)
}

/// "did you mean `x`?" or nothing.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(input, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["instagram", "amazon", "line", "hapitas", "coconala"];
        assert_eq!(closest("instagarm", names), Some("instagram"));
        assert_eq!(closest("amazn", names), Some("amazon"));
        assert_eq!(closest("coconara", names), Some("coconala"));
        assert_eq!(closest("zzzzzz", names), None);
    }
}
