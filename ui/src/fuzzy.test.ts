import { describe, expect, it } from "vitest";
import { fold, fuzzyMatch, markRanges, queryTokens } from "./fuzzy";

/** The matched characters, for readable assertions. */
function picked(query: string, text: string): string | null {
  const m = fuzzyMatch(query, text);
  return m ? m.positions.map((i) => text[i]).join("") : null;
}

/** The text with matched runs in brackets: "[Po]st [d]esk". */
function shown(query: string, text: string): string | null {
  const m = fuzzyMatch(query, text);
  if (!m) return null;
  let out = "";
  let at = 0;
  for (const [s, e] of markRanges(m.positions)) {
    out += `${text.slice(at, s)}[${text.slice(s, e)}]`;
    at = e;
  }
  return out + text.slice(at);
}

function rank(query: string, texts: string[]): string[] {
  return texts
    .map((t) => ({ t, m: fuzzyMatch(query, t) }))
    .filter((x) => x.m)
    .sort((a, b) => b.m!.score - a.m!.score)
    .map((x) => x.t);
}

describe("fold", () => {
  it("lower-cases and strips accents without changing length", () => {
    expect(fold("Café Ünïcode ÉTÉ")).toBe("cafe unicode ete");
    for (const s of ["İstanbul", "Straße", "naïve", "日本語", "emoji 😀 here"]) expect(fold(s)).toHaveLength(s.length);
  });
});

describe("fuzzyMatch", () => {
  it("matches a subsequence, case- and accent-insensitively", () => {
    expect(picked("qjme", "The Quiet Joy of Modal Editing")).toBe("QJME");
    expect(picked("cafe", "Le Café du coin")).toBe("Café");
    expect(picked("CAFÉ", "cafe racer")).toBe("cafe");
  });

  it("rejects what is not a subsequence", () => {
    expect(fuzzyMatch("xyz", "The quiet joy")).toBeNull();
    expect(fuzzyMatch("yoj", "joy")).toBeNull();
    expect(fuzzyMatch("toolong", "tool")).toBeNull();
    expect(fuzzyMatch("a", "")).toBeNull();
  });

  it("matches an empty query with no positions", () => {
    expect(fuzzyMatch("", "anything")).toEqual({ score: 0, positions: [] });
  });

  it("prefers word starts and whole words over the leftmost scattered letters", () => {
    expect(shown("post", "a-p-o-s-t and a post")).toBe("a-p-o-s-t and a [post]");
    expect(shown("desk", "a desk and a-d-e-s-k")).toBe("a [desk] and a-d-e-s-k");
    expect(shown("mod", "smooth modal")).toBe("smooth [mod]al");
    expect(shown("pt", "plain text")).toBe("[p]lain [t]ext");
  });

  it("treats path separators and camel case as word starts", () => {
    expect(shown("bp", "content/blog/posts.md")).toBe("content/[b]log/[p]osts.md");
    expect(shown("pd", "postDesk")).toBe("[p]ost[D]esk");
  });

  it("reports positions in the original string, beyond ASCII too", () => {
    expect(shown("ete", "Un été à Paris")).toBe("Un [été] à Paris");
    expect(shown("joy", "😀 joy")).toBe("😀 [joy]");
  });

  it("ranks an exact word above a scattered match, and a prefix above a middle", () => {
    expect(rank("type", ["the typical essay", "a tidy yellow page, eh", "Choosing a typeface"])).toEqual([
      "Choosing a typeface",
      "the typical essay",
      "a tidy yellow page, eh",
    ]);
    expect(rank("plain", ["Why I still write in plain text", "Plain text forever"])[0]).toBe("Plain text forever");
    expect(rank("yaml", ["yaml-comments-and-flow-lists.md", "why-all-my-logs.md"])[0]).toBe("yaml-comments-and-flow-lists.md");
  });

  it("scores consecutive runs above the same letters apart", () => {
    const together = fuzzyMatch("abc", "xx abc")!.score;
    const apart = fuzzyMatch("abc", "xx a b c")!.score;
    expect(together).toBeGreaterThan(apart);
  });

  it("finds the best alignment, not the first one, in long text", () => {
    const text = `${"m-o-d-a-l ".repeat(20)}modal`;
    const m = fuzzyMatch("modal", text)!;
    expect(m.positions).toEqual([200, 201, 202, 203, 204]);
  });
});

describe("queryTokens", () => {
  it("splits on whitespace and folds", () => {
    expect(queryTokens("  Plain   TÉXT ")).toEqual(["plain", "text"]);
    expect(queryTokens("   ")).toEqual([]);
  });
});

describe("markRanges", () => {
  it("groups runs and ignores duplicates and order", () => {
    expect(markRanges([5, 0, 1, 2, 5, 7, 8])).toEqual([
      [0, 3],
      [5, 6],
      [7, 9],
    ]);
    expect(markRanges([])).toEqual([]);
  });
});
