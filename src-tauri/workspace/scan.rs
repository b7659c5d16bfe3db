//! Folder scan: finds the posts under a folder and summarises each one.
//!
//! A bad file never stops the scan: it is listed with an error count, so the writer sees it and
//! can open it. Build output, dependencies and hidden folders are skipped.

use std::path::{Path, PathBuf};

use crate::content::post::{self, LibraryDelta, PostSummary};
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

/// The summary of one post file; an unreadable or non-UTF-8 file gets an error count.
pub fn summarize_file(root: &Path, path: &Path) -> PostSummary {
    let rel = relative(root, path);
    match std::fs::read(path) {
        Ok(bytes) => match decode(&bytes) {
            Ok(text) => post::summarize(&rel, text),
            Err(_) => post::unreadable_summary(&rel),
        },
        Err(_) => post::unreadable_summary(&rel),
    }
}

pub fn scan(root: &Path) -> Result<Vec<PostSummary>, WorkspaceError> {
    Ok(post_files(root)?.iter().map(|p| summarize_file(root, p)).collect())
}

/// What changed in the library, given paths the watcher reported: a path that is now a post
/// file is (re)summarised, one that is gone is removed.
pub fn delta(root: &Path, changed: &[PathBuf]) -> LibraryDelta {
    let detected_at_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    let mut delta = LibraryDelta { upserted: Vec::new(), removed: Vec::new(), detected_at_ms };
    for path in changed {
        if path.is_file() {
            delta.upserted.push(summarize_file(root, path));
        } else if !path.exists() {
            delta.removed.push(relative(root, path));
        }
    }
    delta
}

pub fn library(root: &Path) -> Result<post::Library, WorkspaceError> {
    Ok(post::Library { root: root.display().to_string(), posts: scan(root)? })
}
