//! Post actions on real folders, through the same `workspace::actions` calls the window makes,
//! with a live library watching: new post, rename, duplicate, move to the trash (the real
//! freedesktop trash, under a temp XDG_DATA_HOME) and image import, with their refusals. Each
//! action must show in the library at once as the app's own change, and the watcher's echo of
//! it must never look like someone else's change (no "deleted", no reload).

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use base64::Engine as _;
use postdesk::content::index::{DeltaOrigin, LibraryDelta};
use postdesk::workspace::actions::{self, ImageImport, NewPostRequest, NoLibrary, RenameRequest};
use postdesk::workspace::assets::AssetRoots;
use postdesk::workspace::library::LiveLibrary;
use postdesk::workspace::store;
use postdesk::workspace::WorkspaceError;

use crate::support::posts_copy;

const WAIT: Duration = Duration::from_secs(10);
/// Longer than the watcher's debounce and the index's removal grace together.
const ECHO: Duration = Duration::from_millis(800);
const NOW: &str = "2025-03-04T09:05:06+02:00";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

struct Folder {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    library: LiveLibrary,
    deltas: Receiver<LibraryDelta>,
}

impl Folder {
    /// A copy of the sample posts, indexed and watched.
    fn samples() -> Folder {
        let (tmp, posts) = posts_copy();
        Self::watch(tmp, posts)
    }

    fn with(files: &[(&str, &str)]) -> Folder {
        let tmp = tempfile::tempdir().unwrap();
        let posts = tmp.path().join("posts");
        for (rel, text) in files {
            let path = posts.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        Self::watch(tmp, posts)
    }

    fn watch(tmp: tempfile::TempDir, posts: PathBuf) -> Folder {
        let root = std::fs::canonicalize(posts).unwrap();
        let (library, deltas) = crate::support::start_library(&root);
        Folder { _tmp: tmp, root, library, deltas }
    }

    fn until(&self, what: &str, check: impl Fn(&LibraryDelta) -> bool) -> LibraryDelta {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.deltas.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(delta) if check(&delta) => return delta,
                Ok(_) => continue,
                Err(_) => panic!("no delta within {WAIT:?}: {what}"),
            }
        }
    }

    /// Every delta within `ECHO` of the last: the watcher's echo of what the app just did.
    fn echo(&self) -> Vec<LibraryDelta> {
        let mut all = Vec::new();
        while let Ok(d) = self.deltas.recv_timeout(ECHO) {
            all.push(d);
        }
        all
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    fn new_post(
        &self,
        title: &str,
        folder: Option<&str>,
    ) -> Result<postdesk::content::post::PostDocument, WorkspaceError> {
        let request =
            NewPostRequest { title: title.into(), folder: folder.map(str::to_string), now: NOW.into() };
        actions::new_post(&self.root, &self.library.schema().unwrap(), &request, &self.library)
    }

    fn rename(
        &self,
        rel: &str,
        new_name: &str,
        set_slug: bool,
    ) -> Result<postdesk::content::post::PostDocument, WorkspaceError> {
        let base_hash = store::content_hash(&std::fs::read(self.path(rel)).unwrap());
        let request = RenameRequest { path: rel.into(), base_hash, new_name: new_name.into(), set_slug };
        actions::rename_post(&self.root, &request, &self.library)
    }
}

/// No echo may say that `path` was removed or changed by someone else.
fn assert_quiet_echo(echo: &[LibraryDelta], path: &str) {
    for delta in echo {
        assert!(!delta.removed.iter().any(|p| p == path), "the watcher reported {path} removed: {delta:?}");
        assert!(
            !delta.external.iter().any(|p| p == path),
            "the watcher reported {path} changed outside: {delta:?}"
        );
    }
}

#[test]
fn a_new_post_follows_the_folder_and_never_takes_a_used_name() {
    let folder = Folder::samples();
    let doc = folder.new_post("  A Fresh Post: Notes  ", None).unwrap();
    assert_eq!(doc.path, "a-fresh-post-notes.md");
    let text = folder.read("a-fresh-post-notes.md");
    assert!(text.starts_with("---\ntitle: \"A Fresh Post: Notes\"\n"), "{text}");
    assert!(text.contains("\npubDate: 2025-03-04\n"), "today, in the folder's bare-date style: {text}");
    assert!(text.contains("\ndraft: true\n"), "{text}");
    assert!(text.contains("\ntags: []\n"), "{text}");
    assert_eq!(doc.front_matter["title"], "A Fresh Post: Notes");
    let shown = folder.until("the new post is listed", |d| d.upserted.iter().any(|s| s.path == doc.path));
    assert_eq!(shown.origin, DeltaOrigin::App, "listed at once, as the app's own write");
    assert_quiet_echo(&folder.echo(), &doc.path);

    // The same title again: a new name, and the first post is untouched.
    let again = folder.new_post("A Fresh Post: Notes", None).unwrap();
    assert_eq!(again.path, "a-fresh-post-notes-2.md");
    assert_eq!(folder.read("a-fresh-post-notes.md"), text);

    // Into a folder that does not exist yet.
    let nested = folder.new_post("Deep", Some("/2025/notes/")).unwrap();
    assert_eq!(nested.path, "2025/notes/deep.md");
    assert!(folder.path("2025/notes/deep.md").is_file());
}

#[test]
fn a_toml_folder_gets_toml_and_its_extension() {
    let folder = Folder::with(&[
        ("a.markdown", "+++\ntitle = \"A\"\ndate = 2025-01-01T10:00:00Z\ndraft = false\n+++\nA\n"),
        ("b.markdown", "+++\ntitle = \"B\"\ndate = 2025-01-02T10:00:00Z\ndraft = true\n+++\nB\n"),
    ]);
    let doc = folder.new_post("Hugo Notes", None).unwrap();
    assert_eq!(doc.path, "hugo-notes.markdown");
    assert_eq!(
        folder.read("hugo-notes.markdown"),
        "+++\ntitle = \"Hugo Notes\"\ndate = 2025-03-04T09:05:06+02:00\ndraft = true\n+++\n\n"
    );
}

#[test]
fn a_new_post_refuses_what_it_cannot_do_safely() {
    let folder = Folder::samples();
    let before = postdesk::workspace::scan::post_files(&folder.root).unwrap().len();
    let cases: &[(&str, Option<&str>, &str, &str)] = &[
        ("Title", Some("../outside"), NOW, "outside the opened folder"),
        ("Title", Some(".git"), NOW, "does not list posts in this folder"),
        ("Title", Some("node_modules/x"), NOW, "does not list posts in this folder"),
        ("   ", None, NOW, "needs a title"),
        ("Title", None, "yesterday", "is not a local time"),
        ("Title", Some("a-tidy-writing-desk.md"), NOW, "not a folder"),
    ];
    for (title, dir, now, want) in cases {
        let request = NewPostRequest {
            title: title.to_string(),
            folder: dir.map(str::to_string),
            now: now.to_string(),
        };
        let err = actions::new_post(&folder.root, &folder.library.schema().unwrap(), &request, &NoLibrary)
            .unwrap_err();
        assert!(err.to_string().contains(want), "{title:?} in {dir:?}: {err}");
    }
    assert_eq!(
        postdesk::workspace::scan::post_files(&folder.root).unwrap().len(),
        before,
        "nothing was written"
    );
    assert!(!folder.root.parent().unwrap().join("outside").exists());
}

#[test]
fn a_rename_moves_the_file_and_its_slug_and_the_library_follows_without_a_deletion() {
    let post = "---\ntitle: Old Name\nslug: old-name # the URL\ntags: [a]\n---\n\nBody.\n";
    let folder = Folder::with(&[("old-name.md", post), ("other.md", "---\ntitle: Other\n---\n")]);
    let doc = folder.rename("old-name.md", "Brand New Name", true).unwrap();
    assert_eq!(doc.path, "brand-new-name.md");
    assert!(!folder.path("old-name.md").exists());
    assert_eq!(folder.read("brand-new-name.md"), post.replace("slug: old-name #", "slug: brand-new-name #"));
    let shown = folder.until("the rename is listed", |d| !d.renamed.is_empty());
    assert_eq!(shown.origin, DeltaOrigin::App);
    assert_eq!(
        (shown.renamed[0].from.as_str(), shown.renamed[0].to.as_str()),
        ("old-name.md", "brand-new-name.md")
    );
    assert_quiet_echo(&folder.echo(), "brand-new-name.md");

    // Without the slug option the slug stays; the extension is kept.
    let doc = folder.rename("brand-new-name.md", "third.md", false).unwrap();
    assert_eq!(doc.path, "third.md");
    assert_eq!(folder.read("third.md"), post.replace("slug: old-name #", "slug: brand-new-name #"));
}

#[test]
fn a_rename_refuses_a_taken_name_and_a_changed_post() {
    let a = "---\ntitle: A\n---\nA\n";
    let b = "---\ntitle: B\n---\nB\n";
    let folder = Folder::with(&[("a.md", a), ("b.md", b)]);
    let err = folder.rename("a.md", "b", false).unwrap_err();
    assert!(
        matches!(err, WorkspaceError::Refused { .. }) && err.to_string().contains("already exists"),
        "{err}"
    );
    assert_eq!((folder.read("a.md").as_str(), folder.read("b.md").as_str()), (a, b), "both files untouched");

    let stale = RenameRequest {
        path: "a.md".into(),
        base_hash: "0".repeat(64),
        new_name: "c".into(),
        set_slug: false,
    };
    let err = actions::rename_post(&folder.root, &stale, &NoLibrary).unwrap_err();
    assert!(matches!(err, WorkspaceError::Conflict { .. }), "{err}");
    assert!(folder.path("a.md").exists() && !folder.path("c.md").exists());

    let outside = RenameRequest {
        path: "../a.md".into(),
        base_hash: String::new(),
        new_name: "c".into(),
        set_slug: false,
    };
    let err = actions::rename_post(&folder.root, &outside, &NoLibrary).unwrap_err();
    assert!(matches!(err, WorkspaceError::OutsideFolder { .. }), "{err}");
}

#[test]
fn a_duplicate_is_a_draft_copy_beside_the_original() {
    let folder = Folder::samples();
    let original = folder.read("gardening-a-codebase.md");
    let schema = folder.library.schema().unwrap();
    let doc =
        actions::duplicate_post(&folder.root, &schema, "gardening-a-codebase.md", &folder.library).unwrap();
    assert_eq!(doc.path, "gardening-a-codebase-copy.md");
    let copy = folder.read("gardening-a-codebase-copy.md");
    let title = doc.front_matter["title"].as_str().unwrap();
    assert!(title.ends_with(" (copy)"), "{title}");
    assert_eq!(doc.front_matter["draft"], true);
    assert_eq!(folder.read("gardening-a-codebase.md"), original, "the original is untouched");
    // Only the title changed and a draft line was added.
    let original_title = title.trim_end_matches(" (copy)");
    assert_eq!(copy.replacen("draft: true\n", "", 1), original.replacen(original_title, title, 1), "{copy}");
    folder.until("the copy is listed", |d| d.upserted.iter().any(|s| s.path == doc.path));
    assert_quiet_echo(&folder.echo(), &doc.path);

    let second =
        actions::duplicate_post(&folder.root, &schema, "gardening-a-codebase.md", &NoLibrary).unwrap();
    assert_eq!(second.path, "gardening-a-codebase-copy-2.md");
}

/// The freedesktop trash of this test binary: XDG_DATA_HOME is set once, for every test, to a
/// temp dir on the same file system as the temp folders (so the trash crate uses this "home
/// trash" for them). Set before any test reads it, and only here.
fn trash_home() -> &'static Path {
    static HOME: OnceLock<tempfile::TempDir> = OnceLock::new();
    HOME.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::env::set_var("XDG_DATA_HOME", dir.path());
        dir
    })
    .path()
}

#[test]
fn delete_moves_the_post_to_the_system_trash() {
    let trash = trash_home().join("Trash");
    let body = "---\ntitle: Going to the trash\n---\nUnique body 7c1e.\n";
    let folder = Folder::with(&[("to-trash-7c1e.md", body), ("stays.md", "---\ntitle: Stays\n---\n")]);
    actions::trash_post(&folder.root, "to-trash-7c1e.md", &folder.library).unwrap();
    assert!(!folder.path("to-trash-7c1e.md").exists());
    assert_eq!(
        std::fs::read_to_string(trash.join("files/to-trash-7c1e.md")).unwrap(),
        body,
        "in the trash, intact"
    );
    let info = std::fs::read_to_string(trash.join("info/to-trash-7c1e.md.trashinfo")).unwrap();
    assert!(
        info.contains("Path=") && info.contains("to-trash-7c1e.md"),
        "the trash knows where it came from: {info}"
    );
    let shown = folder.until("the list drops it", |d| d.removed.iter().any(|p| p == "to-trash-7c1e.md"));
    assert_eq!(shown.origin, DeltaOrigin::App);
    assert!(folder.path("stays.md").exists());
}

#[test]
fn without_a_trash_nothing_is_deleted() {
    let folder = Folder::with(&[("keep.md", "---\ntitle: Keep\n---\n")]);
    let err =
        actions::trash_post_with(&folder.root, "keep.md", &NoLibrary, |_| Err("no trash folder".into()))
            .unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("keep.md")
            && message.contains("no trash folder")
            && message.contains("nothing was deleted"),
        "{message}"
    );
    assert!(folder.path("keep.md").exists(), "the file stays");
    // A trash that claims success but leaves the file is not believed.
    let err = actions::trash_post_with(&folder.root, "keep.md", &NoLibrary, |_| Ok(())).unwrap_err();
    assert!(err.to_string().contains("still there"), "{err}");
    let err = actions::trash_post(&folder.root, "missing.md", &NoLibrary).unwrap_err();
    assert!(err.to_string().contains("missing.md"), "{err}");
}

fn import(
    roots: &AssetRoots,
    post: &str,
    name: Option<&str>,
    bytes: &[u8],
) -> Result<actions::ImportedImage, WorkspaceError> {
    let request = ImageImport {
        post_path: post.into(),
        name: name.map(str::to_string),
        data: base64::engine::general_purpose::STANDARD.encode(bytes),
        stamp: "20250304-090506".into(),
    };
    actions::import_image(roots, &request)
}

#[test]
fn images_go_to_the_sites_static_folder_under_free_names() {
    let site = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(site.path()).unwrap();
    std::fs::write(root.join("astro.config.mjs"), "").unwrap();
    std::fs::create_dir_all(root.join("public")).unwrap();
    std::fs::create_dir_all(root.join("src/content/blog")).unwrap();
    let roots = AssetRoots::for_posts_folder(&root.join("src/content/blog"));

    let first = import(&roots, "my-post.md", Some("Desk Photo.PNG"), PNG).unwrap();
    assert_eq!(first.link, "/images/my-post/desk-photo.png");
    assert_eq!(std::fs::read(root.join("public/images/my-post/desk-photo.png")).unwrap(), PNG);
    let second = import(&roots, "my-post.md", Some("desk-photo.png"), b"\x89PNG\r\n\x1a\nother").unwrap();
    assert_eq!(second.link, "/images/my-post/desk-photo-2.png");
    assert_eq!(
        std::fs::read(root.join("public/images/my-post/desk-photo.png")).unwrap(),
        PNG,
        "never overwritten"
    );
    let shot = import(&roots, "my-post.md", None, PNG).unwrap();
    assert_eq!(shot.link, "/images/my-post/pasted-20250304-090506.png");
}

#[test]
fn without_a_site_images_go_beside_the_posts_with_relative_links() {
    let (_tmp, posts) = posts_copy();
    let roots = AssetRoots::for_posts_folder(&std::fs::canonicalize(posts).unwrap());
    let nested = import(&roots, "2025/deep-post.md", Some("a.gif"), b"GIF89a\x01\0\x01\0").unwrap();
    assert_eq!(nested.link, "../images/deep-post/a.gif");
    assert!(roots.posts.join("images/deep-post/a.gif").is_file());
    let top = import(
        &roots,
        "a-tidy-writing-desk.md",
        Some("b.svg"),
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    assert_eq!(top.link, "images/a-tidy-writing-desk/b.svg");
}

#[test]
fn image_import_refuses_non_images_huge_files_and_paths_outside() {
    let (_tmp, posts) = posts_copy();
    let roots = AssetRoots::for_posts_folder(&std::fs::canonicalize(posts).unwrap());
    let err = import(&roots, "a.md", Some("evil.png"), b"#!/bin/sh\nrm -rf ~\n").unwrap_err();
    assert!(
        matches!(err, WorkspaceError::Refused { .. })
            && err.to_string().contains("evil.png: this is not an image"),
        "{err}"
    );
    let mut huge = PNG.to_vec();
    huge.resize(20 * 1024 * 1024 + 1, 0);
    let err = import(&roots, "a.md", Some("huge.png"), &huge).unwrap_err();
    assert!(err.to_string().contains("huge.png: the image is 20.0 MB; images up to 20 MB"), "{err}");
    let err = import(&roots, "../a.md", Some("x.png"), PNG).unwrap_err();
    assert!(matches!(err, WorkspaceError::OutsideFolder { .. }), "{err}");
    let bad =
        ImageImport { post_path: "a.md".into(), name: None, data: "not base64!".into(), stamp: "s".into() };
    assert!(actions::import_image(&roots, &bad).unwrap_err().to_string().contains("did not arrive intact"));
    assert!(!roots.posts.join("images/a").exists(), "nothing was written");
}

#[test]
fn a_new_post_in_a_hugo_section_starts_from_its_archetype() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("hugo");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sites/hugo");
    assert!(std::process::Command::new("cp").arg("-r").arg(fixture).arg(&site).status().unwrap().success());
    let request = NewPostRequest {
        title: "Notes From a Trip".into(),
        folder: Some("content/posts".into()),
        now: "2025-03-04T10:30:00+01:00".into(),
    };
    let schema = postdesk::content::schema::Schema::default();
    let doc = actions::new_post(&site, &schema, &request, &NoLibrary).unwrap();
    assert_eq!(doc.path, "content/posts/notes-from-a-trip.md");
    let text = std::fs::read_to_string(site.join(&doc.path)).unwrap();
    assert!(
        text.starts_with(
            "+++\ntitle = 'Notes From a Trip'\ndate = 2025-03-04T10:30:00+01:00\ndraft = true\n"
        ),
        "{text}"
    );
    assert!(text.contains("Write the post here."), "the archetype's body too: {text}");
}

#[test]
fn a_new_translation_goes_where_the_site_keeps_that_language_and_never_overwrites() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "hugo.toml",
        "defaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'content/en'\nweight = 1\n[languages.fr]\ncontentDir = 'content/fr'\nweight = 2\n",
    );
    let original = "---\ntitle: Hello\ndate: 2024-05-01\ntags: [intro]\n---\n\nThe English text.\n";
    write("content/en/posts/hello.md", original);
    let site = postdesk::workspace::site::load(root).unwrap();
    let target = site.translation_path("content/en/posts/hello.md", "fr");
    assert_eq!(target.as_deref(), Some("content/fr/posts/hello.md"));
    let doc =
        actions::new_translation(root, "content/en/posts/hello.md", "fr", target.as_deref(), &NoLibrary)
            .unwrap();
    assert_eq!(doc.path, "content/fr/posts/hello.md");
    let written = std::fs::read_to_string(root.join(&doc.path)).unwrap();
    assert_eq!(
        written, "---\ntitle: Hello\ndate: 2024-05-01\ntags: [intro]\n---\n",
        "front matter kept, body left"
    );
    let again =
        actions::new_translation(root, "content/en/posts/hello.md", "fr", target.as_deref(), &NoLibrary);
    assert!(again.unwrap_err().to_string().contains("already exists"));
    assert_eq!(std::fs::read_to_string(root.join(&doc.path)).unwrap(), written, "not overwritten");
    assert_eq!(std::fs::read_to_string(root.join("content/en/posts/hello.md")).unwrap(), original);
    let nowhere = actions::new_translation(root, "content/en/posts/hello.md", "de", None, &NoLibrary);
    assert!(nowhere.unwrap_err().to_string().contains("front matter"));
}
