// Keeps the backend's copy of the body in step with the editor by sending edits, not the text.
//
// On a megabyte post, sending the whole body with every keystroke costs tens of milliseconds in
// IPC alone; the edits are a few bytes. The backend acknowledges each update with a version,
// and edits are always relative to the last acknowledged one. Whenever the two could have lost
// step (a new post, a stale reply, a failed call) the next update is the whole text again.
import { ChangeSet } from "@codemirror/state";
import type { BodyUpdate } from "./ipc/bindings/BodyUpdate";
import type { TextEdit } from "./ipc/bindings/TextEdit";
import * as profile from "./preview-profile";

export class BodySync {
  private pending: ChangeSet | null = null;
  private needFull = true;
  private version = 0;

  /** The editor holds a new document: the next update sends it whole. */
  reset(): void {
    this.needFull = true;
    this.pending = null;
  }

  /** Records an editor change, to send with the next update. */
  note(changes: ChangeSet): void {
    profile.noted();
    if (this.needFull) return;
    this.pending = this.pending ? this.pending.compose(changes) : changes;
  }

  /** The update to send now. `text` is read only when the whole body must go. */
  take(text: () => string): BodyUpdate {
    if (this.needFull) {
      this.needFull = false;
      this.pending = null;
      profile.taken("full", 0);
      return { kind: "full", text: text() };
    }
    const edits: TextEdit[] = [];
    this.pending?.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
      edits.push({ from: fromA, to: toA, insert: inserted.toString() });
    });
    this.pending = null;
    profile.taken("edits", edits.length);
    return { kind: "edits", version: this.version, edits };
  }

  /** The backend's answer: its new version, or null when it could not apply the update. */
  acknowledge(version: number | null): void {
    if (version === null) this.reset();
    else this.version = version;
  }
}
