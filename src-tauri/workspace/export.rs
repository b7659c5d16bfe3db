//! Writes an export: the finished Markdown of each post that may go out, and its local images,
//! into a destination folder with the posts' relative layout. What each post becomes is
//! `content::export`'s decision; this module reads, writes atomically, and refuses to replace
//! a destination file that is newer than its source unless told to overwrite.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::content::export::{self, Decision, ExportOptions};

use super::error::WorkspaceError;
use super::folder::{self as loader, CivilDate};
use super::guard;
use super::scan::SkippedFile;
use super::store::{resolve, write_atomic};

/// What happened to each post and image.
#[derive(Debug, Default)]
pub struct ExportReport {
    /// (source, destination) of each file written.
    pub written: Vec<(PathBuf, PathBuf)>,
    /// Destinations already identical to what would be written.
    pub unchanged: Vec<PathBuf>,
    /// (source, reason) of each post or image not written.
    pub skipped: Vec<(PathBuf, String)>,
    /// Posts refused because errors are left (so the caller can fail).
    pub refused: usize,
    /// Destinations left alone because they are newer than their post and differ.
    pub newer: Vec<PathBuf>,
}

/// The report as the app shows it: paths as text, reasons in words.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "ExportSummary.ts")]
pub struct ExportSummary {
    pub out: String,
    pub written: Vec<String>,
    pub unchanged: usize,
    pub skipped: Vec<SkippedFile>,
    pub refused: usize,
    /// Destinations newer than their post: export again with overwrite to replace them.
    pub newer: usize,
}

impl ExportReport {
    pub fn summary(&self, out: &Path) -> ExportSummary {
        let shown = |p: &Path| p.strip_prefix(out).unwrap_or(p).display().to_string();
        ExportSummary {
            out: out.display().to_string(),
            written: self.written.iter().map(|(_, dest)| shown(dest)).collect(),
            unchanged: self.unchanged.len(),
            skipped: self
                .skipped
                .iter()
                .map(|(path, reason)| SkippedFile {
                    path: path.display().to_string(),
                    reason: reason.clone(),
                })
                .collect(),
            refused: self.refused,
            newer: self.newer.len(),
        }
    }
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Writes `bytes` to `dest` unless it already holds them, or is newer than `source` and
/// `overwrite` is off.
fn put(
    source: &Path,
    dest: &Path,
    bytes: &[u8],
    overwrite: bool,
    report: &mut ExportReport,
) -> Result<(), WorkspaceError> {
    // A link at the destination is not written through: it could lead anywhere.
    if std::fs::symlink_metadata(dest).is_ok_and(|m| m.file_type().is_symlink()) {
        report.skipped.push((
            source.to_path_buf(),
            format!(
                "{} is a symbolic link; Postdesk does not write through it (remove it and export again)",
                dest.display()
            ),
        ));
        return Ok(());
    }
    if let Ok(existing) = guard::read_capped(dest, guard::MAX_IMAGE_BYTES) {
        if existing == bytes {
            report.unchanged.push(dest.to_path_buf());
            return Ok(());
        }
        let newer = matches!((modified(dest), modified(source)), (Some(d), Some(s)) if d > s);
        if newer && !overwrite {
            report.newer.push(dest.to_path_buf());
            report.skipped.push((
                source.to_path_buf(),
                format!(
                    "{} is newer than the post and differs (pass --overwrite to replace it)",
                    dest.display()
                ),
            ));
            return Ok(());
        }
    }
    if let Some(parent) = dest.parent() {
        std::fs::create_dir_all(parent).map_err(|e| WorkspaceError::io(parent, e))?;
    }
    write_atomic(dest, bytes)?;
    report.written.push((source.to_path_buf(), dest.to_path_buf()));
    Ok(())
}

/// Exports the post file or every post of the folder at `path` into `out`.
pub fn run(
    path: &Path,
    out: &Path,
    opts: ExportOptions,
    overwrite: bool,
    today: Option<CivilDate>,
) -> Result<ExportReport, WorkspaceError> {
    run_in(path, out, opts, overwrite, today, None)
}

/// `run`, over one collection of a site when `collection` names one.
pub fn run_in(
    path: &Path,
    out: &Path,
    opts: ExportOptions,
    overwrite: bool,
    today: Option<CivilDate>,
    collection: Option<&str>,
) -> Result<ExportReport, WorkspaceError> {
    let (mut folder, only) = loader::load_for(path, today)?;
    loader::keep_collection(&mut folder, collection)?;
    let site = guard::canonical_root(&folder.root);
    if guard::canonical_root(out) == site {
        return Err(WorkspaceError::Refused {
            path: out.to_path_buf(),
            message: "this is the posts folder itself; exporting there would replace the posts. Choose another folder".into(),
        });
    }
    let mut report = ExportReport::default();
    for post in folder.posts.iter().filter(|p| only.as_deref().is_none_or(|o| o == p.rel)) {
        let text = match &post.text {
            Ok(text) => text,
            Err(e) => {
                report.skipped.push((post.path.clone(), e.to_string()));
                continue;
            }
        };
        match export::export_post(&post.rel, text, &folder.facts, &folder.config, opts) {
            Decision::Skip { reason, has_errors } => {
                report.refused += usize::from(has_errors);
                report.skipped.push((post.path.clone(), reason));
            }
            Decision::Export { path: rel, text, images, .. } => {
                // `resolve` refuses `..` and absolute paths: whatever a post's front matter says,
                // nothing is written outside `out`.
                match resolve(out, &rel) {
                    Ok(dest) => put(&post.path, &dest, text.as_bytes(), overwrite, &mut report)?,
                    Err(e) => {
                        report.skipped.push((post.path.clone(), e.to_string()));
                        continue;
                    }
                }
                for image in images {
                    let source = folder.root.join(&image);
                    // Only a regular file inside the site goes out: a post's "image" that links
                    // to ~/.ssh/id_ed25519 must not be published with it.
                    let read = guard::post_target(&site, &source).and_then(|real| {
                        guard::read_resolved(&real, guard::MAX_IMAGE_BYTES).map_err(|e| e.at(&source))
                    });
                    match (read, resolve(out, &image)) {
                        (Ok(bytes), Ok(dest)) => put(&source, &dest, &bytes, overwrite, &mut report)?,
                        (Err(e), _) | (_, Err(e)) => report.skipped.push((source, e.to_string())),
                    }
                }
            }
        }
    }
    Ok(report)
}
