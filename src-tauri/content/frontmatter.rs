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

/// A problem found while reading a post, located in the whole file (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, export_to = "Diagnostic.ts")]
pub struct Diagnostic {
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
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u32
        + 1
}

pub fn read(text: &str, split: &Split) -> FrontMatter {
    let source = &text[split.front_matter.clone()];
    let first_line = line_of(text, split.front_matter.start);
    let located = |message: String, line: u32, column: u32| Diagnostic {
        message,
        line: first_line + line.saturating_sub(1),
        column: column.max(1),
    };
    match split.kind {
        FrontMatterKind::None => FrontMatter::default(),
        FrontMatterKind::Yaml => read_yaml(source, located),
        FrontMatterKind::Toml => match source.parse::<toml_edit::DocumentMut>() {
            Ok(doc) => FrontMatter {
                values: toml_table(doc.as_table()),
                diagnostics: vec![],
            },
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
                    diagnostics: vec![located(message, line, column)],
                }
            }
        },
        FrontMatterKind::Json => match serde_json::from_str::<Map<String, Value>>(source) {
            Ok(values) => FrontMatter {
                values,
                diagnostics: vec![],
            },
            Err(e) => {
                let message = format!("Invalid JSON front matter: {e}");
                let diagnostic = located(message, e.line() as u32, e.column() as u32);
                FrontMatter {
                    values: Map::new(),
                    diagnostics: vec![diagnostic],
                }
            }
        },
    }
}

fn read_yaml(source: &str, located: impl Fn(String, u32, u32) -> Diagnostic) -> FrontMatter {
    if source.trim().is_empty() {
        return FrontMatter::default();
    }
    match serde_yaml::from_str::<serde_yaml::Value>(source) {
        Ok(serde_yaml::Value::Mapping(map)) => {
            let mut values = Map::new();
            let mut diagnostics = Vec::new();
            for (key, value) in map {
                let key = match key {
                    serde_yaml::Value::String(s) => s,
                    other => match serde_json::to_value(&other) {
                        Ok(v) => scalar_text(&v).unwrap_or_default(),
                        Err(_) => continue,
                    },
                };
                match serde_json::to_value(&value) {
                    Ok(v) => {
                        values.insert(key, v);
                    }
                    Err(e) => diagnostics.push(located(
                        format!("The value of `{key}` cannot be shown as a field: {e}"),
                        1,
                        1,
                    )),
                }
            }
            FrontMatter {
                values,
                diagnostics,
            }
        }
        Ok(serde_yaml::Value::Null) => FrontMatter::default(),
        Ok(_) => FrontMatter {
            values: Map::new(),
            diagnostics: vec![located(
                "The front matter is not a mapping of keys to values; edit it as raw text.".into(),
                1,
                1,
            )],
        },
        Err(e) => {
            let (line, column) = e
                .location()
                .map(|l| (l.line() as u32, l.column() as u32))
                .unwrap_or((1, 1));
            FrontMatter {
                values: Map::new(),
                diagnostics: vec![located(
                    format!("Invalid YAML front matter: {e}"),
                    line,
                    column,
                )],
            }
        }
    }
}

fn toml_table(table: &toml_edit::Table) -> Map<String, Value> {
    table
        .iter()
        .filter_map(|(k, item)| Some((k.to_string(), toml_item(item)?)))
        .collect()
}

fn toml_item(item: &toml_edit::Item) -> Option<Value> {
    match item {
        toml_edit::Item::None => None,
        toml_edit::Item::Value(v) => Some(toml_value(v)),
        toml_edit::Item::Table(t) => Some(Value::Object(toml_table(t))),
        toml_edit::Item::ArrayOfTables(a) => Some(Value::Array(
            a.iter().map(|t| Value::Object(toml_table(t))).collect(),
        )),
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
        T::InlineTable(t) => Value::Object(
            t.iter()
                .map(|(k, v)| (k.to_string(), toml_value(v)))
                .collect::<Map<_, _>>(),
        ),
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
        let f = fm(
            "+++\ntitle = \"Hugo\"\ndate = 2025-09-14T09:30:00+02:00\ntags = [\"a\", \"b\"]\n+++\n",
        );
        assert_eq!(f.text(Role::Title).as_deref(), Some("Hugo"));
        assert_eq!(
            f.text(Role::Date).as_deref(),
            Some("2025-09-14T09:30:00+02:00")
        );
        assert_eq!(f.list(Role::Tags), ["a", "b"]);
    }

    #[test]
    fn invalid_yaml_is_a_located_diagnostic() {
        let f = fm("---\ntitle: ok\nbad: [unclosed\n---\nbody");
        assert!(f.values.is_empty());
        let d = &f.diagnostics[0];
        assert!(d.message.starts_with("Invalid YAML"), "{}", d.message);
        assert!(
            d.line >= 3,
            "line {} should point into the front matter",
            d.line
        );
    }

    #[test]
    fn duplicate_keys_are_a_diagnostic_not_a_crash() {
        let f = fm("---\ntitle: a\ntitle: b\n---\n");
        assert_eq!(f.diagnostics.len(), 1);
    }
}
