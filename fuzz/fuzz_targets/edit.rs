//! Arbitrary bytes -> (post text, key, op) -> `edit::apply`. Never a panic; on `Ok`, applying
//! the same op again is a no-op; a `Set` of the value already present returns the input byte
//! for byte.
//!
//! Input layout: `[op][key_len][value_len] key value text`, where the op byte picks
//! Set / Remove / Append (low two bits, 3 = Set again) and the value's kind (bits 2..5); `value`
//! bytes become the value's text. Inputs that are not UTF-8 where text is needed are skipped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postdesk::content::edit::{apply, FieldOp};
use postdesk::content::frontmatter::read;
use postdesk::content::split::split;
use serde_json::{json, Value};

fn value_of(kind: u8, raw: &str) -> Value {
    match kind % 8 {
        0 | 1 => Value::String(raw.to_string()),
        2 => raw.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::from(raw.len() as i64 - 3)),
        3 => Value::Bool(raw.len() % 2 == 0),
        4 => Value::Array(raw.split(',').map(|s| Value::String(s.to_string())).collect()),
        5 => {
            raw.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number)
        }
        6 => json!({ "url": raw, "alt": raw.len() }),
        _ => Value::Null,
    }
}

fuzz_target!(|data: &[u8]| {
    let [op, key_len, value_len, rest @ ..] = data else { return };
    let (key_len, value_len) = (*key_len as usize % 24, *value_len as usize);
    if rest.len() < key_len + value_len {
        return;
    }
    let (key, rest) = rest.split_at(key_len);
    let (value, text) = rest.split_at(value_len);
    let (Ok(key), Ok(value), Ok(text)) =
        (std::str::from_utf8(key), std::str::from_utf8(value), std::str::from_utf8(text))
    else {
        return;
    };
    let value = value_of(op >> 2, value);
    let op = match op & 3 {
        1 => FieldOp::Remove,
        2 => FieldOp::Append(value),
        _ => FieldOp::Set(value),
    };

    if let Ok(out) = apply(text, key, &op) {
        let again = apply(&out, key, &op);
        assert_eq!(again.as_deref(), Ok(out.as_str()), "re-applying {op:?} to {key:?} was not a no-op");
    }

    // Setting the value already there changes no byte.
    let fm = read(text, &split(text));
    // (A path with an empty segment is refused by design, so it is skipped here.)
    if fm.blocking_error().is_none() && !key.split('.').any(str::is_empty) {
        if let Some(current) = fm.get(key).cloned() {
            let same = apply(text, key, &FieldOp::Set(current));
            assert_eq!(same.as_deref(), Ok(text), "Set of the present value of {key:?} changed the text");
        }
    }
});
