//! What the open folder costs the app's own process: the bytes the live index and the checks
//! hold for a folder, counted by a global allocator, and the resident size. It is how the
//! 10,000-post memory was taken apart (issue 8); the whole-app figure is the e2e `measure` test.
//!
//! Run: `python3 scripts/gen-posts.py /tmp/gen10k 10000`, then
//! `cargo run --example index_memory -- /tmp/gen10k` (the counts do not depend on the profile).

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use postdesk::workspace::library::LiveLibrary;
use postdesk::workspace::{folder, scan};

/// The system allocator, counting the bytes asked for and not yet given back.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn live_mib() -> f64 {
    LIVE.load(Ordering::Relaxed) as f64 / 1048576.0
}

fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: index_memory DIR");
        std::process::exit(2);
    };
    let root = Path::new(&dir);

    // Each part alone, dropped before the next.
    let before = live_mib();
    let summaries = scan::scan(root).expect("the folder scans");
    println!("list summaries of {} posts: {:.1} MiB", summaries.len(), live_mib() - before);
    drop(summaries);
    let before = live_mib();
    let (_, facts) = folder::load_facts(root, None).expect("the folder reads");
    println!("the checks' folder facts: {:.1} MiB", live_mib() - before);
    drop(facts);

    // The app's whole library: scan, index, first check pass, as the window runs it.
    let (live_before, rss_before) = (live_mib(), rss_mib());
    let library = LiveLibrary::start(root, Box::new(|_| {})).expect("the folder opens");
    while !library.snapshot().progress.finished {
        std::thread::sleep(Duration::from_millis(20));
    }
    // The check pass runs after the scan; give it time to finish and trim.
    std::thread::sleep(Duration::from_secs(5));
    println!(
        "live library (index + checks): {:.1} MiB held, resident +{:.1} MiB",
        live_mib() - live_before,
        rss_mib() - rss_before
    );
}
