use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::content::schema::{infer, PostFacts};

fn now() -> Now {
    Now::parse("2025-03-04T09:05:06+02:00").unwrap()
}

/// The schema and style of a folder of `posts` (path, text), as the app infers them.
fn folder(posts: &[(&str, &str)]) -> (Schema, FolderStyle) {
    let facts: Vec<PostFacts> = posts.iter().map(|(_, t)| PostFacts::extract(t)).collect();
    (infer(facts.iter()), FolderStyle::from_posts(posts.iter().copied()))
}

#[test]
fn file_stems_from_titles() {
    let long = "word ".repeat(30);
    let cases = [
        ("Hello, World!", "hello-world"),
        ("  The Power of Predictive Modeling  ", "the-power-of-predictive-modeling"),
        ("Ünïcödé & Café", "unicode-cafe"),
        ("C++ & Rust: a_b", "c-rust-a-b"),
        ("GPT-4o in 2025", "gpt-4o-in-2025"),
        ("日本語", "ri-ben-yu"),
        ("!!!", "untitled"),
        ("", "untitled"),
        ("../../etc/passwd", "etc-passwd"),
        (long.as_str(), "word-word-word-word-word-word-word-word-word-word-word-word-word-word-word-word"),
    ];
    for (title, want) in cases {
        assert_eq!(file_stem(title), want, "{title:?}");
        assert!(file_stem(title).len() <= MAX_STEM_CHARS);
    }
}

#[test]
fn unique_names_take_the_first_free_suffix() {
    let cases: &[(&[&str], &str)] = &[
        (&[], "notes.md"),
        (&["notes.md"], "notes-2.md"),
        (&["notes.md", "notes-2.md"], "notes-3.md"),
        (&["notes.md", "notes-3.md"], "notes-2.md"),
        (&["other.md"], "notes.md"),
    ];
    for (taken, want) in cases {
        let got = unique_file_name("notes", "md", |n| taken.contains(&n));
        assert_eq!(got.as_deref(), Some(*want), "{taken:?}");
    }
    assert_eq!(unique_file_name("notes", "md", |_| true), None, "gives up rather than loop for ever");
    assert_eq!(copy_stem("notes"), "notes-copy");
}

#[test]
fn now_is_an_rfc3339_local_time() {
    let good = [
        ("2025-03-04T09:05:06+02:00", ("2025-03-04", "09:05:06", "+02:00")),
        ("2025-03-04T09:05:06Z", ("2025-03-04", "09:05:06", "Z")),
        ("2025-03-04 09:05:06-05:30", ("2025-03-04", "09:05:06", "-05:30")),
    ];
    for (text, (d, t, o)) in good {
        assert_eq!(
            Now::parse(text),
            Some(Now { date: d.into(), time: t.into(), offset: o.into() }),
            "{text}"
        );
    }
    for bad in [
        "",
        "2025-03-04",
        "2025-3-04T09:05:06Z",
        "2025-03-04T09:05Z",
        "2025-03-04T09:05:06+0200",
        "2025-03-04T09:05:06",
        "2025-03-04T09:05:06+é:00",
        "éééééééééééééééé",
        "2025-03-04T09:05:06Zx",
    ] {
        assert_eq!(Now::parse(bad), None, "{bad:?}");
    }
}

/// Each case: a folder's posts, a title, and the whole text the new post must have.
#[test]
fn templates() {
    struct Case {
        name: &'static str,
        posts: &'static [(&'static str, &'static str)],
        title: &'static str,
        want: &'static str,
        ext: &'static str,
    }
    let cases = [
        Case {
            name: "an Astro folder: frequent keys in the folder's order, bare dates, draft",
            posts: &[
                ("a.md", "---\ntitle: A\ndescription: d\npubDate: 2025-01-01\ntags: [x]\nheroImage: /a.png\n---\n"),
                ("b.md", "---\ntitle: B\ndescription: d\npubDate: 2025-01-02\ntags: [y]\ndraft: true\n---\n"),
                ("c.md", "---\ntitle: C\ndescription: d\npubDate: 2025-01-03\ntags: []\n---\n"),
                ("d.md", "---\ntitle: D\ndescription: d\npubDate: 2025-01-04\ntags: [z]\n---\n"),
            ],
            title: "My New Post",
            want: "---\ntitle: \"My New Post\"\ndescription: \"\"\npubDate: 2025-03-04\ntags: []\ndraft: true\n---\n\n",
            ext: "md",
        },
        Case {
            name: "quoted dates stay quoted; a number, a bool and a map get empty values",
            posts: &[
                ("a.mdx", "---\ntitle: A\ndate: \"2025-01-01\"\nweight: 3\nfeatured: true\nimage:\n  url: /a.png\n  alt: A\n---\n"),
                ("b.mdx", "---\ntitle: B\ndate: \"2025-01-02\"\nweight: 1\nfeatured: false\nimage:\n  url: /b.png\n  alt: B\n---\n"),
            ],
            title: "Quoted: \"yes\"",
            want: "---\ntitle: \"Quoted: \\\"yes\\\"\"\ndate: \"2025-03-04\"\nweight: 0\nfeatured: false\nimage:\n  alt: \"\"\n  url: \"\"\n---\n\n",
            ext: "mdx",
        },
        Case {
            name: "a Hugo TOML folder: datetimes with the writer's offset, published inverted",
            posts: &[
                ("a.md", "+++\ntitle = \"A\"\ndate = 2025-01-01T10:00:00Z\npublished = true\ncategories = [\"x\"]\n+++\n"),
                ("b.md", "+++\ntitle = \"B\"\ndate = 2025-01-02T10:00:00Z\npublished = false\ncategories = []\n+++\n"),
                ("c.md", "---\ntitle: C\ndate: 2025-01-03T10:00:00Z\npublished: true\ncategories: []\n---\n"),
            ],
            title: "Hugo",
            want: "+++\ntitle = \"Hugo\"\ndate = 2025-03-04T09:05:06+02:00\npublished = false\ncategories = []\n+++\n\n",
            ext: "md",
        },
        Case {
            name: "a slug key gets the file stem; rare keys are left out",
            posts: &[
                ("a.markdown", "---\nslug: a\ntitle: A\ndate: 2025-01-01\nrare: x\n---\n"),
                ("b.markdown", "---\nslug: b\ntitle: B\ndate: 2025-01-02\n---\n"),
                ("c.markdown", "---\nslug: c\ntitle: C\ndate: 2025-01-02\n---\n"),
                ("d.markdown", "---\nslug: d\ntitle: D\ndate: 2025-01-02\n---\n"),
            ],
            title: "Slugs, Please",
            want: "---\nslug: \"slugs-please\"\ntitle: \"Slugs, Please\"\ndate: 2025-03-04\n---\n\n",
            ext: "markdown",
        },
        Case {
            name: "an empty folder: title and date",
            posts: &[],
            title: "First",
            want: "---\ntitle: \"First\"\ndate: 2025-03-04\n---\n\n",
            ext: "md",
        },
        Case {
            name: "keys that need quoting, and an always-empty key",
            posts: &[
                ("a.md", "---\ntitle: A\n\"odd key\": x\nnote:\n---\n"),
                ("b.md", "---\ntitle: B\n\"odd key\": y\nnote:\n---\n"),
            ],
            title: "# not a comment",
            want: "---\ntitle: \"# not a comment\"\n\"odd key\": \"\"\nnote:\ndate: 2025-03-04\n---\n\n",
            ext: "md",
        },
    ];
    for case in cases {
        let (schema, style) = folder(case.posts);
        let got = template(&schema, &style, case.title, &now());
        assert_eq!(got, case.want, "case `{}`", case.name);
        assert_eq!(style.extension, case.ext, "case `{}`", case.name);
        let parts = split(&got);
        let fm = frontmatter::read(&got, &parts);
        assert!(fm.blocking_error().is_none(), "case `{}` does not parse: {:?}", case.name, fm.diagnostics);
        assert_eq!(fm.text(Role::Title).as_deref(), Some(case.title), "case `{}`", case.name);
    }
}

#[test]
fn the_sample_folder_template() {
    let names = [
        "a-tidy-writing-desk.md",
        "choosing-a-typeface-for-long-reads.md",
        "draft-keyboard-layouts.md",
        "gardening-a-codebase.md",
        "hugo-style-toml-notes.md",
        "markdown-feature-tour.md",
        "predictive-ai-in-healthcare.md",
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("posts");
    let texts: Vec<(String, String)> =
        names.iter().map(|n| (n.to_string(), std::fs::read_to_string(dir.join(n)).unwrap())).collect();
    let posts: Vec<(&str, &str)> = texts.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let (schema, style) = folder(&posts);
    let got = template(&schema, &style, "A Fresh Post", &now());
    assert!(got.starts_with("---\ntitle: \"A Fresh Post\"\n"), "{got}");
    assert!(got.contains("\npubDate: 2025-03-04\n"), "the folder's date key, bare: {got}");
    assert!(got.contains("\ndraft: true\n"), "{got}");
    assert!(got.contains("\ntags: []\n"), "{got}");
}

#[test]
fn duplicates() {
    let cases: &[(&str, Option<&str>, &str)] = &[
        (
            "---\ntitle: \"Notes\" # kept\ntags: [a]\n---\nBody\n",
            Some("draft"),
            "---\ntitle: \"Notes (copy)\" # kept\ntags: [a]\ndraft: true\n---\nBody\n",
        ),
        (
            "---\ntitle: Notes\ndraft: false\n---\nBody\n",
            Some("draft"),
            "---\ntitle: Notes (copy)\ndraft: true\n---\nBody\n",
        ),
        (
            "---\ntitle: Notes\npublished: true\n---\n",
            Some("draft"),
            "---\ntitle: Notes (copy)\npublished: false\n---\n",
        ),
        ("---\ntitle: Notes\nslug: notes\n---\n", None, "---\ntitle: Notes (copy)\nslug: notes-copy\n---\n"),
        (
            "+++\ntitle = \"Notes\"\ndraft = false\n+++\n",
            Some("draft"),
            "+++\ntitle = \"Notes (copy)\"\ndraft = true\n+++\n",
        ),
        ("---\r\ntitle: Notes\r\n---\r\nBody\r\n", None, "---\r\ntitle: Notes (copy)\r\n---\r\nBody\r\n"),
        ("---\ntitle: [broken\n---\nBody\n", Some("draft"), "---\ntitle: [broken\n---\nBody\n"),
        ("No front matter at all.\n", Some("draft"), "No front matter at all.\n"),
    ];
    for (text, draft, want) in cases {
        assert_eq!(duplicate_text(text, *draft, "notes-copy").unwrap(), *want, "{text:?}");
    }
}

#[test]
fn renamed_slugs() {
    assert_eq!(
        with_slug("---\nslug: old # c\ntitle: T\n---\n", "new").unwrap().as_deref(),
        Some("---\nslug: new # c\ntitle: T\n---\n")
    );
    assert_eq!(with_slug("---\ntitle: T\n---\n", "new").unwrap(), None);
    assert_eq!(with_slug("---\nslug: [x\n---\n", "new").unwrap(), None);
    assert_eq!(draft_value("published"), json!(false));
}

proptest! {
    /// Any title, any folder shape: the template parses, and reads back the exact title.
    #[test]
    fn any_title_makes_a_readable_post(title in "\\PC{0,60}", toml in any::<bool>(), quoted in any::<bool>()) {
        let date = if quoted { "\"2025-01-01\"" } else { "2025-01-01" };
        let post = if toml {
            format!("+++\ntitle = \"x\"\ndate = {date}\ntags = []\n+++\n")
        } else {
            format!("---\ntitle: x\ndate: {date}\ntags: []\n---\n")
        };
        let (schema, style) = folder(&[("a.md", post.as_str())]);
        let text = template(&schema, &style, &title, &now());
        let parts = split(&text);
        let fm = frontmatter::read(&text, &parts);
        prop_assert!(fm.blocking_error().is_none(), "{text}");
        prop_assert_eq!(fm.text(Role::Title), Some(title.clone()));
        let stem = file_stem(&title);
        prop_assert!(!stem.is_empty() && stem.len() <= MAX_STEM_CHARS);
        prop_assert!(stem.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
    }

    #[test]
    fn now_parse_never_panics(text in "\\PC{0,40}") {
        let _ = Now::parse(&text);
    }
}

#[test]
fn a_hugo_archetype_is_filled_in_as_hugo_new_would() {
    let now = Now::parse("2025-03-04T10:30:00+01:00").unwrap();
    let archetype = "+++\ntitle = '{{ replace .File.ContentBaseName \"-\" \" \" | title }}'\ndate = '{{ .Date }}'\ndraft = true\nslug = '{{ .Name }}'\nweird = '{{ .Site.Params.x }}'\n+++\n\nWrite here.\n";
    let text = from_archetype(archetype, "Notes From a Trip", "notes-from-a-trip", &now).unwrap();
    assert_eq!(
        text,
        "+++\ntitle = 'Notes From a Trip'\ndate = '2025-03-04T10:30:00+01:00'\ndraft = true\nslug = 'notes-from-a-trip'\nweird = ''\n+++\n\nWrite here.\n"
    );
    assert_eq!(from_archetype("no front matter {{ .Date }}", "T", "t", &now), None);
    // A title that would break the archetype's quoting gives no post rather than a broken one.
    assert_eq!(from_archetype(archetype, "It's Mine", "its-mine", &now), None);
}

#[test]
fn a_translation_keeps_the_front_matter_and_empties_the_body() {
    let text = "---\ntitle: Hello # greeting\nlang: en\ntags: [a, b]\n---\n\nThe body.\n";
    let out = translation_text(text, "fr").unwrap();
    assert_eq!(out, "---\ntitle: Hello # greeting\nlang: fr\ntags: [a, b]\n---\n");
    let toml = "+++\ntitle = 'Hi'\n+++\nBody\n";
    assert_eq!(translation_text(toml, "de").unwrap(), "+++\ntitle = 'Hi'\n+++\n");
}
