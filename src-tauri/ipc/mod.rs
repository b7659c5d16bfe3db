//! The Tauri front door: commands that deserialise, call one `workspace`/`content` function,
//! and map errors to `AppError`. No logic lives here.

mod bulk;
mod git;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use ts_rs::TS;

use crate::content::export::ExportOptions;
use crate::content::index::Library;
use crate::content::post::{self, PostDocument};
use crate::content::render::incremental::{BodyUpdate, LivePreview, PreviewReply};
use crate::content::render::urls;
use crate::content::schema::Schema;
use crate::content::source::{self, SourceCheck};
use crate::content::split::FrontMatterKind;
use crate::workspace::actions::{self, ImageImport, ImportedImage, NewPostRequest, RenameRequest};
use crate::workspace::assets::AssetRoots;
use crate::workspace::error::ErrorKind;
use crate::workspace::export::{self, ExportSummary};
use crate::workspace::journal::{self, JournalEntry};
use crate::workspace::launch::LaunchTarget;
use crate::workspace::library::LiveLibrary;
use crate::workspace::post_checks::{self, FixOutcome, PostProblems, ProblemRef};
use crate::workspace::save::{self, SavedPost};
use crate::workspace::settings::{self, Settings, SettingsPatch};
use crate::workspace::store::{self, BaseTexts, ExternalChange, SaveRequest};
use crate::workspace::WorkspaceError;

/// What the UI receives when a command fails: `{kind, message, path}`, so it can branch on the
/// kind (a conflict shows the banner, a read-only post says so) without parsing messages.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "AppError.ts")]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
    pub path: Option<String>,
}

impl From<WorkspaceError> for AppError {
    fn from(e: WorkspaceError) -> Self {
        AppError { kind: e.kind(), message: e.to_string(), path: Some(e.path().display().to_string()) }
    }
}

pub const LIBRARY_CHANGED: &str = "library-changed";
pub const OPEN_POST_LINK: &str = "open-post-link";

pub struct AppState {
    startup: LaunchTarget,
    library: Mutex<Option<LiveLibrary>>,
    assets: Mutex<Option<AssetRoots>>,
    preview: Mutex<LivePreview>,
    bases: BaseTexts,
    /// The app's recent bulk edits (for Undo), and the switch that cancels the one running.
    batches: std::sync::Arc<crate::workspace::bulk::Batches>,
    bulk_cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn no_folder() -> AppError {
    AppError {
        kind: ErrorKind::BadPath,
        message: "No folder is open; open a posts folder first.".into(),
        path: None,
    }
}

fn no_data_dir() -> AppError {
    AppError {
        kind: ErrorKind::Io,
        message: "No place for the recovery journal: set HOME or POSTDESK_DATA_DIR.".into(),
        path: None,
    }
}

impl AppState {
    pub fn new(startup: LaunchTarget) -> Self {
        AppState {
            startup,
            library: Mutex::new(None),
            assets: Mutex::new(None),
            preview: Mutex::new(LivePreview::default()),
            bases: BaseTexts::default(),
            batches: Default::default(),
            bulk_cancel: Default::default(),
        }
    }

    /// Where preview images may come from; None until a folder is open.
    pub fn asset_roots(&self) -> Option<AssetRoots> {
        lock(&self.assets).clone()
    }

    /// How the open site renders the post at `path` (a plain folder's before one is open).
    fn flavour_for(&self, path: &str) -> crate::content::render::Flavour {
        lock(&self.library).as_ref().map(|l| l.flavour_for(path)).unwrap_or_default()
    }

    fn root(&self) -> Result<PathBuf, AppError> {
        lock(&self.library).as_ref().map(|l| l.root().to_path_buf()).ok_or_else(no_folder)
    }
}

/// Opens the site `dir` belongs to (a subfolder of a site opens the whole site).
fn open_folder_at(app: &AppHandle, state: &AppState, dir: PathBuf) -> Result<Library, AppError> {
    let dir = std::fs::canonicalize(&dir).map_err(|e| WorkspaceError::io(&dir, e))?;
    let root = crate::workspace::site::find_root(&dir);
    let emitter = app.clone();
    // The old folder's watcher and scan stop before the new one starts sending.
    *lock(&state.library) = None;
    let library = LiveLibrary::start(
        &root,
        Box::new(move |delta| {
            let _ = emitter.emit(LIBRARY_CHANGED, delta);
        }),
    )?;
    let snapshot = library.snapshot();
    *lock(&state.library) = Some(library);
    settings::remember_folder(&root);
    *lock(&state.assets) = Some(AssetRoots::for_posts_folder(&root));
    Ok(snapshot)
}

/// What the window shows first: the folder from the command line (or the last one) and the
/// post named on the command line, if any.
#[derive(Debug, Serialize, TS)]
#[ts(export, export_to = "Startup.ts")]
pub struct Startup {
    pub library: Library,
    pub post: Option<String>,
}

/// Async, like every command that walks a folder or writes many files: a sync command runs on
/// the main thread, and a big folder or a slow disk would freeze the window.
#[tauri::command]
pub async fn open_startup_folder(app: AppHandle, state: State<'_, AppState>) -> Result<Startup, AppError> {
    let library = open_folder_at(&app, &state, state.startup.folder.clone())?;
    // The post named on the command line, relative to the site's root (which may lie above
    // the folder it was named in).
    let post = state.startup.post.as_ref().map(|rel| {
        let folder =
            std::fs::canonicalize(&state.startup.folder).unwrap_or_else(|_| state.startup.folder.clone());
        crate::workspace::scan::relative(Path::new(&library.root), &folder.join(rel))
    });
    Ok(Startup { library, post })
}

#[tauri::command]
pub async fn open_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    dir: String,
) -> Result<Library, AppError> {
    if dir.trim().is_empty() {
        return Err(WorkspaceError::NotAFolder { path: PathBuf::from(dir) }.into());
    }
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
    let (doc, text) = store::open_with_text(&state.root()?, &path)?;
    if let Some(text) = text {
        state.bases.remember(&doc.base_hash, text);
    }
    Ok(doc)
}

/// Saves the open post: one write, one parse, one check pass (`workspace::save`); the answer
/// carries the post's problems, so the UI need not ask for them again.
#[tauri::command]
pub fn save_post(state: State<'_, AppState>, request: SaveRequest) -> Result<SavedPost, AppError> {
    let saved = {
        let library = lock(&state.library);
        let library = library.as_ref().ok_or_else(no_folder)?;
        save::save(library, &state.bases, &request)?
    };
    forget_journal(&state, &saved.document.path);
    Ok(saved)
}

/// What a change on disk means for the open post's buffer (`request` describes the buffer).
#[tauri::command]
pub fn external_change(state: State<'_, AppState>, request: SaveRequest) -> Result<ExternalChange, AppError> {
    Ok(store::external_change(&state.root()?, &state.bases, &request)?)
}

/// Writes a buffer back after its post was deleted on disk.
#[tauri::command]
pub fn recreate_post(state: State<'_, AppState>, request: SaveRequest) -> Result<PostDocument, AppError> {
    let library = lock(&state.library);
    Ok(save::recreate(library.as_ref().ok_or_else(no_folder)?, &state.bases, &request)?)
}

/// Records the open post's unsaved changes in the recovery journal, with the text they are
/// based on (from the backend's base texts: the UI never sends it).
#[tauri::command]
pub fn journal_write(state: State<'_, AppState>, mut entry: JournalEntry) -> Result<(), AppError> {
    entry.root = state.root()?.display().to_string();
    Ok(journal::record(&journal::data_dir().ok_or_else(no_data_dir)?, entry, &state.bases)?)
}

/// Forgets the journal entry of `path`: saved or discarded.
#[tauri::command]
pub fn journal_clear(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    let root = state.root()?.display().to_string();
    Ok(journal::clear(&journal::data_dir().ok_or_else(no_data_dir)?, &root, &path)?)
}

/// Unsaved changes left from an earlier run in the open folder (after a crash or a kill).
#[tauri::command]
pub fn recovery_entries(state: State<'_, AppState>) -> Result<Vec<JournalEntry>, AppError> {
    let root = state.root()?.display().to_string();
    Ok(journal::data_dir().map(|dir| journal::entries(&dir, &root)).unwrap_or_default())
}

/// The post as the text a recovered buffer was based on, that text kept for the 3-way merge
/// with the post as it is now; None when the entry holds no base text.
#[tauri::command]
pub fn recovery_base(state: State<'_, AppState>, path: String) -> Result<Option<PostDocument>, AppError> {
    let root = state.root()?.display().to_string();
    Ok(journal::data_dir().and_then(|dir| journal::restore_base(&dir, &root, &path, &state.bases)))
}

/// The open post's problems, as its buffer stands (saved text plus unsaved changes).
#[tauri::command]
pub fn check_post(state: State<'_, AppState>, request: SaveRequest) -> Result<PostProblems, AppError> {
    let library = lock(&state.library);
    let library = library.as_ref().ok_or_else(no_folder)?;
    Ok(library.with_checks(|context| post_checks::check_buffer(context, &state.bases, &request))??)
}

/// Applies one problem's fix (or, without `problem`, every safe fix) to the saved post.
#[tauri::command]
pub fn fix_post(
    state: State<'_, AppState>,
    path: String,
    base_hash: String,
    problem: Option<ProblemRef>,
) -> Result<FixOutcome, AppError> {
    let library = lock(&state.library);
    let library = library.as_ref().ok_or_else(no_folder)?;
    Ok(save::fix(library, &state.bases, &path, &base_hash, problem.as_ref())?)
}

/// Puts back the text from before a fix, if the file still holds what the fix wrote.
#[tauri::command]
pub fn undo_fix(
    state: State<'_, AppState>,
    path: String,
    current_hash: String,
    before_hash: String,
) -> Result<PostDocument, AppError> {
    let library = lock(&state.library);
    let library = library.as_ref().ok_or_else(no_folder)?;
    Ok(save::undo_fix(library, &state.bases, &path, &current_hash, &before_hash)?)
}

/// Shows the native folder chooser for an export destination; None when cancelled.
#[tauri::command]
pub async fn pick_export_folder() -> Option<String> {
    let picked = rfd::AsyncFileDialog::new().set_title("Export finished posts to…").pick_folder().await;
    picked.map(|handle| handle.path().display().to_string())
}

/// Exports the open folder's finished posts to `out` (`postdesk export` with the same options).
#[tauri::command]
pub async fn export_folder(
    state: State<'_, AppState>,
    out: String,
    drafts: bool,
    fix: bool,
    rename_slug: bool,
    overwrite: bool,
) -> Result<ExportSummary, AppError> {
    let root = state.root()?;
    if out.trim().is_empty() {
        return Err(WorkspaceError::NotAFolder { path: PathBuf::from(out) }.into());
    }
    let out = PathBuf::from(out);
    let options = ExportOptions { drafts, fix, rename_slug, force: false };
    let report = export::run(&root, &out, options, overwrite, Some(crate::workspace::folder::today()))?;
    Ok(report.summary(&out))
}

/// The schema of the open post's collection (the whole site's without a post): inferred, with
/// what the generator declares and `postdesk.toml` applied, for typed fields and autocomplete.
#[tauri::command]
pub fn get_schema(state: State<'_, AppState>, path: Option<String>) -> Result<Schema, AppError> {
    let library = lock(&state.library);
    Ok(library.as_ref().ok_or_else(no_folder)?.schema_for(path.as_deref())?)
}

/// Checks the raw front-matter editor's text as front matter of the open post's `kind`.
#[tauri::command]
pub fn check_front_matter(kind: FrontMatterKind, source: String) -> SourceCheck {
    source::check_source(kind, &source)
}

#[tauri::command]
pub fn get_settings() -> Settings {
    settings::current()
}

#[tauri::command]
pub fn set_autosave(on: bool) -> Result<Settings, AppError> {
    Ok(settings::set_autosave(on)?)
}

/// Creates a post from the folder's template (`workspace::actions::new_post`).
#[tauri::command]
pub fn new_post(state: State<'_, AppState>, request: NewPostRequest) -> Result<PostDocument, AppError> {
    let (root, doc) = {
        let library = lock(&state.library);
        let library = library.as_ref().ok_or_else(no_folder)?;
        // In a site, a post with no folder named goes to its biggest collection, and starts
        // from that collection's usual front matter.
        let mut request = request;
        if request.folder.as_deref().is_none_or(|f| f.trim().is_empty()) {
            request.folder = library.default_post_dir();
        }
        let probe = request.folder.as_deref().map(|f| format!("{}/new.md", f.trim_end_matches('/')));
        let schema = library.schema_for(probe.as_deref())?;
        (library.root().to_path_buf(), actions::new_post(library.root(), &schema, &request, library)?)
    };
    opened(&state, &root, &doc.path)
}

/// Renames the open post's file (and its `slug` key if asked); the buffer must be saved.
#[tauri::command]
pub fn rename_post(state: State<'_, AppState>, request: RenameRequest) -> Result<PostDocument, AppError> {
    let (root, doc) = {
        let library = lock(&state.library);
        let library = library.as_ref().ok_or_else(no_folder)?;
        (library.root().to_path_buf(), actions::rename_post(library.root(), &request, library)?)
    };
    forget_journal(&state, &request.path);
    opened(&state, &root, &doc.path)
}

/// Copies a post beside itself as a draft titled "… (copy)".
#[tauri::command]
pub fn duplicate_post(state: State<'_, AppState>, path: String) -> Result<PostDocument, AppError> {
    let (root, doc) = {
        let library = lock(&state.library);
        let library = library.as_ref().ok_or_else(no_folder)?;
        (
            library.root().to_path_buf(),
            actions::duplicate_post(library.root(), &library.schema()?, &path, library)?,
        )
    };
    opened(&state, &root, &doc.path)
}

/// Starts the translation of a post into `lang` where the site keeps that language's posts:
/// the same front matter, an empty body. Refuses when it exists already.
#[tauri::command]
pub fn new_translation(
    state: State<'_, AppState>,
    path: String,
    lang: String,
) -> Result<PostDocument, AppError> {
    let (root, doc) = {
        let library = lock(&state.library);
        let library = library.as_ref().ok_or_else(no_folder)?;
        let target = library.translation_path(&path, &lang);
        (
            library.root().to_path_buf(),
            actions::new_translation(library.root(), &path, &lang, target.as_deref(), library)?,
        )
    };
    opened(&state, &root, &doc.path)
}

/// The components the `.mdx` posts of `path`'s collection import, with their usual props.
#[tauri::command]
pub fn components_for(
    state: State<'_, AppState>,
    path: String,
) -> Result<Vec<crate::content::components::ComponentUse>, AppError> {
    let library = lock(&state.library);
    Ok(library.as_ref().ok_or_else(no_folder)?.component_usage(&path))
}

/// Moves a post to the system trash; refuses (and keeps the file) when there is no trash.
#[tauri::command]
pub fn trash_post(state: State<'_, AppState>, path: String) -> Result<(), AppError> {
    {
        let library = lock(&state.library);
        let library = library.as_ref().ok_or_else(no_folder)?;
        actions::trash_post(library.root(), &path, library)?;
    }
    forget_journal(&state, &path);
    Ok(())
}

/// Copies a pasted or dropped image into the site's static folder; returns the link to insert.
/// Async: decoding and writing 20 MB must not hold up the window.
#[tauri::command]
pub async fn import_image(
    state: State<'_, AppState>,
    request: ImageImport,
) -> Result<ImportedImage, AppError> {
    let roots = state.asset_roots().ok_or_else(no_folder)?;
    Ok(actions::import_image(&roots, &request)?)
}

/// A post an action just wrote, opened as `open_post` opens it (its text kept as the base for
/// 3-way merges).
fn opened(state: &AppState, root: &std::path::Path, rel: &str) -> Result<PostDocument, AppError> {
    let (doc, text) = store::open_with_text(root, rel)?;
    if let Some(text) = text {
        state.bases.remember(&doc.base_hash, text);
    }
    Ok(doc)
}

fn forget_journal(state: &AppState, path: &str) {
    if let (Some(dir), Ok(root)) = (journal::data_dir(), state.root()) {
        let _ = journal::clear(&dir, &root.display().to_string(), path);
    }
}

/// Theme, font size, layout, the open post: whatever the patch names, kept for the next runs.
#[tauri::command]
pub fn update_settings(state: State<'_, AppState>, patch: SettingsPatch) -> Result<Settings, AppError> {
    Ok(settings::update(patch, state.root().ok().as_deref())?)
}

/// Remembers the calling window's size for the next start (the UI calls this after a resize).
#[tauri::command]
pub fn remember_window_size(window: tauri::WebviewWindow) -> Result<(), AppError> {
    let size = window.inner_size().and_then(|s| Ok(s.to_logical::<u32>(window.scale_factor()?)));
    match size {
        Ok(size) => Ok(settings::remember_window_size(size.width, size.height)?),
        Err(_) => Ok(()), // A window that cannot say its size has nothing worth keeping.
    }
}

/// The window size from the last run, applied to the window's config before it is built.
pub fn restore_window_size(config: &mut tauri::utils::config::WindowConfig) {
    if let Some(size) = settings::current().window {
        config.width = f64::from(size.width);
        config.height = f64::from(size.height);
    }
}

/// The preview for the open post as edited (`front_matter` holds the form's current values,
/// `body` the editor's text or its edits since the last call), as a patch against the view's
/// generation `base` (`content::render::incremental`). Synchronous on purpose: an edit
/// re-renders a window of blocks in a millisecond or two, and the hop to the async runtime cost
/// more than that (seed post p95 12 ms sync against 16 ms async, release build).
#[tauri::command]
pub fn render_preview(
    state: State<'_, AppState>,
    path: String,
    front_matter: serde_json::Map<String, serde_json::Value>,
    body: BodyUpdate,
    base: u32,
) -> Result<PreviewReply, AppError> {
    if let Some(sink) = preview_profile() {
        return Ok(render_preview_profiled(&state, sink, &path, front_matter, body, base));
    }
    let (post_dir, header) = post::preview_header(&path, front_matter);
    let flavour = state.flavour_for(&path);
    Ok(lock(&state.preview).update(base, body, &post_dir, &header, flavour))
}

/// Where `POSTDESK_PROFILE` sends render_preview's timings: "1" to stderr, anything else is a
/// file to append to. Read once; unset (the default), the command reads no clock.
fn preview_profile() -> Option<&'static str> {
    static SINK: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    SINK.get_or_init(|| std::env::var("POSTDESK_PROFILE").ok().filter(|v| !v.is_empty())).as_deref()
}

/// render_preview, timed: one line per call, `version` keying it to the window's samples
/// (ui/src/preview-profile.ts). Wall-clock µs at entry and exit let the window split the IPC
/// round trip into the request's way in and the reply's way out.
fn render_preview_profiled(
    state: &AppState,
    sink: &str,
    path: &str,
    front_matter: serde_json::Map<String, serde_json::Value>,
    body: BodyUpdate,
    base: u32,
) -> PreviewReply {
    use std::io::Write;
    let epoch_us =
        || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_micros());
    let (enter, start) = (epoch_us(), std::time::Instant::now());
    let kind = match &body {
        BodyUpdate::Full { .. } => "full",
        BodyUpdate::Edits { .. } => "edits",
    };
    let (post_dir, header) = post::preview_header(path, front_matter);
    let flavour = state.flavour_for(path);
    let header_us = start.elapsed().as_micros();
    let locked = std::time::Instant::now();
    let mut preview = lock(&state.preview);
    let lock_us = locked.elapsed().as_micros();
    let (reply, t) = preview.update_profiled(base, body, &post_dir, &header, flavour);
    drop(preview);
    let (blocks, bytes) = reply
        .patch
        .as_ref()
        .map_or((0, 0), |p| (p.blocks.len(), p.blocks.iter().map(String::len).sum::<usize>()));
    let total_us = start.elapsed().as_micros();
    let line = format!(
        "render_preview version={} kind={kind} enter_us={enter} exit_us={} header_us={header_us} lock_us={lock_us} mirror_us={} render_us={} patch_us={} windowed={} total_us={total_us} blocks={blocks} bytes={bytes}\n",
        reply.body_version,
        epoch_us(),
        t.mirror_us,
        t.render_us,
        t.patch_us,
        t.windowed,
    );
    if sink == "1" {
        eprint!("{line}");
    } else if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(sink) {
        let _ = f.write_all(line.as_bytes());
    }
    reply
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

/// Spelling and grammar of the open post's buffer (harper-core, off the keystroke path: the
/// editor asks after typing pauses, and each paragraph is linted once until it changes).
#[tauri::command]
pub async fn prose_lints(
    state: State<'_, AppState>,
    request: crate::workspace::post_checks::ProseRequest,
) -> Result<crate::workspace::post_checks::ProseLints, AppError> {
    // The library's lock only for the snapshot: a save or a fix (sync commands, on the main
    // thread) never waits for harper.
    let (lang, inputs) = {
        let library = lock(&state.library);
        let library = library.as_ref().ok_or_else(no_folder)?;
        crate::workspace::prose::inputs(library, &request.path)?
    };
    tauri::async_runtime::spawn_blocking(move || inputs.lint(lang.as_deref(), &request)).await.map_err(|e| {
        AppError {
            kind: crate::workspace::error::ErrorKind::Io,
            message: format!("the spelling check stopped: {e}"),
            path: None,
        }
    })
}

/// Adds a word to the site's dictionary (`postdesk.toml`'s `[prose] words`).
#[tauri::command]
pub fn add_to_dictionary(state: State<'_, AppState>, word: String) -> Result<(), AppError> {
    let library = lock(&state.library);
    let library = library.as_ref().ok_or_else(no_folder)?;
    Ok(crate::workspace::prose::add_word(library, &word)?)
}

pub fn handlers() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        open_startup_folder,
        open_folder,
        pick_folder,
        open_post,
        save_post,
        external_change,
        recreate_post,
        journal_write,
        journal_clear,
        recovery_entries,
        recovery_base,
        get_schema,
        check_post,
        fix_post,
        undo_fix,
        pick_export_folder,
        export_folder,
        check_front_matter,
        get_settings,
        set_autosave,
        render_preview,
        new_post,
        rename_post,
        duplicate_post,
        new_translation,
        components_for,
        trash_post,
        import_image,
        update_settings,
        remember_window_size,
        git::git_compare,
        git::git_line_changes,
        git::git_history,
        git::git_version,
        git::commit_plan,
        git::git_commit,
        git::git_push,
        git::git_pull,
        git::conflict_view,
        git::resolve_conflicts,
        prose_lints,
        add_to_dictionary,
        bulk::bulk_edit,
        bulk::bulk_cancel,
        bulk::bulk_fix,
        bulk::table_rows,
        bulk::bulk_undo
    ]
}
