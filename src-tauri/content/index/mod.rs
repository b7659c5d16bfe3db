//! The folder index: the library's truth, kept as a pure reconciler fed with what the disk says.
//!
//! In the style of notify-debouncer-full's state machine: `workspace` reads the files a watcher
//! batch names and feeds the result here as observations, with the time; the index answers with
//! the changes the UI must see. Time is a plain millisecond count passed in, so tests drive the
//! clock.
//!
//! What it decides, and why:
//! - A file whose content fingerprint is unchanged is no change at all. The app records its own
//!   saves here before the watcher reports them, so its own writes never look external.
//! - A vanished file is held for `REMOVAL_GRACE_MS` before it is reported gone. Editors and git
//!   often delete a file and write it again a moment later; the writer should see an edit, not a
//!   post that disappears and comes back (and an open post should not be "deleted").
//! - A new path whose content matches a vanished one is a rename, so an open post can follow it.
//!
//! It never touches the disk and never panics; unknown or repeated observations are harmless.

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::hash::Hasher;

use serde::Serialize;
use ts_rs::TS;

use super::post::PostSummary;
use super::schema::{self, PostFacts, Schema};

mod wire;
pub use wire::{DeltaOrigin, IndexProgress, Library, LibraryDelta, ProblemCount, SkippedFile};

/// How long a vanished post waits for its path (or its content, elsewhere) to come back.
pub const REMOVAL_GRACE_MS: u64 = 100;

/// A cheap content fingerprint. Not the save base (that is a SHA-256 the store checks); it only
/// tells "same bytes as last time" apart, for thousands of files at scan speed.
pub fn fingerprint(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    hasher.finish()
}

/// What the disk says about one path.
// Observations live for one batch; boxing the common variant to shrink the rare one would
// cost an allocation per file read.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Observation {
    /// The path holds a post with these bytes (fingerprint), this summary and these facts.
    Post { fingerprint: u64, summary: PostSummary, facts: PostFacts },
    /// Nothing readable as a post is at the path any more.
    Gone { path: String },
}

impl Observation {
    fn path(&self) -> &str {
        match self {
            Observation::Post { summary, .. } => &summary.path,
            Observation::Gone { path } => path,
        }
    }
}

/// A post that moved: same content, new path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "Rename.ts")]
pub struct Rename {
    pub from: String,
    pub to: String,
}

/// What the UI must learn from one batch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexChanges {
    /// New or changed summaries (the new path of a renamed post included).
    pub upserted: Vec<PostSummary>,
    /// Paths to drop from the list (the old path of a renamed post included).
    pub removed: Vec<String>,
    pub renamed: Vec<Rename>,
    /// Paths whose content someone else changed: an open post at one of them must reload or merge.
    pub external: Vec<String>,
    /// Changed problem counts of posts otherwise unchanged.
    pub problems: Vec<ProblemCount>,
}

impl IndexChanges {
    pub fn is_empty(&self) -> bool {
        self.upserted.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.problems.is_empty()
    }
}

#[derive(Debug, Clone)]
struct Entry {
    fingerprint: u64,
    summary: PostSummary,
    facts: PostFacts,
}

#[derive(Debug, Clone)]
struct Vanished {
    entry: Entry,
    since_ms: u64,
}

#[derive(Debug, Default)]
pub struct Index {
    posts: BTreeMap<String, Entry>,
    vanished: BTreeMap<String, Vanished>,
}

impl Index {
    pub fn len(&self) -> usize {
        self.posts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.posts.is_empty()
    }

    pub fn contains(&self, path: &str) -> bool {
        self.posts.contains_key(path)
    }

    /// Every post the UI has been told about, sorted by path. A post in its removal grace is
    /// still listed: the UI still shows it, and it may come back unchanged without a new report.
    pub fn summaries(&self) -> Vec<PostSummary> {
        let mut all: Vec<PostSummary> = self
            .posts
            .values()
            .chain(self.vanished.values().map(|v| &v.entry))
            .map(|e| e.summary.clone())
            .collect();
        all.sort_by(|a, b| a.path.cmp(&b.path));
        all
    }

    /// Known posts inside folder `dir` (folder-relative, no trailing slash): when a folder is
    /// moved or deleted the watcher names only the folder.
    /// Every indexed path.
    pub fn paths(&self) -> Vec<String> {
        self.posts.keys().cloned().collect()
    }

    pub fn paths_under(&self, dir: &str) -> Vec<String> {
        let prefix = format!("{dir}/");
        self.posts
            .range(prefix.clone()..)
            .take_while(|(p, _)| p.starts_with(&prefix))
            .map(|(p, _)| p.clone())
            .collect()
    }

    pub fn summary(&self, path: &str) -> Option<&PostSummary> {
        self.posts.get(path).map(|e| &e.summary)
    }

    /// Feeds one watcher batch (or one scan chunk) read from disk at `now_ms`.
    pub fn observe(&mut self, now_ms: u64, batch: Vec<Observation>) -> IndexChanges {
        let mut changes = IndexChanges::default();
        // Departures first, so a rename inside one batch finds its old path already vanished.
        let (gone, present): (Vec<_>, Vec<_>) =
            batch.into_iter().partition(|o| matches!(o, Observation::Gone { .. }));
        for observation in gone {
            let path = observation.path();
            if let Some(entry) = self.posts.remove(path) {
                self.vanished.insert(path.to_string(), Vanished { entry, since_ms: now_ms });
            }
        }
        for observation in present {
            let Observation::Post { fingerprint, summary, facts } = observation else { continue };
            self.arrive(Entry { fingerprint, summary, facts }, &mut changes);
        }
        changes
    }

    fn arrive(&mut self, mut entry: Entry, changes: &mut IndexChanges) {
        let path = entry.summary.path.clone();
        // The checks' count stays until they run again on the new text.
        if let Some(known) = self.posts.get(&path).or_else(|| self.vanished.get(&path).map(|v| &v.entry)) {
            entry.summary.problems = known.summary.problems;
        }
        let fingerprint = entry.fingerprint;
        let previous = self.posts.get(&path).map(|e| e.fingerprint).or_else(|| {
            // Deleted and written again within the grace: an edit, not a removal.
            self.vanished.remove(&path).map(|v| v.entry.fingerprint)
        });
        match previous {
            Some(old) if old == fingerprint => {
                // Same bytes: a touch, a rewrite with equal content, or the app's own save.
                self.posts.insert(path, entry);
                return;
            }
            Some(_) => changes.external.push(path.clone()),
            None => {
                if let Some(from) = self.vanished_with(fingerprint) {
                    self.vanished.remove(&from);
                    changes.removed.push(from.clone());
                    changes.renamed.push(Rename { from, to: path.clone() });
                }
            }
        }
        changes.upserted.push(entry.summary.clone());
        self.posts.insert(path, entry);
    }

    fn vanished_with(&self, fingerprint: u64) -> Option<String> {
        self.vanished.iter().find(|(_, v)| v.entry.fingerprint == fingerprint).map(|(p, _)| p.clone())
    }

    /// Does the index hold exactly this content at `path`? Then a report of it is no change.
    pub fn holds(&self, path: &str, fingerprint: u64) -> bool {
        self.posts.get(path).is_some_and(|e| e.fingerprint == fingerprint)
    }

    /// The app wrote `summary.path` itself: take the new content as known, so the watcher's
    /// report of the same bytes is no change. Returns the list update to show at once.
    pub fn record_own_write(
        &mut self,
        fingerprint: u64,
        summary: PostSummary,
        facts: PostFacts,
    ) -> IndexChanges {
        let path = summary.path.clone();
        self.vanished.remove(&path);
        let unchanged = self.posts.get(&path).is_some_and(|e| e.fingerprint == fingerprint);
        let mut summary = summary;
        summary.problems = self.posts.get(&path).map_or(0, |e| e.summary.problems);
        self.posts.insert(path, Entry { fingerprint, summary: summary.clone(), facts });
        let mut changes = IndexChanges::default();
        if !unchanged {
            changes.upserted.push(summary);
        }
        changes
    }

    /// The checks counted `problems` in the post at `path`; the list shows the new count.
    pub fn set_problems(&mut self, path: &str, problems: u32) -> IndexChanges {
        let mut changes = IndexChanges::default();
        if let Some(entry) = self.posts.get_mut(path) {
            if entry.summary.problems != problems {
                entry.summary.problems = problems;
                changes.problems.push(ProblemCount { path: path.to_string(), problems });
            }
        }
        changes
    }

    /// The app moved `from` to `summary.path` itself (a rename, perhaps with an edit): the list
    /// learns it as a rename now, and the watcher's later report of the old path gone and the
    /// new one present is no change, so an open post is never seen as deleted.
    pub fn record_own_rename(
        &mut self,
        from: &str,
        fingerprint: u64,
        summary: PostSummary,
        facts: PostFacts,
    ) -> IndexChanges {
        let known = self.posts.remove(from).is_some() | self.vanished.remove(from).is_some();
        let to = summary.path.clone();
        let mut changes = self.record_own_write(fingerprint, summary.clone(), facts);
        if known && from != to {
            changes.removed.push(from.to_string());
            changes.renamed.push(Rename { from: from.to_string(), to });
            if changes.upserted.is_empty() {
                changes.upserted.push(summary);
            }
        }
        changes
    }

    /// The app removed `path` itself (to the trash): the list drops it now, and the watcher's
    /// report of it gone is no change.
    pub fn record_own_removal(&mut self, path: &str) -> IndexChanges {
        let known = self.posts.remove(path).is_some() | self.vanished.remove(path).is_some();
        IndexChanges {
            removed: if known { vec![path.to_string()] } else { Vec::new() },
            ..IndexChanges::default()
        }
    }

    /// Reports as removed every vanished post whose grace ran out by `now_ms`.
    pub fn tick(&mut self, now_ms: u64) -> IndexChanges {
        let expired: Vec<String> = self
            .vanished
            .iter()
            .filter(|(_, v)| now_ms.saturating_sub(v.since_ms) >= REMOVAL_GRACE_MS)
            .map(|(p, _)| p.clone())
            .collect();
        for path in &expired {
            self.vanished.remove(path);
        }
        IndexChanges { removed: expired, ..IndexChanges::default() }
    }

    /// The folder's schema as the index knows it now (before `postdesk.toml` overrides).
    pub fn schema(&self) -> Schema {
        schema::infer(self.posts.values().map(|e| &e.facts))
    }

    /// The schema inferred from the posts of one collection.
    pub fn collection_schema(&self, collection: &str) -> Schema {
        schema::infer(
            self.posts
                .values()
                .filter(|e| e.summary.collection.as_deref() == Some(collection))
                .map(|e| &e.facts),
        )
    }

    /// The table's values of `keys` for every listed post (as `summaries` lists them), or for
    /// the listed ones of `only`, sorted by path.
    pub fn table_rows(&self, keys: &[String], only: Option<&[String]>) -> Vec<super::table::TableRow> {
        let entry = |path: &str| self.posts.get(path).or_else(|| self.vanished.get(path).map(|v| &v.entry));
        let mut rows: Vec<_> = match only {
            Some(paths) => paths
                .iter()
                .filter_map(|p| Some(super::table::row(p, &entry(p)?.facts.values, keys)))
                .collect(),
            None => self
                .posts
                .iter()
                .chain(self.vanished.iter().map(|(p, v)| (p, &v.entry)))
                .map(|(path, e)| super::table::row(path, &e.facts.values, keys))
                .collect(),
        };
        rows.sort_by(|a, b| a.path.cmp(&b.path));
        rows.dedup_by(|a, b| a.path == b.path);
        rows
    }

    /// When `tick` next has something to do, if anything is waiting.
    pub fn next_deadline(&self) -> Option<u64> {
        self.vanished.values().map(|v| v.since_ms + REMOVAL_GRACE_MS).min()
    }
}

#[cfg(test)]
mod tests;
