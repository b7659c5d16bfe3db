//! New posts and copies of posts: the template a folder implies, file names from titles, and
//! the edits a duplicate or a renamed slug needs.
//!
//! Everything here is decided from values passed in: the folder's inferred [`Schema`], a
//! [`FolderStyle`] read from a sample of its posts, today's date and time as the writer's clock
//! says (a [`Now`]), and a `taken` predicate for file names. The disk, the clock and the
//! no-clobber write belong to `workspace::actions`. Edits to an existing post go through the
//! lossless edit API, so a duplicate differs from its original only in the keys it must change.
//! Never panics on any input.

use serde_json::Value;

use super::edit::{self, EditError};
use super::frontmatter::{self, Role};
use super::schema::{DateStyle, FieldType, Schema};
use super::split::{split, FrontMatterKind};

/// A key at least this share of the folder's posts have goes into a new post's template.
pub const FREQUENT: f64 = 0.75;
/// File stems longer than this are cut at a word boundary: long titles make unwieldy paths.
pub const MAX_STEM_CHARS: usize = 80;
/// Tries at `-2`, `-3`, ... before giving up on a unique name.
const MAX_SUFFIX: u32 = 999;

/// The writer's local date and time, in RFC 3339 parts, passed in so this module stays pure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Now {
    /// `2025-01-02`
    pub date: String,
    /// `10:30:00`
    pub time: String,
    /// `Z` or `+02:00`
    pub offset: String,
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl Now {
    /// Reads `2025-01-02T10:30:00+02:00` (or `...Z`); None for anything else.
    pub fn parse(text: &str) -> Option<Now> {
        let (date, rest) = (text.get(..10)?, text.get(10..)?);
        let d = date.as_bytes();
        let date_ok = d[4] == b'-'
            && d[7] == b'-'
            && all_digits(&date[..4])
            && all_digits(&date[5..7])
            && all_digits(&date[8..]);
        let rest = rest.strip_prefix(['T', 't', ' '])?;
        let (time, offset) = (rest.get(..8)?, rest.get(8..)?);
        let t = time.as_bytes();
        let time_ok = t[2] == b':'
            && t[5] == b':'
            && all_digits(&time[..2])
            && all_digits(&time[3..5])
            && all_digits(&time[6..]);
        let offset_ok = offset == "Z"
            || (offset.len() == 6
                && offset.starts_with(['+', '-'])
                && offset.as_bytes()[3] == b':'
                && all_digits(&offset[1..3])
                && all_digits(&offset[4..]));
        (date_ok && time_ok && offset_ok).then(|| Now {
            date: date.into(),
            time: time.into(),
            offset: offset.into(),
        })
    }

    fn datetime(&self) -> String {
        format!("{}T{}{}", self.date, self.time, self.offset)
    }
}

/// How the folder's posts are written, beyond what the schema says: the front-matter kind, the
/// file extension and the usual order of keys.
#[derive(Debug, Clone, PartialEq)]
pub struct FolderStyle {
    /// YAML unless most posts are TOML.
    pub kind: FrontMatterKind,
    /// The most common post extension, without the dot (`md` when unknown).
    pub extension: String,
    /// Keys in their usual order: by mean relative position in the posts that have them.
    pub key_order: Vec<String>,
}

impl Default for FolderStyle {
    fn default() -> Self {
        FolderStyle { kind: FrontMatterKind::Yaml, extension: "md".into(), key_order: Vec::new() }
    }
}

impl FolderStyle {
    /// The style of a sample of posts, each as (folder-relative path, text).
    pub fn from_posts<'a>(posts: impl IntoIterator<Item = (&'a str, &'a str)>) -> FolderStyle {
        let (mut yaml, mut toml) = (0u32, 0u32);
        let mut extensions: Vec<(String, u32)> = Vec::new();
        // key -> (sum of relative positions, count, first seen)
        let mut positions: Vec<(String, f64, u32)> = Vec::new();
        for (path, text) in posts {
            let name = path.rsplit('/').next().unwrap_or(path);
            if let Some((_, ext)) = name.rsplit_once('.') {
                let ext = ext.to_ascii_lowercase();
                match extensions.iter_mut().find(|(e, _)| *e == ext) {
                    Some((_, n)) => *n += 1,
                    None => extensions.push((ext, 1)),
                }
            }
            let parts = split(text);
            match parts.kind {
                FrontMatterKind::Yaml => yaml += 1,
                FrontMatterKind::Toml => toml += 1,
                _ => {}
            }
            let fm = frontmatter::read(text, &parts);
            if fm.blocking_error().is_some() {
                continue;
            }
            let n = fm.values.len();
            for (i, key) in fm.values.keys().enumerate() {
                let at = if n > 1 { i as f64 / (n - 1) as f64 } else { 0.0 };
                match positions.iter_mut().find(|(k, _, _)| k == key) {
                    Some((_, sum, count)) => {
                        *sum += at;
                        *count += 1;
                    }
                    None => positions.push((key.clone(), at, 1)),
                }
            }
        }
        // Ties keep the order keys were first seen in, which is a real post's order.
        let mut order: Vec<(usize, String, f64)> = positions
            .into_iter()
            .enumerate()
            .map(|(first, (key, sum, count))| (first, key, sum / f64::from(count)))
            .collect();
        order.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
        // Most common first; among equals the first seen (the stable sort keeps it).
        extensions.sort_by_key(|e| std::cmp::Reverse(e.1));
        FolderStyle {
            kind: if toml > yaml { FrontMatterKind::Toml } else { FrontMatterKind::Yaml },
            extension: extensions.into_iter().next().map_or_else(|| "md".to_string(), |(e, _)| e),
            key_order: order.into_iter().map(|(_, key, _)| key).collect(),
        }
    }
}

/// A file stem from a title, by the `slug` crate (ASCII, lower case, hyphens), cut to
/// [`MAX_STEM_CHARS`] at a hyphen. A title with nothing sluggable gives `untitled`.
pub fn file_stem(title: &str) -> String {
    let slug = slug::slugify(title);
    let mut stem = if slug.len() <= MAX_STEM_CHARS {
        slug
    } else {
        // The slug is ASCII, so any byte index is a char boundary.
        let cut = &slug[..MAX_STEM_CHARS];
        cut.rfind('-').filter(|&i| i > 0).map_or(cut, |i| &cut[..i]).to_string()
    };
    if stem.is_empty() {
        stem = "untitled".into();
    }
    stem
}

/// `stem.ext`, else `stem-2.ext`, `stem-3.ext`, ... whichever `taken` says is free; None when
/// even `stem-999.ext` is taken.
pub fn unique_file_name(stem: &str, ext: &str, taken: impl Fn(&str) -> bool) -> Option<String> {
    let name = |n: u32| if n < 2 { format!("{stem}.{ext}") } else { format!("{stem}-{n}.{ext}") };
    (1..=MAX_SUFFIX).map(name).find(|candidate| !taken(candidate))
}

/// The stem of a copy of `stem`: `notes` gives `notes-copy`.
pub fn copy_stem(stem: &str) -> String {
    format!("{stem}-copy")
}

/// The folder's key for `role`: the most common of its aliases among the schema's fields.
fn role_key<'a>(schema: &'a Schema, role: &str) -> Option<&'a str> {
    schema
        .fields
        .iter()
        .find(|f| f.role.as_deref() == Some(role) && !f.key.contains('.'))
        .map(|f| f.key.as_str())
}

/// The key that marks drafts in this folder (`draft` or `published`), if any post uses one.
pub fn draft_key(schema: &Schema) -> Option<&str> {
    role_key(schema, "draft")
}

/// The value that says "draft" for `key`: `published` is the inverse.
pub fn draft_value(key: &str) -> Value {
    Value::Bool(key != "published")
}

/// One line's worth of template value, before it is written in YAML or TOML.
#[derive(Debug, Clone, PartialEq)]
enum Slot {
    Text(String),
    /// A date or datetime literal and whether the folder quotes it.
    Date {
        literal: String,
        quoted: bool,
    },
    Bool(bool),
    Number,
    List,
    Map(Vec<String>),
    Empty,
}

fn quoted_style(style: Option<DateStyle>) -> bool {
    matches!(style, Some(DateStyle::QuotedDate | DateStyle::QuotedDatetime))
}

/// The keys of a new post, in the folder's order, with their starting values.
fn slots(schema: &Schema, style: &FolderStyle, title: &str, now: &Now) -> Vec<(String, Slot)> {
    let date_key = role_key(schema, "date").unwrap_or("date").to_string();
    let draft = draft_key(schema).map(str::to_string);
    let mut keys: Vec<String> = vec!["title".into(), date_key.clone()];
    keys.extend(draft.iter().cloned());
    for field in &schema.fields {
        if schema.posts > 0 && field.fraction >= FREQUENT && !keys.contains(&field.key) {
            keys.push(field.key.clone());
        }
    }
    let rank = |key: &str| style.key_order.iter().position(|k| k == key).unwrap_or(usize::MAX);
    // Keys the sample never showed keep the schema's order (stable sort), after the rest.
    keys.sort_by_key(|k| rank(k));
    let quoted = quoted_style(schema.date_style);
    keys.into_iter()
        .map(|key| {
            let ty = schema.field(&key).map(|f| f.ty);
            let slot = if key == "title" {
                Slot::Text(title.to_string())
            } else if key == date_key {
                let literal = match schema.date_style {
                    Some(DateStyle::Datetime | DateStyle::QuotedDatetime) => now.datetime(),
                    _ => now.date.clone(),
                };
                Slot::Date { literal, quoted }
            } else if Some(&key) == draft.as_ref() {
                Slot::Bool(draft_value(&key) == Value::Bool(true))
            } else if key == "slug" {
                Slot::Text(file_stem(title))
            } else {
                match ty {
                    Some(FieldType::Date) => Slot::Date { literal: now.date.clone(), quoted },
                    Some(FieldType::Datetime) => Slot::Date { literal: now.datetime(), quoted },
                    Some(FieldType::Bool) => Slot::Bool(false),
                    Some(FieldType::Number) => Slot::Number,
                    Some(FieldType::List) => Slot::List,
                    Some(FieldType::Map) => {
                        let subs = schema.field(&key).map(|f| f.sub_keys.clone()).unwrap_or_default();
                        Slot::Map(subs)
                    }
                    Some(FieldType::Empty) => Slot::Empty,
                    _ => Slot::Text(String::new()),
                }
            };
            (key, slot)
        })
        .collect()
}

/// A double-quoted string, valid as a YAML double-quoted scalar and as a TOML basic string:
/// quotes, backslashes and every character either format would read as a control or a line
/// break (YAML 1.1 readers break lines at U+0085, U+2028 and U+2029) become `\uXXXX`.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20
                || (0x7f..=0x9f).contains(&(c as u32))
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}') =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn key_text(key: &str) -> String {
    let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain {
        key.to_string()
    } else {
        quote(key)
    }
}

fn scalar(slot: &Slot) -> Option<String> {
    Some(match slot {
        Slot::Text(text) => quote(text),
        Slot::Date { literal, quoted: true } => quote(literal),
        Slot::Date { literal, quoted: false } => literal.clone(),
        Slot::Bool(b) => b.to_string(),
        Slot::Number => "0".into(),
        Slot::List => "[]".into(),
        Slot::Map(_) | Slot::Empty => return None,
    })
}

fn render_yaml(slots: &[(String, Slot)]) -> String {
    let mut out = String::from("---\n");
    for (key, slot) in slots {
        let key = key_text(key);
        match (slot, scalar(slot)) {
            (_, Some(value)) => out.push_str(&format!("{key}: {value}\n")),
            (Slot::Map(subs), None) if !subs.is_empty() => {
                out.push_str(&format!("{key}:\n"));
                for sub in subs {
                    out.push_str(&format!("  {}: \"\"\n", key_text(sub)));
                }
            }
            _ => out.push_str(&format!("{key}:\n")),
        }
    }
    out.push_str("---\n\n");
    out
}

fn render_toml(slots: &[(String, Slot)]) -> String {
    let mut out = String::from("+++\n");
    for (key, slot) in slots {
        let key = key_text(key);
        match (slot, scalar(slot)) {
            (_, Some(value)) => out.push_str(&format!("{key} = {value}\n")),
            (Slot::Map(subs), None) if subs.is_empty() => out.push_str(&format!("{key} = {{}}\n")),
            (Slot::Map(subs), None) => {
                let inner: Vec<String> = subs.iter().map(|s| format!("{} = \"\"", key_text(s))).collect();
                out.push_str(&format!("{key} = {{ {} }}\n", inner.join(", ")));
            }
            // TOML has no null: an always-empty key is left out.
            _ => {}
        }
    }
    out.push_str("+++\n\n");
    out
}

/// The text of a new post titled `title`: the folder's frequent keys in its usual order, the
/// title filled in, the date set to `now` in the folder's literal style, `draft: true` when
/// the folder marks drafts, every other key empty in its type (`""`, `[]`, `false`, `0`).
/// A new post from a Hugo archetype: the archetype's text with its usual template actions
/// filled in, as `hugo new content` would. `{{ .Date }}` is the writer's local time;
/// `.Name`, `.File.ContentBaseName` and `.Title` are the title when piped through `title` or
/// `humanize` (or when it is `.Title`), else the file's stem; anything else is left empty, so
/// the front matter still reads. None when the text holds no front matter.
pub fn from_archetype(archetype: &str, title: &str, stem: &str, now: &Now) -> Option<String> {
    let parts = super::split::split(archetype);
    if parts.front_matter_block.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(archetype.len() + title.len());
    let mut rest = archetype;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let action = after[..close].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let value = if action.contains(".Date") {
            format!("{}T{}{}", now.date, now.time, now.offset)
        } else if action == ".Title" || action.contains("| title") || action.contains("| humanize") {
            title.replace('"', "\\\"")
        } else if action.contains(".Name") || action.contains("ContentBaseName") {
            stem.to_string()
        } else {
            String::new()
        };
        out.push_str(&value);
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    // A title that breaks the archetype's quoting (a `'` inside '...') must not make a post
    // whose front matter does not read: the caller falls back to its own template.
    let fm = super::frontmatter::read(&out, &super::split::split(&out));
    fm.blocking_error().is_none().then_some(out)
}

pub fn template(schema: &Schema, style: &FolderStyle, title: &str, now: &Now) -> String {
    let slots = slots(schema, style, title, now);
    let text = match style.kind {
        FrontMatterKind::Toml => render_toml(&slots),
        _ => render_yaml(&slots),
    };
    // A key the schema knows but this writer cannot express safely must not make a broken
    // post: the template is read back, and falls back to the title and date alone.
    let parts = split(&text);
    let fm = frontmatter::read(&text, &parts);
    if fm.blocking_error().is_none() && fm.text(Role::Title).as_deref() == Some(title) {
        return text;
    }
    let date = Slot::Date { literal: now.date.clone(), quoted: false };
    render_yaml(&[("title".into(), Slot::Text(title.to_string())), ("date".into(), date)])
}

/// The start of a translation of `text` into `lang`: the same front matter, byte for byte
/// (with its `lang`, `language` or `locale` key set to `lang` where it has one), and an empty
/// body for the translator to write.
pub fn translation_text(text: &str, lang: &str) -> Result<String, EditError> {
    let parts = split(text);
    let fm = frontmatter::read(text, &parts);
    let mut out = edit::replace_body(text, "");
    // A post that names its language in the front matter names the new one.
    if let Some(key) =
        ["lang", "language", "locale"].into_iter().find(|k| fm.get(k).is_some_and(Value::is_string))
    {
        out = edit::set_field(&out, key, &Value::String(lang.to_string()))?;
    }
    Ok(out)
}

/// The text of a copy of a post: the title gets " (copy)", a `slug` key becomes `new_slug`,
/// and with `draft_key` (the folder marks drafts) the copy is a draft, under the post's own
/// draft key if it has one. Every other byte stays. Front matter that does not parse is copied
/// as it is: the writer sees the same error in the copy and nothing is guessed.
pub fn duplicate_text(text: &str, draft_key: Option<&str>, new_slug: &str) -> Result<String, EditError> {
    let parts = split(text);
    let fm = frontmatter::read(text, &parts);
    if fm.blocking_error().is_some() || parts.kind == FrontMatterKind::None {
        return Ok(text.to_string());
    }
    let mut out = text.to_string();
    if let Some(Value::String(title)) = fm.get("title") {
        out = edit::set_field(&out, "title", &Value::String(format!("{title} (copy)")))?;
    }
    if matches!(fm.get("slug"), Some(Value::String(_))) {
        out = edit::set_field(&out, "slug", &Value::String(new_slug.to_string()))?;
    }
    if let Some(folder_key) = draft_key {
        let key = fm.by_role(Role::Draft).map_or(folder_key, |(k, _)| k);
        out = edit::set_field(&out, key, &draft_value(key))?;
    }
    Ok(out)
}

/// The text of a renamed post whose `slug` key follows its new file name; None when the post
/// has no `slug` key (nothing to change).
pub fn with_slug(text: &str, new_slug: &str) -> Result<Option<String>, EditError> {
    let parts = split(text);
    let fm = frontmatter::read(text, &parts);
    if fm.blocking_error().is_some() || !matches!(fm.get("slug"), Some(Value::String(_))) {
        return Ok(None);
    }
    edit::set_field(text, "slug", &Value::String(new_slug.to_string())).map(Some)
}

#[cfg(test)]
mod tests;
