//! Pre-publish checks in the window: the problems panel for the open post, a fix from it
//! written to disk and undone, a jump to a problem, and problem counts in the library.

use super::harness::AppSession;

const SEED: &str = "predictive-ai-in-healthcare.md";

async fn problem_rules(app: &AppSession) -> Vec<String> {
    let script = "return [...document.querySelectorAll('[data-testid=problem]')].map(p => p.dataset.rule)";
    let v = app.client.execute(script, vec![]).await.unwrap();
    v.as_array().unwrap().iter().filter_map(|r| r.as_str().map(str::to_string)).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn fixing_the_fence_wrapper_from_the_problems_panel_updates_file_and_preview_and_undoes() {
    let app = AppSession::start().await;
    // The library counts the seed's problems once the background check pass has run.
    app.eventually("the seed post shows a problem count in the list", || async {
        let text = app.text_now(&format!("[data-path=\"{SEED}\"] [data-testid=problem-count]")).await?;
        text.contains("problem").then_some(())
    })
    .await;
    app.open_post(SEED).await;
    let rules = app
        .eventually("the problems panel lists the seed's defects", || async {
            let rules = problem_rules(&app).await;
            rules.iter().any(|r| r == "fence-wrapper").then_some(rules)
        })
        .await;
    for rule in
        ["fence-wrapper", "placeholder-image", "year-drift", "h1-title", "bold-heading", "double-space"]
    {
        assert!(rules.iter().any(|r| r == rule), "{rule} missing from {rules:?}");
    }
    let path = app.post_path(SEED);
    let before = std::fs::read_to_string(&path).unwrap();
    assert!(before.starts_with("```"), "the seed is wrapped in a fence");
    app.wait_css("[data-testid=problem][data-rule=fence-wrapper] [data-testid=problem-fix]")
        .await
        .click()
        .await
        .unwrap();
    let after = app
        .eventually("the file is unwrapped on disk", || async {
            let now = std::fs::read_to_string(&path).ok()?;
            (now != before).then_some(now)
        })
        .await;
    assert_eq!(after, postdesk::content::edit::unwrap_fence(&before), "exactly the unwrap, nothing else");
    app.eventually("the fence problem is gone from the panel", || async {
        let rules = problem_rules(&app).await;
        (!rules.is_empty() && !rules.iter().any(|r| r == "fence-wrapper")).then_some(())
    })
    .await;
    // The preview now shows the post's own title heading from its front matter.
    app.preview_containing("Predictive AI in Healthcare").await;
    app.screenshot("problems-after-fix").await;
    assert_eq!(app.text("[data-testid=save-state]").await, "saved");

    app.wait_css("#info-action:not([hidden])").await.click().await.unwrap();
    app.eventually("undo puts the fenced text back byte for byte", || async {
        (std::fs::read_to_string(&path).ok()? == before).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn clicking_a_body_problem_puts_the_cursor_on_it() {
    let app = AppSession::start().await;
    app.open_post(SEED).await;
    let item = "[data-testid=problem][data-rule=bold-heading] .problem-jump";
    app.wait_css(item).await.click().await.unwrap();
    app.eventually("the editor has focus on the problem's line", || async {
        let script = "const s = getSelection(); const line = s.anchorNode && (s.anchorNode.nodeType === 3 ? s.anchorNode.parentElement : s.anchorNode).closest('.cm-line'); \
                      return document.activeElement.classList.contains('cm-content') && line ? line.textContent : null;";
        let v = app.client.execute(script, vec![]).await.ok()?;
        v.as_str()?.contains("**Conclusion:**").then_some(())
    })
    .await;
}
