//! `postdesk.toml`: a folder's own say over its schema and checks, read from text.
//!
//! The file is optional; without it every setting has the default below. It is parsed here,
//! purely, with toml_edit's span-keeping parser, so every mistake is reported with its line
//! and column and a sentence saying what to write instead. Unknown keys are errors, not
//! silently ignored: a misspelt `titel_min` that does nothing is worse than a refusal.
//! Reading the file from disk is `workspace::config`'s job.
//!
//! ```toml
//! static = "public"                 # the site's static folder, relative to this file
//! required = ["title", "pubDate"]   # fields every post must have
//!
//! [fields.pubDate]                  # per-key overrides of the inferred schema
//! type = "date"                     # text, long-text, date, datetime, bool, number, list, map
//! role = "date"                     # title, date, updated, draft, summary, image, tags, category
//!
//! [checks]
//! title_min = 10
//! title_max = 70
//! description_min = 50
//! description_max = 160
//! body_min_words = 100
//! required_fraction = 0.9           # a key in this share of posts is expected in every post
//!
//! [checks.rules]                    # switch a rule off, or change its severity
//! year-drift = false
//! double-space = "warning"
//! machine-prose = "warning"         # a group: every rule in it
//!
//! [prose]
//! spelling = true                   # spelling and grammar in `check` and the library's
//! grammar = true                    # counts (the editor shows them either way)
//! dialect = "british"               # american (default), british, canadian, australian, indian
//! words = ["Postdesk", "frontmatter"]   # the site's dictionary: never spelling mistakes
//!
//! [prose.patterns]                  # the site's own machine-prose patterns, per rule
//! stock-phrase = ["synergy", "best-in-class"]
//! ```

use std::collections::BTreeMap;
use std::ops::Range;

use toml_edit::{Item, Table, Value};

use super::checks::rules::{self, Severity, RULES};
use super::frontmatter::Role;
use super::schema::{self, FieldType, Schema};

/// Where the file lives in a folder.
pub const FILE_NAME: &str = "postdesk.toml";

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldOverride {
    pub ty: Option<FieldType>,
    pub role: Option<Role>,
}

/// A rule's switch: off, or on with its own severity or a chosen one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    Off,
    On,
    Severity(Severity),
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckSettings {
    pub title_min: usize,
    pub title_max: usize,
    pub description_min: usize,
    pub description_max: usize,
    pub body_min_words: usize,
    pub required_fraction: f64,
    pub rules: BTreeMap<String, RuleSetting>,
}

impl Default for CheckSettings {
    fn default() -> Self {
        CheckSettings {
            title_min: 10,
            title_max: 70,
            description_min: 50,
            description_max: 160,
            body_min_words: 100,
            required_fraction: 0.9,
            rules: BTreeMap::new(),
        }
    }
}

/// `[prose]`: spelling and grammar, the site's dictionary, and its own machine-prose patterns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProseSettings {
    /// Spelling and grammar in `postdesk check` and the library's counts (off by default:
    /// noisy on technical sites). The editor lints the open post's prose either way.
    pub spelling: bool,
    pub grammar: bool,
    pub dialect: Option<String>,
    /// Words that are never spelling mistakes on this site.
    pub words: Vec<String>,
    /// Extra patterns for machine-prose rules, by rule id.
    pub patterns: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Config {
    /// The site's static folder, relative to the folder holding `postdesk.toml`.
    pub static_dir: Option<String>,
    pub required: Vec<String>,
    pub fields: BTreeMap<String, FieldOverride>,
    pub checks: CheckSettings,
    pub prose: ProseSettings,
}

impl Config {
    /// The key the config assigns to `role`, if any.
    pub fn role_key(&self, role: Role) -> Option<&str> {
        self.fields.iter().find(|(_, f)| f.role == Some(role)).map(|(k, _)| k.as_str())
    }

    /// Is `rule` on, and with what severity (its default given)?
    pub fn rule(&self, rule: &str, default: Severity) -> Option<Severity> {
        match self.checks.rules.get(rule) {
            Some(RuleSetting::Off) => None,
            Some(RuleSetting::Severity(s)) => Some(*s),
            Some(RuleSetting::On) | None => Some(default),
        }
    }

    /// The schema as this folder wants it: declared types and roles replace inferred ones, and
    /// a declared key no post uses yet is listed too (with no presence).
    pub fn apply(&self, schema: &mut Schema) {
        for (key, over) in &self.fields {
            if schema.field(key).is_none() {
                schema.fields.push(schema::FieldSchema {
                    key: key.clone(),
                    ty: over.ty.unwrap_or(FieldType::Text),
                    types: Vec::new(),
                    present: 0,
                    fraction: 0.0,
                    sub_keys: Vec::new(),
                    role: None,
                });
            }
            let Some(field) = schema.fields.iter_mut().find(|f| &f.key == key) else { continue };
            if let Some(ty) = over.ty {
                field.ty = ty;
            }
            if let Some(role) = over.role {
                field.role = Some(schema::role_name(role).to_string());
            }
        }
    }
}

/// A mistake in `postdesk.toml`, located (1-based) in the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ConfigError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

fn locate(text: &str, span: Option<Range<usize>>, message: String) -> ConfigError {
    let at = span.map_or(0, |s| s.start).min(text.len());
    let before = &text[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    ConfigError { line, column, message }
}

struct Reader<'a> {
    text: &'a str,
}

impl Reader<'_> {
    fn err(&self, span: Option<Range<usize>>, message: String) -> ConfigError {
        locate(self.text, span, message)
    }

    /// Refuses keys of `table` outside `known`, naming what is allowed.
    fn only(&self, table: &Table, what: &str, known: &[&str]) -> Result<(), ConfigError> {
        for (key, _) in table.iter() {
            if !known.contains(&key) {
                let span = table.key(key).and_then(|k| k.span());
                return Err(self.err(
                    span,
                    format!("unknown key `{key}` in {what}; the known keys are {}", known.join(", ")),
                ));
            }
        }
        Ok(())
    }

    fn table<'t>(&self, item: &'t Item, what: &str) -> Result<&'t Table, ConfigError> {
        item.as_table().ok_or_else(|| {
            self.err(item.span(), format!("{what} must be a table, written as a `[{what}]` header"))
        })
    }

    fn string<'t>(&self, item: &'t Item, what: &str) -> Result<&'t str, ConfigError> {
        item.as_str().ok_or_else(|| self.err(item.span(), format!("`{what}` must be a quoted string")))
    }

    fn strings(&self, item: &Item, what: &str) -> Result<Vec<String>, ConfigError> {
        let list = item.as_array().ok_or_else(|| {
            self.err(
                item.span(),
                format!("`{what}` must be a list of quoted strings, such as [\"a\", \"b\"]"),
            )
        })?;
        list.iter()
            .map(|v| {
                v.as_str().map(str::to_string).ok_or_else(|| {
                    self.err(v.span(), format!("each entry of `{what}` must be a quoted string"))
                })
            })
            .collect()
    }

    fn count(&self, item: &Item, what: &str) -> Result<usize, ConfigError> {
        item.as_integer()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| self.err(item.span(), format!("`{what}` must be a whole number, 0 or more")))
    }
}

/// Parses `postdesk.toml`'s text.
pub fn parse(text: &str) -> Result<Config, ConfigError> {
    let doc = toml_edit::Document::parse(text)
        .map_err(|e| locate(text, e.span(), format!("this is not valid TOML: {}", e.message().trim_end())))?;
    let r = Reader { text };
    let root = doc.as_table();
    r.only(root, "postdesk.toml", &["static", "required", "fields", "checks", "prose"])?;
    let mut config = Config::default();

    if let Some(item) = root.get("static") {
        config.static_dir = Some(r.string(item, "static")?.to_string());
    }
    if let Some(item) = root.get("required") {
        let list = item.as_array().ok_or_else(|| {
            r.err(item.span(), "`required` must be a list of keys, such as [\"title\", \"pubDate\"]".into())
        })?;
        for value in list.iter() {
            let key = value.as_str().ok_or_else(|| {
                r.err(value.span(), "each entry of `required` must be a quoted key name".into())
            })?;
            config.required.push(key.to_string());
        }
    }
    if let Some(item) = root.get("fields") {
        let fields = r.table(item, "fields")?;
        for (key, item) in fields.iter() {
            let what = format!("fields.{key}");
            let table = item.as_table_like().ok_or_else(|| {
                r.err(
                    item.span(),
                    format!("`{what}` must be a table, such as `[{what}]` with `type = \"date\"`"),
                )
            })?;
            let mut over = FieldOverride::default();
            for (name, value) in table.iter() {
                match name {
                    "type" => {
                        let ty = r.string(value, &format!("{what}.type"))?;
                        over.ty = Some(FieldType::from_name(ty).ok_or_else(|| {
                            r.err(
                                value.span(),
                                format!(
                                    "unknown type `{ty}` for `{key}`; use text, long-text, date, datetime, bool, number, list or map"
                                ),
                            )
                        })?);
                    }
                    "role" => {
                        let role = r.string(value, &format!("{what}.role"))?;
                        over.role = Some(schema::role_from_name(role).ok_or_else(|| {
                            r.err(
                                value.span(),
                                format!(
                                    "unknown role `{role}` for `{key}`; use title, date, updated, draft, summary, image, tags or category"
                                ),
                            )
                        })?);
                    }
                    other => {
                        let span = table.key(other).and_then(|k| k.span()).or(value.span());
                        return Err(r.err(
                            span,
                            format!("unknown setting `{other}` in [{what}]; use `type` or `role`"),
                        ));
                    }
                }
            }
            config.fields.insert(key.to_string(), over);
        }
    }
    if let Some(item) = root.get("checks") {
        let checks = r.table(item, "checks")?;
        const KNOWN: &[&str] = &[
            "title_min",
            "title_max",
            "description_min",
            "description_max",
            "body_min_words",
            "required_fraction",
            "rules",
        ];
        r.only(checks, "[checks]", KNOWN)?;
        let s = &mut config.checks;
        for (name, slot) in [
            ("title_min", &mut s.title_min),
            ("title_max", &mut s.title_max),
            ("description_min", &mut s.description_min),
            ("description_max", &mut s.description_max),
            ("body_min_words", &mut s.body_min_words),
        ] {
            if let Some(item) = checks.get(name) {
                *slot = r.count(item, name)?;
            }
        }
        if let Some(item) = checks.get("required_fraction") {
            let f = item.as_float().or_else(|| item.as_integer().map(|i| i as f64));
            s.required_fraction = f.filter(|f| (0.0..=1.0).contains(f)).ok_or_else(|| {
                r.err(item.span(), "`required_fraction` must be a number from 0 to 1, such as 0.9".into())
            })?;
        }
        for (lo, hi) in [("title_min", "title_max"), ("description_min", "description_max")] {
            let (a, b) = match lo {
                "title_min" => (s.title_min, s.title_max),
                _ => (s.description_min, s.description_max),
            };
            if a > b {
                let span = checks.get(lo).and_then(Item::span);
                return Err(r.err(span, format!("`{lo}` ({a}) is larger than `{hi}` ({b}); swap them")));
            }
        }
        if let Some(item) = checks.get("rules") {
            let rules = r.table(item, "checks.rules")?;
            for (rule, value) in rules.iter() {
                if !RULES.contains(&rule) && rules::expand(rule).is_none() {
                    let span = rules.key(rule).and_then(|k| k.span());
                    return Err(r.err(
                        span,
                        format!(
                            "unknown check `{rule}` in [checks.rules]; the checks are {}",
                            RULES.join(", ")
                        ),
                    ));
                }
                let setting = match value.as_value() {
                    Some(Value::Boolean(b)) if *b.value() => RuleSetting::On,
                    Some(Value::Boolean(_)) => RuleSetting::Off,
                    Some(Value::String(s)) => match s.value().as_str() {
                        "off" => RuleSetting::Off,
                        "error" => RuleSetting::Severity(Severity::Error),
                        "warning" => RuleSetting::Severity(Severity::Warning),
                        "info" => RuleSetting::Severity(Severity::Info),
                        _ => RuleSetting::On,
                    },
                    _ => RuleSetting::On,
                };
                let valid = matches!(value.as_value(), Some(Value::Boolean(_)))
                    || value.as_str().is_some_and(|s| ["off", "error", "warning", "info"].contains(&s));
                if !valid {
                    return Err(r.err(
                        value.span(),
                        format!("`{rule}` must be true, false, \"off\", \"error\", \"warning\" or \"info\""),
                    ));
                }
                for id in rules::expand(rule).unwrap_or_default() {
                    s.rules.insert(id.to_string(), setting);
                }
            }
        }
    }
    if let Some(item) = root.get("prose") {
        config.prose = prose(&r, r.table(item, "prose")?)?;
    }
    Ok(config)
}

fn prose(r: &Reader<'_>, table: &Table) -> Result<ProseSettings, ConfigError> {
    r.only(table, "[prose]", &["spelling", "grammar", "dialect", "words", "patterns"])?;
    let mut prose = ProseSettings::default();
    for (name, slot) in [("spelling", &mut prose.spelling), ("grammar", &mut prose.grammar)] {
        if let Some(item) = table.get(name) {
            *slot = item
                .as_bool()
                .ok_or_else(|| r.err(item.span(), format!("`{name}` in [prose] must be true or false")))?;
        }
    }
    if let Some(item) = table.get("dialect") {
        let dialect = r.string(item, "prose.dialect")?;
        if !["american", "british", "canadian", "australian", "indian"].contains(&dialect) {
            return Err(r.err(
                item.span(),
                format!("unknown dialect `{dialect}`; use american, british, canadian, australian or indian"),
            ));
        }
        prose.dialect = Some(dialect.to_string());
    }
    if let Some(item) = table.get("words") {
        prose.words = r.strings(item, "prose.words")?;
    }
    if let Some(item) = table.get("patterns") {
        let patterns = r.table(item, "prose.patterns")?;
        let group = rules::expand("machine-prose").unwrap_or_default();
        for (rule, value) in patterns.iter() {
            if !group.contains(&rule) {
                let span = patterns.key(rule).and_then(|k| k.span());
                return Err(r.err(
                    span,
                    format!(
                        "`{rule}` in [prose.patterns] is not a machine-prose rule; use one of {}",
                        group.join(", ")
                    ),
                ));
            }
            let list = r.strings(value, &format!("prose.patterns.{rule}"))?;
            for p in &list {
                if let Err(e) = regex::Regex::new(p) {
                    return Err(
                        r.err(value.span(), format!("the pattern `{p}` for `{rule}` does not read: {e}"))
                    );
                }
            }
            prose.patterns.insert(rule.to_string(), list);
        }
    }
    Ok(prose)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse("").unwrap(), Config::default());
        assert_eq!(parse("# nothing\n").unwrap().checks.title_max, 70);
    }

    #[test]
    fn every_setting_is_read() {
        let c = parse(
            "static = \"public\"\nrequired = [\"title\", \"pubDate\"]\n\n[fields.published_at]\ntype = \"datetime\"\nrole = \"date\"\n\n[fields.blurb]\nrole = \"summary\"\n\n[checks]\ntitle_min = 5\ntitle_max = 80\ndescription_min = 0\ndescription_max = 300\nbody_min_words = 20\nrequired_fraction = 1\n\n[checks.rules]\nyear-drift = false\ndouble-space = \"warning\"\nh1-title = true\n",
        )
        .unwrap();
        assert_eq!(c.static_dir.as_deref(), Some("public"));
        assert_eq!(c.required, ["title", "pubDate"]);
        assert_eq!(
            c.fields["published_at"],
            FieldOverride { ty: Some(FieldType::Datetime), role: Some(Role::Date) }
        );
        assert_eq!(c.role_key(Role::Summary), Some("blurb"));
        assert_eq!(c.role_key(Role::Title), None);
        assert_eq!((c.checks.title_min, c.checks.title_max, c.checks.body_min_words), (5, 80, 20));
        assert_eq!(c.checks.required_fraction, 1.0);
        assert_eq!(c.rule("year-drift", Severity::Warning), None);
        assert_eq!(c.rule("double-space", Severity::Info), Some(Severity::Warning));
        assert_eq!(c.rule("h1-title", Severity::Warning), Some(Severity::Warning));
        assert_eq!(c.rule("bold-heading", Severity::Warning), Some(Severity::Warning));
    }

    /// Each bad file: the line and column reported, and words the message must contain.
    #[test]
    fn mistakes_are_located_and_explained() {
        let cases: &[(&str, (u32, u32), &str)] = &[
            ("title_min = 3\n", (1, 1), "unknown key `title_min` in postdesk.toml"),
            (
                "[checks]\ntitel_min = 3\n",
                (2, 1),
                "unknown key `titel_min` in [checks]; the known keys are title_min",
            ),
            ("[checks]\ntitle_min = \"ten\"\n", (2, 13), "must be a whole number"),
            ("[checks]\ntitle_min = -1\n", (2, 13), "must be a whole number"),
            ("[checks]\ntitle_min = 90\n", (2, 13), "larger than `title_max` (70); swap them"),
            ("[checks]\nrequired_fraction = 2.0\n", (2, 21), "from 0 to 1"),
            ("[checks.rules]\nyear-drfit = false\n", (2, 1), "unknown check `year-drfit`"),
            ("[checks.rules]\nyear-drift = \"loud\"\n", (2, 14), "must be true, false"),
            ("[fields.pubDate]\ntype = \"when\"\n", (2, 8), "unknown type `when` for `pubDate`"),
            ("[fields.x]\nrole = \"author\"\n", (2, 8), "unknown role `author`"),
            ("[fields.x]\nkind = \"text\"\n", (2, 1), "unknown setting `kind` in [fields.x]"),
            ("required = \"title\"\n", (1, 12), "must be a list of keys"),
            ("required = [1]\n", (1, 13), "quoted key name"),
            ("static = 3\n", (1, 10), "must be a quoted string"),
            ("checks = 3\n", (1, 10), "must be a table"),
            ("[checks\n", (1, 8), "not valid TOML"),
        ];
        for (text, (line, column), words) in cases {
            let e = parse(text).expect_err(text);
            assert_eq!((e.line, e.column), (*line, *column), "{text:?}: {e}");
            assert!(e.message.contains(words), "{text:?}: {}", e.message);
        }
    }

    #[test]
    fn overrides_change_the_schema() {
        let facts = [schema::PostFacts::extract("---\npublished_at: 2025-01-01\nblurb: b\n---\n")];
        let mut s = schema::infer(facts.iter());
        let c = parse("[fields.published_at]\ntype = \"datetime\"\nrole = \"date\"\n[fields.subtitle]\ntype = \"text\"\n").unwrap();
        c.apply(&mut s);
        let f = s.field("published_at").unwrap();
        assert_eq!((f.ty, f.role.as_deref()), (FieldType::Datetime, Some("date")));
        assert_eq!(s.field("subtitle").map(|f| f.present), Some(0));
        assert_eq!(s.field("blurb").unwrap().role, None);
    }
}
