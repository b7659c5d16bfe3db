import { describe, expect, it } from "vitest";
import {
  addKeyProblem,
  addableFields,
  changedFields,
  countWords,
  currentFrontMatter,
  displayValue,
  fieldCount,
  fieldErrors,
  fieldsFor,
  groupsOf,
  inputFor,
  parseList,
  removedKeys,
  valueOf,
  type FieldSpec,
  type InputValue,
} from "./model";
import type { PostDocument } from "../ipc/bindings/PostDocument";
import type { Schema, FieldSchema } from "../ipc/bindings/Schema";

function doc(frontMatter: Record<string, unknown>): PostDocument {
  return {
    path: "a.md",
    baseHash: "h",
    kind: "yaml",
    lineEnding: "lf",
    wrappedInFence: false,
    frontMatter,
    frontMatterSource: "",
    roles: { title: null, date: null, summary: null, tags: null, draft: null },
    body: "",
    diagnostics: [],
    readOnlyReason: null,
  };
}

function field(key: string, type: FieldSchema["type"], present: number, subKeys: string[] = []): FieldSchema {
  return { key, type, types: [{ type, count: present }], present, fraction: present / 10, subKeys, role: null };
}

const schema: Schema = {
  posts: 10,
  fields: [
    field("title", "text", 10),
    field("pubDate", "date", 10),
    field("tags", "list", 9),
    field("image", "map", 6, ["url", "alt"]),
    field("draft", "bool", 3),
    field("weight", "number", 2),
  ],
  tags: [{ value: "ai", count: 4 }],
  categories: [{ value: "Tools", count: 3 }],
  dateStyle: "date",
};

const kinds = (specs: FieldSpec[]) => specs.map((s) => [s.key, s.kind]);

describe("fieldsFor", () => {
  it("shows roles first with the post's own keys, then every other key in order", () => {
    const specs = fieldsFor(
      doc({
        extra: [{ a: 1 }],
        title: "T",
        date: "2025-01-01T10:00:00+02:00",
        tags: ["a"],
        categories: ["Tools"],
        heroImage: "/x.png",
        draft: true,
        weight: 3,
        nothing: null,
      }),
    );
    expect(kinds(specs)).toEqual([
      ["title", "text"],
      ["description", "longtext"],
      ["date", "datetime"],
      ["tags", "list"],
      ["categories", "list"],
      ["heroImage", "image"],
      ["draft", "bool"],
      ["extra", "raw"],
      ["weight", "number"],
      ["nothing", "raw"],
    ]);
    expect(specs.find((s) => s.key === "tags")!.suggest).toBe("tags");
    expect(specs.find((s) => s.key === "categories")!.suggest).toBe("categories");
  });

  it("offers the folder's common fields the post lacks, typed by the schema", () => {
    const specs = fieldsFor(doc({ title: "T" }), schema);
    expect(kinds(specs)).toEqual([
      ["title", "text"],
      ["description", "longtext"],
      ["pubDate", "date"],
      ["tags", "list"],
      ["image.url", "image"],
      ["image.alt", "text"],
    ]);
    expect(specs.every((s) => s.key === "title" || s.original === undefined)).toBe(true);
  });

  it("makes a map of plain values a group, and anything deeper a raw value", () => {
    const values = { image: { url: "/x.png", alt: "X", width: 3 }, seo: { og: { a: 1 } } };
    const specs = fieldsFor(doc(values));
    expect(kinds(specs).slice(2)).toEqual([
      ["image.url", "image"],
      ["image.alt", "text"],
      ["image.width", "number"],
      ["seo", "raw"],
    ]);
    expect(groupsOf(specs, values)).toEqual([{ key: "image", label: "Image", original: values.image }]);
  });

  it("keeps a value's own type when the schema says otherwise", () => {
    const specs = fieldsFor(doc({ title: "T", pubDate: "soon", tags: "solo" }), schema);
    expect(kinds(specs).slice(2, 4)).toEqual([
      ["pubDate", "text"],
      ["tags", "list"],
    ]);
  });
});

describe("values", () => {
  const tags: FieldSpec = { key: "tags", label: "Tags", kind: "list", original: ["a b", "c"] };

  it("reads chips and comma text back as lists", () => {
    expect(displayValue(tags)).toBe("a b, c");
    expect(inputFor(tags)).toEqual(["a b", "c"]);
    expect(valueOf(tags, ["a b", "d"])).toEqual(["a b", "d"]);
    expect(valueOf(tags, " a b ,c,, d ")).toEqual(["a b", "c", "d"]);
    expect(parseList("")).toEqual([]);
  });

  it("keeps a single string tag a string while it is one item", () => {
    const single: FieldSpec = { key: "tags", label: "Tags", kind: "list", original: "solo" };
    expect(inputFor(single)).toEqual(["solo"]);
    expect(valueOf(single, ["other"])).toBe("other");
    expect(valueOf(single, ["solo", "two"])).toEqual(["solo", "two"]);
  });

  it("reads numbers, and keeps text that is not one", () => {
    const weight: FieldSpec = { key: "weight", label: "weight", kind: "number", original: 3 };
    expect(valueOf(weight, "4.5")).toBe(4.5);
    expect(valueOf(weight, "")).toBe(null);
    expect(valueOf(weight, "four")).toBe("four");
  });

  it("shows raw values as YAML flow text and reads them back", () => {
    const raw: FieldSpec = { key: "extra", label: "extra", kind: "raw", original: [{ a: 1 }, "b c"] };
    expect(inputFor(raw)).toBe("[{a: 1}, b c]");
    expect(valueOf(raw, "[{a: 2}, b c]")).toEqual([{ a: 2 }, "b c"]);
    expect(valueOf(raw, "")).toBe(null);
    expect(valueOf(raw, "[a, b")).toBeUndefined();
    expect(fieldErrors([raw], new Map([["extra", "[a, b"]]))[0].key).toBe("extra");
    expect(fieldErrors([raw], new Map([["extra", "[a, b]"]]))).toEqual([]);
  });
});

describe("changedFields", () => {
  const specs: FieldSpec[] = [
    { key: "title", label: "Title", kind: "text", original: "Old" },
    { key: "tags", label: "Tags", kind: "list", original: ["a", "b"] },
    { key: "description", label: "Description", kind: "longtext", original: undefined },
    { key: "draft", label: "Draft", kind: "bool", original: false },
    { key: "empty", label: "empty", kind: "raw", original: null },
    { key: "image.alt", label: "alt", kind: "text", original: "A", group: "image" },
  ];
  const unchanged = (): Map<string, InputValue> =>
    new Map<string, InputValue>([
      ["title", "Old"],
      ["tags", ["a", "b"]],
      ["description", ""],
      ["draft", false],
      ["empty", ""],
      ["image.alt", "A"],
    ]);

  it("sends nothing when nothing changed", () => {
    expect(changedFields(specs, unchanged())).toEqual([]);
  });

  it("sends only the edited fields, typed, with dotted keys", () => {
    const inputs = unchanged();
    inputs.set("title", "New");
    inputs.set("tags", ["a", "b", "c"]);
    inputs.set("description", "Now described");
    inputs.set("draft", true);
    inputs.set("image.alt", "B");
    expect(changedFields(specs, inputs)).toEqual([
      { key: "title", value: "New" },
      { key: "tags", value: ["a", "b", "c"] },
      { key: "description", value: "Now described" },
      { key: "draft", value: true },
      { key: "image.alt", value: "B" },
    ]);
  });

  it("sends an added field even when it is empty", () => {
    const added: FieldSpec = { key: "draft", label: "Draft", kind: "bool", original: undefined, added: true };
    expect(changedFields([added], new Map([["draft", false]]))).toEqual([{ key: "draft", value: false }]);
  });
});

describe("removals and the live front matter", () => {
  const values = { title: "T", image: { url: "/x.png", alt: "X" }, draft: false };

  it("removes only keys the post has, and a group's inner keys go with it", () => {
    expect(removedKeys(values, ["draft", "missing", "image.alt", "image"])).toEqual(["draft", "image"]);
    expect(removedKeys(values, ["image.alt"])).toEqual(["image.alt"]);
  });

  it("applies edits by dotted key and drops removed keys", () => {
    const specs = fieldsFor(doc(values));
    const inputs = new Map<string, InputValue>(specs.map((s) => [s.key, inputFor(s)]));
    inputs.set("image.alt", "Y");
    const now = currentFrontMatter(values, specs, inputs, ["draft"]);
    expect(now).toEqual({ title: "T", image: { url: "/x.png", alt: "Y" } });
    expect(values.image.alt).toBe("X");
  });
});

describe("adding a field", () => {
  it("suggests the folder's keys the post lacks, most used first", () => {
    expect(addableFields(schema, { title: "T", tags: [] })).toEqual([
      { key: "pubDate", kind: "date", present: 10 },
      { key: "image", kind: "raw", present: 6 },
      { key: "draft", kind: "bool", present: 3 },
      { key: "weight", kind: "number", present: 2 },
    ]);
  });

  it("refuses a key that is there, malformed, or under a non-map", () => {
    const values = { title: "T", image: { url: "x" }, heroImage: "y" };
    expect(addKeyProblem("subtitle", values)).toBeNull();
    expect(addKeyProblem("image.alt", values)).toBeNull();
    expect(addKeyProblem("title", values)).toMatch(/already/);
    expect(addKeyProblem("image.url", values)).toMatch(/already/);
    expect(addKeyProblem("", values)).toMatch(/name/);
    expect(addKeyProblem("two words", values)).toMatch(/letters/);
    expect(addKeyProblem("heroImage.alt", values)).toMatch(/not a group/);
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

describe("fieldCount", () => {
  it("counts the fields the form would draw, a group of plain values by its members", () => {
    expect(fieldCount({})).toBe(0);
    expect(fieldCount({ title: "t", tags: ["a", "b"], image: { url: "/x.png", alt: "x" }, seo: { og: { a: 1 } }, empty: {} })).toBe(6);
    const many: Record<string, unknown> = {};
    for (let i = 0; i < 10000; i++) many[`f${i}`] = i;
    expect(fieldCount(many)).toBe(10000);
    expect(fieldCount({ image: many })).toBe(10000);
  });
});
