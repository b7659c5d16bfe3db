//! Re-rendering only the blocks around an edit, so typing in a megabyte post costs what the
//! paragraph costs.
//!
//! After an edit, the blocks from one before the edit to one after it (a window) are parsed and
//! rendered alone; the blocks outside keep their HTML, shifted to their new offsets and lines.
//! That is only right when nothing outside the window can read differently because of the
//! edit, so the window is used only when:
//! - the document has no reference definitions or footnotes (their effect crosses blocks);
//! - a blank line separates the window from the text before and after it (no lazy
//!   continuation or setext underline can join across it);
//! - the window's last block is closed by that blank line (a paragraph, heading, rule, table
//!   or a fenced block with its closing fence; not a list, quote or indented code, which text
//!   after a blank line can still join);
//! - the window's headings are the same as before (later heading ids depend on them).
//!
//! Otherwise the window grows a few times, and then the caller renders the whole body. The
//! property test in `incremental` checks the result equals a fresh whole render.

use super::slug::Slugger;
use super::{render_blocks, Block, Position, RenderContext, RenderedBody, TopKind};

/// One edit in byte offsets: `from..old_to` of the old body became `from..new_to` of the new,
/// and the body gained `line_delta` lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteEdit {
    pub from: usize,
    pub old_to: usize,
    pub new_to: usize,
    pub line_delta: isize,
}

/// How many times the window may grow before the whole body is rendered instead.
const MAX_GROWTH: usize = 4;

/// True when the text before `at` ends with a blank line (ignoring the indentation of the line
/// `at` sits on): nothing before it can continue into what starts at `at`.
pub(super) fn blank_line_before(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else { return false };
    let before = before.trim_end_matches([' ', '\t']);
    if before.is_empty() {
        return true;
    }
    let Some(before) = before.strip_suffix('\n') else { return false };
    let before = before.strip_suffix('\r').unwrap_or(before);
    let last_line = before.rsplit('\n').next().unwrap_or(before);
    before.is_empty() || last_line.trim().is_empty()
}

/// The start of the line `at` is on: a window starts and ends at whole lines, because the
/// indentation before a block (of a fence, a list) changes how its lines read.
fn line_start(text: &str, at: usize) -> usize {
    text.get(..at).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1)
}

fn shifted(block: &Block, delta: isize, line_delta: isize) -> Block {
    Block {
        start: block.start.saturating_add_signed(delta),
        end: block.end.saturating_add_signed(delta),
        line: block.line.saturating_add_signed(line_delta),
        ..block.clone()
    }
}

/// The new body's blocks after `edit`, re-rendering a window around it; None when only a whole
/// render is safe. `previous` is the old body's render, `new_body` the body after the edit.
pub fn rerender(
    previous: &RenderedBody,
    new_body: &str,
    edit: ByteEdit,
    ctx: &RenderContext<'_>,
) -> Option<RenderedBody> {
    let blocks = &previous.blocks;
    if previous.nonlocal || blocks.is_empty() || !previous.lead.is_empty() {
        return None;
    }
    let delta = edit.new_to as isize - edit.old_to as isize;
    let n = blocks.len();
    let old_len = new_body.len().checked_add_signed(-delta)?;
    let first = blocks.partition_point(|b| b.start <= edit.from).saturating_sub(1);
    let last = blocks.partition_point(|b| b.start <= edit.old_to).saturating_sub(1).max(first);
    let (mut lo, mut hi) = (first.saturating_sub(1), (last + 1).min(n - 1));
    for _ in 0..=MAX_GROWTH {
        if let Some(body) = try_window(previous, new_body, old_len, edit, lo, hi, ctx) {
            return Some(body);
        }
        if lo == 0 && hi == n - 1 {
            return None;
        }
        (lo, hi) = (lo.saturating_sub(1), (hi + 1).min(n - 1));
    }
    None
}

fn try_window(
    previous: &RenderedBody,
    new_body: &str,
    old_len: usize,
    edit: ByteEdit,
    lo: usize,
    hi: usize,
    ctx: &RenderContext<'_>,
) -> Option<RenderedBody> {
    let blocks = &previous.blocks;
    let delta = edit.new_to as isize - edit.old_to as isize;
    // Both ends lie outside the edit, where the old and new text agree (shifted by `delta`).
    let start = if lo == 0 { 0 } else { line_start(new_body, blocks[lo].start) };
    let old_end = match blocks.get(hi + 1) {
        Some(next) => {
            line_start(new_body, next.start.checked_add_signed(delta)?).checked_add_signed(-delta)?
        }
        None => old_len,
    };
    if start > edit.from || old_end < edit.old_to {
        return None;
    }
    let end = old_end.checked_add_signed(delta)?;
    let at_end = end == new_body.len();
    if !blank_line_before(new_body, start) || !(at_end || blank_line_before(new_body, end)) {
        return None;
    }
    let window = new_body.get(start..end)?;
    let mut slugs = Slugger::default();
    for heading in blocks[..lo].iter().flat_map(|b| &b.headings) {
        slugs.apply(heading);
    }
    let lines_before = if lo == 0 { 0 } else { blocks[lo].line.saturating_sub(1) };
    let rendered = render_blocks(window, ctx, Position { offset: start, lines_before, slugs });
    if rendered.nonlocal || !rendered.lead.is_empty() {
        return None;
    }
    let closed = match rendered.blocks.last() {
        None => true,
        Some(last) => match last.kind {
            TopKind::Closed => true,
            TopKind::Fenced => last.end < end,
            TopKind::Open => false,
        },
    };
    if !(closed || at_end) {
        return None;
    }
    let old_headings = blocks[lo..=hi].iter().flat_map(|b| &b.headings);
    let new_headings = rendered.blocks.iter().flat_map(|b| &b.headings);
    if !old_headings.eq(new_headings) {
        return None;
    }
    let mut out = Vec::with_capacity(blocks.len() + rendered.blocks.len());
    out.extend_from_slice(&blocks[..lo]);
    out.extend(rendered.blocks);
    out.extend(blocks[hi + 1..].iter().map(|b| shifted(b, delta, edit.line_delta)));
    Some(RenderedBody { lead: String::new(), blocks: out, nonlocal: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_found_before_an_offset() {
        let text = "para\n\n  next\nlazy\n\r\n\nafter";
        assert!(blank_line_before(text, 0));
        assert!(blank_line_before(text, 8), "after a blank line and indentation");
        assert!(!blank_line_before(text, 13), "the line before is not blank");
        assert!(blank_line_before(text, text.len() - 5), "CRLF blank lines count");
        assert!(!blank_line_before(text, 2), "mid-line");
        assert!(!blank_line_before(text, 999));
    }
}
