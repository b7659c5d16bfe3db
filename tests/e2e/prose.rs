//! Prose checks in the real window: a misspelt word typed into the editor is underlined, a
//! suggestion fixes it as an ordinary undoable edit, **Add to dictionary** writes the word
//! into the site's `postdesk.toml` and the mark goes; the seed post's stock phrases are in the
//! problems panel; and the preview's keystroke latency is measured with the prose lint on and
//! off (printed, for the benchmark table).

use fantoccini::key::Key;
use serde_json::Value;

use super::harness::{click, js, AppSession};

async fn marks(app: &AppSession) -> Vec<(String, String)> {
    let v = js(
        app,
        "return [...document.querySelectorAll('[data-testid=prose-mark]')].map(m => [m.dataset.rule, m.textContent])",
    )
    .await;
    v.as_array()
        .map(|all| {
            all.iter()
                .map(|m| (m[0].as_str().unwrap_or("").to_string(), m[1].as_str().unwrap_or("").to_string()))
                .collect()
        })
        .unwrap_or_default()
}

async fn editor_text(app: &AppSession) -> String {
    let v = js(app, "return document.querySelector('[data-testid=body-editor] .cm-content').innerText").await;
    v.as_str().unwrap_or_default().to_string()
}

/// Clicks the mark on `word` (by script: the mark is an inline span inside the editor line).
async fn click_mark(app: &AppSession, word: &str) {
    let script = format!(
        "const m = [...document.querySelectorAll('[data-testid=prose-mark]')].find(m => m.textContent === {word:?}); \
         if (!m) return false; \
         const r = m.getBoundingClientRect(); \
         for (const type of ['mousedown', 'mouseup', 'click']) \
           m.dispatchEvent(new MouseEvent(type, {{bubbles: true, clientX: r.left + 2, clientY: r.top + r.height / 2}})); \
         return true;"
    );
    app.eventually(&format!("the mark on {word} can be clicked"), || async {
        (js(app, &script).await == Value::Bool(true)).then_some(())
    })
    .await;
    app.wait_css("[data-testid=prose-popup]").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_misspelt_word_is_underlined_fixed_and_added_to_the_site_dictionary() {
    let app = AppSession::start().await;
    let post = "a-tidy-writing-desk.md";
    app.open_post(post).await;

    // A typo is underlined as spelling, with the popup offering harper's suggestions.
    app.type_at_body_start("Teh desk is tidy. ").await;
    app.eventually("the typo is underlined", || async {
        marks(&app).await.iter().any(|(rule, text)| rule == "spelling" && text == "Teh").then_some(())
    })
    .await;
    click_mark(&app, "Teh").await;
    let suggestions = js(&app, "return [...document.querySelectorAll('[data-testid=prose-suggestion]')].map(b => b.textContent.trim())").await;
    assert!(suggestions.as_array().unwrap().iter().any(|s| s == "The"), "{suggestions}");
    let choose = "const b = [...document.querySelectorAll('[data-testid=prose-suggestion]')].find(b => b.textContent.trim() === 'The'); b.click(); return true;";
    js(&app, choose).await;
    app.eventually("the suggestion replaced the word", || async {
        let text = editor_text(&app).await;
        (text.contains("The desk is tidy.") && !text.contains("Teh desk")).then_some(())
    })
    .await;
    app.eventually("the mark goes with the typo", || async {
        marks(&app).await.iter().all(|(_, text)| text != "Teh").then_some(())
    })
    .await;
    // An ordinary edit: Ctrl+Z brings the typo back.
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.send_keys(&(Key::Control + "z")).await.unwrap();
    app.eventually("undo restores the typo", || async {
        editor_text(&app).await.contains("Teh desk").then_some(())
    })
    .await;
    content.send_keys(&(Key::Control + "y")).await.unwrap();

    // Add to dictionary: the word goes into postdesk.toml and is no longer marked.
    app.type_at_body_start("Postdeskk keeps it so. ").await;
    app.eventually("the unknown name is underlined", || async {
        marks(&app).await.iter().any(|(rule, text)| rule == "spelling" && text == "Postdeskk").then_some(())
    })
    .await;
    app.screenshot("prose").await;
    click_mark(&app, "Postdeskk").await;
    click(&app, "[data-testid=prose-add-word]").await;
    let config = app.post_path("postdesk.toml");
    app.eventually("the word is in the site's dictionary", || async {
        std::fs::read_to_string(&config).ok()?.contains("\"Postdeskk\"").then_some(())
    })
    .await;
    app.eventually("the mark goes", || async {
        marks(&app).await.iter().all(|(_, text)| text != "Postdeskk").then_some(())
    })
    .await;

    // The seed post: its stock phrases and its conclusion are in the problems panel.
    app.open_post("predictive-ai-in-healthcare.md").await;
    app.eventually("the seed's machine-prose problems are listed", || async {
        let rules = js(
            &app,
            "return [...document.querySelectorAll('[data-testid=problem]')].map(p => p.dataset.rule)",
        )
        .await;
        let rules: Vec<String> =
            rules.as_array()?.iter().filter_map(|r| r.as_str().map(str::to_string)).collect();
        (rules.iter().filter(|r| *r == "stock-phrase").count() == 3
            && rules.iter().any(|r| r == "in-conclusion"))
        .then_some(())
    })
    .await;

    // Keystroke to preview, with the prose lint on (the default) and off.
    app.open_post(post).await;
    super::window::typing_latency(&app, "prose lint on", 40).await;
    let requests = js(&app, "return window.postdeskProse.requests").await;
    assert!(requests.as_f64().unwrap_or(0.0) > 0.0, "the lint ran while typing: {requests}");
    set_prose_lint(&app, false).await;
    let before = js(&app, "return window.postdeskProse.requests").await;
    super::window::typing_latency(&app, "prose lint off", 40).await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(js(&app, "return window.postdeskProse.requests").await, before, "off means no requests");
    assert!(marks(&app).await.is_empty(), "and no marks");
}

/// Switches "Check spelling and grammar as you type" in the settings dialog.
async fn set_prose_lint(app: &AppSession, on: bool) {
    click(app, "#open-settings").await;
    let toggle = app.wait_css("[data-testid=prose-lint-toggle]").await;
    let checked = js(app, "return document.querySelector('[data-testid=prose-lint-toggle]').checked").await;
    if checked != Value::Bool(on) {
        toggle.click().await.unwrap();
    }
    app.client.active_element().await.unwrap().send_keys(&Key::Escape.to_string()).await.unwrap();
}
