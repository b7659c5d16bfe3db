// Test and debug notation for editor states: `|` marks the cursor, two `|` mark a selection
// from the first to the second (anchor first). DOM-free; used by the command tests in node.
import { EditorSelection, EditorState, type Extension } from "@codemirror/state";

export function stateOf(marked: string, extensions: Extension[] = []): EditorState {
  const first = marked.indexOf("|");
  if (first < 0) throw new Error(`no cursor in ${JSON.stringify(marked)}`);
  const second = marked.indexOf("|", first + 1);
  const doc = marked.replace(/\|/g, "");
  const selection = second < 0 ? EditorSelection.cursor(first) : EditorSelection.range(first, second - 1);
  return EditorState.create({ doc, selection, extensions });
}

/** The text with the main selection marked back in, `|` at each end (one for a cursor). */
export function markedOf(state: EditorState): string {
  const { from, to, empty } = state.selection.main;
  const doc = state.doc.toString();
  if (empty) return doc.slice(0, from) + "|" + doc.slice(from);
  return doc.slice(0, from) + "|" + doc.slice(from, to) + "|" + doc.slice(to);
}
