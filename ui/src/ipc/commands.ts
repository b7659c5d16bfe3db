// The one module that calls Tauri's `invoke`. Every command the backend offers has a typed
// wrapper here, and failures arrive as `AppError` ({kind, message, path}) so callers can branch
// on `kind` (a conflict is not an I/O error).
import { invoke } from "@tauri-apps/api/core";
import type { AppError } from "./bindings/AppError";
import type { Library } from "./bindings/Library";
import type { PostDocument } from "./bindings/PostDocument";
import type { BodyUpdate } from "./bindings/BodyUpdate";
import type { PreviewReply } from "./bindings/PreviewReply";
import type { SaveRequest } from "./bindings/SaveRequest";
import type { ExternalChange } from "./bindings/ExternalChange";
import type { JournalEntry } from "./bindings/JournalEntry";
import type { Settings } from "./bindings/Settings";
import type { SettingsPatch } from "./bindings/SettingsPatch";
import type { Schema } from "./bindings/Schema";

export function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

/** Any thrown value as an AppError, so the UI always has a message to show. */
export function asAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  return { kind: "io", message: String(e), path: null };
}

export const openStartupFolder = () => invoke<Library>("open_startup_folder");
export const openFolder = (dir: string) => invoke<Library>("open_folder", { dir });
export const pickFolder = () => invoke<Library | null>("pick_folder");
export const openPost = (path: string) => invoke<PostDocument>("open_post", { path });
export const savePost = (request: SaveRequest) => invoke<PostDocument>("save_post", { request });
export const renderPreview = (path: string, frontMatter: Record<string, unknown>, body: BodyUpdate, base: number) =>
  invoke<PreviewReply>("render_preview", { path, frontMatter, body, base });
/** What a change on disk means for the buffer described by `request` (merge, overlap, gone). */
export const externalChange = (request: SaveRequest) => invoke<ExternalChange>("external_change", { request });
/** Writes the buffer back as a new file after its post was deleted on disk. */
export const recreatePost = (request: SaveRequest) => invoke<PostDocument>("recreate_post", { request });
export const journalWrite = (entry: JournalEntry) => invoke<void>("journal_write", { entry });
export const journalClear = (path: string) => invoke<void>("journal_clear", { path });
export const recoveryEntries = () => invoke<JournalEntry[]>("recovery_entries");
export const getSettings = () => invoke<Settings>("get_settings");
export const setAutosave = (on: boolean) => invoke<Settings>("set_autosave", { on });
/** The open folder's inferred schema: each key's type and presence, known tags and categories. */
export const getSchema = () => invoke<Schema>("get_schema");
/** Changes the settings the patch names (theme, font size, layout, the open post) for good. */
export const updateSettings = (patch: SettingsPatch) => invoke<Settings>("update_settings", { patch });
/** Keeps the window's current size for the next start. */
export const rememberWindowSize = () => invoke<void>("remember_window_size");
