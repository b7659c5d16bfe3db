// The one module that calls Tauri's `listen`: backend events, typed.
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { LibraryDelta } from "./bindings/LibraryDelta";
import type { GitProgress } from "./bindings/Git";
import type { BulkProgress } from "./bindings/Bulk";

export function onLibraryChanged(handler: (delta: LibraryDelta) => void): Promise<UnlistenFn> {
  return listen<LibraryDelta>("library-changed", (event) => handler(event.payload));
}

/** A link to another post was clicked in the preview; the payload is its folder-relative path. */
export function onOpenPostLink(handler: (path: string) => void): Promise<UnlistenFn> {
  return listen<string>("open-post-link", (event) => handler(event.payload));
}

/** A push or pull's progress (phase and percent), while `git_push` or `git_pull` runs. */
export function onGitProgress(handler: (progress: GitProgress) => void): Promise<UnlistenFn> {
  return listen<GitProgress>("git-progress", (event) => handler(event.payload));
}

/** A bulk edit's progress (files done of the batch), while `bulk_edit` or `bulk_fix` runs. */
export function onBulkProgress(handler: (progress: BulkProgress) => void): Promise<UnlistenFn> {
  return listen<BulkProgress>("bulk-progress", (event) => handler(event.payload));
}
