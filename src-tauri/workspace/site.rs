//! Sites on disk: finds a site's root from any path inside it, lists its files and reads its
//! config files for the pure site model (`content::site`). Config files are read under the
//! small-file cap and never followed out of the site; one that cannot be read is a problem in
//! the model, named, not a failure to open the site.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::content::site::{self, Generator, Site, SiteInput};

use super::error::WorkspaceError;
use super::guard;
use super::scan::relative;

/// The site whose root is nearest above `path` (a post, a subfolder or the root itself): the
/// first folder, going up, that holds a generator's config. The search stops at the
/// repository's root (a folder with `.git`) and at the home folder; with no generator found
/// it is the folder itself, as a plain folder of posts.
pub fn find_root(path: &Path) -> PathBuf {
    let start = if path.is_dir() { path.to_path_buf() } else { super::folder::folder_of(path) };
    let start = std::fs::canonicalize(&start).unwrap_or(start);
    let home = std::env::var_os("HOME").map(PathBuf::from);
    for dir in start.ancestors() {
        if is_site_root(dir) {
            return dir.to_path_buf();
        }
        if dir.join(".git").exists() || home.as_deref() == Some(dir) {
            break;
        }
    }
    start
}

/// Whether `dir` holds a generator's config (from its own top-level files only).
fn is_site_root(dir: &Path) -> bool {
    generator_of(dir) != Generator::Folder
}

/// The generator of the site whose root is `dir`, from its top-level files alone: no walk, for
/// what needs only the generator (where a pasted image goes, whether New uses an archetype).
pub fn generator_of(dir: &Path) -> Generator {
    let (configs, files) = top_level(dir);
    site::detect(&SiteInput { configs: &configs, files: &files })
}

/// How the site whose root is `dir` renders Markdown, from its config files alone (no walk):
/// for `postdesk render`.
pub fn flavour_of(dir: &Path) -> crate::content::render::Flavour {
    let (configs, mut files) = top_level(dir);
    // Hugo's split config lives one folder down.
    if let Ok(entries) = std::fs::read_dir(dir.join("config/_default")) {
        let more: Vec<String> = entries
            .flatten()
            .map(|e| format!("config/_default/{}", e.file_name().to_string_lossy()))
            .collect();
        let mut configs = configs;
        configs.extend(read_configs(dir, &more));
        files.extend(more);
        return site::flavour(&SiteInput { configs: &configs, files: &files });
    }
    site::flavour(&SiteInput { configs: &configs, files: &files })
}

/// The site's top-level files (folders as `name/.`, which is all detection asks) and the texts
/// of the config files among them.
fn top_level(dir: &Path) -> (BTreeMap<String, String>, Vec<String>) {
    let mut files = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            files.push(if is_dir { format!("{name}/.") } else { name });
        }
    }
    let configs = read_configs(dir, &files);
    (configs, files)
}

/// Builds the site model of the site at `root`, from one walk of it (the scan's, with the
/// scan's rules for what to leave out).
pub fn load(root: &Path) -> Result<Site, WorkspaceError> {
    let walk = super::scan::walk(root)?;
    Ok(load_from_walk(root, &walk.files, walk.others))
}

/// The site model from a walk the caller already made (`scan::walk`: its post files and every
/// other file), so listing a site walks it once.
pub fn load_from_walk(root: &Path, posts: &[PathBuf], others: Vec<String>) -> Site {
    let mut files = others;
    files.extend(posts.iter().map(|p| relative(root, p)));
    files.sort();
    let configs = read_configs(root, &files);
    site::build(&SiteInput { configs: &configs, files: &files })
}

/// The texts of the config files present among `files` (each capped, and only regular files
/// inside the site).
fn read_configs(root: &Path, files: &[String]) -> BTreeMap<String, String> {
    let canonical = guard::canonical_root(root);
    let mut configs = BTreeMap::new();
    for rel in files.iter().filter(|f| site::is_config_file(f)) {
        let path = root.join(rel);
        let readable = guard::post_target(&canonical, &path)
            .and_then(|target| guard::read_resolved(&target, guard::MAX_SMALL_FILE_BYTES));
        if let Ok(bytes) = readable {
            if let Ok(text) = String::from_utf8(bytes) {
                configs.insert(rel.clone(), text);
            }
        }
    }
    configs
}

/// The site model and the inferred schema of its collection `name`'s posts (with
/// `postdesk.toml`'s overrides), from one walk, the posts read in parallel.
pub fn collection_schema(
    root: &Path,
    name: &str,
) -> Result<(Site, crate::content::schema::Schema), WorkspaceError> {
    use rayon::prelude::*;
    let config = super::config::load(root)?;
    let canonical = guard::canonical_root(root);
    let walk = super::scan::walk(root)?;
    let model = load_from_walk(root, &walk.files, walk.others);
    let files = walk.files;
    let facts: Vec<crate::content::schema::PostFacts> = files
        .par_iter()
        .filter(|f| model.collection_of(&relative(root, f)).is_some_and(|c| c.name == name))
        .map(|f| match guard::read_post(&canonical, f).ok().and_then(|b| String::from_utf8(b).ok()) {
            Some(text) => crate::content::schema::PostFacts::extract(&text),
            None => crate::content::schema::PostFacts::unreadable(),
        })
        .collect();
    let mut schema = crate::content::schema::infer(facts.iter());
    config.apply(&mut schema);
    Ok((model, schema))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn a_post_or_a_subfolder_opens_its_site() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        write(&root, "hugo.toml", "title = 'x'\n");
        write(&root, "content/posts/a.md", "---\ntitle: A\n---\n");
        std::fs::create_dir_all(root.join(".git")).unwrap();
        let canonical = std::fs::canonicalize(&root).unwrap();
        assert_eq!(find_root(&root.join("content/posts/a.md")), canonical);
        assert_eq!(find_root(&root.join("content/posts")), canonical);
        assert_eq!(find_root(&root), canonical);
        let site = load(&canonical).unwrap();
        assert_eq!(site.generator, Generator::Hugo);
        assert_eq!(site.collection_of("content/posts/a.md").unwrap().name, "posts");
    }

    #[test]
    fn a_folder_with_no_generator_above_it_is_its_own_root() {
        let tmp = tempfile::tempdir().unwrap();
        let posts = tmp.path().join("repo/posts");
        write(&posts, "a.md", "# A\n");
        std::fs::create_dir_all(tmp.path().join("repo/.git")).unwrap();
        // A generator's config above the repository is not this folder's site.
        write(tmp.path(), "hugo.toml", "title = 'outer'\n");
        assert_eq!(find_root(&posts), std::fs::canonicalize(&posts).unwrap());
        assert_eq!(load(&posts).unwrap().generator, Generator::Folder);
    }
}
