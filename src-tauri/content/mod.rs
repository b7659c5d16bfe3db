//! The pure core: bytes or text in, values out. No `std::fs`, no tauri, no notify, no threads,
//! and no panics on any input. Everything the app and the CLI do to a post's text lives here,
//! so both front doors behave the same.

pub mod bulk;
pub mod checks;
pub mod components;
pub mod config;
pub mod conflicts;
pub mod edit;
pub mod export;
pub mod frontmatter;
pub mod git;
pub mod image;
pub mod index;
pub mod line_changes;
pub mod merge;
pub mod new_post;
pub mod post;
pub mod render;
pub mod schema;
pub mod site;
pub mod source;
pub mod spelling;
pub mod split;
pub mod table;
pub mod text_metrics;
pub mod work;
