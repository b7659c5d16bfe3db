//! The page header above the body, as a blog post page shows it: hero image, title, date and
//! tags. Every value is front-matter text and is escaped; none is ever read as HTML.

use serde_json::Value;

use super::{attr, href, urls, RenderContext};
use crate::content::frontmatter::{scalar_text, FrontMatter, Role};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub title: Option<String>,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
}

impl Header {
    pub fn from_front_matter(fm: &FrontMatter) -> Header {
        let image_map = fm.get("image").and_then(Value::as_object);
        Header {
            title: fm.text(Role::Title),
            date: fm.text(Role::Date),
            tags: fm.list(Role::Tags),
            image: fm.text(Role::Image),
            image_alt: image_map
                .and_then(|m| m.get("alt"))
                .or_else(|| fm.get("heroImageAlt"))
                .or_else(|| fm.get("imageAlt"))
                .and_then(scalar_text),
        }
    }
}

pub fn render_header(header: &Header, ctx: &RenderContext<'_>) -> String {
    if header.title.is_none() && header.date.is_none() && header.tags.is_empty() && header.image.is_none() {
        return String::new();
    }
    let mut html = String::from("<header class=\"post-header\">");
    if let Some(image) = &header.image {
        let alt = attr(header.image_alt.as_deref().unwrap_or(""));
        match urls::resolve_image(image, ctx.post_dir) {
            urls::ImageSource::Remote(src) | urls::ImageSource::Asset(src) => {
                html.push_str(&format!("<img class=\"hero\" src=\"{}\" alt=\"{alt}\">", href(&src)));
            }
            urls::ImageSource::Refused => html.push_str(&format!(
                "<div class=\"hero image-refused\">Hero image not shown: {}</div>",
                attr(image)
            )),
        }
    }
    if let Some(title) = &header.title {
        html.push_str(&format!("<h1 class=\"post-title\">{}</h1>", attr(title)));
    }
    let mut meta = String::new();
    if let Some(date) = &header.date {
        meta.push_str(&format!("<time>{}</time>", attr(date.get(..10).unwrap_or(date))));
    }
    if !header.tags.is_empty() {
        meta.push_str("<ul class=\"tags\">");
        for tag in &header.tags {
            meta.push_str(&format!("<li>{}</li>", attr(tag)));
        }
        meta.push_str("</ul>");
    }
    if !meta.is_empty() {
        html.push_str(&format!("<div class=\"post-meta\">{meta}</div>"));
    }
    html.push_str("</header>");
    html
}
