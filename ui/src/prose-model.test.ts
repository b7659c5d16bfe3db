// Spelling and grammar, the pure part: placing a lint on its text, ignoring, suggestions, the
// panel's rows and counts.
import { describe, expect, it } from "vitest";
import type { ProseLint } from "./ipc/bindings/Prose";
import {
  anchorLint,
  fieldKeys,
  MAX_SUGGESTIONS,
  orderedRows,
  ProseIgnores,
  proseHeadline,
  rowWhere,
  ruleOf,
  suggestionChange,
  suggestionLabel,
  topSuggestions,
  type ProseRow,
} from "./prose-model";

function lint(text: string, start: number, rule = "spelling", extra: Partial<ProseLint> = {}): ProseLint {
  return { rule, start, end: start + text.length, text, message: `Check “${text}”`, suggestions: [], ...extra };
}

const on = (text: string) => [(f: number, t: number) => text.slice(f, t), text.length] as const;

describe("anchorLint", () => {
  it("takes the lint's own range when it holds the lint's text", () => {
    expect(anchorLint(...on("I saw teh cat"), lint("teh", 6))).toEqual({ from: 6, to: 9 });
  });

  it("counts in UTF-16 units, as JavaScript strings do", () => {
    const text = "😀 héllo wrold";
    expect(anchorLint(...on(text), lint("wrold", text.indexOf("wrold")))).toEqual({ from: 9, to: 14 });
  });

  it("finds the text close by when the offsets are off, nearest first", () => {
    const text = "wrold and wrold again";
    expect(anchorLint(...on(text), lint("wrold", 8))).toEqual({ from: 10, to: 15 });
    expect(anchorLint(...on(text), lint("wrold", 2))).toEqual({ from: 0, to: 5 });
  });

  it("drops a lint whose text is not there, or that is empty or past the end", () => {
    expect(anchorLint(...on("all fine here"), lint("teh", 4))).toBeNull();
    expect(anchorLint(...on("abc"), { start: 1, end: 1, text: "" })).toBeNull();
    expect(anchorLint(...on("abc"), { start: 2, end: 9, text: "" })).toBeNull();
    expect(anchorLint(...on("abc"), { start: 2, end: 1, text: "b" })).toBeNull();
  });
});

describe("ProseIgnores", () => {
  it("hides a spelling lint's word in its post only", () => {
    const ignores = new ProseIgnores();
    ignores.add("a.md", lint("Zola", 0));
    expect(ignores.has("a.md", lint("Zola", 40))).toBe(true);
    expect(ignores.has("b.md", lint("Zola", 0))).toBe(false);
    expect(ignores.has("a.md", lint("zola", 0))).toBe(false);
    expect(ignores.visible("a.md", [lint("Zola", 1), lint("Hugo", 9)]).map((l) => l.text)).toEqual(["Hugo"]);
  });

  it("keeps grammar notes apart by their message", () => {
    const ignores = new ProseIgnores();
    ignores.add("a.md", lint("a", 0, "grammar", { message: "Use “an” before a vowel." }));
    expect(ignores.has("a.md", lint("a", 9, "grammar", { message: "Use “an” before a vowel." }))).toBe(true);
    expect(ignores.has("a.md", lint("a", 9, "grammar", { message: "Repeated word." }))).toBe(false);
    expect(ignores.has("a.md", lint("a", 9, "spelling"))).toBe(false);
  });
});

describe("suggestions", () => {
  it("offers at most five, each once, never the word itself", () => {
    const got = topSuggestions(lint("teh", 0, "spelling", { suggestions: ["the", "teh", "tea", "the", "ten", "tech", "Ted", "tee"] }));
    expect(got).toEqual(["the", "tea", "ten", "tech", "Ted"]);
    expect(got).toHaveLength(MAX_SUGGESTIONS);
  });

  it("labels the empty suggestion as a removal", () => {
    expect(suggestionLabel("")).toBe("Remove");
    expect(suggestionLabel("the")).toBe("the");
  });

  it("replaces exactly the lint's range, and nothing once the text there changed", () => {
    const text = "I saw teh cat";
    const slice = (f: number, t: number) => text.slice(f, t);
    expect(suggestionChange(slice, { from: 6, to: 9 }, lint("teh", 6), "the")).toEqual({ from: 6, to: 9, insert: "the" });
    expect(suggestionChange(slice, { from: 5, to: 8 }, lint("teh", 6), "the")).toBeNull();
    expect(suggestionChange(slice, { from: 6, to: 6 }, lint("teh", 6), "the")).toBeNull();
  });
});

describe("the panel's rows", () => {
  const row = (field: ProseRow["field"], from: number, rule = "spelling"): ProseRow => ({
    field,
    lint: lint("x", from, rule),
    from,
    to: from + 1,
    line: field === "body" ? 1 : null,
  });

  it("orders the title, the description, then the body by position", () => {
    const got = orderedRows([row("body", 9), row("description", 3), row("body", 2), row("title", 5)]);
    expect(got.map((r) => `${r.field}@${r.from}`)).toEqual(["title@5", "description@3", "body@2", "body@9"]);
  });

  it("counts spelling and grammar", () => {
    expect(proseHeadline([])).toBe("");
    expect(proseHeadline([row("body", 1), row("title", 1), row("body", 3, "grammar")])).toBe("2 spelling, 1 grammar");
    expect(proseHeadline([row("body", 1, "grammar")])).toBe("1 grammar");
  });

  it("says where each row is", () => {
    expect(rowWhere({ ...row("body", 4), line: 12 })).toBe("“x” · line 12");
    expect(rowWhere(row("description", 0))).toBe("“x” · description");
  });

  it("reads an unknown rule as grammar", () => {
    expect(ruleOf({ rule: "spelling" })).toBe("spelling");
    expect(ruleOf({ rule: "style" })).toBe("grammar");
  });
});

describe("fieldKeys", () => {
  it("puts the post's own key first, then the role's aliases", () => {
    expect(fieldKeys("title", null)).toEqual(["title"]);
    expect(fieldKeys("description", "summary")).toEqual(["summary", "description", "excerpt"]);
    expect(fieldKeys("description", "blurb")).toEqual(["blurb", "description", "summary", "excerpt"]);
  });
});
