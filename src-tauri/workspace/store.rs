//! Reading and saving posts on disk, atomically and without overwriting anyone's change.
//!
//! A save re-reads the file and compares it with the hash the buffer was opened from; if they
//! differ it refuses with `Conflict` rather than overwrite an external change (DESIGN.md rule 3).
//! Writes go to a temp file in the same folder, are fsynced, and renamed over the target, so a
//! crash leaves either the old or the new file, never half of one. Permissions are kept, and a
//! symlinked post is written through to its target.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::content::edit;
use crate::content::post::{self, PostDocument};
use crate::content::split::decode;

use super::error::WorkspaceError;
use super::scan::relative;

/// One field change from the form.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, export_to = "FieldEdit.ts")]
pub struct FieldEdit {
    pub key: String,
    #[ts(type = "unknown")]
    pub value: Value,
}

/// What the editor asks to save: field edits and, if it changed, the new body.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "SaveRequest.ts")]
pub struct SaveRequest {
    pub path: String,
    pub base_hash: String,
    pub fields: Vec<FieldEdit>,
    pub body: Option<String>,
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
    let path = resolve(root, rel)?;
    let bytes = read_bytes(&path)?;
    let hash = content_hash(&bytes);
    let rel = relative(root, &path);
    Ok(match decode(&bytes) {
        Ok(text) => post::open_document(&rel, text, hash),
        Err(bad) => {
            let lossy = String::from_utf8_lossy(&bytes);
            let mut doc = post::open_document(&rel, &lossy, hash);
            doc.read_only_reason =
                Some(WorkspaceError::NotUtf8 { path: path.clone(), offset: bad.valid_up_to }.to_string());
            doc
        }
    })
}

/// Applies a save request through the lossless edit API and writes the result atomically.
/// Returns the document as now on disk.
pub fn save(root: &Path, request: &SaveRequest) -> Result<PostDocument, WorkspaceError> {
    let path = resolve(root, &request.path)?;
    let bytes = read_bytes(&path)?;
    if content_hash(&bytes) != request.base_hash {
        return Err(WorkspaceError::Conflict { path });
    }
    let text = decode(&bytes)
        .map_err(|bad| WorkspaceError::NotUtf8 { path: path.clone(), offset: bad.valid_up_to })?;
    let mut updated = text.to_string();
    for field in &request.fields {
        updated = edit::set_field(&updated, &field.key, &field.value)
            .map_err(|e| WorkspaceError::Edit { path: path.clone(), message: e.to_string() })?;
    }
    if let Some(body) = &request.body {
        updated = edit::replace_body(&updated, body);
    }
    if updated != text {
        write_atomic(&path, updated.as_bytes())?;
    }
    Ok(post::open_document(&relative(root, &path), &updated, content_hash(updated.as_bytes())))
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
