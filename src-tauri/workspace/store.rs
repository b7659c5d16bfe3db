//! Reading and saving posts on disk, atomically and without overwriting anyone's change.
//!
//! A save re-reads the file and compares it with the hash the buffer was opened from; if they
//! differ it refuses with `Conflict` rather than overwrite an external change.
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
use super::guard;
use super::own_writes::OwnWrites;
use super::scan::{is_post_file, relative};

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

/// A post's bytes: a regular file (a FIFO or device is refused without blocking) of at most
/// `guard::MAX_POST_BYTES`. For a post inside a site use `guard::read_post`, which also keeps
/// symlinks inside the site.
/// Resolves a post path the UI sent: non-empty, inside the folder, and a post's file name.
/// An empty path would otherwise name the folder itself, and a trash or rename of that is
/// the whole site.
pub fn resolve_post(root: &Path, rel: &str) -> Result<PathBuf, WorkspaceError> {
    if rel.trim().is_empty() {
        return Err(WorkspaceError::Refused {
            path: root.to_path_buf(),
            message: "no post was named; pick a post in the library first".into(),
        });
    }
    let path = resolve(root, rel)?;
    if !is_post_file(&path) {
        return Err(WorkspaceError::Refused {
            path,
            message: "not a post (Postdesk works on .md, .markdown and .mdx files)".into(),
        });
    }
    Ok(path)
}

/// `bytes` as text, or `NotUtf8` naming `path` and the first bad byte: the one place a read
/// that needs UTF-8 says so.
pub fn utf8<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, WorkspaceError> {
    decode(bytes).map_err(|bad| WorkspaceError::NotUtf8 { path: path.to_path_buf(), offset: bad.valid_up_to })
}

/// A post's text: [`read_bytes`] (a regular file under the size cap), then [`utf8`].
pub fn read_text(path: &Path) -> Result<String, WorkspaceError> {
    let bytes = read_bytes(path)?;
    utf8(path, &bytes)?;
    // Checked just above, so this reuses the buffer instead of copying it.
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

pub fn read_bytes(path: &Path) -> Result<Vec<u8>, WorkspaceError> {
    guard::read_capped(path, guard::MAX_POST_BYTES)
}

/// Opens a post for editing. A non-UTF-8 file opens read-only with its text decoded lossily,
/// so the writer can see it, and any save is refused.
pub fn open(root: &Path, rel: &str) -> Result<PostDocument, WorkspaceError> {
    open_with_text(root, rel).map(|(doc, _)| doc)
}

/// `open`, also returning the exact text the document was read from (None when it is not
/// UTF-8), for `BaseTexts`: one read, so the text and the hash always agree.
pub fn open_with_text(root: &Path, rel: &str) -> Result<(PostDocument, Option<String>), WorkspaceError> {
    let path = resolve_post(root, rel)?;
    let bytes = guard::read_post(&guard::canonical_root(root), &path)?;
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
    let saved = save_text(root, request)?;
    Ok(post::open_document(&saved.rel, &saved.text, saved.hash))
}

/// A post's text as a save left it on disk.
pub struct SavedText {
    /// Folder-relative path.
    pub rel: String,
    pub text: String,
    pub hash: String,
    /// False for a save that changed nothing (nothing was written).
    pub written: bool,
}

/// The save itself: the disk must still hold the buffer's base, the request is applied through
/// the lossless edit API, and the result replaces the file atomically (checked against the base
/// again just before the rename). It does not parse the new text for anything else: the caller
/// does that once (`workspace::save`).
pub fn save_text(root: &Path, request: &SaveRequest) -> Result<SavedText, WorkspaceError> {
    let path = resolve_post(root, &request.path)?;
    let site = guard::canonical_root(root);
    let bytes = guard::read_post(&site, &path)?;
    if content_hash(&bytes) != request.base_hash {
        return Err(WorkspaceError::Conflict { path });
    }
    let text = utf8(&path, &bytes)?;
    let updated = apply_request(&path, text, request)?;
    let rel = relative(root, &path);
    let written = updated != text;
    if written {
        let target = guard::post_target(&site, &path)?;
        write_atomic_if(&target, updated.as_bytes(), &request.base_hash).map_err(|e| e.at(&path))?;
    }
    let hash = if written { content_hash(updated.as_bytes()) } else { request.base_hash.clone() };
    Ok(SavedText { rel, text: updated, hash, written })
}

fn field_pairs(request: &SaveRequest) -> Vec<(String, Value)> {
    request.fields.iter().map(|f| (f.key.clone(), f.value.clone())).collect()
}

/// `request` applied to `text` (the file at `path`) through the lossless edit API.
pub fn apply_request(path: &Path, text: &str, request: &SaveRequest) -> Result<String, WorkspaceError> {
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
    let path = resolve_post(root, &request.path)?;
    let bytes = match guard::read_post(&guard::canonical_root(root), &path) {
        Ok(bytes) => bytes,
        Err(WorkspaceError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(ExternalChange::Deleted)
        }
        Err(e) => return Err(e),
    };
    let hash = content_hash(&bytes);
    if hash == request.base_hash {
        return Ok(ExternalChange::Unchanged);
    }
    let theirs = utf8(&path, &bytes)?;
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
    own: &dyn OwnWrites,
) -> Result<PostDocument, WorkspaceError> {
    let path = resolve_post(root, &request.path)?;
    let base = bases.get(&request.base_hash).ok_or_else(|| WorkspaceError::Edit {
        path: path.clone(),
        message: "the text this post was opened from is no longer known; copy your text out and create the post anew".into(),
    })?;
    let text = apply_request(&path, &base, request)?;
    write_new(&path, text.as_bytes())?;
    let rel = relative(root, &path);
    own.wrote(&rel, text.as_bytes());
    Ok(post::open_document(&rel, &text, content_hash(text.as_bytes())))
}

/// Like `write_atomic`, for a file that must not exist yet: `Conflict` if something is there.
/// The new file gets the umask's mode, as any program's new file would.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), WorkspaceError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let io = |e: std::io::Error| WorkspaceError::io(path, e);
    std::fs::create_dir_all(dir).map_err(io)?;
    let temp = temp_with(dir, bytes, Some(NEW_FILE_MODE)).map_err(io)?;
    temp.persist_noclobber(path).map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => WorkspaceError::Conflict { path: path.to_path_buf() },
        _ => io(e.error),
    })?;
    WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    sync_dir(dir);
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

/// The mode a new file asks for; the umask takes its share, as for any program's new file
/// (0644 with the usual umask). tempfile alone would make it 0600, unreadable by a web
/// server or a teammate.
const NEW_FILE_MODE: u32 = 0o666;

/// The mode of files that hold the writer's unsaved text (the recovery journal): theirs alone.
const PRIVATE_FILE_MODE: u32 = 0o600;

/// A synced temp file holding `bytes` in `dir`, created with `mode` (less the umask).
fn temp_with(dir: &Path, bytes: &[u8], mode: Option<u32>) -> std::io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".postdesk-").suffix(".tmp");
    if let Some(mode) = mode {
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// The rename is durable only once the folder entry is on disk too.
fn sync_dir(dir: &Path) {
    if let Ok(dir_handle) = std::fs::File::open(dir) {
        let _ = dir_handle.sync_all();
    }
}

/// Writes `bytes` to `path` via a temp file in the same folder, fsync and rename. An existing
/// file keeps its permissions; a new one gets the umask's mode. A symlink is written through
/// to its target (callers inside a site resolve it with `guard::writable_target` first).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WorkspaceError> {
    replace(path, bytes, NEW_FILE_MODE, || Ok(()))
}

/// `write_atomic` for a file only its owner should read: the recovery journal.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), WorkspaceError> {
    replace(path, bytes, PRIVATE_FILE_MODE, || Ok(()))
}

/// `write_atomic`, but only if the file still hashes to `expected` just before the rename.
/// The caller compared the disk with its base when it started; an outside write that lands
/// while the new text is being made and synced is caught here as a `Conflict`, and the temp
/// file is removed.
pub fn write_atomic_if(path: &Path, bytes: &[u8], expected: &str) -> Result<(), WorkspaceError> {
    replace(path, bytes, NEW_FILE_MODE, || {
        let now = guard::read_capped(path, guard::MAX_POST_BYTES)?;
        if content_hash(&now) == expected {
            Ok(())
        } else {
            Err(WorkspaceError::Conflict { path: path.to_path_buf() })
        }
    })
}

/// Files this process has written (atomic replaces and new files), for tests that count a
/// save's writes.
static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

pub fn writes_so_far() -> u64 {
    WRITES.load(std::sync::atomic::Ordering::Relaxed)
}

fn replace(
    path: &Path,
    bytes: &[u8],
    new_mode: u32,
    before_rename: impl FnOnce() -> Result<(), WorkspaceError>,
) -> Result<(), WorkspaceError> {
    // Write through a symlink to its target, so the link itself survives.
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| WorkspaceError::io(path, e))?
        }
        _ => path.to_path_buf(),
    };
    let dir = target.parent().unwrap_or(Path::new("."));
    let existing = std::fs::metadata(&target).ok();
    if let Some(meta) = &existing {
        if !meta.is_file() {
            return Err(WorkspaceError::NotRegular {
                path: path.to_path_buf(),
                what: guard::kind_of(&meta.file_type()),
            });
        }
        // Renaming over a read-only file would succeed (the folder is writable) and quietly
        // unlock what the writer or their team locked.
        if meta.permissions().readonly() {
            return Err(WorkspaceError::ReadOnly { path: path.to_path_buf() });
        }
    }
    let io = |e: std::io::Error| WorkspaceError::io(&target, e);
    // An existing file's mode is copied onto the temp file below; a new one asks for `new_mode`.
    let temp = temp_with(dir, bytes, existing.is_none().then_some(new_mode)).map_err(io)?;
    if let Some(meta) = &existing {
        temp.as_file().set_permissions(meta.permissions()).map_err(io)?;
    }
    before_rename()?;
    temp.persist(&target).map_err(|e| io(e.error))?;
    WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    sync_dir(dir);
    Ok(())
}
