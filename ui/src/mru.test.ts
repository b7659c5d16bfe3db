import { expect, test } from "vitest";
import { Mru } from "./mru";

test("most recent first, without duplicates, capped", () => {
  const mru = new Mru(3);
  for (const p of ["a", "b", "c", "a", "d"]) mru.visit(p);
  expect(mru.list()).toEqual(["d", "a", "c"]);
  mru.rename("a", "z");
  mru.remove("c");
  expect(mru.list()).toEqual(["d", "z"]);
});

test("Ctrl+Tab once flips between the two latest posts", () => {
  const mru = new Mru();
  for (const p of ["a", "b", "c"]) mru.visit(p);
  expect(mru.step("c", 1)).toBe("b");
  mru.endCycle();
  expect(mru.list()).toEqual(["b", "c", "a"]);
  expect(mru.step("b", 1)).toBe("c");
  mru.endCycle();
  expect(mru.list()).toEqual(["c", "b", "a"]);
});

test("holding Ctrl steps through a fixed snapshot, both ways, wrapping", () => {
  const mru = new Mru();
  for (const p of ["a", "b", "c"]) mru.visit(p);
  expect(mru.step("c", 1)).toBe("b");
  mru.visit("b"); // opening it while Ctrl is held does not reorder
  expect(mru.step("b", 1)).toBe("a");
  expect(mru.step("a", 1)).toBe("c");
  expect(mru.step("c", -1)).toBe("a");
  mru.endCycle();
  expect(mru.list()).toEqual(["a", "c", "b"]);
});

test("with nothing recent there is nowhere to go", () => {
  const mru = new Mru();
  expect(mru.step(null, 1)).toBeNull();
  mru.endCycle();
  expect(mru.cycling()).toBe(false);
});
