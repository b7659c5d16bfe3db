//! End-to-end tests of the real app in a real WebKit window.
//!
//! Each test gets its own copy of the sample posts, its own Xvfb display, and its own
//! WebKitWebDriver (Debian's webkit2gtk-driver) under `dbus-run-session`, which launches the
//! `postdesk` binary that cargo built for this test run. Nothing here skips: a missing Xvfb or
//! driver is a failure that says what to install.

mod actions;
mod checks;
mod desk;
mod external;
mod form;
mod git;
mod harness;
mod hostile;
mod languages;
mod measure;
mod prose;
mod screenshots;
mod sites;
mod table;
mod window;
