//! The checks' fixture runner (`check-spec.txt`), the pinned seed post, and the promises every
//! fix makes: it is idempotent, the fixed post passes the rules it fixed, and it reads back.

use std::collections::BTreeSet;

use super::*;
use crate::content::config;
use crate::content::schema::{self, PostFacts};

/// One fixture: a post, the folder around it, the problems expected, the text after fixing.
struct Case {
    name: String,
    path: String,
    config: String,
    rules: Option<Vec<String>>,
    others: Vec<(String, String)>,
    files: Vec<String>,
    static_files: Option<Vec<String>>,
    today: Option<CivilDate>,
    input: String,
    problems: Vec<String>,
    fixed: Option<String>,
    /// Site config files (path, text): the post is checked as part of that site.
    site: Vec<(String, String)>,
}

fn parse_spec(spec: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    // What comes before the first case heading explains the format.
    for chunk in spec.split("\n@@@ ").skip(1) {
        let (name, rest) = chunk.split_once('\n').expect("a case has a name line");
        let (head, rest) =
            rest.split_once("<<<\n").unwrap_or_else(|| panic!("case `{name}` has no <<< line"));
        let mut case = Case {
            name: name.trim().to_string(),
            path: "post.md".into(),
            config: String::new(),
            rules: None,
            others: Vec::new(),
            files: Vec::new(),
            static_files: None,
            today: None,
            input: String::new(),
            problems: Vec::new(),
            fixed: None,
            site: Vec::new(),
        };
        for line in head.lines() {
            let Some((key, value)) = line.split_once(": ") else { continue };
            match key {
                "path" => case.path = value.to_string(),
                "config" => case.config.push_str(&format!("{}\n", value.replace("\\n", "\n"))),
                "rules" => case.rules = Some(value.split(',').map(|r| r.trim().to_string()).collect()),
                "other" => {
                    let (path, text) = value.split_once(" | ").expect("other: PATH | TEXT");
                    case.others.push((path.to_string(), text.replace("\\n", "\n")));
                }
                "file" => case.files.push(value.to_string()),
                "static" => case
                    .static_files
                    .get_or_insert_with(Vec::new)
                    .extend(value.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty())),
                "today" => case.today = Some(CivilDate::parse_day(value).expect("today: YYYY-MM-DD")),
                "site" => {
                    let (path, text) = value.split_once(" | ").expect("site: PATH | TEXT");
                    case.site.push((path.to_string(), text.replace("\\n", "\n")));
                }
                _ => {}
            }
        }
        let (input, rest) =
            rest.split_once(">>> problems\n").unwrap_or_else(|| panic!("`{name}`: no >>> problems"));
        case.input = input.to_string();
        let (problems, fixed) = match rest.split_once(">>> fixed\n") {
            Some((p, f)) => (p, Some(f)),
            None => (rest, None),
        };
        case.problems =
            problems.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
        case.fixed = fixed.map(|f| if f.trim() == "unchanged" { case.input.clone() } else { f.to_string() });
        cases.push(case);
    }
    cases
}

fn facts_for(path: &str, input: &str, others: &[(String, String)]) -> FolderFacts {
    let mut facts = FolderFacts::default();
    let all: Vec<(&str, &str)> =
        std::iter::once((path, input)).chain(others.iter().map(|(p, t)| (p.as_str(), t.as_str()))).collect();
    let post_facts: Vec<PostFacts> = all.iter().map(|(_, t)| PostFacts::extract(t)).collect();
    facts.schema = schema::infer(post_facts.iter());
    for (p, t) in all {
        facts.insert_post(p, folder::post_entry(p, t));
        facts.files.insert(p.to_string());
    }
    facts
}

/// `line:col severity rule`, the form the fixtures pin.
fn brief(p: &Problem) -> String {
    format!("{}:{} {} {}", p.line, p.column, p.severity.name(), p.rule)
}

#[test]
fn check_spec_fixtures() {
    let cases = parse_spec(include_str!("check-spec.txt"));
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let mut covered: BTreeSet<String> = BTreeSet::new();
    let mut failures = Vec::new();
    for case in &cases {
        let mut cfg =
            config::parse(&case.config).unwrap_or_else(|e| panic!("{}: bad config: {e}", case.name));
        if let Some(rules) = &case.rules {
            for rule in RULES.iter().filter(|r| !rules.iter().any(|x| x == *r)) {
                cfg.checks.rules.entry(rule.to_string()).or_insert(config::RuleSetting::Off);
            }
        }
        let mut facts = facts_for(&case.path, &case.input, &case.others);
        facts.files.extend(case.files.iter().cloned());
        facts.static_files = case.static_files.as_ref().map(|s| s.iter().cloned().collect());
        facts.today = case.today;
        if !case.site.is_empty() {
            let configs: std::collections::BTreeMap<String, String> = case.site.iter().cloned().collect();
            let posts: Vec<(String, String)> = std::iter::once((case.path.clone(), case.input.clone()))
                .chain(case.others.iter().cloned())
                .collect();
            let files: Vec<String> =
                posts.iter().map(|(p, _)| p.clone()).chain(configs.keys().cloned()).collect();
            let site = crate::content::site::build(&crate::content::site::SiteInput {
                configs: &configs,
                files: &files,
            });
            let shared = crate::content::site::SharedSite(std::sync::Arc::new(site));
            // The posts again, with their routes.
            for (p, t) in &posts {
                let parsed = crate::content::post::Parsed::new(t);
                facts.insert_post(p, folder::post_entry_routed(p, &parsed, Some(&shared)));
            }
            facts.site = Some(shared);
        }
        cfg.apply(&mut facts.schema);

        let problems = check_post(&case.path, &case.input, &facts, &cfg);
        covered.extend(problems.iter().map(|p| p.rule.clone()));
        let got: Vec<String> = problems.iter().map(brief).collect();
        if got != case.problems {
            let messages: Vec<String> =
                problems.iter().map(|p| format!("{} -- {}", brief(p), p.message)).collect();
            failures.push(format!(
                "@@@ {}\n--- expected\n{}\n--- got\n{}",
                case.name,
                case.problems.join("\n"),
                messages.join("\n")
            ));
            continue;
        }
        for p in &problems {
            let range_ok =
                p.start <= p.end && p.end <= case.input.len() && case.input.is_char_boundary(p.start);
            if !range_ok || p.message.is_empty() {
                failures.push(format!("@@@ {}: bad range or message in {p:?}", case.name));
            }
        }
        let Some(want) = &case.fixed else { continue };
        let report = fix_all_safe(&case.path, &case.input, &facts, &cfg);
        if &report.text != want || !report.failed.is_empty() {
            failures.push(format!(
                "@@@ {}: after the fixes\n--- expected\n{want}\n--- got\n{}\n--- failed: {:?}",
                case.name, report.text, report.failed
            ));
            continue;
        }
        // A fixed post passes the rules it fixed, and fixing again changes nothing.
        let again = check_post(&case.path, &report.text, &facts, &cfg);
        let fixed_rules: BTreeSet<&str> = report.fixed.iter().map(|p| p.rule.as_str()).collect();
        if let Some(p) = again.iter().find(|p| fixed_rules.contains(p.rule.as_str())) {
            failures
                .push(format!("@@@ {}: still reports {} after its fix: {}", case.name, p.rule, p.message));
        }
        if fix_all_safe(&case.path, &report.text, &facts, &cfg).text != report.text {
            failures.push(format!("@@@ {}: fixing twice changed the text again", case.name));
        }
        let reread = frontmatter::read(&report.text, &split::split(&report.text));
        if reread.blocking_error().is_some()
            && frontmatter::read(&case.input, &split::split(&case.input)).blocking_error().is_none()
        {
            failures.push(format!("@@@ {}: the fixed text does not read", case.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
    let missing: Vec<&&str> = RULES.iter().filter(|r| !covered.contains(**r)).collect();
    assert!(missing.is_empty(), "no fixture shows these rules firing: {missing:?}");
}

/// The sample folder (`posts/`), with the seed post in it, as the workspace would build it.
fn sample_folder() -> (Vec<(&'static str, &'static str)>, FolderFacts) {
    let posts: Vec<(&str, &str)> = vec![
        ("a-tidy-writing-desk.md", include_str!("../../../posts/a-tidy-writing-desk.md")),
        (
            "choosing-a-typeface-for-long-reads.md",
            include_str!("../../../posts/choosing-a-typeface-for-long-reads.md"),
        ),
        ("draft-keyboard-layouts.md", include_str!("../../../posts/draft-keyboard-layouts.md")),
        ("gardening-a-codebase.md", include_str!("../../../posts/gardening-a-codebase.md")),
        ("hugo-style-toml-notes.md", include_str!("../../../posts/hugo-style-toml-notes.md")),
        ("markdown-feature-tour.md", include_str!("../../../posts/markdown-feature-tour.md")),
        ("predictive-ai-in-healthcare.md", include_str!("../../../posts/predictive-ai-in-healthcare.md")),
        (
            "slugs-permalinks-and-broken-links.md",
            include_str!("../../../posts/slugs-permalinks-and-broken-links.md"),
        ),
        ("static-sites-that-age-well.md", include_str!("../../../posts/static-sites-that-age-well.md")),
        (
            "the-quiet-joy-of-modal-editing.md",
            include_str!("../../../posts/the-quiet-joy-of-modal-editing.md"),
        ),
        (
            "why-i-still-write-in-plain-text.md",
            include_str!("../../../posts/why-i-still-write-in-plain-text.md"),
        ),
        ("windows-line-endings.md", include_str!("../../../posts/windows-line-endings.md")),
        ("yaml-comments-and-flow-lists.md", include_str!("../../../posts/yaml-comments-and-flow-lists.md")),
    ];
    let facts_list: Vec<PostFacts> = posts.iter().map(|(_, t)| PostFacts::extract(t)).collect();
    let mut facts = FolderFacts::default();
    facts.schema = schema::infer(facts_list.iter());
    for (p, t) in &posts {
        facts.insert_post(p, folder::post_entry(p, t));
        facts.files.insert(p.to_string());
    }
    facts.files.insert("images/desk-setup.png".into());
    facts.today = Some(CivilDate { year: 2026, month: 3, day: 1 });
    (posts, facts)
}

#[test]
fn the_seed_post_is_pinned() {
    let (_, facts) = sample_folder();
    let seed = include_str!("../../../posts/predictive-ai-in-healthcare.md");
    let cfg = Config::default();
    let problems = check_post("predictive-ai-in-healthcare.md", seed, &facts, &cfg);
    let got: Vec<String> = problems.iter().map(brief).collect();
    let want = [
        "1:1 error fence-wrapper",
        "3:1 warning title-length",
        "3:1 warning year-drift",
        "4:1 warning year-drift",
        "8:1 warning tag-style",
        "8:1 warning tag-style",
        "8:1 warning tag-style",
        "8:1 warning tag-style",
        "10:1 error placeholder-image",
        "14:1 warning h1-title",
        "16:21 warning stock-phrase",
        "16:40 info double-space",
        "16:537 warning stock-phrase",
        "43:1 warning bold-heading",
        "43:1 info in-conclusion",
        "45:200 warning stock-phrase",
    ];
    assert_eq!(got, want, "{problems:#?}");
    let tags: Vec<&str> =
        problems.iter().filter(|p| p.rule == "tag-style").map(|p| p.message.as_str()).collect();
    assert!(tags[0].contains("`artificial intelligence`") && tags[3].contains("`GPT-4o`"), "{tags:?}");
    assert!(problems.iter().all(|p| p.message.contains(';') || p.message.contains('.')));

    let report = fix_all_safe("predictive-ai-in-healthcare.md", seed, &facts, &cfg);
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.text, include_str!("../../../tests/fixtures/seed-fixed.md"));
    let left: Vec<String> = check_post("predictive-ai-in-healthcare.md", &report.text, &facts, &cfg)
        .iter()
        .map(|p| format!("{} {}", p.rule, p.fix.is_some()))
        .collect();
    assert_eq!(
        left,
        [
            "title-length false",
            "year-drift false",
            "year-drift false",
            "placeholder-image false",
            "stock-phrase false",
            "stock-phrase false",
            "in-conclusion false",
            "stock-phrase false"
        ],
        "only the problems without a safe fix are left (style is the reviewer's call)"
    );
}

#[test]
fn the_other_sample_posts_are_clean_apart_from_known_warnings() {
    let (posts, facts) = sample_folder();
    let cfg = Config::default();
    for (path, text) in posts.iter().filter(|(p, _)| !p.starts_with("predictive")) {
        let errors: Vec<String> = check_post(path, text, &facts, &cfg)
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| format!("{}:{} {}: {}", p.line, p.column, p.rule, p.message))
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    }
}

#[test]
fn a_fix_on_changed_text_is_refused_not_misapplied() {
    let text = "---\ntitle: A long enough title\n---\n\n# A long enough title\n\nBody.\n";
    let facts = FolderFacts::default();
    let problems = check_post("p.md", text, &facts, &Config::default());
    let h1 = problems.iter().find(|p| p.rule == "h1-title").expect("h1-title found");
    let edited = text.replace("# A long", "#  A long");
    assert_eq!(apply_fix(&edited, h1), Err(FixError::Stale));
    let no_fix = problems.iter().find(|p| p.fix.is_none()).expect("a problem without a fix");
    assert_eq!(apply_fix(text, no_fix), Err(FixError::NoFix));
}

#[test]
fn any_input_gives_problems_without_panicking() {
    let facts = FolderFacts::default();
    let cfg = Config::default();
    for text in [
        "",
        "---",
        "---\n",
        "```markdown\n",
        "```markdown\n---\n---\n```",
        "\u{feff}---\r\ntitle: x\r\n---\r\n",
        "---\ntitle: [\n---\n",
        "+++\ntitle = 1\n+++\n",
        "{\n\"title\": 3\n}\n",
        "**:**\n",
        "a.  b",
        "1.  x\n",
        "---\npubDate: 2025-02-30\nupdatedDate: x\n---\n",
        "![](#)",
        "[x](#)",
        "[x](../../../a.md#b)",
    ] {
        for p in check_post("a/b.md", text, &facts, &cfg) {
            assert!(p.end <= text.len(), "{text:?}: {p:?}");
            let _ = apply_fix(text, &p);
        }
        let _ = fix_all_safe("a/b.md", text, &facts, &cfg);
    }
}

#[test]
fn one_rule_lists_at_most_its_cap_of_problems_and_counts_the_rest() {
    // 300 images without alt text: 100 listed, one line for the other 200.
    let body: String = (0..300).map(|i| format!("![](img/{i}.png)\n\n")).collect();
    let text = format!("---\ntitle: Many images without alt text at all here\n---\n\n{body}");
    let problems = check_post("blog/many.md", &text, &FolderFacts::default(), &Config::default());
    let alt: Vec<&Problem> = problems.iter().filter(|p| p.rule == "alt-text").collect();
    assert_eq!(alt.len(), MAX_PROBLEMS_PER_RULE + 1, "{}", alt.len());
    let summary =
        alt.iter().find(|p| p.message.starts_with("200 more `alt-text` problems")).expect("counted");
    assert_eq!((summary.line, summary.fix.is_none()), (1, true));
}

#[test]
fn thousands_of_keys_against_a_schema_of_thousands_find_their_near_misses() {
    // The unknown-key rule once searched the schema per key: 10,000 keys took 10 s.
    let keys: String = (0..10_000).map(|i| format!("field_{i}: {i}\n")).collect();
    let text = format!("---\ntitel: Misspelt\n{keys}---\n\nBody.\n");
    let mut facts = FolderFacts::default();
    let others = PostFacts::extract(&format!("---\ntitle: Spelt right\n{keys}---\n"));
    facts.schema = schema::infer([others.clone(), others].iter());
    let problems = check_post("blog/keys.md", &text, &facts, &Config::default());
    assert!(
        problems.iter().any(|p| p.rule == "unknown-key" && p.message.contains("`titel`")),
        "{problems:?}"
    );
}
