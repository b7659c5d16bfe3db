//! The app's save of the open post, done once: one write, one parse of the new text, and one
//! check pass, whose results serve everything that needs them (the document the editor takes
//! back, the library's row and problem count, the folder facts, and the problems panel). The
//! watcher's report of the same bytes then costs a read and a hash (`LiveLibrary::on_paths`).
//! Before this, one save parsed the post about five times and checked it three times.

use serde::Serialize;
use ts_rs::TS;

use crate::content::post::{Parsed, PostDocument};

use super::error::WorkspaceError;
use super::library::LiveLibrary;
use super::own_writes::OwnWrites;
use super::post_checks::{self, FixOutcome, PostProblems, ProblemRef};
use super::store::{self, BaseTexts, SaveRequest};

/// What a save answers: the post as now on disk, and its problems when the checks have read
/// the folder (None while the first check pass is still running; the UI then asks for them).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "SavedPost.ts")]
pub struct SavedPost {
    pub document: PostDocument,
    pub problems: Option<PostProblems>,
}

/// Saves `request` in the open folder of `library`, and remembers the new text as the base of
/// the buffer's next save and merge.
pub fn save(
    library: &LiveLibrary,
    bases: &BaseTexts,
    request: &SaveRequest,
) -> Result<SavedPost, WorkspaceError> {
    let saved = store::save_text(library.root(), request)?;
    let parsed = Parsed::new(&saved.text);
    let document = parsed.document(&saved.rel, saved.hash.clone());
    let problems = if saved.written {
        library.record_own_save(&saved.rel, &parsed)
    } else {
        library.check_parsed(&saved.rel, &parsed)
    };
    bases.remember(&saved.hash, saved.text.clone());
    Ok(SavedPost { document, problems: problems.map(|p| PostProblems::of(p, &parsed)) })
}

/// Writes a buffer back as a new file after its post was deleted on disk.
pub fn recreate(
    library: &LiveLibrary,
    bases: &BaseTexts,
    request: &SaveRequest,
) -> Result<PostDocument, WorkspaceError> {
    store::recreate(library.root(), bases, request, library)
}

/// Applies one problem's fix (or, without `problem`, every safe fix) to the saved post.
pub fn fix(
    library: &LiveLibrary,
    bases: &BaseTexts,
    path: &str,
    base_hash: &str,
    problem: Option<&ProblemRef>,
) -> Result<FixOutcome, WorkspaceError> {
    let root = library.root().to_path_buf();
    // Reported after the checks' lock is let go: the library's record checks the post again.
    let mut written: Option<(String, String)> = None;
    let outcome = library.with_checks(|context| {
        post_checks::fix_on_disk(&root, context, bases, path, base_hash, problem, |rel, text| {
            written = Some((rel.to_string(), text.to_string()))
        })
    })??;
    if let Some((rel, text)) = written {
        library.wrote(&rel, text.as_bytes());
    }
    Ok(outcome)
}

/// Puts back the text from before a fix, if the file still holds what the fix wrote.
pub fn undo_fix(
    library: &LiveLibrary,
    bases: &BaseTexts,
    path: &str,
    current_hash: &str,
    before_hash: &str,
) -> Result<PostDocument, WorkspaceError> {
    post_checks::undo_fix(library.root(), bases, path, current_hash, before_hash, |rel, text| {
        library.wrote(rel, text.as_bytes())
    })
}
