//! The writing desk in the real window: formatting keys and list continuation reach the file,
//! quick open and the command palette, hiding a pane, the dark theme, and settings, layout and
//! the last open post surviving a restart.

use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::json;

use super::harness::{js, AppSession, Launch};
use crate::support::posts_copy;

const DESK: &str = "a-tidy-writing-desk.md";
const SEED: &str = "predictive-ai-in-healthcare.md";

async fn editor(app: &AppSession) -> fantoccini::elements::Element {
    // The first line, not the content element: on a long post its centre (where WebDriver
    // clicks) is below the fold.
    app.wait_css("[data-testid=body-editor] .cm-line").await.click().await.unwrap();
    app.wait_css("[data-testid=body-editor] .cm-content").await
}

/// Saves with Ctrl+S and waits until the file on disk differs from `before`.
async fn save_and_read(app: &AppSession, rel: &str, before: &str) -> String {
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.send_keys(&(Key::Control + "s")).await.unwrap();
    let path = app.post_path(rel);
    app.eventually("the file is saved", || async {
        let now = std::fs::read_to_string(&path).ok()?;
        (now != before).then_some(now)
    })
    .await
}

/// Sends keys to whatever has the focus (the palette's input, a pane handle...).
async fn keys(app: &AppSession, text: &str) {
    let active = app.client.active_element().await.unwrap();
    active.send_keys(text).await.unwrap();
}

async fn wait_open(app: &AppSession, rel: &str) {
    app.eventually(&format!("{rel} is open"), || async {
        (app.text_now("#post-path").await? == rel).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_b_on_a_selection_saves_it_bold_and_ctrl_k_makes_a_link() {
    let app = AppSession::start().await;
    app.open_post(DESK).await;
    let before = std::fs::read_to_string(app.post_path(DESK)).unwrap();
    assert!(before.contains("\nPeople sometimes ask what I write on"));
    let content = editor(&app).await;
    content.send_keys(&(Key::Control + &Key::Home.to_string())).await.unwrap();
    content.send_keys(&Key::Down.to_string()).await.unwrap();
    content.send_keys(&Key::Home.to_string()).await.unwrap();
    // Select "People" and make it bold.
    content.send_keys(&(Key::Control + &Key::Shift.to_string() + &Key::Right.to_string())).await.unwrap();
    content.send_keys(&(Key::Control + "b")).await.unwrap();
    let after = save_and_read(&app, DESK, &before).await;
    assert_eq!(after, before.replacen("\nPeople sometimes", "\n**People** sometimes", 1));
    // The selection stayed on the word: Ctrl+B again takes the bold off, Ctrl+K links it.
    content.send_keys(&(Key::Control + "b")).await.unwrap();
    content.send_keys(&(Key::Control + "k")).await.unwrap();
    content.send_keys("https://example.com").await.unwrap();
    let linked = save_and_read(&app, DESK, &after).await;
    assert_eq!(linked, before.replacen("\nPeople sometimes", "\n[People](https://example.com) sometimes", 1));
}

#[tokio::test(flavor = "multi_thread")]
async fn enter_continues_lists_and_ends_them_on_an_empty_item() {
    let app = AppSession::start().await;
    app.open_post(DESK).await;
    let before = std::fs::read_to_string(app.post_path(DESK)).unwrap();
    assert!(before.ends_with('\n'));
    let content = editor(&app).await;
    content.send_keys(&(Key::Control + &Key::End.to_string())).await.unwrap();
    let enter = Key::Enter.to_string();
    for step in ["1. pen", "paper", "lamp", "", "- [ ] dust", "", "Done."] {
        if !step.is_empty() {
            content.send_keys(step).await.unwrap();
        }
        if step != "Done." {
            content.send_keys(&enter).await.unwrap();
        }
    }
    let after = save_and_read(&app, DESK, &before).await;
    let added = after.strip_prefix(before.as_str()).expect("only text at the end was added");
    assert_eq!(added, "1. pen\n2. paper\n3. lamp\n\n- [ ] dust\n\nDone.");
}

#[tokio::test(flavor = "multi_thread")]
async fn quick_open_finds_a_post_by_part_of_its_title() {
    let app = AppSession::start().await;
    app.open_post(DESK).await;
    editor(&app).await.send_keys(&(Key::Control + "p")).await.unwrap();
    app.wait_css("[data-testid=palette][open] [data-testid=palette-input]").await;
    keys(&app, "gardening patch").await;
    app.eventually("the garden post is the first match", || async {
        let first = app.client.find(Locator::Css("[data-testid=palette-item]")).await.ok()?;
        (first.attr("data-id").await.ok()?? == "gardening-a-codebase.md").then_some(())
    })
    .await;
    app.screenshot("desk-quick-open").await;
    keys(&app, &Key::Enter.to_string()).await;
    wait_open(&app, "gardening-a-codebase.md").await;
    assert_eq!(js(&app, "return document.querySelector('[data-testid=palette]').open").await, json!(false));

    // Ctrl+Tab goes back to the post before, Ctrl+Tab again returns.
    let content = editor(&app).await;
    content.send_keys(&(Key::Control + &Key::Tab.to_string())).await.unwrap();
    wait_open(&app, DESK).await;
    let content = editor(&app).await;
    content.send_keys(&(Key::Control + &Key::Tab.to_string())).await.unwrap();
    wait_open(&app, "gardening-a-codebase.md").await;
    // Ctrl+W closes it.
    let content = editor(&app).await;
    content.send_keys(&(Key::Control + "w")).await.unwrap();
    app.eventually("the post is closed", || async {
        (js(&app, "return document.querySelector('#post').hidden").await == json!(true)).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_palette_lists_every_action_and_hides_the_preview() {
    let app = AppSession::start().await;
    app.open_post(DESK).await;
    editor(&app).await.send_keys(&(Key::Control + &Key::Shift.to_string() + "p")).await.unwrap();
    app.wait_css("[data-testid=palette][open] [data-testid=palette-input]").await;
    let ids = js(
        &app,
        "return [...document.querySelectorAll('[data-testid=palette-item]')].map(e => e.dataset.id)",
    )
    .await;
    let ids: Vec<&str> = ids.as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    for id in [
        "open-folder",
        "save",
        "close-post",
        "settings",
        "find",
        "replace",
        "bold",
        "toggle-library",
        "toggle-editor",
        "toggle-preview",
        "toggle-theme",
        "toggle-autosave",
        "quick-open",
        "next-recent",
        "show-performance",
    ] {
        assert!(ids.contains(&id), "the palette lists {id}: {ids:?}");
    }
    app.screenshot("desk-command-palette").await;
    keys(&app, "hide preview").await;
    app.eventually("the preview toggle is the first match", || async {
        let first = app.client.find(Locator::Css("[data-testid=palette-item]")).await.ok()?;
        (first.attr("data-id").await.ok()?? == "toggle-preview").then_some(())
    })
    .await;
    keys(&app, &Key::Enter.to_string()).await;
    app.eventually("the preview pane is hidden", || async {
        (js(&app, "return document.getElementById('pane-preview').hidden").await == json!(true)).then_some(())
    })
    .await;
    let editor_width =
        js(&app, "return document.getElementById('pane-editor').getBoundingClientRect().width").await;
    let window_width = js(&app, "return window.innerWidth").await;
    assert!(
        editor_width.as_f64().unwrap() > window_width.as_f64().unwrap() * 0.6,
        "the editor takes the preview's room: {editor_width} of {window_width}"
    );
    app.screenshot("desk-preview-hidden").await;
    // The status bar's toggle brings it back.
    app.wait_css(".pane-toggle[data-pane=preview]").await.click().await.unwrap();
    app.eventually("the preview pane is back", || async {
        (js(&app, "return document.getElementById('pane-preview').hidden").await == json!(false))
            .then_some(())
    })
    .await;
    // Show performance: the figures appear in the same box.
    editor(&app).await.send_keys(&(Key::Control + &Key::Shift.to_string() + "p")).await.unwrap();
    app.wait_css("[data-testid=palette][open] [data-testid=palette-input]").await;
    keys(&app, "performance").await;
    keys(&app, &Key::Enter.to_string()).await;
    let report = app.text(".palette-perf").await;
    assert!(report.contains("inputToPreview"), "{report}");
}

#[tokio::test(flavor = "multi_thread")]
async fn theme_font_size_layout_and_the_open_post_survive_a_restart() {
    let (tmp, posts) = posts_copy();
    let app = AppSession::launch(tmp, posts).await;
    app.open_post(SEED).await;
    app.preview_containing("<h").await;
    app.screenshot("desk-seed-light").await;
    assert_eq!(js(&app, "return document.documentElement.dataset.theme").await, json!("light"));

    app.wait_css("#open-settings").await.click().await.unwrap();
    app.wait_css("[data-testid=settings-dialog][open]").await;
    app.wait_css("[data-testid=settings-theme] option[value=dark]").await.click().await.unwrap();
    app.eventually("the dark theme is applied", || async {
        (js(&app, "return document.documentElement.dataset.theme").await == json!("dark")).then_some(())
    })
    .await;
    let background = js(&app, "return getComputedStyle(document.body).backgroundColor").await;
    assert_eq!(background, json!("rgb(29, 30, 33)"), "the page is dark");
    let size = app.wait_css("[data-testid=settings-font-size]").await;
    size.clear().await.unwrap();
    size.send_keys(&format!("19{}", Key::Tab)).await.unwrap();
    app.eventually("the editor's font grows", || async {
        let px = js(&app, "return getComputedStyle(document.querySelector('.cm-editor')).fontSize").await;
        (px == json!("19px")).then_some(())
    })
    .await;
    app.screenshot("desk-settings-dark").await;
    keys(&app, &Key::Escape.to_string()).await;
    // Hide the library from the keyboard, and give the preview 48 px more with its handle.
    editor(&app).await.send_keys(&(Key::Control + &Key::Alt.to_string() + "1")).await.unwrap();
    app.eventually("the library is hidden", || async {
        (js(&app, "return document.getElementById('pane-library').hidden").await == json!(true)).then_some(())
    })
    .await;
    let handle = app.wait_css(".splitter[data-resizes=preview]").await;
    let width_before = handle.attr("aria-valuenow").await.unwrap().unwrap();
    handle.send_keys(&Key::Left.to_string().repeat(3)).await.unwrap();
    let width_before: u32 = width_before.parse().unwrap();
    app.eventually("the preview is wider", || async {
        let now: u32 = handle.attr("aria-valuenow").await.ok()??.parse().ok()?;
        (now == width_before + 48).then_some(())
    })
    .await;
    app.screenshot("desk-seed-dark").await;
    // The settings file is written as each change happens.
    let settings_file = app.posts.parent().unwrap().join("config/settings.json");
    app.eventually("the layout is saved", || async {
        let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&settings_file).ok()?).ok()?;
        (saved["layout"]["previewWidth"] == json!(width_before + 48)).then_some(saved)
    })
    .await;

    let (tmp, posts) = app.kill_app().await;
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("config/settings.json")).unwrap()).unwrap();
    assert_eq!(saved["theme"], json!("dark"));
    assert_eq!(saved["fontSize"], json!(19));
    assert_eq!(saved["layout"]["showLibrary"], json!(false));
    let app = AppSession::launch(tmp, posts).await;
    wait_open(&app, SEED).await;
    assert_eq!(js(&app, "return document.documentElement.dataset.theme").await, json!("dark"));
    assert_eq!(
        js(&app, "return getComputedStyle(document.querySelector('.cm-editor')).fontSize").await,
        json!("19px")
    );
    assert_eq!(js(&app, "return document.getElementById('pane-library').hidden").await, json!(true));
    let width = app.wait_css(".splitter[data-resizes=preview]").await.attr("aria-valuenow").await.unwrap();
    assert_eq!(width, Some((width_before + 48).to_string()));
    app.wait_css("#open-settings").await.click().await.unwrap();
    app.wait_css("[data-testid=settings-dialog][open]").await;
    assert_eq!(
        js(&app, "return document.querySelector('[data-testid=settings-theme]').value").await,
        json!("dark"),
        "the dialog shows the saved choice"
    );
}

/// `postdesk FILE` (the terminal, or a file manager through the desktop entry's `%f`) opens
/// the folder of the site the post belongs to, with that post shown.
#[tokio::test(flavor = "multi_thread")]
async fn a_post_named_on_the_command_line_opens_in_its_site_folder() {
    let (tmp, posts) = posts_copy();
    // A site whose posts live two folders down, under its postdesk.toml.
    std::fs::create_dir_all(posts.join("content/notes")).unwrap();
    std::fs::write(posts.join("postdesk.toml"), "").unwrap();
    std::fs::copy(posts.join(DESK), posts.join("content/notes/field-notes.md")).unwrap();
    let launch = Launch { post: Some("content/notes/field-notes.md".into()), ..Launch::default() };
    let app = AppSession::launch_with(tmp, posts, launch).await;
    wait_open(&app, "content/notes/field-notes.md").await;
    let count = (crate::support::sample_post_count() + 1).to_string();
    app.eventually("the whole site is counted", || async {
        let text = app.text_now("#library-count").await?;
        text.split_whitespace().any(|word| word == count).then_some(())
    })
    .await;
}
