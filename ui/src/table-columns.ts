// The table's Columns… popover: which of the collection's fields show as columns, in what order,
// and the way back to the usual ones. It owns the "Columns…" button and the popover's DOM (the
// shown columns in order, each with a tick and ↑/↓, then the others the collection offers, then
// Reset), opening and closing it (the button, Escape, a click elsewhere), and keeping the focus
// on the control the writer used while the list redraws. Every change applies at once: what it
// does to the grid is the view's (table-view.ts), and remembering it is table-model.ts's
// (saveColumns, which the view calls).
import { el } from "./form/dom";
import type { Schema } from "./ipc/bindings/Schema";
import { availableColumns, columnSpecs } from "./table-model";

/** What the popover asks of the table view. */
export interface ColumnsHost {
  /** The shown column keys, in order. */
  keys(): string[];
  /** The collection's schema (what it offers, and the columns' labels); null before one. */
  schema(): Schema | null;
  /** Show these columns, in this order (the view rebuilds, saves, tells the app, and calls
   *  `redraw`). */
  setKeys(keys: string[]): void;
  /** Back to the usual columns and widths. */
  reset(): void;
}

export class ColumnChooser {
  /** The "Columns…" button (`table-columns`). */
  readonly button: HTMLButtonElement;
  /** The popover (`table-columns-popover`), the button's sibling. */
  readonly popover: HTMLElement;

  constructor(private readonly host: ColumnsHost) {
    this.button = el("button", { class: "quiet table-columns-button", type: "button", "data-testid": "table-columns", "aria-haspopup": "dialog", "aria-expanded": "false" });
    this.button.textContent = "Columns…";
    this.popover = el("div", { class: "table-columns-pop", "data-testid": "table-columns-popover", role: "dialog", "aria-label": "Columns" });
    this.popover.hidden = true;
    this.button.addEventListener("click", () => this.toggle());
    this.popover.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        this.toggle(false);
        this.button.focus();
      }
    });
  }

  /** Whether the popover shows. */
  isOpen(): boolean {
    return !this.popover.hidden;
  }

  /** Opens (drawn afresh, its first tick focused) or closes the popover. */
  toggle(open = this.popover.hidden): void {
    this.popover.hidden = !open;
    this.button.setAttribute("aria-expanded", String(open));
    if (open) {
      this.draw();
      this.popover.querySelector<HTMLElement>("input")?.focus();
    }
  }

  /** The columns changed: an open popover shows them. */
  redraw(): void {
    if (!this.popover.hidden) this.draw();
  }

  /** A pointer press on the page (the view listens on the document): one outside the popover
   *  and its button closes it. */
  pointerDown(target: Node): void {
    if (!this.popover.hidden && !this.popover.contains(target) && !this.button.contains(target)) this.toggle(false);
  }

  /** The shown columns in order (each with a tick and up/down), then the others the collection
   *  offers, then Reset. */
  private draw(): void {
    const schema = this.host.schema();
    const shown = this.host.keys();
    const offered = schema ? availableColumns(schema) : shown;
    const others = offered.filter((k) => !shown.includes(k));
    const list = el("ul", { class: "table-columns-list" });
    const labelOf = (key: string) => columnSpecs([key], this.host.schema())[0].label;
    const item = (key: string, on: boolean, at: number) => {
      const li = el("li", { class: "table-column-option", "data-testid": "table-column-option", "data-key": key });
      const label = el("label", { class: "table-column-label" });
      const box = el("input", { type: "checkbox", "data-testid": "table-column-toggle", "data-key": key });
      box.checked = on;
      // The table needs one column; the last one cannot be taken away.
      box.disabled = on && shown.length === 1;
      box.addEventListener("change", () => {
        const next = box.checked ? [...this.host.keys(), key] : this.host.keys().filter((k) => k !== key);
        this.host.setKeys(next);
        this.popover.querySelector<HTMLElement>(`input[data-key="${CSS.escape(key)}"]`)?.focus();
      });
      const name = el("span");
      name.textContent = labelOf(key);
      label.append(box, name);
      li.append(label);
      if (on) {
        const move = (by: number, text: string, testid: string) => {
          const b = el("button", { class: "table-column-move", type: "button", "data-testid": testid, "data-key": key, "aria-label": `Move ${labelOf(key)} ${by < 0 ? "left" : "right"}` });
          b.textContent = text;
          b.disabled = at + by < 0 || at + by >= shown.length;
          b.addEventListener("click", () => {
            const next = this.host.keys();
            next.splice(at, 1);
            next.splice(at + by, 0, key);
            this.host.setKeys(next);
            const again = this.popover.querySelector<HTMLButtonElement>(`[data-testid=${testid}][data-key="${CSS.escape(key)}"]`);
            (again && !again.disabled ? again : this.popover.querySelector<HTMLElement>(`input[data-key="${CSS.escape(key)}"]`))?.focus();
          });
          return b;
        };
        li.append(move(-1, "↑", "table-column-up"), move(1, "↓", "table-column-down"));
      }
      return li;
    };
    list.append(...shown.map((k, i) => item(k, true, i)), ...others.map((k) => item(k, false, -1)));
    const reset = el("button", { class: "link", type: "button", "data-testid": "table-columns-reset" });
    reset.textContent = "Reset to the usual columns";
    reset.addEventListener("click", () => this.host.reset());
    this.popover.replaceChildren(list, el("div", { class: "table-columns-foot" }));
    this.popover.lastElementChild!.append(reset);
  }
}
