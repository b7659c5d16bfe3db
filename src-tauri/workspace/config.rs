//! Reads a folder's `postdesk.toml`. The parsing (and every message about a mistake) is
//! `content::config`'s; this module only finds the file, reads it and adds its path.

use std::path::Path;

use crate::content::config::{self, Config};

use super::error::WorkspaceError;

/// The folder's config: its `postdesk.toml` if there is one, else the defaults.
pub fn load(folder: &Path) -> Result<Config, WorkspaceError> {
    let path = folder.join(config::FILE_NAME);
    let bytes = match super::guard::read_capped(&path, super::guard::MAX_SMALL_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(WorkspaceError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Config::default())
        }
        Err(e) => return Err(e),
    };
    let text = super::store::utf8(&path, &bytes)?;
    config::parse(text).map_err(|e| WorkspaceError::Config {
        path,
        line: e.line,
        column: e.column,
        message: e.message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_the_defaults_and_a_bad_one_names_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), Config::default());
        std::fs::write(dir.path().join("postdesk.toml"), "[checks]\ntitel_min = 3\n").unwrap();
        let message = load(dir.path()).unwrap_err().to_string();
        let want = format!("{}:2:1: unknown key `titel_min`", dir.path().join("postdesk.toml").display());
        assert!(message.starts_with(&want), "{message}");
        assert!(message.contains("fix it or remove it"), "{message}");
    }
}
