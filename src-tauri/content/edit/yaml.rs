//! YAML front-matter edits by splicing the byte range of one key's node.
//!
//! The mapping is never re-serialised. A key is found line by line at the indent of its parent
//! mapping; its node is the rest of the key line plus the more-indented lines under it. Only that
//! node's bytes are replaced, so comments, blank lines, key order, quoting and every other key
//! stay as they were. The new value is written in the old one's style where it can be: plain,
//! single or double quotes; flow `[a, b]` or block `- a` lists, keeping the original text of
//! items that did not change; `|` and `>` block scalars. Inputs that this splicer does not
//! understand (a parent that is a flow map, a sequence of maps) are refused, never guessed at.

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
    /// Through the line ending of the last non-blank, non-comment line of the node.
    end_full: usize,
    /// Through the content of that line, before its line ending.
    end_content: usize,
}

impl Entry {
    fn has_children(&self) -> bool {
        self.end_full > self.line.end
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The key of a mapping line (after its indent), and the offset just after its colon.
fn mapping_key(line: &str) -> Option<(String, usize)> {
    if line.is_empty() || line.starts_with(['#', '-', ' ', '\t']) {
        return None;
    }
    let (key, after) = if let Some(quote @ ('"' | '\'')) = line.chars().next() {
        let close = line[1..].find(quote)? + 1;
        (line[1..close].to_string(), close + 1)
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

/// Finds `key` among the mapping lines at exactly `indent` spaces inside `region`.
fn find_entry(text: &str, region: Range<usize>, indent: usize, key: &str) -> Option<Entry> {
    let scope = &text[..region.end];
    let mut lines = lines_from(scope, region.start).peekable();
    while let Some(line) = lines.next() {
        let content = &scope[line.content.clone()];
        if content.trim().is_empty() || indent_of(content) != indent {
            continue;
        }
        let Some((found, value_start)) = mapping_key(&content[indent..]) else { continue };
        if found != key {
            continue;
        }
        let mut entry = Entry {
            line: line.full.clone(),
            inline: line.content.start + indent + value_start..line.content.end,
            end_full: line.full.end,
            end_content: line.content.end,
        };
        while let Some(next) = lines.peek() {
            let t = &scope[next.content.clone()];
            let trimmed = t.trim_start();
            let neutral = trimmed.is_empty() || trimmed.starts_with('#');
            let inside = indent_of(t) > indent
                || (indent_of(t) == indent && (trimmed.starts_with("- ") || trimmed == "-"));
            if !neutral && !inside {
                break;
            }
            if !neutral {
                entry.end_full = next.full.end;
                entry.end_content = next.content.end;
            }
            lines.next();
        }
        return Some(entry);
    }
    None
}

/// The last top-level entry, and every top-level key in order (for placing a new key).
fn top_level_keys(text: &str, region: Range<usize>) -> Vec<(String, Entry)> {
    let scope = &text[..region.end];
    let mut keys = Vec::new();
    for line in lines_from(scope, region.start) {
        let content = &scope[line.content.clone()];
        if let Some((key, _)) = mapping_key(content) {
            if let Some(entry) = find_entry(text, line.full.start..region.end, 0, &key) {
                keys.push((key, entry));
            }
        }
    }
    keys
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

/// Would `s` read back as the same string if written plain after `key: `?
fn plain_is_safe(s: &str, in_flow: bool) -> bool {
    if s.is_empty() || s.trim() != s || s.contains(['\n', '\r']) {
        return false;
    }
    if in_flow && s.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    match serde_yaml::from_str::<serde_yaml::Value>(&format!("k: {s}")) {
        Ok(serde_yaml::Value::Mapping(m)) => m.get("k") == Some(&serde_yaml::Value::String(s.to_string())),
        _ => false,
    }
}

pub(super) fn render_scalar(s: &str, style: Style, in_flow: bool) -> String {
    match style {
        Style::Plain if plain_is_safe(s, in_flow) => s.to_string(),
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
fn render_inline(value: &Value, style: Style, in_flow: bool) -> String {
    match value {
        Value::String(s) => render_scalar(s, style, in_flow),
        Value::Null => "null".to_string(),
        Value::Bool(_) | Value::Number(_) => value.to_string(),
        Value::Array(items) => {
            let rendered: Vec<String> = items.iter().map(|i| render_inline(i, style, true)).collect();
            format!("[{}]", rendered.join(", "))
        }
        Value::Object(map) => {
            let rendered: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", render_key(k), render_inline(v, style, true)))
                .collect();
            format!("{{{}}}", rendered.join(", "))
        }
    }
}

fn render_key(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
        key.to_string()
    } else {
        render_scalar(key, Style::Double, true)
    }
}

/// Splits a single-line inline value into (value, trailing comment with its leading blanks).
fn split_comment(inline: &str) -> (&str, &str) {
    let trimmed = inline.trim_start();
    let lead = inline.len() - trimmed.len();
    let bytes = trimmed.as_bytes();
    let value_end = match bytes.first() {
        Some(&q @ (b'"' | b'\'')) => {
            let mut i = 1;
            let mut end = trimmed.len();
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
                    end = i + 1;
                    break;
                }
                i += 1;
            }
            end.min(trimmed.len())
        }
        _ => {
            let hash = (0..bytes.len())
                .find(|&i| bytes[i] == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t')));
            trimmed[..hash.unwrap_or(trimmed.len())].trim_end().len()
        }
    };
    (&inline[lead..lead + value_end], &inline[lead + value_end..])
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
fn kept_from(old: &[Value], new: &[Value]) -> Vec<Option<usize>> {
    let mut kept = vec![None; new.len()];
    for (i, j) in common_items(old, new) {
        kept[j] = Some(i);
    }
    kept
}

/// The items of a one-line flow sequence `[a, 'b', "c"]`, as text spans, or None if it is not one.
fn flow_items(text: &str) -> Option<Vec<&str>> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    let mut items = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None::<u8>, 0usize);
    let bytes = inner.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(b'"') if b == b'\\' => i += 1,
            Some(q) if b == q => {
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    quote = None;
                }
            }
            Some(_) => {}
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' | b'{' => depth += 1,
                b']' | b'}' => depth -= 1,
                b',' if depth == 0 => {
                    items.push(inner[start..i].trim());
                    start = i + 1;
                }
                _ => {}
            },
        }
        i += 1;
    }
    let last = inner[start..].trim();
    if !last.is_empty() || !items.is_empty() {
        items.push(last);
    }
    Some(items.into_iter().filter(|s| !s.is_empty()).collect())
}

fn rewrite_flow_list(old_text: &str, old: &[Value], new: &[Value]) -> Option<String> {
    let spans = flow_items(old_text)?;
    if spans.len() != old.len() {
        return None;
    }
    let style = spans.first().map_or(Style::Plain, |s| style_of(s));
    let padded = old_text.starts_with("[ ") && old_text.ends_with(" ]");
    let separator = if old_text.contains(", ") || spans.len() < 2 { ", " } else { "," };
    let items: Vec<String> = kept_from(old, new)
        .iter()
        .zip(new)
        .map(|(kept, item)| match kept {
            Some(i) => spans[*i].to_string(),
            None => render_inline(item, style, true),
        })
        .collect();
    let joined = items.join(separator);
    Some(if padded && !joined.is_empty() { format!("[ {joined} ]") } else { format!("[{joined}]") })
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

/// Rewrites the lines of a block sequence of scalars, keeping the lines of unchanged items.
fn rewrite_block_list(block: &str, old: &[Value], new: &[Value], nl: &str) -> Option<String> {
    let mut item_lines: Vec<&str> = Vec::new();
    for line in block.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        block_item(line)?;
        item_lines.push(line);
    }
    if item_lines.len() != old.len() || old.iter().any(|v| v.is_object() || v.is_array()) {
        return None;
    }
    let (dash_indent, first_value) = block_item(item_lines.first()?)?;
    let style = style_of(first_value);
    let lines: Vec<String> = kept_from(old, new)
        .iter()
        .zip(new)
        .map(|(kept, item)| match kept {
            Some(i) => item_lines[*i].to_string(),
            None => format!("{dash_indent}- {}", render_inline(item, style, false)),
        })
        .collect();
    Some(lines.join(nl))
}

// ---------------------------------------------------------------------------------------------
// Block scalars

fn rewrite_block_scalar(header: &str, new: &str, indent: &str, nl: &str) -> String {
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
    format!(" {indicator}{nl}{}", body.join(nl))
}

// ---------------------------------------------------------------------------------------------
// Operations

/// Where the key at `path` lives: its parent's region and indent, and the entry if present.
struct Located {
    region: Range<usize>,
    indent: usize,
    /// The indent for a new child; known from existing children, else parent indent + 2.
    child_indent: usize,
    entry: Option<Entry>,
}

fn locate(text: &str, fm: Range<usize>, path: &[&str]) -> Result<Located, EditError> {
    let mut region = fm;
    let mut indent = 0;
    for (depth, key) in path.iter().enumerate() {
        let entry = find_entry(text, region.clone(), indent, key);
        if depth + 1 == path.len() {
            return Ok(Located { region, indent, child_indent: indent, entry });
        }
        let Some(parent) = entry else {
            return Err(EditError::MissingParent { key: path[..=depth].join(".") });
        };
        let (value, _) = split_comment(&text[parent.inline.clone()]);
        if !value.is_empty() || !parent.has_children() {
            return Err(EditError::Unsupported {
                what: format!("`{}` here, because it is not a block map", path[..=depth].join(".")),
            });
        }
        let first_child = lines_from(&text[..parent.end_full], parent.line.end)
            .map(|l| &text[l.content])
            .find(|t| !t.trim().is_empty() && !t.trim_start().starts_with('#'))
            .unwrap_or("");
        if first_child.trim_start().starts_with('-') {
            return Err(EditError::Unsupported {
                what: format!("`{}` here, because it is a list", path[..=depth].join(".")),
            });
        }
        indent = indent_of(first_child);
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
    let pad = if old_text.is_empty() { " " } else { &inline[..inline.len() - inline.trim_start().len()] };
    let pad = if pad.is_empty() { " " } else { pad };

    // Lists keep their style and the text of the items that stay.
    if let (Some(Value::Array(old_items)), Value::Array(new_items)) = (old, value) {
        if entry.has_children() && old_text.is_empty() {
            let block_range = entry.line.end..entry.end_content;
            if new_items.is_empty() {
                let replaced = format!("{}{pad}[]{comment}", &text[entry.line.start..entry.inline.start]);
                return Ok(splice(text, entry.line.start..entry.end_content, &replaced));
            }
            if let Some(lines) = rewrite_block_list(&text[block_range.clone()], old_items, new_items, nl) {
                return Ok(splice(text, block_range, &lines));
            }
        } else if let Some(flow) = rewrite_flow_list(old_text, old_items, new_items) {
            return Ok(splice(text, entry.inline.clone(), &format!("{pad}{flow}{comment}")));
        }
    }

    // Block scalars (`|`, `>`) stay block scalars for text.
    if let (Value::String(s), true) = (value, old_text.starts_with(['|', '>'])) {
        let child_indent = lines_from(&text[..entry.end_full], entry.line.end)
            .map(|l| &text[l.content])
            .find(|t| !t.trim().is_empty())
            .map_or(located.indent + 2, indent_of);
        let rewritten = rewrite_block_scalar(old_text, s, &" ".repeat(child_indent), nl);
        return Ok(splice(text, entry.inline.start..entry.end_content, &rewritten));
    }

    let style = if old_text.starts_with('[') {
        style_of(old_text.trim_start_matches('[').trim_start())
    } else {
        style_of(old_text)
    };
    let rendered = render_inline(value, style, false);
    if entry.has_children() {
        // A multi-line node (block list, map, folded plain text) becomes one line.
        let keep = if old_text.is_empty() { comment } else { "" };
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

fn insert_key(text: &str, split: &Split, located: &Located, key: &str, value: &Value) -> String {
    let nl = split.newline;
    let line = format!(
        "{}{}: {}{nl}",
        " ".repeat(located.child_indent),
        render_key(key),
        render_inline(value, Style::Plain, false)
    );
    if located.indent > 0 || located.region != split.front_matter {
        // A new child goes after the parent's last child.
        return splice(text, located.region.end..located.region.end, &line);
    }
    // A known key goes after the last present key that comes before it in the usual order;
    // anything else goes at the end.
    let keys = top_level_keys(text, split.front_matter.clone());
    let at = match rank(key) {
        Some(r) => keys
            .iter()
            .filter(|(k, _)| rank(k).is_some_and(|kr| kr <= r))
            .map(|(_, e)| e.end_full)
            .max()
            .unwrap_or(if keys.is_empty() { split.front_matter.end } else { split.front_matter.start }),
        None => split.front_matter.end,
    };
    // The front matter's last line may lack a line ending only when it is empty.
    let at = at.min(split.front_matter.end);
    splice(text, at..at, &line)
}

/// Adds `a.b.c: value` where `a` (or a deeper parent) is missing, as nested block maps.
fn add_nested(text: &str, split: &Split, path: &[&str], value: &Value) -> Result<String, EditError> {
    let nl = split.newline;
    // Find the deepest existing parent.
    let mut existing = 0;
    while existing + 1 < path.len() {
        match locate(text, split.front_matter.clone(), &path[..=existing]) {
            Ok(Located { entry: Some(_), .. }) => existing += 1,
            _ => break,
        }
    }
    let (region, indent) = if existing == 0 {
        (split.front_matter.clone(), 0)
    } else {
        let parent = locate(text, split.front_matter.clone(), &path[..existing])?;
        let entry =
            parent.entry.ok_or_else(|| EditError::MissingParent { key: path[..existing].join(".") })?;
        let child_indent = lines_from(&text[..entry.end_full], entry.line.end)
            .map(|l| &text[l.content])
            .find(|t| !t.trim().is_empty() && !t.trim_start().starts_with('#'))
            .map_or(parent.indent + 2, indent_of);
        (entry.line.end..entry.end_full, child_indent)
    };
    let mut block = String::new();
    for (depth, key) in path[existing..].iter().enumerate() {
        let pad = " ".repeat(indent + 2 * depth);
        if existing + depth + 1 == path.len() {
            block.push_str(&format!(
                "{pad}{}: {}{nl}",
                render_key(key),
                render_inline(value, Style::Plain, false)
            ));
        } else {
            block.push_str(&format!("{pad}{}:{nl}", render_key(key)));
        }
    }
    let at = region.end;
    Ok(splice(text, at..at, &block))
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
    let mut block = format!("---{nl}");
    for (depth, key) in path.iter().enumerate() {
        let pad = "  ".repeat(depth);
        if depth + 1 == path.len() {
            block.push_str(&format!(
                "{pad}{}: {}{nl}",
                render_key(key),
                render_inline(value, Style::Plain, false)
            ));
        } else {
            block.push_str(&format!("{pad}{}:{nl}", render_key(key)));
        }
    }
    block.push_str(&format!("---{nl}"));
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
