//! Lossless edits: change one front-matter field, or the body, and no other byte.
//!
//! Every save in the app and every `postdesk set` goes through here. Each format is edited in
//! place: YAML and JSON by splicing the byte range of the key's node (`yaml`, `json`), TOML
//! through toml_edit, which keeps formatting (`toml`). The body is spliced over the span that
//! differs (`body`). An operation whose result equals the current value returns the text
//! unchanged, byte for byte. Front matter that does not parse is never edited: the caller gets
//! `Unparsable` with the line and column, and the file stays as it is. Pure: text in, text out,
//! never a panic.

mod body;
mod json;
mod rename;
mod source;
mod toml;
mod yaml;

use serde_json::Value;

pub use body::replace_body;
pub use rename::{rename_key, unwrap_fence};
pub use source::replace_front_matter;

use super::frontmatter::{self, FrontMatter};
use super::split::{split, FrontMatterKind};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error(
        "line {line}, column {column}: {message}; fix the front matter as raw text before editing `{key}`"
    )]
    Unparsable { key: String, line: u32, column: u32, message: String },
    #[error("`{key}` is missing, so nothing under it can be changed")]
    MissingParent { key: String },
    #[error("`{key}` is not a list")]
    NotAList { key: String },
    #[error("`{key}` is not in the front matter")]
    NotFound { key: String },
    #[error("the front matter source has a problem at line {line}, column {column}: {message}")]
    InvalidSource { line: u32, column: u32, message: String },
    #[error("cannot edit {what}")]
    Unsupported { what: String },
}

/// One change to a post's front matter.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldOp {
    /// Set a key (a dotted path reaches into maps); adds it at a sensible place if missing.
    Set(Value),
    /// Remove a key and all its lines.
    Remove,
    /// Append an item to a list (creating the list if missing); no-op if already present.
    Append(Value),
    /// Remove every occurrence of an item from a list.
    RemoveItem(Value),
}

fn checked(text: &str, key: &str) -> Result<(super::split::Split, FrontMatter), EditError> {
    let parts = split(text);
    let current = frontmatter::read(text, &parts);
    if let Some(d) = current.blocking_error() {
        return Err(EditError::Unparsable {
            key: key.into(),
            line: d.line,
            column: d.column,
            message: d.message.clone(),
        });
    }
    Ok((parts, current))
}

/// Applies `op` to the key at `path` (dotted, such as `image.alt`).
pub fn apply(text: &str, path: &str, op: &FieldOp) -> Result<String, EditError> {
    let (parts, current) = checked(text, path)?;
    let keys: Vec<&str> = path.split('.').collect();
    if keys.iter().any(|k| k.is_empty()) {
        return Err(EditError::Unsupported { what: format!("the key `{path}`") });
    }
    let old = current.get(path);
    let new = match op {
        FieldOp::Remove => None,
        FieldOp::Set(value) => Some(value.clone()),
        FieldOp::Append(item) => Some(match old {
            Some(Value::Array(items)) if items.contains(item) => return Ok(text.to_string()),
            Some(Value::Array(items)) => Value::Array(items.iter().cloned().chain([item.clone()]).collect()),
            None => Value::Array(vec![item.clone()]),
            Some(_) => return Err(EditError::NotAList { key: path.into() }),
        }),
        FieldOp::RemoveItem(item) => Some(match old {
            Some(Value::Array(items)) => Value::Array(items.iter().filter(|i| *i != item).cloned().collect()),
            None => return Ok(text.to_string()),
            Some(_) => return Err(EditError::NotAList { key: path.into() }),
        }),
    };
    if new.as_ref() == old {
        return Ok(text.to_string());
    }
    let edited = match (parts.kind, &new) {
        (FrontMatterKind::Yaml, Some(value)) => yaml::set(text, &parts, &keys, old, value)?,
        (FrontMatterKind::Yaml, None) => yaml::remove(text, &parts, &keys)?,
        (FrontMatterKind::Toml, value) => toml::apply(text, &parts, &keys, value.as_ref())?,
        (FrontMatterKind::Json, value) => json::apply(text, &parts, &keys, value.as_ref())?,
        (FrontMatterKind::None, Some(value)) => yaml::create(text, &parts, &keys, value),
        (FrontMatterKind::None, None) => return Ok(text.to_string()),
    };
    verify(text, &edited, &current, &keys, new.as_ref())?;
    Ok(edited)
}

/// The last line of defence: the edited text must read back as exactly the old front matter
/// with this one change, and the body must be untouched. A splice that got it wrong is refused
/// here, so a broken file is never written.
fn verify(
    text: &str,
    edited: &str,
    before: &FrontMatter,
    keys: &[&str],
    new: Option<&Value>,
) -> Result<(), EditError> {
    let mut expected = before.values.clone();
    set_path(&mut expected, keys, new.cloned());
    let parts = split(edited);
    let after = frontmatter::read(edited, &parts);
    let body_kept = edited[parts.body.clone()] == text[split(text).body];
    let readable = after.blocking_error().is_none();
    let same = same_values(&Value::Object(after.values), &Value::Object(expected));
    if readable && same && body_kept {
        return Ok(());
    }
    Err(EditError::Unsupported {
        what: format!(
            "`{}` in this front matter safely (the result would not read back as intended)",
            keys.join(".")
        ),
    })
}

/// Equal values, where an empty map and no value count as the same: `image:` left with no
/// children reads as null in YAML and as an empty table in TOML.
fn same_values(a: &Value, b: &Value) -> bool {
    let empty = |v: &Value| v.is_null() || v.as_object().is_some_and(|m| m.is_empty());
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.keys().all(|k| match (x.get(k), y.get(k)) {
                    (Some(p), Some(q)) => same_values(p, q),
                    _ => false,
                })
        }
        _ if empty(a) && empty(b) => true,
        _ => a == b,
    }
}

/// Sets (or with None, removes) the value at a key path in a JSON map, creating parent maps.
fn set_path(map: &mut serde_json::Map<String, Value>, keys: &[&str], value: Option<Value>) {
    let Some((last, parents)) = keys.split_last() else { return };
    let mut current = map;
    for key in parents {
        let entry = current.entry(key.to_string()).or_insert_with(|| Value::Object(Default::default()));
        if !entry.is_object() {
            *entry = Value::Object(Default::default());
        }
        let Value::Object(next) = entry else { return };
        current = next;
    }
    match value {
        Some(v) => {
            current.insert(last.to_string(), v);
        }
        None => {
            current.remove(*last);
        }
    }
}

/// Sets the key at `path` to `value`.
pub fn set_field(text: &str, path: &str, value: &Value) -> Result<String, EditError> {
    apply(text, path, &FieldOp::Set(value.clone()))
}

pub fn remove_field(text: &str, path: &str) -> Result<String, EditError> {
    apply(text, path, &FieldOp::Remove)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod properties;
