// A listbox of suggestions under a text input, in the ARIA combobox pattern: the known tags
// and categories under a field or a chip entry, the folder's field names under "Add field". It
// owns the list's DOM and the keyboard (arrows, Enter, Escape) and reports a pick; what to
// suggest is the caller's (form/tags.ts ranks tags), and it never changes the input's value.
import { el } from "./dom";

/** A listbox of suggestions under a text input (the ARIA combobox pattern). */
export class Suggestions {
  readonly list: HTMLUListElement;
  private items: string[] = [];
  private active = -1;

  constructor(
    private input: HTMLInputElement,
    id: string,
    private pick: (value: string) => void,
    private describe: (value: string) => string = (v) => v,
  ) {
    this.list = el("ul", { class: "suggestions", id, role: "listbox", "aria-label": "Suggestions" });
    this.list.hidden = true;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", id);
    input.setAttribute("aria-expanded", "false");
    // A click on an option must not blur the input first.
    this.list.addEventListener("mousedown", (e) => e.preventDefault());
  }

  show(items: string[]): void {
    this.items = items;
    this.active = -1;
    this.list.replaceChildren(
      ...items.map((value, i) => {
        const option = el("li", { role: "option", id: `${this.list.id}-${i}`, "data-testid": "fm-suggestion", "data-value": value });
        option.textContent = this.describe(value);
        option.addEventListener("click", () => this.pick(value));
        return option;
      }),
    );
    this.list.hidden = items.length === 0;
    this.input.setAttribute("aria-expanded", String(items.length > 0));
    this.input.removeAttribute("aria-activedescendant");
  }

  hide(): void {
    this.show([]);
  }

  get open(): boolean {
    return !this.list.hidden;
  }

  current(): string | null {
    return this.items[this.active] ?? null;
  }

  move(by: number): void {
    if (this.items.length === 0) return;
    this.active = (this.active + by + this.items.length + 1) % (this.items.length + 1);
    if (this.active === this.items.length) this.active = -1;
    [...this.list.children].forEach((c, i) => c.setAttribute("aria-selected", String(i === this.active)));
    if (this.active >= 0) this.input.setAttribute("aria-activedescendant", `${this.list.id}-${this.active}`);
    else this.input.removeAttribute("aria-activedescendant");
  }

  /** Arrow keys, Enter on an option, Escape; true when the key was used. */
  key(event: KeyboardEvent): boolean {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!this.open) return false;
      this.move(event.key === "ArrowDown" ? 1 : -1);
      return true;
    }
    if (event.key === "Enter" && this.current() !== null) {
      this.pick(this.current()!);
      return true;
    }
    if (event.key === "Escape" && this.open) {
      this.hide();
      return true;
    }
    return false;
  }
}
