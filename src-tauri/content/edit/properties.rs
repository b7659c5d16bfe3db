//! Property tests of the two promises every edit makes: a no-op set is the identity, and an
//! edit changes only the lines of its key.

use proptest::prelude::*;
use serde_json::Value;

use super::{apply, set_field, FieldOp};
use crate::content::frontmatter;
use crate::content::split::split;

/// One front-matter line: a key with a value written in one of the styles people use.
fn entry() -> impl Strategy<Value = (String, String)> {
    let word = "[A-Za-z][A-Za-z0-9]{0,8}";
    let value = prop_oneof![
        proptest::string::string_regex(&format!("{word}( {word}){{0,4}}")).unwrap(),
        proptest::string::string_regex("'[A-Za-z ,:#!?]{0,20}'").unwrap(),
        proptest::string::string_regex("\"[A-Za-z ,:#'!?]{0,20}\"").unwrap(),
        (0i64..100_000).prop_map(|n| n.to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        proptest::string::string_regex("20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9])").unwrap(),
        proptest::collection::vec(proptest::string::string_regex(word).unwrap(), 0..4)
            .prop_map(|items| format!("[{}]", items.join(", "))),
    ];
    let comment = prop_oneof![Just(String::new()), Just("  # note".to_string())];
    (value, comment).prop_map(|(v, c)| (v, c))
}

/// A YAML post: distinct keys, each on one line, with a line-ending and BOM choice.
fn post() -> impl Strategy<Value = (Vec<String>, String)> {
    let keys = proptest::sample::subsequence(
        vec!["title", "description", "pubDate", "author", "category", "slug", "draft", "weight", "x-custom"],
        1..9,
    );
    (keys, proptest::collection::vec(entry(), 9), any::<bool>(), any::<bool>()).prop_map(
        |(keys, entries, crlf, bom)| {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut text = String::from(if bom { "\u{feff}" } else { "" });
            text.push_str(&format!("---{nl}# a comment line{nl}"));
            for (key, (value, comment)) in keys.iter().zip(entries) {
                text.push_str(&format!("{key}: {value}{comment}{nl}"));
            }
            text.push_str(&format!("---{nl}{nl}Body text.{nl}"));
            (keys.iter().map(|k| k.to_string()).collect(), text)
        },
    )
}

/// Any text a writer might type into a field, including quotes, colons, hashes and controls.
fn new_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,40}",
        "\\PC{0,20}",
        proptest::string::string_regex("[a-z]{1,5}[\t\n\"'\\\\:#]{1,3}[a-z]{0,5}").unwrap(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn a_no_op_set_is_the_identity((keys, text) in post()) {
        let fm = frontmatter::read(&text, &split(&text));
        prop_assume!(fm.blocking_error().is_none());
        for key in keys {
            let value = fm.get(&key).cloned().unwrap_or(Value::Null);
            prop_assert_eq!(set_field(&text, &key, &value).unwrap(), text.clone());
        }
    }

    #[test]
    fn an_edit_changes_only_the_lines_of_its_key((keys, text) in post(), pick in any::<prop::sample::Index>(), typed in new_text()) {
        let fm = frontmatter::read(&text, &split(&text));
        prop_assume!(fm.blocking_error().is_none());
        let key = &keys[pick.index(keys.len())];
        let value = Value::String(typed.clone());
        let out = set_field(&text, key, &value).unwrap();

        let before: Vec<&str> = text.split('\n').collect();
        let after: Vec<&str> = out.split('\n').collect();
        prop_assert_eq!(before.len(), after.len());
        for (b, a) in before.iter().zip(&after) {
            if b != a {
                prop_assert!(b.starts_with(&format!("{key}:")), "line {:?} changed to {:?}", b, a);
            }
        }
        let reread = frontmatter::read(&out, &split(&out));
        prop_assert!(reread.blocking_error().is_none(), "{:?}\n{}", reread.diagnostics, out);
        prop_assert_eq!(reread.get(key), Some(&value));
        for other in keys.iter().filter(|k| *k != key) {
            prop_assert_eq!(reread.get(other), fm.get(other));
        }
    }

    #[test]
    fn removing_a_key_removes_only_its_line((keys, text) in post(), pick in any::<prop::sample::Index>()) {
        let fm = frontmatter::read(&text, &split(&text));
        prop_assume!(fm.blocking_error().is_none());
        let key = &keys[pick.index(keys.len())];
        let out = apply(&text, key, &FieldOp::Remove).unwrap();
        prop_assert_eq!(out.split('\n').count() + 1, text.split('\n').count());
        let reread = frontmatter::read(&out, &split(&out));
        prop_assert!(reread.get(key).is_none());
        for other in keys.iter().filter(|k| *k != key) {
            prop_assert_eq!(reread.get(other), fm.get(other));
        }
    }
}
