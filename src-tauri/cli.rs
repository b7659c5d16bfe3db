//! The command line: `postdesk [DIR]` opens the window, and the subcommands work on posts
//! without a window, GTK or a display. It is a thin front door: parse, call one `content` or
//! `workspace` function, print, and map errors to exit codes (0 ok, 2 usage, I/O or parse).

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use serde_json::Value;

use crate::content::frontmatter::{self, scalar_text};
use crate::content::{edit, post, split};
use crate::workspace::{scan, store, WorkspaceError};

#[derive(Debug, Parser)]
#[command(name = "postdesk", version, about = "Review, fix and preview Markdown posts before publishing")]
#[command(args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The posts folder to open in the window (default: the last one opened, else the sample posts).
    dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every post in a folder: path, title, date, draft, tags, category, errors.
    List {
        dir: PathBuf,
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
    /// Set one front-matter key, changing no other byte of the file.
    Set {
        file: PathBuf,
        key: String,
        /// Read as a YAML scalar or flow value (`true`, `3`, `[a, b]`), else as text.
        value: String,
        /// Take VALUE as text even if it looks like a number, bool or list.
        #[arg(long)]
        string: bool,
    },
    /// Print the preview's sanitised HTML for a post: its header, then its body.
    Render { file: PathBuf },
}

/// Exit status: 0 ok, 2 usage, I/O or parse error.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let Some(command) = cli.command else {
        let folder = cli
            .dir
            .or_else(crate::workspace::settings::last_folder)
            .unwrap_or_else(crate::sample_posts_folder);
        crate::run_app(folder);
        return 0;
    };
    match run(command) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("postdesk: {message}");
            2
        }
    }
}

fn read_text(file: &Path) -> Result<String, String> {
    let bytes = store::read_bytes(file).map_err(|e| e.to_string())?;
    split::decode(&bytes).map(str::to_string).map_err(|bad| {
        WorkspaceError::NotUtf8 { path: file.to_path_buf(), offset: bad.valid_up_to }.to_string()
    })
}

fn print_json(value: &impl serde::Serialize) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

fn run(command: Command) -> Result<(), String> {
    match command {
        Command::List { dir, json } => {
            let posts = scan::scan(&dir).map_err(|e| e.to_string())?;
            if json {
                return print_json(&posts);
            }
            for p in posts {
                let draft = if p.draft { "  [draft]" } else { "" };
                let date = p.date.as_deref().unwrap_or("-");
                let title = p.title.as_deref().unwrap_or("(untitled)");
                println!("{}\t{date}\t{title}{draft}", p.path);
            }
            Ok(())
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
            Ok(())
        }
        Command::Set { file, key, value, string } => {
            let text = read_text(&file)?;
            let value = if string { Value::String(value) } else { parse_value(&value) };
            let updated =
                edit::set_field(&text, &key, &value).map_err(|e| format!("{}: {e}", file.display()))?;
            if updated != text {
                store::write_atomic(&file, updated.as_bytes()).map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        Command::Render { file } => {
            let text = read_text(&file)?;
            let parts = split::split(&text);
            let fm = frontmatter::read(&text, &parts);
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            print!("{}", post::preview_html(&name, fm.values, &text[parts.body]));
            Ok(())
        }
    }
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
