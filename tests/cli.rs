//! The CLI front door, run as a separate process with no display, as a script would.

use std::process::Command;

use serde_json::Value;

use crate::support::{byte_diff, changed_lines, posts_copy, sample_post_count, sample_posts};

fn postdesk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_postdesk"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run postdesk")
}

#[test]
fn list_json_prints_every_post_without_a_display() {
    let out = postdesk(&["list", sample_posts().to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let posts: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(posts.len(), sample_post_count());
    for post in &posts {
        for key in ["path", "title", "date", "draft", "tags"] {
            assert!(post.get(key).is_some(), "{key} missing in {post}");
        }
        assert!(post["title"].as_str().is_some_and(|t| !t.is_empty()), "untitled: {post}");
        assert!(post["date"].as_str().is_some_and(|d| d.starts_with("20")), "undated: {post}");
    }
    let seed = posts.iter().find(|p| p["path"] == "predictive-ai-in-healthcare.md").unwrap();
    assert_eq!(seed["date"], "2025-06-27");
    assert_eq!(seed["tags"].as_array().unwrap().len(), 5);
    let draft = posts.iter().find(|p| p["path"] == "draft-keyboard-layouts.md").unwrap();
    assert_eq!(draft["draft"], true);
}

#[test]
fn set_changes_only_the_value_and_a_no_op_set_changes_nothing() {
    let (_tmp, posts) = posts_copy();
    let file = posts.join("yaml-comments-and-flow-lists.md");
    let before = std::fs::read(&file).unwrap();
    let title = {
        let out = postdesk(&["get", file.to_str().unwrap(), "title"]);
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().trim_end().to_string()
    };

    let out = postdesk(&["set", file.to_str().unwrap(), "title", &title]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&file).unwrap(), before, "a no-op set must be byte-identical");

    let out = postdesk(&["set", file.to_str().unwrap(), "title", "A Different Title"]);
    assert!(out.status.success());
    let after = std::fs::read(&file).unwrap();
    let changed = changed_lines(std::str::from_utf8(&before).unwrap(), std::str::from_utf8(&after).unwrap());
    assert_eq!(changed.len(), 1, "{changed:?}");
    let (_, old_line, new_line) = &changed[0];
    assert!(old_line.starts_with("title:") && new_line.starts_with("title:"), "{changed:?}");
    // The quoting style is kept: only the text between the quotes changed.
    let (removed, inserted) = byte_diff(old_line.as_bytes(), new_line.as_bytes());
    assert_eq!(removed, title.as_bytes());
    assert_eq!(inserted, b"A Different Title");
    assert_eq!(
        String::from_utf8(postdesk(&["get", file.to_str().unwrap(), "title"]).stdout).unwrap(),
        "A Different Title\n"
    );
}

#[test]
fn errors_name_the_file_and_exit_2() {
    let out = postdesk(&["get", "/no/such/post.md"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/no/such/post.md"), "{stderr}");
}

#[test]
fn render_prints_sanitised_html() {
    let (_tmp, posts) = posts_copy();
    let file = posts.join("hostile.md");
    std::fs::write(&file, "---\ntitle: x\n---\n<script>alert(1)</script>\n\n| a |\n|---|\n| cell |\n")
        .unwrap();
    let out = postdesk(&["render", file.to_str().unwrap()]);
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.contains("<td>cell</td>"), "{html}");
    assert!(!html.contains("<script"), "{html}");
}

#[test]
fn set_refuses_unparsable_front_matter_with_line_and_column_and_leaves_the_file() {
    let (_tmp, posts) = posts_copy();
    let file = posts.join("broken.md");
    let text = "---\ntitle: ok\ntags: [unclosed\n---\nBody\n";
    std::fs::write(&file, text).unwrap();
    let out = postdesk(&["set", file.to_str().unwrap(), "title", "New"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.md") && stderr.contains("line ") && stderr.contains("column "),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn set_reaches_nested_keys_and_keeps_the_siblings() {
    let (_tmp, posts) = posts_copy();
    let file = posts.join("gardening-a-codebase.md");
    let before = std::fs::read_to_string(&file).unwrap();
    let out = postdesk(&["set", file.to_str().unwrap(), "image.alt", "Rows of seedlings in a greenhouse"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let after = std::fs::read_to_string(&file).unwrap();
    let changed = changed_lines(&before, &after);
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].2.trim_start().starts_with("alt: "), "{changed:?}");
    let got = postdesk(&["get", file.to_str().unwrap(), "image.alt"]);
    assert_eq!(String::from_utf8_lossy(&got.stdout), "Rows of seedlings in a greenhouse\n");
}

#[test]
fn hostile_front_matter_gets_a_message_and_set_never_writes() {
    let (_tmp, posts) = posts_copy();
    let mut bomb = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for n in "bcdefghi".chars() {
        bomb.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    bomb.push_str("title: t\n---\nBody\n");
    let deep = format!("---\ntitle: t\nk: {}{}\n---\nBody\n", "[".repeat(10_000), "]".repeat(10_000));
    let mut utf16 = vec![0xff, 0xfe];
    for unit in "---\ntitle: t\n---\n".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("alias-bomb.md", bomb.into_bytes()),
        ("deep.md", deep.into_bytes()),
        ("latin1.md", b"---\ntitle: Caf\xe9\n---\nBody\n".to_vec()),
        ("utf16.md", utf16),
        ("duplicate.md", b"---\ntitle: a\ntitle: b\n---\n".to_vec()),
    ];
    for (name, bytes) in cases {
        let file = posts.join(name);
        std::fs::write(&file, &bytes).unwrap();
        let out = postdesk(&["set", file.to_str().unwrap(), "title", "New"]);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", String::from_utf8_lossy(&out.stdout));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(name), "{name}: the message names the file: {stderr}");
        assert_eq!(std::fs::read(&file).unwrap(), bytes, "{name} was changed");
    }

    // A megabyte of valid front matter is no problem: the edit lands, and quickly enough that
    // this test (not a timing test) does not notice.
    let mut big = String::from("---\ntitle: Old\n");
    while big.len() < 1_000_000 {
        big.push_str(&format!("key{}: \"a value long enough to fill the line\"\n", big.len()));
    }
    big.push_str("---\nBody\n");
    let file = posts.join("big-front-matter.md");
    std::fs::write(&file, &big).unwrap();
    let out = postdesk(&["set", file.to_str().unwrap(), "title", "New"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), big.replacen("title: Old", "title: New", 1));
}
