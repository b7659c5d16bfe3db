import { describe, expect, it } from "vitest";
import { applyChange, minimalChange } from "./text-diff";

describe("minimalChange", () => {
  const cases: [string, string, string][] = [
    ["One.\nTwo.\n", "One.\nTwo, edited.\n", "Two"],
    ["abc", "abXc", ""],
    ["same", "same", ""],
    ["", "new text", ""],
    ["old text", "", ""],
    ["aaaa", "aaaaaa", ""],
    ["x 😀 y", "x 😃 y", ""],
    ["😀", "😀😀", ""],
  ];
  it.each(cases)("turns %j into %j with one replacement", (before, after) => {
    const change = minimalChange(before, after);
    expect(applyChange(before, change)).toBe(after);
    if (before === after) expect(change).toBeNull();
  });

  it("keeps the untouched start and end out of the change", () => {
    const change = minimalChange("Intro\nMiddle\nOutro\n", "Intro\nMiddle part\nOutro\n");
    expect(change).toEqual({ from: 12, to: 12, insert: " part" });
  });

  it("never cuts an emoji in half", () => {
    const change = minimalChange("a😀b", "a😃b")!;
    expect(change.insert).toBe("😃");
    expect(change.to - change.from).toBe(2);
  });
});
