// The files the folder's scan found and left alone (a link out of the site, a FIFO or device
// with a post's name, a link to a folder outside), as the UI keeps them, free of the DOM.
//
// The backend sends the whole list with the folder snapshot, and again in a delta only when
// the list changed (the scan's walk finishes after the snapshot), so a delta without one means
// "as before", never "none". The reasons are the backend's words; this module only orders
// them and says how many there are. The writer is told calmly: nothing was lost, these files
// were simply never read or written.
import type { LibraryDelta } from "./ipc/bindings/LibraryDelta";
import type { SkippedFile } from "./ipc/bindings/SkippedFile";

export class SkippedFiles {
  private files: SkippedFile[] = [];

  /** A folder opened: its snapshot's list replaces whatever the last folder had. */
  snapshot(list: readonly SkippedFile[]): void {
    this.files = tidy(list);
  }

  /** Takes a delta's list if it carries one; true when what the writer sees changed. */
  apply(delta: Pick<LibraryDelta, "skipped">): boolean {
    if (delta.skipped === undefined) return false;
    const next = tidy(delta.skipped);
    if (same(next, this.files)) return false;
    this.files = next;
    return true;
  }

  list(): readonly SkippedFile[] {
    return this.files;
  }
}

/** By path, once each: the list reads like the library, and a path reported twice (a walk
 *  that met it by two routes) is one line. */
function tidy(list: readonly SkippedFile[]): SkippedFile[] {
  const byPath = new Map<string, SkippedFile>();
  for (const file of list) if (!byPath.has(file.path)) byPath.set(file.path, file);
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function same(a: readonly SkippedFile[], b: readonly SkippedFile[]): boolean {
  return a.length === b.length && a.every((f, i) => f.path === b[i].path && f.reason === b[i].reason);
}

/** The one quiet line under the library: "3 files skipped", or "" when there are none (the
 *  line is then hidden: a clean folder says nothing). */
export function skippedSummary(files: readonly SkippedFile[]): string {
  const n = files.length;
  if (n === 0) return "";
  return `${n.toLocaleString()} file${n === 1 ? "" : "s"} skipped`;
}

/** The list draws at most this many: a folder can hold thousands of links or FIFOs, and the
 *  line is there to say that something was left alone, not to be an inventory. */
export const SKIPPED_SHOWN = 200;

/** The last line of a list cut at SKIPPED_SHOWN, or null when it was not cut. */
export function skippedMore(total: number): string | null {
  const more = total - SKIPPED_SHOWN;
  if (more <= 0) return null;
  return `…and ${more.toLocaleString()} more (postdesk list names them all)`;
}

/** A reason as a sentence start: the backend writes them to follow a path and a colon. */
export function reasonText(reason: string): string {
  const text = reason.trim();
  return text ? text[0].toUpperCase() + text.slice(1) : "Skipped";
}
