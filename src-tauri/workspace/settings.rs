//! App settings kept between runs: the last folder and the recent ones, autosave, theme, font
//! size, the pane layout, the window size, and the last open post of each folder.
//!
//! They live in `$POSTDESK_CONFIG_DIR`, else `$XDG_CONFIG_HOME/postdesk`, else
//! `~/.config/postdesk` — never inside the posts folder. A missing or unreadable settings file
//! means defaults; settings are a convenience and never stop the app from starting.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::error::WorkspaceError;
use super::store::write_atomic;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export, export_to = "Settings.ts")]
pub struct Settings {
    #[ts(type = "string | null")]
    pub last_folder: Option<PathBuf>,
    /// Save a post after two seconds without typing.
    pub autosave: bool,
    pub theme: Theme,
    /// The body editor's font size in CSS pixels.
    pub font_size: u8,
    /// Folders opened before, most recent first (the last folder too).
    #[ts(type = "string[]")]
    pub recent_folders: Vec<PathBuf>,
    pub layout: PaneLayout,
    /// The window's inner size in logical pixels when it was last resized.
    pub window: Option<WindowSize>,
    /// The post last open in each folder (folder path to the post's relative path).
    pub last_posts: BTreeMap<String, String>,
}

/// Light and dark follow the OS unless the writer picks one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, export_to = "Theme.ts")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// Which of the three panes show, and how wide the side ones are (CSS pixels); the editor
/// takes the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export, export_to = "PaneLayout.ts")]
pub struct PaneLayout {
    pub show_library: bool,
    pub show_editor: bool,
    pub show_preview: bool,
    pub library_width: u32,
    pub preview_width: u32,
}

impl Default for PaneLayout {
    fn default() -> Self {
        PaneLayout {
            show_library: true,
            show_editor: true,
            show_preview: true,
            library_width: 272,
            preview_width: 520,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, export_to = "WindowSize.ts")]
pub struct WindowSize {
    pub width: u32,
    pub height: u32,
}

/// A change to some settings from the UI; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
#[ts(export, export_to = "SettingsPatch.ts", optional_fields)]
pub struct SettingsPatch {
    pub autosave: Option<bool>,
    pub theme: Option<Theme>,
    pub font_size: Option<u8>,
    pub layout: Option<PaneLayout>,
    /// The post now open in the folder open now (relative path); an empty string forgets it.
    pub last_post: Option<String>,
}

pub const FONT_SIZES: std::ops::RangeInclusive<u8> = 11..=28;
const RECENT_LIMIT: usize = 10;
/// Smaller than this is a minimised or broken window, not a size worth restoring.
const WINDOW_MIN: u32 = 400;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            last_folder: None,
            autosave: true,
            theme: Theme::System,
            font_size: 15,
            recent_folders: Vec::new(),
            layout: PaneLayout::default(),
            window: None,
            last_posts: BTreeMap::new(),
        }
    }
}

impl Settings {
    /// Applies `patch`; `root` is the folder open now (the last post is kept per folder).
    pub fn apply(&mut self, patch: SettingsPatch, root: Option<&Path>) {
        if let Some(on) = patch.autosave {
            self.autosave = on;
        }
        if let Some(theme) = patch.theme {
            self.theme = theme;
        }
        if let Some(size) = patch.font_size {
            self.font_size = size.clamp(*FONT_SIZES.start(), *FONT_SIZES.end());
        }
        if let Some(layout) = patch.layout {
            self.layout = layout;
        }
        if let (Some(post), Some(root)) = (patch.last_post, root) {
            let key = root.display().to_string();
            if post.is_empty() {
                self.last_posts.remove(&key);
            } else {
                self.last_posts.insert(key, post);
            }
        }
    }

    /// `folder` becomes the last folder and the first of the recent ones.
    pub fn opened_folder(&mut self, folder: &Path) {
        self.last_folder = Some(folder.to_path_buf());
        self.recent_folders.retain(|f| f != folder);
        self.recent_folders.insert(0, folder.to_path_buf());
        self.recent_folders.truncate(RECENT_LIMIT);
    }

    pub fn resized(&mut self, width: u32, height: u32) {
        if width >= WINDOW_MIN && height >= WINDOW_MIN {
            self.window = Some(WindowSize { width, height });
        }
    }
}

pub fn config_dir() -> Option<PathBuf> {
    let env_dir = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    env_dir("POSTDESK_CONFIG_DIR")
        .or_else(|| env_dir("XDG_CONFIG_HOME").map(|d| d.join("postdesk")))
        .or_else(|| env_dir("HOME").map(|d| d.join(".config").join("postdesk")))
}

/// Postdesk's own data folder (`$XDG_DATA_HOME/postdesk`, else `~/.local/share/postdesk`):
/// the writer's copy of the sample posts lives there.
pub fn data_home() -> Option<PathBuf> {
    let env_dir = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    env_dir("XDG_DATA_HOME")
        .map(|d| d.join("postdesk"))
        .or_else(|| env_dir("HOME").map(|d| d.join(".local/share/postdesk")))
}

fn settings_file(dir: &Path) -> PathBuf {
    dir.join("settings.json")
}

pub fn load(dir: &Path) -> Settings {
    std::fs::read(settings_file(dir))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

pub fn save(dir: &Path, settings: &Settings) -> Result<(), WorkspaceError> {
    std::fs::create_dir_all(dir).map_err(|e| WorkspaceError::io(dir, e))?;
    let file = settings_file(dir);
    let json = serde_json::to_vec_pretty(settings)
        .map_err(|e| WorkspaceError::io(&file, std::io::Error::other(e)))?;
    write_atomic(&file, &json)
}

/// The folder to open when none is given: the last one, if it still exists.
pub fn last_folder() -> Option<PathBuf> {
    last_folder_in(&config_dir()?)
}

fn last_folder_in(dir: &Path) -> Option<PathBuf> {
    let folder = load(dir).last_folder?;
    folder.is_dir().then_some(folder)
}

/// The settings now, or the defaults when there is no config dir. Recent folders that are
/// gone are left out.
pub fn current() -> Settings {
    let mut settings = config_dir().map(|d| load(&d)).unwrap_or_default();
    settings.recent_folders.retain(|f| f.is_dir());
    settings
}

/// Changes some settings for this run and the next ones; `root` is the open folder.
pub fn update(patch: SettingsPatch, root: Option<&Path>) -> Result<Settings, WorkspaceError> {
    let Some(dir) = config_dir() else {
        let mut settings = Settings::default();
        settings.apply(patch, root);
        return Ok(settings);
    };
    let mut settings = load(&dir);
    settings.apply(patch, root);
    save(&dir, &settings)?;
    Ok(settings)
}

/// Remembers the window's size (logical pixels) for the next start.
pub fn remember_window_size(width: u32, height: u32) -> Result<(), WorkspaceError> {
    let Some(dir) = config_dir() else { return Ok(()) };
    let mut settings = load(&dir);
    let before = settings.window;
    settings.resized(width, height);
    if settings.window == before {
        return Ok(());
    }
    save(&dir, &settings)
}

/// Turns autosave on or off for the next runs too.
pub fn set_autosave(on: bool) -> Result<Settings, WorkspaceError> {
    let Some(dir) = config_dir() else { return Ok(Settings { autosave: on, ..Settings::default() }) };
    let mut settings = load(&dir);
    settings.autosave = on;
    save(&dir, &settings)?;
    Ok(settings)
}

/// Remembers `folder` as the last one opened. Failing to remember is not worth an error.
pub fn remember_folder(folder: &Path) {
    if let Some(dir) = config_dir() {
        remember_folder_in(&dir, folder);
    }
}

fn remember_folder_in(dir: &Path, folder: &Path) {
    let mut settings = load(dir);
    settings.opened_folder(folder);
    let _ = save(dir, &settings);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_tolerate_garbage() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Settings::default());
        let settings =
            Settings { last_folder: Some("/some/posts".into()), autosave: false, ..Settings::default() };
        save(dir.path(), &settings).unwrap();
        assert_eq!(load(dir.path()), settings);
        std::fs::write(settings_file(dir.path()), b"{not json").unwrap();
        assert_eq!(load(dir.path()), Settings::default());
    }

    #[test]
    fn the_last_folder_is_reopened_only_while_it_exists() {
        let config = tempfile::tempdir().unwrap();
        let posts = tempfile::tempdir().unwrap();
        assert_eq!(last_folder_in(config.path()), None);
        remember_folder_in(config.path(), posts.path());
        assert_eq!(last_folder_in(config.path()), Some(posts.path().to_path_buf()));
        drop(posts);
        assert_eq!(last_folder_in(config.path()), None, "a vanished folder is not reopened");
    }

    #[test]
    fn settings_from_an_older_version_keep_their_values_and_default_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(settings_file(dir.path()), br#"{"lastFolder": "/p", "autosave": false}"#).unwrap();
        let settings = load(dir.path());
        assert_eq!(settings.last_folder, Some(PathBuf::from("/p")));
        assert!(!settings.autosave);
        assert_eq!(settings.theme, Theme::System);
        assert_eq!(settings.font_size, 15);
        assert_eq!(settings.layout, PaneLayout::default());
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let mut settings = Settings::default();
        let patch: SettingsPatch =
            serde_json::from_str(r#"{"theme": "dark", "fontSize": 40, "lastPost": "a.md"}"#).unwrap();
        settings.apply(patch, Some(Path::new("/posts")));
        assert_eq!(settings.theme, Theme::Dark);
        assert_eq!(settings.font_size, 28, "font size is clamped");
        assert!(settings.autosave);
        assert_eq!(settings.last_posts.get("/posts").map(String::as_str), Some("a.md"));
        settings.apply(SettingsPatch { last_post: Some("b.md".into()), ..Default::default() }, None);
        assert_eq!(
            settings.last_posts.get("/posts").map(String::as_str),
            Some("a.md"),
            "no folder, no change"
        );
        settings.apply(
            SettingsPatch { last_post: Some(String::new()), ..Default::default() },
            Some(Path::new("/posts")),
        );
        assert!(settings.last_posts.is_empty(), "an empty path forgets the folder's last post");
    }

    #[test]
    fn recent_folders_are_most_recent_first_without_repeats_and_capped() {
        let mut settings = Settings::default();
        for i in 0..12 {
            settings.opened_folder(Path::new(&format!("/f{i}")));
        }
        settings.opened_folder(Path::new("/f5"));
        assert_eq!(settings.recent_folders.len(), RECENT_LIMIT);
        assert_eq!(settings.recent_folders[0], PathBuf::from("/f5"));
        assert_eq!(settings.recent_folders[1], PathBuf::from("/f11"));
        assert_eq!(settings.recent_folders.iter().filter(|f| f.as_path() == Path::new("/f5")).count(), 1);
        assert_eq!(settings.last_folder, Some(PathBuf::from("/f5")));
    }

    #[test]
    fn a_tiny_window_is_not_remembered() {
        let mut settings = Settings::default();
        settings.resized(1200, 800);
        settings.resized(10, 10);
        assert_eq!(settings.window, Some(WindowSize { width: 1200, height: 800 }));
    }
}
