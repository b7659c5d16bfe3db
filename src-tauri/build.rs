/// Every command the UI may call. Listing them makes each one a permission of its own, so the
/// window's capability grants exactly these and nothing else (least privilege).
const COMMANDS: &[&str] = &[
    "open_startup_folder",
    "open_folder",
    "pick_folder",
    "open_post",
    "save_post",
    "external_change",
    "recreate_post",
    "journal_write",
    "journal_clear",
    "recovery_entries",
    "recovery_base",
    "get_schema",
    "check_post",
    "fix_post",
    "undo_fix",
    "pick_export_folder",
    "export_folder",
    "check_front_matter",
    "get_settings",
    "set_autosave",
    "update_settings",
    "remember_window_size",
    "render_preview",
    "new_post",
    "rename_post",
    "duplicate_post",
    "new_translation",
    "components_for",
    "trash_post",
    "import_image",
    "git_compare",
    "git_line_changes",
    "git_history",
    "git_version",
    "commit_plan",
    "git_commit",
    "git_push",
    "git_pull",
    "conflict_view",
    "resolve_conflicts",
    "prose_lints",
    "add_to_dictionary",
    "bulk_edit",
    "bulk_cancel",
    "bulk_undo",
    "bulk_fix",
    "table_rows",
];

#[cfg(not(feature = "gui"))]
fn main() {
    // The command line alone: no window, so no Tauri context, capabilities or permissions.
    let _ = COMMANDS;
}

#[cfg(feature = "gui")]
fn main() {
    // Capabilities live in src-tauri/capabilities; tauri-build looks in ./capabilities next to
    // Cargo.toml unless told, and does not notice edits there without the rerun line below.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
