import { describe, expect, it } from "vitest";
import type { LibraryDelta } from "./ipc/bindings/LibraryDelta";
import { DeltaGate, fateOf } from "./library-sync";

function delta(seq: number, parts: Partial<LibraryDelta> = {}): LibraryDelta {
  return {
    seq,
    upserted: [],
    removed: [],
    renamed: [],
    external: [],
    problems: [],
    changedAtMs: 0,
    origin: "disk",
    progress: { done: 0, total: 0, finished: true },
    ...parts,
  };
}

describe("DeltaGate", () => {
  it("holds deltas that arrive before the snapshot and releases only the newer ones", () => {
    const gate = new DeltaGate();
    expect(gate.accept(delta(2))).toBe(false);
    expect(gate.accept(delta(4))).toBe(false);
    expect(gate.accept(delta(3))).toBe(false);
    expect(gate.snapshot(2).map((d) => d.seq)).toEqual([3, 4]);
    expect(gate.accept(delta(4))).toBe(false);
    expect(gate.accept(delta(5))).toBe(true);
  });

  it("drops deltas the snapshot already includes", () => {
    const gate = new DeltaGate();
    expect(gate.snapshot(7)).toEqual([]);
    expect(gate.accept(delta(7))).toBe(false);
    expect(gate.accept(delta(8))).toBe(true);
  });

  it("starts over for a new folder", () => {
    const gate = new DeltaGate();
    gate.snapshot(9);
    gate.reset();
    expect(gate.accept(delta(1))).toBe(false);
    expect(gate.snapshot(0).map((d) => d.seq)).toEqual([1]);
  });
});

describe("fateOf", () => {
  it("follows a rename and does not call it a deletion", () => {
    const fate = fateOf(delta(1, { removed: ["a.md"], renamed: [{ from: "a.md", to: "b.md" }] }), "a.md");
    expect(fate).toEqual({ movedTo: "b.md", deleted: false, changed: false });
  });

  it("sees a deletion and an external change", () => {
    expect(fateOf(delta(1, { removed: ["a.md"] }), "a.md").deleted).toBe(true);
    expect(fateOf(delta(1, { external: ["a.md"] }), "a.md").changed).toBe(true);
    expect(fateOf(delta(1, { external: ["c.md"], removed: ["c.md"] }), "a.md")).toEqual({
      movedTo: null,
      deleted: false,
      changed: false,
    });
  });
});
