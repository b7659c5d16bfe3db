//! The live library: the folder index (`content::index`) kept current from disk.
//!
//! It owns the threads and the reading: a background scan that reads and parses the folder in
//! parallel chunks (so the window is usable while a big folder indexes, with progress), the
//! watcher whose batches are read and fed to the index, and a ticker that lets vanished posts'
//! removal grace run out. Every change leaves through one `sink` as a numbered delta, emitted
//! under the index lock so deltas arrive in order and a snapshot says which delta it includes.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;

use crate::content::checks::Problem;
use crate::content::index::{self, Index, IndexChanges, Observation};
use crate::content::index::{DeltaOrigin, IndexProgress, Library, LibraryDelta};
use crate::content::post::Parsed;
use crate::content::schema::{PostFacts, Schema};
use crate::content::site::Site;

use super::error::WorkspaceError;
use super::guard;
use super::post_checks::CheckContext;
use super::scan::{
    in_skipped_dir, is_post_file, observation, observe_file, relative, see_file, walk_within, Seen,
    SkippedFile, Walk,
};
use super::watch::{self, FolderWatcher};

/// Posts per scan chunk: large enough that 10,000 posts make few UI updates. The first chunk
/// is smaller, so a big folder's first rows show as soon as a screenful is read.
const SCAN_CHUNK: usize = 1000;
const FIRST_SCAN_CHUNK: usize = 200;
const FIRST_PAINT_PAUSE: Duration = Duration::from_millis(50);
const TICK: Duration = Duration::from_millis(20);

pub type Sink = Box<dyn Fn(LibraryDelta) + Send + Sync>;

struct State {
    index: Index,
    seq: u64,
    progress: IndexProgress,
    /// New folders to read again shortly: files moved into a folder right after it was made
    /// can land before the watcher watches it, and then nothing reports them.
    recheck_dirs: Vec<(PathBuf, u64)>,
    /// What the walk skipped, and whether the UI has been sent the list yet.
    skipped: Vec<SkippedFile>,
    skipped_unsent: bool,
    /// Markdown files outside every collection of the site.
    outside: u32,
    /// Whether the site's summary changed since the UI was last sent it.
    site_unsent: bool,
    /// Git as last read, and whether the UI has it.
    git: Option<crate::content::git::GitView>,
    git_unsent: bool,
}

/// How long after a folder appears it is read again; shorter than the removal grace, so a
/// `mkdir x && mv a.md x/` is still seen as a rename.
const RECHECK_DIR_MS: u64 = 40;

struct Shared {
    root: PathBuf,
    /// The site model: which files are posts, and of which collection. Read again when a
    /// config file changes.
    site: Mutex<Site>,
    state: Mutex<State>,
    /// The checks' view of the folder, once the first check pass has read it.
    checks: Mutex<Option<CheckContext>>,
    sink: Sink,
    started: Instant,
    stopped: AtomicBool,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn site(&self) -> std::sync::MutexGuard<'_, Site> {
        self.site.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The collection `rel` is a post of, or None when it is not a post of this site.
    fn collection_of(&self, rel: &str) -> Option<Arc<str>> {
        self.site().collection_of(rel).map(|c| crate::content::schema::interned(&c.name))
    }

    /// `observation`, with the post's collection filled in.
    fn observe(&self, path: &Path) -> Observation {
        let mut observed = observe_file(&self.root, path).0;
        if let Observation::Post { summary, .. } = &mut observed {
            self.site().place_summary(summary);
        }
        observed
    }

    /// The site's post files among `files`, and how many are left out (outside every
    /// collection).
    fn posts_among(&self, files: Vec<PathBuf>) -> (Vec<PathBuf>, u32) {
        let site = self.site();
        let total = files.len();
        let posts: Vec<PathBuf> =
            files.into_iter().filter(|f| site.collection_of(&relative(&self.root, f)).is_some()).collect();
        let outside = (total - posts.len()) as u32;
        (posts, outside)
    }

    fn now_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    /// Emits `changes` as the next delta; the caller holds the lock, which keeps order.
    fn emit(
        &self,
        state: &mut State,
        origin: DeltaOrigin,
        changes: IndexChanges,
        changed_at_ms: Option<f64>,
        force: bool,
    ) {
        if changes.is_empty() && !force {
            return;
        }
        state.seq += 1;
        (self.sink)(LibraryDelta {
            seq: state.seq,
            upserted: changes.upserted,
            removed: changes.removed,
            renamed: changes.renamed,
            external: changes.external,
            problems: changes.problems,
            changed_at_ms: changed_at_ms.unwrap_or_else(wall_clock_ms),
            origin,
            progress: state.progress,
            skipped: std::mem::take(&mut state.skipped_unsent).then(|| state.skipped.clone()),
            site: std::mem::take(&mut state.site_unsent).then(|| self.site().summary(state.outside)),
            git: if std::mem::take(&mut state.git_unsent) { state.git.clone() } else { None },
        });
    }

    /// Reads git's view of the site again (the writer's git, `workspace::git`), and sends it
    /// when it changed.
    fn refresh_git(&self) {
        use crate::content::git::{GitFile, GitView};
        let view = match super::git::Repo::find(&self.root) {
            Ok(None) => {
                GitView { reason: Some("git: this site is not in a repository".into()), ..GitView::default() }
            }
            Err(e) => GitView { reason: Some(format!("git: {}", git_reason(&e))), ..GitView::default() },
            Ok(Some(repo)) => match repo.status() {
                Ok(status) => GitView {
                    available: true,
                    reason: None,
                    branch: status.branch,
                    files: status
                        .entries
                        .iter()
                        .filter_map(|e| Some(GitFile { path: repo.relative(&e.path)?, state: e.state }))
                        .collect(),
                },
                Err(e) => GitView { reason: Some(format!("git: {}", git_reason(&e))), ..GitView::default() },
            },
        };
        let mut state = self.lock();
        if state.git.as_ref() != Some(&view) {
            state.git = Some(view);
            state.git_unsent = true;
            self.emit(&mut state, DeltaOrigin::Disk, IndexChanges::default(), None, true);
        }
    }

    /// Reads what the watcher named and feeds it to the index.
    fn on_paths(&self, paths: Vec<PathBuf>) {
        // Any change under the site may change git's view of it (a save, a checkout).
        let git_known = self.lock().git.is_some();
        let mut observations = Vec::new();
        // Each changed post's text for the checks, from the same read (None: gone or unreadable).
        let mut texts: Vec<(String, Option<String>)> = Vec::new();
        let mut newest: Option<f64> = None;
        let mut vanished_dirs = Vec::new();
        let mut new_dirs = Vec::new();
        for path in paths {
            let rel = relative(&self.root, &path);
            if rel.is_empty() || in_skipped_dir(&rel) || !path.starts_with(&self.root) {
                continue;
            }
            if crate::content::site::is_config_file(&rel) {
                self.site_config_changed();
                continue;
            }
            if rel == crate::content::config::FILE_NAME {
                // A broken file keeps the last good settings; the problems panel says why.
                let _ = self.reload_check_config();
                continue;
            }
            if is_post_file(&path) && self.collection_of(&rel).is_none() {
                // Outside every collection: not a post of this site (a page, a README).
                continue;
            }
            if is_post_file(&path) {
                let seen = see_file(&self.root, &path);
                if let Seen::Bytes { bytes, modified } = &seen {
                    // The index holds these very bytes: the echo of the app's own save, or a
                    // touch that changed nothing. A hash, and no parse or check.
                    if self.lock().index.holds(&rel, index::fingerprint(bytes)) {
                        continue;
                    }
                    newest = match (newest, *modified) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        (a, b) => a.or(b),
                    };
                }
                let text = match &seen {
                    Seen::Bytes { bytes, .. } => std::str::from_utf8(bytes).ok().map(str::to_string),
                    _ => None,
                };
                texts.push((rel.clone(), text));
                let mut observed = observation(&rel, &seen);
                if let Observation::Post { summary, .. } = &mut observed {
                    self.site().place_summary(summary);
                }
                observations.push(observed);
            } else if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
                // A real folder only: a link to `/` is never walked.
                // A folder moved or copied in: its posts arrive without events of their own.
                observations.extend(self.read_dir_posts(&path));
                new_dirs.push(path);
            } else if !path.exists() {
                vanished_dirs.push(rel);
            }
        }
        let mut state = self.lock();
        let now = self.now_ms();
        state.recheck_dirs.extend(new_dirs.into_iter().map(|d| (d, now + RECHECK_DIR_MS)));
        for dir in vanished_dirs {
            for path in state.index.paths_under(&dir) {
                texts.push((path.clone(), None));
                observations.push(Observation::Gone { path });
            }
        }
        if observations.is_empty() {
            drop(state);
            // Only git's own files, or nothing Postdesk lists, changed: a commit or a checkout
            // from the terminal may still have changed git's view.
            if git_known {
                self.refresh_git();
            }
            return;
        }
        let changes = state.index.observe(now, observations.clone());
        self.emit(&mut state, DeltaOrigin::Disk, changes, newest, false);
        drop(state);
        if git_known {
            self.refresh_git();
        }
        // The checks, outside the index lock (never both locks at once), from the texts read
        // above. Posts found in new folders were not read for them; they are read here.
        let checking = self.checks.lock().unwrap_or_else(|p| p.into_inner()).is_some();
        if !checking {
            return;
        }
        let known: std::collections::HashSet<&str> = texts.iter().map(|(p, _)| p.as_str()).collect();
        let mut extra = Vec::new();
        for o in &observations {
            if let Observation::Post { summary, .. } = o {
                if !known.contains(summary.path.as_str()) {
                    let text = guard::read_post(&self.root, &self.root.join(&summary.path))
                        .ok()
                        .and_then(|b| String::from_utf8(b).ok());
                    extra.push((summary.path.clone(), text));
                }
            }
        }
        texts.extend(extra);
        if !texts.is_empty() {
            self.recheck(&texts);
        }
    }

    fn scan(&self) {
        let Walk { files, skipped, others } = walk_within(&self.root, &self.root).unwrap_or_default();
        // The site model from the same walk: which of these files are posts.
        *self.site() = super::site::load_from_walk(&self.root, &files, others);
        let (files, outside) = self.posts_among(files);
        {
            let mut state = self.lock();
            state.outside = outside;
            state.site_unsent = true;
            state.progress.total = files.len() as u32;
            state.skipped_unsent = !skipped.is_empty() || !state.skipped.is_empty();
            state.skipped = skipped;
        }
        let (first, rest) = files.split_at(files.len().min(FIRST_SCAN_CHUNK));
        let chunks = std::iter::once(first).chain(rest.chunks(SCAN_CHUNK)).filter(|c| !c.is_empty());
        for (i, chunk) in chunks.enumerate() {
            if self.stopped.load(Ordering::Relaxed) {
                return;
            }
            let observations: Vec<Observation> = chunk.par_iter().map(|path| self.observe(path)).collect();
            let mut state = self.lock();
            state.progress.done += chunk.len() as u32;
            let changes = state.index.observe(self.now_ms(), observations);
            self.emit(&mut state, DeltaOrigin::Scan, changes, None, false);
            drop(state);
            if i == 0 && !rest.is_empty() {
                // Two cores: leave the window a few frames to paint the first rows before
                // the rest of a big folder takes both.
                std::thread::sleep(FIRST_PAINT_PAUSE);
            }
        }
        {
            let mut state = self.lock();
            state.progress.finished = true;
            // Always sent, even for an empty folder, so the UI can hide its progress line.
            self.emit(&mut state, DeltaOrigin::Scan, IndexChanges::default(), None, true);
        }
        // After the list: the list never waits for git.
        self.refresh_git();
        self.check_all();
        release_freed_memory();
    }

    /// The first check pass: reads the folder for the checks and counts every post's problems.
    /// A folder the checks cannot read (a broken postdesk.toml) leaves the counts at 0; the
    /// open post's problems panel says why.
    fn check_all(&self) {
        let Ok((context, counts)) = CheckContext::load_with_counts(&self.root) else { return };
        *self.checks.lock().unwrap_or_else(|p| p.into_inner()) = Some(context);
        let mut state = self.lock();
        let mut changes = IndexChanges::default();
        for (rel, count) in counts {
            changes.problems.extend(state.index.set_problems(&rel, count).problems);
        }
        self.emit(&mut state, DeltaOrigin::Scan, changes, None, false);
    }

    /// Files changed: bring the checks' facts and the changed posts' counts up to date.
    fn recheck(&self, changed: &[(String, Option<String>)]) {
        let counts: Vec<(String, u32)> = {
            let mut checks = self.checks.lock().unwrap_or_else(|p| p.into_inner());
            let Some(context) = checks.as_mut() else { return };
            for (rel, text) in changed {
                context.update_post(rel, text.as_deref());
            }
            changed
                .iter()
                .filter_map(|(rel, text)| Some((rel.clone(), context.count(rel, text.as_ref()?))))
                .collect()
        };
        let mut state = self.lock();
        let mut changes = IndexChanges::default();
        for (rel, count) in counts {
            changes.problems.extend(state.index.set_problems(&rel, count).problems);
        }
        self.emit(&mut state, DeltaOrigin::Disk, changes, None, false);
    }

    fn read_dir_posts(&self, dir: &Path) -> Vec<Observation> {
        let files = walk_within(dir, &self.root).map(|w| w.files).unwrap_or_default();
        let (files, _) = self.posts_among(files);
        files.iter().map(|file| self.observe(file)).collect()
    }

    fn reload_check_config(&self) -> Result<(), WorkspaceError> {
        let mut checks = self.checks.lock().unwrap_or_else(|p| p.into_inner());
        match checks.as_mut() {
            Some(context) => context.reload_config(&self.root),
            None => Ok(()),
        }
    }

    /// A config file changed: the site model is read again, and posts that joined or left a
    /// collection are added to or removed from the list.
    fn site_config_changed(&self) {
        let Ok(Walk { files, others, .. }) = walk_within(&self.root, &self.root) else { return };
        *self.site() = super::site::load_from_walk(&self.root, &files, others);
        let (files, outside) = self.posts_among(files);
        let wanted: std::collections::HashSet<String> =
            files.iter().map(|f| relative(&self.root, f)).collect();
        let mut observations: Vec<Observation> = Vec::new();
        {
            let state = self.lock();
            for path in state.index.paths() {
                if !wanted.contains(&path) {
                    observations.push(Observation::Gone { path });
                }
            }
        }
        // Every post is observed again: its collection may have changed with the config.
        observations.extend(files.par_iter().map(|f| self.observe(f)).collect::<Vec<_>>());
        let mut state = self.lock();
        state.outside = outside;
        state.site_unsent = true;
        let now = self.now_ms();
        let changes = state.index.observe(now, observations);
        self.emit(&mut state, DeltaOrigin::Disk, changes, None, true);
    }

    fn tick(&self) {
        let due: Vec<PathBuf> = {
            let mut state = self.lock();
            let now = self.now_ms();
            let (due, later): (Vec<_>, Vec<_>) = state.recheck_dirs.drain(..).partition(|(_, at)| *at <= now);
            state.recheck_dirs = later;
            due.into_iter().map(|(dir, _)| dir).collect()
        };
        // Read outside the lock: a big folder copied in must not stall saves and the watcher.
        let observations: Vec<Observation> = due.iter().flat_map(|dir| self.read_dir_posts(dir)).collect();
        let mut state = self.lock();
        let now = self.now_ms();
        if !observations.is_empty() {
            let changes = state.index.observe(now, observations);
            self.emit(&mut state, DeltaOrigin::Disk, changes, None, false);
        }
        if state.index.next_deadline().is_some_and(|d| d <= now) {
            let changes = state.index.tick(now);
            self.emit(&mut state, DeltaOrigin::Disk, changes, None, false);
        }
    }
}

/// Hands the memory freed after the first scan and check pass (every file's text, parse trees,
/// in the worker threads' heaps) back to the system. glibc keeps it otherwise: about 6 MB of
/// resident memory on 10,000 posts.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the kernel; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn wall_clock_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Reads git's view of the library's site again now (after a commit, push or pull the app
/// ran), rather than when the watcher next reports git's files; sends it when it changed.
pub struct GitRefresher(Arc<Shared>);

impl GitRefresher {
    pub fn refresh(&self) {
        self.0.refresh_git();
    }
}

/// An open folder, indexed and watched until dropped.
pub struct LiveLibrary {
    shared: Arc<Shared>,
    _watcher: FolderWatcher,
}

impl LiveLibrary {
    /// Starts watching `root` and indexing it in the background; returns at once. Changes and
    /// scan progress arrive through `sink`.
    pub fn start(root: &Path, sink: Sink) -> Result<LiveLibrary, WorkspaceError> {
        if !root.is_dir() {
            return Err(WorkspaceError::NotAFolder { path: root.to_path_buf() });
        }
        let shared = Arc::new(Shared {
            root: root.to_path_buf(),
            state: Mutex::new(State {
                index: Index::default(),
                seq: 0,
                progress: IndexProgress::default(),
                recheck_dirs: Vec::new(),
                skipped: Vec::new(),
                skipped_unsent: false,
                outside: 0,
                site_unsent: false,
                git: None,
                git_unsent: false,
            }),
            // Read from the scan's walk, in the scan thread, so opening a big site does not
            // wait for a walk; until then a plain folder's model stands in.
            site: Mutex::new(crate::content::site::build(&crate::content::site::SiteInput {
                configs: &Default::default(),
                files: &[],
            })),
            checks: Mutex::new(None),
            sink,
            started: Instant::now(),
            stopped: AtomicBool::new(false),
        });
        // The watcher starts before the scan, so nothing written during the scan is missed.
        let for_watcher = Arc::downgrade(&shared);
        let watcher = watch::watch(root, &enclosing_git_files(root), move |paths| {
            if let Some(shared) = for_watcher.upgrade() {
                shared.on_paths(paths);
            }
        })?;
        let for_scan = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("postdesk-scan".into())
            .spawn(move || for_scan.scan())
            .map_err(|e| WorkspaceError::io(root, e))?;
        let for_ticker = Arc::downgrade(&shared);
        std::thread::Builder::new()
            .name("postdesk-tick".into())
            .spawn(move || loop {
                std::thread::sleep(TICK);
                match for_ticker.upgrade() {
                    Some(shared) if !shared.stopped.load(Ordering::Relaxed) => shared.tick(),
                    _ => return,
                }
            })
            .map_err(|e| WorkspaceError::io(root, e))?;
        Ok(LiveLibrary { shared, _watcher: watcher })
    }

    pub fn root(&self) -> &Path {
        &self.shared.root
    }

    /// The listed post at `rel`, if it is one.
    pub fn summary(&self, rel: &str) -> Option<crate::content::post::PostSummary> {
        self.shared.lock().index.summary(rel).cloned()
    }

    /// `postdesk.toml` changed: the checks read it again (the next check of each post uses it).
    pub fn reload_check_config(&self) -> Result<(), WorkspaceError> {
        self.shared.reload_check_config()
    }

    /// Whether `rel` is one of the site's posts: listed, or a Markdown file in a collection
    /// (a file written a moment ago that the watcher has not reported yet).
    pub fn is_post(&self, rel: &str) -> bool {
        self.summary(rel).is_some()
            || (crate::content::site::is_markdown(rel) && self.shared.site().collection_of(rel).is_some())
    }

    /// A handle that reads git's view again, usable after the library's lock is let go (a
    /// push runs for seconds without holding it).
    pub fn git_refresher(&self) -> GitRefresher {
        GitRefresher(Arc::clone(&self.shared))
    }

    /// The posts indexed so far and the number of the last delta they include.
    pub fn snapshot(&self) -> Library {
        let state = self.shared.lock();
        Library {
            root: self.shared.root.display().to_string(),
            posts: state.index.summaries(),
            seq: state.seq,
            progress: state.progress,
            skipped: state.skipped.clone(),
            site: self.shared.site().summary(state.outside),
            git: state.git.clone(),
        }
    }

    /// Every listed post's values of `keys` (or those of `only`), for the table, from memory:
    /// no file is read.
    pub fn table_rows(&self, keys: Vec<String>, only: Option<&[String]>) -> crate::content::table::TableRows {
        let rows = self.shared.lock().index.table_rows(&keys, only);
        crate::content::table::TableRows { keys, rows }
    }

    /// The folder's schema from the posts indexed so far, with `postdesk.toml`'s overrides.
    pub fn schema(&self) -> Result<Schema, WorkspaceError> {
        let config = super::config::load(&self.shared.root)?;
        let mut schema = self.shared.lock().index.schema();
        config.apply(&mut schema);
        Ok(schema)
    }

    /// Where a new post goes when the writer names no folder: the site's biggest collection's
    /// folder (None for a plain folder, whose top is the place).
    pub fn default_post_dir(&self) -> Option<String> {
        let site = self.shared.site();
        if site.generator == crate::content::site::Generator::Folder {
            return None;
        }
        let state = self.shared.lock();
        let summaries = state.index.summaries();
        site.collections
            .iter()
            .enumerate()
            .max_by_key(|(i, c)| {
                let count =
                    summaries.iter().filter(|p| p.collection.as_deref() == Some(c.name.as_str())).count();
                (count, std::cmp::Reverse(*i))
            })
            .map(|(_, c)| c.dir.clone())
            .filter(|d| d != ".")
    }

    /// The components the `.mdx` posts of `rel`'s collection import and use (at most the
    /// first 500 posts are read), for the **Insert component** picker.
    pub fn component_usage(&self, rel: &str) -> Vec<crate::content::components::ComponentUse> {
        const MAX_POSTS: usize = 500;
        let collection = self.shared.collection_of(rel);
        let paths: Vec<String> = {
            let state = self.shared.lock();
            state
                .index
                .summaries()
                .into_iter()
                .filter(|p| p.collection == collection && p.path.to_ascii_lowercase().ends_with(".mdx"))
                .map(|p| p.path)
                .take(MAX_POSTS)
                .collect()
        };
        let canonical = super::guard::canonical_root(&self.shared.root);
        let texts: Vec<String> = paths
            .iter()
            .filter_map(|p| super::guard::read_post(&canonical, &self.shared.root.join(p)).ok())
            .filter_map(|bytes| String::from_utf8(bytes).ok())
            .collect();
        let bodies = texts.iter().map(|t| &t[crate::content::split::split(t).body]);
        crate::content::components::usage(bodies)
    }

    /// Where the translation of `rel` into `lang` belongs, if the site's languages say.
    pub fn translation_path(&self, rel: &str, lang: &str) -> Option<String> {
        self.shared.site().translation_path(rel, lang)
    }

    /// How the site renders the post at `rel`, for the preview: its Markdown settings, and
    /// what the post may hold that the site runs (MDX, shortcodes, Liquid).
    pub fn flavour_for(&self, rel: &str) -> crate::content::render::Flavour {
        let site = self.shared.site();
        site.flavour.for_post(rel, site.generator)
    }

    /// The schema of the collection `post` belongs to: inferred from that collection's posts,
    /// with the generator's declared schema and `postdesk.toml`'s overrides. A post outside
    /// every collection (or no post) gets the whole site's.
    pub fn schema_for(&self, post: Option<&str>) -> Result<Schema, WorkspaceError> {
        let collection = post.and_then(|p| self.shared.site().collection_of(p).cloned());
        let Some(collection) = collection else { return self.schema() };
        let config = super::config::load(&self.shared.root)?;
        let mut schema = self.shared.lock().index.collection_schema(&collection.name);
        config.apply(&mut schema);
        schema.declared = collection.schema;
        Ok(schema)
    }

    /// The app just wrote `rel` with `bytes`: the list updates now, and the watcher's report of
    /// the same bytes will be no change (so no reload and no conflict).
    pub fn record_own_write(&self, rel: &str, bytes: &[u8]) {
        let (mut summary, facts) = match crate::content::split::decode(bytes) {
            Ok(text) => crate::content::post::index_entry(rel, text),
            Err(_) => (crate::content::post::unreadable_summary(rel), PostFacts::unreadable()),
        };
        self.shared.site().place_summary(&mut summary);
        let mut state = self.shared.lock();
        let changes = state.index.record_own_write(index::fingerprint(bytes), summary, facts);
        self.shared.emit(&mut state, DeltaOrigin::App, changes, Some(wall_clock_ms()), false);
        drop(state);
        let text = crate::content::split::decode(bytes).ok().map(str::to_string);
        self.shared.recheck(&[(rel.to_string(), text)]);
    }

    /// The app saved `rel` with the text `parsed`: the list shows it now (from that one
    /// parse), the watcher's report of the same bytes will be no change, and the checks take
    /// the new facts and count its problems in one pass. Returns the problems, or None while
    /// the first check pass has not yet read the folder.
    pub fn record_own_save(&self, rel: &str, parsed: &Parsed) -> Option<Vec<Problem>> {
        let fingerprint = index::fingerprint(parsed.text.as_bytes());
        let mut summary = parsed.summary(rel);
        self.shared.site().place_summary(&mut summary);
        let mut state = self.shared.lock();
        let changes = state.index.record_own_write(fingerprint, summary, parsed.facts());
        self.shared.emit(&mut state, DeltaOrigin::App, changes, Some(wall_clock_ms()), false);
        drop(state);
        let problems = {
            let mut checks = self.shared.checks.lock().unwrap_or_else(|p| p.into_inner());
            checks.as_mut()?.saved(rel, parsed)
        };
        let mut state = self.shared.lock();
        let changes = state.index.set_problems(rel, CheckContext::count_of(&problems));
        self.shared.emit(&mut state, DeltaOrigin::App, changes, None, false);
        Some(problems)
    }

    /// `parsed`'s problems at `rel` (a save that changed nothing), if the checks have read the
    /// folder.
    pub fn check_parsed(&self, rel: &str, parsed: &Parsed) -> Option<Vec<Problem>> {
        let checks = self.shared.checks.lock().unwrap_or_else(|p| p.into_inner());
        Some(checks.as_ref()?.check_parsed(rel, parsed))
    }

    /// Runs `f` with the checks' view of the folder, reading it first if the background pass
    /// has not yet.
    pub fn with_checks<T>(&self, f: impl FnOnce(&CheckContext) -> T) -> Result<T, WorkspaceError> {
        let mut checks = self.shared.checks.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(context) = checks.as_ref() {
            return Ok(f(context));
        }
        let context = CheckContext::load(&self.shared.root)?;
        let result = f(&context);
        *checks = Some(context);
        Ok(result)
    }

    /// The app moved `from` to `to` (whose bytes are now `bytes`): the list shows a rename now,
    /// and the watcher's report of the move is no change (see `Index::record_own_rename`).
    pub fn record_own_rename(&self, from: &str, to: &str, bytes: &[u8]) {
        let (mut summary, facts) = match crate::content::split::decode(bytes) {
            Ok(text) => crate::content::post::index_entry(to, text),
            Err(_) => (crate::content::post::unreadable_summary(to), PostFacts::unreadable()),
        };
        self.shared.site().place_summary(&mut summary);
        let mut state = self.shared.lock();
        let changes = state.index.record_own_rename(from, index::fingerprint(bytes), summary, facts);
        self.shared.emit(&mut state, DeltaOrigin::App, changes, Some(wall_clock_ms()), false);
    }

    /// The app removed `rel` (moved it to the trash): the list drops it now.
    pub fn record_own_removal(&self, rel: &str) {
        let mut state = self.shared.lock();
        let changes = state.index.record_own_removal(rel);
        self.shared.emit(&mut state, DeltaOrigin::App, changes, Some(wall_clock_ms()), false);
    }
}

impl Drop for LiveLibrary {
    fn drop(&mut self) {
        self.shared.stopped.store(true, Ordering::Relaxed);
    }
}

/// For a site in a subfolder of a repository: the repository's `.git` folder (HEAD, the index)
/// and its refs, which the site's own watch does not cover. Found by looking up the folders,
/// with no git process, so opening a site never waits for git.
fn enclosing_git_files(root: &Path) -> Vec<(PathBuf, bool)> {
    let root = guard::canonical_root(root);
    root.ancestors()
        .skip(1)
        .map(|dir| dir.join(".git"))
        .find(|git| git.is_dir())
        .map(|git| vec![(git.join("refs"), true), (git, false)])
        .unwrap_or_default()
}

/// A git error in a few words for the status bar (git's own message is in the error).
fn git_reason(error: &WorkspaceError) -> String {
    match error {
        WorkspaceError::Git { message, .. } => message.clone(),
        other => other.to_string(),
    }
}
