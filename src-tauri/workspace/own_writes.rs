//! The one way code that writes, moves or removes a post tells the live library: the list shows
//! the change at once, and the watcher's later report of the same bytes is recognised as the
//! app's own (no reload, no conflict). Saves, fixes, recreating a deleted post, and every post
//! action report through this trait; nothing calls the library's recorders by hand.

use super::library::LiveLibrary;

/// Where the code that changes posts on disk reports it.
pub trait OwnWrites {
    fn wrote(&self, rel: &str, bytes: &[u8]);
    fn moved(&self, from: &str, to: &str, bytes: &[u8]);
    fn removed(&self, rel: &str);
}

impl OwnWrites for LiveLibrary {
    fn wrote(&self, rel: &str, bytes: &[u8]) {
        self.record_own_write(rel, bytes);
    }
    fn moved(&self, from: &str, to: &str, bytes: &[u8]) {
        self.record_own_rename(from, to, bytes);
    }
    fn removed(&self, rel: &str) {
        self.record_own_removal(rel);
    }
}

/// For callers without a live library (the files alone).
pub struct NoLibrary;

impl OwnWrites for NoLibrary {
    fn wrote(&self, _: &str, _: &[u8]) {}
    fn moved(&self, _: &str, _: &str, _: &[u8]) {}
    fn removed(&self, _: &str) {}
}
