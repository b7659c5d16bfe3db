//! Counts of the expensive steps: front-matter parses and check passes. A save should parse its
//! new text once and check it once, and the watcher's echo of the app's own write should cost
//! a hash comparison; these counters let a test prove that with numbers, not timings. Relaxed
//! atomics: a few nanoseconds a parse, and nothing else reads them.

use std::sync::atomic::{AtomicU64, Ordering};

static PARSES: AtomicU64 = AtomicU64::new(0);
static CHECK_PASSES: AtomicU64 = AtomicU64::new(0);

/// How much work has been done in this process so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Front matter read into values (`frontmatter::read` and `read_source`).
    pub parses: u64,
    /// Posts run through every check rule (`checks::check_post`).
    pub check_passes: u64,
}

impl Counts {
    /// The work done since `earlier`.
    pub fn since(self, earlier: Counts) -> Counts {
        Counts {
            parses: self.parses - earlier.parses,
            check_passes: self.check_passes - earlier.check_passes,
        }
    }
}

pub fn counts() -> Counts {
    Counts { parses: PARSES.load(Ordering::Relaxed), check_passes: CHECK_PASSES.load(Ordering::Relaxed) }
}

pub(crate) fn parsed() {
    PARSES.fetch_add(1, Ordering::Relaxed);
}

pub(crate) fn checked() {
    CHECK_PASSES.fetch_add(1, Ordering::Relaxed);
}
