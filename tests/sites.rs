//! The site model against the generators themselves. For each fixture site under
//! `tests/fixtures/sites/`, Postdesk's `site --json` and `list --json` are compared with the
//! generator's own answer (`scripts/generators.sh oracle`): Hugo's `hugo list all`, Jekyll's
//! documents as it renders them, Eleventy's `--to=json`, Astro's `astro sync` JSON schemas and
//! its entry ids. A generator that is not installed fails the test with the command that
//! installs it; nothing is skipped. Zola cannot be installed here (no package on apt, PyPI or
//! npm), so its fixture is checked against its documented rules in `content::site` tests.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn fixture(generator: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sites")).join(generator)
}

/// The generator's answer on its fixture, as the script prints it.
fn oracle(generator: &str) -> String {
    oracle_on(generator, &fixture(generator.trim_end_matches("-entries")))
}

/// The generator's answer on the site at `site`.
fn oracle_on(generator: &str, site: &std::path::Path) -> String {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/generators.sh");
    let out = Command::new("bash")
        .arg(script)
        .args(["oracle", generator])
        .arg(site)
        .output()
        .expect("bash runs scripts/generators.sh");
    assert!(
        out.status.success(),
        "the {generator} oracle failed (exit {:?}); install the generators with `scripts/generators.sh install`:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("the oracle prints UTF-8")
}

fn postdesk_json(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_postdesk")).args(args).output().unwrap();
    assert!(out.status.success(), "postdesk {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Postdesk's posts of a fixture: path → (collection, route).
fn listed(generator: &str) -> std::collections::BTreeMap<String, (String, Option<String>)> {
    let list = postdesk_json(&["list", fixture(generator).to_str().unwrap(), "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().map(str::to_string);
            (s("path").unwrap(), (s("collection").unwrap_or_default(), s("route")))
        })
        .collect()
}

fn collections(generator: &str) -> Vec<String> {
    let site = postdesk_json(&["site", fixture(generator).to_str().unwrap(), "--json"]);
    assert_eq!(site["generator"], generator, "{site}");
    site["collections"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
}

/// A regular page in `hugo list all`: its source path, its section and its URL path.
struct HugoPage {
    path: String,
    section: String,
    route: String,
}

/// The regular pages (`kind` page) of `hugo list all`'s CSV.
fn hugo_pages(csv: &str) -> Vec<HugoPage> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header row").split(',').collect();
    let col = |name: &str| {
        header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("no {name} in {header:?}"))
    };
    let (path, permalink, kind, section) = (col("path"), col("permalink"), col("kind"), col("section"));
    let mut pages = Vec::new();
    for line in lines {
        // Titles may hold commas; the columns read here come before the title or at the end.
        let cells: Vec<&str> = line.split(',').collect();
        let n = cells.len();
        let at = |i: usize| if i < 2 { cells[i] } else { cells[n - (header.len() - i)] };
        if at(kind) != "page" {
            continue;
        }
        let url = at(permalink);
        let route =
            url.find("://").map(|i| &url[i + 3..]).and_then(|u| u.find('/').map(|j| &u[j..])).unwrap();
        pages.push(HugoPage {
            path: at(path).to_string(),
            section: at(section).to_string(),
            route: route.to_string(),
        });
    }
    pages
}

#[test]
fn hugo_pages_sections_and_permalinks_match_hugo_list_all() {
    let ours = listed("hugo");
    let hugo = hugo_pages(&oracle("hugo"));
    let pages = hugo.len();
    for page in &hugo {
        let rel = page.path.as_str();
        let (collection, route) =
            ours.get(rel).unwrap_or_else(|| panic!("Hugo publishes {rel}; Postdesk does not list it"));
        let expected_collection = if page.section.is_empty() { "home" } else { page.section.as_str() };
        assert_eq!(collection, expected_collection, "{rel}");
        assert_eq!(route.as_deref(), Some(page.route.as_str()), "{rel}");
    }
    assert!(pages >= 6, "Hugo listed only {pages} pages");
    // Every regular page Postdesk lists is one Hugo publishes (section pages `_index.md` are
    // Hugo's lists, which Postdesk lists as editable posts without a route).
    let regular = ours.iter().filter(|(p, _)| !p.ends_with("_index.md")).count();
    assert_eq!(regular, pages, "Postdesk lists {regular} regular pages, Hugo {pages}: {ours:?}");
}

#[test]
fn jekyll_collections_and_urls_match_jekyll_s_own_documents() {
    let answer: Value = serde_json::from_str(&oracle("jekyll")).unwrap();
    let ours = listed("jekyll");
    let names = collections("jekyll");
    let mut seen = 0;
    for collection in answer["collections"].as_array().unwrap() {
        let label = collection["label"].as_str().unwrap();
        for doc in collection["docs"].as_array().unwrap() {
            let rel = doc["path"].as_str().unwrap();
            let draft = doc["draft"].as_bool().unwrap_or(false);
            let (ours_collection, route) =
                ours.get(rel).unwrap_or_else(|| panic!("Jekyll builds {rel}; Postdesk does not list it"));
            // Jekyll keeps drafts in `posts`; Postdesk shows them as their own collection.
            let expected = if draft { "drafts" } else { label };
            assert_eq!(ours_collection, expected, "{rel}");
            assert!(names.iter().any(|n| n == expected));
            // A draft's URL uses the file's modification time as its date: not compared.
            if !draft {
                assert_eq!(route.as_deref(), doc["url"].as_str(), "{rel}");
            }
            seen += 1;
        }
    }
    assert!(seen >= 6, "Jekyll listed only {seen} documents");
    // Pages outside every collection (about.md) are not posts.
    for page in answer["pages"].as_array().unwrap() {
        let rel = page["path"].as_str().unwrap();
        assert!(!ours.contains_key(rel), "{rel} is a page, not a post");
    }
}

#[test]
fn eleventy_urls_match_eleventy_s_json_output() {
    let answer: Value = serde_json::from_str(&oracle("eleventy")).unwrap();
    let ours = listed("eleventy");
    let mut compared = 0;
    for page in answer.as_array().unwrap() {
        let input = page["inputPath"].as_str().unwrap().trim_start_matches("./");
        if !input.ends_with(".md") {
            continue;
        }
        let (_, route) =
            ours.get(input).unwrap_or_else(|| panic!("Eleventy builds {input}; Postdesk does not list it"));
        assert_eq!(route.as_deref(), page["url"].as_str(), "{input}");
        compared += 1;
    }
    assert!(compared >= 4, "only {compared} Markdown pages compared");
}

/// Astro's JSON schema of one field, and Postdesk's declared field, agree on type, required,
/// bounds, options and default.
fn assert_field_matches(collection: &str, key: &str, json: &Value, required: bool, ours: &Value) {
    let what = format!("{collection}.{key}");
    assert_eq!(ours["required"].as_bool(), Some(required), "{what}: required");
    // A reference to another collection is an id (a string) or an entry object to Astro.
    if let Some(to) = ours["reference"].as_str() {
        let any = json["anyOf"]
            .as_array()
            .unwrap_or_else(|| panic!("{what}: a reference to {to} is anyOf in Astro"));
        assert!(any.iter().any(|m| m["type"] == "string"), "{what}: {json}");
        return;
    }
    // Optional fields are `anyOf: [{...}, {not: {}}]` or carry the type directly.
    let json = json.get("anyOf").and_then(|a| a.as_array()).and_then(|a| a.first()).unwrap_or(json);
    let ty = ours["type"].as_str().unwrap();
    match json["type"].as_str() {
        Some("string") if json.get("format").and_then(Value::as_str) == Some("date-time") => {
            assert_eq!(ty, "date", "{what}")
        }
        Some("string") => assert_eq!(ty, "text", "{what}"),
        Some("number") | Some("integer") => assert_eq!(ty, "number", "{what}"),
        Some("boolean") => assert_eq!(ty, "bool", "{what}"),
        Some("array") => assert_eq!(ty, "list", "{what}"),
        Some("object") => assert_eq!(ty, "map", "{what}"),
        other => panic!("{what}: Astro says {other:?} ({json})"),
    }
    // zod's `.int()` bounds an integer by ±(2^53 - 1) in the JSON schema; that is the number's
    // range, not a declared bound, and Postdesk does not show it.
    let declared_bound = |v: &Value| v.as_f64().filter(|b| b.abs() < 9.0e15);
    if let Some(max) = json.get("maxLength").or_else(|| json.get("maximum")).and_then(declared_bound) {
        assert_eq!(ours["max"].as_f64(), Some(max), "{what}: max");
    }
    if let Some(min) = json.get("minLength").or_else(|| json.get("minimum")).and_then(declared_bound) {
        assert_eq!(ours["min"].as_f64(), Some(min), "{what}: min");
    }
    if let Some(options) = json.get("enum") {
        assert_eq!(&ours["options"], options, "{what}: options");
    }
    if let Some(default) = json.get("default") {
        assert_eq!(&ours["default"], default, "{what}: default");
    }
}

#[test]
fn astro_schemas_match_astro_sync_and_entry_ids_match_astro_s_store() {
    let answer: Value = serde_json::from_str(&oracle("astro")).unwrap();
    let schema_of = |name: &str| {
        postdesk_json(&["schema", fixture("astro").to_str().unwrap(), "--collection", name, "--json"])
    };
    let names = collections("astro");
    assert_eq!(names, ["blog", "docs"], "the authors collection is data (JSON), not posts");
    for name in &names {
        let json = &answer[name.as_str()];
        let properties =
            json["properties"].as_object().unwrap_or_else(|| panic!("no properties for {name}: {json}"));
        let required: Vec<&str> = json["required"]
            .as_array()
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let ours = schema_of(name);
        let declared =
            ours["declared"]["fields"].as_array().unwrap_or_else(|| panic!("no declared fields: {ours}"));
        for (key, property) in properties {
            if key == "$schema" {
                continue;
            }
            let field = declared
                .iter()
                .find(|f| f["key"] == key.as_str())
                .unwrap_or_else(|| panic!("{name}.{key} not declared"));
            // Astro's schema marks a field with a default as optional input, as Postdesk does.
            assert_field_matches(name, key, property, required.contains(&key.as_str()), field);
        }
        assert_eq!(
            declared.len(),
            properties.keys().filter(|k| *k != "$schema").count(),
            "{name}: {declared:?}"
        );
    }
    // Entry ids: the route Postdesk gives each blog post is `/blog/<id>/`.
    let entries: Value = serde_json::from_str(&oracle("astro-entries")).unwrap();
    let ours = listed("astro");
    let mut compared = 0;
    for entry in entries["blog"].as_array().unwrap() {
        let file = entry["filePath"].as_str().unwrap();
        let id = entry["id"].as_str().unwrap();
        let (_, route) =
            ours.get(file).unwrap_or_else(|| panic!("Astro has {file}; Postdesk does not list it"));
        assert_eq!(route.as_deref(), Some(format!("/blog/{id}/").as_str()), "{file}");
        compared += 1;
    }
    assert!(compared >= 4, "only {compared} entries");
}

/// Copies a fixture site into a temp dir, so a test can add posts to it.
fn fixture_copy(generator: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join(generator);
    let status = Command::new("cp").arg("-r").arg(fixture(generator)).arg(&dest).status().unwrap();
    assert!(status.success());
    (tmp, dest)
}

#[test]
fn checks_follow_the_astro_schema_and_name_its_line() {
    let (_tmp, site) = fixture_copy("astro");
    std::fs::write(
        site.join("src/content/blog/broken.md"),
        "---\ndescription: \"{}\"\npublishDate: not a date\ncategory: recipes\ntags: [one]\nheroImage:\n  src: ./cover.jpg\n---\n\nBody.\n"
            .replace("{}", "long ".repeat(34).trim_end()),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_postdesk"))
        .args(["check", site.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "errors exit 1: {}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    let of_broken = |p: &&Value| p["path"].as_str().unwrap().ends_with("broken.md");
    let schema: Vec<String> = problems
        .iter()
        .filter(of_broken)
        .filter(|p| p["rule"] == "schema")
        .map(|p| format!("{} {}", p["severity"].as_str().unwrap(), p["message"].as_str().unwrap()))
        .collect();
    let has = |needle: &str| schema.iter().any(|m| m.contains(needle));
    assert!(has("`title` is missing; the site's schema requires it (src/content.config.ts:"), "{schema:#?}");
    assert!(has("`publishDate` is `not a date`, which is not a date"), "{schema:#?}");
    assert!(
        has("`category: recipes` is not one of the site's options: news, guides, opinion"),
        "{schema:#?}"
    );
    assert!(has("`description` is 169 characters long; the site's schema allows at most 160"), "{schema:#?}");
    assert!(has("`heroImage.alt` is missing"), "{schema:#?}");
    assert!(schema.iter().all(|m| m.starts_with("error ")), "{schema:#?}");
    // The declared bound replaces the generic description length.
    assert!(!problems.iter().filter(of_broken).any(|p| p["rule"] == "description-length"), "{report}");
    // The fixture's own posts satisfy their schema, as Astro itself found.
    let others: Vec<&Value> = problems.iter().filter(|p| !of_broken(p) && p["rule"] == "schema").collect();
    assert!(others.is_empty(), "{others:#?}");
}

#[test]
fn check_and_export_take_one_collection_of_the_site_a_path_is_in() {
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_postdesk")).args(args).output().unwrap();
    // A subfolder names the site it is in; only the docs are checked.
    let inside = fixture("astro").join("src/content");
    let out = run(&["check", inside.to_str().unwrap(), "--collection", "docs", "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"], 3, "{report}");
    assert!(report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["path"].as_str().unwrap().contains("/src/content/docs/")));
    // An unknown collection is a usage error that lists the real ones.
    let out = run(&["check", fixture("hugo").to_str().unwrap(), "--collection", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("no collection named `nope`") && said.contains("home, notes, posts"), "{said}");
    // Export writes only the recipes.
    let dest = tempfile::tempdir().unwrap();
    let out = run(&[
        "export",
        fixture("jekyll").to_str().unwrap(),
        "--collection",
        "recipes",
        "--out",
        dest.path().to_str().unwrap(),
        "--force",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut written: Vec<String> = walk_names(dest.path());
    written.sort();
    assert_eq!(written, ["_recipes/pancakes.md", "_recipes/tomato-soup.md"]);
}

fn walk_names(root: &std::path::Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned())
        .collect()
}

/// A Hugo site with a content folder per language (one of them right to left, and a Chinese
/// and a Japanese post): Hugo's own URLs say each page's language (`/fr/…`; the default
/// language at the root), and Postdesk must agree on the language and the URL of every page,
/// and pair the translations.
#[test]
fn hugo_languages_and_urls_match_hugo_and_translations_pair() {
    let site = fixture("hugo-i18n");
    let list = postdesk_json(&["list", site.to_str().unwrap(), "--json"]);
    let ours: std::collections::BTreeMap<String, &Value> =
        list.as_array().unwrap().iter().map(|p| (p["path"].as_str().unwrap().to_string(), p)).collect();
    let codes = ["fr", "ar", "zh", "ja"];
    let hugo = hugo_pages(&oracle_on("hugo", &site));
    let pages = hugo.len();
    for page in &hugo {
        let route = page.route.as_str();
        let first = route.trim_matches('/').split('/').next().unwrap_or("");
        let lang = if codes.contains(&first) { first } else { "en" };
        let post = ours
            .get(page.path.as_str())
            .unwrap_or_else(|| panic!("Hugo publishes {}; Postdesk does not list it", page.path.as_str()));
        assert_eq!(post["lang"], lang, "{}", page.path.as_str());
        assert_eq!(post["route"], route, "{}", page.path.as_str());
    }
    assert_eq!(pages, 8, "Hugo's pages of the fixture");
    let translations = |p: &str| ours[p]["translations"].as_array().unwrap().len();
    assert_eq!(translations("content/en/posts/hello.md"), 4, "hello in four other languages");
    assert_eq!(
        ours["content/en/posts/keyed.md"]["translations"],
        serde_json::json!(["content/fr/posts/par-cle.md"])
    );
    assert_eq!(translations("content/en/posts/only-english.md"), 0);

    let summary = postdesk_json(&["site", site.to_str().unwrap(), "--json"]);
    let languages = summary["languages"].as_array().unwrap();
    let counts: Vec<(String, u64, bool)> = languages
        .iter()
        .map(|l| {
            (
                l["code"].as_str().unwrap().to_string(),
                l["count"].as_u64().unwrap(),
                l["rtl"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("en".into(), 3, false),
            ("fr".into(), 2, false),
            ("ar".into(), 1, true),
            ("zh".into(), 1, false),
            ("ja".into(), 1, false)
        ]
    );
    assert_eq!(languages[1]["dir"], "content/fr");

    // The checks: the stale French translation, the missing ones, no duplicate slug across
    // languages, and neither the Chinese nor the Japanese post is short.
    let out = Command::new(env!("CARGO_BIN_EXE_postdesk"))
        .args(["check", site.to_str().unwrap()])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("content/fr/posts/hello.md:2:1: warning translation-stale"), "{report}");
    assert!(
        report.contains(
            "only-english.md:2:1: info translation-missing: No translation into fr, ar, zh, ja yet"
        ),
        "{report}"
    );
    assert!(!report.contains("duplicate-slug"), "{report}");
    assert!(!report.contains("zh/posts/hello.md:2:1: warning short-body"), "{report}");
    assert!(!report.contains("ja/posts/hello.md:2:1: warning short-body"), "{report}");
    assert!(!report.contains("description-length"), "CJK descriptions measured in columns: {report}");
}

/// Postdesk's posts of the site at `site`: path → (lang, translations).
fn languages_listed(site: &std::path::Path) -> std::collections::BTreeMap<String, (String, Vec<String>)> {
    let list = postdesk_json(&["list", site.to_str().unwrap(), "--json"]);
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let translations = p["translations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_string())
                .collect();
            (
                p["path"].as_str().unwrap().to_string(),
                (p["lang"].as_str().unwrap_or("").to_string(), translations),
            )
        })
        .collect()
}

/// Jekyll with a folder per language and `_posts` inside each (ruby-lang.org's layout, one of
/// them right to left): Jekyll's own documents and URLs say which posts there are and their
/// language (the URL's first folder); Postdesk lists each with that language, paired.
#[test]
fn jekyll_language_folders_match_jekyll_s_documents() {
    let site = fixture("jekyll-i18n");
    let answer: Value = serde_json::from_str(&oracle_on("jekyll", &site)).unwrap();
    let ours = languages_listed(&site);
    let docs: Vec<&Value> = answer["collections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["label"] == "posts")
        .flat_map(|c| c["docs"].as_array().unwrap())
        .collect();
    assert_eq!(docs.len(), 3, "{answer}");
    for doc in docs {
        let path = doc["path"].as_str().unwrap();
        let lang = doc["url"].as_str().unwrap().trim_start_matches('/').split('/').next().unwrap();
        let (our_lang, translations) =
            ours.get(path).unwrap_or_else(|| panic!("Jekyll publishes {path}; Postdesk does not list it"));
        assert_eq!(our_lang, lang, "{path}");
        assert_eq!(translations.len(), 2, "{path}: the same post in the other two languages");
    }
    let summary = postdesk_json(&["site", site.to_str().unwrap(), "--json"]);
    assert_eq!(summary["defaultLanguage"], "en");
    assert!(summary["languages"].as_array().unwrap().iter().any(|l| l["code"] == "he" && l["rtl"] == true));
}

/// Astro with `i18n.locales` and a locale folder in each collection: Astro's own entry ids
/// (`es/hello`) name each entry's locale; Postdesk agrees, pairs the translations, and finds
/// the Spanish one stale (the English original was updated after it).
#[test]
fn astro_locale_folders_match_astro_s_entries() {
    let site = fixture("astro-i18n");
    let answer: Value = serde_json::from_str(&oracle_on("astro-entries", &site)).unwrap();
    let ours = languages_listed(&site);
    let entries = answer["blog"].as_array().unwrap();
    assert_eq!(entries.len(), 4, "{answer}");
    for entry in entries {
        let path = entry["filePath"].as_str().unwrap();
        let locale = entry["id"].as_str().unwrap().split('/').next().unwrap();
        assert_eq!(ours[path].0, locale, "{path}");
    }
    assert_eq!(
        ours["src/content/blog/en/hello.md"].1,
        ["src/content/blog/es/hello.md", "src/content/blog/he/hello.md"]
    );
    let out = Command::new(env!("CARGO_BIN_EXE_postdesk"))
        .args(["check", site.to_str().unwrap()])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("es/hello.md:2:1: warning translation-stale"), "{report}");
    assert!(
        !report.contains("he/hello.md:2:1: warning translation-stale"),
        "updated after the original: {report}"
    );
}

/// Zola names a page's language in its file name (`hello.fr.md`) and publishes it under
/// `/fr/`. Zola cannot be installed here (see ORACLES.md), so this follows its documented
/// rules.
#[test]
fn zola_language_suffixes_follow_zola_s_rules() {
    let site = fixture("zola-i18n");
    let list = postdesk_json(&["list", site.to_str().unwrap(), "--json"]);
    let by_path: std::collections::BTreeMap<&str, &Value> =
        list.as_array().unwrap().iter().map(|p| (p["path"].as_str().unwrap(), p)).collect();
    assert_eq!(by_path["content/blog/hello.fr.md"]["lang"], "fr");
    assert_eq!(by_path["content/blog/hello.fr.md"]["route"], "/fr/blog/hello/");
    assert_eq!(by_path["content/blog/hello.ar.md"]["route"], "/ar/blog/hello/");
    assert_eq!(by_path["content/blog/hello.md"]["route"], "/blog/hello/");
    assert_eq!(by_path["content/blog/hello.md"]["translations"].as_array().unwrap().len(), 2);
    assert_eq!(
        by_path["content/blog/_index.fr.md"]["translations"],
        serde_json::json!(["content/blog/_index.md"])
    );
}
