// The first script: what the window needs to show the folder's posts, and nothing more. It
// applies the saved theme, font size and layout, listens for the folder's changes, asks for the
// start-up folder and paints the list; then it loads the rest of the app (app.ts: the editor,
// the form, the preview, the dialogs and the palette, most of the bundle's weight) and hands it
// what it built. A writer sees the posts about a hundred milliseconds sooner; a post clicked in
// the meantime opens as soon as the app is there.
import "./styles.css";
import "./desk.css";
import { getSettings, openStartupFolder } from "./ipc/commands";
import { onLibraryChanged } from "./ipc/events";
import type { LibraryDelta } from "./ipc/bindings/LibraryDelta";
import type { Settings } from "./ipc/bindings/Settings";
import type { Startup } from "./ipc/bindings/Startup";
import { DeltaGate } from "./library-sync";
import { LibraryPane } from "./library-pane";
import { afterPaint, metrics } from "./metrics";
import { ThemeControl } from "./theme";
import { Panes } from "./panes";
import { DEFAULT_LAYOUT, sanitizeLayout } from "./layout";

window.postdeskMetrics = metrics;
performance.mark("postdesk:main-start");

/** What the first script built and learned, for the app to take over. */
export interface Boot {
  pane: LibraryPane;
  gate: DeltaGate;
  theme: ThemeControl;
  panes: Panes;
  settings: Settings | null;
  /** The start-up folder and post, or why they could not be opened. */
  startup: { ok: Startup } | { error: unknown };
  /** Routes the folder's changes, in order, from now on (the app's own handler). */
  routeDeltas(handler: (delta: LibraryDelta) => void): void;
}

const theme = new ThemeControl();
const panes = new Panes(document.querySelector<HTMLElement>(".app")!, DEFAULT_LAYOUT);
const pane = new LibraryPane(document);
const gate = new DeltaGate();
let onDelta = (delta: LibraryDelta) => pane.apply(delta);

function applyAppearance(saved: Settings): void {
  theme.set(saved.theme);
  document.documentElement.style.setProperty("--editor-font-size", `${saved.fontSize}px`);
  panes.set(sanitizeLayout(saved.layout));
}

async function boot(): Promise<void> {
  // Listen before asking for the folder, so no delta is lost; the gate orders the two. The
  // settings load meanwhile: one round trip less before the first rows.
  const loading = getSettings().catch(() => null);
  await onLibraryChanged((delta) => {
    if (gate.accept(delta)) onDelta(delta);
  });
  performance.mark("postdesk:listening");
  const settings = await loading;
  if (settings) applyAppearance(settings);
  let startup: Boot["startup"];
  try {
    const opened = await openStartupFolder();
    pane.show(opened.library);
    for (const delta of gate.snapshot(opened.library.seq)) onDelta(delta);
    startup = { ok: opened };
  } catch (error) {
    startup = { error };
  }
  performance.mark("postdesk:folder-shown");
  // The rest loads once the first rows are on screen, so its parsing does not hold them back.
  // A big folder's first rows can come a little after its snapshot; a second at most is waited.
  if ("ok" in startup) await Promise.race([pane.firstRowsPainted, new Promise((r) => setTimeout(r, 1000))]);
  await afterPaint();
  performance.mark("postdesk:app-loading");
  const { startApp } = await import("./app");
  startApp({
    pane,
    gate,
    theme,
    panes,
    settings,
    startup,
    routeDeltas: (handler) => (onDelta = handler),
  });
}

void boot();
