// The resolve view's logic, free of the DOM: a post's merge conflicts (as the backend splits
// them: agreed text and conflict hunks), the writer's choice for each hunk (mine, theirs or
// both), the text those choices make, and whether every hunk has one. The text is composed
// exactly as the backend's `content::conflicts::resolve` does, so the preview shows what Apply
// will write; the backend still writes it, and only if the file is unchanged since it was read.
// This module never writes anything and never guesses a choice the writer did not make.
import type { PostProblems } from "./ipc/bindings/PostProblems";
import type { ConflictChoice, ConflictSegment, ConflictView } from "./ipc/bindings/Conflicts";

/** The check rule the backend gives a post with conflict markers. */
export const MERGE_CONFLICT_RULE = "merge-conflict";

export type ConflictHunk = Extract<ConflictSegment, { kind: "conflict" }>;

/** Whether the open post's problems say it has merge-conflict markers. */
export function hasMergeConflict(problems: PostProblems | null | undefined): boolean {
  return !!problems && problems.problems.some((p) => p.rule === MERGE_CONFLICT_RULE);
}

/** The conflict hunks, in order (choice i goes with hunk i). */
export function hunksOf(segments: readonly ConflictSegment[]): ConflictHunk[] {
  return segments.filter((s): s is ConflictHunk => s.kind === "conflict");
}

/** One hunk's text under a choice: both is mine then theirs, on a line of its own. */
export function chosenText(hunk: ConflictHunk, choice: ConflictChoice): string {
  switch (choice) {
    case "mine":
      return hunk.mine;
    case "theirs":
      return hunk.theirs;
    case "both":
      return hunk.mine + (hunk.mine !== "" && !hunk.mine.endsWith("\n") ? "\n" : "") + hunk.theirs;
  }
}

/** The whole text with each hunk resolved by its choice, as the backend writes it; null unless
 *  there is exactly one choice per hunk. */
export function resolveText(segments: readonly ConflictSegment[], choices: readonly ConflictChoice[]): string | null {
  if (choices.length !== hunksOf(segments).length) return null;
  let i = 0;
  let text = "";
  for (const segment of segments) text += segment.kind === "same" ? segment.text : chosenText(segment, choices[i++]);
  return text;
}

/** A piece of the live preview: agreed text, a resolved hunk, or a hunk still open. */
export type PreviewPiece =
  | { kind: "same"; text: string }
  | { kind: "chosen"; index: number; text: string }
  | { kind: "open"; index: number };

/** The preview of the text as the choices made so far stand; each hunk still open is one piece
 *  the view marks as such (nothing of either side is guessed into it). */
export function previewPieces(segments: readonly ConflictSegment[], choices: ReadonlyArray<ConflictChoice | null>): PreviewPiece[] {
  const pieces: PreviewPiece[] = [];
  let index = 0;
  for (const segment of segments) {
    if (segment.kind === "same") {
      pieces.push({ kind: "same", text: segment.text });
      continue;
    }
    const choice = choices[index] ?? null;
    pieces.push(choice === null ? { kind: "open", index } : { kind: "chosen", index, text: chosenText(segment, choice) });
    index++;
  }
  return pieces;
}

/** The writer's choices for one conflict view, one per hunk; Apply waits for all of them. */
export class Resolution {
  readonly hunks: ConflictHunk[];
  private readonly choices: Array<ConflictChoice | null>;

  constructor(readonly view: ConflictView) {
    this.hunks = hunksOf(view.segments);
    this.choices = this.hunks.map(() => null);
  }

  choose(index: number, choice: ConflictChoice): void {
    if (index >= 0 && index < this.choices.length) this.choices[index] = choice;
  }

  choiceOf(index: number): ConflictChoice | null {
    return this.choices[index] ?? null;
  }

  /** How many hunks still wait for a choice. */
  open(): number {
    return this.choices.filter((c) => c === null).length;
  }

  complete(): boolean {
    return this.hunks.length > 0 && this.open() === 0;
  }

  /** The choices for `resolve_conflicts`; null until every hunk has one. */
  final(): ConflictChoice[] | null {
    return this.complete() ? (this.choices as ConflictChoice[]) : null;
  }

  pieces(): PreviewPiece[] {
    return previewPieces(this.view.segments, this.choices);
  }

  /** The text Apply will write; null until every hunk has a choice. */
  text(): string | null {
    const final = this.final();
    return final ? resolveText(this.view.segments, final) : null;
  }
}
