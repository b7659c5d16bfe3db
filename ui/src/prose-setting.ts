// The "Check spelling and grammar as you type" preference (on unless turned off). It lives in
// localStorage under `postdesk.proseLint`, not in the backend's settings file: the Rust
// `Settings` has no field for it, and it is a preference of this window's editor only. It owns
// the value and who hears of its changes; it never asks for lints itself (prose-lint.ts does).
const KEY = "postdesk.proseLint";

let cached: boolean | null = null;
const listeners = new Set<(on: boolean) => void>();

function read(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) !== "off";
  } catch {
    return true; // Storage refused (a locked-down profile): the default.
  }
}

/** Whether the editor checks spelling and grammar as the writer types. */
export function proseLintEnabled(): boolean {
  if (cached === null) cached = read();
  return cached;
}

/** Turns the checking on or off, remembers it, and tells the listeners. */
export function setProseLintEnabled(on: boolean): void {
  const changed = proseLintEnabled() !== on;
  cached = on;
  try {
    globalThis.localStorage?.setItem(KEY, on ? "on" : "off");
  } catch {
    // Kept for this session only.
  }
  if (changed) for (const listener of listeners) listener(on);
}

/** Calls `listener` on each change; the returned function stops it. */
export function onProseLintChange(listener: (on: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forgets the cached value (tests). */
export function resetProseLintSetting(): void {
  cached = null;
  listeners.clear();
}
