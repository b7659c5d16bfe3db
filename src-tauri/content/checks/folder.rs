//! Facts about the whole folder, and the rules that compare a post with the others: duplicate
//! slugs, tag variants and tag style.
//!
//! [`FolderFacts`] is a plain value: `workspace` code reads the folder and fills it in (it is
//! the only part that touches the disk), tests write it by hand. [`post_entry`] is the pure
//! per-post part of it, so an index can keep one per post and rebuild the facts cheaply.

use std::collections::{BTreeMap, BTreeSet};

use super::dates::CivilDate;
use super::markdown;
use super::{Fix, FixAction, Post, Severity, Sink};
use crate::content::frontmatter::Role;
use crate::content::schema::Schema;

/// What the checks know about one post of the folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostEntry {
    /// The URL slug: the `slug` key, else the file name without extension (the folder's name
    /// for an `index.md` page bundle).
    pub slug: String,
    /// The ids of its headings, for `other.md#id` links.
    pub anchors: Vec<String>,
    /// The URL path its site publishes it at, where the generator's route rules could be read.
    pub route: Option<String>,
    /// Its language and the key its translations share, on a multilingual site.
    pub lang: Option<String>,
    pub translation_key: Option<String>,
    /// When it last changed, by its front matter: the updated date, else its date.
    pub changed: Option<CivilDate>,
    /// Its title: the site's titles are words the spelling check knows.
    pub title: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FolderFacts {
    /// Every post, by folder-relative `/`-separated path. Change it through `insert_post` and
    /// `remove_post`, which keep the slug index in step.
    pub posts: BTreeMap<String, PostEntry>,
    /// The paths of the posts using each slug, so the duplicate check is one lookup per post
    /// rather than a scan of the folder (which made checking 10,000 posts quadratic). The paths
    /// are a sorted Vec, not a set: nearly every slug has one post, and a one-entry B-tree set
    /// costs a whole node (about 3 MB over 10,000 posts).
    by_slug: BTreeMap<String, Vec<String>>,
    /// The posts sharing each translation key (sorted paths), for the translation rules.
    by_translation: BTreeMap<String, Vec<String>>,
    /// Files under the posts folder (images, attachments), folder-relative. The posts need not
    /// be here too: `posts` has them, and [`Self::has_file`] asks both.
    pub files: BTreeSet<String>,
    /// Every file under the site's static folder, relative to it; None when the static folder
    /// is unknown (no site root found and none configured), so site paths go unchecked.
    pub static_files: Option<BTreeSet<String>>,
    /// The folder's inferred schema, with the config's overrides applied.
    pub schema: Schema,
    /// Today, for the future-date rule; None skips it.
    pub today: Option<CivilDate>,
    /// The site model, for the schema its generator declares for each post's collection.
    pub site: Option<crate::content::site::SharedSite>,
    /// The posts by route (`/blog/some-post/`), for site-absolute links.
    pub routes: BTreeMap<String, String>,
    /// The words of the site's tags, categories and titles, lower-cased, made the first time
    /// the spelling check asks and forgotten when a post changes.
    known_words: std::sync::OnceLock<std::sync::Arc<std::collections::HashSet<String>>>,
}

impl FolderFacts {
    /// How the site renders Markdown (a plain folder's when there is no site model).
    pub fn flavour(&self) -> crate::content::render::Flavour {
        self.site.as_ref().map(|s| s.0.flavour).unwrap_or_default()
    }

    /// How the site renders the post at `path`: its Markdown settings, and what the post may
    /// hold that the site runs.
    pub fn flavour_for(&self, path: &str) -> crate::content::render::Flavour {
        match &self.site {
            Some(site) => site.0.flavour.for_post(path, site.0.generator),
            None => {
                crate::content::render::Flavour::PLAIN.for_post(path, crate::content::site::Generator::Folder)
            }
        }
    }

    /// What a broken anchor's message adds when the site gives headings no ids at all.
    pub fn no_ids_hint(&self) -> &'static str {
        if self.flavour().heading_ids == crate::content::render::flavour::HeadingIds::None {
            " (this site's Markdown gives headings no ids, so no link reaches one)"
        } else {
            ""
        }
    }

    /// The schema the generator declares for `path`'s collection, if it declares one.
    pub fn declared_for(&self, path: &str) -> Option<&crate::content::site::DeclaredSchema> {
        self.site.as_ref()?.0.collection_of(path)?.schema.as_ref()
    }

    /// The words the site already uses as tags, categories and titles (lower-cased): never
    /// spelling mistakes.
    pub fn known_words(&self) -> std::sync::Arc<std::collections::HashSet<String>> {
        use crate::content::spelling::words_of;
        std::sync::Arc::clone(self.known_words.get_or_init(|| {
            let mut words = std::collections::HashSet::new();
            for value in self.schema.tags.iter().chain(&self.schema.categories) {
                words.extend(words_of(&value.value));
            }
            for entry in self.posts.values() {
                if let Some(title) = &entry.title {
                    words.extend(words_of(title));
                }
            }
            std::sync::Arc::new(words)
        }))
    }

    pub fn insert_post(&mut self, path: &str, entry: PostEntry) {
        self.remove_post(path);
        self.known_words = Default::default();
        if let Some(route) = &entry.route {
            self.routes.insert(route.clone(), path.to_string());
        }
        let paths = self.by_slug.entry(entry.slug.clone()).or_default();
        if let Err(at) = paths.binary_search_by(|p| p.as_str().cmp(path)) {
            paths.insert(at, path.to_string());
        }
        if let Some(key) = &entry.translation_key {
            let paths = self.by_translation.entry(key.clone()).or_default();
            if let Err(at) = paths.binary_search_by(|p| p.as_str().cmp(path)) {
                paths.insert(at, path.to_string());
            }
        }
        self.posts.insert(path.to_string(), entry);
    }

    pub fn remove_post(&mut self, path: &str) {
        if let Some(old) = self.posts.remove(path) {
            self.known_words = Default::default();
            if let Some(route) = &old.route {
                if self.routes.get(route).is_some_and(|p| p == path) {
                    self.routes.remove(route);
                }
            }
            if let Some(paths) = self.by_slug.get_mut(&old.slug) {
                paths.retain(|p| p != path);
                if paths.is_empty() {
                    self.by_slug.remove(&old.slug);
                }
            }
            if let Some(key) = &old.translation_key {
                if let Some(paths) = self.by_translation.get_mut(key) {
                    paths.retain(|p| p != path);
                    if paths.is_empty() {
                        self.by_translation.remove(key);
                    }
                }
            }
        }
    }

    /// Whether the posts folder holds this file (a post or any other file).
    pub fn has_file(&self, rel: &str) -> bool {
        self.posts.contains_key(rel) || self.files.contains(rel)
    }

    /// The posts other than `path` that share its translation key `key`.
    pub fn translations_of(&self, key: &str, path: &str) -> Vec<(&str, &PostEntry)> {
        self.by_translation.get(key).map_or_else(Vec::new, |paths| {
            paths
                .iter()
                .filter(|p| *p != path)
                .filter_map(|p| Some((p.as_str(), self.posts.get(p)?)))
                .collect()
        })
    }

    /// The posts other than `path` whose slug is `slug`.
    pub fn others_with_slug(&self, slug: &str, path: &str) -> Vec<&str> {
        self.by_slug
            .get(slug)
            .map_or_else(Vec::new, |paths| paths.iter().map(String::as_str).filter(|p| *p != path).collect())
    }
}

/// The slug a post gets from its path and front matter.
pub fn slug_of(path: &str, slug_key: Option<&str>) -> String {
    if let Some(s) = slug_key.map(str::trim).filter(|s| !s.is_empty()) {
        return s.trim_matches('/').to_lowercase();
    }
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let stem = if matches!(stem, "index" | "_index") && !dir.is_empty() {
        dir.rsplit('/').next().unwrap_or(stem)
    } else {
        stem
    };
    stem.to_lowercase()
}

/// The folder's facts about one post, from its text.
pub fn post_entry(path: &str, text: &str) -> PostEntry {
    post_entry_parsed(path, &crate::content::post::Parsed::new(text))
}

/// `post_entry` of a post already parsed.
pub fn post_entry_parsed(path: &str, parsed: &crate::content::post::Parsed) -> PostEntry {
    post_entry_as(path, parsed, crate::content::render::Flavour::PLAIN)
}

/// `post_entry_parsed` on a site with `flavour` (the ids its headings get there).
fn post_entry_as(
    path: &str,
    parsed: &crate::content::post::Parsed,
    flavour: crate::content::render::Flavour,
) -> PostEntry {
    let slug_key = parsed.fm.get("slug").and_then(|v| v.as_str().map(str::to_string));
    let scan = markdown::scan_as(parsed.text, parsed.split.body.clone(), flavour);
    PostEntry {
        slug: slug_of(path, slug_key.as_deref()),
        anchors: scan.headings.into_iter().map(|h| h.id).collect(),
        title: parsed.fm.text(Role::Title),
        ..PostEntry::default()
    }
}

/// `post_entry_parsed`, with the post's route when `site` can make one.
pub fn post_entry_routed(
    path: &str,
    parsed: &crate::content::post::Parsed,
    site: Option<&crate::content::site::SharedSite>,
) -> PostEntry {
    let flavour = site.map(|s| s.0.flavour.for_post(path, s.0.generator)).unwrap_or_default();
    let mut entry = post_entry_as(path, parsed, flavour);
    entry.route =
        site.and_then(|s| s.0.route_of(path, &crate::content::site::route::FrontFacts::of(&parsed.fm)));
    if let Some(site) = site {
        let placed = site.0.placement(
            path,
            crate::content::post::front_language(&parsed.fm).as_deref(),
            crate::content::post::front_translation_key(&parsed.fm).as_deref(),
        );
        entry.lang = placed.lang;
        entry.translation_key = placed.key;
        entry.changed = super::translations::changed(&parsed.fm);
    }
    entry
}

/// Tags that differ only in case and separators share this key (`GPT-4o`, `gpt 4o`).
fn tag_key(tag: &str) -> String {
    tag.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' | '_' | '-' => Some('-'),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// A tag written as a URL slug: lower case, words joined by hyphens.
fn is_slug_style(tag: &str) -> bool {
    !tag.is_empty()
        && tag.split('-').all(|w| !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c.is_ascii_digit()))
}

pub fn slugify_tag(tag: &str) -> String {
    tag.trim()
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Words longer than this are never near-misses of each other; the bound keeps the quadratic
/// table small whatever a hostile post holds.
const MAX_COMPARED_CHARS: usize = 64;

/// Optimal string alignment distance: edits, with a swap of neighbours counting as one.
/// Strings longer than [`MAX_COMPARED_CHARS`] are only as close as their length difference
/// allows and no closer than that bound, so they never count as near-misses.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() > MAX_COMPARED_CHARS || b.len() > MAX_COMPARED_CHARS {
        return a.len().abs_diff(b.len()).max(MAX_COMPARED_CHARS);
    }
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

pub(super) fn check(post: &Post, facts: &FolderFacts, sink: &mut Sink) {
    if post.fm.blocking_error().is_some() {
        return;
    }
    duplicate_slugs(post, facts, sink);
    tags(post, facts, sink);
    super::translations::check(post, facts, sink);
}

fn duplicate_slugs(post: &Post, facts: &FolderFacts, sink: &mut Sink) {
    let slug_key = post.fm.get("slug").and_then(|v| v.as_str());
    let slug = slug_of(post.path, slug_key);
    let mut others = facts.others_with_slug(&slug, post.path);
    // Translations share their slug on purpose: each language publishes its own page.
    if let Some(site) = facts.site.as_ref().filter(|s| s.0.languages.is_multilingual()) {
        let lang =
            |path: &str, fm_lang: Option<String>| site.0.placement(path, fm_lang.as_deref(), None).lang;
        let own = lang(post.path, crate::content::post::front_language(post.fm));
        others.retain(|other| facts.posts.get(*other).and_then(|e| e.lang.clone()) == own);
    }
    if others.is_empty() {
        return;
    }
    let range = if slug_key.is_some() {
        super::locate::key_range(post.text, &post.split, "slug")
    } else {
        super::locate::key_range(post.text, &post.split, "title")
    };
    sink.report(
        "duplicate-slug",
        Severity::Error,
        range,
        format!(
            "The slug `{slug}` is also used by {}; the site would publish only one of them. Give this post its own `slug:` or rename the file.",
            others.join(", ")
        ),
        None,
    );
}

fn tags(post: &Post, facts: &FolderFacts, sink: &mut Sink) {
    let Some((key, _)) = post.fm.by_role(Role::Tags) else { return };
    let tags = post.fm.list(Role::Tags);
    let range = super::locate::key_range(post.text, &post.split, key);
    let counts: BTreeMap<&str, u32> = facts.schema.tags.iter().map(|t| (t.value.as_str(), t.count)).collect();
    // Forms of each tag key across the folder (this post's own tags included).
    let mut groups: BTreeMap<String, BTreeMap<&str, u32>> = BTreeMap::new();
    for (tag, count) in counts.iter().map(|(t, c)| (*t, *c)).chain(tags.iter().map(|t| (t.as_str(), 0))) {
        let forms = groups.entry(tag_key(tag)).or_default();
        let entry = forms.entry(tag).or_insert(0);
        *entry = (*entry).max(count).max(1);
    }
    let majority = |forms: &BTreeMap<&str, u32>| -> Option<String> {
        // The most used form; a tie goes to the slug-style form, then to the first by name.
        let mut v: Vec<(&str, u32)> = forms.iter().map(|(f, c)| (*f, *c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(is_slug_style(b.0).cmp(&is_slug_style(a.0))).then(a.0.cmp(b.0)));
        v.first().map(|(f, _)| f.to_string())
    };
    let rename = |from: &str, to: &str| Fix {
        label: format!("Rename the tag `{from}` to `{to}`"),
        action: FixAction::RenameItem { key: key.to_string(), from: from.to_string(), to: to.to_string() },
    };
    let distinct: Vec<&str> = counts.keys().copied().collect();
    let slug_share =
        distinct.iter().filter(|t| is_slug_style(t)).count() as f64 / distinct.len().max(1) as f64;
    let folder_is_slug_style = distinct.len() >= 5 && slug_share >= 0.6;

    for tag in &tags {
        let forms = groups.get(&tag_key(tag)).cloned().unwrap_or_default();
        if forms.len() > 1 {
            let Some(best) = majority(&forms) else { continue };
            if best != *tag {
                let others: Vec<String> = forms.iter().map(|(f, c)| format!("`{f}` ({c})")).collect();
                sink.report(
                    "tag-variant",
                    Severity::Warning,
                    range.clone(),
                    format!(
                        "The tag `{tag}` is written several ways in this folder: {}. Use `{best}`, the most common form.",
                        others.join(", ")
                    ),
                    Some(rename(tag, &best)),
                );
            }
            continue;
        }
        // A near-duplicate: one or two letters off a more common tag (`kubernets`).
        let key_here = tag_key(tag);
        let near = counts
            .iter()
            .filter(|(other, _)| {
                let k = tag_key(other);
                k != key_here
                    && key_here.chars().count() >= 5
                    && edit_distance(&k, &key_here) <= if key_here.chars().count() >= 8 { 2 } else { 1 }
            })
            .filter(|(_, c)| **c > counts.get(tag.as_str()).copied().unwrap_or(1))
            .max_by_key(|(_, c)| **c);
        if let Some((other, c)) = near {
            sink.report(
                "tag-variant",
                Severity::Warning,
                range.clone(),
                format!("The tag `{tag}` looks like a misspelling of `{other}`, used by {c} posts. Use `{other}`."),
                Some(rename(tag, other)),
            );
            continue;
        }
        if folder_is_slug_style && !is_slug_style(tag) {
            let slug = slugify_tag(tag);
            if slug.is_empty() {
                continue;
            }
            sink.report(
                "tag-style",
                Severity::Warning,
                range.clone(),
                format!(
                    "The tag `{tag}` does not follow the folder's style of lower-case, hyphenated tags ({:.0}% of them). Write it as `{slug}`.",
                    slug_share * 100.0
                ),
                Some(rename(tag, &slug)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug_of("blog/Hello-World.md", None), "hello-world");
        assert_eq!(slug_of("blog/trip/index.md", None), "trip");
        assert_eq!(slug_of("a.md", Some("/custom/")), "custom");
        assert_eq!(slug_of("a.md", Some("  ")), "a");
    }

    #[test]
    fn tag_helpers() {
        assert_eq!(tag_key("GPT-4o"), tag_key("gpt 4o"));
        assert_eq!(slugify_tag("Large Language Models"), "large-language-models");
        assert_eq!(slugify_tag("GPT-4o"), "gpt-4o");
        assert_eq!(slugify_tag("C++ & Rust"), "c-rust");
        assert!(is_slug_style("future-tech-ai"));
        assert!(!is_slug_style("machine learning"));
        assert!(!is_slug_style("GPT-4o"));
        assert_eq!(edit_distance("tittle", "title"), 1);
        assert_eq!(edit_distance("tilte", "title"), 1);
        assert_eq!(edit_distance("pubdate", "pubDate"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        let long = "x".repeat(100_000);
        assert!(edit_distance(&long, &format!("{long}y")) >= MAX_COMPARED_CHARS);
    }

    #[test]
    fn post_entries() {
        let e = post_entry("x/post.md", "---\nslug: My-Post\n---\n# Hello\n\n## Hello\n");
        assert_eq!(
            e,
            PostEntry {
                slug: "my-post".into(),
                anchors: vec!["hello".into(), "hello-1".into()],
                ..PostEntry::default()
            }
        );
    }
}
