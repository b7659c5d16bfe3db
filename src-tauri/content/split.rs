//! Post splitting: where the front matter and the body sit in a post's text.
//!
//! This module owns the byte layout of a post: BOM, an optional fence wrapper around the whole
//! file, the front-matter kind and span, the body span and the line-ending style. Every later
//! step (typed read, lossless edit, render, checks) works on the spans found here, so that an
//! edit can splice exactly one region and leave every other byte alone. It never panics and
//! never allocates a copy of the post.
//!
//! Rules, following what Hugo, Jekyll and Astro (gray-matter) do:
//! - Front matter must start on the first line (after an optional UTF-8 BOM). `---` opens YAML,
//!   `+++` opens TOML, a line starting with `{` opens Hugo's JSON. Trailing blanks after a
//!   delimiter are allowed.
//! - YAML closes at the next `---` or `...` line, TOML at the next `+++` line, JSON at the next
//!   line that is exactly `}`. A `---` further down the body is a thematic break, not a delimiter.
//! - An unclosed delimiter means there is no front matter: the whole text is body. (Hugo and
//!   Jekyll then render the opener as content; nothing is hidden from the writer.)
//! - A whole file wrapped in a ```` ```markdown ````, ```` ```md ```` or bare ```` ``` ```` fence
//!   (a chat-assistant artefact) is unwrapped for parsing. The bare form counts as a wrapper
//!   only when the inside starts with a front-matter opener, so a post that is one code block is
//!   not mistaken for one. The wrapper's span is recorded so checks and export can act on it.
//! - Non-UTF-8 input is reported by [`decode`], never guessed at.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, export_to = "FrontMatterKind.ts")]
pub enum FrontMatterKind {
    Yaml,
    Toml,
    Json,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, export_to = "LineEnding.ts")]
pub enum LineEnding {
    Lf,
    Crlf,
    /// Both styles appear; edits use whichever is more common.
    Mixed,
}

/// Byte spans of a whole-file fence wrapper: the opening line and the closing line, each with
/// its line ending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FenceWrapper {
    pub open: Range<usize>,
    pub close: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub kind: FrontMatterKind,
    pub bom: bool,
    pub fence: Option<FenceWrapper>,
    /// The front matter's content, between the delimiter lines (empty when there is none).
    pub front_matter: Range<usize>,
    /// The opening delimiter line through the closing delimiter line, with its line ending.
    pub front_matter_block: Range<usize>,
    /// The body: everything after the front-matter block, up to the closing fence if wrapped.
    pub body: Range<usize>,
    pub line_ending: LineEnding,
    /// The line ending that new lines should use: the dominant one.
    pub newline: &'static str,
}

/// The text is not UTF-8; `valid_up_to` is the byte offset of the first bad sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotUtf8 {
    pub valid_up_to: usize,
}

pub fn decode(bytes: &[u8]) -> Result<&str, NotUtf8> {
    std::str::from_utf8(bytes).map_err(|e| NotUtf8 { valid_up_to: e.valid_up_to() })
}

/// One line of text: `content` excludes the line ending, `full` includes it.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub content: Range<usize>,
    pub full: Range<usize>,
}

/// Lines of `text` starting at `from`, with byte offsets into `text`. A lone `\r` is not a line
/// break here (CommonMark treats it as one, but no generator's front-matter reader does).
pub(crate) fn lines_from(text: &str, from: usize) -> impl Iterator<Item = Line> + '_ {
    let bytes = text.as_bytes();
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= bytes.len() {
            return None;
        }
        let start = pos;
        let (content_end, full_end) = match memchr_newline(&bytes[start..]) {
            Some(i) => {
                let nl = start + i;
                let content_end = if nl > start && bytes[nl - 1] == b'\r' { nl - 1 } else { nl };
                (content_end, nl + 1)
            }
            None => (bytes.len(), bytes.len()),
        };
        pos = full_end;
        Some(Line { content: start..content_end, full: start..full_end })
    })
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', bytes)
}

fn is_delimiter(line: &str, delim: &str) -> bool {
    line.strip_prefix(delim).is_some_and(|rest| rest.trim_end_matches([' ', '\t']).is_empty())
}

/// Counts of `\r\n` and lone `\n` line breaks, in one pass (memchr: this runs on every post
/// of the folder at scan time, so it must cost next to nothing next to the YAML parse).
fn newline_counts(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut crlf = 0;
    let mut total = 0;
    for i in memchr::memchr_iter(b'\n', bytes) {
        total += 1;
        if i > 0 && bytes[i - 1] == b'\r' {
            crlf += 1;
        }
    }
    (crlf, total - crlf)
}

pub fn line_ending_of(text: &str) -> LineEnding {
    line_endings(text).0
}

/// The line ending style and the break that new lines should use (the more common one).
fn line_endings(text: &str) -> (LineEnding, &'static str) {
    let (crlf, lf) = newline_counts(text);
    let style = match (crlf, lf) {
        (0, _) => LineEnding::Lf,
        (_, 0) => LineEnding::Crlf,
        _ => LineEnding::Mixed,
    };
    (style, if crlf > lf { "\r\n" } else { "\n" })
}

/// Finds the fence wrapper around the region `start..text.len()`, if any.
fn find_fence_wrapper(text: &str, start: usize) -> Option<FenceWrapper> {
    let mut lines = lines_from(text, start);
    let open = lines.next()?;
    let info = text[open.content.clone()].strip_prefix("```")?;
    let info = info.trim();
    let labelled = matches!(info.to_ascii_lowercase().as_str(), "markdown" | "md");
    if !labelled && !info.is_empty() {
        return None;
    }
    // The closing fence is the last non-blank line and must be exactly ``` (blanks allowed).
    let mut close: Option<Line> = None;
    for line in lines_from(text, open.full.end) {
        if !text[line.content.clone()].trim().is_empty() {
            close = Some(line);
        }
    }
    let close = close?;
    if text[close.content.clone()].trim_end() != "```" {
        return None;
    }
    if !labelled {
        let inner_first = lines_from(text, open.full.end).next()?;
        let first = &text[inner_first.content];
        if !(is_delimiter(first, "---") || is_delimiter(first, "+++")) {
            return None;
        }
    }
    Some(FenceWrapper { open: open.full, close: close.content.start..text.len() })
}

pub fn split(text: &str) -> Split {
    let bom = text.starts_with('\u{feff}');
    let start = if bom { '\u{feff}'.len_utf8() } else { 0 };
    let fence = find_fence_wrapper(text, start);
    let (inner_start, inner_end) = match &fence {
        Some(f) => (f.open.end, f.close.start),
        None => (start, text.len()),
    };
    let inner = &text[..inner_end];
    let (line_ending, newline) = line_endings(text);

    let none = |kind| Split {
        kind,
        bom,
        fence: fence.clone(),
        front_matter: inner_start..inner_start,
        front_matter_block: inner_start..inner_start,
        body: inner_start..inner_end,
        line_ending,
        newline,
    };

    let Some(first) = lines_from(inner, inner_start).next() else {
        return none(FrontMatterKind::None);
    };
    let first_text = &inner[first.content.clone()];
    let (kind, closers): (FrontMatterKind, &[&str]) = if is_delimiter(first_text, "---") {
        (FrontMatterKind::Yaml, &["---", "..."])
    } else if is_delimiter(first_text, "+++") {
        (FrontMatterKind::Toml, &["+++"])
    } else if first_text.starts_with('{') {
        (FrontMatterKind::Json, &[])
    } else {
        return none(FrontMatterKind::None);
    };

    if kind == FrontMatterKind::Json {
        // The JSON object runs from `{` to the first line that is exactly `}`, both included.
        for line in lines_from(inner, first.content.start) {
            if inner[line.content.clone()].trim_end() == "}" {
                return Split {
                    kind,
                    bom,
                    fence,
                    front_matter: first.content.start..line.content.end,
                    front_matter_block: first.content.start..line.full.end,
                    body: line.full.end..inner_end,
                    line_ending,
                    newline,
                };
            }
        }
        return none(FrontMatterKind::None);
    }

    for line in lines_from(inner, first.full.end) {
        let t = &inner[line.content.clone()];
        if closers.iter().any(|c| is_delimiter(t, c)) {
            return Split {
                kind,
                bom,
                fence,
                front_matter: first.full.end..line.full.start,
                front_matter_block: first.content.start..line.full.end,
                body: line.full.end..inner_end,
                line_ending,
                newline,
            };
        }
    }
    none(FrontMatterKind::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (FrontMatterKind, &str, &str) {
        let s = split(text);
        (s.kind, &text[s.front_matter.clone()], &text[s.body.clone()])
    }

    #[test]
    fn yaml_front_matter_and_body() {
        let (k, fm, body) = parts("---\ntitle: Hi\n---\n\nBody\n");
        assert_eq!(k, FrontMatterKind::Yaml);
        assert_eq!(fm, "title: Hi\n");
        assert_eq!(body, "\nBody\n");
    }

    #[test]
    fn yaml_closes_with_dots_and_trailing_blanks() {
        let (k, fm, body) = parts("---  \na: 1\n...\t\nrest");
        assert_eq!((k, fm, body), (FrontMatterKind::Yaml, "a: 1\n", "rest"));
    }

    #[test]
    fn toml_front_matter() {
        let (k, fm, body) = parts("+++\ntitle = \"x\"\n+++\nBody");
        assert_eq!((k, fm, body), (FrontMatterKind::Toml, "title = \"x\"\n", "Body"));
    }

    #[test]
    fn json_front_matter() {
        let (k, fm, body) = parts("{\n  \"title\": \"x\"\n}\nBody");
        assert_eq!(k, FrontMatterKind::Json);
        assert_eq!(fm, "{\n  \"title\": \"x\"\n}");
        assert_eq!(body, "Body");
    }

    #[test]
    fn unclosed_delimiter_is_all_body() {
        let text = "---\ntitle: x\nno closer here\n";
        let (k, fm, body) = parts(text);
        assert_eq!((k, fm, body), (FrontMatterKind::None, "", text));
    }

    #[test]
    fn front_matter_not_on_line_one_is_body() {
        let text = "\n---\ntitle: x\n---\n";
        assert_eq!(parts(text).0, FrontMatterKind::None);
    }

    #[test]
    fn thematic_break_in_body_is_not_a_delimiter() {
        let (_, fm, body) = parts("---\na: 1\n---\nOne\n\n---\n\nTwo\n");
        assert_eq!(fm, "a: 1\n");
        assert_eq!(body, "One\n\n---\n\nTwo\n");
    }

    #[test]
    fn bom_and_crlf() {
        let text = "\u{feff}---\r\ntitle: x\r\n---\r\nBody\r\n";
        let s = split(text);
        assert!(s.bom);
        assert_eq!(s.kind, FrontMatterKind::Yaml);
        assert_eq!(&text[s.front_matter.clone()], "title: x\r\n");
        assert_eq!(&text[s.body.clone()], "Body\r\n");
        assert_eq!(s.line_ending, LineEnding::Crlf);
        assert_eq!(s.newline, "\r\n");
    }

    #[test]
    fn mixed_line_endings_are_reported() {
        assert_eq!(line_ending_of("a\r\nb\nc\n"), LineEnding::Mixed);
        assert_eq!(line_ending_of("no newline"), LineEnding::Lf);
    }

    #[test]
    fn fence_wrapper_is_unwrapped_and_recorded() {
        let text = "```markdown\n---\ntitle: x\n---\n\n# Body\n```";
        let s = split(text);
        let fence = s.fence.clone().expect("wrapper found");
        assert_eq!(&text[fence.open.clone()], "```markdown\n");
        assert_eq!(&text[fence.close.clone()], "```");
        assert_eq!(s.kind, FrontMatterKind::Yaml);
        assert_eq!(&text[s.front_matter.clone()], "title: x\n");
        assert_eq!(&text[s.body.clone()], "\n# Body\n");
    }

    #[test]
    fn bare_fence_counts_only_around_front_matter() {
        let code_only = "```\nfn main() {}\n```\n";
        assert!(split(code_only).fence.is_none());
        let wrapped = "```\n---\na: 1\n---\nx\n```\n";
        assert!(split(wrapped).fence.is_some());
    }

    #[test]
    fn fence_with_other_language_is_not_a_wrapper() {
        assert!(split("```rust\n---\na: 1\n---\n```").fence.is_none());
    }

    #[test]
    fn seed_post_is_recognised() {
        let seed = include_str!("../../posts/predictive-ai-in-healthcare.md");
        let s = split(seed);
        assert!(s.fence.is_some());
        assert_eq!(s.kind, FrontMatterKind::Yaml);
        assert!(seed[s.front_matter.clone()].starts_with("title: \"Predictive AI"));
        assert!(seed[s.body.clone()].trim_start().starts_with("# Predictive AI"));
    }

    #[test]
    fn any_bytes_never_panic() {
        for text in ["", "-", "---", "---\n", "+++", "{", "```", "```md", "\u{feff}", "\r\n\r"] {
            let s = split(text);
            assert!(s.body.end <= text.len());
        }
    }

    #[test]
    fn decode_reports_first_bad_byte() {
        assert_eq!(decode(b"ok\xff"), Err(NotUtf8 { valid_up_to: 2 }));
    }
}
