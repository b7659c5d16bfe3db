//! Pasted and dropped images: is it an image, what to call it, where it goes, and the link a
//! post uses for it.
//!
//! The type is decided by magic bytes, never by the name or the clipboard's MIME type, so a
//! renamed script or archive is refused. Names are slugs (no spaces, no parentheses), so the
//! Markdown link needs no escaping. Copying the bytes to disk is `workspace::actions`'s job.
//! Never panics on any input.

/// Larger images are refused: they belong in an image pipeline, not pasted into a post.
pub const MAX_IMAGE_BYTES: usize = 20 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Gif,
    Webp,
    Svg,
    Avif,
}

impl ImageKind {
    /// The extension a new file of this kind gets.
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Gif => "gif",
            ImageKind::Webp => "webp",
            ImageKind::Svg => "svg",
            ImageKind::Avif => "avif",
        }
    }

    /// Extensions a file of this kind may keep (`photo.jpeg` stays `.jpeg`).
    fn accepts(self, ext: &str) -> bool {
        let ext = ext.to_ascii_lowercase();
        match self {
            ImageKind::Jpeg => ext == "jpg" || ext == "jpeg",
            kind => ext == kind.extension(),
        }
    }
}

/// The image kind of `bytes`, by their first bytes; None when they are not an image Postdesk
/// takes (png, jpg, gif, webp, svg, avif).
pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(ImageKind::Png);
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(ImageKind::Jpeg);
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Some(ImageKind::Gif);
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(ImageKind::Webp);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        // ISO-BMFF: the major brand, then compatible brands up to the box's size.
        let size = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
        let end = size.clamp(12, 64).min(bytes.len());
        let brands = std::iter::once(&bytes[8..12]).chain(bytes[16.min(end)..end].chunks_exact(4));
        if brands.into_iter().any(|b| b == b"avif" || b == b"avis") {
            return Some(ImageKind::Avif);
        }
        return None;
    }
    if is_svg(bytes) {
        return Some(ImageKind::Svg);
    }
    None
}

/// SVG is text: an `<svg` root, after an optional BOM, XML declaration, comments and doctype.
fn is_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("<svg") {
            return after.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/');
        }
        let close = if rest.starts_with("<?") {
            "?>"
        } else if rest.starts_with("<!--") {
            "-->"
        } else if rest.starts_with("<!") {
            ">"
        } else {
            return false;
        };
        match rest.find(close) {
            Some(at) => rest = rest[at + close.len()..].trim_start(),
            None => return false,
        }
    }
}

/// Clipboard names that say nothing about the picture: a screenshot arrives as `image.png`.
fn generic_name(stem: &str) -> bool {
    matches!(stem.to_ascii_lowercase().as_str(), "" | "image" | "blob" | "clipboard" | "untitled")
}

/// The file name for an image: the suggested name's stem as a slug with an extension that
/// fits `kind`, or `pasted-<stamp>.<ext>` for clipboard data without a real name. `stamp` is
/// the writer's clock, such as `20250102-103000`.
pub fn image_file_name(suggested: Option<&str>, kind: ImageKind, stamp: &str) -> String {
    let name = suggested.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) => (stem, Some(ext)),
        None => (name, None),
    };
    let stem = slug::slugify(stem);
    let ext =
        ext.filter(|e| kind.accepts(e)).map_or(kind.extension().to_string(), |e| e.to_ascii_lowercase());
    if generic_name(&stem) {
        let stamp = slug::slugify(stamp);
        let stamp = if stamp.is_empty() { "image".to_string() } else { stamp };
        return format!("pasted-{stamp}.{ext}");
    }
    format!("{stem}.{ext}")
}

/// The folder name for a post's images: its file stem as a slug (an `index.md` takes its
/// folder's name, as page bundles do).
pub fn post_slug(post_rel: &str) -> String {
    let mut parts: Vec<&str> = post_rel.split('/').filter(|p| !p.is_empty()).collect();
    let file = parts.pop().unwrap_or("");
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let stem = if stem.eq_ignore_ascii_case("index") || stem.eq_ignore_ascii_case("_index") {
        parts.last().copied().unwrap_or(stem)
    } else {
        stem
    };
    let slug = slug::slugify(stem);
    if slug.is_empty() {
        "post".into()
    } else {
        slug
    }
}

/// Where a post's images go, relative to the static folder: `images/<post-slug>`.
pub fn image_dir(post_rel: &str) -> String {
    format!("images/{}", post_slug(post_rel))
}

/// The link a post writes for an image at `image_rel` (relative to the static folder). With a
/// known static folder it is a site path (`/images/x/a.png`), which every generator serves;
/// without one the static folder is the posts folder, and the link is relative to the post.
pub fn image_link(post_rel: &str, image_rel: &str, site_paths: bool) -> String {
    if site_paths {
        return format!("/{image_rel}");
    }
    let depth = post_rel.split('/').filter(|p| !p.is_empty()).count().saturating_sub(1);
    format!("{}{image_rel}", "../".repeat(depth))
}

/// Where a pasted image goes for a post of a site built with `generator`, and the link that
/// generator resolves for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImagePlace {
    /// The folder, relative to the site root (or the static folder when `in_static`).
    pub dir: String,
    /// True when `dir` is inside the site's static folder (the link is then a site path).
    pub in_static: bool,
    /// The link for a file named `name` in `dir`, as the post writes it.
    link_prefix: String,
}

impl ImagePlace {
    pub fn link(&self, name: &str) -> String {
        format!("{}{name}", self.link_prefix)
    }
}

/// Is the post a page bundle: an `index.md` (or `index.mdx`) in a folder of its own?
fn is_bundle(post_rel: &str) -> bool {
    let mut parts = post_rel.rsplit('/');
    let file = parts.next().unwrap_or("");
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    stem.eq_ignore_ascii_case("index") && parts.next().is_some()
}

/// The generator's own place for a post's images:
/// - a page bundle (Hugo, Zola, Astro: `post/index.md`) keeps them beside it, linked `./a.png`;
/// - another Astro post gets them under `src/assets/images/<post-slug>/`, linked relative to the
///   post, so Astro optimises them;
/// - everything else uses the static folder (`/images/<post-slug>/a.png`), as before.
pub fn place_for(generator: crate::content::site::Generator, post_rel: &str, site_paths: bool) -> ImagePlace {
    use crate::content::site::Generator;
    let post_dir = post_rel.rsplit_once('/').map_or("", |(d, _)| d);
    let bundles = matches!(generator, Generator::Hugo | Generator::Zola | Generator::Astro);
    if bundles && is_bundle(post_rel) {
        return ImagePlace { dir: post_dir.to_string(), in_static: false, link_prefix: "./".into() };
    }
    if generator == Generator::Astro {
        let dir = format!("src/assets/images/{}", post_slug(post_rel));
        let depth = post_rel.split('/').filter(|p| !p.is_empty()).count().saturating_sub(1);
        return ImagePlace { link_prefix: format!("{}{dir}/", "../".repeat(depth)), dir, in_static: false };
    }
    let dir = image_dir(post_rel);
    let link_prefix = image_link(post_rel, &format!("{dir}/"), site_paths);
    ImagePlace { dir, in_static: true, link_prefix }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_generator_s_place_for_a_pasted_image() {
        use crate::content::site::Generator;
        let bundle = place_for(Generator::Hugo, "content/posts/my-trip/index.md", true);
        assert_eq!(
            (bundle.dir.as_str(), bundle.in_static, bundle.link("a.png")),
            ("content/posts/my-trip", false, "./a.png".to_string())
        );
        let zola = place_for(Generator::Zola, "content/blog/with-assets/index.md", true);
        assert_eq!(zola.link("a.png"), "./a.png");
        let astro = place_for(Generator::Astro, "src/content/blog/first-post.md", true);
        assert_eq!(astro.dir, "src/assets/images/first-post");
        assert_eq!(astro.link("a.png"), "../../../src/assets/images/first-post/a.png");
        let astro_bundle = place_for(Generator::Astro, "src/content/blog/with-image/index.md", true);
        assert_eq!(
            (astro_bundle.dir.as_str(), astro_bundle.link("a.png")),
            ("src/content/blog/with-image", "./a.png".to_string())
        );
        let hugo = place_for(Generator::Hugo, "content/posts/first.md", true);
        assert_eq!(
            (hugo.dir.as_str(), hugo.in_static, hugo.link("a.png")),
            ("images/first", true, "/images/first/a.png".to_string())
        );
        let jekyll_index = place_for(Generator::Jekyll, "_posts/x/index.md", true);
        assert!(jekyll_index.in_static, "Jekyll has no page bundles");
        let folder = place_for(Generator::Folder, "notes/a.md", false);
        assert_eq!(folder.link("b.png"), "../images/a/b.png");
    }

    #[test]
    fn kinds_by_magic_bytes() {
        let avif = b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf";
        let heic_listing_avif = b"\0\0\0\x20ftypmif1\0\0\0\0mif1avifmiafMA1B";
        let cases: &[(&[u8], Option<ImageKind>)] = &[
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some(ImageKind::Png)),
            (b"\xff\xd8\xff\xe0\0\x10JFIF", Some(ImageKind::Jpeg)),
            (b"GIF89a\x01\0", Some(ImageKind::Gif)),
            (b"GIF87a", Some(ImageKind::Gif)),
            (b"RIFF\x24\0\0\0WEBPVP8 ", Some(ImageKind::Webp)),
            (avif, Some(ImageKind::Avif)),
            (heic_listing_avif, Some(ImageKind::Avif)),
            (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", None),
            (b"\0\0\0\x18ftypisom\0\0\0\0isomiso2", None),
            (b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>", Some(ImageKind::Svg)),
            (b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE svg>\n<svg>", Some(ImageKind::Svg)),
            (b"<svgfoo>", None),
            (b"<html><svg></svg></html>", None),
            (b"<?xml version=\"1.0\"?><note/>", None),
            (b"\x89PNG", None),
            (b"RIFF\0\0\0\0WAVE", None),
            (b"PK\x03\x04", None),
            (b"#!/bin/sh\n", None),
            (b"", None),
            (b"<!--", None),
        ];
        for (bytes, want) in cases {
            assert_eq!(sniff(bytes), *want, "{:?}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn file_names() {
        let cases = [
            (Some("Desk Setup (final).PNG"), ImageKind::Png, "desk-setup-final.png"),
            (Some("photo.jpeg"), ImageKind::Jpeg, "photo.jpeg"),
            (Some("photo.png"), ImageKind::Jpeg, "photo.jpg"),
            (Some("/home/me/Pictures/Café.webp"), ImageKind::Webp, "cafe.webp"),
            (Some("C:\\shots\\plan.gif"), ImageKind::Gif, "plan.gif"),
            (Some("noext"), ImageKind::Svg, "noext.svg"),
            (Some("image.png"), ImageKind::Png, "pasted-20250102-103000.png"),
            (Some(""), ImageKind::Png, "pasted-20250102-103000.png"),
            (None, ImageKind::Gif, "pasted-20250102-103000.gif"),
            (Some("!!!.png"), ImageKind::Png, "pasted-20250102-103000.png"),
            (Some("../../etc/passwd.png"), ImageKind::Png, "passwd.png"),
        ];
        for (suggested, kind, want) in cases {
            assert_eq!(image_file_name(suggested, kind, "20250102-103000"), want, "{suggested:?}");
        }
        assert_eq!(image_file_name(None, ImageKind::Png, "/"), "pasted-image.png");
    }

    #[test]
    fn folders_and_links() {
        let cases = [
            // post, site paths?, image rel, folder, link
            ("my-post.md", true, "images/my-post/a.png", "images/my-post", "/images/my-post/a.png"),
            ("my-post.md", false, "images/my-post/a.png", "images/my-post", "images/my-post/a.png"),
            (
                "2025/Hello World.md",
                false,
                "images/hello-world/a.png",
                "images/hello-world",
                "../images/hello-world/a.png",
            ),
            ("a/b/index.md", false, "images/b/a.png", "images/b", "../../images/b/a.png"),
            ("a/b/index.md", true, "images/b/a.png", "images/b", "/images/b/a.png"),
            ("index.md", true, "images/index/a.png", "images/index", "/images/index/a.png"),
            ("!!!.md", true, "images/post/a.png", "images/post", "/images/post/a.png"),
        ];
        for (post, site, image, dir, link) in cases {
            assert_eq!(image_dir(post), dir, "{post}");
            assert_eq!(image_link(post, image, site), link, "{post}");
        }
    }
}
