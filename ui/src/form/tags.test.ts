import { describe, expect, it } from "vitest";
import { editDistance, suggest, tagKey, tagWarnings } from "./tags";

const known = [
  { value: "gpt-4o", count: 3 },
  { value: "GPT-4o", count: 1 },
  { value: "kubernetes", count: 5 },
  { value: "ai", count: 4 },
  { value: "AI", count: 1 },
  { value: "static-sites", count: 2 },
  { value: "markdown", count: 6 },
];

describe("tag variants", () => {
  it("keys ignore case and separators", () => {
    expect(tagKey("GPT-4o")).toBe(tagKey("gpt 4o"));
    expect(tagKey("Static_Sites")).toBe("static-sites");
    expect(editDistance("kubernets", "kubernetes")).toBe(1);
    expect(editDistance("ab", "ba")).toBe(1);
  });

  it("warns on a case variant and names the folder's usual form", () => {
    const warnings = tagWarnings(["GPT-4o", "AI", "markdown"], known);
    expect(warnings.map((w) => [w.tag, w.use, w.kind])).toEqual([
      ["GPT-4o", "gpt-4o", "variant"],
      ["AI", "ai", "variant"],
    ]);
    expect(warnings[0].message).toContain("“gpt-4o” (3)");
  });

  it("warns on two spellings inside the post itself", () => {
    expect(tagWarnings(["ai", "AI"], []).map((w) => w.tag)).toEqual(["AI"]);
  });

  it("warns on a near-duplicate of a more used tag, not on short or distinct ones", () => {
    expect(tagWarnings(["kubernets"], known).map((w) => [w.use, w.kind])).toEqual([["kubernetes", "misspelling"]]);
    expect(tagWarnings(["markdown", "gpt-4o", "ai", "vim"], known)).toEqual([]);
    expect(tagWarnings(["bi"], known)).toEqual([]);
  });
});

describe("suggest", () => {
  it("offers prefix matches first, by use, and leaves out chosen tags in any case", () => {
    expect(suggest(known, "", ["markdown"], 3)).toEqual(["kubernetes", "ai", "gpt-4o"]);
    expect(suggest(known, "a", ["AI"])).toEqual(["markdown", "static-sites"]);
    expect(suggest(known, "GPT", [])).toEqual(["gpt-4o", "GPT-4o"]);
    expect(suggest(known, "static s", [])).toEqual(["static-sites"]);
  });
});
