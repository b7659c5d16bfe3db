//! Hostile folders: what a `git pull`, a downloaded theme or an agent could put in a site, and
//! proof that Postdesk neither reads nor writes outside it, never blocks on a special file,
//! never replaces a locked or changed file, and gives new files a shareable mode. Each test is
//! named after what it proves; the pure parts are unit tests in `content::frontmatter`,
//! `content::export` and `workspace::guard`.

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use postdesk::content::export::ExportOptions;
use postdesk::workspace::actions::{self, NewPostRequest, NoLibrary};
use postdesk::workspace::store::{self, FieldEdit, SaveRequest};
use postdesk::workspace::{export, scan, WorkspaceError};
use serde_json::json;

use crate::support::start_library;

const POST: &str = "---\ntitle: A post that is fine\ndate: 2025-01-01\ndescription: A post with nothing wrong in it at all.\n---\n\nA body.\n";

fn hostile_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// A site folder (canonical) with one ordinary post, and a folder outside it.
fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap().join("site");
    let outside = root.with_file_name("outside");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(root.join("fine.md"), POST).unwrap();
    (dir, root, outside)
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The process umask, read without changing it.
fn umask() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line.split_whitespace().nth(1).unwrap(), 8).unwrap()
}

#[test]
fn export_with_a_climbing_slug_stays_inside_the_export_folder() {
    let (_dir, root, _) = site();
    std::fs::copy(hostile_fixtures().join("slug-escape.md"), root.join("slug-escape.md")).unwrap();
    let out = root.parent().unwrap().join("export/deep");
    let opts = ExportOptions { rename_slug: true, force: true, ..Default::default() };
    let report = export::run(&root, &out, opts, false, None).unwrap();
    assert!(
        out.join("escaped.md").is_file(),
        "written under its slug, inside the folder: {:?}",
        report.written
    );
    assert!(!root.parent().unwrap().join("escaped.md").exists(), "nothing two folders above the export");
    for (_, dest) in &report.written {
        assert!(dest.starts_with(&out), "{} is outside {}", dest.display(), out.display());
    }
}

#[test]
fn export_refuses_the_posts_folder_itself_as_its_destination() {
    let (_dir, root, _) = site();
    let opts = ExportOptions { fix: true, force: true, ..Default::default() };
    let err = export::run(&root, &root, opts, true, None).unwrap_err();
    assert!(matches!(err, WorkspaceError::Refused { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(root.join("fine.md")).unwrap(), POST);
}

#[test]
fn export_never_copies_an_image_that_links_out_of_the_site() {
    let (_dir, root, outside) = site();
    std::fs::write(outside.join("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----").unwrap();
    std::fs::create_dir_all(root.join("img")).unwrap();
    symlink(outside.join("id_ed25519"), root.join("img/key.png")).unwrap();
    std::fs::write(root.join("img/real.png"), b"\x89PNG real").unwrap();
    let post = POST.replace("A body.", "![a](img/key.png) ![b](img/real.png)");
    std::fs::write(root.join("fine.md"), post).unwrap();
    let out = root.parent().unwrap().join("export");
    let report =
        export::run(&root, &out, ExportOptions { force: true, ..Default::default() }, false, None).unwrap();
    assert!(out.join("img/real.png").is_file(), "{report:?}");
    assert!(!out.join("img/key.png").exists(), "the linked secret was published: {report:?}");
    let skipped =
        report.skipped.iter().find(|(p, _)| p.ends_with("img/key.png")).expect("reported as skipped");
    assert!(skipped.1.contains("outside the site"), "{}", skipped.1);
}

#[test]
fn export_does_not_write_through_a_link_at_the_destination() {
    let (_dir, root, outside) = site();
    let out = root.parent().unwrap().join("export");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(outside.join("victim.txt"), "keep me").unwrap();
    symlink(outside.join("victim.txt"), out.join("fine.md")).unwrap();
    let report =
        export::run(&root, &out, ExportOptions { force: true, ..Default::default() }, true, None).unwrap();
    assert_eq!(std::fs::read_to_string(outside.join("victim.txt")).unwrap(), "keep me", "{report:?}");
}

#[test]
fn new_posts_images_and_exports_get_the_umask_mode_not_0600() {
    let (_dir, root, _) = site();
    let want = 0o666 & !umask();
    let request =
        NewPostRequest { title: "A new one".into(), folder: None, now: "2025-01-02T10:30:00+02:00".into() };
    let schema = postdesk::workspace::folder::schema(&root).unwrap();
    let doc = actions::new_post(&root, &schema, &request, &NoLibrary).unwrap();
    assert_eq!(mode(&root.join(&doc.path)), want, "new post");

    let copy = actions::duplicate_post(&root, &schema, "fine.md", &NoLibrary).unwrap();
    assert_eq!(mode(&root.join(&copy.path)), want, "duplicate");

    let out = root.parent().unwrap().join("export");
    export::run(&root, &out, ExportOptions { force: true, ..Default::default() }, false, None).unwrap();
    assert_eq!(mode(&out.join("fine.md")), want, "exported file");

    store::write_new(&root.join("img/pasted.png"), b"\x89PNG").unwrap();
    assert_eq!(mode(&root.join("img/pasted.png")), want, "pasted image");
}

#[test]
fn an_existing_post_keeps_its_mode_through_a_save() {
    let (_dir, root, _) = site();
    std::fs::set_permissions(root.join("fine.md"), std::fs::Permissions::from_mode(0o664)).unwrap();
    let doc = store::open(&root, "fine.md").unwrap();
    let edit = FieldEdit { key: "title".into(), value: json!("Still a fine post") };
    let request =
        SaveRequest { path: doc.path, base_hash: doc.base_hash, fields: vec![edit], ..Default::default() };
    store::save(&root, &request).unwrap();
    assert_eq!(mode(&root.join("fine.md")), 0o664);
}

#[test]
fn a_read_only_post_is_never_replaced_and_the_save_says_why() {
    let (_dir, root, _) = site();
    let path = root.join("fine.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let doc = store::open(&root, "fine.md").unwrap();
    let edit = FieldEdit { key: "title".into(), value: json!("Changed") };
    let request =
        SaveRequest { path: doc.path, base_hash: doc.base_hash, fields: vec![edit], ..Default::default() };
    let err = store::save(&root, &request).unwrap_err();
    assert!(matches!(err, WorkspaceError::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("read-only"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), POST);
    assert_eq!(mode(&path), 0o444);
    let leftovers: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_outside_write_just_before_the_rename_is_a_conflict() {
    let (_dir, root, _) = site();
    let path = root.join("fine.md");
    let base = store::content_hash(POST.as_bytes());
    // The outside write lands after the caller compared the disk with its base.
    std::fs::write(&path, "---\ntitle: Theirs\n---\n").unwrap();
    let err = store::write_atomic_if(&path, b"mine", &base).unwrap_err();
    assert!(matches!(err, WorkspaceError::Conflict { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "---\ntitle: Theirs\n---\n");
    let names: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "temp file left behind: {names:?}");
    store::write_atomic_if(&path, b"mine", &store::content_hash(b"---\ntitle: Theirs\n---\n")).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"mine");
}

#[test]
fn a_post_linked_from_outside_the_site_is_skipped_not_read_or_written() {
    let (_dir, root, outside) = site();
    std::fs::write(outside.join("theirs.md"), "---\ntitle: Not yours\n---\n").unwrap();
    symlink(outside.join("theirs.md"), root.join("linked-out.md")).unwrap();
    symlink(root.join("fine.md"), root.join("linked-in.md")).unwrap();

    let walk = scan::walk(&root).unwrap();
    let listed: Vec<String> = walk.files.iter().map(|p| scan::relative(&root, p)).collect();
    assert_eq!(listed, ["fine.md", "linked-in.md"], "a link inside the site is a post; one out of it is not");
    assert_eq!(walk.skipped.len(), 1, "{:?}", walk.skipped);
    assert_eq!(walk.skipped[0].path, "linked-out.md");
    assert!(walk.skipped[0].reason.contains("outside the site"), "{:?}", walk.skipped);

    let err = store::open(&root, "linked-out.md").unwrap_err();
    assert!(matches!(err, WorkspaceError::OutsideSite { .. }), "{err}");
    let request = SaveRequest {
        path: "linked-out.md".into(),
        base_hash: store::content_hash(b"---\ntitle: Not yours\n---\n"),
        body: Some("overwritten".into()),
        ..Default::default()
    };
    assert!(store::save(&root, &request).is_err());
    assert_eq!(std::fs::read_to_string(outside.join("theirs.md")).unwrap(), "---\ntitle: Not yours\n---\n");

    // The link inside the site is edited through to its target, and stays a link.
    let doc = store::open(&root, "linked-in.md").unwrap();
    let request = SaveRequest {
        path: doc.path,
        base_hash: doc.base_hash,
        body: Some("\nEdited.\n".into()),
        ..Default::default()
    };
    store::save(&root, &request).unwrap();
    assert!(std::fs::symlink_metadata(root.join("linked-in.md")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(root.join("fine.md")).unwrap().ends_with("\nEdited.\n"));
}

#[test]
fn a_link_to_the_root_of_the_disk_is_not_walked() {
    let (_dir, root, _) = site();
    symlink("/", root.join("everything")).unwrap();
    symlink(root.parent().unwrap(), root.join("loop")).unwrap();
    let walk = scan::walk(&root).unwrap();
    assert_eq!(walk.files.len(), 1, "{:?}", walk.files.iter().take(5).collect::<Vec<_>>());
    let reasons: Vec<&str> = walk.skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(reasons, ["everything", "loop"], "{:?}", walk.skipped);
    assert_eq!(scan::scan(&root).unwrap().len(), 1);
    // The checks' file list does not walk it either.
    let facts = postdesk::workspace::folder::load(&root, None).unwrap();
    assert!(facts.facts.files.len() < 10, "{}", facts.facts.files.len());
}

#[test]
fn a_fifo_or_device_named_like_a_post_is_never_read() {
    let (_dir, root, _) = site();
    mkfifo(&root.join("pipe.md"));
    symlink("/dev/zero", root.join("zero.md")).unwrap();
    let walk = scan::walk(&root).unwrap();
    assert_eq!(walk.files.len(), 1, "{:?}", walk.files);
    let skipped: Vec<(&str, &str)> =
        walk.skipped.iter().map(|s| (s.path.as_str(), s.reason.as_str())).collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped[0].0 == "pipe.md" && skipped[0].1.contains("named pipe"), "{skipped:?}");
    assert!(skipped[1].0 == "zero.md" && skipped[1].1.contains("outside the site"), "{skipped:?}");
    // Opening either directly (the UI's open_post, the watcher's read) refuses at once.
    assert!(matches!(store::open(&root, "pipe.md"), Err(WorkspaceError::NotRegular { .. })));
    assert!(matches!(store::open(&root, "zero.md"), Err(WorkspaceError::OutsideSite { .. })));
    let (observation, _) = scan::observe_file(&root, &root.join("pipe.md"));
    assert!(matches!(observation, postdesk::content::index::Observation::Gone { .. }), "{observation:?}");
}

#[test]
fn the_live_library_lists_around_hostile_files_and_says_what_it_skipped() {
    let (_dir, root, outside) = site();
    for entry in std::fs::read_dir(hostile_fixtures()).unwrap().flatten() {
        std::fs::copy(entry.path(), root.join(entry.file_name())).unwrap();
    }
    mkfifo(&root.join("pipe.md"));
    symlink("/", root.join("disk")).unwrap();
    std::fs::write(outside.join("secret.md"), "secret").unwrap();
    symlink(outside.join("secret.md"), root.join("secret.md")).unwrap();
    let (library, deltas) = start_library(&root);
    let snapshot = library.snapshot();
    let fixtures = std::fs::read_dir(hostile_fixtures()).unwrap().count();
    assert_eq!(snapshot.posts.len(), fixtures + 1, "every hostile post is listed");
    let skipped: Vec<&str> = snapshot.skipped.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(skipped, ["disk", "pipe.md", "secret.md"], "{:?}", snapshot.skipped);
    // A FIFO created while the folder is open is passed over too, and the watcher goes on.
    mkfifo(&root.join("later.md"));
    std::fs::write(root.join("after.md"), POST).unwrap();
    let wait = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !library.snapshot().posts.iter().any(|p| p.path == "after.md") {
        assert!(std::time::Instant::now() < wait, "the watcher stopped after a FIFO appeared");
        let _ = deltas.recv_timeout(std::time::Duration::from_millis(100));
    }
    assert!(!library.snapshot().posts.iter().any(|p| p.path == "later.md"));

    // The table reads every key of every hostile post from the index, and the reply stays
    // small and quick: the read budget bounds the kept values as it bounds the form.
    let keys: Vec<String> = library.schema().unwrap().fields.iter().map(|f| f.key.clone()).collect();
    let started = std::time::Instant::now();
    let rows = library.table_rows(keys.clone(), None);
    let json = serde_json::to_string(&rows).unwrap();
    let took = started.elapsed();
    println!("table rows of the hostile posts: {} keys, {} bytes of JSON, {took:?}", keys.len(), json.len());
    assert_eq!(rows.rows.len(), fixtures + 2, "every listed post has a row");
    assert!(json.len() < 8 << 20, "{} bytes", json.len());
    assert!(took < std::time::Duration::from_secs(2), "{took:?}");
}

#[test]
fn a_post_over_the_size_cap_is_listed_as_unreadable_and_not_opened() {
    let (_dir, root, _) = site();
    let big = root.join("huge.md");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(postdesk::workspace::guard::MAX_POST_BYTES + 1).unwrap();
    let err = store::open(&root, "huge.md").unwrap_err();
    assert!(matches!(err, WorkspaceError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("over Postdesk's limit"), "{err}");
    let listed = scan::scan(&root).unwrap();
    let huge = listed.iter().find(|p| p.path == "huge.md").expect("listed");
    assert_eq!(huge.errors, 1);
}

#[test]
fn post_actions_refuse_an_empty_path_and_paths_that_are_not_posts() {
    let (_dir, root, _) = site();
    let trashed = std::cell::Cell::new(0);
    let trash = |_: &Path| {
        trashed.set(trashed.get() + 1);
        Ok(())
    };
    for bad in ["", "  ", ".", "..", "../site/fine.md", "notes"] {
        let err = actions::trash_post_with(&root, bad, &NoLibrary, trash).unwrap_err();
        assert!(
            matches!(err, WorkspaceError::Refused { .. } | WorkspaceError::OutsideFolder { .. }),
            "{bad:?}: {err}"
        );
        assert!(store::open(&root, bad).is_err(), "{bad:?}");
    }
    std::fs::create_dir(root.join("folder.md")).unwrap();
    assert!(actions::trash_post_with(&root, "folder.md", &NoLibrary, trash).is_err());
    assert_eq!(trashed.get(), 0, "the trash was never called");
    assert!(root.join("fine.md").is_file() && root.join("folder.md").is_dir());
}

#[test]
fn the_cli_ends_quietly_when_its_reader_closes_the_pipe() {
    let (_dir, root, _) = site();
    for i in 0..3000 {
        std::fs::write(root.join(format!("post-{i:04}.md")), POST).unwrap();
    }
    // `postdesk list DIR | head -c 1`: the reader takes one byte and goes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_postdesk"))
        .args(["list", root.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    std::io::Read::read_exact(&mut stdout, &mut one).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
}

#[test]
fn the_cli_names_what_it_skipped() {
    let (_dir, root, outside) = site();
    std::fs::write(outside.join("secret.md"), "secret").unwrap();
    symlink(outside.join("secret.md"), root.join("secret.md")).unwrap();
    let out =
        Command::new(env!("CARGO_BIN_EXE_postdesk")).args(["list", root.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("secret.md: skipped: a link outside the site"), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("secret"));
}
