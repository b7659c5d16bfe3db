// The three panes (library, editor, preview): which are shown, how wide the side ones are, and
// the grid that lays them out with a drag handle between neighbours. Pure: sizes in CSS pixels
// in, a grid template and clamped widths out; pane-layout-view.ts applies it to the page.

export type PaneId = "library" | "editor" | "preview";

/** Mirrors the Rust `PaneLayout` saved in the settings (ipc/bindings/PaneLayout.ts). */
export type PaneLayout = {
  showLibrary: boolean;
  showEditor: boolean;
  showPreview: boolean;
  libraryWidth: number;
  previewWidth: number;
};

export const DEFAULT_LAYOUT: PaneLayout = {
  showLibrary: true,
  showEditor: true,
  showPreview: true,
  libraryWidth: 272,
  previewWidth: 520,
};

export const LIMITS = {
  library: { min: 200, max: 520 },
  preview: { min: 280 },
  /** The flexible middle pane never gets narrower than this while a side pane can give way. */
  flexMin: 340,
  handle: 6,
};

const SHOW: Record<PaneId, keyof PaneLayout> = { library: "showLibrary", editor: "showEditor", preview: "showPreview" };

export function isShown(layout: PaneLayout, pane: PaneId): boolean {
  return layout[SHOW[pane]] as boolean;
}

/** Shows or hides a pane; the last visible pane stays (there would be nothing to work in). */
export function togglePane(layout: PaneLayout, pane: PaneId): PaneLayout {
  const next = { ...layout, [SHOW[pane]]: !isShown(layout, pane) };
  if (!next.showLibrary && !next.showEditor && !next.showPreview) return layout;
  return next;
}

/** The pane that takes the leftover width: the editor, else the preview, else the library. */
export function flexPane(layout: PaneLayout): PaneId {
  return layout.showEditor ? "editor" : layout.showPreview ? "preview" : "library";
}

/** Which handles show: the first resizes the library, the second the preview. */
export function handles(layout: PaneLayout): { library: boolean; preview: boolean } {
  const flex = flexPane(layout);
  return {
    library: layout.showLibrary && flex !== "library",
    preview: layout.showPreview && layout.showEditor,
  };
}

/** Widths that fit `total` pixels: side panes within their limits and leaving the flexible
 *  pane its minimum (the preview gives way first, then the library). */
export function fitWidths(layout: PaneLayout, total: number): { library: number; preview: number } {
  const flex = flexPane(layout);
  let library = clamp(layout.libraryWidth, LIMITS.library.min, LIMITS.library.max);
  let preview = Math.max(LIMITS.preview.min, layout.previewWidth);
  const h = handles(layout);
  const fixed = (h.library ? LIMITS.handle : 0) + (h.preview ? LIMITS.handle : 0);
  const room = total - fixed - LIMITS.flexMin;
  const usesLibrary = layout.showLibrary && flex !== "library";
  const usesPreview = layout.showPreview && flex !== "preview";
  if (usesPreview) preview = Math.max(LIMITS.preview.min, Math.min(preview, room - (usesLibrary ? library : 0)));
  if (usesLibrary) library = Math.max(LIMITS.library.min, Math.min(library, room - (usesPreview ? preview : 0)));
  return { library: Math.round(library), preview: Math.round(preview) };
}

/** `grid-template-columns` for the visible panes and handles, in document order
 *  (library, handle, editor, handle, preview); hidden ones are `display: none`. */
export function gridColumns(layout: PaneLayout, total: number): string {
  const { library, preview } = fitWidths(layout, total);
  const flex = flexPane(layout);
  const h = handles(layout);
  const cols: string[] = [];
  const track = (pane: PaneId, width: number) => (flex === pane ? "minmax(0, 1fr)" : `${width}px`);
  if (layout.showLibrary) cols.push(track("library", library));
  if (h.library) cols.push(`${LIMITS.handle}px`);
  if (layout.showEditor) cols.push(track("editor", 0));
  if (h.preview) cols.push(`${LIMITS.handle}px`);
  if (layout.showPreview) cols.push(track("preview", preview));
  return cols.join(" ");
}

/** A handle dragged or arrowed: the pane's new width, within its limits for `total`. */
export function resizePane(layout: PaneLayout, pane: "library" | "preview", width: number, total: number): PaneLayout {
  const next = pane === "library" ? { ...layout, libraryWidth: Math.round(width) } : { ...layout, previewWidth: Math.round(width) };
  const fitted = fitWidths(next, total);
  return { ...next, libraryWidth: fitted.library, previewWidth: fitted.preview };
}

/** A saved layout from an older or hand-edited settings file, made sane. */
export function sanitizeLayout(saved: Partial<PaneLayout> | null | undefined): PaneLayout {
  const layout = { ...DEFAULT_LAYOUT, ...(saved ?? {}) };
  if (!layout.showLibrary && !layout.showEditor && !layout.showPreview) layout.showEditor = true;
  for (const key of ["libraryWidth", "previewWidth"] as const) {
    if (!Number.isFinite(layout[key]) || layout[key] <= 0) layout[key] = DEFAULT_LAYOUT[key];
  }
  return layout;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
