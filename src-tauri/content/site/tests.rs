//! The site model on small sites written in the tests: each generator's detection,
//! collections, routes and declared schemas. The fixture sites under `tests/fixtures/sites/`
//! and the generators themselves check the same things end to end.

use std::collections::BTreeMap;

use super::route::FrontFacts;
use super::*;
use crate::content::schema::FieldType;

fn site(configs: &[(&str, &str)], files: &[&str]) -> Site {
    let configs: BTreeMap<String, String> =
        configs.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
    let mut all: Vec<String> = files.iter().map(|f| f.to_string()).collect();
    all.extend(configs.keys().cloned());
    build(&SiteInput { configs: &configs, files: &all })
}

fn names(site: &Site) -> Vec<&str> {
    site.collections.iter().map(|c| c.name.as_str()).collect()
}

fn dated(date: &str) -> FrontFacts {
    FrontFacts { date: Some(date.into()), ..FrontFacts::default() }
}

const ASTRO_CONFIG: &str = r#"
import { defineCollection, reference, z } from "astro:content";
import { glob, file } from "astro/loaders";

const blog = defineCollection({
  loader: glob({ base: "./src/content/blog", pattern: "**/*.{md,mdx}" }),
  schema: ({ image }) =>
    z.object({
      title: z.string().max(150),
      description: z.string().min(50).max(160),
      publishDate: z.coerce.date(),
      updatedDate: z.coerce.date().optional(),
      heroImage: z.object({ src: image(), alt: z.string() }).optional(),
      draft: z.boolean().default(false),
      category: z.enum(["news", "guides", "opinion"]),
      tags: z.array(z.string()).default([]),
      author: reference("authors").optional(),
    }),
});

const docs = defineCollection({
  loader: glob({ pattern: "**/*.md", base: "./src/content/docs" }),
  schema: z.object({ title: z.string(), order: z.number().int().min(0).optional() }),
});

const authors = defineCollection({ loader: file("src/data/authors.json"), schema: z.object({ name: z.string() }) });

export const collections = { blog, docs, authors };
"#;

#[test]
fn astro_collections_come_from_the_content_config_and_data_collections_are_not_posts() {
    let s = site(
        &[("astro.config.mjs", "export default {}"), ("src/content.config.ts", ASTRO_CONFIG)],
        &[
            "src/content/blog/first.md",
            "src/content/blog/bundle/index.mdx",
            "src/content/docs/intro.md",
            "src/pages/about.md",
        ],
    );
    assert_eq!(s.generator, Generator::Astro);
    assert_eq!(names(&s), ["blog", "docs"]);
    assert_eq!(s.collection_of("src/content/blog/bundle/index.mdx").unwrap().name, "blog");
    assert_eq!(s.collection_of("src/content/docs/intro.md").unwrap().name, "docs");
    assert!(s.collection_of("src/pages/about.md").is_none(), "a page outside every collection is not a post");
    assert_eq!(s.static_dirs, ["public"]);
}

#[test]
fn astro_zod_schemas_keep_what_the_source_declares() {
    let s = site(&[("src/content.config.ts", ASTRO_CONFIG)], &[]);
    let blog = s.collection("blog").unwrap().schema.as_ref().unwrap();
    let title = blog.field("title").unwrap();
    assert_eq!((title.ty, title.required, title.max), (FieldType::Text, true, Some(150.0)));
    assert_eq!(title.source, "src/content.config.ts:9");
    let description = blog.field("description").unwrap();
    assert_eq!((description.min, description.max), (Some(50.0), Some(160.0)));
    assert_eq!(blog.field("publishDate").unwrap().ty, FieldType::Date);
    assert!(!blog.field("updatedDate").unwrap().required);
    let hero = blog.field("heroImage").unwrap();
    assert_eq!((hero.ty, hero.required), (FieldType::Map, false));
    assert!(hero.fields.iter().any(|f| f.key == "src" && f.image));
    let draft = blog.field("draft").unwrap();
    assert_eq!(
        (draft.ty, draft.required, draft.default.clone()),
        (FieldType::Bool, false, Some(serde_json::json!(false)))
    );
    assert_eq!(blog.field("category").unwrap().options, ["news", "guides", "opinion"]);
    let tags = blog.field("tags").unwrap();
    assert_eq!(
        (tags.ty, tags.item, tags.default.clone()),
        (FieldType::List, Some(FieldType::Text), Some(serde_json::json!([])))
    );
    assert_eq!(blog.field("author").unwrap().reference.as_deref(), Some("authors"));
    let order = s.collection("docs").unwrap().schema.as_ref().unwrap().field("order").unwrap();
    assert_eq!((order.ty, order.required, order.min), (FieldType::Number, false, Some(0.0)));
}

#[test]
fn astro_routes_come_from_collection_pages() {
    let s = site(
        &[
            ("src/content.config.ts", ASTRO_CONFIG),
            ("src/pages/blog/[...slug].astro", "---\nconst posts = await getCollection('blog');\n---"),
        ],
        &["src/content/blog/Hello World.md", "src/content/blog/bundle/index.mdx"],
    );
    let none = FrontFacts::default();
    assert_eq!(s.route_of("src/content/blog/Hello World.md", &none).as_deref(), Some("/blog/hello-world/"));
    assert_eq!(s.route_of("src/content/blog/bundle/index.mdx", &none).as_deref(), Some("/blog/bundle/"));
    assert_eq!(s.route_of("src/content/docs/intro.md", &none), None, "docs have no route page");
}

#[test]
fn an_astro_entry_page_named_for_its_collection_routes_it_through_a_helper() {
    // Themes wrap getCollection (`getBlogCollection()`); the page's folder names the collection.
    let s = site(
        &[
            ("src/content.config.ts", ASTRO_CONFIG),
            ("src/pages/blog/[...id].astro", "---\nconst posts = await getBlogCollection();\n---"),
            ("src/pages/blog/[...page].astro", "---\nconst all = await getBlogCollection();\n---"),
        ],
        &["src/content/blog/first.md"],
    );
    assert_eq!(
        s.route_of("src/content/blog/first.md", &FrontFacts::default()).as_deref(),
        Some("/blog/first/")
    );
    assert_eq!(s.route_of("src/content/docs/intro.md", &FrontFacts::default()), None);
}

#[test]
fn legacy_astro_type_content_collections_live_under_src_content() {
    let config = r#"import { defineCollection, z } from 'astro:content';
export const collections = { posts: defineCollection({ type: 'content', schema: z.object({ title: z.string() }) }), people: defineCollection({ type: 'data' }) };"#;
    let s = site(&[("src/content/config.ts", config), ("astro.config.mjs", "")], &["src/content/posts/a.md"]);
    assert_eq!(names(&s), ["posts"]);
    assert_eq!(s.collection_of("src/content/posts/a.md").unwrap().name, "posts");
}

#[test]
fn hugo_sections_permalinks_bundles_and_archetypes() {
    let config = "baseURL = 'https://example.org/'\ntitle = 'Field Notes'\n[permalinks]\nposts = '/:year/:month/:slug/'\n";
    let s = site(
        &[("hugo.toml", config), ("archetypes/posts.md", "+++\ntitle = '{{ replace .File.ContentBaseName \"-\" \" \" | title }}'\ndate = '{{ .Date }}'\ndraft = true\n+++\n")],
        &["content/about.md", "content/posts/_index.md", "content/posts/first-post.md", "content/posts/my-bundle/index.md", "content/notes/a-note.md"],
    );
    assert_eq!(s.generator, Generator::Hugo);
    assert_eq!(s.title.as_deref(), Some("Field Notes"));
    assert_eq!(names(&s), ["home", "notes", "posts"]);
    let post = FrontFacts {
        title: Some("First Post!".into()),
        date: Some("2024-03-05T10:00:00Z".into()),
        ..FrontFacts::default()
    };
    assert_eq!(s.route_of("content/posts/first-post.md", &post).as_deref(), Some("/2024/03/first-post/"));
    let with_slug = FrontFacts { slug: Some("custom".into()), ..dated("2024-03-05") };
    assert_eq!(
        s.route_of("content/posts/my-bundle/index.md", &with_slug).as_deref(),
        Some("/2024/03/custom/")
    );
    assert_eq!(
        s.route_of("content/notes/a-note.md", &FrontFacts::default()).as_deref(),
        Some("/notes/a-note/")
    );
    assert_eq!(s.route_of("content/about.md", &FrontFacts::default()).as_deref(), Some("/about/"));
    let archetype = s.collection("posts").unwrap().schema.as_ref().unwrap();
    assert_eq!(archetype.field("draft").unwrap().default, Some(serde_json::json!(true)));
    assert_eq!(archetype.field("date").unwrap().ty, FieldType::Date);
}

#[test]
fn jekyll_posts_drafts_collections_and_defaults() {
    let config = "title: Kitchen\npermalink: pretty\ncollections:\n  recipes:\n    output: true\n    permalink: /recipes/:name/\ndefaults:\n  - scope: { path: '', type: recipes }\n    values: { author: Sam, layout: recipe }\n";
    let s = site(
        &[("_config.yml", config)],
        &["_posts/2024-03-01-hello-world.md", "_drafts/idea.md", "_recipes/Soup Of The Day.md", "about.md"],
    );
    assert_eq!(s.generator, Generator::Jekyll);
    assert_eq!(names(&s), ["posts", "drafts", "recipes"]);
    let post = FrontFacts { categories: vec!["Food".into()], ..FrontFacts::default() };
    assert_eq!(
        s.route_of("_posts/2024-03-01-hello-world.md", &post).as_deref(),
        Some("/food/2024/03/01/hello-world/")
    );
    assert_eq!(
        s.route_of("_recipes/Soup Of The Day.md", &FrontFacts::default()).as_deref(),
        Some("/recipes/soup-of-the-day/")
    );
    assert!(s.collection_of("about.md").is_none());
    let recipes = s.collection("recipes").unwrap().schema.as_ref().unwrap();
    assert_eq!(recipes.field("author").unwrap().default, Some(serde_json::json!("Sam")));
    assert!(s.collection("posts").unwrap().schema.is_none(), "the recipes default does not reach posts");
}

#[test]
fn eleventy_directories_under_its_input_folder() {
    let config = "export default function (eleventyConfig) {\n  return { dir: { input: \"src\", output: \"_site\" } };\n}\n";
    let s = site(
        &[
            ("eleventy.config.js", config),
            ("package.json", "{\"devDependencies\": {\"@11ty/eleventy\": \"^3\"}}"),
        ],
        &["src/about.md", "src/blog/first.md", "src/blog/index.md", "src/_includes/post.njk", "README.md"],
    );
    assert_eq!(s.generator, Generator::Eleventy);
    assert_eq!(names(&s), ["pages", "blog"]);
    assert_eq!(s.route_of("src/blog/first.md", &FrontFacts::default()).as_deref(), Some("/blog/first/"));
    assert_eq!(s.route_of("src/blog/index.md", &FrontFacts::default()).as_deref(), Some("/blog/"));
    assert_eq!(s.route_of("src/about.md", &FrontFacts::default()).as_deref(), Some("/about/"));
    assert!(s.collection_of("README.md").is_none(), "outside the input folder");
}

#[test]
fn zola_sections_and_colocated_assets() {
    let s = site(
        &[("config.toml", "base_url = \"https://example.org\"\ntitle = \"Zed\"\n")],
        &[
            "content/_index.md",
            "content/blog/_index.md",
            "content/blog/First Post.md",
            "content/blog/with-assets/index.md",
            "content/blog/with-assets/pic.jpg",
        ],
    );
    assert_eq!(s.generator, Generator::Zola);
    assert_eq!(names(&s), ["home", "blog"]);
    assert_eq!(s.collection_of("content/blog/First Post.md").unwrap().name, "blog");
    assert_eq!(
        s.route_of("content/blog/First Post.md", &FrontFacts::default()).as_deref(),
        Some("/blog/first-post/")
    );
    assert_eq!(
        s.route_of("content/blog/with-assets/index.md", &FrontFacts::default()).as_deref(),
        Some("/blog/with-assets/")
    );
}

#[test]
fn a_folder_without_a_generator_is_one_collection_of_every_post() {
    let s = site(&[], &["a.md", "deep/b.markdown", "notes.txt"]);
    assert_eq!(s.generator, Generator::Folder);
    assert_eq!(s.collection_of("deep/b.markdown").unwrap().name, "posts");
    assert!(s.collection_of("notes.txt").is_none());
}

#[test]
fn a_broken_config_is_a_problem_that_names_the_file_not_a_panic() {
    let s = site(&[("hugo.toml", "title = [unclosed")], &["content/posts/a.md"]);
    assert_eq!(s.generator, Generator::Hugo);
    assert!(s.problems.iter().any(|p| p.starts_with("hugo.toml")), "{:?}", s.problems);
    let s =
        site(&[("src/content.config.ts", "export const collections = {{{"), ("astro.config.mjs", "")], &[]);
    assert!(s.problems.iter().any(|p| p.contains("src/content.config.ts")), "{:?}", s.problems);
}

/// The reader's answer in the spec's line format (see zod-spec.txt).
fn describe(content: &zod::AstroContent) -> Vec<String> {
    fn fields(out: &mut Vec<String>, list: &[DeclaredField], depth: usize) {
        for f in list {
            let mut line = format!(
                "{}{} {} {}",
                "  ".repeat(depth),
                f.key,
                f.ty.name(),
                if f.required { "required" } else { "optional" }
            );
            let num = |n: f64| if n.fract() == 0.0 { format!("{}", n as i64) } else { n.to_string() };
            if let Some(min) = f.min {
                line += &format!(" min={}", num(min));
            }
            if let Some(max) = f.max {
                line += &format!(" max={}", num(max));
            }
            if !f.options.is_empty() {
                line += &format!(" options={}", f.options.join("|"));
            }
            if let Some(d) = &f.default {
                line += &format!(" default={d}");
            }
            if f.image {
                line += " image";
            }
            if let Some(r) = &f.reference {
                line += &format!(" ref={r}");
            }
            if let Some(item) = f.item {
                line += &format!(" item={}", item.name());
            }
            line += &format!(" line={}", f.source.rsplit(':').next().unwrap_or("?"));
            out.push(line);
            fields(out, &f.fields, depth + 1);
        }
    }
    let mut out = Vec::new();
    for c in &content.collections {
        let loader = match &c.loader {
            zod::Loader::Glob { base, pattern } => format!("glob {base} {}", pattern.join(",")),
            zod::Loader::File(path) => format!("file {path}"),
            zod::Loader::Legacy { data } => format!("legacy {}", if *data { "data" } else { "content" }),
            zod::Loader::Other => "other".into(),
        };
        out.push(format!("collection {} {loader}", c.name));
        if let Some(schema) = &c.schema {
            fields(&mut out, &schema.fields, 1);
        }
    }
    out.extend(content.problems.iter().map(|p| format!("problem: {p}")));
    out
}

#[test]
fn zod_spec_cases() {
    let spec = include_str!("zod-spec.txt");
    let mut failures = Vec::new();
    let mut cases = 0;
    // What comes before the first case heading explains the format; it is not a case.
    for chunk in spec.split("\n@@@ ").skip(1) {
        cases += 1;
        let (name, rest) = chunk.split_once('\n').unwrap();
        let (_, rest) = rest.split_once("<<<\n").unwrap_or_else(|| panic!("{name}: no <<<"));
        let (input, expected) = rest.split_once(">>>\n").unwrap_or_else(|| panic!("{name}: no >>>"));
        let expected: Vec<&str> = expected.lines().filter(|l| !l.trim().is_empty()).collect();
        let got = describe(&zod::read_content_config("src/content.config.ts", input));
        if got != expected {
            failures.push(format!(
                "@@@ {name}\n--- expected\n{}\n--- got\n{}",
                expected.join("\n"),
                got.join("\n")
            ));
        }
    }
    assert!(cases >= 5, "only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} zod cases failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn a_hostile_content_config_nested_as_deep_as_the_cap_allows_does_not_overflow_the_stack() {
    // oxc's parser descends once per level; a config built to exhaust the stack must not
    // take the app down when the site opens (the scan thread's stack is the default 2 MiB).
    let levels = zod::MAX_CONTENT_CONFIG_BYTES / 2 - 40;
    let deep =
        format!("export const collections = {{ blog: {}1{} }};", "(".repeat(levels), ")".repeat(levels));
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || zod::read_content_config("src/content.config.ts", &deep))
        .unwrap();
    let content = handle.join().expect("no stack overflow");
    assert!(content.collections.is_empty(), "no defineCollection in it");
    // One character a level: a chain of `!` as long as the cap allows.
    let bangs = format!(
        "export const collections = {{ blog: {}1 }};",
        "!".repeat(zod::MAX_CONTENT_CONFIG_BYTES - 40)
    );
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || zod::read_content_config("src/content.config.ts", &bangs))
        .unwrap();
    assert!(handle.join().expect("no stack overflow").collections.is_empty());
    // Over the cap, it is not read at all, and says so.
    let huge = format!("export const collections = {{}};{}", " ".repeat(zod::MAX_CONTENT_CONFIG_BYTES));
    let refused = zod::read_content_config("src/content.config.ts", &huge);
    assert!(refused.problems.iter().any(|p| p.contains("not read")), "{:?}", refused.problems);
}
