import { describe, expect, it } from "vitest";
import type { PostSummary } from "./ipc/bindings/PostSummary";
import {
  LibraryModel,
  dateKey,
  entryOf,
  facets,
  inScope,
  revealScrollTop,
  scopeCounts,
  stepIndex,
  visibleRange,
  type SortDirection,
  type SortKey,
} from "./library-model";

function post(path: string, fields: Partial<PostSummary> = {}): PostSummary {
  return { path, title: null, date: null, updated: null, draft: false, tags: [], categories: [], errors: 0, warnings: 0, problems: 0, collection: null, lang: null, translationKey: null, ...fields };
}

const paths = (m: LibraryModel) => m.rows().map((r) => r.entry.post.path);

const sample: PostSummary[] = [
  post("a.md", { title: "Alpha", date: "2025-03-01", tags: ["writing", "tools"], categories: ["Notes"] }),
  post("b.md", { title: "bravo", date: "2024-12-31T23:00:00Z", draft: true, tags: ["writing"], errors: 1 }),
  post("c.md", { title: "Charlie", date: null, updated: "2025-06-01", warnings: 2, categories: ["Essays", "Notes"] }),
  post("d.md", { title: null, date: "2025-03-01", updated: "2025-01-01", tags: ["tools", "tools"] }),
  post("e.md", { title: "Part 10", date: "March 5, 2025", draft: true }),
  post("f.md", { title: "Part 2", date: "someday" }),
];

describe("dateKey", () => {
  it("reads ISO dates and datetimes as written, ignoring the zone", () => {
    expect(dateKey("2025-06-27")).toBe("2025-06-27T00:00:00");
    expect(dateKey("2025-6-7")).toBe("2025-06-07T00:00:00");
    expect(dateKey("2024-12-31T23:00:00Z")).toBe("2024-12-31T23:00:00");
    expect(dateKey("1979-05-27 07:32:00-08:00")).toBe("1979-05-27T07:32:00");
  });

  it("falls back to Date.parse, and treats the unreadable as undated", () => {
    expect(dateKey("March 5, 2025")).toBe("2025-03-05T00:00:00");
    expect(dateKey("someday")).toBeNull();
    expect(dateKey("")).toBeNull();
    expect(dateKey(null)).toBeNull();
  });
});

describe("entryOf", () => {
  it("labels a post by title, or by path when untitled", () => {
    expect(entryOf(sample[0]).label).toBe("Alpha");
    expect(entryOf(sample[3]).label).toBe("d.md");
    expect(entryOf(post("x.md", { title: "   " })).label).toBe("x.md");
  });

  it("shows YYYY-MM-DD, or the raw text when it isn't a date", () => {
    expect(entryOf(sample[1]).dateText).toBe("2024-12-31");
    expect(entryOf(sample[4]).dateText).toBe("2025-03-05");
    expect(entryOf(sample[5]).dateText).toBe("someday");
    expect(entryOf(post("x.md", { date: "the first of never, really" })).dateText).toBe("the first o…");
    expect(entryOf(sample[2]).dateText).toBeNull();
  });

  it("falls back to the date for updated", () => {
    expect(entryOf(sample[0]).updatedKey).toBe("2025-03-01T00:00:00");
    expect(entryOf(sample[2]).updatedKey).toBe("2025-06-01T00:00:00");
  });
});

describe("sorting", () => {
  const order = (key: SortKey, dir: SortDirection) => {
    const m = new LibraryModel({ sort: key, direction: dir });
    m.setAll(sample);
    return paths(m);
  };

  it("by date: newest first, ties by path, undated last in both directions", () => {
    expect(order("date", "desc")).toEqual(["e.md", "a.md", "d.md", "b.md", "c.md", "f.md"]);
    expect(order("date", "asc")).toEqual(["b.md", "a.md", "d.md", "e.md", "c.md", "f.md"]);
  });

  it("by updated, falling back to the date", () => {
    expect(order("updated", "desc")).toEqual(["c.md", "e.md", "a.md", "d.md", "b.md", "f.md"]);
  });

  it("by title: case-insensitive, numbers in order, untitled by path", () => {
    expect(order("title", "asc")).toEqual(["a.md", "b.md", "c.md", "d.md", "f.md", "e.md"]);
    expect(order("title", "desc")).toEqual(["e.md", "f.md", "d.md", "c.md", "b.md", "a.md"]);
  });

  it("by path, both ways", () => {
    expect(order("path", "asc")).toEqual(["a.md", "b.md", "c.md", "d.md", "e.md", "f.md"]);
    expect(order("path", "desc")).toEqual(["f.md", "e.md", "d.md", "c.md", "b.md", "a.md"]);
  });

  it("re-sorts when the options change", () => {
    const m = new LibraryModel();
    m.setAll(sample);
    expect(paths(m)[0]).toBe("e.md");
    m.setOptions({ sort: "path", direction: "asc" });
    expect(paths(m)[0]).toBe("a.md");
  });
});

describe("filters", () => {
  const view = (options: Parameters<LibraryModel["setOptions"]>[0]) => {
    const m = new LibraryModel({ sort: "path", direction: "asc" });
    m.setAll(sample);
    m.setOptions(options);
    return paths(m);
  };

  it("by status", () => {
    expect(view({ status: "draft" })).toEqual(["b.md", "e.md"]);
    expect(view({ status: "published" })).toEqual(["a.md", "c.md", "d.md", "f.md"]);
    expect(view({ status: "all" })).toHaveLength(6);
  });

  it("by tag and category, exactly", () => {
    expect(view({ tag: "tools" })).toEqual(["a.md", "d.md"]);
    expect(view({ tag: "Tools" })).toEqual([]);
    expect(view({ category: "Notes" })).toEqual(["a.md", "c.md"]);
    expect(view({ tag: "writing", category: "Notes" })).toEqual(["a.md"]);
  });

  it("by problems: errors or warnings", () => {
    expect(view({ problems: true })).toEqual(["b.md", "c.md"]);
    expect(view({ problems: true, status: "draft" })).toEqual(["b.md"]);
  });

  it("by changed in git: posts with a state, with the other filters and search", () => {
    const m = new LibraryModel({ sort: "path", direction: "asc" });
    m.setAll(sample);
    m.setGit(new Map([["a.md", "modified"], ["b.md", "new"], ["e.md", "conflicted"], ["gone.md", "deleted"]]));
    m.setOptions({ changed: true });
    expect(paths(m)).toEqual(["a.md", "b.md", "e.md"]);
    expect(m.isFiltered()).toBe(true);
    m.setOptions({ status: "draft" });
    expect(paths(m)).toEqual(["b.md", "e.md"]);
    m.setOptions({ status: "all", problems: true });
    expect(paths(m)).toEqual(["b.md"]);
    m.setOptions({ problems: false, query: "part" });
    expect(paths(m)).toEqual(["e.md"]);
    m.setOptions({ changed: false, query: "" });
    expect(paths(m)).toHaveLength(6);
  });

  it("keeps git states across changes: new posts get theirs, a new view replaces the rows' entries", () => {
    const m = new LibraryModel({ sort: "path", direction: "asc", changed: true });
    m.setAll(sample);
    expect(paths(m)).toEqual([]);
    m.setGit(new Map([["c.md", "staged"], ["z.md", "new"]]));
    expect(paths(m)).toEqual(["c.md"]);
    const before = m.rows()[0].entry;
    m.update([post("z.md", { title: "Zulu" })]);
    expect(paths(m)).toEqual(["c.md", "z.md"]);
    expect(m.gitState("z.md")).toBe("new");
    expect(m.rows()[0].entry).toBe(before);
    m.setProblems([{ path: "c.md", problems: 3 }]);
    expect(m.gitState("c.md")).toBe("staged");
    m.setGit(new Map([["c.md", "renamed"]]));
    expect(m.rows()[0].entry).not.toBe(before);
    expect(m.rows()[0].entry.git).toBe("renamed");
    expect(paths(m)).toEqual(["c.md"]);
    m.setGit(new Map());
    expect(paths(m)).toEqual([]);
    expect(m.gitState("c.md")).toBeNull();
  });

  it("says when something is hidden", () => {
    const m = new LibraryModel();
    expect(m.isFiltered()).toBe(false);
    m.setOptions({ query: "   " });
    expect(m.isFiltered()).toBe(false);
    m.setOptions({ query: "x" });
    expect(m.isFiltered()).toBe(true);
  });
});

describe("language", () => {
  const posts = [
    post("blog/a.md", { title: "Alpha", collection: "blog", lang: "en", draft: true }),
    post("blog/a.fr.md", { title: "Alpha en français", collection: "blog", lang: "fr" }),
    post("blog/b.md", { title: "Bravo", collection: "blog", lang: "en" }),
    post("docs/c.fr.md", { title: "Charlie", collection: "docs", lang: "fr" }),
    post("docs/d.md", { title: "Delta", collection: "docs", lang: "en" }),
  ];
  const model = (options: Parameters<LibraryModel["setOptions"]>[0]) => {
    const m = new LibraryModel({ sort: "path", direction: "asc" });
    m.setAll(posts);
    m.setOptions(options);
    return m;
  };

  it("shows one language's posts, or every language's", () => {
    expect(paths(model({ lang: "fr" }))).toEqual(["blog/a.fr.md", "docs/c.fr.md"]);
    expect(paths(model({ lang: null }))).toHaveLength(5);
    expect(paths(model({ lang: "de" }))).toEqual([]);
  });

  it("combines with the collection, the filters and the search", () => {
    expect(paths(model({ lang: "en", collection: "blog" }))).toEqual(["blog/a.md", "blog/b.md"]);
    expect(paths(model({ lang: "en", collection: "blog", status: "published" }))).toEqual(["blog/b.md"]);
    expect(paths(model({ lang: "fr", query: "alpha" }))).toEqual(["blog/a.fr.md"]);
    expect(paths(model({ lang: "en", collection: "docs", query: "alpha" }))).toEqual([]);
  });

  it("is a scope, like the collection: choosing one hides nothing the count calls filtered", () => {
    expect(model({ lang: "fr" }).isFiltered()).toBe(false);
    expect(inScope(posts[1], { collection: null, lang: "fr" })).toBe(true);
    expect(inScope(posts[1], { collection: "docs", lang: "fr" })).toBe(false);
    expect(inScope(posts[0], { collection: "blog", lang: "fr" })).toBe(false);
  });

  it("counts each collection within the chosen language, each language within the chosen collection", () => {
    const all = scopeCounts(posts, { collection: null, lang: null });
    expect([...all.collections]).toEqual([["blog", 3], ["docs", 2]]);
    expect([...all.languages]).toEqual([["en", 3], ["fr", 2]]);
    expect(all.total).toBe(5);
    const blogFr = scopeCounts(posts, { collection: "blog", lang: "fr" });
    expect([...blogFr.collections]).toEqual([["blog", 1], ["docs", 1]]);
    expect([...blogFr.languages]).toEqual([["en", 2], ["fr", 1]]);
    expect(blogFr.total).toBe(1);
  });
});

describe("facets", () => {
  it("counts each post once per value, most used first", () => {
    const f = facets(sample.map(entryOf));
    expect(f.tags).toEqual([
      { value: "tools", count: 2 },
      { value: "writing", count: 2 },
    ]);
    expect(f.categories).toEqual([
      { value: "Notes", count: 2 },
      { value: "Essays", count: 1 },
    ]);
  });

  it("follow the posts as they change", () => {
    const m = new LibraryModel();
    m.setAll(sample);
    m.update([post("a.md", { title: "Alpha", tags: ["new"] })], ["d.md"]);
    expect(m.facets().tags).toEqual([
      { value: "new", count: 1 },
      { value: "writing", count: 1 },
    ]);
  });
});

describe("search", () => {
  const titles = [
    post("posts/quiet-joy.md", { title: "The quiet joy of modal editing", date: "2024-01-01" }),
    post("posts/plain-text.md", { title: "Why I still write in plain text", date: "2025-01-01" }),
    post("posts/typeface.md", { title: "Choosing a typeface for long reads", date: "2023-01-01" }),
    post("posts/untitled-draft.md", { date: "2026-01-01" }),
    post("drafts/keyboard.md", { title: "Keyboard layouts", date: "2022-01-01" }),
  ];
  const search = (query: string) => {
    const m = new LibraryModel();
    m.setAll(titles);
    m.setOptions({ query });
    return m.rows();
  };

  it("ranks the best match first, not the newest", () => {
    expect(search("type").map((r) => r.entry.post.path)[0]).toBe("posts/typeface.md");
    expect(search("pt")[0].entry.post.path).toBe("posts/plain-text.md");
  });

  it("requires every word, in any order, in the title or the path", () => {
    expect(search("joy modal").map((r) => r.entry.post.path)).toEqual(["posts/quiet-joy.md"]);
    expect(search("modal joy").map((r) => r.entry.post.path)).toEqual(["posts/quiet-joy.md"]);
    expect(search("drafts keyboard").map((r) => r.entry.post.path)).toEqual(["drafts/keyboard.md"]);
    expect(search("zebra")).toEqual([]);
  });

  it("marks matched title characters, and none when only the path matched", () => {
    const [row] = search("qjoy");
    expect(row.marks.map((i) => row.entry.label[i]).join("")).toBe("qjoy");
    const [byPath] = search("drafts");
    expect(byPath.entry.post.path).toBe("drafts/keyboard.md");
    expect(byPath.marks).toEqual([]);
  });

  it("marks the path when it is the label", () => {
    const [row] = search("untitled");
    expect(row.entry.label).toBe("posts/untitled-draft.md");
    expect(row.marks).toEqual([6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it("keeps the chosen order among equal scores", () => {
    const m = new LibraryModel();
    m.setAll([post("b.md", { title: "Same", date: "2020-01-01" }), post("a.md", { title: "Same", date: "2021-01-01" })]);
    m.setOptions({ query: "same" });
    expect(paths(m)).toEqual(["a.md", "b.md"]);
    m.setOptions({ direction: "asc" });
    expect(paths(m)).toEqual(["b.md", "a.md"]);
  });

  it("combines with filters", () => {
    const m = new LibraryModel();
    m.setAll([post("a.md", { title: "Notes", draft: true }), post("b.md", { title: "Notes" })]);
    m.setOptions({ query: "notes", status: "draft" });
    expect(paths(m)).toEqual(["a.md"]);
  });
});

describe("updates", () => {
  it("re-slots changed posts and drops removed ones", () => {
    const m = new LibraryModel();
    m.setAll(sample);
    m.update([post("f.md", { title: "Part 2", date: "2030-01-01" }), post("g.md", { date: "2025-03-02" })], ["a.md"]);
    expect(paths(m)).toEqual(["f.md", "e.md", "g.md", "d.md", "b.md", "c.md"]);
    expect(m.has("a.md")).toBe(false);
    expect(m.get("f.md")?.date).toBe("2030-01-01");
    expect(m.indexOf("g.md")).toBe(2);
    expect(m.indexOf("a.md")).toBe(-1);
    expect(m.size).toBe(6);
  });

  it("ignores removals of unknown paths", () => {
    const m = new LibraryModel();
    m.setAll(sample);
    m.update([], ["nope.md"]);
    expect(m.size).toBe(6);
  });

  it("agrees with a fresh sort after many random small and large batches", () => {
    const rand = prng(7);
    for (const [sort, direction] of [
      ["date", "desc"],
      ["title", "asc"],
      ["updated", "asc"],
      ["path", "desc"],
    ] as Array<[SortKey, SortDirection]>) {
      const live = new LibraryModel({ sort, direction });
      const posts = new Map(generate(300, rand).map((p) => [p.path, p]));
      live.setAll([...posts.values()]);
      for (let round = 0; round < 60; round++) {
        const size = round % 10 === 9 ? 120 : 1 + Math.floor(rand() * 5);
        const upserted = generate(size, rand, 400);
        const removed = [...posts.keys()].filter(() => rand() < 0.01);
        for (const p of removed) posts.delete(p);
        for (const p of upserted) posts.set(p.path, p);
        live.update(upserted, removed);
        const fresh = new LibraryModel({ sort, direction });
        fresh.setAll([...posts.values()]);
        expect(paths(live)).toEqual(paths(fresh));
      }
    }
  });
});

describe("window math", () => {
  it("covers the viewport plus overscan, clamped to the list", () => {
    expect(visibleRange(0, 300, 50, 100, 3)).toEqual({ start: 0, end: 9 });
    expect(visibleRange(1000, 300, 50, 100, 3)).toEqual({ start: 17, end: 29 });
    expect(visibleRange(1025, 300, 50, 100, 0)).toEqual({ start: 20, end: 27 });
    expect(visibleRange(4900, 300, 50, 100, 3)).toEqual({ start: 95, end: 100 });
    expect(visibleRange(0, 300, 50, 0, 3)).toEqual({ start: 0, end: 0 });
    expect(visibleRange(-40, 300, 50, 4, 3)).toEqual({ start: 0, end: 4 });
  });

  it("still draws a row in a viewport that has no height yet", () => {
    expect(visibleRange(0, 0, 50, 100, 2)).toEqual({ start: 0, end: 3 });
  });

  it("reveals a row by scrolling as little as possible", () => {
    expect(revealScrollTop(5, 50, 0, 300)).toBe(0); // already visible
    expect(revealScrollTop(6, 50, 0, 300)).toBe(50); // just below: bottom edge aligns
    expect(revealScrollTop(2, 50, 400, 300)).toBe(100); // above: top edge aligns
    expect(revealScrollTop(0, 50, 20, 300)).toBe(0);
  });

  it("steps a selection, clamped", () => {
    expect(stepIndex(-1, 1, 10)).toBe(0);
    expect(stepIndex(-1, -1, 10)).toBe(9);
    expect(stepIndex(3, 1, 10)).toBe(4);
    expect(stepIndex(9, 1, 10)).toBe(9);
    expect(stepIndex(0, -1, 10)).toBe(0);
    expect(stepIndex(2, 10, 10)).toBe(9);
    expect(stepIndex(0, 1, 0)).toBe(-1);
  });
});

describe("10,000 posts", () => {
  const posts = generate(10_000, prng(42));

  it("filters, sorts and searches the whole folder", () => {
    const model = new LibraryModel();
    let t = performance.now();
    model.setAll(posts);
    const all = model.rows();
    const loadMs = performance.now() - t;
    expect(all).toHaveLength(10_000);
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1].entry.dateKey, all[i].entry.dateKey];
      if (b !== null) expect(a !== null && a >= b).toBe(true);
    }

    t = performance.now();
    model.setOptions({ status: "draft", tag: "rust", problems: true, sort: "title", direction: "asc" });
    const filtered = model.rows();
    const filterMs = performance.now() - t;
    const expected = posts.filter((p) => p.draft && p.tags.includes("rust") && p.errors + p.warnings > 0);
    expect(filtered.length).toBe(expected.length);
    expect(new Set(filtered.map((r) => r.entry.post.path))).toEqual(new Set(expected.map((p) => p.path)));

    model.setOptions({ status: "all", tag: null, problems: false, sort: "date", direction: "desc" });
    t = performance.now();
    model.setOptions({ query: "ed mo" });
    const found = model.rows();
    const searchMs = performance.now() - t;
    // An independent, naive check: every word a subsequence of the title or the path.
    const isSubsequence = (q: string, text: string) => {
      let at = 0;
      for (const ch of text.toLowerCase()) if (ch === q[at]) at++;
      return at === q.length;
    };
    const naive = posts.filter((p) => ["ed", "mo"].every((w) => isSubsequence(w, p.title ?? "") || isSubsequence(w, p.path)));
    expect(found.length).toBe(naive.length);
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(10_000);

    t = performance.now();
    model.update([post("post-00042.md", { title: "Edited", date: "2099-01-01" })]);
    model.setOptions({ query: "" });
    const afterDelta = model.rows();
    const deltaMs = performance.now() - t;
    expect(afterDelta[0].entry.post.path).toBe("post-00042.md");
    expect(afterDelta).toHaveLength(10_000);

    console.log(
      `10,000 posts: load+sort ${loadMs.toFixed(1)} ms, filter+title sort ${filterMs.toFixed(1)} ms ` +
        `(${filtered.length} rows), search "ed mo" ${searchMs.toFixed(1)} ms (${found.length} rows), ` +
        `one-post delta + unfiltered view ${deltaMs.toFixed(1)} ms`,
    );
  });

  it("window math over 10,000 rows of 52 px", () => {
    const row = 52;
    const viewport = 700;
    const total = 10_000 * row;
    // Scrolled to the very end: the last row is drawn, nothing past it.
    const end = visibleRange(total - viewport, viewport, row, 10_000, 4);
    expect(end.end).toBe(10_000);
    expect(end.start).toBe(Math.floor((total - viewport) / row) - 4);
    // Anywhere in between, the window is the viewport's ~14 rows plus overscan, never the list.
    for (const top of [0, 12_345, 260_000, total / 2 + 7]) {
      const r = visibleRange(top, viewport, row, 10_000, 4);
      expect(r.end - r.start).toBeLessThanOrEqual(Math.ceil(viewport / row) + 1 + 8);
      expect(r.start * row).toBeLessThanOrEqual(Math.max(0, top - 4 * row));
      expect(r.end * row).toBeGreaterThanOrEqual(Math.min(total, top + viewport));
    }
    // Revealing the last row from the top scrolls so its bottom meets the viewport's.
    expect(revealScrollTop(9_999, row, 0, viewport)).toBe(total - viewport);
  });
});

// Deterministic test data.

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["quiet", "modal", "editing", "plain", "text", "typeface", "rust", "garden", "static", "site", "notes", "writing", "desk", "links", "yaml", "draft"];
const TAGS = ["rust", "writing", "tools", "web", "design", "AI", "ai", "GPT-4o", "notes", "typography"];

function generate(count: number, rand: () => number, pathSpace = count): PostSummary[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const out: PostSummary[] = [];
  for (let i = 0; i < count; i++) {
    const n = pathSpace === count ? i : Math.floor(rand() * pathSpace);
    const words = Array.from({ length: 3 + Math.floor(rand() * 6) }, () => pick(WORDS));
    const y = 2015 + Math.floor(rand() * 11);
    const date = rand() < 0.05 ? null : `${y}-${String(1 + Math.floor(rand() * 12)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}`;
    out.push(
      post(`post-${String(n).padStart(5, "0")}.md`, {
        title: rand() < 0.03 ? null : words.join(" ").replace(/^./, (c) => c.toUpperCase()),
        date,
        updated: rand() < 0.3 && date ? `${y + 1}-01-01` : null,
        draft: rand() < 0.2,
        tags: Array.from({ length: Math.floor(rand() * 4) }, () => pick(TAGS)),
        categories: rand() < 0.5 ? [pick(["Essays", "Notes", "Links"])] : [],
        errors: rand() < 0.05 ? 1 : 0,
        warnings: rand() < 0.1 ? 1 + Math.floor(rand() * 3) : 0,
      }),
    );
  }
  return out;
}
