// What the Compare panel says about a `git_compare` answer, free of the DOM: the unified diff as
// lines with their side, the heading, the legend that says which side is which, and the counts.
// The backend diffs; this module only reads its text (git-diff-view.ts draws it, as text only).
import type { GitCompare } from "./ipc/bindings/Git";

export type DiffLineKind = "add" | "del" | "hunk" | "same";
export type DiffLine = { kind: DiffLineKind; text: string };

/** The diff's lines after its `---`/`+++` headers: "+" yours, "-" the version's, "@@" and
 *  git's "\ No newline at end of file" notes as quiet lines, the rest context. */
export function diffLines(diff: string): DiffLine[] {
  const lines = diff.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  let start = 0;
  if (lines[0]?.startsWith("---") && lines[1]?.startsWith("+++")) start = 2;
  return lines.slice(start).map((text): DiffLine => {
    if (text.startsWith("@@") || text.startsWith("\\")) return { kind: "hunk", text };
    if (text.startsWith("+")) return { kind: "add", text };
    if (text.startsWith("-")) return { kind: "del", text };
    return { kind: "same", text };
  });
}

/** Lines only yours, lines only the version's. */
export function diffCounts(lines: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === "add") added++;
    else if (line.kind === "del") removed++;
  }
  return { added, removed };
}

export interface CompareSummary {
  /** "Compared with HEAD · a1b2c3d · Fix typo". */
  heading: string;
  /** Which side is which, or why there is nothing to show. */
  legend: string;
  /** "+3 −1", or "" when nothing differs. */
  counts: string;
  lines: DiffLine[];
}

/** What the panel shows for `compare`. */
export function compareSummary(compare: GitCompare): CompareSummary {
  const lines = diffLines(compare.diff);
  const { added, removed } = diffCounts(lines);
  const heading = `Compared with ${compare.label}`;
  const counts = added + removed === 0 ? "" : [added ? `+${added}` : "", removed ? `−${removed}` : ""].filter(Boolean).join(" ");
  if (!compare.existed) {
    return { heading, counts, lines, legend: `This post is not in ${compare.label}: every line is new, marked +.` };
  }
  if (added + removed === 0) return { heading, counts, lines: [], legend: `No differences: your text matches ${compare.label}.` };
  return { heading, counts, lines, legend: `Lines marked − are in ${compare.label}; lines marked + are yours.` };
}
