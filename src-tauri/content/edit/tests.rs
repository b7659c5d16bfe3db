use super::*;
use serde_json::json;

fn set(text: &str, key: &str, value: Value) -> String {
    set_field(text, key, &value).unwrap()
}

/// The bytes that differ between two texts: (removed, inserted) after common prefix/suffix.
fn diff<'a>(before: &'a str, after: &'a str) -> (&'a str, &'a str) {
    let p = before.bytes().zip(after.bytes()).take_while(|(a, b)| a == b).count();
    let max = before.len().min(after.len()) - p;
    let s = before.bytes().rev().zip(after.bytes().rev()).take(max).take_while(|(a, b)| a == b).count();
    (&before[p..before.len() - s], &after[p..after.len() - s])
}

#[test]
fn setting_the_same_value_is_byte_identical() {
    let text = "---\ntitle:   'Hello'  # keep\ntags: [a, b]\n---\nBody";
    assert_eq!(set(text, "title", json!("Hello")), text);
    assert_eq!(set(text, "tags", json!(["a", "b"])), text);
}

#[test]
fn keeps_double_quotes_and_comment() {
    let text = "---\ntitle: \"Old\" # the headline\ndate: 2025-01-01\n---\n";
    assert_eq!(
        set(text, "title", json!("New \"one\"")),
        "---\ntitle: \"New \\\"one\\\"\" # the headline\ndate: 2025-01-01\n---\n"
    );
}

#[test]
fn keeps_single_quotes() {
    let text = "---\ntitle: 'Old'\n---\n";
    assert_eq!(set(text, "title", json!("It's new")), "---\ntitle: 'It''s new'\n---\n");
}

#[test]
fn plain_stays_plain_until_it_needs_quotes() {
    let text = "---\ntitle: Old\n---\n";
    assert_eq!(set(text, "title", json!("New words")), "---\ntitle: New words\n---\n");
    assert_eq!(set(text, "title", json!("Yes: no")), "---\ntitle: \"Yes: no\"\n---\n");
    assert_eq!(set(text, "title", json!("true")), "---\ntitle: \"true\"\n---\n");
    assert_eq!(set(text, "title", json!("a #b")), "---\ntitle: \"a #b\"\n---\n");
}

#[test]
fn date_literal_stays_plain() {
    let text = "---\npubDate: 2025-06-27\n---\n";
    assert_eq!(set(text, "pubDate", json!("2025-06-28")), "---\npubDate: 2025-06-28\n---\n");
}

#[test]
fn bool_is_written_plain() {
    let text = "---\ndraft: false\n---\n";
    assert_eq!(set(text, "draft", json!(true)), "---\ndraft: true\n---\n");
}

#[test]
fn flow_list_stays_flow_with_its_quoting() {
    let text = "---\ntags: ['a b', 'c']\n---\n";
    assert_eq!(set(text, "tags", json!(["a b", "d"])), "---\ntags: ['a b', 'd']\n---\n");
    let plain = "---\ntags: [a, b]  # sorted\n---\n";
    assert_eq!(set(plain, "tags", json!(["a", "c, d"])), "---\ntags: [a, \"c, d\"]  # sorted\n---\n");
}

#[test]
fn block_list_stays_block_with_its_indent() {
    let text = "---\ntags:\n  - one\n  - two\ntitle: T\n---\n";
    assert_eq!(
        set(text, "tags", json!(["one", "three", "four"])),
        "---\ntags:\n  - one\n  - three\n  - four\ntitle: T\n---\n"
    );
}

#[test]
fn only_the_edited_line_changes_in_crlf_with_bom() {
    let text = "\u{feff}---\r\n# comment\r\ntitle: Old\r\nextra: kept\r\n---\r\nBody\r\n";
    let out = set(text, "title", json!("New"));
    assert_eq!(diff(text, &out), ("Old", "New"));
}

#[test]
fn missing_key_is_appended_to_front_matter() {
    let text = "---\ntitle: T\n---\nBody\n";
    assert_eq!(set(text, "draft", json!(true)), "---\ntitle: T\ndraft: true\n---\nBody\n");
}

#[test]
fn post_without_front_matter_gets_one() {
    assert_eq!(set("Body\n", "title", json!("Hi")), "---\ntitle: Hi\n---\nBody\n");
}

#[test]
fn seed_title_edit_touches_only_the_title() {
    let seed = include_str!("../../../posts/predictive-ai-in-healthcare.md");
    let out = set(seed, "title", json!("Predictive AI in Healthcare"));
    let (removed, inserted) = diff(seed, &out);
    assert!(removed.starts_with(": How Generative"), "{removed}");
    assert_eq!(inserted, "");
    assert!(out.starts_with("```markdown\n---\ntitle: \"Predictive AI in Healthcare\"\n"));
}

#[test]
fn toml_keeps_formatting_and_datetime() {
    let text = "+++\ntitle = \"Old\" # c\ndate = 2025-09-14T09:30:00+02:00\n+++\nBody";
    let out = set(text, "title", json!("New"));
    assert_eq!(out, "+++\ntitle = \"New\" # c\ndate = 2025-09-14T09:30:00+02:00\n+++\nBody");
    let out = set(text, "date", json!("2025-09-15T09:30:00+02:00"));
    assert_eq!(diff(text, &out), ("4", "5"));
}

#[test]
fn unparsable_front_matter_is_refused() {
    let text = "---\ntitle: [oops\n---\n";
    assert!(matches!(set_field(text, "title", &json!("x")), Err(EditError::Unparsable { .. })));
}

#[test]
fn body_edit_changes_only_the_typed_word() {
    let text = "---\ntitle: T\n---\nOne two three.\n";
    let out = replace_body(text, "One two and a half three.\n");
    assert_eq!(diff(text, &out), ("", "and a half "));
}

#[test]
fn body_edit_in_crlf_file_writes_crlf_and_keeps_other_lines() {
    let text = "---\r\ntitle: T\r\n---\r\nline one\r\nline two\nline three\r\n";
    let out = replace_body(text, "line one\nline 2\nadded\nline three\n");
    assert_eq!(out, "---\r\ntitle: T\r\n---\r\nline one\r\nline 2\r\nadded\nline three\r\n");
}

#[test]
fn unchanged_body_is_byte_identical() {
    let text = "---\r\na: 1\r\n---\r\nx\r\ny\n";
    assert_eq!(replace_body(text, "x\ny\n"), text);
}

#[test]
fn body_edit_keeps_fence_wrapper() {
    let text = "```markdown\n---\na: 1\n---\nold\n```";
    assert_eq!(replace_body(text, "new\n"), "```markdown\n---\na: 1\n---\nnew\n```");
}

// ---------------------------------------------------------------------------------------------
// Spec-style fixtures: edit-spec.txt holds (input, operation, expected output) cases.

struct Case {
    name: String,
    op: String,
    input: String,
    expected: String,
}

/// Applies the case's flags (`crlf`, `bom`, `no-final-newline`) to a text.
fn with_flags(text: &str, flags: &[&str]) -> String {
    let mut out = text.to_string();
    if flags.contains(&"no-final-newline") {
        out.pop();
    }
    if flags.contains(&"crlf") {
        out = out.replace('\n', "\r\n");
    }
    if flags.contains(&"bom") {
        out.insert(0, '\u{feff}');
    }
    out
}

fn parse_spec(spec: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    // What comes before the first `## ` is the file's explanation of the format, not a case.
    for chunk in spec.split("\n## ").skip(1) {
        let (name, rest) = chunk.split_once('\n').expect("a case has a name line");
        let mut op = String::new();
        let mut flags: Vec<&str> = Vec::new();
        let mut lines = rest.split_inclusive('\n');
        for line in lines.by_ref() {
            let line = line.trim_end_matches('\n');
            if let Some(v) = line.strip_prefix("op: ") {
                op = v.to_string();
            } else if let Some(v) = line.strip_prefix("flags: ") {
                flags = v.split(',').map(str::trim).collect();
            } else if line == "<<<" {
                break;
            }
        }
        let body: String = lines.collect();
        let (input, after) =
            body.split_once(">>>\n").unwrap_or_else(|| panic!("case `{name}` has no >>> line"));
        let expected = after.split_once("===").map_or(after, |(e, _)| e);
        let expected = if expected.trim() == "unchanged" { input.to_string() } else { expected.to_string() };
        let (input, expected) = if expected.starts_with("error") {
            (with_flags(input, &flags), expected.trim().to_string())
        } else {
            (with_flags(input, &flags), with_flags(&expected, &flags))
        };
        cases.push(Case { name: name.trim().to_string(), op, input, expected });
    }
    cases
}

/// Runs one operation line: `set PATH JSON`, `remove PATH`, `append PATH JSON`,
/// `remove-item PATH JSON` or `body JSON-STRING`.
fn run_op(op: &str, input: &str) -> Result<String, EditError> {
    let (verb, rest) = op.split_once(' ').unwrap_or((op, ""));
    let (path, json) = rest.split_once(' ').unwrap_or((rest, "null"));
    let value = || serde_json::from_str::<Value>(json).unwrap_or_else(|e| panic!("bad JSON in `{op}`: {e}"));
    match verb {
        "set" => apply(input, path, &FieldOp::Set(value())),
        "remove" => apply(input, path, &FieldOp::Remove),
        "append" => apply(input, path, &FieldOp::Append(value())),
        "remove-item" => apply(input, path, &FieldOp::RemoveItem(value())),
        "source" => replace_front_matter(
            input,
            &serde_json::from_str::<String>(rest).expect("source takes a JSON string"),
        ),
        "body" => {
            Ok(replace_body(input, &serde_json::from_str::<String>(rest).expect("body takes a JSON string")))
        }
        other => panic!("unknown operation `{other}`"),
    }
}

fn error_name(e: &EditError) -> &'static str {
    match e {
        EditError::Unparsable { .. } => "unparsable",
        EditError::MissingParent { .. } => "missing-parent",
        EditError::NotAList { .. } => "not-a-list",
        EditError::Unsupported { .. } => "unsupported",
        EditError::NotFound { .. } => "not-found",
        EditError::InvalidSource { .. } => "invalid-source",
    }
}

#[test]
fn edit_spec_fixtures() {
    let cases = parse_spec(include_str!("edit-spec.txt"));
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let got = run_op(&case.op, &case.input);
        let outcome = match &got {
            Ok(text) => text.clone(),
            Err(e) => format!("error: {}", error_name(e)),
        };
        if outcome != case.expected {
            failures.push(format!(
                "## {}\nop: {}\n--- expected\n{:?}\n--- got\n{:?}\n",
                case.name, case.op, case.expected, outcome
            ));
            continue;
        }
        // Properties every successful field edit must have, checked on every fixture:
        let Ok(out) = got else { continue };
        let (verb, rest) = case.op.split_once(' ').unwrap_or((&case.op, ""));
        if verb == "body" || verb == "source" {
            continue;
        }
        let path = rest.split(' ').next().unwrap_or_default();
        let again = run_op(&case.op, &out).map_err(|e| e.to_string());
        if again.as_deref() != Ok(out.as_str()) {
            failures.push(format!("## {}: applying the operation twice changed the text again", case.name));
        }
        let parts = split(&out);
        let reread = frontmatter::read(&out, &parts);
        if reread.blocking_error().is_some() {
            failures.push(format!("## {}: the result does not parse: {:?}", case.name, reread.diagnostics));
        } else if verb == "set" {
            let json = rest.split_once(' ').map_or("null", |(_, j)| j);
            let want: Value = serde_json::from_str(json).unwrap();
            if reread.get(path) != Some(&want) {
                failures.push(format!(
                    "## {}: reads back as {:?}, not {want:?}",
                    case.name,
                    reread.get(path)
                ));
            }
        } else if verb == "remove" && reread.get(path).is_some() {
            failures.push(format!("## {}: the key is still there", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Regressions found by `cargo fuzz run edit`: each returned Ok with broken or duplicated front
// matter before the node scanner learned multi-line scalars and keys were matched as YAML reads
// them. Every one must now give the right text (or refuse) and never damage the file.

fn fuzz_case(text: &str, key: &str, op: FieldOp) -> String {
    let out = apply(text, key, &op).unwrap_or_else(|e| panic!("{key}: {e}"));
    let again = apply(&out, key, &op).unwrap();
    assert_eq!(again, out, "re-applying {op:?} to {key} changed the text again");
    out
}

#[test]
fn fuzz_quoted_value_continuing_on_unindented_lines() {
    let out = fuzz_case("---\ndescription: \"a\nb\"\ntitle: t\n---\n", "description", FieldOp::Remove);
    assert_eq!(out, "---\ntitle: t\n---\n");
    let out = fuzz_case("---\ndescription: \"a\nb\"\n---\n", "description", FieldOp::Set(json!("c")));
    assert_eq!(out, "---\ndescription: \"c\"\n---\n");
}

#[test]
fn fuzz_a_key_lookalike_inside_a_string_is_not_a_key() {
    let out = fuzz_case("---\ntitle: \"a\ntags: b\"\n---\n", "tags", FieldOp::Append(json!("z")));
    assert_eq!(out, "---\ntitle: \"a\ntags: b\"\ntags: [z]\n---\n");
}

#[test]
fn fuzz_flow_items_that_need_quotes_get_them() {
    let out = fuzz_case("---\ntags: [a]\n---\n", "tags", FieldOp::Set(json!(["a", ":b"])));
    assert_eq!(out, "---\ntags: [a, \":b\"]\n---\n");
    let out = fuzz_case("---\ntags: [a]\n---\n", "tags", FieldOp::Append(json!("?c")));
    assert_eq!(out, "---\ntags: [a, \"?c\"]\n---\n");
}

#[test]
fn fuzz_keys_are_found_as_yaml_reads_them() {
    assert_eq!(fuzz_case("---\n-foo: a\n---\n", "-foo", FieldOp::Set(json!("b"))), "---\n-foo: b\n---\n");
    assert_eq!(
        fuzz_case("---\n\"t\\\"x\": a\n---\n", "t\"x", FieldOp::Set(json!("b"))),
        "---\n\"t\\\"x\": b\n---\n"
    );
    let out = fuzz_case("---\n---\n", "-0", FieldOp::Set(json!([""])));
    assert_eq!(out, "---\n\"-0\": [\"\"]\n---\n");
    let out = fuzz_case("---\n---\n", "TRUE", FieldOp::Set(json!("x")));
    assert_eq!(out, "---\n\"TRUE\": x\n---\n");
}

#[test]
fn source_spec_fixtures() {
    let cases = parse_spec(include_str!("source-spec.txt"));
    assert!(cases.len() >= 20, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let got = run_op(&case.op, &case.input);
        let outcome = match &got {
            Ok(text) => text.clone(),
            Err(e) => format!("error: {}", error_name(e)),
        };
        if outcome != case.expected {
            failures.push(format!(
                "## {}\nop: {}\n--- expected\n{:?}\n--- got\n{:?}\n",
                case.name, case.op, case.expected, outcome
            ));
            continue;
        }
        let Ok(out) = got else { continue };
        if run_op(&case.op, &out).ok().as_deref() != Some(out.as_str()) {
            failures.push(format!("## {}: saving the same text again changed the file", case.name));
        }
        if frontmatter::read(&out, &split(&out)).blocking_error().is_some() {
            failures.push(format!("## {}: the result does not parse", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
