//! The rules that compare a post with its translations, on a multilingual site
//! (`content::site::languages` pairs them):
//! - `translation-missing` (info): a post in the site's default language has no translation
//!   into one of the site's other languages yet;
//! - `translation-stale` (warning): the original changed after its translation did, by their
//!   front matter's dates (the updated date, else the date).

use super::dates::{self, CivilDate};
use super::folder::FolderFacts;
use super::locate::key_range;
use super::{Post, Severity, Sink};
use crate::content::frontmatter::{FrontMatter, Role};

/// When a post last changed, by its front matter.
pub fn changed(fm: &FrontMatter) -> Option<CivilDate> {
    [Role::Updated, Role::Date].iter().find_map(|role| fm.text(*role).as_deref().and_then(dates::parse))
}

pub(super) fn check(post: &Post, facts: &FolderFacts, sink: &mut Sink) {
    let Some(site) = &facts.site else { return };
    let languages = &site.0.languages;
    if !languages.is_multilingual() {
        return;
    }
    let placed = site.0.placement(
        post.path,
        crate::content::post::front_language(post.fm).as_deref(),
        crate::content::post::front_translation_key(post.fm).as_deref(),
    );
    let (Some(lang), Some(key)) = (placed.lang, placed.key) else { return };
    let others = facts.translations_of(&key, post.path);
    let range = key_range(post.text, &post.split, "title");
    let default = languages.default.as_deref();
    if default == Some(lang.as_str()) {
        let missing: Vec<&str> = languages
            .list
            .iter()
            .map(|l| l.code.as_str())
            .filter(|code| *code != lang && !others.iter().any(|(_, e)| e.lang.as_deref() == Some(*code)))
            .collect();
        if !missing.is_empty() {
            sink.report(
                "translation-missing",
                Severity::Info,
                range,
                format!(
                    "No translation into {} yet; **New translation** in the post's header starts one.",
                    missing.join(", ")
                ),
                None,
            );
        }
        return;
    }
    let Some((original_path, original)) = others.iter().find(|(_, e)| e.lang.as_deref() == default) else {
        return;
    };
    let (Some(original_changed), Some(this_changed)) = (original.changed, changed(post.fm)) else { return };
    if original_changed > this_changed {
        sink.report(
            "translation-stale",
            Severity::Warning,
            range,
            format!(
                "The original ({original_path}) changed on {original_changed}, after this translation ({this_changed}); bring the translation up to date and set its updated date."
            ),
            None,
        );
    }
}
