//! The one integration test binary (ripgrep style). Modules:
//! - `support`: temp copies of the sample posts, byte diffs.
//! - `cli`: the `postdesk` binary's subcommands, run with no display.
//! - `store`: scanning, atomic saves and conflict refusal against real files.
//! - `e2e`: the real app in a real WebKit window under Xvfb, driven by WebKitWebDriver.

mod cli;
mod e2e;
mod store;
mod support;
