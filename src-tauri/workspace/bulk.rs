//! A bulk edit over many posts, and its undo. Each post is read, edited by `content::bulk`
//! (the lossless edit `postdesk set` makes) and written atomically only if it still holds what
//! was read. The batch reports what changed, what was left unchanged and what was skipped and
//! why; it can be cancelled between files. Undo puts back each file's bytes from before the
//! batch, only where the file still holds exactly what the batch wrote; a file changed since is
//! left alone and named. Open buffers see the batch as any change on disk (the watcher and the
//! 3-way merge), so nothing unsaved is lost.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::bulk::{self, BulkOp, Outcome};

use super::error::WorkspaceError;
use super::post_checks::CheckContext;
use super::store::{self, content_hash};

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, export_to = "Bulk.ts")]
pub struct BulkRequest {
    /// Site-relative paths of the posts to edit.
    pub paths: Vec<String>,
    pub op: BulkOp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "Bulk.ts")]
pub struct SkippedFile {
    pub path: String,
    pub reason: String,
}

/// What a batch did, file by file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "Bulk.ts")]
pub struct BulkReport {
    /// The batch's number, for its undo (0 for a dry run or when nothing changed).
    pub batch: u64,
    pub changed: Vec<String>,
    pub unchanged: Vec<String>,
    pub skipped: Vec<SkippedFile>,
    /// Cancelled before every file was done; the files not reached are in none of the lists.
    pub cancelled: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "Bulk.ts")]
pub struct UndoReport {
    pub restored: Vec<String>,
    /// Files changed since the batch (left as they are), or gone.
    pub skipped: Vec<SkippedFile>,
}

/// One written file: its bytes before the batch and the hash of what the batch wrote.
#[derive(Debug, Clone)]
struct Written {
    rel: String,
    path: PathBuf,
    before: Vec<u8>,
    after_hash: String,
}

#[derive(Debug, Clone)]
pub struct Batch {
    id: u64,
    files: Vec<Written>,
}

/// The app's recent batches, for Undo (the last few; an old batch's undo is refused).
#[derive(Default)]
pub struct Batches {
    next: AtomicU64,
    kept: Mutex<Vec<Batch>>,
}

const KEPT_BATCHES: usize = 10;

impl Batches {
    fn keep(&self, mut batch: Batch) -> u64 {
        batch.id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let id = batch.id;
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.push(batch);
        if kept.len() > KEPT_BATCHES {
            kept.remove(0);
        }
        id
    }

    fn take(&self, id: u64) -> Option<Batch> {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        let at = kept.iter().position(|b| b.id == id)?;
        Some(kept.remove(at))
    }
}

/// One post of a batch: its site-relative path and where it is.
pub struct Target {
    pub rel: String,
    pub path: PathBuf,
}

/// Applies `op` to each target that meets `conditions`, writing nothing on a `dry_run`
/// (`changed` then lists what would change). `cancel` is read between files; `progress` hears
/// (done, total) after each.
pub fn run(
    targets: &[Target],
    op: &BulkOp,
    conditions: &[(String, String)],
    dry_run: bool,
    cancel: &AtomicBool,
    progress: impl FnMut(usize, usize),
) -> (BulkReport, Batch) {
    run_with(targets, conditions, dry_run, cancel, progress, |_, text| bulk::apply(text, op))
}

/// `run` with any edit of one post's text (`rel`, text) in place of a `BulkOp`: the safe
/// fixes of the checks are one.
pub fn run_with(
    targets: &[Target],
    conditions: &[(String, String)],
    dry_run: bool,
    cancel: &AtomicBool,
    mut progress: impl FnMut(usize, usize),
    edit: impl Fn(&str, &str) -> Outcome,
) -> (BulkReport, Batch) {
    let mut report = BulkReport::default();
    let mut batch = Batch { id: 0, files: Vec::new() };
    for (done, target) in targets.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            report.cancelled = true;
            break;
        }
        let skip = |reason: String| SkippedFile { path: target.rel.clone(), reason };
        let bytes = match super::guard::read_capped(&target.path, super::guard::MAX_POST_BYTES) {
            Ok(bytes) => bytes,
            Err(e) => {
                report.skipped.push(skip(e.to_string()));
                continue;
            }
        };
        let Ok(text) = std::str::from_utf8(&bytes) else {
            report.skipped.push(skip("not UTF-8 text; it is never rewritten".into()));
            continue;
        };
        if !conditions.is_empty() {
            if let Some(why) = bulk::unreadable(text) {
                report.skipped.push(skip(why));
                continue;
            }
        }
        if !bulk::matches(text, conditions) {
            progress(done + 1, targets.len());
            continue;
        }
        match edit(&target.rel, text) {
            Outcome::Unchanged => report.unchanged.push(target.rel.clone()),
            Outcome::Skipped(reason) => report.skipped.push(skip(reason)),
            Outcome::Changed(new) => {
                if dry_run {
                    report.changed.push(target.rel.clone());
                } else {
                    match store::write_atomic_if(&target.path, new.as_bytes(), &content_hash(&bytes)) {
                        Ok(()) => {
                            report.changed.push(target.rel.clone());
                            batch.files.push(Written {
                                rel: target.rel.clone(),
                                path: target.path.clone(),
                                after_hash: content_hash(new.as_bytes()),
                                before: bytes.clone(),
                            });
                        }
                        Err(e) => report.skipped.push(skip(e.to_string())),
                    }
                }
            }
        }
        progress(done + 1, targets.len());
    }
    (report, batch)
}

/// Runs a batch for the app and keeps it for Undo.
pub fn run_kept(
    batches: &Batches,
    targets: &[Target],
    op: &BulkOp,
    cancel: &AtomicBool,
    progress: impl FnMut(usize, usize),
) -> BulkReport {
    keep(batches, run(targets, op, &[], false, cancel, progress))
}

/// Applies every safe fix of the checks to each target, as one batch kept for Undo. A post
/// with nothing safe to fix is unchanged; fixes that fail are named with the post.
pub fn fix_kept(
    batches: &Batches,
    targets: &[Target],
    checks: &CheckContext,
    cancel: &AtomicBool,
    progress: impl FnMut(usize, usize),
) -> BulkReport {
    let ran = run_with(targets, &[], false, cancel, progress, |rel, text| {
        let report = checks.fix_all(rel, text);
        match (report.fixed.is_empty(), report.failed.first()) {
            (true, Some((problem, why))) => {
                Outcome::Skipped(format!("could not fix {}: {why}", problem.rule))
            }
            (true, None) => Outcome::Unchanged,
            (false, _) => Outcome::Changed(report.text),
        }
    });
    keep(batches, ran)
}

fn keep(batches: &Batches, (mut report, batch): (BulkReport, Batch)) -> BulkReport {
    if !batch.files.is_empty() {
        report.batch = batches.keep(batch);
    }
    report
}

/// Puts back each file of batch `id` that still holds what the batch wrote.
pub fn undo(batches: &Batches, root: &Path, id: u64) -> Result<UndoReport, WorkspaceError> {
    let batch = batches.take(id).ok_or_else(|| WorkspaceError::Edit {
        path: root.to_path_buf(),
        message: "that batch can no longer be undone (only the last ten are kept, each once)".into(),
    })?;
    Ok(undo_batch(&batch))
}

fn undo_batch(batch: &Batch) -> UndoReport {
    let mut report = UndoReport::default();
    for file in &batch.files {
        match store::write_atomic_if(&file.path, &file.before, &file.after_hash) {
            Ok(()) => report.restored.push(file.rel.clone()),
            Err(WorkspaceError::Conflict { .. }) => report.skipped.push(SkippedFile {
                path: file.rel.clone(),
                reason: "changed since the batch; left as it is".into(),
            }),
            Err(e) => report.skipped.push(SkippedFile { path: file.rel.clone(), reason: e.to_string() }),
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(dir: &Path, files: &[(&str, &str)]) -> Vec<Target> {
        files
            .iter()
            .map(|(name, text)| {
                let path = dir.join(name);
                std::fs::write(&path, text).unwrap();
                Target { rel: name.to_string(), path }
            })
            .collect()
    }

    #[test]
    fn a_batch_reports_each_file_and_undo_restores_only_untouched_ones() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            ("a.md", "---\r\ntitle: A\r\ndraft: false\r\n---\r\nBody.\r\n"),
            ("b.md", "+++\ntitle = \"B\" # toml\n+++\nBody.\n"),
            ("c.md", "---\ntitle: [broken\n---\nBody.\n"),
            ("d.md", "---\ntitle: D\ndraft: true\n---\nBody.\n"),
        ];
        let all = targets(dir.path(), &files);
        let op = BulkOp::Set { key: "draft".into(), value: serde_json::Value::Bool(true) };
        let batches = Batches::default();
        let mut seen = Vec::new();
        let report =
            run_kept(&batches, &all, &op, &AtomicBool::new(false), |done, total| seen.push((done, total)));
        assert_eq!(report.changed, ["a.md", "b.md"]);
        assert_eq!(report.unchanged, ["d.md"]);
        assert_eq!(report.skipped.len(), 1);
        assert_eq!(report.skipped[0].path, "c.md");
        assert_eq!(seen.last(), Some(&(4, 4)));
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(read("a.md"), "---\r\ntitle: A\r\ndraft: true\r\n---\r\nBody.\r\n");
        assert!(read("b.md").contains("draft = true") && read("b.md").contains("# toml"));

        // b.md is edited after the batch: undo leaves it and says so.
        std::fs::write(dir.path().join("b.md"), "+++\ntitle = \"B, edited\"\ndraft = true\n+++\n").unwrap();
        let undone = undo(&batches, dir.path(), report.batch).unwrap();
        assert_eq!(undone.restored, ["a.md"]);
        assert_eq!(undone.skipped[0].path, "b.md");
        assert_eq!(read("a.md"), files[0].1, "byte for byte");
        assert!(read("b.md").contains("B, edited"));
        assert!(undo(&batches, dir.path(), report.batch).is_err(), "each batch is undone once");
    }

    #[test]
    fn fixing_every_safe_problem_is_one_batch_that_undo_reverts() {
        let dir = tempfile::tempdir().unwrap();
        let leftover =
            "---\ntitle: A\n---\nCertainly! Here is your blog post about tea.\n\nTea is a drink.\n";
        let clean = "---\ntitle: B\n---\nTea is a drink.\n";
        let broken = "---\ntitle: [broken\n---\nCertainly! Here is your blog post about tea.\n";
        let all = targets(dir.path(), &[("a.md", leftover), ("b.md", clean), ("c.md", broken)]);
        let checks = CheckContext::load(dir.path()).unwrap();
        let batches = Batches::default();
        let report = fix_kept(&batches, &all, &checks, &AtomicBool::new(false), |_, _| {});
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        // As `check --fix` does, a body fix is made even where the front matter does not
        // parse: the broken lines are left byte for byte.
        assert_eq!(report.changed, ["a.md", "c.md"]);
        assert_eq!(read("c.md"), "---\ntitle: [broken\n---\n");
        assert_eq!(read("a.md"), "---\ntitle: A\n---\nTea is a drink.\n", "the chat leftover's line went");
        assert_eq!(read("b.md"), clean);
        let undone = undo(&batches, dir.path(), report.batch).unwrap();
        assert_eq!(undone.restored, ["a.md", "c.md"]);
        assert_eq!(read("a.md"), leftover, "byte for byte");
    }

    #[test]
    fn a_dry_run_writes_nothing_and_cancel_stops_between_files() {
        let dir = tempfile::tempdir().unwrap();
        let all = targets(dir.path(), &[("a.md", "---\ntitle: A\n---\n"), ("b.md", "---\ntitle: B\n---\n")]);
        let op = BulkOp::Set { key: "title".into(), value: serde_json::Value::String("X".into()) };
        let (report, _) = run(&all, &op, &[], true, &AtomicBool::new(false), |_, _| {});
        assert_eq!(report.changed, ["a.md", "b.md"]);
        assert_eq!(std::fs::read_to_string(dir.path().join("a.md")).unwrap(), "---\ntitle: A\n---\n");
        let cancel = AtomicBool::new(false);
        let (report, _) = run(&all, &op, &[], false, &cancel, |done, _| {
            if done == 1 {
                cancel.store(true, Ordering::Relaxed);
            }
        });
        assert!(report.cancelled);
        assert_eq!(report.changed, ["a.md"]);
        assert_eq!(std::fs::read_to_string(dir.path().join("b.md")).unwrap(), "---\ntitle: B\n---\n");
    }
}
