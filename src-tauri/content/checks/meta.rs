//! Rules on the front matter's fields: it reads, required fields are there and of the right
//! type, title and description lengths, dates, the publish year named in the text, and keys
//! that look like a misspelt known key.

use std::collections::BTreeSet;

use serde_json::Value;

use super::dates;
use super::folder::{edit_distance, FolderFacts};
use super::locate::key_range;
use super::{Fix, FixAction, Post, Severity, Sink};
use crate::content::config::Config;
use crate::content::frontmatter::{self, Role};
use crate::content::schema::{self, FieldType};

/// The key and value filling `role`: the config's key for it first, then the alias list.
pub(super) fn role_value<'p>(post: &'p Post, config: &Config, role: Role) -> Option<(String, &'p Value)> {
    if let Some(key) = config.role_key(role) {
        if let Some(v) = post.fm.get(key) {
            return Some((key.to_string(), v));
        }
    }
    post.fm.by_role(role).map(|(k, v)| (k.to_string(), v))
}

fn role_text(post: &Post, config: &Config, role: Role) -> Option<(String, String)> {
    role_value(post, config, role).and_then(|(k, v)| frontmatter::scalar_text(v).map(|t| (k, t)))
}

pub(super) fn check(post: &Post, facts: &FolderFacts, config: &Config, sink: &mut Sink) {
    for d in &post.fm.diagnostics {
        let offset =
            (line_start(post.text, d.line) + d.column.saturating_sub(1) as usize).min(post.text.len());
        let severity = match d.severity {
            frontmatter::Severity::Error => Severity::Error,
            frontmatter::Severity::Warning => Severity::Warning,
        };
        sink.report("front-matter", severity, offset..offset, d.message.clone(), None);
    }
    if post.fm.blocking_error().is_some() {
        return;
    }
    required(post, facts, config, sink);
    lengths(post, facts, config, sink);
    date_rules(post, facts, config, sink);
    year_drift(post, config, sink);
    unknown_keys(post, facts, config, sink);
}

/// The byte offset where 1-based `line` starts.
fn line_start(text: &str, line: u32) -> usize {
    if line <= 1 {
        return 0;
    }
    memchr::memchr_iter(b'\n', text.as_bytes()).nth(line as usize - 2).map_or(text.len(), |i| i + 1)
}

fn required(post: &Post, facts: &FolderFacts, config: &Config, sink: &mut Sink) {
    let schema = &facts.schema;
    let declared = facts.declared_for(post.path);
    let mut keys: Vec<(String, bool)> = config.required.iter().map(|k| (k.clone(), true)).collect();
    if schema.posts >= 3 {
        for f in &schema.fields {
            if f.fraction >= config.checks.required_fraction
                && f.present >= 3
                && !keys.iter().any(|(k, _)| k == &f.key)
                // The site's schema decides its own fields (the `schema` rule).
                && declared.is_none_or(|d| d.field(&f.key).is_none())
            {
                keys.push((f.key.clone(), false));
            }
        }
    }
    let fm_start = super::locate::opening_line(post.text, &post.split);
    for (key, declared) in keys {
        let Some(value) = post.fm.get(&key) else {
            // Another alias of the same role counts: a Hugo post's `date` stands in for `pubDate`.
            let role = config.fields.get(&key).and_then(|f| f.role).or_else(|| schema::role_of_key(&key));
            if role.is_some_and(|r| role_value(post, config, r).is_some()) {
                continue;
            }
            let why = if declared {
                "postdesk.toml requires it".to_string()
            } else {
                let share = schema.field(&key).map_or(0.0, |f| f.fraction * 100.0);
                format!("{share:.0}% of the posts in this folder have it")
            };
            sink.report(
                "required-field",
                if declared { Severity::Error } else { Severity::Warning },
                fm_start.clone(),
                format!("`{key}` is missing ({why}); add it to the front matter."),
                None,
            );
            continue;
        };
        let want = config.fields.get(&key).and_then(|f| f.ty).or_else(|| {
            let f = schema.field(&key)?;
            let top = f.types.first()?;
            // Only a clear majority sets the type; a mixed key says nothing.
            let share =
                f.types.iter().filter(|t| t.ty.family() == top.ty.family()).map(|t| t.count).sum::<u32>();
            (share * 10 >= f.present * 8).then_some(f.ty)
        });
        let Some(want) = want else { continue };
        let have = schema::type_of(value);
        if have.family() != want.family() {
            let what =
                if have == FieldType::Empty { "empty".to_string() } else { format!("a {}", have.name()) };
            sink.report(
                "required-field",
                Severity::Warning,
                key_range(post.text, &post.split, &key),
                format!("`{key}` is {what}, but this folder uses a {} there; change the value.", want.name()),
                None,
            );
        }
    }
}

fn lengths(post: &Post, facts: &FolderFacts, config: &Config, sink: &mut Sink) {
    let c = &config.checks;
    let declared = facts.declared_for(post.path);
    for (role, rule, what, min, max) in [
        (Role::Title, "title-length", "title", c.title_min, c.title_max),
        (Role::Summary, "description-length", "description", c.description_min, c.description_max),
    ] {
        let Some((key, text)) = role_text(post, config, role) else { continue };
        // A length the site's schema declares replaces the generic one (the `schema` rule).
        if declared.and_then(|d| d.field(&key)).is_some_and(|f| f.max.is_some() || f.min.is_some()) {
            continue;
        }
        // Columns, as a search result shows it: a CJK character takes two.
        let n = crate::content::text_metrics::columns(text.trim());
        let unit = if crate::content::text_metrics::has_wide(text.trim()) {
            "columns wide (a CJK character counts as two)"
        } else {
            "characters long"
        };
        let advice = if n < min {
            format!("lengthen it to at least {min}")
        } else if n > max {
            format!("shorten it to {max} or fewer; search results cut it off")
        } else {
            continue;
        };
        sink.report(
            rule,
            Severity::Warning,
            key_range(post.text, &post.split, &key),
            format!("The {what} is {n} {unit}; {advice}."),
            None,
        );
    }
}

fn date_rules(post: &Post, facts: &FolderFacts, config: &Config, sink: &mut Sink) {
    let read = |role: Role, what: &str, sink: &mut Sink| {
        let (key, value) = role_value(post, config, role)?;
        let range = key_range(post.text, &post.split, &key);
        match value.as_str().and_then(dates::parse) {
            Some(d) => Some((key, d, range)),
            None => {
                let shown = frontmatter::scalar_text(value).unwrap_or_else(|| value.to_string());
                sink.report(
                    "dates",
                    Severity::Error,
                    range,
                    format!("The {what} `{key}: {shown}` is not a date; write it as YYYY-MM-DD (or with a time, YYYY-MM-DDTHH:MM:SSZ)."),
                    None,
                );
                None
            }
        }
    };
    let published = read(Role::Date, "publish date", sink);
    let updated = read(Role::Updated, "updated date", sink);
    if let (Some((pk, p, _)), Some((uk, u, range))) = (&published, &updated) {
        if u < p {
            sink.report(
                "dates",
                Severity::Error,
                range.clone(),
                format!("`{uk}` ({u}) is before `{pk}` ({p}); a post cannot be updated before it is published. Fix one of them."),
                None,
            );
        }
    }
    if let (Some((key, p, range)), Some(today)) = (&published, facts.today) {
        if *p > today && !post.fm.draft() {
            sink.report(
                "future-date",
                Severity::Warning,
                range.clone(),
                format!("`{key}` is {p}, after today ({today}), and the post is not a draft; most generators hide it until then. Mark it `draft: true` or correct the date."),
                None,
            );
        }
    }
}

/// Four-digit years (1900-2099) standing alone in `text`, except those that bound a range or a
/// span of data (`2010–2025`, `from 2018 to 2024`, `between 2018 and 2024`, `2018年至2024年`),
/// which name no single year the post could have drifted from.
fn years(text: &str) -> Vec<i32> {
    let b = text.as_bytes();
    let mut found: Vec<(usize, usize, i32)> = Vec::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let window = &b[i..i + 4];
        let alone_before = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let alone_after = b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric());
        if window.iter().all(u8::is_ascii_digit)
            && alone_before
            && alone_after
            && (window[0..2] == *b"19" || window[0..2] == *b"20")
        {
            let y = window.iter().fold(0i32, |acc, d| acc * 10 + i32::from(d - b'0'));
            found.push((i, i + 4, y));
            i += 4;
        } else {
            i += 1;
        }
    }
    let mut ranged = vec![false; found.len()];
    for k in 1..found.len() {
        let (before, after) = (&text[..found[k - 1].0], &text[found[k - 1].1..found[k].0]);
        if is_range_between(before, after) {
            ranged[k - 1] = true;
            ranged[k] = true;
        }
    }
    let mut out = Vec::new();
    for (k, (start, end, y)) in found.into_iter().enumerate() {
        if !ranged[k] && !is_citation(text, start, end) && !opens_a_span(&text[..start]) && !out.contains(&y)
        {
            out.push(y);
        }
    }
    out
}

/// Whether the text before a year makes it the start of a span to now (`since 2019`, `从2022年`,
/// `自2019年`): the post is not dated by it.
fn opens_a_span(before: &str) -> bool {
    let before = before.trim_end();
    let lower = before.to_lowercase();
    ["since", "从", "自", "從", "以来", "starting in", "starting from"].iter().any(|w| lower.ends_with(w))
}

/// Whether the year at `start..end` cites a work (`Sloan (1996)`, `Altman(1968)`, `(Wilder
/// 1978)`, `（Wilder 1978）`): a paper's year, not the post's.
fn is_citation(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let after = text[end..].trim_start();
    let closes =
        after.starts_with([')', '）', ',', ';']) || after.starts_with("a)") || after.starts_with("b)");
    let Some(open) = before.rfind(['(', '（']) else { return false };
    let inside = &before[open + before[open..].chars().next().map_or(1, char::len_utf8)..];
    if !closes || inside.contains([')', '）']) || inside.len() > 60 {
        return false;
    }
    let named_inside = inside.split_whitespace().any(|w| w.starts_with(|c: char| c.is_uppercase()));
    // The word right before the parenthesis, in Latin letters (Chinese text runs into it).
    let word: String = {
        let mut rev: Vec<char> = before[..open]
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() && !crate::content::text_metrics::is_cjk(*c) || *c == '.')
            .collect();
        rev.reverse();
        rev.into_iter().collect()
    };
    let named_before = word.starts_with(|c: char| c.is_uppercase()) || word == "al.";
    named_inside || (inside.trim().is_empty() && named_before)
}

/// Whether the text `between` two years makes them a range (`before` is the text before the
/// first, for `between … and`).
fn is_range_between(before: &str, between: &str) -> bool {
    let joined = between.trim().trim_start_matches('年').trim_end_matches('年').trim().to_lowercase();
    let word_before = before.trim_end().rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
    matches!(
        joined.as_str(),
        "-" | "\u{2013}" | "\u{2014}" | "~" | "\u{301c}" | "to" | "through" | "until" | "till" | "至" | "到"
    ) || (joined == "and" && word_before == "between")
}

fn year_drift(post: &Post, config: &Config, sink: &mut Sink) {
    let Some(published) =
        role_value(post, config, Role::Date).and_then(|(_, v)| v.as_str().and_then(dates::parse))
    else {
        return;
    };
    for (role, what) in [(Role::Title, "title"), (Role::Summary, "description")] {
        let Some((key, text)) = role_text(post, config, role) else { continue };
        let other: Vec<String> =
            years(&text).into_iter().filter(|y| *y != published.year).map(|y| y.to_string()).collect();
        if other.is_empty() {
            continue;
        }
        sink.report(
            "year-drift",
            Severity::Warning,
            key_range(post.text, &post.split, &key),
            format!(
                "The {what} says {} but the post is dated {}; update the year in the {what} or the date.",
                other.join(" and "),
                published.year
            ),
            None,
        );
    }
}

fn unknown_keys(post: &Post, facts: &FolderFacts, config: &Config, sink: &mut Sink) {
    let schema = &facts.schema;
    let mut known: BTreeSet<String> =
        schema.fields.iter().filter(|f| f.present >= 2).map(|f| f.key.clone()).collect();
    known.extend(
        schema::ROLES
            .iter()
            .flat_map(|r| r.aliases())
            .filter_map(|a| a.split('.').next())
            .map(str::to_string),
    );
    known.extend(config.fields.keys().cloned());
    known.extend(config.required.iter().cloned());
    // Looked up once: a post with thousands of keys against a schema of thousands of fields
    // made the per-key search quadratic (10,000 keys: 10 s).
    let present: std::collections::HashMap<&str, u32> =
        schema.fields.iter().map(|f| (f.key.as_str(), f.present)).collect();
    let targets: Vec<(String, &String)> =
        known.iter().filter(|k| !post.fm.values.contains_key(*k)).map(|k| (k.to_lowercase(), k)).collect();
    for key in post.fm.values.keys() {
        if known.contains(key) {
            continue;
        }
        let n = key.chars().count();
        let limit = if n <= 4 { 1 } else { 2 };
        let lower = key.to_lowercase();
        let candidate = targets
            .iter()
            .filter(|(k, _)| k.chars().count().abs_diff(n) <= limit)
            .map(|(k_lower, k)| {
                let d = if *k_lower == lower { 0 } else { edit_distance(k_lower, &lower) };
                (d, std::cmp::Reverse(present.get(k.as_str()).copied().unwrap_or(0)), *k)
            })
            .filter(|(d, ..)| *d <= limit)
            .min();
        let Some((_, _, target)) = candidate else { continue };
        sink.report(
            "unknown-key",
            Severity::Warning,
            key_range(post.text, &post.split, key),
            format!("`{key}` is not a key this folder uses; did you mean `{target}`? Generators ignore a misspelt key."),
            Some(Fix {
                label: format!("Rename `{key}` to `{target}`"),
                action: FixAction::RenameKey { from: key.clone(), to: target.clone() },
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::years;

    #[test]
    fn years_standing_alone() {
        assert_eq!(years("Trends in 2024 and 2025, not 12024 or 2024x"), [2024, 2025]);
        assert_eq!(years("in 1850 or 2100"), Vec::<i32>::new());
        assert_eq!(years("2023"), [2023]);
        assert_eq!(years("Sales 2010\u{2013}2025, and a 2019 outlier"), [2019], "a range is no single year");
        assert_eq!(years("Data from 2018 to 2024"), Vec::<i32>::new());
        assert_eq!(years("between 2018 and 2024"), Vec::<i32>::new());
        assert_eq!(years("2018 - 2024 trends"), Vec::<i32>::new());
        assert_eq!(years("2018年至2024年的数据"), Vec::<i32>::new());
        assert_eq!(years("Trends in 2024 and 2025"), [2024, 2025], "two years, not a span");
        assert_eq!(years("Sloan(1996) showed it; Abdi & Ranaldo (2017) too"), Vec::<i32>::new(), "citations");
        assert_eq!(years("ADX（Wilder 1978）only asks one thing"), Vec::<i32>::new());
        assert_eq!(years("会计应计？Sloan(1996) 证明"), Vec::<i32>::new(), "a citation after Chinese text");
        assert_eq!(years("从2022年大模型爆发开始"), Vec::<i32>::new(), "a span from a year to now");
        assert_eq!(years("What changed since 2019"), Vec::<i32>::new());
        assert_eq!(
            years("Fama and French (1993, 2015)"),
            [2015],
            "the first is cited, the second is ambiguous"
        );
        assert_eq!(
            years("Best tools (2023)"),
            [2023],
            "a lower-case word before: a stale year, still flagged"
        );
    }
}
