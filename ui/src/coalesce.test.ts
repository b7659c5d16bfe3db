import { describe, expect, it } from "vitest";
import { Coalescer } from "./coalesce";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("Coalescer", () => {
  it("runs the newest value after the one in flight, skipping the ones in between", async () => {
    const seen: number[] = [];
    const gates: Array<() => void> = [];
    const c = new Coalescer<number>(async (n) => {
      seen.push(n);
      const d = deferred();
      gates.push(d.resolve);
      await d.promise;
    });
    c.push(1);
    c.push(2);
    c.push(3);
    expect(seen).toEqual([1]);
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([1, 3]);
    gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([1, 3]);
  });

  it("keeps going after a failed run", async () => {
    const seen: number[] = [];
    const c = new Coalescer<number>(async (n) => {
      seen.push(n);
      if (n === 1) throw new Error("boom");
    });
    const originalError = console.error;
    console.error = () => {};
    c.push(1);
    await new Promise((r) => setTimeout(r, 0));
    c.push(2);
    await new Promise((r) => setTimeout(r, 0));
    console.error = originalError;
    expect(seen).toEqual([1, 2]);
  });
});
