//! The I/O layer: folder scan, the live library and its watcher, atomic saves, the recovery
//! journal, settings, checks and export over real files. Every error carries its path.
//! It decides nothing about a post's text; that is `content`'s job.

pub mod actions;
pub mod assets;
pub mod bulk;
pub mod config;
pub mod error;
pub mod export;
pub mod folder;
pub mod git;
pub mod guard;
pub mod journal;
pub mod launch;
pub mod library;
pub mod own_writes;
pub mod post_checks;
pub mod prose;
pub mod publish;
pub mod save;
pub mod scan;
pub mod settings;
pub mod site;
pub mod store;
pub mod watch;

pub use error::WorkspaceError;
