//! Incremental preview updates: which top-level blocks changed since the last render, and
//! re-rendering only the blocks around an edit.
//!
//! Shipping the whole HTML of a long post to the webview, parsing it and re-laying it out on
//! every keystroke is slow, and so is rendering a megabyte. The preview is therefore a list of
//! blocks (the page header, then one block per top-level Markdown block) and:
//! - the editor sends its edits, not its text (`BodyMirror` keeps the backend's copy);
//! - an edit re-renders only a window of blocks around it when that is provably the same as a
//!   whole render (`render::window`), else the whole body;
//! - each update sends only the run of blocks between the unchanged prefix and the unchanged
//!   suffix, and how far the suffix's line markers moved.
//!
//! The session remembers the blocks the view holds, under a generation number. A request names
//! the generation its view shows; if that is not the session's (a fresh view, a failed patch),
//! the answer is the whole page, so the two can never drift apart. Pure data: no I/O.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::window::{self, ByteEdit};
use super::{block_key, marker, render_blocks, Flavour, Position, RenderContext, RenderedBody};
use crate::content::components::{self, Dialect, Span};

/// What the view must do: keep `keep_prefix` blocks and `keep_suffix` blocks, and put `blocks`
/// in between, replacing whatever it held there; then add `suffix_line_shift` to the source
/// line of every kept suffix block's marker (lines were added or removed above them).
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
    pub suffix_line_shift: i32,
    pub blocks: Vec<String>,
}

/// One block of the page as the session compares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shown {
    key: u64,
    /// The source line of its marker; None for the header.
    line: Option<usize>,
}

#[derive(Debug, Default)]
pub struct PreviewSession {
    generation: u32,
    shown: Vec<Shown>,
}

impl PreviewSession {
    /// The patch that turns the view at generation `base` into the page `header` + `body`.
    pub fn update(&mut self, base: u32, header: &str, body: &RenderedBody) -> PreviewPatch {
        let mut page = Vec::with_capacity(body.blocks.len() + 1);
        // The lead (text before the first block, never there in practice) rides with the header.
        let header_html = format!("{header}{}", body.lead);
        page.push(Shown { key: block_key(&header_html), line: None });
        page.extend(body.blocks.iter().map(|b| Shown { key: b.key(), line: Some(b.line) }));

        let known = base == self.generation && !self.shown.is_empty();
        self.generation = self.generation.wrapping_add(1);
        let (prefix, suffix, shift) = if known { self.common(&page) } else { (0, 0, 0) };
        let html_of = |i: usize| -> String {
            if i == 0 {
                header_html.clone()
            } else {
                let block = &body.blocks[i - 1];
                format!("{}{}", marker(block.line), block.html())
            }
        };
        let changed = (prefix..page.len() - suffix).map(html_of).collect();
        self.shown = page;
        PreviewPatch {
            generation: self.generation,
            full: !known,
            keep_prefix: prefix as u32,
            keep_suffix: suffix as u32,
            suffix_line_shift: shift as i32,
            blocks: changed,
        }
    }

    /// The unchanged prefix and suffix of `page` against what the view shows, and the line
    /// shift of the suffix. Prefix blocks must match line for line; suffix blocks by content,
    /// all moved by the same number of lines.
    fn common(&self, page: &[Shown]) -> (usize, usize, isize) {
        let old = &self.shown;
        let prefix = old.iter().zip(page).take_while(|(a, b)| a == b).count();
        let room = old.len().min(page.len()) - prefix;
        let shift_of = |a: &Shown, b: &Shown| match (a.line, b.line) {
            (Some(x), Some(y)) => Some(y as isize - x as isize),
            _ => None,
        };
        let shift = match (old.last(), page.last()) {
            (Some(a), Some(b)) if a.key == b.key && room > 0 => shift_of(a, b).unwrap_or(0),
            _ => 0,
        };
        let suffix = old
            .iter()
            .rev()
            .zip(page.iter().rev())
            .take(room)
            .take_while(|(a, b)| a.key == b.key && shift_of(a, b) == Some(shift))
            .count();
        (prefix, suffix, if suffix > 0 { shift } else { 0 })
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

    /// Applies an update; returns the new version for the editor to send edits against, and
    /// the span the edits touched (None for a whole new body).
    pub fn update(&mut self, update: BodyUpdate) -> Result<(u32, Option<ByteEdit>), Stale> {
        let span = match update {
            BodyUpdate::Full { text } => {
                self.text = text;
                None
            }
            BodyUpdate::Edits { version, edits } => {
                if version != self.version {
                    return Err(Stale);
                }
                let (text, span) = apply_edits(&self.text, &edits).ok_or(Stale)?;
                self.text = text;
                span
            }
        };
        self.version = self.version.wrapping_add(1);
        Ok((self.version, span))
    }
}

/// `text` with `edits` applied, and the one span covering them all (None for no edits); the
/// edits are in ascending, non-overlapping order, in offsets of `text`. None if any offset is
/// out of order, past the end, or inside a character.
fn apply_edits(text: &str, edits: &[TextEdit]) -> Option<(String, Option<ByteEdit>)> {
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
    let mut line_delta = 0isize;
    for (edit, at) in edits.iter().zip(bytes.chunks(2)) {
        out.push_str(&text[copied..at[0]]);
        out.push_str(&edit.insert);
        let newlines = |s: &str| memchr::memchr_iter(b'\n', s.as_bytes()).count() as isize;
        line_delta += newlines(&edit.insert) - newlines(&text[at[0]..at[1]]);
        copied = at[1];
    }
    out.push_str(&text[copied..]);
    let span = match (bytes.first(), bytes.last()) {
        (Some(&from), Some(&old_to)) => {
            let new_to = (old_to + out.len()).checked_sub(text.len())?;
            Some(ByteEdit { from, old_to, new_to, line_delta })
        }
        _ => None,
    };
    Some((out, span))
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

/// One window's preview state: the body mirror, its last render, and the blocks its view shows.
#[derive(Debug, Default)]
pub struct LivePreview {
    mirror: BodyMirror,
    /// The last render, with what it was rendered under: the post's folder, and the whole-body
    /// choices (plain code, raw HTML, the site's flavour) that a window re-render must share.
    rendered: Option<(String, (bool, bool, Flavour), RenderedBody)>,
    /// The body's component spans at the last render (`content::components`), and whether
    /// they were read without an MDX error (else every render is whole).
    spans: Vec<Span>,
    spans_parsed: bool,
    session: PreviewSession,
}

/// The part of the new text around `edit` made of whole top-level blocks of the previous
/// render (the ones the edit touches), where the component spans are found again.
fn edit_region(previous: &RenderedBody, text: &str, edit: ByteEdit) -> Option<std::ops::Range<usize>> {
    let blocks = &previous.blocks;
    if blocks.is_empty() || !previous.lead.is_empty() {
        return None;
    }
    let delta = edit.new_to as isize - edit.old_to as isize;
    let first = blocks.partition_point(|b| b.start <= edit.from).saturating_sub(1);
    let last = blocks.partition_point(|b| b.start <= edit.old_to).saturating_sub(1).max(first);
    let start = if first == 0 { 0 } else { blocks[first].start };
    let end = match blocks.get(last + 1) {
        Some(next) => next.start.checked_add_signed(delta)?,
        None => text.len(),
    };
    (start <= edit.from && end >= edit.new_to && end <= text.len()).then_some(start..end)
}

/// The body's spans for the new text after `edit`, found again in `window` of it. MDX: the old spans
/// before and after the window (shifted by the edit), and the window's own, parsed alone (MDX
/// nests, and a window holds whole components); None when a span crosses the window's edge or
/// the window does not parse, and a whole render decides.
fn window_spans(
    old: &[Span],
    text: &str,
    dialect: Dialect,
    edit: ByteEdit,
    window: std::ops::Range<usize>,
) -> Option<Vec<Span>> {
    let delta = edit.new_to as isize - edit.old_to as isize;
    let shift = |x: usize, by: isize| x.checked_add_signed(by).unwrap_or(0);
    match dialect {
        Dialect::Markdown => return Some(Vec::new()),
        // Shortcodes and Liquid tags pair across the whole body (a closing tag far below), but
        // finding them is one quick scan: the whole body is read, and the window stands only
        // if every span outside the edit is where it was.
        Dialect::Hugo | Dialect::Liquid => {
            let (new, _) = components::spans(text, dialect);
            let before = |spans: &[Span]| {
                spans.iter().filter(|s| s.range.end <= edit.from).cloned().collect::<Vec<_>>()
            };
            let old_after = old.iter().filter(|s| s.range.start >= edit.old_to).map(|s| Span {
                range: shift(s.range.start, delta)..shift(s.range.end, delta),
                kind: s.kind.clone(),
            });
            let new_after = new.iter().filter(|s| s.range.start >= edit.new_to).cloned();
            return (before(old) == before(&new) && old_after.eq(new_after)).then_some(new);
        }
        Dialect::Mdx => {}
    }
    let old_end = window.end.checked_add_signed(-delta)?;
    let crosses = |at: usize| old.iter().any(|s| s.range.start < at && at < s.range.end);
    if crosses(window.start) || crosses(old_end) {
        return None;
    }
    // The piece must stand alone: blank lines around it, and no code fence in it (an open one
    // would swallow the text after it, whose old spans would then be wrong).
    let piece = text.get(window.clone())?;
    let fenced =
        piece.lines().any(|l| l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~"));
    if fenced
        || !window::blank_line_before(text, window.start)
        || !(window.end == text.len() || window::blank_line_before(text, window.end))
    {
        return None;
    }
    let inner = components::region_spans(piece)?;
    let mut all: Vec<Span> = old.iter().filter(|s| s.range.end <= window.start).cloned().collect();
    all.extend(
        inner
            .into_iter()
            .map(|s| Span { range: s.range.start + window.start..s.range.end + window.start, kind: s.kind }),
    );
    all.extend(old.iter().filter(|s| s.range.start >= old_end).map(|s| Span {
        range: shift(s.range.start, delta)..shift(s.range.end, delta),
        kind: s.kind.clone(),
    }));
    Some(all)
}

impl LivePreview {
    /// Brings the mirror up to date and renders it (re-rendering only around the edit when it
    /// can), as a patch against the view at generation `base`. `post_dir` is the post's folder
    /// (for links and images), `header` the page header's HTML, `flavour` the site's Markdown.
    pub fn update(
        &mut self,
        base: u32,
        body: BodyUpdate,
        post_dir: &str,
        header: &str,
        flavour: Flavour,
    ) -> PreviewReply {
        self.update_with(base, body, (post_dir, flavour), header, &mut NoStages)
    }

    /// `update`, timing its stages for `POSTDESK_PROFILE` (ipc::render_preview): the mirror's
    /// edit, the render (window or whole body), the session's patch.
    pub fn update_profiled(
        &mut self,
        base: u32,
        body: BodyUpdate,
        post_dir: &str,
        header: &str,
        flavour: Flavour,
    ) -> (PreviewReply, StageTimes) {
        let mut stages = StageClock { last: std::time::Instant::now(), times: StageTimes::default() };
        let reply = self.update_with(base, body, (post_dir, flavour), header, &mut stages);
        (reply, stages.times)
    }

    fn update_with(
        &mut self,
        base: u32,
        body: BodyUpdate,
        (post_dir, flavour): (&str, Flavour),
        header: &str,
        stages: &mut impl Stages,
    ) -> PreviewReply {
        let applied = self.mirror.update(body);
        stages.done(0);
        let (version, edit) = match applied {
            Ok(applied) => applied,
            Err(Stale) => return PreviewReply { patch: None, body_version: self.mirror.version },
        };
        let text = self.mirror.text();
        let dialect = flavour.components;
        let ctx = RenderContext::for_body(post_dir, text, flavour);
        let reusable = match &self.rendered {
            // Blocks rendered under another highlighting, raw-HTML or flavour choice cannot be
            // reused; nor, in a post whose MDX did not parse, any block.
            Some((dir, key, previous)) if dir == post_dir && *key == ctx.reuse_key() && self.spans_parsed => {
                edit.map(|edit| (previous, edit))
            }
            _ => None,
        };
        // The component spans: found again around the edit only (the blocks it touches), else
        // in the whole body.
        let known = reusable.and_then(|(previous, edit)| {
            let region = edit_region(previous, text, edit)?;
            window_spans(&self.spans, text, dialect, edit, region)
        });
        // Blocks outside the edit may be kept only if the spans there stand as they were.
        let reusable = reusable.filter(|_| known.is_some());
        let spans = match known {
            Some(spans) => spans,
            None => {
                let (spans, error) = components::spans(text, dialect);
                self.spans_parsed = error.is_none();
                spans
            }
        };
        let ctx = ctx.with_spans(&spans);
        let window = reusable.and_then(|(previous, edit)| window::rerender(previous, text, edit, &ctx));
        stages.windowed(window.is_some());
        let rendered = window.unwrap_or_else(|| render_blocks(text, &ctx, Position::default()));
        stages.done(1);
        let patch = self.session.update(base, header, &rendered);
        self.rendered = Some((post_dir.to_string(), ctx.reuse_key(), rendered));
        self.spans = spans;
        stages.done(2);
        PreviewReply { patch: Some(patch), body_version: version }
    }
}

/// Microseconds spent in `LivePreview::update`'s stages: the mirror applying the edits, the
/// render (window or whole), the session's patch; and whether the window was used.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    pub mirror_us: u64,
    pub render_us: u64,
    pub patch_us: u64,
    pub windowed: bool,
}

trait Stages {
    fn done(&mut self, stage: usize);
    fn windowed(&mut self, _used: bool) {}
}

/// The unprofiled path: no clock is read.
struct NoStages;

impl Stages for NoStages {
    #[inline(always)]
    fn done(&mut self, _stage: usize) {}
}

struct StageClock {
    last: std::time::Instant,
    times: StageTimes,
}

impl Stages for StageClock {
    fn done(&mut self, stage: usize) {
        let now = std::time::Instant::now();
        let us = now.duration_since(self.last).as_micros() as u64;
        self.last = now;
        match stage {
            0 => self.times.mirror_us = us,
            1 => self.times.render_us = us,
            _ => self.times.patch_us = us,
        }
    }

    fn windowed(&mut self, used: bool) {
        self.times.windowed = used;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTX: RenderContext<'static> = RenderContext {
        post_dir: "",
        plain_code: false,
        raw_html: true,
        flavour: crate::content::render::Flavour::PLAIN,
        spans: &[],
    };

    fn body(md: &str) -> RenderedBody {
        render_blocks(md, &CTX, Position::default())
    }

    /// What the view holds after applying `patch` to `view` (header, then blocks with markers),
    /// done as the frame does it (ui/src/preview.ts).
    fn apply(view: &mut Vec<String>, patch: &PreviewPatch) {
        if patch.full {
            view.clear();
        }
        let (prefix, suffix) = (patch.keep_prefix as usize, patch.keep_suffix as usize);
        let tail: Vec<String> = view[view.len() - suffix..]
            .iter()
            .map(|b| {
                let Some(rest) = b.strip_prefix("<span data-line=\"") else { return b.clone() };
                let (line, html) = rest.split_once('"').unwrap();
                let line = line.parse::<i64>().unwrap() + i64::from(patch.suffix_line_shift);
                format!("<span data-line=\"{line}\"{html}")
            })
            .collect();
        view.truncate(prefix);
        view.extend(patch.blocks.iter().cloned());
        view.extend(tail);
    }

    #[test]
    fn a_fresh_view_gets_the_whole_page_then_only_what_changed() {
        let mut session = PreviewSession::default();
        let first = session.update(0, "<header>T</header>", &body("a\n\nb\n\nc\n"));
        assert!(first.full);
        assert_eq!(first.blocks.concat(), format!("<header>T</header>{}", body("a\n\nb\n\nc\n").join()));
        let patch = session.update(first.generation, "<header>T</header>", &body("a\n\nbee\n\nc\n"));
        assert!(!patch.full);
        assert_eq!((patch.keep_prefix, patch.keep_suffix, patch.suffix_line_shift), (2, 1, 0));
        assert_eq!(patch.blocks, ["<span data-line=\"3\"></span>\n<p>bee</p>\n"]);
    }

    #[test]
    fn a_view_at_another_generation_gets_the_whole_page() {
        let mut session = PreviewSession::default();
        let page = body("a\n\nb\n");
        let first = session.update(0, "", &page);
        let _ = session.update(first.generation, "", &page);
        let stale = session.update(first.generation, "", &page);
        assert!(stale.full, "the view missed a patch, so it must be rebuilt");
        assert_eq!(stale.blocks.len(), 3);
    }

    #[test]
    fn new_lines_above_shift_the_kept_suffix_instead_of_resending_it() {
        let mut session = PreviewSession::default();
        let mut view = Vec::new();
        let before = "a\n\nb\n\nc\n\nd\n";
        let p = session.update(0, "H", &body(before));
        apply(&mut view, &p);
        let after = "a\n\nb\nmore\nlines\n\nc\n\nd\n";
        let patch = session.update(p.generation, "H", &body(after));
        assert_eq!((patch.keep_prefix, patch.keep_suffix, patch.suffix_line_shift), (2, 2, 2));
        assert_eq!(patch.blocks.len(), 1);
        apply(&mut view, &patch);
        assert_eq!(view.concat(), format!("H{}", body(after).join()));
    }

    #[test]
    fn inserted_and_removed_blocks_patch_the_middle() {
        let mut session = PreviewSession::default();
        let g = session.update(0, "H", &body("a\n\nb\n\nc\n")).generation;
        let patch = session.update(g, "H", &body("a\n\nb\n\nnew\n\nc\n"));
        assert_eq!((patch.keep_prefix, patch.keep_suffix, patch.blocks.len()), (3, 1, 1));
        let removed = session.update(patch.generation, "H", &body("a\n\nb\n\nc\n"));
        assert_eq!((removed.keep_prefix, removed.keep_suffix, removed.blocks.len()), (3, 1, 0));
    }

    /// The live preview after a run of edits shows exactly what a whole render of the final
    /// text shows, whether each step took the window path or not.
    fn check_edits(start: &str, steps: &[(u32, u32, &str)]) {
        check_edits_as(start, steps, Flavour::PLAIN);
    }

    /// `check_edits` on a site with `flavour`.
    fn check_edits_as(start: &str, steps: &[(u32, u32, &str)], flavour: Flavour) {
        let mut live = LivePreview::default();
        let mut view = Vec::new();
        let reply = live.update(0, BodyUpdate::Full { text: start.into() }, "", "H", flavour);
        let mut generation = reply.patch.as_ref().unwrap().generation;
        apply(&mut view, reply.patch.as_ref().unwrap());
        let mut version = reply.body_version;
        let mut text: Vec<u16> = start.encode_utf16().collect();
        for &(from, to, insert) in steps {
            let len = text.len() as u32;
            let (from, to) = (from.min(len), to.min(len));
            let (from, to) = (from.min(to), from.max(to));
            let mut next = text[..from as usize].to_vec();
            next.extend(insert.encode_utf16());
            next.extend(&text[to as usize..]);
            // Not a place an editor can cut: inside a surrogate pair (even an empty edit there).
            let inside_pair = |i: u32| text.get(i as usize).is_some_and(|u| (0xDC00..0xE000).contains(u));
            if String::from_utf16(&next).is_err() || inside_pair(from) || inside_pair(to) {
                continue;
            }
            let update =
                BodyUpdate::Edits { version, edits: vec![TextEdit { from, to, insert: insert.into() }] };
            let reply = live.update(generation, update, "", "H", flavour);
            let patch = reply.patch.expect("a valid edit is applied");
            generation = patch.generation;
            version = reply.body_version;
            apply(&mut view, &patch);
            text = next;
            let now = String::from_utf16(&text).unwrap();
            let found = components::spans(&now, flavour.components).0;
            let whole = render_blocks(
                &now,
                &RenderContext { flavour, ..CTX }.with_spans(&found),
                Position::default(),
            );
            assert_eq!(
                view.concat(),
                format!("H{}", whole.join()),
                "after {:?} on {:?}",
                (from, to, insert),
                now
            );
        }
    }

    #[test]
    fn typing_in_a_long_post_matches_a_whole_render() {
        let doc = "# Title\n\nIntro para.\n\n## Part\n\nSome *text*.\n\n- a\n- b\n\n```rust\nlet x = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote\n\nEnd.\n";
        let para = doc.find("Some").unwrap() as u32;
        check_edits(
            doc,
            &[
                (para, para, "x"),
                (para + 1, para + 1, "y"),
                (para, para + 2, ""),
                (para, para, "\n\n"),
                (para, para, "## Part\n\n"),
                (para, para, "```\n"),
                (para, para, "- "),
                (0, 0, "[ref]: https://example.org\n\n"),
                (0, 30, ""),
                (para, para, "> "),
            ],
        );
    }

    #[test]
    fn a_keystroke_in_a_paragraph_takes_the_window_and_a_new_fence_grows_it_to_the_end() {
        let doc = "# A\n\nOne.\n\n## B\n\nTwo words.\n\nThree.\n\n- list\n\nFour.\n";
        let previous = body(doc);
        let at = doc.find("words").unwrap();
        let typed = format!("{}x{}", &doc[..at], &doc[at..]);
        let edit = ByteEdit { from: at, old_to: at, new_to: at + 1, line_delta: 0 };
        let window = window::rerender(&previous, &typed, edit, &CTX).expect("a paragraph edit stays local");
        assert_eq!(window, body(&typed));
        let line = doc.find("Two").unwrap();
        let fenced = format!("{}```\n{}", &doc[..line], &doc[line..]);
        let edit = ByteEdit { from: line, old_to: line, new_to: line + 4, line_delta: 1 };
        // An open fence swallows the rest: the window must grow to the end to be right.
        let grown = window::rerender(&previous, &fenced, edit, &CTX).expect("the window grows to the end");
        assert_eq!(grown, body(&fenced));
        assert_eq!(grown.blocks[..2], previous.blocks[..2], "blocks before the window are kept");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 400, ..Default::default() })]
        #[test]
        fn any_edits_match_a_whole_render(
            blocks in proptest::collection::vec(proptest::sample::select(vec![
                "Para text here.", "# Head", "## Head", "Head\n===", "- item\n- item", "1. one\n2. two",
                "> quote", "```\ncode\n```", "~~~py\nx\n~~~", "    indented", "---", "| a |\n|---|\n| 1 |",
                "<div>\nhtml\n</div>", "Lazy\ncontinued", "* [ ] task", "Text [^1]\n\n[^1]: note",
                "[x]: /u", "  - nested\n    - deeper", "Ünïcødé 😀 text", "",
                "\"Quoted\" -- it's...", "A note.\n{: .note}", "Press <kbd>Ctrl</kbd>.", "<!-- c -->",
                "## Same {#id}", "<details>\n<summary>More</summary>", "</details>", "<div class=\"note\">",
                "</div>", "<Card title=\"x\">", "</Card>", "Year {year} here.", "export const a = 1;",
                "{{< hint >}}", "{{< /hint >}}", "<Chart data={[1, 2]} />", "<Note>\nInside.\n</Note>",
                "A <Badge>x</Badge> b", "{/* c */}", "```js\n{x}\n```", "\\{ escaped",
            ]), 1..12),
            site in proptest::sample::select(vec![0usize, 1, 2, 3, 4, 5]),
            edits in proptest::collection::vec((0u32..200, 0u32..8, proptest::sample::select(vec![
                "", "x", " ", "\n", "\n\n", "#", "# ", "- ", "> ", "```", "    ", "|", "---\n", "😀", "[^1]", "\n- a\n",
                "<", ">", "{", "}", "</Card>", "<B>",
            ])), 1..8),
        ) {
            let doc = blocks.join("\n\n") + "\n";
            let steps: Vec<(u32, u32, &str)> = edits.iter().map(|&(at, len, ins)| (at, at + len, ins)).collect();
            use crate::content::render::flavour::{HeadingIds, RawHtml};
            // A plain folder, Hugo without `unsafe`, Jekyll's kramdown, Eleventy's markdown-it.
            let flavours = [
                Flavour::PLAIN,
                Flavour { smart_punctuation: true, raw_html: RawHtml::Omit, ..Flavour::PLAIN },
                Flavour { smart_punctuation: true, attribute_lists: true, markdown_in_html: false, ..Flavour::PLAIN },
                Flavour {
                    heading_ids: HeadingIds::None,
                    heading_attributes: false,
                    footnotes: false,
                    task_lists: false,
                    ..Flavour::PLAIN
                },
                Flavour { components: Dialect::Mdx, ..Flavour::PLAIN },
                Flavour { components: Dialect::Hugo, smart_punctuation: true, ..Flavour::PLAIN },
            ];
            check_edits_as(&doc, &steps, flavours[site]);
        }
    }

    fn edit(from: u32, to: u32, insert: &str) -> TextEdit {
        TextEdit { from, to, insert: insert.into() }
    }

    #[test]
    fn the_mirror_follows_edits_in_utf16_offsets() {
        let mut mirror = BodyMirror::default();
        let (v1, _) = mirror.update(BodyUpdate::Full { text: "héllo 😀 world".into() }).unwrap();
        // "😀" is two UTF-16 units: "héllo " is 6, the emoji 6..8, " world" 8..14.
        let (v2, span) = mirror
            .update(BodyUpdate::Edits { version: v1, edits: vec![edit(0, 1, "H"), edit(9, 14, "there")] })
            .unwrap();
        assert_eq!(span, Some(ByteEdit { from: 0, old_to: 17, new_to: 17, line_delta: 0 }));
        assert_eq!(mirror.text(), "Héllo 😀 there");
        mirror.update(BodyUpdate::Edits { version: v2, edits: vec![edit(14, 14, "!")] }).unwrap();
        assert_eq!(mirror.text(), "Héllo 😀 there!");
    }

    #[test]
    fn a_stale_or_impossible_edit_asks_for_the_whole_body() {
        let mut mirror = BodyMirror::default();
        let (v1, _) = mirror.update(BodyUpdate::Full { text: "a😀b".into() }).unwrap();
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
