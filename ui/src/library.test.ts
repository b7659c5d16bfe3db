// @vitest-environment happy-dom
// The DOM side of the library list, on the real library pane markup from index.html. happy-dom
// does no layout, so the tests give the list a height where the window math needs one.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { PostSummary } from "./ipc/bindings/PostSummary";
import { LibraryList, ROW_HEIGHT } from "./library";

function post(path: string, fields: Partial<PostSummary> = {}): PostSummary {
  return { path, title: null, date: null, updated: null, draft: false, tags: [], categories: [], errors: 0, warnings: 0, problems: 0, collection: null, lang: null, translationKey: null, ...fields };
}

/** n posts, post-00000 newest. */
function many(n: number): PostSummary[] {
  const day = 86_400_000;
  return Array.from({ length: n }, (_, i) =>
    post(`post-${String(i).padStart(5, "0")}.md`, {
      title: `Post number ${i}`,
      date: new Date(Date.UTC(2030, 0, 1) - i * day).toISOString().slice(0, 10),
      draft: i % 7 === 0,
      tags: i % 2 === 0 ? ["even", "numbers"] : ["odd"],
    }),
  );
}

const html = readFileSync(resolve(__dirname, "../index.html"), "utf8");

let list: HTMLElement;
let search: HTMLInputElement;
let opened: string[];
let library: LibraryList;

function setup(height = 0): void {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  document.body.replaceChildren(document.importNode(parsed.querySelector(".library")!, true));
  list = document.querySelector<HTMLElement>("[data-testid=post-list]")!;
  search = document.querySelector<HTMLInputElement>("[data-testid=search-input]")!;
  Object.defineProperty(list, "clientHeight", { configurable: true, get: () => height });
  opened = [];
  library = new LibraryList(list, search, (path) => opened.push(path));
}

const items = () => [...list.querySelectorAll<HTMLElement>("[data-testid=post-item]")];
const itemPaths = () => items().map((el) => el.dataset.path);
const item = (path: string) => list.querySelector<HTMLElement>(`[data-testid=post-item][data-path="${path}"]`);
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

function scrollTo(top: number): void {
  list.scrollTop = top;
  list.dispatchEvent(new Event("scroll"));
}

function key(target: HTMLElement, k: string): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event("change", { bubbles: true }));
}

function type(text: string): void {
  search.value = text;
  search.dispatchEvent(new Event("input", { bubbles: true }));
}

describe("virtualisation", () => {
  beforeEach(() => setup(10 * ROW_HEIGHT));

  it("draws only the rows in view plus overscan, in list order", () => {
    library.replaceAll(many(10_000));
    expect(library.count()).toBe(10_000);
    expect(items().length).toBeLessThan(30);
    expect(itemPaths()[0]).toBe("post-00000.md");
    expect(list.getAttribute("role")).toBe("listbox");
    expect(list.style.getPropertyValue("--list-height")).toBe(`${10_000 * ROW_HEIGHT}px`);
    const first = items()[0];
    expect(first.getAttribute("role")).toBe("option");
    expect(first.getAttribute("aria-setsize")).toBe("10000");
    expect(first.getAttribute("aria-posinset")).toBe("1");
  });

  it("moves the window with the scroll position", () => {
    library.replaceAll(many(10_000));
    scrollTo(5_000 * ROW_HEIGHT);
    const paths = itemPaths();
    expect(paths).toContain("post-05000.md");
    expect(paths).toContain("post-05009.md");
    expect(paths).not.toContain("post-00000.md");
    expect(items().length).toBeLessThan(30);
    expect(item("post-05000.md")!.style.transform).toBe(`translateY(${5_000 * ROW_HEIGHT}px)`);
    expect(item("post-05000.md")!.getAttribute("aria-posinset")).toBe("5001");
  });

  it("applies a delta by redrawing only the rows it changed", () => {
    library.replaceAll(many(1_000));
    const untouched = item("post-00001.md")!;
    const changed = item("post-00002.md")!;
    library.apply({ upserted: [post("post-00002.md", { title: "Renamed", date: "2029-12-30" })], removed: ["post-00003.md"], seq: 1, renamed: [], external: [], problems: [], changedAtMs: 0, origin: "disk", progress: { done: 0, total: 0, finished: true } });
    expect(item("post-00001.md")).toBe(untouched);
    expect(item("post-00002.md")).not.toBe(changed);
    expect(item("post-00002.md")!.textContent).toContain("Renamed");
    expect(item("post-00003.md")).toBeNull();
    expect(library.has("post-00003.md")).toBe(false);
    library.upsert(post("new.md", { title: "Brand new", date: "2031-01-01" }));
    expect(itemPaths()[0]).toBe("new.md");
  });

  it("applies problem counts that arrive without their summaries", () => {
    library.replaceAll(many(100));
    const untouched = item("post-00001.md")!;
    library.apply({ upserted: [], removed: [], seq: 1, renamed: [], external: [], problems: [{ path: "post-00002.md", problems: 4 }, { path: "gone.md", problems: 1 }], changedAtMs: 0, origin: "scan", progress: { done: 100, total: 100, finished: true } });
    expect(item("post-00001.md")).toBe(untouched);
    expect(item("post-00002.md")!.querySelector("[data-testid=problem-count]")!.textContent).toBe("4 problems");
    expect(library.has("gone.md")).toBe(false);
    const filter = $<HTMLInputElement>("#library-problems");
    filter.checked = true;
    filter.dispatchEvent(new Event("change"));
    expect(itemPaths()).toEqual(["post-00002.md"]);
  });

  it("reveals a post with scrollToPath, and says when it can't", () => {
    library.replaceAll(many(10_000));
    expect(library.scrollToPath("post-07000.md")).toBe(true);
    expect(itemPaths()).toContain("post-07000.md");
    const top = list.scrollTop;
    expect(top).toBeGreaterThan(6_990 * ROW_HEIGHT);
    // Already in view: no movement.
    expect(library.scrollToPath("post-07001.md")).toBe(true);
    expect(list.scrollTop).toBe(top);
    expect(library.scrollToPath("missing.md")).toBe(false);
    choose($("#library-status"), "draft");
    expect(library.scrollToPath("post-07001.md")).toBe(false);
  });
});

describe("rows", () => {
  beforeEach(() => setup());

  it("show title or path, date, badges and the first tags", () => {
    library.replaceAll([
      post("a.md", { title: "Alpha", date: "2025-01-02T10:00:00Z", draft: true, errors: 2, warnings: 1, tags: ["one", "two", "three", "four"] }),
      post("notes/untitled.md"),
    ]);
    const a = item("a.md")!;
    expect(a.querySelector(".post-title")!.textContent).toBe("Alpha");
    expect(a.querySelector(".post-date")!.textContent).toBe("2025-01-02");
    expect(a.querySelector("[data-testid=draft-marker]")!.textContent).toBe("Draft");
    expect(a.querySelector(".badge.error")!.textContent).toBe("2 errors");
    expect(a.querySelector(".badge.warning")!.textContent).toBe("1 warning");
    expect(a.querySelector(".post-tags")!.textContent).toBe("one · two · three +1");
    const b = item("notes/untitled.md")!;
    expect(b.querySelector(".post-title")!.textContent).toBe("notes/untitled.md");
    expect(b.querySelector(".post-date")!.textContent).toBe("No date");
    expect(b.querySelector("[data-testid=draft-marker]")).toBeNull();
  });

  it("carry data-lang and data-git where they apply, and follow git's view", () => {
    library.replaceAll([post("a.md", { lang: "en" }), post("b.md")]);
    const view = (files: Array<{ path: string; state: "new" | "modified" }>) => ({
      available: true,
      reason: null,
      branch: { head: "main", upstream: null, ahead: 0, behind: 0 },
      files,
    });
    library.setGit(view([{ path: "b.md", state: "new" }]));
    expect(item("a.md")!.dataset.lang).toBe("en");
    expect(item("a.md")!.dataset.git).toBeUndefined();
    expect(item("b.md")!.dataset.lang).toBeUndefined();
    expect(item("b.md")!.dataset.git).toBe("new");
    library.setGit(view([{ path: "a.md", state: "modified" }]));
    expect(item("a.md")!.dataset.git).toBe("modified");
    expect(item("b.md")!.dataset.git).toBeUndefined();
  });

  it("highlights search matches with text nodes, never parsing the title", () => {
    const hostile = `<img src=x onerror="alert(1)"> Modal <b>editing</b>`;
    library.replaceAll([post("x.md", { title: hostile }), post("y.md", { title: "Unrelated" })]);
    type("modal");
    expect(itemPaths()).toEqual(["x.md"]);
    const title = item("x.md")!.querySelector(".post-title")!;
    expect(title.textContent).toBe(hostile);
    expect(title.querySelector("img, b")).toBeNull();
    expect([...title.querySelectorAll("mark")].map((m) => m.textContent)).toEqual(["Modal"]);
  });

  it("marks the open post", () => {
    library.replaceAll(many(5));
    library.setActive("post-00002.md");
    expect(item("post-00002.md")!.classList.contains("active")).toBe(true);
    expect(item("post-00002.md")!.getAttribute("aria-current")).toBe("true");
    library.setActive("post-00003.md");
    expect(item("post-00002.md")!.classList.contains("active")).toBe(false);
  });
});

describe("keyboard", () => {
  beforeEach(() => setup(5 * ROW_HEIGHT));

  it("moves the selection with the arrows, scrolls it into view, and opens with Enter", () => {
    library.replaceAll(many(100));
    key(search, "ArrowDown");
    expect(document.activeElement).toBe(item("post-00000.md"));
    for (let i = 0; i < 7; i++) key(document.activeElement as HTMLElement, "ArrowDown");
    const selected = item("post-00007.md")!;
    expect(document.activeElement).toBe(selected);
    expect(selected.getAttribute("aria-selected")).toBe("true");
    expect(selected.tabIndex).toBe(0);
    expect(item("post-00006.md")!.getAttribute("aria-selected")).toBe("false");
    expect(list.scrollTop).toBe(8 * ROW_HEIGHT - 5 * ROW_HEIGHT);
    key(selected, "Enter");
    expect(opened).toEqual(["post-00007.md"]);
    key(selected, "End");
    expect(document.activeElement).toBe(item("post-00099.md"));
    key(document.activeElement as HTMLElement, "Home");
    key(document.activeElement as HTMLElement, "ArrowUp");
    expect(document.activeElement).toBe(search);
  });

  it("opens the best match with Enter in the search box, and clears it with Escape", () => {
    library.replaceAll([post("a.md", { title: "Gardening a codebase" }), post("b.md", { title: "A tidy writing desk" })]);
    type("tidy");
    key(search, "Enter");
    expect(opened).toEqual(["b.md"]);
    key(search, "Escape");
    expect(search.value).toBe("");
    expect(itemPaths()).toHaveLength(2);
  });

  it("opens a clicked row", () => {
    library.replaceAll(many(3));
    item("post-00001.md")!.querySelector(".post-title")!.dispatchEvent(new MouseEvent("click", { bubbles: true }));
    expect(opened).toEqual(["post-00001.md"]);
  });
});

describe("toolbar", () => {
  beforeEach(() => setup());

  it("sorts, flips the direction and relabels the toggle", () => {
    library.replaceAll([post("b.md", { title: "Beta", date: "2025-01-01" }), post("a.md", { title: "alpha", date: "2024-01-01" }), post("c.md", { title: "Gamma" })]);
    expect(itemPaths()).toEqual(["b.md", "a.md", "c.md"]);
    const direction = $<HTMLButtonElement>("#library-direction");
    expect(direction.getAttribute("aria-label")).toBe("Sort direction: Newest first");
    direction.click();
    expect(itemPaths()).toEqual(["a.md", "b.md", "c.md"]);
    expect(direction.getAttribute("aria-label")).toBe("Sort direction: Oldest first");
    choose($("#library-sort"), "title");
    expect(itemPaths()).toEqual(["a.md", "b.md", "c.md"]);
    expect(direction.getAttribute("aria-label")).toBe("Sort direction: A to Z");
    direction.click();
    expect(itemPaths()).toEqual(["c.md", "b.md", "a.md"]);
  });

  it("filters by status, tag, category and problems, with counts that follow the posts", () => {
    library.replaceAll([
      post("a.md", { draft: true, tags: ["rust", "web"], categories: ["Notes"] }),
      post("b.md", { tags: ["rust"], warnings: 1 }),
      post("c.md", { categories: ["Essays"], errors: 1 }),
    ]);
    const tag = $<HTMLSelectElement>("#library-tag");
    const options = (s: HTMLSelectElement) => [...s.options].map((o) => o.textContent);
    expect(options(tag)).toEqual(["All tags", "rust (2)", "web (1)"]);
    expect(options($("#library-category"))).toEqual(["All categories", "Essays (1)", "Notes (1)"]);
    expect($("#library-count").textContent).toBe("3 posts");

    choose($("#library-status"), "draft");
    expect(itemPaths()).toEqual(["a.md"]);
    expect($("#library-count").textContent).toBe("1 of 3 posts");
    choose($("#library-status"), "published");
    expect(itemPaths()).toEqual(["b.md", "c.md"]);
    choose($("#library-status"), "all");

    choose(tag, "rust");
    expect(itemPaths()).toEqual(["a.md", "b.md"]);
    const problems = $<HTMLInputElement>("#library-problems");
    problems.checked = true;
    problems.dispatchEvent(new Event("change"));
    expect(itemPaths()).toEqual(["b.md"]);
    expect($<HTMLButtonElement>("#library-clear").hidden).toBe(false);

    // The chosen tag disappears from every post: the filter stays, showing 0, not reset.
    library.apply({ upserted: [post("a.md", { draft: true }), post("b.md", { warnings: 1 })], removed: [], seq: 1, renamed: [], external: [], problems: [], changedAtMs: 0, origin: "disk", progress: { done: 0, total: 0, finished: true } });
    expect(options(tag)).toEqual(["All tags", "rust (0)"]);
    expect(tag.value).toBe("rust");
    expect(itemPaths()).toEqual([]);
    expect($("#library-count").textContent).toBe("No posts match");

    $<HTMLButtonElement>("#library-clear").click();
    expect(itemPaths()).toEqual(["a.md", "b.md", "c.md"]);
    expect(tag.value).toBe("");
    expect(problems.checked).toBe(false);
    expect(options(tag)).toEqual(["All tags"]);
    expect(tag.disabled).toBe(true);

    choose($("#library-category"), "Essays");
    expect(itemPaths()).toEqual(["c.md"]);

    // Another folder: its own tags and categories, so those filters reset; status stays.
    choose($("#library-status"), "draft");
    library.replaceAll([post("x.md", { draft: true, categories: ["Other"] }), post("y.md")]);
    expect($<HTMLSelectElement>("#library-category").value).toBe("");
    expect(options($("#library-category"))).toEqual(["All categories", "Other (1)"]);
    expect(itemPaths()).toEqual(["x.md"]);
  });

  it("shows indexing progress until it is done", () => {
    const progress = $("[data-testid=index-progress]");
    expect(progress.hidden).toBe(true);
    library.setProgress(2_500, 10_000);
    expect(progress.hidden).toBe(false);
    expect(progress.textContent).toBe(`Indexing ${(2_500).toLocaleString()} of ${(10_000).toLocaleString()} posts…`);
    expect(progress.getAttribute("aria-valuenow")).toBe("2500");
    library.setProgress(10_000, 10_000);
    expect(progress.hidden).toBe(true);
  });

  it("counts what the search leaves", () => {
    library.replaceAll(many(20));
    type("number 1");
    expect(library.shownCount()).toBe(11); // 1 and 10–19
    expect(library.count()).toBe(20);
    expect($("#library-count").textContent).toBe("11 of 20 posts");
  });
});
