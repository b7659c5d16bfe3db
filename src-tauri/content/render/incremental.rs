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

use serde::{Deserialize, Serialize};
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

/// One change from the editor: replace `from..to` of the text before it with `insert`. Offsets
/// are UTF-16 code units, as CodeMirror (and every JavaScript string) counts them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export, export_to = "TextEdit.ts")]
pub struct TextEdit {
    pub from: u32,
    pub to: u32,
    pub insert: String,
}

/// How the editor's body reaches the preview: the whole text (on open, or when the two lost
/// step), or the edits since the version the backend last acknowledged. Typing in a megabyte
/// post then sends a few bytes instead of the megabyte.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export, export_to = "BodyUpdate.ts")]
pub enum BodyUpdate {
    Full { text: String },
    Edits { version: u32, edits: Vec<TextEdit> },
}

/// The edits named a version the mirror does not hold, or offsets outside the text: the
/// editor must send the whole body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stale;

/// The backend's copy of the body the editor holds, kept in step by `BodyUpdate`s.
#[derive(Debug, Default)]
pub struct BodyMirror {
    text: String,
    version: u32,
}

impl BodyMirror {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Applies an update; returns the new version for the editor to send edits against.
    pub fn update(&mut self, update: BodyUpdate) -> Result<u32, Stale> {
        match update {
            BodyUpdate::Full { text } => self.text = text,
            BodyUpdate::Edits { version, edits } => {
                if version != self.version {
                    return Err(Stale);
                }
                self.text = apply_edits(&self.text, &edits).ok_or(Stale)?;
            }
        }
        self.version = self.version.wrapping_add(1);
        Ok(self.version)
    }
}

/// `text` with `edits` applied; the edits are in ascending, non-overlapping order, in offsets of
/// `text`. None if any offset is out of order, past the end, or inside a character.
fn apply_edits(text: &str, edits: &[TextEdit]) -> Option<String> {
    let mut wanted: Vec<u32> = Vec::with_capacity(edits.len() * 2);
    for edit in edits {
        if edit.from > edit.to || wanted.last().is_some_and(|&last| edit.from < last) {
            return None;
        }
        wanted.push(edit.from);
        wanted.push(edit.to);
    }
    let bytes = utf16_to_byte_offsets(text, &wanted)?;
    let mut out = String::with_capacity(text.len() + edits.iter().map(|e| e.insert.len()).sum::<usize>());
    let mut copied = 0;
    for (edit, at) in edits.iter().zip(bytes.chunks(2)) {
        out.push_str(&text[copied..at[0]]);
        out.push_str(&edit.insert);
        copied = at[1];
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// Byte offsets for ascending UTF-16 offsets, in one pass. None if one lies past the end or
/// between the two halves of a surrogate pair.
fn utf16_to_byte_offsets(text: &str, utf16: &[u32]) -> Option<Vec<usize>> {
    let mut out = Vec::with_capacity(utf16.len());
    let mut wanted = utf16.iter().copied().peekable();
    let mut units: u32 = 0;
    for (byte, ch) in text.char_indices() {
        while let Some(&w) = wanted.peek() {
            if w > units {
                break;
            }
            if w < units {
                return None; // Inside a surrogate pair.
            }
            out.push(byte);
            wanted.next();
        }
        if wanted.peek().is_none() {
            return Some(out);
        }
        units += ch.len_utf16() as u32;
    }
    for w in wanted {
        if w != units {
            return None;
        }
        out.push(text.len());
    }
    Some(out)
}

/// What the preview command answers: the patch, or None when the body update was stale (the
/// editor then sends the whole body), and the body version to send edits against next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "PreviewReply.ts")]
pub struct PreviewReply {
    pub patch: Option<PreviewPatch>,
    pub body_version: u32,
}

/// One window's preview state: the body mirror and the blocks its view shows.
#[derive(Debug, Default)]
pub struct LivePreview {
    mirror: BodyMirror,
    session: PreviewSession,
}

impl LivePreview {
    /// Brings the mirror up to date and renders it with `render`, as a patch against the view
    /// at generation `base`.
    pub fn update(
        &mut self,
        base: u32,
        body: BodyUpdate,
        render: impl FnOnce(&str) -> String,
    ) -> PreviewReply {
        match self.mirror.update(body) {
            Ok(version) => {
                let html = render(self.mirror.text());
                PreviewReply { patch: Some(self.session.update(base, &html)), body_version: version }
            }
            Err(Stale) => PreviewReply { patch: None, body_version: self.mirror.version },
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

    fn edit(from: u32, to: u32, insert: &str) -> TextEdit {
        TextEdit { from, to, insert: insert.into() }
    }

    #[test]
    fn the_mirror_follows_edits_in_utf16_offsets() {
        let mut mirror = BodyMirror::default();
        let v1 = mirror.update(BodyUpdate::Full { text: "héllo 😀 world".into() }).unwrap();
        // "😀" is two UTF-16 units: "héllo " is 6, the emoji 6..8, " world" 8..14.
        let v2 = mirror
            .update(BodyUpdate::Edits { version: v1, edits: vec![edit(0, 1, "H"), edit(9, 14, "there")] })
            .unwrap();
        assert_eq!(mirror.text(), "Héllo 😀 there");
        mirror.update(BodyUpdate::Edits { version: v2, edits: vec![edit(14, 14, "!")] }).unwrap();
        assert_eq!(mirror.text(), "Héllo 😀 there!");
    }

    #[test]
    fn a_stale_or_impossible_edit_asks_for_the_whole_body() {
        let mut mirror = BodyMirror::default();
        let v1 = mirror.update(BodyUpdate::Full { text: "a😀b".into() }).unwrap();
        let stale = BodyUpdate::Edits { version: v1 + 7, edits: vec![] };
        assert_eq!(mirror.update(stale), Err(Stale));
        for bad in [
            vec![edit(2, 2, "x")],
            vec![edit(0, 9, "")],
            vec![edit(3, 1, "")],
            vec![edit(2, 3, ""), edit(0, 1, "")],
        ] {
            assert_eq!(
                mirror.update(BodyUpdate::Edits { version: v1, edits: bad.clone() }),
                Err(Stale),
                "{bad:?}"
            );
            assert_eq!(mirror.text(), "a😀b", "a refused edit changes nothing");
        }
        assert!(mirror.update(BodyUpdate::Edits { version: v1, edits: vec![edit(4, 4, "c")] }).is_ok());
        assert_eq!(mirror.text(), "a😀bc");
    }
}
