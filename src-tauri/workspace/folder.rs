//! The folder loader: gathers what the pre-publish checks need from disk: every post's text, the folder facts
//! (post slugs and anchors, the file lists, the schema, today's date) and the folder's config.
//! The checks themselves are pure (`content::checks`); this module only reads. A post that
//! cannot be read is listed with its error and the rest of the folder is still checked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use crate::content::checks::CivilDate;
use crate::content::checks::{folder, FolderFacts};
use crate::content::config::{self, Config};
use crate::content::schema::{self, PostFacts, Schema};

use super::assets::AssetRoots;
use super::error::WorkspaceError;
use super::scan::relative;
use super::store::read_text;

/// A post of the folder as read for checking.
pub struct LoadedPost {
    pub path: PathBuf,
    /// Folder-relative, `/`-separated.
    pub rel: String,
    pub text: Result<String, WorkspaceError>,
}

pub struct LoadedFolder {
    pub root: PathBuf,
    pub config: Config,
    pub facts: FolderFacts,
    pub posts: Vec<LoadedPost>,
}

/// Today's date in UTC, from the system clock.
pub fn today() -> CivilDate {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    CivilDate::from_unix_days(secs.div_euclid(86_400))
}

/// The folder a single post is checked against: the nearest folder above it holding a
/// `postdesk.toml`, else the post's own folder.
pub fn folder_of(file: &Path) -> PathBuf {
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    parent.ancestors().find(|dir| dir.join(config::FILE_NAME).is_file()).unwrap_or(parent).to_path_buf()
}

/// Every file under `dir`, relative to it, skipping hidden folders and dependencies. Linked
/// folders are not walked into (a link to `/` would walk the whole disk); a linked file is
/// listed, and whoever reads it checks where it leads (`guard`).
fn all_files(dir: &Path) -> BTreeSet<String> {
    let walker = walkdir::WalkDir::new(dir).follow_links(false).into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || !(e.file_type().is_dir() && (name.starts_with('.') || name == "node_modules"))
    });
    walker
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() || (e.file_type().is_symlink() && e.path().is_file()))
        .map(|e| relative(dir, e.path()))
        .collect()
}

/// The static folder whose files site paths (`/images/x.png`) name: the configured one, else
/// the one a site root above the folder gives. None when neither is known.
fn static_folder(root: &Path, config: &Config) -> Option<PathBuf> {
    if let Some(dir) = &config.static_dir {
        return Some(root.join(dir));
    }
    let roots = AssetRoots::for_posts_folder(root);
    (roots.site_static != roots.posts).then_some(roots.site_static)
}

/// Reads the folder at `root` for checking, keeping every post's text.
pub fn load(root: &Path, today: Option<CivilDate>) -> Result<LoadedFolder, WorkspaceError> {
    read_folder(root, today, true)
}

/// The config and folder facts only: each post's text is dropped once its facts are taken, so
/// the app's checks of a 10,000-post folder do not hold the whole folder in memory.
pub fn load_facts(root: &Path, today: Option<CivilDate>) -> Result<(Config, FolderFacts), WorkspaceError> {
    let folder = read_folder(root, today, false)?;
    Ok((folder.config, folder.facts))
}

fn read_folder(
    root: &Path,
    today: Option<CivilDate>,
    keep_text: bool,
) -> Result<LoadedFolder, WorkspaceError> {
    let config = super::config::load(root)?;
    let mut posts = Vec::new();
    let mut all_facts = Vec::new();
    // A site's posts are its collections' entries; a plain folder's are all its Markdown. The
    // site model comes from the same walk that finds the posts.
    let walk = super::scan::walk(root)?;
    let site = super::site::load_from_walk(root, &walk.files, walk.others);
    let files: Vec<PathBuf> =
        walk.files.into_iter().filter(|f| site.collection_of(&relative(root, f)).is_some()).collect();
    let shared = Some(crate::content::site::SharedSite(std::sync::Arc::new(site)));
    // Read and parse in parallel; the folder facts are then put together in path order.
    let read: Vec<(LoadedPost, Option<(folder::PostEntry, PostFacts)>)> = files
        .into_par_iter()
        .map(|path| {
            let rel = relative(root, &path);
            let mut text = read_text(&path);
            let facts = text.as_ref().ok().map(|t| {
                let parsed = crate::content::post::Parsed::new(t);
                (folder::post_entry_routed(&rel, &parsed, shared.as_ref()), parsed.facts())
            });
            if !keep_text {
                if let Ok(t) = &mut text {
                    *t = String::new();
                }
            }
            (LoadedPost { path, rel, text }, facts)
        })
        .collect();
    let mut facts = FolderFacts::default();
    facts.files = all_files(root);
    facts.today = today;
    facts.site = shared.clone();
    for (post, known) in read {
        if let Some((entry, post_facts)) = known {
            facts.insert_post(&post.rel, entry);
            all_facts.push(post_facts);
        }
        if keep_text {
            posts.push(post);
        }
    }
    // The posts are in `facts.posts`; a second copy of 10,000 paths here would only cost memory.
    let known = &facts.posts;
    facts.files.retain(|f| !known.contains_key(f));
    facts.static_files = static_folder(root, &config).filter(|d| d.is_dir()).map(|d| all_files(&d));
    facts.schema = schema_of(&all_facts, &config);
    Ok(LoadedFolder { root: root.to_path_buf(), config, facts, posts })
}

fn schema_of(facts: &[PostFacts], config: &Config) -> Schema {
    let mut schema = schema::infer(facts.iter());
    config.apply(&mut schema);
    schema
}

/// The folder's schema, with `postdesk.toml`'s overrides applied.
pub fn schema(root: &Path) -> Result<Schema, WorkspaceError> {
    Ok(load(root, None)?.facts.schema)
}

/// The outcome of checking one post file.
pub struct FileReport {
    /// The path as the caller named it (the folder argument joined with the post's path).
    pub path: PathBuf,
    /// Problems left (after fixing, when fixes were applied).
    pub problems: Vec<crate::content::checks::Problem>,
    /// Problems that were fixed in place.
    pub fixed: Vec<crate::content::checks::Problem>,
    /// Fixes that could not be applied, with the reason.
    pub failed: Vec<(crate::content::checks::Problem, String)>,
    /// Set when the file could not be read (the message names it); nothing was done to it.
    pub unreadable: Option<String>,
}

fn check_loaded(
    folder: &LoadedFolder,
    only: Option<&str>,
    changed: Option<&BTreeSet<String>>,
) -> Vec<FileReport> {
    folder
        .posts
        .iter()
        .filter(|p| only.is_none_or(|o| o == p.rel))
        .filter(|p| changed.is_none_or(|c| c.contains(&p.rel)))
        .map(|post| match &post.text {
            Ok(text) => FileReport {
                path: post.path.clone(),
                problems: crate::content::checks::check_post(&post.rel, text, &folder.facts, &folder.config),
                fixed: Vec::new(),
                failed: Vec::new(),
                unreadable: None,
            },
            Err(e) => FileReport {
                path: post.path.clone(),
                problems: Vec::new(),
                fixed: Vec::new(),
                failed: Vec::new(),
                unreadable: Some(e.to_string()),
            },
        })
        .collect()
}

/// Loads the folder for `path` (a post file or a folder) and makes sure an explicitly named
/// file is among its posts even when its extension is not a post's (`seed.txt`).
pub fn load_for(
    path: &Path,
    today: Option<CivilDate>,
) -> Result<(LoadedFolder, Option<String>), WorkspaceError> {
    if path.is_dir() {
        return Ok((load(path, today)?, None));
    }
    if !path.is_file() {
        if let Ok(meta) = std::fs::metadata(path) {
            return Err(WorkspaceError::NotRegular {
                path: path.to_path_buf(),
                what: super::guard::kind_of(&meta.file_type()),
            });
        }
        let missing = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder");
        return Err(WorkspaceError::io(path, missing));
    }
    let root = folder_of(path);
    let mut folder = load(&root, today)?;
    let rel = relative(&root, path);
    if !folder.posts.iter().any(|p| p.rel == rel) {
        // One read: an I/O error stops the check; text that is not UTF-8 is reported with the post.
        let text = match read_text(path) {
            Err(e @ WorkspaceError::NotUtf8 { .. }) => Err(e),
            other => Ok(other?),
        };
        if let Ok(text) = &text {
            folder.facts.insert_post(&rel, folder::post_entry(&rel, text));
        }
        folder.posts.push(LoadedPost { path: path.to_path_buf(), rel: rel.clone(), text });
    }
    Ok((folder, Some(rel)))
}

/// Checks a post file or every post of a folder. With `fix`, every safe fix is applied and
/// written atomically first, and the folder is read and checked again, so the problems
/// returned are the ones left on disk.
pub fn run(path: &Path, today: Option<CivilDate>, fix: bool) -> Result<Vec<FileReport>, WorkspaceError> {
    run_in(path, today, fix, None)
}

/// Keeps only the posts of the site's collection `name` (the others stay in the facts, so
/// links and slugs across the site are still checked); refused with the site's collection
/// names when there is no such collection.
pub fn keep_collection(folder: &mut LoadedFolder, name: Option<&str>) -> Result<(), WorkspaceError> {
    let Some(name) = name else { return Ok(()) };
    let site = folder.facts.site.clone();
    let Some(site) = site.filter(|s| s.0.collection(name).is_some()) else {
        let known = folder
            .facts
            .site
            .as_ref()
            .map(|s| s.0.collections.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join(", "));
        return Err(WorkspaceError::Refused {
            path: folder.root.clone(),
            message: format!(
                "there is no collection named `{name}` here (the site has: {}); `postdesk site` lists them",
                known.filter(|k| !k.is_empty()).unwrap_or_else(|| "none".into())
            ),
        });
    };
    folder.posts.retain(|p| site.0.collection_of(&p.rel).is_some_and(|c| c.name == name));
    Ok(())
}

/// `run`, over one collection of a site when `collection` names one.
pub fn run_in(
    path: &Path,
    today: Option<CivilDate>,
    fix: bool,
    collection: Option<&str>,
) -> Result<Vec<FileReport>, WorkspaceError> {
    run_changed(path, today, fix, collection, None, None)
}

/// The posts that changed in git, for `check --changed [REF]`: since `reference` (committed or
/// not), or with None the working tree against HEAD; untracked posts included.
#[derive(Debug, Clone, Default)]
pub struct ChangedSince {
    pub reference: Option<String>,
}

/// `run_in`, limited to the posts `changed` names when it is given (the whole folder still
/// informs the checks that compare posts).
pub fn run_changed(
    path: &Path,
    today: Option<CivilDate>,
    fix: bool,
    collection: Option<&str>,
    changed: Option<&ChangedSince>,
    rules: Option<&[&str]>,
) -> Result<Vec<FileReport>, WorkspaceError> {
    let (mut folder, only) = load_for(path, today)?;
    keep_collection(&mut folder, collection)?;
    only_rules(&mut folder.config, rules);
    let changed = match changed {
        None => None,
        Some(since) => {
            let repo = super::git::Repo::find(&folder.root)?.ok_or_else(|| WorkspaceError::Git {
                path: folder.root.clone(),
                message: "not inside a git repository, so nothing is \"changed\"; check without --changed"
                    .into(),
            })?;
            Some(repo.changed_since(since.reference.as_deref())?)
        }
    };
    let changed = changed.as_ref();
    if !fix {
        return Ok(check_loaded(&folder, only.as_deref(), changed));
    }
    let mut fixed: BTreeMap<String, (Vec<_>, Vec<_>)> = BTreeMap::new();
    for post in folder
        .posts
        .iter()
        .filter(|p| only.as_deref().is_none_or(|o| o == p.rel))
        .filter(|p| changed.is_none_or(|c| c.contains(&p.rel)))
    {
        let Ok(text) = &post.text else { continue };
        let report = crate::content::checks::fix_all_safe(&post.rel, text, &folder.facts, &folder.config);
        if report.text != *text {
            // Only over the text the fixes were made from: an edit made meanwhile is kept.
            let read_hash = super::store::content_hash(text.as_bytes());
            super::store::write_atomic_if(&post.path, report.text.as_bytes(), &read_hash)?;
        }
        fixed.insert(post.rel.clone(), (report.fixed, report.failed));
    }
    let (mut folder, only) = load_for(path, today)?;
    keep_collection(&mut folder, collection)?;
    only_rules(&mut folder.config, rules);
    let mut reports = check_loaded(&folder, only.as_deref(), changed);
    let checked = folder
        .posts
        .iter()
        .filter(|p| only.as_deref().is_none_or(|o| o == p.rel))
        .filter(|p| changed.is_none_or(|c| c.contains(&p.rel)));
    for (report, post) in reports.iter_mut().zip(checked) {
        if let Some((done, failed)) = fixed.remove(&post.rel) {
            report.fixed = done;
            report.failed = failed;
        }
    }
    Ok(reports)
}

/// `--rules`: every other rule is switched off (so `--fix` fixes only these too), and naming
/// `spelling` or `grammar` switches it on even where `postdesk.toml` leaves it off.
fn only_rules(config: &mut crate::content::config::Config, rules: Option<&[&str]>) {
    use crate::content::config::RuleSetting;
    let Some(rules) = rules else { return };
    for id in crate::content::checks::RULES {
        if !rules.contains(id) {
            config.checks.rules.insert(id.to_string(), RuleSetting::Off);
        }
    }
    config.prose.spelling |= rules.contains(&"spelling");
    config.prose.grammar |= rules.contains(&"grammar");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_of_a_small_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        std::fs::write(site.join("astro.config.mjs"), "").unwrap();
        std::fs::create_dir_all(site.join("public/images")).unwrap();
        std::fs::write(site.join("public/images/a.png"), b"png").unwrap();
        let posts = site.join("src/content/blog");
        std::fs::create_dir_all(posts.join("img")).unwrap();
        std::fs::create_dir_all(posts.join(".git")).unwrap();
        std::fs::write(posts.join(".git/HEAD"), "x").unwrap();
        std::fs::write(posts.join("img/b.png"), b"png").unwrap();
        std::fs::write(posts.join("one.md"), "---\ntitle: One\ntags: [x]\n---\n# Hi\n").unwrap();
        std::fs::write(posts.join("bad.md"), b"---\ntitle: \xff\n---\n").unwrap();
        let loaded = load(&posts, Some(CivilDate { year: 2025, month: 1, day: 1 })).unwrap();
        assert_eq!(loaded.posts.len(), 2);
        assert!(loaded.posts.iter().any(|p| p.rel == "bad.md" && p.text.is_err()));
        let f = &loaded.facts;
        assert_eq!(f.posts["one.md"].anchors, ["hi"]);
        assert!(f.files.contains("img/b.png") && !f.files.iter().any(|p| p.starts_with(".git")));
        assert_eq!(f.static_files.as_ref().unwrap().iter().collect::<Vec<_>>(), ["images/a.png"]);
        assert_eq!(f.schema.posts, 1);
        assert_eq!(folder_of(&posts.join("one.md")), posts);
    }

    #[test]
    fn without_a_site_root_site_paths_are_unknown_unless_configured() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ntitle: A\n---\nx\n").unwrap();
        assert_eq!(load(dir.path(), None).unwrap().facts.static_files, None);
        std::fs::create_dir_all(dir.path().join("static/img")).unwrap();
        std::fs::write(dir.path().join("static/img/z.png"), b"").unwrap();
        std::fs::write(dir.path().join("postdesk.toml"), "static = \"static\"\n").unwrap();
        let f = load(dir.path(), None).unwrap().facts;
        assert!(f.static_files.unwrap().contains("img/z.png"));
        let sub = dir.path().join("deep/er");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(folder_of(&sub.join("p.md")), dir.path());
    }
}
