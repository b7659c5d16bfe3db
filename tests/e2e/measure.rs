//! Figures for the README from the real app: start-up to a painted list and memory, for the
//! sample posts and for a generated 10,000-post folder (`scripts/gen-posts.py`). They print
//! numbers and assert only that the app did the work (every post indexed, the list
//! virtualised); speed goals live in the benchmark table, not in pass/fail.
//! Run `cargo test --release --test integration measure -- --nocapture` for the README figures.

use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use super::harness::AppSession;
use crate::support::posts_copy;

async fn metric(app: &AppSession, name: &str) -> Option<f64> {
    let v = app.client.execute(&format!("return window.postdeskMetrics.{name}"), vec![]).await.ok()?;
    v.as_f64()
}

/// Waits for the first scan to be painted and returns (first rows, all indexed) in ms since
/// the app was launched.
async fn startup_figures(app: &AppSession) -> (f64, f64) {
    let indexed =
        app.eventually("the first scan is painted", || async { metric(app, "indexedAtMs").await }).await;
    let first = metric(app, "listPaintedAtMs").await.expect("rows were painted");
    (first - app.launched_at_ms, indexed - app.launched_at_ms)
}

async fn idle_pss_mib(app: &AppSession) -> f64 {
    // Let start-up garbage settle, as a writer's idle window would.
    tokio::time::sleep(Duration::from_secs(3)).await;
    app.pss_kib() as f64 / 1024.0
}

#[tokio::test(flavor = "multi_thread")]
async fn start_up_and_memory_with_the_sample_posts_and_10000_posts() {
    let app = AppSession::start().await;
    let (first, indexed) = startup_figures(&app).await;
    let sample_pss = idle_pss_mib(&app).await;
    println!("sample posts: launch to first rows painted {first:.0} ms, to all indexed {indexed:.0} ms");
    println!("sample posts: PSS of app + WebKit processes, idle: {sample_pss:.1} MiB");
    drop(app);

    let (tmp, posts) = posts_copy();
    std::fs::remove_dir_all(&posts).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/gen-posts.py");
    let status = Command::new("python3")
        .arg(script)
        .arg(&posts)
        .arg("10000")
        .status()
        .expect("python3 runs scripts/gen-posts.py (apt-get install python3)");
    assert!(status.success(), "gen-posts.py failed");
    let app = AppSession::launch(tmp, posts).await;
    // While the 10,000 posts index, the status bar says how far it has got (it may already be
    // done on a fast machine; then it is hidden, which the check below allows).
    let indexing = app.text_now("[data-testid=status-index]").await.unwrap_or_default();
    assert!(indexing.is_empty() || indexing.starts_with("Indexing"), "status: {indexing}");
    let (first, indexed) = startup_figures(&app).await;
    let status_hidden = "return document.querySelector('[data-testid=status-index]').hidden";
    assert_eq!(app.client.execute(status_hidden, vec![]).await.unwrap(), Value::Bool(true));
    let shown = app
        .client
        .execute("return document.querySelectorAll('[data-testid=post-item]').length", vec![])
        .await
        .unwrap();
    let count = app
        .client
        .execute("return document.querySelector('#library-count')?.textContent ?? ''", vec![])
        .await
        .unwrap();
    let big_pss = idle_pss_mib(&app).await;
    println!("10,000 posts: launch to first rows painted {first:.0} ms, to all indexed {indexed:.0} ms");
    println!(
        "10,000 posts: PSS of app + WebKit processes, idle: {big_pss:.1} MiB ({:+.1} MiB over the sample posts)",
        big_pss - sample_pss
    );
    let rows = shown.as_u64().unwrap();
    assert!(rows > 5 && rows < 200, "the list draws only what is visible, not 10,000 rows: {rows}");
    assert!(
        matches!(&count, Value::String(s) if s.contains("10,000") || s.contains("10000")),
        "the list counts every post: {count}"
    );
    // The list still scrolls to the end: newest first, so the bottom rows are 2019's.
    let drawn_2019 = "return [...document.querySelectorAll('[data-testid=post-item]')].some(e => e.dataset.path.startsWith('2019/'))";
    assert_eq!(
        app.client.execute(drawn_2019, vec![]).await.unwrap(),
        Value::Bool(false),
        "the top shows the newest"
    );
    app.client
        .execute("const l = document.querySelector('[data-testid=post-list]'); l.scrollTop = l.scrollHeight; return 0;", vec![])
        .await
        .unwrap();
    app.eventually("the last rows are drawn after scrolling", || async {
        let v = app.client.execute(drawn_2019, vec![]).await.ok()?;
        (v == Value::Bool(true)).then_some(())
    })
    .await;
}
