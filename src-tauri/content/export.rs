//! Export: what the finished Markdown of one post is, and whether it may go out.
//!
//! The transformation is pure: the fence wrapper is always unwrapped, the safe fixes are
//! applied when asked (through `checks::fix_all_safe`, so through the lossless edit API), and
//! every other byte, the front matter's included, is kept. A draft is skipped unless drafts are
//! wanted, and a post that still has errors is refused unless forced. The post's local images
//! (relative paths that exist in the folder) are listed for copying. Writing the files and
//! refusing to overwrite newer ones is `workspace::export`'s job.

use serde_json::Value;

use super::checks::{self, FolderFacts, Severity};
use super::config::Config;
use super::edit;
use super::frontmatter::{self, Role};
use super::render::urls;
use super::split::split;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Export drafts too.
    pub drafts: bool,
    /// Apply the safe fixes first.
    pub fix: bool,
    /// Name the file after the post's slug instead of keeping its name.
    pub rename_slug: bool,
    /// Export even when errors are left.
    pub force: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    Export {
        /// Folder-relative path of the exported file.
        path: String,
        text: String,
        /// Folder-relative paths of the local images the post uses.
        images: Vec<String>,
        /// Problems left in the exported text (errors only when forced).
        problems: Vec<checks::Problem>,
    },
    Skip {
        reason: String,
        /// Skipped because errors are left (not because it is a draft).
        has_errors: bool,
    },
}

/// Decides and builds the export of the post at folder-relative `path`.
pub fn export_post(
    path: &str,
    text: &str,
    facts: &FolderFacts,
    config: &Config,
    opts: ExportOptions,
) -> Decision {
    let parts = split(text);
    let fm = frontmatter::read(text, &parts);
    if fm.draft() && !opts.drafts {
        return Decision::Skip {
            reason: "a draft (pass --drafts to export drafts)".into(),
            has_errors: false,
        };
    }
    let mut out = edit::unwrap_fence(text);
    if opts.fix {
        out = checks::fix_all_safe(path, &out, facts, config).text;
    }
    let problems = checks::check_post(path, &out, facts, config);
    let errors: Vec<&checks::Problem> = problems.iter().filter(|p| p.severity == Severity::Error).collect();
    if let Some(first) = errors.first() {
        if !opts.force {
            return Decision::Skip {
                reason: format!(
                    "{} error{} left, the first {}:{} {}: {} (fix them, or pass --force)",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" },
                    first.line,
                    first.column,
                    first.rule,
                    first.message
                ),
                has_errors: true,
            };
        }
    }
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let out_path = if opts.rename_slug {
        let fm = frontmatter::read(&out, &split(&out));
        let slug = checks::folder::slug_of(path, fm.get("slug").and_then(Value::as_str));
        let file = path.rsplit_once('/').map_or(path, |(_, f)| f);
        let (stem, ext) = file.rsplit_once('.').unwrap_or((file, "md"));
        let name = format!("{}.{ext}", file_stem_from_slug(&slug).unwrap_or_else(|| stem.to_string()));
        if dir.is_empty() {
            name
        } else {
            format!("{dir}/{name}")
        }
    } else {
        path.to_string()
    };
    Decision::Export { path: out_path, images: local_images(path, &out, facts), text: out, problems }
}

/// A file name stem from a slug, or None when nothing usable is left. A slug names a URL, not a
/// path: `../../escaped` or `a/b` from a downloaded post must never place the export outside
/// its folder, so separators become `-` and leading dots go. Letters of every script stay.
fn file_stem_from_slug(slug: &str) -> Option<String> {
    let cleaned: String =
        slug.chars().map(|c| if c == '/' || c == '\\' || c.is_control() { '-' } else { c }).collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c == '-' || c.is_whitespace());
    // A name of dots and dashes only ("..", "-") would still be a path trick or nothing.
    (!cleaned.is_empty()).then(|| cleaned.chars().take(200).collect())
}

/// The folder-relative paths of the images this post names by a relative path that exists.
fn local_images(path: &str, text: &str, facts: &FolderFacts) -> Vec<String> {
    image_paths(path, text).into_iter().filter(|rel| facts.files.contains(rel)).collect()
}

/// The folder-relative paths of the images this post names by a relative path (its image field
/// and the body's images), whether or not they exist; each once.
pub fn image_paths(path: &str, text: &str) -> Vec<String> {
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let parts = split(text);
    let fm = frontmatter::read(text, &parts);
    let mut urls_used: Vec<String> = Vec::new();
    if let Some(url) = fm.by_role(Role::Image).and_then(|(_, v)| v.as_str().map(str::to_string)) {
        urls_used.push(url);
    }
    let scan = checks::body_images(text, parts.body.clone());
    urls_used.extend(scan);
    let mut found: Vec<String> = Vec::new();
    for url in urls_used {
        if urls::scheme(&url).is_some() || url.starts_with('/') || url.starts_with('#') {
            continue;
        }
        let clean = urls::decode_path(url.split(['?', '#']).next().unwrap_or(""));
        if let Some(rel) = urls::join_relative(dir, &clean) {
            if !found.contains(&rel) {
                found.push(rel);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> FolderFacts {
        let mut f = FolderFacts::default();
        f.files.insert("blog/img/a.png".into());
        f
    }

    fn export(text: &str, opts: ExportOptions) -> Decision {
        export_post("blog/post.md", text, &facts(), &Config::default(), opts)
    }

    const BODY: &str = "A sentence that is long enough.  Another one follows here. ";

    fn post(front: &str) -> String {
        format!("---\ntitle: An exported post\n{front}---\n\n![Alt](img/a.png) ![B](img/missing-on-purpose.png?x)\n\n{}\n", BODY.repeat(12))
    }

    #[test]
    fn drafts_are_skipped_unless_asked_for() {
        let text = post("draft: true\n");
        assert!(
            matches!(export(&text, ExportOptions::default()), Decision::Skip { reason, has_errors: false } if reason.contains("--drafts"))
        );
        assert!(matches!(
            export(&text, ExportOptions { drafts: true, force: true, ..Default::default() }),
            Decision::Export { .. }
        ));
    }

    #[test]
    fn errors_are_refused_unless_forced() {
        let text = post("");
        let Decision::Skip { reason, has_errors: true } = export(&text, ExportOptions::default()) else {
            panic!("exported with an error")
        };
        assert!(reason.contains("placeholder-image") && reason.contains("--force"), "{reason}");
        let Decision::Export { problems, .. } =
            export(&text, ExportOptions { force: true, ..Default::default() })
        else {
            panic!("force exports")
        };
        assert!(problems.iter().any(|p| p.rule == "placeholder-image"));
    }

    #[test]
    fn the_fence_is_unwrapped_fixes_applied_and_the_rest_kept() {
        let clean = "---\ntitle: An exported post # kept\n---\n\nFirst.  Second.\n";
        let wrapped = format!("```markdown\n{clean}```\n");
        let Decision::Export { text, path, images, .. } = export(&wrapped, ExportOptions::default()) else {
            panic!()
        };
        assert_eq!((text.as_str(), path.as_str()), (clean, "blog/post.md"));
        assert!(images.is_empty());
        let Decision::Export { text, .. } =
            export(&wrapped, ExportOptions { fix: true, ..Default::default() })
        else {
            panic!()
        };
        assert_eq!(text, clean.replace(".  ", ". "));
    }

    #[test]
    fn slug_names_and_local_images() {
        let text = "---\ntitle: An exported post\nslug: Final-Name\nheroImage: img/a.png\n---\n\n![A](img/a.png) ![R](https://x.org/r.png)\n";
        let opts = ExportOptions { rename_slug: true, force: true, ..Default::default() };
        let Decision::Export { path, images, .. } = export(text, opts) else { panic!() };
        assert_eq!(path, "blog/final-name.md");
        assert_eq!(images, ["blog/img/a.png"]);
    }

    #[test]
    fn a_slug_never_leads_the_export_out_of_its_folder() {
        let opts = ExportOptions { rename_slug: true, force: true, ..Default::default() };
        let named = |slug: &str| {
            let text = format!("---\ntitle: An exported post\nslug: \"{slug}\"\n---\n\nBody.\n");
            let Decision::Export { path, .. } = export(&text, opts) else { panic!("{slug}") };
            path
        };
        assert_eq!(named("../../escaped"), "blog/escaped.md");
        assert_eq!(named("/etc/passwd"), "blog/etc-passwd.md");
        assert_eq!(named("a\\\\..\\\\b"), "blog/a-..-b.md");
        assert_eq!(named(".."), "blog/post.md", "nothing usable: the file keeps its name");
        assert_eq!(named("../"), "blog/post.md");
        assert_eq!(named("été-à-paris"), "blog/été-à-paris.md");
    }
}
