//! The table view in the real window, on a folder of sixty posts (YAML with LF and CRLF, TOML,
//! JSON, one whose front matter does not parse): Ctrl+T shows it, a column sorts and filters,
//! shift-click selects a range, the library's search narrows it to fifty posts, a field is set
//! on all fifty (the broken one skipped and named), Undo puts every byte back, "Fix all safe"
//! removes a chat leftover, a switch writes a flag, a tag is renamed across ten posts, a date
//! cell keeps the folder's date style, and a cell edited while the same post has
//! an unsaved edit in the desk reaches the desk through the 3-way merge, nothing lost.

use std::path::Path;

use fantoccini::key::Key;
use serde_json::Value;

use super::harness::{click, js, AppSession};

/// The fixture: `batch/` holds 50 posts (47 YAML with LF, one CRLF, one TOML, one JSON front
/// matter, and `b-50.md`, whose front matter does not parse), `other/` holds 10.
fn fixture(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for i in 1..=50 {
        let date = format!("2024-02-{:02}", (i % 28) + 1);
        let text = match i {
            7 => format!(
                "---\r\ntitle: Batch post {i:02}\r\ndate: {date}\r\ndescription: About batch {i}.\r\ntags: [batch]\r\n---\r\n\r\nBody of {i}.\r\n"
            ),
            8 => format!(
                "+++\ntitle = \"Batch post {i:02}\" # kept\ndate = {date}\ndescription = \"About batch {i}.\"\ntags = [\"batch\"]\n+++\n\nBody of {i}.\n"
            ),
            9 => format!(
                "{{\n  \"title\": \"Batch post {i:02}\",\n  \"date\": \"{date}\",\n  \"description\": \"About batch {i}.\",\n  \"tags\": [\"batch\"]\n}}\n\nBody of {i}.\n"
            ),
            50 => "---\ntitle: [Batch post 50\ndate: 2024-03-01\n---\n\nBody of 50.\n".to_string(),
            _ => format!(
                "---\ntitle: Batch post {i:02}\ndate: {date}\ndescription: About batch {i}.\ntags: [batch]\nseries: Old\ndraft: false\n---\n\nBody of {i}.\n"
            ),
        };
        files.push((format!("batch/b-{i:02}.md"), text));
    }
    for i in 1..=10 {
        let leftover = if i == 5 { "Certainly! Here is your blog post about other things.\n\n" } else { "" };
        // o-10 writes its date under another of the role's names, as a Hugo post among Astro
        // ones would.
        let date_key = if i == 10 { "publishDate" } else { "date" };
        files.push((
            format!("other/o-{i:02}.md"),
            format!(
                "---\ntitle: Other post {i:02}\n{date_key}: 2023-0{}-15\ndescription: Another {i}.\ntags: [misc]\ndraft: false\n---\n\n{leftover}The opening paragraph of other post {i} has words enough.\n\nA second paragraph.\n",
                (i % 9) + 1
            ),
        ));
    }
    for (rel, text) in &files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    files
}

/// The paths of the table's drawn rows, top to bottom.
async fn row_paths(app: &AppSession) -> Vec<String> {
    let v = js(
        app,
        "return [...document.querySelectorAll('[data-testid=table-row]')]
            .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
            .map(r => r.dataset.path)",
    )
    .await;
    v.as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect()
}

async fn count_text(app: &AppSession) -> String {
    text_content(app, "[data-testid=table-count]").await
}

/// An element's textContent ("" when absent): WebDriver's text reads clipped elements as empty.
async fn text_content(app: &AppSession, css: &str) -> String {
    let v = js(app, &format!("return document.querySelector({css:?})?.textContent ?? ''")).await;
    v.as_str().unwrap_or_default().to_string()
}

/// Sets an input's value as typing would and fires its input event.
async fn fill(app: &AppSession, css: &str, value: &str) {
    let script = format!(
        "const el = document.querySelector({css:?}); if (!el) return false; el.focus(); el.value = {value:?};
         el.dispatchEvent(new Event('input', {{ bubbles: true }})); el.dispatchEvent(new Event('change', {{ bubbles: true }})); return true;"
    );
    app.eventually(&format!("{css} can be filled"), || async {
        (js(app, &script).await == Value::Bool(true)).then_some(())
    })
    .await;
}

/// Clicks a drawn row (by path) with the given modifier, as a mouse would.
async fn click_row(app: &AppSession, path: &str, shift: bool) {
    let script = format!(
        "const row = document.querySelector('[data-testid=table-row][data-path=\"{path}\"] [data-testid=table-cell]');
         if (!row) return false;
         const opts = {{ bubbles: true, shiftKey: {shift}, button: 0 }};
         row.dispatchEvent(new MouseEvent('mousedown', opts)); row.dispatchEvent(new MouseEvent('mouseup', opts));
         row.dispatchEvent(new MouseEvent('click', opts)); return true;"
    );
    app.eventually(&format!("row {path} can be clicked"), || async {
        (js(app, &script).await == Value::Bool(true)).then_some(())
    })
    .await;
}

async fn clear_search(app: &AppSession) {
    fill(app, "[data-testid=search-input]", "").await;
}

/// Waits until the bulk bar counts `n` selected posts.
async fn wait_selected(app: &AppSession, n: usize) {
    app.eventually(&format!("{n} are selected"), || async {
        text_content(app, "[data-testid=bulk-count]").await.contains(&n.to_string()).then_some(())
    })
    .await;
}

/// Chooses `value` in the select `css` as a writer would; returns what the select then holds.
async fn choose(app: &AppSession, css: &str, value: &str) -> Value {
    let script = format!(
        "const s = document.querySelector({css:?}); s.value = {value:?};
         s.dispatchEvent(new Event('change', {{ bubbles: true }})); return s.value;"
    );
    js(app, &script).await
}

/// Opens the editor of one cell (double-click), replaces its text with `text` and saves.
async fn edit_cell(app: &AppSession, path: &str, key: &str, text: &str) {
    let cell =
        format!("[data-testid=table-row][data-path=\"{path}\"] [data-testid=table-cell][data-key={key}]");
    let opened = js(
        app,
        &format!(
            "const c = document.querySelector({cell:?}); if (!c) return false;
             c.dispatchEvent(new MouseEvent('dblclick', {{ bubbles: true }})); return true;"
        ),
    )
    .await;
    assert_eq!(opened, Value::Bool(true), "{cell} is drawn");
    let field = "[data-testid=table-editor] input[type=text], [data-testid=table-editor] textarea";
    let input = app.wait_css(field).await;
    js(app, &format!("document.querySelector({field:?}).select(); return 0;")).await;
    input.send_keys(text).await.unwrap();
    click(app, "[data-testid=table-editor-save]").await;
}

async fn selected(app: &AppSession) -> Vec<String> {
    let v = js(
        app,
        "return [...document.querySelectorAll('[data-testid=table-row][aria-selected=true]')].map(r => r.dataset.path).sort()",
    )
    .await;
    v.as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_writer_sorts_filters_selects_and_edits_fifty_posts_in_the_table_and_undoes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let files = fixture(&root);
    let original = |rel: &str| files.iter().find(|(p, _)| p == rel).unwrap().1.clone();
    // Saves only when the test says so: the open post's edit must still be unsaved when the
    // table writes the same file.
    AppSession::write_settings(tmp.path(), serde_json::json!({ "autosave": false }));
    let app = AppSession::launch(tmp, root.clone()).await;
    let read = |rel: &str| std::fs::read_to_string(root.join(rel)).unwrap();

    // An unsaved edit in the desk, on a post the table will write later (found by the search:
    // the list draws only the rows in view).
    let search = app.wait_css("[data-testid=search-input]").await;
    search.send_keys("o-03").await.unwrap();
    app.open_post("other/o-03.md").await;
    clear_search(&app).await;
    app.type_at_body_start("Unsaved words in the desk. ").await;
    app.eventually("the desk has an unsaved edit", || async {
        (app.text_now("[data-testid=save-state]").await? == "unsaved").then_some(())
    })
    .await;

    // Ctrl+T shows the table: every post, values from the index.
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.send_keys(&(Key::Control + "t")).await.unwrap();
    app.wait_css("[data-testid=table-view] [data-testid=table-row]").await;
    app.eventually("the table counts all sixty posts", || async {
        count_text(&app).await.contains("60").then_some(())
    })
    .await;
    let hidden =
        js(&app, "return document.querySelector('[data-testid=body-editor]').offsetParent === null").await;
    assert_eq!(hidden, Value::Bool(true), "the table takes the editor's place");
    app.screenshot("table-open").await;
    fill(&app, "[data-testid=table-filter][data-key=title]", "batch post 08").await;
    // Read as textContent: WebKitWebDriver reads an ellipsised (overflow: hidden) cell as empty.
    let cell = r#"[data-testid=table-row][data-path="batch/b-08.md"] [data-testid=table-cell][data-key=description]"#;
    let desc = app
        .eventually("the TOML post's row is drawn", || async {
            js(&app, &format!("return document.querySelector({cell:?})?.textContent ?? null"))
                .await
                .as_str()
                .map(str::to_string)
        })
        .await;
    assert!(desc.contains("About batch 8."), "a TOML post's value shows: {desc}");
    fill(&app, "[data-testid=table-filter][data-key=title]", "").await;

    // Sort by date: oldest first, then newest first; empty (unreadable) dates last both ways.
    click(&app, "[data-testid=table-head][data-key=date]").await;
    app.eventually("oldest first", || async {
        (row_paths(&app).await.first()? == "other/o-09.md").then_some(())
    })
    .await;
    click(&app, "[data-testid=table-head][data-key=date]").await;
    app.eventually("newest first", || async {
        let rows = row_paths(&app).await;
        (rows.first()?.starts_with("batch/") && !rows.first()?.ends_with("b-50.md")).then_some(())
    })
    .await;

    // Filter a column: only the other posts.
    fill(&app, "[data-testid=table-filter][data-key=title]", "other post").await;
    app.eventually("ten rows match", || async {
        let rows = row_paths(&app).await;
        (rows.len() == 10 && rows.iter().all(|p| p.starts_with("other/"))).then_some(())
    })
    .await;
    assert!(count_text(&app).await.contains("10"), "{}", count_text(&app).await);

    // Select a range: the first row, then shift-click the fifth.
    let rows = row_paths(&app).await;
    click_row(&app, &rows[0], false).await;
    click_row(&app, &rows[4], true).await;
    let mut want: Vec<String> = rows[..5].to_vec();
    want.sort();
    app.eventually("five rows are selected", || async { (selected(&app).await == want).then_some(()) }).await;
    assert!(text_content(&app, "[data-testid=bulk-count]").await.contains('5'));

    // Fix all safe on the one post with a chat leftover.
    fill(&app, "[data-testid=table-filter][data-key=title]", "other post 05").await;
    app.eventually("one row", || async { (row_paths(&app).await.len() == 1).then_some(()) }).await;
    click_row(&app, "other/o-05.md", false).await;
    click(&app, "[data-testid=bulk-fix]").await;
    app.eventually("the chat leftover is gone from the file", || async {
        (!read("other/o-05.md").contains("Certainly!")).then_some(())
    })
    .await;
    assert!(read("other/o-05.md").starts_with(&original("other/o-05.md")[..60]), "the front matter is kept");
    fill(&app, "[data-testid=table-filter][data-key=title]", "").await;

    // The library's search narrows the table: the fifty batch posts, all selected.
    search.send_keys("batch/").await.unwrap();
    app.eventually("fifty rows are shown", || async {
        count_text(&app).await.contains("50 of").then_some(())
    })
    .await;
    click(&app, "[data-testid=table-select-all]").await;
    wait_selected(&app, 50).await;

    // Set a field on all fifty: forty-nine change, the broken one is skipped and named.
    click(&app, "[data-testid=bulk-set-field]").await;
    let chosen = choose(&app, "select[data-testid=bulk-key]", "series").await;
    assert_eq!(chosen, Value::String("series".into()));
    let value = app.wait_css("[data-testid=bulk-value] input").await;
    value.send_keys("Spring batch").await.unwrap();
    app.screenshot("table").await;
    click(&app, "[data-testid=bulk-apply]").await;
    let report = app
        .eventually("the batch reports", || async {
            let text = Some(text_content(&app, "[data-testid=bulk-report]").await)?;
            text.contains("49 changed").then_some(text)
        })
        .await;
    assert!(report.contains("1 skipped"), "{report}");
    let skipped = js(&app, "return document.querySelector('[data-testid=bulk-report]').textContent").await;
    assert!(skipped.as_str().unwrap().contains("b-50.md"), "the skipped post is named: {skipped}");
    for (rel, before) in files.iter().filter(|(p, _)| p.starts_with("batch/") && !p.ends_with("b-50.md")) {
        let after = read(rel);
        match rel.as_str() {
            "batch/b-07.md" => assert_eq!(
                after,
                before.replace("tags: [batch]\r\n", "tags: [batch]\r\nseries: Spring batch\r\n")
            ),
            "batch/b-08.md" => {
                assert!(after.contains("series = \"Spring batch\"") && after.contains("# kept"), "{after}")
            }
            "batch/b-09.md" => assert!(after.contains("\"series\": \"Spring batch\""), "{after}"),
            _ => assert_eq!(
                after,
                before.replace("series: Old\n", "series: Spring batch\n"),
                "only the series line changed"
            ),
        }
    }
    assert_eq!(read("batch/b-50.md"), original("batch/b-50.md"));
    app.screenshot("table-report").await;

    // One Undo puts every byte back.
    click(&app, "[data-testid=bulk-undo]").await;
    app.eventually("every batch file is byte-identical again", || async {
        files.iter().filter(|(p, _)| p.starts_with("batch/")).all(|(p, t)| &read(p) == t).then_some(())
    })
    .await;
    app.eventually("the undo reports", || async {
        Some(text_content(&app, "[data-testid=bulk-report]").await)?.contains("49").then_some(())
    })
    .await;

    // A switch writes a flag at once.
    clear_search(&app).await;
    app.eventually("all sixty rows again", || async { count_text(&app).await.contains("60").then_some(()) })
        .await;
    fill(&app, "[data-testid=table-filter][data-key=title]", "other post").await;
    click(&app, r#"[data-testid=table-row][data-path="other/o-02.md"] [data-testid=table-cell][data-key=draft] input"#).await;
    app.eventually("o-02 is a draft on disk", || async {
        read("other/o-02.md").contains("draft: true").then_some(())
    })
    .await;

    // Rename a tag across the ten shown posts.
    js(
        &app,
        "const b = document.querySelector('[data-testid=table-select-all]'); if (!b.checked) b.click(); return 0;",
    )
    .await;
    wait_selected(&app, 10).await;
    click(&app, "[data-testid=bulk-rename]").await;
    let from = choose(&app, "[data-testid=bulk-from]", "misc").await;
    assert_eq!(from, Value::String("misc".into()), "the folder's tag is offered");
    app.wait_css("[data-testid=bulk-to]").await.send_keys("Notes").await.unwrap();
    click(&app, "[data-testid=bulk-apply]").await;
    app.eventually("every other post's tag is renamed", || async {
        (1..=10).all(|i| read(&format!("other/o-{i:02}.md")).contains("tags: [Notes]\n")).then_some(())
    })
    .await;

    // A date cell keeps the folder's way of writing dates (plain, not quoted).
    edit_cell(&app, "other/o-04.md", "date", "2023-12-24").await;
    app.eventually("the date is written plain", || async {
        read("other/o-04.md").contains("\ndate: 2023-12-24\n").then_some(())
    })
    .await;
    // A post that writes the date as `publishDate` shows it in the Date column, and the edit
    // changes that key rather than adding a `date`.
    let other_date =
        r#"[data-testid=table-row][data-path="other/o-10.md"] [data-testid=table-cell][data-key=date]"#;
    assert_eq!(text_content(&app, other_date).await, "2023-02-15");
    edit_cell(&app, "other/o-10.md", "date", "2023-11-30").await;
    app.eventually("publishDate is the key changed", || async {
        let text = read("other/o-10.md");
        (text.contains("\npublishDate: 2023-11-30\n") && !text.contains("\ndate:")).then_some(())
    })
    .await;

    // A cell edited while the same post has an unsaved edit in the desk.
    edit_cell(&app, "other/o-03.md", "description", "Written from the table.").await;
    app.eventually("the description is written", || async {
        read("other/o-03.md").contains("description: Written from the table.").then_some(())
    })
    .await;
    assert!(!read("other/o-03.md").contains("Unsaved words"), "the desk's edit is not saved by the table");

    // Back to the desk: the new description is in the form, the unsaved body edit is kept.
    // The focused cell's row is drawn again when the write comes back through the watcher, so
    // the element focused a moment ago may be gone: ask for the focused one until the keys land.
    app.eventually("Ctrl+T reaches the focused element", || async {
        app.client.active_element().await.ok()?.send_keys(&(Key::Control + "t")).await.ok()
    })
    .await;
    app.eventually("the desk shows the table's description", || async {
        let v = js(
            &app,
            "return document.querySelector('[data-testid=fm-field][data-key=description]')?.value ?? ''",
        )
        .await;
        (v.as_str()? == "Written from the table.").then_some(())
    })
    .await;
    let editor =
        js(&app, "return document.querySelector('[data-testid=body-editor] .cm-content').innerText").await;
    assert!(editor.as_str().unwrap().contains("Unsaved words in the desk."), "{editor}");
    let content = app.wait_css("[data-testid=body-editor] .cm-content").await;
    content.send_keys(&(Key::Control + "s")).await.unwrap();
    app.eventually("saved with both", || async {
        let text = read("other/o-03.md");
        (text.contains("Unsaved words in the desk.") && text.contains("description: Written from the table."))
            .then_some(())
    })
    .await;
}
