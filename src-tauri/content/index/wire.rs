//! What the UI receives of the index: the library snapshot, each numbered delta, the scan's
//! progress and the files it skipped. The index (`super`) decides the changes; these are their
//! wire form, kept beside it so that `content::post` (one post) never imports the index.

use serde::Serialize;
use ts_rs::TS;

use super::Rename;
use crate::content::post::PostSummary;

/// The opened folder and its posts, as far as indexing has got.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Library.ts")]
pub struct Library {
    pub root: String,
    pub posts: Vec<PostSummary>,
    /// The last delta this snapshot includes; the UI applies only later ones.
    pub seq: u64,
    pub progress: IndexProgress,
    /// Files the scan left alone (links out of the site, FIFOs, devices), with the reason.
    pub skipped: Vec<SkippedFile>,
    /// The site: its generator, title and collections.
    pub site: crate::content::site::SiteSummary,
    /// Git as last read (None until the first scan has read it).
    pub git: Option<crate::content::git::GitView>,
}

/// A file a scan found and left alone, with the reason in words for the writer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "SkippedFile.ts")]
pub struct SkippedFile {
    /// Relative to the folder, as the list shows paths.
    pub path: String,
    pub reason: String,
}

/// How far the first scan of a folder has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "IndexProgress.ts")]
pub struct IndexProgress {
    pub done: u32,
    /// Zero until the folder has been walked and the number of post files is known.
    pub total: u32,
    pub finished: bool,
}

/// A change to the library: posts added or changed, paths removed, posts renamed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "LibraryDelta.ts")]
pub struct LibraryDelta {
    /// Increases by one per delta of this folder, so none is applied twice or out of order.
    pub seq: u64,
    pub upserted: Vec<PostSummary>,
    pub removed: Vec<String>,
    pub renamed: Vec<Rename>,
    /// Paths whose content changed outside the app; an open post among them reloads or merges.
    pub external: Vec<String>,
    /// Problem counts that changed, without the rest of the summary: the first check pass
    /// sets one for nearly every post, and resending 10,000 summaries cost the window memory.
    pub problems: Vec<ProblemCount>,
    /// Wall-clock ms of the newest file change in this delta (file mtime; the detection time
    /// for removals), so the UI can measure write-to-screen latency.
    pub changed_at_ms: f64,
    pub origin: DeltaOrigin,
    pub progress: IndexProgress,
    /// The files the scan skipped, when that list changed (with the folder's walk).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<Vec<SkippedFile>>,
    /// The site, when it changed (its first scan counted the files outside every collection,
    /// or a config file changed).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<crate::content::site::SiteSummary>,
    /// Git, when it changed (the branch, a post's state, git appearing or going).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub git: Option<crate::content::git::GitView>,
}

/// A post's new problem count (`PostSummary::problems`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "ProblemCount.ts")]
pub struct ProblemCount {
    pub path: String,
    pub problems: u32,
}

/// Where a delta comes from: the first scan, a change on disk the watcher saw, or the app's
/// own save (shown at once, before the watcher reports it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "DeltaOrigin.ts")]
pub enum DeltaOrigin {
    Scan,
    Disk,
    App,
}
