// The palette dialog, shared by the command palette (Ctrl+Shift+P) and quick open (Ctrl+P):
// a text box over a list ranked by palette-model.ts. Keyboard first: arrows, Page and Enter,
// Escape to close; the input is a combobox pointing at the selected option, so screen readers
// follow the selection.
import { markRanges } from "./fuzzy";
import { moveSelection, rankItems, type PaletteItem, type Ranked } from "./palette-model";

export type PaletteSource = {
  /** Accessible name and placeholder of the input. */
  label: string;
  placeholder: string;
  empty: string;
  /** The list's `data-testid` while this source shows (`component-picker`); none by default. */
  testid?: string;
  items(): PaletteItem[];
  choose(item: PaletteItem): void | Promise<void>;
};

let uid = 0;

export class PaletteDialog {
  readonly dialog: HTMLDialogElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private readonly message: HTMLElement;
  private source: PaletteSource | null = null;
  private items: PaletteItem[] = [];
  private ranked: Ranked[] = [];
  private selected = -1;
  private returnFocus: HTMLElement | null = null;
  private readonly idBase = `palette-${++uid}`;

  constructor(private readonly onError: (e: unknown) => void) {
    this.dialog = document.createElement("dialog");
    this.dialog.className = "sheet palette";
    this.dialog.dataset.testid = "palette";
    this.input = document.createElement("input");
    this.input.className = "palette-input";
    this.input.type = "text";
    this.input.autocomplete = "off";
    this.input.spellcheck = false;
    this.input.dataset.testid = "palette-input";
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-expanded", "true");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-controls", `${this.idBase}-list`);
    this.list = document.createElement("ul");
    this.list.className = "palette-list";
    this.list.id = `${this.idBase}-list`;
    this.list.setAttribute("role", "listbox");
    this.message = document.createElement("div");
    this.message.className = "palette-empty";
    this.message.setAttribute("role", "status");
    this.dialog.append(this.input, this.list, this.message);
    document.body.append(this.dialog);

    this.input.addEventListener("input", () => this.refresh());
    this.input.addEventListener("keydown", (event) => this.onKey(event));
    this.list.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the input
    this.list.addEventListener("click", (event) => {
      const li = (event.target as HTMLElement).closest<HTMLElement>("[data-index]");
      if (li) void this.choose(Number(li.dataset.index));
    });
    this.dialog.addEventListener("close", () => {
      this.source = null;
      this.returnFocus?.focus();
      this.returnFocus = null;
    });
    // A click on the backdrop (outside the box) closes it.
    this.dialog.addEventListener("click", (event) => {
      if (event.target === this.dialog) this.dialog.close();
    });
  }

  isOpen(): boolean {
    return this.dialog.open;
  }

  open(source: PaletteSource, query = ""): void {
    if (!this.dialog.open) {
      this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      this.dialog.showModal();
    }
    this.source = source;
    this.dialog.dataset.mode = source.label;
    if (source.testid) this.list.dataset.testid = source.testid;
    else delete this.list.dataset.testid;
    this.input.hidden = false;
    this.list.hidden = false;
    this.message.className = "palette-empty";
    this.message.removeAttribute("tabindex");
    this.message.removeAttribute("aria-label");
    this.input.setAttribute("aria-label", source.label);
    this.input.placeholder = source.placeholder;
    this.input.value = query;
    this.items = source.items();
    this.refresh();
    this.input.focus();
  }

  /** Shows a block of text (the performance figures) in the same box. */
  showText(label: string, text: string): void {
    if (!this.dialog.open) {
      this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      this.dialog.showModal();
    }
    this.source = null;
    this.dialog.dataset.mode = label;
    this.input.hidden = true;
    this.list.hidden = true;
    this.message.className = "palette-perf";
    this.message.hidden = false;
    this.message.setAttribute("aria-label", label);
    this.message.tabIndex = 0;
    this.message.textContent = text;
    this.message.focus();
  }

  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  private refresh(): void {
    if (!this.source) return;
    this.ranked = rankItems(this.items, this.input.value);
    this.selected = this.ranked.findIndex((r) => !r.item.disabled);
    this.list.replaceChildren(
      ...this.ranked.map((r, index) => {
        const li = document.createElement("li");
        li.className = "palette-item";
        li.id = `${this.idBase}-${index}`;
        li.dataset.index = String(index);
        li.dataset.id = r.item.id;
        li.dataset.testid = "palette-item";
        li.setAttribute("role", "option");
        if (r.item.disabled) li.setAttribute("aria-disabled", "true");
        const label = document.createElement("span");
        label.className = "palette-label";
        appendMarked(label, r.item.label, r.labelMarks);
        li.append(label);
        if (r.item.detail) {
          const detail = document.createElement("span");
          detail.className = "palette-detail";
          appendMarked(detail, r.item.detail, r.detailMarks);
          li.append(detail);
        }
        return li;
      }),
    );
    this.message.textContent = this.ranked.length === 0 ? this.source.empty : "";
    this.message.hidden = this.ranked.length > 0;
    this.showSelection();
  }

  private showSelection(): void {
    this.list.querySelectorAll("[aria-selected=true]").forEach((el) => el.setAttribute("aria-selected", "false"));
    const li = this.selected >= 0 ? this.list.children[this.selected] : null;
    if (li) {
      li.setAttribute("aria-selected", "true");
      this.input.setAttribute("aria-activedescendant", li.id);
      li.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === "Enter") {
      event.preventDefault();
      if (this.selected >= 0) void this.choose(this.selected);
      return;
    }
    if (["ArrowDown", "ArrowUp", "PageDown", "PageUp"].includes(event.key)) {
      event.preventDefault();
      this.selected = moveSelection(this.selected, this.ranked.length, event.key);
      this.showSelection();
    }
  }

  private async choose(index: number): Promise<void> {
    const source = this.source;
    const ranked = this.ranked[index];
    if (!source || !ranked || ranked.item.disabled) return;
    // Focus goes where the choice takes it, not back to where the palette was opened from.
    this.returnFocus = null;
    this.dialog.close();
    try {
      await source.choose(ranked.item);
    } catch (e) {
      this.onError(e);
    }
  }
}

function appendMarked(el: HTMLElement, text: string, positions: number[]): void {
  let at = 0;
  for (const [start, end] of markRanges(positions)) {
    if (start > at) el.append(text.slice(at, start));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(start, end);
    el.append(mark);
    at = end;
  }
  if (at < text.length) el.append(text.slice(at));
}
