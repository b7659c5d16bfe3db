//! Serves the preview's images from inside the site, and nothing else.
//!
//! `content::render` turns image paths into `pdasset://localhost/site/...` (site-relative, from
//! the site's static folder) and `pdasset://localhost/post/...` (relative to the posts folder).
//! This module answers those requests. It serves only regular image files whose canonical path
//! lies inside the one folder the request names, checked component by component after
//! resolving symlinks: `..`, absolute paths, symlinks that lead out and non-image files are
//! refused. A missing image gets a visible placeholder rather than a broken icon.

use std::path::{Component, Path, PathBuf};

use crate::content::render::urls::decode_path;

/// The folders images may come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetRoots {
    /// The opened posts folder: post-relative images.
    pub posts: PathBuf,
    /// The site's static folder (`public/`, `static/` or the site root): `/images/...`.
    pub site_static: PathBuf,
}

/// Files whose presence marks a site's root folder.
const SITE_MARKERS: &[&str] = &[
    "astro.config.mjs",
    "astro.config.ts",
    "astro.config.js",
    "hugo.toml",
    "hugo.yaml",
    "config.toml",
    "_config.yml",
    "eleventy.config.js",
    ".eleventy.js",
    "zola.toml",
    "package.json",
];

impl AssetRoots {
    /// Finds the static folder for a posts folder: the nearest ancestor that looks like a site
    /// root, then its `public/` (Astro, Eleventy) or `static/` (Hugo, Zola), else that root
    /// (Jekyll). Without a site root above it, the posts folder itself.
    pub fn for_posts_folder(posts: &Path) -> AssetRoots {
        let site_root = posts.ancestors().find(|dir| SITE_MARKERS.iter().any(|m| dir.join(m).is_file()));
        let site_static = match site_root {
            Some(root) => ["public", "static"]
                .iter()
                .map(|d| root.join(d))
                .find(|d| d.is_dir())
                .unwrap_or_else(|| root.to_path_buf()),
            None => posts.to_path_buf(),
        };
        AssetRoots { posts: posts.to_path_buf(), site_static }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetResponse {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

fn content_type(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "bmp" => "image/bmp",
        _ => return None,
    })
}

fn placeholder(status: u16, label: &str) -> AssetResponse {
    let text: String = label
        .chars()
        .take(60)
        .map(|c| match c {
            '<' | '>' | '&' | '"' | '\'' => '?',
            c => c,
        })
        .collect();
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"120\" viewBox=\"0 0 480 120\">\
         <rect x=\"1\" y=\"1\" width=\"478\" height=\"118\" rx=\"8\" fill=\"#8a857a\" fill-opacity=\"0.1\" stroke=\"#8a857a\" stroke-opacity=\"0.6\" stroke-dasharray=\"6 4\"/>\
         <text x=\"240\" y=\"56\" font-family=\"sans-serif\" font-size=\"15\" fill=\"#8a857a\" text-anchor=\"middle\">Image not found</text>\
         <text x=\"240\" y=\"80\" font-family=\"monospace\" font-size=\"12\" fill=\"#8a857a\" text-anchor=\"middle\">{text}</text></svg>"
    );
    AssetResponse { status, content_type: "image/svg+xml", body: svg.into_bytes() }
}

fn refused() -> AssetResponse {
    AssetResponse { status: 403, content_type: "text/plain", body: b"refused".to_vec() }
}

/// Answers a request for `url_path` (the URL's path, such as `/site/images/a%20b.png`).
pub fn serve(roots: &AssetRoots, url_path: &str) -> AssetResponse {
    let path = decode_path(url_path);
    let Some((kind, rest)) = path.trim_start_matches('/').split_once('/') else { return refused() };
    let root = match kind {
        "site" => &roots.site_static,
        "post" => &roots.posts,
        _ => return refused(),
    };
    let relative = Path::new(rest);
    if rest.is_empty() || !relative.components().all(|c| matches!(c, Component::Normal(_))) {
        return refused();
    }
    let Some(mime) = content_type(relative) else { return refused() };
    let candidate = root.join(relative);
    let (Ok(real_root), Ok(real)) = (std::fs::canonicalize(root), std::fs::canonicalize(&candidate)) else {
        return placeholder(404, rest);
    };
    // Path::starts_with compares whole components, so `/site2` is not inside `/site`.
    if !real.starts_with(&real_root) {
        return refused();
    }
    match std::fs::metadata(&real) {
        Ok(meta) if meta.is_file() => match super::guard::read_capped(&real, super::guard::MAX_IMAGE_BYTES) {
            Ok(body) => AssetResponse { status: 200, content_type: mime, body },
            Err(_) => placeholder(404, rest),
        },
        _ => placeholder(404, rest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, AssetRoots) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("astro.config.mjs"), "").unwrap();
        std::fs::create_dir_all(root.join("public/images")).unwrap();
        std::fs::create_dir_all(root.join("src/content/blog/img")).unwrap();
        std::fs::write(root.join("public/images/logo.png"), b"\x89PNG logo").unwrap();
        std::fs::write(root.join("src/content/blog/img/a b.png"), b"\x89PNG post").unwrap();
        std::fs::write(root.join("secret.png"), b"outside").unwrap();
        std::fs::write(root.join("public/notes.txt"), b"text").unwrap();
        let roots = AssetRoots::for_posts_folder(&root.join("src/content/blog"));
        (dir, roots)
    }

    #[test]
    fn finds_the_static_folder_of_an_astro_site() {
        let (dir, roots) = site();
        assert_eq!(roots.site_static, dir.path().join("public"));
    }

    #[test]
    fn serves_images_inside_the_site() {
        let (_dir, roots) = site();
        let r = serve(&roots, "/site/images/logo.png");
        assert_eq!((r.status, r.content_type, r.body.as_slice()), (200, "image/png", &b"\x89PNG logo"[..]));
        let r = serve(&roots, "/post/img/a%20b.png");
        assert_eq!((r.status, r.body.as_slice()), (200, &b"\x89PNG post"[..]));
    }

    #[test]
    fn refuses_everything_else() {
        let (dir, roots) = site();
        std::os::unix::fs::symlink(dir.path().join("secret.png"), dir.path().join("public/images/link.png"))
            .unwrap();
        for path in [
            "/site/../secret.png",
            "/site/%2e%2e/secret.png",
            "/post/../../../secret.png",
            "/site//etc/passwd.png",
            "/site/images/link.png",
            "/site/notes.txt",
            "/other/images/logo.png",
            "/site/",
        ] {
            let r = serve(&roots, path);
            assert_eq!(r.status, 403, "{path} was served");
        }
    }

    #[test]
    fn a_missing_image_gets_a_placeholder() {
        let (_dir, roots) = site();
        let r = serve(&roots, "/site/images/placeholder.png");
        assert_eq!((r.status, r.content_type), (404, "image/svg+xml"));
        assert!(String::from_utf8(r.body).unwrap().contains("images/placeholder.png"));
    }
}
