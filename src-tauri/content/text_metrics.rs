//! Words, characters and widths in every script. Words are found by Unicode segmentation
//! (UAX #29, `unicode-segmentation`); Chinese and Japanese, written without spaces, are counted
//! by characters, with their own reading rate; lengths that a search result shows (titles,
//! descriptions) are measured in display columns (`unicode-width`), where a CJK character takes
//! two, as it does in a result snippet. The status bar (`ui/src/text-metrics.ts`) counts the
//! same way.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Latin, Cyrillic, Korean and other spaced scripts: words a minute.
pub const WORDS_PER_MINUTE: usize = 230;
/// Chinese and Japanese: characters a minute.
pub const CJK_PER_MINUTE: usize = 500;

/// How much text there is: words of spaced scripts, and Chinese and Japanese characters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextCount {
    pub words: usize,
    pub cjk: usize,
}

/// A Han, Hiragana or Katakana character: the scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}'          // 々 〆 〇
        | '\u{3040}'..='\u{309F}'        // Hiragana
        | '\u{30A0}'..='\u{30FF}'        // Katakana
        | '\u{31F0}'..='\u{31FF}'        // Katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}'        // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'        // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'        // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9D}'        // half-width Katakana
        | '\u{20000}'..='\u{323AF}'      // CJK extensions B to H
    )
}

impl TextCount {
    pub fn of(text: &str) -> TextCount {
        let mut count = TextCount::default();
        count.add(text);
        count
    }

    /// Adds the words and characters of `text`.
    pub fn add(&mut self, text: &str) {
        for word in text.unicode_words() {
            let cjk = word.chars().filter(|c| is_cjk(*c)).count();
            self.cjk += cjk;
            // A run that mixes scripts (`GPT模型`) is a word as well as its characters.
            if cjk == 0 || word.chars().any(|c| c.is_alphanumeric() && !is_cjk(c)) {
                self.words += 1;
            }
        }
    }

    /// Words, with CJK text at two characters a word (the average length of a Chinese word),
    /// for thresholds set in words.
    pub fn word_equivalents(&self) -> usize {
        self.words + self.cjk.div_ceil(2)
    }

    /// Minutes to read, rounded, at least one (the status bar rounds the same way).
    pub fn reading_minutes(&self) -> usize {
        let minutes = self.words as f64 / WORDS_PER_MINUTE as f64 + self.cjk as f64 / CJK_PER_MINUTE as f64;
        (minutes.round() as usize).max(1)
    }

    /// "49 words", "3,475 characters", or "120 words and 800 characters".
    pub fn describe(&self) -> String {
        let words = format!("{} word{}", thousands(self.words), if self.words == 1 { "" } else { "s" });
        let chars = format!("{} character{}", thousands(self.cjk), if self.cjk == 1 { "" } else { "s" });
        match (self.words, self.cjk) {
            (_, 0) => words,
            (w, c) if w * 10 < c => chars,
            (w, c) if c * 10 < w => words,
            _ => format!("{words} and {chars}"),
        }
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The width `text` takes in a search result: display columns, two for a CJK character.
pub fn columns(text: &str) -> usize {
    text.width()
}

/// True when some character of `text` takes two columns.
pub fn has_wide(text: &str) -> bool {
    text.width() != text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_scripts_count_words() {
        assert_eq!(TextCount::of("Hello, world! It's 2025."), TextCount { words: 4, cjk: 0 });
        assert_eq!(TextCount::of("Привет, как дела?").words, 3);
        assert_eq!(TextCount::of("안녕하세요 세계").words, 2, "Korean is spaced");
        assert_eq!(TextCount::of("שלום עולם").words, 2);
        assert_eq!(TextCount::of("").words, 0);
    }

    #[test]
    fn chinese_and_japanese_count_characters() {
        let zh = "机器学习正在改变医疗行业，它让诊断更快。";
        let count = TextCount::of(zh);
        assert_eq!(count, TextCount { words: 0, cjk: 18 });
        assert_eq!(count.describe(), "18 characters");
        let ja = "東京でRustを学ぶ";
        assert_eq!(TextCount::of(ja), TextCount { words: 1, cjk: 6 });
        assert_eq!(TextCount::of("GPT模型").words, 1, "a mixed run is a word too");
    }

    #[test]
    fn a_long_chinese_post_is_not_short_and_reads_at_its_own_rate() {
        let body = "这是一个关于机器学习的长篇文章。".repeat(200); // 3,000 characters and 200 full stops
        let count = TextCount::of(&body);
        assert_eq!(count.cjk, 3_000);
        assert!(count.word_equivalents() >= 1_500);
        assert_eq!(count.reading_minutes(), 6);
        assert_eq!(count.describe(), "3,000 characters");
    }

    #[test]
    fn widths_count_cjk_as_two_columns() {
        assert_eq!(columns("Hello"), 5);
        assert_eq!(columns("机器学习"), 8);
        assert!(has_wide("机器") && !has_wide("Ünïcödé"));
        assert_eq!(TextCount { words: 120, cjk: 800 }.describe(), "120 words and 800 characters");
        assert_eq!(TextCount { words: 1, cjk: 0 }.describe(), "1 word");
    }
}
