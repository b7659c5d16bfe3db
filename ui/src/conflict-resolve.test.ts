// The same cases as the backend's content::conflicts tests, so the preview and the file Apply
// writes cannot drift apart.
import { describe, expect, it } from "vitest";
import { chosenText, hasMergeConflict, hunksOf, previewPieces, Resolution, resolveText } from "./conflict-resolve";
import type { ConflictSegment, ConflictView } from "./ipc/bindings/Conflicts";

const hunk = (mine: string, theirs: string): ConflictSegment => ({
  kind: "conflict",
  mine,
  theirs,
  base: null,
  mineLabel: "HEAD",
  theirsLabel: "1a2b3c (Teammate's edit)",
});

// "---\ntitle: Hello\n---\nIntro.\n<<<<<<< HEAD\nMine one.\n=======\nTheirs one.\n>>>>>>> …\nMiddle.\n<<<<<<< HEAD\n=======\nAdded by them.\n>>>>>>> …\nEnd.\n"
const pulled: ConflictSegment[] = [
  { kind: "same", text: "---\ntitle: Hello\n---\nIntro.\n" },
  hunk("Mine one.\n", "Theirs one.\n"),
  { kind: "same", text: "Middle.\n" },
  hunk("", "Added by them.\n"),
  { kind: "same", text: "End.\n" },
];

describe("resolveText", () => {
  it("composes the text from each choice, as the backend does", () => {
    expect(resolveText(pulled, ["mine", "theirs"])).toBe("---\ntitle: Hello\n---\nIntro.\nMine one.\nMiddle.\nAdded by them.\nEnd.\n");
    expect(resolveText(pulled, ["both", "mine"])).toBe("---\ntitle: Hello\n---\nIntro.\nMine one.\nTheirs one.\nMiddle.\nEnd.\n");
  });

  it("needs exactly one choice per conflict", () => {
    expect(resolveText(pulled, ["mine"])).toBeNull();
    expect(resolveText(pulled, ["mine", "mine", "mine"])).toBeNull();
  });

  it("keeps CRLF inside each side", () => {
    const crlf: ConflictSegment[] = [{ kind: "same", text: "a\r\n" }, hunk("x\r\n", "y\r\n"), { kind: "same", text: "b\r\n" }];
    expect(resolveText(crlf, ["theirs"])).toBe("a\r\ny\r\nb\r\n");
  });
});

describe("chosenText", () => {
  it("puts theirs on a line of its own after mine for both", () => {
    const h = hunksOf([hunk("no newline", "theirs\n")])[0];
    expect(chosenText(h, "both")).toBe("no newline\ntheirs\n");
    expect(chosenText(hunksOf([hunk("", "theirs\n")])[0], "both")).toBe("theirs\n");
  });
});

describe("previewPieces", () => {
  it("marks the hunks still open and shows the chosen ones", () => {
    expect(previewPieces(pulled, [null, "theirs"])).toEqual([
      { kind: "same", text: "---\ntitle: Hello\n---\nIntro.\n" },
      { kind: "open", index: 0 },
      { kind: "same", text: "Middle.\n" },
      { kind: "chosen", index: 1, text: "Added by them.\n" },
      { kind: "same", text: "End.\n" },
    ]);
  });
});

describe("Resolution", () => {
  const view: ConflictView = { path: "blog/a.md", hash: "abc", segments: pulled };

  it("waits for a choice for every hunk", () => {
    const r = new Resolution(view);
    expect(r.hunks).toHaveLength(2);
    expect([r.complete(), r.open(), r.final(), r.text()]).toEqual([false, 2, null, null]);
    r.choose(0, "both");
    expect([r.complete(), r.open()]).toEqual([false, 1]);
    r.choose(1, "mine");
    expect(r.final()).toEqual(["both", "mine"]);
    expect(r.text()).toBe("---\ntitle: Hello\n---\nIntro.\nMine one.\nTheirs one.\nMiddle.\nEnd.\n");
    r.choose(1, "theirs");
    expect(r.choiceOf(1)).toBe("theirs");
    r.choose(5, "mine");
    expect(r.final()).toEqual(["both", "theirs"]);
  });

  it("is never complete without conflicts", () => {
    expect(new Resolution({ path: "a.md", hash: "h", segments: [{ kind: "same", text: "x\n" }] }).complete()).toBe(false);
  });
});

describe("hasMergeConflict", () => {
  it("finds the merge-conflict rule among the problems", () => {
    const problem = (rule: string) => ({ rule, severity: "error" as const, message: "", start: 0, end: 0, line: 1, column: 1, fix: null });
    const problems = (rules: string[]) => ({ bodyLine: 4, frontMatterLine: 2, problems: rules.map(problem) });
    expect(hasMergeConflict(problems(["title-year", "merge-conflict"]))).toBe(true);
    expect(hasMergeConflict(problems(["title-year"]))).toBe(false);
    expect(hasMergeConflict(null)).toBe(false);
  });
});
