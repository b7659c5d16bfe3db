//! A post as the UI and the CLI see it: summary for the library list, and the open document.
//!
//! These are the wire types (exported to TypeScript by ts-rs) and the pure functions that build
//! them from a post's text. Reading from disk happens in `workspace`, never here.

use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use super::frontmatter::{self, Diagnostic, FrontMatter, Role, Severity};
use super::render;
use super::schema::{interned, PostFacts};
use super::split::{split, FrontMatterKind, LineEnding, Split};

/// One entry of the library list and of `postdesk list --json`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "PostSummary.ts")]
pub struct PostSummary {
    /// Relative to the opened folder, with `/` separators.
    pub path: String,
    pub title: Option<String>,
    pub date: Option<String>,
    /// The "last updated" date when the post has one (`updatedDate`, `lastmod`, ...).
    pub updated: Option<String>,
    pub draft: bool,
    /// Shared names (see `schema::interned`): a folder repeats its tags in every post.
    #[ts(as = "Vec<String>")]
    pub tags: Vec<Arc<str>>,
    /// Every category (a `categories` list gives several).
    #[ts(as = "Vec<String>")]
    pub categories: Vec<Arc<str>>,
    /// Problems that stop the post from being read fully (parse errors, not UTF-8).
    pub errors: u32,
    /// Problems worth a look that don't stop editing (huge numbers, odd values).
    pub warnings: u32,
    /// Errors and warnings the pre-publish checks found; 0 until the checks have run.
    pub problems: u32,
    /// The site's collection the post belongs to (`blog`, Hugo's `posts` section); None in
    /// the CLI's plain summaries. Shared, like tags.
    #[ts(as = "Option<String>")]
    pub collection: Option<Arc<str>>,
    /// Its language: the front matter's `lang` (`language`, `locale`), else the one its path
    /// names on a multilingual site, else the site's default. Shared, like tags.
    #[ts(as = "Option<String>")]
    pub lang: Option<Arc<str>>,
    /// What its translations share (`Site::placement`); None on a one-language site. Before
    /// the site places it, the front matter's `translationKey`.
    #[ts(as = "Option<String>")]
    pub translation_key: Option<Arc<str>>,
}

/// Which front-matter key fills a role in this post, so the form edits the real key.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "RoleKeys.ts")]
pub struct RoleKeys {
    pub title: Option<String>,
    pub date: Option<String>,
    pub summary: Option<String>,
    pub tags: Option<String>,
    pub draft: Option<String>,
}

/// An opened post: everything the editor needs to show and later save it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "PostDocument.ts")]
pub struct PostDocument {
    pub path: String,
    /// Hash of the bytes this document was read from; a save must present it back.
    pub base_hash: String,
    pub kind: FrontMatterKind,
    pub line_ending: LineEnding,
    pub wrapped_in_fence: bool,
    #[ts(type = "Record<string, unknown>")]
    pub front_matter: Map<String, Value>,
    pub front_matter_source: String,
    pub roles: RoleKeys,
    /// With `\n` line breaks, as the editor shows it.
    pub body: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the file can't be edited safely (for example, not UTF-8).
    pub read_only_reason: Option<String>,
}

pub fn summarize(path: &str, text: &str) -> PostSummary {
    let parts = split(text);
    let fm = frontmatter::read(text, &parts);
    summary_from(path, &fm)
}

/// The summary and the schema facts of a post, from one parse: what the folder index keeps.
pub fn index_entry(path: &str, text: &str) -> (PostSummary, PostFacts) {
    let parsed = Parsed::new(text);
    (parsed.summary(path), parsed.facts())
}

/// A post's text split and its front matter read, once. Everything the app derives from a
/// post it has just written (the document for the editor, the list's summary, the schema
/// facts, the checks) is taken from one `Parsed`, so a save parses its new text once.
pub struct Parsed<'t> {
    pub text: &'t str,
    pub split: Split,
    pub fm: FrontMatter,
}

impl<'t> Parsed<'t> {
    pub fn new(text: &'t str) -> Self {
        let split = split(text);
        let fm = frontmatter::read(text, &split);
        Parsed { text, split, fm }
    }

    pub fn summary(&self, path: &str) -> PostSummary {
        summary_from(path, &self.fm)
    }

    pub fn facts(&self) -> PostFacts {
        PostFacts::from_front_matter(&self.fm, self.split.kind, &self.text[self.split.front_matter.clone()])
    }

    /// The post as the editor opens it.
    pub fn document(&self, path: &str, base_hash: String) -> PostDocument {
        let (text, parts, fm) = (self.text, &self.split, &self.fm);
        let role_key = |role| fm.by_role(role).map(|(k, _)| k.to_string());
        PostDocument {
            path: path.to_string(),
            base_hash,
            kind: parts.kind,
            line_ending: parts.line_ending,
            wrapped_in_fence: parts.fence.is_some(),
            roles: RoleKeys {
                title: role_key(Role::Title),
                date: role_key(Role::Date),
                summary: role_key(Role::Summary),
                tags: role_key(Role::Tags),
                draft: role_key(Role::Draft),
            },
            front_matter_source: text[parts.front_matter.clone()].to_string(),
            body: text[parts.body.clone()].replace("\r\n", "\n").replace('\r', "\n"),
            diagnostics: fm.diagnostics.clone(),
            front_matter: fm.values.clone(),
            read_only_reason: None,
        }
    }
}

fn summary_from(path: &str, fm: &FrontMatter) -> PostSummary {
    PostSummary {
        path: path.to_string(),
        title: fm.text(Role::Title),
        date: fm.text(Role::Date),
        updated: fm.text(Role::Updated),
        draft: fm.draft(),
        tags: fm.list(Role::Tags).iter().map(|t| interned(t)).collect(),
        categories: fm.list(Role::Category).iter().map(|c| interned(c)).collect(),
        errors: fm.diagnostics.iter().filter(|d| d.severity == Severity::Error).count() as u32,
        warnings: fm.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count() as u32,
        problems: 0,
        collection: None,
        lang: front_language(fm).map(|l| interned(&l)),
        translation_key: front_translation_key(fm).map(|k| interned(&k)),
    }
}

/// The language a post's front matter names (`lang`, `language` or `locale`).
pub fn front_language(fm: &FrontMatter) -> Option<String> {
    ["lang", "language", "locale"]
        .iter()
        .find_map(|k| fm.get(k).and_then(Value::as_str))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
}

/// The key a post's front matter pairs its translations by (Hugo's `translationKey`).
pub fn front_translation_key(fm: &FrontMatter) -> Option<String> {
    ["translationKey", "translation_key"].iter().find_map(|k| fm.get(k).and_then(frontmatter::scalar_text))
}

/// The summary of a file that could not be read as text.
pub fn unreadable_summary(path: &str) -> PostSummary {
    PostSummary {
        path: path.to_string(),
        title: None,
        date: None,
        updated: None,
        draft: false,
        tags: Vec::new(),
        categories: Vec::new(),
        errors: 1,
        warnings: 0,
        problems: 0,
        collection: None,
        lang: None,
        translation_key: None,
    }
}

pub fn open_document(path: &str, text: &str, base_hash: String) -> PostDocument {
    Parsed::new(text).document(path, base_hash)
}

/// The preview's page header for a post at `path` with these front-matter values, and the
/// post's folder (which its relative links and images resolve against).
pub fn preview_header(path: &str, front_matter: Map<String, Value>) -> (String, String) {
    let fm = FrontMatter { values: front_matter, diagnostics: Vec::new() };
    let header = render::Header::from_front_matter(&fm);
    let post_dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    (
        post_dir.to_string(),
        render::render_header(
            &header,
            &render::RenderContext {
                post_dir,
                plain_code: false,
                raw_html: false,
                flavour: render::Flavour::PLAIN,
                spans: &[],
            },
        ),
    )
}

/// The preview's HTML for a post at `path` (folder-relative) with these front-matter values and
/// body: the page header, then the body, as a site with `flavour` renders it. The window and
/// `postdesk render` both call this.
pub fn preview_html(
    path: &str,
    front_matter: Map<String, Value>,
    body: &str,
    flavour: render::Flavour,
) -> String {
    let fm = FrontMatter { values: front_matter, diagnostics: Vec::new() };
    let header = render::Header::from_front_matter(&fm);
    let post_dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let spans = crate::content::components::spans(body, flavour.components).0;
    render::render_post(
        &header,
        body,
        &render::RenderContext::for_body(post_dir, body, flavour).with_spans(&spans),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_reads_roles() {
        let s = summarize(
            "a.md",
            "---\ntitle: Hi\npubDate: 2025-01-02\ntags: [x, y]\ncategory: Notes\ndraft: true\n---\n",
        );
        assert_eq!(s.title.as_deref(), Some("Hi"));
        assert_eq!(s.date.as_deref(), Some("2025-01-02"));
        assert!(s.draft);
        assert_eq!(s.tags, [interned("x"), interned("y")]);
        assert_eq!(s.categories, [interned("Notes")]);
        assert_eq!(s.errors, 0);
    }

    #[test]
    fn document_body_is_lf_for_the_editor() {
        let d = open_document("a.md", "---\r\ntitle: T\r\n---\r\nA\r\nB\r\n", "h".into());
        assert_eq!(d.body, "A\nB\n");
        assert_eq!(d.roles.title.as_deref(), Some("title"));
        assert_eq!(d.line_ending, LineEnding::Crlf);
    }
}
