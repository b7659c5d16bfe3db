//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

pub fn sample_posts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("posts")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh copy of the sample posts in its own temp dir; the dir is removed on drop.
pub fn posts_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    copy_dir(&sample_posts(), &posts);
    (dir, posts)
}

/// The number of post files in the sample folder, counted independently of the app's scanner.
pub fn sample_post_count() -> usize {
    fn count(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(
                |p| {
                    if p.is_dir() {
                        count(&p)
                    } else {
                        usize::from(p.extension().is_some_and(|e| e == "md"))
                    }
                },
            )
            .sum()
    }
    count(&sample_posts())
}

/// What changed between two byte strings: (removed, inserted), after the common prefix and
/// suffix. Equal inputs give two empty slices.
pub fn byte_diff<'a>(before: &'a [u8], after: &'a [u8]) -> (&'a [u8], &'a [u8]) {
    let prefix = before.iter().zip(after).take_while(|(a, b)| a == b).count();
    let room = before.len().min(after.len()) - prefix;
    let suffix = before.iter().rev().zip(after.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
    (&before[prefix..before.len() - suffix], &after[prefix..after.len() - suffix])
}

/// The lines (split on `\n`) that differ between two texts, as (line number, before, after).
pub fn changed_lines(before: &str, after: &str) -> Vec<(usize, String, String)> {
    let a: Vec<&str> = before.split('\n').collect();
    let b: Vec<&str> = after.split('\n').collect();
    assert_eq!(a.len(), b.len(), "the number of lines changed");
    a.iter()
        .zip(&b)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| (i + 1, x.to_string(), y.to_string()))
        .collect()
}

/// Starts the live library on `root` with its deltas sent to a channel, and returns once the
/// first scan has finished (its deltas consumed).
pub fn start_library(
    root: &Path,
) -> (
    postdesk::workspace::library::LiveLibrary,
    std::sync::mpsc::Receiver<postdesk::content::index::LibraryDelta>,
) {
    let (send, deltas) = std::sync::mpsc::channel();
    let library = postdesk::workspace::library::LiveLibrary::start(
        root,
        Box::new(move |d| {
            let _ = send.send(d);
        }),
    )
    .unwrap();
    let wait = std::time::Duration::from_secs(10);
    while !deltas.recv_timeout(wait).expect("the first scan finishes within 10 s").progress.finished {}
    // Then git is read once (after the list, which never waits for it).
    while deltas.recv_timeout(wait).expect("git's view follows the scan").git.is_none() {}
    (library, deltas)
}

/// Prints one figure for the benchmark table: scripts/bench.py picks these tab-separated
/// lines out of the test output (`--nocapture`), so every real-app number has one source.
pub fn bench_figure(what: &str, value: f64, unit: &str) {
    println!("BENCH\t{what}\t{value:.1}\t{unit}");
}
