//! Which files Postdesk may read or write, and how much of them.
//!
//! A site folder comes from a `git pull`, a downloaded theme or an agent, so any file in it may
//! be hostile: a symlink to `~/.ssh/id_ed25519` or to `/`, a FIFO that blocks whoever opens it,
//! a link to `/dev/zero`, a 5 GB "post". This module owns the rules every read and write goes
//! through:
//! - only regular files are read: a file is opened non-blocking and without following a final
//!   symlink, then checked with `fstat` on the open handle, so a FIFO or device is never read
//!   and a file swapped for a link after the check is not followed;
//! - a symlink is followed only when its target resolves inside the site root;
//! - every read has a size cap, and a file over it is refused with its size and the cap.
//!
//! It never decides what a file means; it only says whether it may be touched.

use std::fs::File;
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::error::WorkspaceError;

/// The largest post Postdesk reads. Well above any real post (the seed is 5 KB, the benchmark's
/// big post 1 MB) and small enough that reading and rendering it stays under a second.
pub const MAX_POST_BYTES: u64 = 16 * 1024 * 1024;

/// The largest image copied by an export or shown in the preview.
pub const MAX_IMAGE_BYTES: u64 = 64 * 1024 * 1024;

/// The largest settings, config or journal file read.
pub const MAX_SMALL_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Reads a regular file of at most `cap` bytes. A final symlink is followed (the caller has
/// already decided whether its target may be read: see [`post_target`]); a FIFO, socket or
/// device is refused without blocking.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, WorkspaceError> {
    let io = |e: std::io::Error| WorkspaceError::io(path, e);
    let file = std::fs::OpenOptions::new()
        .read(true)
        // Opening a FIFO for reading blocks until a writer appears; non-blocking returns at once.
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(io)?;
    read_open_file(path, file, cap)
}

/// `read_capped` that also refuses a final symlink: for a path already resolved to its target,
/// so a swap for a link between the check and the read is not followed.
pub fn read_resolved(path: &Path, cap: u64) -> Result<Vec<u8>, WorkspaceError> {
    let io = |e: std::io::Error| WorkspaceError::io(path, e);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC | libc::O_NOFOLLOW)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => not_regular(path, "a symbolic link"),
            _ => io(e),
        })?;
    read_open_file(path, file, cap)
}

fn read_open_file(path: &Path, file: File, cap: u64) -> Result<Vec<u8>, WorkspaceError> {
    let io = |e: std::io::Error| WorkspaceError::io(path, e);
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(not_regular(path, kind_of(&meta.file_type())));
    }
    if meta.len() > cap {
        return Err(WorkspaceError::TooLarge { path: path.to_path_buf(), size: meta.len(), limit: cap });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take` as well: a file that grows while it is read still stops at the cap.
    file.take(cap + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(WorkspaceError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
            limit: cap,
        });
    }
    Ok(bytes)
}

fn not_regular(path: &Path, what: &'static str) -> WorkspaceError {
    WorkspaceError::NotRegular { path: path.to_path_buf(), what }
}

/// What a non-regular file is, in words for the writer.
pub fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// The file a post path stands for: itself when it is a regular file, or a symlink's target
/// when that resolves inside `site` (the site root, canonical). Anything else (a link out of
/// the site, a dangling link, a FIFO or device) is refused with the reason, and the caller
/// skips it. `site` must be canonical: `std::fs::canonicalize` of the root.
pub fn post_target(site: &Path, path: &Path) -> Result<PathBuf, WorkspaceError> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| WorkspaceError::io(path, e))?;
    let file_type = meta.file_type();
    if file_type.is_file() {
        return Ok(path.to_path_buf());
    }
    if !file_type.is_symlink() {
        return Err(not_regular(path, kind_of(&file_type)));
    }
    let target = std::fs::canonicalize(path).map_err(|e| WorkspaceError::io(path, e))?;
    // Path::starts_with compares whole components, so `/site2` is not inside `/site`.
    if !target.starts_with(site) {
        return Err(WorkspaceError::OutsideSite { path: path.to_path_buf(), target });
    }
    let meta = std::fs::metadata(&target).map_err(|e| WorkspaceError::io(path, e))?;
    if !meta.is_file() {
        return Err(not_regular(path, kind_of(&meta.file_type())));
    }
    Ok(target)
}

/// Reads a post file inside the site: [`post_target`], then a capped read of the target.
pub fn read_post(site: &Path, path: &Path) -> Result<Vec<u8>, WorkspaceError> {
    let target = post_target(site, path)?;
    read_resolved(&target, MAX_POST_BYTES).map_err(|e| e.at(path))
}

/// The canonical form of a site root, for [`post_target`]. A root that cannot be resolved is
/// used as given: then no symlink resolves inside it, which refuses links rather than allows.
pub fn canonical_root(root: &Path) -> PathBuf {
    std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = canonical_root(dir.path());
        (dir, root)
    }

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let (_dir, root) = site();
        let fifo = root.join("pipe.md");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let err = read_capped(&fifo, MAX_POST_BYTES).unwrap_err();
        assert!(matches!(err, WorkspaceError::NotRegular { .. }), "{err}");
        assert!(err.to_string().contains("named pipe"), "{err}");
        assert!(matches!(post_target(&root, &fifo), Err(WorkspaceError::NotRegular { .. })));
    }

    #[test]
    fn a_link_to_dev_zero_is_refused() {
        let (_dir, root) = site();
        let link = root.join("zero.md");
        symlink("/dev/zero", &link).unwrap();
        let err = read_capped(&link, MAX_POST_BYTES).unwrap_err();
        assert!(err.to_string().contains("a device"), "{err}");
        assert!(matches!(read_post(&root, &link), Err(WorkspaceError::OutsideSite { .. })));
    }

    #[test]
    fn a_file_over_the_cap_is_refused_with_its_size() {
        let (_dir, root) = site();
        let big = root.join("big.md");
        std::fs::write(&big, vec![b'a'; 2048]).unwrap();
        let err = read_capped(&big, 1024).unwrap_err();
        assert!(matches!(err, WorkspaceError::TooLarge { size: 2048, limit: 1024, .. }), "{err}");
        assert_eq!(read_capped(&big, 4096).unwrap().len(), 2048);
    }

    #[test]
    fn links_are_followed_only_inside_the_site() {
        let (_dir, root) = site();
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("id_ed25519");
        std::fs::write(&secret, "secret").unwrap();
        std::fs::write(root.join("real.md"), "inside").unwrap();
        symlink(&secret, root.join("leak.md")).unwrap();
        symlink(root.join("real.md"), root.join("alias.md")).unwrap();
        symlink(root.join("missing.md"), root.join("dangling.md")).unwrap();

        let err = read_post(&root, &root.join("leak.md")).unwrap_err();
        assert!(matches!(err, WorkspaceError::OutsideSite { .. }), "{err}");
        assert!(err.to_string().contains("outside the site"), "{err}");
        assert_eq!(read_post(&root, &root.join("alias.md")).unwrap(), b"inside");
        assert_eq!(post_target(&root, &root.join("alias.md")).unwrap(), root.join("real.md"));
        assert!(read_post(&root, &root.join("dangling.md")).is_err());
    }

    #[test]
    fn read_resolved_does_not_follow_a_link() {
        let (_dir, root) = site();
        std::fs::write(root.join("real.md"), "inside").unwrap();
        symlink(root.join("real.md"), root.join("alias.md")).unwrap();
        assert!(matches!(read_resolved(&root.join("alias.md"), 100), Err(WorkspaceError::NotRegular { .. })));
    }
}
