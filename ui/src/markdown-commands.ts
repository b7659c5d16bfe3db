// Markdown editing commands for the body editor: bold, italic and link toggles (Ctrl+B, Ctrl+I,
// Ctrl+K) and list continuation on Enter. Each is a CodeMirror StateCommand, a function from a
// state to one transaction, so it is tested in node without a DOM (markdown-commands.test.ts,
// `|` marking the cursor). It owns the Markdown syntax of these edits; it must never touch the
// DOM, the view or the post model.
//
// Why not lang-markdown's own `insertNewlineContinueMarkup`: on an empty item after another item
// it turns the list loose (inserts a blank line and a new marker) instead of ending it, and the
// writer then needs a second Enter; here Enter on an empty item always ends the list.
import { EditorSelection, type EditorState, type StateCommand, type Transaction } from "@codemirror/state";
import { syntaxTree } from "@codemirror/language";

type Dispatch = (tr: Transaction) => void;

const WORD = /[\p{L}\p{N}_'’-]/u;

/** The word around `pos` (letters, digits, apostrophes, hyphens), or null outside a word. */
function wordAt(state: EditorState, pos: number): { from: number; to: number } | null {
  const line = state.doc.lineAt(pos);
  const text = line.text;
  let start = pos - line.from;
  let end = start;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  while (end < text.length && WORD.test(text[end])) end++;
  if (start === end) return null;
  return { from: line.from + start, to: line.from + end };
}

/** How many `ch` characters run backwards from `pos` (exclusive) and forwards from `end`. */
function runBefore(state: EditorState, pos: number, ch: string): number {
  let n = 0;
  while (pos - n > 0 && state.sliceDoc(pos - n - 1, pos - n) === ch) n++;
  return n;
}

function runAfter(state: EditorState, pos: number, ch: string): number {
  let n = 0;
  const len = state.doc.length;
  while (pos + n < len && state.sliceDoc(pos + n, pos + n + 1) === ch) n++;
  return n;
}

/** Whether a run of `count` marker characters holds emphasis of `size` (1 italic, 2 bold):
 *  `***x***` is both; `**x**` is bold but not italic. */
function holds(count: number, size: number): boolean {
  if (size === 2) return count >= 2;
  return count === 1 || count >= 3;
}

/**
 * Toggles emphasis of `size` (1 italic, 2 bold) on every selection range:
 * - a selection already wrapped (`**|word|**`), or one that includes its markers
 *   (`|**word**|`), is unwrapped;
 * - any other selection is wrapped and stays selected;
 * - a cursor inside a word toggles that word; a cursor between empty markers (`**|**`)
 *   removes them; elsewhere it inserts an empty pair with the cursor between.
 */
export function toggleEmphasis(size: 1 | 2): StateCommand {
  return ({ state, dispatch }: { state: EditorState; dispatch: Dispatch }) => {
    if (state.readOnly) return false;
    const markers = ["*", "_"];
    const tr = state.changeByRange((range) => {
      let { from, to } = range;
      const wasCursor = range.empty;
      if (wasCursor) {
        for (const ch of markers) {
          const before = runBefore(state, from, ch);
          const after = runAfter(state, from, ch);
          if (before === after && holds(before, size) && before === size) {
            // `**|**`: an empty pair, taken back out.
            return {
              changes: [
                { from: from - size, to: from, insert: "" },
                { from, to: from + size, insert: "" },
              ],
              range: EditorSelection.cursor(from - size),
            };
          }
        }
        const word = wordAt(state, from);
        if (!word) {
          const pair = "*".repeat(size);
          return { changes: { from, insert: pair + pair }, range: EditorSelection.cursor(from + size) };
        }
        ({ from, to } = word);
      }
      // The markers just outside the selection.
      for (const ch of markers) {
        const before = runBefore(state, from, ch);
        const after = runAfter(state, to, ch);
        if (holds(before, size) && holds(after, size)) {
          const cursorShift = wasCursor ? range.from - size : null;
          return {
            changes: [
              { from: from - size, to: from, insert: "" },
              { from: to, to: to + size, insert: "" },
            ],
            range: cursorShift !== null ? EditorSelection.cursor(cursorShift) : EditorSelection.range(from - size, to - size),
          };
        }
      }
      // The markers just inside the selection.
      const text = state.sliceDoc(from, to);
      for (const ch of markers) {
        const lead = text.length - text.replace(new RegExp(`^\\${ch}+`), "").length;
        const trail = text.length - text.replace(new RegExp(`\\${ch}+$`), "").length;
        if (text.length > 2 * size && holds(lead, size) && holds(trail, size)) {
          return {
            changes: [
              { from, to: from + size, insert: "" },
              { from: to - size, to, insert: "" },
            ],
            range: EditorSelection.range(from, to - 2 * size),
          };
        }
      }
      const pair = "*".repeat(size);
      return {
        changes: [
          { from, insert: pair },
          { from: to, insert: pair },
        ],
        range: wasCursor ? EditorSelection.cursor(range.from + size) : EditorSelection.range(from + size, to + size),
      };
    });
    dispatch(state.update(tr, { scrollIntoView: true, userEvent: "input.format" }));
    return true;
  };
}

export const toggleBold = toggleEmphasis(2);
export const toggleItalic = toggleEmphasis(1);

const URL_LIKE = /^(?:https?:\/\/|mailto:|www\.)\S+$/i;
const INLINE_LINK = /\[([^\]\n]*)\]\(([^)\n]*)\)/g;

/**
 * Ctrl+K. Inside an existing `[text](url)` it removes the link and keeps the text. A selected
 * URL becomes `[|](url)` with the cursor in the brackets for the text; other selected text
 * becomes `[text](|)` with the cursor ready for the URL; a bare cursor inserts `[|]()`.
 */
export const toggleLink: StateCommand = ({ state, dispatch }) => {
  if (state.readOnly) return false;
  const tr = state.changeByRange((range) => {
    const line = state.doc.lineAt(range.from);
    if (range.to <= line.to) {
      for (const m of line.text.matchAll(INLINE_LINK)) {
        const start = line.from + m.index!;
        const end = start + m[0].length;
        if (range.from >= start && range.to <= end && !(range.empty && (range.from === start || range.from === end))) {
          const text = m[1];
          return {
            changes: { from: start, to: end, insert: text },
            range: EditorSelection.range(start, start + text.length),
          };
        }
      }
    }
    const selected = state.sliceDoc(range.from, range.to);
    if (!range.empty && URL_LIKE.test(selected.trim())) {
      return {
        changes: { from: range.from, to: range.to, insert: `[](${selected.trim()})` },
        range: EditorSelection.cursor(range.from + 1),
      };
    }
    if (!range.empty) {
      const insert = `[${selected}]()`;
      return {
        changes: { from: range.from, to: range.to, insert },
        range: EditorSelection.cursor(range.from + insert.length - 1),
      };
    }
    return { changes: { from: range.from, insert: "[]()" }, range: EditorSelection.cursor(range.from + 1) };
  });
  dispatch(state.update(tr, { scrollIntoView: true, userEvent: "input.format" }));
  return true;
};

/** A line's list or quote markup, split so the next line's can be built from it. */
export type LinePrefix = {
  /** Indentation and `>` markers before the list marker (or the whole prefix of a quote). */
  outer: string;
  /** The list marker: `-`, `*`, `+`, or a number with `.` or `)`; "" for a plain quote line. */
  marker: string;
  /** The space after the marker, and a task box if any (`[ ] `). */
  after: string;
  task: boolean;
  /** Length of the whole prefix; the item's text starts here. */
  length: number;
};

const LIST_LINE = /^((?:[ \t]*>[ \t]?)*[ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)(\[[ xX]\][ \t]+|\[[ xX]\]$)?/;
const QUOTE_LINE = /^((?:[ \t]*>[ \t]?)+)/;

export function linePrefix(text: string): LinePrefix | null {
  // A thematic break (`---`, `* * *`) is not a list item.
  if (/^[ \t>]*([-*_])([ \t]*\1){2,}[ \t]*$/.test(text)) return null;
  const list = LIST_LINE.exec(text);
  if (list) {
    const [whole, outer, marker, space, task] = list;
    return { outer, marker, after: (space || " ") + (task ? "[ ] " : ""), task: !!task, length: whole.length };
  }
  const quote = QUOTE_LINE.exec(text);
  if (quote) return { outer: quote[1], marker: "", after: "", task: false, length: quote[1].length };
  return null;
}

function nextMarker(marker: string, step = 1): string {
  const m = /^(\d+)([.)])$/.exec(marker);
  if (!m) return marker;
  return `${Number(m[1]) + step}${m[2]}`;
}

/** Whether `pos` sits in code, where Markdown markup means nothing. */
function inCode(state: EditorState, pos: number): boolean {
  for (let node: ReturnType<typeof syntaxTree>["topNode"] | null = syntaxTree(state).resolveInner(pos, -1); node; node = node.parent) {
    if (node.name === "FencedCode" || node.name === "CodeBlock" || node.name === "InlineCode" || node.name === "FrontMatter") return true;
  }
  return false;
}

/**
 * Enter in a list item or a quote: the next line gets the same markup (bullets as they are,
 * numbers counting up and the items after renumbered, task boxes unchecked, `>` kept). Enter on
 * an item with no text ends the list: its markup is removed. Does nothing (returns false, so
 * the plain newline runs) outside lists and quotes, in code, or with a selection.
 */
export const continueList: StateCommand = ({ state, dispatch }) => {
  if (state.readOnly || state.selection.ranges.some((r) => !r.empty)) return false;
  const pos = state.selection.main.head;
  if (state.selection.ranges.length > 1) return false;
  const line = state.doc.lineAt(pos);
  const prefix = linePrefix(line.text);
  if (!prefix || pos - line.from < prefix.length || inCode(state, pos)) return false;
  const rest = line.text.slice(prefix.length);
  if (rest.trim() === "" && pos === line.to) {
    // An empty item ends the list (inside a quote, the quote goes on); an empty quote line
    // leaves one level of quoting. A blank line (`>` inside a quote) goes before what comes
    // next, or the next line would be read as a lazy continuation of the item or quote.
    let keep = prefix.marker
      ? prefix.outer.includes(">") ? prefix.outer : ""
      : prefix.outer.replace(/[ \t]*>[ \t]?$/, "");
    if (/>$/.test(keep)) keep += " ";
    const insert = keep.trimEnd() + "\n" + keep;
    dispatch(
      state.update({
        changes: { from: line.from, to: line.to, insert },
        selection: EditorSelection.cursor(line.from + insert.length),
        scrollIntoView: true,
        userEvent: "input",
      }),
    );
    return true;
  }
  const numbered = /^\d/.test(prefix.marker);
  const following = numbered ? followingItems(state, line.number, prefix) : [];
  // Lazy numbering (`1.` on every item) stays lazy.
  const lazy = numbered && following.length > 0 && following[0].marker === prefix.marker;
  const marker = lazy ? prefix.marker : nextMarker(prefix.marker);
  const insert = "\n" + prefix.outer + marker + prefix.after;
  // The text after the cursor moves to the new item; the spaces around the split go.
  const moved = line.text.slice(pos - line.from);
  const kept = line.text.slice(prefix.length, pos - line.from);
  const from = pos - (kept.length - kept.trimEnd().length);
  const changes = [{ from, to: pos + moved.length - moved.trimStart().length, insert }];
  let expect = marker;
  if (numbered && !lazy) {
    for (const item of following) {
      expect = nextMarker(expect);
      if (item.marker === expect) break;
      changes.push({ from: item.from, to: item.from + item.marker.length, insert: expect });
    }
  }
  dispatch(
    state.update({
      changes,
      selection: EditorSelection.cursor(from + insert.length),
      scrollIntoView: true,
      userEvent: "input",
    }),
  );
  return true;
};

/** The numbered items after line `lineNo` in the same list (same outer prefix), with where
 *  their numbers sit; continuation lines and nested items between them are skipped. */
function followingItems(state: EditorState, lineNo: number, prefix: LinePrefix): Array<{ from: number; marker: string }> {
  const items: Array<{ from: number; marker: string }> = [];
  const delimiter = prefix.marker.slice(-1);
  for (let n = lineNo + 1; n <= state.doc.lines; n++) {
    const line = state.doc.line(n);
    if (line.text.trim() === "") {
      const next = n < state.doc.lines ? linePrefix(state.doc.line(n + 1).text) : null;
      if (next && next.outer === prefix.outer && next.marker.endsWith(delimiter) && /^\d/.test(next.marker)) continue;
      break;
    }
    const p = linePrefix(line.text);
    if (p && p.outer === prefix.outer && /^\d/.test(p.marker) && p.marker.endsWith(delimiter)) {
      items.push({ from: line.from + p.outer.length, marker: p.marker });
      continue;
    }
    const indent = /^[ \t]*/.exec(line.text)![0].length;
    if (indent > prefix.outer.length) continue; // a continuation line or a nested list
    break;
  }
  return items;
}
