// @vitest-environment happy-dom
// The git marks: placed from line numbers, kept on their lines through edits, asked for only
// after a pause, and a late answer placed on the text it describes.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EditorState, Text } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import {
  GIT_MARKS_IDLE_MS,
  GIT_MARKS_OPEN_MS,
  gitGutter,
  gitMarks,
  markedLines,
  marksFor,
  refreshGitMarks,
  setLineChanges,
  type GitMarksSource,
} from "./git-gutter";
import type { LineChange } from "./ipc/bindings/Git";

const doc = (...lines: string[]) => Text.of(lines);
const stateWith = (text: Text, changes: LineChange[]) => {
  const state = EditorState.create({ doc: text, extensions: gitMarks });
  return state.update({ effects: setLineChanges(text, changes) }).state;
};

describe("marksFor", () => {
  it("marks each line of an added or modified range", () => {
    const text = doc("a", "b", "c", "d");
    const set = marksFor(text, [
      { kind: "added", from: 1, to: 2 },
      { kind: "modified", from: 4, to: 4 },
    ]);
    const lines: string[] = [];
    for (let c = set.iter(); c.value; c.next()) lines.push(`${text.lineAt(c.from).number}:${c.value.kind}`);
    expect(lines).toEqual(["1:added", "2:added", "4:modified"]);
  });

  it("puts a deletion on the line before it, or above the first line for 0", () => {
    const state = stateWith(doc("a", "b"), [
      { kind: "deleted", from: 0, to: 0 },
      { kind: "deleted", from: 2, to: 2 },
    ]);
    expect(markedLines(state)).toEqual([
      { line: 1, kind: "deleted", above: true },
      { line: 2, kind: "deleted", above: false },
    ]);
  });

  it("drops lines past the end and clamps a deletion there", () => {
    const state = stateWith(doc("a", "b"), [
      { kind: "added", from: 2, to: 9 },
      { kind: "deleted", from: 7, to: 7 },
    ]);
    expect(markedLines(state)).toEqual([
      { line: 2, kind: "added", above: false },
      { line: 2, kind: "deleted", above: false },
    ]);
  });

  it("has no marks for no changes", () => {
    expect(markedLines(stateWith(doc("a"), []))).toEqual([]);
  });
});

describe("the marks through edits", () => {
  it("stay on their lines when lines are inserted above", () => {
    let state = stateWith(doc("a", "b", "c"), [{ kind: "modified", from: 3, to: 3 }]);
    state = state.update({ changes: { from: 0, insert: "new\nlines\n" } }).state;
    expect(markedLines(state)).toEqual([{ line: 5, kind: "modified", above: false }]);
  });

  it("stay on a line when text is typed at its start", () => {
    let state = stateWith(doc("a", "b"), [{ kind: "added", from: 2, to: 2 }]);
    state = state.update({ changes: { from: 2, insert: "xx" } }).state;
    expect(markedLines(state)).toEqual([{ line: 2, kind: "added", above: false }]);
  });

  it("go with their line when it is joined to the one before", () => {
    let state = stateWith(doc("a", "b"), [{ kind: "added", from: 2, to: 2 }]);
    state = state.update({ changes: { from: 1, to: 2 } }).state;
    expect(markedLines(state)).toEqual([]);
  });

  it("are placed on the text as sent, then moved by what was typed since", () => {
    const sent = doc("a", "b", "c");
    let state = EditorState.create({ doc: sent, extensions: gitMarks });
    const typed = state.update({ changes: { from: 0, insert: "top\n" } });
    state = typed.state;
    state = state.update({ effects: setLineChanges(sent, [{ kind: "added", from: 3, to: 3 }], typed.changes) }).state;
    expect(markedLines(state)).toEqual([{ line: 4, kind: "added", above: false }]);
  });
});

describe("asking for the marks", () => {
  let view: EditorView;
  let calls: Array<{ path: string; body: string; resolve: (c: LineChange[]) => void }>;
  let source: GitMarksSource & { open: string | null; on: boolean };

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    source = {
      open: "posts/a.md",
      on: true,
      path: () => source.open,
      enabled: () => source.on,
      lineChanges: (path, body) => new Promise((resolve) => calls.push({ path, body, resolve })),
    };
    view = new EditorView({ parent: document.body, state: EditorState.create({ doc: "one\ntwo\nthree", extensions: gitGutter(source) }) });
  });

  afterEach(() => {
    view.destroy();
    vi.useRealTimers();
  });

  const type = (at: number, text: string) => view.dispatch({ changes: { from: at, insert: text } });
  const marks = () => markedLines(view.state);

  it("asks once the post opens, and draws the answer", async () => {
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(GIT_MARKS_OPEN_MS);
    expect(calls.map((c) => [c.path, c.body])).toEqual([["posts/a.md", "one\ntwo\nthree"]]);
    calls[0].resolve([{ kind: "modified", from: 2, to: 2 }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toEqual([{ line: 2, kind: "modified", above: false }]);
    const el = view.dom.querySelector<HTMLElement>("[data-testid=git-gutter-mark]")!;
    expect(el.dataset.kind).toBe("modified");
    expect(el.classList.contains("git-line-modified")).toBe(true);
  });

  it("waits for typing to stop", async () => {
    await vi.advanceTimersByTimeAsync(GIT_MARKS_OPEN_MS);
    calls[0].resolve([]);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 5; i++) {
      type(0, "x");
      await vi.advanceTimersByTimeAsync(GIT_MARKS_IDLE_MS - 50);
    }
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(calls).toHaveLength(2);
    expect(calls[1].body).toBe("xxxxxone\ntwo\nthree");
  });

  it("places a late answer on the text it was asked about", async () => {
    await vi.advanceTimersByTimeAsync(GIT_MARKS_OPEN_MS);
    type(0, "new\n"); // typed while the question is out
    calls[0].resolve([{ kind: "added", from: 3, to: 3 }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toEqual([{ line: 4, kind: "added", above: false }]);
  });

  it("drops an answer overtaken by a newer question", async () => {
    await vi.advanceTimersByTimeAsync(GIT_MARKS_OPEN_MS);
    type(0, "x");
    await vi.advanceTimersByTimeAsync(GIT_MARKS_IDLE_MS);
    expect(calls).toHaveLength(2);
    calls[0].resolve([{ kind: "added", from: 1, to: 3 }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toEqual([]);
    calls[1].resolve([{ kind: "modified", from: 1, to: 1 }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toEqual([{ line: 1, kind: "modified", above: false }]);
  });

  it("clears the marks and asks nothing when git is off", async () => {
    await vi.advanceTimersByTimeAsync(GIT_MARKS_OPEN_MS);
    calls[0].resolve([{ kind: "added", from: 1, to: 1 }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toHaveLength(1);
    source.on = false;
    refreshGitMarks(view);
    await vi.advanceTimersByTimeAsync(GIT_MARKS_OPEN_MS);
    expect(calls).toHaveLength(1);
    expect(marks()).toEqual([]);
  });

  it("shows no marks when the question fails", async () => {
    source.lineChanges = () => Promise.reject(new Error("no git"));
    await vi.advanceTimersByTimeAsync(GIT_MARKS_OPEN_MS);
    expect(marks()).toEqual([]);
  });

  it("asks again for a new post's state, and ignores the old post's answer", async () => {
    await vi.advanceTimersByTimeAsync(GIT_MARKS_OPEN_MS);
    source.open = "posts/b.md";
    view.setState(EditorState.create({ doc: "b body", extensions: gitGutter(source) }));
    calls[0].resolve([{ kind: "added", from: 1, to: 1 }]);
    await vi.advanceTimersByTimeAsync(GIT_MARKS_OPEN_MS);
    expect(marks()).toEqual([]);
    expect(calls.map((c) => c.path)).toEqual(["posts/a.md", "posts/b.md"]);
  });
});
