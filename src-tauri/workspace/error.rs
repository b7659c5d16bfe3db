//! The one error type of the I/O layer. Every variant carries the path it concerns, and its
//! `kind` lets a front door (the window's `ipc::AppError`) tell a conflict from an I/O failure.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: the file changed on disk since it was opened; reload it or keep your version")]
    Conflict { path: PathBuf },
    #[error("{path}: the file is not valid UTF-8 (first bad byte at offset {offset}); Postdesk opens it read-only")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: {message}")]
    Edit { path: PathBuf, message: String },
    #[error("{path}: the path is outside the opened folder")]
    OutsideFolder { path: PathBuf },
    #[error("{path}: not a folder; pass the folder that holds your posts")]
    NotAFolder { path: PathBuf },
    #[error("{path}:{line}:{column}: {message}; fix it or remove it (the README lists every setting)")]
    Config { path: PathBuf, line: u32, column: u32, message: String },
    /// A FIFO, device, socket or folder where a file was expected: never read, never written.
    #[error(
        "{path}: {what}, not a regular file; Postdesk reads and writes only regular files and skipped it"
    )]
    NotRegular { path: PathBuf, what: &'static str },
    /// A symlink whose target lies outside the site: never followed.
    #[error("{path}: a link to {}, outside the site; Postdesk follows links only inside the site and skipped it", target.display())]
    OutsideSite { path: PathBuf, target: PathBuf },
    #[error("{path}: {} MiB, over Postdesk's limit of {} MiB for this kind of file; it was not read", size / (1024 * 1024), limit / (1024 * 1024))]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{path}: the file is read-only; your text is kept. Make it writable (chmod u+w) and save again, or save a copy")]
    ReadOnly { path: PathBuf },
    /// A post action that would lose or overwrite something, or cannot be done safely (a name
    /// already taken, no trash, a file that is not an image); nothing was changed.
    #[error("{path}: {message}")]
    Refused { path: PathBuf, message: String },
    /// The writer's `git` is missing, or a git command failed (its own message, and what to do).
    #[error("{path}: {message}")]
    Git { path: PathBuf, message: String },
}

impl WorkspaceError {
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        WorkspaceError::Io { path: path.as_ref().to_path_buf(), source }
    }

    pub fn path(&self) -> &Path {
        match self {
            WorkspaceError::Io { path, .. }
            | WorkspaceError::Conflict { path }
            | WorkspaceError::NotUtf8 { path, .. }
            | WorkspaceError::Edit { path, .. }
            | WorkspaceError::OutsideFolder { path }
            | WorkspaceError::NotAFolder { path }
            | WorkspaceError::Config { path, .. }
            | WorkspaceError::Refused { path, .. }
            | WorkspaceError::Git { path, .. }
            | WorkspaceError::NotRegular { path, .. }
            | WorkspaceError::OutsideSite { path, .. }
            | WorkspaceError::TooLarge { path, .. }
            | WorkspaceError::ReadOnly { path } => path,
        }
    }

    /// Which kind of failure this is, for a front door that must branch on it (the UI).
    pub fn kind(&self) -> ErrorKind {
        match self {
            WorkspaceError::Io { .. } => ErrorKind::Io,
            WorkspaceError::Conflict { .. } => ErrorKind::Conflict,
            WorkspaceError::NotUtf8 { .. } => ErrorKind::NotUtf8,
            WorkspaceError::Edit { .. } => ErrorKind::Edit,
            WorkspaceError::OutsideFolder { .. } | WorkspaceError::NotAFolder { .. } => ErrorKind::BadPath,
            WorkspaceError::Config { .. } => ErrorKind::Config,
            WorkspaceError::Refused { .. } => ErrorKind::Refused,
            WorkspaceError::Git { .. } => ErrorKind::Git,
            WorkspaceError::NotRegular { .. }
            | WorkspaceError::OutsideSite { .. }
            | WorkspaceError::TooLarge { .. } => ErrorKind::Skipped,
            WorkspaceError::ReadOnly { .. } => ErrorKind::ReadOnly,
        }
    }

    /// The same error, naming `path` (the link the writer knows) instead of its target.
    pub fn at(self, path: &Path) -> Self {
        let path = path.to_path_buf();
        match self {
            WorkspaceError::Io { source, .. } => WorkspaceError::Io { path, source },
            WorkspaceError::NotRegular { what, .. } => WorkspaceError::NotRegular { path, what },
            WorkspaceError::TooLarge { size, limit, .. } => WorkspaceError::TooLarge { path, size, limit },
            WorkspaceError::ReadOnly { .. } => WorkspaceError::ReadOnly { path },
            other => other,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "ErrorKind.ts")]
pub enum ErrorKind {
    Io,
    Conflict,
    NotUtf8,
    Edit,
    BadPath,
    Config,
    Refused,
    /// A file Postdesk does not touch: not regular, a link out of the site, or over a size cap.
    Skipped,
    ReadOnly,
    Git,
}
