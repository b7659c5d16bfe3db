//! Merging an external change into a buffer with unsaved edits (never overwrite a change made
//! outside the app: what fits is merged, what overlaps is shown as a conflict).
//!
//! The buffer is "the text it was opened from, plus the writer's field edits, plus their body".
//! So the merge works at those two levels rather than on raw lines:
//! - front matter per field: a field the writer changed merges unless the other side changed
//!   the same field to something else;
//! - the body line by line, as a 3-way merge (diffy) of the opened body, the writer's body and
//!   the body now on disk.
//!
//! The result is the writer's edits re-applied on top of the disk's text through the lossless
//! edit API, so everything the other side changed elsewhere survives byte for byte.

use serde_json::Value;

use super::edit::{self, EditError};
use super::frontmatter;
use super::split::split;

/// The writer's unsaved changes, relative to the text the buffer was opened from. They apply
/// in this order: the raw front-matter text, then field edits, then removals, then the body.
#[derive(Debug, Clone, Copy, Default)]
pub struct Changes<'a> {
    pub fields: &'a [(String, Value)],
    /// Keys (dotted paths) the writer removed.
    pub remove: &'a [String],
    /// The raw editor's front-matter text, when the writer edited it.
    pub front_matter: Option<&'a str>,
    /// With `\n` line breaks, as the editor holds it; None when the body was not touched.
    pub body: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Merge {
    /// Both sides' changes fit together: the body to put in the editor, on top of the disk text.
    Clean { body: String },
    /// Both sides changed the same thing: which fields, and whether the body overlaps.
    Overlap { fields: Vec<String>, body: bool },
}

/// How an overlap in the raw front-matter text is named when no key changed (comments only).
pub const FRONT_MATTER: &str = "front matter";

/// Body of `text` with `\n` line breaks, as the editor shows it.
pub fn editor_body(text: &str) -> String {
    let parts = split(text);
    text[parts.body].replace("\r\n", "\n").replace('\r', "\n")
}

/// Merges the writer's `changes` (made on `base`) with `theirs`, the text now on disk.
pub fn merge(base: &str, theirs: &str, changes: Changes<'_>) -> Merge {
    let base_fm = frontmatter::read(base, &split(base));
    let their_fm = frontmatter::read(theirs, &split(theirs));
    let mut fields: Vec<String> = changes
        .fields
        .iter()
        .filter(|(key, mine)| {
            let before = base_fm.get(key);
            let now = their_fm.get(key);
            before != now && now != Some(mine)
        })
        .map(|(key, _)| key.clone())
        .collect();
    // A removal is a change to its key: it overlaps when the other side changed the key and
    // kept it, and fits when they left it alone or removed it too.
    for key in changes.remove {
        let now = their_fm.get(key);
        if base_fm.get(key) != now && now.is_some() && !fields.contains(key) {
            fields.push(key.clone());
        }
    }
    // The raw text replaces the whole front matter, so any change the other side made there
    // overlaps with it: their changed keys are named, or the source itself if only its
    // comments or layout changed.
    if changes.front_matter.is_some() {
        let span = |text: &str| {
            let parts = split(text);
            editor_body(&text[parts.front_matter])
        };
        if span(base) != span(theirs) {
            let before = fields.len();
            for key in base_fm.values.keys().chain(their_fm.values.keys()) {
                if base_fm.values.get(key) != their_fm.values.get(key) && !fields.contains(key) {
                    fields.push(key.clone());
                }
            }
            if fields.len() == before {
                fields.push(FRONT_MATTER.to_string());
            }
        }
    }

    let their_body = editor_body(theirs);
    let (body, body_overlaps) = match changes.body {
        None => (their_body, false),
        Some(mine) => {
            let base_body = editor_body(base);
            if their_body == base_body {
                (mine.to_string(), false)
            } else if mine == base_body {
                (their_body, false)
            } else {
                match diffy::merge(&base_body, mine, &their_body) {
                    Ok(merged) => (merged, false),
                    Err(_) => (mine.to_string(), true),
                }
            }
        }
    };
    if fields.is_empty() && !body_overlaps {
        Merge::Clean { body }
    } else {
        Merge::Overlap { fields, body: body_overlaps }
    }
}

/// The writer's version as a whole file: their changes applied to `base`.
pub fn apply_changes(base: &str, changes: Changes<'_>) -> Result<String, EditError> {
    let mut text = match changes.front_matter {
        Some(source) => edit::replace_front_matter(base, source)?,
        None => base.to_string(),
    };
    for (key, value) in changes.fields {
        text = edit::set_field(&text, key, value)?;
    }
    for key in changes.remove {
        text = edit::remove_field(&text, key)?;
    }
    if let Some(body) = changes.body {
        text = edit::replace_body(&text, body);
    }
    Ok(text)
}

/// A unified diff from the disk's version to the writer's, for the compare view.
pub fn compare(theirs: &str, mine: &str) -> String {
    diffy::create_patch(theirs, mine).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "---\ntitle: Old\ntags: [a]\n---\nOne.\n\nTwo.\n\nThree.\n";

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, Value)> {
        pairs.iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string()))).collect()
    }

    #[test]
    fn body_edits_in_different_places_merge() {
        let theirs = "---\ntitle: Old\ntags: [a]\n---\nOne, edited outside.\n\nTwo.\n\nThree.\n";
        let mine = "One.\n\nTwo.\n\nThree, edited here.\n";
        let got = merge(BASE, theirs, Changes { fields: &[], body: Some(mine), ..Changes::default() });
        assert_eq!(
            got,
            Merge::Clean { body: "One, edited outside.\n\nTwo.\n\nThree, edited here.\n".into() }
        );
    }

    #[test]
    fn the_same_paragraph_changed_both_ways_overlaps() {
        let theirs = "---\ntitle: Old\ntags: [a]\n---\nOne.\n\nTwo, theirs.\n\nThree.\n";
        let mine = "One.\n\nTwo, mine.\n\nThree.\n";
        let got = merge(BASE, theirs, Changes { fields: &[], body: Some(mine), ..Changes::default() });
        assert_eq!(got, Merge::Overlap { fields: vec![], body: true });
    }

    #[test]
    fn a_field_changed_on_both_sides_overlaps_unless_equal() {
        let theirs = "---\ntitle: Theirs\ntags: [a]\n---\nOne.\n\nTwo.\n\nThree.\n";
        let mine = fields(&[("title", "Mine")]);
        let got = merge(BASE, theirs, Changes { fields: &mine, body: None, ..Changes::default() });
        assert_eq!(got, Merge::Overlap { fields: vec!["title".into()], body: false });
        let same = fields(&[("title", "Theirs")]);
        assert!(matches!(
            merge(BASE, theirs, Changes { fields: &same, body: None, ..Changes::default() }),
            Merge::Clean { .. }
        ));
    }

    #[test]
    fn my_field_and_their_body_merge_losslessly() {
        let theirs = "---\ntitle: Old # kept comment\ntags: [a]\n---\nOne.\n\nTwo.\n\nThree.\n\nFour.\n";
        let mine = fields(&[("tags", "b")]);
        let Merge::Clean { body } =
            merge(BASE, theirs, Changes { fields: &mine, body: None, ..Changes::default() })
        else {
            panic!("expected a clean merge")
        };
        assert_eq!(body, "One.\n\nTwo.\n\nThree.\n\nFour.\n");
        let text = apply_changes(theirs, Changes { fields: &mine, body: Some(&body), ..Changes::default() })
            .unwrap();
        assert_eq!(text, "---\ntitle: Old # kept comment\ntags: b\n---\nOne.\n\nTwo.\n\nThree.\n\nFour.\n");
    }

    #[test]
    fn crlf_files_merge_on_lf_bodies() {
        let base = "---\r\ntitle: T\r\n---\r\nA\r\n\r\nB\r\n\r\nC\r\n";
        let theirs = "---\r\ntitle: T\r\n---\r\nA2\r\n\r\nB\r\n\r\nC\r\n";
        let got =
            merge(base, theirs, Changes { fields: &[], body: Some("A\n\nB\n\nC2\n"), ..Changes::default() });
        assert_eq!(got, Merge::Clean { body: "A2\n\nB\n\nC2\n".into() });
    }

    fn keys(names: &[&str]) -> Vec<String> {
        names.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn a_removed_key_merges_with_their_other_changes() {
        let theirs = "---\ntitle: Theirs\ntags: [a]\n---\nOne.\n\nTwo.\n\nThree.\n";
        let remove = keys(&["tags"]);
        let changes = Changes { remove: &remove, ..Changes::default() };
        let Merge::Clean { body } = merge(BASE, theirs, changes) else { panic!("expected a clean merge") };
        let text = apply_changes(theirs, Changes { body: Some(&body), ..changes }).unwrap();
        assert_eq!(text, "---\ntitle: Theirs\n---\nOne.\n\nTwo.\n\nThree.\n");
    }

    #[test]
    fn a_removed_key_they_changed_overlaps_and_one_they_removed_too_fits() {
        let remove = keys(&["tags"]);
        let changes = Changes { remove: &remove, ..Changes::default() };
        let changed = "---\ntitle: Old\ntags: [a, b]\n---\nOne.\n\nTwo.\n\nThree.\n";
        assert_eq!(merge(BASE, changed, changes), Merge::Overlap { fields: keys(&["tags"]), body: false });
        let removed = "---\ntitle: Old\n---\nOne.\n\nTwo.\n\nThree.\n";
        let Merge::Clean { body } = merge(BASE, removed, changes) else { panic!("expected a clean merge") };
        assert_eq!(apply_changes(removed, Changes { body: Some(&body), ..changes }).unwrap(), removed);
    }

    #[test]
    fn removals_set_fields_and_raw_text_apply_in_order() {
        let source = "title: Raw\ntags: [a]\ndraft: true\n";
        let fields = fields(&[("title", "Form")]);
        let remove = keys(&["draft"]);
        let changes = Changes { fields: &fields, remove: &remove, front_matter: Some(source), body: None };
        let text = apply_changes(BASE, changes).unwrap();
        assert_eq!(text, "---\ntitle: Form\ntags: [a]\n---\nOne.\n\nTwo.\n\nThree.\n");
    }

    #[test]
    fn raw_text_merges_with_a_body_change_and_overlaps_with_a_front_matter_change() {
        let source = "title: Raw\ntags: [a]\n";
        let changes = Changes { front_matter: Some(source), ..Changes::default() };
        let body_only = "---\ntitle: Old\ntags: [a]\n---\nOne.\n\nTwo, theirs.\n\nThree.\n";
        let Merge::Clean { body } = merge(BASE, body_only, changes) else { panic!("expected a clean merge") };
        assert_eq!(
            apply_changes(body_only, Changes { body: Some(&body), ..changes }).unwrap(),
            "---\ntitle: Raw\ntags: [a]\n---\nOne.\n\nTwo, theirs.\n\nThree.\n"
        );
        let field = "---\ntitle: Old\ntags: [a, z]\n---\nOne.\n\nTwo.\n\nThree.\n";
        assert_eq!(merge(BASE, field, changes), Merge::Overlap { fields: keys(&["tags"]), body: false });
        let comment = "---\ntitle: Old # theirs\ntags: [a]\n---\nOne.\n\nTwo.\n\nThree.\n";
        assert_eq!(
            merge(BASE, comment, changes),
            Merge::Overlap { fields: keys(&[FRONT_MATTER]), body: false }
        );
    }

    #[test]
    fn invalid_raw_text_is_refused_and_nothing_is_applied() {
        let changes = Changes { front_matter: Some("title: [\n"), ..Changes::default() };
        assert!(matches!(apply_changes(BASE, changes), Err(EditError::InvalidSource { .. })));
    }

    #[test]
    fn compare_shows_both_sides() {
        let diff = compare("a\nb\n", "a\nc\n");
        assert!(diff.contains("-b\n") && diff.contains("+c\n"), "{diff}");
    }
}
