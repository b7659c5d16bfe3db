//! The window's bulk edits: thin wrappers over `workspace::bulk`. A batch runs on a blocking
//! thread without the library's lock (the watcher reports its writes as changes on disk, so
//! open buffers merge them like any outside edit), reports `bulk-progress` events, and can be
//! cancelled between files; Undo reverts a batch where its files are still what it wrote.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use ts_rs::TS;

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

#[tauri::command]
pub async fn bulk_edit(
    app: AppHandle,
    state: State<'_, AppState>,
    request: BulkRequest,
) -> Result<BulkReport, AppError> {
    let root = root(&state)?;
    let targets: Vec<Target> = request
        .paths
        .iter()
        .filter_map(|rel| Some(Target { rel: rel.clone(), path: store::resolve_post(&root, rel).ok()? }))
        .collect();
    let (batches, cancel) = (Arc::clone(&state.batches), Arc::clone(&state.bulk_cancel));
    cancel.store(false, Ordering::Relaxed);
    let op = request.op;
    tauri::async_runtime::spawn_blocking(move || {
        bulk::run_kept(&batches, &targets, &op, &cancel, |done, total| {
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
pub fn bulk_cancel(state: State<'_, AppState>) {
    state.bulk_cancel.store(true, Ordering::Relaxed);
}

#[tauri::command]
pub fn bulk_undo(state: State<'_, AppState>, batch: u64) -> Result<UndoReport, AppError> {
    let root = root(&state)?;
    Ok(bulk::undo(&state.batches, &root, batch)?)
}
