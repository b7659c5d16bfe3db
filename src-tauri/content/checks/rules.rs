//! The checks' vocabulary: every rule id and the severities a problem can have. A leaf module,
//! so `content::config` can validate `[checks.rules]` against it without importing the rules
//! themselves (which read the config): no import loop between the two.

use serde::Serialize;
use ts_rs::TS;

/// Every rule id, as `postdesk.toml`'s `[checks.rules]` and the output name them.
pub const RULES: &[&str] = &[
    "front-matter",
    "required-field",
    "schema",
    "title-length",
    "description-length",
    "dates",
    "future-date",
    "alt-text",
    "placeholder-image",
    "broken-link",
    "duplicate-slug",
    "tag-variant",
    "tag-style",
    "fence-wrapper",
    "h1-title",
    "bold-heading",
    "double-space",
    "year-drift",
    "short-body",
    "unknown-key",
    "translation-missing",
    "translation-stale",
    "mdx",
    "merge-conflict",
    "chat-leftover",
    "placeholder-text",
    "meta-line",
    "sign-off",
    "stock-phrase",
    "in-conclusion",
    "em-dash-density",
    "emoji-heading",
    "repeated-openings",
    "spelling",
    "grammar",
];

/// Rule groups `--rules` and `[checks.rules]` can name at once.
pub const GROUPS: &[(&str, &[&str])] = &[(
    "machine-prose",
    &[
        "chat-leftover",
        "placeholder-text",
        "meta-line",
        "sign-off",
        "stock-phrase",
        "in-conclusion",
        "em-dash-density",
        "emoji-heading",
        "repeated-openings",
    ],
)];

/// The rule ids `names` stands for (a rule, or a group's rules); None for an unknown name.
pub fn expand(name: &str) -> Option<Vec<&'static str>> {
    if let Some((_, ids)) = GROUPS.iter().find(|(group, _)| *group == name) {
        return Some(ids.to_vec());
    }
    RULES.iter().find(|r| **r == name).map(|r| vec![*r])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, export_to = "Problem.ts", rename = "ProblemSeverity")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}
