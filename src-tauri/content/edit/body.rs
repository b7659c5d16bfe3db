//! Body edits: replace the body and rewrite only the span that differs.
//!
//! The editor hands back the body with `\n` line breaks (CodeMirror normalises them). The
//! common prefix and suffix with the old body are kept byte for byte, so a typed word is the
//! only change on disk, even in a CRLF or mixed-ending file; the new span is written in the
//! file's dominant line ending.

use super::yaml::splice;
use crate::content::split::split;

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
    let mut suffix = a.iter().rev().zip(b.iter().rev()).take(max_suffix).take_while(|(x, y)| x == y).count();
    while !normalized.is_char_boundary(a.len() - suffix) || !new_body.is_char_boundary(b.len() - suffix) {
        suffix -= 1;
    }
    let old_range = map[prefix]..map[a.len() - suffix];
    let inserted = &new_body[prefix..b.len() - suffix];
    let inserted =
        if parts.newline == "\r\n" { inserted.replace('\n', "\r\n") } else { inserted.to_string() };
    let start = parts.body.start;
    splice(text, start + old_range.start..start + old_range.end, &inserted)
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
            i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
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
