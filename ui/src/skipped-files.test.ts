import { describe, expect, it } from "vitest";
import type { SkippedFile } from "./ipc/bindings/SkippedFile";
import { SKIPPED_SHOWN, SkippedFiles, reasonText, skippedMore, skippedSummary } from "./skipped-files";

const pipe: SkippedFile = { path: "pipe.md", reason: "a named pipe (FIFO), not a regular file" };
const disk: SkippedFile = { path: "disk", reason: "a link to a folder outside the site (/), not followed" };
const link: SkippedFile = { path: "notes/outside.md", reason: "a link outside the site (/tmp/x/outside.md), not followed" };

describe("SkippedFiles", () => {
  it("takes the snapshot's list, ordered by path", () => {
    const skipped = new SkippedFiles();
    skipped.snapshot([pipe, link, disk]);
    expect(skipped.list().map((f) => f.path)).toEqual(["disk", "notes/outside.md", "pipe.md"]);
  });

  it("keeps the list through deltas that carry none", () => {
    const skipped = new SkippedFiles();
    skipped.snapshot([pipe]);
    expect(skipped.apply({})).toBe(false);
    expect(skipped.apply({ skipped: undefined })).toBe(false);
    expect(skipped.list()).toEqual([pipe]);
  });

  it("replaces the list when a delta carries one, and says whether it changed", () => {
    const skipped = new SkippedFiles();
    skipped.snapshot([]);
    // The walk finished after the snapshot was taken.
    expect(skipped.apply({ skipped: [pipe, disk] })).toBe(true);
    expect(skipped.list().map((f) => f.path)).toEqual(["disk", "pipe.md"]);
    expect(skipped.apply({ skipped: [disk, pipe] })).toBe(false);
    expect(skipped.apply({ skipped: [{ ...pipe, reason: "a device, not a regular file" }, disk] })).toBe(true);
    // The files were removed: an empty list is news too.
    expect(skipped.apply({ skipped: [] })).toBe(true);
    expect(skipped.list()).toEqual([]);
  });

  it("starts afresh with another folder's snapshot", () => {
    const skipped = new SkippedFiles();
    skipped.snapshot([pipe, disk]);
    skipped.snapshot([]);
    expect(skipped.list()).toEqual([]);
  });

  it("lists a path reported twice once", () => {
    const skipped = new SkippedFiles();
    skipped.snapshot([pipe, { ...pipe, reason: "again" }]);
    expect(skipped.list()).toEqual([pipe]);
  });
});

describe("skippedSummary", () => {
  it("says nothing for a clean folder and counts the rest", () => {
    expect(skippedSummary([])).toBe("");
    expect(skippedSummary([pipe])).toBe("1 file skipped");
    expect(skippedSummary([pipe, disk, link])).toBe("3 files skipped");
  });
});

describe("reasonText", () => {
  it("starts the backend's reason as a sentence", () => {
    expect(reasonText(pipe.reason)).toBe("A named pipe (FIFO), not a regular file");
    expect(reasonText("  ")).toBe("Skipped");
  });
});

describe("skippedMore", () => {
  it("ends a cut list with how many more there are", () => {
    expect(skippedMore(3)).toBeNull();
    expect(skippedMore(SKIPPED_SHOWN)).toBeNull();
    expect(skippedMore(SKIPPED_SHOWN + 4800)).toBe("…and 4,800 more (postdesk list names them all)");
  });
});
