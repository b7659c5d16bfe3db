//! Incremental preview updates: which top-level blocks changed since the last render.
//!
//! Re-rendering a post in Rust is cheap (a megabyte in a few milliseconds); shipping the whole
//! HTML to the webview, parsing it and re-laying it out on every keystroke is not. The preview
//! is therefore a list of blocks — the page header, then one block per top-level Markdown block,
//! cut at the `data-line` markers `render_body` writes — and each update sends only the run of
//! blocks between the unchanged prefix and the unchanged suffix. Typing in one paragraph sends
//! that paragraph.
//!
//! The session remembers the blocks the view holds, under a generation number. A request names
//! the generation its view shows; if that is not the session's (a fresh view, a failed patch),
//! the answer is the whole page, so the two can never drift apart. Pure data: no I/O.

use std::hash::{Hash, Hasher};

use serde::Serialize;
use ts_rs::TS;

/// What the view must do: keep `keep_prefix` blocks and `keep_suffix` blocks, and put `blocks`
/// in between, replacing whatever it held there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "PreviewPatch.ts")]
pub struct PreviewPatch {
    /// The generation the view shows once the patch is applied; send it with the next request.
    pub generation: u32,
    /// True when the view must drop everything it holds (`keep_*` are then 0).
    pub full: bool,
    pub keep_prefix: u32,
    pub keep_suffix: u32,
    pub blocks: Vec<String>,
}

#[derive(Debug, Default)]
pub struct PreviewSession {
    generation: u32,
    keys: Vec<u64>,
}

/// Splits the preview HTML into the header block and one block per top-level Markdown block.
pub fn split_blocks(html: &str) -> Vec<&str> {
    const MARKER: &str = "<span data-line=";
    let mut blocks = Vec::new();
    let mut start = 0;
    for (at, _) in html.match_indices(MARKER) {
        if at > 0 || !blocks.is_empty() {
            blocks.push(&html[start..at]);
            start = at;
        }
    }
    if blocks.is_empty() && start == 0 {
        blocks.push(""); // No header: block 0 is empty, so the body always starts at 1.
    }
    blocks.push(&html[start..]);
    blocks
}

fn key(block: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    block.hash(&mut hasher);
    hasher.finish()
}

impl PreviewSession {
    /// The patch that turns the view at generation `base` into `html`.
    pub fn update(&mut self, base: u32, html: &str) -> PreviewPatch {
        let blocks = split_blocks(html);
        let keys: Vec<u64> = blocks.iter().map(|b| key(b)).collect();
        let known = base == self.generation && !self.keys.is_empty();
        self.generation = self.generation.wrapping_add(1);
        let (prefix, suffix) = if known {
            let prefix = self.keys.iter().zip(&keys).take_while(|(a, b)| a == b).count();
            let room = self.keys.len().min(keys.len()) - prefix;
            let suffix =
                self.keys.iter().rev().zip(keys.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
            (prefix, suffix)
        } else {
            (0, 0)
        };
        let changed = blocks[prefix..blocks.len() - suffix].iter().map(|b| b.to_string()).collect();
        self.keys = keys;
        PreviewPatch {
            generation: self.generation,
            full: !known,
            keep_prefix: prefix as u32,
            keep_suffix: suffix as u32,
            blocks: changed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<header>T</header><span data-line=\"1\"></span><p>a</p>\n<span data-line=\"3\"></span><p>b</p>\n<span data-line=\"5\"></span><p>c</p>\n";

    #[test]
    fn blocks_are_cut_at_the_markers() {
        let blocks = split_blocks(PAGE);
        assert_eq!(blocks.len(), 4);
        assert_eq!(blocks[0], "<header>T</header>");
        assert!(blocks[2].starts_with("<span data-line=\"3\"></span><p>b</p>"));
        assert_eq!(blocks.concat(), PAGE);
        assert_eq!(
            split_blocks("<span data-line=\"1\"></span><p>x</p>"),
            ["", "<span data-line=\"1\"></span><p>x</p>"]
        );
        assert_eq!(split_blocks(""), ["", ""]);
    }

    #[test]
    fn a_fresh_view_gets_the_whole_page_then_only_what_changed() {
        let mut session = PreviewSession::default();
        let first = session.update(0, PAGE);
        assert!(first.full);
        assert_eq!(first.blocks.concat(), PAGE);

        let edited = PAGE.replace("<p>b</p>", "<p>bee</p>");
        let patch = session.update(first.generation, &edited);
        assert!(!patch.full);
        assert_eq!((patch.keep_prefix, patch.keep_suffix), (2, 1));
        assert_eq!(patch.blocks, ["<span data-line=\"3\"></span><p>bee</p>\n"]);
    }

    #[test]
    fn a_view_at_another_generation_gets_the_whole_page() {
        let mut session = PreviewSession::default();
        let first = session.update(0, PAGE);
        let _ = session.update(first.generation, PAGE);
        let stale = session.update(first.generation, PAGE);
        assert!(stale.full, "the view missed a patch, so it must be rebuilt");
        assert_eq!(stale.blocks.concat(), PAGE);
    }

    #[test]
    fn inserted_and_removed_blocks_patch_the_middle() {
        let mut session = PreviewSession::default();
        let g = session.update(0, PAGE).generation;
        let inserted = PAGE.replace("<p>b</p>\n", "<p>b</p>\n<span data-line=\"4\"></span><p>new</p>\n");
        let patch = session.update(g, &inserted);
        assert_eq!((patch.keep_prefix, patch.keep_suffix, patch.blocks.len()), (3, 1, 1));
        let removed = session.update(patch.generation, PAGE);
        assert_eq!((removed.keep_prefix, removed.keep_suffix, removed.blocks.len()), (3, 1, 0));
    }
}
