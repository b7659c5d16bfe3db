//! The recovery journal (DESIGN.md rule 4): unsaved text kept outside the posts folder, so a
//! crash or a kill never costs an edit.
//!
//! One small JSON file per post with unsaved changes, in `$POSTDESK_DATA_DIR`, else
//! `$XDG_DATA_HOME/postdesk/recovery`, else `~/.local/share/postdesk/recovery`. The UI writes an
//! entry within about a second of an edit and clears it once the post is saved or the writer
//! discards the changes; whatever is left at the next start is offered back. Entries hold the
//! text the buffer was based on too, so a post changed on disk since can still be merged.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::error::WorkspaceError;
use super::store::{content_hash, write_atomic, SaveRequest};

/// Unsaved changes to one post: the buffer as a save request would send it, and where and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "JournalEntry.ts")]
pub struct JournalEntry {
    /// The posts folder, as opened (canonical).
    pub root: String,
    /// Its path, base hash, field edits, removals, raw front matter and body.
    #[serde(flatten)]
    pub buffer: SaveRequest,
    /// Wall-clock ms of the edit.
    pub saved_at_ms: f64,
}

pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("POSTDESK_DATA_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| super::settings::data_home().map(|d| d.join("recovery")))
}

/// One file per (folder, post): a hash of both, so any path is a safe file name.
fn entry_file(dir: &Path, root: &str, path: &str) -> PathBuf {
    let key = content_hash(format!("{root}\0{path}").as_bytes());
    dir.join(format!("{}.json", &key[..24]))
}

pub fn write(dir: &Path, entry: &JournalEntry) -> Result<(), WorkspaceError> {
    std::fs::create_dir_all(dir).map_err(|e| WorkspaceError::io(dir, e))?;
    let file = entry_file(dir, &entry.root, &entry.buffer.path);
    let json = serde_json::to_vec(entry).map_err(|e| WorkspaceError::io(&file, std::io::Error::other(e)))?;
    write_atomic(&file, &json)
}

/// Forgets the unsaved changes to `path`: they were saved or discarded.
pub fn clear(dir: &Path, root: &str, path: &str) -> Result<(), WorkspaceError> {
    let file = entry_file(dir, root, path);
    match std::fs::remove_file(&file) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(WorkspaceError::io(&file, e)),
    }
}

/// Every entry left for the folder `root`, oldest first. Unreadable entries are skipped, never
/// deleted: a newer version of the app may understand them.
pub fn entries(dir: &Path, root: &str) -> Vec<JournalEntry> {
    let Ok(read_dir) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<JournalEntry> = read_dir
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .filter_map(|bytes| serde_json::from_slice::<JournalEntry>(&bytes).ok())
        .filter(|entry| entry.root == root)
        .collect();
    found.sort_by(|a, b| a.saved_at_ms.total_cmp(&b.saved_at_ms));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(root: &str, path: &str, body: &str) -> JournalEntry {
        JournalEntry {
            root: root.into(),
            buffer: SaveRequest {
                path: path.into(),
                base_hash: "h".into(),
                body: Some(body.into()),
                ..SaveRequest::default()
            },
            saved_at_ms: 1.0,
        }
    }

    #[test]
    fn entries_round_trip_per_folder_and_clear() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &entry("/blog", "a.md", "one")).unwrap();
        write(dir.path(), &entry("/blog", "a.md", "two")).unwrap();
        write(dir.path(), &entry("/other", "a.md", "else")).unwrap();
        let found = entries(dir.path(), "/blog");
        assert_eq!(found.len(), 1, "one entry per post, the latest");
        assert_eq!(found[0].buffer.body.as_deref(), Some("two"));
        clear(dir.path(), "/blog", "a.md").unwrap();
        assert!(entries(dir.path(), "/blog").is_empty());
        assert_eq!(entries(dir.path(), "/other").len(), 1);
        clear(dir.path(), "/blog", "a.md").unwrap();
    }

    #[test]
    fn garbage_in_the_journal_is_skipped_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("junk.json"), b"{oops").unwrap();
        write(dir.path(), &entry("/blog", "b.md", "x")).unwrap();
        assert_eq!(entries(dir.path(), "/blog").len(), 1);
        assert!(dir.path().join("junk.json").exists());
    }
}
