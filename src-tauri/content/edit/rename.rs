//! Renaming a top-level front-matter key in place: `pubdate:` becomes `pubDate:` and not one
//! other byte moves. The value, its comment, its position and the key's quoting style stay.
//!
//! YAML and JSON splice the key's own span; TOML finds it with toml_edit's span-keeping parser
//! (toml_edit's mutable document cannot rename a key where it stands). The result is re-read:
//! it must hold exactly the old entries, in the old order, with only this key renamed.

use super::{checked, json, yaml, EditError};
use crate::content::frontmatter;
use crate::content::split::{split, FrontMatterKind};

/// Renames the top-level key `from` to `to`. Renaming to the same name is a no-op; a missing
/// `from` or an existing `to` is refused.
pub fn rename_key(text: &str, from: &str, to: &str) -> Result<String, EditError> {
    if from == to {
        return Ok(text.to_string());
    }
    let (parts, current) = checked(text, from)?;
    if !current.values.contains_key(from) {
        return Err(EditError::NotFound { key: from.into() });
    }
    if current.values.contains_key(to) || to.is_empty() || to.contains('.') {
        return Err(EditError::Unsupported {
            what: format!("the key `{from}` into `{to}`, which exists or is not a plain key"),
        });
    }
    let refused = || EditError::Unsupported { what: format!("the key `{from}` in this front matter safely") };
    let (span, written) = match parts.kind {
        FrontMatterKind::Yaml => (yaml::key_span(text, &parts, from), yaml::render_key(to)),
        FrontMatterKind::Json => {
            (json::key_span(text, &parts, from), serde_json::to_string(to).map_err(|_| refused())?)
        }
        FrontMatterKind::Toml => {
            let source = &text[parts.front_matter.clone()];
            let doc = toml_edit::Document::parse(source).map_err(|_| refused())?;
            let span = doc.as_table().key(from).and_then(|k| k.span());
            let bare =
                !to.is_empty() && to.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            let written =
                if bare { to.to_string() } else { serde_json::to_string(to).map_err(|_| refused())? };
            (span.map(|s| parts.front_matter.start + s.start..parts.front_matter.start + s.end), written)
        }
        FrontMatterKind::None => return Err(EditError::NotFound { key: from.into() }),
    };
    let span = span.ok_or_else(refused)?;
    let edited = format!("{}{written}{}", &text[..span.start], &text[span.end..]);

    // The same entries in the same order, one renamed; the body untouched.
    let after_parts = split(&edited);
    let after = frontmatter::read(&edited, &after_parts);
    let expected: Vec<(String, &serde_json::Value)> =
        current.values.iter().map(|(k, v)| (if k == from { to.to_string() } else { k.clone() }, v)).collect();
    let got: Vec<(String, &serde_json::Value)> = after.values.iter().map(|(k, v)| (k.clone(), v)).collect();
    let body_kept = edited[after_parts.body] == text[parts.body];
    if after.blocking_error().is_some() || got != expected || !body_kept {
        return Err(refused());
    }
    Ok(edited)
}

/// Removes a whole-file fence wrapper (```` ```markdown ```` ... ```` ``` ````), keeping every
/// byte between the fences. A post without one comes back unchanged.
pub fn unwrap_fence(text: &str) -> String {
    let parts = split(text);
    let Some(fence) = parts.fence else { return text.to_string() };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..fence.open.start]);
    out.push_str(&text[fence.open.end..fence.close.start]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, from, to, expected output or `error: KIND`)
    #[test]
    fn rename_cases() {
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "---\npubdate: 2025-01-01 # when\ntitle: T\n---\nB\n",
                "pubdate",
                "pubDate",
                "---\npubDate: 2025-01-01 # when\ntitle: T\n---\nB\n",
            ),
            ("---\ntittle:   'Hi'\n---\n", "tittle", "title", "---\ntitle:   'Hi'\n---\n"),
            ("---\n\"tittle\": x\n---\n", "tittle", "title", "---\ntitle: x\n---\n"),
            (
                "---\ntags:\n  - a\n  - b\ntitel: T\n---\n",
                "titel",
                "title",
                "---\ntags:\n  - a\n  - b\ntitle: T\n---\n",
            ),
            ("---\nimg:\n  url: x\n---\n", "img", "image", "---\nimage:\n  url: x\n---\n"),
            (
                "\u{feff}---\r\ndraf: true\r\n---\r\nB\r\n",
                "draf",
                "draft",
                "\u{feff}---\r\ndraft: true\r\n---\r\nB\r\n",
            ),
            (
                "```markdown\n---\ntittle: x\n---\nB\n```\n",
                "tittle",
                "title",
                "```markdown\n---\ntitle: x\n---\nB\n```\n",
            ),
            (
                "+++\ntittle = \"x\" # c\ndate = 2025-01-01\n+++\n",
                "tittle",
                "title",
                "+++\ntitle = \"x\" # c\ndate = 2025-01-01\n+++\n",
            ),
            ("+++\n\"tittle\" = \"x\"\n+++\n", "tittle", "title", "+++\ntitle = \"x\"\n+++\n"),
            (
                "{\n  \"tittle\": \"x\",\n  \"a\": 1\n}\nB",
                "tittle",
                "title",
                "{\n  \"title\": \"x\",\n  \"a\": 1\n}\nB",
            ),
            ("---\ntitle: a\ntittle: b\n---\n", "tittle", "title", "error: unsupported"),
            ("---\ntitle: a\n---\n", "tittle", "title", "error: not-found"),
            ("---\ntitle: [a\n---\n", "title", "x", "error: unparsable"),
            ("---\ntitle: a\n---\n", "title", "title", "---\ntitle: a\n---\n"),
        ];
        for (input, from, to, want) in cases {
            let got = match rename_key(input, from, to) {
                Ok(t) => t,
                Err(EditError::NotFound { .. }) => "error: not-found".into(),
                Err(EditError::Unsupported { .. }) => "error: unsupported".into(),
                Err(EditError::Unparsable { .. }) => "error: unparsable".into(),
                Err(e) => format!("error: {e}"),
            };
            assert_eq!(&got, want, "rename {from} -> {to} in {input:?}");
            if !want.starts_with("error") {
                // Idempotent: the old key is gone, so a second rename is refused, not repeated.
                assert!(from == to || rename_key(&got, from, to).is_err());
            }
        }
    }

    #[test]
    fn unwrap_keeps_everything_inside() {
        let seed = include_str!("../../../posts/predictive-ai-in-healthcare.md");
        let out = unwrap_fence(seed);
        assert!(out.starts_with("---\ntitle: "));
        assert!(out.ends_with("personalized cancer care.\n"), "{:?}", &out[out.len() - 40..]);
        assert_eq!(seed.len() - out.len(), "```markdown\n```".len());
        assert_eq!(unwrap_fence(&out), out);
        assert_eq!(unwrap_fence("```rust\nfn x() {}\n```\n"), "```rust\nfn x() {}\n```\n");
    }
}
