//! Markdown render for the preview, `postdesk render` and (later) the HTML export.
//!
//! pulldown-cmark parses with the extensions the site generators enable (tables, footnotes,
//! strikethrough, task lists, heading attributes; smart punctuation off). The event stream is
//! then filtered here rather than trusting a sanitiser afterwards, because a general sanitiser
//! run over a pathological document can itself become the denial of service:
//! - raw HTML is rendered through ammonia's allowlist (`raw_html.rs`), or shown as text past
//!   a size budget decided for the whole body;
//! - links keep only http, https, mailto, anchors and relative paths; others lose their anchor;
//! - images load only through the asset scheme (inside the site folder) or http(s);
//! - container nesting deeper than [`MAX_DEPTH`] is flattened, so the page stays shallow;
//! - every tag this module writes itself escapes its attributes.
//!
//! It also adds what the preview needs: heading ids as GitHub, Hugo and Astro make them,
//! highlighted fenced code, a `data-line` marker before each top-level block for scroll sync,
//! and app-origin links (with `data-post`) to other posts so the app can open them. Pure, and
//! never panics.

pub mod flavour;
mod header;
mod highlight;
pub mod incremental;
mod raw_html;
pub mod slug;
pub mod urls;
pub mod window;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};

pub use flavour::Flavour;
pub use header::{render_header, Header};

/// Deeper block nesting than this is flattened (its content stays, its boxes go).
pub const MAX_DEPTH: usize = 24;

/// Where the post sits, for resolving relative links and images, and whether its code is
/// highlighted.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderContext<'a> {
    /// The post's folder relative to the opened folder ("" at the top), `/`-separated.
    pub post_dir: &'a str,
    /// Show fenced code as plain text. Set for a body over [`MAX_HIGHLIGHTED_BODY`]: syntect's
    /// grammars take seconds on a few hundred kilobytes of code (a fuzzed post wrapped whole in
    /// a ```` ```markdown ```` fence took 15 s), and a hostile 16 MiB post of code blocks must
    /// not freeze the window. Decided from the whole body, never per render window, so a
    /// window re-render and a whole render always agree.
    pub plain_code: bool,
    /// Render the post's raw HTML (sanitised, `raw_html.rs`) rather than show it as text.
    /// Decided from the whole body, like `plain_code`.
    pub raw_html: bool,
    /// The site generator's Markdown settings.
    pub flavour: Flavour,
    /// The body's components, shortcodes, ESM and expressions (`content::components`), as
    /// byte ranges of the whole body: shown as labelled boxes, never run.
    pub spans: &'a [crate::content::components::Span],
}

/// The largest body whose fenced code is highlighted: the most syntect is ever asked to do
/// for one post.
pub const MAX_HIGHLIGHTED_BODY: usize = 256 * 1024;

impl<'a> RenderContext<'a> {
    /// The context for rendering `body` of a post in `post_dir`, on a site with `flavour`.
    pub fn for_body(post_dir: &'a str, body: &str, flavour: Flavour) -> Self {
        RenderContext {
            post_dir,
            plain_code: body.len() > MAX_HIGHLIGHTED_BODY,
            raw_html: raw_html::allows_raw_html(body),
            flavour,
            spans: &[],
        }
    }

    /// This context with the body's component spans.
    pub fn with_spans(self, spans: &'a [crate::content::components::Span]) -> Self {
        RenderContext { spans, ..self }
    }

    /// What decides whether blocks rendered under one context can be reused under another.
    pub fn reuse_key(&self) -> (bool, bool, Flavour) {
        (self.plain_code, self.raw_html, self.flavour)
    }
}

/// The parser options for a site with `flavour`, as the checks read its posts (smart
/// punctuation is the render's alone: the checks read what the writer typed).
pub(crate) fn options_for(flavour: Flavour) -> Options {
    let mut options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (on, option) in [
        (flavour.footnotes, Options::ENABLE_FOOTNOTES),
        (flavour.task_lists, Options::ENABLE_TASKLISTS),
        (flavour.heading_attributes, Options::ENABLE_HEADING_ATTRIBUTES),
    ] {
        if on {
            options |= option;
        }
    }
    options
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
    /// Inside an HTML block the site omits: has its placeholder been written?
    omitting: Option<bool>,
    /// Where this render's text starts in the whole body (the spans are whole-body ranges),
    /// and the text itself.
    offset: usize,
    source: &'a str,
    /// Spans before this index have been written.
    spans_done: usize,
    /// Inside a paragraph, where a component's box must be inline markup.
    in_paragraph: bool,
    line_starts: Vec<usize>,
    ctx: &'c RenderContext<'c>,
    slugs: slug::Slugger,
    /// For each open container: was its start written (false = flattened)?
    containers: Vec<bool>,
    kept_containers: usize,
    /// For each open link: was its anchor written?
    links: Vec<bool>,
    block_depth: usize,
    /// Where each top-level block starts: its source offset and line, kind, and the headings it
    /// holds (inputs to the slugger, in order).
    tops: Vec<Top>,
    /// Footnotes make numbering depend on the whole document.
    footnotes: bool,
}

/// A top-level block as the filter saw it start.
struct Top {
    start: usize,
    end: usize,
    line: usize,
    kind: TopKind,
    headings: Vec<slug::HeadingInput>,
    /// It holds raw HTML, passed on for the sanitiser.
    raw: bool,
    /// It opens or closes a component's box.
    component: bool,
    /// Wrapper elements its raw HTML opens minus those it closes (`raw_html::wrapper_balance`).
    opens: i32,
}

/// The kind of a top-level block, as far as incremental rendering must know: whether text
/// after it (past a blank line) is certain to start a block of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopKind {
    /// Paragraph, heading, rule, table: closed by the blank line after them.
    Closed,
    /// A fenced code block: closed only if its closing fence is there.
    Fenced,
    /// Lists, quotes, indented code, HTML blocks, footnote definitions: later indented or lazy
    /// text may still belong to them.
    Open,
}

fn top_kind(event: &Event<'_>) -> TopKind {
    match event {
        Event::Rule => TopKind::Closed,
        Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Table(_)) => TopKind::Closed,
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => TopKind::Fenced,
        _ => TopKind::Open,
    }
}

impl<'a> Filter<'a, '_> {
    /// Writes the scroll-sync marker before a block that starts at the top level, and notes
    /// where the block starts.
    fn mark_block(&mut self, event: &Event<'_>, range: &std::ops::Range<usize>) {
        if self.block_depth == 0 {
            let line = line_at(&self.line_starts, range.start);
            self.tops.push(Top {
                start: range.start,
                end: range.end,
                line,
                kind: top_kind(event),
                headings: Vec::new(),
                raw: false,
                component: false,
                opens: 0,
            });
            self.out.push(Event::Html(marker(line).into()));
        }
    }

    fn event(&mut self, event: Event<'a>, range: std::ops::Range<usize>) {
        if matches!(event, Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))) {
            self.footnotes = true;
        }
        if !self.ctx.spans.is_empty() && self.through_spans(&event, &range) {
            return;
        }
        match &event {
            Event::Start(Tag::Paragraph) => self.in_paragraph = true,
            Event::End(TagEnd::Paragraph) => self.in_paragraph = false,
            _ => {}
        }
        match &event {
            Event::Start(tag) if !is_inline(tag) => {
                self.mark_block(&event, &range);
                self.block_depth += 1;
            }
            Event::End(tag) if !is_inline_end(tag) => self.block_depth = self.block_depth.saturating_sub(1),
            Event::Rule => self.mark_block(&event, &range),
            _ => {}
        }
        let out = &mut self.out;
        let omit = self.ctx.flavour.raw_html == flavour::RawHtml::Omit;
        match event {
            // The site drops raw HTML: a block becomes one marked placeholder, an inline tag
            // a hidden mark (its text stays, as on the site); a comment shows nothing either way.
            Event::Start(Tag::HtmlBlock) if omit => self.omitting = Some(false),
            Event::End(TagEnd::HtmlBlock) if omit => self.omitting = None,
            Event::Html(raw) | Event::InlineHtml(raw) if omit => match self.omitting {
                _ if raw_html::is_comment(&raw) => {}
                Some(false) => {
                    out.push(Event::Html(CowStr::Borrowed(OMITTED_BLOCK)));
                    self.omitting = Some(true);
                }
                Some(true) => {}
                None => out.push(Event::Html(CowStr::Borrowed(OMITTED_INLINE))),
            },
            Event::Html(raw) | Event::InlineHtml(raw) if self.ctx.raw_html => {
                // This block goes through the sanitiser (`render_blocks`).
                if let Some(top) = self.tops.last_mut() {
                    top.raw = true;
                    top.opens += raw_html::wrapper_balance(&raw);
                }
                out.push(Event::Html(raw_html::neutralise(&raw).into()));
            }
            Event::Html(raw) | Event::InlineHtml(raw) => out.push(Event::Text(raw)),
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) if self.ctx.raw_html => {}
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
            Event::Text(text) if self.ctx.flavour.attribute_lists && flavour::is_attribute_lists(&text) => {}
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

    /// Events inside a component's span (`content::components`): the first writes the span's
    /// box, chip or nothing, the rest are dropped; a text that runs into a span is cut at it.
    /// Returns true when the event was taken care of here.
    fn through_spans(&mut self, event: &Event<'a>, range: &std::ops::Range<usize>) -> bool {
        use crate::content::components::span_at;
        let spans = self.ctx.spans;
        let (start, end) = (range.start + self.offset, range.end + self.offset);
        // Spans no event reached (an `{#id}` the heading took as its attributes) are passed
        // over: written late, they would land in another block than a window render puts them.
        while self.spans_done < spans.len() && spans[self.spans_done].range.end <= start {
            self.spans_done += 1;
        }
        let Some(span) = span_at(spans, start) else {
            if let Event::Text(text) = event {
                let next = spans.partition_point(|s| s.range.start < start);
                if spans.get(next).is_some_and(|s| s.range.start < end) && text.len() == end - start {
                    self.split_text(&text.clone(), start);
                    return true;
                }
            }
            return false;
        };
        let index = spans.partition_point(|s| s.range.start <= start) - 1;
        // Inside the span, or running past it by whitespace only (a line's newline).
        let rest = self.source.get(span.range.end.saturating_sub(self.offset)..end - self.offset);
        let inside = end <= span.range.end || rest.is_some_and(|r| r.trim().is_empty());
        match event {
            Event::Start(tag) if !is_inline(tag) => {
                if !inside {
                    return false;
                }
                if self.block_depth == 0 {
                    self.mark_block(event, range);
                }
                self.block_depth += 1;
                self.write_spans_to(index);
            }
            Event::End(tag) if !is_inline_end(tag) => {
                if !inside {
                    return false;
                }
                self.block_depth = self.block_depth.saturating_sub(1);
            }
            Event::Start(_) | Event::End(_) => {
                if !inside {
                    return false;
                }
            }
            Event::Text(text) if !inside && text.len() == end - start => self.split_text(text, start),
            Event::Html(raw) | Event::InlineHtml(raw)
                if !inside && raw.len() == end - start && self.ctx.raw_html =>
            {
                self.split_raw(raw, start)
            }
            _ => self.write_spans_to(index),
        }
        true
    }

    /// Writes every span up to and including `index` not yet written.
    fn write_spans_to(&mut self, index: usize) {
        while self.spans_done <= index && self.spans_done < self.ctx.spans.len() {
            self.write_span(self.spans_done);
        }
    }

    /// Writes `text`, the source bytes from whole-body offset `from`: the parts outside spans
    /// as text, each span it reaches as its markup.
    fn split_text(&mut self, text: &str, from: usize) {
        use crate::content::components::span_at;
        let spans = self.ctx.spans;
        let end = from + text.len();
        let mut at = from;
        while at < end {
            if let Some(span) = span_at(spans, at) {
                let index = spans.partition_point(|s| s.range.start <= at) - 1;
                self.write_spans_to(index);
                at = span.range.end;
                continue;
            }
            let next = spans.partition_point(|s| s.range.start < at);
            let cut = spans.get(next).map_or(end, |s| s.range.start.min(end));
            if let Some(piece) = text.get(at - from..cut - from) {
                self.out.push(Event::Text(piece.to_string().into()));
            }
            at = cut;
        }
    }

    /// `split_text` for raw HTML: the parts outside spans go on as raw HTML, for the sanitiser.
    fn split_raw(&mut self, raw: &str, from: usize) {
        let before = self.out.len();
        self.split_text(raw, from);
        for event in &mut self.out[before..] {
            if let Event::Text(piece) = event {
                let piece = piece.to_string();
                *event = Event::Html(raw_html::neutralise(&piece).into());
                if let Some(top) = self.tops.last_mut() {
                    top.raw = true;
                    top.opens += raw_html::wrapper_balance(&piece);
                }
            }
        }
    }

    /// The markup of span `index`: a component's box (or inline mark), an expression's chip,
    /// nothing for ESM.
    fn write_span(&mut self, index: usize) {
        use crate::content::components::SpanKind;
        self.spans_done = index + 1;
        let span = &self.ctx.spans[index];
        let inline = |flag: bool| flag || self.in_paragraph || self.block_depth > 1;
        let html = match &span.kind {
            SpanKind::Esm => return,
            SpanKind::Expression => {
                let local =
                    span.range.start.saturating_sub(self.offset)..span.range.end.saturating_sub(self.offset);
                let code: String = self.source.get(local).unwrap_or("").chars().take(80).collect();
                format!("<code class=\"component-expression\" title=\"Run by the site; the preview shows its code\">{}</code>", attr(&code))
            }
            SpanKind::Open { name, props, closed, inline: is_inline } => {
                let name = if name.is_empty() { "Fragment" } else { name.as_str() };
                let label = format!(
                    "<span class=\"component-name\">{}</span>{}",
                    attr(name),
                    if props.is_empty() {
                        String::new()
                    } else {
                        format!(" <span class=\"component-props\">{}</span>", attr(props))
                    }
                );
                if inline(*is_inline) {
                    let close = if *closed { "</span>" } else { "" };
                    format!("<span class=\"component component-inline\" title=\"A component the site runs; the preview does not\">{label}{close}")
                } else {
                    if !closed {
                        if let Some(top) = self.tops.last_mut() {
                            top.opens += 1;
                            top.component = true;
                        }
                    }
                    let close = if *closed { "</div>" } else { "" };
                    format!("<div class=\"component\" title=\"A component the site runs; the preview does not\"><div class=\"component-label\">{label}</div>{close}")
                }
            }
            SpanKind::Close { inline: is_inline } => {
                if inline(*is_inline) {
                    "</span>".to_string()
                } else {
                    if let Some(top) = self.tops.last_mut() {
                        top.opens -= 1;
                        top.component = true;
                    }
                    "</div>".to_string()
                }
            }
        };
        self.out.push(Event::Html(html.into()));
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
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let input = match &id {
                    Some(explicit) => slug::HeadingInput::Explicit(explicit.to_string()),
                    None => slug::HeadingInput::Text(plain_text(&inner)),
                };
                let start = Event::Start(Tag::Heading { level, id, classes, attrs });
                self.mark_block(&start, &range);
                let id = self.slugs.id(&input);
                if let Some(top) = self.tops.last_mut() {
                    top.headings.push(input);
                }
                self.block_depth += 1;
                let open = match id {
                    Some(id) => format!("<{level} id=\"{}\">", attr(&id)),
                    None => format!("<{level}>"),
                };
                self.out.push(Event::Html(open.into()));
                self.feed(inner.into_iter());
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let lang = info.split_whitespace().next().unwrap_or("");
                let lang = if self.ctx.plain_code { "" } else { lang };
                match highlight::highlight(&plain_text(&inner), lang) {
                    Some(html) => {
                        self.mark_block(
                            &Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info.clone()))),
                            &range,
                        );
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

/// Where the site omits a block of raw HTML (Hugo's `unsafe = false`), the preview says so.
const OMITTED_BLOCK: &str = "<p class=\"raw-omitted\" title=\"The site's Markdown settings leave raw HTML out of the page (Hugo: markup.goldmark.renderer.unsafe = false).\">raw HTML omitted</p>";
/// An omitted inline tag: hidden, as on the site, but findable.
const OMITTED_INLINE: &str = "<span class=\"raw-omitted-inline\" title=\"raw HTML omitted\"></span>";

/// The scroll-sync marker written before each top-level block.
pub fn marker(line: usize) -> String {
    format!("<span data-line=\"{line}\"></span>")
}

/// One top-level block of a rendered body.
#[derive(Debug, Clone)]
pub struct Block {
    /// Source byte offset where the block starts, and the byte just past its element.
    pub start: usize,
    pub end: usize,
    /// 1-based source line of `start`; its marker is written from this.
    pub line: usize,
    pub kind: TopKind,
    /// The whole render this block came from, and where the block's HTML lies in it (its marker
    /// excluded): blocks share one string instead of each being copied out of it.
    text: std::sync::Arc<String>,
    range: std::ops::Range<usize>,
    /// A hash of `html()`, computed when an update first compares blocks.
    key: std::cell::OnceCell<u64>,
    pub headings: Vec<slug::HeadingInput>,
}

impl Block {
    /// The block's HTML, without its marker.
    pub fn html(&self) -> &str {
        self.text.get(self.range.clone()).unwrap_or("")
    }

    /// The hash an update compares blocks by.
    pub fn key(&self) -> u64 {
        *self.key.get_or_init(|| block_key(self.html()))
    }
}

/// Blocks are equal when they say the same at the same place (the hash is a cache).
impl PartialEq for Block {
    fn eq(&self, other: &Self) -> bool {
        (self.start, self.end, self.line, self.kind, self.html(), &self.headings)
            == (other.start, other.end, other.line, other.kind, other.html(), &other.headings)
    }
}

/// The hash an update compares blocks by.
pub fn block_key(html: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    html.hash(&mut hasher);
    hasher.finish()
}

/// A body rendered block by block (`render_body` joins the blocks).
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedBody {
    /// Anything written before the first block (nothing, for any real post).
    pub lead: String,
    pub blocks: Vec<Block>,
    /// The document uses reference definitions or footnotes, whose effect reaches across
    /// blocks: it can only be rendered whole.
    pub nonlocal: bool,
}

impl RenderedBody {
    /// The whole fragment, markers included.
    pub fn join(&self) -> String {
        let mut html = String::with_capacity(self.blocks.iter().map(|b| b.range.len() + 32).sum::<usize>());
        html.push_str(&self.lead);
        for block in &self.blocks {
            html.push_str(&marker(block.line));
            html.push_str(block.html());
        }
        html
    }
}

/// Where a piece of a body sits in the whole, for rendering a window of it alone.
#[derive(Debug, Clone, Default)]
pub struct Position {
    /// Byte offset and line (0-based count of lines before it) of the piece in the body.
    pub offset: usize,
    pub lines_before: usize,
    /// The heading-id state after every heading before the piece.
    pub slugs: slug::Slugger,
}

/// The sanitised HTML fragment for a post body.
pub fn render_body(markdown: &str, ctx: &RenderContext<'_>) -> String {
    let body = render_blocks(markdown, ctx, Position::default());
    match body.blocks.first() {
        // The blocks share one text: lead, then marker and block after marker and block.
        Some(first) => first.text.to_string(),
        None => body.lead,
    }
}

/// One pass of the filter and one HTML writer over the whole text (so footnote numbers run
/// through the document), and where each top-level block starts.
fn render_whole(markdown: &str, ctx: &RenderContext<'_>, position: Position) -> (String, Vec<Top>, bool) {
    let line_starts =
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', markdown.as_bytes()).map(|i| i + 1)).collect();
    let mut slugs = position.slugs;
    slugs.style = ctx.flavour.heading_ids;
    let mut filter = Filter {
        out: Vec::with_capacity(markdown.len() / 16),
        omitting: None,
        offset: position.offset,
        source: markdown,
        // Spans that start before this text belong to blocks rendered without it.
        spans_done: ctx.spans.partition_point(|s| s.range.start < position.offset),
        in_paragraph: false,
        line_starts,
        ctx,
        slugs,
        containers: Vec::new(),
        kept_containers: 0,
        links: Vec::new(),
        block_depth: 0,
        tops: Vec::new(),
        footnotes: false,
    };
    let mut options = options_for(ctx.flavour);
    if ctx.flavour.smart_punctuation {
        // The render alone: the checks read what the writer typed.
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let parser = Parser::new_ext(markdown, options).into_offset_iter();
    let refdefs = parser.reference_definitions().iter().next().is_some();
    filter.feed(parser);
    let Filter { out, tops, footnotes, .. } = filter;
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    (html, tops, refdefs || footnotes)
}

/// The top-level blocks grouped so that a wrapper element opened in raw HTML (`<details>`)
/// and closed in a later block is one group, as it is one element on the site; and whether a
/// wrapper is still open at the end.
fn wrapped_groups(tops: &[Top]) -> (Vec<std::ops::Range<usize>>, bool) {
    let mut groups = Vec::with_capacity(tops.len());
    let mut i = 0;
    let mut unclosed = false;
    while i < tops.len() {
        let mut end = i + 1;
        let mut open = tops[i].opens;
        while open > 0 && end < tops.len() {
            open += tops[end].opens;
            end += 1;
        }
        unclosed |= open > 0;
        groups.push(i..end);
        i = end;
    }
    (groups, unclosed)
}

/// Renders `markdown` (the whole body, or a window of it at `position`) and cuts the result
/// into its top-level blocks at the markers the filter wrote (post text can never produce a
/// literal marker: raw HTML is escaped, or has the marker's attribute renamed).
pub fn render_blocks(markdown: &str, ctx: &RenderContext<'_>, position: Position) -> RenderedBody {
    let (offset, lines_before) = (position.offset, position.lines_before);
    let (html, tops, nonlocal) = render_whole(markdown, ctx, position);
    let mut cuts = Vec::with_capacity(tops.len());
    let mut from = 0;
    for top in &tops {
        let written = marker(top.line);
        match html.get(from..).and_then(|rest| rest.find(&written)) {
            Some(at) => {
                cuts.push((from + at, from + at + written.len()));
                from += at + written.len();
            }
            // Never expected; if it happened, the page is one block and renders whole.
            None => return RenderedBody { lead: html, blocks: Vec::new(), nonlocal: true },
        }
    }
    let lead = html[..cuts.first().map_or(html.len(), |c| c.0)].to_string();
    let (groups, unclosed) = wrapped_groups(&tops);
    // A block's HTML, without its marker.
    let inner = |i: usize| &html[cuts[i].1..cuts.get(i + 1).map_or(html.len(), |c| c.0)];
    // Each group is one block: its first marker, then its blocks' HTML without their own
    // markers. Blocks that hold raw HTML go through the sanitiser group by group, so a window
    // re-render and a whole render sanitise the same text and agree.
    let mut ranges = Vec::with_capacity(groups.len());
    let plain = groups.len() == tops.len() && !tops.iter().any(|t| t.raw);
    let mut text = String::with_capacity(if plain { 0 } else { html.len() });
    text.push_str(&lead);
    for group in groups.iter().filter(|_| !plain) {
        text.push_str(&html[cuts[group.start].0..cuts[group.start].1]);
        let start = text.len();
        if group.len() > 1 && !ctx.flavour.markdown_in_html {
            // kramdown: what lies between the wrapper's tags is HTML, Markdown left as text.
            let source = &markdown[tops[group.start].start..tops[group.end - 1].end];
            text.push_str(&raw_html::sanitise(source, ctx.post_dir));
        } else if group.clone().any(|i| tops[i].raw) {
            let joined: String = group.clone().map(inner).collect();
            text.push_str(&raw_html::sanitise(&joined, ctx.post_dir));
        } else {
            group.clone().for_each(|i| text.push_str(inner(i)));
        }
        ranges.push(start..text.len());
    }
    if plain {
        // Nothing to join or sanitise: the blocks share the render as it is.
        ranges.extend((0..cuts.len()).map(|i| cuts[i].1..cuts.get(i + 1).map_or(html.len(), |c| c.0)));
        text = html;
    }
    let text = std::sync::Arc::new(text);
    let blocks = groups
        .iter()
        .zip(ranges)
        .map(|(group, range)| {
            let (first, last) = (&tops[group.start], &tops[group.end - 1]);
            Block {
                start: first.start + offset,
                end: last.end + offset,
                line: first.line + lines_before,
                kind: last.kind,
                range,
                text: std::sync::Arc::clone(&text),
                key: std::cell::OnceCell::new(),
                headings: group.clone().flat_map(|i| tops[i].headings.iter().cloned()).collect(),
            }
        })
        .collect();
    // A wrapper left open runs to the end of the body: only a whole render can know where.
    let nonlocal = nonlocal || unclosed;
    RenderedBody { lead, blocks, nonlocal }
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
