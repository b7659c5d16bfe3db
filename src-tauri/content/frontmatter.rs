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
    /// Aliases in priority order (DESIGN.md, "Front matter roles"). Dotted paths reach into maps.
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

fn read_span(source: &str, kind: FrontMatterKind, first_line: u32) -> FrontMatter {
    let located = |severity: Severity, message: String, line: u32, column: u32| Diagnostic {
        severity,
        message,
        line: first_line + line.saturating_sub(1),
        column: column.max(1),
    };
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

/// A YAML value read straight into JSON form. serde_yaml's own `Value` rejects integers beyond
/// 64 bits and so would hide the whole post; here they become approximate floats (and a
/// warning). A duplicate key inside a nested map is an error with its location.
struct Loose(Value);

impl<'de> serde::Deserialize<'de> for Loose {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> serde::de::Visitor<'de> for LooseVisitor {
    type Value = Loose;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Loose, E> {
        Ok(Loose(Value::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Loose, E> {
        Ok(Loose(Value::from(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Loose, E> {
        Ok(Loose(Value::from(v)))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Loose, E> {
        Ok(Loose(serde_json::Number::from_f64(v as f64).map_or(Value::Null, Value::Number)))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Loose, E> {
        Ok(Loose(serde_json::Number::from_f64(v as f64).map_or(Value::Null, Value::Number)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Loose, E> {
        // .inf and .nan have no JSON form; show them as the text YAML would print.
        Ok(Loose(serde_json::Number::from_f64(v).map_or_else(|| Value::String(v.to_string()), Value::Number)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose(Value::String(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Loose, E> {
        Ok(Loose(Value::String(v)))
    }
    fn visit_unit<E>(self) -> Result<Loose, E> {
        Ok(Loose(Value::Null))
    }
    fn visit_none<E>(self) -> Result<Loose, E> {
        Ok(Loose(Value::Null))
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Loose, D::Error> {
        serde::Deserialize::deserialize(d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        let mut items = Vec::new();
        while let Some(Loose(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Loose(Value::Array(items)))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        let mut out = Map::new();
        while let Some((Loose(key), Loose(value))) = map.next_entry()? {
            let key = scalar_text(&key).unwrap_or_else(|| key.to_string());
            if out.insert(key.clone(), value).is_some() {
                return Err(serde::de::Error::custom(format!("duplicate key `{key}` in a nested map")));
            }
        }
        Ok(Loose(Value::Object(out)))
    }
}

/// The top-level mapping with its entries in order, duplicates included. Reading the top level
/// through this keeps a post with a duplicate key readable (real Jekyll posts have them) while
/// the duplicate still becomes an error.
struct Entries(Vec<(Value, Value)>);

impl<'de> serde::Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Entries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping of keys to values")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some((Loose(key), Loose(value))) = map.next_entry()? {
                    entries.push((key, value));
                }
                Ok(Entries(entries))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Entries, E> {
                Ok(Entries(Vec::new()))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// The 1-based line of the `nth` top-level line that starts with `key:` (or a quoted key).
fn key_line(source: &str, key: &str, nth: usize) -> u32 {
    let starts = |line: &str| {
        [format!("{key}:"), format!("\"{key}\":"), format!("'{key}':")]
            .iter()
            .any(|p| line.starts_with(p.as_str()))
    };
    source.lines().enumerate().filter(|(_, l)| starts(l)).nth(nth).map_or(1, |(i, _)| i as u32 + 1)
}

/// Is the value text on `key`'s line a plain integer literal (that may not fit in 64 bits)?
fn looks_like_integer(source: &str, key: &str) -> bool {
    let line = key_line(source, key, 0) as usize;
    let Some(text) = source.lines().nth(line.saturating_sub(1)) else { return false };
    let value = text.split_once(':').map_or("", |(_, v)| v).split(" #").next().unwrap_or("").trim();
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn read_yaml(source: &str, located: impl Fn(Severity, String, u32, u32) -> Diagnostic) -> FrontMatter {
    // Nothing but blank lines and comments: an empty mapping (serde_yaml reports it as an error).
    if source.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return FrontMatter::default();
    }
    match serde_yaml::from_str::<Entries>(source) {
        Ok(Entries(entries)) => {
            let mut values = Map::new();
            let mut diagnostics = Vec::new();
            let mut seen: std::collections::HashMap<String, usize> = Default::default();
            for (key, value) in entries {
                let key = scalar_text(&key).unwrap_or_else(|| key.to_string());
                let count = seen.entry(key.clone()).or_default();
                *count += 1;
                if *count > 1 {
                    diagnostics.push(located(
                        Severity::Error,
                        format!(
                            "Duplicate key `{key}`: Hugo and Astro refuse this file and Jekyll uses the last value. \
                             Remove one of them in the raw front matter."
                        ),
                        key_line(source, &key, *count - 1),
                        1,
                    ));
                }
                if value.is_f64() && looks_like_integer(source, &key) {
                    diagnostics.push(located(
                        Severity::Warning,
                        format!("`{key}` is an integer too large for 64 bits; it is shown approximately and left as written."),
                        key_line(source, &key, 0),
                        1,
                    ));
                }
                values.insert(key, value);
            }
            FrontMatter { values, diagnostics }
        }
        Err(e) => {
            let (line, column) = e.location().map(|l| (l.line() as u32, l.column() as u32)).unwrap_or((1, 1));
            let message = if e.to_string().contains("expected a mapping of keys to values") {
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
