//! Offline spelling and grammar for English prose, with harper-core (the engine behind
//! Harper). Only the prose is read: the caller names the byte ranges that are prose (the body's
//! text outside code, HTML, components and link targets; a title; a description), everything
//! else is blanked to spaces of the same byte length, so harper's offsets map straight back to
//! the file's. Each paragraph is linted on its own and remembered by its text, so an edit
//! re-lints only the paragraphs it changed. Words the site already uses (tags, categories,
//! titles) and the site's dictionary (`[prose] words`) are never spelling mistakes.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use harper_core::linting::{LintGroup, LintKind, Linter, Suggestion};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};
use serde::Serialize;
use ts_rs::TS;

/// One spelling or grammar problem, at byte offsets in the text that was linted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "Prose.ts")]
pub struct ProseLint {
    /// `spelling` or `grammar`.
    pub rule: String,
    pub start: usize,
    pub end: usize,
    /// The text the lint is about.
    pub text: String,
    pub message: String,
    /// Replacements for `text`, best first (an empty string removes it).
    pub suggestions: Vec<String>,
}

/// Which lints to look for, and what the site already knows.
#[derive(Debug, Clone, Default)]
pub struct ProseOptions {
    pub spelling: bool,
    pub grammar: bool,
    /// `american` (the default), `british`, `canadian`, `australian` or `indian`.
    pub dialect: Option<String>,
    /// Sets of lower-case words that are never spelling mistakes here (the site's, shared
    /// rather than copied for each lint; the dictionary's).
    pub known_words: Vec<Arc<HashSet<String>>>,
}

pub fn dialect_of(name: Option<&str>) -> Dialect {
    match name.map(str::to_ascii_lowercase).as_deref() {
        Some("british" | "uk" | "en-gb") => Dialect::British,
        Some("canadian" | "en-ca") => Dialect::Canadian,
        Some("australian" | "en-au") => Dialect::Australian,
        Some("indian" | "en-in") => Dialect::Indian,
        _ => Dialect::American,
    }
}

/// A raw lint inside one paragraph: char offsets there.
#[derive(Debug, Clone)]
struct Raw {
    spelling: bool,
    start: usize,
    end: usize,
    message: String,
    suggestions: Vec<String>,
}

/// Harper's linters, one per dialect, each built the first time it is needed (building one
/// reads its rule set and dictionary). Behind a lock: `lint` takes `&mut self` for its caches.
fn linter(dialect: Dialect) -> &'static Mutex<LintGroup> {
    const DIALECTS: [Dialect; 5] =
        [Dialect::American, Dialect::British, Dialect::Canadian, Dialect::Australian, Dialect::Indian];
    static LINTERS: [OnceLock<Mutex<LintGroup>>; 5] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let index = DIALECTS.iter().position(|d| *d == dialect).unwrap_or(0);
    LINTERS[index]
        .get_or_init(|| Mutex::new(LintGroup::new_curated(FstDictionary::curated(), DIALECTS[index])))
}

/// Paragraphs already linted, by their text and dialect. Cleared when it grows past a bound,
/// so a long session never holds more than a few thousand paragraphs.
fn cache() -> &'static Mutex<HashMap<u64, Arc<Vec<Raw>>>> {
    static CACHE: OnceLock<Mutex<HashMap<u64, Arc<Vec<Raw>>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}
const CACHE_LIMIT: usize = 20_000;

/// Forgets every paragraph linted so far (for benchmarks of a cold start).
pub fn clear_cache() {
    cache().lock().unwrap_or_else(|p| p.into_inner()).clear();
}

fn lint_paragraph(paragraph: &str, dialect: Dialect) -> Arc<Vec<Raw>> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    paragraph.hash(&mut hasher);
    (dialect as u32).hash(&mut hasher);
    let key = hasher.finish();
    if let Some(hit) = cache().lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return Arc::clone(hit);
    }
    let document = Document::new_plain_english(paragraph, &*FstDictionary::curated());
    let lints = {
        let mut linter = linter(dialect).lock().unwrap_or_else(|p| p.into_inner());
        // Harper is pure computation; should one of its rules panic on a strange paragraph,
        // the paragraph goes unlinted rather than taking the app down.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| linter.lint(&document))).unwrap_or_default()
    };
    let source = document.get_source();
    let raws: Vec<Raw> = lints
        .into_iter()
        .map(|lint| {
            let found: String = source.get(lint.span.start..lint.span.end).unwrap_or(&[]).iter().collect();
            let suggestions = lint
                .suggestions
                .iter()
                .map(|s| match s {
                    Suggestion::ReplaceWith(chars) => chars.iter().collect(),
                    Suggestion::InsertAfter(chars) => format!("{found}{}", chars.iter().collect::<String>()),
                    Suggestion::Remove => String::new(),
                })
                .collect();
            Raw {
                spelling: lint.lint_kind == LintKind::Spelling,
                start: lint.span.start,
                end: lint.span.end,
                message: lint.message,
                suggestions,
            }
        })
        .collect();
    let raws = Arc::new(raws);
    let mut cache = cache().lock().unwrap_or_else(|p| p.into_inner());
    if cache.len() >= CACHE_LIMIT {
        cache.clear();
    }
    cache.insert(key, Arc::clone(&raws));
    raws
}

/// `text` with everything outside `prose` blanked: each blanked character becomes as many
/// spaces as it has bytes, and line breaks stay, so byte offsets and paragraphs are kept.
fn blank_outside(text: &str, prose: &[Range<usize>]) -> String {
    let mut keep = vec![false; text.len()];
    for range in prose {
        let end = range.end.min(text.len());
        keep.get_mut(range.start..end).unwrap_or_default().fill(true);
    }
    let mut out = String::with_capacity(text.len());
    for (at, ch) in text.char_indices() {
        if keep[at] || ch == '\n' {
            out.push(ch);
        } else {
            for _ in 0..ch.len_utf8() {
                out.push(' ');
            }
        }
    }
    out
}

/// Whether `span` lies within the prose ranges, apart from the line breaks between them.
fn inside(prose: &[Range<usize>], span: Range<usize>) -> bool {
    let mut at = span.start;
    while at < span.end {
        match prose.iter().find(|r| r.start <= at && at < r.end) {
            Some(r) => at = r.end,
            None => return false,
        }
    }
    true
}

/// The spelling and grammar lints in the `prose` ranges of `text`, at byte offsets in `text`.
pub fn lint(text: &str, prose: &[Range<usize>], options: &ProseOptions) -> Vec<ProseLint> {
    if !(options.spelling || options.grammar) || prose.is_empty() {
        return Vec::new();
    }
    let dialect = dialect_of(options.dialect.as_deref());
    let blanked = blank_outside(text, prose);
    let mut out = Vec::new();
    // Paragraphs: runs of lines between blank lines.
    let mut start = 0;
    for piece in blanked.split_inclusive("\n\n") {
        let end = start + piece.len();
        let paragraph = &blanked[start..end];
        if !paragraph.trim().is_empty() {
            let chars: Vec<usize> =
                paragraph.char_indices().map(|(i, _)| i).chain([paragraph.len()]).collect();
            for raw in lint_paragraph(paragraph, dialect).iter() {
                if (raw.spelling && !options.spelling) || (!raw.spelling && !options.grammar) {
                    continue;
                }
                let (Some(&from), Some(&to)) = (chars.get(raw.start), chars.get(raw.end)) else { continue };
                let (from, to) = (start + from, start + to);
                let found = text.get(from..to).unwrap_or("").to_string();
                // Spacing lints about blanked code, markup or the gaps they leave are not the
                // writer's: a lint must lie wholly in the prose, and be about more than spaces.
                if found.trim().is_empty() || !inside(prose, from..to) {
                    continue;
                }
                let lower = found.to_lowercase();
                if raw.spelling && options.known_words.iter().any(|known| known.contains(&lower)) {
                    continue;
                }
                out.push(ProseLint {
                    rule: if raw.spelling { "spelling" } else { "grammar" }.to_string(),
                    start: from,
                    end: to,
                    text: found,
                    message: raw.message.clone(),
                    suggestions: raw.suggestions.iter().take(5).cloned().collect(),
                });
            }
        }
        start = end;
    }
    out
}

/// The spelling and grammar lints of the whole of `text` (a title, a description).
pub fn lint_whole(text: &str, options: &ProseOptions) -> Vec<ProseLint> {
    lint(text, std::slice::from_ref(&(0..text.len())), options)
}

/// The words of `text` (letters, digits, apostrophes, hyphens inside), lower-cased, for the
/// site's known words.
pub fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    use unicode_segmentation::UnicodeSegmentation;
    text.unicode_words().map(str::to_lowercase)
}

/// Whether `text` reads as English (harper's dictionary-based guess), for posts whose
/// language nothing declares.
pub fn likely_english(text: &str) -> bool {
    let sample: String = text.chars().take(4_000).collect();
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    let latin = sample.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 || latin * 10 < letters * 8 {
        // Mostly another script (CJK, Cyrillic, Arabic...), or no words at all.
        return false;
    }
    let dictionary = FstDictionary::curated();
    let document = Document::new_plain_english(&sample, &*dictionary);
    // Harper's guess needs a few sentences: a short English text with one typo reads to it as
    // "not English", which would hide exactly the typo. A short text is English when most of
    // its words are English words.
    if sample.split_whitespace().count() < 40 {
        use harper_core::spell::Dictionary;
        let source = document.get_source();
        let words: Vec<&[char]> = document
            .get_tokens()
            .iter()
            .filter(|t| matches!(t.kind, harper_core::TokenKind::Word(_)))
            .map(|t| t.get_ch(source))
            .collect();
        let known = words.iter().filter(|w| dictionary.contains_word(w)).count();
        return !words.is_empty() && known * 10 >= words.len() * 6;
    }
    harper_core::language_detection::is_doc_likely_english(&document, &*dictionary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> ProseOptions {
        ProseOptions { spelling: true, grammar: true, ..ProseOptions::default() }
    }

    #[test]
    fn a_misspelt_word_has_suggestions_at_its_bytes() {
        let text = "The quick brown fox jumpd over the lazy dog.\n";
        let lints = lint_whole(text, &all());
        let l = lints.iter().find(|l| l.rule == "spelling").expect("a spelling lint");
        assert_eq!(&text[l.start..l.end], "jumpd");
        assert!(l.suggestions.iter().any(|s| s == "jumped"), "{l:?}");
    }

    #[test]
    fn blanked_text_is_never_linted_and_offsets_survive_other_scripts() {
        let text = "Café — `sdfgh` here. Then a mispeled word.\n";
        let code = text.find('`').unwrap();
        let code_end = text[code + 1..].find('`').unwrap() + code + 2;
        let prose = [0..code, code_end..text.len()];
        let lints = lint(text, &prose, &all());
        assert!(lints.iter().all(|l| l.text != "sdfgh"), "{lints:?}");
        let l = lints.iter().find(|l| l.rule == "spelling").expect("mispeled is found");
        assert_eq!(&text[l.start..l.end], "mispeled");
    }

    #[test]
    fn known_words_and_switches_silence_lints() {
        let text = "Postdesk ships fast.\n";
        let mut options = all();
        assert!(lint_whole(text, &options).iter().any(|l| l.text == "Postdesk"));
        options.known_words.push(Arc::new(HashSet::from(["postdesk".to_string()])));
        assert!(lint_whole(text, &options).iter().all(|l| l.text != "Postdesk"));
        options.spelling = false;
        options.known_words.clear();
        assert!(lint_whole(text, &options).iter().all(|l| l.rule != "spelling"));
    }

    #[test]
    fn a_grammar_slip_is_a_grammar_lint() {
        let text = "This is an test of the checker.\n";
        let lints = lint_whole(text, &all());
        assert!(lints.iter().any(|l| l.rule == "grammar" && l.text == "an"), "{lints:?}");
    }

    #[test]
    fn english_is_told_from_other_languages() {
        assert!(likely_english("The writer reviews forty posts before lunch, and fixes the titles."));
        let french = "Le rédacteur relit quarante articles avant le déjeuner, puis il corrige les titres, \
            les descriptions et les images de chacun, et il publie enfin ceux qui sont prêts. \
            Les autres attendent le lendemain, car il préfère relire à tête reposée.";
        assert!(!likely_english(french));
        assert!(likely_english("The fox jumpd."), "short, and mostly English words");
        assert!(!likely_english("Le rapide renard brun saute par-dessus le chien paresseux."));
        assert!(!likely_english("这是一篇关于写作的文章。"));
    }
}
