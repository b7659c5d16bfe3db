//! Saving the raw front-matter editor's text: the front-matter span is replaced and nothing
//! else. The delimiter lines, a BOM, a fence wrapper and the body keep every byte; the new text
//! is written in the file's dominant line ending (a textarea hands it back with `\n`), and a
//! text that differs only in line endings or a missing final newline changes nothing. Text
//! that does not parse, or that would end the block early, is refused with its line and
//! column. Pure; never panics.

use super::EditError;
use crate::content::split::{split, FrontMatterKind};
use crate::content::{frontmatter, source};

/// `\r\n` and lone `\r` as `\n`, and a final newline where the block's closing delimiter needs
/// one (YAML and TOML; a JSON block ends at its `}`).
fn normalized(kind: FrontMatterKind, source: &str) -> String {
    let mut s = source.replace("\r\n", "\n").replace('\r', "\n");
    match kind {
        FrontMatterKind::Json => {
            while s.ends_with('\n') {
                s.pop();
            }
        }
        _ if !s.is_empty() && !s.ends_with('\n') => s.push('\n'),
        _ => {}
    }
    s
}

/// Replaces the post's front matter with `source` (the raw editor's text, any line endings).
/// A post without front matter gets a new YAML block at its top.
pub fn replace_front_matter(text: &str, source: &str) -> Result<String, EditError> {
    let parts = split(text);
    let kind = if parts.kind == FrontMatterKind::None { FrontMatterKind::Yaml } else { parts.kind };
    let new = normalized(kind, source);
    let old = &text[parts.front_matter.clone()];
    if new == normalized(kind, old) {
        return Ok(text.to_string());
    }
    if let Some((line, message)) = source::delimiter_problem(kind, &new) {
        return Err(EditError::InvalidSource { line, column: 1, message: message.into() });
    }
    if let Some(d) = frontmatter::read_source(kind, &new).blocking_error() {
        return Err(EditError::InvalidSource { line: d.line, column: d.column, message: d.message.clone() });
    }
    let written = if parts.newline == "\n" { new } else { new.replace('\n', parts.newline) };
    let edited = if parts.kind == FrontMatterKind::None {
        if written.trim().is_empty() {
            return Ok(text.to_string());
        }
        let at = parts.front_matter_block.start;
        let nl = parts.newline;
        format!("{}---{nl}{written}---{nl}{}", &text[..at], &text[at..])
    } else {
        let range = parts.front_matter.clone();
        format!("{}{written}{}", &text[..range.start], &text[range.end..])
    };
    // Read back: the same kind of block holding exactly the new text, the body byte for byte.
    let after = split(&edited);
    let kept = after.kind == kind
        && edited[after.front_matter.clone()] == written
        && edited[after.body.clone()] == text[parts.body.clone()]
        && frontmatter::read(&edited, &after).blocking_error().is_none();
    if !kept {
        return Err(EditError::Unsupported {
            what: "the front matter with this text (it would not read back as written)".into(),
        });
    }
    Ok(edited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_no_op_is_byte_identical_whatever_the_textarea_did_to_line_endings() {
        let text = "\u{feff}---\r\ntitle: T\r\ntags: [a]\r\n---\r\nBody\r\n";
        assert_eq!(replace_front_matter(text, "title: T\ntags: [a]\n").unwrap(), text);
        assert_eq!(replace_front_matter(text, "title: T\ntags: [a]").unwrap(), text);
        let json = "{\n\"title\": \"T\"\n}\nBody\n";
        assert_eq!(replace_front_matter(json, "{\n\"title\": \"T\"\n}\n").unwrap(), json);
    }

    #[test]
    fn invalid_text_is_refused_with_its_line_and_column() {
        let text = "---\ntitle: T\n---\nBody\n";
        let err = replace_front_matter(text, "title: T\ntags: [a\n").unwrap_err();
        let EditError::InvalidSource { line, column, .. } = err else { panic!("{err:?}") };
        assert!(line >= 2 && column >= 1, "{line}:{column}");
        let err = replace_front_matter(text, "title: T\n---\nbody: x\n").unwrap_err();
        assert!(matches!(err, EditError::InvalidSource { line: 2, column: 1, .. }), "{err:?}");
        let err = replace_front_matter("+++\ntitle = \"T\"\n+++\n", "title = \"T\"\n+++\n").unwrap_err();
        assert!(matches!(err, EditError::InvalidSource { line: 2, .. }), "{err:?}");
        let err = replace_front_matter("{\n\"title\": \"T\"\n}\n", "{\"title\": \"U\"}").unwrap_err();
        assert!(matches!(err, EditError::InvalidSource { .. }), "{err:?}");
        assert!(err.to_string().contains("line 1"), "{err}");
    }
}
