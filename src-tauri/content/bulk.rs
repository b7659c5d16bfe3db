//! One bulk edit applied to one post's text: set a field, add, remove or rename a tag (or any
//! list item), set draft, or find and replace within one field. Each is the lossless edit of
//! `edit::apply`, the same path as `postdesk set`, so a batch over a thousand posts changes only
//! the named key's lines in each. Also the `--where KEY=VALUE` filter. Pure: the batch, its
//! progress, cancelling and undo are `workspace::bulk`'s.

use serde::Deserialize;
use serde_json::Value;
use ts_rs::TS;

use super::edit::{self, FieldOp};
use super::frontmatter::{self, scalar_text};
use super::split::split;

/// What a batch does to each post.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(tag = "op", rename_all = "camelCase", rename_all_fields = "camelCase")]
#[ts(export, export_to = "Bulk.ts")]
pub enum BulkOp {
    /// Set a key (dotted for a nested one) to a value.
    Set {
        key: String,
        #[ts(type = "unknown")]
        value: Value,
    },
    /// Add an item to a list (`tags`), making the list if there is none.
    AddItem { key: String, item: String },
    /// Remove an item from a list.
    RemoveItem { key: String, item: String },
    /// Rename an item of a list, or a text field equal to it (a category); dropped where the
    /// new name is already in the list.
    RenameItem { key: String, from: String, to: String },
    /// Find and replace within one text field or list of texts.
    Replace { key: String, find: String, replace: String },
}

/// What a batch did to one post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Changed(String),
    Unchanged,
    /// Not changed, and why (its front matter does not parse, the field is not text).
    Skipped(String),
}

fn edited(text: &str, key: &str, op: &FieldOp) -> Outcome {
    match edit::apply(text, key, op) {
        Ok(out) if out == text => Outcome::Unchanged,
        Ok(out) => Outcome::Changed(out),
        Err(e) => Outcome::Skipped(e.to_string()),
    }
}

/// `op` applied to a post's text.
pub fn apply(text: &str, op: &BulkOp) -> Outcome {
    let fm = || frontmatter::read(text, &split(text));
    match op {
        BulkOp::Set { key, value } => edited(text, key, &FieldOp::Set(value.clone())),
        BulkOp::AddItem { key, item } => match fm().get(key) {
            None | Some(Value::Array(_)) => edited(text, key, &FieldOp::Append(Value::String(item.clone()))),
            Some(_) => Outcome::Skipped(format!("`{key}` is not a list")),
        },
        BulkOp::RemoveItem { key, item } => match fm().get(key) {
            Some(Value::Array(_)) => edited(text, key, &FieldOp::RemoveItem(Value::String(item.clone()))),
            _ => Outcome::Unchanged,
        },
        BulkOp::RenameItem { key, from, to } => match fm().get(key) {
            Some(Value::Array(items)) => {
                if !items.iter().any(|i| i.as_str() == Some(from)) {
                    return Outcome::Unchanged;
                }
                let has_to = items.iter().any(|i| i.as_str() == Some(to));
                let renamed: Vec<Value> = items
                    .iter()
                    .filter(|i| !(has_to && i.as_str() == Some(from)))
                    .map(|i| if i.as_str() == Some(from) { Value::String(to.clone()) } else { i.clone() })
                    .collect();
                edited(text, key, &FieldOp::Set(Value::Array(renamed)))
            }
            Some(Value::String(s)) if s == from => {
                edited(text, key, &FieldOp::Set(Value::String(to.clone())))
            }
            _ => Outcome::Unchanged,
        },
        BulkOp::Replace { key, find, replace } => {
            if find.is_empty() {
                return Outcome::Skipped("nothing to find".into());
            }
            match fm().get(key) {
                None => Outcome::Unchanged,
                Some(Value::String(s)) if s.contains(find.as_str()) => {
                    edited(text, key, &FieldOp::Set(Value::String(s.replace(find.as_str(), replace))))
                }
                Some(Value::String(_)) => Outcome::Unchanged,
                Some(Value::Array(items)) if items.iter().all(Value::is_string) => {
                    let replaced: Vec<Value> = items
                        .iter()
                        .map(|i| {
                            Value::String(i.as_str().unwrap_or_default().replace(find.as_str(), replace))
                        })
                        .collect();
                    if &replaced == items {
                        Outcome::Unchanged
                    } else {
                        edited(text, key, &FieldOp::Set(Value::Array(replaced)))
                    }
                }
                Some(_) => Outcome::Skipped(format!("`{key}` is not text")),
            }
        }
    }
}

/// `KEY=VALUE` for `--where`: a post matches when the key's value reads as VALUE (a scalar's
/// text, `true`, `3`), or its list holds VALUE; `KEY=` matches a missing or empty key.
pub fn parse_condition(raw: &str) -> Option<(String, String)> {
    let (key, value) = raw.split_once('=')?;
    let key = key.trim();
    (!key.is_empty()).then(|| (key.to_string(), value.trim().to_string()))
}

/// Why a post's front matter cannot be read (its first blocking problem, located), if it
/// cannot: a `--where` cannot be answered for it, so it is skipped rather than passed over.
pub fn unreadable(text: &str) -> Option<String> {
    let fm = frontmatter::read(text, &split(text));
    fm.blocking_error().map(|d| {
        format!("its front matter does not parse (line {}, column {}: {})", d.line, d.column, d.message)
    })
}

/// Whether a post's text meets every condition.
pub fn matches(text: &str, conditions: &[(String, String)]) -> bool {
    if conditions.is_empty() {
        return true;
    }
    let fm = frontmatter::read(text, &split(text));
    conditions.iter().all(|(key, want)| match fm.get(key) {
        None | Some(Value::Null) => want.is_empty(),
        Some(Value::Array(items)) => {
            (want.is_empty() && items.is_empty())
                || items.iter().any(|i| scalar_text(i).as_deref() == Some(want))
        }
        Some(value) => scalar_text(value).as_deref() == Some(want.as_str()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str =
        "---\ntitle: A post # kept\ndraft: false\ntags: [rust, Rust, web]\ncategory: Notes\n---\nBody.\n";

    fn changed(out: Outcome) -> String {
        match out {
            Outcome::Changed(text) => text,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_op_changes_only_its_key() {
        let out = changed(apply(POST, &BulkOp::Set { key: "draft".into(), value: Value::Bool(true) }));
        assert_eq!(out, POST.replace("draft: false", "draft: true"));
        let out = changed(apply(POST, &BulkOp::AddItem { key: "tags".into(), item: "cli".into() }));
        assert_eq!(out, POST.replace("[rust, Rust, web]", "[rust, Rust, web, cli]"));
        assert_eq!(
            apply(POST, &BulkOp::AddItem { key: "tags".into(), item: "web".into() }),
            Outcome::Unchanged
        );
        let out = changed(apply(POST, &BulkOp::RemoveItem { key: "tags".into(), item: "web".into() }));
        assert_eq!(out, POST.replace("[rust, Rust, web]", "[rust, Rust]"));
        let out = changed(apply(
            POST,
            &BulkOp::RenameItem { key: "tags".into(), from: "Rust".into(), to: "rust".into() },
        ));
        assert_eq!(out, POST.replace("[rust, Rust, web]", "[rust, web]"), "merged into the existing name");
        let out = changed(apply(
            POST,
            &BulkOp::RenameItem { key: "category".into(), from: "Notes".into(), to: "Journal".into() },
        ));
        assert_eq!(out, POST.replace("category: Notes", "category: Journal"));
        let out = changed(apply(
            POST,
            &BulkOp::Replace { key: "title".into(), find: "post".into(), replace: "note".into() },
        ));
        assert_eq!(out, POST.replace("title: A post # kept", "title: A note # kept"));
    }

    #[test]
    fn what_cannot_apply_is_skipped_or_unchanged() {
        let broken = "---\ntitle: [unclosed\n---\nBody.\n";
        assert!(matches!(
            apply(broken, &BulkOp::Set { key: "draft".into(), value: Value::Bool(true) }),
            Outcome::Skipped(_)
        ));
        assert!(matches!(
            apply(POST, &BulkOp::AddItem { key: "title".into(), item: "x".into() }),
            Outcome::Skipped(_)
        ));
        assert_eq!(
            apply(POST, &BulkOp::RemoveItem { key: "nope".into(), item: "x".into() }),
            Outcome::Unchanged
        );
        assert!(matches!(
            apply(POST, &BulkOp::Replace { key: "draft".into(), find: "f".into(), replace: "t".into() }),
            Outcome::Skipped(_)
        ));
    }

    #[test]
    fn where_conditions() {
        assert_eq!(parse_condition("draft=true"), Some(("draft".into(), "true".into())));
        assert_eq!(parse_condition("=x"), None);
        let cond = |raw: &[&str]| raw.iter().filter_map(|r| parse_condition(r)).collect::<Vec<_>>();
        assert!(matches(POST, &cond(&["draft=false", "tags=web"])));
        assert!(!matches(POST, &cond(&["draft=true"])));
        assert!(matches(POST, &cond(&["missing="])));
        assert!(!matches(POST, &cond(&["tags=go"])));
    }
}
