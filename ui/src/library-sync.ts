// Keeping the UI's picture of the folder in step with the backend, free of the DOM.
//
// The backend numbers its deltas. The folder snapshot (from open_folder) says which delta it
// already includes, but events and the command's reply travel separately and may arrive in
// either order; `DeltaGate` holds early deltas until the snapshot is in, then lets through each
// later delta exactly once. `fateOf` says what one delta means for the open post.
import type { LibraryDelta } from "./ipc/bindings/LibraryDelta";

export class DeltaGate {
  private seq: number | null = null;
  private early: LibraryDelta[] = [];

  /** A folder is about to open: forget the old one's numbering. */
  reset(): void {
    this.seq = null;
    this.early = [];
  }

  /** The snapshot arrived; returns the held deltas it does not include, in order. */
  snapshot(seq: number): LibraryDelta[] {
    const later = this.early.filter((d) => d.seq > seq).sort((a, b) => a.seq - b.seq);
    this.early = [];
    this.seq = Math.max(seq, ...later.map((d) => d.seq));
    return later;
  }

  /** True when `delta` should be applied now; early ones are held for `snapshot`. */
  accept(delta: LibraryDelta): boolean {
    if (this.seq === null) {
      this.early.push(delta);
      return false;
    }
    if (delta.seq <= this.seq) return false;
    this.seq = delta.seq;
    return true;
  }
}

export interface OpenPostFate {
  /** The post was renamed: its new path. */
  movedTo: string | null;
  /** The post is gone from disk (not renamed). */
  deleted: boolean;
  /** Someone else changed its content: reload or merge. */
  changed: boolean;
}

export function fateOf(delta: LibraryDelta, openPath: string): OpenPostFate {
  const rename = delta.renamed.find((r) => r.from === openPath);
  const movedTo = rename ? rename.to : null;
  const current = movedTo ?? openPath;
  return {
    movedTo,
    deleted: !rename && delta.removed.includes(openPath),
    changed: delta.external.includes(current),
  };
}
