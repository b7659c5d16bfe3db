//! JSON front-matter edits (Hugo) by splicing a member's value span.
//!
//! serde_json gives values but not their byte spans, so a small scanner walks the object's
//! members. It runs only on text that serde_json has already parsed, so it can trust the
//! structure. New values are written compactly; a new member copies the indent of the last one.

use std::ops::Range;

use serde_json::Value;

use super::yaml::splice;
use super::EditError;
use crate::content::split::Split;

struct Member {
    key: String,
    /// From the key's opening quote.
    key_start: usize,
    value: Range<usize>,
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The end of the JSON value starting at `i` (already known to be valid JSON).
fn value_end(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'"') => string_end(bytes, i),
        Some(b'{' | b'[') => {
            let mut depth = 0i32;
            let mut j = i;
            while j < bytes.len() {
                match bytes[j] {
                    b'"' => {
                        j = string_end(bytes, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            bytes.len()
        }
        _ => {
            let mut j = i;
            while j < bytes.len()
                && !matches!(bytes[j], b',' | b'}' | b']')
                && !bytes[j].is_ascii_whitespace()
            {
                j += 1;
            }
            j
        }
    }
}

fn string_end(bytes: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            _ => j += 1,
        }
    }
    bytes.len()
}

/// Members of the object starting at `open` (the `{`), and the offset of its closing `}`.
fn members(text: &str, open: usize) -> (Vec<Member>, usize) {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = skip_ws(bytes, open + 1);
    while i < bytes.len() && bytes[i] == b'"' {
        let key_end = string_end(bytes, i);
        let key: String = serde_json::from_str(&text[i..key_end]).unwrap_or_default();
        let colon = skip_ws(bytes, key_end);
        let start = skip_ws(bytes, colon + 1);
        let end = value_end(bytes, start);
        out.push(Member { key, key_start: i, value: start..end });
        i = skip_ws(bytes, end);
        if bytes.get(i) == Some(&b',') {
            i = skip_ws(bytes, i + 1);
        }
    }
    (out, i.min(bytes.len()))
}

fn render(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// A new value written like the old one: a one-line array keeps its separator and padding.
fn render_like(old_text: &str, value: &Value) -> String {
    match value {
        Value::Array(items) if old_text.starts_with('[') && !old_text.contains('\n') => {
            let separator = if old_text.contains(", ") || !old_text.contains(',') { ", " } else { "," };
            let joined = items.iter().map(render).collect::<Vec<_>>().join(separator);
            if old_text.starts_with("[ ") && !joined.is_empty() {
                format!("[ {joined} ]")
            } else {
                format!("[{joined}]")
            }
        }
        _ => render(value),
    }
}

pub(super) fn apply(
    text: &str,
    split: &Split,
    path: &[&str],
    value: Option<&Value>,
) -> Result<String, EditError> {
    let mut open = split.front_matter.start;
    for (depth, key) in path.iter().enumerate() {
        let (found, close) = members(text, open);
        let last = depth + 1 == path.len();
        let member = found.iter().position(|m| m.key == *key);
        match (member, last, value) {
            (Some(i), true, Some(v)) => {
                let old_text = &text[found[i].value.clone()];
                return Ok(splice(text, found[i].value.clone(), &render_like(old_text, v)));
            }
            (Some(i), true, None) => {
                // Remove the member with the comma and blanks that separate it from a neighbour.
                let range = if i > 0 {
                    found[i - 1].value.end..found[i].value.end
                } else if let Some(next) = found.get(1) {
                    found[0].key_start..next.key_start
                } else {
                    found[0].key_start..found[0].value.end
                };
                return Ok(splice(text, range, ""));
            }
            (None, _, None) => return Ok(text.to_string()),
            (None, _, Some(v)) => {
                // Build the missing member (and any missing parents) and add it after the last one.
                let mut new_value = v.clone();
                for k in path[depth + 1..].iter().rev() {
                    new_value = Value::Object([(k.to_string(), new_value)].into_iter().collect());
                }
                let rendered = format!("{}: {}", render(&Value::String(key.to_string())), render(&new_value));
                return Ok(match found.last() {
                    Some(prev) => {
                        let line_start = text[..prev.key_start].rfind('\n').map_or(0, |n| n + 1);
                        let indent = &text[line_start..prev.key_start];
                        let sep = if indent.trim().is_empty() {
                            format!(",{}{indent}", split.newline)
                        } else {
                            ", ".into()
                        };
                        splice(text, prev.value.end..prev.value.end, &format!("{sep}{rendered}"))
                    }
                    None => splice(text, close..close, &rendered),
                });
            }
            (Some(i), false, _) => {
                open = found[i].value.start;
                if text.as_bytes().get(open) != Some(&b'{') {
                    return Err(EditError::Unsupported {
                        what: format!("`{}`, because it is not an object", path[..=depth].join(".")),
                    });
                }
            }
        }
    }
    Ok(text.to_string())
}

/// The byte range of a top-level member's key string, quotes included.
pub(super) fn key_span(text: &str, split: &Split, key: &str) -> Option<Range<usize>> {
    let (found, _) = members(text, split.front_matter.start);
    let member = found.iter().find(|m| m.key == key)?;
    Some(member.key_start..string_end(text.as_bytes(), member.key_start))
}
