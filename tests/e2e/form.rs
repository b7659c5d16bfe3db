//! The front-matter form in the real window: chips, toggles, the date picker, removing fields
//! and the raw source editor, each checked against the bytes on disk.

use fantoccini::key::Key;
use fantoccini::Locator;

use super::harness::AppSession;
use crate::support::changed_lines;

/// Saves with Ctrl+S and waits until the file differs from `before`.
async fn save_and_read(app: &AppSession, rel: &str, before: &str) -> String {
    let path = app.post_path(rel);
    app.client.find(Locator::Css("body")).await.unwrap().send_keys(&(Key::Control + "s")).await.unwrap();
    let after = app
        .eventually(&format!("{rel} is saved"), || async {
            let now = std::fs::read_to_string(&path).ok()?;
            (now != before).then_some(now)
        })
        .await;
    app.eventually("the save state reads saved", || async {
        (app.text_now("[data-testid=save-state]").await? == "saved").then_some(())
    })
    .await;
    after
}

async fn is_disabled(app: &AppSession, css: &str) -> Option<bool> {
    let script = "const el = document.querySelector(arguments[0]); return el ? el.disabled : null;";
    app.client.execute(script, vec![serde_json::json!(css)]).await.ok()?.as_bool()
}

#[tokio::test(flavor = "multi_thread")]
async fn editing_a_tag_chip_changes_only_that_line() {
    let app = AppSession::start().await;
    let rel = "a-tidy-writing-desk.md";
    let before = std::fs::read_to_string(app.post_path(rel)).unwrap();
    app.open_post(rel).await;
    let chip = app
        .wait_css("[data-testid=fm-chips][data-key=tags] [data-testid=fm-tag][data-value=habits] .chip-text")
        .await;
    chip.click().await.unwrap();
    let entry = app.wait_css("[data-testid=fm-field][data-key=tags]").await;
    assert_eq!(
        entry.prop("value").await.unwrap().as_deref(),
        Some("habits"),
        "the chip's text is in the entry"
    );
    entry.send_keys(&(Key::Control + "a")).await.unwrap();
    entry.send_keys("routines").await.unwrap();
    entry.send_keys(&Key::Enter.to_string()).await.unwrap();
    app.wait_css("[data-testid=fm-tag][data-value=routines]").await;
    assert_eq!(app.text("[data-testid=save-state]").await, "unsaved");
    app.screenshot("form-tags").await;
    let after = save_and_read(&app, rel, &before).await;
    let changed = changed_lines(&before, &after);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!((changed[0].1.as_str(), changed[0].2.as_str()), ("  - habits", "  - routines"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_tag_added_from_autocomplete_lands_in_the_flow_list_and_variants_are_flagged() {
    let app = AppSession::start().await;
    // Two posts that spell one tag two ways: the form must say so.
    std::fs::write(app.post_path("gpt-one.md"), "---\ntitle: One\ntags: [gpt-4o, ai]\n---\nOne.\n").unwrap();
    std::fs::write(app.post_path("gpt-two.md"), "---\ntitle: Two\ntags: [gpt-4o]\n---\nTwo.\n").unwrap();
    std::fs::write(app.post_path("gpt-three.md"), "---\ntitle: Three\ntags: [GPT-4o, AI]\n---\nThree.\n")
        .unwrap();
    app.wait_css("[data-testid=post-item][data-path=\"gpt-three.md\"]").await;
    // The schema follows the library shortly after a change.
    tokio::time::sleep(std::time::Duration::from_millis(900)).await;
    app.open_post("gpt-three.md").await;
    let warning = app.wait_css("[data-testid=fm-tag-warning][data-tag=\"GPT-4o\"]").await;
    assert!(warning.text().await.unwrap().contains("gpt-4o"), "the warning names the usual form");
    app.wait_css("[data-testid=fm-tag-warning][data-tag=AI]").await;
    app.screenshot("form-tag-warning").await;

    let rel = "yaml-comments-and-flow-lists.md";
    let before = std::fs::read_to_string(app.post_path(rel)).unwrap();
    app.open_post(rel).await;
    let entry = app.wait_css("[data-testid=fm-field][data-key=tags]").await;
    entry.click().await.unwrap();
    entry.send_keys("keyb").await.unwrap();
    app.wait_css("[data-testid=fm-suggestion][data-value=keyboards]").await;
    app.preview_containing("YAML Comments, Flow Lists").await;
    app.screenshot("form-autocomplete").await;
    entry.send_keys(&Key::Down.to_string()).await.unwrap();
    entry.send_keys(&Key::Enter.to_string()).await.unwrap();
    app.wait_css("[data-testid=fm-tag][data-value=keyboards]").await;
    let after = save_and_read(&app, rel, &before).await;
    assert_eq!(
        changed_lines(&before, &after),
        vec![(
            7,
            "tags: [markdown, yaml, editors]".into(),
            "tags: [markdown, yaml, editors, keyboards]".into()
        )]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn toggling_draft_changes_only_the_draft_line() {
    let app = AppSession::start().await;
    let rel = "draft-keyboard-layouts.md";
    let before = std::fs::read_to_string(app.post_path(rel)).unwrap();
    app.open_post(rel).await;
    let draft = app.wait_css("[data-testid=fm-field][data-key=draft]").await;
    assert_eq!(draft.prop("checked").await.unwrap().as_deref(), Some("true"));
    // Space on the focused switch, as a keyboard user would.
    draft.send_keys(" ").await.unwrap();
    app.eventually("the switch is off", || async {
        (app.wait_css("[data-testid=fm-field][data-key=draft]").await.prop("checked").await.ok()?? == "false")
            .then_some(())
    })
    .await;
    let after = save_and_read(&app, rel, &before).await;
    let changed = changed_lines(&before, &after);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!((changed[0].1.as_str(), changed[0].2.as_str()), ("draft: true", "draft: false"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_date_picker_writes_the_literal_style_and_keeps_the_offset() {
    let app = AppSession::start().await;
    // A native picker's popup is outside the page; the test sets its value as the popup would.
    let pick = "const p = document.querySelector(arguments[0]); p.value = arguments[1]; \
                p.dispatchEvent(new Event('change', { bubbles: true })); return p.type;";
    let rel = "a-tidy-writing-desk.md";
    let before = std::fs::read_to_string(app.post_path(rel)).unwrap();
    app.open_post(rel).await;
    app.wait_css("[data-testid=fm-date-picker][data-for=pubDate]").await;
    let kind = app
        .client
        .execute(
            pick,
            vec![
                serde_json::json!("[data-testid=fm-date-picker][data-for=pubDate]"),
                serde_json::json!("2025-09-02"),
            ],
        )
        .await
        .unwrap();
    assert_eq!(kind.as_str(), Some("date"), "WebKit offers a date input");
    let field = app.wait_css("[data-testid=fm-field][data-key=pubDate]").await;
    assert_eq!(field.prop("value").await.unwrap().as_deref(), Some("2025-09-02"));
    let after = save_and_read(&app, rel, &before).await;
    assert_eq!(
        changed_lines(&before, &after),
        vec![(4, "pubDate: 2025-08-21".into(), "pubDate: 2025-09-02".into())]
    );

    // A TOML datetime with an offset keeps the offset and the seconds: no time-zone drift.
    let rel = "hugo-style-toml-notes.md";
    let before = std::fs::read_to_string(app.post_path(rel)).unwrap();
    app.open_post(rel).await;
    let css = "[data-testid=fm-date-picker][data-for=date]";
    app.wait_css(css).await;
    let kind = app
        .client
        .execute(pick, vec![serde_json::json!(css), serde_json::json!("2025-09-15T10:45")])
        .await
        .unwrap();
    assert_eq!(kind.as_str(), Some("datetime-local"));
    let after = save_and_read(&app, rel, &before).await;
    assert_eq!(
        changed_lines(&before, &after),
        vec![(3, "date = 2025-09-14T09:30:00+02:00".into(), "date = 2025-09-15T10:45:00+02:00".into())]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn removing_fields_deletes_their_lines_and_nothing_else() {
    let app = AppSession::start().await;
    let rel = "choosing-a-typeface-for-long-reads.md";
    let before = std::fs::read_to_string(app.post_path(rel)).unwrap();
    app.open_post(rel).await;
    app.wait_css("[data-testid=fm-thumbnail]").await;
    app.screenshot("form-image-group").await;
    app.wait_css("[data-testid=fm-remove][data-key=category]").await.click().await.unwrap();
    app.wait_css("[data-testid=fm-remove][data-key=image]").await.click().await.unwrap();
    let removed = app.text("[data-testid=fm-removed]").await;
    assert!(removed.contains("category") && removed.contains("image"), "{removed}");
    assert!(
        app.all_css("[data-testid=fm-field][data-key=category]").await.is_empty(),
        "the field is gone from the form"
    );
    app.screenshot("form-removed").await;
    let after = save_and_read(&app, rel, &before).await;
    let expected: String = before
        .split_inclusive('\n')
        .filter(|l| {
            !(l.starts_with("category:")
                || l.starts_with("image:")
                || l.starts_with("  url:")
                || l.starts_with("  alt:"))
        })
        .collect();
    assert_eq!(before.split_inclusive('\n').count() - expected.split_inclusive('\n').count(), 4);
    assert_eq!(after, expected);
    assert!(
        app.all_css("[data-testid=fm-removed]:not([hidden])").await.is_empty(),
        "the note clears on save"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_mode_shows_errors_with_line_and_column_and_locks_the_form_until_fixed() {
    let app = AppSession::start().await;
    let rel = "gardening-a-codebase.md";
    let before = std::fs::read_to_string(app.post_path(rel)).unwrap();
    app.open_post(rel).await;
    let title_css = "[data-testid=fm-field][data-key=title]";
    app.wait_css(title_css).await.click().await.unwrap();
    // One keystroke away.
    app.client
        .find(Locator::Css(title_css))
        .await
        .unwrap()
        .send_keys(&(Key::Control + &Key::Shift + "m"))
        .await
        .unwrap();
    app.eventually("the raw editor has focus", || async {
        let v = app.client.execute("return document.activeElement.dataset.testid", vec![]).await.ok()?;
        (v.as_str()? == "fm-raw").then_some(())
    })
    .await;
    let raw = app.wait_css("[data-testid=fm-raw]").await;
    raw.send_keys(&(Key::Control + &Key::End.to_string())).await.unwrap();
    raw.send_keys("series: [maintenance, habits").await.unwrap();
    let problem = app
        .eventually("the error shows with its line and column", || async {
            let text = app.text_now("[data-testid=fm-raw-problem]").await?;
            text.starts_with("Line ").then_some(text)
        })
        .await;
    assert!(problem.contains("column"), "{problem}");
    app.eventually("the form is read-only", || async { is_disabled(&app, title_css).await?.then_some(()) })
        .await;
    app.screenshot("form-raw-error").await;

    // A save now is refused, and the file is untouched.
    raw.send_keys(&(Key::Control + "s")).await.unwrap();
    app.eventually("the save is refused", || async {
        (app.text_now("[data-testid=save-state]").await? == "error").then_some(())
    })
    .await;
    assert!(app.text("#notice").await.contains("line "), "the refusal says where");
    assert_eq!(std::fs::read_to_string(app.post_path(rel)).unwrap(), before);

    // Fixing the text brings the form back, with the new value in it.
    raw.send_keys("]\n").await.unwrap();
    app.eventually("the form is editable again", || async {
        (!is_disabled(&app, title_css).await?).then_some(())
    })
    .await;
    assert!(app.all_css("[data-testid=fm-raw-problem]").await.is_empty());
    app.wait_css("[data-testid=fm-chips][data-key=series] [data-testid=fm-tag][data-value=habits]").await;
    app.screenshot("form-raw-fixed").await;
    let after = save_and_read(&app, rel, &before).await;
    let end = before.match_indices("---\n").nth(1).unwrap().0;
    let expected = format!("{}series: [maintenance, habits]\n{}", &before[..end], &before[end..]);
    assert_eq!(after, expected);
}
