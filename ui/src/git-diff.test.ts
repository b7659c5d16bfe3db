import { describe, expect, it } from "vitest";
import { compareSummary, diffCounts, diffLines } from "./git-diff";

const DIFF = [
  "--- a/posts/hello.md",
  "+++ b/posts/hello.md",
  "@@ -3,3 +3,3 @@",
  " title: Hello",
  "-Old line.",
  "+New line.",
  "+Another.",
  "\\ No newline at end of file",
  "",
].join("\n");

describe("diffLines", () => {
  it("skips the two headers and sorts the lines by side", () => {
    expect(diffLines(DIFF)).toEqual([
      { kind: "hunk", text: "@@ -3,3 +3,3 @@" },
      { kind: "same", text: " title: Hello" },
      { kind: "del", text: "-Old line." },
      { kind: "add", text: "+New line." },
      { kind: "add", text: "+Another." },
      { kind: "hunk", text: "\\ No newline at end of file" },
    ]);
  });

  it("keeps a line of front matter that starts with dashes when there are no headers", () => {
    expect(diffLines("@@ -1 +1 @@\n----\n+---")).toEqual([
      { kind: "hunk", text: "@@ -1 +1 @@" },
      { kind: "del", text: "----" },
      { kind: "add", text: "+---" },
    ]);
  });

  it("is empty for an empty diff", () => {
    expect(diffLines("")).toEqual([]);
  });

  it("counts each side", () => {
    expect(diffCounts(diffLines(DIFF))).toEqual({ added: 2, removed: 1 });
  });
});

describe("compareSummary", () => {
  const label = "HEAD · a1b2c3d · Fix typo";

  it("says which side is which", () => {
    const s = compareSummary({ rev: "HEAD", label, diff: DIFF, existed: true });
    expect(s.heading).toBe("Compared with HEAD · a1b2c3d · Fix typo");
    expect(s.legend).toBe("Lines marked − are in HEAD · a1b2c3d · Fix typo; lines marked + are yours.");
    expect(s.counts).toBe("+2 −1");
    expect(s.lines).toHaveLength(6);
  });

  it("says when nothing differs", () => {
    const s = compareSummary({ rev: "HEAD", label, diff: "", existed: true });
    expect(s.legend).toBe("No differences: your text matches HEAD · a1b2c3d · Fix typo.");
    expect(s.counts).toBe("");
    expect(s.lines).toEqual([]);
  });

  it("says when the post is not in that version", () => {
    const s = compareSummary({ rev: "HEAD", label, diff: "--- /dev/null\n+++ b/x.md\n@@ -0,0 +1 @@\n+Hi\n", existed: false });
    expect(s.legend).toBe("This post is not in HEAD · a1b2c3d · Fix typo: every line is new, marked +.");
    expect(s.counts).toBe("+1");
  });
});
