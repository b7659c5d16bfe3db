// Spelling and grammar in the body editor: a calm wavy underline under each word harper
// (`prose_lints`, in Rust) finds, and a small popup on a click (or Ctrl+.) with the message,
// suggestions, Ignore and Add to dictionary. It owns the marks (a StateField of decorations,
// set by an effect and mapped through every edit until the next answer; a mark whose text is
// edited goes at once), when the lints are asked for (a moment after typing stops, when a post
// opens, and when the app asks: the form changed, a word was added, the setting turned on), and
// the popup. It must never ask on the keystroke path, never let a late answer land on text it
// does not describe (an answer is placed on the text as it was sent, then mapped through what
// was typed since; an older question's answer is dropped once a newer one is asked), and never
// change the text except by the writer's choice of a suggestion, as one undoable edit.
// The pure decisions (placing, ignoring, the suggestion's edit, the panel's rows) are
// prose-model.ts's; the popup's element is prose-popup.ts's.
import {
  ChangeSet,
  type EditorState,
  type Extension,
  Facet,
  Prec,
  type Range,
  StateEffect,
  StateField,
  type Text,
  type TransactionSpec,
} from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  EditorView,
  ViewPlugin,
  type ViewUpdate,
  closeHoverTooltips,
  hoverTooltip,
  keymap,
  showTooltip,
  type Tooltip,
} from "@codemirror/view";
import { isolateHistory } from "@codemirror/commands";
import type { ProseLint, ProseLints, ProseRequest } from "./ipc/bindings/Prose";
import { BufferQuestion } from "./buffer-question";
import { buildPopup } from "./prose-popup";
import { anchorLint, orderedRows, proseIgnores, ruleOf, suggestionChange, type ProseRow } from "./prose-model";

/** Lints are asked for this long after typing stops (and after the form changes). */
export const PROSE_IDLE_MS = 400;
/** And this long after a post opens (its first paint and preview come first). */
export const PROSE_OPEN_MS = 120;

/** Request counts and the last round trip, for benchmarks (`window.postdeskProse`). */
export const proseCounters = { requests: 0, lastMs: 0 };

declare global {
  interface Window {
    postdeskProse: { requests: number; lastMs: number };
  }
}

/** What the marks need from the app: app.ts passes the open post, the setting, the form's
 *  fields and the commands. */
export interface ProseSource {
  /** The open, editable post's path, or null (no lints). */
  path(): string | null;
  /** "Check spelling and grammar as you type"; off means no requests and no marks. */
  enabled(): boolean;
  /** The form's title and description as they stand (null where the post has no such field). */
  fields(): { title: string | null; description: string | null };
  lint(request: ProseRequest): Promise<ProseLints>;
  addWord(word: string): Promise<void>;
  /** Shows a failure (Add to dictionary) with the app's notice. */
  notice(error: unknown): void;
  /** The lints changed (an answer, an ignore, another post, the setting): read proseRowsOf. */
  changed(view: EditorView): void;
}

const proseSource = Facet.define<ProseSource, ProseSource | null>({ combine: (sources) => sources[0] ?? null });

/** The open post's lints: the body's as marks, the title's and description's as they came. */
export interface ProseState {
  path: string | null;
  marks: DecorationSet;
  title: ProseLint[];
  description: ProseLint[];
}

const EMPTY: ProseState = { path: null, marks: Decoration.none, title: [], description: [] };

/** The underline for one lint; the lint rides in the spec so a click finds it. */
function markFor(lint: ProseLint): Decoration {
  const rule = ruleOf(lint);
  return Decoration.mark({
    class: `prose-mark prose-${rule}`,
    attributes: { "data-testid": "prose-mark", "data-rule": rule },
    lint,
  });
}

/** `marks` without those an edit in `changes` touched (the word changed: its lint is stale
 *  until the next answer). Only the marks near the edit are looked at. */
function dropTouched(marks: DecorationSet, changes: ChangeSet): DecorationSet {
  if (marks.size === 0 || changes.empty) return marks;
  let from = -1;
  let to = -1;
  changes.iterChangedRanges((fromA, toA) => {
    if (from < 0) from = fromA;
    to = toA;
  });
  return marks.update({ filterFrom: from, filterTo: to, filter: (f, t) => !changes.touchesRange(f, t) });
}

/** The state for `answer`, asked about `doc` in `path`, on a text that is `doc` changed by
 *  `since`: each body lint placed where its text is in `doc` (else dropped), the ignored ones
 *  left out, those whose words were edited since dropped, the rest mapped onto today's text. */
export function proseStateFor(doc: Text, answer: ProseLints, path: string, since?: ChangeSet): ProseState {
  const ranges: Range<Decoration>[] = [];
  const slice = (from: number, to: number) => doc.sliceString(from, to);
  for (const lint of proseIgnores.visible(path, answer.body)) {
    const at = anchorLint(slice, doc.length, lint);
    if (at) ranges.push(markFor(lint).range(at.from, at.to));
  }
  let marks = Decoration.set(ranges, true);
  if (since && !since.empty) marks = dropTouched(marks, since).map(since);
  return {
    path,
    marks,
    title: proseIgnores.visible(path, answer.title),
    description: proseIgnores.visible(path, answer.description),
  };
}

const setProse = StateEffect.define<ProseState>({ map: (value, mapping) => ({ ...value, marks: value.marks.map(mapping) }) });
/** Takes out the lints `drop` says (ignored, or a word just added to the dictionary). */
const dropLints = StateEffect.define<(lint: ProseLint) => boolean>();
/** Asks again after this many ms. */
const refresh = StateEffect.define<number>();

/** The effect that puts `answer` (about `doc`) on a state whose text is `doc` changed by
 *  `since`. */
export function setProseLints(doc: Text, answer: ProseLints, path: string, since?: ChangeSet): StateEffect<ProseState> {
  return setProse.of(proseStateFor(doc, answer, path, since));
}

/** The open body's lints, following every edit until the next answer replaces them. */
export const proseField = StateField.define<ProseState>({
  create: () => EMPTY,
  update(value, tr) {
    if (tr.docChanged && value.marks.size > 0) value = { ...value, marks: dropTouched(value.marks, tr.changes).map(tr.changes) };
    for (const effect of tr.effects) {
      if (effect.is(setProse)) value = effect.value;
      else if (effect.is(dropLints)) {
        const drop = effect.value;
        value = {
          ...value,
          marks: value.marks.update({ filter: (_f, _t, deco) => !drop(deco.spec.lint as ProseLint) }),
          title: value.title.filter((l) => !drop(l)),
          description: value.description.filter((l) => !drop(l)),
        };
      }
    }
    return value;
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.marks),
});

/** The body's lints as they stand: where each is now, in order. */
export function proseMarks(state: EditorState): Array<{ from: number; to: number; lint: ProseLint }> {
  const out: Array<{ from: number; to: number; lint: ProseLint }> = [];
  const marks = state.field(proseField, false)?.marks ?? Decoration.none;
  for (let cursor = marks.iter(); cursor.value; cursor.next()) {
    out.push({ from: cursor.from, to: cursor.to, lint: cursor.value.spec.lint as ProseLint });
  }
  return out;
}

/** Where `lint` (one of the body's) is now, or null when an edit took it away. */
export function lintRange(state: EditorState, lint: ProseLint): { from: number; to: number } | null {
  const mark = proseMarks(state).find((m) => m.lint === lint);
  return mark ? { from: mark.from, to: mark.to } : null;
}

/** The rows of the problems panel's "Spelling and grammar" group. */
export function proseRowsOf(state: EditorState): ProseRow[] {
  const value = state.field(proseField, false) ?? EMPTY;
  const rows: ProseRow[] = proseMarks(state).map((m) => ({ field: "body", lint: m.lint, from: m.from, to: m.to, line: state.doc.lineAt(m.from).number }));
  for (const lint of value.title) rows.push({ field: "title", lint, from: lint.start, to: lint.end, line: null });
  for (const lint of value.description) rows.push({ field: "description", lint, from: lint.start, to: lint.end, line: null });
  return orderedRows(rows);
}

/** The lint under `pos`, spelling first, then the shortest. `side` (a pointer's) leaves out a
 *  lint that only ends or starts at `pos` on the other side. */
function lintAt(state: EditorState, pos: number, side = 0): { from: number; to: number; lint: ProseLint } | null {
  let best: { from: number; to: number; lint: ProseLint } | null = null;
  const marks = state.field(proseField, false)?.marks ?? Decoration.none;
  marks.between(pos, pos, (from, to, deco) => {
    if ((from === pos && side < 0) || (to === pos && side > 0)) return;
    const lint = deco.spec.lint as ProseLint;
    const better =
      !best ||
      (ruleOf(lint) === "spelling" && ruleOf(best.lint) !== "spelling") ||
      (ruleOf(lint) === ruleOf(best.lint) && to - from < best.to - best.from);
    if (better) best = { from, to, lint };
  });
  return best;
}

// ---- the popup ----------------------------------------------------------------------------

interface Popup {
  from: number;
  to: number;
  lint: ProseLint;
}

const popupEffect = StateEffect.define<Popup | null>();

const popupField = StateField.define<Popup | null>({
  create: () => null,
  update(popup, tr) {
    let opened = false;
    for (const effect of tr.effects) {
      if (effect.is(popupEffect)) {
        popup = effect.value;
        opened = true;
      }
    }
    if (!popup || opened) return popup;
    // Typing, or the cursor leaving the word, puts it away.
    if (tr.docChanged) return null;
    if (tr.selection) {
      const head = tr.selection.main.head;
      if (head < popup.from || head > popup.to) return null;
    }
    for (const effect of tr.effects) {
      if (effect.is(dropLints) && effect.value(popup.lint)) return null;
      if (effect.is(setProse)) {
        // A new answer: the popup stays if the same word is still marked for the same reason.
        let same: ProseLint | null = null;
        effect.value.marks.between(popup.from, popup.to, (from, to, deco) => {
          const lint = deco.spec.lint as ProseLint;
          if (from === popup!.from && to === popup!.to && lint.rule === popup!.lint.rule && lint.message === popup!.lint.message) same = lint;
        });
        if (!same) return null;
        popup = { ...popup, lint: same };
      }
    }
    return popup;
  },
  provide: (field) => showTooltip.from(field, (popup) => (popup ? popupTooltip(popup) : null)),
});

function popupTooltip(popup: Popup): Tooltip {
  return {
    pos: popup.from,
    end: popup.to,
    above: false,
    create: (view) => ({
      dom: buildPopup(popup.lint, !view.state.readOnly, {
        suggest: (replacement) => {
          applySuggestion(view, popup, popup.lint, replacement);
        },
        ignore: () => ignoreLint(view, popup.lint),
        addWord: view.state.facet(proseSource) ? () => void addWord(view, popup.lint) : null,
        close: () => {
          closeProsePopup(view);
          view.focus();
        },
      }),
    }),
  };
}

/** Opens the popup for the lint at `pos`, if there is one; `focus` moves the keyboard into it
 *  (Ctrl+.), a click leaves the focus in the text. `side` 1 leaves out a lint that only ends
 *  at `pos`. */
export function openProsePopup(view: EditorView, pos: number, focus = false, side = 0): boolean {
  const hit = lintAt(view.state, pos, side);
  if (!hit) return false;
  view.dispatch({ effects: [popupEffect.of(hit), closeHoverTooltips] });
  if (focus) view.dom.querySelector<HTMLElement>("[data-testid=prose-popup] button")?.focus();
  return true;
}

export function closeProsePopup(view: EditorView): boolean {
  if (!view.state.field(popupField, false)) return false;
  view.dispatch({ effects: popupEffect.of(null) });
  return true;
}

/** The open popup's lint, if any (tests and the curious). */
export function openPopupLint(state: EditorState): ProseLint | null {
  return state.field(popupField, false)?.lint ?? null;
}

/** The transaction that puts `suggestion` in place of `lint` at `range`: exactly that range,
 *  one undo step of its own, the cursor after the new word. Null when the text there is no
 *  longer the lint's, or the buffer is read-only. */
export function suggestionTransaction(
  state: EditorState,
  range: { from: number; to: number },
  lint: ProseLint,
  suggestion: string,
): TransactionSpec | null {
  if (state.readOnly) return null;
  const change = suggestionChange((f, t) => state.sliceDoc(f, t), range, lint, suggestion);
  if (!change) return null;
  return {
    changes: change,
    selection: { anchor: change.from + change.insert.length },
    userEvent: "input.spelling",
    annotations: isolateHistory.of("full"),
    scrollIntoView: true,
  };
}

/** Puts `suggestion` in place of the lint: an ordinary edit, so it is saved and undone like
 *  typing (the app's change listener sees it). */
export function applySuggestion(view: EditorView, range: { from: number; to: number }, lint: ProseLint, suggestion: string): boolean {
  const spec = suggestionTransaction(view.state, range, lint, suggestion);
  if (!spec) {
    closeProsePopup(view);
    return false;
  }
  view.dispatch(spec);
  view.focus();
  return true;
}

/** Stops marking `lint`'s text in this post until the window closes. */
export function ignoreLint(view: EditorView, lint: ProseLint): void {
  const path = view.state.field(proseField, false)?.path ?? view.state.facet(proseSource)?.path() ?? null;
  if (path === null) return;
  proseIgnores.add(path, lint);
  view.dispatch({ effects: [dropLints.of((l) => proseIgnores.has(path, l)), popupEffect.of(null)] });
  view.focus();
  view.state.facet(proseSource)?.changed(view);
}

/** Adds `lint`'s word to the site's dictionary, then asks again; a failure is the app's notice. */
async function addWord(view: EditorView, lint: ProseLint): Promise<void> {
  const source = view.state.facet(proseSource);
  if (!source) return;
  closeProsePopup(view);
  view.focus();
  try {
    await source.addWord(lint.text);
  } catch (e) {
    source.notice(e);
    return;
  }
  // The word is known now: its marks go at once, and the next answer agrees.
  const word = lint.text.toLowerCase();
  if (view.state.facet(proseSource) === source) {
    view.dispatch({ effects: [dropLints.of((l) => ruleOf(l) === "spelling" && l.text.toLowerCase() === word), refresh.of(0)] });
    source.changed(view);
  }
}

/** Asks again after `delay` ms (the setting changed, the folder's words changed). */
export function refreshProseLints(view: EditorView, delay = 0): void {
  view.dispatch({ effects: refresh.of(delay) });
}

/** Asks again once the writer pauses (the form's title or description changed); no
 *  transaction, so it is cheap on every keystroke in the form. */
export function scheduleProseLints(view: EditorView, delay = PROSE_IDLE_MS): void {
  view.plugin(requester)?.schedule(delay);
}

// ---- asking ------------------------------------------------------------------------------

/** Asks for the lints off the keystroke path and places each answer on the text it describes. */
class ProseRequester {
  private readonly question = new BufferQuestion(() => void this.ask());
  private readonly focusOut = (event: FocusEvent) => {
    const to = event.relatedTarget;
    if (to instanceof Node && this.view.dom.contains(to)) return;
    // Out of the editor and its popup: the popup goes (after the event, never inside an update).
    setTimeout(() => {
      if (this.question.live && !this.view.dom.contains(document.activeElement)) closeProsePopup(this.view);
    });
  };

  constructor(private readonly view: EditorView) {
    view.dom.addEventListener("focusout", this.focusOut);
    // A fresh state is a post opened (editor.ts loads each post into a new one): the panel
    // drops the last post's lints now, and this one's are asked for shortly.
    queueMicrotask(() => {
      if (this.question.live) this.source()?.changed(view);
    });
    this.question.schedule(PROSE_OPEN_MS);
  }

  private source(): ProseSource | null {
    return this.view.state.facet(proseSource);
  }

  update(update: ViewUpdate): void {
    if (update.docChanged) {
      this.question.edited(update.changes);
      this.question.schedule(PROSE_IDLE_MS);
    }
    for (const tr of update.transactions) for (const e of tr.effects) if (e.is(refresh)) this.question.schedule(e.value);
  }

  destroy(): void {
    this.question.destroy();
    this.view.dom.removeEventListener("focusout", this.focusOut);
  }

  schedule(delay: number): void {
    this.question.schedule(delay);
  }

  private clear(): void {
    const value = this.view.state.field(proseField, false);
    if (value && (value.marks.size > 0 || value.title.length > 0 || value.description.length > 0)) {
      this.view.dispatch({ effects: [setProse.of(EMPTY), popupEffect.of(null)] });
    }
    this.source()?.changed(this.view);
  }

  private async ask(): Promise<void> {
    const source = this.source();
    const path = source?.path() ?? null;
    if (!source || path === null || !source.enabled()) {
      this.question.cancel();
      this.clear();
      return;
    }
    const doc = this.view.state.doc;
    const { title, description } = source.fields();
    proseCounters.requests++;
    const sent = performance.now();
    // Lints are a hint: a failure keeps the marks there are, and the next pause asks again.
    const answered = await this.question.send(
      doc,
      async () => {
        const answer = await source.lint({ path, body: doc.toString(), title, description });
        proseCounters.lastMs = performance.now() - sent;
        return answer;
      },
      // A newer question (or another post, or the setting turned off) supersedes this answer.
      () => source.path() === path && source.enabled(),
    );
    if (!answered) return;
    this.view.dispatch({ effects: setProseLints(answered.doc, answered.answer, path, answered.since) });
    source.changed(this.view);
  }
}

const requester = ViewPlugin.fromClass(ProseRequester);

const hover = hoverTooltip(
  (view, pos, side) => {
    const hit = lintAt(view.state, pos, side);
    const popup = view.state.field(popupField, false);
    if (!hit || (popup && popup.from === hit.from && popup.to === hit.to)) return null;
    return {
      pos: hit.from,
      end: hit.to,
      above: true,
      create: () => {
        const dom = document.createElement("div");
        dom.className = `prose-hover prose-hover-${ruleOf(hit.lint)}`;
        dom.textContent = hit.lint.message;
        const hint = document.createElement("span");
        hint.className = "prose-hover-hint";
        hint.textContent = "Click for suggestions";
        dom.append(hint);
        return { dom };
      },
    };
  },
  { hoverTime: 500 },
);

const popupKeys = Prec.high(
  keymap.of([
    { key: "Mod-.", run: (view) => openProsePopup(view, view.state.selection.main.head, true) },
    { key: "Escape", run: closeProsePopup },
  ]),
);

const clicks = EditorView.domEventHandlers({
  click(event, view) {
    if (event.button !== 0 || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return false;
    const mark = event.target instanceof Element ? event.target.closest(".prose-mark") : null;
    if (!mark) return false;
    // A double or triple click selects a word or a line, and a single click that ends with a
    // selection was a drag: those are about selecting. A click without a count (detail 0: a
    // script's, an assistive tool's) opens it as a single click does.
    if (event.detail > 1 || (event.detail === 1 && !view.state.selection.main.empty)) return false;
    // The mark's own start: exact, where a point's position can fall just outside the word.
    openProsePopup(view, view.posAtDOM(mark), false, 1);
    return false;
  },
});

/** Spelling and grammar marks and their popup, fed by `source`. While it is on, the
 *  browser's own spell checking is off, so a word is never underlined twice. */
export function proseLint(source: ProseSource): Extension {
  return [
    proseSource.of(source),
    proseField,
    popupField,
    requester,
    hover,
    popupKeys,
    clicks,
    Prec.high(EditorView.contentAttributes.of(() => (source.enabled() ? { spellcheck: "false" } : null))),
  ];
}
