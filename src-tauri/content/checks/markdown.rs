//! One pass over a post's body that gathers what the rules look at: headings with their ids,
//! images, links, top-level paragraphs, the spans of code (which no prose rule may touch) and
//! a word count. Offsets are into the whole file, so problems and fixes can use them directly.
//! It parses with the same options as the preview, so it sees the same structure.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::content::render::options_for;
use crate::content::render::slug::{HeadingInput, Slugger};
use crate::content::render::Flavour;

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// The id the site gives it (GitHub style, as the preview does).
    pub id: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub url: String,
    pub alt: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub url: String,
    pub range: Range<usize>,
}

/// A paragraph at the top level whose only content is one strong span, such as `**Note:**`.
#[derive(Debug, Clone, PartialEq)]
pub struct BoldLine {
    /// The strong text with any trailing colon, plus a colon written after the closing `**`.
    pub text: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BodyScan {
    pub headings: Vec<Heading>,
    pub images: Vec<Image>,
    pub links: Vec<Link>,
    pub bold_lines: Vec<BoldLine>,
    /// Code blocks, inline code and raw HTML.
    pub code: Vec<Range<usize>>,
    /// The prose's words and CJK characters (code excluded).
    pub text: crate::content::text_metrics::TextCount,
    /// The prose itself: the text of paragraphs, headings, lists and links (absolute byte
    /// ranges), with code, HTML, components, link targets and image descriptions left out.
    pub prose: Vec<Range<usize>>,
    /// Where an `.mdx` body stops parsing (absolute offset) and why: the site's build fails
    /// there too.
    pub mdx_error: Option<(usize, String)>,
}

/// A paragraph's inline content as the bold-line test needs it: `(` and `)` for a strong
/// span's start and end, `t` for text (with the text), `x` for anything else.
type Inline = (u8, String);

/// Scans the body at `body` in `text`, as a plain folder reads it.
pub fn scan(text: &str, body: Range<usize>) -> BodyScan {
    scan_as(text, body, Flavour::PLAIN)
}

/// Scans the body at `body` in `text` as a site with `flavour` reads it (its extensions, and
/// the ids its headings get).
pub fn scan_as(text: &str, body: Range<usize>, flavour: Flavour) -> BodyScan {
    let base = body.start;
    let source = &text[body];
    let mut out = BodyScan::default();
    let mut slugs = Slugger::new(flavour.heading_ids);
    // Open elements whose text is being gathered.
    let mut heading: Option<(u8, Option<String>, Range<usize>, String)> = None;
    let mut image: Option<(String, Range<usize>, String)> = None;
    let mut depth = 0usize;
    let mut code_block: Option<usize> = None;
    // A top-level paragraph: its range and its events as (kind, text) so far.
    let mut paragraph: Option<(Range<usize>, Vec<Inline>)> = None;
    let shift = |r: Range<usize>| r.start + base..r.end + base;
    // What the site runs (components, shortcodes, expressions) is not prose: no words, links,
    // images or code are read from it, and the prose rules skip it as they skip code.
    let (spans, mdx_error) = crate::content::components::spans(source, flavour.components);
    out.mdx_error = mdx_error.map(|e| (e.offset + base, e.message));
    out.code.extend(spans.iter().map(|s| shift(s.range.clone())));

    for (event, range) in Parser::new_ext(source, options_for(flavour)).into_offset_iter() {
        if !spans.is_empty() && crate::content::components::covers(&spans, range.start) {
            match &event {
                Event::Text(_) | Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => continue,
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                    depth += 1;
                    continue;
                }
                _ => {}
            }
        }
        if let Some((_, items)) = paragraph.as_mut() {
            match &event {
                Event::Start(Tag::Strong) => items.push((b'(', String::new())),
                Event::End(TagEnd::Strong) => items.push((b')', String::new())),
                Event::Text(t) => items.push((b't', t.to_string())),
                Event::End(TagEnd::Paragraph) => {}
                _ => items.push((b'x', String::new())),
            }
        }
        match &event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading =
                    Some((*level as u8, id.as_ref().map(|i| i.to_string()), range.clone(), String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, id, r, text)) = heading.take() {
                    let input = match id {
                        Some(explicit) => HeadingInput::Explicit(explicit),
                        None => HeadingInput::Text(text.clone()),
                    };
                    // A site that gives headings no ids: nothing can link to this one.
                    let id = slugs.id(&input).unwrap_or_default();
                    out.headings.push(Heading { level, text: text.trim().to_string(), id, range: shift(r) });
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((dest_url.to_string(), range.clone(), String::new()))
            }
            Event::End(TagEnd::Image) => {
                if let Some((url, r, alt)) = image.take() {
                    out.images.push(Image { url, alt, range: shift(r) });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.links.push(Link { url: dest_url.to_string(), range: shift(range.clone()) })
            }
            Event::Start(Tag::CodeBlock(_)) => code_block = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = code_block.take() {
                    out.code.push(shift(start..range.end));
                }
            }
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => out.code.push(shift(range.clone())),
            Event::Start(Tag::HtmlBlock) => code_block = Some(range.start),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(start) = code_block.take() {
                    out.code.push(shift(start..range.end));
                }
            }
            Event::Start(Tag::Paragraph) if depth == 0 => paragraph = Some((range.clone(), Vec::new())),
            Event::End(TagEnd::Paragraph) if depth == 1 => {
                if let Some((r, items)) = paragraph.take() {
                    if let Some(text) = bold_only(&items) {
                        // The paragraph's range may include its line ending; the fix keeps it.
                        let len = source.get(r.clone()).unwrap_or("").trim_end_matches(['\n', '\r']).len();
                        out.bold_lines.push(BoldLine { text, range: shift(r.start..r.start + len) });
                    }
                }
            }
            Event::Text(t) => {
                if let Some((.., text)) = heading.as_mut() {
                    text.push_str(t);
                }
                if let Some((.., alt)) = image.as_mut() {
                    alt.push_str(t);
                }
                if code_block.is_none() {
                    out.text.add(t);
                    if image.is_none() {
                        out.prose.push(shift(range.clone()));
                    }
                }
            }
            _ => {}
        }
        if let Event::Code(t) = &event {
            if let Some((.., text)) = heading.as_mut() {
                text.push_str(t);
            }
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    out
}

/// The text of a paragraph made of exactly one strong span ending in a colon (inside or just
/// after the `**`), or None.
fn bold_only(items: &[Inline]) -> Option<String> {
    let (first, rest) = items.split_first()?;
    if first.0 != b'(' {
        return None;
    }
    let close = rest.iter().position(|(k, _)| *k == b')')?;
    let inner = &rest[..close];
    if inner.is_empty() || inner.iter().any(|(k, _)| *k != b't') {
        return None;
    }
    let mut text: String = inner.iter().map(|(_, t)| t.as_str()).collect();
    match &rest[close + 1..] {
        [] => {}
        [(b't', t)] if t.trim() == ":" => text.push(':'),
        _ => return None,
    }
    let text = text.trim().to_string();
    (text.ends_with(':') && text.len() > 1 && !text.contains('\n')).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(text: &str) -> BodyScan {
        scan(text, 0..text.len())
    }

    #[test]
    fn headings_get_site_ids_and_ranges() {
        let text = "# One\n\n##  The Power of X\n\n## One\n\n### Custom {#mine}\n";
        let s = body(text);
        let ids: Vec<&str> = s.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["one", "the-power-of-x", "one-1", "mine"]);
        assert_eq!(&text[s.headings[0].range.clone()], "# One\n");
        assert_eq!(s.headings[1].text, "The Power of X");
    }

    #[test]
    fn images_links_and_code() {
        let text = "![](a.png) [x](b.md#h) `code  here`\n\n```\nfenced.  code\n```\n";
        let s = body(text);
        assert_eq!((s.images[0].url.as_str(), s.images[0].alt.as_str()), ("a.png", ""));
        assert_eq!(s.links[0].url, "b.md#h");
        assert_eq!(s.code.len(), 2);
        assert_eq!(&text[s.code[0].clone()], "`code  here`");
        assert!(text[s.code[1].clone()].starts_with("```\nfenced"));
    }

    #[test]
    fn bold_lines() {
        let cases = [
            ("**Conclusion:**\n", Some("Conclusion:")),
            ("**Conclusion**:\n", Some("Conclusion:")),
            ("__Note:__\n", Some("Note:")),
            ("**Conclusion**\n", None),
            ("**Treatment:** more text\n", None),
            ("* **In a list:**\n", None),
            ("> **Quoted:**\n", None),
            ("**A *b* c:**\n", None),
        ];
        for (text, want) in cases {
            let s = body(text);
            assert_eq!(s.bold_lines.first().map(|b| b.text.as_str()), want, "{text:?}");
            if let Some(b) = s.bold_lines.first() {
                assert!(!text[b.range.clone()].ends_with('\n'));
            }
        }
    }
}
