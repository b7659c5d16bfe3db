//! The table view's rows: for each post, the values of the columns the writer chose, read from
//! the values the index keeps (`PostFacts::values`), so a table of ten thousand posts is drawn
//! without reading a file. A column's key is dotted for a nested field (`heroImage.alt`). A
//! post that writes a date, an updated date or a description under another of the role's
//! aliases (`date` in a folder of `pubDate`) shows it in that column, and says which key it
//! read, so an edit of the cell changes the key the post has rather than adding another.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use super::frontmatter::Role;

/// Roles whose aliases hold the same kind of value. `draft`/`published` mean opposite things
/// and the image's aliases differ in shape, so those columns show only their own key.
const SAME_SHAPE_ROLES: [Role; 3] = [Role::Date, Role::Updated, Role::Summary];

/// One post's values for the table's columns.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, export_to = "Table.ts")]
pub struct TableRow {
    pub path: String,
    /// The value of each asked key, in order; null where the post lacks it.
    #[ts(type = "Array<unknown>")]
    pub values: Vec<Value>,
    /// For a column whose key the post lacks but whose role it writes under another alias:
    /// the column's key and the key the value was read from.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(optional, type = "Record<string, string>")]
    pub from: BTreeMap<String, String>,
}

/// The table's values for every indexed post, read from the index (no file is read).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, export_to = "Table.ts")]
pub struct TableRows {
    pub keys: Vec<String>,
    pub rows: Vec<TableRow>,
}

/// The value at a dotted `key` in a front matter's values; a key that exists with a dot in
/// its own name (`"og.image": ...`) wins over the nested reading.
pub fn value_at<'a>(values: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if let Some(v) = values.get(key) {
        return Some(v);
    }
    let mut parts = key.split('.');
    let mut current = values.get(parts.next()?)?;
    for part in parts {
        current = current.as_object()?.get(part)?;
    }
    Some(current)
}

/// The alias of `key`'s role that the post writes instead of `key`, if it does.
fn alias_in_use(values: &Map<String, Value>, key: &str) -> Option<&'static str> {
    let role = SAME_SHAPE_ROLES.iter().find(|r| r.aliases().contains(&key))?;
    role.aliases().iter().find(|alias| **alias != key && value_at(values, alias).is_some()).copied()
}

/// One post's row from its values' JSON text (`PostFacts::values`): the value of each key (or
/// of its role's alias in use), null where it is missing.
pub fn row(path: &str, values_json: &str, keys: &[String]) -> TableRow {
    // The text was written by serde_json from a map; anything else reads as no values.
    let values: Map<String, Value> = serde_json::from_str(values_json).unwrap_or_default();
    let values = &values;
    let mut from = BTreeMap::new();
    let values = keys
        .iter()
        .map(|key| match value_at(values, key) {
            Some(v) => v.clone(),
            None => match alias_in_use(values, key) {
                Some(alias) => {
                    from.insert(key.clone(), alias.to_string());
                    value_at(values, alias).cloned().unwrap_or(Value::Null)
                }
                None => Value::Null,
            },
        })
        .collect();
    TableRow { path: path.to_string(), values, from }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schema::PostFacts;
    use serde_json::json;

    #[test]
    fn rows_take_top_level_and_nested_keys_in_order() {
        let facts = PostFacts::extract(
            "---\ntitle: Hi\nheroImage:\n  src: ./a.png\n  alt: A cat\ntags: [x, y]\n\"og.image\": /o.png\n---\nBody\n",
        );
        let keys: Vec<String> =
            ["tags", "heroImage.alt", "missing", "og.image", "title.deeper"].map(String::from).to_vec();
        let r = row("blog/a.md", &facts.values, &keys);
        assert_eq!(r.path, "blog/a.md");
        assert_eq!(
            r.values,
            vec![
                serde_json::json!(["x", "y"]),
                Value::String("A cat".into()),
                Value::Null,
                Value::String("/o.png".into()),
                Value::Null
            ]
        );
    }

    #[test]
    fn a_role_written_under_another_alias_fills_the_column_and_names_its_key() {
        let facts =
            PostFacts::extract("+++\ntitle = \"T\"\ndate = 2025-09-14T09:30:00+02:00\ndraft = false\n+++\n");
        let keys: Vec<String> = ["pubDate", "published", "description", "date"].map(String::from).to_vec();
        let r = row("a.md", &facts.values, &keys);
        assert_eq!(
            r.values,
            vec![
                json!("2025-09-14T09:30:00+02:00"),
                Value::Null,
                Value::Null,
                json!("2025-09-14T09:30:00+02:00")
            ]
        );
        assert_eq!(r.from, BTreeMap::from([("pubDate".to_string(), "date".to_string())]));
        assert_eq!(serde_json::to_value(&r).unwrap()["from"], json!({ "pubDate": "date" }));
        let plain = row("b.md", &PostFacts::extract("---\ntitle: B\n---\n").values, &keys);
        assert!(serde_json::to_value(&plain).unwrap().get("from").is_none(), "no key when no alias was read");
    }

    #[test]
    fn an_unreadable_front_matter_has_no_values() {
        let facts = PostFacts::extract("---\ntitle: [oops\n---\n");
        assert!(facts.unreadable);
        let r = row("a.md", &facts.values, &["title".to_string()]);
        assert_eq!(r.values, vec![Value::Null]);
    }
}
