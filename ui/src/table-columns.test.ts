// @vitest-environment happy-dom
// The Columns… popover on its own: the button and popover with their test ids and ARIA, the
// list (shown columns in order with ticks and ↑/↓, then the others the collection offers), what
// each control asks the view for, the last column kept, and closing with Escape or a click
// elsewhere. (What a change does to the grid and the saved prefs is table-view.test.ts's.)
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { FieldSchema, FieldType, Schema } from "./ipc/bindings/Schema";
import { ColumnChooser, type ColumnsHost } from "./table-columns";
import { GIT, PATH, PROBLEMS } from "./table-model";

function field(key: string, type: FieldType, role: string | null = null): FieldSchema {
  return { key, type, types: [{ type, count: 3 }], present: 3, fraction: 1, subKeys: [], role };
}

const schema: Schema = {
  posts: 3,
  fields: [field("title", "text", "title"), field("pubDate", "date", "date"), field("tags", "list", "tags")],
  tags: [],
  categories: [],
  dateStyle: "date",
  declared: { source: "", fields: [] },
};

let shown: string[];
let host: ColumnsHost & { setKeys: ReturnType<typeof vi.fn>; reset: ReturnType<typeof vi.fn> };
let chooser: ColumnChooser;

beforeEach(() => {
  document.body.replaceChildren();
  shown = ["title", "pubDate", PROBLEMS];
  host = {
    keys: () => shown.slice(),
    schema: () => schema,
    setKeys: vi.fn((keys: string[]) => {
      shown = keys;
      chooser.redraw();
    }),
    reset: vi.fn(),
  };
  chooser = new ColumnChooser(host);
  document.body.append(chooser.button, chooser.popover);
});

const pop = () => chooser.popover;
const options = () => [...pop().querySelectorAll<HTMLElement>("[data-testid=table-column-option]")].map((o) => o.dataset.key);
const toggle = (k: string) => pop().querySelector<HTMLInputElement>(`[data-testid=table-column-toggle][data-key="${k}"]`)!;
const button = (testid: string, k: string) => pop().querySelector<HTMLButtonElement>(`[data-testid=${testid}][data-key="${k}"]`)!;

describe("the Columns… popover", () => {
  it("opens from its button, listing the shown columns in order, then the others offered", () => {
    expect(chooser.button.dataset.testid).toBe("table-columns");
    expect(chooser.button.textContent).toBe("Columns…");
    expect(chooser.button.getAttribute("aria-haspopup")).toBe("dialog");
    expect(chooser.button.getAttribute("aria-expanded")).toBe("false");
    expect(pop().dataset.testid).toBe("table-columns-popover");
    expect(pop().getAttribute("role")).toBe("dialog");
    expect(pop().hidden).toBe(true);
    chooser.button.click();
    expect(chooser.isOpen()).toBe(true);
    expect(chooser.button.getAttribute("aria-expanded")).toBe("true");
    expect(options()).toEqual(["title", "pubDate", PROBLEMS, "tags", GIT, PATH]);
    expect(toggle("title").checked).toBe(true);
    expect(toggle("tags").checked).toBe(false);
    expect(button("table-column-up", "tags")).toBeNull();
    expect(button("table-column-up", "title").disabled).toBe(true);
    expect(button("table-column-down", PROBLEMS).disabled).toBe(true);
    expect(button("table-column-down", "title").getAttribute("aria-label")).toBe("Move Title right");
    expect(document.activeElement).toBe(toggle("title"));
  });

  it("asks for columns added, taken away and moved, and keeps the focus on the control used", () => {
    chooser.toggle(true);
    toggle("tags").checked = true;
    toggle("tags").dispatchEvent(new Event("change", { bubbles: true }));
    expect(host.setKeys).toHaveBeenLastCalledWith(["title", "pubDate", PROBLEMS, "tags"]);
    expect(document.activeElement).toBe(toggle("tags"));
    button("table-column-up", "tags").click();
    expect(host.setKeys).toHaveBeenLastCalledWith(["title", "pubDate", "tags", PROBLEMS]);
    expect(document.activeElement).toBe(button("table-column-up", "tags"));
    toggle("pubDate").checked = false;
    toggle("pubDate").dispatchEvent(new Event("change", { bubbles: true }));
    expect(host.setKeys).toHaveBeenLastCalledWith(["title", "tags", PROBLEMS]);
    expect(options()).toEqual(["title", "tags", PROBLEMS, "pubDate", GIT, PATH]);
  });

  it("keeps the last column, and resets through the view", () => {
    shown = ["title"];
    chooser.toggle(true);
    expect(toggle("title").disabled).toBe(true);
    pop().querySelector<HTMLButtonElement>("[data-testid=table-columns-reset]")!.click();
    expect(host.reset).toHaveBeenCalledTimes(1);
  });

  it("closes with Escape (focus back on its button) and with a click elsewhere", () => {
    chooser.toggle(true);
    toggle("title").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
    expect(chooser.isOpen()).toBe(false);
    expect(chooser.button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(chooser.button);
    chooser.toggle(true);
    chooser.pointerDown(toggle("title"));
    chooser.pointerDown(chooser.button);
    expect(chooser.isOpen()).toBe(true);
    chooser.pointerDown(document.body);
    expect(chooser.isOpen()).toBe(false);
  });
});
