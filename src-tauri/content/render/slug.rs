//! Heading ids as GitHub, Hugo (`autoHeadingIDType = "github"`, its default) and Astro
//! (github-slugger) make them: lower-case, punctuation dropped, spaces to hyphens, and a
//! `-1`, `-2` suffix for repeats within a page. Links to `#some-heading` then match the site.

use std::collections::HashMap;

/// What decides a heading's id: its text, or an explicit `{#id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingInput {
    Text(String),
    Explicit(String),
}

#[derive(Debug, Clone, Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

fn base_slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

impl Slugger {
    /// A unique id for a heading with this text.
    pub fn slug(&mut self, text: &str) -> String {
        let base = base_slug(text);
        let mut candidate = base.clone();
        while let Some(count) = self.seen.get_mut(&candidate) {
            *count += 1;
            candidate = format!("{base}-{count}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }

    /// The id for a heading, recording it.
    pub fn apply(&mut self, input: &HeadingInput) -> String {
        match input {
            HeadingInput::Text(text) => self.slug(text),
            HeadingInput::Explicit(id) => self.claim(id),
        }
    }

    /// Records an explicit `{#id}` so generated ids do not collide with it.
    pub fn claim(&mut self, id: &str) -> String {
        self.seen.entry(id.to_string()).or_insert(0);
        id.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_style_slugs() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("Hello, World!"), "hello-world");
        assert_eq!(
            s.slug("  The Power of Predictive Modeling in Oncology"),
            "the-power-of-predictive-modeling-in-oncology"
        );
        assert_eq!(s.slug("C++ & Rust: a_b"), "c--rust-a_b");
        assert_eq!(s.slug("Ünïcödé stays"), "ünïcödé-stays");
    }

    #[test]
    fn repeats_get_suffixes() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("Notes"), "notes");
        assert_eq!(s.slug("Notes"), "notes-1");
        assert_eq!(s.slug("Notes"), "notes-2");
        assert_eq!(s.claim("intro"), "intro");
        assert_eq!(s.slug("Intro"), "intro-1");
    }
}
