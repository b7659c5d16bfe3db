// @vitest-environment happy-dom
// Spelling and grammar in the editor: marks placed on the text an answer describes and kept
// through edits, a word's mark gone once it is edited, questions asked only after a pause and
// superseded by newer ones, the popup's suggestion as one undoable edit, Ignore, Add to
// dictionary, and the setting.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EditorState, Text } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { history, undo } from "@codemirror/commands";
import type { ProseLint, ProseLints, ProseRequest } from "./ipc/bindings/Prose";
import {
  PROSE_IDLE_MS,
  PROSE_OPEN_MS,
  applySuggestion,
  closeProsePopup,
  ignoreLint,
  lintRange,
  openPopupLint,
  openProsePopup,
  proseCounters,
  proseField,
  proseLint,
  proseMarks,
  proseRowsOf,
  refreshProseLints,
  scheduleProseLints,
  setProseLints,
  suggestionTransaction,
  type ProseSource,
} from "./prose-lint";
import { proseIgnores } from "./prose-model";

function lint(text: string, start: number, rule = "spelling", extra: Partial<ProseLint> = {}): ProseLint {
  return { rule, start, end: start + text.length, text, message: `Check “${text}”`, suggestions: [], ...extra };
}
const answer = (body: ProseLint[], title: ProseLint[] = [], description: ProseLint[] = []): ProseLints => ({ english: true, body, title, description });

const marked = (state: EditorState) => proseMarks(state).map((m) => `${state.sliceDoc(m.from, m.to)}@${m.from}:${m.lint.rule}`);

function stateWith(text: string, lints: ProseLint[]): EditorState {
  const state = EditorState.create({ doc: text, extensions: [proseField, history()] });
  return state.update({ effects: setProseLints(state.doc, answer(lints), "a.md") }).state;
}

afterEach(() => proseIgnores.clear());

describe("the marks", () => {
  it("sit on the words the answer names", () => {
    const state = stateWith("I saw teh cat. Their is one.", [lint("teh", 6), lint("Their", 15, "grammar")]);
    expect(marked(state)).toEqual(["teh@6:spelling", "Their@15:grammar"]);
  });

  it("follow the text when it is typed before them", () => {
    let state = stateWith("I saw teh cat", [lint("teh", 6)]);
    state = state.update({ changes: { from: 0, insert: "Yesterday " } }).state;
    expect(marked(state)).toEqual(["teh@16:spelling"]);
  });

  it("go as soon as their word is edited, and only theirs", () => {
    let state = stateWith("teh cat and wrold", [lint("teh", 0), lint("wrold", 12)]);
    state = state.update({ changes: { from: 1, to: 3, insert: "he" } }).state;
    expect(marked(state)).toEqual(["wrold@12:spelling"]);
    state = state.update({ changes: { from: 17, insert: "s" } }).state; // typed at its end
    expect(marked(state)).toEqual([]);
  });

  it("are placed on the text as sent, then moved by what was typed since", () => {
    const sent = Text.of(["I saw teh cat and wrold"]);
    let state = EditorState.create({ doc: sent, extensions: proseField });
    const typed = state.update({ changes: [{ from: 0, insert: "Well, " }, { from: 18, to: 23, insert: "world" }] });
    state = typed.state;
    state = state.update({ effects: setProseLints(sent, answer([lint("teh", 6), lint("wrold", 18)]), "a.md", typed.changes) }).state;
    // "teh" moved with the text; "wrold" was fixed meanwhile, so its late mark is dropped.
    expect(marked(state)).toEqual(["teh@12:spelling"]);
  });

  it("leave out a lint whose offsets do not hold its text", () => {
    const state = stateWith("all fine here", [lint("teh", 4)]);
    expect(marked(state)).toEqual([]);
  });

  it("carry the test id, the rule and the class in the DOM", () => {
    const view = new EditorView({ parent: document.body, state: stateWith("teh cat, their is", [lint("teh", 0), lint("their", 9, "grammar")]) });
    const marks = [...view.dom.querySelectorAll<HTMLElement>("[data-testid=prose-mark]")];
    expect(marks.map((m) => [m.textContent, m.dataset.rule, m.classList.contains(`prose-${m.dataset.rule}`)])).toEqual([
      ["teh", "spelling", true],
      ["their", "grammar", true],
    ]);
    view.destroy();
  });

  it("give the panel its rows: the title, the description, then the body with lines", () => {
    let state = EditorState.create({ doc: "one\ntwo teh", extensions: proseField });
    state = state.update({
      effects: setProseLints(state.doc, answer([lint("teh", 8)], [lint("Titel", 0)], [lint("desc", 2, "grammar")]), "a.md"),
    }).state;
    expect(proseRowsOf(state).map((r) => [r.field, r.lint.text, r.from, r.line])).toEqual([
      ["title", "Titel", 0, null],
      ["description", "desc", 2, null],
      ["body", "teh", 8, 2],
    ]);
    const teh = proseRowsOf(state)[2].lint;
    state = state.update({ changes: { from: 0, insert: "zero\n" } }).state;
    expect(lintRange(state, teh)).toEqual({ from: 13, to: 16 });
  });
});

describe("a suggestion", () => {
  it("replaces exactly the lint's range as one undoable edit", () => {
    let state = stateWith("I saw teh cat", [lint("teh", 6, "spelling", { suggestions: ["the"] })]);
    const spec = suggestionTransaction(state, { from: 6, to: 9 }, lint("teh", 6), "the")!;
    const tr = state.update(spec);
    expect(tr.isUserEvent("input.spelling")).toBe(true);
    state = tr.state;
    expect(state.doc.toString()).toBe("I saw the cat");
    expect(state.selection.main.head).toBe(9);
    expect(marked(state)).toEqual([]);
    let undone = state;
    undo({ state, dispatch: (t) => (undone = t.state) });
    expect(undone.doc.toString()).toBe("I saw teh cat");
  });

  it("does nothing where the text changed, or in a read-only buffer", () => {
    const state = stateWith("I saw the cat", []);
    expect(suggestionTransaction(state, { from: 6, to: 9 }, lint("teh", 6), "the")).toBeNull();
    const readOnly = EditorState.create({ doc: "teh", extensions: EditorState.readOnly.of(true) });
    expect(suggestionTransaction(readOnly, { from: 0, to: 3 }, lint("teh", 0), "the")).toBeNull();
  });
});

describe("in the editor", () => {
  let view: EditorView;
  let calls: Array<{ request: ProseRequest; resolve: (a: ProseLints) => void; reject: (e: unknown) => void }>;
  let source: ProseSource & { open: string | null; on: boolean; words: string[]; notices: unknown[]; changes: number; title: string | null };

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    source = {
      open: "a.md",
      on: true,
      words: [],
      notices: [],
      changes: 0,
      title: "A Titel",
      path: () => source.open,
      enabled: () => source.on,
      fields: () => ({ title: source.title, description: null }),
      lint: (request) => new Promise((resolve, reject) => calls.push({ request, resolve, reject })),
      addWord: async (word) => {
        if (word === "bad") throw { kind: "edit", message: "postdesk.toml is broken" };
        source.words.push(word);
      },
      notice: (e) => source.notices.push(e),
      changed: () => source.changes++,
    };
    view = new EditorView({
      parent: document.body,
      // editor.ts asks for the browser's spell checking; the marks turn it off while they are on.
      state: EditorState.create({
        doc: "I saw teh cat. Zola is fine.",
        extensions: [history(), proseLint(source), EditorView.contentAttributes.of({ spellcheck: "true" })],
      }),
    });
    // happy-dom fires selectionchange synchronously, inside CodeMirror's own update, once the
    // view has the focus; a real browser fires it later.
    view.focus = () => undefined;
  });

  afterEach(() => {
    view.destroy();
    vi.useRealTimers();
  });

  const type = (at: number, text: string) => view.dispatch({ changes: { from: at, insert: text }, userEvent: "input.type" });
  const marks = () => marked(view.state);
  const opened = async (lints: ProseLint[]) => {
    await vi.advanceTimersByTimeAsync(PROSE_OPEN_MS);
    calls[calls.length - 1].resolve(answer(lints));
    await vi.advanceTimersByTimeAsync(0);
  };
  const popup = () => view.dom.querySelector<HTMLElement>("[data-testid=prose-popup]");

  it("asks once the post opens, with the body and the form's fields, and counts", async () => {
    const before = proseCounters.requests;
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(PROSE_OPEN_MS);
    expect(calls.map((c) => c.request)).toEqual([{ path: "a.md", body: "I saw teh cat. Zola is fine.", title: "A Titel", description: null }]);
    expect(proseCounters.requests).toBe(before + 1);
    calls[0].resolve(answer([lint("teh", 6)]));
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toEqual(["teh@6:spelling"]);
    expect(source.changes).toBeGreaterThan(0);
    expect(proseCounters.lastMs).toBeGreaterThanOrEqual(0);
  });

  it("never asks on a keystroke, only once typing stops", async () => {
    await opened([]);
    for (let i = 0; i < 5; i++) {
      type(0, "x");
      await vi.advanceTimersByTimeAsync(PROSE_IDLE_MS - 50);
    }
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(calls).toHaveLength(2);
    expect(calls[1].request.body).toBe("xxxxxI saw teh cat. Zola is fine.");
  });

  it("asks again after the form changes, once it pauses", async () => {
    await opened([]);
    source.title = "A Title";
    scheduleProseLints(view);
    scheduleProseLints(view);
    await vi.advanceTimersByTimeAsync(PROSE_IDLE_MS);
    expect(calls).toHaveLength(2);
    expect(calls[1].request.title).toBe("A Title");
  });

  it("drops an answer overtaken by a newer question", async () => {
    await vi.advanceTimersByTimeAsync(PROSE_OPEN_MS);
    type(0, "x");
    await vi.advanceTimersByTimeAsync(PROSE_IDLE_MS);
    expect(calls).toHaveLength(2);
    calls[0].resolve(answer([lint("teh", 6)]));
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toEqual([]);
    calls[1].resolve(answer([lint("teh", 7)]));
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toEqual(["teh@7:spelling"]);
  });

  it("places a late answer on the text it was asked about", async () => {
    await vi.advanceTimersByTimeAsync(PROSE_OPEN_MS);
    type(0, "Well, "); // typed while the question is out
    calls[0].resolve(answer([lint("teh", 6), lint("Zola", 15)]));
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toEqual(["teh@12:spelling", "Zola@21:spelling"]);
  });

  it("keeps the marks when a question fails", async () => {
    await opened([lint("teh", 6)]);
    type(0, "x");
    await vi.advanceTimersByTimeAsync(PROSE_IDLE_MS);
    calls[1].reject(new Error("no folder"));
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toEqual(["teh@7:spelling"]);
  });

  it("asks nothing and shows nothing while the setting is off", async () => {
    await opened([lint("teh", 6)]);
    source.on = false;
    refreshProseLints(view);
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toEqual([]);
    expect(view.contentDOM.getAttribute("spellcheck")).toBe("true");
    type(0, "x");
    await vi.advanceTimersByTimeAsync(PROSE_IDLE_MS * 2);
    expect(calls).toHaveLength(1);
    source.on = true;
    refreshProseLints(view);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    expect(view.contentDOM.getAttribute("spellcheck")).toBe("false");
  });

  it("drops the answer when the setting turns off while it is out", async () => {
    await vi.advanceTimersByTimeAsync(PROSE_OPEN_MS);
    source.on = false;
    refreshProseLints(view);
    await vi.advanceTimersByTimeAsync(0);
    calls[0].resolve(answer([lint("teh", 6)]));
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toEqual([]);
  });

  it("asks again for a new post's state, and ignores the old post's answer", async () => {
    await vi.advanceTimersByTimeAsync(PROSE_OPEN_MS);
    source.open = "b.md";
    view.setState(EditorState.create({ doc: "teh b", extensions: proseLint(source) }));
    calls[0].resolve(answer([lint("teh", 6)]));
    await vi.advanceTimersByTimeAsync(PROSE_OPEN_MS);
    expect(marks()).toEqual([]);
    expect(calls.map((c) => c.request.path)).toEqual(["a.md", "b.md"]);
  });

  it("opens a popup with the message, five suggestions, Ignore and Add to dictionary", async () => {
    await opened([lint("teh", 6, "spelling", { suggestions: ["the", "tea", "ten", "tech", "Ted", "tee", "tel"] })]);
    expect(openProsePopup(view, 2)).toBe(false);
    expect(openProsePopup(view, 7)).toBe(true);
    const el = popup()!;
    expect(el.dataset.rule).toBe("spelling");
    expect(el.textContent).toContain("Check “teh”");
    expect([...el.querySelectorAll("[data-testid=prose-suggestion]")].map((b) => b.textContent)).toEqual(["the", "tea", "ten", "tech", "Ted"]);
    expect(el.querySelector("[data-testid=prose-ignore]")).not.toBeNull();
    expect(el.querySelector("[data-testid=prose-add-word]")).not.toBeNull();
    expect(closeProsePopup(view)).toBe(true);
    expect(popup()).toBeNull();
  });

  it("opens the popup on a click on an underlined word", async () => {
    await opened([lint("teh", 6)]);
    const mark = view.dom.querySelector<HTMLElement>("[data-testid=prose-mark]")!;
    mark.dispatchEvent(new MouseEvent("click", { bubbles: true, button: 0, detail: 1 }));
    expect(popup()).not.toBeNull();
    expect(openPopupLint(view.state)?.text).toBe("teh");
  });

  it("leaves a double click and a drag to selecting, and opens for a script's click", async () => {
    await opened([lint("teh", 6)]);
    const mark = () => view.dom.querySelector<HTMLElement>("[data-testid=prose-mark]")!;
    mark().dispatchEvent(new MouseEvent("click", { bubbles: true, button: 0, detail: 2 }));
    expect(popup()).toBeNull();
    view.dispatch({ selection: { anchor: 6, head: 8 } });
    mark().dispatchEvent(new MouseEvent("click", { bubbles: true, button: 0, detail: 1 }));
    expect(popup()).toBeNull();
    // A synthetic mousedown (detail 0) makes CodeMirror select the line; the click still opens.
    view.dispatch({ selection: { anchor: 0, head: view.state.doc.length } });
    mark().dispatchEvent(new MouseEvent("click", { bubbles: true, button: 0 }));
    expect(popup()).not.toBeNull();
  });

  it("offers no Add to dictionary for grammar", async () => {
    view.setState(EditorState.create({ doc: "Their is one", extensions: proseLint(source) }));
    await opened([lint("Their", 0, "grammar")]);
    openProsePopup(view, 1);
    expect(popup()!.dataset.rule).toBe("grammar");
    expect(popup()!.querySelector("[data-testid=prose-add-word]")).toBeNull();
  });

  it("puts a chosen suggestion in place, undoable with one undo", async () => {
    await opened([lint("teh", 6, "spelling", { suggestions: ["the"] })]);
    openProsePopup(view, 6);
    popup()!.querySelector<HTMLButtonElement>("[data-testid=prose-suggestion]")!.click();
    expect(view.state.doc.toString()).toBe("I saw the cat. Zola is fine.");
    expect(popup()).toBeNull();
    undo(view);
    expect(view.state.doc.toString()).toBe("I saw teh cat. Zola is fine.");
  });

  it("refuses a suggestion for a range whose text changed", async () => {
    await opened([lint("teh", 6)]);
    expect(applySuggestion(view, { from: 5, to: 8 }, lint("teh", 6), "the")).toBe(false);
    expect(view.state.doc.toString()).toBe("I saw teh cat. Zola is fine.");
  });

  it("closes the popup when the writer types or moves away", async () => {
    await opened([lint("teh", 6)]);
    openProsePopup(view, 6);
    view.dispatch({ selection: { anchor: 8 } });
    expect(popup()).not.toBeNull();
    view.dispatch({ selection: { anchor: 0 } });
    expect(popup()).toBeNull();
    openProsePopup(view, 6);
    type(0, "x");
    expect(openPopupLint(view.state)).toBeNull();
  });

  it("ignores a word for this post: its marks go now and stay gone in later answers", async () => {
    await opened([lint("Zola", 15), lint("teh", 6)]);
    openProsePopup(view, 16);
    popup()!.querySelector<HTMLButtonElement>("[data-testid=prose-ignore]")!.click();
    expect(marks()).toEqual(["teh@6:spelling"]);
    expect(popup()).toBeNull();
    type(0, "x");
    await vi.advanceTimersByTimeAsync(PROSE_IDLE_MS);
    calls[1].resolve(answer([lint("Zola", 16), lint("teh", 7)]));
    await vi.advanceTimersByTimeAsync(0);
    expect(marks()).toEqual(["teh@7:spelling"]);
    // Another post still marks it.
    expect(proseIgnores.has("b.md", lint("Zola", 0))).toBe(false);
  });

  it("ignores through the API too", async () => {
    await opened([lint("teh", 6)]);
    ignoreLint(view, proseMarks(view.state)[0].lint);
    expect(marks()).toEqual([]);
  });

  it("adds a word to the dictionary, drops its marks and asks again", async () => {
    await opened([lint("Zola", 15), lint("zola", 0)]);
    openProsePopup(view, 15);
    popup()!.querySelector<HTMLButtonElement>("[data-testid=prose-add-word]")!.click();
    await vi.advanceTimersByTimeAsync(0);
    expect(source.words).toEqual(["Zola"]);
    expect(marks()).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it("shows a failure to add a word as a notice", async () => {
    view.setState(EditorState.create({ doc: "a bad word", extensions: proseLint(source) }));
    await opened([lint("bad", 2)]);
    openProsePopup(view, 2);
    popup()!.querySelector<HTMLButtonElement>("[data-testid=prose-add-word]")!.click();
    await vi.advanceTimersByTimeAsync(0);
    expect(source.notices).toEqual([{ kind: "edit", message: "postdesk.toml is broken" }]);
    expect(marks()).toEqual(["bad@2:spelling"]);
  });

  it("keeps the popup over a word a new answer still marks", async () => {
    await opened([lint("teh", 6)]);
    openProsePopup(view, 6);
    refreshProseLints(view);
    await vi.advanceTimersByTimeAsync(0);
    calls[1].resolve(answer([lint("teh", 6)]));
    await vi.advanceTimersByTimeAsync(0);
    expect(popup()).not.toBeNull();
    refreshProseLints(view);
    await vi.advanceTimersByTimeAsync(0);
    calls[2].resolve(answer([]));
    await vi.advanceTimersByTimeAsync(0);
    expect(popup()).toBeNull();
  });
});
