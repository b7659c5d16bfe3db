//! Git on real repositories made in temp folders (`git init`, commits, a branch), with
//! `user.name` and `user.email` set in each repository only: `postdesk check --changed` checks
//! only what changed (working tree against HEAD, untracked included, or since a ref), `list
//! --json` carries each post's git state, and a missing git or a folder outside a repository
//! says so.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A post with a problem the checks report (a body too short), so being checked shows.
fn post(title: &str) -> String {
    format!("---\ntitle: {title} for the git tests\ndate: 2024-05-01\n---\n\nShort body.\n")
}

/// A repository with a site in `site/` (a subfolder, as in many repositories) and three
/// committed posts.
fn repo() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let top = tmp.path().join("repo");
    std::fs::create_dir_all(&top).unwrap();
    git(&top, &["init", "-q", "-b", "main"]);
    git(&top, &["config", "user.name", "Postdesk Test"]);
    git(&top, &["config", "user.email", "test@example.org"]);
    for name in ["alpha", "beta", "gamma"] {
        write(&top, &format!("site/posts/{name}.md"), &post(name));
    }
    git(&top, &["add", "-A"]);
    git(&top, &["commit", "-q", "-m", "Three posts"]);
    (tmp, top)
}

fn postdesk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_postdesk")).args(args).output().unwrap()
}

fn checked_files(site: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["check", site.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let out = postdesk(&args);
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("check {extra:?}: {}", String::from_utf8_lossy(&out.stderr)));
    let mut files: Vec<String> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap().rsplit('/').next().unwrap().to_string())
        .collect();
    files.dedup();
    files
}

#[test]
fn check_changed_checks_only_the_posts_git_says_changed() {
    let (_tmp, top) = repo();
    let site = top.join("site");
    assert_eq!(checked_files(&site, &[]), ["alpha.md", "beta.md", "gamma.md"]);
    assert!(checked_files(&site, &["--changed"]).is_empty(), "nothing changed yet");

    write(&top, "site/posts/beta.md", &post("beta, edited"));
    write(&top, "site/posts/delta.md", &post("delta, new"));
    assert_eq!(checked_files(&site, &["--changed"]), ["beta.md", "delta.md"], "modified and untracked");

    // Committed on a branch: since main, both still count; the working tree alone, none.
    git(&top, &["checkout", "-q", "-b", "edits"]);
    git(&top, &["add", "-A"]);
    git(&top, &["commit", "-q", "-m", "Edit beta, add delta"]);
    assert!(checked_files(&site, &["--changed"]).is_empty());
    assert_eq!(checked_files(&site, &["--changed", "main"]), ["beta.md", "delta.md"]);

    // A deleted post is not checked (there is nothing to check).
    std::fs::remove_file(top.join("site/posts/gamma.md")).unwrap();
    assert!(checked_files(&site, &["--changed"]).is_empty());
}

#[test]
fn list_json_carries_each_post_s_git_state() {
    let (_tmp, top) = repo();
    write(&top, "site/posts/alpha.md", &post("alpha, edited"));
    write(&top, "site/posts/new.md", &post("new"));
    write(&top, "site/posts/beta.md", &post("beta, staged"));
    git(&top, &["add", "site/posts/beta.md"]);
    let out = postdesk(&["list", top.join("site").to_str().unwrap(), "--json"]);
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let states: Vec<(String, String)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["path"].as_str().unwrap().to_string(), p["git"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        states,
        [
            ("posts/alpha.md".to_string(), "modified".to_string()),
            ("posts/beta.md".into(), "staged".into()),
            ("posts/gamma.md".into(), "clean".into()),
            ("posts/new.md".into(), "new".into()),
        ]
    );
}

#[test]
fn outside_a_repository_or_without_git_it_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "posts/a.md", &post("a"));
    let out = postdesk(&["check", tmp.path().join("posts").to_str().unwrap(), "--changed"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not inside a git repository"), "{out:?}");
    let list = postdesk(&["list", tmp.path().join("posts").to_str().unwrap(), "--json"]);
    let list: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert!(list[0].get("git").is_none(), "no git state outside a repository: {list}");

    // A PATH without git: the message names git and how to install it.
    let (_repo_tmp, top) = repo();
    let out = Command::new(env!("CARGO_BIN_EXE_postdesk"))
        .args(["check", top.join("site").to_str().unwrap(), "--changed"])
        .env("PATH", tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("git is not installed") && said.contains("apt-get install git"), "{said}");
}
