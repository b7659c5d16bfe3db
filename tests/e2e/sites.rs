//! A site in the real window: the Astro fixture opened at its root shows its generator and a
//! collection switcher, lists only its collections' posts, builds the form from the
//! collection's zod schema (a required marker, an enum select, a counter against the declared
//! max), flags a schema error in the problems panel, creates a new post in a collection, and
//! puts an image pasted into a page bundle beside the post. Its preview follows Astro's Markdown
//! (curly quotes, raw HTML, `{#id}` as text) and shows an MDX post's component as a box.

use std::path::PathBuf;
use std::process::Command;

use fantoccini::key::Key;
use serde_json::json;

use super::harness::{js, AppSession};

/// A temp copy of the Astro fixture site; the app opens its root.
fn astro_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("astro-site");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sites/astro");
    assert!(Command::new("cp").arg("-r").arg(fixture).arg(&site).status().unwrap().success());
    (tmp, site)
}

async fn listed_paths(app: &AppSession) -> Vec<String> {
    let v =
        js(app, "return [...document.querySelectorAll('[data-testid=post-item]')].map(e => e.dataset.path)")
            .await;
    v.as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_astro_site_opens_at_its_root_with_its_collections_and_schema() {
    let (tmp, site) = astro_site();
    let app = AppSession::launch(tmp, site.clone()).await;

    // The site, not a folder: its generator, and only its collections' posts.
    app.eventually("the library names the generator", || async {
        (app.text_now("[data-testid=site-generator]").await? == "Astro").then_some(())
    })
    .await;
    app.eventually("every blog and docs post is listed", || async {
        (listed_paths(&app).await.len() == 10).then_some(())
    })
    .await;
    let paths = listed_paths(&app).await;
    assert!(
        paths.iter().all(|p| p.starts_with("src/content/blog/") || p.starts_with("src/content/docs/")),
        "{paths:?}"
    );
    assert!(!paths.iter().any(|p| p.starts_with("src/pages/")), "a page is not a post: {paths:?}");

    // The switcher shows each collection with its count, and narrows the list.
    let options = js(&app, "return [...document.querySelectorAll('[data-testid=collection-switcher] option')].map(o => o.textContent)").await;
    assert_eq!(options, json!(["All collections (10)", "blog (7)", "docs (3)"]));
    let switcher = app.wait_css("[data-testid=collection-switcher]").await;
    switcher.select_by_value("docs").await.unwrap();
    app.eventually("only the docs are listed", || async {
        let paths = listed_paths(&app).await;
        (paths.len() == 3 && paths.iter().all(|p| p.starts_with("src/content/docs/"))).then_some(())
    })
    .await;
    switcher.select_by_value("blog").await.unwrap();
    app.eventually("only the blog is listed", || async {
        (listed_paths(&app).await.len() == 7).then_some(())
    })
    .await;

    // The preview renders as Astro does: curly quotes, raw HTML sanitised and shown, comments
    // hidden, and `{#id}` left as text (Astro does not read it).
    app.open_post("src/content/blog/typography.md").await;
    let html = app.preview_containing("\u{201c}double quotes\u{201d}").await;
    assert!(html.contains("<kbd>Ctrl</kbd>") && html.contains("<details>"), "{html}");
    assert!(!html.contains("link references") && !html.contains("&lt;kbd"), "{html}");
    assert!(html.contains("id=\"explicit-id-custom-id\""), "{html}");

    // An MDX post: its component is a labelled box around its rendered Markdown children, its
    // import line is not shown, and the editor colours the JSX.
    app.open_post("src/content/blog/interactive.mdx").await;
    let html = app.preview_containing("<span class=\"component-name\">Callout</span>").await;
    assert!(html.contains("<em>Markdown</em>") && html.contains("component-props"), "{html}");
    assert!(!html.contains("import Callout") && !html.contains("&lt;Callout"), "{html}");
    app.wait_css("[data-testid=body-editor] .cm-mdx-tag").await;
    app.screenshot("mdx-component").await;

    // The form of a blog post follows the zod schema.
    app.open_post("src/content/blog/first-post.md").await;
    let marker = app.wait_css("[data-field=\"title\"] [data-testid=required-marker]").await;
    let why = marker.attr("title").await.unwrap().unwrap_or_default();
    assert!(why.starts_with("Required by src/content.config.ts:"), "{why}");
    let select = app.wait_css("[data-testid=field-select][data-key=\"category\"]").await;
    let choices =
        js(&app, "return [...document.querySelectorAll('[data-testid=field-select][data-key=category] option')].map(o => o.value).filter(v => v)").await;
    assert_eq!(choices, json!(["news", "guides", "opinion"]), "the enum's options, in the schema's order");
    assert!(
        !select.prop("value").await.unwrap().unwrap_or_default().is_empty(),
        "the post's category is chosen"
    );
    let counter = app.text("[data-testid=length-counter][data-for=\"title\"]").await;
    assert!(counter.ends_with("/ 150"), "a counter against z.string().max(150): {counter}");
    app.screenshot("site-astro").await;

    // A value the schema refuses is an error in the problems panel, naming the schema's line.
    let text = std::fs::read_to_string(site.join("src/content/blog/writing-guide.md")).unwrap();
    let category =
        text.lines().find(|l| l.starts_with("category:")).expect("the post has a category").to_string();
    std::fs::write(
        site.join("src/content/blog/writing-guide.md"),
        text.replace(&category, "category: recipes"),
    )
    .unwrap();
    app.open_post("src/content/blog/writing-guide.md").await;
    app.eventually("the schema error is shown", || async {
        let list = app.text_now("#problem-list").await?;
        list.contains("not one of the site's options: news, guides, opinion (src/content.config.ts:")
            .then_some(())
    })
    .await;

    // New, with no folder named, goes into the biggest collection and is listed there.
    app.wait_css("[data-testid=new-post]").await.click().await.unwrap();
    let title = app.wait_css("[data-testid=new-post-dialog] [data-testid=new-post-title]").await;
    // The folder field starts as the open post's folder; cleared, the site decides.
    app.wait_css("[data-testid=new-post-dialog] [data-testid=new-post-folder]").await.clear().await.unwrap();
    title.send_keys("A Post From the Window").await.unwrap();
    title.send_keys(&Key::Enter.to_string()).await.unwrap();
    let created = "src/content/blog/a-post-from-the-window.md";
    app.eventually("the new post is open", || async {
        (app.text_now("#post-path").await? == created).then_some(())
    })
    .await;
    assert!(site.join(created).is_file(), "written in the blog collection's folder");
    app.eventually("the new post is listed in the blog", || async {
        listed_paths(&app).await.iter().any(|p| p == created).then_some(())
    })
    .await;
    // Saved again, it stays in its collection (a save's summary keeps the collection).
    app.type_at_body_start("First words. ").await;
    app.client
        .execute("document.querySelector('[data-testid=body-editor] .cm-content').focus(); return 0;", vec![])
        .await
        .unwrap();
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.send_keys(&(Key::Control + "s")).await.unwrap();
    app.eventually("the post is saved", || async {
        (app.text_now("[data-testid=save-state]").await? == "saved").then_some(())
    })
    .await;
    assert!(std::fs::read_to_string(site.join(created)).unwrap().contains("First words."));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        listed_paths(&app).await.iter().any(|p| p == created),
        "still listed under the blog after its save"
    );

    // An image pasted into a page bundle (`with-image/index.md`) goes beside it, linked `./`.
    app.open_post("src/content/blog/with-image/index.md").await;
    app.wait_css("[data-testid=body-editor] .cm-line").await.click().await.unwrap();
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.send_keys(&(Key::Control + &Key::End.to_string())).await.unwrap();
    let paste = r#"
        const bytes = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="), c => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], "Trail Map.png", { type: "image/png" }));
        const event = new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true });
        document.querySelector("[data-testid=body-editor] .cm-content").dispatchEvent(event);
        return event.defaultPrevented;
    "#;
    assert_eq!(app.client.execute(paste, vec![]).await.unwrap(), json!(true), "the editor took the image");
    app.eventually("the bundle's link is in the text", || async {
        let text =
            js(&app, "return document.querySelector('[data-testid=body-editor] .cm-content').innerText;")
                .await;
        text.as_str()?.contains("](./trail-map.png)").then_some(())
    })
    .await;
    let written = site.join("src/content/blog/with-image/trail-map.png");
    assert!(written.is_file(), "the image sits beside the bundle's index.md");
    assert!(std::fs::read(&written).unwrap().starts_with(b"\x89PNG"));
}
