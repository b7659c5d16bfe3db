//! The one integration test binary (ripgrep style). Modules:
//! - `support`: temp copies of the sample posts, byte diffs.
//! - `cli`: the `postdesk` binary's subcommands, run with no display.
//! - `store`: scanning, atomic saves and conflict refusal against real files.
//! - `journal`: the recovery journal keeps each buffer's base text, so a buffer restored after
//!   a crash merges 3-way with the post as changed since, or reports the overlap.
//! - `library`: the live index and every external-change scenario (merge, overlap, delete,
//!   rename, temp-file replace, a 500-file burst) on a real watched folder.
//! - `actions`: new post, rename, duplicate, move to the trash and image import on real
//!   folders, with their refusals and the library's view of each.
//! - `hostile`: symlinks out of the site, FIFOs, read-only posts, climbing slugs, file modes,
//!   a write racing a save, a closed pipe: what a hostile folder could do, and what it cannot.
//! - `sites`: the site model against the real generators (Hugo, Jekyll, Eleventy, Astro) on
//!   the fixture sites.
//! - `git`: `check --changed` and `list --json`'s git states on real temp repositories.
//! - `fidelity`: the preview against the generators' own HTML (Hugo, Jekyll, Astro), page by
//!   page: blocks, text with punctuation, heading ids, footnotes.
//! - `e2e`: the real app in a real WebKit window under Xvfb, driven by WebKitWebDriver.

mod actions;
mod cli;
mod e2e;
mod fidelity;
mod git;
mod hostile;
mod journal;
mod library;
mod sites;
mod store;
mod support;
