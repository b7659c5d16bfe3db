//! Markdown render for the preview, `postdesk render` and (later) the HTML export.
//!
//! pulldown-cmark parses with the extensions the site generators enable (tables, footnotes,
//! strikethrough, task lists, heading attributes; smart punctuation off). The event stream is
//! then filtered here rather than trusting a sanitiser afterwards, because a general sanitiser
//! run over a pathological document can itself become the denial of service:
//! - raw HTML is shown as text, never as markup;
//! - links keep only http, https, mailto, anchors and relative paths; others lose their anchor;
//! - images load only through the asset scheme (inside the site folder) or http(s);
//! - container nesting deeper than [`MAX_DEPTH`] is flattened, so the page stays shallow;
//! - every tag this module writes itself escapes its attributes.
//!
//! It also adds what the preview needs: heading ids as GitHub, Hugo and Astro make them,
//! highlighted fenced code, a `data-line` marker before each top-level block for scroll sync,
//! and app-origin links (with `data-post`) to other posts so the app can open them. Pure, and
//! never panics.

mod header;
mod highlight;
mod slug;
pub mod urls;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

pub use header::{render_header, Header};

/// Deeper block nesting than this is flattened (its content stays, its boxes go).
pub const MAX_DEPTH: usize = 24;

/// Where the post sits, for resolving relative links and images.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderContext<'a> {
    /// The post's folder relative to the opened folder ("" at the top), `/`-separated.
    pub post_dir: &'a str,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let _ = escape_html(&mut out, value);
    out
}

fn href(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let _ = escape_href(&mut out, value);
    out
}

/// The 1-based line of byte `offset`, given the offsets where lines start.
fn line_at(line_starts: &[usize], offset: usize) -> usize {
    line_starts.partition_point(|&start| start <= offset)
}

/// The plain text of events from `from` to the end tag that closes the tag opened there.
fn text_until_close(events: &[(Event<'_>, std::ops::Range<usize>)], from: usize) -> (String, usize) {
    let mut text = String::new();
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(from) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return (text, i);
                }
            }
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    (text, events.len().saturating_sub(1))
}

fn is_container(tag: &Tag<'_>) -> bool {
    matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_))
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(tag, TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition)
}

/// The sanitised HTML fragment for a post body.
pub fn render_body(markdown: &str, ctx: &RenderContext<'_>) -> String {
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> =
        Parser::new_ext(markdown, options()).into_offset_iter().collect();
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(markdown.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len() + events.len() / 4);
    let mut slugs = slug::Slugger::default();
    // For each open container: was its start written (false = flattened)?
    let mut containers: Vec<bool> = Vec::new();
    let mut kept_containers = 0usize;
    // For each open link: was its anchor written?
    let mut links: Vec<bool> = Vec::new();
    let mut block_depth = 0usize;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        let event = event.clone();
        if let Event::Start(tag) = &event {
            let top_level_block = block_depth == 0
                && !matches!(
                    tag,
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
                );
            if top_level_block {
                out.push(Event::Html(
                    format!("<span data-line=\"{}\"></span>", line_at(&line_starts, range.start)).into(),
                ));
            }
            if !matches!(
                tag,
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
            ) {
                block_depth += 1;
            }
        }
        if let Event::End(tag) = &event {
            if !matches!(
                tag,
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
            ) {
                block_depth = block_depth.saturating_sub(1);
            }
        }
        match event {
            Event::Rule if block_depth == 0 => {
                out.push(Event::Html(
                    format!("<span data-line=\"{}\"></span>", line_at(&line_starts, range.start)).into(),
                ));
                out.push(Event::Rule);
            }
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            Event::Start(Tag::HtmlBlock) => {
                out.push(Event::Html(CowStr::Borrowed("<div class=\"raw-html\">")))
            }
            Event::End(TagEnd::HtmlBlock) => out.push(Event::Html(CowStr::Borrowed("</div>"))),
            Event::Start(ref tag) if is_container(tag) => {
                let kept = kept_containers < MAX_DEPTH;
                containers.push(kept);
                if kept {
                    kept_containers += 1;
                    out.push(event);
                }
            }
            Event::End(ref tag) if is_container_end(tag) => {
                if containers.pop().unwrap_or(false) {
                    kept_containers -= 1;
                    out.push(event);
                }
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                let (text, _) = text_until_close(&events, i);
                let id = match id {
                    Some(explicit) => slugs.claim(&explicit),
                    None => slugs.slug(&text),
                };
                out.push(Event::Html(format!("<{level} id=\"{}\">", attr(&id)).into()));
            }
            Event::End(TagEnd::Heading(level)) => out.push(Event::Html(format!("</{level}>").into())),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let lang = info.split_whitespace().next().unwrap_or("").to_string();
                let (code, end) = text_until_close(&events, i);
                match highlight::highlight(&code, &lang) {
                    Some(html) => {
                        out.push(Event::Html(html.into()));
                        i = end;
                        block_depth = block_depth.saturating_sub(1);
                    }
                    None => out.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))),
                }
            }
            Event::Start(Tag::Link { dest_url, title, .. }) => {
                let safe = urls::is_safe_link(&dest_url);
                links.push(safe);
                if safe {
                    let post = urls::linked_post(&dest_url, ctx.post_dir);
                    let target = post.as_deref().map_or_else(|| dest_url.to_string(), urls::post_link_href);
                    let mut a = format!("<a href=\"{}\"", href(&target));
                    if !title.is_empty() {
                        a.push_str(&format!(" title=\"{}\"", attr(&title)));
                    }
                    if let Some(post) = &post {
                        a.push_str(&format!(" data-post=\"{}\"", attr(post)));
                    }
                    a.push('>');
                    out.push(Event::Html(a.into()));
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    out.push(Event::Html(CowStr::Borrowed("</a>")));
                }
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let (alt, end) = text_until_close(&events, i);
                out.push(Event::Html(image_html(&dest_url, &alt, &title, ctx).into()));
                i = end;
            }
            other => out.push(other),
        }
        i += 1;
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    html
}

fn image_html(url: &str, alt: &str, title: &str, ctx: &RenderContext<'_>) -> String {
    let title_attr = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", attr(title)) };
    match urls::resolve_image(url, ctx.post_dir) {
        urls::ImageSource::Remote(src) | urls::ImageSource::Asset(src) => {
            format!("<img src=\"{}\" alt=\"{}\"{title_attr} loading=\"lazy\">", href(&src), attr(alt))
        }
        urls::ImageSource::Refused => format!(
            "<span class=\"image-refused\" title=\"{}\">{}</span>",
            attr(&format!("Not shown: {url} is outside the site folder or not an image URL")),
            attr(if alt.is_empty() { "image" } else { alt })
        ),
    }
}

/// The preview's whole fragment: the page header from the front matter, then the body.
pub fn render_post(header: &Header, body: &str, ctx: &RenderContext<'_>) -> String {
    let mut html = render_header(header, ctx);
    html.push_str(&render_body(body, ctx));
    html
}

#[cfg(test)]
mod tests;
