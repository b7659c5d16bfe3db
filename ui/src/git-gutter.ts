// The body editor's git marks: a narrow gutter just left of the text with a thin bar beside each
// line added or changed since the last commit, and a small triangle where lines were removed.
// It owns the marks (a StateField of gutter markers, set by an effect and mapped through every
// edit until the next answer) and when they are asked for: `git_line_changes` runs from a timer
// a moment after typing stops, when a post opens (a fresh editor state per post) and when the
// app says git's view changed (`refreshGitMarks`). It must never ask on the keystroke path, and
// never let a late answer land on text it does not describe: an answer is placed on the text as
// it was sent, then mapped through what was typed since.
//
// The gutter takes 18px of the content's left padding (editor.ts's theme), so the text sits
// exactly where it did without it, and the marks sit just beside the writing column.
import { ChangeSet, type EditorState, type Extension, RangeSet, type Range, StateEffect, StateField, type Text } from "@codemirror/state";
import { EditorView, GutterMarker, ViewPlugin, type ViewUpdate, gutter } from "@codemirror/view";
import type { LineChange, LineChangeKind } from "./ipc/bindings/Git";
import { BufferQuestion } from "./buffer-question";

/** Marks are asked for this long after typing stops. */
export const GIT_MARKS_IDLE_MS = 300;
/** And this long after a post opens (its first paint comes first). */
export const GIT_MARKS_OPEN_MS = 60;

const TITLES: Record<LineChangeKind, string> = {
  added: "Added since the last commit",
  modified: "Changed since the last commit",
  deleted: "Lines removed here since the last commit",
};

/** One line's mark. `above`: lines were removed before the first line (drawn at its top). */
export class GitMark extends GutterMarker {
  constructor(
    readonly kind: LineChangeKind,
    readonly above = false,
  ) {
    super();
  }

  eq(other: GitMark): boolean {
    return other.kind === this.kind && other.above === this.above;
  }

  toDOM(): Node {
    const el = document.createElement("span");
    el.className = `git-mark git-line-${this.kind}${this.above ? " git-deleted-above" : ""}`;
    el.dataset.testid = "git-gutter-mark";
    el.dataset.kind = this.kind;
    el.title = TITLES[this.kind];
    return el;
  }
}

const MARKS = {
  added: new GitMark("added"),
  modified: new GitMark("modified"),
  deleted: new GitMark("deleted"),
  deletedAbove: new GitMark("deleted", true),
};

/** The marks for `changes` on `doc`, the text they describe: one per line of an added or
 *  modified range, one on the line after which lines were removed (the first line, drawn at its
 *  top, for 0). Lines past the end (an answer for a longer text) are dropped or clamped. */
export function marksFor(doc: Text, changes: readonly LineChange[]): RangeSet<GitMark> {
  const ranges: Range<GitMark>[] = [];
  for (const change of changes) {
    if (change.kind === "deleted") {
      if (change.from <= 0) ranges.push(MARKS.deletedAbove.range(0));
      else ranges.push(MARKS.deleted.range(doc.line(Math.min(change.from, doc.lines)).from));
      continue;
    }
    const last = Math.min(change.to, doc.lines);
    for (let n = Math.max(1, change.from); n <= last; n++) ranges.push(MARKS[change.kind].range(doc.line(n).from));
  }
  return RangeSet.of(ranges, true);
}

const setMarks = StateEffect.define<RangeSet<GitMark>>({ map: (marks, mapping) => marks.map(mapping) });
const refresh = StateEffect.define<null>();

/** The open body's marks, following every edit until the next answer replaces them. */
export const gitMarks = StateField.define<RangeSet<GitMark>>({
  create: () => RangeSet.empty,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const effect of tr.effects) if (effect.is(setMarks)) marks = effect.value;
    return marks;
  },
});

/** The effect that puts `changes` (describing `doc`) on a state whose text is `doc` changed by
 *  `since`. */
export function setLineChanges(doc: Text, changes: readonly LineChange[], since?: ChangeSet): StateEffect<RangeSet<GitMark>> {
  const marks = marksFor(doc, changes);
  return setMarks.of(since ? marks.map(since) : marks);
}

/** The marks as line numbers and kinds, in order (for tests and the curious). */
export function markedLines(state: EditorState): Array<{ line: number; kind: LineChangeKind; above: boolean }> {
  const out: Array<{ line: number; kind: LineChangeKind; above: boolean }> = [];
  for (let cursor = state.field(gitMarks).iter(); cursor.value; cursor.next()) {
    out.push({ line: state.doc.lineAt(cursor.from).number, kind: cursor.value.kind, above: cursor.value.above });
  }
  return out;
}

/** Where the marks come from; app.ts passes the open post, git's availability and the command. */
export interface GitMarksSource {
  /** The open post's path, or null (no marks). */
  path(): string | null;
  /** Whether git reads this site; when it does not, the marks go and nothing is asked. */
  enabled(): boolean;
  lineChanges(path: string, body: string): Promise<LineChange[]>;
}

/** Asks again soon (git's view changed: a commit, a checkout, a pull). */
export function refreshGitMarks(view: EditorView): void {
  view.dispatch({ effects: refresh.of(null) });
}

/** Asks for the marks off the keystroke path and places each answer on the text it describes. */
class MarksRequest {
  private readonly question = new BufferQuestion(() => void this.ask());

  constructor(
    private readonly view: EditorView,
    private readonly source: GitMarksSource,
  ) {
    // A fresh state is a post opened (editor.ts loads each post into a new one).
    this.question.schedule(GIT_MARKS_OPEN_MS);
  }

  update(update: ViewUpdate): void {
    if (update.docChanged) {
      this.question.edited(update.changes);
      this.question.schedule(GIT_MARKS_IDLE_MS);
    }
    if (update.transactions.some((tr) => tr.effects.some((e) => e.is(refresh)))) this.question.schedule(GIT_MARKS_OPEN_MS);
  }

  destroy(): void {
    this.question.destroy();
  }

  private clear(): void {
    if (this.view.state.field(gitMarks).size > 0) this.view.dispatch({ effects: setMarks.of(RangeSet.empty) });
  }

  private async ask(): Promise<void> {
    const path = this.source.path();
    if (path === null || !this.source.enabled()) {
      this.question.cancel();
      this.clear();
      return;
    }
    const doc = this.view.state.doc;
    const answered = await this.question.send(
      doc,
      () => this.source.lineChanges(path, doc.toString()),
      () => this.source.path() === path,
      // Marks are a hint: a failure shows none, and the next pause asks again.
      (): LineChange[] => [],
    );
    if (answered) this.view.dispatch({ effects: setLineChanges(answered.doc, answered.answer, answered.since) });
  }
}

const gutterTheme = EditorView.theme({
  // Specific enough to beat the base theme's grey gutter and editor.ts's `.cm-content` rule.
  "& .cm-scroller .cm-gutters": { backgroundColor: "transparent", border: "none", marginLeft: "auto" },
  "& .cm-scroller .cm-content": { marginLeft: "0", paddingLeft: "14px", maxWidth: "calc(72ch - 18px)" },
  ".cm-git-gutter": { width: "18px" },
  ".cm-git-gutter .cm-gutterElement": { position: "relative" },
});

/** The git marks gutter, fed by `source`. */
export function gitGutter(source: GitMarksSource): Extension {
  return [
    gitMarks,
    gutter({ class: "cm-git-gutter", markers: (view) => view.state.field(gitMarks) }),
    ViewPlugin.define((view) => new MarksRequest(view, source)),
    gutterTheme,
  ];
}
