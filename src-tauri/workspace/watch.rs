//! The folder watcher: notify with notify-debouncer-full, reporting which post files changed.
//!
//! It reports only paths; deciding what a change means (a new post, an edit, a removal, a moved
//! folder) is the caller's job, from what is on disk when the report arrives. A rename is
//! reported as both its old and new path, which covers editors that save by writing a temp file
//! and renaming it. Folders are reported too: moving a folder names only the folder.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, Debouncer, RecommendedCache};

use super::error::WorkspaceError;

/// Long enough to fold an editor's write-then-rename into one report, short enough to feel live.
const DEBOUNCE: Duration = Duration::from_millis(60);

pub struct FolderWatcher {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Watches `root` recursively, and each of `also` (path, recursive?) where it exists, and calls
/// `on_change` with the changed paths, deduplicated.
pub fn watch(
    root: &Path,
    also: &[(PathBuf, bool)],
    on_change: impl Fn(Vec<PathBuf>) + Send + 'static,
) -> Result<FolderWatcher, WorkspaceError> {
    // Links are not followed: a link to `/` inside the site would have inotify watch the whole
    // disk. A post that is a link is still seen when the link itself changes.
    let config = notify::Config::default().with_follow_symlinks(false);
    let handler = move |result: DebounceEventResult| {
        // Watcher errors (a vanished folder, an overflowed queue) leave the list as it was; the
        // next event or a reopen brings it back in line.
        let Ok(events) = result else { return };
        let mut paths: Vec<PathBuf> = events
            .into_iter()
            // Opening or reading a file is not a change; reporting it would make every read
            // (the app's own included) look like an edit and trigger another read.
            .filter(|e| !matches!(e.event.kind, notify::EventKind::Access(_)))
            .flat_map(|e| e.event.paths)
            .collect();
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            on_change(paths);
        }
    };
    let mut debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache> =
        new_debouncer_opt(DEBOUNCE, None, handler, RecommendedCache::default(), config)
            .map_err(|e| WorkspaceError::io(root, std::io::Error::other(e)))?;
    debouncer
        .watch(root, RecursiveMode::Recursive)
        .map_err(|e| WorkspaceError::io(root, std::io::Error::other(e)))?;
    for (path, recursive) in also {
        let mode = if *recursive { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
        // Best effort: without it, git's view still follows every change inside the site.
        let _ = debouncer.watch(path, mode);
    }
    Ok(FolderWatcher { _debouncer: debouncer })
}
