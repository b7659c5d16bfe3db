//! Postdesk: a desktop editor for a folder of Markdown posts with front matter.
//!
//! Three layers (DESIGN.md): `content` is pure, `workspace` does the I/O, `ipc` is the thin
//! Tauri front door. `cli` is the second front door onto the same code, with no GTK.

pub mod cli;
pub mod content;
pub mod ipc;
pub mod workspace;

/// Starts the window on a folder, and maybe one post in it.
pub fn run_app(target: workspace::launch::LaunchTarget) {
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
