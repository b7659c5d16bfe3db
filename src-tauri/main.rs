//! The one binary: the command line decides, and only a request for the window reaches the
//! window's code, which a build without the `gui` feature does not have.

use postdesk::cli::{self, Outcome};

fn main() {
    match cli::main() {
        Outcome::Exit(code) => std::process::exit(code),
        Outcome::OpenWindow(target) => open_window(target),
    }
}

#[cfg(feature = "gui")]
fn open_window(target: postdesk::workspace::launch::LaunchTarget) {
    postdesk::run_app(target);
}

#[cfg(not(feature = "gui"))]
fn open_window(_: postdesk::workspace::launch::LaunchTarget) {
    eprintln!(
        "postdesk: this build is the command line only (built without the `gui` feature); \
         run a subcommand such as `postdesk check DIR`, or see `postdesk --help`"
    );
    std::process::exit(2);
}
