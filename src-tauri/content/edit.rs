//! Lossless edits: change one front-matter field, or the body, and no other byte.
//!
//! Every save in the app and every `postdesk set` goes through here. YAML is edited by splicing
//! the key's value span, never by re-serialising the mapping, so comments, key order, quoting,
//! date literals and unknown keys survive. TOML goes through toml_edit, which keeps formatting.
//! The edited value keeps its quoting (plain, single or double) and its list style (flow or
//! block) where the new value allows, and switches only when it must. Setting a value equal to
//! the current one returns the text unchanged. Pure: text in, text out, never a panic.
//!
//! Scope today: top-level keys of YAML and TOML front matter. Dotted paths, key removal and
//! JSON front matter are refused with an error that says so, rather than guessed at.

use serde_json::Value;

use super::frontmatter;
use super::split::{lines_from, split, FrontMatterKind};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("the front matter cannot be parsed, so `{key}` cannot be set safely: fix it as raw text first")]
    Unparsable { key: String },
    #[error("editing {what} is not supported yet")]
    Unsupported { what: String },
}

/// Sets top-level `key` to `value`. Adds the key at the end of the front matter if missing, and
/// creates YAML front matter if the post has none.
pub fn set_field(text: &str, key: &str, value: &Value) -> Result<String, EditError> {
    if key.contains('.') {
        return Err(EditError::Unsupported {
            what: format!("the nested key `{key}`"),
        });
    }
    let parts = split(text);
    let current = frontmatter::read(text, &parts);
    if !current.diagnostics.is_empty() {
        return Err(EditError::Unparsable {
            key: key.to_string(),
        });
    }
    if current.values.get(key) == Some(value) {
        return Ok(text.to_string());
    }
    match parts.kind {
        FrontMatterKind::Yaml => Ok(set_yaml(text, &parts, key, value)),
        FrontMatterKind::Toml => set_toml(text, &parts, key, value),
        FrontMatterKind::Json => Err(EditError::Unsupported {
            what: "JSON front matter".to_string(),
        }),
        FrontMatterKind::None => {
            let nl = parts.newline;
            let insert_at = parts.body.start;
            let line = format!("{}:{}", yaml_key(key), render_yaml(value, Style::Plain, ""));
            let block = format!("---{nl}{line}{nl}---{nl}");
            Ok(splice(text, insert_at..insert_at, &block))
        }
    }
}

fn splice(text: &str, range: std::ops::Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}

// ---------------------------------------------------------------------------------------------
// YAML

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
}

/// Where a top-level key's value sits: the rest of the key line, plus indented continuation lines.
struct YamlEntry {
    /// From just after `key:` to the end of the key line's content (comment included).
    inline: std::ops::Range<usize>,
    /// Continuation lines (block lists, nested maps, multi-line scalars), through the last
    /// non-blank one's content end. Empty when the value is on the key line.
    continuation: std::ops::Range<usize>,
    /// The indent used by continuation lines, e.g. "  ".
    indent: String,
}

fn yaml_key(key: &str) -> String {
    if key
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        && !key.is_empty()
    {
        key.to_string()
    } else {
        render_scalar(key, Style::Double)
    }
}

/// The key of a top-level mapping line, and the offset just after its colon.
fn top_level_key(line: &str) -> Option<(String, usize)> {
    if line.is_empty() || line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, after) = if let Some(quote @ ('"' | '\'')) = line.chars().next() {
        let close = line[1..].find(quote)? + 1;
        (line[1..close].to_string(), close + 1)
    } else {
        let colon = line.find(':')?;
        (line[..colon].trim_end().to_string(), colon)
    };
    let rest = &line[after..];
    let rest = rest.trim_start_matches([' ', '\t']);
    let colon_at = line.len() - rest.len();
    if !rest.starts_with(':') {
        return None;
    }
    let value_start = colon_at + 1;
    match line.as_bytes().get(value_start) {
        None | Some(b' ') | Some(b'\t') => Some((key, value_start)),
        _ => None,
    }
}

fn find_yaml_entry(text: &str, fm: std::ops::Range<usize>, key: &str) -> Option<YamlEntry> {
    let region = &text[..fm.end];
    let mut lines = lines_from(region, fm.start).peekable();
    while let Some(line) = lines.next() {
        let content = &region[line.content.clone()];
        let Some((found, value_start)) = top_level_key(content) else {
            continue;
        };
        if found != key {
            continue;
        }
        let inline = line.content.start + value_start..line.content.end;
        let mut continuation = line.full.end..line.full.end;
        let mut indent = String::new();
        while let Some(next) = lines.peek() {
            let t = &region[next.content.clone()];
            let blank = t.trim().is_empty();
            let indented = t.starts_with([' ', '\t']) || t.starts_with("- ") || t == "-";
            if !(blank || indented) {
                break;
            }
            if !blank {
                if indent.is_empty() {
                    indent = t[..t.len() - t.trim_start().len()].to_string();
                }
                continuation.end = next.content.end;
            }
            lines.next();
        }
        return Some(YamlEntry {
            inline,
            continuation,
            indent,
        });
    }
    None
}

/// Splits a single-line inline value into (value, trailing comment with its leading space).
fn split_comment(inline: &str) -> (&str, &str) {
    let trimmed = inline.trim_start();
    let lead = inline.len() - trimmed.len();
    let value_end = match trimmed.chars().next() {
        Some(q @ ('"' | '\'')) => {
            // Find the closing quote; '' is an escaped quote in single-quoted YAML, \" in double.
            let bytes = trimmed.as_bytes();
            let mut i = 1;
            let mut end = None;
            while i < bytes.len() {
                let b = bytes[i];
                if q == '"' && b == b'\\' {
                    i += 2;
                    continue;
                }
                if b == q as u8 {
                    if q == '\'' && bytes.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    end = Some(i + 1);
                    break;
                }
                i += 1;
            }
            end.unwrap_or(trimmed.len())
        }
        _ => {
            let mut end = trimmed.len();
            let b = trimmed.as_bytes();
            for i in 0..b.len() {
                if b[i] == b'#' && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t') {
                    end = i;
                    break;
                }
            }
            trimmed[..end].trim_end().len()
        }
    };
    let value_end = lead + value_end;
    (&inline[lead..value_end], &inline[value_end..])
}

fn style_of(value_text: &str) -> Style {
    match value_text.chars().next() {
        Some('"') => Style::Double,
        Some('\'') => Style::Single,
        _ => Style::Plain,
    }
}

/// Would `s` read back as the same string if written plain after `key: `?
fn plain_is_safe(s: &str) -> bool {
    if s.is_empty() || s.trim() != s || s.contains(['\n', '\r']) {
        return false;
    }
    match serde_yaml::from_str::<serde_yaml::Value>(&format!("k: {s}")) {
        Ok(serde_yaml::Value::Mapping(m)) => {
            m.get("k") == Some(&serde_yaml::Value::String(s.to_string()))
        }
        _ => false,
    }
}

fn render_scalar(s: &str, style: Style) -> String {
    match style {
        Style::Plain if plain_is_safe(s) => s.to_string(),
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

/// A value as it follows `key:`, including the leading space (or newline for a block list).
fn render_yaml(value: &Value, style: Style, nl_indent: &str) -> String {
    match value {
        Value::String(s) => format!(" {}", render_scalar(s, style)),
        Value::Null => String::new(),
        Value::Bool(_) | Value::Number(_) => format!(" {value}"),
        Value::Array(items) => format!(" [{}]", flow_items(items, style)),
        Value::Object(_) => {
            // A map is written as a flow mapping; JSON is valid YAML flow syntax.
            let _ = nl_indent;
            format!(" {value}")
        }
    }
}

fn flow_items(items: &[Value], style: Style) -> String {
    items
        .iter()
        .map(|item| match item {
            Value::String(s) => {
                // Inside a flow list a plain scalar must also avoid `,[]{}`.
                if style == Style::Plain && !s.contains([',', '[', ']', '{', '}']) {
                    render_scalar(s, Style::Plain)
                } else {
                    render_scalar(
                        s,
                        if style == Style::Plain {
                            Style::Double
                        } else {
                            style
                        },
                    )
                }
            }
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn set_yaml(text: &str, parts: &super::split::Split, key: &str, value: &Value) -> String {
    let nl = parts.newline;
    let Some(entry) = find_yaml_entry(text, parts.front_matter.clone(), key) else {
        // Append the key as the last line of the front matter.
        let at = parts.front_matter.end;
        let line = format!(
            "{}:{}{nl}",
            yaml_key(key),
            render_yaml(value, Style::Plain, "")
        );
        return splice(text, at..at, &line);
    };
    let inline_text = &text[entry.inline.clone()];
    let (old_value, comment) = split_comment(inline_text);
    let has_continuation = !entry.continuation.is_empty();

    // A block list stays a block list, with the same indent and item quoting.
    if let (Value::Array(items), true, "") = (value, has_continuation, old_value) {
        let block = &text[entry.continuation.clone()];
        let first_item = block
            .lines()
            .map(str::trim_start)
            .find(|l| l.starts_with('-'));
        if let Some(first_item) = first_item {
            let item_style = style_of(first_item.trim_start_matches('-').trim_start());
            let dash_indent = &block[..block.len() - block.trim_start().len()];
            let rendered: Vec<String> = items
                .iter()
                .map(|item| match item {
                    Value::String(s) => format!("{dash_indent}- {}", render_scalar(s, item_style)),
                    other => format!("{dash_indent}- {other}"),
                })
                .collect();
            let replacement = rendered.join(nl);
            let start = entry.continuation.start;
            return if items.is_empty() {
                // An empty block list has no lines: write `[]` on the key line instead.
                let keyline = format!(" []{comment}");
                let removed = splice(text, start..entry.continuation.end, "");
                // Drop the newline left before the removed block by rewriting the key line only.
                let trimmed_end = start - nl.len();
                let mut out = splice(&removed, entry.inline.start..trimmed_end, &keyline);
                // `removed` kept the newline that ended the last item; remove the doubled break.
                let at = entry.inline.start + keyline.len();
                if out[at..].starts_with(nl) && out[at + nl.len()..].starts_with(nl) {
                    out.replace_range(at..at + nl.len(), "");
                }
                out
            } else {
                splice(text, start..entry.continuation.end, &replacement)
            };
        }
    }

    let style = if old_value.starts_with('[') {
        // Flow list: the items' quoting is the style to keep.
        style_of(old_value.trim_start_matches('[').trim_start())
    } else {
        style_of(old_value)
    };
    let rendered = render_yaml(value, style, &entry.indent);
    if has_continuation || old_value.starts_with(['|', '>']) {
        // A multi-line value is replaced whole by a single-line one.
        let end = entry.continuation.end.max(entry.inline.end);
        let keep_comment = if has_continuation { "" } else { comment };
        splice(
            text,
            entry.inline.start..end,
            &format!("{rendered}{keep_comment}"),
        )
    } else {
        splice(text, entry.inline.clone(), &format!("{rendered}{comment}"))
    }
}

// ---------------------------------------------------------------------------------------------
// TOML

fn set_toml(
    text: &str,
    parts: &super::split::Split,
    key: &str,
    value: &Value,
) -> Result<String, EditError> {
    let source = &text[parts.front_matter.clone()];
    let mut doc: toml_edit::DocumentMut = source.parse().map_err(|_| EditError::Unparsable {
        key: key.to_string(),
    })?;
    let old = doc.get(key).and_then(|i| i.as_value()).cloned();
    let mut new = to_toml(value, old.as_ref()).ok_or_else(|| EditError::Unsupported {
        what: format!("this value for `{key}` in TOML"),
    })?;
    if let Some(old) = &old {
        *new.decor_mut() = old.decor().clone();
    }
    match doc.get_mut(key) {
        Some(item) => *item = toml_edit::Item::Value(new),
        None => {
            doc.insert(key, toml_edit::Item::Value(new));
        }
    }
    let mut rendered = doc.to_string();
    if parts.newline == "\r\n" {
        rendered = rendered.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok(splice(text, parts.front_matter.clone(), &rendered))
}

fn to_toml(value: &Value, old: Option<&toml_edit::Value>) -> Option<toml_edit::Value> {
    Some(match value {
        Value::String(s) => {
            // A date stays a TOML datetime literal when the new text is one.
            if matches!(old, Some(toml_edit::Value::Datetime(_))) {
                if let Ok(dt) = s.parse::<toml_edit::Datetime>() {
                    return Some(toml_edit::Value::from(dt));
                }
            }
            toml_edit::Value::from(s.as_str())
        }
        Value::Bool(b) => toml_edit::Value::from(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml_edit::Value::from(i),
            None => toml_edit::Value::from(n.as_f64()?),
        },
        Value::Array(items) => {
            let mut array = toml_edit::Array::new();
            for item in items {
                array.push_formatted(to_toml(item, None)?);
            }
            array.fmt();
            toml_edit::Value::Array(array)
        }
        Value::Null | Value::Object(_) => return None,
    })
}

// ---------------------------------------------------------------------------------------------
// Body

/// Replaces the body with `new_body`, which the editor gives with `\n` line breaks. Only the
/// span that differs is rewritten, in the file's dominant line ending, so untouched lines keep
/// their bytes even in a mixed-ending file.
pub fn replace_body(text: &str, new_body: &str) -> String {
    let parts = split(text);
    let old = &text[parts.body.clone()];
    let (normalized, map) = normalize_newlines(old);
    if normalized == new_body {
        return text.to_string();
    }
    let a = normalized.as_bytes();
    let b = new_body.as_bytes();
    let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !normalized.is_char_boundary(prefix) || !new_body.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = a.len().min(b.len()) - prefix;
    let mut suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    while !normalized.is_char_boundary(a.len() - suffix)
        || !new_body.is_char_boundary(b.len() - suffix)
    {
        suffix -= 1;
    }
    let old_range = map[prefix]..map[a.len() - suffix];
    let inserted = &new_body[prefix..b.len() - suffix];
    let inserted = if parts.newline == "\r\n" {
        inserted.replace('\n', "\r\n")
    } else {
        inserted.to_string()
    };
    let start = parts.body.start;
    splice(
        text,
        start + old_range.start..start + old_range.end,
        &inserted,
    )
}

/// `\r\n` and lone `\r` become `\n`, as CodeMirror reads them. `map[i]` is the byte offset in
/// `text` of byte `i` of the result (and `map[len]` is `text.len()`).
fn normalize_newlines(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' {
            map.push(i);
            out.push('\n');
            i += if bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        } else {
            let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
            for k in 0..ch_len {
                map.push(i + k);
            }
            out.push_str(&text[i..i + ch_len]);
            i += ch_len;
        }
    }
    map.push(text.len());
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn set(text: &str, key: &str, value: Value) -> String {
        set_field(text, key, &value).unwrap()
    }

    /// The bytes that differ between two texts: (removed, inserted) after common prefix/suffix.
    fn diff<'a>(before: &'a str, after: &'a str) -> (&'a str, &'a str) {
        let p = before
            .bytes()
            .zip(after.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        let max = before.len().min(after.len()) - p;
        let s = before
            .bytes()
            .rev()
            .zip(after.bytes().rev())
            .take(max)
            .take_while(|(a, b)| a == b)
            .count();
        (&before[p..before.len() - s], &after[p..after.len() - s])
    }

    #[test]
    fn setting_the_same_value_is_byte_identical() {
        let text = "---\ntitle:   'Hello'  # keep\ntags: [a, b]\n---\nBody";
        assert_eq!(set(text, "title", json!("Hello")), text);
        assert_eq!(set(text, "tags", json!(["a", "b"])), text);
    }

    #[test]
    fn keeps_double_quotes_and_comment() {
        let text = "---\ntitle: \"Old\" # the headline\ndate: 2025-01-01\n---\n";
        assert_eq!(
            set(text, "title", json!("New \"one\"")),
            "---\ntitle: \"New \\\"one\\\"\" # the headline\ndate: 2025-01-01\n---\n"
        );
    }

    #[test]
    fn keeps_single_quotes() {
        let text = "---\ntitle: 'Old'\n---\n";
        assert_eq!(
            set(text, "title", json!("It's new")),
            "---\ntitle: 'It''s new'\n---\n"
        );
    }

    #[test]
    fn plain_stays_plain_until_it_needs_quotes() {
        let text = "---\ntitle: Old\n---\n";
        assert_eq!(
            set(text, "title", json!("New words")),
            "---\ntitle: New words\n---\n"
        );
        assert_eq!(
            set(text, "title", json!("Yes: no")),
            "---\ntitle: \"Yes: no\"\n---\n"
        );
        assert_eq!(
            set(text, "title", json!("true")),
            "---\ntitle: \"true\"\n---\n"
        );
        assert_eq!(
            set(text, "title", json!("a #b")),
            "---\ntitle: \"a #b\"\n---\n"
        );
    }

    #[test]
    fn date_literal_stays_plain() {
        let text = "---\npubDate: 2025-06-27\n---\n";
        assert_eq!(
            set(text, "pubDate", json!("2025-06-28")),
            "---\npubDate: 2025-06-28\n---\n"
        );
    }

    #[test]
    fn bool_is_written_plain() {
        let text = "---\ndraft: false\n---\n";
        assert_eq!(set(text, "draft", json!(true)), "---\ndraft: true\n---\n");
    }

    #[test]
    fn flow_list_stays_flow_with_its_quoting() {
        let text = "---\ntags: ['a b', 'c']\n---\n";
        assert_eq!(
            set(text, "tags", json!(["a b", "d"])),
            "---\ntags: ['a b', 'd']\n---\n"
        );
        let plain = "---\ntags: [a, b]  # sorted\n---\n";
        assert_eq!(
            set(plain, "tags", json!(["a", "c, d"])),
            "---\ntags: [a, \"c, d\"]  # sorted\n---\n"
        );
    }

    #[test]
    fn block_list_stays_block_with_its_indent() {
        let text = "---\ntags:\n  - one\n  - two\ntitle: T\n---\n";
        assert_eq!(
            set(text, "tags", json!(["one", "three", "four"])),
            "---\ntags:\n  - one\n  - three\n  - four\ntitle: T\n---\n"
        );
    }

    #[test]
    fn only_the_edited_line_changes_in_crlf_with_bom() {
        let text = "\u{feff}---\r\n# comment\r\ntitle: Old\r\nextra: kept\r\n---\r\nBody\r\n";
        let out = set(text, "title", json!("New"));
        assert_eq!(diff(text, &out), ("Old", "New"));
    }

    #[test]
    fn missing_key_is_appended_to_front_matter() {
        let text = "---\ntitle: T\n---\nBody\n";
        assert_eq!(
            set(text, "draft", json!(true)),
            "---\ntitle: T\ndraft: true\n---\nBody\n"
        );
    }

    #[test]
    fn post_without_front_matter_gets_one() {
        assert_eq!(
            set("Body\n", "title", json!("Hi")),
            "---\ntitle: Hi\n---\nBody\n"
        );
    }

    #[test]
    fn seed_title_edit_touches_only_the_title() {
        let seed = include_str!("../../posts/predictive-ai-in-healthcare.md");
        let out = set(seed, "title", json!("Predictive AI in Healthcare"));
        let (removed, inserted) = diff(seed, &out);
        assert!(removed.starts_with(": How Generative"), "{removed}");
        assert_eq!(inserted, "");
        assert!(out.starts_with("```markdown\n---\ntitle: \"Predictive AI in Healthcare\"\n"));
    }

    #[test]
    fn toml_keeps_formatting_and_datetime() {
        let text = "+++\ntitle = \"Old\" # c\ndate = 2025-09-14T09:30:00+02:00\n+++\nBody";
        let out = set(text, "title", json!("New"));
        assert_eq!(
            out,
            "+++\ntitle = \"New\" # c\ndate = 2025-09-14T09:30:00+02:00\n+++\nBody"
        );
        let out = set(text, "date", json!("2025-09-15T09:30:00+02:00"));
        assert_eq!(diff(text, &out), ("4", "5"));
    }

    #[test]
    fn unparsable_front_matter_is_refused() {
        let text = "---\ntitle: [oops\n---\n";
        assert!(matches!(
            set_field(text, "title", &json!("x")),
            Err(EditError::Unparsable { .. })
        ));
    }

    #[test]
    fn body_edit_changes_only_the_typed_word() {
        let text = "---\ntitle: T\n---\nOne two three.\n";
        let out = replace_body(text, "One two and a half three.\n");
        assert_eq!(diff(text, &out), ("", "and a half "));
    }

    #[test]
    fn body_edit_in_crlf_file_writes_crlf_and_keeps_other_lines() {
        let text = "---\r\ntitle: T\r\n---\r\nline one\r\nline two\nline three\r\n";
        let out = replace_body(text, "line one\nline 2\nadded\nline three\n");
        assert_eq!(
            out,
            "---\r\ntitle: T\r\n---\r\nline one\r\nline 2\r\nadded\nline three\r\n"
        );
    }

    #[test]
    fn unchanged_body_is_byte_identical() {
        let text = "---\r\na: 1\r\n---\r\nx\r\ny\n";
        assert_eq!(replace_body(text, "x\ny\n"), text);
    }

    #[test]
    fn body_edit_keeps_fence_wrapper() {
        let text = "```markdown\n---\na: 1\n---\nold\n```";
        assert_eq!(
            replace_body(text, "new\n"),
            "```markdown\n---\na: 1\n---\nnew\n```"
        );
    }
}
