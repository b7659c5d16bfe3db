// @vitest-environment happy-dom
// The table view in a DOM: the test ids the end-to-end tests rely on, the virtual window over
// 10,000 rows, sorting and filtering from the header, selection by click, shift, ctrl and the
// keyboard (ranges taken in the order shown after a re-sort), and cell edits through the form's
// own inputs: a switch, a date, a list of tags, Escape, and a failed write that keeps the editor.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { MemoryStorage } from "./memory-storage";
import type { DeclaredField } from "./ipc/bindings/DeclaredSchema";
import type { PostSummary } from "./ipc/bindings/PostSummary";
import type { FieldSchema, FieldType, Schema } from "./ipc/bindings/Schema";
import { GIT, PROBLEMS, prefsKey, type TableRow } from "./table-model";
import { ROW_HEIGHT, TableView, type TableHost } from "./table-view";

function field(key: string, type: FieldType, role: string | null = null): FieldSchema {
  return { key, type, types: [{ type, count: 3 }], present: 3, fraction: 1, subKeys: [], role };
}

const status: DeclaredField = {
  key: "status", type: "text", required: false, default: null, options: ["idea", "writing", "done"], min: null, max: null, image: false, reference: null, item: null, fields: [], source: "src/content.config.ts:4",
};

const schema: Schema = {
  posts: 3,
  fields: [field("title", "text", "title"), field("pubDate", "date", "date"), field("draft", "bool", "draft"), field("tags", "list", "tags"), field("status", "text")],
  tags: [{ value: "rust", count: 2 }, { value: "go", count: 1 }],
  categories: [],
  dateStyle: "date",
  declared: { source: "src/content.config.ts", fields: [status] },
};

// title, pubDate, draft, tags, @problems, @git (no description in this folder)
const KEYS = ["title", "pubDate", "draft", "tags", PROBLEMS, GIT];

function summary(path: string, extra: Partial<PostSummary> = {}): PostSummary {
  return { path, title: null, date: null, updated: null, draft: false, tags: [], categories: [], errors: 0, warnings: 0, problems: 0, collection: "blog", lang: null, translationKey: null, ...extra };
}

function row(path: string, title: string, date: string | null, draft: boolean | null, tags: string[], extra: Partial<PostSummary> = {}, git: string | null = null): TableRow {
  return { path, summary: summary(path, { title, ...extra }), values: [title, date, draft, tags, null, null], git };
}

const sample = (): TableRow[] => [
  row("blog/a.md", "Alpha", "2024-03-01", false, ["rust"], { problems: 1 }),
  row("blog/b.md", "Beta", "2023-01-15", true, ["rust", "go"], {}, "modified"),
  row("blog/c.md", "Gamma", null, null, [], { errors: 2 }),
  row("blog/d.md", "Delta", "2024-01-10", false, ["go"]),
];

let root: HTMLElement;
let host: TableHost & { edits: [string, string, unknown][]; opened: string[]; selections: string[][]; columns: string[][] };
let storage: MemoryStorage;
let view: TableView;
let reject: string | null;

function makeHost() {
  const h = {
    edits: [] as [string, string, unknown][],
    opened: [] as string[],
    selections: [] as string[][],
    columns: [] as string[][],
    editCell: vi.fn(async (path: string, key: string, value: unknown) => {
      h.edits.push([path, key, value]);
      if (reject !== null) throw { kind: "edit", message: reject, path };
    }),
    openPost: (path: string) => h.opened.push(path),
    selectionChanged: (paths: string[]) => h.selections.push(paths),
    known: (which: "tags" | "categories") => (which === "tags" ? schema.tags : []),
    dateStyle: () => "date" as const,
    columnsChanged: (keys: string[]) => h.columns.push(keys),
  };
  return h;
}

const $$ = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
const rowPaths = () => $$("[data-testid=table-row]").map((r) => r.dataset.path);
const rowEl = (path: string) => root.querySelector<HTMLElement>(`[data-testid=table-row][data-path="${path}"]`)!;
const cell = (path: string, key: string) => rowEl(path).querySelector<HTMLElement>(`[data-testid=table-cell][data-key="${key}"]`)!;
const head = (key: string) => root.querySelector<HTMLElement>(`[data-testid=table-head][data-key="${key}"]`)!;
const filter = (key: string, text: string) => {
  const input = root.querySelector<HTMLInputElement>(`[data-testid=table-filter][data-key="${key}"]`)!;
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
};
const type = (input: HTMLInputElement, text: string) => {
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
};
const click = (target: Element, init: MouseEventInit = {}) => target.dispatchEvent(new MouseEvent("click", { bubbles: true, ...init }));
const dblclick = (target: Element) => target.dispatchEvent(new MouseEvent("dblclick", { bubbles: true }));
const key = (target: Element, k: string, init: KeyboardEventInit = {}) => target.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...init }));
const editor = () => root.querySelector<HTMLElement>("[data-testid=table-editor]");
const last = <T>(list: T[]): T | undefined => list[list.length - 1];
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  document.body.replaceChildren();
  root = document.createElement("div");
  document.body.append(root);
  storage = new MemoryStorage();
  reject = null;
  host = makeHost();
  view = new TableView(root, host, storage);
  view.setSchema(schema, "/site", "blog");
  view.setRows(sample());
});

describe("the table's DOM", () => {
  it("draws the rows, cells and header with the test ids the end-to-end tests use", () => {
    expect(root.dataset.testid).toBe("table-view");
    expect(view.keys()).toEqual(KEYS);
    expect(rowPaths()).toEqual(["blog/a.md", "blog/b.md", "blog/c.md", "blog/d.md"]);
    expect($$("[data-testid=table-head]").map((h) => h.dataset.key)).toEqual(KEYS);
    expect($$("[data-testid=table-filter]").map((h) => h.dataset.key)).toEqual(KEYS);
    expect(root.querySelector("[data-testid=table-count]")!.textContent).toBe("4 of 4 posts");
    expect(root.querySelector("[data-testid=table-columns]")!.textContent).toBe("Columns…");
    expect(rowEl("blog/a.md").getAttribute("aria-selected")).toBe("false");
    expect(rowEl("blog/a.md").title).toBe("blog/a.md");
    expect(root.querySelector("[role=grid]")).not.toBeNull();
    expect(cell("blog/a.md", "title").textContent).toContain("Alpha");
    expect(cell("blog/a.md", "pubDate").textContent).toBe("2024-03-01");
    expect(cell("blog/b.md", "tags").querySelectorAll(".table-chip")).toHaveLength(2);
    const sw = cell("blog/b.md", "draft").querySelector<HTMLInputElement>("input[role=switch]")!;
    expect(sw.checked).toBe(true);
    expect(cell("blog/a.md", PROBLEMS).textContent).toBe("1");
    expect(cell("blog/c.md", PROBLEMS).querySelector<HTMLElement>(".table-problems")!.dataset.level).toBe("error");
    expect(cell("blog/d.md", PROBLEMS).querySelector<HTMLElement>(".table-problems")!.dataset.level).toBe("none");
    expect(cell("blog/b.md", GIT).textContent).toBe("modified");
    expect(cell("blog/a.md", GIT).textContent).toBe("");
  });

  it("sorts from the header: ascending, descending, then the library's order", () => {
    click(head("pubDate"));
    expect(head("pubDate").getAttribute("aria-sort")).toBe("ascending");
    expect(head("pubDate").textContent).toContain("↑");
    expect(rowPaths()).toEqual(["blog/b.md", "blog/d.md", "blog/a.md", "blog/c.md"]);
    click(head("pubDate"));
    expect(head("pubDate").getAttribute("aria-sort")).toBe("descending");
    expect(rowPaths()).toEqual(["blog/a.md", "blog/d.md", "blog/b.md", "blog/c.md"]);
    click(head("pubDate"));
    expect(head("pubDate").getAttribute("aria-sort")).toBe("none");
    expect(rowPaths()).toEqual(["blog/a.md", "blog/b.md", "blog/c.md", "blog/d.md"]);
  });

  it("filters per column and counts what shows", () => {
    filter("tags", "=go");
    expect(rowPaths()).toEqual(["blog/b.md", "blog/d.md"]);
    expect(root.querySelector("[data-testid=table-count]")!.textContent).toBe("2 of 4 posts");
    filter("draft", "no");
    expect(rowPaths()).toEqual(["blog/d.md"]);
    filter("tags", "");
    filter("draft", "");
    filter(PROBLEMS, ">0");
    expect(rowPaths()).toEqual(["blog/a.md", "blog/c.md"]);
    filter(PROBLEMS, "");
    filter("pubDate", "=");
    expect(rowPaths()).toEqual(["blog/c.md"]);
    filter("pubDate", "!");
    expect(rowPaths()).toEqual(["blog/a.md", "blog/b.md", "blog/d.md"]);
  });
});

describe("the virtual window", () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => row(`p/${String(i).padStart(5, "0")}.md`, `Post ${i}`, `2020-01-01`, i % 2 === 0, ["t"]));

  it("draws only the rows in view for 10,000 posts, and the right ones after a scroll", () => {
    const started = performance.now();
    view.setRows(many(10_000));
    const elapsed = performance.now() - started;
    expect(view.renderedRowCount()).toBeGreaterThan(10);
    expect(view.renderedRowCount()).toBeLessThanOrEqual(60);
    expect(root.querySelector("[data-testid=table-count]")!.textContent).toBe("10,000 of 10,000 posts");
    expect(root.querySelector<HTMLElement>(".table-body")!.style.height).toBe(`${10_000 * ROW_HEIGHT}px`);
    expect(elapsed).toBeLessThan(1500);

    const scroller = root.querySelector<HTMLElement>(".table-scroll")!;
    scroller.scrollTop = 5000 * ROW_HEIGHT;
    scroller.dispatchEvent(new Event("scroll"));
    view.render();
    const shown = rowPaths();
    expect(shown.length).toBeLessThanOrEqual(60);
    expect(shown).toContain("p/05000.md");
    expect(shown).not.toContain("p/00000.md");
    expect(rowEl("p/05000.md").style.transform).toBe(`translateY(${5000 * ROW_HEIGHT}px)`);
  });

  it("sorts and filters 10,000 rows from the header quickly", () => {
    view.setRows(many(10_000));
    const started = performance.now();
    click(head("title"));
    click(head("title"));
    filter("draft", "yes");
    const elapsed = performance.now() - started;
    expect(root.querySelector("[data-testid=table-count]")!.textContent).toBe("5,000 of 10,000 posts");
    expect(rowPaths()[0]).toBe("p/09998.md");
    expect(elapsed).toBeLessThan(2000);
  });
});

describe("selection", () => {
  it("selects by click, ctrl-click and shift-click, and tells the host", () => {
    click(cell("blog/b.md", "title"));
    expect(view.selection()).toEqual(["blog/b.md"]);
    expect(rowEl("blog/b.md").getAttribute("aria-selected")).toBe("true");
    click(cell("blog/d.md", "title"), { ctrlKey: true });
    expect(view.selection()).toEqual(["blog/b.md", "blog/d.md"]);
    click(cell("blog/a.md", "title"), { shiftKey: true });
    expect(view.selection()).toEqual(["blog/a.md", "blog/b.md", "blog/c.md", "blog/d.md"]);
    expect(last(host.selections)).toEqual(["blog/a.md", "blog/b.md", "blog/c.md", "blog/d.md"]);
  });

  it("takes a shift range in the order shown after a re-sort", () => {
    click(cell("blog/b.md", "title"));
    click(head("pubDate")); // b (2023), d, a, c
    expect(view.selection()).toEqual(["blog/b.md"]);
    click(cell("blog/a.md", "title"), { shiftKey: true });
    expect(view.selection()).toEqual(["blog/b.md", "blog/d.md", "blog/a.md"]);
  });

  it("selects all the rows a filter shows, from the header box and with Ctrl+A, and drops hidden ones", () => {
    filter("tags", "rust");
    const all = root.querySelector<HTMLInputElement>("[data-testid=table-select-all]")!;
    all.checked = true;
    all.dispatchEvent(new Event("change", { bubbles: true }));
    expect(view.selection()).toEqual(["blog/a.md", "blog/b.md"]);
    expect(all.checked).toBe(true);
    filter("tags", "");
    click(cell("blog/c.md", "title"));
    key(cell("blog/c.md", "title"), "a", { ctrlKey: true });
    expect(view.selection()).toEqual(["blog/a.md", "blog/b.md", "blog/c.md", "blog/d.md"]);
    filter("draft", "yes");
    expect(view.selection()).toEqual(["blog/b.md"]);
    expect(last(host.selections)).toEqual(["blog/b.md"]);
  });

  it("toggles with the row checkboxes", () => {
    click(rowEl("blog/a.md").querySelector(".table-check")!);
    click(rowEl("blog/c.md").querySelector(".table-check")!);
    expect(view.selection()).toEqual(["blog/a.md", "blog/c.md"]);
    click(rowEl("blog/a.md").querySelector(".table-check")!);
    expect(view.selection()).toEqual(["blog/c.md"]);
  });

  it("moves with the arrows and extends with shift", () => {
    click(cell("blog/a.md", "title"));
    key(cell("blog/a.md", "title"), "ArrowDown");
    expect(view.selection()).toEqual(["blog/b.md"]);
    key(cell("blog/b.md", "title"), "ArrowDown", { shiftKey: true });
    key(cell("blog/c.md", "title"), "ArrowDown", { shiftKey: true });
    expect(view.selection()).toEqual(["blog/b.md", "blog/c.md", "blog/d.md"]);
    expect(document.activeElement).toBe(cell("blog/d.md", "title"));
    key(cell("blog/d.md", "title"), "Escape");
    expect(view.selection()).toEqual([]);
  });

  it("keeps the selection and the scroll when the rows come back after an edit", () => {
    click(cell("blog/b.md", "title"));
    click(cell("blog/c.md", "title"), { ctrlKey: true });
    const next = sample();
    next[1] = row("blog/b.md", "Beta, renamed", "2023-01-15", true, ["rust", "go"]);
    next.splice(3, 1); // d.md was deleted meanwhile
    view.setRows(next);
    expect(view.selection()).toEqual(["blog/b.md", "blog/c.md"]);
    expect(cell("blog/b.md", "title").textContent).toContain("Beta, renamed");
    expect(document.activeElement).toBe(cell("blog/c.md", "title"));
  });
});

describe("opening posts", () => {
  it("opens on a double-click on the title, Enter on a row, and the title's open button", () => {
    dblclick(cell("blog/b.md", "title"));
    expect(host.opened).toEqual(["blog/b.md"]);
    rowEl("blog/c.md").focus();
    click(rowEl("blog/c.md").querySelector(".table-select")!);
    key(rowEl("blog/c.md"), "Enter");
    expect(host.opened).toEqual(["blog/b.md", "blog/c.md"]);
    click(cell("blog/a.md", "title").querySelector("[data-testid=table-open]")!);
    expect(last(host.opened)).toBe("blog/a.md");
    expect(editor()).toBeNull();
  });
});

describe("editing a cell", () => {
  it("writes a switch at once as a boolean", async () => {
    const sw = cell("blog/a.md", "draft").querySelector<HTMLInputElement>("input[role=switch]")!;
    sw.checked = true;
    sw.dispatchEvent(new Event("change", { bubbles: true }));
    expect(cell("blog/a.md", "draft").dataset.pending).toBe("true");
    await settle();
    expect(host.edits).toEqual([["blog/a.md", "draft", true]]);
    expect(cell("blog/a.md", "draft").dataset.pending).toBeUndefined();
    expect(cell("blog/a.md", "draft").querySelector<HTMLInputElement>("input[role=switch]")!.checked).toBe(true);
  });

  it("puts a switch back and says why when the write fails", async () => {
    reject = "The file changed on disk";
    const sw = cell("blog/a.md", "draft").querySelector<HTMLInputElement>("input[role=switch]")!;
    sw.checked = true;
    sw.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(cell("blog/a.md", "draft").querySelector<HTMLInputElement>("input[role=switch]")!.checked).toBe(false);
    const status = root.querySelector<HTMLElement>("[data-testid=table-error]")!;
    expect(status.hidden).toBe(false);
    expect(status.textContent).toContain("The file changed on disk");
  });

  it("edits a date with the form's date input and writes its text", async () => {
    dblclick(cell("blog/a.md", "pubDate"));
    const box = editor()!;
    expect(box).not.toBeNull();
    const input = box.querySelector<HTMLInputElement>("input.date-text")!;
    expect(input.value).toBe("2024-03-01");
    expect(input.id.startsWith("table-")).toBe(true);
    expect(box.querySelector("[data-testid=fm-date-picker]")).not.toBeNull();
    input.value = "2024-05-02";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    key(input, "Enter");
    expect(cell("blog/a.md", "pubDate").dataset.pending).toBe("true");
    await settle();
    expect(host.edits).toEqual([["blog/a.md", "pubDate", "2024-05-02"]]);
    expect(editor()).toBeNull();
    expect(cell("blog/a.md", "pubDate").textContent).toBe("2024-05-02");
  });

  it("edits tags as chips and writes a list", async () => {
    click(cell("blog/a.md", "tags"));
    key(cell("blog/a.md", "tags"), "F2");
    const box = editor()!;
    expect(box.querySelectorAll("[data-testid=fm-tag]")).toHaveLength(1);
    const entry = box.querySelector<HTMLInputElement>(".chip-entry")!;
    entry.value = "go";
    entry.dispatchEvent(new Event("input", { bubbles: true }));
    key(entry, "Enter"); // the chip
    expect(box.querySelectorAll("[data-testid=fm-tag]")).toHaveLength(2);
    expect(host.edits).toEqual([]);
    entry.value = "web";
    key(entry, "Enter", { ctrlKey: true }); // saves, with the text still in the entry
    await settle();
    expect(host.edits).toEqual([["blog/a.md", "tags", ["rust", "go", "web"]]]);
    expect(editor()).toBeNull();
  });

  it("toggles a switch with Space on its cell, and brings focus back to the cell after an edit", async () => {
    click(cell("blog/d.md", "draft"));
    key(cell("blog/d.md", "draft"), " ");
    await settle();
    expect(host.edits).toEqual([["blog/d.md", "draft", true]]);
    click(cell("blog/d.md", "pubDate"));
    key(cell("blog/d.md", "pubDate"), "Enter");
    const input = editor()!.querySelector<HTMLInputElement>("input.date-text")!;
    expect(document.activeElement).toBe(input);
    type(input, "2024-02-02");
    key(input, "Enter");
    await settle();
    expect(last(host.edits)).toEqual(["blog/d.md", "pubDate", "2024-02-02"]);
    expect(document.activeElement).toBe(cell("blog/d.md", "pubDate"));
  });

  it("opens the post, not an editor, on Enter in a pseudo-column", () => {
    click(cell("blog/c.md", PROBLEMS));
    key(cell("blog/c.md", PROBLEMS), "Enter");
    expect(host.opened).toEqual(["blog/c.md"]);
    expect(editor()).toBeNull();
  });

  it("offers a declared field's options as a select", async () => {
    const menu = root.querySelector<HTMLButtonElement>("[data-testid=table-columns]")!;
    click(menu);
    const toggle = root.querySelector<HTMLInputElement>("[data-testid=table-column-toggle][data-key=status]")!;
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    expect(last(host.columns)).toEqual([...KEYS, "status"]);
    view.setRows(sample().map((r) => ({ ...r, values: [...r.values, "idea"] })));
    dblclick(cell("blog/a.md", "status"));
    const select = editor()!.querySelector<HTMLSelectElement>("select")!;
    expect([...select.options].map((o) => o.value)).toEqual(["idea", "writing", "done"]);
    select.value = "done";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    click(editor()!.querySelector("[data-testid=table-editor-save]")!);
    await settle();
    expect(host.edits).toEqual([["blog/a.md", "status", "done"]]);
  });

  it("cancels with Escape and writes nothing", () => {
    dblclick(cell("blog/b.md", "pubDate"));
    const input = editor()!.querySelector<HTMLInputElement>("input.date-text")!;
    input.value = "1999-01-01";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    key(input, "Escape");
    expect(editor()).toBeNull();
    expect(host.edits).toEqual([]);
    expect(cell("blog/b.md", "pubDate").textContent).toBe("2023-01-15");
  });

  it("closes without writing when nothing changed", async () => {
    dblclick(cell("blog/b.md", "pubDate"));
    key(editor()!.querySelector("input.date-text")!, "Enter");
    await settle();
    expect(host.edits).toEqual([]);
    expect(editor()).toBeNull();
  });

  it("keeps the editor open with the backend's message when the write fails", async () => {
    reject = "blog/a.md is read-only";
    dblclick(cell("blog/a.md", "pubDate"));
    const input = editor()!.querySelector<HTMLInputElement>("input.date-text")!;
    input.value = "2024-06-01";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    key(input, "Enter");
    await settle();
    expect(editor()).not.toBeNull();
    const error = editor()!.querySelector<HTMLElement>("[data-testid=table-editor-error]")!;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe("blog/a.md is read-only");
    expect(editor()!.querySelector<HTMLInputElement>("input.date-text")!.value).toBe("2024-06-01");
    expect(cell("blog/a.md", "pubDate").dataset.pending).toBeUndefined();
  });
});

describe("columns", () => {
  it("remembers the writer's columns and order per collection", () => {
    click(root.querySelector("[data-testid=table-columns]")!);
    expect(root.querySelector<HTMLElement>("[data-testid=table-columns-popover]")!.hidden).toBe(false);
    const off = root.querySelector<HTMLInputElement>("[data-testid=table-column-toggle][data-key=draft]")!;
    off.checked = false;
    off.dispatchEvent(new Event("change", { bubbles: true }));
    click(root.querySelector("[data-testid=table-column-up][data-key=tags]")!);
    const expected = ["title", "tags", "pubDate", PROBLEMS, GIT];
    expect(view.keys()).toEqual(expected);
    expect(last(host.columns)).toEqual(expected);
    expect($$("[data-testid=table-head]").map((h) => h.dataset.key)).toEqual(expected);
    // The rows' values followed their columns.
    expect(cell("blog/b.md", "tags").querySelectorAll(".table-chip")).toHaveLength(2);
    expect(JSON.parse(storage.getItem(prefsKey("/site", "blog"))!).keys).toEqual(expected);

    view.destroy();
    const again = new TableView(root, makeHost(), storage);
    again.setSchema(schema, "/site", "blog");
    expect(again.keys()).toEqual(expected);
    again.setSchema(schema, "/site", "docs");
    expect(again.keys()).toEqual(KEYS);
  });

  it("realigns rows that were read for other keys", () => {
    const rows = sample().map((r) => ({ ...r, values: [r.values[3], r.values[0]] }));
    view.setRows(rows, ["tags", "title"]);
    expect(cell("blog/b.md", "title").textContent).toContain("Beta");
    expect(cell("blog/b.md", "tags").querySelectorAll(".table-chip")).toHaveLength(2);
    expect(cell("blog/b.md", "pubDate").textContent).toBe("");
  });
});
