use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        LIVE.fetch_add(l.size(), Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        System.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        LIVE.fetch_add(n, Ordering::Relaxed);
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        System.realloc(p, l, n)
    }
}
#[global_allocator]
static A: Counting = Counting;
fn rss_kib() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap();
    s.lines().find(|l| l.starts_with("VmRSS:")).unwrap().split_whitespace().nth(1).unwrap().parse().unwrap()
}
extern "C" {
    fn malloc_trim(pad: usize) -> i32;
}
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let root = std::path::Path::new(&dir);
    if std::env::args().nth(2).as_deref() == Some("parts") {
        let l0 = LIVE.load(Ordering::Relaxed);
        let summaries = postdesk::workspace::scan::scan(root).unwrap();
        let l1 = LIVE.load(Ordering::Relaxed);
        println!("summaries: {} KiB", (l1 - l0) / 1024);
        let files = postdesk::workspace::scan::post_files(root).unwrap();
        let obs: Vec<_> = files.iter().map(|p| postdesk::workspace::scan::observe_file(root, p).0).collect();
        let l2 = LIVE.load(Ordering::Relaxed);
        println!("observations (summary+facts+fingerprint): {} KiB", (l2 - l1) / 1024);
        let facts = postdesk::workspace::checks::load_facts(root, None).unwrap();
        let l3 = LIVE.load(Ordering::Relaxed);
        println!(
            "check facts: {} KiB; posts {} files {}",
            (l3 - l2) / 1024,
            facts.1.posts.len(),
            facts.1.files.len()
        );
        let anchors: usize = facts.1.posts.values().map(|e| e.anchors.len()).sum();
        println!("anchors {anchors}");
        drop((summaries, obs, facts));
        return;
    }

    let dir = std::env::args().nth(1).unwrap();
    let before = rss_kib();
    let lib = postdesk::workspace::library::LiveLibrary::start(std::path::Path::new(&dir), Box::new(|_| {}))
        .unwrap();
    loop {
        std::thread::sleep(Duration::from_millis(20));
        if lib.snapshot().progress.finished {
            break;
        }
    }
    println!("scan done: live heap {} KiB", LIVE.load(Ordering::Relaxed) / 1024);
    std::thread::sleep(Duration::from_secs(6));
    let snap = lib.snapshot();
    println!("live heap {} KiB", LIVE.load(Ordering::Relaxed) / 1024);
    println!("posts {} rss +{} KiB (before {})", snap.posts.len(), rss_kib() - before, before);
    drop(snap);
    unsafe {
        malloc_trim(0);
    }
    println!("after malloc_trim rss +{} KiB", rss_kib() - before);
}
