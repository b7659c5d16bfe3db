//! Postdesk: a desktop editor for a folder of Markdown posts with front matter.
//!
//! Three layers (ARCHITECTURE.md): `content` is pure, `workspace` does the I/O, `ipc` is the thin
//! Tauri front door. `cli` is the second front door onto the same code, with no GTK.

pub mod cli;
pub mod content;
#[cfg(feature = "gui")]
pub mod ipc;
pub mod workspace;

/// WebKit's accelerated compositing (GL) costs 80–95 MiB of memory across the app's
/// processes (measured: 325–337 MiB PSS with it, 242–245 without, on the sample posts) and buys
/// nothing for a page of text without animations; every latency figure in the README was
/// taken without it. So Postdesk turns it off, before GTK starts, unless the writer asks
/// for it with `POSTDESK_COMPOSITING=on` or has set WebKit's own variable.
#[cfg(feature = "gui")]
fn choose_compositing() {
    let asked_for = std::env::var("POSTDESK_COMPOSITING").is_ok_and(|v| v == "on");
    if !asked_for && std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

/// Starts the window on a folder, and maybe one post in it.
#[cfg(feature = "gui")]
pub fn run_app(target: workspace::launch::LaunchTarget) {
    choose_compositing();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .manage(ipc::AppState::new(target))
        .register_uri_scheme_protocol(content::render::urls::ASSET_SCHEME, ipc::serve_asset)
        .invoke_handler(ipc::handlers())
        .setup(|app| {
            // The window is built here rather than from the config alone so that it gets the
            // navigation guard.
            let mut config =
                app.config().app.windows.first().cloned().ok_or("tauri.conf.json lists no window")?;
            ipc::restore_window_size(&mut config);
            let handle = app.handle().clone();
            tauri::WebviewWindowBuilder::from_config(app, &config)?
                .on_navigation(move |url| ipc::navigation(&handle, url.as_str()))
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("postdesk: the window could not start: {e}");
        std::process::exit(2);
    }
}
