// The one module that calls Tauri's `invoke`. Every command the backend offers has a typed
// wrapper here, and failures arrive as `AppError` ({kind, message, path}) so callers can branch
// on `kind` (a conflict is not an I/O error).
import { invoke } from "@tauri-apps/api/core";
import type { AppError } from "./bindings/AppError";
import type { Library } from "./bindings/Library";
import type { PostDocument } from "./bindings/PostDocument";
import type { PreviewPatch } from "./bindings/PreviewPatch";
import type { SaveRequest } from "./bindings/SaveRequest";

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
export const renderPreview = (path: string, frontMatter: Record<string, unknown>, body: string, base: number) =>
  invoke<PreviewPatch>("render_preview", { path, frontMatter, body, base });
