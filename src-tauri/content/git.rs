//! What git says about a site, read from its machine formats: `git status --porcelain=v2 -z
//! --branch` (each file's state, the branch and how far it is from its upstream) and `-z` name
//! lists. Pure: `workspace::git` runs the writer's own `git` and hands the bytes here.

use serde::Serialize;
use ts_rs::TS;

/// A file's state against HEAD and the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, export_to = "Git.ts")]
pub enum GitState {
    /// Not tracked yet, or added to the index for the first time.
    New,
    /// Changed in the working tree (whatever the index holds).
    Modified,
    /// Changed in the index only: ready to commit.
    Staged,
    Renamed,
    Deleted,
    /// Unmerged: a merge, rebase or pull left conflicts in it.
    Conflicted,
}

/// One changed file: its path from the repository's root, its state, and for a rename the
/// path it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitEntry {
    pub path: String,
    pub state: GitState,
    pub from: Option<String>,
}

/// The repository's status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Git.ts")]
pub struct GitBranch {
    /// The branch checked out; None on a detached HEAD.
    pub head: Option<String>,
    pub upstream: Option<String>,
    pub ahead: u32,
    pub behind: u32,
}

/// What the window shows of git: the branch, each changed post's state, or why git is hidden.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Git.ts")]
pub struct GitView {
    /// False when git is missing or the site is in no repository: the git parts are hidden.
    pub available: bool,
    /// Why git is hidden, in one line for the status bar.
    pub reason: Option<String>,
    pub branch: GitBranch,
    /// Changed files under the site, relative to its root, with their state.
    pub files: Vec<GitFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "Git.ts")]
pub struct GitFile {
    pub path: String,
    pub state: GitState,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitStatus {
    pub branch: GitBranch,
    pub entries: Vec<GitEntry>,
}

fn state_of(xy: &str) -> GitState {
    let mut chars = xy.chars();
    let (x, y) = (chars.next().unwrap_or('.'), chars.next().unwrap_or('.'));
    match (x, y) {
        (_, 'D') | ('D', _) => GitState::Deleted,
        ('A', _) => GitState::New,
        (_, '.') => GitState::Staged,
        _ => GitState::Modified,
    }
}

/// Reads `git status --porcelain=v2 -z --branch --untracked-files=all`. Lines it does not know
/// (a newer git's) are passed over.
pub fn parse_status(bytes: &[u8]) -> GitStatus {
    let text = String::from_utf8_lossy(bytes);
    let mut fields = text.split('\0').filter(|f| !f.is_empty());
    let mut status = GitStatus::default();
    while let Some(field) = fields.next() {
        let (kind, rest) = field.split_once(' ').unwrap_or((field, ""));
        match kind {
            "#" => {
                let (key, value) = rest.split_once(' ').unwrap_or((rest, ""));
                match key {
                    "branch.head" if value != "(detached)" => status.branch.head = Some(value.to_string()),
                    "branch.upstream" => status.branch.upstream = Some(value.to_string()),
                    "branch.ab" => {
                        for part in value.split(' ') {
                            if let Some(n) = part.strip_prefix('+') {
                                status.branch.ahead = n.parse().unwrap_or(0);
                            } else if let Some(n) = part.strip_prefix('-') {
                                status.branch.behind = n.parse().unwrap_or(0);
                            }
                        }
                    }
                    _ => {}
                }
            }
            // `1 XY sub mH mI mW hH hI path`
            "1" => {
                let parts: Vec<&str> = rest.splitn(8, ' ').collect();
                if let (Some(xy), Some(path)) = (parts.first(), parts.get(7)) {
                    status.entries.push(GitEntry { path: path.to_string(), state: state_of(xy), from: None });
                }
            }
            // `2 XY sub mH mI mW hH hI Xscore path`, then the original path as its own field.
            "2" => {
                let parts: Vec<&str> = rest.splitn(9, ' ').collect();
                let from = fields.next().map(str::to_string);
                if let Some(path) = parts.get(8) {
                    status.entries.push(GitEntry { path: path.to_string(), state: GitState::Renamed, from });
                }
            }
            // `u XY sub m1 m2 m3 mW h1 h2 h3 path`
            "u" => {
                if let Some(path) = rest.splitn(10, ' ').nth(9) {
                    status.entries.push(GitEntry {
                        path: path.to_string(),
                        state: GitState::Conflicted,
                        from: None,
                    });
                }
            }
            "?" => status.entries.push(GitEntry { path: rest.to_string(), state: GitState::New, from: None }),
            _ => {}
        }
    }
    status
}

/// Reads a NUL-separated list of paths (`git diff --name-only -z`, `git ls-files -z`).
pub fn parse_names(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes).split('\0').filter(|p| !p.is_empty()).map(str::to_string).collect()
}

/// One commit in a post's history (`git log --follow`), newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "Git.ts")]
pub struct GitCommit {
    pub hash: String,
    pub short: String,
    pub author: String,
    /// The author date, ISO 8601 with its offset.
    pub date: String,
    pub subject: String,
    /// The post's path at that commit: from the repository's top as git reports it, made
    /// relative to the site by `workspace::git` (renames are followed).
    pub path: String,
}

/// The `--format` that `parse_log` reads: a record separator, then the fields apart.
pub const LOG_FORMAT: &str = "%x1e%H%x1f%h%x1f%an%x1f%aI%x1f%s";

/// Reads `git log -z --name-only --format=LOG_FORMAT`: each record is the fields, a NUL, a
/// newline, then the file's path at that commit and a NUL. A record without a path (a merge
/// that did not touch the file) keeps an empty one.
pub fn parse_log(bytes: &[u8]) -> Vec<GitCommit> {
    let text = String::from_utf8_lossy(bytes);
    text.split('\u{1e}')
        .filter(|r| !r.trim().is_empty())
        .filter_map(|record| {
            let (header, rest) = record.split_once('\0').unwrap_or((record, ""));
            let mut fields = header.split('\u{1f}');
            let mut next = || fields.next().map(str::to_string);
            let (hash, short, author, date, subject) =
                (next()?, next()?, next()?, next()?, next().unwrap_or_default());
            let path = rest.trim_start_matches(['\n', '\r']).split('\0').next().unwrap_or("").to_string();
            Some(GitCommit { hash, short, author, date, subject, path })
        })
        .collect()
}

/// Which conversation with a remote is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, export_to = "Git.ts")]
pub enum GitOp {
    Push,
    Pull,
}

/// One line of git's `--progress` output, as the status bar shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, export_to = "Git.ts")]
pub struct GitProgress {
    pub op: GitOp,
    /// "Writing objects", "Receiving objects", or the line itself when it has no phase.
    pub phase: String,
    pub percent: Option<u8>,
    pub line: String,
}

/// Reads one progress line (`remote: Counting objects:  45% (9/20)`, `Writing objects: 100%
/// (3/3), 290 bytes | 290.00 KiB/s, done.`). None for an empty line.
pub fn parse_progress(op: GitOp, line: &str) -> Option<GitProgress> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let bare = line.strip_prefix("remote:").map_or(line, str::trim);
    let (phase, percent) = match bare.split_once(':') {
        Some((phase, rest)) => {
            let percent = rest.trim_start().split('%').next().and_then(|n| n.trim().parse::<u8>().ok());
            match percent {
                Some(p) => (phase.trim().to_string(), Some(p.min(100))),
                None => (bare.to_string(), None),
            }
        }
        None => (bare.to_string(), None),
    };
    Some(GitProgress { op, phase, percent, line: line.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porcelain_v2_entries_and_branch() {
        let out =
            b"# branch.oid 1a2b\0# branch.head main\0# branch.upstream origin/main\0# branch.ab +2 -1\0\
1 .M N... 100644 100644 100644 aaa bbb posts/edited.md\0\
1 M. N... 100644 100644 100644 aaa bbb posts/staged post.md\0\
1 A. N... 000000 100644 100644 000 bbb posts/added.md\0\
1 .D N... 100644 100644 000000 aaa aaa posts/gone.md\0\
2 R. N... 100644 100644 100644 aaa aaa R100 posts/new-name.md\0posts/old-name.md\0\
u UU N... 100644 100644 100644 100644 a b c posts/conflict.md\0\
? posts/untracked.md\0";
        let status = parse_status(out);
        assert_eq!(
            status.branch,
            GitBranch {
                head: Some("main".into()),
                upstream: Some("origin/main".into()),
                ahead: 2,
                behind: 1
            }
        );
        let states: Vec<(&str, GitState)> =
            status.entries.iter().map(|e| (e.path.as_str(), e.state)).collect();
        assert_eq!(
            states,
            [
                ("posts/edited.md", GitState::Modified),
                ("posts/staged post.md", GitState::Staged),
                ("posts/added.md", GitState::New),
                ("posts/gone.md", GitState::Deleted),
                ("posts/new-name.md", GitState::Renamed),
                ("posts/conflict.md", GitState::Conflicted),
                ("posts/untracked.md", GitState::New),
            ]
        );
        assert_eq!(status.entries[4].from.as_deref(), Some("posts/old-name.md"));
        assert_eq!(parse_status(b"# branch.head (detached)\0").branch.head, None);
        assert_eq!(parse_names(b"a.md\0b c.md\0"), ["a.md", "b c.md"]);
    }

    #[test]
    fn log_records_with_the_path_at_each_commit() {
        let out =
            "\u{1e}aaa\u{1f}a\u{1f}Ann\u{1f}2026-12-07T07:11:12Z\u{1f}edit: b, with: colons\0\np/b.md\0\
\u{1e}bbb\u{1f}b\u{1f}Ann\u{1f}2026-12-06T07:11:12+01:00\u{1f}first\0\np/a.md\0";
        let log = parse_log(out.as_bytes());
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].subject, "edit: b, with: colons");
        assert_eq!(log[0].path, "p/b.md");
        assert_eq!(
            (log[1].hash.as_str(), log[1].short.as_str(), log[1].path.as_str()),
            ("bbb", "b", "p/a.md")
        );
        assert_eq!(log[1].date, "2026-12-06T07:11:12+01:00");
        assert!(parse_log(b"").is_empty());
        assert!(parse_log(b"\x1egarbage").is_empty());
    }

    #[test]
    fn progress_lines_give_phase_and_percent() {
        let p = parse_progress(GitOp::Push, "Writing objects: 100% (3/3), 290 bytes | 290.00 KiB/s, done.")
            .unwrap();
        assert_eq!((p.phase.as_str(), p.percent), ("Writing objects", Some(100)));
        let p = parse_progress(GitOp::Pull, "remote: Counting objects:  45% (9/20)").unwrap();
        assert_eq!((p.phase.as_str(), p.percent), ("Counting objects", Some(45)));
        let p = parse_progress(GitOp::Pull, "From /tmp/remote.git").unwrap();
        assert_eq!((p.phase.as_str(), p.percent), ("From /tmp/remote.git", None));
        let p = parse_progress(GitOp::Push, "To /x: y").unwrap();
        assert_eq!(p.percent, None);
        assert!(parse_progress(GitOp::Push, "  ").is_none());
    }
}
