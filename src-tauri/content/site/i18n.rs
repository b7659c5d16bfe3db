//! What each generator's config (or, failing that, its folders) says about the site's
//! languages ([`Languages`]). Hugo's is read with its collections (`generators::hugo`), since
//! a content folder per language changes what its sections are.

use serde_json::Value;

use super::generators::{get_ci, parse_config, top_level_post_dirs};
use super::languages::{language_folders, Language, LanguageLayout, Languages};
use super::{Generator, Site, SiteInput};

/// Fills `site.languages` for the generators whose collections do not depend on it.
pub fn read(generator: Generator, input: &SiteInput, site: &mut Site) {
    let languages = match generator {
        Generator::Hugo => return,
        Generator::Zola => zola(input),
        Generator::Astro => astro(input),
        Generator::Jekyll => jekyll(input, site),
        Generator::Eleventy | Generator::Folder => by_folders(input, site, None),
    };
    site.languages = languages;
}

/// Hugo: `[languages.xx]` tables (`label` or `languageName`, `weight`, `contentDir`,
/// `direction` or `languageDirection`) and `defaultContentLanguage` (default `en`). With a `contentDir` per
/// language, each has a folder (even a site of one language keeps its posts there);
/// otherwise posts name theirs by suffix (`post.fr.md`).
pub fn hugo_languages(config: &Value) -> Languages {
    let default =
        get_ci(config, "defaultContentLanguage").and_then(Value::as_str).unwrap_or("en").to_string();
    let mut list: Vec<(i64, Language)> = Vec::new();
    if let Some(Value::Object(languages)) = get_ci(config, "languages") {
        for (code, settings) in languages {
            let mut language = Language::new(code);
            // Hugo 0.158 renamed `languageName` to `label` and `languageDirection` to `direction`.
            let either = |new: &str, old: &str| {
                get_ci(settings, new).or_else(|| get_ci(settings, old)).and_then(Value::as_str)
            };
            language.name = either("label", "languageName").map(str::to_string);
            language.dir = get_ci(settings, "contentDir")
                .and_then(Value::as_str)
                .map(|d| d.trim_matches('/').to_string());
            if let Some(direction) = either("direction", "languageDirection") {
                language.rtl = direction.eq_ignore_ascii_case("rtl");
            }
            let weight = get_ci(settings, "weight").and_then(Value::as_i64).unwrap_or(0);
            list.push((weight, language));
        }
    }
    list.sort_by(|a, b| (a.0, &a.1.code).cmp(&(b.0, &b.1.code)));
    let mut list: Vec<Language> = list.into_iter().map(|(_, l)| l).collect();
    // Module mounts onto `content` (hugoDocs: `content/en` mounted for `en`) are content
    // folders too, each for its `lang` (or its `sites.matrix.languages`).
    let mounts = get_ci(config, "module").and_then(|m| get_ci(m, "mounts")).and_then(Value::as_array);
    for mount in mounts.into_iter().flatten() {
        if get_ci(mount, "target").and_then(Value::as_str).map(|t| t.trim_matches('/')) != Some("content") {
            continue;
        }
        let Some(source) = get_ci(mount, "source").and_then(Value::as_str) else { continue };
        let lang = get_ci(mount, "lang")
            .and_then(Value::as_str)
            .or_else(|| {
                let matrix = get_ci(mount, "sites").and_then(|s| get_ci(s, "matrix"))?;
                get_ci(matrix, "languages")?.as_array()?.first()?.as_str()
            })
            .unwrap_or(default.as_str())
            .to_string();
        match list.iter_mut().find(|l| l.code == lang) {
            Some(language) => {
                language.dir = language.dir.take().or(Some(source.trim_matches('/').to_string()))
            }
            None => list
                .push(Language { dir: Some(source.trim_matches('/').to_string()), ..Language::new(&lang) }),
        }
    }
    let layout = if list.iter().all(|l| l.dir.is_some()) && !list.is_empty() {
        LanguageLayout::Folders
    } else if list.len() < 2 {
        LanguageLayout::Single
    } else {
        for language in &mut list {
            language.dir = None;
            language.suffix = Some(format!(".{}", language.code));
        }
        LanguageLayout::Suffixes
    };
    if list.is_empty() {
        list.push(Language::new(&default));
    }
    Languages { default: Some(default), list, layout }
}

/// Zola: `default_language` (default `en`) and `[languages.xx]`; posts name theirs by suffix.
fn zola(input: &SiteInput) -> Languages {
    let config = input
        .config("config.toml")
        .map(|t| parse_config("config.toml", t, &mut Vec::new()))
        .unwrap_or(Value::Null);
    let default = config.get("default_language").and_then(Value::as_str).unwrap_or("en").to_string();
    let mut list = vec![Language::new(&default)];
    if let Some(Value::Object(languages)) = config.get("languages") {
        for code in languages.keys().filter(|c| **c != default) {
            list.push(Language { suffix: Some(format!(".{code}")), ..Language::new(code) });
        }
    }
    let layout = if list.len() > 1 { LanguageLayout::Suffixes } else { LanguageLayout::Single };
    Languages { default: Some(default), list, layout }
}

/// Astro: `i18n: { locales: [...], defaultLocale }` in its config (read as text, never run);
/// each collection keeps a folder per locale.
fn astro(input: &SiteInput) -> Languages {
    let config = super::ASTRO_CONFIGS.iter().find_map(|p| input.config(p)).unwrap_or("");
    let locales = config.find("locales").map(|at| string_list(&config[at..])).unwrap_or_default();
    let default = config
        .find("defaultLocale")
        .and_then(|at| string_list(&config[at..]).into_iter().next())
        .or_else(|| locales.first().cloned());
    let layout = if locales.len() > 1 { LanguageLayout::CollectionFolders } else { LanguageLayout::Single };
    Languages { default, list: locales.iter().map(|c| Language::new(c)).collect(), layout }
}

/// The quoted strings of the first `[...]` list (or the first string) after a key in
/// JavaScript text.
fn string_list(text: &str) -> Vec<String> {
    let after = text.split_once(':').map_or("", |(_, rest)| rest).trim_start();
    let list = if let Some(inside) = after.strip_prefix('[') {
        inside.split(']').next().unwrap_or("")
    } else {
        after.split([',', '}', '\n']).next().unwrap_or("")
    };
    let mut out = Vec::new();
    let mut rest = list;
    while let Some(start) = rest.find(['"', '\'']) {
        let quote = rest.as_bytes()[start] as char;
        let body = &rest[start + 1..];
        let Some(end) = body.find(quote) else { break };
        out.push(body[..end].to_string());
        rest = &body[end + 1..];
    }
    out
}

/// Jekyll: Polyglot's `languages:` and `default_lang:` (posts say theirs with `lang:`), else a
/// folder per language at the top (`en/`, `ja/`), else the site's `lang:`.
fn jekyll(input: &SiteInput, site: &Site) -> Languages {
    let path = super::JEKYLL_CONFIGS.iter().copied().find(|p| input.config(p).is_some());
    let config = path
        .and_then(|p| input.config(p).map(|t| parse_config(p, t, &mut Vec::new())))
        .unwrap_or(Value::Null);
    let site_lang = config.get("lang").and_then(Value::as_str).map(str::to_string);
    if let Some(Value::Array(codes)) = config.get("languages") {
        let list: Vec<Language> = codes.iter().filter_map(Value::as_str).map(Language::new).collect();
        let default = config
            .get("default_lang")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| list.first().map(|l| l.code.clone()));
        return Languages { default, list, layout: LanguageLayout::Single };
    }
    by_folders(input, site, site_lang)
}

/// A folder per language at the top of the site (or of its content folder): two or more
/// top-level folders with posts named as language codes. The default is `default`, else
/// English when there is an `en/`, else the first.
fn by_folders(input: &SiteInput, site: &Site, default: Option<String>) -> Languages {
    // The site root, and the folder holding the collections (Eleventy's `src/`).
    let mut bases = vec![".".to_string()];
    for collection in &site.collections {
        let first = collection.dir.split('/').next().unwrap_or(".");
        if first != "." && collection.dir.contains('/') && !bases.iter().any(|b| b == first) {
            bases.push(first.to_string());
        }
    }
    let found = bases.iter().find_map(|base| {
        let codes = language_folders(top_level_post_dirs(input.files, base).iter().map(String::as_str));
        (!codes.is_empty()).then(|| (base.clone(), codes))
    });
    let Some((base, codes)) = found else {
        return Languages {
            default: default.clone(),
            list: default.iter().map(|d| Language::new(d)).collect(),
            layout: LanguageLayout::Single,
        };
    };
    let default = default
        .filter(|d| codes.iter().any(|c| c.eq_ignore_ascii_case(d)))
        .or_else(|| codes.iter().find(|c| c.eq_ignore_ascii_case("en")).cloned())
        .or_else(|| codes.first().cloned());
    let dir = |c: &str| if base == "." { c.to_string() } else { format!("{base}/{c}") };
    let list = codes.iter().map(|c| Language { dir: Some(dir(c)), ..Language::new(c) }).collect();
    Languages { default, list, layout: LanguageLayout::Folders }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn site_of(configs: &[(&str, &str)], files: &[&str]) -> Site {
        let configs: BTreeMap<String, String> =
            configs.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
        let files: Vec<String> = files.iter().map(|f| f.to_string()).collect();
        super::super::build(&SiteInput { configs: &configs, files: &files })
    }

    #[test]
    fn hugo_content_folders_and_suffixes() {
        let config = "defaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'content/en'\nweight = 1\n[languages.fr]\ncontentDir = 'content/fr'\nweight = 2\nlanguageName = 'Français'\n[languages.ar]\ncontentDir = 'content/ar'\nweight = 3\n";
        let site = site_of(
            &[("hugo.toml", config)],
            &["content/en/posts/a.md", "content/fr/posts/a.md", "content/ar/posts/a.md"],
        );
        assert_eq!(site.languages.layout, LanguageLayout::Folders);
        let codes: Vec<&str> = site.languages.list.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["en", "fr", "ar"]);
        assert!(site.languages.get("ar").unwrap().rtl);
        let names: Vec<&str> = site.collections.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["posts"], "one section across the language folders");
        assert_eq!(site.collection_of("content/fr/posts/a.md").unwrap().name, "posts");
        let fr = site.placement("content/fr/posts/a.md", None, None);
        assert_eq!(
            (fr.lang.as_deref(), fr.key),
            (Some("fr"), site.placement("content/en/posts/a.md", None, None).key)
        );

        let mounted = site_of(
            &[("hugo.toml", "defaultContentLanguage = 'en'\n[languages.en]\nweight = 1\n[[module.mounts]]\nsource = 'content/en'\ntarget = 'content'\n[module.mounts.sites.matrix]\nlanguages = ['en']\n")],
            &["content/en/getting-started/a.md", "content/en/_index.md"],
        );
        let names: Vec<&str> = mounted.collections.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["home", "getting-started"], "the mounted folder is the content folder");

        let suffixed = site_of(
            &[("hugo.toml", "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n")],
            &["content/posts/a.md", "content/posts/a.fr.md"],
        );
        assert_eq!(suffixed.languages.layout, LanguageLayout::Suffixes);
        assert_eq!(suffixed.placement("content/posts/a.fr.md", None, None).lang.as_deref(), Some("fr"));
        assert_eq!(
            suffixed.translation_path("content/posts/a.md", "fr").as_deref(),
            Some("content/posts/a.fr.md")
        );
    }

    #[test]
    fn zola_astro_jekyll_and_folders() {
        let zola = site_of(
            &[("config.toml", "base_url = 'x'\ndefault_language = 'en'\n[languages.fr]\ntitle = 'x'\n")],
            &["content/_index.md", "content/a.md", "content/a.fr.md"],
        );
        assert_eq!(zola.languages.layout, LanguageLayout::Suffixes);
        assert_eq!(zola.placement("content/a.fr.md", None, None).lang.as_deref(), Some("fr"));

        let astro_config =
            "export default defineConfig({ i18n: { locales: ['en', 'es', 'he'], defaultLocale: 'en' } });";
        let astro = site_of(&[("astro.config.mjs", astro_config)], &[]);
        assert_eq!(astro.languages.layout, LanguageLayout::CollectionFolders);
        assert_eq!(astro.languages.default.as_deref(), Some("en"));
        assert!(astro.languages.get("he").unwrap().rtl);

        let jekyll = site_of(
            &[("_config.yml", "title: x\nlang: en\n")],
            &["en/news/_posts/2024-01-01-a.md", "ja/news/_posts/2024-01-01-a.md", "about.md"],
        );
        assert_eq!(jekyll.languages.layout, LanguageLayout::Folders);
        assert_eq!(jekyll.languages.default.as_deref(), Some("en"));
        assert_eq!(
            jekyll.placement("ja/news/_posts/2024-01-01-a.md", None, None).key,
            jekyll.placement("en/news/_posts/2024-01-01-a.md", None, None).key
        );

        let polyglot = site_of(
            &[("_config.yml", "languages: [en, de]\ndefault_lang: en\n")],
            &["_posts/2024-01-01-a.md"],
        );
        assert_eq!(
            polyglot.placement("_posts/2024-01-01-a.md", Some("de"), None).lang.as_deref(),
            Some("de")
        );
        assert_eq!(polyglot.placement("_posts/2024-01-01-b.md", None, None).lang.as_deref(), Some("en"));

        let folder = site_of(&[], &["zh/a.md", "en/a.md", "notes/b.md"]);
        assert_eq!(folder.languages.layout, LanguageLayout::Folders);
        let single = site_of(&[], &["posts/a.md"]);
        assert!(!single.languages.is_multilingual());
        assert_eq!(single.placement("posts/a.md", None, None).key, None);
    }
}
