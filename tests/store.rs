//! Scanning and saving against real files in temp dirs.

use std::os::unix::fs::PermissionsExt;

use postdesk::workspace::scan;
use postdesk::workspace::store::{self, FieldEdit, SaveRequest};
use postdesk::workspace::WorkspaceError;
use serde_json::json;

use crate::support::{byte_diff, posts_copy, sample_post_count};

fn request(path: &str, base_hash: String, fields: Vec<FieldEdit>, body: Option<&str>) -> SaveRequest {
    SaveRequest {
        path: path.into(),
        base_hash,
        fields,
        body: body.map(str::to_string),
        ..SaveRequest::default()
    }
}

#[test]
fn scan_lists_posts_and_skips_dependencies_and_hidden_folders() {
    let (_tmp, posts) = posts_copy();
    for skipped in ["node_modules/pkg", ".git", "nested/.cache"] {
        std::fs::create_dir_all(posts.join(skipped)).unwrap();
        std::fs::write(posts.join(skipped).join("readme.md"), "# not a post\n").unwrap();
    }
    std::fs::write(posts.join("nested/kept.markdown"), "---\ntitle: Kept\n---\n").unwrap();
    std::fs::write(posts.join("binary.md"), [0xff, 0xfe, 0x00, 0x01]).unwrap();
    let listed = scan::scan(&posts).unwrap();
    assert_eq!(listed.len(), sample_post_count() + 2);
    assert!(listed.iter().any(|p| p.path == "nested/kept.markdown"));
    let binary = listed.iter().find(|p| p.path == "binary.md").unwrap();
    assert_eq!(binary.errors, 1, "an unreadable post is listed with an error, not dropped");
}

#[test]
fn scan_of_a_missing_folder_names_it() {
    let err = scan::scan(std::path::Path::new("/no/such/folder")).unwrap_err();
    assert!(err.to_string().contains("/no/such/folder"), "{err}");
}

#[test]
fn saving_a_title_rewrites_only_that_value_and_keeps_permissions() {
    let (_tmp, posts) = posts_copy();
    let path = posts.join("windows-line-endings.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let doc = store::open(&posts, "windows-line-endings.md").unwrap();
    let edit = FieldEdit { key: "title".into(), value: json!("Line Endings Explained") };
    let saved = store::save(&posts, &request(&doc.path, doc.base_hash, vec![edit], None)).unwrap();
    let after = std::fs::read(&path).unwrap();
    let (removed, inserted) = byte_diff(&before, &after);
    assert_eq!(
        (std::str::from_utf8(removed).unwrap(), std::str::from_utf8(inserted).unwrap()),
        (", Windows, and the Invisible Carriage Return", " Explained")
    );
    assert_eq!(
        after.windows(2).filter(|w| w == b"\r\n").count(),
        before.windows(2).filter(|w| w == b"\r\n").count()
    );
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    assert_eq!(saved.base_hash, store::content_hash(&after));
    let leftovers: Vec<_> = std::fs::read_dir(&posts)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".postdesk-"))
        .collect();
    assert!(leftovers.is_empty(), "temp files left behind: {leftovers:?}");
}

#[test]
fn saving_a_body_word_changes_exactly_that_word() {
    let (_tmp, posts) = posts_copy();
    let doc = store::open(&posts, "predictive-ai-in-healthcare.md").unwrap();
    let before = std::fs::read(posts.join(&doc.path)).unwrap();
    let body = doc.body.replacen("Cancer treatment is entering", "Cancer treatment is rapidly entering", 1);
    store::save(&posts, &request(&doc.path, doc.base_hash, vec![], Some(&body))).unwrap();
    let after = std::fs::read(posts.join(&doc.path)).unwrap();
    assert_eq!(byte_diff(&before, &after), (&b""[..], &b"rapidly "[..]));
}

#[test]
fn a_save_over_an_external_change_is_refused_and_the_file_kept() {
    let (_tmp, posts) = posts_copy();
    let doc = store::open(&posts, "gardening-a-codebase.md").unwrap();
    let path = posts.join(&doc.path);
    let external = format!("{}\nAdded elsewhere.\n", std::fs::read_to_string(&path).unwrap());
    std::fs::write(&path, &external).unwrap();
    let edit = FieldEdit { key: "title".into(), value: json!("Mine") };
    let err = store::save(&posts, &request(&doc.path, doc.base_hash, vec![edit], None)).unwrap_err();
    assert!(matches!(err, WorkspaceError::Conflict { .. }), "{err:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), external);
}

#[test]
fn saving_through_a_symlink_writes_the_target_and_keeps_the_link() {
    let (_tmp, posts) = posts_copy();
    let target = posts.join("the-quiet-joy-of-modal-editing.md");
    let link = posts.join("linked.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let doc = store::open(&posts, "linked.md").unwrap();
    let edit = FieldEdit { key: "title".into(), value: json!("Modal Editing, Quietly") };
    store::save(&posts, &request("linked.md", doc.base_hash, vec![edit], None)).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().contains("\ntitle: \"Modal Editing, Quietly\"\n"));
}

#[test]
fn paths_outside_the_folder_are_refused() {
    let (_tmp, posts) = posts_copy();
    let err = store::open(&posts, "../outside.md").unwrap_err();
    assert!(matches!(err, WorkspaceError::OutsideFolder { .. }), "{err:?}");
}

#[test]
fn a_non_utf8_post_opens_read_only_and_refuses_saves() {
    let (_tmp, posts) = posts_copy();
    std::fs::write(posts.join("latin1.md"), b"---\ntitle: Caf\xe9\n---\nBody\n").unwrap();
    let doc = store::open(&posts, "latin1.md").unwrap();
    assert!(doc.read_only_reason.as_deref().is_some_and(|r| r.contains("latin1.md") && r.contains("UTF-8")));
    let err = store::save(&posts, &request("latin1.md", doc.base_hash, vec![], Some("x"))).unwrap_err();
    assert!(matches!(err, WorkspaceError::NotUtf8 { .. }), "{err:?}");
}

type Reports = std::sync::mpsc::Receiver<Vec<std::path::PathBuf>>;

/// Waits up to 5 s for the watcher to report `want` among the changed paths.
fn reported(rx: &Reports, want: &std::path::Path) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(paths) if paths.iter().any(|p| p == want) => return true,
            Ok(_) => continue,
            Err(_) => return false,
        }
    }
    false
}

/// A watcher on `posts` whose reports arrive on the returned channel.
fn watched(posts: &std::path::Path) -> (postdesk::workspace::watch::FolderWatcher, Reports) {
    let (tx, rx) = std::sync::mpsc::channel();
    let watcher = postdesk::workspace::watch::watch(posts, &[], move |paths| {
        let _ = tx.send(paths);
    })
    .unwrap();
    (watcher, rx)
}

#[test]
fn the_watcher_reports_new_files_and_atomic_replacements() {
    let (_tmp, posts) = posts_copy();
    let posts = std::fs::canonicalize(&posts).unwrap();
    let (_watcher, rx) = watched(&posts);
    let created = posts.join("new.md");
    std::fs::write(&created, "---\ntitle: New\n---\n").unwrap();
    assert!(reported(&rx, &created), "creating a post was not reported");

    let replaced = posts.join("gardening-a-codebase.md");
    store::write_atomic(&replaced, b"---\ntitle: Replaced\n---\n").unwrap();
    assert!(reported(&rx, &replaced), "an atomic save (temp file + rename) was not reported");

    std::fs::remove_file(&created).unwrap();
    assert!(reported(&rx, &created), "removing a post was not reported");
}

/// Regression: opening a post read it, the read was reported as a change, the app re-read the
/// post, and so on for ever, re-rendering the list each time.
#[test]
fn the_watcher_does_not_report_reads() {
    let (_tmp, posts) = posts_copy();
    let posts = std::fs::canonicalize(&posts).unwrap();
    let (_watcher, rx) = watched(&posts);
    let post = posts.join("gardening-a-codebase.md");
    for _ in 0..3 {
        let _ = std::fs::read(&post).unwrap();
        store::open(&posts, "gardening-a-codebase.md").unwrap();
    }
    assert!(!reported(&rx, &post), "reading a post was reported as a change");
}

#[test]
fn every_sample_post_round_trips_byte_identical() {
    use postdesk::content::{edit, frontmatter, split};
    let (_tmp, posts) = posts_copy();
    for summary in scan::scan(&posts).unwrap() {
        let path = posts.join(&summary.path);
        let before = std::fs::read(&path).unwrap();
        let doc = store::open(&posts, &summary.path).unwrap();
        // A save with nothing changed: the body as the editor holds it, and no field edits.
        store::save(&posts, &request(&doc.path, doc.base_hash.clone(), vec![], Some(&doc.body))).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), before, "{} changed on a no-op save", summary.path);
        // Setting every key to the value it has is a no-op too.
        let text = String::from_utf8(before.clone()).unwrap();
        let fm = frontmatter::read(&text, &split::split(&text));
        for (key, value) in &fm.values {
            assert_eq!(edit::set_field(&text, key, value).unwrap(), text, "{}: set {key}", summary.path);
        }
    }
}

#[test]
fn saving_removals_and_raw_front_matter_keeps_crlf_and_the_body() {
    let (_tmp, posts) = posts_copy();
    let rel = "windows-line-endings.md";
    let path = posts.join(rel);
    let before = std::fs::read_to_string(&path).unwrap();
    let doc = store::open(&posts, rel).unwrap();
    // The raw editor hands its text back with `\n`; the file keeps `\r\n`.
    let source =
        doc.front_matter_source.replace("\r\n", "\n").replace("category: Tools\n", "category: Notes\n");
    let saved = store::save(
        &posts,
        &SaveRequest {
            remove: vec!["heroImage".into()],
            front_matter_source: Some(source),
            ..request(rel, doc.base_hash, vec![], None)
        },
    )
    .unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    let expected = before
        .replace("category: Tools\r\n", "category: Notes\r\n")
        .replace("heroImage: \"/images/posts/typewriter-carriage.jpg\"\r\n", "");
    assert_ne!(expected, before, "the fixture lines were not found");
    assert_eq!(after, expected);
    assert_eq!(saved.front_matter.get("category"), Some(&json!("Notes")));
    assert!(!saved.front_matter.contains_key("heroImage"));
}

#[test]
fn invalid_raw_front_matter_is_refused_with_its_line_and_the_file_is_untouched() {
    let (_tmp, posts) = posts_copy();
    let rel = "a-tidy-writing-desk.md";
    let before = std::fs::read(posts.join(rel)).unwrap();
    let doc = store::open(&posts, rel).unwrap();
    let bad = SaveRequest {
        front_matter_source: Some("title: \"Unclosed\ntags: [a\n".into()),
        ..request(rel, doc.base_hash, vec![], Some("A new body.\n"))
    };
    let err = store::save(&posts, &bad).unwrap_err();
    assert!(matches!(err, WorkspaceError::Edit { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains(rel) && message.contains("line "), "{message}");
    assert_eq!(std::fs::read(posts.join(rel)).unwrap(), before);
}

/// Hugo's documentation has a content section `functions/resources/`; the scan dropped its 13
/// pages because `resources` is also the name of Hugo's generated folder. Build output is
/// skipped only directly under the opened folder; dependencies and hidden folders anywhere.
#[test]
fn a_content_section_named_like_build_output_is_listed() {
    let (_tmp, posts) = posts_copy();
    let deep = ["functions/resources/Get.md", "docs/public/notes.md", "guide/dist/intro.md", "a/target/b.md"];
    for rel in deep {
        std::fs::create_dir_all(posts.join(rel).parent().unwrap()).unwrap();
        std::fs::write(posts.join(rel), "---\ntitle: Content\n---\n").unwrap();
    }
    for rel in [
        "public/index.md",
        "resources/_gen/x.md",
        "_site/about.md",
        "dist/a.md",
        "a/node_modules/pkg/README.md",
    ] {
        std::fs::create_dir_all(posts.join(rel).parent().unwrap()).unwrap();
        std::fs::write(posts.join(rel), "# build output or a dependency\n").unwrap();
    }
    let listed: Vec<String> = scan::scan(&posts).unwrap().into_iter().map(|p| p.path).collect();
    for rel in deep {
        assert!(listed.iter().any(|p| p == rel), "{rel} was dropped");
        assert!(!scan::in_skipped_dir(rel), "the watcher would drop {rel}");
    }
    assert_eq!(listed.len(), sample_post_count() + deep.len(), "{listed:?}");
    assert!(scan::in_skipped_dir("public/index.md") && scan::in_skipped_dir("a/node_modules/pkg/README.md"));
    // A folder read on its own inside the site (as the library reads a folder moved in) agrees.
    let site = std::fs::canonicalize(&posts).unwrap();
    let inner = scan::walk_within(&site.join("functions"), &site).unwrap();
    assert_eq!(inner.files, [site.join("functions/resources/Get.md")]);
}
