// What a failed command threw, as the `AppError` the backend sends ({kind, message, path}), free
// of IPC so modules that are handed their commands (post-session.ts) read failures the same way
// without importing the module that calls `invoke`.
import type { AppError } from "./bindings/AppError";

export function isAppError(e: unknown): e is AppError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

/** Any thrown value as an AppError, so the UI always has a message to show. */
export function asAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  return { kind: "io", message: String(e), path: null };
}
