//! YAML front-matter edits by splicing the byte range of one key's node.
//!
//! The mapping is never re-serialised. Keys are found line by line at the indent of their parent
//! mapping. A key's node is the rest of its line plus what belongs to it below: more-indented
//! lines, a `- item` sequence at the same indent, the lines of a `|`/`>` block scalar, or the
//! continuation lines of a quoted string or flow collection that spans lines. Scanning skips
//! whole nodes, so a line inside a multi-line string is never mistaken for a key.
//!
//! Only the node's bytes are replaced, so comments, blank lines, key order, quoting and every
//! other key stay as they were. The new value is written in the old one's style where it can
//! be: plain, single or double quotes; flow `[a, b]` or block `- a` lists, keeping the original
//! text of the items that did not change and the comments between them; `|` and `>` block
//! scalars. Inputs this splicer does not understand (a flow map parent, a multi-line flow list)
//! are refused, never guessed at, and `super::apply` re-reads every result before accepting it.

use std::ops::Range;

use serde_json::Value;

use super::EditError;
use crate::content::split::{lines_from, Split};

/// A key's node in the text.
struct Entry {
    /// The whole key line, with its line ending.
    line: Range<usize>,
    /// From just after `key:` to the end of the key line's content (an end comment included).
    inline: Range<usize>,
    /// Through the line ending of the node's last line of content.
    end_full: usize,
    /// Through the content of that line, before its line ending.
    end_content: usize,
    /// The inline value is a quoted string or flow collection that continues on later lines.
    spans_lines: bool,
}

impl Entry {
    fn has_children(&self) -> bool {
        self.end_full > self.line.end && !self.spans_lines
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The key of a mapping line (after its indent), and the offset just after its colon.
fn mapping_key(line: &str) -> Option<(String, usize)> {
    if line.is_empty() || line.starts_with(['#', ' ', '\t']) || line == "-" || line.starts_with("- ") {
        return None;
    }
    let (key, after) = if let Some(quote @ ('"' | '\'')) = line.chars().next() {
        let close = quoted_end(line)?;
        // The key as YAML reads it, escapes and all.
        let key: String = serde_yaml::from_str(&line[..close]).ok()?;
        let _ = quote;
        (key, close)
    } else {
        let colon = find_key_colon(line)?;
        (line[..colon].trim_end().to_string(), colon)
    };
    let rest = line.get(after..)?.trim_start_matches([' ', '\t']);
    if !rest.starts_with(':') {
        return None;
    }
    let value_start = line.len() - rest.len() + 1;
    match line.as_bytes().get(value_start) {
        None | Some(b' ') | Some(b'\t') => Some((key, value_start)),
        _ => None,
    }
}

/// The colon that ends a plain key: the first `:` followed by a blank or the end of the line.
fn find_key_colon(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b':' && matches!(bytes.get(i + 1), None | Some(b' ' | b'\t')))
}

/// The end (exclusive) of the quoted scalar that starts at `text[0]`, if it closes in `text`.
fn quoted_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let q = *bytes.first()?;
    let mut i = 1;
    while i < bytes.len() {
        if q == b'"' && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == q {
            if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

/// Walks the flow collection that starts at `text[0]`, skipping quoted scalars and comments,
/// and calls `on_comma` with the offset of each comma that separates its own items. Returns the
/// end (exclusive) of the collection, if it closes in `text`.
fn scan_flow(text: &str, mut on_comma: impl FnMut(usize)) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0i32;
    let mut i = 0;
    let mut token_start = true;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'"' | b'\'' if token_start => {
                i += quoted_end(&text[i..])?;
                token_start = false;
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b',' if depth == 1 => on_comma(i),
            b'#' if i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\n') => {
                // A comment inside a flow collection runs to the end of its line.
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            _ => {}
        }
        token_start = matches!(b, b'[' | b'{' | b',' | b' ' | b'\t' | b':');
        i += 1;
    }
    None
}

/// The end (exclusive) of the flow collection that starts at `text[0]`, if it closes in `text`.
fn flow_end(text: &str) -> Option<usize> {
    scan_flow(text, |_| {})
}

/// Splits a single-line inline value into (value, trailing comment with its leading blanks).
/// An empty value leaves the whole text (blanks included) as the comment.
fn split_comment(inline: &str) -> (&str, &str) {
    let trimmed = inline.trim_start();
    let lead = inline.len() - trimmed.len();
    let value_end = match trimmed.as_bytes().first() {
        Some(b'"' | b'\'') => quoted_end(trimmed).unwrap_or(trimmed.len()),
        Some(b'[' | b'{') => flow_end(trimmed).unwrap_or(trimmed.len()),
        _ => {
            let bytes = trimmed.as_bytes();
            let hash = (0..bytes.len())
                .find(|&i| bytes[i] == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t')));
            trimmed[..hash.unwrap_or(trimmed.len())].trim_end().len()
        }
    };
    if value_end == 0 {
        return ("", inline);
    }
    (&inline[lead..lead + value_end], &inline[lead + value_end..])
}

/// Every key at exactly `indent` spaces inside `region`, with its node, in order.
fn entries(text: &str, region: Range<usize>, indent: usize) -> Vec<(String, Entry)> {
    let scope = &text[..region.end];
    let lines: Vec<_> = lines_from(scope, region.start).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let content = &scope[line.content.clone()];
        i += 1;
        if content.trim().is_empty() || indent_of(content) != indent {
            continue;
        }
        let Some((key, value_start)) = mapping_key(&content[indent..]) else { continue };
        let inline = line.content.start + indent + value_start..line.content.end;
        let mut entry = Entry {
            line: line.full.clone(),
            inline: inline.clone(),
            end_full: line.full.end,
            end_content: line.content.end,
            spans_lines: false,
        };
        let value = scope[inline.clone()].trim_start();
        let value_offset = inline.end - value.len();
        let unclosed = match value.as_bytes().first() {
            Some(b'"' | b'\'') => quoted_end(value).is_none(),
            Some(b'[' | b'{') => flow_end(value).is_none(),
            _ => false,
        };
        if unclosed {
            // A quoted string or flow collection continues on the next lines, whatever their
            // indent: the node runs to where it closes.
            let rest = &scope[value_offset..];
            let close = match value.as_bytes()[0] {
                b'"' | b'\'' => quoted_end(rest),
                _ => flow_end(rest),
            };
            let Some(close) = close else { break };
            let close_at = value_offset + close;
            while i < lines.len() && lines[i].full.start < close_at {
                i += 1;
            }
            let last = &lines[i - 1];
            entry.end_full = last.full.end;
            entry.end_content = last.content.end;
            entry.spans_lines = true;
            found.push((key, entry));
            continue;
        }
        let block_scalar = value.starts_with(['|', '>']);
        while i < lines.len() {
            let t = &scope[lines[i].content.clone()];
            let trimmed = t.trim_start();
            let deeper = indent_of(t) > indent;
            let sequence = indent_of(t) == indent && (trimmed.starts_with("- ") || trimmed == "-");
            let blank = trimmed.is_empty();
            // Inside a block scalar a `#` line is text; elsewhere a comment belongs to no node.
            let comment = trimmed.starts_with('#') && !(block_scalar && deeper);
            if !(blank || comment || deeper || sequence) {
                break;
            }
            if !(blank || comment) {
                entry.end_full = lines[i].full.end;
                entry.end_content = lines[i].content.end;
            }
            i += 1;
        }
        // Stop the next scan at the node's end, not at the trailing blanks and comments.
        while i > 0 && lines[i - 1].full.start >= entry.end_full {
            i -= 1;
        }
        found.push((key, entry));
    }
    found
}

fn find_entry(text: &str, region: Range<usize>, indent: usize, key: &str) -> Option<Entry> {
    entries(text, region, indent).into_iter().find(|(k, _)| k == key).map(|(_, e)| e)
}

// ---------------------------------------------------------------------------------------------
// Scalars

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    Single,
    Double,
}

fn style_of(value_text: &str) -> Style {
    match value_text.chars().next() {
        Some('"') => Style::Double,
        Some('\'') => Style::Single,
        _ => Style::Plain,
    }
}

/// What an older YAML 1.1 reader (js-yaml in Astro and Eleventy, Psych in Jekyll) would make of
/// a plain scalar that YAML 1.2 reads as text: a date, a bool, a number or null.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Yaml11 {
    Timestamp,
    Bool,
    Number,
    Null,
}

fn yaml11_kind(s: &str) -> Option<Yaml11> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if b.len() >= 8 && digits(0..4) && b[4] == b'-' {
        return Some(Yaml11::Timestamp);
    }
    if matches!(s.to_ascii_lowercase().as_str(), "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false") {
        return Some(Yaml11::Bool);
    }
    if matches!(s, "~" | "null" | "Null" | "NULL") {
        return Some(Yaml11::Null);
    }
    let numeric = !s.is_empty()
        && s.bytes().all(|c| c.is_ascii_hexdigit() || b"_.:+-xXoO".contains(&c))
        && (b[0].is_ascii_digit() || (b.len() > 1 && b"+-.".contains(&b[0]) && b[1].is_ascii_digit()));
    numeric.then_some(Yaml11::Number)
}

/// Would `s`, written plain, read back as the same string, in a block value or as a flow item?
/// `like` is the old plain text: a date written plain may stay plain when replaced by a date.
fn plain_is_safe(s: &str, in_flow: bool, like: Option<&str>) -> bool {
    if s.is_empty() || s.trim() != s || s.contains(['\n', '\r']) {
        return false;
    }
    if let Some(kind) = yaml11_kind(s) {
        if like.and_then(yaml11_kind) != Some(kind) {
            return false;
        }
    }
    let probe = if in_flow { format!("k: [{s}]") } else { format!("k: {s}") };
    let want = serde_yaml::Value::String(s.to_string());
    match serde_yaml::from_str::<serde_yaml::Value>(&probe) {
        Ok(serde_yaml::Value::Mapping(m)) => match m.get("k") {
            Some(serde_yaml::Value::Sequence(items)) if in_flow => items.len() == 1 && items[0] == want,
            Some(v) if !in_flow => *v == want,
            _ => false,
        },
        _ => false,
    }
}

pub(super) fn render_scalar(s: &str, style: Style, in_flow: bool, like: Option<&str>) -> String {
    match style {
        Style::Plain if plain_is_safe(s, in_flow, like) => s.to_string(),
        Style::Single if !s.chars().any(char::is_control) => format!("'{}'", s.replace('\'', "''")),
        _ => {
            let mut out = String::with_capacity(s.len() + 2);
            out.push('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\t' => out.push_str("\\t"),
                    '\r' => out.push_str("\\r"),
                    c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                    c => out.push(c),
                }
            }
            out.push('"');
            out
        }
    }
}

/// A value written inline after `key:` (flow style for collections), without the leading space.
fn render_inline(value: &Value, style: Style, in_flow: bool, like: Option<&str>) -> String {
    match value {
        Value::String(s) => render_scalar(s, style, in_flow, like),
        Value::Null => "null".to_string(),
        Value::Bool(_) | Value::Number(_) => value.to_string(),
        Value::Array(items) => {
            let rendered: Vec<String> = items.iter().map(|i| render_inline(i, style, true, None)).collect();
            format!("[{}]", rendered.join(", "))
        }
        Value::Object(map) => {
            let rendered: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", render_key(k), render_inline(v, style, true, None)))
                .collect();
            format!("{{{}}}", rendered.join(", "))
        }
    }
}

/// A key as written before its colon: plain when it is a simple word that every YAML reader
/// takes as the same text key, double-quoted otherwise (`"-0"`, `"TRUE"`, `"a: b"`).
pub(super) fn render_key(key: &str) -> String {
    let simple = key.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && yaml11_kind(key).is_none()
        && plain_is_safe(key, true, None);
    if simple {
        key.to_string()
    } else {
        render_scalar(key, Style::Double, true, None)
    }
}

// ---------------------------------------------------------------------------------------------
// Lists: keep the original text of the items that stay

/// Pairs of (old index, new index) for the longest common subsequence of two item lists.
fn common_items(old: &[Value], new: &[Value]) -> Vec<(usize, usize)> {
    let (n, m) = (old.len(), new.len());
    if n.saturating_mul(m) > 1_000_000 {
        // Too big for the quadratic table: keep the common prefix only.
        return old.iter().zip(new).take_while(|(a, b)| a == b).enumerate().map(|(i, _)| (i, i)).collect();
    }
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] =
                if old[i] == new[j] { table[i + 1][j + 1] + 1 } else { table[i + 1][j].max(table[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < n && j < m {
        if old[i] == new[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// For each new item, the old item's index it keeps, if any.
pub(super) fn kept_from(old: &[Value], new: &[Value]) -> Vec<Option<usize>> {
    let mut kept = vec![None; new.len()];
    for (i, j) in common_items(old, new) {
        kept[j] = Some(i);
    }
    kept
}

/// The items of a one-line flow sequence `[a, 'b', "c"]`, as text spans, or None if it is not one.
fn flow_items(text: &str) -> Option<Vec<&str>> {
    let mut commas = Vec::new();
    if !text.starts_with('[') || scan_flow(text, |i| commas.push(i))? != text.len() {
        return None;
    }
    let mut items = Vec::new();
    let mut start = 1;
    for comma in commas {
        items.push(text[start..comma].trim());
        start = comma + 1;
    }
    let last = text[start..text.len() - 1].trim();
    if !last.is_empty() {
        items.push(last);
    }
    Some(items)
}

/// The new flow items as text: items that stay keep their exact text (`spans`, one per old
/// item); new ones are written in the first old item's quoting.
fn merged_flow_items(spans: &[&str], old: &[Value], new: &[Value]) -> Vec<String> {
    let style = spans.first().map_or(Style::Plain, |s| style_of(s));
    kept_from(old, new)
        .iter()
        .zip(new)
        .map(|(kept, item)| match kept {
            Some(i) => spans[*i].to_string(),
            None => render_inline(item, style, true, None),
        })
        .collect()
}

fn rewrite_flow_list(old_text: &str, old: &[Value], new: &[Value]) -> Option<String> {
    let spans = flow_items(old_text)?;
    if spans.len() != old.len() || spans.iter().any(|s| s.is_empty()) {
        return None;
    }
    let padded = old_text.starts_with("[ ") && old_text.ends_with(" ]");
    let separator = if old_text.contains(", ") || spans.len() < 2 { ", " } else { "," };
    let items = merged_flow_items(&spans, old, new);
    let joined = items.join(separator);
    Some(if padded && !joined.is_empty() { format!("[ {joined} ]") } else { format!("[{joined}]") })
}

/// A flow list written one item per line (`[`, `  a,`, `  b`, `]`) keeps that layout.
fn rewrite_multiline_flow_list(node: &str, old: &[Value], new: &[Value], nl: &str) -> Option<String> {
    let lines: Vec<&str> = node.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let (first, rest) = lines.split_first()?;
    let (last, middle) = rest.split_last()?;
    if first.trim() != "[" || last.trim() != "]" || middle.len() != old.len() {
        return None;
    }
    // Each middle line holds exactly one item, with a comma on all but the last.
    let spans: Vec<&str> = middle.iter().map(|l| l.trim().trim_end_matches(',').trim()).collect();
    let one_per_line = flow_items(&format!("[{}]", spans.join(", ")))?.len() == old.len();
    if spans.iter().any(|s| s.is_empty() || s.contains('#')) || !one_per_line {
        return None;
    }
    let indent = middle.first().map_or("  ", |l| &l[..l.len() - l.trim_start().len()]);
    let items = merged_flow_items(&spans, old, new);
    if items.is_empty() {
        return Some("[]".to_string());
    }
    Some(format!("[{nl}{indent}{}{nl}{last}", items.join(&format!(",{nl}{indent}"))))
}

/// One item line of a block sequence: (its dash indent, its value text).
fn block_item(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start_matches(' ');
    let rest = trimmed.strip_prefix('-')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((&line[..line.len() - trimmed.len()], rest.trim()))
}

/// Rewrites the lines of a block sequence of scalars: lines of unchanged items stay as they are
/// (with the comments and blank lines between them), removed items lose their line, and new
/// items get a line after the item they follow.
fn rewrite_block_list(block: &str, old: &[Value], new: &[Value], nl: &str) -> Option<String> {
    let lines: Vec<&str> = block.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut item_lines = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        block_item(line)?;
        item_lines.push(n);
    }
    if item_lines.len() != old.len() || old.iter().any(|v| v.is_object() || v.is_array()) {
        return None;
    }
    let (dash_indent, first_value) = block_item(lines[*item_lines.first()?])?;
    let style = style_of(first_value);
    let render = |item: &Value| format!("{dash_indent}- {}", render_inline(item, style, false, None));

    let kept = kept_from(old, new);
    let mut kept_line = vec![false; lines.len()];
    // New items that go before the first kept item, and after each kept item's line.
    let mut leading = Vec::new();
    let mut after: Vec<Vec<String>> = vec![Vec::new(); lines.len()];
    let mut previous: Option<usize> = None;
    for (item, keep) in new.iter().zip(&kept) {
        match keep {
            Some(old_index) => {
                let line = item_lines[*old_index];
                kept_line[line] = true;
                previous = Some(line);
            }
            None => match previous {
                Some(line) => after[line].push(render(item)),
                None => leading.push(render(item)),
            },
        }
    }
    let mut out: Vec<String> = Vec::new();
    let first_item_line = item_lines[0];
    for (n, line) in lines.iter().enumerate() {
        if n == first_item_line {
            out.append(&mut leading);
        }
        let is_item = item_lines.contains(&n);
        if !is_item || kept_line[n] {
            out.push(line.to_string());
        }
        out.append(&mut after[n]);
    }
    Some(out.join(nl))
}

// ---------------------------------------------------------------------------------------------
// Block scalars

fn rewrite_block_scalar(header: &str, comment: &str, new: &str, indent: &str, nl: &str) -> String {
    let literal = header.starts_with('|') || new.trim_end_matches('\n').contains('\n');
    let keep_trailing = new.ends_with('\n');
    let indicator = match (literal, keep_trailing) {
        (true, true) => "|",
        (true, false) => "|-",
        (false, true) => ">",
        (false, false) => ">-",
    };
    let body: Vec<String> = new
        .strip_suffix('\n')
        .unwrap_or(new)
        .split('\n')
        .map(|l| if l.is_empty() { String::new() } else { format!("{indent}{l}") })
        .collect();
    format!(" {indicator}{comment}{nl}{}", body.join(nl))
}

// ---------------------------------------------------------------------------------------------
// Operations

/// Where the key at `path` lives: its parent's region and indent, and the entry if present.
struct Located {
    region: Range<usize>,
    indent: usize,
    entry: Option<Entry>,
}

fn first_child_indent(text: &str, entry: &Entry) -> Option<usize> {
    lines_from(&text[..entry.end_full], entry.line.end)
        .map(|l| &text[l.content])
        .find(|t| !t.trim().is_empty() && !t.trim_start().starts_with('#'))
        .map(indent_of)
}

fn locate(text: &str, fm: Range<usize>, path: &[&str]) -> Result<Located, EditError> {
    let mut region = fm;
    let mut indent = 0;
    for (depth, key) in path.iter().enumerate() {
        let entry = find_entry(text, region.clone(), indent, key);
        if depth + 1 == path.len() {
            return Ok(Located { region, indent, entry });
        }
        let here = path[..=depth].join(".");
        let Some(parent) = entry else {
            return Err(EditError::MissingParent { key: here });
        };
        let (value, _) = split_comment(&text[parent.inline.clone()]);
        if !value.is_empty() || !parent.has_children() {
            return Err(EditError::Unsupported {
                what: format!("`{here}` here, because it is not a block map"),
            });
        }
        let child = lines_from(&text[..parent.end_full], parent.line.end)
            .map(|l| &text[l.content])
            .find(|t| !t.trim().is_empty() && !t.trim_start().starts_with('#'))
            .unwrap_or("");
        if child.trim_start().starts_with('-') {
            return Err(EditError::Unsupported { what: format!("`{here}` here, because it is a list") });
        }
        indent = indent_of(child);
        region = parent.line.end..parent.end_full;
    }
    Err(EditError::Unsupported { what: "an empty key".into() })
}

/// Sets the value at `path`. `old` is the current value there, if any.
pub(super) fn set(
    text: &str,
    split: &Split,
    path: &[&str],
    old: Option<&Value>,
    value: &Value,
) -> Result<String, EditError> {
    let nl = split.newline;
    let key = path.last().copied().unwrap_or_default();
    let located = match locate(text, split.front_matter.clone(), path) {
        Ok(located) => located,
        Err(EditError::MissingParent { .. }) => return add_nested(text, split, path, value),
        Err(e) => return Err(e),
    };
    let Some(entry) = located.entry else {
        return Ok(insert_key(text, split, &located, key, value));
    };
    let inline = &text[entry.inline.clone()];
    let (old_text, comment) = split_comment(inline);
    let pad = match inline.len() - inline.trim_start().len() {
        0 => " ",
        n if !old_text.is_empty() => &inline[..n],
        _ => " ",
    };

    if entry.spans_lines {
        if old_text.starts_with(['[', '{']) {
            let node = &text[entry.inline.start..entry.end_content];
            let rewritten = match (old, value) {
                (Some(Value::Array(o)), Value::Array(n)) => {
                    rewrite_multiline_flow_list(node.trim_start(), o, n, nl)
                }
                _ => None,
            };
            return match rewritten {
                Some(list) => {
                    Ok(splice(text, entry.inline.start..entry.end_content, &format!("{pad}{list}")))
                }
                None => Err(EditError::Unsupported {
                    what: format!("`{}`, a list written across several lines", path.join(".")),
                }),
            };
        }
        // A quoted string across lines becomes one line in the same quoting.
        let rendered = render_inline(value, style_of(old_text), false, None);
        return Ok(splice(text, entry.inline.start..entry.end_content, &format!("{pad}{rendered}")));
    }

    // Lists keep their style and the text of the items that stay.
    if let (Some(Value::Array(old_items)), Value::Array(new_items)) = (old, value) {
        if entry.has_children() && old_text.is_empty() {
            let block_range = entry.line.end..entry.end_content;
            if new_items.is_empty() {
                let replaced = format!("{} []{}", &text[entry.line.start..entry.inline.start], comment);
                return Ok(splice(text, entry.line.start..entry.end_content, &replaced));
            }
            if let Some(lines) = rewrite_block_list(&text[block_range.clone()], old_items, new_items, nl) {
                return Ok(splice(text, block_range, &lines));
            }
        } else if let Some(flow) = rewrite_flow_list(old_text, old_items, new_items) {
            return Ok(splice(text, entry.inline.clone(), &format!("{pad}{flow}{comment}")));
        }
    }

    // Block scalars (`|`, `>`) stay block scalars for text, with the comment on their header.
    if let (Value::String(s), true) = (value, old_text.starts_with(['|', '>'])) {
        let child_indent = lines_from(&text[..entry.end_full], entry.line.end)
            .map(|l| &text[l.content])
            .find(|t| !t.trim().is_empty())
            .map_or(located.indent + 2, indent_of);
        let rewritten = rewrite_block_scalar(old_text, comment, s, &" ".repeat(child_indent), nl);
        return Ok(splice(text, entry.inline.start..entry.end_content, &rewritten));
    }

    let style = if old_text.starts_with('[') {
        style_of(old_text.trim_start_matches('[').trim_start())
    } else {
        style_of(old_text)
    };
    let sibling = sibling_date(text, split);
    let like =
        if old_text.is_empty() { sibling.as_deref() } else { (style == Style::Plain).then_some(old_text) };
    let rendered = render_inline(value, style, false, like);
    if entry.has_children() {
        // A multi-line node (block list, map, folded plain text) becomes one line.
        let keep = if old_text.is_empty() { comment.trim_start() } else { "" };
        let keep = if keep.is_empty() { String::new() } else { format!(" {keep}") };
        Ok(splice(text, entry.inline.start..entry.end_content, &format!("{pad}{rendered}{keep}")))
    } else {
        Ok(splice(text, entry.inline.clone(), &format!("{pad}{rendered}{comment}")))
    }
}

/// Canonical order of the role keys, to place a new key next to its neighbours.
const KEY_ORDER: &[&[&str]] = &[
    &["title"],
    &["description", "summary", "excerpt"],
    &["pubDate", "date", "pubDatetime", "publishDate"],
    &["updatedDate", "lastmod", "modDatetime", "updated"],
    &["author", "authors"],
    &["heroImage", "image", "ogImage", "cover"],
    &["category", "categories"],
    &["tags"],
    &["draft", "published"],
];

fn rank(key: &str) -> Option<usize> {
    KEY_ORDER.iter().position(|group| group.contains(&key))
}

/// Where a new top-level `key` goes: after the last present key that comes before it in the
/// usual order, at the start if none does, and at the end for keys with no usual place.
fn top_level_insert_at(text: &str, split: &Split, key: &str) -> usize {
    let keys = entries(text, split.front_matter.clone(), 0);
    let at = match rank(key) {
        Some(r) => keys
            .iter()
            .filter(|(k, _)| rank(k).is_some_and(|kr| kr <= r))
            .map(|(_, e)| e.end_full)
            .max()
            .unwrap_or(if keys.is_empty() { split.front_matter.end } else { split.front_matter.start }),
        None => split.front_matter.end,
    };
    at.min(split.front_matter.end)
}

/// A date written plain elsewhere in this front matter: the folder's way of writing dates, so a
/// new date may be written plain too.
fn sibling_date(text: &str, split: &Split) -> Option<String> {
    entries(text, split.front_matter.clone(), 0).into_iter().find_map(|(_, e)| {
        let (value, _) = split_comment(&text[e.inline.clone()]);
        (yaml11_kind(value) == Some(Yaml11::Timestamp)).then(|| value.to_string())
    })
}

fn insert_key(text: &str, split: &Split, located: &Located, key: &str, value: &Value) -> String {
    let nl = split.newline;
    let like = sibling_date(text, split);
    let rendered = render_inline(value, Style::Plain, false, like.as_deref());
    let line = format!("{}{}: {rendered}{nl}", " ".repeat(located.indent), render_key(key));
    if located.indent > 0 || located.region != split.front_matter {
        // A new child goes after the parent's last child.
        return splice(text, located.region.end..located.region.end, &line);
    }
    let at = top_level_insert_at(text, split, key);
    splice(text, at..at, &line)
}

/// Adds `a.b.c: value` where `a` (or a deeper parent) is missing, as nested block maps.
fn add_nested(text: &str, split: &Split, path: &[&str], value: &Value) -> Result<String, EditError> {
    let nl = split.newline;
    let mut existing = 0;
    while existing + 1 < path.len() {
        match locate(text, split.front_matter.clone(), &path[..=existing]) {
            Ok(Located { entry: Some(_), .. }) => existing += 1,
            _ => break,
        }
    }
    let (at, indent) = if existing == 0 {
        (top_level_insert_at(text, split, path[0]), 0)
    } else {
        let parent = locate(text, split.front_matter.clone(), &path[..existing])?;
        let entry =
            parent.entry.ok_or_else(|| EditError::MissingParent { key: path[..existing].join(".") })?;
        let indent = first_child_indent(text, &entry).unwrap_or(parent.indent + 2);
        (entry.end_full, indent)
    };
    Ok(splice(text, at..at, &nested_block(&path[existing..], indent, value, nl)))
}

/// `a:` / `  b:` / `    c: value` lines for a key path, starting at `indent` spaces.
fn nested_block(path: &[&str], indent: usize, value: &Value, nl: &str) -> String {
    let mut block = String::new();
    for (depth, key) in path.iter().enumerate() {
        let pad = " ".repeat(indent + 2 * depth);
        if depth + 1 == path.len() {
            let rendered = render_inline(value, Style::Plain, false, None);
            block.push_str(&format!("{pad}{}: {rendered}{nl}", render_key(key)));
        } else {
            block.push_str(&format!("{pad}{}:{nl}", render_key(key)));
        }
    }
    block
}

/// Removes the key at `path` with all its lines. Missing keys are a no-op.
pub(super) fn remove(text: &str, split: &Split, path: &[&str]) -> Result<String, EditError> {
    let located = match locate(text, split.front_matter.clone(), path) {
        Ok(located) => located,
        Err(EditError::MissingParent { .. }) => return Ok(text.to_string()),
        Err(e) => return Err(e),
    };
    Ok(match located.entry {
        Some(entry) => splice(text, entry.line.start..entry.end_full, ""),
        None => text.to_string(),
    })
}

/// Adds YAML front matter holding `path: value` to a post that has none.
pub(super) fn create(text: &str, split: &Split, path: &[&str], value: &Value) -> String {
    let nl = split.newline;
    let block = format!("---{nl}{}---{nl}", nested_block(path, 0, value, nl));
    let at = split.body.start;
    splice(text, at..at, &block)
}

pub(super) fn splice(text: &str, range: Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}

/// The byte range of a top-level key's own text (quotes included, colon excluded), for a
/// rename that touches nothing else.
pub(super) fn key_span(text: &str, split: &Split, key: &str) -> Option<Range<usize>> {
    let entry = find_entry(text, split.front_matter.clone(), 0, key)?;
    let line = text[entry.line.clone()].trim_end_matches(['\n', '\r']);
    let len = if line.starts_with(['"', '\'']) {
        quoted_end(line)?
    } else {
        line[..find_key_colon(line)?].trim_end().len()
    };
    Some(entry.line.start..entry.line.start + len)
}
