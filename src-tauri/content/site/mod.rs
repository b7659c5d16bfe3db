//! The site model: which generator a folder is built with, its collections (which files are
//! posts, and of what kind), each collection's declared schema and route rule, and its static
//! folders. Pure: it is given the config files' text and the site's file list (paths relative
//! to the site root); `workspace::site` finds the root and reads those files.
//!
//! A folder with no generator's config is a plain folder: one collection of every Markdown
//! file, as Postdesk always treated it.

pub mod declared;
mod generators;
pub use generators::is_markdown;
mod i18n;
pub mod languages;
mod markup;
pub mod route;
pub mod zod;

use std::collections::BTreeMap;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Serialize;
use ts_rs::TS;

pub use declared::{DeclaredField, DeclaredSchema};
pub use languages::{Language, Languages, Placement};
pub use route::RouteRule;

/// The static site generator a site is built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, export_to = "Site.ts")]
pub enum Generator {
    Astro,
    Hugo,
    Jekyll,
    Eleventy,
    Zola,
    /// No generator's config: a folder of Markdown posts.
    Folder,
}

impl Generator {
    pub fn name(self) -> &'static str {
        match self {
            Generator::Astro => "astro",
            Generator::Hugo => "hugo",
            Generator::Jekyll => "jekyll",
            Generator::Eleventy => "eleventy",
            Generator::Zola => "zola",
            Generator::Folder => "folder",
        }
    }
}

/// A set of posts of one kind: a blog, the docs, Hugo's `posts` section, Jekyll's `_posts`.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Site.ts")]
pub struct Collection {
    pub name: String,
    /// Its folder, relative to the site root ("." for the root itself).
    pub dir: String,
    /// Which files under `dir` are its entries (globs relative to `dir`).
    pub pattern: Vec<String>,
    /// The schema the generator declares for it, if any.
    pub schema: Option<DeclaredSchema>,
    /// How a post's URL is made, where the generator's rules could be read.
    #[ts(skip)]
    #[serde(skip)]
    pub route: Option<RouteRule>,
    /// Where the schema was read from, relative to the site root.
    pub schema_source: Option<String>,
    /// The same collection in other folders: the other languages' (Hugo's `contentDir` per
    /// language), each with the URL prefix its pages are published under (`/fr`); or Jekyll's
    /// `_posts` folders inside subfolders, whose routes are not modelled (None).
    #[ts(skip)]
    #[serde(skip)]
    pub also: Vec<(String, Option<String>)>,
    #[ts(skip)]
    #[serde(skip)]
    matcher: Option<GlobSet>,
}

impl Collection {
    pub fn new(name: &str, dir: &str, pattern: &[&str]) -> Collection {
        Collection {
            name: name.to_string(),
            dir: normalise_dir(dir),
            pattern: pattern.iter().map(|p| p.to_string()).collect(),
            schema: None,
            route: None,
            schema_source: None,
            also: Vec::new(),
            matcher: None,
        }
    }

    fn compile(&mut self) {
        let mut builder = GlobSetBuilder::new();
        for pattern in &self.pattern {
            // `*` stays inside one folder, as in every generator's globs.
            if let Ok(glob) = GlobBuilder::new(pattern).literal_separator(true).build() {
                builder.add(glob);
            }
        }
        self.matcher = builder.build().ok();
    }

    /// The path of `rel` (relative to the site root) inside this collection, if it is one of
    /// its entries.
    pub fn entry_path<'p>(&self, rel: &'p str) -> Option<&'p str> {
        self.entry(rel).map(|(inside, _)| inside)
    }

    /// The path of `rel` inside this collection (or inside one of its other languages'
    /// folders), and the URL prefix of that folder's pages.
    fn entry<'p>(&self, rel: &'p str) -> Option<(&'p str, Option<&str>)> {
        let matcher = self.matcher.as_ref()?;
        let dirs = std::iter::once((self.dir.as_str(), Some("")))
            .chain(self.also.iter().map(|(d, p)| (d.as_str(), p.as_deref())));
        for (dir, prefix) in dirs {
            let inside =
                if dir == "." { Some(rel) } else { rel.strip_prefix(dir).and_then(|r| r.strip_prefix('/')) };
            if let Some(inside) = inside.filter(|i| matcher.is_match(i)) {
                return Some((inside, prefix));
            }
        }
        None
    }
}

fn normalise_dir(dir: &str) -> String {
    let trimmed = dir.trim_start_matches("./").trim_matches('/');
    if trimmed.is_empty() || trimmed == "." {
        ".".to_string()
    } else {
        trimmed.to_string()
    }
}

/// What a site is: its generator, its collections, its static folders.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Site.ts")]
pub struct Site {
    pub generator: Generator,
    /// The site's title from its config, if it has one.
    pub title: Option<String>,
    pub collections: Vec<Collection>,
    /// Folders served as they are (`public/`, `static/`), relative to the site root.
    pub static_dirs: Vec<String>,
    /// The config files the model was read from.
    pub config_files: Vec<String>,
    /// What could not be read, one sentence each, naming the file.
    pub problems: Vec<String>,
    /// How the generator renders Markdown, as its config sets it.
    pub flavour: crate::content::render::Flavour,
    /// Its languages, and how posts name theirs.
    pub languages: Languages,
}

/// A site model shared by the checks of many posts. Two are equal when they are the same
/// model (the checks' facts compare by identity, not by reading every collection again).
#[derive(Debug, Clone)]
pub struct SharedSite(pub std::sync::Arc<Site>);

impl PartialEq for SharedSite {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What the window shows of the site: enough to name it and switch collections.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Site.ts")]
pub struct SiteSummary {
    pub generator: String,
    pub title: Option<String>,
    /// Collection names in the site's own order.
    pub collections: Vec<String>,
    /// Markdown files outside every collection (not posts; counted, not listed).
    pub outside: u32,
    pub problems: Vec<String>,
    /// The site's languages when it has more than one (empty otherwise), the default first.
    pub languages: Vec<Language>,
    pub default_language: Option<String>,
}

/// The config files a site model reads, by generator, relative to the site root. The
/// workspace reads each one that exists (and `src/pages/**.astro`, `archetypes/`, and
/// `config/_default/`, see [`is_config_file`]) and hands the texts to [`build`].
pub const ASTRO_CONFIGS: &[&str] =
    &["astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts", "astro.config.cjs"];
/// Astro's content config, newest name first (Astro 4's `src/content/config.*` last).
pub const ASTRO_CONTENT_CONFIGS: &[&str] = &[
    "src/content.config.ts",
    "src/content.config.mts",
    "src/content.config.js",
    "src/content.config.mjs",
    "src/content/config.ts",
    "src/content/config.mts",
    "src/content/config.js",
    "src/content/config.mjs",
];
/// Hugo's config files in the order Hugo merges them (later ones win). `config.*` is Zola's
/// too; `detect` tells them apart.
pub const HUGO_CONFIGS: &[&str] = &[
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config/_default/config.toml",
    "config/_default/hugo.toml",
    "config/_default/config.yaml",
    "config/_default/hugo.yaml",
];
pub const JEKYLL_CONFIGS: &[&str] = &["_config.yml", "_config.yaml"];
pub const ELEVENTY_CONFIGS: &[&str] = &[
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
    "eleventy.config.ts",
    ".eleventy.js",
    ".eleventy.cjs",
];

/// True when `rel` is one of the files whose change means the site model must be built again.
pub fn is_config_file(rel: &str) -> bool {
    [ASTRO_CONFIGS, ASTRO_CONTENT_CONFIGS, HUGO_CONFIGS, JEKYLL_CONFIGS, ELEVENTY_CONFIGS]
        .iter()
        .any(|g| g.contains(&rel))
        || rel == "package.json"
        || (rel.starts_with("src/pages/") && rel.ends_with(".astro"))
        || rel.starts_with("archetypes/")
        || rel.starts_with("config/_default/")
}

/// How the site at hand renders Markdown, from its config files alone (for `postdesk render`,
/// which needs no collections).
pub fn flavour(input: &SiteInput) -> crate::content::render::Flavour {
    markup::flavour(detect(input), input)
}

/// What the model is built from: config texts by path, and every file of the site.
pub struct SiteInput<'a> {
    pub configs: &'a BTreeMap<String, String>,
    /// Every file under the site root, relative, with `/` separators.
    pub files: &'a [String],
}

impl SiteInput<'_> {
    fn config(&self, rel: &str) -> Option<&str> {
        self.configs.get(rel).map(String::as_str)
    }

    fn has(&self, rel: &str) -> bool {
        self.configs.contains_key(rel) || self.files.iter().any(|f| f == rel)
    }

    fn has_dir(&self, dir: &str) -> bool {
        let prefix = format!("{dir}/");
        self.files.iter().any(|f| f.starts_with(&prefix))
    }
}

/// Which generator builds the site, from its config files alone.
pub fn detect(input: &SiteInput) -> Generator {
    let any = |names: &[&str]| names.iter().any(|n| input.has(n));
    if any(ASTRO_CONFIGS) || any(&ASTRO_CONTENT_CONFIGS[..4]) {
        return Generator::Astro;
    }
    let (hugo_named, shared) = (&HUGO_CONFIGS[4..8], &HUGO_CONFIGS[..4]);
    if any(hugo_named)
        || input.has_dir("config/_default")
        || (any(shared)
            && !is_zola_config(input.config("config.toml"))
            && (input.has_dir("content") || input.has_dir("archetypes") || input.has_dir("layouts")))
    {
        return Generator::Hugo;
    }
    if is_zola_config(input.config("config.toml")) {
        return Generator::Zola;
    }
    if any(JEKYLL_CONFIGS) {
        return Generator::Jekyll;
    }
    if any(ELEVENTY_CONFIGS) || input.config("package.json").is_some_and(|p| p.contains("\"@11ty/eleventy\""))
    {
        return Generator::Eleventy;
    }
    Generator::Folder
}

/// Zola's `config.toml` has a top-level `base_url` (Hugo's is `baseURL`).
fn is_zola_config(text: Option<&str>) -> bool {
    let Some(text) = text else { return false };
    let Ok(doc) = text.parse::<toml_edit::DocumentMut>() else { return false };
    doc.get("base_url").is_some()
}

/// Builds the site model.
pub fn build(input: &SiteInput) -> Site {
    let generator = detect(input);
    let mut site = match generator {
        Generator::Astro => generators::astro(input),
        Generator::Hugo => generators::hugo(input),
        Generator::Jekyll => generators::jekyll(input),
        Generator::Eleventy => generators::eleventy(input),
        Generator::Zola => generators::zola(input),
        Generator::Folder => generators::folder(),
    };
    site.generator = generator;
    site.flavour = markup::flavour(generator, input);
    i18n::read(generator, input, &mut site);
    site.config_files = input.configs.keys().filter(|k| is_config_file(k)).cloned().collect();
    for collection in &mut site.collections {
        collection.compile();
    }
    site
}

impl Site {
    pub fn summary(&self, outside: u32) -> SiteSummary {
        SiteSummary {
            generator: self.generator.name().to_string(),
            title: self.title.clone(),
            collections: self.collections.iter().map(|c| c.name.clone()).collect(),
            outside,
            problems: self.problems.clone(),
            languages: if self.languages.is_multilingual() {
                self.languages.list.clone()
            } else {
                Vec::new()
            },
            default_language: self.languages.default.clone(),
        }
    }

    /// The collection `rel` (relative to the site root) is an entry of, if any. The first
    /// collection that claims a file wins, as the generators' own order does.
    pub fn collection_of(&self, rel: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.entry_path(rel).is_some())
    }

    pub fn collection(&self, name: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.name == name)
    }

    /// The URL path a post is published at, from its collection's route rule and its front
    /// matter (`slug`, `date`, `permalink`, ...), when the rule could be read.
    pub fn route_of(&self, rel: &str, front: &route::FrontFacts) -> Option<String> {
        let collection = self.collection_of(rel)?;
        let rule = collection.route.as_ref()?;
        let (inside, prefix) = collection.entry(rel)?;
        let prefix = prefix?;
        // A language named in the file (`post.fr.md`) is published under its own prefix, as
        // the file without the suffix (Hugo and Zola: `/fr/posts/post/`).
        if self.languages.layout == languages::LanguageLayout::Suffixes {
            let lang = self.languages.place(rel, Some(&collection.dir), None, None).lang;
            if let Some(lang) = lang.filter(|l| Some(l) != self.languages.default.as_ref()) {
                let (stem, ext) = inside.rsplit_once('.').unwrap_or((inside, ""));
                let stem = stem.strip_suffix(&format!(".{lang}")).unwrap_or(stem);
                let plain = if ext.is_empty() { stem.to_string() } else { format!("{stem}.{ext}") };
                return rule.route(&plain, front).map(|route| format!("{prefix}/{lang}{route}"));
            }
        }
        rule.route(inside, front).map(|route| format!("{prefix}{route}"))
    }

    /// The language of the post at `rel`, and the key its translations share, from its path
    /// and its front matter's `lang` and `translationKey`.
    pub fn placement(&self, rel: &str, front_lang: Option<&str>, front_key: Option<&str>) -> Placement {
        let dir = self.collection_of(rel).map(|c| c.dir.as_str());
        self.languages.place(rel, dir, front_lang, front_key)
    }

    /// Fills in a post's collection, language and translation key (from its front matter's,
    /// which `summary` holds as read).
    pub fn place_summary(&self, summary: &mut crate::content::post::PostSummary) {
        summary.collection =
            self.collection_of(&summary.path).map(|c| crate::content::schema::interned(&c.name));
        let placed =
            self.placement(&summary.path, summary.lang.as_deref(), summary.translation_key.as_deref());
        summary.lang = placed.lang.as_deref().map(crate::content::schema::interned);
        summary.translation_key = placed.key.as_deref().map(crate::content::schema::interned);
    }

    /// Where the translation of the post at `rel` into `lang` belongs, relative to the root.
    pub fn translation_path(&self, rel: &str, lang: &str) -> Option<String> {
        let dir = self.collection_of(rel).map(|c| c.dir.as_str());
        self.languages.translation_path(rel, dir, lang)
    }
}

#[cfg(test)]
mod tests;
