//! The window's git commands: thin wrappers over `workspace::publish`. The ones that run for
//! long (commit with its hooks, push, pull) let go of the library's lock first and run on a
//! blocking thread, so saves and the preview go on meanwhile; push and pull report git's
//! progress as `git-progress` events.

use tauri::{AppHandle, Emitter, State};

use crate::content::conflicts::ConflictChoice;
use crate::content::git::{GitCommit, GitProgress};
use crate::content::line_changes::LineChange;
use crate::content::post::PostDocument;
use crate::workspace::publish::{
    self, CommitOutcome, CommitPlan, CommitRequest, ConflictView, GitCompare, GitVersion, SyncOutcome,
};
use crate::workspace::store::SaveRequest;
use crate::workspace::WorkspaceError;

use super::{lock, no_folder, AppError, AppState};

pub const GIT_PROGRESS: &str = "git-progress";

/// Runs `f` with the open library.
fn with_library<T>(
    state: &AppState,
    f: impl FnOnce(&crate::workspace::library::LiveLibrary) -> Result<T, WorkspaceError>,
) -> Result<T, AppError> {
    let library = lock(&state.library);
    let library = library.as_ref().ok_or_else(no_folder)?;
    Ok(f(library)?)
}

/// A blocking task's failure to finish (it panicked): said as an error, never a crash.
fn joined<T>(result: Result<Result<T, AppError>, tauri::Error>) -> Result<T, AppError> {
    result.unwrap_or_else(|e| {
        Err(AppError {
            kind: crate::workspace::error::ErrorKind::Git,
            message: format!("git stopped: {e}"),
            path: None,
        })
    })
}

#[tauri::command]
pub fn git_compare(
    state: State<'_, AppState>,
    request: SaveRequest,
    rev: Option<String>,
) -> Result<GitCompare, AppError> {
    with_library(&state, |library| publish::compare(library, &request, rev.as_deref()))
}

#[tauri::command]
pub fn git_line_changes(
    state: State<'_, AppState>,
    path: String,
    body: String,
) -> Result<Vec<LineChange>, AppError> {
    with_library(&state, |library| publish::body_changes(library, &path, &body))
}

#[tauri::command]
pub fn git_history(state: State<'_, AppState>, path: String) -> Result<Vec<GitCommit>, AppError> {
    with_library(&state, |library| publish::history(library, &path))
}

#[tauri::command]
pub fn git_version(state: State<'_, AppState>, path: String, hash: String) -> Result<GitVersion, AppError> {
    with_library(&state, |library| publish::version(library, &path, &hash))
}

#[tauri::command]
pub async fn commit_plan(state: State<'_, AppState>) -> Result<CommitPlan, AppError> {
    with_library(&state, publish::commit_plan)
}

#[tauri::command]
pub async fn git_commit(
    state: State<'_, AppState>,
    request: CommitRequest,
) -> Result<CommitOutcome, AppError> {
    let (root, refresher) = {
        let library = lock(&state.library);
        let library = library.as_ref().ok_or_else(no_folder)?;
        if !request.override_errors {
            let blocked = publish::blocked_posts(library, &request.paths)?;
            if !blocked.is_empty() {
                return Ok(CommitOutcome::Blocked { posts: blocked });
            }
        }
        (library.root().to_path_buf(), library.git_refresher())
    };
    joined(
        tauri::async_runtime::spawn_blocking(move || {
            let outcome = publish::commit(&root, &request);
            refresher.refresh();
            outcome.map_err(AppError::from)
        })
        .await,
    )
}

/// `workspace::publish::push` or `pull`: the site's root and where progress goes.
type SyncRun = fn(&std::path::Path, &mut dyn FnMut(GitProgress)) -> Result<SyncOutcome, WorkspaceError>;

/// Push or pull, outside the library's lock, with progress events.
async fn sync(app: AppHandle, state: &AppState, run: SyncRun) -> Result<SyncOutcome, AppError> {
    let (root, refresher) = {
        let library = lock(&state.library);
        let library = library.as_ref().ok_or_else(no_folder)?;
        (library.root().to_path_buf(), library.git_refresher())
    };
    joined(
        tauri::async_runtime::spawn_blocking(move || {
            let outcome = run(&root, &mut |progress| {
                let _ = app.emit(GIT_PROGRESS, progress);
            });
            refresher.refresh();
            outcome.map_err(AppError::from)
        })
        .await,
    )
}

#[tauri::command]
pub async fn git_push(app: AppHandle, state: State<'_, AppState>) -> Result<SyncOutcome, AppError> {
    sync(app, &state, publish::push).await
}

#[tauri::command]
pub async fn git_pull(app: AppHandle, state: State<'_, AppState>) -> Result<SyncOutcome, AppError> {
    sync(app, &state, publish::pull).await
}

#[tauri::command]
pub fn conflict_view(state: State<'_, AppState>, path: String) -> Result<ConflictView, AppError> {
    with_library(&state, |library| publish::conflict_view(library, &path))
}

#[tauri::command]
pub fn resolve_conflicts(
    state: State<'_, AppState>,
    path: String,
    hash: String,
    choices: Vec<ConflictChoice>,
) -> Result<PostDocument, AppError> {
    with_library(&state, |library| publish::resolve_conflicts(library, &state.bases, &path, &hash, &choices))
}
