//! Typed read of front matter, and lookup of fields by role.
//!
//! This module turns the front-matter span that `split` found into ordered values (as JSON
//! values, which is also what the UI receives) plus diagnostics with a line and column. A
//! problem never hides the post: invalid YAML gives empty values and a diagnostic, and the body
//! is still shown and editable. It never writes: lossless edits live in `edit`.

use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use super::split::{FrontMatterKind, Split};

/// How bad a diagnostic is: an error blocks field edits (the splice could hit the wrong bytes),
/// a warning only informs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export, export_to = "Severity.ts")]
pub enum Severity {
    Error,
    Warning,
}

/// A problem found while reading a post, located in the whole file (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "Diagnostic.ts")]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// Top-level keys in file order.
    pub values: Map<String, Value>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Roles are how the UI and the checks find a field whatever the generator calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Date,
    Updated,
    Draft,
    Summary,
    Image,
    Tags,
    Category,
}

impl Role {
    /// Aliases in priority order: the same role is `pubDate` in Astro, `date` in Hugo and
    /// Jekyll, `pubDatetime` in AstroPaper. Dotted paths reach into maps.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Role::Title => &["title"],
            Role::Date => &["pubDate", "date", "pubDatetime", "publishDate"],
            Role::Updated => &["updatedDate", "lastmod", "modDatetime", "updated"],
            Role::Draft => &["draft", "published"],
            Role::Summary => &["description", "summary", "excerpt"],
            Role::Image => &["heroImage", "image", "image.url", "ogImage", "cover"],
            Role::Tags => &["tags"],
            Role::Category => &["category", "categories"],
        }
    }
}

impl FrontMatter {
    /// The first diagnostic that makes edits unsafe, if any.
    pub fn blocking_error(&self) -> Option<&Diagnostic> {
        self.diagnostics.iter().find(|d| d.severity == Severity::Error)
    }

    /// The value at a dotted path such as `image.alt`.
    pub fn get(&self, path: &str) -> Option<&Value> {
        let mut parts = path.split('.');
        let mut current = self.values.get(parts.next()?)?;
        for part in parts {
            current = current.as_object()?.get(part)?;
        }
        Some(current)
    }

    /// The first alias of `role` present in this post, with its value.
    pub fn by_role(&self, role: Role) -> Option<(&'static str, &Value)> {
        role.aliases().iter().find_map(|key| {
            let value = self.get(key)?;
            // `image` as a map is reached through `image.url`, the next alias.
            if role == Role::Image && value.is_object() {
                return None;
            }
            Some((*key, value))
        })
    }

    pub fn text(&self, role: Role) -> Option<String> {
        self.by_role(role).and_then(|(_, v)| scalar_text(v))
    }

    pub fn draft(&self) -> bool {
        match self.by_role(Role::Draft) {
            Some(("published", v)) => v.as_bool() == Some(false),
            Some((_, v)) => v.as_bool().unwrap_or(false),
            None => false,
        }
    }

    /// Tags or categories as strings; a single string counts as a one-item list.
    pub fn list(&self, role: Role) -> Vec<String> {
        match self.by_role(role) {
            Some((_, Value::Array(items))) => items.iter().filter_map(scalar_text).collect(),
            Some((_, v)) => scalar_text(v).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

/// A scalar shown as text; lists and maps have no single text.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// 1-based line number of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> u32 {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count() as u32 + 1
}

pub fn read(text: &str, split: &Split) -> FrontMatter {
    read_span(&text[split.front_matter.clone()], split.kind, line_of(text, split.front_matter.start))
}

/// Reads front-matter source on its own (the raw editor's text), with diagnostics located in
/// that source: line 1 is its first line. No front matter yet reads as YAML, which is what a
/// new block would be written as.
pub fn read_source(kind: FrontMatterKind, source: &str) -> FrontMatter {
    let kind = if kind == FrontMatterKind::None { FrontMatterKind::Yaml } else { kind };
    read_span(source, kind, 1)
}

/// Why front matter is not parsed at all (too big, or nested too deeply for a parser to take
/// safely), located in `source`, or None when it may be parsed.
fn over_limits(source: &str) -> Option<(u32, u32, String)> {
    if source.len() > MAX_FRONT_MATTER_BYTES {
        let message = format!(
            "The front matter is {} KiB, over Postdesk's {} KiB limit for reading it as fields; it is shown \
             as text. Move large data out of the front matter (into a data file) to edit it here.",
            source.len() / 1024,
            MAX_FRONT_MATTER_BYTES / 1024
        );
        return Some((1, 1, message));
    }
    let offset = flow_depth_exceeds(source, MAX_FLOW_DEPTH)?;
    let line = line_of(source, offset);
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let message = format!(
        "The front matter nests `[` or `{{` more than {MAX_FLOW_DEPTH} levels deep, which no site generator \
         reads; it is shown as text. Remove the nesting in the raw front matter."
    );
    Some((line, (offset - line_start) as u32 + 1, message))
}

fn read_span(source: &str, kind: FrontMatterKind, first_line: u32) -> FrontMatter {
    super::work::parsed();
    let located = |severity: Severity, message: String, line: u32, column: u32| Diagnostic {
        severity,
        message,
        line: first_line + line.saturating_sub(1),
        column: column.max(1),
    };
    if kind != FrontMatterKind::None {
        if let Some(refused) = over_limits(source) {
            let (line, column, message) = refused;
            return FrontMatter {
                values: Map::new(),
                diagnostics: vec![located(Severity::Error, message, line, column)],
            };
        }
    }
    match kind {
        FrontMatterKind::None => FrontMatter::default(),
        FrontMatterKind::Yaml => read_yaml(source, located),
        FrontMatterKind::Toml => match source.parse::<toml_edit::DocumentMut>() {
            Ok(doc) => FrontMatter { values: toml_table(doc.as_table()), diagnostics: vec![] },
            Err(e) => {
                let (line, column) = e
                    .span()
                    .map(|s| {
                        let line = line_of(source, s.start);
                        let line_start = source[..s.start].rfind('\n').map_or(0, |i| i + 1);
                        (line, (s.start - line_start) as u32 + 1)
                    })
                    .unwrap_or((1, 1));
                let message = format!("Invalid TOML front matter: {}", e.message());
                FrontMatter {
                    values: Map::new(),
                    diagnostics: vec![located(Severity::Error, message, line, column)],
                }
            }
        },
        FrontMatterKind::Json => match serde_json::from_str::<Map<String, Value>>(source) {
            Ok(values) => FrontMatter { values, diagnostics: vec![] },
            Err(e) => {
                let message = format!("Invalid JSON front matter: {e}");
                let diagnostic = located(Severity::Error, message, e.line() as u32, e.column() as u32);
                FrontMatter { values: Map::new(), diagnostics: vec![diagnostic] }
            }
        },
    }
}

/// How many YAML values (scalars, lists and maps, keys included) one front matter may produce.
/// An alias counts every value it repeats, so a few kilobytes of nested aliases (a "billion
/// laughs") stop here instead of growing to gigabytes. Ten times what a megabyte of plain
/// front matter holds.
pub const MAX_VALUES: usize = 250_000;

/// The largest front matter read as fields. Anything bigger opens as text with the reason.
pub const MAX_FRONT_MATTER_BYTES: usize = 2 * 1024 * 1024;

/// How deeply `[` and `{` may nest before the YAML parser is asked at all. The parser's own
/// depth limit (128) applies only after it has read every token, and reading the tokens of a
/// deep flow nesting is what was slow: 200 KB of `[` took `postdesk render` 6.6 s.
const MAX_FLOW_DEPTH: usize = 128;

/// Duplicate keys listed one by one; past this, one line counts the rest. A generated file with
/// thousands of them needs one fix, not thousands of notices.
const MAX_DUPLICATES_SHOWN: usize = 50;

/// The message of a budget error, recognised when the deserializer hands it back.
const OVER_BUDGET: &str = "postdesk: over the value budget";

/// A YAML value read straight into JSON form, counting against a shared budget. serde_yaml's
/// own `Value` rejects integers beyond 64 bits and so would hide the whole post; here they
/// become approximate floats (and a warning). A duplicate key inside a nested map is an error
/// with its location.
struct Loose<'b>(&'b std::cell::Cell<usize>);

impl<'de> serde::de::DeserializeSeed<'de> for Loose<'_> {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Loose<'_> {
    /// Takes one value from the budget, or stops the read.
    fn take<E: serde::de::Error>(&self, value: Value) -> Result<Value, E> {
        match self.0.get().checked_sub(1) {
            Some(left) => {
                self.0.set(left);
                Ok(value)
            }
            None => Err(E::custom(OVER_BUDGET)),
        }
    }
}

impl<'de> serde::de::Visitor<'de> for Loose<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Value, E> {
        self.take(Value::Bool(v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Value, E> {
        self.take(Value::from(v))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Value, E> {
        self.take(Value::from(v))
    }
    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Value, E> {
        self.take(serde_json::Number::from_f64(v as f64).map_or(Value::Null, Value::Number))
    }
    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Value, E> {
        self.take(serde_json::Number::from_f64(v as f64).map_or(Value::Null, Value::Number))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        // .inf and .nan have no JSON form; show them as the text YAML would print.
        self.take(serde_json::Number::from_f64(v).map_or_else(|| Value::String(v.to_string()), Value::Number))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Value, E> {
        self.take(Value::String(v.to_string()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Value, E> {
        self.take(Value::String(v))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        self.take(Value::Null)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Value, E> {
        self.take(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.take::<A::Error>(Value::Null)?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Loose(self.0))? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.take::<A::Error>(Value::Null)?;
        let mut out = Map::new();
        while let Some(key) = map.next_key_seed(Loose(self.0))? {
            let value = map.next_value_seed(Loose(self.0))?;
            let key = scalar_text(&key).unwrap_or_else(|| key.to_string());
            if out.insert(key.clone(), value).is_some() {
                return Err(serde::de::Error::custom(format!("duplicate key `{key}` in a nested map")));
            }
        }
        Ok(Value::Object(out))
    }
}

/// The top-level mapping with its entries in order, duplicates included. Reading the top level
/// through this keeps a post with a duplicate key readable (real Jekyll posts have them) while
/// the duplicate still becomes an error.
struct Entries<'b>(&'b std::cell::Cell<usize>);

impl<'de> serde::de::DeserializeSeed<'de> for Entries<'_> {
    type Value = Vec<(Value, Value)>;
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Entries<'_> {
    type Value = Vec<(Value, Value)>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a mapping of keys to values")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key_seed(Loose(self.0))? {
            let value = map.next_value_seed(Loose(self.0))?;
            entries.push((key, value));
        }
        Ok(entries)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
}

/// Where each top-level key starts: its 1-based lines, in file order, by key. Built in one
/// pass, so locating thousands of duplicate keys stays linear.
struct KeyLines<'s> {
    lines: std::collections::HashMap<&'s str, Vec<u32>>,
    /// Each line's text, for the integer check.
    text: Vec<&'s str>,
}

impl<'s> KeyLines<'s> {
    fn new(source: &'s str) -> Self {
        let mut lines: std::collections::HashMap<&'s str, Vec<u32>> = Default::default();
        let text: Vec<&'s str> = source.lines().collect();
        for (i, line) in text.iter().enumerate() {
            if let Some(key) = top_level_key(line) {
                lines.entry(key).or_default().push(i as u32 + 1);
            }
        }
        KeyLines { lines, text }
    }

    /// The 1-based line of the `nth` top-level line that starts with `key:` (or a quoted key).
    fn line(&self, key: &str, nth: usize) -> u32 {
        self.lines.get(key).and_then(|l| l.get(nth)).copied().unwrap_or(1)
    }

    /// Is the value text on `key`'s line a plain integer literal (that may not fit in 64 bits)?
    fn looks_like_integer(&self, key: &str) -> bool {
        let line = self.line(key, 0) as usize;
        let Some(text) = self.text.get(line.saturating_sub(1)) else { return false };
        let value = text.split_once(':').map_or("", |(_, v)| v).split(" #").next().unwrap_or("").trim();
        let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    }
}

/// The key a top-level line starts (`key:`, `"key":` or `'key':`), if it starts one.
fn top_level_key(line: &str) -> Option<&str> {
    let quoted = |q: char| {
        line.strip_prefix(q).and_then(|rest| rest.split_once(q)).filter(|(_, after)| after.starts_with(':'))
    };
    if let Some((key, _)) = quoted('"').or_else(|| quoted('\'')) {
        return Some(key);
    }
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    line.split_once(':').map(|(key, _)| key.trim_end())
}

/// The deepest `[`/`{` nesting outside quotes, stopping as soon as it passes `limit`. It may
/// overcount (a bracket inside a plain scalar), which only matters past the limit, where the
/// YAML parser would refuse the text anyway.
fn flow_depth_exceeds(source: &str, limit: usize) -> Option<usize> {
    let (mut depth, mut quote) = (0usize, None::<u8>);
    for (offset, &b) in source.as_bytes().iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'\n') => {}
            (None, b'[' | b'{') => {
                depth += 1;
                if depth > limit {
                    return Some(offset);
                }
            }
            (None, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn read_yaml(source: &str, located: impl Fn(Severity, String, u32, u32) -> Diagnostic) -> FrontMatter {
    // Nothing but blank lines and comments: an empty mapping (serde_yaml reports it as an error).
    if source.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return FrontMatter::default();
    }
    let budget = std::cell::Cell::new(MAX_VALUES);
    let read =
        serde::de::DeserializeSeed::deserialize(Entries(&budget), serde_yaml::Deserializer::from_str(source));
    match read {
        Ok(entries) => {
            // Built only when a key must be located: most front matter has no duplicate and
            // no oversized integer, and this read runs for every post the index sees.
            let mut key_lines: Option<KeyLines> = None;
            let mut values = Map::new();
            let mut diagnostics = Vec::new();
            let mut seen: std::collections::HashMap<String, usize> = Default::default();
            let mut duplicates = 0usize;
            for (key, value) in entries {
                let key = scalar_text(&key).unwrap_or_else(|| key.to_string());
                let count = seen.entry(key.clone()).or_default();
                *count += 1;
                if *count > 1 {
                    duplicates += 1;
                }
                if *count > 1 && duplicates <= MAX_DUPLICATES_SHOWN {
                    diagnostics.push(located(
                        Severity::Error,
                        format!(
                            "Duplicate key `{key}`: Hugo and Astro refuse this file and Jekyll uses the last value. \
                             Remove one of them in the raw front matter."
                        ),
                        key_lines.get_or_insert_with(|| KeyLines::new(source)).line(&key, *count - 1),
                        1,
                    ));
                }
                if value.is_f64() {
                    let keys = key_lines.get_or_insert_with(|| KeyLines::new(source));
                    if keys.looks_like_integer(&key) {
                        diagnostics.push(located(
                            Severity::Warning,
                            format!("`{key}` is an integer too large for 64 bits; it is shown approximately and left as written."),
                            keys.line(&key, 0),
                            1,
                        ));
                    }
                }
                values.insert(key, value);
            }
            if duplicates > MAX_DUPLICATES_SHOWN {
                let more = duplicates - MAX_DUPLICATES_SHOWN;
                diagnostics.push(located(
                    Severity::Error,
                    format!("{more} more duplicate keys are not listed; remove the repeated keys in the raw front matter."),
                    1,
                    1,
                ));
            }
            FrontMatter { values, diagnostics }
        }
        Err(e) => {
            let (line, column) = e.location().map(|l| (l.line() as u32, l.column() as u32)).unwrap_or((1, 1));
            let text = e.to_string();
            let message = if text.contains(OVER_BUDGET) {
                format!(
                    "The front matter holds more than {MAX_VALUES} values (aliases count each value they repeat), \
                     which Postdesk does not read as fields; it is shown as text. Remove the repeated aliases \
                     in the raw front matter."
                )
            } else if text.contains("expected a mapping of keys to values") {
                "The front matter is not a mapping of keys to values; edit it as raw text.".to_string()
            } else {
                format!("Invalid YAML front matter: {e}")
            };
            FrontMatter {
                values: Map::new(),
                diagnostics: vec![located(Severity::Error, message, line, column)],
            }
        }
    }
}

fn toml_table(table: &toml_edit::Table) -> Map<String, Value> {
    table.iter().filter_map(|(k, item)| Some((k.to_string(), toml_item(item)?))).collect()
}

fn toml_item(item: &toml_edit::Item) -> Option<Value> {
    match item {
        toml_edit::Item::None => None,
        toml_edit::Item::Value(v) => Some(toml_value(v)),
        toml_edit::Item::Table(t) => Some(Value::Object(toml_table(t))),
        toml_edit::Item::ArrayOfTables(a) => {
            Some(Value::Array(a.iter().map(|t| Value::Object(toml_table(t))).collect()))
        }
    }
}

fn toml_value(value: &toml_edit::Value) -> Value {
    use toml_edit::Value as T;
    match value {
        T::String(s) => Value::String(s.value().clone()),
        T::Integer(i) => Value::from(*i.value()),
        T::Float(f) => serde_json::Number::from_f64(*f.value()).map_or(Value::Null, Value::Number),
        T::Boolean(b) => Value::Bool(*b.value()),
        T::Datetime(d) => Value::String(d.value().to_string()),
        T::Array(a) => Value::Array(a.iter().map(toml_value).collect()),
        T::InlineTable(t) => {
            Value::Object(t.iter().map(|(k, v)| (k.to_string(), toml_value(v))).collect::<Map<_, _>>())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::split::split;

    fn fm(text: &str) -> FrontMatter {
        read(text, &split(text))
    }

    #[test]
    fn yaml_values_keep_file_order() {
        let f = fm("---\nzeta: 1\nalpha: two\n---\n");
        let keys: Vec<_> = f.values.keys().cloned().collect();
        assert_eq!(keys, ["zeta", "alpha"]);
    }

    #[test]
    fn roles_follow_alias_priority() {
        let f = fm("---\ndate: 2024-01-01\npubDate: 2025-06-27\ntitle: T\n---\n");
        assert_eq!(f.by_role(Role::Date).map(|(k, _)| k), Some("pubDate"));
        assert_eq!(f.text(Role::Date).as_deref(), Some("2025-06-27"));
        assert_eq!(f.text(Role::Title).as_deref(), Some("T"));
    }

    #[test]
    fn nested_image_url_is_found_by_role() {
        let f = fm("---\nimage:\n  url: /x.png\n  alt: X\n---\n");
        assert_eq!(f.by_role(Role::Image).map(|(k, _)| k), Some("image.url"));
        assert_eq!(f.get("image.alt"), Some(&Value::String("X".into())));
    }

    #[test]
    fn published_false_means_draft() {
        assert!(fm("---\npublished: false\n---\n").draft());
        assert!(fm("---\ndraft: true\n---\n").draft());
        assert!(!fm("---\ntitle: x\n---\n").draft());
    }

    #[test]
    fn toml_values_and_datetimes() {
        let f = fm("+++\ntitle = \"Hugo\"\ndate = 2025-09-14T09:30:00+02:00\ntags = [\"a\", \"b\"]\n+++\n");
        assert_eq!(f.text(Role::Title).as_deref(), Some("Hugo"));
        assert_eq!(f.text(Role::Date).as_deref(), Some("2025-09-14T09:30:00+02:00"));
        assert_eq!(f.list(Role::Tags), ["a", "b"]);
    }

    #[test]
    fn invalid_yaml_is_a_located_diagnostic() {
        let f = fm("---\ntitle: ok\nbad: [unclosed\n---\nbody");
        assert!(f.values.is_empty());
        let d = &f.diagnostics[0];
        assert!(d.message.starts_with("Invalid YAML"), "{}", d.message);
        assert!(d.line >= 3, "line {} should point into the front matter", d.line);
    }

    #[test]
    fn duplicate_keys_are_an_error_and_the_post_stays_readable() {
        let f = fm("---\ntitle: a\ndate: 2025-01-01\ntitle: b\n---\n");
        assert_eq!(f.diagnostics.len(), 1);
        let d = &f.diagnostics[0];
        assert_eq!((d.severity, d.line), (Severity::Error, 4), "{d:?}");
        assert!(d.message.contains("Duplicate key `title`"));
        assert_eq!(f.text(Role::Title).as_deref(), Some("b"), "Jekyll's reading: the last one wins");
        assert_eq!(f.text(Role::Date).as_deref(), Some("2025-01-01"));
    }

    #[test]
    fn a_huge_integer_is_a_warning_not_an_error() {
        let f = fm("---\nviews: 123456789012345678901234567890\ntitle: t\n---\n");
        assert_eq!(f.diagnostics.len(), 1, "{:?}", f.diagnostics);
        assert_eq!(f.diagnostics[0].severity, Severity::Warning, "{:?}", f.diagnostics);
        assert!(f.blocking_error().is_none());
    }

    #[test]
    fn deep_nesting_is_a_diagnostic() {
        let depth = 10_000;
        let text = format!("---\nk: {}{}\n---\n", "[".repeat(depth), "]".repeat(depth));
        let f = fm(&text);
        assert!(f.blocking_error().is_some());
        let text = format!("---\nk: {}1\n---\n", "- ".repeat(depth));
        assert!(fm(&text).blocking_error().is_some());
    }

    #[test]
    fn an_alias_bomb_is_a_diagnostic() {
        let mut yaml = String::from(
            "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names: Vec<char> = "bcdefghij".chars().collect();
        let mut prev = 'a';
        for n in names {
            yaml.push_str(&format!(
                "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
            prev = n;
        }
        yaml.push_str("---\n");
        let f = fm(&yaml);
        assert!(f.blocking_error().is_some(), "{:?}", f.diagnostics);
    }

    #[test]
    fn a_megabyte_of_front_matter_reads() {
        let mut text = String::from("---\n");
        while text.len() < 1_000_000 {
            text.push_str(&format!("key{}: \"a value that is long enough to fill the line\"\n", text.len()));
        }
        text.push_str("---\nbody\n");
        let f = fm(&text);
        assert!(f.diagnostics.is_empty());
        assert!(f.values.len() > 10_000);
    }

    /// The alias bomb of issue 14: 5 KB that expand to 100 million strings (47 s and 10 GB
    /// before the value budget).
    fn nested_alias_bomb() -> String {
        let list = |item: &str, n: usize| vec![item; n].join(",");
        format!(
            "---\na: &a [{}]\nb: &b [{}]\nc: [{}]\n---\nBody\n",
            list("x", 1000),
            list("*a", 100),
            list("*b", 1000)
        )
    }

    #[test]
    fn a_nested_alias_bomb_stops_at_the_value_budget() {
        let text = nested_alias_bomb();
        assert!(text.len() < 6_000, "{}", text.len());
        let f = fm(&text);
        let error = f.blocking_error().expect("the bomb is refused");
        assert!(error.message.contains("more than 250000 values"), "{}", error.message);
        assert!(f.values.is_empty(), "no half-read fields");
    }

    #[test]
    fn aliases_within_the_budget_still_read() {
        let f = fm("---\nbase: &b {x: 1, y: 2}\nfirst: *b\nsecond: *b\n---\n");
        assert!(f.diagnostics.is_empty(), "{:?}", f.diagnostics);
        assert_eq!(f.get("second.y"), Some(&Value::from(2)));
    }

    #[test]
    fn thousands_of_duplicate_keys_give_a_bounded_list_with_true_lines() {
        let mut text = String::from("---\ntitle: first\n");
        for i in 0..16_000 {
            text.push_str(&format!("k{}: {i}\n", i % 2));
        }
        text.push_str("---\n");
        let f = fm(&text);
        assert_eq!(f.diagnostics.len(), MAX_DUPLICATES_SHOWN + 1, "{:?}", &f.diagnostics[..3]);
        // The first duplicate of k0 is its second occurrence: line 2 of the file is `title`,
        // k0 first sits on line 3, so its second on line 5.
        assert_eq!(f.diagnostics[0].line, 5, "{:?}", f.diagnostics[0]);
        assert!(f.diagnostics[0].message.contains("Duplicate key `k0`"));
        let last = f.diagnostics.last().unwrap();
        assert!(last.message.starts_with("15948 more duplicate keys"), "{}", last.message);
        assert_eq!(f.text(Role::Title).as_deref(), Some("first"));
    }

    #[test]
    fn quoted_and_spaced_keys_are_located() {
        let f = fm("---\n\"a b\": 1\nc: 2\n'a b': 3\n---\n");
        assert_eq!(f.diagnostics[0].line, 4, "{:?}", f.diagnostics);
    }

    #[test]
    fn deep_flow_nesting_is_refused_before_parsing() {
        let text = format!("---\ntitle: t\nk: {}\n---\nBody\n", "[".repeat(200_000));
        let f = fm(&text);
        let error = f.blocking_error().expect("refused");
        assert!(error.message.contains("more than 128 levels"), "{}", error.message);
        assert_eq!((error.line, error.column), (3, 4 + 129 - 1), "{error:?}");
        // Brackets inside quotes are text, not nesting.
        let quoted = format!("---\nk: \"{}\"\n---\n", "[".repeat(500));
        assert!(fm(&quoted).diagnostics.is_empty(), "{:?}", fm(&quoted).diagnostics);
    }

    #[test]
    fn front_matter_over_the_size_limit_is_text_with_the_reason() {
        let text = format!("---\nk: \"{}\"\n---\nBody\n", "a".repeat(MAX_FRONT_MATTER_BYTES));
        let f = fm(&text);
        let error = f.blocking_error().expect("refused");
        assert!(error.message.contains("over Postdesk's 2048 KiB limit"), "{}", error.message);
        let toml = format!("+++\nk = \"{}\"\n+++\n", "a".repeat(MAX_FRONT_MATTER_BYTES));
        assert!(fm(&toml).blocking_error().is_some());
    }

    #[test]
    fn comments_only_front_matter_is_empty_not_an_error() {
        let f = fm("---\n# nothing yet\n\n---\nBody\n");
        assert_eq!(f, FrontMatter::default());
    }

    #[test]
    fn a_list_at_the_top_level_is_explained() {
        let f = fm("---\n- a\n- b\n---\n");
        assert!(f.diagnostics[0].message.contains("not a mapping"), "{:?}", f.diagnostics);
    }
}
