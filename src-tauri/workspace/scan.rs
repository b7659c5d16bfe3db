//! Folder scan: finds the posts under a folder and summarises each one.
//!
//! A bad file never stops the scan: it is listed with an error count, so the writer sees it and
//! can open it. Build output, dependencies and hidden folders are skipped.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use crate::content::index::SkippedFile;
use crate::content::index::{self, Observation};
use crate::content::post::{self, PostSummary};
use crate::content::schema::PostFacts;
use crate::content::split::decode;

use super::error::WorkspaceError;
use super::guard;

const POST_EXTENSIONS: &[&str] = &["md", "markdown", "mdx"];
/// Dependencies: skipped at any depth (their READMEs are not posts).
const DEPENDENCY_DIRS: &[&str] = &["node_modules"];
/// The generators' build output (Hugo's `public/` and `resources/`, Astro's `dist/`, Jekyll's
/// `_site/`, Cargo's `target/`): skipped only directly under the opened folder, where the
/// generators put them. Deeper down the same names are content (Hugo's own documentation has
/// a `functions/resources/` section).
const OUTPUT_DIRS: &[&str] = &["dist", "target", "_site", "public", "resources"];

pub fn is_post_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| POST_EXTENSIONS.iter().any(|p| p.eq_ignore_ascii_case(e)))
}

/// Is the folder `name`, `depth` levels below the opened folder (1 = directly in it), one the
/// scan leaves out?
fn is_skipped_dir(name: &str, depth: usize) -> bool {
    name.starts_with('.') || DEPENDENCY_DIRS.contains(&name) || (depth == 1 && OUTPUT_DIRS.contains(&name))
}

/// `path` relative to `root`, with `/` separators, as the UI and CLI show it.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// What a walk of the folder found: the post files, sorted by path, and what it skipped.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<SkippedFile>,
    /// Every other regular file (configs, images, templates), relative to the walked folder:
    /// what the site model is read from, so a site costs no second walk.
    pub others: Vec<String>,
}

/// Every post file under `root`, sorted by path.
pub fn post_files(root: &Path) -> Result<Vec<PathBuf>, WorkspaceError> {
    walk(root).map(|w| w.files)
}

/// Walks `root` for post files. Symlinks are never walked into: a link to `/` or to a parent
/// would take the walk over the whole disk or round in a loop, and a folder linked from
/// inside the site is walked under its real path already. A post that is a symlink is listed
/// when its target is a regular file inside the site; a link out of the site, and a FIFO or
/// device with a post's name, are skipped and reported.
pub fn walk(root: &Path) -> Result<Walk, WorkspaceError> {
    walk_within(root, &guard::canonical_root(root))
}

/// `walk` of a folder inside the site whose canonical root is `site`; paths stay relative to
/// `root`.
pub fn walk_within(root: &Path, site: &Path) -> Result<Walk, WorkspaceError> {
    if !root.is_dir() {
        return Err(WorkspaceError::NotAFolder { path: root.to_path_buf() });
    }
    let mut found = Walk::default();
    // A folder inside the site (a new folder the library reads) counts depth from the site's
    // root, so `x/resources/` is content there as it is in a whole walk.
    let offset = root.strip_prefix(site).map_or(0, |rel| rel.components().count());
    let walker = walkdir::WalkDir::new(root).follow_links(false).into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || !(e.file_type().is_dir() && is_skipped_dir(&name, offset + e.depth()))
    });
    for entry in walker {
        // An unreadable subfolder is skipped, not fatal: the rest of the folder still lists.
        let Ok(entry) = entry else { continue };
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        let path = entry.path();
        if file_type.is_symlink() {
            let Some(reason) = symlink_skip_reason(site, path) else {
                if is_post_file(path) {
                    found.files.push(entry.into_path());
                }
                continue;
            };
            found.skipped.push(SkippedFile { path: relative(root, path), reason });
        } else if !is_post_file(path) {
            if file_type.is_file() {
                found.others.push(relative(root, path));
            }
        } else if is_post_file(path) {
            if file_type.is_file() {
                found.files.push(entry.into_path());
            } else {
                let what = guard::kind_of(&file_type);
                found.skipped.push(SkippedFile {
                    path: relative(root, path),
                    reason: format!("{what}, not a regular file"),
                });
            }
        }
    }
    found.files.sort();
    found.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

/// Why a symlink found by the walk is left alone, or None when it is a post link to list.
/// Links to folders inside the site and links to non-post files are passed over in silence:
/// there is nothing of the writer's they hide.
fn symlink_skip_reason(site: &Path, path: &Path) -> Option<String> {
    match std::fs::canonicalize(path) {
        Err(_) if is_post_file(path) => Some("a link to nothing (its target is missing)".into()),
        Err(_) => None,
        Ok(target) if !target.starts_with(site) => {
            let what = if target.is_dir() { "a link to a folder" } else { "a link" };
            Some(format!("{what} outside the site ({}), not followed", target.display()))
        }
        Ok(target) if target.is_dir() || !is_post_file(path) => None,
        Ok(_) => match guard::post_target(site, path) {
            Ok(_) => None,
            Err(e) => Some(skip_reason(&e)),
        },
    }
}

/// The reason part of a guard refusal, for the skipped list.
fn skip_reason(e: &WorkspaceError) -> String {
    match e {
        WorkspaceError::NotRegular { what, .. } => format!("{what}, not a regular file"),
        WorkspaceError::OutsideSite { target, .. } => {
            format!("a link outside the site ({}), not followed", target.display())
        }
        other => other.to_string(),
    }
}

/// What is at a post path now, read once: the library compares the content's fingerprint with
/// what it already holds before it parses anything, so the watcher's echo of the app's own
/// save costs a read and a hash.
pub enum Seen {
    /// Gone, or never a post to list: a folder, a FIFO or device, a link out of the site.
    Gone,
    /// There, but it cannot be read; listed with an error so the writer sees it.
    Unreadable,
    Bytes {
        bytes: Vec<u8>,
        /// The file's mtime (wall-clock ms), for latency figures.
        modified: Option<f64>,
    },
}

/// Reads the post file at `path` (`root` is the live library's canonical root, so links are
/// checked against it directly).
pub fn see_file(root: &Path, path: &Path) -> Seen {
    match guard::read_post(root, path) {
        Ok(bytes) => {
            let modified = std::fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok().map(|d| d.as_secs_f64() * 1000.0));
            Seen::Bytes { bytes, modified }
        }
        Err(WorkspaceError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Seen::Gone,
        Err(WorkspaceError::NotRegular { .. } | WorkspaceError::OutsideSite { .. }) => Seen::Gone,
        Err(_) => Seen::Unreadable,
    }
}

/// What the index learns from what was seen at `rel`: a post (summarised, with its
/// fingerprint) or nothing. A non-UTF-8 file is still a post, with an error count.
pub fn observation(rel: &str, seen: &Seen) -> Observation {
    match seen {
        Seen::Gone => Observation::Gone { path: rel.to_string() },
        Seen::Unreadable => Observation::Post {
            fingerprint: 0,
            summary: post::unreadable_summary(rel),
            facts: PostFacts::unreadable(),
        },
        Seen::Bytes { bytes, .. } => {
            let (summary, facts) = match decode(bytes) {
                Ok(text) => post::index_entry(rel, text),
                Err(_) => (post::unreadable_summary(rel), PostFacts::unreadable()),
            };
            Observation::Post { fingerprint: index::fingerprint(bytes), summary, facts }
        }
    }
}

/// What is on disk at `path` now, for the index, and the file's mtime (wall-clock ms).
pub fn observe_file(root: &Path, path: &Path) -> (Observation, Option<f64>) {
    let seen = see_file(root, path);
    let modified = match &seen {
        Seen::Bytes { modified, .. } => *modified,
        _ => None,
    };
    (observation(&relative(root, path), &seen), modified)
}

/// Every post under `root`, read and summarised in parallel, sorted by path. Only the summary:
/// `postdesk list` needs no fingerprint or schema facts, and is measured against a bare parse.
pub fn scan(root: &Path) -> Result<Vec<PostSummary>, WorkspaceError> {
    scan_walk(root).map(|(posts, _)| posts)
}

/// `scan`, also returning what the walk skipped, so the CLI can say so.
pub fn scan_walk(root: &Path) -> Result<(Vec<PostSummary>, Vec<SkippedFile>), WorkspaceError> {
    let Walk { files, skipped, .. } = walk(root)?;
    let site = guard::canonical_root(root);
    let posts = files
        .par_iter()
        .filter_map(|path| {
            let rel = relative(root, path);
            let bytes = match guard::read_post(&site, path) {
                Ok(bytes) => bytes,
                // Gone since the walk: not a post any more.
                Err(WorkspaceError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                    return None
                }
                // There but unreadable: listed with an error, so the writer sees it.
                Err(_) => return Some(post::unreadable_summary(&rel)),
            };
            Some(match decode(&bytes) {
                Ok(text) => post::summarize(&rel, text),
                Err(_) => post::unreadable_summary(&rel),
            })
        })
        .collect();
    Ok((posts, skipped))
}

/// A post as `postdesk list` shows it on a site: its summary, its collection and its route.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedPost {
    #[serde(flatten)]
    pub summary: PostSummary,
    pub collection: Option<String>,
    pub route: Option<String>,
    /// The same post in the site's other languages (paths relative to the site root).
    pub translations: Vec<String>,
    /// Its git state inside a repository (`clean`, `new`, `modified`, `staged`, `renamed`,
    /// `conflicted`); absent outside one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git: Option<&'static str>,
}

/// Fills each post's `git` state from the repository `root` is in; leaves them absent outside
/// one. Git missing or failing is an error for the caller to report.
pub fn add_git_states(root: &Path, posts: &mut [ListedPost]) -> Result<(), WorkspaceError> {
    use crate::content::git::GitState;
    let Some(repo) = super::git::Repo::find(root)? else { return Ok(()) };
    let status = repo.status()?;
    let states: std::collections::HashMap<String, GitState> =
        status.entries.iter().filter_map(|e| Some((repo.relative(&e.path)?, e.state))).collect();
    for post in posts.iter_mut() {
        post.git = Some(match states.get(&post.summary.path) {
            None => "clean",
            Some(GitState::New) => "new",
            Some(GitState::Modified) => "modified",
            Some(GitState::Staged) => "staged",
            Some(GitState::Renamed) => "renamed",
            Some(GitState::Deleted) => "deleted",
            Some(GitState::Conflicted) => "conflicted",
        });
    }
    Ok(())
}

/// Fills each post's `translations`: the other posts that share its translation key.
pub fn pair_translations(posts: &mut [ListedPost]) {
    let mut by_key: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for post in posts.iter() {
        if let Some(key) = &post.summary.translation_key {
            by_key.entry(key.to_string()).or_default().push(post.summary.path.clone());
        }
    }
    for post in posts.iter_mut() {
        if let Some(group) = post.summary.translation_key.as_ref().and_then(|k| by_key.get(&**k)) {
            post.translations = group.iter().filter(|p| **p != post.summary.path).cloned().collect();
        }
    }
}

/// Every post of a site's collections (all of them, or the one named), read and summarised in
/// parallel with its route; and how many Markdown files lie outside every collection.
pub fn scan_site(
    root: &Path,
    only: Option<&str>,
    with_routes: bool,
) -> Result<(crate::content::site::Site, Vec<ListedPost>, Vec<SkippedFile>, usize), WorkspaceError> {
    use crate::content::site::route::FrontFacts;
    let Walk { files, skipped, others } = walk(root)?;
    let model = super::site::load_from_walk(root, &files, others);
    let site = &model;
    let canonical = guard::canonical_root(root);
    let mut outside = 0;
    let mut chosen = Vec::new();
    for path in files {
        let rel = relative(root, &path);
        match site.collection_of(&rel) {
            Some(c) if only.is_none_or(|name| c.name == name) => chosen.push((rel, c.name.clone(), path)),
            Some(_) => {}
            None => outside += 1,
        }
    }
    let posts = chosen
        .into_par_iter()
        .filter_map(|(rel, collection, path)| {
            let bytes = match guard::read_post(&canonical, &path) {
                Ok(bytes) => bytes,
                Err(WorkspaceError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                    return None
                }
                Err(_) => {
                    return Some(ListedPost {
                        summary: post::unreadable_summary(&rel),
                        collection: Some(collection),
                        route: None,
                        translations: Vec::new(),
                        git: None,
                    })
                }
            };
            Some(match decode(&bytes) {
                Ok(text) => {
                    let parsed = post::Parsed::new(text);
                    let route =
                        if with_routes { site.route_of(&rel, &FrontFacts::of(&parsed.fm)) } else { None };
                    let mut summary = parsed.summary(&rel);
                    site.place_summary(&mut summary);
                    ListedPost {
                        summary,
                        collection: Some(collection),
                        route,
                        translations: Vec::new(),
                        git: None,
                    }
                }
                Err(_) => ListedPost {
                    summary: post::unreadable_summary(&rel),
                    collection: Some(collection),
                    route: None,
                    translations: Vec::new(),
                    git: None,
                },
            })
        })
        .collect();
    Ok((model, posts, skipped, outside))
}

/// True when a folder-relative path lies inside a folder the scan skips (`.git`, build output).
pub fn in_skipped_dir(rel: &str) -> bool {
    let mut parts: Vec<&str> = rel.split('/').collect();
    parts.pop();
    parts.iter().enumerate().any(|(i, p)| is_skipped_dir(p, i + 1))
}
