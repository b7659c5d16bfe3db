//! The window's table and bulk edits: thin wrappers over `workspace::bulk` and the index's
//! table rows. A batch runs on a blocking
//! thread without the library's lock (the watcher reports its writes as changes on disk, so
//! open buffers merge them like any outside edit), reports `bulk-progress` events, and can be
//! cancelled between files; Undo reverts a batch where its files are still what it wrote.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use ts_rs::TS;

use crate::content::table::TableRows;
use crate::workspace::bulk::{self, BulkReport, BulkRequest, Target, UndoReport};
use crate::workspace::store;

use super::{lock, no_folder, AppError, AppState};

pub const BULK_PROGRESS: &str = "bulk-progress";

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "Bulk.ts")]
pub struct BulkProgress {
    pub done: u32,
    pub total: u32,
}

fn root(state: &AppState) -> Result<std::path::PathBuf, AppError> {
    let library = lock(&state.library);
    Ok(library.as_ref().ok_or_else(no_folder)?.root().to_path_buf())
}

/// The site-relative paths as files of the site (a path outside it is dropped).
fn targets(root: &std::path::Path, paths: &[String]) -> Vec<Target> {
    paths
        .iter()
        .filter_map(|rel| Some(Target { rel: rel.clone(), path: store::resolve_post(root, rel).ok()? }))
        .collect()
}

/// Runs one batch on a blocking thread, with `bulk-progress` events and the app's cancel flag.
async fn run_batch(
    app: AppHandle,
    state: &AppState,
    batch: impl FnOnce(&bulk::Batches, &std::sync::atomic::AtomicBool, &mut dyn FnMut(usize, usize)) -> BulkReport
        + Send
        + 'static,
) -> Result<BulkReport, AppError> {
    let (batches, cancel) = (Arc::clone(&state.batches), Arc::clone(&state.bulk_cancel));
    cancel.store(false, Ordering::Relaxed);
    tauri::async_runtime::spawn_blocking(move || {
        batch(&batches, &cancel, &mut |done, total| {
            let _ = app.emit(BULK_PROGRESS, BulkProgress { done: done as u32, total: total as u32 });
        })
    })
    .await
    .map_err(|e| AppError {
        kind: crate::workspace::error::ErrorKind::Io,
        message: format!("the batch stopped: {e}"),
        path: None,
    })
}

#[tauri::command]
pub async fn bulk_edit(
    app: AppHandle,
    state: State<'_, AppState>,
    request: BulkRequest,
) -> Result<BulkReport, AppError> {
    let targets = targets(&root(&state)?, &request.paths);
    let op = request.op;
    run_batch(app, &state, move |batches, cancel, progress| {
        bulk::run_kept(batches, &targets, &op, cancel, progress)
    })
    .await
}

/// Every safe fix of the checks on each post, as one batch. The checks' view of the site is
/// copied first, so the batch holds no lock while it writes.
#[tauri::command]
pub async fn bulk_fix(
    app: AppHandle,
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> Result<BulkReport, AppError> {
    let (root, checks) = {
        let library = lock(&state.library);
        let library = library.as_ref().ok_or_else(no_folder)?;
        (library.root().to_path_buf(), library.with_checks(|c| c.clone())?)
    };
    let targets = targets(&root, &paths);
    run_batch(app, &state, move |batches, cancel, progress| {
        bulk::fix_kept(batches, &targets, &checks, cancel, progress)
    })
    .await
}

/// Every listed post's values of `keys` (dotted for nested fields), for the table; only those
/// of `paths` when it is given (the rows in view first, the changed posts after a delta).
#[tauri::command]
pub fn table_rows(
    state: State<'_, AppState>,
    keys: Vec<String>,
    paths: Option<Vec<String>>,
) -> Result<TableRows, AppError> {
    let library = lock(&state.library);
    Ok(library.as_ref().ok_or_else(no_folder)?.table_rows(keys, paths.as_deref()))
}

#[tauri::command]
pub fn bulk_cancel(state: State<'_, AppState>) {
    state.bulk_cancel.store(true, Ordering::Relaxed);
}

#[tauri::command]
pub fn bulk_undo(state: State<'_, AppState>, batch: u64) -> Result<UndoReport, AppError> {
    let root = root(&state)?;
    Ok(bulk::undo(&state.batches, &root, batch)?)
}
