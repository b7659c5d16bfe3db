//! The recovery journal against real files: an entry keeps the text its buffer was based on,
//! so a buffer restored after a crash merges 3-way with whatever was written to the post since,
//! or reports the overlap; it is never pasted over the file.

use std::path::Path;

use postdesk::content::merge::editor_body;
use postdesk::workspace::journal::{self, JournalEntry};
use postdesk::workspace::store::{self, BaseTexts, ExternalChange, FieldEdit, SaveRequest};
use postdesk::workspace::WorkspaceError;
use serde_json::json;

use crate::support::posts_copy;

const DESK: &str = "a-tidy-writing-desk.md";
const FIRST_LINE: &str = "People sometimes ask what I write on, expecting a list of gear.";
const LAMP: &str = "The lamp made the bigger difference.";

/// What the UI sends to `journal_write`: the buffer, without its base text.
fn buffer_entry(root: &str, buffer: SaveRequest) -> JournalEntry {
    JournalEntry { root: root.into(), buffer, saved_at_ms: 1.0, base_text: None }
}

fn replace_in_file(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A post opened as the app opens it (its text kept among the base texts), then edited in the
/// first paragraph and its title, then journaled as `journal_write` does; then the app dies,
/// taking its base texts with it. Returns the entry as the next run finds it, and the text the
/// buffer was based on.
fn crash_with_unsaved_edits(posts: &Path, data: &Path) -> (JournalEntry, String) {
    let root = posts.display().to_string();
    let bases = BaseTexts::default();
    let (doc, text) = store::open_with_text(posts, DESK).unwrap();
    let text = text.unwrap();
    bases.remember(&doc.base_hash, text.clone());
    let buffer = SaveRequest {
        path: DESK.into(),
        base_hash: doc.base_hash.clone(),
        fields: vec![FieldEdit { key: "title".into(), value: json!("A Tidy Desk, Recovered") }],
        body: Some(doc.body.replacen(FIRST_LINE, &format!("MINE {FIRST_LINE}"), 1)),
        ..SaveRequest::default()
    };
    journal::record(data, buffer_entry(&root, buffer), &bases).unwrap();
    drop(bases);
    let mut found = journal::entries(data, &root);
    assert_eq!(found.len(), 1);
    (found.remove(0), text)
}

#[test]
fn a_journal_entry_carries_the_text_its_buffer_is_based_on() {
    let (tmp, posts) = posts_copy();
    let data = tmp.path().join("data");
    let (entry, base) = crash_with_unsaved_edits(&posts, &data);
    assert_eq!(entry.base_text.as_deref(), Some(base.as_str()), "the entry holds the opened text");
    assert_eq!(store::content_hash(base.as_bytes()), entry.buffer.base_hash);

    // A later write for the same base, once the backend no longer knows the text (another run,
    // or the text was pushed out of the recent ones), keeps the text the entry already has.
    let mut later = entry.buffer.clone();
    later.body = Some(format!("{}\nMore.\n", later.body.unwrap()));
    journal::record(&data, buffer_entry(&entry.root, later), &BaseTexts::default()).unwrap();
    let found = journal::entries(&data, &entry.root);
    assert!(found[0].buffer.body.as_deref().unwrap().ends_with("More.\n"));
    assert_eq!(found[0].base_text.as_deref(), Some(base.as_str()));
}

#[test]
fn a_restored_buffer_merges_with_an_outside_edit_made_after_the_crash() {
    let (tmp, posts) = posts_copy();
    let data = tmp.path().join("data");
    let (entry, base) = crash_with_unsaved_edits(&posts, &data);
    let path = posts.join(DESK);
    replace_in_file(&path, LAMP, "The lamp (changed outside) made the bigger difference.");
    let outside = std::fs::read_to_string(&path).unwrap();

    // The next run: the buffer goes back onto the text it was based on, not onto the disk's.
    let bases = BaseTexts::default();
    let restored = journal::restore_base(&data, &entry.root, DESK, &bases).expect("the base is known");
    assert_eq!(restored.base_hash, entry.buffer.base_hash);
    assert_eq!(restored.body, editor_body(&base), "the restored buffer sits on the old body");
    // Saved as it is, it would overwrite the outside edit: the store refuses.
    let refused = store::save(&posts, &entry.buffer).unwrap_err();
    assert!(matches!(refused, WorkspaceError::Conflict { .. }), "{refused:?}");

    // Reconciled as any outside change is: merged 3-way against the journal's base.
    let ExternalChange::Merged { theirs, body } =
        store::external_change(&posts, &bases, &entry.buffer).unwrap()
    else {
        panic!("a non-overlapping outside edit merges");
    };
    assert_eq!(theirs.base_hash, store::content_hash(outside.as_bytes()));
    assert!(body.contains(&format!("MINE {FIRST_LINE}")), "the recovered edit is kept");
    assert!(body.contains("The lamp (changed outside) made"), "the outside edit is kept");
    let merged = SaveRequest { base_hash: theirs.base_hash, body: Some(body), ..entry.buffer.clone() };
    store::save(&posts, &merged).unwrap();
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains(&format!("MINE {FIRST_LINE}")));
    assert!(saved.contains("The lamp (changed outside) made"));
    assert!(saved.contains("title: \"A Tidy Desk, Recovered\""), "the recovered field edit is kept");
}

#[test]
fn a_restored_buffer_that_overlaps_an_outside_edit_is_reported_and_nothing_written() {
    let (tmp, posts) = posts_copy();
    let data = tmp.path().join("data");
    let (entry, _) = crash_with_unsaved_edits(&posts, &data);
    let path = posts.join(DESK);
    replace_in_file(&path, FIRST_LINE, "THEIRS: people sometimes ask what I write on.");
    let outside = std::fs::read(&path).unwrap();

    let bases = BaseTexts::default();
    journal::restore_base(&data, &entry.root, DESK, &bases).expect("the base is known");
    let ExternalChange::Overlap { fields, body, diff, .. } =
        store::external_change(&posts, &bases, &entry.buffer).unwrap()
    else {
        panic!("edits to the same line overlap");
    };
    assert!(body, "the body overlaps");
    assert!(fields.is_empty(), "the title was not changed outside: {fields:?}");
    assert!(diff.contains("-THEIRS: people sometimes ask"), "{diff}");
    assert!(diff.contains(&format!("+MINE {FIRST_LINE}")), "{diff}");
    assert_eq!(std::fs::read(&path).unwrap(), outside, "nothing is written");
}

#[test]
fn an_entry_without_its_base_text_restores_as_an_overlap() {
    let (tmp, posts) = posts_copy();
    let data = tmp.path().join("data");
    let (mut entry, _) = crash_with_unsaved_edits(&posts, &data);
    // As a version of the app that kept no base text wrote it.
    entry.base_text = None;
    journal::write(&data, &entry).unwrap();
    let path = posts.join(DESK);
    replace_in_file(&path, LAMP, "The lamp (changed outside) made the bigger difference.");
    let outside = std::fs::read(&path).unwrap();

    let bases = BaseTexts::default();
    assert!(journal::restore_base(&data, &entry.root, DESK, &bases).is_none());
    // Nothing can be shown to fit without the base, so even a distant edit counts as overlapping.
    let change = store::external_change(&posts, &bases, &entry.buffer).unwrap();
    assert!(matches!(change, ExternalChange::Overlap { body: true, .. }), "{change:?}");
    assert_eq!(std::fs::read(&path).unwrap(), outside, "nothing is written");
}

#[test]
fn a_base_text_that_does_not_match_its_hash_is_not_used() {
    let (tmp, posts) = posts_copy();
    let data = tmp.path().join("data");
    let (mut entry, _) = crash_with_unsaved_edits(&posts, &data);
    entry.base_text = Some("---\ntitle: Not the base\n---\nSomething else.\n".into());
    journal::write(&data, &entry).unwrap();
    let bases = BaseTexts::default();
    assert!(journal::restore_base(&data, &entry.root, DESK, &bases).is_none());
    assert!(bases.get(&entry.buffer.base_hash).is_none(), "a wrong base is never merged against");
}
