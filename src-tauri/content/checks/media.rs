//! Rules on what the post points at: images without alt text, placeholder or missing images,
//! and links to posts, files or headings that do not exist.
//!
//! Existence is decided against the folder facts (the file lists `workspace` gathered), never
//! the disk. A site path (`/images/x.png`) is checked only when the static folder is known;
//! a link to a site route (`/about/`) or outside the folder is never guessed at.

use super::folder::FolderFacts;
use super::locate::key_range;
use super::{Post, Severity, Sink};
use crate::content::frontmatter::Role;
use crate::content::render::urls;

/// Words in a URL that mark a stand-in image.
const PLACEHOLDER_WORDS: &[&str] = &["placeholder", "placehold", "example", "dummy"];

fn is_placeholder(url: &str) -> bool {
    url.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| PLACEHOLDER_WORDS.contains(&w))
}

/// Does the local file that `url` names exist? None when it cannot be known.
fn local_file_exists(url: &str, post_dir: &str, facts: &FolderFacts) -> Option<bool> {
    if urls::scheme(url).is_some() || url.starts_with("//") || url.starts_with('#') {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = urls::decode_path(path);
    if path.is_empty() {
        return None;
    }
    match path.strip_prefix('/') {
        Some(site) => {
            let files = facts.static_files.as_ref()?;
            let rel = urls::join_relative("", site)?;
            Some(files.contains(&rel))
        }
        None => {
            let rel = urls::join_relative(post_dir, &path)?;
            Some(facts.has_file(&rel))
        }
    }
}

pub(super) fn check(post: &Post, facts: &FolderFacts, sink: &mut Sink) {
    let dir = post.dir();
    // The front matter's image, and its alt text when it is a map with a url.
    if post.fm.blocking_error().is_none() {
        if let Some((key, value)) = post.fm.by_role(Role::Image) {
            if let Some(url) = value.as_str() {
                image_target(url, key, post, facts, sink);
            }
            if key.ends_with(".url") {
                let parent = key.trim_end_matches(".url");
                let alt_key = format!("{parent}.alt");
                let alt = post.fm.get(&alt_key).and_then(|v| v.as_str()).unwrap_or("");
                if alt.trim().is_empty() {
                    sink.report(
                        "alt-text",
                        Severity::Warning,
                        key_range(post.text, &post.split, key),
                        format!("The image has no `{alt_key}`; describe it for readers who cannot see it."),
                        None,
                    );
                }
            }
        }
    }
    for image in &post.body.images {
        if image.alt.trim().is_empty() {
            sink.report(
                "alt-text",
                Severity::Warning,
                image.range.clone(),
                format!(
                    "The image `{}` has no alt text; describe it inside the brackets: ![what it shows]({}).",
                    image.url, image.url
                ),
                None,
            );
        }
    }
    for image in &post.body.images {
        let range = image.range.clone();
        let url = image.url.clone();
        report_image(&url, range, dir, facts, sink);
    }
    for link in &post.body.links {
        broken_link(&link.url, link.range.clone(), post, facts, sink);
    }
}

fn image_target(url: &str, key: &str, post: &Post, facts: &FolderFacts, sink: &mut Sink) {
    let range = key_range(post.text, &post.split, key);
    report_image(url, range, post.dir(), facts, sink);
}

fn report_image(url: &str, range: std::ops::Range<usize>, dir: &str, facts: &FolderFacts, sink: &mut Sink) {
    if is_placeholder(url) {
        sink.report(
            "placeholder-image",
            Severity::Error,
            range,
            format!("The image `{url}` is a placeholder; replace it with the real image before publishing."),
            None,
        );
    } else if local_file_exists(url, dir, facts) == Some(false) {
        let place = if url.starts_with('/') { "in the site's static folder" } else { "next to the post" };
        sink.report(
            "placeholder-image",
            Severity::Error,
            range,
            format!("The image `{url}` does not exist {place}; add the file or fix the path."),
            None,
        );
    }
}

/// Reports a link's `#anchor` that the post it points at (`target`) has no heading for.
fn missing_anchor(
    url: &str,
    fragment: Option<&str>,
    target: &str,
    entry: &super::folder::PostEntry,
    range: std::ops::Range<usize>,
    hint: &str,
    sink: &mut Sink,
) {
    let Some(anchor) = fragment.filter(|f| !f.is_empty()).map(urls::decode_path) else { return };
    if !entry.anchors.contains(&anchor) {
        sink.report(
            "broken-link",
            Severity::Error,
            range,
            format!(
                "The link `{url}` points at a heading `#{anchor}` that {target} does not have{}; fix the anchor.",
                hint
            ),
            None,
        );
    }
}

/// A site-absolute link (`/blog/some-post/`) against the routes of the site's posts. Checked
/// only where it must name a post: when some post's route starts with the same folder and is
/// as deep, so list pages, tag pages and other routes the generator makes are left alone.
fn site_link(
    url: &str,
    path: &str,
    fragment: Option<&str>,
    range: std::ops::Range<usize>,
    facts: &FolderFacts,
    sink: &mut Sink,
) {
    if facts.routes.is_empty() {
        return;
    }
    let decoded = urls::decode_path(path);
    let last = decoded.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    if last.contains('.') {
        return; // A file (`/files/a.pdf`), which the static folder's check covers for images.
    }
    let key = format!("/{}/", decoded.trim_matches('/'));
    if let Some(target) = facts.routes.get(&key) {
        if let Some(entry) = facts.posts.get(target) {
            missing_anchor(url, fragment, target, entry, range, facts.no_ids_hint(), sink);
        }
        return;
    }
    let segments: Vec<&str> = key.trim_matches('/').split('/').collect();
    let alike = |route: &&String| {
        let theirs: Vec<&str> = route.trim_matches('/').split('/').collect();
        theirs.len() == segments.len() && theirs.first() == segments.first()
    };
    if !facts.routes.keys().any(|r| alike(&r)) {
        return;
    }
    let closest = facts
        .routes
        .keys()
        .filter(|r| alike(r))
        .min_by_key(|r| super::folder::edit_distance(r, &key))
        .filter(|r| super::folder::edit_distance(r, &key) <= 3);
    let hint = closest.map_or_else(String::new, |r| format!(" Did you mean `{r}`?"));
    sink.report(
        "broken-link",
        Severity::Error,
        range,
        format!("The link `{url}` points at no post of this site (none is published at {key}); fix the link.{hint}"),
        None,
    );
}

fn broken_link(url: &str, range: std::ops::Range<usize>, post: &Post, facts: &FolderFacts, sink: &mut Sink) {
    if urls::scheme(url).is_some() || url.starts_with("//") {
        return;
    }
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p.split('?').next().unwrap_or(""), Some(f)),
        None => (url.split('?').next().unwrap_or(""), None),
    };
    if path.is_empty() {
        let Some(anchor) = fragment.filter(|f| !f.is_empty()) else { return };
        let anchor = urls::decode_path(anchor);
        if !post.body.headings.iter().any(|h| h.id == anchor) {
            sink.report(
                "broken-link",
                Severity::Error,
                range,
                format!(
                    "The link `#{anchor}` points at no heading in this post{}; fix the anchor or the heading.",
                    facts.no_ids_hint()
                ),
                None,
            );
        }
        return;
    }
    if path.starts_with('/') {
        site_link(url, path, fragment, range, facts, sink);
        return;
    }
    let decoded = urls::decode_path(path);
    let Some(target) = urls::join_relative(post.dir(), &decoded) else { return };
    let lower = target.to_ascii_lowercase();
    let is_post = [".md", ".markdown", ".mdx"].iter().any(|e| lower.ends_with(e));
    if is_post {
        match facts.posts.get(&target) {
            None => sink.report(
                "broken-link",
                Severity::Error,
                range,
                format!(
                    "The link `{url}` points at a post that does not exist ({target}); fix the file name."
                ),
                None,
            ),
            Some(entry) => missing_anchor(url, fragment, &target, entry, range, facts.no_ids_hint(), sink),
        }
        return;
    }
    // Another file (a PDF, an image): only when it looks like a file, not a route.
    let last = target.rsplit('/').next().unwrap_or("");
    if last.contains('.') && !facts.has_file(&target) {
        sink.report(
            "broken-link",
            Severity::Error,
            range,
            format!(
                "The link `{url}` points at a file that does not exist ({target}); add it or fix the path."
            ),
            None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn placeholder_urls() {
        for url in [
            "/images/posts/placeholder.png",
            "https://via.placeholder.com/600",
            "https://example.com/a.png",
            "img/dummy-1.jpg",
            "https://placehold.co/600x400",
        ] {
            assert!(is_placeholder(url), "{url}");
        }
        for url in ["/images/counterexample.png", "/images/garden.jpg", "examples.png"] {
            assert!(!is_placeholder(url), "{url}");
        }
    }
}
