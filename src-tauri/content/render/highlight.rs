//! Syntax highlighting of fenced code, done in Rust so that the preview and the HTML export
//! show the same colours. syntect with its bundled grammars (pure-Rust regex engine, no C).
//! Unknown languages fall back to escaped plain text; nothing here can fail a render.
//!
//! syntect costs far more than the Markdown parse, and while the writer types, every code block
//! but the one under the cursor is unchanged. A small per-thread memo of (language, code) to
//! HTML makes re-renders pay only for the block that changed. It only remembers answers; the
//! output is the same with or without it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use syntect::highlighting::{Theme, ThemeSet};
use syntect::html::highlighted_html_for_string;
use syntect::parsing::SyntaxSet;

/// Code longer than this is shown plain: highlighting it would stall the keystroke path.
const MAX_HIGHLIGHTED_BYTES: usize = 64 * 1024;

fn assets() -> &'static (SyntaxSet, Theme) {
    static ASSETS: OnceLock<(SyntaxSet, Theme)> = OnceLock::new();
    ASSETS.get_or_init(|| {
        let syntaxes = SyntaxSet::load_defaults_newlines();
        let mut themes = ThemeSet::load_defaults();
        let theme = themes.themes.remove("InspiredGitHub").unwrap_or_default();
        (syntaxes, theme)
    })
}

/// Bytes of highlighted HTML kept per thread before the memo starts over: enough for every
/// code block of a very long post, so typing in it never re-highlights the others.
const MEMO_BYTES: usize = 16 * 1024 * 1024;

#[derive(Default)]
struct Memo {
    entries: HashMap<u64, Option<String>>,
    bytes: usize,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// The highlighted `<pre>` for `code` in `lang`, or None when the language is unknown.
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    if lang.is_empty() || code.len() > MAX_HIGHLIGHTED_BYTES {
        return None;
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (lang, code).hash(&mut hasher);
    let key = hasher.finish();
    if let Some(hit) = MEMO.with(|m| m.borrow().entries.get(&key).cloned()) {
        return hit;
    }
    let (syntaxes, theme) = assets();
    let html = syntaxes
        .find_syntax_by_token(lang)
        .and_then(|syntax| highlighted_html_for_string(code, syntaxes, syntax, theme).ok());
    MEMO.with(|m| {
        let mut memo = m.borrow_mut();
        let size = html.as_ref().map_or(0, String::len) + 64;
        if memo.bytes + size > MEMO_BYTES {
            *memo = Memo::default();
        }
        memo.bytes += size;
        memo.entries.insert(key, html.clone());
    });
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_is_coloured_and_escaped() {
        let html = highlight("fn main() { let s = \"<b>\"; }\n", "rust").unwrap();
        assert!(html.starts_with("<pre"), "{html}");
        assert!(html.contains("style=\"color:"), "{html}");
        assert!(html.contains("&lt;b&gt;") && !html.contains("<b>"), "{html}");
    }

    #[test]
    fn unknown_language_is_none() {
        assert_eq!(highlight("x", "no-such-language"), None);
        assert_eq!(highlight("x", ""), None);
    }
}
