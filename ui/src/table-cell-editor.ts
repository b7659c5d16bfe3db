// The table's one-cell editor: the popover under a cell that edits one post's one field. Its
// input is the form's own (form/fields.ts's fieldRow builds it, form/model.ts reads and checks
// it), so a date, a select of declared options or a list of tags edits here exactly as it does
// in the desk. It owns the popover's DOM, its keys (Enter or Ctrl+Enter saves, Escape cancels),
// its error line, its busy state while a write is out, and where it sits: under its cell, kept
// inside what the table shows. Writing is the view's (table-view.ts marks the cell pending and
// sends it through the app's bulk_edit); the editor says what to write, and after a failed
// write it shows the backend's message and keeps the writer's value: an edit is never lost.
import { el, prefixIds } from "./form/dom";
import { fieldRow, type FieldHost } from "./form/fields";
import { fieldErrors, inputFor, parseList, valueOf, type FieldSpec, type InputValue } from "./form/model";
import type { DeclaredField } from "./ipc/bindings/DeclaredSchema";
import type { DateStyle, ValueCount } from "./ipc/bindings/Schema";
import type { ColumnKind } from "./table-model";

/** What the editor asks of the table view. */
export interface CellEditorHost {
  /** The folder's known tags / categories for chip suggestions. */
  known(which: "tags" | "categories"): ValueCount[];
  /** The folder's date style, which the date picker writes. */
  dateStyle(): DateStyle | null;
  /** Write this value to the cell. The view marks the editor busy (`setSaving`) while the
   *  write is out, then closes it, or reports a failure with `fail`. */
  save(value: unknown): Promise<void>;
  /** Close the editor without writing: Cancel, Escape, or Save with nothing changed. */
  close(): void;
}

/** The cell being edited. */
export interface CellEditorTarget {
  path: string;
  key: string;
  /** The column's label (the input's label, and the dialog's name). */
  label: string;
  /** The cell's kind (table-model.ts's cellKind); never "bool", which the view toggles in place. */
  kind: ColumnKind;
  /** The value as the post holds it; undefined when the post lacks the key. */
  original: unknown;
  declared?: DeclaredField;
}

/** Where the cell is, in the scroll content's coordinates (CSS pixels). */
export interface CellBox {
  /** The top of the row below the cell's: the editor opens under the cell. */
  top: number;
  left: number;
  width: number;
}

/** The inputs the editor focuses: the first one that takes text or a choice. */
const FIRST_INPUT = "input:not([type=checkbox]):not([type=date]):not([type=datetime-local]), textarea, select";
const CONTROLS = "button, input, textarea, select";

export class CellEditor {
  readonly path: string;
  readonly key: string;
  /** The popover (`.table-editor`): the view puts it in the scroller. */
  readonly el: HTMLElement;
  private readonly spec: FieldSpec;
  private readonly error: HTMLElement;
  private input: InputValue;
  /** The input as opened, to tell an untouched editor (closed by a click elsewhere) from one
   *  holding the writer's work (kept open until Save or Escape). */
  private readonly start: string;
  private savingNow = false;
  private closed = false;

  constructor(target: CellEditorTarget, private readonly host: CellEditorHost) {
    const { path, key, label, kind, original } = target;
    this.path = path;
    this.key = key;
    const spec: FieldSpec = { key, label, kind: kind as FieldSpec["kind"], original };
    if (target.declared) spec.declared = target.declared;
    const bare = key.split(".").pop();
    if (bare === "tags") spec.suggest = "tags";
    else if (bare === "categories" || bare === "category") spec.suggest = "categories";
    this.spec = spec;
    const start = inputFor(spec);
    this.input = start;
    this.start = JSON.stringify(start);

    const box = el("div", { class: "table-editor", "data-testid": "table-editor", role: "dialog", "aria-label": `Edit ${label}`, "data-key": key, "data-path": path });
    this.el = box;
    this.error = el("p", { class: "table-editor-error", "data-testid": "table-editor-error", role: "alert" });
    const fieldHost: FieldHost = {
      edited: (_key, value) => {
        this.input = value;
        this.error.hidden = true;
      },
      known: (which) => (which ? host.known(which) : []),
      dateStyle: () => host.dateStyle(),
      postPath: () => path,
      removable: () => false,
      remove: () => {},
    };
    const fieldEl = fieldRow(spec, start, fieldHost);
    prefixIds(fieldEl, "table-");
    this.error.hidden = true;
    const buttons = el("div", { class: "table-editor-buttons" });
    const hint = el("span", { class: "table-editor-hint" });
    hint.textContent = kind === "longtext" || kind === "list" ? "Ctrl+Enter to save" : "Enter to save";
    const cancel = el("button", { class: "quiet", type: "button", "data-testid": "table-editor-cancel" });
    cancel.textContent = "Cancel";
    const save = el("button", { class: "quiet primary", type: "button", "data-testid": "table-editor-save" });
    save.textContent = "Save";
    cancel.addEventListener("click", () => host.close());
    save.addEventListener("click", () => void this.commit());
    buttons.append(hint, cancel, save);
    box.append(fieldEl, this.error, buttons);
    box.addEventListener("keydown", (e) => this.onKeyFirst(e), true);
    box.addEventListener("keydown", (e) => this.onKeyAfter(e));
  }

  /** Whether a write of its value is out (its inputs are disabled meanwhile). */
  get saving(): boolean {
    return this.savingNow;
  }

  /** Focuses the first input, its text selected, as the editor opens. */
  focus(): void {
    const first = this.el.querySelector<HTMLElement>(FIRST_INPUT);
    first?.focus();
    if (first instanceof HTMLInputElement && first.type === "text") first.select();
  }

  /** Under its cell, in the scroll content's coordinates: it scrolls with the row, and placing
   *  it takes arithmetic, not a layout read. */
  place(cell: CellBox, scroller: HTMLElement): void {
    const minWidth = Math.max(280, Math.min(480, cell.width));
    this.el.style.top = `${cell.top}px`;
    this.el.style.minWidth = `${minWidth}px`;
    // A cell at the window's right edge opens its editor leftwards, inside what the table
    // shows, rather than past the edge (one layout read, only while an editor is open).
    const visibleRight = scroller.scrollLeft + scroller.clientWidth;
    const width = Math.max(minWidth, this.el.offsetWidth);
    const inside = visibleRight > 0 ? Math.min(cell.left, visibleRight - width - 8) : cell.left;
    this.el.style.left = `${Math.max(scroller.scrollLeft + 4, inside)}px`;
  }

  /** Whether a pointer press on `target` closes the editor: one outside it, on an editor the
   *  writer has not touched (one holding changes waits for Save or Escape) and is not saving. */
  dismissible(target: Node): boolean {
    return !this.savingNow && !this.el.contains(target) && JSON.stringify(this.input) === this.start;
  }

  /** Saves the editor's value through the host, unless it is what the cell holds. */
  async commit(): Promise<void> {
    if (this.closed || this.savingNow) return;
    const spec = this.spec;
    let input = this.input;
    if (spec.kind === "list") {
      // Text still in the chip entry is meant: "rust" then Ctrl+Enter saves rust too.
      const entry = this.el.querySelector<HTMLInputElement>(".chip-entry");
      const pending = entry ? parseList(entry.value) : [];
      const items = Array.isArray(input) ? input : [];
      input = [...items, ...pending.filter((p) => !items.includes(p))];
    }
    const problems = fieldErrors([spec], new Map([[spec.key, input]]));
    const value = problems.length === 0 ? valueOf(spec, input) : undefined;
    if (value === undefined) {
      this.showError(problems[0]?.message ?? "This value cannot be read.");
      return;
    }
    const unchanged = JSON.stringify(value) === JSON.stringify(spec.original) || (spec.original === undefined && (value === "" || value === null || (Array.isArray(value) && value.length === 0)));
    if (unchanged) {
      this.host.close();
      return;
    }
    await this.host.save(value);
  }

  /** Busy while its write is out: its inputs and buttons are disabled, and it shows as saving. */
  setSaving(on: boolean): void {
    this.savingNow = on;
    this.el.classList.toggle("saving", on);
    this.el.querySelectorAll<HTMLButtonElement | HTMLInputElement>(CONTROLS).forEach((c) => (c.disabled = on));
  }

  /** A failed write: the backend's message on the error line, and the input focused again with
   *  the writer's value still in it. */
  fail(message: string): void {
    this.showError(message);
    this.el.querySelector<HTMLElement>(FIRST_INPUT)?.focus();
  }

  /** Takes the editor off the page for good. Returns whether it held the focus (or nothing did:
   *  saving disables its inputs, which can drop focus to the page), so the view can give the
   *  focus back to the cell. */
  remove(): boolean {
    this.closed = true;
    const active = document.activeElement;
    const hadFocus = this.el.contains(active) || active === null || active === document.body;
    this.el.remove();
    return hadFocus;
  }

  private showError(message: string): void {
    this.error.textContent = message;
    this.error.hidden = false;
  }

  /** Keys the editor takes before its inputs do: Ctrl+Enter saves from anywhere (the chip
   *  entry would take a plain Enter for a chip), and Enter on an empty chip entry saves. */
  private onKeyFirst(event: KeyboardEvent): void {
    if (event.key !== "Enter" || event.isComposing) return;
    const t = event.target as HTMLElement;
    const mod = event.ctrlKey || event.metaKey;
    const emptyChipEntry = t instanceof HTMLInputElement && t.classList.contains("chip-entry") && t.value.trim() === "" && t.getAttribute("aria-activedescendant") === null;
    if (mod || emptyChipEntry) {
      event.preventDefault();
      event.stopPropagation();
      void this.commit();
    }
  }

  /** Keys the inputs left alone: Enter in a one-line input saves; Escape cancels. */
  private onKeyAfter(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return;
    const t = event.target as HTMLElement;
    if (event.key === "Escape") {
      // Taken here, so the app's own Escape (closing the table) waits for the next one.
      event.preventDefault();
      event.stopPropagation();
      this.host.close();
    } else if (event.key === "Enter" && (t instanceof HTMLSelectElement || (t instanceof HTMLInputElement && t.type !== "checkbox" && !t.classList.contains("chip-entry")))) {
      event.preventDefault();
      event.stopPropagation();
      void this.commit();
    }
  }
}

