//! The `machine-prose` rules: the tells of machine-written text (a chat reply left in, a
//! placeholder, a `Title:` line in the body, a sign-off to the requester, stock phrases, an
//! "In conclusion" section, heavy em-dash use, emoji in headings, runs of sentences that open
//! alike). The rules are data (`machine-prose.toml`, read at build time); a site adds patterns
//! in `postdesk.toml` (`[prose.patterns]`). Only prose is read: code, HTML and the site's
//! components are blanked first, so a `TODO` in a code sample is never a problem.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use regex::{Regex, RegexBuilder};

use super::rules::Severity;
use super::{Fix, FixAction, Post, Sink};
use crate::content::config::Config;

const RULES_FILE: &str = include_str!("machine-prose.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Line,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Patterns(Scope),
    EmDashDensity { per_thousand: usize },
    EmojiHeading,
    RepeatedOpenings { run: usize },
}

#[derive(Debug)]
pub struct MachineRule {
    pub id: &'static str,
    pub severity: Severity,
    message: String,
    remove_line: bool,
    kind: Kind,
    patterns: Vec<Regex>,
}

fn pattern(source: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(source).case_insensitive(true).size_limit(1 << 20).build()
}

/// The rules file, read once. A mistake in it is a build defect, caught by the tests below.
pub fn rules() -> &'static [MachineRule] {
    static RULES: OnceLock<Vec<MachineRule>> = OnceLock::new();
    RULES.get_or_init(|| parse_rules(RULES_FILE).unwrap_or_default())
}

fn parse_rules(text: &str) -> Result<Vec<MachineRule>, String> {
    let doc = toml_edit::Document::parse(text).map_err(|e| e.to_string())?;
    let list = doc.get("rule").and_then(|r| r.as_array_of_tables()).ok_or("no [[rule]] tables")?;
    let mut out = Vec::new();
    for table in list.iter() {
        let get = |key: &str| table.get(key).and_then(|v| v.as_str());
        let id = get("id").ok_or("a rule without an id")?;
        let severity = match get("severity") {
            Some("error") => Severity::Error,
            Some("warning") => Severity::Warning,
            Some("info") => Severity::Info,
            other => return Err(format!("{id}: unknown severity {other:?}")),
        };
        let number = |key: &str| table.get(key).and_then(|v| v.as_integer()).map(|n| n.max(1) as usize);
        let kind = match get("kind") {
            None => Kind::Patterns(match get("scope") {
                Some("line") => Scope::Line,
                Some("text") => Scope::Text,
                other => return Err(format!("{id}: unknown scope {other:?}")),
            }),
            Some("em-dash-density") => {
                Kind::EmDashDensity { per_thousand: number("per_thousand_words").unwrap_or(8) }
            }
            Some("emoji-heading") => Kind::EmojiHeading,
            Some("repeated-openings") => Kind::RepeatedOpenings { run: number("run").unwrap_or(3) },
            Some(other) => return Err(format!("{id}: unknown kind {other}")),
        };
        let mut patterns = Vec::new();
        if let Some(list) = table.get("patterns").and_then(|p| p.as_array()) {
            for p in list.iter() {
                let source = p.as_str().ok_or(format!("{id}: a pattern that is not a string"))?;
                patterns.push(pattern(source).map_err(|e| format!("{id}: {source}: {e}"))?);
            }
        }
        out.push(MachineRule {
            id: Box::leak(id.to_string().into_boxed_str()),
            severity,
            message: get("message").ok_or(format!("{id}: no message"))?.to_string(),
            remove_line: get("fix") == Some("remove-line"),
            kind,
            patterns,
        });
    }
    Ok(out)
}

/// The ids of the `machine-prose` group, in the file's order.
pub fn rule_ids() -> Vec<&'static str> {
    rules().iter().map(|r| r.id).collect()
}

/// A site's own patterns, compiled once each (a bad one is reported by `postdesk.toml`'s
/// reader, so here it is simply skipped).
fn extra(source: &str) -> Option<Regex> {
    static EXTRA: OnceLock<Mutex<HashMap<String, Option<Regex>>>> = OnceLock::new();
    let mut cache = EXTRA.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
    cache.entry(source.to_string()).or_insert_with(|| pattern(&phrase_pattern(source)).ok()).clone()
}

/// A site's phrase is a plain phrase unless it looks like a pattern (`\b`, `(`, `[`):
/// `"synergy"` matches the word, `"leverag(e|ing)"` is a pattern.
fn phrase_pattern(source: &str) -> String {
    if source.contains(['\\', '(', '[', '|', '^', '$', '?', '*', '+']) {
        source.to_string()
    } else {
        format!(r"\b{}\b", regex::escape(source))
    }
}

fn fill(message: &str, found: &str) -> String {
    // `**Conclusion:**` reads as "Conclusion" in a message.
    let words = found.trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '#' | ':' | '_'));
    message.replace("{match}", if words.is_empty() { found.trim() } else { words })
}

/// The body with code, HTML and components blanked to spaces of the same byte length.
fn prose_body(post: &Post<'_>) -> (usize, String) {
    let body = post.split.body.clone();
    let base = body.start;
    let mut bytes = post.text.as_bytes()[body.clone()].to_vec();
    for range in &post.body.code {
        let (from, to) = (range.start.max(base) - base, range.end.min(body.end).saturating_sub(base));
        for b in bytes.get_mut(from..to).unwrap_or_default() {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Blanking whole UTF-8 sequences keeps the text valid: every byte of a blanked character
    // becomes a space, and a range never starts inside a character.
    (base, String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// The line at `at` in `text` (offsets in the whole file), with the blank line after it, for a
/// fix that removes the line.
fn line_removal(text: &str, line: Range<usize>) -> Range<usize> {
    let mut end = line.end;
    if text[end..].starts_with("\r\n") {
        end += 2;
    } else if text[end..].starts_with('\n') {
        end += 1;
    }
    // The paragraph break after it goes too, so no double blank line is left behind.
    if text[end..].starts_with("\r\n") {
        end += 2;
    } else if text[end..].starts_with('\n') {
        end += 1;
    }
    // The last line of the post: the blank line before it goes instead.
    let mut start = line.start;
    if text[end..].trim().is_empty() {
        if text[..start].ends_with("\r\n\r\n") {
            start -= 2;
        } else if text[..start].ends_with("\n\n") {
            start -= 1;
        }
    }
    start..end
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F300..=0x1F5FF | 0x1F600..=0x1F64F | 0x1F680..=0x1F6FF | 0x1F900..=0x1F9FF
        | 0x1FA70..=0x1FAFF | 0x2600..=0x26FF | 0x2700..=0x27BF | 0x1F1E6..=0x1F1FF)
}

pub(super) fn check(post: &Post<'_>, config: &Config, sink: &mut Sink<'_>) {
    let (base, prose) = prose_body(post);
    for rule in rules() {
        let extras: Vec<Regex> = config
            .prose
            .patterns
            .get(rule.id)
            .map(|list| list.iter().filter_map(|p| extra(p)).collect())
            .unwrap_or_default();
        match rule.kind {
            Kind::Patterns(Scope::Line) => {
                let mut at = 0;
                for line in prose.split_inclusive('\n') {
                    let content = line.trim_end_matches(['\n', '\r']);
                    let found = rule.patterns.iter().chain(&extras).find_map(|p| p.find(content));
                    if let Some(m) = found {
                        let line_range = base + at..base + at + content.len();
                        let fix = rule.remove_line.then(|| {
                            let range = line_removal(post.text, line_range.clone());
                            Fix {
                                label: "Remove the line".into(),
                                action: FixAction::ReplaceBody {
                                    expected: post.text[range.clone()].to_string(),
                                    range,
                                    with: String::new(),
                                },
                            }
                        });
                        let span = base + at + m.start()..base + at + m.end();
                        // The whole line says more than the words that matched.
                        let shown: String = content.trim().chars().take(70).collect();
                        let shown =
                            if shown.len() < content.trim().len() { format!("{shown}…") } else { shown };
                        sink.report(rule.id, rule.severity, span, fill(&rule.message, &shown), fix);
                    }
                    at += line.len();
                }
            }
            Kind::Patterns(Scope::Text) => {
                for p in rule.patterns.iter().chain(&extras) {
                    // A match must begin in the prose itself: link syntax (`[text](url)`,
                    // `[text][ref]`, `[ref]: url`), link targets and image descriptions are not
                    // text a reader sees, and brackets there are not left to fill in.
                    let in_prose = |m: &regex::Match<'_>| {
                        let at = base + m.start();
                        post.body.prose.iter().any(|r| r.start <= at && at < r.end)
                    };
                    for m in p.find_iter(&prose).filter(in_prose) {
                        sink.report(
                            rule.id,
                            rule.severity,
                            base + m.start()..base + m.end(),
                            fill(&rule.message, m.as_str()),
                            None,
                        );
                    }
                }
            }
            Kind::EmDashDensity { per_thousand } => {
                let words = post.body.text.words + post.body.text.cjk / 2;
                let dashes: Vec<usize> = prose.match_indices('\u{2014}').map(|(i, _)| i).collect();
                // A short post's two dashes are no pattern.
                if words >= 150 && dashes.len() * 1000 > per_thousand * words {
                    let rate = dashes.len() as f64 * 1000.0 / words as f64;
                    let message = rule
                        .message
                        .replace("{count}", &dashes.len().to_string())
                        .replace("{words}", &words.to_string())
                        .replace("{rate}", &format!("{rate:.0}"));
                    sink.report(
                        rule.id,
                        rule.severity,
                        base + dashes[0]..base + dashes[0] + 3,
                        message,
                        None,
                    );
                }
            }
            Kind::EmojiHeading => {
                for heading in &post.body.headings {
                    if heading.text.chars().any(is_emoji) {
                        sink.report(
                            rule.id,
                            rule.severity,
                            heading.range.clone(),
                            fill(&rule.message, &heading.text),
                            None,
                        );
                    }
                }
            }
            Kind::RepeatedOpenings { run } => repeated_openings(rule, run, base, &prose, sink),
        }
    }
}

/// Runs of `run` or more sentences in one paragraph that open with the same word (articles
/// aside: "The" three times is ordinary prose).
fn repeated_openings(rule: &MachineRule, run: usize, base: usize, prose: &str, sink: &mut Sink<'_>) {
    use unicode_segmentation::UnicodeSegmentation;
    let mut offset = 0;
    for paragraph in prose.split_inclusive("\n\n") {
        let mut current: Option<(String, usize, usize)> = None; // word, count, first offset
        let mut reported = false;
        for (at, sentence) in paragraph.split_sentence_bound_indices() {
            let Some(first) = sentence.unicode_words().next() else { continue };
            let word = first.to_lowercase();
            if matches!(word.as_str(), "the" | "a" | "an") {
                current = None;
                continue;
            }
            match current.as_mut() {
                Some((w, count, _)) if *w == word => *count += 1,
                _ => {
                    current = Some((word, 1, offset + at));
                    reported = false;
                }
            }
            if let Some((_, count, start)) = &current {
                if *count >= run && !reported {
                    reported = true;
                    let message =
                        rule.message.replace("{count}", &count.to_string()).replace("{match}", first);
                    sink.report(
                        rule.id,
                        rule.severity,
                        base + start..base + start + first.len(),
                        message,
                        None,
                    );
                }
            }
        }
        offset += paragraph.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_file_reads_and_names_each_rule_once() {
        let parsed = parse_rules(RULES_FILE).expect("machine-prose.toml reads");
        let ids: Vec<&str> = parsed.iter().map(|r| r.id).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(ids.len(), unique.len());
        for id in &ids {
            assert!(super::super::RULES.contains(id), "{id} is listed in rules::RULES");
        }
        assert!(ids.contains(&"chat-leftover") && ids.contains(&"stock-phrase"));
        assert_eq!(Some(ids), super::super::rules::expand("machine-prose"), "the group is the file's rules");
    }

    #[test]
    fn mistakes_in_a_rules_file_are_named() {
        let bad = "[[rule]]\nid = \"x\"\nseverity = \"loud\"\nscope = \"line\"\nmessage = \"m\"\n";
        assert!(parse_rules(bad).unwrap_err().contains("unknown severity"));
        let bad = "[[rule]]\nid = \"x\"\nseverity = \"error\"\nscope = \"line\"\nmessage = \"m\"\npatterns = ['(']\n";
        assert!(parse_rules(bad).unwrap_err().contains("x: ("));
    }

    #[test]
    fn a_site_phrase_is_a_word_unless_it_looks_like_a_pattern() {
        assert!(extra("synergy").unwrap().is_match("Real Synergy here"));
        assert!(!extra("synergy").unwrap().is_match("synergyx"));
        assert!(extra(r"leverag(e|ing)").unwrap().is_match("leveraging it"));
    }
}
