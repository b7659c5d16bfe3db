// Latency samples the app measures on itself, exposed as `window.postdeskMetrics` for the
// end-to-end tests and the benchmarks. Each list keeps the last 200 samples, in milliseconds.
const LIMIT = 200;

export interface PostdeskMetrics {
  /** From the editor's input to the preview patched and painted (the next frame). */
  inputToPreview: number[];
  /** From the editor's input to the preview's DOM patched, before the paint. */
  inputToPreviewDom: number[];
  /** The render command's round trip (send the text, render in Rust, receive the patch). */
  previewRoundTrip: number[];
  /** From the editor's input to the render request leaving (waiting for the one in flight). */
  previewQueued: number[];
  /** From a click on a post in the list to its preview painted. */
  openToPreview: number[];
  /** From a file's write (its mtime) to the list painted with the change. */
  externalChangeToUi: number[];
  /** From the table switched on to its first rows painted (values read from the index). */
  tableOpenToPaint: number[];
  /** One draw of the table's rows in view (the scripting part of a scroll frame). */
  tableRender: number[];
  /** Wall-clock ms when the list was first painted with posts in it, for start-up figures. */
  listPaintedAtMs: number | null;
  /** Wall-clock ms when the first scan finished and its last rows were painted. */
  indexedAtMs: number | null;
}

declare global {
  interface Window {
    postdeskMetrics: PostdeskMetrics;
  }
}

export const metrics: PostdeskMetrics = {
  inputToPreview: [],
  inputToPreviewDom: [],
  externalChangeToUi: [],
  openToPreview: [],
  previewRoundTrip: [],
  previewQueued: [],
  tableOpenToPaint: [],
  tableRender: [],
  listPaintedAtMs: null,
  indexedAtMs: null,
};

export function record(list: number[], ms: number): void {
  list.push(Math.round(ms * 100) / 100);
  if (list.length > LIMIT) list.splice(0, list.length - LIMIT);
}

/** Resolves after the next frame has been painted. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
