//! Post actions on disk: new post, rename, duplicate, move to the trash, and importing a pasted
//! image into the site's static folder.
//!
//! What a new post or a copy says is decided in `content::new_post` and `content::image`; this
//! module reads the folder, finds free names and writes. Its rules: a file that exists is never
//! overwritten (new files go through `store::write_new`, a rename links the new name before it
//! drops the old one), a post's bytes change only through the lossless edit API, and nothing
//! is ever hard-deleted: a post goes to the system trash or stays where it is. Every post it
//! writes, moves or removes is reported through [`OwnWrites`], so the live library shows it at
//! once and the watcher's echo is not taken for someone else's change.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::content::image::{self, MAX_IMAGE_BYTES};
use crate::content::new_post::{self, FolderStyle, Now};
use crate::content::post::{self, PostDocument};
use crate::content::schema::Schema;

use super::assets::AssetRoots;
use super::error::WorkspaceError;
use super::guard;
use super::scan::{in_skipped_dir, is_post_file, post_files, relative};
use super::store::{self, content_hash, resolve, write_new};

/// Posts read to learn the folder's style (front-matter kind, extension, key order).
const STYLE_SAMPLE: usize = 100;
/// A name found free can be taken before the write lands; try the next one this many times.
const WRITE_RETRIES: usize = 5;

pub use super::own_writes::{NoLibrary, OwnWrites};

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "NewPostRequest.ts")]
pub struct NewPostRequest {
    pub title: String,
    /// A folder inside the posts folder (`2025/notes`); none or empty for the top.
    pub folder: Option<String>,
    /// The writer's local time, `2025-01-02T10:30:00+02:00`: the new post's date.
    pub now: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "RenameRequest.ts")]
pub struct RenameRequest {
    pub path: String,
    /// The hash the open buffer is based on: a post changed on disk since is not renamed.
    pub base_hash: String,
    /// The new name; it becomes a slug, and the post keeps its extension and folder.
    pub new_name: String,
    /// Also set the post's `slug` key to the new name, if it has one.
    pub set_slug: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "ImageImport.ts")]
pub struct ImageImport {
    /// The post the image is pasted into (folder-relative).
    pub post_path: String,
    /// The file's name, when it has one (a screenshot on the clipboard has none).
    pub name: Option<String>,
    /// The image's bytes, base64.
    pub data: String,
    /// The writer's clock for a nameless image, such as `20250102-103000`.
    pub stamp: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export, export_to = "ImportedImage.ts")]
pub struct ImportedImage {
    /// Where the file went, on disk.
    pub file: String,
    /// What the post links to: a site path (`/images/post/a.png`) or a path relative to the post.
    pub link: String,
}

fn refused(path: impl Into<PathBuf>, message: impl Into<String>) -> WorkspaceError {
    WorkspaceError::Refused { path: path.into(), message: message.into() }
}

fn document(root: &Path, path: &Path, text: &str) -> PostDocument {
    post::open_document(&relative(root, path), text, content_hash(text.as_bytes()))
}

/// Writes `bytes` under the first free name `name_for(taken)` gives in `dir`, never over a file.
fn write_unique(
    dir: &Path,
    bytes: &[u8],
    name_for: impl Fn(&dyn Fn(&str) -> bool) -> Option<String>,
) -> Result<PathBuf, WorkspaceError> {
    for _ in 0..WRITE_RETRIES {
        let taken = |name: &str| std::fs::symlink_metadata(dir.join(name)).is_ok();
        let name = name_for(&taken).ok_or_else(|| refused(dir, "every name tried here is taken"))?;
        let path = dir.join(name);
        match write_new(&path, bytes) {
            Err(WorkspaceError::Conflict { .. }) => continue,
            other => return other.map(|()| path),
        }
    }
    Err(refused(dir, "the names tried here kept being taken by other programs; try again"))
}

/// A sample of the posts that show how `dir`'s posts are written: those directly in it, else
/// the whole folder's, evenly spread.
fn style_sample(root: &Path, dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries.flatten().map(|e| e.path()).filter(|p| p.is_file() && is_post_file(p)).collect()
        })
        .unwrap_or_default();
    if files.is_empty() {
        files = post_files(root).unwrap_or_default();
    }
    files.sort();
    let step = files.len().div_ceil(STYLE_SAMPLE).max(1);
    files
        .iter()
        .step_by(step)
        .filter_map(|p| Some((relative(root, p), std::fs::read_to_string(p).ok()?)))
        .collect()
}

/// The folder a new post goes in: inside the posts folder, and not one the library skips.
fn target_dir(root: &Path, folder: Option<&str>) -> Result<PathBuf, WorkspaceError> {
    let folder = folder.unwrap_or("").trim().trim_matches('/');
    if folder.is_empty() {
        return Ok(root.to_path_buf());
    }
    let dir = resolve(root, folder)?;
    if in_skipped_dir(&format!("{folder}/post.md")) {
        return Err(refused(
            dir,
            "Postdesk does not list posts in this folder (hidden or build output); choose another",
        ));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(WorkspaceError::NotAFolder { path: dir });
    }
    Ok(dir)
}

/// Creates a post titled `request.title` from the folder's template (see `content::new_post`),
/// under a free file name from the title; returns it as opened.
pub fn new_post(
    root: &Path,
    schema: &Schema,
    request: &NewPostRequest,
    own: &dyn OwnWrites,
) -> Result<PostDocument, WorkspaceError> {
    let title = request.title.trim();
    let dir = target_dir(root, request.folder.as_deref())?;
    if title.is_empty() {
        return Err(refused(&dir, "a new post needs a title"));
    }
    let now = Now::parse(&request.now).ok_or_else(|| {
        refused(&dir, format!("`{}` is not a local time like 2025-01-02T10:30:00+02:00", request.now))
    })?;
    let sample = style_sample(root, &dir);
    let style = FolderStyle::from_posts(sample.iter().map(|(p, t)| (p.as_str(), t.as_str())));
    let stem = new_post::file_stem(title);
    // A Hugo section's archetype (else the default one) is the template, as `hugo new` uses it.
    let text = hugo_archetype(root, &dir)
        .and_then(|archetype| new_post::from_archetype(&archetype, title, &stem, &now))
        .unwrap_or_else(|| new_post::template(schema, &style, title, &now));
    let path = write_unique(&dir, text.as_bytes(), |taken| {
        new_post::unique_file_name(&stem, &style.extension, taken)
    })?;
    own.wrote(&relative(root, &path), text.as_bytes());
    Ok(document(root, &path, &text))
}

/// The archetype for a new post in `dir` of a Hugo site at `root`: `archetypes/<section>.md`,
/// else `archetypes/default.md`; None outside a Hugo site's `content/`.
fn hugo_archetype(root: &Path, dir: &Path) -> Option<String> {
    let inside = dir.strip_prefix(root.join("content")).ok()?;
    if super::site::generator_of(root) != crate::content::site::Generator::Hugo {
        return None;
    }
    let section = inside.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let read = |name: &str| {
        let path = root.join("archetypes").join(name);
        super::guard::read_capped(&path, super::guard::MAX_SMALL_FILE_BYTES)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
    };
    section.and_then(|s| read(&format!("{s}.md"))).or_else(|| read("default.md"))
}

/// `name`'s stem and extension; an extension only if it is a post's (`a.b` is the stem `a.b`).
fn split_name(name: &str) -> (&str, Option<&str>) {
    match name.rsplit_once('.') {
        Some((stem, ext)) if is_post_file(Path::new(name)) => (stem, Some(ext)),
        _ => (name, None),
    }
}

/// Moves `from` to `to` only if nothing is at `to`: the new name is linked first (which fails
/// if it exists), then the old one dropped, so no moment has neither and nothing is replaced.
fn move_no_clobber(from: &Path, to: &Path) -> Result<(), WorkspaceError> {
    let taken = || refused(to, "a file with this name already exists; choose another name");
    match std::fs::hard_link(from, to) {
        Ok(()) => std::fs::remove_file(from).map_err(|e| WorkspaceError::io(from, e)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(taken()),
        // A file system without hard links: check, then rename (the check and the rename are
        // not one step there, so another program could still slip a file in between).
        Err(_) if std::fs::symlink_metadata(to).is_ok() => Err(taken()),
        Err(_) => std::fs::rename(from, to).map_err(|e| WorkspaceError::io(from, e)),
    }
}

/// Renames a post's file to `request.new_name` as a slug, in the same folder with the same
/// extension, and with `set_slug` its `slug` key too (a lossless edit). Refuses when the name is
/// taken or the post changed on disk since the buffer was read. Returns the post as renamed.
pub fn rename_post(
    root: &Path,
    request: &RenameRequest,
    own: &dyn OwnWrites,
) -> Result<PostDocument, WorkspaceError> {
    let from = store::resolve_post(root, &request.path)?;
    let bytes = guard::read_post(&guard::canonical_root(root), &from)?;
    if content_hash(&bytes) != request.base_hash {
        return Err(WorkspaceError::Conflict { path: from });
    }
    let text = store::utf8(&from, &bytes)?;
    let file_name = from.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = split_name(&file_name).1.unwrap_or("md").to_string();
    let stem = new_post::file_stem(split_name(request.new_name.trim()).0);
    let to = from.with_file_name(format!("{stem}.{ext}"));
    let edited = if request.set_slug {
        new_post::with_slug(text, &stem)
            .map_err(|e| WorkspaceError::Edit { path: from.clone(), message: e.to_string() })?
    } else {
        None
    };
    if to != from {
        move_no_clobber(&from, &to)?;
    }
    let final_text = match edited {
        Some(edited) if edited != text => {
            store::write_atomic(&to, edited.as_bytes())?;
            edited
        }
        _ => text.to_string(),
    };
    if to != from {
        own.moved(&relative(root, &from), &relative(root, &to), final_text.as_bytes());
    } else if final_text != text {
        own.wrote(&relative(root, &to), final_text.as_bytes());
    }
    Ok(document(root, &to, &final_text))
}

/// Copies a post to `<name>-copy.<ext>` (or `-copy-2`, ...) beside it: the title gets
/// " (copy)", a `slug` key the new name, and if the folder marks drafts the copy is one.
pub fn duplicate_post(
    root: &Path,
    schema: &Schema,
    rel: &str,
    own: &dyn OwnWrites,
) -> Result<PostDocument, WorkspaceError> {
    let from = store::resolve_post(root, rel)?;
    let bytes = guard::read_post(&guard::canonical_root(root), &from)?;
    let text = store::utf8(&from, &bytes)?;
    let file_name = from.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let (stem, ext) = split_name(&file_name);
    let ext = ext.unwrap_or("md");
    let copy_stem = new_post::copy_stem(stem);
    let dir = from.parent().unwrap_or(root).to_path_buf();
    // The copy's slug must follow its file name, so the name is chosen before the text; a race
    // for the name (another program) retries with the next one.
    for _ in 0..WRITE_RETRIES {
        let taken = |name: &str| std::fs::symlink_metadata(dir.join(name)).is_ok();
        let name = new_post::unique_file_name(&copy_stem, ext, taken)
            .ok_or_else(|| refused(&dir, "every name tried for the copy is taken"))?;
        let new_slug = split_name(&name).0.to_string();
        let copy = new_post::duplicate_text(text, new_post::draft_key(schema), &new_slug)
            .map_err(|e| WorkspaceError::Edit { path: from.clone(), message: e.to_string() })?;
        let path = dir.join(&name);
        match write_new(&path, copy.as_bytes()) {
            Err(WorkspaceError::Conflict { .. }) => continue,
            Err(e) => return Err(e),
            Ok(()) => {
                own.wrote(&relative(root, &path), copy.as_bytes());
                return Ok(document(root, &path, &copy));
            }
        }
    }
    Err(refused(&dir, "the names tried for the copy kept being taken by other programs; try again"))
}

/// Starts the translation of the post `rel` into `lang` at `target` (where the site's
/// languages put it, `Site::translation_path`): the same front matter and an empty body
/// (`content::new_post::translation_text`). Never overwrites: an existing translation is
/// refused, and the writer opens it instead.
pub fn new_translation(
    root: &Path,
    rel: &str,
    lang: &str,
    target: Option<&str>,
    own: &dyn OwnWrites,
) -> Result<PostDocument, WorkspaceError> {
    let from = store::resolve_post(root, rel)?;
    let Some(target) = target else {
        return Err(refused(
            &from,
            format!("this site names each post's language in its front matter, so there is no folder or file name for {lang}; duplicate the post and set its `lang`"),
        ));
    };
    let bytes = guard::read_post(&guard::canonical_root(root), &from)?;
    let text = store::utf8(&from, &bytes)?;
    let path = resolve(root, target)?;
    if in_skipped_dir(target) || !is_post_file(&path) {
        return Err(refused(
            &path,
            "the translation's place is not one Postdesk lists; check the site's languages",
        ));
    }
    let translated = new_post::translation_text(text, lang)
        .map_err(|e| WorkspaceError::Edit { path: from.clone(), message: e.to_string() })?;
    match write_new(&path, translated.as_bytes()) {
        Err(WorkspaceError::Conflict { .. }) => Err(refused(
            &path,
            format!("the {lang} translation already exists; open it from the post's header"),
        )),
        Err(e) => Err(e),
        Ok(()) => {
            own.wrote(&relative(root, &path), translated.as_bytes());
            Ok(document(root, &path, &translated))
        }
    }
}

/// Moves a post to the system trash (the freedesktop trash on Linux, through the `trash`
/// crate). Never deletes: without a working trash it refuses and the file stays.
pub fn trash_post(root: &Path, rel: &str, own: &dyn OwnWrites) -> Result<(), WorkspaceError> {
    trash_post_with(root, rel, own, |path| trash::delete(path).map_err(|e| e.to_string()))
}

/// `trash_post` with the trash passed in, so a failing trash can be tested.
pub fn trash_post_with(
    root: &Path,
    rel: &str,
    own: &dyn OwnWrites,
    trash: impl FnOnce(&Path) -> Result<(), String>,
) -> Result<(), WorkspaceError> {
    let path = store::resolve_post(root, rel)?;
    let meta = std::fs::symlink_metadata(&path).map_err(|e| WorkspaceError::io(&path, e))?;
    // A folder named like a post (`notes.md/`) is never trashed through this door.
    if !(meta.file_type().is_file() || meta.file_type().is_symlink()) {
        return Err(refused(
            &path,
            format!("{}; only a post file can be moved to the trash", guard::kind_of(&meta.file_type())),
        ));
    }
    if let Err(reason) = trash(&path) {
        return Err(refused(
            &path,
            format!("could not move the post to the trash ({reason}); nothing was deleted, the file is still there"),
        ));
    }
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(refused(
            &path,
            "the trash reported success but the file is still there; nothing was deleted",
        ));
    }
    own.removed(&relative(root, &path));
    Ok(())
}

/// Copies a pasted or dropped image into the site's static folder, under
/// `images/<post-slug>/<name>` (a free name), and returns the link the post should use.
/// Refuses what is not an image by its bytes, and anything over [`MAX_IMAGE_BYTES`].
pub fn import_image(roots: &AssetRoots, request: &ImageImport) -> Result<ImportedImage, WorkspaceError> {
    // Only a post inside the folder may have images pasted into it.
    store::resolve_post(&roots.posts, &request.post_path)?;
    let label =
        PathBuf::from(request.name.as_deref().filter(|n| !n.is_empty()).unwrap_or("the pasted image"));
    let too_big = |size: usize| {
        refused(
            &label,
            format!(
                "the image is {:.1} MB; images up to {} MB can be pasted, make it smaller first",
                size as f64 / 1_048_576.0,
                MAX_IMAGE_BYTES / 1_048_576
            ),
        )
    };
    // Checked before decoding, so a huge paste costs no second copy.
    let decoded_size = request.data.len() / 4 * 3;
    if decoded_size > MAX_IMAGE_BYTES + 3 {
        return Err(too_big(decoded_size));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(request.data.trim())
        .map_err(|e| refused(&label, format!("the image data did not arrive intact ({e})")))?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(too_big(bytes.len()));
    }
    let kind = image::sniff(&bytes).ok_or_else(|| {
        refused(&label, "this is not an image Postdesk can paste (png, jpg, gif, webp, svg or avif)")
    })?;
    let name = image::image_file_name(request.name.as_deref(), kind, &request.stamp);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, kind.extension()));
    // The generator decides: a page bundle keeps its images, Astro optimises those under
    // src/assets, the rest go to the static folder.
    let generator = super::site::generator_of(&roots.posts);
    let site_paths = roots.site_static != roots.posts;
    let place = image::place_for(generator, &request.post_path, site_paths);
    let dir = if place.in_static { roots.site_static.join(&place.dir) } else { roots.posts.join(&place.dir) };
    let path = write_unique(&dir, &bytes, |taken| new_post::unique_file_name(stem, ext, taken))?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(ImportedImage { file: path.display().to_string(), link: place.link(&file_name) })
}
