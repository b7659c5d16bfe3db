//! The writer's own `git`, run as a program so that their credentials, hooks, signing and
//! config apply exactly as in their terminal (the approach of VS Code and lazygit). Reads its
//! machine formats (`content::git` parses them). A machine without git, or a site outside a
//! repository, simply has no git: callers show why and go on.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::content::git::{self, GitStatus};

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

/// Runs `git -C dir ARGS` and returns its standard output, or git's own message.
fn run(dir: &Path, args: &[&str]) -> Result<Vec<u8>, WorkspaceError> {
    let out = Command::new("git")
        // Reading never writes: `status` would refresh the index, which the watcher would see
        // as a change, which would read git again.
        .arg("--no-optional-locks")
        .arg("-C")
        .arg(dir)
        .args(args)
        // Never wait on a prompt: Postdesk has no terminal to answer it from.
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                git_error(dir, "git is not installed (or not on PATH); install it (Debian: apt-get install git) to use git from Postdesk".into())
            }
            _ => git_error(dir, format!("git could not be run: {e}")),
        })?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
        Err(git_error(dir, format!("git {} failed: {said}", args.first().copied().unwrap_or(""))))
    }
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
}
