//! Reading time at the language's reading speed.
//!
//! Speeds from Trauzettel-Klosinski et al. (2012), "Standardized Assessment
//! of Reading Performance: The New International Reading Speed Texts": words
//! per minute for alphabetic scripts, characters per minute for Chinese and
//! Japanese, whose text has no spaces between words.

/// (language, words per minute).
const WORDS_PER_MINUTE: &[(&str, u32)] = &[
    ("ar", 138),
    ("de", 179),
    ("en", 228),
    ("es", 218),
    ("fi", 161),
    ("fr", 195),
    ("he", 187),
    ("hi", 175),
    ("it", 188),
    ("nl", 202),
    ("pl", 166),
    ("pt", 181),
    ("ru", 184),
    ("sl", 180),
    ("sv", 199),
    ("tr", 166),
];
/// (language, characters per minute).
const CHARS_PER_MINUTE: &[(&str, u32)] = &[("ja", 357), ("ko", 400), ("zh", 255)];
/// For languages not listed: the mean of the study's languages.
const DEFAULT_WORDS_PER_MINUTE: u32 = 184;

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Minutes to read `text` (at least 1 for any text).
pub fn minutes(text: &str, lang: Option<&str>) -> u32 {
    if text.trim().is_empty() {
        return 0;
    }
    let primary = lang
        .unwrap_or("")
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let cjk_chars = text.chars().filter(|&c| is_cjk(c)).count() as u32;
    let words = text.split_whitespace().count() as u32;
    let per_char = CHARS_PER_MINUTE
        .iter()
        .find(|(l, _)| *l == primary)
        .map(|&(_, s)| s);
    let mins = match per_char {
        Some(cpm) => {
            cjk_chars as f32 / cpm as f32 + words as f32 / DEFAULT_WORDS_PER_MINUTE as f32 / 4.0
        }
        None if cjk_chars > words * 4 => cjk_chars as f32 / 255.0,
        None => {
            let wpm = WORDS_PER_MINUTE
                .iter()
                .find(|(l, _)| *l == primary)
                .map_or(DEFAULT_WORDS_PER_MINUTE, |&(_, s)| s);
            words as f32 / wpm as f32
        }
    };
    (mins.round() as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speeds_by_language() {
        let en = "word ".repeat(456);
        assert_eq!(minutes(&en, Some("en-GB")), 2);
        assert_eq!(minutes(&en, Some("ar")), 3);
        let zh = "字".repeat(2550);
        assert_eq!(minutes(&zh, Some("zh-CN")), 10);
        assert_eq!(minutes("", Some("en")), 0);
        assert_eq!(minutes("short", None), 1);
    }
}
