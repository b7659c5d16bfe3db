// @vitest-environment happy-dom
// The form's DOM and state on the real post pane markup from index.html: what a save sends,
// and that the form is clean again after one (an autosave must never send stale text back).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { PostDocument } from "../ipc/bindings/PostDocument";
import type { SourceCheck } from "../ipc/bindings/SourceCheck";
import { FrontMatterForm } from "./view";

const html = readFileSync(resolve(__dirname, "../../index.html"), "utf8");

function doc(source: string, frontMatter: Record<string, unknown>): PostDocument {
  return {
    path: "a.md",
    baseHash: source,
    kind: "yaml",
    lineEnding: "lf",
    wrappedInFence: false,
    frontMatter,
    frontMatterSource: source,
    roles: { title: "title", date: null, summary: null, tags: null, draft: null },
    body: "Body\n",
    diagnostics: [],
    readOnlyReason: null,
  };
}

/** A stand-in for the Rust check: `title: x` lines only, anything else is an error on its line. */
async function check(_kind: string, source: string): Promise<SourceCheck> {
  const values: Record<string, unknown> = {};
  const lines = source.split("\n").filter((l) => l !== "");
  for (const [i, line] of lines.entries()) {
    const m = /^(\w+): (.*)$/.exec(line);
    if (!m) return { valid: false, diagnostics: [{ severity: "error", message: "bad line", line: i + 1, column: 1 }], values: {} };
    values[m[1]] = m[2] === "true" ? true : m[2] === "false" ? false : m[2];
  }
  return { valid: true, diagnostics: [], values };
}

let form: FrontMatterForm;
let changes = 0;
const $ = <T extends HTMLElement>(css: string) => document.querySelector<T>(css)!;
const field = (key: string) => $<HTMLInputElement>(`[data-testid=fm-field][data-key="${key}"]`);
const type = (el: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
};
const settle = () => new Promise((r) => setTimeout(r, 200));

beforeEach(() => {
  document.body.innerHTML = html.slice(html.indexOf("<body>") + 6, html.indexOf("<script"));
  changes = 0;
  form = new FrontMatterForm(
    { form: $("#fields"), rawPanel: $("#fm-raw-panel"), raw: $("[data-testid=fm-raw]"), rawProblems: $("#fm-raw-problems") },
    () => changes++,
    check,
  );
  form.load(doc("title: Old\ndraft: false\n", { title: "Old", draft: false }));
});

describe("FrontMatterForm", () => {
  it("sends a field edit, and is clean after the save lands", () => {
    type(field("title"), "New");
    expect(changes).toBe(1);
    const sent = form.edits();
    expect(sent).toEqual({ fields: [{ key: "title", value: "New" }], remove: [], frontMatterSource: null });
    form.saved(doc("title: New\ndraft: false\n", { title: "New", draft: false }), sent);
    expect(form.isDirty()).toBe(false);
    expect($<HTMLTextAreaElement>("[data-testid=fm-raw]").value).toBe("title: New\ndraft: false\n");
  });

  it("sends a removal, and the field leaves the form until undone", () => {
    $<HTMLButtonElement>("[data-testid=fm-remove][data-key=draft]").click();
    expect(document.querySelector("[data-testid=fm-field][data-key=draft]")).toBeNull();
    expect(form.edits().remove).toEqual(["draft"]);
    $<HTMLButtonElement>("[data-testid=fm-undo-remove][data-key=draft]").click();
    expect(form.isDirty()).toBe(false);
    expect(field("draft")).not.toBeNull();
  });

  it("locks the form while the raw text is invalid and follows it once valid", async () => {
    const raw = $<HTMLTextAreaElement>("[data-testid=fm-raw]");
    type(raw, "title: Old\ndraft false\n");
    await settle();
    expect(field("title").disabled).toBe(true);
    expect($("[data-testid=fm-raw-problem]").textContent).toBe("Line 2, column 1: bad line");
    expect(await form.problem()).toMatch(/line 2, column 1/);
    type(raw, "title: From raw\ndraft: true\n");
    await settle();
    expect(field("title").disabled).toBe(false);
    expect(field("title").value).toBe("From raw");
    expect(field("draft").checked).toBe(true);
    expect(await form.problem()).toBeNull();
    // A field edit on top of the raw text goes with it.
    type(field("title"), "From form");
    expect(form.edits()).toEqual({
      fields: [{ key: "title", value: "From form" }],
      remove: [],
      frontMatterSource: "title: From raw\ndraft: true\n",
    });
  });

  it("adds a field with the type chosen", () => {
    $<HTMLButtonElement>("[data-testid=fm-add]").click();
    const key = $<HTMLInputElement>("[data-testid=fm-add-key]");
    key.value = "weight";
    $<HTMLSelectElement>("[data-testid=fm-add-type]").value = "number";
    $<HTMLButtonElement>("[data-testid=fm-add-confirm]").click();
    type(field("weight"), "3");
    expect(form.edits().fields).toEqual([{ key: "weight", value: 3 }]);
  });

  it("shows a front matter with more fields than it can draw as its source, and still saves", () => {
    const values: Record<string, unknown> = { title: "Many" };
    for (let i = 0; i < 600; i++) values[`f${i}`] = String(i);
    const source = Object.entries(values).map(([k, v]) => `${k}: ${v}`).join("\n") + "\n";
    form.load(doc(source, values));
    expect(document.querySelectorAll("[data-testid=fm-field]").length).toBe(0);
    expect($("[data-testid=fm-readonly]").textContent).toContain("601 fields");
    expect($<HTMLDetailsElement>("#fm-raw-panel").open).toBe(true);
    expect(form.isDirty()).toBe(false);
    expect(form.currentFrontMatter()).toEqual(values);
    type($<HTMLTextAreaElement>("[data-testid=fm-raw]"), source.replace("title: Many", "title: Fewer"));
    expect(form.edits().frontMatterSource).toContain("title: Fewer");
  });
});
