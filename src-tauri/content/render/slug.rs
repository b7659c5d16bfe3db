//! Heading ids as the site's generator makes them ([`HeadingIds`]): by default as GitHub, Hugo
//! (`autoHeadingIDType = "github"`, its default) and Astro (github-slugger) do, lower-case,
//! punctuation dropped, spaces to hyphens, and a `-1`, `-2` suffix for repeats within a page.
//! Links to `#some-heading` then match the site.

use std::collections::HashMap;

pub use super::flavour::HeadingIds;

/// What decides a heading's id: its text, or an explicit `{#id}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingInput {
    Text(String),
    Explicit(String),
}

#[derive(Debug, Clone)]
pub struct Slugger {
    seen: HashMap<String, usize>,
    pub style: HeadingIds,
}

impl Default for Slugger {
    fn default() -> Self {
        Slugger::new(HeadingIds::Github)
    }
}

fn base_slug(text: &str, style: HeadingIds) -> String {
    match style {
        HeadingIds::Github | HeadingIds::None => text
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect(),
        // Hugo strips accents and then drops what is still not ASCII.
        HeadingIds::GithubAscii => base_slug(text, HeadingIds::Github)
            .chars()
            .filter_map(|c| match c {
                c if c.is_ascii() => Some(c),
                c => {
                    let plain = slug::slugify(c.to_string());
                    let mut chars = plain.chars();
                    match (chars.next(), chars.next()) {
                        (Some(one), None) => Some(one),
                        _ => None,
                    }
                }
            })
            .collect(),
        HeadingIds::Zola => slug::slugify(text),
    }
}

impl Slugger {
    pub fn new(style: HeadingIds) -> Self {
        Slugger { seen: HashMap::new(), style }
    }

    /// The id a heading with this text gets, if the site gives it one.
    pub fn id(&mut self, input: &HeadingInput) -> Option<String> {
        match input {
            HeadingInput::Text(_) if self.style == HeadingIds::None => None,
            _ => Some(self.apply(input)),
        }
    }

    /// A unique id for a heading with this text.
    pub fn slug(&mut self, text: &str) -> String {
        let base = base_slug(text, self.style);
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

    #[test]
    fn each_generators_style() {
        let mut ascii = Slugger::new(HeadingIds::GithubAscii);
        assert_eq!(ascii.slug("Ünïcödé stays"), "unicode-stays");
        assert_eq!(ascii.slug("中文 title"), "-title");
        let mut zola = Slugger::new(HeadingIds::Zola);
        assert_eq!(zola.slug("C++ & Rust: a_b"), "c-rust-a-b");
        assert_eq!(zola.slug("Ünïcödé stays"), "unicode-stays");
        assert_eq!(zola.slug("Unicode Stays"), "unicode-stays-1");
        let mut none = Slugger::new(HeadingIds::None);
        assert_eq!(none.id(&HeadingInput::Text("Notes".into())), None);
        assert_eq!(none.id(&HeadingInput::Explicit("notes".into())).as_deref(), Some("notes"));
    }
}
