//! The writer's own `git`, run as a program so that their credentials, hooks, signing and
//! config apply exactly as in their terminal (the approach of VS Code and lazygit). Reads its
//! machine formats (`content::git` parses them). A machine without git, or a site outside a
//! repository, simply has no git: callers show why and go on.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::content::git::{self, GitCommit, GitOp, GitProgress, GitStatus};

use super::error::WorkspaceError;

/// A repository, seen from a folder inside it.
#[derive(Debug, Clone)]
pub struct Repo {
    /// The repository's top folder.
    pub top: PathBuf,
    /// The folder the caller asked about (a site root inside the repository).
    pub dir: PathBuf,
}

fn git_error(dir: &Path, message: String) -> WorkspaceError {
    WorkspaceError::Git { path: dir.to_path_buf(), message }
}

/// `git -C dir ARGS`, set up for running without a terminal.
fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("git");
    command
        // Reading never writes: `status` would refresh the index, which the watcher would see
        // as a change, which would read git again.
        .arg("--no-optional-locks")
        .arg("-C")
        .arg(dir)
        .args(args)
        // Never wait on a prompt: Postdesk has no terminal to answer it from. An SSH key's
        // passphrase comes from the writer's agent, a password from their credential helper.
        .env("GIT_TERMINAL_PROMPT", "0")
        // A merge a configured pull makes takes git's message instead of opening an editor.
        .env("GIT_MERGE_AUTOEDIT", "no")
        .stdin(Stdio::null());
    command
}

fn spawn_error(dir: &Path, e: std::io::Error) -> WorkspaceError {
    match e.kind() {
        std::io::ErrorKind::NotFound => git_error(
            dir,
            "git is not installed (or not on PATH); install it (Debian: apt-get install git) to use git from Postdesk"
                .into(),
        ),
        _ => git_error(dir, format!("git could not be run: {e}")),
    }
}

/// Runs `git -C dir ARGS` and returns its standard output, or git's own message.
fn run(dir: &Path, args: &[&str]) -> Result<Vec<u8>, WorkspaceError> {
    let out = command(dir, args).output().map_err(|e| spawn_error(dir, e))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
        Err(git_error(dir, format!("git {} failed: {said}", args.first().copied().unwrap_or(""))))
    }
}

/// What a finished git command said, both streams in order of arrival where it matters.
struct Said {
    ok: bool,
    /// Standard output then standard error, trimmed.
    text: String,
}

/// Runs a git command that writes, keeping what it said on both streams (a hook prints to
/// either).
fn run_said(dir: &Path, args: &[&str]) -> Result<Said, WorkspaceError> {
    let out = command(dir, args).output().map_err(|e| spawn_error(dir, e))?;
    let mut text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let err = String::from_utf8_lossy(&out.stderr);
    if !err.trim().is_empty() {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(err.trim());
    }
    Ok(Said { ok: out.status.success(), text })
}

/// Runs a git command that talks to a remote or writes, reporting each progress line of its
/// standard error (`--progress` splits them with carriage returns) as it arrives.
fn run_streaming(
    dir: &Path,
    args: &[&str],
    op: GitOp,
    on_progress: &mut dyn FnMut(GitProgress),
) -> Result<Said, WorkspaceError> {
    let mut child = command(dir, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| spawn_error(dir, e))?;
    let mut stdout = child.stdout.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let mut stderr = child.stderr.take().expect("piped");
    let mut said = Vec::new();
    let mut line = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = match stderr.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        for &byte in &buf[..n] {
            if byte == b'\r' || byte == b'\n' {
                let text = String::from_utf8_lossy(&line).to_string();
                if let Some(progress) = git::parse_progress(op, &text) {
                    // Only the last state of a progress line is worth keeping in the summary.
                    if progress.percent.is_none() || byte == b'\n' {
                        said.extend_from_slice(&line);
                        said.push(b'\n');
                    }
                    on_progress(progress);
                }
                line.clear();
            } else {
                line.push(byte);
            }
        }
    }
    if !line.is_empty() {
        said.extend_from_slice(&line);
    }
    let status = child.wait().map_err(|e| spawn_error(dir, e))?;
    let out = reader.join().unwrap_or_default();
    let mut text = String::from_utf8_lossy(&out).trim().to_string();
    let err = String::from_utf8_lossy(&said).trim().to_string();
    if !err.is_empty() {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&err);
    }
    Ok(Said { ok: status.success(), text })
}

/// What to do after git refused, by what it said (None: git's message says it all).
fn advice(said: &str) -> Option<&'static str> {
    let has = |s: &str| said.contains(s);
    if has("Please tell me who you are") || has("unable to auto-detect email address") {
        Some("Git does not know who you are yet: run git config --global user.name \"Your Name\" and git config --global user.email you@example.com in a terminal, then try again.")
    } else if has("Not possible to fast-forward") || has("diverging branches") || has("have diverged") {
        Some("Your branch and the remote both have new commits. Pull from a terminal with git pull --rebase (or --no-rebase), or set pull.rebase in the repository's config, which Postdesk then follows.")
    } else if has("would be overwritten by merge")
        || has("would be overwritten by checkout")
        || has("cannot pull with rebase: You have unstaged changes")
    {
        Some("Saved changes that are not committed are in the way. Commit those posts (or stash them in a terminal), then pull again. Nothing was changed.")
    } else if has("[rejected]") || has("failed to push some refs") {
        Some("The remote has commits you do not have yet. Pull first, then push again.")
    } else if has("Could not read from remote repository")
        || has("Authentication failed")
        || has("could not read Username")
        || has("Permission denied")
    {
        Some("Git could not sign in to the remote. Postdesk uses your own git setup: check that git push works in a terminal (an SSH agent or a credential helper), then try again.")
    } else if has("nothing to commit") || has("no changes added to commit") {
        Some("These files have no changes to commit.")
    } else if has("you have unmerged files") || has("unmerged files") {
        Some("Some files still have merge conflicts. Resolve every post with a merge-conflict problem (and any other file git lists) and commit them together.")
    } else if has("CONFLICT") || has("Automatic merge failed") {
        Some("The pull left merge conflicts. Each post with conflict markers now has a merge-conflict problem: resolve it (mine, theirs or both), then commit.")
    } else {
        None
    }
}

fn refused(dir: &Path, what: &str, said: &str, otherwise: &str) -> WorkspaceError {
    let advice = advice(said).unwrap_or(otherwise);
    git_error(dir, format!("git {what} failed:\n{said}\n\n{advice}"))
}

impl Repo {
    /// The repository `dir` is inside; None when it is in none. An error when git is missing.
    pub fn find(dir: &Path) -> Result<Option<Repo>, WorkspaceError> {
        match run(dir, &["rev-parse", "--show-toplevel"]) {
            Ok(out) => {
                let top = PathBuf::from(String::from_utf8_lossy(&out).trim());
                let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
                Ok(Some(Repo { top: std::fs::canonicalize(&top).unwrap_or(top), dir }))
            }
            Err(WorkspaceError::Git { message, .. }) if message.contains("not a git repository") => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The status of the files under the caller's folder, with the branch.
    pub fn status(&self) -> Result<GitStatus, WorkspaceError> {
        let out = run(
            &self.dir,
            &["status", "--porcelain=v2", "-z", "--branch", "--untracked-files=all", "--", "."],
        )?;
        Ok(git::parse_status(&out))
    }

    /// A path from the repository's top, relative to the caller's folder (None outside it).
    pub fn relative(&self, from_top: &str) -> Option<String> {
        let absolute = self.top.join(from_top);
        absolute.strip_prefix(&self.dir).ok().map(|p| p.to_string_lossy().replace('\\', "/"))
    }

    /// The files under the caller's folder that changed since `reference` (a commit, branch or
    /// `origin/main`: committed or not), or, with None, the working tree's changes against
    /// HEAD; untracked files included, deleted ones not. Relative to the caller's folder.
    pub fn changed_since(&self, reference: Option<&str>) -> Result<BTreeSet<String>, WorkspaceError> {
        let mut changed = BTreeSet::new();
        if let Some(reference) = reference {
            let out = run(
                &self.dir,
                &["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", reference, "--", "."],
            )?;
            changed.extend(git::parse_names(&out).iter().filter_map(|p| self.relative(p)));
        }
        for entry in self.status()?.entries {
            if entry.state != git::GitState::Deleted {
                changed.extend(self.relative(&entry.path));
            }
        }
        Ok(changed)
    }

    /// A site-relative path as a pathspec from the caller's folder (`./` keeps `git show
    /// REV:./path` relative to it rather than to the top).
    fn spec(rel: &str) -> String {
        format!("./{rel}")
    }

    /// The file at `rel` (site-relative) as `rev` holds it; None when `rev` has no such file
    /// (a new post) or there is no commit yet.
    pub fn show(&self, rev: &str, rel: &str) -> Result<Option<Vec<u8>>, WorkspaceError> {
        let object = format!("{rev}:{}", Self::spec(rel));
        let out = command(&self.dir, &["cat-file", "blob", &object])
            .output()
            .map_err(|e| spawn_error(&self.dir, e))?;
        if out.status.success() {
            return Ok(Some(out.stdout));
        }
        let said = String::from_utf8_lossy(&out.stderr);
        // Git's words for "no such file in that version" and "no commits yet".
        if said.contains("does not exist")
            || said.contains("exists on disk, but not in")
            || said.contains("invalid object name")
            || said.contains("Not a valid object name")
        {
            Ok(None)
        } else {
            Err(git_error(&self.dir, format!("git cat-file failed: {}", said.trim())))
        }
    }

    /// The commits that changed the post at `rel`, newest first, following renames; each with
    /// the post's site-relative path at that commit. At most `limit`.
    pub fn log(&self, rel: &str, limit: usize) -> Result<Vec<GitCommit>, WorkspaceError> {
        let format = format!("--format={}", git::LOG_FORMAT);
        let max = format!("--max-count={limit}");
        let spec = Self::spec(rel);
        let out = match run(&self.dir, &["log", "--follow", "-z", "--name-only", &format, &max, "--", &spec])
        {
            Ok(out) => out,
            // A repository without commits has no history.
            Err(WorkspaceError::Git { message, .. }) if message.contains("does not have any commits") => {
                Vec::new()
            }
            Err(e) => return Err(e),
        };
        Ok(git::parse_log(&out)
            .into_iter()
            .map(|mut commit| {
                commit.path = self.relative(&commit.path).unwrap_or_else(|| rel.to_string());
                commit
            })
            .collect())
    }

    /// One commit, read with `format` (`--format=LOG_FORMAT`); None when `rev` names none.
    pub fn log_one(&self, rev: &str, format: &str) -> Option<GitCommit> {
        let out = run(&self.dir, &["log", "-1", "-z", format, rev, "--"]).ok()?;
        git::parse_log(&out).into_iter().next()
    }

    /// The commit HEAD names, or None before the first commit.
    pub fn head(&self) -> Option<String> {
        run(&self.dir, &["rev-parse", "--verify", "--quiet", "HEAD"])
            .ok()
            .map(|out| String::from_utf8_lossy(&out).trim().to_string())
            .filter(|h| !h.is_empty())
    }

    /// Commits exactly `paths` (site-relative; new, changed or deleted) with `message`: `git add
    /// -A -- PATHS`, then `git commit -- PATHS`, so nothing else staged or changed goes in.
    /// During a merge (a pull that stopped on conflicts) it concludes the merge instead, with
    /// the resolved paths added. The writer's hooks and signing run as configured. Returns the
    /// new commit.
    pub fn commit(&self, paths: &[String], message: &str) -> Result<GitCommit, WorkspaceError> {
        if paths.is_empty() {
            return Err(git_error(
                &self.dir,
                "Nothing was chosen to commit: tick the posts to commit.".into(),
            ));
        }
        if message.trim().is_empty() {
            return Err(git_error(&self.dir, "The commit needs a message: say what changed.".into()));
        }
        let specs: Vec<String> = paths.iter().map(|p| Self::spec(p)).collect();
        let mut add = vec!["add", "-A", "--"];
        add.extend(specs.iter().map(String::as_str));
        let said = run_said(&self.dir, &add)?;
        if !said.ok {
            return Err(refused(&self.dir, "add", &said.text, "Nothing was committed."));
        }
        // Git refuses a commit of chosen paths in the middle of a merge: the merge's commit
        // takes the whole index, which now holds the resolved files.
        let merging = run(&self.dir, &["rev-parse", "-q", "--verify", "MERGE_HEAD"]).is_ok();
        let mut commit = vec!["commit", "--quiet", "-m", message];
        if !merging {
            commit.push("--");
            commit.extend(specs.iter().map(String::as_str));
        }
        let said = run_said(&self.dir, &commit)?;
        if !said.ok {
            return Err(refused(
                &self.dir,
                "commit",
                &said.text,
                "Nothing was committed and your files are as they were. If a hook (pre-commit, commit-msg) refused the commit, fix what it reports above, then commit again.",
            ));
        }
        let format = format!("--format={}", git::LOG_FORMAT);
        let out = run(&self.dir, &["log", "-1", "-z", "--name-only", &format])?;
        git::parse_log(&out)
            .into_iter()
            .next()
            .ok_or_else(|| git_error(&self.dir, "git committed, but its log could not be read".into()))
    }

    /// The remote a push of the current branch goes to when it has no upstream yet: the only
    /// remote, or `origin`.
    fn push_remote(&self) -> Result<String, WorkspaceError> {
        let out = run(&self.dir, &["remote"])?;
        let remotes: Vec<String> = String::from_utf8_lossy(&out).lines().map(str::to_string).collect();
        match remotes.as_slice() {
            [] => Err(git_error(
                &self.dir,
                "This repository has no remote to push to. Add one in a terminal (git remote add origin URL), then push again.".into(),
            )),
            [only] => Ok(only.clone()),
            many if many.iter().any(|r| r == "origin") => Ok("origin".into()),
            _ => Err(git_error(
                &self.dir,
                "This branch has no upstream and the repository has several remotes. Push once from a terminal with git push -u REMOTE BRANCH; Postdesk then pushes there.".into(),
            )),
        }
    }

    /// Pushes the current branch to its upstream (setting one on the only remote the first
    /// time), reporting git's progress. Returns git's summary.
    pub fn push(&self, on_progress: &mut dyn FnMut(GitProgress)) -> Result<String, WorkspaceError> {
        let branch = self.status()?.branch;
        let Some(head) = branch.head else {
            return Err(git_error(&self.dir, "HEAD is detached: check out a branch before pushing.".into()));
        };
        let remote;
        let mut args = vec!["push", "--progress"];
        if branch.upstream.is_none() {
            remote = self.push_remote()?;
            args.extend(["--set-upstream", remote.as_str(), head.as_str()]);
        }
        let said = run_streaming(&self.dir, &args, GitOp::Push, on_progress)?;
        if said.ok {
            Ok(said.text)
        } else {
            Err(refused(&self.dir, "push", &said.text, "Nothing was pushed."))
        }
    }

    /// Whether the repository says how a pull should join diverged histories (`pull.rebase`,
    /// `pull.ff`, or the branch's own `rebase`); without it Postdesk pulls fast-forward only.
    fn pull_configured(&self, branch: &str) -> bool {
        let key = format!("branch.{branch}.rebase");
        ["pull.rebase", "pull.ff", key.as_str()]
            .iter()
            .any(|k| run(&self.dir, &["config", "--get", k]).is_ok_and(|v| !v.is_empty()))
    }

    /// Pulls the current branch's upstream: fast-forward only unless the repository configures
    /// how to pull. Returns git's summary and the site-relative paths the pull changed.
    pub fn pull(
        &self,
        on_progress: &mut dyn FnMut(GitProgress),
    ) -> Result<(String, Vec<String>), WorkspaceError> {
        let branch = self.status()?.branch;
        let Some(head) = branch.head else {
            return Err(git_error(&self.dir, "HEAD is detached: check out a branch before pulling.".into()));
        };
        if branch.upstream.is_none() {
            return Err(git_error(
                &self.dir,
                format!("The branch {head} tracks no remote branch, so there is nothing to pull. Push it first, or set its upstream in a terminal (git branch -u origin/{head})."),
            ));
        }
        let before = self.head();
        let mut args = vec!["pull", "--progress"];
        if !self.pull_configured(&head) {
            args.push("--ff-only");
        }
        let said = run_streaming(&self.dir, &args, GitOp::Pull, on_progress)?;
        let after = self.head();
        let mut changed = Vec::new();
        if let (Some(before), Some(after)) = (&before, &after) {
            if before != after {
                let out =
                    run(&self.dir, &["diff", "--name-only", "-z", "--no-renames", before, after, "--", "."])?;
                changed = git::parse_names(&out).iter().filter_map(|p| self.relative(p)).collect();
            }
        }
        if said.ok {
            Ok((said.text, changed))
        } else {
            Err(refused(&self.dir, "pull", &said.text, "Read git's message above; nothing else was changed."))
        }
    }
}
