// @vitest-environment happy-dom
// The form against a generator's declared schema (Schema.declared): required fields marked and
// offered when missing, options as a select, a length counter, defaults as placeholders that are
// never written, declared types choosing the input only where the value survives it, and a
// declared object as a group of rows.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { DeclaredField } from "../ipc/bindings/DeclaredSchema";
import type { PostDocument } from "../ipc/bindings/PostDocument";
import type { Schema } from "../ipc/bindings/Schema";
import type { SourceCheck } from "../ipc/bindings/SourceCheck";
import { addableFields, fieldsFor } from "./model";
import { FrontMatterForm } from "./view";

const html = readFileSync(resolve(__dirname, "../../index.html"), "utf8");

function doc(frontMatter: Record<string, unknown>): PostDocument {
  return {
    path: "src/content/blog/a.md",
    baseHash: "h",
    kind: "yaml",
    lineEnding: "lf",
    wrappedInFence: false,
    frontMatter,
    frontMatterSource: "title: x\n",
    roles: { title: "title", date: null, summary: null, tags: null, draft: null },
    body: "Body\n",
    diagnostics: [],
    readOnlyReason: null,
  };
}

let line = 0;
function declared(key: string, type: DeclaredField["type"], more: Partial<DeclaredField> = {}): DeclaredField {
  line++;
  return {
    key,
    type,
    required: false,
    default: null,
    options: [],
    min: null,
    max: null,
    image: false,
    reference: null,
    item: null,
    fields: [],
    source: `src/content.config.ts:${line}`,
    ...more,
  };
}

/** Astro's blog starter, with a few more kinds of declaration. */
const schema: Schema = {
  posts: 0,
  fields: [],
  tags: [],
  categories: [],
  dateStyle: "date",
  declared: {
    source: "src/content.config.ts",
    fields: [
      declared("title", "text", { required: true, max: 60 }),
      declared("description", "text", { required: true, max: 20 }),
      declared("pubDate", "date", { required: true }),
      declared("updatedDate", "date"),
      declared("heroImage", "map", {
        fields: [declared("src", "text", { required: true, image: true }), declared("alt", "text", { required: true })],
      }),
      declared("category", "text", { options: ["news", "notes", "essays"] }),
      declared("draft", "bool", { default: false }),
      declared("comments", "bool", { default: true }),
      declared("layout", "text", { default: "post" }),
      declared("weight", "number", { min: 0, max: 10 }),
    ],
  },
};

async function check(): Promise<SourceCheck> {
  return { valid: true, diagnostics: [], values: {} };
}

let form: FrontMatterForm;
const $ = <T extends HTMLElement>(css: string) => document.querySelector<T>(css)!;
const field = (key: string) => $<HTMLInputElement>(`[data-testid=fm-field][data-key="${key}"]`);
const row = (key: string) => $(`[data-field="${key}"]`);
const type = (el: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
};

function open(values: Record<string, unknown>, withSchema: Schema | null = schema): void {
  form.setSchema(withSchema);
  form.load(doc(values));
}

beforeEach(() => {
  document.body.innerHTML = html.slice(html.indexOf("<body>") + 6, html.indexOf("<script"));
  form = new FrontMatterForm(
    { form: $("#fields"), rawPanel: $("#fm-raw-panel"), raw: $("[data-testid=fm-raw]"), rawProblems: $("#fm-raw-problems") },
    () => {},
    check,
  );
});

describe("required fields", () => {
  it("marks a required field's label with where it is required", () => {
    open({ title: "Hello", description: "Short", pubDate: "2025-01-02" });
    const marker = row("title").querySelector<HTMLElement>("[data-testid=required-marker]")!;
    expect(marker).not.toBeNull();
    expect(marker.getAttribute("aria-label")).toBe("Required by src/content.config.ts:1");
    expect(marker.title).toBe("Required by src/content.config.ts:1");
    expect(row("updatedDate")).toBeNull(); // Optional and absent: offered under "Add field" only.
    expect(document.querySelector("[data-field=layout] [data-testid=required-marker]")).toBeNull();
  });

  it("shows a missing required field as an empty row where the schema puts it, and filling it adds the key", () => {
    open({ title: "Hello", description: "Short" });
    const keys = [...document.querySelectorAll<HTMLElement>("#fields [data-field]")].map((r) => r.dataset.field);
    expect(keys.slice(0, 3)).toEqual(["title", "description", "pubDate"]);
    expect(row("pubDate").querySelector("[data-testid=required-marker]")).not.toBeNull();
    expect(field("pubDate").value).toBe("");
    expect(form.isDirty()).toBe(false);
    type(field("pubDate"), "2025-03-04");
    expect(form.edits().fields).toEqual([{ key: "pubDate", value: "2025-03-04" }]);
  });

  it("without a declared schema, shows no markers and no extra rows", () => {
    open({ title: "Hello" }, null);
    expect(document.querySelector("[data-testid=required-marker]")).toBeNull();
    expect(row("pubDate")).toBeNull();
  });
});

describe("options", () => {
  it("draws a select of the options, keeping a stray value selectable and marked", () => {
    open({ title: "Hello", description: "Short", pubDate: "2025-01-02", category: "rants" });
    const select = $<HTMLSelectElement>("[data-testid=field-select][data-key=category]");
    expect([...select.options].map((o) => o.textContent)).toEqual(["rants (not an option)", "news", "notes", "essays"]);
    expect(select.value).toBe("rants");
    expect(select.dataset.stray).toBe("true");
    expect(select.options[0].dataset.stray).toBe("true");
    expect(form.isDirty()).toBe(false);
    select.value = "notes";
    select.dispatchEvent(new Event("change", { bubbles: true }));
    expect(select.dataset.stray).toBe("false");
    expect(form.edits().fields).toEqual([{ key: "category", value: "notes" }]);
  });

  it("keeps a value among the options as it is", () => {
    open({ title: "Hello", category: "news" });
    const select = $<HTMLSelectElement>("[data-testid=field-select][data-key=category]");
    expect([...select.options].map((o) => o.value)).toEqual(["news", "notes", "essays"]);
    expect(select.value).toBe("news");
    expect(form.isDirty()).toBe(false);
  });
});

describe("length counter", () => {
  it("counts against the declared max while typing, and says when over", () => {
    open({ title: "Hello", description: "Short", pubDate: "2025-01-02" });
    const counter = row("description").querySelector<HTMLElement>("[data-testid=length-counter]")!;
    expect(counter.textContent).toBe("5 / 20");
    expect(counter.dataset.over).toBe("false");
    type(field("description"), "A description far too long");
    expect(counter.textContent).toBe("26 / 20");
    expect(counter.dataset.over).toBe("true");
    expect(row("title").querySelector("[data-testid=length-counter]")!.textContent).toBe("5 / 60");
    expect(row("pubDate").querySelector("[data-testid=length-counter]")).toBeNull();
  });
});

describe("defaults", () => {
  it("shows an absent field's default as a placeholder and never writes it", () => {
    open({ title: "Hello", description: "Short", pubDate: "2025-01-02" });
    expect(field("layout").value).toBe("");
    expect(field("layout").placeholder).toBe("post");
    expect(field("draft").checked).toBe(false);
    expect(row("draft").querySelector("[data-testid=default-hint]")!.textContent).toBe("default: false");
    expect(field("comments").checked).toBe(true);
    expect(row("comments").querySelector("[data-testid=default-hint]")!.textContent).toBe("default: true");
    expect(form.isDirty()).toBe(false);
    expect(form.edits().fields).toEqual([]);
    expect(form.currentFrontMatter()).toEqual({ title: "Hello", description: "Short", pubDate: "2025-01-02" });
  });

  it("writes a default field once the writer changes it", () => {
    open({ title: "Hello", description: "Short", pubDate: "2025-01-02" });
    const comments = field("comments");
    comments.checked = false;
    comments.dispatchEvent(new Event("change", { bubbles: true }));
    const draft = field("draft");
    draft.checked = true;
    draft.dispatchEvent(new Event("change", { bubbles: true }));
    type(field("layout"), "wide");
    expect(form.edits().fields).toEqual([
      { key: "draft", value: true },
      { key: "comments", value: false },
      { key: "layout", value: "wide" },
    ]);
  });

  it("shows no default for a field the post has", () => {
    open({ title: "Hello", draft: true, layout: "" });
    expect(row("draft").querySelector("[data-testid=default-hint]")).toBeNull();
    expect(field("layout").placeholder).toBe("");
  });
});

describe("declared types", () => {
  it("choose the input where the value survives it, and never rewrite an untouched value", () => {
    open({ title: "Hello", updatedDate: "next week", weight: "3", draft: "yes", layout: 42 });
    // A declared date gets the date input even for a string that is not one yet.
    expect(field("updatedDate").classList.contains("date-text")).toBe(true);
    expect($("[data-testid=fm-date-picker][data-for=updatedDate]")).not.toBeNull();
    expect(field("updatedDate").value).toBe("next week");
    // A switch or a number input would rewrite these, so they stay text.
    expect(field("draft").type).toBe("text");
    expect(field("draft").value).toBe("yes");
    expect(row("weight").classList.contains("field-text")).toBe(true);
    // A number declared as text is edited as text, and stays a number while it reads as one.
    expect(row("layout").classList.contains("field-text")).toBe(true);
    expect(form.edits().fields).toEqual([]);
  });

  it("choose the input for a field the post lacks", () => {
    const specs = fieldsFor(doc({ title: "T" }), schema);
    const kinds = Object.fromEntries(specs.map((s) => [s.key, s.kind]));
    expect(kinds).toMatchObject({ pubDate: "date", draft: "bool", comments: "bool", layout: "text" });
    expect(addableFields(schema, { title: "T" })).toContainEqual({ key: "category", kind: "select", present: 0, declared: true });
    expect(addableFields(schema, { title: "T" })).toContainEqual({ key: "weight", kind: "number", present: 0, declared: true });
  });

  it("win over the inferred type for an absent field", () => {
    const withInferred: Schema = {
      ...schema,
      fields: [{ key: "weight", type: "text", types: [{ type: "text", count: 9 }], present: 9, fraction: 0.9, subKeys: [], role: null }],
    };
    expect(addableFields(withInferred, { title: "T" })).toContainEqual({ key: "weight", kind: "number", present: 9, declared: true });
  });
});

describe("number bounds", () => {
  it("warns under a number outside its declared bounds", () => {
    open({ title: "Hello", weight: 3 });
    expect(row("weight").querySelector("[data-testid=bound-note]")).toBeNull();
    type(field("weight"), "12");
    expect(row("weight").querySelector("[data-testid=bound-note]")!.textContent).toBe("Above the declared maximum, 10 (src/content.config.ts:12).");
    type(field("weight"), "-1");
    expect(row("weight").querySelector("[data-testid=bound-note]")!.textContent).toMatch(/^Below the declared minimum, 0/);
  });
});

describe("declared objects", () => {
  it("are a group of their declared fields, required inside a map the post has", () => {
    open({ title: "Hello", heroImage: { src: "/a.png" } });
    const group = $("fieldset[data-group=heroImage]");
    const keys = [...group.querySelectorAll<HTMLElement>("[data-field]")].map((r) => r.dataset.field);
    expect(keys).toEqual(["heroImage.src", "heroImage.alt"]);
    expect(row("heroImage.src").classList.contains("field-image")).toBe(true);
    expect(row("heroImage.alt").querySelector("[data-testid=required-marker]")).not.toBeNull();
    expect(form.isDirty()).toBe(false);
    type(field("heroImage.alt"), "A harbour");
    expect(form.edits().fields).toEqual([{ key: "heroImage.alt", value: "A harbour" }]);
  });
});
