//! Pre-publish checks and their safe fixes.
//!
//! A check looks at one post's text plus plain facts about its folder ([`FolderFacts`], built
//! by `workspace` code) and the folder's [`Config`], and returns [`Problem`]s: a rule id, a
//! severity, a message saying what is wrong and what to do, and the byte range to jump to.
//! Where a fix is safe it is attached, and [`apply_fix`] performs it through the lossless edit
//! API (`edit::apply`, `edit::rename_key`, `edit::replace_body`, `edit::unwrap_fence`), so a fix
//! changes only the bytes it names. Every fixed text is re-read before it is returned.
//! Pure: no disk, no clock (today's date comes in with the facts), no panics on any input.
//!
//! The rules live in small modules, one concern each: `meta` (front-matter fields, dates,
//! keys), `media` (images and links), `prose` (the body's shape), `folder` (facts and the
//! rules that compare posts: slugs and tags). `markdown` is the one body scan they share.

mod dates;
mod declared;
pub mod folder;
mod locate;
pub mod machine;
mod markdown;
mod media;
mod meta;
mod prose;
pub mod rules;
mod translations;

use std::ops::Range;

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::config::Config;
use super::edit::{self, EditError, FieldOp};
use super::frontmatter::{self, FrontMatter};
use super::post::Parsed;
use super::split::{self, Split};

pub use rules::{Severity, RULES};

pub use dates::CivilDate;
pub use folder::{FolderFacts, PostEntry};

/// What a fix does. Kept off the wire: the UI asks the backend to apply a problem's fix.
#[derive(Debug, Clone, PartialEq)]
pub enum FixAction {
    UnwrapFence,
    /// Replace the body bytes `range` (offsets in the whole text), which must still read
    /// `expected`, with `with`.
    ReplaceBody {
        range: Range<usize>,
        expected: String,
        with: String,
    },
    /// Collapse every double space after a sentence in the body.
    CollapseDoubleSpaces,
    /// Rename one item of the list at `key` (tags), dropping it if `to` is already there.
    RenameItem {
        key: String,
        from: String,
        to: String,
    },
    RenameKey {
        from: String,
        to: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, export_to = "Problem.ts")]
pub struct Fix {
    /// What the fix will do, for a button ("Unwrap the fence").
    pub label: String,
    #[serde(skip)]
    #[ts(skip)]
    pub action: FixAction,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Problem.ts")]
pub struct Problem {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    /// Byte offsets in the file's text.
    pub start: usize,
    pub end: usize,
    /// 1-based, of `start`; the column counts characters.
    pub line: u32,
    pub column: u32,
    pub fix: Option<Fix>,
}

/// A post as the rules see it: its text, its parts, and where it sits in the folder.
pub(crate) struct Post<'a> {
    /// Folder-relative, `/`-separated.
    pub path: &'a str,
    pub text: &'a str,
    pub split: Split,
    pub fm: &'a FrontMatter,
    pub body: markdown::BodyScan,
}

impl Post<'_> {
    pub fn dir(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(d, _)| d)
    }
}

/// Collects problems for one post, applying the config's switches and severities.
pub(crate) struct Sink<'c> {
    config: &'c Config,
    text: &'c str,
    pub problems: Vec<Problem>,
    /// Problems per rule so far, and their severity, for the cap below.
    counts: std::collections::BTreeMap<&'static str, (usize, Severity)>,
}

/// Problems of one rule listed per post. A generated post with 10,000 misspelt keys needs one
/// look, not 10,000 lines; and each listed problem costs a scan for its line.
pub const MAX_PROBLEMS_PER_RULE: usize = 100;

impl<'c> Sink<'c> {
    fn new(config: &'c Config, text: &'c str) -> Self {
        Sink { config, text, problems: Vec::new(), counts: Default::default() }
    }

    /// Reports a problem of `rule` (at its default severity unless the config says otherwise).
    pub fn report(
        &mut self,
        rule: &'static str,
        default: Severity,
        range: Range<usize>,
        message: String,
        fix: Option<Fix>,
    ) {
        let Some(severity) = self.config.rule(rule, default) else { return };
        let count = self.counts.entry(rule).or_insert((0, severity));
        count.0 += 1;
        if count.0 > MAX_PROBLEMS_PER_RULE {
            return;
        }
        let (line, column) = locate::line_column(self.text, range.start);
        self.problems.push(Problem {
            rule: rule.to_string(),
            severity,
            message,
            start: range.start,
            end: range.end,
            line,
            column,
            fix,
        });
    }
}

/// The URLs of the images in the body at `body`, for export to copy the local ones.
pub fn body_images(text: &str, body: Range<usize>) -> Vec<String> {
    markdown::scan(text, body).images.into_iter().map(|i| i.url).collect()
}

/// Every problem in the post at folder-relative `path`, in file order.
pub fn check_post(path: &str, text: &str, facts: &FolderFacts, config: &Config) -> Vec<Problem> {
    check_parsed(path, &Parsed::new(text), facts, config)
}

/// `check_post` of a post already parsed (a save's new text, parsed once for everything).
pub fn check_parsed(path: &str, parsed: &Parsed, facts: &FolderFacts, config: &Config) -> Vec<Problem> {
    super::work::checked();
    let text = parsed.text;
    let body = markdown::scan_as(text, parsed.split.body.clone(), facts.flavour_for(path));
    let post = Post { path, text, split: parsed.split.clone(), fm: &parsed.fm, body };
    let mut sink = Sink::new(config, text);
    for block in super::conflicts::blocks(text) {
        sink.report(
            "merge-conflict",
            Severity::Error,
            block.start..block.end,
            "Merge-conflict markers from git are in this post: both versions of these lines are \
             kept between <<<<<<< and >>>>>>>. Resolve them (Resolve conflicts: mine, theirs or \
             both), then commit."
                .into(),
            None,
        );
    }
    meta::check(&post, facts, config, &mut sink);
    if post.fm.blocking_error().is_none() {
        if let Some(declared) = facts.declared_for(path) {
            declared::check(&post, declared, &mut sink);
        }
    }
    if let Some((at, why)) = &post.body.mdx_error {
        sink.report(
            "mdx",
            Severity::Error,
            *at..(*at + 1).min(text.len()),
            format!("The MDX does not parse here: {why}. The site's build stops on it too; fix the tag or expression."),
            None,
        );
    }
    media::check(&post, facts, &mut sink);
    prose::check(&post, config, &mut sink);
    machine::check(&post, config, &mut sink);
    if config.prose.spelling || config.prose.grammar {
        spelling(&post, facts, config, &mut sink);
    }
    folder::check(&post, facts, &mut sink);
    for (rule, (count, severity)) in std::mem::take(&mut sink.counts) {
        if count > MAX_PROBLEMS_PER_RULE {
            sink.problems.push(Problem {
                rule: rule.to_string(),
                severity,
                message: format!(
                    "{} more `{rule}` problems in this post are not listed; fix the ones above first.",
                    count - MAX_PROBLEMS_PER_RULE
                ),
                start: 0,
                end: 0,
                line: 1,
                column: 1,
                fix: None,
            });
        }
    }
    sink.problems.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
    sink.problems
}

/// The prose of a body (absolute byte ranges in `text`): paragraph, heading, list and link
/// text, with code, HTML, components, link targets and image descriptions left out.
pub fn prose_ranges(
    text: &str,
    body: Range<usize>,
    flavour: crate::content::render::Flavour,
) -> Vec<Range<usize>> {
    markdown::scan_as(text, body, flavour).prose
}

/// Whether the post is English: by its language (the site's placement, else its front
/// matter), else by its prose.
pub fn is_english(path: &str, fm: &FrontMatter, facts: &FolderFacts, prose: impl FnOnce() -> String) -> bool {
    let lang = facts.posts.get(path).and_then(|e| e.lang.clone()).or_else(|| super::post::front_language(fm));
    match lang {
        Some(lang) => lang.to_ascii_lowercase().starts_with("en"),
        None => super::spelling::likely_english(&prose()),
    }
}

/// What the spelling check needs to know of the site.
pub fn prose_options(
    facts: &FolderFacts,
    config: &Config,
    spelling: bool,
    grammar: bool,
) -> super::spelling::ProseOptions {
    // The site's words are shared, not copied for each post or request; the dictionary is small.
    let dictionary: std::collections::HashSet<String> =
        config.prose.words.iter().flat_map(|w| super::spelling::words_of(w).collect::<Vec<_>>()).collect();
    super::spelling::ProseOptions {
        spelling,
        grammar,
        dialect: config.prose.dialect.clone(),
        known_words: vec![facts.known_words(), std::sync::Arc::new(dictionary)],
    }
}

/// Spelling and grammar of an English post's body, title and description (harper-core).
fn spelling(post: &Post<'_>, facts: &FolderFacts, config: &Config, sink: &mut Sink<'_>) {
    let prose_text =
        || post.body.prose.iter().filter_map(|r| post.text.get(r.clone())).collect::<Vec<_>>().join(" ");
    if !is_english(post.path, post.fm, facts, prose_text) {
        return;
    }
    let options = prose_options(facts, config, config.prose.spelling, config.prose.grammar);
    let mut ranges = post.body.prose.clone();
    // The title's and description's values, where they are written in the front matter.
    let front = post.split.front_matter.clone();
    for role in [frontmatter::Role::Title, frontmatter::Role::Summary] {
        if let Some(value) = post.fm.text(role) {
            if let Some(at) = post.text.get(front.clone()).and_then(|f| f.find(value.as_str())) {
                ranges.push(front.start + at..front.start + at + value.len());
            }
        }
    }
    ranges.sort_by_key(|r| r.start);
    for lint in super::spelling::lint(post.text, &ranges, &options) {
        let rule = if lint.rule == "spelling" { "spelling" } else { "grammar" };
        let hint = match lint.suggestions.first() {
            Some(s) if !s.is_empty() => format!(" Perhaps “{s}”."),
            _ => String::new(),
        };
        let message = format!("{} (“{}”){hint}", lint.message.trim_end_matches('.'), lint.text);
        sink.report(rule, Severity::Warning, lint.start..lint.end, message, None);
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FixError {
    #[error("the problem has no safe fix; change it by hand")]
    NoFix,
    #[error("the text changed since the check ran; check again and retry the fix")]
    Stale,
    #[error("{0}")]
    Edit(#[from] EditError),
    #[error("the fixed text would not read back cleanly, so the fix was not applied")]
    Unreadable,
}

fn body_as_lf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Applies `problem`'s fix to `text`, returning the new full text.
pub fn apply_fix(text: &str, problem: &Problem) -> Result<String, FixError> {
    let action = &problem.fix.as_ref().ok_or(FixError::NoFix)?.action;
    let parts = split::split(text);
    let out = match action {
        FixAction::UnwrapFence => edit::unwrap_fence(text),
        FixAction::ReplaceBody { range, expected, with } => {
            let inside = parts.body.start <= range.start && range.end <= parts.body.end;
            if !inside || text.get(range.clone()) != Some(expected.as_str()) {
                return Err(FixError::Stale);
            }
            let new_body =
                format!("{}{with}{}", &text[parts.body.start..range.start], &text[range.end..parts.body.end]);
            edit::replace_body(text, &body_as_lf(&new_body))
        }
        FixAction::CollapseDoubleSpaces => {
            let scan = markdown::scan(text, parts.body.clone());
            let spans = prose::double_spaces(text, parts.body.clone(), &scan);
            let mut new_body = String::with_capacity(parts.body.len());
            let mut at = parts.body.start;
            for span in spans {
                new_body.push_str(&text[at..span.start]);
                new_body.push(' ');
                at = span.end;
            }
            new_body.push_str(&text[at..parts.body.end]);
            edit::replace_body(text, &body_as_lf(&new_body))
        }
        FixAction::RenameItem { key, from, to } => {
            let fm = frontmatter::read(text, &parts);
            let new = match fm.get(key) {
                Some(Value::Array(items)) => {
                    let has_to = items.iter().any(|i| i.as_str() == Some(to));
                    let mut renamed = Vec::with_capacity(items.len());
                    for item in items {
                        match item.as_str() {
                            Some(s) if s == from && has_to => {}
                            Some(s) if s == from => renamed.push(Value::String(to.clone())),
                            _ => renamed.push(item.clone()),
                        }
                    }
                    Value::Array(renamed)
                }
                Some(Value::String(s)) if s == from => Value::String(to.clone()),
                _ => return Err(FixError::Stale),
            };
            edit::apply(text, key, &FieldOp::Set(new))?
        }
        FixAction::RenameKey { from, to } => edit::rename_key(text, from, to)?,
    };
    let readable = |t: &str| frontmatter::read(t, &split::split(t)).blocking_error().is_none();
    if readable(text) && !readable(&out) {
        return Err(FixError::Unreadable);
    }
    Ok(out)
}

/// The outcome of fixing everything safe in one post.
#[derive(Debug, Clone, PartialEq)]
pub struct FixReport {
    pub text: String,
    /// The problems fixed, as they were reported before each fix.
    pub fixed: Vec<Problem>,
    /// Fixes that could not be applied, with the reason.
    pub failed: Vec<(Problem, String)>,
}

/// Applies every safe fix, one at a time, checking again after each (a fix moves the ranges
/// of the problems after it). Stops when no fixable problem is left.
pub fn fix_all_safe(path: &str, text: &str, facts: &FolderFacts, config: &Config) -> FixReport {
    let mut report = FixReport { text: text.to_string(), fixed: Vec::new(), failed: Vec::new() };
    // Each fix removes its problem, so this bound is only a guard against a rule that would
    // keep reporting what its own fix produced.
    for _ in 0..256 {
        let problems = check_post(path, &report.text, facts, config);
        let next = problems.into_iter().find(|p| {
            p.fix.is_some() && !report.failed.iter().any(|(f, _)| f.rule == p.rule && f.message == p.message)
        });
        let Some(problem) = next else { break };
        match apply_fix(&report.text, &problem) {
            Ok(fixed) if fixed != report.text => {
                report.text = fixed;
                report.fixed.push(problem);
            }
            Ok(_) => report.failed.push((problem, "the fix changed nothing".into())),
            Err(e) => report.failed.push((problem, e.to_string())),
        }
    }
    report
}

#[cfg(test)]
mod tests;
