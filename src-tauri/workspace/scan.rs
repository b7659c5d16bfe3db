//! Folder scan: finds the posts under a folder and summarises each one.
//!
//! A bad file never stops the scan: it is listed with an error count, so the writer sees it and
//! can open it. Build output, dependencies and hidden folders are skipped.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::index::{self, Observation};
use crate::content::post::{self, PostSummary};
use crate::content::schema::PostFacts;
use crate::content::split::decode;

use super::error::WorkspaceError;

const POST_EXTENSIONS: &[&str] = &["md", "markdown", "mdx"];
const SKIPPED_DIRS: &[&str] = &["node_modules", "dist", "target", "_site", "public", "resources"];

pub fn is_post_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| POST_EXTENSIONS.iter().any(|p| p.eq_ignore_ascii_case(e)))
}

fn is_skipped_dir(name: &str) -> bool {
    name.starts_with('.') || SKIPPED_DIRS.contains(&name)
}

/// `path` relative to `root`, with `/` separators, as the UI and CLI show it.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// Every post file under `root`, sorted by path.
pub fn post_files(root: &Path) -> Result<Vec<PathBuf>, WorkspaceError> {
    if !root.is_dir() {
        return Err(WorkspaceError::NotAFolder { path: root.to_path_buf() });
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(root).follow_links(true).into_iter().filter_entry(|e| {
        e.depth() == 0 || !(e.file_type().is_dir() && is_skipped_dir(&e.file_name().to_string_lossy()))
    });
    for entry in walker {
        // An unreadable subfolder is skipped, not fatal: the rest of the folder still lists.
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_file() && is_post_file(entry.path()) {
            files.push(entry.into_path());
        }
    }
    files.sort();
    Ok(files)
}

/// What is on disk at `path` now, for the index: a post (summarised, with its fingerprint) or
/// nothing. An unreadable or non-UTF-8 file is still a post, with an error count, so the writer
/// sees it in the list. Also returns the file's mtime (wall-clock ms) for latency figures.
pub fn observe_file(root: &Path, path: &Path) -> (Observation, Option<f64>) {
    let rel = relative(root, path);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Observation::Gone { path: rel }, None),
        Err(_) if !path.is_file() => return (Observation::Gone { path: rel }, None),
        Err(_) => {
            let summary = post::unreadable_summary(&rel);
            return (Observation::Post { fingerprint: 0, summary, facts: PostFacts::unreadable() }, None);
        }
    };
    let modified = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok().map(|d| d.as_secs_f64() * 1000.0));
    let (summary, facts) = match decode(&bytes) {
        Ok(text) => post::index_entry(&rel, text),
        Err(_) => (post::unreadable_summary(&rel), PostFacts::unreadable()),
    };
    (Observation::Post { fingerprint: index::fingerprint(&bytes), summary, facts }, modified)
}

/// Every post under `root`, read and summarised in parallel, sorted by path. Only the summary:
/// `postdesk list` needs no fingerprint or schema facts, and is measured against a bare parse.
pub fn scan(root: &Path) -> Result<Vec<PostSummary>, WorkspaceError> {
    let files = post_files(root)?;
    Ok(files
        .par_iter()
        .filter_map(|path| {
            let rel = relative(root, path);
            let bytes = match std::fs::read(path) {
                Ok(bytes) => bytes,
                // Gone since the walk: not a post any more.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
                // There but unreadable: listed with an error, so the writer sees it.
                Err(_) => return Some(post::unreadable_summary(&rel)),
            };
            Some(match decode(&bytes) {
                Ok(text) => post::summarize(&rel, text),
                Err(_) => post::unreadable_summary(&rel),
            })
        })
        .collect())
}

/// True when a folder-relative path lies inside a folder the scan skips (`.git`, build output).
pub fn in_skipped_dir(rel: &str) -> bool {
    let mut parts: Vec<&str> = rel.split('/').collect();
    parts.pop();
    parts.iter().any(|p| is_skipped_dir(p))
}
