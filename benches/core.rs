//! Benchmarks of the pure core (`postdesk::content`) on a generated folder of posts.
//!
//! The folder is built in memory: 10,000 posts, deterministic (each seeded by its index), about
//! 5% TOML (`+++`) and the rest YAML, with the fields real blogs carry (quoted titles,
//! descriptions, dates, flow and block tag lists, image maps, draft flags) and 300–1,500 word
//! bodies with headings, lists, code, tables, footnotes and task lists.
//!
//! Run: `cargo bench --bench core`. Measurement is kept short (10 samples, 5 s) so the whole run
//! takes a few minutes on two cores.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use postdesk::content::split::FrontMatterKind;
use postdesk::content::{edit, frontmatter, render, split};
use postdesk::workspace::store::{self, FieldEdit, SaveRequest};
use pulldown_cmark::{html, Options, Parser};
use serde_json::Value;

const POSTS: usize = 10_000;
const EDITS: usize = 1_000;
const RENDER_BYTES: usize = 1 << 20;

/// SplitMix64: a tiny deterministic generator, so no `rand` crate is needed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "is",
    "that",
    "it",
    "for",
    "on",
    "with",
    "as",
    "was",
    "this",
    "writing",
    "desk",
    "keyboard",
    "draft",
    "post",
    "editor",
    "markdown",
    "front",
    "matter",
    "site",
    "build",
    "static",
    "generator",
    "typeface",
    "reader",
    "page",
    "layout",
    "margin",
    "column",
    "deploy",
    "review",
    "morning",
    "coffee",
    "notebook",
    "window",
    "light",
    "quiet",
    "simple",
    "careful",
    "small",
    "habit",
    "week",
    "archive",
    "tag",
    "feed",
    "image",
    "caption",
    "link",
    "browser",
    "font",
    "line",
    "length",
    "rhythm",
    "paragraph",
    "heading",
    "list",
    "table",
    "note",
    "garden",
    "codebase",
    "refactor",
    "test",
    "release",
    "version",
    "config",
    "theme",
    "colour",
    "contrast",
    "screen",
    "paper",
    "pencil",
    "idea",
    "outline",
    "revision",
    "publish",
    "schedule",
    "because",
    "although",
    "usually",
    "rarely",
    "often",
    "never",
    "always",
    "still",
    "already",
    "über",
    "café",
    "naïve",
    "résumé",
    "façade",
    "—",
    "“quoted”",
    "it’s",
];
const TAGS: &[&str] = &[
    "writing",
    "tools",
    "hugo",
    "astro",
    "jekyll",
    "typography",
    "workspace",
    "keyboards",
    "habits",
    "markdown",
    "yaml",
    "toml",
    "design",
    "code",
    "rust",
    "web",
    "reading",
    "notes",
    "meta",
    "travel",
];
const CATEGORIES: &[&str] = &["Workspace", "Tools", "Writing", "Design", "Code", "Notes"];

fn words(rng: &mut Rng, n: usize, out: &mut String) {
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push_str(w);
        }
    }
}

fn phrase(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let mut s = String::new();
    let n = rng.range(lo, hi);
    words(rng, n, &mut s);
    s
}

/// A body of roughly `target` words with the constructs a blog post uses.
fn body(rng: &mut Rng, target: usize, nl: &str) -> String {
    let mut out = String::with_capacity(target * 7);
    let mut written = 0;
    let mut footnotes = 0;
    out.push_str(nl);
    while written < target {
        match rng.below(12) {
            0 => {
                let _ = write!(out, "## {}{nl}{nl}", phrase(rng, 2, 6));
                written += 4;
            }
            1 => {
                for _ in 0..rng.range(2, 5) {
                    let marker = if rng.chance(50) { "- " } else { "1. " };
                    let _ = write!(out, "{marker}{}{nl}", phrase(rng, 4, 12));
                    written += 8;
                }
                out.push_str(nl);
            }
            2 => {
                let _ = write!(
                    out,
                    "```rust{nl}fn main() {{{nl}    println!(\"{}\");{nl}}}{nl}```{nl}{nl}",
                    phrase(rng, 2, 5)
                );
                written += 6;
            }
            3 => {
                let _ = write!(out, "| Item | Value | Note |{nl}|---|---:|---|{nl}");
                for r in 0..rng.range(2, 5) {
                    let _ = write!(out, "| {} | {} | {} |{nl}", phrase(rng, 1, 3), r * 17, phrase(rng, 2, 4));
                    written += 6;
                }
                out.push_str(nl);
            }
            4 => {
                let _ = write!(out, "- [x] {}{nl}- [ ] {}{nl}{nl}", phrase(rng, 3, 6), phrase(rng, 3, 6));
                written += 9;
            }
            5 => {
                let _ = write!(out, "> {}{nl}{nl}", phrase(rng, 10, 25));
                written += 18;
            }
            6 => {
                let _ = write!(out, "![{}](images/{}.png){nl}{nl}", phrase(rng, 2, 5), rng.below(400));
                written += 3;
            }
            _ => {
                let n = rng.range(40, 110);
                let mut p = String::new();
                words(rng, n, &mut p);
                // Inline constructs in some paragraphs.
                if rng.chance(30) {
                    let _ = write!(
                        p,
                        " See [the notes](../notes/{}.md#part) and **bold** and `code`.",
                        rng.below(99)
                    );
                }
                if rng.chance(15) {
                    p.push_str(" ~~Old claim~~ corrected.");
                }
                if rng.chance(15) {
                    footnotes += 1;
                    let _ = write!(p, "[^{footnotes}]");
                }
                let _ = write!(out, "{p}.{nl}{nl}");
                written += n;
            }
        }
    }
    for f in 1..=footnotes {
        let _ = write!(out, "[^{f}]: {}.{nl}", phrase(rng, 5, 12));
    }
    out
}

fn yaml_double(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn yaml_post(rng: &mut Rng, i: usize) -> String {
    let nl = if rng.chance(3) { "\r\n" } else { "\n" };
    let mut fm = String::new();
    let title = phrase(rng, 3, 9);
    match rng.below(4) {
        0 => {
            let _ = write!(fm, "title: {}{nl}", yaml_double(&format!("The \"{title}\" post #{i}")));
        }
        1 => {
            let _ = write!(fm, "title: '{}: it''s post {i}'{nl}", title);
        }
        2 => {
            let _ = write!(fm, "title: {}{nl}", yaml_double(&format!("{title}: part {i}")));
        }
        _ => {
            let _ = write!(fm, "title: {title} number {i}{nl}");
        }
    }
    let description = phrase(rng, 12, 30);
    if rng.chance(20) {
        let _ = write!(fm, "description: >-{nl}  {}{nl}  {}{nl}", description, phrase(rng, 6, 14));
    } else {
        let _ = write!(fm, "description: {}{nl}", yaml_double(&description));
    }
    let (y, m, d) = (2019 + rng.below(7), 1 + rng.below(12), 1 + rng.below(28));
    if rng.chance(25) {
        let _ = write!(fm, "pubDate: {y}-{m:02}-{d:02}T{:02}:{:02}:00Z{nl}", rng.below(24), rng.below(60));
    } else {
        let _ = write!(fm, "pubDate: {y}-{m:02}-{d:02}{nl}");
    }
    if rng.chance(30) {
        let _ = write!(fm, "updatedDate: {}-{:02}-{:02}{nl}", y + 1, m, d);
    }
    if rng.chance(60) {
        let _ = write!(fm, "heroImage: \"images/hero-{i}.png\"{nl}");
    } else {
        let _ = write!(
            fm,
            "image:{nl}  url: /images/cover-{i}.jpg{nl}  alt: {}{nl}",
            yaml_double(&phrase(rng, 3, 8))
        );
    }
    let _ = write!(fm, "category: {}{nl}", rng.pick(CATEGORIES));
    let tags: Vec<&str> = (0..rng.range(1, 6)).map(|_| rng.pick(TAGS)).collect();
    let mut unique = tags.clone();
    unique.dedup();
    if rng.chance(50) {
        let _ = write!(fm, "tags: [{}]{nl}", unique.join(", "));
    } else {
        let _ = write!(fm, "tags:{nl}");
        for t in &unique {
            let _ = write!(fm, "  - {t}{nl}");
        }
    }
    if rng.chance(40) {
        let _ = write!(fm, "draft: {}{nl}", rng.chance(20));
    }
    if rng.chance(10) {
        let _ = write!(fm, "# reviewed by the editor{nl}");
    }
    let target = rng.range(300, 1500);
    format!("---{nl}{fm}---{nl}{}", body(rng, target, nl))
}

fn toml_post(rng: &mut Rng, i: usize) -> String {
    let mut fm = String::new();
    let title = phrase(rng, 3, 9);
    let _ = writeln!(fm, "title = \"The \\\"{title}\\\" note {i}\"");
    let _ = writeln!(
        fm,
        "date = {}-{:02}-{:02}T09:30:00+02:00",
        2015 + rng.below(8),
        1 + rng.below(12),
        1 + rng.below(28)
    );
    let _ = writeln!(fm, "draft = {}", rng.chance(15));
    let _ = writeln!(fm, "description = \"{}\"", phrase(rng, 12, 30));
    let tags: Vec<String> = (0..rng.range(1, 5)).map(|_| format!("\"{}\"", rng.pick(TAGS))).collect();
    let _ = writeln!(fm, "tags = [{}]", tags.join(", "));
    let _ = writeln!(fm, "categories = [\"{}\"]", rng.pick(CATEGORIES));
    if rng.chance(50) {
        let _ = writeln!(fm, "\n[image]\nurl = \"/images/old-{i}.jpg\"\nalt = \"{}\"", phrase(rng, 2, 6));
    }
    let target = rng.range(300, 1500);
    format!("+++\n{fm}+++\n{}", body(rng, target, "\n"))
}

fn post(i: usize) -> String {
    let mut rng = Rng::new(i as u64);
    if i % 20 == 7 {
        toml_post(&mut rng, i)
    } else {
        yaml_post(&mut rng, i)
    }
}

struct Folder {
    posts: Vec<String>,
    /// Indices of the YAML posts.
    yaml: Vec<usize>,
    /// The YAML posts' front-matter slices, precomputed for the bare serde_yaml loop.
    yaml_front_matter: Vec<String>,
}

fn folder() -> Folder {
    let posts: Vec<String> = (0..POSTS).map(post).collect();
    let mut yaml = Vec::new();
    let mut yaml_front_matter = Vec::new();
    let mut bytes = 0;
    for (i, text) in posts.iter().enumerate() {
        bytes += text.len();
        let s = split::split(text);
        let fm = frontmatter::read(text, &s);
        // The benchmark measures the happy path: every generated post must read cleanly.
        assert!(fm.blocking_error().is_none(), "post {i} does not read: {:?}\n{text}", fm.diagnostics);
        assert!(fm.values.contains_key("title"), "post {i} has no title");
        match s.kind {
            FrontMatterKind::Yaml => {
                yaml.push(i);
                yaml_front_matter.push(text[s.front_matter.clone()].to_string());
            }
            FrontMatterKind::Toml => {}
            other => panic!("post {i} split as {other:?}"),
        }
    }
    eprintln!(
        "generated {} posts ({} YAML, {} TOML), {:.1} MB",
        posts.len(),
        yaml.len(),
        posts.len() - yaml.len(),
        bytes as f64 / 1e6
    );
    Folder { posts, yaml, yaml_front_matter }
}

fn short<M: criterion::measurement::Measurement>(group: &mut BenchmarkGroup<'_, M>) {
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
}

fn split_and_read(c: &mut Criterion, f: &Folder) {
    let mut group = c.benchmark_group("split_and_read_10k");
    short(&mut group);

    group.throughput(Throughput::Elements(f.yaml.len() as u64));
    group.bench_function(format!("postdesk_yaml_{}", f.yaml.len()), |b| {
        b.iter(|| {
            for &i in &f.yaml {
                let text = f.posts[i].as_str();
                let s = split::split(black_box(text));
                black_box(frontmatter::read(text, &s));
            }
        })
    });
    group.bench_function(format!("bare_serde_yaml_{}", f.yaml_front_matter.len()), |b| {
        b.iter(|| {
            for fm in &f.yaml_front_matter {
                black_box(serde_yaml::from_str::<serde_yaml::Value>(black_box(fm)).ok());
            }
        })
    });

    group.throughput(Throughput::Elements(f.posts.len() as u64));
    group.bench_function(format!("postdesk_all_{}", f.posts.len()), |b| {
        b.iter(|| {
            for text in &f.posts {
                let s = split::split(black_box(text));
                black_box(frontmatter::read(text, &s));
            }
        })
    });
    group.finish();
}

fn render_bench(c: &mut Criterion) {
    let mut markdown = String::with_capacity(RENDER_BYTES + 64 * 1024);
    let mut i = 0u64;
    while markdown.len() < RENDER_BYTES {
        let mut rng = Rng::new(1_000_000 + i);
        markdown.push_str(&body(&mut rng, 1500, "\n"));
        i += 1;
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;

    let ctx = render::RenderContext {
        post_dir: "blog",
        plain_code: false,
        raw_html: true,
        flavour: render::Flavour::PLAIN,
        spans: &[],
    };
    let mut group = c.benchmark_group("render");
    short(&mut group);
    group.throughput(Throughput::Bytes(markdown.len() as u64));
    group.bench_function("postdesk_render_body_1MB", |b| {
        b.iter(|| black_box(render::render_body(black_box(&markdown), &ctx)))
    });
    group.bench_function("raw_pulldown_cmark_1MB", |b| {
        b.iter(|| {
            let md = black_box(markdown.as_str());
            let mut out = String::with_capacity(md.len() * 3 / 2);
            html::push_html(&mut out, Parser::new_ext(md, options));
            black_box(out)
        })
    });
    group.finish();
}

/// A keystroke in the live preview of a 100 KB post, as Markdown and as MDX of the same size
/// (an import, a component box every tenth block, an expression), typing a character in the
/// middle and taking it back: issue 17 asks the MDX post's latency to match the Markdown one's.
fn keystroke_bench(c: &mut Criterion) {
    use postdesk::content::components::Dialect;
    use postdesk::content::render::incremental::{BodyUpdate, LivePreview, TextEdit};
    const BYTES: usize = 100 * 1024;
    let mut markdown = String::new();
    let mut mdx = String::from("import Card from '../components/Card.astro';\n\n");
    let mut i = 0u64;
    while markdown.len() < BYTES {
        let mut rng = Rng::new(2_000_000 + i);
        let block = body(&mut rng, 1500, "\n");
        markdown.push_str(&block);
        if i.is_multiple_of(10) {
            mdx.push_str(&format!("<Card title=\"Part {i}\" href={{links[{i}]}}>\n\n{block}\n</Card>\n\nWritten in {{year}}.\n\n"));
        } else {
            mdx.push_str(&block);
        }
        i += 1;
    }
    if let Some(error) = postdesk::content::components::spans(&mdx, Dialect::Mdx).1 {
        let at = error.offset;
        panic!(
            "the MDX bench post does not parse at {at}: {} ({:?})",
            error.message,
            &mdx[at.saturating_sub(80)..(at + 40).min(mdx.len())]
        );
    }
    let mut group = c.benchmark_group("keystroke");
    short(&mut group);
    for (name, text, dialect) in
        [("markdown_100KB", &markdown, Dialect::Markdown), ("mdx_100KB", &mdx, Dialect::Mdx)]
    {
        let flavour = render::Flavour { components: dialect, ..render::Flavour::PLAIN };
        let mut live = LivePreview::default();
        let first = live.update(0, BodyUpdate::Full { text: text.clone() }, "blog", "", flavour);
        let mut generation = first.patch.map_or(0, |p| p.generation);
        let mut version = first.body_version;
        // The middle of the text, at a line start (UTF-16 offset; the generated text is ASCII).
        let at = text[..text.len() / 2].rfind('\n').unwrap_or(0) as u32 + 1;
        let mut typed = false;
        group.bench_function(name, |b| {
            b.iter(|| {
                let edit = if typed {
                    TextEdit { from: at, to: at + 1, insert: String::new() }
                } else {
                    TextEdit { from: at, to: at, insert: "x".into() }
                };
                typed = !typed;
                let reply = live.update(
                    generation,
                    BodyUpdate::Edits { version, edits: vec![edit] },
                    "blog",
                    "",
                    flavour,
                );
                version = reply.body_version;
                if let Some(patch) = &reply.patch {
                    generation = patch.generation;
                }
                black_box(reply)
            })
        });
    }
    group.finish();
}

/// `git status` through Postdesk (the writer's git, porcelain v2 parsed) on a repository of
/// 10,000 posts with 100 changed: issue 18's target is under 150 ms.
fn git_status_bench(c: &mut Criterion) {
    use postdesk::workspace::git::Repo;
    let tmp = tempfile::tempdir().expect("a temp folder");
    let top = tmp.path();
    let git = |args: &[&str]| {
        let ok = std::process::Command::new("git").arg("-C").arg(top).args(args).output().expect("git runs");
        assert!(ok.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&ok.stderr));
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["config", "user.name", "Bench"]);
    git(&["config", "user.email", "bench@example.org"]);
    std::fs::create_dir_all(top.join("posts")).unwrap();
    for i in 0..10_000 {
        std::fs::write(top.join(format!("posts/post-{i:05}.md")), post(i)).unwrap();
    }
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "10,000 posts"]);
    for i in (0..10_000).step_by(100) {
        std::fs::write(top.join(format!("posts/post-{i:05}.md")), format!("{}\nEdited.\n", post(i))).unwrap();
    }
    let repo = Repo::find(top).expect("git runs").expect("a repository");
    assert_eq!(repo.status().unwrap().entries.len(), 100);
    let mut group = c.benchmark_group("git");
    short(&mut group);
    group.bench_function("status_10000_posts_100_changed", |b| b.iter(|| black_box(repo.status().unwrap())));
    group.finish();
}

/// Issue 19: spelling and grammar (harper-core) of the seed post and of a 10,000-word post
/// made of the sample posts' English prose, linted from cold (every paragraph new) and again
/// after one paragraph changed (the editor's case: only that paragraph is linted); and the
/// machine-prose rules on the same post.
fn prose_bench(c: &mut Criterion) {
    use postdesk::content::checks::{self, FolderFacts};
    use postdesk::content::config::Config;
    use postdesk::content::render::Flavour;
    use postdesk::content::spelling::{self, ProseOptions};
    let seed = include_str!("../posts/predictive-ai-in-healthcare.md");
    let sources = [
        include_str!("../posts/a-tidy-writing-desk.md"),
        include_str!("../posts/choosing-a-typeface-for-long-reads.md"),
        include_str!("../posts/static-sites-that-age-well.md"),
        include_str!("../posts/the-quiet-joy-of-modal-editing.md"),
        include_str!("../posts/why-i-still-write-in-plain-text.md"),
        include_str!("../posts/gardening-a-codebase.md"),
    ];
    let mut long = String::from("---\ntitle: Ten thousand words\n---\n\n");
    let mut n = 0;
    while long.split_whitespace().count() < 10_000 {
        let text = sources[n % sources.len()];
        let body = &text[postdesk::content::split::split(text).body];
        // Each copy numbered, so no paragraph repeats and the cache helps only where it should.
        for paragraph in body.split("\n\n").filter(|p| !p.trim().is_empty()) {
            long.push_str(&format!("{paragraph} ({n})\n\n"));
        }
        n += 1;
    }
    let words = long.split_whitespace().count();
    let options = ProseOptions { spelling: true, grammar: true, ..ProseOptions::default() };
    let prose_of =
        |text: &str| checks::prose_ranges(text, postdesk::content::split::split(text).body, Flavour::PLAIN);
    let (seed_prose, long_prose) = (prose_of(seed), prose_of(&long));
    let lints = spelling::lint(&long, &long_prose, &options);
    println!("prose: {words} words, {} lints", lints.len());
    let mut group = c.benchmark_group("prose");
    short(&mut group);
    group.bench_function("spelling_grammar_seed_cold", |b| {
        b.iter(|| {
            spelling::clear_cache();
            black_box(spelling::lint(seed, &seed_prose, &options))
        })
    });
    group.bench_function(format!("spelling_grammar_{words}_words_cold"), |b| {
        b.iter(|| {
            spelling::clear_cache();
            black_box(spelling::lint(&long, &long_prose, &options))
        })
    });
    // The editor's case: everything linted once, then one paragraph edited.
    spelling::lint(&long, &long_prose, &options);
    let mut edit = 0u64;
    group.bench_function(format!("spelling_grammar_{words}_words_one_paragraph_edited"), |b| {
        b.iter(|| {
            edit += 1;
            let edited = long.replacen(" (0)", &format!(" (edit {edit})"), 1);
            let prose = prose_of(&edited);
            black_box(spelling::lint(&edited, &prose, &options))
        })
    });
    let facts = FolderFacts::default();
    let config = Config::default();
    group.bench_function(format!("check_post_with_machine_prose_{words}_words"), |b| {
        b.iter(|| black_box(checks::check_post("long.md", &long, &facts, &config)))
    });
    group.finish();
}

/// Issue 20: a bulk set over 1,000 posts (read, lossless edit, atomic hash-guarded write of
/// each); the target is under 2 s. Each iteration flips the value, so every file is written.
fn bulk_bench(c: &mut Criterion) {
    use postdesk::content::bulk::BulkOp;
    use postdesk::workspace::bulk::{run, Target};
    use std::sync::atomic::AtomicBool;
    let tmp = tempfile::tempdir().expect("a temp folder");
    let targets: Vec<Target> = (0..1_000)
        .map(|i| {
            let path = tmp.path().join(format!("post-{i:04}.md"));
            std::fs::write(&path, post(i)).unwrap();
            Target { rel: format!("post-{i:04}.md"), path }
        })
        .collect();
    let mut group = c.benchmark_group("bulk");
    short(&mut group);
    let mut flag = false;
    group.bench_function("set_field_1000_posts", |b| {
        b.iter(|| {
            flag = !flag;
            let op = BulkOp::Set { key: "featured".into(), value: Value::Bool(flag) };
            let (report, _) = run(&targets, &op, &[], false, &AtomicBool::new(false), |_, _| {});
            assert_eq!(report.changed.len() + report.skipped.len(), 1_000);
            black_box(report)
        })
    });
    group.finish();
}

/// Issue 20: the table's rows for 10,000 posts (six columns, one nested) as the window asks for
/// them: read from the index's kept values and serialised to the JSON the IPC sends.
fn table_bench(c: &mut Criterion, f: &Folder) {
    use postdesk::content::index::{fingerprint, Index, Observation};
    let mut index = Index::default();
    let batch: Vec<Observation> = f
        .posts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let (summary, facts) = postdesk::content::post::index_entry(&format!("post-{i:05}.md"), text);
            Observation::Post { fingerprint: fingerprint(text.as_bytes()), summary, facts }
        })
        .collect();
    index.observe(0, batch);
    let keys: Vec<String> =
        ["title", "pubDate", "draft", "tags", "description", "heroImage.alt"].map(String::from).to_vec();
    let mut group = c.benchmark_group("table");
    short(&mut group);
    group.bench_function(format!("rows_json_{}_posts_6_columns", f.posts.len()), |b| {
        b.iter(|| {
            let rows = index.table_rows(&keys, None);
            black_box(serde_json::to_vec(&rows).expect("rows serialise").len())
        })
    });
    group.finish();
}

fn edit_bench(c: &mut Criterion, f: &Folder) {
    let posts = &f.posts[..EDITS];
    let titles: Vec<Value> = (0..EDITS).map(|i| Value::String(format!("A \"new\" title: {i}"))).collect();
    for (text, title) in posts.iter().zip(&titles) {
        let out = edit::set_field(text, "title", title).expect("title edit applies");
        assert_ne!(&out, text);
    }

    let mut group = c.benchmark_group("edit");
    short(&mut group);
    group.throughput(Throughput::Elements(EDITS as u64));
    group.bench_function(format!("set_title_{EDITS}"), |b| {
        b.iter(|| {
            for (text, title) in posts.iter().zip(&titles) {
                black_box(edit::set_field(black_box(text), "title", title).ok());
            }
        })
    });
    group.finish();
}

/// One Ctrl+S of the seed post with a new title: re-read and hash-check the file, edit the
/// title line, verify, write a temp file, fsync, rename over the post. The folder is a temp dir
/// on the same disk as the build (fsync cost depends on it).
fn save_bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let seed = include_str!("../posts/predictive-ai-in-healthcare.md");
    std::fs::write(dir.path().join("seed.md"), seed).unwrap();
    let mut base_hash = store::content_hash(seed.as_bytes());
    let mut n = 0u64;
    let mut group = c.benchmark_group("save");
    short(&mut group);
    group.bench_function("save_seed_post_title", |b| {
        b.iter(|| {
            n += 1;
            let request = SaveRequest {
                path: "seed.md".into(),
                base_hash: base_hash.clone(),
                fields: vec![FieldEdit { key: "title".into(), value: Value::String(format!("Take {n}")) }],
                remove: vec![],
                front_matter_source: None,
                body: None,
            };
            let saved = store::save(dir.path(), &request).expect("the save applies");
            base_hash = saved.base_hash;
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    let f = folder();
    split_and_read(c, &f);
    render_bench(c);
    keystroke_bench(c);
    git_status_bench(c);
    prose_bench(c);
    bulk_bench(c);
    table_bench(c, &f);
    edit_bench(c, &f);
    save_bench(c);
}

criterion_group!(core, benches);
criterion_main!(core);
