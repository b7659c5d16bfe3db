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

// ---- Publishing from the window: commit, push, pull, history and conflicts -------------------

use postdesk::content::conflicts::{ConflictChoice, ConflictSegment};
use postdesk::content::git::{GitOp, GitState};
use postdesk::content::line_changes::{LineChange, LineChangeKind};
use postdesk::workspace::publish::{self, CommitFileKind, CommitOutcome, CommitRequest};
use postdesk::workspace::store::{self, BaseTexts, ExternalChange, SaveRequest};

fn git_out(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn long_post(title: &str, paragraphs: &[&str]) -> String {
    format!("---\ntitle: {title}\ndate: 2024-05-01\n---\n\n{}\n", paragraphs.join("\n\n"))
}

const FIRST: &str = "The first paragraph has enough words in it to be a real paragraph of a post.";
const MIDDLE: &str = "The middle paragraph keeps the two edits apart, so that they merge cleanly.";
const LAST: &str = "The last paragraph closes the post with a few more words for the checks.";

/// A bare repository on disk as the remote ("origin"), a writer's clone and a teammate's, each
/// with its own identity, and three posts pushed from the writer.
struct Team {
    _tmp: tempfile::TempDir,
    remote: std::path::PathBuf,
    writer: std::path::PathBuf,
    teammate: std::path::PathBuf,
}

fn team() -> Team {
    let tmp = tempfile::tempdir().unwrap();
    let remote = tmp.path().join("remote.git");
    git(tmp.path(), &["init", "-q", "--bare", "-b", "main", remote.to_str().unwrap()]);
    let writer = tmp.path().join("writer");
    let teammate = tmp.path().join("teammate");
    git(tmp.path(), &["clone", "-q", remote.to_str().unwrap(), writer.to_str().unwrap()]);
    git(&writer, &["config", "user.name", "Writer"]);
    git(&writer, &["config", "user.email", "writer@example.org"]);
    for name in ["alpha", "beta", "gamma"] {
        write(&writer, &format!("site/posts/{name}.md"), &long_post(name, &[FIRST, MIDDLE, LAST]));
    }
    git(&writer, &["add", "-A"]);
    git(&writer, &["commit", "-q", "-m", "Three posts"]);
    git(&writer, &["push", "-q", "-u", "origin", "main"]);
    git(tmp.path(), &["clone", "-q", remote.to_str().unwrap(), teammate.to_str().unwrap()]);
    git(&teammate, &["config", "user.name", "Teammate"]);
    git(&teammate, &["config", "user.email", "teammate@example.org"]);
    Team { _tmp: tmp, remote, writer, teammate }
}

fn files_in(dir: &Path, rev: &str) -> Vec<String> {
    let out = git_out(dir, &["show", "--name-only", "--format=", rev]);
    out.lines().map(str::to_string).collect()
}

#[test]
fn a_writer_commits_one_post_pushes_and_pulls_a_teammate_s_change_with_nothing_lost() {
    let team = team();
    let site = team.writer.join("site");
    let (library, _deltas) = crate::support::start_library(&site);

    // Two posts edited, an image added for the first, and a third post with an error.
    write(
        &site,
        "posts/alpha.md",
        &long_post("Alpha, rewritten", &[FIRST, MIDDLE, LAST, "![A chart](img/chart.png)"]),
    );
    write(&site, "posts/img/chart.png", "not really a png");
    write(
        &site,
        "posts/beta.md",
        &long_post("Beta", &[FIRST, "A new middle for beta, with enough words.", LAST]),
    );
    write(&site, "posts/delta.md", "```markdown\n---\ntitle: Delta\n---\n\nWrapped in a fence.\n```\n");

    let plan = publish::commit_plan(&library).unwrap();
    let listed: Vec<(&str, GitState, CommitFileKind, Option<&str>)> =
        plan.files.iter().map(|f| (f.path.as_str(), f.state, f.kind, f.post.as_deref())).collect();
    assert_eq!(
        listed,
        [
            ("posts/alpha.md", GitState::Modified, CommitFileKind::Post, None),
            ("posts/img/chart.png", GitState::New, CommitFileKind::Image, Some("posts/alpha.md")),
            ("posts/beta.md", GitState::Modified, CommitFileKind::Post, None),
            ("posts/delta.md", GitState::New, CommitFileKind::Post, None),
        ],
        "{plan:#?}"
    );
    assert_eq!(plan.files[0].title.as_deref(), Some("Alpha, rewritten"));
    let delta = &plan.files[3];
    assert!(delta.errors > 0 && delta.first_errors.iter().any(|e| e.contains("fence")), "{delta:?}");
    assert_eq!(plan.branch.head.as_deref(), Some("main"));

    // Errors block the commit unless the writer overrides; nothing is committed meanwhile.
    let head_before = git_out(&team.writer, &["rev-parse", "HEAD"]);
    let blocked =
        publish::blocked_posts(&library, &["posts/delta.md".into(), "posts/beta.md".into()]).unwrap();
    assert_eq!(blocked.iter().map(|b| b.path.as_str()).collect::<Vec<_>>(), ["posts/delta.md"]);
    assert_eq!(git_out(&team.writer, &["rev-parse", "HEAD"]), head_before);

    // Commit exactly alpha and its image: beta stays modified, delta untracked.
    let request = CommitRequest {
        paths: vec!["posts/alpha.md".into(), "posts/img/chart.png".into()],
        message: "Update: Alpha, rewritten".into(),
        override_errors: false,
    };
    let CommitOutcome::Committed { summary, short, .. } = publish::commit(&site, &request).unwrap() else {
        panic!("blocked")
    };
    assert_eq!(summary, "Update: Alpha, rewritten");
    assert_eq!(git_out(&team.writer, &["rev-parse", "--short=7", "HEAD"]), short);
    assert_eq!(files_in(&team.writer, "HEAD"), ["site/posts/alpha.md", "site/posts/img/chart.png"]);
    let status = git_out(&team.writer, &["status", "--porcelain"]);
    assert!(status.contains("M site/posts/beta.md") && status.contains("?? site/posts/delta.md"), "{status}");

    // Push: the bare remote has the commit, and git's progress came through.
    let mut progress = Vec::new();
    let pushed = publish::push(&site, &mut |p| progress.push(p)).unwrap();
    assert_eq!(pushed.op, GitOp::Push);
    assert_eq!(git_out(&team.remote, &["log", "-1", "--format=%s", "main"]), "Update: Alpha, rewritten");
    assert!(progress.iter().any(|p| p.percent == Some(100)), "{progress:?}");

    // The teammate changes gamma's last paragraph and pushes.
    git(&team.teammate, &["pull", "-q"]);
    write(
        &team.teammate,
        "site/posts/gamma.md",
        &long_post("gamma", &[FIRST, MIDDLE, "The teammate rewrote the ending of gamma."]),
    );
    git(&team.teammate, &["commit", "-q", "-am", "Teammate: a new ending for gamma"]);
    git(&team.teammate, &["push", "-q"]);

    // Meanwhile the writer has gamma open with an unsaved edit to its first paragraph.
    let bases = BaseTexts::default();
    let (doc, text) = store::open_with_text(&site, "posts/gamma.md").unwrap();
    bases.remember(&doc.base_hash, text.unwrap());
    let mine = doc.body.replace(FIRST, "The writer's unsaved opening, which must survive the pull.");
    let buffer = SaveRequest {
        path: "posts/gamma.md".into(),
        base_hash: doc.base_hash.clone(),
        body: Some(mine),
        ..SaveRequest::default()
    };

    // Pull (fast-forward: beta's and delta's saved changes are in other files).
    let pulled = publish::pull(&site, &mut |_| {}).unwrap();
    assert_eq!(pulled.changed, ["posts/gamma.md"]);
    let on_disk = std::fs::read_to_string(site.join("posts/gamma.md")).unwrap();
    assert!(on_disk.contains("The teammate rewrote the ending"));
    match store::external_change(&site, &bases, &buffer).unwrap() {
        ExternalChange::Merged { body, .. } => {
            assert!(body.contains("The writer's unsaved opening"), "{body}");
            assert!(body.contains("The teammate rewrote the ending"), "{body}");
        }
        other => panic!("expected a clean merge, got {other:?}"),
    }
    // Beta's saved edit was never touched.
    assert!(std::fs::read_to_string(site.join("posts/beta.md")).unwrap().contains("A new middle for beta"));
}

#[test]
fn a_diverged_pull_is_refused_fast_forward_only_and_a_conflicting_merge_is_resolved_and_committed() {
    let team = team();
    let site = team.writer.join("site");

    // Both change alpha's first paragraph; the teammate pushes first.
    git(&team.teammate, &["pull", "-q"]);
    write(&team.teammate, "site/posts/alpha.md", &long_post("alpha", &["Their opening.", MIDDLE, LAST]));
    git(&team.teammate, &["commit", "-q", "-am", "Their opening"]);
    git(&team.teammate, &["push", "-q"]);
    write(&team.writer, "site/posts/alpha.md", &long_post("alpha", &["My opening.", MIDDLE, LAST]));
    let (library, _deltas) = crate::support::start_library(&site);
    let CommitOutcome::Committed { .. } = publish::commit(
        &site,
        &CommitRequest {
            paths: vec!["posts/alpha.md".into()],
            message: "My opening".into(),
            override_errors: false,
        },
    )
    .unwrap() else {
        panic!("blocked")
    };
    let head = git_out(&team.writer, &["rev-parse", "HEAD"]);

    // Push is rejected (the remote has a commit the writer lacks), with what to do.
    let refused = publish::push(&site, &mut |_| {}).unwrap_err().to_string();
    assert!(refused.contains("Pull first"), "{refused}");

    // Without a configured pull, Postdesk pulls fast-forward only: refused, nothing changed.
    let refused = publish::pull(&site, &mut |_| {}).unwrap_err().to_string();
    assert!(refused.contains("both have new commits") && refused.contains("pull.rebase"), "{refused}");
    assert_eq!(git_out(&team.writer, &["rev-parse", "HEAD"]), head);
    assert!(std::fs::read_to_string(site.join("posts/alpha.md")).unwrap().contains("My opening."));

    // The writer's repository says to merge: the pull stops on the conflict.
    git(&team.writer, &["config", "pull.rebase", "false"]);
    let stopped = publish::pull(&site, &mut |_| {}).unwrap_err().to_string();
    assert!(stopped.contains("merge-conflict"), "{stopped}");
    let text = std::fs::read_to_string(site.join("posts/alpha.md")).unwrap();
    assert!(text.contains("<<<<<<< HEAD") && text.contains(">>>>>>> "), "{text}");

    // The check flags it, in the CLI too.
    let problems = library.with_checks(|c| c.check("posts/alpha.md", &text)).unwrap();
    assert!(problems.iter().any(|p| p.rule == "merge-conflict"), "{problems:?}");
    let out = postdesk(&["check", site.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"merge-conflict\""), "{out:?}");

    // Resolved with both openings, through the hash-guarded write.
    let view = publish::conflict_view(&library, "posts/alpha.md").unwrap();
    let conflicts: Vec<&ConflictSegment> =
        view.segments.iter().filter(|s| matches!(s, ConflictSegment::Conflict { .. })).collect();
    assert_eq!(conflicts.len(), 1, "{view:?}");
    let stale = publish::resolve_conflicts(
        &library,
        &BaseTexts::default(),
        "posts/alpha.md",
        "not-the-hash",
        &[ConflictChoice::Both],
    );
    assert!(stale.is_err(), "a stale hash writes nothing");
    let doc = publish::resolve_conflicts(
        &library,
        &BaseTexts::default(),
        "posts/alpha.md",
        &view.hash,
        &[ConflictChoice::Both],
    )
    .unwrap();
    assert!(
        doc.body.contains("My opening.\nTheir opening.")
            || doc.body.contains("My opening.\n\nTheir opening."),
        "{}",
        doc.body
    );
    let resolved = std::fs::read_to_string(site.join("posts/alpha.md")).unwrap();
    assert!(!resolved.contains("<<<<<<<") && resolved.contains(MIDDLE) && resolved.contains(LAST));

    // Committing the resolved post concludes the merge, and the push goes through.
    let CommitOutcome::Committed { .. } = publish::commit(
        &site,
        &CommitRequest {
            paths: vec!["posts/alpha.md".into()],
            message: "Merge both openings".into(),
            override_errors: false,
        },
    )
    .unwrap() else {
        panic!("blocked")
    };
    assert_eq!(git_out(&team.writer, &["rev-list", "--count", "--merges", "HEAD"]), "1");
    assert_eq!(git_out(&team.writer, &["status", "--porcelain"]), "");
    publish::push(&site, &mut |_| {}).unwrap();
    assert_eq!(git_out(&team.remote, &["log", "-1", "--format=%s", "main"]), "Merge both openings");
}

#[test]
fn a_failing_pre_commit_hook_stops_the_commit_with_its_own_message() {
    let (_tmp, top) = repo();
    let site = top.join("site");
    let hook = top.join(".git/hooks/pre-commit");
    std::fs::write(&hook, "#!/bin/sh\necho 'house style: no exclamation marks in titles' >&2\nexit 1\n")
        .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    write(&top, "site/posts/alpha.md", &post("Alpha!"));
    let head = git_out(&top, &["rev-parse", "HEAD"]);
    let request = CommitRequest {
        paths: vec!["posts/alpha.md".into()],
        message: "Update: Alpha!".into(),
        override_errors: true,
    };
    let said = publish::commit(&site, &request).unwrap_err().to_string();
    assert!(said.contains("house style: no exclamation marks"), "git's own words: {said}");
    assert!(said.contains("hook"), "what to do: {said}");
    assert_eq!(git_out(&top, &["rev-parse", "HEAD"]), head, "nothing committed");
    assert!(
        std::fs::read_to_string(site.join("posts/alpha.md")).unwrap().contains("Alpha!"),
        "the file is as it was"
    );
}

#[test]
fn history_follows_a_rename_and_compare_and_gutter_show_the_change() {
    let (_tmp, top) = repo();
    let site = top.join("site");
    write(&top, "site/posts/alpha.md", &long_post("alpha", &[FIRST, MIDDLE]));
    git(&top, &["commit", "-q", "-am", "Alpha grows"]);
    git(&top, &["mv", "site/posts/alpha.md", "site/posts/renamed.md"]);
    git(&top, &["commit", "-q", "-m", "Rename alpha"]);
    let (library, _deltas) = crate::support::start_library(&site);

    let history = publish::history(&library, "posts/renamed.md").unwrap();
    let subjects: Vec<&str> = history.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(subjects, ["Rename alpha", "Alpha grows", "Three posts"]);
    assert_eq!(history[2].path, "posts/alpha.md", "the path it had then");
    let first = publish::version(&library, &history[2].path, &history[2].hash).unwrap();
    assert_eq!(first.text, post("alpha"));
    assert_eq!(first.restore.body.as_deref(), Some("\nShort body.\n"));

    // The buffer against HEAD: the diff and the gutter's lines.
    let (doc, _) = store::open_with_text(&site, "posts/renamed.md").unwrap();
    let body = doc.body.replace(FIRST, "A changed opening.") + "\nA new last line.\n";
    let request = SaveRequest {
        path: "posts/renamed.md".into(),
        base_hash: doc.base_hash.clone(),
        body: Some(body.clone()),
        ..SaveRequest::default()
    };
    let compare = publish::compare(&library, &request, None).unwrap();
    assert!(
        compare.existed && compare.label.starts_with("HEAD · ") && compare.label.ends_with("Rename alpha"),
        "{compare:?}"
    );
    assert!(
        compare.diff.contains(&format!("-{FIRST}")) && compare.diff.contains("+A changed opening."),
        "{}",
        compare.diff
    );
    let against_first = publish::compare(&library, &request, Some(&history[2].hash)).unwrap();
    assert!(!against_first.existed, "renamed.md did not exist then");
    let lines = publish::body_changes(&library, "posts/renamed.md", &body).unwrap();
    let kinds: Vec<LineChangeKind> = lines.iter().map(|l: &LineChange| l.kind).collect();
    assert_eq!(kinds, [LineChangeKind::Modified, LineChangeKind::Added], "{lines:?}");
    assert_eq!((lines[0].from, lines[0].to), (2, 2), "{lines:?}");
    assert!(publish::body_changes(&library, "posts/renamed.md", &doc.body).unwrap().is_empty());
}
