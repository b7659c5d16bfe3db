//! The Tauri front door: commands that deserialise, call one `workspace`/`content` function,
//! and map errors to `AppError`. No logic lives here.

use std::path::PathBuf;
use std::sync::Mutex;

use tauri::{AppHandle, Emitter, State};

use crate::content::post::{self, Library, PostDocument};
use crate::content::render::incremental::{PreviewPatch, PreviewSession};
use crate::content::render::urls;
use crate::workspace::assets::AssetRoots;
use crate::workspace::scan;
use crate::workspace::store::{self, SaveRequest};
use crate::workspace::watch::{self, FolderWatcher};
use crate::workspace::{AppError, WorkspaceError};

pub const LIBRARY_CHANGED: &str = "library-changed";
pub const OPEN_POST_LINK: &str = "open-post-link";

pub struct AppState {
    startup_folder: PathBuf,
    root: Mutex<Option<PathBuf>>,
    assets: Mutex<Option<AssetRoots>>,
    watcher: Mutex<Option<FolderWatcher>>,
    preview: Mutex<PreviewSession>,
}

impl AppState {
    pub fn new(startup_folder: PathBuf) -> Self {
        AppState {
            startup_folder,
            root: Mutex::new(None),
            assets: Mutex::new(None),
            watcher: Mutex::new(None),
            preview: Mutex::new(PreviewSession::default()),
        }
    }

    /// Where preview images may come from; None until a folder is open.
    pub fn asset_roots(&self) -> Option<AssetRoots> {
        self.assets.lock().unwrap_or_else(|p| p.into_inner()).clone()
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
    crate::workspace::settings::remember_folder(&root);
    *state.assets.lock().unwrap_or_else(|p| p.into_inner()) = Some(AssetRoots::for_posts_folder(&root));
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

/// The preview for the open post as edited (`front_matter` holds the form's current values), as
/// a patch against the view's generation `base` (`content::render::incremental`).
#[tauri::command]
pub fn render_preview(
    state: State<'_, AppState>,
    path: String,
    front_matter: serde_json::Map<String, serde_json::Value>,
    body: String,
    base: u32,
) -> PreviewPatch {
    let html = post::preview_html(&path, front_matter, &body);
    state.preview.lock().unwrap_or_else(|p| p.into_inner()).update(base, &html)
}

/// The navigation guard: the window only ever shows the app. A click on a link in the preview
/// becomes "open that post" or "open in the browser", and the navigation itself is cancelled.
pub fn navigation<R: tauri::Runtime>(app: &AppHandle<R>, url: &str) -> bool {
    use tauri_plugin_opener::OpenerExt;
    match urls::classify_navigation(url) {
        urls::Navigation::Allow => true,
        urls::Navigation::OpenPost(path) => {
            let _ = app.emit(OPEN_POST_LINK, path);
            false
        }
        urls::Navigation::External(url) => {
            let _ = app.opener().open_url(url, None::<&str>);
            false
        }
        urls::Navigation::Refuse => false,
    }
}

/// The `pdasset:` scheme: preview images, from inside the site only (`workspace::assets`).
pub fn serve_asset<R: tauri::Runtime>(
    ctx: tauri::UriSchemeContext<'_, R>,
    request: tauri::http::Request<Vec<u8>>,
) -> tauri::http::Response<Vec<u8>> {
    use tauri::Manager;
    let state = ctx.app_handle().state::<AppState>();
    let response = match state.asset_roots() {
        Some(roots) => crate::workspace::assets::serve(&roots, request.uri().path()),
        None => crate::workspace::assets::AssetResponse {
            status: 404,
            content_type: "text/plain",
            body: Vec::new(),
        },
    };
    tauri::http::Response::builder()
        .status(response.status)
        .header("Content-Type", response.content_type)
        .header("X-Content-Type-Options", "nosniff")
        .body(response.body)
        .unwrap_or_default()
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
