import { describe, expect, it } from "vitest";
import { changedFields, countWords, displayValue, fieldsFor, parseList, valueOf, type FieldSpec } from "./form-model";
import type { PostDocument } from "./ipc/bindings/PostDocument";

function doc(frontMatter: Record<string, unknown>, roles: Partial<PostDocument["roles"]>): PostDocument {
  return {
    path: "a.md",
    baseHash: "h",
    kind: "yaml",
    lineEnding: "lf",
    wrappedInFence: false,
    frontMatter,
    frontMatterSource: "",
    roles: { title: null, date: null, summary: null, tags: null, draft: null, ...roles },
    body: "",
    diagnostics: [],
    readOnlyReason: null,
  };
}

describe("fieldsFor", () => {
  it("uses the key the post really has for each role", () => {
    const specs = fieldsFor(
      doc({ title: "T", date: "2025-01-01", tags: ["a"], draft: true }, { title: "title", date: "date", tags: "tags", draft: "draft" }),
    );
    expect(specs.map((s) => [s.key, s.kind])).toEqual([
      ["title", "text"],
      ["description", "longtext"],
      ["date", "text"],
      ["tags", "list"],
      ["draft", "bool"],
    ]);
  });

  it("offers no draft toggle for an inverted `published` key", () => {
    const specs = fieldsFor(doc({ published: false }, { draft: "published" }));
    expect(specs.some((s) => s.kind === "bool")).toBe(false);
  });
});

describe("values", () => {
  const tags: FieldSpec = { key: "tags", label: "Tags", kind: "list", original: ["a b", "c"] };

  it("shows a list as comma-separated text and reads it back", () => {
    expect(displayValue(tags)).toBe("a b, c");
    expect(valueOf(tags, " a b ,c,, d ")).toEqual(["a b", "c", "d"]);
    expect(parseList("")).toEqual([]);
  });

  it("keeps a string tag field a string", () => {
    const single: FieldSpec = { key: "tags", label: "Tags", kind: "list", original: "solo" };
    expect(valueOf(single, "solo, two")).toBe("solo, two");
  });

  it("keeps numbers numbers", () => {
    const weight: FieldSpec = { key: "weight", label: "Weight", kind: "text", original: 3 };
    expect(valueOf(weight, "4")).toBe(4);
    expect(valueOf(weight, "four")).toBe("four");
  });
});

describe("changedFields", () => {
  const specs: FieldSpec[] = [
    { key: "title", label: "Title", kind: "text", original: "Old" },
    { key: "tags", label: "Tags", kind: "list", original: ["a", "b"] },
    { key: "description", label: "Description", kind: "longtext", original: undefined },
    { key: "draft", label: "Draft", kind: "bool", original: false },
  ];

  it("sends nothing when nothing changed", () => {
    const inputs = new Map<string, string | boolean>([
      ["title", "Old"],
      ["tags", "a,  b"],
      ["description", ""],
      ["draft", false],
    ]);
    expect(changedFields(specs, inputs)).toEqual([]);
  });

  it("sends only the edited fields, typed", () => {
    const inputs = new Map<string, string | boolean>([
      ["title", "New"],
      ["tags", "a, b, c"],
      ["description", "Now described"],
      ["draft", true],
    ]);
    expect(changedFields(specs, inputs)).toEqual([
      { key: "title", value: "New" },
      { key: "tags", value: ["a", "b", "c"] },
      { key: "description", value: "Now described" },
      { key: "draft", value: true },
    ]);
  });
});

describe("countWords", () => {
  it("counts words, not punctuation or markup alone", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("One two  three.\n\nFour")).toBe(4);
    expect(countWords("## Heading - with * bullets")).toBe(3);
    expect(countWords("café naïve 2024")).toBe(3);
  });
});
