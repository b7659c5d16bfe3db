//! Outside changes and crashes in the real window: an external write reaches the list and a
//! clean open post; an overlapping write to a dirty post shows the banner with both versions
//! reachable; a killed app offers its unsaved text back, merged with what was written to the
//! post after the crash (or, where both touched the same lines, in the conflict banner);
//! autosave writes after a pause.

use std::path::Path;
use std::time::Duration;

use fantoccini::key::Key;
use serde_json::json;

use super::harness::AppSession;
use crate::support::posts_copy;

const DESK: &str = "a-tidy-writing-desk.md";
const FIRST_LINE: &str = "People sometimes ask what I write on, expecting a list of gear.";

async fn editor_text(app: &AppSession) -> String {
    let script = "return document.querySelector('[data-testid=body-editor] .cm-content').innerText;";
    app.client.execute(script, vec![]).await.unwrap().as_str().unwrap_or_default().to_string()
}

async fn wait_editor_contains(app: &AppSession, needle: &str) {
    app.eventually(&format!("the editor shows {needle:?}"), || async {
        editor_text(app).await.contains(needle).then_some(())
    })
    .await;
}

async fn wait_state(app: &AppSession, state: &str) {
    app.eventually(&format!("the save state reads {state}"), || async {
        (app.text_now("[data-testid=save-state]").await? == state).then_some(())
    })
    .await;
}

async fn launch_without_autosave() -> AppSession {
    let (tmp, posts) = posts_copy();
    AppSession::write_settings(tmp.path(), json!({ "autosave": false }));
    AppSession::launch(tmp, posts).await
}

fn replace_in_file(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn an_external_write_shows_in_the_list_and_in_an_open_clean_post() {
    let app = AppSession::start().await;
    app.open_post(DESK).await;
    wait_editor_contains(&app, FIRST_LINE).await;
    let path = app.post_path(DESK);
    replace_in_file(
        &path,
        "title: \"A Tidy Writing Desk, and Why It Helps\"",
        "title: \"A Desk Rewritten Elsewhere\"",
    );
    replace_in_file(&path, "expecting a list of gear.", "expecting a list of gear (an agent edited this).");
    app.eventually("the list shows the title written elsewhere", || async {
        let title = app.text_now(&format!("[data-path=\"{DESK}\"] .post-title")).await?;
        (title == "A Desk Rewritten Elsewhere").then_some(())
    })
    .await;
    wait_editor_contains(&app, "(an agent edited this)").await;
    app.eventually("the title field reloads", || async {
        let script = "return document.querySelector('[data-testid=fm-field][data-key=title]').value;";
        let value = app.client.execute(script, vec![]).await.ok()?;
        (value.as_str()? == "A Desk Rewritten Elsewhere").then_some(())
    })
    .await;
    assert_eq!(app.text("[data-testid=save-state]").await, "saved", "a clean reload is not an edit");
    let banner_hidden = app
        .client
        .execute("return document.querySelector('[data-testid=conflict-banner]').hidden;", vec![])
        .await
        .unwrap();
    assert_eq!(banner_hidden, json!(true), "a clean post reloads silently");

    // Write-to-screen latency, measured by the app (file mtime to painted list), printed for the
    // README: a post the writer is not editing, rewritten 30 times.
    app.client
        .execute("window.postdeskMetrics.externalChangeToUi.length = 0; return 0;", vec![])
        .await
        .unwrap();
    let other = app.post_path("gardening-a-codebase.md");
    for i in 0..30 {
        replace_in_file(&other, "title: ", &format!("title: Take {i} of "));
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let samples: Vec<f64> = app
        .eventually("30 external-change latencies are recorded", || async {
            let v =
                app.client.execute("return window.postdeskMetrics.externalChangeToUi", vec![]).await.ok()?;
            let list: Vec<f64> = v.as_array()?.iter().filter_map(|x| x.as_f64()).collect();
            (list.len() >= 30).then_some(list)
        })
        .await;
    let mut sorted = samples.clone();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| sorted[((sorted.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "external change to list painted: median {:.1} ms, p95 {:.1} ms over {} writes",
        pct(0.5),
        pct(0.95),
        sorted.len()
    );
    crate::support::bench_figure("external change to list painted, median", pct(0.5), "ms");
    crate::support::bench_figure("external change to list painted, p95", pct(0.95), "ms");
    assert!(sorted.iter().all(|ms| ms.is_finite() && *ms >= 0.0), "latencies are real times: {sorted:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_overlapping_external_write_to_a_dirty_post_keeps_both_versions() {
    let app = launch_without_autosave().await;
    app.open_post(DESK).await;
    wait_editor_contains(&app, FIRST_LINE).await;
    app.type_at_body_start("MINE ").await;
    wait_state(&app, "unsaved").await;
    let path = app.post_path(DESK);
    replace_in_file(&path, FIRST_LINE, "THEIRS: people sometimes ask what I write on.");
    let theirs_on_disk = std::fs::read_to_string(&path).unwrap();

    app.wait_css("[data-testid=conflict-banner]:not([hidden])").await;
    wait_state(&app, "conflict").await;
    // Mine is still in the editor; theirs is still on disk.
    assert!(editor_text(&app).await.contains("MINE People sometimes ask"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs_on_disk);
    // Compare shows both sides.
    app.wait_css("[data-testid=conflict-compare]").await.click().await.unwrap();
    let diff = app.text("[data-testid=conflict-diff]:not([hidden])").await;
    assert!(diff.contains("-THEIRS: people sometimes ask"), "diff lacks theirs: {diff}");
    assert!(diff.contains("+MINE People sometimes ask"), "diff lacks mine: {diff}");
    app.screenshot("conflict-compare").await;

    // Keep mine: my line replaces theirs, and nothing else of theirs is lost.
    app.wait_css("[data-testid=conflict-keep-mine]").await.click().await.unwrap();
    let saved = app
        .eventually("keep mine writes the file", || async {
            let now = std::fs::read_to_string(&path).ok()?;
            now.contains("MINE People sometimes ask").then_some(now)
        })
        .await;
    assert!(!saved.contains("THEIRS:"));
    wait_state(&app, "saved").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_non_overlapping_external_write_merges_into_a_dirty_post() {
    let app = launch_without_autosave().await;
    app.open_post(DESK).await;
    wait_editor_contains(&app, FIRST_LINE).await;
    app.type_at_body_start("MINE ").await;
    wait_state(&app, "unsaved").await;
    let path = app.post_path(DESK);
    replace_in_file(
        &path,
        "The lamp made the bigger difference.",
        "The lamp (theirs) made the bigger difference.",
    );
    // Far below the viewport, where the editor draws no lines: the preview shows the whole text.
    app.preview_containing("The lamp (theirs) made").await;
    assert!(editor_text(&app).await.contains("MINE People sometimes ask"), "my edit survives the merge");
    assert_eq!(app.text("[data-testid=save-state]").await, "unsaved");
    app.wait_css("#info:not([hidden])").await;
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.send_keys(&(Key::Control + "s")).await.unwrap();
    app.eventually("the merged text is saved", || async {
        let now = std::fs::read_to_string(&path).ok()?;
        (now.contains("MINE People") && now.contains("The lamp (theirs)")).then_some(())
    })
    .await;
}

/// A crash, then outside edits, then the restore: the recovered text is merged with the file as
/// it is now (never pasted over it) and autosave writes both; where both sides changed the same
/// line, the conflict banner shows and nothing is written.
#[tokio::test(flavor = "multi_thread")]
async fn a_killed_app_offers_the_unsaved_text_back_merged_with_later_outside_edits() {
    let app = launch_without_autosave().await;
    app.open_post(DESK).await;
    wait_editor_contains(&app, FIRST_LINE).await;
    app.type_at_body_start("Unsaved before the crash. ").await;
    wait_state(&app, "unsaved").await;
    let journal = app.posts.parent().unwrap().join("data");
    app.eventually("the recovery journal is written", || async {
        let entries = std::fs::read_dir(&journal).ok()?;
        let found = entries.flatten().any(|e| {
            std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains("Unsaved before the crash."))
        });
        found.then_some(())
    })
    .await;
    let before = std::fs::read_to_string(app.post_path(DESK)).unwrap();
    let (tmp, posts) = app.kill_app().await;
    assert_eq!(std::fs::read_to_string(posts.join(DESK)).unwrap(), before, "nothing was saved");

    // While the app is down, another program edits a paragraph far from the unsaved one.
    replace_in_file(
        &posts.join(DESK),
        "The lamp made the bigger difference.",
        "The lamp (changed outside) made the bigger difference.",
    );
    // A second post's entry, as a run that died while editing it would leave it, and then an
    // outside edit to the same line.
    let garden = posts.join(GARDEN);
    journal_unsaved_edit(&tmp.path().join("data"), &posts, GARDEN, GARDEN_LINE, GARDEN_MINE);
    replace_in_file(&garden, GARDEN_LINE, GARDEN_THEIRS);
    let garden_outside = std::fs::read_to_string(&garden).unwrap();
    // Autosave on for the second run: it must not write recovered text over either edit.
    set_autosave_in_settings(tmp.path(), true);

    let app = AppSession::launch(tmp, posts).await;
    app.wait_css("[data-testid=recovery-banner]:not([hidden])").await;
    let banner = app.text("[data-testid=recovery-banner]").await;
    assert!(banner.contains(DESK), "the banner names the post: {banner}");
    app.wait_css("[data-testid=recovery-restore]").await.click().await.unwrap();
    wait_editor_contains(&app, "Unsaved before the crash. People sometimes ask").await;
    let path = app.post_path(DESK);
    app.eventually("autosave writes the recovered text merged with the outside edit", || async {
        let now = std::fs::read_to_string(&path).ok()?;
        (now.contains("Unsaved before the crash. People sometimes ask")
            && now.contains("The lamp (changed outside) made"))
        .then_some(())
    })
    .await;
    wait_state(&app, "saved").await;

    // The overlapping one: the conflict banner, with both versions, and nothing written.
    app.eventually("the banner offers the second post", || async {
        app.text_now("[data-testid=recovery-banner]:not([hidden])").await?.contains(GARDEN).then_some(())
    })
    .await;
    app.wait_css("[data-testid=recovery-restore]").await.click().await.unwrap();
    app.wait_css("[data-testid=conflict-banner]:not([hidden])").await;
    wait_state(&app, "conflict").await;
    wait_editor_contains(&app, GARDEN_MINE).await;
    app.wait_css("[data-testid=conflict-compare]").await.click().await.unwrap();
    let diff = app.text("[data-testid=conflict-diff]:not([hidden])").await;
    assert!(diff.contains(&format!("-{GARDEN_THEIRS}")), "diff lacks theirs: {diff}");
    assert!(diff.contains(&format!("+{GARDEN_MINE}")), "diff lacks mine: {diff}");
    // Past the autosave pause: still only the outside version on disk.
    tokio::time::sleep(Duration::from_millis(3000)).await;
    assert_eq!(std::fs::read_to_string(&garden).unwrap(), garden_outside, "the conflict writes nothing");
    assert_eq!(app.text("[data-testid=save-state]").await, "conflict");
}

const GARDEN: &str = "gardening-a-codebase.md";
const GARDEN_LINE: &str = "A garden is a better picture. Nobody finishes a garden.";
const GARDEN_MINE: &str = "A garden is a better picture (recovered). Nobody finishes a garden.";
const GARDEN_THEIRS: &str = "A garden is a better picture (outside). Nobody finishes a garden.";

/// Leaves a journal entry for `rel` (in the folder `posts`) with `from` changed to `to` in its
/// body, written as the app's `journal_write` writes one (the base text from the opened text).
fn journal_unsaved_edit(data: &Path, posts: &Path, rel: &str, from: &str, to: &str) {
    use postdesk::workspace::journal::{self, JournalEntry};
    use postdesk::workspace::store::{self, BaseTexts, SaveRequest};
    let root = std::fs::canonicalize(posts).unwrap().display().to_string();
    let (doc, text) = store::open_with_text(posts, rel).unwrap();
    assert!(doc.body.contains(from), "{rel} lacks {from:?}");
    let bases = BaseTexts::default();
    bases.remember(&doc.base_hash, text.unwrap());
    let buffer = SaveRequest {
        path: rel.into(),
        base_hash: doc.base_hash,
        body: Some(doc.body.replacen(from, to, 1)),
        ..SaveRequest::default()
    };
    let entry = JournalEntry { root, buffer, saved_at_ms: super::harness::wall_clock_ms(), base_text: None };
    journal::record(data, entry, &bases).unwrap();
}

/// Turns autosave on or off in the settings a relaunch in `tmp` reads, keeping the rest.
fn set_autosave_in_settings(tmp: &Path, on: bool) {
    let file = tmp.join("config/settings.json");
    let mut settings: serde_json::Value =
        std::fs::read(&file).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or(json!({}));
    settings["autosave"] = json!(on);
    AppSession::write_settings(tmp, settings);
}

#[tokio::test(flavor = "multi_thread")]
async fn autosave_writes_after_two_quiet_seconds() {
    let app = AppSession::start().await;
    app.open_post(DESK).await;
    wait_editor_contains(&app, FIRST_LINE).await;
    app.type_at_body_start("Autosaved. ").await;
    let path = app.post_path(DESK);
    app.eventually("the edit is on disk without Ctrl+S", || async {
        std::fs::read_to_string(&path).ok()?.contains("Autosaved. People").then_some(())
    })
    .await;
    wait_state(&app, "saved").await;
}
