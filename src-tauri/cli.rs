//! The command line: `postdesk [DIR]` asks for the window, and the subcommands work on posts
//! without a window, GTK or a display. It is a thin front door: parse, call one `content` or
//! `workspace` function, print, and map errors to exit codes (0 ok, 1 the checks found
//! errors, 2 usage, I/O or parse).

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use serde_json::Value;

use crate::content::checks::{CivilDate, Problem, Severity};
use crate::content::export::ExportOptions;
use crate::content::frontmatter::{self, scalar_text};
use crate::content::site::Site;
use crate::content::{bulk, post, split};
use crate::workspace::bulk as workspace_bulk;
use crate::workspace::{export, folder, launch, scan, site, store};

#[derive(Debug, Parser)]
#[command(name = "postdesk", version, about = "Review, fix and preview Markdown posts before publishing")]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The posts folder, or one post, to open in the window (default: the last folder opened,
    /// else the sample posts).
    dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every post of a site (or folder): path, title, date, draft, tags, category, errors.
    /// A path inside a site lists the whole site, with paths relative to its root.
    List {
        dir: PathBuf,
        #[arg(long)]
        json: bool,
        /// Only this collection's posts (see `postdesk site`).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
    },
    /// Describe the site PATH belongs to: its root, generator, collections (with their post
    /// counts and schema sources) and static folders.
    Site {
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Print a post's front matter, or one key of it (dotted paths such as `image.alt`).
    Get {
        file: PathBuf,
        key: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set one front-matter key in one post or many (files, folders, a site with
    /// `--collection`), changing no other byte of each file; one line per file.
    #[command(override_usage = "postdesk set PATH... KEY VALUE [--where KEY=VALUE]... [--dry-run]")]
    Set {
        /// PATH... KEY VALUE: the posts (files or folders), the key (dotted for a nested one),
        /// and the value, read as a YAML scalar or flow value (`true`, `3`, `[a, b]`), else text.
        // One value at a time, appended, so options may sit anywhere among them
        // (`set . --collection blog draft true`); the count is checked when run.
        #[arg(num_args = 1.., action = clap::ArgAction::Append, required = true, value_name = "PATH... KEY VALUE")]
        args: Vec<String>,
        /// Take VALUE as text even if it looks like a number, bool or list.
        #[arg(long)]
        string: bool,
        /// Only posts whose KEY reads as VALUE (or whose KEY list holds it); `KEY=` for a
        /// missing or empty key. Repeat for several (all must hold).
        #[arg(long = "where", value_name = "KEY=VALUE")]
        conditions: Vec<String>,
        /// Print what would change, and change nothing.
        #[arg(long)]
        dry_run: bool,
        /// Only this collection of the site a folder PATH belongs to.
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
    },
    /// Print the preview's sanitised HTML for a post: its header, then its body.
    Render { file: PathBuf },
    /// Print the folder's inferred front-matter schema (with postdesk.toml's overrides); with
    /// `--collection`, that collection's, with what the generator declares for each field.
    Schema {
        dir: PathBuf,
        #[arg(long)]
        json: bool,
        /// One collection of the site (see `postdesk site`).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
    },
    /// Run the pre-publish checks on a post or a folder; exit 1 if any error is found.
    Check {
        path: PathBuf,
        #[arg(long)]
        json: bool,
        /// Apply the safe fixes in place (losslessly, atomically), then check again.
        #[arg(long)]
        fix: bool,
        /// Check as of this date (YYYY-MM-DD) instead of today, for the future-date rule.
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// Only this collection of the site PATH belongs to (see `postdesk site`).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
        /// Only the posts changed in git: since REF (`origin/main`, committed or not), or without
        /// REF the working tree against HEAD; untracked posts included. For a pre-commit hook
        /// and pull-request CI.
        #[arg(long, value_name = "REF", num_args = 0..=1, default_missing_value = "")]
        changed: Option<String>,
        /// Only these rules or rule groups, comma-separated (`machine-prose`, `spelling`,
        /// `grammar`, `fence-wrapper`...). Naming spelling or grammar turns it on.
        #[arg(long, value_name = "RULES", value_delimiter = ',')]
        rules: Option<Vec<String>>,
    },
    /// Write the finished Markdown of every non-draft post (or one post) and its local images.
    Export {
        path: PathBuf,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Export drafts too.
        #[arg(long)]
        drafts: bool,
        /// Apply the safe fixes to the exported copy (the source is left as it is).
        #[arg(long)]
        fix: bool,
        /// Name files from the post's slug (`--rename slug`) instead of keeping the file name.
        #[arg(long, value_name = "HOW", value_parser = ["slug"])]
        rename: Option<String>,
        /// Export posts that still have errors.
        #[arg(long)]
        force: bool,
        /// Replace destination files that are newer than their posts.
        #[arg(long)]
        overwrite: bool,
        /// Only this collection of the site PATH belongs to (see `postdesk site`).
        #[arg(long, value_name = "NAME")]
        collection: Option<String>,
    },
}

/// What the command line asks for: a subcommand that ran and its exit status (0 ok, 1 the
/// checks found errors, 2 usage, I/O or parse error), or the window. `main.rs` opens the
/// window, so this module never reaches the window's code and builds without it.
pub enum Outcome {
    Exit(i32),
    OpenWindow(launch::LaunchTarget),
}

pub fn main() -> Outcome {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return Outcome::Exit(if e.use_stderr() { 2 } else { 0 });
        }
    };
    if cli.command.is_some() {
        // Like any Unix filter: `postdesk list DIR | head -1` ends quietly when the reader
        // closes the pipe, instead of panicking in `println!` with a backtrace. The window
        // keeps Rust's default (ignored), so a closed socket never kills the app.
        // SAFETY: called before any thread is started; SIG_DFL is a valid disposition.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let Some(command) = cli.command else {
        let target = match cli.dir.as_deref().map(launch::resolve) {
            None => launch::default_target(),
            Some(Ok(target)) => target,
            Some(Err(e)) => {
                eprintln!("postdesk: {e}");
                return Outcome::Exit(2);
            }
        };
        return Outcome::OpenWindow(target);
    };
    Outcome::Exit(match run(command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("postdesk: {message}");
            2
        }
    })
}

fn read_text(file: &Path) -> Result<String, String> {
    store::read_text(file).map_err(|e| e.to_string())
}

fn print_json(value: &impl serde::Serialize) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

/// Runs a subcommand and returns its exit code.
fn run(command: Command) -> Result<i32, String> {
    match command {
        Command::List { dir, json, collection } => {
            let root = site::find_root(&dir);
            let (model, mut posts, skipped, _) =
                scan::scan_site(&root, collection.as_deref(), json).map_err(|e| e.to_string())?;
            scan::pair_translations(&mut posts);
            if json {
                // Without git (or outside a repository) the list is still the list.
                if let Err(e) = scan::add_git_states(&root, &mut posts) {
                    eprintln!("postdesk: {e}");
                }
            }
            if let Some(name) = &collection {
                require_collection(&model, name, &root)?;
            }
            for file in &skipped {
                eprintln!("postdesk: {}: skipped: {}", root.join(&file.path).display(), file.reason);
            }
            if json {
                return print_json(&posts).map(|()| 0);
            }
            for p in posts {
                let p = p.summary;
                let draft = if p.draft { "  [draft]" } else { "" };
                let date = p.date.as_deref().unwrap_or("-");
                let title = p.title.as_deref().unwrap_or("(untitled)");
                println!("{}\t{date}\t{title}{draft}", p.path);
            }
            Ok(0)
        }
        Command::Site { path, json } => {
            let root = site::find_root(&path);
            let (model, posts, _, outside) =
                scan::scan_site(&root, None, false).map_err(|e| e.to_string())?;
            let count = |name: &str| posts.iter().filter(|p| p.collection.as_deref() == Some(name)).count();
            for problem in &model.problems {
                eprintln!("postdesk: {}: {problem}", root.display());
            }
            if json {
                let collections: Vec<Value> = model
                    .collections
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "name": c.name,
                            "dir": c.dir,
                            "pattern": c.pattern,
                            "count": count(&c.name),
                            "schemaSource": c.schema_source,
                        })
                    })
                    .collect();
                let out = serde_json::json!({
                    "root": root.display().to_string(),
                    "generator": model.generator.name(),
                    "title": model.title,
                    "collections": collections,
                    "defaultLanguage": model.languages.default,
                    "languages": languages_json(&model, &posts),
                    "static": model.static_dirs,
                    "outside": outside,
                    "problems": model.problems,
                });
                return print_json(&out).map(|()| 0);
            }
            println!(
                "{}\t{}{}",
                root.display(),
                model.generator.name(),
                model.title.as_ref().map(|t| format!("\t{t}")).unwrap_or_default()
            );
            for c in &model.collections {
                let schema = c.schema_source.as_deref().map(|s| format!("\tschema: {s}")).unwrap_or_default();
                println!("  {}\t{}\t{} posts{schema}", c.name, c.dir, count(&c.name));
            }
            if model.languages.is_multilingual() {
                let langs: Vec<String> = languages_json(&model, &posts)
                    .iter()
                    .map(|l| format!("{} ({})", l["code"].as_str().unwrap_or(""), l["count"]))
                    .collect();
                println!("  languages: {}", langs.join(", "));
            }
            if outside > 0 {
                println!("  {outside} Markdown files outside every collection (not posts)");
            }
            Ok(0)
        }
        Command::Get { file, key, json } => {
            let text = read_text(&file)?;
            let fm = frontmatter::read(&text, &split::split(&text));
            for d in &fm.diagnostics {
                eprintln!("postdesk: {}:{}:{}: {}", file.display(), d.line, d.column, d.message);
            }
            let value = match &key {
                Some(k) => fm.get(k).cloned().ok_or_else(|| {
                    format!(
                        "{}: no front-matter key `{k}`; `postdesk get {}` lists them",
                        file.display(),
                        file.display()
                    )
                })?,
                None => Value::Object(fm.values.clone()),
            };
            match (json, scalar_text(&value)) {
                (false, Some(text)) => println!("{text}"),
                _ => print_json(&value)?,
            }
            Ok(0)
        }
        Command::Set { mut args, string, conditions, dry_run, collection } => {
            if args.len() < 3 {
                return Err(format!(
                    "set needs PATH... KEY VALUE: at least one post or folder, then the key and its value (got {})",
                    args.join(" ")
                ));
            }
            let value = args.pop().unwrap_or_default();
            let key = args.pop().unwrap_or_default();
            let value = if string { Value::String(value) } else { parse_value(&value) };
            let conditions = conditions
                .iter()
                .map(|raw| {
                    bulk::parse_condition(raw).ok_or_else(|| {
                        format!("--where {raw}: write it as KEY=VALUE (KEY= for a missing key)")
                    })
                })
                .collect::<Result<Vec<_>, String>>()?;
            let targets = set_targets(&args, collection.as_deref())?;
            let op = crate::content::bulk::BulkOp::Set { key, value };
            let cancel = std::sync::atomic::AtomicBool::new(false);
            let (report, _) = workspace_bulk::run(&targets, &op, &conditions, dry_run, &cancel, |_, _| {});
            let changed = if dry_run { "would change" } else { "changed" };
            for path in &report.changed {
                println!("{changed} {path}");
            }
            for path in &report.unchanged {
                println!("unchanged {path}");
            }
            // Errors go to stderr, each naming its file and why it was left as it was.
            for skipped in &report.skipped {
                eprintln!("postdesk: {}: skipped: {}", skipped.path, skipped.reason);
            }
            if targets.len() > 1 || !conditions.is_empty() {
                let unmatched =
                    targets.len() - report.changed.len() - report.unchanged.len() - report.skipped.len();
                eprintln!(
                    "postdesk: {} {changed}, {} unchanged, {} skipped{}",
                    report.changed.len(),
                    report.unchanged.len(),
                    report.skipped.len(),
                    if unmatched > 0 { format!(", {unmatched} not matching --where") } else { String::new() }
                );
            }
            Ok(if report.skipped.is_empty() { 0 } else { 2 })
        }
        Command::Render { file } => {
            let text = read_text(&file)?;
            let parts = split::split(&text);
            let fm = frontmatter::read(&text, &parts);
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let root = site::find_root(&file);
            let flavour = site::flavour_of(&root).for_post(&name, site::generator_of(&root));
            print!("{}", post::preview_html(&name, fm.values, &text[parts.body], flavour));
            Ok(0)
        }
        Command::Schema { dir, json, collection: Some(name) } => {
            let root = site::find_root(&dir);
            let (model, schema) = site::collection_schema(&root, &name).map_err(|e| e.to_string())?;
            require_collection(&model, &name, &root)?;
            let declared = model.collection(&name).and_then(|c| c.schema.clone());
            if json {
                return print_json(&collection_schema_json(&name, &schema, declared.as_ref())?).map(|()| 0);
            }
            println!(
                "{name}: {} posts{}",
                schema.posts,
                declared.as_ref().map(|d| format!(", schema declared in {}", d.source)).unwrap_or_default()
            );
            println!("{:<20} {:<10} {:>9}  declared", "key", "type", "present");
            let mut keys: Vec<&str> = schema.fields.iter().map(|f| f.key.as_str()).collect();
            for d in declared.iter().flat_map(|d| d.fields.iter()) {
                if !keys.contains(&d.key.as_str()) {
                    keys.push(&d.key);
                }
            }
            for key in keys {
                let inferred = schema.field(key);
                let declared = declared.as_ref().and_then(|d| d.field(key));
                let ty = declared.map(|d| d.ty).or(inferred.map(|f| f.ty)).map_or("-", |t| t.name());
                let present = inferred.map_or_else(
                    || format!("0/{}", schema.posts),
                    |f| format!("{}/{}", f.present, schema.posts),
                );
                let said = declared.map_or_else(String::new, |d| {
                    let mut parts =
                        vec![if d.required { "required".to_string() } else { "optional".to_string() }];
                    if !d.options.is_empty() {
                        parts.push(format!("one of {}", d.options.join(" | ")));
                    }
                    if let Some(max) = d.max {
                        parts.push(format!("max {max}"));
                    }
                    if let Some(default) = &d.default {
                        parts.push(format!("default {default}"));
                    }
                    parts.push(d.source.clone());
                    parts.join(", ")
                });
                println!("{key:<20} {ty:<10} {present:>9}  {said}");
            }
            Ok(0)
        }
        Command::Schema { dir, json, collection: None } => {
            let schema = folder::schema(&dir).map_err(|e| e.to_string())?;
            if json {
                return print_json(&schema).map(|()| 0);
            }
            println!("{} posts", schema.posts);
            println!("{:<20} {:<10} {:>9} {:>5}  role", "key", "type", "present", "%");
            for f in &schema.fields {
                let present = format!("{}/{}", f.present, schema.posts);
                let sub = if f.sub_keys.is_empty() {
                    String::new()
                } else {
                    format!("  {{{}}}", f.sub_keys.join(", "))
                };
                let role = f.role.as_deref().unwrap_or("-");
                println!(
                    "{:<20} {:<10} {present:>9} {:>5.0}  {role}{sub}",
                    f.key,
                    f.ty.name(),
                    f.fraction * 100.0
                );
            }
            let values = |v: &[crate::content::schema::ValueCount]| {
                v.iter().map(|t| format!("{} ({})", t.value, t.count)).collect::<Vec<_>>().join(", ")
            };
            println!("tags: {}", values(&schema.tags));
            println!("categories: {}", values(&schema.categories));
            let style = schema.date_style.map_or("-".to_string(), |s| format!("{s:?}"));
            println!("date style: {style}");
            Ok(0)
        }
        Command::Check { path, json, fix, today, collection, changed, rules } => {
            // A collection belongs to the site: PATH is read as the site it is inside.
            let path = if collection.is_some() { site::find_root(&path) } else { path };
            let changed = changed.map(|r| folder::ChangedSince { reference: (!r.is_empty()).then_some(r) });
            let rules = match rules {
                None => None,
                Some(names) => Some(expand_rules(&names)?),
            };
            check(
                &path,
                json,
                fix,
                today.as_deref(),
                collection.as_deref(),
                changed.as_ref(),
                rules.as_deref(),
            )
        }
        Command::Export { path, out, drafts, fix, rename, force, overwrite, collection } => {
            let opts = ExportOptions { drafts, fix, rename_slug: rename.is_some(), force };
            let path = if collection.is_some() { site::find_root(&path) } else { path };
            let report =
                export::run_in(&path, &out, opts, overwrite, Some(folder::today()), collection.as_deref())
                    .map_err(|e| e.to_string())?;
            for (source, dest) in &report.written {
                println!("exported {} -> {}", source.display(), dest.display());
            }
            for dest in &report.unchanged {
                println!("unchanged {}", dest.display());
            }
            for (source, reason) in &report.skipped {
                println!("skipped {}: {reason}", source.display());
            }
            eprintln!(
                "postdesk: {} written, {} unchanged, {} skipped",
                report.written.len(),
                report.unchanged.len(),
                report.skipped.len()
            );
            Ok(if report.refused > 0 { 1 } else { 0 })
        }
    }
}

/// One problem as `postdesk check --json` prints it.
#[derive(serde::Serialize)]
struct JsonProblem<'a> {
    path: String,
    #[serde(flatten)]
    problem: &'a Problem,
}

/// `--rules` names as rule ids: each a rule or a group; an unknown one is a usage error that
/// lists what there is.
fn expand_rules(names: &[String]) -> Result<Vec<&'static str>, String> {
    use crate::content::checks::rules::{expand, GROUPS, RULES};
    let mut ids = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let found = expand(name).ok_or_else(|| {
            let groups: Vec<&str> = GROUPS.iter().map(|(g, _)| *g).collect();
            format!(
                "--rules: no rule or group is called `{name}`; the groups are {} and the rules {}",
                groups.join(", "),
                RULES.join(", ")
            )
        })?;
        ids.extend(found);
    }
    Ok(ids)
}

/// The posts `set` edits: each file named, and the posts under each folder named (its site's
/// collection `collection` only, when given), each once, in order.
fn set_targets(paths: &[String], collection: Option<&str>) -> Result<Vec<workspace_bulk::Target>, String> {
    let mut targets: Vec<workspace_bulk::Target> = Vec::new();
    for raw in paths {
        let path = PathBuf::from(raw);
        let meta =
            std::fs::metadata(&path).map_err(|e| format!("{raw}: {e}; name a post or a folder of posts"))?;
        if meta.is_dir() {
            let root = site::find_root(&path);
            let model = collection.map(|_| site::load(&root)).transpose().map_err(|e| e.to_string())?;
            if let (Some(model), Some(name)) = (&model, collection) {
                require_collection(model, name, &root)?;
            }
            // The root is canonical; so must the files be to sit under it (`set .` from a
            // terminal names the folder as `.`).
            let base = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            for file in scan::post_files(&path).map_err(|e| e.to_string())? {
                if let (Some(model), Some(name)) = (&model, collection) {
                    let under_base = file.strip_prefix(&path).map_or_else(|_| file.clone(), |r| base.join(r));
                    let rel = scan::relative(&root, &under_base);
                    if model.collection_of(&rel).is_none_or(|c| c.name != name) {
                        continue;
                    }
                }
                targets.push(workspace_bulk::Target { rel: file.display().to_string(), path: file });
            }
        } else {
            targets.push(workspace_bulk::Target { rel: raw.clone(), path });
        }
    }
    let mut seen = std::collections::HashSet::new();
    targets.retain(|t| seen.insert(t.path.clone()));
    if targets.is_empty() {
        let within = collection.map(|c| format!(" of collection `{c}`")).unwrap_or_default();
        return Err(format!(
            "no posts{within} in {}: name posts, or folders that hold some",
            paths.join(" ")
        ));
    }
    Ok(targets)
}

/// Runs `postdesk check` and returns its exit code: 1 when errors are left, 2 when a file
/// could not be read (the others are still checked and printed).
fn check(
    path: &Path,
    json: bool,
    fix: bool,
    today: Option<&str>,
    collection: Option<&str>,
    changed: Option<&folder::ChangedSince>,
    rules: Option<&[&'static str]>,
) -> Result<i32, String> {
    let today = match today {
        Some(t) => CivilDate::parse_day(t)
            .ok_or_else(|| format!("--today {t}: not a date; write it as YYYY-MM-DD"))?,
        None => folder::today(),
    };
    let reports =
        folder::run_changed(path, Some(today), fix, collection, changed, rules).map_err(|e| e.to_string())?;
    let count = |s: Severity| reports.iter().flat_map(|r| &r.problems).filter(|p| p.severity == s).count();
    let (errors, warnings, infos) = (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    let unreadable: Vec<(String, &String)> =
        reports.iter().filter_map(|r| Some((r.path.display().to_string(), r.unreadable.as_ref()?))).collect();
    if json {
        let list = |pick: fn(&folder::FileReport) -> Vec<&Problem>| -> Vec<JsonProblem> {
            reports
                .iter()
                .flat_map(|r| {
                    pick(r)
                        .into_iter()
                        .map(|p| JsonProblem { path: r.path.display().to_string(), problem: p })
                })
                .collect()
        };
        let out = serde_json::json!({
            "files": reports.len(),
            "errors": errors,
            "warnings": warnings,
            "infos": infos,
            "problems": list(|r| r.problems.iter().collect()),
            "fixed": list(|r| r.fixed.iter().collect()),
            "notFixed": reports.iter().flat_map(|r| r.failed.iter().map(|(p, why)| serde_json::json!({
                "path": r.path.display().to_string(), "rule": p.rule, "message": p.message, "reason": why,
            }))).collect::<Vec<_>>(),
            "unreadable": unreadable.iter().map(|(p, m)| serde_json::json!({"path": p, "message": m})).collect::<Vec<_>>(),
        });
        print_json(&out)?;
    } else {
        for r in &reports {
            let file = r.path.display();
            for p in &r.fixed {
                println!(
                    "{file}:{}:{}: fixed {}: {}",
                    p.line,
                    p.column,
                    p.rule,
                    p.fix.as_ref().map_or("", |f| &f.label)
                );
            }
            for (p, why) in &r.failed {
                println!("{file}:{}:{}: not fixed {}: {why}", p.line, p.column, p.rule);
            }
            for p in &r.problems {
                println!("{file}:{}:{}: {} {}: {}", p.line, p.column, p.severity.name(), p.rule, p.message);
            }
        }
        for (path, message) in &unreadable {
            eprintln!("postdesk: {path}: skipped: {message}");
        }
        let fixable = reports.iter().flat_map(|r| &r.problems).filter(|p| p.fix.is_some()).count();
        let hint =
            if fixable > 0 && !fix { format!("; {fixable} can be fixed with --fix") } else { String::new() };
        let n = |count: usize, word: &str| format!("{count} {word}{}", if count == 1 { "" } else { "s" });
        eprintln!(
            "postdesk: {} checked: {}, {}, {}{hint}",
            n(reports.len(), "file"),
            n(errors, "error"),
            n(warnings, "warning"),
            n(infos, "info")
        );
    }
    Ok(if !unreadable.is_empty() {
        2
    } else if errors > 0 {
        1
    } else {
        0
    })
}

/// A command-line value read as YAML: `true`, `3` and `[a, b]` keep their types; anything that
/// reads as a mapping or fails to parse (`Hello: world`) is taken as text.
fn parse_value(raw: &str) -> Value {
    match serde_yaml::from_str::<Value>(raw) {
        Ok(v @ (Value::Bool(_) | Value::Number(_) | Value::String(_) | Value::Array(_))) => v,
        Ok(v @ Value::Object(_)) if raw.trim_start().starts_with('{') => v,
        _ => Value::String(raw.to_string()),
    }
}

/// A usage error naming the site's collections when `name` is not one of them.
fn require_collection(model: &Site, name: &str, root: &Path) -> Result<(), String> {
    if model.collection(name).is_some() {
        return Ok(());
    }
    let known: Vec<&str> = model.collections.iter().map(|c| c.name.as_str()).collect();
    Err(format!(
        "{}: no collection named `{name}`; this {} site has: {}",
        root.display(),
        model.generator.name(),
        if known.is_empty() { "none".to_string() } else { known.join(", ") }
    ))
}

/// A collection's schema for `schema --json`: the inferred schema, each field carrying what the
/// generator declares for it (`required`, `default`, `options`, `min`, `max`, `source`), the
/// declared-only fields added, and the declared schema whole.
fn collection_schema_json(
    name: &str,
    schema: &crate::content::schema::Schema,
    declared: Option<&crate::content::site::DeclaredSchema>,
) -> Result<Value, String> {
    let mut out = serde_json::to_value(schema).map_err(|e| e.to_string())?;
    let fields = out["fields"].as_array_mut().ok_or("the schema has no fields")?;
    for d in declared.iter().flat_map(|d| d.fields.iter()) {
        let extra = serde_json::json!({
            "required": d.required, "default": d.default, "options": d.options,
            "min": d.min, "max": d.max, "source": d.source, "image": d.image, "reference": d.reference,
        });
        match fields.iter_mut().find(|f| f["key"] == d.key.as_str()) {
            Some(field) => {
                for (k, v) in extra.as_object().into_iter().flatten() {
                    field[k] = v.clone();
                }
            }
            None => {
                let mut field = serde_json::json!({ "key": d.key, "type": d.ty, "present": 0 });
                for (k, v) in extra.as_object().into_iter().flatten() {
                    field[k] = v.clone();
                }
                fields.push(field);
            }
        }
    }
    out["collection"] = Value::String(name.to_string());
    out["declared"] = serde_json::to_value(declared).map_err(|e| e.to_string())?;
    Ok(out)
}

/// The site's languages for `site --json`: code, where its posts are (folder or file-name
/// suffix), right-to-left, and how many posts it has.
fn languages_json(model: &Site, posts: &[scan::ListedPost]) -> Vec<Value> {
    model
        .languages
        .list
        .iter()
        .map(|l| {
            let count = posts.iter().filter(|p| p.summary.lang.as_deref() == Some(l.code.as_str())).count();
            serde_json::json!({
                "code": l.code,
                "name": l.name,
                "dir": l.dir,
                "suffix": l.suffix,
                "rtl": l.rtl,
                "default": model.languages.default.as_deref() == Some(l.code.as_str()),
                "count": count,
            })
        })
        .collect()
}
