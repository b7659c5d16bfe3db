//! Each generator's reading of its own config and layout into collections, schemas, routes and
//! static folders. One function per generator; `mod.rs` picks which one runs.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::declared::{DeclaredField, DeclaredSchema};
use super::route::RouteRule;
use super::zod::{self, Loader};
use super::{Collection, Generator, Site, SiteInput};
use crate::content::schema::{self, FieldType};

const MARKDOWN: &[&str] = &["**/*.md", "**/*.markdown", "**/*.mdx"];

fn empty_site() -> Site {
    Site {
        generator: Generator::Folder,
        title: None,
        collections: Vec::new(),
        static_dirs: Vec::new(),
        config_files: Vec::new(),
        problems: Vec::new(),
        flavour: crate::content::render::Flavour::PLAIN,
        languages: Default::default(),
    }
}

/// A plain folder: every Markdown file is a post, as before sites.
pub fn folder() -> Site {
    let mut site = empty_site();
    site.collections.push(Collection::new("posts", ".", MARKDOWN));
    site
}

/// Whether a file is Markdown by its extension (`.md`, `.markdown`, `.mdx`).
pub fn is_markdown(path: &str) -> bool {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    matches!(ext.as_deref(), Some("md" | "markdown" | "mdx"))
}

/// Folders directly under `dir` that hold Markdown somewhere inside, in name order.
fn top_level_dirs_with_posts(files: &[String], dir: &str, skip: impl Fn(&str) -> bool) -> Vec<String> {
    let prefix = if dir == "." { String::new() } else { format!("{dir}/") };
    let mut found = BTreeSet::new();
    for file in files.iter().filter(|f| is_markdown(f)) {
        let Some(inside) = file.strip_prefix(&prefix) else { continue };
        if let Some((first, _)) = inside.split_once('/') {
            if !skip(first) {
                found.insert(first.to_string());
            }
        }
    }
    found.into_iter().collect()
}

/// The folders directly under `dir` (relative to the site root) that hold Markdown files.
pub(super) fn top_level_post_dirs(files: &[String], dir: &str) -> Vec<String> {
    top_level_dirs_with_posts(files, dir, |d| d.starts_with('.') || d == "node_modules")
}

fn has_root_markdown(files: &[String], dir: &str) -> bool {
    let prefix = if dir == "." { String::new() } else { format!("{dir}/") };
    files.iter().any(|f| f.strip_prefix(&prefix).is_some_and(|rest| !rest.contains('/') && is_markdown(rest)))
}

// ---------------------------------------------------------------------------------------------
// Astro

pub fn astro(input: &SiteInput) -> Site {
    let mut site = empty_site();
    site.static_dirs.push("public".into());
    let config = super::ASTRO_CONTENT_CONFIGS.iter().find_map(|p| input.config(p).map(|text| (*p, text)));
    let Some((path, text)) = config else {
        site.problems.push("This Astro site has no src/content.config.ts; no collections were read.".into());
        return site;
    };
    let content = zod::read_content_config(path, text);
    site.problems.extend(content.problems);
    let routes = astro_routes(input);
    for declared in content.collections {
        let (dir, pattern) = match declared.loader {
            Loader::Glob { base, pattern } => (base, pattern),
            Loader::Legacy { data: false } => {
                (format!("src/content/{}", declared.name), MARKDOWN.iter().map(|s| s.to_string()).collect())
            }
            // Data collections (JSON, YAML) and loaders that are not files are not posts.
            Loader::Legacy { data: true } | Loader::File(_) | Loader::Other => continue,
        };
        if !pattern.iter().any(|p| p.contains("md") || p.ends_with('*')) {
            continue; // A glob of JSON or YAML: data, not posts.
        }
        let mut collection =
            Collection::new(&declared.name, &dir, &pattern.iter().map(String::as_str).collect::<Vec<_>>());
        collection.schema_source = declared.schema.as_ref().map(|s| s.source.clone());
        collection.schema = declared.schema;
        // A page named for the collection (`src/pages/blog/[...id].astro` for `blog`) publishes
        // it too when its code reaches the collection through a helper (a theme's
        // `getBlogCollection()`), as real sites do.
        let by_folder = || {
            entry_pages(input)
                .find(|(dir, _)| dir.rsplit('/').next() == Some(declared.name.as_str()))
                .map(|(dir, _)| dir)
        };
        collection.route =
            routes.get(&declared.name).cloned().or_else(by_folder).map(|prefix| RouteRule::Astro { prefix });
        site.collections.push(collection);
    }
    site
}

/// The pages under `src/pages/` that publish one entry each (`[...slug].astro`, `[id].astro`),
/// as (their folder under `src/pages/`, their text).
fn entry_pages<'i>(input: &'i SiteInput) -> impl Iterator<Item = (String, &'i str)> + 'i {
    input.configs.iter().filter_map(|(path, text)| {
        let inside = path.strip_prefix("src/pages/")?;
        let (dir, file) = inside.rsplit_once('/').unwrap_or(("", inside));
        matches!(file, "[...slug].astro" | "[slug].astro" | "[...id].astro" | "[id].astro")
            .then(|| (dir.to_string(), text.as_str()))
    })
}

/// Collection routes under `src/pages/`: an entry page whose code calls
/// `getCollection("name")` publishes that collection's entries under its folder.
fn astro_routes(input: &SiteInput) -> BTreeMap<String, String> {
    let mut routes = BTreeMap::new();
    for (dir, text) in entry_pages(input) {
        for quote in ['"', '\''] {
            let needle = format!("getCollection({quote}");
            let mut rest = text;
            while let Some(at) = rest.find(&needle) {
                rest = &rest[at + needle.len()..];
                if let Some(end) = rest.find(quote) {
                    routes.entry(rest[..end].to_string()).or_insert_with(|| dir.clone());
                }
            }
        }
    }
    routes
}

// ---------------------------------------------------------------------------------------------
// Config files as JSON values

fn toml_to_json(item: &toml_edit::Item) -> Value {
    match item {
        toml_edit::Item::Value(v) => toml_value_to_json(v),
        toml_edit::Item::Table(t) => {
            Value::Object(t.iter().map(|(k, v)| (k.to_string(), toml_to_json(v))).collect())
        }
        toml_edit::Item::ArrayOfTables(a) => {
            Value::Array(a.iter().map(|t| toml_to_json(&toml_edit::Item::Table(t.clone()))).collect())
        }
        toml_edit::Item::None => Value::Null,
    }
}

fn toml_value_to_json(v: &toml_edit::Value) -> Value {
    use toml_edit::Value as T;
    match v {
        T::String(s) => Value::String(s.value().clone()),
        T::Integer(i) => Value::from(*i.value()),
        T::Float(f) => serde_json::Number::from_f64(*f.value()).map_or(Value::Null, Value::Number),
        T::Boolean(b) => Value::Bool(*b.value()),
        T::Datetime(d) => Value::String(d.value().to_string()),
        T::Array(a) => Value::Array(a.iter().map(toml_value_to_json).collect()),
        T::InlineTable(t) => {
            Value::Object(t.iter().map(|(k, v)| (k.to_string(), toml_value_to_json(v))).collect())
        }
    }
}

/// A config file's text as JSON, by its extension; a problem naming the file when it does not
/// parse.
pub(super) fn parse_config(path: &str, text: &str, problems: &mut Vec<String>) -> Value {
    let parsed: Result<Value, String> = if path.ends_with(".toml") {
        text.parse::<toml_edit::DocumentMut>().map(|d| toml_to_json(d.as_item())).map_err(|e| e.to_string())
    } else if path.ends_with(".json") {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        serde_yaml::from_str::<Value>(text).map_err(|e| e.to_string())
    };
    parsed.unwrap_or_else(|e| {
        problems.push(format!("{path} could not be read: {}", e.lines().next().unwrap_or_default()));
        Value::Null
    })
}

/// Keys looked up without regard to case, as Hugo does.
pub(super) fn get_ci<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    value.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v)
}

// ---------------------------------------------------------------------------------------------
// Hugo

/// Hugo's config, its files merged in Hugo's order; what does not parse is a problem.
pub(super) fn hugo_config(input: &SiteInput, problems: &mut Vec<String>) -> Value {
    let mut config = Value::Object(Default::default());
    for &path in super::HUGO_CONFIGS {
        if let Some(text) = input.config(path) {
            merge(&mut config, parse_config(path, text, problems));
        }
    }
    for (path, key) in
        [("config/_default/permalinks.toml", "permalinks"), ("config/_default/markup.toml", "markup")]
    {
        if let Some(text) = input.config(path) {
            let value = parse_config(path, text, problems);
            merge(&mut config, serde_json::json!({ key: value }));
        }
    }
    config
}

pub fn hugo(input: &SiteInput) -> Site {
    let mut site = empty_site();
    let config = hugo_config(input, &mut site.problems);
    site.title = get_ci(&config, "title").and_then(Value::as_str).map(str::to_string);
    let content_dir = get_ci(&config, "contentDir")
        .and_then(Value::as_str)
        .unwrap_or("content")
        .trim_matches('/')
        .to_string();
    let lowercase = !get_ci(&config, "disablePathToLower").and_then(Value::as_bool).unwrap_or(false);
    let permalinks = get_ci(&config, "permalinks");
    // Hugo 0.112+: `[permalinks.page]`; before: `[permalinks]` with section keys.
    let pattern_for = |section: &str| -> Option<String> {
        let permalinks = permalinks?;
        get_ci(permalinks, "page")
            .and_then(|p| get_ci(p, section))
            .or_else(|| get_ci(permalinks, section))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let static_dir = get_ci(&config, "staticDir").and_then(Value::as_str).unwrap_or("static");
    site.static_dirs = vec![static_dir.to_string(), "assets".into()];
    site.languages = super::i18n::hugo_languages(&config);
    // With a content folder per language, each section spans them all: the default language's
    // folder is the collection's, the others' are `also`, published under `/code`.
    let default = site.languages.default.clone().unwrap_or_default();
    let mut content_dirs = vec![(content_dir.clone(), String::new())];
    if site.languages.layout == super::languages::LanguageLayout::Folders {
        content_dirs = site
            .languages
            .list
            .iter()
            .filter_map(|l| {
                let prefix = if l.code == default { String::new() } else { format!("/{}", l.code) };
                l.dir.clone().map(|d| (d, prefix))
            })
            .collect();
        content_dirs.sort_by_key(|(_, prefix)| !prefix.is_empty());
    }
    let content_dir = content_dirs.first().map(|(d, _)| d.clone()).unwrap_or(content_dir);
    let also = |section: &str| -> Vec<(String, Option<String>)> {
        content_dirs[1..]
            .iter()
            .map(|(d, p)| {
                (if section.is_empty() { d.clone() } else { format!("{d}/{section}") }, Some(p.clone()))
            })
            .collect()
    };
    if content_dirs.iter().any(|(d, _)| has_root_markdown(input.files, d)) {
        let mut home = Collection::new("home", &content_dir, &["*.md", "*.markdown"]);
        home.route = Some(RouteRule::Hugo { section: String::new(), pattern: pattern_for(""), lowercase });
        home.also = also("");
        site.collections.push(home);
    }
    let sections: BTreeSet<String> =
        content_dirs.iter().flat_map(|(d, _)| top_level_dirs_with_posts(input.files, d, |_| false)).collect();
    for section in sections {
        let mut collection =
            Collection::new(&section, &format!("{content_dir}/{section}"), &["**/*.md", "**/*.markdown"]);
        collection.also = also(&section);
        collection.route =
            Some(RouteRule::Hugo { section: section.clone(), pattern: pattern_for(&section), lowercase });
        // The section's archetype, else the default one, declares its front matter.
        for archetype in [format!("archetypes/{section}.md"), "archetypes/default.md".to_string()] {
            if let Some(text) = input.config(&archetype) {
                collection.schema = archetype_schema(&archetype, text);
                collection.schema_source = collection.schema.as_ref().map(|s| s.source.clone());
                break;
            }
        }
        site.collections.push(collection);
    }
    site
}

/// Hugo merges its config files; later ones add to and override earlier ones.
fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (slot, v) if !v.is_null() => *slot = v,
        _ => {}
    }
}

/// An archetype's front matter: the keys a new post gets, as optional fields whose literal
/// values are defaults (template expressions such as `{{ .Date }}` are not defaults).
fn archetype_schema(path: &str, text: &str) -> Option<DeclaredSchema> {
    let split = crate::content::split::split(text);
    if split.front_matter.is_empty() {
        return None;
    }
    let raw = &text[split.front_matter.clone()];
    let mut fields = Vec::new();
    let mut line = text[..split.front_matter.start].lines().count();
    for entry in raw.lines() {
        line += 1;
        let entry = entry.trim_end();
        if entry.starts_with([' ', '\t', '#', '-']) || entry.is_empty() {
            continue;
        }
        let Some((key, value)) = entry.split_once([':', '=']) else { continue };
        let key = key.trim().trim_matches('"');
        let value = value.trim();
        let mut field = DeclaredField::new(key, FieldType::Text, format!("{path}:{line}"));
        field.required = false;
        if value.contains("{{") {
            if key.eq_ignore_ascii_case("date") || key.eq_ignore_ascii_case("lastmod") {
                field.ty = FieldType::Date;
            }
        } else if let Ok(parsed) = serde_yaml::from_str::<Value>(value) {
            field.ty = schema::type_of(&parsed);
            field.default = Some(parsed).filter(|v| !v.is_null());
        }
        fields.push(field);
    }
    Some(DeclaredSchema { source: path.to_string(), fields })
}

// ---------------------------------------------------------------------------------------------
// Jekyll

pub fn jekyll(input: &SiteInput) -> Site {
    let mut site = empty_site();
    let path =
        super::JEKYLL_CONFIGS.iter().copied().find(|p| input.config(p).is_some()).unwrap_or("_config.yml");
    let config = input.config(path).map(|t| parse_config(path, t, &mut site.problems)).unwrap_or(Value::Null);
    site.title = config.get("title").and_then(Value::as_str).map(str::to_string);
    site.static_dirs = vec!["assets".into()];
    let permalink = match config.get("permalink").and_then(Value::as_str).unwrap_or("date") {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    }
    .to_string();
    let collections_dir =
        config.get("collections_dir").and_then(Value::as_str).unwrap_or("").trim_matches('/').to_string();
    let in_dir = |name: &str| {
        if collections_dir.is_empty() {
            name.to_string()
        } else {
            format!("{collections_dir}/{name}")
        }
    };
    let mut posts = Collection::new("posts", &in_dir("_posts"), &["**/*.md", "**/*.markdown", "**/*.html"]);
    posts.route = Some(RouteRule::Jekyll { pattern: permalink.clone(), collection: None });
    // Jekyll reads a `_posts` folder anywhere (`en/news/_posts/`), its path's folders becoming
    // categories; those routes are not modelled.
    let nested: BTreeSet<String> = input
        .files
        .iter()
        .filter(|f| is_markdown(f))
        .filter_map(|f| f.find("/_posts/").map(|at| f[..at + "/_posts".len()].to_string()))
        .filter(|dir| {
            *dir != posts.dir && !dir.split('/').any(|part| part.starts_with('_') && part != "_posts")
        })
        .collect();
    posts.also = nested.into_iter().map(|dir| (dir, None)).collect();
    site.collections.push(posts);
    if input.has_dir(&in_dir("_drafts")) {
        site.collections.push(Collection::new("drafts", &in_dir("_drafts"), &["**/*.md", "**/*.markdown"]));
    }
    let declared: Vec<(String, Value)> = match config.get("collections") {
        Some(Value::Object(map)) => map.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        Some(Value::Array(list)) => {
            list.iter().filter_map(|v| v.as_str()).map(|k| (k.to_string(), Value::Null)).collect()
        }
        _ => Vec::new(),
    };
    for (name, meta) in declared {
        if name == "posts" {
            continue;
        }
        let mut collection =
            Collection::new(&name, &in_dir(&format!("_{name}")), &["**/*.md", "**/*.markdown", "**/*.html"]);
        let output = meta.get("output").and_then(Value::as_bool).unwrap_or(false);
        if output {
            let pattern =
                meta.get("permalink").and_then(Value::as_str).unwrap_or("/:collection/:path:output_ext");
            collection.route =
                Some(RouteRule::Jekyll { pattern: pattern.to_string(), collection: Some(name.clone()) });
        }
        site.collections.push(collection);
    }
    // Front-matter `defaults:` declare each scope's fields and their defaults.
    if let Some(Value::Array(defaults)) = config.get("defaults") {
        for default in defaults {
            let scope = default.get("scope");
            let scope_path =
                scope.and_then(|s| s.get("path")).and_then(Value::as_str).unwrap_or("").trim_matches('/');
            let scope_type = scope.and_then(|s| s.get("type")).and_then(Value::as_str);
            let Some(Value::Object(values)) = default.get("values") else { continue };
            for collection in &mut site.collections {
                let by_type = scope_type
                    .is_none_or(|t| t == collection.name || (t == "posts" && collection.name == "drafts"));
                let by_path = scope_path.is_empty()
                    || collection.dir.starts_with(scope_path)
                    || scope_path.starts_with(&collection.dir);
                if !(by_type && by_path) {
                    continue;
                }
                let schema = collection
                    .schema
                    .get_or_insert_with(|| DeclaredSchema { source: path.to_string(), fields: Vec::new() });
                for (key, value) in values {
                    let mut field = DeclaredField::new(key, schema::type_of(value), path.to_string());
                    field.required = false;
                    field.default = Some(value.clone());
                    schema.fields.retain(|f| f.key != *key);
                    schema.fields.push(field);
                }
                collection.schema_source = Some(path.to_string());
            }
        }
    }
    site
}

// ---------------------------------------------------------------------------------------------
// Eleventy

pub fn eleventy(input: &SiteInput) -> Site {
    let mut site = empty_site();
    let config_text = super::ELEVENTY_CONFIGS.iter().find_map(|p| input.config(p)).unwrap_or("");
    let input_dir = js_string_after(config_text, "input").unwrap_or_else(|| ".".into());
    let input_dir = super::normalise_dir(&input_dir);
    let includes = js_string_after(config_text, "includes").unwrap_or_else(|| "_includes".into());
    let data = js_string_after(config_text, "data").unwrap_or_else(|| "_data".into());
    let output = js_string_after(config_text, "output").unwrap_or_else(|| "_site".into());
    let skip = |dir: &str| {
        dir == includes || dir == data || dir == output || dir == "node_modules" || dir.starts_with('.')
    };
    if has_root_markdown(input.files, &input_dir) {
        let mut pages = Collection::new("pages", &input_dir, &["*.md", "*.markdown"]);
        pages.route = Some(RouteRule::Eleventy { dir: String::new() });
        site.collections.push(pages);
    }
    for dir in top_level_dirs_with_posts(input.files, &input_dir, skip) {
        let path = if input_dir == "." { dir.clone() } else { format!("{input_dir}/{dir}") };
        let mut collection = Collection::new(&dir, &path, &["**/*.md", "**/*.markdown"]);
        collection.route = Some(RouteRule::Eleventy { dir: dir.clone() });
        site.collections.push(collection);
    }
    site
}

/// The string literal after `key:` in a JavaScript config (`dir: { input: "src" }`), read
/// without running the file.
fn js_string_after(text: &str, key: &str) -> Option<String> {
    let mut rest = text;
    while let Some(at) = rest.find(key) {
        let after = rest[at + key.len()..].trim_start();
        rest = &rest[at + key.len()..];
        let before_ok = text.len() >= rest.len() + key.len()
            && !text[..text.len() - rest.len() - key.len()]
                .ends_with(|c: char| c.is_alphanumeric() || c == '_');
        let Some(value) = after.strip_prefix(':') else { continue };
        let value = value.trim_start();
        let quote = value.chars().next()?;
        if before_ok && matches!(quote, '"' | '\'' | '`') {
            let body = &value[1..];
            return body.find(quote).map(|end| body[..end].to_string());
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Zola

pub fn zola(input: &SiteInput) -> Site {
    let mut site = empty_site();
    let config = input
        .config("config.toml")
        .map(|t| parse_config("config.toml", t, &mut site.problems))
        .unwrap_or(Value::Null);
    site.title = config.get("title").and_then(Value::as_str).map(str::to_string);
    site.static_dirs = vec!["static".into()];
    // Every folder of `content/` with an `_index.md` is a section; its pages are the Markdown
    // files in it and the `index.md` of its asset folders.
    let mut sections: Vec<String> = input
        .files
        .iter()
        .filter_map(|f| f.strip_prefix("content/"))
        .filter_map(|f| match f.rsplit_once('/') {
            Some((dir, "_index.md")) => Some(dir.to_string()),
            None if f == "_index.md" => Some(String::new()),
            _ => None,
        })
        .collect();
    sections.sort();
    for section in sections {
        let (name, dir) = if section.is_empty() {
            ("home".to_string(), "content".to_string())
        } else {
            (section.clone(), format!("content/{section}"))
        };
        let mut collection = Collection::new(&name, &dir, &["*.md", "*/index.md"]);
        collection.route = Some(RouteRule::Zola { section: section.clone() });
        site.collections.push(collection);
    }
    site
}
