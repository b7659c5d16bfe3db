// The table's model on plain data: default and available columns from a schema, the kinds the
// form would give them, remembered columns, cell text, type-aware sorting with empties last,
// the filter language, the selection across re-sorts, and 10,000 rows sorted in time.
import { describe, expect, it } from "vitest";
import { MemoryStorage } from "./memory-storage";
import type { DeclaredField } from "./ipc/bindings/DeclaredSchema";
import type { PostSummary } from "./ipc/bindings/PostSummary";
import type { FieldSchema, FieldType, Schema } from "./ipc/bindings/Schema";
import {
  GIT,
  PATH,
  PROBLEMS,
  TableSelection,
  alignRows,
  availableColumns,
  cellKind,
  cellText,
  columnSpecs,
  countText,
  defaultColumns,
  joinRows,
  loadColumns,
  loadWidths,
  matchesFilter,
  mergeDeclared,
  nextSort,
  parseFilter,
  prefsKey,
  saveColumns,
  settableFields,
  sortRows,
  visibleRange,
  visibleRows,
  type Column,
  type TableRow,
} from "./table-model";

function field(key: string, type: FieldType, extra: Partial<FieldSchema> = {}): FieldSchema {
  return { key, type, types: [{ type, count: 10 }], present: 10, fraction: 1, subKeys: [], role: null, ...extra };
}

function declared(key: string, type: FieldType, extra: Partial<DeclaredField> = {}): DeclaredField {
  return { key, type, required: false, default: null, options: [], min: null, max: null, image: false, reference: null, item: null, fields: [], source: "src/content.config.ts:3", ...extra };
}

const schema: Schema = {
  posts: 10,
  fields: [
    field("title", "text", { role: "title" }),
    field("pubDate", "date", { role: "date" }),
    field("description", "text", { role: "summary" }),
    field("tags", "list", { role: "tags" }),
    field("draft", "bool", { role: "draft" }),
    field("heroImage", "map", { role: "image", subKeys: ["src", "alt"] }),
    field("rating", "number"),
    field("status", "text"),
  ],
  tags: [],
  categories: [],
  dateStyle: "date",
  declared: {
    source: "src/content.config.ts",
    fields: [declared("status", "text", { options: ["idea", "writing", "done"] }), declared("series", "text"), declared("seo", "map", { fields: [declared("canonical", "text")] })],
  },
};

function summary(path: string, extra: Partial<PostSummary> = {}): PostSummary {
  return { path, title: null, date: null, updated: null, draft: false, tags: [], categories: [], errors: 0, warnings: 0, problems: 0, collection: "blog", lang: null, translationKey: null, ...extra };
}

function row(path: string, values: unknown[], extra: Partial<PostSummary> = {}, git: string | null = null): TableRow {
  return { path, summary: summary(path, extra), values, git };
}

const col = (key: string, kind: Column["kind"]): Column => ({ key, label: key, kind, width: 100 });
const paths = (rows: TableRow[]) => rows.map((r) => r.path);

describe("columns", () => {
  it("opens on title, date, draft, tags and description, then problems and git", () => {
    expect(defaultColumns(schema)).toEqual(["title", "pubDate", "draft", "tags", "description", PROBLEMS, GIT]);
  });

  it("finds role keys by alias when the schema names no roles, and always offers a title", () => {
    const hugo: Schema = { ...schema, declared: undefined, fields: [field("date", "date"), field("summary", "text"), field("published", "bool")] };
    expect(defaultColumns(hugo)).toEqual(["title", "date", "published", "summary", PROBLEMS, GIT]);
  });

  it("offers every key, each map's keys, declared keys and the pseudo-columns", () => {
    const keys = availableColumns(schema);
    expect(keys).toEqual([
      "title", "pubDate", "description", "tags", "draft", "heroImage", "heroImage.src", "heroImage.alt", "rating", "status",
      "series", "seo", "seo.canonical", PROBLEMS, GIT, PATH,
    ]);
  });

  it("gives each column the input the form would (dates, switches, chips, declared choices)", () => {
    const kinds = Object.fromEntries(columnSpecs(["title", "pubDate", "draft", "tags", "description", "heroImage.src", "rating", "status", "heroImage", PROBLEMS, GIT, PATH], schema).map((c) => [c.key, c.kind]));
    expect(kinds).toEqual({
      title: "text", pubDate: "date", draft: "bool", tags: "list", description: "longtext", "heroImage.src": "image", rating: "number",
      status: "select", heroImage: "raw", [PROBLEMS]: "problems", [GIT]: "git", [PATH]: "path",
    });
    const status = columnSpecs(["status"], schema)[0];
    expect(status.declared?.options).toEqual(["idea", "writing", "done"]);
  });

  it("keeps a cell's own kind where its value would not survive the column's input", () => {
    const [draft] = columnSpecs(["draft"], schema);
    expect(cellKind(draft, true)).toBe("bool");
    expect(cellKind(draft, "yes")).toBe("text");
    expect(cellKind(draft, null)).toBe("bool");
  });

  it("uses remembered widths, clamped, and sensible ones otherwise", () => {
    const [title, date, draft] = columnSpecs(["title", "pubDate", "draft"], schema, { pubDate: 5, draft: 90 });
    expect(title.width).toBeGreaterThan(date.width);
    expect(date.width).toBe(48);
    expect(draft.width).toBe(90);
  });

  it("lists settable fields without whole maps", () => {
    const fields = settableFields(schema);
    expect(fields.map((f) => f.key)).not.toContain("heroImage");
    expect(fields.map((f) => f.key)).not.toContain("seo");
    expect(fields).toContainEqual({ key: "heroImage.alt", kind: "text" });
    expect(fields).toContainEqual({ key: "draft", kind: "bool" });
    expect(fields.some((f) => f.key.startsWith("@"))).toBe(false);
  });
});

describe("remembered columns", () => {
  it("saves and loads per site and collection, with widths", () => {
    const storage = new MemoryStorage();
    expect(loadColumns(storage, "/site", "blog")).toBeNull();
    saveColumns(storage, "/site", "blog", ["title", "tags"], { title: 320 });
    saveColumns(storage, "/site", "docs", ["title", PATH]);
    expect(prefsKey("/site", "blog")).toBe("postdesk.table./site::blog");
    expect(loadColumns(storage, "/site", "blog")).toEqual(["title", "tags"]);
    expect(loadWidths(storage, "/site", "blog")).toEqual({ title: 320 });
    expect(loadColumns(storage, "/site", "docs")).toEqual(["title", PATH]);
    expect(loadColumns(storage, "/other", "blog")).toBeNull();
  });

  it("ignores what it cannot read and survives a storage that throws", () => {
    const storage = new MemoryStorage();
    storage.setItem(prefsKey("s", "c"), "{not json");
    expect(loadColumns(storage, "s", "c")).toBeNull();
    storage.setItem(prefsKey("s", "c"), JSON.stringify({ keys: [1, 2] }));
    expect(loadColumns(storage, "s", "c")).toBeNull();
    storage.setItem(prefsKey("s", "c"), JSON.stringify(["title", "date"]));
    expect(loadColumns(storage, "s", "c")).toEqual(["title", "date"]);
    const broken = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("full"); } };
    expect(() => saveColumns(broken, "s", "c", ["title"])).not.toThrow();
    expect(loadColumns(broken, "s", "c")).toBeNull();
  });
});

describe("cell text", () => {
  it("shows lists, flags, dates, maps and missing values calmly", () => {
    expect(cellText(["rust", "go"], "list")).toBe("rust, go");
    expect(cellText(true, "bool")).toBe("yes");
    expect(cellText(false, "bool")).toBe("");
    expect(cellText("2024-03-01", "date")).toBe("2024-03-01");
    expect(cellText({ src: "/a.png", alt: "A cat" }, "raw")).toBe("src: /a.png, alt: A cat");
    expect(cellText(null, "text")).toBe("");
    expect(cellText(undefined, "list")).toBe("");
    expect(cellText(3, "number")).toBe("3");
  });

  it("reads pseudo-columns from the post's summary, git state and path", () => {
    const rows = [row("a.md", [], { errors: 1, problems: 2 }, "modified")];
    const columns = [col(PROBLEMS, "problems"), col(GIT, "git"), col(PATH, "path")];
    expect(visibleRows(rows, columns, { [PROBLEMS]: "3", [GIT]: "=modified", [PATH]: "a.md" }, null)).toHaveLength(1);
  });
});

describe("sorting", () => {
  const dates = [row("a", ["2024-02-01"]), row("b", [null]), row("c", ["2023-12-31T10:00:00Z"]), row("d", ["2024-02-01 08:00"]), row("e", ["someday"]), row("f", ["2024-1-5"])];
  const date = col("pubDate", "date");

  it("orders dates chronologically, unreadable ones after, empty last", () => {
    expect(paths(sortRows(dates, date, "asc", 0))).toEqual(["c", "f", "a", "d", "e", "b"]);
    expect(paths(sortRows(dates, date, "desc", 0))).toEqual(["d", "a", "f", "c", "e", "b"]);
  });

  it("orders numbers numerically with empties last either way", () => {
    const rows = [row("a", [10]), row("b", [9]), row("c", [undefined]), row("d", ["100"]), row("e", [-1])];
    const n = col("rating", "number");
    expect(paths(sortRows(rows, n, "asc", 0))).toEqual(["e", "b", "a", "d", "c"]);
    expect(paths(sortRows(rows, n, "desc", 0))).toEqual(["d", "a", "b", "e", "c"]);
  });

  it("puts true first when descending, and missing flags last", () => {
    const rows = [row("a", [false]), row("b", [true]), row("c", [null]), row("d", [true])];
    const b = col("draft", "bool");
    expect(paths(sortRows(rows, b, "desc", 0))).toEqual(["b", "d", "a", "c"]);
    expect(paths(sortRows(rows, b, "asc", 0))).toEqual(["a", "b", "d", "c"]);
  });

  it("sorts text naturally and case-blind, and is stable", () => {
    const rows = [row("a", ["Post 10"]), row("b", ["post 2"]), row("c", [""]), row("d", ["Post 2"]), row("e", ["apple"])];
    const t = col("title", "text");
    expect(paths(sortRows(rows, t, "asc", 0))).toEqual(["e", "b", "d", "a", "c"]);
    expect(paths(sortRows(rows, t, "desc", 0))).toEqual(["a", "b", "d", "e", "c"]);
  });

  it("sorts lists by their joined text, empty lists last", () => {
    const rows = [row("a", [["web", "rust"]]), row("b", [[]]), row("c", [["go"]])];
    expect(paths(sortRows(rows, col("tags", "list"), "asc", 0))).toEqual(["c", "a", "b"]);
  });

  it("sorts the problems column by count", () => {
    const rows = [row("a", [], { problems: 2 }), row("b", [], { errors: 5 }), row("c", [])];
    expect(paths(sortRows(rows, col(PROBLEMS, "problems"), "desc", 0))).toEqual(["b", "a", "c"]);
  });

  it("sorts 10,000 rows quickly", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => row(`p${i}.md`, [`Title ${(i * 7919) % 10_000}`, `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`]));
    const started = performance.now();
    const byTitle = sortRows(rows, col("title", "text"), "asc", 0);
    const byDate = sortRows(rows, col("date", "date"), "desc", 1);
    const elapsed = performance.now() - started;
    expect(byTitle[0].values[0]).toBe("Title 0");
    expect(byTitle[9_999].values[0]).toBe("Title 9999");
    expect(String(byDate[0].values[1]) >= String(byDate[9_999].values[1])).toBe(true);
    expect(elapsed).toBeLessThan(1500);
  });

  it("cycles a header's sort: ascending, descending, none", () => {
    let s = nextSort(null, "title");
    expect(s).toEqual({ key: "title", direction: "asc" });
    s = nextSort(s, "title");
    expect(s).toEqual({ key: "title", direction: "desc" });
    expect(nextSort(s, "title")).toBeNull();
    expect(nextSort(s, "date")).toEqual({ key: "date", direction: "asc" });
  });
});

describe("filters", () => {
  it("parses the filter language", () => {
    expect(parseFilter("")).toEqual({ op: "any" });
    expect(parseFilter("Rust")).toEqual({ op: "contains", text: "rust" });
    expect(parseFilter("=Rust")).toEqual({ op: "equals", text: "rust" });
    expect(parseFilter("=")).toEqual({ op: "empty" });
    expect(parseFilter("!draft")).toEqual({ op: "excludes", text: "draft" });
    expect(parseFilter("!")).toEqual({ op: "present" });
    expect(parseFilter("!=")).toEqual({ op: "present" });
    expect(parseFilter("!=x")).toEqual({ op: "notEquals", text: "x" });
    expect(parseFilter("yes", "bool")).toEqual({ op: "bool", value: true });
    expect(parseFilter("no", "bool")).toEqual({ op: "bool", value: false });
    expect(parseFilter(">0", "problems")).toEqual({ op: "compare", cmp: ">", n: 0 });
    expect(parseFilter("0", "problems")).toEqual({ op: "compare", cmp: "=", n: 0 });
    expect(parseFilter("<3", "problems")).toEqual({ op: "compare", cmp: "<", n: 3 });
    expect(parseFilter(">=2", "number")).toEqual({ op: "compare", cmp: ">=", n: 2 });
    expect(parseFilter("2", "number")).toEqual({ op: "contains", text: "2" });
  });

  it("matches contains, equals, empty, excludes and not-empty, case and accents aside", () => {
    expect(matchesFilter(parseFilter("cafe"), "Le Café")).toBe(true);
    expect(matchesFilter(parseFilter("=le café"), "Le Café")).toBe(true);
    expect(matchesFilter(parseFilter("=le"), "Le Café")).toBe(false);
    expect(matchesFilter(parseFilter("="), "")).toBe(true);
    expect(matchesFilter(parseFilter("="), "x")).toBe(false);
    expect(matchesFilter(parseFilter("!caf"), "Le Café")).toBe(false);
    expect(matchesFilter(parseFilter("!tea"), "Le Café")).toBe(true);
    expect(matchesFilter(parseFilter("!"), "  ")).toBe(false);
    expect(matchesFilter(parseFilter("!"), "x")).toBe(true);
  });

  it("matches a list's items one by one with =", () => {
    expect(matchesFilter(parseFilter("=rust"), "web, rust", ["web", "rust"])).toBe(true);
    expect(matchesFilter(parseFilter("=rus"), "web, rust", ["web", "rust"])).toBe(false);
    expect(matchesFilter(parseFilter("!=rust"), "web, rust", ["web", "rust"])).toBe(false);
  });

  it("filters rows by several columns at once (AND), keeping the given order", () => {
    const columns = [col("title", "text"), col("draft", "bool"), col("tags", "list"), col(PROBLEMS, "problems")];
    const rows = [
      row("a", ["Alpha", true, ["rust"]], { problems: 1 }),
      row("b", ["Beta", false, ["rust", "web"]]),
      row("c", ["Gamma", null, []], { errors: 2 }),
      row("d", ["Alpine", false, ["go"]]),
    ];
    expect(paths(visibleRows(rows, columns, { draft: "no" }, null))).toEqual(["b", "c", "d"]);
    expect(paths(visibleRows(rows, columns, { draft: "yes" }, null))).toEqual(["a"]);
    expect(paths(visibleRows(rows, columns, { [PROBLEMS]: ">0" }, null))).toEqual(["a", "c"]);
    expect(paths(visibleRows(rows, columns, { [PROBLEMS]: "0" }, null))).toEqual(["b", "d"]);
    expect(paths(visibleRows(rows, columns, { [PROBLEMS]: ">1" }, null))).toEqual(["c"]);
    expect(paths(visibleRows(rows, columns, { title: "al", tags: "=rust" }, null))).toEqual(["a"]);
    expect(paths(visibleRows(rows, columns, { tags: "=" }, null))).toEqual(["c"]);
    expect(paths(visibleRows(rows, columns, { tags: "!" }, { key: "title", direction: "desc" }))).toEqual(["b", "d", "a"]);
    expect(paths(visibleRows(rows, columns, { nope: "x" }, { key: "nope", direction: "asc" }))).toEqual(["a", "b", "c", "d"]);
  });
});

describe("rows", () => {
  it("joins the library's order with the backend's values and git", () => {
    const posts = [summary("b.md"), summary("a.md"), summary("new.md")];
    const rows = joinRows(posts, { keys: ["title"], rows: [{ path: "a.md", values: ["A"] }, { path: "b.md", values: ["B"] }] }, (p) => (p === "a.md" ? "modified" : null));
    expect(rows.map((r) => [r.path, r.values, r.git])).toEqual([["b.md", ["B"], null], ["a.md", ["A"], "modified"], ["new.md", [], null]]);
  });

  it("realigns values when the columns change", () => {
    const rows = [row("a", ["A", "2024-01-01"])];
    expect(alignRows(rows, ["title", "date"], ["date", "tags", "title"])[0].values).toEqual(["2024-01-01", undefined, "A"]);
    expect(alignRows(rows, ["title", "date"], ["title", "date"])).toBe(rows);
  });

  it("counts", () => {
    expect(countText(3, 10)).toBe("3 of 10 posts");
    expect(countText(1, 1)).toBe("1 of 1 post");
  });

  it("windows 10,000 rows to what is in view", () => {
    expect(visibleRange(3200, 640, 32, 10_000, 10)).toEqual({ start: 90, end: 130 });
  });
});

describe("selection", () => {
  const order = ["a", "b", "c", "d", "e"];
  const make = () => {
    const s = new TableSelection();
    s.setOrder(order);
    return s;
  };

  it("selects one, toggles with ctrl, extends with shift from the anchor", () => {
    const s = make();
    s.click("b");
    expect(s.paths()).toEqual(["b"]);
    s.click("d", { toggle: true });
    expect(s.paths()).toEqual(["b", "d"]);
    s.click("a", { shift: true });
    // The anchor moved to d with the ctrl-click.
    expect(s.paths()).toEqual(["a", "b", "c", "d"]);
    s.click("c");
    expect(s.paths()).toEqual(["c"]);
    s.click("c", { toggle: true });
    expect(s.size).toBe(0);
  });

  it("takes a shift range in the order shown after a re-sort", () => {
    const s = make();
    s.click("b");
    s.setOrder(["e", "d", "c", "b", "a"]);
    expect(s.has("b")).toBe(true);
    s.click("d", { shift: true });
    expect(s.paths()).toEqual(["d", "c", "b"]);
    s.setOrder(["a", "b", "c", "d", "e"]);
    expect(s.paths()).toEqual(["b", "c", "d"]);
  });

  it("selects all shown, clears, and drops paths that went away", () => {
    const s = make();
    s.selectAll(["b", "c"]);
    expect(s.paths()).toEqual(["b", "c"]);
    s.selectAll();
    expect(s.size).toBe(5);
    const before = s.version;
    expect(s.retain(["a", "c"])).toBe(true);
    expect(s.paths()).toEqual(["a", "c"]);
    expect(s.version).toBeGreaterThan(before);
    expect(s.retain(new Set(["a", "c"]))).toBe(false);
    s.clear();
    expect(s.paths()).toEqual([]);
  });

  it("moves the cursor with the keyboard and extends with shift", () => {
    const s = make();
    expect(s.move(1)).toBe("a");
    expect(s.move(1)).toBe("b");
    expect(s.paths()).toEqual(["b"]);
    s.move(1, true);
    s.move(1, true);
    expect(s.paths()).toEqual(["b", "c", "d"]);
    s.move(-1, true);
    expect(s.paths()).toEqual(["b", "c"]);
    expect(s.move(-5)).toBe("a");
    expect(s.paths()).toEqual(["a"]);
    s.setOrder([]);
    expect(s.move(1)).toBeNull();
  });
});

describe("a table of several collections", () => {
  const declared = (key: string, options: string[] = []): DeclaredField => ({
    key, type: "text" as const, required: false, default: null, options, min: null, max: null, image: false, reference: null, item: null, fields: [], source: "src/content.config.ts:3",
  });
  const schemaWith = (d: Schema["declared"]): Schema => ({ posts: 1, fields: [], tags: [], categories: [], dateStyle: null, ...(d ? { declared: d } : {}) });

  it("keeps what each collection declares, the bigger collection winning a shared key", () => {
    const site = schemaWith(undefined);
    const blog = schemaWith({ source: "src/content.config.ts", fields: [declared("difficulty", ["beginner", "advanced"]), declared("title")] });
    const docs = schemaWith({ source: "src/content.config.ts", fields: [declared("difficulty", ["easy"]), declared("sidebar")] });
    const merged = mergeDeclared(site, [
      { count: 16, schema: docs },
      { count: 1354, schema: blog },
    ]);
    expect(merged.declared?.fields.map((f) => f.key)).toEqual(["difficulty", "title", "sidebar"]);
    expect(merged.declared?.fields[0].options).toEqual(["beginner", "advanced"]);
    expect(merged.declared?.source).toBe("src/content.config.ts");
    expect(columnSpecs(["difficulty"], merged)[0].kind).toBe("select");
  });

  it("a site whose collections declare nothing is left as it is", () => {
    const site = schemaWith(undefined);
    expect(mergeDeclared(site, [{ count: 3, schema: schemaWith(undefined) }])).toBe(site);
  });
});

describe("a folder with a post of ten thousand keys", () => {
  it("offers the most used keys up to the form's limit, and the pseudo-columns", () => {
    const fields = Array.from({ length: 10_000 }, (_, i) => field(`key${i}`, "text"));
    const schema: Schema = { posts: 1, fields, tags: [], categories: [], dateStyle: null };
    const offered = availableColumns(schema);
    expect(offered.length).toBe(500 + 3);
    expect(offered.slice(0, 2)).toEqual(["title", "key0"]);
    expect(offered.slice(-3)).toEqual([PROBLEMS, GIT, PATH]);
    expect(settableFields(schema).length).toBeLessThanOrEqual(500);
  });
});
