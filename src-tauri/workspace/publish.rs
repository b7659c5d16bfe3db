//! Git in the window, for the open site: a post against HEAD or any commit (the compare view
//! and the gutter marks), its history and old versions, the commit dialog's plan and the commit
//! itself (exactly the chosen paths, errors blocking unless overridden), push and pull with
//! progress, and resolving merge-conflict markers through an atomic, hash-guarded write.
//! Git itself runs in `workspace::git`; the texts are compared and composed by pure `content`
//! code (`merge::compare`, `line_changes`, `conflicts`).

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::checks::Severity;
use crate::content::conflicts::{self, ConflictChoice, ConflictSegment};
use crate::content::git::{GitBranch, GitCommit, GitOp, GitProgress, GitState};
use crate::content::line_changes::{self, LineChange};
use crate::content::merge;
use crate::content::post::{self, Parsed, PostDocument};

use super::error::WorkspaceError;
use super::git::Repo;
use super::library::LiveLibrary;
use super::own_writes::OwnWrites;
use super::store::{self, BaseTexts, SaveRequest};

/// The post as it is in the buffer against a version of it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, export_to = "Git.ts")]
pub struct GitCompare {
    /// The version asked for ("HEAD", or a commit's hash).
    pub rev: String,
    /// The version in words: "HEAD · a1b2c3d · Fix the intro".
    pub label: String,
    /// A unified diff: `-` lines are the version's, `+` lines the buffer's.
    pub diff: String,
    /// False when the version has no such post (a new post): every line is added.
    pub existed: bool,
}

/// An old version of a post, read-only, with what restoring it asks of the buffer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, export_to = "Git.ts")]
pub struct GitVersion {
    pub hash: String,
    pub short: String,
    pub path: String,
    /// The whole file as that commit holds it.
    pub text: String,
    /// Applied to the open buffer as an ordinary edit (its raw front matter and body); the
    /// buffer's own base hash stays, so the save goes through the usual guarded path.
    pub restore: SaveRequest,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, export_to = "Git.ts")]
pub enum CommitFileKind {
    Post,
    Image,
}

/// One file the commit dialog offers.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Git.ts")]
pub struct CommitFile {
    pub path: String,
    pub state: GitState,
    pub kind: CommitFileKind,
    pub title: Option<String>,
    pub errors: u32,
    pub warnings: u32,
    /// For an image: the changed post that uses it.
    pub post: Option<String>,
    /// The first few error messages, for the dialog.
    pub first_errors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, export_to = "Git.ts")]
pub struct CommitPlan {
    pub files: Vec<CommitFile>,
    pub branch: GitBranch,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Git.ts")]
pub struct CommitRequest {
    pub paths: Vec<String>,
    pub message: String,
    /// Commit even when a chosen post has errors.
    pub override_errors: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, export_to = "Git.ts")]
pub struct BlockedPost {
    pub path: String,
    pub errors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[ts(export, export_to = "Git.ts")]
pub enum CommitOutcome {
    Committed {
        hash: String,
        short: String,
        summary: String,
    },
    /// Chosen posts have errors and the writer did not override: nothing was committed.
    Blocked {
        posts: Vec<BlockedPost>,
    },
}

/// What a push or pull did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, export_to = "Git.ts")]
pub struct SyncOutcome {
    pub op: GitOp,
    /// Git's own words.
    pub summary: String,
    /// For a pull: the site-relative paths it changed.
    pub changed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, export_to = "Conflicts.ts")]
pub struct ConflictView {
    pub path: String,
    /// The file's hash now: resolving writes only if it is unchanged.
    pub hash: String,
    pub segments: Vec<ConflictSegment>,
}

const HISTORY_LIMIT: usize = 200;
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "svg", "avif"];

fn repo(library: &LiveLibrary) -> Result<Repo, WorkspaceError> {
    repo_at(library.root())
}

fn repo_at(root: &Path) -> Result<Repo, WorkspaceError> {
    Repo::find(root)?.ok_or_else(|| WorkspaceError::Git {
        path: root.to_path_buf(),
        message: "This site is not in a git repository, so it has no history to show or commit to.".into(),
    })
}

fn text_of(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The buffer (as a save would write it) against `rev` (HEAD without one).
pub fn compare(
    library: &LiveLibrary,
    request: &SaveRequest,
    rev: Option<&str>,
) -> Result<GitCompare, WorkspaceError> {
    let repo = repo(library)?;
    let rel = &request.path;
    let path = store::resolve_post(library.root(), rel)?;
    let disk = store::read_text(&path)?;
    let mine = store::apply_request(&path, &disk, request)?;
    let rev = rev.unwrap_or("HEAD").to_string();
    let version = repo.show(&rev, rel)?;
    let existed = version.is_some();
    let theirs = version.map(text_of).unwrap_or_default();
    let label = label_of(&repo, &rev);
    Ok(GitCompare { diff: merge::compare(&theirs, &mine), rev, label, existed })
}

fn label_of(repo: &Repo, rev: &str) -> String {
    let format = format!("--format={}", crate::content::git::LOG_FORMAT);
    match repo.log_one(rev, &format) {
        Some(commit) if rev == "HEAD" => format!("HEAD · {} · {}", commit.short, commit.subject),
        Some(commit) => format!("{} · {}", commit.short, commit.subject),
        None => rev.to_string(),
    }
}

/// The body lines changed since HEAD, for the gutter; nothing outside a repository.
pub fn body_changes(library: &LiveLibrary, rel: &str, body: &str) -> Result<Vec<LineChange>, WorkspaceError> {
    let Some(repo) = Repo::find(library.root())? else { return Ok(Vec::new()) };
    let head = repo.show("HEAD", rel)?.map(text_of).map(|t| merge::editor_body(&t)).unwrap_or_default();
    Ok(line_changes::line_changes(&head, body))
}

pub fn history(library: &LiveLibrary, rel: &str) -> Result<Vec<GitCommit>, WorkspaceError> {
    repo(library)?.log(rel, HISTORY_LIMIT)
}

/// The post at `rel` as commit `hash` holds it.
pub fn version(library: &LiveLibrary, rel: &str, hash: &str) -> Result<GitVersion, WorkspaceError> {
    let repo = repo(library)?;
    let text = repo.show(hash, rel)?.map(text_of).ok_or_else(|| WorkspaceError::Git {
        path: library.root().join(rel),
        message: format!("Commit {hash} has no {rel}: it may have been named differently then."),
    })?;
    let doc = post::open_document(rel, &text, String::new());
    let short = hash.chars().take(7).collect();
    Ok(GitVersion {
        hash: hash.to_string(),
        short,
        path: rel.to_string(),
        restore: SaveRequest {
            path: rel.to_string(),
            base_hash: String::new(),
            fields: Vec::new(),
            remove: Vec::new(),
            front_matter_source: Some(doc.front_matter_source.clone()),
            body: Some(doc.body.clone()),
        },
        text,
    })
}

fn is_image(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| IMAGE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// Whether `text` (the post at `rel`) uses the image at `image`: by a relative path, or by the
/// site URL its static folder gives it (`static/img/a.png` is `/img/a.png`).
fn uses_image(rel: &str, text: &str, image: &str) -> bool {
    if crate::content::export::image_paths(rel, text).iter().any(|p| p == image) {
        return true;
    }
    let url =
        ["static/", "public/", "assets/"].iter().find_map(|dir| image.strip_prefix(dir)).unwrap_or(image);
    text.contains(&format!("/{url}"))
}

struct CheckedPost {
    errors: Vec<String>,
    warnings: u32,
}

fn check_file(library: &LiveLibrary, rel: &str) -> Result<Option<(String, CheckedPost)>, WorkspaceError> {
    let Ok(path) = store::resolve_post(library.root(), rel) else { return Ok(None) };
    let Ok(text) = store::read_text(&path) else { return Ok(None) };
    let problems = library.with_checks(|context| context.check(rel, &text))?;
    let errors =
        problems.iter().filter(|p| p.severity == Severity::Error).map(|p| p.message.clone()).collect();
    let warnings = problems.iter().filter(|p| p.severity == Severity::Warning).count() as u32;
    Ok(Some((text, CheckedPost { errors, warnings })))
}

/// The changed posts under the site with their problems, and the changed images, each image
/// under the changed post that uses it.
pub fn commit_plan(library: &LiveLibrary) -> Result<CommitPlan, WorkspaceError> {
    let repo = repo(library)?;
    let status = repo.status()?;
    let mut posts = Vec::new();
    let mut images = Vec::new();
    let mut texts = Vec::new();
    for entry in &status.entries {
        let Some(rel) = repo.relative(&entry.path) else { continue };
        if library.is_post(&rel)
            || (entry.state == GitState::Deleted && crate::content::site::is_markdown(&rel))
        {
            let checked = if entry.state == GitState::Deleted { None } else { check_file(library, &rel)? };
            let (title, errors, warnings) = match checked {
                Some((text, checked)) => {
                    let title = post::summarize(&rel, &text).title;
                    texts.push((rel.clone(), text));
                    (title, checked.errors, checked.warnings)
                }
                // A deleted post's title is the one the list last showed.
                None => (library.summary(&rel).and_then(|s| s.title), Vec::new(), 0),
            };
            posts.push(CommitFile {
                title,
                errors: errors.len() as u32,
                warnings,
                first_errors: errors.into_iter().take(3).collect(),
                path: rel,
                state: entry.state,
                kind: CommitFileKind::Post,
                post: None,
            });
        } else if is_image(&rel) {
            let post = texts_using(&texts, &rel);
            images.push(CommitFile {
                path: rel,
                state: entry.state,
                kind: CommitFileKind::Image,
                title: None,
                errors: 0,
                warnings: 0,
                post,
                first_errors: Vec::new(),
            });
        }
    }
    // Images seen before the post that uses them: look again now every post is read.
    for image in &mut images {
        if image.post.is_none() {
            image.post = texts_using(&texts, &image.path);
        }
    }
    let mut files = Vec::new();
    for post in posts {
        let path = post.path.clone();
        files.push(post);
        files.extend(images.iter().filter(|i| i.post.as_deref() == Some(path.as_str())).cloned());
    }
    files.extend(images.into_iter().filter(|i| i.post.is_none()));
    Ok(CommitPlan { files, branch: status.branch })
}

fn texts_using(texts: &[(String, String)], image: &str) -> Option<String> {
    texts.iter().find(|(rel, text)| uses_image(rel, text, image)).map(|(rel, _)| rel.clone())
}

/// The chosen posts that have errors (what blocks a commit unless the writer overrides).
pub fn blocked_posts(library: &LiveLibrary, paths: &[String]) -> Result<Vec<BlockedPost>, WorkspaceError> {
    let mut blocked = Vec::new();
    for rel in paths {
        if !library.is_post(rel) {
            continue;
        }
        if let Some((_, checked)) = check_file(library, rel)? {
            if !checked.errors.is_empty() {
                blocked.push(BlockedPost { path: rel.clone(), errors: checked.errors });
            }
        }
    }
    Ok(blocked)
}

/// Commits exactly the chosen paths in the repository of the site at `root` (hooks may take
/// their time: the caller holds no lock). The caller checked `blocked_posts` first.
pub fn commit(root: &Path, request: &CommitRequest) -> Result<CommitOutcome, WorkspaceError> {
    let commit = repo_at(root)?.commit(&request.paths, &request.message)?;
    Ok(CommitOutcome::Committed { hash: commit.hash, short: commit.short, summary: commit.subject })
}

/// Pushes the site's branch; git's progress goes to `on_progress`.
pub fn push(root: &Path, on_progress: &mut dyn FnMut(GitProgress)) -> Result<SyncOutcome, WorkspaceError> {
    let summary = repo_at(root)?.push(on_progress)?;
    Ok(SyncOutcome { op: GitOp::Push, summary, changed: Vec::new() })
}

/// Pulls; the posts it changes reach open buffers through the watcher and the 3-way merge,
/// like any change on disk.
pub fn pull(root: &Path, on_progress: &mut dyn FnMut(GitProgress)) -> Result<SyncOutcome, WorkspaceError> {
    let (summary, changed) = repo_at(root)?.pull(on_progress)?;
    Ok(SyncOutcome { op: GitOp::Pull, summary, changed })
}

/// The post's conflict markers as agreed text and conflicts.
pub fn conflict_view(library: &LiveLibrary, rel: &str) -> Result<ConflictView, WorkspaceError> {
    let path = store::resolve_post(library.root(), rel)?;
    let bytes = store::read_bytes(&path)?;
    let hash = store::content_hash(&bytes);
    let text = store::utf8(&path, &bytes)?;
    let segments = conflicts::parse(text).ok_or_else(|| WorkspaceError::Git {
        path: path.clone(),
        message: "This post has no conflict markers left: nothing to resolve.".into(),
    })?;
    Ok(ConflictView { path: rel.to_string(), hash, segments })
}

/// Writes the post with each conflict resolved by its choice, if the file still has `hash`.
pub fn resolve_conflicts(
    library: &LiveLibrary,
    bases: &BaseTexts,
    rel: &str,
    hash: &str,
    choices: &[ConflictChoice],
) -> Result<PostDocument, WorkspaceError> {
    let path = store::resolve_post(library.root(), rel)?;
    let bytes = store::read_bytes(&path)?;
    if store::content_hash(&bytes) != hash {
        return Err(WorkspaceError::Conflict { path });
    }
    let text = store::utf8(&path, &bytes)?;
    let segments = conflicts::parse(text).unwrap_or_default();
    let resolved = conflicts::resolve(&segments, choices)
        .map_err(|e| WorkspaceError::Edit { path: path.clone(), message: e.to_string() })?;
    let target = super::guard::post_target(&super::guard::canonical_root(library.root()), &path)?;
    store::write_atomic_if(&target, resolved.as_bytes(), hash).map_err(|e| e.at(&path))?;
    library.wrote(rel, resolved.as_bytes());
    let new_hash = store::content_hash(resolved.as_bytes());
    bases.remember(&new_hash, resolved.clone());
    let parsed = Parsed::new(&resolved);
    Ok(parsed.document(rel, new_hash))
}
