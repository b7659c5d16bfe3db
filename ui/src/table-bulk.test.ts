// @vitest-environment happy-dom
// The bulk bar on a fake host: each action's form sends the right BulkOp over the selected
// paths (typed values through the form's own inputs), Draft and Publish and Fix run at once,
// progress and Cancel while a batch runs, the report with its skipped files and their reasons,
// one-click Undo with what it left alone, and errors shown rather than lost.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { BulkReport, UndoReport } from "./ipc/bindings/Bulk";
import { BulkBar, reportText, type BulkHost, type BulkRunRequest } from "./table-bulk";

const PATHS = ["blog/a.md", "blog/b.md", "blog/c.md"];

function report(extra: Partial<BulkReport> = {}): BulkReport {
  return { batch: 7, changed: ["blog/a.md", "blog/b.md"], unchanged: ["blog/c.md"], skipped: [], cancelled: false, ...extra };
}

type Deferred<T> = { promise: Promise<T>; resolve(v: T): void; reject(e: unknown): void };
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

let root: HTMLElement;
let bar: BulkBar;
let requests: BulkRunRequest[];
let pendingRun: Deferred<BulkReport> | null;
let nextReport: BulkReport;
let runError: unknown;
let host: BulkHost & { cancel: ReturnType<typeof vi.fn>; done: ReturnType<typeof vi.fn>; undo: ReturnType<typeof vi.fn> };
let draftKey: string;
let undoReply: UndoReport | Error;

beforeEach(() => {
  document.body.replaceChildren();
  root = document.createElement("div");
  document.body.append(root);
  requests = [];
  pendingRun = null;
  nextReport = report();
  runError = null;
  draftKey = "draft";
  undoReply = { restored: ["blog/a.md"], skipped: [{ path: "blog/b.md", reason: "blog/b.md changed since the batch" }] };
  host = {
    run: async (request: BulkRunRequest) => {
      requests.push(request);
      if (runError) throw runError;
      if (pendingRun) return pendingRun.promise;
      return nextReport;
    },
    cancel: vi.fn(),
    undo: vi.fn(async () => {
      if (undoReply instanceof Error) throw { kind: "io", message: undoReply.message, path: null };
      return undoReply;
    }),
    known: (which) => (which === "tags" ? [{ value: "rust", count: 12 }, { value: "go", count: 3 }] : [{ value: "Notes", count: 4 }]),
    fieldKeys: () => [
      { key: "title", kind: "text" },
      { key: "pubDate", kind: "date" },
      { key: "draft", kind: "bool" },
      { key: "tags", kind: "list" },
      { key: "rating", kind: "number" },
    ],
    draftKey: () => draftKey,
    tagsKey: () => "tags",
    categoryKey: () => "categories",
    done: vi.fn(),
  };
  bar = new BulkBar(root, host);
  bar.setSelection(PATHS);
});

const $ = <T extends HTMLElement = HTMLElement>(testid: string) => root.querySelector<T>(`[data-testid=${testid}]`)!;
const click = (testid: string) => $(testid).dispatchEvent(new MouseEvent("click", { bubbles: true }));
const type = (target: HTMLInputElement, text: string) => {
  target.value = text;
  target.dispatchEvent(new Event("input", { bubbles: true }));
};
const choose = (select: HTMLSelectElement, value: string) => {
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
};
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the bar", () => {
  it("shows only with a selection, and counts it", () => {
    expect(root.hidden).toBe(false);
    expect($("bulk-count").textContent).toBe("3 selected");
    bar.setSelection([]);
    expect(root.hidden).toBe(true);
  });
});

describe("the forms", () => {
  it("sets a field with the value typed by the field's input (a switch for a flag)", async () => {
    click("bulk-set-field");
    choose($<HTMLSelectElement>("bulk-key"), "draft");
    const sw = $("bulk-value").querySelector<HTMLInputElement>("input[role=switch]")!;
    sw.checked = true;
    sw.dispatchEvent(new Event("change", { bubbles: true }));
    click("bulk-apply");
    await settle();
    expect(requests).toEqual([{ paths: PATHS, op: { op: "set", key: "draft", value: true } }]);
  });

  it("sets a number as a number and a date as its text", async () => {
    click("bulk-set-field");
    choose($<HTMLSelectElement>("bulk-key"), "rating");
    type($("bulk-value").querySelector<HTMLInputElement>("input")!, "4");
    click("bulk-apply");
    await settle();
    click("bulk-set-field");
    choose($<HTMLSelectElement>("bulk-key"), "pubDate");
    expect($("bulk-value").querySelector("[data-testid=fm-date-picker]")).not.toBeNull();
    type($("bulk-value").querySelector<HTMLInputElement>("input.date-text")!, "2024-05-01");
    click("bulk-apply");
    await settle();
    expect(requests.map((r) => ("op" in r ? r.op : null))).toEqual([
      { op: "set", key: "rating", value: 4 },
      { op: "set", key: "pubDate", value: "2024-05-01" },
    ]);
  });

  it("sets a list from chips, including what is still typed", async () => {
    click("bulk-set-field");
    choose($<HTMLSelectElement>("bulk-key"), "tags");
    const entry = $("bulk-value").querySelector<HTMLInputElement>(".chip-entry")!;
    type(entry, "rust,");
    type(entry, "web");
    click("bulk-apply");
    await settle();
    expect(requests[0]).toEqual({ paths: PATHS, op: { op: "set", key: "tags", value: ["rust", "web"] } });
  });

  it("sets a new field by name, and refuses a bad name", async () => {
    click("bulk-set-field");
    click("bulk-apply");
    expect($("bulk-form-error").textContent).toBe("Choose a field.");
    choose($<HTMLSelectElement>("bulk-key"), "\u0000new");
    type($<HTMLInputElement>("bulk-new-key"), "bad key!");
    click("bulk-apply");
    expect($("bulk-form-error").hidden).toBe(false);
    expect(requests).toEqual([]);
    type($<HTMLInputElement>("bulk-new-key"), "series");
    type($("bulk-value").querySelector<HTMLInputElement>("input")!, "Rust in practice");
    click("bulk-apply");
    await settle();
    expect(requests).toEqual([{ paths: PATHS, op: { op: "set", key: "series", value: "Rust in practice" } }]);
  });

  it("adds and removes a tag on the tags key, with suggestions", async () => {
    click("bulk-add-tag");
    const item = $<HTMLInputElement>("bulk-item");
    type(item, "ru");
    const suggestion = root.querySelector<HTMLElement>("[data-testid=fm-suggestion]")!;
    expect(suggestion.dataset.value).toBe("rust");
    suggestion.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(item.value).toBe("rust");
    click("bulk-apply");
    await settle();
    click("bulk-remove-tag");
    type($<HTMLInputElement>("bulk-item"), "go");
    $("bulk-item").dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    await settle();
    expect(requests.map((r) => ("op" in r ? r.op : null))).toEqual([
      { op: "addItem", key: "tags", item: "rust" },
      { op: "removeItem", key: "tags", item: "go" },
    ]);
  });

  it("renames a tag or a category from the folder's values", async () => {
    click("bulk-rename");
    const from = $<HTMLSelectElement>("bulk-from");
    expect([...from.options].map((o) => o.textContent)).toEqual(["rust (12)", "go (3)"]);
    choose(from, "go");
    type($<HTMLInputElement>("bulk-to"), "golang");
    click("bulk-apply");
    await settle();
    click("bulk-rename");
    choose($<HTMLSelectElement>("bulk-rename-which"), "categories");
    type($<HTMLInputElement>("bulk-to"), "Journal");
    click("bulk-apply");
    await settle();
    expect(requests.map((r) => ("op" in r ? r.op : null))).toEqual([
      { op: "renameItem", key: "tags", from: "go", to: "golang" },
      { op: "renameItem", key: "categories", from: "Notes", to: "Journal" },
    ]);
  });

  it("finds and replaces within one field", async () => {
    click("bulk-replace");
    choose($<HTMLSelectElement>("bulk-key"), "title");
    type($<HTMLInputElement>("bulk-find"), "Javascript");
    type($<HTMLInputElement>("bulk-replace-with"), "JavaScript");
    click("bulk-apply");
    await settle();
    expect(requests).toEqual([{ paths: PATHS, op: { op: "replace", key: "title", find: "Javascript", replace: "JavaScript" } }]);
  });

  it("closes a form with Escape (the open suggestions first) without running anything", () => {
    click("bulk-add-tag");
    type($<HTMLInputElement>("bulk-item"), "r");
    const escape = () => $("bulk-item").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
    expect(root.querySelector<HTMLElement>(".suggestions")!.hidden).toBe(false);
    escape();
    expect(root.querySelector<HTMLElement>(".suggestions")!.hidden).toBe(true);
    expect(root.querySelector("[data-testid=bulk-item]")).not.toBeNull();
    escape();
    expect(root.querySelector("[data-testid=bulk-item]")).toBeNull();
    expect(requests).toEqual([]);
  });
});

describe("one-click actions", () => {
  it("marks drafts, publishes, and fixes", async () => {
    click("bulk-draft");
    await settle();
    click("bulk-publish");
    await settle();
    click("bulk-fix");
    await settle();
    expect(requests).toEqual([
      { paths: PATHS, op: { op: "set", key: "draft", value: true } },
      { paths: PATHS, op: { op: "set", key: "draft", value: false } },
      { paths: PATHS, fix: true },
    ]);
  });

  it("says it the other way round where the folder writes `published`", async () => {
    draftKey = "published";
    click("bulk-draft");
    await settle();
    expect(requests).toEqual([{ paths: PATHS, op: { op: "set", key: "published", value: false } }]);
  });
});

describe("running, the report and undo", () => {
  it("shows progress with a Cancel, then the report with the skipped files and their reasons", async () => {
    pendingRun = deferred<BulkReport>();
    click("bulk-draft");
    expect($("bulk-progress").textContent).toContain("0 of 3");
    bar.progress(2, 3);
    expect($("bulk-progress").textContent).toContain("2 of 3");
    expect($<HTMLButtonElement>("bulk-set-field").disabled).toBe(true);
    click("bulk-cancel");
    expect(host.cancel).toHaveBeenCalledTimes(1);
    pendingRun.resolve(report({ changed: ["blog/a.md"], unchanged: [], skipped: [{ path: "blog/c.md", reason: "blog/c.md: the front matter does not parse" }], cancelled: true }));
    await settle();
    expect(root.querySelector("[data-testid=bulk-progress]")).toBeNull();
    expect($("bulk-report").textContent).toContain("1 changed · 0 unchanged · 1 skipped · cancelled");
    const skipped = $("bulk-skipped");
    expect(skipped.dataset.path).toBe("blog/c.md");
    expect(skipped.textContent).toContain("the front matter does not parse");
    expect(host.done).toHaveBeenCalledTimes(1);
  });

  it("undoes in one click and says what it restored and left alone", async () => {
    click("bulk-publish");
    await settle();
    expect($("bulk-report").textContent).toContain("2 changed · 1 unchanged · 0 skipped");
    click("bulk-undo");
    await settle();
    expect(host.undo).toHaveBeenCalledWith(7);
    expect($("bulk-undo-report").textContent).toBe("Restored 1 file");
    expect($("bulk-left-alone").textContent).toBe("left alone: blog/b.md — blog/b.md changed since the batch");
    expect(root.querySelector("[data-testid=bulk-undo]")).toBeNull();
    expect(host.done).toHaveBeenCalledTimes(2);
  });

  it("offers no undo for a batch that changed nothing", async () => {
    nextReport = report({ batch: 0, changed: [], unchanged: PATHS });
    click("bulk-publish");
    await settle();
    expect($("bulk-report").textContent).toContain("0 changed · 3 unchanged");
    expect(root.querySelector("[data-testid=bulk-undo]")).toBeNull();
  });

  it("keeps the report after the selection empties, until dismissed", async () => {
    click("bulk-publish");
    await settle();
    bar.setSelection([]);
    expect(root.hidden).toBe(false);
    click("bulk-close");
    expect(root.hidden).toBe(true);
  });

  it("shows a failed batch's and a failed undo's message", async () => {
    runError = { kind: "refused", message: "Another batch is running", path: null };
    click("bulk-fix");
    await settle();
    expect($("bulk-error").textContent).toBe("Fix all safe failed: Another batch is running");
    runError = null;
    click("bulk-publish");
    await settle();
    undoReply = new Error("The journal is gone");
    click("bulk-undo");
    await settle();
    expect($("bulk-error").textContent).toContain("The journal is gone");
    expect($<HTMLButtonElement>("bulk-undo").disabled).toBe(false);
  });
});

describe("report text", () => {
  it("counts each list", () => {
    expect(reportText(report({ skipped: [{ path: "x", reason: "y" }] }))).toBe("2 changed · 1 unchanged · 1 skipped");
    expect(reportText(report({ cancelled: true }))).toBe("2 changed · 1 unchanged · 0 skipped · cancelled");
  });
});
