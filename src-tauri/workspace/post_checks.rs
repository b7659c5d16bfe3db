//! Checks for the open folder in the app: the folder facts read once and kept current as files
//! change, the problems of the post being edited, and fixes applied to the file on disk.
//!
//! A fix is written like a save (the file must still be what the buffer was based on, then an
//! atomic write through the lossless edit API); the text before it stays known (`BaseTexts`),
//! so the app can undo the fix by writing it back, again only if nothing changed meanwhile.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::checks::{self, FolderFacts, Problem};
use crate::content::config::Config;
use crate::content::merge;
use crate::content::post::{self, Parsed, PostDocument};

use super::error::WorkspaceError;
use super::folder::{load_facts, today};
use super::guard;
use super::scan::relative;
use super::store::{self, content_hash, resolve_post, write_atomic_if, BaseTexts, SaveRequest};

/// What the checks know of the open folder. Cloned for a long task (a bulk fix over hundreds of
/// posts) so that it runs without holding the library's checks.
#[derive(Clone)]
pub struct CheckContext {
    config: Config,
    facts: FolderFacts,
}

impl CheckContext {
    /// Reads the folder: every post's slug and anchors, the file lists, schema and config.
    pub fn load(root: &Path) -> Result<CheckContext, WorkspaceError> {
        let (config, facts) = load_facts(root, Some(today()))?;
        Ok(CheckContext { config, facts })
    }

    /// Reads the folder like `load`, then counts every post's problems, reading each post again
    /// (from the page cache) rather than holding the whole folder's text at once.
    pub fn load_with_counts(root: &Path) -> Result<(CheckContext, Vec<(String, u32)>), WorkspaceError> {
        use rayon::prelude::*;
        let context = CheckContext::load(root)?;
        let counts = super::scan::post_files(root)?
            .par_iter()
            .filter_map(|path| {
                let rel = relative(root, path);
                let text = store::read_text(path).ok()?;
                Some((rel.clone(), context.count(&rel, &text)))
            })
            .collect();
        Ok((context, counts))
    }

    /// A post changed (`text`) or went away (None): keep the folder facts current.
    pub fn update_post(&mut self, rel: &str, text: Option<&str>) {
        match text {
            Some(text) => {
                let parsed = crate::content::post::Parsed::new(text);
                let entry = checks::folder::post_entry_routed(rel, &parsed, self.facts.site.as_ref());
                self.facts.insert_post(rel, entry);
            }
            None => {
                self.facts.remove_post(rel);
                self.facts.files.remove(rel);
            }
        }
    }

    pub fn check(&self, rel: &str, text: &str) -> Vec<Problem> {
        checks::check_post(rel, text, &self.facts, &self.config)
    }

    pub fn check_parsed(&self, rel: &str, parsed: &Parsed) -> Vec<Problem> {
        checks::check_parsed(rel, parsed, &self.facts, &self.config)
    }

    /// The app saved `rel` (`parsed`): keep the folder facts current and check it, from the
    /// one parse the save made.
    pub fn saved(&mut self, rel: &str, parsed: &Parsed) -> Vec<Problem> {
        self.facts.insert_post(rel, checks::folder::post_entry_routed(rel, parsed, self.facts.site.as_ref()));
        self.check_parsed(rel, parsed)
    }

    /// The number the library shows for these problems: errors and warnings, not the notes.
    pub fn count_of(problems: &[Problem]) -> u32 {
        problems.iter().filter(|p| p.severity != checks::Severity::Info).count() as u32
    }

    /// The number the library shows for a post: its errors and warnings (not the notes).
    pub fn count(&self, rel: &str, text: &str) -> u32 {
        Self::count_of(&self.check(rel, text))
    }

    /// `postdesk.toml` changed (a word added to the site's dictionary, a rule switched): the
    /// checks use the new settings from now on.
    pub fn reload_config(&mut self, root: &Path) -> Result<(), WorkspaceError> {
        self.config = super::config::load(root)?;
        Ok(())
    }

    /// Every safe fix of the post's problems, one at a time, checking again after each.
    pub fn fix_all(&self, rel: &str, text: &str) -> checks::FixReport {
        checks::fix_all_safe(rel, text, &self.facts, &self.config)
    }

    /// What linting a buffer's prose needs from the checks' view of the site, taken under its
    /// lock so that the lint itself (harper, tens of milliseconds) runs without it.
    pub fn prose_inputs(&self, rel: &str) -> ProseInputs {
        ProseInputs {
            flavour: self.facts.flavour_for(rel),
            options: checks::prose_options(&self.facts, &self.config, true, true),
        }
    }
}

/// A snapshot for `ProseInputs::lint`: the site's Markdown flavour for the post and the
/// spelling options (known words, dictionary, dialect).
pub struct ProseInputs {
    flavour: crate::content::render::Flavour,
    options: crate::content::spelling::ProseOptions,
}

impl ProseInputs {
    /// Spelling and grammar of a buffer's body, title and description, for the editor.
    pub fn lint(&self, lang: Option<&str>, request: &ProseRequest) -> ProseLints {
        use crate::content::spelling;
        let flavour = self.flavour;
        let body_prose = checks::prose_ranges(&request.body, 0..request.body.len(), flavour);
        let english = match lang {
            Some(lang) => lang.to_ascii_lowercase().starts_with("en"),
            None => spelling::likely_english(
                &body_prose.iter().filter_map(|r| request.body.get(r.clone())).collect::<Vec<_>>().join(" "),
            ),
        };
        if !english {
            return ProseLints { english, ..ProseLints::default() };
        }
        let options = &self.options;
        let whole = |text: &Option<String>| match text {
            Some(t) if !t.trim().is_empty() => spelling::lint_whole(t, options),
            _ => Vec::new(),
        };
        let in_utf16 = |text: &Option<String>, lints: Vec<spelling::ProseLint>| match text {
            Some(t) => utf16_offsets(t, lints),
            None => lints,
        };
        ProseLints {
            english,
            body: utf16_offsets(&request.body, spelling::lint(&request.body, &body_prose, options)),
            title: in_utf16(&request.title, whole(&request.title)),
            description: in_utf16(&request.description, whole(&request.description)),
        }
    }
}

/// Byte offsets in `text` as UTF-16 code units: the editor's (JavaScript's) string indices.
fn utf16_offsets(
    text: &str,
    mut lints: Vec<crate::content::spelling::ProseLint>,
) -> Vec<crate::content::spelling::ProseLint> {
    let to16 = |byte: usize| text.get(..byte).map_or(0, |s| s.encode_utf16().count());
    for lint in &mut lints {
        lint.start = to16(lint.start);
        lint.end = to16(lint.end);
    }
    lints
}

/// A buffer's prose, as the editor asks for its spelling and grammar.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, export_to = "Prose.ts")]
pub struct ProseRequest {
    pub path: String,
    /// The body as in the editor; lints come back at UTF-16 offsets in it (its string indices).
    pub body: String,
    pub title: Option<String>,
    pub description: Option<String>,
}

/// The spelling and grammar lints of a buffer, at UTF-16 offsets (JavaScript string indices)
/// in the text each was asked about; all empty for a post that is not English.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export, export_to = "Prose.ts")]
pub struct ProseLints {
    pub english: bool,
    pub body: Vec<crate::content::spelling::ProseLint>,
    pub title: Vec<crate::content::spelling::ProseLint>,
    pub description: Vec<crate::content::spelling::ProseLint>,
}

/// Names one problem the UI showed, to fix it: the rule and where it was.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, export_to = "ProblemRef.ts")]
pub struct ProblemRef {
    pub rule: String,
    pub start: usize,
    pub end: usize,
}

/// A fix written to disk: the post as it is now, and the hash to undo back to.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "FixOutcome.ts")]
pub struct FixOutcome {
    pub document: PostDocument,
    pub fixed: u32,
    /// The hash of the text before the fix, for `undo_fix`.
    pub before_hash: String,
}

/// The open post's problems, and where its parts start, so the UI can jump to a problem in the
/// editor (body) or the raw front matter.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "PostProblems.ts")]
pub struct PostProblems {
    pub problems: Vec<Problem>,
    /// 1-based line of the file where the front matter's first line is, and where the body
    /// starts.
    pub front_matter_line: u32,
    pub body_line: u32,
}

/// The open post's problems as the buffer stands (its base text plus its unsaved changes).
pub fn check_buffer(
    context: &CheckContext,
    bases: &BaseTexts,
    request: &SaveRequest,
) -> Result<PostProblems, WorkspaceError> {
    let base = bases.get(&request.base_hash).ok_or_else(|| WorkspaceError::Edit {
        path: request.path.clone().into(),
        message: "the post's text is no longer known; reopen it to check it".into(),
    })?;
    let fields: Vec<_> = request.fields.iter().map(|f| (f.key.clone(), f.value.clone())).collect();
    let text = merge::apply_changes(&base, request.changes(&fields))
        .map_err(|e| WorkspaceError::Edit { path: request.path.clone().into(), message: e.to_string() })?;
    let parsed = Parsed::new(&text);
    Ok(PostProblems::of(context.check_parsed(&request.path, &parsed), &parsed))
}

impl PostProblems {
    /// `problems` of the post `parsed`, with where its parts start.
    pub fn of(problems: Vec<Problem>, parsed: &Parsed) -> PostProblems {
        let text = parsed.text;
        let line_of = |offset: usize| {
            memchr::memchr_iter(b'\n', &text.as_bytes()[..offset.min(text.len())]).count() as u32 + 1
        };
        PostProblems {
            problems,
            front_matter_line: line_of(parsed.split.front_matter.start),
            body_line: line_of(parsed.split.body.start),
        }
    }
}

/// The post at `rel` as on disk, if it still hashes to `base_hash`: its path, the file a write
/// goes to (a symlink's target inside the site), and its text.
fn read_current(
    root: &Path,
    rel: &str,
    base_hash: &str,
) -> Result<(PathBuf, PathBuf, String), WorkspaceError> {
    let path = resolve_post(root, rel)?;
    let target = guard::post_target(&guard::canonical_root(root), &path)?;
    let bytes = guard::read_resolved(&target, guard::MAX_POST_BYTES).map_err(|e| e.at(&path))?;
    if content_hash(&bytes) != base_hash {
        return Err(WorkspaceError::Conflict { path });
    }
    let text = store::utf8(&path, &bytes)?.to_string();
    Ok((path, target, text))
}

/// Applies the fix of `problem` (or, with None, every safe fix) to the post on disk, which
/// must still be at `base_hash`. `written` is told of the write, as a save's is.
pub fn fix_on_disk(
    root: &Path,
    context: &CheckContext,
    bases: &BaseTexts,
    rel: &str,
    base_hash: &str,
    problem: Option<&ProblemRef>,
    written: impl FnOnce(&str, &str),
) -> Result<FixOutcome, WorkspaceError> {
    let (path, target, text) = read_current(root, rel, base_hash)?;
    let edit_error = |message: String| WorkspaceError::Edit { path: path.clone(), message };
    let (fixed_text, fixed) = match problem {
        Some(wanted) => {
            let found = context
                .check(rel, &text)
                .into_iter()
                .find(|p| p.rule == wanted.rule && p.start == wanted.start && p.end == wanted.end)
                .ok_or_else(|| {
                    edit_error("that problem is no longer there; the checks were run again".into())
                })?;
            (checks::apply_fix(&text, &found).map_err(|e| edit_error(e.to_string()))?, 1)
        }
        None => {
            let report = context.fix_all(rel, &text);
            let count = report.fixed.len() as u32;
            (report.text, count)
        }
    };
    bases.remember(base_hash, text.clone());
    let rel = relative(root, &path);
    if fixed_text != text {
        write_atomic_if(&target, fixed_text.as_bytes(), base_hash).map_err(|e| e.at(&path))?;
        written(&rel, &fixed_text);
    }
    let hash = content_hash(fixed_text.as_bytes());
    bases.remember(&hash, fixed_text.clone());
    Ok(FixOutcome {
        document: post::open_document(&rel, &fixed_text, hash),
        fixed,
        before_hash: base_hash.into(),
    })
}

/// Writes back the text from before a fix, if the file still holds what the fix wrote.
pub fn undo_fix(
    root: &Path,
    bases: &BaseTexts,
    rel: &str,
    current_hash: &str,
    before_hash: &str,
    written: impl FnOnce(&str, &str),
) -> Result<PostDocument, WorkspaceError> {
    let (path, target, _) = read_current(root, rel, current_hash)?;
    let before = bases.get(before_hash).ok_or_else(|| WorkspaceError::Edit {
        path: path.clone(),
        message: "the text before the fix is no longer known, so it cannot be put back".into(),
    })?;
    write_atomic_if(&target, before.as_bytes(), current_hash).map_err(|e| e.at(&path))?;
    let rel = relative(root, &path);
    written(&rel, &before);
    Ok(post::open_document(&rel, &before, content_hash(before.as_bytes())))
}
