import { describe, expect, it } from "vitest";
import { commitDate, historyEntry, restoreEdits, restoredMessage, versionHeading } from "./git-history";
import type { GitCommit } from "./ipc/bindings/Git";

// Local times, so the tests mean the same in every time zone.
const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).toISOString();
const NOW = new Date(2025, 4, 10, 15, 30); // Saturday 10 May 2025
const L = "en-GB";

const commit = (over: Partial<GitCommit> = {}): GitCommit => ({
  hash: "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
  short: "a1b2c3d",
  author: "Ann Writer",
  date: at(2025, 5, 3, 9, 5),
  subject: "Fix typo",
  path: "posts/hello.md",
  ...over,
});

describe("commitDate", () => {
  it("says today and yesterday with the time", () => {
    expect(commitDate(at(2025, 5, 10, 14, 2), NOW, L)).toBe("Today 14:02");
    expect(commitDate(at(2025, 5, 9, 23, 59), NOW, L)).toBe("Yesterday 23:59");
  });

  it("names the weekday within the week", () => {
    expect(commitDate(at(2025, 5, 6, 11, 40), NOW, L)).toBe("Tuesday 11:40");
  });

  it("gives the day and month this year, and the year before", () => {
    expect(commitDate(at(2025, 5, 3), NOW, L)).toBe("3 May");
    expect(commitDate(at(2024, 12, 24), NOW, L)).toBe("24 Dec 2024");
  });

  it("shows a date it cannot read as it came", () => {
    expect(commitDate("not a date", NOW, L)).toBe("not a date");
  });
});

describe("historyEntry", () => {
  it("has the subject, and the short hash, date and author", () => {
    const entry = historyEntry(commit(), "posts/hello.md", NOW, L);
    expect(entry.subject).toBe("Fix typo");
    expect(entry.meta).toBe("a1b2c3d · 3 May · Ann Writer");
    expect(entry.renamed).toBeNull();
    expect(entry.title).toContain("a1b2c3d4e5f6");
    expect(entry.title).toContain("Ann Writer");
  });

  it("names the path the post had then", () => {
    expect(historyEntry(commit({ path: "posts/old.md" }), "posts/hello.md", NOW, L).renamed).toBe("Then named posts/old.md");
  });

  it("stands in for an empty subject", () => {
    expect(historyEntry(commit({ subject: "  " }), "posts/hello.md", NOW, L).subject).toBe("(no message)");
  });
});

describe("versionHeading", () => {
  it("reads hash, subject, date", () => {
    expect(versionHeading(commit(), L)).toMatch(/^a1b2c3d · Fix typo · 3 May 2025/);
  });
});

describe("restoreEdits", () => {
  const buffer = { frontMatterSource: "title: Hello\n", body: "Now.\n" };
  const request = (over: Partial<{ frontMatterSource: string; body: string | null }>) => ({
    path: "posts/hello.md",
    baseHash: "x",
    fields: [],
    body: null,
    ...over,
  });

  it("changes the body and the front matter where they differ", () => {
    expect(restoreEdits(request({ frontMatterSource: "title: Old\n", body: "Then.\n" }), buffer)).toEqual({
      frontMatterSource: "title: Old\n",
      body: "Then.\n",
    });
  });

  it("leaves what already matches, line endings aside", () => {
    expect(restoreEdits(request({ frontMatterSource: "title: Hello\r\n", body: "Now.\n" }), buffer)).toEqual({
      frontMatterSource: null,
      body: null,
    });
  });

  it("leaves what the version does not carry", () => {
    expect(restoreEdits(request({}), buffer)).toEqual({ frontMatterSource: null, body: null });
  });
});

describe("restoredMessage", () => {
  it("says what came back and how to undo it", () => {
    const msg = restoredMessage(commit(), { frontMatterSource: null, body: "x" }, "Ctrl+Z", L);
    expect(msg).toMatch(/^Restored a1b2c3d from 3 May 2025.*\. Ctrl\+Z in the text undoes it\.$/);
  });

  it("points at the source editor for a front matter", () => {
    expect(restoredMessage(commit(), { frontMatterSource: "a: 1\n", body: null }, "Ctrl+Z", L)).toMatch(/Its front matter is in the source editor\.$/);
  });

  it("says when nothing needed restoring", () => {
    expect(restoredMessage(commit(), { frontMatterSource: null, body: null }, "Ctrl+Z", L)).toMatch(/^Your text already matches a1b2c3d/);
  });
});
