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
pub mod incremental;
pub mod slug;
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

/// The plain text of a run of events (a heading's, an image's alt, a code block's code).
fn plain_text(events: &[(Event<'_>, std::ops::Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(tag, Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. })
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(tag, TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image)
}

fn is_container(tag: &Tag<'_>) -> bool {
    matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_))
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(tag, TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition)
}

/// The filter's state while it streams the parser's events into the events it writes.
struct Filter<'a, 'c> {
    out: Vec<Event<'a>>,
    line_starts: Vec<usize>,
    ctx: &'c RenderContext<'c>,
    slugs: slug::Slugger,
    /// For each open container: was its start written (false = flattened)?
    containers: Vec<bool>,
    kept_containers: usize,
    /// For each open link: was its anchor written?
    links: Vec<bool>,
    block_depth: usize,
}

impl<'a> Filter<'a, '_> {
    /// Writes the scroll-sync marker before a block that starts at the top level.
    fn mark_block(&mut self, start: usize) {
        if self.block_depth == 0 {
            let line = line_at(&self.line_starts, start);
            self.out.push(Event::Html(format!("<span data-line=\"{line}\"></span>").into()));
        }
    }

    fn event(&mut self, event: Event<'a>, range: std::ops::Range<usize>) {
        match &event {
            Event::Start(tag) if !is_inline(tag) => {
                self.mark_block(range.start);
                self.block_depth += 1;
            }
            Event::End(tag) if !is_inline_end(tag) => self.block_depth = self.block_depth.saturating_sub(1),
            Event::Rule => self.mark_block(range.start),
            _ => {}
        }
        let out = &mut self.out;
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            Event::Start(Tag::HtmlBlock) => {
                out.push(Event::Html(CowStr::Borrowed("<div class=\"raw-html\">")))
            }
            Event::End(TagEnd::HtmlBlock) => out.push(Event::Html(CowStr::Borrowed("</div>"))),
            Event::Start(ref tag) if is_container(tag) => {
                let kept = self.kept_containers < MAX_DEPTH;
                self.containers.push(kept);
                if kept {
                    self.kept_containers += 1;
                    out.push(event);
                }
            }
            Event::End(ref tag) if is_container_end(tag) => {
                if self.containers.pop().unwrap_or(false) {
                    self.kept_containers -= 1;
                    out.push(event);
                }
            }
            Event::End(TagEnd::Heading(level)) => out.push(Event::Html(format!("</{level}>").into())),
            Event::Start(Tag::Link { dest_url, title, .. }) => {
                let safe = urls::is_safe_link(&dest_url);
                self.links.push(safe);
                if safe {
                    let post = urls::linked_post(&dest_url, self.ctx.post_dir);
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
            // Images are always gathered whole by `feed`; one arriving here alone is dropped
            // rather than written unfiltered.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            Event::End(TagEnd::Link) => {
                if self.links.pop().unwrap_or(false) {
                    out.push(Event::Html(CowStr::Borrowed("</a>")));
                }
            }
            other => out.push(other),
        }
    }

    /// Streams events through the filter. Headings, fenced code and images are gathered whole
    /// first, at any depth (an image inside a heading or a table cell too), because what they
    /// write depends on their text; everything else passes one event at a time.
    fn feed(&mut self, mut events: impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>) {
        while let Some((event, range)) = events.next() {
            let whole = matches!(
                event,
                Event::Start(
                    Tag::Heading { .. } | Tag::CodeBlock(CodeBlockKind::Fenced(_)) | Tag::Image { .. }
                )
            );
            if !whole {
                self.event(event, range);
                continue;
            }
            let mut inner = Vec::new();
            let mut depth = 1usize;
            for (e, r) in events.by_ref() {
                match &e {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth -= 1,
                    _ => {}
                }
                inner.push((e, r));
                if depth == 0 {
                    break;
                }
            }
            self.element(event, range, inner);
        }
    }

    /// A heading, fenced code block or image, given whole (`inner` ends with its end tag),
    /// because what it writes depends on its text.
    fn element(
        &mut self,
        start: Event<'a>,
        range: std::ops::Range<usize>,
        inner: Vec<(Event<'a>, std::ops::Range<usize>)>,
    ) {
        match start {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let id = match id {
                    Some(explicit) => self.slugs.claim(&explicit),
                    None => self.slugs.slug(&plain_text(&inner)),
                };
                self.mark_block(range.start);
                self.block_depth += 1;
                self.out.push(Event::Html(format!("<{level} id=\"{}\">", attr(&id)).into()));
                self.feed(inner.into_iter());
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let lang = info.split_whitespace().next().unwrap_or("");
                match highlight::highlight(&plain_text(&inner), lang) {
                    Some(html) => {
                        self.mark_block(range.start);
                        self.out.push(Event::Html(html.into()));
                    }
                    None => {
                        self.event(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))), range);
                        self.feed(inner.into_iter());
                    }
                }
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let html = image_html(&dest_url, &plain_text(&inner), &title, self.ctx);
                self.out.push(Event::Html(html.into()));
            }
            other => self.event(other, range),
        }
    }
}

/// The sanitised HTML fragment for a post body.
pub fn render_body(markdown: &str, ctx: &RenderContext<'_>) -> String {
    let line_starts =
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', markdown.as_bytes()).map(|i| i + 1)).collect();
    let mut filter = Filter {
        out: Vec::with_capacity(markdown.len() / 16),
        line_starts,
        ctx,
        slugs: slug::Slugger::default(),
        containers: Vec::new(),
        kept_containers: 0,
        links: Vec::new(),
        block_depth: 0,
    };
    filter.feed(Parser::new_ext(markdown, options()).into_offset_iter());
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, filter.out.into_iter());
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
