//! Reading and saving posts on disk, atomically and without overwriting anyone's change.
//!
//! A save re-reads the file and compares it with the hash the buffer was opened from; if they
//! differ it refuses with `Conflict` rather than overwrite an external change (DESIGN.md rule 3).
//! Writes go to a temp file in the same folder, are fsynced, and renamed over the target, so a
//! crash leaves either the old or the new file, never half of one. Permissions are kept, and a
//! symlinked post is written through to its target.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::content::merge::{self, Changes, Merge};
use crate::content::post::{self, PostDocument};
use crate::content::split::decode;

use super::error::WorkspaceError;
use super::scan::relative;

/// One field change from the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "FieldEdit.ts")]
pub struct FieldEdit {
    pub key: String,
    #[ts(type = "unknown")]
    pub value: Value,
}

/// What the editor asks to save: field edits, removed keys, the raw front-matter text if the
/// writer edited it, and the new body if it changed. They apply in that order (raw text first,
/// so the form's edits land on top of it; see `merge::Changes`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "SaveRequest.ts")]
pub struct SaveRequest {
    pub path: String,
    pub base_hash: String,
    pub fields: Vec<FieldEdit>,
    /// Dotted keys to remove, with all their lines.
    #[serde(default)]
    #[ts(optional, as = "Option<Vec<String>>")]
    pub remove: Vec<String>,
    /// The raw editor's front-matter text; it replaces only the front-matter span.
    #[serde(default)]
    #[ts(optional)]
    pub front_matter_source: Option<String>,
    pub body: Option<String>,
}

impl SaveRequest {
    pub fn changes<'a>(&'a self, fields: &'a [(String, Value)]) -> Changes<'a> {
        Changes {
            fields,
            remove: &self.remove,
            front_matter: self.front_matter_source.as_deref(),
            body: self.body.as_deref(),
        }
    }
}

pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Resolves a folder-relative path, refusing anything that climbs out of the folder.
pub fn resolve(root: &Path, rel: &str) -> Result<PathBuf, WorkspaceError> {
    let rel_path = Path::new(rel);
    let escapes = rel_path.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if escapes {
        return Err(WorkspaceError::OutsideFolder { path: rel_path.to_path_buf() });
    }
    Ok(root.join(rel_path))
}

pub fn read_bytes(path: &Path) -> Result<Vec<u8>, WorkspaceError> {
    std::fs::read(path).map_err(|e| WorkspaceError::io(path, e))
}

/// Opens a post for editing. A non-UTF-8 file opens read-only with its text decoded lossily,
/// so the writer can see it, and any save is refused.
pub fn open(root: &Path, rel: &str) -> Result<PostDocument, WorkspaceError> {
    open_with_text(root, rel).map(|(doc, _)| doc)
}

/// `open`, also returning the exact text the document was read from (None when it is not
/// UTF-8), for `BaseTexts`: one read, so the text and the hash always agree.
pub fn open_with_text(root: &Path, rel: &str) -> Result<(PostDocument, Option<String>), WorkspaceError> {
    let path = resolve(root, rel)?;
    let bytes = read_bytes(&path)?;
    let hash = content_hash(&bytes);
    let rel = relative(root, &path);
    Ok(match String::from_utf8(bytes) {
        Ok(text) => (post::open_document(&rel, &text, hash), Some(text)),
        Err(err) => {
            let bytes = err.into_bytes();
            let offset = decode(&bytes).err().map_or(0, |bad| bad.valid_up_to);
            let lossy = String::from_utf8_lossy(&bytes);
            let mut doc = post::open_document(&rel, &lossy, hash);
            doc.read_only_reason = Some(WorkspaceError::NotUtf8 { path: path.clone(), offset }.to_string());
            (doc, None)
        }
    })
}

/// Applies a save request through the lossless edit API and writes the result atomically.
/// Returns the document as now on disk.
pub fn save(root: &Path, request: &SaveRequest) -> Result<PostDocument, WorkspaceError> {
    save_then(root, request, |_, _| {})
}

/// `save`, calling `written(rel, text)` right after the file is replaced, so the caller can
/// record the write as its own before the watcher reports it.
pub fn save_then(
    root: &Path,
    request: &SaveRequest,
    written: impl FnOnce(&str, &str),
) -> Result<PostDocument, WorkspaceError> {
    let path = resolve(root, &request.path)?;
    let bytes = read_bytes(&path)?;
    if content_hash(&bytes) != request.base_hash {
        return Err(WorkspaceError::Conflict { path });
    }
    let text = decode(&bytes)
        .map_err(|bad| WorkspaceError::NotUtf8 { path: path.clone(), offset: bad.valid_up_to })?;
    let updated = apply_request(&path, text, request)?;
    let rel = relative(root, &path);
    if updated != text {
        write_atomic(&path, updated.as_bytes())?;
        written(&rel, &updated);
    }
    Ok(post::open_document(&rel, &updated, content_hash(updated.as_bytes())))
}

fn field_pairs(request: &SaveRequest) -> Vec<(String, Value)> {
    request.fields.iter().map(|f| (f.key.clone(), f.value.clone())).collect()
}

fn apply_request(path: &Path, text: &str, request: &SaveRequest) -> Result<String, WorkspaceError> {
    let fields = field_pairs(request);
    merge::apply_changes(text, request.changes(&fields))
        .map_err(|e| WorkspaceError::Edit { path: path.to_path_buf(), message: e.to_string() })
}

/// What an external change to an open post means for its buffer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "camelCase")]
#[ts(export, export_to = "ExternalChange.ts")]
pub enum ExternalChange {
    /// The disk still holds what the buffer is based on.
    Unchanged,
    /// The file is gone; the buffer is all that is left of it.
    Deleted,
    /// Both sides' changes fit: `theirs` becomes the buffer's base and `body` goes in the
    /// editor; the buffer's field edits still apply on top.
    Merged { theirs: PostDocument, body: String },
    /// Both sides changed the same field or lines. `diff` goes from theirs to mine.
    Overlap { theirs: PostDocument, fields: Vec<String>, body: bool, diff: String },
}

/// Compares the buffer described by `request` (its base text is looked up in `bases`) with the
/// file now on disk, and merges what can be merged. Writes nothing.
pub fn external_change(
    root: &Path,
    bases: &BaseTexts,
    request: &SaveRequest,
) -> Result<ExternalChange, WorkspaceError> {
    let base = bases.get(&request.base_hash);
    let base = base.as_deref();
    let path = resolve(root, &request.path)?;
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ExternalChange::Deleted),
        Err(e) => return Err(WorkspaceError::io(&path, e)),
    };
    let hash = content_hash(&bytes);
    if hash == request.base_hash {
        return Ok(ExternalChange::Unchanged);
    }
    let theirs = decode(&bytes)
        .map_err(|bad| WorkspaceError::NotUtf8 { path: path.clone(), offset: bad.valid_up_to })?;
    let rel = relative(root, &path);
    // The disk's text becomes the buffer's base once the writer merges or picks a side.
    bases.remember(&hash, theirs.to_string());
    let document = post::open_document(&rel, theirs, hash);
    let fields = field_pairs(request);
    let changes = request.changes(&fields);
    // Without the base text nothing can be shown to fit, so every change counts as overlapping.
    let outcome = match base {
        Some(base) => merge::merge(base, theirs, changes),
        None => {
            let mut keys: Vec<String> =
                fields.iter().map(|(k, _)| k.clone()).chain(request.remove.clone()).collect();
            if request.front_matter_source.is_some() {
                keys.push(merge::FRONT_MATTER.to_string());
            }
            Merge::Overlap { fields: keys, body: true }
        }
    };
    Ok(match outcome {
        Merge::Clean { body } => ExternalChange::Merged { theirs: document, body },
        Merge::Overlap { fields, body } => {
            let mine = apply_request(&path, base.unwrap_or(theirs), request)?;
            ExternalChange::Overlap { theirs: document, fields, body, diff: merge::compare(theirs, &mine) }
        }
    })
}

/// Writes the buffer back as a new file after the post was deleted on disk: `base` (the text
/// it was opened from) with the buffer's changes. Refuses if something is at the path again.
pub fn recreate(
    root: &Path,
    bases: &BaseTexts,
    request: &SaveRequest,
) -> Result<PostDocument, WorkspaceError> {
    let path = resolve(root, &request.path)?;
    let base = bases.get(&request.base_hash).ok_or_else(|| WorkspaceError::Edit {
        path: path.clone(),
        message: "the text this post was opened from is no longer known; copy your text out and create the post anew".into(),
    })?;
    let text = apply_request(&path, &base, request)?;
    write_new(&path, text.as_bytes())?;
    Ok(post::open_document(&relative(root, &path), &text, content_hash(text.as_bytes())))
}

/// Like `write_atomic`, for a file that must not exist yet: `Conflict` if something is there.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WorkspaceError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let io = |e: std::io::Error| WorkspaceError::io(path, e);
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut temp =
        tempfile::Builder::new().prefix(".postdesk-").suffix(".tmp").tempfile_in(dir).map_err(io)?;
    temp.write_all(bytes).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    temp.persist_noclobber(path).map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => WorkspaceError::Conflict { path: path.to_path_buf() },
        _ => io(e.error),
    })?;
    Ok(())
}

/// The texts open buffers are based on, by hash, so an external change can be merged 3-way.
/// Only the last few are kept: one per recently open post is all a merge needs.
#[derive(Debug, Default)]
pub struct BaseTexts {
    recent: std::sync::Mutex<std::collections::VecDeque<(String, String)>>,
}

impl BaseTexts {
    const KEEP: usize = 8;

    pub fn remember(&self, hash: &str, text: String) {
        let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
        recent.retain(|(h, _)| h != hash);
        recent.push_front((hash.to_string(), text));
        recent.truncate(Self::KEEP);
    }

    pub fn get(&self, hash: &str) -> Option<String> {
        let recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
        recent.iter().find(|(h, _)| h == hash).map(|(_, t)| t.clone())
    }
}

/// Writes `bytes` to `path` via a temp file in the same folder, fsync and rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WorkspaceError> {
    // Write through a symlink to its target, so the link itself survives.
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| WorkspaceError::io(path, e))?
        }
        _ => path.to_path_buf(),
    };
    let dir = target.parent().unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let io = |e: std::io::Error| WorkspaceError::io(&target, e);

    let mut temp =
        tempfile::Builder::new().prefix(".postdesk-").suffix(".tmp").tempfile_in(dir).map_err(io)?;
    temp.write_all(bytes).map_err(io)?;
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions).map_err(io)?;
    }
    temp.as_file().sync_all().map_err(io)?;
    temp.persist(&target).map_err(|e| io(e.error))?;
    // The rename is durable only once the folder entry is on disk too.
    if let Ok(dir_handle) = std::fs::File::open(dir) {
        let _ = dir_handle.sync_all();
    }
    Ok(())
}
