//! The recovery journal: unsaved text kept outside the posts folder, so a
//! crash or a kill never costs an edit.
//!
//! One small JSON file per post with unsaved changes, in `$POSTDESK_DATA_DIR`, else
//! `$XDG_DATA_HOME/postdesk/recovery`, else `~/.local/share/postdesk/recovery`. The UI writes an
//! entry within about a second of an edit and clears it once the post is saved or the writer
//! discards the changes; whatever is left at the next start is offered back.
//!
//! An entry is the buffer as a save request (changes on top of the text it was opened from)
//! plus that text itself, filled in here from `BaseTexts` rather than sent by the UI. The text
//! matters when the post changed on disk after the crash: the restored buffer goes back onto
//! it (`restore_base`) and meets the disk's version through the same 3-way merge as any outside
//! change (`store::external_change`), instead of being pasted over an edit made meanwhile. An
//! entry without it (written by an older version) can only be offered back as an overlap.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::post::{self, PostDocument};

use super::error::WorkspaceError;
use super::store::{content_hash, write_private, BaseTexts, SaveRequest};

/// Unsaved changes to one post: the buffer as a save request would send it, the text it was
/// based on, and where and when.
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
    /// The text whose hash is the buffer's base hash. The backend fills it in (`record`); the
    /// UI never needs to send it. None in entries written before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub base_text: Option<String>,
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
    write_private(&file, &json)
}

/// Writes the UI's `entry` with the text its buffer is based on: from `bases`, else from the
/// entry already kept for the same base (`bases` holds only the last few texts, and a buffer
/// restored from an older run has its base only here).
pub fn record(dir: &Path, mut entry: JournalEntry, bases: &BaseTexts) -> Result<(), WorkspaceError> {
    let base_hash = &entry.buffer.base_hash;
    entry.base_text = bases.get(base_hash).or_else(|| {
        read_entry(dir, &entry.root, &entry.buffer.path)
            .filter(|kept| &kept.buffer.base_hash == base_hash)
            .and_then(|kept| kept.base_text)
    });
    write(dir, &entry)
}

fn read_entry(dir: &Path, root: &str, path: &str) -> Option<JournalEntry> {
    let bytes = std::fs::read(entry_file(dir, root, path)).ok()?;
    serde_json::from_slice::<JournalEntry>(&bytes).ok().filter(|e| e.root == root && e.buffer.path == path)
}

/// Gives the text `path`'s entry was based on back to `bases`, so the restored buffer can be
/// merged 3-way with the post as it is now, and returns the post as that text reads: the
/// document the restored buffer sits on. None when there is no entry, or it holds no base text
/// (or one that does not match its hash: never merge against a wrong base).
pub fn restore_base(dir: &Path, root: &str, path: &str, bases: &BaseTexts) -> Option<PostDocument> {
    let entry = read_entry(dir, root, path)?;
    let text = entry.base_text.filter(|t| content_hash(t.as_bytes()) == entry.buffer.base_hash)?;
    let document = post::open_document(path, &text, entry.buffer.base_hash.clone());
    bases.remember(&entry.buffer.base_hash, text);
    Some(document)
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
            base_text: None,
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
    fn record_keeps_the_base_text_only_for_the_same_base() {
        let dir = tempfile::tempdir().unwrap();
        let bases = BaseTexts::default();
        let base = "---\ntitle: A\n---\nOne.\n";
        let hash = content_hash(base.as_bytes());
        bases.remember(&hash, base.into());
        let mut first = entry("/blog", "a.md", "One!");
        first.buffer.base_hash = hash.clone();
        record(dir.path(), first.clone(), &bases).unwrap();
        assert_eq!(entries(dir.path(), "/blog")[0].base_text.as_deref(), Some(base));
        // Another run knows no base texts: the kept one stays for the same base...
        record(dir.path(), first, &BaseTexts::default()).unwrap();
        assert_eq!(entries(dir.path(), "/blog")[0].base_text.as_deref(), Some(base));
        let restored = restore_base(dir.path(), "/blog", "a.md", &BaseTexts::default()).unwrap();
        assert_eq!((restored.body.as_str(), restored.base_hash.as_str()), ("One.\n", hash.as_str()));
        // ...and is never carried over to a buffer on another base.
        record(dir.path(), entry("/blog", "a.md", "Two"), &BaseTexts::default()).unwrap();
        assert_eq!(entries(dir.path(), "/blog")[0].base_text, None);
        assert!(restore_base(dir.path(), "/blog", "a.md", &bases).is_none());
    }

    #[test]
    fn journal_files_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let e = entry("/blog", "a.md", "unsaved words");
        write(dir.path(), &e).unwrap();
        let file = entry_file(dir.path(), "/blog", "a.md");
        assert_eq!(std::fs::metadata(file).unwrap().permissions().mode() & 0o777, 0o600);
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
