//! The table view's rows: for each post, the values of the columns the writer chose, read from
//! the values the index keeps (`PostFacts::values`), so a table of ten thousand posts is drawn
//! without reading a file. A column's key is dotted for a nested field (`heroImage.alt`).

use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

/// One post's values for the table's columns.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export, export_to = "Table.ts")]
pub struct TableRow {
    pub path: String,
    /// The value of each asked key, in order; null where the post lacks it.
    #[ts(type = "Array<unknown>")]
    pub values: Vec<Value>,
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

/// One post's row: the value of each key, null where it is missing.
pub fn row(path: &str, values: &Map<String, Value>, keys: &[String]) -> TableRow {
    TableRow {
        path: path.to_string(),
        values: keys.iter().map(|k| value_at(values, k).cloned().unwrap_or(Value::Null)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::schema::PostFacts;

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
    fn an_unreadable_front_matter_has_no_values() {
        let facts = PostFacts::extract("---\ntitle: [oops\n---\n");
        assert!(facts.unreadable);
        let r = row("a.md", &facts.values, &["title".to_string()]);
        assert_eq!(r.values, vec![Value::Null]);
    }
}
