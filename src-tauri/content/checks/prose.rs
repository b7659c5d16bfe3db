//! Rules on the body's shape: a fence wrapped around the whole file, an H1 that repeats the
//! title, a bold line standing in for a heading, double spaces after sentences, and a body
//! that is empty or too short. Code (blocks, inline code, raw HTML) is never touched.

use std::ops::Range;

use super::locate::key_range;
use super::markdown::BodyScan;
use super::meta::role_value;
use super::{Fix, FixAction, Post, Severity, Sink};
use crate::content::config::Config;
use crate::content::frontmatter::{scalar_text, Role};

pub(super) fn check(post: &Post, config: &Config, sink: &mut Sink) {
    if let Some(fence) = &post.split.fence {
        let open = fence.open.start..post.text[fence.open.clone()].trim_end().len() + fence.open.start;
        sink.report(
            "fence-wrapper",
            Severity::Error,
            open,
            "The whole file is wrapped in a ``` fence, so the site shows it as one code block and its front matter is not read; unwrap it.".into(),
            Some(Fix { label: "Unwrap the fence".into(), action: FixAction::UnwrapFence }),
        );
    }
    h1_title(post, config, sink);
    bold_headings(post, sink);
    let spans = double_spaces(post.text, post.split.body.clone(), &post.body);
    if let Some(first) = spans.first() {
        let n = spans.len();
        let what = if n == 1 { "One sentence is".to_string() } else { format!("{n} sentences are") };
        sink.report(
            "double-space",
            Severity::Info,
            first.clone(),
            format!("{what} followed by two spaces (the first is here); collapse them to one."),
            Some(Fix { label: "Collapse double spaces".into(), action: FixAction::CollapseDoubleSpaces }),
        );
    }
    short_body(post, config, sink);
}

/// A title or heading as a reader compares them: case, spacing and end punctuation aside.
fn comparable(s: &str) -> String {
    let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    words.join(" ").trim_end_matches(['.', ':', '!', '?']).to_string()
}

fn h1_title(post: &Post, config: &Config, sink: &mut Sink) {
    let Some(title) = role_value(post, config, Role::Title).and_then(|(_, v)| scalar_text(v)) else { return };
    let Some(h1) = post.body.headings.iter().find(|h| h.level == 1) else { return };
    if comparable(&h1.text) != comparable(&title) {
        return;
    }
    // Remove the heading and the blank lines after it, so the body does not open with a gap
    // the writer did not have before.
    let mut end = h1.range.end;
    let bytes = post.text.as_bytes();
    while end < post.split.body.end && matches!(bytes[end], b'\n' | b'\r') {
        end += 1;
    }
    let range = h1.range.start..end;
    let shown = post.text[h1.range.clone()].trim_end().len() + h1.range.start;
    sink.report(
        "h1-title",
        Severity::Warning,
        h1.range.start..shown,
        "The body opens with an H1 that repeats the title, which the site's layout already shows; remove it."
            .into(),
        Some(Fix {
            label: "Remove the repeated title".into(),
            action: FixAction::ReplaceBody {
                expected: post.text[range.clone()].to_string(),
                range,
                with: String::new(),
            },
        }),
    );
}

fn bold_headings(post: &Post, sink: &mut Sink) {
    for bold in &post.body.bold_lines {
        // The level of the section it closes or opens: the nearest heading above, at least H2
        // (H1 is the page title).
        let level = post
            .body
            .headings
            .iter()
            .rfind(|h| h.range.start < bold.range.start)
            .map_or(2, |h| h.level.max(2));
        let text = bold.text.trim_end_matches(':').trim();
        let heading = format!("{} {text}", "#".repeat(level as usize));
        sink.report(
            "bold-heading",
            Severity::Warning,
            bold.range.clone(),
            format!("`{}` is a bold line standing in for a heading; make it a heading (`{heading}`) so it shows in the outline and gets a link anchor.", &post.text[bold.range.clone()]),
            Some(Fix {
                label: format!("Make it `{heading}`"),
                action: FixAction::ReplaceBody {
                    range: bold.range.clone(),
                    expected: post.text[bold.range.clone()].to_string(),
                    with: heading,
                },
            }),
        );
    }
}

/// The runs of two or more spaces after a sentence's end (`.`, `!` or `?`, then any closing
/// quotes, brackets or emphasis) and before more text on the same line. Code, ordered-list
/// markers (`1.  item`) and trailing spaces (a Markdown line break) are left alone.
pub(super) fn double_spaces(text: &str, body: Range<usize>, scan: &BodyScan) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let in_code = |i: usize| scan.code.iter().any(|r| r.start <= i && i < r.end);
    let mut out = Vec::new();
    let mut i = body.start;
    while i < body.end {
        if !matches!(b[i], b'.' | b'!' | b'?') {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < body.end && matches!(b[j], b'"' | b'\'' | b')' | b']' | b'*' | b'_') {
            j += 1;
        }
        let mut k = j;
        while k < body.end && b[k] == b' ' {
            k += 1;
        }
        let more_text = k < body.end && !matches!(b[k], b'\n' | b'\r');
        if k - j >= 2 && more_text && !in_code(i) && !in_code(j) && !list_marker(text, i) {
            out.push(j..k);
        }
        i = k.max(i + 1);
    }
    out
}

/// Is the `.` at `dot` the end of an ordered-list marker (`12.` at the start of a line)?
fn list_marker(text: &str, dot: usize) -> bool {
    let line_start = text[..dot].rfind('\n').map_or(0, |n| n + 1);
    let before = text[line_start..dot].trim_start();
    !before.is_empty() && before.len() <= 9 && before.bytes().all(|c| c.is_ascii_digit())
}

fn short_body(post: &Post, config: &Config, sink: &mut Sink) {
    let count = post.body.text;
    let words = count.word_equivalents();
    let min = config.checks.body_min_words;
    let range = key_range(post.text, &post.split, "title");
    if post.fm.draft() {
        return;
    }
    if words == 0 {
        sink.report(
            "short-body",
            Severity::Error,
            range,
            "The body is empty; write the post before publishing it.".into(),
            None,
        );
    } else if words < min {
        sink.report(
            "short-body",
            Severity::Warning,
            range,
            format!(
                "The body has only {}{} (under {min} words); finish it or mark it `draft: true`.",
                count.describe(),
                if count.cjk > 0 && count.words < count.cjk {
                    format!(", about {words} words")
                } else {
                    String::new()
                }
            ),
            None,
        );
    }
}
