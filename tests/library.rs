//! The live library against a real folder: every external-change scenario (merge, overlap,
//! delete, rename), each in its own temp dir, through the same `workspace` calls the window
//! makes. No scenario may lose either side's text.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use postdesk::content::git::GitState;
use postdesk::content::index::{DeltaOrigin, LibraryDelta};
use postdesk::workspace::library::LiveLibrary;
use postdesk::workspace::store::{self, BaseTexts, ExternalChange, FieldEdit, SaveRequest};
use serde_json::json;

const WAIT: Duration = Duration::from_secs(10);

const POST: &str = "---\ntitle: Original title\ntags: [notes]\n---\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n";

struct Folder {
    _tmp: tempfile::TempDir,
    root: std::path::PathBuf,
    library: LiveLibrary,
    deltas: Receiver<LibraryDelta>,
    bases: BaseTexts,
}

impl Folder {
    /// A folder with `files`, indexed and watched; returns once the first scan has finished.
    fn with(files: &[(&str, &str)]) -> Folder {
        let tmp = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(tmp.path()).unwrap();
        for (rel, text) in files {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let (library, deltas) = crate::support::start_library(&root);
        Folder { _tmp: tmp, root, library, deltas, bases: BaseTexts::default() }
    }

    /// Waits for a delta that satisfies `check`, failing with `what` after WAIT.
    fn until(&self, what: &str, check: impl Fn(&LibraryDelta) -> bool) -> LibraryDelta {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.deltas.recv_timeout(left) {
                Ok(delta) if check(&delta) => return delta,
                Ok(_) => continue,
                Err(_) => panic!("no delta within {WAIT:?}: {what}"),
            }
        }
    }

    /// Every delta that arrives within `quiet` of the last one.
    fn drain(&self, quiet: Duration) -> Vec<LibraryDelta> {
        let mut all = Vec::new();
        while let Ok(d) = self.deltas.recv_timeout(quiet) {
            all.push(d);
        }
        all
    }

    fn path(&self, rel: &str) -> std::path::PathBuf {
        self.root.join(rel)
    }

    /// Opens `rel` as the window does: the document, and its text remembered as the base.
    fn open(&self, rel: &str) -> postdesk::content::post::PostDocument {
        let (doc, text) = store::open_with_text(&self.root, rel).unwrap();
        self.bases.remember(&doc.base_hash, text.unwrap());
        doc
    }

    fn external(&self, request: &SaveRequest) -> ExternalChange {
        store::external_change(&self.root, &self.bases, request).unwrap()
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }
}

fn request(
    path: &str,
    base_hash: &str,
    fields: &[(&str, serde_json::Value)],
    body: Option<&str>,
) -> SaveRequest {
    SaveRequest {
        path: path.into(),
        base_hash: base_hash.into(),
        fields: fields.iter().map(|(k, v)| FieldEdit { key: k.to_string(), value: v.clone() }).collect(),
        body: body.map(str::to_string),
        ..SaveRequest::default()
    }
}

fn write_external(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_change_while_clean_reloads_to_the_disk_text() {
    let folder = Folder::with(&[("a.md", POST)]);
    let doc = folder.open("a.md");
    write_external(&folder.path("a.md"), &POST.replace("Second paragraph.", "Second, edited elsewhere."));
    let delta = folder.until("the change is seen as external", |d| d.external.contains(&"a.md".to_string()));
    assert_eq!(delta.origin, DeltaOrigin::Disk);
    match folder.external(&request("a.md", &doc.base_hash, &[], None)) {
        ExternalChange::Merged { theirs, body } => {
            assert!(body.contains("Second, edited elsewhere."));
            assert_eq!(body, theirs.body);
        }
        other => panic!("expected a reload, got {other:?}"),
    }
}

#[test]
fn a_change_while_dirty_that_does_not_overlap_merges_both() {
    let folder = Folder::with(&[("a.md", POST)]);
    let doc = folder.open("a.md");
    let mine = doc.body.replace("Third paragraph.", "Third paragraph, mine.");
    write_external(&folder.path("a.md"), &POST.replace("First paragraph.", "First paragraph, theirs."));
    folder.until("the change is seen", |d| d.external.contains(&"a.md".to_string()));
    let fields = [("title", json!("My title"))];
    let ExternalChange::Merged { theirs, body } =
        folder.external(&request("a.md", &doc.base_hash, &fields, Some(&mine)))
    else {
        panic!("expected a clean merge")
    };
    assert!(body.contains("First paragraph, theirs.") && body.contains("Third paragraph, mine."));
    // Saving the merged buffer on the new base keeps both sides' text.
    store::save(&folder.root, &request("a.md", &theirs.base_hash, &fields, Some(&body))).unwrap();
    let saved = folder.read("a.md");
    assert!(saved.contains("title: My title"));
    assert!(saved.contains("First paragraph, theirs.") && saved.contains("Third paragraph, mine."));
}

#[test]
fn an_overlapping_change_while_dirty_keeps_both_versions_reachable() {
    let folder = Folder::with(&[("a.md", POST)]);
    let doc = folder.open("a.md");
    let mine = doc.body.replace("Second paragraph.", "Second paragraph, mine.");
    let theirs_text = POST.replace("Second paragraph.", "Second paragraph, theirs.");
    write_external(&folder.path("a.md"), &theirs_text);
    folder.until("the change is seen", |d| d.external.contains(&"a.md".to_string()));
    let mine_request = request("a.md", &doc.base_hash, &[], Some(&mine));
    let ExternalChange::Overlap { theirs, body, diff, .. } = folder.external(&mine_request) else {
        panic!("expected an overlap")
    };
    assert!(body);
    assert!(
        diff.contains("-Second paragraph, theirs.") && diff.contains("+Second paragraph, mine."),
        "{diff}"
    );
    // Nothing was written: theirs is intact on disk, and a save on the old base is refused.
    assert_eq!(folder.read("a.md"), theirs_text);
    let refused = store::save(&folder.root, &mine_request).unwrap_err();
    assert!(refused.to_string().contains("changed on disk"), "{refused}");
    // Keep mine: save on their base.
    store::save(&folder.root, &request("a.md", &theirs.base_hash, &[], Some(&mine))).unwrap();
    assert!(folder.read("a.md").contains("Second paragraph, mine."));
}

#[test]
fn a_post_deleted_while_dirty_can_be_recreated_from_the_buffer() {
    let folder = Folder::with(&[("a.md", POST), ("b.md", POST)]);
    let doc = folder.open("a.md");
    let mine = doc.body.replace("First paragraph.", "Unsaved words.");
    std::fs::remove_file(folder.path("a.md")).unwrap();
    let delta = folder.until("the deletion is reported", |d| d.removed.contains(&"a.md".to_string()));
    assert!(delta.renamed.is_empty());
    let buffer = request("a.md", &doc.base_hash, &[("title", json!("Kept"))], Some(&mine));
    assert_eq!(folder.external(&buffer), ExternalChange::Deleted);
    let recreated = store::recreate(&folder.root, &folder.bases, &buffer, &folder.library).unwrap();
    let text = folder.read("a.md");
    assert!(text.contains("title: Kept") && text.contains("Unsaved words."), "{text}");
    assert_eq!(recreated.base_hash, store::content_hash(text.as_bytes()));
    // Recreating over a file that came back is refused, never an overwrite.
    let again = store::recreate(&folder.root, &folder.bases, &buffer, &folder.library).unwrap_err();
    assert!(again.to_string().contains("changed on disk"), "{again}");
}

#[test]
fn a_rename_is_reported_so_the_open_post_follows() {
    let folder = Folder::with(&[("a.md", POST)]);
    std::fs::create_dir(folder.path("archive")).unwrap();
    std::fs::rename(folder.path("a.md"), folder.path("archive/a-renamed.md")).unwrap();
    let delta = folder.until("the rename is reported", |d| !d.renamed.is_empty());
    assert_eq!(delta.renamed[0].from, "a.md");
    assert_eq!(delta.renamed[0].to, "archive/a-renamed.md");
    assert_eq!(
        folder.library.snapshot().posts.iter().map(|p| p.path.as_str()).collect::<Vec<_>>(),
        ["archive/a-renamed.md"]
    );
}

#[test]
fn a_temp_file_renamed_over_the_post_is_one_external_change() {
    let folder = Folder::with(&[("a.md", POST)]);
    let doc = folder.open("a.md");
    let temp = folder.path(".a.md.tmp~");
    write_external(&temp, &POST.replace("Third paragraph.", "Third, saved by vim."));
    std::fs::rename(&temp, folder.path("a.md")).unwrap();
    let delta = folder.until("the replace is seen", |d| d.external.contains(&"a.md".to_string()));
    assert!(!delta.removed.contains(&"a.md".to_string()), "the post never left the list");
    let later = folder.drain(Duration::from_millis(400));
    assert!(later.iter().all(|d| !d.removed.contains(&"a.md".to_string())), "no late removal: {later:?}");
    let ExternalChange::Merged { body, .. } = folder.external(&request("a.md", &doc.base_hash, &[], None))
    else {
        panic!("expected a reload")
    };
    assert!(body.contains("Third, saved by vim."));
}

#[test]
fn the_apps_own_save_is_not_an_external_change() {
    let folder = Folder::with(&[("a.md", POST)]);
    let doc = folder.open("a.md");
    let edit = request("a.md", &doc.base_hash, &[("title", json!("Saved here"))], None);
    postdesk::workspace::save::save(&folder.library, &BaseTexts::default(), &edit).unwrap();
    let own = folder.until("the own save shows in the list", |d| d.origin == DeltaOrigin::App);
    assert_eq!(own.upserted[0].title.as_deref(), Some("Saved here"));
    let later = folder.drain(Duration::from_millis(500));
    assert!(
        later.iter().all(|d| d.external.is_empty() && d.upserted.is_empty()),
        "the echo was silent: {later:?}"
    );
}

#[test]
fn a_burst_of_500_files_all_arrive() {
    let folder = Folder::with(&[("a.md", POST)]);
    let dir = folder.path("checkout");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..500 {
        write_external(
            &dir.join(format!("post-{i:03}.md")),
            &format!("---\ntitle: Post {i}\n---\n\nBody {i}.\n"),
        );
    }
    let deadline = Instant::now() + WAIT;
    while folder.library.snapshot().posts.len() < 501 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let posts = folder.library.snapshot().posts;
    assert_eq!(posts.len(), 501, "every file of the burst is indexed");
    assert!(posts.iter().any(|p| p.title.as_deref() == Some("Post 499")));
    // The deltas told the UI about every one of them, once.
    let mut told: Vec<String> = folder
        .drain(Duration::from_millis(300))
        .into_iter()
        .flat_map(|d| d.upserted)
        .map(|p| p.path)
        .collect();
    told.retain(|p| p.starts_with("checkout/"));
    told.sort();
    told.dedup();
    assert_eq!(told.len(), 500, "each new post reached the UI");
}

#[test]
fn a_folder_moved_out_takes_its_posts_with_it() {
    let folder = Folder::with(&[("a.md", POST), ("drafts/b.md", POST), ("drafts/c.md", POST)]);
    let outside = tempfile::tempdir().unwrap();
    std::fs::rename(folder.path("drafts"), outside.path().join("drafts")).unwrap();
    let deadline = Instant::now() + WAIT;
    while folder.library.snapshot().posts.len() != 1 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let paths: Vec<String> = folder.library.snapshot().posts.into_iter().map(|p| p.path).collect();
    assert_eq!(paths, ["a.md"]);
}

#[test]
fn the_live_schema_matches_the_cli_schema_and_follows_changes() {
    let (_tmp, posts) = crate::support::posts_copy();
    let root = std::fs::canonicalize(&posts).unwrap();
    let (library, _deltas) = crate::support::start_library(&root);
    let live = library.schema().unwrap();
    let from_disk = postdesk::workspace::folder::schema(&root).unwrap();
    assert_eq!(live, from_disk, "the index and a fresh read of the folder agree");
    std::fs::write(root.join("extra.md"), "---\ntitle: Extra\nseries: Notes\n---\n\nBody.\n").unwrap();
    let deadline = Instant::now() + WAIT;
    while library.schema().unwrap().field("series").is_none() {
        assert!(Instant::now() < deadline, "the schema never learned the new key");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The work counters of this process once they have stopped moving (the background scan and
/// first check pass are done).
fn settled_counts() -> postdesk::content::work::Counts {
    let mut last = postdesk::content::work::counts();
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = postdesk::content::work::counts();
        if now == last {
            return now;
        }
        last = now;
    }
}

/// One save writes once, parses its new text once and checks it once, and the watcher's
/// echo of that write parses and checks nothing. The counters are per process, so the test
/// runs itself again in a process of its own, where no other test is parsing.
#[test]
fn one_save_writes_once_parses_once_and_checks_once() {
    const NAME: &str = "library::one_save_writes_once_parses_once_and_checks_once";
    if std::env::var_os("POSTDESK_COUNT_ALONE").is_none() {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", NAME, "--test-threads=1", "--nocapture"])
            .env("POSTDESK_COUNT_ALONE", "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains("1 passed"),
            "{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    use postdesk::workspace::save;
    let folder = Folder::with(&[("a.md", POST), ("b.md", POST)]);
    folder.library.with_checks(|_| ()).unwrap();
    let doc = folder.open("a.md");
    let before = settled_counts();
    let writes = store::writes_so_far();

    // Typing: a body edit.
    let typed = request("a.md", &doc.base_hash, &[], Some("\nFirst paragraph, edited.\n"));
    let saved = save::save(&folder.library, &folder.bases, &typed).unwrap();
    let work = postdesk::content::work::counts().since(before);
    println!("body save: {work:?}, {} write(s)", store::writes_so_far() - writes);
    assert_eq!(store::writes_so_far() - writes, 1, "one write");
    assert_eq!(work.parses, 1, "one parse of the new text: {work:?}");
    assert_eq!(work.check_passes, 1, "one check pass: {work:?}");
    assert!(saved.problems.is_some(), "the save's check pass answers the problems panel");

    // The watcher reports the write: a read and a hash, nothing more.
    let after_save = postdesk::content::work::counts();
    let echo = folder.drain(Duration::from_millis(600));
    // (The save's own list update arrives here too, marked as the app's.)
    let from_disk: Vec<_> = echo.iter().filter(|d| d.origin != DeltaOrigin::App).collect();
    assert!(from_disk.iter().all(|d| d.upserted.is_empty() && d.external.is_empty()), "{from_disk:?}");
    let work = settled_counts().since(after_save);
    assert_eq!((work.parses, work.check_passes), (0, 0), "the echo cost a parse or a check: {work:?}");

    // A field edit: the lossless edit API reads the old front matter and reads the new one back
    // to prove the edit (its own two parses); the save adds one parse and one check pass.
    let before = postdesk::content::work::counts();
    let field = request("a.md", &saved.document.base_hash, &[("title", json!("A new title"))], None);
    save::save(&folder.library, &folder.bases, &field).unwrap();
    let work = postdesk::content::work::counts().since(before);
    println!("field save: {work:?}");
    assert_eq!(work.check_passes, 1, "{work:?}");
    assert!(work.parses <= 3, "the edit's read and read-back, and the save's one parse: {work:?}");
}

#[test]
fn a_site_config_change_reads_the_site_again_and_posts_join_or_leave_their_collections() {
    let config = |collections: &str| {
        format!(
            "import {{ defineCollection, z }} from 'astro:content';\nimport {{ glob }} from 'astro/loaders';\n\
             const blog = defineCollection({{ loader: glob({{ base: './src/content/blog', pattern: '**/*.md' }}) }});\n\
             const docs = defineCollection({{ loader: glob({{ base: './src/content/docs', pattern: '**/*.md' }}) }});\n\
             export const collections = {{ {collections} }};\n"
        )
    };
    let folder = Folder::with(&[
        ("astro.config.mjs", "export default {}\n"),
        ("src/content.config.ts", &config("blog")),
        ("src/content/blog/a.md", POST),
        ("src/content/docs/b.md", POST),
        ("src/pages/about.md", POST),
    ]);
    let first = folder.until("the first scan finishes", |d| d.progress.finished);
    let snapshot = folder.library.snapshot();
    let paths: Vec<&str> = snapshot.posts.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["src/content/blog/a.md"], "only the blog is a collection yet ({first:?})");
    assert_eq!(snapshot.posts[0].collection.as_deref(), Some("blog"));
    assert_eq!(snapshot.site.collections, ["blog"]);
    assert_eq!(snapshot.site.outside, 2, "the docs post and the page are outside");

    // The config declares the docs too: the docs post joins, in its collection.
    std::fs::write(folder.path("src/content.config.ts"), config("blog, docs")).unwrap();
    let delta =
        folder.until("the docs post joins", |d| d.upserted.iter().any(|p| p.path == "src/content/docs/b.md"));
    let joined = delta.upserted.iter().find(|p| p.path == "src/content/docs/b.md").unwrap();
    assert_eq!(joined.collection.as_deref(), Some("docs"));
    let site = delta.site.as_ref().expect("the same delta carries the site's new summary");
    assert_eq!(site.collections, ["blog", "docs"]);

    // And leaves when it is taken out again.
    std::fs::write(folder.path("src/content.config.ts"), config("blog")).unwrap();
    folder.until("the docs post leaves", |d| d.removed.iter().any(|p| p == "src/content/docs/b.md"));
}

/// Git in the live library: the first view after the scan names the branch and each changed
/// post, an edit on disk marks its post, and a commit (from the terminal) clears it.
#[test]
fn git_s_view_follows_edits_and_commits() {
    let git = |root: &std::path::Path, args: &[&str]| {
        let out = std::process::Command::new("git").arg("-C").arg(root).args(args).output().unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let tmp = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    std::fs::write(root.join("a.md"), "---\ntitle: A\n---\nText.\n").unwrap();
    std::fs::write(root.join("b.md"), "---\ntitle: B\n---\nText.\n").unwrap();
    git(&root, &["init", "-q", "-b", "main"]);
    git(&root, &["config", "user.name", "Postdesk Test"]);
    git(&root, &["config", "user.email", "test@example.org"]);
    git(&root, &["add", "a.md"]);
    git(&root, &["commit", "-q", "-m", "A"]);
    let (library, deltas) = crate::support::start_library(&root);
    let view = library.snapshot().git.expect("git was read after the scan");
    assert!(view.available, "{view:?}");
    assert_eq!(view.branch.head.as_deref(), Some("main"));
    let states: Vec<(String, GitState)> = view.files.iter().map(|f| (f.path.clone(), f.state)).collect();
    assert_eq!(states, [("b.md".to_string(), GitState::New)]);

    std::fs::write(root.join("a.md"), "---\ntitle: A\n---\nText, edited.\n").unwrap();
    let wait = |what: &str, check: &dyn Fn(&postdesk::content::git::GitView) -> bool| loop {
        let delta =
            deltas.recv_timeout(Duration::from_secs(10)).unwrap_or_else(|_| panic!("no delta: {what}"));
        if let Some(view) = delta.git {
            if check(&view) {
                return view;
            }
        }
    };
    wait("a.md marked modified", &|v| {
        v.files.iter().any(|f| f.path == "a.md" && f.state == GitState::Modified)
    });
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "Edit A, add B"]);
    wait("the commit clears both", &|v| v.files.is_empty());
}

/// A site in a subfolder of its repository (`repo/site`): a branch switch and a commit made in
/// the terminal, which touch only the repository's `.git` outside the site, still reach the
/// library's git view.
#[test]
fn a_site_in_a_subfolder_follows_terminal_commits_and_branch_switches() {
    let git = |root: &std::path::Path, args: &[&str]| {
        let out = std::process::Command::new("git").arg("-C").arg(root).args(args).output().unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let tmp = tempfile::tempdir().unwrap();
    let top = std::fs::canonicalize(tmp.path()).unwrap();
    let site = top.join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("a.md"), "---\ntitle: A\n---\nText.\n").unwrap();
    git(&top, &["init", "-q", "-b", "main"]);
    git(&top, &["config", "user.name", "Postdesk Test"]);
    git(&top, &["config", "user.email", "test@example.org"]);
    git(&top, &["add", "-A"]);
    git(&top, &["commit", "-q", "-m", "A"]);
    std::fs::write(site.join("a.md"), "---\ntitle: A\n---\nText, edited.\n").unwrap();
    let (library, deltas) = crate::support::start_library(&site);
    let view = library.snapshot().git.unwrap();
    assert_eq!(view.files.len(), 1, "{view:?}");
    let wait = |what: &str, check: &dyn Fn(&postdesk::content::git::GitView) -> bool| loop {
        let delta =
            deltas.recv_timeout(Duration::from_secs(10)).unwrap_or_else(|_| panic!("no delta: {what}"));
        if let Some(view) = delta.git {
            if check(&view) {
                return view;
            }
        }
    };
    git(&top, &["stash", "-q"]);
    git(&top, &["checkout", "-q", "-b", "drafts"]);
    wait("the branch switch shows", &|v| v.branch.head.as_deref() == Some("drafts") && v.files.is_empty());
    git(&top, &["stash", "pop", "-q"]);
    wait("the popped edit shows", &|v| v.files.len() == 1);
    git(&top, &["commit", "-q", "-am", "Edit A"]);
    wait("the commit clears it", &|v| v.files.is_empty());
}

#[test]
fn outside_a_repository_git_is_hidden_with_a_reason() {
    let folder = Folder::with(&[("a.md", "---\ntitle: A\n---\nText.\n")]);
    let view = folder.library.snapshot().git.expect("git was read after the scan");
    assert!(!view.available);
    assert!(view.reason.as_deref().is_some_and(|r| r.contains("not in a repository")), "{view:?}");
}

/// The table's values come from the index: a bulk set through `workspace::bulk` (as the
/// window's batch runs it) reaches the table through the watcher, and so does its undo.
#[test]
fn the_table_reads_values_from_the_index_and_follows_a_batch_and_its_undo() {
    use postdesk::content::bulk::BulkOp;
    use postdesk::workspace::bulk::{self, Batches, Target};
    let folder = Folder::with(&[
        ("a.md", "---\ntitle: A\nheroImage:\n  src: ./a.png\n  alt: ''\ndraft: false\n---\nBody.\n"),
        ("b.md", "+++\ntitle = \"B\"\n+++\nBody.\n"),
        ("c.md", "---\ntitle: [broken\n---\nBody.\n"),
    ]);
    let keys = || vec!["title".to_string(), "heroImage.alt".to_string(), "draft".to_string()];
    let values = |path: &str| {
        let rows = folder.library.table_rows(keys(), None).rows;
        rows.into_iter().find(|r| r.path == path).map(|r| r.values)
    };
    assert_eq!(values("a.md"), Some(vec![json!("A"), json!(""), json!(false)]));
    assert_eq!(values("b.md"), Some(vec![json!("B"), json!(null), json!(null)]));
    assert_eq!(values("c.md"), Some(vec![json!(null), json!(null), json!(null)]), "listed, with no values");
    // Only the rows asked for (the rows in view first); an unknown path is no row.
    let some = folder.library.table_rows(keys(), Some(&["b.md".to_string(), "gone.md".to_string()]));
    assert_eq!(some.rows.iter().map(|r| r.path.as_str()).collect::<Vec<_>>(), ["b.md"]);

    let targets: Vec<Target> = ["a.md", "b.md", "c.md"]
        .iter()
        .map(|r| Target { rel: r.to_string(), path: folder.path(r) })
        .collect();
    let batches = Batches::default();
    let op = BulkOp::Set { key: "draft".into(), value: json!(true) };
    let report = bulk::run_kept(&batches, &targets, &op, &AtomicBool::new(false), |_, _| {});
    assert_eq!(report.changed, ["a.md", "b.md"]);
    assert_eq!(report.skipped[0].path, "c.md");
    let wait_for = |path: &str, want: serde_json::Value| {
        let deadline = Instant::now() + WAIT;
        while values(path).map(|v| v[2].clone()) != Some(want.clone()) {
            assert!(Instant::now() < deadline, "{path}'s draft never became {want}");
            std::thread::sleep(Duration::from_millis(25));
        }
    };
    wait_for("a.md", json!(true));
    wait_for("b.md", json!(true));
    bulk::undo(&batches, &folder.root, report.batch).unwrap();
    wait_for("a.md", json!(false));
    wait_for("b.md", json!(null));
}
