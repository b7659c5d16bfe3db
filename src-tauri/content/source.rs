//! The raw front-matter editor's text, checked as the writer types: does it parse as the post's
//! kind, where is the first problem (line and column in that text), and what values would it
//! give the form. Pure and never panics; saving the text is `edit::replace_front_matter`.

use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use super::frontmatter::{self, Diagnostic, Severity};
use super::split::FrontMatterKind;

/// What the raw front-matter text reads as.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "SourceCheck.ts")]
pub struct SourceCheck {
    /// False when an error means the text cannot be saved (and the form cannot be trusted).
    pub valid: bool,
    /// Errors and warnings, located in the checked text (line 1 is its first line).
    pub diagnostics: Vec<Diagnostic>,
    /// The values the text holds, in order; empty when it does not parse.
    #[ts(type = "Record<string, unknown>")]
    pub values: Map<String, Value>,
}

/// A line of `source` that would end the block early once written between its delimiters
/// (the splitter closes YAML at the first `---`), or a JSON block the splitter would not find.
pub fn delimiter_problem(kind: FrontMatterKind, source: &str) -> Option<(u32, &'static str)> {
    let lines: Vec<&str> = source.lines().collect();
    let closes = |line: &str, delim: &str| line.trim_end() == delim;
    for (i, line) in lines.iter().enumerate() {
        let at = i as u32 + 1;
        match kind {
            FrontMatterKind::Yaml if closes(line, "---") || closes(line, "...") => {
                return Some((at, "a `---` or `...` line would end the front matter here; remove it"));
            }
            FrontMatterKind::Toml if closes(line, "+++") => {
                return Some((at, "a `+++` line would end the front matter here; remove it"));
            }
            FrontMatterKind::Json if closes(line, "}") && i + 1 != lines.len() => {
                return Some((
                    at,
                    "a line that is only `}` ends Hugo's JSON front matter; only the last line may be",
                ));
            }
            _ => {}
        }
    }
    if kind == FrontMatterKind::Json {
        if lines.first().is_none_or(|l| !l.starts_with('{')) {
            return Some((1, "Hugo's JSON front matter starts with `{` on its first line"));
        }
        if lines.last().is_none_or(|l| l.trim_end() != "}") {
            return Some((
                lines.len().max(1) as u32,
                "Hugo's JSON front matter ends with a line that is only `}`",
            ));
        }
    }
    None
}

/// Checks `source` as front matter of `kind` (a post without front matter gets YAML).
pub fn check_source(kind: FrontMatterKind, source: &str) -> SourceCheck {
    let kind = if kind == FrontMatterKind::None { FrontMatterKind::Yaml } else { kind };
    if let Some((line, message)) = delimiter_problem(kind, source) {
        let diagnostic = Diagnostic { severity: Severity::Error, message: message.into(), line, column: 1 };
        return SourceCheck { valid: false, diagnostics: vec![diagnostic], values: Map::new() };
    }
    let fm = frontmatter::read_source(kind, source);
    let valid = !fm.diagnostics.iter().any(|d| d.severity == Severity::Error);
    SourceCheck { valid, diagnostics: fm.diagnostics, values: fm.values }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_yaml_gives_its_values_in_order() {
        let got = check_source(FrontMatterKind::Yaml, "title: T\ntags: [a, b]\ndraft: true\n");
        assert!(got.valid);
        assert!(got.diagnostics.is_empty());
        let keys: Vec<&str> = got.values.keys().map(String::as_str).collect();
        assert_eq!(keys, ["title", "tags", "draft"]);
    }

    #[test]
    fn errors_are_located_in_the_checked_text() {
        let got = check_source(FrontMatterKind::Yaml, "title: ok\ntags: [a, b\ndraft: true\n");
        assert!(!got.valid);
        let d = &got.diagnostics[0];
        assert_eq!(d.severity, Severity::Error);
        assert!((2..=4).contains(&d.line), "line {} should be in the three-line text", d.line);
        assert!(d.column >= 1);
        assert!(got.values.is_empty());

        let got = check_source(FrontMatterKind::Yaml, "title: a\n  bad: indent\n");
        assert!(!got.valid);
        assert_eq!(got.diagnostics[0].line, 2, "{:?}", got.diagnostics);
    }

    #[test]
    fn duplicate_keys_are_errors_at_the_second_key() {
        let got = check_source(FrontMatterKind::Yaml, "title: a\ndraft: false\ntitle: b\n");
        assert!(!got.valid);
        assert_eq!((got.diagnostics[0].line, got.diagnostics[0].column), (3, 1));
    }

    #[test]
    fn each_kind_is_parsed_as_itself() {
        assert!(
            check_source(FrontMatterKind::Toml, "title = \"T\"\ndate = 2025-09-14T09:30:00+02:00\n").valid
        );
        let bad = check_source(FrontMatterKind::Toml, "title = \"T\"\ndate = = 1\n");
        assert!(!bad.valid);
        assert_eq!(bad.diagnostics[0].line, 2);
        assert!(check_source(FrontMatterKind::Json, "{\n\"title\": \"T\"\n}").valid);
        let bad = check_source(FrontMatterKind::Json, "{\n\"title\": \"T\",\n}");
        assert!(!bad.valid);
        assert_eq!(bad.diagnostics[0].line, 3);
        // A post without front matter gets YAML.
        assert!(check_source(FrontMatterKind::None, "title: T\n").valid);
        assert!(!check_source(FrontMatterKind::None, "title: [\n").valid);
    }

    #[test]
    fn a_delimiter_line_is_an_error_at_its_line() {
        let got = check_source(FrontMatterKind::Yaml, "title: T\n---\nmore: x\n");
        assert!(!got.valid);
        assert_eq!((got.diagnostics[0].line, got.diagnostics[0].column), (2, 1));
        let got = check_source(FrontMatterKind::Json, "{\n\"a\": 1\n}\n{\n}");
        assert!(!got.valid);
        assert_eq!(got.diagnostics[0].line, 3);
    }

    #[test]
    fn blank_and_comment_only_text_is_an_empty_mapping() {
        for text in ["", "\n", "# only a comment\n"] {
            let got = check_source(FrontMatterKind::Yaml, text);
            assert!(got.valid && got.values.is_empty(), "{text:?}");
        }
    }
}
