//! The `schema` rule: a post against the schema its site's generator declares for its
//! collection (Astro's zod schema, Jekyll's defaults, Hugo's archetypes). A required field
//! missing, a value of the wrong type, an enum value that is not an option, a length or number
//! past a declared bound: each is an error, because the generator itself refuses the post (or,
//! for bounds, the site's own author said so), and each message names the schema's line.

use serde_json::Value;

use super::locate::key_range;
use super::{Post, Severity, Sink};
use crate::content::frontmatter::scalar_text;
use crate::content::schema::{self, FieldType};
use crate::content::site::{DeclaredField, DeclaredSchema};

pub(super) fn check(post: &Post, declared: &DeclaredSchema, sink: &mut Sink) {
    let fm_start = super::locate::opening_line(post.text, &post.split);
    for field in &declared.fields {
        match post.fm.get(&field.key) {
            None | Some(Value::Null) if field.required => sink.report(
                "schema",
                Severity::Error,
                fm_start.clone(),
                format!(
                    "`{}` is missing; the site's schema requires it ({}). Add it to the front matter.",
                    field.key, field.source
                ),
                None,
            ),
            None | Some(Value::Null) => {}
            Some(value) => check_value(post, &field.key, field, value, sink),
        }
    }
}

fn check_value(post: &Post, path: &str, field: &DeclaredField, value: &Value, sink: &mut Sink) {
    let at = || key_range(post.text, &post.split, path.split('.').next().unwrap_or(path));
    if let Some(problem) = type_problem(field, value) {
        sink.report(
            "schema",
            Severity::Error,
            at(),
            format!(
                "`{path}` is {problem}, but the site's schema declares a {} ({}); change the value.",
                type_words(field),
                field.source
            ),
            None,
        );
        return;
    }
    if !field.options.is_empty() {
        if let Some(text) = scalar_text(value) {
            if !field.options.contains(&text) {
                sink.report(
                    "schema",
                    Severity::Error,
                    at(),
                    format!(
                        "`{path}: {text}` is not one of the site's options: {} ({}); choose one of them.",
                        field.options.join(", "),
                        field.source
                    ),
                    None,
                );
            }
        }
    }
    let measure = match value {
        Value::String(s) => Some((s.chars().count() as f64, "characters long")),
        Value::Number(n) => n.as_f64().map(|n| (n, "")),
        Value::Array(items) => Some((items.len() as f64, "items long")),
        _ => None,
    };
    if let Some((n, unit)) = measure {
        let shown = |b: f64| if b.fract() == 0.0 { format!("{}", b as i64) } else { b.to_string() };
        let what = |n: f64| if unit.is_empty() { shown(n) } else { format!("{} {unit}", shown(n)) };
        if let Some(max) = field.max.filter(|max| n > *max) {
            let advice = if unit.is_empty() {
                format!("make it {} or less", shown(max))
            } else {
                format!("shorten it to {} or fewer", shown(max))
            };
            sink.report(
                "schema",
                Severity::Error,
                at(),
                format!(
                    "`{path}` is {}; the site's schema allows at most {} ({}); {advice}.",
                    what(n),
                    shown(max),
                    field.source
                ),
                None,
            );
        }
        if let Some(min) = field.min.filter(|min| n < *min) {
            sink.report(
                "schema",
                Severity::Error,
                at(),
                format!(
                    "`{path}` is {}; the site's schema asks for at least {} ({}).",
                    what(n),
                    shown(min),
                    field.source
                ),
                None,
            );
        }
    }
    // An object's own fields, one level down (Astro's `heroImage: { src, alt }`).
    if let (FieldType::Map, Value::Object(map)) = (field.ty, value) {
        for sub in &field.fields {
            let sub_path = format!("{path}.{}", sub.key);
            match map.get(&sub.key) {
                None | Some(Value::Null) if sub.required => sink.report(
                    "schema",
                    Severity::Error,
                    at(),
                    format!("`{sub_path}` is missing; the site's schema requires it ({}).", sub.source),
                    None,
                ),
                None | Some(Value::Null) => {}
                Some(v) => check_value(post, &sub_path, sub, v, sink),
            }
        }
    }
}

fn type_words(field: &DeclaredField) -> String {
    if field.image {
        return "image path".into();
    }
    if let Some(to) = &field.reference {
        return format!("reference to an entry of `{to}`");
    }
    match field.ty {
        FieldType::Text | FieldType::LongText => "text".into(),
        FieldType::Date | FieldType::Datetime => "date".into(),
        FieldType::Bool => "true or false".into(),
        FieldType::Number => "number".into(),
        FieldType::List => "list".into(),
        FieldType::Map => "group of fields".into(),
        FieldType::Empty => "value".into(),
    }
}

/// Why `value` is not of the declared type, or None when it is. Lenient where the generators
/// are: a date may be written as a date or a date string (zod's `coerce.date()`), a number as a
/// number, and a text field takes any scalar written without quotes except lists and groups.
fn type_problem(field: &DeclaredField, value: &Value) -> Option<String> {
    let have = schema::type_of(value);
    let ok = match field.ty {
        FieldType::Text | FieldType::LongText => !matches!(value, Value::Array(_) | Value::Object(_)),
        FieldType::Date | FieldType::Datetime => match value {
            Value::String(s) => super::dates::parse(s).is_some(),
            _ => false,
        },
        FieldType::Bool => value.is_boolean(),
        FieldType::Number => value.is_number(),
        FieldType::List => value.is_array(),
        FieldType::Map => value.is_object(),
        FieldType::Empty => true,
    };
    if ok {
        return None;
    }
    Some(match (field.ty, value) {
        (FieldType::Date | FieldType::Datetime, Value::String(s)) => format!("`{s}`, which is not a date"),
        _ if have == FieldType::Empty => "empty".to_string(),
        _ => format!("a {}", have.name()),
    })
}
