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

fn is_literal(value: &toml_edit::Value) -> bool {
    value.as_str().is_some() && value.to_string().trim_start().starts_with('\'')
}

/// A string in the same quoting as `like`: a 'literal' string stays literal when it can.
fn toml_string(s: &str, like: Option<&toml_edit::Value>) -> toml_edit::Value {
    if like.is_some_and(is_literal) && !s.contains('\'') && !s.chars().any(char::is_control) {
        if let Ok(v) = format!("'{s}'").parse::<toml_edit::Value>() {
            return v;
        }
    }
    toml_edit::Value::from(s)
}

fn to_toml(value: &Value, old: Option<&toml_edit::Value>) -> Option<toml_edit::Value> {
    Some(match value {
        Value::String(s) => {
            if matches!(old, Some(toml_edit::Value::Datetime(_))) {
                if let Ok(dt) = s.parse::<toml_edit::Datetime>() {
                    return Some(toml_edit::Value::from(dt));
                }
            }
            toml_string(s, old)
        }
        Value::Bool(b) => toml_edit::Value::from(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml_edit::Value::from(i),
            None => toml_edit::Value::from(n.as_f64()?),
        },
        Value::Array(items) => {
            let Some(toml_edit::Value::Array(old_array)) = old else {
                let mut array = toml_edit::Array::new();
                for item in items {
                    array.push(to_toml(item, None)?);
                }
                return Some(toml_edit::Value::Array(array));
            };
            // Items that stay keep their exact text and spacing; new ones copy the first item's
            // quoting and take ", " spacing.
            let old_items: Vec<&toml_edit::Value> = old_array.iter().collect();
            let old_json: Vec<Value> =
                old_items.iter().map(|v| toml_json(v).unwrap_or(Value::Null)).collect();
            let kept = super::yaml::kept_from(&old_json, items);
            let mut array = toml_edit::Array::new();
            for (item, keep) in items.iter().zip(&kept) {
                match keep {
                    Some(i) => array.push_formatted(old_items[*i].clone()),
                    None => {
                        let mut v = to_toml(item, old_items.first().copied())?;
                        v.decor_mut().set_prefix(" ");
                        v.decor_mut().set_suffix("");
                        array.push_formatted(v);
                    }
                }
            }
            array.set_trailing(old_array.trailing().clone());
            array.set_trailing_comma(old_array.trailing_comma());
            let first_prefix =
                old_items.first().and_then(|v| v.decor().prefix()).cloned().unwrap_or_default();
            let last_suffix = old_items.last().and_then(|v| v.decor().suffix()).cloned().unwrap_or_default();
            let len = array.len();
            for i in 0..len {
                let Some(v) = array.get_mut(i) else { continue };
                if i == 0 {
                    v.decor_mut().set_prefix(first_prefix.clone());
                } else if v.decor().prefix().and_then(|p| p.as_str()).is_none_or(str::is_empty) {
                    v.decor_mut().set_prefix(" ");
                }
                // The space before `]` belongs to the last item, whichever it now is.
                if i + 1 == len {
                    v.decor_mut().set_suffix(last_suffix.clone());
                } else if old_items.len() > 1 {
                    let inner = old_items[0].decor().suffix().cloned().unwrap_or_default();
                    v.decor_mut().set_suffix(inner);
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
