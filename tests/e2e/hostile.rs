//! A hostile folder in the real window, in one launch: every post of tests/fixtures/hostile/ is
//! listed and opens without hanging the window (the alias bomb and 200 KB of `[` show their
//! body, editable, under the reason their front matter was not read); the files the scan left
//! alone (a FIFO named like a post, a link to `/`, a link to a post outside the folder) are
//! named in the library's skipped-files line; and a read-only post refuses its save with the
//! reason, keeps the typed text and the file's bytes, does not retry the refusal on its own,
//! and can be saved as a copy.

use std::ffi::CString;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use serde_json::json;

use super::harness::{AppSession, STEP};

const LOCKED: &str = "locked.md";
const LOCKED_TEXT: &str = "---\ntitle: A locked post\ndate: 2025-01-01\ndescription: A post whose file the writer cannot change.\n---\n\nThe first paragraph of a locked post.\n";
const BODY: &str = "A hostile post. The body stays readable.";

fn hostile_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

/// The folder: a copy of every hostile fixture, a locked (0444) ordinary post, a FIFO named
/// `pipe.md`, `disk -> /` and a link to a post outside the folder. Returns the posts the list
/// must show, sorted.
fn hostile_folder() -> (tempfile::TempDir, PathBuf, Vec<String>) {
    let tmp = tempfile::tempdir().unwrap();
    let base = std::fs::canonicalize(tmp.path()).unwrap();
    let posts = base.join("posts");
    let outside = base.join("outside");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    let mut listed = Vec::new();
    for entry in std::fs::read_dir(hostile_fixtures()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        std::fs::copy(entry.path(), posts.join(&name)).unwrap();
        listed.push(name);
    }
    assert!(listed.len() >= 10, "the hostile fixtures are missing: {listed:?}");
    std::fs::write(posts.join(LOCKED), LOCKED_TEXT).unwrap();
    std::fs::set_permissions(posts.join(LOCKED), std::fs::Permissions::from_mode(0o444)).unwrap();
    listed.push(LOCKED.into());
    mkfifo(&posts.join("pipe.md"));
    symlink("/", posts.join("disk")).unwrap();
    std::fs::write(outside.join("secret.md"), "---\ntitle: Not in the site\n---\n\nPrivate.\n").unwrap();
    symlink(outside.join("secret.md"), posts.join("outside-post.md")).unwrap();
    listed.sort();
    (tmp, posts, listed)
}

/// The paths of the list's rows as drawn now, sorted.
async fn listed_paths(app: &AppSession) -> Option<Vec<String>> {
    let script = "return [...document.querySelectorAll('[data-testid=post-list] [data-testid=post-item]')]\
                  .map((e) => e.dataset.path);";
    let value = app.client.execute(script, vec![]).await.ok()?;
    let mut paths: Vec<String> =
        value.as_array()?.iter().filter_map(|v| v.as_str().map(String::from)).collect();
    paths.sort();
    Some(paths)
}

async fn editor_text(app: &AppSession) -> String {
    let script = "return document.querySelector('[data-testid=body-editor] .cm-content').innerText;";
    app.client.execute(script, vec![]).await.unwrap().as_str().unwrap_or_default().to_string()
}

async fn wait_state(app: &AppSession, state: &str) {
    app.eventually(&format!("the save state reads {state}"), || async {
        (app.text_now("[data-testid=save-state]").await? == state).then_some(())
    })
    .await;
}

/// The page answers a script at once: the window's main thread is not stuck in a post.
async fn answers(app: &AppSession, after: &str) -> Duration {
    let asked = Instant::now();
    let Ok(reply) = tokio::time::timeout(STEP, app.client.execute("return 6 * 7;", vec![])).await else {
        panic!("the window did not answer a script within {STEP:?} after {after}");
    };
    let reply = reply.expect("the script ran");
    assert_eq!(reply, json!(42));
    asked.elapsed()
}

/// Counts the times any process opens a file (inotify IN_OPEN): every save attempt reads the
/// post first, so a save that retries on its own shows up here.
struct OpenCounter(i32);

impl OpenCounter {
    fn watch(path: &Path) -> OpenCounter {
        let fd = unsafe { libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC) };
        assert!(fd >= 0, "inotify_init1: {}", std::io::Error::last_os_error());
        let c = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        let wd = unsafe { libc::inotify_add_watch(fd, c.as_ptr(), libc::IN_OPEN) };
        assert!(wd >= 0, "inotify_add_watch {}: {}", path.display(), std::io::Error::last_os_error());
        OpenCounter(fd)
    }

    /// The opens since the last call.
    fn take(&self) -> usize {
        let mut opens = 0;
        let mut buf = [0u8; 4096];
        let header = std::mem::size_of::<libc::inotify_event>();
        loop {
            let n = unsafe { libc::read(self.0, buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                return opens;
            }
            let mut at = 0;
            while at + header <= n as usize {
                let event: libc::inotify_event =
                    unsafe { std::ptr::read_unaligned(buf[at..].as_ptr().cast()) };
                opens += usize::from(event.mask & libc::IN_OPEN != 0);
                at += header + event.len as usize;
            }
        }
    }
}

impl Drop for OpenCounter {
    fn drop(&mut self) {
        unsafe { libc::close(self.0) };
    }
}

/// Autosave waits two seconds after an edit; this is more than two of its turns.
const QUIET: Duration = Duration::from_millis(4500);

async fn press_save(app: &AppSession) {
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.send_keys(&(Key::Control + "s")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hostile_folder_lists_opens_and_refuses_calmly_without_hanging_the_window() {
    let (tmp, posts, listed) = hostile_folder();
    let app = AppSession::launch(tmp, posts.clone()).await;

    // Every hostile post is a row; the FIFO and the links are not.
    app.eventually("every hostile post is listed, and nothing else", || async {
        (listed_paths(&app).await? == listed).then_some(())
    })
    .await;

    // The skipped-files line names the three files the scan left alone, and why.
    let summary = app
        .eventually("the skipped-files line shows", || async {
            app.text_now("[data-testid=skipped-files]:not([hidden]) .skipped-toggle").await
        })
        .await;
    assert_eq!(summary, "3 files skipped");
    app.wait_css("[data-testid=skipped-files] .skipped-toggle").await.click().await.unwrap();
    let script =
        "return [...document.querySelectorAll('[data-testid=skipped-files] [data-testid=skipped-file]')]\
                  .filter((e) => e.offsetParent !== null).map((e) => [e.dataset.path, e.textContent]);";
    let entries = app
        .eventually("the skipped files are listed", || async {
            let value = app.client.execute(script, vec![]).await.ok()?;
            let entries: Vec<(String, String)> = serde_json::from_value(value).ok()?;
            (entries.len() == 3).then_some(entries)
        })
        .await;
    let paths: Vec<&str> = entries.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["disk", "outside-post.md", "pipe.md"], "{entries:?}");
    let reason = |path: &str| entries.iter().find(|(p, _)| p == path).unwrap().1.clone();
    assert!(reason("pipe.md").contains("named pipe"), "{entries:?}");
    assert!(reason("disk").contains("outside the site"), "{entries:?}");
    assert!(reason("outside-post.md").contains("outside the site"), "{entries:?}");
    app.screenshot("skipped-files").await;
    // Folded again, so the list has its room back.
    app.wait_css("[data-testid=skipped-files] .skipped-toggle").await.click().await.unwrap();

    // Each hostile post opens, and the window keeps answering.
    for path in &listed {
        if path == LOCKED {
            continue;
        }
        let started = Instant::now();
        app.open_post(path).await;
        let opened = started.elapsed();
        let answered = answers(&app, &format!("opening {path}")).await;
        println!("{path}: open {opened:?}, then a script answered in {answered:?}");
    }

    // Over their budget, the alias bomb and the nested brackets show the body, editable, and
    // the reason; the fields are read-only.
    for path in ["alias-bomb.md", "nested-brackets.md"] {
        app.open_post(path).await;
        app.eventually(&format!("{path} shows its body"), || async {
            editor_text(&app).await.contains(BODY).then_some(())
        })
        .await;
        let notice = app
            .eventually(&format!("{path} shows why its front matter was not read"), || async {
                app.text_now("#notice:not([hidden]) #notice-text").await.filter(|t| !t.is_empty())
            })
            .await;
        let script = "return [document.querySelector('#fields').classList.contains('read-only'), \
                      document.querySelector('[data-testid=body-editor] .cm-content').contentEditable];";
        let state = app.client.execute(script, vec![]).await.unwrap();
        assert_eq!(state, json!([true, "true"]), "{path}: the form read-only, the body editable ({notice})");
        println!("{path}: {notice}");
    }

    // Typing in the search box filters the list within a normal wait.
    let search = app.wait_css("[data-testid=search-input]").await;
    search.click().await.unwrap();
    search.send_keys("nested").await.unwrap();
    app.eventually("the search narrows the list to the nested posts", || async {
        (listed_paths(&app).await? == ["nested-blocks.md", "nested-brackets.md"]).then_some(())
    })
    .await;
    search.send_keys(&(Key::Control + "a")).await.unwrap();
    search.send_keys(&Key::Backspace.to_string()).await.unwrap();
    app.eventually("the cleared search lists every post again", || async {
        (listed_paths(&app).await? == listed).then_some(())
    })
    .await;

    // A read-only post: Ctrl+S says so, and keeps the text and the file.
    let locked = posts.join(LOCKED);
    app.open_post(LOCKED).await;
    app.type_at_body_start("Typed into a locked post. ").await;
    press_save(&app).await;
    wait_state(&app, "error").await;
    let notice = app.text("#notice:not([hidden]) #notice-text").await;
    assert!(notice.contains("read-only") && notice.contains("your text is kept"), "{notice}");
    app.screenshot("read-only-save").await;
    assert!(editor_text(&app).await.contains("Typed into a locked post. The first paragraph"));
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), LOCKED_TEXT, "the locked file is unchanged");
    // The autosave the typing armed finds the refusal and leaves it: nothing opens the file.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let opens = OpenCounter::watch(&locked);
    tokio::time::sleep(QUIET).await;
    assert_eq!(opens.take(), 0, "the refused save was tried again without an edit");
    assert_eq!(app.text_now("[data-testid=save-state]").await.as_deref(), Some("error"));

    // The next edit arms autosave again: it tries once (the counter sees it), says so, and
    // then leaves the disk alone.
    app.type_at_body_start("Again. ").await;
    wait_state(&app, "unsaved").await;
    wait_state(&app, "error").await;
    assert!(opens.take() >= 1, "the autosave after the edit was not seen opening the post");
    tokio::time::sleep(QUIET).await;
    assert_eq!(opens.take(), 0, "autosave retried a refused save without an edit");
    assert!(editor_text(&app).await.contains("Again. Typed into a locked post. The first paragraph"));
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), LOCKED_TEXT, "the locked file is unchanged");
    assert_eq!(std::fs::metadata(&locked).unwrap().permissions().mode() & 0o777, 0o444);

    // Save a copy: the text goes to locked-copy.md, the editor follows it, the post stays.
    let action = app.wait_css("#notice:not([hidden]) #notice-action:not([hidden])").await;
    assert_eq!(action.text().await.unwrap(), "Save a copy");
    action.click().await.unwrap();
    let copy = posts.join("locked-copy.md");
    app.eventually("the copy is written", || async {
        std::fs::read_to_string(&copy)
            .ok()?
            .contains("Again. Typed into a locked post. The first")
            .then_some(())
    })
    .await;
    app.eventually("the copy is the open post", || async {
        (app.text_now("#post-path").await? == "locked-copy.md").then_some(())
    })
    .await;
    wait_state(&app, "saved").await;
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), LOCKED_TEXT, "the locked file is unchanged");
    app.type_at_body_start("Then more. ").await;
    press_save(&app).await;
    app.eventually("the copy takes the next save", || async {
        std::fs::read_to_string(&copy).ok()?.contains("Then more. Again. Typed").then_some(())
    })
    .await;
    wait_state(&app, "saved").await;
    answers(&app, "the read-only post and its copy").await;
}
