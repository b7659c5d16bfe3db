// @vitest-environment happy-dom
// The skipped-files line on the real library pane markup from index.html.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { SKIPPED_SHOWN } from "./skipped-files";
import { SkippedFilesLine } from "./skipped-view";

const html = readFileSync(resolve(__dirname, "../index.html"), "utf8");

let root: HTMLElement;
let line: SkippedFilesLine;

beforeEach(() => {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  document.body.replaceChildren(document.importNode(parsed.querySelector(".library")!, true));
  root = document.querySelector<HTMLElement>("[data-testid=skipped-files]")!;
  line = new SkippedFilesLine(root);
});

const toggle = () => root.querySelector<HTMLButtonElement>(".skipped-toggle")!;
const entries = () => [...root.querySelectorAll<HTMLElement>("[data-testid=skipped-file]")];

describe("the skipped-files line", () => {
  it("is hidden while nothing was skipped", () => {
    line.show([]);
    expect(root.hidden).toBe(true);
  });

  it("counts the files and unfolds to each path and reason, as text", () => {
    line.show([
      { path: "<b>pipe</b>.md", reason: "a named pipe (FIFO), not a regular file" },
      { path: "disk", reason: "a link to a folder outside the site (/), not followed" },
    ]);
    expect(root.hidden).toBe(false);
    expect(toggle().textContent).toBe("2 files skipped");
    expect(root.querySelector<HTMLElement>(".skipped-list")!.hidden).toBe(true);
    toggle().click();
    expect(toggle().getAttribute("aria-expanded")).toBe("true");
    expect(root.querySelector<HTMLElement>(".skipped-list")!.hidden).toBe(false);
    expect(entries().map((e) => e.dataset.path)).toEqual(["<b>pipe</b>.md", "disk"]);
    expect(entries()[0].querySelector("b")).toBeNull();
    expect(entries()[1].textContent).toContain("A link to a folder outside the site (/), not followed");
  });

  it("folds again on Escape and when the list empties", () => {
    line.show([{ path: "pipe.md", reason: "a named pipe (FIFO), not a regular file" }]);
    toggle().click();
    root.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(toggle().getAttribute("aria-expanded")).toBe("false");
    toggle().click();
    line.show([]);
    expect(root.hidden).toBe(true);
    expect(toggle().getAttribute("aria-expanded")).toBe("false");
  });

  it("draws a long list only in part, and says how much is left out", () => {
    const many = Array.from({ length: SKIPPED_SHOWN + 5 }, (_, i) => ({ path: `pipe-${String(i).padStart(4, "0")}.md`, reason: "a named pipe (FIFO), not a regular file" }));
    line.show(many);
    expect(toggle().textContent).toBe(`${SKIPPED_SHOWN + 5} files skipped`);
    expect(entries().length).toBe(SKIPPED_SHOWN);
    expect(root.querySelector(".skipped-more")!.textContent).toContain("5 more");
  });
});
