//! What a writer does in the window: see the list, open a post, type, save, and see outside
//! changes arrive.

use fantoccini::key::Key;
use fantoccini::Locator;

use super::harness::AppSession;
use crate::support::{byte_diff, changed_lines, sample_post_count};

const TOUR: &str = "markdown-feature-tour.md";

#[tokio::test(flavor = "multi_thread")]
async fn the_list_shows_every_sample_post() {
    let app = AppSession::start().await;
    let expected = sample_post_count();
    let items = app
        .eventually("every post is listed", || async {
            let items = app.all_css("[data-testid=post-list] [data-testid=post-item]").await;
            (items.len() == expected).then_some(items)
        })
        .await;
    let mut paths = Vec::new();
    for item in &items {
        paths.push(item.attr("data-path").await.unwrap().unwrap());
    }
    assert!(paths.contains(&"predictive-ai-in-healthcare.md".to_string()));
    assert!(paths.contains(&"hugo-style-toml-notes.md".to_string()));
    let draft = app.wait_css("[data-testid=post-item][data-path=\"draft-keyboard-layouts.md\"]").await;
    assert!(draft.find(Locator::Css("[data-testid=draft-marker]")).await.is_ok(), "the draft has no marker");
    app.screenshot("list").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn opening_a_post_shows_its_fields_and_rendered_body() {
    let app = AppSession::start().await;
    app.open_post(TOUR).await;
    let title = app.wait_css("[data-testid=fm-field][data-key=title]").await;
    assert_eq!(
        title.prop("value").await.unwrap().as_deref(),
        Some("A Tour of the Markdown Features This Blog Uses")
    );
    for key in ["description", "pubDate", "tags"] {
        app.wait_css(&format!("[data-testid=fm-field][data-key={key}]")).await;
    }
    // Only the Markdown can produce these: a table cell, a footnote, a task-list checkbox.
    let cell = app
        .eventually("the table renders", || async {
            let cells = app.all_css("[data-testid=preview] td").await;
            for cell in cells {
                if cell.text().await.ok()? == "Latency budget" {
                    return Some(cell);
                }
            }
            None
        })
        .await;
    assert_eq!(cell.text().await.unwrap(), "Latency budget");
    app.wait_css("[data-testid=preview] .footnote-definition").await;
    app.wait_css("[data-testid=preview] input[type=checkbox]").await;
    app.wait_css("[data-testid=body-editor] .cm-content").await;
    app.screenshot("open-post").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn typing_in_the_body_updates_the_preview() {
    let app = AppSession::start().await;
    app.open_post(TOUR).await;
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.click().await.unwrap();
    content.send_keys(&(Key::Control + &Key::End.to_string())).await.unwrap();
    content.send_keys(Key::Enter.to_string().as_str()).await.unwrap();
    content.send_keys(Key::Enter.to_string().as_str()).await.unwrap();
    content.send_keys("Zebra crossings are *underrated*").await.unwrap();
    app.eventually("the preview shows the typed text", || async {
        let html =
            app.client.find(Locator::Css("[data-testid=preview]")).await.ok()?.html(true).await.ok()?;
        html.contains("Zebra crossings are <em>underrated</em>").then_some(())
    })
    .await;
    assert_eq!(app.text("[data-testid=save-state]").await, "unsaved");
    let samples =
        app.client.execute("return window.postdeskMetrics.inputToPreview.length", vec![]).await.unwrap();
    assert!(samples.as_u64().unwrap() > 0, "no input-to-preview latency was recorded");
}

#[tokio::test(flavor = "multi_thread")]
async fn editing_the_title_and_saving_changes_only_the_title_line() {
    let app = AppSession::start().await;
    let path = app.post_path("yaml-comments-and-flow-lists.md");
    let before = std::fs::read_to_string(&path).unwrap();
    app.open_post("yaml-comments-and-flow-lists.md").await;
    let title = app.wait_css("[data-testid=fm-field][data-key=title]").await;
    title.clear().await.unwrap();
    title.send_keys("YAML Comments Survive Every Save").await.unwrap();
    assert_eq!(app.text("[data-testid=save-state]").await, "unsaved");
    title.send_keys(&(Key::Control + "s")).await.unwrap();
    let after = app
        .eventually("the file is saved", || async {
            let now = std::fs::read_to_string(&path).ok()?;
            (now != before).then_some(now)
        })
        .await;
    assert_eq!(
        changed_lines(&before, &after),
        vec![(
            3,
            "title: \"YAML Comments, Flow Lists, and Other Small Mercies\"".to_string(),
            "title: \"YAML Comments Survive Every Save\"".to_string()
        )]
    );
    app.eventually("the save state reads saved", || async {
        (app.text_now("[data-testid=save-state]").await? == "saved").then_some(())
    })
    .await;
    // The list follows the saved title.
    app.eventually("the list shows the new title", || async {
        let title = app.text_now("[data-path=\"yaml-comments-and-flow-lists.md\"] .post-title").await?;
        (title == "YAML Comments Survive Every Save").then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn saving_after_typing_one_word_changes_exactly_that_word() {
    let app = AppSession::start().await;
    let rel = "windows-line-endings.md";
    let path = app.post_path(rel);
    let before = std::fs::read(&path).unwrap();
    app.open_post(rel).await;
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.click().await.unwrap();
    content.send_keys(&(Key::Control + &Key::Home.to_string())).await.unwrap();
    content.send_keys("Honestly ").await.unwrap();
    content.send_keys(&(Key::Control + "s")).await.unwrap();
    let after = app
        .eventually("the file is saved", || async {
            let now = std::fs::read(&path).ok()?;
            (now != before).then_some(now)
        })
        .await;
    assert_eq!(byte_diff(&before, &after), (&b""[..], &b"Honestly "[..]));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_post_created_outside_the_app_appears_in_the_list() {
    let app = AppSession::start().await;
    let file = app.post_path("written-elsewhere.md");
    std::fs::write(&file, "---\ntitle: Written Elsewhere\npubDate: 2026-03-01\n---\n\nHello.\n").unwrap();
    app.eventually("the new post is listed with its title", || async {
        let title =
            app.text_now("[data-testid=post-item][data-path=\"written-elsewhere.md\"] .post-title").await?;
        (title == "Written Elsewhere").then_some(())
    })
    .await;
    std::fs::remove_file(&file).unwrap();
    app.eventually("the removed post leaves the list", || async {
        let items = app.all_css("[data-path=\"written-elsewhere.md\"]").await;
        items.is_empty().then_some(())
    })
    .await;
}
