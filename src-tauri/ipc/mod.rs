//! The Tauri front door: commands that deserialise, call one `workspace`/`content` function,
//! and map errors to `AppError`. No logic lives here.

use std::path::PathBuf;
use std::sync::Mutex;

use tauri::{AppHandle, Emitter, State};

use crate::content::post::{Library, PostDocument};
use crate::content::render;
use crate::workspace::scan;
use crate::workspace::store::{self, SaveRequest};
use crate::workspace::watch::{self, FolderWatcher};
use crate::workspace::{AppError, WorkspaceError};

pub const LIBRARY_CHANGED: &str = "library-changed";

pub struct AppState {
    startup_folder: PathBuf,
    root: Mutex<Option<PathBuf>>,
    watcher: Mutex<Option<FolderWatcher>>,
}

impl AppState {
    pub fn new(startup_folder: PathBuf) -> Self {
        AppState { startup_folder, root: Mutex::new(None), watcher: Mutex::new(None) }
    }

    fn root(&self) -> Result<PathBuf, AppError> {
        self.root.lock().unwrap_or_else(|p| p.into_inner()).clone().ok_or_else(|| AppError {
            kind: crate::workspace::error::ErrorKind::BadPath,
            message: "No folder is open; open a posts folder first.".into(),
            path: None,
        })
    }
}

fn open_folder_at(app: &AppHandle, state: &AppState, dir: PathBuf) -> Result<Library, AppError> {
    let root = std::fs::canonicalize(&dir).map_err(|e| WorkspaceError::io(&dir, e))?;
    let library = scan::library(&root)?;
    let emitter = app.clone();
    let watch_root = root.clone();
    let watcher = watch::watch(&root, move |paths| {
        let delta = scan::delta(&watch_root, &paths);
        let _ = emitter.emit(LIBRARY_CHANGED, delta);
    })?;
    *state.watcher.lock().unwrap_or_else(|p| p.into_inner()) = Some(watcher);
    *state.root.lock().unwrap_or_else(|p| p.into_inner()) = Some(root);
    Ok(library)
}

#[tauri::command]
pub fn open_startup_folder(app: AppHandle, state: State<'_, AppState>) -> Result<Library, AppError> {
    open_folder_at(&app, &state, state.startup_folder.clone())
}

#[tauri::command]
pub fn open_folder(app: AppHandle, state: State<'_, AppState>, dir: String) -> Result<Library, AppError> {
    open_folder_at(&app, &state, PathBuf::from(dir))
}

/// Shows the native folder chooser; `None` when the writer cancels.
#[tauri::command]
pub async fn pick_folder(app: AppHandle, state: State<'_, AppState>) -> Result<Option<Library>, AppError> {
    let picked = rfd::AsyncFileDialog::new().set_title("Open a posts folder").pick_folder().await;
    match picked {
        Some(handle) => open_folder_at(&app, &state, handle.path().to_path_buf()).map(Some),
        None => Ok(None),
    }
}

#[tauri::command]
pub fn open_post(state: State<'_, AppState>, path: String) -> Result<PostDocument, AppError> {
    Ok(store::open(&state.root()?, &path)?)
}

#[tauri::command]
pub fn save_post(state: State<'_, AppState>, request: SaveRequest) -> Result<PostDocument, AppError> {
    Ok(store::save(&state.root()?, &request)?)
}

#[tauri::command]
pub fn render_preview(body: String) -> String {
    render::render_body(&body)
}

pub fn handlers() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        open_startup_folder,
        open_folder,
        pick_folder,
        open_post,
        save_post,
        render_preview
    ]
}
