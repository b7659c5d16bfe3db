//! Syntax highlighting of fenced code, done in Rust so that the preview and the HTML export
//! show the same colours. syntect with its bundled grammars (pure-Rust regex engine, no C).
//! Unknown languages fall back to escaped plain text; nothing here can fail a render.

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

/// The highlighted `<pre>` for `code` in `lang`, or None when the language is unknown.
pub fn highlight(code: &str, lang: &str) -> Option<String> {
    if lang.is_empty() || code.len() > MAX_HIGHLIGHTED_BYTES {
        return None;
    }
    let (syntaxes, theme) = assets();
    let syntax = syntaxes.find_syntax_by_token(lang)?;
    highlighted_html_for_string(code, syntaxes, syntax, theme).ok()
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
