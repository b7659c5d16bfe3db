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

// ---------------------------------------------------------------------------------------------
// `postdesk check` and `postdesk schema`

const SEED: &str = "predictive-ai-in-healthcare.md";

/// `file:line:col: severity rule: message` lines, split into (file, line, col, severity, rule).
fn diagnostics(stdout: &[u8]) -> Vec<(String, u32, u32, String, String)> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|line| {
            let mut parts = line.splitn(4, ':');
            let file = parts.next().unwrap().to_string();
            let l =
                parts.next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no line in {line:?}"));
            let c =
                parts.next().and_then(|n| n.parse().ok()).unwrap_or_else(|| panic!("no column in {line:?}"));
            let rest = parts.next().unwrap().trim_start();
            let (severity, rest) = rest.split_once(' ').unwrap();
            let (rule, message) = rest.split_once(": ").unwrap_or_else(|| panic!("no message in {line:?}"));
            assert!(!message.is_empty(), "{line}");
            (file, l, c, severity.to_string(), rule.to_string())
        })
        .collect()
}

#[test]
fn check_reports_the_seed_posts_defects_compiler_style_and_exits_1() {
    let (_tmp, posts) = posts_copy();
    let seed = posts.join(SEED);
    let out = postdesk(&["check", seed.to_str().unwrap(), "--today", "2026-03-01"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let found = diagnostics(&out.stdout);
    assert!(found.iter().all(|(file, ..)| file == seed.to_str().unwrap()), "{found:?}");
    let rules: Vec<&str> = found.iter().map(|(.., rule)| rule.as_str()).collect();
    for rule in [
        "fence-wrapper",
        "placeholder-image",
        "year-drift",
        "h1-title",
        "bold-heading",
        "double-space",
        "tag-style",
    ] {
        assert!(rules.contains(&rule), "{rule} missing from {rules:?}");
    }
    let fence = found.iter().find(|f| f.4 == "fence-wrapper").unwrap();
    assert_eq!((fence.1, fence.2, fence.3.as_str()), (1, 1, "error"));
    let bold = found.iter().find(|f| f.4 == "bold-heading").unwrap();
    assert_eq!((bold.1, bold.2), (43, 1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 file checked: 2 errors") && stderr.contains("--fix"), "{stderr}");
}

#[test]
fn check_fix_writes_the_pinned_clean_file_and_touches_nothing_else() {
    let (_tmp, posts) = posts_copy();
    let seed = posts.join(SEED);
    let other = posts.join("gardening-a-codebase.md");
    let other_before = std::fs::read(&other).unwrap();
    let out = postdesk(&["check", seed.to_str().unwrap(), "--fix", "--today", "2026-03-01"]);
    // The placeholder image has no safe fix, so an error is still left.
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let fixed = std::fs::read_to_string(&seed).unwrap();
    let pinned = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-fixed.md"),
    )
    .unwrap();
    assert_eq!(fixed, pinned);
    let stdout = String::from_utf8_lossy(&out.stdout);
    for rule in [
        "fixed fence-wrapper",
        "fixed h1-title",
        "fixed bold-heading",
        "fixed double-space",
        "fixed tag-style",
    ] {
        assert!(stdout.contains(rule), "{rule}: {stdout}");
    }
    let left: Vec<String> = diagnostics(
        &stdout.lines().filter(|l| !l.contains(": fixed ")).collect::<Vec<_>>().join("\n").into_bytes(),
    )
    .into_iter()
    .map(|d| d.4)
    .collect();
    assert_eq!(
        left,
        [
            "title-length",
            "year-drift",
            "year-drift",
            "placeholder-image",
            "stock-phrase",
            "stock-phrase",
            "in-conclusion",
            "stock-phrase"
        ],
        "what has no safe fix is left (style is the reviewer's call)"
    );
    assert_eq!(std::fs::read(&other).unwrap(), other_before, "only the named post is fixed");

    // Fixing again is a no-op, byte for byte.
    let out = postdesk(&["check", seed.to_str().unwrap(), "--fix", "--today", "2026-03-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stdout).contains(": fixed "));
    assert_eq!(std::fs::read_to_string(&seed).unwrap(), pinned);
}

#[test]
fn check_json_lists_problems_with_ranges_and_fixes() {
    let (_tmp, posts) = posts_copy();
    let out = postdesk(&["check", posts.to_str().unwrap(), "--json", "--today", "2026-03-01"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"], sample_post_count());
    assert_eq!(report["errors"], 2);
    let problems = report["problems"].as_array().unwrap();
    let fence = problems.iter().find(|p| p["rule"] == "fence-wrapper").unwrap();
    assert!(fence["path"].as_str().unwrap().ends_with(SEED));
    assert_eq!(
        (fence["severity"].as_str(), fence["line"].as_u64(), fence["start"].as_u64()),
        (Some("error"), Some(1), Some(0))
    );
    assert_eq!(fence["fix"]["label"], "Unwrap the fence");
    let year = problems.iter().find(|p| p["rule"] == "year-drift").unwrap();
    assert!(year["fix"].is_null());
    assert!(
        problems.iter().all(|p| p["path"].as_str().unwrap().ends_with(SEED)),
        "only the seed has problems"
    );
}

#[test]
fn a_clean_folder_exits_0_and_postdesk_toml_switches_rules() {
    let dir = tempfile::tempdir().unwrap();
    let body = "A paragraph of honest prose. ".repeat(30);
    let post = format!(
        "---\ntitle: A perfectly ordinary post\ndescription: A description that is long enough to satisfy the length check.\npubDate: 2025-01-02\ntags: [notes]\n---\n\n{body}\n"
    );
    std::fs::write(dir.path().join("ordinary.md"), &post).unwrap();
    let run = || postdesk(&["check", dir.path().to_str().unwrap(), "--today", "2026-03-01"]);
    let out = run();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(out.stdout.is_empty());

    // A future date is only a warning: still exit 0.
    std::fs::write(dir.path().join("ordinary.md"), post.replace("2025-01-02", "2027-01-02")).unwrap();
    let out = run();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("warning future-date"));

    // postdesk.toml: a declared required field makes an error; a switched-off rule is silent.
    std::fs::write(
        dir.path().join("postdesk.toml"),
        "required = [\"author\"]\n[checks.rules]\nfuture-date = false\n",
    )
    .unwrap();
    let out = run();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("error required-field: `author` is missing") && !stdout.contains("future-date"),
        "{stdout}"
    );
}

#[test]
fn a_bad_postdesk_toml_or_path_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "---\ntitle: T\n---\n").unwrap();
    std::fs::write(dir.path().join("postdesk.toml"), "[checks]\ntitle_min = 10\ntitel_max = 3\n").unwrap();
    let out = postdesk(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("postdesk.toml:3:1: unknown key `titel_max`"), "{stderr}");

    let out = postdesk(&["check", "/no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/folder"));
    let out = postdesk(&["check", dir.path().join("a.md").to_str().unwrap(), "--today", "tomorrow"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_file_that_is_not_utf8_is_reported_and_the_rest_is_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("latin1.md"), b"---\ntitle: Caf\xe9\n---\n").unwrap();
    std::fs::write(
        dir.path().join("wrapped.md"),
        "```markdown\n---\ntitle: Wrapped post title\n---\nBody.\n```\n",
    )
    .unwrap();
    let out = postdesk(&["check", dir.path().to_str().unwrap(), "--fix"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("latin1.md"));
    assert_eq!(std::fs::read(dir.path().join("latin1.md")).unwrap(), b"---\ntitle: Caf\xe9\n---\n");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wrapped.md")).unwrap(),
        "---\ntitle: Wrapped post title\n---\nBody.\n"
    );
}

#[test]
fn schema_json_describes_the_sample_folder() {
    let out = postdesk(&["schema", sample_posts().to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["posts"], sample_post_count());
    let fields = schema["fields"].as_array().unwrap();
    let title = fields.iter().find(|f| f["key"] == "title").unwrap();
    assert_eq!(
        (title["type"].as_str(), title["present"].as_u64(), title["role"].as_str()),
        (Some("text"), Some(sample_post_count() as u64), Some("title"))
    );
    let image = fields.iter().find(|f| f["key"] == "image").unwrap();
    assert_eq!(image["type"], "map");
    assert_eq!(image["subKeys"], serde_json::json!(["alt", "url"]));
    assert_eq!(schema["dateStyle"], "date");
    let markdown = schema["tags"].as_array().unwrap().iter().find(|t| t["value"] == "markdown").unwrap();
    assert_eq!(markdown["count"], 3);

    let human = postdesk(&["schema", sample_posts().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.lines().any(|l| l.starts_with("pubDate") && l.contains("date")), "{text}");
}

// ---------------------------------------------------------------------------------------------
// `postdesk export`

#[test]
fn export_writes_finished_posts_skips_drafts_and_refuses_errors() {
    let (tmp, posts) = posts_copy();
    let out = tmp.path().join("site");
    let run = |extra: &[&str]| {
        let mut args = vec!["export", posts.to_str().unwrap(), "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        postdesk(&args)
    };
    let result = run(&[]);
    assert_eq!(
        result.status.code(),
        Some(1),
        "the seed has errors: {}",
        String::from_utf8_lossy(&result.stdout)
    );
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(
        stdout.contains(&format!("skipped {}", posts.join(SEED).display())) && stdout.contains("--force"),
        "{stdout}"
    );
    assert!(stdout.contains("draft-keyboard-layouts.md: a draft"), "{stdout}");
    assert!(!out.join("draft-keyboard-layouts.md").exists() && !out.join(SEED).exists());
    // Every other post is byte-identical, and the local image next to a post is copied.
    for name in ["gardening-a-codebase.md", "windows-line-endings.md", "hugo-style-toml-notes.md"] {
        assert_eq!(
            std::fs::read(out.join(name)).unwrap(),
            std::fs::read(posts.join(name)).unwrap(),
            "{name}"
        );
    }
    assert!(out.join("images/desk-setup.png").is_file());

    // --fix --force: the seed goes out fixed (its source untouched), as `check --fix` pins it.
    let seed_before = std::fs::read(posts.join(SEED)).unwrap();
    let result = run(&["--fix", "--force"]);
    assert_eq!(result.status.code(), Some(0), "{}", String::from_utf8_lossy(&result.stdout));
    let pinned = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed-fixed.md"),
    )
    .unwrap();
    assert_eq!(std::fs::read_to_string(out.join(SEED)).unwrap(), pinned);
    assert_eq!(std::fs::read(posts.join(SEED)).unwrap(), seed_before);
    assert!(
        String::from_utf8_lossy(&result.stdout).contains("unchanged"),
        "a second export rewrites nothing"
    );
}

#[test]
fn export_never_overwrites_a_newer_destination_without_overwrite() {
    let (tmp, posts) = posts_copy();
    let out = tmp.path().join("site");
    let post = posts.join("gardening-a-codebase.md");
    let args = |extra: &'static [&'static str]| {
        let mut a = vec![
            "export".to_string(),
            post.to_str().unwrap().to_string(),
            "--out".to_string(),
            out.to_str().unwrap().to_string(),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let run = |extra: &'static [&'static str]| {
        let a = args(extra);
        postdesk(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    assert_eq!(run(&[]).status.code(), Some(0));
    let dest = out.join("gardening-a-codebase.md");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&dest, "edited in the site\n").unwrap();
    let result = run(&[]);
    assert!(String::from_utf8_lossy(&result.stdout).contains("--overwrite"));
    assert_eq!(std::fs::read_to_string(&dest).unwrap(), "edited in the site\n");
    assert_eq!(run(&["--overwrite"]).status.code(), Some(0));
    assert_eq!(std::fs::read(&dest).unwrap(), std::fs::read(&post).unwrap());

    // --rename slug names the file after the slug.
    let text = std::fs::read_to_string(&post).unwrap().replacen("---\n", "---\nslug: tending-code\n", 1);
    std::fs::write(&post, text).unwrap();
    assert_eq!(run(&["--rename", "slug"]).status.code(), Some(0));
    assert!(out.join("tending-code.md").is_file());
}

/// Issue 19 on the command line: `--rules machine-prose` runs that group alone (the seed's
/// stock phrases and conclusion are flagged, no human-written sample post gets an error); a
/// chat leftover is an error whose `--fix` removes the line; `--rules spelling,grammar` turns
/// harper on for English posts only, and the site's dictionary silences a word; an unknown
/// rule is a usage error that lists the rules.
#[test]
fn check_rules_runs_machine_prose_and_harper_on_english_posts() {
    let out = postdesk(&["check", sample_posts().to_str().unwrap(), "--rules", "machine-prose", "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let group = [
        "chat-leftover",
        "placeholder-text",
        "meta-line",
        "sign-off",
        "stock-phrase",
        "in-conclusion",
        "em-dash-density",
        "emoji-heading",
        "repeated-openings",
    ];
    let problems = report["problems"].as_array().unwrap();
    assert!(problems.iter().all(|p| group.contains(&p["rule"].as_str().unwrap())), "{report}");
    let seed: Vec<&str> = problems
        .iter()
        .filter(|p| p["path"].as_str().unwrap().ends_with("predictive-ai-in-healthcare.md"))
        .map(|p| p["rule"].as_str().unwrap())
        .collect();
    assert_eq!(seed.iter().filter(|r| **r == "stock-phrase").count(), 3, "{seed:?}");
    assert!(seed.contains(&"in-conclusion"), "{seed:?}");
    assert_eq!(report["errors"], 0, "no human-written sample post has a machine-prose error: {report}");

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("chat.md"),
        "---\ntitle: Small gardens\n---\n\nCertainly! Here is your blog post about small gardens:\n\nSmall gardens reward patience.\n",
    )
    .unwrap();
    let out = postdesk(&["check", dir.to_str().unwrap(), "--rules", "machine-prose"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("error chat-leftover"), "{out:?}");
    let out = postdesk(&["check", dir.to_str().unwrap(), "--rules", "machine-prose", "--fix"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        std::fs::read_to_string(dir.join("chat.md")).unwrap(),
        "---\ntitle: Small gardens\n---\n\nSmall gardens reward patience.\n"
    );

    // Harper: off by default, on when named; English only; the site's words known.
    std::fs::write(dir.join("typo.md"), "---\ntitle: Typo\n---\n\nThe fox jumpd over the Postdeskk gate.\n")
        .unwrap();
    std::fs::write(
        dir.join("fr.md"),
        "---\ntitle: Renard\nlang: fr\n---\n\nLe renard saute par-dessus la barriere.\n",
    )
    .unwrap();
    let rules = |extra: &[&str]| -> Vec<(String, String)> {
        let mut args = vec!["check", dir.to_str().unwrap(), "--json"];
        args.extend_from_slice(extra);
        let report: Value = serde_json::from_slice(&postdesk(&args).stdout).unwrap();
        report["problems"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["rule"] == "spelling" || p["rule"] == "grammar")
            .map(|p| {
                (
                    p["path"].as_str().unwrap().rsplit('/').next().unwrap().to_string(),
                    p["rule"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert!(rules(&[]).is_empty(), "spelling is off unless postdesk.toml or --rules turns it on");
    let found = rules(&["--rules", "spelling,grammar"]);
    assert_eq!(found.iter().filter(|(p, r)| p == "typo.md" && r == "spelling").count(), 2, "{found:?}");
    assert!(found.iter().all(|(p, _)| p != "fr.md"), "no English lints on a French post: {found:?}");
    std::fs::write(dir.join("postdesk.toml"), "[prose]\nspelling = true\nwords = [\"Postdeskk\"]\n").unwrap();
    let found = rules(&[]);
    assert_eq!(
        found,
        [("typo.md".to_string(), "spelling".to_string())],
        "on in postdesk.toml, the site's word known"
    );

    let out = postdesk(&["check", dir.to_str().unwrap(), "--rules", "machine-prose,nonsense"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("`nonsense`") && said.contains("machine-prose") && said.contains("stock-phrase"),
        "{said}"
    );
}

/// Issue 20 on the command line: `set PATH... KEY VALUE` over a folder of YAML (CRLF), TOML and
/// JSON posts changes only that key's lines in each file; `--where` narrows it; `--dry-run`
/// writes nothing; a post whose front matter does not parse is skipped with its reason; files
/// and folders can be mixed, each post edited once.
#[test]
fn set_edits_many_posts_losslessly_with_where_and_dry_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("posts");
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        ("crlf.md", "---\r\ntitle: Windows # kept\r\ndraft: true\r\ntags: [a]\r\n---\r\nBody.\r\n"),
        ("toml.md", "+++\ntitle = \"Toml\" # kept\ndraft = true\n+++\nBody.\n"),
        ("json.md", "{\n  \"title\": \"Json\",\n  \"draft\": true\n}\nBody.\n"),
        ("published.md", "---\ntitle: Out\ndraft: false\n---\nBody.\n"),
        ("broken.md", "---\ntitle: [unclosed\ndraft: true\n---\nBody.\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let d = dir.to_str().unwrap();

    // A dry run names what would change and writes nothing.
    let out = postdesk(&["set", d, "draft", "false", "--where", "draft=true", "--dry-run"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(said.lines().filter(|l| l.starts_with("would change ")).count(), 3, "{said}");
    for (name, text) in files {
        assert_eq!(read(name), text, "{name} untouched by a dry run");
    }

    let out = postdesk(&["set", d, "draft", "false", "--where", "draft=true"]);
    assert_eq!(out.status.code(), Some(2), "one post was skipped: {out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(said.lines().filter(|l| l.starts_with("changed ")).count(), 3, "{said}");
    let errors = String::from_utf8_lossy(&out.stderr);
    assert!(errors.contains("broken.md: skipped:") && errors.contains("line "), "{errors}");
    assert!(errors.contains("3 changed, 0 unchanged, 1 skipped, 1 not matching --where"), "{errors}");
    assert_eq!(read("crlf.md"), files[0].1.replace("draft: true", "draft: false"));
    assert_eq!(read("toml.md"), files[1].1.replace("draft = true", "draft = false"));
    assert_eq!(read("json.md"), files[2].1.replace("\"draft\": true", "\"draft\": false"));
    assert_eq!(read("published.md"), files[3].1);
    assert_eq!(read("broken.md"), files[4].1);

    // A file and its folder named together: each post once; a no-op set is "unchanged".
    let file = dir.join("published.md");
    let out = postdesk(&["set", file.to_str().unwrap(), d, "draft", "false", "--where", "title=Out"]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(said.lines().collect::<Vec<_>>(), [format!("unchanged {}", file.display())], "{said}");

    let out = postdesk(&["set", d, "draft", "false", "--where", "draft"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("KEY=VALUE"));
}

/// `set` on a site root with `--collection` edits that collection's posts only, and an unknown
/// collection is named in the refusal with the ones there are.
#[test]
fn set_with_collection_edits_only_that_collection() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("astro");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sites/astro");
    assert!(Command::new("cp").arg("-r").arg(fixture).arg(&site).status().unwrap().success());
    let out =
        postdesk(&["set", site.to_str().unwrap(), "reviewed", "true", "--collection", "docs", "--dry-run"]);
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 3, "the three docs: {said}");
    assert!(
        lines.iter().all(|l| l.starts_with("would change ") && l.contains("src/content/docs/")),
        "{said}"
    );
    // Options may come anywhere, as writers type them: before the key, between the paths.
    let out =
        postdesk(&["set", site.to_str().unwrap(), "--collection", "docs", "reviewed", "true", "--dry-run"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
    // `.` from inside the site, as typed in a terminal: the same three docs, not nothing.
    let out = Command::new(env!("CARGO_BIN_EXE_postdesk"))
        .args(["set", ".", "reviewed", "true", "--collection", "docs", "--dry-run"])
        .current_dir(&site)
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3, "{out:?}");
    // A folder with no post says so, rather than printing nothing.
    std::fs::create_dir_all(site.join("empty")).unwrap();
    let out = postdesk(&["set", site.join("empty").to_str().unwrap(), "reviewed", "true"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no posts"), "{out:?}");
    let out = postdesk(&["set", site.to_str().unwrap(), "--collection", "nope", "reviewed", "true"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("`nope`") && said.contains("blog") && said.contains("docs"), "{said}");
}
