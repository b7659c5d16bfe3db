//! How the site's generator turns Markdown into HTML, where the preview can follow it: smart
//! punctuation, raw HTML rendered or omitted, heading ids in the generator's own style, and
//! kramdown's attribute lists. The site model (`content::site`) reads these from the site's
//! config; a plain folder gets [`Flavour::default`], the CommonMark reading Postdesk always had.

use serde::Serialize;
use ts_rs::TS;

/// The Markdown settings of a site's generator that change what its pages show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Site.ts")]
pub struct Flavour {
    /// Straight quotes become curly ones, `--` an en dash, `---` an em dash, `...` an ellipsis
    /// (Hugo's typographer, Astro's smartypants, kramdown; off in Zola and Eleventy unless
    /// configured).
    pub smart_punctuation: bool,
    pub raw_html: RawHtml,
    pub heading_ids: HeadingIds,
    /// kramdown's inline attribute lists (`{: .note}`, `{:toc}`): hidden, never shown as text.
    pub attribute_lists: bool,
    /// `{#id .class}` after a heading sets its id (Hugo, Jekyll, Zola); elsewhere it is text
    /// (Astro, Eleventy).
    pub heading_attributes: bool,
    /// `[^1]` footnotes and `- [ ]` task lists (all but Eleventy's markdown-it).
    pub footnotes: bool,
    pub task_lists: bool,
    /// Markdown between a raw HTML wrapper's tags (`<details>` … `</details>`) is rendered
    /// (CommonMark's generators); kramdown leaves it as text unless told `markdown="1"`.
    pub markdown_in_html: bool,
    /// What the post's body may hold that the site runs (MDX, shortcodes, Liquid): set per
    /// post ([`Flavour::for_post`]), not per site.
    #[serde(skip)]
    #[ts(skip)]
    pub components: crate::content::components::Dialect,
}

impl Flavour {
    /// A plain folder's: CommonMark with GitHub's extensions and ids, raw HTML rendered.
    pub const PLAIN: Flavour = Flavour {
        smart_punctuation: false,
        raw_html: RawHtml::Render,
        heading_ids: HeadingIds::Github,
        attribute_lists: false,
        heading_attributes: true,
        footnotes: true,
        task_lists: true,
        markdown_in_html: true,
        components: crate::content::components::Dialect::Markdown,
    };

    /// This site's flavour for the post at `path` (an `.mdx` post holds MDX; a Hugo post,
    /// shortcodes; a Jekyll or Eleventy post, Liquid).
    pub fn for_post(self, path: &str, generator: crate::content::site::Generator) -> Flavour {
        Flavour { components: crate::content::components::Dialect::of(path, generator), ..self }
    }
}

impl Default for Flavour {
    fn default() -> Self {
        Flavour::PLAIN
    }
}

/// Whether the site renders a post's raw HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Site.ts")]
pub enum RawHtml {
    /// Rendered (sanitised in the preview): Astro, Jekyll, Zola, Eleventy, and Hugo with
    /// `markup.goldmark.renderer.unsafe = true`.
    Render,
    /// Left out of the page (Hugo's default, `unsafe = false`): the preview shows a marked
    /// placeholder where a block of it was, so the writer sees what the site drops.
    Omit,
}

/// How headings get their ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Site.ts")]
pub enum HeadingIds {
    /// GitHub's: lower-case, punctuation dropped, spaces to hyphens, `-1` for repeats (Hugo's
    /// default, Astro's github-slugger, Jekyll's kramdown with GFM input).
    Github,
    /// As GitHub's, with every non-ASCII character dropped (Hugo `github-ascii`).
    GithubAscii,
    /// Zola's `slugify.anchors = "on"`: transliterated to ASCII, runs of other characters to one
    /// hyphen (the `slug` crate Zola itself uses).
    Zola,
    /// No ids (markdown-it without an anchor plugin, kramdown with `auto_ids: false`): only an
    /// explicit `{#id}` makes one.
    None,
}

/// True when `text` is nothing but kramdown attribute lists and extensions (`{: .note}`,
/// `{:toc}`, `{::comment}`), which kramdown applies to the element before them and never shows.
pub fn is_attribute_lists(text: &str) -> bool {
    let mut rest = text.trim();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix("{:") else { return false };
        let Some(end) = inner.find('}') else { return false };
        rest = inner[end + 1..].trim_start();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_lists_are_told_from_text() {
        assert!(is_attribute_lists("{: .note}"));
        assert!(is_attribute_lists(" {:toc} "));
        assert!(is_attribute_lists("{: #intro .lead} {::comment}"));
        assert!(!is_attribute_lists("{: .note} and text"));
        assert!(!is_attribute_lists("{not a list}"));
        assert!(!is_attribute_lists("{: unclosed"));
        assert!(!is_attribute_lists(""));
    }
}
