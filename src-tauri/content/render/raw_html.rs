//! Raw HTML in a post, rendered as the site renders it and made safe with ammonia's allowlist:
//! what posts use and sites show (`kbd`, `br`, `sup`, tables, `details`, `figure`, images,
//! links, lists, headings, `span`/`div` with classes) stays; scripts, styles, frames, forms,
//! embeds, every `on*` attribute, every URL scheme but http, https, mailto and relative paths,
//! and comments go. Images load through the confined asset scheme, like Markdown images.
//!
//! The filter passes raw HTML through only when the whole body allows it
//! ([`allows_raw_html`]), so a window re-render and a whole render always agree; past the
//! budget, raw HTML is shown as text as before, and no sanitiser runs over a pathological
//! document. A post cannot forge the scroll-sync markers the renderer cuts blocks at: the
//! marker's attribute is renamed in raw HTML before anything else sees it.

use std::collections::{HashMap, HashSet};

use super::urls;

/// The largest body whose raw HTML is rendered (and sanitised); larger bodies show it as text.
pub const MAX_RAW_HTML_BODY: usize = 256 * 1024;
/// The most `<` a body may hold for its raw HTML to be rendered: it bounds the element count,
/// and so the tree's depth, that the HTML parser and sanitiser see.
pub const MAX_RAW_HTML_TAGS: usize = 20_000;

/// Whether the raw HTML of `body` is rendered (sanitised), decided once for the whole body.
pub fn allows_raw_html(body: &str) -> bool {
    body.len() <= MAX_RAW_HTML_BODY && memchr::memchr_iter(b'<', body.as_bytes()).count() <= MAX_RAW_HTML_TAGS
}

/// Elements that wrap Markdown blocks in real posts (`<details>` around a list, `<div
/// class="note">` around paragraphs). One opened in a block and closed in a later one makes
/// those blocks one element on the site, so the preview renders them as one block.
const WRAPPERS: &[&str] = &[
    "details",
    "div",
    "section",
    "aside",
    "article",
    "figure",
    "aside",
    "blockquote",
    "center",
    "main",
    "header",
    "footer",
    "nav",
    "table",
    "ul",
    "ol",
    "dl",
];

/// How many wrapper elements `raw` opens minus how many it closes.
pub fn wrapper_balance(raw: &str) -> i32 {
    let mut balance = 0;
    let bytes = raw.as_bytes();
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &raw[at + 1..];
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(after) => (true, after),
            None => (false, rest),
        };
        let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let name = rest[..name_len].to_ascii_lowercase();
        if name_len == 0 || !WRAPPERS.contains(&name.as_str()) {
            continue;
        }
        let self_closing = rest[name_len..].split('>').next().is_some_and(|attrs| attrs.ends_with('/'));
        match (closing, self_closing) {
            (true, _) => balance -= 1,
            (false, false) => balance += 1,
            (false, true) => {}
        }
    }
    balance
}

/// True for an HTML comment, which no site shows.
pub fn is_comment(raw: &str) -> bool {
    raw.trim_start().starts_with("<!--")
}

/// A raw HTML fragment as the filter passes it on: the renderer's own marker attribute renamed,
/// in any case, so a post cannot cut the page into blocks of its choosing.
pub fn neutralise(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase();
    if !lower.contains("data-line") {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut at = 0;
    while let Some(found) = lower[at..].find("data-line") {
        out.push_str(&raw[at..at + found]);
        out.push_str("data-raw-line");
        at += found + "data-line".len();
    }
    out.push_str(&raw[at..]);
    out
}

const TAGS: &[&str] = &[
    // What the renderer itself writes.
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "img",
    "code",
    "pre",
    "span",
    "div",
    "em",
    "strong",
    "del",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "sup",
    "input",
    "section",
    // What posts write and sites render.
    "kbd",
    "sub",
    "s",
    "details",
    "summary",
    "figure",
    "figcaption",
    "picture",
    "source",
    "mark",
    "abbr",
    "small",
    "dl",
    "dt",
    "dd",
    "i",
    "b",
    "u",
    "q",
    "cite",
    "time",
    "var",
    "samp",
    "tfoot",
    "caption",
    "colgroup",
    "col",
    "ins",
    "wbr",
    "center",
];

/// `html` without its `<noscript>` and `</noscript>` tags (their content stays). The preview runs
/// no scripts, so a script's fallback (Zola posts wrap a chart's `<img>` in one) is what a
/// reader without them sees; and with the tags gone, the sanitiser's parse and the frame's
/// agree on what is markup, so a `</noscript>` inside an attribute cannot turn into a tag.
fn without_noscript(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    if !lower.contains("noscript") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(found) = lower[at..].find("noscript").map(|i| at + i) {
        let open = lower[..found].rfind('<').filter(|&lt| {
            let between = &lower[lt + 1..found];
            between.is_empty() || between == "/"
        });
        match (open, lower[found..].find('>')) {
            (Some(lt), Some(gt)) if lt >= at => {
                out.push_str(&html[at..lt]);
                at = found + gt + 1;
            }
            _ => {
                out.push_str(&html[at..found + "noscript".len()]);
                at = found + "noscript".len();
            }
        }
    }
    out.push_str(&html[at..]);
    out
}

/// Sanitises rendered HTML that holds raw HTML from the post. `post_dir` resolves relative
/// image paths the way Markdown images are resolved.
pub fn sanitise(html: &str, post_dir: &str) -> String {
    let tags: HashSet<&str> = TAGS.iter().copied().collect();
    let generic: HashSet<&str> = ["class", "id", "title", "lang", "dir"].into_iter().collect();
    let mut per_tag: HashMap<&str, HashSet<&str>> = HashMap::new();
    per_tag.insert("a", ["href", "data-post"].into_iter().collect());
    per_tag.insert("img", ["src", "alt", "loading", "width", "height"].into_iter().collect());
    per_tag.insert("source", ["srcset", "media", "type"].into_iter().collect());
    per_tag.insert("span", ["data-line", "style"].into_iter().collect());
    per_tag.insert("pre", ["style"].into_iter().collect());
    per_tag.insert("input", ["type", "checked", "disabled"].into_iter().collect());
    per_tag.insert("th", ["style", "colspan", "rowspan"].into_iter().collect());
    per_tag.insert("td", ["style", "colspan", "rowspan"].into_iter().collect());
    per_tag.insert("details", ["open"].into_iter().collect());
    per_tag.insert("ol", ["start"].into_iter().collect());
    per_tag.insert("time", ["datetime"].into_iter().collect());
    per_tag.insert("abbr", ["title"].into_iter().collect());
    let post_dir = post_dir.to_string();
    ammonia::Builder::default()
        .tags(tags)
        .generic_attributes(generic)
        .tag_attributes(per_tag)
        .link_rel(None)
        .url_schemes(["http", "https", "mailto", urls::ASSET_SCHEME].into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .strip_comments(true)
        .attribute_filter(move |element, attribute, value| filter(element, attribute, value, &post_dir))
        .clean(&without_noscript(html))
        .to_string()
}

fn filter<'v>(
    element: &str,
    attribute: &str,
    value: &'v str,
    post_dir: &str,
) -> Option<std::borrow::Cow<'v, str>> {
    use std::borrow::Cow;
    match (element, attribute) {
        // Only the alignment the table writer sets; nothing else reaches CSS.
        ("th" | "td", "style") => {
            let ok = ["text-align: left", "text-align: center", "text-align: right"].contains(&value.trim());
            ok.then_some(Cow::Borrowed(value))
        }
        // The code highlighter's colours, and nothing else.
        ("span" | "pre", "style") => highlight_style(value).then_some(Cow::Borrowed(value)),
        ("input", "type") => (value == "checkbox").then_some(Cow::Borrowed(value)),
        // An image through the confined asset scheme (the renderer's own), or resolved as a
        // Markdown image would be; a srcset is not followed.
        ("img", "src") => {
            if urls::scheme(value).as_deref() == Some(urls::ASSET_SCHEME) {
                return Some(Cow::Borrowed(value));
            }
            match urls::resolve_image(value, post_dir) {
                urls::ImageSource::Remote(src) | urls::ImageSource::Asset(src) => Some(Cow::Owned(src)),
                urls::ImageSource::Refused => None,
            }
        }
        ("source", "srcset") => None,
        ("a", "href") => urls::is_safe_link(value).then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// A style the code highlighter writes: colours and weights only (`color:#a0b1c2;`).
fn highlight_style(value: &str) -> bool {
    let hex = |v: &str| {
        v.strip_prefix('#')
            .is_some_and(|h| (h.len() == 6 || h.len() == 8) && h.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    value.split(';').map(str::trim).filter(|d| !d.is_empty()).all(|d| match d.split_once(':') {
        Some(("color" | "background-color", v)) => hex(v.trim()),
        Some(("font-weight", v)) => v.trim() == "bold",
        Some(("font-style", v)) => v.trim() == "italic",
        Some(("text-decoration", v)) => v.trim() == "underline",
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_highlighter_s_styles_pass() {
        assert!(highlight_style("color:#a0b1c2;"));
        assert!(highlight_style("background-color:#ffffff; font-weight:bold;"));
        assert!(!highlight_style("color:#a0b1c2; background:url(https://e.org/x)"));
        assert!(!highlight_style("position:fixed"));
    }

    #[test]
    fn markers_cannot_be_forged() {
        assert_eq!(neutralise("<span DATA-LINE=\"3\"></span>"), "<span data-raw-line=\"3\"></span>");
        assert_eq!(neutralise("<kbd>x</kbd>"), "<kbd>x</kbd>");
    }

    #[test]
    fn what_sites_render_stays_and_what_runs_goes() {
        let clean = sanitise(
            "<p><kbd>Ctrl</kbd><br><sup>1</sup><!-- note --></p><script>alert(1)</script>\
             <img src=\"x.png\" onerror=\"alert(1)\"><a href=\"javascript:alert(1)\">j</a>\
             <details><summary>More</summary>Hidden</details><iframe src=\"https://e.org\"></iframe>\
             <td style=\"background: url(https://e.org/x)\">",
            "notes",
        );
        assert!(clean.contains("<kbd>Ctrl</kbd><br><sup>1</sup>"), "{clean}");
        assert!(!clean.contains("<!--") && !clean.contains(" note "), "comments are hidden: {clean}");
        assert!(
            !clean.contains("script") && !clean.contains("onerror") && !clean.contains("javascript"),
            "{clean}"
        );
        assert!(!clean.contains("iframe") && !clean.contains("background"), "{clean}");
        assert!(clean.contains("<details><summary>More</summary>Hidden</details>"), "{clean}");
        assert!(clean.contains("src=\"pdasset://localhost/post/notes/x.png\""), "{clean}");
    }
}
