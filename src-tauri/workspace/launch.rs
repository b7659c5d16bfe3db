//! What the window opens on. `postdesk PATH` takes a posts folder or one post; a post opens
//! in its site's folder (the nearest folder above it with a `postdesk.toml`, else the folder
//! it is in) with that post shown. With no PATH: the last folder opened, else the sample
//! posts. It lives here, not in the CLI, because the desktop entry (`Exec=postdesk %F`) and
//! the terminal both arrive through it, and it touches the disk.

use std::path::{Path, PathBuf};

use crate::content::config::FILE_NAME as CONFIG_FILE;
use crate::workspace::{scan, settings, WorkspaceError};

/// Where the window starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchTarget {
    pub folder: PathBuf,
    /// The post to show first, relative to `folder` with `/` separators.
    pub post: Option<String>,
}

impl LaunchTarget {
    pub fn folder(folder: PathBuf) -> Self {
        LaunchTarget { folder, post: None }
    }
}

/// Resolves the command line's PATH (a folder or a post file).
pub fn resolve(arg: &Path) -> Result<LaunchTarget, WorkspaceError> {
    let path = std::fs::canonicalize(arg).map_err(|e| WorkspaceError::io(arg, e))?;
    if path.is_dir() {
        return Ok(LaunchTarget::folder(path));
    }
    if !scan::is_post_file(&path) {
        return Err(WorkspaceError::Refused {
            path,
            message: "not a post; pass a .md, .markdown or .mdx file, or the folder that holds your posts"
                .into(),
        });
    }
    let parent = path.parent().unwrap_or(Path::new("/"));
    let folder = parent.ancestors().find(|dir| dir.join(CONFIG_FILE).is_file()).unwrap_or(parent);
    Ok(LaunchTarget { post: Some(scan::relative(folder, &path)), folder: folder.to_path_buf() })
}

/// Where the window opens when no PATH is given: the last folder, else the sample posts.
pub fn default_target() -> LaunchTarget {
    LaunchTarget::folder(settings::last_folder().unwrap_or_else(sample_posts))
}

/// The sample posts. A source checkout opens its own `posts/`. An installed Postdesk ships
/// them read-only in `/usr/share/postdesk/posts`, so the writer gets a copy of their own in
/// the data folder, made once, that saves and fixes can change.
pub fn sample_posts() -> PathBuf {
    let installed = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|bin| bin.join("../share/postdesk/posts")))
        .filter(|dir| dir.is_dir());
    let Some(installed) = installed else {
        return PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("posts");
    };
    let Some(copy) = settings::data_home().map(|d| d.join("sample-posts")) else {
        return installed;
    };
    if copy.is_dir() || copy_folder(&installed, &copy).is_ok() {
        copy
    } else {
        installed
    }
}

/// Copies a folder tree through a temporary sibling, so a half-made copy is never taken for
/// the samples on the next start.
fn copy_folder(from: &Path, to: &Path) -> std::io::Result<()> {
    let parent = to.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let staging = tempfile::tempdir_in(parent)?;
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.map_err(std::io::Error::other)?;
        let target = staging.path().join(entry.path().strip_prefix(from).map_err(std::io::Error::other)?);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    std::fs::rename(staging.keep(), to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_opens_as_itself() {
        let dir = tempfile::tempdir().unwrap();
        let target = resolve(dir.path()).unwrap();
        assert_eq!(target, LaunchTarget::folder(dir.path().canonicalize().unwrap()));
    }

    #[test]
    fn a_post_opens_in_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("blog")).unwrap();
        std::fs::write(dir.path().join("blog/a.md"), "# A\n").unwrap();
        let target = resolve(&dir.path().join("blog/a.md")).unwrap();
        assert_eq!(target.folder, dir.path().canonicalize().unwrap().join("blog"));
        assert_eq!(target.post.as_deref(), Some("a.md"));
    }

    #[test]
    fn a_post_opens_in_the_site_folder_that_holds_postdesk_toml() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/posts")).unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "").unwrap();
        std::fs::write(dir.path().join("content/posts/a.md"), "# A\n").unwrap();
        let target = resolve(&dir.path().join("content/posts/a.md")).unwrap();
        assert_eq!(target.folder, dir.path().canonicalize().unwrap());
        assert_eq!(target.post.as_deref(), Some("content/posts/a.md"));
    }

    #[test]
    fn a_file_that_is_not_a_post_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        let err = resolve(&dir.path().join("notes.txt")).unwrap_err();
        assert!(matches!(err, WorkspaceError::Refused { .. }), "{err:?}");
        assert!(err.to_string().contains("notes.txt") && err.to_string().contains(".md"), "{err}");
    }

    #[test]
    fn a_missing_path_names_the_path() {
        let err = resolve(Path::new("/no/such/postdesk/folder")).unwrap_err();
        assert!(err.to_string().contains("/no/such/postdesk/folder"), "{err}");
    }

    #[test]
    fn a_copy_of_a_folder_has_every_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("from/img")).unwrap();
        std::fs::write(dir.path().join("from/a.md"), "a").unwrap();
        std::fs::write(dir.path().join("from/img/b.png"), "b").unwrap();
        copy_folder(&dir.path().join("from"), &dir.path().join("data/to")).unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("data/to/a.md")).unwrap(), "a");
        assert_eq!(std::fs::read_to_string(dir.path().join("data/to/img/b.png")).unwrap(), "b");
        assert_eq!(std::fs::read_dir(dir.path().join("data")).unwrap().count(), 1, "no staging left");
    }
}
