//! App settings kept between runs: the last folder opened, and whether to autosave.
//!
//! They live in `$POSTDESK_CONFIG_DIR`, else `$XDG_CONFIG_HOME/postdesk`, else
//! `~/.config/postdesk` — never inside the posts folder. A missing or unreadable settings file
//! means defaults; settings are a convenience and never stop the app from starting.

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
}

impl Default for Settings {
    fn default() -> Self {
        Settings { last_folder: None, autosave: true }
    }
}

pub fn config_dir() -> Option<PathBuf> {
    let env_dir = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    env_dir("POSTDESK_CONFIG_DIR")
        .or_else(|| env_dir("XDG_CONFIG_HOME").map(|d| d.join("postdesk")))
        .or_else(|| env_dir("HOME").map(|d| d.join(".config").join("postdesk")))
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

/// The settings now, or the defaults when there is no config dir.
pub fn current() -> Settings {
    config_dir().map(|d| load(&d)).unwrap_or_default()
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
    settings.last_folder = Some(folder.to_path_buf());
    let _ = save(dir, &settings);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_tolerate_garbage() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Settings::default());
        let settings = Settings { last_folder: Some("/some/posts".into()), autosave: false };
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
}
