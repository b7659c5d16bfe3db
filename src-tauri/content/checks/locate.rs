//! Where a front-matter key sits in the file, for pointing a problem at it.
//!
//! This only locates; it never edits (edits find their own spans, exactly, in `edit`). A key is
//! found by its line: `key:` (YAML), `key =` (TOML) or `"key":` (JSON), with a dotted path
//! searched level by level below its parent. When a key cannot be found the problem points at
//! the front matter's first line, which is still the right place to look.

use std::ops::Range;

use crate::content::split::{lines_from, Split};

/// 1-based line and column (in characters) of byte `offset`.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() as u32 + 1)
}

/// Does `line` (indent removed) start the entry for `key`?
fn starts_entry(line: &str, key: &str) -> bool {
    let rest = [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
        .iter()
        .find_map(|k| line.strip_prefix(k.as_str()).map(str::to_string));
    rest.is_some_and(|r| {
        let r = r.trim_start_matches([' ', '\t']);
        r.starts_with(':') || r.starts_with('=')
    })
}

/// The front matter's opening line (or the first line, without front matter).
pub fn opening_line(text: &str, split: &Split) -> Range<usize> {
    let start = split.front_matter_block.start;
    let end = text[start..].find(['\r', '\n']).map_or(text.len(), |i| start + i);
    start..end
}

/// The range of the line (without its line ending) holding the key at dotted `path`.
pub fn key_range(text: &str, split: &Split, path: &str) -> Range<usize> {
    let fallback = || opening_line(text, split);
    let mut from = split.front_matter.start;
    let mut min_indent = 0usize;
    let mut found = None;
    for (depth, key) in path.split('.').enumerate() {
        let hit = lines_from(&text[..split.front_matter.end], from).find(|l| {
            let t = &text[l.content.clone()];
            let body = t.trim_start();
            let indent = t.len() - body.len();
            (depth == 0 || indent >= min_indent) && starts_entry(body.trim_start_matches('{'), key)
        });
        let Some(line) = hit else { return fallback() };
        let t = &text[line.content.clone()];
        min_indent = t.len() - t.trim_start().len() + 1;
        from = line.full.end;
        found = Some(line.content);
    }
    found.unwrap_or_else(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::split::split;

    #[test]
    fn finds_keys_in_each_format() {
        let cases = [
            ("---\ntitle: T\npubDate: 2025-01-01\n---\n", "pubDate", "pubDate: 2025-01-01"),
            ("---\nimage:\n  url: /x.png\n  alt: A\n---\n", "image.alt", "  alt: A"),
            ("+++\ntitle = \"T\"\n+++\n", "title", "title = \"T\""),
            ("{\n  \"title\": \"T\"\n}\n", "title", "  \"title\": \"T\""),
            ("---\ntitle: T\n---\n", "missing", "---"),
        ];
        for (text, path, want) in cases {
            let r = key_range(text, &split(text), path);
            assert_eq!(&text[r], want, "{path} in {text:?}");
        }
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(line_column("ab\ncé d", 7), (2, 4));
        assert_eq!(line_column("x", 99), (1, 2));
    }
}
