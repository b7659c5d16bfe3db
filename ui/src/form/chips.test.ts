// @vitest-environment happy-dom
// The chip input on its own: what the writer's keys do to the list, and the whole list reported
// after each change (the form keeps it; a lost report would be a lost tag on save).
import { beforeEach, describe, expect, it } from "vitest";
import type { ValueCount } from "../ipc/bindings/Schema";
import { chipInput } from "./chips";
import type { FieldSpec } from "./model";

const spec: FieldSpec = { key: "tags", label: "Tags", kind: "list", original: ["markdown"], suggest: "tags" };
const known: ValueCount[] = [
  { value: "gpt-4o", count: 3 },
  { value: "markdown", count: 6 },
];

let reported: string[][];
let entry: HTMLInputElement;
const chips = () => [...document.querySelectorAll<HTMLElement>("[data-testid=fm-tag]")].map((c) => c.dataset.value);
const key = (k: string) => entry.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true }));
const type = (text: string) => {
  entry.value = text;
  entry.dispatchEvent(new Event("input", { bubbles: true }));
};

beforeEach(() => {
  reported = [];
  const notes = document.createElement("div");
  document.body.replaceChildren(chipInput(spec, "fm-tags", ["markdown"], notes, { edited: (_k, items) => reported.push(items), known: () => known }), notes);
  entry = document.querySelector<HTMLInputElement>("[data-testid=fm-field][data-key=tags]")!;
});

describe("chipInput", () => {
  it("commits at a comma or Enter, once per tag, and reports the whole list", () => {
    type("vim, markdown, go");
    expect(chips()).toEqual(["markdown", "vim"]);
    expect(entry.value).toBe(" go");
    key("Enter");
    expect(chips()).toEqual(["markdown", "vim", "go"]);
    expect(reported[reported.length - 1]).toEqual(["markdown", "vim", "go"]);
  });

  it("takes the last chip back for editing on Backspace, and an emptied edit removes it", () => {
    type("vim");
    key("Enter");
    key("Backspace");
    expect(entry.value).toBe("vim");
    expect(chips()).toEqual(["markdown"]);
    type("neovim");
    key("Enter");
    expect(chips()).toEqual(["markdown", "neovim"]);
    key("Backspace");
    type("");
    key("Enter");
    expect(chips()).toEqual(["markdown"]);
    expect(reported[reported.length - 1]).toEqual(["markdown"]);
  });

  it("warns on a case variant of a known tag and fixes it in one click", () => {
    type("GPT-4o");
    key("Enter");
    document.querySelector<HTMLButtonElement>('[data-testid=fm-tag-warning][data-tag="GPT-4o"] [data-testid=fm-tag-fix]')!.click();
    expect(chips()).toEqual(["markdown", "gpt-4o"]);
    expect(reported[reported.length - 1]).toEqual(["markdown", "gpt-4o"]);
    expect(document.querySelector("[data-testid=fm-tag-warning]")).toBeNull();
  });
});
