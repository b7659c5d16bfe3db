//! The I/O layer: folder scan, the watcher, atomic saves. Every error carries its path.
//! It decides nothing about a post's text; that is `content`'s job.

pub mod assets;
pub mod checks;
pub mod config;
pub mod error;
pub mod export;
pub mod scan;
pub mod settings;
pub mod store;
pub mod watch;

pub use error::{AppError, WorkspaceError};
