// Where a keystroke's preview time goes, stage by stage (README "Performance", issue 15). Off
// unless something sets `window.postdeskPreviewProfile` to an array (the end-to-end measure
// does, by script); off, each hook is one property check. Each sample is one render request:
// the times (performance.now(), ms) at which its keystroke's key event was created, the
// editor's change was noted, the update was taken, the IPC call left and its reply arrived, and
// the frame's patch started and ended. `version` is the body version the backend answered,
// which keys the sample to the backend's own timing line (POSTDESK_PROFILE, ipc::render_preview).
export interface PreviewStageSample {
  key: number;
  noted: number;
  taken: number;
  sent: number;
  replied: number;
  applyStart: number;
  applyEnd: number;
  /** performance.timeOrigin + sent / replied: wall-clock ms, to meet the backend's µs. */
  sentWall: number;
  repliedWall: number;
  kind: "full" | "edits";
  edits: number;
  version: number;
  /** The keystroke's synchronous work after the request left (the rest of main.ts's onChange). */
  afterSend: number;
}

declare global {
  interface Window {
    postdeskPreviewProfile?: PreviewStageSample[];
  }
}

let lastKey = 0;
let lastNoted = 0;
let current: PreviewStageSample | null = null;

export function profiling(): boolean {
  return typeof window !== "undefined" && Array.isArray(window.postdeskPreviewProfile);
}

/** A key event reached the editor (its creation time). */
export function keyEvent(timeStamp: number): void {
  if (profiling()) lastKey = timeStamp;
}

/** The editor reported a change. */
export function noted(): void {
  if (profiling()) lastNoted = performance.now();
}

/** The update for the next request was taken (body-sync). */
export function taken(kind: "full" | "edits", edits: number): void {
  if (!profiling()) return;
  current = {
    key: lastKey,
    noted: lastNoted,
    taken: performance.now(),
    sent: 0,
    replied: 0,
    applyStart: 0,
    applyEnd: 0,
    sentWall: 0,
    repliedWall: 0,
    kind,
    edits,
    version: -1,
    afterSend: 0,
  };
}

export function sent(): void {
  if (!current) return;
  current.sent = performance.now();
  current.sentWall = performance.timeOrigin + current.sent;
}

export function replied(version: number): void {
  if (!current) return;
  current.replied = performance.now();
  current.repliedWall = performance.timeOrigin + current.replied;
  current.version = version;
}

/** The editor's change handler returned (the keystroke's synchronous work is done). */
export function changeHandled(): void {
  if (current && current.afterSend === 0 && current.sent > 0 && current.replied === 0) {
    current.afterSend = performance.now() - current.sent;
  }
}

export function applyStarted(): void {
  if (current) current.applyStart = performance.now();
}

export function applyEnded(): void {
  if (!current) return;
  current.applyEnd = performance.now();
  window.postdeskPreviewProfile?.push(current); // profiling() held when `current` was made
  if ((window.postdeskPreviewProfile?.length ?? 0) > 500) window.postdeskPreviewProfile?.shift();
  current = null;
}
