//! What each generator's config says about how it renders Markdown ([`Flavour`]): smart
//! punctuation, raw HTML, heading ids and attribute lists. Defaults are each generator's own,
//! checked against the real generators (`tests/fidelity.rs`); a setting that cannot be read
//! (a JavaScript config computed at build time) keeps the default.

use serde_json::Value;

use super::generators::{get_ci, hugo_config, parse_config};
use super::{Generator, SiteInput};
use crate::content::render::flavour::{Flavour, HeadingIds, RawHtml};

pub fn flavour(generator: Generator, input: &SiteInput) -> Flavour {
    match generator {
        Generator::Hugo => hugo(input),
        Generator::Astro => astro(input),
        Generator::Jekyll => jekyll(input),
        Generator::Zola => zola(input),
        Generator::Eleventy => eleventy(input),
        Generator::Folder => Flavour::PLAIN,
    }
}

fn at<'v>(value: Option<&'v Value>, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value?, |v, key| get_ci(v, key))
}

/// Goldmark under `markup.goldmark`: `renderer.unsafe` (default false), the `typographer`
/// extension (default on; a bool, or a table with `disable`), `parser.autoHeadingID` and
/// `parser.autoHeadingIDType`.
fn hugo(input: &SiteInput) -> Flavour {
    let config = hugo_config(input, &mut Vec::new());
    let goldmark = at(Some(&config), &["markup", "goldmark"]);
    let unsafe_html = at(goldmark, &["renderer", "unsafe"]).and_then(Value::as_bool).unwrap_or(false);
    let typographer = match at(goldmark, &["extensions", "typographer"]) {
        Some(Value::Bool(on)) => *on,
        Some(table) => !get_ci(table, "disable").and_then(Value::as_bool).unwrap_or(false),
        None => true,
    };
    let auto_ids = at(goldmark, &["parser", "autoHeadingID"]).and_then(Value::as_bool).unwrap_or(true);
    let on = |path: &[&str]| at(goldmark, path).and_then(Value::as_bool).unwrap_or(true);
    let id_type = at(goldmark, &["parser", "autoHeadingIDType"]).and_then(Value::as_str).unwrap_or("github");
    Flavour {
        smart_punctuation: typographer,
        raw_html: if unsafe_html { RawHtml::Render } else { RawHtml::Omit },
        heading_ids: match () {
            _ if !auto_ids => HeadingIds::None,
            _ if id_type.eq_ignore_ascii_case("github-ascii") => HeadingIds::GithubAscii,
            _ => HeadingIds::Github,
        },
        attribute_lists: false,
        heading_attributes: on(&["parser", "attribute", "title"]),
        footnotes: on(&["extensions", "footnote"]),
        task_lists: on(&["extensions", "taskList"]),
        ..Flavour::PLAIN
    }
}

/// Astro: `markdown.smartypants` (default on), github-slugger ids, raw HTML rendered, and no
/// `{#id}` after headings (Astro shows it as text).
fn astro(input: &SiteInput) -> Flavour {
    let config = super::ASTRO_CONFIGS.iter().find_map(|p| input.config(p)).unwrap_or("");
    Flavour {
        smart_punctuation: !js_bool_is(config, "smartypants", false),
        heading_attributes: false,
        ..Flavour::PLAIN
    }
}

/// Jekyll's kramdown (its default `markdown`): `kramdown.auto_ids` (default on), `smart_quotes`
/// and typographic symbols (always on), attribute lists applied and never shown, Markdown inside
/// HTML blocks left as text (`parse_block_html`, default off). Jekyll reads kramdown's GFM
/// input by default, whose ids are GitHub's.
fn jekyll(input: &SiteInput) -> Flavour {
    let path = super::JEKYLL_CONFIGS.iter().copied().find(|p| input.config(p).is_some());
    let config = path
        .and_then(|p| input.config(p).map(|text| parse_config(p, text, &mut Vec::new())))
        .unwrap_or(Value::Null);
    let kramdown = config.get("kramdown");
    let auto_ids = at(kramdown, &["auto_ids"]).and_then(Value::as_bool).unwrap_or(true);
    Flavour {
        smart_punctuation: true,
        heading_ids: if auto_ids { HeadingIds::Github } else { HeadingIds::None },
        attribute_lists: true,
        markdown_in_html: at(kramdown, &["parse_block_html"]).and_then(Value::as_bool).unwrap_or(false),
        ..Flavour::PLAIN
    }
}

/// Zola renders with pulldown-cmark: `[markdown] smart_punctuation` (default off) and
/// `[slugify] anchors` (default "on": the `slug` crate's ids).
fn zola(input: &SiteInput) -> Flavour {
    let config = input
        .config("config.toml")
        .map(|t| parse_config("config.toml", t, &mut Vec::new()))
        .unwrap_or(Value::Null);
    let smart =
        at(Some(&config), &["markdown", "smart_punctuation"]).and_then(Value::as_bool).unwrap_or(false);
    let anchors = at(Some(&config), &["slugify", "anchors"]).and_then(Value::as_str).unwrap_or("on");
    Flavour {
        smart_punctuation: smart,
        heading_ids: if anchors == "on" { HeadingIds::Zola } else { HeadingIds::Github },
        ..Flavour::PLAIN
    }
}

/// Eleventy's markdown-it: `typographer` off and no heading ids unless the config sets them up
/// (a `typographer: true` option, the markdown-it-anchor plugin); no footnotes, task lists or
/// `{#id}` without plugins.
fn eleventy(input: &SiteInput) -> Flavour {
    let config = super::ELEVENTY_CONFIGS.iter().find_map(|p| input.config(p)).unwrap_or("");
    let anchors = config.contains("markdown-it-anchor");
    Flavour {
        smart_punctuation: js_bool_is(config, "typographer", true),
        heading_ids: if anchors { HeadingIds::Github } else { HeadingIds::None },
        heading_attributes: false,
        footnotes: config.contains("markdown-it-footnote"),
        task_lists: config.contains("markdown-it-task"),
        ..Flavour::PLAIN
    }
}

/// True when a JavaScript config sets `key: <value>` (read as text, never run).
fn js_bool_is(config: &str, key: &str, value: bool) -> bool {
    let want = if value { "true" } else { "false" };
    let mut rest = config;
    while let Some(at) = rest.find(key) {
        rest = &rest[at + key.len()..];
        let after = rest.trim_start();
        if let Some(v) = after.strip_prefix(':') {
            if v.trim_start().starts_with(want) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn flavour_of(configs: &[(&str, &str)], files: &[&str]) -> Flavour {
        let configs: BTreeMap<String, String> =
            configs.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
        let files: Vec<String> = files.iter().map(|f| f.to_string()).collect();
        super::super::flavour(&SiteInput { configs: &configs, files: &files })
    }

    #[test]
    fn hugo_defaults_and_settings() {
        let plain = flavour_of(&[("hugo.toml", "title = 'x'\n")], &["content/a.md"]);
        assert_eq!(plain.raw_html, RawHtml::Omit, "Hugo's default is unsafe = false");
        assert!(plain.smart_punctuation, "the typographer is on by default");
        assert_eq!(plain.heading_ids, HeadingIds::Github);
        let set = flavour_of(
            &[(
                "hugo.toml",
                "[markup.goldmark.renderer]\nunsafe = true\n[markup.goldmark.extensions.typographer]\ndisable = true\n[markup.goldmark.parser]\nautoHeadingIDType = 'github-ascii'\n",
            )],
            &["content/a.md"],
        );
        assert_eq!(set.raw_html, RawHtml::Render);
        assert!(!set.smart_punctuation);
        assert_eq!(set.heading_ids, HeadingIds::GithubAscii);
        let yaml = flavour_of(
            &[("hugo.yaml", "markup:\n  goldmark:\n    extensions:\n      typographer: false\n    parser:\n      autoHeadingID: false\n")],
            &["content/a.md"],
        );
        assert!(!yaml.smart_punctuation);
        assert_eq!(yaml.heading_ids, HeadingIds::None);
    }

    #[test]
    fn astro_jekyll_zola_eleventy() {
        let astro = flavour_of(&[("astro.config.mjs", "export default defineConfig({})")], &[]);
        assert!(astro.smart_punctuation && !astro.heading_attributes);
        let off = flavour_of(
            &[("astro.config.mjs", "export default defineConfig({ markdown: { smartypants: false } })")],
            &[],
        );
        assert!(!off.smart_punctuation);
        let jekyll = flavour_of(&[("_config.yml", "title: x\n")], &[]);
        assert!(jekyll.smart_punctuation && jekyll.attribute_lists && !jekyll.markdown_in_html);
        let no_ids = flavour_of(&[("_config.yml", "kramdown:\n  auto_ids: false\n")], &[]);
        assert_eq!(no_ids.heading_ids, HeadingIds::None);
        let zola = flavour_of(&[("config.toml", "base_url = 'https://x'\n")], &[]);
        assert!(!zola.smart_punctuation);
        assert_eq!(zola.heading_ids, HeadingIds::Zola);
        let zola_smart = flavour_of(
            &[("config.toml", "base_url = 'https://x'\n[markdown]\nsmart_punctuation = true\n")],
            &[],
        );
        assert!(zola_smart.smart_punctuation);
        let eleventy = flavour_of(&[("eleventy.config.js", "export default function () {}")], &[]);
        assert!(!eleventy.smart_punctuation);
        assert_eq!(eleventy.heading_ids, HeadingIds::None);
        assert!(!eleventy.footnotes && !eleventy.task_lists);
        let anchored = flavour_of(
            &[(
                "eleventy.config.js",
                "import anchor from 'markdown-it-anchor';\nconst md = markdownIt({ typographer: true });",
            )],
            &[],
        );
        assert!(anchored.smart_punctuation);
        assert_eq!(anchored.heading_ids, HeadingIds::Github);
        assert_eq!(flavour_of(&[], &["a.md"]), Flavour::PLAIN);
    }
}
