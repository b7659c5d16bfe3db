//! Markdown render for the preview and `postdesk render`: pulldown-cmark plus a strict filter.
//!
//! The preview is the surface a hostile post attacks, so this module filters the event stream
//! instead of trusting a later sanitiser: raw HTML is shown as text, and link and image URLs
//! are kept only for http, https, mailto, in-page anchors and relative paths. It never produces
//! markup that can run code, and it never panics on any input.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

fn options() -> Options {
    // Smart punctuation stays off: the sites render the source quotes as written.
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Is `url` safe to put in an href or src? Browsers ignore ASCII whitespace and control
/// characters inside a scheme (`java\tscript:`), so they are dropped before the check.
pub fn is_safe_url(url: &str) -> bool {
    let compact: String = url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    let lower = compact.to_ascii_lowercase();
    let scheme_end = lower.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)));
    match scheme_end {
        Some(i) if lower[i..].starts_with(':') && i > 0 => {
            matches!(&lower[..i], "http" | "https" | "mailto")
        }
        _ => true,
    }
}

fn filter(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => Event::Start(Tag::Link {
            link_type,
            dest_url: if is_safe_url(&dest_url) { dest_url } else { CowStr::Borrowed("#") },
            title,
            id,
        }),
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => Event::Start(Tag::Image {
            link_type,
            dest_url: if is_safe_url(&dest_url) { dest_url } else { CowStr::Borrowed("") },
            title,
            id,
        }),
        other => other,
    }
}

/// The sanitised HTML fragment for a post body.
pub fn render_body(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, options()).map(filter);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gfm_extensions_render() {
        let html = render_body(
            "| a | b |\n|---|---|\n| Latency budget | 2 |\n\n~~old~~ [^1]\n\n- [x] done\n\n[^1]: note\n",
        );
        assert!(html.contains("<td>Latency budget</td>"), "{html}");
        assert!(html.contains("<del>old</del>"));
        assert!(html.contains("type=\"checkbox\""));
        assert!(html.contains("footnote-definition"));
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = render_body("<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn javascript_urls_are_dropped_in_every_form() {
        for md in [
            "[x](javascript:alert(1))",
            "<javascript:alert(1)>",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "[x](&#106;avascript:alert(1))",
            "[x](java\tscript:alert(1))",
            "![i](JAVASCRIPT:alert(1))",
            "[x](data:text/html,<script>alert(1)</script>)",
            "[x](vbscript:msgbox)",
        ] {
            let html = render_body(md).to_ascii_lowercase();
            // Link text may say anything; what matters is what lands in an attribute.
            for attr in ["href=\"", "src=\""] {
                for value in html.split(attr).skip(1) {
                    let value = &value[..value.find('"').unwrap_or(value.len())];
                    assert!(!is_unsafe_attr(value), "{md} -> {html}");
                }
            }
        }
    }

    fn is_unsafe_attr(value: &str) -> bool {
        ["javascript", "vbscript", "data:", "script:"].iter().any(|bad| value.contains(bad))
    }

    #[test]
    fn safe_urls_survive() {
        let html = render_body("[a](https://x.org) [b](mailto:a@b.c) [c](../other.md#h) [d](#top)");
        for href in ["https://x.org", "mailto:a@b.c", "../other.md#h", "#top"] {
            assert!(html.contains(&format!("href=\"{href}\"")), "{href} in {html}");
        }
    }
}
