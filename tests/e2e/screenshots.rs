//! The README's screenshots, taken of the real window: the desk with a post open (its front
//! matter as a form, the editor, the preview) in the light and the dark theme, and the seed
//! post with its problems listed. Each must be a real picture of the whole window, or the test fails. They
//! land in e2e-artifacts/; scripts/screenshots.sh copies them to docs/screenshots/.

use std::path::Path;

use serde_json::json;

use super::harness::AppSession;
use crate::support::posts_copy;

const SEED: &str = "predictive-ai-in-healthcare.md";
const TOUR: &str = "markdown-feature-tour.md";

/// Width and height from a PNG's header (the IHDR chunk follows the 8-byte signature).
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.len() > 24 && png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// Takes one screenshot of the window as it stands and checks it is a real picture of it.
async fn take(app: &AppSession, name: &str) {
    // Let the preview's images and the fonts settle before the picture is taken.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let png = app.client.screenshot().await.expect("WebKitWebDriver takes a screenshot");
    let (width, height) = png_size(&png);
    assert!(width >= 1000 && height >= 600, "the whole window, not a part: {width}×{height}");
    // A blank or one-colour window compresses to almost nothing; the desk does not.
    assert!(png.len() > 60_000, "{name} looks empty: {} bytes", png.len());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), &png).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_readme_screenshots_show_the_desk_and_the_problems_in_both_themes() {
    for theme in ["light", "dark"] {
        let (tmp, posts) = posts_copy();
        AppSession::write_settings(tmp.path(), json!({ "theme": theme }));
        let app = AppSession::launch(tmp, posts).await;
        let applied =
            app.client.execute("return document.documentElement.dataset.theme", vec![]).await.unwrap();
        assert_eq!(applied, json!(theme));
        app.open_post(TOUR).await;
        app.preview_containing("<table>").await;
        take(&app, &format!("desk-{theme}")).await;
        if theme == "light" {
            app.open_post(SEED).await;
            app.preview_containing("Conclusion:").await;
            app.wait_css("#problems-toggle").await.click().await.unwrap();
            app.wait_css("[data-testid=problem]").await;
            take(&app, "problems").await;
        }
    }
}
