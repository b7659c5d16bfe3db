//! The folder's inferred front-matter schema: which keys posts use, of what type, how often,
//! the known tags and categories, and the date literal style.
//!
//! It is built in two steps so that an incremental index can keep it current cheaply: each post
//! is reduced once to a small [`PostFacts`] (recomputed only when that post changes), and
//! [`infer`] folds any set of facts into a [`Schema`]. Nothing here reads the disk. The UI uses
//! the schema for typed fields and autocomplete; the checks use it for required fields, tag
//! variants and near-miss keys. `postdesk.toml` overrides live in `config`, not here: the
//! schema says what the folder *does*, the config what it *should* do.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::frontmatter::{self, FrontMatter, Role};
use super::split::{split, FrontMatterKind};

/// A text longer than this (in characters) wants a multi-line input.
pub const LONG_TEXT_CHARS: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Schema.ts")]
pub enum FieldType {
    Text,
    /// Multi-line or longer than [`LONG_TEXT_CHARS`].
    LongText,
    /// `2025-01-02`
    Date,
    /// `2025-01-02T10:00:00Z`, `2025-01-02 10:00:00 +0200`
    Datetime,
    Bool,
    Number,
    List,
    Map,
    /// Present but empty (`key:` with nothing after it).
    Empty,
}

impl FieldType {
    /// Types that one input can edit alike: a long and a short text, a date and a datetime.
    pub fn family(self) -> FieldType {
        match self {
            FieldType::LongText => FieldType::Text,
            FieldType::Datetime => FieldType::Date,
            other => other,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::LongText => "longText",
            FieldType::Date => "date",
            FieldType::Datetime => "datetime",
            FieldType::Bool => "bool",
            FieldType::Number => "number",
            FieldType::List => "list",
            FieldType::Map => "map",
            FieldType::Empty => "empty",
        }
    }

    /// The type named in `postdesk.toml` (`text`, `long-text`, `date`, ...).
    pub fn from_name(name: &str) -> Option<FieldType> {
        let n = name.to_ascii_lowercase().replace(['-', '_'], "");
        Some(match n.as_str() {
            "text" | "string" => FieldType::Text,
            "longtext" => FieldType::LongText,
            "date" => FieldType::Date,
            "datetime" => FieldType::Datetime,
            "bool" | "boolean" => FieldType::Bool,
            "number" | "integer" | "float" => FieldType::Number,
            "list" | "array" => FieldType::List,
            "map" | "object" | "table" => FieldType::Map,
            _ => return None,
        })
    }
}

/// How a post writes its publish date. Generators differ (Astro's zod coerces a quoted date,
/// Jekyll reads a bare one as a Date), so a new or edited date copies the folder's style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Schema.ts")]
pub enum DateStyle {
    /// `2025-01-02`
    Date,
    /// `"2025-01-02"`
    QuotedDate,
    /// `2025-01-02T10:00:00Z` or with a space and an offset
    Datetime,
    /// `"2025-01-02T10:00:00Z"`
    QuotedDatetime,
}

/// One top-level key of one post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFact {
    pub key: Arc<str>,
    pub ty: FieldType,
    /// For a map, its keys in file order.
    pub sub_keys: Vec<Arc<str>>,
}

/// What one post contributes to the schema. Small on purpose: an index keeps one per post, and
/// its names are shared (see [`interned`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostFacts {
    pub keys: Vec<KeyFact>,
    pub tags: Vec<Arc<str>>,
    pub categories: Vec<Arc<str>>,
    /// The style of the date-role field, when it holds a date.
    pub date_style: Option<DateStyle>,
    /// The front matter did not parse: the post's keys are unknown, not absent.
    pub unreadable: bool,
    /// The front matter's values as JSON text, for the table's cells: kept here so a table of
    /// thousands of posts is drawn from memory, without reading a file. Text rather than the
    /// parsed map: a quarter of the memory (13.2 MiB for 10,000 generated posts parsed), and
    /// parsing it again for a table read costs about a microsecond a post.
    pub values: Arc<str>,
}

/// `YYYY-MM-DD` with plausible digits (the value of the literal is checked by `checks`).
fn is_date_text(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// A date followed by a time (`T` or a space, then `HH:MM`).
fn is_datetime_text(s: &str) -> bool {
    s.len() >= 16
        && s.is_char_boundary(10)
        && is_date_text(&s[..10])
        && matches!(s.as_bytes()[10], b'T' | b't' | b' ')
        && s.as_bytes()[11..13].iter().all(u8::is_ascii_digit)
        && s.as_bytes()[13] == b':'
}

/// The type of one value.
pub fn type_of(value: &Value) -> FieldType {
    match value {
        Value::Null => FieldType::Empty,
        Value::Bool(_) => FieldType::Bool,
        Value::Number(_) => FieldType::Number,
        Value::Array(_) => FieldType::List,
        Value::Object(_) => FieldType::Map,
        Value::String(s) if is_date_text(s) => FieldType::Date,
        Value::String(s) if is_datetime_text(s) => FieldType::Datetime,
        Value::String(s) if s.contains('\n') || s.chars().count() > LONG_TEXT_CHARS => FieldType::LongText,
        Value::String(_) => FieldType::Text,
    }
}

/// Is the value of top-level `key` written in quotes in this front matter's source? JSON
/// strings always are; in YAML and TOML a date may be a bare literal or a quoted string.
fn quoted_in_source(kind: FrontMatterKind, source: &str, key: &str) -> bool {
    let separator = match kind {
        FrontMatterKind::Json => return true,
        FrontMatterKind::None => return false,
        FrontMatterKind::Yaml => ':',
        FrontMatterKind::Toml => '=',
    };
    source.lines().any(|line| {
        let rest = line
            .strip_prefix(key)
            .or_else(|| line.strip_prefix(&format!("\"{key}\"")))
            .or_else(|| line.strip_prefix(&format!("'{key}'")));
        rest.and_then(|r| r.trim_start().strip_prefix(separator))
            .is_some_and(|v| v.trim_start().starts_with(['"', '\'']))
    })
}

/// One shared copy of a key name, tag or category. They repeat across a folder: 10,000 posts
/// hold about 130,000 of them with a few hundred distinct, and a String each cost the index
/// about 6 MB. The set only grows, by the distinct names of the folders opened in a session.
pub fn interned(name: &str) -> Arc<str> {
    static NAMES: OnceLock<Mutex<HashSet<Arc<str>>>> = OnceLock::new();
    let mut names = NAMES.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
    if let Some(found) = names.get(name) {
        return Arc::clone(found);
    }
    let name: Arc<str> = Arc::from(name);
    names.insert(Arc::clone(&name));
    name
}

impl PostFacts {
    /// Facts from an already read front matter and its source text (the front-matter span).
    pub fn from_front_matter(fm: &FrontMatter, kind: FrontMatterKind, source: &str) -> PostFacts {
        let keys = fm
            .values
            .iter()
            .map(|(key, value)| KeyFact {
                key: interned(key),
                ty: type_of(value),
                sub_keys: value
                    .as_object()
                    .map(|m| m.keys().map(|k| interned(k)).collect())
                    .unwrap_or_default(),
            })
            .collect();
        let date_style = fm.by_role(Role::Date).and_then(|(key, value)| {
            let quoted = quoted_in_source(kind, source, key);
            match (type_of(value), quoted) {
                (FieldType::Date, false) => Some(DateStyle::Date),
                (FieldType::Date, true) => Some(DateStyle::QuotedDate),
                (FieldType::Datetime, false) => Some(DateStyle::Datetime),
                (FieldType::Datetime, true) => Some(DateStyle::QuotedDatetime),
                _ => None,
            }
        });
        PostFacts {
            keys,
            tags: fm.list(Role::Tags).iter().map(|t| interned(t)).collect(),
            categories: fm.list(Role::Category).iter().map(|c| interned(c)).collect(),
            date_style,
            unreadable: fm.blocking_error().is_some(),
            values: serde_json::to_string(&fm.values).map(Arc::from).unwrap_or_else(|_| Arc::from("{}")),
        }
    }

    /// The facts of a file that could not be read as text: nothing is known of its keys.
    pub fn unreadable() -> PostFacts {
        PostFacts { unreadable: true, ..PostFacts::default() }
    }

    /// Facts from a post's whole text.
    pub fn extract(text: &str) -> PostFacts {
        let parts = split(text);
        let fm = frontmatter::read(text, &parts);
        PostFacts::from_front_matter(&fm, parts.kind, &text[parts.front_matter.clone()])
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Schema.ts")]
pub struct TypeCount {
    #[serde(rename = "type")]
    pub ty: FieldType,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Schema.ts")]
pub struct FieldSchema {
    pub key: String,
    /// The majority type (see [`infer`] for ties and long text).
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// Every type seen, most common first, so the UI can tell a clean key from a mixed one.
    pub types: Vec<TypeCount>,
    /// Posts that have the key.
    pub present: u32,
    /// `present` over the readable posts, 0 to 1.
    pub fraction: f64,
    /// For a map: the union of its keys, most common first.
    pub sub_keys: Vec<String>,
    /// The role this key fills (`title`, `date`, ...), by the alias list or `postdesk.toml`.
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Schema.ts")]
pub struct ValueCount {
    pub value: String,
    pub count: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "Schema.ts")]
pub struct Schema {
    /// Posts whose front matter was read (unreadable ones say nothing about the schema).
    pub posts: u32,
    /// Keys in order of how often they appear, then by name.
    pub fields: Vec<FieldSchema>,
    /// Tags as written, most used first.
    pub tags: Vec<ValueCount>,
    pub categories: Vec<ValueCount>,
    /// The date style most posts use.
    pub date_style: Option<DateStyle>,
    /// What the site's generator declares for the collection (types, required, options,
    /// bounds, defaults), when it declares a schema.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared: Option<super::site::DeclaredSchema>,
}

impl Schema {
    pub fn field(&self, key: &str) -> Option<&FieldSchema> {
        self.fields.iter().find(|f| f.key == key)
    }
}

pub const ROLES: [Role; 8] = [
    Role::Title,
    Role::Date,
    Role::Updated,
    Role::Draft,
    Role::Summary,
    Role::Image,
    Role::Tags,
    Role::Category,
];

/// The name a role has in `postdesk.toml` and on the wire.
pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Title => "title",
        Role::Date => "date",
        Role::Updated => "updated",
        Role::Draft => "draft",
        Role::Summary => "summary",
        Role::Image => "image",
        Role::Tags => "tags",
        Role::Category => "category",
    }
}

pub fn role_from_name(name: &str) -> Option<Role> {
    ROLES.into_iter().find(|r| role_name(*r) == name)
}

/// The role whose alias list names this top-level key (`image` for `image.url` too).
pub fn role_of_key(key: &str) -> Option<Role> {
    ROLES.into_iter().find(|r| r.aliases().iter().any(|a| a.split('.').next() == Some(key)))
}

/// Counts sorted most common first, then by value, so output is stable.
fn ranked<K: Ord + Clone>(counts: BTreeMap<K, u32>) -> Vec<(K, u32)> {
    let mut v: Vec<(K, u32)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Folds post facts into the folder's schema.
///
/// A key's type is its most common type, ties going to the earlier [`FieldType`]. Long text is
/// the exception: a key where at least a quarter of the texts are long is long text, because a
/// description that is sometimes 200 characters needs the big input every time.
pub fn infer<'a>(facts: impl Iterator<Item = &'a PostFacts>) -> Schema {
    #[derive(Default)]
    struct Acc {
        present: u32,
        first_seen: usize,
        types: BTreeMap<FieldType, u32>,
        sub_keys: BTreeMap<String, u32>,
    }
    let mut keys: BTreeMap<String, Acc> = BTreeMap::new();
    let mut tags: BTreeMap<String, u32> = BTreeMap::new();
    let mut categories: BTreeMap<String, u32> = BTreeMap::new();
    let mut styles: BTreeMap<DateStyle, u32> = BTreeMap::new();
    let mut posts = 0u32;
    for post in facts.filter(|f| !f.unreadable) {
        posts += 1;
        for fact in &post.keys {
            let next = keys.len();
            let acc = keys
                .entry(fact.key.to_string())
                .or_insert_with(|| Acc { first_seen: next, ..Acc::default() });
            acc.present += 1;
            *acc.types.entry(fact.ty).or_default() += 1;
            for sub in &fact.sub_keys {
                *acc.sub_keys.entry(sub.to_string()).or_default() += 1;
            }
        }
        for tag in &post.tags {
            *tags.entry(tag.to_string()).or_default() += 1;
        }
        for category in &post.categories {
            *categories.entry(category.to_string()).or_default() += 1;
        }
        if let Some(style) = post.date_style {
            *styles.entry(style).or_default() += 1;
        }
    }
    let mut fields: Vec<(usize, FieldSchema)> = keys
        .into_iter()
        .map(|(key, acc)| {
            let long = acc.types.get(&FieldType::LongText).copied().unwrap_or(0);
            let short = acc.types.get(&FieldType::Text).copied().unwrap_or(0);
            let types: Vec<TypeCount> =
                ranked(acc.types).into_iter().map(|(ty, count)| TypeCount { ty, count }).collect();
            let mut ty = types.first().map_or(FieldType::Empty, |t| t.ty);
            if ty.family() == FieldType::Text && long * 4 >= long + short {
                ty = FieldType::LongText;
            }
            let field = FieldSchema {
                key: key.clone(),
                ty,
                types,
                present: acc.present,
                fraction: if posts == 0 { 0.0 } else { f64::from(acc.present) / f64::from(posts) },
                sub_keys: ranked(acc.sub_keys).into_iter().map(|(k, _)| k).collect(),
                role: role_of_key(&key).map(|r| role_name(r).to_string()),
            };
            (acc.first_seen, field)
        })
        .collect();
    // Most common first; among equals, the order the folder first wrote them in.
    fields.sort_by(|a, b| b.1.present.cmp(&a.1.present).then(a.0.cmp(&b.0)));
    let values =
        |m| ranked(m).into_iter().map(|(value, count)| ValueCount { value, count }).collect::<Vec<_>>();
    Schema {
        posts,
        fields: fields.into_iter().map(|(_, f)| f).collect(),
        tags: values(tags),
        categories: values(categories),
        date_style: ranked(styles).first().map(|(s, _)| *s),
        declared: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn value_types() {
        let cases = [
            (json!("Hello"), FieldType::Text),
            (json!("a\nb"), FieldType::LongText),
            (json!("x".repeat(LONG_TEXT_CHARS + 1)), FieldType::LongText),
            (json!("x".repeat(LONG_TEXT_CHARS)), FieldType::Text),
            (json!("2025-01-02"), FieldType::Date),
            (json!("2025-01-02T10:00:00Z"), FieldType::Datetime),
            (json!("2025-01-02 10:00:00 +0200"), FieldType::Datetime),
            (json!("2025-1-2"), FieldType::Text),
            (json!("2025-01-02x"), FieldType::Text),
            (json!(true), FieldType::Bool),
            (json!(3.5), FieldType::Number),
            (json!(["a"]), FieldType::List),
            (json!({"url": "x"}), FieldType::Map),
            (Value::Null, FieldType::Empty),
        ];
        for (value, want) in cases {
            assert_eq!(type_of(&value), want, "{value}");
        }
    }

    #[test]
    fn date_styles_are_read_from_the_source() {
        let cases = [
            ("---\npubDate: 2025-01-02\n---\n", Some(DateStyle::Date)),
            ("---\npubDate: \"2025-01-02\"\n---\n", Some(DateStyle::QuotedDate)),
            ("---\ndate: '2025-01-02'\n---\n", Some(DateStyle::QuotedDate)),
            ("---\ndate: 2025-01-02T10:00:00Z\n---\n", Some(DateStyle::Datetime)),
            ("---\ndate: \"2025-01-02T10:00:00Z\"\n---\n", Some(DateStyle::QuotedDatetime)),
            ("+++\ndate = 2025-09-14T09:30:00+02:00\n+++\n", Some(DateStyle::Datetime)),
            ("+++\ndate = \"2025-09-14\"\n+++\n", Some(DateStyle::QuotedDate)),
            ("{\n\"date\": \"2025-09-14\"\n}\n", Some(DateStyle::QuotedDate)),
            ("---\ndate: soon\n---\n", None),
            ("---\ntitle: x\n---\n", None),
        ];
        for (text, want) in cases {
            assert_eq!(PostFacts::extract(text).date_style, want, "{text}");
        }
    }

    #[test]
    fn facts_are_keys_types_tags_and_categories() {
        let f = PostFacts::extract(
            "---\ntitle: T\nimage:\n  url: /x.png\n  alt: X\ntags: [a, B]\ncategories: [Notes]\n---\n",
        );
        let keys: Vec<(&str, FieldType)> = f.keys.iter().map(|k| (&*k.key, k.ty)).collect();
        assert_eq!(
            keys,
            [
                ("title", FieldType::Text),
                ("image", FieldType::Map),
                ("tags", FieldType::List),
                ("categories", FieldType::List)
            ]
        );
        assert_eq!(f.keys[1].sub_keys, [interned("url"), interned("alt")]);
        assert_eq!(
            (f.tags.as_slice(), f.categories.as_slice()),
            (&[interned("a"), interned("B")][..], &[interned("Notes")][..])
        );
        assert!(PostFacts::extract("---\ntitle: [oops\n---\n").unreadable);
    }

    /// Each case: the posts of a folder, then what the schema must say.
    #[test]
    fn inference_cases() {
        struct Case {
            name: &'static str,
            posts: &'static [&'static str],
            check: fn(&Schema),
        }
        let cases = [
            Case {
                name: "majority type and presence",
                posts: &[
                    "---\ntitle: A\nweight: 1\n---\n",
                    "---\ntitle: B\nweight: 2\n---\n",
                    "---\ntitle: C\nweight: heavy\n---\n",
                    "---\ntitle: D\n---\n",
                ],
                check: |s| {
                    assert_eq!(s.posts, 4);
                    let w = s.field("weight").unwrap();
                    assert_eq!((w.ty, w.present, w.fraction), (FieldType::Number, 3, 0.75));
                    assert_eq!(
                        w.types,
                        [
                            TypeCount { ty: FieldType::Number, count: 2 },
                            TypeCount { ty: FieldType::Text, count: 1 }
                        ]
                    );
                    assert_eq!(s.fields[0].key, "title", "the most common key comes first");
                },
            },
            Case {
                name: "a quarter of long texts makes long text",
                posts: &[
                    "---\ndescription: short\n---\n",
                    "---\ndescription: short too\n---\n",
                    "---\ndescription: still short\n---\n",
                    "---\ndescription: \"a\\nb\"\n---\n",
                ],
                check: |s| assert_eq!(s.field("description").unwrap().ty, FieldType::LongText),
            },
            Case {
                name: "nested map sub-keys, most common first",
                posts: &["---\nimage:\n  url: a\n---\n", "---\nimage:\n  alt: b\n  url: c\n---\n"],
                check: |s| assert_eq!(s.field("image").unwrap().sub_keys, ["url", "alt"]),
            },
            Case {
                name: "tags and categories with counts, most used first",
                posts: &[
                    "---\ntags: [rust, web]\ncategory: Notes\n---\n",
                    "---\ntags: [rust]\ncategory: Notes\n---\n",
                    "+++\ntags = [\"AI\"]\ncategories = [\"Tools\", \"Notes\"]\n+++\n",
                ],
                check: |s| {
                    let tags: Vec<(&str, u32)> = s.tags.iter().map(|t| (t.value.as_str(), t.count)).collect();
                    assert_eq!(tags, [("rust", 2), ("AI", 1), ("web", 1)]);
                    let cats: Vec<(&str, u32)> =
                        s.categories.iter().map(|t| (t.value.as_str(), t.count)).collect();
                    assert_eq!(cats, [("Notes", 3), ("Tools", 1)]);
                },
            },
            Case {
                name: "the folder's date style is the majority",
                posts: &[
                    "---\npubDate: 2025-01-01\n---\n",
                    "---\npubDate: \"2025-01-02\"\n---\n",
                    "---\npubDate: \"2025-01-03\"\n---\n",
                ],
                check: |s| assert_eq!(s.date_style, Some(DateStyle::QuotedDate)),
            },
            Case {
                name: "unreadable posts do not count",
                posts: &["---\ntitle: A\n---\n", "---\ntitle: [broken\n---\n"],
                check: |s| {
                    assert_eq!(s.posts, 1);
                    assert_eq!(s.field("title").unwrap().fraction, 1.0);
                },
            },
            Case { name: "an empty folder", posts: &[], check: |s| assert_eq!(s, &Schema::default()) },
        ];
        for case in cases {
            let facts: Vec<PostFacts> = case.posts.iter().map(|p| PostFacts::extract(p)).collect();
            let schema = infer(facts.iter());
            let result = std::panic::catch_unwind(|| (case.check)(&schema));
            assert!(result.is_ok(), "case `{}` failed: {schema:#?}", case.name);
        }
    }

    #[test]
    fn the_sample_folder() {
        let posts = [
            include_str!("../../posts/a-tidy-writing-desk.md"),
            include_str!("../../posts/hugo-style-toml-notes.md"),
            include_str!("../../posts/predictive-ai-in-healthcare.md"),
            include_str!("../../posts/gardening-a-codebase.md"),
        ];
        let facts: Vec<PostFacts> = posts.iter().map(|p| PostFacts::extract(p)).collect();
        let s = infer(facts.iter());
        assert_eq!(s.posts, 4);
        assert_eq!(s.field("title").unwrap().present, 4);
        assert_eq!(s.field("description").unwrap().ty, FieldType::LongText);
        assert_eq!(s.field("pubDate").unwrap().ty, FieldType::Date);
        assert_eq!(s.field("date").unwrap().ty, FieldType::Datetime);
        assert_eq!(s.date_style, Some(DateStyle::Date));
        assert!(s.tags.iter().any(|t| t.value == "GPT-4o"));
    }
}
