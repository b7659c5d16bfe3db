import { describe, expect, it } from "vitest";
import type { JournalEntry } from "./ipc/bindings/JournalEntry";
import type { PostDocument } from "./ipc/bindings/PostDocument";
import { needsBase, restorePlan } from "./recovery";

function post(baseHash: string, body: string): PostDocument {
  return {
    path: "desk.md",
    baseHash,
    kind: "yaml",
    lineEnding: "lf",
    wrappedInFence: false,
    frontMatter: { title: "Desk" },
    frontMatterSource: "title: Desk\n",
    roles: { title: "title", date: null, summary: null, tags: null, draft: null },
    body,
    diagnostics: [],
    readOnlyReason: null,
  };
}

const entry: JournalEntry = {
  root: "/blog",
  path: "desk.md",
  baseHash: "base",
  fields: [],
  body: "Mine.\n\nOne.\n",
  savedAtMs: 1,
};

describe("restorePlan", () => {
  it("puts the changes back on the file when it still holds their base", () => {
    const disk = post("base", "One.\n");
    expect(needsBase(entry, disk)).toBe(false);
    expect(restorePlan(entry, disk, null)).toEqual({ doc: disk, reconcile: false });
  });

  it("puts the buffer back on its own base when the file changed, to be reconciled", () => {
    const disk = post("outside", "One.\n\nTwo (outside).\n");
    const base = post("base", "One.\n");
    expect(needsBase(entry, disk)).toBe(true);
    const plan = restorePlan(entry, disk, base);
    expect(plan.reconcile).toBe(true);
    expect(plan.doc).toBe(base);
  });

  it("without a base text, keeps the entry's base hash over the disk's text, so nothing saves over it", () => {
    const disk = post("outside", "One.\n\nTwo (outside).\n");
    for (const base of [null, post("something-else", "?"), { ...post("base", "One.\n"), path: "other.md" }]) {
      const plan = restorePlan(entry, disk, base);
      expect(plan.reconcile).toBe(true);
      expect(plan.doc.baseHash).toBe("base");
      expect(plan.doc.body).toBe(disk.body);
    }
  });
});
