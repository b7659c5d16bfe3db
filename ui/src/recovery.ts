// Where a buffer left in the recovery journal goes back, free of the DOM and of I/O
// (post-session.ts asks the backend and applies the plan).
//
// An entry is the writer's changes on top of the text the buffer was opened from. If the file
// still holds that text, the changes go back on the file as it is. If it changed after the crash
// (another editor, an agent, a `git pull`), pasting the changes over the new text would make the
// next save, or autosave two seconds later, erase that edit. So the buffer goes back onto its own
// base instead, and is reconciled like a dirty buffer meeting any outside change: merged 3-way,
// or shown in the conflict banner. Until then every save is refused, because the buffer's base
// is not what the file holds (store::save compares the hashes).
import type { JournalEntry } from "./ipc/bindings/JournalEntry";
import type { PostDocument } from "./ipc/bindings/PostDocument";

export interface RestorePlan {
  /** The document the restored buffer is based on; the entry's changes go on top of it. */
  doc: PostDocument;
  /** The file changed since the entry was written: reconcile before anything is saved. */
  reconcile: boolean;
}

/** Whether restoring `entry` needs its base text: only when `disk` (the post as opened now) no
 *  longer holds it. */
export function needsBase(entry: JournalEntry, disk: PostDocument): boolean {
  return disk.baseHash !== entry.baseHash;
}

/** Where `entry`'s changes go: on `disk` when it still holds their base, else on `base` (the
 *  post as the journal's base text reads, from `recovery_base`). Without a base text (an entry
 *  from an older version), on the disk's text under the entry's base hash: saves are still
 *  refused, and the merge, knowing no base, calls every change an overlap, so the writer gets
 *  the conflict banner and its compare view, never an overwrite. */
export function restorePlan(entry: JournalEntry, disk: PostDocument, base: PostDocument | null): RestorePlan {
  if (!needsBase(entry, disk)) return { doc: disk, reconcile: false };
  if (base && base.baseHash === entry.baseHash && base.path === entry.path) return { doc: base, reconcile: true };
  return { doc: { ...disk, baseHash: entry.baseHash }, reconcile: true };
}
