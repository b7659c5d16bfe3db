//! Which URLs the preview may use, and where post-relative and site-relative paths point.
//!
//! Links keep http, https, mailto, in-page anchors and relative paths; every other scheme is
//! dropped. Images are never fetched by path from the page: a site path (`/images/x.png`) or a
//! post-relative path (`images/x.png`) becomes a `pdasset:` URL that the app's asset handler
//! serves from inside the site folder only. Paths are normalised here, and one that climbs out
//! of the folder is refused before any request is made.

/// The scheme the asset handler answers (`pdasset://localhost/...`).
pub const ASSET_SCHEME: &str = "pdasset";

/// Links to other posts are written as `/__postdesk/post/<folder-relative path>`, which the
/// frame resolves against the app's own origin. Clicking one asks the window to navigate there;
/// the navigation guard turns that into "open this post" and cancels it (the preview frame runs
/// no scripts, so it cannot handle the click itself, and WebKit does not even ask about a
/// navigation to an unknown scheme).
pub const POST_LINK_PATH: &str = "/__postdesk/post/";

/// Is `url` safe in an href? Browsers ignore ASCII whitespace and control characters inside a
/// scheme (`java\tscript:`), so they are dropped before the check.
pub fn is_safe_link(url: &str) -> bool {
    match scheme(url) {
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto"),
        None => true,
    }
}

/// The lower-cased scheme of `url`, if it has one.
pub fn scheme(url: &str) -> Option<String> {
    let compact: String = url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    let end = compact.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)))?;
    (end > 0 && compact[end..].starts_with(':')).then(|| compact[..end].to_ascii_lowercase())
}

/// Splits `path?query#fragment` into the path and the rest.
fn split_suffix(url: &str) -> (&str, &str) {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    url.split_at(end)
}

/// Joins `base_dir` (folder-relative, `/`-separated) and a relative `path`, resolving `.` and
/// `..`. None if the result would climb above the folder.
pub fn join_relative(base_dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Percent-encodes a path for a URL, keeping `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; invalid ones are kept as written.
pub fn decode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(v) = path.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Where an image in the post points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageSource {
    /// Load as is (http or https).
    Remote(String),
    /// Served by the asset handler.
    Asset(String),
    /// Not loaded: an unsafe scheme, or a path that climbs out of the folder.
    Refused,
}

/// Resolves an image URL in a post that sits in `post_dir` (folder-relative).
pub fn resolve_image(url: &str, post_dir: &str) -> ImageSource {
    match scheme(url).as_deref() {
        Some("http" | "https") => return ImageSource::Remote(url.to_string()),
        Some(_) => return ImageSource::Refused,
        None => {}
    }
    let (path, _) = split_suffix(url.trim());
    let path = decode_path(path);
    if path.is_empty() || path.starts_with("//") || path.contains('\\') {
        return ImageSource::Refused;
    }
    let (kind, resolved) = match path.strip_prefix('/') {
        Some(site_path) => ("site", join_relative("", site_path)),
        None => ("post", join_relative(post_dir, &path)),
    };
    match resolved {
        Some(p) if !p.is_empty() => {
            ImageSource::Asset(format!("{ASSET_SCHEME}://localhost/{kind}/{}", encode_path(&p)))
        }
        _ => ImageSource::Refused,
    }
}

/// The folder-relative path of a post that a relative link points at, if it is a post link.
pub fn linked_post(url: &str, post_dir: &str) -> Option<String> {
    if scheme(url).is_some() || url.starts_with('#') || url.starts_with('/') {
        return None;
    }
    let (path, _) = split_suffix(url);
    let path = decode_path(path);
    let is_post = [".md", ".markdown", ".mdx"].iter().any(|ext| path.to_ascii_lowercase().ends_with(ext));
    if !is_post {
        return None;
    }
    join_relative(post_dir, &path)
}

/// The href for a link to the post at folder-relative `path`.
pub fn post_link_href(path: &str) -> String {
    format!("{POST_LINK_PATH}{}", encode_path(path))
}

/// What the window should do when asked to navigate to a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Navigation {
    /// The app's own page or the preview frame's document: let it load.
    Allow,
    /// A link to another post was clicked: open that post instead.
    OpenPost(String),
    /// An http(s) or mailto link was clicked: open it outside the app.
    External(String),
    /// Anything else: refuse.
    Refuse,
}

/// Decides a navigation request. Only the app's root document may load from the app's origin
/// (`tauri://localhost` on Linux, `http://tauri.localhost` elsewhere), so a link can never
/// replace the app.
pub fn classify_navigation(url: &str) -> Navigation {
    let Some(scheme) = scheme(url) else { return Navigation::Refuse };
    let app_path = app_origin_path(url);
    match (scheme.as_str(), app_path) {
        (_, Some(path)) => match path.strip_prefix(POST_LINK_PATH) {
            Some(post) => match join_relative("", &decode_path(split_suffix(post).0)) {
                Some(p) if !p.is_empty() => Navigation::OpenPost(p),
                _ => Navigation::Refuse,
            },
            None if matches!(split_suffix(path).0, "/" | "" | "/index.html") => Navigation::Allow,
            None => Navigation::Refuse,
        },
        ("about", None)
            if url == "about:blank" || url == "about:srcdoc" || url.starts_with("about:srcdoc#") =>
        {
            Navigation::Allow
        }
        ("http" | "https" | "mailto", None) => Navigation::External(url.to_string()),
        _ => Navigation::Refuse,
    }
}

/// The path of `url` if it is on the app's own origin.
fn app_origin_path(url: &str) -> Option<&str> {
    let rest =
        url.strip_prefix("tauri://localhost").or_else(|| url.strip_prefix("http://tauri.localhost"))?;
    (rest.is_empty() || rest.starts_with(['/', '?', '#'])).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_found_through_obfuscation() {
        assert_eq!(scheme("java\tscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme(" JAVASCRIPT:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("images/a:b.png"), None, "a colon after a slash is not a scheme");
        assert_eq!(scheme("../x.md"), None);
        assert!(!is_safe_link("vbscript:x"));
        assert!(is_safe_link("https://example.org"));
    }

    #[test]
    fn images_resolve_into_the_asset_scheme() {
        assert_eq!(
            resolve_image("/images/a b.png", "blog"),
            ImageSource::Asset("pdasset://localhost/site/images/a%20b.png".into())
        );
        assert_eq!(
            resolve_image("img/x.png?v=1", "blog/2025"),
            ImageSource::Asset("pdasset://localhost/post/blog/2025/img/x.png".into())
        );
        assert_eq!(
            resolve_image("../x.png", "blog"),
            ImageSource::Asset("pdasset://localhost/post/x.png".into())
        );
        assert_eq!(
            resolve_image("https://e.org/x.png", ""),
            ImageSource::Remote("https://e.org/x.png".into())
        );
    }

    #[test]
    fn images_that_climb_out_or_use_other_schemes_are_refused() {
        for url in [
            "../../etc/passwd",
            "%2e%2e/%2e%2e/secret.png",
            "/../../secret",
            "//evil.org/x.png",
            "file:///etc/passwd",
            "data:image/svg+xml,<svg/>",
            "..\\..\\x",
        ] {
            assert_eq!(resolve_image(url, "blog"), ImageSource::Refused, "{url}");
        }
    }

    #[test]
    fn navigation_is_limited_to_the_app_and_turned_into_actions() {
        assert_eq!(classify_navigation("tauri://localhost/"), Navigation::Allow);
        assert_eq!(classify_navigation("tauri://localhost"), Navigation::Allow);
        assert_eq!(classify_navigation("about:srcdoc"), Navigation::Allow);
        assert_eq!(classify_navigation("about:srcdoc#the-rules-now"), Navigation::Allow);
        assert_eq!(classify_navigation("tauri://localhost/other.md"), Navigation::Refuse);
        assert_eq!(
            classify_navigation("tauri://localhost/__postdesk/post/blog/a%20b.md"),
            Navigation::OpenPost("blog/a b.md".into())
        );
        assert_eq!(
            classify_navigation("http://tauri.localhost/__postdesk/post/x.md#h"),
            Navigation::OpenPost("x.md".into())
        );
        assert_eq!(
            classify_navigation("tauri://localhost/__postdesk/post/../../etc/passwd"),
            Navigation::Refuse
        );
        assert_eq!(classify_navigation("tauri://localhost.evil.org/"), Navigation::Refuse);
        assert_eq!(
            classify_navigation("https://example.org/x"),
            Navigation::External("https://example.org/x".into())
        );
        assert_eq!(classify_navigation("mailto:a@b.c"), Navigation::External("mailto:a@b.c".into()));
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "pdasset://localhost/site/x.png",
        ] {
            assert_eq!(classify_navigation(bad), Navigation::Refuse, "{bad}");
        }
    }

    #[test]
    fn post_links_resolve_relative_to_the_post() {
        assert_eq!(linked_post("other.md#part", "blog").as_deref(), Some("blog/other.md"));
        assert_eq!(linked_post("../about.md", "blog").as_deref(), Some("about.md"));
        assert_eq!(linked_post("https://x.org/a.md", "blog"), None);
        assert_eq!(linked_post("image.png", "blog"), None);
    }
}
