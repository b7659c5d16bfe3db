//! Git in the real window, on a real repository with a bare repository on disk as its remote
//! and a teammate's clone beside it: two posts edited and saved show their badges, the gutter
//! and the compare view show the change, the commit dialog commits one of them with a message
//! prefilled from its title, Push reaches the remote, a post's history restores an old version
//! as an undoable edit, Pull brings a teammate's change into a post that has an unsaved edit
//! (merged, nothing lost), a conflicting pull is resolved in the resolve view and committed,
//! and a branch switch in the terminal shows in the status bar.

use std::path::{Path, PathBuf};
use std::process::Command;

use fantoccini::key::Key;
use serde_json::Value;

use super::harness::{click, js, AppSession};

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn post(title: &str, ending: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2024-05-01\n---\n\nThe opening paragraph of {title} has enough words to read as a paragraph.\n\n\
         A middle paragraph keeps the opening and the ending apart, so edits to each merge.\n\n{ending}\n"
    )
}

const ENDING: &str = "The ending closes the post with a few more words for the checks to count.";

struct Repos {
    remote: PathBuf,
    writer: PathBuf,
    teammate: PathBuf,
}

/// A bare remote, the writer's clone (the folder the app opens) with three posts pushed, and a
/// teammate's clone; each clone with its own identity.
fn repos(tmp: &Path) -> Repos {
    let remote = tmp.join("remote.git");
    let writer = tmp.join("writer");
    let teammate = tmp.join("teammate");
    git(tmp, &["init", "-q", "--bare", "-b", "main", remote.to_str().unwrap()]);
    git(tmp, &["clone", "-q", remote.to_str().unwrap(), writer.to_str().unwrap()]);
    git(&writer, &["config", "user.name", "Writer"]);
    git(&writer, &["config", "user.email", "writer@example.org"]);
    for (file, title) in [("alpha.md", "Alpha"), ("beta.md", "Beta"), ("gamma.md", "Gamma")] {
        std::fs::write(writer.join(file), post(title, ENDING)).unwrap();
    }
    git(&writer, &["add", "-A"]);
    git(&writer, &["commit", "-q", "-m", "Three posts"]);
    git(&writer, &["push", "-q", "-u", "origin", "main"]);
    git(tmp, &["clone", "-q", remote.to_str().unwrap(), teammate.to_str().unwrap()]);
    git(&teammate, &["config", "user.name", "Teammate"]);
    git(&teammate, &["config", "user.email", "teammate@example.org"]);
    Repos { remote, writer, teammate }
}

async fn editor_text(app: &AppSession) -> String {
    let v = js(app, "return document.querySelector('[data-testid=body-editor] .cm-content').innerText").await;
    v.as_str().unwrap_or_default().to_string()
}

async fn git_state(app: &AppSession, path: &str) -> Option<String> {
    let script = format!(
        "return document.querySelector('[data-testid=post-item][data-path=\"{path}\"]')?.dataset.git ?? null"
    );
    js(app, &script).await.as_str().map(str::to_string)
}

/// Types at the start of the body and saves with Ctrl+S; waits for the file to change.
async fn edit_and_save(app: &AppSession, rel: &str, text: &str) {
    app.open_post(rel).await;
    let before = std::fs::read_to_string(app.post_path(rel)).unwrap();
    app.type_at_body_start(text).await;
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.send_keys(&(Key::Control + "s")).await.unwrap();
    let path = app.post_path(rel);
    app.eventually(&format!("{rel} is saved"), || async {
        (std::fs::read_to_string(&path).ok()? != before).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_writer_commits_pushes_restores_and_pulls_in_the_window_with_nothing_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let repos = repos(tmp.path());
    // Saves only when the test says so: an unsaved edit must still be unsaved when the pull comes.
    AppSession::write_settings(tmp.path(), serde_json::json!({ "autosave": false }));
    let app = AppSession::launch(tmp, repos.writer.clone()).await;

    // The branch in the status bar.
    app.eventually("the status bar shows the branch", || async {
        (app.text_now("[data-testid=git-status]").await?.contains("main")).then_some(())
    })
    .await;

    // Two posts edited and saved: both marked modified.
    edit_and_save(&app, "alpha.md", "Writer's alpha edit. ").await;
    edit_and_save(&app, "beta.md", "Writer's beta edit. ").await;
    app.eventually("both posts are marked modified", || async {
        (git_state(&app, "alpha.md").await? == "modified" && git_state(&app, "beta.md").await? == "modified")
            .then_some(())
    })
    .await;
    assert_eq!(git_state(&app, "gamma.md").await, None, "an unchanged post has no mark");

    // The gutter marks beta's changed line; the compare view shows the change against HEAD.
    app.eventually("the gutter marks the changed line", || async {
        let kinds = js(
            &app,
            "return [...document.querySelectorAll('[data-testid=git-gutter-mark]')].map(m => m.dataset.kind)",
        )
        .await;
        (kinds.as_array()?.iter().any(|k| k == "modified")).then_some(())
    })
    .await;
    click(&app, "[data-testid=git-compare]").await;
    app.eventually("the diff shows the edit", || async {
        let diff = app.text_now("[data-testid=git-diff]").await?;
        (diff.contains("+Writer's beta edit.") && diff.contains("-The opening paragraph of Beta"))
            .then_some(())
    })
    .await;
    app.screenshot("git").await;

    // Commit only alpha, with the message prefilled from its title.
    click(&app, "[data-testid=git-commit-open]").await;
    app.wait_css("[data-testid=commit-dialog][open]").await;
    let paths = app
        .eventually("the dialog lists both posts", || async {
            let v = js(&app, "return [...document.querySelectorAll('[data-testid=commit-path]')].map(c => [c.dataset.path, c.checked])").await;
            let rows = v.as_array()?.clone();
            (rows.len() == 2).then_some(rows)
        })
        .await;
    assert!(paths.iter().all(|r| r[1] == Value::Bool(true)), "both checked by default: {paths:?}");
    click(&app, "[data-testid=commit-path][data-path=\"beta.md\"]").await;
    let message = app
        .eventually("the message follows the ticked post", || async {
            let m = js(&app, "return document.querySelector('[data-testid=commit-message]').value").await;
            let m = m.as_str()?.to_string();
            (m == "Update: Alpha").then_some(m)
        })
        .await;
    app.screenshot("git-commit").await;
    click(&app, "[data-testid=commit-submit]").await;
    app.eventually("the commit is in the repository", || async {
        (git(&repos.writer, &["log", "-1", "--format=%s"]) == message).then_some(())
    })
    .await;
    assert_eq!(git(&repos.writer, &["show", "--name-only", "--format=", "HEAD"]), "alpha.md", "only alpha");
    app.eventually("alpha's mark clears, beta's stays", || async {
        (git_state(&app, "alpha.md").await.is_none() && git_state(&app, "beta.md").await? == "modified")
            .then_some(())
    })
    .await;

    // Push reaches the bare remote.
    click(&app, "[data-testid=git-push]").await;
    app.eventually("the remote has the commit", || async {
        (git(&repos.remote, &["log", "-1", "--format=%s", "main"]) == message).then_some(())
    })
    .await;

    // History: alpha's first version, restored as an undoable edit of the buffer.
    app.open_post("alpha.md").await;
    click(&app, "[data-testid=git-history]").await;
    let entries = app
        .eventually("alpha's two commits are listed", || async {
            let v = js(&app, "return [...document.querySelectorAll('[data-testid=history-entry]')].map(e => e.dataset.hash)").await;
            let hashes: Vec<String> = v.as_array()?.iter().filter_map(|h| h.as_str().map(str::to_string)).collect();
            (hashes.len() == 2).then_some(hashes)
        })
        .await;
    click(&app, &format!("[data-testid=history-entry][data-hash=\"{}\"]", entries[1])).await;
    app.eventually("the old version shows", || async {
        let text = app.text_now("[data-testid=history-version]").await?;
        (text.contains("The opening paragraph of Alpha") && !text.contains("Writer's alpha edit"))
            .then_some(())
    })
    .await;
    click(&app, "[data-testid=history-restore]").await;
    app.eventually("the buffer holds the old version, unsaved", || async {
        let text = editor_text(&app).await;
        let state = app.text_now("[data-testid=save-state]").await?;
        (!text.contains("Writer's alpha edit") && state == "unsaved").then_some(())
    })
    .await;
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.click().await.unwrap();
    content.send_keys(&(Key::Control + "z")).await.unwrap();
    app.eventually("undo brings the edit back", || async {
        editor_text(&app).await.contains("Writer's alpha edit").then_some(())
    })
    .await;

    // A teammate rewrites gamma's ending and pushes, while the writer has gamma open with an
    // unsaved edit to its opening.
    git(&repos.teammate, &["pull", "-q"]);
    let theirs = post("Gamma", "The teammate rewrote the ending of gamma, and pushed it.");
    std::fs::write(repos.teammate.join("gamma.md"), theirs).unwrap();
    git(&repos.teammate, &["commit", "-q", "-am", "A new ending for gamma"]);
    git(&repos.teammate, &["push", "-q"]);
    app.open_post("gamma.md").await;
    app.type_at_body_start("The writer's unsaved opening. ").await;
    app.eventually("gamma is unsaved", || async {
        (app.text_now("[data-testid=save-state]").await? == "unsaved").then_some(())
    })
    .await;
    click(&app, "[data-testid=git-pull]").await;
    app.eventually("the pull reached the file", || async {
        std::fs::read_to_string(repos.writer.join("gamma.md"))
            .ok()?
            .contains("The teammate rewrote")
            .then_some(())
    })
    .await;
    app.eventually("the buffer has both the teammate's ending and the unsaved opening", || async {
        let text = editor_text(&app).await;
        (text.contains("The teammate rewrote the ending") && text.contains("The writer's unsaved opening"))
            .then_some(())
    })
    .await;
    assert!(
        !std::fs::read_to_string(repos.writer.join("gamma.md")).unwrap().contains("unsaved opening"),
        "the unsaved edit stays in the buffer until the writer saves"
    );
    app.screenshot("git-pull").await;

    // Saved, the file has both.
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.send_keys(&(Key::Control + "s")).await.unwrap();
    app.eventually("gamma is saved with both edits", || async {
        let text = std::fs::read_to_string(repos.writer.join("gamma.md")).ok()?;
        (text.contains("The writer's unsaved opening") && text.contains("The teammate rewrote")).then_some(())
    })
    .await;

    // A conflicting pull: both rewrite alpha's ending; the writer's repository merges on pull.
    git(&repos.teammate, &["pull", "-q"]);
    std::fs::write(repos.teammate.join("alpha.md"), post("Alpha", "Their ending for alpha.")).unwrap();
    git(&repos.teammate, &["commit", "-q", "-am", "Their ending"]);
    git(&repos.teammate, &["push", "-q"]);
    let mine = std::fs::read_to_string(repos.writer.join("alpha.md"))
        .unwrap()
        .replace(ENDING, "My ending for alpha.");
    std::fs::write(repos.writer.join("alpha.md"), mine).unwrap();
    git(&repos.writer, &["commit", "-q", "-m", "My ending", "--", "alpha.md"]);
    git(&repos.writer, &["config", "pull.rebase", "false"]);
    click(&app, "[data-testid=git-pull]").await;
    app.eventually("the pull left conflict markers in alpha", || async {
        std::fs::read_to_string(repos.writer.join("alpha.md")).ok()?.contains("<<<<<<< HEAD").then_some(())
    })
    .await;
    app.eventually("alpha is marked conflicted", || async {
        (git_state(&app, "alpha.md").await? == "conflicted").then_some(())
    })
    .await;
    app.open_post("alpha.md").await;
    app.eventually("the merge-conflict banner shows", || async {
        let hidden =
            js(&app, "return document.querySelector('[data-testid=merge-conflict-banner]').hidden").await;
        (hidden == Value::Bool(false)).then_some(())
    })
    .await;
    click(&app, "[data-testid=merge-conflict-banner] [data-testid=conflict-resolve-open]").await;
    click(&app, "[data-testid=resolve-hunk][data-index=\"0\"] [data-testid=resolve-theirs]").await;
    app.screenshot("git-resolve").await;
    click(&app, "[data-testid=resolve-apply]").await;
    app.eventually("alpha is written with their ending, and no markers", || async {
        let text = std::fs::read_to_string(repos.writer.join("alpha.md")).ok()?;
        (!text.contains("<<<<<<<") && text.contains("Their ending for alpha.") && !text.contains("My ending"))
            .then_some(())
    })
    .await;
    click(&app, "[data-testid=git-commit-open]").await;
    app.wait_css("[data-testid=commit-dialog][open]").await;
    app.eventually("the dialog offers alpha", || async {
        let v = js(&app, "return [...document.querySelectorAll('[data-testid=commit-path]')].filter(c => c.checked).map(c => c.dataset.path)").await;
        (v.as_array()?.iter().any(|p| p == "alpha.md")).then_some(())
    })
    .await;
    click(&app, "[data-testid=commit-submit]").await;
    app.eventually("the merge is concluded", || async {
        (git(&repos.writer, &["rev-list", "--count", "--merges", "HEAD"]) == "1").then_some(())
    })
    .await;

    // A branch switch in the terminal shows at once.
    git(&repos.writer, &["checkout", "-q", "-b", "drafts"]);
    app.eventually("the status bar follows the branch switch", || async {
        (app.text_now("[data-testid=git-status]").await?.contains("drafts")).then_some(())
    })
    .await;
}
