//! Data-driven reconciler cases (`index-spec.txt`): each step feeds observations at a time on
//! the injected clock and states exactly what the UI must be told.

use super::*;

fn summary(path: &str, fingerprint: u64) -> PostSummary {
    PostSummary {
        path: path.to_string(),
        title: Some(format!("{path} v{fingerprint}")),
        date: None,
        updated: None,
        draft: false,
        tags: Vec::new(),
        categories: Vec::new(),
        errors: 0,
        warnings: 0,
        problems: 0,
        collection: None,
        lang: None,
        translation_key: None,
    }
}

/// `a.md=3` is a post with fingerprint 3; `-a.md` is a path now gone.
fn observation(token: &str) -> Observation {
    match token.strip_prefix('-') {
        Some(path) => Observation::Gone { path: path.to_string() },
        None => {
            let (path, fp) = token.split_once('=').expect("post token is path=fingerprint");
            let fingerprint = fp.parse().expect("fingerprint is a number");
            Observation::Post {
                fingerprint,
                summary: summary(path, fingerprint),
                facts: PostFacts::default(),
            }
        }
    }
}

/// The changes as the spec writes them: `+path` upserted, `-path` removed, `a>b` renamed,
/// `!path` external, in that order; `nothing` when empty.
fn describe(changes: &IndexChanges) -> String {
    let mut words: Vec<String> = Vec::new();
    words.extend(changes.upserted.iter().map(|s| format!("+{}", s.path)));
    words.extend(changes.removed.iter().map(|p| format!("-{p}")));
    words.extend(changes.renamed.iter().map(|r| format!("{}>{}", r.from, r.to)));
    words.extend(changes.external.iter().map(|p| format!("!{p}")));
    if words.is_empty() {
        "nothing".into()
    } else {
        words.join(" ")
    }
}

fn run_step(index: &mut Index, line: &str) -> String {
    let mut words = line.split_whitespace();
    let at: u64 = words.next().and_then(|w| w.parse().ok()).expect("step starts with a time");
    let action = words.next().expect("step has an action");
    let rest: Vec<&str> = words.collect();
    let changes = match action {
        "see" => index.observe(at, rest.iter().map(|t| observation(t)).collect()),
        "own" => {
            let Observation::Post { fingerprint, summary, facts } = observation(rest[0]) else {
                panic!("own takes path=fingerprint")
            };
            index.record_own_write(fingerprint, summary, facts)
        }
        "ownmove" => {
            let Observation::Post { fingerprint, summary, facts } = observation(rest[1]) else {
                panic!("ownmove takes from then to=fingerprint")
            };
            index.record_own_rename(rest[0], fingerprint, summary, facts)
        }
        "ownrm" => index.record_own_removal(rest[0]),
        "tick" => index.tick(at),
        other => panic!("unknown action {other}"),
    };
    describe(&changes)
}

#[test]
fn reconciler_spec() {
    let spec = include_str!("index-spec.txt");
    let mut cases = 0;
    for case in spec.split("\n# ").filter(|c| !c.trim().is_empty()) {
        let mut lines = case.lines();
        let name = lines.next().unwrap_or("").trim_start_matches("# ").to_string();
        let mut index = Index::default();
        let mut last = String::new();
        let mut steps = 0;
        for line in lines.map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            steps += 1;
            if let Some(expected) = line.strip_prefix("=> ") {
                assert_eq!(last, expected, "case `{name}`");
            } else if let Some(expected) = line.strip_prefix("list").map(str::trim) {
                let paths: Vec<String> = index.summaries().into_iter().map(|s| s.path).collect();
                assert_eq!(paths.join(" "), expected, "case `{name}`: the listed posts");
            } else if let Some(expected) = line.strip_prefix("deadline ") {
                let got = index.next_deadline().map_or("none".to_string(), |d| d.to_string());
                assert_eq!(got, expected, "case `{name}`: next deadline");
            } else {
                last = run_step(&mut index, line);
            }
        }
        if steps > 0 {
            cases += 1;
        }
    }
    assert!(cases >= 12, "the spec lost cases: {cases}");
}

#[test]
fn fingerprint_tells_contents_apart() {
    assert_eq!(fingerprint(b"title: a"), fingerprint(b"title: a"));
    assert_ne!(fingerprint(b"title: a"), fingerprint(b"title: b"));
    assert_ne!(fingerprint(b""), fingerprint(b"\0"));
}

#[test]
fn the_schema_follows_the_posts_in_the_index() {
    let mut index = Index::default();
    let post = |path: &str, fp: u64, text: &str| {
        let (summary, facts) = crate::content::post::index_entry(path, text);
        Observation::Post { fingerprint: fp, summary, facts }
    };
    index.observe(
        0,
        vec![
            post("a.md", 1, "---\ntitle: A\ntags: [x]\n---\n"),
            post("b.md", 2, "---\ntitle: B\ntags: [x, y]\ndraft: true\n---\n"),
        ],
    );
    let schema = index.schema();
    assert_eq!(schema.field("title").map(|f| f.present), Some(2));
    assert_eq!(schema.field("draft").map(|f| f.present), Some(1));
    index.observe(10, vec![Observation::Gone { path: "b.md".into() }]);
    index.tick(200);
    assert!(index.schema().field("draft").is_none(), "a removed post no longer counts");
}

#[test]
fn problem_counts_survive_edits_until_the_checks_run_again() {
    let mut index = Index::default();
    let post = |fp: u64| Observation::Post {
        fingerprint: fp,
        summary: summary("a.md", fp),
        facts: PostFacts::default(),
    };
    index.observe(0, vec![post(1)]);
    let counted = index.set_problems("a.md", 3);
    // Only the count travels: the first check pass sets 10,000 of them at once.
    assert_eq!(counted.problems, [ProblemCount { path: "a.md".into(), problems: 3 }]);
    assert!(counted.upserted.is_empty(), "no whole summary is resent for a count");
    assert!(index.set_problems("a.md", 3).is_empty(), "an unchanged count is no change");
    let changed = index.observe(10, vec![post(2)]);
    assert_eq!(changed.upserted[0].problems, 3, "the count stays until the recheck");
    assert!(index.set_problems("gone.md", 1).is_empty());
}
