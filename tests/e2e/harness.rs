//! Starts Xvfb, WebKitWebDriver and the app for one test, and tears them down on drop.

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::support::posts_copy;

/// How long a real-window step may take before the test fails; generous for a loaded 2-core CI.
pub const STEP: Duration = Duration::from_secs(20);

fn require(tool: &str, package: &str) -> PathBuf {
    let found = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|dir| dir.join(tool)).find(|p| p.is_file()));
    found.unwrap_or_else(|| {
        panic!("`{tool}` is not installed; the end-to-end tests need it: apt-get install {package}")
    })
}

/// A child process in its own process group, so that dropping it kills everything it started.
struct Group(Child);

impl Group {
    fn spawn(command: &mut Command) -> Group {
        Group(command.process_group(0).spawn().unwrap_or_else(|e| panic!("could not start {command:?}: {e}")))
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let pgid = self.0.id();
        let _ = Command::new("kill").args(["-KILL", "--", &format!("-{pgid}")]).status();
        let _ = self.0.wait();
    }
}

pub struct AppSession {
    pub client: Client,
    pub posts: PathBuf,
    // Field order is drop order: the driver (and the app it launched) go before the display.
    _driver: Group,
    _xvfb: Group,
    _tmp: tempfile::TempDir,
}

pub fn wall_clock_ms() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0
}

/// The app under test: the one cargo built, or `$POSTDESK_BINARY` (the installed package's
/// `/usr/bin/postdesk` in scripts/test-deb.sh, the `tauri build` binary in scripts/bench.sh).
pub fn app_binary() -> PathBuf {
    match std::env::var_os("POSTDESK_BINARY").filter(|v| !v.is_empty()) {
        Some(path) => {
            let path = PathBuf::from(path);
            assert!(path.is_file(), "POSTDESK_BINARY={} is not a file", path.display());
            path
        }
        None => PathBuf::from(env!("CARGO_BIN_EXE_postdesk")),
    }
}

/// How the app is started, beyond the folder.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// The tests run with compositing off, as Xvfb has no GPU; memory is measured both ways.
    pub compositing: Compositing,
    /// Pass this post (relative to the folder) as the command line's PATH instead of the folder.
    pub post: Option<String>,
}

/// WebKit's accelerated compositing: on (WebKit's default, GL through Mesa here) or off
/// (Postdesk's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compositing {
    On,
    #[default]
    Off,
}

impl Compositing {
    fn env(self) -> Vec<(&'static str, &'static str)> {
        match self {
            // The app turns compositing off itself unless asked (lib.rs, choose_compositing);
            // Off also sets WebKit's variable, for a binary built before that.
            Compositing::On => vec![("POSTDESK_COMPOSITING", "on")],
            Compositing::Off => vec![("WEBKIT_DISABLE_COMPOSITING_MODE", "1")],
        }
    }
}

/// `roots` and every process descended from them.
pub fn process_tree(mut found: Vec<u32>) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // The parent pid is the second field after the parenthesised command name.
            let ppid = stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(parents.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
        i += 1;
    }
    found
}

/// The app started as a writer starts it, with no WebDriver attached (whose automation adds
/// work of its own to the web process): for measures of the whole process tree from outside.
pub struct PlainApp {
    app: Group,
    _xvfb: Group,
    _tmp: tempfile::TempDir,
    pub started: Instant,
}

impl PlainApp {
    pub fn launch(posts: &Path) -> PlainApp {
        let tmp = tempfile::tempdir().unwrap();
        let dbus = require("dbus-run-session", "dbus");
        let (xvfb, display) = start_xvfb();
        let started = Instant::now();
        let app = Group::spawn(
            Command::new(dbus)
                .arg("--")
                .arg(app_binary())
                .arg(posts)
                .env("DISPLAY", &display)
                .env("POSTDESK_CONFIG_DIR", tmp.path().join("config"))
                .env("POSTDESK_DATA_DIR", tmp.path().join("data"))
                .env("XDG_DATA_HOME", tmp.path().join("xdg-data"))
                .env_remove("WAYLAND_DISPLAY")
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        PlainApp { app, _xvfb: xvfb, _tmp: tmp, started }
    }

    /// The session bus, the app and its WebKit processes.
    pub fn processes(&self) -> Vec<u32> {
        process_tree(vec![self.app.0.id()])
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_xvfb() -> (Group, String) {
    let xvfb = require("Xvfb", "xvfb");
    let mut child = Group::spawn(
        Command::new(xvfb)
            .args(["-displayfd", "1", "-screen", "0", "1440x900x24", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null()),
    );
    let stdout = child.0.stdout.take().unwrap();
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("Xvfb printed no display number");
    let display = format!(":{}", line.trim());
    assert!(line.trim().parse::<u32>().is_ok(), "Xvfb did not start (got {line:?})");
    (child, display)
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + STEP;
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "WebKitWebDriver did not listen on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl AppSession {
    /// Writes a generated 1 MB post (`one-megabyte.md`, 2,000+ sections of headings, lists,
    /// tables, links and code) into the folder and opens it, once its preview shows the end.
    /// Opened by a script click: WebKitWebDriver's element click can stall while the window lays
    /// out a megabyte of preview, and the tests that use it measure typing, not the driver.
    pub async fn open_megabyte_post(&self) {
        let app = self;
        let mut big = String::from("---\ntitle: A very long post\npubDate: 2025-01-01\n---\n\n");
        let mut i = 0;
        while big.len() < 1_000_000 {
            i += 1;
            big.push_str(&format!(
                        "## Section {i}\n\nParagraph {i} with *emphasis*, `code`, and a [link](https://example.org/{i}). \
                         The quick brown fox jumps over the lazy dog, again and again, to fill the page.\n\n\
                         - item one\n- item two\n\n| a | b |\n|---|---|\n| {i} | {i} |\n\n"
                ));
        }
        std::fs::write(app.post_path("one-megabyte.md"), &big).unwrap();
        let item = "[data-testid=post-item][data-path=\"one-megabyte.md\"]";
        app.wait_css(item).await;
        let click = format!("document.querySelector('{}').click(); return true;", item.replace('\'', "\\'"));
        app.client.execute(&click, vec![]).await.unwrap();
        app.preview_containing("Section 2000").await;
    }

    /// Types `text` at the start of the body's second line: the first paragraph, since a body
    /// opens with a blank line after the front matter.
    pub async fn type_at_body_start(&self, text: &str) {
        use fantoccini::key::Key;
        let content = self.wait_css("[data-testid=body-editor] .cm-content").await;
        content.click().await.unwrap();
        content.send_keys(&(Key::Control + &Key::Home.to_string())).await.unwrap();
        content.send_keys(&Key::Down.to_string()).await.unwrap();
        content.send_keys(&Key::Home.to_string()).await.unwrap();
        content.send_keys(text).await.unwrap();
    }

    /// Opens the app on a fresh copy of the sample posts and waits for the list to show.
    pub async fn start() -> AppSession {
        let (tmp, posts) = posts_copy();
        Self::launch(tmp, posts).await
    }

    /// Opens the app on `posts`, with its settings and recovery journal under `tmp`: a second
    /// launch in the same `tmp` sees what the first one left behind.
    pub async fn launch(tmp: tempfile::TempDir, posts: PathBuf) -> AppSession {
        Self::launch_with(tmp, posts, Launch::default()).await
    }

    /// `launch`, with the command line's PATH naming a post, or another compositing mode.
    pub async fn launch_with(tmp: tempfile::TempDir, posts: PathBuf, launch: Launch) -> AppSession {
        let Launch { compositing, post } = launch;
        let path_arg = match post {
            Some(rel) => posts.join(rel),
            None => posts.clone(),
        };
        let app = app_binary();
        let driver = require("WebKitWebDriver", "webkit2gtk-driver");
        let dbus = require("dbus-run-session", "dbus");
        let (xvfb, display) = start_xvfb();
        let port = free_port();
        let driver = Group::spawn(
            Command::new(dbus)
                .arg("--")
                .arg(driver)
                .arg(format!("--port={port}"))
                .env("DISPLAY", &display)
                .env("TAURI_WEBVIEW_AUTOMATION", "true")
                // Settings (the last folder) go to the test's temp dir, never the developer's.
                .env("POSTDESK_CONFIG_DIR", tmp.path().join("config"))
                // So does the recovery journal.
                .env("POSTDESK_DATA_DIR", tmp.path().join("data"))
                // And the system trash (the freedesktop home trash is $XDG_DATA_HOME/Trash).
                .env("XDG_DATA_HOME", tmp.path().join("xdg-data"))
                .env_remove("WAYLAND_DISPLAY")
                .envs(compositing.env())
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        wait_for_port(port);

        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "webkitgtk:browserOptions".into(),
            json!({ "binary": app, "args": [path_arg.to_str().unwrap()] }),
        );
        // The app cancels navigations (links in the preview); with the default strategy the
        // driver would wait for those loads for ever. The tests wait for what they need.
        capabilities.insert("pageLoadStrategy".into(), json!("none"));
        let mut builder = ClientBuilder::native();
        builder.capabilities(capabilities);
        let url = format!("http://127.0.0.1:{port}");
        let connect = builder.connect(&url);
        // Session creation hangs forever when the driver lacks TAURI_WEBVIEW_AUTOMATION.
        let client = tokio::time::timeout(Duration::from_secs(60), connect)
            .await
            .expect("WebKitWebDriver did not create a session within 60 s")
            .expect("WebKitWebDriver refused the session");
        let session = AppSession { client, posts, _driver: driver, _xvfb: xvfb, _tmp: tmp };
        // Asked by script: while a big folder indexes, the list redraws its rows and a
        // WebDriver element handle can go stale between finding and returning it.
        session
            .eventually("the list shows posts and the app has taken over from the first script", || async {
                let script = "return document.querySelector('[data-testid=post-item]') !== null \
                              && document.documentElement.dataset.ready === 'true'";
                (session.client.execute(script, vec![]).await.ok()? == json!(true)).then_some(())
            })
            .await;
        session
    }

    pub async fn wait_css(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(STEP)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matched {css} within {STEP:?}: {e}"))
    }

    pub async fn all_css(&self, css: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(css)).await.unwrap()
    }

    /// Polls `check` until it returns Some, or fails the test with `what`.
    pub async fn eventually<T, F, Fut>(&self, what: &str, mut check: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + STEP;
        loop {
            if let Some(value) = check().await {
                return value;
            }
            if Instant::now() > deadline {
                self.screenshot(what).await;
                panic!("timed out after {STEP:?} waiting until {what}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The textContent of the first element matching `css`, or None. Read in one script call,
    /// so a list re-rendering between find and read cannot make it stale.
    pub async fn text_now(&self, css: &str) -> Option<String> {
        let script = "const el = document.querySelector(arguments[0]); return el ? el.textContent : null;";
        let value = self.client.execute(script, vec![json!(css)]).await.ok()?;
        value.as_str().map(str::to_string)
    }

    /// The preview frame's rendered content (the frame is sandboxed; the app reads it from
    /// outside, and so does the test).
    pub async fn preview_html(&self) -> Option<String> {
        let script = "const f = document.querySelector('[data-testid=preview]'); \
                      const b = f && f.contentDocument && f.contentDocument.querySelector('[data-testid=preview-body]'); \
                      return b ? b.innerHTML : null;";
        let value = self.client.execute(script, vec![]).await.ok()?;
        value.as_str().map(str::to_string)
    }

    /// Waits until the preview contains `needle`, and returns its HTML.
    pub async fn preview_containing(&self, needle: &str) -> String {
        self.eventually(&format!("the preview shows {needle}"), || async {
            let html = self.preview_html().await?;
            html.contains(needle).then_some(html)
        })
        .await
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_css(css).await.text().await.unwrap()
    }

    pub async fn open_post(&self, path: &str) {
        // The list may re-render between finding an item and clicking it (a pull or a scan
        // redraws it), and a click on the replaced row is lost: click until the post is open,
        // again every two seconds while it is not.
        let css = format!("[data-testid=post-item][data-path=\"{path}\"]");
        // A row half under the list's bottom edge is drawn but not clickable, and WebKitWebDriver
        // does not scroll the list for it: bring it into view first.
        let reveal =
            "document.querySelector(arguments[0])?.scrollIntoView({ block: 'nearest' }); return null;";
        let last_click = std::cell::Cell::new(None::<Instant>);
        self.eventually(&format!("{path} is open"), || async {
            let shown = self.client.find(Locator::Css("#post-path")).await.ok()?.text().await.ok()?;
            if shown == path {
                return Some(());
            }
            if last_click.get().is_none_or(|at| at.elapsed() > Duration::from_secs(2)) {
                self.client.execute(reveal, vec![json!(css)]).await.ok()?;
                self.client.find(Locator::Css(&css)).await.ok()?.click().await.ok()?;
                last_click.set(Some(Instant::now()));
            }
            None
        })
        .await;
    }

    /// Kills the app with SIGKILL, as a crash would, and tears the session down; returns the
    /// temp dir and posts folder for a `launch` that finds what the killed app left.
    pub async fn kill_app(self) -> (tempfile::TempDir, PathBuf) {
        let pattern = format!("postdesk {}", self.posts.display());
        let status = Command::new("pkill").args(["-KILL", "-f", &pattern]).status().expect("pkill runs");
        assert!(status.success(), "no app process matched `{pattern}` to kill");
        let AppSession { client, posts, _driver, _xvfb, _tmp, .. } = self;
        let _ = tokio::time::timeout(Duration::from_secs(5), client.close()).await;
        drop(_driver);
        drop(_xvfb);
        (_tmp, posts)
    }

    /// The app's process and every process under it (WebKit's web and network processes).
    pub fn app_processes(&self) -> Vec<u32> {
        let pattern = format!("postdesk {}", self.posts.display());
        let out = Command::new("pgrep").args(["-f", &pattern]).output().expect("pgrep runs");
        let found: Vec<u32> =
            String::from_utf8_lossy(&out.stdout).split_whitespace().filter_map(|p| p.parse().ok()).collect();
        assert!(!found.is_empty(), "no app process matched `{pattern}`");
        process_tree(found)
    }

    /// How long ago, in ms, the app process was started: from its start time in
    /// `/proc/PID/stat` against `/proc/uptime`, both in 10 ms ticks.
    pub fn ms_since_exec(&self) -> f64 {
        let clock_ticks: f64 =
            String::from_utf8(Command::new("getconf").arg("CLK_TCK").output().unwrap().stdout)
                .unwrap()
                .trim()
                .parse()
                .unwrap();
        let pid = self.app_processes()[0];
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the app's /proc stat");
        // Field 22, the start time in clock ticks after boot, is the 20th after the name.
        let ticks: f64 =
            stat.rsplit_once(')').unwrap().1.split_whitespace().nth(19).unwrap().parse().unwrap();
        let uptime = std::fs::read_to_string("/proc/uptime").unwrap();
        let uptime_s: f64 = uptime.split_whitespace().next().unwrap().parse().unwrap();
        uptime_s * 1000.0 - ticks * 1000.0 / clock_ticks
    }

    /// The wall-clock time (as `Date.now()` in the page) of the app's exec, to 10 ms.
    pub fn exec_wall_ms(&self) -> f64 {
        let since_exec = self.ms_since_exec();
        wall_clock_ms() - since_exec
    }

    /// Proportional set size, in KiB, of the app and its WebKit processes together.
    pub fn pss_kib(&self) -> u64 {
        self.pss_by_process().iter().map(|(_, kib)| kib).sum()
    }

    /// Each of the app's processes (by command name) with its PSS in KiB.
    pub fn pss_by_process(&self) -> Vec<(String, u64)> {
        self.app_processes()
            .iter()
            .filter_map(|pid| {
                let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
                let line = rollup.lines().find(|l| l.starts_with("Pss:"))?;
                let kib = line.split_whitespace().nth(1)?.parse::<u64>().ok()?;
                let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
                Some((name.trim().to_string(), kib))
            })
            .collect()
    }

    /// Sets the app's settings file before a `launch` (for example, autosave off).
    pub fn write_settings(tmp: &Path, json: serde_json::Value) {
        let dir = tmp.join("config");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("settings.json"), json.to_string()).unwrap();
    }

    /// Where the app's trash keeps the files moved to it (XDG_DATA_HOME is the test's).
    pub fn trash_files(&self) -> PathBuf {
        self._tmp.path().join("xdg-data/Trash/files")
    }

    pub fn post_path(&self, rel: &str) -> PathBuf {
        self.posts.join(rel)
    }

    /// Saves a PNG of the window under e2e-artifacts/, for looking at a failure or the UI.
    pub async fn screenshot(&self, name: &str) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e-artifacts");
        let _ = std::fs::create_dir_all(&dir);
        let file: String = name.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
        if let Ok(Ok(png)) = tokio::time::timeout(Duration::from_secs(5), self.client.screenshot()).await {
            let _ = std::fs::write(dir.join(format!("{file}.png")), png);
        }
    }
}

/// Runs `script` in the page and returns its value (a script error fails the test).
pub async fn js(app: &AppSession, script: &str) -> serde_json::Value {
    app.client.execute(script, vec![]).await.unwrap()
}

/// Clicks the element `css` names by script once it exists and is enabled: a control redrawn
/// between finding and clicking it, or one hidden behind the pane it lives in, still gets the
/// click a writer would give it.
pub async fn click(app: &AppSession, css: &str) {
    let script =
        format!("const el = document.querySelector({css:?}); if (!el || el.disabled) return false; el.click(); return true;");
    app.eventually(&format!("{css} can be clicked"), || async {
        (js(app, &script).await == serde_json::Value::Bool(true)).then_some(())
    })
    .await;
}
