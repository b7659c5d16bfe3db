//! A multilingual site in the real window (the `hugo-i18n` fixture: English, French, Arabic,
//! Chinese and Japanese, a content folder each): the library badges and filters by language,
//! the post's translations bar switches between translations and back with both edits kept, an
//! Arabic post reads right to left in the editor and the preview, and a missing translation is
//! started in its language's folder with the front matter kept.

use std::path::PathBuf;
use std::process::Command;

use super::harness::{js, AppSession};

fn i18n_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("hugo-i18n");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sites/hugo-i18n");
    assert!(Command::new("cp").arg("-r").arg(fixture).arg(&site).status().unwrap().success());
    (tmp, site)
}

async fn listed(app: &AppSession) -> Vec<String> {
    let v =
        js(app, "return [...document.querySelectorAll('[data-testid=post-item]')].map(e => e.dataset.path)")
            .await;
    v.as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect()
}

async fn editor_text(app: &AppSession) -> String {
    let v = js(app, "return document.querySelector('[data-testid=body-editor] .cm-content').innerText").await;
    v.as_str().unwrap_or_default().to_string()
}

async fn click(app: &AppSession, css: &str) {
    app.wait_css(css).await.click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_multilingual_site_pairs_translations_and_reads_right_to_left() {
    let (tmp, site) = i18n_site();
    let app = AppSession::launch(tmp, site.clone()).await;

    // The library: every post, a language badge on each, and a filter by language.
    app.eventually("all eight posts are listed", || async { (listed(&app).await.len() == 8).then_some(()) })
        .await;
    let badges = js(
        &app,
        "return [...document.querySelectorAll('[data-testid=lang-badge]')].map(b => b.textContent.trim())",
    )
    .await;
    assert_eq!(badges.as_array().unwrap().len(), 8, "{badges}");
    let filter = app.wait_css("[data-testid=language-filter]").await;
    filter.select_by_value("fr").await.unwrap();
    app.eventually("only the French posts are listed", || async {
        let paths = listed(&app).await;
        (paths.len() == 2 && paths.iter().all(|p| p.starts_with("content/fr/"))).then_some(())
    })
    .await;
    filter.select_by_value("").await.unwrap();
    app.eventually("all posts again", || async { (listed(&app).await.len() == 8).then_some(()) }).await;

    // The translations bar: the English post links to its four translations.
    app.open_post("content/en/posts/hello.md").await;
    app.eventually("the translations bar lists fr, ar, zh and ja", || async {
        let langs = js(&app, "return [...document.querySelectorAll('[data-testid=translation-link]')].map(a => a.dataset.lang)").await;
        let langs: Vec<String> = langs.as_array()?.iter().filter_map(|l| l.as_str().map(str::to_string)).collect();
        (langs == ["fr", "ar", "zh", "ja"]).then_some(())
    })
    .await;
    app.screenshot("translations").await;

    // Switching to a translation and back keeps both edits.
    app.type_at_body_start("English edit. ").await;
    click(&app, "[data-testid=translation-link][data-lang=fr]").await;
    app.eventually("the French post is open", || async {
        (app.text_now("#post-path").await? == "content/fr/posts/hello.md").then_some(())
    })
    .await;
    app.type_at_body_start("Édition française. ").await;
    click(&app, "[data-testid=translation-link][data-lang=en]").await;
    app.eventually("back in English, with the English edit", || async {
        let path = app.text_now("#post-path").await?;
        (path == "content/en/posts/hello.md" && editor_text(&app).await.contains("English edit."))
            .then_some(())
    })
    .await;
    click(&app, "[data-testid=translation-link][data-lang=fr]").await;
    app.eventually("the French edit is still there", || async {
        editor_text(&app).await.contains("Édition française.").then_some(())
    })
    .await;

    // An Arabic post reads right to left, in the preview and the editor.
    app.open_post("content/ar/posts/hello.md").await;
    app.preview_containing("هذه هي الترجمة العربية").await;
    app.eventually("the preview and the editor are right to left", || async {
        let dirs = js(
            &app,
            "const f = document.querySelector('[data-testid=preview]'); \
             const body = f.contentDocument.querySelector('[data-testid=preview-body]'); \
             const editor = document.querySelector('[data-testid=body-editor] .cm-content'); \
             return [body.getAttribute('dir'), editor.getAttribute('dir')];",
        )
        .await;
        (dirs == serde_json::json!(["rtl", "rtl"])).then_some(())
    })
    .await;
    app.screenshot("right-to-left").await;

    // A post with no French translation starts one in the French folder.
    app.open_post("content/en/posts/only-english.md").await;
    click(&app, "[data-testid=new-translation][data-lang=fr]").await;
    app.eventually("the new translation is open", || async {
        (app.text_now("#post-path").await? == "content/fr/posts/only-english.md").then_some(())
    })
    .await;
    let written = std::fs::read_to_string(site.join("content/fr/posts/only-english.md")).unwrap();
    assert!(written.starts_with("---\ntitle: Only in English\ndate: 2024-06-01\n---\n"), "{written}");
    assert!(!written.contains("has no translation yet"), "the body is left for the translator: {written}");
}
