//! The preview against the generators' own HTML. Each fixture site (Hugo, Jekyll, Astro) is
//! built by its real generator with layouts that write every post's rendered Markdown alone
//! (`scripts/generators.sh content`); each post is then rendered by `postdesk render`, which
//! follows the site's Markdown settings, and the two are compared page by page:
//! - the sequence of top-level blocks (their element names),
//! - each block's text, punctuation included (curly quotes, dashes, ellipses),
//! - the heading ids, in order,
//! - the footnotes' texts (the generators gather them at the end of the page, the preview shows
//!   each where it is written, so they are compared apart from the blocks).
//!
//! The bar is every page without components or shortcodes (`.mdx`, `{{< >}}`, `{% %}`), which
//! the preview does not run. A missing generator fails with the command that installs it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use dom_query::{Document, Selection};

fn fixture(generator: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sites")).join(generator)
}

/// What a page shows, as far as the comparison goes.
#[derive(Debug, PartialEq)]
struct Page {
    blocks: Vec<(String, String)>,
    ids: Vec<String>,
    footnotes: Vec<String>,
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The tag a top-level element stands for: a highlighter's wrapper around `<pre>` is the `<pre>`.
fn block_name(block: &Selection) -> String {
    let name = block.nodes().first().and_then(|n| n.node_name()).map(|n| n.to_string()).unwrap_or_default();
    if name == "div"
        && block.select("pre").exists()
        && collapse(&block.text()) == collapse(&block.select("pre").text())
    {
        return "pre".into();
    }
    name
}

/// Reads a page's content HTML (a generator's, or Postdesk's preview fragment).
fn page_of(html: &str) -> Page {
    let doc = Document::from(format!("<html><body>{html}</body></html>"));
    // Postdesk's own additions: scroll-sync markers, the page header, hidden marks.
    doc.select("span[data-line], header.post-header, span.raw-omitted-inline").remove();
    // Cells and items are words apart however the HTML is laid out.
    doc.select("td, th, li").append_html(" ");
    // Footnote texts, without their labels and back-links.
    doc.select(
        "sup.footnote-definition-label, a.footnote-backref, a.reversefootnote, a[data-footnote-backref]",
    )
    .remove();
    let mut footnotes: Vec<String> =
        doc.select("div.footnote-definition").iter().map(|f| collapse(&f.text())).collect();
    footnotes.extend(
        doc.select("div.footnotes li, section[data-footnotes] li").iter().map(|li| collapse(&li.text())),
    );
    doc.select("div.footnote-definition, div.footnotes, section[data-footnotes]").remove();
    let ids = doc
        .select("h1, h2, h3, h4, h5, h6")
        .iter()
        .map(|h| h.attr("id").map(|t| t.to_string()).unwrap_or_default())
        .collect();
    let blocks = doc
        .select("body")
        .children()
        .iter()
        .map(|b| (block_name(&b), collapse(&b.text())))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    Page { blocks, ids, footnotes }
}

/// Each post page the generator wrote: source path (relative to the site root) → content HTML.
fn generator_pages(generator: &str, out: &Path) -> BTreeMap<String, String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/generators.sh");
    let run = Command::new("bash")
        .arg(script)
        .args(["content", generator])
        .arg(fixture(generator))
        .arg(out)
        .output()
        .expect("bash runs scripts/generators.sh");
    assert!(
        run.status.success(),
        "{generator} could not build its fixture (exit {:?}); install the generators with `scripts/generators.sh install`:\n{}",
        run.status.code(),
        String::from_utf8_lossy(&run.stderr)
    );
    let mut pages = BTreeMap::new();
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(entry.path()).unwrap();
        let doc = Document::from(html);
        for page in doc.select("postdesk-page").iter() {
            let src = page.attr("data-src").map(|s| s.to_string()).unwrap_or_default();
            if src.ends_with(".md") || src.ends_with(".markdown") || src.ends_with(".mdx") {
                pages.insert(src, page.inner_html().to_string());
            }
        }
    }
    pages
}

fn postdesk_render(file: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_postdesk")).arg("render").arg(file).output().unwrap();
    assert!(
        out.status.success(),
        "postdesk render {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Pages the preview does not claim to match: components and shortcodes, which it never runs.
fn runs_code(path: &str, text: &str) -> bool {
    path.ends_with(".mdx") || text.contains("{{<") || text.contains("{{%") || text.contains("{%")
}

/// Compares every page of one generator's fixture; prints the agreement and fails on any page
/// that differs.
fn compare(generator: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let pages = generator_pages(generator, &tmp.path().join("out"));
    assert!(pages.len() >= 5, "{generator} wrote only {} post pages: {:?}", pages.len(), pages.keys());
    let (mut compared, mut skipped, mut differing) = (0, Vec::new(), Vec::new());
    for (src, theirs) in &pages {
        let file = fixture(generator).join(src);
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        if runs_code(src, &text) {
            skipped.push(src.clone());
            continue;
        }
        compared += 1;
        let (want, got) = (page_of(theirs), page_of(&postdesk_render(&file)));
        if want != got {
            differing.push(format!("{src}:\n  {generator}: {want:?}\n  postdesk: {got:?}"));
        }
    }
    eprintln!(
        "fidelity {generator}: {} of {compared} pages agree (blocks, text, heading ids, footnotes); not compared (components or shortcodes): {skipped:?}",
        compared - differing.len()
    );
    assert!(differing.is_empty(), "pages that differ from {generator}'s:\n{}", differing.join("\n"));
}

#[test]
fn hugo_pages_match_the_preview() {
    compare("hugo");
}

#[test]
fn jekyll_pages_match_the_preview() {
    compare("jekyll");
}

#[test]
fn astro_pages_match_the_preview() {
    compare("astro");
}

/// The typography fixture is in every site, so the comparison above covers what differs
/// between generators; this pins what it must contain, so the fixture cannot lose it.
#[test]
fn the_typography_fixture_exercises_what_generators_differ_on() {
    for path in [
        "hugo/content/posts/typography.md",
        "jekyll/_posts/2024-08-01-typography.md",
        "astro/src/content/blog/typography.md",
    ] {
        let text = std::fs::read_to_string(fixture("").join(path)).unwrap();
        for needle in [
            "\"double quotes\"",
            " -- ",
            "...",
            "{#custom-id}",
            "[^note]",
            "- [x]",
            "<kbd>",
            "<!--",
            "<details>",
            "{: .note}",
            "## Notes\n\n## Notes",
        ] {
            assert!(text.contains(needle), "{path} lost {needle:?}");
        }
    }
}
