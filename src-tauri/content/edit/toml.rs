//! TOML front-matter edits through toml_edit, which keeps comments, spacing and key order.
//! The edited value keeps the old value's decor (spacing and end comment), and a datetime stays
//! a datetime literal when the new text is one.

use serde_json::Value;

use super::yaml::splice;
use super::EditError;
use crate::content::split::Split;

pub(super) fn apply(
    text: &str,
    split: &Split,
    path: &[&str],
    value: Option<&Value>,
) -> Result<String, EditError> {
    let source = &text[split.front_matter.clone()];
    let mut doc: toml_edit::DocumentMut = source.parse().map_err(|e: toml_edit::TomlError| {
        EditError::Unparsable { key: path.join("."), line: 1, column: 1, message: e.message().to_string() }
    })?;
    let (parents, key) = path.split_at(path.len() - 1);
    let key = key[0];
    let mut table: &mut dyn toml_edit::TableLike = doc.as_table_mut();
    for (depth, parent) in parents.iter().enumerate() {
        if table.get(parent).is_none() {
            if value.is_none() {
                return Ok(text.to_string());
            }
            table.insert(parent, toml_edit::Item::Table(toml_edit::Table::new()));
        }
        table = table.get_mut(parent).and_then(|item| item.as_table_like_mut()).ok_or_else(|| {
            EditError::Unsupported {
                what: format!("`{}`, because it is not a table", path[..=depth].join(".")),
            }
        })?;
    }
    match value {
        None => {
            table.remove(key);
        }
        Some(value) => {
            let old = table.get(key).and_then(|i| i.as_value()).cloned();
            let mut new = to_toml(value, old.as_ref()).ok_or_else(|| EditError::Unsupported {
                what: format!("this value for `{}` in TOML", path.join(".")),
            })?;
            if let Some(old) = &old {
                *new.decor_mut() = old.decor().clone();
            }
            match table.get_mut(key) {
                Some(item) => *item = toml_edit::Item::Value(new),
                None => {
                    table.insert(key, toml_edit::Item::Value(new));
                }
            }
        }
    }
    let mut rendered = doc.to_string();
    if split.newline == "\r\n" {
        rendered = rendered.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok(splice(text, split.front_matter.clone(), &rendered))
}

fn to_toml(value: &Value, old: Option<&toml_edit::Value>) -> Option<toml_edit::Value> {
    Some(match value {
        Value::String(s) => {
            if matches!(old, Some(toml_edit::Value::Datetime(_))) {
                if let Ok(dt) = s.parse::<toml_edit::Datetime>() {
                    return Some(toml_edit::Value::from(dt));
                }
            }
            toml_edit::Value::from(s.as_str())
        }
        Value::Bool(b) => toml_edit::Value::from(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml_edit::Value::from(i),
            None => toml_edit::Value::from(n.as_f64()?),
        },
        Value::Array(items) => {
            let mut array = toml_edit::Array::new();
            let old_items = match old {
                Some(toml_edit::Value::Array(a)) => Some(a),
                _ => None,
            };
            for (i, item) in items.iter().enumerate() {
                // Unchanged items keep their exact text.
                let kept =
                    old_items.and_then(|a| a.get(i)).filter(|o| toml_json(o).as_ref() == Some(item)).cloned();
                match kept {
                    Some(o) => array.push_formatted(o),
                    None => array.push_formatted(to_toml(item, None)?),
                }
            }
            match old_items {
                None => array.fmt(),
                Some(old) => {
                    array.set_trailing(old.trailing().clone());
                    array.set_trailing_comma(old.trailing_comma());
                    let first_prefix = old.get(0).and_then(|v| v.decor().prefix()).cloned();
                    for i in 0..array.len() {
                        let Some(v) = array.get_mut(i) else { continue };
                        let prefix = v.decor().prefix().and_then(|p| p.as_str()).unwrap_or("").to_string();
                        if i == 0 {
                            v.decor_mut().set_prefix(first_prefix.clone().unwrap_or_default());
                        } else if prefix.is_empty() {
                            // An item that moved up from first place, or a new one: ", " spacing.
                            v.decor_mut().set_prefix(" ");
                        }
                    }
                }
            }
            toml_edit::Value::Array(array)
        }
        Value::Null => return None,
        Value::Object(map) => {
            let mut table = toml_edit::InlineTable::new();
            for (k, v) in map {
                table.insert(k, to_toml(v, None)?);
            }
            table.fmt();
            toml_edit::Value::InlineTable(table)
        }
    })
}

fn toml_json(value: &toml_edit::Value) -> Option<Value> {
    Some(match value {
        toml_edit::Value::String(s) => Value::String(s.value().clone()),
        toml_edit::Value::Integer(i) => Value::from(*i.value()),
        toml_edit::Value::Boolean(b) => Value::Bool(*b.value()),
        toml_edit::Value::Datetime(d) => Value::String(d.value().to_string()),
        _ => return None,
    })
}
