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
    // The panel is folded to one line; the status bar's count unfolds it.
    app.wait_css("[data-testid=status-problems]").await.click().await.unwrap();
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
    app.wait_css("#problems-toggle").await.click().await.unwrap();
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

/// Every file under `dir`, relative, with its bytes.
fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().display().to_string();
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[tokio::test(flavor = "multi_thread")]
async fn exporting_from_the_app_writes_what_the_cli_writes() {
    let app = AppSession::start().await;
    let outs = tempfile::tempdir().unwrap();
    let (from_app, from_cli) = (outs.path().join("app"), outs.path().join("cli"));
    app.wait_css("[data-testid=export]").await.click().await.unwrap();
    let dest = app.wait_css("[data-testid=export-dest]").await;
    dest.send_keys(from_app.to_str().unwrap()).await.unwrap();
    app.wait_css("[data-testid=export-run]").await.click().await.unwrap();
    let report = app
        .eventually("the export report shows", || async {
            let text = app.text_now("[data-testid=export-report]").await?;
            text.contains("written to").then_some(text)
        })
        .await;
    app.screenshot("export-report").await;
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_postdesk"))
        .arg("export")
        .arg(&app.posts)
        .arg("--out")
        .arg(&from_cli)
        .output()
        .unwrap();
    assert!(status.status.code().is_some(), "the CLI export ran");
    let (a, c) = (tree(&from_app), tree(&from_cli));
    assert!(!a.is_empty(), "the app exported something: {report}");
    assert_eq!(a.keys().collect::<Vec<_>>(), c.keys().collect::<Vec<_>>(), "same files");
    assert!(a == c, "same bytes in every file");
    assert!(report.contains("left out because of errors"), "the seed's errors keep it out: {report}");
    assert!(!a.keys().any(|k| k.contains("predictive-ai")), "the post with errors was not exported");
}
