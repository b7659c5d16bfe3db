// The three panes on the page: applies the layout model (layout.ts) to the grid, wires the drag
// handles (pointer, and arrow keys on the focused handle) and the status bar's toggles, and
// reports every change for saving. Built by the first script (main.ts), so the saved layout
// applies before the list paints; the desk subscribes to changes once it loads.
import { fitWidths, gridColumns, handles, isShown, resizePane, togglePane, type PaneId, type PaneLayout, LIMITS } from "./layout";

const KEY_STEP = 16;

export class Panes {
  private layout: PaneLayout;
  private onChange: (layout: PaneLayout) => void = () => undefined;

  constructor(
    private readonly app: HTMLElement,
    initial: PaneLayout,
  ) {
    this.layout = initial;
    for (const handle of this.handles()) this.wireHandle(handle);
    for (const button of document.querySelectorAll<HTMLButtonElement>(".pane-toggle")) {
      button.addEventListener("click", () => this.toggle(button.dataset.pane as PaneId));
    }
    window.addEventListener("resize", () => this.render());
    this.render();
  }

  /** Where the writer's changes go (the desk saves them in the settings). */
  listen(onChange: (layout: PaneLayout) => void): void {
    this.onChange = onChange;
  }

  get current(): PaneLayout {
    return this.layout;
  }

  set(layout: PaneLayout): void {
    this.layout = layout;
    this.render();
  }

  toggle(pane: PaneId): void {
    const next = togglePane(this.layout, pane);
    if (next === this.layout) return;
    this.commit(next);
  }

  isShown(pane: PaneId): boolean {
    return isShown(this.layout, pane);
  }

  private handles(): HTMLElement[] {
    return [...this.app.querySelectorAll<HTMLElement>(".splitter")];
  }

  private commit(layout: PaneLayout): void {
    this.layout = layout;
    this.render();
    this.onChange(layout);
  }

  private render(): void {
    const total = this.app.clientWidth || window.innerWidth;
    const panes: Record<PaneId, HTMLElement | null> = {
      library: document.getElementById("pane-library"),
      editor: document.getElementById("pane-editor"),
      preview: document.getElementById("pane-preview"),
    };
    for (const [pane, el] of Object.entries(panes) as Array<[PaneId, HTMLElement | null]>) {
      if (el) el.hidden = !isShown(this.layout, pane);
    }
    const shown = handles(this.layout);
    const widths = fitWidths(this.layout, total);
    for (const handle of this.handles()) {
      const pane = handle.dataset.resizes as "library" | "preview";
      handle.hidden = !shown[pane];
      const width = pane === "library" ? widths.library : widths.preview;
      handle.setAttribute("aria-valuenow", String(width));
      handle.setAttribute("aria-valuemin", String(pane === "library" ? LIMITS.library.min : LIMITS.preview.min));
      handle.setAttribute("aria-valuetext", `${width} pixels`);
    }
    this.app.style.gridTemplateColumns = gridColumns(this.layout, total);
    for (const button of document.querySelectorAll<HTMLButtonElement>(".pane-toggle")) {
      const pane = button.dataset.pane as PaneId;
      button.setAttribute("aria-pressed", String(isShown(this.layout, pane)));
      button.title = `${isShown(this.layout, pane) ? "Hide" : "Show"} the ${pane}`;
    }
  }

  private resizeTo(pane: "library" | "preview", width: number): PaneLayout {
    return resizePane(this.layout, pane, width, this.app.clientWidth || window.innerWidth);
  }

  private wireHandle(handle: HTMLElement): void {
    const pane = handle.dataset.resizes as "library" | "preview";
    handle.addEventListener("pointerdown", (event) => {
      if (event.button !== 0) return;
      event.preventDefault();
      handle.setPointerCapture(event.pointerId);
      handle.classList.add("dragging");
      document.body.classList.add("resizing");
      const startX = event.clientX;
      const startWidth = fitWidths(this.layout, this.app.clientWidth)[pane];
      const move = (e: PointerEvent) => {
        const dx = e.clientX - startX;
        this.layout = this.resizeTo(pane, pane === "library" ? startWidth + dx : startWidth - dx);
        this.render();
      };
      const up = () => {
        handle.removeEventListener("pointermove", move);
        handle.classList.remove("dragging");
        document.body.classList.remove("resizing");
        this.commit(this.layout);
      };
      handle.addEventListener("pointermove", move);
      handle.addEventListener("pointerup", up, { once: true });
      handle.addEventListener("pointercancel", up, { once: true });
    });
    handle.addEventListener("keydown", (event) => {
      const width = fitWidths(this.layout, this.app.clientWidth)[pane];
      // Arrows move the handle: right widens the library and narrows the preview.
      const sign = pane === "library" ? 1 : -1;
      let next: number | null = null;
      if (event.key === "ArrowRight") next = width + sign * KEY_STEP;
      else if (event.key === "ArrowLeft") next = width - sign * KEY_STEP;
      else if (event.key === "Home") next = 0;
      else if (event.key === "End") next = 10_000;
      if (next === null) return;
      event.preventDefault();
      this.commit(this.resizeTo(pane, next));
    });
  }
}
